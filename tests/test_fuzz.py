"""Property-based fuzzing (hypothesis) of the readers, repair and the store's query parameters.

The property everywhere: whatever the input, the outcome is a result or a coded
error (a :class:`~veille.errors.VeilleError`, or a corpus :class:`Failure` with a
catalogued code other than E000, the code of unexpected exceptions), never an
uncaught exception. The budget here is small so CI stays quick (about a minute);
``scripts/fuzz.py`` runs the same generators at scale (see docs/reliability.md).
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_inputs import (
    feed_bytes, html_bytes, json_lines, mutated, text_bytes, warc_input,
)
from veille.errors import CATALOGUE, VeilleError
from veille.ingest import IngestOptions, Processed, process_item
from veille.options import Options
from veille.pipeline import analyze_bytes
from veille.read.corpus import CorpusOptions, Failure, Item, iter_sources
from veille.store import StoreError, open_store, query

QUICK = Options(understand=False, max_bytes=2_000_000)
ITEMS = IngestOptions(jobs=1, understand=False, article=QUICK)
EXAMPLES = int(os.environ.get("VEILLE_FUZZ_EXAMPLES", "60"))
"""Examples per test: 60 in CI (derandomized, so a run is reproducible); raise it to fuzz longer."""
CI = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
              derandomize=EXAMPLES <= 60, database=None)


def _catalogued(code: str) -> bool:
    """A code veille documents for an input it refuses (E000, an unexpected exception, is in the
    catalogue but is a bug, so it fails here)."""
    return code in CATALOGUE and code != "E000"


def _analyze(data: bytes, name: str) -> None:
    try:
        analyze_bytes(data, name, QUICK)
    except VeilleError as exc:
        assert _catalogued(exc.code) and "\n" not in exc.one_line()


def _entries(path: Path) -> None:
    """Every entry of a file is an item or a coded failure; every item processes to an
    article or a coded failure."""
    for entry in iter_sources([str(path)], QUICK, CorpusOptions(follow_entries=False)):
        if isinstance(entry, Failure):
            assert _catalogued(entry.code), entry
            continue
        assert isinstance(entry, Item)
        out = process_item(entry, ITEMS)
        assert isinstance(out, Processed) or (isinstance(out, Failure) and _catalogued(out.code)), out


@CI
@given(data=st.binary(max_size=4096))
def test_any_bytes_as_text_or_html(data: bytes) -> None:
    _analyze(data, "input.txt")
    _analyze(data, "input.html")


@CI
@given(data=st.one_of(text_bytes(), html_bytes()).flatmap(lambda d: st.one_of(st.just(d), mutated(d))))
def test_generated_and_mutated_pages(data: bytes) -> None:
    _analyze(data, "page.html")
    _analyze(data, "page.txt")


@CI
@given(lines=json_lines(), gz=st.booleans())
def test_jsonl_files(tmp_path_factory: pytest.TempPathFactory, lines: bytes, gz: bool) -> None:
    path = tmp_path_factory.mktemp("jsonl") / ("dump.jsonl.gz" if gz else "dump.jsonl")
    path.write_bytes(gzip.compress(lines) if gz else lines)
    _entries(path)


@CI
@given(data=st.one_of(st.binary(max_size=2048), text_bytes().map(gzip.compress).flatmap(mutated)))
def test_gzip_files(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("gz") / "page.txt.gz"
    path.write_bytes(data)
    _entries(path)


@CI
@given(data=feed_bytes().flatmap(lambda d: st.one_of(st.just(d), mutated(d))))
def test_feeds(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("feed") / "feed.rss"
    path.write_bytes(data)
    _entries(path)


@CI
@given(data=warc_input(), gz=st.booleans())
def test_warc_files(tmp_path_factory: pytest.TempPathFactory, data: bytes, gz: bool) -> None:
    path = tmp_path_factory.mktemp("warc") / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data)
    _entries(path)


@CI
@given(texts=st.lists(st.one_of(st.sampled_from(["Bonjour.", "Une ligne assez longue pour compter, vraiment.",
                                                 "", "—", "Jean Dupont", "« Nous voulons la paix »"]),
                                st.text(max_size=80)), max_size=60))
def test_repair_on_any_units(texts: list[str]) -> None:
    from veille.model import Article, Block
    from veille.repair import repair

    article = Article(id="x", source="s", blocks=[Block(kind="paragraph", text=t) for t in texts])
    out = repair(article, QUICK)
    body = out.text
    assert all(body[b.start:b.end] == b.text for b in out.blocks)  # offsets point at the text
    assert all(0 <= r.position < len(texts) for r in out.removed)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    from corpus_fixtures import synthetic_corpus, write_jsonl
    from veille.ingest import ingest

    folder = tmp_path_factory.mktemp("store")
    src = write_jsonl(folder / "c.jsonl", synthetic_corpus(5))
    db = str(folder / "q.db")
    with open_store(db) as store:
        ingest([str(src)], store, IngestOptions(jobs=1, understand=False))
    return db


_text = st.one_of(st.text(max_size=40), st.text(min_size=1000, max_size=1100),
                  st.sampled_from(["\x00", "\ud800", "%", "_", "'", '"', "*", "NEAR(", "AND OR", "2024-13-45"]))
_PARAMS = {
    "text": _text, "what": st.one_of(st.sampled_from(["articles", "quotes", "events"]), _text),
    "limit": st.one_of(st.none(), st.integers(min_value=-(2**70), max_value=2**70)),
    "status": _text, "language": _text, "since": _text, "until": _text, "source": _text, "code": _text,
    "country": _text, "search": _text,
    "actor": st.lists(_text, max_size=3), "recipient": st.lists(_text, max_size=3), "type": st.lists(_text, max_size=3),
    "flag": st.lists(_text, max_size=3), "speaker": st.lists(_text, max_size=3),
}


@CI
@given(fn=st.sampled_from(["search", "iter_articles", "iter_failures", "iter_events", "merged_events", "iter_quotes",
                           "iter_actors", "iter_relations", "iter_stories"]),
       values=st.fixed_dictionaries({}, optional=_PARAMS))
def test_store_query_parameters(small_store: str, fn: str, values: dict) -> None:
    """Any value a caller gives a query ends in rows or a coded error (E025 bad choice, E046 a value no
    store takes), never a database error blamed on the store."""
    import inspect

    from veille.serve.merged import merged_events

    func = merged_events if fn == "merged_events" else getattr(query, fn)
    accepted = inspect.signature(func).parameters
    kwargs = {k: v for k, v in values.items() if k in accepted}
    if fn == "search":
        kwargs.setdefault("text", "grève")
    if isinstance(kwargs.get("type"), list) and "type" in accepted and fn in ("iter_actors",):
        kwargs["type"] = kwargs["type"][0] if kwargs["type"] else None
    try:
        list(func(small_store, **kwargs))
    except StoreError as exc:
        assert exc.code in ("E025", "E046"), exc


def test_fuzz_inputs_module_makes_every_kind() -> None:
    """The generators used here and by scripts/fuzz.py produce what they promise."""
    from hypothesis import find

    assert find(warc_input(), lambda d: d.startswith(b"WARC/1.")).startswith(b"WARC/1.")
    assert find(json_lines(), lambda d: d.startswith(b"{")).startswith(b"{")
    assert b"<rss" in find(feed_bytes(), lambda d: b"<rss" in d)
    assert b"<p>" in find(html_bytes(), lambda d: b"<p>" in d)
