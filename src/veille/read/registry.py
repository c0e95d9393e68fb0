"""Corpus readers by name: which reader reads a file is looked up here, not in an if-chain.

A reader is a generator of :class:`~veille.read.corpus.Item` and
:class:`~veille.read.corpus.Failure` from one :class:`FileInput`, registered with
the suffixes that name its files and, optionally, a test of the first bytes::

    from veille.read.registry import FileInput, register_reader

    @register_reader("csvdump", suffixes=(".csvdump",))
    def iter_csvdump(job: FileInput):
        ...  # yield Item(...) or Failure(...); honour job.options.max_bytes

:func:`reader_for` picks a file's reader: by its suffix (``.gz`` looked through)
among the readers in registration order, then, when no suffix matched, by the
first readers whose ``sniff`` accepts the file's first 2,048 bytes, and else the
:data:`FALLBACK` reader (a page: text or HTML). The built-in readers (``jsonl``,
``warc``, ``feed``, ``page``) register themselves in :mod:`veille.read.corpus`,
imported at the end of this module so that the registry is never seen without them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from veille.options import Options
from veille.registry import Registry

if TYPE_CHECKING:
    from veille.read.corpus import CorpusOptions, Entry, Validators
    from veille.read.corpus_web import PoliteClient

FALLBACK = "page"
"""The reader of a file neither its suffix nor its first bytes name."""

HEAD_BYTES = 2048
"""How many first bytes a ``sniff`` sees."""


@dataclass(frozen=True)
class FileInput:
    """One file to read and what its reader may need."""

    path: Path
    source: str
    """The name items and failures carry (the path as veille displays it)."""
    options: Options
    corpus: CorpusOptions
    validators: Validators
    """Stored ETag / Last-Modified of a URL, for readers that fetch pages (feeds)."""
    client_factory: Callable[[], PoliteClient] | None = None
    """Makes the polite HTTP client a reader that fetches pages uses (None: fetch nothing)."""


ReadFn = Callable[[FileInput], "Iterator[Entry]"]
Sniff = Callable[[bytes], bool]


@dataclass(frozen=True)
class Reader:
    """A registered reader: its name, its generator, the suffixes it claims and its test of the first bytes."""

    name: str
    read: ReadFn
    suffixes: frozenset[str] = frozenset()
    sniff: Sniff | None = None


READERS: Registry[Reader] = Registry("reader")
"""Reader name -> :class:`Reader`, in order of precedence."""


def register_reader(name: str, suffixes: Iterable[str] = (), sniff: Sniff | None = None,
                    replace: bool = False) -> Callable[[ReadFn], ReadFn]:
    """Decorator registering a reader of the files named with one of ``suffixes`` (``".jsonl"``,
    lower case, with the dot) or whose first bytes ``sniff`` accepts; returns the function unchanged."""

    def decorate(read: ReadFn) -> ReadFn:
        READERS.add(name, Reader(name, read, frozenset(s.lower() for s in suffixes), sniff), replace)
        return read

    return decorate


def suffix_of(path: Path) -> str:
    """The suffix that names a file's kind, lower case, a final ``.gz`` looked through."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def reader_for(path: Path, head: Callable[[], bytes] | None = None) -> Reader:
    """The reader of ``path``: by suffix, else by sniffing ``head()`` (called at most once, only
    when no suffix matched; empty or None: no sniffing), else :data:`FALLBACK`."""
    suffix = suffix_of(path)
    for _name, reader in READERS.items():
        if suffix in reader.suffixes:
            return reader
    first = head() if head is not None else b""
    if first:
        for _name, reader in READERS.items():
            if reader.sniff is not None and reader.sniff(first):
                return reader
    return READERS.get(FALLBACK)


import veille.read.corpus  # noqa: E402, F401 - registers the built-in readers (it imports this module first)
