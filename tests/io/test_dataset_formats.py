"""Compressed (.gz, .zst) and Parquet datasets read like their plain CSV/JSONL twins."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys

import pytest

from gui.io.datasets import (
    CSV,
    JSONL,
    PARQUET,
    DatasetError,
    dataset_fields,
    detect_kind,
    is_dataset_path,
    open_dataset,
)
from tests.conftest import REPO, SMALL_CSV, SMALL_JSONL


def _records(path, field=None) -> list[tuple[str, str, str]]:
    with open_dataset(path, field) as dataset:
        return [(dataset.key(i), dataset.title(i), dataset.text(i)) for i in range(len(dataset))]


def test_kinds_from_names(tmp_path):
    assert detect_kind("a.csv.gz") == CSV and detect_kind("a.jsonl.zst") == JSONL
    assert detect_kind("b.ndjson.gz") == JSONL and detect_kind("c.parquet") == PARQUET
    for name in ("a.csv.gz", "a.tsv.zst", "a.jsonl.gz", "a.parquet", "a.csv"):
        assert is_dataset_path(name), name
    for name in ("a.txt", "a.txt.gz", "a.gz", "notes.md"):
        assert not is_dataset_path(name), name


def test_gzip_csv_and_jsonl_read_like_the_plain_files(tmp_path):
    for source in (SMALL_CSV, SMALL_JSONL):
        packed = tmp_path / f"{source.name}.gz"
        with open(source, "rb") as plain, gzip.open(packed, "wb") as out:
            shutil.copyfileobj(plain, out)
        assert _records(packed) == _records(source)
        assert dataset_fields(packed) == dataset_fields(source)
        with open_dataset(packed) as dataset:
            assert dataset.path == packed.resolve()  # the manifest names the .gz file


def test_zstandard_and_a_clear_message_without_it(tmp_path):
    zstandard = pytest.importorskip("zstandard", reason="pip install 'textwash[zstd]'")
    packed = tmp_path / "data.jsonl.zst"
    packed.write_bytes(zstandard.ZstdCompressor().compress(SMALL_JSONL.read_bytes()))
    assert _records(packed) == _records(SMALL_JSONL)
    code = (
        "import sys; sys.modules['zstandard'] = None\n"
        "from gui.io.datasets import open_dataset, DatasetError\n"
        "try: open_dataset(sys.argv[1])\n"
        "except DatasetError as e: print(e)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(packed)], cwd=REPO, capture_output=True, text=True
    )
    assert "need the zstandard package: pip install 'textwash[zstd]'" in run.stdout


def test_a_broken_gzip_file_is_one_line_naming_it(tmp_path):
    bad = tmp_path / "bad.csv.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(DatasetError, match=r"bad\.csv\.gz: not a valid gzip file"):
        open_dataset(bad)


def test_parquet_chooses_its_column_like_a_csv(tmp_path):
    pa = pytest.importorskip("pyarrow", reason="pip install 'textwash[parquet]'")
    import pyarrow.parquet as pq

    with open_dataset(SMALL_CSV) as csv_data:
        rows = [(csv_data.title(i), csv_data.text(i)) for i in range(len(csv_data))]
    table = pa.table({"title": [t for t, _ in rows], "body": [b for _, b in rows]})
    path = tmp_path / "data.parquet"
    pq.write_table(table, path, row_group_size=3)  # several row groups
    assert dataset_fields(path) == ["title", "body"]
    with pytest.raises(DatasetError, match=r"no column named 'text'.*'body'"):
        open_dataset(path)
    assert _records(path, "body") == _records(SMALL_CSV)
    with_ids = tmp_path / "ids.parquet"
    pq.write_table(
        table.append_column("id", pa.array([f"n{i}" for i in range(len(rows))])), with_ids
    )
    assert [key for key, _t, _x in _records(with_ids, "body")][:2] == ["n0", "n1"]
    (tmp_path / "not.parquet").write_bytes(b"not parquet")
    with pytest.raises(DatasetError, match=r"not\.parquet: not a readable Parquet file"):
        open_dataset(tmp_path / "not.parquet")
