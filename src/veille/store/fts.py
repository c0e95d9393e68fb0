"""Full-text search helpers shared by the backends.

SQLite's FTS5 has no French or English stemmer, so beside the text each
indexed row gets a ``stems`` column: its words reduced by the Snowball stemmer
of the article's language (named by its data, :mod:`veille.languages`) (``snowballstemmer``, which runs PyStemmer's C code
when it is installed, as the ``corpus`` extra does; stems are cached per word). A
query word then matches its exact form (diacritics folded by the
``unicode61 remove_diacritics 2`` tokenizer) or its stem in any language veille has data for.
PostgreSQL does the same with ``tsvector`` and the configuration each language's data
names (``veille_french``, ``veille_english``; ``veille_simple`` for the others).
"""

from __future__ import annotations

import re
from functools import lru_cache

from veille import languages

_WORD = re.compile(r"\w+", re.UNICODE)


def pg_config(language: str | None) -> str:
    """PostgreSQL text-search configuration for an article's language: the ``postgres`` key of
    its data (``french``/``english`` with accents folded by ``unaccent``, created by the schema);
    ``veille_simple`` for languages without data."""
    data = languages.language(language)
    return data["postgres"] if data else "veille_simple"


def pg_configs() -> tuple[str, ...]:
    """Every PostgreSQL text-search configuration a query is matched with: each language's,
    in language order, then ``veille_simple``."""
    found = [pg_config(code) for code in languages.languages()] + ["veille_simple"]
    return tuple(dict.fromkeys(found))


def pg_case(column: str) -> str:
    """SQL choosing the configuration of a row by its ``column`` (a language code)."""
    whens = " ".join(f"WHEN '{code}' THEN '{pg_config(code)}'" for code in languages.languages())
    return f"(CASE {column} {whens} ELSE 'veille_simple' END)::regconfig"


@lru_cache(maxsize=8)
def _stemmer(language: str):  # noqa: ANN202 - snowballstemmer.Stemmer
    import snowballstemmer

    return snowballstemmer.stemmer((languages.language(language) or {})["snowball"])


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=1 << 18)
def stem(word: str, language: str) -> str:
    """The Snowball stem of one lower-case word (cached: news vocabulary repeats a lot)."""
    return _stemmer(language).stemWord(word)


def stems(text: str, language: str | None) -> str:
    """The Snowball stems of the words of ``text`` joined by spaces ('' for other languages)."""
    if languages.language(language) is None:
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
        forms = {_quoted(word)} | {f"stems:{_quoted(stem(word, lang))}" for lang in languages.languages()}
        clauses.append("(" + " OR ".join(sorted(forms)) + ")")
    return " AND ".join(clauses) or None
