"""The status bar: text sizes before and after, normalization time, corpus folder.

Counts are characters and whitespace-separated tokens. The corpus folder is a
flat button: clicking it asks to change the folder (`corpus_folder_clicked`).
Transient notes (saved, refused file) use the usual `showMessage`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton, QWidget


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
        self._sizes = QLabel(self)
        self._sizes.setObjectName("status_sizes")
        self._timing = QLabel(self)
        self._timing.setObjectName("status_timing")
        self._corpus = QToolButton(self)
        self._corpus.setObjectName("status_corpus")
        self._corpus.setAutoRaise(True)
        self._corpus.setToolTip("The corpus folder Save to Corpus writes into. Click to change it.")
        self._corpus.clicked.connect(self.corpus_folder_clicked)
        self.addPermanentWidget(self._sizes)
        self.addPermanentWidget(self._timing)
        self.addPermanentWidget(self._corpus)
        self.set_sizes("", None)
        self.set_timing(None)
        self.set_corpus(None, 0)

    def set_sizes(
        self, raw: str, output: str | None, tokens: tuple[int, int] | None = None
    ) -> None:
        """Sizes of both texts; `tokens` (counted off the UI thread) spares a count here."""
        raw_tokens, output_tokens = tokens if tokens is not None else (None, None)
        self._sizes.setText(
            f"Raw {_count(raw, raw_tokens)}  →  normalized {_count(output, output_tokens)}"
        )

    def set_timing(self, seconds: float | None) -> None:
        if seconds is None:
            self._timing.setText("")
        elif seconds < 1:
            self._timing.setText(f"normalized in {_duration(seconds)}")
        else:
            self._timing.setText(f"normalized in {seconds:.2f} s")

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
        }
