"""Quality gate on the HTML path: veille's body must stay as good as trafilatura's.

Runs ``eval/extraction.py`` on a fixed subset of the Article Extraction
Benchmark (the first 40 pages sorted by id, read from ../shared) and checks
veille's token-level F1 against a pinned floor and against trafilatura alone on
the same pages. Measured when pinned (docs/evaluation.md): veille 0.9658,
trafilatura 0.9619 on this subset.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from conftest import ROOT, shared_path

SUBSET = 40
F1_FLOOR = 0.955
TOLERANCE = 0.005  # veille may trail trafilatura by this much on the subset, no more


def _load_eval() -> ModuleType:
    """Import eval/extraction.py (a script folder, not a package)."""
    path = ROOT / "eval" / "extraction.py"
    spec = importlib.util.spec_from_file_location("veille_eval_extraction", path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def aeb_subset() -> dict:
    """Summary of both extractors on the first AEB pages."""
    shared = shared_path("data", "aeb").parents[1]
    ev = _load_eval()
    rows = ev.run(ev.aeb_pages(shared, SUBSET))
    return ev.summarise_aeb(rows)


@pytest.mark.shared
def test_veille_f1_above_floor(aeb_subset):
    veille = aeb_subset["veille"]
    assert aeb_subset["pages"] == SUBSET
    assert veille["empty"] == 0, "veille found no text on some pages"
    assert veille["f1"] >= F1_FLOOR, f"veille AEB F1 {veille['f1']:.4f} fell under the floor {F1_FLOOR}"


@pytest.mark.shared
def test_veille_not_below_trafilatura(aeb_subset):
    veille, trafilatura = aeb_subset["veille"]["f1"], aeb_subset["trafilatura"]["f1"]
    assert veille >= trafilatura - TOLERANCE, (
        f"veille AEB F1 {veille:.4f} trails trafilatura alone {trafilatura:.4f} by more than {TOLERANCE}"
    )
