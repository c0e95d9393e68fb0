"""Leftovers of real pages (issue 12): bylines kept as body text, a standfirst printed
again in the body, BBC-style list-item furniture, author fields naming one person twice.
Every page here is invented, in the shape of the pages these came from."""

from __future__ import annotations

import pytest

from veille.model import Article, Block
from veille.options import Options
from veille.pipeline import analyze_text
from veille.repair import repair
from veille.repair.byline import merge_authors, parse_byline

BODY = [
    "Le conseil municipal de Villebrune a voté mardi soir la fermeture de la piscine pour travaux.",
    "Les nageurs du club local devront s'entraîner dans la commune voisine jusqu'à l'été prochain.",
    "Le maire a promis une réouverture avant la rentrée, sans donner de date précise aux associations.",
]
MORE = [
    "Les travaux porteront sur la toiture, le chauffage de l'eau et l'accès des personnes handicapées.",
    "Leur coût est estimé à deux millions d'euros, dont la moitié à la charge de la région.",
    "Une réunion publique est prévue le mois prochain à la salle des fêtes de la commune.",
]


def html_article(*units: str | tuple[str, str], **meta: str | None) -> Article:
    """A raw HTML article as the reader leaves it: units as paragraphs (or (kind, text))."""
    blocks = [Block(kind=u[0], text=u[1]) if isinstance(u, tuple) else Block(kind="paragraph", text=u)  # type: ignore[arg-type]
              for u in units]
    return Article(id="0" * 16, source="page.html", format="html", blocks=blocks, **meta)  # type: ignore[arg-type]


@pytest.mark.parametrize("line, author, published", [
    ("AFP, publié le lundi 18 mai 2020 à 21h18", "AFP", "2020-05-18"),
    ("Par Jean Dupont, publié le 3 mars 2021 à 08h05", "Jean Dupont", "2021-03-03"),
    ("Orange avec AFP-Services, publié le samedi 04 mai 2019 à 12h40", "Orange avec AFP-Services", "2019-05-04"),
    ("By Jane Doe, Reuters · 3 min read", "Jane Doe, Reuters", None),
    ("Mis à jour le 18/05/2020 à 10h12", None, "2020-05-18"),
    ("Published May 18, 2020", None, "2020-05-18"),
    ("UPDATED: Tue., Nov. 19, 2019", None, "2019-11-19"),
    ("Updated 10:30 GMT, 18 May 2020", None, "2020-05-18"),
    ("publié le 18 mars", None, None),
    ("Source : Mister Buzz, publié le dimanche 03 septembre 2017 à 19h22", "Mister Buzz", "2017-09-03"),
    # a dateline: nothing but a date with its month written out
    ("Sunday, July 21, 2013", None, "2013-07-21"),
    ("MAR. 14, 2013, 8: 12 PM", None, "2013-03-14"),
    ("August 10, 2011 - - Updated 0947 GMT (1747 HKT)", None, "2011-08-10"),
    ("mardi 12 mars 2019 à 10h00", None, "2019-03-12"),
])
def test_byline_shapes(line: str, author: str | None, published: str | None) -> None:
    found = parse_byline(line)
    assert found is not None and (found.author, found.published) == (author, published)


@pytest.mark.parametrize("line", [
    "Par ailleurs, le ministre a publié le rapport mardi.",
    "By Monday, the army had left the city.",
    "Le texte publié le 3 mai 2020 a été adopté par le Sénat.",
    "Jean Dupont",
    "Published research shows the vaccine works.",
    "Publié le 3 mai 2020 " + "x" * 400,
    "Publié le 3 mai 2020, le décret entre en vigueur",
    "AFP, published on May 3, 2020 ahead of the vote",
    "La guerre a commencé le 24 février 2022.",
    "24 février 2022 : la guerre commence",
    "Sunday",
    "12/03/2019",
])
def test_body_lines_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_byline_leaves_the_body_and_fills_author_and_date() -> None:
    out = repair(html_article("AFP, publié le lundi 18 mai 2020 à 21h18", *BODY, title="La piscine ferme"))
    assert [b.text for b in out.blocks] == BODY
    assert (out.author, out.published) == ("AFP", "2020-05-18")
    assert [(r.kind, r.reason, r.position) for r in out.removed] == [("boilerplate", "byline", 0)]


def test_byline_does_not_overwrite_what_the_reader_found() -> None:
    out = repair(html_article("Par Jean Dupont, publié le 3 mars 2021", *BODY,
                              author="Marie Curie", published="2021-03-04"))
    assert (out.author, out.published) == ("Marie Curie", "2021-03-04")
    assert out.blocks[0].text == BODY[0]


def test_byline_in_plain_text_after_the_title() -> None:
    text = "\n\n".join(["La piscine de Villebrune ferme pour travaux", "Par Jean Dupont, publié le 3 mars 2021",
                        *BODY, *MORE])
    art = analyze_text(text, options=Options(understand=False))
    assert art.title == "La piscine de Villebrune ferme pour travaux"
    assert (art.author, art.published) == ("Jean Dupont", "2021-03-03")
    assert "Par Jean Dupont" not in art.text


def test_dateline_in_plain_text_dates_the_article() -> None:
    text = "\n\n".join(["La piscine de Villebrune ferme pour travaux", "Mardi 3 mars 2021", *BODY, *MORE])
    art = analyze_text(text, options=Options(understand=False))
    assert art.published == "2021-03-03" and "Mardi 3 mars" not in art.text
    assert [(r.kind, r.reason) for r in art.removed] == [("boilerplate", "byline")]


def test_a_byline_shaped_line_deep_in_the_body_stays() -> None:
    late = "Mis à jour le 18/05/2020 à 10h12"
    out = repair(html_article(*BODY, late, *MORE))
    assert late in out.text


def test_standfirst_printed_again_in_the_body_is_kept_once() -> None:
    out = repair(html_article(*BODY, standfirst=BODY[0]))
    assert out.standfirst is None
    assert [b.text for b in out.blocks] == BODY
    assert [(r.kind, r.reason) for r in out.removed] == [("repeat", "standfirst repeated at the start of the body")]


def test_whole_article_taken_as_standfirst() -> None:
    out = repair(html_article(*BODY, standfirst=" ".join(BODY[:2]) + " Le maire a promis…"))
    assert out.standfirst is None and [b.text for b in out.blocks] == BODY


def test_a_real_standfirst_stays() -> None:
    lead = "La commune ferme son équipement le plus fréquenté pour dix mois de travaux."
    out = repair(html_article(*BODY, standfirst=lead))
    assert out.standfirst == lead and not out.removed


def test_bbc_list_items_are_furniture() -> None:
    out = repair(html_article(*BODY, ("list_item", "From the section Europe"), ("list_item", "941 comments"), *MORE))
    reasons = {r.text: r.reason for r in out.removed}
    assert reasons == {"From the section Europe": "navigation", "941 comments": "comments"}
    assert all(b.kind == "paragraph" for b in out.blocks)


@pytest.mark.parametrize("field, expected", [
    ("Romain Colas; Romain COLAS", "Romain Colas"),
    ("ÉLISE DURAND; Elise Durand", "Elise Durand"),
    ("AFP; Romain COLAS", "AFP; Romain COLAS"),
    ("Jane Doe", "Jane Doe"),
])
def test_author_named_twice_is_one_name(field: str, expected: str) -> None:
    assert merge_authors(field) == expected
    assert repair(html_article(*BODY, author=field)).author == expected
