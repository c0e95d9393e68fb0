"""The Spark engine: read → repair → understand on a cluster, the same decisions as ingest.

``veille ingest --engine spark SOURCES… --out DIR`` runs :func:`run`; ``veille
load DIR --db …`` imports the result into a store. The job, stage by stage:

1. **Shards.** The driver lists input files (folders expanded as ingest
   expands them); each file is one read task on an executor, using the
   corpus readers (:mod:`veille.read.corpus`). Each entry gets its
   ``position`` in the input (``zipWithIndex``), the order ingest writes in.
2. **Process.** Items are spread over ``partitions`` by their id (the same
   item twice in the input is kept once, at its first position), then each
   partition runs :func:`veille.ingest.process_batch` — the local workers'
   function — over batches, in ``mapPartitions``: one spaCy pipeline per
   executor, loaded by PySpark's daemon before it forks the Python workers
   (:mod:`veille.engine.spark_daemon`), which are reused from task to task.
3. **Duplicates.** Exact: all but the first article of each content hash. Near:
   every first article's LSH band keys (the very keys of the store's band
   table, :class:`veille.link.dedup.Bands`) are joined; candidate pairs get
   their exact Jaccard in parallel; then one ordered pass decides, as ingest
   does, which candidates are originals at that point.
4. **Stories.** The originals' story profiles (computed in step 2), in input
   order, go through the same windowed :class:`~veille.link.stories.StoryClusterer`
   in one task; duplicates take their original's story.
5. **Tables.** Every article's rows, built by the store's row builders, are
   written as Parquet (:mod:`veille.engine.tables`), ``articles`` sorted by
   position; ``_veille_run.json`` holds the counts.

Steps 3's decision pass and 4 are ordered scans over small records (ids,
positions, profiles): they run in one task each, with memory bounded by a
bitmap of positions and the story window.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from veille.engine.errors import EngineError
from veille.engine.tables import TABLES, failure_row, record_rows, spark_schema
from veille.ingest import PRELOAD_ENV, IngestOptions, IngestStats, Processed, preload_table, process_batch
from veille.link.dedup import Match, bands_for, as_link, differences, jaccard, shingle_set
from veille.read.corpus import Entry, Failure, Item, iter_file, iter_path, kind_of
from veille.read.source import is_url
from veille.store.rows import ArticleRecord

log = logging.getLogger(__name__)

DEFAULT_MASTER = "local[*,4]"
"""Spark master when none is given: every core of this machine, a failed task retried up to 4 times
(plain ``local[N]`` never retries a task; on a cluster ``spark.task.maxFailures`` does)."""


PYTHON_WORKER_MEMORY = "2g"
"""Default ``spark.python.worker.memory``: the spaCy pipelines a Python worker holds (about 1 GB
with both) plus 1 GB for merging a shuffle before spilling it to disk (PySpark's default, 512m,
is below the pipelines alone). ``--conf spark.python.worker.memory=…`` overrides it."""


LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1"
"""Default ``spark.driver.extraJavaOptions`` in local mode, where the driver JVM runs the executors on
the cores the Python workers need: its just-in-time compiler stops at the quick tier (C1), whose
compiled code is plenty for the JVM's light part here (shuffling small records, writing Parquet),
instead of spending seconds of CPU in C2 (measured: 19% less CPU for the whole job on 300 articles,
same output). ``--conf spark.driver.extraJavaOptions=…`` replaces it."""


@dataclass(frozen=True)
class SparkOptions:
    """Where and how the Spark job runs."""

    master: str = DEFAULT_MASTER
    partitions: int = 0
    """Processing partitions (0: four per core of the cluster)."""
    conf: tuple[tuple[str, str], ...] = ()
    """Extra Spark settings, e.g. ``(("spark.executor.memory", "4g"),)``."""


# -- the driver ------------------------------------------------------------------------------------


def shards(sources: Iterable[str], options: IngestOptions) -> list[tuple[str, str]]:
    """``(source label, path)`` of every file to read, in ingest's order; refuses what the
    engine cannot read (URLs; feeds whose pages would be fetched) with E060."""
    out: list[tuple[str, str]] = []
    for source in sources:
        if is_url(source):
            raise EngineError("E060", source, "a URL: fetching is done by the local engine")
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            out.extend((str(f), str(f)) for f in files)
        else:
            out.append((source, source))
    for label, name in out:
        path = Path(name)
        if path.is_file() and options.corpus.follow_entries and _kind(path) == "feed":
            raise EngineError("E060", label, "a feed whose pages would be fetched; add --no-follow")
    return out


def _kind(path: Path) -> str:
    import gzip

    kind = kind_of(path)
    if kind != "page":
        return kind
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rb") as handle:
            return kind_of(path, handle.read(2048))
    except (OSError, EOFError):
        return kind


def session(options: SparkOptions, app: str = "veille",  # noqa: ANN201 - SparkSession
            pipelines: dict[str, str] | None = None):
    """A Spark session bound to 127.0.0.1, no UI, executors running this Python; with
    ``pipelines`` (the ``{language: spaCy pipeline}`` table to load before the first batch,
    :func:`veille.ingest.preload_table`), executors' Python workers are forked from a daemon that
    loaded them once (:mod:`veille.engine.spark_daemon`)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError("E061", "--engine spark") from None
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(options.master).appName(app)
               .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.python.worker.reuse", "true")
               # PySpark spills an aggregation to disk once its worker's *whole* resident memory passes
               # this; a worker holding spaCy pipelines (about 1 GB) would spill every shuffle it merges
               .config("spark.python.worker.memory", PYTHON_WORKER_MEMORY)
               .config("spark.sql.shuffle.partitions", "4"))
    if pipelines:
        builder = (builder.config("spark.python.daemon.module", "veille.engine.spark_daemon")
                   .config(f"spark.executorEnv.{PRELOAD_ENV}", json.dumps(pipelines)))
    if options.master.startswith("local"):
        builder = (builder.config("spark.driver.memory", "2g")  # the JVM of local mode holds the shuffles
                   .config("spark.driver.extraJavaOptions", LOCAL_JAVA_OPTIONS))
    for key, value in options.conf:
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - Java missing, bad master…: one line, not a traceback
        raise EngineError("E062", options.master, str(exc).strip().splitlines()[0][:200]) from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run(sources: Iterable[str], out: str | Path, options: IngestOptions | None = None,
        spark_options: SparkOptions | None = None) -> IngestStats:
    """Run the Spark job over ``sources`` and write its Parquet tables to ``out``."""
    options = options or IngestOptions()
    spark_options = spark_options or SparkOptions()
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise EngineError("E063", str(out), "it holds files already" if out.is_dir() else "it is a file")
    files = shards(sources, options)
    started = time.perf_counter()
    spark = session(spark_options, pipelines=preload_table(options.article) if options.article.understand else None)
    log.info("session in %.1f s", time.perf_counter() - started)
    try:
        stats = _job(spark, files, out, options, spark_options)
    except EngineError:
        raise
    except Exception as exc:
        if type(exc).__module__.startswith(("py4j", "pyspark")):
            raise EngineError("E066", str(out), str(exc).strip().splitlines()[0][:300]) from None
        raise
    finally:
        spark.stop()
    stats.seconds = time.perf_counter() - started
    (out / "_veille_run.json").write_text(json.dumps({"stats": stats.as_dict(), "master": spark_options.master,
                                                      "threshold": options.near_threshold}, indent=1))
    return stats


def _job(spark, files: list[tuple[str, str]], out: Path, options: IngestOptions,  # noqa: ANN001
         spark_options: SparkOptions) -> IngestStats:
    from pyspark import StorageLevel

    sc = spark.sparkContext
    parts = spark_options.partitions or 4 * sc.defaultParallelism
    small = max(1, sc.defaultParallelism)  # partitions of the light steps after processing: tasks cost
    stats = IngestStats()
    keep = StorageLevel.MEMORY_AND_DISK

    # 1. read every shard; position = place in the input
    entries = (sc.parallelize(list(enumerate(files)), max(1, len(files)))
               .flatMap(lambda shard: _read_shard(shard[1], options))
               .zipWithIndex().persist(keep))
    clock = time.perf_counter()
    stats.read = entries.count()
    log.info("read %d entries from %d files in %.1f s", stats.read, len(files), time.perf_counter() - clock)
    read_failures = entries.filter(lambda e: isinstance(e[0], Failure)).map(lambda e: e[0])

    # 2. the same item twice: kept once, at its first position; then processed in batches
    items = entries.filter(lambda e: isinstance(e[0], Item)).map(lambda e: (e[0].key, (e[1], e[0])))
    unique = items.reduceByKey(lambda a, b: a if a[0] <= b[0] else b, parts)
    processed = unique.values().mapPartitions(lambda it: _process_partition(it, options)).persist(keep)
    n_items, n_unique = items.count(), processed.count()
    log.info("processed %d items in %.1f s", n_unique, time.perf_counter() - clock)
    stats.duplicate += n_items - n_unique
    failures = read_failures.union(processed.filter(lambda r: r[0] == "f").map(lambda r: r[2]))
    good = processed.filter(lambda r: r[0] == "p")
    # the light part of each article for the decisions; its JSON waits for the final rows
    meta = good.map(lambda r: (r[1], {k: v for k, v in r[2].items() if k != "json"})) \
        .partitionBy(small).persist(keep)
    docs = good.map(lambda r: (r[1], r[2]["json"]))

    # 3. duplicates
    decisions = _decide(meta, options, stats.read, small).persist(keep)  # pos -> (status, of_pos, sim)
    log.info("decided %d duplicates and originals in %.1f s", decisions.count(), time.perf_counter() - clock)

    # each article's light part beside its decision: read by stories, rows and the counts
    judged = meta.join(decisions, small).persist(keep)  # pos -> (summary, (status, of_pos, sim))

    # 4. stories
    stories = _stories(judged, decisions, options, small) if options.stories else sc.emptyRDD()

    # 5. rows
    records = _records(meta, judged, docs, options, stories, small).persist(keep)
    for table in TABLES:
        if table == "failures":
            rdd = failures.map(lambda f: failure_row(f.source, f.item, f.code, f.reason))
        else:
            rdd = records.flatMap(lambda rec, t=table: rec[1].get(t, []))
        frame = spark.createDataFrame(rdd.map(lambda row, t=table: _ordered(row, t)), spark_schema(table))
        if table == "articles":
            frame = frame.repartitionByRange(small, "position").sortWithinPartitions("position")
        frame.write.parquet(str(out / table))
        log.info("wrote %s at %.1f s", table, time.perf_counter() - clock)

    counts = dict(decisions.map(lambda d: (d[1][0], 1)).countByKey())
    stats.new, stats.near_duplicate = counts.get("original", 0), counts.get("near_duplicate", 0)
    stats.duplicate += counts.get("duplicate", 0)
    stats.failed = failures.count()
    stats.language_not_analysed = judged.filter(
        lambda r: r[1][1][0] == "original" and "language_not_analysed" in r[1][0]["flags"]).count()
    for rdd in (entries, processed, meta, decisions, judged, records):
        rdd.unpersist()
    return stats


def _ordered(row: dict, table: str) -> tuple:
    """A row as a tuple in the table's column order."""
    from veille.engine.tables import columns

    return tuple(row.get(name) for name, _ in columns(table))


# -- executors: read and process --------------------------------------------------------------------


def _read_shard(shard: tuple[str, str], options: IngestOptions) -> Iterator[Entry]:
    """The entries of one input file, as ingest's readers give them (no fetching)."""
    label, name = shard
    path = Path(name)
    if path.is_file():
        return iter_file(path, label, options.article, options.corpus)
    return iter_path(label, options.article, options.corpus)


def _process_partition(rows: Iterator[tuple[int, Item]], options: IngestOptions) -> Iterator[tuple]:
    """:func:`veille.ingest.process_batch` over a partition, batch by batch (this Python
    worker was forked with the spaCy pipelines loaded — or, with PySpark's own daemon, loads
    them on its first batch and keeps them for the next tasks)."""
    size = options.batch if options.batch > 0 else (16 if options.article.understand else 64)
    batch: list[tuple[int, Item]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield from _summaries(batch, options)
            batch = []
    if batch:
        yield from _summaries(batch, options)


def _summaries(batch: list[tuple[int, Item]], options: IngestOptions) -> Iterator[tuple]:
    results = process_batch([item for _, item in batch], options)
    for (position, _item), result in zip(batch, results, strict=True):
        if isinstance(result, Failure):
            yield "f", position, result
        else:
            yield "p", position, _summary(result)


def _summary(p: Processed) -> dict:
    """What the later steps need of a processed item (plain values, cheap to shuffle)."""
    a = p.article
    return {"id": a.id, "json": a.to_json(indent=None), "title": a.title, "text": a.text,
            "hash": p.fingerprint.content_hash, "signature": p.fingerprint.signature, "flags": list(p.flags),
            "external_id": p.item.external_id,
            "profile": pickle.dumps(p.profile) if p.profile is not None else None}


# -- duplicates ------------------------------------------------------------------------------------


def _decide(meta, options: IngestOptions, n_positions: int, small: int):  # noqa: ANN001, ANN202 - RDDs
    """``(position, (status, original position, similarity))`` of every processed article."""
    threshold = options.near_threshold
    bands = bands_for(threshold)
    # exact: the first article of each content hash owns it; the others duplicate it
    groups = meta.map(lambda r: (r[1]["hash"], (r[0], r[1]["signature"]))).groupByKey(small) \
        .map(lambda r: sorted(r[1], key=lambda x: x[0])).persist()
    dups = groups.flatMap(lambda g: [(pos, ("duplicate", g[0][0], 1.0)) for pos, _ in g[1:]])
    heads = groups.map(lambda g: (g[0][0], None))
    # near: first articles sharing a band key, confirmed by the exact Jaccard
    keyed = groups.flatMap(lambda g: [(key, g[0][0]) for key in bands.keys(g[0][1])])
    pairs = keyed.groupByKey(small).flatMap(lambda r: _pairs(sorted(r[1]))).distinct(small)
    texts = meta.map(lambda r: (r[0], r[1]["text"]))
    scored = (pairs.join(texts, small).map(lambda r: (r[1][0], (r[0], r[1][1])))  # newer -> (older, older text)
              .join(texts, small).map(lambda r: (r[0], (r[1][0][0], _similarity(r[1][0][1], r[1][1]))))
              .filter(lambda r: r[1][1] >= threshold))
    near = heads.leftOuterJoin(scored.groupByKey(small).mapValues(list), small).map(lambda r: (r[0], r[1][1] or []))
    decided = near.sortByKey(numPartitions=1).mapPartitions(lambda it: _resolve(it, n_positions))
    return decided.union(dups).coalesce(small)


def _pairs(positions: list[int]) -> Iterator[tuple[int, int]]:
    """(older, newer) of every two articles in one LSH bucket."""
    for j, newer in enumerate(positions):
        for older in positions[:j]:
            yield older, newer


def _similarity(a: str, b: str) -> float:
    return jaccard(shingle_set(a), shingle_set(b))


def _resolve(heads: Iterator[tuple[int, list[tuple[int, float]]]], n_positions: int) -> Iterator[tuple]:
    """In input order: a first-of-its-hash article is a near-duplicate of the most similar
    earlier *original* among its candidates (the oldest on ties), else an original —
    exactly ingest's rule, with originals remembered in a bitmap of positions."""
    original = bytearray(n_positions)
    for position, candidates in heads:
        best: tuple[float, int] | None = None
        for older, sim in sorted(candidates):
            if original[older] and (best is None or sim > best[0]):
                best = (sim, older)
        if best is None:
            original[position] = 1
            yield position, ("original", None, None)
        else:
            yield position, ("near_duplicate", best[1], best[0])


# -- stories and rows ------------------------------------------------------------------------------


def _stories(judged, decisions, options: IngestOptions, small: int):  # noqa: ANN001, ANN202 - RDDs
    """``(position, story id)`` of every article: originals clustered in input order
    (one task, the windowed clusterer), duplicates in their original's story."""
    originals = (judged.filter(lambda r: r[1][1][0] == "original")
                 .map(lambda r: (r[0], r[1][0]["profile"])))
    clustered = originals.sortByKey(numPartitions=1).mapPartitions(lambda it: _cluster(it, options.story_window))
    near = decisions.filter(lambda d: d[1][0] == "near_duplicate").map(lambda d: (d[1][1], d[0]))
    near_stories = near.join(clustered, small).map(lambda r: (r[1][0], r[1][1]))
    known = clustered.union(near_stories)
    exact = decisions.filter(lambda d: d[1][0] == "duplicate").map(lambda d: (d[1][1], d[0]))
    return known.union(exact.join(known, small).map(lambda r: (r[1][0], r[1][1]))).coalesce(small)


def _cluster(profiles: Iterator[tuple[int, bytes]], window: int) -> Iterator[tuple[int, str]]:
    from veille.link.stories import StoryClusterer

    clusterer = StoryClusterer(window=window)
    for position, prof in profiles:
        yield position, clusterer.add_profile(pickle.loads(prof))


def _records(meta, judged, docs, options: IngestOptions, stories, small: int):  # noqa: ANN001, ANN202 - RDDs
    """``(position, rows by table)`` of every article, decided, linked and in its story:
    the small decided record of each article first, then one join with its JSON."""
    originals = meta.map(lambda r: (r[0], (r[1]["id"], r[1]["title"], r[1]["text"])))
    decided = judged.leftOuterJoin(stories, small).map(
        lambda r: (_original_key(r[0], r[1][0][1][1]), (r[0], r[1][0][0], r[1][0][1], r[1][1])))
    with_original = decided.leftOuterJoin(originals, small).map(lambda r: (r[1][0][0], r[1]))
    threshold = options.near_threshold
    return with_original.join(docs, small).map(lambda r: _rows(r[1][0][0], r[1][0][1], r[1][1], threshold))


def _original_key(position: int, of: int | None) -> int:
    """Join key of an article with its original: the original's position; an original's own
    key is negative, unique and matches nothing (never None: PySpark sorts the keys of a
    shuffle it spills to disk, and None does not compare with an int)."""
    return of if of is not None else -1 - position


def _rows(decided: tuple, original: tuple | None, article_json: str, threshold: float) -> tuple[int, dict]:
    from veille.model import Article

    position, summary, (status, _of, sim), story_id = decided
    article = Article.model_validate_json(article_json)
    match = None
    if status != "original" and original is not None:
        oid, otitle, otext = original
        diff = differences(otitle, otext, article.title, article.text)
        match = Match(status, oid, 1.0 if status == "duplicate" else round(sim, 4), diff)
        article = as_link(article, match, otext)
    rec = ArticleRecord(
        article, summary["hash"], external_id=summary["external_id"], status=status, flags=summary["flags"],
        duplicate_of=match.original if match else None, similarity=match.similarity if match else None,
        differences=match.differences if match else None, signature=None if match else summary["signature"],
        story_id=story_id, bands=None if match else bands_for(threshold).rows(summary["signature"]),
    )
    return position, record_rows(rec, position)


def parse_conf(pairs: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``key=value`` Spark settings from the command line."""
    out = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not re.match(r"^[\w.\-]+$", key):
            raise EngineError("E065", pair, "--conf takes KEY=VALUE, e.g. spark.executor.memory=4g")
        out.append((key, value))
    return tuple(out)
