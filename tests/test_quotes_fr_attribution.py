"""French quote attribution on small invented articles: incises whose verb the tagger
misreads, sentences the parser joined, names that belong to the next sentence."""

from __future__ import annotations

import pytest

from conftest import shared_path

from veille.model import Article
from veille.options import Options
from veille.repair import clean_article
from veille.understand import understand


def run(text: str, published: str | None = "2024-11-27") -> Article:
    return understand(clean_article(text.split("\n\n"), "<test>", "fr", published), Options(language="fr"))


def quote(article: Article, start: str):
    found = [q for q in article.quotes if q.text.startswith(start)]
    assert found, [(q.kind, q.text) for q in article.quotes]
    return found[0]


def test_incise_verb_tagged_as_adjective_with_a_complement_before_the_subject():
    art = run("Le marché a fermé plus tôt. « Je n'ai rien pu vendre de la journée », raconte à l'AFP "
              "le Brésilien Tiago Ferreira, qui tient un étal de fruits.")
    assert quote(art, "Je n'ai rien pu vendre").speaker == "Tiago Ferreira"


def test_reflexive_incise_verb_tagged_as_a_noun():
    art = run("« Le quartier a changé », explique sa voisine, Hélène Brunet. « Nous avons enfin un jardin "
              "pour les enfants », s'enthousiasme Loubna, qui habite là depuis dix ans.")
    assert quote(art, "Nous avons enfin un jardin").speaker == "Loubna"
    assert quote(art, "Le quartier a changé").speaker == "Hélène Brunet"


def test_a_title_in_the_next_sentence_is_no_apposition_of_the_speaker():
    art = run("Odile Marchand raconte qu'elle a attendu trois heures. « J'ai cru que le bus ne viendrait jamais », "
              "confie cette jeune Lyonnaise. Son frère Karim Marchand explique comment la ligne a été « supprimée sans préavis ».")
    assert quote(art, "J'ai cru que le bus").speaker != "Karim Marchand"


def test_a_sentence_after_a_closed_quotation_is_no_incise():
    art = run("Interrogé par le journal, Paul Garnier nie toute rivalité. « Il y a des désaccords, c'est vrai. Mais je suis "
              "loyal. »Le camp Berthier lui reproche pourtant une ambition sans limite.")
    assert quote(art, "Il y a des désaccords").speaker == "Paul Garnier"


def test_a_quotation_after_an_unnamed_speaker_continues_that_speaker():
    art = run("La ministre Claire Duval prépare son retour. « Elle a toujours su attendre son heure », rappelle son "
              "entourage au Figaro.\n\n« Même si le contexte a changé, il y a de nouveau un espace pour elle. » Le sénateur "
              "Marc Lenoir a pourtant déclaré qu'il restait prudent.")
    q = quote(art, "Même si le contexte")
    assert q.speaker is None and q.kind == "direct"


def test_an_incise_subject_the_tagger_read_as_a_participle():
    art = run("Le militant Pavel Sidorenko a publié une vidéo depuis l'hôpital. « Je vais mieux », a-t-il écrit.\n\n"
              "« Je vais mieux », a déclaré l'opposant de 44 ans.")
    assert [q.speaker for q in art.quotes] == ["Pavel Sidorenko", "Pavel Sidorenko"]


def test_the_paper_an_anonymous_source_talks_to_does_not_speak():
    art = run("Le ministre se méfie de son collègue. « Il n'aime pas les têtes qui dépassent », confie un proche au JDD.")
    q = quote(art, "Il n'aime pas")
    assert q.speaker is None and q.speaker_mention is not None and q.speaker_mention.text.startswith("un proche")


def test_a_title_after_a_name_in_a_complement_opens_its_own_clause_and_a_party_word_keeps_the_office():
    art = run("Aux Etats-Unis, la campagne s'envenime. Des rumeurs relayées par des soutiens de Donald Trump visent "
              "la sénatrice Kamala Harris, candidate à la vice-présidence des Etats-Unis.\n\n"
              "Interrogé sur l'inéligibilité supposée de Mme Harris, le président républicain a répondu : "
              "« Je ne sais pas si c'est exact. »", published="2020-08-15")
    q = quote(art, "Je ne sais pas si")
    assert q.speaker == "Donald Trump"


def test_a_pronoun_after_a_sentence_about_other_people_is_not_the_last_speaker():
    art = run("Jointe par Le Parisien, la direction de la clinique affirme respecter les consignes. « Nous attendons les "
              "patients. » Ces explications n'ont visiblement pas convaincu les 120 employés renvoyés chez eux. Ils estiment "
              "que la clinique « pourrait tout aussi bien accueillir les malades des hôpitaux publics ».")
    assert quote(art, "pourrait tout aussi bien").speaker is None


def test_words_under_a_bare_past_participle_are_not_said_by_the_subject():
    art = run("Lors de la deuxième soirée, la Berlinette de Dieppe a partagé la vedette avec un prototype Alpine A110 Coupé de "
              "1963 (châssis n°A/12) considéré comme le « modèle fondateur de la marque Alpine », puisqu'il a ouvert la voie.")
    assert quote(art, "modèle fondateur").speaker is None


def test_a_fragment_in_a_sentence_of_narration_is_no_continuation():
    art = run("« Il n'était pas très aimé », explique l'hebdomadaire Le Point. Et pour cause : son refus de négocier avec "
              "le mouvement des « pompiers en colère ».")
    q = quote(art, "pompiers en colère")
    assert q.speaker is None


def test_an_incise_pronoun_speaks_for_the_recent_subject_not_a_name_in_passing():
    art = run("Bernard Cazeneuve reprend des forces. Selon Le Parisien, l'ancien Premier ministre va démarrer une offensive "
              "contre la politique du gouvernement. Cela devrait démarrer dès mercredi lors de son déplacement à Nevers. Si sa "
              "venue est d'abord présentée sous le signe d'un hommage à Pierre Bérégovoy, décédé le 1er mai 1993, elle pourrait "
              "vite devenir un moyen de faire passer des messages forts. « Je pense que les leçons de Pierre Bérégovoy doivent "
              "être entendues aujourd'hui », confie-t-il au Parisien.", published="2020-01-07")
    assert quote(art, "Je pense que les leçons").speaker == "Bernard Cazeneuve"


def test_a_relative_named_with_a_possessive_is_not_the_possessor():
    art = run("Sa mère, Yolanda Pérez, raconte comment sa fille a « pleuré pendant des jours » après l'annulation de la fête.")
    kin = [m for m in art.mentions if m.span.text == "sa fille"]
    assert not kin or kin[0].name != "Yolanda Pérez"


def test_an_incise_pronoun_glued_to_the_next_sentence_still_speaks():
    """'», explique-t-elle.A partir de lundi': scraping glued two sentences; cut apart, the
    incise keeps its pronoun and the speaker it stands for."""
    from veille.pipeline import analyze_text

    art = analyze_text("La maire de Rennes, Sophie Lemaître, a présenté son plan de rentrée. « Nous rouvrirons d'abord "
                       "les crèches », explique-t-elle.A partir de lundi, les bus circuleront. « Les parents seront "
                       "prévenus », précise-t-elle.L'adjoint aux transports a confirmé.", options=Options(language="fr"))
    assert [q.speaker for q in art.quotes] == ["Sophie Lemaître", "Sophie Lemaître"]


def test_a_subject_the_parser_hung_on_the_auxiliary_is_the_reporting_verbs():
    """'Il a par ailleurs estimé qu'une union … n'aurait « pas de sens »': when the parser makes
    'Il' the subject of the auxiliary 'a', the speaker is still 'Il', not a name in the clause."""
    import spacy
    from spacy.tokens import Doc

    from veille.understand.quotes import _Extractor

    words = ["Il", "a", "estimé", "qu'", "elle", "n'", "aurait", "pas", "de", "sens"]
    heads = [1, 2, 2, 6, 6, 6, 2, 9, 9, 6]
    deps = ["nsubj", "aux:tense", "ROOT", "mark", "nsubj", "advmod", "ccomp", "advmod", "det", "obj"]
    doc = Doc(spacy.blank("fr").vocab, words=words, heads=heads, deps=deps)
    subjects = _Extractor._subjects(object.__new__(_Extractor), doc[2])
    assert [t.text for t in subjects] == ["Il"]


def test_a_name_in_the_complement_of_the_incise_description_is_not_the_speaker():
    """'lance le délégué … du parti X de Paul Garnier': the name after 'de' is someone the
    description is defined by; the speaker is the description, here the man named just before."""
    art = run("L'un des appels a été posté par Marc Morel, un initiateur du mouvement dans le Gers. « Venez tous samedi, "
              "à pied ou en bus », lance le délégué de circonscription du parti Debout Citoyens de Paul Garnier.")
    assert quote(art, "Venez tous samedi").speaker == "Marc Morel"


def test_a_name_stressed_by_lui_aussi_is_the_subject_and_speaks_next():
    """'L'élu Marc Lefort a lui aussi plaidé …': 'lui aussi' stresses the subject (not someone
    else as an object), and the name the parser hung on its title keeps the subject's weight, so
    the next '-t-il' is Marc Lefort, not the earlier speaker."""
    art = run("Lors des débats de mardi, le député socialiste Paul Fontaine a rappelé combien il lui coûtait de voter "
              "ce texte. « J'espère que la prochaine loi sera meilleure », a-t-il dit. L'élu centriste Marc Lefort a lui "
              "aussi plaidé pour un compromis. « Nous ne reculons pas, nous avançons », a-t-il lancé.")
    assert quote(art, "Nous ne reculons pas").speaker == "Marc Lefort"
    assert [m.name for m in art.mentions if m.text == "lui"][-1] == "Marc Lefort"


def test_a_noun_after_selon_is_no_inverted_subject_of_the_verb_before():
    """'…, la chercheuse reste poursuivie pour …, selon l'avocat': 'poursuivre' may report speech,
    but a noun with its own preposition after it is not its inverted subject."""
    import spacy
    from spacy.tokens import Doc

    from veille.understand.coref import _Builder

    words = ["elle", "reste", "poursuivie", "pour", "espionnage", ",", "selon", "l'", "avocat", "."]
    heads = [1, 1, 1, 4, 2, 8, 8, 8, 2, 1]
    deps = ["nsubj", "ROOT", "xcomp", "case", "obl:arg", "punct", "case", "det", "obl:mod", "punct"]
    lemmas = ["elle", "rester", "poursuivre", "pour", "espionnage", ",", "selon", "le", "avocat", "."]
    pos = ["PRON", "VERB", "VERB", "ADP", "NOUN", "PUNCT", "ADP", "DET", "NOUN", "PUNCT"]
    doc = Doc(spacy.blank("fr").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos)
    builder = object.__new__(_Builder)
    builder._reports = lambda verb: verb.lemma_ == "poursuivre"  # type: ignore[method-assign]
    assert not builder._inverted_subject(doc[8])
    doc2 = Doc(spacy.blank("fr").vocab, words=["«", "Oui", "»", ",", "a", "poursuivi", "l'", "avocat", "."],
               heads=[1, 5, 1, 5, 5, 5, 7, 5, 5], deps=["punct", "ccomp", "punct", "punct", "aux:tense", "ROOT", "det", "obj", "punct"],
               lemmas=["«", "oui", "»", ",", "avoir", "poursuivre", "le", "avocat", "."],
               pos=["PUNCT", "ADV", "PUNCT", "PUNCT", "AUX", "VERB", "DET", "NOUN", "PUNCT"])
    assert builder._inverted_subject(doc2[7])


def test_a_present_participle_after_a_name_is_that_persons_speech():
    """'…, Marc Roy vantant « un tournant historique »': an absolute participle clause after a name
    (no comma between) is that person's doing; 'vanter' reports words like 'saluer'."""
    art = run("Le projet a suscité une vive polémique au sein de la majorité, la sénatrice Claire Durand rappelant "
              "notamment la « ligne infranchissable » d'un accord avec l'opposition. Le texte a finalement été adopté, "
              "Marc Roy vantant déjà « un tournant historique ».")
    assert quote(art, "ligne infranchissable").speaker == "Claire Durand"
    assert quote(art, "un tournant historique").speaker == "Marc Roy"


def test_an_opening_selon_reports_the_whole_clause_even_with_a_verb_of_wish_inside():
    """'Selon lui, son client souhaitait que …': the source of an opening 'selon' reports the
    whole clause; the 'que' clause of the verb inside it is no quote of its own."""
    art = run("L'avocat de la famille, Pierre Garnier, a parlé jeudi.\n\nSelon lui, son client souhaitait avant tout "
              "que le corps de la victime soit retrouvé.\n\nLe procès doit reprendre lundi.")
    assert [(q.text, q.speaker) for q in art.quotes] == \
        [("son client souhaitait avant tout que le corps de la victime soit retrouvé", "Pierre Garnier")]


def test_a_relative_clause_after_a_quotation_is_no_incise():
    """'des « journaux corrompus » qui ont évoqué …': the verb after the quotation belongs to a
    relative clause on the quoted phrase; the words are the speaker of the main verb's."""
    art = run("Lundi, Paul Garnier a dénoncé un acharnement dont il serait la victime de la part des « journaux totalement "
              "corrompus » qui ont évoqué ses vacances comme si elles constituaient « une faute grave ».")
    assert quote(art, "journaux totalement corrompus").speaker == "Paul Garnier"


def test_a_fragment_in_a_reflexive_sentence_of_narration_is_no_continuation():
    """'Elles se consument et dessinent « une longue traînée »' after '…, ajoute Europe 1.': the
    narration's reflexive 'se' is no verb of speech; the fragment is a scare quote, said by no one."""
    art = run("Les Perséides sont visibles cette semaine. Si elles ne sont pas très nombreuses, elles sont très rapides, "
              "ajoute Europe 1. Elles se consument et dessinent alors dans le ciel « une longue traînée », que vous "
              "pourrez observer ce soir.")
    q = quote(art, "une longue traînée")
    assert q.speaker is None and q.kind == "scare"


def test_a_party_after_a_person_noun_is_no_name_of_the_speaker():
    """'un député LREM': the organisation after a person noun is the person's party, not a name."""
    art = run("Jean Morel a été élu en 2017. « Nous devons changer de cap », a déclaré un député LREM à l'AFP.")
    assert quote(art, "Nous devons changer de cap").speaker != "LREM"


def test_a_demonym_after_a_demonstrative_or_an_adjective_is_no_name_of_the_speaker():
    """'cette jeune Panaméenne': a people's word, capitalised in French, describes someone."""
    art = run("Rosa Méndez a 19 ans. « Je veux devenir médecin », confie cette jeune Panaméenne.")
    assert quote(art, "Je veux devenir médecin").speaker != "Panaméenne"


def test_l_interessee_is_the_person_named_just_before():
    """'l'intéressée': the person concerned, the one the article speaks of."""
    art = run("Claire Duval a été mise en examen. « Je suis innocente », assure l'intéressée.")
    assert quote(art, "Je suis innocente").speaker == "Claire Duval"


def test_a_demonstrative_description_with_a_complement_of_person_is_someone_already_named():
    """'ce proche du président': the demonstrative points back to the speaker the article spoke of,
    not to someone new because the complement names another person."""
    art = run("Le président Marc Roy visite Lyon. Le député Jean Morel a défendu la réforme dimanche. « Nous irons "
              "au bout », a-t-il déclaré. « Les oppositions bloquent tout », estime ce proche du président de la "
              "République, qui l'accompagnait samedi.")
    assert quote(art, "Les oppositions bloquent tout").speaker == "Jean Morel"


def test_an_inverted_subject_after_a_date_the_parser_hung_on_it():
    """'a reconnu lundi 8 avril le maire': the determined noun phrase after the date is the subject."""
    art = run("Le maire de Lyon, Paul Garnier, a présenté son budget. « Nous avons fait des erreurs », a reconnu "
              "lundi 8 avril le maire.")
    assert quote(art, "Nous avons fait des erreurs").speaker == "Paul Garnier"


def test_an_incise_participle_the_tagger_took_for_a_noun_after_its_auxiliary():
    """'avait tweeté juste après …', 'a ainsi tweeté': a participle after 'avoir' is a verb."""
    art = run("La ville a annoncé un concert. « C'est une provocation », avait tweeté juste après l'annonce du concert "
              "la sénatrice écologiste Julie Morel.")
    assert quote(art, "C'est une provocation").speaker == "Julie Morel"
    art = run("Le juge a rendu sa décision. « Belle journée pour la justice ! », a ainsi tweeté le Parti socialiste.")
    assert quote(art, "Belle journée pour la justice").speaker == "Parti socialiste"


def test_an_incise_with_an_adverbial_locution_before_its_verb():
    """'« … » a par ailleurs annoncé X': 'par ailleurs' is an adverb, the subject still follows."""
    art = run("La réunion aura lieu « entre janvier et mars » a par ailleurs annoncé Claire Duval, qui préside le parti.")
    assert quote(art, "entre janvier et mars").speaker == "Claire Duval"


def test_a_party_between_a_person_noun_and_the_name_is_no_speaker():
    """'le président (LR) du Sénat X', "l'ancien adjoint LR à la mairie de Nice, X": the party is the
    person's, the name after it speaks."""
    art = run("« Mon conseil au gouvernement : ne pas l'utiliser », a répondu le président (LR) du Sénat Gérard Marchand.")
    assert quote(art, "Mon conseil au gouvernement").speaker == "Gérard Marchand"
    art = run("La droite se divise. « Le débat est clos », explique au journal l'ancien adjoint LR à la mairie de Nice, "
              "Olivier Bonnet.")
    assert quote(art, "Le débat est clos").speaker == "Olivier Bonnet"


def test_a_quoted_heading_is_said_by_the_speaker_of_the_same_words_below():
    """A heading that pulls a quotation from the text below ('"Les impôts, c'est important"' alone
    ending its paragraph) is that quotation's speaker's, not the previous speaker's."""
    art = run("« Le point d'indice est gelé », a déploré la syndicaliste Claire Duval.\n\n\"Les impôts, c'est important\"\n\n"
              "Sur le front fiscal, Paul Garnier s'oppose à la baisse. \"Les impôts, c'est important\", a-t-il lancé samedi.")
    assert [q.speaker for q in art.quotes if q.text.startswith("Les impôts")] == ["Paul Garnier", "Paul Garnier"]


def test_an_inverted_subject_after_an_aside_between_commas():
    """'« … », a déclaré, tout de blanc vêtu, l'imam X': the subject follows the aside."""
    art = run("La foule a défilé dans la capitale. « Nous condamnons la mauvaise gestion », a déclaré, tout de blanc vêtu "
              "et coiffé d'un turban, l'imam Traoré, lors de la manifestation.")
    assert quote(art, "Nous condamnons la mauvaise gestion").speaker == "Traoré"


def test_an_intertitle_between_dashes_takes_the_speaker_of_the_words_it_repeats():
    """'….- « Irresponsable » -Mardi, X a …': an intertitle glued between dashes repeats words quoted
    below; it is theirs, not the words of the subject of the sentence it was glued to."""
    art = run("Le maire Paul Garnier a défendu son budget devant le conseil.- \"Irresponsable\" -Mardi, Paul Garnier a "
              "annoncé la fermeture de la piscine. Le lendemain, la conseillère Claire Duval a réagi. \"C'est un choix "
              "irresponsable pour les familles\", a-t-elle lancé.")
    assert quote(art, "Irresponsable").speaker == "Claire Duval"


def test_an_intertitle_in_capitals_takes_the_speaker_of_the_words_it_repeats():
    """'LE PORT EST « UNE PRIORITÉ »' in capitals, glued to its paragraph, repeats a quotation below."""
    art = run("Le ministre Paul Garnier était à Brest lundi.\n\nLE PORT EST \"UNE PRIORITÉ\"Le ministre a visité les "
              "chantiers. \"Pour nous, le port reste une priorité absolue\", a-t-il assuré.")
    assert quote(art, "UNE PRIORITÉ").speaker == "Paul Garnier"


def test_quotations_in_a_row_before_an_anonymous_cue_have_no_speaker():
    """'« … », « … », a crié la foule': the cue after both is the first one's too, even when no one
    is named; the first is no continuation of the speaker before."""
    art = run("\"Nous resterons prudents\", a déclaré Paul Garnier à la sortie du tribunal. \"Honte à vous\", "
              "\"Rendez l'argent !\", a crié la foule.")
    assert quote(art, "Honte à vous").speaker is None
    assert quote(art, "Nous resterons prudents").speaker == "Paul Garnier"


def test_a_description_after_a_date_following_the_incise_verb_is_its_subject():
    """'a déclaré vendredi 3 mai le chef de la délégation': the parser hangs the noun phrase on the
    date; it is still the inverted subject, and the person of the article."""
    art = run("Paul Garnier a été accueilli par des sifflets à Lyon, où l'avait invité Marc Lenoir. La réforme se fera "
              "\"sans précipitation\", a déclaré vendredi 3 mai le chef de la délégation, qui doit rencontrer les syndicats.")
    assert quote(art, "La réforme se fera").speaker == "Paul Garnier"


def test_a_description_in_an_incise_inside_the_marks_is_the_speaker_named_before():
    """'« Arrêtez …, écrit le député. … »': the incise inside the marks is narration, its subject
    the person the sentences before speak of."""
    art = run("Paul Garnier a critiqué le gouvernement sur Twitter. Il a visé le ministre Marc Lenoir. \"Arrêtez de "
              "promettre quand c'est pour renoncer ensuite, écrit le député. Les électeurs s'en souviendront.\"")
    assert quote(art, "Arrêtez de promettre").speaker == "Paul Garnier"


def test_the_authors_of_an_organisation_s_study_speak_for_the_organisation():
    """'indiquent les auteurs de l'étude de X': the authors of a study speak for the body whose study it is."""
    art = run("Le chômage a reculé au printemps. \"La baisse tient d'abord à la reprise de l'intérim\", indiquent les "
              "auteurs de l'étude de l'Insee, publiée mardi.")
    assert quote(art, "La baisse tient").speaker == "Insee"


def test_an_intertitle_repeats_words_written_with_a_ligature_below():
    """'- « Nantes dans le coeur » -' repeats '… Nantes dans le cœur' quoted below: the ligature is the
    same two letters."""
    art = run("Le maire Paul Garnier a salué les bénévoles.- \"Nantes dans le coeur\" -Mardi, le cortège a traversé la "
              "ville. \"Ils ont tous Nantes dans le cœur\", a écrit l'ancienne ministre Claire Duval sur son compte.")
    assert quote(art, "Nantes dans le coeur").speaker == "Claire Duval"


def test_an_infinitive_copula_clause_is_reported_speech():
    """'reconnaissant avoir été maladroit', 'affirme être innocent': an infinitive clause headed by
    an adjective after its copula is the reporting verb's complement, as 'affirme avoir envoyé' is."""
    art = run("Le maire Paul Garnier s'est excusé mardi, reconnaissant avoir été maladroit.")
    q = quote(art, "avoir été maladroit")
    assert q.kind == "indirect" and q.speaker == "Paul Garnier"


def test_a_communique_speaks_for_the_body_that_published_it():
    """'X a publié un communiqué … « … », précise le communiqué': the document stands for its issuer."""
    art = run("Le ministère de l'Intérieur a publié un communiqué mardi. « Les contrôles seront renforcés », précise "
              "le communiqué.")
    assert quote(art, "Les contrôles seront renforcés").speaker == "ministère de l'Intérieur"


def test_this_study_speaks_for_the_source_an_earlier_mention_named():
    """'selon une étude de l'Insee … Toujours selon cette étude, …': the source of the same document."""
    art = run("Le chômage a reculé, selon une étude de l'Insee. Les jeunes en profitent le plus. Toujours selon cette "
              "étude, l'intérim a progressé de 3 %.")
    assert quote(art, "l'intérim a progressé").speaker == "Insee"


def test_the_title_of_a_study_is_not_its_issuer():
    """'l'étude annuelle Emploi Horizon de l'Insee': the 'de X' complement issued it, not the title."""
    art = run("Selon l'étude annuelle Emploi Horizon de l'Insee, le chômage a reculé. Les jeunes en profitent le plus. "
              "Toujours selon cette étude, l'intérim a progressé de 3 %.")
    assert quote(art, "l'intérim a progressé").speaker == "Insee"


def test_a_report_no_one_is_said_to_have_issued_speaks_for_no_one():
    """'indique le rapport' with no issuer named: no one, not the person named before."""
    art = run("Le maire Paul Garnier est arrivé mardi. « Nous manquons de moyens », indique le rapport.")
    assert quote(art, "Nous manquons de moyens").speaker is None


def test_a_letter_speaks_for_whoever_wrote_in_it_before():
    """'Dans une lettre …, X réclame … « … », poursuit la lettre': the subject the letter was the setting of."""
    art = run("Dans une lettre au préfet, le maire Paul Garnier réclame des moyens. « Nos écoles sont vétustes », "
              "poursuit la lettre.")
    assert quote(art, "Nos écoles sont vétustes").speaker == "Paul Garnier"



@pytest.mark.shared
def test_the_first_orangesum_articles_analyse_as_the_benchmark_reads_them() -> None:
    """The benchmark's reading of real articles (title, standfirst, body as plain text): each one
    analyses. A dashed heading given the speaker of its words below once made the later step that
    gives cueless fragments to a sentence's closing cue fail looking for the scare quote it replaced."""
    import gzip
    import json

    from veille.pipeline import process_many
    from veille.read import read_raw
    from veille.read.source import Raw

    source = shared_path("data", "orangesum", "orangesum_parsed.jsonl.gz")
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(8), handle)]
    texts = ["\n\n".join(x for x in (r.get("title"), r.get("heading"), r.get("article")) if x) for r in rows]
    options = Options()
    raws = [read_raw(Raw(t.encode("utf-8"), f"orangesum:{i}"), options.with_(language="fr")) for i, t in enumerate(texts)]
    articles = process_many(raws, options)
    assert len(articles) == 8 and all(a.text for a in articles)
    assert any(q.kind == "direct" and q.speaker for q in articles[5].quotes)


def test_a_press_service_speaks_for_the_body_of_its_complement():
    """'le service de presse du Parlement': 'de presse' names the service, the Parliament speaks;
    'Parlement' alone is the 'Parlement européen' the article named."""
    art = run("Le Parlement européen a ouvert une enquête sur les dépenses du député. Le service de presse du "
              "Parlement a rappelé que les élus reçoivent un budget de 40.000 euros pour leurs frais.")
    assert quote(art, "les élus reçoivent un budget").speaker == "Parlement européen"


def test_a_quotation_in_a_glued_heading_in_capitals_is_not_said_by_the_sentence_after_it():
    """'… rembourser. DES CAISSES … « PARLEMENT EUROPÉEN » Le service …': the heading ends there;
    its quotation is a label, not words of the subject of the sentence after it."""
    art = run("Le Parlement européen enquête sur les frais de Paul Garnier. S'il est prouvé que Paul Garnier a "
              "enfreint les règles d'utilisation de ces fonds, il pourrait devoir tout rembourser. DES CAISSES "
              "ESTAMPILLÉES \"PARLEMENT EUROPÉEN\" Le service de presse du Parlement n'a pas souhaité s'exprimer sur "
              "ce cas, mais a rappelé à Mediapart que les eurodéputés se voient allouer un budget de 40.000 euros.")
    q = quote(art, "PARLEMENT EUROPÉEN")
    assert q.kind == "scare" and q.speaker is None


def test_the_quotation_after_an_incise_between_two_quotations_is_the_incise_subjects():
    """'« … », a témoigné X, un habitant …, « … »': the second part is X's too, not the words of a
    subject named earlier that the parser hung the incise verb on."""
    art = run("Le maire Jean Dufour s'est dit \"profondément choqué\" par ces violences \"inacceptables\", quand la "
              "préfète Anne Morel a qualifié de \"graves\" les faits survenus au marché.- Des témoins -\"J'étais ici et "
              "un homme se tenait le bras comme s'il avait été frappé\", a témoigné auprès de l'AFP Paul Garnier, un "
              "habitant du coin qui faisait du vélo à proximité, \"il y avait des gens qui criaient partout parce "
              "qu'ils avaient peur\". Un commerçant a expliqué à la radio qu'il avait fermé sa boutique.")
    assert quote(art, "il y avait des gens qui criaient").speaker == "Paul Garnier"


def test_a_one_word_organisation_tagged_as_a_common_noun_speaks():
    """'la SPA', 'la Cnil': an organisation the tagger calls a common noun is still a name, so an
    inverted pronoun of an incise after it is that organisation."""
    art = run("La CNAF accueille beaucoup de dossiers cette année. Depuis juin, 3.000 dossiers ont été traités, "
              "indique-t-elle.")
    assert quote(art, "Depuis juin").speaker == "CNAF"


def test_the_short_form_of_a_linked_organisation_is_that_organisation():
    """'le Parlement' after 'le Parlement européen' (an actor of the table) is the same body."""
    art = run("Le Parlement européen a ouvert une enquête sur ces dépenses. Le service de presse du Parlement a "
              "rappelé que les élus « disposent d'un budget annuel ».")
    assert quote(art, "les élus").speaker == "Parlement européen"


def test_a_subject_pronoun_after_a_colon_continues_the_subject_of_the_clause_before():
    """'X a rendu un avis : elle souhaite « … »': the organisation just named as the subject, not a
    woman quoted in the sentence before."""
    art = run("« Les patients ont le droit de savoir », s'exclame l'avocate Julie Bernard. La CNAF a formulé dans "
              "son avis des réserves : elle souhaite « un contrôle strict des données collectées ».")
    assert quote(art, "un contrôle strict").speaker == "CNAF"


def test_a_reporting_verb_tagged_as_a_modifier_of_its_subject_gives_the_words_to_that_subject():
    """'La Commission … alerte sur « … »': the tagger reads 'alerte' as a noun modifying the subject,
    the sentence has no verb; the words are the subject's, not a continuation of the speaker before."""
    art = run("Paul Garnier critique le texte. « On va beaucoup trop loin avec ce fichier », dénonce-t-il. "
              "La Commission nationale consultative des droits de l'Homme (CNCDH) alerte sur « les dangers » "
              "de cette application.")
    q = quote(art, "les dangers")
    assert q.kind == "direct" and q.speaker is not None and "Commission" in q.speaker


def test_a_clause_with_its_own_incise_before_selon_is_the_incise_subjects():
    """'<clause>, prévient la note, selon Le Figaro': the note speaks (its issuer), the newspaper
    only reports it; and 'X a fait parvenir une note', parsed as a passive, still names its issuer."""
    art = run("Selon le quotidien, la direction du budget a fait parvenir en mai une note au ministère de "
              "l'Economie. Le gouvernement a reconnu des retards. Il n'y a « aucun moyen d'éviter » certaines de "
              "ces pannes, prévient la note, selon Le Figaro.")
    q = next(q for q in art.quotes if q.kind == "indirect" and q.text.startswith("Il n'y a"))
    assert q.speaker == "direction du budget"


def test_members_of_an_institution_of_a_named_place_speak_as_that_body():
    """'ont indiqué les sapeurs-pompiers du Var': the fire service of that place, not firefighters at
    large ('les gendarmes' alone remain the gendarmerie)."""
    art = run("De nombreux renforts sont mobilisés sur place, ont indiqué les sapeurs-pompiers du Var. Les routes "
              "restent coupées, ont ajouté les gendarmes.")
    assert quote(art, "De nombreux renforts").speaker == "sapeurs-pompiers du Var"
    assert quote(art, "Les routes restent coupées").speaker == "gendarmerie"
