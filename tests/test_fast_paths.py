"""The speed-ups of the read/repair/language path give exactly the answers of
the straightforward code they replace (docs/benchmarks.md)."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from conftest import ROOT

from veille.read.decode import _CONTROL, _control_count
from veille.read.text import _SPACES, _collapse
from veille.repair.boilerplate import classify
from veille.repair.normalize import unit_key, word_count
from veille.understand import language

TRICKY = [
    "", " ", "  ", "a", " a ", "a  b", "a\tb", "l'ONU a dit « oui » — puis non…", "x_y", "___", "ﬁn ① ² ³",
    "e\u0301te\u0301", "İstanbul ß ſ K", "日本語、テスト。", "x\u200by", "\u00a0a\u2028b\x1cc\x85d", "a\ud800b",
    "Prix : 12\u202f€ ; «\u00a0citation\u00a0»", "\x00\x07 bell", "\r\n", "mixed\u3000ideographic space",
]


def _fuzz(n: int, seed: int) -> list[str]:
    """Random strings mixing ASCII, Latin, symbols and any code point."""
    rnd = random.Random(seed)
    pools = [(0, 0x80), (0x80, 0x800), (0x2000, 0x3100), (0xFB00, 0x10000), (0, 0x110000)]
    return ["".join(chr(rnd.randrange(*rnd.choice(pools))) for _ in range(rnd.randrange(0, 24))) for _ in range(n)]


def test_unit_key_is_the_regex_key():
    for text in TRICKY + _fuzz(3000, 1):
        assert unit_key(text) == re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold()), repr(text)


def test_word_count_is_split():
    for text in TRICKY + _fuzz(3000, 2):
        assert word_count(text) == len(text.split()), repr(text)


def test_control_count_is_the_regex_count():
    for text in TRICKY + _fuzz(1000, 3):
        assert _control_count(text) == len(_CONTROL.findall(text)), repr(text)


def test_collapse_is_the_regex():
    for text in TRICKY + ["a \t b", " \x0b\x0c x  y "] + _fuzz(500, 5):
        assert _collapse(text) == _SPACES.sub(" ", text).strip(), repr(text)


def test_word_cap_keeps_long_units_out():
    body = "Nous utilisons des cookies pour vous proposer la suite de cet article. " * 20
    assert classify(["Intro.", body, "Fin."]) == {}
    assert classify(["Intro.", "Nous utilisons des cookies pour améliorer votre expérience.", "Fin."])


def test_the_first_texts_skip_building_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from py3langid.langid import classify

    monkeypatch.setattr(language, "_calls", 0)
    reference = language._reference()  # py3langid's own identifier (its model possibly read from the user cache)
    assert getattr(reference, "__self__", None).__class__.__name__ == "LanguageIdentifier"
    assert all(reference(t) == classify(t) for t in TRICKY)
    assert [language._classify() for _ in range(language._WARM_AFTER)] == [reference] * language._WARM_AFTER
    assert getattr(language._classify(), "__self__", None).__class__.__name__ == "_FastLangid"


def test_fast_language_is_py3langid():
    from py3langid.langid import classify as reference

    fast = language._fast()
    assert getattr(fast, "__self__", None).__class__.__name__ == "_FastLangid", "the fast path failed its self-test"
    texts = TRICKY + _fuzz(200, 4) + [
        "Le Kazakhstan, riche en pétrole et en gaz, est un partenaire énergétique de premier plan pour la Russie. " * 40,
        "The two countries signed a cooperation agreement on energy and security in Astana on Wednesday. " * 30,
        "Dziś rano w Warszawie odbyło się spotkanie ministrów spraw zagranicznych.",
        "ΑΘΗΝΑ: Η κυβέρνηση ανακοίνωσε νέα μέτρα.",
    ]
    for text in texts:
        assert fast(text) == reference(text), text[:60]


def test_matchers_filtered_for_one_article_find_what_the_full_ones_find(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first articles of a process are linked with matchers over the aliases their text can
    hold (a one-article analyze does not build the full ones): the analysis is the same."""
    from veille.options import Options
    from veille.pipeline import analyze
    from veille.understand import actors

    samples = sorted((ROOT / "samples").glob("*.txt"))
    assert len(samples) >= 2

    def run() -> list[str]:
        return [analyze(str(p), Options(published="2024-11-25")).model_dump_json(exclude={"quality"})
                for p in samples]

    monkeypatch.setattr(actors, "_FULL_AFTER", 10**9)
    actors.matchers.cache_clear()
    filtered = run()
    assert actors.matchers.cache_info().currsize == 0, "the full matchers were built"
    monkeypatch.setattr(actors, "_FULL_AFTER", 0)
    assert run() == filtered
    assert actors.matchers.cache_info().currsize > 0
