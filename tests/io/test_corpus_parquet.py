"""Parquet shards: written whole by the store, listed in corpus.toml, checked by verify."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gui.engine.presets import load_preset
from gui.io.corpus import CorpusStore
from gui.io.corpus.marker import Marker
from gui.io.corpus.verify import verify_corpus

pq = pytest.importorskip("pyarrow.parquet", reason="pip install 'textwash[parquet]' (pyarrow)")

COLUMNS = ["id", "text", "record", "source", "raw_sha256", "normalized_sha256"]


def _save(store: CorpusStore, start: int, stop: int) -> None:
    profile = load_preset("wordopt")
    for i in range(start, stop):
        store.save_row(
            f"id{i}",
            f"raw {i}",
            f"text {i}",
            profile=profile,
            source="data.csv",
            extra={"dataset": "/data.csv", "record": str(i)},
        )


def test_rows_go_to_shards_that_verify_checks(tmp_path):
    corpus = tmp_path / "corpus"
    with CorpusStore(corpus) as store:
        _save(store, 0, 5)
        store.end_shard()
        _save(store, 5, 8)
    table = pq.read_table(corpus / "corpus-00000.parquet")
    assert table.column_names == COLUMNS
    assert table.column("id").to_pylist() == [f"id{i}" for i in range(5)]
    second = pq.read_table(corpus / "corpus-00001.parquet").to_pydict()
    assert second["text"] == ["text 5", "text 6", "text 7"]
    assert second["record"] == ["5", "6", "7"]
    assert Marker.read(corpus).shards == ["corpus-00000.parquet", "corpus-00001.parquet"]
    assert verify_corpus(corpus).ok
    assert "corpus-00001.parquet" in (corpus / "README.md").read_text(encoding="utf-8")
    with CorpusStore(corpus) as store:
        assert store.is_saved("/data.csv", "7") is not None
        _save(store, 8, 9)
    assert pq.read_table(corpus / "corpus-00002.parquet").num_rows == 1
    assert verify_corpus(corpus).ok


def test_a_changed_row_fails_verify(tmp_path):
    corpus = tmp_path / "corpus"
    with CorpusStore(corpus) as store:
        _save(store, 0, 3)
    table = pq.read_table(corpus / "corpus-00000.parquet").to_pydict()
    table["text"][1] = "tampered"
    import pyarrow

    pq.write_table(pyarrow.table(table), corpus / "corpus-00000.parquet")
    report = verify_corpus(corpus)
    assert report.problems == [
        "corpus-00000.parquet#id1: the text of row 1 does not match normalized_sha256"
    ]


def test_a_killed_run_loses_only_the_unwritten_shard(tmp_path):
    """A writer killed mid-shard: its rows are not in the manifest, the rerun writes them."""
    corpus = tmp_path / "corpus"
    code = (
        "import os, sys\n"
        "from gui.engine.presets import load_preset\n"
        "from gui.io.corpus import CorpusStore\n"
        "store = CorpusStore(sys.argv[1]).open_for_writing()\n"
        "p = load_preset('wordopt')\n"
        "for i in range(6):\n"
        "    store.save_row(f'id{i}', 'r', f'text {i}', profile=p,\n"
        "                   extra={'dataset': '/d', 'record': str(i)})\n"
        "    if i == 2: store.end_shard()\n"
        "os._exit(9)\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(corpus)], check=False)
    assert run.returncode == 9
    with CorpusStore(corpus) as store:
        done = [i for i in range(6) if store.is_saved("/d", str(i))]
        assert done == [0, 1, 2]
    report = verify_corpus(corpus)
    assert report.ok, (report.problems, report.orphans, report.temporary)
