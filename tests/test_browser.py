"""veille serve in a real browser: Debian's headless chromium driven by Playwright, against the
app served by uvicorn on 127.0.0.1. Every page opens without an error; search, filter and follow
an article to an actor and a story; highlights sit on the right words; the keyboard works and
every field has a label; hostile articles execute nothing."""

from __future__ import annotations

import contextlib
import json
from urllib.parse import quote

import pytest

from conftest import shared_path
from serve_fixtures import HOSTILE_ID, REFERENCE

pytest_plugins = ["serve_fixtures"]
pytestmark = pytest.mark.browser

PAGES = ["/", "/search", "/search?q=Poutine", "/search?in=quotes", "/search?in=events", "/events", "/map",
         "/map?level=country", "/alerts", "/analyse", "/docs", "/actor/Q7747", f"/article/{HOSTILE_ID}"]

# Set before any page script runs: records anything hostile content might manage to do.
TRAP = """
window.__alerts = [];
window.alert = window.confirm = window.prompt = function (m) { window.__alerts.push(String(m)); };
"""


@pytest.fixture
def page(browser, live):
    """A fresh page with its console errors, page errors and dialogs recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(TRAP)
    p = context.new_page()
    p.errors = []  # type: ignore[attr-defined]
    p.dialogs = []  # type: ignore[attr-defined]
    p.requests = []  # type: ignore[attr-defined]
    p.on("console", lambda m: p.errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
    p.on("pageerror", lambda e: p.errors.append(str(e)))  # type: ignore[attr-defined]
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    p.on("request", lambda r: p.requests.append(r.url))  # type: ignore[attr-defined]
    p.base = live.base  # type: ignore[attr-defined]
    yield p
    context.close()


def go(page, path: str):
    response = page.goto(page.base + path, wait_until="networkidle")
    assert response is not None and response.status == 200, path
    return response


@pytest.mark.parametrize("path", PAGES)
def test_every_page_opens_without_errors(page, path: str) -> None:
    go(page, path)
    assert page.errors == [], page.errors
    assert page.locator("h1").first.is_visible()
    assert all(u.startswith(page.base) for u in page.requests), page.requests  # nothing from elsewhere
    if path == "/docs":
        page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)  # the explorer ran, from local files


@pytest.mark.shared
def test_search_filter_and_follow_an_article_to_an_actor_and_a_story(page) -> None:
    shared_path("examples", "fr-poutine-kazakhstan.txt")  # the reference article is what 'Poutine' finds
    go(page, "/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "quick-q"
    page.keyboard.type("Poutine")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Poutine")
    assert page.locator("ol.results li").count() >= 1
    page.locator("aside.facets a").first.click()  # a facet filters: the URL says which
    page.wait_for_load_state("networkidle")
    assert "q=Poutine" in page.url and "&" in page.url
    go(page, "/search?q=Poutine")
    page.locator("ol.results a.title").first.click()
    page.wait_for_url("**/article/**")
    actor = page.locator('.body mark a[href^="/actor/"]').first
    name = actor.inner_text()
    actor.click()
    page.wait_for_url("**/actor/**")
    assert page.locator("h1").inner_text()
    assert name  # the mention that led here
    page.go_back()
    page.wait_for_url("**/article/**")
    page.get_by_role("link", name="the story").click()
    page.wait_for_url("**/story/**")
    assert page.locator("table tbody tr").count() >= 1
    assert page.errors == []


def test_events_filter_by_form_and_export_link(page) -> None:
    go(page, "/events")
    page.select_option("#f-type", "CONSULT")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/events?*type=CONSULT*")
    types = page.locator("table.events tbody td:nth-child(2) .type").all_inner_texts()
    assert types and set(types) == {"CONSULT"}
    assert "type=CONSULT" in page.get_by_role("link", name="CSV").get_attribute("href")
    evidence = page.locator("ul.mentions a").first
    href = evidence.get_attribute("href")
    evidence.click()
    page.wait_for_url("**/article/**")
    anchor = href.split("#", 1)[1]
    assert page.evaluate("decodeURIComponent(location.hash.slice(1))") == anchor
    assert page.locator(f'[id="{anchor}"]').is_visible()  # the evidence, highlighted, in view


@pytest.mark.shared
def test_highlights_sit_on_the_right_words(page) -> None:
    if not REFERENCE.exists():
        pytest.skip("needs ../shared")
    import httpx

    aid = httpx.get(page.base + "/search.json", params={"q": "Poutine Kazakhstan Tokaïev"}).json()["results"][0]["id"]
    data = httpx.get(f"{page.base}/article/{aid}.json").json()
    go(page, f"/article/{aid}")
    joined = page.evaluate("""() => {
        const out = {};
        document.querySelectorAll('.hl-field mark[data-ref]').forEach(m => {
            const field = m.closest('.hl-field').dataset.field;
            const key = field + '|' + m.dataset.ref;
            (out[key] = out[key] || []).push(m.textContent);
        });
        return out;
    }""")
    for i, q in enumerate(data["quotes"]):
        field = q["span"]["field"]
        assert "".join(joined[f"{field}|quote-{i}"]) == q["text"]
    for e in data["events"]:
        ev = e["evidence"]
        assert "".join(joined[f"{ev['field']}|ev-{e['id']}"]) == ev["text"]
    putin = [sp["text"] for sp in data["spans"] if sp.get("actor_id") == "Q7747" and sp["kind"] == "person"
             and sp["field"] == "body"]
    marks = page.locator('.body mark[data-ref="actor-Q7747"]').all_inner_texts()
    assert marks == putin and "Vladimir Poutine" in marks
    # the legend: one colour per kind; unticking a kind takes its colour off the text
    quote_mark = page.locator(".body mark.hl-quote").first
    before = quote_mark.evaluate("m => getComputedStyle(m).backgroundColor")
    page.locator('input.toggle[data-kind="quote"]').uncheck()
    after = quote_mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert before != after and after in ("rgba(0, 0, 0, 0)", "transparent")


def test_keyboard_navigation_and_labels(page) -> None:
    go(page, "/search?q=Dakar")  # a word of the samples this project wrote: found with or without ../shared
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("j")
    first = page.locator("ol.results li").first
    assert "selected" in first.get_attribute("class")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused and focused.startswith("/article/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/article/**")
    for path in ("/search", "/events", "/map", "/analyse", "/"):
        go(page, path)
        unlabelled = page.evaluate("""() => Array.from(document.querySelectorAll(
            'input:not([type=hidden]), select, textarea')).filter(e => !(e.labels && e.labels.length)
            && !e.getAttribute('aria-label')).map(e => e.name || e.id)""")
        assert unlabelled == [], (path, unlabelled)
        assert page.evaluate("Array.from(document.querySelectorAll('svg[role=img]')).every(s => s.getAttribute('aria-label'))")


def _assert_nothing_ran(page) -> None:
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("window.__alerts") == [] and page.dialogs == []
    foreign = page.evaluate("""() => Array.from(document.scripts).map(s => s.getAttribute('src') || 'inline')
        .filter(s => !s.startsWith('/static/') && !s.startsWith('/vendor/'))""")
    assert foreign == []
    handlers = page.evaluate("""() => Array.from(document.querySelectorAll('*')).flatMap(e =>
        Array.from(e.attributes).filter(a => a.name.startsWith('on')).map(a => e.tagName + '.' + a.name))""")
    assert handlers == []
    bad = page.evaluate("""() => Array.from(document.querySelectorAll('[href], [src]')).map(e =>
        e.getAttribute('href') || e.getAttribute('src')).filter(u => /^\\s*(javascript|data|vbscript):/i.test(u))""")
    assert bad == []
    assert page.evaluate("document.body.offsetHeight") > 100  # the injected style did not hide the page


@pytest.mark.parametrize("path", [f"/article/{HOSTILE_ID}", "/search?q=pi%C3%A9g%C3%A9", "/search?in=quotes&q=discours",
                                  "/events?q=Astana", "/search?in=events&q=Astana", "/map", "/",
                                  "/actor/" + quote('veille:evil:"><script>window.__pwned=1</script>', safe="")])
def test_hostile_articles_execute_nothing(page, path: str) -> None:
    go(page, path)
    page.mouse.move(300, 400)
    for el in page.locator("mark, b, a").all()[:40]:  # hover what an onmouseover would have sat on
        with contextlib.suppress(Exception):  # hidden or detached: nothing to hover
            el.hover(timeout=500)
    _assert_nothing_ran(page)
    assert page.errors == [], page.errors


def test_a_hostile_upload_to_analyse_executes_nothing(page, tmp_path) -> None:
    hostile = tmp_path / "page.html"
    hostile.write_text("<html><head><title>T<script>window.__pwned=1</script></title>"
                       "<script>window.__pwned = 1</script><style>body{display:none}</style></head>"
                       "<body onload='window.__pwned=1'><article><h1>Titre <img src=x onerror='window.__pwned=1'></h1>"
                       "<p>Le ministre a déclaré : « &lt;script&gt;window.__pwned=1&lt;/script&gt; » hier à Paris, "
                       "selon un communiqué publié par le gouvernement français dans la soirée.</p>"
                       "<p><a href='javascript:window.__pwned=1'>lien</a> <svg onload='window.__pwned=1'></svg> "
                       "Le texte continue avec une deuxième phrase assez longue pour être gardée par la réparation.</p>"
                       "</article></body></html>", encoding="utf-8")
    go(page, "/analyse")
    page.set_input_files("#a-file", str(hostile))
    page.locator('input[name="understand"]').uncheck()
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_load_state("networkidle")
    assert "Not stored" in page.content()
    assert "<script>window.__pwned=1</script>" in page.locator(".body").inner_text()  # shown as text
    _assert_nothing_ran(page)
    assert json.loads(json.dumps(page.errors)) == []
