"""Story clustering against ECB+ and OrangeSum's duplicate groups.

    python eval/stories.py --set ecbplus|orangesum [--orders N] [--json out.json]
                           [--shared ../shared] [--cache /tmp/veille_<set>.jsonl] [--topics 1,2,3]

**ECB+** (43 topics, each with two real events of the same kind, English, no
publication dates): each document's text is rebuilt from its tokens (sentence
per line; the URL that ECB+ stores as sentence 0 of its newer documents is
metadata, not text, and is dropped). The gold story of a document is its
sub-topic ``<topic>/ecb`` or ``<topic>/ecbplus``; putting a topic's two events
in one story is an error.

**OrangeSum** (French, dated): the groups of ``list_of_duplicates.txt``, joined
when they share a file, without the recurring titles (a group spanning more
than a week), one distinct body per version, one group a day
(:func:`load_orangesum` says why).

Every document is run through veille (``process_many``, the set's language) and
the analysis cached as JSON lines. Reported, for the batch helper
(:func:`cluster`: IDF from the whole batch, single pass, then refinement), the
online clusterer (what ingest does: one article at a time, no refinement) and
*evidence only* (the online clusterer with every article in a language of its
own, so that only language-independent evidence can join two articles: the
proxy for a French report meeting an English story) and *two languages* (online,
half the articles put in a second language: words meet within each half,
evidence across): pairwise and B³
precision/recall/F1 in the default order and, with ``--orders N``, over N
shuffled orders of arrival; two reports per story (the shape of "one story,
two outlets"); a share of the stories (fewer articles, another IDF); the date
window (dated sets). ECB+ also checks merged events: merged within each
predicted story, those reported by several documents should come from one
gold sub-topic (ECB+'s event coreference is not PLOVER, so this is a sanity
check, not a score of event merging).
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
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from veille.link.events import merge_events
from veille.link.stories import Profile, StoryOptions, cluster, cluster_profiles, profile
from veille.model import Article
from veille.options import Options

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
_NAME = re.compile(r"(?:^|/)(\d+)/(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}
_QUOTES = {"``": '"', "''": '"'}


@dataclass(frozen=True)
class Doc:
    """One document of an evaluation set: its name, gold story and text (ECB+: topic and
    sub-topic; OrangeSum: the duplicate group, no topic), with what the outlet gave."""

    name: str
    topic: int | None
    gold: str
    text: str
    title: str | None = None
    standfirst: str | None = None
    published: str | None = None
    language: str = "en"


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


def load_orangesum(folder: Path, max_days: int = 7, per_day: bool = True) -> list[Doc]:
    """OrangeSum's duplicate groups as gold stories, one a day (sorted by date, then file).

    ``list_of_duplicates.txt`` lists groups of files sharing an identical article,
    heading or title. Groups sharing a file are joined (union-find). A joined group
    whose dates span more than ``max_days`` days is a recurring title (the daily
    pandemic round-up), not one story: it is left out. Within a group only distinct
    bodies are kept, the first file of each (sorted by name): ingest stores an exact
    duplicate as a link to its original and never clusters it. A group left with one
    body is a one-article story; the others are stories of 2–4 versions of one
    dispatch (updated, shortened or extended), published within days.

    ``per_day``: keep one group for each day on which groups start (one with several
    versions where there is one). The outlet often published several articles on one
    event the same day (the verdict, the reactions, the portrait); the list does not
    group them, so with all groups kept, putting such articles together would count as
    an error although it is right. Stories of neighbouring days are kept: within the
    date window, only what the articles say tells them apart (a week of protests, the
    daily case count)."""
    import gzip

    rows: dict[str, dict] = {}
    with gzip.open(folder / "orangesum_parsed.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            rows[row["file"]] = row
    groups = [line.strip().split(",") for line in (folder / "list_of_duplicates.txt").read_text().splitlines()
              if line.strip()]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for group in groups:
        for name in group[1:]:
            parent[find(name)] = find(group[0])
    members: dict[str, list[str]] = defaultdict(list)
    for name in sorted({n for g in groups for n in g if n in rows}, key=_file_key):
        members[find(name)].append(name)
    stories: list[list[Doc]] = []
    for names in members.values():
        days = sorted(date.fromisoformat(rows[n]["date"]) for n in names if rows[n].get("date"))
        if days and (days[-1] - days[0]).days > max_days:
            continue
        seen: set[str] = set()
        gold = "os/" + names[0].removesuffix(".json")
        story: list[Doc] = []
        for name in names:
            row = rows[name]
            if row["article"] in seen:
                continue
            seen.add(row["article"])
            story.append(Doc(name=name.removesuffix(".json"), topic=None, gold=gold, text=_paragraphs(row["article"]),
                             title=row.get("title") or None, standfirst=row.get("heading") or None,
                             published=row.get("date") or None, language="fr"))
        stories.append(story)
    if per_day:
        stories = _one_a_day(stories)
    return sorted((d for story in stories for d in story), key=lambda d: (d.published or "9999", _file_key(d.name)))


def _one_a_day(stories: list[list[Doc]]) -> list[list[Doc]]:
    """One story for each day on which stories start: one with several versions when
    there is one, the one of the lowest file number first."""
    by_day: dict[str, list[list[Doc]]] = defaultdict(list)
    for story in stories:
        by_day[min(d.published or "" for d in story)].append(story)
    return [min(group, key=lambda st: (len(st) < 2, min(_file_key(d.name) for d in st)))
            for _, group in sorted(by_day.items())]


def _file_key(name: str) -> tuple[int, str]:
    """OrangeSum files in numeric order."""
    stem = name.removesuffix(".json")
    return (int(stem), stem) if stem.isdigit() else (1 << 30, stem)


_GLUED = re.compile(r'(?<=[a-zà-ÿ0-9)»"][.!?])(?=[A-ZÀ-Ý«"])|(?<=[.!?]["»])(?=[A-ZÀ-Ý])')


def _paragraphs(text: str) -> str:
    """OrangeSum's parsed text lost the breaks between paragraphs ("…jeudi.Le
    gouvernement"): put them back where a sentence end is glued to a capital."""
    return _GLUED.sub("\n\n", text)


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
    for i in range(0, len(todo), batch):
        chunk = todo[i:i + batch]
        done: list[Article] = []
        for lang in sorted({d.language for d in chunk}):
            part = [d for d in chunk if d.language == lang]
            options = Options(published=None, language=lang)
            raws = [read_raw(Raw(d.text.encode("utf-8"), f"{d.gold.split('/')[0]}/{d.name}"), options)
                    .model_copy(update={"title": d.title, "standfirst": d.standfirst, "published": d.published})
                    for d in part]
            for d, article in zip(part, process_many(raws, options)):
                cached[d.name] = article
            done += part
        if cache:
            with cache.open("a", encoding="utf-8") as fh:
                for d in done:
                    fh.write(json.dumps({"doc": d.name, "article": cached[d.name].model_dump(mode="json")},
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


ONLINE = StoryOptions(batch_idf=False, refine_passes=0)
"""What ingest does: one article at a time, the IDF of what came before, no refinement."""


def alone(profiles: list[Profile]) -> list[Profile]:
    """The profiles with a language of their own each: no two articles can compare their
    words, only their language-independent evidence — every comparison is then what a
    French report meets in a story told in English (the cross-language proxy)."""
    return [replace(p, language=f"x{i}") for i, p in enumerate(profiles)]


def halves(profiles: list[Profile], seed: int = 1) -> list[Profile]:
    """The profiles with half of them (drawn at random) put in a second language: articles
    of one half compare their words with each other, and only their evidence with the
    other half — a feed in two languages, each story told in both (the words stay those
    of the set's language, so each half's own comparisons are as good as they really are)."""
    rng = random.Random(seed)
    return [replace(p, language=p.language + "/2") if rng.random() < 0.5 else p for p in profiles]


def score(gold: list[str], pred: list[str]) -> dict:
    """Pairwise and B³ precision/recall/F1 of a clustering."""
    pp, pr, pf = pairwise(gold, pred)
    bp, br, bf = b_cubed(gold, pred)
    return {"pairwise": {"precision": pp, "recall": pr, "f1": pf}, "b_cubed": {"precision": bp, "recall": br, "f1": bf}}


def evaluate(docs: list[Doc], articles: list[Article], options: StoryOptions | None = None,
             order: list[int] | None = None, profiles: list[Profile] | None = None) -> dict:
    """Cluster the analysed documents and score them against the gold stories (ECB+ also
    counts the topics whose two events ended up in one story)."""
    options = options or StoryOptions()
    profiles = profiles if profiles is not None else [profile(a, options) for a in articles]
    t0 = time.perf_counter()
    pred = cluster_profiles(profiles, options, order)
    seconds = time.perf_counter() - t0
    gold = [d.gold for d in docs]
    result = {"documents": len(docs), "gold_clusters": len(set(gold)), "clusters": len(set(pred)), **score(gold, pred)}
    topics = {d.topic for d in docs if d.topic is not None}
    if topics:
        result["topics_with_both_events_in_one_cluster"] = sum(
            1 for t in topics if {p for d, p in zip(docs, pred) if d.gold == f"{t}/ecb"}
            & {p for d, p in zip(docs, pred) if d.gold == f"{t}/ecbplus"})
    result["cluster_seconds"] = round(seconds, 2)
    return result


def shuffled(n: int, seed: int) -> list[int]:
    """A random order of arrival of ``n`` items (seeded)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return order


def over_orders(docs: list[Doc], profiles: list[Profile], options: StoryOptions, orders: int) -> dict:
    """Mean, min and max of every score over ``orders`` shuffled orders of arrival (seeds 1..N)."""
    gold = [d.gold for d in docs]
    runs = [score(gold, cluster_profiles(profiles, options, shuffled(len(docs), seed)))
            for seed in range(1, orders + 1)]
    out: dict = {"orders": orders}
    for kind in ("pairwise", "b_cubed"):
        for measure in ("precision", "recall", "f1"):
            values = [r[kind][measure] for r in runs]
            out[f"{kind}_{measure}"] = {"mean": round(sum(values) / len(values), 4),
                                        "min": round(min(values), 4), "max": round(max(values), 4)}
    return out


def two_per_story(docs: list[Doc], profiles: list[Profile], options: StoryOptions, samples: int) -> dict:
    """Two reports of each gold story (ECB+: two documents of each sub-topic, drawn at
    random), clustered in a random order: the shape of "one story, two outlets"."""
    gold_of: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        gold_of[d.gold].append(i)
    f1, p, r = [], [], []
    for seed in range(1, samples + 1):
        rng = random.Random(seed)
        picked = [i for g in sorted(gold_of) if len(gold_of[g]) >= 2 for i in rng.sample(gold_of[g], 2)]
        rng.shuffle(picked)
        result = score([docs[i].gold for i in picked],
                       cluster_profiles([profiles[i] for i in picked], options, list(range(len(picked)))))
        f1.append(result["pairwise"]["f1"])
        p.append(result["pairwise"]["precision"])
        r.append(result["pairwise"]["recall"])
    mean = lambda xs: round(sum(xs) / len(xs), 4)  # noqa: E731
    return {"samples": samples, "documents": len(picked), "pairwise_precision_mean": mean(p),
            "pairwise_recall_mean": mean(r), "pairwise_f1_mean": mean(f1), "pairwise_f1_min": round(min(f1), 4)}


def subsets(docs: list[Doc], profiles: list[Profile], options: StoryOptions, fractions: tuple[float, ...]) -> dict:
    """Scores on a random share of the gold stories (all their reports kept, date order):
    fewer articles, so another IDF (the drift of a young store)."""
    stories = sorted({d.gold for d in docs})
    out = {}
    for fraction in fractions:
        keep = set(random.Random(7).sample(stories, max(1, int(len(stories) * fraction))))
        idx = [i for i, d in enumerate(docs) if d.gold in keep]
        result = score([docs[i].gold for i in idx], cluster_profiles([profiles[i] for i in idx], options))
        out[str(fraction)] = {"documents": len(idx), "pairwise_f1": round(result["pairwise"]["f1"], 4),
                              "b_cubed_f1": round(result["b_cubed"]["f1"], 4)}
    return out


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


def report(docs: list[Doc], articles: list[Article], options: StoryOptions, orders: int) -> dict:
    """Every figure of one set: batch, online (ingest) and evidence only (cross-language
    proxy) in the default order and over shuffled orders, and the robustness checks."""
    profiles = [profile(a, options) for a in articles]
    online = replace(options, batch_idf=False, refine_passes=0)
    result: dict = {
        "batch": evaluate(docs, articles, options, profiles=profiles),
        "online": evaluate(docs, articles, online, profiles=profiles),
        "evidence_only": evaluate(docs, articles, online, profiles=alone(profiles)),
        "two_languages": evaluate(docs, articles, online, profiles=halves(profiles)),
    }
    if orders:
        result["orders"] = {"batch": over_orders(docs, profiles, options, orders),
                            "online": over_orders(docs, profiles, online, orders),
                            "evidence_only": over_orders(docs, alone(profiles), online, orders),
                            "two_languages": over_orders(docs, halves(profiles), online, orders)}
    result["two_per_story_online"] = two_per_story(docs, profiles, online, max(orders, 3))
    result["share_of_stories_online"] = subsets(docs, profiles, online, (0.1, 0.25, 0.5, 1.0))
    if any(d.published for d in docs):
        result["date_window_online"] = {
            str(days): round(evaluate(docs, articles, replace(online, date_window_days=days),
                                      profiles=profiles)["pairwise"]["f1"], 4) for days in (0, 1, 3, 5, 10, 30)}
    return result


def load(name: str, shared: Path) -> list[Doc]:
    """The documents of evaluation set ``name``."""
    if name == "ecbplus":
        return load_corpus(shared / "data" / "ecbplus" / "ECBplus_xml.tar.gz")
    return load_orangesum(shared / "data" / "orangesum")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("ecbplus", "orangesum"), default="ecbplus", dest="name")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--cache", type=Path, help="JSON-lines cache of the analysis (default /tmp/veille_<set>.jsonl)")
    parser.add_argument("--topics", help="ECB+: comma-separated topic numbers (default: all 43)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--orders", type=int, default=0,
                        help="also cluster in this many random orders of arrival (seeds 1..N)")
    args = parser.parse_args(argv)
    if args.topics:
        docs = load_corpus(args.shared / "data" / "ecbplus" / "ECBplus_xml.tar.gz",
                           {int(t) for t in args.topics.split(",")})
    else:
        docs = load(args.name, args.shared)
    articles = analyse(docs, args.cache or Path(f"/tmp/veille_{args.name}.jsonl"))
    result = {"set": args.name, **report(docs, articles, StoryOptions(), args.orders)}
    if args.name == "ecbplus":
        result["events"] = event_purity(docs, articles)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
