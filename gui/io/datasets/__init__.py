"""Datasets: a CSV/TSV, JSONL or Parquet file or a folder of `.txt` files, record by record.

    >>> dataset = open_dataset("True.csv")             # the `text` column by default
    >>> len(dataset), dataset.info(0).title            # doctest: +SKIP
    >>> raw = dataset.text(0)                          # read from disk on demand

Opening indexes the file in one streaming pass: the byte offset and a short
title of every record are kept, never the texts, so a 200 MB CSV opens in a
couple of seconds with a few MB of memory. The same pass checks every record,
so a malformed row, a missing column or a binary file is reported when the
dataset opens (`DatasetError`, naming the row and line), before anything is
written anywhere.

Record keys are stable across runs and are what the corpus manifest records:

- CSV/TSV: the data row number, 1 for the first row after the header (blank
  lines do not count);
- JSONL: the record's `id` field when the records have one (they then must
  all have one, unique), else the line number;
- folder: the file's path relative to the folder, with `/` separators.

Titles, for a record list: the `title` column or field when there is one,
else the first words of the text; for a folder, the relative file name.

CSV follows RFC 4180 as Python's `csv` module reads it (strict quoting: a
quote inside an unquoted field is an error). TSV files are read one record
per line with no quoting, the IANA `text/tab-separated-values` convention.
Text is UTF-8 (a BOM is allowed); a CSV/TSV in another single-byte encoding
is detected from its first megabyte.

CSV, TSV and JSONL files may be compressed (`.gz`, `.zst`: `compressed`
decompresses them once into a temporary file). Parquet files (`parquetfile`,
pyarrow) choose their text column like a CSV.

Modules, by format: `base` (the Dataset classes, errors, shared helpers),
`sniff` (encoding), `csvfile` (CSV/TSV), `jsonlfile`, `parquetfile`,
`folder`, `compressed`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from gui.io.datasets.base import (
    CSV,
    DEFAULT_FIELD,
    FOLDER,
    ID_FIELD,
    JSONL,
    MANIFEST,
    TITLE_CHARS,
    TITLE_FIELD,
    TITLE_WORDS,
    TSV,
    Dataset,
    DatasetError,
    IndexCancelled,
    IndexProgress,
    RecordError,
    RecordInfo,
    _existing,
    _open_binary,
    make_title,
)
from gui.io.datasets.compressed import COMPRESSED_SUFFIXES, compression, head, inner_suffix
from gui.io.datasets.csvfile import CsvDataset, _csv_chunks, _parse_row
from gui.io.datasets.folder import FolderDataset
from gui.io.datasets.jsonlfile import JsonlDataset, _json_object
from gui.io.datasets.parquetfile import PARQUET, ParquetDataset, parquet_fields
from gui.io.datasets.sniff import _sniff

PARQUET_SUFFIX = ".parquet"

__all__ = [
    "COMPRESSED_SUFFIXES",
    "CSV",
    "DEFAULT_FIELD",
    "FOLDER",
    "ID_FIELD",
    "JSONL",
    "MANIFEST",
    "PARQUET",
    "SUFFIXES",
    "TITLE_CHARS",
    "TITLE_FIELD",
    "TITLE_WORDS",
    "TSV",
    "CsvDataset",
    "Dataset",
    "DatasetError",
    "FolderDataset",
    "IndexCancelled",
    "IndexProgress",
    "JsonlDataset",
    "ParquetDataset",
    "RecordError",
    "RecordInfo",
    "dataset_fields",
    "detect_kind",
    "is_dataset_path",
    "make_title",
    "open_dataset",
]


SUFFIXES = {
    ".csv": CSV,
    ".tsv": TSV,
    ".tab": TSV,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".json": JSONL,
    ".parquet": PARQUET,
}
"""Dataset files by suffix; CSV, TSV and JSONL also compressed (`.csv.gz`, `.jsonl.zst`)."""


def detect_kind(path: str | Path) -> str:
    """`csv`, `tsv`, `jsonl`, `parquet` or `folder`, from the path; any other file is CSV.

    A compressed file is named by the suffix under `.gz`/`.zst`: `data.jsonl.gz` is JSONL.
    """
    path = Path(path)
    if path.is_dir():
        return FOLDER
    return SUFFIXES.get(inner_suffix(path), CSV)


def is_dataset_path(path: str | Path) -> bool:
    """A folder, or a file whose name says it is a dataset (`.csv`, `.jsonl.gz`, `.parquet`...)."""
    path = Path(path)
    if path.is_dir():
        return True
    if compression(path) and inner_suffix(path) == PARQUET_SUFFIX:
        return False  # Parquet compresses inside the file
    return inner_suffix(path) in SUFFIXES


def dataset_fields(path: str | Path) -> list[str]:
    """The columns (CSV/TSV header) or string fields (first JSONL record) to choose from.

    A folder has none. Cheap: reads only the start of the file.
    """
    path = _existing(path)
    kind = detect_kind(path)
    if kind == FOLDER:
        return []
    if kind == PARQUET:
        return parquet_fields(path)
    with _open_binary(path) if not compression(path) else io.BytesIO(head(path)) as handle:
        encoding, start = _sniff(handle, path, kind)
        handle.seek(start)
        if kind == JSONL:
            for number, raw_line in enumerate(handle, start=1):
                if raw_line.strip():
                    obj = _json_object(raw_line, path, number)
                    return [name for name, value in obj.items() if isinstance(value, str)]
            raise DatasetError(f"{path}: the file is empty (no JSON records)")
        for _offset, data, line, _odd in _csv_chunks(handle, start, kind):
            if data.strip():
                return _parse_row(data, encoding, kind, path, "the header", line)
        raise DatasetError(f"{path}: the file is empty (no header row)")


def open_dataset(
    path: str | Path,
    field: str | None = None,
    *,
    progress: IndexProgress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Dataset:
    """Open and index a dataset; `field` is the text column or JSONL field.

    `field=None` picks `text` when present and otherwise fails with a message
    that lists what there is to choose from. `progress` and `should_stop` let
    a window show indexing progress and cancel it (IndexCancelled).
    """
    path = _existing(path).resolve()
    kind = detect_kind(path)
    if kind == FOLDER:
        return FolderDataset(path)
    if kind == JSONL:
        return JsonlDataset(path, field, progress, should_stop)
    if kind == PARQUET:
        return ParquetDataset(path, field, progress, should_stop)
    return CsvDataset(path, field, kind, progress, should_stop)
