"""Bylines and datelines left at the top of the body, and doubled author fields.

Extractors often keep the line that says who wrote the article and when
('AFP, publié le lundi 18 mai 2020 à 21h18', 'By Jane Doe, Reuters · 3 min read')
as the first paragraph. It is metadata, not text: the line leaves the body (with
a recorded reason) and what it says fills ``author`` and ``published`` when the
reader found nothing. The words are data (``data/byline.json``); dates are read
by the neutral :mod:`veille.dates`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from veille.dates import find_dates
from veille.repair.normalize import word_count
from veille.repair.structure import name_particles

_LETTERS = re.compile(r"[^\W\d_]{2,}")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True)
class Byline:
    """What a byline line says: its author part and its date (ISO), either may be missing."""

    author: str | None
    published: str | None


@dataclass(frozen=True)
class _Words:
    by: re.Pattern[str]
    date_word: re.Pattern[str]
    date_lang: dict[str, str]
    read_time: re.Pattern[str]
    tail_words: frozenset[str]
    separators: re.Pattern[str]
    joiners: frozenset[str]
    max_words: int
    max_chars: int
    top_units: int


@lru_cache(maxsize=1)
def _words() -> _Words:
    """The byline words of ``data/byline.json``, compiled once per process."""
    raw = json.loads(resources.files("veille.repair").joinpath("data/byline.json").read_text("utf-8"))
    langs = {w: lang for lang, ws in raw["date_words"].items() for w in ws}
    alternatives = "|".join(re.escape(w) for w in sorted(langs, key=len, reverse=True))
    by = "|".join(re.escape(w) for w in sorted(raw["by_words"], key=len, reverse=True))
    return _Words(
        by=re.compile(rf"^(?:{by})(?:\s*:\s*|\s+)(?P<rest>.+)$", re.I),
        date_word=re.compile(rf"(?:^|(?<=[\s,·|•—–]))(?P<word>{alternatives})\b\s*:?\s*(?P<tail>.*)$", re.I),
        date_lang={w.casefold(): lang for w, lang in langs.items()},
        read_time=re.compile(raw["read_time"], re.I),
        tail_words=frozenset(raw["tail_words"]),
        separators=re.compile("|".join(re.escape(s) for s in raw["separators"])),
        joiners=frozenset(raw["name_joiners"]),
        max_words=int(raw["max_words"]),
        max_chars=int(raw["max_chars"]),
        top_units=int(raw["top_units"]),
    )


def top_units() -> int:
    """How many kept units at the top of the body may be a byline."""
    return _words().top_units


def parse_byline(text: str) -> Byline | None:
    """The author and date of ``text`` if the whole line is a byline, else None.

    A byline is an author part introduced by 'Par'/'By', or a date introduced by
    'publié le'/'Updated' (an author part may come before it: 'AFP, publié le…');
    other parts may be names (an agency) or a reading time. A line with any other
    part is body text and stays.
    """
    words = _words()
    line = text.strip().rstrip(".")
    if not line or len(line) > words.max_chars or word_count(line) > words.max_words:
        return None
    if bare := _bare_date(line):
        return Byline(author=None, published=bare)
    head, published, dated = line, None, False
    if match := words.date_word.search(line):
        published, is_date = _date_of(match["tail"], words.date_lang[match["word"].casefold()])
        if not is_date or not _only_a_date(match["tail"]):
            return None
        head, dated = line[: match.start()], True
    author = _author_of(head, needs_by=not dated)
    if author is None:
        return None
    return Byline(author=author or None, published=published)


def _author_of(head: str, needs_by: bool) -> str | None:
    """The author part of the text before the date: '' when there is none, None when a
    part is not a name, an agency or a reading time (then the line is not a byline)."""
    words = _words()
    parts = [p.strip() for p in words.separators.split(head) if p.strip()]
    names: list[str] = []
    for k, part in enumerate(parts):
        by = words.by.match(part) if k == 0 else None
        name = by["rest"].strip() if by else part
        if words.read_time.match(part):
            continue
        if not _name_like(name):
            return None
        names.append(name)
    if needs_by and not (parts and words.by.match(parts[0])):
        return None
    return ", ".join(names)


def _name_like(text: str) -> bool:
    """A person's or an agency's name: 1–8 tokens, each capitalised (or a digit first,
    '6Medias'), except joiners ('avec', 'and') and name particles ('de', 'von')."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 8:
        return False
    allowed = _words().joiners | name_particles()
    named = [t for t in tokens if t.casefold() not in allowed]
    return bool(named) and all(t[:1].isupper() or t[:1].isdigit() for t in named)


def _date_of(tail: str, lang: str) -> tuple[str | None, bool]:
    """(ISO date, found) of the text after a date word: the first full date as ISO 8601;
    a day without its year ('publié le 18 mars') is a date too, but gives no ISO date."""
    partial = False
    for lang_ in dict.fromkeys((lang, "fr", "en")):
        for mention in find_dates(tail, lang_):
            if mention.kind in ("full", "iso"):
                year, month, day = mention.value[:3]
                return _iso(year, month, day), True
            partial = partial or mention.kind == "daymonth"
    if numeric := _NUMERIC_DATE.search(tail):
        a, b, year = (int(x) for x in numeric.groups())
        day, month = (a, b) if lang != "en" else (b, a)
        return _iso(year, month, day), True
    return None, partial


def _bare_date(line: str) -> str | None:
    """The ISO date of a dateline that is nothing but a date with its month written out
    ('Sunday, July 21, 2013', 'MAR. 14, 2013, 8: 12 PM', 'August 10, 2011 - Updated 0947
    GMT', 'mardi 12 mars 2019 à 10h00'): the page's date, not body text. An all-numeric
    date alone ('12/03/2019') is left: its order of day and month is unknown here."""
    if not _only_a_date(line):
        return None
    for lang in ("fr", "en"):
        for mention in find_dates(line, lang):
            if mention.kind == "full":
                year, month, day = mention.value[:3]
                return _iso(year, month, day)
    return None


def _only_a_date(tail: str) -> bool:
    """Does the date part hold nothing but dates, times and the few words of
    ``tail_words`` ('lundi 18 mai 2020 à 21h18', 'Tue., Nov. 19, 2019', '10:30 GMT')?"""
    rest = tail
    for lang in ("fr", "en"):
        for mention in reversed(find_dates(rest, lang)):
            rest = rest[: mention.start] + " " + rest[mention.end:]
    allowed = _words().tail_words
    return all(w.casefold() in allowed for w in _LETTERS.findall(rest))


def _iso(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD``, or None for an impossible date."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def merge_authors(author: str | None) -> str | None:
    """One name where the field repeats it: 'Romain Colas; Romain COLAS' → 'Romain Colas'.

    Extractors join the names they found with ';'. Names equal once case and accents
    are ignored are the same person; the first spelling not in capitals is kept.
    """
    if not author or ";" not in author:
        return author
    kept: dict[str, str] = {}
    for name in (n.strip() for n in author.split(";")):
        if not name:
            continue
        key = _fold(name)
        if key not in kept or (kept[key].isupper() and not name.isupper()):
            kept[key] = name
    return "; ".join(kept.values()) or None


def _fold(text: str) -> str:
    """Case- and accent-free form of a name, spaces squeezed."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())
