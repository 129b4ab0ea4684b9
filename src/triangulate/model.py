"""Typed records that flow between the stages.

Every stage takes and returns these plain dataclasses, so each stage can be tested alone.
Offsets (`start`, `end`) are Python string indices into `Article.text` (the cleaned text), `end` exclusive.
Dates are ISO strings (`YYYY-MM-DD`, or a full timestamp) so records serialise without conversion.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import lru_cache
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints


def to_dict(record: Any) -> Any:
    """Recursively turn a record (or list/dict of records) into JSON-ready data."""
    if is_dataclass(record) and not isinstance(record, type):
        return asdict(record)
    if isinstance(record, (list, tuple)):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record


def from_dict(cls: type, data: dict[str, Any] | None) -> Any:
    """Rebuild a record (nested records, lists of records and tuples included) from `to_dict` output.
    Unknown keys are ignored, so older stored data still loads."""
    if data is None:
        return None
    hints = _hints(cls)
    kwargs = {}
    for f in _fields(cls):
        if f.name not in data:
            continue
        kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


@lru_cache(maxsize=None)
def _fields(cls: type) -> tuple:
    return fields(cls)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, UnionType):
        for arg in get_args(tp):
            if arg is type(None):
                continue
            return _convert(arg, value)
    if origin is list:
        (arg,) = get_args(tp) or (Any,)
        return [_convert(arg, v) for v in value]
    if origin is tuple:
        return tuple(value)
    if is_dataclass(tp) and isinstance(value, dict):
        return from_dict(tp, value)
    return value


# --------------------------------------------------------------------------- ingest


@dataclass
class Article:
    """One news report, after reading and cleaning."""

    id: str
    text: str  # cleaned body text; every offset points into this
    source: str  # path or URL it was read from
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    published: str | None = None  # ISO date or timestamp
    published_inferred: bool = False
    published_confidence: float | None = None  # 0..1 when inferred
    published_method: str | None = None  # how the date was found ("metadata", "weekday+daymonth", ...)
    authors: list[str] = field(default_factory=list)
    raw_text: str | None = None  # text before cleaning, kept for the record
    content_hash: str = ""  # hash of normalised text (exact duplicate key)
    meta: dict[str, Any] = field(default_factory=dict)  # anything else the reader knew (gold labels etc.)


@dataclass
class Rejected:
    """An input (file, record, URL) that was set aside, with why."""

    source: str
    reason: str
    detail: str | None = None
    record_no: int | None = None  # line/record number within the source, if any


# --------------------------------------------------------------------------- annotate


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Place:
    """A resolved location (gazetteer entry)."""

    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None  # ISO-3166 alpha-2
    admin1: str | None = None  # admin1 name
    feature: str | None = None  # "city", "admin1", "country", "district", "airport", "road", ...
    population: int | None = None


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place | None = None  # None when not resolved
    relation: str | None = None  # "west of", "near", "outskirts of", ...
    anchor: Place | None = None  # the place the relation is relative to
    score: float | None = None


@dataclass
class TimeRef:
    """A normalised time expression (TIMEX3 value notation)."""

    start: int
    end: int
    text: str
    value: str | None  # "2020-02-01", "2020-W05", "2019-12", "P1M", "PRESENT_REF", ...
    type: str = "DATE"  # DATE, TIME, DURATION, SET
    precision: str | None = None  # "day", "week", "month", "year", "range", "duration", ...
    begin: str | None = None  # ISO date bounds where the expression denotes an interval
    end_date: str | None = None


@dataclass
class ActorMention:
    start: int
    end: int
    text: str
    actor: str | None  # canonical name, or a normalised surface name for actors outside the KB
    actor_type: int | None = None  # ACLED inter code 1..8
    label: str | None = None  # ORG, PERSON, NORP, GPE, ...
    in_kb: bool = False
    country: str | None = None  # ISO-3166 alpha-2 (or "IGO") of the actor, from the KB or a demonym/country in its phrase


@dataclass
class Annotations:
    """What the annotate stage knows about one text."""

    sentences: list[Sentence] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    #: the outlet's home town, learnt from its earlier articles (`OutletPrior`): the place of a report whose text
    #: names none (precision 3: inferred, not read)
    home: Place | None = None


# --------------------------------------------------------------------------- extract


@dataclass
class Figure:
    """A reported count, kept with who said it and where it was read."""

    id: str
    article_id: str
    category: str  # killed, injured, displaced, refugees, captured, arrested, missing, car bombs, ...
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"  # exact, at least, more than, around, up to, less than, dozens, hundreds, ...
    who: str | None = None  # civilians, children, fighters from HTS, ...
    unit: str | None = None  # people, villages, km2, car bombs, ...
    scope: str | None = None  # "since Wednesday", "in the past 24 hours"
    as_of: str | None = None  # ISO date the figure stands for
    attributed_to: str | None = None  # canonical source actor
    part_of: str | None = None  # id of a total this figure breaks down
    start: int = 0
    end: int = 0
    sentence: str = ""
    claim_id: str | None = None
    in_title: bool = False  # start / end point into the article's title, not its text


@dataclass
class SpanRef:
    start: int
    end: int
    text: str
    actor: str | None = None  # for a claim's source: the canonical actor


@dataclass
class Claim:
    id: str
    article_id: str
    kind: str  # direct, reported, unattributed
    text: str  # the content
    attributed_to: str | None = None  # canonical speaker
    source: SpanRef | None = None
    cue: SpanRef | None = None
    content: SpanRef | None = None
    sentence: str = ""
    start: int = 0
    end: int = 0


@dataclass
class EventPlace:
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    precision: int | None = None  # ACLED geo_precision 1..3


@dataclass
class Event:
    id: str
    article_id: str
    event_type: str  # ACLED event type
    sub_event_type: str
    date: str | None = None
    date_precision: int | None = None  # ACLED time_precision 1 day, 2 week/range, 3 month
    actor1: str | None = None
    actor2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    place: EventPlace | None = None
    fatalities: int | None = None
    figure_ids: list[str] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)
    background: bool = False  # statements about the past, kept apart from the news of the day
    # how the date was read: "trigger" (a time expression on the violent verb itself: "was shot Thursday"),
    # "sentence" (one governing the trigger's clause), "context" (the report's nearest day), "report" (the day the
    # report gives its violence), "statement" (a bound: the day something was said), "publication"
    date_source: str | None = None
    # where the place was read: "sentence" (named in the event's own sentence), "article" (the report's dateline,
    # first place, headline or outlet's home, for a sentence that names none)
    place_source: str | None = None
    outcome: str | None = None  # e.g. "thwarted", "succeeded", "captured"
    trigger: str | None = None
    sentence: str = ""
    start: int = 0
    end: int = 0
    attributed_to: str | None = None


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    annotations: Annotations
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


# --------------------------------------------------------------------------- link


@dataclass
class CopyLink:
    """`article_id` shares passages with the earlier `source_id`."""

    article_id: str
    source_id: str
    shared_chars: int
    share: float  # shared_chars / len(article text)
    passages: list[tuple[int, int, int, int]] = field(default_factory=list)  # (start, end, src_start, src_end)
    kind: str = "passage"  # "duplicate", "near-duplicate", "passage", "credited-wire"


# --------------------------------------------------------------------------- reconcile


@dataclass
class StoryEvent:
    """One real-world event, merged from the reports of a story's articles."""

    id: str
    event_type: str
    sub_event_type: str
    date: str | None
    date_precision: int | None
    actor1: str | None
    actor2: str | None
    place: EventPlace | None
    fatalities: int | None
    article_ids: list[str] = field(default_factory=list)
    figure_ids: list[str] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)
    report_ids: list[str] = field(default_factory=list)  # the per-article Event ids merged here
    inter1: int | None = None
    inter2: int | None = None
    background: bool = False
    outcome: str | None = None
    sources: list[str] = field(default_factory=list)
    injured: int | None = None  # conservative count of people injured (see reconcile.events), None when untold


@dataclass
class DisagreementSide:
    value: str
    attributed_to: str | None
    claim_ids: list[str] = field(default_factory=list)
    figure_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)


@dataclass
class Disagreement:
    topic: str
    kind: str  # count, outcome, perpetrator, casualties, place, date
    sides: list[DisagreementSide] = field(default_factory=list)
    event_id: str | None = None


@dataclass
class FigureSeries:
    """The same measure of one story reported over time (57 -> 132 -> 242 dead)."""

    id: str
    category: str
    who: str | None
    points: list[dict[str, Any]] = field(default_factory=list)  # {figure_id, value, qualifier, as_of, attributed_to, article_id}
    latest_value: float | None = None
    corroborated_by: int = 0  # independent sources reporting the latest value
    place: str | None = None  # the area (province) of the events it counts, when the story has several


@dataclass
class Story:
    id: str
    article_ids: list[str]
    title: str | None = None
    summary: str | None = None
    summary_sentences: list[dict[str, Any]] = field(default_factory=list)  # {text, article_id, start, end}
    first_published: str | None = None
    last_published: str | None = None
    events: list[StoryEvent] = field(default_factory=list)
    series: list[FigureSeries] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    independent_groups: list[list[str]] = field(default_factory=list)  # article ids that are not independent
    first_reporter: str | None = None
