"""Exact and near-duplicate detection.

- **Exact**: the SHA-256 of the normalised body (Unicode NFKC, lower case,
  punctuation dropped, white space collapsed) — the same story re-posted with
  another title or different spacing is caught.
- **Near**: MinHash signatures over word shingles (datasketch), LSH to find
  candidates, each candidate confirmed by the *exact* Jaccard similarity of
  the shingle sets, which must reach ``threshold``.

Signatures are computed where the article is processed (a worker) and are
small bytes. The LSH index is *banded* exactly as datasketch's
``MinHashLSH`` bands it (the same ``b`` bands of ``r`` rows for the
threshold), and each band is reduced to one 64-bit key (:class:`Bands`):
the store keeps the keys of every original in an indexed table and a new
article's candidates are one indexed query (:class:`LookupIndex`), so
nothing grows in memory with the store, and an incremental ingest still
finds duplicates of articles stored long ago. :class:`MemoryIndex` holds the
same keys in a dict for in-memory runs (:func:`dedupe`); the Spark engine
joins on the same keys. Two articles are candidates exactly when they share
a band, as in datasketch, so every engine makes the same decisions.

A duplicate is not stored as a second copy of its original's facts:
:func:`as_link` empties an exact duplicate's lists and keeps, for a
near-duplicate, only the quotes, events and relations whose evidence is not
in the original, and :func:`differences` summarises what changed.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from veille.model import Article

NUM_PERM = 128
"""MinHash permutations: the estimate's standard error is about 0.03 at J = 0.8."""
SHINGLE = 5
"""Words per shingle: long enough that two different articles on the same topic share few."""
THRESHOLD = 0.7
"""Exact Jaccard of the shingle sets from which two articles are near-duplicates."""
_SEED = 1
_SCHEME = "affine32"  # datasketch ≥ 2: bijective permutations, 32-bit values (512 bytes a signature)

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?…»\"])\s+|(?<=[a-zà-ÿ0-9][.!?])(?=[A-ZÀ-Ý«\"])")


def normalise(text: str) -> str:
    """The text reduced to lower-case words separated by single spaces."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).lower()))


def content_hash(text: str) -> str:
    """Hash of the normalised text: equal for texts that differ only in case, spacing or punctuation."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:32]


def shingles(text: str, size: int = SHINGLE, normalised: bool = False) -> set[str]:
    """Word ``size``-grams of the normalised text (the whole text when it is shorter)."""
    tokens = (text if normalised else normalise(text)).split()
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def jaccard(a: set, b: set) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@lru_cache(maxsize=4)
def _template(num_perm: int):  # noqa: ANN202 - a datasketch MinHash whose permutations are reused
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME)


_MIX = np.uint32(0x9E3779B1)  # odd: h * _MIX + next is a polynomial hash of the shingle's word hashes


def shingle_hashes(text: str, size: int = SHINGLE, normalised: bool = False) -> np.ndarray:
    """32-bit hashes of the word ``size``-grams of the text (vectorised; what MinHash and Jaccard use).

    Each word is hashed once (CRC-32) and a shingle's hash is a polynomial of
    its words' hashes, computed for all shingles at once with numpy; it avoids
    building a string per shingle, which dominated the cost of a fingerprint.
    """
    words = (text if normalised else normalise(text)).split()
    if not words:
        return np.zeros(0, dtype=np.uint32)
    tokens = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint32, count=len(words))
    n = max(1, len(tokens) - size + 1)
    width = min(size, len(tokens))
    out = np.zeros(n, dtype=np.uint32)
    with np.errstate(over="ignore"):
        for k in range(width):
            out = out * _MIX + tokens[k:k + n]
    return np.unique(out)


def shingle_set(text: str, size: int = SHINGLE) -> set[int]:
    """The shingle hashes as a Python set (for the exact Jaccard check)."""
    return set(shingle_hashes(text, size).tolist())


@dataclass(frozen=True)
class Fingerprint:
    """What dedup needs of one article: its content hash and MinHash signature (uint32 bytes)."""

    content_hash: str
    signature: bytes


def fingerprint(text: str, num_perm: int = NUM_PERM, size: int = SHINGLE) -> Fingerprint:
    """Content hash and MinHash signature of a text (well under a millisecond for a news article)."""
    from datasketch import MinHash

    template = _template(num_perm)
    minhash = MinHash(num_perm=num_perm, seed=_SEED, permutations=template.permutations, scheme=_SCHEME,
                      hashfunc=int)
    norm = normalise(text)
    hashes = shingle_hashes(norm, size, normalised=True)
    if len(hashes):
        minhash.update_batch(hashes)
    digest = hashlib.sha256(norm.encode("utf-8")).hexdigest()[:32]
    return Fingerprint(digest, minhash.hashvalues.astype(np.uint32).tobytes())


def lsh_threshold(threshold: float) -> float:
    """The LSH's own threshold for a near-duplicate threshold: candidates are sought a
    little below it, and the exact Jaccard check removes the extra ones."""
    return max(0.3, threshold - 0.15)


class Bands:
    """datasketch's banding of a signature for a threshold, each band as one signed 64-bit key.

    ``b`` and ``r`` are those ``MinHashLSH(threshold=lsh_threshold(t), num_perm=n)``
    chooses (its ``_optimal_param``, equal weights); a key hashes the scheme, the band's
    number and its ``r`` values (BLAKE2b, 8 bytes), so keys of two schemes never meet.
    """

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        from datasketch.lsh import _optimal_param

        self.b, self.r = _optimal_param(lsh_threshold(threshold), num_perm, 0.5, 0.5)
        self.num_perm = num_perm
        self.scheme = f"b{self.b}r{self.r}n{num_perm}"

    def keys(self, signature: bytes) -> list[int]:
        """The ``b`` band keys of a signature (uint32 bytes)."""
        values = np.frombuffer(signature, dtype=np.uint32)
        prefix = self.scheme.encode("ascii")
        out = []
        for i in range(self.b):
            band = values[i * self.r:(i + 1) * self.r].tobytes()
            digest = hashlib.blake2b(prefix + i.to_bytes(2, "big") + band, digest_size=8).digest()
            out.append(int.from_bytes(digest, "big", signed=True))
        return out

    def rows(self, signature: bytes) -> tuple[str, list[int]]:
        """``(scheme, keys)``: what the store's band table keeps for an original."""
        return self.scheme, self.keys(signature)


@lru_cache(maxsize=8)
def bands_for(threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> Bands:
    """The :class:`Bands` of a threshold, built once per process (finding ``b`` and ``r``
    integrates datasketch's error curves, which takes a moment)."""
    return Bands(threshold, num_perm)


class MemoryIndex:
    """Band keys in a dict: the index of in-memory runs (evaluations, benchmarks)."""

    def __init__(self) -> None:
        self.buckets: dict[int, list[str]] = {}
        self.order: dict[str, int] = {}

    def add(self, article_id: str, keys: list[int]) -> None:
        """Index an original under its band keys (once)."""
        if article_id in self.order:
            return
        self.order[article_id] = len(self.order)
        for key in keys:
            self.buckets.setdefault(key, []).append(article_id)

    def candidates(self, keys: list[int]) -> list[str]:
        """Originals sharing a band key with ``keys``, oldest first."""
        found = {aid for key in keys for aid in self.buckets.get(key, ())}
        return sorted(found, key=self.order.__getitem__)

    def __len__(self) -> int:
        return len(self.order)


class LookupIndex:
    """An index kept elsewhere (the store's band table): ``candidates(keys)`` queries it,
    oldest first; the store writes an original's keys with the article, so :meth:`add`
    has nothing to do."""

    def __init__(self, candidates: Callable[[list[int]], list[str]]) -> None:
        self.candidates = candidates

    def add(self, article_id: str, keys: list[int]) -> None:
        return None


@dataclass(frozen=True)
class Match:
    """The original an article duplicates, how closely, and what differs."""

    kind: str  # "duplicate" or "near_duplicate"
    original: str
    similarity: float
    differences: dict = field(default_factory=dict)


TextLookup = Callable[[str], "tuple[str | None, str] | None"]
HashLookup = Callable[[str], "str | None"]


class Deduplicator:
    """Decides, article by article in ingest order, whether it duplicates one already seen.

    ``owner_of_hash(hash)`` and ``text_of(id)`` read the store; ``index`` finds
    candidates by band key (:class:`MemoryIndex` by default, :class:`LookupIndex`
    over the store's band table in ingest). Decisions depend only on what was
    stored before, so a resumed run decides as an uninterrupted one would.
    """

    def __init__(self, owner_of_hash: HashLookup, text_of: TextLookup, threshold: float = THRESHOLD,
                 num_perm: int = NUM_PERM, size: int = SHINGLE, index: MemoryIndex | LookupIndex | None = None,
                 ) -> None:
        if not 0 < threshold <= 1:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], not {threshold}")
        self.owner_of_hash = owner_of_hash
        self.text_of = text_of
        self.threshold = threshold
        self.num_perm = num_perm
        self.size = size
        self.bands = bands_for(threshold, num_perm)
        self.index = index if index is not None else MemoryIndex()

    def load(self, signatures: Iterable[tuple[str, bytes]]) -> int:
        """Index stored signatures (in ingest order); return how many."""
        n = 0
        for article_id, signature in signatures:
            self.add(article_id, signature)
            n += 1
        return n

    def add(self, article_id: str, signature: bytes) -> None:
        """Index an original so later articles can be found to duplicate it."""
        self.index.add(article_id, self.bands.keys(signature))

    def check(self, title: str | None, text: str, fp: Fingerprint) -> Match | None:
        """The original this article duplicates exactly or nearly, or None."""
        owner = self.owner_of_hash(fp.content_hash)
        if owner is not None:
            found = self.text_of(owner)
            diff = differences(found[0], found[1], title, text) if found else {}
            return Match("duplicate", owner, 1.0, diff)
        candidates = self.index.candidates(self.bands.keys(fp.signature))
        if not candidates:
            return None
        mine = shingle_set(text, self.size)
        best: tuple[float, str, tuple[str | None, str]] | None = None
        for cand in candidates:  # oldest first: ties go to the earliest original
            found = self.text_of(cand)
            if found is None:
                continue
            sim = jaccard(mine, shingle_set(found[1], self.size))
            if sim >= self.threshold and (best is None or sim > best[0]):
                best = (sim, cand, found)
        if best is None:
            return None
        sim, cand, (otitle, otext) = best
        return Match("near_duplicate", cand, round(sim, 4), differences(otitle, otext, title, text))


def sentences(text: str) -> list[str]:
    """Rough sentence split (also where a full stop is glued to the next capital)."""
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def differences(orig_title: str | None, orig_text: str, title: str | None, text: str,
                keep: int = 5, width: int = 200) -> dict:
    """What a duplicate changes from its original: title, sentences added and removed (a few, cut)."""
    a, b = sentences(orig_text), sentences(text)
    added: list[str] = []
    removed: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            removed.extend(a[i1:i2])
        if op in ("replace", "insert"):
            added.extend(b[j1:j2])
    out: dict = {
        "sentences_added": len(added), "sentences_removed": len(removed),
        "chars_added": sum(map(len, added)), "chars_removed": sum(map(len, removed)),
        "added": [s[:width] for s in added[:keep]], "removed": [s[:width] for s in removed[:keep]],
    }
    if (orig_title or "") != (title or ""):
        out["title"] = {"original": orig_title, "this": title}
    return out


def as_link(article: Article, match: Match, original_text: str) -> Article:
    """The article as stored when it duplicates another: without a second copy of the original's facts.

    An exact duplicate keeps none of its lists; a near-duplicate keeps the
    quotes, events and relations whose evidence is not in the original, and
    the entity and actor mentions that are not either.
    """
    if match.kind == "duplicate":
        return article.model_copy(update={"actors": [], "entities": [], "quotes": [], "events": [], "relations": []})

    def new(text: str) -> bool:
        return text not in original_text

    actors = []
    for actor in article.actors:
        mentions = [m for m in actor.mentions if new(m.text)]
        if mentions:
            actors.append(actor.model_copy(update={"mentions": mentions}))
    return article.model_copy(update={
        "actors": actors,
        "entities": [e for e in article.entities if new(e.span.text)],
        "quotes": [q for q in article.quotes if new(q.span.text)],
        "events": [e for e in article.events if new(e.evidence.text)],
        "relations": [r for r in article.relations if new(r.evidence.text)],
    })


def dedupe(records: Iterable[tuple[str, str | None, str]], threshold: float = THRESHOLD,
           num_perm: int = NUM_PERM, size: int = SHINGLE) -> Iterable[tuple[str, Match | None]]:
    """Deduplicate ``(id, title, text)`` records in memory, in order: ``(id, match or None)`` for each.

    The same decisions ingest makes against a store, for evaluations and
    benchmarks (texts of originals are kept in memory).
    """
    owners: dict[str, str] = {}
    texts: dict[str, tuple[str | None, str]] = {}
    dedup = Deduplicator(owners.get, texts.get, threshold=threshold, num_perm=num_perm, size=size)
    for rid, title, text in records:
        fp = fingerprint(text, num_perm, size)
        match = dedup.check(title, text, fp)
        if match is None:
            texts[rid] = (title, text)
            owners.setdefault(fp.content_hash, rid)
            dedup.add(rid, fp.signature)
        elif match.kind == "near_duplicate":
            owners.setdefault(fp.content_hash, rid)
            texts.setdefault(rid, (title, text))
        yield rid, match
