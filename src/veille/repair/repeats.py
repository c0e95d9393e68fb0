"""Repeated paragraphs and repeated multi-paragraph blocks.

Pages saved by scrapers often carry the same block several times (a carousel
rendered per breakpoint, a template loop gone wrong). veille keeps the first
occurrence of everything and removes later copies:

* a unit of at least ``min_chars`` characters that repeats an earlier unit;
* a run of two or more consecutive repeated units that follow each other in
  the same order earlier in the text (a repeated block), short units included.

Short units repeated on their own (a speaker quoted twice, a recurring
heading) stay: they carry meaning where they stand.
"""

from __future__ import annotations

from dataclasses import dataclass

from veille.repair.normalize import unit_key


@dataclass(frozen=True)
class Repeat:
    """One later copy: its index, the index of the first copy, and its block size."""

    index: int
    first: int
    block_size: int


def find_repeats(texts: list[str], min_chars: int = 40) -> list[Repeat]:
    """Indices of ``texts`` to remove as repeats, in input order."""
    seen: dict[str, list[int]] = {}
    earlier: list[list[int]] = []
    for i, text in enumerate(texts):
        key = unit_key(text)
        earlier.append(list(seen.get(key, ())) if key else [])
        if key:
            seen.setdefault(key, []).append(i)
    repeats: list[Repeat] = []
    for run in _runs(earlier):
        repeats.extend(_judge(run, texts, earlier, min_chars))
    return sorted(repeats, key=lambda r: r.index)


def _runs(earlier: list[list[int]]) -> list[list[int]]:
    """Group repeated units into runs that continue an earlier run in order."""
    runs: list[list[int]] = []
    for i, prev in enumerate(earlier):
        if not prev:
            continue
        if runs and runs[-1][-1] == i - 1 and _continues(earlier[i - 1], prev):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _continues(before: list[int], now: list[int]) -> bool:
    """True when some earlier copy of the previous unit is followed by an earlier copy of this one."""
    later = set(now)
    return any(p + 1 in later for p in before)


def _judge(run: list[int], texts: list[str], earlier: list[list[int]], min_chars: int) -> list[Repeat]:
    """A block goes whole if one of its units is long; a lone unit only if long."""
    long_units = [i for i in run if len(texts[i]) >= min_chars]
    if len(run) >= 2 and long_units:
        return [Repeat(i, earlier[i][0], len(run)) for i in run]
    return [Repeat(i, earlier[i][0], 1) for i in long_units]
