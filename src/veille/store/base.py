"""What both backends share: migrations, the one-transaction article write, reads.

A backend supplies a DB-API connection, its transaction handling, how a
database error maps to a coded :class:`StoreError`, and its full-text
indexing and search. SQL here is written once with ``?`` placeholders.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

from veille.store.errors import StoreError
from veille.store.rows import (
    ArticleRecord, Row, actor_rows, article_row, entity_rows, event_rows, now, quote_rows, relation_rows,
)
from veille.store.schema import MIGRATIONS, SCHEMA_VERSION


class Store(ABC):
    """A veille store. Writes go through :meth:`write_article` and :meth:`write_failure` only."""

    dialect: str = ""
    placeholder = "?"

    def __init__(self, target: str) -> None:
        self.target = target
        self.conn: Any = None

    # -- backend hooks ---------------------------------------------------------------------------

    @abstractmethod
    def _transaction(self):  # noqa: ANN202 - a context manager
        """Context manager around one write transaction (rolled back on error)."""

    @abstractmethod
    def _map_error(self, exc: BaseException) -> StoreError | None:
        """The coded error for a database exception, or None when it is not a database error."""

    @abstractmethod
    def _index(self, table: str, seq: int, row: Row, language: str | None) -> None:
        """Add one row of ``articles``, ``quotes`` or ``events`` to full-text search."""

    @abstractmethod
    def search(self, text: str, what: str = "articles", limit: int = 20) -> list[Row]:
        """Full-text search over ``articles``, ``quotes`` or ``events``, best first."""

    @abstractmethod
    def iter_rows(self, sql: str, params: Sequence[Any] = (), batch: int = 1000) -> Iterator[Row]:
        """Stream the rows of a query as dicts (memory flat in the result size)."""

    # -- plumbing ----------------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self._sql(sql), tuple(params))

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """All rows of a read query as dicts (``?`` placeholders in both dialects)."""
        return list(self.iter_rows(sql, params))

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        """The first row of a query as a tuple, or None."""
        row = self._execute(sql, params).fetchone()
        if row is None:
            return None
        return tuple(row.values()) if isinstance(row, dict) else tuple(row)

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.one(sql, params)
        return None if row is None else row[0]

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn database exceptions into coded errors naming the store."""
        try:
            yield
        except StoreError:
            raise
        except Exception as exc:
            mapped = self._map_error(exc)
            if mapped is None:
                raise
            raise mapped from None

    def _insert(self, table: str, row: Row, returning: bool = True) -> int | None:
        cols = list(row)
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
        if not returning:
            self._execute(sql, [row[c] for c in cols])
            return None
        found = self.one(sql + " RETURNING seq", [row[c] for c in cols])
        return found[0] if found else None

    # -- schema ------------------------------------------------------------------------------

    def migrate(self) -> int:
        """Bring the schema to this code's version; return the version found before."""
        with self._guard():
            self._execute("CREATE TABLE IF NOT EXISTS schema_version "
                          "(version INTEGER NOT NULL, description TEXT NOT NULL, applied_at TEXT NOT NULL)")
            with self._transaction():
                self._lock_schema()
                found = self.scalar("SELECT MAX(version) FROM schema_version") or 0
                if found > SCHEMA_VERSION:
                    raise StoreError("E022", self.target, f"{found}, this veille knows {SCHEMA_VERSION}")
                for migration in (m for m in MIGRATIONS if m.version > found):
                    for statement in migration.statements(self.dialect):
                        self._execute(statement)
                    self._execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                                  (migration.version, migration.description, now()))
        return found

    def _lock_schema(self) -> None:  # noqa: B027 - a hook: nothing to do on SQLite
        """Serialise concurrent migrations (SQLite's write lock already does)."""

    def schema_version(self) -> int:
        """The schema version of the store."""
        return self.scalar("SELECT MAX(version) FROM schema_version") or 0

    # -- writes ------------------------------------------------------------------------------

    def write_article(self, rec: ArticleRecord) -> bool:
        """Write one article and everything that hangs off it in one transaction.

        Returns False (and writes nothing) when an article with this id is
        already stored, so replaying an input is harmless.
        """
        row = article_row(rec)
        lang = rec.article.language
        cols = list(row)
        sql = (f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
               "ON CONFLICT (id) DO NOTHING RETURNING seq")
        with self._guard(), self._transaction():
            found = self.one(sql, [row[c] for c in cols])
            seq = found[0] if found else None
            if seq is None:
                return False
            self._index("articles", seq, row, lang)
            self._write_mentions(rec)
            if rec.signature is not None:
                self._insert("minhashes", {"article_id": row["id"], "signature": rec.signature}, returning=False)
            if rec.bands is not None:
                self._write_bands(row["id"], *rec.bands)
            if rec.fetched is not None:
                self._remember_fetch(rec.fetched.url, rec.fetched.etag, rec.fetched.last_modified)
        return True

    def _write_mentions(self, rec: ArticleRecord) -> None:
        a = rec.article
        for r in actor_rows(a):
            self._insert("actor_mentions", r, returning=False)
        for r in entity_rows(a):
            self._insert("entities", r, returning=False)
        for r in quote_rows(a):
            self._index("quotes", cast(int, self._insert("quotes", r)), r, a.language)
        events, people = event_rows(a)
        for r in events:
            self._index("events", cast(int, self._insert("events", r)), r, a.language)
        for r in people:
            self._insert("event_participants", r, returning=False)
        for r in relation_rows(a):
            self._insert("relations", r, returning=False)

    def _write_bands(self, article_id: str, scheme: str, keys: list[int]) -> None:
        cursor = self.conn.cursor()
        try:
            cursor.executemany(self._sql("INSERT INTO minhash_bands (scheme, band_key, article_id) VALUES (?, ?, ?)"),
                               [(scheme, key, article_id) for key in keys])
        finally:
            cursor.close()

    def backfill_bands(self, scheme: str, rows_of: Callable[[bytes], tuple[str, list[int]]],
                       batch: int = 1000) -> int:
        """Band every stored original that has no keys of ``scheme`` yet (a store written
        before the band table, or under another threshold); return how many. ``rows_of``
        turns a signature into ``(scheme, keys)``. One transaction per ``batch``."""
        sql = ("SELECT m.article_id, m.signature FROM minhashes m JOIN articles a ON a.id = m.article_id "
               "WHERE NOT EXISTS (SELECT 1 FROM minhash_bands b WHERE b.article_id = m.article_id "
               "AND b.scheme = ?) ORDER BY a.seq")
        done = 0
        while True:
            with self._guard():
                todo = [(r["article_id"], bytes(r["signature"]))
                        for r in self.rows(sql + f" LIMIT {int(batch)}", (scheme,))]
            if not todo:
                return done
            with self._guard(), self._transaction():
                for article_id, signature in todo:
                    self._write_bands(article_id, *rows_of(signature))
            done += len(todo)

    def near_candidates(self, keys: list[int]) -> list[str]:
        """Originals sharing a band key with ``keys``, oldest first (one indexed query)."""
        if not keys:
            return []
        marks = ", ".join("?" for _ in keys)
        sql = (f"SELECT a.id, a.seq FROM articles a WHERE a.id IN (SELECT b.article_id FROM minhash_bands b "
               f"WHERE b.band_key IN ({marks})) ORDER BY a.seq")
        with self._guard():
            return [r["id"] for r in self.rows(sql, keys)]

    def write_failure(self, source: str, item: str, code: str, reason: str) -> None:
        """Record an input that could not be used (once per source, item and code)."""
        with self._guard(), self._transaction():
            self._execute("INSERT INTO failures (source, item, code, reason, time) VALUES (?, ?, ?, ?, ?) "
                          "ON CONFLICT (source, item, code) DO NOTHING", (source, item, code, reason, now()))

    def remember_fetch(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Keep a URL's validators for the next conditional GET (outside an article write)."""
        with self._guard(), self._transaction():
            self._remember_fetch(url, etag, last_modified)

    def _remember_fetch(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._execute("INSERT INTO fetch_cache (url, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                      "last_modified = excluded.last_modified, fetched_at = excluded.fetched_at",
                      (url, etag, last_modified, now()))

    def write(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> int:
        """Run write statements (``?`` placeholders) in one transaction; the rows they changed.

        For stages that own tables of their own (``veille watch``'s alerts and polls);
        articles go through :meth:`write_article` only."""
        changed = 0
        with self._guard(), self._transaction():
            for sql, params in statements:
                cursor = self._execute(sql, params)
                changed += max(0, getattr(cursor, "rowcount", 0) or 0)
        return changed

    # -- reads used by ingest and dedup -------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """True when an article with this veille id is stored."""
        return self.article_seq(article_id) is not None

    def article_seq(self, article_id: str) -> int | None:
        """The ingest-order number of a stored article, or None when it is not stored."""
        with self._guard():
            return self.scalar("SELECT seq FROM articles WHERE id = ?", (article_id,))

    def story_of(self, article_id: str) -> str | None:
        """The story a stored article belongs to (None when unknown or not clustered)."""
        with self._guard():
            return self.scalar("SELECT story_id FROM articles WHERE id = ?", (article_id,))

    def clustered(self, last: int = 0) -> Iterator[tuple[str, str]]:
        """(article JSON, story id) of the ``last`` most recent clustered originals (0: all),
        in ingest order: what story clustering needs to pick up where it stopped."""
        where = "story_id IS NOT NULL AND duplicate_of IS NULL"
        if last > 0:
            with self._guard():
                floor = self.scalar(f"SELECT seq FROM articles WHERE {where} ORDER BY seq DESC LIMIT 1 OFFSET ?",
                                    (int(last) - 1,))
            where += f" AND seq >= {int(floor)}" if floor is not None else ""
        for row in self.iter_rows(f"SELECT article_json, story_id FROM articles WHERE {where} ORDER BY seq"):
            yield row["article_json"], row["story_id"]

    def last_seq(self) -> int:
        """The highest ingest-order number (0 for an empty store)."""
        with self._guard():
            return int(self.scalar("SELECT MAX(seq) FROM articles") or 0)

    def original_with_hash(self, content_hash: str) -> str | None:
        """The id of the first stored original whose normalised text has this hash."""
        with self._guard():
            return self.scalar("SELECT id FROM articles WHERE content_hash = ? AND status <> 'duplicate' "
                               "ORDER BY seq LIMIT 1", (content_hash,))

    def text_of(self, article_id: str) -> tuple[str | None, str] | None:
        """``(title, text)`` of a stored article, or None."""
        with self._guard():
            row = self.one("SELECT title, text FROM articles WHERE id = ?", (article_id,))
        return (row[0], row[1]) if row is not None else None

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """``(article id, MinHash signature)`` of every indexed article, in ingest order."""
        sql = "SELECT m.article_id, m.signature FROM minhashes m JOIN articles a ON a.id = m.article_id ORDER BY a.seq"
        with self._guard():
            for row in self.iter_rows(sql):
                yield row["article_id"], bytes(row["signature"])

    def fetch_validators(self, url: str) -> tuple[str | None, str | None] | None:
        """``(etag, last_modified)`` remembered for ``url``, or None."""
        with self._guard():
            row = self.one("SELECT etag, last_modified FROM fetch_cache WHERE url = ?", (url,))
        return (row[0], row[1]) if row is not None else None

    def counts(self) -> dict[str, int]:
        """Rows per data table, and articles per status."""
        from veille.store.schema import CONTENT_TABLES

        with self._guard():
            out = {t: int(self.scalar(f"SELECT COUNT(*) FROM {t}") or 0) for t in CONTENT_TABLES}
            for row in self.rows("SELECT status, COUNT(*) AS n FROM articles GROUP BY status"):
                out[f"articles.{row['status']}"] = int(row["n"])
        return out

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.target}>"


def loads(value: str | None) -> Any:
    """JSON column to Python (None stays None)."""
    return json.loads(value) if value else None
