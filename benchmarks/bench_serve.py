#!/usr/bin/env python3
"""Latency of `veille serve` on a store of OrangeSum articles plus the reference article,
on SQLite and on PostgreSQL: p50/p95/max per page and per JSON twin, over HTTP on 127.0.0.1.

The store is built once per backend (kept in --db-dir for reruns): the reference article and
the first ``--understood`` OrangeSum articles with understanding, then the next ones up to
``--articles`` without. The server runs as `veille serve` in its own process; this process is
the client (one request at a time, keep-alive), so figures are what a browser on the same
machine waits for. Baselines measured in the same run: a static file from the same server
(the HTTP floor) and `veille.store.query.search` called directly (full-text search alone,
no HTTP, no facets).

    python benchmarks/bench_serve.py [--articles 2000] [--understood 300] [--requests 60]
                                     [--pg postgresql://…] [--db-dir DIR]

Results go to benchmarks/results/serve.json and a Markdown table to stdout.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ORANGESUM = SHARED / "data" / "orangesum" / "orangesum_parsed.jsonl.gz"
REFERENCE = SHARED / "examples" / "fr-poutine-kazakhstan.txt"
FIELDS = {"text": "article", "standfirst": "heading", "published": "date"}


def build(target: str, folder: Path, articles: int, understood: int, jobs: int) -> dict:
    """Ingest the benchmark corpus into ``target`` unless it holds it already; timings."""
    from veille.ingest import IngestOptions, ingest
    from veille.read.corpus import CorpusOptions
    from veille.store import open_store

    with open_store(target) as s:
        have = int(s.scalar("SELECT COUNT(*) FROM articles") or 0) + int(s.scalar("SELECT COUNT(*) FROM failures") or 0)
    if have >= articles + 1:  # every item stored or recorded as a failure: built already
        return {"built": False, "articles": have}
    first, rest = folder / "understood.jsonl", folder / "bulk.jsonl"
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as src, first.open("w") as a, rest.open("w") as b:
        for n, line in enumerate(src):
            if n >= articles:
                break
            (a if n < understood else b).write(line)
    corpus = CorpusOptions(fields=FIELDS)
    out = {"built": True}
    with open_store(target) as s:
        t = time.perf_counter()
        ingest([str(REFERENCE), str(first)], s, IngestOptions(jobs=jobs, corpus=corpus))
        out["understood_s"] = round(time.perf_counter() - t, 1)
        t = time.perf_counter()
        ingest([str(rest)], s, IngestOptions(jobs=jobs, understand=False, corpus=corpus))
        out["bulk_s"] = round(time.perf_counter() - t, 1)
        out["articles"] = int(s.scalar("SELECT COUNT(*) FROM articles") or 0)
        out["events"] = int(s.scalar("SELECT COUNT(*) FROM events") or 0)
        out["quotes"] = int(s.scalar("SELECT COUNT(*) FROM quotes") or 0)
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(target: str) -> tuple[subprocess.Popen, str]:
    """`veille serve` on the store, in its own process; (process, base URL) once it answers."""
    import httpx

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "veille", "serve", "--db", target, "--port", str(port),
                             "--read-only"], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(base + "/static/veille.css", timeout=1)
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("veille serve did not start")


def words(target: str, rng: random.Random, n: int) -> list[str]:
    """One- and two-word queries drawn from stored titles (words of 5+ letters)."""
    import re

    from veille.store import open_store

    with open_store(target, create=False) as s:
        titles = [r["title"] or "" for r in s.rows("SELECT title FROM articles ORDER BY seq")]
    vocab = sorted({w.lower() for t in titles for w in re.findall(r"\w{5,}", t)})
    return [" ".join(rng.sample(vocab, rng.choice((1, 2)))) for _ in range(n)]


def urls(base: str, target: str, rng: random.Random, n: int) -> dict[str, list[str]]:
    """The URLs measured per page (random picks from the store's content, fixed seed)."""
    import httpx

    from veille.store import open_store

    with open_store(target, create=False) as s:
        arts = [r["id"] for r in s.rows("SELECT id FROM articles ORDER BY seq")]
        actors = [r["actor_id"] for r in s.rows("SELECT actor_id FROM actor_mentions GROUP BY actor_id "
                                                 "ORDER BY COUNT(*) DESC LIMIT 50")]
        stories = [r["story_id"] for r in s.rows("SELECT story_id FROM articles WHERE story_id IS NOT NULL "
                                                  "GROUP BY story_id ORDER BY COUNT(*) DESC LIMIT 200")]
        types = [r["type"] for r in s.rows("SELECT DISTINCT type FROM events")]
        langs = ["fr"]
    qs = words(target, rng, n)
    ref = httpx.get(base + "/search.json", params={"q": "Poutine Kazakhstan Tokaïev"}).json()["results"]
    pick = lambda xs: [rng.choice(xs) for _ in range(n)] if xs else []  # noqa: E731
    from urllib.parse import quote

    out = {
        "home": ["/"] * n,
        "search": [f"/search?q={quote(q)}" for q in qs],
        "search, filtered": [f"/search?q={quote(q)}&lang={rng.choice(langs)}&since=2015" for q in qs],
        "search, browse (no words)": [f"/search?page={rng.randint(1, 20)}" for _ in range(n)],
        "search quotes": [f"/search?in=quotes&q={quote(q.split()[0])}" for q in qs],
        "search events": [f"/search?in=events&q={quote(q.split()[0])}" for q in qs],
        "article": [f"/article/{a}" for a in pick(arts)] + ([f"/article/{ref[0]['id']}"] if ref else []),
        "events": [f"/events?type={t}" for t in pick(types)] + ["/events"] * (n // 4),
        "actor": [f"/actor/{quote(a, safe=':')}" for a in pick(actors)],
        "story": [f"/story/{x}" for x in pick(stories)],
        "map": ["/map"] * n,
        "alerts": ["/alerts"] * n,
    }
    return {k: v for k, v in out.items() if v}


def twin(path: str) -> str:
    base, _, query = path.partition("?")
    return ("/index" if base == "/" else base) + ".json" + ("?" + query if query else "")


def measure(client, base: str, paths: list[str]) -> list[float]:  # noqa: ANN001
    times = []
    for path in paths:
        t = time.perf_counter()
        r = client.get(base + path)
        times.append((time.perf_counter() - t) * 1000)
        if r.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {r.status_code}")
    return times


def stats(ms: list[float]) -> dict:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return {"n": len(ms), "p50": round(statistics.median(ms), 1), "p95": round(p95, 1), "max": round(ms[-1], 1)}


def run_backend(name: str, target: str, rng_seed: int, n: int) -> dict:
    import httpx

    from veille.store import query

    proc, base = start(target)
    try:
        rng = random.Random(rng_seed)
        pages = urls(base, target, rng, n)
        out: dict = {"pages": {}}
        with httpx.Client(timeout=60) as client:
            t = time.perf_counter()
            client.get(base + "/events.json")
            out["events_first_request_ms"] = round((time.perf_counter() - t) * 1000, 1)  # merges, then cached
            out["baseline static file"] = stats(measure(client, base, ["/static/veille.css"] * n))
            for page, paths in pages.items():
                measure(client, base, paths[:3])  # warm
                html = stats(measure(client, base, paths))
                data = stats(measure(client, base, [twin(p) for p in paths]))
                out["pages"][page] = {"html": html, "json": data}
        qs = words(target, random.Random(rng_seed), n)
        direct = []
        from veille.store import open_store

        with open_store(target, create=False) as s:
            for q in qs:
                t = time.perf_counter()
                query.search(s, q, limit=20)
                direct.append((time.perf_counter() - t) * 1000)
        out["baseline query.search (direct, no HTTP)"] = stats(direct)
        return out
    finally:
        proc.terminate()
        proc.wait(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="OrangeSum articles (plus the reference one)")
    parser.add_argument("--understood", type=int, default=300, help="of which understood")
    parser.add_argument("--requests", type=int, default=60, help="requests per page and per twin")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--pg", default=os.environ.get("VEILLE_BENCH_PG"), help="postgresql:// URL (its schema is used)")
    parser.add_argument("--db-dir", default=str(ROOT / "benchmarks" / "results" / "serve"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    folder = Path(args.db_dir)
    folder.mkdir(parents=True, exist_ok=True)
    targets = {"SQLite": str(folder / "serve.db")}
    if args.pg:
        targets["PostgreSQL"] = args.pg
    report: dict = {"articles": args.articles + 1, "understood": args.understood + 1, "requests": args.requests,
                    "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}, "backends": {}}
    for name, target in targets.items():
        built = build(target, folder, args.articles, args.understood, args.jobs)
        print(f"{name}: store {built}", file=sys.stderr)
        report["backends"][name] = {"store": built, **run_backend(name, target, args.seed, args.requests)}
    out = ROOT / "benchmarks" / "results" / "serve.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    names = list(report["backends"])
    print("| page | " + " | ".join(f"{n} HTML p50 / p95 (max) ms | {n} JSON p50 / p95 (max) ms" for n in names) + " |")
    print("|---|" + "---|---|" * len(names))
    pages = report["backends"][names[0]]["pages"]
    for page in pages:
        cells = []
        for n in names:
            r = report["backends"][n]["pages"][page]
            cells += [f"{r['html']['p50']} / **{r['html']['p95']}** ({r['html']['max']})",
                      f"{r['json']['p50']} / **{r['json']['p95']}** ({r['json']['max']})"]
        print(f"| {page} | " + " | ".join(cells) + " |")
    for key in ("baseline static file", "baseline query.search (direct, no HTTP)"):
        cells = []
        for n in names:
            r = report["backends"][n][key]
            cells += [f"{r['p50']} / {r['p95']} ({r['max']})", ""]
        print(f"| {key} | " + " | ".join(cells) + " |")
    for n in names:
        print(f"\n{n}: first /events request (merging events, then cached): "
              f"{report['backends'][n]['events_first_request_ms']} ms; store {report['backends'][n]['store']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
