"""Events merged across articles: one real event, every article that reports it."""

from __future__ import annotations

import pytest

from veille import analyze_text
from veille.link.events import (
    EventMergeOptions, MergedEvent, dates_agree, merge_events, noisy_or, participants_agree, places_agree,
)
from veille.model import Article, Block, Event, EventDate, Evidence, Participant, Place
from veille.options import Options
from veille.repair import with_offsets

ASTANA_FR = ("Vladimir Poutine a rencontré Kassym-Jomart Tokaïev à Astana mercredi lors du sommet de l'OTSC. "
             "Les deux présidents ont parlé de sécurité régionale.")
ASTANA_EN = ("Russian President Vladimir Putin met Kazakh President Kassym-Jomart Tokayev in Astana on Wednesday "
             "at the summit of the Collective Security Treaty Organization.")
BEIJING_FR = ("Vladimir Poutine a rencontré Xi Jinping à Pékin mercredi lors du sommet de l'Organisation de "
              "coopération de Shanghai.")

ASTANA = Place(name="Astana", country="KAZ", latitude=51.18, longitude=71.45, geonames_id=1526273)
BEIJING = Place(name="Beijing", country="CHN", latitude=39.91, longitude=116.40, geonames_id=1816670)
PUTIN = Participant(text="Poutine", actor_id="Q7747", name="Vladimir Putin", country="RUS", sector="GOV")
TOKAYEV = Participant(text="Tokaïev", actor_id="veille:person:kassym-jomart-tokayev", country="KAZ")
KAZAKHSTAN = Participant(text="Kazakhstan", actor_id="Q232", country="KAZ")
XI = Participant(text="Xi Jinping", actor_id="Q15031", country="CHN")


@pytest.fixture(scope="module")
def reports() -> dict[str, Article]:
    """The Astana summit told by a French and an English outlet; a Beijing summit a week later."""
    return {
        "fr": analyze_text(ASTANA_FR, "outlet-fr", Options(published="2024-11-27")),
        "en": analyze_text(ASTANA_EN, "outlet-en", Options(published="2024-11-27")),
        "beijing": analyze_text(BEIJING_FR, "outlet-fr", Options(published="2024-12-04")),
    }


def event(article_id: str, type_: str = "CONSULT", actors: list[Participant] | None = None,
          recipients: list[Participant] | None = None, location: Place | None = None,
          when: str | None = None, flags: list | None = None, confidence: float = 0.8, n: int = 0) -> Event:
    """A hand-made event mention."""
    precision = {10: "day", 7: "month", 4: "year"}.get(len(when or ""), "unknown")
    return Event(id=f"{article_id}-e{n}", type=type_, actors=actors or [], recipients=recipients or [],
                 location=location, date=EventDate(value=when, precision=precision), flags=flags or [],
                 evidence=Evidence(article_id=article_id, start=0, end=4, text="text"), confidence=confidence)


def article(article_id: str, *events: Event, published: str | None = None) -> Article:
    """A hand-made article carrying ``events``."""
    blocks = with_offsets([Block(kind="paragraph", text="text")])
    return Article(id=article_id, source="<test>", language="en", published=published, blocks=blocks,
                   events=list(events))


def consults(merged: list[MergedEvent]) -> list[MergedEvent]:
    return [m for m in merged if m.type == "CONSULT"]


def test_two_outlets_one_summit_one_event_with_two_mentions(reports: dict[str, Article]) -> None:
    merged = consults(merge_events([reports["fr"], reports["en"]]))
    assert len(merged) == 1
    summit = merged[0]
    assert sorted(summit.article_ids) == sorted([reports["en"].id, reports["fr"].id])
    assert len(summit.mentions) == 2 and {m.evidence.article_id for m in summit.mentions} == set(summit.article_ids)
    assert summit.location and summit.location.name == "Astana"
    assert summit.date.value == "2024-11-27"
    assert "Q7747" in {p.actor_id for p in summit.actors}
    best = max(m.confidence for m in summit.mentions)
    assert best < summit.confidence <= 1.0
    assert summit.confidence == pytest.approx(noisy_or([m.confidence for m in summit.mentions]), abs=1e-6)


def test_a_second_summit_elsewhere_a_week_later_is_another_event(reports: dict[str, Article]) -> None:
    merged = consults(merge_events(reports.values()))
    assert len(merged) == 2
    assert [len(m.article_ids) for m in merged] == [2, 1]  # most reported first
    assert merged[1].article_ids == [reports["beijing"].id]
    assert merged[1].location and merged[1].location.name == "Beijing"


def test_pure_and_deterministic(reports: dict[str, Article]) -> None:
    arts = list(reports.values())
    first = merge_events(arts)
    assert merge_events(list(reversed(arts))) == first
    assert merge_events(arts) == first
    assert all(m.id.startswith("ev-") and len(m.id) == 19 for m in first)
    MergedEvent.model_validate_json(first[0].model_dump_json())  # serialisable for the store


def test_countries_match_a_person_and_a_country_of_the_same_state() -> None:
    a = article("a", event("a", actors=[PUTIN], recipients=[TOKAYEV], location=ASTANA, when="2024-11-27"))
    b = article("b", event("b", actors=[PUTIN], recipients=[KAZAKHSTAN], when="2024-11-27"))
    merged = merge_events([a, b])
    assert len(merged) == 1
    assert {p.actor_id for p in merged[0].recipients} == {TOKAYEV.actor_id, KAZAKHSTAN.actor_id}


def test_other_participants_other_place_other_date_other_type_stay_apart() -> None:
    base = event("a", actors=[PUTIN], recipients=[TOKAYEV], location=ASTANA, when="2024-11-27")
    others = [
        event("b", actors=[PUTIN], recipients=[XI], location=ASTANA, when="2024-11-27"),
        event("c", actors=[PUTIN], recipients=[TOKAYEV], location=BEIJING, when="2024-11-27"),
        event("d", actors=[PUTIN], recipients=[TOKAYEV], location=ASTANA, when="2024-12-04"),
        event("e", type_="AGREE", actors=[PUTIN], recipients=[TOKAYEV], location=ASTANA, when="2024-11-27"),
        event("f", actors=[PUTIN], recipients=[TOKAYEV], location=ASTANA, when="2024-11-27", flags=["negated"]),
    ]
    for other in others:
        merged = merge_events([article("a", base), article(other.evidence.article_id, other)])
        assert len(merged) == 2, other.id


def test_dates_tolerate_a_day_and_coarser_precision() -> None:
    def d(value: str | None = None) -> EventDate:
        return EventDate(value=value, precision={10: "day", 7: "month", 4: "year"}.get(len(value or ""), "unknown"))

    assert dates_agree(d("2024-11-27"), d("2024-11-28"))
    assert not dates_agree(d("2024-11-27"), d("2024-11-29"))
    assert dates_agree(d("2024-11"), d("2024-11-29"))
    assert dates_agree(d("2024"), d("2023-11-29")) is False
    assert dates_agree(d(), d("2024")) is None


def test_unknown_date_on_one_side_merges_only_within_a_story() -> None:
    a = article("a", event("a", actors=[PUTIN], recipients=[TOKAYEV], location=ASTANA, when="2024-11-27"))
    b = article("b", event("b", actors=[PUTIN], recipients=[TOKAYEV], location=ASTANA))
    assert len(merge_events([a, b])) == 1  # no story map: the articles are one story
    assert len(merge_events([a, b], {"a": "s1", "b": "s1"})) == 1
    split = merge_events([a, b], {"a": "s1", "b": "s2"})
    assert len(split) == 2 and {m.story_id for m in split} == {"s1", "s2"}
    merged = merge_events([a, b], {"a": "s1", "b": "s1"})[0]
    assert merged.date.value == "2024-11-27" and merged.story_id == "s1"


def test_symmetric_meeting_matches_swapped_sides_and_is_reoriented() -> None:
    a = article("a", event("a", actors=[PUTIN], recipients=[TOKAYEV], when="2024-11-27"), published="2024-11-27")
    b = article("b", event("b", actors=[TOKAYEV], recipients=[PUTIN], when="2024-11-27"), published="2024-11-28")
    merged = merge_events([a, b])
    assert len(merged) == 1
    assert [p.actor_id for p in merged[0].actors] == ["Q7747"]
    accuse_a = article("a", event("a", "ACCUSE", [PUTIN], [TOKAYEV], when="2024-11-27"))
    accuse_b = article("b", event("b", "ACCUSE", [TOKAYEV], [PUTIN], when="2024-11-27"))
    assert len(merge_events([accuse_a, accuse_b])) == 2  # who accuses whom matters


def test_no_agreement_no_merge_and_unknown_location_is_compatible() -> None:
    vague_a = article("a", event("a", "ACCUSE", [Participant(text="the minister")]))
    vague_b = article("b", event("b", "ACCUSE", [Participant(text="the opposition")]))
    assert len(merge_events([vague_a, vague_b])) == 2
    loose = EventMergeOptions(require_agreement=False)
    bare = [article("a", event("a", "ACCUSE")), article("b", event("b", "ACCUSE"))]
    assert len(merge_events(bare, options=loose)) == 1
    located = article("a", event("a", actors=[PUTIN], recipients=[TOKAYEV], location=ASTANA))
    unlocated = article("b", event("b", actors=[PUTIN], recipients=[TOKAYEV]))
    assert len(merge_events([located, unlocated])) == 1


def test_confidence_counts_each_article_once() -> None:
    a = article("a", event("a", actors=[PUTIN], recipients=[TOKAYEV], confidence=0.5, n=0),
                event("a", actors=[PUTIN], recipients=[TOKAYEV], confidence=0.6, n=1))
    b = article("b", event("b", actors=[PUTIN], recipients=[TOKAYEV], confidence=0.5))
    merged = merge_events([a, b])
    assert len(merged) == 1 and len(merged[0].mentions) == 3
    assert merged[0].confidence == pytest.approx(1 - 0.4 * 0.5)
    assert noisy_or([]) == 0.0


def test_helpers() -> None:
    assert participants_agree([PUTIN], []) is None
    assert participants_agree([TOKAYEV], [KAZAKHSTAN]) is True
    assert participants_agree([PUTIN], [XI]) is False
    assert places_agree(ASTANA, None) is None
    assert places_agree(ASTANA, Place(name="astana")) is True
    assert places_agree(ASTANA, Place(name="Nur-Sultan", latitude=51.17, longitude=71.43)) is True
    assert places_agree(ASTANA, BEIJING) is False
