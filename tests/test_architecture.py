"""The import contract between the stages (see docs/architecture.md).

The stage packages ``read``, ``repair``, ``understand``, ``link`` and ``store`` do not import
one another, nor the composers (``pipeline``, ``ingest``, ``cli*``, ``serve``, ``watch``,
``engine``) that join them; they share only the neutral modules below. Every import is
checked, those inside functions too, so a lazy import cannot hide a crossing.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "veille"
STAGES = ("read", "repair", "understand", "link", "store")
NEUTRAL = ("model", "options", "errors", "limits", "dates", "languages", "registry")
"""Top-level modules of ``veille`` every stage may use: the shared model and small utilities."""


def _module_of(path: Path) -> list[str]:
    """``src/veille/read/corpus.py`` -> ``["veille", "read", "corpus"]`` (a package: its name)."""
    parts = ["veille", *path.relative_to(SRC).with_suffix("").parts]
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported(path: Path) -> Iterator[tuple[int, str]]:
    """``(line, dotted name)`` of every import in the file, at any depth, relative ones made absolute."""
    module = _module_of(path)
    package = module if path.name == "__init__.py" else module[:-1]
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            if target == "veille":  # `from veille import model`: the names are modules
                for alias in node.names:
                    yield node.lineno, f"veille.{alias.name}"
            else:
                yield node.lineno, target


def crossings(path: Path) -> list[str]:
    """``file:line imports name`` for each import of a stage file that leaves its stage."""
    stage = path.relative_to(SRC).parts[0]
    out = []
    for line, name in sorted(imported(path)):
        parts = name.split(".")
        if parts[0] != "veille" or len(parts) < 2:
            continue
        if parts[1] != stage and parts[1] not in NEUTRAL:
            out.append(f"{path.relative_to(SRC.parent)}:{line} imports {name}")
    return out


def _stage_files() -> list[Path]:
    return sorted(p for stage in STAGES for p in (SRC / stage).rglob("*.py"))


@pytest.mark.parametrize("path", _stage_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_stages_do_not_import_one_another(path: Path) -> None:
    assert crossings(path) == []


def test_neutral_modules_import_no_stage() -> None:
    """The shared modules stay shared: none of them reaches into a stage or a composer."""
    found = [f"{name}.py:{line} imports {target}" for name in NEUTRAL
             for line, target in imported(SRC / f"{name}.py")
             if target.startswith("veille.") and target.split(".")[1] not in NEUTRAL]
    assert found == []


def test_the_checker_sees_every_kind_of_crossing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A top-level import, one inside a function, a relative one and ``from veille import x``
    are each reported with the file and the import (so the contract test can fail)."""
    src = tmp_path / "veille"
    monkeypatch.setitem(globals(), "SRC", src)
    (src / "link").mkdir(parents=True)
    bad = src / "link" / "bad.py"
    bad.write_text("from veille.model import Article\n"
                   "import veille.store.rows\n"
                   "def f():\n    from veille.understand.dates import find_dates\n"
                   "from ..read import corpus\n"
                   "from veille import pipeline, options\n"
                   "from .events import merge_events\n", "utf-8")
    assert crossings(bad) == [
        "veille/link/bad.py:2 imports veille.store.rows",
        "veille/link/bad.py:4 imports veille.understand.dates",
        "veille/link/bad.py:5 imports veille.read",
        "veille/link/bad.py:6 imports veille.pipeline",
    ]
