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
SLOT_KEYS = ("D", "T", "P")  # event days, towns, people (the story's fields of the same name)


def event_slots(ann: Annotations | None, published_day: int | None) -> dict[str, list]:
    """The article's slots by SLOT_KEYS; people only for a dated article (a name shared with an undated report may
    be the same person's event of another year: the same actress's other rehab, the same player's other contract)."""
    day, town = event_day(ann, published_day), event_town(ann)
    return {"D": [day] if day is not None else [], "T": [town] if town else [],
            "P": event_people(ann) if published_day is not None else []}


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


def event_people(ann: Annotations | None) -> list[str]:
    """Surnames (last word, lower case) of the people named in the lead: the victims, suspects and speakers
    that tell one shooting, one earthquake's rescue or one celebrity's rehab from a look-alike."""
    names = []
    for am in sorted((ann.actors if ann else None) or [], key=lambda a: a.start):
        if am.start > LEAD_CHARS:
            break
        words = am.text.split() if am.label == "PERSON" else []
        surname = words[-1] if len(words) >= 2 else ""
        if surname.replace("'", "").replace("-", "").isalpha() and surname[0].isupper() \
                and surname.lower() not in names:
            names.append(surname.lower())
    return names
