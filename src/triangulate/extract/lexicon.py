"""Loads the shipped trigger lexicon (src/triangulate/data/event_lexicon.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml


@dataclass
class EventRule:
    event_type: str
    sub_event_type: str
    priority: int
    words: frozenset[str]  # single-word triggers (lower form or lemma)
    phrases: tuple[str, ...]  # multi-word triggers, matched in the lower-cased text
    requires_any: frozenset[str] = frozenset()
    generic: bool = False
    object_required: bool = False


@dataclass
class Lexicon:
    figure_words: dict[str, str]  # cue word -> category
    figure_phrases: list[tuple[str, str]]
    unit_phrases: list[tuple[str, str]]  # (phrase, unit), longest first
    person_nouns: frozenset[str]
    rules: list[EventRule] = field(default_factory=list)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    raw = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "event_lexicon.yaml").read_text("utf-8"))
    words: dict[str, str] = {}
    phrases: list[tuple[str, str]] = []
    for cat, cues in raw["figure_categories"].items():
        for c in cues:
            c = str(c).lower()
            if " " in c:
                phrases.append((c, cat))
            else:
                words.setdefault(c, cat)
    units = sorted(((str(p).lower(), u) for u, ps in raw["figure_units"].items() for p in ps), key=lambda x: -len(x[0]))
    rules = []
    for r in raw["events"]:
        trig = [str(t).lower() for t in r["triggers"]]
        rules.append(EventRule(r["type"], r["sub"], int(r.get("priority", 5)),
                               frozenset(t for t in trig if " " not in t), tuple(t for t in trig if " " in t),
                               frozenset(str(w).lower() for w in r.get("requires_any", [])), bool(r.get("generic")),
                               bool(r.get("object_required"))))
    return Lexicon(words, phrases, units, frozenset(str(w).lower() for w in raw["person_nouns"]), rules)
