"""Hostile and broken inputs (issue 11): each gives a coded error or a recorded failure,
never a traceback, a hang or a memory blow-up, and the batch goes on.

Every input is generated here; nothing large is kept in the repository. Memory is
checked with tracemalloc peaks (what Python allocates), never with timings.
"""

from __future__ import annotations

import gzip
import importlib
import json
import os
import random
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from corpus_fixtures import html_page, synthetic_corpus, write_jsonl
from veille.cli import main
from veille.errors import VeilleError
from veille.ingest import IngestOptions, ingest
from veille.options import Options
from veille.pipeline import analyze_bytes
from veille.read.corpus import CorpusOptions, Failure, Item, iter_sources
from veille.repair.repeats import find_repeats
from veille.store import open_store, query

QUICK = Options(understand=False)
FAST = IngestOptions(jobs=1, understand=False, corpus=CorpusOptions(delay=0.0, backoff=0.01))


def _run(sources: list[str], db: Path, options: IngestOptions = FAST):
    with open_store(str(db)) as store:
        return ingest(sources, store, options)


def _codes(db: Path) -> list[str]:
    return sorted(r["code"] for r in query.failures(db))


def _peak(func, *args, **kwargs) -> tuple[object, int]:
    """``func(*args)`` and the peak of Python allocations meanwhile, in bytes."""
    tracemalloc.start()
    try:
        result = func(*args, **kwargs)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- 1. repeated units: linear, whatever the input ---------------------------------------------------


def _reference_repeats(texts: list[str], min_chars: int = 40) -> list[tuple[int, int, int]]:
    """The former quadratic implementation, the specification the linear one must match."""
    from veille.repair.normalize import unit_key

    seen: dict[str, list[int]] = {}
    earlier: list[list[int]] = []
    for i, text in enumerate(texts):
        key = unit_key(text)
        earlier.append(list(seen.get(key, ())) if key else [])
        if key:
            seen.setdefault(key, []).append(i)
    runs: list[list[int]] = []
    for i, prev in enumerate(earlier):
        if not prev:
            continue
        if runs and runs[-1][-1] == i - 1 and any(p + 1 in set(prev) for p in earlier[i - 1]):
            runs[-1].append(i)
        else:
            runs.append([i])
    out: list[tuple[int, int, int]] = []
    for run in runs:
        long_units = [i for i in run if len(texts[i]) >= min_chars]
        if len(run) >= 2 and long_units:
            out += [(i, earlier[i][0], len(run)) for i in run]
        else:
            out += [(i, earlier[i][0], 1) for i in long_units]
    return sorted(out)


def test_find_repeats_decides_as_before() -> None:
    rng = random.Random(11)
    pool = ["a", "b" * 50, "c", "d" * 45, "", "!!", "e", "f" * 60, "A", "B" * 50]
    for _ in range(3000):
        texts = [rng.choice(pool[:rng.randint(1, len(pool))]) for _ in range(rng.randint(0, 30))]
        got = sorted((r.index, r.first, r.block_size) for r in find_repeats(texts))
        assert got == _reference_repeats(texts), texts


def test_fifty_thousand_identical_lines_stay_small() -> None:
    texts = ["Bonjour."] * 50_000
    repeats, peak = _peak(find_repeats, texts)
    assert repeats == []  # short units repeated alone stay
    assert peak < 60_000_000  # the quadratic version held 1.25 billion list slots here
    long_texts = ["Une phrase assez longue pour compter comme un paragraphe répété."] * 50_000
    repeats, peak = _peak(find_repeats, long_texts)
    assert len(repeats) == 49_999 and peak < 60_000_000


@pytest.mark.parametrize("page", [
    "<ul>" + "<li>Le même élément de liste</li>" * 50_000 + "</ul>",
    "<table>" + "<tr><td>Ligne</td><td>valeur</td></tr>" * 20_000 + "</table>",
])
def test_huge_lists_and_tables_finish(page: str) -> None:
    html = f"<html><body><article><h1>Titre</h1>{page}</article></body></html>".encode()
    article = analyze_bytes(html, "big.html", QUICK)
    assert article.format == "html" and article.blocks


def test_fifty_thousand_repeated_lines_through_analyze() -> None:
    article = analyze_bytes(b"Bonjour.\n" * 50_000, "rep.txt", QUICK)
    assert len(article.blocks) == 50_000


# -- 2. one bad item never aborts the batch -----------------------------------------------------------


def test_deep_json_line_is_a_failure_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = synthetic_corpus(2, near_every=99, exact_every=99)
    src = tmp_path / "deep.jsonl"
    src.write_text(json.dumps(good[0]) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n" + json.dumps(good[1]) + "\n")
    stats = _run([str(src)], tmp_path / "d.db")
    assert (stats.new, stats.failed) == (2, 1) and _codes(tmp_path / "d.db") == ["E038"]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_stored_printable(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = synthetic_corpus(1)[0]["text"].encode()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes(text)
    (folder / "b.txt").write_bytes(synthetic_corpus(2, near_every=99, exact_every=99)[1]["text"].encode())
    stats = _run([str(folder)], tmp_path / "n.db")
    assert (stats.new, stats.failed) == (2, 0)
    sources = sorted(r["source"] for r in query.articles(tmp_path / "n.db"))
    assert sources[1].endswith("caf\\xe9.txt")


# -- 3. memory stays flat in readers -------------------------------------------------------------------


def test_a_jsonl_gz_bomb_is_stopped_early(tmp_path: Path) -> None:
    src = tmp_path / "nul.jsonl.gz"
    with gzip.open(src, "wb", compresslevel=9) as handle:
        block = b"\x00" * (1 << 20)
        for _ in range(300):  # 300 MB of NULs, about 300 KB on disk
            handle.write(block)
    entries, peak = _peak(lambda: list(iter_sources([str(src)], QUICK)))
    assert [e.code for e in entries] == ["E037"] and peak < 50_000_000


def test_a_long_jsonl_line_of_spaces_is_a_failure_read_in_steps(tmp_path: Path) -> None:
    src = tmp_path / "spaces.jsonl"
    with src.open("wb") as handle:
        handle.write(json.dumps({"id": "ok", "text": "Un texte court mais réel, avec des mots."}).encode() + b"\n")
        for _ in range(40):
            handle.write(b" " * (1 << 20))  # a 40 MB line, twice the limit
        handle.write(b"\n")
    entries, peak = _peak(lambda: list(iter_sources([str(src)], QUICK.with_(max_bytes=20_000_000))))
    assert isinstance(entries[0], Item) and [e.code for e in entries[1:]] == ["E005"]
    assert peak < 60_000_000


def test_empty_gz_and_empty_jsonl_leave_failures(tmp_path: Path) -> None:
    (tmp_path / "page.txt.gz").write_bytes(b"")
    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress(b""))
    (tmp_path / "dump2.jsonl").write_bytes(b"\n\n")
    entries = list(iter_sources([str(tmp_path)], QUICK))
    assert [(Path(e.item).name, e.code) for e in entries] == [
        ("dump.jsonl.gz", "E003"), ("dump2.jsonl", "E003"), ("page.txt.gz", "E003")]


# -- 4. and 5. fetching: addresses, redirects, deadline, size, breaker --------------------------------


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
    "224.0.0.1", "255.255.255.255", "240.0.0.1", "192.0.2.1", "::1", "::", "fe80::1", "fc00::1", "fd12::1",
    "ff02::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "2002:7f00:1::", "64:ff9b::a00:1",
])
def test_non_public_addresses_are_refused(address: str) -> None:
    from veille.read.fetch import refused_address

    assert refused_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    from veille.read.fetch import refused_address

    assert refused_address(address) is None


def test_analyze_refuses_loopback_before_connecting_and_allow_private_fetches(web, capsys) -> None:
    web.routes["/a"] = (200, {"Content-Type": "text/html"}, html_page("Sommet", ["Les dirigeants se sont réunis. " * 20]))
    assert main(["analyze", f"{web.base}/a", "--no-understand"]) == 5
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("veille: error E031:") and "loopback" in err[0]
    assert web.log == []  # refused before any connection
    assert main(["analyze", f"{web.base}/a", "--no-understand", "--allow-private", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Sommet" and web.paths() == ["/a"]


def test_localhost_by_name_is_refused(web, capsys) -> None:
    port = web.base.rsplit(":", 1)[1]
    assert main(["analyze", f"http://localhost:{port}/a"]) == 5
    assert "E031" in capsys.readouterr().err and web.log == []


def _as_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let 127.0.0.1 (only) pass the address check, as a public server would."""
    fetch = importlib.import_module("veille.read.fetch")  # veille.read is also a function's name

    real = fetch.refused_address
    monkeypatch.setattr(fetch, "refused_address", lambda a: None if a == "127.0.0.1" else real(a))


@pytest.mark.parametrize("location,code", [
    ("http://127.0.0.2:{port}/inside", "E031"),     # loopback again, another address: refused before connecting
    ("http://[::1]:{port}/inside", "E031"),
    ("file:///etc/passwd", "E036"),
    ("gopher://127.0.0.1:70/", "E036"),
])
def test_redirects_are_checked_like_the_first_url(web, monkeypatch, location, code) -> None:
    _as_public(monkeypatch)
    port = web.base.rsplit(":", 1)[1]
    web.routes["/go"] = (302, {"Location": location.format(port=port)}, b"")
    from veille.pipeline import analyze

    with pytest.raises(VeilleError) as err:
        analyze(f"{web.base}/go", QUICK)
    assert err.value.code == code and web.paths() == ["/go"]


def test_redirect_loops_are_bounded(web, monkeypatch) -> None:
    from veille.pipeline import analyze

    _as_public(monkeypatch)
    web.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with pytest.raises(VeilleError) as err:
        analyze(f"{web.base}/loop", QUICK.with_(max_redirects=3))
    assert err.value.code == "E032" and web.paths().count("/loop") == 4


def test_dns_answers_are_checked_again_when_connecting(web, monkeypatch) -> None:
    """A name that resolved to a public address, then to a private one (DNS rebinding)."""
    fetch = importlib.import_module("veille.read.fetch")  # veille.read is also a function's name

    monkeypatch.setattr(fetch, "check_url", lambda url, allow: ("rebound.example", 80))
    from veille.pipeline import analyze

    with pytest.raises(VeilleError) as err:
        analyze(f"{web.base}/a", QUICK)
    assert err.value.code == "E031" and web.log == []


def test_a_trickling_server_is_cut_at_the_deadline(monkeypatch) -> None:
    import socket
    import threading
    import time

    from veille.pipeline import analyze

    _as_public(monkeypatch)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    stop = threading.Event()

    def trickle() -> None:
        conn, _ = server.accept()
        conn.recv(4096)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
        while not stop.is_set():
            try:
                conn.sendall(b"x")
            except OSError:
                break
            stop.wait(0.3)
        conn.close()

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    started = time.monotonic()
    with pytest.raises(VeilleError) as err:
        analyze(f"http://127.0.0.1:{server.getsockname()[1]}/slow", QUICK.with_(timeout=1.5))
    elapsed = time.monotonic() - started
    stop.set()
    server.close()
    assert err.value.code == "E033" and elapsed < 15  # a hang guard, not a speed test


def _endless(handler) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "text/html"}, b"<p>" + b"a" * (3 << 20)


def test_fetched_bodies_stop_at_the_limit_and_bombs_early(web, monkeypatch) -> None:
    from veille.read.fetch import FetchError, client, fetch

    _as_public(monkeypatch)
    web.routes["/big"] = _endless
    bomb = gzip.compress(b"\x00" * (50 << 20), compresslevel=9)  # 50 MB in about 50 KB
    web.routes["/bomb"] = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bomb)
    web.routes["/image"] = (200, {"Content-Type": "image/png"}, b"\x89PNG")
    options = QUICK.with_(max_bytes=1 << 20)

    def code_of(path: str) -> str:
        try:
            fetch(http, f"{web.base}{path}", options)
        except FetchError as exc:
            return exc.code
        return "fetched"

    with client(options) as http:
        for path, code, limit in (("/big", "E005", 1 << 20), ("/bomb", "E037", 20 << 20), ("/image", "E034", 1 << 20)):
            options = QUICK.with_(max_bytes=limit)
            got, peak = _peak(code_of, path)
            assert (got, path) == (code, path) and peak < 8_000_000, peak


def test_feed_of_dead_links_ends_quickly_through_the_breaker(tmp_path: Path) -> None:
    import socket

    from corpus_fixtures import rss

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    dead = probe.getsockname()[1]
    probe.close()  # nothing listens there now: connections are refused
    feed = tmp_path / "dead.rss"
    feed.write_bytes(rss([(f"E{i}", f"http://127.0.0.1:{dead}/{i}") for i in range(300)]))
    options = IngestOptions(article=Options(allow_private=True, timeout=5), jobs=1, understand=False,
                            corpus=CorpusOptions(delay=0.0, backoff=0.01, fetch_threads=1))
    stats = _run([str(feed)], tmp_path / "dead.db", options)
    codes = _codes(tmp_path / "dead.db")
    assert stats.failed == 300 and set(codes) == {"E007", "E035"} and codes.count("E035") >= 290


def test_robots_txt_redirect_to_an_inside_address_is_not_followed(web, monkeypatch) -> None:
    from veille.read.corpus_web import PoliteClient

    _as_public(monkeypatch)
    port = web.base.rsplit(":", 1)[1]
    web.routes["/robots.txt"] = (301, {"Location": f"http://127.0.0.3:{port}/secret"}, b"")
    web.routes["/a"] = (200, {"Content-Type": "text/html"}, b"<p>a</p>")
    client = PoliteClient(Options(timeout=5), CorpusOptions(delay=0.0, backoff=0.01))
    assert client.allowed(f"{web.base}/a")  # an unusable robots.txt allows, as RFC 9309 says for 4xx
    client.close()
    assert web.paths() == ["/robots.txt"]


def test_too_many_feed_entries_are_capped(tmp_path: Path) -> None:
    from corpus_fixtures import rss

    feed = tmp_path / "many.rss"
    feed.write_bytes(rss([(f"E{i}", f"https://news.example/{i}") for i in range(30)]))
    entries = list(iter_sources([str(feed)], QUICK, CorpusOptions(follow_entries=False, max_entries=10)))
    assert entries[0].code == "E042" and len(entries) == 11


# -- 6. text over a million characters ------------------------------------------------------------------


def test_long_blocks_are_parsed_in_pieces_with_offsets() -> None:
    from veille.model import Article, Block
    from veille.understand.nlp import pieces

    text = " ".join(f"Phrase numéro {i} du très long paragraphe." for i in range(3000))
    article = Article(id="x", source="s", title="T" * 25_000,
                      blocks=[Block(kind="paragraph", text=text, start=0, end=len(text))])
    got = list(pieces(article, 10_000))
    body = [(off, piece) for field, off, piece, block in got if field == "body"]
    assert len(body) > 1 and all(len(p) <= 10_000 for _, p in body)
    assert "".join(p for _, p in body) == text and all(text[o:o + len(p)] == p for o, p in body)
    assert all(p.endswith(". ") for _, p in body[:-1])  # cut at sentence ends
    assert "".join(p for f, _, p, _ in got if f == "title") == "T" * 25_000


def test_text_longer_than_the_parser_takes_is_understood(monkeypatch: pytest.MonkeyPatch) -> None:
    from veille.pipeline import analyze_text
    from veille.understand.nlp import load_pipeline

    nlp = load_pipeline("fr_core_news_md")
    monkeypatch.setattr(nlp, "max_length", 20_000)  # spaCy's E088 limit, scaled down for the test
    sentence = "Le président Emmanuel Macron a rencontré jeudi à Paris le chancelier allemand. "
    text = "Un sommet à Paris\n\n" + sentence * 400  # one block of 32,000 characters
    article = analyze_text(text, "long.txt", Options(language="fr", published="2024-11-27"))
    assert article.actors and all(
        article.field_text(e.evidence.field)[e.evidence.start:e.evidence.end] == e.evidence.text
        for e in article.events)
    with pytest.raises(VeilleError) as err:
        analyze_text(text, "long.txt", Options(language="fr", max_chars=10_000))
    assert err.value.code == "E043" and err.value.exit_code == 4


# -- 7. one-line errors for the command line ------------------------------------------------------------


def test_huge_numbers_and_bad_outputs_are_one_line_errors(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "c.db")
    write_jsonl(tmp_path / "c.jsonl", synthetic_corpus(2))
    assert main(["ingest", str(tmp_path / "c.jsonl"), "--db", db, "-j", "1", "--no-understand"]) == 0
    capsys.readouterr()
    for argv in (["analyze", "x", "--max-bytes", "99999999999999999999"],
                 ["search", "x", "--db", db, "-n", "99999999999999999999"],
                 ["events", "--db", db, "-n", "99999999999999999999"],
                 ["articles", "--db", db, "-n", "99999999999999999999"]):
        assert main(argv) == 2, argv
        assert "Traceback" not in capsys.readouterr().err
    (tmp_path / "dir").mkdir()
    keep = tmp_path / "keep.jsonl"
    keep.write_text("précieux\n")
    for target in (str(tmp_path / "dir"), "/nonexistent/x", "/dev/full"):
        if target == "/dev/full" and not Path(target).exists():
            continue
        assert main(["export", "--db", db, "-o", target]) == 8, target
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("veille: error E047:") and target in err[0]
    assert main(["events", "--db", db, "--actor", "x" * 100_000]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "E046" in err[0] and "cannot be written" not in err[0]
    assert main(["export", "--db", db, "-o", str(keep)]) == 0 and keep.read_text().count("\n") == 2
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_an_export_that_fails_leaves_the_old_file(tmp_path: Path) -> None:
    import veille.store.query as q

    db = str(tmp_path / "c.db")
    write_jsonl(tmp_path / "c.jsonl", synthetic_corpus(2))
    _run([str(tmp_path / "c.jsonl")], Path(db))
    out = tmp_path / "out.jsonl"
    out.write_text("the previous export\n")

    def broken(rows, handle, spec):
        handle.write("half")
        raise OSError(28, "No space left on device")

    from veille.store.exporters import EXPORTERS, register_exporter

    register_exporter("half-written")(broken)
    try:
        with pytest.raises(VeilleError) as err:
            q.export(db, fmt="half-written", out=out)
    finally:
        EXPORTERS.remove("half-written")
    assert err.value.code == "E047" and out.read_text() == "the previous export\n"


# -- 8. see test_feed_of_dead_links_ends_quickly_through_the_breaker ---------------------------------------
# -- 9. smaller cases ---------------------------------------------------------------------------------------


def test_links_out_of_the_tree_loops_and_pipes_are_failures(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("Un secret qui ne doit pas être lu par veille. " * 5)
    (folder / "a.txt").write_text(synthetic_corpus(1)[0]["text"])
    (folder / "out.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    (folder / "loop1").symlink_to(folder / "loop2")
    (folder / "loop2").symlink_to(folder / "loop1")
    os.mkfifo(folder / "pipe.txt")
    entries = list(iter_sources([str(folder)], QUICK))
    got = {Path(e.item if isinstance(e, Failure) else e.locator).name:
           e.code if isinstance(e, Failure) else "item" for e in entries}
    assert got == {"a.txt": "item", "inside.txt": "item", "out.txt": "E040", "loop1": "E040", "loop2": "E040",
                   "pipe.txt": "E039"}
    [pipe] = list(iter_sources([str(folder / "pipe.txt")], QUICK))
    assert pipe.code == "E039"
    from veille.pipeline import analyze

    with pytest.raises(VeilleError) as err:
        analyze(str(folder / "loop1"), QUICK)
    assert err.value.code == "E040"
    with pytest.raises(VeilleError) as err:
        analyze(str(folder / "pipe.txt"), QUICK)
    assert err.value.code == "E039"


@pytest.mark.parametrize("data", [b"\xe9", b"A", b"7", "\u200b\u200d\u2060\ufeff".encode() * 40, b"\xff"])
def test_a_stray_byte_or_invisible_characters_are_no_article(data: bytes) -> None:
    with pytest.raises(VeilleError) as err:
        analyze_bytes(data, "tiny.txt", QUICK)
    assert err.value.code in ("E003", "E004", "E006", "E008")


def test_an_article_a_thousand_divs_deep_is_read() -> None:
    para = "<p>" + "Le président a annoncé jeudi une réforme importante du système de santé. " * 5 + "</p>"
    for depth in (1_000, 5_000):
        html = ("<html><body>" + "<div>" * depth + "<article><h1>Titre</h1>" + para * 3 + "</article>"
                + "</div>" * depth + "</body></html>").encode()
        article = analyze_bytes(html, "deep.html", QUICK)
        assert "réforme importante" in article.text


def test_plain_text_quoting_script_tags_stays_text() -> None:
    text = ("Un article sur la sécurité des sites web et les attaques par injection de code.\n\n"
            "Les balises <script> et <script> et <script> sont dangereuses ; on écrit <script> ou <script>.\n\n"
            "Les développeurs doivent filtrer ce que les visiteurs envoient.\n")
    article = analyze_bytes(text.encode(), "securite.txt", QUICK)
    assert article.format == "text" and "<script> ou <script>" in article.text


def test_one_broken_byte_is_replaced_and_flagged() -> None:
    good = ("Le président a annoncé jeudi une réforme importante du système de santé. " * 20).encode()
    article = analyze_bytes(good[:700] + b"\xff" + good[700:], "broken.txt", QUICK)
    assert "\ufffd" in article.text and "invalid_utf8_replaced" in article.quality.flags
    with pytest.raises(VeilleError) as err:  # more than a few broken bytes: still refused
        analyze_bytes(b"Un texte en UTF-8 accentu\xc3\xa9 " + b"\xff\xfe\xfa" * 10, "worse.txt", QUICK)
    assert err.value.code == "E006"


def test_surrogates_in_json_are_stored_as_replacement_characters(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text('{"id": "s", "title": "Titre \\ud800", "text": "Un texte avec un \\udc00 isolé dedans, '
                   'et assez de mots pour être un article."}\n')
    stats = _run([str(src)], tmp_path / "s.db")
    assert (stats.new, stats.failed) == (1, 0)
    [row] = query.articles(tmp_path / "s.db")
    assert row["title"] == "Titre \ufffd"


# -- limits in workers --------------------------------------------------------------------------------------


def test_a_slow_item_is_stopped_and_the_batch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import veille.ingest as mod

    real = mod._process_item

    def slow(item, options):
        if item.external_id == "doc-1":
            time.sleep(60)
        return real(item, options)

    monkeypatch.setattr(mod, "_process_item", slow)
    src = write_jsonl(tmp_path / "c.jsonl", synthetic_corpus(3, near_every=99, exact_every=99))
    options = IngestOptions(article=Options(item_timeout=1.0), jobs=1, understand=False)
    stats = _run([str(src)], tmp_path / "t.db", options)
    assert (stats.new, stats.failed) == (2, 1) and _codes(tmp_path / "t.db") == ["E041"]


def die_or_work(items: list[Item], options: IngestOptions):
    """Kill the worker on a batch holding doc-2; hang past every signal on one holding doc-4;
    else do the work."""
    import signal
    import time

    from veille.ingest import process_batch

    ids = {item.external_id for item in items}
    if "doc-2" in ids:
        os._exit(9)
    if "doc-4" in ids:
        signal.signal(signal.SIGALRM, signal.SIG_IGN)  # deaf to the soft limit: only a kill ends it
        time.sleep(3600)
    return process_batch(items, options)


def test_a_crashed_or_stuck_worker_is_replaced_and_the_batch_goes_on(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import veille.ingest as mod

    monkeypatch.setattr(mod._Pool, "work", staticmethod(die_or_work))
    monkeypatch.setattr(mod._Pool, "GRACE", 1.0)
    rows = synthetic_corpus(8, near_every=99, exact_every=99)
    src = write_jsonl(tmp_path / "c.jsonl", rows)
    options = IngestOptions(article=Options(item_timeout=2.0), jobs=2, understand=False, window=4)
    stats = _run([str(src)], tmp_path / "w.db", options)
    assert (stats.read, stats.new, stats.failed) == (8, 6, 2)
    failures = {r["item"].rsplit(":", 1)[1]: r["code"] for r in query.failures(tmp_path / "w.db")}
    assert failures == {"3": "E044", "5": "E041"}
    reference = tmp_path / "ref.db"
    _run([str(write_jsonl(tmp_path / "ok.jsonl", [r for r in rows if r["id"] not in ("doc-2", "doc-4")]))],
         reference)
    assert [r["id"] for r in query.articles(tmp_path / "w.db")] == [r["id"] for r in query.articles(reference)]


def test_the_memory_cap_turns_a_blow_up_into_a_memory_error() -> None:
    """What an ingest worker's initializer does (limit_memory), in a process of its own:
    an allocation past the cap raises MemoryError (which process_item records as E045)
    instead of growing until the system kills the process."""
    code = """
import sys
from veille.limits import limit_memory
limit_memory(600 << 20)
try:
    data = bytearray(900 << 20)
except MemoryError:
    print("E045")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "E045", out.stderr


def test_an_item_out_of_memory_is_a_failure_and_the_batch_goes_on(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import veille.ingest as mod

    real = mod._process_item

    def greedy(item, options):
        if item.external_id == "doc-0":
            raise MemoryError()
        return real(item, options)

    monkeypatch.setattr(mod, "_process_item", greedy)
    src = write_jsonl(tmp_path / "c.jsonl", synthetic_corpus(3, near_every=99, exact_every=99))
    stats = _run([str(src)], tmp_path / "m.db")
    assert (stats.new, stats.failed) == (2, 1) and _codes(tmp_path / "m.db") == ["E045"]
