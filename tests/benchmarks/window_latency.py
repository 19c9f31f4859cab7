"""Keystroke-to-output latency of the window, on the seed text and on 1 MB.

    python tests/benchmarks/window_latency.py

Types keys at the end of the raw pane (real key events, offscreen) and times
until the normalized pane shows the new output (text_normalized, after the
output view is updated), and until highlights and counts follow
(text_explained). The debounce pause is part of the figure; it is also shown
without it. While the worker runs, a 5 ms timer measures the longest stall of
the UI thread. Prints figures; it is not a pass/fail test.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
SEED = REPO.parent / "shared" / "seeds" / "000_original_reconstructed.txt"

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


class StallMeter:
    """Longest gap between ticks of a 5 ms timer: how long the UI thread was busy."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.worst = 0.0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now


class Stamps:
    """When the session last said the output, and the explanation, were ready."""

    def __init__(self, session) -> None:
        self.shown: float | None = None
        self.explained: float | None = None
        session.text_normalized.connect(self._shown)
        session.text_explained.connect(self._explained)

    def reset(self) -> None:
        self.shown = self.explained = None

    def _shown(self, _output) -> None:
        self.shown = time.perf_counter()

    def _explained(self, _explanation) -> None:
        self.explained = time.perf_counter()

    def wait(self, timeout: float = 120.0) -> None:
        app = QApplication.instance()
        limit = time.perf_counter() + timeout
        while self.explained is None or self.shown is None:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            if time.perf_counter() > limit:
                raise TimeoutError("no result")


def measure(window, text: str, label: str, keys: int) -> None:
    from gui.session import DEBOUNCE_MS, LARGE_DEBOUNCE_MS, LARGE_TEXT

    session = window.session
    stamps = Stamps(session)
    session.load_text(text)
    stamps.wait()
    editor = window.raw_text
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    debounce = (LARGE_DEBOUNCE_MS if len(text) > LARGE_TEXT else DEBOUNCE_MS) / 1000
    shown, explained, stalls, key_costs = [], [], [], []
    meter = StallMeter()
    for n in range(keys):
        stamps.reset()
        began = time.perf_counter()
        QTest.keyClick(editor, Qt.Key.Key_A if n % 2 else Qt.Key.Key_1)
        key_costs.append(time.perf_counter() - began)
        meter.start()
        stamps.wait()
        shown.append(stamps.shown - began)
        explained.append(stamps.explained - began)
        stalls.append(meter.stop())
    ms = 1000
    print(f"\n{label}: {len(text):,} chars, {keys} keystrokes, debounce {debounce * ms:.0f} ms")
    print(f"  key event handled in         median {statistics.median(key_costs) * ms:7.1f} ms")
    for name, values in (("output shown", shown), ("highlights+counts", explained)):
        median = statistics.median(values)
        print(
            f"  keystroke -> {name:<17} median {median * ms:7.1f} ms  "
            f"(max {max(values) * ms:.1f}; without debounce {(median - debounce) * ms:.1f})"
        )
    print(f"  longest UI stall meanwhile   median {statistics.median(stalls) * ms:7.1f} ms")


def main() -> int:
    from gui.app import configure
    from gui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    configure(app)
    seed = SEED.read_text(encoding="utf-8")
    big = (seed * (2**20 // len(seed) + 1))[: 2**20]
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(1280, 800)
        window.show()
        measure(window, seed, "seed text", keys=20)
        measure(window, big, "1 MB text", keys=5)
        window.session._set_modified(False)
        window.session.shutdown()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
