"""Figures: counts of people and things. (Baseline stub.)"""

from __future__ import annotations

from spacy.tokens import Doc

from triangulate.model import Annotations, Claim, Figure


def find_figures(doc: Doc, text: str, annotations: Annotations, claims: list[Claim], article_id: str,
                 published: str | None) -> list[Figure]:
    return []
