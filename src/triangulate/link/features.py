"""Cheap, deterministic text features for linking: tokens with offsets, hashed TF-IDF terms, dates.

Everything here is plain Python (no spaCy objects) so the linker state stays small and picklable.
Terms are hashed with crc32 (stable across processes, unlike `hash()`).
"""

from __future__ import annotations

import math
import re
import zlib
from datetime import date
from functools import lru_cache

from unidecode import unidecode

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# A compact English stop list (function words and news boilerplate verbs that carry no event identity).
STOP = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once
only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves
then there these they this those through to too under until up very was we were what when where which while who whom
why will with would you your yours yourself yourselves s t d ll m re ve said says say told according one two three new
would also like get got may might must shall us mr mrs ms many much well year years day days time week weeks last first
people including since just still even back around made make news report reports reported reuters ap afp associated
press www com http https html image images photo copyright rights reserved video click share advertisement read story
""".split())


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(normalised token, start, end) for every word in `text`; offsets index the original text."""
    out = []
    for m in TOKEN.finditer(text):
        w = m.group()
        if not w.isascii():
            w = unidecode(w)
        out.append((w.lower(), m.start(), m.end()))
    return out


def term_hash(term: str) -> int:
    return zlib.crc32(term.encode("utf-8"))


@lru_cache(maxsize=200_000)
def prior_idf(word: str) -> float:
    """A fixed IDF prior from general English word frequency (wordfreq), so the first articles of a stream
    already weigh rare words above common ones. Falls back to a flat prior if wordfreq is absent."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - optional
        return 4.0
    z = zipf_frequency(word, "en")
    return 1.0 + 1.2 * (7.0 - min(z, 7.0))


def term_counts(text: str, title: str | None = None, name_weight: float = 1.0,
                min_number: int = 3) -> dict[int, float]:
    """Hashed term -> raw weight. Title words count double; capitalised words inside a sentence (names of people,
    places, streets: a cheap proper-noun cue) count `name_weight` each. Numbers shorter than `min_number` digits
    are left out."""
    counts: dict[int, float] = {}
    words: dict[int, str] = {}

    def add(w: str, weight: float) -> None:
        if len(w) < 2 or w in STOP or (w.isdigit() and len(w) < min_number):
            return
        h = term_hash(w)
        counts[h] = counts.get(h, 0.0) + weight
        words[h] = w

    for w, s, _ in tokens(text):
        weight = 1.0
        if name_weight != 1.0 and text[s].isupper() and not text[s:s + 2].isupper():
            j = s - 1
            while j >= 0 and text[j] in " \t\"'(“‘":
                j -= 1
            if j >= 0 and text[j] not in ".!?\n:":
                weight = name_weight
        add(w, weight)
    if title:
        for w, _, _ in tokens(title):
            add(w, 2.0)
    return counts, words


def parse_day(value: str | None) -> int | None:
    """ISO date/timestamp -> day number (proleptic ordinal), or None."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        m2 = re.match(r"(\d{4})-(\d{2})$", value)
        if not m2:
            return None
        y, mo, d = int(m2.group(1)), int(m2.group(2)), 15
    else:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return date(y, mo, d).toordinal()
    except ValueError:
        return None


def l2(vec: dict[int, float]) -> float:
    return math.sqrt(sum(v * v for v in vec.values())) or 1.0


def dot(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def top(vec: dict[int, float], k: int) -> dict[int, float]:
    if len(vec) <= k:
        return vec
    items = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
    return dict(items)


ARCHIVE = re.compile(r"^https?://web\.archive\.org/web/[^/]+/(.*)$", re.I)
SEGMENT = re.compile(r"(?<=[.!?])\s+|\n+|\s{2,}")


def host_of(url: str | None, outlet: str | None = None) -> str | None:
    """The publishing site of an article: the URL's host (an archived copy's original host), else the outlet."""
    if url:
        m = ARCHIVE.match(url)
        if m:
            url = m.group(1) if "://" in m.group(1) else "http://" + m.group(1)
        m = re.match(r"^[a-z]+://([^/:?#]+)", url, re.I)
        if m:
            host = m.group(1).lower()
            return host[4:] if host.startswith("www.") else host
    return outlet.lower() if outlet else None


def segments(text: str) -> list[tuple[int, str]]:
    """(hash, segment) for the sentence-like segments of `text` long enough to be boilerplate candidates."""
    out = []
    for seg in SEGMENT.split(text):
        key = " ".join(TOKEN.findall(seg.lower()))
        if len(key) >= 15:
            out.append((term_hash(key), seg))
    return out
