"""`manifest.jsonl`: one JSON object per line, read line by line and healed after crashes.

Reading decodes each line on its own: a line that is not UTF-8 or not JSON is
reported with its number (`problems`) and the rest is kept. A last line
without its newline is what an interrupted write leaves; a writer cuts it
off when it opens the manifest (`open_for_append`), and says so once.

Writing: lines are staged in memory and written as bytes in one `write` per
group (`flush`); if the write fails or is short, the file is cut back to its
last complete line, so the manifest never holds half a line that the next
line would run into.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gui.io.corpus.errors import CorpusError
from gui.io.corpus.files import UnsafeFile, describe, fsync, open_regular, write_all

MANIFEST_NAME = "manifest.jsonl"
_READ_CHUNK = 1 << 22


class Manifest:
    """The manifest of one folder: its entries, problems found, and the append side."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST_NAME
        self.entries: list[dict[str, Any]] = []
        self.problems: list[str] = []
        self.torn_tail = 0  # bytes after the last newline, as last read
        self._end = 0  # offset just past the last complete line read
        self._lines = 0
        self._fd = -1
        self._staged: list[bytes] = []

    @property
    def staged(self) -> int:
        return len(self._staged)

    def read_new(self) -> list[dict[str, Any]] | None:
        """Entries added since the last read; None when the file was replaced or cut (re-read all).

        A reader needs no lock: it sees whole lines only.
        """
        try:
            fd = open_regular(self.path, os.O_RDONLY) if self._fd < 0 else os.dup(self._fd)
        except FileNotFoundError:
            if self._end:
                self._reset()
                return None
            return []
        except (OSError, UnsafeFile) as error:
            raise CorpusError(describe(error, f"cannot read {MANIFEST_NAME}")) from None
        try:
            size = os.fstat(fd).st_size
            if size < self._end:
                self._reset()
                self._read_from(fd, size)
                return None
            return self._read_from(fd, size)
        except OSError as error:
            raise CorpusError(describe(error, f"cannot read {MANIFEST_NAME}")) from None
        finally:
            os.close(fd)

    def _reset(self) -> None:
        self.entries = []
        self.problems = []
        self._end = self._lines = 0

    def _read_from(self, fd: int, size: int) -> list[dict[str, Any]]:
        new: list[dict[str, Any]] = []
        offset = self._end
        carry = b""
        while offset < size:
            chunk = os.pread(fd, min(_READ_CHUNK, size - offset), offset)
            if not chunk:
                break
            offset += len(chunk)
            data = carry + chunk
            lines = data.split(b"\n")
            carry = lines.pop()
            for line in lines:
                self._lines += 1
                self._end += len(line) + 1
                entry = self._parse(line, self._lines)
                if entry is not None:
                    new.append(entry)
        self.torn_tail = len(carry)
        self.entries.extend(new)
        return new

    def _parse(self, line: bytes, number: int) -> dict[str, Any] | None:
        if not line.strip():
            return None
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            self.problems.append(f"{MANIFEST_NAME} line {number}: not valid UTF-8")
            return None
        try:
            entry = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            self.problems.append(f"{MANIFEST_NAME} line {number}: not valid JSON")
            return None
        if not isinstance(entry, dict):
            self.problems.append(f"{MANIFEST_NAME} line {number}: not a JSON object")
            return None
        return entry

    # -- writing (the lock is held) ---------------------------------------------------

    def open_for_append(self) -> str | None:
        """Open for appending and cut off a torn last line; returns what was repaired, if any."""
        if self._fd >= 0:
            return None
        try:
            self._fd = open_regular(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o666)
        except (OSError, UnsafeFile) as error:
            raise CorpusError(describe(error, f"cannot open {MANIFEST_NAME}")) from None
        self.read_new()
        if not self.torn_tail:
            return None
        torn = self.torn_tail
        try:
            os.ftruncate(self._fd, self._end)
            fsync(self._fd)
        except OSError as error:
            raise CorpusError(describe(error, f"cannot repair {MANIFEST_NAME}")) from None
        self.torn_tail = 0
        note = (
            f"{MANIFEST_NAME} line {self._lines + 1}: an unfinished line ({torn} bytes, "
            "left by an interrupted write) was removed"
        )
        self.problems.append(note)
        return note

    def stage(self, entry: Mapping[str, Any]) -> None:
        """Queue a line for the next `flush`; the caller keeps the entry in its index."""
        self._staged.append((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))

    def flush(self, *, durable: bool = True) -> None:
        """Write the staged lines with one write (and fsync); cut back on failure."""
        if not self._staged:
            return
        assert self._fd >= 0, "open_for_append first"
        data = b"".join(self._staged)
        try:
            write_all(self._fd, data)
        except OSError as error:
            self._cut_back()
            raise CorpusError(describe(error, f"cannot update {MANIFEST_NAME}")) from None
        try:
            if durable:
                fsync(self._fd)
        except OSError as error:
            raise CorpusError(describe(error, f"cannot update {MANIFEST_NAME}")) from None
        count = len(self._staged)
        self._staged.clear()
        self._lines += count
        self._end += len(data)

    def drop_staged(self) -> None:
        self._staged.clear()

    def _cut_back(self) -> None:
        with contextlib.suppress(OSError):  # if this fails too, the next open repairs it
            os.ftruncate(self._fd, self._end)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def same_file_at_path(self) -> bool:
        """False when the manifest (or its folder) was removed or replaced under the writer."""
        if self._fd < 0:
            return True
        try:
            a, b = os.fstat(self._fd), os.lstat(self.path)
        except OSError:
            return False
        return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)
