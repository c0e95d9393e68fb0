"""Event coverage of common wire-news constructions (sentences written by the team): sense contexts
of several words, military attacks, reciprocal meetings, strikes, praise of acts, arrests, coordinated subjects."""

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


def test_leaders_named_together_meet_or_talk_with_no_target():
    met = understand(clean_article(["Biden and Xi met in Bali on Monday."], "<test>", "en", "2024-11-27"),
                     Options(language="en", event_model=False)).events
    consult = [e for e in met if e.type == "CONSULT"]
    assert consult and not consult[0].recipients and len(consult[0].actors) == 2
    assert "CONSULT" in _types("The two leaders discussed the war in a phone call.")
    assert "CONSULT" not in _types("The committee discussed the budget.")
    assert "CONSULT" not in _types("Students talked about the exam.")


def test_a_counterpart_is_someone_met():
    assert "CONSULT" in _types("The president met his French counterpart in Paris on Tuesday.")
    assert "CONSULT" in _types("Le ministre s'est entretenu mardi avec son homologue russe.", "fr")


def test_a_labour_strike_is_a_protest_and_a_military_one_an_assault():
    assert _types("Workers went on strike on Monday.") == {"PROTEST"}
    assert "ASSAULT" not in _types("The rail strike paralysed the country.")
    assert "ASSAULT" in _types("Russia launched missile strikes on Kyiv.")


def test_a_crowd_counted_in_thousands_protests():
    assert "PROTEST" in _types("Thousands marched through the capital on Saturday.")
    assert "PROTEST" in _types("Hundreds protested outside the parliament.")


def test_praising_or_welcoming_an_act_is_support_with_no_one_needed():
    assert "SUPPORT" in _types("The UN welcomed the ceasefire between the two armies.")
    assert "SUPPORT" in _types("The minister hailed the decision as historic.")
    assert "SUPPORT" not in _types("The mayor welcomed the rain after the long drought.")


def test_the_arrest_of_someone_is_coded_wherever_the_noun_stands_but_not_when_avoided():
    assert "COERCE" in _types("The arrest of the opposition leader on Monday sparked outrage.")
    assert "COERCE" in _types("Police confirmed the arrest of two suspects.")
    assert "COERCE" not in _types("He fled abroad to avoid arrest.")
    assert "COERCE" not in _types("The singer suffered a cardiac arrest on stage.")


def test_a_coordinated_subject_the_parser_split_at_the_root_keeps_both_members():
    article = clean_article(["Le gouvernement et l'opposition ont conclu un accord mardi."], "<test>", "fr", "2024-11-27")
    events = understand(article, Options(language="fr", event_model=False)).events
    agree = [e for e in events if e.type == "AGREE"]
    assert agree and [a.text for a in agree[0].actors] == ["Le gouvernement", "l'opposition"]


def test_blocking_an_avenue_is_a_protest_not_a_refusal():
    assert _types("Des manifestants ont bloqué l'avenue pendant deux heures.", "fr") == {"PROTEST"}


def test_speaking_with_or_hosting_a_leader_is_a_consultation_but_not_speaking_to_reporters():
    assert "CONSULT" in _types("President Biden spoke with Volodymyr Zelensky by phone on Sunday.")
    assert "CONSULT" in _types("Turkish President Recep Tayyip Erdogan hosted Vladimir Putin in Ankara.")
    assert "CONSULT" not in _types("The minister spoke to reporters in Brussels.")
    assert "CONSULT" not in _types("The comedian will host the Oscars next year.")


def test_exchanging_fire_is_a_clash():
    assert "ASSAULT" in _types("Troops from both countries exchanged fire along the border.")


def _fr_events(text: str) -> list:
    return understand(clean_article([text], "<test>", "fr", "2024-11-27"), Options(language="fr", event_model=False)).events


def test_french_hosting_talking_with_a_leader_and_exchanging_fire():
    hosted = [e for e in _fr_events("Recep Tayyip Erdogan a accueilli Vladimir Poutine à Ankara.") if e.type in ("CONSULT", "AID")]
    assert [(e.type, e.cameo) for e in hosted] == [("CONSULT", "043")]
    assert "AID" in _types("La France a accueilli 500 enfants ukrainiens.", "fr")
    assert "CONSULT" in _types("Emmanuel Macron a parlé avec Olaf Scholz lundi.", "fr")
    assert "CONSULT" not in _types("Le journaliste a parlé avec un témoin.", "fr")
    assert "ASSAULT" in _types("Les deux armées ont échangé des tirs à la frontière.", "fr")


def test_a_partner_hung_on_the_verb_s_other_argument_is_still_found():
    talk = [e for e in _fr_events("Emmanuel Macron s'est entretenu au téléphone avec Volodymyr Zelensky dimanche.") if e.type == "CONSULT"]
    assert talk and [r.text for r in talk[0].recipients] == ["Volodymyr Zelensky"]


def test_a_city_the_verb_acts_on_is_where_the_event_happens():
    shelled = [e for e in understand(clean_article(["Russian forces shelled Kharkiv overnight."], "<test>", "en", "2024-11-27"),
                                     Options(language="en", event_model=False)).events if e.type == "ASSAULT"]
    assert shelled and shelled[0].location is not None and shelled[0].location.name == "Kharkiv"
    bombed = [e for e in _fr_events("L'armée israélienne a bombardé Gaza dans la nuit.") if e.type == "ASSAULT"]
    assert bombed and bombed[0].location is not None and bombed[0].location.country == "PSE"


def test_a_span_counted_back_from_publication_dates_the_event():
    from datetime import date

    from veille.dates import find_dates, resolve

    published = date(2024, 11, 27)
    values = {m.text: resolve(m, published).value for m in find_dates("Il y a trois jours, puis il y a deux semaines et il y a un an.", "fr")}
    assert values == {"Il y a trois jours": "2024-11-24", "il y a deux semaines": "2024-11", "il y a un an": "2023"}
    assert [resolve(m, published).value for m in find_dates("It happened 18 months ago.", "en")] == ["2023-05"]
    rejected = [e for e in _fr_events("Il y a deux semaines, le Hamas a rejeté la proposition.") if e.type == "REJECT"]
    assert rejected and rejected[0].date.value == "2024-11"


def _events(text: str, lang: str = "fr") -> list:
    article = clean_article([text], "<test>", lang, "2024-11-27")
    return understand(article, Options(language=lang, event_model=False)).events


def test_a_nominalised_adjective_is_the_one_arrested():
    arrests = [e for e in _events("Un jeune a été interpellé.") if e.type == "COERCE"]
    assert arrests and arrests[0].recipients[0].text == "Un jeune"


def test_a_passive_without_its_own_subject_shares_the_subject_of_its_clause():
    coordinated = _events("Les deux militantes ont tenté de franchir le cordon et ont été aussitôt interpellées.")
    assert [r.text for e in coordinated if e.type == "COERCE" for r in e.recipients] == ["Les deux militantes"]
    infinitive = _events("Après avoir été interpellé, le conducteur a été conduit au commissariat.")
    assert any(e.type == "COERCE" and e.recipients and e.recipients[0].text == "le conducteur" for e in infinitive)
    english = _events("After being arrested, the driver was taken to a police station.", "en")
    assert any(e.type == "COERCE" and e.recipients and e.recipients[0].text == "the driver" for e in english)


def test_what_is_to_be_deplored_is_no_one_deploring():
    assert "ACCUSE" not in {e.type for e in _events("Selon les pompiers, trois blessés sont à déplorer.")}
    assert "ACCUSE" not in {e.type for e in _events("Aucune victime n'est à déplorer.")}
    assert "ACCUSE" in {e.type for e in _events("Le maire a déploré la violence des échanges.")}


def test_a_protest_the_clause_is_about_is_made_by_protesters():
    demo = [e for e in _events("La manifestation s'est déroulée dans le calme samedi à Rennes.") if e.type == "PROTEST"]
    assert demo and demo[0].actors[0].text == "manifestants" and demo[0].actors[0].implied


def test_a_word_of_a_party_s_name_is_no_event():
    assert not _events("Elle est députée de La République en marche depuis 2017.")


def test_people_gathering_protest_and_a_host_gathering_guests_does_not():
    assert "PROTEST" in {e.type for e in _events("Des centaines de personnes se sont rassemblées devant la mairie.")}
    assert "PROTEST" not in {e.type for e in _events("Le concert a rassemblé une foule compacte sur le port.")}
    assert "PROTEST" not in {e.type for e in _events("Le président réunira les chefs de parti lundi.")}


def test_the_latter_and_people_nouns_of_crime_news_are_someone():
    latter = [e for e in _events("Ce dernier a été interpellé un peu plus tard.") if e.type == "COERCE"]
    assert latter and latter[0].recipients[0].text == "Ce dernier"
    assert "COERCE" in {e.type for e in _events("Les autorités ont arrêté plusieurs passeurs.")}
    assert "COERCE" in {e.type for e in _events("Police arrested two smugglers near the border.", "en")}


def test_a_protest_noun_in_the_background_implies_no_protest():
    assert "PROTEST" not in {e.type for e in _events("Le président a esquivé le débat depuis le début des manifestations.")}


def test_an_arrest_noun_with_a_possessive_names_who_is_held():
    held = [e for e in _events("Sa garde à vue pourrait durer 48 heures.") if e.type == "COERCE"]
    assert held and held[0].recipients[0].text == "Sa"


def test_keeping_silence_after_a_charge_is_no_arrest():
    events = _events("Depuis sa mise en examen en mars, l'ancien ministre garde le silence.")
    assert [e.trigger for e in events if e.type == "COERCE"] == ["mise en examen"]  # the charge, not 'garde'

    assert "COERCE" in {e.type for e in _events("Le juge l'a placé en détention provisoire.")}


def test_forces_fighting_each_other_or_an_enemy_clash_and_debaters_do_not():
    assert "ASSAULT" in {e.type for e in _events("Des soldats des deux pays se sont affrontés à la frontière.")}
    assert "ASSAULT" in {e.type for e in _events("L'armée a combattu les rebelles dans le nord du pays.")}
    assert "ASSAULT" not in {e.type for e in _events("Les deux candidats se sont affrontés lors du débat télévisé.")}
    assert "ASSAULT" not in {e.type for e in _events("Le gouvernement veut combattre le chômage.")}


def test_property_attacked_with_no_one_named_is_still_an_attack():
    assert "ASSAULT" in {e.type for e in _events("Une voiture de police a été incendiée dans la nuit.")}
    assert "ASSAULT" in {e.type for e in _events("Le monument a été vandalisé la semaine dernière.")}


def test_a_partner_named_on_the_object_is_the_recipient():
    deal = [e for e in _events("La France a signé un accord avec le Maroc.") if e.recipients]
    assert deal and deal[0].recipients[0].text == "le Maroc"


def test_maintaining_a_claim_is_no_support_and_arguing_in_an_incise_is_no_request():
    assert "SUPPORT" not in {e.type for e in _events("L'infirmière soutient être venue par patriotisme.")}
    assert "SUPPORT" not in {e.type for e in _events("Le maire soutient que la décision est juste.")}
    assert "SUPPORT" in {e.type for e in _events("Le parti soutient le candidat sortant.")}
    assert "REQUEST" not in {e.type for e in _events("« Il n'y a pas eu obstruction », a plaidé le président.")}
    assert "REQUEST" in {e.type for e in _events("Le maire plaide pour une réouverture des commerces.")}


def test_finding_oneself_somewhere_is_no_meeting():
    assert "CONSULT" not in {e.type for e in _events("Elle ne veut pas se retrouver les mains vides.")}
    assert "CONSULT" in {e.type for e in _events("Le ministre a retrouvé son homologue allemand à Berlin.")}


def test_ending_up_in_a_state_or_place_is_no_meeting():
    for text in ("Les locataires se sont retrouvés privés de chauffage.",
                 "Nous risquons de nous retrouver face à une crise sans précédent.",
                 "Les deux frères se sont retrouvés dans une situation impossible."):
        assert not {"CONSULT", "AGREE"} & {e.type for e in _events(text)}, text
    assert "CONSULT" in {e.type for e in _events("Les deux ministres se sont retrouvés à Genève mardi.")}


def test_falling_back_without_yielding_to_anyone_is_no_concession():
    for text in ("Les exportations ont reculé de 4 % au premier trimestre.",
                 "Le candidat cède du terrain dans les intentions de vote.",
                 "Le chômage a encore reculé en mars."):
        assert "CONCEDE" not in {e.type for e in _events(text)}, text
    assert "CONCEDE" in {e.type for e in _events("Le gouvernement a cédé à la pression des syndicats.")}
    assert "CONCEDE" in {e.type for e in _events("Le ministre a reculé devant la colère des agriculteurs.")}


def test_claiming_members_or_a_heritage_is_no_request():
    for text in ("Le syndicat revendique 12 000 adhérents dans la région.",
                 "La députée revendique cet héritage gaulliste.",
                 "Le ministre a poussé un cri d'alarme sur la dette."):
        assert "REQUEST" not in {e.type for e in _events(text)}, text
    assert "REQUEST" in {e.type for e in _events("Les infirmières revendiquent une hausse de leurs salaires.")}
