"""Plain words for veille's raw names, shared by the text report and the web UI.

Removal kinds and reasons, quality flags, relation types and PLOVER event types are
stored under short names (``repeated_content``, ``ACCUSE``). People read them in words
from one data file, ``data/report.json``, through this one module: the text report
(``report.py``) and the web pages and their JSON twins (``views.py``, ``web/``) say
the same thing. A name missing from the file is said as it is. Positions of removals
count lines or paragraphs from 1, and runs of copies of one repeated block are told as
one line ('lines 19–23 repeat lines 14–18').
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from veille.model import Removal


@lru_cache(maxsize=1)
def words() -> dict:
    """The plain words (``data/report.json``), read once per process."""
    return json.loads(resources.files("veille.serve").joinpath("data/report.json").read_text("utf-8"))


def say(table: str, name: str) -> str:
    """``name`` in plain words from the ``table`` of the words file; itself when missing."""
    return str(words()[table].get(name, name))


def flag(name: str) -> str:
    """A quality flag in words: 'short_text' → 'short text: fewer than 50 words are left'."""
    return say("flags", name)


def kind(name: str) -> str:
    """A removal kind in words: 'boilerplate' → 'page furniture'."""
    return say("kinds", name)


def meaning(event_type: str) -> str:
    """What a PLOVER type means, in a few words: 'ACCUSE' → 'accuse, criticise'; '' when unknown."""
    said = say("plover", event_type)
    return "" if said == event_type else said


def plover(event_type: str) -> str:
    """A PLOVER type with its meaning beside: 'ACCUSE (accuse, criticise)'; itself when unknown."""
    meaning = say("plover", event_type)
    return event_type if meaning == event_type else f"{event_type} ({meaning})"


def event_name(event_type: str, cameo: str | None = None) -> str:
    """The PLOVER type in words, the CAMEO code beside: 'ACCUSE (accuse, criticise) · CAMEO 112'."""
    return plover(event_type) + (f" · CAMEO {cameo}" if cameo else "")


def unit(fmt: str | None, plural: bool = False) -> str:
    """What a removal's position counts in an article of format ``fmt``: lines of a text,
    paragraphs of a page."""
    singular, many = words()["units"].get(fmt or "", ["unit", "units"])
    return str(many if plural else singular)


def numbers(fmt: str | None, positions: list[int]) -> str:
    """Positions (0-based) as people count them: 'line 5', 'lines 14–18, 24'."""
    runs: list[list[int]] = []
    for p in sorted(set(positions)):
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    said = ", ".join(f"{r[0] + 1}–{r[-1] + 1}" if len(r) > 1 else f"{r[0] + 1}" for r in runs)
    return f"{unit(fmt, len(positions) > 1)} {said}"


def reason(removal: Removal) -> str:
    """The reason of one removal in plain words (boilerplate categories said; others as given)."""
    if removal.kind == "boilerplate":
        cats = [say("categories", c) for c in removal.reason.split(" + ")]
        return cats[0] if cats == [say("categories", "byline")] else f"page furniture ({', '.join(cats)})"
    return removal.reason


# the reasons repair/__init__.py gives a later copy: 'repeated paragraph; first copy is
# unit N' and 'part of a repeated block of K units; first copy is unit N'
_REPEAT = re.compile(r"^(?:repeated paragraph|part of a repeated block of (?P<size>\d+) units); first copy is unit (?P<first>\d+)$")


@dataclass
class _Group:
    """Removals told as one line: a run of copies of one repeated block, or one removal."""

    first: Removal
    positions: list[int] = field(default_factory=list)
    copies_of: list[int] = field(default_factory=list)
    block_size: int = 0


def _groups(removed: Iterable[Removal]) -> list[_Group]:
    """Consecutive removals of the same repeated block become one group."""
    groups: list[_Group] = []
    for r in removed:
        match = _REPEAT.match(r.reason) if r.kind == "repeat" else None
        size = int(match["size"] or 1) if match else 0
        last = groups[-1] if groups else None
        if (match and last and last.block_size == size > len(last.positions)
                and last.positions[-1] == r.position - 1):
            last.positions.append(r.position)
            last.copies_of.append(int(match["first"]))
            continue
        groups.append(_Group(r, [r.position], [int(match["first"])] if match else [], size))
    return groups


@dataclass(frozen=True)
class RemovalLine:
    """One told removal (or run of copies): where it was, why, in words; its raw kind and
    reason and the removed text of its first unit."""

    where: str
    why: str
    kind: str
    reason: str
    text: str
    positions: tuple[int, ...]

    def as_dict(self) -> dict:
        """The line as the web UI's JSON gives it."""
        return {"where": self.where, "why": self.why, "kind": self.kind, "reason": self.reason,
                "text": self.text, "positions": list(self.positions)}


def removals(fmt: str | None, removed: Iterable[Removal]) -> list[RemovalLine]:
    """Removals told for people, runs of copies of a repeated block as one line."""
    out: list[RemovalLine] = []
    for g in _groups(removed):
        where = numbers(fmt, g.positions)
        if g.first.reason in words()["fields"]:
            where, why = words()["fields"][g.first.reason]
        elif g.copies_of:
            verb = "repeat" if len(g.positions) > 1 else "repeats"
            why = f"{verb} {numbers(fmt, g.copies_of)}"
        else:
            why = reason(g.first)
        out.append(RemovalLine(where, why, g.first.kind, g.first.reason, g.first.text, tuple(g.positions)))
    return out


def glossary(flags: Iterable[str] = (), types: Iterable[str] = ()) -> dict[str, dict[str, str]]:
    """The words of the flags and event types a page shows, for its JSON twin beside the raw
    names: ``{"flags": {name: words}, "plover": {type: 'TYPE (meaning)'}}``."""
    return {"flags": {f: flag(f) for f in dict.fromkeys(flags) if f},
            "plover": {t: plover(t) for t in dict.fromkeys(types) if t}}
