"""Full-set ingest benchmarks: reading throughput on the two big corpora, and publication-date inference
(`triangulate eval pubdate`) on the dev and test splits. Run: `nice -n 10 .venv/bin/python benchmarks/ingest.py`."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter

from triangulate.eval.common import data_dir
from triangulate.ingest import read_inputs
from triangulate.model import Rejected


def throughput() -> None:
    root = data_dir()
    for rel in ("gva_gun_violence_incidents/documents.jsonl.gz", "giveme5w1h_news_cluster/news_cluster.jsonl"):
        t0 = time.perf_counter()
        counts: Counter = Counter()
        for item in read_inputs([str(root / rel)]):
            counts["rejected: " + item.reason if isinstance(item, Rejected) else "articles"] += 1
        dt = time.perf_counter() - t0
        n = sum(counts.values())
        print(f"{rel}: {n} records in {dt:.2f}s ({n / dt:.0f}/s) {dict(counts)}")


if __name__ == "__main__":
    throughput()
    for split in ("dev", "test"):
        subprocess.run([sys.executable, "-m", "triangulate.cli", "eval", "pubdate", "--split", split], check=False)
