"""The profile actions: switch to a preset, open a profile file, save one; remember it.

The profile model does the work (and the undo steps); this controller asks
for the file and says in words what went wrong. Every profile the model
takes is kept in the settings (`remember`), and `restore` puts the last one
back when the window starts: user rules and protected spans survive a restart.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.app.controllers.services import WindowServices
from gui.app.models.profile_model import ProfileModel
from gui.app.settings import WindowSettings
from gui.engine import ProfileError
from gui.engine.profile import profile_from_toml

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

    def restore(self) -> None:
        """Load the profile the window last used (without an undo step); then keep each new one.

        A kept profile that no longer loads (a rule removed since) leaves the
        default and says why in the status bar.
        """
        kept = self._settings.last_profile()
        if kept:
            try:
                profile = profile_from_toml(kept, "the profile kept from the last run")
            except ProfileError as error:
                self._services.show_message(f"The last profile was not restored: {error}", 10000)
            else:
                self._profiles.apply(profile)
        self._profiles.profile_changed.connect(self.remember)

    def remember(self, *_args) -> None:
        """Keep the current profile in the settings (for the next start)."""
        self._settings.set_last_profile(self._profiles.profile.to_toml())

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
