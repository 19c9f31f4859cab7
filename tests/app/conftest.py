"""Fixtures for window tests: throwaway settings, a shown window, patched dialogs.

Every test gets its own ini-file QSettings under tmp_path, so nothing reads or
writes the user's settings. Message boxes and file dialogs are patched to fail
loudly unless a test says what they should answer: a dialog that opens
unexpectedly would otherwise block an offscreen run forever. Cyclic garbage is
collected on the UI thread only, as in the application.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.app.main_window import MainWindow
from gui.app.ui_thread_gc import collect_garbage_on_ui_thread
from gui.app.widgets import prompts, store_prompts
from tests.app.text_models import TextModels


class DialogLog:
    """Records patched dialogs and answers them as a test arranged."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.answers: dict[str, list] = {}

    def answer(self, kind: str, *values) -> None:
        self.answers.setdefault(kind, []).extend(values)

    def _reply(self, kind: str, title: str = "", text: str = ""):
        self.calls.append((kind, title, text))
        queue = self.answers.get(kind)
        if not queue:
            raise AssertionError(f"unexpected dialog {kind}: {title}: {text}")
        return queue.pop(0)

    def texts(self, kind: str) -> list[str]:
        return [text for called, _title, text in self.calls if called == kind]


@pytest.fixture
def dialogs(monkeypatch) -> DialogLog:
    log = DialogLog()
    for kind in ("question", "warning", "critical", "information"):

        def fake(_parent, title, text, *_args, kind=kind, **_kwargs):
            return log._reply(kind, title, text)

        monkeypatch.setattr(QMessageBox, kind, staticmethod(fake))
    monkeypatch.setattr(
        QMessageBox, "about", staticmethod(lambda *a: log.calls.append(("about", "", "")))
    )
    # The window's own prompts (buttons with mnemonics) answer like QMessageBox.question.
    monkeypatch.setattr(
        prompts, "ask_unsaved", lambda _parent, what="The raw text": log._reply(
            "question", "Unsaved edits", f"{what} has edits that are not saved to the corpus."
        ),
    )  # fmt: skip
    monkeypatch.setattr(
        prompts, "ask_corpus_problem",
        lambda _parent, folder, problem: log._reply("corpus_problem", folder, problem),
    )  # fmt: skip
    # The corpus store's questions (gui/app/widgets/store_prompts): kinds named after them.
    monkeypatch.setattr(
        store_prompts, "ask_profile_mismatch",
        lambda _parent, folder, corpus_profile, profile: log._reply(
            "profile_mismatch", folder, f"{corpus_profile} / {profile}"
        ),
    )  # fmt: skip
    monkeypatch.setattr(
        store_prompts, "ask_replace",
        lambda _parent, title, file: log._reply("replace", title, file),
    )  # fmt: skip
    monkeypatch.setattr(
        store_prompts, "ask_corpus_locked",
        lambda _parent, folder, holder: log._reply(
            "corpus_locked", folder, store_prompts.holder_text(holder)
        ),
    )  # fmt: skip
    for kind in ("getOpenFileName", "getSaveFileName"):

        def fake_file(*_args, kind=kind, **_kwargs):
            return (str(log._reply(kind)), "")

        monkeypatch.setattr(QFileDialog, kind, staticmethod(fake_file))
    monkeypatch.setattr(
        QFileDialog,
        "getExistingDirectory",
        staticmethod(lambda *_a, **_k: str(log._reply("getExistingDirectory"))),
    )
    return log


@pytest.fixture(autouse=True, scope="package")
def ui_thread_gc(qapp):
    """Garbage collected on the UI thread only, as in the application (launch.configure).

    For the window tests alone: the Qt-free tests after them run with the
    automatic collector, after a last collection here of what these left.
    """
    collector = collect_garbage_on_ui_thread(qapp)
    yield collector
    collector.stop()


@pytest.fixture
def settings_path(tmp_path) -> Path:
    return tmp_path / "settings" / "textwash.ini"


@pytest.fixture
def settings(settings_path) -> QSettings:
    return QSettings(str(settings_path), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, dialogs):
    """Build windows on given settings; each is closed without prompts at the end."""
    windows: list[MainWindow] = []

    def make(settings: QSettings, files: list[str] | None = None, start: bool = True):
        window = MainWindow(settings)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        if start:
            window.start(files or [])
        return window

    yield make
    for window in windows:
        window.document.set_modified(False)
        window.close()
        window.shutdown()
        window.deleteLater()


@pytest.fixture
def window(make_window, settings) -> MainWindow:
    """A window on fresh settings, with the sample text loaded and normalized."""
    return make_window(settings)


@pytest.fixture
def wait_for_output(qtbot):
    """Wait until the output pane shows exactly `expected`."""

    def wait(window: MainWindow, expected: str, timeout: int = 5000) -> None:
        qtbot.waitUntil(lambda: window.normalized_text.output() == expected, timeout=timeout)

    return wait


@pytest.fixture
def wait_until_explained(qtbot):
    """Wait until the session has the explanation of its current text and profile."""

    def wait(window: MainWindow, timeout: int = 5000) -> None:
        session = TextModels.of(window)
        qtbot.waitUntil(
            lambda: (
                session.preview.explanation is not None
                and session.preview.explanation.text == session.document.text
                and session.preview.explanation.reports
                and len(session.preview.explanation.reports)
                == len(session.profile_model.profile.steps)
                and not session.preview.busy
            ),
            timeout=timeout,
        )

    return wait


@pytest.fixture
def opened(qtbot):
    """Run `action` (which opens a file) and wait for the document's answer, either one."""

    def run(window: MainWindow, action, timeout: int = 10_000) -> None:
        answers: list[str] = []
        document = window.document
        document.file_opened.connect(answers.append)
        document.open_failed.connect(lambda path, _message: answers.append(path))
        action()
        qtbot.waitUntil(lambda: bool(answers), timeout=timeout)

    return run
