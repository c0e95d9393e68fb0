"""The NLP backbone: one spaCy pipeline per language, loaded once per process.

Which pipeline serves which language is a setting (``Options.pipelines``), so
a user can point at their own. Text is parsed block by block (title,
standfirst, each body paragraph): lines of a page never merge into one
sentence, and every token keeps its offset in the article's own text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from veille.errors import VeilleError
from veille.languages import closed_words, own_words
from veille.model import Article, TextField

if TYPE_CHECKING:  # importing veille does not import spaCy
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Segment:
    """One parsed piece of an article: ``doc`` covers ``field`` text from ``offset``."""

    field: TextField
    offset: int
    doc: Doc
    block: int | None = None


SENTENCE_END = frozenset({".", "!", "?", "…", ";", ":", "»", "”", "\"", ")"})


def sentence_guard(doc):  # noqa: ANN001, ANN201 - spacy Doc in and out
    """Forbid sentence breaks that no punctuation announces. The statistical
    parsers sometimes split a sentence after its subject ('Pékin | a réaffirmé
    …'), losing who did what; a pre-set ``is_sent_start = False`` is respected
    by the parser.

    The marks are written in one ``Doc.from_array`` rather than token by token: spaCy's
    ``Token.is_sent_start`` setter first asks ``doc.has_annotation("DEP")``, a walk over
    the whole Doc, so setting each token was quadratic in its length (5 ms of CPU an
    OrangeSum article). The tokens marked, and the values, are the same."""
    if len(doc) < 2:
        return doc
    import numpy as np

    ends = _sentence_end_ids(doc.vocab.strings)
    table = doc.to_array(["ORTH", "IS_SPACE", "SENT_START"])
    prev = table[:-1]
    inside = ~np.isin(prev[:, 0], ends) & (prev[:, 1] == 0)  # token i+1 follows no end mark
    if not inside.any():
        return doc
    if doc.has_annotation("DEP"):  # after a parser: spaCy's own setter, and its error
        for tok in doc[1:]:
            prev_tok = doc[tok.i - 1]
            if prev_tok.text not in SENTENCE_END and not prev_tok.is_space:
                tok.is_sent_start = False
        return doc
    starts = table[:, 2].copy()
    starts[1:][inside] = np.uint64(2**64 - 1)  # -1 as a uint64: "not a sentence start"
    doc.from_array(["SENT_START"], starts)
    return doc


def _sentence_end_ids(strings):  # noqa: ANN001, ANN202 - spaCy StringStore; numpy array
    """The hashes of :data:`SENTENCE_END` (a token's ``orth`` is its text's hash)."""
    import numpy as np

    return np.array(sorted(strings[s] for s in SENTENCE_END), dtype=np.uint64)


INVERTED = frozenset("-" + w for w in closed_words("inverted_pronouns"))
"""Inverted subject pronouns as the tokenizer leaves them ("-il"), of every language."""


def inverted_subject(doc):  # noqa: ANN001, ANN201 - spacy Doc in and out
    """French inversion 'a-t-il déclaré' (a language whose data has ``euphonic_pronouns``) is tokenized 'a', '-t', '-il', and the parser
    then hangs the verb on the euphonic '-t' and loses the subject. One token
    '-t-il', as the treebanks write it, gets it parsed as the verb's subject."""
    if len(doc) < 2 or not (doc.to_array("ORTH") == doc.vocab.strings["-t"]).any():
        return doc  # no token is '-t': one pass in C (``Doc.text`` joins every token anew, ~0.4 ms a paragraph)
    spans = [doc[i:i + 2] for i, tok in enumerate(doc[:-1]) if tok.text == "-t" and doc[i + 1].lower_ in INVERTED]
    if spans:
        with doc.retokenize() as retok:
            for span in spans:
                retok.merge(span, attrs={"POS": "PRON"})
    return doc


def _register() -> None:
    """Register veille's spaCy components by name (as spaCy's own are)."""
    from spacy.language import Language

    if not Language.has_factory("veille_sentence_guard"):
        Language.component("veille_sentence_guard", func=sentence_guard)
    if not Language.has_factory("veille_inverted_subject"):
        Language.component("veille_inverted_subject", func=inverted_subject)


@lru_cache(maxsize=4)
def load_pipeline(name: str):  # noqa: ANN201 - spacy.Language
    """Load an installed spaCy pipeline by package name or path, once per process,
    with veille's sentence guard before its parser."""
    try:
        import spacy
    except ImportError:
        raise VeilleError("E012", name) from None
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise VeilleError("E011", name, str(exc).splitlines()[0][:160]) from None
    _register()
    if "parser" in nlp.pipe_names and "veille_sentence_guard" not in nlp.pipe_names:
        nlp.add_pipe("veille_sentence_guard", before="parser")
    if own_words(nlp.lang, "euphonic_pronouns") and "veille_inverted_subject" not in nlp.pipe_names:
        nlp.add_pipe("veille_inverted_subject", first=True)
    keep_hyphenated_agents(nlp)
    split_elided_quotes(nlp)
    index_lemmas_as_sets(nlp)
    return nlp


def keep_hyphenated_agents(nlp) -> None:  # noqa: ANN001 - spacy.Language
    """Keep whole the hyphenated agent nouns of ``agents.json`` the tokenizer would cut
    ('aide-soignante' into 'aide', '-', 'soignante'; 'sapeurs-pompiers'), so that they
    name someone (a subject, a victim) as their one-word synonyms do."""
    from veille.understand.lexicon import agents

    for word in agents().get(nlp.lang, {}):
        if "-" in word and " " not in word and len(nlp.tokenizer(word)) > 1:
            for form in {word, word.capitalize()}:
                nlp.tokenizer.add_special_case(form, [{"ORTH": form}])


def split_elided_quotes(nlp) -> None:  # noqa: ANN001 - spacy.Language
    """Split an elided word from the quotation mark right after it ('qualifié d'"insultante"',
    'l'"acte 8"', 'qu'"il n'y a rien"'), which the French tokenizer leaves in one token with the
    quoted word: the quoted word is then a word of its own, as after a spaced quotation mark."""
    elided = sorted({w[:-1] for w in own_words(nlp.lang, "elided_words")}, key=len, reverse=True)
    if not elided:
        return
    forms = [f for w in elided for f in (w, w.capitalize())]
    after = "|".join(f"(?<=\\b{re.escape(f)}{apo})" for f in forms for apo in ("'", "’"))
    infix = re.compile(f"{nlp.tokenizer.infix_finditer.__self__.pattern}|(?:{after})[\"“«](?=\\w)")
    nlp.tokenizer.infix_finditer = infix.finditer


def index_lemmas_as_sets(nlp) -> None:  # noqa: ANN001 - spacy.Language
    """Make the rule lemmatizer's ``lemma_index`` lists frozensets: the same lemmas, found in
    constant time.

    spaCy's rule lemmatizers (French, English) only ask ``form in index`` of each part of
    speech's list of known lemmas (and whether it is empty), a linear scan of up to 66,000
    strings, several times for each word form not yet in their cache: measured on 200
    OrangeSum articles, a fifth of ``fr_core_news_md``'s parsing time (21 ms an article).
    A set answers the same questions alike, so every lemma is unchanged."""
    for name in ("lemmatizer", "trainable_lemmatizer"):
        lemmatizer = nlp.get_pipe(name) if name in nlp.pipe_names else None
        lookups = getattr(lemmatizer, "lookups", None)
        if lookups is None or not lookups.has_table("lemma_index"):
            continue
        table = lookups.get_table("lemma_index")
        for key, forms in list(table.items()):
            if isinstance(forms, list) and all(isinstance(f, str) for f in forms):
                table[key] = frozenset(forms)


def pipeline_for(language: str | None, pipelines: dict[str, str]):  # noqa: ANN201 - spacy.Language
    """The pipeline configured for ``language``, or None when veille does not analyse it."""
    name = pipelines.get(language or "")
    return load_pipeline(name) if name else None


def pieces(article: Article, limit: int = 10_000) -> Iterator[tuple[TextField, int, str, int | None]]:
    """(field, offset, text, block index) of every piece to parse, in reading order.

    A text longer than ``limit`` characters is parsed as several pieces, cut at the
    last paragraph, line, sentence or word break before the limit (a hard cut only
    when there is none), each with its own offset, so evidence still points into the
    article's text. spaCy refuses texts over its ``max_length`` (E088, 1,000,000
    characters), its parser needs about 1 GB of memory per 100,000 characters parsed
    together, and the analysis walks a piece's whole text per event, so a piece must
    stay paragraph-sized: 99.96 % of the units of 20,000 OrangeSum articles are under
    10,000 characters; only those few, and hostile inputs (a book on one line), are cut.
    """
    cuts = ("\n\n", "\n", ". ", "! ", "? ", "; ", ", ", " ")  # best cut first

    def cut(field: TextField, offset: int, text: str, block: int | None):  # noqa: ANN202
        start = 0
        while len(text) - start > limit:
            window = text[start:start + limit]
            end = next((at + len(sep) for sep in cuts if (at := window.rfind(sep, limit // 2)) > 0), limit)
            yield field, offset + start, window[:end], block
            start += end
        yield field, offset + start, text[start:] if start else text, block

    if article.title:
        yield from cut("title", 0, article.title, None)
    if article.standfirst:
        yield from cut("standfirst", 0, article.standfirst, None)
    for i, block in enumerate(article.blocks):
        yield from cut("body", block.start, block.text, i)


def parse(article: Article, nlp) -> list[Segment]:  # noqa: ANN001 - spacy.Language
    """Parse every piece of ``article`` with ``nlp`` (batched with ``nlp.pipe``)."""
    return parse_many([article], nlp)[0]


def parse_many(articles: list[Article], nlp, batch_size: int = 64) -> list[list[Segment]]:  # noqa: ANN001
    """Parse the pieces of many articles in one ``nlp.pipe`` stream (long texts cut
    into pieces the parser accepts, see :func:`pieces`)."""
    limit = max(1, min(10_000, int(getattr(nlp, "max_length", 10_000))))
    metas = [list(pieces(a, limit)) for a in articles]
    flat = [headline_case(text, nlp) if field == "title" else text for meta in metas for field, _, text, _ in meta]
    longest = max(map(len, flat), default=0)
    if longest > 5_000:  # long pieces: fewer per batch, so a batch stays near 50,000 characters (memory)
        batch_size = max(1, min(batch_size, 50_000 // longest))
    docs = iter(_with_text(doc, text) for doc, text in zip(nlp.pipe(flat, batch_size=batch_size), flat, strict=True))
    return [[Segment(field, offset, next(docs), block) for field, offset, _, block in meta] for meta in metas]


TEXT_KEY = "veille_text"
"""The key of a Doc's text in ``doc.user_data`` (read by ``coref.doc_text``)."""


def _with_text(doc, text: str):  # noqa: ANN001, ANN202 - spacy Doc in and out
    """``doc`` with the text it was parsed from kept in its ``user_data``: spaCy's tokenizer
    loses no character, so it is ``Doc.text``, which would otherwise be rebuilt by joining
    every token on the first ``coref.doc_text`` (0.7 ms a paragraph). A title re-cased by
    :func:`headline_case` was parsed re-cased, and that is its Doc's text."""
    doc.user_data[TEXT_KEY] = text
    return doc


HEADLINE_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"))
"""English inflections stripped to find the lemma a headline word may be a form of ('Bombs', 'Arrested', 'Murdering')."""


@lru_cache(maxsize=4)
def _headline_vocabulary(nlp) -> tuple[frozenset[str], frozenset[str], dict[str, tuple[str, ...]]] | None:  # noqa: ANN001
    """(stop words, trigger lemmas, irregular form -> lemmas) of ``nlp``'s language when its event
    lexicon asks for headline re-casing (``headline_recase``), else None."""
    from veille.understand.lexicon import event_lexicon

    lex = event_lexicon(nlp.lang)
    if lex is None or not lex.headline_recase:
        return None
    irregular: dict[str, tuple[str, ...]] = {}
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is not None and lookups.has_table("lemma_exc"):
        for table in lookups.get_table("lemma_exc").values():
            for form, lemmas in table.items():
                irregular[form] = (*irregular.get(form, ()), *lemmas)
    return frozenset(nlp.Defaults.stop_words), frozenset(lex.triggers), irregular


def _trigger_form(word: str, triggers: frozenset[str], irregular: dict[str, tuple[str, ...]]) -> bool:
    """Is the lower-cased ``word`` a form of a trigger lemma: itself, an irregular form the
    lemmatizer lists ('caught'), or a regular inflection ('bombs', 'murdering', 'arrested')?"""
    if word in triggers or any(lemma in triggers for lemma in irregular.get(word, ())):
        return True
    for suffix, ending in HEADLINE_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + ending
            if stem in triggers or (not ending and stem[-1] == stem[-2] and stem[:-1] in triggers):
                return True
    return False


def headline_case(text: str, nlp) -> str:  # noqa: ANN001 - spacy.Language
    """A Title-Case or ALL-CAPS headline with its trigger forms and stop words lower-cased (and, all
    in capitals, its other long words capitalised), for the tagger, which reads 'Police Arrest
    Driver' or 'TRIAL DATE SET' as names only; a sentence-case title is returned as it is. The
    text keeps its length (a word whose lower case would not is left), so offsets still hold."""
    vocabulary = _headline_vocabulary(nlp)
    if vocabulary is None:
        return text
    stops, triggers, irregular = vocabulary
    words = re.findall(r"[^\W\d_]+", text)
    content = [w for w in words if len(w) > 3 and w.lower() not in stops]
    shouting = sum(c.isalpha() for c in text) >= 8 and not any(c.islower() for c in text)
    if not shouting and (len(content) < 3 or sum(w[0].isupper() for w in content) < 0.75 * len(content)):
        return text

    def recase(m: re.Match) -> str:
        word = m.group(0)
        low = word.lower()
        if len(low) != len(word) or len(word) == 1 or not (shouting or word[1:].islower()):
            return word
        if low in stops or _trigger_form(low, triggers, irregular):
            return low
        return word.capitalize() if shouting and len(word) > 4 else word

    return re.sub(r"[^\W\d_]+", recase, text)
