"""Plain text to raw blocks: one block per line or paragraph, nothing judged yet.

Structure (title, headings, quotes) is recovered later by the repair stage;
the reader only undoes hard line wrapping, so a sentence cut over two lines
becomes one unit again.
"""

from __future__ import annotations

import re

from veille.model import Block

_BLANK = re.compile(r"\n[ \t\u00a0]*\n")
_SPACES = re.compile(r"[ \t\f\v]+")  # collapse ASCII runs; keep no-break spaces (French typography)
_ENDS_SENTENCE = re.compile(r"[.!?:;»\"”)\]…]\s*$")


def text_units(text: str) -> list[str]:
    """Split text into units: paragraphs split on blank lines, then on lines
    unless a line is clearly the wrapped continuation of the one before."""
    units: list[str] = []
    for paragraph in _BLANK.split(text):
        lines = [ln.strip() for ln in paragraph.split("\n") if ln.strip()]
        units.extend(_unwrap(lines))
    return [_collapse(u) for u in units]


def _collapse(unit: str) -> str:
    """Collapse runs of ASCII blanks to one space and strip (the regex only where it has work)."""
    if "  " in unit or "\t" in unit or "\f" in unit or "\v" in unit:
        unit = _SPACES.sub(" ", unit)
    return unit.strip()


def _unwrap(lines: list[str]) -> list[str]:
    """Join a line with the next when it stops mid-sentence and the next starts in lower case."""
    out: list[str] = []
    for line in lines:
        if out and not _ENDS_SENTENCE.search(out[-1]) and line[:1].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def text_blocks(text: str) -> list[Block]:
    """Raw paragraph blocks for the repair stage."""
    return [Block(kind="paragraph", text=u) for u in text_units(text)]
