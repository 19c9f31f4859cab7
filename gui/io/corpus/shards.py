"""JSONL output: `corpus-00000.jsonl`, `corpus-00001.jsonl`, ... one `{"id", "text"}` a line.

A shard is rotated when the next line would take it past `SHARD_BYTES`, so a
corpus of any size stays in files a tool can handle (and later runs could
write shards in parallel). Each shard the store creates is listed in
`corpus.toml` before its first line is written: a shard so listed is the
store's own, and bytes in it past the end the manifest knows are lines whose
manifest entries a crash lost (group commit); they are cut off on open and
written again by the resumed run. A `corpus.jsonl` from older versions is
read, never written or truncated.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from gui.io.corpus.errors import CorpusError
from gui.io.corpus.files import UnsafeFile, describe, fsync, open_regular, write_all

SHARD_PREFIX = "corpus-"
SHARD_SUFFIX = ".jsonl"
SHARD_BYTES = 256 * 1024 * 1024
LEGACY_JSONL_NAME = "corpus.jsonl"


def shard_name(number: int) -> str:
    return f"{SHARD_PREFIX}{number:05d}{SHARD_SUFFIX}"


def is_shard_name(name: str) -> bool:
    middle = name[len(SHARD_PREFIX) : -len(SHARD_SUFFIX)]
    return name.startswith(SHARD_PREFIX) and name.endswith(SHARD_SUFFIX) and middle.isdigit()


def jsonl_line(doc_id: str, text: str) -> bytes:
    return (json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n").encode("utf-8")


class ShardWriter:
    """Appends lines to the newest shard; `ends` maps shard name -> bytes the manifest knows."""

    def __init__(
        self,
        folder: Path,
        owned: Iterable[str],
        ends: Mapping[str, int],
        claim: Callable[[str], None],
        shard_bytes: int = SHARD_BYTES,
    ) -> None:
        self.folder = folder
        self._claim = claim  # records a new shard in corpus.toml before it is created
        self._limit = shard_bytes
        self._fd = -1
        self._dirty = False
        self.name = ""
        self._end = 0
        owned = sorted(name for name in owned if is_shard_name(name))
        kept = [name for name in owned if self._reconcile(name, ends.get(name, 0))]
        if kept:
            self._open(kept[-1], ends.get(kept[-1], 0), create=False)

    def _reconcile(self, name: str, end: int) -> bool:
        """Cut unrecorded lines; False when no line of the shard is recorded (it is removed,
        so a resumed run writes it again under the same name: one shard per partition)."""
        path = self.folder / name
        try:
            fd = open_regular(path, os.O_RDWR)
        except FileNotFoundError:
            if end:
                raise CorpusError(f"{path}: missing, but the manifest lists lines in it") from None
            return False
        except (OSError, UnsafeFile) as error:
            raise CorpusError(describe(error, f"cannot open {name}")) from None
        if not end:
            os.close(fd)
            try:
                os.unlink(path)
            except OSError as error:
                raise CorpusError(describe(error, f"cannot repair {name}")) from None
            return False
        try:
            size = os.fstat(fd).st_size
            if size < end:
                raise CorpusError(
                    f"{path}: the file is shorter than the manifest says ({size} bytes, "
                    f"expected {end}); it was changed outside Textwash"
                )
            if size > end:
                os.ftruncate(fd, end)  # lines of a group whose manifest lines a crash lost
                fsync(fd)
        except OSError as error:
            raise CorpusError(describe(error, f"cannot repair {name}")) from None
        finally:
            os.close(fd)
        return True

    def _open(self, name: str, end: int, *, create: bool) -> None:
        flags = os.O_RDWR | os.O_APPEND | (os.O_CREAT | os.O_EXCL if create else 0)
        if create:
            self._claim(name)
        try:
            fd = open_regular(self.folder / name, flags, 0o666)
        except FileNotFoundError:
            fd = open_regular(self.folder / name, flags | os.O_CREAT | os.O_EXCL, 0o666)
        except (OSError, UnsafeFile) as error:
            raise CorpusError(describe(error, f"cannot open {name}")) from None
        self.close()
        self._fd, self.name, self._end = fd, name, end

    def append(self, data: bytes) -> tuple[str, int]:
        """Write one line; (shard name, offset). The caller stages its manifest entry."""
        if self._fd < 0 or (self._end and self._end + len(data) > self._limit):
            number = int(self.name[len(SHARD_PREFIX) : -len(SHARD_SUFFIX)]) + 1 if self.name else 0
            self._sync()
            self._open(shard_name(number), 0, create=True)
        offset = self._end
        try:
            write_all(self._fd, data)
        except OSError as error:
            with contextlib.suppress(OSError):  # else it is cut on the next open
                os.ftruncate(self._fd, offset)
            raise CorpusError(describe(error, f"cannot write {self.name}")) from None
        self._end = offset + len(data)
        self._dirty = True
        return self.name, offset

    def end(self) -> None:
        """The next line starts a new shard (one shard per partition of a distributed run)."""
        if self._fd >= 0 and self._end:
            self._sync()
            self.close()

    def _sync(self) -> None:
        if self._fd >= 0 and self._dirty:
            try:
                fsync(self._fd)
            except OSError as error:
                raise CorpusError(describe(error, f"cannot write {self.name}")) from None
            self._dirty = False

    def sync(self) -> None:
        """Make the written lines durable (before their manifest lines are written)."""
        self._sync()

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
