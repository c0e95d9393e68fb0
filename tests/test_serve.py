"""veille serve through the ASGI test client, on a store of the samples, the reference article,
a few hundred OrangeSum articles and hostile articles: every page and its JSON twin, search
with facets and folded duplicates, highlights on the right words, exports, the analyse page,
read-only, and the security rules (escaping, CSP, limits, host and origin checks)."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from veille.model import Article

from conftest import shared_path
from serve_fixtures import HOSTILE_ID, HUGE_ID, REFERENCE

pytest_plugins = ["serve_fixtures"]

PAGES = ["/", "/search", "/search?q=Poutine", "/search?in=quotes", "/search?in=events", "/events", "/map",
         "/map?level=country", "/alerts", "/analyse", "/docs"]


def twin(path: str) -> str:
    base, _, query = path.partition("?")
    base = "/index" if base == "/" else base
    return base + ".json" + ("?" + query if query else "")


class Links(HTMLParser):
    """Every href, src and inline event-handler attribute of a page, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.scripts: list[dict] = []
        self.styles: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        for k, v in attrs:
            if k in ("href", "src", "action", "formaction", "xlink:href"):
                self.hrefs.append(v or "")
            if k.startswith("on"):
                self.handlers.append((tag, k))
            if k == "style":
                self.styles.append(v or "")
        if tag == "script":
            self.scripts.append(d)
        if tag == "style":
            self.styles.append("<style>")


def parse(html: str) -> Links:
    p = Links()
    p.feed(html)
    return p


def article_of(client, q: str) -> str:
    return client.get("/search.json", params={"q": q}).json()["results"][0]["id"]


# -- pages and twins ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", PAGES)
def test_every_page_and_its_json_twin(client, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200, page.text[:300]
    assert page.headers["content-type"].startswith("text/html")
    assert f'href="{twin(path).replace("&", "&amp;")}"' in page.text or path == "/docs"
    if path not in ("/analyse", "/docs"):
        data = client.get(twin(path))
        assert data.status_code == 200
        assert isinstance(data.json(), dict)


def test_article_actor_story_pages_and_twins(client, served_store) -> None:
    home = client.get("/index.json").json()
    assert home["now"] and "stories" in home and "actors" in home
    listed = client.get("/search.json").json()["results"]
    story = next(r["story_id"] for r in listed if r["story_id"])
    actor = client.get("/search.json").json()["facets"]["actor"][0]["value"]
    aid = listed[0]["id"]
    for path in (f"/article/{aid}", f"/actor/{quote(actor)}", f"/story/{story}"):
        assert client.get(path).status_code == 200
        data = client.get(path + ".json").json()
        assert data
    assert client.get(f"/story/{story}.json").json()["articles"]


def test_the_json_twin_holds_what_the_page_shows(client) -> None:
    data = client.get("/search.json", params={"q": "Dakar"}).json()  # in the samples: with or without ../shared
    html = client.get("/search", params={"q": "Dakar"}).text
    assert data["total"] > 0
    for r in data["results"]:
        assert f'href="/article/{r["id"]}"' in html
    assert f"{data['total']} articles" in html


def test_unknown_things_are_404_and_bad_parameters_400(client) -> None:
    assert client.get("/article/nope").status_code == 404
    assert client.get("/article/nope.json").json()["status"] == 404
    assert client.get("/actor/nope").status_code == 404
    assert client.get("/story/nope").status_code == 404
    bad = client.get("/search", params={"since": "yesterday"})
    assert bad.status_code == 400 and "E058" in bad.text
    assert client.get("/search.json", params={"page": "0"}).status_code == 400
    assert client.get("/events.json", params={"sort": "evil"}).status_code == 400
    assert client.get("/actor/Q7747", params={"month": "2024-13-01"}).status_code == 400


# -- search ---------------------------------------------------------------------------------------

@pytest.mark.shared
def test_search_folds_duplicates_into_their_original(client, served_store) -> None:
    db, info = served_store
    if not info["shared"]:
        pytest.skip("needs ../shared")
    from veille.store import open_store

    with open_store(db, create=False) as s:
        original = s.scalar("SELECT id FROM articles WHERE external_id = ?", (info["duplicated"],))
        copies = s.rows("SELECT status FROM articles WHERE duplicate_of = ?", (original,))
        title = s.scalar("SELECT title FROM articles WHERE id = ?", (original,))
    assert sorted(c["status"] for c in copies) == ["duplicate", "near_duplicate"]
    words = " ".join(re.findall(r"\w{5,}", title)[:3])
    results = client.get("/search.json", params={"q": words}).json()["results"]
    ids = [r["id"] for r in results]
    assert ids.count(original) == 1
    hit = next(r for r in results if r["id"] == original)
    assert hit["copies"] == 2
    assert not any(r["status"] != "original" for r in results if r["id"] in ids)  # copies never listed apart
    folded = client.get("/search.json", params={"q": words, "flag": "near_duplicate"}).json()
    assert [r["id"] for r in folded["results"]] == [original]  # a copy matching leads to its original


@pytest.mark.shared
def test_search_facets_filter_and_page(client) -> None:
    shared_path("data", "orangesum")  # a second page of results needs the OrangeSum articles
    everything = client.get("/search.json").json()
    assert everything["total"] > 3
    facets = everything["facets"]
    assert {"language", "month", "flag"} <= set(facets)
    lang = facets["language"][0]
    only = client.get("/search.json", params={"lang": lang["value"]}).json()
    assert only["total"] == lang["n"]
    assert all(r["language"] == lang["value"] for r in only["results"])
    second = client.get("/search.json", params={"page": 2}).json()
    first_ids = {r["id"] for r in everything["results"]}
    assert first_ids.isdisjoint(r["id"] for r in second["results"])
    html = client.get("/search").text
    assert "language: " not in html  # no filter chip without a filter
    assert 'href="/search?page=2"' in html


def test_search_quotes_and_events_with_actor_facet(client) -> None:
    quotes = client.get("/search.json", params={"in": "quotes"}).json()
    assert quotes["total"] > 0
    speakers = quotes["facets"]["actor"]
    assert speakers
    one = client.get("/search.json", params={"in": "quotes", "actor": speakers[0]["value"]}).json()
    assert one["total"] == speakers[0]["n"] > 0
    events = client.get("/search.json", params={"in": "events", "type": "CONSULT"}).json()
    assert events["total"] > 0 and all(r["type"] == "CONSULT" for r in events["results"])
    assert client.get("/search.json", params={"q": "zzzqqqxxx"}).json()["total"] == 0


# -- the article page: highlights on the right words ----------------------------------------------

@pytest.mark.shared
def test_reference_article_highlights_sit_on_their_words(client, served_store) -> None:
    if not REFERENCE.exists():
        pytest.skip("needs ../shared")
    aid = article_of(client, "Poutine Kazakhstan Tokaïev")
    data = client.get(f"/article/{aid}.json").json()
    assert data["spans"] and data["quotes"] and data["events"]
    for sp in data["spans"]:
        assert data["fields"][sp["field"]][sp["start"]:sp["end"]] == sp["text"], sp
    html = client.get(f"/article/{aid}").text
    # the pieces of each quote's marks, joined, are the quote
    for i, q in enumerate(data["quotes"]):
        pieces = re.findall(rf'<mark [^>]*data-ref="quote-{i}"[^>]*>(.*?)</mark>', html, flags=re.S)
        assert pieces, q["text"]
    # an actor mention links to the actor; each event's evidence has its anchor
    assert 'href="/actor/Q7747"' in html
    for e in data["events"]:
        assert f'id="ev-{e["id"]}"' in html
    # what repair removed, with its reasons, collapsed
    assert "<details class=\"removed\"><summary>What repair removed" in html
    assert data["removed"] and data["removed"][0]["reason"] in html.replace("&#39;", "'").replace("&#34;", '"')
    assert "repeated_block" in data["quality_flags"] and 'title="repeated_block"' in html  # a quality flag


def _stored_article_with_removals(db: str) -> Article:
    """The first stored article that repair removed something from and flagged."""
    from veille.store import open_store

    with open_store(db, create=False) as s:
        for row in s.iter_rows("SELECT article_json FROM articles ORDER BY seq"):
            art = Article.model_validate_json(row["article_json"])
            if art.removed and art.quality and art.quality.flags:
                return art
    pytest.skip("no stored article with removals and quality flags")


def test_article_page_says_removals_and_flags_in_the_report_words(client, served_store) -> None:
    from html import unescape

    from veille.serve import report, words

    art = _stored_article_with_removals(served_store[0])
    data = client.get(f"/article/{art.id}.json").json()
    page = unescape(client.get(f"/article/{art.id}").text)
    # the JSON twin keeps the raw removals and flags, and adds the words beside
    assert data["removed"] == [r.model_dump() for r in art.removed]
    told = [f"{r['where']}: {r['why']}" for r in data["removed_words"]]
    assert told == [line.partition(" — “")[0] for line in report.removed_lines(art)]
    for r in data["removed_words"]:
        assert f"{r['where']}</span>: <span class=\"why\" title=\"{r['kind']}: {r['reason']}\">{r['why']}" in page
    for f in art.quality.flags:
        assert data["words"]["flags"][f] == words.flag(f) != f
        assert f'title="{f}">{words.flag(f)}</span>' in page


def test_event_pages_say_types_in_the_report_words(client, served_store) -> None:
    from html import unescape

    from veille.serve import words

    data = client.get("/events.json").json()
    assert data["events"]
    page = unescape(client.get("/events").text)
    for e in data["events"]:
        meaning = words.meaning(e["type"])
        assert meaning and data["words"]["plover"][e["type"]] == f"{e['type']} ({meaning})"
        assert f'<span class="type">{e["type"]}</span> <small class="meaning">{meaning}</small>' in page
    actor = client.get("/search.json").json()["facets"]["actor"][0]["value"]
    shown = client.get(f"/actor/{quote(actor)}.json").json()
    assert set(shown["words"]["plover"]) == {e["type"] for e in shown["events"]}
    for t in shown["words"]["plover"]:
        assert words.meaning(t) in unescape(client.get(f"/actor/{quote(actor)}").text)


# -- events and exports -----------------------------------------------------------------------------

def test_events_filter_sort_and_export_the_same_rows(client) -> None:
    data = client.get("/events.json").json()
    assert data["total"] > 0
    ev = data["events"][0]
    assert ev["mentions"] and all("evidence" in m for m in ev["mentions"])
    consult = client.get("/events.json", params={"type": "CONSULT", "sort": "date"}).json()
    assert consult["total"] > 0 and all(e["type"] == "CONSULT" for e in consult["events"])
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv", params={"type": "CONSULT"}).text)))
    assert len(rows) == consult["total"] and {r["type"] for r in rows} == {"CONSULT"}
    lines = client.get("/events.jsonl", params={"type": "CONSULT"}).text.splitlines()
    assert len(lines) == consult["total"] and json.loads(lines[0])["mentions"]
    geo = client.get("/events.geojson", params={"type": "CONSULT"}).json()
    located = [e for e in map(json.loads, lines) if (e.get("location") or {}).get("latitude") is not None]
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(located)
    html = client.get("/events", params={"type": "CONSULT"}).text
    assert 'href="/events.csv?type=CONSULT"' in html
    assert re.search(r'href="/article/[^"#]+#ev-', html)  # each row links to its evidence


def test_actor_page_has_aliases_events_quotes_and_network(client) -> None:
    data = client.get("/actor/Q7747.json").json()
    assert data["name"] == "Vladimir Putin"
    assert any("Poutine" in a["text"] for a in data["aliases"])
    assert data["events"] and data["timeline"]
    assert data["network"]["edges"]
    html = client.get("/actor/Q7747").text
    assert "<svg" in html and 'role="img"' in html
    month = data["timeline"][0]["month"]
    assert client.get("/actor/Q7747.json", params={"month": month}).json()["month"] == month


def test_map_counts_places_and_countries(client) -> None:
    data = client.get("/map.json").json()
    assert data["total"] == sum(c["events"] for c in data["cities"]) == sum(c["events"] for c in data["countries"])
    assert any(c["country"] == "KAZ" for c in data["countries"])
    html = client.get("/map").text
    assert '<image href="/vendor/worldmap.svg"' in html
    base = client.get("/vendor/worldmap.svg")
    assert base.status_code == 200 and base.headers["content-type"].startswith("image/svg+xml")


# -- analyse --------------------------------------------------------------------------------------

def _count(db: str) -> int:
    from veille.store import open_store

    with open_store(db, create=False) as s:
        return int(s.scalar("SELECT COUNT(*) FROM articles"))


def test_analyse_stores_nothing_unless_asked(client, served_store) -> None:
    db = served_store[0]
    before = _count(db)
    text = "Le président Emmanuel Macron a rencontré jeudi à Paris les syndicats de la fonction publique."
    out = client.post("/analyse.json", data={"text": text, "understand": "false"})
    assert out.status_code == 200, out.text
    assert out.json()["result"]["fields"]["body"] == text
    assert out.json()["stored"] is None and _count(db) == before
    page = client.post("/analyse", files={"file": ("page.html", b"<html><body><article><h1>Titre</h1><p>"
                                                                + text.encode() + b"</p></article></body></html>",
                                                    "text/html")}, data={"understand": "false"})
    assert page.status_code == 200 and "Not stored" in page.text and _count(db) == before
    stored = client.post("/analyse", data={"text": text + " Stocké.", "store": "true", "understand": "false"},
                         follow_redirects=False)
    assert stored.status_code == 303 and stored.headers["location"].startswith("/article/")
    assert _count(db) == before + 1
    assert client.get(stored.headers["location"]).status_code == 200


def test_analyse_refuses_too_large_and_empty_inputs(client) -> None:
    big = client.post("/analyse.json", data={"text": "x" * 1_020_000})
    assert big.status_code == 413 and "E056" in big.text
    bigger = client.post("/analyse.json", data={"text": "x" * 1_200_000})  # refused by the form parser already
    assert bigger.status_code in (400, 413) and "exceeded" in bigger.text
    huge = client.post("/analyse.json", content=b"x" * 3_000_000, headers={"content-type": "text/plain"})
    assert huge.status_code == 413
    assert client.post("/analyse.json", data={"text": "   "}).status_code == 400


def test_read_only_refuses_every_write(served_store) -> None:
    from fastapi.testclient import TestClient

    from veille.serve.web import create_app

    db = served_store[0]
    before = _count(db)
    with TestClient(create_app(db, read_only=True)) as ro:
        refused = ro.post("/analyse.json", data={"text": "Un texte à stocker.", "store": "true", "understand": "false"})
        assert refused.status_code == 403 and "E057" in refused.text
        assert ro.post("/analyse.json", data={"text": "Un texte.", "understand": "false"}).status_code == 200
        assert "store it" not in ro.get("/analyse").text
        with ro.app.state.stores.get() as s:  # the connection itself cannot write
            from veille.store import StoreError

            with pytest.raises(StoreError):
                s.write([("DELETE FROM articles", [])])
    assert _count(db) == before


# -- security -------------------------------------------------------------------------------------

def test_every_response_has_a_strict_policy(client) -> None:
    for path in ("/", "/search.json", "/static/veille.css", "/nope"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("path", [f"/article/{HOSTILE_ID}", "/search?q=piégé", "/search?in=quotes&q=discours",
                                  "/search?in=events&q=Astana", "/events?q=Astana", "/map", "/",
                                  "/actor/Q7747", "/search?q=%3Cscript%3E"])
def test_hostile_content_is_escaped_everywhere(client, path: str) -> None:
    html = client.get(path).text
    page = parse(html)
    assert page.handlers == []  # no on* attribute anywhere
    assert all(s.get("src", "").startswith(("/static/", "/vendor/")) for s in page.scripts)
    assert page.styles == []  # no inline style attribute or element
    for href in page.hrefs:
        assert not href.strip().lower().startswith(("javascript:", "data:", "vbscript:")), href
        assert href.startswith(("/", "#", "http://", "https://")), href
    assert "<script>window" not in html and "<img src=x" not in html and "<svg onload" not in html


def test_hostile_article_shows_its_text_as_text(client) -> None:
    html = client.get(f"/article/{HOSTILE_ID}").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert 'href="javascript' not in html.lower()
    assert '<span class="source">javascript:window.__pwned = 1</span>' in html  # shown, not linked
    data = client.get(f"/article/{HOSTILE_ID}.json").json()
    assert data["url"] is None and data["source_text"].startswith("javascript:")
    evil = data["actors"][1]["id"]
    assert client.get("/actor/" + quote(evil, safe="")).status_code == 200


def test_huge_article_renders(client) -> None:
    r = client.get(f"/article/{HUGE_ID}")
    assert r.status_code == 200 and len(r.content) > 1_000_000


def test_host_and_origin_checks(served_store) -> None:
    from fastapi.testclient import TestClient

    from veille.serve.web import create_app

    with TestClient(create_app(served_store[0], allowed_hosts=["127.0.0.1", "localhost"]),
                    base_url="http://127.0.0.1:8000") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "evil.example"}).status_code == 400  # DNS rebinding
        cross = c.post("/analyse.json", data={"text": "Un texte.", "understand": "false"},
                       headers={"origin": "http://evil.example"})
        assert cross.status_code == 403


def test_openapi_lists_the_twins_and_the_explorer_is_local(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/index.json", "/search.json", "/article/{article_id}.json", "/events.json",
                 "/actor/{actor_id}.json", "/story/{story_id}.json", "/map.json", "/alerts.json", "/events.csv",
                 "/alerts.atom"):
        assert path in spec["paths"], path
    docs = client.get("/docs").text
    srcs = [s.get("src") for s in parse(docs).scripts]
    assert "/vendor/swagger/swagger-ui-bundle.js" in srcs and all(s.startswith("/") for s in srcs)
    assert client.get("/vendor/swagger/swagger-ui-bundle.js").status_code == 200


def test_cli_serve_errors_are_one_line(tmp_path, capsys) -> None:
    from veille.cli import main

    assert main(["serve", "--db", str(tmp_path / "missing.db")]) == 7
    err = capsys.readouterr().err
    assert err.startswith("veille: error E020:") and err.count("\n") == 1
