"""Actor knowledge base and mention resolution. (Baseline stub: spaCy ORG/PERSON/NORP entities.)"""

from __future__ import annotations

from spacy.tokens import Doc

from triangulate.model import ActorMention


def find_actors(doc: Doc, text: str) -> list[ActorMention]:
    return [ActorMention(e.start_char, e.end_char, e.text, e.text, None, e.label_)
            for e in doc.ents if e.label_ in ("ORG", "PERSON", "NORP")]
