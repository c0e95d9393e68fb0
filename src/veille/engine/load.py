"""``veille load DIR --db …``: an engine's Parquet tables into a SQLite or PostgreSQL store.

Articles are read in ``position`` order, batch by batch (memory flat in the
output's size), and each is written with :meth:`veille.store.Store.write_article`
— one transaction per article, with its mentions, full-text entries,
signature and band keys — so a load is idempotent and resumable like an
ingest: what is stored already is skipped. Decisions (duplicates, stories)
are the engine's, made over the engine's whole input: load into a new
store, or one that holds none of the same articles.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from veille.engine.errors import EngineError
from veille.engine.tables import arrow_schema, record_from_row
from veille.store import Store


@dataclass
class LoadStats:
    """What a load did."""

    articles: int = 0
    """Articles written."""
    known: int = 0
    """Articles already in the store (skipped)."""
    failures: int = 0
    """Failure rows written (or already there)."""

    def as_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        return f"loaded {self.articles} articles · already stored {self.known} · failures {self.failures}"


def _dataset(folder: Path, table: str):  # noqa: ANN202 - pyarrow.dataset.Dataset
    import pyarrow.dataset as ds

    path = folder / table
    if not path.is_dir():
        raise EngineError("E064", str(folder), f"no {table}/ table")
    try:
        data = ds.dataset(str(path), format="parquet")
    except Exception as exc:  # noqa: BLE001 - pyarrow's errors: one line
        raise EngineError("E064", str(path), str(exc).splitlines()[0][:200]) from None
    want = arrow_schema(table)
    missing = [f.name for f in want if f.name not in data.schema.names]
    if missing:
        raise EngineError("E064", str(path), f"missing columns {', '.join(missing)}")
    return data


def _batches(data, columns: list[str]):  # noqa: ANN001, ANN202 - record batches, files in name order
    import pyarrow.dataset as ds

    for fragment in sorted(data.get_fragments(), key=lambda f: f.path):
        yield from ds.dataset(fragment.path, format="parquet").to_batches(columns=columns, batch_size=256)


def load(folder: str | Path, store: Store) -> LoadStats:
    """Import the Parquet tables in ``folder`` into ``store``; return what was written."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EngineError("E064", str(folder), "no such folder")
    articles = _dataset(folder, "articles")
    failures = _dataset(folder, "failures")
    stats = LoadStats()
    names = [f.name for f in arrow_schema("articles")]
    last = -1
    for batch in _batches(articles, names):
        for row in batch.to_pylist():
            if row["position"] <= last:
                raise EngineError("E064", str(folder / "articles"), "rows are not in position order")
            last = row["position"]
            if store.write_article(record_from_row(row)):
                stats.articles += 1
            else:
                stats.known += 1
    for batch in _batches(failures, ["source", "item", "code", "reason"]):
        for row in batch.to_pylist():
            store.write_failure(row["source"], row["item"], row["code"], row["reason"])
            stats.failures += 1
    return stats
