"""Claims and their attribution. (Baseline stub.)"""

from __future__ import annotations

from spacy.tokens import Doc

from triangulate.model import Annotations, Claim


def find_claims(doc: Doc, text: str, annotations: Annotations, article_id: str) -> list[Claim]:
    return []
