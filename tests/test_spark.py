"""The Spark engine (local mode) gives the store the local engine gives, even when an
executor's Python worker is killed mid-job; its errors are one line."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from corpus_fixtures import canonical_dump, html_page, synthetic_corpus, warc_bytes, write_jsonl
from test_ingest_stories import MEETING_1, MEETING_2, SUMMIT_A1, SUMMIT_A2, SUMMIT_B
from veille.cli import main
from veille.ingest import IngestOptions, ingest
from veille.store import open_store

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.spark

QUOTES = [
    ("Grève à la SNCF", "« Nous irons jusqu'au bout », a déclaré jeudi le secrétaire général de la CGT, "
     "Philippe Martinez, devant les cheminots réunis à Paris. Le gouvernement a rejeté leurs demandes."),
    ("Macron à Berlin", "Emmanuel Macron a rencontré mardi à Berlin le chancelier Olaf Scholz. "
     "« L'Europe doit se réarmer », a affirmé le président français lors d'une conférence de presse."),
    ("Sanctions contre Moscou", "L'Union européenne a adopté vendredi un nouveau paquet de sanctions contre la "
     "Russie. « Ces mesures visent le cœur de l'économie de guerre », a expliqué Ursula von der Leyen."),
]


def _spark_ready() -> None:
    pytest.importorskip("pyspark", reason="the Spark engine needs pyspark (pip install 'veille[spark]')")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("the Spark engine needs Java 17 or 21")


def mixed_inputs(folder: Path) -> list[str]:
    """About 200 inputs of every kind the Spark engine reads: a JSONL dump (synthetic
    articles with exact and near duplicates, articles with events and quotes, a German one,
    bad lines), text and HTML files, and a WARC crawl."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = synthetic_corpus(140)
    for i, (title, date, body) in enumerate([SUMMIT_A1, SUMMIT_A2, SUMMIT_B, MEETING_1, MEETING_2]):
        rows.append({"id": f"s{i}", "title": title, "published": date, "text": body, "lang": "fr"})
    for i, (title, body) in enumerate(QUOTES):
        rows.append({"id": f"q{i}", "title": title, "published": "2024-11-2" + str(i), "text": body})
    rows.append({"id": "de", "text": "Die Bundesregierung hat am Donnerstag in Berlin einen neuen Haushaltsentwurf "
                                    "vorgestellt. Der Finanzminister sagte, die Schuldenbremse werde eingehalten."})
    rows.append(rows[3])  # the same line again: stored once
    dump = write_jsonl(folder / "dump.jsonl", rows)
    with dump.open("a", encoding="utf-8") as handle:
        handle.write("{broken\n" + json.dumps({"id": "empty", "text": "  "}) + "\n")
    pages = folder / "pages"
    pages.mkdir()
    for i, row in enumerate(synthetic_corpus(30, seed=11)):
        if i % 2:
            (pages / f"p{i:02d}.html").write_bytes(html_page(row["title"], row["text"].split("\n\n")))
        else:
            (pages / f"p{i:02d}.txt").write_text(row["title"] + "\n\n" + row["text"], encoding="utf-8")
    shutil.copy(ROOT / "samples" / "fr-visite-dakar.txt", pages / "z-dakar.txt")
    shutil.copy(ROOT / "samples" / "en-eu-summit.txt", pages / "z-eu.txt")
    crawl = [(f"https://news.example/w{i}", html_page(r["title"], r["text"].split("\n\n")))
             for i, r in enumerate(synthetic_corpus(18, seed=5))]
    crawl.append(("https://news.example/copy", html_page("Copie", rows[0]["text"].split("\n\n"))))
    (folder / "crawl.warc.gz").write_bytes(warc_bytes(crawl))
    return [str(dump), str(pages), str(folder / "crawl.warc.gz")]


OPTIONS = IngestOptions(jobs=1, understand=True)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict]:
    """The inputs and what the local engine stores from them."""
    _spark_ready()
    folder = tmp_path_factory.mktemp("mixed")
    sources = mixed_inputs(folder / "in")
    with open_store(str(folder / "local.db")) as store:
        stats = ingest(sources, store, OPTIONS)
    assert stats.read >= 200 and stats.near_duplicate and stats.duplicate and stats.failed == 2
    dump = canonical_dump(str(folder / "local.db"))
    assert dump["events"] and dump["quotes"] and any(r["status"] == "near_duplicate" for r in dump["articles"])
    return sources, dump


def _spark_to_store(sources: list[str], out: Path, db: Path, master: str = "local[2,4]") -> None:
    assert main(["ingest", *sources, "--engine", "spark", "--out", str(out), "--master", master,
                 "--partitions", "4", "--no-progress"]) == 0
    assert main(["load", str(out), "--db", str(db)]) == 0


def test_spark_output_is_the_local_engines(reference: tuple[list[str], dict], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    sources, expected = reference
    _spark_to_store(sources, tmp_path / "out", tmp_path / "spark.db")
    out = capsys.readouterr().out
    assert "read " in out and "loaded " in out
    got = canonical_dump(str(tmp_path / "spark.db"))
    for table in expected:  # same ids, texts, statuses, duplicates, stories, events, quotes, mentions…
        assert got[table] == expected[table], table
    import pyarrow.parquet as pq

    events = pq.read_table(tmp_path / "out" / "events").to_pylist()
    assert {e["event_id"] for e in events} == {e["event_id"] for e in expected["events"]}
    assert pq.read_table(tmp_path / "out" / "removals").num_rows > 0
    run = json.loads((tmp_path / "out" / "_veille_run.json").read_text())
    assert run["stats"]["read"] >= 200
    assert main(["load", str(tmp_path / "out"), "--db", str(tmp_path / "spark.db"), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["articles"] == 0 and again["known"] == len(expected["articles"])  # idempotent


def _python_workers() -> list[int]:
    """PIDs of PySpark's Python workers: processes forked by the daemon (``pyspark.daemon`` or
    veille's warm ``veille.engine.spark_daemon``, same command line)."""
    procs: dict[int, tuple[int, str]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                cmd = Path(f"/proc/{entry.name}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                ppid = int(Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            procs[int(entry.name)] = (ppid, cmd)
    def daemon(cmd: str) -> bool:
        return "pyspark.daemon" in cmd or "veille.engine.spark_daemon" in cmd

    return [pid for pid, (ppid, cmd) in procs.items() if daemon(cmd) and daemon(procs.get(ppid, (0, ""))[1])]


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_killed_python_worker_does_not_change_the_output(reference: tuple[list[str], dict],
                                                           tmp_path: Path) -> None:
    sources, expected = reference
    killed: list[int] = []
    failed_tasks: list[int] = []
    done = threading.Event()

    def killer() -> None:  # SIGKILL a Python worker while it is busy (parsing); again, up to three
        # times, if that worker had just finished its task (on a loaded machine a worker seen
        # busy may be between two tasks): a task attempt is allowed to fail four times
        while not done.is_set() and not failed_tasks and len(killed) < 3:
            before = {pid: _cpu_seconds(pid) for pid in _python_workers()}
            time.sleep(0.5)
            # busy: it has parsed (over a second of CPU) and is still working; on a loaded
            # machine a working process may get well under half a core, hence the low bar
            busy = [pid for pid, cpu in before.items() if cpu > 1.0 and _cpu_seconds(pid) - cpu > 0.05]
            if busy:
                os.kill(busy[0], signal.SIGKILL)
                killed.append(busy[0])
                done.wait(3.0)  # let Spark report the failed task before trying again

    def watcher() -> None:  # Spark's own count of failed tasks, over every stage of every job
        from pyspark import SparkContext

        while not done.is_set():
            sc = SparkContext._active_spark_context
            if sc is not None:
                try:
                    tracker = sc.statusTracker()
                    for job in tracker.getJobIdsForGroup():
                        info = tracker.getJobInfo(job)
                        for sid in info.stageIds if info is not None else ():
                            stage = tracker.getStageInfo(sid)
                            if stage is not None and stage.numFailedTasks:
                                failed_tasks.append(stage.numFailedTasks)
                except Exception:  # noqa: BLE001 - the context may stop between two calls
                    pass
            time.sleep(0.2)

    threads = [threading.Thread(target=killer, daemon=True), threading.Thread(target=watcher, daemon=True)]
    for t in threads:
        t.start()
    try:
        _spark_to_store(sources, tmp_path / "out", tmp_path / "spark.db")
    finally:
        done.set()
        for t in threads:
            t.join(5)
    assert killed, "no Python worker was seen busy: nothing was killed"
    assert failed_tasks, "Spark saw no failed task: the kill did not hit a running task"
    got = canonical_dump(str(tmp_path / "spark.db"))
    for table in expected:
        assert got[table] == expected[table], table


def test_engine_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", synthetic_corpus(3))
    cases = [
        (["ingest", str(src), "--engine", "spark"], "E065", 2),
        (["ingest", str(src), "--out", str(tmp_path / "o")], "E065", 2),
        (["ingest", "http://127.0.0.1:9/feed", "--engine", "spark", "--out", str(tmp_path / "o")], "E060", 4),
        (["load", str(tmp_path), "--db", str(tmp_path / "x.db")], "E064", 4),
        (["load", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.db")], "E064", 4),
    ]
    feed = tmp_path / "f.rss"
    feed.write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title>'
                     b"<link>http://127.0.0.1:9/a</link></item></channel></rss>")
    cases.append((["ingest", str(feed), "--engine", "spark", "--out", str(tmp_path / "o")], "E060", 4))
    full = tmp_path / "full"
    full.mkdir()
    (full / "x").write_text("x")
    cases.append((["ingest", str(src), "--engine", "spark", "--out", str(full)], "E063", 2))
    for argv, code, exit_code in cases:
        assert main(argv) == exit_code, argv
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith(f"veille: error {code}:"), (argv, err)
