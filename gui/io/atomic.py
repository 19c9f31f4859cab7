"""Atomic file writes: a reader sees the old file or the new one, never half.

Write to a temporary file in the same folder, fsync it, then rename over the
target. On any failure the temporary file is removed and the target is as it
was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` atomically.

    With `overwrite=False` an existing file is never replaced: FileExistsError,
    even if another process creates it meanwhile (os.link fails on clashes).
    """
    path = Path(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temp_name, path)
        else:
            os.link(temp_name, path)
            os.unlink(temp_name)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    _fsync_folder(path.parent)


def write_text_atomic(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write `text` as UTF-8, byte for byte (no newline translation)."""
    write_bytes_atomic(path, text.encode("utf-8"), overwrite=overwrite)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
