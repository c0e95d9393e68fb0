"""Command line: thin wrappers over the library (``veille --help``).

Errors a user can cause print one line, ``veille: error E00x: <input>: <reason>``,
and exit with the code of :class:`veille.errors.ExitCode`; never a traceback.
"""

from __future__ import annotations

import sys
from datetime import date

import click

from veille import __version__
from veille.errors import ExitCode, VeilleError
from veille.options import Options
from veille.serve.report import FORMATS


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Accept YYYY-MM-DD only, so a typo is caught before any work."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-11-27") from None


def _stack(*decorators):  # noqa: ANN002, ANN202 - click decorators
    """Several click options as one decorator (shared by ``analyze`` and ``ingest``)."""
    def wrap(func):  # noqa: ANN001, ANN202
        for decorator in reversed(decorators):
            func = decorator(func)
        return func
    return wrap


max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(1, 1 << 40), default=Options.max_bytes, show_default=True,
    help="Refuse items larger than this many bytes (counted while reading, after decompression).")
max_chars_option = click.option(
    "--max-chars", type=click.IntRange(1, 1 << 40), default=Options.max_chars, show_default=True,
    help="Longest article (in characters) the understanding stage takes.")
event_model_option = click.option(
    "--event-model/--no-event-model", default=None,
    help="Let the trained second opinion add event types the patterns missed (more events found, "
         "fewer right); off: the patterns alone. Default: where it raised the test figure of the "
         "language (English; not French).")
fetch_options = _stack(
    click.option("--timeout", type=click.FloatRange(0.1, 86_400), default=Options.timeout, show_default=True,
                 help="Seconds one URL fetch may take in all (connection, redirects, body)."),
    click.option("--allow-private", is_flag=True,
                 help="Also fetch loopback and private addresses (only for servers you run)."),
    click.option("--max-redirects", type=click.IntRange(0, 100), default=Options.max_redirects, show_default=True,
                 help="Redirects followed per fetch."),
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="veille")
def cli() -> None:
    """veille: raw news in; a sourced, deduplicated knowledge base out."""


@cli.command()
@click.argument("source")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: a report to read; json: the article model; markdown: the clean article.")
@click.option("--published", callback=_iso_date, metavar="DATE", help="Publication date (YYYY-MM-DD) if known.")
@click.option("--lang", "language", metavar="xx", help="Force the language (ISO 639-1) instead of detecting it.")
@click.option("--encoding", metavar="NAME", help="Force the text encoding instead of detecting it.")
@max_bytes_option
@click.option("--understand/--no-understand", default=True, show_default=True,
              help="Find actors, quotes, events and relations (needs the nlp extra).")
@click.option("--pipeline", "pipelines", multiple=True, metavar="LANG=NAME",
              help="spaCy pipeline serving a language, e.g. fr=fr_core_news_lg (repeatable).")
@event_model_option
@fetch_options
@max_chars_option
def analyze(source: str, fmt: str, published: str | None, language: str | None,
            encoding: str | None, max_bytes: int, understand: bool, pipelines: tuple[str, ...],
            event_model: bool | None, **limits: object) -> None:
    """Repair and structure one article: a file, an http(s) URL, or - for stdin."""
    from veille.pipeline import analyze as run
    from veille.serve.report import render

    options = Options(published=published, language=language, encoding=encoding, max_bytes=max_bytes,
                      understand=understand, pipelines=_pipelines(pipelines), event_model=event_model,
                      **limits)  # type: ignore[arg-type]
    article = run(source, options)
    click.echo(render(article, fmt), nl=False)


def _pipelines(pairs: tuple[str, ...]) -> dict[str, str]:
    """Default pipelines overridden by LANG=NAME pairs."""
    table = dict(Options().pipelines)
    for pair in pairs:
        lang, sep, name = pair.partition("=")
        if not sep or not lang or not name:
            raise click.BadParameter(f"{pair!r} is not LANG=NAME", param_hint="--pipeline")
        table[lang.strip()] = name.strip()
    return table


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``veille`` script: map errors to one line and an exit code."""
    try:
        cli.main(args=argv, prog_name="veille", standalone_mode=False)
    except VeilleError as exc:
        click.echo(f"veille: error {exc.one_line()}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("veille: aborted", err=True)
        return int(ExitCode.ERROR)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return int(ExitCode.OK)
    return int(ExitCode.OK)


# The other command modules register themselves on ``cli`` when imported; they import this module,
# so they come last, once ``cli`` and the shared options exist.
from veille import cli_corpus  # noqa: E402,F401  (registers the corpus commands)
from veille import cli_serve  # noqa: E402,F401  (registers serve, watch and alerts)

if __name__ == "__main__":
    # Run as ``python -m veille.cli``, this file is ``__main__``, and the command modules above
    # registered their commands on the ``cli`` of ``veille.cli``, a second copy of this module:
    # run that one, which has every command.
    from veille.cli import main as _main

    sys.exit(_main())
