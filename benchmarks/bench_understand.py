"""Understanding throughput: veille's analyze vs spaCy alone, side by side.

    python benchmarks/bench_understand.py [--n 1000] [--rounds 3] [--json out.json]

Both sides get the same 1,000 OrangeSum articles (title, lead and body, as in
bench_repair). spaCy alone: the same pipeline (fr_core_news_md, veille's
sentence guard not added) running ``nlp.pipe`` on the article texts. veille:
``process_many`` — read, repair, language, parse block by block, actor
linking, events, quotes, relations — from the raw bytes. Rounds alternate the
two sides; the median articles/s of each is reported with their ratio, and the
peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def articles(shared: Path, n: int) -> list[str]:
    """The first ``n`` OrangeSum articles as plain text."""
    out = []
    with gzip.open(shared / "data/orangesum/orangesum_parsed.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            out.append("\n\n".join(x for x in (row.get("title"), row.get("heading"), row.get("article")) if x))
            if len(out) == n:
                break
    return out


def spacy_alone(texts: list[str]) -> float:
    import spacy

    nlp = _plain_nlp(spacy)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return len(texts) / (time.perf_counter() - start)


_PLAIN = {}


def _plain_nlp(spacy):  # noqa: ANN001, ANN202
    if "nlp" not in _PLAIN:
        _PLAIN["nlp"] = spacy.load("fr_core_news_md")
    return _PLAIN["nlp"]


def veille_analyze(texts: list[str]) -> float:
    from veille.options import Options
    from veille.pipeline import process_many
    from veille.read import read_raw
    from veille.read.source import Raw

    options = Options(language="fr")
    start = time.perf_counter()
    raws = [read_raw(Raw(t.encode("utf-8"), f"orangesum:{i}"), options) for i, t in enumerate(texts)]
    for i in range(0, len(raws), 256):
        process_many(raws[i:i + 256], options)
    return len(texts) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    texts = articles(args.shared, args.n)
    veille_analyze(texts[:20])  # load pipelines and tables once, outside the timing
    spacy_alone(texts[:20])
    base, ours = [], []
    for _ in range(args.rounds):
        base.append(spacy_alone(texts))
        ours.append(veille_analyze(texts))
    res = {
        "articles": len(texts), "rounds": args.rounds,
        "spacy_alone_articles_per_s": round(statistics.median(base), 1),
        "veille_articles_per_s": round(statistics.median(ours), 1),
        "ratio": round(statistics.median(ours) / statistics.median(base), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(res, indent=2))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
