"""Document files (`.txt`): written to a temporary file, then linked to their name.

A crash mid-write leaves at most a temporary file (removed on the next
open; on Linux an unnamed O_TMPFILE, so nothing), never half a document under
its real name. `os.link` fails if the name
exists, even as a planted link, so a document never overwrites anything.
The new file's descriptor is returned unsynced: the store fsyncs a group of
them at once (group commit). Files are created with the user's umask.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from gui.io.corpus.errors import CorpusError
from gui.io.corpus.files import create_temp, describe, fsync, is_regular, write_all

_TMPFILE = getattr(os, "O_TMPFILE", 0)
_tmpfile_works = bool(_TMPFILE) and os.path.isdir("/proc/self/fd")


def write_new(path: Path, data: bytes) -> int:
    """Create `path` holding `data`; its open descriptor (FileExistsError if taken).

    Linux: an unnamed O_TMPFILE file, written, then linked to its name: fewer
    system calls, and a crash leaves nothing behind. Elsewhere: a named
    temporary file, linked, then unlinked.
    """
    global _tmpfile_works
    if _tmpfile_works:
        try:
            fd = os.open(path.parent, os.O_WRONLY | _TMPFILE | os.O_CLOEXEC, 0o666)
        except OSError:
            _tmpfile_works = False  # this file system has no O_TMPFILE
        else:
            try:
                write_all(fd, data)
                _link_unnamed(fd, path)
            except FileExistsError:
                os.close(fd)
                raise
            except OSError as error:
                os.close(fd)
                if error.errno not in (errno.EXDEV, errno.ENOENT, errno.EPERM, errno.EINVAL):
                    raise CorpusError(describe(error, f"cannot save {path.name}")) from None
                _tmpfile_works = False  # linking by /proc does not work here
            else:
                return fd
    fd, temp = _write_temp(path, data)
    try:
        os.link(temp, path)
    except FileExistsError:
        os.close(fd)
        raise
    except OSError as error:
        os.close(fd)
        raise CorpusError(describe(error, f"cannot save {path.name}")) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    return fd


def _link_unnamed(fd: int, path: Path) -> None:
    # linkat(..., AT_SYMLINK_FOLLOW) on /proc/self/fd/N gives the unnamed file a name;
    # os.link uses linkat (not link, which would not follow) only when given a dir fd.
    global _proc
    if _proc is None or _proc[0] != os.getpid():  # opened once per process (forks too)
        _proc = (os.getpid(), os.open("/proc/self/fd", os.O_RDONLY | os.O_CLOEXEC))
    os.link(str(fd), path, src_dir_fd=_proc[1], follow_symlinks=True)


_proc: tuple[int, int] | None = None


def replace_document(path: Path, data: bytes) -> None:
    """Replace `path` atomically (durable before the rename: the record keeps one text)."""
    fd, temp = _write_temp(path, data)
    try:
        fsync(fd)
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise CorpusError(describe(error, f"cannot replace {path.name}")) from None
    finally:
        os.close(fd)


def holds(path: Path, data: bytes) -> bool:
    """True if `path` is a regular file holding exactly `data` (a leftover to adopt)."""
    if not is_regular(path):
        return False
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _write_temp(path: Path, data: bytes) -> tuple[int, Path]:
    try:
        fd, temp = create_temp(path.parent, path.name)
    except OSError as error:
        raise CorpusError(describe(error, f"cannot save {path.name}")) from None
    try:
        write_all(fd, data)
    except OSError as error:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise CorpusError(describe(error, f"cannot save {path.name}")) from None
    return fd, temp
