"""Events merged across articles: one real event, all the articles that report it.

Two event mentions are the same event when they have

- the same PLOVER type and the same flags among negated / future / hypothetical;
- compatible actors and compatible recipients: both sides name someone and
  share an actor id or a country, or one side names no one (for symmetric
  types such as CONSULT, "A met B" also matches "B met A");
- compatible dates: both known and equal at the coarser precision (days may
  differ by ``date_tolerance_days``: time zones, "yesterday"), or unknown on
  one side when both articles belong to the same story;
- the same or an unknown location: the same gazetteer id, the same name, or
  points at most ``place_km`` apart;
- and at least one positive agreement besides the type (a shared participant,
  the same known place or the same known day), so that two vague mentions of
  the same type are not merged on the absence of evidence alone.

Mentions are grouped greedily in a fixed order (publication date, article id,
position in the article): each joins the group whose every mention it is
compatible with and with which it agrees most, else starts a group (complete
link: a group never holds two mentions that contradict each other). A merged
event's confidence is the noisy-OR of its articles' confidences, taking each
article's best mention once (mentions in one article are not independent
reports).
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from veille.model import Article, Event, EventDate, EventFields, Evidence, Participant, Place

_PRECISION = {"day": 3, "month": 2, "year": 1, "unknown": 0}
_KEY_FLAGS = frozenset({"negated", "future", "hypothetical"})


@dataclass(frozen=True)
class EventMergeOptions:
    """When two event mentions are taken for the same event."""

    date_tolerance_days: int = 1
    """Two day-precision dates this many days apart or fewer are the same date."""
    place_km: float = 25.0
    """Two located places at most this far apart are the same place."""
    symmetric_types: frozenset[str] = frozenset({"CONSULT", "COOPERATE"})
    """Types whose actors and recipients may be swapped ("A met B" = "B met A")."""
    require_agreement: bool = True
    """Merge only mentions that agree on something known besides the type."""


DEFAULT_MERGE_OPTIONS = EventMergeOptions()


class Mention(BaseModel):
    """One article's report of a merged event."""

    model_config = ConfigDict(extra="forbid")

    article_id: str
    event_id: str
    evidence: Evidence
    confidence: float
    date: EventDate = Field(default_factory=EventDate)
    trigger: str | None = None


class MergedEvent(EventFields):
    """One real event, with every mention of it across the articles given
    (``id``: 'ev-' + 16 hex digits of the first mention's article and event ids)."""

    story_id: str | None = None
    mentions: list[Mention] = Field(default_factory=list)
    confidence: float = Field(description="noisy-OR over articles of each article's best mention confidence")

    @property
    def article_ids(self) -> list[str]:
        """The articles reporting the event, in mention order, each once."""
        return list(dict.fromkeys(m.article_id for m in self.mentions))


@dataclass(frozen=True)
class _Item:
    """An event mention with what grouping needs."""

    article: Article
    event: Event
    story: str | None


def _fold(text: str) -> str:
    """Lower case without accents or surrounding blanks."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def identities(people: list[Participant]) -> tuple[set[str], set[str]]:
    """Actor ids (else the folded text) and countries of the participants."""
    ids = {p.actor_id or "text:" + _fold(p.text) for p in people if p.actor_id or p.text.strip()}
    return ids, {p.country for p in people if p.country}


def participants_agree(a: list[Participant], b: list[Participant]) -> bool | None:
    """True when both name someone and share an actor id or a country, False when both
    name someone and share neither, None when one side names no one."""
    if not a or not b:
        return None
    (ids_a, countries_a), (ids_b, countries_b) = identities(a), identities(b)
    return bool(ids_a & ids_b or countries_a & countries_b)


def _parse(value: str) -> date | None:
    """A date from an ISO ``YYYY-MM-DD`` value, else None."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def dates_agree(a: EventDate, b: EventDate, tolerance_days: int = 1) -> bool | None:
    """Whether two known dates are the same (at the coarser precision), None when one is unknown."""
    if not a.value or not b.value or a.precision == "unknown" or b.precision == "unknown":
        return None
    if a.precision == b.precision == "day":
        da, db = _parse(a.value), _parse(b.value)
        if da and db:
            return abs((da - db).days) <= tolerance_days
    n = min(len(a.value), len(b.value))
    return a.value[:n] == b.value[:n]


def _km(a: Place, b: Place) -> float | None:
    """Great-circle distance in km, None when a coordinate is missing."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def places_agree(a: Place | None, b: Place | None, place_km: float = 25.0) -> bool | None:
    """Whether two known places are the same (id, name or distance), None when one is unknown."""
    if a is None or b is None:
        return None
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    if _fold(a.name) == _fold(b.name):
        return True
    km = _km(a, b)
    return km is not None and km <= place_km


def _agreement(x: _Item, y: _Item, options: EventMergeOptions) -> int | None:
    """How many known things two mentions agree on, or None when they cannot be the same event."""
    a, b = x.event, y.event
    if a.type != b.type or set(a.flags) & _KEY_FLAGS != set(b.flags) & _KEY_FLAGS:
        return None
    pairs = [(participants_agree(a.actors, b.actors), participants_agree(a.recipients, b.recipients))]
    if a.type in options.symmetric_types:
        pairs.append((participants_agree(a.actors, b.recipients), participants_agree(a.recipients, b.actors)))
    who = [p for p in pairs if False not in p]
    if not who:
        return None
    when = dates_agree(a.date, b.date, options.date_tolerance_days)
    if when is False or (when is None and (x.story is None or x.story != y.story)
                         and (a.date.value or b.date.value)):
        return None
    where = places_agree(a.location, b.location, options.place_km)
    if where is False:
        return None
    score = max(sum(1 for v in p if v) for p in who) + (where is True) + (when is True and a.date.precision == "day")
    if options.require_agreement and not score:
        return None
    return score


def _order_key(item: _Item) -> tuple:
    """Publication date (undated last), article id, position of the evidence."""
    ev = item.event.evidence
    return (item.article.published or "9999", item.article.id, ev.field != "title", ev.start, item.event.id)


def merge_events(articles: Iterable[Article], story_of: Mapping[str, str] | None = None,
                 options: EventMergeOptions | None = None) -> list[MergedEvent]:
    """The events of ``articles`` merged across articles (pure: same input, same output).

    ``story_of`` maps article ids to story ids; a date known on one side only is
    accepted within one story. Without it, the articles are taken as one story
    (pass a story's articles). Returns merged events, most reported first."""
    opts = options or DEFAULT_MERGE_OPTIONS
    arts = list(articles)
    stories = story_of if story_of is not None else {a.id: "*" for a in arts}
    items = sorted((_Item(a, e, stories.get(a.id)) for a in arts for e in a.events), key=_order_key)
    groups: list[list[_Item]] = []
    for item in items:
        best: tuple[int, int] | None = None
        for g, group in enumerate(groups):
            scores = [_agreement(item, other, opts) for other in group]
            if None in scores:
                continue
            total = sum(scores)  # type: ignore[arg-type]
            if best is None or total > best[0]:
                best = (total, g)
        if best is None:
            groups.append([item])
        else:
            groups[best[1]].append(item)
    merged = [_merge(group, None if story_of is None else group[0].story, opts) for group in groups]
    return sorted(merged, key=lambda m: (-len(m.article_ids), -m.confidence, m.id))


def noisy_or(confidences: Iterable[float]) -> float:
    """1 − Π(1 − cᵢ): the chance that at least one independent report is right."""
    p = 1.0
    for c in confidences:
        p *= 1.0 - min(1.0, max(0.0, c))
    return 1.0 - p


def _most_common(values: list) -> object:
    """The most frequent non-None value, the first seen among ties; None when there is none."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in values if v is not None and counts[v] == top)


def _union(groups: list[list[Participant]]) -> list[Participant]:
    """Participants of every mention, each identity once (the most informative version kept)."""
    out: dict[str, Participant] = {}
    for people in groups:
        for p in people:
            key = p.actor_id or "text:" + _fold(p.text)
            known = out.get(key)
            if known is None or _info(p) > _info(known):
                out[key] = p
    return list(out.values())


def _info(p: Participant) -> int:
    """How much a participant record says."""
    return sum(x is not None for x in (p.actor_id, p.name, p.country, p.sector))


def _best_date(dates: list[EventDate]) -> EventDate:
    """The most precise date; among those, the most frequent value, the first seen among ties."""
    known = [d for d in dates if d.value and d.precision != "unknown"]
    if not known:
        return EventDate()
    top = max(_PRECISION[d.precision] for d in known)
    precise = [d for d in known if _PRECISION[d.precision] == top]
    value = _most_common([d.value for d in precise])
    return next(d for d in precise if d.value == value)


def _best_place(places: list[Place | None]) -> Place | None:
    """The most frequent place (by gazetteer id, else name), preferring one with coordinates."""
    known = [p for p in places if p is not None]
    if not known:
        return None
    key = _most_common([p.geonames_id if p.geonames_id is not None else _fold(p.name) for p in known])
    same = [p for p in known if (p.geonames_id if p.geonames_id is not None else _fold(p.name)) == key]
    return next((p for p in same if p.latitude is not None), same[0])


def _oriented(first: Event, event: Event, options: EventMergeOptions) -> tuple[list[Participant], list[Participant]]:
    """The event's actors and recipients, swapped when its type is symmetric and only the
    swapped reading agrees with the first mention ("B met A" reported after "A met B")."""
    if event.type not in options.symmetric_types:
        return event.actors, event.recipients
    direct = (participants_agree(first.actors, event.actors), participants_agree(first.recipients, event.recipients))
    swapped = (participants_agree(first.actors, event.recipients), participants_agree(first.recipients, event.actors))
    if False not in swapped and (False in direct or sum(map(bool, swapped)) > sum(map(bool, direct))):
        return event.recipients, event.actors
    return event.actors, event.recipients


def _merge(group: list[_Item], story_id: str | None, options: EventMergeOptions) -> MergedEvent:
    """One :class:`MergedEvent` from a group of compatible mentions."""
    events = [it.event for it in group]
    first = group[0]
    sides = [_oriented(first.event, e, options) for e in events]
    digest = hashlib.sha256(f"{first.article.id}\x00{first.event.id}".encode()).hexdigest()[:16]
    best_by_article: dict[str, float] = {}
    for it in group:
        best_by_article[it.article.id] = max(best_by_article.get(it.article.id, 0.0), it.event.confidence)
    return MergedEvent(
        id=f"ev-{digest}",
        type=first.event.type,
        mode=_most_common([e.mode for e in events]),  # type: ignore[arg-type]
        cameo=_most_common([e.cameo for e in events]),  # type: ignore[arg-type]
        actors=_union([a for a, _ in sides]),
        recipients=_union([r for _, r in sides]),
        location=_best_place([e.location for e in events]),
        date=_best_date([e.date for e in events]),
        flags=sorted(set(first.event.flags) & _KEY_FLAGS),  # type: ignore[arg-type]
        story_id=story_id,
        mentions=[Mention(article_id=it.article.id, event_id=it.event.id, evidence=it.event.evidence,
                          confidence=it.event.confidence, date=it.event.date, trigger=it.event.trigger)
                  for it in group],
        confidence=round(noisy_or(best_by_article.values()), 6),
    )
