"""Edit > Preferences: text font and size, interface size, theme, wrap, Tab, debounce.

The dialog edits a `ViewPreferences` value and gives it back (`edit`); it
does not read or write settings (the preferences model does).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from gui.app.models.preferences import MAX_FONT_SIZE, MIN_FONT_SIZE, ViewPreferences

THEME_LABELS = (("system", "As the system"), ("light", "Light"), ("dark", "Dark"))


class PreferencesDialog(QDialog):
    """A form over one `ViewPreferences`."""

    def __init__(
        self, value: ViewPreferences, default_font: QFont, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferences_dialog")
        self.setWindowTitle("Preferences")
        self._value = value
        self._default_font = default_font
        form = QFormLayout(self)
        self.font_box = QFontComboBox()
        self.font_box.setObjectName("pref_font")
        self.font_box.setFontFilters(QFontComboBox.FontFilter.MonospacedFonts)
        self.font_box.setCurrentFont(QFont(value.font_family or default_font.family()))
        self.size_box = QDoubleSpinBox()
        self.size_box.setObjectName("pref_font_size")
        self.size_box.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.size_box.setSingleStep(0.5)
        self.size_box.setSuffix(" pt")
        self.size_box.setValue(value.font_size or default_font.pointSizeF())
        self.ui_size_box = QDoubleSpinBox()
        self.ui_size_box.setObjectName("pref_ui_font_size")
        self.ui_size_box.setRange(0, MAX_FONT_SIZE)
        self.ui_size_box.setSingleStep(0.5)
        self.ui_size_box.setSpecialValueText("As the system")
        self.ui_size_box.setSuffix(" pt")
        self.ui_size_box.setValue(value.ui_font_size)
        self.theme_box = QComboBox()
        self.theme_box.setObjectName("pref_theme")
        for name, label in THEME_LABELS:
            self.theme_box.addItem(label, name)
        self.theme_box.setCurrentIndex(max(self.theme_box.findData(value.theme), 0))
        self.wrap_box = QCheckBox("&Wrap long lines in both panes")
        self.wrap_box.setObjectName("pref_wrap")
        self.wrap_box.setChecked(value.wrap)
        self.tab_box = QCheckBox("Ta&b types a tab in the raw text (Ctrl+Tab always does)")
        self.tab_box.setObjectName("pref_tab")
        self.tab_box.setChecked(value.tab_inserts_tab)
        self.debounce_box = QSpinBox()
        self.debounce_box.setObjectName("pref_debounce")
        self.debounce_box.setRange(0, 5000)
        self.debounce_box.setSingleStep(50)
        self.debounce_box.setSuffix(" ms")
        self.debounce_box.setSpecialValueText("Automatic")
        self.debounce_box.setValue(value.debounce_ms)
        self.debounce_box.setToolTip(
            "How long typing must pause before the output is recomputed. "
            "Automatic: 150 ms, 400 ms for large texts."
        )
        form.addRow("Text &font:", self.font_box)
        form.addRow("Text &size:", self.size_box)
        form.addRow("&Interface size:", self.ui_size_box)
        form.addRow("&Theme:", self.theme_box)
        form.addRow("", self.wrap_box)
        form.addRow("", self.tab_box)
        form.addRow("&Update after typing pauses for:", self.debounce_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&OK")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Cancel")
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).setText("&Defaults")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self._restore_defaults
        )
        form.addRow(buttons)

    def _restore_defaults(self) -> None:
        defaults = ViewPreferences()
        self.font_box.setCurrentFont(self._default_font)
        self.size_box.setValue(self._default_font.pointSizeF())
        self.ui_size_box.setValue(defaults.ui_font_size)
        self.theme_box.setCurrentIndex(self.theme_box.findData(defaults.theme))
        self.wrap_box.setChecked(defaults.wrap)
        self.tab_box.setChecked(defaults.tab_inserts_tab)
        self.debounce_box.setValue(defaults.debounce_ms)

    def result_value(self) -> ViewPreferences:
        family = self.font_box.currentFont().family()
        size = self.size_box.value()
        return replace(
            self._value,
            font_family="" if family == self._default_font.family() else family,
            font_size=0.0 if abs(size - self._default_font.pointSizeF()) < 0.01 else size,
            ui_font_size=self.ui_size_box.value(),
            theme=self.theme_box.currentData(),
            wrap=self.wrap_box.isChecked(),
            tab_inserts_tab=self.tab_box.isChecked(),
            debounce_ms=self.debounce_box.value(),
        )

    @classmethod
    def edit(
        cls, value: ViewPreferences, default_font: QFont, parent: QWidget | None = None
    ) -> ViewPreferences | None:
        """Show the dialog; the edited value, or None if cancelled."""
        dialog = cls(value, default_font, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_value()
