"""Read stage: one input (path, URL or stdin) to a raw :class:`~veille.model.Article`.

The raw article carries metadata found by the reader and its units as
unrepaired paragraph blocks; the repair stage does the rest.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from veille.errors import VeilleError
from veille.model import Article, Quality, Signals, article_id
from veille.options import DEFAULT, Options
from veille.read.decode import decode_flagged
from veille.read.html import decode_html, extract_html, html_evidence, looks_like_html
from veille.read.source import Raw, load
from veille.read.text import text_blocks

__all__ = ["read", "read_raw", "article_id"]


def read(source: str, options: Options = DEFAULT) -> Article:
    """Load ``source`` and turn it into a raw article."""
    return read_raw(load(source, options), options)


def read_raw(raw: Raw, options: Options = DEFAULT) -> Article:
    """Decode bytes already loaded and build the raw article (text or HTML).

    Plain text that only looked like HTML (a few tags quoted in it) and in which the
    HTML extractor finds nothing is read as the text it is.
    """
    text, flags = _decode(raw, options)
    base = {"id": article_id(raw.data), "source": raw.source, "url": raw.url, "language": options.language,
            "quality": _flagged(flags)}
    evidence = html_evidence(text, raw.content_type, PurePath(raw.source).name)
    if evidence is not None:
        try:
            page = extract_html(text, raw.source, raw.url, options.max_depth)
        except VeilleError as exc:
            if exc.code != "E008" or evidence != "tags":
                raise
        else:
            return _has_letters(Article(
                **base, format="html", blocks=page.blocks, title=page.title, author=page.author,
                site=page.site, section=page.section, standfirst=page.standfirst,
                published=options.published or page.published,
            ), options.min_letters)
    blocks = text_blocks(text)
    if not blocks:
        raise VeilleError("E003", raw.source)
    return _has_letters(Article(**base, format="text", blocks=blocks, published=options.published),
                        options.min_letters)


_LETTER = re.compile(r"[^\W_]")


def _has_letters(article: Article, minimum: int) -> Article:
    """The article, unless its text holds fewer than ``minimum`` letters or digits (E008):
    a stray byte or a run of invisible characters is not an article."""
    found = 0
    for text in (article.title or "", *(b.text for b in article.blocks)):
        for _ in _LETTER.finditer(text):
            found += 1
            if found >= minimum:
                return article
    raise VeilleError("E008", article.source, f"fewer than {minimum} letters or digits")


def _flagged(flags: list[str]) -> Quality | None:
    """Reader flags, carried to the repair stage in an otherwise empty :class:`Quality`."""
    if not flags:
        return None
    empty = Signals(lines=0, paragraphs=0, words=0, chars=0, dup_line_frac=0.0, dup_para_frac=0.0,
                    dup_line_char_frac=0.0, dup_para_char_frac=0.0)
    return Quality(before=empty, after=empty, flags=flags)


def _decode(raw: Raw, options: Options) -> tuple[str, list[str]]:
    """Decode the input; an HTML page that is not clean UTF-8 is decoded as a browser
    would (declared charset, else UTF-8 with replacement characters) instead of refused."""
    try:
        return decode_flagged(raw.data, raw.source, options.encoding)
    except VeilleError as exc:
        sniff = raw.data[:4096].decode("latin-1")
        html = looks_like_html(sniff, raw.content_type, PurePath(raw.source).name)
        if exc.code != "E006" or options.encoding or not html:
            raise
        return decode_html(raw.data, raw.source), []
