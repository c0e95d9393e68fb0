"""The Parquet tables an engine writes: the store's tables, column for column.

Each table's columns and types come from the store's own migrations
(:func:`veille.store.schema.table_columns`), so a Parquet output and a store
never drift apart; rows are built by the store's own row builders
(:mod:`veille.store.rows`). The ``articles`` table adds what a loader needs
to rebuild the store exactly and a cluster job needs to order rows:

- ``position``: the item's place in the input (the store's ``seq`` order);
- ``signature``: the near-duplicate MinHash of an original (the store's ``minhashes``);
- ``band_scheme``, ``band_keys``: its LSH band keys (the store's ``minhash_bands``).

``removals`` (one row per unit repair removed, with its reason) has no table
in the store, which keeps removals in ``article_json``.
"""

from __future__ import annotations

import json

from veille.store.rows import (
    ArticleRecord, Row, actor_rows, article_row, entity_rows, event_rows, now, quote_rows, relation_rows,
)
from veille.store.schema import table_columns

TABLES = ("articles", "actor_mentions", "entities", "quotes", "events", "event_participants", "relations",
          "removals", "failures")
"""Tables of an engine's output folder, one Parquet dataset each."""

ARTICLE_EXTRA = [("position", "BIGINT"), ("signature", "{blob}"), ("band_scheme", "TEXT"), ("band_keys", "BIGINT[]")]
REMOVAL_COLUMNS = [("article_id", "TEXT"), ("n", "INTEGER"), ("kind", "TEXT"), ("text", "TEXT"), ("reason", "TEXT"),
                   ("input_position", "INTEGER")]


def columns(table: str) -> list[tuple[str, str]]:
    """``(column, SQL type)`` of an output table (the store's, without ``seq``)."""
    if table == "removals":
        return REMOVAL_COLUMNS
    cols = [c for c in table_columns(table) if c[0] != "seq"]
    return cols + ARTICLE_EXTRA if table == "articles" else cols


def arrow_schema(table: str):  # noqa: ANN201 - pyarrow.Schema
    """The table's pyarrow schema."""
    import pyarrow as pa

    types = {"TEXT": pa.string(), "INTEGER": pa.int64(), "BIGINT": pa.int64(), "{real}": pa.float64(),
             "{blob}": pa.binary(), "BIGINT[]": pa.list_(pa.int64())}
    return pa.schema([(name, types[kind]) for name, kind in columns(table)])


def spark_schema(table: str):  # noqa: ANN201 - pyspark StructType
    """The table's Spark schema (the same types as :func:`arrow_schema`)."""
    from pyspark.sql import types as T  # noqa: N812 - the pyspark convention

    kinds = {"TEXT": T.StringType(), "INTEGER": T.LongType(), "BIGINT": T.LongType(), "{real}": T.DoubleType(),
             "{blob}": T.BinaryType(), "BIGINT[]": T.ArrayType(T.LongType())}
    return T.StructType([T.StructField(name, kinds[kind], True) for name, kind in columns(table)])


def record_rows(rec: ArticleRecord, position: int) -> dict[str, list[Row]]:
    """Every output row of one decided article, by table."""
    a = rec.article
    article = {**article_row(rec), "position": position, "signature": rec.signature,
               "band_scheme": rec.bands[0] if rec.bands else None, "band_keys": rec.bands[1] if rec.bands else None}
    events, people = event_rows(a)
    removals = [{"article_id": a.id, "n": i, "kind": r.kind, "text": r.text, "reason": r.reason,
                 "input_position": r.position} for i, r in enumerate(a.removed)]
    return {"articles": [article], "actor_mentions": actor_rows(a), "entities": entity_rows(a),
            "quotes": quote_rows(a), "events": events, "event_participants": people,
            "relations": relation_rows(a), "removals": removals}


def failure_row(source: str, item: str, code: str, reason: str) -> Row:
    """The ``failures`` row of an input that could not be used."""
    return {"source": source, "item": item, "code": code, "reason": reason, "time": now()}


def record_from_row(row: Row) -> ArticleRecord:
    """The :class:`ArticleRecord` an ``articles`` row was built from (what a loader writes)."""
    from veille.model import Article

    bands = (row["band_scheme"], list(row["band_keys"])) if row.get("band_scheme") else None
    return ArticleRecord(
        Article.model_validate_json(row["article_json"]), row["content_hash"], external_id=row["external_id"],
        status=row["status"], flags=json.loads(row["flags"]), duplicate_of=row["duplicate_of"],
        similarity=row["similarity"], differences=json.loads(row["differences"]) if row["differences"] else None,
        signature=row["signature"], story_id=row["story_id"], bands=bands,
    )
