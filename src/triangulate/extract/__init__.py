"""Extract events, figures and claims from one annotated article.

`extract(article, annotations, doc) -> Extraction` is the stage's public API. Modules:
- `claims.find_claims(doc, text, annotations, article_id) -> list[Claim]`
- `figures.find_figures(doc, text, annotations, claims, article_id, published) -> list[Figure]`
- `figures.find_title_figures(title, article_id, published) -> list[Figure]` (headline counts, `in_title`)
- `events.find_events(doc, text, annotations, figures, claims, article_id, published) -> list[Event]`
"""

from __future__ import annotations

from spacy.tokens import Doc

from triangulate.extract.claims import find_claims
from triangulate.extract.events import find_events
from triangulate.extract.figures import find_figures, find_title_figures
from triangulate.model import Annotations, Article, Extraction


def extract(article: Article, annotations: Annotations, doc: Doc) -> Extraction:
    text = article.text
    claims = find_claims(doc, text, annotations, article.id)
    figures = find_figures(doc, text, annotations, claims, article.id, article.published)
    events = find_events(doc, text, annotations, figures, claims, article.id, article.published, article.title)
    figures += find_title_figures(article.title, article.id, article.published)
    return Extraction(article.id, annotations, events=events, figures=figures, claims=claims)
