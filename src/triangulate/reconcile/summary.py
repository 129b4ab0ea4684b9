"""Story title and extractive summary.

Sentences of all the story's articles are scored by TF-IDF closeness to the story's centroid (each independent
group of articles weighs the same, so twenty copies of one wire do not outvote the rest), with a bonus for lead
sentences; the best 3-4 are chosen without near-repeats (copies of one sentence in several articles count once).
Every summary sentence keeps its article id and offsets into that article's text.
"""

from __future__ import annotations

import re

import numpy as np

from triangulate.model import Article, Extraction, Sentence, StoryEvent

_SPLIT = re.compile(r"[^\n]+")
_SENT_END = re.compile(r"(?<=[.!?])[\"”’')\]]?\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_JUNK = re.compile(r"^\s*(file photo|read more|opinion:|source:|related:|click|subscribe|sign up|advertisement|"
                   r"photo:|image:|video:|watch:|listen:|follow us|copyright|\(c\)|©)", re.I)
_MIN_WORDS, _MAX_WORDS = 8, 70
_LETTERS = re.compile(r"[^\W\d_]")
DUPLICATE_SIM = 0.5


def split_sentences(text: str) -> list[Sentence]:
    """A light sentence splitter (used when the annotate stage gave no sentences)."""
    out = []
    for line in _SPLIT.finditer(text):
        start = line.start()
        chunk = line.group(0)
        pos = 0
        for m in _SENT_END.finditer(chunk):
            seg = chunk[pos:m.start()]
            _emit(out, text, start + pos, seg)
            pos = m.end()
        _emit(out, text, start + pos, chunk[pos:])
    return out


def _emit(out: list[Sentence], text: str, start: int, seg: str) -> None:
    lead = len(seg) - len(seg.lstrip())
    seg = seg.strip()
    if seg:
        s = start + lead
        out.append(Sentence(s, s + len(seg), text[s:s + len(seg)]))


def _good(s: str) -> bool:
    words = s.split()
    if not (_MIN_WORDS <= len(words) <= _MAX_WORDS) or _JUNK.search(s):
        return False
    if not re.search(r"[.!?][\"”’')\]]?$", s):
        return False
    letters = len(_LETTERS.findall(s))
    return letters >= 0.6 * (len(s) - s.count(" "))


def _candidates(articles: list[Article], extractions: dict[str, Extraction]) -> list[tuple[str, int, Sentence]]:
    out = []
    for a in articles:
        ex = extractions.get(a.id)
        sents = ex.annotations.sentences if ex is not None and ex.annotations and ex.annotations.sentences else None
        if not sents:
            sents = split_sentences(a.text)
        idx = 0
        for s in sents:
            # a sentence the parser ran across a line break (headline + lead) is split at it
            for part in _SPLIT.finditer(a.text[s.start:s.end]):
                text = part.group(0)
                if text.strip() and _good(text.strip()):
                    lead = len(text) - len(text.lstrip())
                    start = s.start + part.start() + lead
                    ss = Sentence(start, start + len(text.strip()), text.strip())
                    out.append((a.id, idx, ss))
                    idx += 1
    return out


def summarise(articles: list[Article], extractions: dict[str, Extraction], group_of: dict[str, int],
              n: int | None = None) -> tuple[list[dict], object, object]:
    """Pick the summary sentences; returns (sentences, vectorizer, centroid) - the last two for title choice."""
    cands = _candidates(articles, extractions)
    if not cands:
        return [], None, None
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, token_pattern=r"(?u)\b[^\W\d_][\w-]+\b")
    try:
        X = vec.fit_transform([s.text for _, _, s in cands])
    except ValueError:  # nothing but stop words
        return [], None, None
    # centroid: mean over independent groups of the mean over their sentences
    groups: dict[int, list[int]] = {}
    for i, (aid, _, _) in enumerate(cands):
        groups.setdefault(group_of.get(aid, -1), []).append(i)
    centroid = np.zeros(X.shape[1])
    for rows in groups.values():
        centroid += np.asarray(X[rows].mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm == 0:
        return [], vec, None
    centroid /= norm
    sim = X @ centroid
    pos = np.array([idx for _, idx, _ in cands], dtype=float)
    score = np.asarray(sim).ravel() * (1.0 + 0.5 / (1.0 + pos))
    if n is None:
        n = 4 if len(groups) >= 3 and len(cands) >= 12 else 3
    chosen: list[int] = []
    for i in np.argsort(-score, kind="stable"):
        if len(chosen) >= n:
            break
        if score[i] <= 0:
            break
        if chosen:
            sims = (X[chosen] @ X[i].T).toarray().ravel()
            if sims.max() > DUPLICATE_SIM:
                continue
        chosen.append(int(i))
    order = {a.id: k for k, a in enumerate(articles)}
    chosen.sort(key=lambda i: (order.get(cands[i][0], 0), cands[i][2].start))
    out = [{"text": cands[i][2].text, "article_id": cands[i][0], "start": cands[i][2].start,
            "end": cands[i][2].end, "score": round(float(score[i]), 4)} for i in chosen]
    return out, vec, centroid


_BAD_TITLE = re.compile(r"^\s*(\d+\s*min read|untitled|home|news|breaking|live|video)\s*$", re.I)


def choose_title(articles: list[Article], vec, centroid, events: list[StoryEvent],
                 summary: list[dict]) -> str | None:
    """The article title closest to the story's centroid; else one made from the main event; else the lead
    summary sentence, shortened."""
    titles = []
    for a in articles:
        t = (a.title or "").strip()
        if t and 3 <= len(t.split()) <= 30 and not _BAD_TITLE.match(t):
            titles.append(t)
    if titles:
        if vec is not None and centroid is not None and len(set(titles)) > 1:
            try:
                T = vec.transform(titles)
                s = np.asarray(T @ centroid).ravel()
                # repeated titles (copies) are a weaker signal than centrality; break ties by first appearance
                return titles[int(np.argmax(s))]
            except ValueError:
                pass
        return titles[0]
    fg = [e for e in events if not e.background and e.event_type != "Strategic developments"
          and len(e.article_ids) >= 2]
    if fg:
        e = max(fg, key=lambda e: len(e.article_ids))
        what = e.sub_event_type or e.event_type
        parts = [what]
        if e.actor1:
            parts.append(f"by {e.actor1}")
        if e.place and e.place.name:
            parts.append(f"in {e.place.name}")
        title = " ".join(parts)
        if e.date:
            title += f" ({e.date[:10]})"
        return title
    if summary:
        return _headline(summary[0]["text"])
    if articles:
        text = articles[0].text.strip().split("\n", 1)[0]
        return text[:100] or None
    return None


def _headline(text: str) -> str:
    """A lead sentence cut to headline length: its first clause when that says enough, else ~100 characters."""
    text = text.strip().rstrip(".")
    if len(text) <= 100:
        return text
    head = re.split(r",\s|\s(?:said|according to|reported)\b", text, maxsplit=1)[0]
    if 6 <= len(head.split()) and len(head) <= 110:
        return head
    return text[:100].rsplit(" ", 1)[0] + "…"
