"""veille's actor table: countries, places, IGOs, organisations and people, with dated roles.

The table ships as JSON Lines files in ``veille/understand/data/actors/`` (built by
``scripts/build_actors.py``; schema in ``docs/actors.md``). This module loads it once
(pure Python, no third-party import) and answers the questions an event coder asks:

* which actor is this surface form? (:meth:`ActorTable.aliases`, :meth:`ActorTable.lookup`)
* who held this role in this country on this date? (:meth:`ActorTable.role_holder`)
* what roles did this person hold on this date? (:meth:`ActorTable.roles_of`)
* which countries belonged to this organisation on this date? (:meth:`ActorTable.members_of`)

Dates: a role or membership is active on ``day`` when ``start <= day < end`` (``end`` is the
first day out of office, ``None`` while in office). Open roles are the last holders the team
knew of (see ``ActorTable.knowledge_as_of``); the table guarantees nothing after that.

>>> table = load_actor_table()
>>> table.role_holder("head of state", "RUS", "2024-11-27")
'Q7747'
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from veille.languages import languages
from veille.understand import cache

__all__ = [
    "ALIAS_KINDS",
    "AMBIGUITY_REASONS",
    "Actor",
    "Affiliation",
    "ActorTable",
    "Alias",
    "Membership",
    "Role",
    "load_actor_table",
]

#: Kinds of alias, in the order a matcher should prefer them when one text has several:
#: ``name`` (a name of the actor), ``acronym`` (match it case-sensitively), ``demonym``
#: (an adjective or plural noun of a country: russe, russes, Russian, Russians),
#: ``metonym`` (a capital or seat of power standing for a government or organisation).
ALIAS_KINDS: tuple[str, ...] = ("name", "acronym", "demonym", "metonym")
_FIELD_OF_KIND = {"name": "names", "acronym": "acronyms", "demonym": "demonyms", "metonym": "metonyms"}
TABLE_FILES: tuple[str, ...] = ("countries.jsonl", "places.jsonl", "igos.jsonl", "organisations.jsonl", "people.jsonl")
#: rows loaded on first need (Phoenix office holders to 2014: many rows, no dated role of ours)
LAZY_FILES: tuple[str, ...] = ("phoenix_people.jsonl",)
#: reasons an alias may be ambiguous (see docs/actors.md): what a linker should check
AMBIGUITY_REASONS: tuple[str, ...] = ("first name", "common word", "surname")

DateLike = date | datetime | str


def as_date(value: DateLike | None) -> date | None:
    """A ``date`` from a date, a datetime or an ISO 8601 string (``YYYY-MM-DD``, extra
    time part ignored); None stays None."""
    if value is None or type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Élysée' and 'elysee' fold alike; typographic
    apostrophes become ASCII."""
    if text.isascii():
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").casefold())
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


def in_term(start: date | None, end: date | None, day: DateLike) -> bool:
    """Whether ``day`` falls in a term: start inclusive (unknown: always), end exclusive (unknown: open)."""
    when = as_date(day)
    assert when is not None
    return (start is None or start <= when) and (end is None or when < end)


@dataclass(frozen=True, slots=True)
class Role:
    """One term of one person in one role (``country`` or ``org`` says where)."""

    person: str
    role: str
    title: Mapping[str, str]
    country: str | None
    org: str | None
    start: date | None
    end: date | None
    note: str | None = None

    @property
    def where(self) -> str | None:
        """The country (ISO3) or organisation (actor id) the role is held in."""
        return self.country or self.org

    def active(self, day: DateLike) -> bool:
        """Whether the role was held on ``day`` (start inclusive, end exclusive)."""
        return in_term(self.start, self.end, day)


@dataclass(frozen=True, slots=True)
class Membership:
    """A country's membership of an organisation."""

    org: str
    country: str
    start: date | None
    end: date | None
    status: str = "member"
    note: str | None = None

    def active(self, day: DateLike) -> bool:
        """Whether the country was a member on ``day`` (start inclusive, end exclusive;
        an unknown start counts as 'always')."""
        return in_term(self.start, self.end, day)


@dataclass(frozen=True, slots=True)
class Actor:
    """One row of the table. ``row`` keeps every field of the JSON row as loaded."""

    id: str
    type: str
    name: str
    country: str | None
    sector: str | None
    wikidata: str | None
    row: Mapping[str, Any] = field(repr=False, compare=False)

    def texts(self, kind: str, lang: str) -> tuple[str, ...]:
        """The actor's aliases of one kind (see :data:`ALIAS_KINDS`) in one language
        (a row may give names once for every language under ``any``: Phoenix people)."""
        values = self.row.get(_FIELD_OF_KIND[kind]) or {}
        return tuple(values.get(lang) or values.get("any") or ())

    @property
    def lat(self) -> float | None:
        """Latitude of a place row."""
        return self.row.get("lat")

    @property
    def lon(self) -> float | None:
        """Longitude of a place row."""
        return self.row.get("lon")

    @property
    def kind(self) -> str | None:
        """What an organisation, event or place is ('party', 'media', 'armed group',
        'department', 'state', 'city'...), or None."""
        return self.row.get("kind")

    @property
    def gender(self) -> str | None:
        """'m' or 'f' for a person whose gender the table knows, else None."""
        return self.row.get("gender")

    @property
    def source(self) -> str:
        """'curated' (the team's rows and the generated countries and places) or 'phoenix'
        (a Phoenix office holder to 2014 that no curated row took)."""
        return self.row.get("source", "curated")

    def affiliations(self) -> list[Affiliation]:
        """A Phoenix person's dated CAMEO codes ('FRAGOV' from 2012-05-15), as Affiliation."""
        out = []
        for text in self.row.get("affiliations") or ():
            code, start, end = text.split(" ")
            out.append(Affiliation(code, as_date(None if start == "-" else start), as_date(None if end == "-" else end)))
        return out

    def ambiguity(self, text: str, lang: str) -> str | None:
        """Why one of this actor's aliases is ambiguous ('first name', 'common word',
        'surname'), or None."""
        return (self.row.get("ambiguous") or {}).get(lang, {}).get(text)


class Affiliation(NamedTuple):
    """One dated CAMEO code of a Phoenix person: 'FRAGOV', 'RUSGOVMIL', 'SENELI'
    (elite out of office). ``start``/``end`` None when open or unknown."""

    code: str
    start: date | None
    end: date | None

    def active(self, day: DateLike) -> bool:
        """Whether the code held on ``day``."""
        return in_term(self.start, self.end, day)


class Alias(NamedTuple):
    """One surface form of an actor, for building a phrase matcher.

    ``sector`` is the sector the mention codes to: the actor's own sector, except that a
    metonym of a country codes to its government (``GOV``)."""

    text: str
    actor_id: str
    kind: str
    lang: str
    sector: str | None


class ActorTable:
    """The loaded actor table with its lookups. Build it with :func:`load_actor_table`."""

    def __init__(self, rows: Iterable[Mapping[str, Any]], role_rows: Iterable[Mapping[str, Any]] = (),
                 meta: Mapping[str, Any] | None = None, lazy: Iterable[Path] = ()) -> None:
        self._actors: dict[str, Actor] = {}
        self._country_ids: dict[str, str] = {}
        self._roles: dict[str, list[Role]] = defaultdict(list)
        self._roles_by_place: dict[tuple[str, str], list[Role]] = defaultdict(list)
        self._members: dict[str, list[Membership]] = defaultdict(list)
        self._memberships: dict[str, list[Membership]] = defaultdict(list)
        self._fold_index: dict[str, list[Alias]] | None = None
        self.role_vocabulary: dict[str, Mapping[str, Any]] = {r["role"]: r for r in role_rows}
        self.meta: Mapping[str, Any] = meta or {}
        self._lazy: list[Path] = list(lazy)
        #: the files the rows came from (set by :func:`load_table_from`): what the on-disk
        #: lookup cache is keyed by; a table built from rows in memory has none and no cache
        self.sources: tuple[Path, ...] = ()
        self._cache = cache.IndexReader(self._cache_name, self._digest, "alias", _aliases)
        self._cache_digest: str | None = None
        for row in rows:
            self._add(row)

    def _load_lazy(self) -> None:
        """Read the rows kept for first need (Phoenix office holders)."""
        while self._lazy:
            for row in read_jsonl(self._lazy.pop(0)):
                self._add(row)
            self._fold_index = None

    # ------------------------------------------------------------------ loading

    def _add(self, row: Mapping[str, Any]) -> None:
        """Index one row."""
        actor = Actor(row["id"], row["type"], row["name"], row.get("country"), row.get("sector"),
                      row.get("wikidata"), row)
        if actor.id in self._actors:
            raise ValueError(f"duplicate actor id {actor.id!r}")
        self._actors[actor.id] = actor
        if actor.type == "country" and actor.country:
            self._country_ids[actor.country] = actor.id
        for raw in row.get("roles") or ():
            role = Role(actor.id, raw["role"], raw.get("title") or {}, raw.get("country"), raw.get("org"),
                        as_date(raw.get("start")), as_date(raw.get("end")), raw.get("note"))
            self._roles[actor.id].append(role)
            if role.where:
                self._roles_by_place[(role.role, role.where)].append(role)
        for raw in row.get("members") or ():
            membership = Membership(actor.id, raw["country"], as_date(raw.get("start")), as_date(raw.get("end")),
                                    raw.get("status", "member"), raw.get("note"))
            self._members[actor.id].append(membership)
            self._memberships[membership.country].append(membership)

    # ------------------------------------------------------------------ actors

    def __len__(self) -> int:
        self._load_lazy()
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        self._load_lazy()
        return iter(self._actors.values())

    def __contains__(self, actor_id: object) -> bool:
        if actor_id not in self._actors:
            self._load_lazy()
        return actor_id in self._actors

    @property
    def knowledge_as_of(self) -> str | None:
        """Month (YYYY-MM) up to which the curated facts were checked."""
        return self.meta.get("knowledge_as_of")

    def by_id(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        found = self._actors.get(actor_id)
        if found is None and self._lazy:
            self._load_lazy()
            found = self._actors.get(actor_id)
        return found

    def actors(self, type_: str | None = None, *, phoenix: bool = True) -> Iterator[Actor]:
        """Every actor, or those of one type (country, place, igo, organisation, person,
        event); ``phoenix=False`` leaves out the Phoenix-only office holders."""
        if phoenix:
            self._load_lazy()
        return (a for a in list(self._actors.values())
                if (type_ is None or a.type == type_) and (phoenix or a.source != "phoenix"))

    def country(self, iso3: str) -> Actor | None:
        """The country row of an ISO 3166-1 alpha-3 code (case-insensitive)."""
        actor_id = self._country_ids.get(iso3.upper())
        return self._actors[actor_id] if actor_id else None

    def country_id(self, iso3: str) -> str | None:
        """The actor id of an ISO3 code's country row."""
        return self._country_ids.get(iso3.upper())

    def _where(self, country_or_org: str) -> str:
        """Normalise a role location: an ISO3 code, a country's actor id (-> its ISO3), or an
        organisation id."""
        if country_or_org.upper() in self._country_ids:
            return country_or_org.upper()
        actor = self._actors.get(country_or_org)
        if actor is not None and actor.type == "country" and actor.country:
            return actor.country
        return country_or_org

    # ------------------------------------------------------------------ aliases

    def alias_entries(self, lang: str, kinds: Iterable[str] | None = None, *, phoenix: bool = False) -> Iterator[Alias]:
        """Every alias in ``lang`` with its kind and coded sector, actor by actor.

        One text may belong to several actors (Moscou: the place and, as a metonym, Russia's
        government; congolais: both Congos); a matcher keeps them all and decides in context.
        The ~15k Phoenix-only office holders (to 2014, full names only) are left out unless
        ``phoenix=True``: a phrase matcher over them is slow to build (seconds) and their
        namesakes after 2014 may be other people; :meth:`lookup` finds them, e.g. to link a
        person the NER found. Ask :meth:`ambiguity` before trusting an alias that is also a
        first name or a word."""
        wanted = tuple(kinds) if kinds is not None else ALIAS_KINDS
        for kind in wanted:
            if kind not in _FIELD_OF_KIND:
                raise ValueError(f"unknown alias kind {kind!r}; expected one of {ALIAS_KINDS}")
        for actor in self.actors(phoenix=phoenix):
            for kind in wanted:
                sector = "GOV" if kind == "metonym" and actor.type == "country" else actor.sector
                for text in actor.texts(kind, lang):
                    yield Alias(text, actor.id, kind, lang, sector)

    def aliases(self, lang: str, kinds: Iterable[str] | None = None, *, phoenix: bool = False) -> Iterator[tuple[str, str]]:
        """``(alias_text, actor_id)`` pairs in ``lang`` for a phrase matcher; all kinds unless
        ``kinds`` narrows them (e.g. ``kinds=("name", "acronym")``); Phoenix-only people
        with ``phoenix=True`` (see :meth:`alias_entries`)."""
        return ((a.text, a.actor_id) for a in self.alias_entries(lang, kinds, phoenix=phoenix))

    def lookup(self, text: str, lang: str | None = None) -> list[Alias]:
        """Aliases whose text equals ``text`` ignoring case and accents, in ``lang`` or any
        language, Phoenix-only people included; best kinds first (names, acronyms, demonyms,
        metonyms), curated actors before Phoenix-only ones.

        The first lookup of a process reads the answer from an on-disk index in the user cache
        (see :mod:`veille.understand.cache`) when one was built from the same table files, rather
        than loading the Phoenix rows and folding every alias (half a second); without one it
        builds the index in memory, as before, and writes it there for the next process."""
        key = fold(text)
        if self._fold_index is None and self.sources:
            cached = self._cached_lookup(key)
            if cached is not None:
                return [a for a in cached if lang is None or a.lang == lang]
        self._load_lazy()
        if self._fold_index is None:
            index: dict[str, list[Alias]] = defaultdict(list)
            for language in languages():
                for alias in self.alias_entries(language, phoenix=True):
                    index[fold(alias.text)].append(alias)
            self._fold_index = dict(index)
            if self.sources and self._cache.failed:
                self._write_cache()
        found = [a for a in self._fold_index.get(key, ()) if lang is None or a.lang == lang]
        return self._ranked(found)

    def _ranked(self, found: list[Alias]) -> list[Alias]:
        return sorted(found, key=lambda a: (ALIAS_KINDS.index(a.kind), self._actors[a.actor_id].source == "phoenix"))

    # ------------------------------------------------------------------ lookup cache

    def _digest(self) -> str:
        """What the folded index depends on: the table files, the languages, folding's Unicode."""
        if self._cache_digest is None:
            parts: list[str | bytes] = ["veille actor lookup 1", unicodedata.unidata_version,
                                        json.dumps(list(languages())), " ".join(ALIAS_KINDS)]
            for path in self.sources:
                parts += [path.name, path.read_bytes()]
            self._cache_digest = cache.digest(parts)
        return self._cache_digest

    def _cache_name(self) -> str:
        return f"actors-{self._digest()[:32]}.sqlite"

    def _cached_lookup(self, key: str) -> list[Alias] | None:
        """Every alias of a folded key, ranked, from the on-disk cache; None without a usable one."""
        return self._cache.get(key)

    def _write_cache(self) -> None:
        """Write the in-memory index (ranked) to the user cache; silently nothing if not writable."""
        index = self._fold_index or {}
        try:
            digest = self._digest()
        except OSError:
            return

        cache.write_index(self._cache_name(), digest, "alias",
                          ((key, json.dumps([list(a) for a in self._ranked(found)], ensure_ascii=False))
                           for key, found in index.items()))

    def ambiguity(self, text: str, lang: str, actor_id: str | None = None) -> str | None:
        """Why an alias is ambiguous, or None: 'first name' (Salvador, Jordan, Maurice:
        take it only written with its capital and not followed by a capitalised word),
        'common word' (Nice, Tours, Borne: only with its capital, not sentence-initial),
        'surname' (a surname alone: only with its capital). Without ``actor_id``, any actor
        owning that exact alias counts."""
        owners = [actor_id] if actor_id else [a.actor_id for a in self.lookup(text, lang) if a.text == text]
        for owner in owners:
            actor = self.by_id(owner)
            reason = actor.ambiguity(text, lang) if actor else None
            if reason:
                return reason
        return None

    def ambiguous_aliases(self, lang: str) -> dict[str, str]:
        """Every ambiguous alias in ``lang`` with its reason (see :meth:`ambiguity`)."""
        out: dict[str, str] = {}
        for actor in self.actors():
            for text, reason in ((actor.row.get("ambiguous") or {}).get(lang) or {}).items():
                out.setdefault(text, reason)
        return out

    def role_phrases(self, lang: str) -> Iterator[tuple[str, str]]:
        """``(phrase, role)`` pairs naming a role generically ('chef de l'État' -> head of state)."""
        for role, entry in self.role_vocabulary.items():
            for phrase in entry.get("phrases", {}).get(lang, ()):
                yield phrase, role

    # ------------------------------------------------------------------ roles

    def role_holders(self, role: str, country: str, on_date: DateLike) -> list[str]:
        """Ids of everyone holding ``role`` in ``country`` (ISO3, a country id, or an
        organisation id) on ``on_date``, latest start first."""
        terms = [r for r in self._roles_by_place.get((role, self._where(country)), ()) if r.active(on_date)]
        terms.sort(key=lambda r: r.start or date.min, reverse=True)
        return list(dict.fromkeys(r.person for r in terms))

    def role_holder(self, role: str, country: str, on_date: DateLike) -> str | None:
        """Id of the person holding ``role`` ('head of state', 'head of government',
        'foreign minister', ...) in ``country`` on ``on_date``, or None.

        >>> load_actor_table().role_holder("head of government", "USA", "2024-01-01")
        'Q6279'
        """
        holders = self.role_holders(role, country, on_date)
        return holders[0] if holders else None

    def holder_by_title(self, title: str, country: str, on_date: DateLike, lang: str | None = None) -> str | None:
        """Id of the person whose role in ``country`` on ``on_date`` bears ``title`` ('président',
        'chancelier', 'guide suprême'; case and accents ignored), or None. Use it before the
        generic role phrases: 'le président iranien' is the head of government, not of state."""
        wanted = fold(title)
        where = self._where(country)
        langs = (lang,) if lang else languages()
        best: Role | None = None
        for (_role, place), terms in self._roles_by_place.items():
            if place != where:
                continue
            for term in terms:
                if term.active(on_date) and any(fold(term.title.get(lg, "")) == wanted for lg in langs) and \
                        (best is None or (term.start or date.min) > (best.start or date.min)):
                    best = term
        return best.person if best else None

    def terms(self, role: str, country: str) -> list[Role]:
        """Every term of ``role`` in ``country`` (ISO3, country id or organisation id), oldest first."""
        terms = list(self._roles_by_place.get((role, self._where(country)), ()))
        return sorted(terms, key=lambda r: r.start or date.min)

    def former_holders(self, role: str, country: str, on_date: DateLike) -> list[str]:
        """Ids of the people who held ``role`` in ``country`` before ``on_date`` and no longer
        do ('l'ancien président'), the most recent first."""
        day = as_date(on_date)
        assert day is not None
        past = [r for r in self._roles_by_place.get((role, self._where(country)), ()) if r.end is not None and r.end <= day]
        past.sort(key=lambda r: r.end or date.min, reverse=True)
        current = set(self.role_holders(role, country, day))
        return [p for p in dict.fromkeys(r.person for r in past) if p not in current]

    def roles_of(self, person_id: str, on_date: DateLike | None = None) -> list[Role]:
        """The roles of a person, all of them or only those active on ``on_date``."""
        terms = self._roles.get(person_id, [])
        return [r for r in terms if on_date is None or r.active(on_date)]

    # ------------------------------------------------------------------ memberships

    def members_of(self, org_id: str, on_date: DateLike | None = None, *, include_frozen: bool = True) -> list[str]:
        """ISO3 codes of an organisation's members (on ``on_date`` if given). Frozen and
        suspended members count unless ``include_frozen`` is False."""
        return sorted({m.country for m in self._members.get(org_id, ())
                       if (on_date is None or m.active(on_date))
                       and (include_frozen or m.status in ("member", "associate"))})

    def membership(self, org_id: str, iso3: str, on_date: DateLike | None = None) -> Membership | None:
        """The membership record of a country in an organisation (active on ``on_date`` if given)."""
        for m in self._members.get(org_id, ()):
            if m.country == iso3.upper() and (on_date is None or m.active(on_date)):
                return m
        return None

    def memberships(self, iso3: str, on_date: DateLike | None = None) -> list[str]:
        """Ids of the organisations a country belongs to (on ``on_date`` if given)."""
        return sorted({m.org for m in self._memberships.get(iso3.upper(), ())
                       if on_date is None or m.active(on_date)})


def data_dir() -> Path:
    """The folder holding the shipped table."""
    return Path(str(resources.files("veille.understand") / "data" / "actors"))


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a JSON Lines file (blank lines skipped)."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path.name}:{number}: {exc}") from exc


def load_table_from(folder: Path, *, lazy: bool = True) -> ActorTable:
    """Load a table from a folder of *.jsonl files (the shipped one or a test's). The
    Phoenix-only people are read on first need unless ``lazy`` is False."""
    rows = [row for name in TABLE_FILES if (folder / name).exists() for row in read_jsonl(folder / name)]
    roles_path, meta_path = folder / "roles.jsonl", folder / "meta.json"
    role_rows = list(read_jsonl(roles_path)) if roles_path.exists() else []
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    later = [folder / name for name in LAZY_FILES if (folder / name).exists()]
    table = ActorTable(rows, role_rows, meta, lazy=later)
    table.sources = tuple(folder / name for name in (*TABLE_FILES, *LAZY_FILES) if (folder / name).exists())
    if not lazy:
        table._load_lazy()
    return table


def _aliases(items: list) -> list[Alias]:
    """Aliases as the lookup cache stores them (lists of strings), checked."""
    found = [Alias(*item) for item in items]
    if any(len(a) != len(Alias._fields) or not all(isinstance(v, str) or v is None for v in a) for a in found):
        raise ValueError("malformed cache row")
    return found


@lru_cache(maxsize=1)
def load_actor_table() -> ActorTable:
    """The actor table shipped with veille, loaded once per process."""
    return load_table_from(data_dir())
