"""Grab the window offscreen with the sample text: resources/screenshot.png.

    python tests/tools/screenshot.py                 # light palette
    python tests/tools/screenshot.py --dark out.png  # dark palette, to check the look
    python tests/tools/screenshot.py --dataset tests/data/isot_small.csv /tmp/d.png
                                                     # a dataset open, two records
                                                     # saved and one skipped
    python tests/tools/screenshot.py --user-rule out.png  # a user regex rule being edited
    python tests/tools/screenshot.py --file big.txt out.png  # a file instead of the sample
    python tests/tools/screenshot.py --changes --find out.png   # the Changes dock, a find
    python tests/tools/screenshot.py --file long.txt --type "Typed. " out.png
                                                     # keys typed at the start of the raw text
    python tests/tools/screenshot.py --changes --dataset tests/data/isot_small.csv out.png
                                                     # ... with the dataset's figures
    QT_QPA_PLATFORM=xcb xvfb-run -s "-screen 0 1600x1000x24" python tests/tools/screenshot.py
                                                     # under a real X server
    QT_SCALE_FACTOR=2 python tests/tools/screenshot.py out.png  # at 2x scale

Uses a throwaway settings file, so it never touches the user's settings.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def show_dataset(window, path: str) -> None:
    """Open a dataset, save two records, skip one, and leave the fourth on screen."""
    datasets = window.datasets
    with waiting_for(datasets.session.dataset_opened, 0, 20_000):
        datasets.open_dataset(path, field=None if Path(path).is_dir() else "text")
    session = datasets.session
    for _ in range(2):
        session.save_current()
        datasets._go_to_next_pending()
    session.skip_current("not news: a list of tweets")
    datasets._go_to_next_pending()
    wait_for_explanation(window)


@contextmanager
def waiting_for(signal, settle_ms: int, timeout_ms: int):
    """Run the body, then wait for `signal` (and `settle_ms` more), `timeout_ms` at most.

    The slot is disconnected afterwards: a connection left behind would keep
    its event loop alive past the window, into the interpreter's clean-up.
    """
    loop = QEventLoop()

    def settle(*_args) -> None:
        QTimer.singleShot(settle_ms, loop.quit)

    signal.connect(settle)
    try:
        yield
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
    finally:
        signal.disconnect(settle)


def wait_for_explanation(window) -> None:
    with waiting_for(window.preview.text_explained, 100, 10_000):
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default=str(REPO / "resources" / "screenshot.png"))
    parser.add_argument("--dark", action="store_true", help="use a dark palette")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument(
        "--dataset", help="open this dataset (text column `text`) into a throwaway corpus"
    )
    parser.add_argument(
        "--user-rule",
        action="store_true",
        help="add a user regex rule (selected in the editor) and a protect pattern",
    )
    parser.add_argument("--invisible", action="store_true", help="show invisible characters")
    parser.add_argument("--file", help="open this text file instead of the sample")
    parser.add_argument("--changes", action="store_true", help="show the Changes dock")
    parser.add_argument("--find", help="open the find bar on the raw text with this text")
    parser.add_argument("--preset", help="select this preset first")
    parser.add_argument("--type", help="type this at the start of the raw text (caret shown)")
    args = parser.parse_args()

    from gui.app.launch import configure
    from gui.app.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    configure(app)
    if args.dark:
        from gui.app.theme import apply_theme

        apply_theme(app, "dark")
    with tempfile.TemporaryDirectory() as settings_dir:
        settings = QSettings(str(Path(settings_dir) / "s.ini"), QSettings.Format.IniFormat)
        corpus = Path.home() / "corpus"
        if args.dataset:
            corpus = Path(settings_dir) / "corpus"
            corpus.mkdir()
        settings.setValue("corpus/folder", str(corpus))
        window = MainWindow(settings)
        width, height = (int(n) for n in args.size.split("x"))
        window.resize(width, height)
        window.show()
        with waiting_for(window.preview.text_explained, 50, 60_000 if args.file else 10_000):
            window.start([args.file] if args.file else [])
        if args.dataset:
            show_dataset(window, args.dataset)
        window.rule_panel.setCurrentRow(1)
        if args.invisible:
            window.invisible_action.setChecked(True)
            marked = "Zero\u200bwidth,\u00a0no-break\tand tab.\n"
            if window.raw_text.is_large():  # the large-text editor
                window.raw_text.set_cursor_offset(0)
                window.raw_text.large_view().insert_text(marked)
            else:
                window.raw_text.moveCursor(window.raw_text.textCursor().MoveOperation.Start)
                window.raw_text.insertPlainText(marked)
            wait_for_explanation(window)
        if args.user_rule:
            profiles = window.profile_model
            profiles.set_protect(["C\\+\\+"])
            window.rule_panel.setCurrentRow(0)
            window.add_rule("regex_replace")
            index = window.rule_editor.index
            profiles.set_rule_params(
                index, {"name": "times of day", "pattern": r"\b(\d+)pm\b", "replacement": r"\1 pm"}
            )
            # A replacement naming a group the pattern lacks: shown inline, not applied.
            replacement = window.rule_editor.field("replacement")
            replacement.selectAll()
            QTest.keyClicks(replacement, "\\2 pm")
            window.rule_editor.flush()
            wait_for_explanation(window)
        if args.preset:
            with waiting_for(window.preview.text_explained, 100, 10_000):
                window.profile_actions.select_preset(args.preset)
        if args.changes:
            window.analysis.dock.show()
            with waiting_for(window.analysis.summary_ready, 100, 10_000):
                pass
            if args.dataset:  # and the dataset's figures under it
                chart = window.analysis.corpus_chart
                for _ in range(400):
                    if chart.figures() is not None and not chart.is_stale():
                        break
                    QTest.qWait(50)
        if args.type:
            window.activateWindow()  # the caret is drawn in the focused pane only
            window.raw_text.setFocus()
            window.raw_text.set_cursor_offset(0)
            app.processEvents()
            with waiting_for(window.preview.text_explained, 100, 60_000):
                QTest.keyClicks(QApplication.focusWidget() or window.raw_text, args.type)
        if args.find:
            window.raw_text.setFocus()
            window.find.find_in_raw(args.find)
        app.processEvents()
        window.grab().save(args.output)
        window.shutdown()
        # Let the window go while the application still exists (not close(): that
        # would ask about unsaved edits); left to the interpreter's final clean-up,
        # it would outlive QApplication.
        del window
        gc.collect()
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
