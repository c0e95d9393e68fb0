#!/usr/bin/env python3
"""Ingest benchmark on OrangeSum (36k French articles), on this machine's cores.

Measures, in one run:

- baseline: read + repair + language of one article at a time in one process, no store
  (what ingest adds on top of ``veille analyze`` shows against it);
- ingest throughput (articles/s) with ``--jobs`` workers, without understanding, on the whole
  corpus (or ``--limit``), and with understanding on a sample;
- peak memory of the whole ingest (the main process plus its workers, resident set summed);
- near-duplicate detection time over all the corpus's articles (MinHash + LSH + exact Jaccard,
  one process, in memory; target < 60 s);
- full-text search latency on the resulting store, p50/p95 over random one- and two-word queries
  (target p95 < 50 ms).

    python benchmarks/bench_ingest.py [--limit N] [--jobs 2] [--understand-sample 200] [--db-dir DIR]

Results go to benchmarks/results/ingest.json and a Markdown table to stdout.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORANGESUM = ROOT.parent / "shared" / "data" / "orangesum" / "orangesum_parsed.jsonl.gz"
FIELDS = {"text": "article", "standfirst": "heading", "published": "date"}


class PeakMemory:
    """Samples the resident memory of this process and all its descendants (MiB), keeping the peak;
    ``cpu`` is the CPU seconds its descendants used (each process's last sample, so a process that
    ends between two samples loses at most ``interval`` seconds)."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak = 0.0
        self._cpu: dict[tuple[int, int], float] = {}  # (pid, start time) -> CPU seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree_rss(self) -> float:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        cpu: dict[int, tuple[int, float]] = {}
        tick = os.sysconf("SC_CLK_TCK")
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
                rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
                cpu[int(entry.name)] = (int(fields[19]), (int(fields[11]) + int(fields[12])) / tick)
            except (OSError, IndexError, ValueError):
                continue
        mine, frontier = {os.getpid()}, [os.getpid()]
        while frontier:
            pid = frontier.pop()
            for child, parent in parents.items():
                if parent == pid and child not in mine:
                    mine.add(child)
                    frontier.append(child)
        for p in mine - {os.getpid()}:
            if p in cpu:
                self._cpu[(p, cpu[p][0])] = cpu[p][1]
        return sum(rss.get(p, 0) for p in mine) / 2**20

    @property
    def cpu(self) -> float:
        return sum(self._cpu.values())

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._tree_rss())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self.peak = self._tree_rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def sample_file(src: Path, n: int | None, out: Path) -> Path:
    """The first ``n`` lines of the corpus as a plain JSONL file (all when n is None)."""
    with gzip.open(src, "rt", encoding="utf-8") as handle, out.open("w", encoding="utf-8") as dest:
        for i, line in enumerate(handle):
            if n is not None and i >= n:
                break
            dest.write(line)
    return out


def baseline(path: Path, n: int) -> float:
    """Articles/s of read + repair + language, one at a time, one process, no store."""
    from veille.read import read_raw
    from veille.read.source import Raw
    from veille.repair import repair
    from veille.understand import detect_language

    lines = path.read_text(encoding="utf-8").splitlines()[:n]
    started = time.perf_counter()
    for line in lines:
        row = json.loads(line)
        detect_language(repair(read_raw(Raw(row["article"].encode(), "x"))))
    return len(lines) / (time.perf_counter() - started)


def run_ingest(path: Path, db: Path, jobs: int, understand: bool) -> dict:
    """Ingest ``path`` into a fresh store; stats, rate and peak memory."""
    from veille.ingest import IngestOptions, ingest
    from veille.read.corpus import CorpusOptions
    from veille.store import open_store

    options = IngestOptions(jobs=jobs, understand=understand, corpus=CorpusOptions(fields=FIELDS))
    with PeakMemory() as mem, open_store(db) as store:
        stats = ingest([str(path)], store, options)
    return {"read": stats.read, "new": stats.new, "duplicate": stats.duplicate,
            "near_duplicate": stats.near_duplicate, "failed": stats.failed, "seconds": round(stats.seconds, 1),
            "articles_per_s": round(stats.read / stats.seconds, 1), "peak_mib": round(mem.peak)}


def near_dup_time(path: Path) -> dict:
    """Seconds to deduplicate every article text in memory (one process)."""
    from veille.link.dedup import dedupe

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    started = time.perf_counter()
    exact = near = 0
    for _, match in dedupe((str(r["id"]), r["title"], r["article"]) for r in rows):
        if match is not None:
            exact += match.kind == "duplicate"
            near += match.kind == "near_duplicate"
    seconds = time.perf_counter() - started
    return {"articles": len(rows), "seconds": round(seconds, 1), "exact": exact, "near": near}


def search_latency(db: Path, n: int = 300, seed: int = 1) -> dict:
    """p50/p95/max milliseconds of full-text searches of one or two words taken from titles."""
    from veille.store import open_store

    with open_store(db, create=False) as store:
        titles = [r["title"] for r in store.rows("SELECT title FROM articles WHERE title IS NOT NULL")]
        rng = random.Random(seed)
        words = [w for t in titles for w in t.split() if len(w) > 4 and w.isalpha()]
        queries = [" ".join(rng.sample(words, rng.choice((1, 2)))) for _ in range(n)]
        for q in queries[:20]:  # warm the cache
            store.search(q)
        times, hits = [], 0
        for q in queries:
            started = time.perf_counter()
            hits += bool(store.search(q, limit=20))
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"queries": n, "with_hits": hits, "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * len(times)) - 1], 1), "max_ms": round(times[-1], 1)}


def main() -> int:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ORANGESUM)
    parser.add_argument("--limit", type=int, default=None, help="articles for the ingest without understanding")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--understand-sample", type=int, default=200)
    parser.add_argument("--baseline-sample", type=int, default=1000)
    parser.add_argument("--db-dir", type=Path, default=None, help="where the stores go (default: a temp dir)")
    args = parser.parse_args()
    if not args.source.exists():
        print(f"OrangeSum not found at {args.source}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        work = args.db_dir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus = sample_file(args.source, args.limit, work / "corpus.jsonl")
        small = sample_file(args.source, args.understand_sample, work / "sample.jsonl")
        for db in ("fast.db", "full.db"):
            for suffix in ("", "-wal", "-shm"):
                (work / (db + suffix)).unlink(missing_ok=True)
        results = {"cores": os.cpu_count(), "jobs": args.jobs,
                   "load_average_at_start": os.getloadavg()[0]}
        results["baseline_articles_per_s"] = round(baseline(corpus, args.baseline_sample), 1)
        print("baseline", results["baseline_articles_per_s"], file=sys.stderr)
        results["ingest_no_understand"] = run_ingest(corpus, work / "fast.db", args.jobs, understand=False)
        print("no understand", results["ingest_no_understand"], file=sys.stderr)
        results["ingest_understand"] = run_ingest(small, work / "full.db", args.jobs, understand=True)
        print("understand", results["ingest_understand"], file=sys.stderr)
        results["near_duplicates"] = near_dup_time(corpus)
        print("near dups", results["near_duplicates"], file=sys.stderr)
        results["search"] = search_latency(work / "fast.db")
        results["store_mib"] = round(sum(p.stat().st_size for p in work.glob("fast.db*")) / 2**20)

    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ingest.json").write_text(json.dumps(results, indent=2))
    fast, full, near, search = (results["ingest_no_understand"], results["ingest_understand"],
                                results["near_duplicates"], results["search"])
    print(f"""| measure | value |
|---|---|
| baseline: read + repair + language, 1 process, no store | {results['baseline_articles_per_s']} articles/s |
| ingest, no understanding, {args.jobs} jobs, {fast['read']:,} articles | {fast['articles_per_s']} articles/s ({fast['seconds']} s) |
| ingest with understanding, {args.jobs} jobs, {full['read']} articles | {full['articles_per_s']} articles/s ({full['seconds']} s) |
| peak memory, whole ingest (main + workers) | {fast['peak_mib']} MiB without understanding, {full['peak_mib']} MiB with |
| near-duplicate detection, {near['articles']:,} articles, 1 process | {near['seconds']} s ({near['exact']} exact, {near['near']} near) |
| full-text search, {search['queries']} queries | p50 {search['p50_ms']} ms, p95 {search['p95_ms']} ms, max {search['max_ms']} ms |
| store size ({fast['new']:,} originals) | {results['store_mib']} MiB |
| load average at start (2 cores shared) | {results['load_average_at_start']:.1f} |""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
