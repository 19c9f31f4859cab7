"""Keystroke-to-output latency of the window: seed text, 100 KB, 1 MB, 10 MB.

    python tests/benchmarks/window_latency.py
    python tests/benchmarks/window_latency.py --keys 40 --only "100 KB, one line"

Types keys at the end of the raw pane (real key events, offscreen, window
shown, highlighting on) and times, from just before the key event is sent:

- output shown: until the output pane starts painting the new output (its
  viewport receives a paint event after the session delivered the output;
  the pane is scrolled to the end of the output first, where the keys change
  it, since it repaints only a change that is on screen);
- output applied: until the output pane was given the new output (slot);
- highlights: until the raw pane received the highlight spans and the rule
  panel its counts (highlights_ready), and painted them.

The session's debounce delay (0 ms up to 300,000 characters) is part of the
figures; they are also shown without it. Median and p90 over `--keys` keys.
The 100 KB text is the seed article repeated on one line (the editor's worst
case: Qt relays out the whole line per key); the multi-line variants put one
article per line. Exits 1 only if the output shown is not the engine's output.
"""

from __future__ import annotations

import argparse
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

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from stall_meter import StallMeter  # noqa: E402


class Stamps(QObject):
    """When the output was applied and painted, and the highlights arrived and painted."""

    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        self.reset()
        window.preview.text_normalized.connect(self._applied)
        window.preview.highlights_ready.connect(self._highlighted)
        window.normalized_text.viewport().installEventFilter(self)
        window.raw_text.viewport().installEventFilter(self)
        self.raw_viewports = [window.raw_text.viewport()]
        large = window.raw_text.findChild(QWidget, "large_raw_text")
        if large is not None:  # the raw pane's editor of large texts
            large.viewport().installEventFilter(self)
            self.raw_viewports.append(large.viewport())

    def reset(self) -> None:
        self.applied = self.shown = self.highlighted = self.painted = None

    def _applied(self, _output) -> None:
        self.applied = time.perf_counter()

    def _highlighted(self, _highlights) -> None:
        self.highlighted = time.perf_counter()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            now = time.perf_counter()
            if watched is self.window.normalized_text.viewport():
                if self.applied is not None and self.shown is None:
                    self.shown = now
            elif (
                watched in self.raw_viewports
                and self.highlighted is not None
                and self.painted is None
            ):
                self.painted = now
        return False

    def done(self) -> bool:
        return self.shown is not None and self.highlighted is not None

    def wait(self, timeout: float = 120.0) -> None:
        """Run the event loop (idle waits sleep, as in the app) until both arrived."""
        loop = QEventLoop()
        check = QTimer()
        check.setInterval(1)
        check.timeout.connect(lambda: self.done() and loop.quit())
        QTimer.singleShot(int(timeout * 1000), loop.quit)
        check.start()
        loop.exec()
        check.stop()
        if not self.done():
            raise TimeoutError("no result")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def measure(window, text: str, label: str, keys: int) -> bool:
    from gui.app.models.preview_jobs import debounce_ms
    from gui.engine import Pipeline
    from tests.app.text_models import TextModels

    session = TextModels.of(window)
    stamps = Stamps(window)
    session.document.load_text(text)
    stamps.wait()
    raw = window.raw_text
    raw.setFocus()
    raw.set_cursor_offset(len(text))
    # The output pane shows the end of the output, where the keys change it: it
    # repaints only a change on screen (one off screen is shown by repainting nothing).
    output_pane = window.normalized_text
    output_pane.scroll_to(len(output_pane.output()))
    QApplication.processEvents()
    editor = QApplication.focusWidget() or raw
    large = "large-text editor" if raw.is_large() else "Qt's editor"
    # Texts on the incremental path (see gui/app/models/preview.py) wait for no pause.
    debounce = 0.0 if session.preview.incremental else debounce_ms(len(text)) / 1000
    shown, applied, highlighted, stalls, key_costs = [], [], [], [], []
    meter = StallMeter()
    for n in range(keys):
        stamps.reset()
        meter.start()
        began = time.perf_counter()
        # A letter, then a space: each key changes the output (a digit might not).
        QTest.keyClick(editor, Qt.Key.Key_Space if n % 2 else Qt.Key.Key_A)
        key_costs.append(time.perf_counter() - began)
        stamps.wait()
        shown.append(stamps.shown - began)
        applied.append(stamps.applied - began)
        highlighted.append(stamps.highlighted - began)
        stalls.append(meter.stop())
    ok = window.normalized_text.output() == Pipeline(session.profile_model.profile).run(
        session.document.text
    )
    ms = 1000
    path = "incremental" if session.preview.incremental else "full runs"
    print(
        f"\n{label}: {len(text):,} chars, {keys} keystrokes, {path}, {large}, "
        f"debounce {debounce * ms:.0f} ms"
    )
    print(f"  key event handled in          median {statistics.median(key_costs) * ms:7.1f} ms")
    for name, values in (
        ("output shown", shown),
        ("output applied", applied),
        ("highlights", highlighted),
    ):
        median = statistics.median(values)
        print(
            f"  keystroke -> {name:<16} median {median * ms:7.1f} ms  "
            f"p90 {percentile(values, 0.9) * ms:7.1f} ms  (max {max(values) * ms:.1f}; "
            f"without debounce: median {(median - debounce) * ms:.1f})"
        )
    print(f"  longest UI stall meanwhile    median {statistics.median(stalls) * ms:7.1f} ms")
    if not ok:
        print("  WRONG: the output pane does not show the engine output")
    return ok


def main() -> int:
    from gui.app.launch import configure
    from gui.app.main_window import MainWindow
    from gui.app.ui_thread_gc import collect_garbage_on_ui_thread

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=30, help="keystrokes per text")
    parser.add_argument("--only", help="run only the text with this label")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    configure(app)
    seed = SEED.read_text(encoding="utf-8")
    texts = {
        "seed text": seed,
        "100 KB, one line": (seed * (100_000 // len(seed) + 1))[:100_000],
        "100 KB, one article per line": "\n".join([seed] * (100_000 // len(seed) + 1))[:100_000],
        "1 MB, one article per line": "\n".join([seed] * (2**20 // len(seed) + 1))[: 2**20],
        "10 MB, one article per line": "\n".join([seed] * (10 * 2**20 // len(seed) + 1))[
            : 10 * 2**20
        ],
    }
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(1280, 800)
        window.show()
        collect_garbage_on_ui_thread(app).settle()  # as launch.main does
        if not window.highlight_toggle.isChecked():
            window.highlight_toggle.setChecked(True)
        for label, text in texts.items():
            if args.only and args.only != label:
                continue
            keys = args.keys
            if len(text) >= 500_000:
                keys = max(args.keys // (3 if len(text) < 5_000_000 else 6), 5)
            ok = measure(window, text, label, keys) and ok
        window.document.set_modified(False)
        window.shutdown()
        window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
