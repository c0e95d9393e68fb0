"""Quality signals before and after repair, and flags a person can read.

The duplicate fractions follow Gopher's repetition filter (Rae et al. 2021,
as implemented in datatrove): the share of lines, resp. paragraphs, that
repeat an earlier one, and the share of characters they hold. Gopher drops a
document above 0.30 / 0.20 (lines) or 0.30 / 0.20 (paragraphs); veille
reports that it *would* have, then repairs instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from veille.model import Removal, Signals
from veille.repair.normalize import word_count

GOPHER_DUP_LINE_FRAC = 0.30
GOPHER_DUP_PARA_FRAC = 0.30
GOPHER_DUP_LINE_CHAR_FRAC = 0.20
GOPHER_DUP_PARA_CHAR_FRAC = 0.20
MIN_WORDS = 50


def signals(lines: Sequence[str], paragraphs: Sequence[str]) -> Signals:
    """Counts and Gopher duplicate fractions of one version of a text."""
    dup_lines, dup_line_chars = _duplicates(lines)
    dup_paras, dup_para_chars = _duplicates(paragraphs)
    chars = sum(len(x) for x in lines)
    para_chars = sum(len(x) for x in paragraphs)
    return Signals(
        lines=len(lines),
        paragraphs=len(paragraphs),
        words=sum(word_count(x) for x in lines),
        chars=chars,
        dup_line_frac=_ratio(dup_lines, len(lines)),
        dup_para_frac=_ratio(dup_paras, len(paragraphs)),
        dup_line_char_frac=_ratio(dup_line_chars, chars),
        dup_para_char_frac=_ratio(dup_para_chars, para_chars),
    )


def _duplicates(items: Sequence[str]) -> tuple[int, int]:
    """How many items repeat an earlier one exactly, and their characters."""
    seen: set[str] = set()
    count = chars = 0
    for item in items:
        if item in seen:
            count += 1
            chars += len(item)
        seen.add(item)
    return count, chars


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def flags(before: Signals, after: Signals, removed: Sequence[Removal], has_title: bool) -> list[str]:
    """Readable flags: what the page suffered from, and what is still doubtful."""
    out: list[str] = []
    reasons = " ".join(r.reason for r in removed if r.kind == "boilerplate")
    if any(r.kind == "repeat" for r in removed):
        out.append("repeated_content")
    if any(r.kind == "repeat" and "block" in r.reason for r in removed):
        out.append("repeated_block")
    if before.dup_line_frac > GOPHER_DUP_LINE_FRAC or before.dup_line_char_frac > GOPHER_DUP_LINE_CHAR_FRAC:
        out.append("gopher_dup_lines_before")
    if before.dup_para_frac > GOPHER_DUP_PARA_FRAC or before.dup_para_char_frac > GOPHER_DUP_PARA_CHAR_FRAC:
        out.append("gopher_dup_paragraphs_before")
    promo = [r for r in removed if r.kind == "boilerplate" and ("sponsoring" in r.reason or "subscription" in r.reason)]
    if any(r.position >= before.lines - 3 for r in promo):
        out.append("promotional_footer")
    elif promo:
        out.append("promotional_content")
    if "author_bio" in reasons:
        out.append("author_bio")
    if any(r.kind == "navigation" for r in removed):
        out.append("navigation")
    if after.words < MIN_WORDS:
        out.append("short_text")
    if not has_title:
        out.append("no_title")
    return out
