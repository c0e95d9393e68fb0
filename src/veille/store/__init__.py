"""Store stage: articles, their mentions and failures in SQLite or PostgreSQL.

``open_store("./veille.db")`` or ``open_store("postgresql://…")`` gives a
:class:`Store` with the current schema; :mod:`veille.store.query` reads it as
plain dict rows. The schema is in :mod:`veille.store.schema` and docs/corpus.md.
"""

from __future__ import annotations

from pathlib import Path

from veille.store.base import Store
from veille.store.errors import StoreError
from veille.store.rows import ArticleRecord, Fetched

__all__ = ["ArticleRecord", "DEFAULT_DB", "Fetched", "Store", "StoreError", "is_postgres", "open_store"]

DEFAULT_DB = "./veille.db"
"""Where the store lives when no ``--db`` is given."""


def is_postgres(target: str | Path) -> bool:
    """True for ``postgresql://`` (or ``postgres://``) URLs."""
    return str(target).startswith(("postgresql://", "postgres://"))


def open_store(target: str | Path = DEFAULT_DB, create: bool = True, **kwargs: object) -> Store:
    """Open (and migrate) the store at a SQLite path or a PostgreSQL URL.

    With ``create=False`` a missing SQLite file is an error rather than a new empty store.
    """
    if is_postgres(target):
        from veille.store.postgres import PostgresStore

        return PostgresStore(str(target), create=create)
    from veille.store.sqlite import SQLiteStore

    return SQLiteStore(target, create=create, **kwargs)  # type: ignore[arg-type]
