"""Corpus readers: files and folders, JSONL, feeds over a local server, WARC; bad items become failures."""

from __future__ import annotations

import gzip
import json
import threading
import time
from pathlib import Path

import pytest

from conftest import SAMPLES, shared_path
from corpus_fixtures import BILLION_LAUGHS, html_page, rss, warc_bytes
from veille.options import Options
from veille.read.corpus import CorpusOptions, Failure, Item, Unchanged, iter_sources
from veille.read.corpus_web import PoliteClient, check_xml, iter_feed

FAST = CorpusOptions(delay=0.0, backoff=0.01)


def entries(*sources: str, corpus: CorpusOptions = FAST, validators=None) -> list:
    kwargs = {"validators": validators} if validators else {}
    return list(iter_sources(sources, Options(timeout=5, allow_private=True), corpus, **kwargs))


def test_files_and_folders_in_name_order_gz_included_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Deuxième article.\n\nAvec un paragraphe.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html.gz").write_bytes(gzip.compress(html_page("Titre", ["Un paragraphe."])))
    (tmp_path / "a.txt").write_text("Premier article.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("caché", encoding="utf-8")
    got = entries(str(tmp_path), str(tmp_path / "missing.txt"))
    items = [e for e in got if isinstance(e, Item)]
    assert [Path(i.locator).name for i in items] == ["a.txt", "b.txt", "c.html.gz"]
    assert items[2].data.startswith(b"<html>")  # decompressed
    assert got[-1] == Failure(str(tmp_path / "missing.txt"), str(tmp_path / "missing.txt"), "E001",
                              "no such file or folder")


def test_a_plain_file_has_the_id_veille_analyze_gives_it() -> None:
    import veille

    [item] = entries(str(SAMPLES / "fr-visite-dakar.txt"))
    assert item.key == veille.analyze(str(SAMPLES / "fr-visite-dakar.txt")).id


def test_jsonl_default_fields_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 1, "url": "https://a.example/1", "title": "Un", "text": "Texte un.", "published": "2024-01-02",
                    "lang": "fr"}),
        "{not json",
        json.dumps({"id": 3, "title": "Sans texte"}),
        "",
        json.dumps(["a list"]),
        json.dumps({"id": 6, "html": "<p>Du HTML.</p>", "language": "en"}),
    ]
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = entries(str(path))
    assert len(got) == 5
    first = got[0]
    assert isinstance(first, Item)
    assert (first.external_id, first.url, first.title, first.published, first.language, first.data) == (
        "1", "https://a.example/1", "Un", "2024-01-02", "fr", b"Texte un.")
    assert first.locator == f"{path}:1"
    assert [(f.item.rsplit(":", 1)[1], f.code) for f in got[1:4]] == [("2", "E029"), ("3", "E008"), ("5", "E029")]
    assert got[4].content_type == "text/html" and got[4].language == "en"


def test_jsonl_field_mapping_and_stable_keys(tmp_path: Path) -> None:
    row = {"id": 9, "file": "9.json", "title": "T", "heading": "Le chapeau.", "article": "Le corps.", "date": "2020-07-02"}
    path = tmp_path / "o.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps(row) + "\n" + json.dumps({**row, "id": 10}) + "\n").encode()))
    corpus = CorpusOptions(fields={"text": "article", "standfirst": "heading", "published": "date"})
    a, b = entries(str(path), corpus=corpus)
    assert (a.standfirst, a.published, a.data) == ("Le chapeau.", "2020-07-02", b"Le corps.")
    assert a.key != b.key  # same content under another id: another item (stored as a duplicate)
    assert a.key == next(iter(entries(str(path), corpus=corpus))).key  # read again: the same id
    changed = Item(**{**a.__dict__, "title": "Autre"})
    assert changed.key != a.key


@pytest.mark.shared
def test_orangesum_lines_with_the_documented_mapping(tmp_path: Path) -> None:
    source = shared_path("data", "orangesum", "orangesum_parsed.jsonl.gz")
    corpus = CorpusOptions(fields={"text": "article", "standfirst": "heading", "published": "date"})
    got = []
    for entry in iter_sources([str(source)], Options(), corpus):
        got.append(entry)
        if len(got) == 20:
            break
    assert all(isinstance(e, Item) for e in got)
    assert all(e.title and e.published and len(e.data) > 100 for e in got)
    assert sum(bool(e.standfirst) for e in got) >= 15  # a few lines have no heading
    assert got[0].external_id == "2" and got[0].published == "2020-07-02"


# -- WARC ----------------------------------------------------------------------------------------

PAGES = [(f"http://site.example/{i}", html_page(f"Titre {i}", [f"Paragraphe numéro {i}. " * 20])) for i in range(3)]


@pytest.mark.parametrize("gz", [True, False])
def test_warc_responses_become_items(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("c.warc.gz" if gz else "c.warc")
    path.write_bytes(warc_bytes(PAGES, gz=gz))
    got = entries(str(path))
    assert [e.url for e in got] == [u for u, _ in PAGES]
    assert all(isinstance(e, Item) and e.external_id.startswith("<urn:uuid:") for e in got)
    assert got[1].data == PAGES[1][1]


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_keeps_whole_records_and_records_a_failure(tmp_path: Path, gz: bool) -> None:
    data = warc_bytes(PAGES, gz=gz)
    path = tmp_path / ("t.warc.gz" if gz else "t.warc")
    path.write_bytes(data[: len(data) - 200])
    got = entries(str(path))
    assert [e.url for e in got if isinstance(e, Item)] == [u for u, _ in PAGES[:2]]
    assert isinstance(got[-1], Failure) and got[-1].code == "E028" and "truncated" in got[-1].reason


def test_garbage_named_warc_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(b"this is not a warc file at all\r\n" * 10)
    [failure] = entries(str(path))
    assert isinstance(failure, Failure) and failure.code == "E028"


# -- feeds ---------------------------------------------------------------------------------------

def test_billion_laughs_is_refused_without_expansion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused before any XML parser sees it (its speed: benchmarks/bench_hostile.py)."""
    import defusedxml.ElementTree
    import feedparser

    def parser_called(*args: object, **kwargs: object) -> None:
        raise AssertionError("the feed reached an XML parser")

    monkeypatch.setattr(feedparser, "parse", parser_called)
    monkeypatch.setattr(defusedxml.ElementTree, "fromstring", parser_called)
    path = tmp_path / "lol.xml"
    path.write_bytes(BILLION_LAUGHS)
    [failure] = entries(str(path))
    assert isinstance(failure, Failure) and failure.code == "E027" and "entities" in failure.reason
    assert check_xml(BILLION_LAUGHS)


def test_external_entities_are_refused() -> None:
    xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel>&x;</channel></rss>'
    assert check_xml(xxe)
    [failure] = list(iter_feed(xxe, "x.rss", None, Options(), FAST))
    assert failure.code == "E027"


@pytest.mark.parametrize("data", [b"<rss><channel><title>cut", b"\x00\x01binary", b"<html><body>not a feed</body></html>"])
def test_malformed_feeds_are_failures(data: bytes) -> None:
    got = list(iter_feed(data, "bad.rss", None, Options(), FAST))
    assert got and all(isinstance(e, Failure) for e in got)


def test_feed_entries_without_fetching_use_their_summary(tmp_path: Path) -> None:
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><language>en</language>'
            b"<item><title>One</title><link>http://127.0.0.1:9/one</link><description>&lt;p&gt;The summary "
            b"of the first entry.&lt;/p&gt;</description><pubDate>Wed, 27 Nov 2024 08:00:00 GMT</pubDate></item>"
            b"</channel></rss>")
    path = tmp_path / "f.rss"
    path.write_bytes(feed)
    [item] = entries(str(path), corpus=CorpusOptions(follow_entries=False))
    assert (item.title, item.published, item.language, item.url) == ("One", "2024-11-27", "en", "http://127.0.0.1:9/one")
    assert b"summary of the first entry" in item.data


def test_feed_entries_are_fetched_politely(web, tmp_path: Path) -> None:
    web.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n")
    web.routes["/a"] = (200, {"Content-Type": "text/html", "ETag": '"a1"'}, html_page("Article A", ["Texte A. " * 30]))
    web.routes["/private/b"] = (200, {"Content-Type": "text/html"}, html_page("B", ["Texte B."]))
    flaky = {"n": 0}

    def sometimes(handler):
        flaky["n"] += 1
        if flaky["n"] == 1:
            return 503, {"Retry-After": "0"}, b"busy"
        return 200, {"Content-Type": "text/html"}, html_page("Article C", ["Texte C. " * 30])

    web.routes["/c"] = sometimes
    path = tmp_path / "feed.rss"
    path.write_bytes(rss([("A", f"{web.base}/a"), ("B", f"{web.base}/private/b"), ("C", f"{web.base}/c"),
                          ("D", f"{web.base}/missing")]))
    a, b, c, d = entries(str(path))
    assert isinstance(a, Item) and a.title == "A" and a.published == "2024-11-26" and a.language == "fr"
    assert b"Texte A." in a.data and a.fetched.etag == '"a1"'
    assert isinstance(b, Failure) and b.code == "E026"
    assert isinstance(c, Item) and b"Texte C." in c.data and flaky["n"] == 2
    assert isinstance(d, Failure) and d.code == "E007" and "404" in d.reason
    assert "/private/b" not in web.paths() and web.paths().count("/robots.txt") == 1
    assert all(h.get("User-Agent", "").startswith("veille/") for _, h in web.log)


def test_conditional_get_reports_unchanged(web, tmp_path: Path) -> None:
    def page(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"Content-Type": "text/html", "ETag": '"v1"'}, html_page("P", ["Texte. " * 30])

    web.routes["/p"] = page
    path = tmp_path / "feed.rss"
    path.write_bytes(rss([("P", f"{web.base}/p")]))
    [first] = entries(str(path))
    assert isinstance(first, Item) and first.fetched.etag == '"v1"'
    [again] = entries(str(path), validators=lambda url: ('"v1"', None))
    assert isinstance(again, Unchanged)


def test_a_url_feed_and_a_url_page(web) -> None:
    web.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, rss([("A", f"{web.base}/a")]))
    web.routes["/a"] = (200, {"Content-Type": "text/html"}, html_page("A", ["Texte. " * 30]))
    [via_feed] = entries(f"{web.base}/feed")
    [page] = entries(f"{web.base}/a")
    assert via_feed.data == page.data and via_feed.title == "A"
    [gone] = entries(f"{web.base}/nothing-here")
    assert isinstance(gone, Failure) and gone.code == "E007"


def test_per_host_limit_holds_under_many_threads(web) -> None:
    state = {"now": 0, "max": 0}
    lock = threading.Lock()

    def slow(handler):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.05)
        with lock:
            state["now"] -= 1
        return 200, {"Content-Type": "text/html"}, b"<p>ok</p>"

    for i in range(6):
        web.routes[f"/s{i}"] = slow
    client = PoliteClient(Options(timeout=5, allow_private=True), CorpusOptions(per_host=1, delay=0.0, fetch_threads=6,
                                                           respect_robots=False))
    threads = [threading.Thread(target=client.get, args=(f"{web.base}/s{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    client.close()
    assert state["max"] == 1


def test_delay_spaces_requests_to_one_host(web) -> None:
    web.routes["/x"] = (200, {}, b"x")
    client = PoliteClient(Options(timeout=5, allow_private=True), CorpusOptions(delay=0.2, respect_robots=False))
    started = time.perf_counter()
    for _ in range(3):
        client.get(f"{web.base}/x")
    client.close()
    assert time.perf_counter() - started >= 0.4


def test_retries_give_up_with_a_failure(web) -> None:
    web.routes["/down"] = (503, {}, b"down")
    client = PoliteClient(Options(timeout=5, allow_private=True), CorpusOptions(delay=0.0, backoff=0.01, retries=2, respect_robots=False))
    from veille.read.corpus_web import page_item

    failure = page_item(client, f"{web.base}/down", "src", None)
    client.close()
    assert isinstance(failure, Failure) and failure.code == "E007" and "after 3 tries" in failure.reason
    assert web.paths().count("/down") == 3


def test_robots_txt_unreachable_with_5xx_disallows(web) -> None:
    web.routes["/robots.txt"] = (500, {}, b"oops")
    web.routes["/a"] = (200, {}, b"<p>a</p>")
    client = PoliteClient(Options(timeout=5, allow_private=True), CorpusOptions(delay=0.0, backoff=0.01, retries=0))
    assert not client.allowed(f"{web.base}/a")
    client.close()
