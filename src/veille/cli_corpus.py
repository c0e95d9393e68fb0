"""Corpus commands (``veille ingest``, ``search``, ``articles``, ``events``, ``quotes``, ``actors``,
``relations``, ``stories``, ``failures``, ``export``).

Thin wrappers over :func:`veille.ingest.ingest` and :mod:`veille.store.query`,
registered on the ``veille`` click group. Every command takes ``--db``, a
SQLite path (default ``./veille.db``) or a ``postgresql://`` URL, and every
listing has a ``--json`` twin (one JSON object per line).
"""

from __future__ import annotations

import json

import click

from veille.cli import cli, event_model_option, fetch_options, max_bytes_option, max_chars_option
from veille.cli_table import table as _table
from veille.options import Options
from veille.store import DEFAULT_DB

_COUNT = click.IntRange(1, 2**63 - 1)  # a row count the databases can take

_db = click.option("--db", default=DEFAULT_DB, show_default=True, metavar="PATH_OR_URL",
                   help="SQLite file or postgresql:// URL of the store.")
_json = click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")


class _ExportFormats(click.Choice):
    """The ``--format`` choices of ``veille export``: the names registered in
    :data:`veille.store.exporters.EXPORTERS` when asked (a format registered after
    this module is imported is a choice too; the store is imported only when needed)."""

    def __init__(self) -> None:
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        from veille.store.exporters import EXPORTERS

        return EXPORTERS.names()

    @choices.setter
    def choices(self, value: object) -> None:
        """Click's constructor sets the choices; the registry is their one source."""


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
@click.option("--batch", type=click.IntRange(0), default=0, show_default=True,
              help="Items a worker processes together (0: 16 with understanding, 64 without).")
@click.option("--story-window", type=click.IntRange(0), default=None,
              help="Most recent originals story clustering keeps in memory [default: 5000; 0: all].")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: this machine, into --db; spark: Apache Spark, Parquet tables into --out.")
@click.option("--out", metavar="DIR", help="--engine spark: a new folder for the Parquet tables (then `veille load`).")
@click.option("--master", metavar="URL", default=None,
              help="--engine spark: Spark master, e.g. local[2,4] or spark://host:7077 [default: local[*,4]].")
@click.option("--partitions", type=click.IntRange(0), default=0, show_default=True,
              help="--engine spark: processing partitions (0: four per core).")
@click.option("--conf", "conf", multiple=True, metavar="KEY=VALUE",
              help="--engine spark: a Spark setting, e.g. spark.executor.memory=4g (repeatable).")
@max_bytes_option
@max_chars_option
@event_model_option
@fetch_options
@click.option("--item-timeout", type=click.FloatRange(0, 86_400), default=Options.item_timeout, show_default=True,
              help="Seconds one item may take in a worker before it is recorded as a failure (0: no limit).")
@click.option("--worker-memory", type=click.IntRange(0, 1 << 50), default=Options.worker_memory, show_default=True,
              help="Bytes of memory a worker may use; an item needing more is a failure (0: no limit).")
@click.option("--max-entries", type=click.IntRange(0, 10_000_000), default=5_000, show_default=True,
              help="Entries read from one feed.")
@_json
def ingest(sources: tuple[str, ...], db: str, jobs: int, no_understand: bool, fields: dict[str, str],
           threshold: float | None, language: str | None, no_follow: bool, no_robots: bool,
           progress: bool | None, batch: int, story_window: int | None, engine: str, out: str | None,
           master: str | None, partitions: int, conf: tuple[str, ...], as_json: bool, max_entries: int,
           event_model: bool | None, **limits: object) -> None:
    """Read files, folders, JSONL, RSS/Atom feeds, WARC files or URLs into the store.

    Running it again on the same input adds nothing; a run that was stopped
    resumes where it stopped. With --engine spark the same stages run on
    Apache Spark and write Parquet tables to --out; `veille load` imports them.
    """
    import sys

    from veille.ingest import STORY_WINDOW, IngestOptions
    from veille.link.dedup import THRESHOLD
    from veille.read.corpus import CorpusOptions

    options = IngestOptions(
        article=Options(language=language, understand=not no_understand, event_model=event_model,
                        **limits), jobs=jobs,  # type: ignore[arg-type]
        corpus=CorpusOptions(fields=fields, follow_entries=not no_follow, respect_robots=not no_robots,
                             max_entries=max_entries),
        near_threshold=threshold or THRESHOLD, batch=batch,
        story_window=STORY_WINDOW if story_window is None else story_window,
        progress=sys.stderr.isatty() if progress is None else progress,
    )
    if engine == "spark":
        from veille.engine.errors import EngineError
        from veille.engine.spark import DEFAULT_MASTER, SparkOptions, parse_conf, run as run_spark

        if not out:
            raise EngineError("E065", "--engine spark", "it writes Parquet tables: give --out DIR")
        stats = run_spark(sources, out, options, SparkOptions(master=master or DEFAULT_MASTER,
                                                              partitions=partitions, conf=parse_conf(conf)))
    else:
        from veille.ingest import ingest as run
        from veille.store import open_store

        if out or master or partitions or conf:
            from veille.engine.errors import EngineError

            raise EngineError("E065", "--engine local", "--out, --master, --partitions and --conf are for "
                              "--engine spark; the local engine writes to --db")
        with open_store(db) as store:
            stats = run(sources, store, options)
    if as_json:
        click.echo(json.dumps(stats.as_dict()))
    else:
        click.echo(stats.summary())


@cli.command()
@click.argument("folder", metavar="DIR")
@_db
@_json
def load(folder: str, db: str, as_json: bool) -> None:
    """Import the Parquet tables of `veille ingest --engine spark --out DIR` into the store."""
    from veille.engine.load import load as run
    from veille.store import open_store

    with open_store(db) as store:
        stats = run(folder, store)
    click.echo(json.dumps(stats.as_dict()) if as_json else stats.summary())


@cli.command()
@click.argument("text")
@_db
@click.option("--in", "what", type=click.Choice(["articles", "quotes", "events"]), default="articles",
              show_default=True, help="What to search.")
@click.option("--limit", "-n", type=_COUNT, default=20, show_default=True)
@_json
def search(text: str, db: str, what: str, limit: int, as_json: bool) -> None:
    """Full-text search: every word must match, as written or by its French/English stem."""
    from veille.store import query

    rows = query.search(db, text, what, limit)
    cols = ("id", "published", "title", "snippet") if what == "articles" else ("article_id", "title", "snippet")
    _table(rows, cols, as_json, "results")


@cli.command()
@_db
@click.option("--status", type=click.Choice(["original", "duplicate", "near_duplicate"]))
@click.option("--lang", "language", metavar="xx")
@click.option("--since", metavar="DATE", help="Published on or after this date.")
@click.option("--limit", "-n", type=_COUNT, default=None)
@_json
def articles(db: str, status: str | None, language: str | None, since: str | None, limit: int | None,
             as_json: bool) -> None:
    """List stored articles in ingest order."""
    from veille.store import query

    rows = query.iter_articles(db, status=status, language=language, since=since, limit=limit,
                               with_text=as_json)
    _table(rows, ("id", "external_id", "published", "language", "status", "duplicate_of", "title"), as_json,
           "articles")


@cli.command()
@_db
@click.option("--source", help="Only failures of this input.")
@click.option("--code", help="Only failures with this code, e.g. E027.")
@click.option("--limit", "-n", type=_COUNT, default=None)
@_json
def failures(db: str, source: str | None, code: str | None, limit: int | None, as_json: bool) -> None:
    """List the inputs that could not be used, and why."""
    from veille.store import query

    _table(query.iter_failures(db, source=source, code=code, limit=limit),
           ("code", "item", "reason"), as_json, "failures", width=120)


def _who(people: list[dict]) -> str:
    """Participants for a table cell: ``Name (KAZ)``, comma-separated."""
    out = []
    for p in people:
        name = p.get("name") or p.get("text") or "?"
        out.append(f"{name} ({p['country']})" if p.get("country") else name)
    return ", ".join(out)


def _event_cells(row: dict) -> dict:
    place = row.get("location_name")
    if place and row.get("location_country"):
        place = f"{place} ({row['location_country']})"
    return {**row, "actors": _who(row["actors"]), "recipients": _who(row["recipients"]), "place": place,
            "flags": ",".join(row["flags"]), "type": "/".join(filter(None, [row["type"], row.get("mode")]))}


_limit = click.option("--limit", "-n", type=_COUNT, default=None, help="At most this many rows.")
_FLAGS = ["negated", "future", "hypothetical", "historical"]


@cli.command()
@_db
@click.option("--actor", "actor", multiple=True, metavar="ID|CODE|NAME",
              help="Events whose actor is this actor id (Q7747), country code (KAZ) or name (repeatable: any).")
@click.option("--recipient", multiple=True, metavar="ID|CODE|NAME", help="The same for the recipient.")
@click.option("--type", "types", multiple=True, metavar="TYPE", help="PLOVER type, e.g. CONSULT (repeatable).")
@click.option("--since", metavar="DATE", help="Event date on or after this (2024-11-01, or 2024-11).")
@click.option("--until", metavar="DATE", help="Event date on or before this.")
@click.option("--flag", "flags", multiple=True, type=click.Choice(_FLAGS), help="Only events with this flag.")
@click.option("--negated/--no-negated", default=True, help="Keep or leave out negated events [default: keep].")
@_limit
@_json
@click.option("--merged", is_flag=True, help="Merge the same event reported by several articles.")
def events(db: str, actor: tuple[str, ...], recipient: tuple[str, ...], types: tuple[str, ...], since: str | None,
           until: str | None, flags: tuple[str, ...], negated: bool, limit: int | None, as_json: bool,
           merged: bool) -> None:
    """List events: who did what to whom, where and when, with their evidence
    (--merged: the same event reported by several articles, once, with its mentions)."""
    from veille.serve.merged import merged_events
    from veille.store import query

    if merged:
        rows = merged_events(db, type=types or None, since=since, until=until, limit=limit)
        cells = ({"date": r["date"].get("value"), "type": r["type"], "cameo": r["cameo"],
                  "actors": "; ".join(p.get("name") or p["text"] for p in r["actors"]),
                  "recipients": "; ".join(p.get("name") or p["text"] for p in r["recipients"]),
                  "articles": len({m["article_id"] for m in r["mentions"]}), "confidence": r["confidence"]}
                 for r in rows)
        _table(rows if as_json else cells, ("date", "type", "cameo", "actors", "recipients", "articles", "confidence"),
               as_json, "events", width=60)
        return
    rows = query.iter_events(db, actor=actor, recipient=recipient, type=types, since=since, until=until,
                             flag=flags, negated=negated, limit=limit)
    if as_json:
        _table(rows, (), True, "events")
    else:
        _table((_event_cells(r) for r in rows), ("date_value", "type", "cameo", "actors", "recipients", "place",
                                                 "flags", "evidence_text"), False, "events", width=60)


@cli.command()
@_db
@click.option("--speaker", multiple=True, metavar="NAME|ID", help="Quotes of this speaker (repeatable: any).")
@click.option("--search", "text", metavar="TEXT", help="Quotes containing these words (stems match too).")
@_limit
@_json
def quotes(db: str, speaker: tuple[str, ...], text: str | None, limit: int | None, as_json: bool) -> None:
    """List quotes with their speaker."""
    from veille.store import query

    rows = query.iter_quotes(db, speaker=speaker, search=text, limit=limit)
    _table(({**r, "who": r.get("speaker_name") or r.get("speaker")} for r in rows) if not as_json else rows,
           ("article_published", "who", "kind", "text"), as_json, "quotes", width=90)


@cli.command()
@_db
@click.option("--type", "kind", type=click.Choice(["person", "country", "organisation", "igo", "place", "group"]))
@click.option("--country", metavar="CODE", help="ISO 3166-1 alpha-3 code, e.g. KAZ.")
@_limit
@_json
def actors(db: str, kind: str | None, country: str | None, limit: int | None, as_json: bool) -> None:
    """List actors, most mentioned first, with their mention and article counts."""
    from veille.store import query

    _table(query.iter_actors(db, type=kind, country=country, limit=limit),
           ("actor_id", "name", "type", "country", "sector", "mentions", "articles"), as_json, "actors")


@cli.command()
@_db
@click.option("--type", "types", multiple=True,
              type=click.Choice(["member_of", "allied_with", "partner_of", "recognises", "does_not_recognise"]))
@_limit
@_json
def relations(db: str, types: tuple[str, ...], limit: int | None, as_json: bool) -> None:
    """List lasting relations between actors (membership, alliance, partnership, recognition)."""
    from veille.store import query

    rows = query.iter_relations(db, type=types, limit=limit)
    if not as_json:
        rows = ({**r, "subject": r.get("subject_name") or r.get("subject_text"),
                 "object": r.get("object_name") or r.get("object_text")} for r in rows)
    _table(rows, ("type", "subject", "object", "evidence_text"), as_json, "relations")


@cli.command()
@_db
@_limit
@_json
def stories(db: str, limit: int | None, as_json: bool) -> None:
    """List stories (articles about the same story), largest first."""
    from veille.store import query

    if not query.has_stories(db):
        click.echo("no stories yet: no article has a story_id (story clustering has not run on this store)",
                   err=True)
        return
    rows = query.iter_stories(db, limit=limit)
    if not as_json:
        rows = ({**r, "title": r["titles"][0] if r["titles"] else None} for r in rows)
    _table(rows, ("story_id", "articles", "first_published", "last_published", "title"), as_json, "stories")


@cli.command()
@_db
@click.option("--what", type=click.Choice(["articles", "events", "quotes", "actors", "relations", "stories",
                                           "failures"]), default="articles", show_default=True)
@click.option("--format", "fmt", type=_ExportFormats(), default="jsonl",
              show_default=True, help="geojson: events with a place, as a FeatureCollection.")
@click.option("--layout", type=click.Choice(["veille", "gdelt"]), default="veille", show_default=True,
              help="gdelt: events in GDELT-like columns (see docs/corpus.md).")
@click.option("--output", "-o", metavar="FILE", default="-", show_default=True,
              help="Where to write (- for stdout; parquet needs a file).")
def export(db: str, what: str, fmt: str, layout: str, output: str) -> None:
    """Export articles (with external_id, duplicate_of, story_id), events, quotes, actors, relations,
    stories or failures."""
    from veille.store import query

    n = query.export(db, what, fmt, output, layout=layout)
    if output != "-":
        noun = "events with a place" if fmt == "geojson" else what
        click.echo(f"{n} {noun} written to {output}", err=True)
