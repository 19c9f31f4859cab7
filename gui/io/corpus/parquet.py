"""Parquet output: `corpus-00000.parquet`, ... columns id, text, record, source, raw_sha256,
normalized_sha256 (pyarrow, `pip install 'textwash[parquet]'`).

A Parquet file cannot be appended to, so rows are kept in memory until the
shard is full (`PARQUET_ROWS` rows or `PARQUET_BYTES` of text), the writer
ends it (`end_shard`: one shard per Dask partition) or the store closes. The
shard is then written whole: listed in `corpus.toml`, written to a temporary
file, fsynced, renamed to its name; only then are its rows' manifest lines
staged (and committed). A crash loses the rows of the shard being filled
(resume does them again) and never leaves half a shard under its name; a
shard that is listed and named but has no manifest lines (a crash between the
rename and the manifest write) is removed on open and its rows are redone.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from gui.io.corpus.errors import CorpusError
from gui.io.corpus.files import create_temp, describe, fsync, fsync_folder, is_regular

PARQUET_PREFIX = "corpus-"
PARQUET_SUFFIX = ".parquet"
PARQUET_ROWS = 100_000
PARQUET_BYTES = 128 * 1024 * 1024
COLUMNS = ("id", "text", "record", "source", "raw_sha256", "normalized_sha256")
MISSING = "Parquet needs pyarrow: pip install 'textwash[parquet]'"


def parquet_name(number: int) -> str:
    return f"{PARQUET_PREFIX}{number:05d}{PARQUET_SUFFIX}"


def is_parquet_name(name: str) -> bool:
    middle = name[len(PARQUET_PREFIX) : -len(PARQUET_SUFFIX)]
    return name.startswith(PARQUET_PREFIX) and name.endswith(PARQUET_SUFFIX) and middle.isdigit()


def pyarrow_modules() -> tuple[Any, Any]:
    """(pyarrow, pyarrow.parquet); CorpusError saying how to install it when missing."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise CorpusError(MISSING) from None
    return pyarrow, pyarrow.parquet


class ParquetShards:
    """The shard being filled, in memory; `owned` are the shards corpus.toml lists."""

    def __init__(
        self,
        folder: Path,
        owned: Iterable[str],
        recorded: set[str],
        claim: Callable[[str], None],
        rows_limit: int = PARQUET_ROWS,
    ) -> None:
        pyarrow_modules()  # fail before the first record, not at the first shard
        self.folder = folder
        self._claim = claim
        self._limit = rows_limit
        numbers = [-1]
        for name in owned:
            if not is_parquet_name(name):
                continue
            numbers.append(int(name[len(PARQUET_PREFIX) : -len(PARQUET_SUFFIX)]))
            if name not in recorded and is_regular(folder / name):
                with contextlib.suppress(OSError):  # rows a crash left unrecorded: redone
                    os.unlink(folder / name)
                numbers.pop()
        self._number = max(numbers) + 1
        self._rows: dict[str, list[Any]] = {column: [] for column in COLUMNS}
        self._entries: list[dict[str, Any]] = []
        self._bytes = 0

    @property
    def name(self) -> str:
        return parquet_name(self._number)

    @property
    def pending(self) -> int:
        return len(self._entries)

    def add(self, row: dict[str, Any], entry: dict[str, Any]) -> None:
        """Keep one row; `entry` (its manifest line) is returned by `write` once it is on disk."""
        for column in COLUMNS:
            self._rows[column].append(row.get(column))
        self._entries.append(entry)
        self._bytes += len(row["text"])

    @property
    def full(self) -> bool:
        return len(self._entries) >= self._limit or self._bytes >= PARQUET_BYTES

    def write(self) -> list[dict[str, Any]]:
        """Write the shard whole (see the module notes); the manifest entries of its rows."""
        if not self._entries:
            return []
        pyarrow, parquet = pyarrow_modules()
        name = self.name
        self._claim(name)
        table = pyarrow.table(
            {column: pyarrow.array(self._rows[column], pyarrow.string()) for column in COLUMNS}
        )
        try:
            fd, temp = create_temp(self.folder, name)
        except OSError as error:
            raise CorpusError(describe(error, f"cannot write {name}")) from None
        try:
            with os.fdopen(fd, "wb") as handle:
                parquet.write_table(table, handle, compression="zstd")
                handle.flush()
                fsync(handle.fileno())
            os.replace(temp, self.folder / name)
        except OSError as error:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise CorpusError(describe(error, f"cannot write {name}")) from None
        fsync_folder(self.folder)
        entries = self._entries
        self._rows = {column: [] for column in COLUMNS}
        self._entries = []
        self._bytes = 0
        self._number += 1
        return entries


def read_shard(path: Path) -> dict[str, list[Any]]:
    """A shard's columns (for verify); CorpusError when pyarrow is missing or it is unreadable."""
    _pyarrow, parquet = pyarrow_modules()
    try:
        return parquet.read_table(path, columns=["id", "text"]).to_pydict()
    except (OSError, ValueError) as error:
        raise CorpusError(f"{path.name}: not a readable Parquet file ({error})") from None
