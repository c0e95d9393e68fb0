"""Feeds and pages over HTTP, fetched politely.

:class:`PoliteClient` wraps the guarded fetching of :mod:`veille.read.fetch`
(public addresses only, a deadline per fetch, bounded redirects and sizes)
with what a crawler owes the sites it reads: a user agent, retries with
exponential back-off (honouring ``Retry-After``), robots.txt (Crawl-delay
included), a limit on requests in flight per host with a pause between two of
them, and conditional GETs (``If-None-Match`` / ``If-Modified-Since``) from
validators the store remembers. A host that keeps failing is skipped for a
while (a circuit breaker), so a feed of dead links ends in seconds, not hours.

Feeds are parsed by feedparser only after defusedxml has checked the XML:
a document declaring entities (the billion-laughs attack) or a DTD is
refused, never expanded.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from veille.model import Fetched
from veille.options import Options
from veille.read.corpus import (
    BAD_FEED, ROBOTS, CorpusOptions, Entry, Failure, Item, Unchanged, Validators, _no_validators, looks_like_feed,
    storable,
)


@dataclass(frozen=True)
class Page:
    """A fetched response: status 200 with a body, or 304 without."""

    url: str
    status: int
    data: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None


class FetchFailed(Exception):
    """A URL that could not be fetched: its failure code and reason."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


ROBOTS_BYTES = 512_000
"""Largest robots.txt read (Google reads 500 KiB); the rest is ignored."""


class PoliteClient:
    """An HTTP client for crawling: robots.txt, per-host limits and pauses, retries,
    conditional GET, and a circuit breaker per host."""

    def __init__(self, options: Options, corpus: CorpusOptions, transport: object | None = None) -> None:
        from veille.read.fetch import client

        self.options = options
        self.corpus = corpus
        self.http = client(options, transport)  # type: ignore[arg-type]
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Semaphore] = {}
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._failures: dict[str, int] = {}
        self._open_until: dict[str, float] = {}
        self.requests = 0

    def close(self) -> None:
        """Close the connections."""
        self.http.close()

    # -- politeness --------------------------------------------------------------------------

    def _host(self, url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def _slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            return self._hosts.setdefault(host, threading.Semaphore(max(1, self.corpus.per_host)))

    def _pause(self, host: str) -> None:
        """Wait until ``delay`` (or the robots Crawl-delay) has passed since the last request to ``host``."""
        robots = self._robots.get(host)
        delay = self.corpus.delay
        if robots is not None:
            crawl_delay = robots.crawl_delay(self.options.user_agent)
            if crawl_delay:
                delay = max(delay, min(float(crawl_delay), self.corpus.max_crawl_delay))
        while True:
            with self._lock:
                wait = self._last.get(host, 0.0) + delay - time.monotonic()
                if wait <= 0:
                    self._last[host] = time.monotonic()
                    return
            time.sleep(min(wait, 5.0))

    # -- circuit breaker ---------------------------------------------------------------------

    def _check_circuit(self, host: str) -> None:
        """Fail at once while ``host`` is skipped after too many failures in a row (E035)."""
        with self._lock:
            until = self._open_until.get(host, 0.0)
            failures = self._failures.get(host, 0)
        if until > time.monotonic():
            raise FetchFailed("E035", f"host skipped after repeated failures ({failures} in a row; "
                                      f"tried again after {self.corpus.host_cooldown:g} s)")

    def _record(self, host: str, ok: bool) -> None:
        """Count a request's outcome: ``host_failures`` failures in a row open the circuit for
        ``host_cooldown`` seconds; after that one more try is let through (a success closes it)."""
        with self._lock:
            if ok:
                self._failures.pop(host, None)
                self._open_until.pop(host, None)
                return
            failures = self._failures.get(host, 0) + 1
            self._failures[host] = failures
            if self.corpus.host_failures and failures >= self.corpus.host_failures:
                self._open_until[host] = time.monotonic() + self.corpus.host_cooldown

    def allowed(self, url: str) -> bool:
        """What robots.txt says about ``url`` (fetched once per host; unreachable or 4xx allows all)."""
        if not self.corpus.respect_robots:
            return True
        host = self._host(url)
        with self._lock:
            host_lock = self._robots_locks.setdefault(host, threading.Lock())
        with host_lock:  # one robots.txt fetch per host, however many threads ask
            if host not in self._robots:
                self._robots[host] = self._fetch_robots(host)
        robots = self._robots[host]
        return robots is None or robots.can_fetch(self.options.user_agent, url)

    def _fetch_robots(self, host: str) -> RobotFileParser | None:
        """The parsed robots.txt of ``host``; None when it allows everything."""
        from veille.read.fetch import ANY_TYPE

        parser = RobotFileParser(host + "/robots.txt")
        try:
            page = self._get(host + "/robots.txt", None, accept=ANY_TYPE, max_bytes=ROBOTS_BYTES)
        except FetchFailed as exc:
            # RFC 9309: robots.txt unavailable (4xx) allows everything; unreachable (5xx) disallows
            return _DISALLOW_ALL if exc.code == "E007" and "HTTP 5" in exc.reason else None
        parser.parse(page.data.decode("utf-8", "replace").splitlines())
        return parser

    # -- fetching ----------------------------------------------------------------------------

    def get(self, url: str, validators: tuple[str | None, str | None] | None = None) -> Page:
        """GET ``url`` politely; a 304 comes back as a :class:`Page` with status 304."""
        from veille.read.fetch import FetchError, check_url

        try:  # refused before robots.txt is even asked for
            check_url(url, self.options.allow_private)
        except FetchError as exc:
            raise FetchFailed(exc.code, exc.reason) from None
        self._check_circuit(self._host(url))
        if not self.allowed(url):
            raise FetchFailed(ROBOTS, "disallowed by robots.txt")
        return self._get(url, validators)

    def _get(self, url: str, validators: tuple[str | None, str | None] | None,
             accept: tuple[str, ...] | None = None, max_bytes: int | None = None) -> Page:
        from veille.read.fetch import PAGE_TYPES, FetchError, fetch

        headers = {}
        if validators:
            etag, last_modified = validators
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
        host = self._host(url)
        attempt = 0
        while True:
            self._check_circuit(host)
            with self._slot(host):
                self._pause(host)
                self.requests += 1
                try:
                    response = fetch(self.http, url, self.options, headers,
                                     PAGE_TYPES if accept is None else accept, max_bytes)
                    error = None
                except FetchError as exc:
                    response, error = None, exc
            if error is None:
                self._record(host, True)
                break
            if error.status is not None and not error.transient:
                self._record(host, True)  # the host answered: it is alive, only this page is refused
            if not (error.transient or error.code in ("E007", "E033") and error.status is None):
                raise FetchFailed(error.code, error.reason)  # refused by veille's limits: nothing to retry
            self._record(host, False)  # no answer, a timeout, 429 or 5xx: the host is failing
            if not error.transient or attempt >= self.corpus.retries:
                tries = f" after {attempt + 1} tries" if attempt else ""
                raise FetchFailed(error.code, f"{error.reason[:-1]}{tries})" if error.reason.endswith(")")
                                  else error.reason + tries)
            time.sleep(self._backoff(attempt, error))
            attempt += 1
        assert response is not None  # the loop leaves with an answer or raises
        if response.status == 304:
            return Page(response.url, 304, etag=validators[0] if validators else None,
                        last_modified=validators[1] if validators else None)
        return Page(response.url, response.status, response.data, response.content_type,
                    response.headers.get("etag"), response.headers.get("last-modified"))

    def _backoff(self, attempt: int, error: object) -> float:
        """Seconds to wait before retry ``attempt + 1``: Retry-After when given (capped at 60), else doubling."""
        retry_after = getattr(error, "retry_after", None)
        if retry_after:
            try:
                return min(60.0, max(0.0, float(retry_after)))
            except ValueError:
                try:
                    return min(60.0, max(0.0, parsedate_to_datetime(retry_after).timestamp() - time.time()))
                except (TypeError, ValueError):
                    pass
        return self.corpus.backoff * (2 ** attempt)


_DISALLOW_ALL = RobotFileParser()
_DISALLOW_ALL.parse(["User-agent: *", "Disallow: /"])


def page_item(client: PoliteClient, url: str, source: str, validators: tuple[str | None, str | None] | None,
              meta: dict | None = None) -> Entry:
    """Fetch one page and make it an item (or a failure, or 'unchanged')."""
    try:
        page = client.get(url, validators)
    except FetchFailed as exc:
        return Failure(source, url, exc.code, exc.reason)
    if page.status == 304:
        return Unchanged(source, url)
    fetched = Fetched(url, page.etag, page.last_modified) if (page.etag or page.last_modified) else None
    return Item(page.data, source, url, url=page.url, content_type=page.content_type, fetched=fetched,
                **(meta or {}))


# -- feeds ---------------------------------------------------------------------------------------


def check_xml(data: bytes) -> str | None:
    """Why this XML must not be parsed (entities, DTD, external references), or None when it is safe.

    Malformed XML is not refused here: feedparser reads broken feeds leniently.
    """
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    head = data.lower()
    if b"<!entity" in head:
        return "declares XML entities (refused: no entity expansion)"
    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        return f"unsafe XML refused ({type(exc).__name__})"
    except Exception:  # noqa: BLE001 - ParseError and friends: malformed, left to feedparser
        return None
    return None


# character references to UTF-16 surrogates (&#xD800;, &#55296;), which feedparser cannot encode
_SURROGATE_REF = re.compile(rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*(?:5529[6-9]|553[0-9]{2}|55[4-9][0-9]{2}"
                            rb"|56[0-9]{3}|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]));")


def _iso(parsed: object) -> str | None:
    """A feedparser time tuple as an ISO date."""
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%d", parsed)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def iter_feed(data: bytes, source: str, client: PoliteClient | None, options: Options, corpus: CorpusOptions,
              validators: Validators = _no_validators) -> Iterator[Entry]:
    """Items of an RSS/Atom feed: each entry's page when ``client`` is given, else the entry's own content."""
    import feedparser

    unsafe = check_xml(data)
    if unsafe:
        yield Failure(source, source, BAD_FEED, unsafe)
        return
    try:
        parsed = feedparser.parse(_SURROGATE_REF.sub(b"&#xFFFD;", data), sanitize_html=False,
                                  resolve_relative_uris=False)
    except (ValueError, UnicodeError, RecursionError, LookupError, TypeError) as exc:
        yield Failure(source, source, BAD_FEED, f"malformed feed ({type(exc).__name__}: {str(exc)[:200]})")
        return
    if not parsed.entries:
        reason = f"malformed feed ({parsed.get('bozo_exception')})" if parsed.bozo else "feed has no entries"
        yield Failure(source, source, BAD_FEED, reason[:300])
        return
    entries = parsed.entries[:max(0, corpus.max_entries)]
    if len(parsed.entries) > len(entries):
        yield Failure(source, source, "E042", f"has more entries than the limit ({len(parsed.entries):,} entries, "
                                              f"the first {len(entries):,} read)")
    metas: list[tuple[str | None, dict, str]] = []
    for n, entry in enumerate(entries, 1):
        link = _text(entry.get("link"))
        meta = {"external_id": _text(entry.get("id")) or link, "title": _text(entry.get("title")),
                "published": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                "author": _text(entry.get("author")), "language": _lang(parsed)}
        metas.append((link, meta, f"{source}#{n}"))
    if client is None:
        for entry, (link, meta, locator) in zip(entries, metas):
            yield _entry_content(entry, link, meta, source, locator)
        return
    known = {link: validators(link) for link, _, _ in metas if link}  # looked up here: the store is not threadsafe

    def fetch(args: tuple[str | None, dict, str]) -> Entry:
        link, meta, locator = args
        if not link or not link.startswith(("http://", "https://")):
            return Failure(source, locator, BAD_FEED, "entry has no http(s) link")
        return page_item(client, link, source, known.get(link), meta)

    with ThreadPoolExecutor(max_workers=max(1, corpus.fetch_threads)) as pool:
        yield from pool.map(fetch, metas)


def _text(value: object) -> str | None:
    """A feed field as storable text (None when empty)."""
    return storable(value) or None if isinstance(value, str) else None


def _lang(parsed: object) -> str | None:
    value = parsed.feed.get("language")  # type: ignore[attr-defined]
    lang = storable(value).strip().split("-")[0].lower()[:16] if isinstance(value, str) else ""
    return lang or None


def _entry_content(entry: dict, link: str | None, meta: dict, source: str, locator: str) -> Entry:
    """An item from the text a feed entry carries itself (content, else summary)."""
    content = entry.get("content") or []
    detail = content[0] if content else (entry.get("summary_detail") or {})
    html = content[0].get("value") if content else entry.get("summary")
    if not isinstance(html, str) or not html.strip():
        return Failure(source, locator, "E008", "entry has no content or summary")
    # feeds often carry plain text: read it as text, not as a page with no main text
    ctype = "text/html" if "html" in str(detail.get("type") or "html") and _TAG.search(html) else "text/plain"
    if ctype == "text/html" and not _PAGE.search(html):  # a fragment: give the extractor a page around it
        html = f"<html><body><article>{html}</article></body></html>"
    return Item(storable(html).encode("utf-8"), source, link or locator, url=link, content_type=ctype, **meta)


_TAG = re.compile(r"<[A-Za-z!/]")
_PAGE = re.compile(r"<(?:html|body)\b", re.IGNORECASE)


def iter_url(url: str, client: PoliteClient, options: Options, corpus: CorpusOptions,
             validators: Validators = _no_validators) -> Iterator[Entry]:
    """A URL: a feed (its entries) or a page (one item)."""
    try:
        page = client.get(url, None)
    except FetchFailed as exc:
        yield Failure(url, url, exc.code, exc.reason)
        return
    ctype = (page.content_type or "").lower()
    if any(t in ctype for t in ("rss", "atom", "rdf")) or ("xml" in ctype and looks_like_feed(page.data)) \
            or looks_like_feed(page.data):
        yield from iter_feed(page.data, url, client if corpus.follow_entries else None, options, corpus,
                             validators)
        return
    yield Item(page.data, url, url, url=page.url, content_type=page.content_type)
