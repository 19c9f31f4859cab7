"""`textwash clean --format parquet`, and the corpus loading whole with Hugging Face."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gui.io.corpus.verify import verify_corpus
from tests.conftest import REPO, SMALL_CSV

pq = pytest.importorskip("pyarrow.parquet", reason="pip install 'textwash[parquet]' (pyarrow)")


def clean(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gui", "clean", *map(str, args), "-q", "-j", "1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _jsonl_texts(corpus: Path) -> dict[str, str]:
    texts = {}
    for shard in sorted(corpus.glob("corpus-*.jsonl")):
        for line in shard.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    return texts


def test_parquet_holds_the_same_documents_as_jsonl(tmp_path, monkeypatch):
    parquet, jsonl = tmp_path / "parquet", tmp_path / "jsonl"
    assert clean(SMALL_CSV, "-o", parquet, "--format", "parquet").returncode == 0
    assert clean(SMALL_CSV, "-o", jsonl, "--format", "jsonl").returncode == 0
    table = pq.read_table(parquet / "corpus-00000.parquet").to_pydict()
    assert dict(zip(table["id"], table["text"], strict=True)) == _jsonl_texts(jsonl)
    assert set(table["source"]) == {str(SMALL_CSV.resolve())}
    assert verify_corpus(parquet).ok
    again = clean(SMALL_CSV, "-o", parquet, "--format", "parquet")
    assert again.returncode == 0 and "saved 0" in again.stdout
    assert sorted(p.name for p in parquet.glob("*.parquet")) == ["corpus-00000.parquet"]

    datasets = pytest.importorskip("datasets", reason="pip install 'textwash[hf]'")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    datasets.disable_progress_bars()
    loaded = datasets.load_dataset(str(parquet))["train"]
    assert dict(zip(loaded["id"], loaded["text"], strict=True)) == _jsonl_texts(jsonl)
