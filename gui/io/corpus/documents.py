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
import ctypes
import ctypes.util
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


def write_temp_document(folder: Path, stem: str, data: bytes) -> str:
    """A new temporary file in `folder` holding `data`: its name (for `link_temp`).

    What a batch worker writes so the writing process only links it to its
    document name: creating a file is most of a document's cost. Named like
    every temporary file the store removes on open (`.STEM.txt.XXXXXXXX.tmp`),
    so a crash leaves nothing for good. Unsynced: the store's group commit
    makes it durable (syncfs) before the manifest names it. OSError if the
    file system refuses (the writer then writes the document itself).
    """
    fd, temp = create_temp(folder, f"{stem[:80]}.txt")
    try:
        write_all(fd, data)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    finally:
        os.close(fd)
    return temp.name


def link_temp(temp: Path, path: Path) -> None:
    """Give a `write_temp_document` file its name; FileExistsError if the name is taken.

    Linux: one `renameat2(RENAME_NOREPLACE)`; elsewhere `os.link`, then the
    temporary name is removed (a crash between leaves a leftover the next
    open removes). Neither ever replaces an existing name (even a planted
    link), and a half-written document never has a real name.
    """
    global _renameat2
    if _renameat2 is not None:
        if _renameat2(_AT_FDCWD, os.fsencode(temp), _AT_FDCWD, os.fsencode(path), 1) == 0:
            return
        code = ctypes.get_errno()
        if code == errno.EEXIST:
            raise FileExistsError(code, os.strerror(code), str(path))
        if code not in (errno.EINVAL, errno.ENOSYS, errno.EPERM):
            error = OSError(code, os.strerror(code))
            raise CorpusError(describe(error, f"cannot save {path.name}"))
        _renameat2 = None  # this file system (or kernel) cannot: link and unlink
    try:
        os.link(temp, path, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as error:
        raise CorpusError(describe(error, f"cannot save {path.name}")) from None
    with contextlib.suppress(OSError):
        os.unlink(temp)


_AT_FDCWD = -100


def _load_renameat2():
    # One system call instead of link + unlink: glibc 2.28+ (Linux 3.15+). Python has no
    # os.rename without replacing, hence ctypes; None elsewhere (os.link is used).
    if not hasattr(os, "sched_getaffinity"):  # Linux
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    path_at = [ctypes.c_int, ctypes.c_char_p]
    function.argtypes = [*path_at, *path_at, ctypes.c_uint]
    return function


_renameat2 = _load_renameat2()


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
