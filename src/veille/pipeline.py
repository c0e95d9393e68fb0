"""The main job of one article: read, repair, understand.

Each stage is a function over :class:`~veille.model.Article`; this module only
chains them. Corpus-scale runners call the same functions.
"""

from __future__ import annotations

from veille.errors import VeilleError
from veille.model import Article
from veille.options import DEFAULT, Options
from veille.read import read, read_raw
from veille.read.source import Raw
from veille.repair import repair
from veille.understand import detect_language, understand, understand_many


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
    """Run the stages after reading: repair, then understanding (or only the
    language when ``options.understand`` is off)."""
    repaired = repair(article, options)
    if not options.understand:
        return detect_language(repaired)
    if len(repaired.text) > options.max_chars:
        raise VeilleError("E043", article.source, f"{len(repaired.text):,} characters, limit {options.max_chars:,}")
    return understand(repaired, options)


def process_many(articles: list[Article], options: Options = DEFAULT) -> list[Article]:
    """:func:`process` over a batch of articles, understanding them together."""
    repaired = [repair(a, options) for a in articles]
    return understand_many(repaired, options) if options.understand else [detect_language(a) for a in repaired]
