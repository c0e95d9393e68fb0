"""One error catalogue and one version: every code veille uses is documented in one place."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import veille
from veille.engine.errors import EngineError
from veille.errors import CATALOGUE, ExitCode, VeilleError
from veille.serve.errors import ServeError
from veille.store.errors import StoreError

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "veille"
CODE = re.compile(r"E0\d\d(?!\d)")


def codes_in_source() -> dict[str, str]:
    """Every ``E0xx`` a string literal of src/ starts with (f-string parts too) -> where it is."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                m = CODE.match(node.value)
                if m:
                    found.setdefault(m.group(), f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_code_in_the_source_is_in_the_catalogue() -> None:
    missing = {code: where for code, where in codes_in_source().items() if code not in CATALOGUE}
    assert missing == {}


def test_the_scan_finds_codes_used_only_as_strings() -> None:
    """The codes corpus readers record as failures (never raised) are seen too."""
    assert {"E000", "E024", "E026", "E027", "E028", "E029", "E056"} <= set(codes_in_source())


@pytest.mark.parametrize("cls", [VeilleError, StoreError, ServeError, EngineError])
def test_every_error_class_uses_the_one_catalogue(cls: type[VeilleError]) -> None:
    assert cls.catalogue is CATALOGUE


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_entry_has_a_known_exit_code_and_formats(code: str) -> None:
    exit_code, _template, hint = CATALOGUE[code]
    assert isinstance(exit_code, ExitCode), code
    error = VeilleError(code, "input", "detail")
    assert error.exit_code == exit_code and hint and "\n" not in error.one_line()
    assert "{" not in error.reason, code


def test_the_readme_lists_every_exit_code() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    table = set(re.findall(r"^\| (\d+) \|", readme, re.MULTILINE))
    assert {str(int(c)) for c in ExitCode} <= table


def test_cli_version_is_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    from veille.cli import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"veille, version {veille.__version__}"


def test_a_raiser_can_name_a_better_hint() -> None:
    """The catalogue's hint is the default; the command that knows its own --help says so."""
    assert VeilleError("E025", "x").hint == CATALOGUE["E025"][2]
    error = StoreError("E025", "parquet", "give a file", "see `veille export --help`")
    assert error.one_line() == "E025: parquet: invalid value (give a file) — see `veille export --help`"
