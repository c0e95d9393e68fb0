"""Dump veille's output on the bench corpus, one JSON line per article, to compare runs.

    python benchmarks/dump_outputs.py [--n 300] [--out /tmp/outputs.jsonl]

The same articles as ``bench_understand.py`` (the first ``n`` OrangeSum articles,
title, lead and body) through the same path (``read_raw`` then ``process_many``
in batches of 256). Each line is the whole article model as JSON — actors,
quotes, events, relations, offsets — so a speed-only change can be checked by
``cmp before.jsonl after.jsonl``: any difference means the change altered
behaviour.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_understand import ROOT, articles


def dump(texts: list[str], out: Path) -> None:
    """Run veille on ``texts`` as the bench does and write one JSON line per article to ``out``."""
    from veille.options import Options
    from veille.pipeline import process_many
    from veille.read import read_raw
    from veille.read.source import Raw

    options = Options(language="fr")
    raws = [read_raw(Raw(t.encode("utf-8"), f"orangesum:{i}"), options) for i, t in enumerate(texts)]
    with out.open("w", encoding="utf-8") as handle:
        for i in range(0, len(raws), 256):
            for article in process_many(raws[i:i + 256], options):
                handle.write(article.to_json(indent=None) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--out", type=Path, default=Path("outputs.jsonl"))
    args = ap.parse_args(argv)
    dump(articles(args.shared, args.n), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
