"""Copy lineage: passage-level alignment against recent articles, and credited wires.

Alignment works on word 5-shingles of normalised tokens ("Tahrir al-Sham" and "Tahrir al Sham" give the same
tokens). Each stored article keeps only its *anchor* shingles (hash % ANCHOR_MOD == 0, "0 mod p" sampling) with
their character span, so a window of thousands of articles stays a few MB. A new article looks its anchors up in an
inverted index, and for each candidate source chains the matching anchors into passages; gaps of a few words
(a substituted word such as "government" -> "regime", an inserted clause) are bridged, so light edits do not cut
a passage. Anchors shared by many stored articles (wire boilerplate, copyright lines) are ignored.
"""

from __future__ import annotations

import re
import zlib
from array import array

from triangulate.link.features import tokens
from triangulate.model import Article, CopyLink

K = 5  # words per shingle
ANCHOR_MOD = 1  # keep shingles whose hash % ANCHOR_MOD == 0 (1: all; raise to shrink the state)
MAX_POSTING = 40  # an anchor stored by more articles than this is boilerplate
MAX_GAP_CHARS = 220  # bridge gaps up to this many characters on both sides
MAX_SKEW_CHARS = 120  # ... as long as the two gaps differ by at most this much
MIN_PASSAGE_CHARS = 80  # a passage shorter than this is coincidence
MIN_SHARED_CHARS = 150  # an article must share at least this much with a source to be linked
NEAR_DUP_SHARE = 0.85  # share of both texts above which a copy is a near duplicate


def shingles(toks: list[tuple[str, int, int]]) -> list[tuple[int, int, int]]:
    """(hash, start char, end char) of every K-word shingle."""
    out = []
    for i in range(len(toks) - K + 1):
        h = zlib.crc32(" ".join(t[0] for t in toks[i:i + K]).encode())
        out.append((h, toks[i][1], toks[i + K - 1][2]))
    return out


class CopyIndex:
    """Anchors of recent articles, with an inverted index anchor -> article slots."""

    def __init__(self, window_days: int = 21, max_docs: int = 20000) -> None:
        self.window_days = window_days
        self.max_docs = max_docs
        self.docs: dict[int, dict] = {}  # slot -> {id, day, len, h: array, s: array, e: array}
        self.index: dict[int, list[int]] = {}
        self.next_slot = 0

    # ------------------------------------------------------------------ maintenance
    def _evict(self, today: int | None) -> None:
        while self.docs:
            slot = next(iter(self.docs))  # oldest inserted first
            d = self.docs[slot]
            too_many = len(self.docs) > self.max_docs
            too_old = today is not None and d["day"] is not None and today - d["day"] > self.window_days
            if not (too_many or too_old):
                break
            for h in set(d["h"]):
                lst = self.index.get(h)
                if lst is not None:
                    try:
                        lst.remove(slot)
                    except ValueError:
                        pass
                    if not lst:
                        del self.index[h]
            del self.docs[slot]

    def add(self, article_id: str, day: int | None, text_len: int, sh: list[tuple[int, int, int]]) -> None:
        self._evict(day)
        anchors = [x for x in sh if x[0] % ANCHOR_MOD == 0]
        slot = self.next_slot
        self.next_slot += 1
        self.docs[slot] = {
            "id": article_id, "day": day, "len": text_len,
            "h": array("I", [a[0] for a in anchors]),
            "s": array("I", [a[1] for a in anchors]),
            "e": array("I", [a[2] for a in anchors]),
        }
        for h in set(a[0] for a in anchors):
            self.index.setdefault(h, []).append(slot)

    # ------------------------------------------------------------------ alignment
    def align(self, article_id: str, text_len: int, sh: list[tuple[int, int, int]]) -> list[CopyLink]:
        anchors = [x for x in sh if x[0] % ANCHOR_MOD == 0]
        votes: dict[int, int] = {}
        for h in set(a[0] for a in anchors):
            lst = self.index.get(h)
            if not lst or len(lst) > MAX_POSTING:
                continue
            for slot in lst:
                votes[slot] = votes.get(slot, 0) + 1
        links = []
        for slot, n in votes.items():
            if n < 2:
                continue
            d = self.docs[slot]
            passages = _chain(anchors, d)
            if not passages:
                continue
            shared = _union_len([(p[0], p[1]) for p in passages])
            if shared < MIN_SHARED_CHARS:
                continue
            links.append(CopyLink(article_id, d["id"], shared, round(shared / max(1, text_len), 4), passages))
        links.sort(key=lambda c: (-c.shared_chars, c.source_id))
        return links


def _chain(anchors: list[tuple[int, int, int]], d: dict) -> list[tuple[int, int, int, int]]:
    """Chain anchor matches (article position, source position) into passages."""
    where: dict[int, list[int]] = {}
    for i, h in enumerate(d["h"]):
        lst = where.setdefault(h, [])
        if len(lst) < 3:
            lst.append(i)
    matches = []
    for h, s, e in anchors:
        for j in where.get(h, ()):
            matches.append((s, e, d["s"][j], d["e"][j]))
    if not matches:
        return []
    matches.sort()
    runs: list[list] = []  # each [a_start, a_end, b_start, b_end, n]
    for s, e, bs, be in matches:
        best = None
        for run in runs[-4:]:  # only recent runs can continue
            ga, gb = s - run[1], bs - run[3]
            if -40 <= ga <= MAX_GAP_CHARS and -40 <= gb <= MAX_GAP_CHARS and abs(ga - gb) <= MAX_SKEW_CHARS \
                    and bs >= run[2] and s >= run[0]:
                best = run
                break
        if best is None:
            runs.append([s, e, bs, be, 1])
        else:
            best[1] = max(best[1], e)
            best[3] = max(best[3], be)
            best[4] += 1
    out = []
    for a0, a1, b0, b1, n in runs:
        if n >= 2 and a1 - a0 >= MIN_PASSAGE_CHARS:
            out.append((a0, a1, b0, b1))
    # drop passages on the article side that overlap an earlier, longer one (repeated source text)
    out.sort(key=lambda p: (-(p[1] - p[0]), p[0]))
    kept: list[tuple[int, int, int, int]] = []
    for p in out:
        if all(p[1] <= q[0] or p[0] >= q[1] for q in kept):
            kept.append(p)
    kept.sort()
    return kept


def _union_len(spans: list[tuple[int, int]]) -> int:
    total, cur_s, cur_e = 0, None, None
    for s, e in sorted(spans):
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += cur_e - cur_s
    return total


# --------------------------------------------------------------------------- credited wires

WIRES = {
    "Reuters": r"Reuters",
    "AP": r"Associated\s+Press|\bAP\b",
    "AFP": r"AFP|Agence\s+France[- ]Presse",
    "UPI": r"\bUPI\b|United\s+Press\s+International",
    "dpa": r"\bdpa\b|Deutsche\s+Presse[- ]Agentur",
    "Xinhua": r"Xinhua",
    "ANSA": r"\bANSA\b",
    "PTI": r"\bPTI\b|Press\s+Trust\s+of\s+India",
    "Bloomberg": r"Bloomberg\s+News",
}
_ANY = "|".join(f"(?P<{k}>{v})" for k, v in WIRES.items())

# Patterns that say the text (or a passage of it) originates with a wire, strongest first.
_CREDIT = [
    ("dateline", re.compile(r"^.{0,120}?\(\s*(?:" + _ANY + r")\s*\)\s*[-—–:]", re.S)),
    ("byline", re.compile(r"^\s*(?:By\s+[^\n]{0,80}?)?(?:The\s+)?(?:" + _ANY + r")\s*(?:\n|$|[-—–|])", re.M)),
    ("copyright", re.compile(r"(?:Copyright|©|\(c\))\s*(?:\d{4}\s*)?(?:The\s+)?(?:" + _ANY + r")", re.I)),
    ("trailer", re.compile(r"(?:The\s+)?(?:" + _ANY + r")\s+contributed\s+to\s+this\s+(?:report|story)")),
    ("reuters-trailer", re.compile(r"\((?:Reporting|Writing|Additional reporting) by [^)]{3,200}(?:Editing by)[^)]{3,120}\)")),
    ("told", re.compile(r"\b(?:told|said\s+to|speaking\s+to|in\s+an\s+interview\s+with)\s+(?:the\s+)?(?:" + _ANY + r")\b")),
    ("reported", re.compile(r"\b(?:the\s+)?(?:" + _ANY + r")\s+(?:news\s+agency\s+)?(?:reported|reports|said|says)\b")),
]
STRONG = {"dateline", "byline", "copyright", "trailer", "reuters-trailer"}


def credited_wires(article: Article) -> list[tuple[str, str, int, int]]:
    """(wire, how, start, end) for every wire the article credits; offsets are into article.text ((0, 0) for
    credits found in the authors list)."""
    found: dict[str, tuple[str, str, int, int]] = {}
    for author in article.authors or []:
        for name, pat in WIRES.items():
            if re.search(pat, author) and name not in found:
                found[name] = (name, "byline", 0, 0)
    text = article.text or ""
    for how, rx in _CREDIT:
        for m in rx.finditer(text):
            gd = m.groupdict()
            name = next((k for k in WIRES if gd.get(k)), "Reuters" if how == "reuters-trailer" else None)
            if name and name not in found:
                found[name] = (name, how, m.start(), m.end())
    return list(found.values())


def wire_links(article: Article) -> list[CopyLink]:
    """CopyLinks of kind "credited-wire" with source_id "wire:<Name>" for each credited wire. A strong credit
    (dateline, byline, copyright, Reuters trailer) marks the whole text (share 1.0); a mention such as "told AFP"
    or "Reuters reported" marks only its sentence."""
    out = []
    text = article.text or ""
    for name, how, s, e in credited_wires(article):
        if how in STRONG and how != "trailer":
            out.append(CopyLink(article.id, f"wire:{name}", len(text), 1.0, [], "credited-wire"))
        else:
            a = text.rfind("\n", 0, s) + 1
            b = text.find("\n", e)
            b = len(text) if b < 0 else b
            out.append(CopyLink(article.id, f"wire:{name}", b - a, round((b - a) / max(1, len(text)), 4),
                                [(a, b, -1, -1)], "credited-wire"))
    return out
