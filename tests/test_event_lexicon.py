"""The event lexicons are data with a schema: checked keys, known types, CAMEO codes that exist."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from conftest import shared_path
from veille.understand.lexicon import LexiconError, _trigger, check_trigger, event_lexicon

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
# codes whose PLOVER type the team codes differently from CAMEO2PLOVER-2021 (see eval/gold/README.md, Conventions)
ALLOWED_MISMATCH = {("163", "SANCTION"), ("0814", "CONCEDE"), ("1712", "ASSAULT"), ("084", "RETREAT")}


def raw(lang: str) -> dict:
    return json.loads(resources.files("veille.understand").joinpath("data", "events", f"{lang}.json").read_text("utf-8"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_pattern_loads_and_names_a_plover_type(lang: str) -> None:
    lex = event_lexicon(lang)
    assert lex is not None and len(lex.triggers) > 300
    for triggers in lex.triggers.values():
        for trig in triggers:
            assert trig.type in PLOVER, trig


def test_a_misspelt_key_is_an_error_not_ignored() -> None:
    good = {"lemma": ["arrêter"], "type": "COERCE", "cameo": "173", "recipient": ["obj"]}
    check_trigger(good)
    with pytest.raises(LexiconError, match="recipent"):
        check_trigger({**good, "recipent": ["obj"]})
    with pytest.raises(LexiconError, match="obj_nto"):
        _trigger({**good, "with": {"obj_nto": ["x"]}}, "arrêter")
    with pytest.raises(LexiconError, match="'of'"):
        check_trigger({**good, "pos": "NOUN", "of": "patient"})


@pytest.mark.shared
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_cameo_code_exists_and_maps_to_the_pattern_type(lang: str) -> None:
    table = {}
    for line in shared_path("data", "plover", "CAMEO2PLOVER-2021.txt").read_text("utf-8").splitlines():
        m = re.match(r"\s*(\d{2,4})\s*:\s*([A-Z]+)", line)
        if m:
            table[m.group(1)] = m.group(2)
    data = raw(lang)
    codes = [(e["cameo"], e["type"]) for e in data["triggers"]]
    codes += [tuple(v.split(":")[::-1]) for v in data.get("future_to", {}).values()]
    bad = [(code, etype) for code, etype in codes if code not in table]
    assert not bad, f"CAMEO codes not in CAMEO2PLOVER-2021.txt: {bad}"
    wrong = sorted({(c, t, table[c]) for c, t in codes if table[c] != t and (c, t) not in ALLOWED_MISMATCH})
    assert not wrong, f"pattern type differs from the CAMEO code's PLOVER type: {wrong}"
