"""Merge the per-article event reports of a story into real-world events (StoryEvent).

Reports are merged when their type is the same or compatible, their dates overlap, their places are compatible
and their actors do not contradict each other (only two different named, organised armed actors do; descriptions
such as "the suspect" and different people named in one shooting do not). A place that only one article of a
story of three or more names, in a province the other articles do not, is taken for a geocoding slip and ignored.
Background events (statements about the past) only merge with background events. The type and actor1 of a merged
event are named by the reports merged by their own type (not by those merged as a compatible type: "the army
thwarted the attack" has the other side as actor1; `_perpetrator`: the reports naming its sub-event type decide,
and a side some report names as attacked is not the attacker). One event split into two clusters across articles
(the same specific sub-event type, day and place, `_split_event`) is joined. Each merged event keeps every report, article, figure and claim it came from, so one abduction
reported 366 times stays one event.

Fatalities follow ACLED's conservative rule (`_conservative_fatalities`): each independent source's latest toll,
the lowest across sources; within one article a report counting fewer dead than its fullest report of the event
is a part of that toll ("Carter was pronounced dead, authorities said" beside "two of them died"), and running
totals of a period or campaign (`running_tolls`: "since Wednesday", "has risen to 132", and the same source's
plain "death toll was 57" of that series) stay in the figure series, not in one event; only the reports merged by
their own type give the toll (a compatible report merged in tells of its own deaths). Injured
(`conservative_injured`) is chosen the same way from what each article says of the injured.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from triangulate.annotate.geo.distance import km
from triangulate.extract.events import VIOLENT_TYPES
from triangulate.model import Article, Event, EventPlace, Figure, StoryEvent
from triangulate.reconcile.common import RUNNING_TOTAL, Provenance, day_interval, names_match, norm_name, state_side

# Pairs of ACLED types that can describe one event from two sides ("car bomb attack" vs "attack thwarted").
_COMPATIBLE_TYPES = {
    frozenset({"Battles", "Explosions/Remote violence"}),
    frozenset({"Explosions/Remote violence", "Violence against civilians"}),
    frozenset({"Battles", "Violence against civilians"}),
    frozenset({"Protests", "Riots"}),
}
_COMPATIBLE_SUBTYPES = {"Disrupted weapons use", "Non-state actor overtakes territory",
                        "Government regains territory"}

_CATCH_ALL = "Strategic developments"
MERGE_THRESHOLD = 2.5
NEAR_KM = 30.0  # two precise places this close can be one event's place
FAR_KM = 80.0  # two places further apart than this are different events


def _km(a: EventPlace, b: EventPlace) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return km((a.lat, a.lon), (b.lat, b.lon))


def _type_score(a: Event, types: set[str], subtypes: set[str]) -> float | None:
    if a.sub_event_type and a.sub_event_type in subtypes:
        return 2.0
    if a.event_type in types and not (a.event_type == _CATCH_ALL and a.sub_event_type and subtypes):
        return 1.5  # (the catch-all type's subtypes - arrests, agreements, a disrupted attack - are unrelated)
    for t in types:
        if frozenset({a.event_type, t}) in _COMPATIBLE_TYPES:
            return 0.5
    if a.sub_event_type in _COMPATIBLE_SUBTYPES or subtypes & _COMPATIBLE_SUBTYPES:
        return 0.5
    return None


def _place_score(p: EventPlace | None, places: list[EventPlace]) -> float | None:
    """+1.5 same place, +1 near, +0.5 one inside the other's area, 0 unknown, None incompatible."""
    if p is None or not places:
        return 0.0
    best: float | None = None
    for q in places:
        s = _place_pair(p, q)
        if s is not None and (best is None or s > best):
            best = s
    return best


def _place_pair(p: EventPlace, q: EventPlace) -> float | None:
    if p.geonameid and q.geonameid and p.geonameid == q.geonameid:
        return 1.5
    if names_match(p.name, q.name) and norm_name(p.name) == norm_name(q.name):
        return 1.5
    if p.country and q.country and p.country != q.country:
        return None
    coarse_p, coarse_q = (p.precision or 1) >= 3, (q.precision or 1) >= 3
    d = _km(p, q)
    if not (coarse_p or coarse_q) and p.admin1 and q.admin1 and norm_name(p.admin1) != norm_name(q.admin1):
        return None
    if coarse_p or coarse_q:  # a province/country-level place contains the other if in the same area
        if p.admin1 and q.admin1 and norm_name(p.admin1) != norm_name(q.admin1):
            return None if not (coarse_p and coarse_q) else 0.0
        return 0.5
    if d is not None:
        if d <= NEAR_KM:
            return 1.0
        if d > FAR_KM:
            return None
        return -0.5
    if p.admin1 and q.admin1 and norm_name(p.admin1) != norm_name(q.admin1):
        return None
    return 0.0


# descriptions rather than names: they neither confirm nor contradict ("the suspect", "Police", "three people")
_GENERIC_ACTOR = re.compile(
    r"^(?:the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|multiple|some|many|dozens|"
    r"at least|more than|\d+)\b|^(?:police|officers?|people|persons?|victims?|suspects?|gunm[ae]n|shooters?|"
    r"attackers?|assailants?|witness(?:es)?|authorities|investigators|residents|civilians|militants?|rebels?|"
    r"insurgents?|forces|troops|soldiers|government|army|military)$", re.I)
ORGANISED = {1, 2, 3, 4, 8}  # ACLED inter codes of armed, organised actors (state, rebels, militias, external)


@lru_cache(maxsize=65536)
def specific_actor(name: str | None) -> bool:
    """A named actor ("Hayat Tahrir al-Sham", "Osiel Benitez"), not a description ("the suspect", "two men")."""
    name = (name or "").strip()
    return bool(name) and name[:1].isupper() and not _GENERIC_ACTOR.search(name)


def _actor_score(actors: set[str], other: set[str], orgs: set[str] = frozenset(),
                 other_orgs: set[str] = frozenset()) -> float:
    """+1 per named actor both share (at most 2); -1 when both name organised armed actors and none of them
    match (HTS vs the Syrian National Army). Different people named in two reports of a shooting (the shooter,
    the victim) are no contradiction, and descriptions count for nothing."""
    mine = {a for a in actors if specific_actor(a)}
    theirs = {b for b in other if specific_actor(b)}
    if not mine or not theirs:
        return 0.0
    shared = sum(1 for a in mine if any(names_match(a, b) for b in theirs))
    if shared:
        return min(2.0, float(shared))
    mine_o = {a for a in orgs if specific_actor(a)}
    theirs_o = {b for b in other_orgs if specific_actor(b)}
    if mine_o and theirs_o and not any(names_match(a, b) or state_side(a) == state_side(b) != ""
                                       for a in mine_o for b in theirs_o):
        return -1.0
    return 0.0


@dataclass
class _Cluster:
    reports: list[Event] = field(default_factory=list)
    types: set[str] = field(default_factory=set)
    subtypes: set[str] = field(default_factory=set)
    days: tuple[int, int] | None = None
    places: list[EventPlace] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)  # actors of organised armed types (ORGANISED inter codes)
    core: set[str] = field(default_factory=set)  # ids of the reports merged by their own type (they name it)
    background: bool = False

    def add(self, e: Event, core: bool = True, place: EventPlace | None = None) -> None:
        """`core` False for a report merged through a compatible (not the same) type: it does not widen the
        types later reports can match."""
        self.reports.append(e)
        if core or not self.types:
            self.core.add(e.id)
            self.types.add(e.event_type)
            if e.sub_event_type:
                self.subtypes.add(e.sub_event_type)
        iv = day_interval(e.date, e.date_precision)
        if iv is not None:  # keep the tightest consistent span
            if self.days is None:
                self.days = iv
            else:
                lo, hi = max(self.days[0], iv[0]), min(self.days[1], iv[1])
                self.days = (lo, hi) if lo <= hi else self.days
        if place is not None and not any(_place_pair(place, q) == 1.5 for q in self.places):
            self.places.append(place)
        for a, inter in ((e.actor1, e.inter1), (e.actor2, e.inter2)):
            if a:
                self.actors.add(a)
                if inter in ORGANISED:
                    self.orgs.add(a)


def doubtful_places(events: list[Event]) -> set[str]:
    """Report ids whose place is likely a geocoding slip: in a story of three or more articles, a province
    (admin1) named by a single article while another province is named by most of the story's articles
    ("Broadway, Virginia" in a story of Seattle reports). Such a place is neither evidence for nor against
    a merge."""
    arts_by_area: dict[str, set[str]] = {}
    articles = {e.article_id for e in events}
    for e in events:
        if e.place is not None and e.place.admin1 and (e.place.precision or 1) <= 2:
            arts_by_area.setdefault(norm_name(e.place.admin1), set()).add(e.article_id)
    if len(articles) < 3 or not arts_by_area:
        return set()
    top = max(len(a) for a in arts_by_area.values())
    if top * 2 <= len(articles):
        return set()
    rare = {k for k, a in arts_by_area.items() if len(a) == 1}
    return {e.id for e in events if e.place is not None and e.place.admin1 and norm_name(e.place.admin1) in rare}


def _score(e: Event, c: _Cluster, place: EventPlace | None = None) -> float | None:
    """How well report `e` (read as being at `place`: its own, or None when doubtful) fits cluster `c`;
    None when it cannot be the same event."""
    if e.background != c.background:
        return None
    ts = _type_score(e, c.types, c.subtypes)
    if ts is None:
        return None
    iv = day_interval(e.date, e.date_precision)
    ds = 0.0
    if iv is not None and c.days is not None:
        if iv[0] - 1 > c.days[1] or c.days[0] - 1 > iv[1]:  # one day of slack for time zones and late reports
            return None
        ds = 1.0
    ps = _place_score(place, c.places)
    if ps is None:
        return None
    acts = {a for a in (e.actor1, e.actor2) if a}
    orgs = {a for a, i in ((e.actor1, e.inter1), (e.actor2, e.inter2)) if a and i in ORGANISED}
    ac = _actor_score(acts, c.actors, orgs, c.orgs)
    if ts == 0.5 and (e.sub_event_type in _COMPATIBLE_SUBTYPES or c.subtypes & _COMPATIBLE_SUBTYPES):
        ac = max(ac, 0.0)  # "army thwarted the attack": the other side is actor1 there, no contradiction
    if ts < 1.0 and ps <= 0.0:  # a cross-type merge needs the same place
        return None
    if ts < 1.0 and ac <= 0.0 and ps < 1.5:
        return None
    score = ts + ds + ps + ac
    if c.reports and all(r.article_id == e.article_id for r in c.reports):
        score -= 0.5  # two reports in one article are more often two events than one
    return score


# a toll over a period ("hundreds died this week", "242 dead since Wednesday") counts more than one day's event
_PERIOD = re.compile(rf"\b({RUNNING_TOTAL}|this (week|month|year)|"
                     r"(past|last) (\w+ )?(hours?|weeks?|months?|years?|days))\b", re.I)
# a toll that grows ("the toll has risen to 132", "the death toll climbed to 57") is a running total of a campaign
_RISING_TOLL = re.compile(r"\btoll\b[^.;]{0,80}?\b(?:has |had |have )?(?:risen|rose|climbed|increased|jumped|"
                          r"mounted|grew|grown|reached|surpassed|topped)\b(?: to)?\W*$", re.I)


def running_tolls(figures: dict[str, Figure], texts: dict[str, str]) -> set[str]:
    """Ids of the killed figures that count a period or a campaign, not one event: a scope over a period
    ("since Wednesday", "in the past 24 hours"), a toll that grows ("has risen to 132"), and the plain tolls ("the
    death toll from clashes was 57") of a source that gives such a running total in the story: points of the
    same series (57 -> 132 -> 242)."""
    def toll_before(f: Figure) -> str:
        return texts.get(f.article_id, "")[max(0, f.start - 100):f.start]

    killed = [f for f in figures.values() if f.category == "killed" and f.part_of is None]
    running = {f.id for f in killed if (f.scope and _PERIOD.search(f.scope)) or _RISING_TOLL.search(toll_before(f))}
    sources = {norm_name(f.attributed_to) for f in killed if f.id in running and f.attributed_to and not f.who}
    running |= {f.id for f in killed if f.attributed_to and not f.who and norm_name(f.attributed_to) in sources
                and re.search(r"\btoll\b", toll_before(f), re.I)}
    return running


def _period_toll(r: Event, running: set[str], figures: dict[str, Figure]) -> bool:
    """The report's fatalities come from killed figures that are all running totals (`running_tolls`)."""
    killed = [i for i in r.figure_ids if i in figures and figures[i].category == "killed"
              and figures[i].part_of is None]
    return bool(killed) and all(i in running for i in killed)


def _latest_counts(counts) -> list[int]:
    """Over (source key, day, count) triples: each source's latest count (of one day's counts its largest)."""
    latest: dict[str, tuple[str, int]] = {}
    for key, when, v in counts:
        prev = latest.get(key)
        if prev is None or when > prev[0] or (when == prev[0] and v > prev[1]):
            latest[key] = (when, v)
    return [v for _, v in latest.values()]


def _lowest_of_latest(counts) -> int | None:
    """ACLED's conservative choice over (source key, day, count) triples: each source's latest count, then the
    lowest across sources; None when there is none."""
    return min(_latest_counts(counts), default=None)


def _median_of_latest(counts) -> int | None:
    """Each source's latest count, then the lower median across sources: the lowest of two, the middle of three,
    so that one source telling only some of the wounded ("a man and a woman were hurt" beside two others' "four
    people wounded") does not outvote two that agree; None when there is none."""
    vals = sorted(_latest_counts(counts))
    return vals[(len(vals) - 1) // 2] if vals else None


def _conservative_fatalities(reports: list[Event], prov: Provenance, day_of: dict[str, str | None],
                             figures: dict[str, Figure] | None = None,
                             running: set[str] = frozenset(), headline: dict[str, int] | None = None,
                             headline_reports: list[Event] | None = None) -> int | None:
    """ACLED's rule: the most conservative figure. Each independent source's latest report counts (tolls grow as
    news comes in; of one day's reports its fullest, since one sentence may name one victim of several); across
    sources the lowest one is taken. A toll over a period or campaign (`running`: the story's `running_tolls`) is
    kept in the figure series, not taken as the event's. `headline` (article id -> dead its headline counts) raises
    an article's count when its body tells fewer or none; `headline_reports` (default `reports`) are the reports
    whose articles' headlines count: all of the event's, since a headline tells the article's main news even when
    the article's own reports were merged in as a compatible type ("6 shot" beside "leaves 1 dead")."""
    if figures and running:
        reports = [r for r in reports if not (r.fatalities and _period_toll(r, running, figures))]
    counts = [(prov.key(r.attributed_to, r.article_id, r.start, r.end),
               day_of.get(r.article_id) or (r.date or "")[:10], r.fatalities)
              for r in _drop_partial_counts(reports) if r.fatalities]
    counts += _headline_counts(reports if headline_reports is None else headline_reports, prov, day_of,
                               headline or {})
    # 0 is what a report says when it gives no toll: silence, not a count that outbids a source's real figure
    if not counts:
        return 0 if any(r.fatalities == 0 for r in reports) else None
    return _lowest_of_latest(counts)


def _headline_counts(reports: list[Event], prov: Provenance, day_of: dict[str, str | None],
                     headline: dict[str, int]) -> list[tuple[str, str, int]]:
    """(source key, day, count) of the headline tolls that exceed all their article's reports: the count goes
    to the source of the article's fullest report (the article's own group when it reports none)."""
    out = []
    for aid in _uniq(r.article_id for r in reports):
        mine = [r for r in reports if r.article_id == aid]
        fullest = max(mine, key=lambda r: r.fatalities or 0)
        if headline.get(aid, 0) > (fullest.fatalities or 0):
            key = prov.key(fullest.attributed_to, aid, fullest.start, fullest.end) if fullest.fatalities \
                else prov.key(None, aid)
            out.append((key, day_of.get(aid) or (fullest.date or "")[:10], headline[aid]))
    return out


def _drop_partial_counts(reports: list[Event]) -> list[Event]:
    """Within one article, a report of one death beside the article's fuller toll of the same event names one of
    its victims ("Carter was pronounced dead, authorities said" beside "two of them died"): a part of that toll,
    not a source's own count, even when another speaker is quoted for it. Two tolls of several dead in one article
    ("at least four civilians", SOHR; "more than 30", sources) stay two sources' counts."""
    fullest: dict[str, int] = {}
    for r in reports:
        if r.fatalities:
            fullest[r.article_id] = max(fullest.get(r.article_id, 0), r.fatalities)
    return [r for r in reports if not (r.fatalities == 1 and fullest.get(r.article_id, 0) > 1)]


_ADDITIONAL = re.compile(r"\b(?:also|another|other|others)\b", re.I)  # a victim besides the dead
# "a third was wounded", "a second man was shot" (not "the third time the boy got shot")
_ORDINAL_VICTIM = re.compile(r"\b(?:second|third|fourth|fifth)(?:\s+(?:man|woman|person|victim|boy|girl|teen))?\s*$",
                             re.I)


def _additional(f: Figure, text: str) -> bool:
    """A victim told as one besides the others ("another woman was also shot", "a third was wounded")."""
    return bool(_ADDITIONAL.search(text[max(0, f.start - 25):f.end + 25]) or
                _ORDINAL_VICTIM.search(text[max(0, f.start - 20):f.end]))


def conservative_injured(reports: list[Event], prov: Provenance, figs_of: dict[str, list[Figure]],
                         texts: dict[str, str], day_of: dict[str, str | None],
                         headline: dict[str, tuple[str, list[Figure]]] | None = None,
                         fatalities: int | None = None) -> int | None:
    """People injured in one event. Each article reporting it says, of the figures it gives for the event
    (`figs_of`: article id -> figures), the most of: its largest injured total ("four others were wounded"), its
    largest "shot" total less the dead it gives ("four men were shot and two of them died" -> 2; "one in critical
    condition" beside it is one of them), and the victims it says were shot besides ("another woman was also
    shot" beside three dead); an article saying neither is silent. Each independent source (its article group)
    counts with its latest article; across sources the lower median is taken (`_median_of_latest`: the lowest
    of two, ACLED's conservative choice, the middle of three or more: measured on GVA, dev .755 -> .761 and
    held-out .721 -> .728 against the lowest), a mere lower bound met by another article's count aside
    (`_bounds_met`). None when no article
    tells. `headline` (article id -> its title and the title's figures) raises an article's count when its body
    tells fewer or none (the headline's shot less the dead its body or headline tells). The wounded who died
    later leave the count (`fatalities`: the event's toll): an article that counts fewer dead than an article of
    a later day, which tells the toll, counted them among the injured ("in critical condition", then "has
    died"), so its count loses the difference."""
    per_article: dict[str, int] = {}
    open_ended: set[str] = set()  # articles whose count is a lower bound ("at least two were shot")
    dead_of: dict[str, int] = {}
    for aid in _uniq(r.article_id for r in reports):
        figs = [f for f in figs_of.get(aid, []) if f.part_of is None and not f.scope]
        text = texts.get(aid, "")
        dead = [r.fatalities or 0 for r in reports if r.article_id == aid]
        body_dead = _told_killed(figs, text)
        inj = _told_injured(figs, text, dead)
        dead_of[aid] = max(dead + body_dead, default=0)
        if headline and aid in headline:
            title, title_figs = headline[aid]
            inj += _told_injured(title_figs, title, dead + body_dead)
            dead_of[aid] = max([dead_of[aid]] + _told_killed(title_figs, title))
        if inj:
            per_article[aid] = int(max(inj))
            if any(f.qualifier in _OPEN_ENDED and f.value == max(inj) for f in figs
                   if f.category in ("injured", "shot")):
                open_ended.add(aid)
    if fatalities:
        for aid, v in list(per_article.items()):
            day = day_of.get(aid) or ""
            if dead_of[aid] < fatalities and any(
                    dead_of[b] >= fatalities and (day_of.get(b) or "") > day for b in dead_of if b != aid):
                per_article[aid] = max(0, v - (fatalities - dead_of[aid]))
    per_article = _bounds_met(per_article, open_ended)
    return _median_of_latest((prov.group(aid), day_of.get(aid) or "", v) for aid, v in per_article.items())


_OPEN_ENDED = {"at least", "more than"}

# someone hit and alive: "a boy was accidentally shot", "shot himself in the leg", "in stable condition"
_HIT = re.compile(r"\b(?:(?:was|were|been|being|got|is|are)\s+(?:\w+ly\s+)?(?:shot|wounded|injured|struck|hit)\b(?!\s+at\b)|"
                  r"(?:shot|shoots|shooting|wounded|wounds|wounding|injured|injures|injuring)\s+(?:him|her|them)sel(?:f|ves)\b|"
                  r"gunshot wounds?\b|(?:critical|stable|serious|fair|good|guarded)\s+(?:but\s+\w+\s+)?condition\b|"
                  r"expected to (?:survive|recover)\b|non-?life[- ]threatening)", re.I)
_NO_HIT = re.compile(r"\b(?:(?:no one|nobody|no-one)(?: else)?(?: (?:was|were))? (?:hit|hurt|injured|struck|wounded|shot)|"
                     r"no injuries|not (?:hit|injured|hurt|struck|wounded))\b", re.I)
# headlinese drops the verb: "Teen accidentally shot in Charlotte", "Boy stable after ...", "Father shoots son"
_VICTIM_WORD = (r"(?:man|woman|boy|girl|teen|teenager|child|toddler|juvenile|bystander|[\w-]+-year-old|officer|"
                r"son|daughter|student|person|victim|deputy|hunter|firefighter)")
_HIT_TITLE = re.compile(r"\b" + _VICTIM_WORD + r"(?:\s+\S+){0,3}?\s+(?:\w+ly\s+)?(?:shot|wounded|injured|hurt|grazed|"
                        r"hospitali[sz]ed|airlifted|stable|recovering)\b|\b(?:shoots|wounds)\s+(?:(?:him|her)?self|own)\b|"
                        r"\bshoots\s+(?:a\s+|an\s+|his\s+|her\s+)?(?:\S+\s+)?" + _VICTIM_WORD + r"\b", re.I)
_DEATH = re.compile(r"\b(?:killed|dead|died|dies|death|slain|fatal\w*|murder\w*|homicide|lifeless|deceased)\b", re.I)


def survivor_told(sentences: list[str], titles: list[str] = ()) -> bool:
    """A non-fatal shooting's victim, though no count was read: some sentence tells someone hit and alive ("a
    3-year-old girl was accidentally shot", "he shot himself in the foot", "in critical but stable condition"),
    or a headline in headlinese ("Teen accidentally shot in Charlotte"), and none tells a death or that nobody
    was hit."""
    if any(_DEATH.search(x) or _NO_HIT.search(x) for x in [*sentences, *titles]):
        return False
    return any(_HIT.search(x) for x in [*sentences, *titles]) or any(_HIT_TITLE.search(x) for x in titles)


def _told_injured(figs: list[Figure], text: str, dead: list[int]) -> list[int]:
    """The injured counts one text gives with `figs` (its figures, offsets into `text`): its injured totals and,
    when it counts people shot, those shot less the dead it tells (`dead`: its reports' fatalities besides; a
    killed figure above the shot count is not theirs) or the victims it says were shot besides."""
    from triangulate.extract.events import coordinated_totals

    # one victim told injured and dead ("the young girl was injured by a firearm" ... "the girl had died") is dead
    dead_heads = {f.who.split()[-1].lower() for f in figs if f.category == "killed" and f.who}
    figs = [f for f in figs if not (f.category == "injured" and f.value == 1 and f.who and
                                    f.who.split()[-1].lower() in dead_heads and not _additional(f, text))]
    inj = [int(v) for v in coordinated_totals(figs, text, "injured") if v < 1000]
    told_killed = _told_killed(figs, text)
    told_dead = told_killed + [int(d) for d in dead if d]
    # a count of victims that is the dead and the injured together is no count of the injured: "found four victims
    # who were rushed to the hospital" or "four men were rushed to the hospital" beside "one dead, three injured"
    # (not a revised count, "that number was later raised to five", nor one told besides, "three others")
    victims = {int(f.value) for f in figs if f.category == "injured" and f.value and f.part_of is None
               and not _additional(f, text) and not re.search(r"\bto\s*$", text[max(0, f.start - 6):f.start])}
    totals = {v for v in victims if any(v == i + k for i in inj if i != v for k in told_dead)}
    if totals and len(inj) > 1:
        inj = [v for v in inj if v not in totals] or inj
    shot = [v for v in coordinated_totals(figs, text, "shot") if v < 1000]
    if shot and max(shot) >= 2 and any(told_dead) and not any(
            f.category in ("shot", "injured") and _additional(f, text) for f in figs):
        # "Six people were shot ... leaving one man dead. Five men and one woman were injured": an injured count
        # as large as those shot counts the dead too (not "one dead and six others injured")
        inj = [v for v in inj if v != int(max(shot))]
    if shot:
        # the dead are among those shot: a toll above the shot count is another incident's (a page's sidebar)
        killed = max(list(dead) + [k for k in told_killed if k <= max(shot)], default=0)
        extra = sum(f.value or 0 for f in figs if f.category == "shot" and _additional(f, text))
        inj.append(max(0, int(max(shot) - killed), int(extra)))
    return inj


def _bounds_met(per_article: dict[str, int], open_ended: set[str]) -> dict[str, int]:
    """An article's count that is only a lower bound ("at least two men were shot") does not contradict another
    article's exact count that meets it ("four people wounded"): the bound drops out of the lowest-of-sources
    choice."""
    exact = [v for aid, v in per_article.items() if aid not in open_ended]
    return {aid: v for aid, v in per_article.items() if aid not in open_ended or not any(x >= v for x in exact)}


def _precise(places: list[EventPlace]) -> list[EventPlace]:
    """Places of town or district precision (a country or province named beside them decides nothing)."""
    return [p for p in places if (p.precision or 1) <= 2]


def _event_figures(clusters: list[_Cluster], figures: dict[str, Figure]) -> list[dict[str, list[Figure]]]:
    """For each cluster, article id -> the figures its articles give for it: every figure of the article except
    those of background reports and of reports of an event whose towns or districts cannot be this one's (another
    province, far away: another incident the article tells of). Figures of other clusters at a compatible place stay: an
    incident's sentences are often split over several clusters (the shooting, the victims in hospital)."""
    owner: dict[str, int] = {}
    for k, c in enumerate(clusters):
        for r in c.reports:
            for fid in r.figure_ids:
                owner.setdefault(fid, -1 if c.background else k)
    by_article: dict[str, list[Figure]] = {}
    for f in figures.values():
        by_article.setdefault(f.article_id, []).append(f)
    out = []
    for k, c in enumerate(clusters):
        if c.background:  # a past event's figures are those its own sentences give
            own = {fid for r in c.reports for fid in r.figure_ids}
            out.append({a: [f for f in by_article.get(a, []) if f.id in own] for a in _uniq(r.article_id for r in c.reports)})
            continue
        # the event's own places: those of the reports merged by their own type (a compatible report merged in
        # may be set elsewhere: "strikes against civilians in Idlib" beside the Aleppo strike)
        mine = _precise([r.place for r in c.reports if r.id in c.core and r.place is not None]) or _precise(c.places)
        same = {k} | {j for j, o in enumerate(clusters) if j != k and not o.background
                      and not (mine and _precise(o.places) and all(_place_pair(p, q) is None
                                                                   for p in mine for q in _precise(o.places)))}
        out.append({a: [f for f in by_article.get(a, []) if owner.get(f.id, k) in same]
                    for a in _uniq(r.article_id for r in c.reports)})
    return out


_GENERIC_SUBTYPES = {"Attack", "Armed clash"}


def _split_event(a: _Cluster, b: _Cluster) -> bool:
    """Two clusters that are one event told by different articles: neither is background, they share a sub-event
    type that no article tells in both (an article telling two suicide bombings means two), their days overlap and
    their places are the same or near. Generic subtypes ("Attack", "Armed clash") are too common to tell this."""
    if a.background or b.background or a.days is None or b.days is None:
        return False
    if a.days[0] - 1 > b.days[1] or b.days[0] - 1 > a.days[1]:
        return False
    def arts(c: _Cluster, sub: str) -> set[str]:
        return {r.article_id for r in c.reports if r.id in c.core and r.sub_event_type == sub}
    shared = [t for t in a.subtypes & b.subtypes if t not in _GENERIC_SUBTYPES and not arts(a, t) & arts(b, t)]
    if not shared or not a.places or not b.places:
        return False
    pairs = [_place_pair(p, q) for p in a.places for q in b.places]
    return None not in pairs and max(pairs) >= 1.0


def _join_split_events(clusters: list[_Cluster], place_of: dict[str, EventPlace | None] | None = None
                       ) -> list[_Cluster]:
    """Clusters joined where `_split_event` finds one event split across articles (in cluster order); `place_of`
    gives each report's trusted place (default: its own)."""
    out: list[_Cluster] = []
    for c in clusters:
        into = next((o for o in out if _split_event(o, c)), None)
        if into is None:
            out.append(c)
            continue
        for r in c.reports:
            into.add(r, core=r.id in c.core, place=place_of.get(r.id) if place_of is not None else r.place)
    return out


def _perpetrator(rs: list[Event], w: list[float], core: set[str], sub: str | None) -> str | None:
    """actor1 of a merged event: the majority actor1 of the reports that name its sub-event type, else of those
    merged by their own type, else of all; an actor some report names as the attacked side (actor2: "targeted
    pro-regime forces", the state whose forces were hit) is not the attacker while another candidate is."""
    def attacked(a: str, targets: set[str]) -> bool:
        return any(names_match(a, t) or state_side(a) == state_side(t) != "" for t in targets)

    for keep in (lambda r: r.id in core and r.sub_event_type == sub, lambda r: r.id in core, lambda r: True):
        targets = {r.actor2 for r in rs if r.actor2 and keep(r)}
        for free in (True, False):
            sel = [(r.actor1, x) for r, x in zip(rs, w) if keep(r) and r.actor1 and not (free and attacked(r.actor1, targets))]
            if sel:
                return _majority([a for a, _ in sel], [x for _, x in sel])
    return None


def _target(rs: list[Event], w: list[float], core: set[str], sub: str | None, etype: str,
            a1: str | None) -> tuple[str | None, int | None]:
    """(actor2, inter2) of a merged event: the majority actor2 of the reports that name its sub-event type, else of
    those merged by their own type, else of all, never the perpetrator. In a battle both sides are organised armed
    groups (ACLED), so civilians (inter 7), the victims of a shelling merged into it, are not its other side."""
    def fits(r: Event) -> bool:
        if not r.actor2 or (a1 and names_match(r.actor2, a1)):
            return False
        return not (etype == "Battles" and r.inter2 == 7)

    for keep in (lambda r: r.id in core and r.sub_event_type == sub, lambda r: r.id in core, lambda r: True):
        sel = [(r, x) for r, x in zip(rs, w) if keep(r) and fits(r)]
        if sel:
            a2 = _majority([r.actor2 for r, _ in sel], [x for _, x in sel])
            return a2, next((r.inter2 for r, _ in sel if r.actor2 == a2 and r.inter2 is not None), None)
    return None, None


def _majority(values: list, weights: list[float]):
    c: Counter = Counter()
    first: dict = {}
    for i, (v, w) in enumerate(zip(values, weights)):
        if v is None or v == "":
            continue
        c[v] += w
        first.setdefault(v, i)
    if not c:
        return None
    return max(c, key=lambda v: (c[v], -first[v]))


def _event_day(dates: list[str], weights: list[float]) -> str | None:
    """The event's date: the reports' majority date, unless a well-supported date (half its weight or more) lies
    up to two days before it: the later day is that of what followed (the victim pronounced dead, the arrest)."""
    top = _majority(dates, weights)
    if top is None or len(top) != 10:
        return top
    weight: Counter = Counter()
    for d, wi in zip(dates, weights):
        weight[d] += wi
    day = dt.date.fromisoformat(top)
    earlier = [d for d in weight if len(d) == 10 and d < top and weight[d] >= weight[top] / 2
               and (day - dt.date.fromisoformat(d)).days <= 2]
    return min(earlier, default=top)


def merge_events(events: list[Event], articles: list[Article], prov: Provenance, story_id: str = "",
                 figures: dict[str, Figure] | None = None,
                 title_figures: list[Figure] = ()) -> tuple[list[StoryEvent], dict[str, str]]:
    """Cluster the reports; returns the merged events and a map report id -> StoryEvent id. `figures` (by id)
    tells the fatalities read from a toll over a period apart from the event's own; `title_figures` (offsets into
    the articles' titles) give each article's headline dead and injured to its most reported foreground event."""
    order = {a.id: i for i, a in enumerate(articles)}
    day_of = {a.id: (a.published or "")[:10] or None for a in articles}
    texts = {a.id: a.text or "" for a in articles}
    reports = sorted(events, key=lambda e: (order.get(e.article_id, 1 << 30), e.start))
    doubtful = doubtful_places(reports)
    place_of = {e.id: None if e.id in doubtful else e.place for e in reports}
    clusters: list[_Cluster] = []
    for e in reports:
        best, best_s = None, MERGE_THRESHOLD - 1e-9
        for c in clusters:
            s = _score(e, c, place_of[e.id])
            if s is not None and s > best_s:
                best, best_s = c, s
        if best is None:
            best = _Cluster(background=e.background)
            clusters.append(best)
            best.add(e, place=place_of[e.id])
        else:
            best.add(e, core=(_type_score(e, best.types, best.subtypes) or 0) >= 1.0, place=place_of[e.id])

    clusters = _join_split_events(clusters, place_of)
    merged: list[StoryEvent] = []
    report_map: dict[str, str] = {}
    event_figs = _event_figures(clusters, figures or {})
    running = running_tolls(figures, texts) if figures else set()
    titles = {a.id: a.title or "" for a in articles}
    headlines = _headline_figures(clusters, title_figures)
    for k, c in enumerate(clusters):
        rs = c.reports
        # weight each report by its independent source so 20 copies of one wire do not outvote two other sources
        keys = [prov.key(r.attributed_to, r.article_id, r.start, r.end) for r in rs]
        per_key = Counter(keys)
        w = [1.0 / per_key[k] for k in keys]
        # the type is named by the reports merged by their own type, not by those merged as compatible
        sub = _majority([r.sub_event_type for r in rs if r.id in c.core], [x for r, x in zip(rs, w) if r.id in c.core])
        etype = next((r.event_type for r in rs if r.sub_event_type == sub), None) or _majority(
            [r.event_type for r in rs], w)
        # the most precise date and place that the reports give, by majority among the most precise; what
        # happened was told by then: no date after the day the first of its reports was published (a follow-up's
        # retelling dated by the follow-up's own news, the charge, the funeral, is not the event's day)
        dated = [(r, wi) for r, wi in zip(rs, w) if r.date]
        first = min((d for r in rs if (d := day_of.get(r.article_id))), default=None)
        dated = [(r, wi) for r, wi in dated if r.date[:10] <= first] or dated if first else dated
        prec_d = min((r.date_precision or 9 for r, _ in dated), default=None)
        top = [(r, wi) for r, wi in dated if (r.date_precision or 9) == prec_d]
        date = _event_day([r.date for r, _ in top], [wi for _, wi in top])
        # a doubtful place only when the reports give no other
        trusted = [r.id not in doubtful for r in rs] if any(r.place and r.id not in doubtful for r in rs) \
            else [True] * len(rs)
        prec_p = min((r.place.precision or 9 for r, t in zip(rs, trusted) if r.place and t), default=None)
        cand = [(r, wi) for r, wi, t in zip(rs, w, trusted) if r.place and t and (r.place.precision or 9) == prec_p]
        # the places reports name in their own sentences decide, when any do; a report's dateline or first place
        # (given to its sentences that name none) only fills in: "PORTLAND, Ore. (KOIN)" beside "in Hubbard"
        cand = [(r, wi) for r, wi in cand if r.place_source == "sentence"] or cand
        pl = [r.place for r, _ in cand]
        pw = [wi for _, wi in cand]
        pname = _majority([norm_name(p.name) for p in pl], pw)
        place = next((p for p in pl if norm_name(p.name) == pname), None)
        # actor1 too: in a report merged as a compatible type ("the army thwarted it") actor1 is the other side
        a1 = _perpetrator(rs, w, c.core, sub)
        a2, inter2 = _target(rs, w, c.core, sub, etype or rs[0].event_type, a1)
        inter1 = next((r.inter1 for r in rs if r.actor1 == a1 and r.inter1 is not None), None)
        sid = "e-" + hashlib.sha1(f"{story_id}|{rs[0].id}".encode()).hexdigest()[:12]
        sources: list[str] = []
        for r in rs:
            if r.attributed_to and r.attributed_to not in sources:
                sources.append(r.attributed_to)
        outlets = {a.id: (a.outlet or a.id) for a in articles}
        for r in rs:
            o = outlets.get(r.article_id, r.article_id)
            if o not in sources:
                sources.append(o)
        fatalities = _conservative_fatalities([r for r in rs if r.id in c.core], prov, day_of, figures, running,
                                              {a: max(_told_killed(fs, titles[a]), default=0)
                                               for a, fs in headlines[k].items()}, rs)
        se = StoryEvent(
            id=sid, event_type=etype or rs[0].event_type, sub_event_type=sub or rs[0].sub_event_type,
            date=date, date_precision=(prec_d if prec_d != 9 else None) if date else None,
            actor1=a1, actor2=a2, place=place,
            fatalities=fatalities,
            article_ids=_uniq(r.article_id for r in rs),
            figure_ids=_uniq(f for r in rs for f in r.figure_ids),
            claim_ids=_uniq(cid for r in rs for cid in r.claim_ids),
            report_ids=[r.id for r in rs], inter1=inter1, inter2=inter2,
            background=c.background, outcome=_majority([r.outcome for r in rs], w), sources=sources,
            injured=conservative_injured(rs, prov, event_figs[k], texts, day_of,
                                         {a: (titles[a], fs) for a, fs in headlines[k].items()}, fatalities))
        if not se.injured and not se.fatalities and se.event_type in VIOLENT_TYPES and survivor_told(
                [r.sentence for r in rs], [titles[a] for a in se.article_ids]):
            se.injured = 1
        merged.append(se)
        for r in rs:
            report_map[r.id] = sid
    # foreground first, then by first report
    merged.sort(key=lambda s: s.background)
    return merged, report_map


def _headline_figures(clusters: list[_Cluster], title_figures: list[Figure]) -> list[dict[str, list[Figure]]]:
    """For each cluster, article id -> the figures of the article's headline, given to the foreground cluster of
    the article that the most articles report (the news the headline tells), of equals a violent one (a headline's
    dead and wounded are the violence's, not those of the vigil told first), then the first."""
    told: dict[str, tuple[int, bool, int]] = {}  # article id -> (articles reporting it, violent, cluster)
    for k, c in enumerate(clusters):
        n = len({r.article_id for r in c.reports})
        violent = bool(c.types & VIOLENT_TYPES)
        for r in c.reports:
            if not c.background and (r.article_id not in told or (n, violent) > told[r.article_id][:2]):
                told[r.article_id] = (n, violent, k)
    out: list[dict[str, list[Figure]]] = [{} for _ in clusters]
    for f in title_figures:
        if f.part_of is None and not f.scope and f.article_id in told:
            out[told[f.article_id][2]].setdefault(f.article_id, []).append(f)
    return out


def _told_killed(figs: list[Figure], text: str) -> list[int]:
    """The dead totals one text gives with `figs` (offsets into `text`), coordinated counts added up."""
    from triangulate.extract.events import coordinated_totals

    return [int(v) for v in coordinated_totals(figs, text, "killed") if v < 1000]


def _uniq(items) -> list:
    seen: dict = {}
    for i in items:
        seen.setdefault(i, None)
    return list(seen)
