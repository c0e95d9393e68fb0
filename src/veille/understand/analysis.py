"""Wire the understanding components together for one article."""

from __future__ import annotations

from veille.model import Article, Event, Participant, Place
from veille.options import Options
from veille.understand import actors as actor_mod
from veille.understand.actor_table import load_actor_table
from veille.understand.dates import parse_iso
from veille.understand.events import EventContext, extract_events
from veille.understand.nlp import Segment, parse, pipeline_for
from veille.understand.quotes import extract_quotes
from veille.understand.relations import extract_relations

UNANALYSED_FLAG = "language_not_analysed"


def analyse(article: Article, options: Options) -> Article:
    """Run the pipeline of the article's language; flag languages veille does not analyse."""
    nlp = pipeline_for(article.language, options.pipelines)
    if nlp is None:
        return _flag(article, UNANALYSED_FLAG)
    lang = article.language or ""
    segments = parse(article, nlp)
    published = parse_iso(article.published)
    index = actor_mod.link(segments, nlp, lang, published)

    def resolve(seg: Segment, tok) -> Participant | None:  # noqa: ANN001
        return actor_mod.participant(index, segments, seg, tok, lang)

    def resolve_place(seg: Segment, tok) -> Place | None:  # noqa: ANN001
        return actor_mod.place(index, segments, seg, tok)

    ctx = EventContext(article.id, lang, published, resolve, resolve_place)
    events = extract_events([s for s in segments if s.field != "title"], ctx)
    events = merge_duplicates(locate_visits(events, index, segments))
    actors, entities = actor_mod.article_lists(index, segments, published)
    quotes = extract_quotes(article, segments, lang, resolve, link_name)
    relations = extract_relations(segments, lang, article.id, resolve, is_igo, _last_igo(index, segments))
    return article.model_copy(update={"actors": actors, "entities": entities, "quotes": quotes,
                                      "events": events, "relations": relations})


def _flag(article: Article, flag: str) -> Article:
    if article.quality is None or flag in article.quality.flags:
        return article
    quality = article.quality.model_copy(update={"flags": [*article.quality.flags, flag]})
    return article.model_copy(update={"quality": quality})


def link_name(name: str) -> str | None:
    """The actor id of a person named on an attribution line, if the table knows them."""
    return load_actor_table().find(name)


def is_igo(actor_id: str | None) -> bool:
    return bool(actor_id) and load_actor_table().by_id(actor_id).get("type") == "igo"


def _last_igo(index: actor_mod.ActorIndex, segments: list[Segment]):  # noqa: ANN202
    """'cette alliance' -> the last intergovernmental organisation named before it."""

    def last(seg: Segment, pos: int) -> Participant | None:
        seg_id = segments.index(seg)
        for sid, m in reversed(index.order):
            if (sid, m.start) < (seg_id, pos) and is_igo(m.actor_id):
                return actor_mod._from_mention(m, m.text)
        return None

    return last


def locate_visits(events: list[Event], index: actor_mod.ActorIndex, segments: list[Segment]) -> list[Event]:
    """A visit to a country with no place in its sentence took place where the
    article next names a city of that country (the host's capital, often)."""
    out = []
    for event in events:
        host = event.recipients[0].country if event.recipients else None
        if event.location is None and event.mode == "visit" and host:
            place = _first_place_in(host, index, segments, event.evidence.start, event.evidence.field)
            event = event.model_copy(update={"location": place}) if place else event
        out.append(event)
    return out


def _first_place_in(country: str, index: actor_mod.ActorIndex, segments: list[Segment], after: int, field: str) -> Place | None:
    table = load_actor_table()
    for sid, m in index.order:
        seg = segments[sid]
        if seg.field != "body" or (field == "body" and seg.offset + m.end < after):
            continue
        row = table.by_id(m.actor_id) if m.actor_id else {}
        if row.get("type") == "place" and row.get("country") == country:
            return actor_mod.place_from_row(row)
    return None


def merge_duplicates(events: list[Event]) -> list[Event]:
    """The same event stated twice in one article (standfirst and body) is kept once:
    the mention with a date, then the more confident, then the first."""
    best: dict[tuple, Event] = {}
    order: list[tuple] = []
    for event in events:
        key = (event.type, tuple(sorted(p.actor_id or p.text for p in event.actors)),
               tuple(sorted(p.actor_id or p.text for p in event.recipients)), "negated" in event.flags)
        if key not in best:
            order.append(key)
            best[key] = event
        elif _better(event, best[key]):
            best[key] = event
    return [best[k] for k in order]


def _better(new: Event, old: Event) -> bool:
    return (bool(new.date.value), bool(new.location), new.confidence) > (bool(old.date.value), bool(old.location), old.confidence)
