"""The Changes view: per-rule top changes and before/after figures, click to find."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from gui.app.widgets.changes_view import ChangesView
from gui.engine import Pipeline, load_preset
from gui.workflow.changes import summarize_changes

TEXT = "Lisbon (Reuters) - Visit http://x.io now, 3rd time. [Note] 2pm Lisbon.\nBye."


def test_summary_counts_what_each_rule_received_and_made():
    summary = summarize_changes(Pipeline(load_preset("wordopt")).explain(TEXT, edits=True))
    by_id = {rule.label: rule for rule in summary.rules}
    lowercase = by_id["Lowercase"]
    assert lowercase.top[0].before == "Lisbon" and lowercase.top[0].after == "lisbon"
    assert lowercase.top[0].count == 2
    assert by_id["Delete [bracketed] spans"].top[0].before == "[note]"  # lowercased by then
    digits = {change.before for change in by_id["Delete words with digits"].top}
    assert {"3rd", "2pm"} <= digits
    assert summary.before.chars == len(TEXT)
    assert summary.after.tokens < summary.before.tokens
    assert summary.after.vocabulary < summary.before.vocabulary


def test_view_paints_and_clicking_a_string_asks_to_find_it(qtbot):
    view = ChangesView()
    qtbot.addWidget(view)
    summary = summarize_changes(Pipeline(load_preset("wordopt")).explain(TEXT, edits=True))
    view.set_summary(summary)
    view.resize(360, view.sizeHint().height())
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # paints, and lays out the clickable strings
    assert view._hits
    rect, before = view._hits[0]
    assert before == "Lisbon"
    with qtbot.waitSignal(view.string_clicked) as clicked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert clicked.args == ["Lisbon"]
    assert view.string_at(QPoint(1, 1)) is None
