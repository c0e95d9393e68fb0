"""Store stage: articles, their mentions and failures in SQLite or PostgreSQL.

``open_store("./veille.db")`` or ``open_store("postgresql://…")`` gives a
:class:`Store` with the current schema; :mod:`veille.store.query` reads it as
plain dict rows. The schema is in :mod:`veille.store.schema` and docs/corpus.md.
Which backend opens a target is looked up by its URL scheme in
:data:`veille.store.backends.BACKENDS` (a path: ``sqlite``).
"""

from __future__ import annotations

from pathlib import Path

from veille.store.backends import BACKENDS, scheme_of
from veille.store.base import Store
from veille.store.errors import StoreError
from veille.store.rows import ArticleRecord, Fetched

__all__ = ["BACKENDS", "ArticleRecord", "DEFAULT_DB", "Fetched", "Store", "StoreError", "is_postgres", "open_store"]

DEFAULT_DB = "./veille.db"
"""Where the store lives when no ``--db`` is given."""


def is_postgres(target: str | Path) -> bool:
    """True for ``postgresql://`` (or ``postgres://``) URLs."""
    return scheme_of(target) in ("postgresql", "postgres")


def open_store(target: str | Path = DEFAULT_DB, create: bool = True, **kwargs: object) -> Store:
    """Open (and migrate) the store at a SQLite path or a PostgreSQL URL.

    With ``create=False`` a missing SQLite file is an error rather than a new empty store.
    The backend is the one :data:`BACKENDS` registers for the target's URL scheme (a path:
    ``sqlite``); an unknown scheme is E020.
    """
    return BACKENDS.get(scheme_of(target), str(target))(target, create=create, **kwargs)
