"""A statistical second opinion on events: one linear classifier per PLOVER type.

The lexicon and the parse (``events.py``) propose events with their actors;
real news also states events the patterns do not catch ("c'est abominable",
"il faut une enquête") and uses trigger words in senses that are no events.
A logistic regression per type, over the sentence's lemmas and what the
patterns proposed, gives each sentence a probability for each type. It
*confirms or rejects* the patterns' events (an event whose type the model
finds very unlikely is dropped) and *adds* a type the patterns missed when the
model is confident, with the word that weighed most as its trigger.

The weights are data (``data/events/model_<lang>.json``), trained on the
development split of veille's real-text gold set by ``scripts/train_event_model.py``
(scikit-learn, CPU, about a minute); thresholds are chosen by cross-validation
on that split. At run time scoring is a running sum over the sentence's features
(numpy, already loaded with spaCy): no measurable cost beside the parser. A language
without a model file is coded by the patterns alone.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from veille.languages import closed_words

CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "AUX"})
FIRST_PERSON = closed_words("first_person_features")
QUOTE_MARKS = frozenset('«»“”"')


@dataclass(frozen=True)
class EventModel:
    """Weights of one language: per type a bias, feature weights and two thresholds."""

    lang: str
    types: dict[str, dict]  # type -> {"bias", "weights": {feature: w}, "keep", "add", "cameo", "mode"}

    def probabilities(self, features: list[str]) -> dict[str, float]:
        """P(type stated in the sentence) for every type the model knows.

        Each type's score is its bias plus its weights for ``features`` (0.0 for a feature
        it does not weigh) added one after the other in the order of ``features``: done for
        all types at once as a running sum down the rows of those features in
        :attr:`matrix` (``add.accumulate`` adds in order, unlike ``sum``), so every score is
        the same to the last bit as the sum feature by feature; features no type weighs
        add 0.0 to each and are skipped."""
        import numpy as np

        row, matrix = self.matrix
        rows = [i for f in features if (i := row.get(f)) is not None]
        totals = np.add.accumulate(matrix[rows], axis=0)[-1].tolist() if rows else [0.0] * len(self.types)
        out = {}
        for (etype, m), total in zip(self.types.items(), totals, strict=True):
            z = m["bias"] + total
            out[etype] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return out

    @cached_property
    def matrix(self):  # noqa: ANN201 - (feature -> row, numpy array)
        """Every feature some type weighs -> its row; rows of weights, one column per type
        (in the order of :attr:`types`), 0.0 where a type does not weigh the feature."""
        import numpy as np

        row: dict[str, int] = {}
        for m in self.types.values():
            for f in m["weights"]:
                row.setdefault(f, len(row))
        matrix = np.zeros((len(row), len(self.types)), dtype=np.float64)
        for j, m in enumerate(self.types.values()):
            for f, w in m["weights"].items():
                matrix[row[f], j] = w
        return row, matrix

    def strongest(self, etype: str, features: list[str], allowed: set[str] | None = None) -> str | None:
        """The lemma feature that weighs most for ``etype`` (the added event's trigger),
        among ``allowed`` lemmas when given (words that can carry an event)."""
        w = self.types[etype]["weights"]
        lemmas = [(w.get(f, 0.0), f) for f in features if f.startswith("L:") and (allowed is None or f[2:] in allowed)]
        best = max(lemmas, default=(0.0, None))
        return best[1][2:] if best[1] and best[0] > 0 else None


@lru_cache(maxsize=8)
def event_model(lang: str) -> EventModel | None:
    """The model of ``lang``, or None when veille ships none."""
    try:
        raw = json.loads(resources.files("veille.understand").joinpath("data", "events", f"model_{lang}.json").read_text("utf-8"))
    except FileNotFoundError:
        return None
    return EventModel(lang=raw["lang"], types=raw["types"])


def sentence_features(sent, candidate_types: list[tuple[str, str]], event_types: list[str],  # noqa: ANN001
                      reporting: frozenset[str] = frozenset(), lexicon_types=None, sector_of=None) -> list[str]:  # noqa: ANN001
    """What the classifier sees of a sentence: content lemmas, verbs with their
    subject's kind and their object, the lexicon's types for its words, the patterns'
    candidate types (with their trigger lemma) and built events, quotation and first person."""
    feats: set[str] = set()
    for tok in sent:
        low = tok.lemma_.lower()
        if tok.pos_ in CONTENT_POS and tok.is_alpha and len(low) > 1:
            feats.add(f"L:{low}")
            if lexicon_types is not None:
                feats.update(f"LEX:{t}" for t in lexicon_types(tok))
        if tok.pos_ == "VERB":
            for child in tok.children:
                dep = child.dep_.split(":")[0]
                if dep in ("nsubj", "obj", "dobj"):
                    feats.add(f"V{dep[0]}:{low}|{_kind(child, sector_of)}")
                if dep in ("obj", "dobj") and child.pos_ == "NOUN":
                    feats.add(f"VO:{low}|{child.lemma_.lower()}")
        if tok.lower_ in FIRST_PERSON:
            feats.add("FIRST")
        if tok.text in QUOTE_MARKS or tok.is_quote:
            feats.add("QUOTE")
        if low in reporting and tok.pos_ in ("VERB", "AUX"):
            feats.add("REPORT")
        if tok.dep_ in ("neg", "advmod") and low in ("pas", "jamais", "not", "never", "n't"):
            feats.add("NEG")
    root = sent.root
    feats.add(f"ROOT:{root.lemma_.lower()}")
    for etype, lemma in candidate_types:
        feats.add(f"C:{etype}")
        feats.add(f"CL:{etype}:{lemma}")
    for etype in event_types:
        feats.add(f"E:{etype}")
    return sorted(feats)


def _kind(tok, sector_of) -> str:  # noqa: ANN001
    """A dependent's kind: a name, a pronoun, a known agent noun (with its sector), a thing."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PER", "PERSON", "ORG", "GPE", "LOC", "NORP"):
        return "NAME"
    if tok.pos_ == "PRON":
        return "PRON"
    sector = sector_of(tok) if sector_of else None
    return f"AG_{sector}" if sector else "THING"
