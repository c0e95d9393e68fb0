"""Date expressions in every language veille has data for, resolved against the article's date.

A neutral module, not a stage: the understand stage dates events with it and the link
stage anchors stories with it, and stages do not import one another.

"mercredi" in an article published on Wednesday 2024-11-27 is 2024-11-27;
"jeudi" said of a future action is 2024-11-28; "hier" is the day before.
Month and weekday names come from CLDR through Babel, relative words from
the ``dates`` section of each language's data (:mod:`veille.languages`). Without a publication date, the expression is kept and
only what it says by itself is resolved ("28 novembre 2024", "en 2014").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from veille.languages import date_words, language
from veille.model import EventDate


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text: where, what kind, and its parts."""

    start: int
    end: int
    text: str
    kind: str  # weekday | bareday | relative | anaphoric | full | daymonth | monthyear | monthrel | ago | weeks | years | year | iso
    value: tuple[Any, ...] = ()  # numbers; monthrel: (month, "past" | "next" | ""); daymonth may add its way
    weekday: int | None = None  # a day and month written with their weekday ('samedi 1er août'): 0 = Monday


class _Uncombined(dict):
    """A ``str.translate`` table that drops combining marks: each code point is looked up in
    ``unicodedata`` once per process, not once per character of every text."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_UNCOMBINED = _Uncombined()


def _fold(text: str) -> str:
    """Lower case, accents removed (a character for a character: offsets are kept)."""
    text = unicodedata.normalize("NFKD", text.lower())
    return text if text.isascii() else text.translate(_UNCOMBINED)


@lru_cache(maxsize=4)
def _lexicon(lang: str) -> dict:
    """Month, weekday and relative words of ``lang`` (folded: no accents, lower case)."""
    from babel.dates import get_day_names, get_month_names

    data = (language(lang) or {})["dates"]
    months = {_fold(v).rstrip("."): k for width in ("wide", "abbreviated") for k, v in get_month_names(width, locale=lang).items()}
    months.update({_fold(k): v for k, v in data.get("extra_months", {}).items()})
    days = {_fold(v): k for k, v in get_day_names("wide", locale=lang).items()}  # 0 = Monday
    return {"months": months, "days": days, "relative": {_fold(k): v for k, v in data["relative"].items()},
            "anaphoric": {_fold(k): v for k, v in data.get("anaphoric", {}).items()},
            "first": [_fold(x) for x in data["ordinal_first"]],
            "month_before": [_fold(x) for x in data.get("month_before", [])],
            "month_after": {_fold(k): v for k, v in data.get("month_after", {}).items()},
            "weeks": {_fold(k): v for k, v in data.get("weeks", {}).items()},
            "years": {_fold(k): v for k, v in data.get("years", {}).items()},
            "ago": _ago_lexicon(data.get("ago")),
            "linkers": [_fold(x) for x in data.get("date_linkers", [])],
            "bare_day": [_fold(x) for x in data.get("bare_day_before", [])],
            "day_and": [_fold(x) for x in data.get("day_and", [])]}


def _ago_lexicon(ago: dict | None) -> dict | None:
    """'il y a deux semaines', 'three days ago' (folded words): before/after words, units, numbers."""
    if not ago:
        return None
    return {"before": [_fold(w) for w in ago["before"]], "after": [_fold(w) for w in ago["after"]],
            "units": {_fold(k): v for k, v in ago["units"].items()}, "numbers": {_fold(k): v for k, v in ago["numbers"].items()}}


def _ago_form(ago: dict | None) -> str | None:
    """The regex of a span counted back from publication, or None for a language without one."""
    if not ago or not (ago["before"] or ago["after"]):
        return None
    count = "|".join(sorted((re.escape(n) for n in ago["numbers"]), key=len, reverse=True))
    count = rf"(?:\d{{1,2}}|{count})"
    unit = "|".join(sorted((re.escape(u) for u in ago["units"]), key=len, reverse=True))
    forms = []
    if ago["before"]:
        forms.append(rf"(?:{'|'.join(re.escape(b) for b in ago['before'])})\s+{count}\s+(?:{unit})")
    if ago["after"]:
        forms.append(rf"{count}\s+(?:{unit})\s+(?:{'|'.join(re.escape(a) for a in ago['after'])})")
    return rf"(?P<ago>{'|'.join(forms)})"


@lru_cache(maxsize=4)
def _pattern(lang: str) -> re.Pattern[str]:
    """One regex for every date form of ``lang``, on folded text."""
    lex = _lexicon(lang)
    month = "|".join(sorted((re.escape(m) for m in lex["months"]), key=len, reverse=True))
    day = "|".join(re.escape(d) for d in lex["days"])
    rel = "|".join(sorted((re.escape(r) for r in lex["relative"]), key=len, reverse=True))
    anaphoric = "|".join(sorted((re.escape(r) for r in lex["anaphoric"]), key=len, reverse=True))
    first = "|".join(re.escape(x) for x in lex["first"])
    num = rf"(?:{first}|[0-3]?\d)(?:{_alternatives('day_suffixes')})?"
    before = "|".join(sorted((re.escape(b) for b in lex["month_before"]), key=len, reverse=True))
    after = "|".join(sorted((re.escape(a) for a in lex["month_after"]), key=len, reverse=True))
    weeks = "|".join(sorted((re.escape(w) for w in lex["weeks"]), key=len, reverse=True))
    years = "|".join(sorted((re.escape(w) for w in lex["years"]), key=len, reverse=True))
    link = rf"(?:(?:{'|'.join(re.escape(w) for w in lex['linkers'])})\s+)?" if lex["linkers"] else ""
    forms = [
        r"(?P<iso>\d{4}-\d{2}-\d{2})",
        rf"(?P<wdmy>(?:{day})\s+{num}\s+{link}(?:{month})\.?(?:\s+{link}(?:19|20)\d\d)?)",
        *([rf"(?P<dlist>{num}\s+(?:{'|'.join(re.escape(w) for w in lex['day_and'])})\s+{num}\s+(?:{month})\.?(?:\s+(?:19|20)\d\d)?)"]
          if lex["day_and"] else []),
        rf"(?P<dmy>{num}\s+{link}(?:{month})\.?(?:\s+{link}(?:19|20)\d\d)?)",
        rf"(?P<mdy>(?:{month})\.?\s+{num}(?:,?\s+(?:19|20)\d\d)?)",
        rf"(?P<my>(?:{month})\s+{link}(?:19|20)\d\d)",
        *([rf"(?P<monthrel>(?:(?:{before})[\s-]+(?:{_linkers()})?)(?:{month})(?!\.?\s+(?:19|20)\d\d)(?:\s+(?:{after}))?"
           rf"|(?:{month})\s+(?:{after}))"] if before and after else []),
        *([ago] if (ago := _ago_form(lex["ago"])) else []),
        *([rf"(?P<weeks>{weeks})"] if weeks else []),
        *([rf"(?P<years>{years})"] if years else []),
        *([rf"(?:{bare})\s+(?P<bareday>{num})(?=\s*,)"] if (bare := "|".join(re.escape(b) for b in lex["bare_day"])) else []),
        *([rf"(?P<wdrel>(?:{day})\s+(?:{after}))"] if after else []),
        rf"(?P<weekday>{day})",
        *([rf"(?P<anaphoric>{anaphoric})"] if anaphoric else []),
        rf"(?P<rel>{rel})",
        rf"(?:{_year_before()})(?P<year>(?:19|20)\d\d)\b",
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(forms) + r")(?!\w)")


def find_dates(text: str, lang: str) -> list[DateMention]:
    """Every date expression in ``text`` (offsets index ``text``). In 'la nuit du lundi 28
    au mardi 29 mai', 'the night of Saturday to Sunday', only the second day is the date."""
    if language(lang) is None:
        return []
    folded = _fold(text)
    if len(folded) != len(text):  # folding changed lengths (rare ligatures): no safe offsets
        return []
    found = [_mention(m, text, lang) for m in _pattern(lang).finditer(folded)]
    found = [m for k, m in enumerate(found) if not _absorbed(found, k, folded)]
    out: list[DateMention] = []
    for m in found:  # 'on Saturday, December 13 2008': the weekday opens the written date
        if out and out[-1].kind == "weekday" and m.kind in ("full", "daymonth") and not folded[out[-1].end:m.start].strip(" ,"):
            m = replace(m, start=out[-1].start, text=text[out[-1].start:m.end])
            out.pop()
        out.append(m)
    return out


def _absorbed(found: list[DateMention], k: int, folded: str) -> bool:
    """Is the ``k``-th date expression part of a neighbouring one, which alone is the date?"""
    m = found[k]
    between_next = folded[m.end:found[k + 1].start] if k + 1 < len(found) else None
    night, to = _night()
    if between_next is not None and night.search(folded[:m.start]) and to.fullmatch(between_next):
        return True  # 'la nuit du lundi 28 au mardi 29 mai': the second day
    if m.kind != "relative":
        return False
    if between_next is not None and _of_day().fullmatch(between_next):
        return True  # 'dans la soirée de samedi': Saturday
    # 'mercredi 29 juin dans la soirée': that day's evening
    return k > 0 and found[k - 1].kind not in ("relative", "anaphoric") and not folded[found[k - 1].end:m.start].strip()


@lru_cache(maxsize=1)
def _of_day() -> re.Pattern[str]:
    """'dans la soirée de samedi', 'dans la matinée du 14 juillet': a part of the day named
    next ('du', 'de': ``night_from``), which is the date; the part of the day alone is the
    publication day's ('dans la matinée', ``relative``)."""
    return re.compile(rf"\s+(?:{_alternatives('night_from')})\s*")


def _linkers() -> str:
    """Words between a month modifier and the month, of every language ('de ', 'd'', 'of '):
    written with spaces in the data, matched with any run of spaces."""
    return "|".join(re.escape(_fold(w).strip()) + (r"\s+" if w.endswith(" ") else "") for w in date_words("month_linkers"))


def _year_before() -> str:
    """Prepositions before a bare year ('en 2014', 'in 2014'), of every language."""
    return "|".join(rf"\b{re.escape(_fold(w))}\s+" for w in date_words("year_before"))


def _alternatives(key: str) -> str:
    """The ``dates[key]`` words of every language as regex alternatives (folded)."""
    return "|".join(re.escape(_fold(w)) for w in date_words(key))


@lru_cache(maxsize=1)
def _night() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'la nuit du' / 'the night of' before a day, and 'au' / 'to' between the two days."""
    return (re.compile(rf"(?:{_alternatives('night')})\s+(?:{_alternatives('night_from')})\s*$"),
            re.compile(rf"\s*(?:[0-3]?\d(?:er)?\s+)?(?:{_alternatives('night_to')})\s+"))


def _mention(m: re.Match[str], text: str, lang: str) -> DateMention:
    """Turn a regex match into a :class:`DateMention` with its parsed parts."""
    lex = _lexicon(lang)
    kind = m.lastgroup or ""
    start, end = m.span(kind)
    raw = m.group(kind)
    if kind == "iso":
        return DateMention(start, end, text[start:end], "iso", tuple(int(x) for x in raw.split("-")))
    if kind == "weekday":
        return DateMention(start, end, text[start:end], "weekday", (lex["days"][raw],))
    if kind == "wdrel":  # 'jeudi prochain', 'samedi dernier': the weekday, and which way from the publication day
        words = raw.split()
        return DateMention(start, end, text[start:end], "weekday", (lex["days"][words[0]], lex["month_after"][words[-1]]))
    if kind == "rel":
        return DateMention(start, end, text[start:end], "relative", (lex["relative"][raw],))
    if kind == "anaphoric":
        return DateMention(start, end, text[start:end], "anaphoric", (lex["anaphoric"][raw],))
    if kind == "year":
        return DateMention(start, end, text[start:end], "year", (int(raw),))
    if kind == "bareday":
        number = re.match(r"\d+", raw)
        return DateMention(start, end, text[start:end], "bareday", (int(number.group()) if number else 1,))
    if kind == "monthrel":
        words = re.findall(r"[a-z]+", raw)
        month = next(lex["months"][w] for w in reversed(words) if w in lex["months"])
        way = next((lex["month_after"][w] for w in words if w in lex["month_after"]), None)
        return DateMention(start, end, text[start:end], "monthrel", (month, way or ""))
    if kind == "ago":
        words = re.findall(r"[a-z]+|\d+", raw)
        count = next(int(w) if w.isdigit() else lex["ago"]["numbers"][w] for w in words if w.isdigit() or w in lex["ago"]["numbers"])
        unit = next(lex["ago"]["units"][w] for w in words if w in lex["ago"]["units"])
        return DateMention(start, end, text[start:end], "ago", (count, unit))
    if kind == "weeks":
        return DateMention(start, end, text[start:end], "weeks", (lex["weeks"][raw],))
    if kind == "years":
        return DateMention(start, end, text[start:end], "years", (lex["years"][raw],))
    found = _day_month(raw, start, end, text, "dmy" if kind == "wdmy" else kind, lex)
    found = _with_way(found, text, lex)
    if kind == "wdmy" and found.kind == "daymonth":
        day = next((lex["days"][w] for w in re.findall(r"[a-z]+", raw) if w in lex["days"]), None)
        return DateMention(found.start, found.end, found.text, found.kind, found.value, day)
    return found


def _with_way(found: DateMention, text: str, lex: dict) -> DateMention:
    """A day and month with no year followed by the language's next/last word ('le 12 mai
    prochain', 'le 3 août dernier'; month_after in lang data) goes that way from publication,
    whatever the verb's tense: its value gets that way as a fourth part."""
    if found.kind != "daymonth":
        return found
    after = re.match(r"\s+([a-z]+)\b", _fold(text[found.end:found.end + 20]))
    way = lex["month_after"].get(after.group(1)) if after else None
    return replace(found, value=(*found.value, way)) if way else found


def _day_month(raw: str, start: int, end: int, text: str, kind: str, lex: dict) -> DateMention:
    """'28 novembre 2024', 'November 28, 2024', 'novembre 2024', '28 nov.'."""
    words = re.findall(r"[a-z]+|\d+", raw)
    month = next(lex["months"][w] for w in words if w in lex["months"])
    numbers = [int(w) for w in words if w.isdigit()]
    year = next((n for n in numbers if n > 31), None)
    day = next((n for n in numbers if n <= 31), 1 if any(w in lex["first"] or w == "er" for w in words) else None)
    if kind == "my" or day is None:
        return DateMention(start, end, text[start:end], "monthyear", (year or 0, month))
    return DateMention(start, end, text[start:end], "full" if year else "daymonth", (year or 0, month, day))


def resolve(mention: DateMention, published: date | None, tense: str | None = None, reference: date | None = None) -> EventDate:
    """An :class:`EventDate` for ``mention``: absolute where the article date allows. An
    anaphoric word ('la veille') counts from ``reference``, the day the article last named,
    else from publication."""
    text = mention.text
    try:
        if mention.kind == "iso":
            return EventDate(text=text, value=date(*mention.value).isoformat(), precision="day")
        if mention.kind in ("full", "daymonth"):
            return _resolve_day(mention, published, tense)
        if mention.kind == "monthyear" and mention.value[0]:
            return EventDate(text=text, value=f"{mention.value[0]:04d}-{mention.value[1]:02d}", precision="month")
        if mention.kind == "year":
            return EventDate(text=text, value=f"{mention.value[0]:04d}", precision="year")
    except ValueError:
        return EventDate(text=text)
    if published is None:
        return EventDate(text=text)
    if mention.kind in ("relative", "anaphoric"):
        base = reference if mention.kind == "anaphoric" and reference is not None else published
        return EventDate(text=text, value=(base + timedelta(days=mention.value[0])).isoformat(), precision="day")
    if mention.kind == "monthrel":
        return EventDate(text=text, value=f"{_month_year(mention.value[0], mention.value[1], published, tense):04d}-{mention.value[0]:02d}",
                         precision="month")
    if mention.kind == "ago":
        return _ago(text, mention.value[0], mention.value[1], published)
    if mention.kind == "weeks":
        day = published + timedelta(days=mention.value[0])
        return EventDate(text=text, value=f"{day.year:04d}-{day.month:02d}", precision="month")
    if mention.kind == "years":
        return EventDate(text=text, value=f"{published.year + mention.value[0]:04d}", precision="year")
    if mention.kind == "weekday":
        way = mention.value[1] if len(mention.value) > 1 else ""  # 'jeudi prochain' is to come whatever the verb's tense
        tense = "future" if way == "next" else "past" if way == "past" else tense
        return EventDate(text=text, value=weekday_date(mention.value[0], published, tense).isoformat(), precision="day")
    if mention.kind == "bareday":
        return _bare_day(text, mention.value[0], published, tense)
    return EventDate(text=text)


def _bare_day(text: str, day: int, published: date, tense: str | None) -> EventDate:
    """'Le 27, …': the 27th of the publication month — of the month before when that day is
    still to come and the event is not (news reports the past), of the month after when the
    day is past and the event is to come."""
    months = published.year * 12 + published.month - 1
    if day > published.day + 2 and tense != "future":
        months -= 1
    elif day < published.day and tense == "future":
        months += 1
    try:
        return EventDate(text=text, value=date(months // 12, months % 12 + 1, day).isoformat(), precision="day")
    except ValueError:
        return EventDate(text=text)


def _ago(text: str, count: int, unit: str, published: date) -> EventDate:
    """'il y a trois jours': that day; 'two weeks ago', 'il y a deux mois': that month (a week
    back is not a day); 'five years ago': that year."""
    if unit == "day":
        return EventDate(text=text, value=(published - timedelta(days=count)).isoformat(), precision="day")
    if unit == "year":
        return EventDate(text=text, value=f"{published.year - count:04d}", precision="year")
    if unit == "week":
        day = published - timedelta(days=7 * count)
        return EventDate(text=text, value=f"{day.year:04d}-{day.month:02d}", precision="month")
    months = published.year * 12 + published.month - 1 - count
    return EventDate(text=text, value=f"{months // 12:04d}-{months % 12 + 1:02d}", precision="month")


def _resolve_day(mention: DateMention, published: date | None, tense: str | None = None) -> EventDate:
    """A day and month: the year written, else the nearest to publication (to come only
    within about three months, news telling mostly of the past) — or, said of
    something past ('a été arrêté le 16 novembre'), the last such day (a day or two of
    slack for a dispatch dated before the day it reports); of something to come, the next
    one; a weekday written with it settles the year ('samedi 1er août')."""
    year, month, day = mention.value[:3]
    way = mention.value[3] if len(mention.value) > 3 else ""  # 'le 12 mai prochain': to come whatever the tense
    tense = "future" if way == "next" else "past" if way == "past" else tense
    if not year:
        if published is None:
            return EventDate(text=mention.text)
        year = _nearest_year(month, day, published)
        if tense == "past" and _later_than(year, month, day, published + timedelta(days=2)):
            year -= 1
        elif tense in (None, "present") and _later_than(year, month, day, published + timedelta(days=_AHEAD_DAYS)):
            year -= 1  # news reports the past: 'le rassemblement du 16 novembre', read in June, was last November
        elif tense == "future" and not _later_than(year, month, day, published - timedelta(days=2)):
            year += 1  # 'seront fermées le 3 août', said in November: next August
        year = _year_of_weekday(year, month, day, mention.weekday)
    return EventDate(text=mention.text, value=date(year, month, day).isoformat(), precision="day")


_AHEAD_DAYS = 92  # a day and month said with no tense is to come only within about three months of publication


def _month_year(month: int, way: str, published: date, tense: str | None) -> int:
    """The year of a month named without one: 'en février dernier' is the last February before
    publication; 'prochain' or a future tense, the next one; else the nearest."""
    if way == "past" or (not way and tense != "future" and month > published.month + 1):
        return published.year if month < published.month else published.year - 1
    if way == "next" or tense == "future":
        return published.year if month >= published.month else published.year + 1
    return published.year


def _later_than(year: int, month: int, day: int, limit: date) -> bool:
    try:
        return date(year, month, day) > limit
    except ValueError:
        return False


def _year_of_weekday(year: int, month: int, day: int, weekday: int | None) -> int:
    """The written weekday settles the year of a day and month ('samedi 1er août' in an
    article of July 2020 is 2020, not 2019): ``year`` if it fits, else the nearest year that does."""
    if weekday is None:
        return year
    for candidate in (year, year + 1, year - 1):
        try:
            if date(candidate, month, day).weekday() == weekday:
                return candidate
        except ValueError:
            continue
    return year


def _nearest_year(month: int, day: int, published: date) -> int:
    """The year that puts day/month closest to the publication date."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append((abs((date(year, month, day) - published).days), year))
        except ValueError:
            continue
    return min(candidates)[1] if candidates else published.year


def weekday_date(weekday: int, published: date, tense: str | None) -> date:
    """The date of a weekday named in an article: the publication day itself when it
    matches, the next one for future actions, the nearest one for a present ('rouvre
    lundi', read on Sunday, is tomorrow), else the most recent one (news reports the
    past week)."""
    delta = weekday - published.weekday()
    if delta == 0:
        return published
    if tense == "future" or (tense == "present" and delta % 7 <= 3):
        return published + timedelta(days=delta % 7)
    return published - timedelta(days=(-delta) % 7)


_DAY_KINDS = ("iso", "full", "daymonth", "weekday", "relative", "bareday")


def last_named_day(text: str, lang: str, published: date | None) -> date | None:
    """The last day ``text`` names ('samedi 1er septembre', 'hier', 'mardi'), resolved
    against publication: what 'la veille' or 'the next day' after it counts from."""
    for mention in reversed(find_dates(text, lang)):
        value = resolve(mention, published).value if mention.kind in _DAY_KINDS else None
        if value and len(value) == 10:
            return date.fromisoformat(value)
    return None


def parse_iso(value: str | None) -> date | None:
    """A ``date`` from an ISO string (only its date part), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
