"""Reconcile a story: merge reports of the same event, figure timelines, disagreements, corroboration,
title and summary.

Public API: `reconcile(story_id, articles, extractions, copies) -> Story`, plain records in and out.

Modules:
- `common`: independent groups of articles (copies, credited wires) and `Provenance` (which independent source a
  record counts as: its named source, else its article's group, following copied passages back);
- `events.merge_events`: reports of one real-world event merged into one StoryEvent (ACLED-conservative fatalities);
- `figures.build_series`: figure timelines (FigureSeries), corroboration counts, count/casualty disagreements;
- `disagree`: outcome and perpetrator disagreements between independent sources;
- `summary`: extractive 3-4 sentence summary and the story title.
"""

from __future__ import annotations

from triangulate.model import Article, CopyLink, Extraction, Story
from triangulate.reconcile.common import Provenance, independent_groups, parse_day
from triangulate.reconcile.disagree import attach_claims, event_disagreements
from triangulate.reconcile.events import merge_events
from triangulate.reconcile.figures import build_series
from triangulate.reconcile.summary import choose_title, summarise

__all__ = ["reconcile"]


def reconcile(story_id: str, articles: list[Article], extractions: list[Extraction],
              copies: list[CopyLink]) -> Story:
    article_ids = [a.id for a in articles]
    known = set(article_ids)
    copies = [c for c in copies if c.article_id in known]
    extractions = [ex for ex in extractions if ex.article_id in known]
    by_article = {ex.article_id: ex for ex in extractions}

    groups = independent_groups(article_ids, copies)
    prov = Provenance(articles, copies, groups)

    events = [e for ex in extractions for e in ex.events]
    figures = [f for ex in extractions for f in ex.figures if not f.in_title]
    title_figures = [f for ex in extractions for f in ex.figures if f.in_title]
    claims = [c for ex in extractions for c in ex.claims]
    reports = {e.id: e for e in events}
    claim_by_id = {c.id: c for c in claims}

    story_events, _report_map = merge_events(events, articles, prov, story_id, {f.id: f for f in figures},
                                              title_figures)
    attach_claims(story_events, reports, claims)
    figure_event: dict[str, str] = {}
    for se in story_events:
        for fid in se.figure_ids:
            figure_event.setdefault(fid, se.id)
    # figures the event extractor did not link: to the event of the claim they were read in
    claim_event = {cid: se.id for se in story_events for cid in se.claim_ids}
    for f in figures:
        if f.id not in figure_event and f.claim_id in claim_event:
            figure_event[f.id] = claim_event[f.claim_id]

    # the province of each event placed precisely enough (city or district), for one series per area
    event_area = {se.id: se.place.admin1 for se in story_events
                  if se.place is not None and se.place.admin1 and (se.place.precision or 1) <= 2}
    series, figure_disagreements = build_series(figures, articles, prov, story_id, figure_event, event_area)
    disagreements = event_disagreements(story_events, reports, claim_by_id, prov) + figure_disagreements

    group_of = {a: i for i, g in enumerate(groups) for a in g}
    summary_sents, vec, centroid = summarise(articles, by_article, group_of)
    title = choose_title(articles, vec, centroid, story_events, summary_sents)

    dated = sorted((a.published, i) for i, a in enumerate(articles) if a.published and parse_day(a.published))
    first = articles[dated[0][1]] if dated else (articles[0] if articles else None)
    return Story(
        id=story_id, article_ids=article_ids, title=title,
        summary=" ".join(s["text"] for s in summary_sents) or None,
        summary_sentences=summary_sents,
        first_published=dated[0][0] if dated else None,
        last_published=dated[-1][0] if dated else None,
        events=story_events, series=series, disagreements=disagreements,
        independent_groups=groups,
        first_reporter=(first.outlet or first.id) if first is not None else None,
    )
