"""HTML to raw blocks and metadata, through trafilatura.

trafilatura finds the main text and the metadata (title, author, date, site,
categories); veille keeps the structure it marks (headings, quotes, list
items) and hands the units to its own repair stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from veille.errors import VeilleError
from veille.model import Block

_TAG_KIND = {"head": "heading", "p": "paragraph", "quote": "quote", "item": "list_item"}
_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|div|article|p)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(p|div|br|a|span|article|body|script)\b[^>]*>", re.I)


@dataclass
class HtmlExtract:
    """What trafilatura found on a page."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    published: str | None = None
    site: str | None = None
    section: list[str] = field(default_factory=list)
    standfirst: str | None = None
    language: str | None = None


def looks_like_html(text: str, content_type: str | None = None, name: str = "") -> bool:
    """Decide whether an input is HTML: content type, file name, then the text itself."""
    if content_type and "html" in content_type.lower():
        return True
    if name.lower().endswith((".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")):
        return True
    head = text[:4096]
    return bool(_HTML_START.search(head)) or len(_HTML_TAGS.findall(head)) >= 5


def extract_html(html: str, source: str, url: str | None = None) -> HtmlExtract:
    """Main text and metadata of a page; no article text is a coded error."""
    from trafilatura import bare_extraction

    doc = bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None or doc.body is None:
        raise VeilleError("E008", source, "the extractor found no main text")
    blocks = list(_body_blocks(doc.body))
    if not blocks:
        raise VeilleError("E008", source, "the extractor found no main text")
    return HtmlExtract(
        blocks=blocks,
        title=doc.title or None,
        author=doc.author or None,
        published=doc.date or None,
        site=doc.sitename or None,
        section=[c for c in (doc.categories or []) if c],
        standfirst=doc.description or None,
        language=doc.language or None,
    )


def _body_blocks(body):  # noqa: ANN001, ANN202 - lxml element in, Blocks out
    """Walk trafilatura's body element in document order: one block per head,
    p, quote, list item or table row (text inside those is not taken twice)."""
    for element in body.iter():
        if element.tag == "row":
            cells = (" ".join("".join(c.itertext()).split()) for c in element)
            text = " | ".join(c for c in cells if c)
            kind = "paragraph"
        else:
            kind = _TAG_KIND.get(element.tag)
            if kind is None:
                continue
            text = " ".join("".join(element.itertext()).split())
        if text and not _inside(element, ("quote", "item", "row")):
            yield Block(kind=kind, text=text)


def _inside(element, tags: tuple[str, ...]) -> bool:  # noqa: ANN001 - lxml element
    """True when an ancestor is one of ``tags`` (its text is already taken)."""
    parent = element.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False
