"""French event coverage (sentences written by the team): families of wire-news constructions
that French patterns must code, and the look-alikes they must leave alone."""

from __future__ import annotations

from veille.options import Options
from veille.repair import clean_article
from veille.understand import understand


def _fr_events(text: str) -> list:
    return understand(clean_article([text], "<test>", "fr", "2024-11-27"), Options(language="fr", event_model=False)).events


def _types(text: str) -> set[str]:
    return {e.type for e in _fr_events(text)}


def test_restoring_or_reimposing_sanctions_is_imposing_them():
    assert "SANCTION" in _types("L'Union européenne a reconduit ses sanctions contre la Russie.")
    assert "SANCTION" in _types("Washington a rétabli des sanctions contre Caracas.")


def test_soliciting_someone_is_a_request():
    asked = [e for e in _fr_events("La maire a sollicité le préfet Jean Dumont pour obtenir des renforts.") if e.type == "REQUEST"]
    assert asked and asked[0].actors
    assert "REQUEST" not in _types("Sollicitée par l'AFP, la mairie n'a pas souhaité réagir.")


def test_promising_a_policy_measure_is_a_pledge():
    assert "AGREE" in _types("Le ministre a promis la suppression de la taxe.")
    assert "AGREE" in _types("La ministre a promis une réponse ferme aux agriculteurs.")
    assert "AGREE" not in _types("Le spectacle promet une belle soirée.")


def test_speaking_out_against_a_measure_is_opposing_it_not_taking_it():
    types = _types("La sénatrice s'est prononcée contre l'interdiction des rassemblements.")
    assert "REJECT" in types and "COERCE" not in types
    assert "COERCE" not in _types("Les élus ont voté contre la fermeture des écoles.")
    assert "COERCE" in _types("Le préfet a décidé la fermeture des écoles.")


def test_a_hyphenated_agent_noun_is_one_word_and_names_someone():
    arrested = [e for e in _fr_events("L'aide-soignante a été interpellée dans la soirée.") if e.type == "COERCE"]
    assert arrested and [r.text for r in arrested[0].recipients] == ["L'aide-soignante"]
    assert "ACCUSE" in _types("Les sapeurs-pompiers ont critiqué le préfet.")


def test_a_protest_gathering_people_is_their_protest():
    gathered = [e for e in _fr_events("Le cortège a rassemblé des milliers de manifestants dimanche à Lyon.") if e.type == "PROTEST"]
    assert gathered and "manifestants" in gathered[0].actors[0].text
    assert "PROTEST" in _types("La marche contre la réforme a réuni 2000 personnes.")
    assert "PROTEST" not in _types("Le président a réuni les ministres après la manifestation.")


def test_referring_a_case_to_an_authority_is_a_complaint_and_seizing_goods_is_not():
    assert "ACCUSE" in _types("La candidate a saisi la Haute Autorité de la primaire.")
    assert "ACCUSE" in _types("Le syndicat a saisi le procureur de la République.")
    assert "ACCUSE" not in _types("Les douaniers ont saisi trois tonnes de cannabis.")


def test_a_verb_with_its_own_auxiliary_coordinated_to_a_bare_participle_keeps_the_main_subject():
    called = [e for e in _fr_events('Le président a jugé mardi la crise "terminée" en France mais a appelé à la prudence.')
              if e.type == "REQUEST"]
    assert called and called[0].actors[0].text == "Le président"


def test_the_document_an_act_is_done_in_dates_it_when_its_participle_is_dated():
    said = [e for e in _fr_events("« C'est inacceptable », dénonce la maire dans une lettre envoyée le 3 novembre.") if e.type == "ACCUSE"]
    assert said and said[0].date.value == "2024-11-03"
    issued = [e for e in _fr_events("Le syndicat a dénoncé la direction dans un communiqué publié lundi.") if e.type == "ACCUSE"]
    assert issued and issued[0].date.value == "2024-11-25"


def test_a_second_verb_sharing_the_subject_shares_the_first_one_s_day():
    promised = [e for e in _fr_events("Le ministre a rencontré lundi les syndicats et a promis une hausse des salaires.") if e.type == "AGREE"]
    assert promised and promised[0].date.value == "2024-11-25"
    called = [e for e in _fr_events('Le président a jugé mardi la crise "terminée" en France mais a appelé à la prudence.')
              if e.type == "REQUEST"]
    assert called and called[0].date.value == "2024-11-26"


def test_clashes_between_two_sides_are_an_assault_even_when_they_break_out():
    assert "ASSAULT" in _types("Une rixe entre jeunes de deux quartiers a fait un blessé.")
    clash = [e for e in _fr_events("Des heurts ont éclaté samedi entre manifestants et policiers à Nantes.") if e.type == "ASSAULT"]
    assert clash and clash[0].recipients and clash[0].date.value == "2024-11-23"
    assert "ASSAULT" not in _types("Le débat a donné lieu à des échanges entre les candidats.")


def test_being_on_strike_is_striking_with_the_copula_as_its_verb():
    striking = [e for e in _fr_events("Les cheminots seront en grève samedi.") if e.type == "PROTEST"]
    assert striking and striking[0].actors[0].text == "Les cheminots" and "future" in striking[0].flags
    assert striking[0].date.value == "2024-11-30"
    assert "PROTEST" in _types("Les enseignants sont en grève depuis lundi.")
    assert "PROTEST" not in _types("La grève est un droit.")


def test_a_passive_meets_an_object_condition_with_its_subject():
    criticised = [e for e in _fr_events("Le maire a été vivement critiqué par l'opposition.") if e.type == "ACCUSE"]
    assert criticised and criticised[0].actors[0].text == "l'opposition"
    assert "ACCUSE" not in _types("Le maire a été critiqué.")


def test_an_event_noun_as_the_agent_of_a_passive_is_done_to_its_subject():
    complaint = [e for e in _fr_events("Le ministre est visé par une plainte de l'association Anticor.") if e.type == "ACCUSE"]
    assert complaint and [r.text for r in complaint[0].recipients] == ["Le ministre"]
    assert "SANCTION" in _types("La Russie est frappée par de nouvelles sanctions américaines.")


def test_a_present_tense_verb_read_as_a_modifier_of_its_subject_is_made_the_verb():
    threat = [e for e in _fr_events("Le syndicat menace de bloquer les raffineries.") if e.type == "THREATEN"]
    assert threat and threat[0].actors[0].text == "Le syndicat"
    blamed = [e for e in _fr_events("Le chef de l'Etat critique le Sénat.") if e.type == "ACCUSE"]
    assert blamed and [r.text for r in blamed[0].recipients] == ["le Sénat"]
    assert not _fr_events("Une menace directe pour la sécurité.")


def test_a_merit_denied_in_someone_s_words_is_disapproval():
    denied = [e for e in _fr_events('« Ce n\'est pas normal », a déclaré la maire de la commune.') if e.type == "ACCUSE"]
    assert denied and denied[0].actors[0].text == "la maire de la commune" and "negated" not in denied[0].flags
    assert "ACCUSE" in _types('« Il ne me semble pas acceptable de fermer cette école », a jugé le député.')
    assert "ACCUSE" not in _types('« C\'est normal », a déclaré la maire.')


def test_an_object_the_parser_hangs_on_the_day_before_it_is_the_verbs():
    blamed = [e for e in _fr_events("Paul Mercier a condamné dimanche l'attitude de l'élu LR.") if e.type == "ACCUSE"]
    assert blamed and blamed[0].actors[0].text == "Paul Mercier" and blamed[0].date.value == "2024-11-24"
    assert "ACCUSE" in _types("Paul Mercier a critiqué jeudi la décision de la juge.")


def test_an_event_noun_said_to_take_place_is_coded_without_its_light_verb():
    assert "ACCUSE" in _types("L'enquête se poursuit à Rennes.")
    arrests = [e for e in _fr_events("Deux interpellations ont eu lieu dans la nuit.") if e.type == "COERCE"]
    # no one named: the police are implied (not a span of the text)
    assert arrests and all(p.implied and p.sector == "COP" for p in arrests[0].actors)
    assert not _types("L'examen du texte se poursuit.")


def test_a_member_of_a_group_is_someone():
    arrested = [e for e in _fr_events("Un membre présumé du gang a été interpellé jeudi.") if e.type == "COERCE"]
    assert arrested and arrested[0].recipients


def test_a_participle_set_off_by_commas_reports_the_act_done_to_its_noun():
    blamed = [e for e in _fr_events("La réforme, critiquée par les syndicats, sera votée mardi.") if e.type == "ACCUSE"]
    assert blamed and blamed[0].actors[0].text == "les syndicats"
    assert "SUPPORT" not in _types("Un accord signé par les syndicats doit encore être validé.")


def test_a_participle_with_its_own_complements_reports_an_arrest_or_a_sentence():
    assert "COERCE" in _types("L'actrice, condamnée à deux ans de prison, a fait appel.")
    assert "COERCE" in _types("Un adolescent interpellé lundi à Lyon a été libéré.")
    assert "COERCE" not in _types("Les personnes interpellées sont âgées de 20 à 30 ans.")
    assert "ASSAULT" not in _types("Des groupes ayant combattu dans le nord ont signé l'accord.")


def test_wounded_by_gunshot_is_an_assault_even_with_no_one_named():
    shot = [e for e in _fr_events("Le gérant du bar a été grièvement blessé par balles.") if e.type == "ASSAULT"]
    assert shot and not shot[0].actors and shot[0].recipients
    assert "ASSAULT" not in _types("Le footballeur a été blessé à la cheville.")


def test_a_noun_whose_light_verb_is_itself_the_event_is_coded_once_with_the_verbs_participants():
    held = [e for e in _fr_events("Le chauffeur a été placé en garde à vue mardi.") if e.type == "COERCE"]
    assert len(held) == 1 and [r.text for r in held[0].recipients] == ["Le chauffeur"]


def test_advocating_a_measure_is_a_request():
    assert "REQUEST" in _types("Le syndicat préconise une hausse des salaires.")
    assert "REQUEST" in _types("Le candidat prône la fermeture des centrales.")
    assert "REQUEST" in _types("Les sénateurs recommandent de revoir les aides aux entreprises.")


def test_the_start_or_end_of_a_year_dates_the_event_to_that_year():
    sentenced = [e for e in _fr_events("L'ancien maire a été condamné fin 2018 à six mois de prison.") if e.type == "COERCE"]
    assert sentenced and sentenced[0].date.value == "2018"
    refused = [e for e in _fr_events("La préfète a refusé début 2019 la demande des riverains.") if e.type == "REJECT"]
    assert refused and refused[0].date.value == "2019"


def test_calling_someone_with_no_more_is_a_phone_call_and_calling_to_protest_is_the_protest():
    assert _types("Le maire a appelé la sénatrice mardi.") == {"CONSULT"}
    assert "CONSULT" not in _types("Des voisins ont appelé la police.")
    asked = [e for e in _fr_events("La préfète appelle les riverains à limiter leurs déplacements.") if e.type == "REQUEST"]
    assert asked and asked[0].actors
    assert "REQUEST" in _types("Le syndicat appelle à la retenue.")
    called = _types("Le collectif appelle à manifester samedi devant la mairie.")
    assert "PROTEST" in called and "REQUEST" not in called


def test_a_bare_offence_after_pour_names_a_charge_not_an_attack():
    assert "ASSAULT" not in _types("La députée a porté plainte contre son voisin pour violences.")
    probe = _types("Le parquet a ouvert une information judiciaire pour homicide volontaire.")
    assert "ACCUSE" in probe and "ASSAULT" not in probe


def test_a_murder_noun_with_its_victim_is_an_assault_with_no_attacker_named():
    killed = [e for e in _fr_events("Le meurtre de la jeune femme pourrait être résolu.") if e.type == "ASSAULT"]
    assert killed and not killed[0].actors and killed[0].recipients
    assert "ASSAULT" not in _types("Son combat pour la laïcité a marqué les esprits.")


def test_a_protest_mentioned_in_passing_with_its_own_particulars_is_reported():
    assert "PROTEST" in _types("Le photographe a été blessé lors d'une manifestation interdite à Lille.")
    assert "PROTEST" not in _types("Depuis le début des manifestations, le trafic est perturbé.")


def test_a_hope_or_wish_to_act_announces_the_act():
    hoped = [e for e in _fr_events("La mairie espère signer un accord avec la région.") if e.type == "AGREE"]
    assert hoped and "future" in hoped[0].flags
    wished = [e for e in _fr_events("Le ministre souhaite rencontrer les syndicats.") if e.type == "AGREE"]
    assert wished and "future" in wished[0].flags
    assert "future" not in next(e for e in _fr_events("Le gouvernement a interdit le rassemblement.") if e.type == "COERCE").flags


def test_a_clock_time_or_a_day_of_the_month_is_no_participant():
    shot = [e for e in _fr_events("Vers 22h15, trois hommes cagoulés ont ouvert le feu sur un bar du centre-ville.") if e.type == "ASSAULT"]
    assert shot and all("22h15" not in r.text for r in shot[0].recipients)
    assert not any("du 3" in r.text for e in _fr_events("Le quartier est surveillé depuis l'attaque du 3 mars dernier.")
                   for r in e.recipients)


def test_blaming_or_praising_someone_s_words_or_deeds_is_aimed_at_them():
    blamed = [e for e in _fr_events("Le ministre a dénoncé les propos de Jean Dupont.") if e.type == "ACCUSE"]
    assert blamed and [r.text for r in blamed[0].recipients] == ["Jean Dupont"]
    praised = [e for e in _fr_events("Le président a salué le courage des pompiers.") if e.type == "SUPPORT"]
    assert praised and [r.text for r in praised[0].recipients] == ["pompiers"]


def test_a_complaint_is_against_whom_contre_names_not_where_it_is_filed():
    filed = [e for e in _fr_events("La chanteuse a déposé plainte au commissariat de Nantes contre son ancien producteur Marc Leroy.")
             if e.type == "ACCUSE"]
    assert filed and [r.text for r in filed[0].recipients] == ["Marc Leroy"]


def test_a_city_visited_is_where_the_visit_is_and_a_country_is_its_host():
    visit = [e for e in _fr_events("Le ministre de l'Intérieur Paul Roux s'est aussi rendu ce week-end à Calais au lendemain de "
                                   "l'évacuation du camp.") if e.type == "CONSULT"]
    assert visit and not visit[0].recipients
    abroad = [e for e in _fr_events("Le Premier ministre s'est rendu en Italie.") if e.type == "CONSULT"]
    assert abroad and [r.text for r in abroad[0].recipients] == ["Italie"]


def test_a_participle_the_parser_hangs_on_a_reported_verb_is_done_by_the_main_subject():
    # '…, affirmant que X … et dénonçant …': 'dénonçant' is coordinated with 'affirmant', not with the reported verb
    events = [e for e in _fr_events("Lundi, le ministre Paul Durand avait estimé ne plus pouvoir justifier ces mesures, "
                                    "affirmant que le gouvernement belge poursuit ses provocations et dénonçant une escalade "
                                    "inacceptable.") if e.type == "ACCUSE"]
    assert events and [a.text for a in events[0].actors] == ["Paul Durand"]


def test_a_dative_clitic_is_whom_a_light_verb_act_is_addressed_to():
    praised = [e for e in _fr_events("Le maire de Lille lui a d'ailleurs rendu hommage.") if e.type == "SUPPORT"]
    assert praised and [r.text for r in praised[0].recipients] == ["lui"]


def test_a_bare_participle_coordinated_with_a_passive_shares_its_subject():
    events = [e for e in _fr_events("Le suspect a été mis en examen et placé en détention provisoire.") if e.type == "COERCE"]
    assert events and all(e.recipients and e.recipients[0].text == "Le suspect" for e in events)


def test_a_trade_or_role_noun_is_someone_an_arrest_or_complaint_is_aimed_at():
    arrested = [e for e in _fr_events("Un boulanger a été interpellé mardi.") if e.type == "COERCE"]
    assert arrested and [r.text for r in arrested[0].recipients] == ["Un boulanger"]
    complained = [e for e in _fr_events("Les deux policiers avaient porté plainte dimanche contre le boxeur.") if e.type == "ACCUSE"]
    assert complained and [r.text for r in complained[0].recipients] == ["le boxeur"]


def test_the_object_of_a_relative_clause_is_the_noun_que_stands_for():
    blamed = [e for e in _fr_events("Le sénateur s'en est pris au ministre, qu'il a vivement critiqué jeudi.") if e.type == "ACCUSE"]
    assert blamed and [r.text for r in blamed[0].recipients] == ["ministre"]
    blamed = [e for e in _fr_events("Le ministre, que le sénateur a critiqué jeudi, a répondu.") if e.type == "ACCUSE"]
    assert blamed and [r.text for r in blamed[0].recipients] == ["Le ministre"]


def test_a_preposition_tagged_as_a_verb_still_introduces_the_addressee():
    blamed = [e for e in _fr_events("Le député Paul Martin a émis des critiques envers le président de la République.") if e.type == "ACCUSE"]
    assert blamed and [r.text for r in blamed[0].recipients] == ["le président de la République"]


def test_a_possessive_on_an_adjunct_event_noun_is_the_person_named_before_it():
    charged = [e for e in _fr_events("La nomination de Paul Durand intervient après sa mise en examen le 6 décembre dernier.")
               if e.type == "COERCE"]
    assert charged and [r.text for r in charged[0].recipients] == ["Paul Durand"]
    freed = [e for e in _fr_events("Le juge a ordonné sa libération.") if e.type == "RETREAT"]
    assert all(r.text != "Le juge" for e in freed for r in e.recipients)


def test_a_part_of_the_day_is_the_publication_day_unless_a_day_follows():
    blamed = [e for e in _fr_events("Le sénateur a critiqué dans la matinée le ministre.") if e.type == "ACCUSE"]
    assert blamed and blamed[0].date.value == "2024-11-27"
    blamed = [e for e in _fr_events("Le sénateur a critiqué le ministre dans la soirée de samedi.") if e.type == "ACCUSE"]
    assert blamed and blamed[0].date.value == "2024-11-23"


def test_a_part_of_the_day_after_a_named_day_is_that_day():
    from veille.dates import find_dates

    assert [m.text for m in find_dates("Vendredi 3 mai dans la soirée, les élus se sont réunis.", "fr")] == ["Vendredi 3 mai"]
    assert [m.kind for m in find_dates("Les élus se sont réunis dans la matinée.", "fr")] == ["relative"]


def test_an_infinitive_after_an_opening_quotation_mark_is_no_incise():
    praised = [e for e in _fr_events('Face à ces résultats, M. Durand a tenu à "féliciter" les professeurs.') if e.type == "SUPPORT"]
    assert praised and praised[0].actors[0].text == "M. Durand" and [r.text for r in praised[0].recipients] == ["les professeurs"]


def test_the_day_of_a_participle_on_the_subject_is_not_the_main_act_s_day():
    events = [e for e in _fr_events("Les trois suspects interpellés lundi lors d'un coup de filet dans le Var ont été mis en "
                                    "examen et placés en détention provisoire samedi par un juge d'instruction.") if e.type == "COERCE"]
    assert events and all(e.date.value == "2024-11-23" for e in events)
    rallied = [e for e in _fr_events("La manifestation de samedi a rassemblé des milliers de personnes.") if e.type == "PROTEST"]
    assert rallied and rallied[0].date.value == "2024-11-23"

def test_an_inquiry_said_to_be_under_way_is_an_investigation():
    assert "ACCUSE" in _types("Une enquête est en cours sur la disparition du randonneur.")
    assert "ACCUSE" in _types("L'enquête va désormais se poursuivre pour établir les faits.")
    assert "ACCUSE" in _types("L'enquête a été rouverte en mars pour des raisons de procédure.")
    assert "ACCUSE" in _types("L'information judiciaire ouverte à Lille pour escroquerie a été dépaysée.")
    assert "ACCUSE" not in _types("Le sondage est en cours de dépouillement à la mairie.")


def test_opening_an_inquiry_named_as_a_noun_is_an_investigation_but_asking_for_it_is_a_request():
    opened = [e for e in _fr_events("Le parquet de Nancy a annoncé l'ouverture d'une enquête préliminaire.") if e.type == "ACCUSE"]
    assert opened and opened[0].actors and "parquet" in opened[0].actors[0].text
    types = _types("La députée a réclamé l'ouverture d'une enquête sur ces dépenses.")
    assert "REQUEST" in types and "ACCUSE" not in types
    types = _types("Le syndicat a demandé une enquête indépendante.")
    assert "REQUEST" in types and "ACCUSE" not in types


def test_taking_to_the_streets_and_police_officers_demonstrating_are_protests():
    assert "PROTEST" in _types("Des centaines d'habitants sont descendus dans la rue dimanche à Brest.")
    assert "PROTEST" in _types("Plusieurs dizaines de policiers ont manifesté jeudi soir devant la préfecture.")
    assert "PROTEST" in _types("Une cinquantaine de policiers se sont rassemblés jeudi devant le palais de justice.")
    assert "PROTEST" not in _types("La police a mobilisé deux cents agents pour le match.")
    assert "PROTEST" not in _types("Les policiers ont rassemblé des indices sur place.")


def test_an_approximate_number_of_people_is_those_people():
    marched = [e for e in _fr_events("Une vingtaine de militants ont défilé samedi à Rennes.") if e.type == "PROTEST"]
    assert marched and "militants" in marched[0].actors[0].text


def test_a_phone_call_to_someone_is_consultation_not_a_call_to_the_emergency_services():
    called = [e for e in _fr_events("La présidente a téléphoné mardi au chancelier autrichien.") if e.type == "CONSULT"]
    assert called and called[0].recipients
    assert "CONSULT" not in _types("La voisine a téléphoné aux pompiers vers minuit.")


def test_a_past_participle_the_tagger_read_as_a_noun_is_still_the_verb():
    assert "ACCUSE" in _types("Le sénateur s'était élevé contre une « chasse aux sorcières » visant les élus.")


def test_violating_a_rule_is_defiance_but_a_person_raped_is_no_refusal():
    assert "REJECT" in _types("La Turquie a violé l'embargo sur les armes.")
    assert "REJECT" not in _types("L'adolescente a été violée par un inconnu dans la nuit.")


def test_calling_something_by_a_judging_word_is_criticism_or_praise():
    assert "ACCUSE" in _types("Le maire a jugé cette décision « inacceptable ».")
    assert "SUPPORT" in _types("La préfète a jugé l'intervention des secouristes exemplaire.")
    assert not {"ACCUSE", "SUPPORT"} & _types("Les randonneurs ont trouvé le refuge vide.")


def test_a_complaint_filed_by_someone_unnamed_is_still_a_complaint():
    filed = [e for e in _fr_events("Deux plaintes ont été déposées lundi contre le directeur de l'école.") if e.type == "ACCUSE"]
    assert filed and filed[0].recipients
    assert "ACCUSE" not in _types("Les plaintes des voisins au sujet du bruit se multiplient.")


def test_signatories_critics_and_academies_are_someone():
    asked = [e for e in _fr_events("Les signataires de la lettre réclament la démission du directeur.") if e.type == "REQUEST"]
    assert asked and "signataires" in asked[0].actors[0].text
    assert "ACCUSE" in _types("Le sénateur est accusé par ses détracteurs de mentir sur son patrimoine.")
    assert "REQUEST" in _types("L'Académie de pharmacie recommande d'interdire ces produits.")


def test_arson_binding_and_poisoning_are_assaults():
    assert "ASSAULT" in _types("Le cambrioleur a mis le feu à la grange avant de s'enfuir.")
    assert "ASSAULT" in _types("Les deux otages avaient été ligotés et bâillonnés par leurs ravisseurs.")
    assert "ASSAULT" in _types("L'empoisonnement du journaliste a été confirmé mardi.")
    assert "ASSAULT" not in _types("Le feu a été mis sous contrôle par les pompiers.")


def test_ruling_out_a_measure_is_a_refusal_and_excluding_a_member_is_not():
    assert "REJECT" in _types("La ministre a exclu toute hausse des frais d'inscription.")
    assert "REJECT" not in _types("Le parti a exclu deux élus de ses instances.")


def test_dining_with_someone_is_meeting_and_marching_idioms_are_protests():
    met = [e for e in _fr_events("Le sénateur a déjeuné lundi avec le ministre de l'Intérieur.") if e.type == "CONSULT"]
    assert met and met[0].recipients
    assert "PROTEST" in _types("Les retraités battent le pavé depuis trois semaines.")


def test_people_gathering_is_a_protest_and_officials_gathering_a_meeting():
    types = _types("Des riverains en colère se sont réunis devant la station d'épuration.")
    assert "PROTEST" in types and "CONSULT" not in types
    assert "CONSULT" in _types("Les ministres des Finances se sont réunis mardi à Luxembourg.")


def test_an_inquiry_to_go_on_after_a_modal_is_dated_by_its_own_verb():
    went_on = [e for e in _fr_events("L'enquête doit se poursuivre vendredi à Rennes.") if e.type == "ACCUSE"]
    assert went_on and went_on[0].date.value == "2024-11-29" and "future" in went_on[0].flags


def test_a_judicial_inquiry_opened_with_no_one_named_implies_the_justice():
    opened = [e for e in _fr_events("Une enquête a été ouverte jeudi après la disparition du randonneur.") if e.type == "ACCUSE"]
    assert opened and opened[0].actors and opened[0].actors[0].sector == "JUD" and opened[0].actors[0].implied
    led = [e for e in _fr_events("La gendarmerie a ouvert une enquête sur l'incendie du hangar.") if e.type == "ACCUSE"]
    assert led and not led[0].actors[0].implied


def test_s_en_prendre_a_is_an_attack_in_words_or_in_deeds():
    said = [e for e in _fr_events("Cette fois, il s'en est pris à Pierre Lemoine.") if e.type == "ACCUSE"]
    assert said and [r.text for r in said[0].recipients] == ["Pierre Lemoine"]
    assert "ACCUSE" in _types("La sénatrice s'en prend violemment au gouvernement.")
    types = _types("Deux adolescents s'en sont pris à un chauffeur de bus.")
    assert "ASSAULT" in types and "ACCUSE" not in types
    assert not _types("Le maire a pris la parole devant les habitants.")


def test_a_pronoun_subject_is_not_the_person_its_own_verb_names():
    said = [e for e in _fr_events("Cette fois, il s'en est pris au ministre de l'Économie.") if e.type == "ACCUSE"]
    assert said and said[0].recipients
    assert not (said[0].actors[0].name and said[0].actors[0].name == said[0].recipients[0].name)


def test_an_inquiry_opened_by_or_entrusted_to_someone_is_theirs():
    led = [e for e in _fr_events("A la suite de cette affaire, une enquête confiée à la brigade des mineurs a été ouverte.")
           if e.type == "ACCUSE"]
    assert led and "brigade des mineurs" in led[0].actors[0].text and not led[0].actors[0].implied
    led = [e for e in _fr_events("Le chanteur est visé par une enquête pour viol ouverte par le parquet de Rennes.") if e.type == "ACCUSE"]
    assert led and not led[0].actors[0].implied


def test_the_building_a_protest_gathers_before_is_where_not_whom():
    rallied = [e for e in _fr_events("Une centaine d'infirmières se sont rassemblées mardi devant l'hôpital de Lens.") if e.type == "PROTEST"]
    assert rallied and not rallied[0].recipients
    against = [e for e in _fr_events("Des milliers d'enseignants ont manifesté contre le ministre de l'Éducation.") if e.type == "PROTEST"]
    assert against and against[0].recipients


def test_the_newspaper_told_of_an_act_is_not_its_recipient():
    quit_ = [e for e in _fr_events("Le sénateur a annoncé à Libération qu'il démissionnait de la présidence du groupe.")
             if e.type == "RETREAT"]
    assert quit_ and not quit_[0].recipients


def test_a_passive_past_infinitive_undergone_by_the_speaker_names_its_patient():
    charged = [e for e in _fr_events("Le groupe Verlaine a déclaré lundi avoir été mis en examen pour tromperie.") if e.type == "COERCE"]
    assert charged and charged[0].recipients and "Verlaine" in charged[0].recipients[0].text


def test_an_actor_is_not_its_own_recipient():
    # the emphatic 'lui aussi' resolves to the subject: the plea is addressed to no one
    pleaded = [e for e in _fr_events("Le sénateur Paul Lenoir a lui aussi plaidé pour une réforme.") if e.type == "REQUEST"]
    assert pleaded and [a.text for a in pleaded[0].actors] == ["Paul Lenoir"] and not pleaded[0].recipients
    praised = [e for e in _fr_events("Marc Dubois a salué Paul Lenoir.") if e.type == "SUPPORT"]
    assert praised and [r.text for r in praised[0].recipients] == ["Paul Lenoir"]


def test_a_protest_in_support_of_people_or_across_a_country_targets_no_one():
    supported = [e for e in _fr_events("Une centaine d'infirmières se sont rassemblées devant l'hôpital en soutien à "
                                       "leurs collègues licenciées.") if e.type == "PROTEST"]
    assert supported and not supported[0].recipients
    across = [e for e in _fr_events("Des rassemblements ont eu lieu mardi à travers la France, réunissant des centaines "
                                    "d'infirmières.") if e.type == "PROTEST"]
    assert across and not across[0].recipients
    against = [e for e in _fr_events("Des milliers de personnes ont manifesté contre le gouvernement à Lyon.") if e.type == "PROTEST"]
    assert against and [r.text for r in against[0].recipients] == ["le gouvernement"]


def test_where_a_complaint_is_lodged_is_not_whom_it_targets():
    lodged = [e for e in _fr_events("La sénatrice Jeanne Dupuis a déposé plainte au commissariat de Montluçon.") if e.type == "ACCUSE"]
    assert lodged and lodged[0].actors and not lodged[0].recipients
    against = [e for e in _fr_events("La sénatrice a porté plainte à la gendarmerie contre son voisin.") if e.type == "ACCUSE"]
    assert against and [r.text for r in against[0].recipients] == ["son voisin"]


def test_two_coordinated_passive_acts_share_their_par_agent():
    acts = [e for e in _fr_events("Les deux randonneurs ont été frappés puis ligotés par trois hommes armés.") if e.type == "ASSAULT"]
    assert acts and all(e.actors and "hommes armés" in e.actors[0].text for e in acts)
    # acts of different types do not share it: whoever rescued them did not beat them
    beaten = [e for e in _fr_events("Le passant a été frappé puis secouru par des pompiers.") if e.type == "ASSAULT"]
    assert beaten and not any("pompiers" in a.text for a in beaten[0].actors)


def test_a_medium_given_as_the_source_is_no_recipient():
    opened = [e for e in _fr_events("Une enquête confiée à la brigade des mineurs a été ouverte pour soustraction à une "
                                    "obligation parentale, rapporte LCI.") if e.type == "ACCUSE"]
    assert opened and not opened[0].recipients
    blamed = [e for e in _fr_events("Le ministre a dénoncé Le Monde.") if e.type == "ACCUSE"]
    assert blamed and [r.name for r in blamed[0].recipients] == ["Le Monde"]


def test_someone_jailed_is_held_by_the_justice_and_someone_arrested_by_the_police():
    jailed = [e for e in _fr_events("Le gérant du bar a été écroué vendredi.") if e.type == "COERCE"]
    assert jailed and jailed[0].actors[0].text == "justice" and jailed[0].actors[0].sector == "JUD"
    held = [e for e in _fr_events("L'ancien maire est incarcéré depuis mars.") if e.type == "COERCE"]
    assert held and held[0].actors[0].text == "justice"
    arrested = [e for e in _fr_events("Le gérant du bar a été interpellé vendredi.") if e.type == "COERCE"]
    assert arrested and arrested[0].actors[0].text == "police"


def test_a_source_or_a_strike_s_workplace_is_no_recipient():
    arrests = [e for e in _fr_events("Selon le ministère de l'Intérieur, 116 interpellations ont eu lieu dans la soirée.")
               if e.type == "COERCE"]
    assert arrests and not arrests[0].recipients
    strike = [e for e in _fr_events("À la SNCF, la grève a été reconduite par les cheminots pour la neuvième journée.")
              if e.type == "PROTEST"]
    assert strike and not strike[0].recipients

def test_an_indefinite_or_demonstrative_pronoun_is_someone():
    assert "ACCUSE" in _types("Certains ont dénoncé des pressions de la direction.")
    assert "ACCUSE" in _types("Le syndicat a écrit au préfet. Celui-ci a critiqué la décision du maire.")
    assert "ACCUSE" not in _types("La décision a critiqué les pressions.")


def test_a_relative_clause_the_parser_hung_elsewhere_is_done_by_its_antecedent():
    import spacy
    from spacy.tokens import Doc

    from veille.understand.syntax import subjects

    # 'Il salue Paul Martin, qui avait dénoncé des pressions.' with the relative clause hung on the verb
    words = ["Il", "salue", "Paul", "Martin", ",", "qui", "avait", "dénoncé", "des", "pressions", "."]
    heads = [1, 1, 1, 2, 7, 7, 7, 1, 9, 7, 1]
    deps = ["nsubj", "ROOT", "obj", "flat:name", "punct", "nsubj", "aux:tense", "acl:relcl", "det", "obj", "punct"]
    pos = ["PRON", "VERB", "PROPN", "PROPN", "PUNCT", "PRON", "AUX", "VERB", "DET", "NOUN", "PUNCT"]
    morphs = ["PronType=Rel" if w == "qui" else "VerbForm=Part|Tense=Past" if w == "dénoncé" else "" for w in words]
    doc = Doc(spacy.blank("fr").vocab, words=words, heads=heads, deps=deps, pos=pos, morphs=morphs)
    assert [t.text for t in subjects(doc[7])] == ["Paul"]


def test_a_magistrate_who_criticises_accuses_and_a_court_that_condemns_sentences():
    assert "ACCUSE" in _types("Un magistrat a critiqué la réforme de la justice.")
    assert "ACCUSE" not in _types("Le tribunal a condamné le prévenu à deux ans de prison.")


def test_a_fronted_past_participle_is_done_to_the_main_clause_subject():
    held = [e for e in _fr_events("Interpellé mardi soir, le chauffeur a reconnu les faits.") if e.type == "COERCE"]
    assert held and [r.text for r in held[0].recipients] == ["le chauffeur"]
    assert not any(a.text == "le chauffeur" for a in held[0].actors)
    assert "ACCUSE" not in _types("Interrogés par les gendarmes, les voisins ont décrit un homme discret.")


def test_lifting_a_charge_or_a_cordon_is_a_concession():
    assert "CONCEDE" in _types("Le parquet a levé les poursuites contre l'enseignante.")
    assert "CONCEDE" in _types("La gendarmerie a levé le bouclage de la commune.")


def test_an_agentless_pattern_codes_its_passive_with_no_one_named():
    assert "ACCUSE" in _types("Le domicile de l'élu a été perquisitionné mardi.")
    assert "COERCE" in _types("Le chauffeur avait été condamné en 2012 pour vol.")
    assert "ACCUSE" not in _types("Interrogé sur la réforme, le ministre a estimé qu'elle était juste.")


def test_imposing_a_mask_or_a_quarantine_is_a_restriction():
    assert "COERCE" in _types("Le préfet impose le port du masque dans tout le département.")
    assert "COERCE" in _types("Le gouvernement a imposé une quarantaine aux voyageurs.")
    assert "COERCE" not in _types("L'équipe a imposé son jeu en seconde période.")


def test_an_agent_noun_coreference_links_to_a_name_still_names_someone():
    killed = [e for e in _fr_events("Nadia Roux a disparu en mars à Lille. L'adolescente a été tuée, selon les enquêteurs.")
              if e.type == "ASSAULT"]
    assert killed and killed[0].recipients


def test_an_apology_named_by_its_author_is_support_and_demanding_one_is_not():
    assert "SUPPORT" in _types("Les excuses du Japon ont surpris les diplomates.")
    assert "SUPPORT" not in _types("Les familles exigent des excuses du ministre.")

def test_a_square_or_street_named_in_the_clause_is_where_it_happens():
    square = [e for e in _fr_events("Quelque 300 enseignants se sont rassemblés jeudi place du Capitole contre la réforme.")
              if e.type == "PROTEST"]
    assert square and square[0].location is not None and square[0].location.name == "place du Capitole"
    avenue = [e for e in _fr_events("Des agriculteurs ont manifesté mardi sur l'avenue Jean-Jaurès.") if e.type == "PROTEST"]
    assert avenue and avenue[0].location is not None and avenue[0].location.name == "avenue Jean-Jaurès"
    instead = [e for e in _fr_events("Le militant a manifesté à la place de Jeanne Martin, restée chez elle.") if e.type == "PROTEST"]
    assert instead and instead[0].location is None  # 'à la place de X': instead of X, no square


def test_an_unaccented_capital_or_a_word_of_nearness_introduces_the_place():
    fronted = [e for e in _fr_events("A Grenoble, une centaine de salariés ont manifesté contre les licenciements.") if e.type == "PROTEST"]
    assert fronted and fronted[0].location is not None and fronted[0].location.name == "Grenoble"
    near = [e for e in _fr_events("Le fugitif a été arrêté lundi près de Toulouse.") if e.type == "COERCE"]
    assert near and near[0].location is not None and near[0].location.name == "Toulouse"


def test_a_day_that_says_since_when_a_description_holds_does_not_date_the_event():
    described = [e for e in _fr_events("Le président a encouragé Paul Martin, aujourd'hui sénateur, à se présenter.")
                 if e.type == "SUPPORT"]
    assert described and described[0].date.value is None  # 'aujourd'hui sénateur': since when he is one
    retired = [e for e in _fr_events("L'ancien préfet, aujourd'hui à la retraite, a accusé le ministre de mensonge.")
               if e.type == "ACCUSE"]
    assert retired and retired[0].date.value is None
    yesterday = [e for e in _fr_events("Le ministre, hier soir, a condamné les violences.") if e.type == "ACCUSE"]
    assert yesterday and yesterday[0].date.value == "2024-11-26"  # set off by commas, still the verb's day


def test_a_place_the_gazetteer_does_not_know_is_named_as_the_tagger_found_it():
    village = [e for e in _fr_events("Des militants ont manifesté mardi à Saint-Girons contre la fermeture de la maternité.")
               if e.type == "PROTEST"]
    assert village and village[0].location is not None and village[0].location.name == "Saint-Girons"
    assert village[0].location.latitude is None  # no coordinates invented


def test_a_locative_opening_the_sentence_sets_the_scene_of_its_events():
    march = [e for e in _fr_events("À Grenoble, deux jours après la mort du jeune homme, une marche en sa mémoire s'est terminée dans le calme.")
             if e.type == "PROTEST"]
    assert march and march[0].location is not None and march[0].location.name == "Grenoble"
    guiana = [e for e in _fr_events("Le ministre a promis, lors de son déplacement en Guyane - région durement touchée - de nouveaux moyens.")
              if e.location is not None]
    assert guiana and all(e.location.name == "Guyane" for e in guiana)  # not the words the tagger glued after the name


def test_figurative_or_administrative_look_alikes_of_conflict_are_no_events():
    # meeting an obstacle, sounding the alarm: no fight, no shot
    assert "ASSAULT" not in _types("Les organisateurs se heurtent à un problème de financement.")
    assert "ASSAULT" in _types("Des casseurs se sont heurtés aux gendarmes devant la gare.")
    assert "ASSAULT" not in _types("Les médecins tirent la sonnette d'alarme sur le manque de lits.")
    assert "ASSAULT" in _types("Un soldat a tiré sur le véhicule.")
    # a judicial target is no attack
    assert "ASSAULT" not in _types("Trois conseillers municipaux sont visés par une enquête pour favoritisme.")
    # 'se voir + infinitive' is a passive, no meeting
    assert "CONSULT" not in _types("Les deux infirmiers se sont vu refuser leur congé.")
    # reappointed to a post is no removal; 'reconduit à la frontière' is
    assert "COERCE" not in _types("Le directeur a été reconduit à la tête de l'agence régionale.")
    assert "COERCE" in _types("Le ressortissant a été reconduit à la frontière.")
    # a tender is no request
    assert "REQUEST" not in _types("Le département va lancer un appel d'offres pour ses cantines.")
    # a patient's condition is no stance
    assert "ACCUSE" not in _types("D'après l'hôpital, l'état du blessé est critique.")


def test_getting_something_back_finding_someone_or_a_party_invitation_is_no_event():
    assert "SUPPORT" not in _types("Le pays a renoué avec la croissance.")
    assert "SUPPORT" in _types("Moscou a renoué avec Ankara.")
    assert "CONSULT" not in _types("Elle a été retrouvée par des randonneurs au pied d'une falaise.")
    assert "CONSULT" in _types("Le ministre a retrouvé son homologue allemand à Berlin.")
    assert "REQUEST" not in _types("Le maire avait invité 200 personnes pour son anniversaire.")
    assert "REQUEST" in _types("Le ministre invite les entreprises à recruter des apprentis.")


def test_going_to_the_police_is_no_surrender():
    assert "RETREAT" not in _types("La victime s'est rendue au commissariat pour déposer plainte.")
    assert "RETREAT" not in _types("Les policiers se sont rendus au domicile du suspect.")
    assert "RETREAT" in _types("Le fugitif s'est rendu aux gendarmes.")


def test_rallying_to_a_task_is_no_protest():
    assert "PROTEST" not in _types("Les hôpitaux se mobilisent face à la deuxième vague.")
    assert "PROTEST" in _types("Les agriculteurs se mobilisent contre la réforme.")

def test_a_day_set_by_a_participle_of_a_plan_or_a_present_passive_is_still_to_come():
    expected = [e for e in _fr_events("La manifestation des agriculteurs, attendue samedi devant la préfecture, est organisée par la FNSEA.")
                if e.type == "PROTEST"]
    assert expected and expected[0].date.value == "2024-11-30"  # published on Wednesday 27: the coming Saturday
    planned = [e for e in _fr_events("Une manifestation des agriculteurs est prévue samedi devant la préfecture.") if e.type == "PROTEST"]
    assert planned and planned[0].date.value == "2024-11-30"
    organised = [e for e in understand(clean_article(["De nouvelles manifestations sont organisées samedi à Rennes."], "<test>", "fr",
                                                     "2024-11-29"), Options(language="fr", event_model=False)).events if e.type == "PROTEST"]
    assert organised and organised[0].date.value == "2024-11-30"  # a present passive read on Friday: tomorrow


def test_a_day_hung_on_the_participle_of_a_document_already_out_is_a_past_one():
    blamed = [e for e in _fr_events("Dans un entretien publié vendredi par un quotidien régional, la chanteuse accuse son ancien "
                                    "producteur de harcèlement.") if e.type == "ACCUSE"]
    assert blamed and blamed[0].date.value == "2024-11-22"  # the interview is out: last Friday, not the coming one


def test_a_compound_passive_read_as_copula_and_attribute_is_still_a_passive():
    # the parser reads 'a été violée' as the copula 'été' and a noun, and 'la jeune femme … a été
    # violée par' with a plain subject: the one who undergoes it is still the recipient
    raped = [e for e in _fr_events("La serveuse a été violée et battue avant sa mort.") if e.type == "ASSAULT"]
    assert raped and [r.text for r in raped[0].recipients] == ["La serveuse"]
    by = [e for e in _fr_events("La jeune femme a été violée par son voisin.") if e.type == "ASSAULT"]
    assert by and [a.text for a in by[0].actors] == ["son voisin"] and [r.text for r in by[0].recipients] == ["La jeune femme"]
    shocked = [e for e in _fr_events("Le ministre a été choqué par ces propos.") if e.type == "ACCUSE"]
    assert shocked and [a.text for a in shocked[0].actors] == ["Le ministre"]


def test_voicing_disagreement_or_reservations_is_disapproval_not_a_refusal():
    types = _types("La sénatrice a exprimé son désaccord avec le ministre.")
    assert "ACCUSE" in types and "REJECT" not in types
    assert "ACCUSE" in _types("Les maires ont fait part de leurs réserves sur le projet.")
    assert "ACCUSE" in _types("Le syndicat a exprimé sa déception.")
    assert "REJECT" in _types("Le syndicat a opposé une fin de non-recevoir au ministre.")
    assert "ACCUSE" not in _types("Le pays a fait des réserves de pétrole.")


def test_someone_said_to_be_in_custody_is_held():
    held = [e for e in _fr_events("Le gérant est en garde à vue depuis lundi.") if e.type == "COERCE"]
    assert held and [r.text for r in held[0].recipients] == ["Le gérant"]
    assert "COERCE" in _types("Le gérant a passé la nuit de dimanche à lundi en garde à vue.")
    assert "COERCE" in _types("Le gérant, en détention provisoire depuis mars, a écrit au juge.")
    assert "COERCE" not in _types("Le gérant a rappelé les règles de la garde à vue.")
    assert "COERCE" not in _types("La procureure a demandé une peine d'un an avec maintien en détention.")


def test_a_quoted_word_glued_to_an_elided_article_is_read():
    # the tokenizer left 'd'"irresponsable' in one token: the quoted judgement went unseen
    assert "ACCUSE" in _types("La députée avait qualifié ce discours d'\"irresponsable\".")


def test_a_politicians_attacks_are_criticism_not_violence():
    types = _types("La sénatrice a répondu aux attaques de Laurent Wauquiez.")
    assert "ACCUSE" in types and "ASSAULT" not in types
    assert "ASSAULT" in _types("L'attaque contre le commissariat a fait deux blessés.")

def test_celui_ci_and_ce_dernier_are_the_person_just_named():
    blamed = [e for e in _fr_events("Marc Vidal est arrivé lundi à Rennes. Celui-ci a dénoncé une attaque contre la République.")
              if e.type == "ACCUSE"]
    assert blamed and blamed[0].actors[0].name == "Marc Vidal", blamed
    held = [e for e in _fr_events("Le juge a entendu Luc Bernier. Ce dernier a été placé en garde à vue.") if e.type == "COERCE"]
    assert held and held[0].recipients[0].name == "Luc Bernier", held


def test_a_possessive_in_a_complex_preposition_phrase_is_the_clause_subject():
    held = [e for e in _fr_events("Luc Bernier a dénoncé, lors de sa garde à vue, des violences.") if e.type == "COERCE"]
    assert held and [r.name or r.text for r in held[0].recipients] == ["Luc Bernier"], held


def test_who_appears_before_a_court_is_tried_by_it():
    tried = [e for e in _fr_events("Le maire Luc Bernier doit comparaître devant le tribunal correctionnel de Rennes en mai.")
             if e.type == "COERCE"]
    assert tried and "tribunal" in tried[0].actors[0].text and tried[0].recipients[0].text.endswith("Luc Bernier"), tried
    tried = [e for e in _fr_events("Luc Bernier comparaîtra pour fraude lundi.") if e.type == "COERCE"]
    assert tried and tried[0].actors[0].text == "justice" and tried[0].recipients, tried
    assert "COERCE" not in _types("Douze des vingt prévenus comparaissaient libres lors du délibéré.")


def test_a_name_the_tagger_took_for_a_common_noun_is_still_someone():
    # 'Roman' read as the noun 'roman' (a novel): the entity recogniser still says a person
    blamed = [e for e in _fr_events("La comédienne Julie Marin accuse Roman Polanski de l'avoir agressée en 1980.") if e.type == "ACCUSE"]
    assert blamed and [r.name or r.text for r in blamed[0].recipients] == ["Roman Polanski"], blamed


def test_a_passive_infinitive_under_a_modal_verb_has_the_modal_subject_for_patient():
    held = [e for e in _fr_events("Les deux passeurs pourraient être interpellés dans la soirée.") if e.type == "COERCE"]
    assert held and [r.text for r in held[0].recipients] == ["Les deux passeurs"], held
    held = [e for e in _fr_events("Le militant vient d'être interpellé par les gendarmes.") if e.type == "COERCE"]
    assert held and [r.text for r in held[0].recipients] == ["Le militant"], held


def test_referral_to_the_prosecutor_or_the_court_is_a_judicial_measure():
    assert "COERCE" in _types("Le conducteur a été déféré lundi au parquet de Rennes.")
    assert "COERCE" in _types("Quatre jeunes ont été déférés devant le tribunal mardi.")
    assert "COERCE" not in _types("La maire a présenté son budget au tribunal administratif.")


def test_disciplinary_measures_on_someone_restrict_them():
    assert "COERCE" in _types("Deux gendarmes ont été suspendus après la vidéo.")
    assert "COERCE" in _types("La ministre a décidé de limoger le directeur de la prison.")
    assert "COERCE" not in _types("Le juge a suspendu l'audience pour une heure.")


def test_making_something_compulsory_is_a_restriction():
    assert "COERCE" in _types("Le préfet a rendu obligatoire le port du casque.")


def test_a_purpose_infinitive_hung_on_the_object_is_done_by_the_subject():
    blamed = [e for e in _fr_events("La députée a profité de l'annonce du budget pour critiquer le ministre.") if e.type == "ACCUSE"]
    assert blamed and blamed[0].actors[0].text == "La députée", blamed


def test_taking_up_a_case_is_investigating_it():
    assert "ACCUSE" in _types("La brigade des mineurs s'est saisie du dossier mardi.")
    assert "ACCUSE" not in _types("Le ministre a saisi l'occasion de parler aux agriculteurs.")


def test_flaring_up_against_something_is_criticism():
    assert "ACCUSE" in _types("La sénatrice s'est emportée contre la réforme des retraites.")
    assert "ACCUSE" in _types("Les maires se désolent de la fermeture des classes.")
    assert "ACCUSE" not in _types("L'équipe de Lyon a emporté le match.")


def test_repeating_or_enjoying_support_is_support():
    assert "SUPPORT" in _types("La ministre a répété son soutien aux agriculteurs.")
    backed = [e for e in _fr_events("Le maire bénéficie du soutien de ses anciens adjoints.") if e.type == "SUPPORT"]
    assert backed and backed[0].recipients[0].text == "Le maire", backed


def test_an_unnamed_death_threat_is_a_threat():
    threats = [e for e in _fr_events("La maire a été menacée de mort sur les réseaux sociaux.") if e.type == "THREATEN"]
    assert threats and threats[0].recipients[0].text == "La maire", threats

def test_a_start_date_on_the_event_itself_dates_it_in_the_past():
    # published on Wednesday 27 November 2024: 'depuis lundi' is the Monday gone, when the custody began
    held = [e for e in _fr_events("Les deux gérants sont en garde à vue depuis lundi.") if e.type == "COERCE"]
    assert held and held[0].date.value == "2024-11-25", held
    held = [e for e in _fr_events("La journaliste est détenue au Caire depuis juin.") if e.type == "COERCE"]
    assert held and held[0].date.value == "2024-06", held
    # a start date on a description of the actor is not the day of the act
    blamed = [e for e in _fr_events("Le maire, en poste depuis 2017, a dénoncé les violences.") if e.type == "ACCUSE"]
    assert blamed and blamed[0].date.value is None, blamed
    blamed = [e for e in _fr_events("Le député a dénoncé la politique de Marc Vidal, à la tête du parti depuis décembre 2017.")
              if e.type == "ACCUSE"]
    assert blamed and blamed[0].date.value is None, blamed


def test_a_possessive_on_a_sentence_subject_points_to_the_previous_subject():
    held = [e for e in _fr_events("Luc Bernier a été entendu lundi par les enquêteurs. Sa garde à vue a été prolongée mardi.")
            if e.type == "COERCE"]
    assert held and [r.name for r in held[0].recipients] == ["Luc Bernier"], held
    # of another number, it is someone else, left unresolved
    held = [e for e in _fr_events("Les deux militantes ont été interpellées lundi. Sa garde à vue a été prolongée mardi.")
            if e.type == "COERCE" and "garde" in e.trigger]
    assert held and [r.name for r in held[0].recipients] == [None], held


def test_an_apposed_participle_names_the_doer_of_the_passive_before_it():
    killed = [e for e in _fr_events("Le 3 mars, une adolescente avait été tuée, poignardée par un voisin.") if e.type == "ASSAULT"]
    assert killed and [a.text for a in killed[0].actors] == ["un voisin"], killed
    assert [r.text for r in killed[0].recipients] == ["une adolescente"], killed



def test_a_town_the_tagger_took_for_an_adjective_is_still_the_place():
    # 'Chelles' after 'de' is tagged as an adjective, the entity recogniser says a place
    filed = [e for e in _fr_events("Malgré le choc, le chanteur a ensuite déposé plainte au commissariat de Chelles.")
             if e.type == "ACCUSE"]
    assert filed and filed[0].location is not None and filed[0].location.name == "Chelles", filed


def test_an_organisation_named_by_a_common_noun_is_the_doer_and_a_thing_is_not():
    # a studio, a platform, an inspectorate: bodies that act (agents.json), named without a proper name
    asked = [e for e in _fr_events("Le studio demande au juge de suspendre la vente du jeu.") if e.type == "REQUEST"]
    assert asked and [a.text for a in asked[0].actors] == ["Le studio"], asked
    filed = [e for e in _fr_events("La plateforme a porté plainte contre le pirate informatique.") if e.type == "ACCUSE"]
    assert filed and [a.text for a in filed[0].actors] == ["La plateforme"], filed
    blamed = [e for e in _fr_events("L'inspection du travail a dénoncé les conditions de sécurité du chantier.") if e.type == "ACCUSE"]
    assert blamed and [a.text for a in blamed[0].actors] == ["L'inspection du travail"], blamed
    # a document or an object is still no one
    assert "REQUEST" not in _types("Le texte demande au gouvernement de revoir sa copie.")
    assert "REQUEST" not in _types("Le rapport demande au ministre de revoir sa copie.")


def test_the_parties_to_a_negotiation_are_its_doers():
    met = [e for e in _fr_events("Les deux parties se sont rencontrées mardi à Genève.") if e.type == "CONSULT"]
    assert met and [a.text for a in met[0].actors] == ["Les deux parties"], met


def test_a_participle_hung_on_the_noun_before_it_continues_the_passive():
    # 'mis en examen' and 'placé en garde à vue' after a comma or 'et' share the passive's subject and date,
    # though the parser hangs them on the noun before ('juge', 'matin') or makes them adverbial clauses
    held = [e for e in _fr_events("Le militaire a été présenté mardi à un magistrat à Brest, mis en examen et placé en détention.")
            if e.type == "COERCE"]
    assert held and all([r.text for r in e.recipients] == ["Le militaire"] for e in held), held
    placed = [e for e in _fr_events("La conductrice a été entendue lundi matin par les enquêteurs et placée en garde à vue.")
              if e.type == "COERCE"]
    assert placed and [r.text for r in placed[0].recipients] == ["La conductrice"], placed
    assert placed[0].date.value == "2024-11-25", placed
    # the agent's participle is the agent's: 'interpellé peu après' is the man who shot
    shot = _fr_events("Le gardien a été blessé par un homme armé, interpellé peu après.")
    assert not any(e.type == "COERCE" and [r.text for r in e.recipients] == ["Le gardien"] for e in shot), shot


def test_appealing_a_verdict_is_rejecting_it_and_resorting_to_someone_is_not():
    assert "REJECT" in _types("L'avocate du maire a fait appel du jugement.")
    assert "REJECT" in _types("Son conseil va former un pourvoi en cassation.")
    assert "ACCUSE" not in _types("Son conseil va former un pourvoi en cassation.")
    assert "REJECT" not in _types("La commune a fait appel à un cabinet privé.")
    assert "REJECT" not in _types("Les gendarmes ont fait appel à des renforts.")


def test_one_of_them_or_both_of_them_is_someone_undergoing_the_act():
    charged = [e for e in _fr_events("L'une a été mise en examen et placée sous contrôle judiciaire.") if e.type == "COERCE"]
    assert charged and [r.text for r in charged[0].recipients] == ["L'une"], charged
    held = [e for e in _fr_events("Tous deux ont été placés en garde à vue jeudi.") if e.type == "COERCE"]
    assert held and [r.text for r in held[0].recipients] == ["Tous deux"], held
    burnt = [e for e in _fr_events("Un des entrepôts a été incendié dans la nuit.") if e.type == "ASSAULT"]
    assert all(not e.recipients for e in burnt), burnt


def test_an_act_decided_is_done_not_announced():
    # 'a décidé de relâcher': the release itself (RETREAT), not a commitment to it (CONCEDE), and no future flag
    freed = [e for e in _fr_events("Les ravisseurs ont décidé de libérer leur otage.") if e.type in ("RETREAT", "CONCEDE")]
    assert freed and freed[0].type == "RETREAT" and "future" not in freed[0].flags, freed
    banned = [e for e in _fr_events("La préfète a décidé d'interdire les rassemblements.") if e.type == "COERCE"]
    assert banned and "future" not in banned[0].flags, banned
    # a decision still to come stays in the future
    later = [e for e in _fr_events("Le conseil va décider de fermer les écoles.") if e.type == "COERCE"]
    assert later and "future" in later[0].flags, later



def test_an_event_nouns_complement_hung_on_its_de_phrase_is_the_event_nouns():
    # the parser hangs 'en Tunisie' on 'ministre' and 'par les policiers' on 'étudiant'
    visit = [e for e in _fr_events("La visite du ministre en Tunisie a été très commentée.") if e.type == "CONSULT"]
    assert visit and [r.text for r in visit[0].recipients] == ["Tunisie"], visit
    arrest = [e for e in _fr_events("L'arrestation de l'étudiant par les policiers a choqué sa famille.") if e.type == "COERCE"]
    assert arrest and [a.text for a in arrest[0].actors] == ["les policiers"], arrest


def test_a_participants_phrase_stops_before_an_agent_or_an_apposed_participle():
    # 'par les gendarmes' hung on the 'de' noun is the agent, not part of the one arrested
    held = [e for e in _fr_events("L'interpellation d'un jeune syndicaliste par les gendarmes a indigné ses collègues.") if e.type == "COERCE"]
    assert held and [r.text for r in held[0].recipients] == ["un jeune syndicaliste"], held
    # an apposed participle after a comma is what happened to him, not part of his name
    hurt = [e for e in _fr_events("Un individu cagoulé, arrêté dans la soirée, a frappé le vigile.") if e.type == "ASSAULT"]
    assert hurt and [a.text for a in hurt[0].actors] == ["Un individu cagoulé"], hurt


def test_an_infinitive_after_a_possessed_intention_noun_is_done_by_the_subject():
    # 'son intention' controls nothing: whoever announces their intention to appeal appeals
    appeal = [e for e in _fr_events("Le défenseur du prévenu a aussitôt annoncé son intention de faire appel.") if e.type == "REJECT"]
    assert appeal and [a.text for a in appeal[0].actors] == ["Le défenseur du prévenu"], appeal
    # an object who is someone still does what they are urged to
    urged = [e for e in _fr_events("La présidente a exhorté son homologue à retirer ses soldats.") if e.type == "REQUEST"]
    assert urged and [r.text for r in urged[0].recipients] == ["son homologue"], urged


def test_a_participants_phrase_stops_before_a_relative_clause_hung_on_its_complement():
    # the relative clause hangs on 'Martin', inside 'de la famille Martin': the phrase still stops before it
    appeal = [e for e in _fr_events("Les défenseurs de la famille Martin, qui avaient plaidé l'acquittement, ont annoncé leur "
                                    "intention de faire appel.") if e.type == "REJECT"]
    assert appeal and [a.text for a in appeal[0].actors] == ["Les défenseurs de la famille Martin"], appeal
