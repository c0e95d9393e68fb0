"""Build, read and check veille's stand-off gold sets of real text.

    python eval/gold/annotate.py select            # (re)write eval/gold/real/docs.jsonl (fixed seed)
    python eval/gold/annotate.py list [--task T] [--lang fr] [--split dev]
    python eval/gold/annotate.py show DOC          # the text, one numbered sentence a line
    python eval/gold/annotate.py resolve DRAFT --task events|quotes|mentions [--out FILE]
    python eval/gold/annotate.py check             # every gold file against the text in ../shared
    python eval/gold/annotate.py render DOC --task events   # a gold file read back with its text

The gold files hold document ids, character offsets and labels only; the text
is read from ``../shared`` (``eval/corpora.py``). Annotators write *drafts*
outside the repository, where a span is given by its words (``{"sent": 3,
"text": "a interpellé"}``), and ``resolve`` turns them into offsets, checking
every label. The guidelines are in ``eval/gold/README.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpora import Doc, ecb_xml, load_doc, orangesum_category, orangesum_rows, shared_root, split_sentences  # noqa: E402

REAL = HERE / "real"
DOCS = REAL / "docs.jsonl"
TASKS = ("events", "quotes", "mentions")

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
FLAGS = ("negated", "future", "hypothetical", "historical")
SECTORS = ("GOV", "MIL", "REB", "OPP", "COP", "JUD", "BUS", "MED", "IGO", "CVL", "LAB", "EDU", "LEG", "PTY",
           "CRM", "REF", "HLH", "REL", "NGO", "SPY", "ELI", "AGR", "ENV", "UAF", "INS")
PARTICIPANT_KINDS = ("person", "country", "organisation", "igo", "group", "people")
QUOTE_KINDS = ("direct", "indirect", "block", "scare", "title", "term")
ENTITY_TYPES = ("person", "country", "city", "region", "place", "organisation", "igo", "party", "media",
                "company", "group", "event", "work", "other")
MENTION_FORMS = ("name", "surname", "title", "description", "pronoun", "metonym", "demonym")

SEED = 2026
FR_CATEGORIES = {"politique", "monde", "france", "societe/fait"}
FR_DOCS, FR_QUOTE_DOCS, FR_TRAIN_DOCS = 116, 60, 150
ECB_DOCS, ECB_QUOTE_DOCS, ECB_TRAIN_DOCS, ECB_TRAIN2_DOCS, ECB_TRAIN3_DOCS = 36, 15, 90, 120, 100
FR_TRAIN2_DOCS = 240
AEB_DOCS = 25
AEB_NEWS = ("nytimes.com", "wsj.com", "latimes.com", "cbsnews.com", "nbcnews.com", "cnn.com", "bbc.com",
            "foxnews.com", "aljazeera.com", "thehill.com", "usatoday.com", "washingtonexaminer.com", "ap.org",
            "politifact.com", "nypost.com", "express.co.uk", "sfgate.com", "chron.com", "detroitnews.com",
            "deccanherald.com", "ctpost.com", "timesunion.com", "mysanantonio.com", "msn.com", "cnbc.com",
            "businessinsider.com", "vox.com", "newsnation.in", "theguardian.com", "reuters.com", "npr.org",
            "washingtonpost.com", "politico.com", "independent.co.uk", "abcnews.go.com", "albawaba.com",
            "linknaija.com", "theparadigmng.com")


# ---------------------------------------------------------------- selection


def _split_of(position: int) -> str:
    """70 % dev, 30 % test, by the document's place in its group's random order
    (stratified per corpus and task set; fixed before any tuning)."""
    return "test" if position % 10 in (1, 4, 7) else "dev"


def text_sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _entry(doc: Doc, tasks: list[str], origin: str, position: int) -> dict:
    return {"doc": doc.id, "lang": doc.lang, "split": _split_of(position), "tasks": tasks, "origin": origin,
            "published": doc.published, "sha": text_sha(doc.text),
            "sentences": [list(s) for s in split_sentences(doc.text)]}


NEWS_WORDS = ("gouvernement", "ministre", "président", "police", "tribunal", "manifest", "grève", "enquête", "procès",
              "député", "sénat", "élection", "parti", "armée", "guerre", "attaque", "sanction", "accord", "syndicat",
              "préfet", "juge", "parquet", "opposition", "diplomat", "militaire", "gendarme", "interpell", "condamn")


def _newsworthy(text: str) -> bool:
    """An OrangeSum article (section unknown) that reads like politics, justice or security news."""
    low = text.lower()
    return 800 <= len(text) <= 4000 and sum(w in low for w in NEWS_WORDS) >= 4


def _train_entry(doc: Doc, origin: str) -> dict:
    entry = _entry(doc, ["events"], origin, 0)
    entry["split"] = "train"
    return entry


def select() -> list[dict]:
    """The documents of the real-text gold sets, drawn with a fixed seed."""
    rng = random.Random(SEED)
    out: list[dict] = []
    sample = sorted(int(p.name.split(".")[0]) for p in (shared_root() / "data/orangesum/raw_html_sample").glob("*.html.gz"))
    rows = orangesum_rows()
    fr = [i for i in sample if (orangesum_category(i) or "").startswith(tuple(FR_CATEGORIES)) and rows[i]["article"].strip()]
    rng.shuffle(fr)
    for n, i in enumerate(fr[:FR_DOCS]):
        tasks = ["events", "quotes", "mentions"] if n < FR_QUOTE_DOCS else ["events"]
        out.append(_entry(load_doc(f"orangesum:{i}"), tasks, f"orangesum raw_html_sample, section {orangesum_category(i)}",
                          n if n < FR_QUOTE_DOCS else n - FR_QUOTE_DOCS))
    for i in fr[FR_DOCS:FR_DOCS + FR_TRAIN_DOCS]:  # added later, for training only: never dev or test
        out.append(_train_entry(load_doc(f"orangesum:{i}"), f"orangesum raw_html_sample, section {orangesum_category(i)}"))
    ecb = sorted(ecb_xml())
    rng.shuffle(ecb)
    usable = [n for n in ecb if len(split_sentences(load_doc(f"ecbplus:{n}").text)) >= 4]
    picked = usable[:ECB_DOCS]
    for n, name in enumerate(picked):
        tasks = ["events", "quotes", "mentions"] if n < ECB_QUOTE_DOCS else ["events"]
        out.append(_entry(load_doc(f"ecbplus:{name}"), tasks, "ECB+", n if n < ECB_QUOTE_DOCS else n - ECB_QUOTE_DOCS))
    for name in usable[ECB_DOCS:ECB_DOCS + ECB_TRAIN_DOCS + ECB_TRAIN2_DOCS + ECB_TRAIN3_DOCS]:
        out.append(_train_entry(load_doc(f"ecbplus:{name}"), "ECB+"))
    from corpora import aeb_truth

    news = sorted(k for k, v in aeb_truth().items() if any(d in v.get("url", "") for d in AEB_NEWS))
    rng.shuffle(news)
    for n, key in enumerate(news[:AEB_DOCS]):
        out.append(_entry(load_doc(f"aeb:{key}"), ["events", "quotes", "mentions"], "AEB news page", n))
    for key in news[AEB_DOCS:]:  # a third training draw
        out.append(_train_entry(load_doc(f"aeb:{key}"), "AEB news page"))
    from corpora import gsr_records

    taken = {int(e["doc"].split(":")[1]) for e in out if e["doc"].startswith("orangesum:")} | set(sample)
    more = [i for i in sorted(rows) if i not in taken and _newsworthy(rows[i]["article"])]
    rng2 = random.Random(SEED + 1)  # a second draw, made after the first training split
    for i in rng2.sample(more, FR_TRAIN2_DOCS):
        out.append(_train_entry(load_doc(f"orangesum:{i}"), "orangesum, political/justice/security vocabulary"))
    gsr = [k for k, rec in gsr_records().items() if rec.get("event") not in (None, "DOCUMENT")]
    rng.shuffle(gsr)
    for n, key in enumerate(gsr):  # coded by PLOVER's authors, not by us: read by eval/real.py from the record
        out.append(_entry(load_doc(f"gsr:{key}"), ["gsr"], "PLOVER GSR sentence (coded by its authors)", n))
    return out


def load_docs() -> dict[str, dict]:
    return {d["doc"]: d for d in map(json.loads, DOCS.read_text("utf-8").splitlines())}


# ---------------------------------------------------------------- resolving drafts


class DraftError(ValueError):
    pass


def _find(text: str, sents: list[list[int]], ref, default_sent: int | None) -> list[int]:  # noqa: ANN001
    """A span given as [start, end], as words ('text' in sentence 'sent', 'occ'-th), or as a string."""
    if ref is None:
        return None  # type: ignore[return-value]
    if isinstance(ref, list) and len(ref) == 2 and all(isinstance(x, int) for x in ref):
        return ref
    if isinstance(ref, str):
        ref = {"text": ref}
    words, sent, occ = ref.get("text"), ref.get("sent", default_sent), int(ref.get("occ", 1))
    if not words:
        raise DraftError(f"span without text: {ref}")
    lo, hi = (sents[sent] if sent is not None else (0, len(text)))
    # a span starts in its sentence and may run past it (a quotation over several sentences)
    hits = [lo + m.start() for m in re.finditer(re.escape(words), text[lo:]) if lo + m.start() < hi]
    if len(hits) < occ:
        where = f"sentence {sent}" if sent is not None else "the document"
        raise DraftError(f"{words!r} not found {occ}× in {where}: {text[lo:hi][:120]!r}…")
    start = hits[occ - 1]
    return [start, start + len(words)]


def _participant(text: str, sents: list[list[int]], p: dict | None, sent: int) -> dict | None:
    if p is None:
        return None
    out = {"span": _find(text, sents, p.get("text") if "span" not in p else p["span"], sent) if (p.get("text") or p.get("span")) else None,
           "name": p.get("name"), "kind": p.get("kind"), "country": p.get("country"), "sector": p.get("sector")}
    if out["kind"] not in PARTICIPANT_KINDS:
        raise DraftError(f"participant kind {out['kind']!r} not in {PARTICIPANT_KINDS}")
    if out["sector"] not in (None, *SECTORS):
        raise DraftError(f"sector {out['sector']!r} not in {SECTORS}")
    if out["country"] is not None and not re.fullmatch(r"[A-Z]{3}", out["country"]):
        raise DraftError(f"country {out['country']!r} is not ISO 3166-1 alpha-3")
    return out


def _cameo_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in (shared_root() / "data/plover/CAMEO2PLOVER-2021.txt").read_text("utf-8").splitlines():
        m = re.match(r"\s*(\d{2,4})\s*:\s*([A-Z]+)", line)
        if m:
            table[m.group(1)] = m.group(2)
    return table


def resolve_events(doc: dict, text: str, draft: dict) -> dict:
    sents = doc["sentences"]
    cameo = _cameo_table()
    events = []
    for k, ev in enumerate(draft.get("events", [])):
        try:
            sent = int(ev["sent"])
            if ev["type"] not in PLOVER_TYPES:
                raise DraftError(f"type {ev['type']!r}")
            if ev.get("cameo") and ev["cameo"] not in cameo:
                raise DraftError(f"CAMEO code {ev['cameo']!r} is not in CAMEO2PLOVER-2021.txt")
            flags = sorted(set(ev.get("flags", [])))
            if any(f not in FLAGS for f in flags):
                raise DraftError(f"flags {flags}")
            date = ev.get("date")
            if date is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
                raise DraftError(f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            place = ev.get("place")
            out = {"sent": sent, "trigger": _find(text, sents, ev["trigger"], sent), "type": ev["type"],
                   "mode": ev.get("mode"), "cameo": ev.get("cameo"),
                   "actor": _participant(text, sents, ev.get("actor"), sent),
                   "recipient": _participant(text, sents, ev.get("recipient"), sent),
                   "flags": flags, "date": date,
                   "place": None if not place else {"span": _find(text, sents, place.get("text"), sent) if place.get("text") else None,
                                                     "name": place.get("name"), "country": place.get("country")},
                   "same_as": ev.get("same_as")}
            if not sents[sent][0] <= out["trigger"][0] < sents[sent][1]:
                raise DraftError("trigger outside its sentence")
            if ev.get("note"):
                out["note"] = ev["note"]
            events.append(out)
        except (DraftError, KeyError, IndexError, TypeError) as exc:
            raise DraftError(f"{doc['doc']} event {k}: {exc}") from None
    return {"doc": doc["doc"], "sha": doc["sha"], "events": events}


def resolve_quotes(doc: dict, text: str, draft: dict) -> dict:
    sents = doc["sentences"]
    quotes = []
    for k, q in enumerate(draft.get("quotes", [])):
        try:
            if q["kind"] not in QUOTE_KINDS:
                raise DraftError(f"kind {q['kind']!r}")
            sent = q.get("sent")
            sp = q.get("speaker") or {}
            out = {"span": _find(text, sents, q["text"], sent), "kind": q["kind"],
                   "speaker": sp.get("name"), "speaker_span": _find(text, sents, sp.get("text"), sp.get("sent", sent)) if sp.get("text") else None,
                   "cue": _find(text, sents, q.get("cue"), q.get("cue_sent", sent)) if q.get("cue") else None}
            if out["kind"] in ("scare", "title", "term") and out["speaker"]:
                raise DraftError("scare quotes, titles and terms have no speaker")
            quotes.append(out)
        except (DraftError, KeyError, IndexError, TypeError) as exc:
            raise DraftError(f"{doc['doc']} quote {k}: {exc}") from None
    return {"doc": doc["doc"], "sha": doc["sha"], "quotes": quotes}


def resolve_mentions(doc: dict, text: str, draft: dict) -> dict:
    sents = doc["sentences"]
    entities = {}
    for e in draft.get("entities", []):
        if e.get("type") not in ENTITY_TYPES:
            raise DraftError(f"{doc['doc']} entity {e.get('id')}: type {e.get('type')!r} not in {ENTITY_TYPES}")
        entities[e["id"]] = {k: e.get(k) for k in ("id", "name", "type", "country", "wikidata", "role")}
    mentions = []
    for k, m in enumerate(draft.get("mentions", [])):
        try:
            if m["entity"] not in entities:
                raise DraftError(f"unknown entity {m['entity']!r}")
            if m.get("form", "name") not in MENTION_FORMS:
                raise DraftError(f"form {m.get('form')!r}")
            mentions.append({"span": _find(text, sents, {"text": m["text"], "sent": m.get("sent"), "occ": m.get("occ", 1)}, None),
                             "entity": m["entity"], "form": m.get("form", "name")})
        except (DraftError, KeyError, IndexError, TypeError) as exc:
            raise DraftError(f"{doc['doc']} mention {k}: {exc}") from None
    spans = [tuple(m["span"]) for m in mentions]
    if len(spans) != len(set(spans)):
        dup = sorted({s for s in spans if spans.count(s) > 1})
        raise DraftError(f"{doc['doc']}: the same span given twice: {[text[a:b] for a, b in dup]} (use 'occ')")
    return {"doc": doc["doc"], "sha": doc["sha"], "entities": list(entities.values()), "mentions": mentions}


RESOLVERS = {"events": resolve_events, "quotes": resolve_quotes, "mentions": resolve_mentions}


def resolve(draft_path: Path, task: str) -> list[dict]:
    docs = load_docs()
    out = []
    errors = []
    for n, line in enumerate(draft_path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            draft = json.loads(line)
            doc = docs[draft["doc"]]
            if task not in doc["tasks"]:
                raise DraftError(f"{draft['doc']} is not in the {task} set")
            out.append(RESOLVERS[task](doc, load_doc(doc["doc"]).text, draft))
        except (DraftError, KeyError, json.JSONDecodeError) as exc:
            errors.append(f"line {n}: {exc}")
    if errors:
        raise DraftError("\n".join(errors))
    return out


# ---------------------------------------------------------------- reading back


def gold_files(task: str) -> list[Path]:
    return sorted(REAL.glob(f"{task}*.jsonl"))


def load_gold(task: str) -> dict[str, dict]:
    """Every annotated document of ``task``, by document id (later files win)."""
    out: dict[str, dict] = {}
    for path in gold_files(task):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["doc"]] = row
    return out


def check() -> list[str]:
    """Problems with the gold files: unknown documents, changed texts, offsets out of range."""
    problems = []
    docs = load_docs()
    for task in TASKS:
        for doc_id, row in load_gold(task).items():
            doc = docs.get(doc_id)
            if doc is None:
                problems.append(f"{task}: {doc_id} is not in docs.jsonl")
                continue
            text = load_doc(doc_id).text
            if text_sha(text) != row["sha"] or doc["sha"] != row["sha"]:
                problems.append(f"{task}: {doc_id}: the text in ../shared changed (or eval/corpora.py did)")
            for span in _spans(row):
                if not (0 <= span[0] < span[1] <= len(text)):
                    problems.append(f"{task}: {doc_id}: span {span} out of range")
    return problems


def _spans(row: dict):  # noqa: ANN202
    for ev in row.get("events", []):
        yield ev["trigger"]
        for p in (ev.get("actor"), ev.get("recipient"), ev.get("place")):
            if p and p.get("span"):
                yield p["span"]
    for q in row.get("quotes", []):
        yield q["span"]
    for m in row.get("mentions", []):
        yield m["span"]


def show(doc_id: str) -> str:
    doc = load_docs()[doc_id]
    d = load_doc(doc_id)
    head = [f"# {doc_id}  lang={doc['lang']} split={doc['split']} published={doc['published']} tasks={','.join(doc['tasks'])}"]
    if d.title:
        head.append(f"# title: {d.title}")
    if d.standfirst:
        head.append(f"# standfirst: {d.standfirst}")
    return "\n".join(head + [f"[{i}] {d.text[s:e]}" for i, (s, e) in enumerate(doc["sentences"])])


def render(doc_id: str, task: str) -> str:
    row = load_gold(task).get(doc_id)
    if row is None:
        return f"{doc_id}: not annotated for {task}"
    text = load_doc(doc_id).text
    cut = lambda span: text[span[0]:span[1]] if span else None  # noqa: E731
    lines = [show(doc_id), ""]
    for ev in row.get("events", []):
        lines.append(f"[{ev['sent']}] {ev['type']}/{ev.get('mode')} {ev.get('cameo')} «{cut(ev['trigger'])}» "
                     f"actor={cut((ev.get('actor') or {}).get('span')) or (ev.get('actor') or {}).get('name')} "
                     f"recipient={cut((ev.get('recipient') or {}).get('span')) or (ev.get('recipient') or {}).get('name')} "
                     f"flags={ev['flags']} date={ev.get('date')} place={(ev.get('place') or {}).get('name')}")
    for q in row.get("quotes", []):
        lines.append(f"{q['kind']}: «{cut(q['span'])[:80]}» speaker={q['speaker']} cue={cut(q.get('cue'))}")
    for m in row.get("mentions", []):
        lines.append(f"{cut(m['span'])} -> {m['entity']} ({m['form']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("select")
    ls = sub.add_parser("list")
    ls.add_argument("--task")
    ls.add_argument("--lang")
    ls.add_argument("--split")
    sh = sub.add_parser("show")
    sh.add_argument("doc")
    rs = sub.add_parser("resolve")
    rs.add_argument("draft", type=Path)
    rs.add_argument("--task", choices=TASKS, required=True)
    rs.add_argument("--out", type=Path)
    sub.add_parser("check")
    rd = sub.add_parser("render")
    rd.add_argument("doc")
    rd.add_argument("--task", choices=TASKS, required=True)
    args = ap.parse_args(argv)
    if args.cmd == "select":
        REAL.mkdir(parents=True, exist_ok=True)
        rows = select()
        DOCS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        print(f"{len(rows)} documents written to {DOCS}")
    elif args.cmd == "list":
        for d in load_docs().values():
            if (not args.task or args.task in d["tasks"]) and (not args.lang or d["lang"] == args.lang) and \
                    (not args.split or d["split"] == args.split):
                print(d["doc"], d["lang"], d["split"], ",".join(d["tasks"]), len(d["sentences"]), sep="\t")
    elif args.cmd == "show":
        print(show(args.doc))
    elif args.cmd == "resolve":
        try:
            rows = resolve(args.draft, args.task)
        except DraftError as exc:
            print(exc, file=sys.stderr)
            return 1
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        if args.out:
            args.out.write_text(text, "utf-8")
            print(f"{len(rows)} documents resolved into {args.out}")
        else:
            sys.stdout.write(text)
    elif args.cmd == "check":
        problems = check()
        print("\n".join(problems) or "gold files consistent with ../shared")
        return 1 if problems else 0
    elif args.cmd == "render":
        print(render(args.doc, args.task))
    return 0


if __name__ == "__main__":
    sys.exit(main())
