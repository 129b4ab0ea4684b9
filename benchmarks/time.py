"""Full-set TIMEX3 benchmark: span P/R/F1 (strict, relaxed), value accuracy and value P/R/F1 (TempEval-3 protocol).

Usage: nice -n 10 .venv/bin/python benchmarks/time.py [--data DIR]
Prints one line per corpus and split: dev = 3 of every 4 documents (used for rule development), test = every 4th
document (held out), all = both.
"""

from __future__ import annotations

import argparse

from triangulate.eval.common import data_dir
from triangulate.eval.time import CORPORA, evaluate, format_metrics, load_corpus, split_docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=None)
    args = ap.parse_args()
    root = data_dir(args.data)
    for name in CORPORA:
        docs = load_corpus(name, root)
        for split in ("dev", "test", "all"):
            part = split_docs(docs, split)
            c = evaluate(part)
            print(format_metrics(f"{name}/{split}", c.metrics(), len(part), c.seconds))


if __name__ == "__main__":
    main()
