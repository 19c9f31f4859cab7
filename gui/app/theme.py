"""Light and dark looks: the application palette for a theme name.

"system" keeps the platform's palette (and follows its dark mode); "light"
and "dark" set Fusion palettes whose colours the stylesheet reads through
palette(...), so one stylesheet serves both. The rule tints are translucent
and stay legible on either.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

_DARK = {
    QPalette.ColorRole.Window: "#202226",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#17181b",
    QPalette.ColorRole.AlternateBase: "#1d1f23",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#2a2d32",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#3b82f6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#8a8f98",
    QPalette.ColorRole.Light: "#4a4e56",
    QPalette.ColorRole.Midlight: "#3a3d44",
    QPalette.ColorRole.Mid: "#50545c",
    QPalette.ColorRole.Dark: "#111214",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.ToolTipBase: "#2a2d32",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.Link: "#7aa7ff",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#f3f3f4",
    QPalette.ColorRole.WindowText: "#1d1d1f",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f6f7f9",
    QPalette.ColorRole.Text: "#1d1d1f",
    QPalette.ColorRole.Button: "#eeeef0",
    QPalette.ColorRole.ButtonText: "#1d1d1f",
    QPalette.ColorRole.Highlight: "#2f6fde",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#6e7179",
    QPalette.ColorRole.Mid: "#b9bcc3",
    QPalette.ColorRole.ToolTipBase: "#ffffdc",
    QPalette.ColorRole.ToolTipText: "#1d1d1f",
}


def palette_for(theme: str) -> QPalette | None:
    """The palette of a theme; None for "system" (the platform's own)."""
    if theme == "system":
        return None
    palette = QPalette()
    colours = _DARK if theme == "dark" else _LIGHT
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    # Disabled text: dimmer than enabled, in either look.
    disabled = QColor(colours[QPalette.ColorRole.PlaceholderText])
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """Give the application the palette of `theme` (see the module docstring)."""
    palette = palette_for(theme)
    app.setPalette(palette if palette is not None else app.style().standardPalette())
