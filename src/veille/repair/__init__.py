"""Repair stage: one raw article in, one clean article out.

Order matters and is fixed: the breadcrumb becomes the section, boilerplate
goes, then later copies of repeated units and blocks, then a byline at the
top (its author and date kept as metadata), then structure is recovered from
what is left; a standfirst the body opens with is kept once, in the body. Every unit that leaves the body is recorded in
``Article.removed`` with its reason; nothing is dropped silently.
"""

from __future__ import annotations

from veille.model import Article, Block, Quality, Removal, article_id
from veille.options import DEFAULT, Options
from veille.repair.boilerplate import classify
from veille.repair.byline import Byline, merge_authors, parse_byline, top_units
from veille.repair.glue import split_glued
from veille.repair.layout import layout
from veille.repair.quality import flags, signals
from veille.repair.repeats import find_repeats
from veille.repair.normalize import unit_key
from veille.repair.structure import breadcrumb

__all__ = ["clean_article", "repair", "with_offsets"]


def repair(article: Article, options: Options = DEFAULT) -> Article:
    """Return a repaired copy of ``article`` (its blocks are taken as raw units)."""
    units = list(article.blocks)
    texts = [b.text for b in units]
    removed: dict[int, Removal] = {}
    section = list(article.section)
    if article.format == "text" and texts and (crumbs := breadcrumb(texts[0])):
        section = section or crumbs
        removed[0] = Removal(kind="navigation", text=texts[0], position=0,
                             reason=f"breadcrumb, kept as section {' › '.join(crumbs)}")
    if options.boilerplate:
        _remove_boilerplate(texts, removed)
    _remove_repeats(texts, removed, options.min_repeat_chars)
    byline = _remove_bylines(units, removed)
    kept = _unglue([(i, u) for i, u in enumerate(units) if i not in removed])
    skeleton = layout(kept, article.format, article.title)
    standfirst, repeated = _standfirst(article.standfirst, skeleton.blocks, kept)
    out = article.model_copy(update={
        "section": section,
        "title": article.title or skeleton.title,
        "standfirst": standfirst or skeleton.standfirst,
        "author": merge_authors(article.author) or byline.author,
        "published": article.published or byline.published,
        "blocks": with_offsets(skeleton.blocks),
        "removed": [removed[i] for i in sorted(removed)] + skeleton.removed + repeated,
    })
    return out.model_copy(update={"quality": _quality(texts, out)})


def _unglue(units: list[tuple[int, Block]]) -> list[tuple[int, Block]]:
    """Paragraphs glued by scraping ('jeudi.Le ministre') cut apart; the pieces keep
    the unit's position in the input."""
    out: list[tuple[int, Block]] = []
    for i, block in units:
        pieces = split_glued(block.text) if block.kind == "paragraph" else [block.text]
        out.extend((i, block.model_copy(update={"text": p})) for p in pieces)
    return out


def _remove_boilerplate(texts: list[str], removed: dict[int, Removal]) -> None:
    """Record boilerplate units (not already removed) with their categories."""
    for i, cats in classify(texts).items():
        if i not in removed:
            removed[i] = Removal(kind="boilerplate", text=texts[i], position=i, reason=" + ".join(cats))


def _remove_repeats(texts: list[str], removed: dict[int, Removal], min_chars: int) -> None:
    """Record later copies of repeated units and blocks among the units still kept."""
    index = [i for i in range(len(texts)) if i not in removed]
    for rep in find_repeats([texts[i] for i in index], min_chars):
        i, first = index[rep.index], index[rep.first]
        where = f"part of a repeated block of {rep.block_size} units" if rep.block_size > 1 else "repeated paragraph"
        removed[i] = Removal(kind="repeat", text=texts[i], position=i, reason=f"{where}; first copy is unit {first}")


def _remove_bylines(units: list[Block], removed: dict[int, Removal]) -> Byline:
    """Record byline and dateline lines among the top kept paragraphs ('AFP, publié le…',
    'By Jane Doe · 3 min read'); return the first author and date they give."""
    author: str | None = None
    published: str | None = None
    top = [i for i in range(len(units)) if i not in removed][: top_units()]
    for i in top:
        found = parse_byline(units[i].text) if units[i].kind == "paragraph" else None
        if found is None:
            continue
        removed[i] = Removal(kind="boilerplate", text=units[i].text, position=i, reason="byline")
        author, published = author or found.author, published or found.published
    return Byline(author=author, published=published)


def _standfirst(standfirst: str | None, blocks: list[Block],
                kept: list[tuple[int, Block]]) -> tuple[str | None, list[Removal]]:
    """The reader's standfirst, or None when the body opens with the same text (a lead
    printed again, or a whole article taken for the standfirst): the text stays once,
    in the body, and the dropped copy is recorded."""
    key = unit_key((standfirst or "").rstrip(" .…"))
    if len(key) < 20 or not blocks:
        return standfirst, []
    opening = ""
    for block in blocks:
        opening += unit_key(block.text)
        if len(opening) >= len(key):
            break
    if not opening.startswith(key):
        return standfirst, []
    position = kept[0][0] if kept else 0
    return None, [Removal(kind="repeat", text=standfirst or "", position=position,
                          reason="standfirst repeated at the start of the body")]


def clean_article(paragraphs: list[str], source: str, language: str | None = None,
                  published: str | None = None) -> Article:
    """An article whose body is already clean paragraphs, laid out as repair leaves
    one (offsets set), for the later stages: gold sentences, tests, callers that did
    their own cleaning. Its id is that of the paragraphs' text."""
    blocks = with_offsets([Block(kind="paragraph", text=p) for p in paragraphs])
    text = "\n\n".join(paragraphs)
    return Article(id=article_id(text.encode("utf-8")), source=source, language=language,
                   published=published, blocks=blocks)


def with_offsets(blocks: list[Block]) -> list[Block]:
    """Blocks with start/end offsets into the clean text (blocks joined by blank lines)."""
    out: list[Block] = []
    pos = 0
    for block in blocks:
        out.append(block.model_copy(update={"start": pos, "end": pos + len(block.text)}))
        pos += len(block.text) + 2
    return out


def _quality(raw_texts: list[str], article: Article) -> Quality:
    """Signals of the raw units and of the repaired article, and the flags."""
    before = signals(raw_texts, raw_texts)
    clean = [t for t in (article.title, article.standfirst) if t] + [b.text for b in article.blocks]
    after = signals(clean, clean)
    found = flags(before, after, article.removed, bool(article.title))
    read_flags = article.quality.flags if article.quality is not None else []  # what the reader had to do
    return Quality(before=before, after=after, flags=list(dict.fromkeys([*read_flags, *found])))
