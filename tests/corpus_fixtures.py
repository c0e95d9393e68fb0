"""Fixtures of the corpus tests: stores on both backends, synthetic corpora, a local web server.

Imported by test_store, test_ingest, test_dedup and test_corpus_read; nothing
here touches the network beyond 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import random
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

PG_ENV = "VEILLE_TEST_PG"

_WORDS = ("gouvernement ministre président réforme syndicats accord sommet élection budget crise énergie "
          "santé hôpital école université entreprise salariés grève manifestation tribunal enquête police "
          "frontière armée sécurité commerce exportations agriculteurs climat sécheresse inondation région "
          "maire conseil assemblée sénat loi projet vote majorité opposition débat sondage campagne candidat "
          "diplomatie ambassadeur visite partenariat coopération négociation sanction embargo marché prix "
          "inflation croissance chômage emploi logement transport train avion port autoroute chantier").split()
_VERBS = ("a annoncé", "a déclaré", "a rejeté", "propose", "prévoit", "dénonce", "soutient", "examine",
          "a confirmé", "redoute", "a signé", "négocie")


def sentence(rng: random.Random) -> str:
    """One plausible French sentence."""
    words = rng.sample(_WORDS, 9)
    return (f"Le {words[0]} {rng.choice(_VERBS)} jeudi que le {words[1]} et la {words[2]} du {words[3]} "
            f"seront au cœur du {words[4]}, selon le {words[5]} chargé du {words[6]} et de la {words[7]} "
            f"{words[8]}.")


def article_text(rng: random.Random, sentences: int = 8) -> str:
    """A French article body of a few paragraphs."""
    paras = [" ".join(sentence(rng) for _ in range(2)) for _ in range(max(1, sentences // 2))]
    return "\n\n".join(paras)


def synthetic_corpus(n: int, seed: int = 7, near_every: int = 10, exact_every: int = 13) -> list[dict]:
    """``n`` JSONL rows; every ``near_every``-th edits an earlier one, every ``exact_every``-th copies one."""
    rng = random.Random(seed)
    rows: list[dict] = []
    for i in range(n):
        if i and i % exact_every == 0:
            base = rows[rng.randrange(len(rows))]
            text = base["text"]
        elif i and i % near_every == 0:
            base = rows[rng.randrange(len(rows))]
            text = base["text"] + "\n\n" + sentence(rng)
        else:
            text = article_text(rng)
        rows.append({"id": f"doc-{i}", "title": f"Titre numéro {i} : " + " ".join(rng.sample(_WORDS, 4)),
                     "text": text, "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "url":
                     f"https://news.example/{i}"})
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    """Write rows as JSONL."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


# -- stores ----------------------------------------------------------------------------------------

def _reset_pg(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store location on each backend (PostgreSQL from $VEILLE_TEST_PG, else skipped)."""
    if request.param == "sqlite":
        return str(tmp_path / "veille.db")
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need ${PG_ENV} (start one with: export {PG_ENV}=$(bash .ci/postgres.sh))")
    _reset_pg(url)
    return url


def canonical_dump(target: str) -> dict[str, list]:
    """The content of every data table, ordered by natural keys, without times or database-assigned keys."""
    from veille.store import open_store
    from veille.store.schema import CONTENT_TABLES

    skip = {"seq", "ingested_at", "time", "fetched_at", "tsv"}
    order = {"articles": "id", "minhashes": "article_id", "minhash_bands": "article_id, scheme, band_key",
             "failures": "source, item, code", "fetch_cache": "url"}
    out: dict[str, list] = {}
    with open_store(target, create=False) as store:
        for table in CONTENT_TABLES:
            by = order.get(table, "article_id, n")
            rows = store.rows(f"SELECT * FROM {table} ORDER BY {by}")
            out[table] = [{k: (bytes(v) if isinstance(v, memoryview) else v) for k, v in r.items() if k not in skip}
                          for r in rows]
    return out


# -- a web server on 127.0.0.1 ------------------------------------------------------------------------

Route = tuple[int, dict[str, str], bytes] | Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 serving ``routes`` and logging every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.log.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
                elif callable(route):
                    status, headers, body = route(self)
                else:
                    status, headers, body = route
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def paths(self) -> list[str]:
        return [p for p, _ in self.log]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def web() -> Iterator[LocalServer]:
    """A local web server; add routes to ``web.routes``."""
    server = LocalServer()
    yield server
    server.close()


def html_page(title: str, paragraphs: list[str]) -> bytes:
    """A small news page."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article>"
            f"</body></html>").encode()


def rss(items: list[tuple[str, str]], language: str = "fr") -> bytes:
    """An RSS 2.0 feed of (title, link) items."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
                      f"<pubDate>Tue, 26 Nov 2024 10:00:00 GMT</pubDate></item>" for t, link in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fil</title>'
            f"<link>http://example.invalid/</link><language>{language}</language>{entries}</channel></rss>"
            ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><description>&lol9;</description>
<link>http://127.0.0.1:9/x</link></item></channel></rss>
"""


def warc_bytes(pages: list[tuple[str, bytes]], gz: bool = True) -> bytes:
    """A WARC (gzipped per record by default) of HTTP 200 HTML responses, plus a request record."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, body in pages:
        req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        writer.write_record(req)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buf.getvalue()
