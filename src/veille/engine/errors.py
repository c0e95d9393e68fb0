"""Coded errors of the engines (E060–E069), printed on one line like every veille error."""

from __future__ import annotations

from veille.errors import ExitCode, VeilleError

_CATALOGUE: dict[str, tuple[int, str, str]] = {
    "E060": (ExitCode.BAD_INPUT, "cannot be read by the Spark engine ({detail})",
             "give files or folders (JSONL, text, HTML, WARC; feeds with --no-follow), or use --engine local"),
    "E061": (ExitCode.ERROR, "needs pyspark, which is not installed", "pip install 'veille[spark]'"),
    "E062": (ExitCode.ERROR, "Spark could not start ({detail})",
             "check that Java 17 or 21 is installed (java -version) and the --master URL"),
    "E063": (ExitCode.USAGE, "output folder is not empty ({detail})", "give a new or empty folder for --out"),
    "E064": (ExitCode.BAD_INPUT, "is not a veille Parquet output ({detail})",
             "give the --out folder of `veille ingest --engine spark`"),
    "E065": (ExitCode.USAGE, "invalid combination of options ({detail})", "see `veille ingest --help`"),
    "E066": (ExitCode.ERROR, "Spark job failed ({detail})", "see the Spark log above; rerun with a new --out"),
}


class EngineError(VeilleError):
    """An engine error with a stable code, the input or folder it concerns and an exit code."""

    catalogue = _CATALOGUE
