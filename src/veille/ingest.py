"""Ingest a corpus into the store: read → repair → understand → dedup → stories → write.

The shape is datatrove's: readers yield items, workers turn batches of them
into articles (or failures that keep their reason), and counters say what
happened. Public functions, for the CLI, ``veille serve``/``watch`` and the
engines:

- :func:`ingest` — everything, into a store (the local engine);
- :func:`process_batch` — the worker's job on a batch of items: the one
  pipeline of :mod:`veille.pipeline` (read, repair, language, batched
  understanding) plus what the writer needs (fingerprint, story profile).
  The Spark engine runs the very same function in its executors;
- :func:`write` — the writer's decision for one processed item (duplicate
  or not, which story) and its one-transaction write.

Reading, deduplication, story clustering and writing happen in this process,
the store's only writer; the work of :func:`process_batch` runs in a pool of
``jobs`` worker processes that load their spaCy pipelines once, at start-up,
and are fed batches (``nlp.pipe`` over a whole batch). Workers are forked
from a server process that loaded the pipelines once (``forkserver``), so
they start warm and share one copy of the models. Two batches per worker
are in flight so that workers never wait for the writer and the writer never
waits for an idle worker; results are written in input order, so a run's
decisions (which copy is the original, which story) do not depend on timing.

Memory stays flat whatever the corpus or the store holds: at most ``window``
items are in flight, the near-duplicate index is the store's band table
(queried, not loaded), and story clustering keeps only the most recent
``story_window`` originals.

Every article is written in one transaction and skipped when its id (a hash
of the input item) is already stored: running the same input twice adds
nothing, and a run killed at any point resumes where it stopped when it is
started again.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import InitVar, asdict, dataclass, field
from multiprocessing import get_context
from multiprocessing.context import BaseContext

from veille.errors import VeilleError
from veille.languages import language as language_data
from veille.link.dedup import THRESHOLD, Deduplicator, Fingerprint, LookupIndex, as_link, fingerprint
from veille.link.stories import Profile, StoryClusterer, profile
from veille.model import Article
from veille.options import DEFAULT, Options
from veille.pipeline import FLAG_LANGUAGE_NOT_ANALYSED, pipeline_flags, prepare, understand_batch, warm
from veille.read import read_raw
from veille.read.corpus import (
    CorpusOptions,
    Entry,
    Failure,
    Item,
    Unchanged,
    iter_sources,
)
from veille.store import ArticleRecord, Store

STORY_WINDOW = 5000
"""Originals story clustering keeps in memory by default (the most recent ones)."""


@dataclass(frozen=True)
class IngestOptions:
    """Settings of one ingest run; ``article`` is the per-article :class:`~veille.options.Options`
    (its ``pipelines`` are the one language registry: languages without one are stored,
    flagged ``language_not_analysed``, and not analysed; its ``understand`` is the one switch
    of the understand stage)."""

    article: Options = DEFAULT
    corpus: CorpusOptions = field(default_factory=CorpusOptions)
    jobs: int = 0
    """Worker processes for repair and understanding; 0 means one per core, 1 runs in this process."""
    near_threshold: float = THRESHOLD
    """Jaccard similarity of word shingles from which an article is a near-duplicate."""
    batch: int = 0
    """Items a worker processes together (0: 16 with understanding, 64 without; 1 when there
    is no pool, so that an in-process run — ``veille watch`` — writes each item as it comes)."""
    window: int = 0
    """Items in flight at once (0: two batches per worker); bounds memory."""
    progress: bool = False
    """Show a progress bar on stderr."""
    stories: bool = True
    """Cluster originals into stories as they are stored (duplicates join their original's story)."""
    story_window: int = STORY_WINDOW
    """Most recent originals story clustering keeps (and restores from the store); 0: all."""
    understand: InitVar[bool | None] = None
    """A constructor argument only, kept for compatibility: given, it is written into
    ``article`` (``article.understand``, the one switch of the understand stage, which is
    the value every reader reads); None (the default) leaves ``article`` as it says."""

    def __post_init__(self, understand: bool | None) -> None:
        """Write ``understand=`` through into ``article``, so that the run holds one value."""
        if understand is not None and understand != self.article.understand:
            object.__setattr__(self, "article", self.article.with_(understand=understand))

    def workers(self) -> int:
        """The number of worker processes this run uses."""
        return self.jobs if self.jobs > 0 else (os.cpu_count() or 1)

    def batch_size(self) -> int:
        """Items per worker batch."""
        if self.batch > 0:
            return self.batch
        if self.workers() == 1:
            return 1
        return 16 if self.article.understand else 64



@dataclass
class IngestStats:
    """What an ingest did: each item read ends in exactly one of the other counters."""

    read: int = 0
    new: int = 0
    """Originals stored (including those whose language is not analysed)."""
    duplicate: int = 0
    """Exact duplicates: the same item again in this run (not stored again), or the same
    normalised text under other metadata (stored as a link to the original)."""
    near_duplicate: int = 0
    """Near-duplicates: stored as a link with a summary of differences."""
    known: int = 0
    """Items already in the store before this run (nothing added)."""
    unchanged: int = 0
    """Pages the server said had not changed since the last fetch (HTTP 304)."""
    failed: int = 0
    language_not_analysed: int = 0
    """Of the stored originals, those flagged ``language_not_analysed`` (no pipeline for their language)."""
    seconds: float = 0.0

    def as_dict(self) -> dict:
        """Counters as a plain dict."""
        return asdict(self)

    def summary(self) -> str:
        """One line for people."""
        rate = self.read / self.seconds if self.seconds else 0.0
        return (f"read {self.read} · new {self.new} · duplicate {self.duplicate} · near-duplicate "
                f"{self.near_duplicate} · already stored {self.known} · unchanged {self.unchanged} · "
                f"failed {self.failed} · language not analysed {self.language_not_analysed} · "
                f"{readable(self.seconds)} s · {readable(rate)} items/s")


def readable(value: float) -> str:
    """A measure with about three significant digits, never in exponent notation:
    ``1.33``, ``13.3``, ``133``, ``1,333`` (a rate of 1.33 items/s is not "1")."""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


@dataclass(frozen=True)
class Processed:
    """A worker's result for one item: the article, its fingerprint, flags and story profile."""

    item: Item
    article: Article
    fingerprint: Fingerprint
    flags: tuple[str, ...]
    profile: Profile | None = None


# -- the worker's job ------------------------------------------------------------------------------


def prepare_item(item: Item, options: Options) -> Article | Failure:
    """Read one item with what its input said about it, repair it and find its language;
    a failure (never an exception) for bad input."""
    try:
        raw = read_raw(item.raw(), options)
        raw = raw.model_copy(update={
            "id": item.key, "source": item.source, "url": item.url or raw.url,
            "title": item.title or raw.title, "standfirst": item.standfirst or raw.standfirst,
            "section": list(item.section) or raw.section, "author": item.author or raw.author,
            "published": options.published or item.published or raw.published,
            "language": options.language or item.language or raw.language,
        })
        article = prepare(raw, options)
        if not article.text.strip():
            return Failure(item.source, item.locator, "E008", "holds no article text (nothing left after repair)")
        return article
    except VeilleError as exc:
        return Failure(item.source, item.locator, exc.code, exc.reason)
    except (MemoryError, RecursionError):
        raise  # the batch's limits handle them (see process_batch)
    except Exception as exc:  # noqa: BLE001 - a bad item never kills the batch; the reason is kept
        return _unexpected(item, exc)


def _process_item(item: Item, options: IngestOptions) -> Article | Failure:
    """:func:`prepare_item` with the run's per-article options (one item of a batch)."""
    return prepare_item(item, options.article)


def _unexpected(item: Item, exc: BaseException) -> Failure:
    return Failure(item.source, item.locator, "E001" if isinstance(exc, FileNotFoundError) else "E000",
                   f"unexpected {type(exc).__name__}: {str(exc)[:300]}")


def process_batch(items: list[Item], options: IngestOptions) -> list[Processed | Failure]:
    """The worker's job: :func:`prepare_item` for each item, understanding of the whole
    batch at once (:func:`veille.pipeline.understand_batch`), then what the writer needs —
    fingerprint and story profile — so that the writer's own work stays small.

    Results are in the order of ``items``; one bad item never fails the others (a
    batch whose understanding raises is redone article by article to find it).

    The work is bounded: a batch that runs past ``options.article.item_timeout`` seconds,
    needs more memory than the worker's cap (``MemoryError``) or nests too deeply
    (``RecursionError``) is redone item by item, each with the same limit, and the item
    that still breaks it is a failure (E041, E045, E038) while the others go on.
    """
    from veille.limits import ItemTimeout, time_limit

    try:
        with time_limit(options.article.item_timeout):
            return _process_batch(items, options)
    except (ItemTimeout, MemoryError, RecursionError) as exc:
        if len(items) > 1:
            return [result for item in items for result in process_batch([item], options)]
        return [_limit_failure(items[0], exc, options)]


def process_item(item: Item, options: IngestOptions) -> Processed | Failure:
    """:func:`process_batch` of one item."""
    return process_batch([item], options)[0]


def _limit_failure(item: Item, exc: BaseException, options: IngestOptions) -> Failure:
    if isinstance(exc, MemoryError):
        return Failure(item.source, item.locator, "E045", "needs more memory than the limit "
                                                          f"({options.article.worker_memory:,} bytes)")
    if isinstance(exc, RecursionError):
        return Failure(item.source, item.locator, "E038", "is nested too deeply (Python's recursion limit)")
    return Failure(item.source, item.locator, "E041", f"took over the time limit ({options.article.item_timeout:g} s)")


def _process_batch(items: list[Item], options: IngestOptions) -> list[Processed | Failure]:
    stage = options.article
    prepared = [_process_item(item, options) for item in items]
    todo = [i for i, p in enumerate(prepared) if isinstance(p, Article)]
    understood = _understand_each_or_all([p for p in prepared if isinstance(p, Article)], [items[i] for i in todo], stage)
    out: list[Processed | Failure] = list(prepared)  # type: ignore[arg-type]
    for i, result in zip(todo, understood, strict=True):
        if isinstance(result, Failure):
            out[i] = result
            continue
        try:
            prof = profile(result) if options.stories else None
            out[i] = Processed(items[i], result, fingerprint(result.text), tuple(pipeline_flags(result)), prof)
        except (MemoryError, RecursionError):
            raise
        except Exception as exc:  # noqa: BLE001
            out[i] = _unexpected(items[i], exc)
    return out


def _understand_each_or_all(articles: list[Article], items: list[Item], options: Options,
                            ) -> list[Article | Failure]:
    """:func:`understand_batch` of all; if it raises, one by one, the failing ones as failures."""
    try:
        return list(understand_batch(articles, options))
    except (VeilleError, MemoryError, RecursionError):
        raise  # a missing spaCy or pipeline concerns the run, not one item; limits: see process_batch
    except Exception:  # noqa: BLE001
        out: list[Article | Failure] = []
        for art, item in zip(articles, items, strict=True):
            try:
                out.append(understand_batch([art], options)[0])
            except (VeilleError, MemoryError, RecursionError):
                raise
            except Exception as exc:  # noqa: BLE001
                out.append(_unexpected(item, exc))
        return out


def _start_worker(options: IngestOptions) -> None:
    """Pool initializer: cap the worker's memory (``--worker-memory``), then load the spaCy
    pipelines and actor matchers once (nothing to do when the worker was forked from a
    process that has them already), so that a batch's time limit measures the batch."""
    from veille.limits import limit_memory

    limit_memory(options.article.worker_memory)
    with contextlib.suppress(VeilleError):  # the first batch reports it with its code
        warm_up(options)


def warm_up(options: IngestOptions) -> None:
    """Load the spaCy pipelines of :func:`warm_languages`, actor matchers and tables now, then
    process each one's ``warm_text`` (language data) as an article, so that what loads lazily loads now: a worker's
    first batch then measures the batch (raises :class:`~veille.errors.VeilleError` as a batch
    would). Another configured language loads on its first article."""
    languages = warm_languages(options.article)
    warm(options.article, languages)
    texts = [text for lang in languages if (text := (language_data(lang) or {}).get("warm_text"))]
    _process_batch([Item(text.encode("utf-8"), "<warm-up>", "<warm-up>") for text in texts], options)


def warm_languages(options: Options) -> tuple[str, ...]:
    """The languages loaded before the first batch: the forced one (``--language``), else the
    first configured (French by default). A run of French articles then never loads the English
    pipeline (0.7 s of start-up and its memory); a worker meeting an English article loads it
    then, once, as ``veille analyze`` does."""
    if options.language:
        return (options.language,) if options.language in options.pipelines else ()
    return tuple(options.pipelines)[:1]


def preload_table(options: Options) -> dict[str, str]:
    """The ``{language: pipeline}`` table a worker server loads before forking its workers
    (:data:`PRELOAD_ENV`): the pipelines of :func:`warm_languages`."""
    return {lang: options.pipelines[lang] for lang in warm_languages(options)}


PRELOAD_ENV = "VEILLE_PRELOAD_PIPELINES"
"""JSON of the ``{language: pipeline}`` table the worker server loads before forking workers."""


def preload() -> None:
    """Run in the worker server at its start (``set_forkserver_preload``): load the pipelines
    named in :data:`PRELOAD_ENV`, so that every worker forked from it starts warm, sharing
    one copy of the models instead of loading its own."""
    import json

    table = os.environ.get(PRELOAD_ENV)
    if not table:
        return
    with contextlib.suppress(Exception):  # a worker reports the problem on its first batch
        options = DEFAULT.with_(pipelines=json.loads(table))
        warm(options, warm_languages(options))


def _pool(options: IngestOptions, jobs: int) -> ProcessPoolExecutor:
    """Worker processes forked from a server process that loaded the pipelines once
    (``forkserver``, not a fork of this process: it holds a store connection and threads);
    where there is no forkserver, spawned workers that each load their own."""
    import json

    context: BaseContext
    try:
        context = get_context("forkserver")
    except ValueError:
        context = get_context("spawn")
    else:
        if options.article.understand:
            os.environ.setdefault(PRELOAD_ENV, json.dumps(preload_table(options.article)))
            context.set_forkserver_preload(["veille.ingest_preload"])
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(options,))



class _Pool:
    """Worker processes that survive losing one: a worker killed (out of memory, a crash)
    or stuck past the time limit (in code that no signal interrupts) is replaced, the
    batches that were in flight run again, and the batch being waited for is run again
    item by item: the item that breaks a fresh pool too is the culprit (a failure, E044
    or E041); the others are processed as usual.
    """

    GRACE = 30.0
    """Seconds past the hard time limit's budget before a stuck worker is killed (the
    limit's own signal gets the first chance)."""
    work = staticmethod(process_batch)
    """What a worker does with a batch (a module-level function: it is pickled)."""

    def __init__(self, jobs: int, options: IngestOptions) -> None:
        self.jobs = jobs
        self.options = options
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        executor = _pool(self.options, self.jobs)
        self.warm = executor.submit(_ready)  # done once a worker has started (loaded its models)
        return executor

    def submit(self, items: list[Item]) -> Future:
        """Process ``items`` in a worker."""
        return self.executor.submit(self.work, items, self.options)

    def results(self, batch: _Batch, running: Iterable[_Batch]) -> list[Processed | Failure]:
        """The results of ``batch``, recovering the pool if it breaks or sticks meanwhile
        (``running``: the other batches in flight, submitted again after a restart)."""
        try:
            return self._result(batch.future, len(batch.items))  # type: ignore[arg-type]
        except (BrokenProcessPool, _Stuck):
            pass
        others = [b for b in running if b is not batch]
        self.restart(others)
        out: list[Processed | Failure] = []
        for item in batch.items:
            try:
                out.extend(self._result(self.submit([item]), 1))
            except BrokenProcessPool:
                self.restart(others)
                out.append(Failure(item.source, item.locator, "E044", "crashed its worker process (killed, "
                                                                      "perhaps out of memory; the batch went on)"))
            except _Stuck:
                self.restart(others)
                out.append(Failure(item.source, item.locator, "E041", "took over the time limit (its worker "
                                                                      f"was killed after {self._hard_limit(1):g} s)"))
        return out

    def _hard_limit(self, size: int) -> float:
        """Seconds a batch of ``size`` items may run before its worker is killed: the soft
        limit for the batch, then for each item alone (see :func:`process_batch`), twice
        (a submitted batch may wait behind another in the worker's queue), plus a grace."""
        limit = self.options.article.item_timeout
        return 2 * (size + 1) * limit + self.GRACE if limit > 0 else 0.0

    def _result(self, future: Future, size: int) -> list[Processed | Failure]:
        """``future.result()``, or :class:`_Stuck` once it has been running past the hard limit."""
        hard = self._hard_limit(size)
        if hard <= 0:
            return future.result()
        started: float | None = None
        while True:
            try:
                return future.result(timeout=1.0)
            except FuturesTimeout:
                if future.running() and self.warm.done():  # a worker's start is not the batch's time
                    started = started or time.monotonic()
                    if time.monotonic() - started > hard:
                        raise _Stuck() from None

    def restart(self, running: Iterable[_Batch]) -> None:
        """Kill every worker, start new ones and submit again the batches of ``running``
        that had not finished."""
        for process in list((getattr(self.executor, "_processes", None) or {}).values()):
            process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()
        for other in running:
            if other.future is not None and not _succeeded(other.future):  # type: ignore[arg-type]
                other.future = self.submit(other.items)

    def shutdown(self) -> None:
        """Stop the workers once the run is over."""
        self.executor.shutdown(wait=True, cancel_futures=True)


def _ready() -> bool:
    """A no-op task: its completion tells that a worker has started."""
    return True


def _succeeded(future: Future) -> bool:
    """True when ``future`` finished with a result (not cancelled, not failed)."""
    return future.done() and not future.cancelled() and future.exception() is None


class _Stuck(Exception):
    """A worker has run one batch past the hard time limit."""


# -- scheduling ------------------------------------------------------------------------------------

Outcome = Processed | Failure | Unchanged | None


class _Batch:
    """Items processed together, and the future (or finished list) of their results."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.future: Future | _Done | None = None
        self.results: list[Processed | Failure] | None = None

    def ready(self) -> bool:
        return self.future is not None and self.future.done()


class _Done:
    """A finished result that quacks like a Future (for in-process runs)."""

    def __init__(self, value: list[Processed | Failure]) -> None:
        self.value = value

    def done(self) -> bool:
        return True

    def result(self) -> list[Processed | Failure]:
        return self.value


def _outcomes(entries: Iterable[Entry], store: Store, options: IngestOptions, stats: IngestStats,
              ) -> Iterator[Outcome]:
    """Process items in batches, in a bounded window, in input order; None for an item
    already stored or in flight.

    Items already stored are counted here: ``known`` when an earlier run stored
    them, ``duplicate`` when they repeat an item of this run.
    """
    jobs, size = options.workers(), options.batch_size()
    max_batches = 2 * jobs
    window = options.window or max_batches * size * 2
    pool = _Pool(jobs, options) if jobs > 1 else None
    pending: deque[tuple[object, _Batch | None, int]] = deque()
    running: deque[_Batch] = deque()
    current = _Batch()
    in_flight: set[str] = set()
    before = store.last_seq()  # articles up to here were stored by earlier runs

    def submit() -> None:
        nonlocal current
        if not current.items:
            return
        if pool is None:
            current.future = _Done(process_batch(current.items, options))
        else:
            current.future = pool.submit(current.items)
        running.append(current)
        current = _Batch()

    def head_ready() -> bool:
        _, batch, _ = pending[0]
        return batch is None or batch.ready()

    def pop() -> Outcome:
        entry, batch, index = pending.popleft()
        if batch is None:
            return entry  # type: ignore[return-value]
        in_flight.discard(entry.key)  # type: ignore[attr-defined]
        if batch.results is None:
            batch.results = batch.future.result() if pool is None else pool.results(batch, running)  # type: ignore[union-attr]
        results = batch.results
        if index == len(batch.items) - 1 and running and running[0] is batch:
            running.popleft()
        return results[index]

    try:
        for entry in entries:
            stats.read += 1
            if isinstance(entry, Item):
                key = entry.key
                seq = None if key in in_flight else store.article_seq(key)
                if key in in_flight or seq is not None:
                    if seq is not None and seq <= before:
                        stats.known += 1
                    else:
                        stats.duplicate += 1
                    if entry.fetched is not None:  # refetched unchanged: keep the new validators
                        f = entry.fetched
                        store.remember_fetch(f.url, f.etag, f.last_modified)
                    pending.append((None, None, 0))
                else:
                    in_flight.add(key)
                    pending.append((entry, current, len(current.items)))
                    current.items.append(entry)
                    if len(current.items) >= size:
                        submit()
            else:
                pending.append((entry, None, 0))
            if len(pending) >= window and current.items:
                submit()  # items behind an unfinished batch: flush it rather than grow
            while pending and (head_ready() or len(running) >= max_batches or len(pending) > window):
                if not head_ready() and pending[0][1] is current:
                    submit()
                yield pop()
        submit()
        while pending:
            yield pop()
    finally:
        if pool is not None:
            pool.shutdown()


# -- the writer ------------------------------------------------------------------------------------


def write(outcome: Processed, store: Store, dedup: Deduplicator, stats: IngestStats,
          stories: StoryClusterer | None = None) -> None:
    """Decide whether the article duplicates a stored one, give it its story, then
    write it in one transaction (with its near-duplicate bands when it is an original)."""
    article, fp, item = outcome.article, outcome.fingerprint, outcome.item
    match = dedup.check(article.title, article.text, fp)
    story_id = None
    if match is not None:
        original = store.text_of(match.original)
        article = as_link(article, match, original[1] if original else "")
        story_id = store.story_of(match.original) if stories is not None else None
    elif stories is not None and not store.has_article(article.id):
        story_id = stories.add_profile(outcome.profile) if outcome.profile is not None else stories.add(article)
    rec = ArticleRecord(
        article, fp.content_hash, external_id=item.external_id,
        status=match.kind if match else "original", flags=list(outcome.flags),
        duplicate_of=match.original if match else None, similarity=match.similarity if match else None,
        differences=match.differences if match else None, signature=None if match else fp.signature,
        fetched=item.fetched,
        story_id=story_id, bands=None if match else dedup.bands.rows(fp.signature),
    )
    if not store.write_article(rec):
        stats.known += 1
        return
    if match is None:
        dedup.add(article.id, fp.signature)
        stats.new += 1
        if FLAG_LANGUAGE_NOT_ANALYSED in outcome.flags:
            stats.language_not_analysed += 1
    elif match.kind == "duplicate":
        stats.duplicate += 1
    else:
        stats.near_duplicate += 1


def deduplicator(store: Store, threshold: float = THRESHOLD) -> Deduplicator:
    """The near-duplicate check of a store: candidates from its band table (queried,
    never loaded), texts and exact hashes read from it. Originals stored before the
    band table existed, or under another threshold's banding, are banded first."""
    dedup = Deduplicator(store.original_with_hash, store.text_of, threshold=threshold,
                         index=LookupIndex(store.near_candidates))
    store.backfill_bands(dedup.bands.scheme, dedup.bands.rows)
    return dedup


def clusterer(store: Store, window: int = STORY_WINDOW) -> StoryClusterer:
    """A story clusterer holding the store's ``window`` most recent clustered originals,
    so that an incremental or resumed ingest continues the same stories."""
    stories = StoryClusterer(window=window)
    stories.restore((Article.model_validate_json(text), story) for text, story in store.clustered(window))
    return stories


def ingest(sources: Iterable[str], store: Store, options: IngestOptions | None = None) -> IngestStats:
    """Read every source into ``store``; return what happened. Bad items are recorded, not raised."""
    options = options or IngestOptions()
    return ingest_entries(iter_sources(sources, options.article, options.corpus, store.fetch_validators),
                          store, options)


def ingest_entries(entries: Iterable[Entry], store: Store, options: IngestOptions | None = None) -> IngestStats:
    """Ingest entries a reader has already made (items, failures, 'unchanged'): what
    :func:`ingest` does after reading, for callers that read themselves (``veille watch``,
    the server's analyse page). When ``entries`` stops early, the items in flight are
    still finished and written."""
    options = options or IngestOptions()
    stats = IngestStats()
    started = time.perf_counter()
    dedup = deduplicator(store, options.near_threshold)
    stories = clusterer(store, options.story_window) if options.stories else None
    bar = _progress(options.progress)
    try:
        for outcome in _outcomes(entries, store, options, stats):
            if isinstance(outcome, Processed):
                outcome = _write_or_fail(outcome, store, dedup, stats, stories)
            if isinstance(outcome, Failure):
                store.write_failure(outcome.source, outcome.item, outcome.code, outcome.reason)
                stats.failed += 1
            elif isinstance(outcome, Unchanged):
                stats.unchanged += 1
            if bar is not None:
                bar.update(1)
                if stats.read % 50 == 0:
                    bar.set_postfix(_postfix(stats), refresh=False)
    finally:
        stats.seconds = time.perf_counter() - started
        if bar is not None:
            bar.set_postfix(_postfix(stats))
            bar.close()
    return stats


def _write_or_fail(outcome: Processed, store: Store, dedup: Deduplicator, stats: IngestStats,
                   stories: StoryClusterer | None) -> Failure | None:
    """:func:`write`; an article the store cannot take for a reason of its own (a value no
    column holds) becomes a failure, while store errors (full, gone) stop the run."""
    try:
        write(outcome, store, dedup, stats, stories)
    except (ValueError, UnicodeError, OverflowError, RecursionError) as exc:
        item = outcome.item
        return Failure(item.source, item.locator, "E000", f"unexpected {type(exc).__name__} while storing: "
                                                          f"{str(exc)[:300]}")
    return None


def _postfix(stats: IngestStats) -> dict[str, int]:
    return {"new": stats.new, "dup": stats.duplicate + stats.near_duplicate + stats.known, "failed": stats.failed}


def _progress(enabled: bool):  # noqa: ANN202 - tqdm or None
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit=" items", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)
