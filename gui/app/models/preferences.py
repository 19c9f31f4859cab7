"""The user's view preferences: fonts, zoom, theme, wrap, Tab, debounce.

One owner for these values, kept in the `QSettings` it is given (tests pass a
throwaway one). Widgets do not read settings: the window applies `changed`
to the panes. The text font size is also the zoom: Ctrl+plus, Ctrl+minus,
Ctrl+0 and Ctrl+wheel change it (`zoom`), and it is remembered.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from PySide6.QtCore import QObject, QSettings, Signal

MIN_FONT_SIZE = 6.0
MAX_FONT_SIZE = 48.0
ZOOM_STEP = 1.0


@dataclass(frozen=True)
class ViewPreferences:
    """What the Preferences dialog edits."""

    font_family: str = ""  # empty: the system's fixed-width font
    font_size: float = 0.0  # 0: the default size
    ui_font_size: float = 0.0  # 0: the platform's size
    theme: str = "system"  # system, light, dark
    wrap: bool = True
    tab_inserts_tab: bool = False
    debounce_ms: int = 0  # 0: automatic (shorter for small texts)


_TYPES = {"font_family": str, "font_size": float, "ui_font_size": float, "theme": str,
          "wrap": bool, "tab_inserts_tab": bool, "debounce_ms": int}  # fmt: skip


class Preferences(QObject):
    """The current `ViewPreferences`, read from and written to settings."""

    changed = Signal(object)

    def __init__(self, settings: QSettings, default_font_size: float, parent=None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.default_font_size = default_font_size
        defaults = ViewPreferences()
        values = {
            name: settings.value(f"preferences/{name}", getattr(defaults, name), type=kind)
            for name, kind in _TYPES.items()
        }
        self._value = ViewPreferences(**values)

    @property
    def value(self) -> ViewPreferences:
        return self._value

    def text_font_size(self) -> float:
        return self._value.font_size or self.default_font_size

    def set_value(self, value: ViewPreferences) -> None:
        size = value.font_size
        if size:
            value = replace(value, font_size=min(max(size, MIN_FONT_SIZE), MAX_FONT_SIZE))
        if value == self._value:
            return
        self._value = value
        for name, item in asdict(value).items():
            self._settings.setValue(f"preferences/{name}", item)
        self.changed.emit(value)

    def zoom(self, steps: int) -> None:
        """Make the text font `steps` sizes larger (negative: smaller); 0 resets it."""
        if steps == 0:
            self.set_value(replace(self._value, font_size=0.0))
            return
        size = self.text_font_size() + steps * ZOOM_STEP
        self.set_value(replace(self._value, font_size=size))
