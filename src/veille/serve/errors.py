"""Coded errors of ``veille serve``, ``veille watch`` and ``veille alerts`` (E050–E059).

Their codes are in the one catalogue of :mod:`veille.errors`; they print on one line like every
veille error — ``veille: error E052: watch.toml: invalid watchlist (...) — see docs/serve.md`` —
and exit with their code; the web server shows E056/E057 as HTTP 413/403 pages.
"""

from __future__ import annotations

from veille.errors import VeilleError


class ServeError(VeilleError):
    """An error of the server or the watcher, with a stable code and an exit code."""
