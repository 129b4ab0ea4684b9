"""Full-set attribution benchmark on PolNeAR: source / cue / content span P/R/F1, exact and overlapping.

    nice -n 10 .venv/bin/python benchmarks/attribution.py [--split dev --split train] [--limit N]

Citron (BBC R&D, PARC 3.0 test): source F1 0.82 exact / 0.85 overlap, content 0.59 / 0.83.
"""

import sys

from triangulate.eval.attribution import command

if __name__ == "__main__":
    args = sys.argv[1:] or ["--split", "dev", "--split", "train"]
    command(args)
