"""Coreference of people and organisations within one article.

A small, data-driven discourse model (after Lappin & Leass's salience-based
resolution), linear in the article's length:

1. **Referents** are built from named mentions in reading order: actor-table
   people and organisations, and the NER's people and organisations. A later
   name joins an earlier referent when it is the same table actor, the same full
   name, or the surname or first name of a name already met ("Emmanuel Macron" …
   "Macron" … "M. Macron").
2. **Descriptions in apposition** to a name ("le maire de Quiberon, Bernard
   Hilliet", "Bernard Hilliet, le maire de Quiberon", "la journaliste Valentine
   Desjeunes", "High school math teacher Angela Cooper") are that person; their
   nouns and gender are remembered. A name may have one before and one after
   ("le journaliste X, auteur du livre"); a name after a preposition keeps only the
   one after ("selon X, porte-parole de …"); "l'avocate de X" is not X. A predicate
   title is the person it is said of ("X, qui était alors Premier ministre").
3. **Definite descriptions** ("le compositeur", "la députée", "l'ancien
   président", "le chef de l'État", "the governor") go to the person the article
   described so before, to the person of the article whose role in the actor
   table bears that title at the article's date, or to the holder of the office
   at that date; generic ones ("la victime", "the woman") only to a person of the
   same gender named in the two sentences before. Otherwise they stay unresolved.
4. **Pronouns** (il, elle, -t-il, lui, le, la, ils, he, she, him, her, they, it
   for organisations) go to the most salient referent that agrees in gender and
   number. Salience adds, for every earlier mention of a referent, a weight for
   its syntactic role (subject > object > embedded) that halves with each
   sentence of distance. A pronoun outside quotation marks never takes a mention
   inside them (the words of a quotation are the speaker's, not the narrator's);
   an object pronoun never takes the subject of its own clause; the subject of a
   clause reported by a verb of speech ("X a dit qu'il …") is that verb's
   subject first; impersonal subjects ("il faut", "il s'agit") are not mentions.
   Before salience: "selon lui" is the person last reported speaking; "X, lui
   aussi avocat" is X; "ce dernier", "celle-ci" are the person mentioned last; the
   subject pronoun of an opening subordinate clause ("S'il …, l'opposant X a …") is
   the person named there for the first time (cataphora).
5. **First-person pronouns** inside a direct quotation (je, nous, on, I, we) are
   the quotation's speaker, once quotes are attributed (:meth:`Coref.add_speakers`).

Gender comes from the actor table's ``gender`` field, honorifics (M., Mme, Mr,
Mrs), first names (``data/first_names.json``), gendered words around the name
(the determiner of an apposition, a participle's agreement: "s'est exprimée")
and, for descriptions, their determiner. Word lists are in ``data/coref.json``.
Every resolution keeps the mention it came from (:class:`Ref.antecedent`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from veille.languages import closed_words, extra_sections, grammar, language, own_words
from veille.model import Participant, ResolvedMention, Span
from veille.understand.nlp import TEXT_KEY
from veille.understand.syntax import er_infinitive

DECAY = 0.5  # salience halves with each sentence of distance
WINDOW = 8  # sentences a pronoun looks back
WEIGHTS = {"subj": 100.0, "obj": 60.0, "obl": 45.0, "embedded": 20.0, "title": 0.0}
FIELD_WEIGHT = {"title": 0.4, "standfirst": 0.6, "body": 1.0}
NAME_STOP = {"de", "du", "des", "la", "le", "van", "von", "der", "den", "da", "di", "del", "bin", "ben", "al", "el", "y", "d'", "d’"}
PERSON_LABELS = frozenset({"PER", "PERSON"})
"""The entity labels of a person in the French and English pipelines (one set for coref, quotes, actors, events)."""
ORG_LABELS = {"ORG", "NORP"}
CLITICS = closed_words("clitics")
CANDIDATE_POS = {"PRON", "NOUN", "PROPN", "X", "DET", "ADJ"}
NOMINAL_DEPS = {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "appos",
                "dobj", "pobj", "nsubjpass"}
SUBJ_DEPS = {"nsubj", "nsubj:pass", "nsubjpass"}
BLOCKED = object()  # a pronoun that stands for a reporter coreference cannot name


@lru_cache(maxsize=4)
def lexicon(lang: str) -> dict:
    """The coreference word lists of one language ({} when veille has none; a section of
    ``coref.json`` in a ``VEILLE_LANGUAGE_DATA`` directory replaces the built-in one)."""
    data = json.loads(resources.files("veille.understand").joinpath("data", "coref.json").read_text("utf-8"))
    lex = {**data, **extra_sections("coref.json")}.get(lang, {})
    if lex:
        lex = dict(lex)
        lex["person_nouns"] = frozenset(lex.get("person_nouns", ()))
        lex["generic_person"] = frozenset(lex.get("generic_person", ()))
        lex["age_adjectives"] = frozenset(lex.get("age_adjectives", ()))
        lex["former"] = frozenset(lex.get("former", ()))
        lex["determiners"] = frozenset(lex.get("determiners", ()))
        lex["contracted_determiners"] = frozenset(fold(x) for x in lex.get("contracted_determiners", ()))
        lex["first_person"] = frozenset(lex.get("first_person", ()))
        lex["impersonal"] = frozenset(lex.get("impersonal", ()))
        lex["feminine_nouns"] = frozenset(lex.get("feminine_nouns", ()))
        lex["masculine_nouns"] = frozenset(lex.get("masculine_nouns", ()))
        for key in ("person_nouns", "generic_person", "former", "determiners"):
            lex[key + "_folded"] = frozenset(fold(x) for x in lex[key])
        lex["former_stems"] = frozenset(fold(x).rstrip("-") for x in lex["former"])
        lex["party_folded"] = frozenset(fold(x) for x in lex.get("party_adjectives", ()))
        lex["lesser_folded"] = frozenset(fold(x) for x in lex.get("lesser_modifiers", ()))
        lex["masculine_offices_folded"] = frozenset(fold(x) for x in lex.get("masculine_offices", ()))
        lex["complement_folded"] = frozenset(fold(x) for x in lex.get("complement_prepositions", ()))
    return lex


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """Folded first name -> 'm' or 'f'."""
    data = json.loads(resources.files("veille.understand").joinpath("data", "first_names.json").read_text("utf-8"))
    return {fold(n): g for g in ("m", "f") for n in data[g]}


def first_name_gender(word: str) -> str | None:
    """The gender a first name usually tells ('m', 'f'), or None. A compound first name
    not in the list ('Eva-Marie', 'Jean-Baptiste') tells the gender of its first part,
    as 'Jean-Marie' is a man's and 'Marie-Claire' a woman's name."""
    names = first_names()
    key = fold(word)
    if key in names:
        return names[key]
    head = key.split("-")[0]
    return names.get(head) if "-" in key and head else None


def doc_text(doc) -> str:  # noqa: ANN001
    """A spaCy Doc's text, kept in ``doc.user_data``: ``Doc.text`` joins every token anew on
    each access, which made long articles quadratic. ``nlp.parse_many`` stores the text each
    Doc was parsed from there already."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no accents, typographic apostrophes made plain."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def _candidate_tokens(doc) -> list:  # noqa: ANN001 - spacy Doc; its Tokens
    """The tokens of ``doc`` that may open a mention, in order: a part of speech of
    :data:`CANDIDATE_POS`, a verb (a person noun in -ant taken for a participle), or a word
    starting with a hyphen ('-il'); every other word fails ``_Builder._collect``'s first test.
    Found on ``Doc.to_array`` rather than a Token made for every word."""
    import numpy as np
    from spacy.symbols import IDS  # type: ignore[import-not-found]  # Cython module, no stubs

    table = doc.to_array(["POS", "IDX"])
    kinds = np.array(sorted(IDS[p] for p in (*CANDIDATE_POS, "VERB")), dtype=table.dtype)
    text = doc_text(doc)
    keep = np.isin(table[:, 0], kinds)
    if "-" in text:
        keep |= np.isin(table[:, 1], np.array([m.start() for m in re.finditer("-", text)], dtype=table.dtype))
    return [doc[int(i)] for i in keep.nonzero()[0]]


def _lower_in(doc, words) -> list:  # noqa: ANN001 - spacy Doc; its Tokens
    """The tokens of ``doc`` whose lower-case form is one of ``words``, in order: found on one
    ``Doc.to_array('LOWER')`` (the forms' hashes) rather than a Token made for every word."""
    import numpy as np

    strings = doc.vocab.strings
    wanted = np.array(sorted(strings[w] for w in words), dtype=np.uint64)
    return [doc[int(i)] for i in np.isin(doc.to_array("LOWER"), wanted).nonzero()[0]]


def pronoun_key(text: str) -> str:
    """'-t-il', 't-il', '-elle', 'Il' -> 'il', 'elle'."""
    low = text.lower().lstrip("-")
    return low.removeprefix("t-")


@dataclass(eq=False)
class Referent:
    """Someone or something the article talks about: one chain of mentions."""

    name: str
    kind: str  # person, organisation, group
    actor_id: str | None = None
    words: tuple[str, ...] = ()  # folded name words, titles left out
    gender_votes: Counter = field(default_factory=Counter)
    plural: bool = False
    nouns: set[str] = field(default_factory=set)  # folded head nouns of descriptions of it
    descriptions: list[str] = field(default_factory=list)  # folded descriptions
    events: list[tuple[int, float, bool]] = field(default_factory=list)  # (sentence, weight, in quotation)

    @property
    def gender(self) -> str | None:
        if not self.gender_votes:
            return None
        (top, n), *rest = self.gender_votes.most_common(2) + [(None, 0)]
        return top if n > rest[0][1] else None

    def salience(self, sent: int, outside_quote: bool) -> float:
        """Sum of the weights of its mentions up to ``sent``, halved per sentence of distance."""
        total = 0.0
        for s, w, quoted in reversed(self.events):
            if sent - s > WINDOW:
                break
            if quoted and outside_quote:
                continue
            total += w * DECAY ** max(0, sent - s)
        return total

    def last_sentence(self) -> int:
        return self.events[-1][0] if self.events else -10**6


@dataclass(eq=False)
class Ref:
    """One mention of a person or organisation: a name, a description or a pronoun."""

    seg: int
    start: int
    end: int
    text: str
    form: str  # name, surname, first, title, description, pronoun
    head: int  # token index in the segment's doc
    sent: int  # article-wide sentence number
    role: str  # subj, obj, obl, embedded, title
    quote: int | None = None  # the quotation it stands in
    gender: str | None = None
    plural: bool = False
    referent: Referent | None = None
    antecedent: Ref | None = None
    actor_id: str | None = None  # the table actor a name mention links to
    kind: str = "person"
    first_person: bool = False
    done: bool = False
    factor: float = 1.0  # 0.5 inside a subordinate or reported clause
    of_name: bool = False  # a description whose complement is the name after it ('l'avocat de Paul Roy')
    latter: bool = False  # 'ce dernier', 'celle-ci': the person last mentioned
    owned: bool = False  # a description with a possessive ('his lawyer', 'sa fille'): not the possessor
    soft_gender: bool = False  # a masculine office noun that may describe a woman ('l'eurodéputé', 'Mme le maire')


@dataclass
class Quotation:
    """Character ranges inside quotation marks: (segment, start, end) pieces of one quotation."""

    pieces: list[tuple[int, int, int]]
    id: int = 0
    speaker: Ref | None = None  # filled once quotes are attributed
    speaker_referent: Referent | None = None
    speaker_participant: Participant | None = None
    opens_sentence: bool = False  # nothing but punctuation before it in its sentence: words in the speaker's voice


class Coref:
    """The coreference of one article: its mentions and their referents."""

    def __init__(self, lang: str, refs: list[Ref], referents: list[Referent], quotations: list[Quotation],
                 info: Callable[[str | None], dict]) -> None:
        self.lang = lang
        self.refs = refs
        self.referents = referents
        self.quotations = quotations
        self._info = info
        self._by_token: dict[tuple[int, int], Ref] = {}
        self._by_span: dict[tuple[int, int, int], Ref] = {}
        for r in refs:
            self._by_token.setdefault((r.seg, r.head), r)
            self._by_span[(r.seg, r.start, r.end)] = r

    # ------------------------------------------------------------- lookups

    def ref_at(self, seg: int, tok_i: int) -> Ref | None:
        """The mention whose head is token ``tok_i`` of segment ``seg``."""
        return self._by_token.get((seg, tok_i))

    def refs_in(self, seg: int, start: int, end: int) -> list[Ref]:
        """Mentions inside a character range of a segment."""
        return [r for r in self.refs if r.seg == seg and start <= r.start and r.end <= end]

    def quotation_at(self, seg: int, pos: int) -> Quotation | None:
        """The quotation whose marks enclose ``pos`` of segment ``seg``."""
        for q in self.quotations:
            for s, a, b in q.pieces:
                if s == seg and a <= pos < b:
                    return q
        return None

    def participant(self, ref: Ref, text: str | None = None) -> Participant:
        """A :class:`Participant` for a mention: its referent's actor and name, or the words alone."""
        text = text if text is not None else ref.text
        who = ref.referent
        if who is None:
            return Participant(text=text)
        return referent_participant(who, text, self._info)

    def organisation_named(self, text: str) -> Referent | None:
        """The organisation of the article a name or acronym stands for, when a mention the
        coreference did not see names it ('CTC' after 'Combating Terrorism Center (CTC)'), or
        the one organisation whose name a capitalised word begins ('Parlement' after
        'Parlement européen')."""
        words = tuple(fold(w) for w in text.split())
        for who in self.referents:
            if who.kind != "organisation" or not who.words:
                continue
            if who.words == words or (len(words) == 1 and len(words[0]) >= 2 and _acronym(who.words) == words[0]):
                return who
        if len(words) == 1 and text[:1].isupper():  # 'le Parlement' after 'le Parlement européen': its short form
            longer = [who for who in self.referents if who.kind == "organisation" and len(who.words) >= 2 and who.words[0] == words[0]]
            if len(longer) == 1:
                return longer[0]
        return None

    def speaker_of(self, seg: int, pos: int) -> Participant | None:
        """The speaker of the quotation enclosing ``pos`` (for first-person pronouns)."""
        q = self.quotation_at(seg, pos)
        return q.speaker_participant if q is not None else None

    # ------------------------------------------------------------- output

    def add_speakers(self, attributed: Iterable[tuple[Quotation, Participant, Ref | None, Referent | None]]) -> None:
        """Record who speaks each attributed quotation, so that its first-person
        pronouns (je, nous, I, we) resolve to the speaker."""
        for quotation, who, ref, referent in attributed:
            quotation.speaker_participant = who
            quotation.speaker = ref
            quotation.speaker_referent = referent
        voiced = {r.quote for r in self.refs if r.first_person and r.quote is not None} | \
            {q.id for q in self.quotations if q.opens_sentence}  # words in the speaker's own voice
        for r in self.refs:
            if r.first_person and r.quote is not None:
                q = self.quotations[r.quote]
                if q.speaker_referent is not None:
                    r.referent, r.antecedent = q.speaker_referent, q.speaker
            elif r.form == "pronoun" and r.quote in voiced and not r.plural and r.kind == "person" and \
                    r.referent is not None and r.referent is self.quotations[r.quote].speaker_referent:
                self._other_than_speaker(r)

    def _other_than_speaker(self, r: Ref) -> None:
        """'"He taught me everything," Holloway said': a third-person pronoun inside a
        quotation in its speaker's own voice (one that says I or we, or opens its sentence) is
        not the speaker; it is
        the most salient other person of its gender named before it, else nobody. (A fragment
        woven into reported speech, 'qu'il n'aurait pas « les moyens qu'il voulait »', may
        well say 'il' of its speaker.)"""
        speaker = r.referent
        best, best_score = None, 4.0
        for p in self.referents:
            if p is speaker or p.kind != "person" or (r.gender in ("m", "f") and p.gender != r.gender):
                continue
            score = sum(w * DECAY ** (r.sent - s) for s, w, _ in p.events if 0 <= r.sent - s <= WINDOW)
            if score > best_score:
                best, best_score = p, score
        r.referent = best
        r.antecedent = next((x for x in reversed(self.refs) if x.referent is best and (x.seg, x.start) < (r.seg, r.start)),
                            None) if best is not None else None

    def resolved(self, segments: list) -> list[ResolvedMention]:
        """The article's resolved mentions of people and organisations, with their evidence."""
        out = []
        for r in self.refs:
            who = r.referent
            if who is None or r.first_person:
                continue
            if r.form == "name" and r.antecedent is None and r.kind != "person":
                continue  # an organisation's own name is already among the entities
            seg = segments[r.seg]
            span = Span(field=seg.field, start=seg.offset + r.start, end=seg.offset + r.end, text=r.text)
            ante = None
            if r.antecedent is not None:
                aseg = segments[r.antecedent.seg]
                ante = Span(field=aseg.field, start=aseg.offset + r.antecedent.start,
                            end=aseg.offset + r.antecedent.end, text=r.antecedent.text)
            form = {"first": "name"}.get(r.form, r.form)
            out.append(ResolvedMention(span=span, text=r.text, form=form, name=who.name, actor_id=who.actor_id,
                                       antecedent=ante))
        return out


def referent_participant(who: Referent, text: str, info: Callable[[str | None], dict]) -> Participant:
    """A participant for a referent, as written ``text``."""
    if who.actor_id:
        row = info(who.actor_id)
        sector = row.get("sector") or ("GOV" if row.get("type") == "country" else None)
        return Participant(text=text, actor_id=who.actor_id, name=row.get("name") or who.name,
                           country=row.get("country"), sector=sector)
    return Participant(text=text, name=who.name)


# ------------------------------------------------------------------ building


@dataclass
class Context:
    """What resolution needs about the article beyond its parse."""

    lang: str
    on: date | None
    info: Callable[[str | None], dict]  # actor id -> row fields (type, name, gender, country)
    roles_of: Callable[[str, date | None], list]  # person id -> active roles (with .title, .role, .end)
    all_roles: Callable[[str], list]  # person id -> every role
    role_phrases: dict[str, str]  # lower-case title phrase -> role
    role_holder: Callable[[str, str, date], str | None]
    reporting: frozenset[str]  # reporting verbs (lemmas)


def build(index, segments: list, quotations: list[Quotation], ctx: Context) -> Coref:  # noqa: ANN001
    """Resolve the mentions of an article (see the module docstring)."""
    for q in quotations:
        seg_id, a, _ = q.pieces[0]
        before = doc_text(segments[seg_id].doc)[:max(0, a - 1)].rstrip()
        q.opens_sentence = not before or before[-1] in ".!?:…"
    lex = lexicon(ctx.lang)
    if not lex:
        return Coref(ctx.lang, [], [], quotations, ctx.info)
    builder = _Builder(index, segments, quotations, ctx, lex)
    return builder.run()


class _Builder:
    def __init__(self, index, segments: list, quotations: list[Quotation], ctx: Context, lex: dict) -> None:  # noqa: ANN001
        self.index, self.segments, self.quotations, self.ctx, self.lex = index, segments, quotations, ctx, lex
        self.referents: list[Referent] = []
        self.by_actor: dict[str, Referent] = {}
        self.refs: list[Ref] = []
        self.quote_ranges: dict[int, list[tuple[int, int, int]]] = {}
        for q in quotations:
            for seg, a, b in q.pieces:
                self.quote_ranges.setdefault(seg, []).append((a, b, q.id))
        self._role_phrases = {fold(k): v for k, v in ctx.role_phrases.items()}
        self._latter_first: frozenset[str] | None = None

    # --------------------------------------------------------------- main loop

    def run(self) -> Coref:
        self._org_names = self._organisation_names()
        self._org_acronyms = {_acronym(tuple(fold(w) for w in name.split() if w not in closed_words("name_articles"))):
                              (name, actor_id) for name, actor_id in self._org_names.items()}
        sent_no = 0
        narrative = 0
        self.narrative: dict[int, int] = {}
        for seg_id, seg in enumerate(self.segments):
            doc = seg.doc
            starts = {}
            for sent in doc.sents:
                starts[sent.start] = sent_no
                first = next((t for t in sent if not t.is_punct and not t.is_space), None)
                if first is None or self._quote_of(seg_id, first.idx) is None or sent_no == 0:
                    narrative += 1
                self.narrative[sent_no] = narrative
                sent_no += 1
            self._sent_starts = starts
            self._pending = self._collect(seg_id, seg)
            for r in self._pending:
                self._resolve(r, seg)
                if r.form != "propn":
                    self.refs.append(r)
        self._only_person()
        return Coref(self.ctx.lang, self.refs, self.referents, self.quotations, self.ctx.info)

    def _sent(self, tok) -> int:  # noqa: ANN001
        """The narrative sentence number of a token: sentences inside quotation marks
        do not count, so that a long quotation does not put its speaker out of reach."""
        return self.narrative.get(self._sent_starts.get(tok.sent.start, 0), 0)

    def _quote_of(self, seg_id: int, pos: int) -> int | None:
        for a, b, qid in self.quote_ranges.get(seg_id, ()):
            if a <= pos < b:
                return qid
        return None

    # --------------------------------------------------------------- collecting

    def _collect(self, seg_id: int, seg) -> list[Ref]:  # noqa: ANN001
        """Every mention of the segment, in reading order: names (and their appositions),
        definite descriptions, pronouns."""
        doc = seg.doc
        out: list[Ref] = []
        taken: set[int] = set()
        self._person_tokens: set[int] = set()
        for m in self.index.by_segment.get(seg_id, []):
            kind = self._kind_of(m)
            if kind is None:
                continue
            span = doc[m.tokens[0]:m.tokens[1]]
            head = span.root
            role = _role(head)
            if role != "subj" and self._inverted_subject(head, seg_id):
                role = "subj"
            elif role == "embedded" and self._possessor_of_subject(head):
                role = "obj"
            ref = Ref(seg_id, m.start, m.end, m.text, "name", head.i, self._sent(head), role,
                      self._quote_of(seg_id, m.start), actor_id=m.actor_id, kind=kind)
            if m.kind == "role":
                ref.form = "title"
            out.append(ref)
            taken.update(range(m.tokens[0], m.tokens[1]))
            if kind == "person":
                self._person_tokens.update(range(m.tokens[0], m.tokens[1]))
                for title in self._apposition(doc, span, seg_id, ref):
                    out.append(title)
                    taken.update(range(title.head, title.head + 1))
                    taken.update(t.i for t in doc[_tok_at(doc, title.start):_tok_at(doc, title.end - 1) + 1])
        out.extend(self._names_again(seg_id, doc, taken))
        out.extend(self._acronym_names(seg_id, doc, taken))
        for tok in _candidate_tokens(doc):
            if tok.i in taken or tok.pos_ not in CANDIDATE_POS and not tok.text.startswith("-") and not self._participle_noun(tok):
                continue
            other = self._latter(tok, seg_id, taken) or self._pronoun(tok, seg_id) or \
                self._description(tok, seg_id, taken) or self._bare_name(tok, seg_id, taken)
            if other is not None:
                out.append(other)
        out.sort(key=lambda r: (r.start, r.end))
        _comma_appositions(out, doc_text(doc))
        return out

    def _organisation_names(self) -> dict[str, str | None]:
        """Names of several words the NER took for an organisation somewhere in the article
        (with the actor they link to): one name, one thing, in the whole article."""
        names: dict[str, str | None] = {}
        for seg_id in self.index.by_segment:
            for m in self.index.by_segment[seg_id]:
                if self._kind_of(m) == "organisation" and m.kind in ("name", "ner") and " " in m.text and m.text[:1].isupper() \
                        and not m.text.isupper():
                    names.setdefault(m.text, m.actor_id)
        return names

    def _names_again(self, seg_id: int, doc, taken: set[int]) -> list[Ref]:  # noqa: ANN001
        """'Big Machine have twice denied …': an organisation's name where the NER missed it
        this time, as a mention of the organisation it names elsewhere in the article."""
        out: list[Ref] = []
        text = doc_text(doc)
        for name, actor_id in self._org_names.items():
            for start in _occurrences(text, name):
                span = doc.char_span(start, start + len(name))
                if span is None or any(t.i in taken for t in span):
                    continue
                head = span.root
                role = _role(head)
                if role != "subj" and self._inverted_subject(head, seg_id):
                    role = "subj"
                out.append(Ref(seg_id, start, start + len(name), name, "name", head.i, self._sent(head), role,
                               self._quote_of(seg_id, start), actor_id=actor_id, kind="organisation"))
                taken.update(t.i for t in span)
        return out

    def _acronym_names(self, seg_id: int, doc, taken: set[int]) -> list[Ref]:  # noqa: ANN001
        """Organisations the NER missed, known by their acronym: a name that spells the
        acronym in brackets after it ('le Combating Terrorism Center (CTC)'), and an acronym
        in capitals that spells a name the article gives ('la DGS' for 'Direction générale de
        la santé')."""
        out: list[Ref] = []
        text = doc_text(doc)
        spans: list[tuple[int, int, str | None]] = []
        for m in re.finditer(r"\(([A-Z][A-Z0-9]{1,7})\)", text):
            words = list(re.finditer(r"[\w'’-]+", text[max(0, m.start() - 120):m.start()]))
            base = max(0, m.start() - 120)
            for k in range(2, min(8, len(words)) + 1):
                chosen = words[-k:]
                if text[base + chosen[-1].end():m.start()].strip() or not chosen[0].group()[:1].isupper():
                    continue
                if _acronym(tuple(fold(w.group()) for w in chosen)) == m.group(1).lower():
                    spans.append((base + chosen[0].start(), base + chosen[-1].end(), None))
                    break
        known = self._org_acronyms  # built once per article, from the organisations' names
        for tok in _lower_in(doc, known) if known else ():  # (no walk of the tokens when the article names none)
            if tok.text.isupper() and tok.text.isalpha() and 2 <= len(tok.text) <= 6 and tok.i not in taken and \
                    tok.lower_ in known and tok.pos_ in ("PROPN", "NOUN", "X"):
                spans.append((tok.idx, tok.idx + len(tok.text), known[tok.lower_][1]))
        for start, end, actor_id in spans:
            span = doc.char_span(start, end)
            if span is None or any(t.i in taken for t in span):
                continue
            head = span.root
            out.append(Ref(seg_id, start, end, text[start:end], "name", head.i, self._sent(head), _role(head),
                           self._quote_of(seg_id, start), actor_id=actor_id, kind="organisation"))
            taken.update(t.i for t in span)
        return out

    def _possessor_of_subject(self, tok) -> bool:  # noqa: ANN001
        """"Mr. Smith's plan is not limited to trade. He …": a name in the possessive ('poss')
        before the head of the clause's subject when that head is no person (not 'Smith's
        lawyer said he'): the possessor is what the sentence is about, as salient as an object."""
        while tok.dep_ in ("flat:name", "flat", "compound") and tok.head.i != tok.i:
            tok = tok.head
        owned = tok.head
        return tok.dep_ == "poss" and owned.i > tok.i and owned.pos_ == "NOUN" and \
            owned.dep_ in ("nsubj", "nsubjpass") and not self._person_noun(owned) and owned.ent_type_ not in PERSON_LABELS

    def _inverted_subject(self, tok, seg_id: int | None = None) -> bool:  # noqa: ANN001
        """'« … », a déclaré François Hollande': a name right after a reporting verb that has
        no subject before it (parsers often call it an object), or whose 'subject' lies before
        the comma of an incise inside the marks (``seg_id`` given). A noun after its own
        preposition ('…, selon l'avocat') is no subject."""
        if any(c.dep_ == "case" and c.i < tok.i for c in tok.children):
            return False
        while tok.dep_ in ("flat:name", "flat", "appos", "compound") and tok.head.i != tok.i and tok.head.pos_ not in ("VERB", "AUX"):
            tok = tok.head  # ('estime Jean-Luc Mélenchon': a name the parser hung on the verb as an apposition)
        verb = self._verb_past_circumstance(tok) or tok.head
        if verb.i >= tok.i or verb.pos_ not in ("VERB", "AUX") or not self._reports(verb):
            return False
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") and c.i < verb.i]
        if seg_id is not None and subjects:
            if self._incise_in_marks(verb, seg_id):
                return True
            if self._quote_of(seg_id, verb.idx) is None and grammar(self.ctx.lang, "inverted_incise"):
                # '« Nous sommes devant un cas … », a estimé le maire':
                subjects = [c for c in subjects if self._quote_of(seg_id, c.idx) is None]  # no subject in the marks
        return not subjects

    def _incise_in_marks(self, verb, seg_id: int) -> bool:  # noqa: ANN001
        """'« Arrêtez …, écrit le député. La France va mieux. »': a reporting verb right after a
        comma inside a quotation is an incise, whatever subject the parser gave it before the comma."""
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        first = min([verb.i] + [c.i for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i])
        return first > 0 and verb.doc[first - 1].text == "," and grammar(self.ctx.lang, "inverted_incise") and \
            self._quote_of(seg_id, verb.idx) is not None

    def _verb_past_circumstance(self, tok):  # noqa: ANN001, ANN202
        """'a déclaré vendredi 24 juin le chef de la campagne': the verb of a determined noun
        phrase with no preposition that the parser hung on a short date or circumstance right
        after the verb (quotes.py reads it so too); None when ``tok`` is not such a phrase."""
        if tok.dep_ != "nmod" or not grammar(self.ctx.lang, "inverted_incise") or \
                not any(c.dep_ == "det" and c.i < tok.i for c in tok.children):
            return None
        head = tok.head
        for _ in range(4):
            if head.pos_ in ("VERB", "AUX") or head.i >= tok.i or head.head.i == head.i:
                break
            head = head.head
        if head.pos_ not in ("VERB", "AUX") or head.i >= tok.i or tok.i - head.i > 8 or \
                any(t.is_punct for t in tok.doc[head.i + 1:tok.i]):
            return None
        return head

    def _kind_of(self, m) -> str | None:  # noqa: ANN001
        if m.actor_id:
            kind = self.ctx.info(m.actor_id).get("type")
            if kind == "person":
                return "person"
            if kind in ("organisation", "igo", "group"):
                return "organisation"
            if kind == "country" and m.kind in ("name", "metonym", "acronym"):
                return "organisation"
            return None
        words = m.text.split()
        if m.label in (PERSON_LABELS | ORG_LABELS) and len(words) >= 2 and \
                fold(words[-1]).rstrip(".") in self.lex.get("organisation_name_ends", ()):
            return "organisation"  # 'Dick Clark Productions' taken for a person
        if m.label in PERSON_LABELS:
            return "person"
        if m.label in ORG_LABELS and m.label != "NORP":
            if 2 <= len(words) <= 3 and first_name_gender(words[0]) and all(w[:1].isupper() for w in words):
                return "person"  # 'Bettie Page' taken for an organisation
            return "organisation"
        return None

    def _apposition(self, doc, span, seg_id: int, name: Ref) -> list[Ref]:  # noqa: ANN001
        """The descriptions standing beside a person's name: one before it whose head noun
        governs the name ('le maire de Quiberon Bernard Hilliet', 'teacher Angela Cooper'),
        and one after it that hangs on it ('Bernard Hilliet, le maire de Quiberon'). A name
        may have both ('le journaliste Paul Roy, auteur du livre'); a name after a
        preposition ('l'avocat de Piotr Pavlenski') has no title before it, but keeps a comma
        title after it ('selon Paul Roy, porte-parole du parti')."""
        after_preposition = span.start > 0 and doc[span.start - 1].pos_ == "ADP"
        before = None if after_preposition else self._title_before(doc, span)
        after = self._title_after(doc, span, comma_only=after_preposition)
        found = [f for f in (before, after) if f is not None]
        return [ref for f in found if (ref := self._title_ref(doc, f, seg_id, name)) is not None]

    def _title_before(self, doc, span):  # noqa: ANN001, ANN202
        """(noun, start, end) of a person description whose head noun governs the name after it."""
        head = span.root
        governed = head.dep_ in ("appos", "flat:name", "compound", "dep") or \
            (head.dep_ in ("nmod", "nsubj", "obj") and not any(c.dep_ == "case" for c in head.children))
        if head.head.i != head.i and head.head.pos_ == "NOUN" and head.head.i < span.start and governed:
            noun = head.head
            return (noun, noun.left_edge.i, span.start) if self._person_noun(noun) else None
        compounds = [c for c in head.children if c.dep_ in ("compound", "amod") and c.i < span.start and
                     (c.pos_ == "NOUN" or c.pos_ == "PROPN" and self._person_noun(c))]
        if compounds and self._person_noun(compounds[-1]):
            return compounds[-1], min(c.left_edge.i for c in compounds), span.start
        return None

    def _title_after(self, doc, span, comma_only: bool):  # noqa: ANN001, ANN202
        """(noun, start, end) of a person description hanging on the name after it: the
        parser's apposition, or a title set off by a comma (:meth:`_comma_title`)."""
        head = span.root
        for child in head.children:
            if child.i >= span.end and child.dep_ in ("appos", "acl", "nmod") and child.pos_ == "NOUN":
                if not self._person_noun(child) or comma_only and doc[span.end].text != ",":
                    break
                lo, hi = child.i, child.right_edge.i + 1
                dets = [c for c in child.children if c.dep_ == "det" and c.i < child.i]
                return child, min(lo, dets[0].i) if dets else lo, hi
        return self._comma_title(doc, span)

    def _title_ref(self, doc, found, seg_id: int, name: Ref) -> Ref | None:  # noqa: ANN001
        """The title mention of (noun, start, end) beside ``name``, trimmed of punctuation and
        of the words that only join it to the name."""
        noun, lo, hi = found
        other = next((i for i in range(noun.i + 1, hi) if doc[i].ent_type_ in ("PER", "PERSON")), None)
        if other is not None:  # 'a top aide to Vice President Pence': the title stops before another person and their title
            hi = other
            while hi > noun.i + 1 and (doc[hi - 1].text[:1].isupper() or doc[hi - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT")):
                hi -= 1
        while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].dep_ == "cc"):
            hi -= 1
        while lo < hi and (doc[lo].is_punct or doc[lo].pos_ in ("ADP", "CCONJ", "SCONJ", "ADV")):
            lo += 1
        if hi <= lo or noun.i < lo:
            return None
        words = doc[lo:hi]
        start_char = words.start_char + (1 if words.text.startswith("-") else 0)
        gender = self._noun_gender(noun)
        soft = self._soft_gender(noun, gender)
        if gender and not soft:
            name.gender = name.gender or gender
        ref = Ref(seg_id, start_char, words.end_char, doc_text(doc)[start_char:words.end_char], "title", noun.i, name.sent,
                  "title", name.quote, gender=gender, kind="person", soft_gender=soft)
        ref.antecedent = name
        ref.plural = False
        return ref

    def _comma_title(self, doc, span):  # noqa: ANN001, ANN202
        """(noun, start, end) of a title set off by a comma after a name, whatever the parser
        made of it: 'Pierre Laurent, secrétaire national du PCF, a …', 'Joel Smith, a
        teacher at Richmond High School, said'. The title runs to the next comma, bracket or
        verb, within ten words."""
        i = span.end
        if i + 1 >= len(doc) or doc[i].text != ",":
            return None
        j = i + 1
        if fold(doc[j].lower_) in self.lex.get("stressed_pronouns", ()) and j + 1 < len(doc):
            j += 1  # 'Paul Roy, lui aussi avocat': the pronoun is the name's, a mention of its own
            while j < len(doc) - 1 and doc[j].pos_ == "ADV":
                j += 1
        start = j
        if doc[j].pos_ == "DET" and j + 1 < len(doc):
            j += 1
        while j < len(doc) - 1 and doc[j].pos_ == "ADJ" and not self._person_noun(doc[j]):
            j += 1  # 'ancien ministre', 'former minister'
        noun = doc[j]
        # the tagger may take the title's noun for an adjective or a participle ('X, comédienne et
        # photographe', 'X, chargée de communication'): a person noun in lower case is the title
        if noun.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB") or not noun.text[:1].islower() or not self._person_noun(noun):
            return None
        hi = j + 1
        while hi < min(len(doc), j + 11) and doc[hi].text not in (",", "(", ")", ";", ":", "«", "»", "\"", "“", "”") \
                and doc[hi].pos_ not in ("VERB", "AUX") and not doc[hi].is_sent_start:
            hi += 1
        if _own_subject(noun, span.root):
            return None  # '… l'inéligibilité de Mme X, le président républicain a répondu': the title starts a clause
        return noun, start, hi

    def _age(self, tok) -> bool:  # noqa: ANN001
        """'the 45-year-old': an age adjective with a number in its phrase, a person described by age."""
        return tok.lower_ in self.lex["age_adjectives"] and any(t.like_num for t in tok.subtree if t.i < tok.i)

    def _person_noun(self, tok) -> bool:  # noqa: ANN001
        low = fold(tok.lower_)
        lemma = fold(tok.lemma_.lower())
        nouns = self.lex["person_nouns_folded"]
        return low in nouns or lemma in nouns or low.split("-")[-1] in nouns

    def _capitalised_title(self, tok) -> bool:  # noqa: ANN001
        """'the President', 'the Governor': a person noun written with a capital after a
        definite determiner, not the start of a name ('the President Hotel', 'the Minister Smith')."""
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or not tok.text[1:].islower() or not self._person_noun(tok):
            return False
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return prev is not None and prev.pos_ == "DET" and fold(prev.lower_) in self.lex["determiners_folded"] and \
            (nxt is None or not (nxt.pos_ == "PROPN" or nxt.text[:1].isupper()))

    def _participle_noun(self, tok) -> bool:  # noqa: ANN001
        """'le principal opposant', 'le gérant': a person noun in -ant the tagger took for a
        present participle, after a determiner and maybe adjectives."""
        if tok.pos_ != "VERB" or not self._person_noun(tok):
            return False
        i = tok.i - 1
        while i > 0 and tok.doc[i].pos_ == "ADJ":
            i -= 1
        return i >= 0 and i < tok.i and tok.doc[i].pos_ == "DET"

    def _noun_gender(self, noun) -> str | None:  # noqa: ANN001
        """Gender a description tells: its noun where the language's nouns tell it ('chairwoman':
        ``grammar.gender_from_noun``), else its determiner or its own agreement ('la ministre')."""
        if grammar(self.ctx.lang, "gender_from_noun"):
            low = noun.lower_
            if low in self.lex["feminine_nouns"] or low.endswith("woman"):
                return "f"
            if low in self.lex["masculine_nouns"] or (low.endswith("man") and not low.endswith("woman")):
                return "m"
            return None
        for c in noun.children:
            if c.dep_ == "det":
                g = c.morph.get("Gender")
                if g and c.lower_ not in closed_words("genderless_determiners"):
                    return "f" if g[0] == "Fem" else "m"
        for c in noun.children:
            if c.dep_ == "amod":
                g = c.morph.get("Gender")
                if g and c.lower_.endswith("e") == (g[0] == "Fem"):
                    return "f" if g[0] == "Fem" else "m"
        return self._gender_from_form(noun)

    def _soft_gender(self, noun, gender: str | None) -> bool:  # noqa: ANN001
        """Is ``gender`` the masculine of an office noun still written of women ('l'eurodéputé'
        of a woman, 'Mme le maire': ``masculine_offices``)? Such a gender tells no man for sure."""
        offices = self.lex.get("masculine_offices_folded", ())
        return gender == "m" and bool(offices) and (fold(noun.lower_) in offices or fold(noun.lemma_.lower()) in offices)

    def _gender_from_form(self, noun) -> str | None:  # noqa: ANN001
        """Gender a noun's own form tells when no determiner does ('l'avocat', 'l'avocate'):
        the tagger's gender, believed only where the ending agrees with it (``noun_gender_endings``),
        since nouns in -e ('l'anthropologue', 'l'élève') are either."""
        endings = self.lex.get("noun_gender_endings")
        g = noun.morph.get("Gender")
        if not endings or not g:
            return None
        low = noun.lower_
        if g[0] == "Masc" and not low.endswith(tuple(endings["m_when_not"])):
            return "m"
        if g[0] == "Fem" and low.endswith(tuple(endings["f"])):
            return "f"
        return None

    def _pronoun(self, tok, seg_id: int) -> Ref | None:  # noqa: ANN001
        """A third-person personal pronoun, or a first-person one inside a quotation."""
        key = pronoun_key(tok.text)
        first_person = key in self.lex["first_person"] and tok.pos_ == "PRON"
        if not first_person and key not in self.lex["pronouns"]:
            return None  # (asked of every word: the cheap test first)
        quote = self._quote_of(seg_id, tok.idx)
        if first_person:
            if quote is None:
                return None
            r = Ref(seg_id, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", tok.i, self._sent(tok), _role(tok), quote)
            r.first_person = True
            return r
        spec = self.lex["pronouns"].get(key)
        if spec is None:
            return None
        clitic = key in own_words(self.ctx.lang, "object_clitics") and self._clitic_taken_for_article(tok)
        if tok.pos_ not in ("PRON",) and not tok.text.startswith("-") and not clitic:
            return None
        if tok.tag_ in own_words(self.ctx.lang, "possessive_tags"):
            return None
        if key in own_words(self.ctx.lang, "object_clitics") and tok.dep_ not in ("obj", "iobj", "obl", "obl:arg", "expl:comp", "dep") \
                and not clitic:
            return None
        if key in CLITICS and tok.head.lemma_.lower() in self.lex.get("neuter_verbs", ()):
            return None  # 'le dire', 'l'espère': it, not him
        if self._impersonal(tok, key):
            return None
        r = Ref(seg_id, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", tok.i, self._sent(tok), _role(tok), quote,
                gender=spec.get("gender"), plural=spec.get("number") == "pl")
        r.kind = "org" if spec.get("gender") == "n" else "person"
        if r.kind == "org" and quote is not None:
            return None  # 'it' inside a quotation: mostly a thing
        return r

    def _clitic_taken_for_article(self, tok) -> bool:  # noqa: ANN001
        """An object clitic the tagger read as an article: 'la procédure le concernant' (an
        article the parser still makes the verb's object), 'l'accuse de l'avoir frappée' (an
        'article' of the auxiliary infinitive before a participle)."""
        if tok.pos_ != "DET" and tok.dep_ != "det":
            return False
        head = tok.head
        if head.i != tok.i + 1 or head.pos_ not in ("VERB", "AUX"):
            return False
        if tok.dep_ in ("obj", "iobj"):
            return True
        after = tok.doc[head.i + 1] if head.i + 1 < len(tok.doc) else None
        return "Inf" in head.morph.get("VerbForm") and head.lemma_.lower() in ("avoir", "être") and \
            after is not None and "Part" in after.morph.get("VerbForm")

    def _latter(self, tok, seg_id: int, taken: set[int]) -> Ref | None:  # noqa: ANN001
        """'ce dernier', 'cette dernière', 'celui-ci', 'celle-ci' (the lexicon's ``latter``): a
        demonstrative standing for the person mentioned last, whatever the tokenizer made of it."""
        latter = self.lex.get("latter", {})
        if fold(tok.lower_) not in self._latter_starts(latter):
            return None  # (asked of every word: the cheap test first)
        for n in (1, 2, 3):
            words = tok.doc[tok.i:tok.i + n]
            if len(words) < n or any(t.i in taken for t in words):
                return None
            gender = latter.get(fold(words.text.lower()).replace(" - ", "-"))
            if gender is not None:
                break
        else:
            return None
        taken.update(t.i for t in words)
        head = next((t for t in words if t.dep_ in NOMINAL_DEPS), words[-1])
        r = Ref(seg_id, words.start_char, words.end_char, words.text, "pronoun", head.i, self._sent(tok), _role(head),
                self._quote_of(seg_id, words.start_char), gender=gender, kind="person")
        r.latter = True
        return r

    def _latter_starts(self, latter: dict) -> frozenset[str]:
        """The first words of the ``latter`` phrases as the tokenizer may cut them ('ce',
        'celle-ci' or 'celle'), folded, computed once per article."""
        if self._latter_first is None:
            starts: set[str] = set()
            for phrase in latter:
                first = fold(phrase.lower()).split()[0]
                starts.update((first, first.split("-")[0]))
            self._latter_first = frozenset(starts)
        return self._latter_first

    def _resolve_latter(self, r: Ref) -> None:
        """The person of the right gender whose mention comes last before 'ce dernier', within
        the sentence before."""
        last = next((x for x in reversed(self.refs) if x.referent is not None and x.kind == "person" and not x.plural
                     and x.referent.kind == "person" and r.sent - 1 <= x.sent <= r.sent
                     and not (x.referent.gender and x.referent.gender != r.gender)), None)
        if last is not None and not self._thing_between(last, r):
            r.referent, r.antecedent = last.referent, last

    def _thing_between(self, last: Ref, r: Ref) -> bool:
        """Is a noun of the latter's gender, not a person, named between the person and
        'ce dernier' ('X a présenté le projet. Ce dernier prévoit …': the project)? Dates
        and other adjuncts ('lundi') do not count."""
        if last.seg != r.seg:
            return False
        doc = self.segments[r.seg].doc
        gender = {"m": "Masc", "f": "Fem"}.get(r.gender or "")
        return any(t.pos_ == "NOUN" and gender in t.morph.get("Gender") and t.dep_ in ("obj", "nsubj", "nsubj:pass", "obl:arg", "nmod")
                   and any(c.dep_ == "det" for c in t.children) and not self._person_noun(t)
                   for t in doc if last.end <= t.idx < r.start)

    def _bare_name(self, tok, seg_id: int, taken: set[int]) -> Ref | None:  # noqa: ANN001
        """A proper noun the NER missed ('Petrides said'): kept as a candidate surname or
        first name of a person named before (resolution drops it otherwise)."""
        if tok.pos_ not in ("PROPN", "NOUN", "X") or not tok.text[:1].isupper() or tok.text.isupper() or \
                len(tok.text) < 3 or (tok.is_sent_start and tok.dep_ not in SUBJ_DEPS):
            return None
        if tok.dep_ in ("flat:name", "flat", "compound") or any(c.dep_ in ("flat:name", "flat") for c in tok.children):
            return None
        start = tok.i
        while start >= 2 and tok.doc[start - 1].text == "-" and not tok.doc[start - 1].whitespace_ and \
                not tok.doc[start - 2].whitespace_ and tok.doc[start - 2].text[:1].isupper() and start - 2 not in taken:
            start -= 2  # 'Soon-Shiong': a hyphenated surname the tokenizer split
        first = tok.doc[start]
        return Ref(seg_id, first.idx, tok.idx + len(tok.text), tok.doc[start:tok.i + 1].text, "propn", tok.i, self._sent(tok),
                   _role(tok), self._quote_of(seg_id, first.idx), kind="person")

    def _introduced_first_name(self, tok) -> bool:  # noqa: ANN001
        """A known first name alone that the article introduces as a person by an apposition
        ('Muhammad, un Pakistanais de 25 ans, …', 'Léa, 17 ans, …'), as news names the
        ordinary people it quotes: a person of their own though the NER missed the name."""
        doc = tok.doc
        if first_name_gender(tok.text) is None or tok.i + 2 >= len(doc) or doc[tok.i + 1].text != ",":
            return False
        nxt = doc[tok.i + 2]
        if nxt.like_num:  # an age
            return True
        return nxt.pos_ == "DET" and "Ind" in nxt.morph.get("PronType", []) + nxt.morph.get("Definite", []) and \
            tok.i + 3 < len(doc) and (self._person_noun(doc[tok.i + 3]) or doc[tok.i + 3].pos_ in ("NOUN", "ADJ", "PROPN"))

    def _impersonal(self, tok, key: str) -> bool:  # noqa: ANN001
        """'il faut', 'il s'agit', 'il y a', 'il est possible de', 'it is', 'it seems'."""
        if key not in closed_words("impersonal_pronouns"):
            return False
        verb = tok.head
        lemma = verb.lemma_.lower()
        if lemma in self.lex["impersonal"]:
            if lemma not in self.lex.get("impersonal_when_complemented", ()):
                return True
            # 'il reste trois jours', 'il arrive que …', 'il suffit de …': what remains or happens
            # follows; 'il n'était pas resté longtemps' is someone
            return any(c.i > verb.i and (c.dep_ in ("ccomp", "obj", "nsubj", "expl:subj") or c.dep_ == "xcomp" and c.pos_ == "VERB")
                       for c in verb.children)
        if any(c.lower_ == "y" for c in verb.children) and lemma == "avoir":
            return True
        if not (verb.pos_ in ("ADJ", "NOUN") and any(c.dep_ == "cop" for c in verb.children)):
            return False
        if verb.pos_ == "NOUN":  # 'il est temps de', but 'il était un militant' is someone
            return not any(c.dep_ == "det" for c in verb.children)
        # 'il est possible de partir', 'il est clair que …'; 'il est fatigué' is someone
        return any(c.i > verb.i and (c.pos_ in ("VERB", "AUX") or c.dep_ in ("ccomp", "csubj", "xcomp")) for c in verb.children)

    def _description(self, tok, seg_id: int, taken: set[int]) -> Ref | None:  # noqa: ANN001
        """A definite description of a person ('le ministre', 'l'ancien président', 'the governor')
        or of an organisation ('la chaîne', 'the company')."""
        if tok.pos_ == "ADJ":  # 'La nonagénaire était inscrite': a noun the tagger took for an adjective
            if tok.dep_ not in NOMINAL_DEPS or not (self._person_noun(tok) or self._age(tok)) or \
                    not any(c.dep_ == "det" and (c.i == tok.i - 1 or self._age(tok)) for c in tok.children):
                return None
        elif tok.pos_ != "NOUN" and not (tok.pos_ == "PROPN" and tok.text.islower()) and not self._participle_noun(tok) \
                and not self._capitalised_title(tok):
            return None  # ('le Premier ministre': the parser may call 'ministre' a proper noun)
        is_person = self._person_noun(tok) or self._age(tok)
        org_kind = self.lex.get("org_nouns", {}).get(tok.lower_) or self.lex.get("org_nouns", {}).get(tok.lemma_.lower())
        if not is_person and not org_kind:
            return None  # (asked of every noun: the cheap test before the walk of its children)
        kids = list(tok.children)  # ``Token.children`` walks the token's whole subtree on each call
        dets = [c for c in kids if c.dep_ in ("det", "det:poss", "poss") and c.i < tok.i]
        case = max((c.i for c in kids if c.dep_ == "case" and c.i < tok.i), default=-1)
        if case >= 0 and any(d.i > case for d in dets):
            dets = [d for d in dets if d.i > case]  # 'le pas de l'ex-Premier ministre' misparsed: the description starts after 'de'
        if not dets and tok.head.i == tok.i - 1 and tok.head.pos_ in ("ADJ", "PROPN", "NOUN"):
            dets = [c for c in tok.head.children if c.dep_ in ("det", "det:poss", "poss") and c.i < tok.head.i]  # 'Le Premier ministre'
        if not dets and tok.i > 1 and tok.doc[tok.i - 1].pos_ in ("ADJ", "PROPN") and tok.doc[tok.i - 2].pos_ == "DET":
            dets = [tok.doc[tok.i - 2]]
        contracted = None
        if not dets:  # 'la visite du président', 'une lettre au ministre': the article is in the preposition
            contracted = next((c for c in kids if c.dep_ == "case" and c.i < tok.i
                               and fold(c.lower_) in self.lex["contracted_determiners"]), None)
            if contracted is not None:
                dets = [contracted]
        predicate = not dets and any(c.dep_ == "cop" for c in kids) and self._person_noun(tok)
        honorifics = own_words(self.ctx.lang, "honorifics")
        if (not dets or (dets[0] is not contracted and fold(dets[0].lower_) not in self.lex["determiners_folded"])) and \
                not any(c.lower_ in honorifics for c in kids) and not predicate:
            return None  # (a bare predicate is a description: 'qui était alors Premier ministre')
        if contracted is not None and not is_person:
            return None  # ('auprès du ministère de la Santé' names the ministry)
        if "Plur" in tok.morph.get("Number") or tok.tag_ in ("NNS", "NNPS"):
            return None
        lo = contracted.i + 1 if contracted is not None else min((d.i for d in dets), default=tok.i)
        hi = tok.i + 1
        for c in kids:
            if c.i > tok.i and (c.dep_ in ("amod", "compound", "flat:name", "fixed") or _of_complement(c)):
                hi = max(hi, c.right_edge.i + 1)
            elif c.i > tok.i and c.dep_ not in ("punct",):
                break
        for c in kids:
            if c.i < tok.i and c.dep_ in ("amod", "compound", "nmod"):
                lo = min(lo, c.left_edge.i)
        inside = [i for i in range(tok.i + 1, hi) if i in self._person_tokens]
        if inside:
            hi = inside[0]  # 'le ministre de l'Economie Bruno Le Maire': the name is not the description
        of_name = bool(inside) and tok.doc[hi - 1].pos_ == "ADP"  # 'l'avocat de Paul Roy': Paul Roy is another person
        if any(i in taken for i in range(lo, tok.i + 1)):
            return None
        doc = tok.doc
        span = doc[lo:hi]
        while len(span) > 1 and span[-1].is_punct:
            span = doc[span.start:span.end - 1]
        taken.update(i for i in range(span.start, span.end) if i not in taken)
        role = _role(tok)
        quote = self._quote_of(seg_id, span.start_char)
        if quote is not None and is_person and self._inverted_subject(tok, seg_id) and self._incise_in_marks(tok.head, seg_id):
            role = "subj"
            quote = None  # '« Arrêtez …, écrit le député. La France va mieux. »': an incise inside the marks is narration
        elif role != "subj" and self._inverted_subject(tok, seg_id):
            role = "subj"
        r = Ref(seg_id, span.start_char, span.end_char, span.text, "description", tok.i, self._sent(tok), role,
                quote, gender=self._noun_gender(tok) if is_person else None,
                kind="person" if is_person else "org")
        r.of_name = of_name
        r.soft_gender = is_person and self._soft_gender(tok, r.gender)
        r.owned = any(c.i < tok.i and c.pos_ == "PRON" and (c.dep_ in ("poss", "det:poss") or "Yes" in c.morph.get("Poss"))
                      for c in kids)
        return r

    # --------------------------------------------------------------- resolving

    def _resolve(self, r: Ref, seg) -> None:  # noqa: ANN001
        if r.first_person or r.done:
            return
        r.done = True
        if r.form in ("name", "title") and r.antecedent is None:
            self._name(r, seg)
        elif r.form == "title" and r.antecedent is not None:
            if not r.antecedent.done:
                self._resolve(r.antecedent, seg)
            who = r.antecedent.referent
            r.referent = who
            if who is not None:
                self._describe(who, r, seg)
        elif r.form == "description":
            self._resolve_description(r, seg)
        elif r.form == "propn":
            words, _ = _name_words(seg.doc, r, self.lex)
            who = self._join_by_words(words, r) if len(words) == 1 else None
            if who is not None and len(who.words) > 1:
                r.form = "surname" if words[0] == who.words[-1] else "first"
                r.referent, r.antecedent = who, self._last_name_ref(who)
            elif who is None and len(words) == 1 and self._introduced_first_name(seg.doc[r.head]):
                who = Referent(name=r.text, kind="person", words=words)  # 'Muhammad, un Pakistanais de 25 ans'
                gender = first_name_gender(words[0])
                if gender:
                    who.gender_votes[gender] += 1
                self._add(who)
                r.form, r.referent = "first", who
        elif r.form == "pronoun":
            self._resolve_pronoun(r, seg)
        if r.referent is not None:
            w = WEIGHTS.get(r.role, 30.0) * FIELD_WEIGHT.get(seg.field, 1.0) * _embedding(seg.doc[r.head])
            if r.form != "title" or r.antecedent is None:
                r.referent.events.append((r.sent, w, r.quote is not None))

    def _name(self, r: Ref, seg) -> None:  # noqa: ANN001
        """Find or start the referent of a name."""
        doc = seg.doc
        words, title_gender = _name_words(doc, r, self.lex)
        if r.actor_id and r.kind == "person" or (r.actor_id and r.form == "title"):
            who = self.by_actor.get(r.actor_id)
            if who is None:
                who = self._join_by_words(words, r) if words else None
                if who is not None and who.actor_id is None:
                    who.actor_id = r.actor_id
                    self.by_actor[r.actor_id] = who
            if who is None:
                row = self.ctx.info(r.actor_id)
                who = Referent(name=r.text if r.form == "name" else row.get("name", r.text), kind="person",
                               actor_id=r.actor_id, words=words)
                g = row.get("gender")
                if g in ("m", "f"):
                    who.gender_votes[g] += 5
                self._add(who)
                self.by_actor[r.actor_id] = who
        elif r.actor_id:
            who = self.by_actor.get(r.actor_id)
            if who is None:
                who = Referent(name=r.text, kind="organisation", actor_id=r.actor_id, words=words)
                self._add(who)
                self.by_actor[r.actor_id] = who
        elif r.kind == "organisation" and len(words) == 1 and (joined := self._join_by_words(words, r)) is not None \
                and len(joined.words) > 1:
            who = joined  # the NER took a surname for an organisation ('Maley said')
            r.kind, r.form = "person", "surname"
        elif r.kind == "organisation":
            words = tuple(w for w in words if w not in closed_words("name_articles"))
            who = self._same_organisation(words, r.text)
            if who is None:
                who = Referent(name=org_name(r.text), kind="organisation", words=words)
                self._add(who)
            elif len(words) > len(who.words) and who.actor_id is None:
                who.name, who.words = org_name(r.text), words
                self._absorb_short_forms(who)
        else:
            if not words:
                return
            who = self._join_by_words(words, r)
            if who is None:
                who = Referent(name=_clean_name(r.text, self.lex), kind="person", words=words)
                self._add(who)
            elif len(words) > len(who.words) and who.actor_id is None:
                who.name, who.words = _clean_name(r.text, self.lex), words
            elif len(words) == 1 and r.form == "name":
                r.form = "surname" if words[-1] == who.words[-1] else "first"
        assert who is not None  # every branch above found or made one
        if who.name.isupper() and r.form == "name" and not r.text.isupper() and len(words) >= len(who.words):
            who.name = _clean_name(r.text, self.lex) if who.kind == "person" else org_name(r.text)  # 'MARINE LE PEN' of a heading
        if r.kind == "person" and who.kind == "person":
            if len(words) == 1 and len(who.words) > 1 and r.form == "name":
                r.form = "surname" if words[0] == who.words[-1] else "first"
            if title_gender:
                who.gender_votes[title_gender] += 3
            first = first_name_gender(who.words[0]) if len(who.words) > 1 else None
            if first and not who.gender_votes:
                who.gender_votes[first] += 1
            g = _agreement(doc[r.head], self.ctx.lang)
            if g:
                who.gender_votes[g] += 1
            if r.gender:
                who.gender_votes[r.gender] += 2
        if r.kind == "person" and who.kind == "person":
            abbr = self.lex.get("title_abbreviations", {})
            start = _tok_at(doc, r.start)
            for t in doc[max(0, start - 2):start + 1]:
                noun = abbr.get(t.lower_) or abbr.get(t.lower_ + ".")
                if noun and t.idx < r.start + len(t.text):
                    who.nouns.add(fold(noun))
        if r.form in ("surname", "first") and who.name != r.text:
            r.antecedent = self._last_name_ref(who)
        if who.kind == "organisation" and grammar(self.ctx.lang, "gendered_organisations"):
            start = _tok_at(doc, r.start)
            det = doc[start] if doc[start].pos_ == "DET" else (doc[start - 1] if start > 0 and doc[start - 1].pos_ == "DET" else None)
            g = det.morph.get("Gender") if det is not None else []
            if g:
                who.gender_votes["f" if g[0] == "Fem" else "m"] += 1  # 'la CGT', 'le Conseil de sécurité'
        r.referent = who

    def _same_organisation(self, words: tuple[str, ...], text: str) -> Referent | None:
        """An organisation met before under the same name, a shorter or longer form of it
        ('GateHouse' / 'GateHouse Media', 'Bloomberg' / 'Bloomberg News'), or its
        acronym ('CBP' / 'Customs and Border Protection', 'LDH' / 'Ligue des droits de l'Homme'). A one-word
        short form also joins an organisation the actor table linked ('Parlement' after 'Parlement européen')."""
        orgs = [x for x in self.referents if x.kind == "organisation" and x.words and x.actor_id is None]
        for x in reversed(orgs):
            if x.words == words:
                return x
        linked = [x for x in self.referents if x.kind == "organisation" and x.words and x.actor_id is not None]
        for x in reversed(orgs + [x for x in linked if len(words) == 1]):  # 'le Parlement' after 'le Parlement européen' (linked)
            short, long_ = (words, x.words) if len(words) < len(x.words) else (x.words, words)
            if len(short) < len(long_) and long_[:len(short)] == short and len(short[0]) > 2:
                return x
            if len(short) == 1 and len(long_) >= 2 and _acronym(long_) == short[0] and len(short[0]) >= 2:
                return x
        return None

    def _absorb_short_forms(self, who: Referent) -> None:
        """Once an organisation's full name is known, its acronym or short form met before
        ('CBP' before 'Customs and Border Protection') is the same referent."""
        for x in [x for x in self.referents if x is not who and x.kind == "organisation" and x.actor_id is None and x.words]:
            short = x.words
            if len(short) < len(who.words) and (who.words[:len(short)] == short and len(short[0]) > 2 or
                                                 len(short) == 1 and _acronym(who.words) == short[0]):
                who.events = sorted(who.events + x.events)
                for ref in self.refs:
                    if ref.referent is x:
                        ref.referent = who
                self.referents.remove(x)

    def _join_by_words(self, words: tuple[str, ...], r: Ref) -> Referent | None:
        """An earlier person with the same name, or whose surname or first name this is
        (the most recently mentioned one when several are)."""
        people = [p for p in self.referents if p.kind == "person" and p.words]
        same = [p for p in people if p.words == words]
        if same:
            return max(same, key=Referent.last_sentence)
        if len(words) == 1:
            w = words[0]
            by_surname = [p for p in people if len(p.words) > 1 and p.words[-1] == w]
            if by_surname:
                return max(by_surname, key=Referent.last_sentence)
            by_first = [p for p in people if len(p.words) > 1 and p.words[0] == w]
            if len(by_first) == 1:
                return by_first[0]
            return None
        shorter = [p for p in people if len(p.words) == 1 and p.words[0] == words[-1]]
        if shorter:
            return max(shorter, key=Referent.last_sentence)
        return None

    def _last_name_ref(self, who: Referent) -> Ref | None:
        for r in reversed(self.refs):
            if r.referent is who and r.form == "name":
                return r
        return None

    def _add(self, who: Referent) -> None:
        self.referents.append(who)

    def _describe(self, who: Referent, r: Ref, seg) -> None:  # noqa: ANN001
        head = seg.doc[r.head]
        for word in (fold(head.lemma_.lower()), fold(head.lower_)):
            who.nouns.add(word)
            stem, _, rest = word.partition("-")
            if rest and stem in self.lex["former_stems"]:  # 'l'ex-maire' is later 'l'ancien maire': the noun is 'maire'
                who.nouns.add(rest)
        who.descriptions.append(fold(r.text))
        if r.gender and not r.soft_gender:
            who.gender_votes[r.gender] += 2

    def _resolve_description(self, r: Ref, seg) -> None:  # noqa: ANN001
        head = seg.doc[r.head]
        if r.kind == "org":
            self._resolve_org_description(r, head)
            return
        said_of = self._predicate_subject(head, r)
        if said_of is not None and said_of.referent is not None:  # 'X, qui était alors Premier ministre', 'X est le maire de Y'
            r.referent, r.antecedent = said_of.referent, said_of
            self._describe(said_of.referent, r, seg)
            return
        named = self._named_after(r, seg)
        if named is not None and named.referent is not None:  # 'Le député LR de l'Ain Damien Abad': the name it announces
            r.referent, r.antecedent = named.referent, named
            self._describe(named.referent, r, seg)
            return
        noun = fold(head.lemma_.lower())
        low = fold(head.lower_)
        text = fold(r.text)
        former = any(fold(c.lower_).rstrip("-") in self.lex["former_stems"]
                     or fold(c.lower_).split("-", 1)[0] in self.lex["former_stems"] and "-" in c.lower_.strip("-")
                     for c in head.subtree if c.i < head.i) or low.startswith("ex-")  # 'l'ex-Premier ministre'
        people = [p for p in self.referents if p.kind == "person"]
        outside = r.quote is None
        ok_gender = [p for p in people if not (r.gender and p.gender and r.gender != p.gender)]
        if r.soft_gender:  # 'l'eurodéputé' of a woman: one described so before, or any when no man was named lately
            men = any(p.gender == r.gender and r.sent - p.last_sentence() <= 2 for p in ok_gender)
            ok_gender = [p for p in people if p in ok_gender or noun in p.nouns or low in p.nouns or not men]
        if r.of_name:  # 'l'avocate de Paul Roy' is not Paul Roy
            ok_gender = [p for p in ok_gender if p is not self._complement_person(r, seg)]

        def pick(cands: list[Referent]) -> Referent | None:
            if not cands:
                return None
            return max(cands, key=lambda p: (p.salience(r.sent, outside), p.last_sentence()))

        # 1. described so before ('le compositeur Laurent Ferlet' ... 'le compositeur')
        rest = _complement(text, low)
        described = [p for p in ok_gender if (noun in p.nouns or low in p.nouns)
                     and (not rest or any(rest in d for d in p.descriptions))]
        lesser = self.lex["lesser_folded"]
        if lesser and not any(fold(w) in lesser for w in re.findall(r"[\w]+", text)):
            described = [p for p in described if not _only_lesser(p.descriptions, (noun, low), lesser)]  # not the Vice President
        if not rest:  # 'the president' is the one described so bare, not 'the president of the Federal Reserve Bank'
            bare = [p for p in described if any(not _complement(d, low) and not _complement(d, noun) for d in p.descriptions)]
            described = bare or described
        who = None
        if former and self.ctx.on is not None:  # 'l'ancien président': one whose role ended, before one described 'président'
            who = pick([p for p in ok_gender if p.actor_id and self._holds(p.actor_id, r.text, noun, low, former)])
        who = who or pick(described)
        # 2. a role the table gives a person of the article at the date ('le ministre', 'l'ancien président')
        if who is None and self.ctx.on is not None:
            holders = [p for p in ok_gender if p.actor_id and self._holds(p.actor_id, r.text, noun, low, former)]
            who = pick(holders)
        # 2b. someone whose role at the date is in the organisation the description names
        #     ('le président du MoDem', 'the head of the WHO')
        orgs = self._orgs_in(r)
        if who is None and orgs and self.ctx.on is not None:
            members = [p for p in ok_gender if p.actor_id and any(
                role.org in orgs and role.active(self.ctx.on) for role in self.ctx.all_roles(p.actor_id))]
            who = pick(members)
        # 3. the office holder at the date ('le chef de l'État')
        if who is None and not former and self.ctx.on is not None:
            actor_id = self._office_holder(r.text)
            if actor_id:
                who = self.by_actor.get(actor_id)
                row = self.ctx.info(actor_id)
                if who is None:  # a person the article named without the table knowing: the same one
                    words = tuple(fold(w) for w in row.get("name", "").split())
                    # (the same surname with another first name is someone else: 'Brigitte Macron' is not the President)
                    who = next((p for p in people if p.actor_id is None and p.words and words and p.words[-1] == words[-1]
                                and (len(p.words) == 1 or p.words[0] == words[0])), None)
                    if who is not None:
                        who.actor_id = actor_id
                        self.by_actor[actor_id] = who
                if who is None:
                    who = Referent(name=row.get("name", r.text), kind="person", actor_id=actor_id)
                    if row.get("gender") in ("m", "f"):
                        who.gender_votes[row["gender"]] += 5
                    self._add(who)
                    self.by_actor[actor_id] = who
        # 4. a generic description ('la victime') of someone named just before
        age = low in self.lex["age_adjectives"]
        owned = r.owned
        owned = owned or self._kin_of_someone(head)  # 'Sa mère, X, raconte comment sa fille …'
        if who is None and not owned and (low in self.lex["generic_person"] or noun in self.lex["generic_person"] or age):
            # ('the 45-year-old', 'l'enfant' tell no gender: the one person named just before)
            near = [p for p in ok_gender if (p.gender == r.gender or not r.gender) and r.sent - p.last_sentence() <= 2]
            just_before = [p for p in near if p.last_sentence() == r.sent - 1]
            if len(near) == 1:
                who = near[0]
            elif len(just_before) == 1 and r.role == "subj" and r.quote is None:
                who = just_before[0]  # ('écrit le trentenaire' after a sentence naming one of them: the one named last)
        # 5. a description naming the subject of the sentence before, as the speaker of a quotation
        #    (first: the person just named speaks on, even when another one stands out in the article)
        # 6. a role description as the subject ('le président des Patriotes réclame …') is
        #    the person the article is about when that person clearly stands out
        proxy = low in self._proxies() or noun in self._proxies()  # 'le porte-parole' speaks for someone, is not them
        occupation = self.lex.get("occupation_proxies", ())
        proxy = proxy and not (not rest and (low in occupation or noun in occupation))  # bare 'la journaliste' may be her
        demonstrative = any(c.dep_ == "det" and c.i < head.i and "Dem" in c.morph.get("PronType") for c in head.children)
        # 'l'avocat de cette chercheuse' is someone else than the one the article is about; 'ce proche du
        # président', with its demonstrative, is someone the article already spoke of
        proxy = proxy or (self._of_person(head) and not demonstrative)
        proxy = proxy or owned  # 'his lawyer', 'sa fille': someone else than the person the possessive points to
        # ('Christian Jacob raconte une anecdote. « … », raconte le président du groupe LR')

        def speaker_before() -> Referent | None:
            if r.role != "subj" or former or r.quote is not None or not self._speaks(r) or \
                    low in self.lex["generic_person"] or proxy:
                return None
            last = next((x for x in reversed(self.refs) if x.role == "subj" and x.kind == "person" and x.quote is None
                         and x.referent is not None and r.sent - 1 <= x.sent <= r.sent), None)
            p = last.referent if last is not None else None
            if p is not None and p in ok_gender and not (p.actor_id and self._titled(p.actor_id, noun, low)) and \
                    not any(d.split()[1:2] == [low] for d in p.descriptions) and \
                    not _described_otherwise(p, low, rest):
                return p  # (not 'the governor of the central bank' for a governor described otherwise)
            return None

        speaker_first = grammar(self.ctx.lang, "inverted_incise")  # ('…, estime X. « … », clame le cofondateur de …')
        if who is None and speaker_first:
            who = speaker_before()
        if who is None and r.role == "subj" and self._focus_may_be(former, rest, orgs) \
                and low not in self.lex["generic_person"] and r.quote is None and not proxy:
            others = [p for p in ok_gender if p.events and not (p.actor_id and self._titled(p.actor_id, noun, low))
                      and not any(d.split()[1:2] == [low] or low in d.split()[:3] for d in p.descriptions if rest)]
            scored = sorted(((p.salience(r.sent, outside), id(p), p) for p in others), reverse=True)
            if scored and scored[0][0] >= 40 and (len(scored) == 1 or scored[0][0] >= 2.5 * scored[1][0]):
                who = scored[0][2]
        if who is None and not speaker_first:
            who = speaker_before()
        if who is not None:
            r.referent = who
            r.antecedent = self._last_ref(who)
            r.form = "title" if who.actor_id and (self._holds(who.actor_id, r.text, noun, low, former) or
                                                  self._office_holder(r.text)) else "description"
            self._describe(who, r, seg)

    def _focus_may_be(self, former: bool, rest: str, orgs: set[str]) -> bool:
        """May a subject description be the person the article is about (rule 5)? A present
        role without an organisation ('le président du MoDem' is rather a member of it, found by
        rule 2b); a past one ('L'ancienne présentatrice du journal sur TF1', 'l'ancien candidat LR
        à la présidentielle') when it says where it was held, a career recalled of the person in
        focus: a bare 'l'ancien président' is rather another one, who held the office before."""
        if former:
            return bool(rest)
        return not orgs

    def _of_person(self, head) -> bool:  # noqa: ANN001
        """A description defined by another person ('l'avocat de cette chercheuse', 'la fille du
        ministre'): its 'de' complement is a person noun, so it is not the person most talked
        about, who may well be that complement."""
        return any(c.i > head.i and _of_complement(c) and self._person_noun(c) for c in head.children)

    def _kin_of_someone(self, head) -> bool:  # noqa: ANN001
        """'sa fille', 'son mari': a noun of kin after a possessive determiner describes a relative of
        someone (``relative_nouns``), not the person the article is about."""
        kin = self.lex.get("relative_nouns", ())
        return (head.lower_ in kin or head.lemma_.lower() in kin) and \
            any(c.dep_ in ("det", "det:poss", "poss") and "Yes" in c.morph.get("Poss") for c in head.children)

    def _proxies(self) -> frozenset[str]:
        """Nouns of people who speak for an organisation ('porte-parole', 'spokesman'): the
        quote word lists' ``proxy_nouns``."""
        from veille.understand.lexicon import quote_lexicon

        if not hasattr(self, "_proxy_nouns"):
            self._proxy_nouns = frozenset(fold(w) for w in quote_lexicon().get(self.ctx.lang, {}).get("proxy_nouns", ()))
        return self._proxy_nouns

    def _predicate_subject(self, head, r: Ref) -> Ref | None:  # noqa: ANN001
        """The named person a predicate description is said of: the subject of its copula, or
        the name a relative 'qui' stands for ('X, qui était alors Premier ministre')."""
        if not any(c.dep_ == "cop" for c in head.children):
            return None
        subj = next((c for c in head.children if c.dep_ in SUBJ_DEPS), None)
        if subj is None:
            return None
        if "Rel" in subj.morph.get("PronType") and head.dep_ == "acl:relcl":
            subj = head.head
        name = next((x for x in reversed(self.refs) if x.seg == r.seg and x.form == "name" and x.kind == "person"
                     and x.start <= subj.idx < x.end), None)
        return name if name is not None and name.referent is not None and self._agrees(name.referent, r) else None

    def _complement_person(self, r: Ref, seg) -> Referent | None:  # noqa: ANN001
        """The person named as the complement of a description ('l'avocate de Paul Roy')."""
        name = next((x for x in self._pending if x.seg == r.seg and x.start >= r.end and x.kind == "person"
                     and x.form == "name"), None)
        if name is None:
            return None
        self._resolve(name, seg)
        return name.referent

    def _named_after(self, r: Ref, seg) -> Ref | None:  # noqa: ANN001
        """The person named right after a description in the same noun phrase, where the
        parser did not make it an apposition ('Le député Les Républicains (LR) de l'Ain
        Damien Abad'): the first person name within a few words, no verb, sentence end or other
        person noun in a phrase of its own between ('avec le préfet Paul Roy'; not 'de')."""
        doc = seg.doc
        if r.of_name:
            return None
        end_tok = _tok_at(doc, r.end - 1)
        for t in doc[end_tok + 1:min(len(doc), end_tok + 10)]:
            if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":", "«", "»", "\"", "“", "”") or t.is_sent_start or \
                    self._quote_of(r.seg, t.idx) != r.quote:
                return None  # '“… an opponent of the president,” Ann Roe said': the name after the quotation is its speaker
            if t.pos_ == "NOUN" and self._person_noun(t) and any(c.dep_ == "det" for c in t.children) and any(
                    c.dep_ == "case" and fold(c.lemma_.lower()) not in self.lex.get("complement_prepositions", ())
                    for c in t.children):  # (a phrase of its own has its determiner: not 'en charge de')
                return None  # 'le maire, lors d'une visite avec le préfet Paul Roy': the name is the nearer title's
            if t.ent_type_ in ("PER", "PERSON"):
                name = next((x for x in self._pending if x.seg == r.seg and x.start <= t.idx < x.end and x.kind == "person"
                             and x.form == "name"), None)
                if name is None or fold(doc[max(0, _tok_at(doc, name.start) - 1)].lower_) in self.lex["complement_folded"]:
                    return None  # ('le délégué du parti de Paul Roy': the name is a complement, someone else)
                self._resolve(name, seg)
                return name if name.referent is not None and name.referent.kind == "person" and \
                    not (r.gender and name.referent.gender and r.gender != name.referent.gender and not r.soft_gender) else None
        return None

    def _resolve_org_description(self, r: Ref, head) -> None:  # noqa: ANN001
        """'la chaîne', 'l'organisation': the most salient organisation of the last sentences;
        one whose name holds the description's noun first ('le Conseil' after 'le Conseil de
        sécurité des Nations unies'), and only such one for a noun of type 'named'."""
        orgs = self.lex.get("org_nouns", {})
        kind = orgs.get(head.lower_) or orgs.get(head.lemma_.lower())
        outside = r.quote is None
        cands = [p for p in self.referents if p.kind == "organisation" and r.sent - p.last_sentence() <= 3 and p.events
                 and self.ctx.info(p.actor_id).get("type") != "country"]  # 'the company' is no state
        named = [p for p in cands if fold(head.lower_) in p.words or fold(head.lemma_.lower()) in p.words]
        if not named and kind != "media":
            named = self._only_org_named_with(head, r)
        if named or kind == "named":
            cands, floor = named, 0.0
        else:
            floor = 5.0
        if kind and kind != "media":  # 'l'enseigne' is not the newspaper the article cites ('dans le Parisien')
            cands = [p for p in cands if self.ctx.info(p.actor_id).get("sector") != "MED"] or cands
            if len(cands) == 1 and kind in ("company", "organisation"):
                floor = 0.0  # the only organisation of the last sentences: 'l'enseigne' after 'le PDG de Carrefour'
        if not cands:
            return
        best = max(cands, key=lambda p: p.salience(r.sent, outside))
        if best.salience(r.sent, outside) > floor:
            r.referent = best
            r.antecedent = self._last_ref(best)
            g = head.morph.get("Gender")
            if g and not r.plural:
                best.gender_votes["f" if g[0] == "Fem" else "m"] += 1  # 'l'organisation … a-t-elle ajouté'

    def _only_org_named_with(self, head, r: Ref) -> list[Referent]:  # noqa: ANN001
        """'l'agence' several sentences after 'l'Agence nationale de sécurité sanitaire': the one
        organisation named so far whose name holds the description's noun, however far back."""
        nouns = {fold(head.lower_), fold(head.lemma_.lower())}
        holders = [p for p in self.referents if p.kind == "organisation" and p.events and p.last_sentence() <= r.sent
                   and nouns & set(p.words) and self.ctx.info(p.actor_id).get("type") != "country"]
        return holders if len(holders) == 1 else []

    def _holds(self, actor_id: str, text: str, noun: str, low: str, former: bool) -> bool:
        """Does the table give this person a role titled like the description (held at the
        article's date, or ended before it for 'l'ancien président')? A description with a
        complement ('le président des Patriotes') must match the whole title or role phrase."""
        on = self.ctx.on
        phrase = self._without_party(_bare_phrase(fold(text), self.lex["former_folded"]))
        comp = _complement(phrase, low) or _complement(phrase, noun)
        for role in self.ctx.all_roles(actor_id):
            active = role.active(on) if on else True
            if former and (active or role.end is None or (on and role.end > on)):
                continue
            if not former and not active:
                continue
            titles = [fold(t) for t in role.title.values() if t]
            by_phrase = self._role_phrases.get(phrase) == role.role
            if comp or (" " in phrase and phrase in self._role_phrases):  # 'premier ministre' is no 'ministre de l'Intérieur'
                if phrase in titles or by_phrase:
                    return True
                continue
            if any(t.split()[0] in (low, noun) for t in titles) or by_phrase:
                return True
        return False

    def _orgs_in(self, r: Ref) -> set[str]:
        """Actor ids of the organisations named inside a description ('du MoDem')."""
        return {m.actor_id for m in self.index.in_span(r.seg, r.start, r.end)
                if m.actor_id and self.ctx.info(m.actor_id).get("type") in ("organisation", "igo", "group")}

    def _titled(self, actor_id: str, noun: str, low: str) -> bool:
        """Does this person hold, at the date, a title with the description's head noun? Then a
        description that did not match them ('le président du groupe LREM' for the President)
        names someone else."""
        for role in self.ctx.all_roles(actor_id):
            if self.ctx.on is not None and not role.active(self.ctx.on):
                continue
            if any(fold(t).split()[:1] in ([noun], [low]) for t in role.title.values() if t):
                return True
        return False

    def _office_holder(self, text: str) -> str | None:
        """'le chef de l'État', 'le président de la République', 'le Premier ministre' in a
        French article: the French office holder at the date (a domestic office named
        without a country)."""
        if self.ctx.on is None or (self._home_default() is None and not self._home_country()):
            return None  # (no home office by default: the country the article names most, if any)
        words = fold(text).split(" ", 1)
        phrase = words[1] if len(words) > 1 and words[0] in own_words(self.ctx.lang, "singular_articles") else fold(text)
        if phrase.startswith("l'"):
            phrase = phrase[2:]
        phrase = self._without_party(phrase)  # 'le président républicain': the President
        role = self._role_phrases.get(phrase)
        if role is None or phrase in closed_words("foreign_titles"):
            return None
        return self.ctx.role_holder(role, self._home_country(), self.ctx.on)

    def _without_party(self, phrase: str) -> str:
        """A folded title without the words of a political side after its noun ('president
        republicain' -> 'president'): they tell the holder's side, not another office."""
        words = phrase.split()
        kept = [w for k, w in enumerate(words) if k == 0 or w not in self.lex.get("party_folded", ())]
        return " ".join(kept) if len(kept) < len(words) else phrase

    def _home_default(self) -> str | None:
        """The country whose offices the article's language names without a country (its data's
        ``home_country``: FRA for French), or None."""
        return (language(self.ctx.lang) or {}).get("home_country")

    def _home_country(self) -> str:
        """The country an office named without a country belongs to: the country the article
        names most (at least twice), else the language's ``home_country`` (France for a French article)."""
        if not hasattr(self, "_home"):
            home = self._home_default() or ""
            counts: Counter = Counter()
            for _, m in self.index.order:
                row = self.ctx.info(m.actor_id)
                if row.get("type") == "country" and row.get("country"):
                    counts[row["country"]] += 1
            top = counts.most_common(1)
            self._home = top[0][0] if top and top[0][1] >= 2 and top[0][1] > counts.get(home, 0) else home
        return self._home

    def _only_person(self) -> None:
        """What the discourse model left unresolved goes to the one person of the article
        that agrees with it, when there is only one: 'le maire' before the mayor is named,
        'il' long after ('the named person of the article, when that is clear')."""
        people = [p for p in self.referents if p.kind == "person" and p.events]
        for r in self.refs:
            if r.referent is not None or r.first_person or r.kind != "person" or r.plural or r.of_name or r.latter or r.owned:
                continue
            if r.form == "description":
                head = self.segments[r.seg].doc[r.head]
                if fold(head.lower_) in self.lex["generic_person"] or fold(head.lemma_.lower()) in self.lex["generic_person"] or \
                        fold(head.lower_) in self._proxies() or fold(head.lemma_.lower()) in self._proxies():
                    continue  # 'le porte-parole' speaks for the person or body, is not them
            elif r.form != "pronoun" or pronoun_key(r.text) in CLITICS:
                continue
            rest = _complement(fold(r.text), fold(self.segments[r.seg].doc[r.head].lower_)) if r.form == "description" else ""
            fits = [p for p in people if not (r.gender and p.gender and r.gender != p.gender) and (r.gender is None or p.gender)]
            noun = fold(self.segments[r.seg].doc[r.head].lower_)
            fits = [p for p in fits if not _described_otherwise(p, noun, rest) and not (  # 'the president of the jury'
                rest.split()[:1] and rest.split()[0] in OF_WORDS and p.actor_id and self.ctx.on is not None and
                self._titled(p.actor_id, noun, noun) and not self._holds(p.actor_id, r.text, noun, noun, False))]
            if len(fits) != 1:
                continue
            who = fits[0]
            if r.form == "pronoun" and (r.quote is not None or abs(r.sent - who.last_sentence()) > 2 * WINDOW and
                                        min(abs(r.sent - e[0]) for e in who.events) > 2 * WINDOW):
                continue
            r.referent = who
            r.antecedent = next((x for x in self.refs if x.referent is who and x.form == "name"), None)

    def _last_ref(self, who: Referent) -> Ref | None:
        for r in reversed(self.refs):
            if r.referent is who:
                return r
        return None

    def _resolve_pronoun(self, r: Ref, seg) -> None:  # noqa: ANN001
        if r.latter:
            self._resolve_latter(r)
            return
        tok = seg.doc[r.head]
        reporter = self._reporter(tok, r, seg)
        if reporter is BLOCKED:
            return
        if reporter is not None:
            r.referent, r.antecedent = reporter.referent, reporter
            return
        if (self.lex["pronouns"].get(pronoun_key(r.text)) or {}).get("reflexive"):
            self._resolve_reflexive(r, tok)
            return
        ahead = self._cataphora(tok, r, seg)
        if ahead is not None and ahead.referent is not None:
            r.referent, r.antecedent = ahead.referent, ahead
            return
        named = self._apposed_to(tok, r) or self._emphatic_subject(tok, r) or self._subject_of_clause_before(tok, r)
        if named is not None:
            r.referent, r.antecedent = named.referent, named
            return
        source = self._last_speaker(tok, r) or self._cited_source_before(tok, r)
        if source is not None:
            r.referent, r.antecedent = source.referent, source
            return
        if r.plural and r.role == "subj" and r.quote is None:
            before = self._plural_subject_before(tok, r)
            if before is BLOCKED:
                return
            if before is not None:
                r.referent, r.antecedent = before.referent, before
                return
        outside = r.quote is None
        speaker = r.role == "subj" and outside and grammar(self.ctx.lang, "inverted_incise") and self._speaks(r)
        openers = self._sentence_openers_before(r) if speaker else set()
        clause_subjects = set()
        if r.role != "subj":
            clause_subjects = {c.i for c in tok.head.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")}
        objects = _object_names(tok) if r.role == "subj" and not r.plural else set()
        best, best_score = None, 0.0
        for p in self.referents:
            if not p.events or r.sent - p.last_sentence() > WINDOW:
                continue
            if not self._agrees(p, r):
                continue
            score = p.salience(r.sent, outside)
            if score <= 0:
                continue
            last = self._last_ref(p)
            if last is not None and last.seg == r.seg and last.head in clause_subjects:
                continue
            if p.words and p.words[-1] in objects:
                continue  # 'He urged Mr. Trump to …': the subject is not the one named as its verb's object
            if pronoun_key(r.text) in CLITICS and r.sent - p.last_sentence() > 1:
                continue  # an object clitic refers to someone just mentioned
            if last is not None and last.role == r.role == "subj":
                score *= 1.2
            if r.gender in ("m", "f") and p.gender is None:
                score *= 0.5
            if r.gender in ("m", "f") and p.kind == "organisation":
                score *= 0.5  # 'il', 'elle': a person of the same weight first
            if speaker and not any(w >= 50 and not quoted and r.sent - s_ <= 3 for s_, w, quoted in p.events) \
                    and id(p) not in openers:
                score *= 0.5  # '« … », confie-t-il': one who was a subject lately speaks, before one only named in passing
            if score > best_score:
                best, best_score = p, score
        if best is not None and best_score >= 4.0:
            r.referent = best
            r.antecedent = self._last_ref(best)
            if r.gender in ("m", "f") and not r.plural and best.kind == "person" and best.gender is None:
                best.gender_votes[r.gender] += 1  # 'Grant Sabatier … he': a first name the list lacks, told by the pronoun

    def _sentence_openers_before(self, r: Ref) -> set[int]:
        """The ids of the referents named at the start of one of the three sentences before ``r``
        (a subject the parser may have missed: 'Abbas X, un Afghan arrivé l'an dernier, avait
        payé …'), gathered once per pronoun rather than once per candidate."""
        openers: set[int] = set()
        for x in reversed(self.refs):
            if (x.seg, x.start) >= (r.seg, r.start):
                continue
            if r.sent - x.sent > 3:
                break
            if x.referent is not None and x.form == "name" and x.quote is None:
                doc = self.segments[x.seg].doc
                tok = doc[x.head]
                if tok.sent.start_char >= x.start - 1 or not doc_text(doc)[tok.sent.start_char:x.start].strip():
                    openers.add(id(x.referent))
        return openers

    def _plural_subject_before(self, tok, r: Ref):  # noqa: ANN001, ANN202
        """A plural subject pronoun continues the plural subject of the sentence before ('Analysts
        expect … They say …', 'X et Y accusent … Ils reprochent …'): people named together
        (the first one speaks for them, as the guidelines want), a plural pronoun resolved
        there, or an organisation; a plural common noun no one names ('Analysts') blocks it."""
        prev, seg_id = self._narrative_sentence_before(tok, r.seg)
        subj = next((c for c in prev.root.children if c.dep_ in SUBJ_DEPS), None) if prev is not None else None
        if subj is None or self._quote_of(seg_id, subj.idx) is not None:
            return None
        conj = [c for c in subj.children if c.dep_ == "conj"]
        plural = "Plur" in subj.morph.get("Number") or subj.tag_ in ("NNS", "NNPS") or bool(conj)
        doc, root = prev.doc, prev.root
        verb_at = min([root.idx, *[c.idx for c in root.children if c.dep_.startswith("aux")]])
        text = doc_text(doc)

        def closes_subject(x: Ref) -> bool:  # 'The company that runs X, Y Productions, denies': the apposition before the verb
            return x.start <= subj.idx < x.end or (subj.left_edge.idx <= x.start and text[x.end:verb_at].strip() == ",")

        named = [x for x in reversed(self.refs) if x.seg == seg_id and x.form == "name" and x.referent is not None
                 and x.referent.kind == "organisation" and closes_subject(x)]
        if not plural and named and grammar(self.ctx.lang, "plural_organisations"):
            return named[0]  # 'they' for the company the sentence before was about
        if not plural:
            return None
        found = next((x for x in reversed(self.refs) if x.seg == seg_id and x.start <= subj.idx < x.end), None)
        if found is not None and found.referent is not None and found.quote is None:
            if conj and found.referent.kind == "person":
                return found  # 'Priscillia Ludosky et Faouzi Lellouche' … 'ils': the first one named
            if found.form == "pronoun" or found.referent.kind == "organisation":
                return found
            return None
        if found is None and subj.pos_ == "NOUN" and not conj:
            return BLOCKED  # 'Analysts expect … They say': a group no one names
        return None

    def _narrative_sentence_before(self, tok, seg_id: int):  # noqa: ANN001, ANN202
        """The sentence before ``tok``'s, past sentences that open inside a quotation, and into the
        paragraph before ('… X Productions, denies it. ¶ "… We have no comment," they said'):
        (sentence, segment) or (None, segment)."""
        doc, sent = tok.doc, tok.sent
        field = self.segments[seg_id].field
        for _ in range(4):
            while sent.start == 0:
                seg_id -= 1
                if seg_id < 0 or self.segments[seg_id].field != field:
                    return None, seg_id
                doc = self.segments[seg_id].doc
                if len(doc):
                    sent = doc[len(doc) - 1].sent
                    break
            else:
                sent = doc[sent.start - 1].sent
            first = next((t for t in sent if not t.is_punct and not t.is_space), None)
            if first is not None and self._quote_of(seg_id, first.idx) is None:
                return sent, seg_id
        return None, seg_id

    def _cataphora(self, tok, r: Ref, seg) -> Ref | None:  # noqa: ANN001
        """The person named for the first time as the subject of the main clause, for the
        subject pronoun of a subordinate clause that opens the sentence ('S'il s'est gardé de
        faire campagne, l'opposant Marc Dupré s'est emporté'): a writer who names someone new
        right after such a clause means that person. The main clause's subject is the first
        person mention of the sentence that follows a comma (the parser often misses where
        the main clause starts)."""
        sent = tok.sent
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if r.role != "subj" or r.quote is not None or r.plural or r.kind != "person" or not words or \
                words[0].pos_ != "SCONJ" or tok.i - words[0].i > 2:
            return None
        text = doc_text(seg.doc)
        for x in self._pending:
            if x.seg != r.seg or x.start <= r.end or x.start >= sent.end_char or x.kind != "person" or x.quote is not None:
                continue
            if not text[:x.start].rstrip().endswith(","):
                continue
            name = x.antecedent if x.form == "title" and x.antecedent is not None else x
            if name.form != "name" or name.done:
                return None
            known = set(map(id, self.referents))
            self._resolve(name, seg)
            who = name.referent
            return name if who is not None and id(who) not in known and self._agrees(who, r) else None
        return None

    def _apposed_to(self, tok, r: Ref) -> Ref | None:  # noqa: ANN001
        """The person named right before a stressed pronoun set off by a comma ('Paul Roy, lui
        aussi avocat, …': the lexicon's ``stressed_pronouns``)."""
        if fold(tok.lower_) not in self.lex.get("stressed_pronouns", ()) or tok.i < 2 or tok.doc[tok.i - 1].text != ",":
            return None
        end = tok.doc[tok.i - 2].idx + len(tok.doc[tok.i - 2].text)
        name = next((x for x in reversed(self.refs) if x.seg == r.seg and x.end == end and x.kind == "person"
                     and x.form == "name" and x.referent is not None), None)
        return name if name is not None and name.referent is not None and self._agrees(name.referent, r) else None

    def _emphatic_subject(self, tok, r: Ref) -> Ref | None:  # noqa: ANN001
        """A stressed pronoun that stresses its clause's subject ('X a lui aussi plaidé', 'la
        ministre a elle non plus …', 'Le maire, lui, a refusé': the lexicon's ``stressed_pronouns``
        followed by one of its ``emphatic_followers``, or set off by commas): the subject's referent."""
        doc = tok.doc
        if fold(tok.lower_) not in self.lex.get("stressed_pronouns", ()) or tok.i < 1 or tok.i + 1 >= len(doc):
            return None
        before, after = doc[tok.i - 1], doc[tok.i + 1]
        if not (fold(after.lower_) in self.lex.get("emphatic_followers", ()) or before.text == "," and after.text == ","):
            return None
        subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < tok.i), None)
        if subj is None:
            return None
        ref = next((x for x in reversed(self.refs) if x.seg == r.seg and x.start <= subj.idx < x.end
                    and x.kind == "person" and x.referent is not None), None)
        return ref if ref is not None and ref.referent is not None and self._agrees(ref.referent, r) else None

    def _subject_of_clause_before(self, tok, r: Ref) -> Ref | None:  # noqa: ANN001
        """A subject pronoun of a clause joined to the clause before it in the same sentence ('La
        Cnil a rendu un avis : elle souhaite …', 'X a publié un bilan et il précise …') continues
        that clause's subject, when its referent agrees: someone named in a sentence before is
        not more salient than the subject the sentence has just given."""
        verb = tok.head
        if r.role != "subj" or r.quote is not None or r.plural or tok.dep_ not in ("nsubj", "nsubj:pass") or \
                verb.dep_ not in ("ccomp", "parataxis", "conj") or verb.head.i >= tok.i:
            return None
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < verb.head.i), None)
        if subj is None or subj.pos_ == "PRON":
            return None
        ref = next((x for x in reversed(self.refs) if x.seg == r.seg and x.start <= subj.idx < x.end
                    and x.referent is not None and x.quote is None), None)
        return ref if ref is not None and ref.referent is not None and self._agrees(ref.referent, r) else None

    def _last_speaker(self, tok, r: Ref) -> Ref | None:  # noqa: ANN001
        """For a pronoun giving the source of a statement ('selon lui', 'd'après elle': the
        lexicon's ``source_prepositions``), the person last reported speaking in the two
        sentences before, of its gender: the source the article is quoting, not the most
        salient person."""
        preps = self.lex.get("source_prepositions", ())
        doc = tok.doc
        case = [c for c in tok.children if c.dep_ == "case" and c.i < tok.i]
        if not case or r.quote is not None or r.plural:
            return None
        c = case[0]
        words = {fold(c.lower_)} | ({fold(doc[c.i - 1].text + c.text)} if c.i > 0 else set())
        if not words & set(preps):
            return None
        near = [x for x in reversed(self.refs) if x.referent is not None and x.referent.kind == "person"
                and x.quote is None and r.sent - 2 <= x.sent <= r.sent and self._agrees(x.referent, r)]
        return next((x for x in near if self._reported_speaker(x)), None) or \
            next((x for x in near if self._beside_quotation(x)), None)

    def _cited_source_before(self, tok, r: Ref) -> Ref | None:  # noqa: ANN001
        """'Selon X, avocat, … . « … », explique-t-il': the inverted pronoun of an incise right
        after a sentence that cites a person as its source ('selon X', 'd'après X') is that
        person, when no one is reported speaking since: the article goes on quoting its source."""
        if not tok.text.startswith("-") or r.quote is not None or r.plural or not self._reports(tok.head):
            return None
        near = [x for x in reversed(self.refs) if x.referent is not None and x.referent.kind == "person"
                and x.quote is None and r.sent - 1 <= x.sent <= r.sent and x is not r and (x.seg, x.start) < (r.seg, r.start)]
        for x in near:
            if self._reported_speaker(x):
                return None  # someone else speaks in between
            if x.referent is not None and self._cited_as_source(x) and self._agrees(x.referent, r):
                return x
        return None

    def _cited_as_source(self, x: Ref) -> bool:
        """Does a source preposition govern the mention ('selon X', 'd'après X')?"""
        t = self.segments[x.seg].doc[x.head]
        preps = set(self.lex.get("source_prepositions", ()))
        for c in t.children:
            if c.dep_ == "case" and c.i < t.i:
                prev = t.doc[c.i - 1].text if c.i > 0 else ""
                if fold(c.lower_) in preps or fold(prev + c.text) in preps:
                    return True
        return False

    def _beside_quotation(self, x: Ref) -> bool:
        """Does the mention stand, outside the quotation marks, in a sentence that holds a
        quotation (where the parser may have missed that it is the speaker)?"""
        sent = self.segments[x.seg].doc[x.head].sent
        return any(a < sent.end_char and b > sent.start_char for a, b, _ in self.quote_ranges.get(x.seg, ()))

    def _reported_speaker(self, x: Ref) -> bool:
        """Is the mention, or the phrase it stands in ('le syndicaliste Marc Dupré'), the
        subject of a verb of speech?"""
        t = self.segments[x.seg].doc[x.head]
        for _ in range(3):
            if t.dep_ not in ("appos", "flat:name", "flat", "compound") or t.head.i == t.i:
                break
            t = t.head
        return (t.dep_ in SUBJ_DEPS or self._inverted_subject(t)) and self._reports(t.head)

    def _resolve_reflexive(self, r: Ref, tok) -> None:  # noqa: ANN001
        """'himself', 'lui-même': the subject of its own clause ('Obama cast himself as …'),
        never someone named elsewhere."""
        verb = tok.head
        for _ in range(3):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in SUBJ_DEPS), None)
        if subj is None:
            return
        found = next((x for x in reversed(self.refs) if x.seg == r.seg and x.start <= subj.idx < x.end and x is not r), None)
        if found is not None and found.referent is not None and self._agrees(found.referent, r):
            r.referent, r.antecedent = found.referent, found

    def _agrees(self, p: Referent, r: Ref) -> bool:
        if r.kind == "org":  # 'it'
            return p.kind == "organisation"
        if r.plural:
            return p.kind == "organisation" and (grammar(self.ctx.lang, "plural_organisations") or p.plural)
        if p.kind == "organisation":  # 'le Conseil … a-t-il affirmé': a subject right after it, of its gender
            return r.role == "subj" and r.gender in ("m", "f") and p.gender == r.gender and r.sent - p.last_sentence() <= 1 \
                and grammar(self.ctx.lang, "gendered_organisations") and self._speaks(r)
        if p.kind != "person":
            return False
        g = p.gender
        return r.soft_gender or not (r.gender in ("m", "f") and g in ("m", "f") and g != r.gender)

    def _speaks(self, r: Ref) -> bool:
        """Is the mention the subject of a verb of speech ('a-t-elle ajouté', 'il a affirmé')?"""
        verb = self.segments[r.seg].doc[r.head].head
        return self._reports(verb)

    def _reports(self, verb) -> bool:  # noqa: ANN001
        """Is ``verb`` a reporting verb? Lemmatizers miss some present forms ('estime'):
        the regular -er infinitive of the form is tried too, where the language has one."""
        return verb.lemma_.lower() in self.ctx.reporting or \
            (grammar(self.ctx.lang, "er_infinitive") and er_infinitive(verb.lower_) in self.ctx.reporting)

    def _reporter(self, tok, r: Ref, seg):  # noqa: ANN001, ANN202
        """'X a dit qu'il viendrait', 'Hungary said it would': the subject of the reporting
        verb whose complement holds the pronoun."""
        if r.role not in ("subj",) and pronoun_key(tok.text) != "lui":
            return None
        clause = tok.head
        for _ in range(3):
            if clause.dep_ not in ("ccomp", "conj") or clause.head.i == clause.i:
                return None
            head = clause.head
            if head.i > tok.i:
                return None
            if self._reports(head):
                subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")]
                if not subj:
                    return None
                found = next((x for x in reversed(self.refs) if x.seg == r.seg and x.head == subj[0].i), None)
                if found is None:
                    found = next((x for x in reversed(self.refs) if x.seg == r.seg and x.start <= subj[0].idx < x.end), None)
                if found is not None and found.referent is not None and self._agrees(found.referent, r):
                    return found
                if found is None and subj[0].pos_ in ("NOUN", "PROPN") and r.role == "subj":
                    return BLOCKED  # 'le barreau a annoncé qu'il …': the reporter, whom we cannot name here
                return None
            clause = head
        return None


# ------------------------------------------------------------------ helpers


def _object_names(tok) -> set[str]:  # noqa: ANN001
    """The folded words of the names in the direct or indirect object of the verb whose subject
    ``tok`` is ('He urged Mr. Trump to act' -> {'mr.', 'trump'}): a subject pronoun is never its
    own verb's object (reflexives aside)."""
    verb = tok.head
    if tok.dep_ not in SUBJ_DEPS or verb.i == tok.i:
        return set()
    return {fold(t.text) for c in verb.children if c.dep_ in ("obj", "dobj", "iobj", "dative") and c.i > tok.i
            for t in c.subtree if t.pos_ == "PROPN"}


def _role(tok) -> str:  # noqa: ANN001
    """Subject, object, oblique or embedded (a name inside another noun phrase)."""
    dep = tok.dep_
    while dep in ("flat:name", "flat", "compound", "fixed") and tok.head.i != tok.i:
        tok = tok.head
        dep = tok.dep_
    if (dep == "appos" or dep == "nmod" and tok.pos_ == "PROPN" and not any(c.dep_ == "case" for c in tok.children)) and \
            tok.head.i < tok.i and tok.head.pos_ == "NOUN":
        dep = tok.head.dep_  # 'le compositeur Laurent Ferlet … dévoile': the name has its title's role
        # (also a name the parser hung on its title as a bare nmod: 'L'élu Jason White a …')
    if dep in ("nsubj", "nsubj:pass", "nsubjpass", "csubj", "expl:subj", "obl:agent", "agent"):
        return "subj"  # the agent of a passive acts: 'une colère partagée par Jean Veil'
    if dep in ("obj", "dobj", "iobj", "dative"):
        return "obj"
    if dep in ("obl", "obl:arg", "obl:mod", "pobj", "appos"):
        return "obl"
    if dep in ("nmod", "poss", "amod"):
        return "embedded"
    return "obl"


EMBEDDING = {"acl", "acl:relcl", "relcl", "ccomp", "advcl", "csubj", "pcomp"}


def _embedding(tok) -> float:  # noqa: ANN001
    """Salience factor of a mention by where it stands: 1 in the main clause, 0.5 inside a
    subordinate, relative or reported clause ('… que le président X s'est montré …')."""
    for anc in tok.ancestors:
        if anc.dep_ in EMBEDDING:
            if anc.dep_ == "acl" and not any("Fin" in t.morph.get("VerbForm") for t in tok.sent):
                continue  # a sentence without a finite verb: its participle is its predicate ('Une colère partagée par X.')
            return 0.5
    return 1.0


def _tok_at(doc, char: int) -> int:  # noqa: ANN001
    """Index of the token holding character ``char`` of the doc."""
    span = doc.char_span(char, min(char + 1, len(doc_text(doc))), alignment_mode="expand") if len(doc) else None
    if span is not None and len(span):
        return span.start
    return max(0, len(doc) - 1)


def _name_words(doc, r: Ref, lex: dict) -> tuple[tuple[str, ...], str | None]:  # noqa: ANN001
    """Folded words of a name without honorifics, and the gender an honorific tells
    (the honorific may stand just before the mention: 'M. Hollande')."""
    titles = lex.get("titles", {})
    words = [w for w in r.text.replace("\u2019", "'").split()]
    gender = None
    out: list[str] = []
    tails = sorted(closed_words("possessive_endings"))
    for w in words:
        key = fold(w)
        if not out and key in titles:
            gender = gender or titles[key]
            continue
        key = key.strip(",.;:()\"«»“”")
        for tail in tails:
            key = key.removesuffix(tail)
        out.append(key)
    head_tok = _tok_at(doc, r.start)
    if head_tok > 0:
        prev = doc[head_tok - 1]
        key = fold(prev.text)
        if titles.get(key):
            gender = gender or titles[key]
    out = [w for w in out if w]
    return tuple(out), gender


ACRONYM_STOP = closed_words("acronym_stop")


def _acronym(words: tuple[str, ...]) -> str:
    """Initials of a name's content words ('customs and border protection' -> 'cbp')."""
    out = ""
    for w in words:
        for part in w.replace("'", "' ").split():
            if part not in ACRONYM_STOP and part[:1].isalpha():
                out += part[0]
    return out


def _occurrences(text: str, name: str) -> list[int]:
    """Where ``name`` stands in ``text`` as whole words."""
    out, at = [], text.find(name)
    while at >= 0:
        before = text[at - 1] if at > 0 else " "
        after = text[at + len(name)] if at + len(name) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            out.append(at)
        at = text.find(name, at + 1)
    return out


def org_name(text: str) -> str:
    """An organisation's name without a leading article ('The Centers for Disease Control')."""
    words = text.split()
    if len(words) > 1 and fold(words[0]) in closed_words("leading_articles"):
        words = words[1:]
    name = " ".join(words)
    if name.lower().startswith(("l'", "l’")) and len(name) > 2:
        name = name[2:]
    return name


def _clean_name(text: str, lex: dict) -> str:
    """A name without a leading honorific or a possessive ('M. Hollande' -> 'Hollande',
    'Kylie Jenner's' -> 'Kylie Jenner')."""
    titles = lex.get("titles", {})
    nouns = lex["person_nouns_folded"]  # (folded once in lexicon())
    words = text.split()
    while len(words) > 2 and (fold(words[0]) in titles or fold(words[0]).rstrip(".") in nouns):
        words = words[1:]  # 'Superintendent Jennifer McCormick', 'M. Hollande'
    while len(words) > 1 and fold(words[0]) in titles:
        words = words[1:]
    name = " ".join(words)
    for tail in sorted(closed_words("possessive_endings")):
        name = name.removesuffix(tail)
    return name


def _agreement(tok, lang: str) -> str | None:  # noqa: ANN001
    """The gender a French participle or adjective agreeing with a subject tells
    ('Marine Le Pen s'est exprimée', 'élue en 2017')."""
    if not grammar(lang, "participle_agreement"):
        return None
    while tok.dep_ in ("flat:name", "flat") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubj:pass"):
        verb = tok.head
        if "Part" in verb.morph.get("VerbForm") and any(c.lemma_ == "être" for c in verb.children if c.dep_.startswith("aux")):
            g = verb.morph.get("Gender")
            if g:
                return "f" if g[0] == "Fem" else None
        if any(c.dep_ == "cop" for c in verb.children) and verb.pos_ == "ADJ":
            g = verb.morph.get("Gender")
            if g and verb.lower_.endswith("e"):
                return "f" if g[0] == "Fem" else None
    return None


def _comma_appositions(refs: list[Ref], text: str) -> None:
    """'La directrice de la rédaction, Valérie Nataf, a reconnu' / 'Valérie Nataf, la
    directrice de la rédaction, a reconnu': a person description next to a name, only a
    comma between, is that person (the parser does not always say apposition)."""
    for i, a in enumerate(refs):
        if a.form == "description" and a.kind in ("person", "org"):  # also 'The company that runs the AMAs, Dick Clark Productions,'
            kinds = ("person",) if a.kind == "person" else ("organisation",)
            named = [x for x in refs[i + 1:i + 4] if x.kind in kinds and x.form != "propn"]
            if a.of_name:
                named = named[1:]  # 'l'avocat de Paul Roy, Marc Dupré': the first name is the complement
            b = named[0] if named else None
            if b is None or b.form != "name":
                continue
            between = text[a.end:b.start]
            for x in refs[i + 1:]:
                if x is b:
                    break
                between = between.replace(x.text, "")  # 'Le député LR Damien Abad'
            between = between.replace("(", "").replace(")", "").strip()
            if between in (",", "") or (between.endswith(",") and len(between.split()) <= 4 and not any(c in between for c in ":;«»\"")):
                a.form, a.antecedent = "title", b
        elif a.form == "name" and a.kind == "person" and i + 1 < len(refs):
            b = refs[i + 1]
            if b.form == "description" and b.kind == "person" and text[a.end:b.start].strip() == "," and \
                    not (b.role == "subj" and a.role in ("obl", "embedded") and a.seg == b.seg and b.start > a.end):
                b.form, b.antecedent = "title", a


def _own_subject(noun, name) -> bool:  # noqa: ANN001
    """Is a description set after a name and a comma the subject of the verb right after it, while
    the name hangs on a preposition ('… de Mme X, le président a répondu')? Then it opens a clause
    of its own and is no apposition of the name."""
    doc = noun.doc
    nxt = next((t for t in doc[noun.i + 1:noun.i + 6] if t.pos_ in ("VERB", "AUX") or t.is_punct), None)
    if nxt is None or nxt.is_punct or noun.dep_ not in ("nsubj", "nsubj:pass"):
        return False
    return name.dep_ not in ("nsubj", "nsubj:pass") and any(c.dep_ == "case" for c in name.children) or \
        name.i > 0 and doc[name.left_edge.i - 1].pos_ == "ADP"


def _of_complement(tok) -> bool:  # noqa: ANN001
    """'de la République', 'of State': a complement that belongs to a title."""
    if tok.dep_ not in ("nmod", "prep"):
        return False
    if tok.dep_ == "prep":
        return tok.lower_ in closed_words("of_preposition")
    return any(c.dep_ == "case" and fold(c.lower_) in ("de", "du", "des", "d'") for c in tok.children)


def _only_lesser(descriptions: list[str], nouns: tuple[str, ...], lesser: frozenset[str]) -> bool:
    """Do the folded descriptions that hold the noun all hold it after a word that makes it a
    lower office ('vice president', 'deputy mayor'), and is there one?"""
    seen = False
    for description in descriptions:
        words = re.findall(r"\w+", description)
        for i, w in enumerate(words):
            if w in nouns:
                if i == 0 or words[i - 1] not in lesser:
                    return False
                seen = True
    return seen


def _bare_phrase(text: str, former: set[str]) -> str:
    """A folded description without its determiner and 'ancien': 'president de la republique'."""
    words = text.replace("l'", "l' ").split()
    while words and (words[0] in closed_words("description_determiners")
                     or words[0].rstrip("-") in former):
        words = words[1:]
    if words and "-" in words[0].strip("-") and words[0].split("-", 1)[0] in former:
        words[0] = words[0].split("-", 1)[1]  # 'ex-premier ministre' -> 'premier ministre'
    return " ".join(words).replace("l' ", "l'")


OF_WORDS = frozenset({"of", "de", "du", "des", "d'", "d’"})


def _described_otherwise(p: Referent, noun: str, rest: str) -> bool:
    """Was the person described with the same noun and another 'of' complement ('the governor
    of Texas', then 'the governor of the central bank')? Then the complement names someone else."""
    if not (rest.split()[:1] and rest.split()[0] in OF_WORDS):
        return False
    other = [c for d in p.descriptions if noun in d.split() and (c := _complement(d, noun)).split()[:1] and c.split()[0] in OF_WORDS]
    return bool(other) and not any(rest in d for d in p.descriptions)


def _complement(text: str, head: str) -> str:
    """The words after the head noun of a description ('le maire de pau' -> 'de pau')."""
    i = text.find(head)
    return text[i + len(head):].strip() if i >= 0 else ""
