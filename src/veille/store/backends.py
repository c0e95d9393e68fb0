"""Store backends by URL scheme: ``open_store`` looks the scheme up here.

A target with a scheme (``postgresql://…``) opens the backend registered under that
scheme; a target without one is a path, opened by the ``sqlite`` backend. A backend
is a function ``(target, create, **kwargs) -> Store`` that imports its driver only
when called, so psycopg is imported only for a PostgreSQL store. A new database is
one module that registers its opener::

    from veille.store.backends import BACKENDS

    @BACKENDS.register("duckdb")
    def _open_duckdb(target, create=True, **kwargs):
        from mypackage.duckdb_store import DuckDBStore
        return DuckDBStore(target, create=create)

An unknown scheme is E020 naming the target and listing the known schemes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from veille.registry import Registry
from veille.store.base import Store
from veille.store.errors import StoreError

PATH_BACKEND = "sqlite"
"""The backend of a target that is a path, not a URL."""

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


class Opener(Protocol):
    """Opens (and migrates) a store: ``create=False`` makes a missing store an error, not a new one."""

    def __call__(self, target: str | Path, create: bool = True, **kwargs: object) -> Store: ...


BACKENDS: Registry[Opener] = Registry("store backend", code="E020", error=StoreError)
"""URL scheme -> opener; ``sqlite`` also opens every plain path."""


def scheme_of(target: str | Path) -> str:
    """The scheme of a URL target (as written: schemes are registered lower case), or :data:`PATH_BACKEND` for a path."""
    if isinstance(target, Path):
        return PATH_BACKEND
    match = _SCHEME.match(target)
    return match.group(1) if match else PATH_BACKEND


@BACKENDS.register(PATH_BACKEND)
def _open_sqlite(target: str | Path, create: bool = True, **kwargs: object) -> Store:
    """A SQLite file (``max_pages`` bounds its size, for tests of a full disk)."""
    from veille.store.sqlite import SQLiteStore

    return SQLiteStore(target, create=create, **kwargs)  # type: ignore[arg-type]


def _open_postgres(target: str | Path, create: bool = True, **kwargs: object) -> Store:
    """A PostgreSQL database by its ``postgresql://`` (or ``postgres://``) URL; psycopg imported here."""
    from veille.store.postgres import PostgresStore

    return PostgresStore(str(target), create=create)


BACKENDS.add("postgresql", _open_postgres)
BACKENDS.add("postgres", _open_postgres)
