"""Full-set event benchmarks: GVA incidents (date / place / killed / injured accuracy) and MUC-4 dev (TST1+TST2).

Usage: nice -n 10 .venv/bin/python benchmarks/events.py [--limit N] [--data DIR] [--only gva|muc4]
       [--split dev|heldout|both] [--cache DIR] [--record reconciled|article]
With --split both (the default) the dev and held-out runs are also combined into the full-set line ("all").
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from triangulate.eval.common import data_dir
from triangulate.eval.events import evaluate_gva
from triangulate.eval.muc4 import evaluate_muc4


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--data", default=None)
    ap.add_argument("--only", choices=["gva", "muc4"], default=None)
    ap.add_argument("--split", choices=["all", "dev", "heldout", "both"], default="both")
    ap.add_argument("--cache", default=None, help="folder for cached spaCy parses (see `eval events --cache`)")
    ap.add_argument("--record", choices=["reconciled", "article"], default="reconciled")
    ap.add_argument("--errors", default=None, help="file prefix: each split's wrong incidents go to PREFIX.SPLIT.jsonl")
    a = ap.parse_args()
    root = data_dir(a.data)
    fields = ("date", "place", "killed", "injured")
    if a.only in (None, "gva"):
        runs = []
        t0 = time.time()
        for split in (["dev", "heldout"] if a.split == "both" else [a.split]):
            t = time.time()
            r = evaluate_gva(root / "gva_gun_violence_incidents", a.limit, split=split,
                             cache=Path(a.cache) if a.cache else None, record=a.record,
                             errors=Path(f"{a.errors}.{split}.jsonl") if a.errors else None)
            runs.append(r)
            print(f"GVA {split} incidents={r['incidents']} " + " ".join(f"{k}={r[k]:.3f}" for k in fields)
                  + f" ({time.time() - t:.0f}s)", flush=True)
        if len(runs) == 2:
            n = sum(r["incidents"] for r in runs)
            print(f"GVA all incidents={n} " + " ".join(
                f"{k}={sum(r[k] * r['incidents'] for r in runs) / n:.3f}" for k in fields)
                + f" ({time.time() - t0:.0f}s)")
    if a.only in (None, "muc4"):
        t = time.time()
        r = evaluate_muc4(root / "muc4" / "processed" / "dev.json", a.limit)
        print(f"MUC-4 dev docs={r['documents']} relevance={r['relevance']:.3f} type={r['type']:.3f} " + " ".join(
            f"{s}=P{r[s][0]:.3f}/R{r[s][1]:.3f}/F{r[s][2]:.3f}" for s in ("PerpOrg", "Victim", "Target"))
              + f" ({time.time() - t:.0f}s)")


if __name__ == "__main__":
    main()
