"""A window that is gone must leave nothing the garbage collector trips over.

QTextCursors kept by the raw pane once outlived their document: collecting
them after the window was deleted corrupted the heap ("free(): invalid
pointer"). Checked in a subprocess, so a crash fails this test instead of
ending the run.
"""

import os
import subprocess
import sys

from tests.conftest import REPO

SCRIPT = """
import gc, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from gui.app.main_window import MainWindow

app = QApplication([])
settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
window = MainWindow(settings)
window.show()
loop = QEventLoop()
window.preview.highlights_ready.connect(lambda _h: QTimer.singleShot(50, loop.quit))
QTimer.singleShot(20_000, loop.quit)
window.document.load_text("Hello World 123 [x] <b>y</b> https://example.org")
loop.exec()
assert window.raw_text.extraSelections(), "no highlights were shown"
window.shutdown()
del window, loop
gc.collect()
print("collected")
"""


def test_collecting_after_the_window_is_gone_is_safe():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-600:]
    assert result.stdout.strip() == "collected"
