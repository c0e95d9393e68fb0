"""Read the Phoenix/PETRARCH actor dictionaries (TABARI ``.actors`` format, MIT licence).

The dictionaries live in ``../shared/data/phoenix`` (never copied into the repository).
Each entry is a name in upper case with underscores for spaces, followed by ``+`` lines
(other spellings of the same actor) and bracketed CAMEO codes, optionally dated::

    SERGEY_LAVROV_  # CountryInfo.txt
    +SERGEI_LAVROV
    	[RUSGOV 19940922-20040712] # Amb. to UN
    	[RUSGOV >20040309]  # Foreign Minister

A date is ``YYMMDD`` or ``YYYYMMDD``; ``A-B`` is a closed span, ``>A`` open-ended from A,
``<B`` everything before B. Two-digit years up to the file's year (2014) are 20YY, later
ones 19YY. ``scripts/build_actors.py`` uses this module to give the people it knows
their Phoenix spellings, to check curated dates before 2014 against Phoenix, and to
import Phoenix's dated national office holders.
"""  # noqa: E101 - the format, tabs and all

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

#: the year the dictionaries were generated: two-digit years above it are 19YY
PHOENIX_YEAR = 14
CODE = re.compile(r"\[([A-Z0-9]{3,})(?:\s+([^\]]*))?\]")
#: words written lower case inside a name (French, Spanish, Dutch, Arabic particles)
PARTICLES = {"de", "du", "des", "la", "le", "van", "von", "der", "den", "da", "dos", "das", "di", "del", "bin", "ibn", "al",
             "el", "y", "e", "ben", "ould", "bint"}
#: alias prefixes that are titles, not names ("PRESIDENT_OBAMA")
TITLE_PREFIX = re.compile(
    r"^(MR|MRS|MS|DR|SIR|MADAME|MONSIEUR|PRESIDENT|PRIME|PREMIER|FORMER|SENATOR|GOVERNOR|GENERAL|GEN|COL|KING|QUEEN|PRINCE|"
    r"SHEIKH|EMIR|AMBASSADOR|FOREIGN|DEFENSE|DEFENCE|MINISTER|SECRETARY|US|U\.S\.|AMERICAN|UNITED|CHANCELLOR|VICE|"
    r"CHAIRMAN|LEADER|REP|REPRESENTATIVE|JUDGE|JUSTICE|ADMIRAL|MARSHAL|LT|MAJOR|CAPTAIN|FIELD|INTERIOR|FINANCE|"
    r"THE|AYATOLLAH|MULLAH|CARDINAL|POPE|BISHOP|ARCHBISHOP|SULTAN|CROWN|SHAH|SPEAKER|SEN|GOV|PRES)[._\s-]"
)
#: aliases that are about the office or the administration, not the person's name
NOT_A_NAME = re.compile(
    r"ADMINISTRATION|GOVERNMENT|REGIME|CABINET|_CAMP$|SUPPORTERS|LOYALISTS|FOLLOWERS|FAMILY|MINISTER|PRESIDENT|"
    r"SECRETARY|AMBASSADOR|SENATOR|GOVERNOR|CHANCELLOR|CHAIRMAN|LEADER|SPOKESMAN|SPOKESWOMAN|ENVOY|OFFICIAL"
)


@dataclass
class Code:
    """One bracketed code of an entry: CAMEO code and its span (None = open)."""

    code: str
    start: date | None
    end: date | None
    comment: str = ""

    @property
    def country(self) -> str:
        """The three-letter country (or IGO) prefix of the code."""
        return self.code[:3]

    @property
    def sector(self) -> str:
        """The first sector of the code after the country ('GOV' of 'FRAGOVMIL'), or ''."""
        return self.code[3:6]


@dataclass
class Entry:
    """One dictionary entry: a main name, its other spellings and its codes."""

    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    line: int = 0
    comment: str = ""

    @property
    def from_countryinfo(self) -> bool:
        """Whether the entry is a person of CountryInfo.txt (the dated national office holders)."""
        return "CountryInfo" in self.comment

    @property
    def dated(self) -> bool:
        """Whether any code has a date (persons have; countries and institutions mostly not)."""
        return any(c.start or c.end for c in self.codes)


def phoenix_date(text: str, *, end: bool = False) -> date | None:
    """A Phoenix date (YYMMDD or YYYYMMDD) as a date; None when unreadable."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 6:
        yy = int(digits[:2])
        year = 2000 + yy if yy <= PHOENIX_YEAR else 1900 + yy
        month, day = int(digits[2:4]), int(digits[4:6])
    elif len(digits) == 8:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_span(text: str) -> tuple[date | None, date | None]:
    """'A-B', '>A', '<B' or '' as (start, end)."""
    text = text.strip().split("#")[0].strip()
    if not text:
        return None, None
    if text.startswith(">"):
        return phoenix_date(text[1:]), None
    if text.startswith("<"):
        return None, phoenix_date(text[1:], end=True)
    if "-" in text:
        left, right = text.split("-", 1)
        return phoenix_date(left), phoenix_date(right, end=True)
    return phoenix_date(text), None


def read_entries(path: Path) -> Iterator[Entry]:
    """Entries of one ``.actors`` file, in file order."""
    current: Entry | None = None
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            body = line.split("#", 1)[0] if not line.lstrip().startswith("[") else line
            stripped = body.strip()
            if not stripped or line.startswith("#"):
                continue
            if stripped.startswith("["):
                if current is not None:
                    current.codes.extend(codes_in(line))
                continue
            if stripped.startswith("+"):
                if current is not None:
                    alias = stripped[1:].split("[", 1)[0].strip()
                    if alias:
                        current.aliases.append(alias)
                    current.codes.extend(codes_in(line))
                continue
            if current is not None:
                yield current
            name = stripped.split("[", 1)[0].strip()
            current = Entry(name=name, line=number, comment=line.split("#", 1)[1].strip() if "#" in line else "")
            current.codes.extend(codes_in(line))
    if current is not None:
        yield current


def codes_in(line: str) -> list[Code]:
    """Every bracketed code on a line, with its span and trailing comment."""
    comment = line.split("#", 1)[1].strip() if "#" in line else ""
    out = []
    for match in CODE.finditer(line):
        start, end = parse_span(match.group(2) or "")
        out.append(Code(match.group(1), start, end, comment))
    return out


def display_name(token_name: str) -> str:
    """'SERGEY_VIKTOROVICH_LAVROV_' -> 'Sergey Viktorovich Lavrov'; particles stay lower case
    inside a name ('CHARLES_DE_GAULLE' -> 'Charles de Gaulle'); Mc/Mac and O' keep their capitals."""
    words = [w for w in re.sub(r"^(A\.?K\.?A\.?|AKA)_", "", token_name.strip("_ ")).replace("_", " ").split() if w]
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if re.fullmatch(r"([A-Za-z]\.)+", word):  # initials: 'A.N.R.'
            out.append(word.upper())
            continue
        if 0 < i < len(words) - 1 and lower in PARTICLES:
            out.append(lower)
            continue
        out.append("-".join(_cap(part) for part in lower.split("-")))
    return " ".join(out)


def _cap(part: str) -> str:
    """Capitalise one name part ('mcdonald' -> 'McDonald', "o'neill" -> "O'Neill")."""
    if not part:
        return part
    if part.startswith("mc") and len(part) > 2:
        return "Mc" + part[2:].capitalize()
    if "'" in part:
        return "'".join(p.capitalize() for p in part.split("'"))
    return part[0].upper() + part[1:]


def name_key(text: str) -> str:
    """Key to match a Phoenix name with a curated one: ASCII, lower case, letters only
    ('Sergueï Lavrov' and 'SERGEI_LAVROV' differ; 'Sergey Lavrov' and 'SERGEY_LAVROV_' match)."""
    text = unicodedata.normalize("NFKD", text.replace("_", " ").casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def person_aliases(entry: Entry) -> list[str]:
    """Display forms of the entry's spellings that are names (no titles, no
    'administration', no initial-only forms)."""
    out = []
    for raw in [entry.name, *entry.aliases]:
        token = raw.strip("_ ")
        if not token or TITLE_PREFIX.match(token + "_") or NOT_A_NAME.search(token):
            continue
        words = token.replace("_", " ").split()
        if any(len(w.rstrip(".")) <= 1 for w in words):  # 'K. ANNAN', 'SERGEY V. LAVROV'
            continue
        out.append(display_name(token))
    return list(dict.fromkeys(out))
