"""The one pipeline: read → repair → language → understand, batched.

Every runner calls the functions here — ``veille analyze`` (a batch of one),
``veille ingest`` (its local workers), the Spark engine (one batch per
partition chunk), the evaluations and the benchmarks — so an article goes
through exactly the same stages whichever runs it. Engines only decide where
these functions run.

- :func:`prepare` is the per-article part: repair, then the language.
- :func:`understand_batch` gates on the one language registry
  (``Options.pipelines``: a language is analysed when a spaCy pipeline is
  configured for it) and parses every analysed article of the batch in one
  ``nlp.pipe`` stream per language.
- Flags saying how an article was processed are set here, once, in the
  article's ``quality.flags``: :data:`FLAG_LANGUAGE_NOT_ANALYSED` and
  :data:`FLAG_NOT_UNDERSTOOD` (:data:`PIPELINE_FLAGS`). The store keeps the
  same words in ``articles.flags``.
"""

from __future__ import annotations

from veille.errors import VeilleError
from veille.model import Article
from veille.options import DEFAULT, Options
from veille.read import read, read_raw
from veille.read.source import Raw
from veille.repair import repair
from veille.understand import detect_language

FLAG_LANGUAGE_NOT_ANALYSED = "language_not_analysed"
"""Understanding was asked but no spaCy pipeline is configured for the article's language."""
FLAG_NOT_UNDERSTOOD = "not_understood"
"""Understanding was switched off for this run (``--no-understand``)."""
FLAG_TOO_LONG = "too_long_to_understand"
"""The article is longer than ``Options.max_chars`` (``--max-chars``): stored and searchable, not analysed."""
PIPELINE_FLAGS = (FLAG_LANGUAGE_NOT_ANALYSED, FLAG_NOT_UNDERSTOOD, FLAG_TOO_LONG)
"""Flags the pipeline sets (the store's ``articles.flags`` holds these)."""


def analyze(source: str, options: Options = DEFAULT) -> Article:
    """Read ``source`` (path, URL or '-') and return the repaired, understood article."""
    return process(read(source, options), options)


def analyze_bytes(data: bytes, source: str = "<bytes>", options: Options = DEFAULT) -> Article:
    """The same for bytes already in memory (name them with ``source``)."""
    return process(read_raw(Raw(data, source), options), options)


def analyze_text(text: str, source: str = "<text>", options: Options = DEFAULT) -> Article:
    """The same for a string."""
    return analyze_bytes(text.encode("utf-8"), source, options)


def process(article: Article, options: Options = DEFAULT) -> Article:
    """Run the stages after reading on one article: :func:`process_many` of one, except that
    an article longer than ``options.max_chars`` is refused with E043 rather than stored
    unanalysed (what ``veille ingest`` does with it)."""
    prepared = prepare(article, options)
    if analysed(prepared, options) is None:
        raise VeilleError("E043", article.source, f"{len(prepared.text):,} characters, limit {options.max_chars:,}")
    return understand_batch([prepared], options)[0]


def process_many(articles: list[Article], options: Options = DEFAULT) -> list[Article]:
    """Repair, language and understanding of a batch of read articles (parsed together)."""
    return understand_batch([prepare(a, options) for a in articles], options)


def prepare(article: Article, options: Options = DEFAULT) -> Article:
    """The per-article stages before understanding: repair, then the language."""
    return detect_language(repair(article, options))


def analysed(article: Article, options: Options = DEFAULT) -> bool | None:
    """True when understanding runs on this article: it is on, and the article's
    language has a pipeline in the one registry, ``options.pipelines``; None when it
    would, but the article is longer than ``options.max_chars``."""
    if not (options.understand and bool(article.language) and article.language in options.pipelines):
        return False
    return True if len(article.text) <= options.max_chars else None


def understand_batch(articles: list[Article], options: Options = DEFAULT) -> list[Article]:
    """Understanding of prepared articles: those :func:`analysed` are parsed in
    batches (one ``nlp.pipe`` stream per language), the others are flagged."""
    out = list(articles)
    todo = [i for i, a in enumerate(articles) if analysed(a, options)]
    if todo:
        from veille.understand import understand_many

        for i, art in zip(todo, understand_many([articles[i] for i in todo], options), strict=True):
            out[i] = art
    for i, art in enumerate(articles):
        state = analysed(art, options)
        if not options.understand:
            out[i] = flag(art, FLAG_NOT_UNDERSTOOD)
        elif state is None:
            out[i] = flag(art, FLAG_TOO_LONG)
        elif not state:
            out[i] = flag(art, FLAG_LANGUAGE_NOT_ANALYSED)
    return out


def flag(article: Article, name: str) -> Article:
    """A copy of the article with ``name`` added to its quality flags (once)."""
    if article.quality is None or name in article.quality.flags:
        return article
    quality = article.quality.model_copy(update={"flags": [*article.quality.flags, name]})
    return article.model_copy(update={"quality": quality})


def pipeline_flags(article: Article) -> list[str]:
    """The flags the pipeline set on the article (what the store keeps in ``articles.flags``)."""
    return [f for f in (article.quality.flags if article.quality else []) if f in PIPELINE_FLAGS]


def warm(options: Options = DEFAULT, languages: tuple[str, ...] | None = None) -> None:
    """Load what understanding needs (spaCy pipelines, actor matchers, tables) now rather
    than on the first article: a worker calls it once when it starts."""
    if not options.understand:
        return
    from veille.understand import warm as warm_understanding

    warm_understanding(options, languages)
