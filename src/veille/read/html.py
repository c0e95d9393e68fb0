"""HTML to raw blocks and metadata, through trafilatura.

trafilatura finds the main text and the metadata (title, author, date, site,
categories); veille keeps the structure it marks (headings, quotes, list
items, table rows, code) and hands the units to its own repair stage.

Pages that are not clean UTF-8 are decoded as a browser would: with the
charset they declare, else as UTF-8 with replacement characters for the few
broken bytes (:func:`decode_html`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from veille.errors import VeilleError
from veille.model import Block, BlockKind

if TYPE_CHECKING:
    from trafilatura.settings import Document

# trafilatura's output elements that make one unit each (taken whole, children included)
_BLOCK_KIND: dict[str, BlockKind] = {
    "head": "heading", "p": "paragraph", "quote": "quote", "item": "list_item", "row": "paragraph",
    "code": "paragraph",
}
# elements that only hold units: their own loose text becomes units between them
_CONTAINERS = frozenset({"body", "list", "table", "div", "main", "article", "section"})
# elements whose edges separate words (a line break, or a block nested in a block)
_WORD_BREAK = frozenset({"lb", "br", "cell", *_BLOCK_KIND, *_CONTAINERS, "li", "td", "th"})
# invisible typographic characters dropped from the text: soft hyphen, zero-width space,
# word joiner, zero-width no-break space (BOM), Mongolian vowel separator
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff\u180e"))

_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|div|article|p)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(p|div|br|a|span|article|body)\b[^>]*>", re.I)  # not <script>: text about code has it
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# WHATWG Encoding Standard: labels browsers decode with a superset encoding
_SUPERSET = {
    "iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874", "tis-620": "cp874",
    "gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932", "euc_kr": "cp949",
}


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
    return html_evidence(text, content_type, name) is not None


def html_evidence(text: str, content_type: str | None = None, name: str = "") -> str | None:
    """Why an input is taken for HTML: ``"declared"`` (content type, file name, or a
    document that starts like one), ``"tags"`` (only a few tags in its first 4 KB: plain
    text quoting markup looks the same), or None."""
    if content_type and "html" in content_type.lower():
        return "declared"
    if name.lower().endswith((".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")):
        return "declared"
    head = text[:4096]
    if _HTML_START.search(head):
        return "declared"
    return "tags" if len(_HTML_TAGS.findall(head)) >= 5 else None


def declared_charset(data: bytes) -> str | None:
    """Python codec name of the charset a page declares in a ``<meta>`` tag (None if none or unknown)."""
    match = _META_CHARSET.search(data[:65536])
    if not match:
        return None
    try:
        return codecs.lookup(match[1].decode("ascii")).name
    except LookupError:
        return None


def decode_html(data: bytes, source: str) -> str:
    """Decode a page that is not clean UTF-8, as a browser would.

    The charset the page declares wins when its bytes decode with it (the
    WHATWG superset first: windows-1252 for latin-1, GB18030 for GB2312, …);
    otherwise the page is read as UTF-8 and the broken bytes become U+FFFD.
    """
    declared = declared_charset(data)
    if declared and declared not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
        for name in dict.fromkeys((_SUPERSET.get(declared, declared), declared)):
            try:
                return _newlines(data.decode(name))
            except (UnicodeDecodeError, LookupError):
                continue
    text = data.decode("utf-8", errors="replace")
    if not text.strip():
        raise VeilleError("E003", source)
    return _newlines(text)


def _newlines(text: str) -> str:
    """Unix line ends, as :func:`veille.read.decode.decode` gives."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def extract_html(html: str, source: str, url: str | None = None, max_depth: int = 200) -> HtmlExtract:
    """Main text and metadata of a page; no article text is a coded error.

    A page nested deeper than the HTML parser goes (libxml2 stops at 256 levels and
    the text below is lost) is read again with its excess wrappers unwrapped
    (:func:`flatten`), so the article survives.
    """
    from trafilatura import bare_extraction

    def extract(page: str) -> Document | None:  # a Document, not a dict: as_dict is off
        return cast("Document | None", bare_extraction(page, url=url, with_metadata=True, include_comments=False))

    doc = extract(html)
    blocks = list(_body_blocks(doc.body)) if doc is not None and doc.body is not None else []
    if not blocks:
        flat = flatten(html, max_depth)
        if flat is not None:
            doc = extract(flat)
            blocks = list(_body_blocks(doc.body)) if doc is not None and doc.body is not None else []
    if not blocks or doc is None:
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


# elements kept when a too-deep page is flattened: they make the units of the text
_STRUCTURE = frozenset({"html", "head", "title", "meta", "body", "article", "main", "p", "h1", "h2", "h3", "h4", "h5",
                        "h6", "ul", "ol", "li", "blockquote", "q", "table", "tr", "td", "th", "pre", "br", "time"})


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr", "param"})


def flatten(html: str, max_depth: int = 200) -> str | None:
    """The page with its wrapper tags (``div``, ``span``, ``section``…) past ``max_depth``
    nested wrappers removed, their text kept; None when it has none that deep.

    libxml2, under trafilatura, stops at 256 levels (2,048 with its 'huge' option) and
    drops what lies below, so a page wrapped a thousand times deep loses its article.
    This works on the tags as text, before any parser sees them; units (paragraphs,
    headings, list items, table cells, quotes) are kept wherever they are.
    """
    out: list[str] = []
    dropped: list[bool] = []  # one per open wrapper: was its start tag removed?
    depth = 0
    last = 0
    changed = False
    for match in _TAG.finditer(html):
        closing, tag = match[1], match[2].lower()
        if tag in _STRUCTURE or tag in _VOID or match[0].endswith("/>"):
            continue
        if closing:
            if not dropped:
                continue
            depth -= 1
            drop = dropped.pop()
        else:
            depth += 1
            drop = depth > max_depth
            dropped.append(drop)
        if drop:
            out.append(html[last:match.start()])
            last = match.end()
            changed = True
    if not changed:
        return None
    out.append(html[last:])
    return "".join(out)


def _body_blocks(body) -> Iterator[Block]:  # noqa: ANN001 - lxml element
    """Walk trafilatura's body in document order: one block per head, p, quote,
    list item, table row or code block (taken whole, so nothing is taken twice),
    and one paragraph per run of loose text between them (text and tails sitting
    directly in the body or a container, up to a line break).

    A root that is neither a container nor a unit (trafilatura's last resort on a
    page without an article, e.g. a lone ``<nav>``) gives nothing."""
    if body.tag in _BLOCK_KIND:
        text = _row_text(body) if body.tag == "row" else clean_text(_text(body))
        if text:
            yield Block(kind=_BLOCK_KIND[body.tag], text=text)
    elif body.tag in _CONTAINERS or _holds_blocks(body):
        loose: list[str] = []
        yield from _container_blocks(body, loose)
        yield from _flush(loose)


def _container_blocks(element, loose: list[str]) -> Iterator[Block]:  # noqa: ANN001 - lxml element
    """Blocks of a container element; ``loose`` gathers text between its units."""
    if element.text:
        loose.append(element.text)
    for child in element:
        kind = _BLOCK_KIND.get(child.tag)
        if not isinstance(child.tag, str):  # a comment or processing instruction: only its tail is text
            pass
        elif kind is not None:
            yield from _flush(loose)
            text = _row_text(child) if child.tag == "row" else clean_text(_text(child))
            if text:
                yield Block(kind=kind, text=text)
        elif child.tag in ("lb", "br"):
            yield from _flush(loose)
        elif child.tag in _CONTAINERS or _holds_blocks(child):
            yield from _flush(loose)
            yield from _container_blocks(child, loose)
            yield from _flush(loose)
        else:  # inline element (hi, ref, span…): its text runs on with the loose text
            loose.append(_text(child))
        if child.tail:
            loose.append(child.tail)


def _holds_blocks(element) -> bool:  # noqa: ANN001 - lxml element
    """True when a descendant is a unit of its own (an unknown tag wrapping paragraphs)."""
    return any(e.tag in _BLOCK_KIND for e in element.iterdescendants())


def _flush(loose: list[str]) -> Iterator[Block]:
    """The loose text gathered so far as one paragraph (if it has any), and reset."""
    text = clean_text("".join(loose))
    loose.clear()
    if text:
        yield Block(kind="paragraph", text=text)


def _text(element) -> str:  # noqa: ANN001 - lxml element
    """All text under ``element``; line breaks and nested blocks separate words."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction: only its tail is text
            parts.append(child.tail or "")
            continue
        gap = " " if child.tag in _WORD_BREAK else ""
        parts.extend((gap, _text(child), gap, child.tail or ""))
    return "".join(parts)


def _row_text(row) -> str:  # noqa: ANN001 - lxml element
    """A table row as one unit: its non-empty cells joined by ' | '."""
    cells = (clean_text(_text(cell)) for cell in row if isinstance(cell.tag, str))
    return " | ".join(c for c in cells if c)


def clean_text(text: str) -> str:
    """One line of text: NFC, invisible characters dropped, white space collapsed."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return " ".join(text.split())
