"""The dataset base: record keys and titles in memory, texts read on demand; shared helpers.

`Dataset` is what the review, the batch and the window use; `_IndexedFile` is
a file dataset that keeps each record's byte offset and length. Errors are
`DatasetError` (naming the file and row/line) and `RecordError` (one record).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import threading
import weakref
from abc import ABC, abstractmethod
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from gui.io.naming import stem_from_text
from gui.io.textio import InputError

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

    def __init__(self, path: Path, data: Path | None = None) -> None:
        """`data`: where the bytes are, when not at `path` (a decompressed temporary copy)."""
        self.path = path
        self.data_path = data or path
        if data is not None and data != path:
            weakref.finalize(self, _unlink, data)
        self._offsets = array("q")
        self._lengths = array("q")
        self._titles: list[str] = []
        self._lock = threading.Lock()
        self._handle: io.BufferedReader | None = None
        self._encoding = "utf-8"
        stat = self.data_path.stat()
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
                self._handle = _open_binary(self.data_path)
            stat = os.fstat(self._handle.fileno())
            if (stat.st_size, stat.st_mtime_ns) != self._signature:
                raise DatasetError(f"{self.path}: the file changed since it was opened; reopen it")
            self._handle.seek(self._offsets[index])
            return self._handle.read(self._lengths[index])

    def __getstate__(self) -> dict:
        # A batch worker gets the index, not the open file (it opens its own).
        return {**self.__dict__, "_handle": None, "_lock": None}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            if self._handle is not None:
                self._handle.close()
                self._handle = None


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


# -- helpers ----------------------------------------------------------------------------


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):  # already gone (the temporary folder was cleaned)
        os.unlink(path)


def _existing(path: str | Path) -> Path:
    if "\x00" in str(path):
        raise DatasetError(f"{str(path)!r}: a path cannot contain a NUL character")
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
