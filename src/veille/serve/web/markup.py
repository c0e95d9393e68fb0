"""The article's text with its spans highlighted in place, as escaped HTML.

Spans (actor mentions, entities, quotes, event and relation evidence) may nest or
overlap. The text is cut at every span boundary; each piece is wrapped in one
``<mark>`` per span covering it, outermost (longest) first, so a quote holding an
actor mention shows both. Each ``<mark>`` carries ``data-ref`` (``quote-0``,
``ev-<id>``, ``actor-<id>``…), so the pieces of one span can be found again, and the
first piece of a quote, event or relation carries the anchor (``id``) the tables link
to. Actor mentions link to the actor's page. Every character of the text is escaped.
"""

from __future__ import annotations

from itertools import pairwise
from urllib.parse import quote

from markupsafe import Markup, escape

_ANCHORED = ("quote", "event", "relation")


def _href(span: dict) -> str | None:
    if span["kind"] in ("person", "country", "organisation", "place") and span.get("actor_id"):
        return "/actor/" + quote(str(span["actor_id"]), safe=":")
    return None


def highlight(text: str, spans: list[dict], field: str = "body", anchored: set[str] | None = None) -> Markup:
    """``text`` with the ``spans`` of ``field`` wrapped in ``<mark>`` elements (see the module);
    ``anchored`` (shared across the fields of one article) keeps each anchor id unique."""
    mine = [s for s in spans if s.get("field", "body") == field and 0 <= s["start"] < s["end"] <= len(text)]
    if not mine:
        return Markup(escape(text))
    cuts = sorted({0, len(text), *(s["start"] for s in mine), *(s["end"] for s in mine)})
    anchored = set() if anchored is None else anchored
    out: list[str] = []
    for lo, hi in pairwise(cuts):
        piece = str(escape(text[lo:hi]))
        covering = sorted((s for s in mine if s["start"] <= lo and hi <= s["end"]),
                          key=lambda s: (s["start"] - s["end"], s["start"]))
        if not covering:
            out.append(piece)
            continue
        link_done = False
        for s in reversed(covering):  # innermost first: wrap outwards
            href = None if link_done else _href(s)
            if href:
                piece = f'<a href="{escape(href)}">{piece}</a>'
                link_done = True
            attrs = f' class="hl hl-{escape(s["kind"])}" data-ref="{escape(s["ref"])}"'
            if s.get("label"):
                attrs += f' title="{escape(s["kind"])}: {escape(s["label"])}"'
            if s["kind"] in _ANCHORED and s["ref"] not in anchored:
                anchored.add(s["ref"])
                attrs += f' id="{escape(s["ref"])}" tabindex="-1"'
            piece = f"<mark{attrs}>{piece}</mark>"
        out.append(piece)
    return Markup("".join(out))
