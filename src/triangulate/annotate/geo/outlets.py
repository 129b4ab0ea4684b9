"""Per-outlet place context, learnt incrementally from the places the pipeline itself resolved (no gold).

A local paper names its own county's towns without saying which state they are in ("Alexandria", "Pineville"); the
outlet's earlier articles say where it usually reports from. `OutletPrior` keeps, per outlet, how many of its
confidently resolved places (once per article) lay in each country and first-level region and which towns it named
most, and turns that into a resolution context {"countries": [...], "places": [Place, ...]} for
`find_places(..., context=...)`: the home country when it holds at least half of the outlet's places, the home region
when it holds at least 30%, the towns named in at least two articles (top 3), plus the country of the outlet's ccTLD.

The pipeline asks for an article's context before annotating it and adds the article's places afterwards, so an
article only ever uses what was learnt from the outlet's other (earlier) articles. Worker processes each take whole
outlets of a batch (`partition_by_outlet`), so the result does not depend on the number of workers (a batch that is
mostly one outlet is then annotated mostly by one worker). The state is plain JSON, stored with the linker's state
in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from triangulate.model import Place, PlaceMention

MIN_SCORE = 0.5  # a place counts as evidence only when it was resolved with some margin
MIN_COUNTRY_SHARE = 0.5
MIN_REGION_SHARE = 0.3
MIN_TOWN_ARTICLES = 2
TOP_TOWNS = 3
MAX_TOWNS = 300  # per outlet; the rarest are forgotten first
_TOWN_FEATURES = ("city", "capital", "admin2")
_PLACE_FIELDS = ("name", "lat", "lon", "geonameid", "country", "admin1", "feature", "population")

_TLD_CC = {"uk": "GB", "gb": "GB", "ie": "IE", "ca": "CA", "au": "AU", "nz": "NZ", "in": "IN", "za": "ZA", "ng": "NG",
           "ke": "KE", "pk": "PK", "ph": "PH", "sg": "SG", "my": "MY", "de": "DE", "fr": "FR", "it": "IT", "es": "ES",
           "nl": "NL", "be": "BE", "ch": "CH", "at": "AT", "se": "SE", "no": "NO", "dk": "DK", "fi": "FI", "pl": "PL",
           "ru": "RU", "ua": "UA", "tr": "TR", "il": "IL", "eg": "EG", "sa": "SA", "ae": "AE", "qa": "QA", "lb": "LB",
           "jo": "JO", "sy": "SY", "iq": "IQ", "ir": "IR", "af": "AF", "cn": "CN", "jp": "JP", "kr": "KR", "br": "BR",
           "ar": "AR", "mx": "MX", "co": "CO", "cl": "CL", "pe": "PE", "ve": "VE", "us": "US"}


def domain_countries(domain: str | None) -> list[str]:
    """Country hint from an outlet's country-code top-level domain (thisisoxfordshire.co.uk -> ['GB']); [] for
    generic domains (.com, .org), which say nothing about the outlet's country."""
    if not domain:
        return []
    tld = domain.lower().rstrip(".").rsplit(".", 1)[-1]
    return [_TLD_CC[tld]] if tld in _TLD_CC else []


def _place_dict(p: Place) -> dict:
    return {k: getattr(p, k) for k in _PLACE_FIELDS}


class OutletPrior:
    """Place statistics per outlet (see the module docstring). `context(outlet, domain)` before annotating an
    article, `add(outlet, mentions)` after."""

    def __init__(self) -> None:
        # outlet -> {"n": places, "countries": {cc: k}, "regions": {"cc|admin1": k}, "towns": {key: [place, k]}}
        self.outlets: dict[str, dict] = {}

    def add(self, outlet: str | None, mentions: Iterable[PlaceMention]) -> None:
        """Learn from one article's resolved places (each distinct place once)."""
        if not outlet:
            return
        st = self.outlets.setdefault(outlet, {"n": 0, "countries": {}, "regions": {}, "towns": {}})
        seen = set()
        for m in mentions:
            p = m.place
            if p is None or not p.country or (m.score or 0) < MIN_SCORE:
                continue
            key = f"{p.name}|{p.country}|{p.admin1 or ''}"
            if key in seen:
                continue
            seen.add(key)
            st["n"] += 1
            st["countries"][p.country] = st["countries"].get(p.country, 0) + 1
            if p.admin1 and p.feature != "country":
                r = f"{p.country}|{p.admin1}"
                st["regions"][r] = st["regions"].get(r, 0) + 1
            if p.feature in _TOWN_FEATURES:
                st["towns"].setdefault(key, [_place_dict(p), 0])[1] += 1
        towns = st["towns"]
        if len(towns) > MAX_TOWNS:
            keep = sorted(towns, key=lambda k: -towns[k][1])[:MAX_TOWNS // 2]
            st["towns"] = {k: towns[k] for k in keep}

    def context(self, outlet: str | None, domain: str | None = None) -> dict | None:
        """The resolution context for the outlet's next article; None when nothing is known about it."""
        out_cc = domain_countries(domain)
        st = self.outlets.get(outlet or "") if outlet else None
        places: list[Place] = []
        if st and st["n"]:
            n = st["n"]
            cc, k = max(st["countries"].items(), key=lambda x: x[1])
            if k / n >= MIN_COUNTRY_SHARE and cc not in out_cc:
                out_cc = out_cc + [cc]
            if st["regions"]:
                r, k = max(st["regions"].items(), key=lambda x: x[1])
                if k / n >= MIN_REGION_SHARE:
                    places.append(_region_place(*r.split("|", 1)))
            towns = sorted(st["towns"].values(), key=lambda x: -x[1])
            places += [Place(**p) for p, k in towns[:TOP_TOWNS] if k >= MIN_TOWN_ARTICLES]
        if not out_cc and not places:
            return None
        return {"countries": out_cc, "places": places}

    def dumps(self) -> bytes:
        return json.dumps({"version": 1, "outlets": self.outlets}, separators=(",", ":")).encode()

    @classmethod
    def loads(cls, data: bytes | None) -> OutletPrior:
        prior = cls()
        if data:
            prior.outlets = json.loads(data).get("outlets", {})
        return prior

    def copy(self) -> OutletPrior:
        return self.subset(self.outlets)

    def subset(self, outlets: Iterable[str | None]) -> OutletPrior:
        """A copy holding only these outlets (what a worker needs)."""
        sub = OutletPrior()
        sub.outlets = json.loads(json.dumps({o: self.outlets[o] for o in set(outlets) if o in self.outlets}))
        return sub


def partition_by_outlet(outlets: list[str | None], n: int) -> list[list[int]]:
    """Split positions 0..len-1 into at most n ordered parts, each outlet's positions in one part (articles without
    an outlet go anywhere), balancing the parts' sizes: largest outlets first, each to the smallest part."""
    groups: dict[object, list[int]] = {}
    for i, o in enumerate(outlets):
        groups.setdefault(o if o else ("none", i), []).append(i)
    parts: list[list[int]] = [[] for _ in range(max(1, n))]
    for g in sorted(groups.values(), key=lambda g: (-len(g), g[0])):
        min(parts, key=len).extend(g)
    return [sorted(p) for p in parts if p]


def _region_place(cc: str, admin1: str) -> Place:
    from triangulate.annotate.geo.gazetteer import gazetteer

    reg = [e for e, _ in gazetteer().lookup(admin1) if e.feature == "admin1" and e.cc == cc]
    if reg:
        e = reg[0]
        return Place(name=e.name, lat=e.lat, lon=e.lon, geonameid=e.geonameid, country=e.cc, admin1=e.admin1,
                     feature=e.feature, population=e.population or None)
    return Place(name=admin1, country=cc, admin1=admin1, feature="admin1")


def outlet_context(mention_lists: list[list[PlaceMention]], domain: str | None = None) -> dict:
    """The context learnt from a set of the outlet's other articles at once (leave-one-out evaluation)."""
    prior = OutletPrior()
    for ms in mention_lists:
        prior.add("outlet", ms)
    return prior.context("outlet", domain) or {"countries": [], "places": []}
