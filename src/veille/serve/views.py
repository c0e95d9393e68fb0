"""What the web pages show, as plain dicts: each function is one page's data.

``veille serve`` renders these dicts as HTML and returns them as they are for
the page's JSON twin, so the two never disagree. Every function takes an open
:class:`~veille.store.Store` and parameters as they come from the URL (strings,
validated here), reads with parameterised SQL that runs on SQLite and
PostgreSQL alike, and reads the stored article JSON as plain JSON (never as the
strict model), so fields added to the model later are carried along, not refused.

Pages: :func:`home` (stories moving now, latest events, top actors, alerts),
:func:`search` (articles, quotes or events with facets; duplicates folded into
their original), :func:`article` (the clean text and every span to highlight),
:func:`events` (events merged across articles, filterable), :func:`actor`,
:func:`story`, :func:`places` (the map) and :func:`alerts`.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from veille.languages import languages
from veille.model import Removal
from veille.serve import words
from veille.store import Store
from veille.store import fts
from veille.store.rows import Row

PER_PAGE = 20
"""Rows per page of search results and tables."""
MAX_PAGE = 500
"""Pages beyond this are refused: deep paging is what export is for."""
SEARCHABLE = ("articles", "quotes", "events")
EVENT_FLAGS = ("negated", "future", "hypothetical", "historical")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


class BadParameter(ValueError):
    """A URL parameter that cannot be used (shown as a 400 page, never a traceback)."""

    def __init__(self, name: str, value: object, reason: str) -> None:
        super().__init__(f"{name}={value!r}: {reason}")
        self.name = name
        self.value = value
        self.reason = reason


# -- parameters --------------------------------------------------------------------------------

def clean_date(name: str, value: str | None) -> str | None:
    """An ISO date or prefix (``2024``, ``2024-11``, ``2024-11-27``), or None."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not _DATE.match(value):
        raise BadParameter(name, value, "give a date like 2024-11-27 or 2024-11")
    return value


def clean_month(value: str | None) -> str | None:
    """``YYYY-MM`` or None."""
    if value is None or not value.strip():
        return None
    if not _MONTH.match(value.strip()):
        raise BadParameter("month", value, "give a month like 2024-11")
    return value.strip()


def clean_page(value: int | None) -> int:
    """A 1-based page number within :data:`MAX_PAGE`."""
    page = value or 1
    if page < 1 or page > MAX_PAGE:
        raise BadParameter("page", value, f"give a page between 1 and {MAX_PAGE}")
    return page


def many(values: Iterable[str] | str | None) -> list[str]:
    """Non-empty, stripped values of a repeatable parameter."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [v.strip() for v in values if v and v.strip()]


def _in(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def _loads(value: str | None, default: Any) -> Any:
    if not value:
        return default
    try:
        return json.loads(value)
    except ValueError:
        return default


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL (shown as a link), else None: ``javascript:``,
    ``data:`` and every other scheme are never made into links."""
    if not url:
        return None
    text = url.strip()
    if any(ord(c) < 32 for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def outlet(row: Row) -> str | None:
    """The outlet of an article row: its site name, else its URL's host."""
    if row.get("site"):
        return row["site"]
    url = safe_url(row.get("url"))
    return urlsplit(url).hostname if url else None


# -- the store's clock and version ----------------------------------------------------------------

DAY = "COALESCE(NULLIF(substr({t}published, 1, 10), ''), substr({t}ingested_at, 1, 10))"
"""SQL for an article's day: its publication date, else the day it was stored."""
_ADAY = DAY.format(t="a.")


def latest_day(s: Store) -> str | None:
    """The newest publication day in the store ('now' for an archive, today for a live store);
    the newest day of storing when no article has a date."""
    value = s.scalar("SELECT MAX(substr(published, 1, 10)) FROM articles WHERE published IS NOT NULL "
                     "AND published <> ''") or s.scalar(f"SELECT MAX({DAY.format(t='')}) FROM articles")
    return str(value)[:10] if value else None


def version(s: Store) -> tuple[int, int]:
    """Changes whenever articles are added (cache key of what is computed from many articles)."""
    row = s.one("SELECT MAX(seq), COUNT(*) FROM articles")
    return (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


# -- home ----------------------------------------------------------------------------------------

def home(s: Store, days: int = 7, limit: int = 10) -> dict[str, Any]:
    """Stories moving now (new articles per story and day over the last ``days`` days),
    the latest events, the most mentioned actors of the last 30 days, the latest alerts."""
    now = latest_day(s)
    counts = {k: v for k, v in s.counts().items() if k in ("articles", "events", "quotes", "actor_mentions",
                                                          "relations", "failures")
              or k.startswith("articles.")}
    out: dict[str, Any] = {"now": now, "days": days, "counts": counts, "stories": [], "events": [],
                           "actors": [], "alerts": []}
    if now is None:
        return out
    end = date.fromisoformat(now)
    start = (end - timedelta(days=days - 1)).isoformat()
    axis = [(end - timedelta(days=days - 1 - i)).isoformat() for i in range(days)]
    per_day: dict[str, Counter] = defaultdict(Counter)
    day = DAY.format(t="")
    for r in s.rows(f"SELECT story_id, {day} AS day, COUNT(*) AS n FROM articles "
                    f"WHERE story_id IS NOT NULL AND {day} >= ? AND {day} <= ? GROUP BY story_id, {day}",
                    (start, now)):
        per_day[r["story_id"]][r["day"]] += int(r["n"])
    moving = sorted(per_day, key=lambda k: (-sum(per_day[k].values()), -per_day[k][now], k))[:limit]
    if moving:
        info = {r["story_id"]: r for r in s.rows(
            "SELECT story_id, COUNT(*) AS articles, COUNT(DISTINCT COALESCE(site, source)) AS outlets, "
            f"COUNT(DISTINCT language) AS languages, MIN(published) AS first_published FROM articles "
            f"WHERE story_id IN ({_in(moving)}) GROUP BY story_id", moving)}
        titles = _story_titles(s, moving)
        for sid in moving:
            i = info.get(sid, {})
            out["stories"].append({
                "story_id": sid, "title": titles.get(sid), "new": sum(per_day[sid].values()),
                "per_day": [per_day[sid][d] for d in axis], "days": axis, "articles": int(i.get("articles") or 0),
                "outlets": int(i.get("outlets") or 0), "languages": int(i.get("languages") or 0),
                "first_published": i.get("first_published")})
    out["events"] = [_event_brief(r) for r in _event_rows(s, "ORDER BY COALESCE(a.published, '') DESC, a.seq DESC, e.n",
                                                           limit=limit)]
    since30 = (end - timedelta(days=29)).isoformat()
    out["actors"] = [{**r, "mentions": int(r["mentions"]), "articles": int(r["articles"])} for r in s.rows(
        f"SELECT m.actor_id, MAX(m.name) AS name, MAX(m.type) AS type, MAX(m.country) AS country, "
        "COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles FROM actor_mentions m "
        f"JOIN articles a ON a.id = m.article_id WHERE {DAY.format(t='a.')} BETWEEN ? AND ? AND m.text IS NOT NULL "
        "GROUP BY m.actor_id ORDER BY COUNT(DISTINCT m.article_id) DESC, COUNT(*) DESC, m.actor_id LIMIT ?",
        (since30, now, limit))]
    out["alerts"] = alerts(s, limit=5)["alerts"]
    return out


def _story_titles(s: Store, story_ids: list[str]) -> dict[str, str | None]:
    """The title of each story's first original article."""
    titles: dict[str, str | None] = {}
    for r in s.rows(f"SELECT story_id, title FROM articles WHERE story_id IN ({_in(story_ids)}) "
                    "AND duplicate_of IS NULL ORDER BY seq", story_ids):
        titles.setdefault(r["story_id"], r["title"])
    return titles


_EVENT_SELECT = ("SELECT e.article_id, e.n, e.event_id, e.type, e.mode, e.cameo, e.location_name, "
                 "e.location_country, e.latitude, e.longitude, e.date_text, e.date_value, e.date_precision, e.flags, "
                 "e.trigger_text, e.evidence_text, e.confidence, a.title AS article_title, "
                 "a.published AS article_published FROM events e JOIN articles a ON a.id = e.article_id")


def _event_rows(s: Store, order: str, where: str = "", params: Sequence[Any] = (), limit: int = 20) -> list[Row]:
    rows = s.rows(f"{_EVENT_SELECT} {where} {order} LIMIT ?", [*params, limit])
    _participants(s, rows)
    return rows


def _participants(s: Store, rows: list[Row]) -> None:
    """Fill ``actors``/``recipients`` of event rows (one query) and decode ``flags``."""
    ids = sorted({r["article_id"] for r in rows})
    found: dict[tuple[str, int, str], list[Row]] = defaultdict(list)
    if ids:
        for p in s.rows("SELECT article_id, event_n, role, text, actor_id, name, country, sector "
                        f"FROM event_participants WHERE article_id IN ({_in(ids)}) ORDER BY article_id, event_n, n",
                        ids):
            found[(p["article_id"], p["event_n"], p["role"])].append(
                {k: p[k] for k in ("text", "actor_id", "name", "country", "sector")})
    for r in rows:
        r["actors"] = found.get((r["article_id"], r["n"], "actor"), [])
        r["recipients"] = found.get((r["article_id"], r["n"], "recipient"), [])
        r["flags"] = _loads(r.get("flags"), [])


def _event_brief(r: Row) -> Row:
    return {k: r.get(k) for k in ("article_id", "n", "event_id", "type", "mode", "cameo", "actors", "recipients",
                                  "location_name", "location_country", "date_value", "date_text", "flags",
                                  "evidence_text", "confidence", "article_title", "article_published")}


# -- search --------------------------------------------------------------------------------------

def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def _match(s: Store, table: str, q: str, ranked: bool = True) -> tuple[str, list[Any]] | None:
    """SQL giving ``(seq, score)`` of the rows of ``table`` matching ``q`` (lower score is better);
    ``ranked=False`` gives the same rows without computing a score (for counts and facets)."""
    if s.dialect == "postgresql":
        if not fts.words(q):
            return None
        tsq = " || ".join(f"websearch_to_tsquery('{c}', ?)" for c in fts.pg_configs())
        if not ranked:
            return f"SELECT seq, 0 AS score FROM {table} WHERE tsv @@ ({tsq})", [q] * len(fts.pg_configs())
        return (f"SELECT seq, -ts_rank(tsv, ({tsq})) AS score FROM {table} WHERE tsv @@ ({tsq})",
                [q] * (2 * len(fts.pg_configs())))
    expr = fts.fts5_query(q)
    if expr is None:
        return None
    weights = "10.0, 5.0, 1.0, 1.0" if table == "articles" else "1.0, 1.0"
    score = f"bm25({table}_fts, {weights})" if ranked else "0"
    return f"SELECT rowid AS seq, {score} AS score FROM {table}_fts WHERE {table}_fts MATCH ?", [expr]


_LOOSE = {"a": "[aàâäáã]", "e": "[eéèêë]", "i": "[iîïíì]", "o": "[oôöóò]", "u": "[uùûüú]", "c": "[cç]",
          "y": "[yÿý]", "n": "[nñ]"}


def _candidates(q: str) -> re.Pattern[str] | None:
    """A pattern finding the words that may match ``q``: those starting with the shortest of each
    query word's folded form and stems (accents loose); :func:`snippet` confirms each."""
    prefixes = set()
    for w in fts.words(q):
        f = _fold(w)
        forms = [x for x in {f, *(fts.stem(f, lang) for lang in languages())} if x]
        shortest = min(forms, key=len)
        prefixes.add("".join(_LOOSE.get(c, re.escape(c)) for c in shortest))
    if not prefixes:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(prefixes)) + r")\w*", re.IGNORECASE)


def snippet(text: str | None, q: str, width: int = 220) -> list[tuple[str, bool]]:
    """A window of ``text`` around the first word matching ``q``, as (text, is_match) parts.

    A word matches as written (accents and case folded) or by its French or English stem,
    as the full-text search does."""
    if not text:
        return []
    wanted = {_fold(w) for w in fts.words(q)}
    stems = {fts.stem(w, lang) for w in wanted for lang in languages()}

    def hit(word: str) -> bool:
        f = _fold(word)
        return f in wanted or any(fts.stem(f, lang) in stems for lang in languages())

    pattern = _candidates(q) if wanted else None
    found = [m for m in pattern.finditer(text, 0, 200_000) if hit(m.group())] if pattern else []
    first = found[0] if found else None
    start = max(0, (first.start() if first else 0) - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + width)
    parts: list[tuple[str, bool]] = [("…", False)] if start else []
    pos = start
    for m in found:
        if m.start() < start or m.end() > end:
            continue
        if m.start() > pos:
            parts.append((text[pos:m.start()], False))
        parts.append((m.group(), True))
        pos = m.end()
    if end > pos:
        parts.append((text[pos:end], False))
    if end < len(text):
        parts.append(("…", False))
    return parts


def search(s: Store, q: str = "", what: str = "articles", language: str | None = None,
           site: Iterable[str] | None = None, since: str | None = None, until: str | None = None,
           actor: Iterable[str] | None = None, type: Iterable[str] | None = None,
           flag: Iterable[str] | None = None, page: int = 1, per_page: int = PER_PAGE) -> dict[str, Any]:
    """Full-text search over articles, quotes or events, with facets, one page of results.

    Articles: duplicates and near-duplicates are folded into their original (one result, with
    the number of copies); filters apply to the original's actors and events. Without ``q``,
    everything matching the filters is listed, newest first. Facets count results under the
    current filters: language, site, month, actor, event type, flags.
    """
    if what not in SEARCHABLE:
        raise BadParameter("in", what, f"search one of {', '.join(SEARCHABLE)}")
    since, until = clean_date("since", since), clean_date("until", until)
    page = clean_page(page)
    filters = {"language": language or None, "site": many(site), "since": since, "until": until,
               "actor": many(actor), "type": [t.upper() for t in many(type)], "flag": many(flag)}
    out: dict[str, Any] = {"q": q, "in": what, "filters": filters, "page": page, "per_page": per_page,
                           "total": 0, "results": [], "facets": {}}
    table = what
    if q.strip():
        ranked, plain = _match(s, table, q), _match(s, table, q, ranked=False)
        if ranked is None or plain is None:
            return out
        plain = _listed(s, [r["seq"] for r in s.rows(*plain)])  # the index is read once per request
    else:
        ranked = plain = None  # every row: read the table itself
    runner = {"articles": _search_articles, "quotes": _search_quotes, "events": _search_events}[what]
    out.update(runner(_With(s, plain), _With(s, ranked), filters, page, per_page, q))
    return out


def _listed(s: Store, seqs: list[int]) -> tuple[str, list[Any]]:
    """SQL giving ``(seq, score)`` rows of a list of keys passed as one parameter."""
    if s.dialect == "postgresql":
        return "SELECT unnest(CAST(? AS bigint[])) AS seq, 0 AS score", [seqs]
    return "SELECT CAST(value AS INTEGER) AS seq, 0 AS score FROM json_each(?)", [json.dumps(seqs)]


class _With:
    """A store whose queries all start with ``WITH m AS MATERIALIZED (<matches>)``: the page of
    results reads ranked matches, counts and facets the same matches unranked (cheaper)."""

    def __init__(self, s: Store, match: tuple[str, list[Any]] | None) -> None:
        self.s = s
        self.matching = match is not None
        # materialised: SQLite's bm25() may not be used inside the grouped queries built on it
        self.prefix = f"WITH m AS MATERIALIZED ({match[0]}) " if match else ""
        self.params = match[1] if match else []
        self.score = "m.score" if match else "0"

    def source(self, table: str, alias: str) -> str:
        """``table`` restricted to the matches (or all of it when nothing is searched)."""
        return f"m JOIN {table} {alias} ON {alias}.seq = m.seq" if self.matching else f"{table} {alias}"

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self.s.rows(self.prefix + sql, [*self.params, *params])

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.s.scalar(self.prefix + sql, [*self.params, *params])


def _common_filters(filters: dict[str, Any], key: str) -> tuple[list[str], list[Any]]:
    """WHERE parts on the article ``a`` (language, site, dates, flags) and the original ``key``."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters["language"]:
        clauses.append("a.language = ?")
        params.append(filters["language"])
    if filters["site"]:
        clauses.append(f"COALESCE(a.site, '') IN ({_in(filters['site'])})")
        params += filters["site"]
    if filters["since"]:
        clauses.append("a.published >= ?")
        params.append(filters["since"])
    if filters["until"]:
        clauses.append("substr(a.published, 1, ?) <= ?")
        params += [len(filters["until"]), filters["until"]]
    for f in filters["flag"]:
        if f in ("duplicate", "near_duplicate", "original"):
            clauses.append("a.status = ?")
            params.append(f)
        elif f in EVENT_FLAGS:
            clauses.append(f"EXISTS (SELECT 1 FROM events fe WHERE fe.article_id = {key} AND fe.flags LIKE ?)")
            params.append(f'%"{f}"%')
        else:
            clauses.append("a.flags LIKE ?")
            params.append(f'%"{f}"%')
    return clauses, params


def _where(clauses: list[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def _search_articles(s: Any, ranked: Any, filters: dict[str, Any], page: int, per_page: int,
                     q: str) -> dict[str, Any]:
    key = "COALESCE(a.duplicate_of, a.id)"
    clauses, params = _common_filters(filters, key)
    for actor_id in filters["actor"]:
        clauses.append(f"EXISTS (SELECT 1 FROM actor_mentions am WHERE am.article_id = {key} AND am.actor_id = ?)")
        params.append(actor_id)
    for t in filters["type"]:
        clauses.append(f"EXISTS (SELECT 1 FROM events te WHERE te.article_id = {key} AND te.type = ?)")
        params.append(t)
    base = f"FROM {s.source('articles', 'a')}{_where(clauses)}"
    order = ("MIN(m.score), MAX(COALESCE(a.published, '')) DESC" if q.strip()
             else "MAX(COALESCE(a.published, '')) DESC, MIN(a.seq) DESC")
    groups = ranked.rows(f"SELECT {key} AS k, MIN({ranked.score}) AS score, COUNT(*) AS copies {base} GROUP BY {key} "
                    f"ORDER BY {order} LIMIT ? OFFSET ?", [*params, per_page, (page - 1) * per_page])
    total = int(s.scalar(f"SELECT COUNT(DISTINCT {key}) {base}", params) or 0)
    keys = [g["k"] for g in groups]
    found = {r["id"]: r for r in s.s.rows(
        "SELECT id, title, published, language, site, url, status, story_id, flags, text, standfirst "
        f"FROM articles WHERE id IN ({_in(keys)})", keys)} if keys else {}
    results = []
    for g in groups:
        r = found.get(g["k"])
        if r is None:
            continue
        text = r.pop("text")
        r["flags"] = _loads(r.get("flags"), [])
        r["url"] = safe_url(r.get("url"))
        r["copies"] = int(g["copies"]) - 1 if r.get("id") == g["k"] else int(g["copies"])
        r["snippet"] = snippet((r.pop("standfirst") or "") + "\n" + text if q.strip() else text, q)
        results.append(r)
    facets = {
        "language": _facet(s, f"SELECT a.language AS value, COUNT(DISTINCT {key}) AS n {base} GROUP BY a.language", params),
        "site": _facet(s, f"SELECT a.site AS value, COUNT(DISTINCT {key}) AS n {base} GROUP BY a.site", params),
        "month": _facet(s, f"SELECT substr(a.published, 1, 7) AS value, COUNT(DISTINCT {key}) AS n {base} "
                           "GROUP BY substr(a.published, 1, 7)", params, by_value=True),
        "actor": _facet(s, "SELECT am.actor_id AS value, MAX(am.name) AS label, COUNT(DISTINCT am.article_id) AS n "
                           f"FROM actor_mentions am WHERE am.article_id IN (SELECT {key} {base}) "
                           "GROUP BY am.actor_id", params),
        "type": _facet(s, "SELECT te.type AS value, COUNT(DISTINCT te.article_id) AS n FROM events te "
                          f"WHERE te.article_id IN (SELECT {key} {base}) GROUP BY te.type", params),
        "flag": _facet(s, f"SELECT a.status AS value, COUNT(*) AS n {base} GROUP BY a.status", params),
    }
    return {"total": total, "results": results, "facets": facets}


def _facet(s: Any, sql: str, params: list[Any], limit: int = 12, by_value: bool = False) -> list[Row]:
    """Facet values with counts, largest first (or by value, newest first, for months)."""
    rows = [r for r in s.rows(sql, params) if r.get("value")]
    if by_value:
        rows.sort(key=lambda r: r["value"], reverse=True)
    else:
        rows.sort(key=lambda r: (-int(r["n"]), str(r["value"])))
    return [{"value": r["value"], "label": r.get("label") or r["value"], "n": int(r["n"])} for r in rows[:limit]]


def _search_quotes(s: Any, ranked: Any, filters: dict[str, Any], page: int, per_page: int,
                   q: str) -> dict[str, Any]:
    clauses, params = _common_filters(filters, "a.id")
    if filters["actor"]:
        clauses.append(f"x.speaker_actor_id IN ({_in(filters['actor'])})")
        params += filters["actor"]
    base = f"FROM {s.source('quotes', 'x')} JOIN articles a ON a.id = x.article_id{_where(clauses)}"
    order = "m.score, x.seq" if q.strip() else "COALESCE(a.published, '') DESC, x.seq DESC"
    rows = ranked.rows("SELECT x.article_id, x.n, x.text, x.kind, x.speaker, x.speaker_actor_id, "
                  "(SELECT sm.name FROM actor_mentions sm WHERE sm.actor_id = x.speaker_actor_id LIMIT 1) "
                  "AS speaker_name, a.title AS article_title, a.published AS article_published, a.language, a.site "
                  f"{base} ORDER BY {order} LIMIT ? OFFSET ?", [*params, per_page, (page - 1) * per_page])
    for r in rows:
        r["snippet"] = snippet(r["text"], q, width=400)
    total = int(s.scalar(f"SELECT COUNT(*) {base}", params) or 0)
    facets = {
        "language": _facet(s, f"SELECT a.language AS value, COUNT(*) AS n {base} GROUP BY a.language", params),
        "month": _facet(s, f"SELECT substr(a.published, 1, 7) AS value, COUNT(*) AS n {base} "
                           "GROUP BY substr(a.published, 1, 7)", params, by_value=True),
        "actor": _facet(s, "SELECT x.speaker_actor_id AS value, "
                           "(SELECT sm.name FROM actor_mentions sm WHERE sm.actor_id = x.speaker_actor_id LIMIT 1) "
                           f"AS label, COUNT(*) AS n {base} GROUP BY x.speaker_actor_id", params),
        "kind": _facet(s, f"SELECT x.kind AS value, COUNT(*) AS n {base} GROUP BY x.kind", params),
    }
    return {"total": total, "results": rows, "facets": facets}


_PEOPLE = " JOIN event_participants p ON p.article_id = e.article_id AND p.event_n = e.n"


def _search_events(s: Any, ranked: Any, filters: dict[str, Any], page: int, per_page: int,
                   q: str) -> dict[str, Any]:
    clauses, params = _common_filters({**filters, "flag": [f for f in filters["flag"] if f not in EVENT_FLAGS]},
                                      "a.id")
    for f in filters["flag"]:
        if f in EVENT_FLAGS:
            clauses.append("e.flags LIKE ?")
            params.append(f'%"{f}"%')
    if filters["type"]:
        clauses.append(f"e.type IN ({_in(filters['type'])})")
        params += filters["type"]
    for actor_id in filters["actor"]:
        clauses.append("EXISTS (SELECT 1 FROM event_participants p WHERE p.article_id = e.article_id "
                       "AND p.event_n = e.n AND (p.actor_id = ? OR p.country = ?))")
        params += [actor_id, actor_id]
    base = f"FROM {s.source('events', 'e')} JOIN articles a ON a.id = e.article_id{_where(clauses)}"
    order = "m.score, e.seq" if q.strip() else "COALESCE(a.published, '') DESC, e.seq DESC"
    rows = ranked.rows(f"{_EVENT_SELECT.split(' FROM ')[0]}, a.language, a.site {base} ORDER BY {order} LIMIT ? OFFSET ?",
                  [*params, per_page, (page - 1) * per_page])
    _participants(s.s, rows)
    for r in rows:
        r["snippet"] = snippet(r["evidence_text"], q, width=400)
    total = int(s.scalar(f"SELECT COUNT(*) {base}", params) or 0)
    facets = {
        "type": _facet(s, f"SELECT e.type AS value, COUNT(*) AS n {base} GROUP BY e.type", params),
        "language": _facet(s, f"SELECT a.language AS value, COUNT(*) AS n {base} GROUP BY a.language", params),
        "month": _facet(s, f"SELECT substr(a.published, 1, 7) AS value, COUNT(*) AS n {base} "
                           "GROUP BY substr(a.published, 1, 7)", params, by_value=True),
        "actor": _facet(s, "SELECT p.actor_id AS value, MAX(p.name) AS label, COUNT(DISTINCT e.seq) AS n "
                           f"{base.replace(' JOIN articles a', _PEOPLE + ' JOIN articles a', 1)} "
                           f"{'AND' if clauses else 'WHERE'} p.actor_id IS NOT NULL GROUP BY p.actor_id", params),
        "flag": _flag_facet(s.rows(f"SELECT e.flags AS value, COUNT(*) AS n {base} GROUP BY e.flags", params)),
    }
    return {"total": total, "results": rows, "facets": facets}


def _flag_facet(rows: list[Row]) -> list[Row]:
    """Event flags counted from the distinct JSON flag lists."""
    counts: Counter = Counter()
    for r in rows:
        for f in _loads(r["value"], []):
            counts[f] += int(r["n"])
    return [{"value": f, "label": f, "n": n} for f, n in counts.most_common()]


# -- article -------------------------------------------------------------------------------------

def article(s: Store, article_id: str) -> dict[str, Any] | None:
    """One article: metadata, clean text of each field, every span to highlight (actors,
    entities, quotes, each event's evidence, relations), removals with their reasons,
    quality flags, its duplicates or its original. None when no such article is stored."""
    row = s.one("SELECT id, external_id, source, url, title, standfirst, section, author, site, published, language, "
                "status, flags, duplicate_of, similarity, differences, story_id, ingested_at, article_json "
                "FROM articles WHERE id = ?", (article_id,))
    if row is None:
        return None
    cols = ("id", "external_id", "source", "url", "title", "standfirst", "section", "author", "site", "published",
            "language", "status", "flags", "duplicate_of", "similarity", "differences", "story_id", "ingested_at",
            "article_json")
    r = dict(zip(cols, row))
    out = article_view(_loads(r["article_json"], {}))
    out.update({k: r[k] for k in cols if k != "article_json"})
    out["url"] = safe_url(r["url"])
    out["source_text"] = r["url"] or r["source"]
    out["flags"] = _loads(r["flags"], [])
    out["differences"] = _loads(r["differences"], None)
    out["original"] = None
    if r["duplicate_of"]:
        orig = s.one("SELECT id, title, published, site FROM articles WHERE id = ?", (r["duplicate_of"],))
        out["original"] = dict(zip(("id", "title", "published", "site"), orig)) if orig else None
    out["copies"] = s.rows("SELECT id, title, published, site, status, similarity FROM articles "
                           "WHERE duplicate_of = ? ORDER BY seq", (article_id,))
    out["words"] = _article_words(out)
    return out


def article_view(data: dict) -> dict[str, Any]:
    """What the article page shows of an article's JSON (stored, or analysed on the fly):
    metadata, the text of each field, every span to highlight, removals, quality flags."""
    blocks = data.get("blocks") or []
    text = "\n\n".join(b.get("text", "") for b in blocks)
    out: dict[str, Any] = {k: data.get(k) for k in ("id", "title", "standfirst", "author", "site", "published",
                                                    "language")}
    out["section"] = " › ".join(data.get("section") or []) or None
    out["url"] = safe_url(data.get("url"))
    out["source_text"] = data.get("url") or data.get("source")
    out["status"], out["flags"], out["duplicate_of"], out["story_id"] = "analysed", [], None, None
    out["quality_flags"] = list((data.get("quality") or {}).get("flags") or [])
    out["quality"] = data.get("quality")
    out["fields"] = {"title": data.get("title") or "", "standfirst": data.get("standfirst") or "", "body": text}
    out["blocks"] = [{k: b.get(k) for k in ("kind", "start", "end", "speaker")} for b in blocks]
    out["removed"] = data.get("removed") or []
    out["actors"] = [{k: a.get(k) for k in ("id", "name", "type", "country", "sector", "role")}
                     | {"mentions": len(a.get("mentions") or [])} for a in data.get("actors") or []]
    out["quotes"] = data.get("quotes") or []
    out["events"] = data.get("events") or []
    out["relations"] = data.get("relations") or []
    out["spans"] = spans_of(data)
    out["original"], out["copies"] = None, []
    out["removed_words"] = removed_words(data.get("format"), out["removed"])
    out["words"] = _article_words(out)
    return out


def removed_words(fmt: str | None, removed: list[dict]) -> list[dict]:
    """Removals as the text report tells them (``words.removals``): where, why in words, the
    raw kind and reason, the text; runs of copies of one repeated block as one entry."""
    fields: list[dict[str, Any]] = [{"kind": r.get("kind"), "text": r.get("text") or "", "reason": r.get("reason") or "",
                                     "position": int(r.get("position") or 0)} for r in removed]
    items = [Removal.model_construct(**f) for f in fields]  # as stored: not validated again
    return [line.as_dict() for line in words.removals(fmt, items)]


def _article_words(out: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The words of the article page's flags and event types (``words.glossary``)."""
    return words.glossary([*out["flags"], *out["quality_flags"]], [e.get("type") for e in out["events"]])


def _evidences(item: dict) -> list[dict]:
    """An item's evidence spans: ``evidence`` and, where the model gives several, ``evidences``."""
    found = [e for e in [item.get("evidence"), *(item.get("evidences") or [])] if isinstance(e, dict)]
    seen: set[tuple] = set()
    out = []
    for e in found:
        key = (e.get("field"), e.get("start"), e.get("end"))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


ACTOR_KINDS = {"person": "person", "country": "country", "place": "place", "organisation": "organisation",
               "igo": "organisation", "group": "organisation"}
"""Highlight kind of each actor type."""
HIGHLIGHT_KINDS = ("person", "country", "organisation", "place", "entity", "quote", "event", "relation")
"""Kinds of highlighted spans, each with its own colour and legend entry."""


def spans_of(data: dict) -> list[dict]:
    """Every span to highlight in an article's JSON: ``{field, start, end, kind, ref, label, href?}``.

    Actor mentions link to the actor's page; entities not linked to an actor are kind
    ``entity``; quotes, each event's evidence(s) and relations' evidence have anchors
    (``quote-N``, ``ev-<event id>``, ``rel-N``) that the tables link to."""
    spans: list[dict] = []
    linked: set[tuple] = set()
    for a in data.get("actors") or []:
        for m in a.get("mentions") or []:
            key = (m.get("field"), m.get("start"), m.get("end"))
            linked.add(key)
            spans.append({"field": m.get("field", "body"), "start": m.get("start"), "end": m.get("end"),
                          "kind": ACTOR_KINDS.get(a.get("type"), "organisation"), "ref": f"actor-{a.get('id')}",
                          "actor_id": a.get("id"), "label": a.get("name"), "text": m.get("text")})
    for e in data.get("entities") or []:
        sp = e.get("span") or {}
        if (sp.get("field"), sp.get("start"), sp.get("end")) in linked:
            continue
        spans.append({"field": sp.get("field", "body"), "start": sp.get("start"), "end": sp.get("end"),
                      "kind": "entity", "ref": f"entity-{e.get('label')}", "label": e.get("label"),
                      "actor_id": e.get("actor_id"), "text": sp.get("text")})
    for i, q in enumerate(data.get("quotes") or []):
        sp = q.get("span") or {}
        spans.append({"field": sp.get("field", "body"), "start": sp.get("start"), "end": sp.get("end"),
                      "kind": "quote", "ref": f"quote-{i}", "label": q.get("speaker") or "unattributed",
                      "actor_id": q.get("speaker_actor_id"), "text": sp.get("text")})
    for e in data.get("events") or []:
        for ev in _evidences(e):
            spans.append({"field": ev.get("field", "body"), "start": ev.get("start"), "end": ev.get("end"),
                          "kind": "event", "ref": f"ev-{e.get('id')}", "label": e.get("type"), "text": ev.get("text")})
    for i, r in enumerate(data.get("relations") or []):
        for ev in _evidences(r):
            spans.append({"field": ev.get("field", "body"), "start": ev.get("start"), "end": ev.get("end"),
                          "kind": "relation", "ref": f"rel-{i}", "label": r.get("type"), "text": ev.get("text")})
    return [sp for sp in spans if isinstance(sp["start"], int) and isinstance(sp["end"], int)
            and sp["end"] > sp["start"]]


# -- events merged across articles ---------------------------------------------------------------

_CACHE_LOCK = threading.Lock()
_MERGED: dict[tuple[str, tuple[int, int]], list[Row]] = {}


def merged(s: Store) -> list[Row]:
    """Every event merged across the store's articles (:func:`veille.serve.merged.merged_events`),
    computed once per store version and kept in memory (pages filter this list)."""
    from veille.serve.merged import merged_events

    key = (s.target, version(s))
    with _CACHE_LOCK:
        hit = _MERGED.get(key)
    if hit is not None:
        return hit
    rows = merged_events(s)
    meta = {}
    ids = sorted({m["article_id"] for r in rows for m in r["mentions"]})
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        for a in s.rows(f"SELECT id, title, published, site, url, language FROM articles WHERE id IN ({_in(chunk)})",
                        chunk):
            meta[a["id"]] = a
    for r in rows:
        for m in r["mentions"]:
            a = meta.get(m["article_id"], {})
            m["article_title"], m["article_published"] = a.get("title"), a.get("published")
            m["site"], m["language"] = a.get("site"), a.get("language")
        r["articles"] = len({m["article_id"] for m in r["mentions"]})
        r["outlets"] = len({meta.get(m["article_id"], {}).get("site") or m["article_id"] for m in r["mentions"]})
        r["first_published"] = min((m["article_published"] for m in r["mentions"] if m["article_published"]),
                                   default=None)
    with _CACHE_LOCK:
        for k in [k for k in _MERGED if k[0] == s.target]:
            del _MERGED[k]
        _MERGED[key] = rows
    return rows


EVENT_SORTS = ("articles", "date", "confidence", "published")


def _who_matches(people: list[dict], wanted: str) -> bool:
    w = _fold(wanted)
    for p in people:
        if wanted in (p.get("actor_id"), p.get("country")):
            return True
        if len(w) >= 3 and any(w in _fold(x) for x in (p.get("name") or "", p.get("text") or "")):
            return True
    return False


def event_filter(rows: list[Row], type: Iterable[str] | None = None, actor: Iterable[str] | None = None,
                 recipient: Iterable[str] | None = None, place: str | None = None, since: str | None = None,
                 until: str | None = None, flag: Iterable[str] | None = None, min_articles: int = 1,
                 q: str | None = None, story: str | None = None) -> list[Row]:
    """Merged events passing the filters (``actor`` matches either side; dates are the
    event's date, else the first report's)."""
    types = {t.upper() for t in many(type)}
    actors, recipients, flags = many(actor), many(recipient), set(many(flag))
    since, until = clean_date("since", since), clean_date("until", until)
    words = [_fold(w) for w in fts.words(q or "")]
    out = []
    for r in rows:
        if types and r["type"] not in types:
            continue
        if r["articles"] < min_articles or (story and r.get("story_id") != story):
            continue
        if any(not (_who_matches(r["actors"], a) or _who_matches(r["recipients"], a)) for a in actors):
            continue
        if any(not _who_matches(r["recipients"], a) for a in recipients):
            continue
        loc = r.get("location") or {}
        if place and place not in (loc.get("country"), str(loc.get("geonames_id"))) \
                and _fold(place) != _fold(loc.get("name") or ""):
            continue
        if flags and not flags <= set(r.get("flags") or []):
            continue
        when = (r.get("date") or {}).get("value") or r.get("first_published") or ""
        if since and (not when or when[:len(since)] < since[:len(when)]):
            continue
        if until and (not when or when[:len(until)] > until[:len(when)]):
            continue
        if words:
            hay = _fold(" ".join(m["evidence"].get("text", "") for m in r["mentions"]))
            if not all(w in hay for w in words):
                continue
        out.append(r)
    return out


def events(s: Store, sort: str = "articles", page: int = 1, per_page: int = 50, **filters: Any) -> dict[str, Any]:
    """One page of events merged across articles, filtered and sorted, with type counts."""
    if sort not in EVENT_SORTS:
        raise BadParameter("sort", sort, f"sort by one of {', '.join(EVENT_SORTS)}")
    page = clean_page(page)
    rows = event_filter(merged(s), **filters)
    key = {"articles": lambda r: (-r["articles"], -r["confidence"], r["id"]),
           "date": lambda r: ((r.get("date") or {}).get("value") or r.get("first_published") or "", r["id"]),
           "confidence": lambda r: (-r["confidence"], r["id"]),
           "published": lambda r: (r.get("first_published") or "", r["id"])}[sort]
    rows = sorted(rows, key=key, reverse=sort in ("date", "published"))
    types = Counter(r["type"] for r in rows)
    return {"filters": {k: v for k, v in filters.items() if v}, "sort": sort, "page": page, "per_page": per_page,
            "total": len(rows), "types": [{"value": t, "n": n} for t, n in types.most_common()],
            "events": rows[(page - 1) * per_page: page * per_page], "words": words.glossary(types=types)}


def export_rows(s: Store, **filters: Any) -> list[Row]:
    """Every merged event passing the filters (for CSV, JSONL and GeoJSON export)."""
    return sorted(event_filter(merged(s), **filters), key=lambda r: (-r["articles"], -r["confidence"], r["id"]))


def flat_event(r: Row) -> Row:
    """A merged event as one flat row (CSV columns)."""
    loc = r.get("location") or {}
    date_ = r.get("date") or {}

    def names(people: list[dict]) -> str:
        return "; ".join(p.get("name") or p.get("text") or "" for p in people)

    return {"id": r["id"], "type": r["type"], "mode": r.get("mode"), "cameo": r.get("cameo"),
            "date": date_.get("value"), "date_precision": date_.get("precision"), "actors": names(r["actors"]),
            "actor_ids": "; ".join(p.get("actor_id") or "" for p in r["actors"]),
            "recipients": names(r["recipients"]),
            "recipient_ids": "; ".join(p.get("actor_id") or "" for p in r["recipients"]),
            "place": loc.get("name"), "country": loc.get("country"), "latitude": loc.get("latitude"),
            "longitude": loc.get("longitude"), "flags": ",".join(r.get("flags") or []), "articles": r["articles"],
            "mentions": len(r["mentions"]), "confidence": r["confidence"], "story_id": r.get("story_id"),
            "first_published": r.get("first_published"),
            "article_ids": "; ".join(dict.fromkeys(m["article_id"] for m in r["mentions"]))}


# -- actor ---------------------------------------------------------------------------------------

CONFLICT = {"ACCUSE", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "REJECT", "REQUEST"}
"""PLOVER types drawn as conflict (red) in networks; others are cooperation (green)."""


def actor(s: Store, actor_id: str, month: str | None = None, limit: int = 50) -> dict[str, Any] | None:
    """An actor: names and aliases, country, sector, roles with dates, events as actor and as
    recipient by month, quotes by them, relations and event links to other actors by month.
    None when the store knows no such actor."""
    month = clean_month(month)
    info = s.rows("SELECT actor_id, name, type, country, sector FROM actor_mentions WHERE actor_id = ? LIMIT 1",
                  (actor_id,))
    people = [] if info else s.rows("SELECT actor_id, name, NULL AS type, country, sector FROM event_participants "
                                    "WHERE actor_id = ? LIMIT 1", (actor_id,))
    if not info and not people:
        return None
    out: dict[str, Any] = dict((info or people)[0])
    out["aliases"] = [{"text": r["text"], "n": int(r["n"])} for r in s.rows(
        "SELECT text, COUNT(*) AS n FROM actor_mentions WHERE actor_id = ? AND text IS NOT NULL "
        "GROUP BY text ORDER BY COUNT(*) DESC, text LIMIT 30", (actor_id,))]
    out["roles"] = s.rows(
        "SELECT m.role, MIN(a.published) AS first, MAX(a.published) AS last, COUNT(DISTINCT m.article_id) AS articles "
        "FROM actor_mentions m JOIN articles a ON a.id = m.article_id WHERE m.actor_id = ? AND m.role IS NOT NULL "
        "GROUP BY m.role ORDER BY MIN(a.published)", (actor_id,))
    out["articles"] = int(s.scalar("SELECT COUNT(DISTINCT article_id) FROM actor_mentions WHERE actor_id = ?",
                                   (actor_id,)) or 0)
    out["mentions"] = int(s.scalar("SELECT COUNT(text) FROM actor_mentions WHERE actor_id = ?", (actor_id,)) or 0)
    # events as actor and as recipient, by month
    by_month: dict[str, Counter] = defaultdict(Counter)
    for r in s.rows("SELECT p.role, substr(COALESCE(e.date_value, " + _ADAY + "), 1, 7) AS month, COUNT(*) AS n "
                    "FROM event_participants p JOIN events e ON e.article_id = p.article_id AND e.n = p.event_n "
                    "JOIN articles a ON a.id = e.article_id WHERE p.actor_id = ? "
                    "GROUP BY p.role, substr(COALESCE(e.date_value, " + _ADAY + "), 1, 7)", (actor_id,)):
        if r["month"]:
            by_month[r["month"]][r["role"]] += int(r["n"])
    out["timeline"] = [{"month": m, "actor": by_month[m]["actor"], "recipient": by_month[m]["recipient"]}
                       for m in sorted(by_month)]
    where = "WHERE e.seq IN (SELECT e2.seq FROM events e2 JOIN event_participants p ON p.article_id = e2.article_id " \
            "AND p.event_n = e2.n WHERE p.actor_id = ?)"
    params: list[Any] = [actor_id]
    if month:
        where += " AND substr(COALESCE(e.date_value, " + _ADAY + "), 1, 7) = ?"
        params.append(month)
    evs = _event_rows(s, "ORDER BY COALESCE(e.date_value, " + _ADAY + ") DESC, e.seq", where, params, limit=limit)
    for e in evs:
        e["role"] = "actor" if any(p.get("actor_id") == actor_id for p in e["actors"]) else "recipient"
    out["events"] = [_event_brief(e) | {"role": e["role"]} for e in evs]
    out["quotes"] = s.rows(
        "SELECT x.article_id, x.n, x.text, x.kind, x.speaker, x.cue, a.title AS article_title, "
        "a.published AS article_published FROM quotes x JOIN articles a ON a.id = x.article_id "
        "WHERE x.speaker_actor_id = ? ORDER BY a.published DESC, x.seq LIMIT ?", (actor_id, limit))
    out["month"] = month
    out["network"] = _network(s, actor_id, month)
    out["months"] = sorted({e["month"] for e in out["network"]["all_edges"]}, reverse=True)
    del out["network"]["all_edges"]
    out["words"] = words.glossary(types=[e["type"] for e in out["events"]])
    return out


def _network(s: Store, actor_id: str, month: str | None) -> dict[str, Any]:
    """The actor's links to others: lasting relations and events (who met, allied with,
    accused whom), each edge with its type, direction, month and count."""
    edges: Counter = Counter()
    names: dict[str, str] = {}
    for r in s.rows(
            "SELECT r.type, r.subject_actor_id AS a, r.object_actor_id AS b, r.subject_text, r.object_text, "
            "substr(" + DAY.format(t="x.") + ", 1, 7) AS month FROM relations r JOIN articles x ON x.id = r.article_id "
            "WHERE (r.subject_actor_id = ? OR r.object_actor_id = ?)", (actor_id, actor_id)):
        other, out_ = (r["b"], True) if r["a"] == actor_id else (r["a"], False)
        if not other or other == actor_id:
            continue
        names.setdefault(other, r["object_text"] if out_ else r["subject_text"])
        edges[(other, r["type"], "relation", out_, r["month"] or "")] += 1
    for r in s.rows(
            "SELECT e.type, p.role, q.role AS other_role, q.actor_id AS other, q.name, q.text, "
            "substr(COALESCE(e.date_value, " + _ADAY + "), 1, 7) AS month "
            "FROM event_participants p JOIN event_participants q ON q.article_id = p.article_id "
            "AND q.event_n = p.event_n AND q.role <> p.role JOIN events e ON e.article_id = p.article_id "
            "AND e.n = p.event_n JOIN articles a ON a.id = e.article_id "
            "WHERE p.actor_id = ? AND q.actor_id IS NOT NULL AND q.actor_id <> ?", (actor_id, actor_id)):
        names.setdefault(r["other"], r["name"] or r["text"])
        kind = "conflict" if r["type"] in CONFLICT else "cooperation"
        edges[(r["other"], r["type"], kind, r["role"] == "actor", r["month"] or "")] += 1
    for r in s.rows(f"SELECT actor_id, MAX(name) AS name FROM actor_mentions WHERE actor_id IN ({_in(list(names))}) "
                    "GROUP BY actor_id", list(names)) if names else []:
        if r["name"]:
            names[r["actor_id"]] = r["name"]
    all_edges = [{"other": o, "name": names.get(o) or o, "type": t, "kind": k, "outgoing": d, "month": m, "n": n}
                 for (o, t, k, d, m), n in edges.items()]
    shown = [e for e in all_edges if not month or e["month"] == month]
    merged_: dict[tuple, dict] = {}
    for e in shown:
        k = (e["other"], e["type"], e["kind"], e["outgoing"])
        if k in merged_:
            merged_[k]["n"] += e["n"]
            merged_[k]["months"].append(e["month"])
        else:
            merged_[k] = {**{x: e[x] for x in ("other", "name", "type", "kind", "outgoing", "n")},
                          "months": [e["month"]]}
    links = sorted(merged_.values(), key=lambda e: (-e["n"], e["name"], e["type"]))[:40]
    for e in links:
        e["months"] = sorted(set(e["months"]))
    return {"edges": links, "all_edges": all_edges}


# -- story ---------------------------------------------------------------------------------------

def story(s: Store, story_id: str) -> dict[str, Any] | None:
    """A story: its articles across outlets and languages, its events merged across those
    articles and its quotes, each placed on a timeline by date. None when unknown."""
    arts = s.rows("SELECT id, title, published, language, site, url, status, duplicate_of FROM articles "
                  "WHERE story_id = ? ORDER BY published, seq", (story_id,))
    if not arts:
        return None
    for a in arts:
        a["url"] = safe_url(a.get("url"))
        a["outlet"] = outlet(a)
    ids = [a["id"] for a in arts]
    evs = [r for r in merged(s) if r.get("story_id") == story_id or
           (not r.get("story_id") and {m["article_id"] for m in r["mentions"]} <= set(ids))]
    quotes = s.rows("SELECT x.article_id, x.n, x.text, x.kind, x.speaker, x.speaker_actor_id, "
                    "a.title AS article_title, a.published AS article_published FROM quotes x "
                    f"JOIN articles a ON a.id = x.article_id WHERE x.article_id IN ({_in(ids)}) "
                    "ORDER BY a.published, x.seq", ids)
    timeline = [{"date": a["published"], "kind": "article", "label": a["title"] or a["id"],
                 "href": f"/article/{a['id']}"} for a in arts if a.get("published")]
    timeline += [{"date": (e.get("date") or {}).get("value") or e.get("first_published"), "kind": "event",
                  "label": words.plover(e["type"]), "href": f"/article/{e['mentions'][0]['article_id']}#ev-{e['mentions'][0]['event_id']}"}
                 for e in evs if (e.get("date") or {}).get("value") or e.get("first_published")]
    timeline += [{"date": q["article_published"], "kind": "quote", "label": (q["speaker"] or "?") + ": " + q["text"][:80],
                  "href": f"/article/{q['article_id']}#quote-{q['n']}"} for q in quotes if q.get("article_published")]
    return {"story_id": story_id, "title": next((a["title"] for a in arts if a["status"] == "original"), arts[0]["title"]),
            "articles": arts, "outlets": sorted({a["outlet"] for a in arts if a["outlet"]}),
            "languages": sorted({a["language"] for a in arts if a["language"]}),
            "first_published": arts[0]["published"], "last_published": max((a["published"] or "") for a in arts),
            "events": evs, "quotes": quotes, "timeline": sorted(timeline, key=lambda t: str(t["date"])),
            "words": words.glossary(types=[e["type"] for e in evs])}


# -- map -----------------------------------------------------------------------------------------

def places(s: Store, type: Iterable[str] | None = None, since: str | None = None,
           until: str | None = None) -> dict[str, Any]:
    """Event places: counts per place (city level, with coordinates) and per country."""
    since, until = clean_date("since", since), clean_date("until", until)
    clauses = ["e.latitude IS NOT NULL", "e.longitude IS NOT NULL"]
    params: list[Any] = []
    types = [t.upper() for t in many(type)]
    if types:
        clauses.append(f"e.type IN ({_in(types)})")
        params += types
    if since:
        clauses.append("a.published >= ?")
        params.append(since)
    if until:
        clauses.append("substr(a.published, 1, ?) <= ?")
        params += [len(until), until]
    where = _where(clauses)
    cities = [{**r, "events": int(r["events"]), "latitude": float(r["latitude"]), "longitude": float(r["longitude"])}
              for r in s.rows(
                  "SELECT e.location_name AS name, e.location_country AS country, AVG(e.latitude) AS latitude, "
                  "AVG(e.longitude) AS longitude, COUNT(*) AS events FROM events e JOIN articles a ON a.id = e.article_id"
                  f"{where} GROUP BY e.location_name, e.location_country ORDER BY COUNT(*) DESC", params)]
    countries: dict[str, dict] = {}
    for c in cities:
        key = c["country"] or "?"
        agg = countries.setdefault(key, {"country": c["country"], "events": 0, "lat": 0.0, "lon": 0.0, "places": 0})
        agg["events"] += c["events"]
        agg["lat"] += c["latitude"] * c["events"]
        agg["lon"] += c["longitude"] * c["events"]
        agg["places"] += 1
    country_rows = []
    for agg in countries.values():
        country_rows.append({"country": agg["country"], "events": agg["events"], "places": agg["places"],
                             "latitude": round(agg["lat"] / agg["events"], 4),
                             "longitude": round(agg["lon"] / agg["events"], 4)})
    country_rows.sort(key=lambda r: (-r["events"], str(r["country"])))
    types_ = [{"value": r["type"], "n": int(r["n"])} for r in s.rows(
        "SELECT e.type, COUNT(*) AS n FROM events e WHERE e.latitude IS NOT NULL GROUP BY e.type ORDER BY COUNT(*) DESC")]
    return {"filters": {"type": types, "since": since, "until": until}, "cities": cities, "countries": country_rows,
            "types": types_, "total": sum(c["events"] for c in cities)}


# -- alerts --------------------------------------------------------------------------------------

def alerts(s: Store, rule: str | None = None, page: int = 1, limit: int = 50) -> dict[str, Any]:
    """Alerts raised by ``veille watch``, newest first (none before a watchlist has matched)."""
    page = clean_page(page)
    where, params = ("WHERE rule = ?", [rule]) if rule else ("", [])
    rows = s.rows(f"SELECT id, rule, kind, title, summary, article_id, ref, url, created_at, delivered_at "
                  f"FROM alerts {where} ORDER BY seq DESC LIMIT ? OFFSET ?", [*params, limit, (page - 1) * limit])
    for r in rows:
        r["url"] = safe_url(r.get("url"))
    rules = [{"value": r["rule"], "n": int(r["n"])} for r in s.rows(
        "SELECT rule, COUNT(*) AS n FROM alerts GROUP BY rule ORDER BY COUNT(*) DESC")]
    total = int(s.scalar(f"SELECT COUNT(*) FROM alerts {where}", params) or 0)
    return {"rule": rule, "page": page, "total": total, "rules": rules, "alerts": rows}
