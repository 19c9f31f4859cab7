"""Control files of a corpus folder, opened without following links, and counted fsyncs.

Everything the store writes that is not a document (the manifest, the marker,
the lock file, JSONL shards) is opened here with `O_NOFOLLOW` and checked to
be a regular file, so a link planted in the folder can never redirect a write
(or a truncate) to a file elsewhere. `fsync` is counted so a benchmark can
report fsyncs per record.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

FSYNC_CALLS = 0
"""fsync calls made by the store in this process (files and folders)."""


class UnsafeFile(OSError):
    """A control file is a link or not a regular file; the message names it."""


def fsync(fd: int) -> None:
    global FSYNC_CALLS
    FSYNC_CALLS += 1
    os.fsync(fd)


def fsync_folder(folder: Path) -> None:
    """Make renames and new names in `folder` durable (not possible everywhere)."""
    try:
        fd = os.open(folder, os.O_RDONLY | _CLOEXEC)
    except OSError:
        return
    try:
        fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def open_regular(path: Path, flags: int, mode: int = 0o666) -> int:
    """os.open without following a final link; UnsafeFile unless the result is a regular file."""
    try:
        fd = os.open(path, flags | _NOFOLLOW | _CLOEXEC, mode)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeFile(
                errno.ELOOP, f"{path.name} is a link; Textwash writes only its own files"
            ) from None
        raise
    try:
        info = os.fstat(fd)
    except OSError:
        os.close(fd)
        raise
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise UnsafeFile(errno.EINVAL, f"{path.name} is not a regular file")
    return fd


def read_regular(path: Path, limit: int | None = None) -> bytes | None:
    """The bytes of a control file, None if it does not exist; UnsafeFile for a link."""
    try:
        fd = open_regular(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if limit is None:
            return handle.read()
        data = handle.read(limit + 1)
        if len(data) > limit:
            raise UnsafeFile(errno.EFBIG, f"{path.name} is larger than {limit:,} bytes")
        return data


def write_all(fd: int, data: bytes) -> None:
    """Write every byte (os.write may write less than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.EIO, "nothing written")
        view = view[written:]


def is_regular(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return stat.S_ISREG(os.lstat(path).st_mode)
    return False


def describe(error: OSError, what: str) -> str:
    """`what: reason` in words for the errors users meet."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EFBIG: "the file size limit is reached",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the folder is read-only",
        errno.ENOENT: "the folder is gone",
    }
    if isinstance(error, UnsafeFile):
        return f"{what}: {error.strerror}"
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    return f"{what}: {reason}"


def create_temp(folder: Path, name: str) -> tuple[int, Path]:
    """A new temporary file `.NAME.XXXXXXXX.tmp` in `folder`, created with the user's umask.

    The name pattern is what the store removes on open after a crash (`is_temp_name`).
    """
    for _attempt in range(100):
        path = folder / f".{name}.{os.urandom(4).hex()}{TEMP_SUFFIX}"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o666)
        except FileExistsError:
            continue
        return fd, path
    raise FileExistsError(errno.EEXIST, f"no free temporary name for {name}")


TEMP_SUFFIX = ".tmp"


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def _load_syncfs():
    # syncfs(2) flushes one file system in one call: a group of new documents costs one
    # flush instead of one fsync each. Linux only (glibc); elsewhere each file is fsynced.
    try:
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    return function


_SYNCFS = _load_syncfs() if hasattr(os, "sched_getaffinity") else None


CAN_SYNC_FOLDER_FS = _SYNCFS is not None
"""True where `sync_files` flushes the whole file system: files need no open descriptor."""


def sync_files(folder: Path, fds: list[int], unopened: int = 0) -> None:
    """Make the data of these files (all in `folder`) durable: one syncfs, else fsync each.

    `unopened`: files in `folder` written since, not held open (only where
    CAN_SYNC_FOLDER_FS: syncfs covers them).
    """
    global FSYNC_CALLS
    if not fds and not unopened:
        return
    if _SYNCFS is not None and (len(fds) > 1 or unopened):
        fd = os.open(folder, os.O_RDONLY | _CLOEXEC)
        try:
            FSYNC_CALLS += 1
            if _SYNCFS(fd) == 0:
                return
        finally:
            os.close(fd)
    for fd in fds:
        fsync(fd)
