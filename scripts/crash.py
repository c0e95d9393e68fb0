"""Crash safety of an ingest with understanding: kill -9 at random points, rerun, compare.

An uninterrupted run stores a reference. Then the same input is ingested again into a
fresh store, and the run is killed with SIGKILL (the ingest and its workers) at
``--kills`` random points: each time once a random number of new articles is stored and a random
moment after that, then started again, resuming where it stopped. A last run
finishes the input. The store must equal the reference: articles, events,
quotes, mentions, entities, relations, duplicates and stories (every content
table, without times and database keys), and SQLite's integrity check must pass.

    python scripts/crash.py --articles 300 --kills 20 --jobs 2

The same function, with a small input and one or two kills, is the CI test
(tests/test_hostile_crash.py).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def count(db: Path) -> int:
    """Articles stored so far (0 while the store does not exist yet)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def command(source: Path, db: Path, jobs: int) -> list[str]:
    """The ingest under test, with understanding."""
    return [sys.executable, "-m", "veille", "ingest", str(source), "--db", str(db), "--jobs", str(jobs),
            "--no-progress"]


_PEOPLE = ("Emmanuel Macron", "Vladimir Poutine", "Olaf Scholz", "Kassym-Jomart Tokaïev", "Ursula von der Leyen")
_PLACES = ("Paris", "Moscou", "Berlin", "Astana", "Bruxelles")


def corpus(n: int, seed: int) -> list[dict]:
    """``n`` JSONL rows (with duplicates and near-duplicates) whose texts name people and
    places and quote them, so that understanding has actors, quotes and events to store."""
    from corpus_fixtures import synthetic_corpus

    rng = random.Random(seed)
    rows = synthetic_corpus(n, seed=seed)
    for row in rows:
        who, other, where = rng.choice(_PEOPLE), rng.choice(_PEOPLE), rng.choice(_PLACES)
        row["text"] += (f"\n\n{who} a rencontré {other} jeudi à {where}. « Nous voulons la paix », a déclaré "
                        f"{who} devant la presse.")
    return rows


def kill_and_resume(source: Path, db: Path, total: int, kills: int, jobs: int, rng: random.Random,
                    log=print) -> list[int]:  # noqa: ANN001 - a print-like function
    """Kill the ingest ``kills`` times at random points, then let it finish; the counts at each kill."""
    at_kill: list[int] = []
    for n in range(kills):
        before = count(db)
        if before >= total:
            break
        proc = subprocess.Popen(command(source, db, jobs), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        # a random point of the run: once a random number of new articles is stored (not the
        # last ones, or the run could end first), then a random moment mid-transaction, mid-batch
        # or between items
        # spread over what is left, so that every kill happens before the input runs out
        step = max(1, (total - 2 - before) // (kills - n))
        target = min(rng.randint(before + 1, before + step), max(before + 1, total - 2))
        deadline = time.monotonic() + 600
        while count(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.1))
        if proc.poll() is not None:
            log(f"kill {n + 1}: the run finished before the kill ({count(db)} articles)")
            break
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        at_kill.append(count(db))
        log(f"kill {n + 1}: {at_kill[-1]} of {total} articles stored")
    done = subprocess.run(command(source, db, jobs), capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise RuntimeError(f"the resumed run failed: {done.stderr[-2000:]}")
    return at_kill


def main() -> int:
    from corpus_fixtures import canonical_dump, write_jsonl

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workdir", default="crash-run")
    args = parser.parse_args()

    work = Path(args.workdir)
    work.mkdir(exist_ok=True)
    for old in work.glob("*.db*"):
        old.unlink()
    source = write_jsonl(work / "corpus.jsonl", corpus(args.articles, args.seed))
    started = time.perf_counter()
    reference = work / "reference.db"
    subprocess.run(command(source, reference, args.jobs), check=True, capture_output=True, timeout=3600)
    total = count(reference)
    print(f"reference: {total} articles in {time.perf_counter() - started:.0f} s")
    killed = work / "killed.db"
    at_kill = kill_and_resume(source, killed, total, args.kills, args.jobs, random.Random(args.seed))
    dump, got = canonical_dump(str(reference)), canonical_dump(str(killed))
    same = got == dump
    with sqlite3.connect(killed) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    unequal = [t for t in dump if without_stories(dump[t]) != without_stories(got[t])]
    moved = sum(a["story_id"] != b["story_id"] for a, b in zip(dump["articles"], got["articles"]))
    sizes = ", ".join(f"{t} {len(rows)}" for t, rows in dump.items() if rows)
    print(f"{len(at_kill)} kills at {at_kill}; stores identical: {same}; tables other than story ids "
          f"identical: {not unequal} {unequal or ''}; articles in another story: {moved}; integrity: {integrity}; "
          f"reference rows: {sizes}; {time.perf_counter() - started:.0f} s in all")
    return 0 if same and integrity == "ok" and len(at_kill) == args.kills else 1


def without_stories(rows: list[dict]) -> list[dict]:
    """Rows without their story id (known to drift on resume: docs/reliability.md)."""
    return [{k: v for k, v in r.items() if k != "story_id"} for r in rows]


if __name__ == "__main__":
    sys.exit(main())
