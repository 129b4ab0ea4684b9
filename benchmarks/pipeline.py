"""Throughput and peak memory of ingest + analyze.

    .venv/bin/python benchmarks/pipeline.py [--input PATH] [--limit N]

Default input: the GVA documents (../shared/data/gva_gun_violence_incidents/documents.jsonl.gz). Prints
articles/second for each stage and the process's peak resident memory. Runs on a fresh temporary database.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from triangulate import pipeline
from triangulate.eval.common import data_dir
from triangulate.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", default=str(data_dir() / "gva_gun_violence_incidents" / "documents.jsonl.gz"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N records")
    args = parser.parse_args()

    source = Path(args.input)
    with tempfile.TemporaryDirectory() as tmp:
        if args.limit:
            opener = gzip.open if source.suffix == ".gz" else open
            subset = Path(tmp) / "subset.jsonl"
            with opener(source, "rt", encoding="utf-8") as fin, subset.open("w", encoding="utf-8") as fout:
                for n, line in enumerate(fin):
                    if n >= args.limit:
                        break
                    fout.write(line)
            source = subset
        db = Path(tmp) / "bench.duckdb"
        with Store(db) as store:
            t0 = time.perf_counter()
            ing = pipeline.ingest(store, [str(source)])
            t1 = time.perf_counter()
            ana = pipeline.analyze(store)
            t2 = time.perf_counter()
            n_stories = store.count("stories")
        size_mb = db.stat().st_size / 1e6
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # largest worker process
    n = max(1, ing.new)
    print(json.dumps({
        "input": str(args.input), "limit": args.limit,
        "articles": ing.new, "set_aside": ing.rejected, "stories": n_stories, "duplicates": ana.duplicates,
        "ingest_seconds": round(t1 - t0, 2), "ingest_articles_per_second": round(n / max(t1 - t0, 1e-9), 1),
        "analyze_seconds": round(t2 - t1, 2), "analyze_articles_per_second": round(n / max(t2 - t1, 1e-9), 2),
        "total_articles_per_second": round(n / max(t2 - t0, 1e-9), 2),
        "peak_rss_mb": round(peak_mb, 1), "worker_peak_rss_mb": round(worker_peak_mb, 1),
        "db_mb": round(size_mb, 1),
        "python": sys.version.split()[0],
    }, indent=2))


if __name__ == "__main__":
    main()
