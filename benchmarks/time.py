"""Full-set TIMEX3 benchmark: span P/R/F1 (strict, relaxed), value accuracy and value P/R/F1 (TempEval-3 protocol).

Usage: nice -n 10 .venv/bin/python benchmarks/time.py [--data DIR] [--spacy [--cache DIR]] [--categories]
Prints one line per corpus and split: dev = 3 of every 4 documents (used for rule development), test = every 4th
document (held out), all = both (`--categories`: under each dev / test line, the count of each error category,
eval.time.error_category); then TBAQ-cleaned pooled (TimeBank + AQUAINT, the TempEval-3 training corpus the
issue names as one set); last, the CPU time of find_times per document (best of 5 passes).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from triangulate.eval.common import data_dir
from triangulate.eval.time import (
    CORPORA,
    Counts,
    cached_parser,
    error_category,
    evaluate,
    format_metrics,
    load_corpus,
    split_docs,
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=None)
    ap.add_argument("--spacy", action="store_true", help="parse each text and pass the doc (as the pipeline does)")
    ap.add_argument("--cache", default=None, help="with --spacy: keep the parses in this folder for re-runs")
    ap.add_argument("--categories", action="store_true", help="also print the count of each error category")
    args = ap.parse_args()
    root = data_dir(args.data)
    counts = {}
    for name in CORPORA:
        docs = load_corpus(name, root)
        nlp = cached_parser(docs, Path(args.cache) if args.cache else None) if args.spacy else None
        for split in ("dev", "test", "all"):
            part = split_docs(docs, split)
            errors: list | None = [] if args.categories and split != "all" else None
            c = counts[name, split] = evaluate(part, errors, nlp=nlp)
            print(format_metrics(f"{name}/{split}", c.metrics(), len(part), c.seconds))
            if errors is not None:
                print("  " + ", ".join(f"{cat} {n}" for cat, n in Counter(map(error_category, errors)).most_common()))
    for split in ("dev", "test", "all"):
        pooled = Counts()
        for name in ("timebank", "aquaint"):
            pooled.add(counts[name, split])
        n_docs = sum(len(split_docs(load_corpus(name, root), split)) for name in ("timebank", "aquaint"))
        print(format_metrics(f"tbaq/{split}", pooled.metrics(), n_docs, pooled.seconds))
    print(cpu_ms_per_doc([d for name in CORPORA for d in load_corpus(name, root)]))


def cpu_ms_per_doc(docs, repeats: int = 5) -> str:
    """CPU time of `find_times` alone (no parse), best of `repeats` passes: steadier than wall time on a shared box."""
    import time

    from triangulate.annotate.times import find_times

    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        for d in docs:
            find_times(d.text, d.dct)
        best = min(best, time.process_time() - t0)
    chars = sum(len(d.text) for d in docs) / max(len(docs), 1)
    return f"find_times: {1000 * best / max(len(docs), 1):.2f} ms CPU/doc over {len(docs)} docs ({chars:.0f} chars/doc)"


if __name__ == "__main__":
    main()
