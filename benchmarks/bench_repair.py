#!/usr/bin/env python3
"""Plain-text repair throughput on one core, over OrangeSum (French news).

Each article's text is its title, lead ("heading") and body joined by blank
lines — as a page saved as text would be; OrangeSum's parsed bodies lost the
breaks between their paragraphs, so a body is one long unit. Each article goes
through ``veille.analyze_bytes`` (decode, split, repair, language; the
understanding stage off), one at a time, in one process pinned to one CPU.
For context, the same articles are also only decoded and split into units
(``veille.read.decode.decode`` + ``veille.read.text.text_units``), the floor
of any reader.

The two runs are interleaved over several rounds (order alternating); each
figure is the median over rounds, in articles per second of wall-clock time
and of this process's CPU time (the latter is what one core delivers when the
machine is shared, and is the headline figure).

    python benchmarks/bench_repair.py [--limit 5000] [--rounds 5] [--shared PATH] [--json OUT]

Target: >= 500 articles/s (docs/benchmarks.md).
"""

from __future__ import annotations

import _onecore  # first: one core, no BLAS threads (before numpy loads)
import argparse
import gzip
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = Path(os.environ.get("VEILLE_SHARED", ROOT.parent / "shared"))
TARGET = 500.0

Article = tuple[str, bytes]  # (source name, raw bytes)


def load_articles(shared: Path, limit: int | None) -> list[Article]:
    """OrangeSum articles as text inputs: title, lead and body joined by blank lines."""
    path = shared / "data" / "orangesum" / "orangesum_parsed.jsonl.gz"
    out: list[Article] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(out) >= limit:
                break
            row = json.loads(line)
            text = "\n\n".join(p for p in (row.get("title"), row.get("heading"), row.get("article")) if p)
            if text.strip():
                out.append((f"orangesum-{row['id']}.txt", text.encode("utf-8")))
    return out


def decode_and_split(name: str, data: bytes) -> object:
    """The floor: bytes to text, text to units, nothing judged."""
    from veille.read.decode import decode
    from veille.read.text import text_units

    return text_units(decode(data, name))


def make_analyze() -> Callable[[str, bytes], object]:
    """veille's whole text path (read + repair + language), the understanding stage off."""
    import dataclasses

    import veille

    fields = {f.name for f in dataclasses.fields(veille.Options)}
    options = veille.Options(understand=False) if "understand" in fields else veille.Options()
    return lambda name, data: veille.analyze_bytes(data, name, options)


def timed(run: Callable[[str, bytes], object], articles: Sequence[Article]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) to run over all articles."""
    wall, cpu = time.perf_counter(), time.process_time()
    for name, data in articles:
        run(name, data)
    return time.perf_counter() - wall, time.process_time() - cpu


def bench(articles: Sequence[Article], rounds: int) -> dict:
    """Interleaved rounds of both runs; per-round rates and their medians."""
    runs = {"decode_split": decode_and_split, "veille": make_analyze()}
    for run in runs.values():  # warm-up: models loaded, regexes compiled, caches filled
        timed(run, articles[: min(200, len(articles))])
    per_round: dict[str, list[dict[str, float]]] = {name: [] for name in runs}
    for r in range(rounds):
        order = list(runs) if r % 2 == 0 else list(reversed(runs))
        for name in order:
            wall, cpu = timed(runs[name], articles)
            per_round[name].append({"wall_per_s": len(articles) / wall, "cpu_per_s": len(articles) / cpu})
    summary = {
        name: {
            "articles_per_s_cpu": statistics.median(x["cpu_per_s"] for x in rows),
            "articles_per_s_wall": statistics.median(x["wall_per_s"] for x in rows),
            "rounds": rows,
        }
        for name, rows in per_round.items()
    }
    return summary


def report(result: dict) -> str:
    """Figures as text."""
    v, b = result["runs"]["veille"], result["runs"]["decode_split"]
    cpu_ok = "meets" if v["articles_per_s_cpu"] >= TARGET else "MISSES"
    return "\n".join([
        f"OrangeSum, {result['articles']} articles ({result['mean_chars']:.0f} chars on average), "
        f"{result['rounds']} interleaved rounds, pinned to CPU {result['cpu']}; medians:",
        f"  veille.analyze_bytes (read + repair + language): {v['articles_per_s_cpu']:8.0f} articles/s CPU"
        f"   {v['articles_per_s_wall']:8.0f} articles/s wall",
        f"  decode + split only (floor):                     {b['articles_per_s_cpu']:8.0f} articles/s CPU"
        f"   {b['articles_per_s_wall']:8.0f} articles/s wall",
        f"  target >= {TARGET:.0f} articles/s: {cpu_ok} it (CPU time)",
        f"  peak memory (ru_maxrss): {result['peak_rss_mib']:.0f} MiB",
    ])


def main(argv: Sequence[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=5000, help="articles (default 5000; 0 = all 36k)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    articles = load_articles(args.shared, args.limit or None)
    if not articles:
        parser.error(f"no OrangeSum articles under {args.shared}")
    cpu = _onecore.pin_one_cpu()
    runs = bench(articles, args.rounds)
    result = {
        "benchmark": "repair",
        "articles": len(articles),
        "mean_chars": statistics.fmean(len(d.decode("utf-8")) for _, d in articles),
        "rounds": args.rounds,
        "cpu": cpu,
        "runs": runs,
        "target_articles_per_s": TARGET,
        "peak_rss_mib": _onecore.peak_rss_mib(),
        "machine": _onecore.machine(),
    }
    _onecore.emit(result, report(result), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
