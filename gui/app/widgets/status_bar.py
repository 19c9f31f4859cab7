"""The status bar: messages, text sizes before and after, normalization time, corpus folder.

Counts are characters and whitespace-separated tokens. The corpus folder is a
flat button: clicking it asks to change the folder (`corpus_folder_clicked`).
Transient notes (saved, refused file) use the usual `showMessage`; they are
shown in a label of their own at the left, with the permanent fields, so no
field hides them.

While a message shows, the sizes and the timing make room for it. Every
field elides its text to the width it gets (`ElidedLabel`), with the
full text in its tooltip, and the bar's minimum width is nil: a long message,
file name or progress line never widens the window (QMainWindow takes the
status bar's minimum width as its own). The last messages stay readable in
the message field's tooltip.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtWidgets import QStatusBar, QWidget

from gui.app.widgets.elided_button import ElidedButton
from gui.app.widgets.elided_label import ElidedLabel

MESSAGE_LOG = 12
# Busy states are shown only when they last: a small text's run takes a millisecond.
BUSY_AFTER_MS = 250


def _duration(seconds: float) -> str:
    """A duration a person reads at a glance: "<0.1 ms", "3.2 ms", "41 ms", "1.24 s"."""
    milliseconds = seconds * 1000
    if milliseconds < 0.1:
        return "<0.1 ms"
    if milliseconds < 10:
        return f"{milliseconds:.1f} ms"
    if milliseconds < 1000:
        return f"{milliseconds:.0f} ms"
    return f"{seconds:.2f} s"


def _count(text: str | None, tokens: int | None = None) -> str:
    if text is None:
        return "…"
    if tokens is None:
        tokens = len(text.split())
    return f"{len(text):,} chars · {tokens:,} tokens"


class StatusBar(QStatusBar):
    """Sizes, timing and the corpus folder, always visible at the bottom."""

    corpus_folder_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_bar")
        self._log: list[str] = []
        self._extra_fields = 0
        # QStatusBar paints a temporary message left of the first permanent
        # widget; this one is first and takes the free width, so it paints
        # nothing there and the label shows the message, elided.
        self._message = ElidedLabel(parent=self)
        self._message.setObjectName("status_message")
        self._message.setAccessibleName("Status message")
        self.messageChanged.connect(self._show_message)
        self._sizes = ElidedLabel(parent=self)
        self._sizes.setObjectName("status_sizes")
        self._sizes.setAccessibleName("Text sizes")
        self._timing = ElidedLabel(parent=self)
        self._timing.setObjectName("status_timing")
        self._timing.setAccessibleName("Normalization time")
        self._corpus = ElidedButton(self)
        self._corpus.setObjectName("status_corpus")
        self._corpus.setToolTip("The corpus folder Save to Corpus writes into. Click to change it.")
        self._corpus.setAccessibleDescription("Click to change the corpus folder")
        self._corpus.clicked.connect(self.corpus_folder_clicked)
        self._timing_text = ""
        self._explaining = False
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(lambda: self._timing.setText("normalizing…"))
        self._explain_timer = QTimer(self)
        self._explain_timer.setSingleShot(True)
        self._explain_timer.setInterval(BUSY_AFTER_MS)
        self._explain_timer.timeout.connect(self._show_timing)
        self.addPermanentWidget(self._message, 1)
        self.addPermanentWidget(self._sizes)
        self.addPermanentWidget(self._timing)
        self.addPermanentWidget(self._corpus)
        self.set_sizes("", None)
        self.set_timing(None)
        self.set_corpus(None, 0)

    def add_field(self, name: str, tooltip: str = "") -> ElidedLabel:
        """A permanent field (before the corpus button) that elides rather than widens."""
        field = ElidedLabel(parent=self)
        field.setObjectName(name)
        field.setToolTip(tooltip)
        # Message, sizes, timing, earlier fields; the corpus button stays last.
        self.insertPermanentWidget(3 + self._extra_fields, field)
        self._extra_fields += 1
        return field

    def _show_message(self, text: str) -> None:
        self._message.setText(text)
        # As QStatusBar does with its normal widgets: a message takes the sizes'
        # and timing's room while it shows, so a narrow window can still read it.
        for field in (self._sizes, self._timing):
            field.setVisible(not text)
        if text and (not self._log or self._log[-1] != text):
            self._log = [*self._log, text][-MESSAGE_LOG:]
            self._message.setToolTip("Recent messages:\n" + "\n".join(self._log))

    def message_log(self) -> list[str]:
        """The last messages shown, oldest first."""
        return list(self._log)

    def minimumSizeHint(self) -> QSize:
        """No minimum width: the fields elide (see the module docstring)."""
        return QSize(0, super().minimumSizeHint().height())

    def set_busy(self, busy: bool) -> None:
        """The text is being normalized: the last run's time is stale.

        Shown as "normalizing…" if it lasts (`BUSY_AFTER_MS`); `set_timing` ends it.
        """
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()

    def set_explaining(self, explaining: bool) -> None:
        """Counts and highlights are being computed (after the output): say so if it lasts."""
        self._explaining = explaining
        if explaining:
            self._explain_timer.start()
        else:
            self._explain_timer.stop()
            self._show_timing()

    def is_busy_shown(self) -> bool:
        return self._timing.text() == "normalizing…" or "counting" in self._timing.text()

    def _show_timing(self) -> None:
        text = self._timing_text
        if self._explaining and self._explain_timer.isActive() is False:
            text = f"{text} · counting changes…" if text else "counting changes…"
        self._timing.setText(text)

    def set_sizes(
        self, raw: str, output: str | None, tokens: tuple[int, int] | None = None
    ) -> None:
        """Sizes of both texts; `tokens` (counted off the UI thread) spares a count here."""
        raw_tokens, output_tokens = tokens if tokens is not None else (None, None)
        self._sizes.setText(
            f"Raw {_count(raw, raw_tokens)}  →  normalized {_count(output, output_tokens)}"
        )

    def set_timing(self, seconds: float | None) -> None:
        self._busy_timer.stop()
        if seconds is None:
            self._timing_text = ""
        elif seconds < 1:
            self._timing_text = f"normalized in {_duration(seconds)}"
        else:
            self._timing_text = f"normalized in {seconds:.2f} s"
        self._show_timing()

    def set_corpus(self, folder: str | None, documents: int) -> None:
        if not folder:
            self._corpus.setText("Corpus: not chosen yet")
            return
        noun = "document" if documents == 1 else "documents"
        shown = Path(folder)
        with contextlib.suppress(ValueError):
            shown = Path("~") / shown.relative_to(Path.home())
        self._corpus.setText(f"Corpus: {shown}  ({documents:,} {noun})")

    def texts(self) -> dict[str, str]:
        """What the permanent fields show (for tests and automation)."""
        return {
            "sizes": self._sizes.text(),
            "timing": self._timing.text(),
            "corpus": self._corpus.text(),
            "message": self._message.text(),
        }
