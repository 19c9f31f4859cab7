"""Shared fixtures: offscreen Qt, the shared seed and corpus data, hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Set before any Qt import: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
CORPORA = SHARED / "corpora"
# Small dataset fixtures cut from the ISOT sample (kept in the repository).
DATA = REPO / "tests" / "data"
SMALL_CSV = DATA / "isot_small.csv"
SMALL_JSONL = DATA / "isot_small.jsonl"

settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def _shared_file(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data not found: {path} (tests read it from ../shared/)")
    return path


@pytest.fixture
def seed_raw() -> str:
    """The seed article as tidied (000): same tokens as 001, three spaces short."""
    return _shared_file(SEEDS / "000_3efe15c28cb18c89.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed_original() -> str:
    """The seed article as the dataset stores it: wordopt gives 001 exactly."""
    return _shared_file(SEEDS / "000_original_reconstructed.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed_normalized() -> str:
    return _shared_file(SEEDS / "001_74538bb2e8d849ad.txt").read_text(encoding="utf-8")


@pytest.fixture
def isot_sample_path() -> Path:
    return _shared_file(CORPORA / "isot_true_sample.csv")


@pytest.fixture
def open_ds():
    """`open_dataset`, and every dataset it opened closed when the test ends (no file left open)."""
    from gui.io.datasets import open_dataset

    opened = []

    def open_(*args, **kwargs):
        dataset = open_dataset(*args, **kwargs)
        opened.append(dataset)
        return dataset

    yield open_
    for dataset in opened:
        dataset.close()
