"""Read the store as plain dict rows (easy to load into pandas or polars).

Every function takes an open :class:`~veille.store.Store` or a store path/URL
and returns ``list[dict]`` or streams dicts; ``export`` writes JSONL, CSV or
Parquet. The CLI's ``search``, ``articles``, ``failures`` and ``export`` are
thin wrappers over these.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from veille.store import Store, StoreError, open_store
from veille.store.rows import Row

ARTICLE_COLUMNS = ("id", "external_id", "source", "url", "title", "section", "standfirst", "author", "site",
                   "published", "language", "status", "flags", "duplicate_of", "similarity", "differences",
                   "story_id", "content_hash", "ingested_at", "text")
"""Columns of article rows, in order (``article_json`` only on request)."""

FAILURE_COLUMNS = ("source", "item", "code", "reason", "time")
EXPORTS = ("articles", "failures")
FORMATS = ("jsonl", "csv", "parquet")
SEARCHABLE = ("articles", "quotes", "events")

StoreLike = Store | str | Path


@contextmanager
def _opened(store: StoreLike) -> Iterator[Store]:
    if isinstance(store, Store):
        yield store
        return
    opened = open_store(store, create=False)
    try:
        yield opened
    finally:
        opened.close()


def search(store: StoreLike, text: str, what: str = "articles", limit: int = 20) -> list[Row]:
    """Full-text search (words match as written or by their French/English stem), best first."""
    if what not in SEARCHABLE:
        raise StoreError("E025", what, f"search one of {', '.join(SEARCHABLE)}")
    with _opened(store) as s:
        return s.search(text, what, limit)


def _where(status: str | None, language: str | None, since: str | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if status:
        clauses.append("status = ?")
        params.append(status)
    if language:
        clauses.append("language = ?")
        params.append(language)
    if since:
        clauses.append("published >= ?")
        params.append(since)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def iter_articles(store: StoreLike, status: str | None = None, language: str | None = None,
                  since: str | None = None, limit: int | None = None, with_json: bool = False,
                  with_text: bool = True) -> Iterator[Row]:
    """Article rows in ingest order (``flags`` and ``differences`` decoded from JSON)."""
    cols = [c for c in ARTICLE_COLUMNS if with_text or c != "text"] + (["article_json"] if with_json else [])
    where, params = _where(status, language, since)
    sql = f"SELECT {', '.join(cols)} FROM articles{where} ORDER BY seq"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    with _opened(store) as s:
        for row in s.iter_rows(sql, params):
            row["flags"] = json.loads(row["flags"]) if row.get("flags") else []
            if row.get("differences"):
                row["differences"] = json.loads(row["differences"])
            yield row


def articles(store: StoreLike, **kwargs: Any) -> list[Row]:
    """All article rows (see :func:`iter_articles` for the filters)."""
    return list(iter_articles(store, **kwargs))


def iter_failures(store: StoreLike, source: str | None = None, code: str | None = None,
                  limit: int | None = None) -> Iterator[Row]:
    """Failure rows, oldest first."""
    clauses, params = [], []
    if source:
        clauses.append("source = ?")
        params.append(source)
    if code:
        clauses.append("code = ?")
        params.append(code)
    sql = f"SELECT {', '.join(FAILURE_COLUMNS)} FROM failures"
    sql += (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY seq"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    with _opened(store) as s:
        yield from s.iter_rows(sql, params)


def failures(store: StoreLike, **kwargs: Any) -> list[Row]:
    """All failure rows (filters: ``source``, ``code``, ``limit``)."""
    return list(iter_failures(store, **kwargs))


def stats(store: StoreLike) -> dict[str, int]:
    """Rows per table and articles per status."""
    with _opened(store) as s:
        return s.counts()


def _rows(store: Store, what: str) -> Iterator[Row]:
    if what == "articles":
        return iter_articles(store)
    if what == "failures":
        return iter_failures(store)
    raise StoreError("E025", what, f"export one of {', '.join(EXPORTS)}")


def _flat(row: Row) -> Row:
    """Lists and dicts as JSON strings (for CSV and Parquet)."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}


def export(store: StoreLike, what: str = "articles", fmt: str = "jsonl", out: str | Path | IO | None = None,
           batch: int = 5000) -> int:
    """Write ``what`` as JSONL, CSV or Parquet to ``out`` (a path, a text stream, or stdout); return the row count."""
    if fmt not in FORMATS:
        raise StoreError("E025", fmt, f"format one of {', '.join(FORMATS)}")
    with _opened(store) as s:
        rows = _rows(s, what)
        if fmt == "parquet":
            if out is None or out == "-" or not isinstance(out, (str, Path)):
                raise StoreError("E025", "parquet", "give an output file with --output")
            return _parquet(rows, Path(out), what, batch)
        with _text_out(out) as handle:
            return _jsonl(rows, handle) if fmt == "jsonl" else _csv(rows, handle, what)


@contextmanager
def _text_out(out: str | Path | IO | None) -> Iterator[IO]:
    if out is None or out == "-":
        yield sys.stdout
    elif isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            yield handle
    else:
        yield out


def _jsonl(rows: Iterator[Row], handle: IO) -> int:
    n = 0
    for n, row in enumerate(rows, 1):
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return n


def _csv(rows: Iterator[Row], handle: IO, what: str) -> int:
    columns = ARTICLE_COLUMNS if what == "articles" else FAILURE_COLUMNS
    writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    n = 0
    for n, row in enumerate(rows, 1):
        writer.writerow(_flat(row))
    return n


def _parquet(rows: Iterator[Row], path: Path, what: str, batch: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = ARTICLE_COLUMNS if what == "articles" else FAILURE_COLUMNS
    types = {"similarity": pa.float64()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in columns])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[Row] = []
        for row in rows:
            chunk.append(_flat(row))
            if len(chunk) >= batch:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n
