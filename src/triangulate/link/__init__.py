"""Link articles: exact and near duplicates, copy lineage, incremental story clustering.

Public API (used by the pipeline):

    linker = Linker.load(state_bytes_or_None)
    result = linker.add(article, annotations)   # in publication order; returns LinkResult
    state = linker.dumps()                      # persisted by the pipeline with each committed batch
    independent_groups(article_ids, copies) -> list[list[str]]

Stories are built online (single pass, deterministic):

* each article becomes a hashed TF-IDF vector (sublinear tf; IDF = a fixed English word-frequency prior blended
  with running document frequencies, so it is incremental); capitalised words inside a sentence (names) weigh
  double, two-digit numbers (ages, counts) are terms, and segments its site has already published (boilerplate: subscription
  prompts, author widgets) are left out of the vector; a term found in a large share of its site's earlier
  articles (the outlet's house vocabulary: its city, hospitals, police districts) weighs less;
* candidate stories come from an inverted index over the stories' top terms, restricted to stories active within
  a time window, so the cost of one assignment does not grow with the number of stories; a story leaving the
  window moves to a small far index over its top terms (up to far_days), where only a close match (centroid cosine
  at the merge threshold) may still join or merge it (a follow-up months later; a misdated report);
* the score against a candidate is its centroid cosine (optionally blended with the best member cosines, and with
  the cosine of lead embeddings when an embedder is given, see link/embed.py), lowered by the time gap between the
  article and the story beyond a short grace period, and raised when two of the article's event day, town and
  people (read from the lead of its annotations, link/slots.py) match the story's (same day and town, same town
  and victim: the same event);
  an article joins the best story above a threshold, or starts a new one. A copied/duplicated article joins its
  source's story (a copy from the same site must share more: shared boilerplate is no evidence).
* after each assignment the grown story is compared to its neighbours; two stories whose centroids are close
  enough merge (the older story id survives) and the merge is reported in LinkResult.merged.
"""

from __future__ import annotations

import hashlib
import math
import re
import pickle
import zlib
from array import array
from dataclasses import dataclass, field
from operator import mul

from triangulate.annotate.geo.distance import km
from triangulate.link.copies import NEAR_DUP_SHARE, CopyIndex, shingles, wire_links
from triangulate.link.features import dot, host_of, l2, parse_day, prior_idf, segments, term_counts, tokens, top
from triangulate.link.slots import SLOT_KEYS, event_slots
from triangulate.model import Annotations, Article, CopyLink

STATE_VERSION = 1


@dataclass
class LinkResult:
    story_id: str
    duplicate_of: str | None = None
    copies: list[CopyLink] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)  # old story id -> story id it was merged into


def story_id_for(article_id: str) -> str:
    return "s-" + hashlib.sha1(article_id.encode()).hexdigest()[:10]


@dataclass
class LinkConfig:
    """One configuration for every dataset (chosen on dev subsets, see benchmarks/stories.py)."""

    doc_terms: int = 120  # terms kept per article vector
    story_terms: int = 300  # terms kept per story centroid
    query_terms: int = 12  # article terms used to retrieve candidate stories
    max_posting: int = 500  # skip posting lists longer than this (very common terms)
    window_days: int = 120  # candidate stories must have been active within this window
    threshold: float = 0.21  # join a story when the score reaches this
    merge_threshold: float = 0.5  # merge two stories when their centroids' cosine reaches this
    gap_scale: float = 0.012  # score penalty per day outside the story's date range ...
    gap_cap: float = 0.12  # ... up to this much
    prior_weight: float = 300.0  # running IDF takes over from the prior after ~this many articles
    copy_story_share: float = 0.3  # a copy sharing this much of its text joins its source's story
    same_site_share: float = 0.6  # ... this much when both are from one site (shared boilerplate is no evidence)
    member_weight: float = 0.0  # score = (1-w) * centroid cosine + w * mean of the top-k member cosines
    member_k: int = 1  # how many best-matching members are averaged
    member_cap: int = 40  # members kept per story for member scoring (the most recent ones)
    grace_days: int = 3  # no time penalty for gaps up to this many days
    boiler_min: int = 1  # a segment seen in this many earlier articles of the same site is boilerplate (0: off)
    name_weight: float = 2.0  # weight of a capitalised word inside a sentence (a proper-noun cue) vs 1 for others
    min_number: int = 2  # numbers need this many digits to be terms (2: ages, counts, days of the month)
    boiler_cap: int = 20000  # segment counts kept per site
    site_power: float = 4.0  # a term in share f of its site's earlier articles weighs (1 - f) ** this (0: off): an
    # outlet's house vocabulary (its city, hospitals, police districts) is no evidence that two of its reports agree
    site_min: int = 10  # ... once the site has published this many articles
    embed_weight: float = 0.0  # > 0: score = (1-w) * TF-IDF score + w * lead-embedding cosine (needs an embedder)
    embed_threshold: float = 0.0  # ... and then an article joins when that blended score reaches this
    embed_merge: float = 0.0  # ... and two stories merge when their blended centroid cosine reaches this
    far_days: int = 730  # > window_days: a story inactive for longer than window_days but not far_days stays a
    far_threshold: float = 0.5  # candidate, joined (or merged) only when the plain centroid cosine reaches this
    far_hits: int = 2  # ... and when it holds this many of the article's query terms (keeps the cost flat)
    slot_bonus: float = 0.1  # score bonus when two of the article's event day, town, person (link/slots.py) match
    day_tolerance: int = 2  # ... event days this many days apart match (reports count days differently)
    town_km: float = 40.0  # ... event towns this close match
    slot_cap: int = 20  # event days, towns and people kept per story
    person_share: float = 0.05  # a surname in a dated lead is a slot while in at most this share of the earlier
    # articles' leads (a name in every report, a president's, tells no event from another)


ABSOLUTE_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def not_before_day(ann: Annotations | None) -> int | None:
    """For an undated article: the latest absolute date its text names (a report is not older than what it
    tells of), as a day number; None when the text names none."""
    best = None
    for t in (ann.times if ann else None) or []:
        m = ABSOLUTE_DATE.match(t.value or "") if t.type == "DATE" else None
        if not m:
            continue
        day = parse_day(f"{m.group(1)}-{m.group(2) or '01'}-{m.group(3) or '01'}")
        if day is not None and (best is None or day > best):
            best = day
    return best


def _count_capped(counts: dict[int, int], keys, cap: int) -> None:
    """Count each key once; past `cap` entries keep the cap/2 most frequent (ties by key, so deterministic)."""
    for h in keys:
        counts[h] = counts.get(h, 0) + 1
    if len(counts) > cap:
        kept = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: cap // 2]
        counts.clear()
        counts.update(kept)


def _vsum(a: array | None, b) -> array:
    """The element-wise sum of two embedding sums (a copy of `b` when `a` is empty)."""
    return array("f", map(float.__add__, a, b)) if a else array("f", b)


def _unit(vec) -> array:
    v = array("f", vec)
    n = math.sqrt(sum(map(mul, v, v))) or 1.0
    return array("f", (x / n for x in v))


class Linker:
    def __init__(self, config: LinkConfig | None = None, embedder=None) -> None:
        self.cfg = config or LinkConfig()
        self.embedder = embedder  # callable(article) -> vector, used when cfg.embed_weight > 0 (not persisted)
        self.n_docs = 0
        self.df: dict[int, int] = {}
        self.prior: dict[int, float] = {}  # term -> prior idf (kept for hashed terms)
        self.stories: dict[str, dict] = {}  # id -> {S, norm, n, first, last, seq}
        self.article_story: dict[str, str] = {}
        self.alias: dict[str, str] = {}  # merged story -> surviving story
        self.postings: dict[int, list[str]] = {}  # term -> story ids (may hold merged/stale ids)
        self.far_postings: dict[int, list[str]] = {}  # the same for stories past the time window (`_candidates`)
        self.by_hash: dict[str, str] = {}
        self.copy_index = CopyIndex()
        self.clock: int | None = None  # latest publication day seen
        self.seq = 0
        self.lens: dict[str, int] = {}  # text length of articles in the copy index
        self.site_segments: dict[str, dict[int, int]] = {}  # site -> segment hash -> articles containing it
        self.sites: dict[str, str] = {}  # site of articles in the copy index

    # ------------------------------------------------------------------ persistence
    @classmethod
    def load(cls, data: bytes | None, embedder=None) -> Linker:
        if not data:
            return cls(embedder=embedder)
        obj = pickle.loads(zlib.decompress(data)) if data[:1] == b"x" else pickle.loads(data)
        if isinstance(obj, Linker):
            obj.__dict__.setdefault("far_postings", {})  # a state pickled before the far index
            return obj
        linker = cls(embedder=embedder)
        linker.__dict__.update(obj["state"])
        linker.cfg = LinkConfig(**obj["cfg"])
        return linker

    def dumps(self) -> bytes:
        state = dict(self.__dict__)
        state.pop("embedder", None)
        cfg = state.pop("cfg")
        return zlib.compress(pickle.dumps({"version": STATE_VERSION, "cfg": cfg.__dict__, "state": state},
                                          protocol=pickle.HIGHEST_PROTOCOL), 3)

    # ------------------------------------------------------------------ helpers
    def resolve(self, sid: str) -> str:
        while sid in self.alias:
            sid = self.alias[sid]
        return sid

    def story_of(self, article_id: str) -> str | None:
        sid = self.article_story.get(article_id)
        return self.resolve(sid) if sid else None

    def _content(self, article: Article) -> str:
        """The article's text without its site's boilerplate (segments repeated across that site's articles:
        subscription prompts, author widgets, related-story blurbs); counts this article's segments."""
        text = article.text or ""
        host = host_of(article.url, article.outlet) if self.cfg.boiler_min > 0 else None
        if not host:
            return text
        counts = self.__dict__.setdefault("site_segments", {}).setdefault(host, {})
        segs = segments(text)
        for h, seg in segs:
            if counts.get(h, 0) >= self.cfg.boiler_min:
                text = text.replace(seg, " ")
        _count_capped(counts, {h for h, _ in segs}, self.cfg.boiler_cap)
        return text

    def _vector(self, article: Article) -> dict[int, float]:
        # no entity keys from the annotations: a resolved city or a canonical actor ("police") is shared by every
        # report of that city's or that actor's events, so as high-IDF terms they merged look-alike events (with
        # the pipeline's annotations, GVA dev F1 .900 -> .857, ECB+ .939 -> .926)
        counts, words = term_counts(self._content(article), article.title, self.cfg.name_weight,
                                    getattr(self.cfg, "min_number", 3))
        self.n_docs += 1
        for h in counts:
            self.df[h] = self.df.get(h, 0) + 1
        site = self._site_share(article, counts)
        n = self.n_docs
        alpha = n / (n + self.cfg.prior_weight)
        vec = {}
        for h, c in counts.items():
            w = words[h]
            p = prior_idf(w) if ":" not in w else 8.0
            run = math.log((n + 1) / (self.df[h] + 1)) + 1.0
            vec[h] = (1.0 + math.log(c)) * ((1 - alpha) * p + alpha * run) * site.get(h, 1.0)
        vec = top(vec, self.cfg.doc_terms)
        norm = l2(vec)
        return {h: v / norm for h, v in vec.items()}

    def _site_share(self, article: Article, counts: dict[int, float]) -> dict[int, float]:
        """Term -> weight factor (1 - f) ** site_power, f the share of the site's earlier articles that contain the
        term (once the site has published site_min articles); counts this article's terms for its site."""
        host = host_of(article.url, article.outlet) if self.cfg.site_power > 0 else None
        if not host:
            return {}
        n = self.__dict__.setdefault("site_n", {}).get(host, 0)
        df = self.__dict__.setdefault("site_df", {}).setdefault(host, {})
        out = {}
        if n >= self.cfg.site_min:
            for h in counts:
                if h in df:
                    out[h] = (1.0 - df[h] / n) ** self.cfg.site_power
        self.site_n[host] = n + 1
        _count_capped(df, counts, self.cfg.boiler_cap)
        return out

    def _candidates(self, vec: dict[int, float], day: int | None) -> tuple[list[str], set[str]]:
        """Candidate story ids, and those of them only `far` in time: inactive beyond window_days, within far_days.
        A story leaving the window moves to a smaller index over its top query_terms terms (`far_postings`); a far
        story is a candidate when it holds at least far_hits of the article's query terms."""
        q = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[: self.cfg.query_terms]
        far_days = self.cfg.far_days
        far_post = self.far_postings
        seen: dict[str, None] = {}
        for h, _ in q:
            lst = self.postings.get(h)
            if not lst or len(lst) > self.cfg.max_posting:
                continue
            fresh = []
            for sid in lst:
                sid = self.resolve(sid)
                st = self.stories[sid]
                if day is not None and st["last"] is not None and day - st["last"] > self.cfg.window_days:
                    if far_days > self.cfg.window_days and not st.get("far"):  # stale: into the far index
                        st["far"] = True
                        for t, _ in sorted(st["S"].items(), key=lambda kv: (-kv[1], kv[0]))[: self.cfg.query_terms]:
                            far_post.setdefault(t, []).append(sid)
                    continue  # articles arrive in date order, so it will not come back into the window
                fresh.append(sid)
                seen[sid] = None
            if len(fresh) != len(lst):
                self.postings[h] = list(dict.fromkeys(fresh))
        hits: dict[str, int] = {}
        for h, _ in q if day is not None else ():
            lst = far_post.get(h)
            if not lst:
                continue
            fresh = []
            for sid in lst:
                sid = self.resolve(sid)
                age = day - self.stories[sid]["last"]
                if age > far_days:
                    continue
                fresh.append(sid)
                if age > self.cfg.window_days and sid not in seen:
                    hits[sid] = hits.get(sid, 0) + 1
            if len(fresh) != len(lst):
                far_post[h] = list(dict.fromkeys(fresh))
        far = {sid for sid, n in hits.items() if n >= self.cfg.far_hits}
        return list(seen) + sorted(far), far

    def _gap(self, st: dict, day: int | None) -> int:
        if day is None or st["first"] is None:
            return 0
        if day < st["first"]:
            return st["first"] - day
        if day > st["last"]:
            return day - st["last"]
        return 0

    @property
    def embedding_on(self) -> bool:
        return self.cfg.embed_weight > 0 and getattr(self, "embedder", None) is not None

    def _blend(self, cos: float, emb, E) -> float:
        """TF-IDF cosine blended with the embedding cosine (`emb` a unit vector, `E` a sum of unit vectors); the
        TF-IDF cosine alone when either side has no embedding."""
        if emb is None or not E:
            return cos
        w = self.cfg.embed_weight
        norm = math.sqrt(sum(map(mul, E, E))) or 1.0
        return (1 - w) * cos + w * sum(map(mul, emb, E)) / norm

    def _agreeing_slots(self, slots: dict[str, list], st: dict) -> int:
        """How many of the article's slots agree with the story's: an event day within day_tolerance of one of the
        story's, an event town within town_km of one of its towns, a distinctive person named by both."""
        tol, near = self.cfg.day_tolerance, self.cfg.town_km
        days, towns = slots.get("D") or (), slots.get("T") or ()
        people = self._distinctive(slots.get("P"))
        return (any(abs(a - b) <= tol for a in days for b in st.get("D") or ())
                + any(km(a, b) <= near for a in towns for b in st.get("T") or ())
                + (not people.isdisjoint(self._distinctive(st.get("P")))))

    def _slot_score(self, slots: dict[str, list], st: dict) -> float:
        """slot_bonus when two slots agree (same day and town, same town and victim, same day and victim: the same
        event). A mismatch is no evidence against it (a follow-up tells a later day: an arrest, a funeral; a
        report names a nearby town), and penalising one cost GVA dev recall more than it gained precision."""
        return self.cfg.slot_bonus if self._agreeing_slots(slots, st) >= 2 else 0.0

    def _distinctive(self, people: list[str] | None) -> set[str]:
        """The names among `people` found in at most person_share of the earlier articles' leads."""
        df, most = self.__dict__.get("people_df", {}), self.cfg.person_share * self.n_docs
        return {p for p in people or () if df.get(p, 0) <= most}

    def _score(self, vec: dict[int, float], st: dict, day: int | None, not_before: int | None = None,
               emb=None, slots: dict[str, list] | None = None) -> float:
        cos = dot(vec, st["S"]) / st["norm"] + self._slot_score(slots or {}, st)
        cos = self._blend(cos, emb, st.get("E"))
        w = self.cfg.member_weight
        members = st.get("M")
        if w > 0 and members:
            sims = sorted((dot(vec, m) for m in members), reverse=True)[: self.cfg.member_k]
            cos = (1 - w) * cos + w * (sum(sims) / len(sims))
        gap = self._gap(st, day)
        if day is None and not_before is not None and st["last"] is not None and st["last"] < not_before:
            gap = not_before - st["last"]  # an undated text that names a later date cannot be from this story's time
        pen = min(self.cfg.gap_cap, self.cfg.gap_scale * max(0, gap - self.cfg.grace_days))
        return cos - pen

    def _add_slots(self, st: dict, slots: dict[str, list]) -> None:
        """Keep the story's event days ("D"), towns ("T") and people ("P"), each once, the first slot_cap."""
        for key in SLOT_KEYS:
            vals = slots.get(key)
            if vals:
                kept = st.setdefault(key, [])
                kept.extend(v for v in vals if v not in kept)
                del kept[self.cfg.slot_cap:]

    def _add_to_story(self, sid: str, vec: dict[int, float], day: int | None, emb=None,
                      slots: dict[str, list] | None = None) -> None:
        st = self.stories[sid]
        st.pop("far", None)  # active again: re-indexed as far when it next leaves the window
        self._add_slots(st, slots or {})
        if emb is not None:
            st["E"] = _vsum(st.get("E"), emb)
        S = dict(st["S"])
        for h, v in vec.items():
            S[h] = S.get(h, 0.0) + v
        S = top(S, self.cfg.story_terms)
        st["S"], st["norm"], st["n"] = S, l2(S), st["n"] + 1
        if self.cfg.member_weight > 0:
            st.setdefault("M", []).append(vec)
            del st["M"][: -self.cfg.member_cap]
        if day is not None:
            st["first"] = day if st["first"] is None else min(st["first"], day)
            st["last"] = day if st["last"] is None else max(st["last"], day)
        self._post(sid, S)

    def _post(self, sid: str, S: dict[int, float]) -> None:
        for h, _ in sorted(S.items(), key=lambda kv: (-kv[1], kv[0]))[: self.cfg.query_terms * 4]:
            lst = self.postings.setdefault(h, [])
            if not lst or lst[-1] != sid:
                if sid not in lst[-50:]:
                    lst.append(sid)

    def _merge(self, keep: str, gone: str) -> None:
        a, b = self.stories[keep], self.stories.pop(gone)
        S = dict(a["S"])
        for h, v in b["S"].items():
            S[h] = S.get(h, 0.0) + v
        S = top(S, self.cfg.story_terms)
        a["S"], a["norm"], a["n"] = S, l2(S), a["n"] + b["n"]
        if b.get("E"):
            a["E"] = _vsum(a.get("E"), b["E"])
        if a.get("M") or b.get("M"):
            a["M"] = (a.get("M", []) + b.get("M", []))[-self.cfg.member_cap:]
        self._add_slots(a, b)
        for k, f in (("first", min), ("last", max)):
            vals = [x for x in (a[k], b[k]) if x is not None]
            a[k] = f(vals) if vals else None
        self.alias[gone] = keep
        self._post(keep, S)

    # ------------------------------------------------------------------ the one entry point
    def add(self, article: Article, annotations: Annotations | None = None, embedding=None) -> LinkResult:
        """Assign one article (in publication order). `embedding`: its lead embedding if already computed,
        else the linker's embedder computes it when embeddings are on."""
        cfg = self.cfg
        day = parse_day(article.published)
        # an undated article carries no time evidence: no time-gap penalty, no window pruning (it is not "now")
        if day is not None and (self.clock is None or day > self.clock):
            self.clock = day
        text = article.text or ""

        # duplicates and copies
        duplicate_of = self.by_hash.get(article.content_hash) if article.content_hash else None
        if duplicate_of == article.id:
            duplicate_of = None
        sh = shingles(tokens(text))
        copies = self.copy_index.align(article.id, len(text), sh)
        for c in copies:
            if c.source_id == duplicate_of:
                c.kind = "duplicate"
            elif c.share >= NEAR_DUP_SHARE:
                src_len = self.copy_index_len(c.source_id)
                if src_len and c.shared_chars / src_len >= NEAR_DUP_SHARE:
                    c.kind = "near-duplicate"
                    duplicate_of = duplicate_of or c.source_id
        if duplicate_of and not any(c.source_id == duplicate_of for c in copies):
            copies.insert(0, CopyLink(article.id, duplicate_of, len(text), 1.0, [(0, len(text), 0, len(text))],
                                      "duplicate"))
        copies.extend(wire_links(article))

        # story assignment
        vec = self._vector(article)
        slots = event_slots(annotations, day)
        _count_capped(self.__dict__.setdefault("people_df", {}), slots["P"], self.cfg.boiler_cap)
        merged: dict[str, str] = {}
        cands, far = self._candidates(vec, day)
        not_before = not_before_day(annotations) if day is None else None
        emb = None
        if self.embedding_on:
            emb = _unit(embedding if embedding is not None else self.embedder(article))
        scored = []
        for s in cands:
            st = self.stories[s]
            if s in far:  # long inactive: only a close match counts, at the full time penalty
                cos = dot(vec, st["S"]) / st["norm"]
                if cos >= cfg.far_threshold:
                    scored.append((cos - cfg.gap_cap, s))
            else:
                scored.append((self._score(vec, st, day, not_before, emb, slots), s))
        scored.sort(key=lambda x: (-x[0], x[1]))
        threshold = cfg.embed_threshold if emb is not None else cfg.threshold
        merge_threshold = cfg.embed_merge if emb is not None else cfg.merge_threshold
        sid = None
        forced = None
        if duplicate_of:
            forced = self.story_of(duplicate_of)
        else:
            site = host_of(article.url, article.outlet)
            sites = self.__dict__.setdefault("sites", {})
            for c in copies:
                need = cfg.same_site_share if site and sites.get(c.source_id) == site else cfg.copy_story_share
                if c.kind != "credited-wire" and c.share >= need and self.story_of(c.source_id):
                    forced = self.story_of(c.source_id)
                    break
        if forced:
            sid = forced
        elif scored and scored[0][0] >= threshold:
            sid = scored[0][1]
        if sid is None:
            sid = story_id_for(article.id)
            self.seq += 1
            self.stories[sid] = {"S": {}, "norm": 1.0, "n": 0, "first": None, "last": None, "seq": self.seq}
        self._add_to_story(sid, vec, day, emb, slots)
        self.article_story[article.id] = sid

        # merges: the grown story against its other close candidates
        st = self.stories[sid]
        for score, other in scored[:8]:
            other = self.resolve(other)
            if other == sid or other not in self.stories:
                continue
            o = self.stories[other]
            cos = dot(st["S"], o["S"]) / (st["norm"] * o["norm"])
            if emb is not None and st.get("E") and o.get("E"):
                cos = self._blend(cos, _unit(st["E"]), o["E"])
            cos += self._slot_score(st, o)
            gap = self._gap(o, st["last"])
            if cos >= merge_threshold and gap <= cfg.window_days or gap <= cfg.far_days and cos >= cfg.far_threshold:
                keep, gone = (sid, other) if st["seq"] < o["seq"] else (other, sid)
                self._merge(keep, gone)
                merged[gone] = keep
                for k, v in list(merged.items()):
                    if v == gone:
                        merged[k] = keep
                sid, st = keep, self.stories[keep]

        self.by_hash.setdefault(article.content_hash, article.id) if article.content_hash else None
        self.copy_index.add(article.id, day, len(text), sh)
        self.lens[article.id] = len(text)
        site = host_of(article.url, article.outlet)
        if site:
            self.__dict__.setdefault("sites", {})[article.id] = site
        self._trim_lens()
        return LinkResult(sid, duplicate_of, copies, merged)

    def copy_index_len(self, article_id: str) -> int | None:
        return self.lens.get(article_id)

    def _trim_lens(self) -> None:
        if len(self.lens) > 2 * self.copy_index.max_docs:
            live = {x["id"] for x in self.copy_index.docs.values()}
            self.lens = {k: v for k, v in self.lens.items() if k in live}
            self.sites = {k: v for k, v in self.__dict__.get("sites", {}).items() if k in live}


def independent_groups(article_ids: list[str], copies: list[CopyLink], min_share: float = 0.1) -> list[list[str]]:
    """Partition `article_ids` into groups of articles that are NOT independent of each other: linked by a
    duplicate/near-duplicate/passage copy (sharing at least `min_share` of the copier's text), or both crediting
    the same wire as their origin (whole-text credit). Every article appears in exactly one group (singletons are
    independent sources). Groups keep the input order; the result is deterministic."""
    ids = list(dict.fromkeys(article_ids))
    parent = {a: a for a in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            if ids.index(ra) < ids.index(rb):
                parent[rb] = ra
            else:
                parent[ra] = rb

    wire_first: dict[str, str] = {}
    for c in copies:
        if c.article_id not in parent:
            continue
        if c.kind == "credited-wire":
            if c.share >= 0.999:
                if c.source_id in wire_first:
                    union(wire_first[c.source_id], c.article_id)
                else:
                    wire_first[c.source_id] = c.article_id
            continue
        if c.source_id in parent and (c.share >= min_share or c.kind in ("duplicate", "near-duplicate")):
            union(c.article_id, c.source_id)
    groups: dict[str, list[str]] = {}
    for a in ids:
        groups.setdefault(find(a), []).append(a)
    return list(groups.values())


def orient_copies(copies: list[CopyLink], order: dict[str, tuple], lengths: dict[str, int]) -> list[CopyLink]:
    """Point every passage link from the later article to the earlier one.

    The linker sees articles in the order they are analysed; an article dated only later (from its story) may have
    been taken as the copier of an article published after it. `order` gives each article's sort key
    (publication date, then arrival), `lengths` its text length. Credited-wire links and links to articles outside
    `order` are kept as they are.
    """
    out: dict[tuple[str, str], CopyLink] = {}
    for c in copies:
        if c.kind == "credited-wire" or c.source_id not in order or c.article_id not in order:
            out[(c.article_id, c.source_id)] = c
            continue
        if order[c.source_id] > order[c.article_id]:
            length = lengths.get(c.source_id) or 1
            c = CopyLink(c.source_id, c.article_id, c.shared_chars, round(min(1.0, c.shared_chars / length), 4),
                         [(ss, se, s, e) for s, e, ss, se in c.passages], c.kind)
        key = (c.article_id, c.source_id)
        if key not in out or out[key].shared_chars < c.shared_chars:
            out[key] = c
    return list(out.values())
