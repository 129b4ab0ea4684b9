"""`triangulate report`: one self-contained HTML file (inline CSS and SVG, no scripts, no network)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, select_autoescape

from triangulate.export import bundle
from triangulate.store import Store

TEMPLATE = r"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>triangulate report</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d232b;background:#f6f7f9}
header{background:#1d3557;color:#fff;padding:14px 28px}header h1{margin:0;font-size:20px}
main{max-width:1150px;margin:0 auto;padding:18px 28px}
section.story{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:18px 22px;margin:0 0 26px}
h2{margin:0 0 4px;font-size:19px}h3{font-size:15px;margin:18px 0 6px;color:#1d3557}
.meta{color:#5b6573;font-size:13px}.summary{margin:8px 0}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e6e9ed;padding:4px 6px;
text-align:left;vertical-align:top}th{background:#f0f2f5}
.tag{display:inline-block;padding:0 6px;border-radius:4px;font-size:12px;background:#e8eef7;color:#1d3557}
.inferred{color:#a05a00}.bg{color:#7a8290}.dis{border-left:4px solid #c1121f;background:#fff5f5;padding:6px 10px;margin:6px 0}
.side{margin:2px 0 2px 12px}.src{font-weight:600}.quote{color:#444}
svg text{font:11px system-ui,sans-serif}
</style></head><body>
<header><h1>triangulate report</h1><div class="meta">{{ n_articles }} articles, {{ stories|length }} stories,
generated {{ generated_at }}</div></header>
<main>
<nav><h3>Stories</h3><ol>{% for s in stories %}<li><a href="#{{ s.id }}">{{ s.title or s.id }}</a>
<span class="meta">({{ s.article_ids|length }} articles{% if s.disagreements %}, {{ s.disagreements|length }}
disagreements{% endif %})</span></li>{% endfor %}</ol></nav>
{% for s in stories %}
<section class="story" id="{{ s.id }}">
<h2>{{ s.title or s.id }}</h2>
<div class="meta">{{ s.id }} &middot; {{ (s.first_published or '?')[:10] }} &ndash; {{ (s.last_published or '?')[:10] }}
{% if s.first_reporter %}&middot; first reported by {{ s.first_reporter }}{% endif %}</div>
{% if s.summary_sentences %}<p class="summary">{% for x in s.summary_sentences %}{{ x.text }}
<sup><a href="#art-{{ x.article_id }}">{{ loop.index }}</a></sup> {% endfor %}</p>
{% elif s.summary %}<p class="summary">{{ s.summary }}</p>{% endif %}

<h3>Articles by outlet and time</h3>
<table><tr><th>published</th><th>outlet</th><th>title</th><th>copied from</th></tr>
{% for a in articles_of[s.id] %}<tr id="art-{{ a.id }}"><td>{{ (a.published or '?')[:16] }}
{% if a.published_inferred %}<span class="inferred" title="{{ a.published_method }}">(inferred)</span>{% endif %}</td>
<td>{{ a.outlet or '?' }}</td><td>{{ a.title or a.id }}<div class="meta">{{ a.id }}</div></td>
<td>{% for c in a.copied_from %}<div>{{ c.article_id }} <span class="tag">{{ '%d'|format(c.share*100) }}%</span></div>
{% endfor %}{% if a.duplicate_of %}<div>duplicate of {{ a.duplicate_of }}</div>{% endif %}</td></tr>{% endfor %}
</table>
{% if s.independent_groups %}<p class="meta">Independent source groups: {% for g in s.independent_groups %}
[{{ g|join(', ') }}] {% endfor %}</p>{% endif %}

<h3>Events</h3>
{% if s.events %}<table><tr><th>date</th><th>type</th><th>actors</th><th>place</th><th>fatalities</th><th>reported by</th></tr>
{% for e in s.events %}<tr class="{{ 'bg' if e.background else '' }}"><td>{{ e.date or '?' }}
<span class="meta">p{{ e.date_precision or '?' }}</span>{% if e.background %} <span class="tag">background</span>{% endif %}</td>
<td>{{ e.event_type }}<div class="meta">{{ e.sub_event_type }}</div></td>
<td>{{ e.actor1 or '' }}{% if e.actor2 %} <span class="meta">vs</span> {{ e.actor2 }}{% endif %}</td>
<td>{% if e.place %}{{ e.place.name }}<div class="meta">{{ e.place.lat }}, {{ e.place.lon }} &middot;
geo p{{ e.place.precision or '?' }}</div>{% endif %}</td>
<td>{{ '' if e.fatalities is none else e.fatalities }}</td><td>{{ e.article_ids|length }}</td></tr>{% endfor %}
</table>{% else %}<p class="meta">No events extracted.</p>{% endif %}

{% if s.figure_series %}<h3>How the figures evolved</h3>
{% for fs in s.figure_series if fs.points|length > 1 %}<div><b>{{ fs.category }}</b>{% if fs.who %} ({{ fs.who }}){% endif %}{% if fs.place %} in {{ fs.place }}{% endif %}
{{ series_svg(fs)|safe }}</div>{% endfor %}{% endif %}

<h3>Figures and who said them</h3>
{% if s.figures %}<table><tr><th>what</th><th>value</th><th>who</th><th>scope / as of</th><th>said by</th><th>sentence</th></tr>
{% for f in s.figures %}<tr><td>{{ f.category }}</td><td>{{ f.qualifier if f.qualifier and f.qualifier != 'exact' else '' }}
{{ num(f.value) }}{% if f.high %}&ndash;{{ num(f.high) }}{% endif %}</td><td>{{ f.who or '' }}</td>
<td>{{ f.scope or '' }}<div class="meta">{{ f.as_of or '' }}</div></td><td class="src">{{ f.attributed_to or '' }}</td>
<td class="quote">{{ f.sentence }}<div class="meta">{{ outlet_of.get(f.article_id) or f.article_id }}</div></td></tr>{% endfor %}
</table>{% else %}<p class="meta">No figures extracted.</p>{% endif %}

<h3>Where sources disagree</h3>
{% for d in s.disagreements %}<div class="dis"><b>{{ d.topic }}</b>{% for side in d.sides %}
<div class="side"><span class="src">{{ side.attributed_to or 'unattributed' }}</span>: {{ side.value }}
<span class="meta">in {% for a in side.article_ids %}{{ outlet_of.get(a) or a }}{{ ', ' if not loop.last }}{% endfor %}</span>
{% for cid in side.claim_ids if cid in said %}<div class="quote">&ldquo;{{ said[cid] }}&rdquo;</div>
{% else %}{% for fid in side.figure_ids if fid in said %}<div class="quote">&ldquo;{{ said[fid] }}&rdquo;</div>{% endfor %}
{% endfor %}</div>{% endfor %}</div>
{% else %}<p class="meta">No disagreement found.</p>{% endfor %}

{% if s.claims %}<h3>Claims</h3><table><tr><th>source</th><th>claim</th><th>outlet</th></tr>
{% for c in s.claims %}<tr><td class="src">{{ c.attributed_to or '' }}<div class="meta">{{ c.kind }}</div></td>
<td class="quote">{{ c.text }}</td><td>{{ outlet_of.get(c.article_id) or c.article_id }}</td></tr>{% endfor %}</table>{% endif %}
</section>
{% endfor %}
</main></body></html>
"""


def _num(v: Any) -> str:
    if v is None:
        return "?"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}" if isinstance(v, int) else str(v)


def series_svg(series: dict[str, Any], width: int = 640, height: int = 130) -> str:
    """A small line chart of a figure series, as inline SVG (escaped labels)."""
    from html import escape

    points = [p for p in series.get("points", []) if p.get("value") is not None]
    if len(points) < 2:
        return ""
    values = [float(p["value"]) for p in points]
    top = max(values) or 1.0
    pad = 70
    step = (width - 2 * pad) / (len(points) - 1)
    xy = [(pad + i * step, height - 25 - (v / top) * (height - 45)) for i, v in enumerate(values)]
    parts = [f'<svg width="{width}" height="{height}" role="img">',
             '<polyline fill="none" stroke="#1d3557" stroke-width="2" points="'
             + " ".join(f"{x:.1f},{y:.1f}" for x, y in xy) + '"/>']
    for (x, y), p in zip(xy, points):
        label = escape(f"{_num(p['value'])}")
        who = str(p.get("attributed_to") or "")
        who = escape(who if len(who) <= 24 else who[:23] + "…")
        when = escape(str(p.get("as_of") or p.get("published") or ""))[:10]
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#c1121f"/>')
        parts.append(f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle">{label}</text>')
        parts.append(f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle">{when}</text>')
        parts.append(f'<text x="{x:.1f}" y="{height - 1}" text-anchor="middle" fill="#5b6573">{who}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_report(store: Store) -> str:
    b = bundle(store)
    by_id = {a["id"]: a for a in b["articles"]}
    articles_of = {
        s["id"]: sorted((by_id[i] for i in s["article_ids"] if i in by_id),
                        key=lambda a: (a["published"] or "9999", a["outlet"] or ""))
        for s in b["stories"]
    }
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.from_string(TEMPLATE)
    return template.render(
        stories=b["stories"], articles_of=articles_of, n_articles=len(b["articles"]),
        outlet_of={a["id"]: a["outlet"] for a in b["articles"]}, generated_at=b["generated_at"],
        num=_num, series_svg=series_svg,
        # what each disagreement side rests on: its claims' text, else its figures' sentences
        said={**{f["id"]: f.get("sentence") for s in b["stories"] for f in s["figures"] if f.get("sentence")},
              **{c["id"]: c.get("text") for s in b["stories"] for c in s["claims"] if c.get("text")}},
    )
