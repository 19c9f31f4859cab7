"""CSV (RFC 4180 as Python's `csv` reads it, strict quoting) and TSV (one record a line)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from gui.io.datasets.base import (
    _PROGRESS_EVERY,
    CSV,
    TSV,
    DatasetError,
    IndexProgress,
    _choose,
    _IndexedFile,
    _open_binary,
    _report,
    _title_column,
    make_title,
)
from gui.io.datasets.compressed import data_file
from gui.io.datasets.sniff import _sniff


class CsvDataset(_IndexedFile):
    """A CSV or TSV file with a header row; one record per data row."""

    def __init__(
        self,
        path: Path,
        field: str | None,
        kind: str = CSV,
        progress: IndexProgress | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(path, data_file(path))
        self.kind = kind
        total = self._signature[0]
        with _open_binary(self.data_path) as handle:
            self._encoding, start = _sniff(handle, path, kind)
            handle.seek(start)
            chunks = _csv_chunks(handle, start, kind)
            header_line = 0
            for _offset, data, line, odd in chunks:
                if odd:
                    raise DatasetError(_unclosed(path, "the header", line))
                if data.strip():
                    header = _parse_row(data, self._encoding, kind, path, "the header", line)
                    header_line = line
                    break
            else:
                raise DatasetError(f"{path}: the file is empty (no header row)")
            self.fields = tuple(header)
            self.field = _choose(field, self.fields, path, "column")
            column = self.fields.index(self.field)
            title_column = _title_column(self.fields)
            self.has_titles = title_column is not None
            width = len(self.fields)
            next_report = _PROGRESS_EVERY
            for offset, data, line, odd in chunks:
                row_number = len(self) + 1
                where = f"row {row_number}"
                if odd:
                    raise DatasetError(_unclosed(path, where, line))
                if not data.strip():
                    continue
                row = _parse_row(data, self._encoding, kind, path, where, line)
                if len(row) != width:
                    raise DatasetError(
                        f"{path}: {where} (line {line}) has {len(row)} fields, but the header "
                        f"(line {header_line}) has {width}: {', '.join(self.fields)}"
                    )
                title_source = row[title_column] if title_column is not None else row[column]
                self._add(offset, len(data), make_title(title_source))
                if offset >= next_report:
                    next_report = offset + _PROGRESS_EVERY
                    _report(progress, should_stop, offset, total, path)
        if not len(self):
            raise DatasetError(f"{path}: the file has a header row but no records")
        self._column = column
        _report(progress, None, total, total, path)

    def key(self, index: int) -> str:
        return str(index + 1)

    def text(self, index: int) -> str:
        row = _parse_row(
            self._read(index), self._encoding, self.kind, self.path, f"row {index + 1}", 0
        )
        if len(row) != len(self.fields):
            raise DatasetError(f"{self.path}: the file changed since it was opened; reopen it")
        return row[self._column]


def _csv_chunks(
    handle: io.BufferedIOBase, offset: int, kind: str
) -> Iterator[tuple[int, bytes, int, bool]]:
    """(offset, bytes, first line number, unclosed quote) of each CSV record.

    A record ends at a line break outside quotes: with RFC 4180 quoting that is
    where the count of `"` so far is even. TSV records are single lines.
    """
    quoted = kind == CSV
    parts: list[bytes] = []
    start = offset
    first_line = 1
    odd = False
    for number, line in enumerate(handle, start=1):
        if not parts:
            first_line = number
        parts.append(line)
        offset += len(line)
        if quoted and line.count(b'"') % 2:
            odd = not odd
        if not odd:
            yield start, b"".join(parts), first_line, False
            parts.clear()
            start = offset
    if parts:
        yield start, b"".join(parts), first_line, odd


def _parse_row(
    data: bytes, encoding: str, kind: str, path: Path, where: str, line: int
) -> list[str]:
    at = f" (line {line})" if line else ""
    try:
        # UTF-8: a bad byte is U+FFFD in its row, never another code page for the file.
        text = data.decode(encoding, errors="replace" if encoding == "utf-8" else "strict")
    except UnicodeDecodeError as error:
        raise DatasetError(
            f"{path}: {where}{at} is not valid {encoding} text ({error.reason})"
        ) from None
    if kind == TSV:
        return text.rstrip("\r\n").split("\t")
    csv.field_size_limit(sys.maxsize)  # a long article is one field: no limit
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        raise DatasetError(f"{path}: {where}{at} is not valid CSV: {error}") from None
    if len(rows) != 1:
        raise DatasetError(f"{path}: {where}{at} is not valid CSV: it does not parse as one row")
    return rows[0]


def _unclosed(path: Path, where: str, line: int) -> str:
    return (
        f"{path}: {where} (from line {line}) opens a quoted field that is never closed "
        f"before the end of the file"
    )
