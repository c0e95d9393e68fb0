"""Actor links that know what they link, on sentences this team wrote: a word stressed in
capitals is no acronym, a person glued after another name is a person, the capital of the
United States by its full name."""

from __future__ import annotations

from veille.model import Article
from veille.options import Options
from veille.repair import clean_article
from veille.understand import understand
from veille.understand.actor_table import load_actor_table


def run(text: str, lang: str, published: str | None = "2024-11-27") -> Article:
    return understand(clean_article(text.split("\n\n"), "<test>", lang, published), Options(language=lang))


def links(art: Article) -> dict[str, str | None]:
    return {e.text: e.actor_id for e in art.entities}


def test_a_capital_named_for_its_government_stays_the_state():
    art = run("Moscou a dénoncé mardi les sanctions décidées par les Européens.", "fr")
    assert links(art)["Moscou"] == "Q159"


def test_a_word_stressed_in_capitals_is_no_acronym():
    """'IS' is a verb to the tagger: the group only where the article names it otherwise too."""
    art = run("So now you know that there IS a new bakery in the old town.", "en")
    assert "IS" not in links(art)
    art = run("The Islamic State group attacked the village. Fighters of IS killed four men.", "en")
    assert links(art).get("IS") == "veille:org:islamic-state"


def test_a_person_glued_after_a_media_name_is_a_person():
    art = run("L'accord a été critiqué dimanche par le chroniqueur de Radio Lumière Frédéric Dalbon. "
              "Il a dénoncé un texte flou.", "fr")
    people = [e.text for e in art.entities if e.label in ("PER", "PERSON")]
    assert "Frédéric Dalbon" in people or not any("Dalbon" in e.text for e in art.entities)
    assert not any(e.text.endswith("Frédéric Dalbon") and e.label not in ("PER", "PERSON") for e in art.entities)


def test_a_body_named_after_a_person_is_not_split():
    from veille.understand.actors import _person_after_name
    from veille.understand.coref import first_names, fold
    from veille.understand.nlp import load_pipeline
    from veille.options import Options as _Options

    nlp = load_pipeline(_Options().pipelines["fr"])
    doc = nlp("Elle a reçu le prix à la Fondation Jean Dufresnoy puis sur Radio Lumière Marc Lavigne.")
    found = lambda words: _person_after_name(doc[words[0]:words[1]], first_names(), fold)  # noqa: E731
    toks = [t.text for t in doc]
    fondation = (toks.index("Fondation"), toks.index("Dufresnoy") + 1)
    radio = (toks.index("Radio"), toks.index("Lavigne") + 1)
    assert found(fondation) is None
    person = found(radio)
    assert person is not None and person.text == "Marc Lavigne"


def test_the_capital_of_the_united_states_by_its_full_name():
    table = load_actor_table()
    row = table.by_id("geonames:4140963")
    assert "Washington, D.C." in row.row["names"]["en"]
    art = run("The senator flew back to Washington, D.C. on Monday.", "en")
    assert any(e.actor_id == "geonames:4140963" for e in art.entities)


def test_a_person_ends_at_their_possessive():
    art = run("Governor Ellen Marrow spoke on Monday. Marrow’s 2016 campaign had promised raises to teachers.", "en")
    people = {e.text for e in art.entities if e.label in ("PER", "PERSON")}
    assert not any("2016" in p for p in people)
    marrow = [m for m in art.mentions if m.text.startswith("Marrow")]
    assert all(m.name == "Ellen Marrow" for m in marrow)


def test_an_undated_article_holds_its_offices_at_the_last_day_it_writes():
    from datetime import date

    from veille.understand.actors import reference_day

    assert reference_day(["The talks of March 2, 2013 failed.", "They met again on March 14, 2013."], "en") == date(2013, 3, 14)
    assert reference_day(["Elle est née en 1974."], "fr") is None  # a bare year is often history
    assert reference_day(["Les ventes de juin 2018 ont chuté."], "fr") == date(2018, 6, 15)
    assert reference_day(["It will open on May 1, 2999."], "en", today=date(2025, 1, 1)) is None
    text = "On March 14, 2013, the Iranian president addressed the assembly in Tehran."
    undated = run(text, "en", None)
    assert "Mahmoud Ahmadinejad" in {a.name for a in undated.actors if a.type == "person"}
    assert not any(e.date.value for e in undated.events if e.date.value and len(e.date.value) > 10)


def test_a_title_names_the_office_that_bears_it():
    """'le président iranien' is the president, not the Supreme Leader who heads the state;
    'le président allemand' (a federal president) is still the head of state."""
    art = run("Le président iranien a prononcé un discours à Téhéran.", "fr", "2013-03-14")
    assert {a.name for a in art.actors if a.type == "person"} == {"Mahmoud Ahmadinejad"}
    art = run("Le président allemand a reçu mardi des élus.", "fr", "2024-11-27")
    assert {a.name for a in art.actors if a.type == "person"} == {"Frank-Walter Steinmeier"}
    art = run("The Iranian president addressed the assembly in Tehran.", "en", "2025-03-14")
    assert {a.name for a in art.actors if a.type == "person"} == {"Masoud Pezeshkian"}


def test_an_institution_many_countries_have_is_the_tables_only_in_an_article_about_its_country():
    text = ("À Dakar, l'Assemblée nationale a adopté mardi une loi sur la pêche. "
            "Les députés sénégalais ont siégé toute la nuit à Dakar.")
    assert "veille:org:assemblee-nationale" not in set(links(run(text, "fr")).values())
    text = "À Paris, l'Assemblée nationale a adopté mardi une loi sur la pêche."
    assert "veille:org:assemblee-nationale" in set(links(run(text, "fr")).values())
    text = ("The Supreme Court in New Delhi banned firecrackers on Tuesday. "
            "Delhi's air was the worst in India this week.")
    assert "veille:org:us-supreme-court" not in set(links(run(text, "en", None)).values())
    text = "In Washington, the Supreme Court heard the case on Tuesday. American lawyers argued for hours."
    assert "veille:org:us-supreme-court" in set(links(run(text, "en", None)).values())
    text = "À Dakar, le Bundestag a été cité en exemple par les députés sénégalais réunis à Dakar."
    assert "Bundestag" in links(run(text, "fr"))  # a name of its own, whatever the article's country


def test_a_newspaper_named_by_the_last_words_of_a_longer_name_is_that_one():
    """'The Times' after 'The New York Times' is the New York paper; after a paper the table
    does not hold ('the Harbour City Times'), no paper of the table; alone, the London one."""
    art = run("The New York Times reported the sale on Monday. The Times said the deal was closed.", "en")
    assert links(art)["The Times"] == "veille:org:nyt"
    art = run("The Harbour City Times reported the sale on Monday. The Times said the deal was closed.", "en")
    assert links(art).get("The Times") is None
    art = run("The minister wrote in The Times on Monday that the deal was closed.", "en")
    assert links(art)["The Times"] == "veille:org:the-times"


def test_a_surname_in_a_heading_in_capitals_is_the_person_the_article_names_in_full():
    art = run("Barack Obama warned his party on Friday.\n\nHOW WILL OBAMA PLAY?\n\nWHO WILL WIN?", "en", "2019-11-20")
    got = links(art)
    assert got.get("OBAMA") == "Q76"
    assert "WHO" not in got


def test_a_seat_of_power_after_a_word_of_stance_is_the_government():
    """'l'opposant au Kremlin', 'proche de Pékin': a stance towards the government, though
    'au' places things elsewhere ('au Kremlin' is the place)."""
    art = run("Le principal opposant au Kremlin a été arrêté mardi.", "fr")
    assert links(art)["Kremlin"] == "Q159"
    art = run("Le sommet se tiendra au Kremlin mardi.", "fr")
    assert links(art)["Kremlin"] == "veille:place:kremlin"


def test_a_surname_the_article_gives_with_another_first_name_is_not_the_tables_person():
    """The table's Persson is Göran Persson; an article about Anna-Lena Persson, a lawyer,
    means her by 'Persson' alone, with or without a publication date."""
    text = "The appeal was filed on Monday by Anna-Lena Persson, a lawyer in Malmo. Persson said she would go on."
    for published in ("2024-11-27", None):
        art = run(text, "en", published)
        assert all(e.actor_id != "veille:person:goran-persson" for e in art.entities)
        assert all(a.id != "veille:person:goran-persson" for a in art.actors)


def test_a_name_the_ner_takes_for_an_organisation_is_a_person_by_its_context():
    """Coordinated with people, described by a person noun, or given an age."""
    def labels(text: str) -> dict[str, str]:
        return {e.text: e.label for e in run(text, "en").entities}

    assert labels("The label manages Tom Hale, Lea Moran and Ariana Grande.")["Ariana Grande"] == "PERSON"
    assert labels("Tariffs hurt farmers, said Eswar Prasad, a trade professor at Cornell.")["Eswar Prasad"] == "PERSON"
    assert labels("Zubin Amrit, 41, was arrested on Monday.")["Zubin Amrit"] == "PERSON"
    # a fronted source, not an apposition: the mayor is the next clause's subject
    art = run("Selon Radio Bocage, le maire a commandé des vins fins.", "fr")
    assert all(e.label not in ("PER", "PERSON") for e in art.entities if "Bocage" in e.text)


def test_a_title_before_a_name_is_that_person_not_the_tables_office_holder():
    """The name after a title says who holds it: no other holder from the table; when they
    agree, title and name are one mention; a surname that is a title word is no title."""
    art = run("Australian Prime Minister Scott Morrison said on Monday that the talks would resume.", "en")
    assert [a.name for a in art.actors] == ["Scott Morrison"]
    art = run("Indian Prime Minister Narendra Modi said on Monday that the talks would resume.", "en")
    assert [(a.name, [m.text for m in a.mentions]) for a in art.actors] == \
        [("Narendra Modi", ["Indian Prime Minister Narendra Modi"])]
    art = run("The hostages, American Kevin King and Australian Tim Weeks, were freed on Tuesday.", "en")
    assert all(a.type != "person" or "King" in a.name for a in art.actors)


def test_the_city_of_an_embassy_is_part_of_its_name():
    """'the Ruritanian Embassy in Vienna': the embassy's name, not a mention of the city."""
    art = run("The activist was taken out of the Ruritanian Embassy in Vienna by the police on Friday.", "en")
    assert links(art).get("Vienna") is None


def test_bare_emirates_is_the_airline_not_the_state():
    """In English the state is 'the Emirates' (or the UAE); 'Emirates' alone, as a
    subject, is the airline named after it."""
    assert links(run("Emirates Airline ordered 30 jets on Wednesday. Emirates is the largest buyer of the plane.", "en")) \
        .get("Emirates") is None
    assert links(run("Officials in the Emirates said on Monday that the talks would resume.", "en"))["the Emirates"] == "Q878"
    # 'the' is the fleet's: 'the Emirates fleet' is the airline's fleet
    assert links(run("Clark revealed plans to expand the Emirates fleet by 30% by 2025.", "en")).get("Emirates") is None


def test_a_title_before_the_holders_name_spelt_another_way_is_still_the_holder():
    """'le président iranien Hassan Rohani': the table's Hassan Rouhani, whose French name it is."""
    art = run("Emmanuel Macron s'est entretenu le 7 janvier 2020 avec le président iranien Hassan Rohani.", "fr", "2020-01-07")
    assert "veille:person:hassan-rouhani" in {a.id for a in art.actors}


def test_a_name_right_after_a_person_noun_is_a_person_also_when_tagged_as_a_place():
    """'the socialite, Ada Lagos': a lower-case person noun right before a name (with or
    without a comma) makes it a person's, even one the NER took for a place or company."""
    art = run("Guests were invited by the socialite, Ada Lagos.", "en")
    assert {e.text: e.label for e in art.entities}.get("Ada Lagos") == "PERSON", [(e.text, e.label) for e in art.entities]
    art = run("The flights resumed at Lagos airport on Monday.", "en")
    assert all(e.label != "PERSON" for e in art.entities)


def test_more_person_nouns_resolve_descriptions():
    """'the quarterback', 'the meteorologist', 'the socialite' describe people."""
    art = run("Dan Kowalski threw three touchdowns on Sunday. The quarterback later thanked the fans.", "en")
    assert [m.name for m in art.mentions if m.text == "The quarterback"] == ["Dan Kowalski"]


def test_a_capital_beating_another_city_is_its_team_not_its_government():
    """'Ottawa held on to beat Detroit': the subject of a sports contest verb is the city's
    team; 'Ottawa announced sanctions' is Canada."""
    art = run("Senators 5, Bruins 2: Ottawa held on to beat Boston on Saturday night.\n\n"
              "Ottawa announced new sanctions against Moscow on Monday.", "en")
    ottawa = [(e.span.start, e.actor_id) for e in art.entities if e.text == "Ottawa"]
    canada = [m.start for a in art.actors if a.id == "Q16" for m in a.mentions]
    assert len(canada) == 1 and canada[0] > 60, (ottawa, canada)


def test_a_person_glued_to_an_acronym_or_to_the_complement_of_a_title_is_a_person():
    """The NER may run a name on from what stands before it: 'à l'AFP Dariush Belhadji' (an
    acronym, whatever the first name), 'le porte-parole de la Fédération Yanis Korbel' (the
    complement of a person noun): the last capitalised words are the person."""
    from spacy.tokens import Span

    from veille.options import Options as _Options
    from veille.understand.actors import _name_after_title, _person_after_name
    from veille.understand.coref import first_names, fold
    from veille.understand.nlp import load_pipeline

    nlp = load_pipeline(_Options().pipelines["fr"])
    doc = nlp("Le bilan reste provisoire, a déclaré à l'AFP Dariush Belhadji, responsable des secours.")
    toks = [t.text for t in doc]
    glued = Span(doc, toks.index("AFP"), toks.index("Belhadji") + 1, label="MISC")
    person = _person_after_name(glued, first_names(), fold)
    assert person is not None and person.text == "Dariush Belhadji"
    art = run("Le porte-parole du ministère de la Défense Kianouche Farhadi a démenti l'information.", "fr")
    people = [e.text for e in art.entities if e.label in ("PER", "PERSON")]
    assert "Kianouche Farhadi" in people, [(e.text, e.label) for e in art.entities]
    doc = nlp("Le porte-parole du ministère de la Défense a démenti l'information.")
    toks = [t.text for t in doc]
    ministry = Span(doc, toks.index("ministère"), toks.index("Défense") + 1, label="ORG")
    assert _name_after_title(ministry) is None


def test_a_province_a_direction_a_street_and_a_lower_case_adjective_are_not_the_city_or_the_state():
    """'la province de Kaboul', 'les provinces voisines de X et d'Y' are regions, not the cities;
    'à l'ouest de Bagdad' is a place, never Iraq's government, whatever the parser hangs it on;
    'quai des Etats-Unis' is a street; 'une radio suisse' is an adjective, not Switzerland."""
    from veille.options import Options as _Options
    from veille.understand.actors import _after_direction, _of_region
    from veille.understand.nlp import load_pipeline

    art = run("Des renforts ont été envoyés dans la province de Kaboul mardi.", "fr")
    assert links(art).get("Kaboul") is None, links(art)
    nlp = load_pipeline(_Options().pipelines["fr"])
    doc = nlp("Les secours sont en alerte dans les provinces voisines de Hérat, de Kandahar et Kaboul.")
    toks = [t.text for t in doc]
    assert _of_region(doc[toks.index("Kaboul"):toks.index("Kaboul") + 1])
    doc = nlp("L'explosion a eu lieu à 40 kilomètres à l'ouest de Bagdad, dans la ville de Falloujah.")
    toks = [t.text for t in doc]
    assert _after_direction(doc[toks.index("Bagdad"):toks.index("Bagdad") + 1])
    assert not _of_region(doc[toks.index("Falloujah"):toks.index("Falloujah") + 1])
    art = run("La foule s'est rassemblée sur le quai des Etats-Unis samedi soir.", "fr")
    assert links(art).get("Etats-Unis") is None, links(art)
    art = run("Elle l'a confié jeudi dans une interview diffusée par une radio suisse.", "fr")
    assert links(art).get("suisse") is None, links(art)
    art = run("La Suisse a gelé les avoirs de plusieurs dirigeants jeudi.", "fr")
    assert links(art).get("Suisse") == "Q39", links(art)


def test_a_dateline_is_the_city_not_the_government():
    art = run("MADRID (AP) — Spain's parliament approved a housing law on Thursday.", "en")
    assert links(art)["MADRID"] != "Q29"
    assert links(art)["Spain"] == "Q29"


def test_a_title_with_other_words_before_a_country_is_no_office_holder():
    """'the president still thought Norway …': the words between are no part of a title."""
    art = run("The senator said the president still thought Norway would help.", "en")
    assert not any(e.text.startswith("president") for e in art.entities)
    assert all(q.speaker is None or "president" in q.speaker.lower() for q in art.quotes)


def test_an_organisation_acronym_after_a_or_your_is_a_common_noun():
    art = run("Savers may put money into a traditional IRA or into your Roth IRA every year.", "en")
    assert "IRA" not in links(art)
    art = run("The IRA declared a ceasefire in 1994.", "en")
    assert links(art).get("IRA") == "veille:org:ira"


def test_a_capital_before_the_nouns_of_its_own_life_is_the_city():
    art = run("Lisbon's mayor said the trams would run again on Monday.", "en")
    assert links(art).get("Lisbon") != "Q45"
    art = run("Lisbon's decision angered Madrid.", "en")
    assert links(art).get("Lisbon") == "Q45"


def test_a_capital_after_an_english_word_of_stance_is_the_government():
    art = run("Critics say the senator is caving to Ottawa on the pipeline.", "en")
    assert links(art).get("Ottawa") == "Q16"
    art = run("The militia stayed loyal to Moscow.", "en")
    assert links(art).get("Moscow") == "Q159"


def test_a_national_title_with_its_own_complement_is_no_office_holder():
    art = run("The French president of the jury, a film critic, praised the cast.", "en")
    assert not any(a.type == "person" and a.country == "FRA" for a in art.actors)


def test_a_capital_whose_verb_is_about_its_own_life_is_the_city():
    """'Lisbon has been fighting dirty air', 'Lisbon suffered from smog': the verb's object is a
    noun of the city's own life, so its subject is the city; 'Lisbon rejected the offer' is Portugal."""
    art = run("Lisbon has been fighting dirty air for years.", "en")
    assert links(art).get("Lisbon") != "Q45", links(art)
    art = run("Lisbon has also suffered from dangerous smog this winter.", "en")
    assert links(art).get("Lisbon") != "Q45", links(art)
    art = run("Lisbon rejected the offer on Monday.", "en")
    assert links(art).get("Lisbon") == "Q45", links(art)


def test_a_known_first_name_and_a_capitalised_word_the_ner_missed_is_a_person():
    """'Canadian Simon Weeks' (no entity, 'Weeks' read as weeks), 'Alfred Dreyfus' (a
    miscellaneous entity to the French NER): a known first name and a proper noun is a person."""
    art = run("Canadian Simon Weeks was freed on Tuesday after two years in captivity.", "en")
    assert ("Simon Weeks", "PERSON") in [(e.text, e.label) for e in art.entities], art.entities
    art = run("Le documentaire retrace la condamnation subie par Alfred Dreyfus en 1894.", "fr")
    assert ("Alfred Dreyfus", "PER") in [(e.text, e.label) for e in art.entities], art.entities


def test_a_capital_called_so_right_before_its_name_is_the_city():
    """'(dans la capitale) Bamako', 'the capital, Lisbon,': the word that calls it a city makes
    the name the city, even where a government would stand."""
    art = run("En raison de la hausse des cas (dans la capitale) Lisbonne, les transports ont été interdits.", "fr")
    assert links(art).get("Lisbonne") != "Q45", links(art)
    art = run("In the capital, Lisbon, officials closed the schools on Monday.", "en")
    assert links(art).get("Lisbon") != "Q45", links(art)
