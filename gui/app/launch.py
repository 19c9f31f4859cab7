"""Start the window: the QApplication, its name (for QSettings), icon and style.

`textwash` and `textwash FILE...` (gui/cli/dispatch.py) call `main(files)`. Nothing
happens at import; `main` builds everything and runs the event loop.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from gui import __version__
from gui.app.memory import configure_allocator
from gui.app.ui_thread_gc import collect_garbage_on_ui_thread
from gui.io.resources import resource_path

ORGANIZATION = "Textwash"
APPLICATION = "Textwash"


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


def configure(app: QApplication) -> None:
    """Name, icon and look of the application (shared with the screenshot script).

    Also how the process uses memory for large texts (gui/app/memory.py) and
    that cyclic garbage is collected on the UI thread only (gui/app/ui_thread_gc.py).
    """
    configure_allocator()
    collect_garbage_on_ui_thread(app)
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
    collect_garbage_on_ui_thread(app).settle()  # before any text: nothing of one frozen
    window.start(list(files or []))
    return app.exec()
