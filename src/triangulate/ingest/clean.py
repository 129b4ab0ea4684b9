"""Text cleaning: drop page furniture (read-time badges, teasers, photo credits, share prompts, trailing labels)
while keeping every real sentence; read a trailing "Source: X" line as the outlet.

The rules are line-based and generic: a line is dropped only when its whole shape says it is furniture
(short, no sentence structure, a known lead word such as "Read more:" or "FILE PHOTO:").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field


@dataclass
class Cleaned:
    text: str
    outlet: str | None = None  # from a trailing "Source: X" line
    removed_lines: list[str] = field(default_factory=list)


_END_PUNCT = ('.', '!', '?', '"', '\u201d', "'", '\u2019', ')', ':', ';', '\u2026', '\u00bb')

_READ_TIME = re.compile(r"^\d{1,3}\s*(?:-\s*)?(?:min|mins|minute|minutes)\.?\s*(?:read|reading|watch|listen)?$", re.I)
_LONE_PUNCT = re.compile(r"^[\W_]{1,10}$")
_TEASER = re.compile(
    r"^(?:read more|read also|also read|more|related|related content|related articles?|related stories|see also|"
    r"more on this(?: story)?|recommended|watch|watch now|listen|opinion|analysis|editorial|explainer|"
    r"you may also like|trending|latest|must read|don't miss|most read|live updates?)\s*[:|>\u00bb-]\s*\S.*$",
    re.I,
)
_TEASER_BARE = re.compile(
    r"^(?:read more|related|related content|related articles|related stories|recommended|see also|more stories|"
    r"most read|most popular|trending|you may also like|advertisement|sponsored|sponsored content|"
    r"story continues below(?: advertisement)?|continue reading|skip to (?:main )?content|"
    r"back to top|comments?|\d+ comments?|leave a (?:comment|reply)|show comments|view comments)\s*[:.]?$",
    re.I,
)
_CAPTION = re.compile(
    r"^(?:file photo|file picture|file image|photo|photos|picture|image|images|photograph|caption|credit|"
    r"photo credit|image credit|image source|pictured|above|top|main image|video)\s*[:|/]\s*\S", re.I
)
_CREDIT_TAIL = re.compile(
    r"^(?:[\w.&'\u2019-]+[ /]?){0,4}\b(?:archive|images|photos?|photograph|pictures|getty|shutterstock|"
    r"file photo|handout|pool|via reuters|via ap|afp/getty images)\s*$",
    re.I,
)
_AGENCY_CREDIT = re.compile(r"^\(?(?:reuters|ap|afp|epa|getty|anadolu|xinhua|sputnik|ria novosti|efe|ansa|dpa)"
                            r"(?:\s+photo)?\s*/\s*[\w .'\u2019-]{2,60}\)?$", re.I)
_SHARE = re.compile(
    r"^(?:share|share this|share this (?:article|story|page)|share on \w+|tweet|email|e-mail|print|"
    r"copy link|copy url|facebook|twitter|whatsapp|linkedin|reddit|pinterest|messenger|"
    r"(?:facebook|twitter|email|whatsapp|linkedin|reddit|print|share)(?:\s*[|/,]?\s*"
    r"(?:facebook|twitter|email|whatsapp|linkedin|reddit|print|share|messenger|pinterest|copy link))+)\s*[:.]?$",
    re.I,
)
_SUBSCRIBE = re.compile(
    r"^(?:subscribe|sign up|sign in|log in|register|follow us|follow|join|like us|get|download|click here|tap here|"
    r"click|get our|get the)\b.{0,120}\b(?:newsletter|newsletters|updates|alerts|app|inbox|facebook|twitter|"
    r"instagram|telegram|whatsapp|youtube|channel|podcast|subscribe|subscription|free|here)\b.{0,40}$",
    re.I,
)
_COPYRIGHT = re.compile(r"^(?:\u00a9|\(c\)|copyright\b|all rights reserved)", re.I)
_SOURCE = re.compile(r"^(?:source|sources|via|courtesy(?: of)?)\s*[:\-\u2013]\s*(?P<name>[^\s].{0,58}?)\s*\.?$", re.I)


def _is_boilerplate(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if _LONE_PUNCT.match(s):
        return True
    if len(s) > 300:
        return False
    if len(s) > 80 and s[-1] in '.!?"\u201d' and ":" not in s[:30] and "/" not in s[:30] \
            and not _COPYRIGHT.match(s) and not s.lower().startswith(("read ", "subscribe", "sign up", "follow")):
        return False  # an ordinary sentence (fast path)
    if _READ_TIME.match(s) or _TEASER_BARE.match(s) or _SHARE.match(s):
        return True
    if _CAPTION.match(s) or _AGENCY_CREDIT.match(s):
        return True
    if _COPYRIGHT.match(s) and len(s) < 200:
        return True
    if len(s) < 200 and _TEASER.match(s):
        return True
    if len(s) < 60 and not s.endswith(_END_PUNCT[:3]) and _CREDIT_TAIL.match(s):
        return True
    if len(s) < 180 and _SUBSCRIBE.match(s):
        return True
    return False


def _is_trailing_label(line: str) -> bool:
    """A short unpunctuated line at the very end: a section label, tags, or a related headline. An unpunctuated
    sentence in plain sentence case is kept (it may be the article's real last sentence)."""
    s = line.strip()
    if not s or s.endswith(_END_PUNCT) or len(s) > 120:
        return False
    words = s.split()
    if len(words) <= 6:
        return True
    if len(words) > 16:
        return False
    if re.match(r"^(?:\d{1,2}:\d{2}\s|[A-Z][\w'\u2019.-]*(?:\s[A-Z][\w'\u2019.-]*){0,3}:\s|tagged\b|tags?\b)", s, re.I):
        return True  # "Erdogan: Turkey may ...", "1:11 Video title", "Tagged ..."
    long_words = [w for w in words if len(w) >= 4]
    capitalised = sum(w[0].isupper() for w in long_words)
    return bool(long_words) and capitalised / len(long_words) >= 0.7  # Headline Style Capitals


# zero-width space, word joiner, soft hyphen (the zero-width (non-)joiners stay: Persian and Arabic spell with them)
_INVISIBLE = re.compile("[\u200b\u2060\u00ad]")


def clean_text(text: str) -> Cleaned:
    """Clean an article body. Returns the cleaned text, the outlet named by a trailing "Source: X" line (if any)
    and the lines removed (for the record)."""
    if not text:
        return Cleaned("", None, [])
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\ufeff", "")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)  # they split words for the parser ("\u200bNEW ORLEANS" is no place then)
    lines = [ln.rstrip() for ln in text.split("\n")]
    removed: list[str] = []
    kept: list[str] = []
    for ln in lines:
        if _is_boilerplate(ln):
            removed.append(ln.strip())
        else:
            kept.append(ln)

    outlet = None
    # trailing "Source: X" and trailing labels (only when real text remains above them)
    idx = [i for i, ln in enumerate(kept) if ln.strip()]
    dropped_tail = 0
    while len(idx) > 1 and dropped_tail < 3:
        last = kept[idx[-1]].strip()
        m = _SOURCE.match(last)
        if m and outlet is None:
            outlet = m.group("name").strip().rstrip(".")
        elif not _is_trailing_label(last):
            break
        removed.append(last)
        kept[idx[-1]] = ""
        idx.pop()
        dropped_tail += 1

    out = "\n".join(kept).strip()
    out = re.sub(r"[ \t]+\n", "\n", out)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return Cleaned(out, outlet, removed)


def normalise_for_hash(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """sha1 of the case- and whitespace-folded text (the exact-duplicate key)."""
    return hashlib.sha1(normalise_for_hash(text).encode("utf-8")).hexdigest()
