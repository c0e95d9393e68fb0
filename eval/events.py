"""Event coding quality against gold sets.

    python eval/events.py plover   [--shared ../shared] [--json out.json]
    python eval/events.py french   [--gold eval/gold/fr_events.jsonl]

plover: the 322 English sentences of PLOVER_GSR_CAMEO.txt. Older labels are
mapped to the 16-type PLOVER (DEMAND→REQUEST, DISAPPROVE→ACCUSE,
INVESTIGATE→ACCUSE, FIGHT→ASSAULT). veille's prediction for a sentence is its
most confident event (none when it codes nothing). Reported: micro precision
and recall over sentences, per-type P/R/F1, macro-F1 over the types present
in the gold, and source/target country accuracy on correctly typed sentences.

french: veille's own French gold set (several or no events per sentence);
types are compared as sets per sentence, and negated/future flags are
checked on matched types.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from veille.model import Article, Event
from veille.options import Options
from veille.repair import clean_article
from veille.understand import understand

ROOT = Path(__file__).resolve().parents[1]
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def sentence_article(text: str, lang: str, published: str | None) -> Article:
    """A one-paragraph article, as repair would leave it, for the understanding stage."""
    return clean_article([text], "<gold>", lang, published)


def code(text: str, lang: str, published: str | None) -> list[Event]:
    """veille's events for one sentence."""
    return understand(sentence_article(text, lang, published), Options(language=lang)).events


def top(events: list[Event]) -> Event | None:
    """The sentence's prediction: its most confident non-negated event."""
    live = [e for e in events if "negated" not in e.flags]
    return max(live, key=lambda e: e.confidence) if live else None


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def per_type(tp: Counter, fp: Counter, fn: Counter, types: list[str]) -> dict:
    table = {t: dict(zip(("precision", "recall", "f1"), prf(tp[t], fp[t], fn[t]), strict=True)) for t in types}
    macro = sum(v["f1"] for v in table.values()) / len(table) if table else 0.0
    micro = dict(zip(("precision", "recall", "f1"), prf(sum(tp.values()), sum(fp.values()), sum(fn.values())), strict=True))
    return {"per_type": table, "macro_f1": macro, "micro": micro}


def _codes(actors: list[dict]) -> set[str]:
    return {a.get("code") for a in actors if a.get("code")}


def _country(p) -> str | None:  # noqa: ANN001 - Participant
    return "IGO" if p.sector == "IGO" and not p.country else p.country


def plover(shared: Path) -> dict:
    """Score veille on the PLOVER gold standard records (English)."""
    records = [r for r in json.loads((shared / "data/plover/PLOVER_GSR_CAMEO.txt").read_text("utf-8"))
               if r.get("event") not in (None, "DOCUMENT") and r.get("text")]
    tp, fp, fn = Counter(), Counter(), Counter()
    src_ok = tgt_ok = tgt_n = 0
    for rec in records:
        gold = OLD_LABELS.get(rec["event"], rec["event"])
        pred = top(code(rec["text"], "en", rec.get("date")))
        if pred is None:
            fn[gold] += 1
            continue
        if pred.type == gold:
            tp[gold] += 1
            src_ok += any(_country(a) in _codes(rec.get("source", [])) for a in pred.actors)
            if rec.get("target"):
                tgt_n += 1
                tgt_ok += any(_country(a) in _codes(rec["target"]) for a in pred.recipients)
        else:
            fp[pred.type] += 1
            fn[gold] += 1
    types = sorted({OLD_LABELS.get(r["event"], r["event"]) for r in records})
    out = per_type(tp, fp, fn, types)
    out.update(sentences=len(records), source_country_accuracy=src_ok / max(1, sum(tp.values())),
               target_country_accuracy=tgt_ok / max(1, tgt_n))
    return out


def french(gold_path: Path) -> dict:
    """Score veille on its own French gold set (sets of types per sentence)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    flag_ok = flag_n = src_ok = 0
    rows = [json.loads(line) for line in gold_path.read_text("utf-8").splitlines() if line.strip()]
    for row in rows:
        events = [e for e in code(row["text"], "fr", row.get("published"))]
        pred = {e.type: e for e in events}
        gold = {g["type"]: g for g in row["events"]}
        for t in set(pred) | set(gold):
            if t in pred and t in gold:
                tp[t] += 1
                flag_n += 1
                g, e = gold[t], pred[t]
                flag_ok += (bool(g.get("negated")) == ("negated" in e.flags)) and (bool(g.get("future")) == ("future" in e.flags))
                src = (g.get("source") or {}).get("country") or ((g.get("source") or {}).get("sector") == "IGO" and "IGO")
                src_ok += any(_country(a) == src for a in e.actors)
            elif t in pred:
                fp[t] += 1
            else:
                fn[t] += 1
    out = per_type(tp, fp, fn, PLOVER_TYPES)
    out.update(sentences=len(rows), flag_accuracy=flag_ok / max(1, flag_n), source_country_accuracy=src_ok / max(1, flag_n))
    return out


def report(name: str, res: dict) -> str:
    lines = [f"{name}: {res['sentences']} sentences",
             f"  micro P/R/F1: {res['micro']['precision']:.3f} / {res['micro']['recall']:.3f} / {res['micro']['f1']:.3f}",
             f"  macro-F1: {res['macro_f1']:.3f}"]
    lines += [f"  {k}: {v:.3f}" for k, v in res.items() if k.endswith("accuracy")]
    for t, v in res["per_type"].items():
        lines.append(f"    {t:<10} P {v['precision']:.2f}  R {v['recall']:.2f}  F1 {v['f1']:.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("which", choices=["plover", "french"])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--gold", type=Path, default=ROOT / "eval/gold/fr_events.jsonl")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    res = plover(args.shared) if args.which == "plover" else french(args.gold)
    print(report(args.which, res))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
