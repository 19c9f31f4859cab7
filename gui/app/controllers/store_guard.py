"""What a save asks when the corpus store refuses it: another profile, a saved record, a lock.

Save to Corpus, Save and Next and Apply to all share this: the save is tried
with the options agreed so far, and each refusal the store raises becomes
one question (`gui.app.widgets.store_prompts`), then the save is tried again:

    ProfileMismatch -> use the corpus's profile (loaded into the profile
        model, undoable) / choose another folder / mix profiles
        (`allow_mixed_profiles`, recorded in corpus.toml) / cancel
    AlreadySaved    -> replace (`replace=True`: one live document) / cancel
    CorpusLocked    -> the holder in words; choose another folder / cancel

Anything else (a duplicate text, a full disk) goes back to the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from gui.app.controllers.services import WindowServices
from gui.app.models.corpus import CorpusModel
from gui.app.models.profile_model import ProfileModel
from gui.app.widgets import store_prompts
from gui.engine import ProfileError
from gui.engine.profile import profile_from_dict
from gui.io.corpus import MARKER_NAME, AlreadySaved, CorpusLocked, ProfileMismatch

T = TypeVar("T")

# Each answer changes what the next try does; this many questions end it anyway.
MAX_QUESTIONS = 6


class StoreGuard(QObject):
    """Turns the store's refusals into questions, and retries the save with the answers."""

    def __init__(
        self,
        corpus: CorpusModel,
        profiles: ProfileModel,
        services: WindowServices,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._corpus = corpus
        self._profiles = profiles
        self._services = services

    def run(
        self, attempt: Callable[..., T], options: dict[str, Any], title: str = "this text"
    ) -> T | None:
        """`attempt(**options)` until it succeeds (its result) or the user gives up (None).

        `options` gains `allow_mixed_profiles` / `replace` as the user agrees to
        them, so a caller that tries again (after a duplicate question) keeps them.
        """
        for _question in range(MAX_QUESTIONS):
            try:
                return attempt(**options)
            except ProfileMismatch as mismatch:
                if not self._resolve_mismatch(mismatch, options):
                    return None
            except AlreadySaved as saved:
                answer = store_prompts.ask_replace(self._services.parent, title, saved.file)
                if answer != store_prompts.REPLACE:
                    self._services.show_message(f"Not saved: already saved as {saved.file}.", 8000)
                    return None
                options["replace"] = True
            except CorpusLocked as locked:
                answer = store_prompts.ask_corpus_locked(
                    self._services.parent, str(locked.folder), locked.holder
                )
                chosen = answer == store_prompts.OTHER_FOLDER
                if not chosen or not self._services.choose_corpus_folder():
                    holder = store_prompts.holder_text(locked.holder)
                    self._services.show_message(f"Not saved: the corpus is in use by {holder}.")
                    return None
        return None

    def _resolve_mismatch(self, mismatch: ProfileMismatch, options: dict[str, Any]) -> bool:
        answer = store_prompts.ask_profile_mismatch(
            self._services.parent, str(mismatch.folder), mismatch.corpus_profile, mismatch.profile
        )
        if answer == store_prompts.USE_CORPUS_PROFILE:
            return self.use_corpus_profile()
        if answer == store_prompts.OTHER_FOLDER:
            return self._services.choose_corpus_folder()
        if answer == store_prompts.MIX_PROFILES:
            options["allow_mixed_profiles"] = True
            return True
        self._services.show_message(
            f"Not saved: the corpus was made with the profile “{mismatch.corpus_profile}”.", 8000
        )
        return False

    def say_notes(self, notes: list[str] | None = None) -> None:
        """What the store repaired or found (each said once) into the status bar and its log."""
        for note in self._corpus.take_notes() if notes is None else notes:
            self._services.show_message(f"Corpus: {note}", 10000)

    def corpus_profile_conflict(self) -> ProfileMismatch | None:
        """The current profile is not one the chosen corpus records (None: it is, or none)."""
        return self._corpus.profile_conflict(self._profiles.recorded_profile())

    def use_corpus_profile(self, why: str = "") -> bool:
        """Load the corpus's (first) profile into the profile model, as one undo step."""
        folder = self._corpus.folder
        recorded = [] if folder is None else folder.profiles
        if folder is None or not recorded:
            return False
        try:
            data = recorded[0].get("profile", {})
            profile = profile_from_dict(data, str(folder.path / MARKER_NAME))
        except ProfileError as error:
            parent = self._services.parent
            QMessageBox.warning(parent, "Cannot use the corpus's profile", str(error))
            return False
        self._profiles.set_profile(profile, f"Use the corpus's profile “{profile.name}”")
        self._services.show_message(
            f"{why}Using the corpus's profile “{profile.name}” (Undo Rule Change puts yours back).",
            10000,
        )
        return True
