"""The profile actions: switch to a preset, open a profile file, save one.

The profile model does the work (and the undo steps); this controller asks
for the file and says in words what went wrong.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.app.controllers.services import WindowServices
from gui.app.models.profile_model import ProfileModel
from gui.app.settings import WindowSettings
from gui.engine import ProfileError

PROFILE_FILTER = "Textwash profiles (*.toml);;All files (*)"


class ProfileActions(QObject):
    """Presets and profile files for the profile model."""

    # A preset could not be loaded: the profile is unchanged (the selector shows it again).
    preset_refused = Signal(object)

    def __init__(
        self,
        profiles: ProfileModel,
        services: WindowServices,
        settings: WindowSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._profiles = profiles
        self._services = services
        self._settings = settings

    def select_preset(self, name: str) -> None:
        try:
            self._profiles.select_preset(name)
        except ProfileError as error:
            QMessageBox.warning(self._services.parent, "Cannot load the preset", str(error))
            self.preset_refused.emit(self._profiles.profile)

    def open_profile_dialog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self._services.parent, "Open profile", self._settings.last_directory(), PROFILE_FILTER
        )
        if not path:
            return
        try:
            self._profiles.open_profile(path)
        except ProfileError as error:
            QMessageBox.warning(self._services.parent, "Cannot open this profile", str(error))
            return
        self._services.show_message(f"Profile {Path(path).name} loaded.", 5000)

    def save_profile_dialog(self) -> None:
        start = Path(self._settings.last_directory())
        suggested = str(start / f"{self._profiles.profile.name or 'profile'}.toml")
        path, _filter = QFileDialog.getSaveFileName(
            self._services.parent, "Save profile as", suggested, PROFILE_FILTER
        )
        if not path:
            return
        if Path(path).suffix.lower() != ".toml":
            path += ".toml"
        try:
            self._profiles.save_profile(path)
        except (OSError, ProfileError) as error:
            QMessageBox.warning(self._services.parent, "Cannot save the profile", str(error))
            return
        self._services.show_message(f"Profile saved as {Path(path).name}.", 5000)
