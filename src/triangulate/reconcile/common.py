"""Small helpers shared by the reconcile modules: name normalisation, dates, independent sources."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from unidecode import unidecode

from triangulate.annotate.actors import is_description
from triangulate.model import Article, CopyLink

_NON_WORD = re.compile(r"[^a-z0-9]+")

# a scope that counts up to now ("since Wednesday", "so far"): a running total, not one day's count
RUNNING_TOTAL = r"since|so far|to date|until now|thus far"
_STOP = {"the", "a", "an", "of", "s", "al", "el"}


@lru_cache(maxsize=65536)
def norm_name(name: str | None) -> str:
    """Lower-case, ASCII, punctuation-free key for comparing names ("Hayat Tahrir al-Sham" ~ "hayat tahrir sham")."""
    if not name:
        return ""
    words = _NON_WORD.sub(" ", unidecode(name).lower()).split()
    return " ".join(w for w in words if w not in _STOP)


@lru_cache(maxsize=262144)
def names_match(a: str | None, b: str | None) -> bool:
    """Same name up to spelling: equal keys, one key's words inside the other's, or a close fuzzy match."""
    ka, kb = norm_name(a), norm_name(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    wa, wb = set(ka.split()), set(kb.split())
    if wa <= wb or wb <= wa:
        return True
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(ka, kb) >= 90


_STATE = re.compile(r"\b(military|police|government|army|armed forces|forces|security forces|regime)\b.*\bof (.+)$",
                    re.I)


def state_side(actor: str) -> str:
    """ACLED names state forces "Military Forces of Syria", "Police Forces of Syria", "Government of Syria":
    all one side, the state of Syria ("" for an actor that is not a state's)."""
    m = _STATE.search(actor)
    return "state:" + norm_name(re.sub(r"\(.*?\)", "", m.group(2))) if m else ""


@lru_cache(maxsize=65536)
def parse_day(value: str | None) -> date | None:
    """The calendar day of an ISO date/timestamp (or a YYYY-MM / YYYY value: its first day)."""
    if not value:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def day_interval(value: str | None, precision: int | None) -> tuple[int, int] | None:
    """The span of days (ordinals, inclusive) a date stands for, by ACLED time precision (1 day, 2 week, 3 month)
    and by how much of the date is written (a bare "2019-12" is a month)."""
    d = parse_day(value)
    if d is None:
        return None
    m = re.match(r"\d{4}(-\d{2})?(-\d{2})?", value or "")
    if m and not m.group(1):  # a year only
        return date(d.year, 1, 1).toordinal(), date(d.year, 12, 31).toordinal()
    if precision == 3 or (m and not m.group(2)):
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return d.replace(day=1).toordinal(), (nxt - timedelta(days=1)).toordinal()
    if precision == 2:
        return d.toordinal() - 3, d.toordinal() + 3
    return d.toordinal(), d.toordinal()


def article_day(article: Article | None) -> str | None:
    if article is None or not article.published:
        return None
    d = parse_day(article.published)
    return d.isoformat() if d else None


# --------------------------------------------------------------------------- independence


class _UnionFind:
    def __init__(self, items: list[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # keep the earlier-listed root so group ids are stable
            self.parent[max(ra, rb, key=self._order)] = min(ra, rb, key=self._order)

    def _order(self, x: str) -> tuple[int, str]:
        return (self._rank.get(x, 1 << 30), x)

    _rank: dict[str, int] = {}


WHOLE_COPY_SHARE = 0.5  # a "passage" link covering at least this share of the article makes it a copy as a whole


def own_independent_groups(article_ids: list[str], copies: list[CopyLink]) -> list[list[str]]:
    """Group articles that are not independent of each other: duplicates, near-duplicates, articles that
    mostly copy another (passage share >= 0.5), and articles crediting the same wire ("wire:Reuters")."""
    uf = _UnionFind(list(article_ids))
    uf._rank = {a: i for i, a in enumerate(article_ids)}
    known = set(article_ids)
    wires: dict[str, str] = {}
    for c in copies:
        if c.article_id not in known:
            continue
        if c.kind == "credited-wire" or (c.source_id or "").startswith("wire:"):
            first = wires.setdefault(c.source_id, c.article_id)
            uf.union(first, c.article_id)
            continue
        if c.source_id not in known:
            continue
        if c.kind in ("duplicate", "near-duplicate") or (c.share or 0.0) >= WHOLE_COPY_SHARE:
            uf.union(c.source_id, c.article_id)
    groups: dict[str, list[str]] = {}
    for a in article_ids:
        groups.setdefault(uf.find(a), []).append(a)
    return list(groups.values())


def independent_groups(article_ids: list[str], copies: list[CopyLink]) -> list[list[str]]:
    """Use the link stage's `independent_groups` when it provides one that answers sensibly, else our own."""
    try:
        from triangulate import link

        fn = getattr(link, "independent_groups", None)
    except Exception:  # pragma: no cover - the link stage is being rewritten concurrently
        fn = None
    if fn is not None:
        try:
            got = fn(list(article_ids), list(copies))
            flat = [a for g in got for a in g]
            if sorted(flat) == sorted(article_ids):
                return [list(g) for g in got]
        except Exception:
            pass
    return own_independent_groups(article_ids, copies)


class Provenance:
    """Answers "which independent source does this record come from?".

    A record attributed to a named source (SOHR, SANA, "a Hayat Tahrir al-Sham source") counts as that source,
    whichever outlet carried it; an unattributed record counts as its article's independent group, or - when the
    record sits inside a passage copied from an earlier article - as that article's group."""

    def __init__(self, articles: list[Article], copies: list[CopyLink], groups: list[list[str]]) -> None:
        self.group_of: dict[str, int] = {}
        for i, g in enumerate(groups):
            for a in g:
                self.group_of[a] = i
        self.passages: dict[str, list[tuple[int, int, str, int, int]]] = {}
        for c in copies:
            if c.kind == "credited-wire" or c.source_id not in self.group_of:
                continue
            for p in c.passages or []:
                if len(p) >= 4:
                    self.passages.setdefault(c.article_id, []).append((p[0], p[1], c.source_id, p[2], p[3]))

    def origin(self, article_id: str, start: int = 0, end: int = 0, depth: int = 0) -> str:
        """The article a span was first published in (following copied passages back)."""
        if end > start and depth < 10:
            for ps, pe, src, ss, _se in self.passages.get(article_id, ()):
                if ps <= start and end <= pe:
                    return self.origin(src, ss + (start - ps), ss + (end - ps), depth + 1)
        return article_id

    def group(self, article_id: str, start: int = 0, end: int = 0) -> str:
        origin = self.origin(article_id, start, end)
        return "g%d" % self.group_of.get(origin, self.group_of.get(article_id, -1))

    def key(self, attributed_to: str | None, article_id: str, start: int = 0, end: int = 0) -> str:
        """A named source is one source across outlets; a described one ("witnesses", "a security source") is
        a source of its article's group only: two outlets' "witnesses" are not known to be the same people."""
        if attributed_to and norm_name(attributed_to):
            if is_description(attributed_to):
                return "desc:" + norm_name(attributed_to) + ":" + self.group(article_id, start, end)
            return "src:" + norm_name(attributed_to)
        return "grp:" + self.group(article_id, start, end)
