"""A language is data: ``data/lang/<code>.json`` (checked against ``data/lang.schema.json``),
and more languages from the directories of ``VEILLE_LANGUAGE_DATA``.

The third language here is a minimal Spanish written for the test: its dates are found,
its words are stemmed for search, and the triggers of its event lexicon fire on a
sentence of a blank spaCy pipeline (``spacy.blank("es")``, annotated by hand: no model needed).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest

from veille import languages
from veille.dates import find_dates, resolve
from veille.languages import ENV, LanguageDataError
from veille.store import fts

LANG_DIR = Path(languages.__file__).parent / "data" / "lang"

SPANISH = {
    "_doc": "A minimal Spanish, written for tests/test_language_data.py.",
    "code": "es",
    "name": "Spanish",
    "snowball": "spanish",
    "postgres": "veille_simple",
    "spacy_lang": "es",
    "dates": {
        "relative": {"hoy": 0, "ayer": -1, "anteayer": -2, "mañana": 1},
        "ordinal_first": ["1º", "primero"],
        "year_before": ["en"],
        "date_linkers": ["de"],
    },
    "words": {"locative": ["en", "cerca de"]},
}

SPANISH_EVENTS = {
    "_doc": "One trigger: 'reunirse' (to meet) is a CONSULT, CAMEO 040.",
    "light_verbs": [],
    "modality": {"negators": ["no"], "future_aux": ["ir"], "future_governors": [], "hypothetical_aux": [],
                 "hypothetical_marks": ["si"], "refusal_governors": []},
    "triggers": [{"lemma": "reunir", "pos": "VERB", "type": "CONSULT", "mode": "meet", "cameo": "040"}],
}


SPANISH_QUOTES = {"es": {"verbs": ["decir", "afirmar"]}}
SPANISH_AGENTS = {"_doc": "agent nouns", "es": {"policía": "COP"}}
SPANISH_COREF = {"es": {"first_person": ["yo", "nosotros"]}}


@pytest.fixture(autouse=True)
def _variable_read_again() -> Iterator[None]:
    """``languages`` reads ``VEILLE_LANGUAGE_DATA`` once (``languages.reload()`` reads it again):
    after each test, once ``monkeypatch`` has restored it (this fixture, set up before the test's
    own, is torn down after them), the next test reads its real value."""
    yield
    languages.reload()


def _forget() -> None:
    """Empty the caches of what a language directory may change."""
    from veille.understand import coref, events, lexicon

    languages.reload()  # the variable changed: read it again
    for cached in (lexicon.event_lexicon, lexicon.quote_lexicon, lexicon.agents, lexicon.relation_lexicon,
                   coref.lexicon, events._reporting, events._sector_of):
        cached.cache_clear()


@pytest.fixture
def spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A language data directory laid out as the package's (``lang/es.json``, ``events/es.json``,
    ``quotes.json``, ``agents.json``, ``coref.json``), named by the variable."""
    for name, data in (("quotes.json", SPANISH_QUOTES), ("agents.json", SPANISH_AGENTS), ("coref.json", SPANISH_COREF)):
        (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    (tmp_path / "events").mkdir()
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "es.json").write_text(json.dumps(SPANISH, ensure_ascii=False), "utf-8")
    (tmp_path / "events" / "es.json").write_text(json.dumps(SPANISH_EVENTS, ensure_ascii=False), "utf-8")
    monkeypatch.setenv(ENV, str(tmp_path))
    _forget()
    yield tmp_path
    monkeypatch.delenv(ENV)
    _forget()  # forget the test's lexicons


def test_the_builtin_languages_are_the_data_files() -> None:
    assert languages.languages() == ("fr", "en")
    assert languages.known("fr") == "fr" and languages.known("de") == languages.FALLBACK == "en"
    assert languages.known(None) == "en"


@pytest.mark.parametrize("path", sorted(LANG_DIR.glob("*.json")), ids=lambda p: p.name)
def test_every_builtin_file_follows_the_schema(path: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(languages.schema())
    jsonschema.validate(json.loads(path.read_text("utf-8")), languages.schema())


def test_the_minimal_test_language_follows_the_schema() -> None:
    jsonschema.validate(SPANISH, languages.schema())


@pytest.mark.parametrize(("where", "bad"), [
    ((), "stemmer"),  # top level: 'snowball' misspelt
    (("dates",), "relativ"),
    (("words",), "locatives"),
])
def test_a_misspelt_key_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: tuple[str, ...],
                                    bad: str) -> None:
    data = json.loads(json.dumps(SPANISH))
    target = data
    for key in where:
        target = target[key]
    target[bad] = ["x"]
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "es.json").write_text(json.dumps(data), "utf-8")
    monkeypatch.setenv(ENV, str(tmp_path))
    languages.reload()
    with pytest.raises(LanguageDataError, match=bad):
        languages.languages()
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, languages.schema())


def test_a_wrong_type_or_a_missing_key_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(tmp_path))
    languages.reload()
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "es.json").write_text(json.dumps({**SPANISH, "dates": {**SPANISH["dates"], "relative": {"hoy": "0"}}}))
    with pytest.raises(LanguageDataError, match="relative: hoy: expected integer"):
        languages.languages()
    (tmp_path / "lang" / "es.json").write_text(json.dumps({k: v for k, v in SPANISH.items() if k != "snowball"}))
    with pytest.raises(LanguageDataError, match="snowball"):
        languages.languages()
    (tmp_path / "lang" / "es.json").write_text(json.dumps({**SPANISH, "code": "pt"}))
    with pytest.raises(LanguageDataError, match="not the file's name"):
        languages.languages()


def test_an_extra_directory_adds_a_language(spanish: Path) -> None:
    assert languages.languages() == ("fr", "en", "es")
    assert languages.known("es") == "es"
    assert "cerca de" in languages.closed_words("locative") and "à" in languages.closed_words("locative")


def test_the_dates_of_the_new_language_are_found(spanish: Path) -> None:
    text = "El presidente llegó ayer a Madrid y el lunes 3 de marzo se reunirá con el rey; en 2014 ya vino."
    found = {(m.text, m.kind) for m in find_dates(text, "es")}
    assert found == {("ayer", "relative"), ("lunes 3 de marzo", "daymonth"), ("2014", "year")}
    published = date(2025, 3, 5)  # a Wednesday
    ayer = next(m for m in find_dates(text, "es") if m.text == "ayer")
    assert resolve(ayer, published).value == "2025-03-04"
    full = [(m.text, m.kind, m.value) for m in find_dates("el 3 de marzo de 2024 y en marzo de 2023", "es")]
    assert full == [("3 de marzo de 2024", "full", (2024, 3, 3)), ("marzo de 2023", "monthyear", (2023, 3))]


def test_without_the_directory_the_language_has_no_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    languages.reload()
    assert find_dates("ayer, el lunes", "es") == []


def test_the_new_language_is_stemmed_for_search(spanish: Path) -> None:
    assert fts.stems("los presidentes", "es") == "los president"
    assert fts.pg_config("es") == "veille_simple" and fts.pg_config("fr") == "veille_french"
    assert '"president"' in (fts.fts5_query("presidentes") or "")


def test_the_event_lexicon_of_the_new_language_fires(spanish: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    from veille.understand.events import candidates
    from veille.understand.lexicon import event_lexicon

    lex = event_lexicon("es")
    assert lex is not None and lex.lang == "es" and set(lex.triggers) == {"reunir"}
    nlp = spacy.blank("es")
    # 'El ministro se reunió con el rey .' annotated by hand (Universal Dependencies)
    doc = Doc(nlp.vocab, words=["El", "ministro", "se", "reunió", "con", "el", "rey", "."],
              pos=["DET", "NOUN", "PRON", "VERB", "ADP", "DET", "NOUN", "PUNCT"],
              lemmas=["el", "ministro", "él", "reunir", "con", "el", "rey", "."],
              heads=[1, 3, 3, 3, 6, 6, 3, 3], deps=["det", "nsubj", "expl:pv", "ROOT", "case", "det", "obl", "punct"],
              sent_starts=[True] + [False] * 7)
    found = [c for options in candidates(next(doc.sents), lex) for c in options]
    assert [(c.token.text, c.trigger.type, c.trigger.cameo) for c in found] == [("reunió", "CONSULT", "040")]
    assert [a.text for a in found[0].actors] == ["ministro"]


def test_code_asking_for_an_undeclared_word_list_or_switch_is_an_error() -> None:
    with pytest.raises(LanguageDataError, match=r"words\.locatives"):
        languages.closed_words("locatives")
    with pytest.raises(LanguageDataError, match=r"words\.honorific"):
        languages.own_words("fr", "honorific")
    with pytest.raises(LanguageDataError, match=r"grammar\.que_clauses"):
        languages.grammar("fr", "que_clauses")


def test_word_lists_are_joined_across_languages_or_taken_from_one() -> None:
    assert {"à", "in"} <= languages.closed_words("locative")
    assert languages.own_words("fr", "honorifics") == {"monsieur", "madame"}
    assert languages.own_words("en", "honorifics") == frozenset() == languages.own_words("xx", "honorifics")
    assert languages.grammar("fr", "que_clause") and not languages.grammar("en", "que_clause")
    assert not languages.grammar("xx", "que_clause")


def test_every_key_the_code_asks_for_is_declared_and_every_declared_key_is_used() -> None:
    """The schema is the list of word lists and switches: none missing, none left over."""
    import re

    src = Path(languages.__file__).parent
    code = "\n".join(p.read_text("utf-8") for p in src.rglob("*.py"))
    asked = set(re.findall(r'closed_words\("(\w+)"\)', code)) | set(re.findall(r'own_words\([^,()]+, "(\w+)"\)', code))
    switches = set(re.findall(r'grammar\((?:[^,()]+, )?"(\w+)"\)', code))
    props = languages.schema()["properties"]
    assert asked == set(props["words"]["properties"])
    assert switches == set(props["grammar"]["properties"])


def test_the_inverted_pronouns_come_from_the_data() -> None:
    """'a-t-il': the French pipeline gets the inversion component because French data has
    euphonic pronouns; a language without them does not."""
    from veille.understand import nlp as nlp_mod

    assert {"-il", "-elle", "-on", "-ils", "-elles"} == nlp_mod.INVERTED
    assert languages.own_words("fr", "euphonic_pronouns") and not languages.own_words("en", "euphonic_pronouns")


def test_the_warm_text_comes_from_the_data(spanish: Path) -> None:
    from veille.understand import _warm_article

    assert _warm_article("fr").text.startswith("Le président a rencontré jeudi")
    assert _warm_article("es").text == languages.language("en")["warm_text"]  # none in the test's Spanish: the fallback's


def test_the_sections_of_the_new_language_join_the_shared_lexicons(spanish: Path) -> None:
    from veille.understand.coref import lexicon
    from veille.understand.events import _reporting, _sector_of
    from veille.understand.lexicon import agents, quote_lexicon

    assert quote_lexicon()["es"]["verbs"] == ["decir", "afirmar"] and "fr" in quote_lexicon()
    assert _reporting("es") == {"decir", "afirmar"}
    assert agents()["es"] == {"policía": "COP"} and "_doc" not in agents() and agents()["fr"]
    assert _sector_of("es")(SimpleNamespace(lemma_="Policía", lower_="policía")) == "COP"
    assert lexicon("es")["first_person"] == {"yo", "nosotros"} and lexicon("fr")["first_person"]


def test_the_variable_is_read_once_and_again_on_reload(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "es.json").write_text(json.dumps(SPANISH, ensure_ascii=False), "utf-8")
    monkeypatch.delenv(ENV, raising=False)
    languages.reload()
    assert "es" not in languages.languages()
    monkeypatch.setenv(ENV, str(tmp_path))
    assert "es" not in languages.languages()  # read once: a change is seen after reload()
    assert not languages.grammar("es", "er_infinitive")
    languages.reload()
    assert languages.languages() == ("fr", "en", "es")
    assert languages.language("es") is not None
