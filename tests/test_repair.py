"""Repair on articles this team wrote, with the reference's defects in other words."""

from __future__ import annotations

import pytest

import veille
from veille.options import Options
from veille.repair import repair
from veille.repair.boilerplate import classify
from veille.repair.repeats import find_repeats
from veille.repair.structure import attribution, breadcrumb, is_heading

from conftest import SAMPLES


def blocks_of(article, kind):
    return [b for b in article.blocks if b.kind == kind]


@pytest.fixture(scope="module")
def dakar():
    return veille.analyze(str(SAMPLES / "fr-visite-dakar.txt"))


@pytest.fixture(scope="module")
def brussels():
    return veille.analyze(str(SAMPLES / "en-eu-summit.txt"))


def test_french_sample_structure(dakar):
    assert dakar.section == ["Monde", "Afrique"]
    assert dakar.title.startswith("Macron À Dakar")
    assert dakar.standfirst.startswith("Emmanuel Macron est arrivé lundi")
    assert [b.text for b in blocks_of(dakar, "heading")] == [
        "Un dialogue centré sur la sécurité", "Des accords commerciaux attendus",
        "Une mémoire encore sensible", "Un calendrier serré",
    ]
    quotes = blocks_of(dakar, "quote")
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Emmanuel Macron", None), ("Bassirou Diomaye Faye", "président du Sénégal"),
    ]
    assert dakar.language == "fr"


def test_french_sample_removals(dakar):
    kinds = [r.kind for r in dakar.removed]
    assert kinds.count("repeat") == 11
    assert kinds.count("navigation") == 1
    bio = [r for r in dakar.removed if r.kind == "boilerplate"]
    assert len(bio) == 1 and "author_bio" in bio[0].reason and "subscription" in bio[0].reason
    texts = [b.text for b in dakar.blocks]
    assert len(texts) == len(set(texts))
    assert texts[-1].startswith("Les observateurs jugeront")
    assert {"repeated_content", "repeated_block", "promotional_footer"} <= set(dakar.quality.flags)


def test_english_sample(brussels):
    assert brussels.section == ["World", "Europe"]
    assert brussels.language == "en"
    quotes = blocks_of(brussels, "quote")
    assert [(q.speaker, q.speaker_role) for q in quotes] == [
        ("Volodymyr Zelensky", None), ("Donald Tusk", "Prime Minister of Poland"),
    ]
    reasons = [r.reason for r in brussels.removed if r.kind == "boilerplate"]
    assert reasons == ["share", "subscription"]
    repeats = [r for r in brussels.removed if r.kind == "repeat"]
    assert len(repeats) == 6
    assert sum(b.text.startswith("The last summit") for b in brussels.blocks) == 1


def test_offsets_point_into_clean_text(brussels):
    text = brussels.text
    assert brussels.blocks
    for block in brussels.blocks:
        assert text[block.start:block.end] == block.text


def test_near_exact_repeats_use_normalised_text():
    units = [
        "Le gouvernement a annoncé « un plan d’urgence » pour les agriculteurs touchés.",
        "Autre paragraphe, tout à fait différent du premier et assez long.",
        "Le  gouvernement a annoncé \"un plan d'urgence\" pour les agriculteurs touchés !",
    ]
    assert [(r.index, r.first) for r in find_repeats(units)] == [(2, 0)]


def test_short_lines_recur_unless_in_a_block():
    units = [
        "Premier long paragraphe qui ouvre l'article et dit quelque chose.",
        "Jean Dupont",
        "Deuxième long paragraphe, sur un tout autre sujet que le premier.",
        "Jean Dupont",
        "Troisième paragraphe, lui aussi long, avec encore d'autres mots.",
    ]
    assert find_repeats(units) == []
    repeated = units + units[1:3]
    reps = find_repeats(repeated)
    assert [r.index for r in reps] == [5, 6]
    assert all(r.block_size == 2 for r in reps)


def test_keeps_first_of_repeated_paragraph_in_place():
    text = "\n\n".join([
        "Titre Sans Point",
        "Un chapô qui résume l'article en une vingtaine de mots pour que le lecteur sache de quoi il est question.",
        "Premier paragraphe du corps de l'article, avec des faits et des chiffres précis.",
        "Deuxième paragraphe, qui développe une autre idée importante pour la suite.",
        "Premier paragraphe du corps de l'article, avec des faits et des chiffres précis.",
        "Troisième paragraphe qui conclut l'article de façon nette et claire.",
    ])
    article = veille.analyze_text(text)
    assert [b.text[:9] for b in article.blocks] == ["Premier p", "Deuxième ", "Troisième"]
    assert [r.position for r in article.removed] == [4]


@pytest.mark.parametrize("line, crumbs", [
    ("ActualitésInternational", ["Actualités", "International"]),
    ("Accueil > Monde > Europe", ["Monde", "Europe"]),
    ("News / Politics", ["News", "Politics"]),
    ("Le président a parlé.", None),
    ("Emmanuel Macron", None),
])
def test_breadcrumb(line, crumbs):
    assert breadcrumb(line) == crumbs


@pytest.mark.parametrize("line, expected", [
    ("Vladimir Poutine", ("Vladimir Poutine", None)),
    ("— Angela Merkel", ("Angela Merkel", None)),
    ("Charles de Gaulle, président de la République", ("Charles de Gaulle", "président de la République")),
    ("Un allié fidèle mais pas inconditionnel", None),
    ("Il a dit que tout allait bien, selon lui.", None),
    ("Dana Whitlock, a nurse in Brookfield, said officials have “ignored” the staff.", None),
    ("Marc Dupuis, cependant, a dit être « très ému » par l'annonce.", None),
    ("Paul Martin, a nurse at the county hospital", ("Paul Martin", "a nurse at the county hospital")),
    # a sentence about a person is no signature: folded into the quote before it, its text was lost
    ("Paul Martin, a nurse at the county hospital, said managers have “ignored” the staff.", None),
    ("Paul Martin, a nurse at the county hospital, said managers ignored them.", None),
    ("Jeanne Roux, maire de Vernon, a déclaré son inquiétude.", None),
    ("Jane Doe, a nurse at the city hospital, said the wards were full.", None),
    ("On Monday, two guards were arrested, and one was charged with theft.", None),
    ("Jane Doe, chief economist, Acme Bank", ("Jane Doe", "chief economist, Acme Bank")),
])
def test_attribution(line, expected):
    assert attribution(line) == expected


@pytest.mark.parametrize("paragraphs, kept", [
    (["Les enseignants ont manifesté jeudi devant le rectorat de Vernon.", "« Nous ne lâcherons rien », a-t-elle dit.",
      "Paul Martin, professeur au lycée Jean-Moulin, a dénoncé des classes surchargées.", "Le rectorat n'a pas répondu."],
     "classes surchargées"),
    (["Teachers marched on Thursday in Vernon.", "“What a shame that it takes a strike to get this,” she said.",
      "Paul Martin, a teacher at Vernon High School, said politicians have “vilified” educators.", "The board did not answer."],
     "vilified"),
])
def test_a_sentence_after_a_quote_is_not_taken_for_its_signature(paragraphs, kept):
    from veille.read import read_raw
    from veille.read.source import Raw

    art = repair(read_raw(Raw("\n\n".join(paragraphs).encode("utf-8"), "<test>"), Options()))
    assert kept in art.text


def test_heading_shape():
    assert is_heading("Vers un renforcement des liens ?")
    assert not is_heading("Une phrase complète qui se termine par un point.")


@pytest.mark.parametrize("line, category", [
    ("Lire aussi : la réforme des retraites adoptée", "related_link"),
    ("Read more: Five things to know about the vote", "related_link"),
    ("Partager sur Facebook", "share"),
    ("Nous utilisons des cookies pour améliorer votre expérience.", "cookies"),
    ("Abonnez-vous pour lire la suite de cet article.", "subscription"),
    ("Advertisement", "sponsoring"),
])
def test_boilerplate_anywhere(line, category):
    units = ["Paragraphe d'ouverture."] * 4 + [line] + ["Paragraphe de fin."] * 4
    assert category in classify(units)[4]


def test_edge_rules_leave_the_middle_alone():
    units = ["Intro."] * 4 + ["Pour toute question, contactez-nous au ministère, a précisé le porte-parole."] + ["Fin."] * 4
    assert 4 not in classify(units)
    assert "sponsoring" in classify(units[:5])[4]


def test_nothing_is_lost():
    """Every raw unit is either in the output (title, standfirst, blocks, speakers) or in removed."""
    article = veille.analyze(str(SAMPLES / "fr-visite-dakar.txt"))
    raw = [ln.strip() for ln in (SAMPLES / "fr-visite-dakar.txt").read_text("utf-8").splitlines() if ln.strip()]
    kept = {article.title, article.standfirst, *(b.text for b in article.blocks)}
    kept |= {", ".join(x for x in (b.speaker, b.speaker_role) if x) for b in article.blocks if b.kind == "quote"}
    removed = {r.text for r in article.removed}
    assert all(line in kept or line in removed for line in raw)


def test_glued_paragraphs_are_cut_apart_and_nothing_is_lost() -> None:
    """Scraped text that lost its paragraph breaks ('jeudi.Le', a heading glued to its
    paragraph) is cut back into paragraphs; every word stays, brands and domains are left alone."""
    from veille.pipeline import analyze_text
    from veille.options import Options

    text = ("Le ministre est arrivé jeudi.Le président l'a reçu à l'Élysée pendant une heure."
            "\"Nous avons avancé\", a-t-il dit.Des blessés et des évacuationsDix personnes ont été "
            "blessées selon actu.orange.fr et son iPhone.M. Dupont a porté plainte.")
    art = analyze_text(text, options=Options(understand=False))
    texts = [b.text for b in art.blocks]
    assert texts[0] == "Le ministre est arrivé jeudi."
    assert "Le président l'a reçu à l'Élysée pendant une heure." in texts
    assert any(t.startswith('"Nous avons avancé"') for t in texts)
    assert "Des blessés et des évacuations" in texts
    assert any(t.startswith("Dix personnes ont été blessées selon actu.orange.fr et son iPhone.") for t in texts)
    assert texts[-1] == "M. Dupont a porté plainte."
    assert "".join(texts).replace(" ", "") == text.replace(" ", "")


def test_a_heading_in_capitals_glued_to_its_paragraph_is_cut_off_and_acronyms_are_left_alone() -> None:
    """'EFFROI DES ÉLUS LOCAUXLaurent Fabius': scraping glued a heading in capitals to the
    paragraph after it; an acronym glued to a word ('l'OTANLe') or a heading with no sentence
    end before it is left as it is."""
    from veille.repair.glue import split_glued

    assert split_glued("Il a parlé. EFFROI DES ÉLUS LOCAUXLaurent Dubois a réagi.") == \
        ["Il a parlé.", "EFFROI DES ÉLUS LOCAUX", "Laurent Dubois a réagi."]
    assert split_glued('fin." DUPONT : "C\'EST LA FRANCE QUI EST TOUCHÉE"Dans les rangs') == \
        ['fin."', 'DUPONT : "C\'EST LA FRANCE QUI EST TOUCHÉE"', "Dans les rangs"]
    assert split_glued("Fin. UN « MARTYR »D'autres élus ont parlé.") == ["Fin.", "UN « MARTYR »", "D'autres élus ont parlé."]
    assert split_glued("un accord de l'OTANLe président") == ["un accord de l'OTANLe président"]
    assert split_glued("la COVID-19 et le SRAS.") == ["la COVID-19 et le SRAS."]


def test_a_sentence_opening_with_an_elided_word_or_a_lone_a_is_cut_from_the_glued_one_before() -> None:
    """'explique-t-elle.A partir de', 'la mesure.L'enquête', 'premièreS'il': the cut is made as for
    'jeudi.Le'; initials and abbreviations stay whole."""
    from veille.repair.glue import split_glued

    assert split_glued("« Oui », dit-elle.A partir de lundi, tout change.") == ["« Oui », dit-elle.", "A partir de lundi, tout change."]
    assert split_glued("Il a signé la mesure.L'enquête continue.") == ["Il a signé la mesure.", "L'enquête continue."]
    assert split_glued("Une rencontre inédite.C'est une première.") == ["Une rencontre inédite.", "C'est une première."]
    assert split_glued("Pas une premièreS'il le faut, il recommencera.") == ["Pas une première", "S'il le faut, il recommencera."]
    assert split_glued("Il vit à Paris.À Lyon, il pleut.") == ["Il vit à Paris.", "À Lyon, il pleut."]
    assert split_glued("Le rapport de M. A. Dupont.") == ["Le rapport de M. A. Dupont."]
    assert split_glued("Les J.O. d'hiver et la U.S. Army.") == ["Les J.O. d'hiver et la U.S. Army."]


def test_a_quoted_heading_glued_to_its_paragraph_is_cut_off() -> None:
    """'"Un élu engagé"Le sénateur …': a closing mark that runs into a capitalised word ends a
    quoted heading; a mark that opens a quotation ('le mot"Liberté"') is left alone."""
    from veille.repair.glue import split_glued

    assert split_glued('Il a parlé. "Un élu engagé"Le sénateur a rendu hommage.') == \
        ['Il a parlé. "Un élu engagé"', "Le sénateur a rendu hommage."]
    assert split_glued("« Je reste de droite »L'Express le confirme.") == ["« Je reste de droite »", "L'Express le confirme."]
    assert split_glued('Il a écrit le mot"Liberté" sur le mur.') == ['Il a écrit le mot"Liberté" sur le mur.']


def test_a_heading_between_dashes_glued_between_two_paragraphs_is_cut_off() -> None:
    """'… 200 morts.- « Grand ami » -Le ministre …': a scraped intertitle between dashes, glued to
    the sentence end before it and to the capital after it, is its own paragraph; dashes inside
    a sentence stay."""
    from veille.repair.glue import split_glued

    assert split_glued('La crue a fait 200 morts.- "Grand ami" -Le ministre Paul Roy s\'est dit attristé.') == \
        ["La crue a fait 200 morts.", '- "Grand ami" -', "Le ministre Paul Roy s'est dit attristé."]
    assert split_glued("Il pleut à Lyon. - Appels au calme -\"Restez chez vous\", a-t-il dit.") == \
        ["Il pleut à Lyon.", "- Appels au calme -", "\"Restez chez vous\", a-t-il dit."]
    assert split_glued("Il coûte 3 - 4 euros. Il a dit - pas vraiment - que Jean-Marc viendra.") == \
        ["Il coûte 3 - 4 euros. Il a dit - pas vraiment - que Jean-Marc viendra."]
