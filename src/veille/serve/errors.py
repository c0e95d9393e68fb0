"""Coded errors of ``veille serve``, ``veille watch`` and ``veille alerts`` (E050–E059).

They print on one line like every veille error —
``veille: error E052: watch.toml: invalid watchlist (...) — see docs/serve.md`` —
and exit with their code; the web server shows E056/E057 as HTTP 413/403 pages.
"""

from __future__ import annotations

from veille.errors import VeilleError

_CATALOGUE: dict[str, tuple[int, str, str]] = {
    "E050": (8, "cannot listen ({detail})", "choose another --port, or stop what uses it"),
    "E051": (2, "invalid duration ({detail})", "give seconds or a number with s, m, h or d, e.g. --every 15m"),
    "E052": (4, "invalid watchlist ({detail})", "see the watchlist format in docs/serve.md"),
    "E053": (3, "no such watchlist", "check the path given to --watchlist"),
    "E054": (2, "invalid webhook URL ({detail})", "give an http:// or https:// URL"),
    "E055": (1, "needs the serve extra ({detail})", "pip install 'veille[serve]'"),
    "E056": (4, "is too large ({detail})", "send at most the size the server accepts"),
    "E057": (9, "refused: the server is read-only", "restart `veille serve` without --read-only to store"),
    "E058": (2, "invalid value ({detail})", "see `veille serve --help` or `veille watch --help`"),
}


class ServeError(VeilleError):
    """An error of the server or the watcher, with a stable code and an exit code."""

    catalogue = _CATALOGUE
