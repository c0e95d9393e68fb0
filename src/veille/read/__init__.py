"""Read stage: one input (path, URL or stdin) to a raw :class:`~veille.model.Article`.

The raw article carries metadata found by the reader and its units as
unrepaired paragraph blocks; the repair stage does the rest.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from veille.errors import VeilleError
from veille.model import Article
from veille.options import DEFAULT, Options
from veille.read.decode import decode
from veille.read.html import decode_html, extract_html, looks_like_html
from veille.read.source import Raw, load
from veille.read.text import text_blocks

__all__ = ["read", "read_raw", "article_id"]


def article_id(data: bytes) -> str:
    """Stable id: the same input bytes always give the same id."""
    return hashlib.sha256(data).hexdigest()[:16]


def read(source: str, options: Options = DEFAULT) -> Article:
    """Load ``source`` and turn it into a raw article."""
    return read_raw(load(source, options), options)


def read_raw(raw: Raw, options: Options = DEFAULT) -> Article:
    """Decode bytes already loaded and build the raw article (text or HTML)."""
    text = _decode(raw, options)
    base = {"id": article_id(raw.data), "source": raw.source, "url": raw.url}
    if looks_like_html(text, raw.content_type, PurePath(raw.source).name):
        page = extract_html(text, raw.source, raw.url)
        return Article(
            **base, format="html", blocks=page.blocks, title=page.title, author=page.author,
            site=page.site, section=page.section, standfirst=page.standfirst,
            published=options.published or page.published, language=options.language,
        )
    blocks = text_blocks(text)
    if not blocks:
        raise VeilleError("E003", raw.source)
    return Article(**base, format="text", blocks=blocks, published=options.published, language=options.language)


def _decode(raw: Raw, options: Options) -> str:
    """Decode the input; an HTML page that is not clean UTF-8 is decoded as a browser
    would (declared charset, else UTF-8 with replacement characters) instead of refused."""
    try:
        return decode(raw.data, raw.source, options.encoding)
    except VeilleError as exc:
        sniff = raw.data[:4096].decode("latin-1")
        html = looks_like_html(sniff, raw.content_type, PurePath(raw.source).name)
        if exc.code != "E006" or options.encoding or not html:
            raise
        return decode_html(raw.data, raw.source)
