"""View > Zoom, wrap, theme and Edit > Preferences: applying the view preferences.

The preferences model owns the values; this controller gives them to the
panes (text font and size, wrap, Tab), the application (theme, interface
font size) and the preview (debounce), and offers the actions: Zoom In
(Ctrl++ / Ctrl+=), Zoom Out (Ctrl+-), Actual Size (Ctrl+0), Ctrl+wheel in
either pane, Wrap Lines, Preferences… It gets the widgets it sets, never the
window.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from gui.app.models.preferences import Preferences, ViewPreferences
from gui.app.theme import apply_theme
from gui.app.widgets.output_view import OutputView
from gui.app.widgets.preferences_dialog import PreferencesDialog
from gui.app.widgets.raw_editor import RawEditor, monospace_font


class ViewController(QObject):
    """Zoom, wrap, theme and the Preferences dialog."""

    def __init__(
        self,
        preferences: Preferences,
        raw: RawEditor,
        output: OutputView,
        preview,
        dialog_parent: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self._raw = raw
        self._output = output
        self._preview = preview
        self._dialog_parent = dialog_parent
        self._app_font: QFont | None = None
        self._theme_applied = "system"

        def action(text, slot, keys=(), name="", tip="") -> QAction:
            item = QAction(text, self)
            item.setObjectName(name)
            item.setShortcuts([QKeySequence(key) for key in keys])
            item.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if tip:
                item.setStatusTip(tip)
            item.triggered.connect(slot)
            return item

        self.zoom_in_action = action(
            "Zoom I&n", lambda: preferences.zoom(1),
            [QKeySequence.StandardKey.ZoomIn, "Ctrl+="], "zoom_in", "Larger text in both panes",
        )  # fmt: skip
        self.zoom_out_action = action(
            "Zoom &Out", lambda: preferences.zoom(-1), [QKeySequence.StandardKey.ZoomOut],
            "zoom_out", "Smaller text in both panes",
        )  # fmt: skip
        self.zoom_reset_action = action(
            "&Actual Size", lambda: preferences.zoom(0), ["Ctrl+0"], "zoom_reset",
            "The text size back to the default",
        )  # fmt: skip
        self.wrap_action = action(
            "&Wrap Lines", self._set_wrap, ["Alt+Z"], "wrap_lines",
            "Wrap long lines at the width of the panes",
        )  # fmt: skip
        self.wrap_action.setCheckable(True)
        self.preferences_action = action(
            "Prefe&rences…", self.edit_preferences, [QKeySequence.StandardKey.Preferences],
            "preferences", "Fonts, text size, theme, wrapping, Tab, update delay",
        )  # fmt: skip
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        raw.zoom_requested.connect(preferences.zoom)
        output.zoom_requested.connect(preferences.zoom)
        preferences.changed.connect(self.apply)
        self.apply(preferences.value)

    def zoom_actions(self) -> list[QAction]:
        return [self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action]

    def text_font(self, value: ViewPreferences | None = None) -> QFont:
        value = value or self.preferences.value
        font = monospace_font()
        if value.font_family:
            font.setFamily(value.font_family)
        font.setPointSizeF(self.preferences.text_font_size())
        return font

    def apply(self, value: ViewPreferences) -> None:
        font = self.text_font(value)
        for pane in (self._raw, self._output):
            pane.setFont(font)
        self._raw.set_wrapping(value.wrap)
        self._output.set_wrapping(value.wrap)
        self.wrap_action.setChecked(value.wrap)
        self._raw.set_tab_inserts_tab(value.tab_inserts_tab)
        if self._preview is not None:
            self._preview.debounce_override_ms = value.debounce_ms
        app = QApplication.instance()
        if isinstance(app, QApplication):
            if value.theme != self._theme_applied:
                apply_theme(app, value.theme)
                self._theme_applied = value.theme
            if value.ui_font_size:
                if self._app_font is None:
                    self._app_font = QGuiApplication.font()
                ui_font = QFont(self._app_font)
                ui_font.setPointSizeF(value.ui_font_size)
                app.setFont(ui_font)
            elif self._app_font is not None:
                app.setFont(self._app_font)
                self._app_font = None

    def _set_wrap(self, wrap: bool) -> None:
        self.preferences.set_value(replace(self.preferences.value, wrap=wrap))

    def edit_preferences(self) -> None:
        value = PreferencesDialog.edit(
            self.preferences.value, self._default_font(), self._dialog_parent
        )
        if value is not None:
            self.preferences.set_value(value)

    def _default_font(self) -> QFont:
        font = monospace_font()
        font.setPointSizeF(self.preferences.default_font_size)
        return font
