"""What the window remembers between runs, under named `QSettings` keys.

The corpus folder, the profile last used (as TOML, user rules and protected
spans included), the last folders used, recent files, what was shown
(highlights, invisible characters, the first-start sample) and the window's
geometry. The window is given its `QSettings` (tests hand it a throwaway
ini file); nothing here reads settings at import.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

MAX_RECENT = 10

# QSettings keys.
CORPUS_FOLDER = "corpus/folder"
PROFILE = "profile/current"
RECENT_FILES = "files/recent"
LAST_DIRECTORY = "files/last_directory"
DATASET_DIRECTORY = "datasets/last_directory"
SAMPLE_SHOWN = "start/sample_shown"
GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
SHOW_HIGHLIGHTS = "view/show_highlights"
SHOW_INVISIBLE = "view/show_invisible"
# Each splitter's state is kept under "window/<its objectName>".
SPLITTER_GROUP = "window"


class WindowSettings:
    """Typed access to the window's `QSettings`."""

    def __init__(self, settings: QSettings) -> None:
        self.qsettings = settings

    # -- folders -------------------------------------------------------------------

    def corpus_folder(self) -> str | None:
        folder = self.qsettings.value(CORPUS_FOLDER, "")
        return str(folder) if folder else None

    def set_corpus_folder(self, folder: str) -> None:
        self.qsettings.setValue(CORPUS_FOLDER, folder)

    # -- the profile -------------------------------------------------------------------

    def last_profile(self) -> str | None:
        """The profile the window last used, as profile TOML (None: none kept yet)."""
        value = self.qsettings.value(PROFILE, "")
        return str(value) if value else None

    def set_last_profile(self, toml: str) -> None:
        self.qsettings.setValue(PROFILE, toml)

    def last_directory(self) -> str:
        """Where file dialogs start: the folder of the last file opened, else home."""
        return str(self.qsettings.value(LAST_DIRECTORY, str(Path.home())))

    def set_last_directory(self, folder: str) -> None:
        self.qsettings.setValue(LAST_DIRECTORY, folder)

    def dataset_directory(self) -> str:
        return str(self.qsettings.value(DATASET_DIRECTORY, str(Path.home())))

    def set_dataset_directory(self, folder: str) -> None:
        self.qsettings.setValue(DATASET_DIRECTORY, folder)

    # -- recent files ----------------------------------------------------------------

    def recent_files(self) -> list[str]:
        """Files opened lately, the latest first."""
        value = self.qsettings.value(RECENT_FILES, [])
        if isinstance(value, str):
            value = [value]
        return [str(path) for path in value or []]

    def remember_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        files = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        self.qsettings.setValue(RECENT_FILES, files)

    def forget_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        self.qsettings.setValue(RECENT_FILES, [p for p in self.recent_files() if p != path])

    def clear_recent(self) -> None:
        self.qsettings.setValue(RECENT_FILES, [])

    # -- what is shown ------------------------------------------------------------------

    def flag(self, key: str, default: bool) -> bool:
        """A yes/no setting: SHOW_HIGHLIGHTS, SHOW_INVISIBLE or SAMPLE_SHOWN."""
        return bool(self.qsettings.value(key, default, type=bool))

    def set_flag(self, key: str, value: bool) -> None:
        self.qsettings.setValue(key, value)

    # -- geometry ------------------------------------------------------------------------

    def restore_geometry(self, window: QMainWindow, splitters: Sequence[QSplitter]) -> None:
        """The window's size, docks and toolbars, and its splitters, as last saved."""
        geometry = self.qsettings.value(GEOMETRY)
        if geometry is None or not window.restoreGeometry(geometry):
            window.resize(1280, 800)
        state = self.qsettings.value(WINDOW_STATE)
        if state is not None:
            window.restoreState(state)
        for splitter in splitters:
            value = self.qsettings.value(f"{SPLITTER_GROUP}/{splitter.objectName()}")
            if value is not None:
                splitter.restoreState(value)

    def save_geometry(self, window: QMainWindow, splitters: Sequence[QSplitter]) -> None:
        self.qsettings.setValue(GEOMETRY, window.saveGeometry())
        self.qsettings.setValue(WINDOW_STATE, window.saveState())
        for splitter in splitters:
            key = f"{SPLITTER_GROUP}/{splitter.objectName()}"
            self.qsettings.setValue(key, splitter.saveState())
        self.qsettings.sync()
