"""Boilerplate: navigation, related links, share and cookie lines, subscription
and sponsoring calls, author bios, credits.

The phrases are data (``data/boilerplate.json``), French and English; this
module only applies them. A rule may be limited to the edges of the article
(first/last units), where page furniture lives, so that the same words inside
a body paragraph are left alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from veille.repair.normalize import word_count


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule from the data file."""

    category: str
    pattern: re.Pattern[str]
    where: str
    max_words: int


@dataclass(frozen=True)
class Rules:
    """All rules and the size of the edge zone."""

    rules: tuple[Rule, ...]
    edge_units: int
    word_cap: int | None = None
    """1 + the largest word limit (None if a rule has none): a unit that long matches no rule."""


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read and compile the shipped rule file once per process."""
    raw = json.loads(resources.files("veille.repair").joinpath("data/boilerplate.json").read_text("utf-8"))
    rules = tuple(
        Rule(r["category"], re.compile(r["pattern"], re.IGNORECASE), r["where"], int(r["max_words"]))
        for r in raw["rules"]
    )
    limits = [r.max_words for r in rules]
    return Rules(rules, int(raw["edge_units"]), max(limits) + 1 if limits and 0 not in limits else None)


def classify(texts: list[str]) -> dict[int, list[str]]:
    """Map unit index -> boilerplate categories it matches (only matching units appear)."""
    rules = load_rules()
    found: dict[int, list[str]] = {}
    for i, text in enumerate(texts):
        # words are counted up to the cap only: past it, no `words <= max_words` test can pass
        words = len(text.split(None, rules.word_cap)) if rules.word_cap else word_count(text)
        if rules.word_cap and words >= rules.word_cap:
            continue
        zone = _zone(i, len(texts), rules.edge_units)
        cats = [r.category for r in rules.rules if _applies(r, zone, words) and r.pattern.search(text)]
        if cats:
            found[i] = list(dict.fromkeys(cats))
    return found


def _zone(i: int, n: int, edge: int) -> set[str]:
    """Which zones unit ``i`` of ``n`` is in: always 'any', maybe 'edge' and 'end'."""
    zone = {"any"}
    if i < edge or i >= n - edge:
        zone.add("edge")
    if i >= n - edge:
        zone.add("end")
    return zone


def _applies(rule: Rule, zone: set[str], words: int) -> bool:
    """A rule applies in its zone to units no longer than its word limit."""
    return rule.where in zone and (rule.max_words == 0 or words <= rule.max_words)
