"""Disagreements about a merged event's outcome and perpetrator, read from its reports and claims.

Outcome: reports or claims saying the action failed ("thwarted", "repelled", "destroyed ... before they reached
their targets") against others saying it succeeded ("succeeded", "captured", "seized"). Perpetrator: named sources
blaming different, specific actors. Only independent sources make two sides: copies of one report never do.
"""

from __future__ import annotations

import re
from collections import defaultdict

from triangulate.model import Claim, Disagreement, DisagreementSide, Event, StoryEvent
from triangulate.reconcile.common import Provenance, names_match, norm_name, state_side
from triangulate.reconcile.events import _COMPATIBLE_SUBTYPES, _COMPATIBLE_TYPES, NEAR_KM, _km, specific_actor

_FAILED = re.compile(
    r"\b(thwart\w*|foil\w*|repel\w*|repuls\w*|failed|fails to|defeated|intercept\w*|shot down|prevented \w+ from|abort\w*|"
    r"pushed back|beaten back|beat back|fought off|fend\w* off|avert\w*|did not reach|didn't reach|never reached|"
    r"(destroy\w*|disabled|detonated|neutrali[sz]\w*|stopped)\b[^.;]{0,60}\bbefore\b|unsuccessful|in vain)\b", re.I)
_SUCCEEDED = re.compile(
    r"\b(succe(ss|ed)\w*|captur\w*|seiz\w*|took control|taken control|take control|took over|overr[au]n|"
    r"stormed|advanced into|entered|gained control|won)\b", re.I)
_OUTCOME_CLASS = {
    "thwarted": "thwarted", "failed": "thwarted", "repelled": "thwarted", "foiled": "thwarted",
    "repulsed": "thwarted", "intercepted": "thwarted", "prevented": "thwarted", "destroyed": "thwarted",
    "succeeded": "succeeded", "success": "succeeded", "successful": "succeeded", "captured": "succeeded",
    "seized": "succeeded", "overran": "succeeded", "took control": "succeeded",
}
_GENERIC_ACTOR = re.compile(r"\b(unidentified|unknown|gunm[ae]n|militants?|rebels?|insurgents?|attackers?|"
                            r"armed (group|men)|assailants?|extremists?|jihadists?|terrorists?|opposition)\b", re.I)
_WORD = re.compile(r"[a-z]{4,}")


def _stems(text: str) -> set[str]:
    return {w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in _WORD.findall(text.lower())}


def outcome_class(text: str | None) -> str | None:
    """"thwarted", "succeeded" or None for a report's outcome label or a claim's text."""
    if not text:
        return None
    t = text.strip().lower()
    if t in _OUTCOME_CLASS:
        return _OUTCOME_CLASS[t]
    if _FAILED.search(text):
        return "thwarted"
    if _SUCCEEDED.search(text):
        return "succeeded"
    return None


def attach_claims(story_events: list[StoryEvent], reports: dict[str, Event], claims: list[Claim]) -> None:
    """Link claims the extractors left unlinked to the merged event they talk about (same article; the report
    whose sentence overlaps, else shares the most words), so their attribution is kept with the event."""
    linked = {c for se in story_events for c in se.claim_ids}
    by_article: dict[str, list[tuple[StoryEvent, Event, set[str]]]] = defaultdict(list)
    for se in story_events:
        for rid in se.report_ids:
            r = reports.get(rid)
            if r is not None:
                words = _stems(" ".join([r.sentence or ""] + [x or "" for x in (
                    r.actor1, r.actor2, r.trigger, r.place.name if r.place else "")]))
                by_article[r.article_id].append((se, r, words))
    for c in claims:
        if c.id in linked or c.article_id not in by_article:
            continue
        cands = by_article[c.article_id]
        target = next((se for se, r, _ in cands if r.end > r.start and r.start < c.end and c.start < r.end), None)
        if target is None:
            cw = _stems(c.text or c.sentence)
            best, best_n = None, 1
            for se, r, rw in cands:
                n = len(cw & rw)
                if n > best_n:
                    best, best_n = se, n
            target = best
        if target is not None and not target.background:
            target.claim_ids.append(c.id)


def event_disagreements(story_events: list[StoryEvent], reports: dict[str, Event], claims: dict[str, Claim],
                        prov: Provenance) -> list[Disagreement]:
    out: list[Disagreement] = []
    for group in operations(story_events):
        out.extend(_outcome(group, reports, claims, prov))
    for se in story_events:
        out.extend(_perpetrator(se, reports, claims, prov))
    return out


def _one_operation(a: StoryEvent, b: StoryEvent) -> bool:
    """Two foreground events of one day and place whose types can be two sides' accounts of one action (the car
    bombs, the army thwarting them, the assault they opened)."""
    if a.background or b.background or not a.date or a.date[:10] != (b.date or "")[:10]:
        return False
    if a.place is None or b.place is None:
        return False
    d = _km(a.place, b.place)
    near = (a.place.geonameid and a.place.geonameid == b.place.geonameid) or \
        norm_name(a.place.name) == norm_name(b.place.name) or (d is not None and d <= NEAR_KM)
    compatible = a.event_type == b.event_type or frozenset({a.event_type, b.event_type}) in _COMPATIBLE_TYPES or \
        bool({a.sub_event_type, b.sub_event_type} & _COMPATIBLE_SUBTYPES)
    return bool(near) and compatible


def operations(story_events: list[StoryEvent]) -> list[list[StoryEvent]]:
    """The story's events grouped into the actions whose outcome sources may dispute: an event joins the
    group of the first more-reported event it is one operation with (`_one_operation`); the head of each group (the
    most reported) carries the group's outcome disagreement. Background events stay alone."""
    ranked = sorted(story_events, key=lambda e: (-len(e.article_ids), -len(e.report_ids)))
    groups: list[list[StoryEvent]] = []
    for e in ranked:
        g = next((g for g in groups if _one_operation(g[0], e)), None)
        if g is None:
            groups.append([e])
        else:
            g.append(e)
    return groups


def _outcome(group: list[StoryEvent], reports: dict[str, Event], claims: dict[str, Claim],
             prov: Provenance) -> list[Disagreement]:
    se = group[0]
    # (class, source key) -> side
    sides: dict[tuple[str, str], DisagreementSide] = {}
    for rid in [r for e in group for r in e.report_ids]:
        r = reports.get(rid)
        if r is None:
            continue
        cls = outcome_class(r.outcome)
        if cls:
            key = prov.key(r.attributed_to, r.article_id, r.start, r.end)
            side = sides.setdefault((cls, key), DisagreementSide(value=cls, attributed_to=r.attributed_to))
            _add(side.article_ids, r.article_id)
            for cid in r.claim_ids:
                c = claims.get(cid)
                if c is not None and outcome_class(c.text or c.sentence) == cls:  # claims that say it
                    _add(side.claim_ids, cid)
    for cid in [c for e in group for c in e.claim_ids]:
        c = claims.get(cid)
        if c is None:
            continue
        cls = outcome_class(c.text or (c.content.text if c.content else "") or c.sentence)
        if not cls:
            continue
        key = prov.key(c.attributed_to, c.article_id, c.start, c.end)
        side = sides.setdefault((cls, key), DisagreementSide(value=cls, attributed_to=c.attributed_to))
        _add(side.claim_ids, cid)
        _add(side.article_ids, c.article_id)
    classes = {cls for cls, _ in sides}
    if len(classes) < 2:
        return []
    keys_by_class = defaultdict(set)
    for cls, key in sides:
        keys_by_class[cls].add(key)
    # a single source saying both (e.g. "failed at first, then captured") is not a disagreement between sources
    if len(set().union(*keys_by_class.values())) < 2:
        return []
    ordered = sorted(sides.values(), key=lambda s: (s.value != "succeeded", s.attributed_to or ""))
    return [Disagreement(topic=f"outcome of {se.sub_event_type or se.event_type}"
                         + (f" at {se.place.name}" if se.place else ""), kind="outcome", sides=ordered,
                         event_id=se.id)]


def _perpetrator(se: StoryEvent, reports: dict[str, Event], claims: dict[str, Claim],
                 prov: Provenance) -> list[Disagreement]:
    """Named sources blaming different specific actors for one event."""
    blamed: list[tuple[str, Event]] = []
    for rid in se.report_ids:
        r = reports.get(rid)
        if r is None or not r.actor1 or not r.attributed_to or _GENERIC_ACTOR.search(r.actor1):
            continue
        if r.event_type != se.event_type or not specific_actor(r.actor1):
            continue  # actor1 of a report merged as a compatible type ("army thwarted it") is not who did it
        if r.inter1 is None or names_match(r.actor1, r.attributed_to):
            continue  # an actor the extractor could not type, or the source itself, is not a blamed party
        if not _anchored(r, se):
            continue  # type, day and area alone do not make two named perpetrators one event's
        blamed.append((r.actor1, r))
    groups: list[tuple[str, dict[str, DisagreementSide]]] = []
    for actor, r in blamed:
        g = next((sides for a, sides in groups if names_match(a, actor) or _side(a) == _side(actor)), None)
        if g is None:
            g = {}
            groups.append((actor, g))
        key = prov.key(r.attributed_to, r.article_id, r.start, r.end)
        side = g.setdefault(key, DisagreementSide(value=actor, attributed_to=r.attributed_to))
        _add(side.article_ids, r.article_id)
        for cid in r.claim_ids:
            _add(side.claim_ids, cid)
    if len(groups) < 2:
        return []
    keys = [set(sides) for _, sides in groups]
    if len(set().union(*keys)) < 2:
        return []
    sides = [s for _, g in groups for s in g.values()]
    return [Disagreement(topic=f"who carried out {se.sub_event_type or se.event_type}"
                         + (f" at {se.place.name}" if se.place else ""), kind="perpetrator", sides=sides,
                         event_id=se.id)]


def _anchored(r: Event, se: StoryEvent) -> bool:
    """The report is tied to the merged event by more than type, day and area: it is placed precisely at the
    event's place, or names the event's target."""
    if r.place is not None and se.place is not None and (r.place.precision or 9) == 1 and (
            (r.place.geonameid and r.place.geonameid == se.place.geonameid)
            or norm_name(r.place.name) == norm_name(se.place.name)):
        return True
    return bool(r.actor2 and se.actor2 and specific_actor(r.actor2) and names_match(r.actor2, se.actor2))


def _side(actor: str) -> str:
    """One side per state (its military, police and government), else the actor itself."""
    return state_side(actor) or "actor:" + norm_name(actor)


def _add(lst: list, item) -> None:
    if item not in lst:
        lst.append(item)
