"""Coded errors of the store and of ``veille ingest``, printed on one line like every veille error.

Their codes (E020–E030, E046–E047) are in the one catalogue of :mod:`veille.errors`;
:class:`StoreError` lets callers catch the store's errors apart. The CLI prints them as
``veille: error E021: ./veille.db: is full (...) — free some space ...`` and
exits with their code (:attr:`~veille.errors.ExitCode.STORE` for the store itself), never with a traceback.
"""

from __future__ import annotations

from veille.errors import ExitCode, VeilleError

STORE_EXIT = int(ExitCode.STORE)
"""Exit code for 'the store cannot be opened or written'."""


class StoreError(VeilleError):
    """A store or corpus error with a stable code, the store or input it concerns and an exit code."""
