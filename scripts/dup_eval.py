#!/usr/bin/env python3
"""How well veille finds OrangeSum's duplicates (``list_of_duplicates.txt``).

OrangeSum lists 2,032 groups of files that share an identical article, heading
or title. This script reports:

1. **exact recall**: of the listed pairs whose article text is identical
   (after veille's normalisation), the share veille links to the same original;
2. **near-duplicate recall** on the listed pairs whose texts differ but whose
   shingle Jaccard reaches the threshold (near-duplicates by definition);
3. a **random sample a person can check**: pairs veille calls near-duplicates
   (for precision) and listed pairs veille left apart (for recall), printed
   with titles, similarity and the sentences that differ. Label them by hand.

By default the decisions are recomputed in memory from the ``article`` field
with :func:`veille.link.dedup.dedupe` (what ingest decides, without repair);
``--db`` reads them instead from a store made by
``veille ingest orangesum_parsed.jsonl.gz --field text=article --field standfirst=heading --field published=date``.

    python scripts/dup_eval.py [--threshold 0.7] [--sample 20] [--db veille.db]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "orangesum"


def load(shared: Path) -> dict[str, dict]:
    """OrangeSum rows by id (as a string)."""
    rows = {}
    with gzip.open(shared / "orangesum_parsed.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            rows[str(row["id"])] = row
    return rows


def listed_pairs(shared: Path, rows: dict[str, dict]) -> list[tuple[str, str]]:
    """Pairs of ids in the same listed group (both present in the parsed file)."""
    pairs = []
    for line in (shared / "list_of_duplicates.txt").read_text().split():
        ids = [f.removesuffix(".json") for f in line.strip().split(",") if f]
        ids = [i for i in ids if i in rows]
        pairs.extend(itertools.combinations(sorted(ids, key=int), 2))
    return pairs


def roots_in_memory(rows: dict[str, dict], threshold: float) -> tuple[dict[str, str], dict[str, float], float]:
    """Each id's original (itself when it is one), near-duplicate similarities, and the seconds it took."""
    from veille.link.dedup import dedupe

    started = time.perf_counter()
    root: dict[str, str] = {}
    sims: dict[str, float] = {}
    for rid, match in dedupe(((rid, r["title"], r["article"]) for rid, r in rows.items()), threshold):
        root[rid] = root.get(match.original, match.original) if match else rid
        if match and match.kind == "near_duplicate":
            sims[rid] = match.similarity
    return root, sims, time.perf_counter() - started


def roots_from_store(db: str) -> tuple[dict[str, str], dict[str, float]]:
    """The same read from a store: external id -> external id of its original."""
    from veille.store import query

    rows = query.articles(db, with_text=False)
    parent = {r["id"]: r["duplicate_of"] for r in rows}
    ext = {r["id"]: r["external_id"] for r in rows}

    def top(aid: str) -> str:  # an exact duplicate may point at a near-duplicate: follow the chain
        seen = set()
        while parent.get(aid) and aid not in seen:
            seen.add(aid)
            aid = parent[aid]
        return aid

    root = {r["external_id"]: ext[top(r["id"])] for r in rows}
    sims = {r["external_id"]: r["similarity"] for r in rows if r["status"] == "near_duplicate"}
    return root, sims


def show(label: str, a: dict, b: dict, sim: float | None) -> None:
    """Print one pair for a person to judge."""
    from veille.link.dedup import differences

    diff = differences(a["title"], a["article"], b["title"], b["article"], keep=2, width=160)
    print(f"\n[{label}] {a['id']} ↔ {b['id']}  similarity={sim if sim is not None else '-'}")
    print(f"  A: {a['title'][:110]}  ({a['date']})")
    print(f"  B: {b['title'][:110]}  ({b['date']})")
    for s in diff["removed"]:
        print(f"  - {s}")
    for s in diff["added"]:
        print(f"  + {s}")
    print("  same? [y/n]")


def main() -> int:
    """Run the evaluation and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the orangesum/ folder")
    parser.add_argument("--threshold", type=float, default=None, help="near-duplicate Jaccard threshold")
    parser.add_argument("--sample", type=int, default=20, help="pairs to print for a person to check")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--db", help="read decisions from this store instead of recomputing them")
    args = parser.parse_args()

    from veille.link.dedup import THRESHOLD, jaccard, normalise, shingles

    threshold = args.threshold or THRESHOLD
    if not (args.shared / "orangesum_parsed.jsonl.gz").exists():
        print(f"OrangeSum not found in {args.shared}", file=sys.stderr)
        return 2
    rows = load(args.shared)
    pairs = listed_pairs(args.shared, rows)
    if args.db:
        root, sims = roots_from_store(args.db)
        took = None
    else:
        root, sims, took = roots_in_memory(rows, threshold)
    same = lambda a, b: a in root and b in root and root[a] == root[b]  # noqa: E731

    identical = [(a, b) for a, b in pairs if normalise(rows[a]["article"]) == normalise(rows[b]["article"])]
    differing = [(a, b) for a, b in pairs if (a, b) not in set(identical)]
    jac = {(a, b): jaccard(shingles(rows[a]["article"]), shingles(rows[b]["article"])) for a, b in differing}
    near_truth = [p for p in differing if jac[p] >= threshold]
    found_exact = sum(same(a, b) for a, b in identical)
    found_near = sum(same(a, b) for a, b in near_truth)
    linked_other = sum(same(a, b) for a, b in differing if jac[(a, b)] < threshold)

    print(f"OrangeSum: {len(rows):,} articles; {len(pairs):,} listed pairs "
          f"({len(identical):,} with identical article text, {len(differing):,} sharing only a title or heading)")
    if took is not None:
        print(f"dedup in memory: {took:.1f} s ({len(rows) / took:,.0f} articles/s), threshold {threshold}")
    print(f"exact: recall {found_exact}/{len(identical)} = {found_exact / max(1, len(identical)):.3f}")
    print(f"near (listed pairs, text differs, Jaccard ≥ {threshold}): recall {found_near}/{len(near_truth)} = "
          f"{found_near / max(1, len(near_truth)):.3f}")
    print(f"listed pairs below the threshold that veille still links (through a third article): {linked_other}")
    print(f"near-duplicates veille reports in the whole corpus: {len(sims):,}")

    rng = random.Random(args.seed)
    by_id = {rid: rows[rid] for rid in rows}
    reported = sorted(sims)
    print(f"\n== {min(args.sample, len(reported))} near-duplicates veille reports (precision: are they the same story?)")
    for rid in rng.sample(reported, min(args.sample, len(reported))):
        show("veille: near", by_id[root[rid]], by_id[rid], sims[rid])
    missed = [p for p in differing if not same(*p)]
    print(f"\n== {min(args.sample, len(missed))} listed pairs veille left apart (recall: should they be linked?)")
    for a, b in rng.sample(missed, min(args.sample, len(missed))):
        show("veille: apart", by_id[a], by_id[b], round(jac[(a, b)], 3))
    closest = sorted(missed, key=lambda p: -jac[p])[:5]
    print("\n== the 5 listed pairs left apart with the highest similarity (borderline cases)")
    for a, b in closest:
        show("veille: apart", by_id[a], by_id[b], round(jac[(a, b)], 3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
