"""PySpark's daemon, started warm: the Spark engine's executors run ``python -m
veille.engine.spark_daemon`` (``spark.python.daemon.module``) instead of ``pyspark.daemon``.

Before it serves, the daemon loads the spaCy pipelines, actor matchers and tables named by
:data:`veille.ingest.PRELOAD_ENV` (set by the driver through ``spark.executorEnv``) and runs
the local workers' warm-up batch once, then freezes the loaded objects out of the garbage
collector (:func:`gc.freeze`). Every Python worker it then forks starts with the pipelines in
memory — as the local engine's workers, forked from a server process that loaded them once —
instead of loading its own on its first batch; they share one copy of the models (copy-on-write),
and the collection PySpark runs after every task (``gc.collect()`` in reused workers) no longer
walks the million objects of the models. Without the variable (or if loading fails: the first
batch then reports it, with its code) the daemon starts cold, as ``pyspark.daemon``.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys


def preload() -> bool:
    """Load what the workers need, once, in this process; ``True`` if it did."""
    from veille.ingest import PRELOAD_ENV

    table = os.environ.get(PRELOAD_ENV)
    if not table:
        return False
    # the daemon's stdout carries its port to the JVM: nothing else may be written there
    with contextlib.redirect_stdout(sys.stderr):
        try:
            from veille.ingest import IngestOptions, warm_up
            from veille.options import DEFAULT

            warm_up(IngestOptions(article=DEFAULT.with_(pipelines=json.loads(table))))
        except Exception:  # noqa: BLE001 - a worker reports the problem on its first batch
            return False
    gc.collect()
    gc.freeze()  # loaded for good: out of every later collection, in this process and its forks
    return True


if __name__ == "__main__":
    from pyspark import daemon

    preload()
    daemon.manager()
