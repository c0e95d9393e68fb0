"""Structure recovered from plain text: section, title, standfirst, headings,
quote blocks with their attribution lines.

Pages saved as text lose their tags; what is left is the shape of each line
and its neighbours. The rules are deliberately conservative: a unit that is
not clearly something else stays a paragraph, so no text is ever lost.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from veille.repair.normalize import word_count

_SENTENCE_END = re.compile(r"[.;:,…]\s*$")
_GLUED = re.compile(r"(?<=[a-zà-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])")
_ATTRIBUTION = re.compile(r"^[—–-]?\s*(?P<name>[^,()]{3,60}?)\s*(?:[,(]\s*(?P<role>[^()]{3,120}?)\)?)?\s*\.?$")
_QUOTED = re.compile(r"^[«“\"„‹'‘].{10,}[»”\"“›'’]$", re.S)
_WORD = re.compile(r"[\w’'-]+")
_QUOTE_MARKS = re.compile(r"[«»“”\"„]")


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str] | list[str]]:
    raw = json.loads(resources.files("veille.repair").joinpath("data/structure.json").read_text("utf-8"))
    return {k: (frozenset(v) if k != "breadcrumb_separators" else v) for k, v in raw.items() if not k.startswith("_")}


def breadcrumb(text: str) -> list[str] | None:
    """Section names if ``text`` looks like a breadcrumb ('Accueil > Monde', 'ActualitésInternational')."""
    if word_count(text) > 10 or len(text) > 100 or _SENTENCE_END.search(text) or text.endswith(("?", "!")):
        return None
    parts = _split_crumbs(text)
    if parts is None or len(parts) < 2 or not all(p[:1].isupper() or p[:1].isdigit() for p in parts):
        return None
    roots = _words()["breadcrumb_roots"]
    return [p for p in parts if p.casefold() not in roots]


def _split_crumbs(text: str) -> list[str] | None:
    """Split on an explicit separator, else on words glued without a space."""
    for sep in _words()["breadcrumb_separators"]:
        if sep in text:
            return [p.strip() for p in text.split(sep) if p.strip()]
    glued = _GLUED.split(text)
    if len(glued) >= 2 and " " not in text:
        return glued
    return None


def is_heading(text: str) -> bool:
    """Short, no sentence-final punctuation (a question mark is allowed), capitalised."""
    return (
        word_count(text) <= 14
        and len(text) <= 120
        and not _SENTENCE_END.search(text)
        and (text[:1].isupper() or text[:1].isdigit() or text[:1] in "«“\"")
    )


def attribution(text: str) -> tuple[str, str | None] | None:
    """(name, role) if ``text`` is an attribution line: a person's name, maybe ', role'."""
    if word_count(text) > 18:
        return None
    match = _ATTRIBUTION.match(text.strip())
    if not match or not _is_person_name(match["name"]):
        return None
    role = match["role"].strip() if match["role"] else None
    if role and (role[:1].isupper() and _is_person_name(role)):
        return None
    if role and (_QUOTE_MARKS.search(role) or any(w.casefold() in _words()["clause_words"] for w in _WORD.findall(role))):
        return None  # 'Jean Dupont, maire de X, a dit …': a sentence about the person, not a signature
    if role and "," in role and text.rstrip().endswith("."):
        return None  # 'Joel Doe, a teacher, said …': a sentence that goes on after an apposition signs nothing
    return match["name"].strip(), role


def name_particles() -> frozenset[str]:
    """Words that may stay lower case inside a name ('de', 'von', 'al-')."""
    particles = _words()["name_particles"]
    assert isinstance(particles, frozenset)
    return particles


def _is_person_name(text: str) -> bool:
    """2–5 tokens, each capitalised except name particles (de, von, al-, …)."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    particles = _words()["name_particles"]
    capitalised = 0
    for tok in tokens:
        if tok.casefold() in particles:
            continue
        if not (tok[:1].isupper() and tok[1:2].islower() or tok.isupper() and len(tok) <= 3 and tok.endswith(".")):
            return False
        capitalised += 1
    return capitalised >= 2


def is_quotation(text: str) -> bool:
    """A whole unit between quotation marks."""
    return bool(_QUOTED.match(text.strip()))


def first_person(text: str) -> bool:
    """Uses first-person words (je, nous, I, we, our, …): a hint of a quotation."""
    pronouns = _words()["first_person"]
    return any(w.casefold() in pronouns for w in _WORD.findall(text))
