"""Toponym recognition and resolution.

Recognition = spaCy entities (GPE/LOC/FAC, plus NORP/PERSON/ORG spans that the gazetteer knows as places and that do
not look like demonyms or people) + a gazetteer scan of proper-noun runs the model missed (a longer known name beats
a famous one inside it: New Concord) + upper-case datelines ("BEIRUT (Reuters) -"). One sense per discourse: a name
clearly used as a place once (after "in"/"near", before a state, in a dateline) is a place where the model tagged it
ORG or PERSON. People are not towns: the words of a full personal name (George Nelson, Mikheil Saakashvili) and
PERSON-tagged given names are dropped unless a locative introduces them. Spans are tidied ("the", possessives,
leading hyphens; state abbreviations keep their period: "Kan.") and extended with "province/governorate/county/..."
when that names a known region. A name followed by a street word ("Wichita Drive") is a street: unresolved by the
gazetteer, it is placed in the town its sentence names, else the report's most-named town (low score).

Resolution (`resolve`, and document-level in `find_places`) ranks gazetteer candidates by population, feature class
(countries and first-level regions beat homonymous villages), match tier (exact > article-stripped > transliteration
skeleton), coherence with the document's other places (same country, same admin1, "Town, State" apposition) and the
story context ({"countries": [...], "places": [Place, ...]}). Same surface name in one document -> same place.
Document coherence: co-support (a candidate's first-level region is also a plausible reading of the document's other
names: Gainesville + Hall County -> Georgia), nearness to the towns the other names resolve to, "Town, State"
apposition heads, and a document-level country prior when one country holds most of the evidence. Names contained
in one another ("Dublin" / "Dublin City") and spelling-skeleton matches are weak evidence; a skeleton-only match of a
small place with no support is dropped. `geo.outlets.OutletPrior` learns an outlet's home country/region from its
earlier articles, passed as `context` by the pipeline.

Relative places ("12 km west of Aleppo", "near Saraqib", "outskirts of Idlib") keep the anchor place and the relation.
"""

from __future__ import annotations

import math
import re

from spacy.tokens import Doc

from triangulate.annotate.geo.distance import km
from triangulate.annotate.geo.gazetteer import Entry, gazetteer, norm
from triangulate.annotate.geo.names import GIVEN_NAMES, census_given_names
from triangulate.annotate.geo.outlets import domain_countries, outlet_context  # noqa: F401 (re-exported)
from triangulate.model import Place, PlaceMention

_FEATURE_PRIOR = {"country": 3.0, "continent": 3.0, "admin1": 1.0, "capital": 2.5, "city": 0.0, "admin2": -0.5,
                  "region": 2.0, "district": 1.0, "airport": 1.0, "base": 1.0, "road": 1.0, "crossing": 1.0,
                  "landmark": 1.0, "town": 1.0}
_SUPPORT_TOP = 15
_SUPPORT_BONUS = 2.5
_SUPPORT_EXP = 0.5
_SUPPORT_TAU = 2.0
_NEAR_BONUS = 2.0
_DOMINANT_SHARE = 0.6
_DOMINANT_BONUS = 4.0
_FUZZY_MIN_POP = 100_000
_COMMON_WORD_ZIPF = 4.0  # wordfreq Zipf frequency of an everyday English word ("store" 5.0, "metro" 4.2)
_ENGLISH_WORD_ZIPF = 3.0  # an English word at all, if not an everyday one ("herald", "government")
_WIDE_FEATURES = {"country", "continent", "admin1", "region"}
_ALT_NAME_PENALTY = -3.0  # matched only by an alternate name (chosen on the dev halves; was -1.5)
_TIER_PENALTY = {1: 0.0, 2: -1.0, 3: -3.0}
_SUPPLEMENT_FEATURES = {"district", "airport", "base", "road", "crossing", "landmark", "town", "region"}
_REGION_WORDS = {"province", "governorate", "state", "county", "parish", "district", "region", "oblast", "prefecture",
                 "municipality", "department", "countryside", "borough", "township"}
_ADMIN1_WORDS = {"province", "governorate", "state", "oblast", "prefecture", "region", "countryside"}
_ADMIN2_WORDS = {"county", "parish", "district", "borough", "township", "municipality", "department"}
_DEMONYM_END = re.compile(r"(ans?|ians?|ese|ish|is|ic|ch)$", re.I)
_DIRS = r"(?:north|south|east|west|north-east|north-west|south-east|south-west|northeast|northwest|southeast|southwest|northern|southern|eastern|western)"
_REL_RE = re.compile(
    r"(?P<rel>(?:(?:\d+(?:\.\d+)?|a few|several|some)\s*(?:-\s*)?(?:km|kilometres|kilometers|miles|mi)\s+(?:\(\s*[\d.]+\s*\w+\s*\)\s+)?)?"
    + _DIRS + r"\s+of|near(?:by)?|outside(?:\s+of)?|on the outskirts of|outskirts of|close to|in the vicinity of|"
    r"just outside|around|the countryside of|countryside of|(?:northern|southern|eastern|western|rural)\s+)\s*(?:the\s+(?:city|town|village)\s+of\s+)?$",
    re.I)
_COMMON = {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "upper", "lower",
           "new", "old", "great", "little", "bank", "side", "city", "county", "state", "lake", "river", "mount",
           "valley", "park", "union", "victoria", "hope", "liberty", "independence", "unity", "commerce", "justice"}
_BAD_WORDS = {"god", "allah", "jesus", "christ", "mr", "mrs", "ms", "dr", "president", "king", "queen", "prince", "sen",
              "rep", "gov", "st", "mt", "ft", "said", "monday", "tuesday", "wednesday", "thursday", "friday",
              "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december", "today", "internet", "twitter", "facebook", "reuters",
              "associated press", "police", "sheriff", "court", "university", "school", "church", "hospital", "hwy", "hwys",
              "ave", "blvd", "rd", "pkwy", "fwy", "expy", "metro"}


# --------------------------------------------------------------------------- helpers


def _to_place(e: Entry) -> Place:
    return Place(name=e.name, lat=e.lat, lon=e.lon, geonameid=e.geonameid, country=e.cc, admin1=e.admin1,
                 feature=e.feature, population=e.population or None)


def _common_word(key: str, zipf: float = _COMMON_WORD_ZIPF) -> bool:
    """A one-word name that is also an English word at least this frequent (wordfreq Zipf; default: everyday)."""
    from wordfreq import zipf_frequency

    return " " not in key and zipf_frequency(key, "en") >= zipf


def _base_score(e: Entry, tier: int, primary: bool = True) -> float:
    return (math.log10((e.population or 0) + 10) + _FEATURE_PRIOR.get(e.feature, 0.5) + _TIER_PENALTY.get(tier, -3)
            + (0.0 if primary else _ALT_NAME_PENALTY))


def _candidates(name: str, kind: str | None = None) -> list[tuple[Entry, int, bool]]:
    """Gazetteer candidates (entry, tier, matched-its-primary-name). Only the best tier present is kept, so a
    transliteration skeleton never competes with an exact name (Columbia is not Colombia)."""
    raw = gazetteer().lookup(name)
    if not raw:
        return []
    top = min(t for _, t in raw)
    key = norm(name)
    cands = [(e, t, norm(e.name) == key or e.feature in ("country", "admin1", "continent") or e.feature in
              _SUPPLEMENT_FEATURES) for e, t in raw if t == top]
    # a bare name shared by a region and a city of it that holds most of the region's people means the city
    # (Aleppo, Homs); a state whose namesake city is a minority of it stays the state (New York)
    if kind is None:
        regions = {(e.cc, e.admin1): e.population for e, _, _ in cands if e.feature == "admin1"}
        towns = {(e.cc, e.admin1) for e, _, _ in cands if e.feature in ("city", "capital") and e.population >= 20000
                 and e.population >= 0.5 * regions.get((e.cc, e.admin1), 0)}
        if towns:
            cands = [c for c in cands if not (c[0].feature == "admin1" and (c[0].cc, c[0].admin1) in towns)] or cands
    if kind == "admin1":
        c2 = [c for c in cands if c[0].feature in ("admin1", "region")]
        cands = c2 or cands
    elif kind == "admin2":
        c2 = [c for c in cands if c[0].feature in ("admin2", "admin1", "region", "district")]
        cands = c2 or cands
    return cands


def _context_bonus(e: Entry, countries: dict[str, float], admin1s: dict[tuple, float], places: list[Place]) -> float:
    b = 0.0
    if e.cc and countries:
        b += 3.0 * min(1.0, countries.get(e.cc, 0.0))
    if e.cc and admin1s and e.admin1:
        b += 2.0 * min(1.0, admin1s.get((e.cc, e.admin1), 0.0))
    for p in places:
        if p.lat is not None and p.lon is not None:
            d = km((e.lat, e.lon), (p.lat, p.lon))
            if d < 50:
                b += 1.5
                break
            if d < 200:
                b += 0.75
                break
    return b


def _ctx_countries(context: dict | None) -> dict[str, float]:
    out: dict[str, float] = {}
    for cc in (context or {}).get("countries") or []:
        if cc:
            out[str(cc).upper()] = 1.0
    for p in (context or {}).get("places") or []:
        if getattr(p, "country", None):
            out[p.country] = max(out.get(p.country, 0.0), 0.7)
    return out


def resolve(name: str, context: dict | None = None) -> Place | None:
    """Resolve one place name (spelling-tolerant; "X province", "the city of X" understood) to a gazetteer Place."""
    name, kind = _strip_name(name)
    cands = _candidates(name, kind)
    if not cands:
        return None
    countries = _ctx_countries(context)
    admin1s = {(p.country, p.admin1): 1.0 for p in (context or {}).get("places") or [] if getattr(p, "admin1", None)}
    places = list((context or {}).get("places") or [])
    best = max(cands, key=lambda c: _base_score(*c) + _context_bonus(c[0], countries, admin1s, places))
    return _to_place(best[0])


_LEAD_RE = re.compile(r"^(?:the\s+)?(?:(?:city|town|village|province|region|state|governorate|district|county)\s+of\s+)?", re.I)


_DIRECTION_PART = re.compile(r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|"
                             r"central|downtown)\s+(?=[A-Z])", re.I)


def _strip_name(name: str) -> tuple[str, str | None]:
    """'the city of X' -> X; 'X province' -> (X province, 'admin1'); possessive dropped."""
    s = name.strip()
    s = re.sub(r"['\u2019]s$", "", s)
    m = _LEAD_RE.match(s)
    kind = None
    if m and m.group(0):
        lead = m.group(0).lower()
        s = s[m.end():]
        if any(w in lead for w in ("province", "region", "state", "governorate")):
            kind = "admin1"
        elif any(w in lead for w in ("district", "county")):
            kind = "admin2"
    d = _DIRECTION_PART.match(s)
    if d and not gazetteer().known(s) and any(
            e.feature in ("city", "capital") and (e.population or 0) >= 100_000 and t == 1
            for e, t in gazetteer().lookup(s[d.end():])):
        s = s[d.end():]  # "South Los Angeles", "East Baltimore", "North Philadelphia": a part of a large city
        # (not "West Midlands" -> Midlands, "East Africa" -> Africa, "West Kasai" -> Kasai)
    last = s.rsplit(" ", 1)[-1].lower() if " " in s else ""
    if last in _ADMIN1_WORDS and not gazetteer().lookup(s):
        kind = "admin1"
        s = s.rsplit(" ", 1)[0]
    elif last in _ADMIN2_WORDS and not gazetteer().lookup(s):
        kind = "admin2"
        s = s.rsplit(" ", 1)[0]
    return s, kind


# --------------------------------------------------------------------------- recognition


# words ending like a demonym that name a place of 1,000 or more people but are read as the demonym first
_DEMONYMS_FIRST = {"canadian", "roman"}


def _looks_demonym(text: str) -> bool:
    """A single word that ends like a nationality ("Syrian", "Kurdish", "Lebanese") and is no town's own name of
    1,000 people or more: "Meridian", "Logan", "Memphis", "Tehran" end the same way and are places."""
    if " " in text or not _DEMONYM_END.search(text):
        return False
    return norm(text) in _DEMONYMS_FIRST or _own_name_pop(text)[0] < 1000


def _best_pop(cands) -> tuple[int, str]:
    best = (0, "")
    for e, t, *_ in cands:
        if t == 1:
            v = e.population or (10**6 if e.feature in _SUPPLEMENT_FEATURES else 0)
            if e.feature in ("country", "admin1", "continent"):
                v = max(v, 10**7)
            if v > best[0]:
                best = (v, e.feature)
    return best


def _own_name_pop(name: str, cands=None) -> tuple[int, str]:
    """`_best_pop` over the gazetteer entries (of `cands`, default all) named `name` itself, not by an alternate
    name or an abbreviation: "Memphis" the town, whatever a demonym's look or a code says."""
    if cands is None:
        cands = gazetteer().lookup(name)
    return _best_pop([c for c in cands if norm(c[0].name) == norm(name)])


_LOCATIVE = {"in", "near", "at", "from", "to", "outside", "into", "across", "around", "toward", "towards", "between",
             "of", "inside", "through", "via", "nearby", "outskirts"}


def _locative_before(doc: Doc, start_char: int) -> bool:
    """Is the span introduced by a locative preposition ("near Saraqeb", "west of X", "in X")?"""
    tok = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
    if tok is None or tok.start == 0:
        return False
    prev = doc[tok.start - 1]
    return prev.lower_ in _LOCATIVE and prev.lower_ != "of" or (
        prev.lower_ == "of" and tok.start >= 2 and doc[tok.start - 2].lower_ in _COMMON | {
            "outskirts", "city", "town", "village", "province", "cities", "towns", "villages", "provinces"})


_RESIDENT_NOUNS = {"man", "woman", "men", "women", "teen", "teenager", "teens", "teenagers", "boy", "girl", "boys",
                   "girls", "resident", "residents", "couple", "family", "native", "mother", "father", "toddler",
                   "child", "student", "youth", "juvenile", "homeowner", "motorist", "driver"}


def _resident_frame(doc: Doc, start_char: int, end_char: int) -> bool:
    """Is the span a town naming where someone lives: "a Logan teenager", "a 23-year-old Tulsa man"?"""
    sp = doc.char_span(start_char, end_char, alignment_mode="expand")
    if sp is None or sp.start == 0 or sp.end >= len(doc):
        return False
    prev, nxt = doc[sp.start - 1], doc[sp.end]
    return nxt.lower_ in _RESIDENT_NOUNS and (prev.lower_ in ("a", "an") or bool(re.fullmatch(r"\d+-year-old", prev.lower_))
                                               or (sp.start >= 3 and doc[sp.start - 1].lower_ == "old"
                                                   and doc[sp.start - 2].lower_ in ("-", "year")))


def _accept_entity(label: str, text: str, locative: bool = False) -> bool:
    if norm(text) in _BAD_WORDS or not text[:1].isupper():
        return False
    if label in ("GPE", "LOC", "FAC"):
        return True
    cands = gazetteer().lookup(text)
    if not cands:
        return False
    pop, feat = _best_pop(cands)
    if locative and pop >= 1000 and not _looks_demonym(text):
        return True
    if label == "NORP":
        return not _looks_demonym(text) and pop >= 20000
    if label == "PERSON":
        return pop >= 10**6 or feat in _SUPPLEMENT_FEATURES or (" al-" in text or text.lower().startswith("al-"))
    if label == "ORG":
        return feat in ("country", "admin1", "continent") or feat in _SUPPLEMENT_FEATURES
    return False


def _tidy(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1  # "-Charleston" from "D-Charleston"
    s = text[start:end]
    m = re.match(r"(?:the|The)\s+", s)
    if m and not gazetteer().known(s):
        start += m.end()
    s = text[start:end]
    m = re.search(r"['\u2019]s?$", s)
    if m:
        end -= len(m.group(0))
    while end > start and text[end - 1] in ".,;:" and not re.search(r"\b[A-Z][a-z]?\.$", text[start:end]):
        end -= 1
    if text[end:end + 1] == "." and _state_abbrev(text[start:end]):
        end += 1  # "Topeka, Kan." keeps the abbreviation's period
    m = _SAINT_BEFORE.search(text, max(0, start - 6), start)
    if m:
        start = m.start()  # "ST. LOUIS (KMOX)" when the model tagged only "LOUIS"; "Ft. Worth", "Mt. Vernon"
    return start, end


_SAINT_BEFORE = re.compile(r"\b(?:St|ST|Ste|STE|Ft|FT|Mt|MT|Pt|PT)\.?[ \t]$")


def _state_abbrev(s: str) -> bool:
    """'Kan', 'Calif', 'W.Va': a short capitalised abbreviation (not the full name: 'Ohio.' ends a sentence) the
    gazetteer knows as a first-level region."""
    last = re.split(r"[\s.]", s.strip())[-1]
    return (1 <= len(last) <= 5 and last[:1].isupper() and len(s) <= 8
            and any(e.feature == "admin1" and t == 1 and norm(e.name) != norm(s) for e, t in gazetteer().lookup(s)))


def _extend_region(text: str, start: int, end: int) -> int:
    """Extend 'Idlib' to 'Idlib province' when followed by a region word."""
    m = re.match(r"\s+(province|governorate|Province|Governorate|County|Parish|District|Oblast|Region|State|"
                 r"countryside|region|state|county|district)\b", text[end:])
    if m:
        return end + m.end()
    return end


def _gazetteer_scan(doc: Doc, text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Proper-noun runs the model did not tag as places, matched against the gazetteer (longest first); the model's
    ORG/PERSON labels are not trusted (it tags towns as either), titles of works and laws are left alone."""
    out = []
    occupied = [False] * len(text)
    # people the model recognised by a full name or a given name are not rescanned as towns (George Nelson, Casey)
    # unless a locative introduces them; a PERSON-tagged town name (Gainesville, Huntsville High School) still is
    people = [(x.start_char, x.end_char) for x in _person_names(doc) if not _locative_before(doc, x.start_char)
              and not _resident_frame(doc, x.start_char, x.end_char)]
    for s, e in taken + people + [(x.start_char, x.end_char) for x in doc.ents if x.label_ in ("WORK_OF_ART", "LAW")]:
        for i in range(s, e):
            occupied[i] = True
    toks = list(doc)
    lower_words = {t.text for t in toks if t.text.islower()}
    i = 0
    while i < len(toks):
        t = toks[i]
        if not (t.pos_ == "PROPN" and t.text[:1].isupper()) or occupied[t.idx]:
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and j - i < 5 and (
                (toks[j + 1].pos_ == "PROPN" and toks[j + 1].text[:1].isupper())
                or toks[j + 1].text in ("-", "al", "el", "ad", "as", "ash", "an", "ar", "az")
                or toks[j + 1].text.lower().startswith(("al-", "el-"))) and not occupied[toks[j + 1].idx]:
            j += 1
        personal = _personal_tokens(toks, i, j)
        found = None
        longest_known = None  # "New Concord" (a small town) rather than the famous "Concord" inside it
        for a in range(i, j + 1):
            for b in range(j, a - 1, -1):
                span = doc[a:b + 1]
                if span[-1].text in ("-", "al", "el") or span[0].is_sent_start and b == a and span[0].ent_type_:
                    continue
                st = span.text
                if norm(st) in _BAD_WORDS:
                    continue
                if b > a and longest_known is None and gazetteer().known(st) and not _looks_demonym(st):
                    longest_known = (span.start_char, span.end_char)
                if b == a and _extend_street(text, span.start_char, span.end_char) > span.end_char and \
                        gazetteer().known(text[span.start_char:_extend_street(text, span.start_char, span.end_char)]):
                    found = (span.start_char, span.end_char)  # "M5" of "the M5 highway" (extended by the caller)
                    break
                if b == a and (span[0].text.isupper() and len(span[0].text) <= 5 or span[0].is_stop or span[0].lower_ in _COMMON or span[0].lower_ in lower_words):
                    continue
                resident = _resident_frame(doc, span.start_char, span.end_char)
                if b == a and a in personal and not _locative_before(doc, span.start_char) and not resident:
                    continue
                cands = gazetteer().lookup(st)
                if cands and b == a and _common_word(norm(st)):
                    # a capitalised common word counts by the places of that very name, not by an abbreviation or
                    # code that spells it ("Car Wash": CAR, the Central African Republic; "Wash." for Washington)
                    cands = tuple(c for c in cands if norm(c[0].name) == norm(st))
                if not cands:
                    continue
                pop, feat = _best_pop(cands)
                ok = feat in _SUPPLEMENT_FEATURES or feat in ("country", "admin1", "continent") or pop >= 100000
                if b > a:
                    ok = ok or pop >= 5000
                if _locative_before(doc, span.start_char) or resident:
                    ok = ok or pop >= 1000
                # "a Logan teenager": a town's own name in a resident's frame, though it ends like "Syrian"
                named = resident and _own_name_pop(st, cands)[0] >= 1000
                if ok and (named or not _looks_demonym(st)):
                    found = (span.start_char, span.end_char)
                    if longest_known and longest_known[0] <= found[0] and found[1] <= longest_known[1] and \
                            feat not in _WIDE_FEATURES:
                        found = longest_known
                    break
            if found:
                break
        if found:
            out.append(found)
        i = j + 1
    return out


def _personal_tokens(toks, i: int, j: int) -> set[int]:
    """Indices of the run toks[i..j] that belong to a personal name: a census given name followed by a name-like
    word ("Wade Ingram", "Hattie Jackson", "Ezra Ryan Jackson"), both words, unless the pair is itself a known place
    ("Glen Burnie") or the second word is a state or country ("Orlando Florida"), or the given name is a state or
    country or a city of 100,000 followed by a place or an English word ("Georgia Bureau", "Columbus Government")."""
    out: set[int] = set()
    given = census_given_names()
    for k in range(i, j):
        a, b = toks[k], toks[k + 1]
        if a.text not in given or not _NAME_TOKEN.fullmatch(b.text) or b.lower_ in _NOT_NAME_WORDS:
            continue
        if gazetteer().known(f"{a.text} {b.text}") or _best_pop(gazetteer().lookup(b.text))[1] in _WIDE_FEATURES:
            continue
        pop_a, feat_a = _best_pop(gazetteer().lookup(a.text))
        if feat_a in _WIDE_FEATURES or pop_a >= 100_000 and (
                gazetteer().known(b.text) or _common_word(b.lower_, _ENGLISH_WORD_ZIPF)):
            continue  # "the Georgia Bureau of Investigation", "the Columbus Government Center", "Augusta Herald"
        out |= {k, k + 1}
    return out


_FACILITY_RE = re.compile(r"\s+(?:[Aa]irport|[Aa]ir [Bb]ase|[Aa]irbase|[Mm]ilitary [Aa]irport|[Cc]rossing|[Bb]order [Cc]rossing)\b")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)")


def _coordinated(text: str, s: int, e: int, accepted: list[tuple[int, int]]) -> bool:
    """Is the span a member of a list ("Nubl and Zahraa", "Sarmada, Maarat al-Numan and Saraqeb") one of whose
    neighbours is an accepted place?"""
    for a, b in accepted:
        if b <= s and _LIST_GAP.fullmatch(text[b:s]) or e <= a and _LIST_GAP.fullmatch(text[e:a]):
            return True
    return False


def _find_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    spans = []
    rejected: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC", "NORP", "PERSON", "ORG"):
            continue
        s, e = _tidy(text, ent.start_char, ent.end_char)
        if e <= s:
            continue
        fac = _FACILITY_RE.match(text[e:])
        if fac and gazetteer().lookup(text[s:e + fac.end()]):
            spans.append((s, e + fac.end()))  # "al-Nayrab airport" when the model tagged only "al-Nayrab"
            continue
        st = text[s:e]
        if not _accept_entity(ent.label_, st, _locative_before(doc, s)):
            if ent.label_ in ("ORG", "PERSON", "NORP"):
                rejected.append((s, e))
            # a town's police names the town: "Cheyenne Police are investigating", "Riviera Beach Police Department"
            pol = re.match(r"((?:[A-Z][\w'-]+\s?){1,3}?)\s+(?:Police|Sheriff's|Fire)\b", st) \
                if ent.label_ == "ORG" else None
            if pol and norm(pol.group(1)) not in _BAD_WORDS and not _common_word(norm(pol.group(1))) and \
                    not _looks_demonym(pol.group(1)) and _own_name_pop(pol.group(1))[0] >= 1000:
                spans.append((s, s + len(pol.group(1))))
                continue
            # an ORG such as "Rapides Parish Fire District" may start with a place name
            if ent.label_ in ("ORG", "FAC") and " " in st:
                sub = re.match(r"((?:[A-Z][\w'-]+\s?){1,3}?)\s+(?:County|Parish|City)\b", st)
                if sub:
                    e2 = s + sub.end()
                    if sub.group(0).endswith("City") and _best_pop(gazetteer().lookup(sub.group(1)))[0] >= 1000 and \
                            not any(x.feature in ("city", "capital") and t == 1
                                    for x, t in gazetteer().lookup(sub.group(0))):
                        e2 = s + sub.end(1)  # "Dublin City Council" is Dublin's council; Kansas City stays whole
                    if gazetteer().lookup(text[s:e2]):
                        spans.append((s, e2))
            continue
        if ent.label_ in ("GPE", "LOC", "FAC") and not gazetteer().lookup(st) and ent.label_ != "GPE":
            if _is_city_part(st):
                spans.append((s, e))  # "the West Side": placed in a town of the report later
            elif _STREET.search(st) and " " in st:
                head = re.match(r"(.+?)\s+(?:" + _STREET_WORDS + r")", st)
                if head and _NUMBERED_ROAD.match(text, s + head.end(1)) and \
                        _best_pop(gazetteer().lookup(head.group(1)))[1] in _WIDE_FEATURES | {"admin2"}:
                    spans.append((s, s + len(head.group(1))))  # "Florida Highway 20": the state
                else:
                    spans.append((s, e))  # "Darby Street", "Highway 19": a street, placed in a town later
            continue  # other unknown LOC/FAC (e.g. "the West", "Main Street") is not kept as a toponym
        if ent.label_ == "GPE" and " " in st and not gazetteer().lookup(st) and resolve(st) is None:
            pre = _known_prefix(st)
            if pre:
                spans.append((s, s + len(pre)))  # "a Memphis Kroger": the town before a store's name
                continue
        spans.append((s, _extend_street(text, s, _extend_region(text, s, e))))
    # list members next to accepted places are places too when the gazetteer knows them as towns
    grew = True
    while grew and rejected:
        grew = False
        for s, e in list(rejected):
            st = text[s:e]
            if _coordinated(text, s, e, spans) and not _looks_demonym(st) and norm(st) not in _BAD_WORDS:
                pop, feat = _best_pop(gazetteer().lookup(st))
                if pop >= 1000 or feat in _SUPPLEMENT_FEATURES:
                    spans.append((s, e))
                    rejected.remove((s, e))
                    grew = True
    spans += [(s, _extend_street(text, s, e)) for s, e in _gazetteer_scan(doc, text, spans)]
    spans += _datelines(text, spans)
    spans += _same_name_again(doc, text, spans, rejected)
    spans = sorted(_tidy(text, s, e) for s, e in spans)
    out = []
    for s, e in spans:
        if out and s < out[-1][1]:
            if e - s > out[-1][1] - out[-1][0]:
                out[-1] = (s, e)
            continue
        out.append((s, e))
    out = [(s, e) for s, e in out if not _VEHICLE_MAKE_BEFORE.search(text, max(0, s - 20), s)]
    return _drop_people(doc, text, out)


_DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
               "lower", "greater", "north-western", "north-eastern", "south-western", "south-eastern", "northwest",
               "northeast", "southwest", "southeast", "the", "new", "old", "san", "santa", "st", "st.", "saint"}
_GEO_HEADS = {"valley", "square", "district", "council", "county", "region", "coast", "basin", "delta", "river",
              "lake", "mountains", "hills", "park", "bay", "island", "islands", "peninsula", "province", "state",
              "city", "town", "village", "desert", "plain", "plains", "highlands", "heights", "strip", "bank",
              "sur", "norte", "del", "oriental", "occidental"}


def _known_prefix(name: str) -> str | None:
    """The longest run of a name's first words that the gazetteer knows as a town of 1,000 or more or a region,
    when the words after it are capitalised names ("Memphis Kroger" -> "Memphis"); None otherwise."""
    words = name.split()
    first = norm(words[0])
    if first in _DIRECTIONS or _common_word(first) or words[0] in census_given_names():
        return None  # "West Africa", "Mountain Dairy", "Maya Harden": no town before a name
    for k in range(len(words) - 1, 0, -1):
        rest = words[k:]
        if not all(w[:1].isupper() for w in rest) or any(
                norm(w) in _BAD_WORDS or norm(w) in _GEO_HEADS or gazetteer().lookup(w) for w in rest):
            continue  # "Salinas Valley", "South Darfur", "Ilocos Sur": the rest is geography itself
        pre = " ".join(words[:k])
        pop, feat = _own_name_pop(pre)
        if pop >= 1000 or feat in _WIDE_FEATURES:  # a town of that very name ("Memphis", not a demonym's look)
            return pre
    return None


# an address names a street, not a town: "the 3400 block of Oxford", "the 2900 block of Knox Place"; and so do two
# names before a plural street word, "at Vermont and Manchester avenues"
_BLOCK_OF_BEFORE = re.compile(r"\bblock of\s+$", re.I)
_STREETS_AFTER = re.compile(r"\s+(?:(?:[A-Z][\w.'-]*\s+){0,2}?(?:and|&)\s+(?:[A-Z][\w.'-]*\s+){1,3})?"
                            r"(?:streets|avenues|roads|boulevards|drives|lanes)\b")


def _in_address(text: str, start: int, end: int) -> bool:
    """Is text[start:end] a street of an address ("the 3400 block of Oxford", "at Vermont and Manchester avenues")?
    Such a name is a street (a toponym, left unresolved and placed in a town later), not the homonymous town."""
    return bool(_BLOCK_OF_BEFORE.search(text, max(0, start - 30), start) or _STREETS_AFTER.match(text, end))


# a model name after its maker ("a white GMC Yukon", "a Chevy Tahoe", "a Dodge Durango"): a vehicle, not a place
_VEHICLE_MAKE_BEFORE = re.compile(
    r"\b(?:GMC|Chevy|Chevrolet|Ford|Dodge|Jeep|Toyota|Honda|Nissan|Hyundai|Kia|Buick|Cadillac|Chrysler|Pontiac|"
    r"Mazda|Subaru|Volkswagen|VW|BMW|Mercedes|Audi|Lexus|Acura|Infiniti|Mitsubishi|Oldsmobile|Saturn|Mercury|"
    r"Plymouth|Volvo)\s+$")


_STREET_WORDS = (r"Street|St\.|Avenue|Ave\.|Road|Rd\.|Drive|Boulevard|Blvd\.|Lane|Parkway|Pkwy\.|Pike|Trail|"
                 r"Highway|Hwy\.|Circle|Terrace|Expressway|Freeway|Turnpike")
_STREET = re.compile(r"(?:\b(?:" + _STREET_WORDS + r")|\b(?:Highway|Route|Interstate|I-|U\.S\.|State Road) ?\d+[A-Z]?)$")
_STREET_AFTER = re.compile(r" (?:" + _STREET_WORDS + r")(?![\w-])")


# a numbered road of a state or county: "Florida Highway 20", "Douglas County Road 7", "Ohio Route 2"
_NUMBERED_ROAD = re.compile(r"\s+(?:State\s+)?(?:Highway|Hwy\.|Route|Road|Rd\.|Turnpike)\s*\d")


_NAMED_ROAD_AFTER = re.compile(r"\s+(?:international\s+)?(?:road|highway|motorway)\b", re.I)


def _extend_street(text: str, start: int, end: int) -> int:
    """'Wichita' in 'Wichita Drive' is a street, not the city: the span takes the street word (and is left
    unresolved, see `_is_street`); a road the gazetteer knows ("Castello road", "the M5 highway") is kept whole."""
    m = _NAMED_ROAD_AFTER.match(text, end)
    if m and gazetteer().known(text[start:m.end()]):
        return m.end()
    m = _STREET_AFTER.match(text, end)
    if m and _NUMBERED_ROAD.match(text, end) and \
            _best_pop(gazetteer().lookup(text[start:end]))[1] in _WIDE_FEATURES | {"admin2"}:
        return end  # "Florida Highway 20", "Douglas County Road 7": the state or county is the toponym (not
        # "Florida Avenue", "Michigan Avenue": a town's street)
    return m.end() if m else end


def _is_street(name: str) -> bool:
    return bool(_STREET.search(name)) and not gazetteer().known(name)


# a part of a town named without the town: its sides and centre ("the West Side", "East End", "Downtown")
_CITY_PART = re.compile(r"(?:the\s+)?(?:(?:far|near|lower|upper)\s+)?(?:(?:north|south|east|west|north-?east|north-?west|"
                        r"south-?east|south-?west)\s+(?:side|end)|north-?east|north-?west|south-?east|south-?west|"
                        r"downtown|midtown|uptown|central business district)", re.I)
# a name read as a part of a town by the word after it ("the Austin neighborhood", "the Knoxville section of
# Pittsburgh")
_PART_AFTER = re.compile(r"\s+(?:neighbou?rhood|section)\b")


def _is_city_part(name: str) -> bool:
    return bool(_CITY_PART.fullmatch(name.strip()))


_NOT_NAME_WORDS = _REGION_WORDS | _COMMON | {"fire", "police", "high", "school", "college", "university", "creek",
                                            "mayor", "director", "council", "chief", "hospital", "church", "club"}
_NAME_TOKEN = re.compile(r"[A-Z][a-z]+(?:[-'\u2019][A-Z]?[a-z]+)*\.?|[A-Z]\.")


def _person_names(doc: Doc) -> list:
    """PERSON entities that look like people: a given name alone (Casey), or two to four name-like words starting
    with a given name (George Nelson), or ending in a word the gazetteer does not know (Landen Lavarnia), or with
    a word the gazetteer does not know and not ending in a sizeable town (Mikheil Saakashvili, not Historic
    Dublin); not a town's institution the model took for a person (Huntsville High School, Rapides Parish Fire)
    nor a known place (Goose Creek)."""
    out = []
    for x in doc.ents:
        if x.label_ != "PERSON":
            continue
        if len(x) == 1:
            if x.text in GIVEN_NAMES:
                out.append(x)
        elif len(x) <= 4 and all(_NAME_TOKEN.fullmatch(t.text) and t.lower_ not in _NOT_NAME_WORDS for t in x) \
                and not gazetteer().known(x.text):
            last_pop, last_feat = _best_pop(gazetteer().lookup(x[-1].text))
            if x[0].text in census_given_names() or not gazetteer().known(x[-1].text) or (
                    not gazetteer().known(x[0].text) and last_pop < 10000 and last_feat not in _WIDE_FEATURES):
                out.append(x)
    return out


def _drop_people(doc: Doc, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A one-word name that is also a word of a full personal name in the text ("Saakashvili" after "Mikheil
    Saakashvili", "Chad" after "Chad Smith") is that person, not a town, unless a locative introduces it; a country or
    first-level region keeps its place reading unless the model itself tagged that mention a person."""
    words: set[str] = set()
    person_at = {x.start_char for x in doc.ents if x.label_ == "PERSON"}
    for x in _person_names(doc):
        if len(x) >= 2:
            words |= {t.text for t in x if len(t.text) > 2}
    out = []
    for s, e in spans:
        st = text[s:e]
        if (st in words or st in GIVEN_NAMES and s in person_at) and not _locative_before(doc, s):
            _, feat = _best_pop(gazetteer().lookup(st))
            if s in person_at or feat not in ("country", "admin1", "continent"):
                continue
        out.append((s, e))
    return out


def _same_name_again(doc: Doc, text: str, spans: list[tuple[int, int]],
                     rejected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One sense per discourse: a name the text clearly uses as a place elsewhere (after a locative, "in
    Torrington"; before a state, "Torrington, Conn."; in a dateline) is a place where the model called it an
    organisation or a person ("Torrington police said"), also at the head of such a name ("Torrington Board of
    Education")."""
    names = set()
    for s, e in spans:
        st = text[s:e]
        if e - s > 2 and st[:1].isupper() and not re.match(r"['\u2019]s\b", text[e:e + 3]) and (
                _strictly_located(doc, s) or _state_abbrev_or_state(text, e) or st.isupper()):
            names.add(st.title() if st.isupper() else st)
    out = []
    for s, e in rejected:
        st = text[s:e]
        if any(a < e and s < b for a, b in spans):
            continue
        if st in names:
            out.append((s, e))
            continue
        head = max((n for n in names if st.startswith(n + " ")), key=len, default=None)
        if head:
            out.append((s, s + len(head)))
    return out


def _strictly_located(doc: Doc, start: int) -> bool:
    """Introduced by a preposition of place proper ("in X", "near X"), not one a person also takes ("to", "from")."""
    tok = doc.char_span(start, start + 1, alignment_mode="expand")
    return tok is not None and tok.start > 0 and doc[tok.start - 1].lower_ in (
        "in", "near", "outside", "into", "inside", "nearby", "across", "throughout")


def _state_abbrev_or_state(text: str, end: int) -> bool:
    """Is the name ending at `end` followed by ", <first-level region>" ("Torrington, Conn.", "Macon, Georgia")?"""
    m = re.match(r",\s*((?:[A-Z][\w.]*\s?){1,3})", text[end:end + 30])
    return bool(m) and any(x.feature == "admin1" and t == 1 for x, t in gazetteer().lookup(m.group(1).strip(" .")))


_DATELINE = re.compile(r"(?:^|\n|\.\s)[ \t]*([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})(?=\s*(?:,|\(|\u2014|\u2013|--|-\s|:))")


def _datelines(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """An upper-case dateline opening the text or a line ("BEIRUT (Reuters) -", "TORRINGTON --") naming a known
    town, region or country."""
    out = []
    for m in _DATELINE.finditer(text):
        s, e = m.span(1)
        if len(m.group(1)) < 3 or any(a < e and s < b for a, b in taken) or norm(m.group(1)) in _BAD_WORDS:
            continue
        pop, feat = _best_pop(gazetteer().lookup(m.group(1).title()))
        if pop >= 1000 or feat in ("country", "admin1"):
            out.append((s, e))
    return out


# --------------------------------------------------------------------------- document-level resolution


def find_places(doc: Doc, text: str, context: dict | None = None) -> list[PlaceMention]:
    """Place mentions of a parsed text, each resolved (or `place=None` when the gazetteer has no candidate)."""
    spans = _find_spans(doc, text)
    items = []
    for s, e in spans:
        name, kind = _strip_name(text[s:e])
        street = _is_street(name) or _is_city_part(name) or _in_address(text, s, e)
        items.append((s, e, norm(name), [] if street else _candidates(name, kind)))

    ctx_countries = _ctx_countries(context)
    ctx_places = list((context or {}).get("places") or [])
    ctx_admin1 = {(p.country, p.admin1): 1.0 for p in ctx_places if getattr(p, "admin1", None)}
    cand_of = {key: cands for _, _, key, cands in items if cands}

    def votes(current: dict[str, Entry], skip: str) -> tuple[dict, dict]:
        countries: dict[str, float] = dict(ctx_countries)
        admin1s: dict[tuple, float] = dict(ctx_admin1)
        for other, ent in current.items():
            if related(other, skip):
                continue
            w = 0.5 if len(cand_of[other]) > 1 else 1.0  # unambiguous names are stronger evidence
            if fuzzy[other]:
                w *= 0.3
            if ent.cc:
                countries[ent.cc] = countries.get(ent.cc, 0.0) + w
            if ent.admin1 and ent.feature != "country":
                admin1s[(ent.cc, ent.admin1)] = admin1s.get((ent.cc, ent.admin1), 0.0) + w
        return countries, admin1s

    # co-support: a candidate whose first-level region is also among the candidates of the document's other names
    # (Gainesville + Hall County -> both in Georgia), each other name weighted by how few regions it could be in
    # a region counts as much as the name's own candidate there is plausible next to its best reading (Glasgow,
    # Kentucky is a weak reading of Glasgow and lends London, Kentucky little support)
    regions_of: dict[str, dict] = {}
    for key, cands in cand_of.items():
        top = sorted(((_base_score(*c), c[0]) for c in cands), key=lambda x: -x[0])[:_SUPPORT_TOP]
        regions_of[key] = {}
        for sc_, e_ in top:
            if e_.admin1 and e_.feature != "country":
                r_ = (e_.cc, e_.admin1)
                regions_of[key][r_] = max(regions_of[key].get(r_, 0.0), math.exp(-(top[0][0] - sc_) / _SUPPORT_TAU))
    # names matched only by a spelling skeleton are weak evidence for the others
    fuzzy = {k: min(c[1] for c in cands) >= 3 for k, cands in cand_of.items()}
    weight_of = {k: (0.3 if fuzzy[k] else 1.0) / len(r) ** _SUPPORT_EXP for k, r in regions_of.items() if r}

    def related(a: str, b: str) -> bool:
        """One name is the other plus words ('Dublin' / 'Dublin City'): they are no independent evidence."""
        return a == b or (a + " ").startswith(b + " ") or (b + " ").startswith(a + " ")

    def support(ent: Entry, skip: str) -> float:
        if not ent.admin1 or ent.feature == "country":
            return 0.0
        r = (ent.cc, ent.admin1)
        return sum(w * regions_of[k].get(r, 0.0) for k, w in weight_of.items() if not related(k, skip))

    def near(ent: Entry, current: dict[str, Entry], skip: str) -> float:
        """Closeness to the towns/counties the document's other names currently resolve to (Walker County near
        Huntsville, Texas)."""
        best = 0.0
        for other, o in current.items():
            if related(other, skip) or o.feature in _WIDE_FEATURES or fuzzy[other]:
                continue
            d = km((ent.lat, ent.lon), (o.lat, o.lon))
            best = max(best, 1.0 if d < 50 else 0.5 if d < 150 else 0.0)
        return best

    def rank(cands, countries, admin1s, head: Entry | None = None, skip: str = "", current=None):
        # document-level country prior: a country holding most of the evidence (>= 2 votes) outweighs the fame of a
        # foreign namesake (Athens, Mansfield or Lebanon in a local US report)
        total = sum(countries.values())
        dominant = {cc: v / total for cc, v in countries.items() if total >= 2 and v / total >= _DOMINANT_SHARE}

        def sc(c):
            ent_, tier_, prim_ = c
            v = _base_score(ent_, tier_, prim_) + _context_bonus(ent_, countries, admin1s, ctx_places)
            v += _DOMINANT_BONUS * dominant.get(ent_.cc, 0.0)
            v += _SUPPORT_BONUS * min(1.0, support(ent_, skip))
            if current and ent_.feature not in _WIDE_FEATURES:
                v += _NEAR_BONUS * near(ent_, current, skip)
            if head is not None and ent_.cc == head.cc:
                if head.feature == "country":
                    v += 4
                elif ent_.admin1 == head.admin1:
                    v += 6 if head.feature == "admin1" else 4
            return v
        scored = sorted(((sc(c), c[0]) for c in cands), key=lambda x: -x[0])
        margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 5.0
        return scored[0][1], margin

    # rounds of coherence: start context-free, then re-rank each name given the others' current senses
    current: dict[str, Entry] = {}
    for key, cands in cand_of.items():
        current[key] = rank(cands, ctx_countries, ctx_admin1, skip=key)[0]
    # "Town, State" apposition: the second mention constrains the first (and, through it, the others)
    appos: dict[int, Entry] = {}
    appos_key: dict[str, Entry] = {}
    for k in range(len(items) - 1):
        _, e, key1, _ = items[k]
        s2, _, key2, _ = items[k + 1]
        if re.fullmatch(r",\s*", text[e:s2]) and key2 in current:
            head = current[key2]
            if head.feature in ("admin1", "country", "admin2"):
                appos[k] = head
                appos_key.setdefault(key1, head)
    for _ in range(2):
        current = {key: rank(cands, *votes(current, key), appos_key.get(key), skip=key, current=current)[0]
                   for key, cands in cand_of.items()}

    results: list[PlaceMention] = []
    for k, (s, e, key, cands) in enumerate(items):
        if not cands:
            results.append(PlaceMention(s, e, text[s:e]))
            continue
        countries, admin1s = votes(current, key)
        best, margin = rank(cands, countries, admin1s, appos.get(k), skip=key, current=current)
        if (fuzzy[key] and (best.population or 0) < _FUZZY_MIN_POP and best.feature not in _SUPPLEMENT_FEATURES
                and support(best, key) == 0 and near(best, current, key) == 0):
            continue  # only a spelling skeleton of a small place nothing else in the text is near (Quran ~ Kurane)
        if (not any(c[2] for c in cands if c[0] is best) and (best.population or 0) < _FUZZY_MIN_POP
                and best.feature not in _SUPPLEMENT_FEATURES and best.feature not in _WIDE_FEATURES
                and not countries.get(best.cc) and support(best, key) == 0 and near(best, current, key) == 0):
            continue  # only an alternate name of a small place that nothing else in the text or the outlet's context
            # points to: a surname, a given name or a street word ("Oropeza" ~ Oropesa, Peru; "Jean" ~
            # Saint-Jean-Saint-Germain, France, in a Nevada report)
        if (_common_word(key) and (best.population or 0) < _FUZZY_MIN_POP and best.feature not in _SUPPLEMENT_FEATURES
                and not countries.get(best.cc) and support(best, key) == 0 and near(best, current, key) == 0
                and not _locative_before(doc, s)):
            continue  # an English word capitalised ("Pure nightclub", "a Dollar General Store") read as a small
            # foreign town that nothing else in the text, the outlet's context or a locative ("from X") points to
        m = PlaceMention(s, e, text[s:e], place=_to_place(best), score=round(1 - math.exp(-max(margin, 0.0)), 3))
        rel = _REL_RE.search(text[max(0, s - 60):s])
        if rel:
            m.relation = re.sub(r"\s+", " ", rel.group("rel").strip().lower())
            m.anchor = m.place
        results.append(m)
    return _place_streets(doc, results)


_STREET_SCORE = 0.3  # an inferred town: no evidence for the outlet prior
# a toponym that opens the name of a hospital, school, park, hotel or bar ("Mount Sinai Hospital", "Cornell Square
# Park", "Lodi Middle School", "Tyler House", "the Highwood Bar & Grill"): the name of a building, often far from
# the town it names
NAME_OF_FACILITY = re.compile(
    r"(?:'s)?(?:\s+[A-Z][a-z]+)?\s+(?:Hospital|Medical|Memorial|Health|Children's|University|College|High|Middle|"
    r"Elementary|Academy|School|Church|Cathedral|Mall|Park|Cemetery|Stadium|Arena|Plaza|Square|House|Hotel|Inn|"
    r"Motel|Bar|Grill|Restaurant|Lounge|Club|Apartments|Tower|Towers|Campgrounds?)\b"
    r"|(?:-|\s+)area\s+(?:hospital|medical center|trauma center)")  # "an Atlanta-area hospital": where a victim was treated


def _place_streets(doc: Doc, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """A street the gazetteer does not know, a part of a town ("the West Side") or a name read as one ("the Austin
    neighborhood") lies in a town of the report: the nearest town named in its sentence,
    else the town the report names most (ties: the first); else it stays as resolved (a street: unresolved). A
    town's name that opens a building's ("taken to Mount Sinai Hospital") counts only when no other town is named."""
    towns = [m for m in mentions if m.place is not None and m.place.feature in ("city", "capital", "town")
             and not m.relation]
    text = doc.text
    towns = [m for m in towns if not NAME_OF_FACILITY.match(text, m.end)] or towns
    streets = [m for m in mentions if (m.place is None and (_is_street(m.text) or _is_city_part(m.text)))
               or (_PART_AFTER.match(text, m.end) and not m.relation)]
    if not streets:
        return mentions
    part_names = {norm(m.text) for m in streets}
    towns = [m for m in towns if norm(m.text) not in part_names]  # not "Austin" of "the Austin neighborhood"
    if not towns:
        return mentions
    counts: dict[tuple, list] = {}
    for m in towns:
        counts.setdefault((m.place.name, m.place.lat, m.place.lon), [0, m])[0] += 1
    main = max(counts.values(), key=lambda x: (x[0], -x[1].start))[1].place

    def sent(m: PlaceMention) -> int:
        tok = doc.char_span(m.start, m.end, alignment_mode="expand")
        return tok.sent.start_char if tok is not None else -1
    for st in streets:
        here = [m for m in towns if sent(m) == sent(st)]
        st.place = min(here, key=lambda m: abs(m.start - st.start)).place if here else main
        st.score = _STREET_SCORE
    return mentions


# --------------------------------------------------------------------------- precision and event place

_TOWN_FEATURES = {"city", "capital", "town", "district", "airport", "base", "crossing", "landmark"}


def geo_precision(mention: PlaceMention) -> int:
    """ACLED geo-precision: 1 a town (or a spot in it) is named, 2 near/relative to a town or a part of a region
    (district, road, second-level unit), 3 only a larger region or a country."""
    p = mention.place or mention.anchor
    if p is None:
        return 3
    feat = p.feature or "city"
    if mention.relation:
        return 2 if feat in _TOWN_FEATURES else 3
    if feat in _TOWN_FEATURES:
        return 1
    if feat in ("admin2", "road", "region") and feat != "country":
        return 2 if feat != "region" else 3
    return 3


def event_place(mentions_in_sentence: list[PlaceMention], all_mentions: list[PlaceMention] | None = None
                ) -> tuple[PlaceMention, int] | None:
    """The place an event in a sentence happened at: the most precise resolved mention in the sentence (ties: the
    first); failing that, the most precise resolved mention of the document. Returns (mention, geo_precision)."""
    for pool in (mentions_in_sentence, all_mentions or []):
        resolved = [m for m in pool if m.place is not None or m.anchor is not None]
        if resolved:
            best = min(resolved, key=lambda m: (geo_precision(m), -(m.place.population or 0) if m.place else 0,
                                                 m.start))
            best = min([m for m in resolved if geo_precision(m) == geo_precision(best)], key=lambda m: m.start)
            return best, geo_precision(best)
    return None
