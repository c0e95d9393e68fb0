"""What the store writes for one article: the record, and the rows built from it.

:class:`ArticleRecord` is the unit of writing (one transaction each); the
``*_rows`` functions turn the article's lists into plain rows for the mention
tables. Nothing here touches a database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, UTC
from typing import Any

from veille.model import Article, Fetched, Span

Row = dict[str, Any]

STATUSES = ("original", "duplicate", "near_duplicate")
"""``articles.status``: an original, an exact duplicate (same normalised text) or a near-duplicate."""


@dataclass
class ArticleRecord:
    """One article as the store keeps it: the model plus what ingest and dedup found."""

    article: Article
    content_hash: str
    external_id: str | None = None
    status: str = "original"
    flags: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    similarity: float | None = None
    differences: dict | None = None
    signature: bytes | None = None
    fetched: Fetched | None = None
    story_id: str | None = None
    bands: tuple[str, list[int]] | None = None
    """``(scheme, band keys)`` of an original's near-duplicate signature (see ``veille.link.dedup.Bands``)."""


def now() -> str:
    """Current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def article_row(rec: ArticleRecord) -> Row:
    """The ``articles`` row of a record (without ``seq``, which the database assigns)."""
    a = rec.article
    return {
        "id": a.id, "external_id": rec.external_id, "source": a.source, "url": a.url, "title": a.title,
        "section": " › ".join(a.section) or None, "standfirst": a.standfirst, "author": a.author,
        "site": a.site, "published": a.published, "language": a.language, "text": a.text,
        "article_json": a.to_json(indent=None), "content_hash": rec.content_hash, "status": rec.status,
        "flags": json.dumps(rec.flags), "duplicate_of": rec.duplicate_of, "similarity": rec.similarity,
        "differences": json.dumps(rec.differences, ensure_ascii=False) if rec.differences is not None else None,
        "story_id": rec.story_id, "ingested_at": now(),
    }


def _span(span: Span) -> Row:
    return {"field": span.field, "start_char": span.start, "end_char": span.end}


def actor_rows(a: Article) -> list[Row]:
    """One row per mention of each actor (an actor without mentions still gets one row)."""
    rows: list[Row] = []
    for actor in a.actors:
        base = {"article_id": a.id, "actor_id": actor.id, "name": actor.name, "type": actor.type,
                "country": actor.country, "sector": actor.sector, "role": actor.role}
        mentions: list[Span | None] = [*actor.mentions] or [None]
        for m in mentions:
            extra = {**_span(m), "text": m.text} if m else {"field": None, "start_char": None,
                                                            "end_char": None, "text": None}
            rows.append({**base, "n": len(rows), **extra})
    return rows


def entity_rows(a: Article) -> list[Row]:
    """One row per named-entity mention."""
    return [{"article_id": a.id, "n": i, "text": e.text, "label": e.label, "actor_id": e.actor_id, **_span(e.span)}
            for i, e in enumerate(a.entities)]


def quote_rows(a: Article) -> list[Row]:
    """One row per quote."""
    return [{"article_id": a.id, "n": i, "text": q.text, "kind": q.kind, "speaker": q.speaker,
             "speaker_actor_id": q.speaker_actor_id, "cue": q.cue, **_span(q.span), "language": a.language}
            for i, q in enumerate(a.quotes)]


def event_rows(a: Article) -> tuple[list[Row], list[Row]]:
    """Rows of ``events`` and of ``event_participants``."""
    events: list[Row] = []
    people: list[Row] = []
    for i, e in enumerate(a.events):
        loc = e.location
        events.append({
            "article_id": a.id, "n": i, "event_id": e.id, "type": e.type, "mode": e.mode,
            "context": json.dumps(e.context), "cameo": e.cameo,
            "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
            "latitude": loc.latitude if loc else None, "longitude": loc.longitude if loc else None,
            "geonames_id": loc.geonames_id if loc else None, "date_text": e.date.text,
            "date_value": e.date.value, "date_precision": e.date.precision, "flags": json.dumps(e.flags),
            "trigger_text": e.trigger, "evidence_text": e.evidence.text, **_span(e.evidence),
            "confidence": e.confidence, "language": a.language,
        })
        for role, group in (("actor", e.actors), ("recipient", e.recipients)):
            for j, p in enumerate(group):
                people.append({"article_id": a.id, "event_n": i, "role": role, "n": j, "text": p.text,
                               "actor_id": p.actor_id, "name": p.name, "country": p.country, "sector": p.sector,
                               "implied": int(p.implied)})
    return events, people


def relation_rows(a: Article) -> list[Row]:
    """One row per relation."""
    return [{"article_id": a.id, "n": i, "type": r.type, "subject_text": r.subject.text,
             "subject_actor_id": r.subject.actor_id, "object_text": r.object.text,
             "object_actor_id": r.object.actor_id, "evidence_text": r.evidence.text, **_span(r.evidence),
             "confidence": r.confidence}
            for i, r in enumerate(a.relations)]
