"""Sense contexts of several words, and armed forces attacking a place (English patterns)."""

from __future__ import annotations

from veille.options import Options
from veille.repair import clean_article
from veille.understand import understand
from veille.understand.lexicon import event_lexicon


def _types(text: str, lang: str = "en") -> set[str]:
    article = clean_article([text], "<test>", lang, "2024-11-27")
    return {e.type for e in understand(article, Options(language=lang, event_model=False)).events}


def test_a_context_entry_of_several_words_is_kept_apart_from_the_single_words():
    lex = event_lexicon("en")
    assert lex is not None and "world cup" in lex.context_phrases["sport"]
    assert not any(" " in w for words in lex.contexts.values() for w in words)


def test_a_phrase_of_a_sense_context_is_met_in_the_sentence_and_is_enough_alone():
    assert "ASSAULT" in _types("Morocco beat Portugal.")
    assert "ASSAULT" not in _types("Morocco beat Portugal in the World Cup.")
    assert "ASSAULT" not in _types("Morocco beat Portugal in the world cup.")


def test_forces_or_fighters_attacking_a_place_use_military_force():
    assert "ASSAULT" in _types("Rebels attacked an army base in the north on Monday.")
    assert "ASSAULT" in _types("The army attacked rebel positions near the border.")
    assert "ASSAULT" not in _types("The government attacked the opposition's plan.")


def test_french_forces_attacking_a_place_fight_and_a_government_attacking_a_plan_does_not():
    assert "ASSAULT" in _types("Les rebelles ont attaqué une base militaire dans le nord du pays.", "fr")
    assert "ASSAULT" in _types("Les forces russes ont attaqué des positions ukrainiennes près de la ville.", "fr")
    assert "ASSAULT" not in _types("Le gouvernement a attaqué le projet de l'opposition.", "fr")
