"""Charts as inline SVG, drawn on the server: no script, no library, nothing fetched.

Each function returns :class:`markupsafe.Markup` with every text escaped and every
link an internal path (callers give paths built from ids, never stored URLs).
Colours are SVG presentation attributes, not ``style=`` (the Content-Security-Policy
allows no inline style). Every chart has a ``<title>`` and ``role="img"`` with a
label, and each mark its own ``<title>`` as a tooltip.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from urllib.parse import quote

from markupsafe import Markup, escape

COLOURS = {"actor": "#1f77b4", "recipient": "#ff7f0e", "article": "#4c78a8", "event": "#e45756",
           "quote": "#54a24b", "conflict": "#d62728", "cooperation": "#2ca02c", "relation": "#4c78a8",
           "city": "#e45756", "country": "#4c78a8"}


def _e(value: object) -> str:
    return str(escape("" if value is None else value))


def _svg(width: int, height: int, label: str, body: list[str], cls: str = "chart") -> Markup:
    return Markup(f'<svg class="{cls}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
                  f'role="img" aria-label="{_e(label)}" xmlns="http://www.w3.org/2000/svg">'
                  f"<title>{_e(label)}</title>{''.join(body)}</svg>")


def _link(href: str | None, inner: str) -> str:
    if not href or not href.startswith("/"):
        return inner
    return f'<a href="{_e(href)}">{inner}</a>'


def sparkline(values: Sequence[int], label: str, width: int = 140, height: int = 30) -> Markup:
    """Bars of daily counts (newest right), with the count of each day as a tooltip."""
    n = max(1, len(values))
    top = max(values) if values and max(values) > 0 else 1
    w = width / n
    body = []
    for i, v in enumerate(values):
        h = (height - 4) * v / top
        body.append(f'<rect x="{i * w + 1:.1f}" y="{height - 2 - h:.1f}" width="{max(1.0, w - 2):.1f}" '
                    f'height="{max(h, 0.5):.1f}" fill="{COLOURS["article"]}"><title>{v}</title></rect>')
    body.append(f'<line x1="0" y1="{height - 1.5}" x2="{width}" y2="{height - 1.5}" stroke="#999" stroke-width="1"/>')
    return _svg(width, height, label, body, "spark")


def hbars(items: Sequence[tuple[str, int, str | None]], label: str, width: int = 360, bar: int = 18) -> Markup:
    """Horizontal bars: (label, value, link) per row, largest first as given."""
    if not items:
        return Markup("")
    top = max(v for _, v, _ in items) or 1
    text_w = 150
    height = bar * len(items) + 4
    body = []
    for i, (name, value, href) in enumerate(items):
        y = i * bar + 2
        w = (width - text_w - 40) * value / top
        short = name if len(name) <= 24 else name[:23] + "…"
        row = (f'<text x="{text_w - 6}" y="{y + bar * 0.7:.1f}" text-anchor="end" font-size="12">{_e(short)}</text>'
               f'<rect x="{text_w}" y="{y + 2}" width="{max(w, 1):.1f}" height="{bar - 5}" fill="{COLOURS["article"]}">'
               f"<title>{_e(name)}: {value}</title></rect>"
               f'<text x="{text_w + w + 4:.1f}" y="{y + bar * 0.7:.1f}" font-size="11">{value}</text>')
        body.append(_link(href, row))
    return _svg(width, height, label, body)


def month_bars(rows: Sequence[dict], keys: Sequence[str], label: str, width: int = 640, height: int = 150,
               href: str | None = None) -> Markup:
    """Grouped vertical bars per month (``rows``: ``{"month": "2024-11", key: count, …}``);
    with ``href`` (a path ending in ``month=``) each month links to itself."""
    if not rows:
        return Markup("")
    top = max(max(int(r.get(k) or 0) for k in keys) for r in rows) or 1
    n = len(rows)
    slot = (width - 40) / n
    bw = max(1.0, min(18.0, (slot - 2) / len(keys)))
    body = [f'<line x1="30" y1="{height - 20}" x2="{width}" y2="{height - 20}" stroke="#999"/>',
            f'<text x="26" y="12" text-anchor="end" font-size="10">{top}</text>']
    for i, r in enumerate(rows):
        x0 = 32 + i * slot
        marks = []
        for j, k in enumerate(keys):
            v = int(r.get(k) or 0)
            h = (height - 36) * v / top
            marks.append(f'<rect x="{x0 + j * bw:.1f}" y="{height - 20 - h:.1f}" width="{bw - 1:.1f}" '
                         f'height="{max(h, 0.5):.1f}" fill="{COLOURS.get(k, "#888")}">'
                         f"<title>{_e(r['month'])} · {_e(k)}: {v}</title></rect>")
        if n <= 24 or i % max(1, n // 12) == 0:
            marks.append(f'<text x="{x0:.1f}" y="{height - 6}" font-size="9">{_e(r["month"])}</text>')
        body.append(_link(f"{href}{r['month']}" if href else None, "".join(marks)))
    legend = "".join(f'<rect x="{40 + i * 90}" y="2" width="10" height="10" fill="{COLOURS.get(k, "#888")}"/>'
                     f'<text x="{54 + i * 90}" y="11" font-size="11">{_e(k)}</text>' for i, k in enumerate(keys))
    body.append(legend)
    return _svg(width, height, label, body)


def _ordinal(value: str | None) -> int | None:
    if not value:
        return None
    text = str(value)
    for size, pad in ((10, ""), (7, "-15"), (4, "-07-01")):
        try:
            return date.fromisoformat(text[:size] + pad).toordinal() if len(text) >= size else None
        except ValueError:
            continue
    return None


def timeline(points: Sequence[dict], label: str, kinds: Sequence[str] = ("article", "event", "quote"),
             width: int = 760) -> Markup:
    """One row per kind, a dot per point at its date (``{"date", "kind", "label", "href"}``)."""
    dated = [(p, d) for p in points if (d := _ordinal(p.get("date"))) is not None]
    if not dated:
        return Markup("")
    lo = min(d for _, d in dated)
    hi = max(d for _, d in dated)
    span = max(1, hi - lo)
    row_h, left = 26, 70
    height = row_h * len(kinds) + 30
    body = []
    for i, k in enumerate(kinds):
        y = 14 + i * row_h
        body.append(f'<text x="{left - 8}" y="{y + 4}" text-anchor="end" font-size="11">{_e(k)}s</text>'
                    f'<line x1="{left}" y1="{y}" x2="{width - 10}" y2="{y}" stroke="#ddd"/>')
    seen: dict[tuple[str, int], int] = {}
    for p, d in dated:
        if p.get("kind") not in kinds:
            continue
        i = list(kinds).index(p["kind"])
        x = left + (width - left - 20) * (d - lo) / span
        stack = seen.get((p["kind"], round(x)), 0)
        seen[(p["kind"], round(x))] = stack + 1
        y = 14 + i * row_h - min(stack, 3) * 3
        dot = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{COLOURS.get(p["kind"], "#888")}" fill-opacity="0.75">'
               f"<title>{_e(p.get('date'))} · {_e(p.get('label'))}</title></circle>")
        body.append(_link(p.get("href"), dot))
    y = height - 8
    body.append(f'<text x="{left}" y="{y}" font-size="10">{_e(date.fromordinal(lo).isoformat())}</text>'
                f'<text x="{width - 10}" y="{y}" text-anchor="end" font-size="10">'
                f"{_e(date.fromordinal(hi).isoformat())}</text>")
    return _svg(width, height, label, body)


def network(centre: str, edges: Sequence[dict], label: str, size: int = 520, width: int = 760) -> Markup:
    """The actor in the centre and the actors it is linked to around it.

    ``edges``: ``{"other", "name", "type", "kind", "outgoing", "n"}``; one line per other
    actor, coloured by the strongest kind (conflict, cooperation, relation), as thick as
    the links are many, an arrow towards whoever the action is done to; each neighbour
    links to its page."""
    if not edges:
        return Markup("")
    by_other: dict[str, list[dict]] = {}
    for e in edges:
        by_other.setdefault(e["other"], []).append(e)
    others = sorted(by_other, key=lambda o: -sum(e["n"] for e in by_other[o]))[:24]
    cx, cy = width / 2, size / 2
    radius = size / 2 - 60
    top = max(sum(e["n"] for e in by_other[o]) for o in others) or 1
    body = ['<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" '
            'markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/>'
            '</marker></defs>']
    nodes = []
    for i, o in enumerate(others):
        angle = 2 * math.pi * i / len(others) - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        links = by_other[o]
        n = sum(e["n"] for e in links)
        kinds = {e["kind"] for e in links}
        kind = "conflict" if "conflict" in kinds else ("cooperation" if "cooperation" in kinds else "relation")
        what = "; ".join(f"{e['type']} ({'→' if e['outgoing'] else '←'}) ×{e['n']}" for e in links)
        out_ = any(e["outgoing"] for e in links)
        x1, y1, x2, y2 = (cx, cy, x, y) if out_ else (x, y, cx, cy)
        shrink = 22 / max(1.0, math.hypot(x2 - x1, y2 - y1))
        x2s, y2s = x2 - (x2 - x1) * shrink, y2 - (y2 - y1) * shrink
        body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2s:.1f}" y2="{y2s:.1f}" stroke="{COLOURS[kind]}" '
                    f'stroke-width="{1 + 5 * n / top:.1f}" stroke-opacity="0.7" marker-end="url(#arrow)">'
                    f"<title>{_e(links[0]['name'])}: {_e(what)}</title></line>")
        anchor = "start" if math.cos(angle) > 0.2 else ("end" if math.cos(angle) < -0.2 else "middle")
        tx = x + 12 * math.cos(angle)
        ty = y + 12 * math.sin(angle) + 4
        name = links[0]["name"] or o
        short = name if len(name) <= 22 else name[:21] + "…"
        node = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="#fff" stroke="{COLOURS[kind]}" stroke-width="2">'
                f"<title>{_e(name)}: {_e(what)}</title></circle>"
                f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" font-size="12">{_e(short)}</text>')
        nodes.append(_link(f"/actor/{quote(o, safe=':')}", node))
    body += nodes
    body.append(f'<circle cx="{cx}" cy="{cy}" r="20" fill="#333"/>'
                f'<text x="{cx}" y="{cy + 36}" text-anchor="middle" font-size="13" font-weight="bold">{_e(centre)}</text>')
    legend = "".join(f'<line x1="10" y1="{14 + i * 16}" x2="30" y2="{14 + i * 16}" stroke="{COLOURS[k]}" '
                     f'stroke-width="3"/><text x="36" y="{18 + i * 16}" font-size="11">{k}</text>'
                     for i, k in enumerate(("cooperation", "conflict", "relation")))
    body.append(legend)
    return _svg(width, size, label, body)


# Robinson projection (the table of Robinson 1974), which is the projection of the world map
# that the ``pygal_maps_world`` package installs; scale and centre fitted to that map's viewBox.
_ROBINSON = ((1.0000, 0.0000), (0.9986, 0.0620), (0.9954, 0.1240), (0.9900, 0.1860), (0.9822, 0.2480),
             (0.9730, 0.3100), (0.9600, 0.3720), (0.9427, 0.4340), (0.9216, 0.4958), (0.8962, 0.5571),
             (0.8679, 0.6176), (0.8350, 0.6769), (0.7986, 0.7346), (0.7597, 0.7903), (0.7186, 0.8435),
             (0.6732, 0.8936), (0.6213, 0.9394), (0.5722, 0.9761), (0.5322, 1.0000))
MAP_SIZE = (2475, 1388)
"""The base map's viewBox (pygal_maps_world's worldmap.svg)."""
_SCALE, _CX, _CY = 516.76, 1205.18, 689.25


def robinson(lat: float, lon: float) -> tuple[float, float]:
    """Map coordinates of a point (the base map's viewBox units)."""
    a = min(90.0, abs(lat))
    i = min(int(a // 5), 17)
    f = (a - 5 * i) / 5
    x = _ROBINSON[i][0] + (_ROBINSON[i + 1][0] - _ROBINSON[i][0]) * f
    y = _ROBINSON[i][1] + (_ROBINSON[i + 1][1] - _ROBINSON[i][1]) * f
    return (_CX + _SCALE * 0.8487 * x * math.radians(max(-180.0, min(180.0, lon))),
            _CY - _SCALE * 1.3523 * y * math.copysign(1.0, lat))


def world_map(cities: Sequence[dict], countries: Sequence[dict], label: str, level: str = "city",
              query: str = "", base: str | None = None) -> Markup:
    """Event places on a world map (Robinson projection): a circle per place (``level="city"``)
    or per country (area ∝ events), each linking to the events there. ``base`` is the URL of
    the base map (countries, from an installed package, drawn as an image: nothing runs in it);
    without it, a graticule only. No tiles: nothing is fetched from elsewhere."""
    width, height = MAP_SIZE
    body = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eef4f8"/>']
    for lon in range(-180, 181, 30):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (robinson(lat, lon) for lat in range(-90, 91, 5)))
        body.append(f'<polyline points="{pts}" fill="none" stroke="#d3dde5" stroke-width="2"/>')
    for lat in range(-60, 61, 30):
        (x0, y), (x1, _) = robinson(lat, -180), robinson(lat, 180)
        body.append(f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}" stroke="#d3dde5" '
                    f'stroke-width="{4 if lat == 0 else 2}"/>')
    if base:
        body.append(f'<image href="{_e(base)}" x="0" y="0" width="{width}" height="{height}" opacity="0.9"/>')
    marks = cities if level == "city" else countries
    top = max((m["events"] for m in marks), default=1) or 1
    extra = f"&{query}" if query else ""
    for m in sorted(marks, key=lambda m: -m["events"]):
        x, y = robinson(m["latitude"], m["longitude"])
        r = 8 + 42 * math.sqrt(m["events"] / top)
        href: str | None
        if level == "city":
            name = f"{m.get('name')} ({m.get('country') or '?'})"
            href = f"/events?place={quote(str(m.get('name') or ''))}{extra}"
        else:
            name = m.get("country") or "?"
            href = f"/events?place={quote(m['country'])}{extra}" if m.get("country") else None
        colour = COLOURS["city" if level == "city" else "country"]
        dot = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" fill-opacity="0.6" stroke="#fff" '
               f'stroke-width="3"><title>{_e(name)}: {m["events"]} events</title></circle>')
        if level == "country" or m["events"] >= top / 4:
            dot += (f'<text x="{x + r + 6:.1f}" y="{y + 10:.1f}" font-size="30" stroke="#fff" stroke-width="6" '
                    f'paint-order="stroke">{_e(name)}</text>')
        body.append(_link(href, dot))
    return Markup(f'<svg class="map" viewBox="0 0 {width} {height}" width="960" height="{960 * height // width}" '
                  f'role="img" aria-label="{_e(label)}" xmlns="http://www.w3.org/2000/svg">'
                  f"<title>{_e(label)}</title>{''.join(body)}</svg>")
