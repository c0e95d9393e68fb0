"""Language data of the understanding stage, loaded once per language.

Everything that names words lives in ``understand/data/``: event triggers
(``events/<lang>.json``), modality markers, reporting verbs (``quotes.json``),
agents (``agents.json``), relation cues (``relations.json``). Adding a verb
pattern, a reporting verb or a language is a data change, not a code change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from veille.languages import closed_words, extra_file, extra_sections


def _data(name: str) -> Any:
    """Parse one JSON file of ``understand/data``."""
    return json.loads(resources.files("veille.understand").joinpath("data", name).read_text("utf-8"))


@dataclass(frozen=True)
class Trigger:
    """One event pattern: a word (and optional companions) that signals an event type."""

    lemma: str
    pos: str
    type: str
    cameo: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ("obj",)
    actor: tuple[str, ...] = ("subj",)
    with_: dict[str, Any] = field(default_factory=dict, hash=False)
    confidence: float = 0.8
    needs_recipient: bool = False
    recipient_actor: bool = False
    subj_sector: tuple[str | None, ...] | None = None
    subj_sector_not: tuple[str, ...] = ()
    recipient_kinds: tuple[str, ...] = ()  # actor types a recipient must have ('country', 'place')
    light: tuple[str, ...] = ()  # noun triggers: governing verbs required (empty: any light verb)
    light_not: tuple[str, ...] = ()  # noun triggers: governing verbs that rule the pattern out
    light_patient: tuple[str, ...] = ()  # noun triggers: governing verbs whose subject undergoes the act ('faced criticism')
    phrase: tuple[str, ...] = ()  # multi-word triggers ('mise en examen'): the words after the first
    agentless: bool | None = None  # code a passive or a noun with no actor named (None: the type's default)
    of: str = "actor"  # noun triggers: what 'de X' / 'X's' names: actor, recipient or either (by animacy)
    recipient_animate: bool = False  # the recipient must be a person, group, organisation or state
    sense_not: tuple[str, ...] = ()  # contexts ('sport') in which the word means something else
    implied: tuple[str, str] | None = None  # (text, sector) of the actor an agentless event implies ('police', 'COP')
    addressee_not: tuple[str, ...] = ()  # prepositions of the addressee slots that say where it is lodged ('plainte au commissariat')


@dataclass(frozen=True)
class EventLexicon:
    """All event data of one language."""

    lang: str
    triggers: dict[str, tuple[Trigger, ...]]
    light_verbs: frozenset[str]
    negators: frozenset[str]
    future_aux: frozenset[str]
    future_governors: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    refusal_governors: frozenset[str]
    report_governors: frozenset[str]
    future_to: dict[str, str]
    quantity_nouns: frozenset[str] = frozenset()  # 'une partie de la dette': look through to 'dette'
    content_governors: frozenset[str] = frozenset()  # event types whose complement is their content
    commitment_types: frozenset[str] = frozenset()  # event types that yield to the event they announce
    obligation_aux: frozenset[str] = frozenset()
    obligation: dict[str, Any] = field(default_factory=dict, hash=False)
    agentless_types: frozenset[str] = frozenset()  # types coded without a named actor by default
    contexts: dict[str, frozenset[str]] = field(default_factory=dict, hash=False)  # sense contexts: words ('fire/NOUN': as that part of speech only)
    context_min: dict[str, int] = field(default_factory=dict, hash=False)  # distinct words a context needs (default 1)
    context_phrases: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)  # a context's entries of several words ('world cup')
    occurrence_verbs: frozenset[str] = frozenset()  # 'avoir lieu', 'se produire': a noun event happened
    speech_types: frozenset[str] = frozenset()  # types a quotation's words perform: its speaker acts
    animate_recipients: bool = False  # a recipient must be someone: a common noun naming a thing is dropped
    model_needs_actor: bool = False  # an event the model adds needs an actor, as the patterns' events do
    model_default: bool = True  # the trained model is used unless the options say otherwise
    quoted_obligation_verbs: frozenset[str] = frozenset()  # '« La France doit expulser … », a dit X': X demands it
    negated_types: frozenset[str] | None = None  # types whose negated mentions are kept (None: all)
    reported_future_aux: frozenset[str] = frozenset()  # 'said they would provide': a future in the past, not a hypothesis
    hypothetical_types: frozenset[str] | None = None  # types whose merely possible mentions are kept (None: all)
    condition_marks: frozenset[str] = frozenset()  # 'if', 'unless': an event in a condition is not reported as real
    threat_types: frozenset[str] = frozenset()  # types whose act announced under a condition is a threat ('will strike unless …')
    unreal_nouns: frozenset[str] = frozenset()  # 'efforts to urge', 'a plan to withdraw': what a noun intends is not reported as done
    animate_heads: bool = False  # recipient_animate looks at the recipient's head word, not at names inside its phrase
    nominal_roles: bool = False  # an event noun's own doer said before it ('the police shooting of a boy') and its 'of' as patient
    hung_complements: bool = False  # 'la visite du ministre à Alger': the noun's 'à'/'par' phrase hung on its 'de' noun is its own
    headlines: bool = False  # events of the title too, read in headline grammar ('Man charged in …': a passive)
    headline_recase: bool = False  # a Title-Case or ALL-CAPS title's trigger forms and stop words are lower-cased before parsing
    passive_objects: bool = False  # a pattern's object condition holds for a passive's subject ('les accords ont été paraphés')
    participle_adjectives: bool = False  # an adjective pattern also fits its past participle ('s'est dit choqué')
    receiving_verbs: frozenset[str] = frozenset()  # light verbs whose subject undergoes the noun's event ('a reçu des menaces')
    entrusting_verbs: frozenset[str] = frozenset()  # light verbs that give the noun's task to its doer ('l'enquête a été confiée à X')
    addressee_slots: tuple[str, ...] = ()  # slots tried last for someone an event with no recipient is done to ('un geste envers les familles')
    addressee_not: dict[str, frozenset[str]] = field(default_factory=dict, hash=False)  # per type, those slots' 'with' prepositions
    article_context_min: dict[str, int] = field(default_factory=dict, hash=False)  # distinct words of a context that put a whole article in it
    quoted_verb_types: frozenset[str] = frozenset()  # types whose verbs in a quotation tell a deed ('"He was shot"')
    implied_heads: frozenset[str] = frozenset()  # verbs a bare noun with implied doers ('the protests') must be the subject of
    content_frames: dict[str, frozenset[str]] = field(default_factory=dict, hash=False)  # per type: 'charged with murder'
    light_nouns: dict[str, str] = field(default_factory=dict, hash=False)  # 'l'ouverture d'une enquête': noun -> the light verb it names
    recalling_determiners: frozenset[str] = frozenset()  # 'the attack took place off Aden': an event told before, said to happen again
    patient_prepositions: frozenset[str] = frozenset()  # 'a tanker under attack', 'is under investigation': who is under it undergoes it
    doer_prepositions: frozenset[str] = frozenset()  # 'calls by opposition leaders', 'a request from the US': a noun naming its doer
    doer_recipient_types: frozenset[str] = frozenset()  # 'rejected calls by X', 'accepted an offer from X': X is the recipient
    cause_prepositions: frozenset[str] = frozenset()  # 'were killed in an Israeli airstrike': the attack whose doer did the deed
    victim_topics: frozenset[str] = frozenset()  # types whose noun named by its victim alone ('angry at the killing of X') is a topic
    fixed_phrases: tuple[tuple[str, ...], ...] = ()  # word sequences none of whose words is a trigger ('in order to', 'as opposed to')
    absence_prepositions: frozenset[str] = frozenset()  # 'obtained them without a warrant': an event noun said to be absent
    notable_types: frozenset[str] = frozenset()  # types whose verb needs a participant of note ('she visited him in prison': no one)
    victim_frames: frozenset[str] = frozenset()  # words whose complement such a noun still reports ('a suspect in the slaying of X')
    # 'struck by a car': a passive's agent noun (without a word of the second set in its phrase) puts the sentence in a context
    context_agents: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict, hash=False)

    @cached_property
    def governing_words(self) -> frozenset[str]:
        """The words a trigger noun's governor may be: the light verbs and every trigger, built
        once per lexicon rather than on each noun (a set of a thousand words each time)."""
        return self.light_verbs | frozenset(self.triggers)


TRIGGER_KEYS = {"lemma", "pos", "type", "cameo", "mode", "context", "recipient", "actor", "with", "confidence",
                "needs_recipient", "recipient_actor", "subj_sector", "subj_sector_not", "recipient_kinds", "light",
                "light_not", "light_patient", "agentless", "of", "recipient_animate", "sense_not", "note", "implied",
                "addressee_not"}
ACTOR_SLOTS = {"subj", "speaker", "obj"}
WITH_KEYS = {"obj", "obj_not", "iobj", "intrans", "prep", "prt", "xcomp", "child", "child_not", "any", "refl", "noprep", "plural_subj",
             "dep_not", "xcomp_mark", "neg", "naming", "predicative", "case", "content_act"}


LEXICON_KEYS = {"_doc", "light_verbs", "modality", "future_to", "triggers", "content_governors", "commitment_types",
                "quantity_nouns", "obligation", "agentless_types", "contexts", "context_min", "occurrence_verbs",
                "speech_types", "animate_recipients", "model_needs_actor", "model_default", "quoted_obligation_verbs", "animate_heads",
                "headlines", "headline_recase", "nominal_roles", "hung_complements", "passive_objects", "participle_adjectives", "receiving_verbs",
                "entrusting_verbs", "addressee_slots",
                "addressee_not", "content_frames", "article_context_min", "implied_heads", "quoted_verb_types", "light_nouns",
                "recalling_determiners", "patient_prepositions", "doer_prepositions", "cause_prepositions", "context_agents",
                "doer_recipient_types", "victim_topics", "victim_frames", "notable_types", "fixed_phrases", "absence_prepositions"}


class LexiconError(ValueError):
    """A lexicon file that does not follow its schema (a misspelt key is an error, not ignored)."""


def check_trigger(entry: dict[str, Any]) -> None:
    """Refuse an event pattern with an unknown key, type or condition."""
    unknown = set(entry) - TRIGGER_KEYS
    if unknown:
        raise LexiconError(f"unknown key(s) {sorted(unknown)} in trigger {entry.get('lemma')!r}")
    for sub in [entry.get("with", {}), *entry.get("with", {}).get("any", [])]:
        bad = set(sub) - WITH_KEYS
        if bad:
            raise LexiconError(f"unknown condition(s) {sorted(bad)} in trigger {entry.get('lemma')!r}")
    if entry.get("of", "actor") not in ("actor", "recipient", "either"):
        raise LexiconError(f"'of' must be actor, recipient or either in trigger {entry.get('lemma')!r}")
    if {a for a in entry.get("actor", ["subj"]) if not a.startswith("prep:")} - ACTOR_SLOTS:
        raise LexiconError(f"actor slots must be among {sorted(ACTOR_SLOTS)} in trigger {entry.get('lemma')!r}")
    if entry.get("pos", "VERB") not in ("VERB", "NOUN", "ADJ"):
        raise LexiconError(f"pos {entry.get('pos')!r} in trigger {entry.get('lemma')!r}")


def _trigger(entry: dict[str, Any], lemma: str) -> Trigger:
    check_trigger(entry)
    words = lemma.split()
    return Trigger(
        lemma=words[0] if len(words) > 1 else lemma,
        phrase=tuple(words[1:]),
        pos=entry.get("pos", "VERB"),
        type=entry["type"],
        cameo=entry["cameo"],
        mode=entry.get("mode"),
        context=tuple(entry.get("context", ())),
        recipient=tuple(entry.get("recipient", ("obj",) if entry.get("pos", "VERB") == "VERB" else ())),
        actor=tuple(entry.get("actor", ("subj",))),
        with_=dict(entry.get("with", {})),
        confidence=float(entry.get("confidence", 0.8)),
        needs_recipient=bool(entry.get("needs_recipient", False)),
        recipient_actor=bool(entry.get("recipient_actor", False)),
        subj_sector=tuple(entry["subj_sector"]) if "subj_sector" in entry else None,
        subj_sector_not=tuple(entry.get("subj_sector_not", ())),
        recipient_kinds=tuple(entry.get("recipient_kinds", ())),
        light=tuple(entry.get("light", ())),
        light_not=tuple(entry.get("light_not", ())),
        light_patient=tuple(entry.get("light_patient", ())),
        agentless=entry.get("agentless"),
        of=entry.get("of", "actor"),
        recipient_animate=bool(entry.get("recipient_animate", False)),
        sense_not=tuple(entry.get("sense_not", ())),
        implied=(entry["implied"]["text"], entry["implied"]["sector"]) if "implied" in entry else None,
        addressee_not=tuple(entry.get("addressee_not", ())),
    )


@lru_cache(maxsize=8)
def event_lexicon(lang: str) -> EventLexicon | None:
    """The event lexicon of ``lang``, or None when veille has none for it: ``events/<lang>.json``
    of a ``VEILLE_LANGUAGE_DATA`` directory when there is one, else the built-in file."""
    extra = extra_file(f"events/{lang}.json")
    try:
        raw = json.loads(extra.read_text("utf-8")) if extra else _data(f"events/{lang}.json")
    except FileNotFoundError:
        return None
    unknown = set(raw) - LEXICON_KEYS
    if unknown:
        raise LexiconError(f"events/{lang}.json: unknown key(s) {sorted(unknown)}")
    triggers: dict[str, list[Trigger]] = {}
    for entry in raw["triggers"]:
        lemmas = entry["lemma"] if isinstance(entry["lemma"], list) else [entry["lemma"]]
        for lemma in lemmas:
            trig = _trigger(entry, lemma.lower())
            triggers.setdefault(trig.lemma, []).append(trig)
    m = raw["modality"]
    return EventLexicon(
        lang=lang,
        triggers={k: tuple(v) for k, v in triggers.items()},
        light_verbs=frozenset(raw["light_verbs"]),
        negators=frozenset(m["negators"]),
        future_aux=frozenset(m["future_aux"]),
        future_governors=frozenset(m["future_governors"]),
        hypothetical_aux=frozenset(m["hypothetical_aux"]),
        hypothetical_marks=frozenset(m["hypothetical_marks"]),
        refusal_governors=frozenset(m["refusal_governors"]),
        report_governors=frozenset(m.get("report_governors", [])),
        future_to=dict(raw.get("future_to", {})),
        quantity_nouns=frozenset(raw.get("quantity_nouns", ())),
        content_governors=frozenset(raw.get("content_governors", ())),
        commitment_types=frozenset(raw.get("commitment_types", ())),
        obligation_aux=frozenset(m.get("obligation_aux", ())),
        obligation=dict(raw.get("obligation", {})),
        agentless_types=frozenset(raw.get("agentless_types", ())),
        contexts={k: frozenset(w for w in v if " " not in w) for k, v in raw.get("contexts", {}).items()},
        context_phrases={k: phrases for k, v in raw.get("contexts", {}).items() if (phrases := tuple(w for w in v if " " in w))},
        context_min={k: int(v) for k, v in raw.get("context_min", {}).items()},
        occurrence_verbs=frozenset(raw.get("occurrence_verbs", ())),
        speech_types=frozenset(raw.get("speech_types", ())),
        animate_recipients=bool(raw.get("animate_recipients", False)),
        model_needs_actor=bool(raw.get("model_needs_actor", False)),
        model_default=bool(raw.get("model_default", True)),
        quoted_obligation_verbs=frozenset(raw.get("quoted_obligation_verbs", ())),
        negated_types=frozenset(m["negated_types"]) if "negated_types" in m else None,
        hypothetical_types=frozenset(m["hypothetical_types"]) if "hypothetical_types" in m else None,
        reported_future_aux=frozenset(m.get("reported_future_aux", ())),
        condition_marks=frozenset(m.get("condition_marks", ())),
        threat_types=frozenset(m.get("threat_types", ())),
        unreal_nouns=frozenset(m.get("unreal_nouns", ())),
        animate_heads=bool(raw.get("animate_heads", False)),
        headlines=bool(raw.get("headlines", False)),
        headline_recase=bool(raw.get("headline_recase", False)),
        nominal_roles=bool(raw.get("nominal_roles", False)),
        hung_complements=bool(raw.get("hung_complements", False)),
        passive_objects=bool(raw.get("passive_objects", False)),
        participle_adjectives=bool(raw.get("participle_adjectives", False)),
        receiving_verbs=frozenset(raw.get("receiving_verbs", ())),
        entrusting_verbs=frozenset(raw.get("entrusting_verbs", ())),
        addressee_slots=tuple(raw.get("addressee_slots", ())),
        addressee_not={etype: frozenset(preps) for etype, preps in raw.get("addressee_not", {}).items()},
        article_context_min={k: int(v) for k, v in raw.get("article_context_min", {}).items()},
        implied_heads=frozenset(raw.get("implied_heads", ())),
        quoted_verb_types=frozenset(raw.get("quoted_verb_types", ())),
        content_frames={etype: frozenset(words) for etype, words in raw.get("content_frames", {}).items()},
        light_nouns={k.lower(): v.lower() for k, v in raw.get("light_nouns", {}).items()},
        recalling_determiners=frozenset(raw.get("recalling_determiners", ())),
        patient_prepositions=frozenset(raw.get("patient_prepositions", ())),
        doer_prepositions=frozenset(raw.get("doer_prepositions", ())),
        doer_recipient_types=frozenset(raw.get("doer_recipient_types", ())),
        cause_prepositions=frozenset(raw.get("cause_prepositions", ())),
        victim_topics=frozenset(raw.get("victim_topics", ())),
        victim_frames=frozenset(raw.get("victim_frames", ())),
        notable_types=frozenset(raw.get("notable_types", ())),
        absence_prepositions=frozenset(raw.get("absence_prepositions", ())),
        fixed_phrases=tuple(tuple(p.lower().split()) for p in raw.get("fixed_phrases", ())),
        context_agents={k: (frozenset(v["nouns"]), frozenset(v.get("not", ()))) for k, v in raw.get("context_agents", {}).items()},
    )


@lru_cache(maxsize=1)
def agents() -> dict[str, dict[str, str]]:
    """Agent nouns per language -> sector code ('police' -> COP, 'rebelles' -> REB)."""
    tables = {**_data("agents.json"), **extra_sections("agents.json")}
    return {lang: {k.lower(): v for k, v in table.items()} for lang, table in tables.items() if lang[0] != "_"}


def agent_sector(word, table: dict[str, str]) -> str | None:  # noqa: ANN001 - spaCy token
    """The sector of an agent noun ``word`` in an agents ``table``: its lemma's or its form's; a
    word following the noun of an office in a title ('attorney general', 'surgeon general':
    ``title_postpositives``) takes that office's sector ('general' alone is an army officer), and
    the members of a group that noun names theirs ('gang members': ``member_nouns``)."""
    if word.lower_ in closed_words("title_postpositives") or word.lower_ in closed_words("member_nouns"):
        office = [c for c in word.children if c.dep_ in ("compound", "nmod") and c.i < word.i and c.pos_ in ("NOUN", "PROPN")]
        for noun in reversed(office):
            found = table.get(noun.lemma_.lower()) or table.get(noun.lower_)
            if found:
                return found
    return table.get(word.lemma_.lower()) or table.get(word.lower_)


@lru_cache(maxsize=1)
def quote_lexicon() -> dict[str, Any]:
    """Reporting verbs and cue phrases per language (sections of ``VEILLE_LANGUAGE_DATA`` included)."""
    return {**_data("quotes.json"), **extra_sections("quotes.json")}


@lru_cache(maxsize=1)
def relation_lexicon() -> dict[str, Any]:
    """Relation cue patterns per language (sections of ``VEILLE_LANGUAGE_DATA`` included)."""
    return {**_data("relations.json"), **extra_sections("relations.json")}
