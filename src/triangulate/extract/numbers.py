"""Number expressions in news text: digits, spelled-out numbers, vague amounts, ranges and qualifiers.

`find_numbers(text, start=0, end=None) -> list[NumberSpan]` scans a slice of text and returns every number
expression with its value, bounds, qualifier and offsets (into `text`). `parse_number_words(str)` turns
"seven hundred thousand" / "1.5 million" / "a dozen" into a float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# vague amounts: word -> (value, low, high, qualifier)
VAGUE = {
    "a dozen": (12, 12, 12, "around"),
    "dozen": (12, 12, 12, "around"),
    "half a dozen": (6, 6, 6, "around"),
    "dozens": (None, 24, None, "dozens"),
    "scores": (None, 40, None, "scores"),
    "hundreds": (None, 200, None, "hundreds"),
    "thousands": (None, 2000, None, "thousands"),
    "tens of thousands": (None, 20000, None, "tens of thousands"),
    "hundreds of thousands": (None, 200000, None, "hundreds of thousands"),
    "millions": (None, 2_000_000, None, "millions"),
    "a handful": (None, 3, 5, "a handful"),
    "several": (None, 3, None, "several"),
    "a few": (None, 2, None, "a few"),
    "a couple of": (2, 2, 2, "around"),
    "a pair of": (2, 2, 2, "exact"),
    "a number of": (None, 2, None, "several"),
}

# qualifier phrases preceding a number -> normalised qualifier
QUALIFIERS = [
    ("at least", "at least"), ("no fewer than", "at least"), ("no less than", "at least"), ("a minimum of", "at least"),
    ("more than", "more than"), ("over", "more than"), ("upwards of", "more than"), ("in excess of", "more than"),
    ("nearly", "around"), ("almost", "around"), ("around", "around"), ("about", "around"), ("some", "around"),
    ("approximately", "around"), ("roughly", "around"), ("an estimated", "around"), ("estimated", "around"),
    ("close to", "around"), ("as many as", "up to"), ("up to", "up to"), ("at most", "up to"),
    ("fewer than", "less than"), ("less than", "less than"), ("under", "less than"),
]

_WORD = "|".join(sorted(list(UNITS) + list(TENS), key=len, reverse=True))
_SCALE = "|".join(SCALES)
_SPELLED = rf"(?:(?:{_WORD})(?:[\s-]+(?:{_WORD}))?(?:\s+(?:{_SCALE}))*(?:\s+(?:and\s+)?(?:{_WORD})(?:[\s-]+(?:{_WORD}))?)*)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:million|billion|thousand))?"
_ANUM = rf"(?:(?:(?:half|a\s+quarter\s+of|three\s+quarters\s+of)\s+)?an?\s+(?:{_SCALE})(?:\s+(?:and\s+)?(?:{_WORD}))?)"
# "a hundred", "a thousand", "half a million", "a quarter of a million"
_NUM = rf"(?:{_DIGITS}|{_ANUM}|{_SPELLED})"
_VAGUE = "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True))
_QUAL = "|".join(re.escape(q) for q, _ in sorted(QUALIFIERS, key=lambda x: -len(x[0])))

NUMBER_RE = re.compile(
    rf"\b(?:(?P<qual>{_QUAL})\s+)?(?:"
    rf"between\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM})"
    rf"|(?P<r1>{_DIGITS})\s*(?:-|–|to)\s*(?P<r2>{_DIGITS})(?![\d-]*-year)"
    rf"|(?P<vague>{_VAGUE})"
    rf"|(?P<num>{_NUM})"
    rf")\b",
    re.IGNORECASE,
)


@dataclass
class NumberSpan:
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    num_start: int  # where the number itself starts (after the qualifier)
    vague: bool = False


def parse_number_words(s: str) -> float | None:
    """'seven hundred thousand' -> 700000, '1,200' -> 1200, '1.5 million' -> 1500000, 'a dozen' -> 12."""
    s = s.strip().lower().replace("–", "-")
    if not s:
        return None
    if s in VAGUE:
        return VAGUE[s][0]
    m = re.fullmatch(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(million|billion|thousand)?", s)
    if m:
        v = float(m.group(1).replace(",", ""))
        if m.group(2):
            v *= SCALES[m.group(2)]
        return v
    frac = re.match(r"(half|a\s+quarter\s+of|three\s+quarters\s+of)\s+(?=an?\s)", s)
    if frac:  # "half a million" -> 500000
        rest = parse_number_words(s[frac.end():])
        if rest is None:
            return None
        f = frac.group(1)
        return rest * (0.5 if f == "half" else 0.25 if f.startswith("a") else 0.75)
    total, current, seen = 0.0, 0.0, False
    for w in re.split(r"[\s-]+", s):
        if w in ("and", ""):
            continue
        if w == "a":
            current = max(current, 1)
            seen = True
        elif w in UNITS:
            current += UNITS[w]
            seen = True
        elif w in TENS:
            current += TENS[w]
            seen = True
        elif w == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif w in SCALES:
            total += max(current, 1) * SCALES[w]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _qual(q: str | None) -> str | None:
    if not q:
        return None
    q = q.lower()
    for phrase, norm in QUALIFIERS:
        if phrase == q:
            return norm
    return None


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberSpan]:
    """All number expressions in text[start:end]; offsets index `text`."""
    end = len(text) if end is None else end
    out: list[NumberSpan] = []
    for m in NUMBER_RE.finditer(text, start, end):
        qual = _qual(m.group("qual"))
        if m.group("b1"):
            lo, hi = parse_number_words(m.group("b1")), parse_number_words(m.group("b2"))
            ns = NumberSpan(m.start(), m.end(), m.group(0), None, lo, hi, "between", m.start("b1") - 8)
            ns.num_start = m.start() if not m.group("qual") else m.start("b1")
        elif m.group("r1"):
            lo, hi = parse_number_words(m.group("r1")), parse_number_words(m.group("r2"))
            if lo is None or hi is None or hi <= lo:
                continue
            ns = NumberSpan(m.start(), m.end(), m.group(0), None, lo, hi, "between", m.start("r1"))
        elif m.group("vague"):
            v = m.group("vague").lower()
            value, lo, hi, q = VAGUE[v]
            ns = NumberSpan(m.start(), m.end(), m.group(0), value, lo, hi, qual or q, m.start("vague"), vague=True)
            if qual and value is not None:
                ns.qualifier = qual
        else:
            raw = m.group("num")
            v = parse_number_words(raw)
            if v is None:
                continue
            if raw.lower() == "one" and not qual:
                pass
            q = qual or "exact"
            lo = v if q in ("exact", "at least", "more than", "around") else None
            hi = v if q in ("exact", "up to", "less than", "around") else None
            ns = NumberSpan(m.start(), m.end(), m.group(0), v, lo, hi, q, m.start("num"))
        if ns.num_start < ns.start:
            ns.num_start = ns.start
        out.append(ns)
    return out
