"""The preset selector: pick a built-in profile; shows when the profile is customised.

The built-in presets are listed by name. When the current profile is not
exactly one of them (a rule toggled, moved, or a profile file opened) an extra
first entry names it, marked as modified or as a file, so the selector never
claims a preset that is not what runs.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from gui.engine import Profile, load_preset, preset_names

_CUSTOM = None


class PresetSelector(QComboBox):
    """A combo box of built-in presets, plus the current custom profile if any."""

    # The user chose the built-in preset with this name.
    preset_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preset_selector")
        self.setToolTip("Built-in presets. Switching is undoable (Ctrl+Z outside the editor).")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._presets: dict[str, Profile] = {}
        for name in preset_names():
            try:
                self._presets[name] = load_preset(name)
            except Exception:  # a broken preset file must not stop the window
                continue
            self.addItem(name, name)
            self.setItemData(self.count() - 1, self._presets[name].description, 3)  # tooltip
        self.activated.connect(self._on_activated)

    def set_profile(self, profile: Profile) -> None:
        """Select the preset the profile is, or show it as a custom entry."""
        self.blockSignals(True)
        try:
            if self.itemData(0) is _CUSTOM and self.count() > len(self._presets):
                self.removeItem(0)
            for name, preset in self._presets.items():
                if preset == profile:
                    self.setCurrentIndex(self.findData(name))
                    return
            label = profile.name or "profile"
            if profile.name in self._presets:
                label = f"{profile.name} (modified)"
            self.insertItem(0, label, _CUSTOM)
            self.setItemData(0, "The current profile differs from every built-in preset.", 3)
            self.setCurrentIndex(0)
        finally:
            self.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        name = self.itemData(index)
        if name is not _CUSTOM:
            self.preset_selected.emit(name)
