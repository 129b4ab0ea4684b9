"""Event slots for story linking: the day a report's event happened and the town where it happened.

Reports of one event share their vocabulary with reports of a similar event (two shootings in one city, two
earthquakes in one region): the words say "what", the slots say "which one". The event day is read from the
time expressions the annotate stage resolved against the publication date ("on Saturday" in reports published on
Sunday and Monday is the same day), the town from the resolved places. Both are cheap: the annotations are made
by the pipeline anyway, and an article without them has no slots (no evidence either way).
"""

from __future__ import annotations

from triangulate.annotate.geo.distance import km
from triangulate.link.features import parse_day
from triangulate.model import Annotations

LEAD_CHARS = 600  # the event's own day and town are told in the lead; later ones are often background
EVENT_LOOKBACK = 14  # an event day more than this many days before publication is background, not the event


def event_day(ann: Annotations | None, published_day: int | None) -> int | None:
    """The first day-precise date told in the lead, as a day number: for a dated report, only a day up to
    EVENT_LOOKBACK days before its publication (never after it); None when the lead tells none."""
    for t in sorted((ann.times if ann else None) or [], key=lambda t: t.start):
        if t.start > LEAD_CHARS:
            break
        if t.type != "DATE" or t.precision != "day":
            continue
        day = parse_day(t.value)
        if day is None:
            continue
        if published_day is None or 0 <= published_day - day <= EVENT_LOOKBACK:
            return day
    return None


def event_town(ann: Annotations | None) -> tuple[float, float] | None:
    """(lat, lon) of the first resolved town-level place in the lead (countries and regions are too broad)."""
    for pm in sorted((ann.places if ann else None) or [], key=lambda p: p.start):
        if pm.start > LEAD_CHARS:
            break
        p = pm.place
        if p is None or p.lat is None or p.lon is None or p.feature in ("country", "admin1", "admin2", "continent"):
            continue
        return (round(p.lat, 3), round(p.lon, 3))
    return None


