"""Lay the kept units out as an article: title, standfirst, body blocks.

Plain text has no tags, so title, standfirst, headings and quote blocks are
recognised from the shape of the units (``structure``). HTML already carries
them from the extractor; there veille only attaches attribution lines to the
quote they sign and drops a body heading that repeats the title.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from veille.model import Block, Removal
from veille.repair.normalize import unit_key, word_count
from veille.repair.structure import attribution, first_person, is_heading, is_quotation

Unit = tuple[int, Block]  # (position in the input, raw block)


@dataclass
class Skeleton:
    """Title, standfirst and body found among the kept units."""

    title: str | None = None
    standfirst: str | None = None
    blocks: list[Block] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)


def layout(units: list[Unit], fmt: str, known_title: str | None = None) -> Skeleton:
    """Recover the article's skeleton from its kept units, in reading order."""
    skeleton = Skeleton()
    rest = list(units)
    if fmt == "text" and not known_title:
        rest = _take_title(rest, skeleton)
    elif known_title and rest and unit_key(rest[0][1].text) == unit_key(known_title):
        pos, block = rest.pop(0)
        skeleton.removed.append(Removal(kind="repeat", text=block.text, position=pos, reason="repeats the title"))
    skeleton.blocks = _body(rest, fmt)
    return skeleton


def _take_title(units: list[Unit], skeleton: Skeleton) -> list[Unit]:
    """First unit as title when it is title-shaped; the next as standfirst when lead-shaped."""
    if len(units) < 2 or not _title_shaped(units[0][1].text):
        return units
    skeleton.title = units[0][1].text
    if len(units) >= 4 and _standfirst_shaped(units[1][1].text, units[2][1].text):
        skeleton.standfirst = units[1][1].text
        return units[2:]
    return units[1:]


def _title_shaped(text: str) -> bool:
    return word_count(text) <= 30 and not text.rstrip().endswith((".", ";", ",", ":"))


def _standfirst_shaped(text: str, following: str) -> bool:
    """A lead: a real paragraph, not too long, followed by body text rather than an attribution."""
    return 12 <= word_count(text) <= 90 and not is_heading(text) and attribution(following) is None


def _body(units: list[Unit], fmt: str) -> list[Block]:
    """Classify body units; an attribution line is folded into the quote before it."""
    blocks: list[Block] = []
    body_text = " ".join(u[1].text for u in units)
    i = 0
    while i < len(units):
        block = units[i][1]
        nxt = units[i + 1][1].text if i + 1 < len(units) else None
        prev = blocks[-1].text if blocks else ""
        signed = _signature(block, units[i + 1][1], fmt) if nxt is not None else None
        if signed and _is_signed_quote(block, prev, signed, body_text):
            blocks.append(Block(kind="quote", text=block.text, speaker=signed[0], speaker_role=signed[1]))
            i += 2
            continue
        blocks.append(_classify(block, nxt, fmt))
        i += 1
    return blocks


def _signature(block: Block, following: Block, fmt: str) -> tuple[str, str | None] | None:
    """The attribution on the unit after ``block``, if it may sign it. In HTML the page
    marks its quotations, so only a quote block is signed, and only by a paragraph
    (a heading or list item shaped like a name is not a signature)."""
    if following.kind != "paragraph" or (fmt == "html" and block.kind != "quote"):
        return None
    return attribution(following.text)


def _is_signed_quote(block: Block, prev: str, signed: tuple[str, str | None], body_text: str) -> bool:
    """Is ``block`` a quotation signed on the next line? 'Name, role' is proof enough;
    a bare name needs a hint: quotation marks, a colon before, first person, or the
    name mentioned elsewhere in the article."""
    name, role = signed
    if block.kind == "quote":
        return True
    if block.kind != "paragraph" or word_count(block.text) < 5:
        return False
    if role:
        return True
    surname = name.split()[-1]
    mentioned = body_text.count(surname) > 1
    return is_quotation(block.text) or prev.rstrip().endswith(":") or first_person(block.text) or mentioned


def _classify(block: Block, nxt: str | None, fmt: str) -> Block:
    """Plain-text units become headings or quotes by shape; HTML keeps the extractor's kind."""
    if fmt != "text" or block.kind != "paragraph":
        return block
    if is_quotation(block.text):
        return Block(kind="quote", text=block.text)
    if nxt is not None and is_heading(block.text) and not is_heading(nxt):
        return Block(kind="heading", text=block.text)
    return block
