"""The rule catalogue in the window: adding, removing and editing rules, user rules.

Every output is checked against the engine running the profile the window says
it has, so the window can only show what the CLI would produce.
"""

from __future__ import annotations

import subprocess
import sys
import time
from html import escape
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLineEdit, QSpinBox, QToolButton

from gui.app.widgets.raw_editor import monospace_font
from gui.app.widgets.rule_editor import RuleEditor
from gui.engine import Pipeline, Profile, RuleStep, all_rules, load_preset, load_profile
from gui.engine.explain.report import TIMED_OUT
from tests.app.text_models import TextModels
from tests.conftest import REPO

TEXT = "Mail jane.doe@example.com or see https://example.com/a1, it's C++ [note] 42x."


def _engine(profile: Profile, text: str) -> str:
    return Pipeline(profile).run(text)


@pytest.fixture
def win(window, wait_until_explained, wait_for_output):
    """The window on wordopt with TEXT typed in and normalized."""
    window.raw_text.setPlainText(TEXT)
    wait_for_output(window, _engine(load_preset("wordopt"), TEXT))
    wait_until_explained(window)
    return window


def _labels(window) -> list[str]:
    panel = window.rule_panel
    return [panel.row_state(row)["label"] for row in range(panel.count())]


def _type(qtbot, field: QLineEdit, text: str, *, clear: bool = True) -> None:
    field.setFocus()
    if clear:
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)


# -- adding and removing ------------------------------------------------------------


def test_the_add_menu_offers_every_rule_by_category(win):
    button = win.add_rule_button
    assert button.objectName() == "add_rule"
    submenus = {
        action.menu().title(): action.menu()
        for action in button.catalogue_menu.actions()
        if action.menu() is not None
    }
    assert set(submenus) == {rule.category for rule in all_rules()}
    for rule in all_rules():
        action = button.action_for(rule.id)
        assert action in submenus[rule.category].actions()
        assert action.toolTip().startswith(rule.description)
        in_profile = any(step.rule_id == rule.id for step in win.profile_model.profile.steps)
        # A rule that may appear once is offered only while it is not in the profile.
        assert action.isEnabled() == (rule.repeatable or not in_profile)


def test_adding_a_rule_from_the_menu_follows_the_engine(win, wait_for_output):
    wordopt = load_preset("wordopt")
    win.rule_panel.setCurrentRow(0)
    win.add_rule_button.action_for("replace_emails").trigger()
    expected = wordopt.with_step(RuleStep("replace_emails"), 1)
    assert win.profile_model.profile == expected
    assert win.rule_panel.currentRow() == 1
    assert win.rule_editor.index == 1
    assert _labels(win)[1] == "E-mail addresses"
    output = _engine(expected, TEXT)
    assert output != _engine(wordopt, TEXT)
    wait_for_output(win, output)
    assert not win.add_rule_button.action_for("replace_emails").isEnabled()


def test_removing_a_rule_with_the_delete_key_and_undoing_it(qtbot, win, wait_for_output):
    wordopt = load_preset("wordopt")
    panel = win.rule_panel
    panel.setFocus()
    panel.setCurrentRow(0)
    qtbot.keyClick(panel, Qt.Key.Key_Delete)
    assert win.profile_model.profile == wordopt.without_step(0)
    assert _labels(win)[0] == "Delete [bracketed] spans"
    wait_for_output(win, _engine(wordopt.without_step(0), TEXT))
    win.undo_rule_action.trigger()
    assert win.profile_model.profile == wordopt
    wait_for_output(win, _engine(wordopt, TEXT))
    win.redo_rule_action.trigger()
    assert win.profile_model.profile == wordopt.without_step(0)
    wait_for_output(win, _engine(wordopt.without_step(0), TEXT))


def test_remove_is_in_the_context_menu(win):
    assert win.rule_panel.remove_action in win.rule_panel.actions()
    assert win.rule_panel.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu


# -- editing parameters -------------------------------------------------------------


def test_editing_a_parameter_after_moving_the_rule(qtbot, win, wait_for_output):
    wordopt = load_preset("wordopt")
    panel = win.rule_panel
    panel.setFocus()
    panel.setCurrentRow(3)
    assert panel.row_state(3)["rule_id"] == "remove_urls"
    for _ in range(3):
        qtbot.keyClick(panel, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    moved = wordopt.moved(3, 0)
    assert win.profile_model.profile == moved
    editor = win.rule_editor
    assert editor.index == 0
    field = editor.field("replacement")
    assert isinstance(field, QLineEdit)
    assert field.toolTip() == moved.steps[0].rule.param_index["replacement"].description
    depth = win.profile_model.undo_stack.count()

    _type(qtbot, field, "<URL>")
    expected = moved.with_params(0, replacement="<URL>")
    qtbot.waitUntil(lambda: win.profile_model.profile == expected)
    wait_for_output(win, _engine(expected, TEXT))
    assert "url" in win.normalized_text.output()
    # The keystrokes are one undo step.
    assert win.profile_model.undo_stack.count() == depth + 1
    win.undo_rule_action.trigger()
    assert win.profile_model.profile == moved
    assert field.text() == ""
    win.redo_rule_action.trigger()
    assert field.text() == "<URL>"


def test_fields_follow_the_parameter_kinds(win):
    win.rule_panel.setCurrentRow(0)
    win.add_rule_button.action_for("regex_replace").trigger()
    editor = win.rule_editor
    assert isinstance(editor.field("pattern"), QLineEdit)
    assert isinstance(editor.field("ignore_case"), QCheckBox)
    assert isinstance(editor.field("time_budget"), QDoubleSpinBox)
    win.add_rule_button.action_for("normalize_unicode").trigger()
    combo = editor.field("form")
    param = win.profile_model.profile.steps[editor.index].rule.param_index["form"]
    assert [combo.itemText(i) for i in range(combo.count())] == list(param.choices)
    combo.setCurrentIndex(combo.findText("NFKC"))
    combo.activated.emit(combo.currentIndex())
    index = editor.index
    assert win.profile_model.profile.steps[index].params == {"form": "NFKC"}


def test_fields_show_what_each_param_declares(qtbot):
    """Monospace for patterns and literal text, the unit after a number (`Param`)."""
    editor = RuleEditor()
    qtbot.addWidget(editor)
    editor.set_profile(Profile("every rule", tuple(RuleStep(rule.id) for rule in all_rules())))
    checked = set()
    for index, rule in enumerate(all_rules()):
        editor.show_step(index)
        for param in rule.params:
            field = editor.field(param.name)
            if isinstance(field, QLineEdit):
                assert (field.font() == monospace_font()) == param.monospace, (rule.id, param)
                checked.add("monospace" if param.monospace else "proportional")
            if isinstance(field, QDoubleSpinBox | QSpinBox):
                assert field.suffix() == (f" {param.unit}" if param.unit else ""), (rule.id, param)
                checked.add("unit" if param.unit else "bare number")
    assert checked == {"monospace", "proportional", "unit", "bare number"}


def test_an_invalid_regex_shows_inline_and_changes_nothing(qtbot, win, wait_for_output):
    win.new_regex_action.trigger()
    session = TextModels.of(win)
    index = win.rule_editor.index
    profile = session.profile_model.profile
    assert profile.steps[index].rule_id == "regex_replace"
    assert profile.steps[index].params["name"] == "rule 1"
    assert _labels(win)[index] == "Regex: rule 1"
    field = win.rule_editor.field("pattern")

    _type(qtbot, field, "(unclosed")
    qtbot.waitUntil(lambda: win.rule_editor.error_text("pattern") != "")
    assert "missing )" in win.rule_editor.error_text("pattern")
    assert session.profile_model.profile == profile
    wait_for_output(win, _engine(profile, TEXT))

    _type(qtbot, field, r"\d+x")
    qtbot.waitUntil(
        lambda: session.profile_model.profile.steps[index].params.get("pattern") == r"\d+x"
    )
    assert win.rule_editor.error_text("pattern") == ""
    wait_for_output(win, _engine(session.profile_model.profile, TEXT))


def test_a_replacement_that_does_not_fit_the_pattern_is_refused(qtbot, win):
    win.new_regex_action.trigger()
    editor = win.rule_editor
    index = editor.index
    _type(qtbot, editor.field("pattern"), r"(\d+)x")
    qtbot.waitUntil(
        lambda: win.profile_model.profile.steps[index].params.get("pattern") == r"(\d+)x"
    )
    before = win.profile_model.profile
    _type(qtbot, editor.field("replacement"), r"\2")
    qtbot.waitUntil(lambda: editor.error_text("replacement") != "")
    assert win.profile_model.profile == before


def test_undo_and_redo_of_add_edit_and_remove(qtbot, win, wait_for_output):
    wordopt = load_preset("wordopt")
    session = TextModels.of(win)
    win.rule_panel.setCurrentRow(0)
    win.add_rule_button.action_for("replace_numbers").trigger()
    added = session.profile_model.profile
    assert added == wordopt.with_step(RuleStep("replace_numbers"), 1)
    _type(qtbot, win.rule_editor.field("replacement"), "NUM")
    qtbot.waitUntil(lambda: session.profile_model.profile != added)
    edited = session.profile_model.profile
    assert edited == added.with_params(1, replacement="NUM")
    win.rule_panel.setFocus()
    qtbot.keyClick(win.rule_panel, Qt.Key.Key_Delete)
    assert session.profile_model.profile == wordopt

    for expected in (edited, added, wordopt):
        win.undo_rule_action.trigger()
        assert session.profile_model.profile == expected
    for expected in (added, edited, wordopt):
        win.redo_rule_action.trigger()
        assert session.profile_model.profile == expected
    wait_for_output(win, _engine(wordopt, TEXT))


# -- user rules -------------------------------------------------------------------


def test_user_rules_are_named_renamed_and_several(qtbot, win, wait_for_output):
    win.new_regex_action.trigger()
    win.new_find_action.trigger()
    win.new_regex_action.trigger()
    labels = _labels(win)
    assert labels[-3:] == ["Regex: rule 1", "Find: rule 2", "Regex: rule 3"]
    assert win.rule_editor.index == len(labels) - 1
    _type(qtbot, win.rule_editor.field("name"), "my rule")
    qtbot.waitUntil(lambda: _labels(win)[-1] == "Regex: my rule")
    # The find/replace rule works as the engine says.
    win.rule_panel.setCurrentRow(len(labels) - 2)
    _type(qtbot, win.rule_editor.field("find"), "jane")
    _type(qtbot, win.rule_editor.field("replace"), "someone")
    qtbot.waitUntil(lambda: win.profile_model.profile.steps[-2].params.get("replace") == "someone")
    wait_for_output(win, _engine(win.profile_model.profile, TEXT))
    assert "someone" in win.normalized_text.output()


@pytest.mark.filterwarnings("ignore::gui.engine.rule.RuleTimeoutWarning")
def test_a_pathological_pattern_times_out_and_the_window_stays_responsive(
    qtbot, window, wait_until_explained
):
    # The window fits the 800 px offscreen screen; at that width the editor's own
    # layout of the 50,000-character line below takes most of a second on a busy
    # machine. This test is about the pattern's worker, so give the panes the
    # width of a usual window.
    window.resize(1280, 800)
    window.new_regex_action.trigger()
    editor = window.rule_editor
    index = editor.index
    budget = editor.field("time_budget")
    budget.setValue(1.5)
    _type(qtbot, editor.field("pattern"), "(a+)+$")
    session = TextModels.of(window)
    qtbot.waitUntil(
        lambda: session.profile_model.profile.steps[index].params.get("pattern") == "(a+)+$"
    )
    assert session.profile_model.profile.steps[index].params["time_budget"] == 1.5

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    began = time.monotonic()
    # A long run of `a` that the pattern cannot match: catastrophic backtracking.
    window.raw_text.setFocus()
    window.raw_text.selectAll()
    window.raw_text.insertPlainText("a" * 50_000 + "!")
    # Ticks count from the first one after the editor has laid the line out (its
    # own work on the UI thread, up to a second on a busy machine): what is
    # measured is whether the pattern's worker ever blocks the event loop.
    timer.start()
    qtbot.waitUntil(
        lambda: window.rule_panel.row_state(index)["status"] == TIMED_OUT, timeout=15_000
    )
    timer.stop()
    elapsed = time.monotonic() - began
    # The worker spent at least one budget on the pattern, and the event loop kept going.
    assert elapsed >= 1.5
    gaps = [b - a for a, b in pairwise(ticks)]
    assert len(ticks) >= 10
    assert max(gaps) < 0.75, f"the event loop stalled for {max(gaps):.2f} s"
    state = window.rule_panel.row_state(index)
    assert "Timed out" in state["tooltip"]
    wait_until_explained(window, timeout=15_000)
    assert session.preview.explanation.reports[index].status == TIMED_OUT
    assert window.normalized_text.output() == _engine(
        session.profile_model.profile, session.document.text
    )


# -- protected spans ---------------------------------------------------------------


def test_a_protect_pattern_keeps_cpp_through_wordopt(qtbot, win, wait_for_output):
    editor = win.protect_editor
    assert editor.objectName() == "protect_editor"
    win.protect_action.trigger()
    assert win.rule_tabs.currentWidget() is editor
    _type(qtbot, editor.row_edit(0), r"C\+\+")
    expected = load_preset("wordopt").with_protect((r"C\+\+",))
    qtbot.waitUntil(lambda: win.profile_model.profile == expected)
    wait_for_output(win, _engine(expected, TEXT))
    assert "C++" in win.normalized_text.output()
    assert "C++" not in _engine(load_preset("wordopt"), TEXT)

    # An invalid pattern is shown under its row; the protections stay as they were.
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, editor.row_edit(1), "(")
    qtbot.waitUntil(lambda: editor.error_text(1) != "")
    assert "missing )" in editor.error_text(1)
    assert editor.error_text(0) == ""
    assert win.profile_model.profile == expected

    # Removing rows; undo brings the pattern back.
    remove = editor.findChild(QToolButton, "protect_remove_1")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert editor.patterns() == [r"C\+\+"]
    assert win.profile_model.profile == expected
    qtbot.mouseClick(editor.findChild(QToolButton, "protect_remove_0"), Qt.MouseButton.LeftButton)
    assert win.profile_model.profile.protect == ()
    assert win.rule_tabs.tabText(1) == "Protected spans"
    win.undo_rule_action.trigger()
    assert win.profile_model.profile == expected
    assert editor.patterns() == [r"C\+\+"]
    assert win.rule_tabs.tabText(1) == "Protected spans (1)"


# -- notes and invisible characters -------------------------------------------------


def test_ftfy_fixes_that_ran_are_in_the_tooltip(win, wait_until_explained):
    win.rule_panel.setCurrentRow(0)
    win.add_rule_button.action_for("fix_mojibake").trigger()
    # Before lowercasing and punctuation removal, where it has work to do.
    win.profile_model.move_rule(1, 0)
    win.raw_text.setPlainText("It doesn\u00e2\u20ac\u2122t work")
    wait_until_explained(win)
    row = 0
    assert win.profile_model.profile.steps[row].rule_id == "fix_mojibake"
    report = win.preview.explanation.reports[row]
    assert report.notes
    tooltip = win.rule_panel.row_state(row)["tooltip"]
    for note in report.notes:
        assert escape(note) in tooltip


def test_show_invisible_characters_marks_zero_width_space(
    qtbot, make_window, settings, wait_until_explained
):
    from PySide6.QtGui import QTextOption

    window = make_window(settings)
    marks = window.invisible_marks
    flags = QTextOption.Flag.ShowTabsAndSpaces | QTextOption.Flag.ShowLineAndParagraphSeparators
    assert not window.invisible_action.isChecked()
    assert not marks.is_shown()
    window.raw_text.setPlainText("zero\u200bwidth\tand\u00a0no-break\n")
    window.invisible_action.trigger()
    assert marks.is_shown()
    option = window.raw_text.document().defaultTextOption()
    assert option.flags() & flags == flags
    assert marks.marks() == [(4, "U+200B ZERO WIDTH SPACE"), (14, "U+00A0 NO-BREAK SPACE")]
    assert marks.description_at(4) == "U+200B ZERO WIDTH SPACE"
    # Marks follow edits.
    window.raw_text.moveCursor(window.raw_text.textCursor().MoveOperation.Start)
    window.raw_text.insertPlainText("\u200d")
    qtbot.waitUntil(lambda: len(marks.marks()) == 3)
    assert marks.marks()[0] == (0, "U+200D ZERO WIDTH JOINER")
    assert settings.value("view/show_invisible", type=bool) is True

    window.invisible_action.trigger()
    assert not marks.is_shown()
    assert marks.marks() == []
    assert not window.raw_text.document().defaultTextOption().flags() & flags
    assert settings.value("view/show_invisible", type=bool) is False


def test_show_invisible_is_remembered(make_window, settings):
    settings.setValue("view/show_invisible", True)
    window = make_window(settings)
    assert window.invisible_action.isChecked()
    assert window.invisible_marks.is_shown()


# -- saving ---------------------------------------------------------------------------


def test_a_profile_saved_from_the_window_runs_the_same_in_the_cli(
    qtbot, win, dialogs, tmp_path, wait_for_output
):
    session = TextModels.of(win)
    win.rule_panel.setCurrentRow(0)
    win.new_regex_action.trigger()
    editor = win.rule_editor
    _type(qtbot, editor.field("name"), "numbers")
    _type(qtbot, editor.field("pattern"), r"(\d+)x")
    _type(qtbot, editor.field("replacement"), r"\1 times")
    qtbot.waitUntil(
        lambda: session.profile_model.profile.steps[1].params.get("replacement") == r"\1 times"
    )
    win.new_find_action.trigger()
    _type(qtbot, editor.field("find"), "jane")
    _type(qtbot, editor.field("replace"), "J")
    qtbot.waitUntil(lambda: session.profile_model.profile.steps[2].params.get("replace") == "J")
    win.protect_action.trigger()
    _type(qtbot, win.protect_editor.row_edit(0), r"C\+\+")
    qtbot.waitUntil(lambda: session.profile_model.profile.protect == (r"C\+\+",))
    output = _engine(session.profile_model.profile, TEXT)
    wait_for_output(win, output)
    assert "C++" in output and " times" in output and " J " in output

    path = tmp_path / "mine.toml"
    dialogs.answer("getSaveFileName", str(path))
    win.save_profile_action.trigger()
    loaded = load_profile(path)
    assert loaded == session.profile_model.profile
    assert loaded.to_toml() == path.read_text(encoding="utf-8")
    cli = subprocess.run(
        [sys.executable, "-m", "gui", "clean", "--profile", str(path)],
        input=TEXT.encode("utf-8"),
        capture_output=True,
        cwd=REPO,
        check=True,
        timeout=60,
    )
    assert cli.stdout.decode("utf-8") == win.normalized_text.output()
