"""Extract events, figures and claims from one annotated article.

`extract(article, annotations, doc, published=None) -> Extraction` is the stage's public API. Modules:
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


def extract(article: Article, annotations: Annotations, doc: Doc, published: str | None = None) -> Extraction:
    """`published`: the day relative dates resolve against (default: the article's publication date)."""
    text = article.text
    published = published or article.published
    claims = find_claims(doc, text, annotations, article.id)
    figures = find_figures(doc, text, annotations, claims, article.id, published)
    events = find_events(doc, text, annotations, figures, claims, article.id, published, article.title)
    figures += find_title_figures(article.title, article.id, published)
    return Extraction(article.id, annotations, events=events, figures=figures, claims=claims)
