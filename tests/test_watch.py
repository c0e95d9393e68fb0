"""veille watch against a local HTTP server on 127.0.0.1 serving feeds that change between polls:
new items are stored within one poll, an unchanged feed costs one conditional request, a
watchlist match becomes exactly one alert (listed by `veille alerts`, the UI, the Atom feed and
POSTed to a webhook), SIGTERM finishes the item in hand and exits, and a kill -9 during a poll
loses nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from corpus_fixtures import article_text, html_page
from veille.ingest import IngestOptions
from veille.options import Options
from veille.read.corpus import CorpusOptions
from veille.store import open_store
from veille.watch import WatchOptions, Watcher, check_alerts, load_watchlist, parse_watchlist

ROOT = Path(__file__).resolve().parents[1]
LOCAL = Options(allow_private=True)  # the test site runs on 127.0.0.1
FAST = IngestOptions(article=LOCAL, jobs=1, understand=False, corpus=CorpusOptions(delay=0.0, backoff=0.01))

PARAS = ["Les dirigeants de l'OTSC se sont réunis jeudi à Astana pour un sommet consacré à la défense aérienne "
         "commune de l'alliance et à la sécurité en Asie centrale.",
         "Selon le communiqué final, les ministres examineront au printemps un nouveau programme de coopération "
         "militaire entre les pays membres de l'organisation."]


def rss(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
                      f"<pubDate>Thu, 28 Nov 2024 10:00:00 GMT</pubDate></item>" for t, link in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fil</title>'
            f"<link>http://127.0.0.1/</link><language>fr</language>{entries}</channel></rss>").encode()


class Site:
    """A local site: a feed that can change, pages with ETags, a webhook that records POSTs,
    pages that can be held until released; every request logged with its headers."""

    def __init__(self) -> None:
        self.feed_items: list[tuple[str, str]] = []
        self.pages: dict[str, bytes] = {}
        self.log: list[tuple[str, str, dict]] = []
        self.hooks: list[dict] = []
        self.hold: dict[str, threading.Event] = {}
        self.held = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body) if status != 304 else 0))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def do_GET(self) -> None:
                site.log.append(("GET", self.path, dict(self.headers)))
                if self.path == "/feed.xml":
                    body = rss(site.feed_items)
                elif self.path in site.pages:
                    if self.path in site.hold:
                        site.held.set()
                        site.hold[self.path].wait(30)
                    body = site.pages[self.path]
                else:
                    self._send(404, b"not found", {"Content-Type": "text/plain"})
                    return
                etag = '"' + str(abs(hash(body))) + '"'
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", {"ETag": etag})
                    return
                ctype = ("application/rss+xml" if self.path == "/feed.xml" else
                         "text/plain; charset=utf-8" if self.path.endswith(".txt") else "text/html; charset=utf-8")
                self._send(200, body, {"Content-Type": ctype, "ETag": etag})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                site.hooks.append(json.loads(self.rfile.read(length)))
                site.log.append(("POST", self.path, dict(self.headers)))
                self._send(204, b"", {})

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def add(self, n: int, title: str, paras: list[str] | None = None) -> None:
        """Publish article ``n`` (its page, and an entry in the feed)."""
        path = f"/a/{n}.html"
        body = paras or [f"Article numéro {n} sur l'OTSC.", *article_text(random.Random(n)).split("\n\n")]
        self.pages[path] = html_page(title, body)
        self.feed_items.append((title, self.base + path))

    def requests(self, since: int = 0) -> list[tuple[str, str, dict]]:
        return self.log[since:]

    def close(self) -> None:
        for event in self.hold.values():
            event.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def count(db: Path, sql: str = "SELECT COUNT(*) FROM articles", params: tuple = ()) -> int:
    with open_store(str(db), create=False) as s:
        return int(s.scalar(sql, params) or 0)


RULES = {"rule": [{"name": "otsc", "on": "article", "keywords": ["OTSC"]},
                  {"name": "big story", "on": "story", "min_articles": 3, "window": "24h"}]}


def test_new_items_in_one_poll_and_an_unchanged_feed_costs_one_conditional_request(site: Site,
                                                                                    tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    site.add(1, "Sommet de l'OTSC à Astana")
    site.add(2, "Défense aérienne commune")
    with open_store(str(db)) as store:
        w = Watcher([site.base + "/feed.xml"], store, WatchOptions(every=0.01, ingest=FAST))
        first = w.poll(site.base + "/feed.xml")
        assert first.new == 2 and count(db) == 2  # stored within one poll
        mark = len(site.log)
        second = w.poll(site.base + "/feed.xml")
        asked = site.requests(mark)
        assert second.new == 0 and len(asked) == 1  # unchanged: one request, the feed's
        assert asked[0][1] == "/feed.xml" and asked[0][2].get("If-None-Match")
        site.add(3, "Les ministres à Astana")
        mark = len(site.log)
        third = w.poll(site.base + "/feed.xml")
        assert third.new == 1 and count(db) == 3
        pages = [p for _, p, h in site.requests(mark) if p.startswith("/a/")]
        assert sorted(pages) == ["/a/1.html", "/a/2.html", "/a/3.html"]  # known ones conditionally (304)
        w.close()
        polls = store.rows("SELECT status, requests, new FROM watch_polls ORDER BY seq")
    assert [p["status"] for p in polls] == ["ok", "unchanged", "ok"]
    assert [p["new"] for p in polls] == [2, 0, 1] and polls[1]["requests"] == 1


def test_a_watchlist_match_becomes_exactly_one_alert(site: Site, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from veille.serve.web import create_app

    db = tmp_path / "w.db"
    for n in range(1, 4):
        site.add(n, f"Sommet de l'OTSC à Astana ({n})")
    site.pages["/a/4.html"] = site.pages["/a/1.html"]  # a reprint of article 1 at another address
    site.feed_items.append(("Reprise", site.base + "/a/4.html"))
    watchlist = parse_watchlist({**RULES, "webhook": site.base + "/hook"})
    with open_store(str(db)) as store:
        stats = Watcher([site.base + "/feed.xml"], store,
                        WatchOptions(every=0.01, ingest=FAST, watchlist=watchlist, rounds=3)).run()
        assert stats.rounds == 3 and stats.new == 4
        rows = store.rows("SELECT rule, kind, title, delivered_at FROM alerts ORDER BY seq")
        assert check_alerts(store, watchlist) == []  # nothing new: nothing again
    by_rule = {}
    for r in rows:
        by_rule.setdefault(r["rule"], []).append(r)
    assert len(by_rule["otsc"]) == 3  # three originals; the reprint (a duplicate) is not news again
    stories = {r["title"] for r in by_rule.get("big story", [])}
    assert len(by_rule.get("big story", [])) == len(stories) <= 1
    assert stats.alerts == len(rows) and all(r["delivered_at"] for r in rows)
    assert len(site.hooks) == len(rows) and {h["alert"]["rule"] for h in site.hooks} == set(by_rule)
    # a second watch on the same store (a restart) raises nothing again
    with open_store(str(db)) as store:
        again = Watcher([site.base + "/feed.xml"], store,
                        WatchOptions(every=0.01, ingest=FAST, watchlist=watchlist, rounds=1)).run()
    assert again.alerts == 0 and count(db, "SELECT COUNT(*) FROM alerts") == len(rows)
    with TestClient(create_app(str(db))) as c:
        listed = c.get("/alerts.json").json()
        assert listed["total"] == len(rows) and {r["value"] for r in listed["rules"]} == set(by_rule)
        assert "otsc" in c.get("/alerts").text
        atom = c.get("/alerts.atom")
        assert atom.headers["content-type"].startswith("application/atom+xml")
        assert atom.text.count("<entry>") == len(rows)
    out = subprocess.run([sys.executable, "-m", "veille", "alerts", "--db", str(db), "--json"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and len(out.stdout.splitlines()) == len(rows)


def test_event_and_quote_rules_on_understood_articles(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    text = (ROOT / "samples" / "fr-visite-dakar.txt").read_text(encoding="utf-8")
    site.pages["/dakar.txt"] = text.encode("utf-8")
    site.feed_items.append(("Macron à Dakar", site.base + "/dakar.txt"))
    watch_toml = tmp_path / "watch.toml"
    watch_toml.write_text('[[rule]]\nname = "consult in Senegal"\non = "event"\ntype = ["CONSULT"]\nplace = ["SEN"]\n\n'
                          '[[rule]]\nname = "Faye speaks"\non = "quote"\nactor = ["Faye"]\n\n'
                          '[[rule]]\nname = "assault in Mali"\non = "event"\ntype = ["ASSAULT"]\nplace = ["MLI"]\n',
                          encoding="utf-8")
    options = WatchOptions(every=0.01, rounds=2, watchlist=load_watchlist(watch_toml),
                           ingest=IngestOptions(article=LOCAL, jobs=1, understand=True,
                                                                 corpus=CorpusOptions(delay=0.0)))
    with open_store(str(db)) as store:
        Watcher([site.base + "/feed.xml"], store, options).run()
        alerts = store.rows("SELECT rule, kind, title FROM alerts ORDER BY seq")
    rules = [a["rule"] for a in alerts]
    # the visit (standfirst) and the welcome in Dakar (body: located in Dakar since stop 27), each once over two rounds
    assert rules.count("consult in Senegal") == 2
    assert rules.count("Faye speaks") == 1 and "assault in Mali" not in rules
    assert any("Dakar" in a["title"] for a in alerts if a["kind"] == "event")


def _watch(db: Path, url: str, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "veille", "watch", url, "--db", str(db), "--every", "1s", "--no-understand",
           "--allow-private", *extra]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_sigterm_finishes_the_item_in_hand_and_a_restart_resumes(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    for n in range(1, 6):
        site.add(n, f"Article {n}")
    site.hold["/a/3.html"] = threading.Event()
    proc = _watch(db, site.base + "/feed.xml")
    try:
        assert site.held.wait(60), "the watcher never reached page 3"
        deadline = time.monotonic() + 60
        while (not db.exists() or count(db) < 1) and time.monotonic() < deadline:
            time.sleep(0.1)  # pages are fetched ahead: let the items before the held one be written
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        site.hold["/a/3.html"].set()  # the item in hand arrives: it is finished, then the watch stops
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err
    stored = count(db)
    assert 1 <= stored < 5  # what was fetched before the stop, in feed order; nothing after it
    with open_store(str(db), create=False) as s:
        assert s.scalar("SELECT COUNT(*) FROM articles WHERE text = '' OR article_json = ''") == 0
    assert count(db, "SELECT COUNT(*) FROM watch_polls WHERE status = 'stopped'") == 1
    done = subprocess.run([sys.executable, "-m", "veille", "watch", site.base + "/feed.xml", "--db", str(db),
                           "--once", "--no-understand", "--allow-private", "-q"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert count(db) == 5 and count(db, "SELECT COUNT(DISTINCT url) FROM articles") == 5


def test_kill_9_during_a_poll_loses_nothing(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    rules = tmp_path / "rules.yaml"
    rules.write_text("rule:\n  - name: otsc\n    on: article\n    keywords: [OTSC]\n", encoding="utf-8")
    for n in range(1, 6):
        site.add(n, f"Sommet de l'OTSC, épisode {n}")
    site.hold["/a/4.html"] = threading.Event()
    proc = _watch(db, site.base + "/feed.xml", "--watchlist", str(rules))
    try:
        assert site.held.wait(60), "the watcher never reached page 4"
        deadline = time.monotonic() + 60
        while (not db.exists() or count(db) < 1) and time.monotonic() < deadline:
            time.sleep(0.1)  # items before the held one are being written
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        proc.kill()
        site.hold["/a/4.html"].set()
    stored = count(db)
    assert 0 < stored < 5
    with open_store(str(db), create=False) as s:  # whole articles only
        assert s.scalar("SELECT COUNT(*) FROM articles WHERE text = '' OR article_json = ''") == 0
    done = subprocess.run([sys.executable, "-m", "veille", "watch", site.base + "/feed.xml", "--db", str(db),
                           "--once", "--no-understand", "--allow-private", "--watchlist", str(rules), "-q"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert count(db) == 5 and count(db, "SELECT COUNT(DISTINCT url) FROM articles") == 5
    assert count(db, "SELECT COUNT(*) FROM alerts WHERE rule = 'otsc'") == 5  # one per article, none twice


def test_a_watch_refuses_a_loopback_feed_unless_allowed(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    site.add(1, "Sommet de l'OTSC à Astana")
    cmd = [sys.executable, "-m", "veille", "watch", site.base + "/feed.xml", "--db", str(db), "--once",
           "--no-understand"]
    refused = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in refused.stderr
    assert site.log == []  # refused before connecting: the site saw nothing
    assert count(db) == 0 and count(db, "SELECT COUNT(*) FROM failures WHERE code = 'E031'") == 1
    allowed = subprocess.run([*cmd, "--allow-private"], capture_output=True, text=True, timeout=120)
    assert allowed.returncode == 0, allowed.stderr
    assert count(db) == 1 and site.log


@pytest.mark.parametrize(("args", "code", "exit_code"), [
    (["--every", "soon"], "E051", 2),
    (["--watchlist", "missing.toml"], "E053", 3),
    (["--watchlist", "bad.toml"], "E052", 4),
    (["--watchlist", "unknown.toml"], "E052", 4),
    (["--webhook", "ftp://example.invalid/hook"], "E054", 2),
])
def test_watch_errors_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str], args: list[str], code: str,
                                   exit_code: int) -> None:
    from veille.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.toml").write_text("[[rule]\nname = ", encoding="utf-8")
    (tmp_path / "unknown.toml").write_text('[[rule]]\nname = "x"\non = "event"\ncolour = "red"\n', encoding="utf-8")
    assert main(["watch", str(tmp_path / "nothing"), "--db", str(tmp_path / "w.db"), "--once", *args]) == exit_code
    err = capsys.readouterr().err
    assert err.startswith(f"veille: error {code}:") and err.count("\n") == 1 and "Traceback" not in err


def test_a_folder_can_be_watched_too(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Titre\n\n" + PARAS[0] + "\n\n" + PARAS[1], encoding="utf-8")
    db = tmp_path / "w.db"
    with open_store(str(db)) as store:
        w = Watcher([str(folder)], store, WatchOptions(every=0.01, ingest=FAST))
        assert w.poll(str(folder)).new == 1
        (folder / "b.txt").write_text("Autre\n\n" + PARAS[1] + " Et une suite différente.\n\n" + PARAS[0][:80],
                                      encoding="utf-8")
        assert w.poll(str(folder)).new == 1
        assert w.poll(str(folder)).new == 0
        w.close()
