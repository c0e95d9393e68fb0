"""The reference input: a real French page saved as text, with every defect veille repairs."""

from __future__ import annotations

import pytest

import veille

pytestmark = pytest.mark.shared

HEADINGS = [
    "Poutine et Tokaïev discutent projets énergétiques et sécurité",
    "Un partenariat énergétique « mutuellement bénéfique »",
    "L’OTSC, clé de voûte de la stratégie russe",
    "Un allié fidèle mais pas inconditionnel",
    "Vers un renforcement des liens russo-kazakhs ?",
]


@pytest.fixture
def article(reference_article):
    return veille.analyze(str(reference_article))


@pytest.fixture
def raw_lines(reference_article) -> list[str]:
    return [ln.strip() for ln in reference_article.read_text("utf-8").splitlines() if ln.strip()]


def test_metadata(article):
    assert article.section == ["Actualités", "International"]
    assert article.title == "Poutine En Visite Diplomatique Au Kazakhstan, Allié Clé De Moscou"
    assert article.standfirst.startswith("Vladimir Poutine entame une visite d'État au Kazakhstan")
    assert article.language == "fr"


def test_five_distinct_headings_in_order(article):
    headings = [b.text.replace("\u00a0", " ") for b in article.blocks if b.kind == "heading"]
    assert headings == HEADINGS


def test_quotes_with_speakers(article):
    quotes = [b for b in article.blocks if b.kind == "quote"]
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Vladimir Poutine", None),
        ("Kassym-Jomart Tokaïev", "président du Kazakhstan"),
    ]
    assert quotes[0].text.startswith("Nos liens dans le secteur énergétique")
    assert quotes[1].text.startswith("L’OTSC est un pilier")


#: input lines the output must not hold, fixed by reading the page (not by what veille removed):
#: the section trail, the author's sponsoring bio, and the two attributions folded into their quotes
NOT_OUTPUT = ["ActualitésInternational", "Vladimir Poutine", "Kassym-Jomart Tokaïev, président du Kazakhstan"]
BIO = "Passionné et dévoué, j'explore"


def test_every_line_exactly_once_in_reading_order(article, raw_lines):
    """Each distinct line of the input is in the output once, in reading order, except the
    section trail, the bio and the attributions (folded into their quotes)."""
    out = [article.title, article.standfirst] + [b.text for b in article.blocks]
    firsts = list(dict.fromkeys(raw_lines))
    assert len(firsts) == 25 and all(ln in firsts for ln in NOT_OUTPUT) and firsts[-1].startswith(BIO)
    expected = [ln for ln in firsts if ln not in NOT_OUTPUT and not ln.startswith(BIO)]
    assert len(expected) == 21
    assert out == expected
    assert len(out) == len(set(out))


def test_en_parallele_once_after_the_block(article):
    texts = [b.text for b in article.blocks]
    hits = [i for i, t in enumerate(texts) if t.startswith("En parallèle de sa visite d’État")]
    assert len(hits) == 1
    block_last = next(i for i, t in enumerate(texts) if t.startswith("Reste à savoir"))
    assert hits[0] == block_last + 1


def test_removed_repeats_and_bio(article, raw_lines):
    repeats = [r for r in article.removed if r.kind == "repeat"]
    assert len(raw_lines) == 56
    assert len(repeats) == 31
    assert sum(r.text.startswith("En parallèle") for r in repeats) == 1
    bio = [r for r in article.removed if r.kind == "boilerplate"]
    assert len(bio) == 1 and bio[0].text.startswith("Passionné et dévoué")
    assert "sponsoring" in bio[0].reason


def test_quality_flags_say_the_page_repeated(article):
    q = article.quality
    assert "repeated_content" in q.flags and "repeated_block" in q.flags
    assert "promotional_footer" in q.flags
    assert q.before.dup_line_frac > 0.5 and q.after.dup_line_frac == 0.0
