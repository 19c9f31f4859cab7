"""The rule panel: toggles, reordering, counts and dead rules, against the engine."""

from __future__ import annotations

from html import escape

import pytest
from PySide6.QtCore import QModelIndex, Qt

from gui.app.widgets.rule_panel import RulePanel
from gui.engine import Pipeline, Profile, RuleStep, all_rules, load_preset

WORDOPT_IDS = [step.rule_id for step in load_preset("wordopt").steps]


@pytest.fixture
def seed_window(make_window, settings, tmp_path, seed_original, wait_until_explained):
    path = tmp_path / "seed.txt"
    path.write_text(seed_original, encoding="utf-8")
    window = make_window(settings, [str(path)])
    wait_until_explained(window)
    return window


def _engine(profile: Profile, text: str) -> str:
    return Pipeline(profile).run(text)


@pytest.mark.parametrize("row", range(len(WORDOPT_IDS)), ids=WORDOPT_IDS)
def test_unchecking_and_rechecking_each_seed_rule(seed_window, wait_for_output, row):
    window = seed_window
    panel = window.rule_panel
    text = window.document.text
    wordopt = load_preset("wordopt")
    item = panel.item(row)
    assert panel.row_state(row)["rule_id"] == WORDOPT_IDS[row]

    item.setCheckState(Qt.CheckState.Unchecked)
    assert window.profile_model.profile == wordopt.with_enabled(row, False)
    wait_for_output(window, _engine(wordopt.with_enabled(row, False), text))
    assert window.preset_selector.currentText() == "wordopt (modified)"

    item.setCheckState(Qt.CheckState.Checked)
    assert window.profile_model.profile == wordopt
    wait_for_output(window, _engine(wordopt, text))
    assert window.preset_selector.currentText() == "wordopt"


def test_reordering_two_rules_follows_the_engine(seed_window, wait_for_output):
    window = seed_window
    panel = window.rule_panel
    text = "See https://example.com/a1 and <b>bold</b> text [note] 42x."
    window.raw_text.setPlainText(text)
    wordopt = load_preset("wordopt")
    # Drag "Delete URLs" (row 3) above "Non-word characters to space" (row 2): the
    # same model move a drop performs.
    assert panel.model().moveRow(QModelIndex(), 3, QModelIndex(), 2)
    moved = wordopt.moved(3, 2)
    assert window.profile_model.profile == moved
    assert [panel.row_state(r)["rule_id"] for r in range(panel.count())] == [
        s.rule_id for s in moved.steps
    ]
    expected = _engine(moved, text)
    assert expected != _engine(wordopt, text)
    wait_for_output(window, expected)
    # Undo puts the order back.
    window.profile_model.undo_stack.undo()
    assert panel.row_state(3)["rule_id"] == "remove_urls"
    wait_for_output(window, _engine(wordopt, text))


def test_moving_down_by_keyboard(qtbot, seed_window):
    panel = seed_window.rule_panel
    panel.setFocus()
    panel.setCurrentRow(0)
    qtbot.keyClick(panel, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert seed_window.profile_model.profile == load_preset("wordopt").moved(0, 1)
    assert panel.currentRow() == 1


def test_a_rule_moved_by_keyboard_stays_in_view(qtbot, seed_window):
    panel = seed_window.rule_panel
    rows = panel.count()
    panel.setFixedHeight(panel.sizeHintForRow(0) * 3 + 2 * panel.frameWidth())
    qtbot.waitUntil(lambda: panel.viewport().height() < panel.sizeHintForRow(0) * 4)
    panel.setFocus()
    panel.setCurrentRow(0)
    moved = panel.item(0).text()
    for step in range(1, rows):
        qtbot.keyClick(panel, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        assert panel.currentRow() == step and panel.currentItem().text() == moved
        assert panel.viewport().rect().contains(panel.visualItemRect(panel.currentItem()))
    for step in range(rows - 2, -1, -1):
        qtbot.keyClick(panel, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
        assert panel.currentRow() == step
        assert panel.viewport().rect().contains(panel.visualItemRect(panel.currentItem()))
    assert panel.currentRow() == 0


def test_counts_and_dead_rules_match_the_explanation(seed_window):
    explanation = seed_window.preview.explanation
    panel = seed_window.rule_panel
    assert panel.count() == len(explanation.reports)
    for row, report in enumerate(explanation.reports):
        state = panel.row_state(row)
        assert state["label"] == report.label
        assert state["changes"] == report.changes
        assert state["status"] == report.status
        if report.dead:
            assert report.reason and escape(report.reason) in state["tooltip"]
    assert any(report.dead for report in explanation.reports)
    assert panel.row_state(0)["changes"] > 0


def test_description_is_the_tooltip(seed_window):
    panel = seed_window.rule_panel
    for row, step in enumerate(seed_window.profile_model.profile.steps):
        assert escape(step.rule.description) in panel.row_state(row)["tooltip"]


def test_panel_shows_any_profile_of_registered_rules(qtbot):
    """Generic over the registry: every rule, in the profile's order."""
    panel = RulePanel()
    qtbot.addWidget(panel)
    rules = [rule for rule in all_rules()]
    profile = Profile(
        name="all",
        steps=tuple(RuleStep(rule.id, enabled=i % 2 == 0) for i, rule in enumerate(rules[::-1])),
    )
    panel.set_profile(profile)
    assert [panel.row_state(r)["rule_id"] for r in range(panel.count())] == [
        s.rule_id for s in profile.steps
    ]
    assert [panel.row_state(r)["checked"] for r in range(panel.count())] == [
        s.enabled for s in profile.steps
    ]
    toggled = []
    panel.rule_toggled.connect(lambda row, on: toggled.append((row, on)))
    panel.item(1).setCheckState(Qt.CheckState.Checked)
    assert toggled == [(1, True)]


def test_programmatic_updates_do_not_report_user_actions(qtbot):
    panel = RulePanel()
    qtbot.addWidget(panel)
    events = []
    panel.rule_toggled.connect(lambda *a: events.append(a))
    panel.rule_moved.connect(lambda *a: events.append(a))
    wordopt = load_preset("wordopt")
    panel.set_profile(wordopt)
    panel.set_profile(wordopt.with_enabled(2, False).moved(0, 4))
    assert events == []
