"""The store on SQLite and PostgreSQL: schema, atomic writes, mentions, search, failures, exports, a full disk."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from veille.model import (
    Actor, Article, Block, Entity, Event, EventDate, Evidence, Participant, Place, Quote, Relation, Span,
)
from veille.store import ArticleRecord, Fetched, StoreError, open_store, query
from veille.store.schema import MIGRATIONS, SCHEMA_VERSION

BODY_FR = ("Le président Emmanuel Macron a rencontré les syndicats jeudi à Paris.\n\n"
           "« Nous négocierons jusqu'au bout », a déclaré le ministre du Travail.")
BODY_EN = "The European leaders negotiated a new budget agreement in Brussels on Thursday."


def make_article(aid: str, body: str = BODY_FR, language: str = "fr", title: str = "Réunion à Paris",
                 facts: bool = True) -> Article:
    """An article with one of everything the understand stage fills."""
    blocks, pos = [], 0
    for para in body.split("\n\n"):
        blocks.append(Block(kind="paragraph", text=para, start=pos, end=pos + len(para)))
        pos += len(para) + 2
    article = Article(id=aid, source=f"test:{aid}", language=language, title=title, blocks=blocks,
                      published="2024-11-28", url=f"https://example.org/{aid}")
    if not facts:
        return article
    text = article.text
    qtext = "Nous négocierons jusqu'au bout"
    q0 = text.find(qtext)
    span = Span(start=q0, end=q0 + len(qtext), text=qtext)
    m0 = text.find("Emmanuel Macron")
    mention = Span(start=m0, end=m0 + 15, text="Emmanuel Macron")
    ev = Evidence(article_id=aid, start=0, end=70, text=text[:70])
    macron = Participant(text="Emmanuel Macron", actor_id="Q3052772", name="Emmanuel Macron", country="FRA",
                         sector="GOV")
    unions = Participant(text="les syndicats", sector="LAB")
    return article.model_copy(update={
        "actors": [Actor(id="Q3052772", name="Emmanuel Macron", type="person", country="FRA", sector="GOV",
                         role="head of state", mentions=[mention])],
        "entities": [Entity(text="Emmanuel Macron", label="PER", span=mention, actor_id="Q3052772"),
                     Entity(text="Paris", label="LOC", span=Span(start=text.find("Paris"),
                                                                  end=text.find("Paris") + 5, text="Paris"))],
        "quotes": [Quote(text=qtext, kind="direct", speaker="le ministre du Travail", cue="a déclaré", span=span)],
        "events": [Event(id="e1", type="CONSULT", mode="meet", cameo="040", actors=[macron], recipients=[unions],
                         location=Place(name="Paris", country="FRA", latitude=48.85, longitude=2.35,
                                        geonames_id=2988507),
                         date=EventDate(text="jeudi", value="2024-11-28", precision="day"), trigger="rencontré",
                         evidence=ev, confidence=0.9)],
        "relations": [Relation(type="partner_of", subject=macron, object=unions, evidence=ev, confidence=0.5)],
    })


def record(article: Article, **kw: object) -> ArticleRecord:
    return ArticleRecord(article, content_hash=kw.pop("content_hash", "h-" + article.id), **kw)  # type: ignore[arg-type]


def test_schema_is_created_and_versioned(store_target: str) -> None:
    with open_store(store_target) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.counts()["articles"] == 0
    with open_store(store_target) as store:  # reopening migrates nothing and keeps the version
        assert store.schema_version() == SCHEMA_VERSION
        assert store.scalar("SELECT COUNT(*) FROM schema_version") == len(MIGRATIONS)  # one row per migration


def test_a_newer_schema_is_refused(store_target: str) -> None:
    with open_store(store_target) as store:
        store._execute("INSERT INTO schema_version VALUES (?, ?, ?)", (SCHEMA_VERSION + 1, "future", "now"))
    with pytest.raises(StoreError) as err:
        open_store(store_target)
    assert err.value.code == "E022"


def test_missing_sqlite_store_is_an_error_for_readers(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as err:
        query.articles(tmp_path / "none.db")
    assert err.value.code == "E020"
    assert not (tmp_path / "none.db").exists()


def test_article_and_its_mentions_are_written_once(store_target: str) -> None:
    with open_store(store_target) as store:
        a = make_article("a1")
        assert store.write_article(record(a, external_id="ext-1", signature=b"\x01" * 16,
                                          fetched=Fetched("https://example.org/a1", '"v1"', None)))
        assert not store.write_article(record(a))  # same id: nothing written
        counts = store.counts()
        assert counts["articles"] == 1 and counts["articles.original"] == 1
        for table in ("actor_mentions", "quotes", "events", "relations", "minhashes", "fetch_cache"):
            assert counts[table] == 1, table
        assert counts["entities"] == 2 and counts["event_participants"] == 2
        row = store.rows("SELECT * FROM articles")[0]
        assert row["external_id"] == "ext-1" and row["language"] == "fr" and row["status"] == "original"
        assert Article.model_validate_json(row["article_json"]) == a
        ev = store.rows("SELECT * FROM events")[0]
        assert (ev["type"], ev["location_name"], ev["date_value"], ev["latitude"]) == ("CONSULT", "Paris",
                                                                                        "2024-11-28", 48.85)
        roles = store.rows("SELECT role, actor_id FROM event_participants ORDER BY role")
        assert [(r["role"], r["actor_id"]) for r in roles] == [("actor", "Q3052772"), ("recipient", None)]
        assert store.fetch_validators("https://example.org/a1") == ('"v1"', None)
        assert store.text_of("a1")[0] == "Réunion à Paris"
        assert store.original_with_hash("h-a1") == "a1"
        assert list(store.signatures()) == [("a1", b"\x01" * 16)]


def test_a_failed_write_leaves_nothing(store_target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(store_target) as store:
        def boom(rec: ArticleRecord) -> None:
            raise RuntimeError("crash in the middle of an article")

        monkeypatch.setattr(store, "_write_mentions", boom)
        with pytest.raises(RuntimeError):
            store.write_article(record(make_article("a2")))
        monkeypatch.undo()
        assert store.counts()["articles"] == 0
        assert store.search("syndicats") == []
        assert store.write_article(record(make_article("a2")))  # and the same article goes in afterwards
        assert store.counts()["articles"] == 1


def test_search_articles_quotes_events_with_stems_and_folded_accents(store_target: str) -> None:
    with open_store(store_target) as store:
        store.write_article(record(make_article("fr1")))
        store.write_article(record(make_article("en1", BODY_EN, "en", "Budget deal", facts=False)))
        ids = lambda rows: [r.get("id") or r.get("article_id") for r in rows]  # noqa: E731
        assert ids(store.search("syndicat")) == ["fr1"]          # French stem: syndicats
        assert ids(store.search("negocierons")) == ["fr1"]       # accents folded
        assert ids(store.search("negotiations")) == ["en1"]      # English stem: negotiated
        assert ids(store.search("Paris syndicats")) == ["fr1"]   # every word must match
        assert ids(store.search("Brussels syndicats")) == []
        assert store.search('"AND OR ( * -') == []               # syntax in user text is harmless
        assert ids(store.search("négocier", what="quotes")) == ["fr1"]
        assert ids(store.search("rencontré", what="events")) == ["fr1"]
        hit = store.search("syndicats")[0]
        assert hit["title"] == "Réunion à Paris" and "snippet" in hit


def test_failures_are_recorded_once(store_target: str) -> None:
    with open_store(store_target) as store:
        for _ in range(3):
            store.write_failure("feed.xml", "feed.xml", "E027", "malformed feed")
        store.write_failure("feed.xml", "feed.xml#2", "E008", "no content")
    rows = query.failures(store_target)
    assert [(r["item"], r["code"]) for r in rows] == [("feed.xml", "E027"), ("feed.xml#2", "E008")]
    assert query.failures(store_target, code="E008")[0]["reason"] == "no content"


def test_exports_carry_external_id_duplicate_of_and_story_id(store_target: str, tmp_path: Path) -> None:
    with open_store(store_target) as store:
        store.write_article(record(make_article("o1"), external_id="42"))
        store.write_article(record(make_article("d1", title="Autre titre", facts=False), external_id="43",
                                   status="near_duplicate", duplicate_of="o1", similarity=0.91,
                                   differences={"sentences_added": 1}))
    rows = query.articles(store_target)
    assert [(r["external_id"], r["duplicate_of"], r["status"]) for r in rows] == [
        ("42", None, "original"), ("43", "o1", "near_duplicate")]
    assert rows[1]["differences"] == {"sentences_added": 1} and "story_id" in rows[0]
    assert [r["id"] for r in query.articles(store_target, status="near_duplicate")] == ["d1"]

    out = tmp_path / "a.jsonl"
    assert query.export(store_target, "articles", "jsonl", out) == 2
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines[1]["external_id"] == "43" and lines[1]["duplicate_of"] == "o1"
    assert query.export(store_target, "articles", "csv", tmp_path / "a.csv") == 2
    with (tmp_path / "a.csv").open() as handle:
        assert [r["external_id"] for r in csv.DictReader(handle)] == ["42", "43"]
    import pyarrow.parquet as pq

    assert query.export(store_target, "articles", "parquet", tmp_path / "a.parquet") == 2
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.column("duplicate_of").to_pylist() == [None, "o1"]
    assert {"external_id", "story_id", "similarity"} <= set(table.column_names)


def test_sqlite_full_disk_is_one_coded_error_and_the_store_stays_intact(tmp_path: Path) -> None:
    target = tmp_path / "small.db"
    with open_store(target) as store:
        store.write_article(record(make_article("ok1")))
        pages = store.scalar("PRAGMA page_count")
    with open_store(target, max_pages=pages + 2) as store:
        big = make_article("big", BODY_FR + "\n\n" + " ".join(["remplissage"] * 20000), facts=False)
        with pytest.raises(StoreError) as err:
            store.write_article(record(big))
        assert err.value.code == "E021" and "full" in err.value.one_line()
        assert store.counts()["articles"] == 1
        assert store.scalar("PRAGMA integrity_check") == "ok"
    assert [r["id"] for r in query.articles(target)] == ["ok1"]


@pytest.fixture
def tiny_tmpfs(tmp_path: Path):
    """A 1 MiB tmpfs (needs root and mount rights; skipped otherwise)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_cli_on_a_really_full_disk_prints_one_line(tiny_tmpfs: Path, tmp_path: Path) -> None:
    from corpus_fixtures import synthetic_corpus, write_jsonl
    from veille.cli import main

    src = write_jsonl(tmp_path / "c.jsonl", synthetic_corpus(400))
    db = tiny_tmpfs / "v.db"
    done = subprocess.run([sys.executable, "-m", "veille", "ingest", str(src), "--db", str(db), "-j", "1", "--no-understand"],
                          capture_output=True, text=True)
    assert done.returncode == 7, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("veille: error E021:"), done.stderr
    stored = query.articles(db)
    assert 0 < len(stored) < 400
    with open_store(db, create=False) as store:
        assert store.scalar("PRAGMA integrity_check") == "ok"
    assert main(["articles", "--db", str(db)]) == 0
