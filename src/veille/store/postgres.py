"""PostgreSQL backend (psycopg 3): the same schema, ``tsvector`` search.

Search vectors use the configuration the article's language names in its data
(``veille_french``, ``veille_english``; ``veille_simple`` otherwise, see
:func:`veille.store.fts.pg_config`); a query is matched against every one, so a
user need not say which language they search in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import count
from typing import Any

from veille.store import fts
from veille.store.base import Store
from veille.store.errors import StoreError
from veille.store.rows import Row

_HEADLINE = "ts_headline({cfg}, {col}, {q}, 'StartSel=[, StopSel=], MaxWords=30, MinWords=10')"
_MIGRATION_LOCK = 0x7665696C6C65  # "veille"
_cursor_names = count()


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


class PostgresStore(Store):
    """A store in a PostgreSQL database given by a ``postgresql://`` URL."""

    dialect = "postgresql"
    placeholder = "%s"

    def __init__(self, url: str, create: bool = True) -> None:
        super().__init__(redact(url))
        import psycopg
        from psycopg.rows import dict_row

        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError("E020", self.target, str(exc).strip().splitlines()[0]) from None
        self.migrate()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def _lock_schema(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))

    def _map_error(self, exc: BaseException) -> StoreError | None:
        import psycopg

        if not isinstance(exc, psycopg.Error):
            return None
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if isinstance(exc, (psycopg.errors.DiskFull, psycopg.errors.OutOfMemory)):
            return StoreError("E021", self.target, message)
        return StoreError("E023", self.target, message)

    def _index(self, table: str, seq: int, row: Row, language: str | None) -> None:
        cfg = fts.pg_config(language)
        if table == "articles":
            self._execute("UPDATE articles SET tsv = setweight(to_tsvector(?::regconfig, coalesce(title, '')), 'A') "
                          "|| setweight(to_tsvector(?::regconfig, coalesce(standfirst, '')), 'B') "
                          "|| to_tsvector(?::regconfig, text) WHERE seq = ?", (cfg, cfg, cfg, seq))
        else:
            col = "text" if table == "quotes" else "evidence_text"
            self._execute(f"UPDATE {table} SET tsv = to_tsvector(?::regconfig, coalesce({col}, '')) WHERE seq = ?",
                          (cfg, seq))

    def search(self, text: str, what: str = "articles", limit: int = 20) -> list[Row]:
        if not fts.words(text):
            return []
        q = "(" + " || ".join(f"websearch_to_tsquery('{c}', %(q)s)" for c in fts.pg_configs()) + ")"
        if what == "articles":
            cfg = fts.pg_case("a.language")
            sql = ("SELECT a.id, a.external_id, a.title, a.published, a.language, a.url, a.status, a.duplicate_of, "
                   f"{_HEADLINE.format(cfg=cfg, col='a.text', q=q)} AS snippet, "
                   f"-ts_rank(a.tsv, {q}) AS score FROM articles a WHERE a.tsv @@ {q} "
                   "ORDER BY score, a.seq LIMIT %(limit)s")
        elif what in ("quotes", "events"):
            cols = ("q.text, q.kind, q.speaker, q.speaker_actor_id" if what == "quotes"
                    else "q.event_id, q.type, q.evidence_text AS text, q.date_value")
            col = "q.text" if what == "quotes" else "q.evidence_text"
            cfg = fts.pg_case("q.language")
            sql = (f"SELECT q.article_id, q.n, {cols}, a.title, a.published, "
                   f"{_HEADLINE.format(cfg=cfg, col=col, q=q)} AS snippet, -ts_rank(q.tsv, {q}) AS score "
                   f"FROM {what} q JOIN articles a ON a.id = q.article_id WHERE q.tsv @@ {q} "
                   "ORDER BY score, q.seq LIMIT %(limit)s")
        else:
            raise StoreError("E025", what, "search articles, quotes or events")
        with self._guard():
            return list(self.conn.execute(sql, {"q": text, "limit": limit}))

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """All rows of a read query, in one round trip (a list holds them all anyway; the
        server-side cursor of :meth:`iter_rows` costs three for nothing here)."""
        with self._guard():
            return self.conn.execute(self._sql(sql), tuple(params)).fetchall()

    def iter_rows(self, sql: str, params: Sequence[Any] = (), batch: int = 1000) -> Iterator[Row]:
        with self._guard(), self.conn.transaction(), self.conn.cursor(name=f"veille_{next(_cursor_names)}") as cursor:
            cursor.execute(self._sql(sql), tuple(params))
            while chunk := cursor.fetchmany(batch):
                yield from chunk
