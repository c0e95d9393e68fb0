"""Shared test helpers: where ../shared is, and a skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
pytest_plugins = ["corpus_fixtures"]  # the store_target and web fixtures, for every test module

SHARED = Path(os.environ.get("VEILLE_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear message."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"third-party data not found at {path} (set VEILLE_SHARED to the shared/ folder)")
    return path


@pytest.fixture
def reference_article() -> Path:
    return shared_path("examples", "fr-poutine-kazakhstan.txt")
