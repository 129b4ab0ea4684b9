"""The stages in order: ingest -> annotate -> link -> extract -> reconcile -> store.

`ingest()` reads inputs into the store (fast, idempotent: known ids add nothing). `analyze()` takes every article not
yet analysed, in publication order, and commits in batches: each batch's extractions, story assignments, copy links
and the linker's state go in one transaction, so an interrupted run resumes at the first uncommitted batch with no
loss and no duplicates. Stories touched by a batch are marked dirty in the same transaction and reconciled at the end.
Each article's places are resolved with its outlet's context (`OutletPrior`), learnt from the outlet's earlier
articles and stored with the linker's state.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TextIO

from triangulate.annotate import annotate
from triangulate.annotate.geo.outlets import OutletPrior, partition_by_outlet
from triangulate.annotate.nlp import get_nlp
from triangulate.extract import extract
from triangulate.ingest import read_inputs
from triangulate.ingest.dates import written_on
from triangulate.ingest.outlets import url_domain
from triangulate.link import Linker, orient_copies
from triangulate.model import Annotations, Article, CopyLink, Extraction, Rejected
from triangulate.reconcile import reconcile
from triangulate.store import Store

Progress = Callable[[str, int, int | None], None]  # (stage, done, total)

LINKER_STATE = "linker"
OUTLET_STATE = "outlet_places"
DIRTY_STATE = "dirty_stories"


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    already_present: int = 0
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)


@dataclass
class AnalyzeSummary:
    analyzed: int = 0
    duplicates: int = 0
    stories: int = 0  # stories reconciled in this run
    redated: int = 0  # articles whose publication date was completed from their story
    failed: int = 0


def ingest(store: Store, inputs: list[str], stdin: TextIO | None = None,
           progress: Progress | None = None) -> IngestSummary:
    summary = IngestSummary()
    for item in read_inputs(inputs, stdin=stdin):
        if isinstance(item, Rejected):
            summary.rejected += 1
            summary.reasons[item.reason] = summary.reasons.get(item.reason, 0) + 1
            store.add_reject(item)
        else:
            summary.read += 1
            if store.add_article(item):
                summary.new += 1
            else:
                summary.already_present += 1
        if progress:
            progress("ingest", summary.read + summary.rejected, None)
    return summary


def _publication_order(articles: Iterable[Article]) -> list[Article]:
    """Publication order; an undated article takes the date of its nearest dated predecessor in arrival order
    (else of its nearest dated successor): a stream arrives roughly in publication order, and an undated report
    placed at the very end would be compared with the wrong period's stories."""
    arrival = sorted(articles, key=lambda a: a.meta.get("seq", 0))
    keys: list[str | None] = [(a.published or None) and a.published[:10] for a in arrival]
    previous = None
    filled: list[str | None] = []
    for k in keys:
        previous = k or previous
        filled.append(previous)
    following = None
    for i in range(len(keys) - 1, -1, -1):
        following = keys[i] or following
        filled[i] = filled[i] or following
    order = sorted(range(len(arrival)), key=lambda i: (filled[i] or "9999", arrival[i].meta.get("seq", 0)))
    return [arrival[i] for i in order]


def analyze_article(article: Article, doc: object | None = None,
                    prior: OutletPrior | None = None) -> tuple[Extraction, object]:
    """Annotate and extract one article (no storage); `doc` is its spaCy parse when already made; `prior` gives
    its outlet's place context."""
    context = prior.context(article.outlet, url_domain(article.url)) if prior else None
    # relative dates ("early this morning") resolve against the day the text was written: its dated dateline
    # when that is before the page's publication date (an old report put up again), else the publication date
    reference = written_on(article.text, article.published) or article.published
    ann, doc = annotate(article.text, reference, article.language or "en", doc=doc, context=context)
    return extract(article, ann, doc, reference), doc


def _parses(articles: list[Article]) -> list[object | None]:
    """Parse a batch with spaCy's batched `pipe` (much faster than one call per text), per language."""
    docs: list[object | None] = [None] * len(articles)
    by_lang: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        by_lang.setdefault(a.language or "en", []).append(i)
    for lang, idx in by_lang.items():
        try:
            for i, doc in zip(idx, get_nlp(lang).pipe((articles[i].text for i in idx), batch_size=32)):
                docs[i] = doc
        except Exception:  # a text the batch cannot parse: fall back to one at a time
            pass
    return docs


def extract_batch(batch: list[Article], prior: OutletPrior | None = None) -> list[tuple[Extraction, str | None]]:
    """Annotate and extract a batch (parsed with spaCy's batched pipe); an article that fails gets an empty
    extraction and the error text, so one bad article never stops a run. `prior` (updated in place) learns each
    article's places for the outlet's next ones."""
    out: list[tuple[Extraction, str | None]] = []
    for article, doc in zip(batch, _parses(batch)):
        try:
            extraction, _ = analyze_article(article, doc, prior)
            if prior is not None:
                prior.add(article.outlet, extraction.annotations.places)
            out.append((extraction, None))
        except Exception as exc:
            out.append((Extraction(article.id, annotations=Annotations()), f"{article.id}: {exc!r}"))
    return out


class _Workers:
    """Annotation and extraction in worker processes (linking stays in order, in this process)."""

    def __init__(self, workers: int):
        import multiprocessing

        self.workers = workers
        self.pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 else None

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool:
            self.pool.terminate()
            self.pool.join()

    def run(self, batch: list[Article], prior: OutletPrior) -> list[tuple[Extraction, str | None]]:
        """Results in batch order. Each worker takes whole outlets and learns on its own copy of `prior` along them,
        so every article sees all its outlet's earlier articles whatever the number of workers; the caller then adds
        the batch to `prior`."""
        if not self.pool or len(batch) < 2 * self.workers:
            return extract_batch(batch, prior.copy())
        chunks = partition_by_outlet([a.outlet for a in batch], self.workers)
        parts = self.pool.starmap(extract_batch, [([batch[i] for i in idx], prior.subset({batch[i].outlet for i in idx}))
                                                  for idx in chunks])
        out: list = [None] * len(batch)
        for idx, part in zip(chunks, parts):
            for i, r in zip(idx, part):
                out[i] = r
        return out


def default_workers(pending: int) -> int:
    """Worker processes worth starting: each loads the models (a few seconds), so only for long runs."""
    if pending < 300:
        return 1
    return max(1, min(4, (os.cpu_count() or 1)))


def analyze(store: Store, batch_size: int = 100, progress: Progress | None = None,
            workers: int | None = None) -> AnalyzeSummary:
    summary = AnalyzeSummary()
    pending = _publication_order(store.articles(pending=True))
    linker = Linker.load(store.get_state(LINKER_STATE))
    prior = OutletPrior.loads(store.get_state(OUTLET_STATE))
    dirty: set[str] = set(json.loads(store.get_state(DIRTY_STATE) or b"[]"))
    total = len(pending)
    if workers is None:
        workers = default_workers(total)
    if workers > 1:
        get_nlp("en")  # load once before forking, so the workers share it
        batch_size = max(batch_size, 50 * workers)
    with _Workers(workers) as pool:
        for start in range(0, total, batch_size):
            batch = pending[start:start + batch_size]
            results = []
            for article, (extraction, error) in zip(batch, pool.run(batch, prior)):
                prior.add(article.outlet, extraction.annotations.places)
                if error:
                    store.add_reject(Rejected(article.source, "analysis failed", error))
                    summary.failed += 1
                link = linker.add(article, extraction.annotations)
                results.append((article, extraction, link))
                if progress:
                    progress("analyze", start + len(results), total)
            _commit_batch(store, results, linker, dirty, summary, prior)
    summary.redated = complete_dates(store, dirty, prior)
    for story_id in sorted(dirty):
        reconcile_story(store, story_id)
        summary.stories += 1
    store.put_state(DIRTY_STATE, b"[]")
    if summary.analyzed or summary.stories:
        from triangulate.store import queries

        queries.ensure_indexes(store.con)  # what the web pages filter on
        queries.build_search_index(store.con)  # word index for full-text search
    return summary


def _commit_batch(store: Store, results: list, linker: Linker, dirty: set[str], summary: AnalyzeSummary,
                  prior: OutletPrior | None = None) -> None:
    """One transaction per batch: extractions, copies, story assignments and merges, the linker's and the outlet
    prior's state."""
    with store.transaction():  # a batch is all or nothing: never half stored
        store.save_extractions([extraction for _, extraction, _ in results], fresh=True)
        for article, extraction, link in results:
            store.save_copies(article.id, link.copies)
            for old, new in link.merged.items():
                store.move_story(old, new)
                dirty.discard(old)
                store.delete_story(old)
            store.mark_analyzed(article.id, link.story_id, link.duplicate_of)
            dirty.add(link.story_id)
            summary.analyzed += 1
            summary.duplicates += link.duplicate_of is not None
        store.put_state(LINKER_STATE, linker.dumps())
        if prior is not None:
            store.put_state(OUTLET_STATE, prior.dumps())
        store.put_state(DIRTY_STATE, json.dumps(sorted(dirty)).encode())


def complete_dates(store: Store, story_ids: Iterable[str], prior: OutletPrior | None = None) -> int:
    """Date articles whose own text gave no confident date from the dated articles of their story, then
    re-extract them (relative time expressions resolve against the publication date)."""
    from triangulate.ingest.dates import MIN_CONFIDENCE, infer_from_story, infer_published

    changed = 0
    for story_id in story_ids:
        articles = store.articles(store.story_members(story_id))
        from_story = {a.id for a in articles if (a.published_method or "").startswith("story")}
        anchors = [a.published for a in articles if a.published and a.id not in from_story]
        for article in articles:
            if article.published and article.id not in from_story:
                continue
            own = infer_published(article.raw_text or article.text, article.title)
            guess = infer_from_story(article.raw_text or article.text, own, anchors)
            if not guess.value or (guess.confidence or 0) < MIN_CONFIDENCE or guess.value == article.published:
                continue
            with store.transaction():
                store.update_article_dates(article.id, guess.value, True, guess.confidence, guess.method)
                article.published = guess.value
                extraction, _ = analyze_article(article, prior=prior)
                store.save_extraction(extraction)
            changed += 1
    return changed


def orient_story_copies(store: Store, articles: list[Article]) -> list[CopyLink]:
    """Once a story's dates are known, make every copy link point from the later article to the earlier;
    returns the story's copy links as stored afterwards."""
    ids = [a.id for a in articles]
    order = {a.id: ((a.published or "9999")[:10], a.meta.get("seq", 0)) for a in articles}
    lengths = {a.id: len(a.text) for a in articles}
    before = store.copies(ids)
    after = orient_copies(before, order, lengths)
    if sorted(map(repr, before)) == sorted(map(repr, after)):
        return before
    by_article: dict[str, list] = {aid: [] for aid in ids}
    for c in after:
        by_article.setdefault(c.article_id, []).append(c)
    with store.transaction():
        for aid, links in by_article.items():
            store.save_copies(aid, links)
    return after


def reconcile_story(store: Store, story_id: str) -> None:
    """Orient the story's copy links, then reconcile it and store the result."""
    ids = store.story_members(story_id)
    if not ids:
        store.delete_story(story_id)
        return
    articles = _publication_order(store.articles(ids))
    id_set = set(ids)
    copies = [c for c in orient_story_copies(store, articles) if c.source_id in id_set or c.kind == "credited-wire"]
    extractions = store.extractions([a.id for a in articles])
    story = reconcile(story_id, articles, extractions, copies)
    outlets = {a.outlet for a in articles if a.outlet}
    with store.transaction():
        store.save_story(story, n_outlets=len(outlets))


def ingest_and_analyze(db_path: str, inputs: list[str], stdin: TextIO | None = None) -> tuple[IngestSummary,
                                                                                            AnalyzeSummary]:
    with Store(db_path) as store:
        ingested = ingest(store, inputs, stdin=stdin)
        analyzed = analyze(store)
    return ingested, analyzed
