"""Document files (`.txt`): written to a temporary file, then linked to their name.

A crash mid-write leaves only a temporary file (removed on the next open),
never half a document under its real name. `os.link` fails if the name
exists, even as a planted link, so a document never overwrites anything.
The new file's descriptor is returned unsynced: the store fsyncs a group of
them at once (group commit). Files are created with the user's umask.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from gui.io.corpus.errors import CorpusError
from gui.io.corpus.files import create_temp, describe, fsync, is_regular, write_all


def write_new(path: Path, data: bytes) -> int:
    """Create `path` holding `data`; its open descriptor (FileExistsError if taken)."""
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
