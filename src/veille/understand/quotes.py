"""Quotes and their speakers.

1. **Quotations** (:func:`quotations`): the spans between quotation marks (« »,
   “ ”, " "), paired by the side of the mark a space stands on, joined across
   paragraphs when a quotation runs over several (English style, where each
   paragraph reopens it, or a closing mark at the start of the next unit).
2. **Direct quotes**: each quotation is attributed by, in order, a reporting
   verb right after it (« … », a-t-il lancé / « … », a déclaré X / "…," X said /
   "…," said X), a reporting verb in its sentence whose subject stands outside it
   (X a déclaré : « … » / X estime qu'« … »), a "selon X" / "pour X," / "according
   to X" cue, the sentence before when it ends with a colon ("X a réagi sur
   Twitter :"), the quotation before it when no other cue intervenes (a run of
   quotes by one person), and a person subject of the verb that governs it
   ("M. Bayrou plaide pour une « direction unique »").
3. **Speakers** are the subject of the cue resolved through the article's
   coreference (:mod:`coref`): "-t-il", "le ministre", "Macron" become the person
   the article names, never a mention inside the quotation itself. The quote
   keeps the speaker's name as the article gives it, the actor id and canonical
   name, and the mention the cue attaches to. The head of the subject phrase
   speaks: "Obama spokesman Robert Gibbs" is Gibbs; "officials", "un témoin" are
   anonymous (no speaker).
4. **Scare quotes, titles and terms**: a quotation with no cue that is short,
   or named by a title noun ("l'émission « … »", "the film “…”"), or in Title
   Case, or introduced as a word ("le terme de « … »", "so-called"), is kind
   ``scare``/``title``/``term`` and gets no speaker.
5. **Indirect speech**: the complement of a reporting verb ("X a estimé que …",
   "il dit avoir …", "X said (that) …", "…, X said"), and "selon X, …" /
   "according to X". Quotation fragments inside it are part of it.
6. A quote of the title or standfirst that the body repeats is kept once (the
   body's).

Word lists (reporting verbs, cues, title nouns) are in ``data/quotes.json``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from veille.languages import closed_words, grammar
from veille.model import Article, Participant, Quote, Span, TextField
from veille.understand.coref import (PERSON_LABELS, Coref, Quotation, Ref, Referent, doc_text, fold, lexicon, org_name,
                                     pronoun_key, referent_participant)
from veille.understand.lexicon import quote_lexicon
from veille.understand.nlp import Segment
from veille.understand.syntax import er_infinitive, phrase, relative, relative_antecedent

OPENERS = {"«": "»", "“": "”", "„": "“"}
CLOSERS = {"»", "”"}
MARKS = frozenset("«»“”„\"")
FIELD_ORDER = {"title": 0, "standfirst": 1, "body": 2}
SUBJ = ("nsubj", "nsubj:pass", "nsubjpass", "expl:subj")
QUE = closed_words("complementizers")


# ------------------------------------------------------------------ quotation marks


def quotations(segments: list[Segment]) -> list[Quotation]:
    """Every quotation of the article (outermost marks), in reading order. A quotation
    left open at the end of a paragraph continues into the next paragraph of the same
    field when that one closes it before opening another, or reopens it (English style:
    each paragraph of a long quotation starts with a mark)."""
    out: list[Quotation] = []
    pending: Quotation | None = None
    held: list[tuple[int, int, int]] = []  # paragraphs with no mark at all inside a pending quotation
    for seg_id, seg in enumerate(segments):
        text = doc_text(seg.doc)
        lead = len(text) - len(text.lstrip())
        same = pending is not None and segments[pending.pieces[-1][0]].field == seg.field
        if same and len(held) < 3 and text.strip() and not any(ch in MARKS for ch in text):
            held.append((seg_id, 0, len(text)))  # '"I never thought it was shameful. ¶ I felt normal. ¶ … ," she said'
            continue
        spans, open_at, closes_first = _pairs(text, pending=same)
        if same and closes_first is not None:
            assert pending is not None  # same: a quotation is pending
            pending.pieces.extend(held)
            pending.pieces.append((seg_id, 0, closes_first))
            pending = None
        elif same and text[lead:lead + 1] in ("“", "\"", "«") and not held:
            assert pending is not None
            if spans and spans[0][0] <= lead + 1:
                pending.pieces.append((seg_id, *spans[0]))
                spans = spans[1:]
                pending = None
            elif open_at is not None and open_at <= lead + 1:
                pending.pieces.append((seg_id, open_at, len(text)))
                open_at = None
            else:
                pending = None
        elif pending is not None and (open_at is None or held):
            pending = None
        held = []
        out.extend(Quotation(pieces=[(seg_id, a, b)]) for a, b in spans)
        if open_at is not None:
            pending = Quotation(pieces=[(seg_id, open_at, len(text))])
            out.append(pending)
    out.sort(key=lambda q: (q.pieces[0][0], q.pieces[0][1]))
    for i, q in enumerate(out):
        q.id = i
    return out


_QUOTE_MARKS = re.compile("[«“„»”\"]")
"""The quotation marks :func:`_pairs` reads, opening and closing."""


def _pairs(text: str, pending: bool = False) -> tuple[list[tuple[int, int]], int | None, int | None]:
    """Outermost quotation spans of one paragraph (offsets of the words inside the marks),
    where a quotation left open starts, and where a closing mark that nothing in the
    paragraph opened stands (it closes a quotation of the paragraph before: ``pending``)."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    closes_first = None

    def close(opener: str, i: int) -> None:
        nonlocal closes_first
        k = next((j for j in range(len(stack) - 1, -1, -1) if stack[j][0] in opener), None)
        if k is None:
            if not stack and not spans and closes_first is None and (pending or opener != "\""):
                closes_first = i
            return
        start = stack[k][1]
        del stack[k:]
        if not stack:
            spans.append((start, i))

    for mark in _QUOTE_MARKS.finditer(text):  # (the other characters change nothing)
        i, ch = mark.start(), mark.group()
        if ch in ("«", "“", "„"):
            stack.append((ch, i + 1))
        elif ch == "»":
            close("«", i)
        elif ch == "”":
            close("“„\"", i)
        elif ch == "\"":
            if text[i + 1:i + 2] == "\"":
                continue  # '""': a closing mark glued to an opening one; the second one counts
            if stack and stack[-1][0] == "\"":
                close("\"", i)
                continue
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            opening = (before.isspace() or before in "([{'’-—:«“\"") and not after.isspace()
            closing = (not before.isspace()) and (after.isspace() or after in ".,;:!?)»”" or i + 1 == len(text))
            if not stack and pending and not spans and closes_first is None and not opening:
                closes_first = i
            elif opening or not closing:
                stack.append((ch, i + 1))
            else:
                close("\"“„", i)  # a plain closing mark also closes a curly opening one (scraped text mixes them)
    open_at = stack[0][1] if stack else None
    return spans, open_at, closes_first


# ------------------------------------------------------------------ extraction


@dataclass
class Found:
    """A speaker found for a quote: who, through which mention, by which cue."""

    who: Participant | None
    ref: Ref | None
    referent: Referent | None
    mention: tuple[int, int, int] | None  # (segment, start, end) of the words the cue attaches to
    cue: str | None
    strength: int = 2  # 2: a cue of speech; 1: the quote's governing verb only
    rule: str = ""  # which rule found it: after, before, according, colon, continuation, governor
    group: bool = False  # a plural pronoun standing for people named together ('X et Y … ils')


NOTHING = Found(None, None, None, None, None, 0)


class _Extractor:
    def __init__(self, article: Article, segments: list[Segment], lang: str, coref: Coref,
                 marks: list[Quotation], info: Callable[[str | None], dict], link_name: Callable[[str], str | None]) -> None:
        self.article, self.segments, self.lang, self.coref, self.marks = article, segments, lang, coref, marks
        self.info, self.link_name = info, link_name
        self.lex = quote_lexicon().get(lang, {})
        self.verbs = set(self.lex.get("verbs", ()))
        self.indirect_verbs = set(self.lex.get("indirect", ()))
        self.attributed: list[tuple[Quotation, Participant, Ref | None, Referent | None]] = []
        self.texts = [doc_text(seg.doc) for seg in segments]
        self._starts = [seg.doc.to_array("IDX").tolist() for seg in segments]  # each token's offset, read in C

    def _span_tokens(self, seg_id: int, a: int, b: int):  # noqa: ANN202
        """The tokens of a segment starting in [a, b), by bisection."""
        starts = self._starts[seg_id]
        return self.segments[seg_id].doc[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]

    # ------------------------------------------------------------- driver

    def run(self) -> list[Quote]:
        quotes: list[Quote] = []
        signed = {b for b, block in enumerate(self.article.blocks) if block.kind == "quote" and block.speaker}
        quotes.extend(self._signed_blocks(signed))
        self._reported: list[tuple[Quote, Found, Quotation]] = []  # attributed indirect quotes, for the quotations after them
        indirect = [q for seg_id, seg in enumerate(self.segments) if seg.block not in signed
                    for q in self._indirect(seg_id, seg)]
        indirect = self._outside_according(indirect)
        previous: tuple[Quote, Found, Quotation] | None = None
        made: list[tuple[Quote, Found, Quotation]] = []
        for q in self.marks:
            seg_id, _, _ = q.pieces[0]
            seg = self.segments[seg_id]
            if seg.block in signed:
                continue
            previous = self._latest(previous, q)
            quote, found = self._direct(q, previous)
            if quote is None:
                continue
            if quote.kind == "direct" and found.who is not None and self._just_quoted(found, q, previous):
                assert previous is not None  # _just_quoted needs one
                _, pfound, _ = previous
                found = Found(pfound.who, pfound.ref, pfound.referent, found.mention, found.cue, found.strength, "just quoted")
                quote = self._quote(quote.text, quote.kind, quote.span, found)
            if quote.kind == "direct" and found.who is None and found.cue and self._same_voice(found, q, previous):
                assert previous is not None  # _same_voice needs one
                _, pfound, _ = previous
                found = Found(pfound.who, pfound.ref, pfound.referent, found.mention, found.cue, found.strength, "same voice")
                quote = self._quote(quote.text, quote.kind, quote.span, found)
            quotes.append(quote)
            made.append((quote, found, q))
            if quote.kind in ("direct", "block"):
                previous = (quote, found, q)
                if found.who is not None:
                    self.attributed.append((q, found.who, found.ref, found.referent))
            elif found.cue and found.strength == 2:
                previous = None
        quotes = self._pulled_quotes(quotes, made)
        quotes = self._fragments_of_the_sentence(quotes, made)
        quotes.extend(self._unmarked_blocks(quotes, signed))
        quotes = _absorb(quotes, indirect)
        quotes = _dedupe(quotes)
        return sorted(quotes, key=lambda x: (FIELD_ORDER[x.span.field], x.span.start))

    def _pulled_quotes(self, quotes: list[Quote], made: list[tuple[Quote, Found, Quotation]]) -> list[Quote]:
        """A quoted heading ('"Les impôts, c'est important"' ending its paragraph) pulls words
        the article quotes again below, with their speaker: that speaker says the heading too."""
        out = list(quotes)
        for i, (quote, _, q) in enumerate(made):
            intertitle = self._intertitle(q)
            if quote.kind not in ("direct", "scare") or not (intertitle or self._heading_quotation(q)):
                continue
            words = _plain(quote.text).strip(" .!?…")
            if len(words.split()) < 2 and not intertitle:
                continue
            said = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")
            # (an intertitle takes the speaker of the words it repeats, also an anonymous one: 'a hurlé la foule')
            later = next((lq for lq, lf, _ in made[i + 1:] if lq.kind == "direct"
                          and (lf.who is not None or intertitle and lf.mention is not None and lf.cue)
                          and said.search(_plain(lq.text))), None)
            if later is None or quote not in out:
                continue
            out[out.index(quote)] = quote.model_copy(update={
                "kind": "direct", "speaker": later.speaker, "speaker_actor_id": later.speaker_actor_id,
                "speaker_name": later.speaker_name, "speaker_mention": later.speaker_mention, "cue": later.cue})
        return out

    def _outside_according(self, indirect: list[Quote]) -> list[Quote]:
        """'Selon lui, son client souhaitait que …': the clause of an opening 'selon X' is X's
        report; a reported clause inside it ('que …') is no quote of its own."""
        first = self._according_words()
        according = [q for q in indirect if q.cue and q.cue.split()[0].lower() in first]
        return [q for q in indirect if q in according or not any(
            a.span.field == q.span.field and a.span.start <= q.span.start and q.span.end <= a.span.end + 2 and
            (a.span.start, a.span.end) != (q.span.start, q.span.end) for a in according)]

    def _fragments_of_the_sentence(self, quotes: list[Quote], made: list[tuple[Quote, Found, Quotation]]) -> list[Quote]:
        """'The outages have been “terribly disruptive” and …, “we won’t roll the dice,” X
        said.': a cue closing a sentence after its last quotation reports the whole sentence,
        so a fragment earlier in it, with no cue of its own, is that speaker's words too."""
        out = list(quotes)
        for k, (quote, found, q) in enumerate(made):
            if quote.kind != "scare" or found.cue or len(q.pieces) > 1 or quote not in out:
                continue  # (not in out: a heading already given the speaker of its words below)
            seg_id, a, _ = q.pieces[0]
            sent = self.segments[seg_id].doc.char_span(a, a + 1, alignment_mode="expand")
            if sent is None:
                continue
            end = sent.sent.end_char
            later = [(lq, lf, lm) for lq, lf, lm in made[k + 1:] if lm.pieces[0][0] == seg_id and lm.pieces[-1][2] < end]
            if not later:
                continue
            lq, lf, _ = later[-1]
            if lq.kind != "direct" or lf.rule != "after" or lf.who is None:
                continue
            said = Found(lf.who, lf.ref, lf.referent, lf.mention, lf.cue, lf.strength, "sentence cue")
            out[out.index(quote)] = self._quote(quote.text, "direct", quote.span, said)
        return out

    def _latest(self, previous: tuple[Quote, Found, Quotation] | None, q: Quotation) -> tuple[Quote, Found, Quotation] | None:
        """The quote a quotation may continue: the previous direct quote, or an attributed
        indirect quote standing between it and the quotation ('Erekat said it was only the
        latest move. "They wanted us on our knees …"')."""
        seg_id, a, _ = q.pieces[0]
        best = previous
        for item in self._reported:
            r_seg, _, r_end = item[2].pieces[-1]
            if (r_seg, r_end) > (seg_id, a):
                continue
            if best is None or (r_seg, r_end) > best[2].pieces[-1][::2]:
                best = item
        return best

    def _signed_blocks(self, signed: set[int]) -> Iterator[Quote]:
        """Quote blocks signed on the next line (repair found the attribution)."""
        for b in sorted(signed):
            block = self.article.blocks[b]
            span = Span(field="body", start=block.start, end=block.end, text=block.text)
            actor = self.link_name(block.speaker) if block.speaker else None
            yield Quote(text=block.text, kind="block", speaker=block.speaker, speaker_actor_id=actor,
                        speaker_name=self.info(actor).get("name") if actor else None,
                        cue="attribution line", span=span)

    def _unmarked_blocks(self, quotes: list[Quote], signed: set[int]) -> Iterator[Quote]:
        """Quote blocks that repair found but that hold no quotation mark we could pair."""
        covered = [(q.span.start, q.span.end) for q in quotes if q.span.field == "body"]
        for seg_id, seg in enumerate(self.segments):
            if seg.block is None or seg.block in signed or self.article.blocks[seg.block].kind != "quote":
                continue
            size = len(self.texts[seg_id])
            if any(s < seg.offset + size and seg.offset < e for s, e in covered):
                continue  # also a quotation that runs on into this paragraph from the one before
            block = self.article.blocks[seg.block]
            yield Quote(text=block.text, kind="block", span=Span(field="body", start=block.start, end=block.end, text=block.text))

    # ------------------------------------------------------------- direct quotes

    def _direct(self, q: Quotation, previous: tuple[Quote, Found, Quotation] | None) -> tuple[Quote | None, Found]:
        span = self._span(q)
        if span is None:
            return None, NOTHING
        found = None
        capitals = self._capitals_intertitle(q)
        for rule, finder in (("heading", self._heading), ("after", self._after), ("inside", self._inside), ("before", self._before),
                             ("according", self._according), ("chained", self._chained),
                             ("colon", self._colon_before), ("sentence", self._main_verb_after),
                             ("continuation", lambda x: self._continuation(x, previous)),
                             ("next", self._next_sentence), ("intro", self._introduced), ("governor", self._governor)):
            if capitals and rule != "heading":
                break  # 'DES BOUTEILLES ÉTIQUETÉES « PARLEMENT EUROPÉEN » Le service …': the text after is not the heading's
            found = finder(q)
            if found is not None:
                found.rule = rule
                break
        kind = self._label(q, span.text, found)
        if kind != "direct" or found is not None and found.group and not self._clause(q):
            found = NOTHING  # a group's words are clauses; 'pour « entrave à la liberté … »' names a charge
        return self._quote(span.text, kind, span, found or NOTHING), found or NOTHING

    def _span(self, q: Quotation) -> Span | None:
        """The quotation's words without the marks, spaces and a trailing comma."""
        first_seg, a, _ = q.pieces[0]
        last_seg, _, z = q.pieces[-1]
        seg, last = self.segments[first_seg], self.segments[last_seg]
        text = self.texts[first_seg]
        while a < len(text) and text[a].isspace():
            a += 1
        end_text = self.texts[last_seg]
        while z > 0 and (end_text[z - 1].isspace() or end_text[z - 1] == ","):
            z -= 1
        start = seg.offset + a
        end = last.offset + z
        if end - start < 2 or (last_seg == first_seg and z <= a):
            return None
        return Span(field=seg.field, start=start, end=end, text=self._field_text(seg.field)[start:end])

    def _field_text(self, field: TextField) -> str:
        cache = self.__dict__.setdefault("_texts", {})
        if field not in cache:
            cache[field] = self.article.field_text(field)  # Article.text joins the blocks on every call
        return cache[field]

    def _quote(self, text: str, kind: str, span: Span, found: Found) -> Quote:
        who = found.who
        mention = None
        if found.mention is not None:
            s, x, y = found.mention
            mseg = self.segments[s]
            mention = Span(field=mseg.field, start=mseg.offset + x, end=mseg.offset + y, text=self.texts[s][x:y])
        name = None
        if who is not None and who.actor_id:
            name = self.info(who.actor_id).get("name")
        speaker = None
        ref = found.ref
        if found.referent is not None and ref is not None and ref.form == "name" and found.referent.kind == "organisation" \
                and who is not None and self.info(who.actor_id).get("type") == "country":
            speaker = org_name(ref.text)  # 'écrit l'Elysée': the institution the article names, France's actor id
        elif found.referent is not None:
            speaker = found.referent.name
            if found.referent.kind == "organisation":  # 'McClatchy Co.' speaks as 'McClatchy'
                words = speaker.split()
                while len(words) > 1 and words[-1].rstrip(",") in self.lex.get("legal_suffixes", ()):
                    words.pop()
                speaker = " ".join(words).rstrip(",")
        elif who is not None:
            speaker = who.name or who.text
        return Quote(text=text, kind=kind, speaker=speaker, speaker_actor_id=who.actor_id if who else None,
                     speaker_name=name, speaker_mention=mention, cue=found.cue, span=span)

    def _after(self, q: Quotation) -> Found | None:
        """« … », a-t-il lancé / « … », a déclaré X / "…," X said / "…," said X. In French
        any verb with its subject placed after it makes an incise (« … », s'est insurgé X)."""
        seg_id, _, z = q.pieces[-1]
        if self._grammar("inverted_incise") and self._closed_sentence(seg_id, z):
            return None  # '« … je suis là. » Le clan X lui reproche …': a new sentence, not the quotation's incise
        rest = _past_relative(list(self._span_tokens(seg_id, z + 1, z + 400)))
        window: list = []
        for t in rest[:12]:
            if t.text in ("«", "“") or (t.text == "\"" and (window or self._opens_quotation(seg_id, t))) or \
                    t.text in (".", "!", "?", ";", "…"):
                break  # the cue of a quotation stands in its sentence, before another quotation
            window.append(t)
        first = next((t for t in window if not t.is_punct), None)
        if first is not None:
            head = first
            while head.dep_ in ("compound", "flat", "flat:name", "amod", "det", "poss", "case") and head.head.i > head.i:
                head = head.head
            verb = head.head
            if head.dep_ in SUBJ and verb.i > head.i and verb.pos_ in ("VERB", "AUX") and self._is_reporting(verb) and not self._clitic(head) \
                    and head.lower_ not in closed_words("relative_pronouns") \
                    and verb.sent == head.sent and not _non_finite(verb) and self._subject_token(head) is head \
                    and not self._fragment_before_main_clause(q):
                return self._from_token(seg_id, head, _cue_text(verb))  # '"…," Dr. X, a member of …, told NBC'
        for k, tok in enumerate(window[:9]):
            if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and k <= 3) and \
                    not (tok.pos_ == "X" and self._is_reporting(tok)) and \
                    not self._verb_tagged_noun(tok, window[:k]):  # a verb the tagger does not know: 'a tweeté'
                continue
            if tok.text.isupper() and len(tok.text) > 1 and tok.is_alpha:
                break  # '« … » BAYROU ÉVOQUE …': a heading in capitals glued after the quotation, not its incise
            if _non_finite(tok) or tok.dep_.startswith("aux"):
                continue  # 'a' in 'a-t-il lancé': the participle is the cue
            if any(c.dep_ == "mark" and c.i < tok.i for c in tok.children):
                break  # '« … » the software as the company continued to …': a subordinate clause is no incise
            if any(t.lower_ in closed_words("complementizers") or t.lower_ in closed_words("relative_pronouns") and t.dep_ in SUBJ
                   for t in window[:k]):
                break  # '« … ce système supranational » que constitue l'UE', 'des « médias … » qui ont évoqué':
                # a relative clause is no incise
            before = [t for t in window[:k] if not t.is_punct and not t.dep_.startswith("aux") and not t.text.startswith("-")
                      and t.pos_ not in ("ADV",) and t.lower_ not in closed_words("incise_skip") and not self._clitic(t)
                      and not (t.dep_ in ("case", "fixed") and t.head.pos_ == "ADV")]  # 'a par ailleurs annoncé'

            if len(before) > 6:
                break
            if any(t.dep_ in SUBJ and t.head.i == tok.i for t in window[:k]) and self._fragment_before_main_clause(q):
                break  # 'Interrogé sur les « gilets jaunes », X a estimé …': the sentence's main clause
            if self._is_reporting(tok) or (self._grammar("inverted_incise") and k <= 4 and self._incise(tok, window[:k])):
                return self._subject(seg_id, tok, outside=q, cue=_cue_text(tok), inverted=self._grammar("inverted_incise") and not before)
            if tok.pos_ == "VERB" and not tok.dep_.startswith("aux"):
                break  # another verb first: the quotation's own clause goes on
        return None

    def _fragment_before_main_clause(self, q: Quotation) -> bool:
        """'Interrogé sur les « gilets jaunes », X a estimé que …', 'Asked about the "yellow
        vests", X said …': a short verbless quotation inside a phrase that opens the sentence
        (words before it, no finite verb among them) is followed by the sentence's main clause,
        not by its own incise ('The deal was "great," X said' has a clause before the quotation)."""
        if not self._verbless_fragment(q, 6):
            return False
        seg_id, a, _ = q.pieces[0]
        doc = self.segments[seg_id].doc
        sent = next((s for s in doc.sents if s.start_char <= a < s.end_char + 1), None)
        if sent is None or not re.search(r"\w", self.texts[seg_id][sent.start_char:a]):
            return False
        return not _finite([t for t in sent if t.idx < a])

    def _said_through_a_verb(self, q: Quotation, verb) -> bool:  # noqa: ANN001
        """'Pour lutter contre cette « guerre asymétrique », X réclame …': does the quotation hang
        on ``verb`` through a verb of its own clause, one the speaker does (not a participle in the
        passive sense, 'Interrogé sur les « … »')? A bare noun phrase holding the quotation ('Pour son
        « grand oral »') only names what the sentence is about."""
        seg_id, a, b = q.pieces[0]
        inside = list(self._span_tokens(seg_id, a, b))
        if not inside:
            return False
        top = min(inside, key=lambda t: len(list(t.ancestors)))
        for anc in top.ancestors:
            if anc.i == verb.i:
                return False
            if anc.pos_ in ("VERB", "AUX") and not ("Part" in anc.morph.get("VerbForm") and "Past" in anc.morph.get("Tense")):
                return True
        return False

    def _closed_sentence(self, seg_id: int, z: int) -> bool:
        """Does the quotation ending at ``z`` end its sentence inside the marks ('… là. »', '… ! »')
        with the next sentence starting after the closing mark, a capital and no comma between?"""
        text = self.texts[seg_id]
        inside = text[max(0, z - 4):z].rstrip()
        if not inside.endswith((".", "!", "?", "…")) or inside.endswith(("...", "…")) and z - 4 <= 0:
            return False
        after = text[z + 1:z + 40].lstrip(" \u00a0\u202f»”\"")
        return bool(after) and after[0].isupper()

    def _opens_quotation(self, seg_id: int, tok) -> bool:  # noqa: ANN001
        """Is the straight mark ``tok`` the opening mark of a quotation ('"… énorme." "On nous a
        signalé …", ajoute-t-il': the next quotation's words are not the previous one's incise)?"""
        return any(m.pieces[0][0] == seg_id and tok.idx < m.pieces[0][1] <= tok.idx + 2 for m in self.marks)

    def _verb_tagged_noun(self, tok, before: list) -> bool:  # noqa: ANN001
        """« … », juge Paul Girard: a reporting verb whose present form is also a noun ('juge',
        'note'), tagged a noun, first after the quotation and followed by its subject placed
        after it (a determiner or a name): in French this inverted order makes an incise."""
        words = [t for t in before if not t.is_punct]
        if tok.pos_ in ("NOUN", "PROPN", "ADJ") and words and self._grammar("inverted_incise") and _after_auxiliary(tok) \
                and all(t.pos_ in ("AUX", "ADV") for t in words) and self._is_reporting(tok):
            return True  # '« … », avait tweeté juste après la sénatrice X', '« … », a ainsi tweeté le Parti …'
        reflexive = len(words) == 1 and words[0].lower_ in ("s'", "s’", "se") and words[0].i == tok.i - 1
        if tok.pos_ not in ("NOUN", "ADJ") or words and not reflexive or not self._grammar("inverted_incise") \
                or not (reflexive or self._is_reporting(tok)) or any(c.dep_ == "det" for c in tok.children):
            return False  # 'raconte' tagged an adjective: '« … », raconte à l'AFP l'Argentine X'; '« … », s'enthousiasme X'
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and (nxt.pos_ in ("DET", "PROPN") or nxt.text[:1].isupper()  # 'note BFMTV' (tagged a number)
                                    or tok.pos_ == "ADJ" and nxt.pos_ == "ADP")

    def _heading(self, q: Quotation) -> Found | None:
        """'MARINE LE PEN ACCUSE « CEUX QUI NOUS GOUVERNENT »', 'SARKOZY : « C'EST L'ÂME … »': a
        quotation in capitals in a heading in capitals is the words of the person it names."""
        seg_id, a, b = q.pieces[0]
        text = self.texts[seg_id]
        words = re.findall(r"[^\W\d_]+", text[a:b])
        if len(q.pieces) > 1 or len(words) < 2 or not text[a:b].isupper():
            return None
        k = a - 1
        while k > 0 and not text[k - 1].islower() and text[k - 1] not in ".!?»”":
            k -= 1
        if not re.search(r"[^\W\d_]{2,}", text[k:a]):
            return None
        people = [r for r in self.coref.refs if r.seg == seg_id and k <= r.start and r.end <= a and r.kind == "person"
                  and r.referent is not None]
        if people:
            r = people[-1]
            return Found(self.coref.participant(r), r, r.referent, (seg_id, r.start, r.end), None)
        heading = [fold(w) for w in re.findall(r"[\w'’-]+", text[k:a])]  # a name in capitals the NER missed
        named = [p for p in self.coref.referents if p.kind == "person" and len(p.words) > 1 and p.words[-1] in heading]
        if len(named) != 1:
            return None
        at = text.lower().find(named[0].words[-1], k)
        return Found(referent_participant(named[0], named[0].name, self.info), None, named[0],
                     (seg_id, at, at + len(named[0].words[-1])) if 0 <= at < a else None, None)

    def _inside(self, q: Quotation) -> Found | None:
        """« Il n'y aura pas de sécurité sans l'Ukraine, a souligné Emmanuel Macron. Et … »:
        a cue set inside the marks between commas (one pair of marks around two quotes)."""
        for seg_id, a, b in q.pieces:
            toks = list(self._span_tokens(seg_id, a, b))
            for k, tok in enumerate(toks[1:-1], 1):
                if tok.text != "," or k + 4 >= len(toks):
                    continue
                window = toks[k + 1:k + 5]
                verb = next((t for t in window if t.pos_ in ("VERB", "AUX") and self._is_reporting(t) and not _non_finite(t)), None)
                if verb is not None and _governs_clause(verb):
                    continue  # ', Ambassador X confirmed that …', ', we have continued to honor …': the quotation's own words
                if verb is None or any(t.pos_ in ("NOUN", "PROPN", "PRON") and not t.text.startswith("-") and t.i < verb.i
                                       and t.lower_ not in closed_words("incise_skip")  # 's'inquiète une experte'
                                       for t in window) and self._grammar("inverted_incise"):
                    continue
                found = self._subject(seg_id, verb, cue=_cue_text(verb), inverted=self._grammar("inverted_incise"), within=True)
                if found is not None and (found.who is not None or found.ref is not None or found.mention is not None):
                    return found  # an unnamed speaker too ('…, explique un fonctionnaire. …'): no one else says it
        return None

    def _incise(self, verb, before: list) -> bool:  # noqa: ANN001
        """« … », s'est insurgé le président / « … », lance-t-il: a verb placed right after
        the quotation whose subject follows it."""
        skip = closed_words("incise_skip")
        if any(t.pos_ in ("NOUN", "PROPN", "PRON") and not t.text.startswith("-") and t.lower_ not in skip
               and not self._clitic(t) for t in before):
            return False
        doc = verb.doc
        after = doc[verb.i + 1:verb.i + 4]
        inverted = closed_words("inverted_pronouns")
        return any(t.text.startswith("-") and pronoun_key(t.text) in inverted for t in after) or \
            any(c.dep_ in SUBJ and c.i > verb.i for c in verb.children) or \
            any(t.pos_ in ("PROPN", "NOUN", "DET") for t in after[:1])

    def _subject(self, seg_id: int, verb, outside: Quotation | None = None, cue: str | None = None,  # noqa: ANN001
                 inverted: bool = False, within: bool = False) -> Found | None:
        """The speaker of a reporting verb: a clitic pronoun ('-t-il'), its subject, the
        subject of the verb a participle or infinitive hangs on, or the noun phrase placed
        after it ('a déclaré le Premier ministre'); never a word inside a quotation. In a
        French incise (``inverted``) the subject follows the verb: that comes first."""
        doc = self.segments[seg_id].doc

        def free(t) -> bool:  # noqa: ANN001
            return within or not self._inside_any(seg_id, t.idx)

        for t in doc[max(0, verb.i - 3):min(len(doc), verb.i + 4)]:
            if (t.text.startswith("-") or t.lower_ in closed_words("euphonic_pronouns")) and free(t) and \
                    pronoun_key(t.text) in closed_words("inverted_pronouns"):
                return (pronoun_key(t.text) == "on" and self._learned_from(seg_id, verb, cue, free)) or \
                    self._from_token(seg_id, t, cue)
        if inverted:
            after = [c for c in verb.children if c.dep_ in SUBJ and c.i > verb.i and free(c)]
            if after:
                return self._from_token(seg_id, after[0], cue)
            found = self._np_after(seg_id, verb, cue, free)
            if found is not None:
                return found
        noun = self._participle_of_noun(verb)
        if noun is not None:  # 'a dénoncé les « discours » affirmant que …': the speeches say it, not the subject
            return self._from_token(seg_id, noun, cue)
        v = verb
        for _ in range(3):
            subj = self._subjects(v, lambda c: free(c) and not c.text.startswith("-t") and not self._clitic(c))
            if subj:
                antecedent = relative_antecedent(subj[0])  # 'la LDH, qui dit …': the LDH speaks
                if outside is not None and self._in_phrase(outside, seg_id, subj[0], antecedent):
                    return None  # 'Les « gilets jaunes » ont dit …': words of the speaker's own phrase
                if subj[0].lower_ == "on" and (learned := self._learned_from(seg_id, verb, cue, free)):
                    return learned
                return self._from_token(seg_id, antecedent if antecedent is not None else subj[0], cue)
            if v.dep_ in ("xcomp", "conj", "advcl", "acl") and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX"):
                v = v.head
                continue
            break
        lost = self._name_before(verb, free)
        if lost is None:
            lost = _fronted_subject(verb)
            lost = lost if lost is not None and free(lost) else None
        if lost is not None:
            return self._from_token(seg_id, lost, cue)
        found = self._np_after(seg_id, verb, cue, free)
        if found is not None:
            return found
        for t in doc[verb.i + 1:min(len(doc), verb.i + 12)]:
            if (t.dep_ == "mark" or t.pos_ == "SCONJ") and t.lower_ in QUE:
                break
            if t.pos_ == "PROPN" and t.ent_type_ in ("PER", "PERSON", "ORG") and free(t) and \
                    not _after_preposition(t):  # ('…, confie un proche au JDD': the paper is told)
                if self._affiliation(t):  # "l'ancien adjoint UMP à la mairie de Nice, Olivier Bettati": not the party
                    person = _person_named_after(t.head, t)
                    if person is None or not free(person):
                        break
                    t = person
                return self._from_token(seg_id, t, cue)
        return Found(None, None, None, None, cue)

    def _affiliation(self, tok) -> bool:  # noqa: ANN001
        """An organisation right after the person noun it hangs on ("l'ancien adjoint UMP",
        'le président (LR) du Sénat'): that person's party or body, not who speaks."""
        noun = tok.head
        return tok.ent_type_ == "ORG" and noun.pos_ == "NOUN" and noun.i < tok.i and \
            all(x.is_punct for x in tok.doc[noun.i + 1:tok.i]) and fold(noun.lower_) in self._person_nouns()

    def _name_before(self, verb, free):  # noqa: ANN001, ANN202
        """'"…," Reilly told a crowd': a name right before the reporting verb, after the
        quotation's closing mark or comma, that the parser hung on the verb as something else
        than its subject (an adverb) is the subject; the verb's object is the one told."""
        doc = verb.doc
        k = verb.i - 1
        if k < 1 or not free(doc[k]):
            return None
        tok = doc[k]
        if tok.pos_ != "PROPN" or tok.head.i != verb.i or tok.dep_ in SUBJ or any(c.dep_ == "case" for c in tok.children):
            return None
        start = tok.left_edge.i
        if start < 1 or not (doc[start - 1].is_punct and (doc[start - 1].text == "," or doc[start - 1].is_quote)):
            return None
        return tok

    def _participle_of_noun(self, verb):  # noqa: ANN001, ANN202
        """The noun a French present participle follows with no comma between ('les discours
        affirmant que …'): it qualifies that noun, which says the clause, even when the parser
        hangs it on the main verb; '…, affirmant que …' after a comma is the subject's."""
        if not self._grammar("inverted_incise") or verb.pos_ != "VERB" or "Part" not in verb.morph.get("VerbForm") \
                or "Pres" not in verb.morph.get("Tense") or any(c.dep_ == "mark" for c in verb.children if c.i < verb.i):
            return None
        k = verb.i - 1
        doc = verb.doc
        while k >= 0 and doc[k].is_quote:
            k -= 1
        if k < 0 or doc[k].is_punct or doc[k].pos_ not in ("NOUN", "ADJ", "PROPN"):
            return None
        noun = doc[k]
        if noun.pos_ == "PROPN" and noun.ent_type_ in ("PER", "PERSON", "ORG"):
            while noun.dep_ in ("flat:name", "flat") and noun.head.i < noun.i:
                noun = noun.head
            return noun  # 'le secrétaire général Paul Roy rappelant la « ligne rouge »': the one named says it
        while noun.pos_ != "NOUN" and noun.head.i != noun.i and noun.head.i < noun.i:
            noun = noun.head  # 'les discours coupables affirmant': the noun the adjective qualifies
        return noun if noun.pos_ == "NOUN" and noun.dep_ in ("obj", "dobj", "nmod", "obl", "obl:arg", "obl:mod") else None

    def _clitic(self, tok) -> bool:  # noqa: ANN001
        """An object pronoun of an incise, right before its verb ('», lui a répondu X', '», nous a
        confié X'), which the parser may take for the subject."""
        doc = tok.doc
        return tok.pos_ == "PRON" and tok.lower_ in self._folded_raw("object_clitics") and 0 < tok.i < len(doc) - 1 and \
            doc[tok.i + 1].pos_ in ("AUX", "VERB") and doc[tok.i - 1].text in (",", *CLOSING_KEPT)  # an incise

    def _learned_from(self, seg_id: int, verb, cue: str | None, free) -> Found | None:  # noqa: ANN001
        """'…, a-t-on appris auprès du ministère': with the impersonal 'on', the source the
        words after the verb name speaks ('auprès de X')."""
        doc = self.segments[seg_id].doc
        marks = self._folded_raw("learned_from")
        window = doc[verb.i + 1:min(len(doc), verb.i + 8)]
        for k, t in enumerate(window):
            if t.is_punct and t.text not in ("'", "’", "-") or not free(t):
                return None
            if t.lower_ in marks:
                head = next((x for x in window[k + 1:] if x.pos_ in ("NOUN", "PROPN")), None)
                if head is None:
                    return None
                while head.dep_ in ("compound", "flat", "flat:name") and head.head.i > head.i:
                    head = head.head
                found = self._from_token(seg_id, head, cue)
                return found if found.who is not None else None
        return None

    def _in_phrase(self, q: Quotation, seg_id: int, subj, antecedent=None) -> bool:  # noqa: ANN001
        """Does the quotation stand in the subject's own phrase ('36 magasins « contact » sont
        menacés', 'un vrai « road-rage » qui rappelle que …')? Then it names something; the
        subject does not say it."""
        s, a, _ = q.pieces[0]
        if s != seg_id:
            return False
        if antecedent is not None:  # the words of the antecedent's phrase before the relative pronoun
            while antecedent.dep_ in ("nmod", "appos", "flat:name", "flat") and antecedent.head.i < antecedent.i:
                antecedent = antecedent.head  # 'un vrai « road-rage » à l'Américaine qui …'
            return antecedent.left_edge.idx <= a < subj.idx
        end = subj.right_edge.idx + len(subj.right_edge.text)
        return subj.left_edge.idx <= a < end

    def _subjects(self, verb, keep: Callable[..., bool] = lambda c: True) -> list:  # noqa: ANN001
        """The subjects of ``verb`` that ``keep`` accepts, each as :meth:`_subject_token` reads it
        (dropped when it is a noun after a preposition with no name beside it). A subject the
        parser hung on the verb's auxiliary ('Il a par ailleurs estimé': 'Il' under 'a') is the
        verb's."""
        kids = [*verb.children, *(g for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i for g in c.children)]
        subjects = [c for c in kids if c.dep_ in SUBJ]
        return [x for c in subjects if keep(c) and not _split_premodifier(c, subjects)
                and (x := self._subject_token(c)) is not None]

    def _subject_token(self, tok):  # noqa: ANN001, ANN202
        """A subject the parser took inside a prepositional phrase ('Sur Franceinfo François
        Hollande n'oublie pas …', the subject 'Franceinfo'): the person named in apposition
        to it speaks; a noun after a preposition never does."""
        doc = tok.doc
        if not (any(c.dep_ == "case" and c.i < tok.i for c in tok.children) or
                (tok.i > 0 and doc[tok.i - 1].pos_ == "ADP" and doc[tok.i - 1].dep_ == "case" and doc[tok.i - 1].head.i == tok.i)):
            return tok
        appos = [c for c in tok.children if c.dep_ in ("appos", "flat:name", "flat") and c.pos_ == "PROPN" and c.i > tok.i
                 and c.ent_type_ in PERSON_LABELS]
        return appos[0] if appos else None

    def _np_after(self, seg_id: int, verb, cue: str | None, free) -> Found | None:  # noqa: ANN001
        """The noun phrase placed after a verb, past adverbs and prepositional phrases
        ('a expliqué à Ouest-France Cyrille Berrod', 'estime pour sa part le porte-parole')."""
        doc = self.segments[seg_id].doc
        aside = self._grammar("inverted_incise") and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ","
        for t in doc[verb.i + 1:min(len(doc), verb.i + (20 if aside else 12))]:
            if not free(t) or (t.dep_ == "mark" or t.pos_ == "SCONJ") and t.lower_ in QUE:
                break  # 'après avoir déclaré que les talibans …': the subject of the reported clause does not speak
            if t.is_punct and t.text not in ("-", "'"):
                if t.text == "," and t.i == verb.i + 1:
                    continue
                if t.text == "," and aside:  # 'a déclaré, tout de blanc vêtu, l'imam X': the subject after the aside
                    aside = False
                    continue
                break
            hung = verb.pos_ == "NOUN" and t.head.i == verb.i  # '…, note BFMTV': the parser hangs the subject on a cue it took for a noun
            mention = t.pos_ in ("VERB", "ADJ") and (r := self.coref.ref_at(seg_id, t.i)) is not None and r.form == "description"
            mention = mention or t.pos_ == "ADJ" and self._grammar("inverted_incise") and \
                any(c.dep_ == "det" and c.i < t.i for c in t.children)  # 'confie un proche au JDD': an adjective as a noun
            stray = t.dep_ == "nmod" and t.head.i < t.i and self._grammar("inverted_incise") and \
                any(c.dep_ == "det" and c.i < t.i for c in t.children) and not _after_preposition(t.head)
            # 'a reconnu lundi 8 avril le Premier ministre': a determined noun phrase with no preposition,
            # which the parser hung on the date or circumstance before it, is the inverted subject
            if (t.pos_ in ("PROPN", "NOUN") or hung and t.text[:1].isupper() or mention) and \
                    not _after_preposition(t) and \
                    (t.dep_ not in ("obl", "obl:mod", "pobj", "npadvmod", "obl:arg", "nmod") or hung or stray) and \
                    t.lower_ not in closed_words("aside_nouns"):
                head = t
                while head.dep_ in ("flat:name", "flat", "compound", "amod", "det") and head.head.i > head.i:
                    head = head.head
                return self._from_token(seg_id, head, cue)
        return None

    def _source_of(self, tok):  # noqa: ANN001, ANN202
        """'les informations du quotidien El Mundo' -> El Mundo: the named source of a piece of information."""
        for _ in range(4):
            if tok.lemma_.lower() not in self._folded_raw("source_nouns") and tok.lower_ not in self._folded_raw("source_nouns"):
                return tok
            comp = [c for c in tok.children if c.dep_ in ("nmod", "prep", "appos", "flat:name") and c.i > tok.i
                    and (c.dep_ == "appos" or not any(t.text == "," for t in tok.doc[tok.i + 1:c.i]))]
            comp = [c for c in comp if c.pos_ == "PROPN"] or comp  # 'le site d'information Minsk Info': the name
            if not comp:  # 'une vidéo publiée par le site X', 'a report released by X': the agent
                comp = [g for c in tok.children if c.dep_ in ("acl", "acl:relcl") and c.i > tok.i and c.pos_ == "VERB"
                        for g in c.children if g.dep_ in ("obl:agent", "agent")]
            if not comp:
                return tok
            nxt = comp[0]
            if nxt.dep_ in ("prep", "agent"):
                objs = [g for g in nxt.children if g.dep_ == "pobj"]
                if not objs:
                    return tok
                nxt = objs[0]
            tok = nxt
        return tok

    def _memo(self, key: str, build: Callable[[], frozenset[str]]) -> frozenset[str]:
        """A word set derived from the lexicons, built once per attribution run."""
        cache = self.__dict__.setdefault("_raw_cache", {})
        if key not in cache:
            cache[key] = build()
        return cache[key]

    def _folded_raw(self, key: str) -> frozenset[str]:
        return self._memo(key, lambda: frozenset(x.lower() for x in self.lex.get(key, ())))

    def _from_token(self, seg_id: int, tok, cue: str | None, strength: int = 2) -> Found:  # noqa: ANN001
        """A speaker for a subject token: the mention coreference found there (through its
        head), or the phrase as written. Someone speaking for an organisation the article
        does not name ('un porte-parole de l'enseigne', 'le correspondant de l'AFP') stands
        for the organisation."""
        if self._coordinated_people(seg_id, tok):  # 'Vindman and Williams told lawmakers that …': two speakers, no one person
            start, end = phrase(tok)
            return Found(None, None, None, (seg_id, start, end), cue, strength)
        found = self._from_token_as_is(seg_id, tok, cue, strength)
        if found.who is None and found.ref is None:
            later = self._named_later(seg_id, tok)
            if later is not None:  # "Austria's interior minister said …" … 'Interior Minister Wolfgang Peschorn'
                return Found(self.coref.participant(later), later, later.referent, found.mention, cue, strength)
        if tok.pos_ == "NOUN" and tok.lower_ in self._media_nouns() and \
                not any(c.pos_ == "PROPN" and c.i > tok.i for c in tok.children):
            cited = self._medium_cited_before(seg_id, tok)
            if cited is not None:  # 'Selon Mediapart, … , explique le journal d'investigation'
                return Found(cited.who, cited.ref, cited.referent, found.mention, cue, strength)
        if found.who is None and tok.pos_ == "NOUN" and tok.lower_ in self._folded_raw("source_nouns"):
            named = [c for c in tok.children if c.dep_ in ("compound", "poss", "nmod:poss") and c.pos_ == "PROPN" and c.i < tok.i]
            src = named[0] if named else self._source_of(tok)  # 'the Bloomberg article said', 'le communiqué du ministère'
            if src.i != tok.i:
                org = self._from_token_as_is(seg_id, src, cue, strength)
                if org.who is not None:
                    return Found(org.who, org.ref, org.referent, found.mention, cue, strength)
        if found.who is None and tok.pos_ == "NOUN" and tok.lower_ in self._folded_raw("document_nouns") and \
                _issuer_complement(tok) is None:
            issuer = self._document_issuer(seg_id, tok, cue, strength)
            if issuer is not None:  # '… publié un communiqué. « … », précise le communiqué': who issued it
                return Found(issuer.who, issuer.ref, issuer.referent, found.mention, cue, strength)
        if found.who is None and tok.pos_ == "PRON" and "Plur" in tok.morph.get("Number") and found.ref is not None:
            first = self._first_of_pair(found.ref)
            if first is not None:
                return Found(self.coref.participant(first), first, first.referent, found.mention, cue, strength, group=True)
        if found.who is None and tok.pos_ == "NOUN" and tok.lower_ in self._folded_raw("armed_group_nouns") \
                and not _anonymous(tok, self.lang):
            group = self._armed_group(seg_id, tok)
            if group is not None:  # 'les insurgés' after 'les talibans'
                start, end = phrase(tok)
                return Found(referent_participant(group, self.texts[seg_id][start:end], self.info), None, group,
                             found.mention, cue, strength)
        if found.who is None and tok.pos_ == "NOUN" and tok.lower_ in self._folded_raw("expert_nouns") \
                and not _anonymous(tok, self.lang) and not any(c.dep_ in ("nmod", "prep") for c in tok.children):
            org_ref = self._experts_of(seg_id, tok)
            if org_ref is not None:  # 'les chercheurs du CTC …' … 'les experts rappellent'
                return Found(self.coref.participant(org_ref), org_ref, org_ref.referent, found.mention, cue, strength)
        if found.who is None and tok.pos_ == "NOUN" and ("Plur" in tok.morph.get("Number") or tok.tag_ == "NNS") \
                and any(c.dep_ == "det" for c in tok.children) and not _anonymous(tok, self.lang) \
                and not any(c.dep_ in ("nmod", "prep") for c in tok.children):
            org_ref = self._members_of(seg_id, tok)
            if org_ref is not None:  # 'The doctors, members of the group X, …' … 'the doctors said'
                return Found(self.coref.participant(org_ref), org_ref, org_ref.referent, found.mention, cue, strength)
        if found.who is None and tok.pos_ == "NOUN" and tok.lower_ in self._folded_raw("author_nouns"):
            wrote = self._author_source(seg_id, tok, cue, strength)
            if wrote is not None:
                return Found(wrote.who, wrote.ref, wrote.referent, found.mention, cue, strength)
        if found.who is None and tok.pos_ == "NOUN" and tok.lower_ in self._folded_raw("proxy_nouns"):
            comp = self._source_of_proxy(tok)
            if comp is not None:
                org = self._from_token_as_is(seg_id, comp, cue, strength)
                if org.who is not None and not (org.referent is not None and org.referent.kind == "person") and \
                        self.info(org.who.actor_id).get("type") != "person":  # an organisation, not a person's aide
                    self._spoken_for = org
                    return Found(org.who, org.ref, org.referent, found.mention, cue, strength)
            singular = "Plur" not in tok.morph.get("Number") and tok.tag_ != "NNS"
            if comp is not None and comp.i < tok.i and comp.pos_ in ("NOUN", "ADJ"):
                return found  # 'a military spokesman' the article names no body for: no one, not the body quoted before
            if any(c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN") for c in tok.children):
                return found  # "Swift's rep": someone's own representative, not the body a spokesperson spoke for before
            last = self.__dict__.get("_spoken_for")
            if last is not None and (comp is None or comp.lower_ in self._org_nouns()) and singular:
                # 'le porte-parole du groupe', 'the spokesperson': the organisation a spokesperson spoke for before
                return Found(last.who, last.ref, last.referent, found.mention, cue, strength)
            subject = self._organisation_subject_before(seg_id, tok) if last is None and comp is None and singular else None
            if subject is not None:
                org = Found(self.coref.participant(subject), subject, subject.referent, found.mention, cue, strength)
                self._spoken_for = org
                return org
        return found

    def _named_later(self, seg_id: int, tok) -> Ref | None:  # noqa: ANN001
        """A speaker described before being named ("Austria's interior minister said …", later
        'Interior Minister Wolfgang Peschorn'): a singular definite person noun, possibly owned by
        a name ("China's ambassador"), that coreference left unresolved, as the title of exactly
        one person the article first names after it, with every word before the noun
        ('interior') in that person's descriptions. Coreference reads forward only, so a title
        that comes first finds no one; a pronoun's possession ('his lawyer') is someone else."""
        if tok.pos_ != "NOUN" or "Plur" in tok.morph.get("Number") or tok.tag_ == "NNS" or _anonymous(tok, self.lang):
            return None
        noun = fold(tok.lower_)
        if noun not in self._person_nouns() or \
                any(c.pos_ == "PRON" and c.dep_ in ("poss", "det:poss") for c in tok.children):
            return None
        mods = [fold(c.lower_) for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
        # "Morrison's lawyer": a person's own lawyer is the one described as that person's, not another lawyer
        mods += [fold(c.lower_) for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN" and self._person(seg_id, c)]
        here = (seg_id, tok.idx)
        found: list[Ref] = []
        for who in self.coref.referents:
            if who.kind != "person" or (noun not in who.nouns and fold(tok.lemma_.lower()) not in who.nouns):
                continue
            refs = [r for r in self.coref.refs if r.referent is who]
            if not refs or min((r.seg, r.start) for r in refs) <= here:
                continue
            if all(any(m in re.findall(r"\w+", d) for d in who.descriptions) for m in mods):
                found.append(next((r for r in refs if r.form in ("name", "title", "surname")), refs[0]))
        return found[0] if len(found) == 1 else None

    def _document_issuer(self, seg_id: int, tok, cue: str | None, strength: int) -> Found | None:  # noqa: ANN001
        """Who issued a document named with no source ('précise le communiqué', 'selon cette étude'):
        an earlier mention of the same noun, in this sentence or the six before, that names its source
        ('une étude de l'Insee'), or whose clause has a subject that published, sent or signed it ('le
        ministère a publié un communiqué', 'dans une lettre, le maire réclame'). None otherwise: the
        nearest person did not write it."""
        sents = [(sid, sent) for sid in range(seg_id, -1, -1)
                 for sent in reversed(list(self.segments[sid].doc.sents)) if sid < seg_id or sent.start <= tok.i][:7]
        lemma = tok.lemma_.lower()
        for sid, sent in sents:
            for t in reversed(sent):
                if (sid, t.i) >= (seg_id, tok.i) or t.pos_ != "NOUN" or t.lemma_.lower() != lemma:
                    continue
                src = _issuer_complement(t)  # 'une étude de l'Insee'; else 'l'Insee a publié une étude'
                for who in (self._source_of(src) if src is not None else None, self._issuing_subject(t)):
                    org = self._from_token_as_is(sid, who, cue, strength) if who is not None else None
                    if org is not None and org.who is not None:
                        return org
        return None

    @staticmethod
    def _issuing_subject(doc_noun):  # noqa: ANN001, ANN205
        """The subject of the clause a document noun is the object of ('X a publié un rapport', 'X a
        fait parvenir une note') or the setting of ('dans un communiqué, X souligne'); None else."""
        setting = doc_noun.dep_.startswith("obl") and any(c.dep_ == "case" and c.lower_ == "dans" for c in doc_noun.children)
        if doc_noun.dep_ not in ("obj", "dobj") and not setting:
            return None
        verb = doc_noun.head
        for _ in range(3):
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]  # (with an object: a misread active)
            if subj:
                return subj[0]
            if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def _author_source(self, seg_id: int, tok, cue: str | None, strength: int) -> Found | None:  # noqa: ANN001
        """'les auteurs de l'étude du Crédit suisse': the organisation named as the source of the
        document the authors wrote, who speaks through them; None when no organisation is named."""
        doc_noun = next((c for c in tok.children if c.dep_ == "nmod" and c.i > tok.i), None)
        if doc_noun is None or (doc_noun.lower_ not in self._folded_raw("source_nouns")
                                and doc_noun.lemma_.lower() not in self._folded_raw("source_nouns")):
            return None
        src = self._source_of(doc_noun)
        if src.i == doc_noun.i:
            return None
        org = self._from_token_as_is(seg_id, src, cue, strength)
        person = org.referent is not None and org.referent.kind == "person" or \
            bool(org.who and org.who.actor_id and self.info(org.who.actor_id).get("type") == "person")
        return org if org.who is not None and not person else None

    def _experts_of(self, seg_id: int, tok) -> Ref | None:  # noqa: ANN001
        """The organisation named last, in the six sentences before, as the complement of
        researchers ('des chercheurs du Combating Terrorism Center', 'researchers at X')."""
        before = [r for r in self.coref.refs if (r.seg, r.start) < (seg_id, tok.idx)]
        if not before:
            return None
        n = max(before, key=lambda r: (r.seg, r.start)).sent
        for r in reversed(before):
            if n - r.sent > 6:
                break
            if r.kind != "organisation" or r.referent is None:
                continue
            head = self.segments[r.seg].doc[r.head]
            gov = head.head.head if head.head.dep_ == "prep" else head.head
            if gov.i != head.i and gov.lower_ in self._folded_raw("expert_nouns"):
                return r
        return None

    def _members_of(self, seg_id: int, tok) -> Ref | None:  # noqa: ANN001
        """The organisation an earlier phrase headed by the same plural noun tied its members to
        ('The doctors, members of the group X', 'les soignants du collectif X'), within a few
        paragraphs: the noun phrase chain from the name up to the noun holds no verb."""
        lemma = tok.lemma_.lower()
        people = self._person_nouns()
        if fold(lemma) not in people and fold(tok.lower_) not in self._folded("speaker_nouns"):
            return None  # people ('les médecins', 'the nurses'), not documents
        before = [r for r in self.coref.refs if (r.seg, r.start) < (seg_id, tok.idx) and r.kind == "organisation"
                  and r.form == "name" and r.referent is not None and r.quote is None and seg_id - r.seg <= 12]
        for r in reversed(before):
            t = self.segments[r.seg].doc[r.head]
            for _ in range(6):
                if t.head.i == t.i or t.head.pos_ in ("VERB", "AUX"):
                    break
                t = t.head
                if t.lemma_.lower() == lemma and t.pos_ == "NOUN":
                    return r
            # the top of the chain in apposition to the noun ('The doctors, members of X,'; the parser may
            # make both subjects of the verb)
            beside = [c for c in t.head.children if c.i < t.i and (c.dep_ == t.dep_ or c.dep_ == "appos")] + \
                [c for c in t.children if c.dep_ == "appos"] + ([t.head] if t.dep_ == "appos" else [])
            if t.i != r.head and any(c.lemma_.lower() == lemma and c.pos_ == "NOUN" for c in beside):
                return r
        return None

    def _armed_group(self, seg_id: int, tok) -> Referent | None:  # noqa: ANN001
        """The armed group 'les insurgés' stand for: the most salient organisation of the
        actor table's rebel sector mentioned up to here, when it is twice as salient as any other."""
        refs = [r for r in self.coref.refs if (r.seg, r.start) <= (seg_id, tok.idx)]
        if not refs:
            return None
        n = max(refs, key=lambda r: (r.seg, r.start)).sent
        scored = sorted(((who.salience(n, True), id(who), who) for who in self.coref.referents
                         if who.kind == "organisation" and self.info(who.actor_id).get("sector") == "REB"), reverse=True)
        scored = [x for x in scored if x[0] > 0]
        if not scored or (len(scored) > 1 and scored[1][0] * 2 > scored[0][0]):
            return None
        return scored[0][2]

    def _organisation_subject_before(self, seg_id: int, tok) -> Ref | None:  # noqa: ANN001
        """'X did not accept the offer. A spokesperson said …': the organisation named as the
        subject of the sentence before (or of this one, before the spokesperson)."""
        sent = tok.sent
        here = [r.sent for r in self.coref.refs_in(seg_id, sent.start_char, sent.end_char)]
        if not here:
            return None
        n = here[0]
        cands = [r for r in self.coref.refs if r.kind == "organisation" and r.form == "name" and r.role == "subj"
                 and r.referent is not None and r.quote is None and n - 1 <= r.sent <= n and (r.seg, r.start) < (seg_id, tok.idx)]
        return cands[-1] if cands else None

    def _person_nouns(self) -> frozenset[str]:
        """Common nouns of a person ('le ministre', 'l'avocat'; coreference's ``person_nouns``), folded."""
        return self._memo("coref:person_nouns", lambda: frozenset(fold(w) for w in lexicon(self.lang).get("person_nouns", ())))

    def _media_nouns(self) -> frozenset[str]:
        """Common nouns of a medium ('le journal', 'le quotidien', 'la chaîne'): coreference's
        ``org_nouns`` of kind media."""
        return self._memo("coref:media_nouns", lambda: frozenset(
            k for k, v in lexicon(self.lang).get("org_nouns", {}).items() if v == "media"))

    def _medium_cited_before(self, seg_id: int, tok) -> Found | None:  # noqa: ANN001
        """The source an earlier 'selon X' / 'd'après X' cited, in the twelve sentences before a
        medium named by a common noun ('Selon Mediapart, … Le journal précise que …'): the
        article goes on with the medium it quotes, not with another organisation it mentions.
        A person of the actor table or a full person name is no medium."""
        sents = [(sid, sent) for sid in range(seg_id, -1, -1)
                 for sent in reversed(list(self.segments[sid].doc.sents)) if sid < seg_id or sent.end <= tok.sent.start][:12]
        for sid, sent in sents:
            found = self._cue_phrase(sid, sent)
            if found is None or found.who is None:
                continue
            if found.who.actor_id and self.info(found.who.actor_id).get("type") == "person":
                return None
            if found.referent is not None and found.referent.kind == "person" and len(found.referent.name.split()) > 1:
                return None
            return found
        return self._medium_reported_before(seg_id, tok, {(sid, sent.start) for sid, sent in sents})

    def _medium_reported_before(self, seg_id: int, tok, window: set[tuple[int, int]]) -> Found | None:  # noqa: ANN001
        """'Les autorités sont débordées, rapporte La Provence. … D'après le quotidien régional, …':
        the last source reported before in those sentences with an inverted or plain cue, when no
        'selon X' named one; a person is no medium."""
        for _quote, found, where in reversed(self._reported):
            r_seg, r_start, _ = where.pieces[0]
            if (r_seg, r_start) >= (seg_id, tok.idx):
                continue
            doc = self.segments[r_seg].doc
            sent = next((s for s in doc.sents if s.start_char <= r_start < s.end_char), None)
            if sent is None or (r_seg, sent.start) not in window:
                return None
            person = found.referent is not None and found.referent.kind == "person" or \
                bool(found.who and found.who.actor_id and self.info(found.who.actor_id).get("type") == "person")
            return None if person else found
        return None

    def _org_nouns(self) -> frozenset[str]:
        """Common nouns of organisations ('l'enseigne', 'the company'): coreference's ``org_nouns``."""
        return self._memo("coref:org_nouns", lambda: frozenset(lexicon(self.lang).get("org_nouns", {})))

    def _first_of_pair(self, ref: Ref) -> Ref | None:
        """'X et Y ont porté plainte. … ils ont annoncé': a plural pronoun after a subject naming
        two or more people speaks for them all; the speaker is the first one named."""
        names = [r for r in self.coref.refs if r.kind == "person" and r.form == "name" and r.referent is not None
                 and r.quote is None and (r.seg, r.start) < (ref.seg, ref.start) and 0 <= ref.sent - r.sent <= 2]
        subjects = [r for r in names if r.role == "subj"]
        if not subjects:
            return None
        last = subjects[-1]
        pair = [r for r in names if r.seg == last.seg and r.sent == last.sent]

        def joined(a: Ref, b: Ref) -> bool:
            between = self.texts[a.seg][a.end:b.start].strip().lower()
            return a.end <= b.start and (between == "," or between in closed_words("sentence_conjunctions"))

        first = last
        for r in reversed(pair):  # walk back over 'A, B et C'
            if r is not first and joined(r, first):
                first = r
        grouped = first is not last or any(joined(last, r) for r in pair)
        return first if grouped else None

    def _source_of_proxy(self, tok):  # noqa: ANN001, ANN202
        """The body a spokesperson or officials speak for: their complement ('le
        porte-parole du groupe', 'officials of the agency') or a name written before them
        ('US officials', 'PG&E officials', 'Pentagon spokesman')."""
        for c in tok.children:
            if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i and c.i == tok.i - 1:
                return c
            if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ") and c.i == tok.i - 1 and \
                    c.lower_ in self._folded_raw("body_modifiers"):
                return c  # 'an Israeli army spokesman', 'a military spokesman': that body, not the one quoted before
            if c.dep_ == "nmod" and c.i > tok.i:
                return _past_bare_complement(tok, c)
            if c.dep_ == "prep" and c.lower_ in ("of", "for"):
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        return None

    def _from_token_as_is(self, seg_id: int, tok, cue: str | None, strength: int = 2) -> Found:  # noqa: ANN001
        ref = self._ref_for(seg_id, tok)
        doc = self.segments[seg_id].doc
        named = None
        demonym = tok.pos_ == "PROPN" and tok.ent_type_ not in PERSON_LABELS and self._grammar("inverted_incise") and \
            tok.i + 1 < len(doc) and doc[tok.i + 1].ent_type_ in PERSON_LABELS  # 'l'Argentine Mia X' (tagged a place)
        if (tok.pos_ == "NOUN" or demonym) and tok.i + 1 < len(doc):  # 'l'association Vigie Littoral', 'l'ONG Médecins sans frontières'
            nxt = doc[tok.i + 1]
            appos = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > tok.i]
            affiliation = nxt.ent_type_ == "ORG" and nxt.dep_ != "appos" and _anonymous(tok, self.lang) and fold(tok.lower_) in self._person_nouns()
            if (nxt.dep_ in ("appos", "flat:name") and nxt.head.i == tok.i and nxt.pos_ == "PROPN") or \
                    (nxt.ent_iob_ == "B" and nxt.ent_type_ in ("ORG", "PER", "PERSON") and not affiliation) or appos:
                # 'un député LREM', 'un militant CGT': an unnamed person's party or union, not a name
                nxt = nxt if not appos or nxt in appos else appos[0]  # 'The group that owns …, Big Machine, says'
                if nxt.head.i == tok.i and self._affiliation(nxt):
                    nxt = _person_named_after(tok, nxt) or nxt  # 'le président (LR) du Sénat Gérard Larcher': the person, not the party
                named = nxt
                other = self._ref_for(seg_id, nxt)
                if other is not None and other.referent is not None and \
                        (ref is None or ref.referent is None or ref.form == "description" or demonym):
                    ref = other  # 'The company that runs the AMAs, Dick Clark Productions, denies …': the name
        if ref is not None and ref.referent is not None:
            return Found(self.coref.participant(ref), ref, ref.referent, (seg_id, ref.start, ref.end), cue, strength)
        start, end = phrase(tok)
        text = self.texts[seg_id][start:end]
        institution = self._institution_of_members(tok)
        if institution is not None:  # 'les gendarmes racontent', 'police officers said': the institution speaks
            if any(c.dep_ == "nmod" and c.i > tok.i and c.text[:1].isupper() for c in tok.children) and len(text.split()) <= 6:
                institution = org_name(text)  # 'les sapeurs-pompiers du Var': which body, the one of that place
            return Found(Participant(text=text, name=institution), None, None, (seg_id, start, end), cue, strength)
        if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in self._folded_raw("collective_speakers") and not _anonymous(tok, self.lang):
            name = tok.text.lower() if tok.text.isupper() else tok.text
            if any(c.dep_ in ("nmod", "amod") and c.i > tok.i and tok.pos_ == "NOUN" or c.dep_ == "poss" and c.pos_ == "PROPN"
                   for c in tok.children) and len(text.split()) <= 6:  # 'l'armée égyptienne': which army, too
                name = org_name(text)  # 'le ministère des Affaires étrangères', 'Spain's health ministry': which one
            return Found(Participant(text=text, name=name), None, None, (seg_id, start, end), cue, strength)  # 'la police a indiqué'
        tok = named if named is not None else tok  # 'l'association Vigie Littoral': the name in apposition
        if _named(tok) and not _anonymous(tok, self.lang) and not _described_demonym(tok):
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None:
                stop = next((t for t in ent if t.i > tok.i and t.is_punct and t.text[:1] in ".:;!?"), None)
                ent = ent if stop is None else doc[ent.start:stop.i]  # 'The Observer.- France': a heading glued to the name
                start, end, text = ent.start_char, ent.end_char, ent.text
            org = self.coref.organisation_named(text)  # 'les chercheurs du CTC': the Combating Terrorism Center named before
            if org is not None:
                return Found(referent_participant(org, text, self.info), None, org, (seg_id, start, end), cue, strength)
            return Found(Participant(text=text, name=text), None, None, (seg_id, start, end), cue, strength)
        if ref is not None:  # someone coreference could not name: no speaker, but no one else either
            return Found(None, ref, None, (seg_id, ref.start, ref.end), cue, strength)
        return Found(None, None, None, (seg_id, start, end), cue, strength)

    def _coordinated_people(self, seg_id: int, tok) -> bool:  # noqa: ANN001
        """Is ``tok`` the first of two people's names joined by a conjunction, the subject before its
        verb ('Both X and Y told lawmakers that …', 'X et Y ont affirmé que …')? What they report
        together is no one person's words. (An incise placed after a quotation, '« … », ont conclu X et
        Y', gives the words to the first it names.)"""
        if tok.pos_ != "PROPN" or tok.dep_ not in SUBJ or tok.head.i < tok.i:
            return False
        return any(c.dep_ == "conj" and c.pos_ == "PROPN" and any(t.dep_ == "cc" for t in tok.doc[tok.i + 1:c.i])
                   and self._person(seg_id, tok) and self._person(seg_id, c) for c in tok.children)

    def _person(self, seg_id: int, tok) -> bool:  # noqa: ANN001
        """Does the name at ``tok`` refer to a person (coreference's referent, else the tagger's entity)?"""
        ref = self._ref_for(seg_id, tok)
        if ref is not None and ref.referent is not None:
            return ref.referent.kind == "person"
        return tok.ent_type_ in PERSON_LABELS

    def _institution_of_members(self, tok) -> str | None:  # noqa: ANN001
        """'les gendarmes' -> gendarmerie, 'police officers' -> police: plural members of an
        institution (``member_institutions``, keyed by the determiner or compound and the noun)."""
        if tok.pos_ != "NOUN" or not ("Plur" in tok.morph.get("Number") or tok.tag_ == "NNS"):
            return None
        table = self.lex.get("member_institutions", {})
        words = [c.lower_ for c in tok.children if c.dep_ in ("det", "compound") and c.i < tok.i]
        return next((table[f"{w} {tok.lower_}"] for w in words if f"{w} {tok.lower_}" in table), None)

    def _ref_for(self, seg_id: int, tok) -> Ref | None:  # noqa: ANN001
        """The coreference mention a subject token stands for: its own, that of its
        apposition or flat name, else a person named in apposition; never a name
        embedded in it ('la conseillère de Nicolas Sarkozy', 'Obama spokesman')."""
        ref = self.coref.ref_at(seg_id, tok.i)
        if ref is not None:
            return ref
        if tok.pos_ in ("NOUN", "ADJ", "PROPN"):  # 'la Première ministre danoise Mette Frederiksen'
            start, end = phrase(tok)
            for r in self.coref.refs:
                if r.seg == seg_id and r.kind == "person" and r.form in ("name", "title") and start <= r.start <= end + 2 \
                        and r.start >= tok.idx and r.referent is not None and \
                        not _complement_of_noun(self.segments[seg_id].doc, r) and \
                        not re.search(r"[.!?;:]", self.texts[seg_id][end:r.start]) and \
                        not ("," in self.texts[seg_id][end:r.start] and self._governs_after(seg_id, r)):
                    return r
        for t in (tok, *[c for c in tok.children if c.dep_ in ("appos", "flat:name", "flat")]):
            for r in self.coref.refs:
                if r.seg == seg_id and r.start <= t.idx < r.end:
                    head_tok = self.segments[seg_id].doc[r.head]
                    if head_tok.i == tok.i or head_tok.head.i == tok.i or r.head == t.i or t.i == tok.i:
                        return r
        return None

    def _before(self, q: Quotation) -> Found | None:
        """A reporting verb of the quotation's sentence, before it, whose subject stands
        outside quotation marks: 'X a déclaré : « … »', 'X estime qu'« … »'; else the
        subject of a sentence that introduces the quotation with a colon."""
        seg_id, a, _ = q.pieces[0]
        doc = self.segments[seg_id].doc
        sent = next((s for s in doc.sents if s.start_char <= a < s.end_char + 1), None)
        if sent is None:
            return None
        for tok in reversed(_last_sentence([t for t in sent if t.idx < a - 1])):  # the closest reporting verb first (not
            # in a sentence the parser joined to this one: '« … », justifie X. « … », s'enthousiasme Y')
            if tok.pos_ in ("VERB", "AUX") and self._is_reporting(tok) and not self._inside_any(seg_id, tok.idx):
                if self._named_in_noun_clause(q, tok):
                    continue  # 'un prototype considéré comme le « pace car »': no one is said to say it
                found = self._subject(seg_id, tok, outside=q, cue=_cue_text(tok), inverted=self._incise_between(seg_id, tok))
                if found is not None and (found.who is not None or found.ref is not None or self._unnamed(found)):
                    return found  # 'un élu constatait : « … »': someone unnamed speaks, no one else
        colon = self.texts[seg_id][:a].rstrip().rstrip("«“\"").rstrip()
        if colon.endswith(":") and sent.start_char < a:
            root = sent.root
            subj = self._subjects(root, lambda c: c.idx < a and not self._inside_any(seg_id, c.idx))
            if subj:
                return self._from_token(seg_id, subj[0], root.text)
        return None

    def _incise_between(self, seg_id: int, verb) -> bool:  # noqa: ANN001
        """Is ``verb`` the incise right after an earlier quotation of the sentence ('« … », a
        témoigné X, un habitant, « … »')? Then, in French, its subject follows it, and the
        quotation after the incise is that subject's too, not the words of an earlier subject
        the parser hung the verb on."""
        if not self._grammar("inverted_incise"):
            return False
        aux = [c.idx for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i]
        start = min([verb.idx, *aux])
        return bool(re.search(r"[»”\"]\s*,\s*$", self.texts[seg_id][:start]))

    def _named_in_noun_clause(self, q: Quotation, verb) -> bool:  # noqa: ANN001
        """Is the reporting verb before a short quotation with no verb of its own a bare past
        participle ('un prototype considéré comme le « pace car »', 'Interrogé sur les « gilets
        jaunes », X a estimé …')? Its sense is passive: the subject of the sentence is spoken of or
        to, not reported saying the words."""
        if not self._verbless_fragment(q, 8):
            return False
        seg_id, a, b = q.pieces[0]
        if verb.dep_ not in ("acl", "amod", "advcl") or "Part" not in verb.morph.get("VerbForm") or \
                "Past" not in verb.morph.get("Tense") or any(c.dep_.startswith("aux") or c.dep_ in SUBJ for c in verb.children):
            return False
        inside = list(self._span_tokens(seg_id, a, b))
        return bool(inside) and any(anc.i == verb.i for t in inside for anc in t.ancestors)  # the words hang on it

    def _just_quoted(self, found: Found, q: Quotation, previous: tuple[Quote, Found, Quotation] | None) -> bool:
        """« … », a expliqué X. « … », a-t-il ajouté: an incise pronoun right after a quotation
        its cue attributed, with no narration between, is the person just quoted (when the
        gender agrees), not another one coreference finds more salient."""
        if previous is None or found.ref is None or found.ref.form != "pronoun" or found.mention is None:
            return False
        _, pfound, pq = previous
        if pfound.who is None or pfound.cue in (None, "continuation") or pfound.strength < 2 or \
                (pfound.referent is not None and pfound.referent is found.referent):
            return False
        s, a, b = found.mention
        inverted = self.texts[s][a:b].startswith("-")
        if not inverted and (self._grammar("inverted_incise") or found.rule != "after"):
            return False  # only an inverted pronoun ('-t-il') belongs to the incise of this quotation
        p_seg, _, p_end = pq.pieces[-1]
        seg_id, start, _ = q.pieces[0]
        if p_seg == seg_id:
            between = self.texts[seg_id][p_end:start]
        elif not inverted and p_seg == seg_id - 1 and self.segments[p_seg].field == self.segments[seg_id].field and \
                not self.texts[seg_id][:start].strip(" \"“'‘"):
            between = self.texts[p_seg][p_end:]  # 'X said. ¶ "…," it added': the next paragraph opens with the quotation
        else:
            return False
        if self._narrates(between, cued=True) or self._someone_else(pfound, p_seg, p_end, seg_id, start):
            return False
        gender = _pronoun_genders(self.lang).get(pronoun_key(self.texts[s][a:b]))
        pgender = pfound.referent.gender if pfound.referent is not None else None
        if gender == "n":  # 'it added': an organisation just quoted, not a person
            return pfound.referent is None and self.info(pfound.who.actor_id).get("type") != "person" or \
                pfound.referent is not None and pfound.referent.kind != "person"
        return gender is not None and pgender in (None, gender)

    def _unnamed(self, found: Found) -> bool:
        """Is the speaker an unnamed person or group the cue's subject describes with an
        indefinite determiner ('un témoin', 'un élu', 'des habitants')?"""
        if found.mention is None:
            return False
        seg_id, a, b = found.mention
        words = self.segments[seg_id].doc.char_span(a, b, alignment_mode="expand")
        return words is not None and len(words) > 0 and words.root.pos_ == "NOUN" and _anonymous(words.root, self.lang)

    def _same_voice(self, found: Found, q: Quotation, previous: tuple[Quote, Found, Quotation] | None) -> bool:
        """« … », ajoutent-ils / ajoute le communiqué: a cue whose subject coreference could
        not name — a pronoun, or the document the previous speaker issued — right after
        another attributed quotation (this paragraph or the one before) is that speaker's."""
        if previous is None or previous[1].who is None or found.mention is None:
            return False
        p_seg, _, p_end = previous[2].pieces[-1]
        seg_id, a, _ = q.pieces[0]
        if not 0 <= seg_id - p_seg <= 1 or self.segments[p_seg].field != self.segments[seg_id].field:
            return False
        if found.rule != "after" and self._grammar("inverted_incise") and \
                (p_seg != seg_id or any(len(re.findall(r"\w+", chunk)) > 3 for chunk in
                                        re.split(r"[.!?…]\s+", self.texts[seg_id][p_end:a].strip(" »”\"«“"))[:-1])):
            return False  # '« … » Les explications n'ont pas convaincu les employés. Ils estiment que « … »': others
        if found.ref is not None and found.ref.form == "pronoun" and found.ref.quote is None:
            return True
        s, a, b = found.mention
        words = [fold(w) for w in re.findall(r"[\w-]+", self.texts[s][a:b])]
        first = self.segments[s].doc.char_span(a, b, alignment_mode="expand")
        if first is not None and len(first) and (first[0].like_num or first[0].lower_ in closed_words("indefinite_determiners")):
            return False  # '"…," one official said': someone else, unnamed, not the one who spoke for the speaker before
        if len(words) == 2 and words[1] in self._folded("proxy_nouns"):
            # '« … », a précisé ce porte-parole': the one who spoke for the speaker before; not a
            # description of the other gender ('se défend le journaliste' after a woman quoted)
            return not self._other_gender(first, previous[1])
        return bool(words) and any(w in self._folded("source_nouns") for w in words[:2])

    @staticmethod
    def _other_gender(words, pfound: Found) -> bool:  # noqa: ANN001
        """Does a description's determiner or noun tell a gender other than the one of the
        previous speaker ('le journaliste' after a woman)?"""
        if words is None or not len(words) or pfound.referent is None or pfound.referent.gender not in ("m", "f"):
            return False
        told = {g for t in words for g in t.morph.get("Gender") if t.pos_ in ("DET", "NOUN")}
        if len(told) != 1:
            return False
        return ("m" if "Masc" in told else "f") != pfound.referent.gender

    def _chained(self, q: Quotation) -> Found | None:
        """« Ce qui s'est passé est un triste condensé » qui visent à « faire peur », a déploré
        X: a quotation followed, in its sentence, by another whose cue comes after it; the cue
        attributes both."""
        seg_id, _, z = q.pieces[-1]
        text = self.texts[seg_id]
        # the next quotation of the sentence: the parser may end a sentence at a closing mark
        # ('« Honte à vous », « Vous allez le payer ! », a hurlé la foule'), so the text decides
        nxt = next((m for m in self.marks if m.pieces[0][0] == seg_id and z < m.pieces[0][1]), None)
        if nxt is None or re.search(r"[.!?…;:]", text[z + 1:nxt.pieces[0][1]]):
            return None
        found = self._after(nxt)
        if found is not None and found.who is None and found.mention is not None and found.strength == 2 and \
                (found.ref is None or self._unnamed(found)) and self._grammar("inverted_incise"):
            return Found(None, None, None, found.mention, found.cue, 1)  # '« … », « … », a hurlé la foule': no one named
        if found is None or found.who is None:
            return None  # a weak cue: a short phrase in marks stays a scare quote
        return Found(found.who, found.ref, found.referent, found.mention, found.cue, 1)

    def _main_verb_after(self, q: Quotation) -> Found | None:
        """'Pour lutter contre cette « guerre asymétrique », le président des Patriotes
        réclame …': the reporting verb of the sentence's main clause, after the quotation."""
        seg_id, a, _ = q.pieces[0]
        last_seg, _, z = q.pieces[-1]
        if last_seg != seg_id:
            return None
        doc = self.segments[seg_id].doc
        sent = next((s for s in doc.sents if s.start_char <= a < s.end_char + 1), None)
        if sent is None:
            return None
        for tok in sent:
            if tok.idx <= z or self._inside_any(seg_id, tok.idx):
                continue
            if tok.pos_ in ("VERB", "AUX") and self._is_reporting(tok) and (tok.dep_ == "ROOT" or tok.head.dep_ == "ROOT" and tok.dep_ == "conj"):
                if self._fragment_before_main_clause(q) and not self._said_through_a_verb(q, tok):
                    break  # 'Pour son « grand oral » devant les maires, X a rendu hommage …': a label in a phrase
                subj = [x for x in self._subjects(tok, lambda c: not self._inside_any(seg_id, c.idx))
                        if not self._in_phrase(q, seg_id, x)]
                if subj:
                    found = self._from_token(seg_id, subj[0], _cue_text(tok))
                    if found.who is not None:
                        return found
        if self._grammar("inverted_incise") and not self.texts[seg_id][sent.start_char:a].strip(" «“\""):
            # '« L'enquête a été lancée » sur l'endroit où …, a expliqué mercredi le N.2 du ministère, X': a
            # quotation opening its sentence, whose incise comes after the rest of the clause
            for tok in sent:
                if tok.idx <= z or self._inside_any(seg_id, tok.idx) or tok.pos_ not in ("VERB", "AUX") or \
                        tok.dep_.startswith("aux") or _non_finite(tok) or not self._is_reporting(tok):
                    continue
                k = tok.i - 1
                while k > sent.start and (doc[k].dep_.startswith("aux") or doc[k].pos_ == "ADV"):
                    k -= 1
                if doc[k].text != "," or any(c.dep_ in SUBJ and c.i < tok.i for c in tok.children):
                    continue
                incise = self._subject(seg_id, tok, outside=q, cue=_cue_text(tok), inverted=True)
                if incise is not None and incise.who is not None:
                    return incise
        return None

    def _next_sentence(self, q: Quotation) -> Found | None:
        """A quotation with no cue that opens the article or a paragraph, followed by a
        sentence whose subject speaks ('« … ». Invité de BFM TV, l'avocat de François
        Fillon, Me Antonin Lévy, a fait part de sa colère')."""
        last_seg, _, z = q.pieces[-1]
        seg_id, a, _ = q.pieces[0]
        doc = self.segments[last_seg].doc
        if self.texts[seg_id][:a].strip(" «“\"") and seg_id == last_seg:
            return None  # not at the start of its paragraph
        after = [s for s in doc.sents if s.start_char > z]
        if not after:
            return None
        sent = after[0]
        if any(self._inside_any(last_seg, t.idx) for t in sent):
            return None
        root = sent.root
        # the main verb, or one the parser set beside a participle it took for the root
        # ('Invité de BFM TV, l'avocat … a fait part de sa colère')
        for verb in (root, *[c for c in root.children if c.dep_ in ("parataxis", "conj") and not _non_finite(c)]):
            if verb.pos_ in ("VERB", "AUX") and self._is_reporting(verb):
                subj = self._subjects(verb)
                if subj:
                    found = self._from_token(last_seg, subj[0], _cue_text(verb))
                    if found.who is not None and found.referent is not None:
                        return found
        return None

    def _introduced(self, q: Quotation) -> Found | None:
        """A quotation that makes its whole sentence, with no cue, after a sentence whose
        subject is a named person or organisation ('Interrogé sur RTL, le ministre X a défendu
        le texte. ¶ « Il n'y a pas d'autre solution. »', 'Union leader Bob Marsh was furious.
        "They lied to us."'): that subject introduced it. The sentence before is the one
        just before in the paragraph, or the last one of the paragraph before."""
        seg_id, a, _ = q.pieces[0]
        last_seg, _, z = q.pieces[-1]
        doc = self.segments[seg_id].doc
        sent = next((s for s in doc.sents if s.start_char <= a < s.end_char + 1), None)
        if sent is None or self.texts[seg_id][sent.start_char:a].strip(" «“\"\n"):
            return None  # words before the quotation in its sentence
        ends = self.texts[last_seg][:z].rstrip().endswith((".", "!", "?", "…"))
        tail = self.texts[last_seg][z + 1:].lstrip(" »”\"\u00a0")
        if not ends and tail and tail[0] not in ".!?…\n":
            return None  # the sentence goes on after the quotation: '« Mur de la honte » : c'est ainsi que …'
        if not ends and not tail.strip() and not self.texts[seg_id][:a].strip(" «“\"\u00a0"):
            return None  # a paragraph of a few words in marks with no full stop: a subheading
        before = [s for s in doc.sents if s.end_char <= sent.start_char]
        sid = seg_id
        if not before:
            prev = seg_id - 1
            while prev >= 0 and self._empty(prev):
                prev -= 1
            if prev < 0 or self.segments[prev].field != self.segments[seg_id].field:
                return None
            sid, before = prev, list(self.segments[prev].doc.sents)
        if not before:
            return None
        intro = before[-1]
        if self.texts[sid][intro.start_char:intro.end_char].rstrip().endswith("?"):
            return None  # a question: the next words answer it
        root = intro.root
        subj = self._subjects(root, lambda c: not self._inside_any(sid, c.idx))
        if not subj or self._inside_any(sid, root.idx):
            return None
        reporting = root.pos_ in ("VERB", "AUX") and self._is_reporting(root)
        found = self._from_token(sid, subj[0], _cue_text(root) if reporting else None, strength=2 if reporting else 1)
        if found.who is None or found.group or (found.referent is None and not found.who.name):
            return None
        if found.referent is not None and found.referent.kind not in ("person", "organisation"):
            return None
        return found

    def _according(self, q: Quotation) -> Found | None:
        """'Selon X, « … »', 'Pour X, « … »', '« … », selon X', 'according to X'."""
        seg_id, a, _ = q.pieces[0]
        last_seg, _, z = q.pieces[-1]
        for sid, pos in ((seg_id, a), (last_seg, z)):
            doc = self.segments[sid].doc
            sent = next((s for s in doc.sents if s.start_char <= pos <= s.end_char), None)
            if sent is None:
                continue
            found = self._cue_phrase(sid, sent, exclude=q)
            if found is not None:
                return found
        return None

    def _cue_phrase(self, seg_id: int, sent, exclude: Quotation | None = None) -> Found | None:  # noqa: ANN001
        low = self.texts[seg_id][sent.start_char:sent.end_char].lower()  # sent.text (which joins its tokens anew)
        for cue in self.lex.get("according", ()):
            for m in re.finditer(rf"(?<!\w){re.escape(cue)}\s+", low):
                pos = sent.start_char + m.end()
                if self._inside_any(seg_id, pos):
                    continue
                opening = m.start() == 0 or low[:m.start()].strip() in closed_words("sentence_conjunctions")
                if cue in closed_words("short_according") and not opening:
                    continue  # 'pour X, « … »' only opens a sentence
                tok = next((t for t in sent if t.idx >= pos and t.pos_ in ("PROPN", "NOUN", "PRON") and not _in_modifier(t)), None)
                if tok is None:
                    continue
                if cue in closed_words("short_according") and not (tok.pos_ == "PROPN" or self.coref.ref_at(seg_id, tok.i) is not None):
                    continue
                cited = self._cited_by_source(seg_id, sent, pos)
                if cited is not None:
                    return cited
                person = self._last_person_in(seg_id, sent, pos)
                if person is not None:
                    return Found(self.coref.participant(person), person, person.referent, (seg_id, person.start, person.end),
                                 cue.strip())
                head = tok
                while head.dep_ in ("flat:name", "flat", "compound", "amod") and head.head.i != head.i and head.head.i > head.i:
                    head = head.head
                head = self._source_of(head)
                found = self._from_token(seg_id, head, cue.strip())
                if found.who is not None or found.ref is not None or found.mention is not None:
                    return found
        return None

    def _cited_by_source(self, seg_id: int, sent, pos: int) -> Found | None:  # noqa: ANN001
        """'Selon Le Parisien, citant le maire de Vaumoise, …': the one the source cites speaks
        (anonymous when only described), not the source that relays the words."""
        doc = sent.doc
        for t in doc[_token_at(doc, pos):min(sent.end, _token_at(doc, pos) + 10)]:
            if t.text in (";", ":", ".") or self._inside_any(seg_id, t.idx):
                return None
            if t.lower_ in self._folded_raw("citing_words") and t.i > 0 and doc[t.i - 1].text == ",":
                obj = next((c for c in t.children if c.dep_ in ("obj", "dobj") and c.pos_ in ("NOUN", "PROPN")), None)
                return self._from_token(seg_id, obj, t.text) if obj is not None else None
        return None

    def _last_person_in(self, seg_id: int, sent, pos: int):  # noqa: ANN001, ANN202
        """The person a cue phrase names: in 'selon Bank of France Governor Francois Villeroy
        de Galhau' or 'selon le porte-parole du Kremlin, Dmitri Peskov' the last person named
        before the phrase ends, never one inside a 'de X' complement ('la conseillère de X')."""
        end = next((t.idx for t in sent if t.idx > pos and t.text in (",", ";", ":", ".", "«", "“", "\"")
                    and not (t.text == "," and self._apposed_name(seg_id, sent, t))), sent.end_char)
        doc = self.segments[seg_id].doc
        people = [r for r in self.coref.refs if r.seg == seg_id and r.kind == "person" and r.form in ("name", "title")
                  and pos <= r.start < end and r.referent is not None]
        people = [r for r in people if not _complement_of_noun(doc, r)]
        return people[-1] if people else None

    def _governs_after(self, seg_id: int, r: Ref) -> bool:
        """Is a name followed by more of its clause (its verb) rather than by punctuation or the
        sentence end? Then after a comma it is no apposition but the subject of what follows."""
        doc = self.segments[seg_id].doc
        after = next((t for t in doc if t.idx >= r.end), None)
        return after is not None and not after.is_punct and not after.is_sent_start

    def _apposed_name(self, seg_id: int, sent, comma) -> bool:  # noqa: ANN001
        """Is the person named right after this comma an apposition of the cue phrase ('selon le
        porte-parole du Kremlin, Dmitri Peskov, …')? An apposition closes with punctuation or the
        sentence; a name followed by its verb is the subject of the reported clause ('Selon La
        Provence, Christophe Castaner est attendu …'), and the cue phrase ends at the comma."""
        doc = sent.doc
        if comma.i + 1 >= len(doc):
            return False
        name = next((r for r in self.coref.refs if r.seg == seg_id and r.kind == "person" and r.form == "name"
                     and r.start == doc[comma.i + 1].idx), None)
        if name is None:
            return False
        return not self._governs_after(seg_id, name)

    def _colon_before(self, q: Quotation) -> Found | None:
        """The sentence before the quotation ends with a colon: its subject speaks
        ('X a réagi sur Twitter :', 'Voici ce qu'il a dit :')."""
        seg_id, a, _ = q.pieces[0]
        doc = self.segments[seg_id].doc
        head = self.texts[seg_id][:a].rstrip().rstrip("«“\"").rstrip()
        candidates = []
        label = self._label_speaker(seg_id, head)
        if label is not None:
            return label
        if head.endswith(":"):
            sents = [s for s in doc.sents if s.end_char <= a]
            if sents:
                candidates.append((seg_id, sents[-1]))
        elif not head and seg_id > 0:
            prev = self.segments[seg_id - 1]
            if prev.field == self.segments[seg_id].field and self.texts[seg_id - 1].rstrip().endswith(":"):
                sents = list(prev.doc.sents)
                if sents:
                    candidates.append((seg_id - 1, sents[-1]))
        for sid, sent in candidates:
            root = sent.root
            verbs = [root] + [t for t in sent if t.pos_ == "VERB" and t is not root]
            for verb in verbs:
                subj = self._subjects(verb, lambda c, sid=sid: not self._inside_any(sid, c.idx))
                if subj:
                    found = self._from_token(sid, subj[0], verb.text)
                    if found.who is not None or found.ref is not None:
                        return found
            cued = self._cue_phrase(sid, sent)
            if cued is not None:
                return cued
        return None

    def _label_speaker(self, seg_id: int, head: str) -> Found | None:
        """'Claire Vautrin : « Non, nous irons jusqu'au bout. »', 'Laura Chen: "No."': a paragraph
        that opens with a name and a colon (an interview's questions and answers, a
        transcript) gives the words to the one it names."""
        if not head.endswith(":"):
            return None
        label = head[:-1].rstrip()
        if not label or len(label.split()) > 6 or any(ch in label for ch in ".!?;,«»“”\""):
            return None
        refs = [r for r in self.coref.refs if r.seg == seg_id and r.end <= len(label) and r.referent is not None
                and r.kind in ("person", "organisation") and r.form in ("name", "surname")]
        if not refs or label[:refs[0].start].strip() or label[refs[-1].end:].strip():
            return None  # the label is the name alone
        r = refs[-1]
        return Found(self.coref.participant(r), r, r.referent, (seg_id, r.start, r.end), None)

    def _continuation(self, q: Quotation, previous: tuple[Quote, Found, Quotation] | None) -> Found | None:
        """A quotation with no cue of its own right after another one (the next sentence
        or paragraph, nothing said in between) continues its speaker."""
        if previous is None:
            return None
        _, pfound, pq = previous
        unnamed = pfound.who is None and pfound.ref is None and pfound.mention is not None and pfound.strength == 2 \
            and pfound.rule == "after" and self._grammar("inverted_incise")  # '« … », rappelle son entourage. « … »'
        if pfound.who is None and pfound.ref is None and not unnamed:
            return None
        p_seg, _, p_end = pq.pieces[-1]
        seg_id, a, _ = q.pieces[0]
        if self._heading_quotation(q):
            return None
        if p_seg == seg_id:
            between = self.texts[seg_id][p_end:a]
            toks = list(self._span_tokens(seg_id, p_end, a))
        elif p_seg == seg_id - 1 or (seg_id - p_seg == 2 and self._empty(seg_id - 1)):
            if self.segments[p_seg].field != self.segments[seg_id].field:
                return None
            between = self.texts[p_seg][p_end:] + " " + self.texts[seg_id][:a]
            toks = [*self._span_tokens(p_seg, p_end, len(self.texts[p_seg])), *self._span_tokens(seg_id, 0, a)]
        else:
            return None
        cued = any(t.pos_ in ("VERB", "AUX") and self._is_reporting(t) for t in toks)  # '», a indiqué le porte-parole.'
        cued = cued or not any(t.pos_ in ("VERB", "AUX") for t in toks)  # '« … » aux élections de 2019. « … »': no new clause
        if self._narrates(between, cued) and not self._about(pfound, p_seg, p_end, seg_id, a):
            return None
        if self._someone_else(pfound, p_seg, p_end, seg_id, a):
            return None
        if self._grammar("inverted_incise") and self._fragment_in_narration(q, between):
            return None
        if self._subject_of_verb_tagged_modifier(q) is not None:
            return None  # '», dénonce-t-il. La Commission … alerte sur « … »': the new subject's words
        return Found(pfound.who, pfound.ref, pfound.referent, pfound.mention, "continuation")

    def _fragment_in_narration(self, q: Quotation, between: str) -> bool:
        """Is a short quotation with no verb of its own set inside a sentence of narration that
        began after the previous quotation ('», explique l'hebdomadaire. Et pour cause : son refus
        de négocier avec le mouvement des « policiers en colère »')? Words the narration puts in
        marks are no continuation of the speaker before."""
        if not self._verbless_fragment(q, 4):
            return False
        parts = re.split(r"[.!?…]\s+(?=[A-ZÀ-Ý«“\"])", between)
        if len(parts) < 2:
            return False
        lead = re.findall(r"\w[\w'’-]*", parts[-1])
        return len(lead) > 3 and not any(len(w) > 2 and (w.lower() in self.verbs or er_infinitive(w.lower()) in self.verbs)
                                         for w in lead)  # (a clitic such as 'se' is no verb of speech)

    def _verbless_fragment(self, q: Quotation, most: int) -> bool:
        """Is ``q`` one piece of at most ``most`` words with no clause of its own ('le « pace car »')?"""
        seg_id, a, b = q.pieces[0]
        return len(q.pieces) == 1 and not self._clause(q) and len(self.texts[seg_id][a:b].split()) <= most

    def _heading_quotation(self, q: Quotation) -> bool:
        """'6. "The Gordon problem"': a paragraph that is only a short quoted phrase with no
        sentence punctuation, perhaps numbered, is a heading naming what follows, not more
        words of the person quoted before it."""
        if len(q.pieces) > 1:
            return False
        seg_id, a, b = q.pieces[0]
        text = self.texts[seg_id]
        words = text[a:b].strip()
        rest = (text[:a] + text[b:]).strip(" \t\n\"“”«»'‘’")
        if not words or re.search(r"[.!?;,:]$", words) or not words[:1].isupper():
            return False
        if len(words.split()) <= 6 and not re.sub(r"^\d+[.)]?", "", rest).strip():
            return True
        before, after = text[:a].rstrip(" \t\"“«"), text[b:].strip(" \t\"”»")
        return self._grammar("inverted_incise") and not after and len(words.split()) <= 15 and \
            (not before or before.endswith((".", "!", "?", "…", "»", "\"", "”")))  # a pulled quote ending its paragraph

    def _intertitle(self, q: Quotation) -> bool:
        """Is ``q`` an intertitle: a quotation set between dashes ('….- « Pas à la hauteur » -Le
        ministre a jugé …', where scraping glued the heading to the text around it), or in
        capitals ('LE FN EST « UNE IMPASSE »')? Such a heading repeats words quoted below it."""
        if len(q.pieces) > 1 or not self._grammar("dashed_intertitles"):
            return False
        seg_id, a, b = q.pieces[0]
        text = self.texts[seg_id]
        words = text[a:b].strip()
        if len(re.findall(r"[^\W\d_]{2,}", words)) >= 2 and words.isupper():
            return True
        before, after = text[:a].rstrip(" \t\"“«"), text[b:].lstrip(" \t\"”»")
        return before.endswith("-") and after.startswith("-")

    def _capitals_intertitle(self, q: Quotation) -> bool:
        """Is ``q`` a quotation in capitals within a heading in capitals that scraping glued to
        the text ('… rembourser. DES BOUTEILLES ÉTIQUETÉES « PARLEMENT EUROPÉEN » Le service de
        presse a rappelé …')? Only the heading itself may name its speaker; the sentence after
        it, or the quotation before, is no cue of its words."""
        if not self._intertitle(q):
            return False
        seg_id, a, b = q.pieces[0]
        text = self.texts[seg_id]
        before = re.findall(r"[^\W\d_]{2,}", re.split(r"[.!?»”]", text[:a])[-1])
        return text[a:b].isupper() and bool(before) and all(w.isupper() for w in before)

    def _someone_else(self, pfound: Found, p_seg: int, p_end: int, seg_id: int, a: int) -> bool:
        """Is someone other than the previous speaker named as a subject between two quotations
        ('« … », clame X. Y, secrétaire du parti, a tweeté sa « … »')? Then the second is not a continuation."""
        for r in self.coref.refs:
            if not (p_seg, p_end) < (r.seg, r.start) < (seg_id, a) or r.form != "name" or r.quote is not None or \
                    r.referent is None or r.referent is pfound.referent or r.kind not in ("person", "organisation"):
                continue
            head = self.segments[r.seg].doc[r.head]
            while head.dep_ in ("flat:name", "flat", "appos", "compound") and head.head.i != head.i:
                head = head.head  # 'le procureur Marc Lenoir a appelé au calme': the name stands beside the subject
            if head.dep_ in SUBJ and self._comment_mark(head.head) is None:  # 'comme l'ajoute X' names a source, not a speaker
                return True
        return False

    def _about(self, pfound: Found, p_seg: int, p_end: int, seg_id: int, a: int) -> bool:
        """Is the narration between two quotations about the previous speaker only ('l'édile
        est persuadé de …')? Then the next quotation is still theirs."""
        if pfound.referent is None:
            return False
        refs = [r for r in self.coref.refs if (r.seg, r.start) > (p_seg, p_end) and (r.seg, r.start) < (seg_id, a)
                and r.kind == "person" and r.quote is None]
        subjects = [r for r in refs if r.role == "subj"]
        return bool(refs) and all(r.referent is pfound.referent for r in subjects or refs)

    def _empty(self, seg_id: int) -> bool:
        return not self.texts[seg_id].strip()

    def _narrates(self, between: str, cued: bool = False) -> bool:
        """Does the text between two quotations say something of its own (a new
        sentence with a verb, another person)? A cue of the previous quotation
        ('», a-t-il ajouté.') does not count."""
        words = re.findall(r"\w[\w'’-]*", between)
        if len(words) <= 1:
            return False
        if len(words) > 25:
            return True
        lowered = [w.lower() for w in words]
        verbs = [w for w in lowered if w in self.verbs or er_infinitive(w) in self.verbs]
        return not verbs and not cued and len(words) > 3

    def _governor(self, q: Quotation) -> Found | None:
        """The person subject of the verb the quotation depends on ('M. Bayrou plaide pour
        la création d'une « direction unique »', 'X a qualifié … de « … »')."""
        seg_id, a, b = q.pieces[0]
        inside = list(self._span_tokens(seg_id, a, b))
        if not inside:
            return None
        inside = [t for t in inside if t.sent.start == inside[0].sent.start]  # the quotation's first sentence holds its governor
        tok = min(inside, key=lambda t: len(list(t.ancestors)))
        for anc in [tok, *tok.ancestors]:
            verb = self._verb_tagged_modifier(anc, a) if anc.idx < a else None
            if verb is not None:  # 'La CNCDH alerte sur « les dangers »'
                found = self._from_token(seg_id, anc, verb.text, strength=2)
                return found if found.who is not None and (found.referent is not None or found.who.name) else None
            gerund = _gerund_subject(anc)
            if (anc.idx < a or anc.idx >= b) and (anc.pos_ in ("VERB", "AUX") or anc.dep_ == "ROOT" or gerund is not None):
                if anc.idx >= b and self._fragment_before_main_clause(q) and not self._said_through_a_verb(q, anc):
                    return None  # 'Pour son « grand oral » devant les maires, X a rendu hommage': a label in a phrase
                subj = [x for x in self._subjects(anc, lambda c: not (a <= c.idx < b))
                        if not self._in_phrase(q, seg_id, x, relative_antecedent(x))]
                agent = _passive_agent(anc, self._folded_raw("agent_marks"))
                if agent is not None and not (a <= agent.idx < b) and not self._inside_any(seg_id, agent.idx):
                    subj = [agent]  # 'qualifié d'« inacceptable » par le maire', 'called "reckless" by X'
                if not subj and gerund is not None and not (a <= gerund.idx < b):
                    subj = [gerund]  # 'with Minister X warning of « … »'
                if not subj and anc.dep_ in ("xcomp", "advcl", "conj") and anc.head.i != anc.i and \
                        not self._named_in_noun_clause(q, anc):
                    subj = [c for c in anc.head.children if c.dep_ in SUBJ and not (a <= c.idx < b)]
                if not subj and "Inf" in anc.morph.get("VerbForm") and self._is_reporting(anc):
                    subj = self._main_clause_subject(anc, a, b)
                if subj:
                    found = self._from_token(seg_id, subj[0], _cue_text(anc), strength=2 if self._is_reporting(anc) else 1)
                    if found.who is not None and (found.referent is not None or found.who.name):
                        return found
                return None
        return None

    def _subject_of_verb_tagged_modifier(self, q: Quotation):  # noqa: ANN202
        """The root noun of the quotation's sentence when a reporting verb tagged as its modifier
        governs the quotation ('La Commission … alerte sur « … »'), else None."""
        seg_id, a, b = q.pieces[0]
        inside = list(self._span_tokens(seg_id, a, b))
        if not inside:
            return None
        root = inside[0].sent.root
        return root if root.idx < a and self._verb_tagged_modifier(root, a) is not None else None

    def _verb_tagged_modifier(self, root, a: int):  # noqa: ANN001, ANN202
        """'La Commission alerte sur « … »': a present reporting verb that is also a noun or an
        adjective ('alerte', 'note'), tagged as a modifier in the noun phrase the parser made the root
        of a sentence with no verb, right before a preposition or the quotation: that verb (its
        subject is the root), else None."""
        if root.dep_ != "ROOT" or root.pos_ not in ("NOUN", "PROPN") or not self._grammar("inverted_incise") or \
                any(t.pos_ in ("VERB", "AUX") for t in root.sent):
            return None
        doc = root.doc
        return next((c for c in root.subtree if c.i > root.i and c.idx < a and c.pos_ in ("NOUN", "ADJ")
                     and c.dep_ in ("amod", "nmod", "appos") and not any(d.dep_ in ("det", "case") for d in c.children)
                     and c.i + 1 < len(doc) and (doc[c.i + 1].pos_ == "ADP" or doc[c.i + 1].idx >= a - 1)
                     and self._is_reporting(c)), None)  # 'alerte sur', 'note que': right before the quotation's phrase

    def _main_clause_subject(self, verb, a: int, b: int) -> list:  # noqa: ANN001
        """The noun subject of the finite clause a chain of infinitives and gerunds hangs on
        ('Paris a haussé le ton en convoquant l'ambassadeur pour dénoncer la détention
        « intolérable »': Paris): an infinitive reporting verb has no subject of its own, so the
        quoted words are said by the subject of the verb it depends on (a date the parser took
        for a subject, 'Le 27, Paris …', is not one)."""
        verbs = [anc for anc in verb.ancestors if anc.pos_ in ("VERB", "AUX")][:3]
        for anc in verbs:
            subj = [c for c in anc.children if c.dep_ in SUBJ and c.pos_ in ("NOUN", "PROPN", "PRON") and not (a <= c.idx < b)]
            if subj:
                return subj[-1:]
            if not _non_finite(anc):
                return []
        return []

    # ------------------------------------------------------------- kinds

    def _label(self, q: Quotation, text: str, found: Found | None) -> str:
        """direct, or scare / title / term for words in quotation marks that no one is
        reported to say."""
        seg_id, a, _ = q.pieces[0]
        before = fold(self.texts[seg_id][max(0, a - 40):a].rstrip(" «“\""))
        prev = re.findall(r"[\w-]+", before)[-2:] if before[-1:].isalnum() else []
        if prev and prev[-1] in closed_words("indefinite_determiners"):
            prev = prev[-1:]  # 'called the campaign a “bold effort”': a description given to it, not its title
        words = text.split()
        if any(w in self._folded("title_nouns") for w in prev) or any(w in self._folded("title_verbs") for w in prev):
            return "title"
        strong = found is not None and found.strength == 2 and found.cue != "continuation" and \
            (found.who is not None or found.ref is not None or found.mention is not None)
        named = found is not None and found.who is not None
        if any(_ends_with_split_cue(before, c) for c in self._folded("charge_cues")):
            return "term"  # 'a porté plainte pour « diffamation »': the offence's legal name, not anyone's words
        if any(before.endswith(c) for c in self._folded("term_cues")):
            return "direct" if named and found is not None and found.strength >= 1 and len(words) <= 4 and found.cue != "continuation" else "term"
        last_seg, _, z = q.pieces[-1]
        incise = self.texts[last_seg][z + 1:z + 3].lstrip().startswith(",") or \
            self.texts[last_seg][max(0, z - 2):z].rstrip().endswith(",")  # '“Amazing,” Davis said': the comma inside the marks
        if len(q.pieces) == 1 and self._title_case(text) and not (found is not None and found.rule == "after" and incise):
            return "title"  # 'Invité de « Dimanche en Politique »', 'played “We’re Not Gonna Take It”
        if strong:
            return "direct"
        speech = self._speech(text)
        if found is not None and found.cue == "continuation":
            alone = re.search(r"[.!?]\W*$", text) is not None and \
                re.search(r"(^|[.!?…][\"”»’']?)$", self.texts[seg_id][:max(0, a - 1)].rstrip()) is not None
            return "direct" if len(words) >= 3 or alone else "scare"  # '… he said. “Please.”': a sentence of their own
        if found is not None and found.strength == 1 and named:
            return "direct" if speech or found.rule == "chained" else "scare"
        return "direct" if speech or len(words) > 4 else "scare"

    def _clause(self, q: Quotation) -> bool:
        """Does the quotation hold a finite verb (words said, not a name or a label)?"""
        return any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")
                   for seg_id, a, b in q.pieces for t in self._span_tokens(seg_id, a, b))

    def _speech(self, text: str) -> bool:
        """Words that read as said: six words or more, a sentence's end, the first person."""
        return len(text.split()) >= 6 or bool(re.search(r"[.!?…]$", text)) or self._first_person(text)

    def _grammar(self, switch: str) -> bool:
        """Whether the article's language has ``grammar[switch]`` in its data (:mod:`veille.languages`),
        read once per switch for the article (this is asked per token)."""
        cache = self.__dict__.setdefault("_grammar_cache", {})
        if switch not in cache:
            cache[switch] = grammar(self.lang, switch)
        return cache[switch]

    def _folded(self, key: str) -> frozenset[str]:
        cache = self.__dict__.setdefault("_fold_cache", {})
        if key not in cache:
            cache[key] = frozenset(fold(x) for x in self.lex.get(key, ()))
        return cache[key]

    def _first_person(self, text: str) -> bool:
        from veille.understand.coref import lexicon

        firsts = lexicon(self.lang).get("first_person", frozenset())
        return any(w in firsts for w in re.findall(r"[\w]+['’]?", text.lower()))

    def _title_case(self, text: str) -> bool:
        """'Star Wars', 'Mary Poppins', 'Dimanche en Politique': the name of a work."""
        small = self._folded("title_small_words")
        words = [w for w in re.findall(r"[\w’'-]+", text) if fold(w) not in small]
        if not words or len(words) > 8 or text.isupper():
            return False
        if len(words) == 1:
            return self._grammar("single_word_titles") and words[0][:1].isupper() and len(text) > 3 and \
                fold(words[0]) not in self._folded("not_titles")
        return all(w[:1].isupper() or w[:1].isdigit() for w in words)

    # ------------------------------------------------------------- indirect speech

    def _indirect(self, seg_id: int, seg: Segment) -> Iterator[Quote]:
        doc = seg.doc
        quoted = [(x, y) for q in self.marks for s, x, y in q.pieces if s == seg_id]
        for i in _verbs_and_after_commas(doc):
            tok = doc[i]
            noun_cue = i > 0 and doc[i - 1].text == "," and self._verb_tagged_noun(tok, [])  # '…, note BFMTV'
            if tok.pos_ not in ("VERB", "AUX") and not noun_cue or not self._is_indirect(tok) or \
                    any(x <= tok.idx < y for x, y in quoted):
                continue
            clause = self._complement(tok) if not noun_cue else self._clause_before(tok)
            if not clause:
                continue
            start, end = clause[0].idx, clause[-1].idx + len(clause[-1].text)
            marks = [q for q in self.marks if any(s == seg_id and x - 1 <= start and end <= y + 1 for s, x, y in q.pieces)]
            if marks:
                continue  # the whole clause is a quotation: a direct quote
            # '<clause>, rappelle Air Journal': a cue after its clause has its subject after it (inverted incise)
            inverted = self._grammar("inverted_incise") and (clause[-1].i < tok.i or self._comment_mark(tok) is not None)
            found = self._subject(seg_id, tok, cue=_cue_text(tok), inverted=inverted)
            if found is None or found.mention is None or start <= found.mention[1] < end:
                continue
            mention = found.mention
            if found.group:  # reported speech of a group ('ils ont annoncé que …') holds labels they did not say
                found = Found(None, found.ref, None, mention, found.cue, found.strength)
            words = doc.char_span(mention[1], mention[2], alignment_mode="expand")
            subj = words.root if words is not None and len(words) else doc[_token_at(doc, mention[1])]
            if not self._speaker_like(seg_id, subj, found):
                continue
            if clause[-1].i < tok.i and any(self._is_reporting(t) and t.pos_ in ("VERB", "AUX") and not _non_finite(t) and (
                    any(c.dep_ in SUBJ and c.i > t.i for c in t.children) or any(x.text.startswith("-") for x in t.doc[max(0, t.i - 2):t.i + 3]))
                    for t in clause):
                continue  # '« … », a-t-il répondu au journal, a relevé X': the clause holds its own incise
            if clause[-1].i < tok.i and tok.lemma_.lower() in self._folded_raw("learning_verbs") and self._own_report(clause):
                continue  # 'le maire réclame que …, a appris l'AFP': the mayor's words, which the agency learned
            text = self.texts[seg_id][start:end]
            quote = self._quote(text, "indirect", Span(field=seg.field, start=seg.offset + start, end=seg.offset + end, text=text), found)
            if found.who is not None and self._comment_mark(tok) is None:  # 'comme le précise X' reports a fact, not a voice that goes on
                self._reported.append((quote, found, Quotation(pieces=[(seg_id, start, end)])))
            yield quote
        yield from self._according_clauses(seg_id, seg)

    def _own_report(self, clause: list) -> bool:
        """Does a clause before its cue hold its own reporting verb, with its subject and its
        complement ('Le maire réclame que les écoles restent ouvertes, a appris l'AFP')? After a
        verb of learning the words are that subject's; the agency only learned them."""
        first = clause[0].i
        return any(t.pos_ in ("VERB", "AUX") and self._is_indirect(t) and not _non_finite(t)
                   and any(c.dep_ in SUBJ and first <= c.i < t.i for c in t.children) and self._complement(t)
                   for t in clause)

    def _according_clauses(self, seg_id: int, seg: Segment) -> Iterator[Quote]:
        """'Selon X, <clause>' / '<clause>, selon X' / 'according to X': the rest of the sentence."""
        doc = seg.doc
        text = self.texts[seg_id].lower()
        short = closed_words("short_according")
        cues = [c for c in self.lex.get("according", ()) if c not in short and c in text]
        if not cues:
            return
        for sent in doc.sents:
            low = self.texts[seg_id][sent.start_char:sent.end_char].lower()  # sent.text.lower() (Span.text joins its tokens anew)
            for cue in cues:
                m = re.search(rf"(?<!\w){re.escape(cue)}\s+", low)
                if m is None:
                    continue
                pos = sent.start_char + m.start()
                if self._inside_any(seg_id, pos):
                    continue
                cue_tok = next((t for t in sent if t.idx >= pos), None)
                if cue_tok is None:
                    continue
                phrase_end = self._cue_phrase_end(seg_id, sent, cue_tok, m.end() + sent.start_char)
                found = self._cue_phrase(seg_id, sent)
                if found is None:
                    continue
                head_start, head_end = sent.start_char, pos
                tail_start, tail_end = phrase_end, sent.end_char
                if (aside := _aside_apposition(sent, cue_tok, phrase_end)) is not None:
                    start, end = aside  # 'X, victime d'un attentat, selon son entourage, a posté …': the apposition
                elif head_end - head_start >= tail_end - tail_start:
                    start, end = head_start, head_end
                else:
                    start, end = tail_start, tail_end
                text = self.texts[seg_id][start:end].strip(" ,;:.\n")
                if len(text.split()) < 3:
                    continue
                start = self.texts[seg_id].find(text, start)
                if any(s == seg_id and x <= start and start + len(text) <= y for q in self.marks for s, x, y in q.pieces):
                    continue
                quoting = any(s == seg_id and start <= x < start + len(text) for q in self.marks for s, x, _ in q.pieces)
                if (start < pos or quoting) and any(
                        t.pos_ in ("VERB", "AUX") and self._is_indirect(t) and start <= t.idx < start + len(text)
                        and any(c.dep_ in SUBJ and start <= c.idx < t.idx for c in t.children) and self._complement(t)
                        for t in sent):
                    break  # 'X said it would …, according to Y', 'According to Y, X posted: “…”': X's words, which Y
                    # reports (but 'Selon Y, X souhaitait que …' with no quotation: Y's account)
                if start < pos and self._inverted_incise_in(sent, start, start + len(text)):
                    break  # '<clause>, prévient la note, selon Le Parisien': the note's words, which the paper reports
                yield self._quote(text, "indirect", Span(field=seg.field, start=seg.offset + start,
                                                          end=seg.offset + start + len(text), text=text), found)
                break

    def _inverted_incise_in(self, sent, start: int, end: int) -> bool:  # noqa: ANN001
        """Does the clause between ``start`` and ``end`` close on an incise of its own, a reporting
        verb after a comma with its subject after it ('…, prévient la note')? In French this
        inverted order says whose words the clause is."""
        return self._grammar("inverted_incise") and any(
            t.pos_ in ("VERB", "AUX", "NOUN", "ADJ") and self._is_reporting(t) and t.i > 0 and t.doc[t.i - 1].text == ","
            and start < t.idx < end and not any(c.dep_ in SUBJ and c.i < t.i for c in t.children)
            and any((c.dep_ in SUBJ or c.dep_ in ("obj", "dobj")) and c.pos_ in ("NOUN", "PROPN") and t.idx < c.idx < end
                    for c in t.children) for t in sent)  # (the parser often calls the inverted subject an object)

    def _according_words(self) -> frozenset[str]:
        """The first words of the 'selon X' cue phrases ('selon', 'd'après')."""
        return self._memo("according_first", lambda: frozenset(
            c.split()[0].lower() for c in self.lex.get("according", ()) if c.split() and c not in closed_words("short_according")))

    def _cue_phrase_end(self, seg_id: int, sent, cue_tok, after: int) -> int:  # noqa: ANN001
        """End of 'selon le journaliste auteur de l'enquête': up to the next comma or the end,
        past a relative or participial clause or an apposition that describes the source
        ('selon l'ONG MSF, qui gère l'hôpital, …', 'selon le bilan, donné mercredi, …',
        'selon Jean Dupont, porte-parole du parti, …', 'selon le porte-parole, Jean Dupont, …')."""
        end = sent.end_char
        for _ in range(3):
            comma = next((t for t in sent if t.idx >= after and t.text in (",", ";", ":", ".")), None)
            if comma is None:
                return end
            nxt = sent.doc[comma.i + 1] if comma.i + 1 < sent.end else None
            describes = nxt is not None and comma.text == "," and (
                relative(nxt) or nxt.tag_ == "WP$" or (nxt.pos_ in ("VERB", "ADJ") and "Part" in nxt.morph.get("VerbForm")
                                        and nxt.dep_ in ("acl", "amod", "appos")) or
                (nxt.pos_ == "NOUN" and not any(c.dep_ == "det" for c in nxt.children) and nxt.dep_ in ("appos", "nmod", "acl")) or
                self._apposed_name(seg_id, sent, comma))
            if not describes:
                return comma.idx + 1
            after = comma.idx + 1
            nxt_comma = next((t for t in sent if t.idx > after and t.text == ","), None)
            if nxt_comma is None:
                return comma.idx + 1
            after = nxt_comma.idx
        return end

    def _complement(self, verb) -> list:  # noqa: ANN001
        """The reported clause of a reporting verb, without its conjunction: a 'que'/'that'
        clause (English 'that' may be left out), an infinitive ('il dit avoir facturé …'),
        or the clause a parenthetical cue follows ('…, Mayer said')."""
        comps = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
        if self._grammar("que_clause"):
            comps = [c for c in comps if any(m.dep_ == "mark" and m.lower_ in QUE for m in c.subtree if m.i < c.i)] or \
                [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and (c.pos_ in ("VERB", "AUX") or _infinitive_copula(c))
                 and is_reporting(verb, self._folded_raw("infinitive_verbs"))
                 and any("Inf" in t.morph.get("VerbForm") for t in c.subtree if t.i <= c.i)
                 and not any(m.dep_ in ("mark", "case") for m in c.children if m.i < c.i)]
        if not comps and not self._grammar("que_clause"):
            comps = self._that_clause_below(verb)
        if not comps and verb.lemma_.lower() in self._folded_raw("object_clause_verbs"):
            # 'The unions said more than 15,000 people registered': the object and its 'participle' are a clause
            comps = [o for o in verb.children if o.dep_ == "dobj" and o.i > verb.i and o.pos_ == "NOUN" and any(
                a.dep_ == "acl" and a.tag_ in ("VBD", "VBN") and a.i > o.i and any(g.dep_ in ("prep", "dobj", "advmod") for g in a.children)
                for a in o.children)]
        if not comps and verb.dep_ == "parataxis" and verb.head.i > verb.i and verb.head.pos_ in ("VERB", "AUX"):
            # 'Meanwhile, Dolan says, they are trying …': the clause the cue interrupts, after it
            toks = [t for t in verb.head.subtree if t.i > verb.right_edge.i]
            while toks and toks[0].is_punct:
                toks.pop(0)
            toks = _without_end_punct(toks)
            return toks if len(toks) >= 3 else []
        if not comps and self._comment_mark(verb) is not None:
            return self._commented_clause(verb)
        if not comps and (after_colon := self._colon_clause(verb)):
            return after_colon
        if not comps:
            return self._clause_before(verb)
        comp = comps[0]
        toks = [t for t in comp.subtree if t.i > verb.i]
        if toks and self._grammar("que_clause"):  # a que-clause runs to the end of the sentence, or to an incise
            sent = verb.sent
            tail = [t for t in verb.doc[toks[-1].i + 1:sent.end]]
            cut = next((k for k, t in enumerate(tail) if t.text in (",", ";", ":") and k + 1 < len(tail)
                        and (self._is_reporting(tail[k + 1]) or tail[k + 1].lower_ in self._according_words())), None)
            toks += tail[:cut] if cut is not None else tail
        cut = next((k for k, t in enumerate(toks[:-1]) if t.text == "," and toks[k + 1].lower_ in self._according_words()), None)
        if cut is not None:
            toks = toks[:cut]  # '… sera votée, selon Le Monde': the source is not the reported words
        toks = self._before_other_report(comp, toks)
        while toks and (toks[0].dep_ == "mark" and toks[0].lower_ in QUE or toks[0].is_punct and toks[0].text not in OPENING_KEPT):
            toks.pop(0)
        toks = _without_end_punct(toks)
        return toks if len(toks) >= 2 else []

    def _before_other_report(self, comp, toks: list) -> list:  # noqa: ANN001
        """The reported clause up to a clause of another speaker the parser hung inside it ('X told
        the paper there was "nothing wrong" while Y, the former commander, said "…"'): a subordinate
        clause below the complement with its own subject and a reporting verb reports Y's words,
        not X's."""
        starts = [t.left_edge.i for t in toks if t.i != comp.i and t.dep_ == "advcl" and t.pos_ == "VERB" and self._is_reporting(t)
                  and any(c.dep_ in SUBJ and c.i < t.i for c in t.children)
                  and not any(c.dep_ in ("cop", "auxpass", "aux:pass") for c in t.children)]  # ('le rythme est moins soutenu')
        if not starts:
            return toks
        toks = [t for t in toks if t.i < min(starts)]
        while toks and (toks[-1].is_punct and toks[-1].text not in CLOSING_KEPT or toks[-1].dep_ == "cc"):
            toks.pop()
        return toks

    def _colon_clause(self, verb) -> list:  # noqa: ANN001
        """'Le maire l'a répété à plusieurs reprises : la piscine rouvrira avant l'été': a clause
        with its own subject and finite verb after a colon that closes the reporting verb's phrase
        (no other verb between) is what was said; a quotation after the colon is a direct quote."""
        sent = verb.sent
        colon = next((t for t in sent.doc[verb.i + 1:sent.end] if t.text == ":"), None)
        if colon is None or any(t.pos_ in ("VERB", "AUX") for t in sent.doc[verb.i + 1:colon.i]):
            return []
        toks = _without_end_punct(list(sent.doc[colon.i + 1:sent.end]))
        if not toks or toks[0].is_punct or any(t.text in OPENING_KEPT or t.is_quote for t in toks[:2]):
            return []
        finite = [t for t in toks if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")
                  and any(c.dep_ in (*SUBJ, "nsubj:pass") and c.i > colon.i for c in t.children)]
        return toks if finite and len(toks) >= 3 else []

    def _comment_mark(self, verb):  # noqa: ANN001, ANN202
        """The conjunction of a comment clause ('comme l'a révélé le maire', 'as X put it'), if ``verb``
        heads one; also one opening its sentence that the parser took for the main clause ('Comme
        le précise le quotidien, …' parsed with 'précise' as the root)."""
        opening = verb.dep_ == "ROOT" and verb.i > verb.sent.start
        if not opening and (verb.dep_ != "advcl" or verb.head.i == verb.i):
            return None
        return next((c for c in verb.children if c.dep_ == "mark" and c.i < verb.i
                     and c.lower_ in self._folded_raw("comment_marks") and (not opening or c.i == verb.sent.start)), None)

    def _commented_clause(self, verb) -> list:  # noqa: ANN001
        """'Les plages seront fermées, comme l'a révélé le maire' / 'Comme le précise le journal, la
        date remonterait à 15 ans': the rest of the sentence, when the comment clause opens or ends
        it, is what the comment's speaker reported."""
        if not ("Fin" in verb.morph.get("VerbForm") or any(c.dep_.startswith("aux") for c in verb.children)):
            return []  # 'comme prévu': no one is said to have said it
        sent = verb.sent
        first, last = verb.left_edge.i, verb.right_edge.i
        if verb.dep_ == "ROOT":  # the comment opens the sentence and ends at its first comma
            last = next((t.i - 1 for t in sent.doc[verb.i + 1:sent.end] if t.text == ","), last)
        while last + 1 < sent.end and sent.doc[last + 1].is_punct and sent.doc[last + 1].text not in OPENING_KEPT:
            last += 1
        if first == sent.start or (first > sent.start and all(t.is_punct for t in sent.doc[sent.start:first])):
            toks = list(sent.doc[last + 1:sent.end])
        elif all(t.is_punct for t in sent.doc[last + 1:sent.end]):
            toks = _last_sentence(list(sent.doc[sent.start:first]))
        else:
            return []  # a comment in the middle of its sentence: the words around it are not one span
        while toks and toks[0].is_punct and toks[0].text not in OPENING_KEPT:
            toks.pop(0)
        if self._reports_itself(toks):
            return []  # 'As we have noted, a study by X concluded that …': X's report, which the comment recalls
        toks = _without_end_punct(toks)
        return toks if len(toks) >= 3 else []

    def _reports_itself(self, toks: list) -> bool:
        """Does a commented clause hold its own report: its head a finite reporting verb with its own
        subject ('As we have noted, a study by X concluded that …', 'Comme on l'a vu, le maire a
        déclaré que …')? Then that verb reports the words, and the comment names no one's words."""
        ids = {t.i for t in toks}
        return any(t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or t.head.i not in ids) and self._is_reporting(t)
                   and not _non_finite(t) and (any(c.dep_ in SUBJ for c in t.children) or _fronted_subject(t) is not None)
                   for t in toks)

    def _that_clause_below(self, verb) -> list:  # noqa: ANN001
        """A 'that' clause the parser hung on a noun of the verb's prepositional phrase ('Austria
        argued for decades that it was …'): the verb's complement."""
        for c in verb.children:
            if c.dep_ not in ("prep", "npadvmod") or c.i < verb.i:
                continue
            for t in c.subtree:
                if t.dep_ in ("acl", "relcl", "ccomp", "advcl") and t.pos_ in ("VERB", "AUX") and \
                        any(m.dep_ == "mark" and m.lower_ in QUE and m.i < t.i for m in t.children) and \
                        (t.head.i == c.i or t.head.dep_ == "pobj" and t.head.head.i == c.i):
                    return [t]
        return []

    def _clause_before(self, verb) -> list:  # noqa: ANN001
        """'Disney's tech teams isolated the problem, Mayer said' / 'Les plages seront
        fermées, rapporte Ouest-France': the clause before a cue set off by a comma."""
        doc = verb.doc
        sent = verb.sent
        k = verb.i - 1
        subj = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i] if self._grammar("subject_before_cue") else []
        if subj and subj[0].left_edge.i > sent.start:
            k = subj[0].left_edge.i - 1  # '…, people familiar with the talks say'
        while k > sent.start and (doc[k].dep_.startswith("aux") or doc[k].text.startswith("-") or doc[k].pos_ in ("ADV",)
                                  or (self._grammar("subject_before_cue") and doc[k].pos_ in ("PROPN", "NOUN", "DET", "PRON", "ADJ", "PART")
                                      and k >= verb.i - 5)):
            k -= 1
        if k <= sent.start or doc[k].text != ",":
            return []
        if self._contact_relative(doc[k + 1:verb.i]):
            return []  # '…, a prospect Vindman denied': the cue's object is that noun, not the clause before
        if self._grammar("subject_before_cue") and not any(c.dep_ in ("nsubj",) and c.i > k for c in verb.children) and \
                not (verb.i + 1 < len(doc) and doc[verb.i + 1].pos_ in ("PROPN", "DET", "NOUN")):
            return []
        nxt = next((t for t in doc[verb.i + 1:sent.end] if t.pos_ != "ADV"), None)  # 'précise encore le quotidien'
        nxt = _past_adjunct(verb, nxt)  # 'a précisé en séance plénière le président de la région'
        if self._grammar("inverted_incise") and not any(c.dep_ in SUBJ and c.i > verb.i for c in verb.children) and \
                not any(t.text.startswith("-") for t in doc[verb.i - 2:verb.i + 3]) and \
                not (nxt is not None and (nxt.pos_ in ("PROPN", "DET", "NOUN") or nxt.ent_iob_ == "B")):
            return []  # a name the tagger misreads may follow ('rapporte The Observer', 'rapporte 20 Minutes')
        toks = _last_sentence(list(doc[sent.start:k]))
        while toks and toks[0].is_punct:
            toks.pop(0)
        if len(toks) == 3 and toks[0].pos_ == "DET" and toks[1].pos_ == "NOUN" and toks[2].pos_ in ("ADJ", "VERB"):
            return toks  # 'Une peine adaptée, a déclaré le père': a verbless verdict is what was said
        return toks if len(toks) >= 4 else []

    def _contact_relative(self, toks) -> bool:  # noqa: ANN001
        """'a prospect Vindman denied', 'a claim he rejects': an indefinite common noun (not a
        person's) followed by the subject of the verb, whose object it is."""
        people = self._person_nouns()
        for a, b, c in zip(toks, toks[1:], toks[2:]):
            if a.lower_ in closed_words("indefinite_determiners") and b.pos_ == "NOUN" and b.text.islower() and \
                    fold(b.lemma_.lower()) not in people and b.lower_ not in self._folded("proxy_nouns") and \
                    (c.pos_ in ("PROPN", "PRON") or c.text[:1].isupper()):
                return True
        return False

    def _speaker_like(self, seg_id: int, subj, found: Found) -> bool:  # noqa: ANN001
        """Does the subject of an indirect cue speak (a person, an organisation, a pronoun,
        a group of people), rather than a document or a fact ('l'étude montre que')?"""
        if found.who is not None:
            return True
        if subj.pos_ == "PRON":
            return pronoun_key(subj.text) in closed_words("speaker_pronouns")
        from veille.understand.coref import lexicon

        lex = lexicon(self.lang)
        low, lemma = fold(subj.lower_), fold(subj.lemma_.lower())
        from veille.understand.lexicon import agents

        nouns = {fold(n) for n in lex.get("person_nouns", ())} | {fold(n) for n in lex.get("org_nouns", {})}
        speakers = {fold(n) for n in self.lex.get("speaker_nouns", ())} | {fold(n) for n in agents().get(self.lang, {})}
        voices = self._folded("proxy_nouns")  # 'a précisé le communiqué': a document that speaks for its issuer
        return low in nouns or lemma in nouns or low in speakers or lemma in speakers or low in voices or _named(subj)

    # ------------------------------------------------------------- helpers

    def _is_reporting(self, tok) -> bool:  # noqa: ANN001
        return is_reporting(tok, self.verbs)

    def _is_indirect(self, tok) -> bool:  # noqa: ANN001
        return is_reporting(tok, self.indirect_verbs)

    def _inside_any(self, seg_id: int, pos: int) -> bool:
        ranges = self.__dict__.get("_mark_ranges")
        if ranges is None:  # the quotation marks' pieces by segment, gathered once (asked per token)
            ranges = self.__dict__["_mark_ranges"] = {}
            for q in self.marks:
                for s, x, y in q.pieces:
                    ranges.setdefault(s, []).append((x, y))
        return any(x <= pos < y for x, y in ranges.get(seg_id, ()))


def _verbs_and_after_commas(doc) -> list[int]:  # noqa: ANN001 - spacy Doc
    """Positions of the verbs and auxiliaries of ``doc`` and of the words right after a comma:
    the only words that may be a cue of indirect speech (a reporting verb, or a noun-tagged
    one after its clause's comma). Read from one ``Doc.to_array``, not a Token per word."""
    if not len(doc):
        return []
    from spacy.symbols import AUX, VERB  # type: ignore[import-not-found]  # Cython module, no stubs

    table = doc.to_array(["POS", "ORTH"])
    verbs = (table[:, 0] == VERB) | (table[:, 0] == AUX)
    verbs[1:] |= table[:-1, 1] == doc.vocab.strings[","]
    return [int(i) for i in verbs.nonzero()[0]]


def _after_preposition(tok) -> bool:  # noqa: ANN001
    """A noun or name inside a prepositional phrase: its own preposition, or that of the first
    word of its name ('le délégué du parti X de Paul Roy': 'Roy' hangs on 'Paul', which has 'de';
    not 'a expliqué à l'AFP Paul Roy', where the name hangs on the medium's)."""
    if any(c.dep_ == "case" for c in tok.children):
        return True
    return tok.dep_ in ("flat:name", "flat") and tok.head.i < tok.i and tok.head.ent_type_ in PERSON_LABELS and \
        any(c.dep_ == "case" for c in tok.head.children)


def _after_auxiliary(tok) -> bool:  # noqa: ANN001
    """Does ``tok`` follow a finite form of 'avoir' or 'être', past adverbs ('avait tweeté', 'a
    ainsi tweeté')? Then it is a past participle, whatever the tagger took it for."""
    k = tok.i - 1
    while k >= 0 and tok.doc[k].pos_ == "ADV" and k >= tok.i - 3:
        k -= 1
    return k >= 0 and tok.doc[k].pos_ == "AUX" and tok.doc[k].lemma_ in ("avoir", "être") and "Fin" in tok.doc[k].morph.get("VerbForm")


def is_reporting(tok, verbs: set[str] | frozenset[str]) -> bool:  # noqa: ANN001
    """Is ``tok`` a reporting verb? Lemmatizers miss some present forms ('estime',
    'soupire'), so the regular -er infinitive of the form is tried too; a light verb
    with its noun counts as the phrase ('a fait part', 'mis en garde')."""
    low = tok.lower_
    lemma = tok.lemma_.lower()
    forms = {lemma, low, low + "r", er_infinitive(low)}
    if low.endswith(("é", "ée", "és", "ées")) and (tok.pos_ == "X" or tok.pos_ in ("NOUN", "PROPN", "ADJ") and _after_auxiliary(tok)):
        forms.add(low[:low.rindex("é")] + "er")  # a participle the tagger does not know: 'tweeté', 'avait tweeté'
    if _gerund_subject(tok) is not None:
        forms.add(low[:-3])  # a gerund tagged as a noun, with its own subject: 'with X warning of …'
    if forms & verbs:
        return True
    if tok.pos_ in ("VERB", "AUX") and lemma in closed_words("phrase_verbs"):
        nxt = " ".join(t.lower_ for t in tok.doc[tok.i + 1:tok.i + 3])
        return any(f"{lemma} {n}" in verbs for n in (nxt.split(" ")[0], nxt))
    return False


OPENING_KEPT = ("«", "“", "\"")  # a clause's opening quotation mark stays with it
CLOSING_KEPT = ("»", "”", "\"")


def _governs_clause(verb) -> bool:  # noqa: ANN001
    """Does the verb govern a clause after it ('confirmed that he …', 'continued to honor')?
    A cue set inside a quotation as an incise stands alone (', a souligné X.', ', he said,');
    one with its own complement clause is a sentence of the quotation."""
    return any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children)


def _without_end_punct(toks: list) -> list:
    """``toks`` without the punctuation that ends them, a closing quotation mark kept."""
    end = len(toks)
    while end and toks[end - 1].is_punct and toks[end - 1].text not in CLOSING_KEPT:
        end -= 1
    return toks[:end]


def _last_sentence(toks: list) -> list:
    """The tokens after the last full stop that the parser left inside its sentence ('« … », a plaidé
    X. « … », a estimé Y' parsed as one sentence): a clause does not run across a sentence's end."""
    cut = next((k for k in range(len(toks) - 2, -1, -1) if toks[k].text in (".", "!", "?", "…")
                and (toks[k + 1].text[:1].isupper() or toks[k + 1].text in ("«", "“", "\""))), None)
    return toks[cut + 1:] if cut is not None else toks


def _person_named_after(noun, org):  # noqa: ANN001, ANN202
    """The person a person noun names after the organisation that follows it ('le président
    (LR) du Sénat Gérard Larcher', "l'ancien adjoint UMP à la mairie de Nice, Olivier Bettati"):
    the first person's name in the noun's phrase after the organisation that hangs on the noun
    through names only, not through another common noun ('l'adjoint du maire Paul Roy': the
    mayor's name)."""
    for t in noun.subtree:
        if t.i <= org.i or t.pos_ != "PROPN" or t.ent_type_ not in PERSON_LABELS or _after_preposition(t):
            continue
        if t.dep_ in ("flat:name", "flat") and t.head.i < t.i:
            continue
        if any(x.is_punct and x.text in ".;:!?" for x in noun.doc[org.i:t.i]):
            return None
        h = t.head
        while h.i != noun.i and h.pos_ == "PROPN" and h.head.i != h.i:
            h = h.head
        return t if h.i == noun.i else None
    return None


def _past_bare_complement(tok, comp):  # noqa: ANN001, ANN202
    """'le service de presse du Parlement' -> Parlement: a complement noun with no determiner
    ('de presse', 'de communication') names what the service ``tok`` does, not the body it
    speaks for; that body is the next complement, of that noun or of ``tok`` (as parsers
    attach it either way), when there is one."""
    for _ in range(2):
        if comp.pos_ != "NOUN" or any(g.dep_ == "det" for g in comp.children):
            break
        nxt = next((g for g in comp.children if g.dep_ == "nmod" and g.i > comp.i), None) or \
            next((g for g in tok.children if g.dep_ == "nmod" and g.i > comp.i), None)
        if nxt is None:
            break
        comp = nxt
    return comp


def _fronted_subject(verb):  # noqa: ANN001, ANN202
    """'As we have noted, a study by X concluded that …': the subject of a verb with none, which the
    parser took into the adjunct fronted before it (here as the object of 'noted'): a noun phrase of
    that adjunct that opens right after a comma and runs up to the verb (or to a comma before it)."""
    if any(c.dep_ in SUBJ or c.dep_ in ("csubj", "expl") for c in verb.children):
        return None
    doc = verb.doc
    for adjunct in (c for c in verb.children if c.dep_ in ("advcl", "prep", "npadvmod") and c.i < verb.i):
        for c in adjunct.subtree:
            end = c.right_edge.i
            if c.pos_ in ("NOUN", "PROPN") and c.dep_ in ("dobj", "obj") and c.left_edge.i > adjunct.i + 1 and \
                    doc[c.left_edge.i - 1].text == "," and \
                    (end + 1 == verb.i or end + 2 == verb.i and doc[end + 1].text == ","):
                return c
    return None


def _named(tok) -> bool:  # noqa: ANN001
    """A proper name, or a capitalised word of a named entity the tagger took for a common noun
    ('20 Minutes', 'The Observer')."""
    return tok.pos_ == "PROPN" or (tok.pos_ in ("NOUN", "X") and tok.ent_type_ != "" and tok.ent_iob_ == "I"
                                   and tok.text[:1].isupper()) or \
        (tok.pos_ == "NOUN" and len(tok.text) > 1 and tok.text.isupper() and tok.is_alpha) or \
        _capitalised_noun(tok)  # 'le BEA': an acronym; 'la Cnil': a name written in small letters after its capital


@lru_cache(maxsize=4)
def _pronoun_genders(lang: str) -> dict[str, str]:
    """The gender of each singular personal pronoun, from coreference's ``pronouns`` ('il': m)."""
    return {k: v["gender"] for k, v in lexicon(lang).get("pronouns", {}).items() if v.get("number") == "sg" and v.get("gender")}


def _ends_with_split_cue(before: str, cue: str) -> bool:
    """Does ``before`` end with a cue of several words, allowing up to three words of an aside
    before its last word ('poursuivi lui aussi pour', 'plainte jeudi pour')?"""
    if before.endswith(cue):
        return True
    words = cue.split()
    if len(words) < 2:
        return False
    head = r"\s+".join(re.escape(w) for w in words[:-1])
    return re.search(rf"(?<![\w'’]){head}(?:\s+[\w'’-]+){{1,3}}\s+{re.escape(words[-1])}$", before) is not None


def _passive_agent(verb, marks: frozenset[str]):  # noqa: ANN001, ANN202
    """The agent of a passive verb ('qualifié de … par le maire', 'called … by X'), or None."""
    if not any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children) and "Pass" not in verb.morph.get("Voice"):
        return None
    for c in verb.children:
        if c.dep_ == "agent" and c.i > verb.i:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            return objs[0] if objs else None
        if c.dep_ in ("obl:agent", "obl:mod", "obl") and c.i > verb.i and \
                any(g.dep_ == "case" and g.lower_ in marks for g in c.children):
            return c
    return None


def _gerund_subject(tok):  # noqa: ANN001, ANN202
    """The subject of an English gerund the tagger took for a noun ('with Minister X warning of
    …'): its nominal subject, or the person name the parser made a compound of it."""
    if tok.pos_ != "NOUN" or not tok.lower_.endswith("ing") or tok.dep_ not in ("pobj", "pcomp"):
        return None
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")] or \
        [c for c in tok.children if c.dep_ == "compound" and c.ent_type_ == "PERSON" and c.i == tok.i - 1]
    return subj[0] if subj else None


OF = closed_words("of")


def _complement_of_noun(doc, r) -> bool:  # noqa: ANN001
    """Is a mention the 'de X' complement of a noun ('l'entourage du président sénégalais',
    'la conseillère de Nicolas Sarkozy')? Then it is not who speaks."""
    i = _token_at(doc, r.start)
    if i > 0 and (doc[i - 1].pos_ == "ADP" or doc[i - 1].lower_ in OF):
        return True
    head = doc[r.head]
    return any(c.dep_ == "case" and c.lower_ in OF for c in head.children)


def _in_modifier(tok) -> bool:  # noqa: ANN001
    """Is the noun only part of a modifier of a later noun ('the state-run Xinhua agency',
    'the Kremlin-backed channel'): a participle or adjective after it that it belongs to?"""
    head = tok.head
    return head.i > tok.i and head.pos_ in ("ADJ", "VERB") and head.dep_ in ("amod", "compound", "nmod", "nummod")


def _token_at(doc, char: int) -> int:  # noqa: ANN001
    """Index of the token holding character ``char``."""
    span = doc.char_span(char, char + 1, alignment_mode="expand") if len(doc) else None
    return span.start if span is not None and len(span) else max(0, len(doc) - 1)


def _split_premodifier(subj, subjects: list) -> bool:  # noqa: ANN001
    """'Wikileaks editor-in-chief Kristinn Hrafnsson said': a subject the parser split off the
    front of the next one (no comma or conjunction between them) modifies it; the later
    phrase, whose head ends the noun phrase, is who speaks."""
    if subj.pos_ not in ("NOUN", "PROPN") or any(t.pos_ in ("VERB", "AUX") for t in subj.subtree):
        return False  # 'whom residents say', 'A spokesperson who did not wish …, policy said': not a premodifier
    return any(o.i > subj.i and o.pos_ == "PROPN" and o.left_edge.i == subj.right_edge.i + 1 for o in subjects)


def _finite(toks) -> bool:  # noqa: ANN001
    """Does this run of tokens hold a finite verb (a clause of its own)?"""
    return any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in toks)


def _aside_apposition(sent, cue_tok, phrase_end: int) -> tuple[int, int] | None:  # noqa: ANN001
    """The character span of the apposition a 'selon X' aside set in the middle of a sentence
    vouches for: 'L'opposant, victime d'un empoisonnement, selon son entourage, a posté …'
    (subject phrase, apposition without a finite verb, the aside, then the main verb). The
    source stands for the description beside it, not for the main clause the article itself
    reports. None when the sentence is not built so."""
    doc = sent.doc
    if cue_tok.i - 1 <= sent.start or doc[cue_tok.i - 1].text != ",":
        return None
    before = [t for t in doc[sent.start:cue_tok.i - 1]]
    commas = [k for k, t in enumerate(before) if t.text == ","]
    if not commas:
        return None
    subject, stretch = before[:commas[-1]], before[commas[-1] + 1:]
    tail = [t for t in doc[cue_tok.i:sent.end] if t.idx >= phrase_end]
    if len([t for t in stretch if t.is_alpha]) < 3 or not subject or _finite(subject) or _finite(stretch) \
            or "," in [t.text for t in subject] or not _finite(tail):
        return None
    return stretch[0].idx, stretch[-1].idx + len(stretch[-1].text)


def _past_adjunct(verb, nxt):  # noqa: ANN001, ANN202
    """The token after a prepositional adjunct of ``verb`` that ``nxt`` opens ('a précisé en
    séance plénière le président …' -> 'le'): a cue may take a short circumstance before its
    inverted subject. ``nxt`` itself when it opens no such adjunct (or a long one, or one
    holding a comma)."""
    if nxt is None or nxt.dep_ != "case" or nxt.i + 1 >= len(nxt.doc):
        return nxt
    adjunct = nxt.head
    if not adjunct.dep_.startswith("obl") or adjunct.head.i != verb.i or adjunct.left_edge.i != nxt.i \
            or adjunct.right_edge.i - nxt.i > 4 or any(t.is_punct for t in adjunct.subtree):
        return nxt
    after = adjunct.right_edge.i + 1
    return nxt.doc[after] if after < adjunct.sent.end else nxt


def _capitalised_noun(tok) -> bool:  # noqa: ANN001
    """A word the tagger took for a common noun, written with a capital inside its sentence
    ('La Cnil a donné son feu vert, estimant que …'): the name of an organisation, which
    speaks. The first word of a sentence or after an opening mark or a colon is capitalised
    by position, not as a name; a plural is a people ('les Français')."""
    if tok.pos_ != "NOUN" or not tok.text[:1].isupper() or not tok.is_alpha or tok.i <= tok.sent.start \
            or "Plur" in tok.morph.get("Number") or tok.tag_ == "NNS":
        return False  # 'des Français souhaitant que …': a people, written with a capital, is no organisation
    prev = tok.doc[tok.i - 1]
    return not (prev.is_punct or prev.is_quote) and not all(t.text[:1].isupper() for t in tok.sent if t.is_alpha)


def _described_demonym(tok) -> bool:  # noqa: ANN001
    """'cette jeune Panaméenne', 'ce Malien de 30 ans': a people's word, capitalised as such
    words are in French, that a demonstrative or an adjective before it makes a description of
    someone, not a name (a newspaper's title, 'le Parisien', takes neither)."""
    if tok.ent_type_ in PERSON_LABELS or not tok.text[:1].isupper() or _demonym_suffix().search(tok.lower_) is None:
        return False
    return any(c.i < tok.i and (c.dep_ == "det" and "Dem" in c.morph.get("PronType") or c.dep_ == "amod" and c.pos_ == "ADJ")
               for c in tok.children)


@lru_cache(maxsize=1)
def _demonym_suffix() -> re.Pattern[str]:
    """Endings of demonym-shaped words (``demonym_suffixes``); a pattern that never matches without any."""
    words = closed_words("demonym_suffixes")
    return re.compile("(" + "|".join(sorted(map(re.escape, words))) + ")$") if words else re.compile(r"(?!x)x")


def _past_relative(rest: list) -> list:
    """The tokens after a quotation, past a relative clause set off by commas that describes
    what was said ('« … », qui contraindrait les gens à …, juge X'): its incise comes after
    the clause. ``rest`` unchanged when it opens no such clause, or when the clause ends the
    sentence (no comma closes it within twenty words)."""
    if len(rest) < 3 or rest[0].text != "," or rest[1].lower_ not in closed_words("relative_pronouns"):
        return rest
    for k in range(2, min(len(rest), 22)):
        if rest[k].text in (".", "!", "?", ";", "…", "«", "»", "\"", "“", "”"):
            return rest
        if rest[k].text == ",":
            return rest[k:]
    return rest


def _non_finite(tok) -> bool:  # noqa: ANN001
    """A present participle, gerund or infinitive ('affirmant', 'saying', 'dire'): it
    introduces its own complement, not an incise."""
    forms = tok.morph.get("VerbForm")
    if "Inf" in forms or "Ger" in forms or tok.tag_ in ("VBG", "VB"):
        return True
    return "Part" in forms and "Pres" in tok.morph.get("Tense")


def _cue_text(verb) -> str:  # noqa: ANN001
    """The verb with its auxiliaries: 'a déclaré', 'has said'."""
    parts = [c for c in verb.children if c.dep_ in ("aux", "aux:tense") and c.i < verb.i] + [verb]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


_ISSUER_CASES = frozenset({"de", "d'", "d’", "du", "des", "par"})


def _issuer_complement(doc_noun):  # noqa: ANN001, ANN202
    """The 'de X' / 'par X' complement of a document noun ('l'étude du Crédit suisse', 'une étude
    publiée par la revue X'), through a title the noun carries ('l'étude Global Wealth Report du
    Crédit suisse'); None when it has none ('le communiqué mardi', 'cette étude'). A title is not
    its issuer."""
    heads = [doc_noun] + [c for c in doc_noun.children if c.dep_ in ("nmod", "appos", "flat:name") and c.i > doc_noun.i
                          and (c.pos_ in ("PROPN", "X") or c.text[:1].isupper())]
    heads += [g for c in doc_noun.children if c.dep_ in ("acl", "acl:relcl") and c.i > doc_noun.i for g in c.children
              if g.dep_ in ("obl:agent", "agent")]
    for head in heads:
        for c in ([head] if head.dep_ in ("obl:agent", "agent") else head.children):
            if c.i > head.i and c.dep_ in ("nmod", "obl:agent", "agent") and \
                    any(g.dep_ == "case" and g.lower_ in _ISSUER_CASES for g in c.children):
                return c
    return None


def _anonymous(tok, lang: str) -> bool:  # noqa: ANN001
    """'un témoin', 'a source', 'officials': an indefinite or bare plural subject."""
    dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
    return any(d in closed_words("indefinite_determiners") for d in dets)


def _infinitive_copula(tok) -> bool:  # noqa: ANN001
    """'reconnaissant avoir été maladroit', 'affirme être innocent': an adjective or noun whose
    infinitive copula before it makes it the head of an infinitive clause."""
    return tok.pos_ in ("ADJ", "NOUN") and any(c.dep_ == "cop" and c.i < tok.i for c in tok.children) and \
        any("Inf" in c.morph.get("VerbForm") for c in tok.children if c.i < tok.i and c.dep_ in ("cop", "aux", "aux:tense"))


_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def _plain(text: str) -> str:
    """:func:`fold` with the ligatures spelt out: a heading's 'coeur' is the body's 'cœur'."""
    return fold(text).translate(_LIGATURES)


def _absorb(direct: list[Quote], indirect: list[Quote]) -> list[Quote]:
    """Indirect quotes with the direct fragments inside them: the fragments are part of
    the indirect quote (unless the indirect one is mostly the fragment)."""
    out = []
    for q in indirect:
        if any(o is not q and o.span.field == q.span.field and o.span.start <= q.span.start and q.span.end <= o.span.end
               and o.span.end - o.span.start > q.span.end - q.span.start for o in indirect):
            continue  # 'X said that Y had concluded Z': Y's words are part of X's
        overlaps = [d for d in direct if d.span.field == q.span.field and d.kind in ("direct", "scare", "term", "title")
                    and q.span.start <= d.span.start and d.span.end <= q.span.end + 1]
        if overlaps and sum(d.span.end - d.span.start for d in overlaps) > 0.7 * (q.span.end - q.span.start):
            continue
        out.append(q)
    kept = [d for d in direct if not any(i.span.field == d.span.field and i.span.start <= d.span.start and
                                         d.span.end <= i.span.end + 1 and d.kind == "direct" for i in out)]
    return kept + out


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """One quote per text: a title or standfirst quote the body repeats is dropped, and
    an indirect quote found twice (two cues) is kept once."""
    body = {fold(q.text) for q in quotes if q.span.field == "body"}
    out, seen = [], set()
    for q in quotes:
        key = (q.span.field, q.span.start, q.span.end)
        if key in seen:
            continue
        seen.add(key)
        if q.span.field != "body" and fold(q.text) in body:
            continue
        out.append(q)
    return out


def extract_quotes(article: Article, segments: list[Segment], lang: str, coref: Coref, marks: list[Quotation],
                   info: Callable[[str | None], dict], link_name: Callable[[str], str | None]) -> list[Quote]:
    """Every quote of the article, in reading order, each with its speaker; first-person
    pronouns of attributed quotations then resolve to their speaker in ``coref``."""
    if not quote_lexicon().get(lang):
        extractor = _Extractor(article, segments, lang, coref, [], info, link_name)
        return list(extractor._signed_blocks({b for b, block in enumerate(article.blocks) if block.kind == "quote" and block.speaker}))
    extractor = _Extractor(article, segments, lang, coref, marks, info, link_name)
    quotes = extractor.run()
    coref.add_speakers(extractor.attributed)
    return quotes
