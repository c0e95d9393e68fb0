"""Issue 'understand an article': the reference page, analysed as a user would."""

from __future__ import annotations

import json

import pytest

from veille.cli import main

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    from conftest import shared_path

    src = shared_path("examples", "fr-poutine-kazakhstan.txt")
    out = tmp_path_factory.mktemp("ref") / "out.json"
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["analyze", str(src), "--published", "2024-11-27", "--format", "json"]) == 0
    out.write_text(buf.getvalue())
    return json.loads(buf.getvalue())


def actor(data, name):
    return next(a for a in data["actors"] if a["name"] == name)


def mention_texts(a):
    return {m["text"] for m in a["mentions"]}


def test_people_linked_with_roles(data):
    putin = actor(data, "Vladimir Putin")
    assert (putin["country"], putin["sector"]) == ("RUS", "GOV")
    assert {"Vladimir Poutine", "Poutine"} <= mention_texts(putin)
    tokayev = next(a for a in data["actors"] if a["name"].endswith("Tokayev"))
    assert (tokayev["country"], tokayev["sector"]) == ("KAZ", "GOV")
    assert "head of state" in tokayev["role"]
    assert "Tokaïev" in mention_texts(tokayev)


def test_csto_is_one_actor(data):
    csto = [a for a in data["actors"] if "Collective Security" in a["name"]]
    assert len(csto) == 1
    assert {"OTSC", "Organisation du traité de sécurité collective"} <= mention_texts(csto[0])


def test_metonyms_and_places(data):
    russia = actor(data, "Russia")
    assert {"Moscou", "Kremlin", "Russie"} <= mention_texts(russia)
    china = actor(data, "China")
    assert {"Pékin", "Chine"} <= mention_texts(china)
    astana = [a for a in data["actors"] if a["name"] == "Astana"]
    assert astana and astana[0]["type"] == "place" and astana[0]["country"] == "KAZ"


def test_no_junk_entities(data):
    texts = {e["text"] for e in data["entities"]}
    assert "État" not in texts
    assert not any("Allié Clé" in t for t in texts)


def test_quotes_with_speakers(data):
    speakers = [q["speaker_actor_id"] for q in data["quotes"]]
    putin, tokayev = actor(data, "Vladimir Putin")["id"], next(a for a in data["actors"] if a["name"].endswith("Tokayev"))["id"]
    assert putin in speakers and tokayev in speakers


def _events(data, etype):
    return [e for e in data["events"] if e["type"] == etype]


def test_state_visit(data):
    visit = [e for e in _events(data, "CONSULT") if e["mode"] == "visit"]
    assert len(visit) == 1
    e = visit[0]
    assert e["cameo"] == "042"
    assert [a["name"] for a in e["actors"]] == ["Vladimir Putin"] and e["actors"][0]["country"] == "RUS"
    assert [r["country"] for r in e["recipients"]] == ["KAZ"]
    assert e["location"]["name"] == "Astana" and e["location"]["country"] == "KAZ"
    assert e["date"]["value"] == "2024-11-27"
    text = "\n\n".join(b["text"] for b in data["blocks"])
    assert text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]


def test_talks_between_putin_and_tokayev(data):
    talks = [e for e in _events(data, "CONSULT") if e["mode"] != "visit"]
    assert any([a["name"] for a in e["actors"]] == ["Vladimir Putin"] and
               any(r["name"] and r["name"].endswith("Tokayev") for r in e["recipients"]) for e in talks)


def test_csto_summit_announced(data):
    summit = [e for e in data["events"] if any("Collective Security" in (r["name"] or "") for r in e["recipients"])]
    assert summit, data["events"]
    e = summit[0]
    assert e["type"] == "AGREE" or (e["type"] == "CONSULT" and e["mode"] == "multilateral")
    assert "future" in e["flags"]
    assert e["date"]["value"] == "2024-11-28"
    assert e["location"]["name"] == "Astana"


def test_nothing_from_removed_text(data):
    removed = " ".join(r["text"] for r in data["removed"])
    body = "\n\n".join(b["text"] for b in data["blocks"])
    for e in data["events"]:
        field_text = body if e["evidence"]["field"] == "body" else data[e["evidence"]["field"]]
        assert field_text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]
    assert "sponsoring" in removed and not any("sponsoring" in e["evidence"]["text"] for e in data["events"])


def test_membership_relation(data):
    rel = [(r["type"], r["subject"]["country"], r["object"]["name"]) for r in data["relations"]]
    assert ("member_of", "KAZ", "Collective Security Treaty Organization") in rel


def test_reference_events_are_exactly_these(data):
    """The reference article's event table, whole: nothing added, nothing lost."""
    got = sorted((e["type"], e["cameo"], tuple(a["name"] or a["text"] for a in e["actors"]),
                  tuple(r["name"] or r["text"] for r in e["recipients"]), tuple(e["flags"])) for e in data["events"])
    assert got == sorted([
        ("CONSULT", "042", ("Vladimir Putin",), ("Kazakhstan",), ()),
        ("CONSULT", "040", ("Vladimir Putin",), ("Kassym-Jomart Tokayev",), ()),
        ("SUPPORT", "051", ("Kazakhstan",), ("Russia",), ("negated",)),
        ("AGREE", "036", ("Vladimir Putin",), ("Collective Security Treaty Organization",), ("future",)),
    ])
