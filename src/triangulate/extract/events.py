"""ACLED-style events. (Baseline stub.)"""

from __future__ import annotations

from spacy.tokens import Doc

from triangulate.model import Annotations, Claim, Event, Figure


def find_events(doc: Doc, text: str, annotations: Annotations, figures: list[Figure], claims: list[Claim],
                article_id: str, published: str | None) -> list[Event]:
    return []
