"""Start the window: the QApplication, its name (for QSettings), icon and style.

`textwash` and `textwash FILE...` (gui/cli/dispatch.py) call `main(files)`. Nothing
happens at import; `main` builds everything and runs the event loop.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from gui import __version__
from gui.io.resources import resource_path

ORGANIZATION = "Textwash"
APPLICATION = "Textwash"
# glibc's mallopt parameter, and the size from which blocks get their own mapping.
_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD = 1 << 20


def application_icon() -> QIcon:
    icon = QIcon(str(resource_path("icons", "textwash.svg")))
    png = resource_path("icons", "textwash-256.png")
    if png.exists():
        icon.addFile(str(png))
    return icon


def stylesheet() -> str:
    """resources/style.qss, with `{icons}` standing for the icon folder's absolute path."""
    try:
        text = resource_path("style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
    return text.replace("{icons}", resource_path("icons").as_posix())


def return_freed_memory() -> None:
    """Have glibc give large freed blocks back to the system at once.

    glibc maps a large block on its own and unmaps it when freed, but after
    each such free it raises the size from which it does so (up to 32 MB), so
    the next 10 MB text lands in the heap and stays there after it is freed:
    each large text opened left some 30 MB behind, and peak memory grew from
    one open to the next. A fixed threshold keeps every large text, its
    output and their copies in their own mappings, returned when freed.
    Elsewhere (macOS, Windows, musl) this does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)


def configure(app: QApplication) -> None:
    """Name, icon and look of the application (shared with the screenshot script).

    Also how the process returns freed memory (`return_freed_memory`).
    """
    return_freed_memory()
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("textwash")
    app.setWindowIcon(application_icon())
    if sys.platform != "darwin":
        app.setStyle("Fusion")
    app.setStyleSheet(stylesheet())


def main(files: list[str] | None = None) -> int:
    """Open the curation window, with `files` (the first opened) or the sample text."""
    from gui.app.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure(app)
    window = MainWindow(QSettings())
    window.show()
    window.start(list(files or []))
    return app.exec()
