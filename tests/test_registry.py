"""The registries of readers, store backends and export formats (see docs/architecture.md).

Each lists its built-in entries; an entry registered here (a reader of a made-up suffix,
a backend of a made-up scheme, a TSV exporter) is used end to end by the code that looks
the registry up; an unknown name is a coded error listing the known ones.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from veille.cli import main
from veille.errors import VeilleError
from veille.model import Article
from veille.options import Options
from veille.read.corpus import Failure, Item, iter_sources, kind_of
from veille.read.registry import FALLBACK, READERS, FileInput, register_reader
from veille.registry import Registry
from veille.store import BACKENDS, ArticleRecord, StoreError, open_store
from veille.store import query
from veille.store.exporters import EXPORTERS, ExportSpec, register_exporter

ROOT = Path(__file__).resolve().parent.parent


# -- the Registry class ---------------------------------------------------------------------------

def test_registry_registers_gets_and_lists_in_order() -> None:
    things: Registry[int] = Registry("thing")
    assert things.register("b")(2) == 2
    things.add("a", 1)
    assert things.names() == ("b", "a") and things.get("a") == 1 and "b" in things and len(things) == 2
    with pytest.raises(ValueError, match="already registered"):
        things.add("a", 3)
    things.add("a", 3, replace=True)
    assert things.get("a") == 3
    with pytest.raises(ValueError):
        things.add(" c", 4)
    assert things.remove("b") == 2 and things.names() == ("a",)


def test_an_unknown_name_is_a_coded_error_listing_the_known_ones() -> None:
    things: Registry[int] = Registry("thing")
    things.add("one", 1)
    things.add("two", 2)
    with pytest.raises(VeilleError) as err:
        things.get("three")
    assert err.value.code == "E048" and err.value.source == "three"
    assert "thing one of one, two" in err.value.one_line()
    with pytest.raises(VeilleError) as err:
        things.get("three", source="input.xyz")
    assert err.value.source == "input.xyz"
    stores: Registry[int] = Registry("store backend", code="E020", error=StoreError)
    with pytest.raises(StoreError) as store_err:
        stores.get("x")
    assert store_err.value.code == "E020" and store_err.value.exit_code == 7


# -- readers --------------------------------------------------------------------------------------

def test_the_built_in_readers_in_order_of_precedence() -> None:
    assert READERS.names() == ("jsonl", "warc", "feed", "page") and FALLBACK == "page"
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel>'
    assert [kind_of(Path(n)) for n in ("a.jsonl", "A.NDJSON.gz", "c.warc.gz", "d.arc", "e.rss", "f.xml", "g.html")] \
        == ["jsonl", "jsonl", "warc", "warc", "feed", "page", "page"]
    # a name that does not say is sniffed; a suffix that does is never overruled by the bytes
    assert [kind_of(Path(n), feed) for n in ("f.xml", "g.html", "noext", "a.jsonl")] == ["feed", "feed", "feed", "jsonl"]
    with pytest.raises(VeilleError) as err:
        READERS.get("docx")
    assert err.value.code == "E048" and "reader one of jsonl, warc, feed, page" in err.value.reason


@pytest.fixture
def pipe_reader() -> Iterator[None]:
    """A reader of ``.pipe`` files, ``id|text`` per line, and of files whose first bytes are ``PIPE1``."""

    def read(job: FileInput) -> Iterator[Item | Failure]:
        for n, line in enumerate(job.path.read_bytes().splitlines(), 1):
            ident, sep, text = line.partition(b"|")
            if not sep:
                yield Failure(job.source, f"{job.source}:{n}", "E029", "no | in the line")
            else:
                yield Item(text, job.source, f"{job.source}:{n}", external_id=ident.decode())

    register_reader("pipe", suffixes=(".PIPE",), sniff=lambda head: head.startswith(b"PIPE1"))(read)
    yield
    READERS.remove("pipe")


def test_a_registered_reader_is_picked_by_iter_sources(pipe_reader: None, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.pipe").write_bytes(b"n1|Premier article.\nbad line\nn2|Second article.\n")
    (tmp_path / "in" / "b.txt").write_bytes(b"PIPE1|sniffed, not a page\n")
    (tmp_path / "in" / "c.txt").write_bytes(b"Un article ordinaire.")
    got = list(iter_sources([str(tmp_path / "in")], Options()))
    a, b, c = (str(tmp_path / "in" / n) for n in ("a.pipe", "b.txt", "c.txt"))
    assert [(type(e).__name__, e.item if isinstance(e, Failure) else e.locator) for e in got] == [
        ("Item", f"{a}:1"), ("Failure", f"{a}:2"), ("Item", f"{a}:3"), ("Item", f"{b}:1"), ("Item", c)]
    assert [e.external_id for e in got if isinstance(e, Item)] == ["n1", "n2", "PIPE1", None]
    assert kind_of(Path("x.pipe.gz")) == "pipe" and READERS.names()[-1] == "pipe"


# -- store backends -------------------------------------------------------------------------------

def test_the_built_in_backends_and_an_unknown_scheme(tmp_path: Path) -> None:
    assert BACKENDS.names() == ("sqlite", "postgresql", "postgres")
    with pytest.raises(StoreError) as err:
        open_store("mysql://user@host/db")
    assert err.value.code == "E020" and err.value.source == "mysql://user@host/db"
    assert "store backend one of sqlite, postgresql, postgres" in err.value.reason


def test_a_path_opens_sqlite_without_importing_psycopg(tmp_path: Path) -> None:
    code = ("import sys; from veille.store import open_store; s = open_store(sys.argv[1]); "
            "print(type(s).__name__, 'psycopg' in sys.modules, 'veille.store.postgres' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "x.db")], capture_output=True, text=True,
                          check=True, env={"PYTHONPATH": str(ROOT / "src")})
    assert done.stdout.split() == ["SQLiteStore", "False", "False"]


def test_a_registered_backend_opens_its_scheme(tmp_path: Path) -> None:
    opened: list[str] = []

    def open_mem(target: str | Path, create: bool = True, **kwargs: object):
        opened.append(str(target))
        return open_store(tmp_path / "mem.db", create=create)

    BACKENDS.add("memtest", open_mem)
    try:
        with open_store("memtest://anything") as s:
            s.write_article(ArticleRecord(Article(id="m1", source="m.txt", title="Mémoire"), content_hash="h"))
        assert query.articles("memtest://x")[0]["title"] == "Mémoire"
    finally:
        BACKENDS.remove("memtest")
    assert opened == ["memtest://anything", "memtest://x"]


# -- exporters ------------------------------------------------------------------------------------

def _tsv(rows: Iterator[dict], handle, spec: ExportSpec) -> int:
    handle.write("\t".join(spec.columns) + "\n")
    n = 0
    for n, row in enumerate(rows, 1):  # noqa: B007
        handle.write("\t".join(str(row.get(c) if row.get(c) is not None else "") for c in spec.columns) + "\n")
    return n


@pytest.fixture
def tsv() -> Iterator[None]:
    register_exporter("tsv", media_type="text/tab-separated-values; charset=utf-8")(_tsv)
    yield
    EXPORTERS.remove("tsv")


@pytest.fixture
def db(tmp_path: Path) -> str:
    target = str(tmp_path / "e.db")
    with open_store(target) as s:
        s.write_article(ArticleRecord(Article(id="a1", source="a.txt", title="Un titre"), content_hash="h1"))
    return target


def test_the_built_in_formats_and_an_unknown_one(db: str) -> None:
    assert EXPORTERS.names() == ("jsonl", "csv", "parquet", "geojson")
    assert EXPORTERS.get("parquet").binary and EXPORTERS.get("geojson").events_only
    with pytest.raises(StoreError) as err:
        query.export(db, "articles", "xlsx")
    assert err.value.code == "E025" and "format one of jsonl, csv, parquet, geojson" in err.value.reason


def test_a_registered_exporter_is_used_by_export_and_the_cli(tsv: None, db: str, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a.tsv"
    assert query.export(db, "articles", "tsv", out) == 1
    header, row = out.read_text("utf-8").splitlines()
    assert header.split("\t") == list(query.ARTICLE_COLUMNS) and row.split("\t")[4] == "Un titre"
    assert main(["export", "--db", db, "--format", "tsv"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("a1\t")
    assert main(["export", "--help"]) == 0
    assert "jsonl|csv|parquet|geojson|tsv" in capsys.readouterr().out
    assert main(["export", "--db", db, "--format", "xlsx"]) == 2


def test_a_registered_exporter_is_served_by_the_web_ui(tsv: None, db: str) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from veille.serve.web import create_app

    with TestClient(create_app(db)) as client:
        got = client.get("/events.tsv")
        assert got.status_code == 200 and got.headers["content-type"].startswith("text/tab-separated-values")
        assert got.text.split("\n")[0].split("\t")[:3] == ["id", "type", "mode"]
        assert 'href="/events.tsv"' in client.get("/events").text
        assert "/events.tsv" in client.get("/openapi.json").json()["paths"]
        assert client.get("/events.parquet").status_code == 404  # binary formats are not served
