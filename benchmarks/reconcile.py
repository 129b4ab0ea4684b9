"""Reconcile speed and output size: the five seed articles run through annotate + extract, replicated 10 times
(50 articles, one story), then reconciled. Prints the counts and the wall time of `reconcile` alone.

    nice -n 10 .venv/bin/python benchmarks/reconcile.py
"""

from __future__ import annotations

import copy
import time
from pathlib import Path

from triangulate.annotate import annotate
from triangulate.extract import extract
from triangulate.model import Article
from triangulate.reconcile import reconcile

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"


def main(copies: int = 10) -> None:
    arts, exs = [], []
    for p in sorted(SEEDS.glob("*.txt")):
        a = Article(p.stem[:3], p.read_text(encoding="utf-8"), str(p), published="2024-11-28")
        ann, doc = annotate(a.text, a.published)
        arts.append(a)
        exs.append(extract(a, ann, doc))
    A, E = [], []
    for k in range(copies):
        for a, ex in zip(arts, exs):
            a2, ex2 = copy.deepcopy(a), copy.deepcopy(ex)
            a2.id = ex2.article_id = f"{a.id}-{k}"
            for rec in ex2.events + ex2.figures + ex2.claims:
                rec.article_id, rec.id = a2.id, f"{rec.id}-{k}"
            A.append(a2)
            E.append(ex2)
    reconcile("warm-up", A[:2], E[:2], [])  # imports
    t = time.perf_counter()
    story = reconcile("s-bench", A, E, [])
    dt = time.perf_counter() - t
    print(f"articles={len(A)} reports={sum(len(e.events) for e in E)} figures={sum(len(e.figures) for e in E)} "
          f"claims={sum(len(e.claims) for e in E)} -> events={len(story.events)} series={len(story.series)} "
          f"disagreements={len(story.disagreements)} summary_sentences={len(story.summary_sentences)} "
          f"reconcile_seconds={dt:.3f}")


if __name__ == "__main__":
    main()
