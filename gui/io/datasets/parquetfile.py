"""Parquet datasets (`.parquet`, pyarrow): the text column chosen like a CSV's.

Opening reads only the text column (and `title`, `id` when present), one row
group at a time, to check every value is text and make titles; texts are read
again on demand by row group (the last one read is kept, so reading records
in order reads each row group once). Keys: the `id` column when there is one
(unique, as text), else the row number from 1, like a CSV's data rows.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gui.io.datasets.base import (
    ID_FIELD,
    TITLE_FIELD,
    Dataset,
    DatasetError,
    IndexProgress,
    _choose,
    _report,
    make_title,
)

PARQUET = "parquet"


def _parquet() -> Any:
    try:
        import pyarrow.parquet
    except ImportError:
        raise DatasetError(
            "Parquet datasets need pyarrow: pip install 'textwash[parquet]'"
        ) from None
    return pyarrow.parquet


def parquet_fields(path: Path) -> list[str]:
    """The string columns of a Parquet file (from its schema only)."""
    return [field.name for field in _open(path).schema_arrow if _is_text(field.type)]


def _is_text(kind: Any) -> bool:
    import pyarrow

    return bool(pyarrow.types.is_string(kind) or pyarrow.types.is_large_string(kind))


def _open(path: Path) -> Any:
    parquet = _parquet()
    try:
        return parquet.ParquetFile(path)
    except (OSError, ValueError) as error:
        raise DatasetError(f"{path}: not a readable Parquet file ({error})") from None


class ParquetDataset(Dataset):
    kind = PARQUET

    def __init__(
        self,
        path: Path,
        field: str | None,
        progress: IndexProgress | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._file = _open(path)
        names = [f.name for f in self._file.schema_arrow]
        self.fields = tuple(parquet_fields(path))
        self.field = _choose(field, self.fields, path, "column")
        self.has_titles = TITLE_FIELD in self.fields
        columns = [self.field] + ([TITLE_FIELD] if self.has_titles else [])
        has_ids = ID_FIELD in names
        self._keys: list[str] | None = [] if has_ids else None
        self._titles: list[str] = []
        self._starts: list[int] = []
        groups = self._file.num_row_groups
        for group in range(groups):
            self._starts.append(len(self._titles))
            table = self._read_group(group, columns + ([ID_FIELD] if has_ids else []))
            texts = table[self.field]
            titles = table[TITLE_FIELD] if self.has_titles else texts
            for text, title in zip(texts, titles, strict=True):
                if not isinstance(text, str):
                    row = len(self._titles) + 1
                    raise DatasetError(f"{path}: row {row} has no text in column {self.field!r}")
                self._titles.append(make_title(title if isinstance(title, str) else text))
            if self._keys is not None:
                self._keys.extend(str(value) for value in table[ID_FIELD])
            _report(progress, should_stop, group + 1, groups, path)
        if not self._titles:
            raise DatasetError(f"{path}: the file has no rows")
        if self._keys is not None and len(set(self._keys)) != len(self._keys):
            raise DatasetError(f"{path}: the {ID_FIELD!r} column repeats values (ids are keys)")
        self._cached: tuple[int, list[Any]] = (-1, [])

    def _read_group(self, group: int, columns: list[str]) -> dict[str, list[Any]]:
        try:
            return self._file.read_row_group(group, columns=columns).to_pydict()
        except (OSError, ValueError) as error:
            raise DatasetError(f"{self.path}: row group {group} cannot be read ({error})") from None

    def __len__(self) -> int:
        return len(self._titles)

    def key(self, index: int) -> str:
        return self._keys[index] if self._keys is not None else str(index + 1)

    def title(self, index: int) -> str:
        return self._titles[index]

    def text(self, index: int) -> str:
        if not 0 <= index < len(self):
            raise IndexError(f"record {index} out of range")
        group = bisect.bisect_right(self._starts, index) - 1
        with self._lock:
            if self._cached[0] != group:
                self._cached = (group, self._read_group(group, [str(self.field)])[str(self.field)])
            return str(self._cached[1][index - self._starts[group]])
