"""``veille serve``, ``veille watch`` and ``veille alerts``: thin wrappers registered on the
``veille`` click group, over :func:`veille.serve.web.create_app`, :func:`veille.watch.watch`
and :func:`veille.serve.views.alerts`."""

from __future__ import annotations

import signal
import threading

import click

from veille.cli import cli, fetch_options, max_bytes_option, max_chars_option
from veille.cli_table import table
from veille.serve.errors import ServeError
from veille.store import DEFAULT_DB

_db = click.option("--db", default=DEFAULT_DB, show_default=True, metavar="PATH_OR_URL",
                   help="SQLite file or postgresql:// URL of the store.")
LOCAL = ("127.0.0.1", "localhost", "::1")


def _bind(host: str, port: int):  # noqa: ANN202 - socket.socket
    """A listening socket, or E050 with the reason (port in use, no such address)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto given explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says TCP, and
    # without it every response written in two parts waits ~40 ms for a delayed ACK (Nagle)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ServeError("E050", f"{host}:{port}", exc.strerror or str(exc)) from None
    sock.set_inheritable(True)
    return sock


@cli.command()
@_db
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--read-only", is_flag=True, help="Refuse every write (the analyse page still analyses, never stores).")
def serve(db: str, host: str, port: int, read_only: bool) -> None:
    """Web UI and JSON API over the store: stories moving now, search, articles with their
    highlights, events, actors, stories, map, alerts, analyse. Every page has a JSON twin
    (the same path plus .json); /docs is the API explorer."""
    try:
        import uvicorn

        from veille.serve.web import create_app
    except ImportError as exc:
        raise ServeError("E055", "veille serve", f"{exc.name} is not installed") from None
    allowed = ["127.0.0.1", "localhost", "[::1]", "::1"] if host in LOCAL else None
    app = create_app(db, read_only=read_only, allowed_hosts=allowed)
    sock = _bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    from veille.store import is_postgres

    if is_postgres(db):
        from veille.store.postgres import redact

        db = redact(db)  # never print a password
    click.echo(f"veille serve: http://{shown}:{sock.getsockname()[1]}/ · store {db}"
               f"{' · read-only' if read_only else ''} · Ctrl-C stops", err=True)
    if host not in LOCAL:
        click.echo("veille serve: listening beyond this machine: anyone who reaches it can read the store", err=True)
    config = uvicorn.Config(app, log_level="warning", timeout_keep_alive=5, limit_concurrency=64,
                            h11_max_incomplete_event_size=64 * 1024)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        app.state.stores.close()
        sock.close()


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@_db
@click.option("--every", default="15m", show_default=True, metavar="DURATION",
              help="Time between two rounds of polls: 30s, 15m, 2h, 1d.")
@click.option("--watchlist", metavar="FILE", help="TOML or YAML rules that raise alerts (see docs/serve.md).")
@click.option("--webhook", metavar="URL", help="POST each alert as JSON to this URL (overrides the watchlist's).")
@click.option("--once", is_flag=True, help="One round of polls, then exit.")
@click.option("--rounds", type=click.IntRange(1), default=None, help="Stop after this many rounds.")
@click.option("--no-understand", is_flag=True, help="Store without understanding (no events, quotes: fewer alerts).")
@click.option("--no-robots", is_flag=True, help="Do not obey robots.txt (only for sites you own).")
@click.option("--no-follow", is_flag=True, help="Feeds: use each entry's own content instead of fetching its page.")
@click.option("--quiet", "-q", is_flag=True, help="No line per poll and alert on stderr.")
@max_bytes_option
@max_chars_option
@fetch_options
def watch(sources: tuple[str, ...], db: str, every: str, watchlist: str | None, webhook: str | None, once: bool,
          rounds: int | None, no_understand: bool, no_robots: bool, no_follow: bool, quiet: bool,
          **limits: object) -> None:
    """Poll feeds, pages or folders, ingest what is new, and raise alerts from a watchlist,
    until stopped. SIGTERM or Ctrl-C finishes the item in hand and exits; a restart resumes."""
    from dataclasses import replace

    from veille.ingest import IngestOptions
    from veille.options import Options
    from veille.store import open_store
    from veille.watch import Watchlist, WatchOptions, check_webhook, corpus_options, duration, load_watchlist
    from veille.watch import watch as run

    seconds = duration(every)
    rules = load_watchlist(watchlist) if watchlist else Watchlist()
    if webhook:
        rules = replace(rules, webhook=check_webhook(webhook))
    options = WatchOptions(every=seconds, watchlist=rules, rounds=1 if once else rounds,
                           ingest=IngestOptions(article=Options(understand=not no_understand,
                                                                **limits),  # type: ignore[arg-type]
                                                jobs=1, batch=1,
                                                corpus=corpus_options(not no_robots, not no_follow)))
    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        if not stop.is_set():
            click.echo("veille watch: stopping after the item in hand", err=True)
        stop.set()

    previous = {s: signal.signal(s, request_stop) for s in (signal.SIGTERM, signal.SIGINT)}
    log = (lambda line: None) if quiet else (lambda line: click.echo(f"veille watch: {line}", err=True))
    try:
        with open_store(db) as store:
            log(f"watching {len(sources)} source(s) every {every} into {store.target}"
                f"{f' · {len(rules.rules)} rule(s)' if rules.rules else ''}")
            stats = run(list(sources), store, options, stop, log)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    click.echo(stats.summary())


@cli.command()
@_db
@click.option("--rule", help="Only the alerts of this rule.")
@click.option("--limit", "-n", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
def alerts(db: str, rule: str | None, limit: int, as_json: bool) -> None:
    """List the alerts `veille watch` raised, newest first."""
    from veille.serve import views
    from veille.store import open_store

    with open_store(db, create=False) as store:
        rows = views.alerts(store, rule=rule, limit=limit)["alerts"]
    table(rows, ("created_at", "rule", "kind", "title"), as_json, "alerts" + (f" for rule {rule!r}" if rule else ""))
