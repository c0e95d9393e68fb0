"""Wire the understanding components together for one article."""

from __future__ import annotations

import unicodedata

from veille.dates import last_named_day, parse_iso
from veille.model import Article, Event, Participant, Place
from veille.options import Options
from veille.understand import actors as actor_mod
from veille.understand.actor_table import load_actor_table
from veille.understand.events import EventContext, extract_events, participant_keys
from veille.understand.nlp import Segment, parse, parse_many, pipeline_for
from veille.understand import coref
from veille.understand.quotes import extract_quotes, quotations
from veille.understand.relations import Tools, extract_relations

UNANALYSED_FLAG = "language_not_analysed"


def analyse(article: Article, options: Options) -> Article:
    """Run the pipeline of the article's language; flag languages veille does not analyse."""
    nlp = pipeline_for(article.language, options.pipelines)
    if nlp is None:
        return _flag(article, UNANALYSED_FLAG)
    return analyse_parsed(article, parse(article, nlp), nlp, options)


def analyse_many(articles: list[Article], options: Options, batch_size: int = 64) -> list[Article]:
    """The same for many articles, parsed together: spaCy is fastest on large batches."""
    out: list[Article | None] = [None] * len(articles)
    by_lang: dict[str, list[int]] = {}
    for i, art in enumerate(articles):
        nlp = pipeline_for(art.language, options.pipelines)
        if nlp is None:
            out[i] = _flag(art, UNANALYSED_FLAG)
        else:
            by_lang.setdefault(art.language or "", []).append(i)
    for lang, idx in by_lang.items():
        nlp = pipeline_for(lang, options.pipelines)
        parsed = parse_many([articles[i] for i in idx], nlp, batch_size)
        for i, segments in zip(idx, parsed, strict=True):
            out[i] = analyse_parsed(articles[i], segments, nlp, options)
    return [a for a in out if a is not None]


def analyse_parsed(article: Article, segments: list[Segment], nlp, options: Options | None = None) -> Article:  # noqa: ANN001
    """Link, then extract events, quotes and relations from an article already parsed."""
    lang = article.language or ""
    published = parse_iso(article.published)
    known_on = published or actor_mod.reference_day([coref.doc_text(s.doc) for s in segments], lang)  # offices only
    index = actor_mod.link(segments, nlp, lang, known_on)
    marks = quotations(segments)
    index.coref = coref.build(index, segments, marks, actor_mod.coref_context(lang, known_on))
    quotes = extract_quotes(article, segments, lang, index.coref, marks, actor_mod.info, link_name)

    def resolve(seg: Segment, tok) -> Participant | None:  # noqa: ANN001
        return actor_mod.participant(index, segments, seg, tok, lang)

    def resolve_place(seg: Segment, tok) -> Place | None:  # noqa: ANN001
        return actor_mod.place(index, segments, seg, tok)

    seg_no = {id(seg): i for i, seg in enumerate(segments)}  # a segment's position, without a search per token
    ctx = EventContext(article.id, lang, published, resolve, resolve_place,
                       kind_of=lambda actor_id: actor_mod.info(actor_id).get("type"),
                       use_model=options.event_model if options is not None else None,
                       speaker_of=lambda seg, tok: index.coref.speaker_of(seg_no[id(seg)], tok.idx) if index.coref else None,
                       in_name=lambda seg, tok: any(m.end - m.start > len(tok.text) and m.kind in ("name", "ner")
                                                    for m in index.in_span(seg_no[id(seg)], tok.idx, tok.idx + len(tok.text))),
                       quoted=lambda seg, tok: bool(index.coref and index.coref.quotation_at(seg_no[id(seg)], tok.idx)),
                       last_day=lambda seg, pos: last_named_day(
                           "\n".join([*(coref.doc_text(s.doc) for s in segments[:seg_no[id(seg)]]), coref.doc_text(seg.doc)[:pos]]), lang, published))
    events = extract_events(segments, ctx)  # the title only where the language reads headlines (``headlines``)
    events = merge_duplicates(locate_visits(events, index, segments))
    actors, entities = actor_mod.article_lists(index, segments, known_on)

    def at(seg: Segment, tok) -> Participant | None:  # noqa: ANN001
        return actor_mod.participant_at(index, segments, seg, tok)

    tools = Tools(resolve=resolve, at=at, is_igo=is_igo, last_igo=_last_igo(index, segments))
    relations = extract_relations(segments, lang, article.id, tools)
    return article.model_copy(update={"actors": actors, "entities": entities, "quotes": quotes,
                                      "mentions": index.coref.resolved(segments), "events": events,
                                      "relations": relations})


def _flag(article: Article, flag: str) -> Article:
    if article.quality is None or flag in article.quality.flags:
        return article
    quality = article.quality.model_copy(update={"flags": [*article.quality.flags, flag]})
    return article.model_copy(update={"quality": quality})


def link_name(name: str) -> str | None:
    """The actor id of a person named on an attribution line, if the table knows them."""
    people = [a for a in load_actor_table().lookup(name) if actor_mod.info(a.actor_id).get("type") == "person"]
    return people[0].actor_id if people else None


def is_person(actor_id: str | None) -> bool:
    return actor_mod.info(actor_id).get("type") == "person"


def is_igo(actor_id: str | None) -> bool:
    return actor_mod.info(actor_id).get("type") == "igo"


def _last_igo(index: actor_mod.ActorIndex, segments: list[Segment]):  # noqa: ANN202
    """'cette alliance' -> the last intergovernmental organisation named before it."""

    def last(seg: Segment, pos: int) -> Participant | None:
        return actor_mod.last_before(index, segments.index(seg), pos, lambda m: is_igo(m.actor_id))

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
    for sid, m in index.order:
        seg = segments[sid]
        if seg.field != "body" or (field == "body" and seg.offset + m.end < after):
            continue
        row = actor_mod.info(m.actor_id)
        if row.get("type") == "place" and row.get("country") == country:
            return actor_mod.place_from_row(row)
    return None


def merge_duplicates(events: list[Event]) -> list[Event]:
    """The same event stated twice in one article (standfirst and body, or 'la
    visite de Poutine' after 'Poutine a entamé une visite au Kazakhstan') is kept
    once: same type, actors and negation, recipients equal or a subset. The
    fuller mention wins (recipients, date, place, confidence), and takes the date or
    the place only the other states ('En mars, il a appelé à…' after an undated mention);
    two mentions placed in two places neither of which holds the other are two events."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if _same(k, event)), None)
        if twin is None:
            kept.append(event)
            continue
        best, other = (event, twin) if _better(event, twin) else (twin, event)
        seen = {(m.field, m.start) for m in [best.evidence, *best.mentions]}
        extra = [m for m in [other.evidence, *other.mentions] if (m.field, m.start) not in seen]
        kept[kept.index(twin)] = best.model_copy(update={
            "mentions": [*best.mentions, *extra],  # a date or a place only the other mention states is the event's too
            "date": best.date if best.date.value else other.date if other.date.value else best.date,
            "location": best.location or other.location})
    return kept


def _same(a: Event, b: Event) -> bool:
    if a.type != b.type or participant_keys(a.actors) != participant_keys(b.actors):
        return False
    if ("negated" in a.flags) != ("negated" in b.flags):
        return False
    da, db = a.date.value or "", b.date.value or ""
    if da and db and not (da.startswith(db) or db.startswith(da)):
        return False  # 'ont manifesté mardi' and 'ont manifesté samedi': two protests
    if _other_place(a.location, b.location):
        return False  # 'se sont rassemblés à Lille' and 'à Champigny': two gatherings
    ra, rb = participant_keys(a.recipients), participant_keys(b.recipients)
    return ra <= rb or rb <= ra


def _other_place(a: Place | None, b: Place | None) -> bool:
    """Two places neither of which holds the other ('Lille' and 'Champigny-sur-Marne'; not
    'Paris' and 'Champs-Élysées, Paris')."""
    if a is None or b is None:
        return False
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return False
    na, nb = _folded(a.name), _folded(b.name)
    return na not in nb and nb not in na


def _folded(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _better(new: Event, old: Event) -> bool:
    def rank(e: Event) -> tuple:
        return (len(e.recipients), bool(e.date.value), bool(e.location), e.confidence)

    return rank(new) > rank(old)
