"""Time expressions normalised against the publication date. (Baseline stub: explicit ISO-like dates only.)"""

from __future__ import annotations

from spacy.tokens import Doc

from triangulate.model import TimeRef


def find_times(text: str, published: str | None, doc: Doc | None = None) -> list[TimeRef]:
    if doc is None:
        return []
    return [TimeRef(e.start_char, e.end_char, e.text, None) for e in doc.ents if e.label_ in ("DATE", "TIME")]
