"""Dependency helpers that hide the two label schemes veille meets.

spaCy's French pipelines use Universal Dependencies labels (nsubj, obj,
obl:agent, case …); its English ones use ClearNLP labels (nsubj, dobj, prep
→ pobj, agent, neg …). Event and relation patterns name *slots* (subj, obj,
prep:with, agent, poss) and this module finds them in either scheme.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from veille.dates import find_dates
from veille.languages import closed_words

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "nsubj:pass"}
OBJ = {"dobj", "obj"}
IOBJ = {"dative", "iobj"}
AGENT = {"agent", "obl:agent"}
AGENT_CASES = closed_words("agent_cases")  # 'par': the case word of a passive's agent
INTENTION_NOUNS = closed_words("intention_nouns")  # 'son intention de faire appel': its owner does it
RAISING_VERBS = closed_words("raising_verbs")  # 'X is expected to appear': X appears
MODAL_RAISING = closed_words("modal_raising_verbs")  # 'pourraient être condamnés': the subject undergoes it
PURPOSE_MARKS = closed_words("purpose_marks")  # 'pour', 'afin': an infinitive of purpose
COMPLEMENT_DEPS = frozenset({"obj", "dobj", "obl", "obl:arg", "obl:mod"})
SUBJECT_PREPOSITIONS = closed_words("subject_prepositions")  # 'after accusing them': done by the subject
UNACCUSATIVE = closed_words("unaccusative_verbs")
REFLEXIVE_CLITICS = closed_words("reflexive")
DOCUMENT_NOUNS = closed_words("document_nouns")  # 'issued a statement condemning X': the issuer condemns
DATIVE_CLITICS = closed_words("dative_clitics")  # 'lui a rendu hommage': 'lui' is the indirect object, whatever its label
OBJECT_RELATIVES = closed_words("object_relatives")  # 'le ministre, qu'il a critiqué': 'que' is the object
CLAUSE_DEPS = {"relcl", "acl:relcl", "advcl", "ccomp", "parataxis", "punct", "cc", "conj", "mark", "appos:relcl"}


def children(tok, deps: set[str]) -> list:  # noqa: ANN001 - spacy Token
    """Children of ``tok`` whose dependency label is in ``deps``."""
    return [c for c in tok.children if c.dep_ in deps]


def head_word(tok):  # noqa: ANN001, ANN201
    """The word that names what a phrase is: itself, but for a determiner or a number the
    parser made the head of a nominalised adjective ('un jeune', 'trois blessés', 'the
    wounded'), where that adjective is."""
    if tok.pos_ in ("DET", "NUM"):
        for c in tok.children:
            if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i > tok.i:
                return c
    return tok


def with_conjuncts(toks: list) -> list:
    """``toks`` plus their coordinated tokens (``X and Y``, ``X et Y``)."""
    out = []
    for t in toks:
        out.append(t)
        out.extend(c for c in t.conjuncts if c not in out and c.i > t.i)
    return out


def is_passive(verb) -> bool:  # noqa: ANN001
    """True for passive clauses. The passive auxiliary is the signal: parsers
    sometimes label an active subject nsubj:pass, never invent the auxiliary — but they take
    the 'être' of a French compound past for one ('est arrivé', 'sont venus': ``unaccusative_verbs``).
    A headline drops it ('Man charged in …'): ``events.headline_passives`` marks those participles."""
    return (any(c.dep_ in ("auxpass", "aux:pass") for c in verb.children) and verb.lemma_.lower() not in UNACCUSATIVE
            and not _pronominal(verb)) or verb.i in verb.doc.user_data.get("headline_passives", ()) \
        or _shares_passive(verb) or _copular_participle(verb)


def _copular_participle(verb) -> bool:  # noqa: ANN001
    """A past participle after the past participle of the copula ('a été violée', 'avait été
    frappé') that the parser read as a copula and its attribute, at times even as a noun: 'été'
    before a participle makes a compound-tense passive. Not an adjective ('a été choqué': who
    feels it is the subject)."""
    if not any(c.dep_ == "cop" and "Part" in c.morph.get("VerbForm") for c in verb.children):
        return False
    if verb.pos_ == "VERB":
        return "Part" in verb.morph.get("VerbForm") and "Pres" not in verb.morph.get("Tense")
    return verb.pos_ in ("NOUN", "PROPN") and past_participle_infinitive(verb.lower_) is not None


def _shares_passive(verb) -> bool:  # noqa: ANN001
    """A past participle coordinated with a passive, with no subject or auxiliary of its own,
    shares its auxiliary: 'was booked into jail and later released on bail', 'were identified
    and arrested', 'a été mis en examen et placé en détention provisoire'."""
    return verb.dep_ == "conj" and _past_participle(verb) and verb.head.i != verb.i \
        and not any(c.dep_ in ("aux", "aux:tense", "aux:pass", "auxpass", "nsubj", "nsubj:pass", "nsubjpass")
                    or c.dep_.startswith("expl") for c in verb.children) \
        and (_past_participle(verb.head) or _copular_participle(verb.head)) and is_passive(verb.head)


def _past_participle(verb) -> bool:  # noqa: ANN001
    """'arrested' (English tag VBN), 'placé' (French morphology: a past participle)."""
    return verb.tag_ == "VBN" or ("Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense")
                                  and verb.pos_ == "VERB")


def _pronominal(verb) -> bool:  # noqa: ANN001
    """'se sont rassemblés', 'se sont rencontrés': a French pronominal verb takes 'être' in its
    compound past, which the parser may label a passive auxiliary; the clitic tells (which it may
    also mislabel a subordinator or an object: 'un homme s'en est pris à …')."""
    return any((c.dep_.startswith("expl") or c.dep_ == "mark" or (c.dep_ in OBJ | IOBJ and c.i < verb.i and "Yes" in c.morph.get("Reflex")))
               and c.lower_ in REFLEXIVE_CLITICS for c in verb.children)


def subjects(verb) -> list:  # noqa: ANN001
    """Grammatical agents of ``verb``: its subject, the agent of a passive, the
    subject of the verb that controls it (``decided to withdraw``), the subject of
    the clause a participle or gerund hangs on (``…, menaçant de saisir le CSA``),
    the subject placed after the verb in an incise (``», ont scandé les
    protestataires``), or the noun a relative clause hangs on."""
    if is_passive(verb) or (verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm")):
        found = agents_of(verb)
        if found or is_passive(verb):
            return with_conjuncts(found)
    found = children(verb, SUBJ | PASS_SUBJ) or [c for c in verb.children if c.lower_.startswith("-t-")]
    if found and all(relative(f) for f in found) and verb.dep_ in ("relcl", "acl:relcl") \
            and verb.head.pos_ in ("NOUN", "PROPN"):
        return with_conjuncts([verb.head])  # 'les manifestants, qui réclament …': who 'qui' stands for
    if found and all(relative(f) for f in found) and (noun := relative_antecedent(found[0])) is not None:
        return with_conjuncts([noun])  # '… après Gilles Le Gendre, qui avait annoncé sa démission': the clause hung elsewhere
    if found and _incise(verb) and all(f.i < verb.i for f in found) and _quote_between(found[0], verb):
        after = [c for c in children(verb, OBJ) if c.i > verb.i and c.pos_ in ("NOUN", "PROPN")]
        if after:  # '« Ce sont les familles qui paient », a dénoncé X': the quotation is what X says
            return with_conjuncts(after[:1])
    if found and _subject_taken_for_root(verb, found[0]):
        return with_conjuncts([verb.head, *found])  # 'Le gouvernement et l'opposition ont conclu …'
    if found:
        return with_conjuncts(found)
    if _incise(verb):
        after = [c for c in children(verb, OBJ) if c.i > verb.i and c.pos_ in ("NOUN", "PROPN")]
        if after:
            return with_conjuncts(after[:1])
    if (taken := _subject_of_infinitive_relative(verb)):
        return with_conjuncts(taken)  # 'the only states to have signed a treaty … criticised X': the states
    if verb.dep_ in ("advcl", "acl") and _nonfinite(verb) and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        if any(c.dep_ == "mark" for c in verb.children):  # 'was killed while investigating a shooting': he investigated
            return _controller(verb.head)
        return subjects(verb.head)  # 'en demandant', 'menaçant de': the main clause's subject
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        gov = verb.head.head  # 'accused X of killing', 'X was charged with stealing': X; 'after killing Y, X fled': X
        if verb.head.lower_ in SUBJECT_PREPOSITIONS:  # 'X got support after accusing them': X, not 'support'
            return _controller(gov)
        patients = [c for c in children(gov, OBJ) if c.pos_ in ("NOUN", "PROPN", "PRON")] or passive_patients(gov)
        return with_conjuncts(patients) if patients else subjects(gov)
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        controller = [c for c in verb.head.children if c.dep_ in OBJ and c.pos_ in ("NOUN", "PROPN") and not _own_intention(c)]
        if not controller and verb.head.lemma_.lower() in RAISING_VERBS and is_passive(verb.head) and not agents_of(verb.head):
            controller = children(verb.head, PASS_SUBJ)  # 'X is expected to appear', 'is scheduled to': X
        return with_conjuncts(controller) or subjects(verb.head)  # 'a exhorté Kigali à retirer'
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        head = verb.head
        if (participle := _participle_coordinated_with_finite(verb)) is not None:
            return subjects(participle)  # '…, affirmant que X poursuit … et dénonçant …': who is 'affirmant', not X
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("obj", "dobj", "obl", "obl:arg") and head.head.pos_ in ("VERB", "AUX") \
                and "Part" in verb.morph.get("VerbForm"):
            return subjects(head.head)  # 'ont rejeté toute responsabilité et accusé X': a participle hung on the object
        return subjects(coordinated_clause(verb))
    if (issuer := _document_issuer(verb)) is not None:
        return subjects(issuer)  # 'issued a declaration demanding that …', 'sent a letter urging X to …'
    if verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm"):
        return []  # 'les otages détenus par …': the noun undergoes the action
    if _purpose_on_complement(verb):
        return subjects(verb.head.head)  # 'a profité de l'annonce pour critiquer X': who profited criticises
    if verb.dep_ in ("relcl", "acl:relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head]
    return []


def _own_intention(noun) -> bool:  # noqa: ANN001
    """'a annoncé son intention de faire appel', 'a confirmé leur volonté de porter plainte': a noun of
    intention with a possessive determiner is its owner's, who does the infinitive; it is no one
    who could be told to do it (as 'a exhorté Kigali à retirer'), so the verb's subject does it."""
    return noun.lower_ in INTENTION_NOUNS and any("Yes" in c.morph.get("Poss") for c in noun.children if c.dep_ == "det")


def _purpose_on_complement(verb) -> bool:  # noqa: ANN001
    """A purpose infinitive ('pour critiquer', 'afin de dénoncer') the parser hung on the object
    or an oblique of a verb rather than on the verb: its doer is that verb's subject, not the noun
    ('a publié un message pour féliciter les joueurs', 'a profité de l'annonce pour critiquer X')."""
    return verb.dep_ == "acl" and "Inf" in verb.morph.get("VerbForm") and verb.head.dep_ in COMPLEMENT_DEPS \
        and verb.head.head.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ in PURPOSE_MARKS for c in verb.children)


def _bare_present_participle(verb) -> bool:  # noqa: ANN001
    """'affirmant', 'dénonçant': a present participle with no auxiliary and no subject of its own."""
    return "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense") \
        and not any(c.dep_ in ("aux", "aux:tense", "aux:pass", "nsubj", "nsubj:pass", "nsubjpass") for c in verb.children)


def _participle_coordinated_with_finite(verb):  # noqa: ANN001, ANN202
    """A bare present participle cannot be coordinated with a finite verb: in '…, affirmant
    que X poursuit ses menaces et dénonçant une escalade' the parser hangs 'dénonçant' on
    'poursuit', the verb of the clause 'affirmant' introduces; it is coordinated with that
    participle (the nearest one above), whose doer is the main clause's subject. None otherwise."""
    head = verb.head
    if not _bare_present_participle(verb) or "Fin" not in head.morph.get("VerbForm"):
        return None
    tok = head
    for _ in range(4):
        if tok.head.i == tok.i or tok.dep_ not in ("ccomp", "conj", "xcomp", "advcl"):
            return None
        tok = tok.head
        if _bare_present_participle(tok) and tok.i < verb.i:
            return tok
    return None


def coordinated_clause(verb):  # noqa: ANN001, ANN201
    """The verb a conjunct verb is coordinated with: its head, except that a verb with a tense
    auxiliary of its own that the parser hung on a bare participle ('a jugé l'épidémie
    « surmontée » mais a appelé à la prudence') or on an infinitive ('ont tenté dimanche de
    bloquer la route et ont été interpellées') is coordinated with the clause that word is in."""
    head = verb.head
    if _own_tense(verb) and head.dep_ in ("acl", "ccomp", "xcomp") and \
            ("Part" in head.morph.get("VerbForm") or "Inf" in head.morph.get("VerbForm")) \
            and not any(c.dep_ in ("aux", "aux:tense", "aux:pass", "cop") for c in head.children):
        clause = head.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        if clause.pos_ in ("VERB", "AUX"):
            return clause
    return head


def _own_tense(verb) -> bool:  # noqa: ANN001
    """A verb with a tense auxiliary of its own ('a appelé', 'has called'): a finite clause."""
    return any(c.dep_ in ("aux", "aux:tense") and c.pos_ == "AUX" for c in verb.children)


def _subject_of_infinitive_relative(verb) -> list:  # noqa: ANN001
    """'The first country to have signed the treaty also criticised …': the parser takes the
    noun for the subject of the infinitive that qualifies it, a clause before the subjectless
    main verb; the noun is the main verb's subject."""
    if verb.dep_ != "ROOT":
        return []
    for clause in children(verb, {"ccomp"}):
        if clause.i < verb.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
            return [s for s in children(clause, SUBJ) if s.pos_ in ("NOUN", "PROPN")]
    return []


def _document_issuer(verb):  # noqa: ANN001, ANN202
    """The verb that issues the written statement a present participle hangs on ('issued a
    statement condemning …', 'in a letter urging …' of 'said in a letter'), or None."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or noun.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    if noun.dep_ in OBJ and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX"):
        return noun.head.head
    return None


def _subject_taken_for_root(verb, subject) -> bool:  # noqa: ANN001
    """'Le gouvernement et l'opposition ont conclu un accord': the parser may make the first
    noun of a coordinated subject the sentence's root and the verb its conjunct, keeping only
    the second noun as subject. Told by a root noun right before 'et/and' + that subject,
    the coordinator hanging on the verb."""
    head = verb.head
    if verb.dep_ != "conj" or head.i == verb.i or head.dep_ != "ROOT" or head.pos_ not in ("NOUN", "PROPN") \
            or not head.i < subject.i < verb.i:
        return False
    cc = [c for c in verb.children if c.dep_ == "cc" and head.i < c.i < subject.i]
    return bool(cc) and not any(t.pos_ in ("VERB", "AUX", "PUNCT") for t in verb.doc[head.i + 1:cc[0].i])


def agents_of(verb) -> list:  # noqa: ANN001
    """The 'par X' / 'by X' agent of a passive, also where the parser hung it on a
    neighbouring adjunct ('interpellés lundi par la police')."""
    found = [p for a in children(verb, AGENT) for p in _prep_objects(a)]
    if found:
        return found
    return [p for c in verb.children if c.dep_ in ("obl:mod", "obl", "npadvmod", "nmod") and c.i > verb.i
            for a in children(c, AGENT) for p in _prep_objects(a)] or _par_phrase(verb)


def _par_phrase(verb) -> list:  # noqa: ANN001
    """The agent of a passive the parser labelled a mere adjunct ('a été attaqué par deux hommes',
    obl:mod): a determined or named 'par' phrase after it (``agent_cases``); a bare one is a means
    or a manner ('par balles', 'par mesure de précaution', 'par téléphone')."""
    if not is_passive(verb):
        return []
    return with_conjuncts([c for c in verb.children if c.dep_ in ("obl:mod", "obl") and c.i > verb.i
                           and any(g.dep_ == "case" and g.lower_ in AGENT_CASES for g in c.children)
                           and (c.pos_ == "PROPN" or any(g.dep_ in ("det", "nummod") for g in c.children))][:1])


def _incise(verb) -> bool:  # noqa: ANN001
    """A reporting or action verb in an incise after a quotation: '», a dénoncé X', '", said X'."""
    first = min([verb, *[c for c in verb.children if c.i < verb.i and (c.dep_ in ("aux", "aux:tense")
                                                                        or c.dep_.startswith("expl"))]],
                key=lambda t: t.i)  # '», s'est insurgé X': the clitic opens the incise
    if "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense") or "Ger" in verb.morph.get("VerbForm"):
        return False  # '…, killing 156 people': a participle after a comma has its object after it, not its subject
    if "Inf" in verb.morph.get("VerbForm"):
        return False  # 'a tenu à "féliciter" les professeurs': an infinitive after an opening mark has its object after it
    prev = verb.doc[first.i - 1] if first.i > 0 else None
    return prev is not None and (prev.text in (",", "»", "”", '"') or prev.is_quote)


def _quote_between(first, verb) -> bool:  # noqa: ANN001
    """A closing quotation mark, then a comma, between a word and the verb of its incise
    ('…", a dénoncé X'; not the opening mark of '… que le gouvernement "poursuivait …')."""
    between = first.doc[first.i + 1:verb.i]
    marks = [t.i for t in between if t.text in ("»", "”", '"')]
    return bool(marks) and any(t.text == "," and t.i > marks[-1] for t in between)


def relative(tok) -> bool:  # noqa: ANN001
    """A relative pronoun ('qui', 'who', 'which')."""
    return "Rel" in tok.morph.get("PronType") or tok.tag_ in ("WP", "WDT")


def relative_antecedent(tok):  # noqa: ANN001, ANN201
    """The noun phrase a relative pronoun stands for ('la Ligue des droits de l'Homme (LDH),
    qui dit …' -> Ligue), where the parser did not hang the clause on it: the nearest noun
    before the pronoun in its sentence, through appositions and common-noun complements up
    to the head of its phrase. None when there is none (or ``tok`` is no relative pronoun)."""
    if not relative(tok):
        return None
    verb = tok.head
    if verb.dep_ in ("relcl", "acl:relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    sent_start = tok.sent.start
    for k in range(tok.i - 1, max(sent_start - 1, tok.i - 8), -1):
        cand = tok.doc[k]
        if cand.is_punct or cand.dep_ in ("case", "det"):
            continue
        if cand.pos_ not in ("NOUN", "PROPN"):
            return None
        while cand.head.i != cand.i and cand.head.i < cand.i and cand.head.pos_ in ("NOUN", "PROPN") and (
                cand.dep_ in ("appos", "flat", "flat:name", "compound") or (cand.dep_ == "nmod" and cand.pos_ == "NOUN")):
            cand = cand.head
        return cand
    return None


def _nonfinite(verb) -> bool:  # noqa: ANN001
    """An infinitive, gerund or bare participle ('en demandant', 'menaçant', 'après avoir
    déclaré'), whose subject is left unsaid."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:tense", "aux:pass")]
    if auxes:
        return all("Fin" not in a.morph.get("VerbForm") for a in auxes)
    form = verb.morph.get("VerbForm")
    if not form and verb.pos_ == "ADJ" and verb.lower_.endswith("ant"):
        return True  # a present participle tagged as an adjective ('…, menaçant de couper le gaz')
    return bool(form) and form[0] in ("Part", "Ger", "Inf")


def passive_patients(verb) -> list:  # noqa: ANN001
    """Who undergoes a passive action: its subject, or the noun a past participle
    qualifies ('les otages détenus par des bandits')."""
    if verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm") and verb.head.pos_ in ("NOUN", "PROPN") \
            and "Pres" not in verb.morph.get("Tense"):
        return [verb.head]  # (not 'a man carrying a knife', 'a letter urging X': the noun does it)
    if not is_passive(verb):
        return []
    found = children(verb, PASS_SUBJ) or children(verb, {"nsubj"}) or _shared_subject(verb)  # (a passive's subject mislabelled)
    if found and all(relative(f) for f in found) and verb.dep_ in ("relcl", "acl:relcl"):
        noun = _antecedent(verb, found[0])  # 'l'aide-soignante, qui a été interpellée': who 'qui' stands for
        return with_conjuncts([noun]) if noun is not None else []
    return with_conjuncts(found)


def _past_infinitive_passive(verb) -> bool:  # noqa: ANN001
    """A passive past infinitive ('avoir été mis en examen', 'having been arrested'): what its
    subject says was done to it, not a passive still to come ('was set to be released')."""
    return any(c.dep_ in ("aux", "aux:tense") and "Inf" in c.morph.get("VerbForm") for c in verb.children) \
        and any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children)


def _raised_passive(verb) -> bool:  # noqa: ANN001
    """A passive infinitive under a modal or aspectual verb ('pourraient être condamnés', 'doit
    être jugé', 'risquent d'être expulsés'): the verb it hangs on carries the patient as subject."""
    return verb.head.lemma_.lower() in MODAL_RAISING and any(
        c.dep_ in ("aux:pass", "auxpass") and "Inf" in c.morph.get("VerbForm") for c in verb.children)


def _shared_subject(verb) -> list:  # noqa: ANN001
    """The subject a passive with none of its own shares with the verb it hangs on: a
    coordinated clause ('ont tenté de passer et ont été interpellées') or an infinitive
    ('après avoir été interpellé, il …', 'before being arrested, he …', 'Sanofi a déclaré avoir
    été mis en examen')."""
    if children(verb, SUBJ) or not (verb.dep_ == "conj" or (verb.dep_ in ("advcl", "pcomp") and _nonfinite(verb))
                                    or (verb.dep_ == "xcomp" and (_past_infinitive_passive(verb) or _raised_passive(verb)))):
        return []
    head = verb.head.head if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" else verb.head  # 'after being arrested'
    for _ in range(3):  # '… ont tenté de passer et ont été interpellées': through the infinitive to 'ont tenté'
        if head.pos_ not in ("VERB", "AUX"):
            return []
        found = [c for c in children(head, SUBJ | PASS_SUBJ) if not relative(c)]
        if found or head.dep_ not in ("xcomp", "conj") or head.head.i == head.i:
            return found
        head = head.head
    return []


def _antecedent(clause, pronoun):  # noqa: ANN001, ANN202
    """The noun a relative pronoun stands for: the noun the clause hangs on, or the noun right
    before the pronoun when the parser hung the clause on the verb ('recherche le chauffeur, qui …')."""
    if clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    before = [t for t in pronoun.doc[max(pronoun.sent.start, pronoun.i - 3):pronoun.i] if not t.is_punct]
    return before[-1] if before and before[-1].pos_ in ("NOUN", "PROPN") else None


def _prep_objects(tok) -> list:  # noqa: ANN001
    """English ``agent``/``prep`` tokens hold their noun in ``pobj``; UD attaches it directly."""
    objs = [c for c in tok.children if c.dep_ in ("pobj", "pcomp")]
    return objs or ([tok] if tok.pos_ in ("NOUN", "PROPN", "PRON") else [])


def prep_objects(tok, preps: set[str]) -> Iterator:  # noqa: ANN001
    """Nouns introduced under ``tok`` by one of ``preps`` ('with', 'avec', 'à', 'to' …)."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            yield from with_conjuncts(_prep_objects(child))
        elif child.dep_.startswith(("obl", "nmod", "obj", "iobj")) and child.dep_ != "obl:agent" and \
                any(c.dep_ == "case" and c.lower_ in preps for c in child.children):
            yield from with_conjuncts([child])
        elif child.pos_ == "VERB" and child.lower_ in preps and child.i > tok.i:
            # 'des critiques envers le président': a preposition the tagger took for a verb, its noun for an object
            yield from with_conjuncts([c for c in child.children if c.dep_ in OBJ and c.pos_ in ("NOUN", "PROPN", "PRON")])


NEIGHBOUR_ADJUNCTS = frozenset({"obl:mod", "obl", "obl:arg", "npadvmod", "advmod", "nmod"})
"""Dependents a prepositional phrase of the verb may be hung on instead ('vendredi à Moscou',
'au téléphone avec Volodymyr Zelensky')."""


def slot(tok, name: str) -> list:  # noqa: ANN001
    """Tokens filling slot ``name`` of ``tok``: subj, obj, iobj, agent, poss, prep:X|Y."""
    if name == "subj":
        return subjects(tok)
    if name == "obj":
        objs = [c for c in children(tok, OBJ) if not _has_case(c) and not relative(c)] or object_after_date(tok) \
            or object_as_predicate(tok) or relative_object(tok) or small_clause_subject(tok)
        if is_passive(tok):  # 'was arrested five buildings away': an object of a passive is a misparsed adjunct
            return passive_patients(tok) or with_conjuncts(objs)
        return with_conjuncts(objs) or passive_patients(tok)
    if name == "iobj":
        return with_conjuncts(children(tok, IOBJ)) or [c for c in children(tok, OBJ) if _dative_clitic(c)]
    if name == "agent":
        return with_conjuncts(agents_of(tok))
    if name == "poss":
        return [c for c in tok.children if c.dep_ == "poss" or (c.dep_ == "nmod:poss")]
    if name.startswith("prep:"):
        preps = set(name[5:].split("|"))
        direct = list(prep_objects(tok, preps))
        if direct:
            return direct
        # parsers often hang 'à Moscou' on a neighbouring adjunct ('vendredi à Moscou', 'au téléphone avec X')
        near = [g for c in tok.children if c.dep_ in NEIGHBOUR_ADJUNCTS for g in prep_objects(c, preps)]
        # or on the object ('ont jeté des bouteilles sur les gendarmes', 'a signé un accord avec Pékin')
        return near or [g for c in children(tok, OBJ) for g in prep_objects(c, preps)]
    return []


def _controller(gov) -> list:  # noqa: ANN001
    """Who does what a gerund after a preposition of ``gov`` tells: the grammatical subject
    of ``gov``, which for a passive is its patient ('a man was charged after opening fire':
    the man fired; 'X was shot by police after fleeing': X fled), else its subjects. (A
    participle after a comma tells the passive's agent's deed: 'raided by bandits, killing nine'.)"""
    return (passive_patients(gov) if is_passive(gov) else []) or subjects(gov)


def relative_object(verb) -> list:  # noqa: ANN001
    """The noun a relative clause's object pronoun stands for ('le ministre, qu'il a critiqué
    jeudi', 'the minister whom he criticised'): the noun the clause hangs on, else the nearest
    noun before the pronoun. Only in a clause with a subject of its own ('qui' is a subject)."""
    rel = [c for c in verb.children if c.i < verb.i and (
        (c.dep_ in OBJ and relative(c)) or (c.dep_ == "mark" and c.lower_ in OBJECT_RELATIVES))]
    if not rel or not children(verb, SUBJ) or any(relative(s) for s in children(verb, SUBJ)):
        return []
    if verb.dep_ in ("relcl", "acl:relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return with_conjuncts([verb.head])
    if rel[0].dep_ == "mark" and not relative(rel[0]):
        return []  # 'a estimé que le gouvernement …': a complementizer, not a relative
    if verb.dep_ == "ccomp" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < rel[0].i:
        return []  # 'a annoncé au Figaro qu'il démissionnait': the complement clause of a verb, its 'que' no relative
    noun = relative_antecedent(rel[0])
    return [noun] if noun is not None else []


def _dative_clitic(tok) -> bool:  # noqa: ANN001
    """'lui', 'leur' before their verb ('le maire lui a rendu hommage'): only ever an indirect
    object, though the parser may label it a direct one."""
    return tok.pos_ == "PRON" and tok.lower_ in DATIVE_CLITICS and tok.i < tok.head.i


def object_after_date(verb) -> list:  # noqa: ANN001
    """'a interpellé le 20 octobre trois militants': after a date between the verb and its
    object the parser takes the object for one more adjunct (a bare noun phrase, no
    preposition); it is the object when the verb has none."""
    if children(verb, OBJ):
        return []
    hung = _object_under_adjunct(verb)
    if hung:
        return hung
    adjuncts = [c for c in verb.children if c.dep_ == "obl:mod" and c.i > verb.i and not _has_case(c)]
    dated = [c for c in adjuncts if _is_date(c)]
    if not dated:
        return []
    return [c for c in adjuncts if c.i > dated[0].i and c.pos_ in ("NOUN", "PROPN") and not _is_date(c)
            and any(g.dep_ in ("det", "nummod") for g in c.children)][:1]


def _object_under_adjunct(verb) -> list:  # noqa: ANN001
    """'a condamné dimanche l'attitude de l'élu', 'a dénoncé sur Twitter son assassinat': the
    parser hangs the object on the day or the prepositional phrase standing between the verb and
    it (a determined noun phrase with no preposition of its own, no comma before it, and no date
    itself); it is the verb's object when the verb has none."""
    for adjunct in verb.children:
        if adjunct.dep_ not in ("obl:mod", "obl:arg", "obl") or adjunct.i < verb.i:
            continue
        if not (_has_case(adjunct) or (_is_date(adjunct) and adjunct.pos_ == "NOUN")):
            continue
        for g in adjunct.children:
            if g.i > adjunct.i and g.dep_ in ("obj", "nmod") and g.pos_ in ("NOUN", "PROPN") and not _has_case(g) \
                    and any(d.dep_ in ("det", "nummod") for d in g.children) and not _is_date(g) \
                    and not any(t.is_punct for t in verb.doc[adjunct.i:g.left_edge.i]):
                return [g]
    return []


def small_clause_subject(verb) -> list:  # noqa: ANN001
    """'found him guilty', 'found the former mayor guilty of fraud': the parser makes the object
    the subject of a verbless adjectival clause under the verb; that subject is the object."""
    if verb.pos_ not in ("VERB", "AUX") or children(verb, OBJ):
        return []
    return [g for c in verb.children if c.dep_ in ("ccomp", "xcomp", "oprd") and c.pos_ == "ADJ" and c.i > verb.i
            and not any(a.dep_ in ("aux", "cop", "mark") or a.pos_ in ("AUX", "VERB") for a in c.children)
            for g in c.children if g.dep_ == "nsubj" and verb.i < g.i < c.i][:1]


def object_as_predicate(verb) -> list:  # noqa: ANN001
    """'a accusé le groupe Etat islamique d'en être responsable': before a 'de' complement the
    parser takes the object for a predicate (xcomp) of the verb; a determined noun there, with
    no other object, is the object (a predicate is bare: 'élu président')."""
    if verb.pos_ not in ("VERB", "AUX") or children(verb, OBJ):
        return []
    return [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("NOUN", "PROPN")
            and any(g.dep_ == "det" for g in c.children) and not _has_case(c)][:1]


def _is_date(tok) -> bool:  # noqa: ANN001
    sub = list(tok.subtree)
    text = tok.doc[sub[0].i:sub[-1].i + 1].text
    return bool(find_dates(text, tok.lang_))


def _has_case(tok) -> bool:  # noqa: ANN001
    return any(c.dep_ == "case" for c in tok.children)


ARG_DEPS = {"obj", "dobj", "nsubj:pass", "nsubjpass", "attr", "oprd"}
OBL_DEPS = {"obl", "obl:arg", "obl:mod"}
ARG_PREPS = closed_words("argument_prepositions")


def governor(noun, light_verbs: frozenset[str]):  # noqa: ANN001, ANN201
    """The verb a noun trigger is an argument of: ``hold talks``, ``participer à un
    sommet``, ``took part in talks``, and through one 'of' hop from an object
    (``gave 5 million dollars of aid``). None when the noun only modifies another
    noun ('en parallèle de sa visite')."""
    tok = noun
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        tok = tok.head
        return tok.head if tok.head.pos_ in ("VERB", "AUX") else _of_hop(tok.head)
    if tok.dep_ in ARG_DEPS and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    if tok.dep_ in OBL_DEPS and tok.head.pos_ in ("VERB", "AUX"):
        case = [c.lower_ for c in tok.children if c.dep_ == "case"]
        return tok.head if not case or case[0] in ARG_PREPS else None
    if tok.dep_ in ("nmod", "dep"):  # ('dep': the parser's 'a fait part de sa colère' left unlabelled)
        return _of_hop(tok.head)
    return None


def _of_hop(head):  # noqa: ANN001, ANN202
    """'dollars of aid': the noun's head is itself a direct object of a verb."""
    if head.dep_ in ("obj", "dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        return head.head  # 'dozens of arrests have been made' too
    return None


def phrase(tok) -> tuple[int, int]:  # noqa: ANN001
    """Character span of the noun phrase headed by ``tok``, without clauses and coordinations."""
    left, right = tok.idx, tok.idx + len(tok.text)
    for child in tok.children:
        if child.dep_ in CLAUSE_DEPS or (child.dep_ in ("case", "mark") and child.i < tok.i) or _reporting_incise(child) \
                or _not_of_the_phrase(tok, child):
            continue
        sub = _without_nested_asides(child) if child.i > tok.i else list(child.subtree)
        left = min(left, sub[0].idx)
        right = max(right, sub[-1].idx + len(sub[-1].text))
    return left, right


NESTED_ASIDES = frozenset({"relcl", "acl:relcl", "appos:relcl"})
"""Clauses that stop a phrase wherever they hang in it: a relative clause."""


def _without_nested_asides(child) -> list:  # noqa: ANN001
    """The words of a modifier after the head up to a relative clause or an apposed participle after a
    comma hung deeper inside it ('les avocats du couple X, qui avaient plaidé la relaxe': the clause
    hangs on X), without the commas it leaves at the end."""
    words = list(child.subtree)
    for inner in child.subtree:
        if inner.i != child.i and (
                inner.dep_ in NESTED_ASIDES or inner.dep_.startswith("acl") and _not_of_the_phrase(inner.head, inner)):
            cut = inner.left_edge.i
            words = [w for w in words if w.i < cut]
    while len(words) > 1 and words[-1].is_punct:
        words.pop()
    return words or [child]


def _not_of_the_phrase(noun, child) -> bool:  # noqa: ANN001
    """A modifier after a participant's noun that says what happened to it, not who it is: an
    apposed participle or clause after a comma ('un homme armé, interpellé peu après'), or a 'par'
    agent the parser hung on the noun ('l'arrestation du militant par la police', whose agent is
    the arrest's). (A locative phrase stays: 'la communauté tchétchène en France' says which one.)"""
    if child.i < noun.i:
        return False
    if child.dep_.startswith("acl") and child.left_edge.i > 0 and child.doc[child.left_edge.i - 1].text == ",":
        return True
    if child.dep_ not in ("nmod", "obl", "obl:mod"):
        return False
    case = next((c for c in child.children if c.dep_ == "case" and c.i < child.i), None)
    # a word inside a name ('Comité d'action par l'image') is the name's
    return case is not None and case.ent_iob_ != "I" and case.lower_ in AGENT_CASES


def _reporting_incise(verb) -> bool:  # noqa: ANN001
    """A reporting verb after a comma that the parser hung on the noun before it ('a poignardé
    plusieurs personnes, rapporte X', 'une enquête pour X, écrit Le Monde'): the source of the
    sentence, not a modifier of the noun's phrase."""
    from veille.understand.lexicon import quote_lexicon

    return verb.pos_ in ("VERB", "AUX") and verb.i > 0 and verb.doc[verb.i - 1].text == "," and \
        "Fin" in verb.morph.get("VerbForm") and \
        verb.lemma_.lower() in quote_lexicon().get(verb.doc.lang_, {}).get("verbs", ())


def er_infinitive(form: str) -> str:
    """The regular -er infinitive of a present-tense form ('estime' -> 'estimer',
    'réclament' -> 'réclamer'): French lemmatizers miss some of these."""
    low = form.lower()
    return low[:-2] + "r" if low.endswith("nt") else low + "r"


PAST_PARTICIPLE_END = re.compile(r"é(e)?(s)?$")
"""The endings of a regular -er past participle ('téléphoné', 'insurgée', 'limités')."""


def past_participle_infinitive(form: str) -> str | None:
    """The -er infinitive of a regular French past participle ('téléphoné' -> 'téléphoner',
    'insurgées' -> 'insurger'), None for a word without that ending."""
    low = form.lower()
    return PAST_PARTICIPLE_END.sub("er", low) if PAST_PARTICIPLE_END.search(low) else None


def participle_infinitive(form: str) -> str:
    """The -er infinitive of a French present participle ('menaçant' -> 'menacer',
    'mangeant' -> 'manger')."""
    stem = form.lower().removesuffix("ant")
    if stem.endswith("ç"):
        stem = stem[:-1] + "c"
    elif stem.endswith("ge"):
        stem = stem[:-1]
    return stem + "er"
