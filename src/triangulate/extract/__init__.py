"""Extract events, figures and claims from one annotated article.

`extract(article, annotations, doc) -> Extraction` is the stage's public API. Modules:
- `claims.find_claims(doc, text, annotations, article_id) -> list[Claim]`
- `figures.find_figures(doc, text, annotations, claims, article_id, published) -> list[Figure]`
- `events.find_events(doc, text, annotations, figures, claims, article_id, published) -> list[Event]`
- `figures.headline_figures(title, text, article_id, published)`: the headline's counts when the text does not
  repeat it; `events.headline_counts` gives them to the article's main incident
"""

from __future__ import annotations

from spacy.tokens import Doc

from triangulate.extract.claims import find_claims
from triangulate.extract.events import find_events, headline_counts
from triangulate.extract.figures import find_figures, headline_figures
from triangulate.model import Annotations, Article, Extraction


def extract(article: Article, annotations: Annotations, doc: Doc) -> Extraction:
    text = article.text
    claims = find_claims(doc, text, annotations, article.id)
    figures = find_figures(doc, text, annotations, claims, article.id, article.published)
    events = find_events(doc, text, annotations, figures, claims, article.id, article.published, article.title)
    head = headline_figures(article.title, text, article.id, article.published, article.language or "en")
    headline_counts(events, head, article.title or "")
    return Extraction(article.id, annotations, events=events, figures=figures + head, claims=claims)
