"""Date arithmetic and TIMEX3 value formatting used by the rule-based tagger."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3, "thu": 3,
    "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI", "midday": "MI"}

_UNITS = {
    "second": "S", "sec": "S", "minute": "M", "min": "M", "hour": "H", "hr": "H", "day": "D", "night": "D",
    "week": "W", "fortnight": "W", "month": "M", "year": "Y", "yr": "Y", "decade": "DE", "century": "CE",
    "quarter": "Q", "weekend": "WE", "semester": "M",
}  # fmt: skip
_TIME_UNITS = {"S", "H"}


def unit_key(word: str) -> str | None:
    w = word.lower().rstrip(".")
    if w == "centuries":
        return "century"
    if w.endswith("s") and w[:-1] in _UNITS:
        w = w[:-1]
    return w if w in _UNITS else None


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P3D, PT24H, PT30M, P2Y6M, PXY ..."""
    code = _UNITS[unit]
    if unit == "fortnight":
        n = None if n is None else n * 2
    if unit == "semester":
        n = None if n is None else n * 6
    if unit == "quarter":
        code, n = "M", (None if n is None else n * 3)
    if unit == "weekend":
        code = "WE"
    if unit == "decade" and n is not None:  # the TimeML corpora write "a decade" as P10Y more often than P1DE
        code, n = "Y", n * 10
    time = code in _TIME_UNITS or unit in ("minute", "min")
    pre = "PT" if time else "P"
    if n is None:
        return f"{pre}X{code}"
    if n != int(n):
        whole = int(n)
        frac = n - whole
        sub = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "M"), "W": (7, "D")}.get(code)
        if unit in ("minute", "min"):
            sub = (60, "S")
        if sub:
            rest = int(round(frac * sub[0]))
            if sub[1] in ("H", "S") and not time:
                return f"P{whole}{code}T{rest}{sub[1]}" if whole else f"PT{rest}{sub[1]}"
            if unit in ("minute", "min"):
                return f"PT{whole}M{rest}S" if whole else f"PT{rest}S"
            if code == "H":
                return f"PT{whole}H{rest}M" if whole else f"PT{rest}M"
            return f"{pre}{whole}{code}{rest}{sub[1]}" if whole else f"{pre}{rest}{sub[1]}"
        return f"{pre}{n:g}{code}"
    return f"{pre}{int(n)}{code}"


def parse_dct(published: str | None) -> date | None:
    if not published:
        return None
    s = published.strip()
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", s)
    m2 = re.match(r"(\d{1,2})[-.](\d{1,2})[-.](\d{4})\b", s)  # day-month-year
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m2:
            return date(int(m2.group(3)), int(m2.group(2)), int(m2.group(1)))
    except ValueError:
        return None
    return None


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def shift(d: date, unit: str, n: int) -> date:
    if unit in ("day", "night"):
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    if unit == "fortnight":
        return d + timedelta(weeks=2 * n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    if unit == "year":
        return add_months(d, 12 * n)
    if unit == "decade":
        return add_months(d, 120 * n)
    if unit == "century":
        return add_months(d, 1200 * n)
    return d


def fmt_day(d: date) -> str:
    return d.isoformat()


def fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def fmt_month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def fmt_quarter(d: date) -> str:
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


def fmt_at(d: date, unit: str) -> str:
    """Format `d` at the granularity of `unit` (the unit being counted / referred to)."""
    if unit in ("day", "night"):
        return fmt_day(d)
    if unit in ("week", "fortnight"):
        return fmt_week(d)
    if unit == "weekend":
        return fmt_week(d) + "-WE"
    if unit == "month":
        return fmt_month(d)
    if unit == "quarter":
        return fmt_quarter(d)
    if unit == "year":
        return f"{d.year:04d}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return fmt_day(d)


UNDERSPEC = {
    "day": "XXXX-XX-XX", "night": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "fortnight": "XXXX-WXX",
    "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX",
}  # fmt: skip


def weekday_date(dct: date, wd: int, direction: int) -> date:
    """direction -1: most recent such weekday up to and including dct; +1: next one after dct; 0: nearest."""
    delta = (dct.weekday() - wd) % 7
    past = dct - timedelta(days=delta)
    if direction < 0:
        return past
    fut = dct + timedelta(days=(wd - dct.weekday()) % 7 or 7)
    if direction > 0:
        return fut
    return past if (dct - past) <= (fut - dct) else fut


def nearest_month_day(dct: date, month: int, day: int | None, direction: int = 0) -> date | None:
    """The year for a 'Month day' without a year: the occurrence nearest the DCT (or past/future one)."""
    best = None
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            cand = date(y, month, day or 15)
        except ValueError:
            continue
        if direction < 0 and (cand.year, cand.month) > (dct.year, dct.month):
            continue
        if direction < 0 and day and cand > dct:
            continue
        if direction > 0 and (cand.year, cand.month) <= (dct.year, dct.month):
            continue
        if best is None or abs((cand - dct).days) < abs((best - dct).days):
            best = cand
    return best


def iso_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def value_bounds(value: str | None) -> tuple[str | None, str | None]:
    """ISO begin/end dates of the interval a TIMEX3 DATE value denotes (None where not a calendar interval)."""
    if not value:
        return None, None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", value)
    if m:
        return value[:10], value[:10]
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if m:
        try:
            mon = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None, None
        if m.group(3):
            return (mon + timedelta(days=5)).isoformat(), (mon + timedelta(days=6)).isoformat()
        return mon.isoformat(), (mon + timedelta(days=6)).isoformat()
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            return f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
        return None, None
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        m1, m3 = 3 * q - 2, 3 * q
        return f"{y:04d}-{m1:02d}-01", f"{y:04d}-{m3:02d}-{calendar.monthrange(y, m3)[1]:02d}"
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        y = int(m.group(1))
        return (f"{y}-01-01", f"{y}-06-30") if m.group(2) == "1" else (f"{y}-07-01", f"{y}-12-31")
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        y = int(m.group(1))
        return {
            "SP": (f"{y}-03-01", f"{y}-05-31"),
            "SU": (f"{y}-06-01", f"{y}-08-31"),
            "FA": (f"{y}-09-01", f"{y}-11-30"),
            "WI": (f"{y}-12-01", f"{y + 1}-02-{calendar.monthrange(y + 1, 2)[1]:02d}"),
        }[m.group(2)]
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        return f"{value}-01-01", f"{value}-12-31"
    m = re.fullmatch(r"(\d{3})", value)
    if m:
        return f"{value}0-01-01", f"{value}9-12-31"
    m = re.fullmatch(r"(\d{2})", value)
    if m:
        return f"{value}00-01-01", f"{value}99-12-31"
    return None, None
