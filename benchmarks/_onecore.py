"""Shared by veille's single-core benchmarks: one core, no BLAS threads, machine facts.

Import this module before numpy (or anything importing it): BLAS thread pools
read their settings when numpy loads.
"""

from __future__ import annotations

from pathlib import Path

import os
import platform
import resource
import sys

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def pin_one_cpu() -> int | None:
    """Pin this process to one CPU (the last allowed one); its number, or None where unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (ru_maxrss, KiB on Linux), in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return {"cpus": os.cpu_count(), "python": sys.version.split()[0], "platform": platform.platform(),
            "load_avg_1min_at_end": load}


def emit(result: dict, text: str, path: Path | None) -> None:
    """Print a benchmark's report and, when asked, write its figures as JSON."""
    import json

    print(text)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=1), "utf-8")
