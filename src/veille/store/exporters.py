"""Export formats by name: ``veille export --format``, :func:`veille.store.query.export`
and the web UI's ``/events.<suffix>`` downloads all look the format up here.

An exporter writes rows (plain dicts) and returns how many it wrote. A text format
gets an open text stream (a whole file or nothing is written: the caller writes to a
temporary file renamed once complete); a ``binary`` one (Parquet) gets the path of
that temporary file. A new format is one module that registers itself::

    from veille.store.exporters import register_exporter

    @register_exporter("tsv", suffix="tsv", media_type="text/tab-separated-values; charset=utf-8")
    def _tsv(rows, handle, spec):
        ...  # write spec.columns of each row; return the row count

The built-in formats (``jsonl``, ``csv``, ``parquet``, ``geojson``) register
themselves in :mod:`veille.store.query`, imported at the end of this module so that
the registry is never seen without them. An unknown name is E025 listing the known ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from veille.registry import Registry
from veille.store.errors import StoreError
from veille.store.rows import Row

EXPORT_HINT = "see `veille export --help`"
"""The hint of an invalid export request (E025)."""


@dataclass(frozen=True)
class ExportSpec:
    """What is being exported, for the writer: the columns in order and their Parquet types."""

    what: str = "events"
    """One of :data:`veille.store.query.EXPORTS` (``events`` for the web's merged events)."""
    layout: str = "veille"
    """``veille`` or ``gdelt`` (events only)."""
    columns: Sequence[str] = ()
    """The columns of a row, in order (what CSV writes as its header)."""
    types: dict[str, str] = field(default_factory=dict)
    """Column -> ``int``, ``float``, ``strings`` or ``participants`` where not a string (Parquet)."""
    batch: int = 5000
    """Rows per written batch, for formats that batch (Parquet)."""


WriteFn = Callable[[Iterator[Row], Any, ExportSpec], int]
"""``write(rows, target, spec) -> rows written``: ``target`` an open text stream, or a :class:`~pathlib.Path` for a binary format."""


@dataclass(frozen=True)
class Exporter:
    """A registered export format."""

    name: str
    write: WriteFn
    suffix: str
    """File suffix without the dot (``csv``): the web serves the format at ``/events.<suffix>``."""
    media_type: str
    label: str
    """How the web UI names it in its export links (``CSV``)."""
    binary: bool = False
    """Written to a file path (never to stdout, never served by the web UI)."""
    events_only: bool = False
    """Only for ``--what events`` (GeoJSON needs coordinates)."""
    flat: bool = True
    """Given flat rows (one plain value per column) where the caller has both shapes (the web's
    merged events); False: given the rows with their lists and dicts (JSONL)."""


EXPORTERS: Registry[Exporter] = Registry("format", code="E025", error=StoreError, hint=EXPORT_HINT)
"""Format name -> :class:`Exporter`, in the order ``--help`` lists them."""


def register_exporter(name: str, suffix: str | None = None, media_type: str = "text/plain; charset=utf-8",
                      label: str | None = None, binary: bool = False, events_only: bool = False, flat: bool = True,
                      replace: bool = False) -> Callable[[WriteFn], WriteFn]:
    """Decorator registering ``write(rows, handle_or_path, spec) -> count`` as the format ``name``
    (suffix and label default to the name); returns the function unchanged."""

    def decorate(write: WriteFn) -> WriteFn:
        EXPORTERS.add(name, Exporter(name, write, suffix or name, media_type, label or name.upper(), binary,
                                     events_only, flat), replace)
        return write

    return decorate


def web_exporters() -> list[Exporter]:
    """The formats the web UI serves (every text format), in registration order."""
    return [e for _name, e in EXPORTERS.items() if not e.binary]


import veille.store.query  # noqa: E402, F401 - registers the built-in formats (it imports this module first)
