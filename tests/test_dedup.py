"""Exact and near-duplicate detection, and how duplicates are stored."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from corpus_fixtures import article_text, sentence, synthetic_corpus, write_jsonl
from test_store import make_article
from veille.ingest import IngestOptions, ingest
from veille.link.dedup import (
    Deduplicator, Match, as_link, content_hash, differences, fingerprint, jaccard, normalise, shingles,
)
from veille.store import open_store, query

RNG = random.Random(3)
BASE = article_text(RNG, 10)


def test_normalised_hash_ignores_case_spacing_and_punctuation() -> None:
    assert normalise("Le  Président,\n a DIT : « oui » !") == "le président a dit oui"
    assert content_hash("Le président a dit oui.") == content_hash("le Président  a dit — oui")
    assert content_hash("Le président a dit oui.") != content_hash("Le président a dit non.")


def test_shingles_and_jaccard() -> None:
    assert shingles("un deux trois", 5) == {"un deux trois"}
    assert len(shingles("a b c d e f g", 5)) == 3
    assert jaccard({"a", "b"}, {"b", "c"}) == 1 / 3
    assert jaccard(set(), set()) == 0.0


def _dedup(texts: dict[str, str], threshold: float = 0.7) -> Deduplicator:
    hashes = {}
    for aid, text in texts.items():
        hashes.setdefault(content_hash(text), aid)
    d = Deduplicator(hashes.get, lambda aid: ("titre", texts[aid]) if aid in texts else None, threshold=threshold)
    for aid, text in texts.items():
        d.add(aid, fingerprint(text).signature)
    return d


def test_exact_near_and_unrelated() -> None:
    d = _dedup({"orig": BASE})
    assert d.check("t", BASE.upper(), fingerprint(BASE.upper())).kind == "duplicate"
    edited = BASE + "\n\n" + sentence(RNG)
    near = d.check("autre titre", edited, fingerprint(edited))
    assert near is not None and near.kind == "near_duplicate" and near.original == "orig"
    assert 0.7 <= near.similarity < 1
    assert near.differences["sentences_added"] == 1 and near.differences["title"]["this"] == "autre titre"
    other = article_text(random.Random(99), 10)
    assert d.check("t", other, fingerprint(other)) is None


def test_threshold_is_respected() -> None:
    half = " ".join(BASE.split()[: len(BASE.split()) // 2]) + " " + article_text(random.Random(5), 5)
    sim = jaccard(shingles(BASE), shingles(half))
    assert 0.1 < sim < 0.6
    assert _dedup({"orig": BASE}, threshold=0.7).check("t", half, fingerprint(half)) is None


def test_the_oldest_of_equally_close_originals_wins() -> None:
    d = _dedup({"first": BASE, "second": BASE + " "})  # same shingles
    edited = BASE + " " + sentence(RNG)
    assert d.check("t", edited, fingerprint(edited)).original == "first"


def test_differences_summary() -> None:
    diff = differences("T", "Une phrase. Deux phrases. Trois.", "T", "Une phrase. Deux phrases modifiées. Trois.")
    assert diff["sentences_added"] == 1 and diff["sentences_removed"] == 1
    assert diff["added"] == ["Deux phrases modifiées."] and "title" not in diff


def test_as_link_keeps_only_new_facts() -> None:
    a = make_article("x")
    assert as_link(a, Match("duplicate", "o", 1.0), a.text).quotes == []
    near = as_link(a, Match("near_duplicate", "o", 0.9), a.text)
    assert near.quotes == [] and near.events == [] and near.actors == [] and near.entities == []
    kept = as_link(a, Match("near_duplicate", "o", 0.9), "un tout autre texte")
    assert kept.quotes == a.quotes and kept.events == a.events


def test_near_duplicates_are_links_without_copies_of_facts(store_target: str, tmp_path: Path) -> None:
    rows = [{"id": "1", "title": "Original", "text": BASE},
            {"id": "2", "title": "Reprise", "text": BASE + "\n\n" + sentence(RNG)},
            {"id": "3", "title": "Copie exacte", "text": BASE},
            {"id": "4", "title": "Autre", "text": article_text(random.Random(11), 10)}]
    src = write_jsonl(tmp_path / "d.jsonl", rows)
    with open_store(store_target) as store:
        stats = ingest([str(src)], store, IngestOptions(jobs=1, understand=False))
    assert (stats.new, stats.near_duplicate, stats.duplicate) == (2, 1, 1)
    arts = {r["external_id"]: r for r in query.articles(store_target)}
    assert arts["2"]["status"] == "near_duplicate" and arts["2"]["duplicate_of"] == arts["1"]["id"]
    assert arts["2"]["differences"]["sentences_added"] == 1
    assert arts["3"]["status"] == "duplicate" and arts["3"]["duplicate_of"] == arts["1"]["id"]
    assert arts["3"]["differences"]["title"] == {"original": "Original", "this": "Copie exacte"}
    assert arts["4"]["duplicate_of"] is None
    with open_store(store_target) as store:  # only originals carry a signature
        assert {aid for aid, _ in store.signatures()} == {arts["1"]["id"], arts["4"]["id"]}


def test_incremental_ingest_finds_duplicates_of_older_articles(store_target: str, tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", [{"id": "old", "text": BASE}])
    later = write_jsonl(tmp_path / "b.jsonl", [{"id": "new", "text": BASE + "\n\n" + sentence(RNG)}])
    with open_store(store_target) as store:
        ingest([str(first)], store, IngestOptions(jobs=1, understand=False))
    with open_store(store_target) as store:  # a new process would start here: the index comes from the store
        stats = ingest([str(later)], store, IngestOptions(jobs=1, understand=False))
    assert stats.near_duplicate == 1
    new = query.articles(store_target, status="near_duplicate")[0]
    assert new["external_id"] == "new" and new["duplicate_of"] == query.articles(store_target)[0]["id"]


def test_synthetic_corpus_duplicates_are_found(tmp_path: Path) -> None:
    rows = synthetic_corpus(120)
    src = write_jsonl(tmp_path / "s.jsonl", rows)
    with open_store(tmp_path / "s.db") as store:
        stats = ingest([str(src)], store, IngestOptions(jobs=1, understand=False))
    # every 10th row edits an earlier one, every 13th copies one (rows 0..119)
    expected_exact = len([i for i in range(1, 120) if i % 13 == 0])
    expected_near = len([i for i in range(1, 120) if i % 10 == 0 and i % 13 != 0])
    assert stats.duplicate == expected_exact
    assert stats.near_duplicate == expected_near
    assert stats.new == 120 - expected_exact - expected_near


def test_in_memory_dedupe_matches_the_store_decisions(tmp_path: Path) -> None:
    from veille.link.dedup import dedupe

    rows = synthetic_corpus(60)
    decided = dict(dedupe((r["id"], r["title"], r["text"]) for r in rows))
    src = write_jsonl(tmp_path / "s.jsonl", rows)
    with open_store(tmp_path / "s.db") as store:
        ingest([str(src)], store, IngestOptions(jobs=1, understand=False))
    stored = {r["external_id"]: r["status"] for r in query.articles(tmp_path / "s.db")}
    assert {k: (m.kind if m else "original") for k, m in decided.items()} == stored


def test_band_keys_give_datasketchs_candidates_exactly() -> None:
    """The store's band keys and the in-memory index find exactly the candidates datasketch's
    MinHashLSH (the same threshold and permutations) finds."""
    from datasketch import LeanMinHash, MinHashLSH

    from veille.link.dedup import MemoryIndex, bands_for, lsh_threshold

    rng = random.Random(8)
    texts = [article_text(rng, 6) for _ in range(40)]
    for _ in range(40):  # variants sharing more or less of an earlier text
        base = texts[rng.randrange(len(texts))].split()
        keep = rng.choice((0.5, 0.7, 0.8, 0.9, 0.97))
        texts.append(" ".join(w if rng.random() < keep else rng.choice(base) + "x" for w in base))
    bands = bands_for(0.7)
    lsh = MinHashLSH(threshold=lsh_threshold(0.7), num_perm=128)
    assert (lsh.b, lsh.r) == (bands.b, bands.r)
    index = MemoryIndex()
    for i, text in enumerate(texts):
        sig = fingerprint(text).signature
        lean = LeanMinHash(seed=1, hashvalues=np.frombuffer(sig, dtype=np.uint32), scheme="affine32")
        assert set(index.candidates(bands.keys(sig))) == set(lsh.query(lean)), i
        index.add(f"a{i}", bands.keys(sig))
        lsh.insert(f"a{i}", lean)
    assert sum(bool(index.candidates(bands.keys(fingerprint(t).signature))) for t in texts) == len(texts)


def test_a_store_without_bands_is_banded_on_first_use_and_per_threshold(tmp_path: Path) -> None:
    from veille.ingest import deduplicator

    src = write_jsonl(tmp_path / "c.jsonl", synthetic_corpus(40))
    db = str(tmp_path / "b.db")
    with open_store(db) as store:
        ingest([str(src)], store, IngestOptions(jobs=1, understand=False))
        originals = store.counts()["minhashes"]
        assert store.counts()["minhash_bands"] == originals * deduplicator(store).bands.b
        store.conn.execute("DELETE FROM minhash_bands")  # as a store written before migration 2
        dedup = deduplicator(store)
        assert store.counts()["minhash_bands"] == originals * dedup.bands.b
        other = deduplicator(store, 0.9)  # another threshold bands the originals its own way
        assert other.bands.scheme != dedup.bands.scheme
        assert store.counts()["minhash_bands"] == originals * (dedup.bands.b + other.bands.b)
        text = synthetic_corpus(40)[5]["text"] + "\n\nUne phrase de plus à la fin de l'article."
        match = dedup.check("t", text, fingerprint(text))
        assert match is not None and match.kind == "near_duplicate"
