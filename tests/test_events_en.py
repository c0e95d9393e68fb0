"""English event patterns on invented sentences: lexicon families and parse repairs (issue 7)."""

from __future__ import annotations

from veille.model import Article
from veille.options import Options
from veille.repair import clean_article
from veille.understand import understand


def patterns(text: str, published: str | None = "2024-11-27") -> Article:
    """The English patterns alone (no statistical second opinion)."""
    return understand(clean_article(text.split("\n\n"), "<test>", "en", published), Options(language="en", event_model=False))


def types(text: str) -> set[str]:
    return {e.type for e in patterns(text).events}


def only(events, etype):
    found = [e for e in events if e.type == etype]
    assert found, [(e.type, e.trigger) for e in events]
    return found[0]


def test_detainees_elders_and_members_of_a_body_are_someone():
    beaten = only(patterns("Prison guards beat up two detainees in the yard.").events, "ASSAULT")
    assert [r.text for r in beaten.recipients] == ["two detainees"]
    assert "REQUEST" in types("Village elders have demanded that the governor be replaced.")
    strike = only(patterns("A member of the regional assembly began a hunger strike on Monday.").events, "PROTEST")
    assert strike.actors


def test_a_hunger_strike_or_a_general_strike_is_a_protest_and_an_ultimatum_a_threat():
    assert types("Dozens of inmates started a hunger strike to protest their conditions.") >= {"PROTEST"}
    assert "ASSAULT" not in types("Dozens of inmates started a hunger strike to protest their conditions.")
    assert types("The unions called a general strike across the country.") == {"PROTEST"}
    assert types("The army carried out a strike on a weapons depot.") == {"ASSAULT"}
    assert types("Ruritania issued an ultimatum to its neighbour to pull back its troops.") == {"THREATEN"}


def test_complaints_hearings_and_defiance_are_accusations_or_refusals():
    assert "ACCUSE" in types("Ruritania complained to the Security Council over the border incursions.")
    assert "ACCUSE" not in types("Some shoppers complained about long queues at the tills.")
    assert "REJECT" in types("The weekly newspaper violated a ban imposed by the military governor.")
    assert "REJECT" in types("The president has reneged on his promise to hold early elections.")
    assert "REQUEST" in types("The rebel movement insisted on its demand for a referendum.")


def test_bans_blockades_and_stopped_rallies_are_coercion():
    banned = only(patterns("The junta banned two opposition leaders from standing in the election.").events, "COERCE")
    assert [r.text for r in banned.recipients] == ["two opposition leaders"]
    assert "COERCE" in types("Riot police prevented the rally planned outside the ministry.")
    assert "COERCE" not in types("The new rules will prevent the use of mobile phones in class.")
    assert "COERCE" in types("The army declared a state of siege in the northern provinces.")
    assert "COERCE" in types("The occupying forces reimposed blockades around the town.")


def test_suspended_links_prohibited_aid_alerts_reinforcements_and_withdrawals():
    assert "SANCTION" in types("Ruritania announced a suspension of air links with its neighbour.")
    assert "SANCTION" in types("The government said it would prohibit all aid to the separatists.")
    assert "MOBILIZE" in types("The army has strengthened its forces along the border.")
    assert "MOBILIZE" in types("Government troops remained on alert in the capital.")
    assert "RETREAT" in types("The country speeded up the withdrawal of its forces from the island.")
    assert "RETREAT" in types("Half of the militiamen have been demobilized since the accord.")
    assert "AID" in types("Volunteer doctors handed over two tons of medicine to the local clinic.")
    assert "AGREE" in types("The island state accepted a formula for ending the fishing dispute.")


def test_a_negated_acceptance_is_a_refusal_made_now():
    refused = only(patterns("The ministry did not accept the offer.").events, "REJECT")
    assert "negated" not in refused.flags
    assert "future" not in only(patterns("Ruritania will not accept the new demands.").events, "REJECT").flags
    assert "REJECT" in types("The governor did not heed the advice of his aides.")
    assert not types("The minister never agreed to the ceasefire.")
    assert types("The ministry accepted the offer.") == {"AGREE"}


def test_a_coercive_act_announced_under_its_own_condition_is_a_threat():
    threat = only(patterns("The party said it will boycott the vote unless the president steps down.").events, "THREATEN")
    assert [a.text for a in threat.actors] == ["The party"] and not {"future", "hypothetical"} & set(threat.flags)
    assert types("The army warned it would shell the town if the rebels did not withdraw.") >= {"THREATEN"}
    assert "THREATEN" not in types("If convicted, the former governor faces ten years in prison.")
    assert "THREATEN" not in types("The army shelled the town after the rebels refused to withdraw.")


def test_calling_someone_or_something_a_bad_or_a_good_name_is_blame_or_praise():
    assert types('The foreign ministry called the vote a "dangerous provocation".') == {"ACCUSE"}
    assert "ACCUSE" in types("The senator branded the budget a disgrace.")
    assert "ACCUSE" in types("The union described the reform as a betrayal of the workers.")
    assert types("The governor called the volunteers heroes.") == {"SUPPORT"}
    assert types("The minister called the ambassador on Sunday.") == {"CONSULT"}
    assert not types("Analysts describe the currency as volatile.")


def test_politicians_vilifying_feuds_regrets_and_calls_made_among_measures():
    assert "ACCUSE" in types('A teacher said politicians have "vilified" educators.')
    assert "ACCUSE" in types("The investor recently tangled with the senator over her tax plan.")
    assert "ACCUSE" in types("The foreign ministry said it regrets the decision to expand the settlements.")
    assert "REQUEST" in types("The opposition said it would oppose the law by all means, including calling for a referendum.")


def test_recognition_and_forgiveness_are_support_and_a_pardon_is_not():
    assert "SUPPORT" in types("Ruritania recognised the breakaway region as an independent state.")
    assert "SUPPORT" in types("Forty states have recognised the republic's independence.")
    assert "SUPPORT" in types("The villagers said they forgive the former rebels.")
    assert "SUPPORT" not in types("The president pardoned two journalists.")


def test_lifting_or_cancelling_restrictions_is_a_concession_and_offering_talks_an_agreement():
    assert types("The junta lifted the state of emergency in the eastern region.") == {"CONCEDE"}
    assert "CONCEDE" in types("The constitutional court cancelled restrictions on the minority language.")
    assert types("The cabinet imposed a curfew on the capital.") == {"COERCE"}
    talks = only(patterns("The prime minister offered to negotiate with the separatists.").events, "AGREE")
    assert "future" in talks.flags


def test_stopping_work_mediation_missions_and_artillery_fire():
    assert "PROTEST" in types("Thousands of dockers stopped work on Monday over the pay freeze.")
    assert "CONSULT" in types("The emir launched a mediation effort between the two neighbours.")
    assert "ASSAULT" in types("Government forces launched artillery and rocket fire against rebel camps.")
    assert "ASSAULT" not in types("The company launched a new fire safety campaign.")


def test_praise_in_someones_words_is_support():
    praise = only(patterns('"The mayor is a woman of exemplary courage and integrity," the bishop said.').events, "SUPPORT")
    assert [a.text for a in praise.actors] == ["the bishop"]
    assert "SUPPORT" not in types("The harvest was exceptional this year, the farmers' union said.")


def test_a_participle_after_a_comma_takes_the_main_clause_s_subject_not_its_object():
    killed = only(patterns("The village was raided by armed bandits, killing nine farmers.").events, "ASSAULT")
    assert any("bandits" in a.text for e in patterns("The village was raided by armed bandits, killing nine farmers.").events
               for a in e.actors)
    assert killed.recipients


def test_storming_a_place_is_no_storm_and_a_passive_keeps_its_object_condition():
    assert "ASSAULT" in types("Gunmen stormed the police post on Friday, killing two officers.")
    assert "ASSAULT" not in types("The storm killed two fishermen on Friday.")
    assert "RETREAT" in types("The blockade of the port was lifted by the navy on Monday.")


def test_a_statement_or_letter_speaks_for_whoever_issues_it():
    demand = only(patterns("The farmers' union sent a letter urging the agriculture minister to resign.").events, "REQUEST")
    assert [a.text for a in demand.actors] == ["The farmers' union"]
    assert [r.text for r in demand.recipients] == ["the agriculture minister"]
    blame = only(patterns("The opposition party issued a statement condemning the arrest of its spokesman.").events, "ACCUSE")
    assert [a.text for a in blame.actors] == ["The opposition party"]
    arrest = only(patterns("Police arrested a man carrying a knife.").events, "COERCE")
    assert [a.text for a in arrest.actors] == ["Police"]


def test_a_weapon_or_an_attack_as_subject_kills_with_its_attacker_unnamed():
    blast = only(patterns("A roadside bomb killed four soldiers near the town on Tuesday.").events, "ASSAULT")
    assert not blast.actors and blast.recipients
    assert "ASSAULT" in types("Drone strikes have killed dozens of fighters in the valley.")
    assert "ASSAULT" not in types("The fever killed dozens of villagers in the valley.")


def test_a_noun_qualified_by_an_infinitive_clause_is_the_subject_of_the_main_verb():
    text = "The only three countries to have ratified the accord with Ruritania also sharply criticised the new tariffs."
    blame = only(patterns(text).events, "ACCUSE")
    assert [a.text for a in blame.actors] == ["The only three countries"]


def test_the_main_clause_event_outranks_what_a_participle_adds():
    events = patterns("Thousands of dockers marched through the port city on Sunday, calling for the minister to resign.").events
    top = max(events, key=lambda e: e.confidence)
    assert top.type == "PROTEST", [(e.type, e.confidence) for e in events]
    assert "RETREAT" not in {e.type for e in events}  # what they call for is no event of its own


def test_a_participle_on_the_medium_or_occasion_of_speech_speaks_for_the_speaker():
    blame = only(patterns("Last week the minister posted on Twitter accusing the opposition of lying.").events, "ACCUSE")
    assert [a.text for a in blame.actors] == ["the minister"]
    praise = only(patterns("The mayor said in a speech thanking the firefighters that the town would rebuild.").events, "SUPPORT")
    assert [a.text for a in praise.actors] == ["The mayor"]


def test_less_lethal_force_by_police_is_an_assault_but_spraying_a_field_is_not():
    assert "ASSAULT" in types("Deputies tasered the driver after a short chase.")
    assert "ASSAULT" in types("Riot police pepper-sprayed the students outside the campus.")
    assert "ASSAULT" not in types("The farmer sprayed his orchards on Monday.")


def test_a_crime_named_in_a_charge_a_verdict_or_an_accusation_is_not_reported_as_done():
    charged = types("The prosecutor charged the farmer with one count of murder of a neighbour.")
    assert "COERCE" in charged and "ASSAULT" not in charged
    assert "ASSAULT" not in types("A jury found the baker guilty of the killing of his business partner.")
    assert "ASSAULT" not in types("The governor accused the militia of carrying out the attack on the village.")
    assert "ASSAULT" in types("Gunmen attacked the village and the police arrested two of them.")


def test_facing_a_charge_is_a_legal_charge_and_testifying_is_no_accusation():
    faces = types("The owner of the ferry now faces a charge of reckless endangerment.")
    assert "COERCE" in faces and "ACCUSE" not in faces
    assert "ACCUSE" not in types("The lorry driver faces charges of dangerous driving.")
    assert "ACCUSE" not in types("The nurse testified that she had left the ward at midnight.")
    assert "ACCUSE" in types("A neighbour testified against the mayor on Tuesday.")


def test_testimony_accuses_only_when_it_tells_what_someone_named_did():
    assert "ACCUSE" in types("A guard testified that the prisoner attacked him with a chair.")
    assert "ACCUSE" not in types("He testified that he came forward to clear his name.")


def test_a_private_person_telling_another_to_do_something_is_no_request():
    assert "REQUEST" not in types("While she screamed, her mother told her to stop talking.")
    assert "REQUEST" in types("The police officer told the suspect to show his hands.")


def test_a_hyphenated_accident_word_cut_by_the_tokenizer_still_marks_an_accident():
    assert "ASSAULT" not in types("A pensioner was killed by a hit-and-run driver in the town centre on Friday.")


MATCH_REPORT = """Rovers beat United to reach the cup final

The quarterback threw for 300 yards as the Hawks won the game in the last minute of the season opener.

The coach praised his rookie receiver, and the team now leads the league after the playoff.

The Hawks beat the Owls, 31-24, on Thursday night.

The stadium was full and the players celebrated the touchdown with the fans before the championship."""


def test_in_a_match_report_every_sentence_is_read_as_sport():
    article = understand(clean_article(MATCH_REPORT.split("\n\n"), "<test>", "en", "2024-11-27"),
                         Options(language="en", event_model=False))
    assert "ASSAULT" not in {e.type for e in article.events}, [(e.type, e.trigger) for e in article.events]


def test_sentences_served_court_appearances_and_intercepted_boats_are_coercion():
    assert "COERCE" in types("The judge handed down the maximum sentence on each charge.")
    assert "COERCE" in types("He served a prison term for his role in the fraud.")
    assert "COERCE" in types("The driver is expected to appear in court next week.")
    assert "COERCE" not in types("She appeared in a film last year.")
    assert "COERCE" in types("The coast guard intercepted three boats carrying smuggled cigarettes.")


def test_agentless_investigations_and_a_fire_treated_as_arson_are_investigations():
    assert "ACCUSE" in types("The fire at the warehouse is being investigated as a crime.")
    assert "ACCUSE" in types("The blaze was being treated as arson.")
    assert "ACCUSE" not in types("Reporters investigated the claims for months.")


def test_the_passive_of_a_raising_verb_lends_its_subject_but_a_passive_request_does_not():
    assert "COERCE" in types("The driver is expected to appear in court.")
    assert "CONSULT" not in types("Federal agencies were required to consult with scientists before each project.")


def test_foiling_an_attack_or_escorting_ships_is_protection_and_rioters_throw_stones():
    foiled = types("The Indian warship foiled a pirate attack on two fishing boats.")
    assert "AID" in foiled and "ASSAULT" not in foiled
    assert "AID" in types("The coast guard was escorting three tankers through the strait.")
    assert "PROTEST" in types("Youths hurled petrol bombs and rocks at a police station.")
    assert "PROTEST" not in types("He threw the ball at the wall.")


def test_saying_sorry_is_an_apology():
    assert "SUPPORT" in types("The mayor said he was sorry for the delay.")


def test_protest_nouns_are_reported_as_happening_only_as_subjects_of_occurrence():
    assert "PROTEST" in types("The protests began peacefully in June.")
    assert "PROTEST" in types("Fresh riots were reported in the capital on Saturday.")
    assert "PROTEST" not in types("The demonstrations revealed deep discontent.")
    assert "PROTEST" not in types("The senator spoke at a rally in Ohio.")
    assert "PROTEST" in types("Students held a silent vigil in the square.")


def test_a_previous_arrest_referred_to_is_not_reported():
    assert "COERCE" not in types("He was on probation for a previous arrest for drunk driving.")
    assert "COERCE" in types("The arrest of the mayor shocked the town.")


def test_private_visits_are_no_consultation_and_recovered_weapons_are_seized():
    assert "CONSULT" not in types("A woman who was visiting her brother in prison was hurt.")
    assert "CONSULT" in types("The minister met the Chinese ambassador on Monday.")
    assert "COERCE" in types("A handgun was recovered during the arrest.")


def test_asking_someone_alone_is_a_question_not_a_request():
    assert "REQUEST" not in types("The defence lawyer asked the witness, who said he had seen the gun.")
    assert "REQUEST" in types("The mayor asked the army to leave the city.")


def test_a_deed_told_in_a_quotation_is_reported_but_not_one_named_as_a_topic():
    assert "ASSAULT" in types('"He was shot in the head and left dying on the ground," the prosecutor said.')
    assert "ASSAULT" not in types('"Nothing shows that this shooting was outside the rules," the commissioner said.')


def test_people_named_by_a_number_can_be_shot_or_arrested():
    assert "ASSAULT" in types("She shot the other three, police say.")
    assert "COERCE" in types("Police arrested 23 on Saturday.")


def test_a_participle_coordinated_with_a_passive_shares_its_auxiliary():
    released = only(patterns("The teenager was questioned at the station and later released on bail.").events, "RETREAT")
    assert [r.text for r in released.recipients] == ["The teenager"]
    assert "COERCE" in types("Two youths were identified and arrested near the market.")
    assert "RETREAT" not in types("The band was formed in 1990 and has released four albums.")


def test_someone_taken_or_sent_to_jail_is_detained():
    taken = only(patterns("The cyclist was taken to the county jail on Sunday.").events, "COERCE")
    assert [r.text for r in taken.recipients] == ["The cyclist"]
    assert "COERCE" in types("A judge sent the man to prison for six years.")
    assert "COERCE" in types("The nurse was remanded in custody until March.")
    assert "COERCE" not in types("Volunteers brought blankets to the prison.")
    assert "COERCE" not in types("The injured hiker was taken to hospital.")


def test_the_deed_of_someone_found_guilty_has_them_as_its_doer():
    killed = only(patterns("A farmer was found guilty of killing his neighbour.").events, "ASSAULT")
    assert [a.text for a in killed.actors] == ["A farmer"]
    stabbed = only(patterns("The jury found him guilty of stabbing a nurse.").events, "ASSAULT")
    assert [a.text for a in stabbed.actors] == ["him"]
    assert "ASSAULT" not in types("The soldier said he was capable of killing.")


def test_relief_distributed_or_transported_is_aid():
    assert "AID" in types("The army has transported relief supplies to the flooded villages.")
    assert "AID" in types("Volunteers distributed tents, blankets and food to the survivors.")
    assert "AID" not in types("The company distributed its new phones in Europe.")


def test_casualties_in_a_natural_disaster_report_are_no_attack():
    report = ("A strong earthquake struck the island on Sunday. Aftershocks were felt in the capital "
              "and a tsunami warning was lifted.\n\nDozens of villagers were injured.")
    assert "ASSAULT" not in types(report)
    assert "ASSAULT" in types("Dozens of villagers were injured when gunmen opened fire on a market.")


def test_a_players_contract_named_by_its_term_or_sum_is_no_political_agreement():
    assert "AGREE" not in types("The pitcher agreed to a seven-year, $161-million deal with the club.")
    assert "AGREE" not in types("The club has offered an eight-year contract to the shortstop.")
    assert "SUPPORT" not in types("The outfielder signed a three-year contract with the club on Friday.")
    assert "AGREE" in types("The two parties agreed to a ceasefire deal on Monday.")


def test_a_companys_advice_to_its_users_is_no_request():
    assert "REQUEST" not in types("The software maker advised users to install the update at once.")
    assert "REQUEST" not in types("The bank encourages all customers to change their passwords.")
    assert "REQUEST" in types("The minister urged the rebels to lay down their arms.")


def test_an_attorney_general_is_no_army_officer():
    probe = only(patterns("The state attorney general is investigating the charity.").events, "ACCUSE")
    assert probe.actors[0].sector == "JUD"
    assert only(patterns("A general ordered the troops to advance.").events, "REQUEST").actors[0].sector == "MIL"


def test_stones_hurled_at_someone_or_in_volleys_are_a_riot():
    riot = only(patterns("The youths hurled stones and bottles at the police.").events, "PROTEST")
    assert [a.text for a in riot.actors] == ["The youths"]
    assert "PROTEST" in types("Dozens of youths hurled volleys of petrol bombs at the ministry.")
    assert "PROTEST" not in types("He threw a party for his friends at the club.")


def test_a_traffic_stop_by_the_police_is_a_detention():
    stop = only(patterns("Police stopped the driver a few blocks away.").events, "COERCE")
    assert [r.text for r in stop.recipients] == ["the driver"]
    assert "COERCE" in types("Officers pulled him over on the freeway.")
    assert "COERCE" not in types("Police pulled two men from the burning car.")
    assert "COERCE" not in types("He stopped the car and got out.")


def test_members_of_a_group_named_before_them_are_someone():
    arrest = only(patterns("Police arrested two gang members on Sunday.").events, "COERCE")
    assert [r.text for r in arrest.recipients] == ["two gang members"]
    assert arrest.recipients[0].sector == "CRM"


def test_a_phrase_that_only_tells_when_is_no_target():
    assert "ASSAULT" not in types("The coach fired his assistant on Monday.")
    assert "ASSAULT" in types("The guard fired on the crowd on Monday.")


def test_someone_overpowered_or_subdued_is_attacked():
    attack = only(patterns("The prisoner overpowered a guard and took her keys.").events, "ASSAULT")
    assert [a.text for a in attack.actors] == ["The prisoner"]
    assert "ASSAULT" not in types("The central bank moved to subdue inflation.")


def test_munitions_that_hit_fall_or_are_dropped_are_an_attack():
    assert "ASSAULT" in types("Mortar shells hit the clinic while patients were waiting outside.")
    assert "ASSAULT" in types("Two rockets landed near the bus station on Tuesday.")
    assert "ASSAULT" in types("Jets dropped bombs on the market town overnight.")
    assert "ASSAULT" in types("Six bombs were dropped on the district, residents said.")
    assert "ASSAULT" not in types("The test missile landed in the sea.")
    assert "ASSAULT" not in types("Share prices fell on Monday.")


def test_shots_returned_and_arson_are_attacks():
    assert "ASSAULT" in types("The guards fired back with rifles.")
    assert "ASSAULT" in types("The army said its soldiers had fired in self-defence.")
    assert "ASSAULT" in types("Border troops returned fire.")
    assert "ASSAULT" in types("A teenager set fire to the synagogue on Sunday night.")
    assert "ASSAULT" in types("The thieves set the van ablaze before fleeing.")
    assert "ASSAULT" not in types("She set the table for dinner.")


def test_protesters_clashing_with_police_riot_and_a_surrender_is_a_retreat():
    assert "PROTEST" in types("Students clashed with police outside the ministry.")
    assert "PROTEST" not in types("Rebels clashed with government troops near the border.")
    assert "RETREAT" in types("The fugitive gave himself up to police on Friday.")


def test_a_particle_parsed_as_a_preposition_still_makes_the_phrasal_verb():
    stop = only(patterns("Troopers pulled the driver over a few blocks away.").events, "COERCE")
    assert [r.text for r in stop.recipients] == ["the driver"]
    assert "COERCE" in types("The motorist was pulled over for speeding on the interstate.")


def test_the_police_sealing_off_a_place_restricts_it():
    assert "COERCE" in types("Police sealed off the district after the shooting.")
    assert "COERCE" in types("Officers locked down the campus on Tuesday.")
    assert "COERCE" not in types("The company closed down its factory.")


def test_an_investigation_reopened_or_faced_is_one():
    assert "ACCUSE" in types("Prosecutors reopened the investigation in March.")
    assert "ACCUSE" in types("The mayor faced a probe over the contracts.")


def test_projectiles_thrown_at_police_and_clashes_with_them_are_a_riot():
    thrown = only(patterns("Rocks were thrown at riot police near the stadium.").events, "PROTEST")
    assert [a.text for a in thrown.actors] == ["protesters"]
    assert "PROTEST" in types("There were clashes with police outside the parliament.")
    assert "PROTEST" in types("Masked youths stormed the tax office.")
    assert "PROTEST" not in types("Heavy clashes between the army and rebels continued.")


def test_a_council_meeting_on_its_own_is_a_consultation_and_tectonic_plates_meet_no_one():
    assert "CONSULT" in types("The Security Council met on Sunday to discuss the ceasefire.")
    assert "CONSULT" not in types("The earthquake struck where two tectonic plates meet, and aftershocks followed the tsunami.")
    assert "CONSULT" not in types("The town hall received heavy damage in the storm.")


def test_cases_dropped_and_pardons_concede_and_escapes_from_custody_defy_the_law():
    assert "CONCEDE" in types("Prosecutors have dropped their investigation into the senator.")
    assert "CONCEDE" in types("The case against the activists was dropped in March.")
    assert "CONCEDE" in types("The governor pardoned the former mayor.")
    assert "RETREAT" not in types("The governor pardoned the former mayor.")
    assert "REJECT" in types("Two inmates escaped from jail on Tuesday.")
    assert "REJECT" in types("He was jailed for skipping bail.")
    assert "REJECT" not in types("Thousands of villagers escaped from the flooded valley.")


def test_a_promise_agrees_only_to_cooperate_help_or_yield():
    assert "AGREE" in types("European governments agreed to lend Portugal five billion euros.")
    assert "AGREE" in types("The ministers pledged to work together on border security.")
    assert "AGREE" in types("The union leaders agreed to postpone the march until December.")
    assert "AGREE" not in types("The activists vowed to continue their legal battle.")
    assert "AGREE" not in types("The author promised to reveal the source of the leak after his death.")


def test_someone_in_custody_is_detained():
    held = only(patterns("The driver is in custody, the sheriff said.").events, "COERCE")
    assert [r.text for r in held.recipients] == ["The driver"]
    assert "COERCE" in types("Officers have a teenager in custody after the robbery.")
    assert "COERCE" not in types("The mother was awarded custody of her children.")


def test_a_doer_named_before_an_attack_noun_stays_its_doer_when_the_target_is_a_thing():
    strike = only(patterns("Villagers said they fled after a Syrian strike on their market.").events, "ASSAULT")
    assert [a.text for a in strike.actors] == ["Syrian"] and not strike.recipients


def test_a_feeling_accuses_only_when_aimed_at_someone():
    assert "ACCUSE" in types("The farmers were furious with the agriculture minister over the quotas.")
    assert "ACCUSE" not in types("The shop owners were concerned about the rising cost of electricity.")
    assert "ACCUSE" not in types("The tenants were unhappy with the way the repairs had been handled.")


def test_rounds_of_a_tournament_and_boxing_belts_are_sport():
    assert "ASSAULT" not in types("The Wildcats reached the semifinal by beating the Hornets, with Jones grabbing twelve rebounds.")
    assert "ASSAULT" not in types("The Ukrainian has held the heavyweight belt since beating the Briton for the WBO title in 2019.")
    assert "ASSAULT" in types("Two men beat a shopkeeper with iron bars on Friday.")


def test_a_drunk_driver_running_someone_over_is_an_accident():
    assert "ASSAULT" not in types("An intoxicated driver fled after striking and injuring a cyclist on the bridge.")
    assert "ASSAULT" not in types("The man accused of running down and killing a jogger had a blood-alcohol level twice the limit.")
    assert "ASSAULT" in types("Two men stabbed and killed a shopkeeper on the bridge on Tuesday.")


def test_violence_ended_cited_or_avoided_and_wildfires_are_no_attack():
    assert "ASSAULT" not in types("The mayor said the army alone cannot end the violence in the province.")
    assert "ASSAULT" not in types("The company moved its staff abroad, citing gang violence.")
    assert "ASSAULT" not in types("Several villages in the valley were burned in a wildfire last summer.")
    assert "ASSAULT" in types("Rebels burned several villages in the valley last summer.")


def test_scheduled_court_steps_distress_calls_ships_and_hostages_held():
    arraigned = only(patterns("The lorry driver is scheduled to be arraigned in district court on Thursday.").events, "COERCE")
    assert [r.text for r in arraigned.recipients] == ["The lorry driver"] and "future" in arraigned.flags
    assert "COERCE" in types("The former mayor is expected to be charged next month.")
    assert "COERCE" in types("Her sentencing is scheduled for March 9.")
    assert "CONCEDE" not in types("The singer was scheduled to be released from hospital on Friday.")
    assert "REQUEST" in types("The fishing trawler sent a distress call after its engine caught fire.")
    assert "REQUEST" in types("The coastguard received a distress call from a yacht near the cape.")
    answered = only(patterns("The Dutch frigate responded to a distress call from the freighter.").events, "REQUEST")
    assert [a.text for a in answered.actors] == ["the freighter"]
    captured = only(patterns("The frigate chased the speedboats and captured two of them.").events, "COERCE")
    assert [a.text for a in captured.actors] == ["The frigate"]
    held = only(patterns("The journalists were held by the rebels for two months.").events, "ASSAULT")
    assert [a.text for a in held.actors] == ["the rebels"]
    assert "ASSAULT" not in types("Police held the suspect for questioning.")
    assert "MOBILIZE" in types("Roughly 300 teams of riot police were deployed to guard the stations.")
    assert "COERCE" in types("Police caught up with the runaway driver a few streets away.")
    assert "COERCE" not in types("The burglar was caught on camera.")


def test_police_raids_coerce():
    raid = only(patterns("Federal agents raided the senator's office on Monday.").events, "COERCE")
    assert [a.text for a in raid.actors] == ["Federal agents"]
    assert "COERCE" not in types("Gunmen raided a village near the border.")


def test_demanding_an_inquiry_is_a_request():
    assert "REQUEST" in types("The minister spoke at length, demanding an independent inquiry into the shootings.")
    assert "REQUEST" in types("The dockers' union wants an impartial inquiry into the crash.")
    assert "REQUEST" not in types("Detectives pressed their investigation into the fraud.")


def test_a_gerund_after_a_passive_is_done_by_its_patient_and_a_grab_by_the_throat_is_an_assault():
    fired = only(patterns("A man was charged with murder after allegedly opening fire at a bar in Leeds.").events, "ASSAULT")
    assert [a.text for a in fired.actors] == ["A man"]
    hit = only(patterns("The driver was arrested after hitting a cyclist.").events, "ASSAULT")
    assert [a.text for a in hit.actors] == ["The driver"]
    assert "ASSAULT" in types("The robber grabbed the woman by the throat.")


def test_trial_dates_court_hearings_and_a_participle_after_while():
    assert "COERCE" in types("A trial date has been set for the accused banker.")
    assert "COERCE" in types("A bail hearing will be held on Friday.")
    assert "COERCE" in types("Their first court appearance is scheduled for March 3.")
    assert "COERCE" not in types("The committee held a hearing on the budget.")
    probe = only(patterns("Deputy Ortiz was killed while investigating a shooting.").events, "ACCUSE")
    assert [a.text for a in probe.actors] == ["Ortiz"]
    killing = only(patterns("The village was raided by armed bandits, killing nine farmers.").events, "ASSAULT")
    assert any("bandits" in a.text for a in killing.actors)


def test_a_navy_boarding_a_vessel_seizes_it():
    assert "COERCE" in types("Navy commandos boarded the fishing boat on Sunday.")
    assert "COERCE" not in types("The passengers boarded the ferry at dawn.")


def test_a_hit_and_run_is_a_traffic_crash_not_an_attack():
    assert "ASSAULT" not in types("A cyclist was killed in a hit and run on Friday.")
    assert "ASSAULT" in types("Gunmen hit the convoy and ran into the hills.")

def test_a_place_the_gazetteer_does_not_know_is_named_as_the_tagger_found_it():
    attack = only(patterns("Pirates attacked a tanker in the Gulf of Aden on Monday.").events, "ASSAULT")
    assert attack.location is not None and attack.location.name == "Gulf of Aden"


def test_a_vehicle_as_the_by_agent_is_a_road_accident_not_an_assault():
    assert "ASSAULT" not in types("A retired teacher was killed on Friday when she was struck by a neighbour's van near the market.")
    assert "ASSAULT" in types("Two soldiers were killed by a car bomb near the checkpoint.")
    assert "ASSAULT" in types("The boy was shot by a policeman in the car park.")
    assert "ASSAULT" not in types("An elderly man was hit by a blue Honda Civic as he crossed the avenue.")


def test_a_site_an_organisation_runs_is_the_target_not_the_organisation():
    hit = only(patterns("Shells hit a UN clinic in the old town on Monday.").events, "ASSAULT")
    assert [r.name for r in hit.recipients] == [None]
    assert hit.recipients[0].text.startswith("a UN clinic")
    convoy = only(patterns("Rebels attacked a UN convoy near the border.").events, "ASSAULT")
    assert [r.name for r in convoy.recipients] == ["United Nations"]

def test_a_day_set_by_a_participle_of_a_plan_is_still_to_come():
    expected = only(patterns("The farmers' protest, expected on Saturday outside the ministry, is organised by the union.").events, "PROTEST")
    assert expected.date.value == "2024-11-30"  # published on Wednesday 27: the coming Saturday
    assert only(patterns("A protest is planned for Saturday outside the ministry.").events, "PROTEST").date.value == "2024-11-30"
    assert only(patterns("A protest is scheduled on Saturday outside the ministry.").events, "PROTEST").date.value == "2024-11-30"


def test_a_charge_or_a_sentence_without_its_doer_implies_no_court():
    charged = only(patterns("Two teenagers were charged with burglary on Friday.").events, "COERCE")
    assert not charged.actors and [r.text for r in charged.recipients] == ["Two teenagers"]
    sentenced = only(patterns("A former mayor was sentenced to six years in prison.").events, "COERCE")
    assert not sentenced.actors
    judge = only(patterns("A judge sentenced the former mayor to six years in prison.").events, "COERCE")
    assert [a.text for a in judge.actors] == ["A judge"]


def test_a_deed_done_in_an_attack_is_done_by_the_attack_s_named_doer():
    killed = only(patterns("Three farmers were killed in an Israeli airstrike on Tuesday.").events, "ASSAULT")
    assert [a.text for a in killed.actors] == ["Israeli"] and [r.text for r in killed.recipients] == ["Three farmers"]
    wounded = only(patterns("Two soldiers were wounded in a Taliban attack near the base.").events, "ASSAULT")
    assert [a.text for a in wounded.actors] == ["Taliban"]
    assert not only(patterns("Two soldiers were wounded in a bombing in Kabul.").events, "ASSAULT").actors
    assert not only(patterns("Five people were injured in the Kabul attack.").events, "ASSAULT").actors


def test_a_captain_an_uncle_or_a_toddler_is_someone_acted_on():
    charged = only(patterns("The ferry captain was charged with manslaughter.").events, "COERCE")
    assert [r.text for r in charged.recipients] == ["The ferry captain"]
    shot = only(patterns("His uncle was shot dead on Sunday.").events, "ASSAULT")
    assert [r.text for r in shot.recipients] == ["His uncle"]


def test_a_passive_parsed_as_be_with_an_adjective_is_still_the_act():
    slain = only(patterns("The officer was slain in front of his shop.").events, "ASSAULT")
    assert [r.text for r in slain.recipients] == ["The officer"] and not slain.actors
    assert not patterns("The shop was closed on Monday.").events


def test_whom_a_jury_found_guilty_is_the_verdict_s_recipient():
    verdict = only(patterns("The court found her guilty of fraud on Monday.").events, "ACCUSE")
    assert [a.text for a in verdict.actors] == ["The court"] and [r.text for r in verdict.recipients] == ["her"]

def test_a_language_without_interrogatives_asks_no_question_of_a_verb():
    """English data lists no interrogatives introducing an indirect question after a verb of
    asking, so 'asked' is never taken for a question asked; its children (a walk of the verb's
    whole subtree in spaCy) are not even read."""
    from veille.understand.events import _asks_question

    class Verb:
        i = 3

        @property
        def children(self) -> list:
            raise AssertionError("children read")

    assert _asks_question(Verb(), "en") is False


def test_a_tariff_or_a_recession_hitting_someone_is_no_attack():
    assert "ASSAULT" not in types("Ruritanian farmers were hit by American tariffs.")
    assert "ASSAULT" not in types("Some of the money went to growers hit by retaliatory Ruritanian tariffs.")
    assert "ASSAULT" in types("Exporters were hit by Ruritanian troops.")


def test_a_fire_marshal_or_a_prison_warden_is_someone_who_acts():
    examined = only(patterns("The fire marshal examined the ruins.").events, "ACCUSE")
    assert [a.text for a in examined.actors] == ["The fire marshal"]
    assert "ACCUSE" in types("The prison warden questioned the two guards.")


def test_whoever_made_a_rejected_call_or_an_accepted_offer_is_its_recipient():
    refused = only(patterns("The prime minister has rejected calls by opposition leaders to resign.").events, "REJECT")
    assert [r.text for r in refused.recipients] == ["opposition leaders"]
    turned = only(patterns("The governor rejected a request from the mayor.").events, "REJECT")
    assert [r.text for r in turned.recipients] == ["the mayor"]
    accepted = only(patterns("The union accepted an offer from the government.").events, "AGREE")
    assert [r.text for r in accepted.recipients] == ["the government"]


def test_quizzed_by_detectives_is_questioning_and_an_eviction_is_coercion():
    quizzed = only(patterns("A man was being quizzed by detectives over the fire.").events, "ACCUSE")
    assert [r.text for r in quizzed.recipients] == ["A man"]
    evicted = only(patterns("The landlord evicted the family in April.").events, "COERCE")
    assert [r.text for r in evicted.recipients] == ["the family"]


def test_a_deed_named_by_its_victim_alone_is_a_topic_unless_said_to_happen():
    assert "ASSAULT" not in types("Students marched in anger at the killing of a teenager last week.")
    assert "ASSAULT" not in types("Neighbours were shocked by the murders of the woman and her daughter.")
    assert "ASSAULT" not in types("The two officers involved in the boy's shooting have been suspended.")
    assert "ASSAULT" in types("Students marched in anger at the killing of a teenager by a policeman last week.")
    assert "ASSAULT" in types("The shooting of the teenager took place on Saturday.")
    assert "ASSAULT" in types("Gunmen shot the shopkeeper on Friday.")
    assert "ASSAULT" in types("That man is now the main suspect in the Friday afternoon slaying of the deputy.")


def test_a_company_buying_another_is_a_business_deal_not_a_political_agreement():
    assert "AGREE" not in types("The computer maker said it has agreed to buy a consulting company for $300 million.")
    assert "SUPPORT" not in types("The chip maker has signed a definitive agreement to acquire a server start-up.")
    assert "AGREE" not in types("The airline finalized a deal to purchase 30 new planes.")
    assert "AGREE" in types("The two governments agreed to cooperate on border security.")


def test_disputing_a_claim_is_a_denial_not_a_criticism():
    assert types("The UN agency has disputed claims that militants fired mortars from the school.") == {"REJECT"}
    assert types("The family contests police allegations that the boy was armed.") == {"REJECT"}
    assert "ACCUSE" in types("The opposition challenged the president over the budget.")


def test_private_people_visiting_each_other_hold_no_consultation():
    assert "CONSULT" not in types("She visited him in prison while he was serving his sentence.")
    assert "CONSULT" not in types("We can visit them when the borders open.")
    assert "CONSULT" in types("The minister met with union leaders on Monday.")


def test_committing_to_a_course_of_ones_own_is_no_agreement():
    assert "AGREE" not in types("Only two companies committed to that timeline.")
    assert "AGREE" not in types("Worried about backlash and committed to restraint, the lawmakers narrowed their inquiry.")
    assert "AGREE" in types("The rebels agreed to the government's demands.")


def test_asking_to_do_something_oneself_is_no_request():
    assert "REQUEST" not in types("He was found at a petrol station, where he asked to use the phone.")
    assert "REQUEST" not in types("The prisoner had begged to stay in the hospital wing.")
    assert "REQUEST" in types("Ruritania asked the UN to authorize all necessary measures.")
    assert "REQUEST" in types("The envoy urged both sides to return to the table.")


def test_in_order_to_and_as_opposed_to_are_no_orders_or_refusals():
    assert "REQUEST" not in types('"We are ready for a long war," he added, "in order to see this regime ousted."')
    assert "REJECT" not in types("The man was shot over a gang feud, as opposed to being targeted for his job.")
    assert "REJECT" in types("The senators opposed the bill.")


def test_an_event_noun_said_to_be_missing_did_not_happen():
    assert "THREATEN" not in types("His lawyers say the police obtained the phone records without a warrant.")
    assert "THREATEN" in types("A judge issued a warrant for his arrest.")


def test_a_criminal_handcuffing_guards_takes_them_hostage_not_arrests_them():
    seized = types("The convicted rapist pulled a gun and handcuffed two transport officers.")
    assert "ASSAULT" in seized and "COERCE" not in seized
    assert "COERCE" in types("Police handcuffed the suspect.")


def test_attacking_a_blaze_or_challenging_a_rivals_lead_is_no_criticism():
    assert "ACCUSE" not in types("Firefighters attacked the blaze from above.")
    assert "ACCUSE" not in types("The company hopes to challenge its rival's leadership in the server market.")
    assert "ACCUSE" in types("The opposition leader attacked the government over the budget.")
