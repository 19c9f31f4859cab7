"""`--engine dask` on a real LocalCluster of 2 worker processes, against the local run."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gui.engine.presets import load_preset
from gui.io.corpus import CorpusStore
from gui.io.corpus.verify import verify_corpus
from gui.io.datasets import open_dataset
from gui.workflow.batch import run_batch
from gui.workflow.review import DatasetReview
from tests.conftest import REPO, SMALL_CSV

pytest.importorskip("dask.distributed", reason="pip install 'textwash[dask]'")

from gui.workflow.distributed.dask_engine import DaskEngine, partitions

WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
]
PARTITION = 20
RECORDS = 90  # 5 partitions, the last one short


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    with open(SMALL_CSV, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    path = tmp_path_factory.mktemp("data") / "data.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "text"])
        for i in range(RECORDS):
            row = rows[i % len(rows)]
            # every 7th record repeats an earlier one: duplicates are skipped alike
            unique = f"{WORDS[i % 10]} {WORDS[i // 10]} ÄÖ  spaces"  # wordopt drops digits
            text = row["text"] if i % 7 == 6 else f"{unique} {row['text']}"
            writer.writerow([f"{row['title']} {i}", text])
    return path


@pytest.fixture(scope="module")
def engine():
    # Worker processes import this checkout's `gui`, not an installed copy.
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), old]))
    try:
        with DaskEngine(workers=2, partition_records=PARTITION) as started:
            yield started
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old


def _run(dataset: Path, corpus: Path, fmt: str, engine=None, jobs: int = 1) -> None:
    with open_dataset(dataset) as data:
        review = DatasetReview(data, CorpusStore(corpus), output_format=fmt)
        run_batch(review, load_preset("wordopt"), jobs=jobs, engine=engine)


def _documents(corpus: Path) -> dict[str, str]:
    texts = {}
    for shard in sorted(corpus.glob("corpus-*.jsonl")):
        for line in shard.read_bytes().splitlines():
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    return texts


def _manifest(corpus: Path) -> list[tuple]:
    """What each manifest line says, less where and when it was written."""
    lines = (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    where = {"time", "file", "offset", "bytes", "duplicate_of", "reason"}
    return [
        tuple(sorted((k, str(v)) for k, v in json.loads(x).items() if k not in where))
        for x in lines
    ]


def test_partitions_are_fixed_by_position():
    assert list(partitions([0, 1, 5, 19, 20, 45], 20)) == [[0, 1, 5, 19], [20], [45]]


def test_dask_run_matches_the_local_run(tmp_path, dataset, engine):
    local, distributed = tmp_path / "local", tmp_path / "dask"
    _run(dataset, local, "jsonl", jobs=2)
    _run(dataset, distributed, "jsonl", engine=engine)
    assert _documents(distributed) == _documents(local)
    assert len(_documents(local)) < RECORDS  # duplicates were skipped, alike
    assert _manifest(distributed) == _manifest(local)
    shards = sorted(p.name for p in distributed.glob("corpus-*.jsonl"))
    assert shards == [f"corpus-{n:05d}.jsonl" for n in range(5)]  # one per partition
    assert verify_corpus(distributed).ok
    txt_local, txt_dask = tmp_path / "txt-local", tmp_path / "txt-dask"
    _run(dataset, txt_local, "txt")
    _run(dataset, txt_dask, "txt", engine=engine)
    assert {p.name: p.read_bytes() for p in txt_dask.glob("*.txt")} == {
        p.name: p.read_bytes() for p in txt_local.glob("*.txt")
    }


def test_an_interrupted_dask_run_resumes_partition_by_partition(tmp_path, dataset, engine):
    whole, resumed = tmp_path / "whole", tmp_path / "resumed"
    _run(dataset, whole, "jsonl", engine=engine)
    _run(dataset, resumed, "jsonl", engine=engine)
    manifest = resumed / "manifest.jsonl"
    lines = manifest.read_bytes().splitlines(keepends=True)
    manifest.write_bytes(b"".join(lines[: PARTITION + 7]))  # a crash in partition 2
    _run(dataset, resumed, "jsonl", engine=engine)
    assert _documents(resumed) == _documents(whole)
    report = verify_corpus(resumed)
    assert report.ok, report.problems
    assert len(list(resumed.glob("corpus-*.jsonl"))) == 5


def test_cli_dask_engine_two_workers(tmp_path, dataset):
    corpus = tmp_path / "corpus"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "gui", "clean", str(dataset), "-q"]
    dask = [
        *command,
        "-o",
        str(corpus),
        "--engine",
        "dask",
        "--workers",
        "2",
        "--partition-records",
        "30",
    ]
    run = subprocess.run(dask, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert f"of {RECORDS} pending" in run.stdout
    local = tmp_path / "local"
    plain = [*command, "-o", str(local), "-j", "1"]
    assert subprocess.run(plain, cwd=REPO, env=env, timeout=120).returncode == 0
    assert {p.name: p.read_bytes() for p in corpus.glob("*.txt")} == {
        p.name: p.read_bytes() for p in local.glob("*.txt")
    }
    again = subprocess.run(dask, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "saved 0, skipped 0 of 0 pending" in again.stdout
