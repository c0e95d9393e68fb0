"""English event recall on invented sentences: nouns said to happen, passives, nominalisations."""

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


def test_an_event_noun_said_to_break_out_begin_or_go_on_is_reported():
    assert "ASSAULT" in types("Heavy fighting broke out near the border between two militias.")
    assert "ASSAULT" in types("Fresh clashes erupted in the hills overnight.")
    assert "ACCUSE" in types("A criminal investigation began in March into the missing funds.")
    assert "ACCUSE" in types("An inquiry into the contracts is still ongoing, the ministry said.")


def test_an_event_noun_recalled_or_denied_is_not_reported_again():
    assert "ASSAULT" not in types("The raid took place shortly before dawn.")
    assert "CONSULT" not in types("No such meeting occurred, the spokesman said.")


def test_who_is_under_an_act_undergoes_it():
    probed = [e for e in patterns("The provincial governor is under investigation by anti-corruption prosecutors.").events if e.type == "ACCUSE"]
    assert probed and [r.text for r in probed[0].recipients] == ["The provincial governor"]
    assert "COERCE" in types("Forty travellers were put under quarantine at the airport.")
    assert "COERCE" in types("The former treasurer is under federal indictment.")
    assert "ASSAULT" in types("The coastguard rescued a trawler under attack by pirates.")
    assert "COERCE" not in types("Under the new curfew rules, shops close at six.")


def test_pirates_seizing_or_holding_a_ship_hijack_it_and_a_navy_seizing_one_does_not():
    assert "ASSAULT" in types("Armed pirates seized a Liberian oil tanker in the strait on Sunday.")
    assert "ASSAULT" in types("Two fishing trawlers were commandeered off the coast last week.")
    assert "ASSAULT" not in types("The coastguard seized a speedboat loaded with cigarettes.")


def test_tariffs_and_sanctions_imposed_raised_or_in_force_need_no_named_imposer():
    assert "SANCTION" in types("Tariffs have been imposed on Ruritanian wine and cheese.")
    assert "SANCTION" in types("Tariffs on imported timber were increased to 30% in April.")
    assert "SANCTION" in types("New sanctions on the regime took effect at midnight.")
    assert "SANCTION" not in types("Economists wrote a long report about tariffs.")


def test_shooting_back_and_firing_a_weapon_are_shots_fired():
    assert "ASSAULT" in types("The border guards shot back at the smugglers' jeep.")
    assert "ASSAULT" in types("Witnesses said the gunman fired his rifle twice outside the bakery.")
    assert "ASSAULT" not in types("The bakery fired two of its delivery drivers.")


def test_an_event_noun_names_its_doer_by_or_from_whatever_verb_governs_it():
    warned = [e for e in patterns("The family fled after a warning from the army that the village would be shelled.").events
              if e.type == "THREATEN"]
    assert warned and [a.text for a in warned[0].actors] == ["the army"]
    assert "AGREE" in types("Few believed the promises of reform by the new president.")
    assert "RETREAT" not in types("The figures come from a press release by the ministry.")
    assert "THREATEN" not in types("The report about warnings from Gaza was long.")


def _title_only(title: str) -> Article:
    """An article whose title is ``title`` (its body one neutral sentence), read by the patterns alone."""
    article = clean_article(["The weather was mild in the port city on Monday."], "<test>", "en", "2024-11-27")
    return understand(article.model_copy(update={"title": title}), Options(language="en", event_model=False))


def test_a_title_case_headline_is_parsed_with_its_verbs_in_lower_case():
    from veille.understand.nlp import headline_case, load_pipeline

    nlp = load_pipeline(Options().pipelines["en"])
    title = "Navy Frigate Intercepts Two Smuggling Boats Off Coast"
    assert len(headline_case(title, nlp)) == len(title) and "intercepts" in headline_case(title, nlp)
    assert headline_case("Frigate intercepts boats off the coast", nlp) == "Frigate intercepts boats off the coast"
    assert "COERCE" in {e.type for e in _title_only(title).events}
    assert "COERCE" in {e.type for e in _title_only("Harbour Pilot Held For Trial In Smuggling Case").events}
