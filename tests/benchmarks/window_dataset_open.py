"""How long the window takes to show the first record of a >= 100 MB CSV, and its memory.

    python tests/benchmarks/window_dataset_open.py               # ~105 MB
    python tests/benchmarks/window_dataset_open.py --size-mb 200

Builds the CSV in the temporary folder by repeating the rows of the shared
ISOT sample (`../shared/corpora/isot_true_sample.csv`) until it is at least
`--size-mb` (kept there between runs; never in the repository). Then, in an
offscreen window with throwaway settings and corpus folder, goes the File >
Open Dataset path (column chooser patched to answer `text`) and times:

- until the record list is filled (`dataset_opened`),
- until the raw pane shows the first record (`record_shown`),
- until its normalized output is on screen (`text_normalized`).

A 5 ms timer measures the longest stall of the UI thread meanwhile (the
indexing runs in a worker: the window must stay responsive). Peak memory is
the process's maximum resident set size, before and after. Prints figures;
it is not a pass/fail test (exit 1 only if the shown record is wrong).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
SAMPLE = REPO.parent / "shared" / "corpora" / "isot_true_sample.csv"

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def build_csv(size_mb: int) -> Path:
    """The sample's header once, then its data rows repeated to at least `size_mb`."""
    target = Path(tempfile.gettempdir()) / f"textwash_isot_{size_mb}mb.csv"
    want = size_mb * 1024 * 1024
    if target.exists() and target.stat().st_size >= want:
        return target
    data = SAMPLE.read_bytes()
    header, _newline, rows = data.partition(b"\n")
    if not rows.endswith(b"\n"):
        rows += b"\n"
    partial = target.with_suffix(".partial")
    with open(partial, "wb") as out:
        out.write(header + b"\n")
        written = len(header) + 1
        while written < want:
            out.write(rows)
            written += len(rows)
    partial.replace(target)
    return target


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


from stall_meter import StallMeter  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=100)
    args = parser.parse_args()
    if not SAMPLE.exists():
        print(f"skipped: the shared sample is not there ({SAMPLE})")
        return 0
    path = build_csv(args.size_mb)
    size = path.stat().st_size

    from gui.app.launch import configure
    from gui.app.main_window import MainWindow
    from gui.app.widgets.dataset_open_dialog import DatasetOpenDialog
    from gui.engine import normalize
    from gui.io.datasets import open_dataset

    DatasetOpenDialog.choose_field = staticmethod(lambda *_args: "text")
    app = QApplication(sys.argv[:1])
    configure(app)
    with tempfile.TemporaryDirectory() as scratch:
        settings = QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        settings.setValue("corpus/folder", str(corpus))
        window = MainWindow(settings)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        before = max_rss_mb()

        stamps: dict[str, float] = {}
        loop = QEventLoop()
        datasets = window.datasets.session
        datasets.dataset_opened.connect(lambda _r: stamps.setdefault("listed", time.perf_counter()))
        datasets.record_shown.connect(lambda _i: stamps.setdefault("shown", time.perf_counter()))

        def normalized(_output: str) -> None:
            if "shown" in stamps:
                stamps.setdefault("normalized", time.perf_counter())
                loop.quit()

        window.preview.text_normalized.connect(normalized)
        datasets.opening_failed.connect(lambda message: (print(message), loop.quit()))
        QTimer.singleShot(120_000, loop.quit)
        stall = StallMeter()
        stall.start()
        began = time.perf_counter()
        window.datasets.open_dataset(str(path))
        loop.exec()
        worst = stall.stop()
        after = max_rss_mb()

        review = datasets.review
        if review is None or "normalized" not in stamps:
            print("FAILED: the first record was not shown")
            return 1
        records = len(review.dataset)
        first = open_dataset(path, "text").text(0)
        ok = window.document.text == first and window.normalized_text.output() == normalize(first)
        print(f"dataset: {path} ({size / 1e6:.1f} MB, {records:,} records)")
        print(f"record list filled:        {stamps['listed'] - began:6.2f} s")
        print(f"first record in raw pane:  {stamps['shown'] - began:6.2f} s")
        print(f"its normalized output:     {stamps['normalized'] - began:6.2f} s")
        print(f"longest UI stall meanwhile: {worst * 1000:5.0f} ms")
        print(f"peak RSS: {after:.0f} MB (window alone before opening: {before:.0f} MB)")
        window.shutdown()
        if not ok:
            print("FAILED: the raw pane does not show the first record's text")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
