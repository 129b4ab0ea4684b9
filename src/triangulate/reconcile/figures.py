"""Figure timelines (57 -> 132 -> 242 dead), corroboration and disagreements between reported numbers.

A series is one measure of one story: the same category (killed, injured, displaced, car bombs, ...) counting the
same people (`who`: everyone, civilians, fighters from HTS, ...) over the same kind of scope (a running total, or a
rate such as "per day"). A breakdown ("including 65 fighters from HTS") goes to the series of what it counts,
never to the total's. A later point supersedes an earlier one only when it comes from the same source, or one of
them has no named source; two named sources keep parallel tracks. Values from independent sources for the same
day (or, for things counted in one event, the same event) that cannot both be true are disagreements.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

from triangulate.model import Article, Disagreement, DisagreementSide, Figure, FigureSeries
from triangulate.reconcile.common import RUNNING_TOTAL, Provenance, names_match, norm_name, parse_day

_CATEGORY = {
    "killed": "killed", "dead": "killed", "deaths": "killed", "death": "killed", "died": "killed",
    "death toll": "killed", "fatalities": "killed", "toll": "killed", "lives": "killed",
    "injured": "injured", "wounded": "injured", "injuries": "injured", "hurt": "injured",
    "displaced": "displaced", "fled": "displaced", "refugees": "refugees",
    "arrested": "arrested", "detained": "arrested", "captured": "captured", "missing": "missing",
    "kidnapped": "kidnapped", "abducted": "kidnapped",
}
CASUALTY = {"killed", "injured"}
_PEOPLE_UNITS = {"", "people", "person", "persons", "individuals", "civilians"}
_GENERIC_WHO = {"", "people", "person", "persons", "individuals", "total", "overall", "all"}
_RUNNING = re.compile(rf"\b({RUNNING_TOTAL})\b", re.I)
BACKGROUND_DAYS = 60
_RATE = re.compile(r"\b(daily|per day|a day|each day|every day|per week|a week|weekly|per month|monthly|"
                   r"per hour|an hour|on average)\b", re.I)


# nouns that count occurrences (events), not things: "two suicide car bomb attacks" counts attacks
_OCCURRENCES = {"attack", "strike", "airstrike", "air strike", "raid", "bombing", "explosion", "blast", "shooting",
                "assault", "incident", "clash", "operation"}


def category_key(f: Figure) -> str:
    """What a figure counts. Things are counted by their noun ("car bombs" used or destroyed are one measure, so
    "three car bombs" vs "four destroyed" can disagree), but occurrences of them are another measure: "two car
    bomb attacks" counts attacks, not car bombs."""
    cat = _CATEGORY.get((f.category or "").strip().lower(), norm_name(f.category))
    unit = norm_name(f.unit)
    if unit and unit not in _PEOPLE_UNITS and cat not in CASUALTY:
        thing, what = _singular(unit), _singular(cat)
        if what in _OCCURRENCES and what != thing and not thing.endswith(" " + what):
            return f"{thing} {what}"
        return thing
    return cat


def _singular(words: str) -> str:
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words.split())


def who_key(f: Figure) -> str:
    w = _singular(norm_name(f.who))
    return "" if w in _GENERIC_WHO else w


def scope_class(f: Figure) -> str:
    return "rate" if f.scope and _RATE.search(f.scope) else "total"


def interval(f: Figure) -> tuple[float, float]:
    """The values a reported figure allows ("at least 242" -> [242, inf), "around 50" -> [42.5, 57.5])."""
    v = f.value
    lo = f.low if f.low is not None else v
    hi = f.high if f.high is not None else v
    if lo is None and hi is None:
        return (0.0, float("inf"))
    if lo is None:
        lo = hi
    if hi is None:
        hi = lo
    q = (f.qualifier or "exact").lower()
    if q in ("at least", "more than", "over", "above", "dozens", "hundreds", "thousands", "several", "minimum"):
        hi = float("inf")
    elif q in ("up to", "less than", "fewer than", "under", "below", "at most", "maximum", "nearly", "almost"):
        lo = 0.0
    elif q in ("around", "about", "some", "approximately", "roughly", "nearly", "estimated", "an estimated"):
        lo, hi = lo * 0.85, hi * 1.15
    return (float(lo), float(hi))


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _fmt(v: float | None) -> str:
    if v is None:
        return "?"
    return str(int(v)) if float(v).is_integer() else str(v)


def _label(f: Figure) -> str:
    q = f.qualifier if f.qualifier and f.qualifier != "exact" else ""
    return (q + " " if q else "") + _fmt(f.value)


class _Point:
    __slots__ = ("f", "day", "key", "event_id", "status", "supersedes")

    def __init__(self, f: Figure, day: str | None, key: str, event_id: str | None) -> None:
        self.f, self.day, self.key, self.event_id = f, day, key, event_id
        self.status = "current"
        self.supersedes: str | None = None


def build_series(figures: list[Figure], articles: list[Article], prov: Provenance, story_id: str,
                 figure_event: dict[str, str], event_area: dict[str, str] | None = None
                 ) -> tuple[list[FigureSeries], list[Disagreement]]:
    """Series of the story's figures, and the disagreements between independent sources they show.

    `event_area` names the area (province) of the merged events figures are tied to: one measure in two areas
    ("civilians killed" near Idlib and in Aleppo) makes two series; a figure of no known area joins the
    measure's series when it has a single area."""
    day_of = {a.id: (parse_day(a.published).isoformat() if parse_day(a.published) else None) for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    event_area = event_area or {}
    # group by measure; who keys are merged up to spelling ("fighters from HTS" ~ "HTS fighters")
    measures: dict[tuple[str, str, str], list[_Point]] = defaultdict(list)
    who_names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f in sorted(figures, key=lambda f: (order.get(f.article_id, 1 << 30), f.start)):
        if f.value is None and f.low is None and f.high is None:
            continue
        cat, scope = category_key(f), scope_class(f)
        wk = who_key(f)
        if f.part_of and not wk:
            wk = "breakdown"
        known = who_names[(cat, scope)]
        match = next((k for k in known if k == wk or (k and wk and names_match(k, wk))), None)
        if match is None:
            known.append(wk)
            match = wk
        as_of = parse_day(f.as_of)
        day = as_of.isoformat() if as_of else day_of.get(f.article_id)
        pub = day_of.get(f.article_id)
        if pub and day and (parse_day(pub) - parse_day(day)).days > BACKGROUND_DAYS:
            scope = "background"  # "half a million dead since 2011" is not a point of this story's toll
        elif pub and day and f.scope and _RUNNING.search(f.scope) and day < pub:
            day = pub  # "242 dead since Wednesday" stands as of the report, not as of Wednesday
        measures[(cat, match, scope)].append(
            _Point(f, day, prov.key(f.attributed_to, f.article_id, f.start, f.end), figure_event.get(f.id)))
    buckets: dict[tuple[str, str, str, str], list[_Point]] = defaultdict(list)
    for (cat, wk, scope), pts in measures.items():
        areas = {event_area.get(p.event_id or "", "") for p in pts} - {""}
        for p in pts:
            area = event_area.get(p.event_id or "", "")
            buckets[(cat, wk, scope, area or (next(iter(areas)) if len(areas) == 1 else ""))].append(p)

    series: list[FigureSeries] = []
    disagreements: list[Disagreement] = []
    for (cat, wk, scope, area), pts in buckets.items():
        pts.sort(key=lambda p: (p.day or "", order.get(p.f.article_id, 1 << 30), p.f.start))
        _supersede(pts)
        # corroboration: independent sources whose current word is the same value (a source that updated
        # 4 -> 24 no longer supports 4)
        heads = [p for p in pts if p.status != "superseded"]
        by_value: dict[float, set[str]] = defaultdict(set)
        for p in heads:
            if p.f.value is not None:
                by_value[p.f.value].add(p.key)
        latest_day = max((p.day or "" for p in heads if p.f.value is not None), default="")
        last = [p for p in heads if (p.day or "") == latest_day and p.f.value is not None]
        latest_value = None
        if last:
            votes = Counter()
            for p in last:
                votes[p.f.value] += 1
            latest_value = min(votes, key=lambda v: (-len(by_value[v]), -votes[v], v))
        who = next((p.f.who for p in pts if p.f.who), None) if wk and wk != "breakdown" else None
        if wk == "breakdown":
            who = "part of a larger total"  # "18 from allied factions": not a total of its own
        sid = "fs-" + hashlib.sha1(f"{story_id}|{cat}|{wk}|{scope}".encode() + (f"|{area}".encode() if area else b"")
                                   ).hexdigest()[:10]
        points = []
        for p in pts:
            points.append({
                "figure_id": p.f.id, "value": p.f.value, "low": p.f.low, "high": p.f.high,
                "qualifier": p.f.qualifier, "as_of": p.day, "attributed_to": p.f.attributed_to,
                "article_id": p.f.article_id, "scope": p.f.scope, "part_of": p.f.part_of,
                "event_id": p.event_id, "status": p.status, "supersedes": p.supersedes,
                "corroborated_by": _support(p, pts),
            })
        scopes = {norm_name(p.f.scope) for p in pts if p.f.scope}
        if len(scopes) > 1:
            for pt in points:
                pt["scope_differs"] = True
        series.append(FigureSeries(
            id=sid, category=cat, who=who, points=points, latest_value=latest_value,
            corroborated_by=len(by_value.get(latest_value, ())) if latest_value is not None else 0,
            place=area or None))
        disagreements.extend(_disputes(cat, who, pts))
        if cat in CASUALTY:
            disagreements.extend(_falling(cat, who, heads))
    series.sort(key=lambda s: (s.category not in CASUALTY, s.who is not None, -len(s.points)))
    return series, disagreements


def _support(p: _Point, pts: list[_Point]) -> int:
    """Independent sources reporting this point's value within a day of it."""
    if p.f.value is None:
        return 0
    d = parse_day(p.day)
    keys = set()
    for q in pts:
        if q.f.value != p.f.value:
            continue
        e = parse_day(q.day)
        if d is None or e is None or abs((d - e).days) <= 1:
            keys.add(q.key)
    return len(keys)


def _same_scope(a: _Point, b: _Point) -> bool:
    """Figures tied to two different events (a strike on a campus vs the whole offensive) count different things."""
    return not (a.event_id and b.event_id and a.event_id != b.event_id)


def _running_apart(a: _Point, b: _Point) -> bool:
    """A running count of things ("50 towns since Wednesday") and a count that is not the same running total
    ("took two other locations") count different spans: scope explains their difference. (Tolls are reported as
    running totals even without "since", so casualty figures are not excused this way.)"""
    ra, rb = bool(a.f.scope and _RUNNING.search(a.f.scope)), bool(b.f.scope and _RUNNING.search(b.f.scope))
    return (ra or rb) and not (ra and rb and norm_name(a.f.scope) == norm_name(b.f.scope))


def _compatible_sources(a: _Point, b: _Point) -> bool:
    return a.key == b.key or not a.f.attributed_to or not b.f.attributed_to


def _scopes_allow(p: _Point, q: _Point) -> bool:
    """Later point q can replace p: a running total ("since Wednesday", "so far") covers whatever came before;
    otherwise two stated scopes must be the same ("this week" does not replace "on Monday")."""
    if q.f.scope and _RUNNING.search(q.f.scope):
        return True
    return not (p.f.scope and q.f.scope and norm_name(p.f.scope) != norm_name(q.f.scope))


def _supersede(pts: list[_Point]) -> None:
    """Mark earlier points replaced by a later report of the same measure from the same (or an unnamed) source,
    when their scopes allow it."""
    for i, p in enumerate(pts):
        for q in pts[i + 1:]:
            if (q.day or "") <= (p.day or "") or not _compatible_sources(p, q) or not _scopes_allow(p, q):
                continue
            if q.f.value is None and p.f.value is not None:
                continue  # "dozens" does not replace a number
            if q.f.part_of == p.f.id:
                continue
            p.status = "superseded"
            if q.supersedes is None:
                q.supersedes = p.f.id
            if q.f.value is not None and p.f.value is not None and q.f.value < p.f.value and q.key == p.key:
                q.status = "revised down"
            break


def _disputes(cat: str, who: str | None, pts: list[_Point]) -> list[Disagreement]:
    """Slots (same day, or same event for things counted in one event) where independent sources disagree."""
    slots: dict[str, list[_Point]] = defaultdict(list)
    for p in pts:
        if p.f.part_of:
            continue
        if cat not in CASUALTY and p.event_id:
            slots["event:" + p.event_id].append(p)
        elif p.day:
            slots["day:" + p.day].append(p)
    out = []
    for slot, group in slots.items():
        by_key: dict[str, list[_Point]] = defaultdict(list)
        for p in group:
            by_key[p.key].append(p)
        if len(by_key) < 2:
            continue
        # each source's last word in the slot
        final = {k: v[-1] for k, v in by_key.items()}
        keys = list(final)
        clash = any(not _overlap(interval(final[a].f), interval(final[b].f)) and _same_scope(final[a], final[b])
                    and not (cat not in CASUALTY and _running_apart(final[a], final[b]))
                    for i, a in enumerate(keys) for b in keys[i + 1:])
        if not clash:
            continue
        sides: dict[str, DisagreementSide] = {}
        for k, p in final.items():
            label = _label(p.f)
            side_key = label + "|" + k
            side = sides.get(side_key)
            if side is None:
                side = sides[side_key] = DisagreementSide(value=label, attributed_to=p.f.attributed_to)
            for q in by_key[k]:
                if q.f.id not in side.figure_ids:
                    side.figure_ids.append(q.f.id)
                if q.f.claim_id and q.f.claim_id not in side.claim_ids:
                    side.claim_ids.append(q.f.claim_id)
                if q.f.article_id not in side.article_ids:
                    side.article_ids.append(q.f.article_id)
        measure = cat + (f" ({who})" if who else "")
        when = slot.split(":", 1)[1]
        event_id = when if slot.startswith("event:") else next((p.event_id for p in group if p.event_id), None)
        topic = f"number {measure}" + ("" if slot.startswith("event:") else f" as of {when}")
        out.append(Disagreement(topic=topic, kind="casualties" if cat in CASUALTY else "count",
                                sides=sorted(sides.values(), key=lambda s: s.value), event_id=event_id))
    return out


def _falling(cat: str, who: str | None, heads: list[_Point]) -> list[Disagreement]:
    """A toll only grows: a later total from one source below an earlier total from another is not explained by
    time, so the two are a disagreement (same-day differences are handled by `_disputes`)."""
    out = []
    done: set[tuple[str, str]] = set()
    for i, p in enumerate(heads):
        for q in heads[i + 1:]:
            if p.key == q.key or not p.day or not q.day or q.day <= p.day or p.f.part_of or q.f.part_of:
                continue
            if not _same_scope(p, q) or (p.f.scope or q.f.scope) and norm_name(p.f.scope) != norm_name(q.f.scope):
                continue
            if interval(q.f)[1] >= interval(p.f)[0] or (p.key, q.key) in done:
                continue
            done.add((p.key, q.key))
            measure = cat + (f" ({who})" if who else "")
            sides = [DisagreementSide(value=_label(x.f), attributed_to=x.f.attributed_to, figure_ids=[x.f.id],
                                      claim_ids=[x.f.claim_id] if x.f.claim_id else [],
                                      article_ids=[x.f.article_id]) for x in (p, q)]
            out.append(Disagreement(topic=f"number {measure}: later report is lower", kind="casualties",
                                    sides=sides, event_id=q.event_id or p.event_id))
    return out
