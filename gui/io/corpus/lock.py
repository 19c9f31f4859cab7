"""The writer's lock: an exclusive `flock` on `.corpus.lock` inside the corpus folder.

The OS releases a flock when its process dies, so a crash never leaves a
stale lock. The lock file holds who has it (pid, host, command, since), for
the message another writer gets (`CorpusLocked`). The file is removed on
release, while still locked; a writer that locked a file which was removed
meanwhile sees a different inode at the path and tries again.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gui.io.corpus.errors import CorpusError, CorpusLocked
from gui.io.corpus.files import UnsafeFile, describe, open_regular, write_all

LOCK_NAME = ".corpus.lock"
_HOLDER_LIMIT = 64 * 1024


def default_command() -> str:
    return " ".join(["textwash" if i == 0 else arg for i, arg in enumerate(sys.argv)])[:300]


class CorpusLock:
    """Held from `acquire()` to `release()`; raises CorpusLocked naming the holder."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd = -1

    @property
    def held(self) -> bool:
        return self._fd >= 0

    def acquire(self, command: str | None = None) -> None:
        if self.held:
            return
        for _attempt in range(20):
            try:
                fd = open_regular(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except (OSError, UnsafeFile) as error:
                raise CorpusError(describe(error, f"{self.path}: cannot lock")) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(fd)
                os.close(fd)
                raise CorpusLocked(self.path.parent, holder) from None
            except OSError as error:
                os.close(fd)
                raise CorpusError(describe(error, f"{self.path}: cannot lock")) from None
            if _same_file(fd, self.path):
                break
            os.close(fd)  # the holder removed it as we opened it: lock the new one
        else:
            raise CorpusError(f"{self.path}: cannot lock (the lock file keeps changing)")
        holder = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "command": command or default_command(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        with contextlib.suppress(OSError):  # without the note only the message is vaguer
            os.ftruncate(fd, 0)
            write_all(fd, (json.dumps(holder) + "\n").encode())
        self._fd = fd

    def release(self) -> None:
        if not self.held:
            return
        with contextlib.suppress(OSError):
            if _same_file(self._fd, self.path):
                os.unlink(self.path)
        os.close(self._fd)  # closing releases the flock
        self._fd = -1


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.lstat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _read_holder(fd: int) -> dict[str, Any]:
    try:
        data = os.pread(fd, _HOLDER_LIMIT, 0)
        holder = json.loads(data.decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}
