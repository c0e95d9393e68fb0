"""Fixtures of the serve, browser and watch tests: a store of real articles with hostile ones
mixed in, built once per test session, and the server running on 127.0.0.1.

The store holds the samples and (where ../shared is present) the reference article,
understood, a few OrangeSum articles understood and a few hundred without
understanding, an exact and a near duplicate of an OrangeSum article, and hostile
articles written directly (script tags, event handlers, ``javascript:`` links, SVG
payloads, CSS injection, a huge page). Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VEILLE_SHARED", ROOT.parent / "shared"))
REFERENCE = SHARED / "examples" / "fr-poutine-kazakhstan.txt"
ORANGESUM = SHARED / "data" / "orangesum" / "orangesum_parsed.jsonl.gz"
ORANGESUM_FIELDS = {"text": "article", "standfirst": "heading", "published": "date"}
UNDERSTOOD = int(os.environ.get("VEILLE_TEST_SERVE_UNDERSTOOD", "12"))
"""OrangeSum articles understood in the test store (the rest are stored without understanding)."""
BULK = int(os.environ.get("VEILLE_TEST_SERVE_BULK", "300"))
"""OrangeSum articles in the test store in all."""
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--disable-extensions", "--metrics-recording-only", "--mute-audio"]
PWNED = "window.__pwned = 1"

HOSTILE_ID = "hostile000000001"
HUGE_ID = "hostile000000002"
HOSTILE_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 1">Titre piégé'
HOSTILE_PARAS = [
    'Texte avec <script>window.__pwned = 1</script> une balise script et <img src=x onerror="window.__pwned = 1">.',
    '<svg onload="window.__pwned = 1"><script>window.__pwned = 1</script></svg> Vladimir Poutine a rencontré '
    "Kassym-Jomart Tokaïev à Astana.",
    '"><a href="javascript:window.__pwned = 1">clic</a> </textarea></title><style>body{display:none}</style>',
    '<div style="background:url(javascript:window.__pwned=1)">css</div> <iframe src="javascript:window.__pwned=1">',
    "Un « <b onmouseover=\"window.__pwned = 1\">discours</b> » sans danger.",
]


def _hostile_article():
    from veille.model import (
        Actor, Article, Block, Entity, Event, EventDate, Evidence, Participant, Place, Quote, Relation, Span,
    )

    blocks, pos = [], 0
    for para in HOSTILE_PARAS:
        blocks.append(Block(kind="paragraph", text=para, start=pos, end=pos + len(para)))
        pos += len(para) + 2
    art = Article(id=HOSTILE_ID, source='javascript:window.__pwned = 1', language="fr", title=HOSTILE_TITLE,
                  standfirst='<img src=x onerror="window.__pwned = 1">chapô', blocks=blocks,
                  published="2024-11-27", url="javascript:window.__pwned = 1", site='<script>x</script>site',
                  section=['<b onclick="window.__pwned = 1">Rubrique</b>'])
    text = art.text

    def span(s: str) -> Span:
        i = text.index(s)
        return Span(start=i, end=i + len(s), text=s)

    evil_actor = 'veille:evil:"><script>window.__pwned=1</script>'
    poutine = span("Vladimir Poutine")
    who = Participant(text="Vladimir Poutine", actor_id="Q7747", name="Vladimir Putin", country="RUS", sector="GOV")
    evil = Participant(text='<svg onload="window.__pwned = 1">', actor_id=evil_actor,
                       name='<img src=x onerror="window.__pwned = 1">', country="KAZ")
    ev = Evidence(article_id=HOSTILE_ID, **span(HOSTILE_PARAS[1]).model_dump())
    return art.model_copy(update={
        "actors": [Actor(id="Q7747", name="Vladimir Putin", type="person", country="RUS", sector="GOV",
                         mentions=[poutine]),
                   Actor(id=evil_actor, name='<script>window.__pwned = 1</script>Evil', type="group",
                         mentions=[span("Kassym-Jomart Tokaïev")])],
        "entities": [Entity(text="Astana", label="LOC", span=span("Astana"))],
        "quotes": [Quote(text='<b onmouseover="window.__pwned = 1">discours</b>', kind="direct",
                         speaker='<script>window.__pwned = 1</script>', cue="dit",
                         span=span('<b onmouseover="window.__pwned = 1">discours</b>'))],
        "events": [Event(id='ev"><script>1</script>', type="CONSULT", actors=[who], recipients=[evil],
                         location=Place(name='<script>window.__pwned = 1</script>Astana', country="KAZ",
                                        latitude=51.18, longitude=71.45),
                         date=EventDate(text="hier", value="2024-11-26", precision="day"), evidence=ev,
                         confidence=0.7)],
        "relations": [Relation(type="allied_with", subject=who, object=evil, evidence=ev, confidence=0.5)],
    })


def _huge_article():
    from veille.model import Article, Block

    para = "Un paragraphe très long d'une page énorme, répété pour peser plus d'un mégaoctet. " * 20
    blocks, pos = [], 0
    for _ in range(700):
        blocks.append(Block(kind="paragraph", text=para, start=pos, end=pos + len(para)))
        pos += len(para) + 2
    return Article(id=HUGE_ID, source="huge", language="fr", title="Une page énorme", blocks=blocks,
                   published="2024-11-26")


def write_hostile(target: str) -> None:
    """Write the hostile and the huge article straight into the store (as a reader could not)."""
    from veille.store import ArticleRecord, open_store

    with open_store(target) as s:
        for art in (_hostile_article(), _huge_article()):
            s.write_article(ArticleRecord(art, content_hash="h-" + art.id))


def orangesum_rows(n: int, skip: int = 0) -> list[dict]:
    """The first ``n`` OrangeSum lines after ``skip`` (as dicts)."""
    rows = []
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as src:
        for i, line in enumerate(src):
            if i < skip:
                continue
            if len(rows) >= n:
                break
            rows.append(json.loads(line))
    return rows


def build_store(target: str, folder: Path, understood: int = UNDERSTOOD, bulk: int = BULK) -> dict:
    """Ingest the test corpus into ``target`` (see the module); what went in, for the tests."""
    from veille.ingest import IngestOptions, ingest
    from veille.read.corpus import CorpusOptions

    from veille.store import open_store

    corpus = CorpusOptions(fields=ORANGESUM_FIELDS)
    sources = [str(ROOT / "samples")]
    shared = REFERENCE.exists() and ORANGESUM.exists()
    info: dict = {"shared": shared}
    if shared:
        sources.append(str(REFERENCE))
        rows = orangesum_rows(bulk)
        first = folder / "orangesum-understood.jsonl"
        first.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[:understood]), "utf-8")
        sources.append(str(first))
        rest = rows[understood:]
        base = rows[understood]
        exact = {**base, "id": "copy-exact"}
        near = {**base, "id": "copy-near", "article": base["article"] + " Une phrase ajoutée par l'autre site."}
        bulk_file = folder / "orangesum-bulk.jsonl"
        bulk_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [*rest, exact, near]), "utf-8")
        info.update(orangesum=len(rows), duplicated=str(base["id"]))
    with open_store(target) as s:
        ingest(sources, s, IngestOptions(jobs=1, corpus=corpus))
        if shared:
            ingest([str(bulk_file)], s, IngestOptions(jobs=1, understand=False, corpus=corpus))
    write_hostile(target)
    return info


@pytest.fixture(scope="session")
def served_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict]]:
    """(SQLite path, info) of the test store, built once per session."""
    folder = tmp_path_factory.mktemp("served")
    db = str(folder / "veille.db")
    info = build_store(db, folder)
    yield db, info


@pytest.fixture(scope="session")
def client(served_store: tuple[str, dict]):
    """An ASGI test client of the app over the test store."""
    from fastapi.testclient import TestClient

    from veille.serve.web import create_app

    with TestClient(create_app(served_store[0])) as c:
        yield c


class LiveServer:
    """The app served by uvicorn on 127.0.0.1 in a thread (for the browser)."""

    def __init__(self, db: str, **kwargs: object) -> None:
        import uvicorn

        from veille.serve.web import create_app

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY
        self.sock.bind(("127.0.0.1", 0))
        self.app = create_app(db, allowed_hosts=["127.0.0.1", "localhost"], **kwargs)
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        self.base = f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.app.state.stores.close()


@pytest.fixture(scope="session")
def live(served_store: tuple[str, dict]) -> Iterator[LiveServer]:
    """The test store served on 127.0.0.1."""
    server = LiveServer(served_store[0])
    yield server
    server.close()


def chromium_or_skip() -> str:
    """The system chromium, or skip with a message saying how to get it."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("browser tests need the playwright package (pip install -e '.[test]')")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser():
    """Debian's headless chromium driven by Playwright (nothing downloaded)."""
    path = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()
