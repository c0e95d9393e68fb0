"""Understanding on small articles this team wrote: actors, roles at a date,
events with modality, dates and places, quotes, relations."""

from __future__ import annotations

from datetime import date

import pytest

import veille
from veille.model import Article
from veille.options import Options
from veille.repair import clean_article
from veille.understand import understand
from veille.dates import find_dates, resolve, weekday_date


def run(text: str, lang: str, published: str | None = "2024-11-27") -> Article:
    return understand(clean_article(text.split("\n\n"), "<test>", lang, published), Options(language=lang))


def only(events, etype):
    found = [e for e in events if e.type == etype]
    assert found, [(e.type, e.trigger) for e in events]
    return found[0]


# ----------------------------------------------------------------- dates


@pytest.mark.parametrize("weekday, tense, expected", [
    (2, None, "2024-11-27"),       # mercredi, published Wednesday: that day
    (3, "future", "2024-11-28"),   # jeudi, future: the next Thursday
    (0, None, "2024-11-25"),       # lundi, past: the Monday before
    (4, None, "2024-11-22"),       # vendredi, past: the last Friday
])
def test_weekday_resolution(weekday, tense, expected):
    assert weekday_date(weekday, date(2024, 11, 27), tense).isoformat() == expected


def test_date_expressions_fr_en():
    fr = {m.text: resolve(m, date(2024, 11, 27)).value for m in find_dates("Hier, le 3 décembre 2023 et en mars 2022, puis en 2014.", "fr")}
    assert fr == {"Hier": "2024-11-26", "3 décembre 2023": "2023-12-03", "mars 2022": "2022-03", "2014": "2014"}
    en = {m.text: resolve(m, date(2024, 11, 27)).value for m in find_dates("On Dec. 3 and tomorrow", "en")}
    assert en == {"Dec. 3": "2024-12-03", "tomorrow": "2024-11-28"}
    assert resolve(find_dates("jeudi", "fr")[0], None).value is None


# ----------------------------------------------------------------- actors


def test_role_phrase_resolves_at_the_article_date():
    text = "Le président américain a téléphoné lundi au chancelier allemand."
    before = run(text, "fr", "2024-06-05")
    after = run(text, "fr", "2025-06-04")
    names = lambda a: {x.name for x in a.actors if x.type == "person"}  # noqa: E731
    assert "Joe Biden" in names(before) and "Donald Trump" in names(after)


def test_unknown_people_stay_unlinked():
    art = run("Le maire de Tombouctou, Ibrahima Koné-Sangaré, a rencontré des habitants.", "fr")
    unlinked = [e for e in art.entities if e.actor_id is None]
    assert any("Koné-Sangaré" in e.text for e in unlinked)


def test_acronyms_are_case_sensitive():
    art = run("US officials said the talks with us were useful.", "en")
    assert [m.text for a in art.actors if a.country == "USA" for m in a.mentions] == ["US"]


# ----------------------------------------------------------------- events


def test_french_visit_with_host_as_recipient():
    art = run("Le Premier ministre indien a effectué mardi une visite officielle en Égypte.", "fr")
    e = only(art.events, "CONSULT")
    assert e.mode == "visit" and e.cameo == "042"
    assert e.actors[0].country == "IND" and e.recipients[0].country == "EGY"
    assert e.date.value == "2024-11-26"


def test_negated_and_future_flags():
    art = run("Le Brésil n'a pas signé l'accord.\n\nLe chef de la diplomatie chinoise se rendra vendredi à Moscou.", "fr")
    signed = only(art.events, "SUPPORT")
    assert "negated" in signed.flags and signed.actors[0].country == "BRA"
    trip = only(art.events, "AGREE")
    assert "future" in trip.flags and trip.date.value == "2024-11-29"
    assert trip.actors[0].country == "CHN"


def test_passive_agent_is_the_actor():
    art = run("Trois journalistes ont été arrêtés par la police iranienne à Téhéran.", "fr")
    e = only(art.events, "COERCE")
    assert e.actors[0].country == "IRN" and e.actors[0].sector == "COP"
    assert e.location is not None and e.location.country == "IRN"


def test_english_meeting_place_and_date():
    art = run("Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday.", "en", "2024-05-17")
    e = only(art.events, "CONSULT")
    assert e.actors[0].name == "Vladimir Putin" and e.recipients[0].name == "Xi Jinping"
    assert e.location.name == "Beijing" and e.date.value == "2024-05-16"


def test_hypothetical_is_flagged():
    art = run("Ankara could impose sanctions on Damascus.", "en")
    assert all("hypothetical" in e.flags for e in art.events) and art.events


def test_obligation_is_a_request():
    art = run("The German chancellor said on Monday that Iran must release the detained journalists.", "en", "2025-06-04")
    e = only(art.events, "REQUEST")
    assert e.actors[0].country == "DEU" and e.recipients[0].country == "IRN"


def test_no_event_in_commentary():
    art = run("Les prix de l'énergie ont progressé de 3 % sur un an, selon l'institut national de la statistique.", "fr")
    assert art.events == []


def test_events_come_from_lexicon_data(monkeypatch):
    from veille.understand import lexicon

    real = lexicon._data

    def patched(name):
        data = real(name)
        if name == "events/en.json":
            data = {**data, "triggers": [t for t in data["triggers"] if "meet" not in (t["lemma"] if isinstance(t["lemma"], list) else [t["lemma"]])]}
        return data

    lexicon.event_lexicon.cache_clear()
    monkeypatch.setattr(lexicon, "_data", patched)
    try:
        art = run("Emmanuel Macron met Olaf Scholz in Berlin.", "en")
        assert not [e for e in art.events if e.type == "CONSULT"]
    finally:
        lexicon.event_lexicon.cache_clear()


# ----------------------------------------------------------------- quotes


def test_direct_quote_with_inverted_cue():
    art = run("« Nous ne céderons pas à la pression », a déclaré mercredi Emmanuel Macron devant la presse.", "fr")
    q = art.quotes[0]
    assert q.kind == "direct" and q.text.startswith("Nous ne céderons pas")
    assert q.speaker_actor_id is not None and "a déclaré" in q.cue


def test_english_quote_and_according_to():
    art = run('"We will not back down," Zelensky said. According to Rutte, "the alliance stands united."', "en")
    speakers = [(q.text[:10], q.speaker) for q in art.quotes]
    assert ("We will no", "Zelensky") in speakers
    assert any(s and "Rutte" in s for _, s in speakers)


def test_indirect_speech():
    art = run("Le ministre russe des Affaires étrangères Sergueï Lavrov a estimé que les négociations étaient dans une impasse.", "fr")
    q = next(q for q in art.quotes if q.kind == "indirect")
    assert q.text.startswith("les négociations") and q.speaker_actor_id is not None


def test_quote_offsets_point_into_text():
    art = run("« Nous ne céderons pas à la pression », a déclaré mercredi Emmanuel Macron devant la presse.\n\n"
              "Le porte-parole a répété : « Aucune décision n'a été prise à ce stade. »", "fr")
    assert [q.text for q in art.quotes] == ["Nous ne céderons pas à la pression",
                                            "Aucune décision n'a été prise à ce stade."]
    for q in art.quotes:
        assert art.field_text(q.span.field)[q.span.start:q.span.end] == q.text
    assert art.quotes[1].span.start > art.quotes[0].span.end  # the second paragraph's offset counts the first


# ----------------------------------------------------------------- relations


def test_membership_and_recognition():
    art = run("La Finlande, membre de l'OTAN depuis 2023, a renforcé sa frontière.\n\n"
              "Le Kenya n'a pas reconnu le gouvernement de transition.", "fr")
    rel = {(r.type, r.subject.country, r.object.name or r.object.text) for r in art.relations}
    assert ("member_of", "FIN", "North Atlantic Treaty Organization") in rel
    assert any(t == "does_not_recognise" and c == "KEN" for t, c, _ in rel)


def test_unsupported_language_is_flagged_not_analysed():
    art = veille.analyze_text("Die Bundesregierung hat am Mittwoch neue Maßnahmen beschlossen, teilte ein Sprecher mit. "
                              "Die Opposition kritisierte den Plan scharf und forderte Nachbesserungen.")
    assert art.language == "de" and art.events == [] and "language_not_analysed" in art.quality.flags


def test_a_fronted_date_dates_the_whole_sentence_but_a_span_does_not():
    art = run("En 2019, la police a arrêté trois militants écologistes devant le ministère.", "fr")
    assert only(art.events, "COERCE").date.value == "2019"
    art = run("Depuis mai 2019, la police a arrêté trois militants écologistes devant le ministère.", "fr")
    assert only(art.events, "COERCE").date.value is None  # 'since': the span, not the day of the arrest


def test_a_statement_takes_the_date_of_its_reporting_incise_unless_still_to_come():
    art = run("« Nous condamnons fermement cette attaque contre nos soldats », a déclaré mardi le ministre "
              "de la Défense.", "fr")
    assert only(art.events, "ACCUSE").date.value == "2024-11-26"
    art = run("Le gouvernement a décidé mardi d'expulser deux diplomates russes.", "fr")
    assert only(art.events, "SANCTION").date.value == "2024-11-26"  # the decision's Tuesday, not the next one


def test_an_event_the_model_adds_is_never_carried_by_a_time_word_or_a_name():
    from veille.understand.events import _trigger_words
    from veille.understand.lexicon import event_lexicon
    from veille.understand.nlp import load_pipeline

    sent = next(load_pipeline("fr_core_news_md")("La police a interpellé mardi Jean Dupont à Lyon.").sents)
    lex = event_lexicon("fr")
    assert lex is not None
    words = _trigger_words(sent, lex)
    assert "interpeller" in words
    assert not words & {"mardi", "jean", "dupont", "lyon", "police"}  # a noun for people is no event either


def test_an_accusation_voiced_as_a_quotation_targets_whom_it_names():
    art = run("« Le projet de Marine Le Pen, c'est la fermeture et le repli », a fustigé Emmanuel Macron.", "fr")
    accuse = only(art.events, "ACCUSE")
    assert accuse.actors[0].name == "Emmanuel Macron"
    assert [r.name for r in accuse.recipients] == ["Marine Le Pen"]
    art = run("« Ce sont des décisions ridicules », a dénoncé Emmanuel Macron devant la presse.", "fr")
    assert only(art.events, "ACCUSE").recipients == []  # no one named in the quotation: no recipient


def test_violence_described_inside_a_quotation_is_not_an_attack():
    art = run("« Ils tuent nos enfants et attaquent nos policiers », a déclaré la députée de Vaucluse.", "fr")
    assert not [e for e in art.events if e.type == "ASSAULT"]
    art = run("Des hommes armés ont attaqué un poste de police à Niamey.", "fr")
    assert only(art.events, "ASSAULT").trigger


def test_a_relative_pronoun_stands_for_its_noun_and_an_incise_after_a_clitic_has_its_subject():
    art = run("Les manifestants, qui réclament la démission du gouvernement, ont défilé à Lyon.", "fr")
    assert [a.text for a in only(art.events, "REQUEST").actors] == ["Les manifestants"]
    art = run("« Nous ne céderons pas », s'est insurgé le président de la République jeudi.", "fr")
    accuse = only(art.events, "ACCUSE")
    assert accuse.actors and "président" in accuse.actors[0].text and not accuse.recipients


def test_a_head_of_state_welcomed_by_his_counterpart_is_a_visit_not_aid():
    art = run("Le président français Emmanuel Macron a été accueilli lundi à Dakar par son homologue "
              "Bassirou Diomaye Faye.", "fr")
    assert not [e for e in art.events if e.type == "AID"]
    art = run("L'Allemagne a accueilli des milliers de réfugiés syriens en 2015.", "fr")
    assert only(art.events, "AID").trigger


# ----------------------------------------------------------------- English patterns on news as written


def patterns(text: str, published: str | None = "2024-11-27") -> Article:
    """The English patterns alone (no statistical second opinion)."""
    return understand(clean_article(text.split("\n\n"), "<test>", "en", published), Options(language="en", event_model=False))


def types(text: str) -> set[str]:
    return {e.type for e in patterns(text).events}


def test_declining_to_comment_or_to_give_a_name_is_no_refusal():
    assert "REJECT" not in types("The ministry spokeswoman declined to comment on the talks.")
    assert "REJECT" not in types("A resident, who declined to give his surname, said the shelling went on all night.")
    assert "REJECT" in types("Hungary declined the invitation to the summit.")


def test_questions_put_to_someone_are_no_demand():
    assert "REQUEST" not in types("Reporters asked the mayor whether the curfew would be extended.")
    assert "REQUEST" not in types("A police officer, who asked not to be named, said three men were held.")
    assert "REQUEST" in types("The mayor asked residents to stay indoors.")


def test_negated_acts_are_not_events_but_a_denied_attack_is_kept_flagged():
    assert not types("The envoy did not meet the rebel commander.")
    assert not types("The minister never agreed to the ceasefire.")
    bombed = only(patterns("The army said it had not bombed the village.").events, "ASSAULT")
    assert "negated" in bombed.flags


def test_an_event_in_a_condition_is_not_reported_as_real():
    assert "COERCE" not in types("If convicted, the former governor faces ten years in prison.")
    assert "AGREE" not in types("The union said it would strike if no agreement is reached with the employers.")


def test_a_recipient_must_be_someone_not_something_that_mentions_someone():
    assert "SUPPORT" not in types("The speaker defended the state budget approved by Republicans in April.")
    assert "RETREAT" not in types("The archives released 10,000 pages of documents from the Nixon presidency.")
    assert "RETREAT" in types("The rebels released three hostages on Monday.")
    assert "SUPPORT" in types("The governor praised the firefighters.")
    assert "SUPPORT" in types("A senior official praised Ghana's efforts to improve its human rights record.")


def test_calling_someone_something_is_no_phone_call():
    assert "CONSULT" not in types('The Arab League called it an "extremely adverse development".')
    assert "CONSULT" in types("The French president called the Ukrainian leader on Sunday.")


def test_a_car_that_strikes_a_pedestrian_is_neither_a_strike_nor_an_attack():
    found = types("A pedestrian was struck by a car on Main Street on Friday night.")
    assert not found & {"PROTEST", "ASSAULT"}
    assert "PROTEST" in types("Teachers struck for a third day in the capital.")


def test_rioters_attacking_buildings_riot_and_politicians_attacking_rivals_accuse():
    assert "PROTEST" in types("Hundreds of youths attacked a police station and banks in the city centre.")
    assert "ACCUSE" in types("The opposition leader attacked the prime minister over the pension reform.")


def test_retiring_voting_and_prices_dropping_are_no_events():
    assert not types("The former director retired from the bureau in 1973.")
    assert not types("Shares in the company dropped 5 percent on Tuesday.")
    assert "REJECT" not in types("Voters in the province voted on Sunday in a regional election.")


def test_seeking_treatment_or_refuge_is_no_demand_but_seeking_extradition_is():
    assert "REQUEST" not in types("Hundreds of families sought refuge in the school.")
    assert "REQUEST" in types("Ukraine sought the extradition of the banker from France.")
    assert "REQUEST" not in types("The defendant pleaded guilty to fraud.")


def test_ready_to_talk_is_an_offer_ready_to_pay_or_to_go_is_not():
    assert "AGREE" in types("Iran said it was ready to resume talks with the United States.")
    assert "AGREE" not in types("The company is willing to pay for the followers she has.")


def test_an_obligation_of_the_speaker_or_a_state_of_being_is_no_demand():
    assert "REQUEST" not in types('"We must teach our children patience," the bishop said.')
    assert "REQUEST" not in types("The mayor said the response should be a peaceful one.")
    assert "REQUEST" in types("The German chancellor said on Monday that Iran must release the detained journalists.")


def test_the_patient_of_a_passive_is_its_subject_also_through_a_relative_pronoun():
    arrest = only(patterns("The suspect was arrested two streets away shortly before midnight.").events, "COERCE")
    assert [r.text for r in arrest.recipients] == ["The suspect"]
    arrest = only(patterns("Police named the driver, who was arrested at the harbour on Sunday.").events, "COERCE")
    assert [r.text for r in arrest.recipients] == ["the driver"]


def test_held_without_bail_is_custody_and_held_hostage_an_abduction():
    assert "COERCE" in types("The gunman will be held without bail.")
    assert "ASSAULT" in types("The robbers held two cashiers hostage for an hour.")


def test_the_deed_someone_is_accused_of_has_him_as_its_actor():
    killing = only(patterns("The farmer is accused of killing his neighbour.").events, "ASSAULT")
    assert [a.text for a in killing.actors] == ["The farmer"]
    assert "ACCUSE" in types("The jury found him guilty of manslaughter.")
    assert "REJECT" in types("The former mayor pleaded not guilty to all charges.")


def test_protests_and_riots_are_events_with_their_protesters_implied():
    protest = only(patterns("Fresh riots were reported in the port city on Saturday.").events, "PROTEST")
    assert protest.actors and protest.actors[0].implied
    assert "PROTEST" not in types("Stocks rallied on Wall Street after the announcement.")


def test_a_navy_sinking_a_ship_attacks_it():
    assert "ASSAULT" in types("The navy said it had sunk a pirate skiff off the coast.")


def test_what_an_effort_or_a_plan_intends_is_not_reported_as_done():
    assert "REQUEST" not in types("The envoy denied any effort to urge Kyiv to reopen the case.")
    assert "CONCEDE" not in types("It was the latest move by the government to try to force the strikers to capitulate.")
    assert "REQUEST" in types("The UN urged Israel to halt the strikes.")


def test_refusing_to_comment_and_searching_for_someone_are_no_events():
    assert "REJECT" not in types("Prosecutors refused to comment on the reports.")
    assert "ACCUSE" not in types("Hundreds of officers searching for the fugitive combed the woods.")
    assert "ACCUSE" in types("Police searched the home of the suspect on Tuesday.")


def test_a_noun_qualifying_another_is_not_the_event():
    assert "PROTEST" not in types("Riot police stood guard outside the ministry.")
    assert "PROTEST" in types("Riot police fired tear gas as the protests spread to the port.")
