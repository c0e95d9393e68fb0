#!/usr/bin/env python3
"""The pipeline against spaCy alone, start-up, memory flat in corpus size, Spark against local.

Every figure is measured in one run of this script, each side in a fresh process
started the way a user starts it (the CLI), wall-clock time including start-up:

- ``spacy``: spaCy alone, ``spacy.load("fr_core_news_md")`` then ``nlp.pipe(texts,
  n_process=2, batch_size=64)`` over the same articles (title, lead and body);
- ``ingest``: ``veille ingest FILE -j 2`` with understanding, into a new SQLite store;
- ``spark``: ``veille ingest FILE --engine spark --master local[2,4] --out DIR``, then
  ``veille load DIR`` (timed apart);
- ``startup``: ``veille analyze samples/fr-visite-dakar.txt`` against a process that only
  runs ``spacy.load`` of the same pipeline, alternated over ``--rounds``;
- ``memory``: peak resident memory (the process tree, sampled every 0.2 s) of
  ``veille ingest --no-understand -j 2`` on the first ``--small`` articles and on all.

    python benchmarks/bench_pipeline.py [--n 1000] [--small 2000] [--what spacy,ingest,spark,startup,memory]
        [--json benchmarks/results/pipeline.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import PeakMemory

ROOT = Path(__file__).resolve().parents[1]
ORANGESUM = ROOT.parent / "shared" / "data" / "orangesum" / "orangesum_parsed.jsonl.gz"
FIELDS = ["--field", "text=article", "--field", "standfirst=heading", "--field", "published=date"]
VEILLE = [sys.executable, "-m", "veille"]

SPACY_ALONE = """
import json, sys, time
import spacy
texts = [json.loads(line)["t"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load("fr_core_news_md")
n = sum(1 for _ in nlp.pipe(texts, n_process=2, batch_size=64))
print(n)
"""


def sample(n: int | None, out: Path) -> Path:
    """The first ``n`` OrangeSum lines as JSONL (all when n is None)."""
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dest:
        for i, line in enumerate(src):
            if n is not None and i >= n:
                break
            dest.write(line)
    return out


def texts_file(corpus: Path, out: Path) -> Path:
    """Title, lead and body of each article as one text (what spaCy alone parses)."""
    with corpus.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dest:
        for line in src:
            row = json.loads(line)
            text = "\n\n".join(x for x in (row.get("title"), row.get("heading"), row.get("article")) if x)
            if text.strip() and row.get("article"):
                dest.write(json.dumps({"t": text}) + "\n")
    return out


def timed(cmd: list[str], memory: bool = False) -> dict:
    """Wall seconds (and peak tree RSS) of a command; its last output line."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with PeakMemory() as mem:
        done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr[-2000:]}")
    out = {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2),
           "last_line": done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""}
    if memory:
        out["peak_mib"] = round(mem.peak)
        out["tree_cpu_seconds"] = round(mem.cpu, 1)  # every process of the tree (Spark's JVM, daemon, workers)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--small", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--what", default="spacy,ingest,spark,startup,memory")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    what = set(args.what.split(","))
    res: dict = {"cpus": os.cpu_count(), "n": args.n}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = sample(args.n, work / "corpus.jsonl")
        if "spacy" in what:
            texts = texts_file(corpus, work / "texts.jsonl")
            res["spacy_alone"] = r = timed([sys.executable, "-c", SPACY_ALONE, str(texts)])
            r["articles"] = int(r["last_line"])
            r["articles_per_s"] = round(r["articles"] / r["seconds"], 2)
            print("spaCy alone", r, file=sys.stderr)
        if "ingest" in what:
            res["ingest_j2"] = r = timed(VEILLE + ["ingest", str(corpus), *FIELDS, "-j", "2", "--db",
                                                   str(work / "i.db"), "--json", "--no-progress"], memory=True)
            stats = json.loads(r["last_line"])
            r["articles"] = stats["read"] - stats["failed"]
            r["articles_per_s"] = round(r["articles"] / r["seconds"], 2)
            print("ingest -j 2", r, file=sys.stderr)
        if "spacy_alone" in res and "ingest_j2" in res:
            res["ratio_ingest_to_spacy"] = round(res["ingest_j2"]["articles_per_s"]
                                                 / res["spacy_alone"]["articles_per_s"], 3)
        if "spark" in what:
            res["spark_job"] = r = timed(VEILLE + ["ingest", str(corpus), *FIELDS, "--engine", "spark",
                                                   "--master", "local[2,4]", "--out", str(work / "out"),
                                                   "--json", "--no-progress"], memory=True)
            stats = json.loads(r["last_line"])
            r["articles"] = stats["read"] - stats["failed"]
            r["articles_per_s"] = round(r["articles"] / r["seconds"], 2)
            res["spark_load"] = timed(VEILLE + ["load", str(work / "out"), "--db", str(work / "s.db"), "--json"])
            both = r["seconds"] + res["spark_load"]["seconds"]
            res["spark_end_to_end_articles_per_s"] = round(r["articles"] / both, 2)
            print("spark", r, res["spark_load"], file=sys.stderr)
            if "ingest_j2" in res:
                res["ratio_spark_to_local"] = round(r["articles_per_s"] / res["ingest_j2"]["articles_per_s"], 3)
                res["ratio_spark_load_to_local"] = round(res["spark_end_to_end_articles_per_s"]
                                                         / res["ingest_j2"]["articles_per_s"], 3)
        if "startup" in what:
            sample_file = str(ROOT / "samples" / "fr-visite-dakar.txt")
            loads, analyses = [], []
            for _ in range(args.rounds):
                loads.append(timed([sys.executable, "-c", "import spacy; spacy.load('fr_core_news_md')"]))
                analyses.append(timed(VEILLE + ["analyze", sample_file, "--published", "2024-11-25"]))

            def beyond(key: str) -> float:  # median of analyze minus median of spacy.load
                return round(statistics.median(a[key] for a in analyses) - statistics.median(x[key] for x in loads), 2)

            res["startup"] = {"spacy_load_s": [x["seconds"] for x in loads],
                              "veille_analyze_s": [a["seconds"] for a in analyses],
                              "spacy_load_cpu_s": [x["cpu_seconds"] for x in loads],
                              "veille_analyze_cpu_s": [a["cpu_seconds"] for a in analyses],
                              "beyond_spacy_load_median_s": beyond("seconds"),
                              "beyond_spacy_load_median_cpu_s": beyond("cpu_seconds")}
            print("startup", res["startup"], file=sys.stderr)
        if "memory" in what:
            small = sample(args.small, work / "small.jsonl")
            full = sample(None, work / "all.jsonl")
            mem = {}
            for name, path in (("small", small), ("all", full)):
                mem[name] = timed(VEILLE + ["ingest", str(path), *FIELDS, "-j", "2", "--no-understand", "--db",
                                            str(work / f"m-{name}.db"), "--json", "--no-progress"], memory=True)
                mem[name]["stats"] = json.loads(mem[name].pop("last_line"))
                print("memory", name, mem[name], file=sys.stderr)
            mem["ratio"] = round(mem["all"]["peak_mib"] / mem["small"]["peak_mib"], 3)
            res["memory"] = mem
    res["load_average_at_end"] = os.getloadavg()
    print(json.dumps(res, indent=1))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
