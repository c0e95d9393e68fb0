#!/usr/bin/env python3
"""HTML path speed: veille against trafilatura alone, on the AEB pages, one core.

Three runs over the same pages (raw bytes, as read from disk), interleaved over
several rounds with the order rotating, in one process pinned to one CPU:

* ``trafilatura_meta`` — the baseline: ``trafilatura.bare_extraction(html,
  with_metadata=True, include_comments=False)``, exactly the call veille makes
  (main text and metadata, every other setting at its default);
* ``trafilatura_text`` — ``trafilatura.extract(html, include_comments=False,
  include_tables=True)``, text only (the call of eval/extraction.py), for context;
* ``veille`` — ``veille.analyze_bytes(html, name)`` with the understanding
  stage off: decoding, the same trafilatura call, veille's walk of its output,
  repair and language.

Figures are medians over rounds of pages per second (of this process's CPU
time, the headline on a shared machine, and of wall-clock time) and the ratio
veille / baseline of the time per page. Peak memory is ``ru_maxrss`` after
trafilatura alone has run and at the end (veille loaded too).

    python benchmarks/bench_html.py [--limit N] [--rounds 5] [--shared PATH] [--json OUT]

Target: veille at most 15 % slower than the baseline (ratio <= 1.15).
"""

from __future__ import annotations

import _onecore  # first: one core, no BLAS threads (before numpy loads)
import argparse
import gzip
import logging
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = Path(os.environ.get("VEILLE_SHARED", ROOT.parent / "shared"))
TARGET_RATIO = 1.15
BASELINE = "trafilatura_meta"

Page = tuple[str, bytes]  # (source name, raw bytes)
Run = Callable[[str, bytes], object]


def load_pages(shared: Path, limit: int | None) -> list[Page]:
    """AEB pages sorted by id (the first ``limit``), as raw bytes."""
    root = shared / "data" / "aeb" / "html"
    paths = sorted(root.glob("*.html.gz"))[:limit]
    return [(p.name.removesuffix(".gz"), gzip.decompress(p.read_bytes())) for p in paths]


def trafilatura_runs() -> dict[str, Run]:
    """The two trafilatura calls."""
    from trafilatura import bare_extraction, extract

    return {
        "trafilatura_meta": lambda name, html: bare_extraction(html, with_metadata=True, include_comments=False),
        "trafilatura_text": lambda name, html: extract(html, include_comments=False, include_tables=True),
    }


def veille_run() -> Run:
    """veille's HTML path, understanding off; a page veille refuses costs what it cost."""
    import dataclasses

    import veille

    fields = {f.name for f in dataclasses.fields(veille.Options)}
    options = veille.Options(understand=False) if "understand" in fields else veille.Options()

    def run(name: str, html: bytes) -> object:
        try:
            return veille.analyze_bytes(html, name, options)
        except veille.VeilleError:
            return None

    return run


def timed(run: Run, pages: Sequence[Page]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) over all pages."""
    wall, cpu = time.perf_counter(), time.process_time()
    for name, html in pages:
        run(name, html)
    return time.perf_counter() - wall, time.process_time() - cpu


def bench(pages: Sequence[Page], rounds: int) -> tuple[dict, dict[str, float]]:
    """Interleaved rounds of every run: per-run summaries, and peak memory at two moments."""
    runs = trafilatura_runs()
    for run in runs.values():
        timed(run, pages[:10])
    memory = {"after_trafilatura_warmup_mib": _onecore.peak_rss_mib()}
    runs["veille"] = veille_run()
    timed(runs["veille"], pages[:10])
    names = list(runs)
    samples: dict[str, list[tuple[float, float]]] = {n: [] for n in names}
    for r in range(rounds):
        k = r % len(names)
        for name in names[k:] + names[:k]:
            samples[name].append(timed(runs[name], pages))
    memory["end_mib"] = _onecore.peak_rss_mib()
    out = {}
    for name, rows in samples.items():
        out[name] = {
            "pages_per_s_cpu": statistics.median(len(pages) / cpu for _, cpu in rows),
            "pages_per_s_wall": statistics.median(len(pages) / wall for wall, _ in rows),
            "rounds_seconds": [{"wall": w, "cpu": c} for w, c in rows],
        }
    for name in names:
        for kind in ("cpu", "wall"):
            base = statistics.median(r[kind] for r in out[BASELINE]["rounds_seconds"])
            mine = statistics.median(r[kind] for r in out[name]["rounds_seconds"])
            out[name][f"time_ratio_to_baseline_{kind}"] = mine / base
    return out, memory


def report(result: dict) -> str:
    """Figures as text."""
    lines = [f"AEB, {result['pages']} pages, {result['rounds']} interleaved rounds, pinned to CPU {result['cpu']}; "
             f"medians (baseline: {BASELINE}):"]
    for name, r in result["runs"].items():
        lines.append(f"  {name:<17} {r['pages_per_s_cpu']:7.1f} pages/s CPU  {r['pages_per_s_wall']:7.1f} pages/s wall"
                     f"   time x{r['time_ratio_to_baseline_cpu']:.3f} (CPU)  x{r['time_ratio_to_baseline_wall']:.3f} (wall)")
    ratio = result["runs"]["veille"]["time_ratio_to_baseline_cpu"]
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    lines.append(f"  target: veille <= x{TARGET_RATIO} the baseline's time: {verdict} it (x{ratio:.3f}, CPU)")
    m = result["peak_rss_mib"]
    lines.append(f"  peak memory (ru_maxrss): {m['after_trafilatura_warmup_mib']:.0f} MiB with trafilatura alone, "
                 f"{m['end_mib']:.0f} MiB at the end (veille loaded)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pages by id (default: all 181)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # trafilatura's per-page warnings are not what is measured
    pages = load_pages(args.shared, args.limit)
    if not pages:
        parser.error(f"no AEB pages under {args.shared}")
    cpu = _onecore.pin_one_cpu()
    runs, memory = bench(pages, args.rounds)
    result = {"benchmark": "html", "pages": len(pages), "rounds": args.rounds, "cpu": cpu, "baseline": BASELINE,
              "runs": runs, "target_time_ratio": TARGET_RATIO, "peak_rss_mib": memory,
              "machine": _onecore.machine()}
    _onecore.emit(result, report(result), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
