"""Full-set story clustering figures for every gold set, with the tuned TF-IDF average-link baseline.

Run: nice -n 10 .venv/bin/python benchmarks/stories.py [--split all|dev|held] [--no-baseline] [--embeddings]
     [--cache DIR] [--no-annotate] [giveme5w1h ecbplus gva newswcl50]

`--split dev` keeps the gold clusters whose id hashes even (the half the one configuration was chosen on), `--split
held` the other half (held out); `all` (default) every article. `--embeddings`: the linker blends in MiniLM lead
embeddings (the `embeddings` extra; see `triangulate eval stories --embeddings`).
The linker gets each article's annotations as the pipeline passes them (`eval.stories.pipeline_annotations`: spaCy
parses and annotations cached under `--cache DIR`, default $TRIANGULATE_CACHE/stories; `--no-annotate`: none, the
earlier text-only measure). The baseline is tuned on the very set it is scored on.
"""

from __future__ import annotations

import hashlib
import sys

from triangulate.eval.stories import DATASETS, baseline, bcubed, load, run_linker


def in_split(gold_id: str, split: str) -> bool:
    if split == "all":
        return True
    even = int(hashlib.sha1(gold_id.encode()).hexdigest(), 16) % 2 == 0
    return even == (split == "dev")


def main(args: list[str]) -> None:
    split = "all"
    if "--split" in args:
        i = args.index("--split")
        split = args[i + 1]
        args = args[:i] + args[i + 2:]
    cache = None
    if "--cache" in args:
        i = args.index("--cache")
        cache = args[i + 1]
        args = args[:i] + args[i + 2:]
    annotate = "--no-annotate" not in args
    with_baseline = "--no-baseline" not in args
    embeddings = "--embeddings" in args
    names = [a for a in args if not a.startswith("--")] or list(DATASETS)
    for name in names:
        items = [x for x in load(name) if in_split(x[1], split)]
        gold = {a.id: g for a, g in items}
        pred, dt = run_linker(items, annotate=annotate, embeddings=embeddings, cache=cache)
        p, r, f = bcubed(pred, gold)
        line = (f"{name:11s} [{split}] n={len(items):5d} gold={len(set(gold.values())):5d} | linker P={p:.3f} R={r:.3f} "
                f"F1={f:.3f} clusters={len(set(pred.values()))} {1000 * dt / len(items):.1f} ms/art")
        if with_baseline:
            t, bp, br, bf, bn = baseline(items)
            line += f" | baseline(tuned t={t:.2f}) P={bp:.3f} R={br:.3f} F1={bf:.3f} clusters={bn}"
        print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
