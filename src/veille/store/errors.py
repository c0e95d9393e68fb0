"""Coded errors of the store, printed on one line like every veille error.

The codes extend :mod:`veille.errors` (E020–E030, E046–E047 belong to the store and ingest) and
subclass :class:`~veille.errors.VeilleError`, so the CLI prints them as
``veille: error E021: ./veille.db: is full (...) — free some space ...`` and
exits with their code, never with a traceback.
"""

from __future__ import annotations

from veille.errors import VeilleError

STORE_EXIT = 7
"""Exit code for 'the store cannot be opened or written'."""

_CATALOGUE: dict[str, tuple[int, str, str]] = {
    "E020": (STORE_EXIT, "cannot be opened ({detail})", "check the path or the postgresql:// URL"),
    "E021": (STORE_EXIT, "is full ({detail})", "free some space; nothing was half-written, rerun to resume"),
    "E022": (STORE_EXIT, "was written by a newer veille (schema {detail})", "upgrade veille"),
    "E023": (STORE_EXIT, "cannot be written ({detail})", "nothing was half-written; rerun to resume"),
    "E024": (4, "is not a corpus source ({detail})", "give files, folders, JSONL, feeds, WARC files or URLs"),
    "E025": (2, "invalid value ({detail})", "see `veille ingest --help`"),
    "E030": (1, "lost a worker process ({detail})", "rerun to resume; lower --jobs if memory is short"),
    "E046": (2, "invalid query value ({detail})", "give shorter or fewer values; see the command's --help"),
    "E047": (8, "cannot be written ({detail})", "give a writable file path, or - for stdout"),
}


class StoreError(VeilleError):
    """A store or corpus error with a stable code, the store or input it concerns and an exit code."""

    catalogue = _CATALOGUE
