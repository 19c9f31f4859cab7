"""The parameter editor: one field per parameter of the selected rule.

Fields are generated from each `Param`: a line edit for text, a check box for
true/false, a spin box for numbers, a combo box when the parameter has
choices; the parameter's description is the field's tooltip. Edits apply live:
check boxes, combo boxes and spin boxes at once, text once typing pauses (or
on Enter / leaving the field). Each edit is reported through `params_edited`
with a merge key, so a burst of typing in one field becomes one undo step.

The editor never decides whether a value is valid: the profile model checks it and,
if it refuses, `show_error` puts the reason in red under the field; the
profile keeps its last valid value. When the profile changes from elsewhere
(undo, another preset) the fields follow it, but a field the user is typing in
is not overwritten with the value it just produced.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.app.widgets.raw_editor import monospace_font
from gui.app.widgets.rule_colors import rule_color
from gui.engine import Param, Profile, RuleStep

# Typing in a text field applies after this pause.
TEXT_DEBOUNCE_MS = 300
# Text parameters that hold patterns or literal text: shown in a monospace font.
_CODE_PARAMS = {"pattern", "find", "replace", "replacement", "agencies", "list_file"}


def _human(name: str) -> str:
    return name.replace("_", " ").capitalize()


class RuleEditor(QWidget):
    """Edit the parameters of one profile step."""

    # The user changed parameters of the step at this index: (index, {name: value}, merge key).
    params_edited = Signal(int, object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rule_editor")
        self._profile: Profile | None = None
        self._index = -1
        self._rule_id: str | None = None
        self._fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._params: dict[str, Param] = {}
        # The value of each parameter in the profile, as last seen.
        self._known: dict[str, Any] = {}
        # Typed text waiting for a pause: (index, name) -> (rule id, value, merge key).
        self._pending: dict[tuple[int, str], tuple[str, Any, str]] = {}
        # Bumped when a field is left or another rule is shown: starts a new undo step.
        self._round = 0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(TEXT_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.flush)

        self._stack = QStackedWidget(self)
        self._empty = QLabel("Select a rule to see and edit its parameters.")
        self._empty.setObjectName("rule_editor_empty")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._stack.addWidget(self._empty)

        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(8, 6, 8, 6)
        page_layout.setSpacing(4)
        self._title = QLabel()
        self._title.setObjectName("rule_editor_title")
        self._title.setTextFormat(Qt.TextFormat.RichText)
        self._subtitle = QLabel()
        self._subtitle.setObjectName("hint")
        self._description = QLabel()
        self._description.setObjectName("rule_editor_description")
        self._description.setWordWrap(True)
        self._description.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        page_layout.addWidget(self._title)
        page_layout.addWidget(self._subtitle)
        page_layout.addWidget(self._description)
        self._form_host = QWidget()
        self._form = QFormLayout(self._form_host)
        self._form.setContentsMargins(0, 6, 0, 0)
        self._form.setHorizontalSpacing(8)
        self._form.setVerticalSpacing(6)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        page_layout.addWidget(self._form_host)
        page_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("rule_editor_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        self._stack.addWidget(scroll)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

    # -- what it shows ---------------------------------------------------------

    @property
    def index(self) -> int:
        """The profile index of the step shown, or -1."""
        return self._index

    def field(self, name: str) -> QWidget:
        """The field of a parameter (for tests and automation)."""
        return self._fields[name]

    def error_text(self, name: str) -> str:
        """The error shown under a parameter's field, or ""."""
        label = self._errors.get(name)
        return label.text() if label is not None and not label.isHidden() else ""

    def set_profile(self, profile: Profile) -> None:
        """Follow a new profile: the same step index, its current values."""
        self._profile = profile
        self._show(self._index)

    def show_step(self, index: int) -> None:
        """Show the step at this profile index (-1: none)."""
        if index != self._index:
            self._round += 1
            if self._pending:
                # Typed text still applies to the step it was typed for, but
                # not from inside whatever signal brought us here.
                self._debounce.start(0)
        self._show(index)

    def focus_field(self, name: str) -> None:
        """Put the cursor in a parameter's field, its text selected."""
        field = self._fields.get(name)
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(field, QLineEdit):
                field.selectAll()

    def show_error(self, index: int, name: str, message: str) -> None:
        """The profile model refused an edit: say why under the field."""
        if index != self._index:
            return
        if name not in self._errors:
            name = next(iter(self._errors), "")
            if not name:
                return
        label = self._errors[name]
        label.setText(message[:1].upper() + message[1:])
        label.show()
        self._mark_invalid(name, True)

    # -- building ---------------------------------------------------------------

    def _show(self, index: int) -> None:
        profile = self._profile
        if profile is None or not 0 <= index < len(profile.steps):
            self._index = -1
            self._rule_id = None
            self._stack.setCurrentIndex(0)
            return
        step = profile.steps[index]
        if index != self._index or step.rule_id != self._rule_id:
            self._index = index
            self._rule_id = step.rule_id
            self._build(step)
        else:
            self._sync(step)
        self._update_header(step)
        self._stack.setCurrentIndex(1)

    def _update_header(self, step: RuleStep) -> None:
        color = rule_color(step.rule_id).name()
        self._title.setText(
            f"<span style='color:{color}'>&#9632;</span>&nbsp;<b>{escape(step.label)}</b>"
        )
        state = "" if step.enabled else " · switched off"
        self._subtitle.setText(f"{step.rule.category} · {step.rule_id}{state}")

    def _build(self, step: RuleStep) -> None:
        while self._form.rowCount():
            self._form.removeRow(0)
        self._fields.clear()
        self._errors.clear()
        rule = step.rule
        self._params = {param.name: param for param in rule.params}
        self._description.setText(rule.description)
        values = step.full_params()
        self._known = dict(values)
        if not rule.params:
            note = QLabel("This rule has no parameters.")
            note.setObjectName("hint")
            self._form.addRow(note)
            return
        for param in rule.params:
            field = self._make_field(param)
            field.setObjectName(f"param_{param.name}")
            field.setToolTip(param.description)
            self._fields[param.name] = field
            self._set_value(param.name, values[param.name])
            error = QLabel()
            error.setObjectName("param_error")
            error.setWordWrap(True)
            error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            error.setStyleSheet("color: #d63c3c;")
            error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            error.hide()
            self._errors[param.name] = error
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(field)
            cell_layout.addWidget(error)
            if isinstance(field, QCheckBox):
                self._form.addRow("", cell)
            else:
                label = QLabel(_human(param.name))
                label.setToolTip(param.description)
                label.setBuddy(field)
                self._form.addRow(label, cell)

    def _make_field(self, param: Param) -> QWidget:
        name = param.name
        if param.choices:
            combo = QComboBox()
            for choice in param.choices:
                combo.addItem(str(choice), choice)
            combo.activated.connect(lambda _i, n=name: self._edited(n, combo.currentData(), ""))
            return combo
        if param.kind is bool:
            box = QCheckBox(_human(name))
            box.toggled.connect(lambda on, n=name: self._edited(n, on, ""))
            return box
        if param.kind is int:
            spin = QSpinBox()
            spin.setRange(-1_000_000, 1_000_000)
            spin.setAccelerated(True)
            spin.valueChanged.connect(lambda v, n=name: self._edited(n, v, self._merge_key(n)))
            spin.editingFinished.connect(self._next_round)
            return spin
        if param.kind is float:
            spin = QDoubleSpinBox()
            spin.setRange(0.0, 1_000_000.0)
            spin.setDecimals(2)
            spin.setSingleStep(0.1)
            if name.endswith("budget"):
                spin.setSuffix(" s")
            spin.valueChanged.connect(lambda v, n=name: self._edited(n, v, self._merge_key(n)))
            spin.editingFinished.connect(self._next_round)
            return spin
        line = QLineEdit()
        line.setClearButtonEnabled(True)
        if name in _CODE_PARAMS:
            line.setFont(monospace_font())
        if param.default:
            line.setPlaceholderText(f"default: {param.default!r}")
        line.textEdited.connect(lambda text, n=name: self._typed(n, text))
        line.editingFinished.connect(self._finish_typing)
        return line

    # -- values -----------------------------------------------------------------

    def _value(self, name: str) -> Any:
        field = self._fields[name]
        if isinstance(field, QComboBox):
            return field.currentData()
        if isinstance(field, QCheckBox):
            return field.isChecked()
        if isinstance(field, QSpinBox | QDoubleSpinBox):
            return field.value()
        return field.text()

    def _set_value(self, name: str, value: Any) -> None:
        field = self._fields[name]
        field.blockSignals(True)
        try:
            if isinstance(field, QComboBox):
                position = field.findData(value)
                if position < 0:
                    field.addItem(str(value), value)
                    position = field.count() - 1
                field.setCurrentIndex(position)
            elif isinstance(field, QCheckBox):
                field.setChecked(bool(value))
            elif isinstance(field, QSpinBox | QDoubleSpinBox):
                field.setValue(value)
            else:
                field.setText(str(value))
        finally:
            field.blockSignals(False)

    def _sync(self, step: RuleStep) -> None:
        """Follow values the profile changed from elsewhere (undo, redo)."""
        for name, value in step.full_params().items():
            if name not in self._fields or self._known.get(name) == value:
                continue
            self._known[name] = value
            self._pending.pop((self._index, name), None)
            if self._value(name) != value:
                self._set_value(name, value)
            self._clear_error(name)

    # -- edits ------------------------------------------------------------------

    def _merge_key(self, name: str) -> str:
        return f"{self._index}:{name}:{self._round}"

    def _typed(self, name: str, text: str) -> None:
        key = (self._index, name)
        self._pending[key] = (self._rule_id, text, self._merge_key(name))
        self._debounce.start(TEXT_DEBOUNCE_MS)

    def _finish_typing(self) -> None:
        # Enter or leaving the field: apply now (from the event loop, since
        # leaving may happen while the form is rebuilt), and start a new undo step.
        if self._pending:
            self._debounce.start(0)
        self._next_round()

    def _next_round(self) -> None:
        self._round += 1

    def flush(self) -> None:
        """Apply typed text that is still waiting for a pause."""
        self._debounce.stop()
        pending, self._pending = self._pending, {}
        steps = self._profile.steps if self._profile is not None else ()
        for (index, name), (rule_id, value, merge_key) in pending.items():
            # The step may have gone (undo, removal) since the text was typed.
            if index < len(steps) and steps[index].rule_id == rule_id:
                if index == self._index:
                    self._clear_error(name)
                self.params_edited.emit(index, {name: value}, merge_key)

    def _edited(self, name: str, value: Any, merge_key: str) -> None:
        if self._index < 0:
            return
        self._clear_error(name)
        self.params_edited.emit(self._index, {name: value}, merge_key)

    def _clear_error(self, name: str) -> None:
        label = self._errors.get(name)
        if label is not None and not label.isHidden():
            label.clear()
            label.hide()
            self._mark_invalid(name, False)

    def _mark_invalid(self, name: str, invalid: bool) -> None:
        field = self._fields.get(name)
        if field is None:
            return
        field.setProperty("invalid", invalid)
        field.style().unpolish(field)
        field.style().polish(field)
