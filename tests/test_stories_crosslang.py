"""Stories across languages: a French and an English report of one event meet through
what does not depend on the language (actor and place ids, event keys, days, numbers,
names); another event of the same kind, the same day, with a participant in common,
stays apart in both languages.

The four reports are written for this test: Paris and Berlin each receive the Ukrainian
president on the same Friday and sign a security agreement (same PLOVER types, Zelensky
in both)."""

from __future__ import annotations

import itertools

import pytest

from veille import analyze_text
from veille.link.stories import StoryClusterer, StoryOptions, cluster, profile
from veille.link.stories import _numbers as numbers
from veille.model import Article
from veille.options import Options

PARIS_EN = (
    "Macron hosts Zelensky in Paris, pledges 3 billion euros in military aid\n\n"
    "French President Emmanuel Macron received Ukrainian President Volodymyr Zelensky at the Elysee Palace in Paris "
    "on Friday. The two leaders signed a ten-year security agreement under which France will provide up to 3 billion "
    "euros in additional military aid to Ukraine this year. \"France will stand by Ukraine for as long as it takes,\" "
    "Macron told a joint news conference. Zelensky said the agreement would help Ukraine defend Kharkiv and Odesa "
    "against Russian missile strikes.\n\n"
    "The visit comes as Kyiv's forces face shortages of artillery shells along the front line, and as aid from "
    "Washington remains blocked in Congress. Officials in Paris said the first deliveries would include Caesar "
    "howitzers and long-range cruise missiles, with training for Ukrainian crews to begin next month. Opposition "
    "lawmakers asked the government to put the agreement to a vote in parliament, while the prime minister "
    "defended it as a matter of European security.")
PARIS_FR = (
    "Macron reçoit Zelensky à Paris et promet 3 milliards d'euros d'aide militaire\n\n"
    "Le président Emmanuel Macron a reçu vendredi à l'Élysée, à Paris, le président ukrainien Volodymyr Zelensky. "
    "Les deux dirigeants ont signé un accord de sécurité de dix ans prévoyant jusqu'à 3 milliards d'euros d'aide "
    "militaire supplémentaire de la France à l'Ukraine cette année. « La France se tiendra aux côtés de l'Ukraine "
    "aussi longtemps qu'il le faudra », a déclaré Emmanuel Macron lors d'une conférence de presse commune. Selon "
    "Volodymyr Zelensky, cet accord aidera l'Ukraine à défendre Kharkiv et Odessa contre les frappes de missiles russes.\n\n"
    "Cette visite intervient alors que l'armée ukrainienne manque d'obus d'artillerie sur le front et que l'aide "
    "américaine reste bloquée au Congrès. Selon l'entourage du chef de l'État, les premières livraisons comprendront "
    "des canons Caesar et des missiles de croisière à longue portée, et la formation des équipages ukrainiens "
    "commencera le mois prochain. L'opposition a réclamé un vote du Parlement sur cet accord, que le gouvernement "
    "présente comme une question de sécurité européenne.")
BERLIN_EN = (
    "Scholz hosts Zelensky in Berlin, signs security pact\n\n"
    "German Chancellor Olaf Scholz received Ukrainian President Volodymyr Zelensky in Berlin on Friday. The two "
    "leaders signed a security agreement under which Germany will deliver 7 billion euros of weapons to Ukraine, "
    "including air-defence systems. Scholz said Germany would keep supporting Ukraine against the Russian invasion.")
BERLIN_FR = (
    "Olaf Scholz reçoit Volodymyr Zelensky à Berlin\n\n"
    "Le chancelier allemand Olaf Scholz a reçu vendredi à Berlin le président ukrainien Volodymyr Zelensky. Les deux "
    "dirigeants ont signé un accord de sécurité : l'Allemagne livrera pour 7 milliards d'euros d'armes à l'Ukraine, "
    "dont des systèmes de défense aérienne. Olaf Scholz a assuré que l'Allemagne continuerait de soutenir l'Ukraine "
    "face à l'invasion russe.")


@pytest.fixture(scope="module")
def reports() -> dict[str, Article]:
    """The four reports, published the same day by four outlets, each analysed in its language."""
    texts = {"paris_en": (PARIS_EN, "en"), "paris_fr": (PARIS_FR, "fr"),
             "berlin_en": (BERLIN_EN, "en"), "berlin_fr": (BERLIN_FR, "fr")}
    return {k: analyze_text(text, f"outlet-{k}", Options(published="2024-02-16", language=lang))
            for k, (text, lang) in texts.items()}


def test_french_and_english_reports_share_language_independent_evidence(reports: dict[str, Article]) -> None:
    en, fr = profile(reports["paris_en"]), profile(reports["paris_fr"])
    assert (en.language, fr.language) == ("en", "fr")
    assert not set(en.terms) & {"recu", "president"} and "reçu" not in fr.terms  # words stay in their language
    shared = set(en.evidence) & set(fr.evidence)
    assert {"@Q3052772", "@Q3874799"} <= shared  # Emmanuel Macron, Volodymyr Zelensky: actor ids
    assert "@geonames:2988507" in shared  # Paris: a place id
    assert "%CONSULT|Q3052772|Q3874799" in shared  # the meeting: type and participants
    assert "~2024-02-16" in shared  # "on Friday" / "vendredi", resolved against the publication date
    assert {"$zelensky", "$kharkiv"} <= shared  # names spelt alike


def test_a_french_report_joins_the_english_story_of_its_event_in_every_order(reports: dict[str, Article]) -> None:
    for order in itertools.permutations(reports):
        clusterer = StoryClusterer()
        story = {k: clusterer.add(reports[k]) for k in order}
        assert story["paris_en"] == story["paris_fr"], order
        assert story["berlin_en"] == story["berlin_fr"], order
        assert story["paris_en"] != story["berlin_en"], order  # same kind, same day, Zelensky in both: apart
    ids = cluster(list(reports.values()))
    assert ids[0] == ids[1] != ids[2] == ids[3]


def test_without_evidence_the_languages_do_not_meet(reports: dict[str, Article]) -> None:
    """The words alone cannot join the languages: the evidence is what does it."""
    clusterer = StoryClusterer(StoryOptions(cross_threshold=0.0))
    assert clusterer.add(reports["paris_en"]) != clusterer.add(reports["paris_fr"])


def test_the_same_event_a_month_later_is_another_story(reports: dict[str, Article]) -> None:
    later = analyze_text(PARIS_FR, "outlet-later", Options(published="2024-03-20", language="fr"))
    clusterer = StoryClusterer()
    first = clusterer.add(reports["paris_en"])
    assert clusterer.add(later) != first


def test_numbers_are_spelt_alike_in_both_languages() -> None:
    assert numbers("957.948 morts, 6,1 de magnitude, 7 000 cas") == {"957948", "6.1", "7000"}
    assert numbers("957,948 deaths, magnitude 6.1, 7,000 cases") == {"957948", "6.1", "7000"}
    assert numbers("3 billion, in 2024, 12 people") == {"2024", "12"}  # one digit says nothing
