"""Preferences: remembered in settings, zoom within bounds, the dialog round-trips."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from gui.app.models.preferences import MAX_FONT_SIZE, Preferences, ViewPreferences
from gui.app.theme import apply_theme, palette_for
from gui.app.widgets.preferences_dialog import PreferencesDialog


def test_zoom_is_remembered_and_bounded(qapp, settings_path):
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    preferences = Preferences(settings, 11.0)
    preferences.zoom(2)
    assert preferences.text_font_size() == 13.0
    again = Preferences(QSettings(str(settings_path), QSettings.Format.IniFormat), 11.0)
    assert again.text_font_size() == 13.0
    again.zoom(1000)
    assert again.text_font_size() == MAX_FONT_SIZE
    again.zoom(0)
    assert again.text_font_size() == 11.0


def test_dialog_gives_back_what_was_edited(qtbot):
    font = QFont("Monospace", 11)
    value = ViewPreferences(theme="dark", debounce_ms=300)
    dialog = PreferencesDialog(value, font)
    qtbot.addWidget(dialog)
    assert dialog.result_value() == replace(value, font_family="", font_size=0.0)
    dialog.size_box.setValue(14)
    dialog.wrap_box.setChecked(False)
    dialog.tab_box.setChecked(True)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("light"))
    result = dialog.result_value()
    assert (result.font_size, result.wrap, result.tab_inserts_tab, result.theme) == (
        14.0, False, True, "light",
    )  # fmt: skip
    dialog._restore_defaults()
    assert dialog.result_value().theme == "system"


def test_dark_and_light_themes_set_the_palette(qapp):
    app = QApplication.instance()
    before = QPalette(app.palette())
    try:
        apply_theme(app, "dark")
        assert app.palette().color(QPalette.ColorRole.Base).lightness() < 60
        apply_theme(app, "light")
        assert app.palette().color(QPalette.ColorRole.Base).lightness() > 200
        assert palette_for("system") is None
    finally:
        app.setPalette(before)
