"""Toponym recognition and resolution. (Baseline stub: spaCy GPE/LOC entities, unresolved.)"""

from __future__ import annotations

from spacy.tokens import Doc

from triangulate.model import PlaceMention


def find_places(doc: Doc, text: str, context: dict | None = None) -> list[PlaceMention]:
    return [PlaceMention(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")]
