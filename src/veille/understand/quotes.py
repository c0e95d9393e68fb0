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

from veille.model import Article, Participant, Quote, Span
from veille.understand.lexicon import quote_lexicon
from veille.understand.nlp import Segment

_QUOTE = re.compile(r"«\s*(?P<g>[^«»]{2,}?)\s*»|“(?P<c>[^“”]{2,}?)”|\"(?P<s>[^\"]{2,}?)\"")
Resolver = Callable[[Segment, object], Participant | None]


def extract_quotes(article: Article, segments: list[Segment], lang: str, resolve: Resolver,
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
        for q in _direct_quotes(seg, lex, resolve):
            if (q.span.start, q.span.end) not in block_spans:
                quotes.append(q)
        quotes.extend(_indirect_quotes(seg, lex, resolve))
    return sorted(quotes, key=lambda q: ({"title": 0, "standfirst": 1, "body": 2}[q.span.field], q.span.start))


def _block_quotes(article: Article, link_name: Callable[[str], str | None]) -> Iterator[Quote]:
    for block in article.blocks:
        if block.kind == "quote":
            span = Span(field="body", start=block.start, end=block.end, text=block.text)
            actor = link_name(block.speaker) if block.speaker else None
            yield Quote(text=block.text, kind="block", speaker=block.speaker, speaker_actor_id=actor,
                        cue="attribution line" if block.speaker else None, span=span)


def _direct_quotes(seg: Segment, lex: dict, resolve: Resolver) -> Iterator[Quote]:
    doc = seg.doc
    for m in _QUOTE.finditer(doc.text):
        group = m.lastgroup or "g"
        start, end = m.span(group)
        text = doc.text[start:end]
        if len(text.split()) < 3:  # « mini-OTAN », scare quotes: not speech
            continue
        speaker, cue = _speaker_of(seg, start, end, lex, resolve)
        span = Span(field=seg.field, start=seg.offset + start, end=seg.offset + end, text=text)
        yield Quote(text=text, kind="direct", speaker=speaker.text if speaker else None,
                    speaker_actor_id=speaker.actor_id if speaker else None, cue=cue, span=span)


def _speaker_of(seg: Segment, start: int, end: int, lex: dict, resolve: Resolver) -> tuple[Participant | None, str | None]:
    """Who said the text at [start, end): a reporting verb outside the quote, a
    'selon X' cue, or the sentence before when it ends with a colon."""
    doc = seg.doc
    sents = [s for s in doc.sents if s.start_char < end and start < s.end_char]
    for sent in sents:
        found = _verb_speaker(sent, start, end, lex, resolve, seg)
        if found[0] is not None:
            return found
        found = _according(sent, start, end, lex, resolve, seg)
        if found[0] is not None:
            return found
    before = [s for s in doc.sents if s.end_char <= start]
    if before and before[-1].text.rstrip().endswith(":"):
        return _verb_speaker(before[-1], start, end, lex, resolve, seg)
    return None, None


def _outside(tok, start: int, end: int) -> bool:  # noqa: ANN001
    return not start <= tok.idx < end


def _verb_speaker(sent, start: int, end: int, lex: dict, resolve: Resolver, seg: Segment):  # noqa: ANN001, ANN202
    verbs = set(lex["verbs"])
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in verbs and _outside(tok, start, end):
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass") and _outside(c, start, end)]
            if subj:
                who = resolve(seg, subj[0])
                if who is not None:
                    return who, _cue_text(tok)
    return None, None


def _cue_text(verb) -> str:  # noqa: ANN001
    """The verb with its auxiliaries: 'a déclaré', 'has said'."""
    parts = [c for c in verb.children if c.dep_ in ("aux", "aux:tense") and c.i < verb.i] + [verb]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def _according(sent, start: int, end: int, lex: dict, resolve: Resolver, seg: Segment):  # noqa: ANN001, ANN202
    low = sent.text.lower()
    for cue in lex["according"]:
        for m in re.finditer(rf"(?<!\w){re.escape(cue)}\s+", low):
            pos = sent.start_char + m.end()
            if start <= pos < end:
                continue
            tok = next((t for t in sent if t.idx >= pos), None)
            if tok is not None and tok.pos_ in ("PROPN", "NOUN"):
                who = resolve(seg, tok)
                if who is not None and (who.actor_id or tok.pos_ == "PROPN"):
                    return who, cue
    return None, None


def _indirect_quotes(seg: Segment, lex: dict, resolve: Resolver) -> Iterator[Quote]:
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
        clause = list(comp[0].subtree)
        start, end = clause[0].idx, clause[-1].idx + len(clause[-1].text)
        if any(a < end and start < b for a, b in inside):
            continue
        who = resolve(seg, subj[0])
        if who is None or not (who.actor_id or subj[0].pos_ == "PROPN"):
            continue
        text = seg.doc.text[start:end]
        yield Quote(text=text, kind="indirect", speaker=who.text, speaker_actor_id=who.actor_id, cue=_cue_text(tok),
                    span=Span(field=seg.field, start=seg.offset + start, end=seg.offset + end, text=text))
