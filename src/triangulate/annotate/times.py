"""Time expressions normalised against the publication date (the DCT), TIMEX3 value notation.

Rule-based (see `triangulate.annotate.timex.rules`), text only, a few milliseconds per article.
"""

from __future__ import annotations

import re

from triangulate.annotate.timex.calendar import parse_dct, value_bounds
from triangulate.annotate.timex.rules import tag
from triangulate.model import TimeRef


def find_times(text: str, published: str | None, doc=None) -> list[TimeRef]:
    """All time expressions in `text`, normalised relative to `published` (ISO date/datetime or None).

    `doc` (a spaCy Doc of the same text, optional): when given, the tense of the verb governing an expression decides
    whether a bare "Friday" / "March 3" lies before or after the publication date; without it a text-only cue window
    is used. Without a publication date relative expressions keep underspecified values (XXXX-XX-XX, XXXX-WXX ...).
    """
    dct = parse_dct(published)
    out: list[TimeRef] = []
    for t in tag(text, dct, doc):
        begin, end = (None, None)
        if t.type in ("DATE", "TIME"):
            begin, end = value_bounds(t.value)
        elif t.anchor:  # "three days later": the duration's value, the day it reaches as the bounds
            begin, end = value_bounds(t.anchor)
        out.append(TimeRef(t.start, t.end, t.text, t.value, t.type, t.precision, begin, end))
    return out


def to_date_range(t: TimeRef) -> tuple[str | None, str | None]:
    """ISO (first day, last day) of the calendar interval a time expression denotes; (None, None) when unknown."""
    if t.begin or t.end_date:
        return t.begin, t.end_date
    if t.type in ("DATE", "TIME"):
        return value_bounds(t.value)
    return None, None


def acled_time_precision(t: TimeRef) -> int:
    """ACLED time_precision: 1 = the exact day is known, 2 = a week or a range of days, 3 = a month or longer."""
    v = t.value or ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", v):
        return 1
    if re.fullmatch(r"\d{4}-W\d{2}(-WE)?", v):
        return 2
    b, e = to_date_range(t)
    if b and e:
        from datetime import date

        days = (date.fromisoformat(e) - date.fromisoformat(b)).days + 1
        if days <= 1:
            return 1
        if days <= 14:
            return 2
    return 3


def time_precision(t: TimeRef | dict) -> int | None:
    """ACLED time_precision of a calendar expression (1 day, 2 week or range of days, 3 month or longer); None for
    durations, sets, past/present/future references and values the text leaves unanchored (XXXX-...)."""
    if isinstance(t, dict):
        t = TimeRef(**{k: t.get(k) for k in ("start", "end", "text", "value", "type", "precision", "begin", "end_date")})
    v = t.value or ""
    if t.type in ("DURATION", "SET") or v.endswith("_REF") or not v[:4].isdigit():
        return None
    return acled_time_precision(t)
