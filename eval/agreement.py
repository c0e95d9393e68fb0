"""Agreement between two independent annotations of the same documents (events).

    python eval/agreement.py OTHER.jsonl [--lang fr|en]

OTHER is a resolved events file (``eval/gold/annotate.py resolve``) of documents
also in the gold set, annotated by someone else without seeing the gold. The gold
is taken as reference and OTHER scored like a system at sentence level (types per
sentence), which bounds what any system can reach against this gold.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE / "gold")]

from annotate import load_docs, load_gold  # noqa: E402


def agreement(other: dict[str, dict], gold: dict[str, dict], docs: dict[str, dict], lang: str | None) -> dict:
    tp = fp = fn = 0
    per = {t: Counter() for t in ("tp", "fp", "fn")}
    n = 0
    for doc_id, row in other.items():
        if doc_id not in gold or (lang and docs[doc_id]["lang"] != lang):
            continue
        n += 1
        for s in range(len(docs[doc_id]["sentences"])):
            g = {e["type"] for e in gold[doc_id]["events"] if e["sent"] == s}
            o = {e["type"] for e in row["events"] if e["sent"] == s}
            for t in g & o:
                tp += 1
                per["tp"][t] += 1
            for t in o - g:
                fp += 1
                per["fp"][t] += 1
            for t in g - o:
                fn += 1
                per["fn"][t] += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"documents": n, "precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn,
            "per_type_f1": {t: round(2 * per["tp"][t] / (2 * per["tp"][t] + per["fp"][t] + per["fn"][t]), 2)
                            for t in sorted(set(per["tp"]) | set(per["fp"]) | set(per["fn"]))}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("other", type=Path)
    ap.add_argument("--lang", choices=["fr", "en"])
    args = ap.parse_args(argv)
    other = {r["doc"]: r for r in map(json.loads, args.other.read_text("utf-8").splitlines()) if r.strip() if False} if False else \
        {json.loads(line)["doc"]: json.loads(line) for line in args.other.read_text("utf-8").splitlines() if line.strip()}
    print(json.dumps(agreement(other, load_gold("events"), load_docs(), args.lang), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
