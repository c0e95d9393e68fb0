"""English event patterns on invented sentences: lexicon families and parse repairs (issue 7)."""

from __future__ import annotations

from veille.model import Article
from veille.options import Options
from veille.repair import clean_article
from veille.understand import understand


def patterns(text: str, published: str | None = "2024-11-27") -> Article:
    """The English patterns alone (no statistical second opinion)."""
    return understand(clean_article(text.split("\n\n"), "<test>", "en", published), Options(language="en", event_model=False))


def types(text: str) -> set[str]:
    return {e.type for e in patterns(text).events}


def only(events, etype):  # noqa: ANN001, ANN201
    found = [e for e in events if e.type == etype]
    assert found, [(e.type, e.trigger) for e in events]
    return found[0]


def test_detainees_elders_and_members_of_a_body_are_someone():
    beaten = only(patterns("Prison guards beat up two detainees in the yard.").events, "ASSAULT")
    assert [r.text for r in beaten.recipients] == ["two detainees"]
    assert "REQUEST" in types("Village elders have demanded that the governor be replaced.")
    strike = only(patterns("A member of the regional assembly began a hunger strike on Monday.").events, "PROTEST")
    assert strike.actors


def test_a_hunger_strike_or_a_general_strike_is_a_protest_and_an_ultimatum_a_threat():
    assert types("Dozens of inmates started a hunger strike to protest their conditions.") >= {"PROTEST"}
    assert "ASSAULT" not in types("Dozens of inmates started a hunger strike to protest their conditions.")
    assert types("The unions called a general strike across the country.") == {"PROTEST"}
    assert types("The army carried out a strike on a weapons depot.") == {"ASSAULT"}
    assert types("Ruritania issued an ultimatum to its neighbour to pull back its troops.") == {"THREATEN"}
