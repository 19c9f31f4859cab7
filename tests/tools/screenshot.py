"""Grab the window offscreen with the sample text: resources/screenshot.png.

    python tests/tools/screenshot.py                 # light palette
    python tests/tools/screenshot.py --dark out.png  # dark palette, to check the look
    python tests/tools/screenshot.py --file big.txt out.png  # a file instead of the sample

Uses a throwaway settings file, so it never touches the user's settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202226",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#17181b",
        QPalette.ColorRole.AlternateBase: "#1d1f23",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#2a2d32",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#3b82f6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#8a8f98",
        QPalette.ColorRole.Mid: "#3a3d44",
        QPalette.ColorRole.ToolTipBase: "#2a2d32",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    return palette


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default=str(REPO / "resources" / "screenshot.png"))
    parser.add_argument("--dark", action="store_true", help="use a dark palette")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--file", help="open this text file instead of the sample")
    args = parser.parse_args()

    from gui.app import configure
    from gui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    configure(app)
    if args.dark:
        app.setPalette(dark_palette())
    with tempfile.TemporaryDirectory() as settings_dir:
        settings = QSettings(str(Path(settings_dir) / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("corpus/folder", str(Path.home() / "corpus"))
        window = MainWindow(settings)
        width, height = (int(n) for n in args.size.split("x"))
        window.resize(width, height)
        window.show()
        loop = QEventLoop()
        window.session.text_explained.connect(lambda _e: QTimer.singleShot(50, loop.quit))
        QTimer.singleShot(60_000 if args.file else 10_000, loop.quit)
        window.start([args.file] if args.file else [])
        loop.exec()
        window.rule_panel.setCurrentRow(1)
        app.processEvents()
        window.grab().save(args.output)
        window.session.shutdown()
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
