"""Annotate a text: sentences, places, time expressions and actors.

`annotate(text, published)` is the stage's whole public API: text in, `Annotations` (plus the spaCy Doc,
which the extract stage reuses) out. Each finder lives in its own module:

- `places.find_places(doc, text, context=None) -> list[PlaceMention]`
- `times.find_times(text, published, doc=None) -> list[TimeRef]`
- `actors.find_actors(doc, text) -> list[ActorMention]`
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from unidecode import unidecode

from triangulate.annotate.actors import find_actors
from triangulate.annotate.nlp import get_nlp
from triangulate.annotate.places import find_places
from triangulate.annotate.times import find_times
from triangulate.model import ActorMention, Annotations, PlaceMention, Sentence


def parse(text: str, language: str = "en") -> Doc:
    return get_nlp(language)(text)


def sentences(doc: Doc) -> list[Sentence]:
    return [Sentence(s.start_char, s.end_char, s.text) for s in doc.sents]


def annotate(text: str, published: str | None = None, language: str = "en", doc: Doc | None = None,
             context: dict | None = None) -> tuple[Annotations, Doc]:
    """Annotate one text. `published` anchors relative dates; `context` may carry story-level hints
    (e.g. {"countries": ["SY"]}) for place disambiguation."""
    doc = doc if doc is not None else parse(text, language)
    actors = find_actors(doc, text)
    ann = Annotations(
        sentences=sentences(doc),
        places=drop_places_inside_actors(find_places(doc, text, context), actors),
        times=find_times(text, published, doc),
        actors=actors,
        home=next((p for p in (context or {}).get("places") or []
                   if getattr(p, "feature", None) in ("city", "capital", "town")), None),
    )
    return ann, doc


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unidecode(name).lower())


def drop_places_inside_actors(places: list[PlaceMention], actors: list[ActorMention]) -> list[PlaceMention]:
    """A toponym inside a known actor's name is part of that name, not a place: "al-Sham" in "Hayat Tahrir
    al-Sham", "Sana" (the Syrian news agency) read as Sanaa. A mention that names a place and a state actor alike
    ("Turkey said") stays a place."""
    known = [a for a in actors if a.in_kb]
    kept = []
    for p in places:
        inside = False
        for a in known:
            if a.start <= p.start and p.end <= a.end:
                if (a.end - a.start) > (p.end - p.start):
                    # part of the actor's own name ("al-Sham" in Hayat Tahrir al-Sham), not of a description
                    # ("Lebanon" in "a news outlet run by Lebanon's Hezbollah")
                    inside = _fold(p.text) in _fold(a.actor or "")
                else:
                    inside = p.place is None or _fold(p.place.name) != _fold(a.text)
                if inside:
                    break
        if not inside:
            kept.append(p)
    return kept
