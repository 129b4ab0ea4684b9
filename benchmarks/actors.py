"""Full-set actor benchmark: MUC-4 perpetrator organisations / victims (train + dev) and PLOVER GSR actor coding.

    nice -n 10 .venv/bin/python benchmarks/actors.py [--split dev --split train] [--limit N]
"""

import sys

from triangulate.eval.actors import command

if __name__ == "__main__":
    args = sys.argv[1:] or ["--split", "dev", "--split", "train"]
    command(args)
