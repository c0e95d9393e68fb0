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
        """Best ``limit`` rows by BM25, then snippets and metadata for those only (snippets are costly)."""
        query = fts.fts5_query(text)
        if query is None:
            return []
        if what == "articles":
            table, weights, col = "articles_fts", "10.0, 5.0, 1.0, 1.0", 2
            meta = ("SELECT a.seq AS _key, a.id, a.external_id, a.title, a.published, a.language, a.url, a.status, "
                    "a.duplicate_of FROM articles a WHERE a.seq IN ({keys})")
        elif what in ("quotes", "events"):
            table, weights, col = f"{what}_fts", "1.0, 1.0", 0
            cols = ("q.text, q.kind, q.speaker, q.speaker_actor_id" if what == "quotes"
                    else "q.event_id, q.type, q.evidence_text AS text, q.date_value")
            meta = (f"SELECT q.seq AS _key, q.article_id, q.n, {cols}, a.title, a.published FROM {what} q "
                    "JOIN articles a ON a.id = q.article_id WHERE q.seq IN ({keys})")
        else:
            raise StoreError("E025", what, "search articles, quotes or events")
        with self._guard():
            top = self.conn.execute(f"SELECT rowid, bm25({table}, {weights}) AS score FROM {table} "
                                    f"WHERE {table} MATCH ? ORDER BY score LIMIT ?", (query, limit)).fetchall()
            if not top:
                return []
            keys = [r[0] for r in top]
            marks = ", ".join("?" for _ in keys)
            snippets = dict(self.conn.execute(
                f"SELECT rowid, {_SNIPPET.format(table=table, col=col)} FROM {table} "
                f"WHERE {table} MATCH ? AND rowid IN ({marks})", (query, *keys)).fetchall())
            rows = {r["_key"]: dict(r) for r in self.conn.execute(meta.format(keys=marks), keys)}
        out = []
        for key, score in top:
            row = rows.get(key)
            if row is not None:
                row.pop("_key")
                out.append({**row, "snippet": snippets.get(key), "score": score})
        return out

    def iter_rows(self, sql: str, params: Sequence[Any] = (), batch: int = 1000) -> Iterator[Row]:
        with self._guard():
            cursor = self.conn.execute(sql, tuple(params))
            while chunk := cursor.fetchmany(batch):
                for row in chunk:
                    yield dict(row)
