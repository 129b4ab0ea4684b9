"""Helpers shared by the evaluation commands."""

from __future__ import annotations

import os
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
