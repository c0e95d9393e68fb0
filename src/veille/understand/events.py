"""Who did what to whom: PLOVER events (CAMEO code beside) from the dependency parse.

A trigger word from the language's event lexicon (``data/events/<lang>.json``)
opens a candidate; its actor is the clause's subject (or a passive's agent, or
the controller of an infinitive), its recipient the first filled slot the
pattern names. Negation, future and hypothetical markers become flags, and
announced cooperation is re-coded AGREE as the PLOVER manual asks. Precision
comes first: a candidate without an actor, or failing its pattern's
conditions, is dropped rather than guessed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from veille.dates import find_dates, resolve
from veille.languages import closed_words, grammar, known, own_words
from veille.model import Event, EventDate, Evidence, Participant, Place, Span
from veille.understand.coref import PERSON_LABELS, doc_text
from veille.understand.event_model import QUOTE_MARKS, EventModel, event_model, sentence_features
from veille.understand.lexicon import EventLexicon, Trigger, agent_sector, event_lexicon
from veille.understand.nlp import Segment
from veille.understand.syntax import (
    AGENT_CASES,
    OBJ,
    PASS_SUBJ,
    SUBJ,
    UNACCUSATIVE,
    agents_of,
    children,
    coordinated_clause,
    er_infinitive,
    governor,
    head_word,
    prep_objects,
    is_passive,
    object_after_date,
    participle_infinitive,
    past_participle_infinitive,
    passive_patients,
    relative,
    relative_object,
    slot,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJ_DEPS = {"nsubj", "nsubjpass", "nsubj:pass", "csubj"}
ACTOR_ENTITY_LABELS = PERSON_LABELS | {"ORG", "GPE", "NORP"}  # entity labels of someone who can act
PARTITIVE = closed_words("partitive")  # 'ne signera pas d'accord': still the object


@dataclass
class Candidate:
    """A trigger that passed its pattern: what is known before linking."""

    token: Token
    trigger: Trigger
    anchor: Token  # the verb that carries tense, negation and the subject
    actors: list
    recipients: list
    nominal: bool = False  # a noun naming its own participants wherever it stands ('since the police shooting of a boy')
    said: bool = False  # a judgement inside a quotation whose speaker its attribution names, maybe in another sentence


POSITIVE = ("obj", "prep", "prt", "child", "naming")


def specificity(trigger: Trigger) -> int:
    """More specific patterns first, so 'withdraw ambassadors' beats 'withdraw':
    a required word counts most, other conditions less."""
    score = sum(3 if key in POSITIVE and value else 1 for key, value in trigger.with_.items())
    if "any" in trigger.with_:
        score += min(specificity_of(sub) for sub in trigger.with_["any"])
    return score + bool(trigger.recipient_actor) + bool(trigger.subj_sector) + bool(trigger.light)


def specificity_of(with_: dict) -> int:
    return sum(3 if key in POSITIVE and value else 1 for key, value in with_.items())


def candidates(sent, lex: EventLexicon) -> Iterator[list[Candidate]]:  # noqa: ANN001 - spacy Span
    """For every trigger token in ``sent``, the patterns whose conditions hold,
    most specific first (the first that also links its actors wins)."""
    senses: set[str] | None = None  # the sentence's sense contexts, found for its first trigger
    if doc_text(sent.doc)[sent.start_char:sent.end_char].rstrip(' »”"').endswith("?"):  # (Span.text joins its tokens anew)
        return  # a question states no event
    for tok in sent:
        options = _options(tok, lex)
        if not options or _in_name(tok) or _generic_infinitive(tok) or _in_fixed_phrase(tok, lex) or _absent(tok, lex):
            continue  # a question states no event; 'Mouvement de Libération du Soudan' is a name
        if _after_question(tok) or _asks_question(tok, lex.lang):
            options = tuple(t for t in options if t.type != "REQUEST")  # '« Pourquoi ? », a demandé X': a question asked
        if senses is None:
            senses = _contexts(sent, lex)
        if any(_framed(tok, t, lex) for t in options):
            continue  # 'charged with one count of murder': the crime charged, no act reported
        fitting = [t for t in options if not (set(t.sense_not) & senses) and _phrase_ok(tok, t)]
        matched = [c for trig in sorted(fitting, key=specificity, reverse=True) if (c := _match(tok, trig, lex)) is not None]
        if matched:
            yield matched


FRAME_CHAIN = frozenset({"pobj", "pcomp", "prep", "conj", "appos", "dobj", "obj", "nmod", "obl"})
"""Dependencies through which a word is part of a phrase complementing its head ('charged with
one count of murder of X': murder <- of <- count <- with <- charged)."""
NOUN_POS = frozenset({"NOUN", "PROPN"})


def _absent(tok, lex: EventLexicon) -> bool:  # noqa: ANN001
    """Is the noun the object of a preposition of absence (``absence_prepositions``: 'obtained
    the records without a warrant', 'left without a fight')? What is said to be missing did not
    happen."""
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in lex.absence_prepositions


def _in_fixed_phrase(tok, lex: EventLexicon) -> bool:  # noqa: ANN001
    """Is the word part of one of the language's ``fixed_phrases``, a preposition or conjunction
    made of words that are triggers elsewhere ('in order to see', 'as opposed to a target')?"""
    for phrase in lex.fixed_phrases:
        for at, word in enumerate(phrase):
            start = tok.i - at
            if word == tok.lower_ and start >= 0 and start + len(phrase) <= len(tok.doc) and \
                    all(tok.doc[start + k].lower_ == w for k, w in enumerate(phrase)):
                return True
    return False


def _framed(tok, trig: Trigger, lex: EventLexicon) -> bool:  # noqa: ANN001
    """Is the noun the content of a legal or accusing act that frames it ('charged with murder',
    'guilty of the killing of X', 'a trial for the shooting', 'accused X of carrying out the attack')?
    The crime there is what someone is charged with, not an act the sentence reports; a verb
    there still tells the act with its participants ('accused of killing his mother')."""
    words = lex.content_frames.get(trig.type)
    if not words or trig.pos != "NOUN" or tok.pos_ not in NOUN_POS:
        return False
    t = tok
    for _ in range(8):
        if t.dep_ not in FRAME_CHAIN or t.head is t or (t.dep_ == "conj" and t.pos_ not in NOUN_POS):
            return False  # 'convicted X and attacked Y': a coordinated verb is an act of its own
        t = t.head
        if t.lemma_.lower() in words or t.lower_ in words:
            return True
    return False


def _generic_infinitive(tok) -> bool:  # noqa: ANN001
    """An infinitive opening the sentence, with no one to do it: a topic, not an act
    ('Critiquer ses positions est une chose', 'Condamner ne suffit pas')."""
    return "Inf" in tok.morph.get("VerbForm") and all(t.is_punct for t in tok.sent if t.i < tok.i) and \
        not any(c.dep_ in ("aux", "aux:tense", "mark") for c in tok.children)


def _after_question(tok) -> bool:  # noqa: ANN001
    """The verb of an incise right after a quoted question ('… ?», lui a demandé X')."""
    i = tok.i - 1  # the quotation may have been parsed as a sentence of its own
    while i >= max(0, tok.i - 6) and (tok.doc[i].is_punct and tok.doc[i].text != "?" or tok.doc[i].pos_ in ("AUX", "PRON")):
        i -= 1
    return i >= 0 and tok.doc[i].text == "?"


ADDRESSEE_WORDS = ("case", "det", "amod", "flat:name", "nummod")  # the words of an addressee phrase besides its head


def _asks_question(tok, lang: str | None) -> bool:  # noqa: ANN001
    """A verb of asking whose next word, past its addressee, opens an indirect question
    ('a demandé si …', 'lui demandait comment …', 'a demandé aux lecteurs qui …'): a question
    asked, no demand; an infinitive marked 'de' still makes it one ('demande aux habitants qui
    le peuvent de rester')."""
    words = own_words(lang, "interrogatives")
    if not words:
        return False  # (before any walk of the verb's children)
    addressee = {c.i for c in tok.children if c.dep_ in ("iobj", "obl:arg", "obl")}
    near = [g for c in tok.children for g in (c, *(c.subtree if c.i in addressee else ()))]  # the parser may hang it there
    if not words or any(c.dep_ == "xcomp" and any(m.dep_ == "mark" and m.lower_ in ("de", "d'", "d’") for m in c.children)
                        for c in near):
        return False
    j = tok.i + 1
    while j < tok.sent.end and (j in addressee or (tok.doc[j].head.i in addressee and tok.doc[j].dep_ in ADDRESSEE_WORDS)):
        j += 1
    return j < tok.sent.end and tok.doc[j].lower_ in words


def _in_name(tok) -> bool:  # noqa: ANN001
    """A word inside a proper name ('Conseil des droits de l'Homme', 'Front de libération'):
    capitalised mid-sentence, or inside a named entity other than a person."""
    if tok.ent_type_ in ("ORG", "MISC", "LOC", "GPE", "FAC", "WORK_OF_ART", "LAW", "EVENT"):
        return True
    return tok.pos_ in ("NOUN", "PROPN") and tok.text[:1].isupper() and tok.i > tok.sent.start and not tok.is_sent_start


def _options(tok, lex: EventLexicon) -> tuple[Trigger, ...]:  # noqa: ANN001
    """The patterns a token may open: by lemma, by form, and for verbs the French
    lemmatizer gets wrong ('réclame' left as its own lemma), by the -er infinitive."""
    lemma, form, pos = tok.lemma_.lower(), tok.lower_, tok.pos_  # (read once: asked of every word)
    found = lex.triggers.get(lemma, ()) + (lex.triggers.get(form, ()) if form != lemma else ())
    if found and pos in ("VERB", "AUX") and lemma == form and not any(t.pos == "VERB" for t in found) and \
            grammar(lex.lang, "er_infinitive"):  # 'il demande à l'exécutif': the verb, not the noun 'demande'
        return found + tuple(t for t in lex.triggers.get(er_infinitive(form), ()) if t.pos == "VERB")
    if found:
        return found
    if pos in ("VERB", "AUX") and lemma == form and grammar(lex.lang, "er_infinitive"):
        return tuple(t for t in lex.triggers.get(er_infinitive(form), ()) if t.pos == "VERB")
    if pos == "ADJ" and _participle_as_adjective(tok) and grammar(lex.lang, "er_infinitive"):  # '…, menaçant de saisir le CSA'
        return tuple(t for t in lex.triggers.get(participle_infinitive(form), ()) if t.pos == "VERB")
    return _verb_form(tok, lex) if pos in ("NOUN", "ADJ", "PROPN") else ()  # (no pattern for other words either way)


def _participle_as_adjective(tok) -> bool:  # noqa: ANN001
    """A present participle the tagger took for an adjective, known by its complement clause
    ('menaçant de saisir'; not 'un ton menaçant')."""
    return tok.pos_ == "ADJ" and tok.lower_.endswith("ant") and any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)


def _phrase_ok(tok, trig: Trigger) -> bool:  # noqa: ANN001
    """A multi-word trigger ('mise en examen', "état d'urgence") needs its other words
    right after, however the tokenizer cut them."""
    if not trig.phrase:
        return True
    rest = " ".join(trig.phrase).replace("’", "'")
    after = doc_text(tok.doc)[tok.idx + len(tok.text): tok.idx + len(tok.text) + len(rest) + 2].replace("’", "'").lower()
    return after.lstrip().startswith(rest) and (after[:1].isspace() or rest[:1] in "'-")


def _contexts(sent, lex: EventLexicon) -> set[str]:  # noqa: ANN001 - spacy Span
    """Sense contexts the sentence belongs to ('sport': 'match', 'but', 'championnat' …): one of
    the context's words, or as many distinct ones as ``context_min`` asks ('the Arab League' alone
    is no sport); a word given as 'fire/NOUN' counts as that part of speech only (not 'fired a shot');
    an entry of several words ('world cup', 'sortie de route') is met as a phrase, in the words
    or in their lemmas, and is enough alone.

    The sentence's keys (lemma, form, each with its part of speech) are built once and met
    with each context's words as a set intersection (a walk of the sentence per context cost
    about 2 ms of CPU an article)."""
    if not lex.contexts:
        return set()
    found = set(sent.doc.user_data.get("article_contexts", ()))  # the article's own (a match report)
    tokens = [(t.lemma_.lower(), t.lower_, t.pos_) for t in sent]  # read once: a Span walk makes a Token per word
    keys = _keys_of(tokens)
    texts = None
    hyphened = None
    for name, words in lex.contexts.items():
        if phrases := lex.context_phrases.get(name):
            if texts is None:  # words and lemmas, space-joined: 'world cup', 'heat waves' -> 'heat wave'
                texts = (f" {' '.join(form for _, form, _ in tokens)} ", f" {' '.join(lemma for lemma, _, _ in tokens)} ")
            if any(f" {p} " in text for p in phrases for text in texts):
                found.add(name)  # a phrase is specific enough alone
                continue
        joined = []
        if hyphen_words := [w for w in words if "-" in w]:  # 'hit-and-run', cut by the tokenizer
            hyphened = hyphened or f" {' '.join(form for _, form, _ in tokens)} ".replace(" - ", "-")  # the hyphens cut out joined again
            joined = [w for w in hyphen_words if f" {w} " in hyphened]
        if len({h.split("/")[0] for h in words & keys} | set(joined)) >= lex.context_min.get(name, 1):
            found.add(name)
    for name, (agents, modifiers_not) in lex.context_agents.items():
        if name not in found and any(_passive_agent(t) and any(w.lemma_.lower() in agents or w.lower_ in agents for w in _head_words(t)) and
                                     not any(c.lemma_.lower() in modifiers_not or c.lower_ in modifiers_not for c in t.subtree)
                                     for t in sent):
            found.add(name)  # 'was struck by a car', 'percuté par une voiture': an accident, not an attack
    return found


def _head_words(tok) -> list:  # noqa: ANN001
    """The noun and the words that name it with it: its compounds and apposition ('a Toyota Camry',
    'a silver Toyota Camry' parsed as 'silver' with 'Camry' in apposition)."""
    words = [tok]
    for c in tok.children:
        if c.dep_ in ("compound", "appos"):
            words.append(c)
            words.extend(g for g in c.children if g.dep_ == "compound")
    return words


def _passive_agent(tok) -> bool:  # noqa: ANN001
    """Is the noun the agent of a passive ('struck by a car': 'by' is the 'agent' of the
    verb; 'percuté par une voiture': the noun is its 'obl:agent')?"""
    if tok.dep_ == "obl:agent":
        return True
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent"


def _context_keys(tokens) -> set[str]:  # noqa: ANN001 - spacy Span or Doc
    """The keys a context's words are met with: each token's lemma and form, alone and with its part of speech."""
    return _keys_of([(t.lemma_.lower(), t.lower_, t.pos_) for t in tokens])


def _keys_of(tokens: list[tuple[str, str, str]]) -> set[str]:
    """:func:`_context_keys` of (lemma, form, part of speech) triples already read."""
    keys: set[str] = set()
    for lemma, form, pos in tokens:
        keys.update((lemma, form, f"{lemma}/{pos}", f"{form}/{pos}"))
    return keys


def obligations(sent, lex: EventLexicon) -> Iterator[Candidate]:  # noqa: ANN001
    """'X said (that) Y must do Z': X demands it of Y (REQUEST), as CAMEO codes it."""
    if not lex.obligation_aux or not lex.obligation:
        return
    trig = Trigger(lemma="must", pos="VERB", type=lex.obligation["type"], cameo=lex.obligation["cameo"],
                   confidence=float(lex.obligation.get("confidence", 0.7)))
    skip_verbs = frozenset(lex.obligation.get("verb_not", ()))
    skip_subjects = frozenset(lex.obligation.get("subject_not", ()))
    for tok in sent:
        if tok.dep_ == "aux" and tok.lower_ in lex.obligation_aux:
            clause = tok.head
            speaker = _speaker_verb(clause)
            obliged = slot(clause, "subj")
            if clause.lemma_.lower() in skip_verbs or any(t.lower_ in skip_subjects for t in obliged):
                continue  # 'it should be a peaceful way', 'we must teach': no one is asked to act
            if lex.animate_heads and not any(t.pos_ == "PRON" or _animate(t, lex) for t in obliged):
                continue  # 'the house's future use should send a signal': no one to ask
            if speaker is not None:
                yield Candidate(clause, trig, speaker, slot(speaker, "subj"), obliged)


def _speaker_verb(clause):  # noqa: ANN001, ANN202
    """The verb or noun that reports a clause: 'declared that …', 'a reminder that …'."""
    head = clause.head
    if clause.dep_ in ("ccomp", "acl") and head.i != clause.i:
        return head if head.pos_ in ("VERB", "AUX") else governor(head, frozenset())
    return None


def _verb_form(tok, lex: EventLexicon) -> tuple[Trigger, ...]:  # noqa: ANN001
    """Taggers mislabel some present-tense verbs as nouns ('réclame', 'estime'):
    a token with a subject of its own is tried as the regular -er verb; so is a past participle
    taken for a noun or an adjective after its auxiliary ('a ensuite téléphoné au président')."""
    pos = tok.pos_
    if not (pos in ("NOUN", "ADJ", "PROPN") and lex.triggers.get(past_participle_infinitive(tok.lower_) or "")) and \
            (pos != "NOUN" or not lex.triggers.get(er_infinitive(tok.lower_))):
        return ()  # no pattern either way: the token's children need no walk
    if _participle_taken_for_noun(tok) and grammar(lex.lang, "er_infinitive"):
        return tuple(t for t in lex.triggers.get(past_participle_infinitive(tok.lower_) or "", ()) if t.pos == "VERB")
    if tok.pos_ != "NOUN" or not any(c.dep_ in ("nsubj",) for c in tok.children):
        return ()
    return tuple(t for t in lex.triggers.get(er_infinitive(tok.lower_), ()) if t.pos == "VERB")


def _participle_taken_for_noun(tok) -> bool:  # noqa: ANN001
    """A regular -er past participle the tagger read as a noun or adjective, known by the
    auxiliary of a compound tense it governs ('a téléphoné', 's'était insurgé')."""
    return tok.pos_ in ("NOUN", "ADJ", "PROPN") and past_participle_infinitive(tok.lower_) is not None and \
        any(c.dep_ in ("aux", "aux:tense") for c in tok.children)


def _pos_ok(tok, trig: Trigger, lex: EventLexicon | None = None) -> bool:  # noqa: ANN001
    if trig.pos == "ADJ" and lex is not None and lex.participle_adjectives and _attributive_participle(tok):
        return True  # 's'est dit choqué', 'se disant dérangé', 'est indigné': the participle is the adjective
    if trig.pos == "VERB":
        verbish = (tok.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in tok.children)) or _participle_as_adjective(tok) \
            or _participle_taken_for_noun(tok)
        return tok.pos_ in ("VERB",) or verbish or (tok.pos_ == "AUX" and tok.dep_ == "ROOT")
    if trig.pos == "NOUN":  # a gerund with an article is a noun ('after the police shooting of a boy')
        return tok.pos_ in ("NOUN", "PROPN") or (tok.tag_ == "VBG" and any(c.dep_ == "det" for c in tok.children))
    return tok.pos_ == trig.pos


def _attributive_participle(tok) -> bool:  # noqa: ANN001
    """A past participle standing as an adjective: the attribute of the verb it completes
    ('s'est dit choqué', 'se montre déçu') or of a passive auxiliary ('est scandalisé'); or an
    adjective after a copula that the tagger took for a verb ('ont été exemplaires')."""
    if tok.pos_ == "VERB" and any(c.dep_ == "cop" for c in tok.children):
        return True
    if tok.pos_ == "VERB" and tok.dep_ == "xcomp" and any(c.lower_ in REFLEXIVE for c in tok.head.children if c.i < tok.head.i):
        return True  # 's'est dit « dérangé »', however the tagger read the participle
    if tok.pos_ != "VERB" or "Part" not in tok.morph.get("VerbForm") or "Pres" in tok.morph.get("Tense"):
        return False
    return (tok.dep_ == "xcomp" and tok.head.pos_ in ("VERB", "AUX")) or is_passive(tok)


def _content_act(tok, lex: EventLexicon) -> bool:  # noqa: ANN001
    """Does the verb's clausal complement tell an act of someone named ('testified that the
    guard fired at him'), not the speaker's own doings or a state ('testified that he came
    forward', 'that X had become frustrated')? Its verb opens a pattern, its subject is no pronoun."""
    return any(c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB" and
               any(t.pos == "VERB" for t in _options(c, lex)) and
               any(s.pos_ in ("NOUN", "PROPN") for s in slot(c, "subj")) for c in tok.children)


def _match(tok, trig: Trigger, lex: EventLexicon) -> Candidate | None:  # noqa: ANN001
    """Apply one pattern to one token."""
    if not _pos_ok(tok, trig, lex) or not conditions(tok, trig.with_, lex.quantity_nouns, lex.passive_objects):
        return None
    if trig.with_.get("content_act") and not _content_act(tok, lex):
        return None
    if trig.pos == "VERB" and _to_be_done(tok):
        return None
    if trig.pos == "NOUN" and "speaker" not in trig.actor:
        return _noun_candidate(tok, trig, lex)
    if trig.pos == "VERB" and _fronted_participle(tok):  # 'Interpellé jeudi, le suspect a été placé en garde à vue'
        doers = [d for d in agents_of(tok) if d.head.dep_ == "agent" or any(c.dep_ == "case" and c.lower_ in AGENT_CASES for c in d.children)]
        patients = children(tok.head, SUBJ | PASS_SUBJ)  # (a 'by'/'par' agent only: not 'au pôle financier' taken for one)
        unlike = set(trig.with_.get("obj_not", ()))  # the patients stand as its object: 'Interrogés par les enquêteurs, les témoins …'
        if not patients or any(p.lower_ in unlike or p.lemma_.lower() in unlike for p in patients):
            return None
        return Candidate(tok, trig, tok, doers, patients) if doers or _agentless_ok(trig, lex) else None
    anchor = tok if trig.pos == "VERB" else _adj_anchor(tok)
    actors = slot(anchor, "subj") or (_charged_doer(tok, lex) if trig.pos == "VERB" else [])
    if "obj" in trig.actor:  # 'ces propos le dérangent', 'irrite Manuel Valls': who is upset disapproves of the cause
        actors, subject = slot(tok, "obj"), actors
        upset = actors and not is_passive(tok) and "Inf" not in tok.morph.get("VerbForm") and not _past_infinitive(tok)
        return Candidate(tok, trig, anchor, actors, subject) if upset else None
    if trig.pos == "VERB" and "subj" in trig.recipient and "speaker" not in trig.actor:
        # 'X doit comparaître devant le tribunal': the subject undergoes the act; its doer stands in the pattern's
        # prepositional actor slots ('devant le tribunal') or is unsaid (then implied, for an agentless pattern)
        preps = {p for name in trig.actor if name.startswith("prep:") for p in name[5:].split("|")}
        doers = ([t for name in trig.actor if name.startswith("prep:") for t in slot(tok, name)]
                 or [t for t in slot(tok, "agent") if _case(t) in preps])[:1]  # (the parser's 'obl:agent' of 'devant le tribunal')
        return Candidate(tok, trig, anchor, doers, actors) if actors and (doers or _agentless_ok(trig, lex)) else None
    if trig.pos == "ADJ" and anchor is tok and tok.pos_ == "VERB" and is_passive(tok):
        actors = passive_patients(tok)  # 'le maire est scandalisé par …': who feels it, not what causes it
    recipients = _first_slot(tok, trig.recipient)
    if not recipients and "obj" in trig.recipient and trig.type in lex.agentless_types and _scheduled_passive(anchor, lex):
        gov = anchor.head.head if anchor.head.dep_ == "acomp" else anchor.head  # 'is due to be sentenced'
        recipients = slot(gov, "subj") or passive_patients(gov)  # 'is scheduled to be arraigned'
    if "speaker" in trig.actor:  # 'c'est abominable', a dit X / 'il faut des sanctions': X judges, demands
        speaker = reporter(tok, lex)
        recipients = recipients or [a for a in actors if a.pos_ in ("PROPN", "NOUN")]
        if speaker is None:  # '« C'est aberrant. »' after 'X s'inquiète :': the quotation's attributed speaker, if any
            return Candidate(tok, trig, anchor, [], recipients, said=True)
        actors = [speaker]
    if not actors and is_passive(anchor):  # 'a été exclu du Front national': the body it is excluded from excludes
        actors = [t for name in trig.actor if name.startswith("prep:") for t in slot(tok, name)
                  if t.pos_ == "PROPN"][:1] or _coordinated_agents(anchor, trig, lex)
    if not actors and not ((is_passive(anchor) or (_reduced_passive(anchor) and trig.type in lex.agentless_types))
                           and _agentless_ok(trig, lex)):
        return None  # agentless: a passive ('ont été interpellés', 'l'homme, interpellé lundi, …'), not an infinitive
    return Candidate(tok, trig, anchor, actors, recipients)


def _scheduled_passive(verb, lex: EventLexicon) -> bool:  # noqa: ANN001
    """A passive infinitive under a verb of schedule or expectation ('is scheduled to be
    arraigned', 'is expected to be charged'): what is to be done to that verb's subject (read for
    the agentless types only: a release 'scheduled' from hospital is no concession)."""
    return verb.dep_ == "xcomp" and verb.head.i != verb.i and verb.head.lemma_.lower() in lex.future_governors \
        and any(c.dep_ in ("auxpass", "aux:pass") for c in verb.children)


def _charged_doer(tok, lex: EventLexicon) -> list:  # noqa: ANN001
    """Who did a deed a verdict or a charge names through a gerund: the one found guilty ('was
    found guilty of killing X', 'found him guilty of shooting X': a frame adjective of
    ``content_frames`` predicated of him) or charged, when the parser hangs the gerund on that
    person ('convicted a man of shooting X'). English gerunds (``pcomp``) only."""
    if tok.dep_ != "pcomp" or tok.head.dep_ != "prep" or tok.head.head.i == tok.head.i:
        return []
    words = {w for ws in lex.content_frames.values() for w in ws}
    frame = tok.head.head
    if frame.pos_ == "ADJ" and frame.lemma_.lower() in words and frame.dep_ in ("oprd", "acomp", "amod", "ccomp", "xcomp") \
            and frame.head.i != frame.i:
        if frame.dep_ == "amod":
            return [frame.head]  # 'Man guilty of killing …' (a headline)
        own = [c for c in frame.children if c.dep_ in ("nsubj", "nsubjpass")]
        if own:
            return own  # 'found him guilty of …' read as a small clause
        gov = frame.head
        return [c for c in children(gov, {"dobj", "obj"}) if c.pos_ in NOUN_POS | {"PRON"}] or \
            passive_patients(gov) or slot(gov, "subj")
    if frame.pos_ in NOUN_POS | {"PRON"} and frame.dep_ in ("dobj", "obj") and frame.head.lemma_.lower() in words:
        return [frame]
    return []


def _coordinated_agents(verb, trig: Trigger, lex: EventLexicon) -> list:  # noqa: ANN001
    """The agent of a passive coordinated with this one, when both are acts of the same type ('ont été
    frappés puis ligotés par deux hommes', 'were beaten and robbed by two men'): one 'par' phrase for
    both; not across types ('arrêté puis relâché par la police', 'blessé puis secouru par des passants')."""
    partners = [c for c in verb.children if c.dep_ == "conj" or _apposed_participle(verb, c)] + \
        ([verb.head] if verb.dep_ == "conj" and verb.head.i != verb.i else [])
    for other in partners:
        if other.pos_ in ("VERB", "AUX") and (is_passive(other) or _apposed_participle(verb, other)) \
                and trig.type in _lexicon_types(other, lex):
            found = slot(other, "agent")
            if found:
                return found
    return []


def _apposed_participle(verb, child) -> bool:  # noqa: ANN001
    """A bare past participle after a comma that tells the same act again, more closely ('a été
    tuée, poignardée par un voisin'): the parser hangs it on the verb as an adverbial clause,
    without an auxiliary or a subject of its own; its 'par' phrase names the doer of both."""
    return child.dep_ == "advcl" and child.i > verb.i and "Part" in child.morph.get("VerbForm") \
        and "Past" in child.morph.get("Tense") and child.i > 0 and child.doc[child.i - 1].text == "," \
        and not children(child, {"aux", "aux:tense", "aux:pass", "mark", "nsubj", "nsubj:pass"})


def _reduced_passive(verb) -> bool:  # noqa: ANN001
    """A past participle qualifying a noun that reports the act: a passive without its auxiliary,
    set off by a comma or with complements of its own ('l'actrice, condamnée à deux ans de prison',
    'un homme interpellé lundi à Lyon'); a bare one describes who the noun is ('les personnes
    interpellées sont âgées de …': the arrest was told before)."""
    if verb.dep_ != "acl" or any(c.dep_.startswith("aux") for c in verb.children):
        return False  # 'des mouvements ayant combattu au Darfour': a compound active participle
    return bool(passive_patients(verb)) and (_detached_participle(verb) or any(not c.is_punct for c in verb.children))


def _detached_participle(verb) -> bool:  # noqa: ANN001
    """A past participle set off by a comma after its noun ('la réforme, critiquée par les
    syndicats, …'): an aside that reports what was done to the noun, not a restrictive label ('un
    accord signé par les syndicats', 'le dispositif mis en place par X')."""
    if verb.dep_ != "acl" or "Part" not in verb.morph.get("VerbForm") or "Pres" in verb.morph.get("Tense"):
        return False
    start = verb.left_edge.i
    return start > 0 and verb.doc[start - 1].text == ","


def _fronted_participle(verb) -> bool:  # noqa: ANN001
    """A past participle opening its sentence, set off by a comma before the main clause
    ('Interpellé jeudi, le suspect a été placé en garde à vue', 'Expulsé du parti, il a …'): a
    passive without its auxiliary, done to the main clause's subject (not by it)."""
    if verb.pos_ != "VERB" or "Part" not in verb.morph.get("VerbForm") or "Pres" in verb.morph.get("Tense"):
        return False
    main = verb.head
    if verb.i != verb.sent.start or verb.dep_ == "acl" or main.i <= verb.i or main.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_.startswith(("aux", "cop", "mark", "case")) for c in verb.children):
        return False  # 'Ayant été interpellé', 'Après avoir critiqué': not a bare participle
    if any(c.dep_.startswith("nsubj") and not _is_time_word(c) for c in verb.children):
        return False
    return any(t.text == "," for t in verb.doc[verb.i + 1:main.i])


def _to_be_done(verb) -> bool:  # noqa: ANN001
    """'deux blessés sont à déplorer', 'cela reste à prouver': an infinitive after 'être/rester à'
    says what is to be done (``to_be_done_heads``), not that anyone does it."""
    if "Inf" not in verb.morph.get("VerbForm") or not any(c.dep_ == "mark" and c.lower_ == "à" for c in verb.children):
        return False
    heads = [c for c in verb.children if c.dep_ in ("aux", "aux:tense", "cop")]
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        heads.append(verb.head)
    return any(h.lemma_.lower() in TO_BE_DONE for h in heads)


def reporter(tok, lex: EventLexicon):  # noqa: ANN001, ANN202 - spaCy tokens
    """The subject of the reporting verb whose words contain ``tok``: the verb governing
    its clause ('X a estimé que c'est inacceptable'), or the incise of the sentence
    ('« c'est inacceptable », a lancé X'). None outside reported speech."""
    verbs = _reporting(lex.lang)
    head, seen = tok, 0
    while head.head.i != head.i and seen < 6:
        head, seen = head.head, seen + 1
        if head.lemma_.lower() in verbs and head.pos_ in ("VERB", "AUX") and head.i != tok.i:
            subj = slot(head, "subj")
            if subj:
                return subj[0]
    quoted = _inside_quotes(tok)
    for cand in tok.sent:
        if cand.lemma_.lower() in verbs and cand.pos_ in ("VERB", "AUX") and quoted and not _inside_quotes(cand):
            subj = slot(cand, "subj")
            if subj:
                return subj[0]
    return None


def _inside_quotes(tok) -> bool:  # noqa: ANN001
    """Is ``tok`` between quotation marks in its sentence?"""
    opened = False
    for t in tok.sent:
        if t.i >= tok.i:
            return opened
        if t.text in ("«", "“"):
            opened = True
        elif t.text in ("»", "”"):
            opened = False
        elif t.text == '"':
            opened = not opened
    return opened


def _passive(verb) -> bool:  # noqa: ANN001
    """A passive clause or a past participle qualifying its patient ('les suspects interpellés')."""
    return is_passive(verb) or (verb.dep_ in ("acl", "amod", "advcl", "ROOT", "conj") and "Part" in verb.morph.get("VerbForm")
                                and "Pass" in verb.morph.get("Voice", ["Pass"]) and not children(verb, {"nsubj", "aux", "aux:tense"})
                                and verb.lemma_.lower() not in UNACCUSATIVE)  # 'sont venues en aide': a compound past


def _agentless_ok(trig: Trigger, lex: EventLexicon) -> bool:
    """May this pattern be coded with no actor named ('il a été interpellé')?"""
    return trig.agentless if trig.agentless is not None else trig.type in lex.agentless_types


def _adj_anchor(tok):  # noqa: ANN001, ANN202
    """'X is willing to …': the copula clause carries the subject."""
    return tok.head if tok.dep_ not in ("ROOT",) and tok.head.pos_ in ("VERB", "AUX") else tok


AGENT_DEPS = frozenset({"obl:agent", "agent"})
"""The dependency of the 'par' phrase of a passive ('est visé par une plainte')."""


def _noun_candidate(tok, trig: Trigger, lex: EventLexicon) -> Candidate | None:  # noqa: ANN001
    """Noun triggers: a light verb lends its subject ('a porté plainte'); else the noun
    names its participants ('l'arrestation de trois suspects', 'la visite du ministre')."""
    if tok.dep_ == "compound":
        return None  # 'riot police', 'murder charges', 'protest leaders': the noun qualifies another one
    if tok.ent_type_ in NAME_ENTITIES:
        return None  # 'La République en marche', 'Rassemblement national': a word of a name, no act
    verb = _participle_of(tok, trig) or governor(tok, lex.governing_words)
    if verb is None or verb.lemma_.lower() not in (trig.light or lex.light_verbs):
        verb = _participle_of(tok, trig, lex) or verb  # 'une enquête ouverte pour homicide', with no one named
    if "case" in trig.with_ and trig.recipient == ("holder",):
        return _held_in(tok, trig, lex)  # 'il est en garde à vue', 'X, en détention provisoire, a …'
    if "case" in trig.with_:
        verb = None  # 'à la demande des pays africains', 'sur ordre du préfet': an adjunct naming its own participants
    if verb is not None and lex.nominal_roles and tok.dep_ == "pobj" and tok.head.lower_ in TIME_PREPOSITIONS:
        verb = None  # 'riots broke out after the shooting': the time of another act, not its argument
    copula = children(tok, {"cop"})
    if verb is None and copula and _case(tok) and copula[0].lemma_.lower() in trig.light and children(tok, SUBJ):
        # 'les cheminots sont en grève': the noun is the predicate of its subject, the copula its light verb
        return Candidate(tok, trig, copula[0], children(tok, SUBJ), _first_slot(tok, trig.recipient))
    of = slot(tok, "poss") + list(_of_phrase(tok))
    of = of or [c for c in tok.children if c.dep_ == "det" and "Yes" in c.morph.get("Poss")]  # 'sa mise en examen'
    agent = slot(tok, "agent") + list(_by_phrase(tok))
    agent = agent or _participle_doers(tok, trig, lex)
    recipients = _first_slot(tok, trig.recipient)
    if lex.hung_complements and of and of[0].dep_ != "det":
        agent, recipients = _hung_complements(tok, of[0], trig, agent, recipients)
    vlemma = verb.lemma_.lower() if verb is not None else ""
    if _case(tok) in closed_words("opposing_cases"):
        return None  # 's'est prononcé contre l'interdiction', 'a voté contre la grève': opposed to it, not doing it
    if _case(tok) in closed_words("charge_cases") and not any(c.dep_ in ("det", "det:poss", "nummod") for c in tok.children):
        return None  # 'plainte pour violences', 'enquête pour homicide volontaire': the offence charged, no act told
    if (held := _under(tok, lex)) is not None:  # 'a tanker under attack by pirates', 'the mayor is under investigation'
        doers = agent or _by_after(tok, held)
        undergoing = slot(held, "obj") or slot(held, "subj") if held.pos_ in ("VERB", "AUX") else [held]
        return Candidate(tok, trig, held, doers, undergoing) if doers or _agentless_ok(trig, lex) else None
    opened = _light_noun(tok, trig, lex)
    if opened is not None:  # 'l'ouverture d'une enquête', 'a annoncé le lancement d'une enquête': the light verb as a noun
        carrier = governor(opened, lex.governing_words)
        doers = list(_by_phrase(opened))
        if not doers and carrier is not None and carrier.lemma_.lower() in lex.light_verbs and not _passive(carrier):
            doers = slot(carrier, "subj")
        return Candidate(tok, trig, carrier if carrier is not None and carrier.pos_ in ("VERB", "AUX") else opened,
                         doers, recipients)
    if verb is not None and vlemma in trig.light_patient:  # 'the US faced stiff Palestinian criticism': the US is criticised
        critics = agent or [p for p in of if p.dep_ == "poss"] or _named_doers(tok, lex) or _modifier_agents(tok, lex)
        return Candidate(tok, trig, verb, critics, recipients or ([] if _passive(verb) else slot(verb, "subj")))
    if tok.dep_ in AGENT_DEPS and lex.passive_objects and is_passive(tok.head) and tok.head.lemma_.lower() not in trig.light_not:
        # 'le ministre est visé par une plainte d'Anticor': the passive's subject undergoes it
        return Candidate(tok, trig, tok.head, agent or (of if trig.of != "recipient" else []), passive_patients(tok.head))
    if verb is None and trig.light and _said_to_happen(tok, trig, lex):
        # 'l'enquête se poursuit', 'des interpellations ont eu lieu': the noun's event is said to take place
        return Candidate(tok, trig, _occurrence_verb(tok.head, lex), agent or (of if trig.of != "recipient" else []),
                         recipients or (of if trig.of == "recipient" else []))
    if trig.light and vlemma not in trig.light and vlemma not in trig.light_not and not _requesting(verb, lex) and \
            (doers := _named_doers(tok, lex)):
        # 'rejected calls by opposition leaders to …', 'approved an extradition request from the US': the noun names
        # who made it, whatever the verb it stands under
        return Candidate(tok, trig, verb if verb is not None and verb.pos_ in ("VERB", "AUX") else tok, doers, recipients,
                         nominal=lex.nominal_roles)
    if (trig.light and vlemma not in trig.light) or vlemma in trig.light_not:
        return None
    if verb is not None and vlemma in lex.entrusting_verbs and vlemma in trig.light and not agent and _agentless_ok(trig, lex):
        # (a task whose doer may go unsaid: a complaint a court is seized of is still the complainant's)
        doers = [t for t in _entrusted(tok, verb) if _animate(t, lex)]
        if doers:
            return Candidate(tok, trig, verb, doers, recipients or (of if trig.of == "recipient" else []))
    if verb is not None and vlemma in lex.receiving_verbs and not _passive(verb) and (vlemma in lex.light_verbs or vlemma in trig.light):
        # 'a reçu des menaces', 'a essuyé des critiques', 'a reçu le soutien de X': the subject undergoes it
        own = agent or (of if trig.of != "recipient" else [])
        return Candidate(tok, trig, verb, own, slot(verb, "subj"))
    if verb is not None and (vlemma in lex.light_verbs or vlemma in trig.light):
        own = agent or (of if trig.of != "recipient" else [])
        actors = ([] if _passive(verb) else slot(verb, "subj")) or slot(verb, "agent") or own
        if not actors and trig.of == "recipient" and not _passive(verb):
            actors = slot(verb, "subj")
        # whom the act is against, before where or to whom it is brought ('a déposé plainte au commissariat contre X': X)
        # (not where the pattern or its type says it is lodged or held: 'a déposé plainte au commissariat',
        # 'à la SNCF, la grève a été reconduite' name no one)
        brought = "prep:" + "|".join(p for p in ("to", "with", "à", "au", "aux", "avec")
                                     if p not in trig.addressee_not and p not in lex.addressee_not.get(trig.type, ()))
        recipients = recipients or (of if trig.of == "recipient" else []) or \
            _first_slot(verb, ("iobj", "prep:contre|against", brought))
        if not actors and not _agentless_ok(trig, lex):
            return None
        return Candidate(tok, trig, verb, actors, recipients)
    if verb is not None and verb.lemma_.lower() in lex.triggers:
        return None  # the verb is the event ('threatened sanctions'); do not count it twice
    actors = agent or (_modifier_agents(tok, lex) if lex.nominal_roles else [])
    patients: list = []
    for p in of:  # with its doer named before it, the 'of' of 'the police shooting of a boy' is who suffers it
        (patients if trig.of == "recipient" or (trig.of == "either" and actors and lex.nominal_roles) else actors).append(p)
    recipients = recipients or patients
    happened = not (actors or recipients) and _said_to_happen(tok, trig, lex)
    if not (actors or recipients) and _occurs(tok, lex):
        verb = _occurrence_verb(tok.head, lex)  # 'des heurts ont éclaté samedi entre X et Y'
        recipients = _first_slot(verb, trig.recipient)
    if not (actors or recipients) and not trig.implied and not happened:
        return None  # a bare noun ('la menace', 'une enquête') refers to no one; 'the riots' imply rioters
    if not (actors or recipients) and lex.implied_heads and not _happening(tok, lex):
        return None  # 'the protests degrade …', 'sparked the riots', 'at a rally': a topic, not a report that it happens
    if not actors and not _agentless_ok(trig, lex):
        return None
    return Candidate(tok, trig, verb if verb is not None and verb.pos_ in ("VERB", "AUX") else tok, actors, recipients,
                     nominal=lex.nominal_roles)


def _hung_complements(tok, of, trig: Trigger, agent: list, recipients: list) -> tuple[list, list]:  # noqa: ANN001
    """'la visite du ministre à Alger', 'l'arrestation du militant par la police': the parser hangs
    the event noun's 'à' or 'par' phrase on the 'de' noun right before it, where a minister
    'à Alger' or a militant 'par la police' mean nothing. A phrase that follows the 'de' noun, with
    a preposition of the pattern's recipient slots or 'par', is the event noun's own (when the noun
    has none of its own)."""
    hung = [c for c in of.children if c.i > of.i and c.dep_ in ("nmod", "obl", "obl:mod")]
    if not agent:
        agent = [c for c in hung if _case(c) == "par"]
    if not recipients:
        preps = [s for s in trig.recipient if s.startswith("prep:")]
        recipients = [c for c in _first_slot(of, tuple(preps)) if c in hung] if preps else []
    return agent, recipients


def _held_in(tok, trig: Trigger, lex: EventLexicon) -> Candidate | None:  # noqa: ANN001
    """A state someone is held in, said by its preposition ('en garde à vue', 'en détention'): the
    subject of the copula ('ils sont en garde à vue depuis lundi') or of the verb the phrase completes
    ('se trouve en garde à vue', 'a passé la nuit en garde à vue', 'a reconnu en garde à vue') undergoes
    it; the verb carries its tense and negation. Not under a verb that opens a pattern of its own
    ('placé en garde à vue', 'maintenu en détention'), which tells the act itself."""
    if any(c.dep_ in ("det", "det:poss", "nmod:poss") for c in tok.children):
        return None  # 'dans sa détention', 'en leur garde': a determined noun is no state
    if children(tok, {"cop"}):
        holders = children(tok, SUBJ | PASS_SUBJ)
        return Candidate(tok, trig, tok, [], holders) if holders else None
    phrase = tok
    while phrase.dep_ == "nmod" and phrase.head.pos_ in ("NOUN", "PROPN") and phrase.head.i != phrase.i:
        if phrase.head.lemma_.lower() in trig.light_not:
            return None  # 'le maintien en détention', 'la fin de la garde à vue': the noun's own act or its end
        if _animate(phrase.head, lex):  # 'les deux hommes en garde à vue ont été relâchés'
            return Candidate(tok, trig, tok, [], [phrase.head])
        phrase = phrase.head  # 'a reconnu les faits en garde à vue', 'la nuit de mardi à mercredi en garde à vue'
    verb = phrase.head
    if not phrase.dep_.startswith(("obl", "obj")) or verb.pos_ not in ("VERB", "AUX") or \
            any(t.type == trig.type for t in lex.triggers.get(verb.lemma_.lower(), ())):
        return None
    holders = passive_patients(verb) if is_passive(verb) else slot(verb, "subj")
    return Candidate(tok, trig, verb, [], holders) if holders else None


def _participle_doers(tok, trig: Trigger, lex: EventLexicon) -> list:  # noqa: ANN001
    """Who does a task noun, named by a light verb's participle that qualifies it: its 'par' agent
    ('une enquête ouverte par le parquet'), or whom it is entrusted to ('une enquête confiée à la
    brigade des mineurs a été ouverte'), also where the parser hung it on the noun's complement
    but it agrees with the noun ('une enquête pour viol ouverte par le parquet')."""
    gender = tok.morph.get("Gender")
    near = list(tok.children) + [p for c in tok.children if c.dep_ == "nmod" for p in c.children
                                 if gender and p.morph.get("Gender") == gender]
    for part in near:
        if part.dep_ != "acl" or "Part" not in part.morph.get("VerbForm") or part.lemma_.lower() not in trig.light:
            continue
        doers = [t for t in slot(part, "agent") if _animate(t, lex)]
        if not doers and part.lemma_.lower() in lex.entrusting_verbs:
            doers = [t for t in _first_slot(part, ("iobj", "prep:à|au|aux|to")) if _animate(t, lex)]
        if doers:
            return doers
    return []


def _under(tok, lex: EventLexicon):  # noqa: ANN001, ANN202
    """The word a bare event noun after a patient preposition ('under attack', 'under federal
    indictment') is said of: the verb whose object or subject is under it ('the mayor is under
    investigation', 'put the town under curfew'), or the noun it qualifies ('a tanker under attack').
    None for any other noun, and for a determined one ('under the agreement', 'under his leadership')."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in lex.patient_prepositions or prep.head.i == prep.i or \
            any(c.dep_ in ("det", "poss") for c in tok.children):
        return None
    return prep.head if prep.head.pos_ in ("VERB", "AUX", "NOUN", "PROPN") else None


def _by_after(tok, held) -> list:  # noqa: ANN001
    """The 'by' phrase the parser hung on the verb right after the noun ('under attack by pirates')."""
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if after is None or after.lower_ != "by" or after.head.i != held.i:
        return []
    return [g for g in after.children if g.dep_ == "pobj"]


def _named_doers(tok, lex: EventLexicon) -> list:  # noqa: ANN001
    """Who an event noun says made it, by a doer preposition right on it ('calls by opposition
    leaders', 'a warning from the army'): a name or a person or group noun, not a place or a thing
    ('attacks from Gaza', 'a release from prison')."""
    found = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in lex.doer_prepositions
             for g in c.children if g.dep_ == "pobj"]
    return [g for g in found if g.ent_type_ in ("PERSON", "ORG", "NORP") or _sector_of(lex.lang)(g)]


def _entrusted(tok, verb) -> list:  # noqa: ANN001
    """Who a task noun is entrusted to does it, not whoever entrusts it: the verb's 'à' complement
    ('l'enquête a été confiée à la PJ', 'le parquet a confié l'enquête à la brigade'), or, with the
    noun as its 'de' complement, who is charged with it ('la PJ a été saisie de l'enquête', 'la
    police est chargée de l'enquête', 'le parquet a saisi la PJ de l'enquête')."""
    if _case(tok) in OF_CASES:
        return slot(verb, "obj") if _passive(verb) or children(verb, OBJ) else slot(verb, "subj")
    return _first_slot(verb, ("iobj", "prep:à|au|aux|to"))


def _said_to_happen(tok, trig: Trigger, lex: EventLexicon) -> bool:  # noqa: ANN001
    """Is the event noun the subject of a verb of occurrence ('l'enquête se poursuit', 'les
    arrestations ont eu lieu')? A noun that needs a light verb is then coded without one, when
    its pattern may go without an actor (who investigates or arrests is often unsaid)."""
    return _occurs(tok, lex) and _agentless_ok(trig, lex)


def _occurs(tok, lex: EventLexicon) -> bool:  # noqa: ANN001
    """Is the event noun the subject of a verb of occurrence, and told there for the first time
    ('fighting broke out', 'an investigation began')? With a recalling determiner ('the attack took
    place 150 miles off Aden', 'no such conversation occurred') it refers to an event told before,
    or denies one."""
    if any(c.dep_ == "det" and c.lower_ in lex.recalling_determiners for c in tok.children):
        return False
    return tok.dep_ in SUBJ and _occurrence(tok.head, lex)


def _occurrence(verb, lex: EventLexicon) -> bool:  # noqa: ANN001
    """Is ``verb`` a verb of occurrence, alone ('survenir', 'se poursuivre', 'est en cours') or
    with its object ('avoir lieu'), also after a modal or future auxiliary the parser made the
    head ('l'enquête va se poursuivre', 'pourraient se poursuivre')?"""
    lemma = verb.lemma_.lower()
    if lemma in lex.future_aux | lex.hypothetical_aux:
        return any(_occurrence(c, lex) for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"))
    return lemma in lex.occurrence_verbs or \
        any(f"{lemma} {c.lower_}" in lex.occurrence_verbs for c in children(verb, OBJ | OCCURRENCE_COMPLEMENTS))


OCCURRENCE_COMPLEMENTS = frozenset({"prt", "compound:prt", "acomp"})
"""The word that makes a verb one of occurrence beside its object ('avoir lieu'): a particle
('fighting broke out', 'clashes flared up') or an adjective ('the investigation is ongoing')."""


def _occurrence_verb(verb, lex: EventLexicon):  # noqa: ANN001, ANN202
    """The verb of occurrence itself, past a modal or future auxiliary the parser made the head
    ('doit se poursuivre jeudi': 'poursuivre', which carries the date and the place)."""
    if verb.lemma_.lower() in lex.future_aux | lex.hypothetical_aux:
        return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and _occurrence(c, lex)), verb)
    return verb


def _happening(tok, lex: EventLexicon) -> bool:  # noqa: ANN001
    """Is a bare event noun reported as taking place: the subject of a verb of occurrence or
    description ('the protests began', 'riots were reported', 'the protests were peaceful'),
    or a headline of its own ('Protests in Athens')?"""
    while tok.dep_ == "conj" and tok.head.i != tok.i:  # 'protests and riots have overtaken …'
        tok = tok.head
    return tok.dep_ == "ROOT" or (tok.dep_ in SUBJ_DEPS and tok.head.lemma_.lower() in lex.implied_heads)


def _participle_of(tok, trig: Trigger, lex: EventLexicon | None = None):  # noqa: ANN001, ANN202
    """A light verb as a participle on the noun, with its agent: 'une colère partagée par X',
    'des excuses présentées par X' (the verb the noun would be the object of); for a pattern that
    may go without an actor, a verb of occurrence with none ('une enquête ouverte pour homicide',
    'l'information judiciaire ouverte à Paris')."""
    for c in tok.children:
        if c.dep_ != "acl" or c.lemma_.lower() not in trig.light or "Part" not in c.morph.get("VerbForm"):
            continue
        if any(g.dep_ in ("obl:agent", "agent") for g in c.children):
            return c
        if lex is not None and _agentless_ok(trig, lex) and c.lemma_.lower() in lex.occurrence_verbs \
                and not any(g.dep_.startswith("aux") for g in c.children):
            return c
    return None


def _requesting(verb, lex: EventLexicon) -> bool:  # noqa: ANN001
    """Does ``verb`` open a pattern whose complement is its content (a request, a refusal, an
    accusation: 'a demandé l'ouverture d'une enquête')? That content is no event of its own."""
    return verb is not None and any(t.pos == "VERB" and t.type in lex.content_governors
                                    for t in lex.triggers.get(verb.lemma_.lower(), ()))


def _light_noun(tok, trig: Trigger, lex: EventLexicon):  # noqa: ANN001, ANN202
    """The noun of a light verb whose 'de' complement ``tok`` is ('l'ouverture d'une enquête',
    'le lancement d'une enquête': ``light_nouns``), for a pattern that may go without an actor
    and takes that verb; None when it is the content of a request or refusal ('a demandé
    l'ouverture d'une enquête')."""
    head = tok.head
    verb = lex.light_nouns.get(head.lemma_.lower()) if tok.dep_ == "nmod" and head.i != tok.i else None
    if verb is None or _case(tok) not in OF_CASES or (trig.light and verb not in trig.light) or not _agentless_ok(trig, lex):
        return None
    return None if _requesting(governor(head, lex.governing_words), lex) else head


MODIFIER_NAMES = ("ORG", "NORP", "PERSON")
TIME_PREPOSITIONS = closed_words("time_prepositions")  # 'after the shooting': the time of another act


def _modifier_agents(tok, lex: EventLexicon) -> list:  # noqa: ANN001
    """Who does what a noun names, said before it: 'the police shooting', 'a Taliban attack',
    'Israeli airstrikes' (an agent noun, or a group's or a people's name; not a place: 'the Kabul
    attack' says where)."""
    for c in tok.children:
        if c.i > tok.i or c.dep_ not in ("compound", "amod"):
            continue
        if (c.dep_ == "compound" and _sector_of(lex.lang)(c)) or (c.ent_type_ in MODIFIER_NAMES and c.pos_ in ("PROPN", "ADJ")):
            return [c]
    return []


def _attack_doers(verb, lex: EventLexicon) -> list:  # noqa: ANN001
    """Who did an agentless passive deed, named before the attack it happened in: 'were killed
    in an Israeli airstrike', 'in an earlier Taliban attack, two soldiers were wounded' (the
    attack's own doer; 'in a bombing in Kabul' names none, and 'in the head' is no attack)."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in lex.cause_prepositions:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.lemma_.lower() in INSTRUMENTS:
                return _modifier_agents(obj, lex)
    return []


OF_CASES = closed_words("of")


def _of_phrase(tok) -> Iterator:  # noqa: ANN001
    """'la visite de Poutine', 'l'arrestation du suspect', 'Putin's visit', 'the arrest of X':
    the noun phrase the event noun governs with 'de'/'of' (a name, a person or group noun)."""
    for child in tok.children:
        if child.dep_ == "nmod" and _case(child) in OF_CASES and _determined(child):
            yield child
        elif child.dep_ == "prep" and child.lower_ == "of":
            yield from (g for g in child.children if g.dep_ == "pobj")


def _determined(tok) -> bool:  # noqa: ANN001
    """A participant, not a classifier: 'la visite du ministre', 'de Poutine', 'de trois
    suspects' — not 'visite d'État', 'coup d'État', 'visite de travail'."""
    return tok.pos_ in ("PROPN", "PRON") or tok.lower_ in closed_words("contracted_articles") or any(
        c.dep_ in ("det", "nummod", "det:poss") or (c.dep_ == "case" and c.lower_ in closed_words("contracted_articles")) for c in tok.children)


def _by_phrase(tok) -> Iterator:  # noqa: ANN001
    """'l'attaque menée par les talibans' is read on the verb; 'une attaque par des drones' here."""
    for child in tok.children:
        if child.dep_ == "nmod" and _case(child) == "par":
            yield child
        elif child.dep_ == "prep" and child.lower_ == "by":
            yield from (g for g in child.children if g.dep_ == "pobj")


def _case(tok) -> str:  # noqa: ANN001
    cases = [c.lower_ for c in tok.children if c.dep_ == "case"]
    return cases[0] if cases else ""


def _first_slot(tok, slots: tuple[str, ...]) -> list:  # noqa: ANN001
    for name in slots:
        found = slot(tok, name)
        if found:
            return found
    return []


def conditions(tok, with_: dict, quantities: frozenset[str] = frozenset(), passives: bool = False) -> bool:  # noqa: ANN001
    """Do the dependents of ``tok`` satisfy a pattern's ``with`` conditions? (``passives``: the
    object of a passive is its subject, or the noun its participle qualifies.)"""
    for key, values in with_.items():
        if key == "any":
            if not any(conditions(tok, sub, quantities, passives) for sub in values):
                return False
            continue
        if key == "prep" and with_.get("obj"):
            key = "prep_or_on_object"  # a listed object ('stones', 'bombs') carries the verb's preposition as well
        if not _condition(tok, key, values, quantities, passives):
            return False
    return True


def _objects(tok, quantities: frozenset[str]) -> list:  # noqa: ANN001
    """Direct objects, looking through quantities ('une partie de la dette' -> dette)."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj") and not any(g.dep_ == "case" and g.lower_ not in PARTITIVE for g in c.children)]
    objs = objs or object_after_date(tok) or relative_object(tok)  # 'le ministre, qu'il a critiqué'
    inner = [g for o in objs if o.lemma_.lower() in quantities for g in o.children if g.dep_ in ("nmod", "prep", "pobj")]
    inner += [p for g in inner if g.dep_ == "prep" for p in g.children if p.dep_ == "pobj"]
    return objs + inner


def _condition(tok, key: str, values, quantities: frozenset[str] = frozenset(), passives: bool = False) -> bool:  # noqa: ANN001
    wanted = {v.lower() for v in values} if isinstance(values, (list, tuple)) else set()
    objs = _objects(tok, quantities)
    if key == "obj":
        if passives and not objs and (is_passive(tok) or _detached_participle(tok)):
            # 'les accords ont été paraphés', 'le maire a été critiqué', 'la réforme, critiquée par X, …'
            objs = [p for p in passive_patients(tok) if not relative(p)]
            objs += [g for o in objs if o.lemma_.lower() in quantities for c in o.children if c.dep_ == "prep"
                     for g in c.children if g.dep_ == "pobj"]  # 'hundreds of troops were deployed'
        return any(not wanted or o.lemma_.lower() in wanted or o.lower_ in wanted for o in objs)
    if key == "obj_not":  # the patient of a passive too ('le président a été accueilli par …')
        patients = [c for c in tok.children if c.dep_ in ("nsubj:pass", "nsubjpass")]
        return not any(o.lemma_.lower() in wanted or o.lower_ in wanted for o in objs + patients)
    if key == "intrans":
        return not objs
    if key == "iobj":
        return any(c.dep_ in ("iobj", "dative") for c in tok.children)
    if key in ("prep", "prep_or_on_object"):
        near = [g for c in tok.children for g in (c, *c.children) if c.dep_.startswith(("obl", "nmod", "npadvmod")) or g is c]
        if key == "prep_or_on_object":  # 'hurled stones [at the police]', the parser hanging 'at' on 'stones'
            near += [g for o in objs for g in o.children if g.dep_ == "prep"]
        return any(_prep_word(c) in wanted and not _time_phrase(c) for c in near)
    if key == "prt":  # a particle after the object may be parsed as a preposition with no object ('pulled X over')
        return any(c.lower_ in wanted and (c.dep_ in ("prt", "compound:prt") or
                                           (c.dep_ == "prep" and c.i > tok.i and not any(g.dep_ == "pobj" for g in c.children)))
                   for c in tok.children)
    if key == "xcomp":
        return any(c.dep_ in ("xcomp", "ccomp") for c in tok.children) or any(_controlled_infinitive(o) for o in objs)
    if key == "xcomp_mark":  # 'told the driver to stop', not 'told reporters that …'
        return any(c.dep_ == "xcomp" and any(g.dep_ in ("aux", "mark") and g.lower_ in wanted for g in c.children)
                   for c in tok.children) or any(_controlled_infinitive(o) for o in objs)  # 'appelle les habitants à rester'
    if key == "child":  # the marker of the verb's own clause is none of its complements ('C'est à ce numéro
        near = [g for c in tok.children if not (c.dep_ == "mark" and c.lower_ in COMPLEMENTIZERS)  # qu'une femme a appelé')
                for g in (c, *c.children)]
        return any(c.lemma_.lower() in wanted or c.lower_ in wanted for c in near)
    if key == "child_not":
        near = [g for c in tok.children for g in (c, *c.children)]
        return not any(c.lemma_.lower() in wanted or c.lower_ in wanted for c in near)
    if key == "naming":  # 'called it an "adverse development"', 'described the move as a betrayal': what X is called
        return any(g.lemma_.lower() in wanted or g.lower_ in wanted for c in tok.children if c.dep_ in NAMING_DEPS
                   for g in _phrase_words(c))
    if key == "neg":  # 'did not accept the offer': the negation is part of the pattern (a refusal); 'ne me paraît pas
        heads = [tok, tok.head] if tok.dep_ == "xcomp" and tok.head.i != tok.i else [tok]  # acceptable': on the verb
        return any(c.dep_ == "neg" or (c.dep_ == "advmod" and "Neg" in c.morph.get("Polarity"))
                   for h in heads for c in h.children) == bool(values)
    if key == "predicative":  # 'c'est aberrant', 'je trouve ça navrant', not 'l'attaque barbare'
        return _predicative(tok) == bool(values)
    if key == "case":  # the noun's own preposition: 'à la demande de X'
        return _case(tok) in wanted
    if key == "dep_not":  # 'called it "immaterial"': a naming complement, no phone call
        return not any(c.dep_ in wanted for c in tok.children)
    if key == "plural_subj":
        subj = slot(tok, "subj")
        return (len(subj) > 1 or any("Plur" in t.morph.get("Number") for t in subj)) == bool(values)
    if key == "refl":
        return any(c.lower_ in REFLEXIVE and c.dep_ in ("expl:comp", "expl:pv", "expl:pass", "obj", "iobj", "expl", "dobj", "mark")
                   for c in tok.children) == bool(values)
    if key == "noprep":  # of a noun, its light verb's complements too ('a fait appel à un avocat': 'à' is on 'fait')
        heads = [tok, tok.head] if tok.pos_ in NOUN_POS and tok.dep_ in OBJ and tok.head.i != tok.i else [tok]
        near = [g for h in heads for c in h.children for g in (c, *c.children)
                if c.dep_.startswith(("obl", "nmod", "npadvmod")) or g is c]
        return not any(_prep_word(c) in wanted for c in near)
    return True


def _controlled_infinitive(obj) -> bool:  # noqa: ANN001
    """'appelle les habitants à limiter leurs déplacements', 'a exhorté Kigali à retirer': the
    parser hangs the infinitive the object is asked to do on the object; it completes the verb."""
    return any(c.dep_ == "acl" and "Inf" in c.morph.get("VerbForm") and any(m.dep_ == "mark" and m.lower_ in ("à", "de", "d'")
                                                                            for m in c.children) for c in obj.children)


REFLEXIVE = closed_words("reflexive")
COMPLEMENTIZERS = closed_words("complementizers")
NAMING_DEPS = {"dobj", "obj", "oprd", "attr", "xcomp", "npadvmod", "prep", "advcl"}  # where a verb of naming puts the name


def _phrase_words(tok) -> list:  # noqa: ANN001
    """The words of a naming complement and its coordinates, without the clauses inside it
    ('a disgrace that …' keeps 'disgrace'; 'as a betrayal' reaches 'betrayal' through 'as')."""
    out: list = []
    todo = [tok]
    while todo and len(out) < 40:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "ccomp", "advcl", "appos", "punct"))
    return out


PREDICATE_DEPS = frozenset({"ROOT", "xcomp", "ccomp", "parataxis", "advcl"})
EPITHET_POS = frozenset({"ADJ", "ADV", "PUNCT", "CCONJ", "VERB"})


def _predicative(tok, depth: int = 0) -> bool:  # noqa: ANN001
    """Is a word said of something (its copula's attribute, a verb's attribute complement
    'je trouve ça navrant', an exclamation standing alone), or quoted alone as someone's
    word ('un acte « abominable, lâche »'), rather than qualifying a noun ('l'attaque
    barbare') or inside a relative clause that describes one ('des gens qui sont dangereux')?"""
    if tok.dep_ in ("acl:relcl", "relcl") or _quoted_epithet(tok):
        return tok.dep_ not in ("acl:relcl", "relcl")
    if any(c.dep_ in ("cop", "nsubj") for c in tok.children):
        return True
    if tok.dep_ == "conj" and depth < 3:  # 'est abominable et révoltant'
        return _predicative(tok.head, depth + 1)
    return tok.dep_ in PREDICATE_DEPS


def _quoted_epithet(tok) -> bool:  # noqa: ANN001
    """A word quoted alone, or with a few other qualifying words: 'un acte « abominable, lâche
    et révoltant »', 'qualifié d'« inacceptable »'."""
    sent = tok.sent
    start = next((t.i for t in reversed(sent[: tok.i - sent.start]) if t.text in QUOTE_MARKS), None)
    end = next((t.i for t in sent[tok.i - sent.start + 1:] if t.text in QUOTE_MARKS), None)
    if start is None or end is None or end - start > 8 or not _inside_quotes(tok):
        return False
    return all(t.pos_ in EPITHET_POS for t in tok.doc[start + 1:end])


def _time_phrase(prep) -> bool:  # noqa: ANN001
    """An English prepositional phrase that only tells when ('fired his assistant [on Monday]'):
    no target or partner of the act."""
    objs = [c for c in prep.children if c.dep_ == "pobj"] if prep.dep_ == "prep" else []
    return bool(objs) and all(_is_time_word(o) for o in objs)


def _prep_word(child) -> str:  # noqa: ANN001
    """The preposition that introduces a dependent, in either label scheme
    (an infinitive's 'à'/'de' marker counts: 'renoncer à augmenter')."""
    if child.dep_ == "prep":
        return child.lower_
    cases = [c.lower_ for c in child.children if c.dep_ in ("case", "mark")]
    return cases[0] if cases else ""


# ----------------------------------------------------------------- modality


def modality(anchor, lex: EventLexicon) -> tuple[list[str], str | None]:  # noqa: ANN001
    """Flags (negated, future, hypothetical) and the tense used to resolve weekdays."""
    flags: list[str] = []
    chain = _verb_chain(anchor)
    if any(_negated(v, lex) for v in chain):
        flags.append("negated")
    if any(v.lemma_.lower() in lex.refusal_governors for v in chain[1:]):
        flags.append("negated")
    future = any(_future(v, lex) for v in chain)
    hypothetical = any(_hypothetical(v, lex) for v in chain)
    if hypothetical:
        flags.append("hypothetical")
    elif future:
        flags.append("future")
    return sorted(set(flags)), "future" if future else None


def _verb_chain(verb) -> list:  # noqa: ANN001
    """The verb and the verbs that govern it through complements ('plans to visit')."""
    chain, tok = [verb], verb
    while len(chain) < 4:
        if tok.dep_ in ("xcomp", "ccomp") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
            tok = tok.head.head  # 'balking at committing', 'refrained from attacking' (English prepositional complements)
        else:
            break
        chain.append(tok)
    return chain


def _negated(verb, lex: EventLexicon) -> bool:  # noqa: ANN001
    return any(c.dep_ in ("neg", "advmod") and c.lower_ in lex.negators for c in verb.children)


def _reported(verb, lex: EventLexicon) -> bool:  # noqa: ANN001
    """A conditional in what a past reporting verb introduces is a future in the past
    ('Moscou a annoncé qu'il retirerait ses troupes'), not a hypothesis."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lex.report_governors | lex.future_governors


def _future(verb, lex: EventLexicon) -> bool:  # noqa: ANN001
    if "Fut" in verb.morph.get("Tense") or ("Cnd" in verb.morph.get("Mood") and _reported(verb, lex)):
        return True
    if any(c.dep_ in ("aux", "aux:tense") and (c.lower_ in lex.future_aux or _reported_future(c, verb, lex)) for c in verb.children):
        return True
    if any(c.dep_ in ("aux:pass", "aux:tense") and "Fut" in c.morph.get("Tense") for c in verb.children):
        return True  # a future passive or perfect ('seront fermées', 'aura quitté'): the tense is on the auxiliary
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in lex.future_aux | lex.future_governors and not _past_infinitive(verb) \
            and not (head.lemma_.lower() in lex.future_aux and _past_participle(head)):
        return True  # 'a annoncé retirer ses troupes', not 'a annoncé avoir porté plainte' nor 'est allé rendre visite'

    return verb.lemma_.lower() in lex.future_aux and any(c.dep_ == "xcomp" for c in verb.children) and not _past_participle(verb)


def _past_participle(verb) -> bool:  # noqa: ANN001
    """'est allé', 'gone': an auxiliary verb of the future in a past tense says where someone went."""
    return "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense")


def _past_infinitive(verb) -> bool:  # noqa: ANN001
    """A perfect infinitive ('avoir porté', 'être parti'): done before the verb that governs it."""
    return any(c.dep_ in ("aux", "aux:tense") and "Inf" in c.morph.get("VerbForm") for c in verb.children)


def _reported_future(aux, verb, lex: EventLexicon) -> bool:  # noqa: ANN001
    """'said they would provide doses': the future of a past statement, not a hypothesis."""
    conditions = [verb, *(c for c in verb.children if c.dep_ == "advcl")]  # '… would raise tariffs if no deal is reached'
    return aux.lower_ in lex.reported_future_aux and _reported(verb, lex) and \
        not any(c.dep_ == "mark" and c.lower_ in lex.hypothetical_marks for v in conditions for c in v.children)


def _hypothetical(verb, lex: EventLexicon) -> bool:  # noqa: ANN001
    if "Cnd" in verb.morph.get("Mood"):
        return not _reported(verb, lex)
    if any(c.dep_ == "aux" and c.lower_ in lex.hypothetical_aux and not _reported_future(c, verb, lex) for c in verb.children):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.hypothetical_aux:
        return True
    return any(c.dep_ == "mark" and c.lower_ in lex.hypothetical_marks for c in verb.children)


# ----------------------------------------------------------------- building


@dataclass
class EventContext:
    """What building an event needs besides the candidate."""

    article_id: str
    lang: str
    published: date | None
    resolve_participant: Callable[[Segment, Token], Participant | None]
    resolve_place: Callable[[Segment, Token], Place | None]
    kind_of: Callable[[str | None], str | None] = lambda actor_id: None  # the actor's type
    use_model: bool | None = None  # the statistical second opinion (event_model); None: the lexicon's model_default
    speaker_of: Callable[[Segment, Token], Participant | None] = lambda seg, tok: None  # who says a quotation's words
    quoted: Callable[[Segment, Token], bool] = lambda seg, tok: False  # inside quotation marks (also opened in an earlier sentence)
    last_day: Callable[[Segment, int], date | None] = lambda seg, pos: None  # the day the article last names before a segment's offset
    in_name: Callable[[Segment, Token], bool] = lambda seg, tok: False  # a word of a longer name the actor table links ('La République en marche')


def extract_events(segments: list[Segment], ctx: EventContext) -> list[Event]:
    """All events of an article's parsed segments, in text order."""
    lex = event_lexicon(ctx.lang)
    if lex is None:
        return []
    events: list[Event] = []
    whole = _article_contexts(segments, lex)
    for seg in segments:
        seg.doc.user_data["article_contexts"] = whole
        if seg.field == "title":
            if not lex.headlines:
                continue
            headline_passives(seg.doc, lex)
        if grammar(lex.lang, "er_infinitive"):
            verbless_roots(seg.doc, lex)
        adjectival_passives(seg.doc, lex)
        if grammar(lex.lang, "participle_agreement"):
            stranded_participles(seg.doc)
        for sent in seg.doc.sents:
            events.extend(_sentence_events(seg, sent, lex, ctx))
    return events


def _article_contexts(segments: list[Segment], lex: EventLexicon) -> frozenset[str]:
    """Sense contexts of the whole article: a match report or a transfer story uses many distinct
    words of sport ('quarterback', 'playoff', 'season' …), and then 'beat', 'rallied', 'offered a
    deal' mean the game in every sentence, also in those that name no sport word themselves."""
    if not lex.article_context_min:
        return frozenset()
    keys: set[str] = set()
    for seg in segments:
        keys |= _context_keys(seg.doc)
    return frozenset(name for name, least in lex.article_context_min.items()
                     if len({h.split("/")[0] for h in lex.contexts.get(name, frozenset()) & keys}) >= least)


HEADLINE_VERBS = ("ROOT", "acl", "advcl", "ccomp", "conj", "relcl")


def headline_passives(doc, lex: EventLexicon) -> None:  # noqa: ANN001 - spacy Doc, relabelled in place
    """Headlines drop the passive auxiliary: in 'Man charged in hit and run' or 'Teen killed
    by police' the past participle's subject undergoes the act. Such a subject is relabelled
    a passive subject, and the participle marked passive (``syntax.is_passive``); a form the
    tagger read as a simple past counts when it has no object and its patterns may go without
    an actor (arrests, charges, attacks: 'Driver charged over fatal crash')."""
    for tok in doc:
        if tok.tag_ not in ("VBN", "VBD") or tok.dep_ not in HEADLINE_VERBS or \
                any(c.dep_ in ("aux", "auxpass") for c in tok.children):
            continue
        if tok.tag_ == "VBD" and (any(c.dep_ == "dobj" for c in tok.children) or
                                  not any(t.pos == "VERB" and _agentless_ok(t, lex) for t in lex.triggers.get(tok.lemma_.lower(), ()))):
            continue
        for c in tok.children:
            if c.dep_ == "nsubj":
                c.dep_ = "nsubjpass"
        doc.user_data.setdefault("headline_passives", set()).add(tok.i)


def adjectival_passives(doc, lex: EventLexicon) -> None:  # noqa: ANN001 - spacy Doc, relabelled in place
    """A passive the parser read as 'be' with an adjective ('the officer was slain in front of
    his home': 'slain' an adjectival complement of 'was') is made the passive it is when the
    participle opens a pattern that may go without an actor (attacks, arrests): the participle
    heads the clause, 'be' is its passive auxiliary and the subject its passive subject."""
    if doc.user_data.get("adjectival_passives_done"):
        return
    doc.user_data["adjectival_passives_done"] = True
    for tok in doc:
        be = tok.head
        if tok.tag_ != "VBN" or tok.dep_ != "acomp" or be.i == tok.i or be.lemma_.lower() != "be" or \
                any(c.dep_ in ("dobj", "obj") for c in tok.children) or \
                not any(t.pos == "VERB" and _agentless_ok(t, lex) for t in lex.triggers.get(tok.lemma_.lower(), ())):
            continue
        moved = [c for c in be.children if c.i != tok.i]
        tok.head, tok.dep_ = (tok, "ROOT") if be.head.i == be.i else (be.head, be.dep_)
        be.head, be.dep_ = tok, "auxpass"
        for c in moved:
            c.head = tok
            if c.dep_ == "nsubj":
                c.dep_ = "nsubjpass"


STRANDED_DEPS = frozenset({"acl", "advcl", "conj"})


def stranded_participles(doc) -> None:  # noqa: ANN001 - spacy Doc, relabelled in place
    """A past participle that follows a passive after a comma or 'et'/'puis', with no subject or
    auxiliary of its own, continues that passive ('Il a été présenté jeudi à un juge, mis en
    examen et placé en détention', 'a été interpellé lundi, placé en garde à vue'), but the parser
    often hangs it on the noun before it ('juge', 'matin') or makes it an adverbial clause: it
    then loses the passive subject who undergoes it. Such a participle, agreeing with that
    subject (French participles agree), is made a conjunct of the passive, whose subject and
    date it shares (``syntax._shares_passive``). Not one hung inside the agent's phrase ('tué par
    un homme, arrêté peu après': the man was arrested)."""
    if doc.user_data.get("stranded_participles_done"):
        return
    doc.user_data["stranded_participles_done"] = True
    for verb in doc:
        if verb.pos_ != "VERB" or not children(verb, {"aux:pass"}) or not is_passive(verb):
            continue
        patients = children(verb, PASS_SUBJ)
        if not patients:
            continue
        agents = {t.i for c in verb.children if c.dep_ in AGENT_DEPS for t in c.subtree}
        for tok in doc[verb.i + 1:verb.sent.end]:
            if _stranded(tok, verb, patients[0], agents):
                tok.head, tok.dep_ = verb, "conj"


def _stranded(tok, verb, patient, agents: set[int]) -> bool:  # noqa: ANN001
    """Is ``tok`` a bare past participle continuing the passive ``verb`` (see
    :func:`stranded_participles`)?"""
    if tok.dep_ not in STRANDED_DEPS or (tok.dep_ == "conj" and tok.head.i == verb.i) or tok.head.i in agents \
            or tok.pos_ != "VERB" or "Part" not in tok.morph.get("VerbForm") or "Past" not in tok.morph.get("Tense"):
        return False
    if verb.i not in {a.i for a in tok.ancestors} or any(
            c.dep_ in SUBJ | PASS_SUBJ or c.dep_.startswith(("aux", "expl")) for c in tok.children):
        return False
    before = tok.doc[tok.i - 1]
    if before.text != "," and not any(c.dep_ == "cc" and c.i == tok.i - 1 for c in tok.children):
        return False
    return all(set(tok.morph.get(f)) == set(patient.morph.get(f))
               for f in ("Gender", "Number") if tok.morph.get(f) and patient.morph.get(f))


def verbless_roots(doc, lex: EventLexicon) -> None:  # noqa: ANN001 - spacy Doc, relabelled in place
    """A present-tense verb the tagger read as a noun or adjective can leave a sentence with no
    verb, its subject noun as root ('Le syndicat menace de bloquer …', 'Le rapport pointe des
    manquements'). When the word right after the subject's phrase is the form of a regular -er
    verb some pattern opens, it is made the root verb: the subject hangs on it, and so do the
    root's dependents after it (an infinitive as its complement, a noun as its object)."""
    if doc.user_data.get("verbless_roots_done"):
        return
    doc.user_data["verbless_roots_done"] = True
    for sent in doc.sents:
        root = sent.root
        if root.pos_ not in ("NOUN", "PROPN") or any(t.pos_ == "AUX" or "Fin" in t.morph.get("VerbForm") for t in sent):
            continue
        subject = {d.i for d in root.subtree}
        verb = next((t for t in sent if t.i > root.i and _verb_taken_for_modifier(t, root, subject, lex)), None)
        if verb is None:
            continue
        infinitive = er_infinitive(verb.lower_)
        verb.pos_, verb.lemma_, verb.dep_ = "VERB", infinitive, "ROOT"
        verb.set_morph("Mood=Ind|Tense=Pres|VerbForm=Fin")
        after = [t for t in sent if t.i > verb.i and t.head.i in subject and t.head.i < verb.i]  # hung across the verb
        verb.head = verb
        root.head, root.dep_ = verb, "nsubj"
        for c in after:
            c.head = verb
            if c.dep_ == "acl" and "Inf" in c.morph.get("VerbForm"):
                c.dep_ = "xcomp"
            elif c.dep_ in ("nmod", "obl:arg", "obl") and not any(g.dep_ == "case" and g.lower_ not in PARTITIVE for g in c.children):
                c.dep_ = "obj"
            elif c.dep_ == "nmod":
                c.dep_ = "obl"
        for c in verb.children:
            cases = [g for g in c.children if g.dep_ == "case"]
            if c.dep_ in ("obl:arg", "nmod") and c.pos_ == "NOUN" and len(cases) == 1 and cases[0].i == c.left_edge.i \
                    and cases[0].lower_ in PARTITIVE | {"des"}:
                c.dep_, cases[0].dep_ = "obj", "det"  # 'pointe des défaillances': an article, not 'de les'


def _verb_taken_for_modifier(tok, root, subject: set[int], lex: EventLexicon) -> bool:  # noqa: ANN001
    """Is ``tok``, hung as a modifier in the root noun's phrase, the present tense of a regular
    -er verb a pattern opens ('pointe', 'menace', 'critique'), standing right after that phrase
    (no comma, no article or preposition of its own)?"""
    if tok.head.i not in subject or tok.dep_ not in ("amod", "nmod", "appos", "dep") or tok.pos_ not in ("NOUN", "ADJ") \
            or not tok.lower_.endswith(("e", "ent")) or any(c.dep_ in ("det", "case") for c in tok.children):
        return False
    if any(t.is_punct or t.i not in subject or tok.i in {a.i for a in t.ancestors} for t in tok.doc[root.i + 1:tok.i]):
        return False
    return any(t.pos == "VERB" for t in lex.triggers.get(er_infinitive(tok.lower_), ()))


RECORDER = None
"""Training hook (``scripts/train_event_model.py``): when set, called with
(segment, sentence, features, events of the patterns) for every sentence."""


def _sentence_events(seg: Segment, sent, lex: EventLexicon, ctx: EventContext) -> list[Event]:  # noqa: ANN001
    built: list[tuple[Candidate, Event]] = []
    proposed: list[tuple[str, str]] = []
    for options in [*candidates(sent, lex), *([o] for o in obligations(sent, lex))]:
        proposed.append((options[0].trigger.type, options[0].trigger.lemma))
        for cand in options:
            event = build_event(seg, sent, cand, lex, ctx)
            if event is not None:
                built.append((cand, event))
                break
    events = [e for c, e in built if not _absorbed(c, e, built, lex)]
    if lex.quoted_obligation_verbs and "REQUEST" not in {e.type for e in events}:
        demand = next(iter(_quoted_obligations(seg, sent, lex, ctx)), None)
        if demand is not None:
            events.append(demand)
            proposed.append(("REQUEST", demand.trigger.lower() if demand.trigger else ""))
    use_model = lex.model_default if ctx.use_model is None else ctx.use_model
    model = event_model(lex.lang) if use_model else None
    if model is None and RECORDER is None:
        return events
    feats = sentence_features(sent, proposed, [e.type for e in events], _reporting(lex.lang),
                              lambda tok: _lexicon_types(tok, lex), _sector_of(lex.lang))
    if RECORDER is not None:
        RECORDER(seg, sent, feats, events)
    return second_opinion(seg, sent, events, feats, model, lex, ctx) if model else events


def _quoted_obligations(seg: Segment, sent, lex: EventLexicon, ctx: EventContext) -> Iterator[Event]:  # noqa: ANN001
    """'« La France doit expulser … », a réclamé X': what a quotation says an actor other than
    its speaker must do now is the speaker's demand of that actor (REQUEST); dated by the
    incise, as saying it is the event."""
    conf = lex.obligation or {"type": "REQUEST", "cameo": "100"}
    for tok in sent:
        if tok.lemma_.lower() not in lex.quoted_obligation_verbs or tok.pos_ not in ("VERB", "AUX") or \
                not any(c.dep_ == "xcomp" for c in tok.children) or tok.morph.get("Tense") != ["Pres"] or \
                tok.morph.get("Mood") != ["Ind"]:
            continue  # 'doit expulser', not 'devrait', 'devait', 'devront'
        if not (_inside_quotes(tok) or ctx.quoted(seg, tok)):
            continue
        speaker = _quoted_speaker(seg, tok, ctx, lex)
        if any(is_passive(c) for c in tok.children if c.dep_ == "xcomp"):
            continue  # 'les fichés doivent être assignés à résidence': they undergo it, they are not asked
        asked = [p for p in _participants(seg, slot(tok, "subj"), ctx, lex)
                 if (p.actor_id or p.sector) and ctx.kind_of(p.actor_id) != "place"]
        if speaker is None or not asked or any(_key(p) == _key(speaker) for p in asked):
            continue  # someone else is told what to do: not 'nous devons', not 'la prison doit'
        trig = Trigger(lemma=tok.lemma_.lower(), pos="VERB", type=conf["type"], cameo=conf["cameo"])
        cand = Candidate(tok, trig, tok, [], [])
        evidence = _evidence(seg, sent, ctx.article_id)
        span = _trigger_span(seg, cand)
        yield Event(
            id=_event_id(ctx.article_id, evidence, tok.idx + seg.offset, conf["type"]), type=conf["type"], cameo=conf["cameo"],
            actors=[speaker], recipients=asked, date=event_date(seg, sent, tok, ctx, None, tok, True), flags=[],
            trigger=span.text, trigger_span=span, evidence=evidence, location=event_place(seg, sent, cand, ctx),
            confidence=round(float(conf.get("confidence", 0.7)) - 0.1 * min(subordination(tok), 2), 2),
        )


def _lexicon_types(tok, lex: EventLexicon) -> set[str]:  # noqa: ANN001
    """The event types the lexicon lists for this word, whatever its context."""
    return {t.type for t in lex.triggers.get(tok.lemma_.lower(), ()) + lex.triggers.get(tok.lower_, ())}


@lru_cache(maxsize=4)
def _sector_of(lang: str):  # noqa: ANN202
    from veille.understand.lexicon import agents

    table = agents().get(lang, {})
    def sector(tok) -> str | None:  # noqa: ANN001
        found = agent_sector(tok, table)
        if found or getattr(tok, "pos_", "") not in ("DET", "NUM"):
            return found
        word = head_word(tok)  # 'un jeune' read with 'un' as its head
        return agent_sector(word, table) if word is not tok else None

    return sector


@lru_cache(maxsize=4)
def _reporting(lang: str) -> frozenset[str]:
    from veille.understand.lexicon import quote_lexicon

    return frozenset(quote_lexicon().get(lang, {}).get("verbs", ()))


def second_opinion(seg: Segment, sent, events: list[Event], feats: list[str], model: EventModel,  # noqa: ANN001
                   lex: EventLexicon, ctx: EventContext) -> list[Event]:
    """The patterns' events the model does not reject, and the types it is sure of
    that the patterns missed (see ``event_model``)."""
    probs = model.probabilities(feats)
    kept = [e for e in events if e.type not in probs or probs[e.type] >= model.types[e.type]["keep"]]
    have = {e.type for e in kept} | {e.type for e in events}
    words: set[str] | None = None  # what an added event may ride on, found once per sentence when needed
    for etype, p in sorted(probs.items(), key=lambda kv: -kv[1]):
        if etype in have or p < model.types[etype]["add"]:
            continue
        if words is None:
            taken = {e.trigger.lower() for e in events if e.trigger}  # one word, one event: the patterns coded these
            words = _trigger_words(sent, lex) - {t.lemma_.lower() for t in sent if t.text.lower() in taken}
        added = _model_event(seg, sent, etype, p, feats, model, lex, ctx, words)
        if added is not None:
            kept.append(added)
            have.add(etype)
    return kept


def _model_event(seg: Segment, sent, etype: str, p: float, feats: list[str], model: EventModel,  # noqa: ANN001
                 lex: EventLexicon, ctx: EventContext, words: set[str]) -> Event | None:
    """An event of ``etype`` the model finds in ``sent``: its trigger is the word of ``words``
    that weighed most (a word the patterns already coded — 'accueilli' of a visit — is not
    among them: it gets no second type), its actor the subject of that word's clause (or of
    the sentence)."""
    lemma = model.strongest(etype, feats, words)
    trigger = next((t for t in sent if t.lemma_.lower() == lemma), None) if lemma else None
    if trigger is None or (etype in UNQUOTED_TYPES and (_inside_quotes(trigger) or ctx.quoted(seg, trigger))):
        return None
    anchor = trigger if trigger.pos_ in ("VERB", "AUX") else (governor(trigger, frozenset()) or sent.root)
    actors = _participants(seg, slot(anchor, "subj") or slot(sent.root, "subj"), ctx)
    recipients = [r for r in _participants(seg, slot(anchor, "obj") if anchor.pos_ == "VERB" else [], ctx, lex) if r not in actors]
    if not actors and trigger.pos_ == "NOUN":  # 'l'attaque menée par les talibans', 'la visite du ministre'
        own = slot(trigger, "poss") + list(_of_phrase(trigger))
        patient = etype in lex.agentless_types
        actors = _participants(seg, slot(trigger, "agent") + list(_by_phrase(trigger)) + ([] if patient else own), ctx)
        recipients = recipients or [r for r in _participants(seg, own if patient else [], ctx, lex) if r not in actors]
    flags, tense = modality(anchor, lex)
    speaker = _quoted_speaker(seg, trigger, ctx, lex) if etype in lex.speech_types else None
    if speaker is not None:  # '« La France doit expulser … », a réclamé X': X demands it of France
        recipients = recipients or [a for a in actors if _key(a) != _key(speaker) and a.text.lower() not in FIRST_PERSON_WORDS]
        actors, tense = [speaker], None  # saying it is the event: the time of the incise, not of what is said
    if lex.model_needs_actor:  # a place or a newspaper beside the clause ('à Bayonne', 'selon Le Monde') did not do it
        actors = [a for a in actors if ctx.kind_of(a.actor_id) != "place" and (a.sector != "MED" or etype in lex.speech_types)]
    if lex.model_needs_actor and not actors and not (is_passive(anchor) and etype in lex.agentless_types):
        return None  # as for the patterns: who did it must be said, but for an agentless passive arrest or attack
    info = model.types[etype]
    trig = Trigger(lemma=lemma or "", pos=trigger.pos_, type=etype, cameo=info.get("cameo") or "", mode=info.get("mode"))
    cand = Candidate(trigger, trig, anchor, [], [])
    if not recipients:
        recipients = _unnamed_recipients(seg, sent, cand, etype, actors, ctx, lex, lambda: bool(lex.speech_types),
                                         quoted_ok=speaker is not None)
    evidence = _evidence(seg, sent, ctx.article_id)
    trigger_span = _trigger_span(seg, cand)
    return Event(
        id=_event_id(ctx.article_id, evidence, trigger.idx + seg.offset, etype), type=etype, mode=info.get("mode"),
        cameo=info.get("cameo"), actors=actors, recipients=recipients, location=event_place(seg, sent, cand, ctx),
        date=event_date(seg, sent, anchor, ctx, tense, trigger, etype in lex.speech_types), flags=flags, trigger=trigger_span.text,
        trigger_span=trigger_span, evidence=evidence, confidence=round(min(0.95, p), 2),
    )


def _quoted_speaker(seg: Segment, tok, ctx: EventContext, lex: EventLexicon) -> Participant | None:  # noqa: ANN001
    """Who says the quotation ``tok`` stands in: its attributed speaker (also for a quotation
    opened in an earlier sentence), else the subject of the sentence's reporting verb."""
    speaker = ctx.speaker_of(seg, tok)
    if speaker is None and _inside_quotes(tok):
        said = reporter(tok, lex)
        found = _participants(seg, [said], ctx) if said is not None else []
        speaker = found[0] if found else None
    return speaker


def _trigger_words(sent, lex: EventLexicon) -> set[str]:  # noqa: ANN001
    """Lemmas of the sentence that can carry an event: verbs, and nouns the lexicon knows
    as events — not a name, a number, a time word or a noun for a person ('mardi' weighs
    for arrests in crime reports, 'président' for visits, but neither is the event)."""
    nouns = lex.triggers
    return {t.lemma_.lower() for t in sent if
            (t.pos_ == "VERB" or (t.pos_ == "NOUN" and (t.lemma_.lower() in nouns or t.lower_ in nouns)))
            and not _is_time_word(t)}  # (the costly time test last: few words are verbs or event nouns)


def _complements(anchor) -> set[int]:  # noqa: ANN001
    """Token indices of the clauses an anchor governs ('menacé de suspendre',
    'exhorté Kigali à retirer', 's'est engagé à retirer')."""
    return {t.i for c in anchor.children if c.dep_ in ("xcomp", "ccomp") or _marked_infinitive_conj(anchor, c) or _for_to_clause(c)
            for t in c.subtree}


def _for_to_clause(c) -> bool:  # noqa: ANN001
    """'calling for the minister to resign': an infinitive clause with its own subject, introduced
    by 'for', is the verb's complement, however the parser labelled it."""
    return c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "for" for g in c.children) and \
        any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)


def _marked_infinitive_conj(anchor, c) -> bool:  # noqa: ANN001
    """An infinitive with its 'de'/'à' joined to a finite verb is a second complement of that
    verb, the parser's coordination notwithstanding ('accuse X d'inaction et de violer ses
    engagements')."""
    return c.dep_ == "conj" and "Inf" in c.morph.get("VerbForm") and "Inf" not in anchor.morph.get("VerbForm") \
        and any(m.dep_ == "mark" and m.lower_ in ("de", "d'", "d’", "à") for m in c.children)


def _absorbed(cand: Candidate, event: Event, built: list, lex: EventLexicon) -> bool:
    """PLOVER codes one event where one verb frames another: the content of a
    request, threat, refusal or accusation is not an event of its own, and a
    commitment ('s'est engagé à retirer') yields to the action it announces."""
    for other_cand, other in built:
        if other is event:
            continue
        if cand.anchor is cand.token and cand.trigger.pos == "NOUN" and other.type == event.type and \
                not (other_cand.anchor is other_cand.token and other_cand.trigger.pos == "NOUN"):
            return True  # 'a rencontré X lors du sommet de l'OTSC': the noun names the frame of the verb's event
        if cand.anchor.i == other_cand.token.i != cand.token.i and other.type == event.type:
            return True  # 'a été placé en garde à vue': the verb's own pattern codes it, with its participants
        same = participant_keys(event.actors) == participant_keys(other.actors)
        inner = cand.anchor.i in _complements(other_cand.anchor) or cand.token.i in _complements(other_cand.anchor)
        if inner and (other.type in lex.content_governors or (other.type in lex.commitment_types and not same)):
            return True  # the content of a request, or what someone is invited to do
        outer = other_cand.anchor.i in _complements(cand.anchor) or other_cand.token.i in _complements(cand.anchor)
        if outer and same and event.type in lex.commitment_types and other.type not in lex.content_governors:
            return True  # 's'est engagé à retirer': the announced action stands for the commitment
    return False


def participant_keys(participants: list[Participant]) -> set[str]:
    """Who takes part, for comparing events: actor ids, else the text as written."""
    return {p.actor_id or p.text for p in participants}


PERSONAL = closed_words("event_pronouns")
SOMEONE = closed_words("someone_pronouns")


def _personal(text: str) -> bool:
    """A personal pronoun of the event lexicon, also as an incise clitic ('-t-il', '-elle')."""
    return text.lower().lstrip("-").removeprefix("t-") in PERSONAL


def _someone_among(tok, lex: EventLexicon | None) -> bool:  # noqa: ANN001
    """A pronoun with a 'de' phrase stands for one of what that phrase names: 'l'un des suspects'
    is someone, 'un des bâtiments' is a thing."""
    among = [c for c in tok.children if c.dep_ in ("nmod", "obl", "obl:mod") and _case(c) in OF_CASES]
    return not among or lex is None or any(_animate(c, lex) for c in among)


def _someone_pronoun(tok) -> bool:  # noqa: ANN001
    """An indefinite or demonstrative pronoun standing for someone unnamed ('certains ont dénoncé',
    'celui-ci a porté plainte', also when the tokenizer cut 'Celui', '-', 'ci'; 'l'une', which the
    tagger may read as an article, heading a subject or object all the same)."""
    if tok.pos_ != "PRON" and not (tok.pos_ in ("DET", "NUM") and tok.dep_ not in ("det", "nummod")):
        return False
    word = tok.lower_
    if tok.i + 2 < len(tok.doc) and tok.nbor(1).text == "-" and not tok.whitespace_ and not tok.nbor(1).whitespace_:
        word = f"{word}-{tok.nbor(2).lower_}"
    return word in SOMEONE
TO_BE_DONE = closed_words("to_be_done_heads")
ANAPHORIC = closed_words("anaphoric_words")
AGE_HEADS = closed_words("age_heads")  # 'the 27-year-old'
NAME_ENTITIES = frozenset({"ORG", "PER", "PERSON", "LOC", "GPE", "NORP", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"})
FIRST_PERSON_WORDS = closed_words("first_person_features")


def _key(p: Participant) -> str:
    return p.actor_id or p.text


def _is_time_word(tok) -> bool:  # noqa: ANN001
    """A word that is (the head of) a time expression, not someone: a date in itself, a clock time
    ('vers 08h30'), a day of the month ('le 27'), or a head whose own modifiers make it a date read
    in its context ('du 8 janvier', 'à l'été 2014', neither of which the word says alone)."""
    if find_dates(tok.text, known(tok.lang_)) or CLOCK.fullmatch(tok.text) or _day_of_month(tok):
        return True
    parts = [tok, *(c for c in tok.children if c.dep_ in TIME_MODIFIERS)]
    sent = tok.sent
    start, end = sent[max(0, tok.i - sent.start - 2)].idx, sent[min(len(sent) - 1, tok.i - sent.start + 3)]
    window = doc_text(tok.doc)[start:end.idx + len(end.text)]
    spans = [(t.idx - start, t.idx - start + len(t.text)) for t in parts]
    return any(m.start < b and a < m.end for m in find_dates(window, known(tok.lang_)) for a, b in spans)


CLOCK = re.compile(r"\d{1,2}(?:h\d{0,2}|:\d{2})")
TIME_MODIFIERS = frozenset({"nummod"})  # "l'été 2014": a season with its year; not "X mardi", a name a date follows


def _day_of_month(tok) -> bool:  # noqa: ANN001
    """'Le 27, Paris a convoqué …': a number from 1 to 31 with a singular article of its own is a
    day of the month (a count of people takes a plural one: 'les 27')."""
    return tok.pos_ == "NUM" and tok.text.isdigit() and 1 <= int(tok.text) <= 31 and \
        any(c.dep_ == "det" and "Sing" in c.morph.get("Number") and "Def" in c.morph.get("Definite") for c in tok.children)


def _core_argument(cand: Candidate) -> bool:
    """A noun event with no one named in it implies its actor only where it is what the clause
    is about, its subject or object ('la manifestation s'est déroulée dans le calme', 'ont
    interdit la manifestation') or the whole of a headline ('More protests ahead'), not a
    background mention ('depuis le début des manifestations')."""
    tok = cand.token
    if tok.pos_ != "NOUN" or cand.anchor is not tok:
        return True
    if children(tok.head, {"cop"}):
        return False  # 'la grève est un droit': a statement about strikes, not one
    return tok.dep_ in SUBJ | PASS_SUBJ | OBJ | {"ROOT"} or _particularised(tok)


def _particularised(tok) -> bool:  # noqa: ANN001
    """A background mention told with particulars of its own is one event reported: a participle
    ('lors d'une manifestation interdite à Nice', 'organisée à Paris') or what it is against or
    for ('après la manifestation en soutien à X', 'contre la réforme'), not a bare 'des manifestations'."""
    return any(c.i > tok.i and ((c.dep_ == "acl" and "Part" in c.morph.get("VerbForm") and "Pres" not in c.morph.get("Tense"))
                                or (c.dep_ == "nmod" and _case(c) in closed_words("opposing_cases") | {"en"}))
               for c in tok.children)


def _participants(seg: Segment, toks: list, ctx: EventContext, lex: EventLexicon | None = None) -> list[Participant]:
    """The participants ``toks`` denote; given the lexicon of a language whose recipients must be
    someone (``animate_recipients``), a thing ('la décision américaine', 'son secours') is left out."""
    found: list[Participant] = []
    for tok in toks:
        if tok.ent_type_ in ("DATE", "TIME") or _is_time_word(tok):
            continue  # 'Saturday's protests': a date, not a participant
        if lex is not None and _source_phrase(tok):
            continue  # 'selon le ministère de l'Intérieur, 116 interpellations ont eu lieu': the source, not whom it
            # is done to (an actor may be: 'la vision prêtée aux Verts, selon les termes de X' is X's charge)
        if lex is not None and lex.animate_recipients and tok.pos_ in ("VERB", "AUX"):
            continue  # 'ont rejeté toute responsabilité et accusé X': a verb parsed as a coordinated object is no one
        p = ctx.resolve_participant(seg, tok)
        if p is None and tok.pos_ == "PRON" and _personal(tok.text):
            p = Participant(text=tok.text)  # someone the article named before; unresolved, still someone
        if p is None and _someone_pronoun(tok) and _someone_among(tok, lex):
            # 'certains ont dénoncé', 'celui-ci a porté plainte', 'l'un', 'tous deux'
            first = min([tok.i, *(c.i for c in tok.children if c.dep_ in ("det", "amod") and c.i < tok.i)])
            p = Participant(text=tok.doc[first:tok.i + 1].text if first < tok.i else tok.text)  # someone unnamed
        if p is None and tok.dep_ == "det" and "Yes" in tok.morph.get("Poss"):
            # 'sa garde à vue': its owner, the subject of the clause it is an adjunct of, else left unresolved
            p = _possessor(seg, tok, ctx, lex) or _previous_subject(seg, tok, ctx, lex) or Participant(text=tok.text)
        if p is None and tok.lower_ in ANAPHORIC and any(c.dep_ == "det" for c in tok.children):
            first = min([tok.i, *(c.i for c in tok.children if c.dep_ == "det")])
            p = Participant(text=tok.doc[first:tok.i + 1].text)  # 'ce dernier': someone just named
        if p is None and _counted_people(tok):
            p = Participant(text=tok.doc[tok.left_edge.i:tok.i + 1].text)  # 'the other three', 'the 27-year-old'
        if p is None and lex is not None and lex.animate_recipients and _people_noun(tok):
            p = Participant(text=tok.text)  # 'accuse les Européens': a people, named by a capitalised noun
        if p is not None and lex is not None and lex.animate_recipients and _thing(tok, p, lex):
            continue
        if p is not None and all((p.actor_id or p.text) != (q.actor_id or q.text) and (p.name or p.text) != (q.name or q.text) for q in found):
            # (one person written twice, 'la photographe Anne Roux' read as two words each resolved to her, is one)
            found.append(p)
    return found


@lru_cache(maxsize=8)
def _according_cues(lang: str) -> frozenset[str]:
    """The first words of the quotes lexicon's 'according to' cues of ``lang`` ('selon', 'd'après'),
    read once per language, not once per participant."""
    from veille.understand.lexicon import quote_lexicon

    return frozenset(c.split()[0].lower() for c in quote_lexicon().get(lang, {}).get("according", ())
                     if c not in closed_words("short_according"))


def _source_phrase(tok) -> bool:  # noqa: ANN001
    """Is ``tok`` (or the noun it completes: 'selon le ministère de l'Intérieur') introduced by an
    'according to' cue of the quotes lexicon ('selon', 'd'après')? The sentence's source, no one
    taking part in its event."""
    cues = _according_cues(tok.doc.lang_)
    for _ in range(3):
        if any(c.dep_ == "case" and c.lower_ in cues for c in tok.children):
            return True
        if tok.dep_ not in ("nmod", "flat", "flat:name", "appos") or tok.head.pos_ not in ("NOUN", "PROPN") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _possessor(seg: Segment, det, ctx: EventContext, lex: EventLexicon | None) -> Participant | None:  # noqa: ANN001
    """Who a possessive on an event noun standing as an adjunct of a clause points to: that clause's
    subject, someone, of the possessive's number, before or after it ('Depuis sa mise en examen, le
    maire …', 'durant leur garde à vue, ils ont expliqué …'). Not for an object: the owner of 'le juge a
    ordonné sa libération' is not the judge."""
    noun = det.head
    clause = noun.head
    if clause.pos_ == "ADV" and clause.dep_ == "advmod" and clause.i < noun.i:
        clause = clause.head  # 'X a assuré, lors de son déplacement, que …': the adverb of a complex preposition
    if lex is None or not noun.dep_.startswith("obl") or clause.pos_ not in ("VERB", "AUX"):
        return None
    plural = det.lower_ in PLURAL_POSSESSIVES
    for subject in children(clause, SUBJ | PASS_SUBJ):
        if _animate(subject, lex) and ("Plur" in subject.morph.get("Number")) == plural:
            return ctx.resolve_participant(seg, subject)
    if plural or any(_animate(s, lex) for s in children(clause, SUBJ | PASS_SUBJ)):
        return None
    # 'La nomination de X intervient après sa mise en examen', 'X, mort après son interpellation': the
    # person named last before it in the sentence, when the clause has no one as its subject
    for tok in reversed(det.doc[det.sent.start:det.i]):
        if tok.pos_ == "PROPN" and tok.ent_type_ in ("PER", "PERSON") and not tok.dep_.startswith("flat"):
            return ctx.resolve_participant(seg, tok)
    return None


def _previous_subject(seg: Segment, det, ctx: EventContext, lex: EventLexicon | None) -> Participant | None:  # noqa: ANN001
    """Whom a possessive on the subject of a sentence that names no one before it points to: the
    subject of the sentence before, someone of the possessive's number ('X a été interpellé lundi.
    Sa garde à vue a été prolongée.'); the article goes on about the person it just made its
    subject. Not for a possessive on an object or an adjunct, whose owner may be anyone."""
    noun = det.head
    if lex is None or noun.dep_ not in SUBJ | PASS_SUBJ or det.sent.start == 0:
        return None
    if any(t.pos_ == "PROPN" or (t.pos_ == "PRON" and t.lower_ in PERSONAL) for t in det.doc[det.sent.start:det.i]):
        return None  # someone named before it in its own sentence
    before = det.doc[det.sent.start - 1].sent
    plural = det.lower_ in PLURAL_POSSESSIVES
    for subject in children(before.root, SUBJ | PASS_SUBJ):
        if _animate(subject, lex) and ("Plur" in subject.morph.get("Number")) == plural:
            who = ctx.resolve_participant(seg, subject)
            return who.model_copy(update={"text": det.text, "name": who.name or who.text}) if who is not None else None
    return None


PLURAL_POSSESSIVES = closed_words("plural_possessives")


def _people_noun(tok) -> bool:  # noqa: ANN001
    """A capitalised plural common noun in the middle of a sentence: a people ('les Européens')."""
    return tok.pos_ == "NOUN" and tok.text[:1].isupper() and not tok.is_sent_start and "Plur" in tok.morph.get("Number")


def _thing(tok, p: Participant, lex: EventLexicon) -> bool:  # noqa: ANN001
    """A common noun that names no actor, no kind of agent and no quantity of people: an
    object or an abstraction ('la fermeture des mosquées', 'la décision américaine')."""
    if p.actor_id is not None or p.sector is not None or tok.pos_ != "NOUN" or tok.lemma_.lower() in lex.quantity_nouns \
            or _people_noun(tok) or _sector_of(lex.lang)(tok) or tok.ent_type_ in PERSON_LABELS:
        # (a name the tagger took for a common noun, 'accuse Roman Polanski', is someone; an agent noun names
        # someone even where coreference took it for another mention: 'une adolescente')
        return False
    return not _named_inside(tok)  # 'la députée européenne Front national Sophie Montel': a person


def _named_inside(tok, depth: int = 0) -> bool:  # noqa: ANN001
    """A name in apposition to a noun, directly or through another apposition (not one
    introduced by a preposition: 'la fermeture des mosquées de France' names no one)."""
    return depth < 3 and any(c.pos_ in ("PROPN", "NOUN") and not _case(c) and c.dep_ in ("appos", "flat", "flat:name", "nmod")
                             and (c.pos_ == "PROPN" or _named_inside(c, depth + 1)) for c in tok.children)


INSTRUMENTS = closed_words("attack_instruments")  # the subject of 'killed' that is a weapon or an attack: no one named
UNQUOTED_TYPES = frozenset({"ASSAULT", "AID", "PROTEST", "MOBILIZE"})
"""Deeds a quotation describes are the speaker's words about them, not events of the article
(PLOVER codes the statement: the speaker accusing or praising); a quotation can announce the
speaker's own decisions, so the other types are kept."""


def _unquoted(lex: EventLexicon, pos: str = "NOUN") -> frozenset[str]:
    """The types a quotation's words do not report as events: ``UNQUOTED_TYPES``, less those whose
    verbs tell a deed a witness saw (``quoted_verb_types``: '"He was shot in the head"')."""
    return UNQUOTED_TYPES - lex.quoted_verb_types if pos == "VERB" else UNQUOTED_TYPES


def build_event(seg: Segment, sent, cand: Candidate, lex: EventLexicon, ctx: EventContext) -> Event | None:  # noqa: ANN001
    """Link a candidate's arguments, read its modality, date and place; None if it fails."""
    trig = cand.trigger
    if cand.token.pos_ in ("NOUN", "PROPN") and ctx.in_name(seg, cand.token):
        return None  # 'La République en marche', 'la Manif pour tous': a word of a name, no act
    told = trig.pos if cand.token.dep_ not in ("acl", "amod") else "NOUN"  # 'the teen killed by police': who, not what was done
    if trig.type in _unquoted(lex, told) and (_inside_quotes(cand.token) or ctx.quoted(seg, cand.token)):
        return None  # 'Ils tuent nos enfants', said on television, is an accusation, not an attack
    speaker = ctx.speaker_of(seg, cand.token) if cand.said else None
    if cand.said and speaker is None:
        return None  # a judgement no one is reported to voice: the article's own words
    actors = [speaker] if speaker is not None else _participants(seg, cand.actors, ctx)
    recipients = [r for r in _participants(seg, cand.recipients, ctx, lex) if r not in actors]
    if not recipients and cand.recipients and lex.animate_recipients and cand.anchor is cand.token:
        recipients = _someone_in_slots(seg, cand, actors, ctx, lex)  # 'réclamé une hausse à la direction'
    things = [t for t in cand.recipients if t not in cand.actors]  # an inverted subject parsed as object is the actor
    if not recipients and things and lex.animate_recipients and trig.type in QUOTED_TARGET_TYPES:
        recipients = [r for r in _participants(seg, [g for t in things for g in _owners(t)], ctx, lex) if r not in actors]
    if not recipients and things and trig.type in lex.doer_recipient_types:
        recipients = [r for r in _participants(seg, _doers_of(things, lex), ctx, lex) if r not in actors]  # 'rejected calls by X'
    if not recipients and trig.recipient_animate and lex.animate_heads and trig.type not in lex.agentless_types:
        # 'praised the work of his investigators' (a deed is done to someone, not to 'percent of the population')
        recipients = [r for r in _participants(seg, [g for t in things for g in _inner(t)], ctx, lex) if r not in actors]
    armed = bool(cand.actors) and not actors and _agentless_ok(trig, lex) and all(t.lemma_.lower() in INSTRUMENTS for t in cand.actors)
    if armed:
        actors = _participants(seg, _modifier_agents(cand.actors[0], lex), ctx)  # 'a car bomb killed …', 'Israeli airstrikes killed …'
        cand.actors = actors and cand.actors
    if not actors and not cand.actors and lex.cause_prepositions and _agentless_ok(trig, lex) and _passive(cand.anchor):
        actors = _participants(seg, _attack_doers(cand.anchor, lex), ctx)  # 'were killed in an Israeli airstrike'
    victim_named = False
    named_before = lex.nominal_roles and all(t.head.i == cand.token.i and t.i < cand.token.i and t.dep_ in ("compound", "amod")
                                             for t in cand.actors)  # 'an Israeli strike on his house': the doer, said before
    if trig.of == "either" and actors and not recipients and (cand.anchor is cand.token or cand.nominal) and not _agentive(actors[0]) \
            and not named_before:
        actors, recipients = [], actors  # 'l'attaque du commissariat': the target, not the attacker
        # 'the slaying of Ortiz', 'le meurtre de la jeune femme': coded with its victim named by 'of'/'de' (in French
        # not by a possessive: 'son combat' is the fighter's)
        victim_named = _agentless_ok(trig, lex) and (lex.nominal_roles or all(t.dep_ not in ("det", "det:poss") for t in cand.actors))
    if victim_named and _victim_topic(cand.token, trig, lex):
        return None  # 'angry at the killing of X', 'shocked by the murders of Y': the deed is what is talked about
    if (cand.actors and not actors and not victim_named) or not _sector_ok(trig, actors):
        return None  # a subject that names no one ('la décision a …') is no actor
    if not actors and trig.implied and not cand.actors and (recipients or _core_argument(cand)):
        actors = [Participant(text=trig.implied[0], sector=trig.implied[1], country=_country_of(recipients), implied=True)]
    if (trig.recipient_actor or trig.needs_recipient) and not any(r.actor_id or r.sector or r.country for r in recipients):
        return None
    if trig.recipient_animate and (not recipients or (lex.animate_heads and not any(_animate(t, lex) for t in cand.recipients))):
        return None  # 'defending the state budget', 'released pages of documents from the Nixon presidency': no one
    if not actors and not recipients and not (is_passive(cand.anchor) or cand.anchor is not cand.token or armed):
        return None  # a bare noun with no one in it ('la menace') is no event; 'une enquête a été ouverte' is, and so
        # are shells that hit a compound (the weapon stands for its unnamed users)
    if cand.anchor is cand.token and trig.pos == "NOUN" and trig.type in NAMED_NOUN_TYPES and \
            not any(p.actor_id or p.text[:1].isupper() for p in actors + recipients):
        return None  # 'les visites des proches', 'la visite du président au salon': no one of note
    if trig.recipient_kinds and not any(ctx.kind_of(r.actor_id) in trig.recipient_kinds for r in recipients):
        return None
    if trig.type in lex.notable_types and not any(_of_note(p) for p in actors + recipients):
        return None  # 'she visited him in prison', 'we can visit them': private people, no consultation
    flags, tense = modality(cand.anchor, lex)
    if trig.with_.get("neg"):  # 'did not accept', 'will not accept the offer': the refusal, made now, is the event
        flags = [f for f in flags if f not in ("negated", "future")]
    threat = _conditional_threat(cand.anchor, trig, flags, lex)
    if threat:  # the threat is made now, whatever it announces
        flags = [f for f in flags if f not in ("hypothetical", "future")]
    if "negated" in flags and lex.negated_types is not None and trig.type not in lex.negated_types:
        return None  # 'did not speak to reporters', 'never agreed': where the news is no act at all
    if "hypothetical" in flags and lex.hypothetical_types is not None and trig.type not in lex.hypothetical_types:
        return None  # 'whether Trump will agree', 'would like to see China agree': no act reported
    if lex.condition_marks and any(_marked(v, lex.condition_marks) for v in _verb_chain(cand.anchor)):
        return None  # 'if convicted', 'if no deal is reached': a condition, not a reported event
    if lex.unreal_nouns and _intended(cand.anchor, lex.unreal_nouns):
        return None  # 'efforts to urge Ukraine', 'a plan to withdraw': intended, not done
    etype, cameo = ("THREATEN", "130") if threat else _recode(trig, flags, lex)
    if not recipients:  # (the pattern's recipient may be an inverted subject parsed as object: the actor again)
        recipients = _unnamed_recipients(seg, sent, cand, etype, actors, ctx, lex,
                                         lambda: all(p in actors for p in _participants(seg, cand.recipients, ctx)))
    recipients = [r for r in recipients if ctx.kind_of(r.actor_id) not in ("place", "city")]  # 's'est rendu à Calais': where
    recipients = [r for r in recipients if not _same_as_actor(r, actors)]
    actors = [_bound_apart(a, recipients) for a in actors]
    mode = trig.mode if etype == trig.type else None
    when = event_date(seg, sent, cand.anchor, ctx, tense, cand.token, etype in lex.speech_types)
    if when.value and ctx.published and when.value[:4].isdigit() and int(when.value[:4]) < ctx.published.year - 1:
        flags = sorted(set(flags) | {"historical"})
    where = event_place(seg, sent, cand, ctx)
    evidence = _evidence(seg, sent, ctx.article_id)
    trigger_span = _trigger_span(seg, cand)
    return Event(
        id=_event_id(ctx.article_id, evidence, cand.token.idx + seg.offset, etype),
        type=etype, mode=mode, context=list(trig.context), cameo=cameo,
        actors=actors, recipients=recipients, location=where, date=when, flags=flags,
        trigger=trigger_span.text, trigger_span=trigger_span, evidence=evidence,
        confidence=round(_confidence(trig, actors, recipients, flags, subordination(cand.anchor)) + MAIN_CLAUSE * _main_clause(cand.anchor), 2),
    )


def _of_note(p: Participant) -> bool:
    """Is the participant someone of note for the ``notable_types``: an actor the table knows,
    someone of a sector other than civilians ('the police', 'officials'), or a name (not a
    personal pronoun, capitalised at the start of a sentence: 'She visited him')?"""
    if p.actor_id or (p.sector and p.sector != "CVL"):
        return True
    return p.text[:1].isupper() and not _personal(p.text)


def _victim_topic(tok, trig: Trigger, lex: EventLexicon) -> bool:  # noqa: ANN001
    """Is an event noun that names its victim alone ('the killing of X', 'the boy's shooting')
    a topic of the sentence rather than a report that it happened? It is, in English news,
    wherever it stands but as a headline or the subject of a verb of occurrence or description
    ('angry at the killing of X', 'shocked by the murders of Y', 'clashes over the teenager's
    shooting', 'his girlfriend's killing will never be solved'): the deed was told before, with
    its doer; a report of it names who did it ('the killing of X by police') or says it happened
    ('the shooting of X took place …'). ``victim_topics`` lists the types read so."""
    return trig.type in lex.victim_topics and not (_happening(tok, lex) or _occurs(tok, lex) or _victim_framed(tok, lex))


def _victim_framed(tok, lex: EventLexicon) -> bool:  # noqa: ANN001
    """Is the noun, through at most three prepositions and nouns, the complement of a word that
    takes the deed as done ('a suspect in the slaying of X', 'sentenced to life for the assault of
    a girl', 'three sentences for rape of a child': ``victim_frames``)? A sentence passed for the
    deed, or a suspect in it, reports it as established, not as a topic."""
    t = tok
    for _ in range(4):
        if t.dep_ not in ("pobj", "prep", "conj", "appos") or t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in lex.victim_frames or t.lower_ in lex.victim_frames:
            return True
    return False


def _doers_of(things: list, lex: EventLexicon) -> list:
    """Who made the proposals, calls or offers ``things`` a refusal or an acceptance answers: the
    nouns a doer preposition ('by', 'from': ``doer_prepositions``) hangs on them ('rejected calls
    by opposition leaders', 'turned down an offer from the defence'): those the answer is given to."""
    return [d for t in things if t.pos_ == "NOUN" for d in prep_objects(t, set(lex.doer_prepositions))]


def _same_as_actor(recipient: Participant, actors: list[Participant]) -> bool:
    """A recipient who is the named actor itself: a pronoun resolved to the actor ('X a lui aussi
    plaidé pour …': the emphatic 'lui'), or the actor's very name again; no one else is acted on.
    A pronoun actor is left to ``_bound_apart``; a description resolved to the recipient's name
    ('le maire …' resolved to the X it complains of) keeps its recipient."""
    pronoun = _personal(recipient.text)
    if not pronoun and not recipient.text[:1].isupper():
        return False  # two generic phrases ('des manifestants') may be two groups
    for a in actors:
        if _personal(a.text):
            continue
        if pronoun and ((a.actor_id and recipient.actor_id == a.actor_id) or (recipient.name and recipient.name in (a.name, a.text))):
            return True
        if not pronoun and a.text.lower() == recipient.text.lower():
            return True
    return False


def _bound_apart(actor: Participant, recipients: list[Participant]) -> Participant:
    """A pronoun subject is never the person its own verb's complement names ('il s'en est pris au
    ministre', 'elle a rendu hommage à X': not the minister, not X); a pronoun resolved to that very
    referent was resolved wrongly, and stays unresolved."""
    if not actor.name or actor.text.lower().lstrip("-").removeprefix("t-") not in PERSONAL:
        return actor
    if any(r.name == actor.name or (r.actor_id and r.actor_id == actor.actor_id) for r in recipients if r.text.lower() not in PERSONAL):
        return Participant(text=actor.text)
    return actor


def _someone_in_slots(seg: Segment, cand: Candidate, actors: list[Participant], ctx: EventContext,
                      lex: EventLexicon) -> list[Participant]:
    """When the first slot of a pattern holds a thing ('une hausse des salaires'), the
    recipient is in a later one ('à la direction')."""
    for name in cand.trigger.recipient:
        toks = slot(cand.token, name)
        if toks and toks != cand.recipients:
            found = [r for r in _participants(seg, toks, ctx, lex) if r not in actors and ctx.kind_of(r.actor_id) != "place"]
            if found:
                return found
    return []


def _unnamed_recipients(seg: Segment, sent, cand: Candidate, etype: str, actors: list[Participant],  # noqa: ANN001
                        ctx: EventContext, lex: EventLexicon, quotation_ok: Callable[[], bool],
                        quoted_ok: bool = False) -> list[Participant]:
    """Whom an event its pattern (or the model) gave no recipient is done to, tried in order: the
    addressee slots of its trigger ('un geste envers les familles'); for blame and praise, the
    named subject of the clause they report, then, when ``quotation_ok()``, whom the quotation
    names or addresses. Nothing without an actor."""
    if not actors:
        return []
    found = addressees(seg, cand, actors, ctx, lex)
    if found or etype not in QUOTED_TARGET_TYPES:
        return found
    found = _blamed(seg, cand.anchor, actors, ctx, lex)
    if found or not quotation_ok():
        return found
    return _quoted_target(seg, sent, cand, actors, ctx, quoted_ok=quoted_ok)


def addressees(seg: Segment, cand: Candidate, actors: list[Participant], ctx: EventContext,
               lex: EventLexicon) -> list[Participant]:
    """Someone an event that names no recipient in its pattern's slots is done to or with, in the
    language's addressee slots of its trigger or of the verb that carries it ('un geste envers
    les familles', 'a coupé les liens avec les Républicains', 'la reconnaissance aux soignants'):
    a person, group or state, not a place ('a manifesté à Lyon' says where)."""
    heads = [cand.token] + ([cand.anchor] if cand.anchor is not cand.token else [])
    comitative = lex.addressee_not.get(cand.trigger.type, frozenset()) | frozenset(cand.trigger.addressee_not)
    # 'a appelé avec 19 ONG à …': together with them; 'a porté plainte au commissariat': where it is lodged
    for head in heads:
        for name in lex.addressee_slots:
            if comitative and name.startswith("prep:"):
                name = "prep:" + "|".join(p for p in name[5:].split("|") if p not in comitative)
            toks = [t for t in slot(head, name) if _animate(t, lex)]
            found = [r for r in _participants(seg, toks, ctx, lex)
                     if r not in actors and _key(r) not in participant_keys(actors) and ctx.kind_of(r.actor_id) not in ("place", "city")]
            if found:
                return found
    return []


def _blamed(seg: Segment, anchor, actors: list[Participant], ctx: EventContext, lex: EventLexicon) -> list[Participant]:  # noqa: ANN001
    """Whom an accusation (or praise) that names no one blames (or praises): the named subject of
    the clause it reports ('testified that Jeffs ordered …', 'a dénoncé que la police ait tiré …',
    '"X has corrected an injustice," Y said'), not the speaker."""
    clauses = [c for c in anchor.children if c.dep_ == "ccomp"]
    if anchor.dep_ in ("parataxis", "ccomp") and anchor.head.i < anchor.i and anchor.lemma_.lower() in _reporting(lex.lang):
        clauses.append(anchor.head)  # the reported clause stands before its incise
    for clause in clauses:
        toks = [t for t in slot(clause, "subj") if _animate(t, lex) and t.pos_ != "PRON"]
        found = [r for r in _participants(seg, toks, ctx, lex) if _key(r) not in participant_keys(actors) and
                 r.name not in {a.name for a in actors if a.name} and ctx.kind_of(r.actor_id) not in ("place", "city")]
        if found:
            return found
    return []


def _conditional_threat(anchor, trig: Trigger, flags: list[str], lex: EventLexicon) -> bool:  # noqa: ANN001
    """'said he would raise tariffs if no deal is reached', 'will boycott the vote unless …': a
    coercive act announced under a condition of the act itself is a threat (PLOVER 2.3), not a
    hypothetical act; an act inside the condition ('if convicted, he faces …') is no event at all."""
    if trig.type not in lex.threat_types or not ({"future", "hypothetical"} & set(flags)) or "negated" in flags:
        return False
    return any(c.dep_ == "advcl" and _marked(c, lex.condition_marks) for c in anchor.children)


def _marked(verb, marks: frozenset[str]) -> bool:  # noqa: ANN001
    """Is the clause of ``verb`` introduced by one of ``marks`` ('if', 'unless')?"""
    return any(c.dep_ == "mark" and c.lower_ in marks for c in verb.children)


def _intended(verb, nouns: frozenset[str]) -> bool:  # noqa: ANN001
    """Is ``verb`` the infinitive complement of a noun of intention, directly or through
    the verbs that control it ('an effort to urge', 'a move by the US to try to force')?"""
    tok, steps = verb, 0
    while tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX") and steps < 4:
        tok, steps = tok.head, steps + 1
    return tok.dep_ in ("acl", "advcl") and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in nouns and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)  # 'calls for the minister to quit' (advcl) too


MEMBER_NOUNS = closed_words("member_nouns")
"""Nouns for the members of a group named before them ('gang members')."""


def _animate(tok, lex: EventLexicon) -> bool:  # noqa: ANN001
    """Is this argument someone: a name, a personal pronoun, a person or group noun of the
    agents table, also through 'of' ('dozens of protesters', 'the work of his investigators') or a
    named possessor ("Haiti's efforts")?
    Other inner words of the phrase do not count ('documents from the Nixon presidency' is no one)."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ACTOR_ENTITY_LABELS:
        return True
    someone = _someone_pronoun(tok)
    if tok.pos_ == "PRON" or someone:
        return someone or tok.lower_ in PERSONAL
    if tok.lower_ in ANAPHORIC and any(c.dep_ == "det" for c in tok.children):
        return True  # 'ce dernier a été interpellé'
    if _sector_of(lex.lang)(tok) or _counted_people(tok):
        return True
    if tok.lower_ in MEMBER_NOUNS and any(c.dep_ == "compound" and _animate(c, lex) for c in tok.children):
        return True  # 'Taliban members': the members of a group named before them
    return any(_animate(g, lex) for g in _inner(tok))  # 'the work of his investigators', 'dozens of protesters'


OF_CASES = closed_words("of")


def _owners(tok) -> list:  # noqa: ANN001
    """Whose words, deeds or qualities a blamed or praised thing is: its 'de' complement ('a dénoncé
    les propos de X', 'a salué le courage des pompiers'); blame and praise are aimed at them."""
    return [c for c in tok.children if c.dep_ == "nmod" and _case(c) in OF_CASES]


def _counted_people(tok) -> bool:  # noqa: ANN001
    """A phrase headed by a number or an age, standing for people: 'shot the other three',
    'killed 12', 'the 27-year-old was shot'."""
    return (tok.pos_ == "NUM" and tok.dep_ not in ("nummod", "compound")) or \
        (tok.lower_ in AGE_HEADS and any(t.pos_ == "NUM" for t in tok.subtree))


def _inner(tok) -> list:  # noqa: ANN001
    """Whose thing a noun names: its 'of' complement or its named possessor ("Haiti's efforts")."""
    inner = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return inner + [c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"]


def _quoted_target(seg: Segment, sent, cand: Candidate, actors: list[Participant],  # noqa: ANN001
                   ctx: EventContext, quoted_ok: bool = False) -> list[Participant]:
    """Whom an accusation voiced as a quotation targets when its verb names no one
    ('« Le projet d'EELV, c'est interdire », a fustigé X'): the first named actor or
    person of the quotation who is not the speaker (not a city: a place named in a
    complaint is where, not whom); else whom it addresses ('« Vous avez menti », a
    dénoncé X': the 'vous' the speaker accuses)."""
    if not quoted_ok and (_inside_quotes(cand.anchor) or ctx.quoted(seg, cand.anchor)):
        return []  # (unless the accusation is the quotation itself, said by its speaker)
    speakers = {a.actor_id or a.text for a in actors} | {a.name for a in actors if a.name}
    names = [t for t in sent if t.pos_ == "PROPN"]
    for tok in names + [t for t in sent if _third_person_subject(t)]:  # a name first, else 'il' resolved to someone
        pronoun = tok.pos_ == "PRON"
        if not (_inside_quotes(tok) or ctx.quoted(seg, tok)) or (tok.dep_.startswith("flat") and tok.head.pos_ == "PROPN"):
            continue
        p = ctx.resolve_participant(seg, tok)
        if p is None or (p.actor_id or p.text) in speakers or p.name in speakers or ctx.kind_of(p.actor_id) in ("city", "place"):
            continue
        if p.actor_id or ((p.name or "") if pronoun else p.text)[:1].isupper():
            return [p]  # a name, or 'il' the article resolves to someone ('« il ment aux Français », a dénoncé X')
    for tok in sent:  # '« Vous avez trahi vos électeurs », a dénoncé X': whom the quotation addresses
        if tok.pos_ == "PRON" and tok.lower_ in ADDRESSEE_PRONOUNS and not tok.dep_.startswith("expl") and \
                (_inside_quotes(tok) or ctx.quoted(seg, tok)):
            return [ctx.resolve_participant(seg, tok) or Participant(text=tok.text)]
    return []


ADDRESSEE_PRONOUNS = closed_words("addressee_pronouns")
QUOTED_TARGET_TYPES = frozenset({"ACCUSE", "SUPPORT"})  # blame and praise voiced as a quotation are aimed at whom it names


def _third_person_subject(tok) -> bool:  # noqa: ANN001
    """A third-person personal pronoun subject ('il', 'elle', 'he'; the parser may take 'il ment' for an
    impersonal 'il', which coreference leaves unresolved when it is one): someone spoken of."""
    return tok.pos_ == "PRON" and tok.dep_.startswith(("nsubj", "expl:subj")) and tok.lower_ in PERSONAL and tok.lower_ not in FIRST_PERSON_WORDS


def _country_of(participants: list[Participant]) -> str | None:
    """The country of the people an implied actor acts on (a French police arrests in France)."""
    return next((p.country for p in participants if p.country), None)


AGENTIVE = {"MIL", "REB", "CRM", "COP", "GOV", "SPY", "OPP"}
NAMED_NOUN_TYPES = {"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID"}  # a bare noun of these needs a named participant


def _agentive(p: Participant) -> bool:
    """Who usually carries out attacks: armed forces, rebels, criminals, states."""
    return p.sector in AGENTIVE or (p.actor_id is not None and p.sector is None and p.country is not None)


def _sector_ok(trig: Trigger, actors: list[Participant]) -> bool:
    if not actors:  # a pattern said to be agentless codes its passive with no one named, whoever may do it when named
        return trig.subj_sector is None or None in trig.subj_sector or trig.agentless is True
    sector = actors[0].sector
    if trig.subj_sector is not None and sector not in trig.subj_sector:
        return False
    return not (trig.subj_sector_not and sector in trig.subj_sector_not)


def _recode(trig: Trigger, flags: list[str], lex: EventLexicon) -> tuple[str, str]:
    """Announced CONSULT/SUPPORT/COOPERATE/AID become AGREE; announced RETREAT, CONCEDE."""
    if ("future" in flags or "hypothetical" in flags) and trig.type in lex.future_to:
        etype, cameo = lex.future_to[trig.type].split(":")
        return etype, cameo
    return trig.type, trig.cameo


MAIN_CLAUSE = 0.1  # what the sentence states outranks what its participles and complements add ('staged rallies …, saying he must resign')


def _main_clause(anchor) -> bool:  # noqa: ANN001
    """Is the anchor the verb of the sentence's main clause (its root, or a verb coordinated with it)?"""
    return anchor.dep_ == "ROOT" or (anchor.dep_ == "conj" and anchor.head.dep_ == "ROOT" and anchor.head.pos_ in ("VERB", "AUX"))


SUBORDINATE = {"relcl", "acl", "acl:relcl", "advcl", "pcomp", "csubj", "nmod", "obl", "obl:mod", "pobj", "prep"}


def subordination(anchor) -> int:  # noqa: ANN001
    """How many relative, adverbial or nominal clauses separate the anchor from the
    main clause: events stated in a subordinate clause are less certain."""
    depth, tok = 0, anchor
    while tok.head.i != tok.i and depth < 4:
        depth += tok.dep_ in SUBORDINATE
        tok = tok.head
    return depth


def _confidence(trig: Trigger, actors: list[Participant], recipients: list[Participant], flags: list[str],
                depth: int = 0) -> float:
    score = trig.confidence - 0.1 * min(depth, 2)
    score += (0.1 if actors[0].actor_id else -0.15) if actors else -0.1
    score += 0.05 if recipients and recipients[0].actor_id else 0.0
    score -= 0.1 if "hypothetical" in flags else 0.0
    return round(max(0.05, min(0.99, score)), 2)


def _trigger_span(seg: Segment, cand: Candidate) -> Span:
    """The trigger word, and the rest of a multi-word trigger ('mise en examen')."""
    tok = cand.token
    last = tok.doc[min(tok.i + len(cand.trigger.phrase), len(tok.doc) - 1)]
    start, end = tok.idx, last.idx + len(last.text)
    return Span(field=seg.field, start=seg.offset + start, end=seg.offset + end, text=doc_text(tok.doc)[start:end])


def _evidence(seg: Segment, sent, article_id: str) -> Evidence:  # noqa: ANN001
    start = seg.offset + sent.start_char
    return Evidence(field=seg.field, start=start, end=start + len(sent.text), text=sent.text, article_id=article_id)


def _event_id(article_id: str, evidence: Evidence, pos: int, etype: str) -> str:
    key = f"{article_id}:{evidence.field}:{pos}:{etype}"
    return "ev_" + hashlib.sha1(key.encode()).hexdigest()[:12]


def event_date(seg: Segment, sent, anchor, ctx: EventContext, tense: str | None, trigger=None,  # noqa: ANN001
               speech: bool = False) -> EventDate:
    """The date of the event's own clause: a time expression whose words hang on the
    event's verb (or on its trigger noun), resolved against the publication date.
    A date of another clause ('…, a-t-on appris jeudi') is not borrowed, nor a
    relative one inside a quotation (its 'today' is the speaker's, not the article's)."""
    mentions = [m for m in find_dates(sent.text, ctx.lang) if not _span(sent, m) and not _of_a_description(sent, m, trigger)
                and not (_span_start(sent, m) and not _started_on_event(sent, m, anchor, trigger))]
    if not mentions:
        return EventDate()
    own = [m for m in mentions if _date_attaches(sent, m, anchor, trigger)]
    inherited = not own
    if inherited:
        own = _inherited_dates(sent, mentions, anchor, ctx.lang, tense, speech, trigger is None or trigger.i == anchor.i)
        if not _planned_day(sent, own, anchor, tense):
            tense = None  # the time of the clause it comes from: 'a décidé mardi d'expulser' is last Tuesday
    if not own:
        return EventDate()
    nominal = trigger is not None and trigger.i != anchor.i and trigger.pos_ in ("NOUN", "PROPN")
    on_noun = [m for m in own if _date_attaches(sent, m, trigger, trigger)] if nominal and not inherited else []
    if nominal and not inherited and not on_noun and trigger.head.i == anchor.i:
        at = trigger.idx - sent.start_char  # the verb's day before its object, the object's after it (parsers hang both on the verb)
        if any(m.end <= at for m in own):
            on_noun = [m for m in own if m.start > at]
    if on_noun:  # 'a annoncé dimanche la réouverture des écoles le 15 juin': the reopening's day, not the announcement's
        own, tense = on_noun, None if tense != "future" else tense
    pivot = (trigger if on_noun else anchor).idx - sent.start_char
    best = min(own, key=lambda m: abs(m.start - pivot))
    first = sent.doc[_token_at(sent, best.start)]
    if best.kind in ("weekday", "relative", "monthrel", "years") and (_inside_quotes(first) or ctx.quoted(seg, first)):
        return EventDate(text=best.text)
    if tense is None and not on_noun and _past(anchor) and _date_attaches(sent, best, anchor, None):
        tense = "past"  # 'a été interpellé le 16 novembre': the last 16 November, not the nearest
    elif tense is None and not inherited and (_present(anchor) or _present_passive(anchor)) and not _on_done_participle(sent, best):
        tense = "present"  # 'rouvre lundi', read on Sunday: tomorrow, the nearest Monday
    if _targeted(sent, best) or _planned_for(sent, best):
        tense = "future"  # 'a annoncé la réouverture des mosquées pour le 31 mai', 'la réunion prévue samedi': the day set, still to come
    if _span_start(sent, best):
        tense = "past"  # 'en garde à vue depuis lundi', read on Wednesday: the Monday gone, whatever the verb's tense
    reference = ctx.last_day(seg, sent.start_char + best.start) if best.kind == "anaphoric" else None  # 'la veille': of the day last named
    return resolve(best, ctx.published, tense, reference)


def _planned_day(sent, own: list, anchor, tense: str | None) -> bool:  # noqa: ANN001
    """Is a date the parser hung on the governing verb the day of the planned act itself? An
    infinitive still to come with the date after it ('a prévu de se rendre au Canada en
    décembre') is dated by it as a future; a date before it ('a décidé mardi d'expulser') is the decision's."""
    at = anchor.idx - sent.start_char
    return tense == "future" and anchor.dep_ == "xcomp" and bool(own) and all(m.start > at for m in own)


def _present(verb) -> bool:  # noqa: ANN001
    """A finite verb in the present with no auxiliary ('rouvre', 'reopens'): its weekday is the nearest one."""
    return "Fin" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense") and \
        not any(c.dep_ in ("aux", "aux:tense", "aux:pass") for c in verb.children)


def _present_passive(verb) -> bool:  # noqa: ANN001
    """A passive in the present ('sont organisées samedi', 'is held on Monday'): its only
    auxiliary is a present 'être'/'be' of the passive, no auxiliary of a compound past."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:tense", "aux:pass") and c.pos_ == "AUX"]
    return "Part" in verb.morph.get("VerbForm") and bool(auxes) and all(
        c.dep_ == "aux:pass" and "Fin" in c.morph.get("VerbForm") and "Pres" in c.morph.get("Tense") for c in auxes)


def _past(verb) -> bool:  # noqa: ANN001
    """A verb in a past tense: a compound past ('a signé', 'avait été arrêté'), a simple past or
    an imperfect ('signa', 'signait')."""
    form, tense = verb.morph.get("VerbForm"), verb.morph.get("Tense")
    if "Part" in form and "Past" in tense:
        return any(c.dep_ in ("aux", "aux:tense", "aux:pass") and c.pos_ == "AUX" for c in verb.children) and not _present_passive(verb)
    return "Fin" in form and ("Past" in tense or "Imp" in tense)


def _token_at(sent, offset: int) -> int:  # noqa: ANN001
    """Index of the token of ``sent`` covering a character offset of the sentence text."""
    pos = sent.start_char + offset
    for tok in sent:
        if tok.idx <= pos < tok.idx + len(tok.text) or tok.idx >= pos:
            return tok.i
    return sent.end - 1


def _inherited_dates(sent, mentions: list, anchor, lang: str, tense: str | None, speech: bool = False,  # noqa: ANN001
                     verbal: bool = True) -> list:
    """Dates the event's clause takes from the clause around it when it has none of its own:
    a time adverbial fronted before the main clause ('Mercredi, …', 'En 2002, …') scopes over
    the whole sentence; an infinitive shares the time of the verb that governs it ('a estimé
    mercredi ne plus pouvoir justifier'); a statement takes the time of the reporting verb of
    its incise ('« … », a précisé vendredi Bruno Le Maire'), since saying it is the event —
    unless what is said is still to come ('… risque d'être reconfinée, a indiqué dimanche X');
    an act of speech (``speech``: an accusation, a demand) reported by the verb that
    governs it is dated by that verb ('a assuré samedi « ne rien partager » avec X'); and a
    present participle that is the event's own verb (``verbal``; not 'concernant l'attaque')
    shares the time of the verb it hangs on ('ont bloqué lundi la route, réclamant la
    démission du maire')."""
    root = sent.root
    if not _inside_quotes(anchor) and not _subordinate(anchor, root):
        fronted = [m for m in mentions if _fronted(sent, m, root)] or _circumstance_dates(sent, mentions, root)
        if fronted:
            return fronted
    governor, steps = anchor, 0
    while governor.dep_ == "xcomp" and governor.head.i != governor.i and steps < 3 and not _past_infinitive(governor):
        governor, steps = governor.head, steps + 1
        found = [m for m in mentions if _date_attaches(sent, m, governor, None)]
        if found:
            return found
    reporting = _reporting(lang)
    if speech and anchor.dep_ in ("ccomp", "advcl", "xcomp", "parataxis") and anchor.head.i != anchor.i and \
            anchor.head.lemma_.lower() in reporting and not _past_infinitive(anchor):
        found = [m for m in mentions if _date_attaches(sent, m, anchor.head, None)]
        if found:
            return found
    if verbal and "Part" in anchor.morph.get("VerbForm") and "Pres" in anchor.morph.get("Tense") and anchor.head.i != anchor.i:
        governor, steps = anchor.head, 0  # 'a déposé plainte vendredi, dénonçant …': the participle shares the verb's time
        while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i and steps < 4:
            governor, steps = governor.head, steps + 1
        found = [m for m in mentions if _date_attaches(sent, m, governor, None)] if governor.pos_ in ("VERB", "AUX") else []
        if found:
            return found
    if tense == "future":
        return []
    if anchor.dep_ == "conj" and anchor.head.i < anchor.i and (children(anchor, {"aux", "aux:tense"}) or _elided_aux(anchor)) and \
            not children(anchor, {"nsubj", "nsubj:pass"}):  # 'a jugé dimanche … mais a appelé à la prudence': one subject, one time
        shared = _elided_aux(anchor)  # 'a été mis en examen et placé en détention samedi': one act, one day, wherever it stands
        found = [m for m in mentions if (shared or m.end <= anchor.idx - sent.start_char) and
                 _date_attaches(sent, m, coordinated_clause(anchor), None)]
        if found:
            return found
    for child in anchor.children:
        if child.i > anchor.i and child.dep_ in ("advcl", "parataxis", "dislocated", "conj") and \
                child.lemma_.lower() in reporting:
            found = [m for m in mentions if _date_attaches(sent, m, child, None)]
            if found:
                return found
    return []


def _elided_aux(verb) -> bool:  # noqa: ANN001
    """A bare past participle coordinated with a compound one, sharing its auxiliary ('a été mis
    en examen samedi et placé en détention'): one act of the same subject, at the same time."""
    head = verb.head
    return "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense") and \
        not children(verb, {"aux", "aux:tense", "aux:pass", "cop"}) and "Part" in head.morph.get("VerbForm") and \
        bool(children(head, {"aux", "aux:tense", "aux:pass"}))


def _circumstance_dates(sent, mentions: list, root) -> list:  # noqa: ANN001
    """The day of a fronted participle clause with no subject of its own, which sets the scene of
    the main clause ('Interrogé dimanche sur une radio, le ministre a dénoncé …', 'Réunis lundi
    matin, les dirigeants ont condamné …'): a weekday or a relative day, the main act's too (an
    older date, 'Élu en 2017, …', tells the past of the subject, not the act's day)."""
    clauses = [c for c in root.children if c.dep_ == "advcl" and c.i < root.i and "Part" in c.morph.get("VerbForm")
               and "Past" in c.morph.get("Tense") and not children(c, {"nsubj", "nsubj:pass", "mark"})]
    return [m for m in mentions if m.kind in ("weekday", "relative") and
            any(_date_attaches(sent, m, c, None) for c in clauses)]


_SUBORDINATE = frozenset({"acl", "acl:relcl", "relcl"})


def _subordinate(anchor, root) -> bool:  # noqa: ANN001
    """Is the event's verb in a relative clause or a finite adverbial clause of the main one? A date fronted
    before the main clause is not its date ('Last year, he was awarded a medal after he
    shot a carjacker': the award, not the shooting)."""
    tok, steps = anchor, 0
    while tok.i != root.i and tok.head.i != tok.i and steps < 8:
        if tok.dep_ in _SUBORDINATE or (tok.dep_ == "advcl" and children(tok, {"nsubj", "nsubj:pass", "nsubjpass"})):
            return True  # not an infinitive's or a participle's ('après avoir découvert'): they share the main clause's time
        tok, steps = tok.head, steps + 1
    return False


_SPAN_WORDS = closed_words("span")


def _span(sent, mention) -> bool:  # noqa: ANN001
    """'depuis mai 2019', 'jusqu'au 21 juin', 'since 2015': the bound of a span the event
    is set in, not its date."""
    first = sent.doc[_token_at(sent, mention.start)]
    before = sent.doc[first.i - 1].lower_ if first.i > sent.start else ""
    return first.lower_ in _SPAN_WORDS or before in _SPAN_WORDS or (before in closed_words("span_to") and first.i > sent.start + 1
                                                                     and sent.doc[first.i - 2].lower_ in _SPAN_WORDS)


def _span_start(sent, mention) -> bool:  # noqa: ANN001
    """'depuis lundi', 'depuis le 7 avril': a date (a word of the language's ``span_start`` on it
    or just before it) where a state or act still going on began."""
    first = sent.doc[_token_at(sent, mention.start)]
    words = own_words(sent.doc.lang_, "span_start")
    return first.lower_ in words or (first.i > sent.start and sent.doc[first.i - 1].lower_ in words)


def _started_on_event(sent, mention, anchor, trigger) -> bool:  # noqa: ANN001
    """Does a start date hang on the event's own words, its verb or its trigger noun ('sont en
    garde à vue depuis lundi', 'est détenue depuis juin')? Then it dates the event, which began
    that day (the annotators' reading), while one on another noun ('le maire, en poste depuis
    2017, …', 'la politique de X, à la tête du parti depuis 2017') does not, nor one on a verb in a
    compound tense, which tells acts done within the span ('depuis mai, la police a arrêté trois
    militants')."""
    head = _date_governor(sent, mention)
    if any(c.dep_ == "aux:tense" for c in anchor.children):
        return False
    return head is not None and (head.i == anchor.i or (trigger is not None and head.i == trigger.i))


def _of_a_description(sent, mention, trigger) -> bool:  # noqa: ANN001
    """'Manuel Valls, aujourd'hui député', 'l'ancienne procureure, aujourd'hui à la retraite', 'X, today
    a senator': a relative day that modifies a noun or an adjective (not a verb, not the event's own
    noun) and is followed by the rest of that description says since when it holds, not when the
    event happened."""
    if mention.kind != "relative":
        return False
    first = sent.doc[_token_at(sent, mention.start)]
    head = first
    start, end = sent.start_char + mention.start, sent.start_char + mention.end
    while start <= head.head.idx < end and head.head.i != head.i:
        head = head.head  # within the expression
    doc, last = sent.doc, sent.doc[_token_at(sent, mention.end - 1)]
    if first.i >= sent.start + 2 and last.i + 1 < sent.end and doc[first.i - 1].text == "," and \
            doc[first.i - 2].pos_ in ("NOUN", "PROPN") and doc[last.i + 1].pos_ in ("NOUN", "ADJ"):
        return True  # 'Manuel Valls, aujourd'hui député, …', whatever the parser hung it on
    if head.dep_ not in ("advmod", "obl:mod", "nmod", "npadvmod") or head.head.i == head.i or last.i + 1 >= sent.end or \
            doc[last.i + 1].is_punct or doc[last.i + 1].pos_ in ("VERB", "AUX"):
        return False  # 'Le ministre, hier soir, a condamné': the parser's noun, but the verb's day
    word = head.head
    return word.pos_ in ("NOUN", "PROPN", "ADJ") and (trigger is None or word.i != trigger.i) and \
        not any(c.dep_ == "case" for c in head.children)


def _targeted(sent, mention) -> bool:  # noqa: ANN001
    """'pour le 31 mai', 'd'ici dimanche': a date something is set for (a word of ``date_target``
    before it, or before its article), which is to come."""
    first = sent.doc[_token_at(sent, mention.start)]
    before = [sent.doc[i].lower_ for i in (first.i - 1, first.i - 2) if i >= sent.start]
    target = closed_words("date_target")
    return bool(before) and (before[0] in target or (len(before) > 1 and before[0] in ("le", "la", "les") and before[1] in target))


def _date_governor(sent, mention):  # noqa: ANN001, ANN202
    """The word a date mention hangs on, through its preposition (at most four steps up the
    parse, the mention's own words and prepositions skipped), or None at the root."""
    start, end = sent.start_char + mention.start, sent.start_char + mention.end
    head = sent.doc[_token_at(sent, mention.start)]
    for _ in range(4):
        if head.head.i == head.i:
            return None
        head = head.head
        if not start <= head.idx < end and head.pos_ != "ADP":
            return head
    return None


def _on_done_participle(sent, mention) -> bool:  # noqa: ANN001
    """'dans un entretien publié vendredi, X accuse…': the date hangs on a bare past participle
    (a document or occasion already done), not on the present verb: the day is a past one."""
    head = _date_governor(sent, mention)
    return head is not None and head.dep_ in ("acl", "amod") and "Part" in head.morph.get("VerbForm") \
        and "Past" in head.morph.get("Tense") and head.lower_ not in closed_words("date_planned")


def _planned_for(sent, mention) -> bool:  # noqa: ANN001
    """'la manifestation, prévue samedi', 'a rally scheduled for Saturday': the date hangs
    (through its preposition) on a participle of a plan (``date_planned``), so it is to come."""
    head = _date_governor(sent, mention)
    return head is not None and head.lower_ in closed_words("date_planned")


def _fronted(sent, mention, root) -> bool:  # noqa: ANN001
    """A date expression before the main verb, hanging on it directly (not on a clause of
    its own: 'Après avoir été déboutés en décembre 2019, …'), followed by a comma."""
    first = sent.doc[_token_at(sent, mention.start)]
    if first.i >= root.i:
        return False
    start, end = sent.start_char + mention.start, sent.start_char + mention.end
    head = first
    while start <= head.head.idx < end and head.head.i != head.i:
        head = head.head  # within the expression: 'En' → 'mars' in 'En mars dernier'
    if head.head.i != root.i:
        return False
    return any(t.text == "," and t.idx >= end - 1 for t in sent if t.i < root.i)


def _date_attaches(sent, mention, anchor, trigger) -> bool:  # noqa: ANN001
    """Does the date expression belong to the event's clause? Its first word's nearest
    verb is the event's verb, or the word hangs on the trigger noun itself."""
    tok = sent.doc[_token_at(sent, mention.start)]
    head, steps = tok, 0
    while steps < 6:
        if head.i == anchor.i or (trigger is not None and head.i == trigger.i):
            return True
        if head.i != tok.i and head.dep_ in SUBJ | PASS_SUBJ and head.head.i == anchor.i and \
                any(c.dep_ in ("acl", "acl:relcl", "relcl") and head.i < c.i < tok.i for c in head.children):
            return False  # 'les suspects interpellés lundi ont été mis en examen samedi': the day of the participle on the subject
        if head.pos_ in ("VERB", "AUX") and head.i != tok.i and head.dep_ not in ("aux", "aux:tense", "aux:pass", "cop") \
                and not _describes_trigger(head, trigger) and not _describes_medium(head, anchor):
            return False
        if head.head.i == head.i:
            return False
        head, steps = head.head, steps + 1
    return False


def _describes_medium(verb, anchor) -> bool:  # noqa: ANN001
    """A bare participle dating the document or occasion the act is done in, a noun the event's
    verb governs through a ``medium_cases`` preposition ('dénonce dans sa plainte envoyée le
    10 mai', 'a annoncé dans un communiqué publié lundi')."""
    noun = verb.head
    return verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm") and noun.head.i == anchor.i and noun.i != anchor.i \
        and _case(noun) in closed_words("medium_cases") \
        and not any(c.dep_ in ("nsubj", "nsubj:pass", "aux", "aux:tense") for c in verb.children)


def _describes_trigger(verb, trigger) -> bool:  # noqa: ANN001
    """A clause on the trigger noun that tells when the act itself happened: a participle
    ('la plainte déposée le 10 mai') or a relative clause whose subject is the noun ('a
    shooting that occurred Monday'); not one where someone else acts on it ('l'attaque
    qu'il a condamnée lundi')."""
    if trigger is None or verb.head.i != trigger.i or trigger.pos_ not in ("NOUN", "PROPN") or \
            verb.dep_ not in ("acl", "acl:relcl", "relcl"):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
    if not subjects:
        return "Part" in verb.morph.get("VerbForm") and not any(c.dep_ in ("aux", "aux:tense") for c in verb.children)
    return all("Rel" in c.morph.get("PronType") for c in subjects)


def event_place(seg: Segment, sent, cand: Candidate, ctx: EventContext) -> Place | None:  # noqa: ANN001
    """A city introduced by a locative preposition in the trigger's clause (before a country:
    'en Italie, à Crémone'); else a street or square the clause names (:func:`_street`); else a
    city named as the complement of one of its nouns ('a attaqué une maternité de Kaboul', 'dans
    l'usine de Minsk') — not in its subject ('le maire de Lyon a…'), nor a country ('le
    président de la Russie'); else a place the gazetteer does not know introduced by a locative
    (:func:`_named_place`); else a country introduced by a locative; else such an unknown place as
    a noun's complement; else a city the verb acts on (:func:`_city_struck`)."""
    locative, of = closed_words("locative"), closed_words("place_of")
    fallback = country = street = named = named_of = None
    for head in (cand.token, cand.anchor):
        street = street or next((s for s in map(_street, head.subtree) if s is not None), None)
    for head in (cand.token, cand.anchor):
        for tok in head.subtree:
            if not _place_name(tok) or tok.head.pos_ == "PROPN" and tok.dep_ in ("flat", "flat:name", "compound"):
                continue
            if tok.pos_ != "PROPN" and (_an_actor(seg, tok, ctx) or _sector_of(ctx.lang)(tok)):
                continue  # ('au Kazakhstan' tagged as a noun: a state, left to the later, more precise place, as before;
                # 'une visite d'État': an agent noun capitalised by custom)
            prep = _place_case(tok)
            if prep in locative or prep == _LOCATIVE:
                place = ctx.resolve_place(seg, tok)
                if place is not None and place.latitude is not None:
                    return place
                country = country or place  # 'à Juba, au Soudan du Sud': the city, the more precise
                named = named or (_named_place(tok) if place is None and not _an_actor(seg, tok, ctx) else None)
            elif fallback is None and prep in of and (tok.head.head if tok.dep_ == "pobj" else tok.head).pos_ == "NOUN" \
                    and not _in_subject(tok, cand.anchor):
                place = ctx.resolve_place(seg, tok)
                fallback = place if place is not None and place.latitude is not None else None
                named_of = named_of or (_named_place(tok) if place is None and not _an_actor(seg, tok, ctx) else None)
    return street or fallback or named or country or named_of or _city_struck(seg, cand, ctx) or _fronted_place(seg, sent, cand, ctx)


def _place_name(tok) -> bool:  # noqa: ANN001
    """A proper name, or a capitalised word the tagger took for an adjective or a noun but the
    entity recogniser tags a place, the first word of that place ('au commissariat de Chelles',
    'Chelles' read as an adjective)."""
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ in ("ADJ", "NOUN") and tok.ent_type_ in PLACE_LABELS and tok.ent_iob_ == "B" and tok.text[:1].isupper() \
        and not tok.is_sent_start


def _fronted_place(seg: Segment, sent, cand: Candidate, ctx: EventContext) -> Place | None:  # noqa: ANN001
    """A locative that opens the sentence, set off by a comma before the main verb ('À Lyon, la
    police a interpellé …', 'A Nantes (Loire-Atlantique), une manifestation …'), sets the scene of
    the whole sentence: the place of an event with none of its own, unless the event is in a quotation."""
    if _inside_quotes(cand.token) or ctx.quoted(seg, cand.token):
        return None
    root, locative = sent.root, closed_words("locative")
    for tok in sent:
        if tok.i >= root.i or tok.i > sent.start + 6 or tok.text == ",":
            return None
        prep = _place_case(tok) if tok.pos_ == "PROPN" else ""
        if prep not in locative and prep != _LOCATIVE:
            continue
        lead = sent.doc[sent.start]
        if lead.lower_ not in locative and lead.text not in closed_words("capital_locatives"):
            return None  # not the sentence's first words
        if not any(t.text == "," for t in sent.doc[tok.i + 1:root.i]):
            return None
        head, steps = tok, 0
        while head.head.i != root.i and head.head.i != head.i and steps < 4:
            head, steps = head.head, steps + 1
        if head.head.i != root.i:
            return None
        place = ctx.resolve_place(seg, tok)
        if place is not None and place.latitude is not None:
            return place
        return _named_place(tok) if place is None and not _an_actor(seg, tok, ctx) else place
    return None


def _gazetteer(name: str) -> Place | None:
    from veille.understand.actors import gazetteer

    return gazetteer(name)


PLACE_LABELS = frozenset({"LOC", "GPE", "FAC"})
"""Entity labels of places, of the NER of every pipeline veille runs."""


def _an_actor(seg: Segment, tok, ctx: EventContext) -> bool:  # noqa: ANN001
    """Does the name stand for an actor of the table ('le président de la Russie')? Then it is no
    unknown place."""
    who = ctx.resolve_participant(seg, tok)
    return who is not None and who.actor_id is not None and ctx.kind_of(who.actor_id) not in ("place", "city")


def _named_place(tok) -> Place | None:  # noqa: ANN001
    """A place the NER tags where the actor table gave none (a village, a valley, a reserve:
    'à Pont-de-Beauvoisin', 'dans la zone de Kouré'): the gazetteer's city of the entity's name, else
    the place by its name alone, without coordinates."""
    if tok.ent_type_ not in PLACE_LABELS:
        return None
    start, end = tok.i, tok.i
    while start > 0 and tok.doc[start].ent_iob_ == "I" and tok.doc[start - 1].text[:1].isupper():
        start -= 1  # not the noun the tagger glued in front ('gendarmerie de Lure')
    while end + 1 < len(tok.doc) and tok.doc[end + 1].ent_iob_ == "I":
        end += 1
    while end > tok.i and not (tok.doc[end].text[:1].isupper() or (tok.doc[end - 1].text == "-" and not tok.doc[end - 1].whitespace_)):
        end -= 1  # nor the words it glued after ('Guyane - région'); 'Gulf of Aden' stays whole
    name = tok.doc[start:end + 1].text
    return _gazetteer(name) or Place(name=name)  # a city the parse hid behind a longer phrase is still one


_LOCATIVE = "<locative>"
"""What :func:`_place_case` says of an unaccented capital standing for a locative preposition."""


def _place_case(tok) -> str:  # noqa: ANN001
    """The preposition that introduces a place name, lower-cased: its case word ('à Lyon'), an
    English preposition it is the object of ('in Paris'); a sentence-opening capital written without
    its accent, also when the parser made it the name's head ('A Bordeaux, …': ``capital_locatives``,
    ``_LOCATIVE``); a locative word before 'de' ('près de Cannes': 'près')."""
    case = [c for c in tok.children if c.dep_ == "case"]
    word = tok.head if tok.dep_ == "pobj" else (case[0] if case else None)
    if word is None and tok.head.i < tok.i and tok.head.is_sent_start and tok.head.text in closed_words("capital_locatives"):
        word = tok.head  # 'A Bordeaux, quelque 25 policiers ont manifesté': the preposition parsed as the head
    if word is None:
        return ""
    if word.text in closed_words("capital_locatives") and word.is_sent_start:
        return _LOCATIVE
    if word.lower_ in closed_words("place_of"):
        near = [c for c in (*tok.children, tok.head) if c.i < word.i and c.lower_ in closed_words("locative") and c.pos_ in ("ADV", "ADP")]
        if near:
            return near[0].lower_  # 'arrêté près de Cannes'
    return word.lower_


def _street(tok) -> Place | None:  # noqa: ANN001
    """A street or square where the event's clause sets it: a street noun (linking.json
    ``street_nouns``) followed by its capitalised name, bare as a surface locative ('se sont
    rassemblés samedi place de la République', which parsers hang anywhere) or after a preposition
    that does not say where from ('sur l'avenue des Champs-Elysées', 'sur la place Rabin'). The
    place is the street's own name. A bare one as subject or object is no setting, and 'à la place
    de X' (instead of X) is no square."""
    from veille.understand.actors import linking

    if tok.pos_ != "NOUN" or tok.lower_ not in linking()["street_nouns"] or tok.dep_ in SUBJ_DEPS | OBJ | PASS_SUBJ:
        return None
    case = [c.lower_ for c in tok.children if c.dep_ == "case"] or ([tok.head.lower_] if tok.dep_ == "pobj" else [])
    if case and (case[0] in closed_words("place_of") or case[0] in _SPAN_WORDS):
        return None  # 'de la place de la République à Opéra': where from
    determined = any(c.dep_ == "det" for c in tok.children)
    if not case and determined:
        return None  # 'la rue de X' with its article and no preposition is no setting
    doc, linkers = tok.doc, closed_words("street_linkers") | closed_words("place_of")
    j = tok.i + 1
    while j < min(len(doc), tok.i + 4) and (doc[j].lower_ in linkers or doc[j].pos_ == "DET"):
        j += 1
    if j >= len(doc) or not doc[j].text[:1].isupper() or doc[j].ent_type_ in ("PER", "PERSON") or \
            (determined and tok.lower_ == "place" and j > tok.i + 1):
        return None
    end = j
    while end + 1 < len(doc) and (("-" in (doc[end].text, doc[end + 1].text) and not doc[end].whitespace_) or
                                  (doc[end + 1].text[:1].isupper() and doc[end + 1].pos_ in ("PROPN", "NOUN", "ADJ"))):
        end += 1  # 'Champs-Elysées', cut by the tokenizer; 'Faubourg Saint-Honoré'
    return Place(name=doc[tok.i:end + 1].text)


def _city_struck(seg: Segment, cand: Candidate, ctx: EventContext) -> Place | None:
    """A city that is the direct object of the event's verb is where it happens ('shelled
    Kharkiv', 'a bombardé Gaza', 'visited Kyiv'); a country there is the recipient, not a place."""
    for obj in (c for c in children(cand.anchor, OBJ) if c.pos_ == "PROPN"):
        place = ctx.resolve_place(seg, obj)
        if place is not None and place.latitude is not None:
            return place
    return None


def _in_subject(tok, anchor) -> bool:  # noqa: ANN001
    """Is ``tok`` inside the subject of the event's verb (or of a clause under it)?"""
    while tok.i != anchor.i and tok.head.i != tok.i:
        if tok.dep_ in SUBJ | PASS_SUBJ:
            return True
        tok = tok.head
    return False


__all__ = ["EventContext", "extract_events", "children"]
