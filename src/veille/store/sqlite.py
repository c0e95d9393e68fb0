"""SQLite backend: one file, WAL journal, FTS5 search.

The ingesting process holds the only writing connection; readers (queries,
exports, a server) open their own and are never blocked by it in WAL mode.
Each write is one ``BEGIN IMMEDIATE`` … ``COMMIT``, so a crash or ``kill -9``
leaves either the whole article or nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from veille.store import fts
from veille.store.base import Store
from veille.store.errors import StoreError
from veille.store.rows import Row

_SNIPPET = "snippet({table}, {col}, '[', ']', '…', 16)"


class SQLiteStore(Store):
    """A store in one SQLite file (created with its schema when missing, unless ``create`` is False)."""

    dialect = "sqlite"

    def __init__(self, path: str | Path, create: bool = True, max_pages: int | None = None) -> None:
        """Open ``path``; ``max_pages`` caps the file size in pages (a quota, and how tests fill the disk)."""
        super().__init__(str(path))
        if not create and not Path(path).exists():
            raise StoreError("E020", str(path), "no such store; create it with `veille ingest`")
        try:
            self.conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA busy_timeout = 10000")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if max_pages is not None:
                self.conn.execute(f"PRAGMA max_page_count = {int(max_pages)}")
        except sqlite3.Error as exc:
            raise StoreError("E020", str(path), str(exc)) from None
        self.migrate()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self.conn.in_transaction:  # nested: the outer transaction decides
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _map_error(self, exc: BaseException) -> StoreError | None:
        if not isinstance(exc, sqlite3.Error):
            return None
        message = str(exc)
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "full" in message:
            return StoreError("E021", self.target, message)
        return StoreError("E023", self.target, message)

    def _index(self, table: str, seq: int, row: Row, language: str | None) -> None:
        if table == "articles":
            body = " ".join(filter(None, [row["title"], row["standfirst"], row["text"]]))
            self._execute("INSERT INTO articles_fts (rowid, title, standfirst, text, stems) VALUES (?, ?, ?, ?, ?)",
                          (seq, row["title"], row["standfirst"], row["text"], fts.stems(body, language)))
        else:
            text = row["text"] if table == "quotes" else row["evidence_text"]
            self._execute(f"INSERT INTO {table}_fts (rowid, text, stems) VALUES (?, ?, ?)",
                          (seq, text, fts.stems(text or "", language)))

    def search(self, text: str, what: str = "articles", limit: int = 20) -> list[Row]:
        query = fts.fts5_query(text)
        if query is None:
            return []
        if what == "articles":
            sql = ("SELECT a.id, a.external_id, a.title, a.published, a.language, a.url, a.status, "
                   f"a.duplicate_of, {_SNIPPET.format(table='articles_fts', col=2)} AS snippet, "
                   "bm25(articles_fts, 10.0, 5.0, 1.0, 1.0) AS score FROM articles_fts "
                   "JOIN articles a ON a.seq = articles_fts.rowid "
                   "WHERE articles_fts MATCH ? ORDER BY score LIMIT ?")
        elif what in ("quotes", "events"):
            cols = ("q.text, q.kind, q.speaker, q.speaker_actor_id" if what == "quotes"
                    else "q.event_id, q.type, q.evidence_text AS text, q.date_value")
            sql = (f"SELECT q.article_id, q.n, {cols}, a.title, a.published, "
                   f"{_SNIPPET.format(table=what + '_fts', col=0)} AS snippet, bm25({what}_fts) AS score "
                   f"FROM {what}_fts JOIN {what} q ON q.seq = {what}_fts.rowid "
                   f"JOIN articles a ON a.id = q.article_id WHERE {what}_fts MATCH ? ORDER BY score LIMIT ?")
        else:
            raise StoreError("E025", what, "search articles, quotes or events")
        with self._guard():
            return [dict(r) for r in self.conn.execute(sql, (query, limit))]

    def iter_rows(self, sql: str, params: Sequence[Any] = (), batch: int = 1000) -> Iterator[Row]:
        with self._guard():
            cursor = self.conn.execute(sql, tuple(params))
            while chunk := cursor.fetchmany(batch):
                for row in chunk:
                    yield dict(row)
