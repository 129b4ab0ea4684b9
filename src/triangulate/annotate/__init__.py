"""Annotate a text: sentences, places, time expressions and actors.

`annotate(text, published)` is the stage's whole public API: text in, `Annotations` (plus the spaCy Doc,
which the extract stage reuses) out. Each finder lives in its own module:

- `places.find_places(doc, text, context=None) -> list[PlaceMention]`
- `times.find_times(text, published, doc=None) -> list[TimeRef]`
- `actors.find_actors(doc, text) -> list[ActorMention]`
"""

from __future__ import annotations

from spacy.tokens import Doc

from triangulate.annotate.actors import find_actors
from triangulate.annotate.nlp import get_nlp
from triangulate.annotate.places import find_places
from triangulate.annotate.times import find_times
from triangulate.model import Annotations, Sentence


def parse(text: str, language: str = "en") -> Doc:
    return get_nlp(language)(text)


def sentences(doc: Doc) -> list[Sentence]:
    return [Sentence(s.start_char, s.end_char, s.text) for s in doc.sents]


def annotate(text: str, published: str | None = None, language: str = "en", doc: Doc | None = None,
             context: dict | None = None) -> tuple[Annotations, Doc]:
    """Annotate one text. `published` anchors relative dates; `context` may carry story-level hints
    (e.g. {"countries": ["SY"]}) for place disambiguation."""
    doc = doc if doc is not None else parse(text, language)
    ann = Annotations(
        sentences=sentences(doc),
        places=find_places(doc, text, context),
        times=find_times(text, published, doc),
        actors=find_actors(doc, text),
    )
    return ann, doc
