"""Read the store as plain dict rows (easy to load into pandas or polars).

Every function takes an open :class:`~veille.store.Store` or a store path/URL
and returns ``list[dict]`` (``articles``, ``events``, ``quotes``, ``actors``,
``relations``, ``stories``, ``failures``) or streams dicts (their ``iter_*``
twins); ``export`` writes JSONL, CSV, Parquet or, for events, GeoJSON (the
formats registered in :data:`veille.store.exporters.EXPORTERS`, the built-in ones
at the end of this module), in veille's columns or, for events, a GDELT-like layout. The CLI's ``search``,
``articles``, ``events``, ``quotes``, ``actors``, ``relations``, ``stories``,
``failures`` and ``export`` are thin wrappers over these.
"""

from __future__ import annotations

import csv
import functools
import inspect
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from veille.model import Article
from veille.store import Store, StoreError, open_store
from veille.store.exporters import EXPORT_HINT, EXPORTERS, ExportSpec, register_exporter
from veille.store.rows import Row

ARTICLE_COLUMNS = ("id", "external_id", "source", "url", "title", "section", "standfirst", "author", "site",
                   "published", "language", "status", "flags", "duplicate_of", "similarity", "differences",
                   "story_id", "content_hash", "ingested_at", "text")
"""Columns of article rows, in order (``article_json`` only on request)."""

FAILURE_COLUMNS = ("source", "item", "code", "reason", "time")
EVENT_COLUMNS = ("article_id", "n", "event_id", "type", "mode", "context", "cameo", "actors", "recipients",
                 "location_name", "location_country", "latitude", "longitude", "geonames_id", "date_text",
                 "date_value", "date_precision", "flags", "trigger_text", "confidence", "evidence_text", "field",
                 "start_char", "end_char", "language", "article_title", "article_published", "article_url")
"""Columns of event rows, in order; ``actors`` and ``recipients`` are lists of :data:`PARTICIPANT_FIELDS` dicts."""

PARTICIPANT_FIELDS = ("text", "actor_id", "name", "country", "sector", "implied")
"""Keys of each actor or recipient of an event row."""

QUOTE_COLUMNS = ("article_id", "n", "text", "kind", "speaker", "speaker_actor_id", "speaker_name", "cue", "field",
                 "start_char", "end_char", "language", "article_title", "article_published", "article_url")
ACTOR_COLUMNS = ("actor_id", "name", "type", "country", "sector", "mentions", "articles")
RELATION_COLUMNS = ("article_id", "n", "type", "subject_text", "subject_actor_id", "subject_name", "object_text",
                    "object_actor_id", "object_name", "evidence_text", "field", "start_char", "end_char",
                    "confidence", "article_title", "article_published", "article_url")
STORY_COLUMNS = ("story_id", "articles", "originals", "first_published", "last_published", "titles", "article_ids")

GDELT_COLUMNS = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name", "Actor1CountryCode",
                 "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "EventCode",
                 "EventBaseCode", "EventRootCode", "QuadClass", "NumMentions", "NumSources", "NumArticles",
                 "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
                 "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL", "PloverType", "PloverMode", "VeilleFlags",
                 "VeilleEventId", "VeilleArticleId", "Confidence")
"""Columns of the GDELT-like layout of events (see docs/corpus.md for the mapping; no GoldsteinScale)."""

EXPORTS = ("articles", "events", "quotes", "actors", "relations", "stories", "failures")
LAYOUTS = ("veille", "gdelt")
SEARCHABLE = ("articles", "quotes", "events")

StoreLike = Store | str | Path


MAX_VALUE_CHARS = 1_000
"""Longest text a query filter takes (a name, a phrase, a date)."""
MAX_VALUES = 1_000
"""Most values one filter takes."""
MAX_INT = 2**63 - 1
"""Largest number a query takes (the databases' 64-bit integers)."""


def _check_value(name: str, value: Any) -> None:
    """Refuse a filter value no store can take, with E046 (instead of a database error
    that would say the store cannot be written)."""
    if isinstance(value, str):
        if len(value) > MAX_VALUE_CHARS:
            raise StoreError("E046", name, f"{len(value):,} characters, at most {MAX_VALUE_CHARS:,}")
        if "\x00" in value:
            raise StoreError("E046", name, "contains a NUL character")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise StoreError("E046", name, "is not valid UTF-8") from None
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if not -MAX_INT <= value <= MAX_INT:
            raise StoreError("E046", name, f"{value} is out of range (at most {MAX_INT:,})")
    elif isinstance(value, dict):
        for key, inner in value.items():
            _check_value(f"{name}.{key}", inner)
    elif isinstance(value, (list, tuple, set, frozenset)):
        if len(value) > MAX_VALUES:
            raise StoreError("E046", name, f"{len(value):,} values, at most {MAX_VALUES:,}")
        for inner in value:
            _check_value(name, inner)


def bounded(func):  # noqa: ANN001, ANN201 - a decorator keeping the signature
    """Check every filter argument of a query function (:func:`_check_value`) when it is
    called, before any database is opened (a generator function too)."""
    names = list(inspect.signature(func).parameters)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for name, value in [*zip(names[1:], args[1:]), *kwargs.items()]:
            if name not in ("store", "out"):
                _check_value(name, value)
        return func(*args, **kwargs)
    return wrapper


@contextmanager
def _opened(store: StoreLike) -> Iterator[Store]:
    if isinstance(store, Store):
        yield store
        return
    opened = open_store(store, create=False)
    try:
        yield opened
    finally:
        opened.close()


@bounded
def search(store: StoreLike, text: str, what: str = "articles", limit: int | None = 20) -> list[Row]:
    """Full-text search (words match as written or by their French/English stem), best first
    (``limit`` None: the default 20)."""
    if what not in SEARCHABLE:
        raise StoreError("E025", what, f"search one of {', '.join(SEARCHABLE)}")
    with _opened(store) as s:
        return s.search(text, what, 20 if limit is None else limit)


def _filters(*conditions: tuple[str, Any]) -> tuple[str, list[Any]]:
    """A WHERE clause of the ``(condition with one ?, value)`` pairs whose value is given."""
    given = [(sql, value) for sql, value in conditions if value]
    where = " WHERE " + " AND ".join(sql for sql, _ in given) if given else ""
    return where, [value for _, value in given]


def _where(status: str | None, language: str | None, since: str | None) -> tuple[str, list[Any]]:
    return _filters(("status = ?", status), ("language = ?", language), ("published >= ?", since))


@bounded
def iter_articles(store: StoreLike, status: str | None = None, language: str | None = None,
                  since: str | None = None, limit: int | None = None, with_json: bool = False,
                  with_text: bool = True) -> Iterator[Row]:
    """Article rows in ingest order (``flags`` and ``differences`` decoded from JSON)."""
    cols = [c for c in ARTICLE_COLUMNS if with_text or c != "text"] + (["article_json"] if with_json else [])
    where, params = _where(status, language, since)
    sql = f"SELECT {', '.join(cols)} FROM articles{where} ORDER BY seq"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    with _opened(store) as s:
        for row in s.iter_rows(sql, params):
            row["flags"] = json.loads(row["flags"]) if row.get("flags") else []
            if row.get("differences"):
                row["differences"] = json.loads(row["differences"])
            yield row


def articles(store: StoreLike, **kwargs: Any) -> list[Row]:
    """All article rows (see :func:`iter_articles` for the filters)."""
    return list(iter_articles(store, **kwargs))


@bounded
def iter_failures(store: StoreLike, source: str | None = None, code: str | None = None,
                  limit: int | None = None) -> Iterator[Row]:
    """Failure rows, oldest first."""
    where, params = _filters(("source = ?", source), ("code = ?", code))
    sql = f"SELECT {', '.join(FAILURE_COLUMNS)} FROM failures{where} ORDER BY seq"
    with _opened(store) as s:
        yield from s.iter_rows(*_limited(sql, params, limit))


def failures(store: StoreLike, **kwargs: Any) -> list[Row]:
    """All failure rows (filters: ``source``, ``code``, ``limit``)."""
    return list(iter_failures(store, **kwargs))


# -- shared helpers -------------------------------------------------------------------------------

_ARTICLE_META = "a.title AS article_title, a.published AS article_published, a.url AS article_url"
_COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
_ACTOR_ID = re.compile(r"^(Q\d+|[\w.-]+:.+)$")


def many(value: str | Iterable[str] | None) -> list[str]:
    """A filter value that may be one string or several (empty strings dropped)."""
    if value is None:
        return []
    values = [value] if isinstance(value, str) else list(value)
    return [v.strip() for v in values if v and v.strip()]


def _like(value: str) -> str:
    """A case-insensitive substring pattern for ``lower(column) LIKE ? ESCAPE '\\\\'``."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _who(value: str, id_col: str, names: Sequence[str], country_col: str | None = None) -> tuple[str, list[Any]]:
    """SQL matching an actor given as an id (``Q7747``, ``veille:igo:csto``), a country code or a name.

    Three upper-case letters are a country code (``KAZ``), matched against ``country_col`` (and the id);
    an id-like value (``Q…`` or ``prefix:…``) is matched exactly; anything else is a name, matched as a
    case-insensitive substring of the ``names`` columns, or exactly as an id.
    """
    if country_col and _COUNTRY_CODE.match(value):
        return f"({country_col} = ? OR {id_col} = ?)", [value, value]
    if _ACTOR_ID.match(value):
        return f"{id_col} = ?", [value]
    clauses = [f"{id_col} = ?"] + [f"lower({c}) LIKE ? ESCAPE '\\'" for c in names]
    return "(" + " OR ".join(clauses) + ")", [value] + [_like(value)] * len(names)


def _text_match(s: Store, table: str, text: str) -> tuple[str, list[Any]] | None:
    """SQL restricting ``table`` (aliased ``q``) to rows whose full-text entry matches ``text``."""
    from veille.store import fts

    if s.dialect == "postgresql":
        if not fts.words(text):
            return None
        tsq = " || ".join(f"websearch_to_tsquery('{c}', ?)" for c in fts.pg_configs())
        return f"q.tsv @@ ({tsq})", [text] * len(fts.pg_configs())
    query = fts.fts5_query(text)
    if query is None:
        return None
    return f"q.seq IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)", [query]


def _limited(sql: str, params: list[Any], limit: int | None) -> tuple[str, list[Any]]:
    if limit is not None:
        return sql + " LIMIT ?", [*params, int(limit)]
    return sql, params


def _chunks(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


# -- events ---------------------------------------------------------------------------------------

def _date_clauses(since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    """Dates compared at the coarser of the two precisions: ``2024-12`` is on or after ``2024-12-15``.

    An event dated ``2024-12`` (month precision) overlaps any range that touches December 2024;
    an event without a date value is left out when a bound is given.
    """
    clauses, params = [], []
    for bound, op in ((since, ">="), (until, "<=")):
        if bound:
            clauses.append(f"substr(e.date_value, 1, ?) {op} substr(CAST(? AS TEXT), 1, length(e.date_value))")
            params += [len(bound), bound]
    return clauses, params


def _event_sql(actor: Any, recipient: Any, type: Any, since: str | None, until: str | None,
               flag: Any, negated: bool, article_id: str | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for role, values in (("actor", many(actor)), ("recipient", many(recipient))):
        if not values:
            continue
        matches = [_who(v, "p.actor_id", ("p.name", "p.text"), "p.country") for v in values]
        clauses.append("EXISTS (SELECT 1 FROM event_participants p WHERE p.article_id = e.article_id "
                       f"AND p.event_n = e.n AND p.role = ? AND ({' OR '.join(m[0] for m in matches)}))")
        params += [role] + [p for m in matches for p in m[1]]
    types = [t.upper() for t in many(type)]
    if types:
        clauses.append(f"e.type IN ({_in(types)})")
        params += types
    dates, date_params = _date_clauses(since, until)
    clauses += dates
    params += date_params
    for f in many(flag):
        clauses.append("e.flags LIKE ?")
        params.append(f'%"{f}"%')
    if not negated:
        clauses.append("(e.flags IS NULL OR e.flags NOT LIKE ?)")
        params.append('%"negated"%')
    if article_id:
        clauses.append("e.article_id = ?")
        params.append(article_id)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    sql = ("SELECT e.seq AS _seq, e.article_id, e.n, e.event_id, e.type, e.mode, e.context, e.cameo, "
           "e.location_name, e.location_country, e.latitude, e.longitude, e.geonames_id, e.date_text, e.date_value, "
           "e.date_precision, e.flags, e.trigger_text, e.confidence, e.evidence_text, e.field, e.start_char, "
           f"e.end_char, e.language, {_ARTICLE_META}, a.site AS _site, a.source AS _source, "
           "a.ingested_at AS _ingested_at FROM events e JOIN articles a ON a.id = e.article_id"
           f"{where} ORDER BY a.seq, e.n")
    return sql, params


def _participants(s: Store, chunk: list[Row]) -> None:
    """Fill ``actors`` and ``recipients`` of a chunk of event rows with one query."""
    ids = sorted({r["article_id"] for r in chunk})
    found: dict[tuple[str, int, str], list[Row]] = {}
    for row in s.rows("SELECT article_id, event_n, role, n, text, actor_id, name, country, sector, implied "
                      f"FROM event_participants WHERE article_id IN ({_in(ids)}) ORDER BY article_id, event_n, n",
                      ids):
        found.setdefault((row["article_id"], row["event_n"], row["role"]), []).append(
            {k: (bool(row[k]) if k == "implied" else row[k]) for k in PARTICIPANT_FIELDS})
    for r in chunk:
        r["actors"] = found.get((r["article_id"], r["n"], "actor"), [])
        r["recipients"] = found.get((r["article_id"], r["n"], "recipient"), [])
        r["context"] = json.loads(r["context"]) if r.get("context") else []
        r["flags"] = json.loads(r["flags"]) if r.get("flags") else []


def _event_chunks(s: Store, limit: int | None, chunk: int, **filters: Any) -> Iterator[list[Row]]:
    """Event rows (with the internal ``_…`` columns) in chunks, participants filled."""
    sql, params = _limited(*_event_sql(**filters), limit)
    for rows in _chunks(s.iter_rows(sql, params), chunk):
        _participants(s, rows)
        yield rows


def _public(row: Row, columns: Sequence[str]) -> Row:
    return {c: row.get(c) for c in columns}


@bounded
def iter_events(store: StoreLike, actor: str | Iterable[str] | None = None,
                recipient: str | Iterable[str] | None = None, type: str | Iterable[str] | None = None,
                since: str | None = None, until: str | None = None, flag: str | Iterable[str] | None = None,
                negated: bool = True, article_id: str | None = None, limit: int | None = None,
                layout: str = "veille") -> Iterator[Row]:
    """Event rows in ingest order (article, then position), with their actors, recipients and place.

    - ``actor`` / ``recipient``: an actor id (``Q7747``), a country code (``KAZ``) or a name
      (case-insensitive substring of the canonical name or of the text as written); several
      values mean any of them.
    - ``type``: PLOVER type(s), e.g. ``CONSULT``; ``since``/``until``: ISO dates or prefixes
      (``2024-11``), inclusive, compared at the event date's precision; undated events are left
      out when a bound is given.
    - ``flag``: events carrying every given flag (``future``, ``negated``, ``hypothetical``,
      ``historical``); ``negated=False`` leaves negated events out.
    - ``layout="gdelt"`` gives :data:`GDELT_COLUMNS` rows instead of :data:`EVENT_COLUMNS`.
    """
    if layout not in LAYOUTS:
        raise StoreError("E025", layout, f"layout one of {', '.join(LAYOUTS)}")
    filters = {"actor": actor, "recipient": recipient, "type": type, "since": since, "until": until,
               "flag": flag, "negated": negated, "article_id": article_id}
    with _opened(store) as s:
        for chunk in _event_chunks(s, limit, 500, **filters):
            if layout == "gdelt":
                yield from _gdelt(s, chunk)
            else:
                for row in chunk:
                    yield _public(row, EVENT_COLUMNS)


@bounded
def event_originals(store: StoreLike, type: str | Iterable[str] | None = None, since: str | None = None,
                    until: str | None = None) -> tuple[list[Article], dict[str, str]]:
    """The original articles holding an event that passes the filters, in ingest order, and
    their stories (article id -> story id): what merging events across articles needs
    (:func:`veille.serve.merged.merged_events` does the merging; the store does not link)."""
    with _opened(store) as s:
        ids = sorted({r["article_id"] for r in iter_events(s, type=type, since=since, until=until)})
        loaded: list[Article] = []
        story_of: dict[str, str] = {}
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            for row in s.rows(f"SELECT id, story_id, article_json FROM articles WHERE id IN ({_in(chunk)}) "
                              "AND duplicate_of IS NULL ORDER BY seq", chunk):
                loaded.append(Article.model_validate_json(row["article_json"]))
                if row["story_id"]:
                    story_of[row["id"]] = row["story_id"]
    return loaded, story_of


def events(store: StoreLike, **kwargs: Any) -> list[Row]:
    """All event rows matching the filters of :func:`iter_events`."""
    return list(iter_events(store, **kwargs))


# -- the GDELT-like layout ------------------------------------------------------------------------

QUAD_CLASSES = ((1, 5, 1), (6, 8, 2), (9, 13, 3), (14, 20, 4))
"""CAMEO root codes → GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict (the four ranges of the CAMEO/GDELT codebooks)."""


def quad_class(cameo: str | None) -> int | None:
    """The QuadClass of a CAMEO event code (None when there is no code)."""
    if not cameo or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    return next((q for lo, hi, q in QUAD_CLASSES if lo <= root <= hi), None)


def _yyyymmdd(value: str | None) -> int | None:
    digits = (value or "")[:10].replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else None


def _outlet(site: str | None, url: str | None, source: str | None) -> str:
    """What counts as one source for NumSources: the site name, else the URL's host, else the input."""
    if site:
        return site.lower()
    host = urlsplit(url).hostname if url else None
    return host or source or ""


def _cameo_actor(p: Row | None) -> dict[str, Any]:
    """CAMEO-style actor code: country code then sector code (``FRA`` + ``GOV`` = ``FRAGOV``)."""
    if p is None:
        return {"Code": None, "Name": None, "CountryCode": None, "Type1Code": None}
    code = (p.get("country") or "") + (p.get("sector") or "")
    return {"Code": code or None, "Name": p.get("name") or p.get("text"), "CountryCode": p.get("country"),
            "Type1Code": p.get("sector")}


def _gdelt(s: Store, chunk: list[Row]) -> Iterator[Row]:
    """GDELT-like rows of a chunk of event rows (NumArticles counts the article and its duplicates)."""
    ids = sorted({r["article_id"] for r in chunk})
    copies: dict[str, list[str]] = {}
    for row in s.rows(f"SELECT duplicate_of, site, url, source FROM articles WHERE duplicate_of IN ({_in(ids)})", ids):
        copies.setdefault(row["duplicate_of"], []).append(_outlet(row["site"], row["url"], row["source"]))
    for r in chunk:
        outlets = [_outlet(r["_site"], r["article_url"], r["_source"]), *copies.get(r["article_id"], [])]
        day = r["date_value"] if r.get("date_precision") == "day" else None
        sqldate = _yyyymmdd(day) or _yyyymmdd(r.get("article_published"))
        cameo = r.get("cameo")
        a1 = _cameo_actor(r["actors"][0] if r["actors"] else None)
        a2 = _cameo_actor(r["recipients"][0] if r["recipients"] else None)
        added = re.sub(r"\D", "", (r.get("_ingested_at") or ""))[:14]
        yield {
            "GLOBALEVENTID": r["_seq"], "SQLDATE": sqldate,
            "MonthYear": sqldate // 100 if sqldate else None, "Year": sqldate // 10000 if sqldate else None,
            **{f"Actor1{k}": v for k, v in a1.items()}, **{f"Actor2{k}": v for k, v in a2.items()},
            "EventCode": cameo, "EventBaseCode": cameo[:3] if cameo else None,
            "EventRootCode": cameo[:2] if cameo else None, "QuadClass": quad_class(cameo),
            "NumMentions": len(outlets), "NumSources": len(set(outlets)), "NumArticles": len(outlets),
            "ActionGeo_FullName": r.get("location_name"), "ActionGeo_CountryCode": r.get("location_country"),
            "ActionGeo_Lat": r.get("latitude"), "ActionGeo_Long": r.get("longitude"),
            "ActionGeo_FeatureID": r.get("geonames_id"), "DATEADDED": int(added) if len(added) == 14 else None,
            "SOURCEURL": r.get("article_url") or r.get("_source"), "PloverType": r["type"],
            "PloverMode": r.get("mode"), "VeilleFlags": ",".join(r["flags"]) or None,
            "VeilleEventId": r["event_id"], "VeilleArticleId": r["article_id"], "Confidence": r.get("confidence"),
        }


# -- quotes, actors, relations, stories -----------------------------------------------------------

def _name_of(column: str) -> str:
    """SQL for the canonical name of the actor whose id is in ``column`` (from its mentions)."""
    return f"(SELECT m.name FROM actor_mentions m WHERE m.actor_id = {column} LIMIT 1)"


@bounded
def iter_quotes(store: StoreLike, speaker: str | Iterable[str] | None = None, search: str | None = None,
                article_id: str | None = None, limit: int | None = None) -> Iterator[Row]:
    """Quote rows in ingest order.

    ``speaker``: an actor id, or a name matched (case-insensitively, as a substring) against the
    speaker as written and the speaker's canonical name. ``search``: full-text words that must all
    match the quote (as written or by their French/English stem), as in :func:`search`.
    """
    clauses: list[str] = []
    params: list[Any] = []
    with _opened(store) as s:
        values = many(speaker)
        if values:
            ors = []
            for v in values:
                sql, p = _who(v, "q.speaker_actor_id", ("q.speaker",))
                named = _who(v, "m.actor_id", ("m.name",))
                ors.append(f"({sql} OR q.speaker_actor_id IN (SELECT m.actor_id FROM actor_mentions m "
                           f"WHERE {named[0]}))")
                params += p + named[1]
            clauses.append("(" + " OR ".join(ors) + ")")
        if search is not None:
            match = _text_match(s, "quotes", search)
            if match is None:
                return
            clauses.append(match[0])
            params += match[1]
        if article_id:
            clauses.append("q.article_id = ?")
            params.append(article_id)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        sql = ("SELECT q.article_id, q.n, q.text, q.kind, q.speaker, q.speaker_actor_id, "
               f"{_name_of('q.speaker_actor_id')} AS speaker_name, q.cue, q.field, q.start_char, q.end_char, "
               f"q.language, {_ARTICLE_META} FROM quotes q JOIN articles a ON a.id = q.article_id{where} "
               "ORDER BY a.seq, q.n")
        yield from s.iter_rows(*_limited(sql, params, limit))


def quotes(store: StoreLike, **kwargs: Any) -> list[Row]:
    """All quote rows matching the filters of :func:`iter_quotes`."""
    return list(iter_quotes(store, **kwargs))


@bounded
def iter_actors(store: StoreLike, type: str | None = None, country: str | None = None,
                limit: int | None = None) -> Iterator[Row]:
    """Actors across the store, most mentioned first: ``mentions`` (spans) and ``articles`` (distinct)."""
    where, params = _filters(("type = ?", type), ("country = ?", country.upper() if country else None))
    sql = ("SELECT actor_id, MAX(name) AS name, MAX(type) AS type, MAX(country) AS country, MAX(sector) AS sector, "
           "COUNT(text) AS mentions, COUNT(DISTINCT article_id) AS articles "
           f"FROM actor_mentions{where} GROUP BY actor_id ORDER BY COUNT(text) DESC, actor_id")
    with _opened(store) as s:
        for row in s.iter_rows(*_limited(sql, params, limit)):
            row["mentions"], row["articles"] = int(row["mentions"]), int(row["articles"])
            yield row


def actors(store: StoreLike, **kwargs: Any) -> list[Row]:
    """All actor rows (filters: ``type``, ``country``, ``limit``)."""
    return list(iter_actors(store, **kwargs))


@bounded
def iter_relations(store: StoreLike, type: str | Iterable[str] | None = None,
                   limit: int | None = None) -> Iterator[Row]:
    """Relation rows in ingest order, with the canonical names of subject and object where linked."""
    types = many(type)
    where = f" WHERE r.type IN ({_in(types)})" if types else ""
    sql = ("SELECT r.article_id, r.n, r.type, r.subject_text, r.subject_actor_id, "
           f"{_name_of('r.subject_actor_id')} AS subject_name, r.object_text, r.object_actor_id, "
           f"{_name_of('r.object_actor_id')} AS object_name, r.evidence_text, r.field, r.start_char, r.end_char, "
           f"r.confidence, {_ARTICLE_META} FROM relations r JOIN articles a ON a.id = r.article_id{where} "
           "ORDER BY a.seq, r.n")
    with _opened(store) as s:
        yield from s.iter_rows(*_limited(sql, list(types), limit))


def relations(store: StoreLike, **kwargs: Any) -> list[Row]:
    """All relation rows (filters: ``type``, ``limit``)."""
    return list(iter_relations(store, **kwargs))


@bounded
def iter_stories(store: StoreLike, limit: int | None = None) -> Iterator[Row]:
    """Stories (``articles.story_id``), largest first: article counts, first and last dates, titles.

    Nothing until story clustering has filled ``story_id``; :func:`has_stories` tells which.
    """
    sql = ("SELECT story_id, COUNT(*) AS articles, "
           "SUM(CASE WHEN status = 'original' THEN 1 ELSE 0 END) AS originals, "
           "MIN(published) AS first_published, MAX(published) AS last_published FROM articles "
           "WHERE story_id IS NOT NULL GROUP BY story_id "
           "ORDER BY COUNT(*) DESC, COALESCE(MIN(published), '9999'), story_id")
    with _opened(store) as s:
        for chunk in _chunks(s.iter_rows(*_limited(sql, [], limit)), 200):
            ids = [r["story_id"] for r in chunk]
            members: dict[str, list[Row]] = {}
            for row in s.rows(f"SELECT story_id, id, title FROM articles WHERE story_id IN ({_in(ids)}) "
                              "ORDER BY seq", ids):
                members.setdefault(row["story_id"], []).append(row)
            for r in chunk:
                found = members.get(r["story_id"], [])
                titles = list(dict.fromkeys(m["title"] for m in found if m["title"]))
                yield {**r, "articles": int(r["articles"]), "originals": int(r["originals"] or 0),
                       "titles": titles, "article_ids": [m["id"] for m in found]}


def stories(store: StoreLike, **kwargs: Any) -> list[Row]:
    """All story rows (see :func:`iter_stories`)."""
    return list(iter_stories(store, **kwargs))


def has_stories(store: StoreLike) -> bool:
    """True once story clustering has given at least one article a ``story_id``."""
    with _opened(store) as s:
        return s.scalar("SELECT 1 FROM articles WHERE story_id IS NOT NULL LIMIT 1") is not None


def stats(store: StoreLike) -> dict[str, int]:
    """Rows per table and articles per status."""
    with _opened(store) as s:
        return s.counts()


# -- export ---------------------------------------------------------------------------------------

_PARTICIPANTS = "participants"
_TYPES: dict[str, dict[str, str]] = {
    "articles": {"similarity": "float"},
    "events": {"n": "int", "context": "strings", "actors": _PARTICIPANTS, "recipients": _PARTICIPANTS,
               "latitude": "float", "longitude": "float", "geonames_id": "int", "flags": "strings",
               "confidence": "float", "start_char": "int", "end_char": "int"},
    "gdelt": {**{c: "int" for c in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "QuadClass", "NumMentions",
                                    "NumSources", "NumArticles", "ActionGeo_FeatureID", "DATEADDED")},
              "ActionGeo_Lat": "float", "ActionGeo_Long": "float", "Confidence": "float"},
    "quotes": {"n": "int", "start_char": "int", "end_char": "int"},
    "actors": {"mentions": "int", "articles": "int"},
    "relations": {"n": "int", "start_char": "int", "end_char": "int", "confidence": "float"},
    "stories": {"articles": "int", "originals": "int", "titles": "strings", "article_ids": "strings"},
}
"""Parquet types of the columns that are not strings, per export (lists and dicts elsewhere are JSON text)."""


def columns_of(what: str, layout: str = "veille") -> tuple[str, ...]:
    """The columns of an export, in order."""
    if layout == "gdelt":
        return GDELT_COLUMNS
    return {"articles": ARTICLE_COLUMNS, "events": EVENT_COLUMNS, "quotes": QUOTE_COLUMNS,
            "actors": ACTOR_COLUMNS, "relations": RELATION_COLUMNS, "stories": STORY_COLUMNS,
            "failures": FAILURE_COLUMNS}[what]


_ITERATORS: dict[str, Callable[..., Iterator[Row]]] = {
    "articles": iter_articles, "events": iter_events, "quotes": iter_quotes, "actors": iter_actors,
    "relations": iter_relations, "stories": iter_stories, "failures": iter_failures,
}


def _rows(store: Store, what: str, layout: str, filters: dict[str, Any]) -> Iterator[Row]:
    if what not in _ITERATORS:
        raise StoreError("E025", what, f"export one of {', '.join(EXPORTS)}")
    if what == "events":
        return iter_events(store, layout=layout, **filters)
    return _ITERATORS[what](store, **filters)


def _flat(row: Row, keep: Iterable[str] = ()) -> Row:
    """Lists and dicts as JSON strings (for CSV and Parquet), except the columns in ``keep``."""
    keep = set(keep)
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) and k not in keep else v
            for k, v in row.items()}


@bounded
def export(store: StoreLike, what: str = "articles", fmt: str = "jsonl", out: str | Path | IO | None = None,
           batch: int = 5000, layout: str = "veille", filters: dict[str, Any] | None = None) -> int:
    """Write ``what`` to ``out`` (a path, a text stream, or stdout); return the row (or feature) count.

    ``what``: one of :data:`EXPORTS`; ``fmt``: a format of :data:`~veille.store.exporters.EXPORTERS`:
    ``jsonl``, ``csv``, ``parquet`` (needs a path) or, for events, ``geojson`` (a FeatureCollection
    of the events that have coordinates, Point geometries ``[longitude, latitude]``, the row as
    properties), or one registered since. ``layout="gdelt"`` (events only) writes
    :data:`GDELT_COLUMNS`. ``filters`` go to the ``iter_*`` function (e.g. ``{"since": "2024-11"}``).
    """
    writer = EXPORTERS.get(fmt)
    if what not in EXPORTS:
        raise StoreError("E025", what, f"export one of {', '.join(EXPORTS)}", EXPORT_HINT)
    if layout not in LAYOUTS:
        raise StoreError("E025", layout, f"layout one of {', '.join(LAYOUTS)}", EXPORT_HINT)
    if what != "events" and (layout != "veille" or writer.events_only):
        raise StoreError("E025", f"{fmt}/{layout}", f"{writer.label if writer.events_only else 'the gdelt layout'}"
                         " is for --what events", EXPORT_HINT)
    if writer.binary and (out is None or out == "-" or not isinstance(out, (str, Path))):
        raise StoreError("E025", fmt, f"{writer.label} is binary: give an output file with --output", EXPORT_HINT)
    spec = ExportSpec(what, layout, columns_of(what, layout), _TYPES.get("gdelt" if layout == "gdelt" else what, {}),
                      batch)
    with _opened(store) as s:
        rows = _rows(s, what, layout, filters or {})
        if writer.binary:
            target = Path(out)  # type: ignore[arg-type]  # a path: checked above
            with _output(target) as path, _writing(target):
                return writer.write(rows, path, spec)
        with _text_out(out) as handle:
            return writer.write(rows, handle, spec)


@contextmanager
def _text_out(out: str | Path | IO | None) -> Iterator[IO]:
    if out is None or out == "-":
        yield sys.stdout
    elif isinstance(out, (str, Path)):
        with _output(Path(out)) as path, _writing(out), open(path, "w", encoding="utf-8", newline="") as handle:
            yield handle
    else:
        yield out


@contextmanager
def _output(target: Path) -> Iterator[Path]:
    """Where to write ``target`` so that it is whole or untouched: a temporary file beside
    it, renamed over it once complete (a device such as /dev/null is written directly).
    Every way this can fail is E047 naming ``target``."""
    with _writing(target):
        if target.is_dir():
            raise StoreError("E047", str(target), "is a directory")
        if target.exists() and not target.is_file():
            yield target
            return
        if not target.parent.is_dir():
            raise StoreError("E047", str(target), f"no folder {str(target.parent)!r}")
        temp = target.with_name(f".{target.name}.{os.getpid()}.part")
        try:
            yield temp
            os.replace(temp, target)
        finally:
            if temp.exists():
                temp.unlink()


@contextmanager
def _writing(target: str | Path) -> Iterator[None]:
    """Turn an OSError while writing ``target`` (full disk, no permission…) into E047."""
    try:
        yield
    except OSError as exc:
        raise StoreError("E047", str(target), exc.strerror or str(exc)[:200] or type(exc).__name__) from None


# -- the built-in formats, in the order --help lists them (see veille.store.exporters) ---------------


@register_exporter("jsonl", media_type="application/x-ndjson; charset=utf-8", label="JSONL", flat=False)
def _jsonl(rows: Iterator[Row], handle: IO, spec: ExportSpec | None = None) -> int:
    """One JSON object per line, lists and dicts kept."""
    n = 0
    for n, row in enumerate(rows, 1):  # noqa: B007 - n: the rows written
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return n


@register_exporter("csv", media_type="text/csv; charset=utf-8")
def _csv(rows: Iterator[Row], handle: IO, spec: ExportSpec) -> int:
    """A header of ``spec.columns``, then one line per row (lists and dicts as JSON text)."""
    writer = csv.DictWriter(handle, fieldnames=list(spec.columns), extrasaction="ignore")
    writer.writeheader()
    n = 0
    for n, row in enumerate(rows, 1):  # noqa: B007 - n: the rows written
        writer.writerow(_flat(row))
    return n


def _arrow_type(kind: str):  # noqa: ANN202 - a pyarrow DataType
    import pyarrow as pa

    if kind == "int":
        return pa.int64()
    if kind == "float":
        return pa.float64()
    if kind == "strings":
        return pa.list_(pa.string())
    if kind == _PARTICIPANTS:
        return pa.list_(pa.struct([(f, pa.bool_() if f == "implied" else pa.string()) for f in PARTICIPANT_FIELDS]))
    return pa.string()


@register_exporter("parquet", media_type="application/vnd.apache.parquet", label="Parquet", binary=True)
def _parquet(rows: Iterator[Row], path: Path, spec: ExportSpec) -> int:
    """Typed columns (:data:`_TYPES`: lists and participants nested, the rest strings), ``spec.batch`` rows at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns, types, batch = spec.columns, spec.types, spec.batch
    schema = pa.schema([(c, _arrow_type(types.get(c, "string"))) for c in columns])
    nested = [c for c, k in types.items() if k in ("strings", _PARTICIPANTS)]
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        for chunk in _chunks((_flat(_public(r, columns), nested) for r in rows), batch):
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
        if n == 0:
            writer.write_table(pa.Table.from_pylist([], schema=schema))
    return n


def feature(row: Row, layout: str = "veille") -> Row | None:
    """A GeoJSON Feature of an event row (None without coordinates): Point ``[longitude, latitude]``."""
    lat, lon = ((row.get("ActionGeo_Lat"), row.get("ActionGeo_Long")) if layout == "gdelt"
                else (row.get("latitude"), row.get("longitude")))
    if lat is None or lon is None:
        return None
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": row}


@register_exporter("geojson", media_type="application/geo+json", label="GeoJSON", events_only=True)
def _geojson(rows: Iterator[Row], handle: IO, spec: ExportSpec) -> int:
    """A FeatureCollection of the located events, one feature per line (memory flat in the number of events)."""
    layout = spec.layout
    handle.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for row in rows:
        feat = feature(row, layout)
        if feat is None:
            continue
        handle.write((",\n" if n else "") + json.dumps(feat, ensure_ascii=False))
        n += 1
    handle.write("\n]}\n")
    return n
