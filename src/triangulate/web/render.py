"""HTML fragments built in Python: highlighted article text, figure charts and the copy graph.

Every piece of text that comes from data goes through `markupsafe.escape`; the result is `Markup`."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

# kind -> CSS class; later kinds are drawn on top (the class list keeps all of them)
KINDS = ("copy", "claim", "figure", "place", "actor", "time")


def highlight(text: str, spans: list[dict[str, Any]], anchors: list[int] | None = None) -> Markup:
    """`text` with `spans` ({start, end, kind, title?, href?}) marked up. Overlapping spans are split into
    segments carrying every active span's class; a segment inside a span with `href` becomes a link."""
    n = len(text)
    clean = []
    for s in spans:
        try:
            a, b = int(s["start"]), int(s["end"])
        except (KeyError, TypeError, ValueError):
            continue
        a, b = max(0, a), min(n, b)
        if a < b:
            clean.append({**s, "start": a, "end": b})
    marks = {int(a) for a in anchors or [] if isinstance(a, int) and 0 <= a < n}
    cuts = sorted({0, n, *marks, *(s["start"] for s in clean), *(s["end"] for s in clean)})
    out: list[str] = []
    starts: dict[int, list[dict[str, Any]]] = {}
    for s in clean:
        starts.setdefault(s["start"], []).append(s)
    active: list[dict[str, Any]] = []
    for i in range(len(cuts) - 1):
        a, b = cuts[i], cuts[i + 1]
        active = [s for s in active if s["end"] > a] + starts.get(a, [])
        if a in marks:
            out.append(f'<span class="anchor" id="c{a}"></span>')
        seg = escape(text[a:b])
        if not active:
            out.append(str(seg).replace("\n", "<br>\n"))
            continue
        classes = sorted({f"hl hl-{s['kind']}" for s in active})
        titles = [s["title"] for s in active if s.get("title")]
        attrs = f' class="{" ".join(classes)}"'
        if titles:
            attrs += f' title="{escape(" | ".join(dict.fromkeys(titles)))}"'
        ids = [s["id"] for s in active if s.get("id")]
        if ids:
            attrs += f' data-ids="{escape(" ".join(ids))}"'
        body = str(seg).replace("\n", "<br>\n")
        href = next((s["href"] for s in active if s.get("href")), None)
        if href:
            out.append(f'<a href="{escape(href)}"{attrs}>{body}</a>')
        else:
            out.append(f"<span{attrs}>{body}</span>")
    return Markup("".join(out))


def article_spans(article: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans to highlight in an article page: copied passages, claims, figures, places, actors, times."""
    spans: list[dict[str, Any]] = []
    for c in article.get("copied_from", []):
        other = str(c["other_id"])
        wire = other.startswith("wire:")  # a credited wire agency, not an article in the database: no link
        for p in c.get("passages", []):
            span = {"start": p[0], "end": p[1], "kind": "copy",
                    "title": f"credited to {other[5:]} (wire copy)" if wire
                    else f"shared with {c.get('outlet') or other} (earlier)"}
            if not wire:
                span["href"] = f"/articles/{quote(other)}"
            spans.append(span)
    for c in article.get("copied_by", []):
        for p in c.get("passages", []):
            if len(p) >= 4:
                spans.append({"start": p[2], "end": p[3], "kind": "copy",
                              "href": f"/articles/{quote(c['other_id'])}",
                              "title": f"copied by {c.get('outlet') or c['other_id']}"})
    for c in article.get("claims", []):
        who = c.get("attributed_to") or "unattributed"
        spans.append({"start": c.get("start"), "end": c.get("end"), "kind": "claim", "id": c.get("id"),
                      "title": f"claim ({c.get('kind')}) by {who}"})
    for f in article.get("figures", []):
        if f.get("in_title"):
            continue  # its offsets point into the title, not the body highlighted here
        label = f"{f.get('category')}: {f.get('qualifier')} {_num(f.get('value'))}"
        if f.get("attributed_to"):
            label += f" according to {f['attributed_to']}"
        spans.append({"start": f.get("start"), "end": f.get("end"), "kind": "figure", "id": f.get("id"),
                      "title": label})
    ann = article.get("annotations") or {}
    for p in ann.get("places", []):
        pl = p.get("place") or {}
        title = "place: " + (pl.get("name") or "unresolved")
        if pl.get("country"):
            title += f" ({pl.get('admin1') or ''} {pl['country']})"
        spans.append({"start": p.get("start"), "end": p.get("end"), "kind": "place", "title": title})
    for a in ann.get("actors", []):
        spans.append({"start": a.get("start"), "end": a.get("end"), "kind": "actor",
                      "title": "actor: " + (a.get("actor") or a.get("text") or "")})
    for t in ann.get("times", []):
        spans.append({"start": t.get("start"), "end": t.get("end"), "kind": "time",
                      "title": "time: " + str(t.get("value"))})
    return spans


def _num(v: Any) -> str:
    if v is None:
        return "?"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def series_chart(series: dict[str, Any], outlets: dict[str, str] | None = None, width: int = 420,
                 height: int = 170) -> Markup:
    """An inline SVG step chart of one figure series (values over their as-of dates, in report order)."""
    pts = [p for p in series.get("points") or [] if p.get("value") is not None]
    if not pts:
        return Markup("")
    pts = sorted(pts, key=lambda p: (str(p.get("as_of") or ""),))
    vals = [float(p["value"]) for p in pts]
    vmax = max(vals) or 1.0
    left, right, top, bottom = 48, 40, 22, 38
    w, h = width - left - right, height - top - bottom
    xs = [left + (w * i / (len(pts) - 1) if len(pts) > 1 else w / 2) for i in range(len(pts))]
    ys = [top + h - h * v / vmax for v in vals]
    outlets = outlets or {}
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{escape(series.get("category") or "figure")} over time">']
    parts.append(f'<line x1="{left}" y1="{top + h}" x2="{left + w}" y2="{top + h}" class="axis"/>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + h}" class="axis"/>')
    for frac in (0, 0.5, 1):
        y = top + h - h * frac
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">'
                     f'{_num(round(vmax * frac))}</text>')
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(zip(xs, ys)))
    parts.append(f'<path d="{path}" class="line"/>')
    for p, x, y in zip(pts, xs, ys):
        src = p.get("attributed_to") or "unattributed"
        outlet = outlets.get(p.get("article_id") or "", "")
        tip = f"{_num(p['value'])} ({p.get('qualifier') or 'exact'}) as of {p.get('as_of') or '?'}: {src}"
        if outlet:
            tip += f", reported by {outlet}"
        href = f"/articles/{quote(p['article_id'])}" if p.get("article_id") else None
        dot = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" class="dot"><title>{escape(tip)}</title></circle>'
               f'<text x="{x:.1f}" y="{y - 9:.1f}" class="val" text-anchor="middle">{escape(_num(p["value"]))}</text>'
               f'<text x="{x:.1f}" y="{top + h + 16}" class="tick" text-anchor="middle">'
               f'{escape(str(p.get("as_of") or "?"))}</text>')
        parts.append(f'<a href="{escape(href)}">{dot}</a>' if href else dot)
    parts.append("</svg>")
    return Markup("".join(parts))


def copy_graph(articles: list[dict[str, Any]], copies: list[dict[str, Any]], first_reporter: str | None = None,
               width: int = 640) -> Markup:
    """An SVG of who copied whom: articles left to right in publication order, arcs from source to copy."""
    if not articles:
        return Markup("")
    order = sorted(articles, key=lambda a: (str(a.get("published") or "9999"), a.get("seq") or 0))
    n = len(order)
    height = 150 if any(c["article_id"] in {a["id"] for a in articles} for c in copies) else 80
    pad = 70
    step = (width - 2 * pad) / (n - 1) if n > 1 else 0
    pos = {a["id"]: (pad + step * i if n > 1 else width / 2, height - 55) for i, a in enumerate(order)}
    parts = [f'<svg class="graph" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             'aria-label="copy graph">',
             '<defs><marker id="arr" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>']
    for c in copies:
        if c["article_id"] not in pos or c["source_id"] not in pos:
            continue
        (x1, y1), (x2, y2) = pos[c["source_id"]], pos[c["article_id"]]
        lift = 25 + min(55, abs(x2 - x1) / 4)
        mx = (x1 + x2) / 2
        share = float(c.get("share") or 0)
        sw = 1 + 4 * min(1.0, share)
        parts.append(f'<path d="M{x1:.1f},{y1 - 12} Q{mx:.1f},{y1 - 12 - 2 * lift:.1f} {x2:.1f},{y2 - 12}" '
                     f'class="edge" stroke-width="{sw:.1f}" marker-end="url(#arr)"><title>'
                     f'{escape(c["article_id"])} shares {int(c.get("shared_chars") or 0)} characters '
                     f'({share:.0%}) with {escape(c["source_id"])}</title></path>')
    for a in order:
        x, y = pos[a["id"]]
        cls = "node first" if a["id"] == first_reporter else "node"
        label = str(a.get("outlet") or a["id"])
        if len(label) > 18:
            label = label[:17] + "…"
        parts.append(f'<a href="/articles/{escape(quote(a["id"]))}"><circle cx="{x:.1f}" cy="{y}" r="11" '
                     f'class="{cls}"><title>{escape(a.get("title") or a["id"])}</title></circle>'
                     f'<text x="{x:.1f}" y="{y + 28}" text-anchor="middle" class="label">{escape(label[:22])}</text>'
                     f'<text x="{x:.1f}" y="{y + 42}" text-anchor="middle" class="tick">'
                     f'{escape(str(a.get("published") or "")[:10])}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def timeline(articles: list[dict[str, Any]], events: list[dict[str, Any]], width: int = 640) -> Markup:
    """A horizontal SVG strip: articles (circles, above) and events (diamonds, below) on a shared date axis."""
    from datetime import date

    def day(v: Any) -> date | None:
        try:
            return date.fromisoformat(str(v)[:10])
        except (TypeError, ValueError):
            return None

    items = [("article", a, day(a.get("published"))) for a in articles] + \
            [("event", e, day(e.get("date"))) for e in events]
    items = [i for i in items if i[2] is not None]
    if not items:
        return Markup("")
    d0 = min(i[2] for i in items)
    d1 = max(i[2] for i in items)
    span = max(1, (d1 - d0).days)
    pad = 50
    w = width - 2 * pad

    def xpos(d: date) -> float:
        return pad + w * (d - d0).days / span

    # stack same-day marks: articles above the axis, events below; the strip grows with the tallest stack
    stacks: dict[tuple[str, int], int] = {}
    placed = []
    for kind, rec, d in items:
        x = xpos(d)
        k = (kind, round(x))
        placed.append((kind, rec, x, stacks.get(k, 0)))
        stacks[k] = stacks.get(k, 0) + 1
    n_art = max([v for (kind, _), v in stacks.items() if kind == "article"], default=0)
    n_ev = max([v for (kind, _), v in stacks.items() if kind == "event"], default=0)
    axis = 16 + 11 * max(1, n_art)
    tick_y = axis + 14 + 13 * max(1, n_ev) + 4
    height = tick_y + 8
    parts = [f'<svg class="timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="timeline">', f'<line x1="{pad}" y1="{axis}" x2="{pad + w}" y2="{axis}" class="axis"/>']
    ticks = sorted({i[2] for i in items})
    if len(ticks) > 8:
        ticks = [ticks[int(k * (len(ticks) - 1) / 7)] for k in range(8)]
    last_x = -1e9
    for t in ticks:
        x = xpos(t)
        if x - last_x < 72:  # a date label is ~65px wide: never print two on top of each other
            continue
        last_x = x
        parts.append(f'<text x="{x:.1f}" y="{tick_y}" class="tick" text-anchor="middle">{t.isoformat()}</text>')
    for kind, rec, x, stack in placed:
        if kind == "article":
            y = axis - 10 - 11 * stack
            tip = f"{rec.get('published')}: {rec.get('outlet') or ''} - {rec.get('title') or rec['id']}"
            parts.append(f'<a href="/articles/{escape(quote(rec["id"]))}"><circle cx="{x:.1f}" cy="{y}" r="5" '
                         f'class="t-article"><title>{escape(tip)}</title></circle></a>')
        else:
            y = axis + 8 + 13 * stack
            tip = f"{rec.get('date')}: {rec.get('event_type')} / {rec.get('sub_event_type')}"
            if (rec.get("place") or {}).get("name"):
                tip += f" at {rec['place']['name']}"
            parts.append(f'<path d="M{x:.1f},{y - 6} l6,6 l-6,6 l-6,-6 z" class="t-event"><title>{escape(tip)}'
                         '</title></path>')
    parts.append("</svg>")
    return Markup("".join(parts))


def fmt_num(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        if v.is_integer():
            return f"{int(v):,}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)
