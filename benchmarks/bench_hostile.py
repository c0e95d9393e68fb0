"""Hostile inputs, each against a baseline measured in the same run (docs/reliability.md).

* repeated units: 50,000 identical lines (and 20,000; a page of 50,000 identical ``<li>``,
  20,000 identical table rows) against the same number of distinct ones, repair only;
* a feed of 10,000 dead links (a closed port on 127.0.0.1, ``allow_private``) against the
  same feed whose links answer at once;
* an article of 1.1 million characters on one line, understood, against spaCy alone
  parsing the same text in the same pieces;
* a "billion laughs" feed (nested XML entities that would expand to about 3 GB) against a
  plain feed of the same size in bytes, each ingested from a file (entries' own content,
  nothing fetched);
* a gzip bomb (1 GB of zeros compressed to about 1 MB) against a plain ``.jsonl.gz`` of
  the same compressed size.

Each case runs in its own process, so its peak resident memory is its own.

    python benchmarks/bench_hostile.py            # all cases
    python benchmarks/bench_hostile.py repeats    # one group: repeats, feed, long or bombs
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

SENTENCES = ["Le président a annoncé jeudi une réforme importante du système de santé.",
             "Les syndicats dénoncent un projet injuste et appellent à la grève.",
             "Le ministre de l'Économie a rencontré son homologue allemand à Berlin."]


def _page(body: str) -> bytes:
    return f"<html><body><article><h1>Titre</h1>{body}</article></body></html>".encode()


def case(name: str) -> dict:
    """Run one case in this process; return its seconds and peak RSS."""
    import random

    from veille.options import Options
    from veille.pipeline import analyze_bytes

    quick = Options(understand=False)
    inputs = {
        "50k identical lines": lambda: b"Bonjour.\n" * 50_000,
        "50k distinct lines": lambda: "".join(f"Bonjour numéro {i}.\n" for i in range(50_000)).encode(),
        "20k identical long lines": lambda: ("Une phrase assez longue pour être un paragraphe répété.\n" * 20_000
                                             ).encode(),
        "20k distinct long lines": lambda: "".join(f"Une phrase assez longue, numéro {i}, pour un paragraphe.\n"
                                                   for i in range(20_000)).encode(),
        "50k identical <li>": lambda: _page("<ul>" + "<li>Le même élément</li>" * 50_000 + "</ul>"),
        "50k distinct <li>": lambda: _page("<ul>" + "".join(f"<li>Élément {i}</li>" for i in range(50_000)) + "</ul>"),
        "20k identical rows": lambda: _page("<table>" + "<tr><td>Ligne</td><td>v</td></tr>" * 20_000 + "</table>"),
        "20k distinct rows": lambda: _page("<table>" + "".join(f"<tr><td>Ligne {i}</td><td>v</td></tr>"
                                                                for i in range(20_000)) + "</table>"),
    }
    if name in inputs:
        data = inputs[name]()
        started = time.perf_counter()
        analyze_bytes(data, "page.html" if data.startswith(b"<html") else "page.txt", quick)
        return _done(started)
    rng = random.Random(1)
    long_text = " ".join(rng.choice(SENTENCES) for _ in range(1_100_000 // 70))
    if name == "1.1M characters, understood":
        from veille.understand.nlp import load_pipeline

        load_pipeline("fr_core_news_md")
        started = time.perf_counter()
        options = Options(language="fr", max_chars=2_000_000)  # over the default limit on purpose
        article = analyze_bytes(("Titre\n\n" + long_text).encode(), "long.txt", options)
        return {**_done(started), "events": len(article.events)}
    if name == "1.1M characters, spaCy alone (same pieces)":
        from veille.model import Article, Block
        from veille.understand.nlp import load_pipeline, pieces

        nlp = load_pipeline("fr_core_news_md")
        article = Article(id="x", source="s", blocks=[Block(kind="paragraph", text=long_text)])
        texts = [t for _, _, t, _ in pieces(article, 10_000)]
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=10):
            pass
        return _done(started)
    if name.startswith("feed of 10,000"):
        return _feed(dead="dead" in name)
    if name in BOMBS:
        return _bomb(name)
    raise SystemExit(f"unknown case {name!r}")


def _feed(dead: bool) -> dict:
    import socket
    import tempfile
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from pathlib import Path

    from veille.ingest import IngestOptions, ingest
    from veille.options import Options
    from veille.read.corpus import CorpusOptions
    from veille.store import open_store

    class Fast(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = f"<html><body><article><p>{' '.join(SENTENCES)} {self.path}</p></article></body></html>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = None
    if dead:
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
    else:
        server = ThreadingHTTPServer(("127.0.0.1", 0), Fast)
        port = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
    items = "".join(f"<item><title>E{i}</title><link>http://127.0.0.1:{port}/{i}</link></item>" for i in range(10_000))
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp, "feed.rss")
        feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>')
        options = IngestOptions(article=Options(allow_private=True), jobs=1, understand=False,
                                corpus=CorpusOptions(delay=0.0, max_entries=10_000))  # else defaults: retries, breaker
        started = time.perf_counter()
        with open_store(str(Path(tmp, "f.db"))) as store:
            stats = ingest([str(feed)], store, options)
        out = {**_done(started), "new": stats.new, "failed": stats.failed}
    if server is not None:
        server.shutdown()
    return out


def _laughs(depth: int = 9) -> bytes:
    """The classic entity bomb: ten references per level, ``depth`` levels (10**9 "lol"s at 9)."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, depth + 1)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n {chr(10).join(entities)}\n]>\n'
            f'<rss version="2.0"><channel><title>Fil</title><item><title>&lol{depth};</title>'
            f'<description>&lol{depth};</description><link>http://127.0.0.1:9/x</link></item>'
            f'</channel></rss>\n').encode()


def _plain_feed(size: int) -> bytes:
    """A valid RSS feed of ``size`` bytes or a little more: one entry whose description is
    real-looking sentences (so that it is stored as an article)."""
    head = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Fil</title><item><title>Entrée</title>'
    tail = "</description><link>http://127.0.0.1:9/1</link></item></channel></rss>\n"
    words, n = [], 0
    while len((head + "<description>" + " ".join(words) + tail).encode()) < size:
        words.append(SENTENCES[n % len(SENTENCES)])
        n += 1
    return (head + "<description>" + " ".join(words) + tail).encode()


def _zeros_gz() -> bytes:
    """1 GB of NUL bytes gzipped (about 1 MB), streamed so the benchmark itself stays small."""
    import gzip
    import io

    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as gz:
        chunk = b"\0" * (1 << 20)
        for _ in range(1024):
            gz.write(chunk)
    return buf.getvalue()


def _plain_gz(size: int) -> bytes:
    """A ``.jsonl.gz`` of distinct articles, about ``size`` bytes compressed."""
    import gzip
    import random

    rng = random.Random(2)
    lines, n = [], 0
    while True:
        n += 1
        text = " ".join(rng.choice(SENTENCES) + f" ({rng.random():.12f})" for _ in range(12))
        lines.append(json.dumps({"id": f"a{n}", "title": f"Article {n}", "text": text}).encode() + b"\n")
        if n % 200 == 0 and len(gzip.compress(b"".join(lines), 6)) >= size:
            return gzip.compress(b"".join(lines), 6)


BOMBS = {
    "billion-laughs feed": lambda: ("feed.rss", _laughs()),
    "plain feed, same size": lambda: ("feed.rss", _plain_feed(len(_laughs()))),
    "gzip bomb (1 GB of zeros)": lambda: ("dump.jsonl.gz", _zeros_gz()),
    "plain .jsonl.gz, same size": lambda: ("dump.jsonl.gz", _plain_gz(len(_zeros_gz()))),
}


def _bomb(name: str) -> dict:
    """Ingest one file (entries' own content, nothing fetched); seconds, peak memory, outcome."""
    import tempfile
    from pathlib import Path

    from veille.ingest import IngestOptions, ingest
    from veille.read.corpus import CorpusOptions
    from veille.store import open_store

    filename, data = BOMBS[name]()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, filename)
        path.write_bytes(data)
        options = IngestOptions(jobs=1, understand=False, corpus=CorpusOptions(follow_entries=False))
        started = time.perf_counter()
        with open_store(str(Path(tmp, "b.db"))) as store:
            stats = ingest([str(path)], store, options)
            codes = [r["code"] for r in store.rows("SELECT code FROM failures")]
        return {"bytes": len(data), **_done(started), "new": stats.new, "failed": stats.failed,
                "codes": ",".join(sorted(set(codes))) or "-"}


def _done(started: float) -> dict:
    return {"seconds": round(time.perf_counter() - started, 2),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


GROUPS = {
    "repeats": ["50k identical lines", "50k distinct lines", "20k identical long lines", "20k distinct long lines",
                "50k identical <li>", "50k distinct <li>", "20k identical rows", "20k distinct rows"],
    "feed": ["feed of 10,000 dead links", "feed of 10,000 live links"],
    "long": ["1.1M characters, understood", "1.1M characters, spaCy alone (same pieces)"],
    "bombs": list(BOMBS),
}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(case(sys.argv[2])))
        return
    groups = sys.argv[1:] or list(GROUPS)
    for group in groups:
        for name in GROUPS[group]:
            out = subprocess.run([sys.executable, __file__, "--case", name], capture_output=True, text=True)
            result = json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else {"error": out.stderr[-300:]}
            print(f"| {name} | " + " | ".join(f"{k} {v}" for k, v in result.items()) + " |", flush=True)


if __name__ == "__main__":
    main()
