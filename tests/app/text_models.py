"""The window's three text models in one handle, for tests that drive them directly."""

from __future__ import annotations

from dataclasses import dataclass

from gui.app.models.document import Document
from gui.app.models.preview import Preview
from gui.app.models.profile_model import ProfileModel
from gui.engine import Profile


@dataclass(frozen=True)
class TextModels:
    document: Document
    profile_model: ProfileModel
    preview: Preview

    @classmethod
    def create(cls, profile: Profile | None = None) -> TextModels:
        """Models without a window, wired as the window wires them."""
        document = Document()
        profiles = ProfileModel(profile)
        return cls(document, profiles, Preview(document, profiles))

    @classmethod
    def of(cls, window) -> TextModels:
        return cls(window.document, window.profile_model, window.preview)

    def shutdown(self) -> None:
        self.preview.shutdown()
        self.document.shutdown()
