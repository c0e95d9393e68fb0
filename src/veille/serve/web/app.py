"""The web UI and JSON API over a store: ``create_app(db)`` gives an ASGI app.

Every HTML page has a JSON twin with the same data at the same path plus ``.json``
(``/`` → ``/index.json``); filters, sort and paging live in the query string; the
OpenAPI description is at ``/openapi.json`` and its explorer at ``/docs``, with
Swagger UI's files served from the installed ``fastapi-offline`` package.

Security: stored text, titles, URLs and feed content are hostile input. Templates
escape everything (Jinja2 autoescape); only http(s) URLs become links; charts are
drawn on the server as SVG; pages load one local script and one local style sheet
under a strict Content-Security-Policy (no inline script or style, nothing from
another origin); SQL is parameterised; request bodies and times are limited; the
Host header must name this server (DNS rebinding) and a POST must come from it.
``read_only`` opens the store read-only (SQLite ``query_only``, PostgreSQL read-only
transactions) and refuses every write.
"""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit
from xml.etree import ElementTree as ET

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from veille.errors import VeilleError
from veille.serve import views
from veille.serve import words
from veille.serve.errors import ServeError
from veille.serve.web import markup, svg
from veille.store import Store, StoreError, open_store
from veille.store.exporters import Exporter, ExportSpec, web_exporters

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
"""Content-Security-Policy of every page: this server's own files only, no inline script or style."""
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
MAX_BODY = 2_000_000
"""Largest request body accepted (the analyse page's upload)."""
MAX_ANALYSE = 1_000_000
"""Largest text or page the analyse page reads."""
TIMEOUT = 10.0
"""Seconds a request may spend in the database before it is stopped."""
SWAGGER_CDN_FREE = "/vendor/swagger"


# -- the store, one connection per server thread -------------------------------------------------

class Stores:
    """One open store per server thread (SQLite and psycopg connections are not shared),
    each with a deadline that stops a query running past the request's time limit."""

    def __init__(self, target: str, read_only: bool, timeout: float) -> None:
        self.target = target
        self.read_only = read_only
        self.timeout = timeout
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def _open(self) -> Store:
        s = open_store(self.target, create=False)
        if s.dialect == "sqlite":
            deadline = self._local

            def check() -> int:
                return int(time.monotonic() > getattr(deadline, "deadline", float("inf")))

            s.conn.set_progress_handler(check, 20_000)
            if self.read_only:
                s.conn.execute("PRAGMA query_only = ON")
        else:
            s.conn.execute(f"SET statement_timeout = {int(self.timeout * 1000)}")
            if self.read_only:
                s.conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        with self._lock:
            self._all.append(s)
        return s

    @contextmanager
    def get(self) -> Iterator[Store]:
        """This thread's store, with the request's deadline set."""
        s = getattr(self._local, "store", None)
        if s is None or s.conn is None:
            s = self._local.store = self._open()
        self._local.deadline = time.monotonic() + self.timeout
        try:
            yield s
        finally:
            self._local.deadline = float("inf")

    def close(self) -> None:
        """Close every connection opened."""
        with self._lock:
            for s in self._all:
                s.close()
            self._all.clear()


# -- middleware ----------------------------------------------------------------------------------

class Guard:
    """ASGI middleware: security headers on every response, request bodies limited to
    ``max_body`` bytes (413 before reading more), the request's time limited (503)."""

    def __init__(self, app: Any, max_body: int, timeout: float) -> None:
        self.app = app
        self.max_body = max_body
        self.timeout = timeout

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        import anyio

        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _plain(send, 413, f"E056: request body is too large (over {self.max_body:,} bytes)")
            return
        received = 0

        async def limited_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLarge()
            return message

        started = False

        async def secured_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        try:
            with anyio.fail_after(self.timeout * 2):
                await self.app(scope, limited_receive, secured_send)
        except _TooLarge:
            if not started:
                await _plain(send, 413, f"E056: request body is too large (over {self.max_body:,} bytes)")
        except TimeoutError:
            if not started:
                await _plain(send, 503, "the request took too long and was stopped")


class _TooLarge(Exception):
    pass


async def _plain(send: Any, status: int, text: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": text.encode()})


# -- templates -----------------------------------------------------------------------------------

def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(svg=svg, quote=lambda v: quote(str(v), safe=":"), kinds=views.HIGHLIGHT_KINDS,
                       safe_url=views.safe_url)
    env.globals["bars"] = _bars
    env.filters["who"] = lambda people: ", ".join(p.get("name") or p.get("text") or "?" for p in people or [])
    env.filters["pct"] = lambda v: f"{100 * float(v or 0):.0f} %"
    env.globals["event_type"] = event_type
    env.filters["plover"] = words.plover
    env.filters["flag_words"] = words.flag
    env.filters["kind_words"] = words.kind
    return env


def event_type(name: str | None, cameo: str | None = None) -> Markup:
    """A PLOVER type as the pages show it: the raw name (what filters and links use), its
    meaning in words beside and the CAMEO code when known, as the text report says them."""
    html = Markup('<span class="type">{}</span>').format(name or "")
    said = words.meaning(name or "")
    if said:
        html += Markup(' <small class="meaning">{}</small>').format(said)
    if cameo:
        html += Markup(' <small class="cameo">CAMEO {}</small>').format(cameo)
    return html


def _bars(rows: list[dict], label: str, value: str, key: str | None = None,
          prefix: str | None = None) -> list[tuple[str, int, str | None]]:
    """Rows as (label, value, link) for :func:`svg.hbars`."""
    return [(str(r.get(label) or (r.get(key) if key else None) or "?"), int(r.get(value) or 0),
             prefix + quote(str(r[key]), safe=":") if prefix and key and r.get(key) else None) for r in rows]


def _url_with(request: Request, path: str | None = None, **changes: Any) -> str:
    """The current URL (or ``path``) with query parameters changed; None removes one,
    a list repeats it. Changing anything but ``page`` goes back to page 1."""
    items = [(k, v) for k, v in request.query_params.multi_items()
             if k not in changes and not (k == "page" and changes)]
    for k, v in changes.items():
        if v is None or v == "" or v == []:
            continue
        for one in (v if isinstance(v, (list, tuple)) else [v]):
            items.append((k, str(one)))
    query = urlencode(items)
    return (path or request.url.path) + ("?" + query if query else "")


def _json_twin(request: Request) -> str:
    path = request.url.path
    path = "/index" if path == "/" else path.rstrip("/")
    return path + ".json" + ("?" + request.url.query if request.url.query else "")


# -- the app -------------------------------------------------------------------------------------

def create_app(db: str, read_only: bool = False, allowed_hosts: Sequence[str] | None = None,
               max_body: int = MAX_BODY, timeout: float = TIMEOUT) -> FastAPI:
    """The ASGI app serving the store at ``db`` (a SQLite path or a ``postgresql://`` URL).

    ``allowed_hosts``: Host header values accepted (None: any, for tests behind a proxy);
    ``read_only``: refuse every write; ``max_body``/``timeout``: request limits."""
    # open once now: a missing or newer store is a one-line error before serving, not a 500 later
    open_store(db, create=False).close()
    stores = Stores(db, read_only, timeout)
    env = _env()
    app = FastAPI(title="veille", version=_version(),
                  description="Every HTML page of veille's web UI has a JSON twin: the same path plus `.json`.",
                  docs_url=None, redoc_url=None)
    app.state.stores = stores
    app.state.read_only = read_only
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.mount(SWAGGER_CDN_FREE, StaticFiles(directory=_swagger_dir()), name="swagger")
    app.add_middleware(Guard, max_body=max_body, timeout=timeout)  # outermost after the host check
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))

    def page(request: Request, template: str, data: dict[str, Any], status: int = 200, **extra: Any) -> HTMLResponse:
        html = env.get_template(template).render(
            data=data, request=request, read_only=read_only, json_url=_json_twin(request),
            url=lambda path=None, **kw: _url_with(request, path, **kw), path=request.url.path, **extra)
        return HTMLResponse(html, status_code=status)

    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.endswith((".json", ".atom", *(f".{e.suffix}" for e in web_exporters()))):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return page(request, "error.html", {"status": status, "message": message}, status=status)

    @app.exception_handler(views.BadParameter)
    async def bad_parameter(request: Request, exc: views.BadParameter) -> Response:
        return error(request, 400, f"E058: {exc.name}={exc.value!r}: {exc.reason}")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ())[1:]) or "request"
        return error(request, 400, f"E058: {where}: {first.get('msg', 'invalid value')}")

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        if "interrupt" in exc.reason or "statement timeout" in exc.reason or "canceling statement" in exc.reason:
            return error(request, 503, "the request took too long and was stopped")
        return error(request, 500, exc.one_line())

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail))

    def run(fn: Any, *args: Any, **kwargs: Any) -> Any:
        with stores.get() as s:
            return fn(s, *args, **kwargs)

    def found(value: Any, what: str) -> Any:
        if value is None:
            raise StarletteHTTPException(404, f"no such {what} in this store")
        return value

    # -- home ------------------------------------------------------------------------------------

    @app.get("/index.json", tags=["pages"], summary="Stories moving now, latest events, top actors, alerts")
    def home_json(days: int = Query(7, ge=1, le=90)) -> dict:
        return run(views.home, days=days)

    @app.get("/", include_in_schema=False)
    def home(request: Request, days: int = Query(7, ge=1, le=90)) -> Response:
        return page(request, "home.html", run(views.home, days=days))

    # -- search ----------------------------------------------------------------------------------

    def search_data(q: str, what: str, lang: str | None, site: list[str], since: str | None, until: str | None,
                    actor: list[str], type_: list[str], flag: list[str], page_: int) -> dict:
        return run(views.search, q=q, what=what, language=lang, site=site, since=since, until=until, actor=actor,
                   type=type_, flag=flag, page=page_)

    def _q() -> Any:
        return Query("", max_length=500, description="Words to find (as written or by their French/English stem)")

    def _in() -> Any:
        return Query("articles", alias="in", pattern="^(articles|quotes|events)$")

    def _many() -> Any:
        return Query([], max_length=20)  # a new one per parameter: FastAPI binds each to its name

    @app.get("/search.json", tags=["pages"], summary="Full-text search with facets; duplicates folded")
    def search_json(q: str = _q(), what: str = _in(), lang: str | None = Query(None, max_length=8),
                    site: list[str] = _many(), since: str | None = None, until: str | None = None,
                    actor: list[str] = _many(), type: list[str] = _many(), flag: list[str] = _many(),
                    page: int = Query(1, ge=1, le=views.MAX_PAGE)) -> dict:
        return search_data(q, what, lang, site, since, until, actor, type, flag, page)

    @app.get("/search", include_in_schema=False)
    def search(request: Request, q: str = _q(), what: str = _in(), lang: str | None = Query(None, max_length=8),
               site: list[str] = _many(), since: str | None = None, until: str | None = None,
               actor: list[str] = _many(), type: list[str] = _many(), flag: list[str] = _many(),
               page_: int = Query(1, alias="page", ge=1, le=views.MAX_PAGE)) -> Response:
        return page(request, "search.html", search_data(q, what, lang, site, since, until, actor, type, flag, page_))

    # -- article ---------------------------------------------------------------------------------

    @app.get("/article/{article_id}.json", tags=["pages"], summary="One article with every span to highlight")
    def article_json(article_id: str) -> dict:
        return found(run(views.article, article_id), "article")

    @app.get("/article/{article_id}", include_in_schema=False)
    def article(request: Request, article_id: str) -> Response:
        data = found(run(views.article, article_id), "article")
        return page(request, "article.html", data, body=_fields(data))

    # -- events ----------------------------------------------------------------------------------

    def event_filters(type: list[str], actor: list[str], recipient: list[str], place: str | None,
                      since: str | None, until: str | None, flag: list[str], min_articles: int,
                      q: str | None, story: str | None) -> dict:
        return {"type": type, "actor": actor, "recipient": recipient, "place": place, "since": since,
                "until": until, "flag": flag, "min_articles": min_articles, "q": q, "story": story}

    def _events_params(type: list[str] = _many(), actor: list[str] = _many(), recipient: list[str] = _many(),
                       place: str | None = Query(None, max_length=200), since: str | None = None,
                       until: str | None = None, flag: list[str] = _many(),
                       min_articles: int = Query(1, ge=1, le=10_000), q: str | None = Query(None, max_length=500),
                       story: str | None = Query(None, max_length=100)) -> dict:
        return event_filters(type, actor, recipient, place, since, until, flag, min_articles, q, story)

    from fastapi import Depends

    def _sort() -> Any:
        return Query("articles", pattern="^(articles|date|confidence|published)$")

    @app.get("/events.json", tags=["pages"], summary="Events merged across articles, filtered, one page")
    def events_json(f: dict = Depends(_events_params), sort: str = _sort(),
                    page: int = Query(1, ge=1, le=views.MAX_PAGE)) -> dict:
        return run(views.events, sort=sort, page=page, **f)

    @app.get("/events", include_in_schema=False)
    def events(request: Request, f: dict = Depends(_events_params), sort: str = _sort(),
               page_: int = Query(1, alias="page", ge=1, le=views.MAX_PAGE)) -> Response:
        return page(request, "events.html", run(views.events, sort=sort, page=page_, **f), exports=web_exporters())

    def events_download(exporter: Exporter) -> Any:
        """The route serving the current filter's events in one registered text format."""

        def download(f: dict = Depends(_events_params)) -> Response:
            return _download(_events_export(run(views.export_rows, **f), exporter), exporter.media_type,
                             f"events.{exporter.suffix}")

        return download

    for fmt in web_exporters():  # /events.csv, /events.jsonl, /events.geojson, and any format registered
        app.add_api_route(f"/events.{fmt.suffix}", events_download(fmt), methods=["GET"], tags=["exports"],
                          name=f"events_{fmt.name}", summary=f"The current filter's events as {fmt.label}")

    # -- actor, story, map -----------------------------------------------------------------------

    def _month() -> Any:
        return Query(None, pattern=r"^\d{4}-\d{2}$")

    @app.get("/actor/{actor_id:path}.json", tags=["pages"], summary="An actor: aliases, roles, events, quotes, network")
    def actor_json(actor_id: str, month: str | None = _month()) -> dict:
        return found(run(views.actor, actor_id, month=month), "actor")

    @app.get("/actor/{actor_id:path}", include_in_schema=False)
    def actor(request: Request, actor_id: str, month: str | None = _month()) -> Response:
        return page(request, "actor.html", found(run(views.actor, actor_id, month=month), "actor"))

    @app.get("/story/{story_id}.json", tags=["pages"], summary="A story: articles, merged events, quotes, timeline")
    def story_json(story_id: str) -> dict:
        return found(run(views.story, story_id), "story")

    @app.get("/story/{story_id}", include_in_schema=False)
    def story(request: Request, story_id: str) -> Response:
        return page(request, "story.html", found(run(views.story, story_id), "story"))

    def _level() -> Any:
        return Query("city", pattern="^(city|country)$")

    @app.get("/map.json", tags=["pages"], summary="Event places, per place and per country")
    def map_json(type: list[str] = _many(), since: str | None = None, until: str | None = None) -> dict:
        return run(views.places, type=type, since=since, until=until)

    @app.get("/map", include_in_schema=False)
    def map_(request: Request, type: list[str] = _many(), since: str | None = None, until: str | None = None,
             level: str = _level()) -> Response:
        data = run(views.places, type=type, since=since, until=until)
        keep = urlencode([(k, v) for k, v in request.query_params.multi_items() if k in ("since", "until", "type")])
        return page(request, "map.html", data, level=level, keep=keep,
                    basemap="/vendor/worldmap.svg" if basemap is not None else None)

    # -- alerts ----------------------------------------------------------------------------------

    @app.get("/alerts.json", tags=["pages"], summary="Alerts raised by veille watch, newest first")
    def alerts_json(rule: str | None = Query(None, max_length=200), page: int = Query(1, ge=1, le=views.MAX_PAGE)
                    ) -> dict:
        return run(views.alerts, rule=rule, page=page)

    @app.get("/alerts", include_in_schema=False)
    def alerts(request: Request, rule: str | None = Query(None, max_length=200),
               page_: int = Query(1, alias="page", ge=1, le=views.MAX_PAGE)) -> Response:
        return page(request, "alerts.html", run(views.alerts, rule=rule, page=page_))

    @app.get("/alerts.atom", tags=["exports"], summary="Alerts as an Atom feed")
    def alerts_atom(request: Request, rule: str | None = Query(None, max_length=200)) -> Response:
        data = run(views.alerts, rule=rule)
        return Response(atom(data["alerts"], str(request.base_url).rstrip("/")),
                        media_type="application/atom+xml; charset=utf-8")

    # -- analyse ---------------------------------------------------------------------------------

    @app.get("/analyse", include_in_schema=False)
    def analyse_form(request: Request) -> Response:
        return page(request, "analyse.html", {"result": None, "max": MAX_ANALYSE})

    def analyse_data(request: Request, text: str | None, file: UploadFile | None, published: str | None,
                     lang: str | None, understand: bool, store: bool) -> dict:
        _same_origin(request)
        if store and read_only:
            raise _Refused("E057", "analyse", "")
        data, name = _input(text, file)
        published = views.clean_date("published", published)
        result = analyse(data, name, published=published, language=lang or None, understand=understand)
        out: dict[str, Any] = {"result": result, "stored": None, "max": MAX_ANALYSE}
        if store:
            out["stored"] = _store_one(db, data, name, published, lang or None, understand)
        return out

    @app.post("/analyse.json", tags=["pages"], summary="Analyse pasted text or an uploaded page (stores nothing "
                                                       "unless store=true)")
    def analyse_json(request: Request, text: str | None = Form(None), file: UploadFile | None = File(None),
                     published: str | None = Form(None), lang: str | None = Form(None, max_length=8),
                     understand: bool = Form(True), store: bool = Form(False)) -> dict:
        return analyse_data(request, text, file, published, lang, understand, store)

    @app.post("/analyse", include_in_schema=False)
    def analyse_page(request: Request, text: str | None = Form(None), file: UploadFile | None = File(None),
                     published: str | None = Form(None), lang: str | None = Form(None, max_length=8),
                     understand: bool = Form(False), store: bool = Form(False)) -> Response:
        out = analyse_data(request, text, file, published, lang, understand, store)
        if out["stored"]:
            return RedirectResponse(f"/article/{quote(out['stored'])}", status_code=303)
        return page(request, "analyse.html", out, body=_fields(out["result"]))

    @app.exception_handler(_Refused)
    async def refused(request: Request, exc: _Refused) -> Response:
        return error(request, exc.status, exc.one_line())

    @app.exception_handler(VeilleError)
    async def veille_error(request: Request, exc: VeilleError) -> Response:
        return error(request, 400, exc.one_line())

    basemap = _basemap()

    @app.get("/vendor/worldmap.svg", include_in_schema=False)
    def worldmap() -> Response:
        if basemap is None:
            raise StarletteHTTPException(404, "no base map installed (pip install pygal_maps_world)")
        return Response(_coloured(basemap.read_bytes()), media_type="image/svg+xml",
                        headers={"cache-control": "public, max-age=86400"})

    # -- OpenAPI explorer, from installed files --------------------------------------------------

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        return page(request, "docs.html", {}, swagger=SWAGGER_CDN_FREE)

    return app


_EMPTY_EVENT = {"id": "", "type": "", "actors": [], "recipients": [], "mentions": [], "articles": 0,
                "confidence": 0.0}


def _version() -> str:
    from veille import __version__

    return __version__


def _swagger_dir() -> str:
    """Swagger UI's files as the ``fastapi-offline`` package installs them (no CDN)."""
    try:
        import fastapi_offline
    except ImportError:  # the explorer is optional: /openapi.json works without it
        return str(HERE / "static")
    return str(Path(fastapi_offline.__file__).parent / "static")


def _basemap() -> Path | None:
    """The world map (countries, Robinson projection) that ``pygal_maps_world`` installs, if it is."""
    try:
        import pygal_maps_world
    except ImportError:
        return None
    path = Path(pygal_maps_world.__file__).parent / "worldmap.svg"
    return path if path.is_file() else None


def _coloured(svg_bytes: bytes) -> bytes:
    """The base map with land and borders coloured by presentation attributes (no style sheet)."""
    return svg_bytes.replace(b'<g id="countries">',
                             b'<g id="countries" fill="#dfe6da" stroke="#ffffff" stroke-width="0.8">', 1)


def _events_export(rows: list[dict], exporter: Exporter) -> str:
    """Merged events in one export format: flat rows (:func:`views.flat_event`, the CSV columns)
    for a format that takes them, the merged events with their lists and dicts for the others (JSONL)."""
    columns = list(views.flat_event(_EMPTY_EVENT))
    buf = io.StringIO()
    exporter.write(iter([views.flat_event(r) for r in rows] if exporter.flat else rows), buf,
                   ExportSpec("events", "veille", columns))
    return buf.getvalue()


def _download(text: str, media_type: str, name: str) -> Response:
    return Response(text, media_type=media_type, headers={"content-disposition": f'attachment; filename="{name}"'})


def _fields(data: dict) -> dict[str, Markup]:
    """Title, standfirst and body of an article view, highlighted."""
    anchored: set[str] = set()
    return {f: markup.highlight(data["fields"][f], data["spans"], f, anchored) for f in ("title", "standfirst", "body")}


class _Refused(ServeError):
    """A refused request (read-only server): its HTTP status besides the code."""

    status = 403


def _same_origin(request: Request) -> None:
    """Refuse a POST whose Origin (or Referer) is another site: forms post only from here."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise StarletteHTTPException(403, "E058: cross-origin request refused")


def _input(text: str | None, file: UploadFile | None) -> tuple[bytes, str]:
    """The bytes to analyse: the uploaded file, else the pasted text (at most MAX_ANALYSE)."""
    if file is not None and file.filename:
        data = file.file.read(MAX_ANALYSE + 1)
        name = Path(file.filename).name or "upload"
    else:
        data = (text or "").encode("utf-8")
        name = "pasted text"
    if len(data) > MAX_ANALYSE:
        raise _TooLargeInput("E056", name, f"over {MAX_ANALYSE:,} bytes")
    if not data.strip():
        raise StarletteHTTPException(400, "E003: nothing to analyse: paste text or choose a file")
    return data, name


class _TooLargeInput(_Refused):
    status = 413


def analyse(data: bytes, name: str, published: str | None = None, language: str | None = None,
            understand: bool = True) -> dict:
    """The article view of bytes analysed in memory (read, repair, understand), nothing stored."""
    from veille.options import Options
    from veille.pipeline import analyze_bytes

    options = Options(published=published, language=language, understand=understand, max_bytes=MAX_ANALYSE)
    art = analyze_bytes(data, name, options)
    return views.article_view(json.loads(art.to_json(indent=None)))


def _store_one(db: str, data: bytes, name: str, published: str | None, language: str | None,
               understand: bool) -> str | None:
    """Ingest one analysed input into the store (as ``veille ingest`` would); its article id."""
    from veille.ingest import IngestOptions, ingest_entries
    from veille.options import Options
    from veille.read.corpus import Item

    item = Item(data, "analyse", name, published=published, language=language)
    with open_store(db) as s:
        ingest_entries([item], s, IngestOptions(article=Options(max_bytes=MAX_ANALYSE, understand=understand),
                                                jobs=1))
        found = s.scalar("SELECT id FROM articles WHERE id = ?", (item.key,))
    return found


def atom(alerts: list[dict], base: str) -> bytes:
    """An Atom feed of alerts (built with ElementTree: every text escaped)."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    feed = ET.Element(f"{{{ns}}}feed")
    ET.SubElement(feed, f"{{{ns}}}title").text = "veille alerts"
    ET.SubElement(feed, f"{{{ns}}}id").text = f"{base}/alerts"
    ET.SubElement(feed, f"{{{ns}}}updated").text = alerts[0]["created_at"] if alerts else "1970-01-01T00:00:00+00:00"
    ET.SubElement(feed, f"{{{ns}}}link", href=f"{base}/alerts", rel="alternate")
    for a in alerts:
        entry = ET.SubElement(feed, f"{{{ns}}}entry")
        ET.SubElement(entry, f"{{{ns}}}id").text = f"urn:veille:alert:{a['id']}"
        ET.SubElement(entry, f"{{{ns}}}title").text = f"[{a['rule']}] {a['title']}"
        ET.SubElement(entry, f"{{{ns}}}updated").text = a["created_at"]
        ET.SubElement(entry, f"{{{ns}}}summary").text = a.get("summary") or ""
        if a.get("article_id"):
            ET.SubElement(entry, f"{{{ns}}}link", href=f"{base}/article/{quote(a['article_id'])}", rel="alternate")
        ET.SubElement(entry, f"{{{ns}}}category", term=a["rule"])
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
