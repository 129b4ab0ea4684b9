"""Helpers shared by the evaluation commands."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import click


def data_dir(explicit: str | None = None) -> Path:
    """Where the evaluation corpora live: --data, else $TRIANGULATE_DATA, else ../shared/data beside the repo."""
    if explicit:
        return Path(explicit)
    if os.environ.get("TRIANGULATE_DATA"):
        return Path(os.environ["TRIANGULATE_DATA"])
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return Path("../shared/data")


data_option = click.option(
    "--data", "data", default=None, help="Folder of the evaluation corpora (default: $TRIANGULATE_DATA or ../shared/data)."
)
limit_option = click.option("--limit", type=int, default=None, help="Only the first N documents (quick runs).")


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of the clustering `pred` (item -> cluster) against `gold`, over gold's items
    (0.0 each when there are none)."""
    if not gold:
        return 0.0, 0.0, 0.0
    pc, gc = Counter(pred[i] for i in gold), Counter(gold.values())
    joint = Counter((pred[i], gold[i]) for i in gold)
    p = sum(joint[(pred[i], gold[i])] / pc[pred[i]] for i in gold) / len(gold)
    r = sum(joint[(pred[i], gold[i])] / gc[gold[i]] for i in gold) / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
