"""Reconcile a story: merge reports of the same event, figure timelines, disagreements, corroboration.

Public API: `reconcile(story_id, articles, extractions, copies) -> Story`, plain records in and out.
(Baseline stub: one StoryEvent per reported event, the first title as the story title.)
"""

from __future__ import annotations

from triangulate.model import Article, CopyLink, Extraction, Story, StoryEvent


def reconcile(story_id: str, articles: list[Article], extractions: list[Extraction],
              copies: list[CopyLink]) -> Story:
    dates = sorted(a.published for a in articles if a.published)
    events = []
    for ex in extractions:
        for e in ex.events:
            events.append(StoryEvent(
                id="e-" + e.id, event_type=e.event_type, sub_event_type=e.sub_event_type, date=e.date,
                date_precision=e.date_precision, actor1=e.actor1, actor2=e.actor2, place=e.place,
                fatalities=e.fatalities, article_ids=[e.article_id], figure_ids=list(e.figure_ids),
                claim_ids=list(e.claim_ids), report_ids=[e.id], inter1=e.inter1, inter2=e.inter2,
                background=e.background))
    title = next((a.title for a in articles if a.title), None) or (articles[0].text[:80] if articles else None)
    return Story(id=story_id, article_ids=[a.id for a in articles], title=title,
                 summary=None, first_published=dates[0] if dates else None,
                 last_published=dates[-1] if dates else None, events=events)
