"""Full-set geoparsing benchmark: toponym P/R/F1 and accuracy@161 km on LGL and GeoVirus.

Run: nice -n 10 .venv/bin/python benchmarks/geo.py [--limit N]
Each corpus is parsed once, then scored on: all documents, the dev half (first half, used for development) and the
held-out test half (second half), with each outlet-prior mode (`--outlet-prior pipeline|off|leave-one-out`: the
pipeline's default learns an outlet's context from its earlier articles; LGL has outlet domains, GeoVirus has none).
Same numbers as `triangulate eval geo [--split dev|test] [--outlet-prior MODE]`; see src/triangulate/eval/geo.py for
how each figure is counted.
"""

import json
import sys

from triangulate.annotate.nlp import get_nlp
from triangulate.eval.common import data_dir
from triangulate.eval.geo import CORPORA, OUTLET_MODES, evaluate, load

KEYS = ("docs", "precision", "recall", "f1", "recall_overlap", "found_with_coords", "gold_with_coords",
        "acc161_found", "acc161_all", "exact5km_found", "ms_per_doc_places")


def main() -> None:
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    nlp = get_nlp("en")
    for name, fname in CORPORA.items():
        docs = load(data_dir() / "geoparsing_gritta" / fname)
        docs = docs[:limit] if limit else docs
        parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
        half = len(docs) // 2
        for split, sl in (("all", slice(None)), ("dev", slice(0, half)), ("test", slice(half, None))):
            for outlet in OUTLET_MODES:
                if outlet != "pipeline" and not any(d.domain for d in docs):
                    continue
                r = evaluate(docs[sl], outlet=outlet, parsed=parsed[sl])
                print(name, split, outlet,
                      json.dumps({k: r[k] for k in KEYS}), flush=True)
    print("Mordecai3 reference: 82.7% within 161 km on LGL")


if __name__ == "__main__":
    main()
