"""Story clustering against ECB+ (43 topics, each with two real events of the same kind).

    python eval/stories.py [--shared ../shared] [--cache /tmp/veille_ecbplus.jsonl]
                           [--topics 1,2,3] [--json out.json]

Each document's text is rebuilt from its tokens (sentence per line; the URL
that ECB+ stores as sentence 0 of its newer documents is metadata, not text,
and is dropped), run through veille (English pipeline, no publication date)
and clustered with :func:`veille.link.stories.cluster`, in corpus order. The
gold cluster of a document is its sub-topic: ``<topic>/ecb`` or
``<topic>/ecbplus``; putting a topic's two events in one cluster is an error.

Reported: pairwise precision/recall/F1 over document pairs and B³
precision/recall/F1 (Bagga & Baldwin 1998), for the batch helper
(:func:`cluster`: IDF from the whole batch, single pass, then refinement) and
for the bare online clusterer (``StoryClusterer.add`` one document at a time);
``--orders N`` repeats both in N shuffled orders of arrival. Events are then
merged within each predicted story (:func:`veille.link.events.merge_events`)
and the merged events reported by several documents are checked to come from
one gold sub-topic (ECB+'s event coreference is not PLOVER, so this is a
sanity check, not a score of event merging). veille's analysis of the corpus
is cached as JSON lines (the first run takes minutes; later runs seconds).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from veille.link.events import merge_events
from veille.link.stories import StoryOptions, cluster
from veille.model import Article
from veille.options import Options

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_CACHE = Path("/tmp/veille_ecbplus.jsonl")
_NAME = re.compile(r"(?:^|/)(\d+)/(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}
_QUOTES = {"``": '"', "''": '"'}


@dataclass(frozen=True)
class Doc:
    """One ECB+ document: its name, gold sub-topic and rebuilt text."""

    name: str
    topic: int
    gold: str
    text: str


def detokenize(tokens: list[str]) -> str:
    """Tokens joined back into running text (no space before closing punctuation)."""
    out: list[str] = []
    for tok in (_QUOTES.get(t, t) for t in tokens):
        if out and tok not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(tok)
    return "".join(out)


def doc_text(xml: bytes) -> str:
    """The document's text, one sentence a line; a sentence that is only a URL is dropped."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for tok in ET.fromstring(xml).iter("token"):
        sentences[int(tok.get("sentence", "0"))].append(tok.text or "")
    lines = [detokenize(toks) for _, toks in sorted(sentences.items())]
    return "\n".join(line for line in lines if line and not re.match(r"^https?\s*:\s*/", line))


def load_corpus(archive: Path, topics: set[int] | None = None) -> list[Doc]:
    """The documents of the ECB+ archive, sorted by topic, sub-topic and number."""
    docs: list[tuple[tuple[int, str, int], Doc]] = []
    with tarfile.open(archive) as tar:
        for member in tar:
            m = _NAME.search(member.name)
            if not m or not member.isfile():
                continue
            topic = int(m.group(1))
            if topics and topic not in topics:
                continue
            data = tar.extractfile(member).read()  # type: ignore[union-attr]
            doc = Doc(name=f"{m.group(2)}_{m.group(3)}{m.group(4)}", topic=topic,
                      gold=f"{topic}/{m.group(4)}", text=doc_text(data))
            docs.append(((topic, m.group(4), int(m.group(3))), doc))
    return [d for _, d in sorted(docs, key=lambda x: x[0])]


def analyse(docs: list[Doc], cache: Path | None, batch: int = 32) -> list[Article]:
    """veille's analysis of each document, read from ``cache`` where it holds it."""
    from veille.pipeline import process_many
    from veille.read import read_raw
    from veille.read.source import Raw

    cached: dict[str, Article] = {}
    if cache and cache.exists():
        for line in cache.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            cached[row["doc"]] = Article.model_validate(row["article"])
    todo = [d for d in docs if d.name not in cached]
    options = Options(published=None, language="en")
    for i in range(0, len(todo), batch):
        chunk = todo[i:i + batch]
        raws = [read_raw(Raw(d.text.encode("utf-8"), f"ecbplus/{d.name}"), options) for d in chunk]
        done = process_many(raws, options)
        for d, article in zip(chunk, done):
            cached[d.name] = article
        if cache:
            with cache.open("a", encoding="utf-8") as fh:
                for d, article in zip(chunk, done):
                    fh.write(json.dumps({"doc": d.name, "article": article.model_dump(mode="json")},
                                        ensure_ascii=False) + "\n")
        print(f"analysed {min(i + batch, len(todo))}/{len(todo)}", file=sys.stderr)
    return [cached[d.name] for d in docs]


def pairwise(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 over the pairs of items put in the same cluster."""
    def pairs(labels: list[str]) -> int:
        return sum(n * (n - 1) // 2 for n in Counter(labels).values())

    tp = pairs([f"{g}\x00{p}" for g, p in zip(gold, pred)])
    pp, gp = pairs(pred), pairs(gold)
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def b_cubed(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    """B³ precision, recall and F1 averaged over items."""
    both = Counter(zip(gold, pred))
    g, p = Counter(gold), Counter(pred)
    n = len(gold)
    prec = sum(both[(gi, pi)] / p[pi] for gi, pi in zip(gold, pred)) / n
    rec = sum(both[(gi, pi)] / g[gi] for gi, pi in zip(gold, pred)) / n
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def evaluate(docs: list[Doc], articles: list[Article], options: StoryOptions | None = None,
             order: list[int] | None = None) -> dict:
    """Cluster the analysed documents and score them against the gold sub-topics."""
    t0 = time.perf_counter()
    pred = cluster(articles, options, order)
    seconds = time.perf_counter() - t0
    gold = [d.gold for d in docs]
    pp, pr, pf = pairwise(gold, pred)
    bp, br, bf = b_cubed(gold, pred)
    merged = sum(1 for t in {d.topic for d in docs}
                 if {p for d, p in zip(docs, pred) if d.gold == f"{t}/ecb"}
                 & {p for d, p in zip(docs, pred) if d.gold == f"{t}/ecbplus"})
    return {
        "documents": len(docs), "gold_clusters": len(set(gold)), "clusters": len(set(pred)),
        "pairwise": {"precision": pp, "recall": pr, "f1": pf},
        "b_cubed": {"precision": bp, "recall": br, "f1": bf},
        "topics_with_both_events_in_one_cluster": merged,
        "cluster_seconds": round(seconds, 2),
    }


def event_purity(docs: list[Doc], articles: list[Article], options: StoryOptions | None = None) -> dict:
    """Merge events within each predicted story; count the merged events reported by several
    documents and the share of those whose documents all belong to one gold sub-topic."""
    pred = cluster(articles, options)
    gold_of = {a.id: d.gold for d, a in zip(docs, articles)}
    by_story: dict[str, list[Article]] = defaultdict(list)
    for article, story in zip(articles, pred):
        by_story[story].append(article)
    mentions = merged = multi = pure = 0
    for story, members in sorted(by_story.items()):
        for event in merge_events(members, {a.id: story for a in members}):
            mentions += len(event.mentions)
            merged += 1
            if len(event.article_ids) > 1:
                multi += 1
                pure += len({gold_of[i] for i in event.article_ids}) == 1
    return {"event_mentions": mentions, "merged_events": merged, "reported_by_several_documents": multi,
            "of_which_within_one_gold_subtopic": pure}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="JSON-lines cache of the analysis")
    parser.add_argument("--topics", help="comma-separated topic numbers (default: all 43)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--orders", type=int, default=0,
                        help="also cluster in this many random orders of arrival (seeds 1..N)")
    args = parser.parse_args(argv)
    topics = {int(t) for t in args.topics.split(",")} if args.topics else None
    docs = load_corpus(args.shared / "data" / "ecbplus" / "ECBplus_xml.tar.gz", topics)
    articles = analyse(docs, args.cache)
    result = {"batch": evaluate(docs, articles),
              "online": evaluate(docs, articles, StoryOptions(batch_idf=False, refine_passes=0))}
    result["events"] = event_purity(docs, articles)
    if args.orders:
        result["orders"] = {}
        for mode, opts in (("batch", StoryOptions()), ("online", StoryOptions(batch_idf=False, refine_passes=0))):
            f1 = []
            for seed in range(1, args.orders + 1):
                order = list(range(len(docs)))
                random.Random(seed).shuffle(order)
                f1.append(evaluate(docs, articles, opts, order)["pairwise"]["f1"])
            result["orders"][mode] = {"pairwise_f1_min": min(f1), "pairwise_f1_mean": sum(f1) / len(f1),
                                      "pairwise_f1_max": max(f1)}
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
