"""How long does quitting take after a large text?

    python tests/benchmarks/window_quit.py
    python tests/benchmarks/window_quit.py --size-mb 8 --rounds 2

Each round runs the app in a child process (offscreen, as `textwash gui`
does: `MainWindow`, `start([file])`, `app.exec()`), waits until the text is
normalized, highlighted and its analysis has settled, then closes the window
the way File > Quit does. The child prints how long each step of the window's
shutdown took and when the event loop returned; this process measures the
wall time from the close to the child's exit (interpreter teardown included).
Cases: a 1 KB text (the baseline of the same run), the large text once all
work has settled, the large text as soon as its output is shown (its
explanation still running), and a 1.9 MB text as soon as its output is shown
and while the linked views' analysis explains it (in the window's own
process); ratios
to the baseline are printed. Target: quitting after an 8 MB text under 0.5 s. Exits 1
only if a child fails.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
SEED = REPO.parent / "shared" / "seeds" / "000_original_reconstructed.txt"
STEPS = ("dataset_session", "leakage", "analysis", "preview", "document", "corpus")


def child(path: str, settings_path: str, when: str) -> int:
    """The app on `path`; prints JSON lines: {"closing": t}, {"step": s}, {"exec_returned": t}."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from gui.app.launch import configure
    from gui.app.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    configure(app)
    window = MainWindow(QSettings(settings_path, QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    size = Path(path).stat().st_size
    window.start([path])
    steps: dict[str, float] = {}

    def timed(name: str, shutdown):
        def run() -> None:
            began = time.perf_counter()
            shutdown()
            steps[name] = time.perf_counter() - began

        return run

    owners = {name: getattr(window, name) for name in STEPS}
    owners["figures"] = window.view_tools.figures
    for name, owner in owners.items():
        owner.shutdown = timed(name, owner.shutdown)

    def settled() -> bool:
        preview, analysis = window.preview, window.analysis
        loaded = len(window.document.text) >= size * 0.9
        if when == "shown":  # as soon as the output is shown: its explanation still runs
            return loaded and bool(window.normalized_text.output())
        if when == "analysing":  # while the linked views' analysis explains the text
            return loaded and preview.explanation is not None and not analysis.wait(0)
        return (
            len(window.document.text) >= size * 0.9
            and preview.explanation is not None
            and preview.explanation.text == window.document.text
            and not preview.busy
            and (analysis.links is not None or size > 1_000_000)
            and analysis.wait(0)
        )

    def poll() -> None:
        if not settled():
            QTimer.singleShot(20, poll)
            return
        app.processEvents()
        print(json.dumps({"closing": time.time()}), flush=True)
        began = time.perf_counter()
        window.close()
        steps["close"] = time.perf_counter() - began
        print(json.dumps({"steps": steps}), flush=True)

    QTimer.singleShot(0, poll)
    app.exec()
    print(json.dumps({"exec_returned": time.time()}), flush=True)
    return 0


def one_quit(path: Path, folder: Path, when: str) -> dict:
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", str(path), str(folder / "settings.ini"),
         when],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines = [json.loads(line) for line in process.stdout]  # ends when the child exits
    process.wait()
    exited = time.time()
    found = {key: value for line in lines for key, value in line.items()}
    if process.returncode != 0 or "closing" not in found:
        raise RuntimeError(f"the child failed (exit {process.returncode})")
    return {
        "total": exited - found["closing"],
        "to exec return": found["exec_returned"] - found["closing"],
        "steps": found["steps"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=8.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", nargs=3, metavar=("FILE", "SETTINGS", "WHEN"))
    args = parser.parse_args()
    if args.child:
        path, settings, when = args.child
        return child(path, settings, when)
    seed = SEED.read_text(encoding="utf-8")
    size = int(args.size_mb * 2**20)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        large, medium, small = (folder / f"{n}.txt" for n in ("large", "medium", "small"))
        with large.open("w", encoding="utf-8") as file:
            for _ in range(size // len(seed)):
                file.write(seed)
        # Under the linked views' limit: its analysis explains in the window's process.
        medium.write_text(seed * (1_900_000 // len(seed)), encoding="utf-8")
        small.write_text(seed[:1024], encoding="utf-8")
        cases = {
            "1 KB, settled": (small, "settled"),
            f"{args.size_mb:g} MB, settled": (large, "settled"),
            f"{args.size_mb:g} MB, output just shown": (large, "shown"),
            "1.9 MB, output just shown": (medium, "shown"),
            "1.9 MB, while analysed": (medium, "analysing"),
        }
        results: dict[str, list[dict]] = {label: [] for label in cases}
        for _round in range(args.rounds):
            for label, (path, when) in cases.items():
                results[label].append(one_quit(path, folder, when))
    medians = {}
    for label, runs in results.items():
        total = statistics.median(run["total"] for run in runs)
        to_exec = statistics.median(run["to exec return"] for run in runs)
        medians[label] = total
        steps = runs[-1]["steps"]
        slowest = ", ".join(
            f"{step} {seconds * 1000:.0f} ms"
            for step, seconds in sorted(steps.items(), key=lambda item: -item[1])[:4]
        )
        print(
            f"{label}: quit in {total:.2f} s (median of {len(runs)}), event loop returned "
            f"after {to_exec:.2f} s; slowest steps of the last: {slowest}"
        )
    small_total, *others = medians.values()
    worst = max(others)
    verdict = "met" if worst < 0.5 else "NOT met"
    ratios = ", ".join(f"{total / max(small_total, 1e-3):.1f}x" for total in others)
    print(f"against 1 KB: {ratios}; target < 0.5 s in every case: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
