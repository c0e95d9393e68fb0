"""How long the actor table takes to load, in fresh processes, against a baseline checkout.

Each run starts a new Python process (the table is loaded once per process) and times
``load_actor_table()`` (the curated rows), then the first ``lookup()`` (which reads the
Phoenix-only people and builds the fold index). Medians of ``--runs`` runs.

    python benchmarks/bench_actor_table.py                       # this checkout
    python benchmarks/bench_actor_table.py --baseline ../main/src   # and another checkout's src/
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

PROBE = r'''
import json, resource, time
from veille.understand.actor_table import load_actor_table
t1 = time.perf_counter(); table = load_actor_table(); t2 = time.perf_counter()
table.role_holder("head of state", "FRA", "2020-01-01"); t3 = time.perf_counter()
table.lookup("x"); t4 = time.perf_counter()
print(json.dumps({"load_s": t2 - t1, "first_lookup_s": t4 - t3, "rows": len(table),
                  "aliases_fr": sum(1 for _ in table.alias_entries("fr")),
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
'''


def measure(src: Path, runs: int) -> dict[str, float]:
    """Median figures of ``runs`` fresh processes importing veille from ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    results = [json.loads(subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                                         text=True, check=True).stdout) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def main() -> None:
    """Print the figures of this checkout and, if given, of a baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="src/ folder of another checkout (e.g. ../main/src)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    here = Path(__file__).resolve().parents[1] / "src"
    for label, src in [("baseline", args.baseline), ("this checkout", here)]:
        if src is None:
            continue
        m = measure(src.resolve(), args.runs)
        print(f"{label}: load {m['load_s'] * 1000:.0f} ms, first lookup {m['first_lookup_s'] * 1000:.0f} ms, "
              f"{m['rows']:.0f} rows, {m['aliases_fr']:.0f} French aliases, peak RSS {m['peak_rss_mib']:.0f} MiB")


if __name__ == "__main__":
    main()
