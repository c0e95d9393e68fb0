"""Ingest a corpus into the store: read → repair → understand → dedup → write.

The shape is datatrove's: readers yield items, workers turn each into an
article (or a failure that keeps its reason), and counters say what happened.
Reading, deduplication and writing happen in this process, which is the
store's only writer; repair and understanding, the slow part, run in a pool
of ``jobs`` worker processes. At most ``window`` items are in flight, so
memory stays flat whatever the corpus size, and results are written in input
order, so a run's decisions (which copy is the original) do not depend on
timing.

Every article is written in one transaction and skipped when its id (a hash
of the input item) is already stored: running the same input twice adds
nothing, and a run killed at any point resumes where it stopped when it is
started again.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context

from veille.errors import VeilleError
from veille.link.dedup import THRESHOLD, Deduplicator, Fingerprint, as_link, fingerprint
from veille.link.stories import StoryClusterer
from veille.model import Article
from veille.options import DEFAULT, Options
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

SUPPORTED_LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class IngestOptions:
    """Settings of one ingest run; ``article`` is the per-article :class:`~veille.options.Options`."""

    article: Options = DEFAULT
    corpus: CorpusOptions = field(default_factory=CorpusOptions)
    jobs: int = 0
    """Worker processes for repair and understanding; 0 means one per core, 1 runs in this process."""
    understand: bool = True
    """Run the understand stage (actors, quotes, events); False is much faster."""
    near_threshold: float = THRESHOLD
    """Jaccard similarity of word shingles from which an article is a near-duplicate."""
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    """Languages analysed; articles in others are stored, flagged ``unsupported_language``, not analysed."""
    window: int = 0
    """Items in flight at once (0: 16 per worker); bounds memory."""
    progress: bool = False
    """Show a progress bar on stderr."""
    stories: bool = True
    """Cluster originals into stories as they are stored (duplicates join their original's story)."""

    def workers(self) -> int:
        """The number of worker processes this run uses."""
        return self.jobs if self.jobs > 0 else (os.cpu_count() or 1)


@dataclass
class IngestStats:
    """What an ingest did: each item read ends in exactly one of the other counters."""

    read: int = 0
    new: int = 0
    """Originals stored (including those in an unsupported language)."""
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
    unsupported_language: int = 0
    """Of the stored articles, those flagged and not analysed."""
    seconds: float = 0.0

    def as_dict(self) -> dict:
        """Counters as a plain dict."""
        return asdict(self)

    def summary(self) -> str:
        """One line for people."""
        rate = self.read / self.seconds if self.seconds else 0.0
        return (f"read {self.read} · new {self.new} · duplicate {self.duplicate} · near-duplicate "
                f"{self.near_duplicate} · already stored {self.known} · unchanged {self.unchanged} · "
                f"failed {self.failed} · unsupported language {self.unsupported_language} · "
                f"{self.seconds:.1f} s ({rate:.0f} items/s)")


@dataclass(frozen=True)
class Processed:
    """A worker's result for one item: the article, its fingerprint and flags."""

    item: Item
    article: Article
    fingerprint: Fingerprint
    flags: tuple[str, ...]


def _understand(article: Article, options: Options) -> Article:
    """The understand stage (actors, entities, quotes, events, relations)."""
    from veille.understand import understand

    return understand(article, options)


def process_item(item: Item, options: IngestOptions) -> Processed | Failure:
    """Read, repair and (for supported languages) understand one item; never raises for bad input.

    The work is bounded: past ``options.article.item_timeout`` seconds it stops with
    a failure (E041), and a ``MemoryError`` (a worker's memory cap) is a failure (E045).
    """
    from veille.limits import ItemTimeout, time_limit

    limit = options.article.item_timeout
    try:
        with time_limit(limit):
            return _process_item(item, options)
    except ItemTimeout:
        return Failure(item.source, item.locator, "E041", f"took over the time limit ({limit:g} s)")
    except MemoryError:
        return Failure(item.source, item.locator, "E045", "needs more memory than the limit "
                                                          f"({options.article.worker_memory:,} bytes)")
    except RecursionError:
        return Failure(item.source, item.locator, "E038", "is nested too deeply (Python's recursion limit)")


def _process_item(item: Item, options: IngestOptions) -> Processed | Failure:
    from veille.repair import repair
    from veille.understand import detect_language

    try:
        raw = read_raw(item.raw(), options.article)
        raw = raw.model_copy(update={
            "id": item.key, "source": item.source, "url": item.url or raw.url,
            "title": item.title or raw.title, "standfirst": item.standfirst or raw.standfirst,
            "section": list(item.section) or raw.section, "author": item.author or raw.author,
            "published": options.article.published or item.published or raw.published,
            "language": options.article.language or item.language or raw.language,
        })
        article = detect_language(repair(raw, options.article))
        if not article.text.strip():
            return Failure(item.source, item.locator, "E008", "holds no article text (nothing left after repair)")
        flags: list[str] = []
        if article.language not in options.languages:
            flags.append("unsupported_language")
        elif options.understand and len(article.text) > options.article.max_chars:
            flags.append("too_long_to_understand")  # stored and searchable, not analysed (see Options.max_chars)
        elif options.understand:
            article = _understand(article, options.article)
        else:
            flags.append("not_understood")
        return Processed(item, article, fingerprint(article.text), tuple(flags))
    except VeilleError as exc:
        return Failure(item.source, item.locator, exc.code, exc.reason)
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # noqa: BLE001 - a bad item never kills the batch; the reason is kept
        return Failure(item.source, item.locator, "E001" if isinstance(exc, FileNotFoundError) else "E000",
                       f"unexpected {type(exc).__name__}: {str(exc)[:300]}")


Outcome = Processed | Failure | Unchanged | None


def _outcomes(entries: Iterable[Entry], store: Store, options: IngestOptions, stats: IngestStats,
              ) -> Iterator[Outcome]:
    """Process items in a bounded, ordered window; None for an item already stored or in flight.

    Items already stored are counted here: ``known`` when an earlier run stored
    them, ``duplicate`` when they repeat an item of this run.
    """
    jobs = options.workers()
    window = options.window or 16 * jobs
    pool = _Pool(jobs, options) if jobs > 1 else None
    pending: deque[tuple[object, Future | None]] = deque()
    in_flight: set[str] = set()
    before = store.last_seq()  # articles up to here were stored by earlier runs

    def resolve(entry: object, future: Future | None) -> Outcome:
        if isinstance(entry, Item):
            in_flight.discard(entry.key)
        if future is None:
            return entry  # type: ignore[return-value]
        if pool is None:
            return future.result()
        outcome = pool.wait(entry, future)  # type: ignore[arg-type]
        if pool.restarted:  # the pool was replaced: what was in flight runs again, in order
            pool.restarted = False
            for n, (waiting, old) in enumerate(pending):
                if old is not None and not _succeeded(old):
                    pending[n] = (waiting, pool.submit(waiting))  # type: ignore[arg-type]
        return outcome

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
                        store.remember_fetch(f.url, f.etag, f.last_modified)  # type: ignore[attr-defined]
                    yield None
                    continue
                in_flight.add(key)
                if pool is None:
                    pending.append((entry, _Done(process_item(entry, options))))
                else:
                    pending.append((entry, pool.submit(entry)))
            else:
                pending.append((entry, None))
            while pending and (len(pending) >= window or pending[0][1] is None or pending[0][1].done()):
                yield resolve(*pending.popleft())
        while pending:
            yield resolve(*pending.popleft())
    finally:
        if pool is not None:
            pool.shutdown()


class _Pool:
    """Worker processes that survive losing one: a worker killed (out of memory, a crash)
    or stuck past the item time limit (in code that no signal interrupts) is replaced,
    its item recorded as a failure, and the items that were in flight run again.

    Which item broke the pool is not known when several were in flight, so the item
    being waited for is run again alone: if it breaks a fresh pool too, it is the
    culprit (a failure); if not, the culprit is still ahead and will be found the same
    way when its turn comes.
    """

    GRACE = 30.0
    """Seconds past the item time limit before a stuck worker is killed (the limit's
    own signal gets the first chance)."""
    work = staticmethod(process_item)
    """What a worker does with one item (a module-level function: it is pickled)."""

    def __init__(self, jobs: int, options: IngestOptions) -> None:
        self.jobs = jobs
        self.options = options
        self.restarted = False
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(self.jobs, mp_context=get_context("spawn"), initializer=_init_worker,
                                       initargs=(self.options,))
        self.warm = executor.submit(_ready)  # done once a worker has started (loaded its models)
        return executor

    def submit(self, item: Item) -> Future:
        """Process ``item`` in a worker."""
        return self.executor.submit(self.work, item, self.options)

    def wait(self, item: Item, future: Future) -> Processed | Failure:
        """The outcome of ``item``, recovering the pool if it breaks or sticks meanwhile."""
        try:
            return self._result(future)
        except (BrokenProcessPool, _Stuck):
            pass
        self.restart()
        try:
            return self._result(self.submit(item))
        except BrokenProcessPool:
            self.restart()
            return Failure(item.source, item.locator, "E044", "crashed its worker process (killed, perhaps out "
                                                              "of memory; the batch went on)")
        except _Stuck:
            self.restart()
            return Failure(item.source, item.locator, "E041", "took over the time limit (its worker was killed "
                                                              f"after {self._hard_limit():g} s)")

    def _hard_limit(self) -> float:
        limit = self.options.article.item_timeout
        return limit + self.GRACE if limit > 0 else 0.0

    def _result(self, future: Future) -> Processed | Failure:
        """``future.result()``, or :class:`_Stuck` once it has been running past the hard limit."""
        hard = self._hard_limit()
        if hard <= 0:
            return future.result()
        started: float | None = None
        while True:
            try:
                return future.result(timeout=1.0)
            except FuturesTimeout:
                if future.running() and self.warm.done():  # a worker's start is not the item's time
                    started = started or time.monotonic()
                    if time.monotonic() - started > hard:
                        raise _Stuck() from None

    def restart(self) -> None:
        """Kill every worker and start new ones (the caller resubmits what was in flight)."""
        for process in list(getattr(self.executor, "_processes", {}).values()):
            process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()
        self.restarted = True

    def shutdown(self) -> None:
        """Stop the workers once the run is over."""
        self.executor.shutdown(wait=True, cancel_futures=True)


def _init_worker(options: IngestOptions) -> None:
    """Set up a worker process: its memory cap, then the imports and spaCy pipelines every
    item needs, so that an item's time limit measures the item, not the worker's start."""
    from veille.limits import limit_memory

    limit_memory(options.article.worker_memory)
    for lang, text in _WARM_UP.items():  # lazy imports, models and tables load here, once
        if lang in options.languages:
            _process_item(Item(text.encode("utf-8"), "<warm-up>", "<warm-up>"), options)  # language detected


def _ready() -> bool:
    """A no-op task: its completion tells that a worker has started."""
    return True


_WARM_UP = {
    "fr": "Le président a rencontré jeudi à Paris le Premier ministre, a annoncé l'Élysée dans un communiqué.",
    "en": "The president met the prime minister in London on Thursday, the government said in a statement.",
}


def _succeeded(future: Future) -> bool:
    """True when ``future`` finished with a result (not cancelled, not failed)."""
    return future.done() and not future.cancelled() and future.exception() is None


class _Stuck(Exception):
    """A worker has run one item past the hard time limit."""


class _Done:
    """A finished result that quacks like a Future (for in-process runs)."""

    def __init__(self, value: object) -> None:
        self.value = value

    def done(self) -> bool:
        return True

    def result(self) -> object:
        return self.value


def write(outcome: Processed, store: Store, dedup: Deduplicator, stats: IngestStats,
          stories: StoryClusterer | None = None) -> None:
    """Decide whether the article duplicates a stored one, give it its story, then
    write it in one transaction."""
    article, fp, item = outcome.article, outcome.fingerprint, outcome.item
    match = dedup.check(article.title, article.text, fp)
    story_id = None
    if match is not None:
        original = store.text_of(match.original)
        article = as_link(article, match, original[1] if original else "")
        story_id = store.story_of(match.original) if stories is not None else None
    elif stories is not None and not store.has_article(article.id):
        story_id = stories.add(article)
    rec = ArticleRecord(
        article, fp.content_hash, external_id=item.external_id,
        status=match.kind if match else "original", flags=list(outcome.flags),
        duplicate_of=match.original if match else None, similarity=match.similarity if match else None,
        differences=match.differences if match else None, signature=None if match else fp.signature,
        fetched=item.fetched,  # type: ignore[arg-type]
        story_id=story_id,
    )
    if not store.write_article(rec):
        stats.known += 1
        return
    if match is None:
        dedup.add(article.id, fp.signature)
        stats.new += 1
        if "unsupported_language" in outcome.flags:
            stats.unsupported_language += 1
    elif match.kind == "duplicate":
        stats.duplicate += 1
    else:
        stats.near_duplicate += 1


def ingest(sources: Iterable[str], store: Store, options: IngestOptions | None = None) -> IngestStats:
    """Read every source into ``store``; return what happened. Bad items are recorded, not raised."""
    options = options or IngestOptions()
    stats = IngestStats()
    started = time.perf_counter()
    dedup = Deduplicator(store.original_with_hash, store.text_of, threshold=options.near_threshold)
    dedup.load(store.signatures())
    stories = _stories(store) if options.stories else None
    entries = iter_sources(sources, options.article, options.corpus, store.fetch_validators)
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


def _stories(store: Store) -> StoryClusterer:
    """A story clusterer holding the store's clustered originals, so an incremental or
    resumed ingest continues the same stories instead of starting anew."""
    clusterer = StoryClusterer()
    clusterer.restore((Article.model_validate_json(text), story) for text, story in store.clustered())
    return clusterer


def _postfix(stats: IngestStats) -> dict[str, int]:
    return {"new": stats.new, "dup": stats.duplicate + stats.near_duplicate + stats.known, "failed": stats.failed}


def _progress(enabled: bool):  # noqa: ANN202 - tqdm or None
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit=" items", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)
