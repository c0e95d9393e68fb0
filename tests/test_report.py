"""The text report speaks words (issue 12): no internal names, positions counted from 1,
repeated blocks told as ranges, PLOVER types with their meaning and the CAMEO code beside.
The raw names stay in the JSON output."""

from __future__ import annotations

import json
import re
from importlib import resources

from veille.model import Article, Block, Event
from veille.options import Options
from veille.pipeline import PIPELINE_FLAGS, analyze_text
from veille.read.decode import REPLACED
from veille.repair import repair
from veille.serve.report import _words, event_name, render

from conftest import SAMPLES

RAW_WORDS = ("units", "unit ", "gopher_", "repeated_block", "repeated_content", "promotional_footer",
             "[repeat]", "[boilerplate]", "author_bio", "subscription +")


def dakar() -> Article:
    return analyze_text((SAMPLES / "fr-visite-dakar.txt").read_text("utf-8"), "dakar.txt", Options(understand=False))


def test_text_report_has_no_internal_words() -> None:
    out = render(dakar(), "text")
    assert not [w for w in RAW_WORDS if w in out]
    assert "13 of 31 lines removed: 11 repeated, 1 breadcrumb, 1 page furniture" in out
    assert "lines 19–23: repeat lines 14–18 — “La question des archives" in out
    assert "lines 25–30: repeat lines 14–18, 24 — " in out
    assert "line 31: page furniture (subscription call, author's biography)" in out
    assert "would have thrown the page away" in out


def test_json_keeps_the_raw_names() -> None:
    data = json.loads(render(dakar(), "json"))
    assert "gopher_dup_lines_before" in data["quality"]["flags"]
    assert any(r["reason"].startswith("part of a repeated block of 5 units") for r in data["removed"])


def test_markdown_removals_in_words() -> None:
    out = render(dakar(), "markdown")
    assert "- lines 19–23: repeat lines 14–18" in out and "units" not in out


def test_a_page_counts_paragraphs_and_says_byline() -> None:
    blocks = [Block(kind="paragraph", text=t) for t in (
        "AFP, publié le lundi 18 mai 2020 à 21h18",
        "Le conseil municipal de Villebrune a voté mardi soir la fermeture de la piscine pour travaux.",
        "Les nageurs du club local devront s'entraîner dans la commune voisine jusqu'à l'été prochain.")]
    art = repair(Article(id="0" * 16, source="p.html", format="html", blocks=blocks, title="La piscine ferme"))
    out = render(art, "text")
    assert "1 of 3 paragraphs removed: 1 page furniture" in out
    assert "paragraph 1: byline; its author and date are kept as metadata — “AFP, publié le" in out


def test_a_standfirst_removal_is_said_as_the_field() -> None:
    body = "Le conseil municipal de Villebrune a voté mardi soir la fermeture de la piscine pour travaux."
    art = repair(Article(id="0" * 16, source="p.html", format="html", standfirst=body,
                         blocks=[Block(kind="paragraph", text=body)]))
    out = render(art, "text")
    assert "  standfirst: the body opens with the same text, kept there once — “Le conseil" in out
    assert "paragraph 1:" not in out


def test_event_name_says_the_type_and_the_code() -> None:
    assert event_name(Event.model_construct(type="ACCUSE", cameo="112")) == "ACCUSE (accuse, criticise) · CAMEO 112"
    assert event_name(Event.model_construct(type="NEWTYPE", cameo=None)) == "NEWTYPE"


def test_every_name_has_words() -> None:
    """Each flag, boilerplate category and PLOVER type veille can produce has its plain words."""
    words = _words()
    quality = resources.files("veille.repair").joinpath("quality.py").read_text("utf-8")
    flags = set(re.findall(r'out\.append\("(\w+)"\)', quality)) | set(PIPELINE_FLAGS) | {REPLACED}
    assert flags and not flags - set(words["flags"])
    rules = json.loads(resources.files("veille.repair").joinpath("data/boilerplate.json").read_text("utf-8"))
    assert not {r["category"] for r in rules["rules"]} - set(words["categories"])
    types = set()
    for lang in ("fr", "en"):
        lexicon = json.loads(resources.files("veille.understand").joinpath(f"data/events/{lang}.json").read_text("utf-8"))
        types |= {t["type"] for t in lexicon["triggers"]}
    assert types and not types - set(words["plover"])
