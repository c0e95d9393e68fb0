"""Understand stage: language, actors, quotes, events, places, dates, relations.

``understand(article, options)`` parses the repaired article (title,
standfirst and each body block separately), links mentions to the actor
table, then extracts quotes, events and relations. Every fact carries a
:class:`~veille.model.Span` or :class:`~veille.model.Evidence` pointing into
the article's own text — the original language, never a translation.
"""

from __future__ import annotations

from veille.model import Article
from veille.options import DEFAULT, Options
from veille.understand.language import detect_language

__all__ = ["detect_language", "understand", "understand_many", "warm"]


def understand(article: Article, options: Options = DEFAULT) -> Article:
    """Fill ``actors``, ``entities``, ``quotes``, ``events`` and ``relations``."""
    from veille.understand.analysis import analyse

    article = detect_language(article)
    return analyse(article, options)


def understand_many(articles: list[Article], options: Options = DEFAULT) -> list[Article]:
    """:func:`understand` over many articles, parsed in large batches (faster)."""
    from veille.understand.analysis import analyse_many

    return analyse_many([detect_language(a) for a in articles], options)


def warm(options: Options = DEFAULT, languages: tuple[str, ...] | None = None) -> None:
    """Build now what the first article would otherwise build: each configured
    language's spaCy pipeline, its actor matchers and the actor table (all
    cached for the life of the process), the gazetteer's index and the language
    identifier's fast path. A worker calls it
    once at start-up, or the process its workers are forked from (see
    :mod:`veille.ingest`), so that they share one copy."""
    from veille.understand import actors as actor_mod
    from veille.understand import language
    from veille.understand.actor_table import load_actor_table
    from veille.understand.nlp import pipeline_for
    from veille.understand.places import lookup_city

    language.warm()
    load_actor_table()
    lookup_city("Paris")  # the gazetteer's name index
    for lang in languages if languages is not None else tuple(options.pipelines):
        nlp = pipeline_for(lang, options.pipelines)
        if nlp is not None:
            actor_mod.matchers(nlp, lang)
            understand_many([_warm_article(lang)], options)  # lexicons, models: whatever loads lazily


def _warm_article(lang: str) -> Article:
    """A two-sentence article in ``lang`` that touches every extractor once."""
    from veille.languages import FALLBACK, language
    from veille.model import Block

    text = (language(lang) or {}).get("warm_text") or (language(FALLBACK) or {})["warm_text"]
    return Article(id="warm", source="<warm>", language=lang, published="2024-11-28",
                   blocks=[Block(kind="paragraph", text=text, start=0, end=len(text))])
