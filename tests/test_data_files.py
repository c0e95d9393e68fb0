"""Every JSON data file veille ships is well-formed and has no key given twice.

Python's json module keeps the last of two equal keys silently, so a list given
twice in one language block (an edit merged over another) would drop words
without a trace; this check makes it an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "veille"
DATA_FILES = sorted(p for p in SRC.rglob("*.json") if "__pycache__" not in p.parts)


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise ValueError(f"key {key!r} given twice")
        seen.add(key)
    return dict(pairs)


def test_data_files_found() -> None:
    names = {p.name for p in DATA_FILES}
    assert {"quotes.json", "coref.json", "linking.json", "fr.json", "en.json"} <= names


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_duplicate_keys(path: Path) -> None:
    try:
        json.loads(path.read_text("utf-8"), object_pairs_hook=_no_duplicates)
    except ValueError as err:
        pytest.fail(f"{path.relative_to(SRC)}: {err}")


def test_duplicate_keys_are_caught() -> None:
    with pytest.raises(ValueError, match="given twice"):
        json.loads('{"fr": {"a": [], "a": ["x"]}}', object_pairs_hook=_no_duplicates)
