"""Engines: where the stages run. The stages are the same everywhere.

- **local** (:func:`veille.ingest.ingest`): this machine, a pool of worker
  processes, the store written as it goes.
- **spark** (:func:`veille.engine.spark.run`): Apache Spark, one spaCy pipeline
  per executor (its Python workers forked warm), read → repair → understand in ``mapPartitions``
  with :func:`veille.ingest.process_batch` (the local workers' function),
  near-duplicates by a join on the same LSH band keys as the store's index,
  stories by the same online clusterer, Parquet tables out
  (:mod:`veille.engine.tables`); :func:`veille.engine.load.load` imports them
  into a store. Decisions are those of the local engine, so both give the
  same store (tested).
"""

from veille.engine.errors import EngineError

__all__ = ["EngineError"]
