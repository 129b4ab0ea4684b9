"""Rule-based TIMEX3 tagger: regular-expression recognition + normalisation against the document creation time (DCT).

Works on raw text (no parser needed). `tag(text, dct)` returns `Timex` records in text order. The rules follow the
TimeML / TempEval-3 annotation conventions (spans include determiners and modifiers such as "the past", "nearly",
"early"; values are TIMEX3 values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from triangulate.annotate.timex import calendar as cal
from triangulate.annotate.timex.calendar import MONTHS, PARTS_OF_DAY, SEASONS, UNDERSPEC, WEEKDAYS


@dataclass
class Timex:
    start: int
    end: int
    text: str
    value: str
    type: str = "DATE"
    precision: str | None = None
    mod: str | None = None
    rule: str = ""
    anchor: str | None = None  # a DURATION counted from a known time ("three days later"): the date it reaches


# ----------------------------------------------------------------------------------------------------- vocabulary

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS = {w: i for i, w in enumerate(_ONES)}
NUMBER_WORDS.update({w: 10 * i for i, w in enumerate(_TENS) if w})
NUMBER_WORDS.update({"a": 1, "an": 1, "a single": 1, "single": 1, "a hundred": 100, "one hundred": 100,
                     "hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2,
                     "a thousand": 1000, "half a": 0.5, "half an": 0.5, "a half": 0.5})  # fmt: skip
VAGUE_NUMBERS = {"several", "a few", "few", "many", "some", "a number of", "numerous", "multiple", "the", "recent",
                 "coming", "past", "ensuing", "following", "countless", "more"}

_ONE_RE = "|".join(sorted(_ONES[1:], key=len, reverse=True))
_TENS_RE = "|".join(w for w in _TENS if w)
NUM_WORD_RE = rf"(?:(?:{_TENS_RE})(?:[- ](?:{_ONE_RE}))?|{_ONE_RE}|a\s+hundred|one\s+hundred|a\s+dozen|a\s+thousand)"
NUM_RE = (
    rf"(?:\d+(?:[.,]\d+)?(?:\s+1/2|\s*½)?|{NUM_WORD_RE}(?:\s+and\s+a\s+half)?|an?|half\s+an?|a\s+couple\s+of|"
    rf"couple\s+of|a\s+few|several|few|many|some|a\s+number\s+of|numerous)"
)
UNIT_RE = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|years?|yrs?|decades?|"
    r"centur(?:y|ies)|quarters?|weekends?|semesters?)"
)
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\.|Sun\.)"
DAYNUM_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_RE = r"(?:1[0-9]\d\d|20\d\d|'\d\d)"
POD_RE = r"(?:morning|afternoon|evening|night|overnight)"
SEASON_RE = r"(?:spring|summer|autumn|fall|winter)"
ORD_RE = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
MOD_RE = (
    r"(?:(?:the\s+)?(?:early|late|mid|middle|end|beginning|start|close|first\s+half|second\s+half)(?:\s+of|-)?\s*"
    r"(?:the\s+)?)"
)
REL_RE = r"(?:last|this|next|coming|past|previous|current|following|upcoming|same|that|recent)"
CLOCK_RE = (
    r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)(?:\s+(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|local\s+time)\b)?|(?:[01]?\d|2[0-3]):[0-5]\d"
    r"(?:\s*(?:GMT|UTC|EST|EDT|CST|PST|local\s+time))?|(?:[01]\d|2[0-3])[0-5]\d\s+(?:GMT|UTC)|noon|midday|midnight)"
)

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_ORD_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
              "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
              "eighteenth", "nineteenth", "twentieth", "twenty-first"]  # fmt: skip
CENTURY_ORD = {w: i + 1 for i, w in enumerate(_ORD_WORDS)}


def parse_number(s: str) -> float | None:
    """'three' -> 3, 'twenty-four' -> 24, '2 1/2' -> 2.5, 'several' -> None (vague)."""
    s = re.sub(r"\s+", " ", s.strip().lower())
    half = 0.0
    if s.endswith(" and a half"):
        s, half = s[: -len(" and a half")], 0.5
    if s.endswith("1/2") or s.endswith("½"):
        s, half = s.replace("1/2", "").replace("½", "").strip(), 0.5
    if not s:
        return half or None
    if s in VAGUE_NUMBERS:
        return None
    if s in NUMBER_WORDS:
        return NUMBER_WORDS[s] + half
    if re.fullmatch(r"\d+(,\d{3})*", s):
        return int(s.replace(",", "")) + half
    if re.fullmatch(r"\d+\.\d+", s):
        return float(s)
    parts = re.split(r"[- ]", s)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]] + half
    return None


def month_num(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def weekday_num(s: str) -> int:
    return WEEKDAYS[s.lower().rstrip(".")]


_SPELLED_TAIL = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|"
                 r"eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
                 r"o[h']?[\s-](?:one|two|three|four|five|six|seven|eight|nine))")  # fmt: skip
SPELLED_YEAR_RE = (rf"(?:(?:eighteen|nineteen)[\s-]+{_SPELLED_TAIL}|two\s+thousand(?:\s+and)?(?:[\s-]+(?:one|two|three|four|"
                   rf"five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                   rf"nineteen|twenty))?)")  # fmt: skip


def spelled_year(s: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001, 'nineteen oh five' -> 1905."""
    w = re.sub(r"[\s-]+", " ", s.lower().replace("'", "h")).strip()
    m = re.fullmatch(r"two thousand(?: and)?(?: (.+))?", w)
    if m:
        n = parse_number(m.group(1)) if m.group(1) else 0
        return 2000 + int(n) if n is not None else None
    head, _, rest = w.partition(" ")
    cen = {"eighteen": 1800, "nineteen": 1900}.get(head)
    if cen is None:
        return None
    rest = re.sub(r"^oh? ", "", rest)
    n = parse_number(rest)
    return cen + int(n) if n is not None and 0 < n < 100 else None


def year_num(s: str, dct: date | None) -> int:
    if s[:1].isalpha():
        y = spelled_year(s)
        if y is None:
            raise ValueError(s)
        return y
    if s.startswith("'"):
        yy = int(s[1:])
        base = (dct.year if dct else 2000) + 10
        y = (base // 100) * 100 + yy
        return y - 100 if y > base else y
    return int(s)


def day_num(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))


# ----------------------------------------------------------------------------------------------------- context


class Ctx:
    def __init__(self, text: str, dct: date | None, doc=None):
        self.text = text
        self.dct = dct
        self.doc = doc if doc is not None and getattr(doc, "text", None) == text else None
        self.last_quarter: str | None = None
        self.last_date: date | None = None
        self.last_year: int | None = None
        self.last_month: str | None = None  # the last "YYYY-MM" value, for "the same month a year ago"
        self.last_anchor_year: int | None = None  # the year of the last calendar value of any granularity

    def tense(self, start: int, end: int) -> int:
        """-1 past, +1 future, 0 unknown. With a parsed spaCy doc, the governing verb's tense and auxiliaries decide;
        otherwise (or when the parse says nothing) the cue word nearest to the expression in its clause."""
        d = doc_tense(self.doc, start, end) if self.doc is not None else 0
        if d > 0:
            return d
        return self.text_tense(start, end) or d

    def text_tense(self, start: int, end: int) -> int:
        """-1 past, +1 future, 0 unknown: the cue word (auxiliary, past participle, 'will', 'expected to' ...) nearest
        to the expression in its clause decides; the left context is read first, then the right."""
        left = _clause_left(self.text[max(0, start - 90) : start])
        right = re.split(r"[.!?;\n]\s|,\s", self.text[end : end + 40])[0]
        best = None
        for m in _TENSE_CUE.finditer(left):
            best = m
        if best is not None:
            return _cue_sign(best)
        m = _TENSE_CUE.search(right)
        if m is not None:
            return _cue_sign(m)
        return 0


_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_FUTURE_GOVERNORS = {"expect", "plan", "schedule", "set", "due", "intend", "aim", "hope", "prepare", "propose", "want",
                     "seek", "agree", "vow", "promise", "threaten", "go", "suppose", "likely", "ready", "agreement",
                     "deal", "offer", "bid", "proposal", "intention", "pledge", "commitment"}  # fmt: skip


def doc_tense(doc, start: int, end: int) -> int:
    """Tense of the verb governing the tokens at [start, end) in a parsed spaCy doc: -1 past, +1 future, 0 unknown."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0
    tok = span.root
    for _ in range(3):  # the expression, or a preposition in front of it, must hang off the verb directly
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        if tok.i != span.root.i and tok.pos_ != "ADP":
            return 0
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return 0
    for _ in range(3):  # an infinitive ('expected to be completed', 'plans to visit') looks forward
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in _FUTURE_AUX for c in auxes):
            return 1
        if any(c.lower_ == "to" for c in auxes):
            if tok.head.i != tok.i and tok.head.lemma_.lower() in _FUTURE_GOVERNORS:
                return 1
            if tok.dep_ in ("xcomp", "advcl", "relcl", "acl") and tok.head.i != tok.i:
                tok = tok.head
                continue
            return 0
        if any(c.tag_ == "VBD" or c.lower_ in ("has", "have", "had") for c in auxes):
            return -1 if not any(c.lower_ in ("would", "could", "should", "might", "may") for c in auxes) else 0
        if any(c.lower_ in ("would", "should", "could", "may", "might", "must") for c in auxes):
            return 0
        if tok.tag_ == "VBD":
            return -1
        if tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl", "amod"):
            return -1
        if tok.tag_ in ("VBP", "VBZ") and not auxes and tok.lemma_ not in _PRESENT_NOT_AHEAD and tok.lower_ not in _SAME_PAST:
            return 1  # "Arafat meets Albright Monday": a dated present tense is a schedule
        return 0
    return 0


_PRESENT_NOT_AHEAD = {"be", "have", "say", "tell", "report", "show", "remain", "continue", "know", "think", "believe"}
_SAME_PAST = {"hurt", "cut", "put", "set", "hit", "let", "cost", "shut", "spread", "quit", "bid", "cast", "split", "burst",
              "read", "shed", "upset", "forecast", "broadcast", "beat", "thrust", "slit", "rid", "bet"}  # fmt: skip


_ABBREV_END = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Inc|Co|Corp|Ltd|Gov|Sen|Rep|Gen|Lt|Col|No|U\.S|"
                         r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|[ap]\.m))$")  # fmt: skip


def _clause_left(s: str) -> str:
    """The part of `s` after its last sentence or clause break (abbreviations such as 'Mr.' or 'P.' do not break)."""
    cut = 0
    for m in re.finditer(r"[.!?;]\s+|\n|,\s", s):
        if m.group(0)[0] == "." and _ABBREV_END.search(s[: m.start()]):
            continue
        cut = m.end()
    return s[cut:]


_TENSE_CUE = re.compile(
    r"(?<![\w-])(?:(?P<fut>will|'ll|shall|wo|going\s+to|(?:is|are|was|were)\s+to|is\s+due|are\s+due|due\s+to|"
    r"scheduled|plans?\s+to|planned\s+(?:to|for)|planning|set\s+(?:to|for)|expected\s+(?:to|on|in)|"
    r"expects?|to\s+be|should|would|effective|next(?!\s+to\b)|as\s+early\s+as|as\s+soon\s+as|upcoming|"
    r"to\s+(?:leave|travel|visit|meet|arrive|return|begin|start|hold|resume|take\s+effect|vote|decide))"
    r"|(?P<past>was|were|had|did|said|says|told|ago|last|since|(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)(?!un)\w+[^\We]ed(?!\s+(?:to|for)\b)))(?![\w-])",
    re.I,
)


def _cue_sign(m: re.Match) -> int:
    if m.group("fut"):
        return 1
    w = m.group("past").lower()
    if w == "says":
        return 0
    return -1


def _dct_or(ctx: Ctx, unit: str) -> str | None:
    return None if ctx.dct else UNDERSPEC[unit]


# ----------------------------------------------------------------------------------------------------- handlers
# Each returns (value, type, precision) or (value, type, precision, mod), or None to reject the match.


def h_full_date(m, ctx):
    g = m.groupdict()
    d = cal.iso_date(year_num(g["y"], ctx.dct), month_num(g["m"]), day_num(g["d"]))
    if not d:
        return None
    ctx.last_date = d
    return d.isoformat(), "DATE", "day"


def h_iso_date(m, ctx):
    g = m.groupdict()
    d = cal.iso_date(int(g["y"]), int(g["m"]), int(g["d"]))
    if not d:
        return None
    ctx.last_date = d
    return d.isoformat(), "DATE", "day"


def h_us_date(m, ctx):
    g = m.groupdict()
    y = int(g["y"])
    if y < 100:
        y += 1900 if y > 30 else 2000
    d = cal.iso_date(y, int(g["m"]), int(g["d"]))
    if not d:
        return None
    return d.isoformat(), "DATE", "day"


def h_month_day(m, ctx):
    g = m.groupdict()
    mo, d = month_num(g["m"]), day_num(g["d"])
    if not 1 <= d <= 31:
        return None
    if g["m"].lower() in ("may", "march") and g["m"][0].islower():
        return None
    if not ctx.dct:
        return f"XXXX-{mo:02d}-{d:02d}", "DATE", "day"
    rel = (g.get("rel") or "").lower()
    direction = -1 if rel == "last" else 1 if rel == "next" else ctx.tense(m.start(), m.end())
    dd = _year_for(ctx.dct, mo, d, direction)
    if not dd:
        return None
    ctx.last_date = dd
    return dd.isoformat(), "DATE", "day"


def _year_for(dct: date, month: int, day: int | None, tense: int) -> date | None:
    """Year of a 'Month [day]' without a year: the DCT's year unless tense (or a large gap) says otherwise."""
    d = cal.iso_date(dct.year, month, day or 15)
    if d is None:
        d = cal.iso_date(dct.year, month, 28)
        if d is None:
            return None
    diff = (d - dct).days
    slack = 62 if day else 45
    if (tense < 0 and diff > slack) or (tense == 0 and diff > 183) or (tense > 0 and diff > 330):
        return cal.iso_date(dct.year - 1, month, d.day)
    if (tense > 0 and diff < -slack) or (tense == 0 and diff < -300):
        return cal.iso_date(dct.year + 1, month, d.day)
    return d


def h_month_year(m, ctx):
    g = m.groupdict()
    return f"{year_num(g['y'], ctx.dct):04d}-{month_num(g['m']):02d}", "DATE", "month"


def h_month(m, ctx):
    g = m.groupdict()
    name = g["m"]
    if name[0].islower():
        return None
    has_pre = g.get("pre") is not None or g.get("pre2") is not None
    if name.lower().rstrip(".") in ("may", "march", "mar", "jan", "jun", "jul", "sep", "sept", "dec", "oct", "nov",
                                    "aug", "apr", "feb") and not has_pre:  # fmt: skip
        return None
    mo = month_num(name)
    rel = (g.get("rel") or "").lower()
    yrel = (g.get("yrel") or "").lower()
    if not ctx.dct:
        return f"XXXX-{mo:02d}", "DATE", "month"
    if yrel:
        y = ctx.dct.year + {"last": -1, "next": 1, "this": 0}[yrel.split()[0]]
        return f"{y:04d}-{mo:02d}", "DATE", "month"
    if rel in ("last", "past", "previous"):
        y = ctx.dct.year if mo < ctx.dct.month else ctx.dct.year - 1
    elif rel in ("next", "coming"):
        y = ctx.dct.year if mo > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        y = ctx.dct.year
    else:
        tense = ctx.tense(m.start(), m.end())
        d = _year_for(ctx.dct, mo, None, tense)
        y = d.year if d else ctx.dct.year
    return f"{y:04d}-{mo:02d}", "DATE", "month"


def h_year(m, ctx):
    g = m.groupdict()
    y = g["y"]
    if y.startswith("'") or y[:1].isalpha():
        y = f"{year_num(y, ctx.dct):04d}"
    ctx.last_year = int(y)
    return y, "DATE", "year"


def h_decade(m, ctx):
    g = m.groupdict()
    s = g["dec"]
    if s.startswith("'"):
        return f"{year_num(s[:3], ctx.dct) // 10:03d}", "DATE", "decade"
    return s[:3], "DATE", "decade"


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
                 "nineties": 9}  # fmt: skip


def h_decade_words(m, ctx):
    """"the nineties", "the 70s and 80s": a decade of the twentieth century (ages need no "the": "in their 70s")."""
    g = m.groupdict()
    n = _DECADE_WORDS[g["dw"].lower()] if g.get("dw") else int(g["dd"][0])
    return f"19{n}", "DATE", "decade"


def h_century(m, ctx):
    g = m.groupdict()
    s = g["c"].lower()
    n = CENTURY_ORD.get(s) or (int(re.match(r"\d+", s).group(0)) if re.match(r"\d+", s) else None)
    if not n:
        return None
    return f"{n - 1:02d}", "DATE", "century"


def h_weekday(m, ctx):
    g = m.groupdict()
    wd = weekday_num(g["wd"])
    rel = (g.get("rel") or "").lower()
    pod = (g.get("pod") or "").lower()
    clock = g.get("clock")
    if not ctx.dct:
        base = "XXXX-XX-XX"
    else:
        if rel in ("last", "past", "previous", "earlier"):
            direction = -1
            d = cal.weekday_date(ctx.dct, wd, -1)
            if rel == "last" and d == ctx.dct:
                d -= timedelta(days=7)
        elif rel in ("next", "coming", "later"):
            d = cal.weekday_date(ctx.dct, wd, 1)
        else:
            before = ctx.text[max(0, m.start() - 20) : m.start()]
            if re.match(r"['’]s\b", ctx.text[m.end() : m.end() + 3]):  # "Wednesday's ruling": news of a day gone by
                direction = 1 if re.search(r"\b(?:ahead\s+of|before|until|for)\s+$", before, re.I) else -1
            else:
                direction = 1 if _DEADLINE_BEFORE.search(before) else ctx.tense(m.start(), m.end())
            d = cal.weekday_date(ctx.dct, wd, 1 if direction > 0 else -1)
            if direction > 0 and (d - ctx.dct).days == 7 and rel != "next":
                d = ctx.dct if ctx.dct.weekday() == wd else d
        ctx.last_date = d
        base = d.isoformat()
    if clock:
        t = clock_value(clock)
        if t is None:
            return None
        return base + t, "TIME", "time"
    if pod and pod not in ("night", "overnight"):  # gold is split on "Friday night"; the date alone scores best
        return base + "T" + PARTS_OF_DAY[pod], "TIME", "time"
    return base, "DATE", "day"


# "closed until Friday", "as early as Tuesday": a deadline or earliest date lies ahead, whatever the tense of the verb
# (a sentence opening "Until Thursday, they had ..." looks back)
_DEADLINE_BEFORE = re.compile(r"[\w,]\s+(?:until|till|as\s+(?:soon|early)\s+as)\s+(?:(?:on|at)\s+)?$", re.I)


def clock_value(s: str) -> str | None:
    s = s.lower().strip()
    if s in ("noon", "midday"):
        return "T12:00"
    if s == "midnight":
        return "T24:00"
    m = re.match(r"(\d{2})(\d{2})\s+(?=utc|gmt)()", s) or re.match(r"(\d{1,2})(?::(\d\d))?\s*(a\.?m\.?|p\.?m\.?)?", s)
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    ap = (m.group(3) or "").replace(".", "")
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    if h > 24:
        return None
    zone = "Z" if re.search(r"\b(?:utc|gmt)\b", s) else ""
    return f"T{h:02d}:{mi:02d}{zone}"


def h_clock(m, ctx):
    g = m.groupdict()
    t = clock_value(g["clock"])
    if t is None:
        return None
    base = ctx.last_date.isoformat() if (ctx.last_date and ctx.dct and abs((ctx.last_date - ctx.dct).days) <= 7) else None
    if g.get("day"):
        day = g["day"].lower()
        if not ctx.dct:
            base = "XXXX-XX-XX"
        else:
            base = {"today": ctx.dct, "yesterday": ctx.dct - timedelta(days=1),
                    "tomorrow": ctx.dct + timedelta(days=1)}[day].isoformat()  # fmt: skip
    if base is None:
        base = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return base + t, "TIME", "time"


def h_deictic_day(m, ctx):
    w = m.group("w").lower()
    w = re.sub(r"\s+", " ", w)
    pod = (m.groupdict().get("pod") or "").lower()
    off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "last": -1, "day before yesterday": -2,
           "the day before yesterday": -2, "day after tomorrow": 2, "the day after tomorrow": 2}  # fmt: skip
    if w not in off:
        return None
    if w in ("today", "tomorrow") and not pod and (
        re.search(r"\bof\s+$", ctx.text[max(0, m.start() - 4) : m.start()])
        or re.match(r"\s*['’]s\s+(?:youth|young|generation|world|society|children|kids|standards|economy|technology)\b",
                    ctx.text[m.end() : m.end() + 24])
    ):
        return None  # "the people of tomorrow", "today's youth": the present or future era, not a day
    if w == "tonight":
        pod = "night"
    if not ctx.dct:
        base = "XXXX-XX-XX"
    else:
        d = ctx.dct + timedelta(days=off[w])
        base = d.isoformat()
    if pod:
        return base + "T" + PARTS_OF_DAY[pod], "TIME", "time"
    return base, "DATE", "day"


def h_recent_units(m, ctx):
    return cal.duration_value(None, cal.unit_key(m.group("unit"))), "DURATION", "duration"


def h_past_decade(m, ctx):
    return ("P10Y" if m.group("unit").lower() == "decade" else "P100Y"), "DURATION", "duration"


def h_ref(m, ctx):
    w = re.sub(r"\s+", " ", m.group(0).lower())
    if re.search(r"future|soon|near term|short term|long term|medium term|coming |days to come|years to come|months to come|later", w):
        return "FUTURE_REF", "DATE", "ref"
    if re.search(r"now|current|present|moment|these days|today's|nowadays|this time|meantime|time being", w):
        return "PRESENT_REF", "DATE", "ref"
    return "PAST_REF", "DATE", "ref"


_REL_OFFSETS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1,
                "following": 1, "preceding": -1, "upcoming": 1, "same": 0, "that": 0, "recent": -1}  # fmt: skip


def h_rel_unit(m, ctx):
    """last week / this month / next year / the coming weekend / earlier this year / late last year ..."""
    g = m.groupdict()
    rel = g["rel"].lower()
    unit = cal.unit_key(g["unit"])
    mod = _mod(g.get("mod"))
    if unit is None:
        return None
    off = _REL_OFFSETS.get(rel, 0)
    if g.get("the") and rel in ("following", "previous", "preceding") and unit in ("week", "month", "year"):
        r = _narrative_unit(ctx, unit, off)  # "the following month": counted from the month just told about
        if r:
            return (*r, mod)
    if unit in ("weekend",):
        if not ctx.dct:
            return UNDERSPEC[unit], "DATE", "week", mod
        d = ctx.dct
        if off == 0 and d.weekday() < 5:
            off = -1 if rel in ("the",) else 0
        d = d + timedelta(weeks=off)
        return cal.fmt_week(d) + "-WE", "DATE", "week", mod
    if unit in ("second", "minute", "hour"):
        return None
    trailing = rel in ("past", "last", "previous") and not mod and not re.match(r"\s+(?:of|before|after)\b", ctx.text[m.end() :])
    if unit == "decade" and trailing:  # "the past decade": the ten years to now
        return "P10Y", "DURATION", "duration"
    if unit in ("week", "month", "fortnight") and trailing and g.get("the") and rel != "previous":
        return cal.duration_value(1, unit), "DURATION", "duration"  # "over the past week": the seven days to now
    if not ctx.dct:
        return UNDERSPEC.get(unit, "XXXX"), "DATE", unit, mod
    d = cal.shift(ctx.dct, unit, off)
    val = cal.fmt_at(d, unit)
    if unit == "quarter":
        ctx.last_quarter = val
    return val, "DATE", unit, mod


def h_in_the_unit(m, ctx):
    """"earlier in the year", "late in the month": the unit now running, as "earlier this year" (the modifier kept)."""
    g = {"rel": "this", "unit": m.group("unit"), "mod": m.group("mod") + " ", "the": None}
    return h_rel_unit(_FakeMatch(g, m.start(), m.end()), ctx)


def h_rel_season(m, ctx):
    g = m.groupdict()
    rel = (g.get("rel") or "").lower()
    s = SEASONS[g["season"].lower()]
    mod = _mod(g.get("mod"))
    if g.get("y"):
        return f"{year_num(g['y'], ctx.dct):04d}-{s}", "DATE", "season", mod
    if not ctx.dct:
        return f"XXXX-{s}", "DATE", "season", mod
    y = ctx.dct.year
    cur = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(ctx.dct.month, "FA")
    order = ["WI", "SP", "SU", "FA"]
    if rel in ("last", "past", "previous"):
        if order.index(s) >= order.index(cur):
            y -= 1
    elif rel in ("next", "coming"):
        if order.index(s) <= order.index(cur):
            y += 1
    elif rel == "" and not g.get("y"):
        t = ctx.tense(m.start(), m.end())
        if t < 0 and order.index(s) > order.index(cur):
            y -= 1
        if t > 0 and order.index(s) < order.index(cur):
            y += 1
    return f"{y:04d}-{s}", "DATE", "season", mod


def _mod(s: str | None) -> str | None:
    if not s:
        return None
    s = s.lower()
    if "early" in s or "beginning" in s or "start" in s or "first half" in s:
        return "START"
    if "late" in s or "end" in s or "close" in s or "second half" in s:
        return "END"
    if "mid" in s:
        return "MID"
    return None


def h_mod_year(m, ctx):
    """late 2016, early December, mid-1996, the end of 1998."""
    g = m.groupdict()
    mod = _mod(g.get("mod"))
    if g.get("m"):
        if g.get("y"):
            return f"{year_num(g['y'], ctx.dct):04d}-{month_num(g['m']):02d}", "DATE", "month", mod
        r = h_month(_FakeMatch({"m": g["m"], "pre": "x"}, m.start(), m.end()), ctx)
        return (*r[:3], mod) if r else None
    if g.get("dec"):
        return (*h_decade(m, ctx)[:3], mod)
    return f"{year_num(g['y'], ctx.dct):04d}", "DATE", "year", mod


class _FakeMatch:
    def __init__(self, d, s, e):
        self._d, self._s, self._e = d, s, e

    def groupdict(self):
        return self._d

    def group(self, k=0):
        return self._d.get(k)

    def start(self):
        return self._s

    def end(self):
        return self._e


def h_quarter(m, ctx):
    g = m.groupdict()
    q = ORDINALS.get((g.get("q") or "").lower())
    rel = (g.get("qrel") or "").lower()
    year = None
    if g.get("y"):
        year = year_num(g["y"], ctx.dct)
    elif g.get("yrel"):
        if not ctx.dct:
            year = None
        else:
            yr = g["yrel"].lower()
            year = ctx.dct.year + (-1 if yr.startswith(("last", "year-earlier", "year-ago", "previous", "prior")) else
                                   1 if yr.startswith("next") else 0)  # fmt: skip
    if q is None:
        # "the quarter", "the latest quarter", "the year-earlier quarter"
        if (g.get("q") or "").lower() == "final" or (g.get("q") or "").lower() == "last" and not rel:
            q = 4
        elif rel == "latest" and ctx.dct and not g.get("yrel"):  # the last completed quarter (or an earlier one named)
            done = cal.fmt_quarter(cal.add_months(date(ctx.dct.year, ctx.dct.month, 1), -3))
            v = ctx.last_quarter if ctx.last_quarter and ctx.last_quarter <= done else done
            ctx.last_quarter = v
            return v, "DATE", "quarter"
        elif ctx.last_quarter and not rel.startswith(("next", "this", "current", "last", "previous", "prior")):
            y0, q0 = int(ctx.last_quarter[:4]), int(ctx.last_quarter[-1])
            if year is not None and g.get("yrel"):
                return f"{year:04d}-Q{q0}", "DATE", "quarter"
            return f"{y0:04d}-Q{q0}", "DATE", "quarter"
        elif ctx.dct:
            cq = (ctx.dct.month - 1) // 3 + 1
            off = {"next": 1, "coming": 1, "this": 0, "current": 0}.get(rel.split()[0] if rel else "", -1)
            d = cal.add_months(date(ctx.dct.year, 3 * cq - 2, 1), 3 * off)
            if year is not None and g.get("yrel"):
                d = date(year, d.month, 1)
            v = cal.fmt_quarter(d)
            if not rel.startswith(("next", "coming")):
                ctx.last_quarter = v
            return v, "DATE", "quarter"
        else:
            return "XXXX-QX", "DATE", "quarter"
    if year is None:
        if not ctx.dct:
            return f"XXXX-Q{q}", "DATE", "quarter"
        cq = (ctx.dct.month - 1) // 3 + 1
        year = ctx.dct.year
        if q > cq:  # a later quarter: this year's when the text looks ahead or it is the next one, else last year's
            tense = ctx.tense(m.start(), m.end())
            if tense < 0 or (tense == 0 and q - cq > 1):
                year -= 1
    v = f"{year:04d}-Q{q}"
    ctx.last_quarter = v
    return v, "DATE", "quarter"


def h_half(m, ctx):
    g = m.groupdict()
    h = 1 if g["h"].lower() in ("first", "1st") else 2
    if g.get("y"):
        return f"{year_num(g['y'], ctx.dct):04d}-H{h}", "DATE", "half"
    if not ctx.dct:
        return f"XXXX-H{h}", "DATE", "half"
    y = ctx.dct.year
    if g.get("yrel"):
        y += {"last": -1, "next": 1}.get(g["yrel"].split()[0].lower(), 0)
    elif h == 2 and ctx.dct.month <= 6:
        y -= 1
    return f"{y:04d}-H{h}", "DATE", "half"


def h_ago(m, ctx):
    g = m.groupdict()
    unit = cal.unit_key(g["unit"])
    if unit is None:
        return None
    n = parse_number(g["num"])
    direction = -1 if g["dir"].lower() in ("ago", "earlier", "before", "previously", "back") else 1
    if g["dir"].lower() in ("earlier", "later") and (unit != "year" or direction > 0):
        return _narrative_shift(ctx, unit, n, direction)
    if unit in ("second", "minute", "hour"):
        if n is None or not ctx.dct:
            return None
        return None
    if unit == "year" and n == 1 and ctx.last_quarter and direction < 0:
        y, q = int(ctx.last_quarter[:4]), ctx.last_quarter[-1]
        return f"{y - 1:04d}-Q{q}", "DATE", "quarter"
    if n is None:
        return ("PAST_REF" if direction < 0 else "FUTURE_REF"), "DATE", "ref"
    if not ctx.dct:
        return UNDERSPEC.get(unit, "XXXX-XX-XX"), "DATE", unit
    if n != int(n):
        return None
    d = cal.shift(ctx.dct, unit, direction * int(n))
    gran = {"week": "day", "fortnight": "day", "day": "day", "night": "day", "month": "month", "year": "year",
            "decade": "year", "century": "decade", "quarter": "quarter", "weekend": "weekend"}[unit]  # fmt: skip
    return cal.fmt_at(d, gran), "DATE", gran


def h_year_ago_adj(m, ctx):
    """year-ago / year-earlier (adjectives in financial reports)."""
    if ctx.last_quarter:
        y, q = int(ctx.last_quarter[:4]), ctx.last_quarter[-1]
        return f"{y - 1:04d}-Q{q}", "DATE", "quarter"
    if not ctx.dct:
        return "XXXX", "DATE", "year"
    return f"{ctx.dct.year - 1:04d}", "DATE", "year"


def h_duration(m, ctx):
    g = m.groupdict()
    unit = cal.unit_key(g["unit"])
    if unit is None:
        return None
    num = g.get("num") or ""
    n = parse_number(num) if num else None
    if num and n is None and num.strip().lower() not in VAGUE_NUMBERS and not re.fullmatch(r"(?:a\s+)?(?:few|couple\s+of)", num.strip().lower()):
        return None
    if (g.get("half") or "") and n is not None:
        n += 0.5
    if unit == "weekend":
        return None
    if n is not None and n > 10000 or re.fullmatch(r"(?:19|20)\d\d", num.strip()):
        return None  # "the 1988 quarter" is a year's quarter, not 1988 quarters
    unit_plural = g["unit"].lower().endswith("s")
    after = ctx.text[m.end() : m.end() + 6].lower()
    if re.match(r"\s*-?\s*old\b", after) or m.group(0).lower().endswith("-old"):
        return None  # ages
    if re.match(r"\s+read\b", after) and unit in ("minute", "min"):
        return None  # "3 min read": a web page's reading time
    if unit in ("second", "quarter") and num.strip().lower() in ("a", "an", "one") and not g.get("pre"):
        return None  # "a second group", "one quarter of"
    if unit == "quarter" and not unit_plural and re.match(r"\s*,?\s*of\b", ctx.text[m.end() : m.end() + 6]):
        return None  # "789, or about a quarter, of its dealers": a fraction
    if unit == "quarter" and re.search(r"\w-quarters?$", m.group(0).lower()):
        return None
    if num.strip().lower() in ("a", "an") and not g.get("pre") and re.match(r"\s*(?:ago|earlier|later)", after) is None:
        prev = ctx.text[max(0, m.start() - 12) : m.start()].lower()
        if not re.search(r"\b(?:for|in|within|over|after|about|nearly|almost|than|past|last|next|first|once)\s*$", prev):
            return None
    if not num and not unit_plural:
        return None
    if not num and re.search(r"(?i)\bmatter\s+$", ctx.text[max(0, m.start() - 8) : m.start()]):
        return None  # "a matter of days": a manner of speaking, not a span of time (not annotated)
    return cal.duration_value(n, unit), "DURATION", "duration"


def h_vague_duration(m, ctx):
    """"over the years" (PXY), "the early years", "for a while" / "for some time" (PXX): a stretch of unstated length."""
    unit = m.groupdict().get("unit")
    return (cal.duration_value(None, cal.unit_key(unit)) if unit else "PXX"), "DURATION", "duration"


def h_set(m, ctx):
    w = re.sub(r"\s+", " ", m.group(0).lower())
    for key, val in (("dai", "P1D"), ("week", "P1W"), ("month", "P1M"), ("annual", "P1Y"), ("year", "P1Y"),
                     ("hour", "PT1H"), ("night", "P1D"), ("day", "P1D"), ("quarter", "P3M")):  # fmt: skip
        if key in w:
            return val, "SET", "set"
    for name, wd in WEEKDAYS.items():
        if re.search(rf"\b{name}", w):
            return f"XXXX-WXX-{wd + 1}", "SET", "set"
    return None


def h_month_set(m, ctx):
    """"each July", "every March": the month, every year."""
    return f"XXXX-{month_num(m.group('m')):02d}", "SET", "set"


def h_holiday(m, ctx):
    w = re.sub(r"\s+", " ", m.group("hol").lower())
    y = year_num(m.group("y"), ctx.dct) if m.groupdict().get("y") else None
    fixed = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "new year's eve": (12, 31),
             "new year's day": (1, 1), "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
             "boxing day": (12, 26), "fourth of july": (7, 4), "4th of july": (7, 4)}  # fmt: skip
    w = re.sub(r"^the ", "", w)
    if y is None:
        if not ctx.dct:
            y = None
        else:
            y = ctx.dct.year
    if w in fixed:
        mo, d = fixed[w]
        if y is None:
            return f"XXXX-{mo:02d}-{d:02d}", "DATE", "day"
        if not m.groupdict().get("y") and ctx.dct:
            dd = cal.nearest_month_day(ctx.dct, mo, d)
            y = dd.year if dd else y
            tense = ctx.tense(m.start(), m.end())
            if dd and dd > ctx.dct and tense < 0:
                y -= 1  # "was shot on the Fourth of July" in April: last year's
            elif dd and dd < ctx.dct and tense > 0 and (ctx.dct - dd).days > 7:
                y += 1  # "will patrol on Halloween" written in November: next year's
        return f"{y:04d}-{mo:02d}-{d:02d}", "DATE", "day"
    if w in ("election day",) or w.startswith(("easter", "good friday")):
        if y is None:
            return None if w == "election day" else ("XXXX-XX-XX", "DATE", "day")

        def moveable(year: int) -> date:
            if w == "election day":  # US: the Tuesday after the first Monday in November
                first = date(year, 11, 1)
                return first + timedelta(days=(0 - first.weekday()) % 7 + 1)
            from dateutil.easter import easter

            e = easter(year)
            return e - timedelta(days=2) if w.startswith("good") else e + timedelta(days=1) if w.endswith("monday") else e

        d = moveable(y)
        if not m.groupdict().get("y") and ctx.dct:
            if (d - ctx.dct).days > 30 and ctx.tense(m.start(), m.end()) < 0:
                d = moveable(y - 1)
            elif (ctx.dct - d).days > 60 and ctx.tense(m.start(), m.end()) > 0:
                d = moveable(y + 1)
        if w.endswith("week"):
            return cal.fmt_week(d), "DATE", "week"
        return d.isoformat(), "DATE", "day"
    if w.startswith("thanksgiving"):
        if y is None:
            return "XXXX-11-XX", "DATE", "day"
        def thanksgiving(year: int) -> date:
            first = date(year, 11, 1)
            return first + timedelta(days=(3 - first.weekday()) % 7 + 21)

        d = thanksgiving(y)
        if not m.groupdict().get("y") and ctx.dct and d > ctx.dct and ctx.tense(m.start(), m.end()) <= 0:
            d = thanksgiving(y - 1)
        return d.isoformat(), "DATE", "day"
    return None


def h_clock_words(m, ctx):
    """"4 in the morning", "six in the evening": a clock time on the last mentioned day (else the DCT)."""
    h = parse_number(m.group("h"))
    if h is None:
        return None
    h = int(h)
    if m.group("pod").lower() in ("afternoon", "evening") and h < 12:
        h += 12
    base = ctx.last_date.isoformat() if (ctx.last_date and ctx.dct and abs((ctx.last_date - ctx.dct).days) <= 7) else None
    base = base or (ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX")
    return f"{base}T{h:02d}:00", "TIME", "time"


def h_latest_period(m, ctx):
    """"the latest period" in an earnings report: the quarter being reported (the last one named, else the last full one)."""
    if ctx.last_quarter:
        return ctx.last_quarter, "DATE", "quarter"
    if not ctx.dct:
        return "XXXX-QX", "DATE", "quarter"
    d = cal.add_months(date(ctx.dct.year, ctx.dct.month, 1), -3)
    return cal.fmt_quarter(d), "DATE", "quarter"


def h_year_period(m, ctx):
    """"the 1988 quarter", "the 1988 period" in an earnings report: the quarter being compared, in that year."""
    y = int(m.group("y"))
    if ctx.last_quarter and ctx.last_quarter[:4].isdigit():
        return f"{y:04d}-Q{ctx.last_quarter[-1]}", "DATE", "quarter"
    return f"{y:04d}", "DATE", "year"


def h_fiscal(m, ctx):
    g = m.groupdict()
    return f"{year_num(g['y'], ctx.dct):04d}", "DATE", "year"


def h_fiscal_period(m, ctx):
    """"the year ended June 30", "the fiscal year ending ...": a one-year period, anchored by the date that follows."""
    return "P1Y", "DURATION", "duration"


def h_this_year(m, ctx):
    """"year end", "the end of the year", "the full year": the DCT's year (END for the year's end)."""
    g = m.groupdict()
    mod = "END" if (g.get("mod") or g.get("mod2")) else None
    if mod is None and ctx.last_quarter and ctx.last_quarter[:4].isdigit():  # "the fourth quarter of 2005 ... the full year"
        return ctx.last_quarter[:4], "DATE", "year"
    if not ctx.dct:
        return "XXXX", "DATE", "year", mod
    return f"{ctx.dct.year:04d}", "DATE", "year", mod


def h_that_year(m, ctx):
    """"that year", "later that year": the year of the last explicit date, else the DCT's year."""
    mod = _mod(m.group("mod"))
    y = ctx.last_year or (ctx.last_date.year if ctx.last_date else None) or (ctx.dct.year if ctx.dct else None)
    if y is None:
        return "XXXX", "DATE", "year", mod
    return f"{y:04d}", "DATE", "year", mod


def _remember(ctx: Ctx, value: str, typ: str) -> None:
    """Narrative anchoring (as HeidelTime does for narratives): a calendar day or month just mentioned is what "the
    next day", "two days later" or "the same month a year ago" count from."""
    if typ not in ("DATE", "TIME"):
        return
    if re.match(r"\d{4}(?![\d])", value):
        ctx.last_anchor_year = int(value[:4])
    mm = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?![\d-])", value)
    if not mm:
        return
    if mm.group(3):
        d = cal.iso_date(int(mm.group(1)), int(mm.group(2)), int(mm.group(3)))
        if d:
            ctx.last_date = d
    ctx.last_month = value[:7]


def _anchor_day(ctx: Ctx) -> date | None:
    """The day a narrative expression counts from: the last calendar day mentioned, else the publication date."""
    return ctx.last_date or ctx.dct


_NARRATIVE_OFFSETS = {"next": 1, "following": 1, "after": 1, "later": 1, "previous": -1, "preceding": -1,
                      "before": -1, "earlier": -1}  # fmt: skip


def _narrative_shift(ctx: Ctx, unit: str, n: float | None, direction: int):
    """"two days later", "a week earlier": TimeML annotates the duration ("two days", P2D; "later" is a signal); the
    day it reaches, counted from the last day mentioned (HeidelTime's narrative anchoring), is kept as its anchor
    and becomes the day later expressions count from. "A year earlier" after an explicit year is that year - 1."""
    if unit == "year" and ctx.last_year and n is not None and n == int(n):
        return f"{ctx.last_year + direction * int(n):04d}", "DATE", "year"
    dur = cal.duration_value(n, unit), "DURATION", "duration"
    d = ctx.last_date
    if d is None or n is None or n != int(n) or unit not in ("day", "night", "week", "fortnight", "month"):
        return dur
    d = cal.shift(d, unit, direction * int(n))
    if unit == "month":
        return (*dur, None, cal.fmt_month(d))
    ctx.last_date = d
    return (*dur, None, d.isoformat())


def _narrative_unit(ctx: Ctx, unit: str, off: int):
    """The week, month or year `off` units from the last one the text mentioned; None without such an anchor."""
    if unit == "week" and ctx.last_date:
        return cal.fmt_week(ctx.last_date + timedelta(weeks=off)), "DATE", "week"
    if unit == "month" and ctx.last_month:
        return cal.fmt_month(cal.add_months(date(int(ctx.last_month[:4]), int(ctx.last_month[5:7]), 1), off)), "DATE", "month"
    if unit == "year" and ctx.last_anchor_year:
        return f"{ctx.last_anchor_year + off:04d}", "DATE", "year"
    return None


def h_narrative_day(m, ctx):
    """"the next day", "the following morning", "the previous night", "the day before": one day from the anchor."""
    g = m.groupdict()
    off = _NARRATIVE_OFFSETS[(g.get("rel") or g.get("dir")).lower()]
    d = _anchor_day(ctx)
    pod = (g.get("pod") or "").lower()
    if d is None:
        return ("XXXX-XX-XX" + ("T" + PARTS_OF_DAY[pod] if pod else "")), ("TIME" if pod else "DATE"), "day"
    d = d + timedelta(days=off)
    ctx.last_date = d
    if pod:
        return d.isoformat() + "T" + PARTS_OF_DAY[pod], "TIME", "time"
    return d.isoformat(), "DATE", "day"


def h_running_unit(m, ctx):
    """"for a third straight day", "the fourth week in a row", "their best week since November": the day, week ...
    the text is in (the reference time), not a count of units."""
    unit = "day" if m.group("unit").lower() == "session" else m.group("unit").lower()
    d = _anchor_day(ctx)
    return (cal.fmt_at(d, unit) if d else UNDERSPEC.get(unit, "XXXX-XX-XX")), "DATE", unit


def h_same_period(m, ctx):
    """"the same month a year ago", "the same period last year", "the corresponding quarter a year earlier": the
    month or quarter last mentioned, one year back (else the publication year's predecessor)."""
    unit = m.group("unit").lower()
    q, mo = ctx.last_quarter, ctx.last_month
    if unit == "quarter" or (unit == "period" and q):  # an earnings report's "period" is its quarter
        if q and q[:4].isdigit():
            return f"{int(q[:4]) - 1:04d}-Q{q[-1]}", "DATE", "quarter"
    elif unit in ("month", "period") and mo:
        return f"{int(mo[:4]) - 1:04d}-{mo[5:7]}", "DATE", "month"
    if not ctx.dct:
        return "XXXX", "DATE", "year"
    return f"{ctx.dct.year - 1:04d}", "DATE", "year"


def h_day_ref(m, ctx):
    """"the day", "that day", "the same day", "the night" -> the last mentioned day, else the DCT."""
    if ctx.last_date:
        return ctx.last_date.isoformat(), "DATE", "day"
    if ctx.dct:
        return ctx.dct.isoformat(), "DATE", "day"
    return "XXXX-XX-XX", "DATE", "day"


# ----------------------------------------------------------------------------------------------------- patterns

_UNIT_WORDS_RE = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centur(?:y|ies))"
_EXPLICIT_YEAR = {"full_mdy", "full_dmy", "iso", "us", "month_year", "year", "spelled_year", "mod_year", "fiscal"}

_RUN_ORD = r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)"
_B = r"(?<![\w'-])"  # left word boundary (no hyphen-joined words)
_E = r"(?![\w])"

# what follows a house number, not a year: "the 1800 block of Mini Drive", "1601 W. 37th St.", "2200 Main Street"
_ADDRESS_AFTER = (r"\s+block\b|(?-i:\s+[NSEW]\.?\s+[A-Z0-9]|(?:\s+[A-Z][a-z]+){1,2}\s+(?:St|Street|Ave|Avenue|Rd|Road|"
                  r"Dr|Drive|Blvd|Boulevard|Ln|Lane|Ct|Court|Pl|Place|Pkwy|Parkway|Hwy|Highway|Way|Terrace|Circle)\b)")

PATTERNS: list[tuple[str, str, object]] = [
    # explicit calendar dates
    ("full_mdy", rf"{_B}(?:(?:{WEEKDAY_RE}),?\s+)?(?P<m>{MONTH_RE})\s+(?P<d>{DAYNUM_RE}),?\s+(?P<y>{YEAR_RE}){_E}", h_full_date),
    ("full_dmy", rf"{_B}(?:(?:{WEEKDAY_RE}),?\s+)?(?:the\s+)?(?P<d>{DAYNUM_RE})\s+(?:of\s+)?(?P<m>{MONTH_RE}),?\s+(?P<y>{YEAR_RE}){_E}", h_full_date),
    ("iso", r"(?<![\w-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w-])", h_iso_date),
    ("us", r"(?<![\w/])(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>(?:19|20)?\d\d)(?![\w/])", h_us_date),
    ("month_day", rf"{_B}(?:(?P<rel>last|this|next)\s+)?(?:(?:{WEEKDAY_RE}),?\s+)?(?P<m>{MONTH_RE})\s+(?P<d>{DAYNUM_RE}){_E}(?!\s*(?:%|percent|million|billion|,\s*\d{{3}}))", h_month_day),
    ("month_day_and", rf"{_B}(?P<m>{MONTH_RE})\s+{DAYNUM_RE}\s*(?:and|or|to|through|-)\s*(?P<body>(?P<d>{DAYNUM_RE})){_E}(?!\s*(?:%|percent|million|billion|,\s*\d{{3}}))", h_month_day),
    ("day_month", rf"{_B}(?:(?:{WEEKDAY_RE}),?\s+)?(?:the\s+)?(?P<d>{DAYNUM_RE})\s+(?:of\s+)?(?P<m>{MONTH_RE}){_E}", h_month_day),
    ("month_year", rf"{_B}(?P<m>{MONTH_RE}),?\s+(?:of\s+)?(?P<y>(?:1[5-9]|20)\d\d|{SPELLED_YEAR_RE}){_E}", h_month_year),
    ("month_rel_year", rf"{_B}(?P<pre>)(?P<m>{MONTH_RE})\s+(?P<yrel>(?:last|this|next)\s+year){_E}", h_month),
    ("month", rf"(?:{_B}(?P<pre>in|since|until|by|of|through|from|during|to|before|after|early|late|mid|end|and|or|each|every|the)[\s-]+)?(?P<body>(?:(?P<rel>last|this|next|past|coming|previous)\s+(?P<pre2>))?{_B}(?P<m>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)){_E}", h_month),
    # modified years / months / decades
    ("mod_year", rf"{_B}(?P<mod>{MOD_RE})(?:(?P<m>{MONTH_RE})\s*(?P<y>(?:1[5-9]|20)\d\d)?|(?P<dec>(?:1[5-9]|20)\d0'?s|'\d0'?s)|(?P<y2>(?:1[5-9]|20)\d\d)){_E}", None),
    ("decade", rf"{_B}(?:the\s+)?(?:(?P<mod>early|late|mid)[-\s]+)?(?P<dec>(?:1[5-9]|20)\d0'?s|'\d0'?s){_E}", h_decade),
    ("decade_words", rf"{_B}the\s+(?:(?:early|late|mid)[-\s]+)?(?:nineteen[-\s]+)?(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties){_E}", h_decade_words),
    ("decade_short", rf"(?:{_B}the\s+(?:(?:early|late|mid)[-\s]+)?|(?<=\d0s\sand\s)|(?<=\d0s\sor\s))(?P<body>(?P<dd>[2-9]0)'?s){_E}", h_decade_words),
    ("century", rf"{_B}(?:the\s+)?(?:(?:early|late|mid)[-\s]+)?(?P<c>\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(_ORD_WORDS)})[-\s]+century{_E}", h_century),
    ("fiscal", rf"{_B}fiscal\s+(?:year\s+)?(?P<y>(?:19|20)\d\d|'\d\d){_E}", h_fiscal),
    ("year", rf"(?<![\w$£€#.,/-])(?P<y>(?:1[6-9]|20)\d\d)(?![\w%/-]|[.,]\d|\s*(?:%|percent|people|persons|troops|soldiers|dollars|euros|pounds|yen|tons|tonnes|feet|foot|meters|metres|miles|km|kilometers|votes|cars|shares|units|workers|employees|jobs|rounds|points|men|women|children|acres|barrels|civilians|homes|houses|residents|students|members|copies|people|hectares|Index|index)|{_ADDRESS_AFTER})", h_year),
    # weekdays (with relative word, part of day, clock time)
    ("weekday", rf"{_B}(?:(?P<rel>last|this|next|coming|past|previous|earlier|later|early|late)\s+)?(?P<wd>{WEEKDAY_RE})(?:\s+(?P<pod>{POD_RE}))?{_E}", h_weekday),
    ("clock_weekday", rf"{_B}(?P<clock>{CLOCK_RE})\s+(?:on\s+)?(?:(?P<rel>last|this|next)\s+)?(?P<wd>{WEEKDAY_RE})(?:\s+(?:morning|afternoon|evening|night))?{_E}", h_weekday),
    ("weekday_clock", rf"{_B}(?:(?P<rel>last|this|next)\s+)?(?P<wd>{WEEKDAY_RE})(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:at\s+)?(?P<clock>{CLOCK_RE}){_E}", h_weekday),
    ("clock", rf"{_B}(?P<clock>{CLOCK_RE})(?:\s+(?P<day>today|yesterday|tomorrow))?(?![\w])", h_clock),
    # deictic days
    ("deictic", rf"{_B}(?:(?:earlier|later|early|late)\s+)?(?P<w>(?:the\s+)?day\s+before\s+yesterday|(?:the\s+)?day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow)(?:\s+(?P<pod>{POD_RE}))?{_E}(?!-)", h_deictic_day),
    ("deictic_pod", rf"{_B}(?:(?:earlier|later|early|late)\s+)?(?P<w>this|last)\s+(?P<pod>{POD_RE}){_E}", h_deictic_day),
    # quarters and halves
    ("quarter", rf"{_B}(?:(?P<yrel2>(?:this|last|next)\s+year's)\s+)?(?:the\s+)?(?:(?P<y0>(?:19|20)\d\d)\s+(?=(?:first|second|third|fourth|1st|2nd|3rd|4th|final)[-\s]))?(?:(?P<qrel>latest|last|previous|prior|current|next|coming|same|this|year-earlier|year-ago|comparable|year-before)\s+)?(?:(?P<yrel>year-earlier|year-ago|prior-year|comparable)\s+)?(?P<q>{ORD_RE})?[-\s]*(?:fiscal\s+|calendar\s+)?(?:-)?quarter(?:\s+(?:of\s+)?(?:(?:fiscal|calendar)\s+)?(?:(?P<y>(?:19|20)\d\d|'\d\d)|(?P<yrel3>(?:this|last|next)\s+year)))?{_E}", None),
    ("half", rf"{_B}(?:the\s+)?(?P<h>first|second|1st|2nd|last|latter)[-\s]+half(?:\s+of\s+(?:(?P<y>(?:19|20)\d\d)|(?P<yrel>(?:this|last|next)\s+year)))?{_E}(?!\s+(?:of\s+)?(?:the\s+)?(?:game|match|century|decade|'?\d0'?s|\d{{3}}0'?s))", h_half),
    # relative units
    ("rel_unit", rf"{_B}(?P<mod>(?:(?:earlier|later|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end\s+of|the\s+rest\s+of)\s+)?)(?P<the>the\s+)?(?P<rel>last|this|next|coming|past|previous|preceding|current|following|upcoming)\s+(?P<unit>week|month|year|decade|century|weekend|quarter|fortnight){_E}(?!-)", h_rel_unit),
    ("in_the_unit", rf"{_B}(?P<mod>earlier|later|early|late)\s+in\s+the\s+(?P<unit>year|month|week){_E}", h_in_the_unit),
    ("the_weekend", rf"{_B}(?P<rel>the)\s+(?P<unit>weekend){_E}", h_rel_unit),
    ("season", rf"{_B}(?P<mod>(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of)[-\s]+)?(?:(?P<rel>last|this|next|past|coming|previous)\s+)?(?P<season>spring|summer|autumn|winter)(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d|{SPELLED_YEAR_RE}))?{_E}", h_rel_season),
    ("season_fall", rf"{_B}(?P<mod>(?:early|late|mid)[-\s]+)?(?:(?P<rel>last|this|next|past|coming|previous)\s+)(?P<season>fall)(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?{_E}", h_rel_season),
    ("season_fall_y", rf"{_B}(?P<mod>(?:early|late|mid)[-\s]+)?(?P<rel>)(?P<season>fall)\s+(?:of\s+)?(?P<y>(?:19|20)\d\d){_E}", h_rel_season),
    # ago / earlier / later
    ("ago", rf"{_B}(?:(?:about|around|nearly|almost|roughly|approximately|some|more\s+than|less\s+than|over|just|only|barely|exactly)\s+)?(?P<num>{NUM_RE})[\s-]+(?P<unit>{UNIT_RE})(?:\s+or\s+so)?\s+(?P<dir>ago(?![\w-])|(?:earlier|later|hence|from\s+now)(?=\s*[.,;:)!?\"']|\s+(?:and|but|when|after|as|in|on|at|to|by|with|the|that|this|he|she|it|they|we|i)\b|\s*$))", h_ago),
    ("year_ago_adj", rf"{_B}(?:the\s+)?year-(?:ago|earlier)(?:\s+(?:period|quarter|level|levels|results|figure|figures|month|months|third\s+quarter|second\s+quarter|first\s+quarter|fourth\s+quarter))?{_E}", h_year_ago_adj),
    ("year_period", rf"{_B}the\s+(?P<y>(?:19|20)\d\d)\s+(?P<unit>quarter|period){_E}", h_year_period),
    # durations
    ("duration", rf"{_B}(?P<pre>(?:about|around|nearly|almost|roughly|approximately|some|more\s+than|less\s+than|fewer\s+than|over|under|at\s+least|at\s+most|up\s+to|another|an\s+additional|barely|exactly|well\s+over|close\s+to|upwards\s+of)\s+)?(?P<det>(?:the|these|those|its|his|her|their|our|a)\s+(?:(?:past|last|next|first|previous|coming|following|final|latest|initial|remaining|recent|same)\s+)?)?(?P<num>{NUM_RE})(?:[\s-]+(?:more|additional|full|straight|consecutive|long|successive))?(?:[\s-]+(?:trading|business|working|school|calendar))?[\s-]+(?P<unit>{UNIT_RE})(?P<half>\s+and\s+a\s+half)?(?:-(?:long|old))?{_E}", h_duration),
    ("duration_bare", rf"\b(?:for|in|within|over|after|of)\s+(?:(?:just|only|mere)\s+)?(?P<body>(?P<num>)(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)){_E}(?!\s+(?:of|ago|earlier|later|old))", h_duration),
    ("the_years", rf"\b(?:over|through|throughout|during|in)\s+(?P<body>the\s+(?:early\s+|intervening\s+|ensuing\s+)?(?P<unit>years|decades)){_E}(?!\s+(?:ago|of|to|since|before|after|when|that|ahead|following|between|in\s+which)\b)", h_vague_duration),
    ("a_while", rf"\b(?:for|in|after)\s+(?P<body>(?:a|quite\s+a)\s+while|some\s+time){_E}(?!\s+(?:ago|now|later|earlier|in\s+the)\b)", h_vague_duration),
    ("duration_rel", rf"{_B}(?:the|these|those)\s+(?:past|last|next|coming|following|previous)\s+(?P<num>)(?:few\s+|several\s+)?(?P<unit>years|months|weeks|days|decades|hours|minutes){_E}", h_duration),
    # references
    ("recent_units", rf"{_B}(?:in\s+)?(?P<body>recent\s+(?P<unit>years|months|weeks|days|decades|quarters)){_E}", h_recent_units),
    ("past_decade", rf"{_B}(?:the\s+)?(?:past|last|previous)\s+(?P<unit>decade|century){_E}", h_past_decade),
    ("ref", rf"{_B}(?:now(?!-)|currently|current|at\s+present|presently|nowadays|these\s+days|at\s+the\s+moment|for\s+the\s+moment|(?:more\s+)?recently|recent|lately|in\s+(?P<body>the\s+past)|the\s+past|the\s+(?:near\s+|distant\s+)?future|(?:the\s+)?near\s+term|the\s+time\s+being|(?:(?<=\bin\s)|(?<=\bfor\s)|(?<=\bover\s)|(?<=\bduring\s))(?:coming|past)\s+(?:years|months|weeks|quarters)|the\s+coming\s+(?:years|months|weeks|days)|(?:for\s+)?years\s+to\s+come|(?:in\s+)?the\s+(?:years|months|weeks|days)\s+(?:ahead|to\s+come)){_E}", h_ref),
    # sets
    ("month_set", rf"{_B}(?:each|every)\s+(?P<m>January|February|March|April|May|June|July|August|September|October|November|December){_E}", h_month_set),
    ("set", rf"{_B}(?:daily|weekly|monthly|yearly|hourly|nightly|bi-?weekly|every\s+(?:day|week|month|year|night|hour|quarter|(?:{WEEKDAY_RE}))|each\s+(?:day|week|month|year|night)|per\s+(?:day|week|month|year|hour)|a\s+(?:year|month|week|day)(?=\s*[.,;]|\s+(?:in|for|on|and|or)\b)|(?:every|on)\s+(?:{WEEKDAY_RE})s|{WEEKDAY_RE}s){_E}", h_set),
    # holidays
    ("holiday", rf"{_B}(?P<hol>Christmas(?:\s+(?:Eve|Day))?|New\s+Year's\s+(?:Eve|Day)|Independence\s+Day|(?:Fourth|4th)\s+of\s+July|Thanksgiving(?:\s+Day)?|Halloween|Valentine's\s+Day|Boxing\s+Day|Election\s+Day|Easter(?:\s+(?:Sunday|Day|Monday|week))?|Good\s+Friday)(?:\s+(?P<y>(?:19|20)\d\d))?{_E}", h_holiday),
    ("clock_words", rf"{_B}(?P<h>[1-9]|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o'clock)?\s+in\s+the\s+(?P<pod>morning|afternoon|evening){_E}", h_clock_words),
    ("latest_period", rf"{_B}(?:the|that)\s+(?:latest|most\s+recent)\s+(?:period|three\s+months){_E}", h_latest_period),
    ("term", rf"\b(?:in|for|over|during)\s+(?P<body>the\s+(?:short|long|near|medium)\s+term){_E}|(?<!\bas\s){_B}(?:very\s+)?soon(?![\w-])(?!\s+(?:after|as|enough|afterwards?|thereafter)\b)", h_ref),
    # anaphoric days
    ("spelled_year", rf"{_B}(?:the\s+year\s+)?(?P<y>{SPELLED_YEAR_RE}){_E}(?![\s-]+(?:percent|people|dollars|times|of\b|{_UNIT_WORDS_RE}\b))", h_year),
    ("fiscal_period", rf"{_B}(?:the|its|their)\s+(?:latest\s+)?(?:fiscal\s+)?year(?=\s+(?:that\s+)?(?:ended|ending|ends|to\s+(?:{MONTH_RE})))", h_fiscal_period),
    ("current_fy", rf"{_B}the\s+(?:current|present)\s+fiscal\s+year{_E}", h_this_year),
    ("year_end", rf"{_B}(?:(?:the\s+)?(?P<mod>end\s+of\s+the|year's)\s+(?:year|end)|(?P<mod2>year[-\s]end)|the\s+(?:full|entire|whole)\s+year){_E}", h_this_year),
    ("that_year", rf"{_B}(?:(?P<mod>(?:early|earlier|late|later)\s+(?:in\s+)?)?that\s+year){_E}", h_that_year),
    ("part_of_day", rf"{_B}(?:(?:early|late)\s+in\s+the\s+day|the\s+(?:start|beginning|end|close)\s+of\s+(?:the\s+)?(?:trading\s+)?day){_E}", h_day_ref),
    ("end_the_day", rf"\b(?:end|ends|ended|ending|close|closes|closed|closing|finish|finished|finishing|start|started|began|begin|opened|open)\s+(?P<body>the\s+day){_E}", h_day_ref),
    ("narrative_day", rf"{_B}(?:the\s+)?(?P<rel>next|following|previous|preceding)\s+(?:day|(?P<pod>morning|afternoon|evening|night)){_E}", h_narrative_day),
    ("day_before_after", rf"{_B}the\s+(?:day|(?P<pod>morning|afternoon|evening|night))\s+(?P<dir>before|after)(?=\s*[,.;:!?)\"']|\s*$)", h_narrative_day),
    ("same_period", rf"{_B}(?:the|that)\s+(?:(?:same|corresponding|comparable)\s+)?(?P<unit>month|period|quarter)\s+(?:a\s+year\s+(?:ago|earlier|before)|(?:of\s+)?last\s+year|(?:of\s+)?the\s+(?:previous|prior)\s+year|(?:of\s+)?the\s+year\s+before){_E}", h_same_period),
    ("running_unit", rf"{_B}(?:(?:a|the|its|their)\s+)?(?:{_RUN_ORD})\s+(?:(?:straight|consecutive|successive)\s+(?:trading\s+)?(?P<unit>day|week|month|quarter|year|session)|(?:trading\s+)?(?P<unit2>day|week|month|quarter|year|session)(?=\s+in\s+a\s+row)){_E}|(?:(?<=\bbest)|(?<=\bworst))\s(?P<body>(?P<unit3>day|week|month|quarter|year))(?=\s+since\b)", None),
    ("day_ref", rf"{_B}(?:the\s+same\s+day|that\s+day|(?:earlier|later)\s+in\s+(?P<body>the\s+day)){_E}", h_day_ref),
]  # fmt: skip


def _h_mod_year(m, ctx):
    g = dict(m.groupdict())
    if g.get("y2"):
        g["y"] = g["y2"]
    return h_mod_year(_FakeMatch(g, m.start(), m.end()), ctx)


def _h_quarter(m, ctx):
    g = dict(m.groupdict())
    if g.get("y0") and not g.get("y"):
        g["y"] = g["y0"]
    yr = g.get("yrel") or g.get("yrel2") or g.get("yrel3")
    if not yr and (g.get("qrel") or "").lower() in ("year-earlier", "year-ago", "year-before"):
        yr = "year-earlier"
        g["qrel"] = None
    g["yrel"] = yr
    if g.get("qrel") and (g["qrel"].lower() == "last") and g.get("q"):
        g["qrel"] = None
    if (g.get("q") or "").lower() == "last" and g.get("qrel") is None and not yr:
        g["q"] = None
        g["qrel"] = "last"
    if yr and yr.lower().startswith(("year-earlier", "year-ago", "prior-year", "comparable")) and ctx.last_quarter and not g.get("q"):
        y, q = int(ctx.last_quarter[:4]), ctx.last_quarter[-1]
        return f"{y - 1:04d}-Q{q}", "DATE", "quarter"
    if yr and yr.lower().startswith(("year-earlier", "year-ago", "prior-year", "comparable")) and g.get("q"):
        q = ORDINALS.get(g["q"].lower())
        if q and ctx.dct:
            r = h_quarter(_FakeMatch({**g, "yrel": None}, m.start(), m.end()), ctx)
            return f"{int(r[0][:4]) - 1:04d}-Q{q}", "DATE", "quarter"
    return h_quarter(_FakeMatch(g, m.start(), m.end()), ctx)


def _h_running_unit(m, ctx):
    unit = m.group("unit") or m.group("unit2") or m.group("unit3")
    return h_running_unit(_FakeMatch({"unit": unit}, m.start(), m.end()), ctx)


_HANDLERS = {"mod_year": _h_mod_year, "quarter": _h_quarter, "running_unit": _h_running_unit}
_COMPILED = [
    (name, re.compile(p, re.I if name not in ("month_rel_year", "holiday") else 0), _HANDLERS.get(name) or h)
    for name, p, h in PATTERNS
]

# Speed: each pattern only runs in windows around cheap "anchor" hits (month names, digits, unit words ...).
_UNIT_WORDS = (r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|years?|yrs?|"
               r"decades?|centur(?:y|ies)|quarters?|weekends?|semesters?|year-ago|year-earlier")  # fmt: skip
_ANCHORS = {
    "month": r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    "digit": r"\d+",
    "weekday": r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
    "unit": rf"\b(?:{_UNIT_WORDS})\b",
    "deictic": r"\b(?:today|tonight|yesterday|tomorrow|morning|afternoon|evening|night|overnight|noon|midday|midnight)\b",
    "ref": r"\b(?:now|current|currently|present|presently|nowadays|these|moment|recent|recently|lately|past|future|"
           r"near|term|time|while|years|months|weeks|days|quarters)\b",
    "season": r"\b(?:spring|summer|autumn|fall|winter)\b",
    "holiday": r"\b(?:christmas|new year's|independence|thanksgiving|halloween|valentine's|boxing|election|easter|good|fourth|4th)\b",
    "set": r"\b(?:daily|weekly|monthly|yearly|hourly|nightly|bi-?weekly|mondays|tuesdays|wednesdays|thursdays|"
           r"fridays|saturdays|sundays)\b",
    "ordinal": r"\b(?:\w+th|first|second|third|half)\b",
    "spelled": r"\b(?:eighteen|nineteen|thousand|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
    "period": r"\b(?:period|three\s+months|term|soon)\b",
}  # fmt: skip
_PATTERN_ANCHORS = {
    "full_mdy": ("month",), "full_dmy": ("month",), "iso": ("digit",), "us": ("digit",), "month_day": ("month",), "month_day_and": ("month",),
    "day_month": ("month",), "month_year": ("month",), "month_rel_year": ("month",), "month": ("month",),
    "mod_year": ("month", "digit"), "decade": ("digit",), "decade_short": ("digit",), "decade_words": ("spelled",), "century": ("digit", "ordinal"), "fiscal": ("digit",),
    "year": ("digit",), "weekday": ("weekday",), "clock_weekday": ("weekday",), "weekday_clock": ("weekday",),
    "clock": ("digit", "deictic"), "deictic": ("deictic",), "deictic_pod": ("deictic",), "quarter": ("unit",),
    "half": ("ordinal",), "rel_unit": ("unit",), "the_weekend": ("unit",), "in_the_unit": ("unit",), "season": ("season",),
    "season_fall": ("season",), "season_fall_y": ("season",), "ago": ("unit",), "year_ago_adj": ("unit",),
    "duration": ("unit",), "duration_bare": ("unit",), "duration_rel": ("unit",), "the_years": ("unit",), "a_while": ("ref",), "recent_units": ("unit",),
    "past_decade": ("unit",), "ref": ("ref",), "set": ("set", "unit", "weekday"), "month_set": ("month",), "holiday": ("holiday",),
    "day_ref": ("unit",), "spelled_year": ("spelled",), "fiscal_period": ("unit",), "year_end": ("unit",),
    "that_year": ("unit",), "current_fy": ("unit",), "end_the_day": ("unit",), "clock_words": ("deictic",), "part_of_day": ("unit",),
    "latest_period": ("period",), "term": ("period",), "narrative_day": ("unit", "deictic"),
    "day_before_after": ("unit",), "running_unit": ("unit", "ordinal"), "same_period": ("unit",), "year_period": ("digit",),
}  # fmt: skip
_WIN_LEFT, _WIN_RIGHT = 45, 50


# The same anchors, word by word: one tokenising pass and a cached lookup per distinct word instead of one regex pass
# per anchor (the windows are those of the anchor regexes above, multiword anchors keyed on their distinctive word).
_TOKEN_ANCHORS = {
    "month": r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*",
    "digit": r"\w*\d\w*",
    "weekday": r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*",
    "unit": rf"(?:{_UNIT_WORDS})",
    "deictic": _ANCHORS["deictic"][5:-3],
    "ref": _ANCHORS["ref"][5:-3],
    "season": _ANCHORS["season"][5:-3],
    "holiday": r"christmas|new|independence|thanksgiving|halloween|valentine|boxing|election|easter|good|fourth|4th",
    "set": _ANCHORS["set"][5:-3],
    "ordinal": r"\w+th|first|second|third|half",
    "spelled": _ANCHORS["spelled"][5:-3],
    "period": r"period|months|term|soon",
}  # fmt: skip
_TOKEN_RXS = [(k, re.compile(v)) for k, v in _TOKEN_ANCHORS.items()]
_TOKEN_KEYS: dict[str, tuple[str, ...]] = {}
_WORD = re.compile(r"\w+")


def _token_keys(word: str) -> tuple[str, ...]:
    keys = _TOKEN_KEYS.get(word)
    if keys is None:
        low = word.lower()
        keys = tuple(k for k, rx in _TOKEN_RXS if rx.fullmatch(low))
        if len(_TOKEN_KEYS) < 200_000:
            _TOKEN_KEYS[word] = keys
    return keys


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per anchor key, the merged text windows around its anchor words (where that key's patterns can match)."""
    hits: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for m in _WORD.finditer(text):
        keys = _token_keys(m.group())
        if not keys:
            continue
        s, e = max(0, m.start() - _WIN_LEFT), min(n, m.end() + _WIN_RIGHT)
        while s > 0 and not text[s - 1].isspace():  # never cut a word: windows start and end at whitespace
            s -= 1
        while e < n and not text[e].isspace():
            e += 1
        for key in keys:
            lst = hits.setdefault(key, [])
            if lst and s <= lst[-1][1]:
                lst[-1] = (lst[-1][0], max(e, lst[-1][1]))
            else:
                lst.append((s, e))
    return hits


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out
_PRIORITY = {name: i for i, (name, _, _) in enumerate(PATTERNS)}

# words that, directly before a candidate, say it is not a time expression
_BAD_PREV = re.compile(r"(?:\bNo\.|\bnumber|\bpage|\bRoute|\bflight|\bFlight|\bItem|\bRoom|#)\s*$")


# idioms and modifiers that look like time expressions: "high noon" (the film, "high noon comes today"); "recently"
# modifying the time expression right after it ("most recently last October": one time, the date)
_HIGH_NOON = re.compile(r"(?i)\bhigh\s+$")
_TIMEX_AHEAD = re.compile(rf"(?i),?\s+(?:(?:last|this|next)\s+|in\s+|on\s+)?(?:{MONTH_RE}|{WEEKDAY_RE}|(?:19|20)\d\d\b|"
                          r"(?:week|month|year|spring|summer|autumn|fall|winter)\b)")
# a programme or paper's name (TIDES: proper names are not time expressions): a title-case "Today" / "This Week"
# right after a capitalised name ("VOA Today", "USA Today") or a broadcaster's possessive ("ABC News' "This Week"")
_TITLE_DEICTIC = re.compile(r"(?:Today|Tonight|Tomorrow|This\s+Week|This\s+Morning)")
_NAME_BEFORE = re.compile(r"(?:\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*|\b[A-Z][a-z]+)[ \t]$|\w's?[ \t]+[\"`']+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"'`(]\s*|\n\s*)(?:[A-Z][A-Za-z]*[ \t])$")


def _programme_name(text: str, s: int, e: int) -> bool:
    if not _TITLE_DEICTIC.fullmatch(text[s:e]):
        return False
    left = text[max(0, s - 30) : s]
    return _NAME_BEFORE.search(left) is not None and _SENTENCE_START.search(left) is None


# a model year before a vehicle's make ("Kopp's 1987 Chevrolet Cavalier", "a 2005 Honda Civic"): a name, no time
_VEHICLE_MAKE_AFTER = re.compile(
    r"\s+(?:GMC|Chevy|Chevrolet|Ford|Dodge|Jeep|Toyota|Honda|Nissan|Hyundai|Kia|Buick|Cadillac|Chrysler|Pontiac|"
    r"Mazda|Subaru|Volkswagen|VW|BMW|Mercedes|Audi|Lexus|Acura|Infiniti|Mitsubishi|Oldsmobile|Saturn|Mercury|"
    r"Plymouth|Volvo|Lincoln)\s+[A-Z0-9]"
)

_DETERMINER_BEFORE = re.compile(r"(?:\b(?:a|an|the|his|her|their|its|my|our|your|this|that)|\w's)\s+(?:[a-z]+\s+)?$", re.I)

_NOT_A_TIMEX = {
    "year": lambda text, s, e: _VEHICLE_MAKE_AFTER.match(text, e) is not None
    and _DETERMINER_BEFORE.search(text[max(0, s - 30) : s]) is not None,
    "clock": lambda text, s, e: text[s:e].lower() == "noon" and _HIGH_NOON.search(text[max(0, s - 6) : s]) is not None,
    "deictic": _programme_name,
    "rel_unit": _programme_name,
    "ref": lambda text, s, e: text[s:e].lower().endswith("recently") and _TIMEX_AHEAD.match(text, e) is not None,
}


def _matches(rx: re.Pattern, text: str, start: int, end: int):
    """rx's matches in text[start:end]; a match across a line break is tried again from after the break (a title's
    last word and the date line below it are two expressions, never one)."""
    for m in rx.finditer(text, start, end):
        yield m
        while "\n" in m.group(0):
            m = rx.search(text, m.start() + m.group(0).rindex("\n") + 1, end)
            if m is None:
                break
            yield m


def tag(text: str, dct: date | None, doc=None) -> list[Timex]:
    cands: list[tuple[int, int, str, re.Match]] = []
    wins = _windows(text)
    seen: set[tuple[int, int, str]] = set()
    for name, rx, _h in _COMPILED:
        spans = _merge([w for k in _PATTERN_ANCHORS[name] for w in wins.get(k, ())])
        for ws, we in spans:
            for m in _matches(rx, text, ws, we):
                if (m.start(), m.end(), name) in seen:
                    continue
                seen.add((m.start(), m.end(), name))
                s, e = m.span("body") if "body" in rx.groupindex and m.group("body") is not None else m.span()
                pre = name == "duration" and (m.group("pre") or "").strip().lower()
                if pre in ("over", "under") and m.group("det"):
                    s, pre = m.start("det"), ""  # "over the past two years": a preposition, not "more than"
                if name == "duration" and m.group("det") and not pre:
                    det = m.group("det").lower().split()
                    hyphen = "-" in text[m.end("num") : m.start("unit")]
                    few = det == ["a"] and m.group("num").lower().startswith(("few", "couple"))  # "a few days"
                    if len(det) == 1 and (det[0] != "the" or hyphen) and not few:
                        s = m.start("num")  # "a two-year", "the 30-day": the determiner stays outside
                if name == "quarter" and re.match(r"(?i)the\s+\w+-quarter\b", text[s:e]):
                    s = s + 4 + len(text[s + 4 : e]) - len(text[s + 4 : e].lstrip())  # "the third-quarter loss"
                while e > s and text[e - 1].isspace():
                    e -= 1
                if e <= s or "\n" in text[s:e]:
                    continue
                cands.append((s, e, name, m))
    # longest first, then earliest, then pattern priority
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], _PRIORITY[c[2]]))
    taken: list[tuple[int, int, str, re.Match]] = []
    occupied = bytearray(len(text) + 1)
    alternates: dict[tuple[int, int], list] = {}
    for c in cands:
        s, e = c[0], c[1]
        if any(occupied[s:e]):
            if (s, e) in alternates:  # same span, another pattern: tried when the first one's handler rejects it
                alternates[(s, e)].append(c)
            continue
        alternates[(s, e)] = []
        if c[2] == "year" and _BAD_PREV.search(text[max(0, s - 12) : s]):
            continue
        if _NOT_A_TIMEX.get(c[2]) and _NOT_A_TIMEX[c[2]](text, s, e):
            continue
        taken.append(c)
        occupied[s:e] = b"\x01" * (e - s)
    taken.sort(key=lambda c: c[0])
    ctx = Ctx(text, dct, doc)
    out: list[Timex] = []
    handlers = {name: h for name, _, h in _COMPILED}
    for c in taken:
        r = None
        for s, e, name, m in [c, *alternates.get((c[0], c[1]), ())]:
            try:
                r = handlers[name](m, ctx)
            except (KeyError, ValueError, TypeError, IndexError):
                r = None
            if r:
                break
        if not r:
            continue
        value, typ, prec = r[0], r[1], r[2]
        if name == "ago" and typ == "DURATION":  # "three days later": the duration; "later" is a signal outside it
            e = text.rindex(m.group("dir"), s, e)
            while text[e - 1].isspace():
                e -= 1
        if name in _EXPLICIT_YEAR and re.match(r"\d{4}", value):
            ctx.last_year = int(value[:4])
        _remember(ctx, value, typ)
        mod = r[3] if len(r) > 3 else None
        anchor = r[4] if len(r) > 4 else None
        out.append(Timex(s, e, text[s:e], value, typ, prec, mod, name, anchor))
    return out
