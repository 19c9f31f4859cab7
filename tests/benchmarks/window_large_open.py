"""Open a 10 MB text whose output is one line: does the window ever freeze?

    python tests/benchmarks/window_large_open.py
    python tests/benchmarks/window_large_open.py --size-mb 10 --rounds 3

Writes the seed article repeated to `--size-mb` (one line, like the dataset's
records; its wordopt output is one line too) to a temporary file, opens it in a
real window (offscreen) through `MainWindow.open_file`, and runs a 5 ms
heartbeat QTimer on the event loop from the open until the output is shown and
the raw pane is highlighted. Prints the largest gap between heartbeats (target:
never more than 100 ms), the times to output shown and to highlighted (target:
highlighted within 1 s of the output), and the
peak resident memory of the window process (target: under 300 MB). A text this
large is explained by the window's helper process (gui/workflow/explain_process.py):
its own peak (VmHWM, read before it exits) is printed separately, and so is
that of the process that computes the expected output. Exits 1 only if what
the window shows is wrong: the
output pane must hold exactly the engine's output, Select All + Copy must put
exactly that on the clipboard, and the raw pane must hold the file's text.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
SEED = REPO.parent / "shared" / "seeds" / "000_original_reconstructed.txt"

# Qt is imported in the functions that use it: the explain helper process
# imports this script as its main module, and has no use for Qt.


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


class Heartbeat:
    """Largest gap between ticks of a 5 ms timer, and when it happened."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.began = self.last = time.perf_counter()
        self.worst = 0.0
        self.worst_at = 0.0
        self.ticks = 0

    def start(self) -> None:
        self.began = self.last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        if now - self.last > self.worst:
            self.worst, self.worst_at = now - self.last, self.last - self.began
        self.last = now
        self.ticks += 1

    def stop(self) -> float:
        self.timer.stop()
        self._tick()
        return self.worst


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def engine_digest(path: Path) -> str:
    """The wordopt output's digest, computed in a child process (its memory is not ours)."""
    code = (
        "import hashlib, sys; from gui.engine import Pipeline, load_preset; "
        "t = open(sys.argv[1], encoding='utf-8').read(); "
        "print(hashlib.sha256(Pipeline(load_preset('wordopt')).run(t).encode()).hexdigest())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], cwd=REPO, capture_output=True, text=True
    )
    return done.stdout.strip()


def one_round(window, path: Path, size: int, expected: str) -> dict:
    from PySide6.QtCore import QEventLoop, QTimer

    from tests.app.text_models import TextModels

    session = TextModels.of(window)
    stamps: dict[str, float] = {}

    def stamp(name: str) -> None:
        if len(session.document.text) == size:
            stamps.setdefault(name, time.perf_counter())

    session.preview.text_normalized.connect(lambda _o: stamp("shown"))
    session.preview.highlights_ready.connect(lambda _h: stamp("highlighted"))
    beat = Heartbeat()
    beat.start()
    began = time.perf_counter()
    # Opening is a user action: its own call is part of what must stay short.
    window.open_file(str(path), confirm=False)
    opened = time.perf_counter() - began
    # Run the event loop as the app does (idle waits sleep) until both arrived.
    loop = QEventLoop()
    beat.timer.timeout.connect(
        lambda: "highlighted" in stamps and "shown" in stamps and loop.quit()
    )
    QTimer.singleShot(300_000, loop.quit)
    loop.exec()
    if "highlighted" not in stamps or "shown" not in stamps:
        raise TimeoutError("no result in 300 s")
    # One more turn so the panes paint what they were given.
    window.normalized_text.viewport().repaint()
    window.raw_text.repaint()
    gap = beat.stop()
    ok = True
    if digest(window.normalized_text.output()) != expected:
        print("  WRONG: the output pane does not hold the engine output")
        ok = False
    if window.raw_text.toPlainText() != path.read_text(encoding="utf-8"):
        print("  WRONG: the raw pane does not hold the file's text")
        ok = False
    return {
        "open call": opened,
        "shown": stamps["shown"] - began,
        "highlighted": stamps["highlighted"] - began,
        "gap": gap,
        "gap at": beat.worst_at,
        "ok": ok,
        "rss": peak_mb(),
        "where": session.preview.explanation.where if session.preview.explanation else "?",
    }


def check_copy(window, expected: str) -> bool:
    """Select All + Copy in the output pane puts exactly the output on the clipboard."""
    from PySide6.QtGui import QGuiApplication

    view = window.normalized_text
    view.selectAll()
    view.copy()
    copied = QGuiApplication.clipboard().text()
    view.set_selection(0, 0)
    QGuiApplication.clipboard().clear()
    if digest(copied) != expected:
        print("  WRONG: Select All + Copy did not copy the exact output")
        return False
    return True


def helper_peak_mb(helper) -> float | None:
    """The explain helper's peak resident memory (VmHWM), read while it runs."""
    if helper is None or helper.pid is None:
        return None
    try:
        with open(f"/proc/{helper.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return helper.peak_rss_kb / 1024  # what it reported with its last answer


def main() -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    from gui.app.launch import configure
    from gui.app.main_window import MainWindow
    from gui.app.ui_thread_gc import collect_garbage_on_ui_thread

    app = QApplication(sys.argv[:1])
    configure(app)
    seed = SEED.read_text(encoding="utf-8")
    size = int(args.size_mb * 2**20)
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.txt"
        with path.open("w", encoding="utf-8") as file:
            for _ in range(size // len(seed)):
                file.write(seed)
            file.write(seed[: size % len(seed)])
        expected = engine_digest(path)
        print(f"{size / 2**20:.1f} MB text on one line (the seed article repeated)")
        print(f"peak RSS before the window: {peak_mb():.0f} MB")
        empty = Path(folder) / "empty.txt"
        empty.write_text("", encoding="utf-8")
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(1280, 800)
        window.show()
        collect_garbage_on_ui_thread(app).settle()  # as launch.main does
        app.processEvents()
        for number in range(1, args.rounds + 1):
            # Start each round from an empty window.
            window.open_file(str(empty), confirm=False)
            window.preview.wait()
            app.processEvents()
            result = one_round(window, path, size, expected)
            ok = ok and result["ok"]
            verdict = "met" if result["gap"] < 0.1 else "NOT met"
            after_output = result["highlighted"] - result["shown"]
            print(
                f"round {number}: open_file() returned in {result['open call'] * 1000:.0f} ms; "
                f"output shown {result['shown']:.2f} s, highlighted {result['highlighted']:.2f} s "
                f"after the open (explained in a {result['where']}): {after_output:.2f} s "
                f"after the output (target < 1 s: {'met' if after_output < 1 else 'NOT met'}); "
                f"largest heartbeat gap {result['gap'] * 1000:.0f} ms (at {result['gap at']:.2f} "
                f"s; target < 100 ms: {verdict}); peak RSS so far {result['rss']:.0f} MB"
            )
        peak = peak_mb()
        ok = check_copy(window, expected) and ok
        helper = window.preview.explain_helper
        helper_peak = helper_peak_mb(helper)
        window.shutdown()
        window.close()
        orphan = helper is not None and helper.pid is not None
    print(
        f"peak RSS of the window process: {peak:.0f} MB "
        f"(target < 300 MB: {'met' if peak < 300 else 'NOT met'})"
    )
    if helper_peak is None:
        print("explain helper process: not started")
    else:
        print(
            f"peak RSS of the explain helper process: {helper_peak:.0f} MB "
            f"(started {helper.starts} time(s); "
            f"{'STILL RUNNING' if orphan else 'ended'} after shutdown)"
        )
    print(
        "peak RSS of the process computing the expected output: "
        f"{peak_mb(resource.RUSAGE_CHILDREN):.0f} MB"
    )
    print("outputs: " + ("exact" if ok else "WRONG"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
