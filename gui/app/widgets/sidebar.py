"""The window's sidebar: the preset, the rules in order, and the selected rule's details.

A container: it lays out the widgets it is given (preset selector, rule
panel with its Add rule button, rule editor and protected-spans editor, the
last two as tabs under a splitter) and switches between the tabs. The window
connects the widgets themselves to the models.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from gui.app.widgets.add_rule_menu import AddRuleButton
from gui.app.widgets.preset_selector import PresetSelector
from gui.app.widgets.protect_editor import ProtectEditor
from gui.app.widgets.rule_editor import RuleEditor
from gui.app.widgets.rule_panel import RulePanel


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pane_title")
    return label


class Sidebar(QWidget):
    """Preset selector over the rule panel, over the Parameters / Protected spans tabs."""

    def __init__(
        self,
        preset_selector: PresetSelector,
        add_rule_button: AddRuleButton,
        rule_panel: RulePanel,
        rule_editor: RuleEditor,
        protect_editor: ProtectEditor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self._rule_editor = rule_editor
        self._protect_editor = protect_editor
        side = QVBoxLayout(self)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(6)
        side.addWidget(_title("Preset"))
        side.addWidget(preset_selector)
        rules_header = QHBoxLayout()
        rules_header.setContentsMargins(0, 0, 0, 0)
        rules_header.addWidget(_title("Rules, in order"))
        rules_header.addStretch(1)
        rules_header.addWidget(add_rule_button)
        side.addLayout(rules_header)
        rules = QWidget()
        rules_layout = QVBoxLayout(rules)
        rules_layout.setContentsMargins(0, 0, 0, 0)
        rules_layout.setSpacing(4)
        rules_layout.addWidget(rule_panel, 1)
        hint = QLabel("Drag to reorder · Delete removes · the number is this text's changes")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        rules_layout.addWidget(hint)
        self.rule_tabs = QTabWidget()
        self.rule_tabs.setObjectName("rule_tabs")
        self.rule_tabs.setDocumentMode(True)
        self.rule_tabs.addTab(rule_editor, "Parameters")
        self.rule_tabs.addTab(protect_editor, "Protected spans")
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("sidebar_splitter")
        self.splitter.addWidget(rules)
        self.splitter.addWidget(self.rule_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([360, 320])
        side.addWidget(self.splitter, 1)

    def show_rule_editor(self) -> None:
        self.rule_tabs.setCurrentWidget(self._rule_editor)

    def show_protect_editor(self) -> None:
        """The Protected spans tab, with an empty row to type into if there is none."""
        self.rule_tabs.setCurrentWidget(self._protect_editor)
        if not self._protect_editor.patterns():
            self._protect_editor.add_row()

    def update_protect_tab(self, profile) -> None:
        """The tab's title counts the profile's protect patterns."""
        count = len(profile.protect)
        title = f"Protected spans ({count})" if count else "Protected spans"
        self.rule_tabs.setTabText(self.rule_tabs.indexOf(self._protect_editor), title)
