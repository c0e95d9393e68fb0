"""Integrity of veille's own gold sets (eval/gold/*.jsonl).

The event set is French wire-style sentences coded in PLOVER; the quote sets
are French and English paragraphs with their quotes and speakers. These tests
check the files' shape and the coverage the evaluation relies on; the one
check that needs the CAMEO→PLOVER mapping reads it from ../shared.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from conftest import ROOT, shared_path

GOLD = ROOT / "eval" / "gold"
PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
SECTORS = {"GOV", "MIL", "REB", "OPP", "COP", "JUD", "BUS", "MED", "IGO", "CVL", "LAB", "EDU", "LEG"}
FLAGS = ("negated", "future", "hypothetical")


def rows(name: str) -> list[dict]:
    path = GOLD / name
    out = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:  # pragma: no cover - failure path
            pytest.fail(f"{name}:{n}: invalid JSON ({exc})")
    return out


def events() -> list[tuple[dict, dict]]:
    return [(row, ev) for row in rows("fr_events.jsonl") for ev in row["events"]]


@pytest.mark.parametrize("name", ["fr_events.jsonl", "fr_quotes.jsonl", "en_quotes.jsonl"])
def test_valid_json_and_unique_ids(name: str) -> None:
    data = rows(name)
    assert data, f"{name} is empty"
    ids = [r["id"] for r in data]
    dupes = [i for i, c in Counter(ids).items() if c > 1]
    assert not dupes, f"duplicate ids in {name}: {dupes}"
    assert all(isinstance(r.get("text"), str) and r["text"].strip() for r in data)


def test_event_rows_shape() -> None:
    data = rows("fr_events.jsonl")
    assert len(data) >= 180
    for row in data:
        dt.date.fromisoformat(row["published"])
        assert isinstance(row["events"], list), row["id"]
        for ev in row["events"]:
            assert ev["type"] in PLOVER_TYPES, (row["id"], ev["type"])
            assert isinstance(ev["cameo"], str) and ev["cameo"].isdigit(), row["id"]
            assert ev["trigger"] and ev["trigger"] in row["text"], (row["id"], ev["trigger"])
            for flag in FLAGS:
                assert isinstance(ev[flag], bool), (row["id"], flag)
            if "date" in ev:
                dt.date.fromisoformat(ev["date"])
            for role in ("source", "target"):
                actor = ev[role]
                if actor is None:
                    assert role == "target", f"{row['id']}: every event needs a source"
                    continue
                assert actor["text"] in row["text"], (row["id"], actor["text"])
                assert actor["sector"] in SECTORS, (row["id"], actor["sector"])
                if actor["sector"] == "IGO":
                    assert actor["country"] is None and actor.get("igo"), row["id"]
                else:
                    country = actor["country"]
                    assert country is None or (len(country) == 3 and country.isupper()), (row["id"], country)


def test_every_type_covered() -> None:
    counts = Counter(ev["type"] for _, ev in events())
    missing = {t: counts[t] for t in PLOVER_TYPES if counts[t] < 9}
    assert not missing, f"types with fewer than 9 events: {missing}"


def test_flags_and_empty_sentences() -> None:
    evs = [ev for _, ev in events()]
    assert sum(ev["negated"] for ev in evs) >= 15
    assert sum(ev["future"] for ev in evs) >= 15
    assert sum(ev["hypothetical"] for ev in evs) >= 1
    assert sum(1 for r in rows("fr_events.jsonl") if not r["events"]) >= 25
    assert sum(1 for ev in evs if "date" in ev) >= 20


def test_dates_close_to_publication() -> None:
    """A resolved date lies within a fortnight of publication (weekday names, 'hier', explicit dates)."""
    for row, ev in events():
        if "date" in ev:
            gap = dt.date.fromisoformat(ev["date"]) - dt.date.fromisoformat(row["published"])
            assert abs(gap.days) <= 14, (row["id"], ev["date"], row["published"])


@pytest.mark.shared
def test_cameo_codes_exist_in_mapping() -> None:
    mapping = shared_path("data", "plover", "CAMEO2PLOVER-2021.txt")
    codes = {line.split(":", 1)[0].strip() for line in mapping.read_text("utf-8").splitlines()
             if line[:1].isdigit() and ":" in line}
    unknown = sorted({(row["id"], ev["cameo"]) for row, ev in events() if ev["cameo"] not in codes})
    assert not unknown, f"CAMEO codes absent from the mapping: {unknown}"


@pytest.mark.parametrize("name", ["fr_quotes.jsonl", "en_quotes.jsonl"])
def test_quote_sets(name: str) -> None:
    data = rows(name)
    assert len(data) >= 80
    assert sum(1 for r in data if not r["quotes"]) >= 10
    for row in data:
        for q in row["quotes"]:
            assert q["quote"] and q["quote"] in row["text"], (row["id"], q["quote"])
            assert q["speaker"] is None or (isinstance(q["speaker"], str) and q["speaker"].strip()), row["id"]
            assert q["kind"] in ("direct", "indirect"), row["id"]
            if q.get("cue"):
                assert q["cue"] in row["text"], (row["id"], q["cue"])


def test_french_guillemets_use_no_break_space() -> None:
    for row in rows("fr_quotes.jsonl"):
        text = row["text"]
        assert "« " not in text and " »" not in text, f"{row['id']}: use U+00A0 inside guillemets"
    assert any("«\u00a0" in r["text"] for r in rows("fr_quotes.jsonl"))
