"""Datasets: a CSV/TSV file, a JSONL file or a folder of `.txt` files, record by record.

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
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import threading
from abc import ABC, abstractmethod
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from gui.io.naming import safe_stem, stem_from_text
from gui.io.textio import InputError, read_text_file

CSV = "csv"
TSV = "tsv"
JSONL = "jsonl"
FOLDER = "folder"

DEFAULT_FIELD = "text"
TITLE_FIELD = "title"
MANIFEST = "manifest.jsonl"  # marks a corpus folder (gui.io.corpus.MANIFEST_NAME)
ID_FIELD = "id"
TITLE_CHARS = 100
TITLE_WORDS = 12

_SNIFF_BYTES = 1024 * 1024
_PROGRESS_EVERY = 4 * 1024 * 1024
_SPACE = re.compile(r"\s+")

IndexProgress = Callable[[int, int], None]
"""Called while a dataset is indexed with (bytes read, total bytes)."""


class DatasetError(InputError):
    """A dataset cannot be opened or read; the message says where and why."""


class RecordError(DatasetError):
    """One record cannot be read (a binary file in a folder, say); the rest can."""


class IndexCancelled(DatasetError):
    """Opening was cancelled by the caller while the file was being indexed."""


@dataclass(frozen=True)
class RecordInfo:
    """One record as the record list shows it; the text is read with `Dataset.text`."""

    index: int
    key: str
    title: str


def detect_kind(path: str | Path) -> str:
    """`csv`, `tsv`, `jsonl` or `folder`, from the path (`.tsv`/`.tab`, `.jsonl`/`.ndjson`)."""
    path = Path(path)
    if path.is_dir():
        return FOLDER
    suffix = path.suffix.lower()
    if suffix in {".tsv", ".tab"}:
        return TSV
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return JSONL
    return CSV


def dataset_fields(path: str | Path) -> list[str]:
    """The columns (CSV/TSV header) or string fields (first JSONL record) to choose from.

    A folder has none. Cheap: reads only the start of the file.
    """
    path = _existing(path)
    kind = detect_kind(path)
    if kind == FOLDER:
        return []
    with _open_binary(path) as handle:
        encoding, start = _sniff(handle, path, kind)
        handle.seek(start)
        if kind == JSONL:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    obj = _json_object(line, path, number)
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
    return CsvDataset(path, field, kind, progress, should_stop)


class Dataset(ABC):
    """Records of one dataset: keys and titles in memory, texts read on demand.

    Safe to read from two threads at once (the window's list and a batch
    worker thread): file reads are serialized by a lock.
    """

    kind: str
    path: Path
    field: str | None = None
    fields: tuple[str, ...] = ()
    has_titles: bool = False

    @abstractmethod
    def __len__(self) -> int:
        """How many records the dataset holds."""

    @abstractmethod
    def key(self, index: int) -> str:
        """The record's stable key: row number, JSONL id or line, or relative path."""

    @abstractmethod
    def title(self, index: int) -> str:
        """What the record list shows: the title field, else the first words."""

    @abstractmethod
    def text(self, index: int) -> str:
        """The record's raw text, read from disk now. RecordError if it cannot be read."""

    def source(self, index: int) -> str:
        """What the manifest records as the document's `source`."""
        return str(self.path)

    def stem(self, index: int, raw: str) -> str:
        """The file-name stem a saved record gets: from its title, else its first words."""
        if self.has_titles:
            title = self.title(index)
            if title:
                return stem_from_text(title, words=8)
        return stem_from_text(raw)

    def info(self, index: int) -> RecordInfo:
        if not 0 <= index < len(self):
            raise IndexError(f"record {index} out of range (0..{len(self) - 1})")
        return RecordInfo(index, self.key(index), self.title(index))

    def __iter__(self) -> Iterator[RecordInfo]:
        for index in range(len(self)):
            yield self.info(index)

    def index_of(self, key: str) -> int | None:
        if self._key_index is None:
            self._key_index = {self.key(index): index for index in range(len(self))}
        return self._key_index.get(key)

    _key_index: dict[str, int] | None = None

    def describe(self) -> str:
        what = f"{self.path.name}: {len(self)} records"
        return f"{what}, {self.kind} field {self.field!r}" if self.field else what

    def close(self) -> None:  # noqa: B027 (a hook: only file-backed datasets hold a file)
        """Release the open file; further `text` calls reopen it."""

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _IndexedFile(Dataset):
    """A file dataset: per record, the byte offset and length of its bytes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._offsets = array("q")
        self._lengths = array("q")
        self._titles: list[str] = []
        self._lock = threading.Lock()
        self._handle: io.BufferedReader | None = None
        self._encoding = "utf-8"
        stat = path.stat()
        self._signature = (stat.st_size, stat.st_mtime_ns)

    def __len__(self) -> int:
        return len(self._offsets)

    def title(self, index: int) -> str:
        return self._titles[index]

    def _add(self, offset: int, length: int, title: str) -> None:
        self._offsets.append(offset)
        self._lengths.append(length)
        self._titles.append(title)

    def _read(self, index: int) -> bytes:
        with self._lock:
            if self._handle is None:
                self._handle = _open_binary(self.path)
            stat = os.fstat(self._handle.fileno())
            if (stat.st_size, stat.st_mtime_ns) != self._signature:
                raise DatasetError(f"{self.path}: the file changed since it was opened; reopen it")
            self._handle.seek(self._offsets[index])
            return self._handle.read(self._lengths[index])

    def close(self) -> None:
        with self._lock:
            if self._handle is not None:
                self._handle.close()
                self._handle = None


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
        super().__init__(path)
        self.kind = kind
        total = self._signature[0]
        with _open_binary(path) as handle:
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


class JsonlDataset(_IndexedFile):
    """A JSON Lines file: one JSON object per line, the text in one string field."""

    kind = JSONL

    def __init__(
        self,
        path: Path,
        field: str | None,
        progress: IndexProgress | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(path)
        total = self._signature[0]
        self._keys: list[str] | None = None
        seen: dict[str, int] = {}
        line_numbers = array("q")
        with _open_binary(path) as handle:
            _encoding, start = _sniff(handle, path, JSONL)
            handle.seek(start)
            offset = start
            next_report = _PROGRESS_EVERY
            for number, line in enumerate(handle, start=1):
                line_offset, offset = offset, offset + len(line)
                if not line.strip():
                    continue
                obj = _json_object(line, path, number)
                if self.field is None:
                    self.fields = tuple(k for k, v in obj.items() if isinstance(v, str))
                    self.field = _choose(field, self.fields, path, "field")
                    self.has_titles = isinstance(obj.get(TITLE_FIELD), str)
                    if ID_FIELD in obj:
                        self._keys = []
                value = obj.get(self.field)
                if not isinstance(value, str):
                    problem = "has no field" if value is None else "has a non-text field"
                    raise DatasetError(
                        f"{path}: line {number} {problem} {self.field!r} "
                        f"(its fields: {', '.join(obj) or 'none'})"
                    )
                if self._keys is not None:
                    if ID_FIELD not in obj:
                        raise DatasetError(
                            f"{path}: line {number} has no {ID_FIELD!r} field, but earlier "
                            f"records do (ids are the record keys, so every record needs one)"
                        )
                    key = str(obj[ID_FIELD])
                    if key in seen:
                        raise DatasetError(
                            f"{path}: line {number} repeats id {key!r} from line {seen[key]} "
                            f"(ids are the record keys and must be unique)"
                        )
                    seen[key] = number
                    self._keys.append(key)
                title = obj.get(TITLE_FIELD) if self.has_titles else value
                title = title if isinstance(title, str) else ""
                self._add(line_offset, len(line), make_title(title))
                line_numbers.append(number)
                if offset >= next_report:
                    next_report = offset + _PROGRESS_EVERY
                    _report(progress, should_stop, offset, total, path)
        if not len(self):
            raise DatasetError(f"{path}: the file is empty (no JSON records)")
        self._line_numbers = line_numbers
        _report(progress, None, total, total, path)

    def key(self, index: int) -> str:
        if self._keys is not None:
            return self._keys[index]
        return str(self._line_numbers[index])

    def text(self, index: int) -> str:
        obj = _json_object(self._read(index), self.path, self._line_numbers[index])
        value = obj.get(self.field or DEFAULT_FIELD)
        if not isinstance(value, str):
            raise DatasetError(f"{self.path}: the file changed since it was opened; reopen it")
        return value


class FolderDataset(Dataset):
    """A folder of `.txt` files, searched recursively.

    Hidden files and folders are left out, and so are corpus folders inside it
    (subfolders with a `manifest.jsonl`): cleaning `notes/` into `notes/clean/`
    must not make the cleaned files records of `notes/` next time.
    """

    kind = FOLDER

    def __init__(self, path: Path) -> None:
        self.path = path
        names = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and not os.path.exists(os.path.join(root, d, MANIFEST))
                and not os.path.exists(os.path.join(root, d, "corpus.toml"))
            )
            rel = Path(root).relative_to(path)
            names.extend(
                (rel / name).as_posix()
                for name in files
                if name.lower().endswith(".txt") and not name.startswith(".")
            )
        if not names:
            raise DatasetError(f"{path}: the folder has no .txt files")
        self._names = sorted(names)

    def __len__(self) -> int:
        return len(self._names)

    def key(self, index: int) -> str:
        return self._names[index]

    def title(self, index: int) -> str:
        return self._names[index]

    def source(self, index: int) -> str:
        return str(self.path / self._names[index])

    def stem(self, index: int, raw: str) -> str:
        return safe_stem(Path(self._names[index]).stem)

    def text(self, index: int) -> str:
        try:
            return read_text_file(self.path / self._names[index]).text
        except InputError as error:
            raise RecordError(str(error)) from None


def make_title(text: str, words: int = TITLE_WORDS, limit: int = TITLE_CHARS) -> str:
    """A one-line title: the first words, whitespace collapsed, cut with an ellipsis."""
    head = _SPACE.sub(" ", text[: limit * 4]).strip()
    parts = head.split(" ")
    short = " ".join(parts[:words])
    if len(short) > limit:
        short = short[: limit - 1].rstrip() + "…"
    elif len(parts) > words:
        short += " …"
    return short


# -- reading helpers -------------------------------------------------------------------


def _existing(path: str | Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise DatasetError(f"{path}: no such file or folder")
    return path


def _open_binary(path: Path) -> io.BufferedReader:
    try:
        return open(path, "rb")
    except IsADirectoryError:
        raise DatasetError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise DatasetError(f"{path}: cannot read: {error.strerror or error}") from None


def _sniff(handle: io.BufferedReader, path: Path, kind: str) -> tuple[str, int]:
    """The encoding and the offset where records start (after a BOM)."""
    sample = handle.read(_SNIFF_BYTES)
    if not sample.strip():
        what = "no JSON records" if kind == JSONL else "no header row"
        raise DatasetError(f"{path}: the file is empty ({what})")
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DatasetError(f"{path}: UTF-16 text is not supported for {kind}; save it as UTF-8")
    if b"\x00" in sample:
        raise DatasetError(f"{path}: not a text file (it contains NUL bytes; binary data?)")
    start = len(codecs.BOM_UTF8) if sample.startswith(codecs.BOM_UTF8) else 0
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample[start:], final=False)
        encoding = "utf-8"
    except UnicodeDecodeError:
        if kind == JSONL:
            raise DatasetError(f"{path}: not UTF-8 text (JSON Lines must be UTF-8)") from None
        encoding = _guess_encoding(sample, path)
    text = sample[start : start + 65536].decode(encoding, errors="replace")
    controls = sum(1 for ch in text if ch < " " and ch not in "\n\r\t\f\v")
    if text and controls / len(text) > 0.01:
        raise DatasetError(f"{path}: not a text file (too many control characters)")
    return encoding, start


def _guess_encoding(sample: bytes, path: Path) -> str:
    from charset_normalizer import from_bytes  # slow to import; only for non-UTF-8 files

    best = from_bytes(sample).best()
    if best is None or best.encoding is None:
        raise DatasetError(f"{path}: not a text file (no text encoding fits its bytes)")
    if "\n".encode(best.encoding) != b"\n" or '"'.encode(best.encoding) != b'"':
        raise DatasetError(f"{path}: {best.encoding} text is not supported; save it as UTF-8")
    return best.encoding


def _csv_chunks(
    handle: io.BufferedReader, offset: int, kind: str
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
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DatasetError(
            f"{path}: {where}{at} is not valid {encoding} text ({error.reason})"
        ) from None
    if kind == TSV:
        return text.rstrip("\r\n").split("\t")
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


def _json_object(line: bytes, path: Path, number: int) -> dict:
    try:
        obj = json.loads(line)
    except UnicodeDecodeError:
        raise DatasetError(f"{path}: line {number} is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise DatasetError(f"{path}: line {number} is not valid JSON: {error.msg}") from None
    if not isinstance(obj, dict):
        raise DatasetError(f"{path}: line {number} is not a JSON object")
    return obj


def _choose(field: str | None, fields: Sequence[str], path: Path, what: str) -> str:
    available = ", ".join(repr(name) for name in fields) or "none"
    if field is None:
        if DEFAULT_FIELD in fields:
            return DEFAULT_FIELD
        raise DatasetError(
            f"{path}: no {what} named {DEFAULT_FIELD!r}; choose the text {what} "
            f"(available: {available})"
        )
    if field not in fields:
        raise DatasetError(f"{path}: no {what} named {field!r} (available: {available})")
    return field


def _title_column(fields: Sequence[str]) -> int | None:
    for index, name in enumerate(fields):
        if name.strip().lower() == TITLE_FIELD:
            return index
    return None


def _report(
    progress: IndexProgress | None,
    should_stop: Callable[[], bool] | None,
    done: int,
    total: int,
    path: Path,
) -> None:
    if should_stop is not None and should_stop():
        raise IndexCancelled(f"{path}: opening cancelled")
    if progress is not None:
        progress(done, total)
