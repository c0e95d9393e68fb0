"""Events merged across stored articles: the store's originals, merged by the link stage.

A composer (like the CLI and the web server): it joins :mod:`veille.store.query`, which
only reads the store, and :func:`veille.link.events.merge_events`, which only merges
articles, so neither stage imports the other.
"""

from __future__ import annotations

from collections.abc import Iterable

from veille.link.events import merge_events
from veille.store.query import StoreLike, bounded, event_originals, many
from veille.store.rows import Row


@bounded
def merged_events(store: StoreLike, type: str | Iterable[str] | None = None, since: str | None = None,
                  until: str | None = None, limit: int | None = None) -> list[Row]:
    """Events merged across articles: the same event reported by several stored
    articles is one row with all its mentions (article, evidence, confidence) and a
    merged confidence (:func:`veille.link.events.merge_events`), most reported first.

    The originals holding an event that passes the filters are loaded with their
    stories; events are merged within stories (and by date where stories differ)."""
    articles, story_of = event_originals(store, type=type, since=since, until=until)
    wanted = set(many(type))
    merged = [m for m in merge_events(articles, story_of) if not wanted or m.type in wanted]
    merged.sort(key=lambda m: (-len({x.article_id for x in m.mentions}), -m.confidence, m.id))
    rows = [m.model_dump(mode="json") for m in merged]
    return rows[:limit] if limit else rows
