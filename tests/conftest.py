from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def nlp():
    from triangulate.annotate.nlp import get_nlp

    return get_nlp("en")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
