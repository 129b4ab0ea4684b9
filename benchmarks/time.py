"""Full-set TIMEX3 benchmark: span P/R/F1 (strict, relaxed), value accuracy and value P/R/F1 (TempEval-3 protocol).

Usage: nice -n 10 .venv/bin/python benchmarks/time.py [--data DIR] [--spacy [--cache DIR]] [--categories] [--halves]
       [--bootstrap N]
Prints one line per corpus and split: dev = 3 of every 4 documents (used for rule development), test = every 4th
document (held out), all = both (`--categories`: under each dev / test line, the count of each error category,
eval.time.error_category); then TBAQ-cleaned pooled (TimeBank + AQUAINT, the TempEval-3 training corpus the
issue names as one set); last, the CPU time of find_times per document (best of 5 passes). `--halves`: value F1 on
the two halves of dev (alternate dev documents, eval.time.dev_halves), per corpus and pooled: a rule change is kept
when it helps both. `--bootstrap N`: after each value F1, its 95% document-bootstrap interval (N resamples).
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
    dev_halves,
    error_category,
    format_metrics,
    load_corpus,
    score_doc,
    split_docs,
    value_f1_interval,
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=None)
    ap.add_argument("--spacy", action="store_true", help="parse each text and pass the doc (as the pipeline does)")
    ap.add_argument("--cache", default=None, help="with --spacy: keep the parses in this folder for re-runs")
    ap.add_argument("--categories", action="store_true", help="also print the count of each error category")
    ap.add_argument("--halves", action="store_true", help="also print value F1 on the two halves of dev")
    ap.add_argument("--bootstrap", type=int, default=0, help="print a 95%% bootstrap interval of value F1 (N samples)")
    args = ap.parse_args()
    root = data_dir(args.data)
    counts = {}
    per_doc: dict[tuple[str, str], list[Counts]] = {}
    halves: dict[str, tuple[list, list]] = {}
    for name in CORPORA:
        docs = load_corpus(name, root)
        nlp = cached_parser(docs, Path(args.cache) if args.cache else None) if args.spacy else None
        for split in ("dev", "test", "all"):
            part = split_docs(docs, split)
            errors: list | None = [] if args.categories and split != "all" else None
            per_doc[name, split] = [score_doc(d, errors, nlp) for d in part]
            c = counts[name, split] = _total(per_doc[name, split])
            print(format_metrics(f"{name}/{split}", c.metrics(), len(part), c.seconds) + _interval(per_doc[name, split], args))
            if errors is not None:
                print("  " + ", ".join(f"{cat} {n}" for cat, n in Counter(map(error_category, errors)).most_common()))
        if args.halves:
            halves[name] = tuple([score_doc(d, None, nlp) for d in half] for half in dev_halves(docs))
    for split in ("dev", "test", "all"):
        pooled_docs = per_doc["timebank", split] + per_doc["aquaint", split]
        pooled = _total(pooled_docs)
        print(format_metrics(f"tbaq/{split}", pooled.metrics(), len(pooled_docs), pooled.seconds) + _interval(pooled_docs, args))
    if args.halves:
        for name in (*CORPORA, "tbaq", "pooled"):
            members = {"tbaq": ("timebank", "aquaint"), "pooled": CORPORA}.get(name, (name,))
            f1 = [_total([c for m in members for c in halves[m][h]]).metrics()["value_f1"] for h in (0, 1)]
            print(f"dev halves {name:9s} value F1 A {f1[0]:.4f}  B {f1[1]:.4f}")
    print(cpu_ms_per_doc([d for name in CORPORA for d in load_corpus(name, root)]))


def _total(per_doc: list[Counts]) -> Counts:
    total = Counts()
    for c in per_doc:
        total.add(c)
    return total


def _interval(per_doc: list[Counts], args) -> str:
    if not args.bootstrap:
        return ""
    lo, hi = value_f1_interval(per_doc, args.bootstrap)
    return f" | value F1 95% [{lo:.3f}, {hi:.3f}]"


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
