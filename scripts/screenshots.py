"""Screenshots of every page of ``veille serve``, for docs/serve.md.

Builds a small store (the samples, the reference article and a few OrangeSum
articles from ../shared, understood), serves it on 127.0.0.1 and photographs each
page with Debian's headless chromium driven by Playwright (nothing is downloaded)::

    python scripts/screenshots.py                   # → docs/img/*.png
    python scripts/screenshots.py --db veille.db    # an existing store instead

Needs the ``serve`` and ``test`` extras and ``apt-get install chromium``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def build_store(db: Path, orangesum: int) -> None:
    """The samples, the reference article and ``orangesum`` OrangeSum articles, understood."""
    import gzip

    from veille.ingest import IngestOptions, ingest
    from veille.read.corpus import CorpusOptions
    from veille.store import open_store

    sources = [str(ROOT / "samples"), str(SHARED / "examples" / "fr-poutine-kazakhstan.txt")]
    dump = SHARED / "data" / "orangesum" / "orangesum_parsed.jsonl.gz"
    if dump.exists() and orangesum:
        part = db.parent / "orangesum.jsonl"
        with gzip.open(dump, "rt", encoding="utf-8") as src, part.open("w", encoding="utf-8") as out:
            for n, line in enumerate(src):
                if n >= orangesum:
                    break
                out.write(line)
        sources.append(str(part))
    fields = {"text": "article", "standfirst": "heading", "published": "date"}
    with open_store(str(db)) as store:
        ingest(sources, store, IngestOptions(jobs=1, corpus=CorpusOptions(fields=fields)))


def serve(db: str) -> tuple[str, object]:
    """Start the app on a free port of 127.0.0.1 in a thread; (base URL, server)."""
    import socket

    import uvicorn

    from veille.serve.web import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{sock.getsockname()[1]}", server


def pages(base: str, db: str) -> list[tuple[str, str]]:
    """(name, URL) of each page to photograph, picked from the store's content."""
    import httpx

    home = httpx.get(base + "/index.json").json()
    hits = httpx.get(base + "/search.json", params={"q": "Poutine Kazakhstan"}).json()["results"]
    article = hits[0]["id"] if hits else httpx.get(base + "/search.json").json()["results"][0]["id"]
    actor = next((a["actor_id"] for a in home["actors"] if a["type"] == "person"), home["actors"][0]["actor_id"])
    story = json.loads(httpx.get(base + f"/article/{article}.json").text).get("story_id") \
        or home["stories"][0]["story_id"]
    return [("home", "/"), ("search", "/search?q=sommet"), ("search-quotes", "/search?in=quotes&q=partenaire"),
            ("article", f"/article/{article}"), ("events", "/events"), ("actor", f"/actor/{actor}"),
            ("story", f"/story/{story}"), ("map", "/map"), ("alerts", "/alerts"), ("analyse", "/analyse"),
            ("api", "/docs")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store (default: build a small one)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"), help="where the PNG files go")
    parser.add_argument("--orangesum", type=int, default=40, help="OrangeSum articles in the built store")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "veille.db")
        if not args.db:
            build_store(Path(db), args.orangesum)
        base, server = serve(db)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                for name, path in pages(base, db):
                    page.goto(base + path, wait_until="networkidle")
                    page.screenshot(path=str(out / f"{name}.png"), full_page=False)
                    print(f"{out / (name + '.png')}  ←  {path}", file=sys.stderr)
                browser.close()
        finally:
            server.should_exit = True  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main())
