"""Link articles: exact and near duplicates, copy lineage, incremental story clustering.

Public API (used by the pipeline):

    linker = Linker.load(state_bytes_or_None)
    result = linker.add(article, annotations)   # in publication order; returns LinkResult
    state = linker.dumps()                      # persisted by the pipeline with each committed batch

(Baseline stub: exact-hash duplicates, word-shingle copies, greedy word-overlap clustering.)
"""

from __future__ import annotations

import hashlib
import pickle
import re
from dataclasses import dataclass, field

from triangulate.model import Annotations, Article, CopyLink

WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class LinkResult:
    story_id: str
    duplicate_of: str | None = None
    copies: list[CopyLink] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)  # old story id -> story id it was merged into


def story_id_for(article_id: str) -> str:
    return "s-" + hashlib.sha1(article_id.encode()).hexdigest()[:10]


class Linker:
    def __init__(self) -> None:
        self.docs: dict[str, dict] = {}  # article id -> {"words": set, "shingles": set, "story": id, "hash": str}
        self.by_hash: dict[str, str] = {}

    @classmethod
    def load(cls, data: bytes | None) -> Linker:
        return pickle.loads(data) if data else cls()

    def dumps(self) -> bytes:
        return pickle.dumps(self)

    def add(self, article: Article, annotations: Annotations) -> LinkResult:
        words = [w.lower() for w in WORD.findall(article.text)]
        shingles = {" ".join(words[i:i + 8]) for i in range(max(0, len(words) - 7))}
        vocab = set(words)
        duplicate_of = self.by_hash.get(article.content_hash)
        best, best_sim = None, 0.0
        copies = []
        for aid, d in self.docs.items():
            sim = len(vocab & d["words"]) / max(1, len(vocab | d["words"]))
            if sim > best_sim:
                best, best_sim = aid, sim
            shared = len(shingles & d["shingles"])
            if shared and shingles:
                share = shared / len(shingles)
                if share >= 0.05:
                    copies.append(CopyLink(article.id, aid, int(share * len(article.text)), round(share, 3)))
        story = self.docs[best]["story"] if best and best_sim >= 0.2 else story_id_for(article.id)
        self.docs[article.id] = {"words": vocab, "shingles": shingles, "story": story}
        self.by_hash.setdefault(article.content_hash, article.id)
        return LinkResult(story, duplicate_of if duplicate_of != article.id else None, copies)
