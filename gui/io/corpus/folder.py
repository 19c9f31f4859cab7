"""Whether a folder may be used as a corpus, and cleaning up after an interrupted run."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from gui.io.corpus.errors import CorpusError
from gui.io.corpus.files import describe, is_regular, is_temp_name
from gui.io.corpus.lock import LOCK_NAME
from gui.io.corpus.manifest import MANIFEST_NAME
from gui.io.corpus.marker import MARKER_NAME, Marker


def check_folder(path: Path) -> Marker:
    """The folder's marker; CorpusError unless it is a corpus, a legacy one, empty or new."""
    if not path.exists():
        return Marker(path)
    if not path.is_dir():
        raise CorpusError(f"{path}: is a file, not a folder")
    marker = Marker.read(path)
    if marker.exists or is_regular(path / MANIFEST_NAME):
        return marker  # a corpus, or one made before corpus.toml existed (adopted)
    try:
        names = [n for n in os.listdir(path) if n != LOCK_NAME and not is_temp_name(n)]
    except OSError as error:
        raise CorpusError(describe(error, f"{path}: cannot read")) from None
    if names:
        raise CorpusError(
            f"{path}: not a corpus folder (it holds other files and no {MARKER_NAME}); "
            "choose an empty or new folder"
        )
    return marker


def remove_leftovers(path: Path) -> str | None:
    """Remove temporary files a crash left (the writer holds the lock); what was done, if any."""
    removed = 0
    with contextlib.suppress(OSError):
        for name in os.listdir(path):
            if is_temp_name(name) and is_regular(path / name):
                with contextlib.suppress(OSError):
                    os.unlink(path / name)
                    removed += 1
    if removed:
        return f"{path}: removed {removed} temporary file(s) left by an interrupted run"
    return None
