"""Coded errors of the engines (E060–E069), printed on one line like every veille error.

Their codes are in the one catalogue of :mod:`veille.errors`; :class:`EngineError` lets callers
catch the engines' errors apart.
"""

from __future__ import annotations

from veille.errors import VeilleError


class EngineError(VeilleError):
    """An engine error with a stable code, the input or folder it concerns and an exit code."""
