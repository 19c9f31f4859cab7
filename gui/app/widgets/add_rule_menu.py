"""The "Add rule" button: every registered rule, grouped by category, plus user rules.

A tool button (objectName `add_rule`) whose menu starts with "New Find/Replace…"
and "New Regular Expression…" (the user's own rules, which may appear any
number of times), then one submenu per catalogue category with each rule's
description as its tooltip. A rule that may appear only once and is already in
the profile is shown disabled. Choosing a rule emits `rule_chosen(rule_id)`;
the window decides where it goes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from gui.engine import Profile, all_rules, get_rule


class AddRuleButton(QToolButton):
    """A button with the catalogue as its menu."""

    # The user chose this rule to add to the profile.
    rule_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("add_rule")
        self.setText("+ Add rule")
        self.setToolTip("Add a rule from the catalogue, or a rule of your own")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.catalogue_menu = QMenu("&Add Rule", self)
        self.catalogue_menu.setObjectName("add_rule_menu")
        self.catalogue_menu.setToolTipsVisible(True)
        self.setMenu(self.catalogue_menu)
        self._actions: dict[str, QAction] = {}
        self._new_actions: dict[str, QAction] = {}
        self._build()

    def _build(self) -> None:
        menu = self.catalogue_menu
        # The user's own rules that offer a "New ..." entry (`Rule.new_entry`) come first.
        for rule in (rule for rule in all_rules() if rule.new_entry):
            text, tip = rule.new_entry
            action = menu.addAction(text)
            action.setObjectName(f"new_{rule.id}")
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.triggered.connect(lambda _checked=False, r=rule.id: self.rule_chosen.emit(r))
            self._new_actions[rule.id] = action
        menu.addSeparator()
        submenus: dict[str, QMenu] = {}
        for rule in all_rules():
            submenu = submenus.get(rule.category)
            if submenu is None:
                submenu = menu.addMenu(rule.category)
                submenu.setToolTipsVisible(True)
                submenus[rule.category] = submenu
            action = submenu.addAction(rule.label)
            action.setObjectName(f"add_{rule.id}")
            action.setData(rule.id)
            action.setToolTip(rule.description)
            action.setStatusTip(rule.description)
            action.triggered.connect(lambda _checked=False, r=rule.id: self.rule_chosen.emit(r))
            self._actions[rule.id] = action

    def new_rule_action(self, rule_id: str) -> QAction:
        """The "New …" action for a user rule (find_replace, regex_replace)."""
        return self._new_actions[rule_id]

    def action_for(self, rule_id: str) -> QAction:
        """The catalogue entry of a rule."""
        return self._actions[rule_id]

    def set_profile(self, profile: Profile) -> None:
        """Disable the rules that may appear once and already do."""
        present = {step.rule_id for step in profile.steps}
        for rule_id, action in self._actions.items():
            rule = get_rule(rule_id)
            taken = rule_id in present and not rule.repeatable
            action.setEnabled(not taken)
            tip = rule.description + ("\n(Already in the profile.)" if taken else "")
            action.setToolTip(tip)
