"""Quotes and their speakers.

Three sources: quote blocks recovered by repair (their attribution line names
the speaker); direct quotes between « », “ ” or " " marks, attributed through
a reporting verb in the same sentence (« … », a déclaré X / X said: "…"), a
"selon X" / "according to X" cue, or a sentence ending with a colon just
before; and indirect speech ("X a estimé que …", "X said that …") where the
parse makes the speaker clear. Pronoun speakers take the last person named.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from veille.model import Article, Participant, Quote, Span
from veille.understand.lexicon import quote_lexicon
from veille.understand.nlp import Segment
from veille.understand.syntax import er_infinitive

_QUOTE = re.compile(r"«\s*(?P<g>[^«»]{2,}?)\s*»|“(?P<c>[^“”]{2,}?)”|\"(?P<s>[^\"]{2,}?)\"")
Resolver = Callable[[Segment, object], Participant | None]


@dataclass
class SpeakerTools:
    """What quote attribution needs from the actor stage."""

    resolve: Resolver  # a subject token -> the speaker (people preferred)
    antecedent: Callable[[Segment, int], Participant | None]  # last person named before a position
    is_person: Callable[[str | None], bool]
    pronouns: frozenset[str]
    person_in: Callable[[Segment, int, int], Participant | None]  # first person named in a range


def extract_quotes(article: Article, segments: list[Segment], lang: str, tools: SpeakerTools,
                   link_name: Callable[[str], str | None]) -> list[Quote]:
    """Every quote of the article, in reading order."""
    quotes = list(_block_quotes(article, link_name))
    block_spans = {(q.span.start, q.span.end) for q in quotes}
    lex = quote_lexicon().get(lang)
    if lex is None:
        return quotes
    for seg in segments:
        if seg.field == "body" and seg.block is not None and article.blocks[seg.block].kind == "quote":
            continue
        for q in _direct_quotes(seg, lex, tools):
            if (q.span.start, q.span.end) not in block_spans:
                quotes.append(q)
        quotes.extend(_indirect_quotes(seg, lex, tools))
    return sorted(quotes, key=lambda q: ({"title": 0, "standfirst": 1, "body": 2}[q.span.field], q.span.start))


def _block_quotes(article: Article, link_name: Callable[[str], str | None]) -> Iterator[Quote]:
    for block in article.blocks:
        if block.kind == "quote":
            span = Span(field="body", start=block.start, end=block.end, text=block.text)
            actor = link_name(block.speaker) if block.speaker else None
            yield Quote(text=block.text, kind="block", speaker=block.speaker, speaker_actor_id=actor,
                        cue="attribution line" if block.speaker else None, span=span)


def _direct_quotes(seg: Segment, lex: dict, tools: "SpeakerTools") -> Iterator[Quote]:
    """Quotes between quotation marks, each with the speaker the rules find; a quote
    with no cue of its own continues the previous quote of the same paragraph."""
    doc = seg.doc
    previous: tuple[Participant | None, str | None] = (None, None)
    for m in _QUOTE.finditer(doc.text):
        group = m.lastgroup or "g"
        start, end = m.span(group)
        text = doc.text[start:end].rstrip(" ,")
        who, cue = _speaker_of(seg, start, m.end(), lex, tools)
        if who is None and previous[0] is not None and len(text.split()) >= 2:
            who, cue = previous[0], "continuation"
        if who is None and len(text.split()) < 3:  # « mini-OTAN », scare quotes: not speech
            continue
        previous = (who, cue)
        span = Span(field=seg.field, start=seg.offset + start, end=seg.offset + start + len(text), text=text)
        yield Quote(text=text, kind="direct", speaker=who.text if who else None,
                    speaker_actor_id=who.actor_id if who else None, cue=cue, span=span)


def _speaker_of(seg: Segment, start: int, end: int, lex: dict, tools: "SpeakerTools") -> tuple[Participant | None, str | None]:
    """Who said the text at [start, end): a reporting verb right after the quote
    (« … », a déclaré X / "…," she said), a reporting verb elsewhere in the
    sentence, a 'selon X' cue, the sentence before when it ends with a colon, or
    the person who is the subject of the sentence."""
    doc = seg.doc
    sents = [s for s in doc.sents if s.start_char < end and start < s.end_char]
    found = _after_quote(seg, end, lex, tools)
    for sent in sents:
        if found[0] is None:
            found = _verb_speaker(sent, start, end, lex, tools, seg)
        if found[0] is None:
            found = _according(sent, start, end, lex, tools, seg)
    if found[0] is None:
        before = [s for s in doc.sents if s.end_char <= start]
        if before and before[-1].text.rstrip().endswith(":"):
            found = _verb_speaker(before[-1], start, end, lex, tools, seg)
    if found[0] is None and sents:
        found = _root_subject(sents[0], start, end, tools, seg)
    return found


def _after_quote(seg: Segment, end: int, lex: dict, tools: SpeakerTools):  # noqa: ANN202
    """« … », a déclaré Vladimir Poutine — « … », a-t-il ajouté — "…," Zelensky said."""
    verbs = set(lex["verbs"])
    after = [t for t in seg.doc if t.idx >= end][:10]
    for k, tok in enumerate(after[:6]):
        if tok.text in ".!?" and k > 0:
            return None, None
        if is_reporting(tok, verbs) and (tok.pos_ in ("VERB", "AUX") or k <= 2):
            pronoun = next((t for t in after[:k + 3] if _pronoun(t, tools)), None)
            if pronoun is not None:
                return tools.antecedent(seg, pronoun.idx), _cue_text(tok)
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass") and c.idx >= end]
            named = tools.person_in(seg, end, _np_end(after[k + 1:], tok))
            if named is not None:
                return named, _cue_text(tok)
            if subj:
                return tools.resolve(seg, subj[0]), _cue_text(tok)
            return _inverted(seg, after[k + 1:], tools), _cue_text(tok)
    return None, None


def is_reporting(tok, verbs: set[str]) -> bool:  # noqa: ANN001
    """Is ``tok`` a reporting verb? Lemmatizers miss some present forms ('estime',
    'soupire'), so the regular -er infinitive of the form is tried too."""
    low = tok.lower_
    forms = {tok.lemma_.lower(), low, low + "r", er_infinitive(low)}
    return bool(forms & verbs)


def _pronoun(tok, tools: SpeakerTools) -> bool:  # noqa: ANN001
    """'-t-il', '-t-elle', 'il', 'he', 'she' right around the verb."""
    return tok.lower_.lstrip("-").removeprefix("t-") in tools.pronouns


STOP_NP = {"devant", "lors", "dans", "à", "au", "après", "avant", "depuis", "pendant", "sur", "en", "dès",
           "at", "in", "on", "after", "before", "during", "from", "to", "while", "when", "for"}


def _np_end(rest: list, verb) -> int:  # noqa: ANN001
    """End offset of the noun phrase after an inverted verb (up to a preposition or a stop)."""
    end = verb.idx + len(verb.text)
    for tok in rest:
        if tok.lower_ in STOP_NP or tok.text in ".;:!?»”\"" or (tok.text == "," and tok.i > verb.i + 1 and end > verb.idx + len(verb.text) + 40):
            break
        end = tok.idx + len(tok.text)
    return end


def _inverted(seg: Segment, rest: list, tools: SpeakerTools) -> Participant | None:
    """The speaker placed after the verb: 'Emmanuel Macron', 'le président X'."""
    for tok in rest:
        if _pronoun(tok, tools):
            return tools.antecedent(seg, tok.idx)
        if tok.pos_ in ("PROPN", "NOUN"):
            return tools.resolve(seg, tok)
        if tok.is_punct:
            return None
    return None


def _outside(tok, start: int, end: int) -> bool:  # noqa: ANN001
    return not start <= tok.idx < end


def _verb_speaker(sent, start: int, end: int, lex: dict, tools: SpeakerTools, seg: Segment):  # noqa: ANN001, ANN202
    """A reporting verb outside the quote: its subject, and any person named between
    the subject and the verb ('Le porte-parole du Kremlin, Dmitri Peskov, a déclaré')."""
    verbs = set(lex["verbs"])
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and is_reporting(tok, verbs) and _outside(tok, start, end):
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass") and _outside(c, start, end)]
            if not subj:
                continue
            if _pronoun(subj[0], tools):
                return tools.antecedent(seg, subj[0].idx), _cue_text(tok)
            first = min(s.left_edge.idx for s in subj)
            named = tools.person_in(seg, first, tok.idx) if first < tok.idx and not (first < end and start < tok.idx) else None
            who = named or tools.resolve(seg, subj[0])
            if who is not None:
                return who, _cue_text(tok)
    return None, None


def _root_subject(sent, start: int, end: int, tools: "SpeakerTools", seg: Segment):  # noqa: ANN001, ANN202
    """'X a qualifié la décision de « … »': a person subject of the main verb said it."""
    root = sent.root
    subj = [c for c in root.children if c.dep_ in ("nsubj",) and _outside(c, start, end)]
    if subj:
        who = tools.resolve(seg, subj[0])
        if who is not None and who.actor_id and tools.is_person(who.actor_id) or (who and subj[0].pos_ == "PROPN"):
            return who, root.text
    return None, None


def _cue_text(verb) -> str:  # noqa: ANN001
    """The verb with its auxiliaries: 'a déclaré', 'has said'."""
    parts = [c for c in verb.children if c.dep_ in ("aux", "aux:tense") and c.i < verb.i] + [verb]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def _according(sent, start: int, end: int, lex: dict, tools: "SpeakerTools", seg: Segment):  # noqa: ANN001, ANN202
    """'Selon X, « … »' / 'according to X': the first noun phrase after the cue."""
    low = sent.text.lower()
    for cue in lex["according"]:
        for m in re.finditer(rf"(?<!\w){re.escape(cue)}\s+", low):
            pos = sent.start_char + m.end()
            if start <= pos < end:
                continue
            tok = next((t for t in sent if t.idx >= pos and t.pos_ in ("PROPN", "NOUN")), None)
            if tok is not None:
                stop = start if start > pos else sent.end_char
                named = tools.person_in(seg, pos, stop)
                if named is not None:
                    return named, cue
                who = tools.resolve(seg, tok)
                if who is not None and (who.actor_id or tok.pos_ == "PROPN"):
                    return who, cue
    return None, None


def _indirect_quotes(seg: Segment, lex: dict, tools: SpeakerTools) -> Iterator[Quote]:
    """'X a estimé que …' / 'X said that …': the complement clause is the quote."""
    verbs = set(lex["indirect"])
    inside = [(m.start(), m.end()) for m in _QUOTE.finditer(seg.doc.text)]
    for tok in seg.doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs:
            continue
        comp = [c for c in tok.children if c.dep_ == "ccomp" and any(m.lower_ in ("que", "qu'", "qu’", "that") for m in c.children if m.dep_ == "mark")]
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if not comp or not subj:
            continue
        clause = [t for t in comp[0].subtree if not (t.dep_ == "mark" and t.head.i == comp[0].i and t.i < comp[0].i)]
        clause = [t for t in clause if t.i >= clause[0].i] if clause else clause
        while clause and clause[-1].is_punct:
            clause.pop()
        if not clause:
            continue
        start, end = clause[0].idx, clause[-1].idx + len(clause[-1].text)
        if any(a < end and start < b for a, b in inside):
            continue
        who = tools.resolve(seg, subj[0])
        if who is None or not (who.actor_id or subj[0].pos_ == "PROPN" or tools.is_person(who.actor_id)):
            continue
        text = seg.doc.text[start:end]
        yield Quote(text=text, kind="indirect", speaker=who.text, speaker_actor_id=who.actor_id, cue=_cue_text(tok),
                    span=Span(field=seg.field, start=seg.offset + start, end=seg.offset + end, text=text))
