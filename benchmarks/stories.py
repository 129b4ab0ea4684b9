"""Full-set story clustering figures for every gold set, with the tuned TF-IDF average-link baseline.

Run: nice -n 10 .venv/bin/python benchmarks/stories.py [giveme5w1h ecbplus gva newswcl50]
"""

from __future__ import annotations

import sys

from triangulate.eval.stories import DATASETS, baseline, bcubed, load, run_linker


def main(names: list[str]) -> None:
    for name in names:
        items = load(name)
        gold = {a.id: g for a, g in items}
        pred, dt = run_linker(items)
        p, r, f = bcubed(pred, gold)
        t, bp, br, bf, bn = baseline(items)
        print(f"{name:11s} n={len(items):5d} gold={len(set(gold.values())):5d} | linker P={p:.3f} R={r:.3f} F1={f:.3f} "
              f"clusters={len(set(pred.values()))} {1000 * dt / len(items):.1f} ms/art | baseline(tuned t={t:.2f}) "
              f"P={bp:.3f} R={br:.3f} F1={bf:.3f} clusters={bn}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or list(DATASETS))
