"""The long fuzz run of veille (issue 11): many generated and mutated inputs, each of
which must end in success or one coded error, with no traceback, no hang and bounded memory.

Inputs come from the hypothesis strategies of ``tests/fuzz_inputs.py`` (texts, pages,
JSONL dumps, gzip files, feeds, WARC files, random bytes, and mutations of each),
generated in the parent and run in worker processes:

* pages and texts through ``veille.analyze_bytes`` (repair; every ``--understand-every``-th
  input also through understanding with the real spaCy pipelines);
* files through the corpus readers and ``process_item``, as ``veille ingest`` does;
* every ``--cli-every``-th input through the real command line (``veille analyze`` or
  ``veille ingest`` in a subprocess), whose stderr must be empty or one
  ``veille: error Exxx: …`` line, never a traceback.

An outcome is counted as a traceback when an exception that is not a coded
error escapes, or a corpus failure carries E000 (veille's code for an unexpected
exception); as a hang when it runs past ``--time-limit`` seconds. Peak memory is
the largest resident set of any worker (``ru_maxrss``).

    python scripts/fuzz.py --inputs 20000 --jobs 2 --out fuzz-report.json

Exit status 0 when every criterion holds, 1 otherwise (details in the report).
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

KINDS = ("bytes", "text", "html", "jsonl", "gzip", "feed", "warc")
SUFFIX = {"bytes": ".txt", "text": ".txt", "html": ".html", "jsonl": ".jsonl", "gzip": ".txt.gz", "feed": ".rss",
          "warc": ".warc.gz"}


def _strategy(kind: str):  # noqa: ANN202 - a hypothesis strategy
    from hypothesis import strategies as st

    from fuzz_inputs import feed_bytes, html_bytes, json_lines, mutated, text_bytes, warc_input

    base = {
        "bytes": st.binary(max_size=8192),
        "text": text_bytes(),
        "html": html_bytes(),
        "jsonl": json_lines(),
        "gzip": text_bytes().map(gzip.compress),
        "feed": feed_bytes(),
        "warc": warc_input(),
    }[kind]
    return base.flatmap(lambda d: st.one_of(st.just(d), mutated(d)))


def generate(kind: str, count: int, seed: int) -> list[bytes]:
    """``count`` inputs of ``kind`` from hypothesis's generator (its own mutations included)."""
    from hypothesis import HealthCheck, Phase, given, seed as hseed, settings

    out: list[bytes] = []

    @hseed(seed)
    @settings(max_examples=count, phases=[Phase.generate], database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(_strategy(kind))
    def collect(data: bytes) -> None:
        out.append(data)

    collect()
    return out


# -- in a worker ---------------------------------------------------------------------------------


def _coded(code: str) -> bool:
    """A code veille documents for an input it refuses (E000, an unexpected exception, is not one)."""
    from veille.errors import CATALOGUE

    return code in CATALOGUE and code != "E000"


def _alarm(signum, frame):  # noqa: ANN001, ANN202
    raise TimeoutError("fuzz time limit")


def run_one(task: tuple[int, str, bytes, bool, float]) -> tuple[int, str, str, int, float]:
    """(index, outcome, detail, max RSS in KB, seconds): outcome 'ok', 'coded' (detail: the code),
    'traceback' (detail: the exception) or 'hang'."""
    from veille.errors import VeilleError
    from veille.ingest import IngestOptions, Processed, process_item
    from veille.options import Options
    from veille.pipeline import analyze_bytes
    from veille.read.corpus import CorpusOptions, Failure, iter_sources

    index, kind, data, understand, limit = task
    options = Options(understand=understand, max_bytes=5_000_000, item_timeout=0)
    started = time.perf_counter()
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    outcome, detail = "ok", ""
    try:
        if kind in ("bytes", "text", "html"):
            try:
                analyze_bytes(data, f"input{SUFFIX[kind]}", options)
            except VeilleError as exc:
                outcome, detail = ("coded", exc.code) if _coded(exc.code) else ("traceback", exc.code)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp, f"input{SUFFIX[kind]}")
                path.write_bytes(data)
                items = IngestOptions(jobs=1, understand=understand, article=options)
                codes = []
                for entry in iter_sources([str(path)], options, CorpusOptions(follow_entries=False)):
                    result = entry if isinstance(entry, Failure) else process_item(entry, items)
                    if isinstance(result, Failure):
                        codes.append(result.code)
                    elif not isinstance(result, Processed):
                        outcome, detail = "traceback", f"unexpected outcome {type(result).__name__}"
                bad = [c for c in codes if not _coded(c)]
                if bad and outcome == "ok":
                    outcome, detail = "traceback", ",".join(bad)
                elif codes and outcome == "ok":
                    outcome, detail = "coded", ",".join(sorted(set(codes)))
    except TimeoutError:
        outcome, detail = "hang", f"over {limit:g} s"
    except BaseException as exc:  # noqa: BLE001 - what the run is looking for
        outcome, detail = "traceback", "".join(traceback.format_exception_only(type(exc), exc)).strip()[:500]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return index, outcome, detail, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter() - started


def run_cli(kind: str, data: bytes, limit: float) -> tuple[str, str]:
    """The same input through the command line: ('ok'|'coded'|'traceback'|'hang', stderr)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, f"input{SUFFIX[kind]}")
        path.write_bytes(data)
        if kind in ("bytes", "text", "html"):
            argv = ["analyze", str(path), "--no-understand", "--format", "json"]
        else:
            argv = ["ingest", str(path), "--db", str(Path(tmp, "f.db")), "-j", "1", "--no-understand", "--no-follow",
                    "--no-progress", "--json"]
        try:
            proc = subprocess.run([sys.executable, "-m", "veille", *argv], capture_output=True, text=True,
                                  timeout=limit, cwd=tmp)
        except subprocess.TimeoutExpired:
            return "hang", ""
    err = proc.stderr.strip().splitlines()
    if "Traceback" in proc.stderr or proc.returncode not in (0, 2, 3, 4, 5, 6, 7, 8):
        return "traceback", proc.stderr[-500:]
    if proc.returncode == 0:
        return ("ok", "") if not err else ("traceback", proc.stderr[-500:])
    if len(err) == 1 and err[0].startswith("veille: error E"):
        return "coded", err[0][:120]
    return "traceback", proc.stderr[-500:]


# -- the run ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=20_000, help="inputs in all (spread over the kinds)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per input before it is a hang")
    parser.add_argument("--understand-every", type=int, default=10, help="every n-th text/page also understood")
    parser.add_argument("--cli-every", type=int, default=100, help="every n-th input also through the CLI")
    parser.add_argument("--memory-limit", type=int, default=1 << 30, help="peak RSS allowed per worker (bytes)")
    parser.add_argument("--out", default="fuzz-report.json", help="where to write the JSON report")
    args = parser.parse_args()

    started = time.perf_counter()
    per_kind = max(1, -(-args.inputs // len(KINDS)))  # rounded up: at least --inputs in all
    tasks: list[tuple[int, str, bytes, bool, float]] = []
    for k, kind in enumerate(KINDS):
        batch = generate(kind, per_kind, args.seed + k)
        for data in batch:
            understand = len(tasks) % args.understand_every == 0
            tasks.append((len(tasks), kind, data, understand, args.time_limit))
        print(f"generated {len(batch):,} {kind} inputs", file=sys.stderr, flush=True)
    generated_s = time.perf_counter() - started

    outcomes: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    problems: list[dict] = []
    peak_kb = 0
    by_kind: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(args.jobs, maxtasksperchild=2_000) as pool:
        for n, (index, outcome, detail, rss_kb, _seconds) in enumerate(
                pool.imap_unordered(run_one, tasks, chunksize=4), 1):
            kind = tasks[index][1]
            outcomes[outcome] += 1
            by_kind[kind][outcome] += 1
            peak_kb = max(peak_kb, rss_kb)
            if outcome == "coded":
                codes.update(detail.split(","))
            elif outcome != "ok":
                problems.append({"index": index, "kind": kind, "outcome": outcome, "detail": detail,
                                 "input_head": tasks[index][2][:300].decode("latin-1")})
            if n % 1000 == 0:
                print(f"{n:,} inputs run · {dict(outcomes)} · peak {peak_kb // 1024} MB", file=sys.stderr, flush=True)

    cli: Counter[str] = Counter()
    for index, kind, data, _, _ in tasks[::args.cli_every]:
        outcome, detail = run_cli(kind, data, args.time_limit + 30)
        cli[outcome] += 1
        if outcome in ("traceback", "hang"):
            problems.append({"index": index, "kind": kind, "outcome": f"cli {outcome}", "detail": detail,
                             "input_head": data[:300].decode("latin-1")})

    peak_bytes = peak_kb * 1024
    report = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "inputs": len(tasks), "kinds": {k: dict(v) for k, v in by_kind.items()},
        "outcomes": dict(outcomes), "codes": dict(codes.most_common()),
        "tracebacks": outcomes["traceback"] + cli["traceback"], "hangs": outcomes["hang"] + cli["hang"],
        "peak_worker_rss_mb": round(peak_bytes / 2**20, 1), "cli_runs": dict(cli),
        "understood": sum(1 for t in tasks if t[3]), "seconds": round(time.perf_counter() - started, 1),
        "generation_seconds": round(generated_s, 1), "problems": problems[:200],
    }
    Path(args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    ok = report["tracebacks"] == 0 and report["hangs"] == 0 and peak_bytes < args.memory_limit
    print(f"{report['inputs']:,} inputs ({report['understood']:,} understood, {sum(cli.values())} through the CLI): "
          f"{dict(outcomes)}; tracebacks {report['tracebacks']}, hangs {report['hangs']}, peak worker memory "
          f"{report['peak_worker_rss_mb']} MB, {report['seconds']} s -> {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
