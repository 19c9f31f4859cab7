"""What a controller may ask of the window, and nothing more.

A controller gets its models and a `WindowServices`: a parent for its
dialogs, a status-bar message, the unsaved-edits question, choosing a corpus
folder (the first one, or another when the store refuses the one in use),
and switching the window's own saving on and off (one writer to the corpus
at a time). It never gets the window itself, so no controller imports
`main_window` or calls its privates: the window builds a `WindowServices`
from its own parts, and tests build one from real widgets without a window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStatusBar, QWidget


class WindowServices:
    """The window's services to its controllers."""

    def __init__(
        self,
        parent: QWidget,
        status: QStatusBar,
        *,
        confirm_discard: Callable[[], bool],
        ensure_corpus_folder: Callable[[], bool],
        choose_corpus_folder: Callable[[], bool] = lambda: False,
        saving_actions: Sequence[QAction] = (),
    ) -> None:
        self._parent = parent
        self._status = status
        self._confirm_discard = confirm_discard
        self._ensure_corpus_folder = ensure_corpus_folder
        self._choose_corpus_folder = choose_corpus_folder
        self._saving_actions = list(saving_actions)

    @property
    def parent(self) -> QWidget:
        """The widget dialogs are shown over."""
        return self._parent

    def show_message(self, text: str, msecs: int = 5000) -> None:
        """A passing note in the status bar."""
        self._status.showMessage(text, msecs)

    def confirm_discard(self) -> bool:
        """Ask about unsaved edits (save, drop, or stay); True to go on."""
        return self._confirm_discard()

    def ensure_corpus_folder(self) -> bool:
        """A corpus folder is chosen (asked for if need be); False if the user declined."""
        return self._ensure_corpus_folder()

    def choose_corpus_folder(self) -> bool:
        """Ask for another corpus folder (the store refused this one); False if declined."""
        return self._choose_corpus_folder()

    def add_saving_actions(self, *actions: QAction) -> None:
        """More of the window's saving actions for `set_saving_enabled` to switch."""
        self._saving_actions.extend(actions)

    def set_saving_enabled(self, enabled: bool) -> None:
        """Allow or refuse the window's own saves (off while a batch writes)."""
        for action in self._saving_actions:
            action.setEnabled(enabled)
