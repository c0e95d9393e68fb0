"""Corpus commands (``veille ingest``, ``search``, ``articles``, ``failures``, ``export``).

Thin wrappers over :func:`veille.ingest.ingest` and :mod:`veille.store.query`,
registered on the ``veille`` click group. Every command takes ``--db``, a
SQLite path (default ``./veille.db``) or a ``postgresql://`` URL, and every
listing has a ``--json`` twin (one JSON object per line).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import click

from veille.cli import cli
from veille.options import Options
from veille.store import DEFAULT_DB

_db = click.option("--db", default=DEFAULT_DB, show_default=True, metavar="PATH_OR_URL",
                   help="SQLite file or postgresql:// URL of the store.")
_json = click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")


def _fields(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """``--field text=article`` pairs as a dict, veille name -> input name."""
    from veille.read.corpus import FIELDS

    out: dict[str, str] = {}
    for value in values:
        name, sep, source = value.partition("=")
        if not sep or not name or not source:
            raise click.BadParameter(f"{value!r} is not NAME=FIELD, e.g. text=article")
        if name not in FIELDS:
            raise click.BadParameter(f"{name!r} is not one of {', '.join(FIELDS)}")
        out[name] = source
    return out


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@_db
@click.option("--jobs", "-j", type=click.IntRange(0), default=0, show_default=True,
              help="Worker processes (0: one per core; 1: no pool).")
@click.option("--no-understand", is_flag=True, help="Skip the understand stage (much faster).")
@click.option("--field", "fields", multiple=True, callback=_fields, metavar="NAME=FIELD",
              help="JSONL field names, e.g. --field text=article --field published=date.")
@click.option("--threshold", type=click.FloatRange(0.05, 1.0), default=None,
              help="Jaccard similarity from which an article is a near-duplicate [default: 0.7].")
@click.option("--lang", "language", metavar="xx", help="Force the language of every article.")
@click.option("--no-follow", is_flag=True, help="Feeds: use each entry's own content instead of fetching its page.")
@click.option("--no-robots", is_flag=True, help="Do not obey robots.txt (only for sites you own).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr [default: when a terminal].")
@_json
def ingest(sources: tuple[str, ...], db: str, jobs: int, no_understand: bool, fields: dict[str, str],
           threshold: float | None, language: str | None, no_follow: bool, no_robots: bool,
           progress: bool | None, as_json: bool) -> None:
    """Read files, folders, JSONL, RSS/Atom feeds, WARC files or URLs into the store.

    Running it again on the same input adds nothing; a run that was stopped
    resumes where it stopped.
    """
    import sys

    from veille.ingest import IngestOptions
    from veille.ingest import ingest as run
    from veille.link.dedup import THRESHOLD
    from veille.read.corpus import CorpusOptions
    from veille.store import open_store

    options = IngestOptions(
        article=Options(language=language), jobs=jobs, understand=not no_understand,
        corpus=CorpusOptions(fields=fields, follow_entries=not no_follow, respect_robots=not no_robots),
        near_threshold=threshold or THRESHOLD,
        progress=sys.stderr.isatty() if progress is None else progress,
    )
    with open_store(db) as store:
        stats = run(sources, store, options)
    if as_json:
        click.echo(json.dumps(stats.as_dict()))
    else:
        click.echo(stats.summary())


def _table(rows: Iterable[dict], columns: tuple[str, ...], as_json: bool, width: int = 70) -> None:
    """Rows as JSON lines, or as tab-separated columns cut to ``width`` characters."""
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        else:
            cells = ["" if row.get(c) is None else " ".join(str(row[c]).split()) for c in columns]
            click.echo("\t".join(c if len(c) <= width else c[: width - 1] + "…" for c in cells))


@cli.command()
@click.argument("text")
@_db
@click.option("--in", "what", type=click.Choice(["articles", "quotes", "events"]), default="articles",
              show_default=True, help="What to search.")
@click.option("--limit", "-n", type=click.IntRange(1), default=20, show_default=True)
@_json
def search(text: str, db: str, what: str, limit: int, as_json: bool) -> None:
    """Full-text search: every word must match, as written or by its French/English stem."""
    from veille.store import query

    rows = query.search(db, text, what, limit)
    cols = ("id", "published", "title", "snippet") if what == "articles" else ("article_id", "title", "snippet")
    _table(rows, cols, as_json)


@cli.command()
@_db
@click.option("--status", type=click.Choice(["original", "duplicate", "near_duplicate"]))
@click.option("--lang", "language", metavar="xx")
@click.option("--since", metavar="DATE", help="Published on or after this date.")
@click.option("--limit", "-n", type=click.IntRange(1), default=None)
@_json
def articles(db: str, status: str | None, language: str | None, since: str | None, limit: int | None,
             as_json: bool) -> None:
    """List stored articles in ingest order."""
    from veille.store import query

    rows = query.iter_articles(db, status=status, language=language, since=since, limit=limit,
                               with_text=as_json)
    _table(rows, ("id", "external_id", "published", "language", "status", "duplicate_of", "title"), as_json)


@cli.command()
@_db
@click.option("--source", help="Only failures of this input.")
@click.option("--code", help="Only failures with this code, e.g. E027.")
@click.option("--limit", "-n", type=click.IntRange(1), default=None)
@_json
def failures(db: str, source: str | None, code: str | None, limit: int | None, as_json: bool) -> None:
    """List the inputs that could not be used, and why."""
    from veille.store import query

    _table(query.iter_failures(db, source=source, code=code, limit=limit),
           ("code", "item", "reason"), as_json, width=120)


@cli.command()
@_db
@click.option("--what", type=click.Choice(["articles", "failures"]), default="articles", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--output", "-o", metavar="FILE", default="-", show_default=True,
              help="Where to write (- for stdout; parquet needs a file).")
def export(db: str, what: str, fmt: str, output: str) -> None:
    """Export articles (with their input's id as external_id, duplicate_of, story_id) or failures."""
    from veille.store import query

    n = query.export(db, what, fmt, output)
    if output != "-":
        click.echo(f"{n} {what} written to {output}", err=True)
