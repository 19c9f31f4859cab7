"""The rule panel: the profile's steps in order, each with a checkbox and a live count.

Generic over whatever the profile holds: one row per step, showing the rule's
colour (the same as its highlights), label, and the number of changes it made
to the current text. The rule's description is the tooltip; a dead rule is
greyed, marked "dead", and its tooltip gives the engine's reason; a user
pattern that ran out of its time budget is marked "timed out" in red, with
the reason. Notes a rule left (which ftfy fixes ran) join its tooltip. The
user's own rules are labelled by their name ("Regex: my rule"). Rows are
reordered by dragging (or Alt+Up / Alt+Down) and removed with Delete or the
context menu; the panel reports what the user did through `rule_toggled`,
`rule_moved` and `rule_removed` and shows whatever profile it is given next.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from gui.app.widgets.rule_colors import rule_color, rule_swatch
from gui.engine import Profile
from gui.engine.explain.report import CHANGED, DEAD, DISABLED, TIMED_OUT
from gui.workflow.explain_process import ExplanationSummary

RULE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CHANGES_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole + 4
# A red that reads on light and dark backgrounds: the "timed out" badge.
TIMED_OUT_COLOR = "#d63c3c"


class _RuleDelegate(QStyledItemDelegate):
    """Paints a row: swatch, checkbox and label as usual, then a count badge."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 60, max(size.height() + 8, 28))

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        status = index.data(STATUS_ROLE)
        if status in (DEAD, DISABLED):
            color = option.palette.color(QPalette.ColorRole.PlaceholderText)
            option.palette.setColor(QPalette.ColorRole.Text, color)
            option.palette.setColor(QPalette.ColorRole.HighlightedText, color)
        if status in (DEAD, TIMED_OUT):
            option.font.setItalic(True)
            option.font.setStrikeOut(False)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        badge = self._badge_text(index)
        metrics = option.fontMetrics
        badge_width = metrics.horizontalAdvance(badge) + 14 if badge else 0
        shrunk = QStyleOptionViewItem(option)
        shrunk.rect = option.rect.adjusted(0, 0, -badge_width - 6, 0)
        super().paint(painter, shrunk, index)
        if not badge:
            return
        status = index.data(STATUS_ROLE)
        rect = QRect(
            option.rect.right() - badge_width - 4,
            option.rect.center().y() - metrics.height() // 2 - 2,
            badge_width,
            metrics.height() + 4,
        )
        palette = option.palette
        painter.save()
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        if status == DEAD:
            fill = palette.color(QPalette.ColorRole.PlaceholderText)
            fill.setAlpha(60)
            text = palette.color(QPalette.ColorRole.Text)
        elif status == TIMED_OUT:
            fill = QColor(TIMED_OUT_COLOR)
            text = QColor("white")
        elif status == CHANGED:
            fill = rule_color(index.row(), 200)
            text = palette.color(QPalette.ColorRole.Text)
        else:
            fill = palette.color(QPalette.ColorRole.Mid)
            fill.setAlpha(50)
            text = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(text)
        font = QFont(option.font)
        font.setItalic(False)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, badge)
        painter.restore()

    @staticmethod
    def _badge_text(index: QModelIndex) -> str:
        status = index.data(STATUS_ROLE)
        if status == DEAD:
            return "dead"
        if status == TIMED_OUT:
            return "timed out"
        if status == DISABLED or status is None:
            return ""
        return f"{index.data(CHANGES_ROLE):,}"


class RulePanel(QListWidget):
    """The profile's rules, in order: toggle, reorder, see what each did."""

    # The user ticked or unticked the rule at this row.
    rule_toggled = Signal(int, bool)
    # The user moved the rule at `source` to index `destination`.
    rule_moved = Signal(int, int)
    # The user asked to remove the rule at this row (Delete, context menu).
    rule_removed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rule_panel")
        self.setAccessibleName("Rules, in order")
        self.setAccessibleDescription(
            "The profile's rules; Space switches one on or off, Alt+Up and Alt+Down move it, "
            "Delete removes it. The square beside each is its highlight colour."
        )
        self.setItemDelegate(_RuleDelegate(self))
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setIconSize(QSize(12, 12))
        self.setAlternatingRowColors(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._updating = False
        self._profile: Profile | None = None
        self.itemChanged.connect(self._on_item_changed)
        self.model().rowsMoved.connect(self._on_rows_moved)
        for text, shortcut, step in (
            ("Move Rule Up", "Alt+Up", -1),
            ("Move Rule Down", "Alt+Down", +1),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, step=step: self._move_current(step))
            self.addAction(action)
        self.remove_action = QAction("Remove Rule", self)
        self.remove_action.setObjectName("remove_rule")
        self.remove_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")]
        )
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.setToolTip("Remove the selected rule from the profile (undoable)")
        self.remove_action.triggered.connect(self._remove_current)
        self.addAction(self.remove_action)

    # -- showing a profile and its results -------------------------------------

    def set_profile(self, profile: Profile) -> None:
        """Show the profile's steps; keeps rows (and selection) when only states change."""
        self._updating = True
        try:
            same_order = self.count() == len(profile.steps) and all(
                self.item(row).data(RULE_ID_ROLE) == step.rule_id
                for row, step in enumerate(profile.steps)
            )
            if not same_order:
                current = self.currentRow()
                self.clear()
                for step in profile.steps:
                    self.addItem(self._new_item(step.rule_id))
                if 0 <= current < self.count():
                    self.setCurrentRow(current)
            for row, step in enumerate(profile.steps):
                item = self.item(row)
                # The legend: this position's style, as its highlights in the raw pane.
                item.setData(Qt.ItemDataRole.DecorationRole, rule_swatch(row))
                label = step.label
                if item.text() != label:
                    item.setText(label)
                item.setCheckState(
                    Qt.CheckState.Checked if step.enabled else Qt.CheckState.Unchecked
                )
                item.setData(STATUS_ROLE, None if step.enabled else DISABLED)
                item.setData(CHANGES_ROLE, 0)
                item.setToolTip(self._tooltip(item, None))
        finally:
            self._updating = False
        self._profile = profile

    def set_explanation(self, explanation: ExplanationSummary) -> None:
        """Show each rule's change count and status for the current text."""
        if len(explanation.reports) != self.count():
            return
        self._updating = True
        try:
            for row, report in enumerate(explanation.reports):
                item = self.item(row)
                item.setData(STATUS_ROLE, report.status)
                item.setData(CHANGES_ROLE, report.changes)
                item.setToolTip(self._tooltip(item, report))
        finally:
            self._updating = False
        self.viewport().update()

    def row_state(self, row: int) -> dict:
        """What a row shows (for tests and automation)."""
        item = self.item(row)
        return {
            "rule_id": item.data(RULE_ID_ROLE),
            "label": item.text(),
            "checked": item.checkState() == Qt.CheckState.Checked,
            "changes": item.data(CHANGES_ROLE),
            "status": item.data(STATUS_ROLE),
            "tooltip": item.toolTip(),
        }

    def _new_item(self, rule_id: str) -> QListWidgetItem:
        from gui.engine import get_rule

        rule = get_rule(rule_id)
        item = QListWidgetItem(rule.label)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsDragEnabled
        )
        item.setData(RULE_ID_ROLE, rule_id)
        item.setData(DESCRIPTION_ROLE, rule.description)
        return item

    @staticmethod
    def _tooltip(item: QListWidgetItem, report) -> str:
        lines = [f"<b>{escape(item.text())}</b>", escape(item.data(DESCRIPTION_ROLE) or "")]
        if report is not None:
            if report.status == CHANGED:
                noun = "change" if report.changes == 1 else "changes"
                lines.append(f"{report.changes:,} {noun} in this text.")
            elif report.reason:
                lines.append(f"<i>{escape(report.reason)}</i>")
            if report.notes:
                lines.append("What ran:")
                lines.extend(f"• {escape(note)}" for note in report.notes)
        return "<br>".join(line for line in lines if line)

    # -- what the user does ------------------------------------------------------

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._updating or self._profile is None:
            return
        row = self.row(item)
        checked = item.checkState() == Qt.CheckState.Checked
        if row < len(self._profile.steps) and self._profile.steps[row].enabled != checked:
            self.rule_toggled.emit(row, checked)

    def _on_rows_moved(self, _parent, start: int, _end: int, _destination, row: int) -> None:
        if self._updating:
            return
        destination = row if row < start else row - 1
        if destination != start:
            self.rule_moved.emit(start, destination)

    def _remove_current(self) -> None:
        row = self.currentRow()
        if 0 <= row < self.count():
            self.rule_removed.emit(row)

    def _move_current(self, step: int) -> None:
        row = self.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.count():
            return
        self.model().moveRow(QModelIndex(), row, QModelIndex(), target + (step > 0))
        self.setCurrentRow(target)
        # The current row moved with the rule, so setCurrentRow scrolled nowhere.
        self.scrollToItem(self.item(target))

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction
