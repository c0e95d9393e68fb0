"""Listings of the CLI (``veille events``, ``quotes``, ``actors``, ``alerts``…) as a person or a
program wants them: a header line, then aligned columns on a terminal and tab-separated values
in a pipe or a file; ``--json`` gives one JSON object per line. An empty listing says
``0 <things>`` on stderr, so stdout stays valid TSV or JSON lines.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable

import click

_HEADERS = {"date_value": "date", "evidence_text": "evidence", "article_published": "published",
            "first_published": "first", "last_published": "last"}
"""Column headers shorter than the row keys they show (the others are shown as they are)."""
ALIGN_ROWS = 200
"""Rows a terminal table measures before printing: later rows keep those column widths,
so a long listing streams instead of being held in memory."""


def _is_terminal() -> bool:
    """Whether standard output is a terminal (aligned columns) or a pipe or file (TSV)."""
    return sys.stdout.isatty()


def _cells(row: dict, columns: tuple[str, ...], width: int) -> list[str]:
    """A row's cells on one line each, white space folded, cut to ``width`` characters."""
    cells = ["" if row.get(c) is None else " ".join(str(row[c]).split()) for c in columns]
    return [c if len(c) <= width else c[: width - 1] + "…" for c in cells]


def table(rows: Iterable[dict], columns: tuple[str, ...], as_json: bool, noun: str, width: int = 70) -> None:
    """Rows as JSON lines; or a header line, then rows: aligned columns on a terminal,
    tab-separated values in a pipe or file. No row at all says ``0 <noun>`` on stderr
    (stdout stays valid JSON lines or TSV)."""
    n = 0
    if as_json:
        for n, row in enumerate(rows, 1):  # noqa: B007 - n: the rows written
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    else:
        lines = (_cells(row, columns, width) for row in rows)
        header = [_HEADERS.get(c, c) for c in columns]
        n = _aligned(header, lines) if _is_terminal() else _tsv(header, lines)
    if n == 0:
        click.echo(f"0 {noun}", err=True)


def _tsv(header: list[str], lines: Iterable[list[str]]) -> int:
    """Header and rows as tab-separated values; the number of rows."""
    click.echo("\t".join(header))
    n = 0
    for n, cells in enumerate(lines, 1):  # noqa: B007 - n: the rows written
        click.echo("\t".join(cells))
    return n


def _aligned(header: list[str], lines: Iterable[list[str]]) -> int:
    """Header and rows in columns two spaces apart, as wide as the header and the first
    :data:`ALIGN_ROWS` rows need; the number of rows (nothing is printed without one)."""
    lines = iter(lines)
    first = [cells for _, cells in zip(range(ALIGN_ROWS), lines)]
    if not first:
        return 0
    widths = [max(len(c) for c in column) for column in zip(header, *first)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    click.echo(line(header))
    n = 0
    for n, cells in enumerate(itertools.chain(first, lines), 1):  # noqa: B007 - n: the rows written
        click.echo(line(cells))
    return n
