"""What story clustering costs per article, against a baseline checkout, on analysed articles.

Reads the analyses cached by ``eval/stories.py`` (OrangeSum and ECB+, JSON lines under
/tmp: run the evaluation first), then in a fresh process for each checkout times
``profile()`` of every article and ``StoryClusterer(window=…).add_profile()`` of every
profile in order, and traces the clusterer's memory (tracemalloc, after the last add).

    python benchmarks/bench_stories.py                                # this checkout
    python benchmarks/bench_stories.py --baseline ../main/src         # and another checkout's src/
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHES = [Path("/tmp/veille_orangesum.jsonl"), Path("/tmp/veille_ecbplus.jsonl")]

PROBE = r'''
import json, sys, time, tracemalloc
from veille.model import Article
from veille.link.stories import StoryClusterer, profile
arts = [Article.model_validate(json.loads(line)["article"]) for path in sys.argv[2:] for line in open(path)]
profile(arts[0])
t = time.perf_counter(); profiles = [profile(a) for a in arts]; tp = time.perf_counter() - t
tracemalloc.start()
clusterer = StoryClusterer(window=int(sys.argv[1]))
t = time.perf_counter()
for p in profiles:
    clusterer.add_profile(p)
ta = time.perf_counter() - t
memory = tracemalloc.get_traced_memory()[0]
print(json.dumps({"articles": len(arts), "profile_ms": 1000 * tp / len(arts), "add_ms": 1000 * ta / len(arts),
                  "clusterer_mib": memory / 2 ** 20, "stories": len(clusterer.stories)}))
'''


def measure(src: Path, window: int, caches: list[Path]) -> dict:
    """Figures of one fresh process importing veille from ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, "-c", PROBE, str(window), *map(str, caches)], env=env,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another checkout's src/ to compare with")
    parser.add_argument("--window", type=int, default=1000, help="originals the clusterer keeps")
    args = parser.parse_args(argv)
    caches = [c for c in CACHES if c.exists()]
    if not caches:
        print("no cached analyses: run python eval/stories.py --set orangesum (and --set ecbplus) first",
              file=sys.stderr)
        return 2
    result = {"window": args.window, "caches": [str(c) for c in caches],
              "this": measure(ROOT / "src", args.window, caches)}
    if args.baseline:
        result["baseline"] = measure(args.baseline, args.window, caches)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
