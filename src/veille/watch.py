"""``veille watch``: poll sources, ingest what is new, raise alerts from a watchlist.

A poll of a feed URL costs one conditional GET when nothing changed (the feed's
ETag/Last-Modified are kept in the store's ``fetch_cache``); when it changed, each
entry's page is fetched politely (robots.txt, per-host limits and pauses, back-off:
ingest's :class:`~veille.read.corpus_web.PoliteClient`, kept for the whole run) and
ingested as ``veille ingest`` does, one transaction per article. The feed's validators
are remembered only once all its entries are stored, so a run killed in the middle
of a poll re-reads the feed next time and loses nothing.

After each round the articles stored since the last check are matched against the
watchlist's rules; a match becomes one row of ``alerts`` whose id is a hash of the
rule and of what matched, so it is alerted once however often it is seen again (a
resumed run, a reprint in another outlet, the same event in another article of its
story). Alerts are optionally POSTed as JSON to a webhook (retried at the next round
until delivered). A stop request (SIGTERM, Ctrl-C) finishes the item in hand, records
the poll and returns; a restart resumes from the store.

Watchlist (TOML, or YAML with the same keys)::

    webhook = "https://example.org/hook"      # optional

    [[rule]]
    name = "assault in Mali"
    on = "event"                # event | quote | article | story
    type = ["ASSAULT"]          # PLOVER types (events)
    place = ["MLI"]             # country code or place name (events)
    actor = ["KAZ", "Q7747"]    # actor id, country code or name: a participant, the speaker, a mention
    keywords = ["OTSC"]         # any of these words in the evidence, quote or article

    [[rule]]
    name = "big story"
    on = "story"
    min_articles = 5
    window = "24h"
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from veille.ingest import IngestOptions, IngestStats, ingest_entries
from veille.model import Fetched
from veille.options import Options
from veille.read.corpus import CorpusOptions, Entry, Item, iter_sources
from veille.read.source import is_url
from veille.serve.errors import ServeError
from veille.store import Store
from veille.store.rows import now

RULE_KINDS = ("event", "quote", "article", "story")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def duration(text: str | float | int) -> float:
    """Seconds of ``15m``, ``30s``, ``2h``, ``1d`` or a plain number of seconds (E051 otherwise)."""
    value = str(text).strip().lower()
    try:
        seconds = float(value[:-1]) * _UNITS[value[-1]] if value and value[-1] in _UNITS else float(value)
    except ValueError:
        raise ServeError("E051", str(text), "not a number of seconds, minutes, hours or days") from None
    if not 0 < seconds <= 366 * 86400:
        raise ServeError("E051", str(text), "must be more than 0 and at most a year")
    return seconds


# -- watchlists ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """One watchlist rule: what to look for in new articles."""

    name: str
    on: str
    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    min_articles: int = 5
    window_hours: float = 24.0
    min_confidence: float = 0.0
    negated: bool = False
    """Events: also match negated events ("did not attack")."""


@dataclass(frozen=True)
class Watchlist:
    """The rules, and where to POST alerts."""

    rules: tuple[Rule, ...] = ()
    webhook: str | None = None


_RULE_KEYS = {"name", "on", "type", "types", "actor", "actors", "speaker", "recipient", "recipients", "place",
              "places", "keywords", "keyword", "min_articles", "window", "min_confidence", "negated"}


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ServeError("E052", where, f"{key} must be a string or a list of strings")
    return tuple(v.strip() for v in values)


def parse_watchlist(data: Any, where: str = "watchlist") -> Watchlist:
    """A :class:`Watchlist` from the parsed TOML/YAML (E052 on anything unexpected)."""
    if not isinstance(data, dict):
        raise ServeError("E052", where, "the top level must be a table with [[rule]] entries")
    unknown = set(data) - {"rule", "rules", "webhook"}
    if unknown:
        raise ServeError("E052", where, f"unknown key {sorted(unknown)[0]!r}")
    raw = data.get("rule", data.get("rules", []))
    if not isinstance(raw, list) or not raw:
        raise ServeError("E052", where, "no rules: add at least one [[rule]]")
    rules, names = [], set()
    for i, r in enumerate(raw, 1):
        at = f"rule {i}"
        if not isinstance(r, dict):
            raise ServeError("E052", where, f"{at} is not a table")
        if True in r and "on" not in r:  # YAML 1.1 reads the key `on:` as the boolean true
            r = {("on" if k is True else k): v for k, v in r.items()}
        bad = set(r) - _RULE_KEYS
        if bad:
            raise ServeError("E052", where, f"{at}: unknown key {sorted(bad)[0]!r}")
        name = r.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ServeError("E052", where, f"{at} has no name")
        if name in names:
            raise ServeError("E052", where, f"two rules are named {name!r}")
        names.add(name)
        on = r.get("on", "event")
        if on not in RULE_KINDS:
            raise ServeError("E052", where, f"{name}: on = {on!r}, expected one of {', '.join(RULE_KINDS)}")
        try:
            min_articles = int(r.get("min_articles", 5))
            min_conf = float(r.get("min_confidence", 0.0))
        except (TypeError, ValueError):
            raise ServeError("E052", where, f"{name}: min_articles and min_confidence must be numbers") from None
        window = duration(r.get("window", "24h")) / 3600
        rule = Rule(
            name=name.strip(), on=on,
            types=tuple(t.upper() for t in _strings(r.get("type", r.get("types")), "type", where)),
            actors=_strings(r.get("actor", r.get("actors", r.get("speaker"))), "actor", where),
            recipients=_strings(r.get("recipient", r.get("recipients")), "recipient", where),
            places=_strings(r.get("place", r.get("places")), "place", where),
            keywords=_strings(r.get("keywords", r.get("keyword")), "keywords", where),
            min_articles=max(1, min_articles), window_hours=window, min_confidence=min_conf,
            negated=bool(r.get("negated", False)))
        if on in ("event", "quote", "article") and not (rule.types or rule.actors or rule.recipients or rule.places
                                                         or rule.keywords):
            raise ServeError("E052", where, f"{name}: give at least one of type, actor, recipient, place, keywords")
        rules.append(rule)
    webhook = data.get("webhook")
    if webhook is not None:
        webhook = check_webhook(webhook)
    return Watchlist(tuple(rules), webhook)


def check_webhook(url: Any) -> str:
    """An http(s) URL for alerts (E054 otherwise)."""
    from urllib.parse import urlsplit

    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise ServeError("E054", str(url), "not an http(s) URL")
    return url


def load_watchlist(path: str | Path) -> Watchlist:
    """Read a watchlist file: TOML (``.toml``) or YAML (``.yaml``/``.yml``)."""
    p = Path(path)
    if not p.is_file():
        raise ServeError("E053", str(path))
    text = p.read_text(encoding="utf-8", errors="replace")
    try:
        if p.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise ServeError("E052", str(path), str(exc).splitlines()[0][:200]) from None
    except Exception as exc:  # noqa: BLE001 - yaml.YAMLError without importing yaml up front
        raise ServeError("E052", str(path), f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}") from None
    return parse_watchlist(data, str(path))


# -- matching ------------------------------------------------------------------------------------

def _fold(text: str | None) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", (text or "").lower()) if not unicodedata.combining(c))


def _has_word(text: str | None, keywords: Iterable[str]) -> str | None:
    """The first keyword found in ``text`` as a whole word or phrase (case and accents folded)."""
    import re

    hay = _fold(text)
    for k in keywords:
        if re.search(r"(?<!\w)" + re.escape(_fold(k)) + r"(?!\w)", hay):
            return k
    return None


def _who(people: list[dict], wanted: str) -> bool:
    w = _fold(wanted)
    for p in people:
        if wanted in (p.get("actor_id"), p.get("country")):
            return True
        if len(w) >= 3 and any(w in _fold(x) for x in (p.get("name"), p.get("text")) if x):
            return True
    return False


def _key(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:24]


def _in(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


def match_events(store: Store, rule: Rule, after: int, upto: int) -> Iterator[dict]:
    """Alerts of an ``on = "event"`` rule among the events of articles ``after < seq <= upto``."""
    rows = store.rows(
        "SELECT e.article_id, e.n, e.event_id, e.type, e.location_name, e.location_country, e.geonames_id, e.date_value, "
        "e.flags, e.evidence_text, e.confidence, a.title, a.url, a.story_id, a.published FROM events e "
        "JOIN articles a ON a.id = e.article_id WHERE a.seq > ? AND a.seq <= ? ORDER BY a.seq, e.n", (after, upto))
    if rule.types:
        rows = [r for r in rows if r["type"] in rule.types]
    if not rows:
        return
    ids = sorted({r["article_id"] for r in rows})
    people: dict[tuple[str, int], dict[str, list[dict]]] = {}
    for p in store.rows("SELECT article_id, event_n, role, text, actor_id, name, country FROM event_participants "
                        f"WHERE article_id IN ({_in(ids)}) ORDER BY n", ids):
        people.setdefault((p["article_id"], p["event_n"]), {"actor": [], "recipient": []})[p["role"]].append(p)
    for r in rows:
        flags = json.loads(r["flags"] or "[]")
        if "negated" in flags and not rule.negated:
            continue
        if (r["confidence"] or 0) < rule.min_confidence:
            continue
        sides = people.get((r["article_id"], r["n"]), {"actor": [], "recipient": []})
        everyone = sides["actor"] + sides["recipient"]
        if rule.actors and not any(_who(everyone, a) for a in rule.actors):
            continue
        if rule.recipients and not any(_who(sides["recipient"], a) for a in rule.recipients):
            continue
        if rule.places and not any(p in (r["location_country"], str(r["geonames_id"])) or
                                   _fold(p) == _fold(r["location_name"]) for p in rule.places):
            continue
        if rule.keywords and not _has_word(r["evidence_text"], rule.keywords):
            continue
        who = ", ".join(p.get("name") or p["text"] for p in sides["actor"]) or "?"
        whom = ", ".join(p.get("name") or p["text"] for p in sides["recipient"])
        ids_ = sorted({p.get("actor_id") or _fold(p["text"]) for p in everyone})
        place = r["location_country"] or _fold(r["location_name"])
        # one alert per event: the same type, participants and place in one story is the same event
        ident = (r["story_id"], r["type"], ids_, place, r["date_value"]) if r["story_id"] else (r["article_id"], r["n"])
        yield {"id": _key(rule.name, "event", ident), "rule": rule.name, "kind": "event", "ref": r["event_id"],
               "article_id": r["article_id"], "url": r["url"],
               "title": f"{r['type']}: {who}{' → ' + whom if whom else ''}"
                        f"{' in ' + r['location_name'] if r['location_name'] else ''}",
               "summary": r["evidence_text"], "payload": {"event": {k: r[k] for k in (
                   "event_id", "type", "location_name", "location_country", "date_value", "confidence")},
                   "flags": flags, "article_title": r["title"], "published": r["published"]}}


def match_quotes(store: Store, rule: Rule, after: int, upto: int) -> Iterator[dict]:
    """Alerts of an ``on = "quote"`` rule among the quotes of articles ``after < seq <= upto``."""
    rows = store.rows(
        "SELECT x.article_id, x.n, x.text, x.kind, x.speaker, x.speaker_actor_id, "
        "(SELECT m.name FROM actor_mentions m WHERE m.actor_id = x.speaker_actor_id LIMIT 1) AS speaker_name, "
        "(SELECT m.country FROM actor_mentions m WHERE m.actor_id = x.speaker_actor_id LIMIT 1) AS speaker_country, "
        "a.title, a.url, a.published FROM quotes x JOIN articles a ON a.id = x.article_id "
        "WHERE a.seq > ? AND a.seq <= ? ORDER BY a.seq, x.n", (after, upto))
    for r in rows:
        speaker = [{"actor_id": r["speaker_actor_id"], "name": r["speaker_name"], "text": r["speaker"] or "",
                    "country": r["speaker_country"]}]
        if rule.actors and not any(_who(speaker, a) for a in rule.actors):
            continue
        if rule.keywords and not _has_word(r["text"], rule.keywords):
            continue
        who = r["speaker_name"] or r["speaker"] or "unattributed"
        yield {"id": _key(rule.name, "quote", r["article_id"], r["n"]), "rule": rule.name, "kind": "quote",
               "ref": str(r["n"]), "article_id": r["article_id"], "url": r["url"],
               "title": f"{who}: « {r['text'][:120]}{'…' if len(r['text']) > 120 else ''} »", "summary": r["text"],
               "payload": {"quote": {k: r[k] for k in ("text", "kind", "speaker", "speaker_actor_id")},
                           "article_title": r["title"], "published": r["published"]}}


def match_articles(store: Store, rule: Rule, after: int, upto: int) -> Iterator[dict]:
    """Alerts of an ``on = "article"`` rule among articles ``after < seq <= upto`` (originals only:
    a reprint is not news again)."""
    rows = store.rows("SELECT id, title, standfirst, text, url, published FROM articles "
                      "WHERE seq > ? AND seq <= ? AND status = 'original' ORDER BY seq", (after, upto))
    for r in rows:
        if rule.keywords:
            found = _has_word(" ".join(filter(None, (r["title"], r["standfirst"], r["text"]))), rule.keywords)
            if not found:
                continue
        if rule.actors:
            mentioned = store.rows("SELECT DISTINCT actor_id AS actor_id, name, country, text FROM actor_mentions "
                                   "WHERE article_id = ?", (r["id"],))
            if not any(_who(mentioned, a) for a in rule.actors):
                continue
        yield {"id": _key(rule.name, "article", r["id"]), "rule": rule.name, "kind": "article", "ref": r["id"],
               "article_id": r["id"], "url": r["url"], "title": r["title"] or r["id"],
               "summary": (r["standfirst"] or r["text"] or "")[:400], "payload": {"published": r["published"]}}


def match_stories(store: Store, rule: Rule, after: int, upto: int) -> Iterator[dict]:
    """Alerts of an ``on = "story"`` rule: stories touched by articles ``after < seq <= upto`` that
    hold at least ``min_articles`` articles within ``window`` of their newest (days of publication,
    else of storing: 24 h is one day)."""
    touched = [r["story_id"] for r in store.rows(
        "SELECT DISTINCT story_id FROM articles WHERE seq > ? AND seq <= ? AND story_id IS NOT NULL", (after, upto))]
    days = max(1, round(rule.window_hours / 24))
    for sid in touched:
        arts = store.rows("SELECT id, title, url, COALESCE(NULLIF(substr(published, 1, 10), ''), "
                          "substr(ingested_at, 1, 10)) AS day, status FROM articles WHERE story_id = ? "
                          "AND seq <= ? ORDER BY seq", (sid, upto))
        dated = [a for a in arts if a["day"]]
        if not dated:
            continue
        newest = max(date.fromisoformat(a["day"]) for a in dated)
        recent = [a for a in dated if date.fromisoformat(a["day"]) > newest - timedelta(days=days)]
        if len(recent) < rule.min_articles:
            continue
        first = next((a for a in arts if a["status"] == "original"), arts[0])
        yield {"id": _key(rule.name, "story", sid), "rule": rule.name, "kind": "story", "ref": sid,
               "article_id": first["id"], "url": first["url"],
               "title": f"{first['title'] or sid}: {len(recent)} articles in {rule.window_hours:g} h",
               "summary": "; ".join(a["title"] or a["id"] for a in recent[:10]),
               "payload": {"story_id": sid, "articles": len(recent), "article_ids": [a["id"] for a in recent]}}


_MATCHERS: dict[str, Callable[[Store, Rule, int, int], Iterator[dict]]] = {
    "event": match_events, "quote": match_quotes, "article": match_articles, "story": match_stories}


def state(store: Store, key: str) -> str | None:
    """A value of ``watch_state``."""
    return store.scalar("SELECT value FROM watch_state WHERE key = ?", (key,))


def _set_state(key: str, value: str) -> tuple[str, list[Any]]:
    return ("INSERT INTO watch_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
            "value = excluded.value, updated_at = excluded.updated_at", [key, value, now()])


def check_alerts(store: Store, watchlist: Watchlist) -> list[dict]:
    """Match the articles stored since the last check against every rule; store the new alerts
    and move the cursor in one transaction. Returns the alerts added (none twice, ever)."""
    after = int(state(store, "alerts.seq") or 0)
    upto = store.last_seq()
    if upto <= after:
        return []
    found: dict[str, dict] = {}
    for rule in watchlist.rules:
        for alert in _MATCHERS[rule.on](store, rule, after, upto):
            found.setdefault(alert["id"], alert)
    known = set()
    ids = list(found)
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        known |= {r["id"] for r in store.rows(f"SELECT id FROM alerts WHERE id IN ({_in(chunk)})", chunk)}
    new = [a for a in found.values() if a["id"] not in known]
    stamp = now()
    statements = [("INSERT INTO alerts (id, rule, kind, ref, article_id, title, summary, url, payload, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                   [a["id"], a["rule"], a["kind"], a["ref"], a["article_id"], a["title"][:500],
                    (a["summary"] or "")[:2000], a["url"], json.dumps(a["payload"], ensure_ascii=False), stamp])
                  for a in new]
    statements.append(_set_state("alerts.seq", str(upto)))
    store.write(statements)
    return [{**a, "created_at": stamp} for a in new]


def deliver(store: Store, webhook: str, post: Callable[[str, dict], int] | None = None, limit: int = 100) -> int:
    """POST undelivered alerts to ``webhook`` as JSON, oldest first; mark each delivered on a 2xx.
    Returns how many were delivered (the rest are retried next time)."""
    post = post or _post
    done = 0
    for a in store.rows("SELECT id, rule, kind, ref, article_id, title, summary, url, payload, created_at "
                        "FROM alerts WHERE delivered_at IS NULL ORDER BY seq LIMIT ?", (limit,)):
        body = {**{k: a[k] for k in a if k != "payload"}, "payload": json.loads(a["payload"] or "null")}
        try:
            status = post(webhook, {"alert": body})
        except Exception:  # noqa: BLE001 - an unreachable webhook is retried, never fatal
            break
        if 200 <= status < 300:
            store.write([("UPDATE alerts SET delivered_at = ? WHERE id = ?", [now(), a["id"]])])
            done += 1
        else:
            break
    return done


def _post(url: str, body: dict) -> int:
    import httpx

    return httpx.post(url, json=body, timeout=10.0, headers={"User-Agent": Options().user_agent}).status_code


# -- polling -------------------------------------------------------------------------------------

@dataclass
class WatchOptions:
    """Settings of a watch run."""

    every: float = 900.0
    """Seconds between the starts of two rounds of polls."""
    watchlist: Watchlist = field(default_factory=Watchlist)
    ingest: IngestOptions = field(default_factory=lambda: IngestOptions(jobs=1, batch=1))
    """One worker, one item per batch: a feed's items arrive over the network one by one,
    and each is stored as soon as it is read (a batch would wait for the next fetch)."""
    rounds: int | None = None
    """Stop after this many rounds (None: until stopped)."""


@dataclass
class WatchStats:
    """What a watch run did."""

    rounds: int = 0
    polls: int = 0
    requests: int = 0
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    alerts: int = 0
    delivered: int = 0
    stopped: bool = False

    def summary(self) -> str:
        """One line for people."""
        return (f"rounds {self.rounds} · polls {self.polls} · requests {self.requests} · new {self.new} · "
                f"unchanged {self.unchanged} · failed {self.failed} · alerts {self.alerts} · "
                f"delivered {self.delivered}{' · stopped' if self.stopped else ''}")


def _until_stopped(entries: Iterable[Entry], stop: threading.Event) -> Iterator[Entry]:
    """Entries until a stop is requested (the item in hand is finished by ingest)."""
    for entry in entries:
        if stop.is_set():
            return
        yield entry


class Watcher:
    """Polls sources into a store, round after round, and raises alerts."""

    def __init__(self, sources: list[str], store: Store, options: WatchOptions,
                 stop: threading.Event | None = None, log: Callable[[str], None] | None = None) -> None:
        from veille.read.corpus_web import PoliteClient

        self.sources = sources
        self.store = store
        self.options = options
        self.stop = stop or threading.Event()
        self.log = log or (lambda line: None)
        self.stats = WatchStats()
        io = options.ingest
        self.client = PoliteClient(io.article, io.corpus)

    def close(self) -> None:
        """Close the HTTP client."""
        self.client.close()

    def run(self) -> WatchStats:
        """Rounds of polls until stopped (or ``rounds`` done)."""
        try:
            while not self.stop.is_set():
                started = time.monotonic()
                self.round()
                if self.options.rounds is not None and self.stats.rounds >= self.options.rounds:
                    break
                self.stop.wait(max(0.0, self.options.every - (time.monotonic() - started)))
        finally:
            self.stats.stopped = self.stop.is_set()
            self.close()
        return self.stats

    def round(self) -> None:
        """Poll every source once, then check the watchlist and deliver alerts."""
        for source in self.sources:
            if self.stop.is_set():
                break
            self.poll(source)
        if self.options.watchlist.rules:
            added = check_alerts(self.store, self.options.watchlist)
            self.stats.alerts += len(added)
            for a in added:
                self.log(f"alert [{a['rule']}] {a['title']}")
        if self.options.watchlist.webhook:
            self.stats.delivered += deliver(self.store, self.options.watchlist.webhook)
        self.stats.rounds += 1

    def poll(self, source: str) -> IngestStats:
        """One poll of one source: a conditional GET for a URL, a re-read for a file (stored
        items are skipped); the poll is recorded in ``watch_polls``."""
        before = self.client.requests
        started = now()
        status = "ok"
        stats = IngestStats()
        remember: Fetched | None = None
        try:
            entries, remember, unchanged = self._entries(source)
            if unchanged:
                status = "unchanged"
                stats.unchanged += 1
            else:
                stats = ingest_entries(_until_stopped(entries, self.stop), self.store, self.options.ingest)
                if self.stop.is_set():
                    status = "stopped"
                elif remember is not None:  # the whole feed is stored: next time, a conditional GET
                    self.store.remember_fetch(remember.url, remember.etag, remember.last_modified)
        except Exception as exc:
            from veille.store import StoreError

            if isinstance(exc, StoreError):
                raise
            status = f"failed: {type(exc).__name__}: {str(exc)[:200]}"
            stats.failed += 1
        requests = self.client.requests - before
        self.store.write([("INSERT INTO watch_polls (source, started_at, finished_at, status, requests, new, "
                           "unchanged, failed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           [source, started, now(), status, requests, stats.new + stats.near_duplicate,
                            stats.unchanged, stats.failed])])
        self.stats.polls += 1
        self.stats.requests += requests
        self.stats.new += stats.new + stats.near_duplicate
        self.stats.unchanged += stats.unchanged
        self.stats.failed += stats.failed
        self.log(f"{source}: {status} · {requests} requests · new {stats.new + stats.near_duplicate} · "
                 f"failed {stats.failed}")
        return stats

    def _entries(self, source: str) -> tuple[Iterable[Entry], Fetched | None, bool]:
        """(entries, the feed's validators to keep once stored, unchanged?) of one source."""
        from veille.read.corpus import Failure, looks_like_feed
        from veille.read.corpus_web import FetchFailed, iter_feed

        io = self.options.ingest
        if not is_url(source):
            return iter_sources([source], io.article, io.corpus, self.store.fetch_validators), None, False
        try:
            page = self.client.get(source, self.store.fetch_validators(source))
        except FetchFailed as exc:
            return [Failure(source, source, exc.code, exc.reason)], None, False
        if page.status == 304:
            return [], None, True
        fetched = Fetched(source, page.etag, page.last_modified) if (page.etag or page.last_modified) else None
        ctype = (page.content_type or "").lower()
        if any(t in ctype for t in ("rss", "atom", "rdf")) or looks_like_feed(page.data):
            client = self.client if io.corpus.follow_entries else None
            return iter_feed(page.data, source, client, io.article, io.corpus, self.store.fetch_validators), \
                fetched, False
        return [Item(page.data, source, source, url=page.url, content_type=page.content_type, fetched=fetched)], \
            None, False


def watch(sources: list[str], store: Store, options: WatchOptions, stop: threading.Event | None = None,
          log: Callable[[str], None] | None = None) -> WatchStats:
    """Poll ``sources`` into ``store`` every ``options.every`` seconds until ``stop`` is set."""
    return Watcher(sources, store, options, stop, log).run()


def corpus_options(respect_robots: bool = True, follow: bool = True) -> CorpusOptions:
    """The corpus options of a watch (ingest's defaults: polite)."""
    return CorpusOptions(respect_robots=respect_robots, follow_entries=follow)
