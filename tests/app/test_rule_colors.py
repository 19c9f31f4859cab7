"""Rule styles: one per position of the current profile, the rule list as the legend."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from gui.app.widgets.raw_editor import RawEditor
from gui.app.widgets.rule_colors import PALETTE, rule_brush, style_name
from gui.app.widgets.rule_panel import RulePanel
from gui.engine import Pipeline, Profile, RuleStep
from gui.engine.presets import load_preset, preset_names
from gui.workflow.highlights import prepare_highlights


def _brush_key(brush) -> tuple:
    """What a brush paints: its colour, or the bytes of its texture tile."""
    if brush.style() == Qt.BrushStyle.TexturePattern:
        image: QImage = brush.texture().toImage()
        return ("texture", bytes(image.constBits()))
    return ("solid", brush.color().rgba())


def test_positions_never_share_a_style(qapp):
    keys = [_brush_key(rule_brush(position)) for position in range(4 * len(PALETTE))]
    assert len(set(keys)) == len(keys)
    assert style_name(0) == "solid" and style_name(len(PALETTE)) == "stripes"


@pytest.mark.parametrize("name", preset_names())
def test_rule_list_legend_is_distinct_inside_every_preset(qtbot, name):
    # Regression: news-leak-safe had datelines and URLs both yellow, image credits
    # and HTML tags both blue (colours were keyed by catalogue index, 12 hues, 30 rules).
    panel = RulePanel()
    qtbot.addWidget(panel)
    profile = load_preset(name)
    panel.set_profile(profile)
    swatches = {
        bytes(panel.item(row).icon().pixmap(12, 12).toImage().constBits())
        for row in range(panel.count())
    }
    assert len(swatches) == len(profile.steps)


def test_user_rules_get_their_own_colours(qtbot):
    # Regression: every regex rule was brown like "Delete words with digits".
    steps = (
        RuleStep("remove_digit_words"),
        RuleStep("regex_replace", params={"name": "one", "pattern": "a", "replacement": "x"}),
        RuleStep("regex_replace", params={"name": "two", "pattern": "b", "replacement": "y"}),
        RuleStep("find_replace", params={"name": "three", "find": "c", "replace": "z"}),
    )
    profile = Profile("mine", steps)
    editor = RawEditor()
    qtbot.addWidget(editor)
    editor.resize(600, 300)
    editor.show()
    text = "a1 a b c"
    editor.load_text(text)
    editor.set_highlights(prepare_highlights(Pipeline(profile).explain(text)))
    painted = editor._painted
    brushes_by_span = {(start, end): _brush_key(brush) for start, end, brush in painted}
    assert len(brushes_by_span) == 4  # "a1", "a", "b", "c"
    assert len(set(brushes_by_span.values())) == 4
