"""Quote extraction quality against veille's quote sets.

    python eval/quotes.py [--gold eval/gold/fr_quotes.jsonl eval/gold/en_quotes.jsonl] [--json out.json]

Each gold item is a short paragraph with its quotes (text, speaker or null).
A gold quote is found when a predicted quote overlaps it by at least half of
the shorter of the two; its speaker is right when the predicted speaker
(as written, or its linked actor's name) and the gold speaker share their
last name (case and accents folded). Reported per file: speaker accuracy
over found attributed quotes (the figure the issue targets), speaker
accuracy over all attributed gold quotes, quote recall and precision.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

from veille.model import Quote
from veille.options import Options
from veille.repair import clean_article
from veille.understand import understand
from veille.understand.actor_table import load_actor_table
from veille.understand.actors import info

ROOT = Path(__file__).resolve().parents[1]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def same_person(pred: Quote, gold: str) -> bool:
    """Gold and predicted speakers are the same table actor, or share a last name
    (as written or via the actor table)."""
    if pred.speaker_actor_id and any(a.actor_id == pred.speaker_actor_id for a in load_actor_table().lookup(gold)):
        return True
    names = [pred.speaker or ""]
    if pred.speaker_actor_id:
        names.append(info(pred.speaker_actor_id).get("name", ""))
    last = fold(gold).replace("-", " ").split()[-1:] or [""]
    return any(last[0] and last[0] in fold(n).replace("-", " ").split() for n in names)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def quotes_of(text: str, lang: str) -> list[Quote]:
    return understand(clean_article([text], "<gold>", lang), Options(language=lang)).quotes


def score(path: Path) -> dict:
    lang = "fr" if path.name.startswith("fr") else "en"
    found = right = attributed = attributed_found = gold_n = pred_n = matched_pred = 0
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        preds = quotes_of(item["text"], lang)
        pred_n += len(preds)
        used = set()
        for g in item["quotes"]:
            gold_n += 1
            start = item["text"].find(g["quote"])
            gspan = (start, start + len(g["quote"]))
            hit = next((i for i, p in enumerate(preds) if i not in used and overlap(gspan, (p.span.start, p.span.end))), None)
            if g.get("speaker"):
                attributed += 1
            if hit is None:
                continue
            used.add(hit)
            found += 1
            if g.get("speaker"):
                attributed_found += 1
                right += same_person(preds[hit], g["speaker"])
        matched_pred += len(used)
    return {"file": path.name, "gold_quotes": gold_n, "predicted": pred_n,
            "recall": found / max(1, gold_n), "precision": matched_pred / max(1, pred_n),
            "speaker_accuracy": right / max(1, attributed_found),
            "speaker_accuracy_all": right / max(1, attributed)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, nargs="+",
                    default=[ROOT / "eval/gold/fr_quotes.jsonl", ROOT / "eval/gold/en_quotes.jsonl"])
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    results = [score(p) for p in args.gold]
    for r in results:
        print(f"{r['file']}: {r['gold_quotes']} gold quotes, recall {r['recall']:.3f}, precision {r['precision']:.3f}, "
              f"speaker accuracy {r['speaker_accuracy']:.3f} (over all attributed gold quotes {r['speaker_accuracy_all']:.3f})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
