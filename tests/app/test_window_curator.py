"""The window as a curator's instrument: screen manners, keyboard, datasets, views.

Real windows offscreen (tests/app/conftest.py); dataset dialogs go through
the dialog log (the fixtures of test_dataset_window.py).
"""

# ruff: noqa: F811 (the dataset fixtures are imported from test_dataset_window)
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListView, QToolButton, QWidget

from gui.app.window_fit import available_geometry
from gui.engine import normalize
from tests.app.test_dataset_window import (  # noqa: F401 (fixtures)
    CANCEL,
    CSV,
    DISCARD,
    corpus,
    dataset_dialogs,
    ds_window,
    open_via_menu,
)

LONG = "Saved as-u-s-budget-fight-looms-republicans-flip-their-fiscal-script-" * 4 + ".txt"


def _questions(dialogs) -> list[str]:
    return [title for kind, title, _text in dialogs.calls if kind == "question"]


# -- screen manners ------------------------------------------------------------------


def test_window_never_widens_itself_with_a_dataset_open(qtbot, ds_window, dialogs):
    # Regression: at 1024x640 opening a dataset widened the window to 1456 px.
    window = ds_window
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() == 1024)
    open_via_menu(qtbot, window, dialogs, CSV)
    window.status.showMessage(LONG, 10000)
    window.datasets.progress.start("Applying: 35 of 1,008 · 56 records/s · 17 s left " * 3)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1024
    assert window.minimumWidth() <= 1024
    assert window.width() == 1024
    message = window.status.findChild(QWidget, "status_message")
    assert LONG in message.toolTip()


def test_first_start_fits_the_screen(make_window, settings):
    # Regression: at 2x scale the first window was larger than the screen.
    window = make_window(settings)
    available = available_geometry(window)
    assert window.width() <= available.width()
    assert window.height() <= available.height()


def test_undo_button_keeps_its_width(qtbot, window):
    # Regression: the Undo button's text grew with the command and reflowed the toolbar.
    button = window.findChild(QToolButton, "undo_rule_change_button")
    assert button is not None and button.text() == "Undo"
    width = button.sizeHint().width()
    window.profile_actions.select_preset("news-leak-safe")
    assert "news-leak-safe" in button.toolTip()
    assert button.text() == "Undo" and button.sizeHint().width() == width


def test_stale_highlights_go_as_soon_as_the_profile_changes(qtbot, window, wait_until_explained):
    # Regression: highlights of a just-disabled rule stayed for seconds on large texts.
    wait_until_explained(window)
    assert window.raw_text.highlighted_spans()
    window.profile_model.set_rule_enabled(0, False)
    assert window.raw_text.highlighted_spans() == []  # at once, before the new results


# -- keyboard and accessibility --------------------------------------------------------


def _focus_chain(window, start: QWidget, steps: int = 2000) -> list[str]:
    names, widget = [], start
    for _ in range(steps):
        widget = widget.nextInFocusChain()
        if widget is start:
            break
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            names.append(widget.objectName())
    return names


def test_tab_reaches_every_pane_and_control(qtbot, ds_window, dialogs):
    # Regression: Tab stopped in the raw pane; output, records and corpus button unreachable.
    window = ds_window
    open_via_menu(qtbot, window, dialogs, CSV)
    chain = _focus_chain(window, window.raw_text)
    for name in ("normalized_text", "record_list", "status_corpus", "rule_panel"):
        assert name in chain, f"{name} not reachable by Tab: {chain}"
    assert _focus_chain(window, window.normalized_text).count("raw_text") == 1
    window.raw_text.setFocus()
    qtbot.waitUntil(window.raw_text.hasFocus)
    before = window.document.text
    QTest.keyClick(window.raw_text, Qt.Key.Key_Tab)
    assert window.document.text == before and not window.document.modified


def test_main_widgets_have_accessible_names(window):
    for widget in (
        window.raw_text, window.normalized_text, window.rule_panel, window.preset_selector,
    ):  # fmt: skip
        assert widget.accessibleName(), widget.objectName()


def test_mnemonics_are_unique_in_every_menu(window):
    # Regression: "Open Dataset &Folder" and "Change Corpus &Folder" shared F.
    def check(menu, path):
        letters = []
        for action in menu.actions():
            if action.isSeparator():
                continue
            found = re.search(r"&(\w)", action.text().replace("&&", ""))
            if found:
                letters.append(found.group(1).lower())
            if action.menu() is not None:
                check(action.menu(), f"{path} > {action.text()}")
        assert len(letters) == len(set(letters)), f"{path}: {sorted(letters)}"

    for action in window.menuBar().actions():
        check(action.menu(), action.text())


def test_unsaved_prompt_buttons_have_mnemonics():
    from gui.app.widgets.prompts import unsaved_box

    box = unsaved_box(None)
    assert {button.text() for button in box.buttons()} >= {"&Save", "&Discard"}
    box.deleteLater()


# -- datasets ----------------------------------------------------------------------------


def test_opening_a_dataset_over_edits_asks_once(qtbot, ds_window, dialogs):
    # Regression: "Unsaved edits" came twice and Discard did not stick.
    window = ds_window
    window.document.load_text("loose text")
    window.raw_text.insertPlainText("typed ")
    assert window.document.modified
    dialogs.answer("question", DISCARD)
    open_via_menu(qtbot, window, dialogs, CSV)
    assert _questions(dialogs) == ["Unsaved edits"]
    assert window.datasets.session.current is not None
    # And it is in File > Recent Datasets.
    assert window.dataset_extras.recent_datasets() == [str(CSV.resolve())]


def test_a_refused_record_is_not_left_highlighted(qtbot, ds_window, dialogs):
    # Regression: after Cancel the list kept the clicked record highlighted.
    window = ds_window
    open_via_menu(qtbot, window, dialogs, CSV)
    shown = window.datasets.session.current
    window.raw_text.insertPlainText("edit ")
    dialogs.answer("question", CANCEL)
    view = window.findChild(QListView, "record_list")
    target = view.model().index(shown + 3)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(target).center()
    )
    qtbot.waitUntil(lambda: view.currentIndex().row() == shown)
    QApplication.processEvents()
    assert view.selectionModel().selectedRows()[0].row() == shown
    assert window.datasets.session.current == shown


def test_a_loose_file_opened_over_a_dataset_closes_it(qtbot, ds_window, dialogs, tmp_path, opened):
    # Regression: Save to Corpus then put the loose text into the dataset's corpus.
    window = ds_window
    open_via_menu(qtbot, window, dialogs, CSV)
    loose = tmp_path / "loose.txt"
    loose.write_text("A loose file.", encoding="utf-8")
    opened(window, lambda: window.open_file(str(loose), confirm=False))
    qtbot.waitUntil(lambda: not window.datasets.session.is_open)
    assert "Closed the dataset" in window.status.texts()["message"]


# -- text ------------------------------------------------------------------------------------


def test_undoing_back_to_the_original_clears_the_star(qtbot, window):
    # Regression: Ctrl+Z back to the original text kept "*" in the title.
    window.raw_text.setFocus()
    original = window.document.text
    QTest.keyClicks(window.raw_text, "xy")
    assert window.document.modified and window.isWindowModified()
    window.raw_text.undo()
    qtbot.waitUntil(lambda: window.document.text == original)
    assert not window.document.modified and not window.isWindowModified()


def test_find_zoom_and_linked_views(qtbot, window, wait_for_output):
    text = "Visit HTTPS://x.io/a now. Visit again."
    window.document.load_text(text)
    wait_for_output(window, normalize(text))
    # Find, in the raw pane.
    window.raw_text.setFocus()
    window.find.find_action.trigger()
    bar = window.find.bar
    assert bar.isVisible() and bar.field.hasFocus()
    QTest.keyClicks(bar.field, "visit")
    assert bar.count.text() == "2 matches"
    window.find.find_next_action.trigger()
    assert window.raw_text.selection_range() == (0, 5)
    # Zoom: both panes, remembered.
    size = window.raw_text.font().pointSizeF()
    window.view_tools.view.zoom_in_action.trigger()
    assert window.raw_text.font().pointSizeF() == size + 1
    assert window.normalized_text.font().pointSizeF() == size + 1
    assert window.view_tools.preferences.value.font_size == size + 1
    window.view_tools.view.zoom_reset_action.trigger()
    assert window.raw_text.font().pointSizeF() == size
    # Linked views: selecting "again" in the output selects its source.
    qtbot.waitUntil(lambda: window.analysis.links is not None, timeout=10000)
    output = window.normalized_text.output()
    start = output.index("again")
    window.normalized_text.setFocus()
    qtbot.waitUntil(window.normalized_text.hasFocus)
    window.normalized_text.set_selection(start, start + 5)
    raw_start, raw_end = window.raw_text.selection_range()
    assert text[raw_start:raw_end] == "again"


def test_changes_dock_shows_what_each_rule_did(qtbot, window):
    window.analysis.changes_action.trigger()
    view = window.analysis.changes_view
    qtbot.waitUntil(lambda: view.summary() is not None and not view._stale, timeout=10000)
    labels = [rule.label for rule in view.summary().rules]
    assert labels == [step.label for step in window.profile_model.profile.steps]
    assert view.summary().after.tokens < view.summary().before.tokens


# -- saving ------------------------------------------------------------------------------------


def test_a_deleted_corpus_folder_is_offered_to_be_created_again(
    qtbot, make_window, settings, dialogs, tmp_path
):
    # Regression: a terse "does not exist" box, and a stale "Saved …" behind it.
    import json
    import shutil

    from PySide6.QtWidgets import QMessageBox

    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    settings.setValue("corpus/folder", str(corpus_dir))
    window = make_window(settings)
    assert window.save_to_corpus()
    shutil.rmtree(corpus_dir)
    window.raw_text.insertPlainText("More. ")
    dialogs.answer("corpus_problem", QMessageBox.StandardButton.Retry)
    assert window.save_to_corpus()
    _kind, folder, problem = next(call for call in dialogs.calls if call[0] == "corpus_problem")
    assert folder == str(corpus_dir) and problem
    assert window.status.texts()["message"].startswith("Saved ")
    lines = (corpus_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["status"] == "saved"


def test_a_changed_preset_is_recorded_and_saved_as_modified(
    make_window, settings, dialogs, tmp_path
):
    # Regression: saved under the preset's name, and Save Profile As kept its description.
    import json
    import tomllib

    from gui.engine import load_preset, load_profile

    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    settings.setValue("corpus/folder", str(corpus_dir))
    window = make_window(settings)
    window.profile_actions.select_preset("news-leak-safe")
    window.profile_model.set_rule_enabled(0, False)
    assert window.save_to_corpus()
    entry = json.loads((corpus_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    # The manifest names the profile by hash; corpus.toml records it in full.
    marker = tomllib.loads((corpus_dir / "corpus.toml").read_text(encoding="utf-8"))
    recorded = {p["sha256"]: p["profile"] for p in marker["profiles"]}
    assert recorded[entry["profile_sha256"]]["name"] == "news-leak-safe (modified)"
    path = tmp_path / "mine.toml"
    dialogs.answer("getSaveFileName", path)
    window.profile_actions.save_profile_dialog()
    saved = load_profile(path)
    assert saved.name == "mine"
    assert saved.description != load_preset("news-leak-safe").description
    assert saved.steps == window.profile_model.profile.steps
