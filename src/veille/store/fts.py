"""Full-text search helpers shared by the backends.

SQLite's FTS5 has no French or English stemmer, so beside the text each
indexed row gets a ``stems`` column: its words reduced by the Snowball stemmer
of the article's language (``snowballstemmer``, which runs PyStemmer's C code
when it is installed, as the ``corpus`` extra does; stems are cached per word). A
query word then matches its exact form (diacritics folded by the
``unicode61 remove_diacritics 2`` tokenizer) or its French or English stem.
PostgreSQL does the same with ``tsvector`` and its ``french``/``english``
configurations.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMERS = {"fr": "french", "en": "english"}

PG_CONFIGS = {"fr": "veille_french", "en": "veille_english"}
"""PostgreSQL text-search configuration by ISO 639-1 code (``french``/``english`` with accents
folded by ``unaccent``, created by the schema); other languages use ``veille_simple``."""


def pg_config(language: str | None) -> str:
    """PostgreSQL text-search configuration for an article's language."""
    return PG_CONFIGS.get(language or "", "veille_simple")


@lru_cache(maxsize=4)
def _stemmer(language: str):  # noqa: ANN202 - snowballstemmer.Stemmer
    import snowballstemmer

    return snowballstemmer.stemmer(_STEMMERS[language])


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=1 << 18)
def stem(word: str, language: str) -> str:
    """The Snowball stem of one lower-case word (cached: news vocabulary repeats a lot)."""
    return _stemmer(language).stemWord(word)


def stems(text: str, language: str | None) -> str:
    """The Snowball stems of the words of ``text`` joined by spaces ('' for other languages)."""
    if language not in _STEMMERS:
        return ""
    return " ".join(stem(w, language) for w in words(text))


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_query(text: str) -> str | None:
    """An FTS5 MATCH expression: every word must match, as written or by its fr/en stem.

    User text is never passed to FTS5 as syntax: each word is quoted, so
    ``AND``, ``*``, quotes or parentheses in a query are just words.
    """
    clauses = []
    for word in words(text):
        forms = {_quoted(word)} | {f"stems:{_quoted(stem(word, lang))}" for lang in _STEMMERS}
        clauses.append("(" + " OR ".join(sorted(forms)) + ")")
    return " AND ".join(clauses) or None
