"""The output pane marks what rules inserted, in their colours."""

from __future__ import annotations

from gui.app.widgets.output_view import OutputView
from gui.app.widgets.rule_colors import highlight_brush


def test_output_marks_insertions_in_their_rules_colour(qtbot):
    view = OutputView()
    qtbot.addWidget(view)
    view.set_output("see <URL> and <EMAIL>")
    view.set_insertions([(4, 9, 2), (14, 21, 5)])
    layers = view.span_layers()
    assert [(list(layer.starts), list(layer.ends)) for layer in layers] == [
        ([4], [9]),
        ([14], [21]),
    ]
    assert layers[0].color == highlight_brush(2)
    view.set_output("other")
    assert view.span_layers() == []
