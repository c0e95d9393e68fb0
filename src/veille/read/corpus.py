"""Corpus readers: many inputs to a stream of raw items, one bad item never stopping the rest.

Each reader is a generator of :class:`Item` (bytes plus what the input says
about them: external id, URL, title, date, language) and :class:`Failure`
(an item that could not be read, with a code and a reason). Nothing is
analysed here; ``veille.ingest`` turns items into articles.

Inputs: files and folders (text, HTML, ``.gz``), JSONL dumps (field names
mappable), RSS/Atom feeds from a file or a URL (each entry's page fetched
politely, see :mod:`veille.read.corpus_web`), WARC / WARC.gz crawls, and
page URLs. :func:`iter_sources` dispatches on what each source is.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import logging
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from veille.errors import VeilleError
from veille.model import Fetched
from veille.options import DEFAULT, Options
from veille.read import article_id
from veille.read.registry import FALLBACK, HEAD_BYTES, FileInput, reader_for, register_reader
from veille.read.source import BLOCK as _BLOCK
from veille.read.source import Bomb, Raw, _kind, file_status, is_url
from veille.read.source import open_file as _open

if TYPE_CHECKING:
    from veille.read.corpus_web import PoliteClient

# failure codes of the corpus readers (E001–E010 are veille.errors', E020–E025 the store's)
NOT_A_SOURCE = "E024"
ROBOTS = "E026"
BAD_FEED = "E027"
BAD_WARC = "E028"
BAD_JSONL = "E029"

TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".arc"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}

FIELDS = ("id", "url", "title", "text", "html", "published", "language", "standfirst", "section", "author")
"""What a JSONL line may carry, under these names unless :attr:`CorpusOptions.fields` maps them."""
_ALIASES = {"language": ("language", "lang"), "published": ("published", "date"), "id": ("id",)}


@dataclass(frozen=True)
class CorpusOptions:
    """How corpus inputs are read (the per-article settings stay in :class:`veille.options.Options`)."""

    fields: dict[str, str] = field(default_factory=dict)
    """veille field -> input field of JSONL lines, e.g. ``{"text": "article", "standfirst": "heading"}``."""
    follow_entries: bool = True
    """Fetch the page of each feed entry; if False, use the entry's own summary/content."""
    respect_robots: bool = True
    """Obey robots.txt (a disallowed page is a failure, not fetched)."""
    per_host: int = 2
    """Requests in flight to one host at a time."""
    delay: float = 0.5
    """Seconds between two requests to one host (robots.txt Crawl-delay wins when longer)."""
    retries: int = 3
    """Retries after a timeout, a connection error, 429 or 5xx, with exponential back-off."""
    backoff: float = 1.0
    """First back-off in seconds (doubled at each retry; Retry-After wins when given)."""
    fetch_threads: int = 8
    """Pages fetched at once across hosts."""
    host_failures: int = 3
    """Failed requests in a row (no answer, timeout, 429, 5xx) after which a host is skipped
    for ``host_cooldown`` seconds: its remaining pages fail at once with E035 (0: never)."""
    host_cooldown: float = 600.0
    """Seconds a failing host is skipped before one more request is tried."""
    max_crawl_delay: float = 30.0
    """Longest robots.txt Crawl-delay obeyed (a hostile 'Crawl-delay: 86400' would stall a feed)."""
    max_entries: int = 5_000
    """Entries read from one feed; the rest are left with one failure (E042)."""

    def field_name(self, name: str) -> tuple[str, ...]:
        """Input names to look up for veille field ``name``."""
        if name in self.fields:
            return (self.fields[name],)
        return _ALIASES.get(name, (name,))


@dataclass(frozen=True)
class Item:
    """One raw input of a corpus: bytes and what is known of them before reading."""

    data: bytes
    source: str
    """The input it came from (a path or URL as given)."""
    locator: str
    """Where in that input: a path, ``file.jsonl:12``, ``crawl.warc.gz@3345``, a URL."""
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    standfirst: str | None = None
    section: tuple[str, ...] = ()
    author: str | None = None
    published: str | None = None
    language: str | None = None
    content_type: str | None = None
    fetched: Fetched | None = None
    """:class:`veille.model.Fetched` validators when the item was fetched over HTTP."""

    @property
    def key(self) -> str:
        """Stable veille id: sha256 of the bytes and of what the input said about them.

        A plain file gets the id ``veille analyze`` gives it. The same JSONL line
        or feed entry read twice gets the same id, wherever it stands; two items
        with the same text but different external ids get different ids (the
        second is then stored as a duplicate linked to the first).
        """
        meta = [self.external_id, self.title, self.standfirst, list(self.section), self.author, self.published]
        if not any(meta):
            return article_id(self.data)
        extra = json.dumps(meta, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(self.data + b"\0" + extra).hexdigest()[:16]

    def raw(self) -> Raw:
        """The bytes as the single-article reader takes them."""
        return Raw(self.data, self.locator, url=self.url, content_type=self.content_type)


@dataclass(frozen=True)
class Failure:
    """An input item that could not be used, and why (kept in the store's ``failures``)."""

    source: str
    item: str
    code: str
    reason: str


@dataclass(frozen=True)
class Unchanged:
    """A page the server says has not changed since the last fetch (HTTP 304)."""

    source: str
    item: str


Entry = Item | Failure | Unchanged
Validators = Callable[[str], "tuple[str | None, str | None] | None"]


def _no_validators(url: str) -> None:
    return None


# -- dispatch ------------------------------------------------------------------------------------


def iter_sources(sources: Iterable[str], options: Options = DEFAULT, corpus: CorpusOptions | None = None,
                 validators: Validators = _no_validators) -> Iterator[Entry]:
    """Items of every source in turn: files, folders, JSONL, feeds, WARC, URLs."""
    corpus = corpus or CorpusOptions()
    client = None
    try:
        for source in sources:
            if is_url(source):
                from veille.read.corpus_web import PoliteClient, iter_url

                client = client or PoliteClient(options, corpus)
                yield from iter_url(source, client, options, corpus, validators)
            else:
                yield from iter_path(source, options, corpus, validators, lambda: _client(options, corpus))
    finally:
        if client is not None:
            client.close()


def _client(options: Options, corpus: CorpusOptions):  # noqa: ANN202 - PoliteClient
    from veille.read.corpus_web import PoliteClient

    return PoliteClient(options, corpus)


def kind_of(path: Path, head: bytes = b"") -> str:
    """The name of the reader of ``path`` (``jsonl``, ``warc``, ``feed``, ``page`` or a registered one):
    from the name (``.gz`` looked through), then the first bytes (see :func:`veille.read.registry.reader_for`)."""
    return reader_for(path, lambda: head).name


def iter_path(source: str, options: Options, corpus: CorpusOptions, validators: Validators = _no_validators,
              client_factory: Callable[[], PoliteClient] | None = None) -> Iterator[Entry]:
    """Items of a file or, recursively and in name order, of a folder's files.

    In a folder, hidden files and folders are skipped, symbolic links are followed
    only to files inside the folder, and anything that is not a regular file (a
    named pipe, a socket, a device, a link loop) is a failure, never opened.
    """
    path = Path(source)
    label = display(source)
    try:
        st = file_status(path, label)
    except VeilleError as exc:
        yield Failure(label, label, exc.code, "no such file or folder" if exc.code == "E001" else exc.reason)
        return
    if stat.S_ISDIR(st.st_mode):
        for file, problem in _walk(path):
            name = display(str(file))
            if problem is not None:
                yield Failure(name, name, problem.code, problem.reason)
            else:
                yield from iter_file(file, name, options, corpus, validators, client_factory)
    elif not stat.S_ISREG(st.st_mode):
        error = VeilleError("E039", label, _kind(st.st_mode))
        yield Failure(label, label, error.code, error.reason)
    else:
        yield from iter_file(path, label, options, corpus, validators, client_factory)


def _walk(root: Path) -> list[tuple[Path, VeilleError | None]]:
    """The files under ``root`` in name order, each with the error that refuses it (or None)."""
    inside = root.resolve()
    found: list[tuple[Path, VeilleError | None]] = []
    for dirpath, dirnames, filenames in os.walk(root):  # never into linked folders
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            file = Path(dirpath, name)
            found.append((file, _refusal(file, inside)))
    return sorted(found, key=lambda pair: pair[0])


def _refusal(file: Path, inside: Path) -> VeilleError | None:
    """Why a file found in a folder walk must not be read: a link leading out of the
    folder, dangling or looping (E040), or not a regular file (E039)."""
    label = display(str(file))
    try:
        st = file_status(file, label)
    except VeilleError as exc:
        return exc
    if file.is_symlink():
        target = file.resolve()
        if target != inside and inside not in target.parents:
            return VeilleError("E040", label, "it points outside the folder")
    if not stat.S_ISREG(st.st_mode):
        return VeilleError("E039", label, _kind(st.st_mode))
    return None


def display(name: str) -> str:
    """A path as veille names it in items, failures and messages: a name that is not
    valid UTF-8 (bytes Python keeps as surrogates) shows those bytes as ``\\xNN``, so it
    can be stored and printed."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace").encode(
            "utf-8", "backslashreplace").decode("utf-8")
    return name


def _head(path: Path) -> bytes:
    try:
        with _open(path) as handle:
            return handle.read(HEAD_BYTES)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error, Bomb):
        return b""


def iter_file(path: Path, source: str, options: Options, corpus: CorpusOptions,
              validators: Validators = _no_validators, client_factory: Callable[[], PoliteClient] | None = None,
              ) -> Iterator[Entry]:
    """Items of one file, by its kind. A reader failing in a way nobody foresaw ends that
    file with one failure (E000, its reason kept): the other inputs are still read."""
    try:
        yield from _iter_file(path, source, options, corpus, validators, client_factory)
    except (MemoryError, RecursionError) as exc:
        yield Failure(source, source, "E038" if isinstance(exc, RecursionError) else "E045",
                      f"cannot be read ({type(exc).__name__})")
    except Exception as exc:  # noqa: BLE001 - one file never stops the batch
        yield Failure(source, source, "E000", f"unexpected {type(exc).__name__} while reading: {str(exc)[:300]}")


def _iter_file(path: Path, source: str, options: Options, corpus: CorpusOptions,
               validators: Validators = _no_validators, client_factory: Callable[[], PoliteClient] | None = None,
               ) -> Iterator[Entry]:
    """The file's items by the reader :data:`~veille.read.registry.READERS` names for it
    (by suffix; a name that does not say is sniffed: a feed shows itself in its first bytes)."""
    reader = reader_for(path, lambda: _head(path))
    yield from reader.read(FileInput(path, source, options, corpus, validators, client_factory))


# -- the built-in readers, in order of precedence (see veille.read.registry) ----------------------


@register_reader("jsonl", suffixes=JSONL_SUFFIXES)
def _read_jsonl(job: FileInput) -> Iterator[Entry]:
    """A JSONL dump: one item per line (an empty dump is one E003 failure)."""
    yield from _or_empty(iter_jsonl(job.path, job.source, job.options, job.corpus), job.source,
                         "holds no JSONL line")


@register_reader("warc", suffixes=WARC_SUFFIXES)
def _read_warc(job: FileInput) -> Iterator[Entry]:
    """A WARC (or ARC) crawl: one item per page record."""
    yield from _or_empty(iter_warc(job.path, job.source, job.options), job.source, "holds no page record")


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes are an RSS, Atom or RDF document."""
    start = head[:2048].lstrip().lower()
    return start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and any(
        tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel"))


@register_reader("feed", suffixes=FEED_SUFFIXES - {".xml"}, sniff=looks_like_feed)  # .xml: only if it looks a feed
def _read_feed(job: FileInput) -> Iterator[Entry]:
    """An RSS/Atom/RDF feed: each entry's page fetched politely, or its own content with ``follow_entries`` off."""
    data = _read(job.path, job.source, job.options.max_bytes, job.options.max_ratio)
    if isinstance(data, Failure):
        yield data
        return
    from veille.read.corpus_web import iter_feed

    client = job.client_factory() if (job.client_factory and job.corpus.follow_entries) else None
    try:
        yield from iter_feed(data, job.source, client, job.options, job.corpus, job.validators)
    finally:
        if client is not None:
            client.close()


@register_reader(FALLBACK)
def _read_page(job: FileInput) -> Iterator[Entry]:
    """Any other file: one article, text or HTML (``.gz`` decompressed)."""
    data = _read(job.path, job.source, job.options.max_bytes, job.options.max_ratio)
    if isinstance(data, Failure):
        yield data
    elif not data.strip():
        yield Failure(job.source, job.source, "E003", "is empty (no bytes, or only white space)")
    else:
        yield Item(data, job.source, job.source)


def _or_empty(entries: Iterator[Entry], source: str, what: str) -> Iterator[Entry]:
    """``entries``, or one E003 failure when there are none (an empty dump is worth a row)."""
    empty = True
    for entry in entries:
        empty = False
        yield entry
    if empty:
        yield Failure(source, source, "E003", f"is empty ({what})")


def _read(path: Path, source: str, limit: int, max_ratio: int = DEFAULT.max_ratio) -> bytes | Failure:
    """The (decompressed) bytes of a file, or the failure saying why not."""
    try:
        with _open(path, max_ratio) as handle:
            data = handle.read(limit + 1)
    except Bomb as exc:
        return Failure(source, source, "E037", f"decompresses too far ({exc})")
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        return Failure(source, source, "E009", f"cannot be read ({type(exc).__name__}: {exc})")
    if len(data) > limit:
        return Failure(source, source, "E005", f"is too large (over {limit:,} bytes)")
    return data


# -- JSONL ---------------------------------------------------------------------------------------


def iter_jsonl(path: Path, source: str, options: Options, corpus: CorpusOptions) -> Iterator[Entry]:
    """One item per line ``{id, url, title, text | html, published, lang, …}``; a bad line is a failure.

    Lines are read with a bound: a line over ``options.max_bytes`` is a failure
    and is skipped in bounded steps, never held whole in memory.
    """
    limit = options.max_bytes
    try:
        handle = _open(path, options.max_ratio)
    except OSError as exc:
        yield Failure(source, source, "E009", f"cannot be read ({exc.strerror})")
        return
    with handle:
        n = 0
        while True:
            n += 1
            try:
                line = handle.readline(limit + 1)
                if len(line) > limit and not line.endswith(b"\n"):
                    _skip_line(handle)
                    yield Failure(source, f"{source}:{n}", "E005", f"line is too large (over {limit:,} bytes)")
                    continue
            except Bomb as exc:
                yield Failure(source, f"{source}:{n}", "E037", f"decompresses too far ({exc})")
                return
            except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
                yield Failure(source, f"{source}:{n}", "E009", f"cannot be read ({type(exc).__name__}: {exc})")
                return
            if not line:
                return
            if not line.strip():
                continue
            yield jsonl_item(line, source, f"{source}:{n}", options, corpus)


def _skip_line(handle: IO[bytes]) -> None:
    """Read past the end of the current line in bounded steps."""
    while True:
        chunk = handle.readline(_BLOCK)
        if not chunk or chunk.endswith(b"\n"):
            return


def storable(text: str) -> str:
    """``text`` without lone surrogates (``"\\ud800"`` in JSON, ``&#xD800;`` in XML), which
    no UTF-8 store or file can hold: each becomes U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")


def _get(obj: dict, names: tuple[str, ...]) -> object:
    for name in names:
        value = obj.get(name)
        if value not in (None, "", []):
            return value
    return None


def jsonl_item(line: bytes | str, source: str, locator: str, options: Options, corpus: CorpusOptions) -> Entry:
    """The item of one JSONL line, or the failure saying what is wrong with it."""
    if len(line) > options.max_bytes:
        return Failure(source, locator, "E005", f"line is too large (over {options.max_bytes:,} bytes)")
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return Failure(source, locator, BAD_JSONL, f"not JSON ({str(exc)[:200]})")
    except RecursionError:
        return Failure(source, locator, "E038", "is nested too deeply (deeper than the JSON parser goes)")
    if not isinstance(obj, dict):
        return Failure(source, locator, BAD_JSONL, "a line must be a JSON object")
    get = lambda name: _get(obj, corpus.field_name(name))  # noqa: E731
    text, html = get("text"), get("html")
    body = html if html is not None else text
    if not isinstance(body, str) or not body.strip():
        names = "/".join(corpus.field_name("text") + corpus.field_name("html"))
        return Failure(source, locator, "E008", f"no article text (field {names} missing or empty)")

    def s(name: str) -> str | None:
        value = get(name)
        return storable(str(value)).strip() or None if value is not None else None

    section = get("section")
    sections = tuple(storable(str(x)) for x in section) if isinstance(section, list) else (
        (storable(str(section)),) if section else ())
    return Item(
        storable(body).encode("utf-8"), source, locator, external_id=s("id"), url=s("url"), title=s("title"),
        standfirst=s("standfirst"), section=sections, author=s("author"), published=s("published"),
        language=s("language"), content_type="text/html" if html is not None else "text/plain",
    )


# -- WARC ----------------------------------------------------------------------------------------

_PAGE_TYPES = ("text/html", "application/xhtml", "text/plain")
logging.getLogger("warcio").addHandler(logging.NullHandler())  # its warnings are failure rows here, not stderr
logging.getLogger("warcio").propagate = False


def iter_warc(path: Path, source: str, options: Options) -> Iterator[Entry]:
    """HTML and text responses (status 200) and resources of a WARC or WARC.gz file.

    A truncated record is a failure; reading stops there, since what follows
    cannot be trusted to start at a record boundary.
    """
    from warcio.archiveiterator import ArchiveIterator

    try:
        size = os.path.getsize(path)
        handle = path.open("rb")
    except OSError as exc:
        yield Failure(source, source, "E009", f"cannot be read ({exc.strerror})")
        return
    with handle:
        records = ArchiveIterator(handle)
        records.INC_RECORD = ""  # warcio prints a warning per odd record to stderr; the failure row says it
        stream = iter(records)
        while True:
            try:
                with contextlib.redirect_stderr(io.StringIO()):  # warcio's complaints; veille records its own
                    record = next(stream, None)
                    if record is None:
                        break
                    not_warc = record.format != "warc" and not path.name.lower().endswith((".arc", ".arc.gz"))
                    entry = None if not_warc else _warc_entry(record, source, options.max_bytes)
                    truncated = getattr(record.raw_stream, "limit", 0)
                    locator = f"{source}@{records.get_record_offset()}"  # after reading: this reads to the end
            except Exception as exc:  # noqa: BLE001 - warcio parsing hostile bytes can fail in any way
                yield Failure(source, f"{source}@{records.offset}", BAD_WARC,
                              f"unreadable record ({type(exc).__name__}: {str(exc)[:200]})")
                return
            if not_warc:  # outside the redirect: a consumer runs while this generator waits
                yield Failure(source, locator, BAD_WARC, "not a WARC record (no WARC/1.x header)")
                return
            if truncated:
                yield Failure(source, locator, BAD_WARC, "truncated record (fewer bytes than its Content-Length)")
                return
            if entry is not None:
                yield replace(entry, locator=entry.locator or locator) if isinstance(entry, Item) \
                    else replace(entry, item=locator)
        if records.offset < size:
            yield Failure(source, f"{source}@{records.offset}", BAD_WARC,
                          f"truncated record ({size - records.offset:,} bytes at the end are not a whole record)")


def _warc_entry(record, source: str, limit: int) -> Entry | None:  # noqa: ANN001 - ArcWarcRecord
    """The item of one WARC record, None for records that hold no page."""
    if record.rec_type not in ("response", "resource"):
        _drain(record.content_stream())
        return None
    ctype = ""
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode()
        ctype = record.http_headers.get_header("Content-Type") or ""
        if status != "200":
            _drain(record.content_stream())
            return None
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    if ctype and not ctype.lower().startswith(_PAGE_TYPES):
        _drain(record.content_stream())
        return None
    stream = record.content_stream()
    data = stream.read(limit + 1)
    if len(data) > limit:
        _drain(stream)
        return Failure(source, "", "E005", f"is too large (over {limit:,} bytes)")
    url = record.rec_headers.get_header("WARC-Target-URI")
    return Item(data, source, url or "", external_id=record.rec_headers.get_header("WARC-Record-ID"),
                url=url, content_type=ctype or None)


def _drain(stream) -> None:  # noqa: ANN001 - a warcio stream
    """Read a record's content to its end in bounded steps (a record may be gigabytes)."""
    while stream.read(1 << 16):
        pass


def with_defaults(item: Item, **changes: Any) -> Item:
    """A copy of ``item`` with fields set where they are still empty."""
    return replace(item, **{k: v for k, v in changes.items() if v and not getattr(item, k)})
