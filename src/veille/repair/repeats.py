"""Repeated paragraphs and repeated multi-paragraph blocks.

Pages saved by scrapers often carry the same block several times (a carousel
rendered per breakpoint, a template loop gone wrong). veille keeps the first
occurrence of everything and removes later copies:

* a unit of at least ``min_chars`` characters that repeats an earlier unit;
* a run of two or more consecutive repeated units that follow each other in
  the same order earlier in the text (a repeated block), short units included.

Short units repeated on their own (a speaker quoted twice, a recurring
heading) stay: they carry meaning where they stand.

Time and memory are linear in the number of units, whatever the input: a unit
is compared through its key only, and "this pair of consecutive units already
followed each other earlier" is one look-up in a set of key pairs (a page of
50,000 identical lines costs what a page of 50,000 different ones does).
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
    keys = [unit_key(t) for t in texts]
    first: dict[str, int] = {}
    firsts: list[int | None] = []  # index of the first copy of a repeated unit, None for a first copy
    for i, key in enumerate(keys):
        seen = first.get(key) if key else None
        firsts.append(seen)
        if key and seen is None:
            first[key] = i
    repeats: list[Repeat] = []
    for run in _runs(keys, firsts):
        repeats.extend(_judge(run, texts, firsts, min_chars))
    return sorted(repeats, key=lambda r: r.index)


def _runs(keys: list[str], firsts: list[int | None]) -> list[list[int]]:
    """Group repeated units into runs that continue an earlier run in order.

    Unit ``i`` continues the run of unit ``i - 1`` when some earlier copy of unit
    ``i - 1`` is directly followed by an earlier copy of unit ``i``: the pair of
    keys ``(keys[i-1], keys[i])`` occurred at an earlier position.
    """
    runs: list[list[int]] = []
    pairs: set[tuple[str, str]] = set()  # key pairs of consecutive units seen so far
    for i, seen in enumerate(firsts):
        pair = (keys[i - 1], keys[i]) if i else None
        if seen is not None:
            if runs and runs[-1][-1] == i - 1 and pair in pairs:
                runs[-1].append(i)
            else:
                runs.append([i])
        if pair is not None and pair[0] and pair[1]:
            pairs.add(pair)
    return runs


def _judge(run: list[int], texts: list[str], firsts: list[int | None], min_chars: int) -> list[Repeat]:
    """A block goes whole if one of its units is long; a lone unit only if long."""
    long_units = [i for i in run if len(texts[i]) >= min_chars]
    if len(run) >= 2 and long_units:
        return [Repeat(i, firsts[i], len(run)) for i in run]  # type: ignore[arg-type]
    return [Repeat(i, firsts[i], 1) for i in long_units]  # type: ignore[arg-type]
