"""Lasting relations between actors: member_of, allied_with, partner_of,
recognises / does_not_recognise — each with its evidence sentence.

Cues are data (``data/relations.json``). Both ends must resolve to actors of
the table (the recognised side may stay text: "l'annexion de la Crimée"),
and member_of needs an intergovernmental organisation on its right.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from veille.model import Evidence, Participant, Relation
from veille.understand.coref import doc_text
from veille.understand.lexicon import relation_lexicon
from veille.understand.nlp import Segment
from veille.understand.syntax import slot

Resolver = Callable[[Segment, object], Participant | None]
IgoOf = Callable[[str | None], bool]


@dataclass
class Tools:
    """Resolvers the relation rules need from the actor stage."""

    resolve: Resolver  # the actor a syntactic argument denotes
    at: Resolver  # the actor whose mention covers a token itself
    is_igo: IgoOf
    last_igo: Callable[[Segment, int], Participant | None]


def extract_relations(segments: list[Segment], lang: str, article_id: str, tools: Tools) -> list[Relation]:
    """All relations stated in the article, deduplicated on (type, subject, object)."""
    lex = relation_lexicon().get(lang)
    if lex is None:
        return []
    is_igo = tools.is_igo
    out: dict[tuple[str, str, str], Relation] = {}
    phrasal = frozenset(p["verb"] for p in lex["phrasal"])
    for seg in segments:
        for sent in seg.doc.sents:
            ev = None  # the sentence's evidence, made for its first relation (most sentences state none)
            for rtype, subj, obj, conf in _sentence(seg, sent, lex, tools, phrasal):
                if subj is None or obj is None or not subj.actor_id or subj.actor_id == obj.actor_id:
                    continue
                if rtype == "member_of" and not is_igo(obj.actor_id):
                    continue
                key = (rtype, subj.actor_id, obj.actor_id or obj.text)
                if key in out:
                    continue
                if ev is None:
                    ev = Evidence(field=seg.field, start=seg.offset + sent.start_char, end=seg.offset + sent.end_char,
                                  text=sent.text, article_id=article_id)
                out[key] = Relation(type=rtype, subject=subj, object=obj, evidence=ev, confidence=conf)
    return list(out.values())


def _sentence(seg: Segment, sent, lex: dict, tools: Tools, phrasal: frozenset[str] | None = None) -> Iterator:  # noqa: ANN001
    resolve = tools.resolve
    if phrasal is None:
        phrasal = frozenset(p["verb"] for p in lex["phrasal"])
    nouns, verbs, recognise = lex["nouns"], lex["verbs"], lex["recognise"]  # (looked up once, not per word)
    for tok in sent:
        low, form, pos = tok.lemma_.lower(), tok.lower_, tok.pos_
        if form in nouns or low in nouns:
            yield from _noun_cue(seg, sent, tok, nouns.get(form) or nouns[low], lex, resolve)
        elif pos == "VERB" and low in verbs:
            yield from _verb_cue(seg, sent, tok, verbs[low], lex, tools)
        elif pos in ("VERB", "AUX") and low in phrasal:
            yield from _phrasal(seg, sent, tok, lex, tools)
        elif pos == "VERB" and low in recognise:
            yield from _recognise(seg, tok, lex, tools)


def _of_objects(tok, lex: dict) -> list:  # noqa: ANN001
    """'de Y' / 'of Y' complements of a cue noun."""
    return slot(tok, "prep:" + "|".join(lex["of_preps"]))


def _noun_cue(seg: Segment, sent, tok, rtype: str, lex: dict, resolve: Resolver) -> Iterator:  # noqa: ANN001
    """'X, partenaire clé de Y', 'X est membre de Y', 'X, l'un des plus proches alliés de Y'."""
    objs = _of_objects(tok, lex) or [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if not objs:
        return
    subject = _predicated_of(seg, sent, tok, resolve)
    for obj in objs:
        yield rtype, subject, resolve(seg, obj), 0.75


def _predicated_of(seg: Segment, sent, tok, resolve: Resolver) -> Participant | None:  # noqa: ANN001
    """Who the cue noun describes: its copula subject, the noun it is in apposition
    to, or the actor just before a comma ('le Kazakhstan, l'un des … alliés de …')."""
    subj = slot(tok, "subj")
    if subj:
        return resolve(seg, subj[0])
    head = tok.head
    if tok.dep_ in ("appos", "attr") and head.i != tok.i:
        return resolve(seg, head) if tok.dep_ == "appos" else (resolve(seg, slot(head, "subj")[0]) if slot(head, "subj") else None)
    left = [t for t in sent if t.i < tok.i]
    while left and left[-1].pos_ in ("DET", "PRON", "ADJ", "ADV", "ADP", "NUM") or left and left[-1].lower_ in ("l'", "l’"):
        left.pop()
    if len(left) >= 2 and left[-1].text == ",":
        return resolve(seg, left[-2])
    return None


def _verb_cue(seg: Segment, sent, verb, rtype: str, lex: dict, tools: Tools) -> Iterator:  # noqa: ANN001
    """'X a rejoint Y' (member_of); 'Y regroupe … dont X' (Y has member X)."""
    subjects, objects = slot(verb, "subj"), slot(verb, "obj") + slot(verb, "prep:à|au|aux|to")
    if rtype == "member_of":
        for s in subjects:
            for o in objects:
                yield "member_of", tools.resolve(seg, s), tools.resolve(seg, o), 0.7
        return
    whole = subjects[0] if subjects else sent.root
    group = _group(seg, whole, lex, tools)
    for o in objects:
        for member in _members(seg, o, tools):
            yield "member_of", member, group, 0.65


def _members(seg: Segment, obj, tools: Tools) -> list[Participant]:  # noqa: ANN001
    """Countries named inside an object phrase ('six républiques dont le Kazakhstan')."""
    found: dict[str, Participant] = {}
    for tok in obj.subtree:
        who = tools.at(seg, tok)
        if who is not None and who.actor_id and not tools.is_igo(who.actor_id):
            found.setdefault(who.actor_id, who)
    return list(found.values())


def _group(seg: Segment, tok, lex: dict, tools: Tools) -> Participant | None:  # noqa: ANN001
    """The organisation a subject names; 'cette alliance' is the last one named."""
    named = tools.resolve(seg, tok)
    if named is not None and tools.is_igo(named.actor_id):
        return named
    if tok.lemma_.lower() in lex["igo_nouns"]:
        return tools.last_igo(seg, tok.idx)
    return None


def _phrasal(seg: Segment, sent, verb, lex: dict, tools: Tools) -> Iterator:  # noqa: ANN001
    """'X fait (en effet) partie (…) de Y', 'X belongs to Y': the first organisation
    named after the cue word is Y, whatever the parse made of the words between."""
    for pattern in lex["phrasal"]:
        if pattern["verb"] != verb.lemma_.lower():
            continue
        near = [t for t in sent if verb.i < t.i <= verb.i + 3 and (not pattern["obj"] or t.lemma_.lower() == pattern["obj"])]
        if not near:
            continue
        group = next((p for t in sent if t.i > near[0].i for p in [tools.at(seg, t)] if p and tools.is_igo(p.actor_id)), None)
        for s in slot(verb, "subj"):
            yield pattern["type"], tools.resolve(seg, s), group, 0.75


def _recognise(seg: Segment, verb, lex: dict, tools: Tools) -> Iterator:  # noqa: ANN001
    """'X reconnaît Y'; negated or after a refrain verb ('se gardant de reconnaître'), does_not_recognise."""
    resolve, at = tools.resolve, tools.at
    negated = any(c.dep_ in ("neg", "advmod") and c.lower_ in ("pas", "not", "n't", "jamais", "never") for c in verb.children)
    head = verb.head
    refrain = verb.dep_ in ("xcomp", "ccomp", "acl", "advcl", "obl", "nmod") and head.lemma_.lower() in lex["refrain"]
    rtype = "does_not_recognise" if negated or refrain else "recognises"
    subjects = slot(verb, "subj") or (slot(head, "subj") if refrain else [])
    if not subjects and refrain and head.dep_ in ("advcl", "acl", "conj", "xcomp"):
        subjects = slot(head.head, "subj")
    for s in subjects:
        for o in slot(verb, "obj"):
            who = at(seg, o) or Participant(text=doc_text(o.doc)[o.left_edge.idx:o.right_edge.idx + len(o.right_edge.text)])
            yield rtype, resolve(seg, s), who, 0.6
