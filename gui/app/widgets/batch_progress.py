"""A progress panel for long dataset work: opening a dataset, Apply to all.

A label, a progress bar and a Cancel button, shown in the status bar only
while work runs. Opening reports bytes indexed; a batch run reports records
done of the pending total, the rate and the time left. Cancel is a request
(`cancel_clicked`): the button then says "Stopping…" until `finish`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QProgressBar, QPushButton, QWidget

from gui.app.widgets.elided_label import ElidedLabel
from gui.workflow.batch import BatchProgress, BatchResult


def format_duration(seconds: float | None) -> str:
    """`42 s`, `3 min 05 s`, `1 h 02 min`; an em dash when unknown."""
    if seconds is None:
        return "—"
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class BatchProgressPanel(QWidget):
    """What is running, how far it got, and a way to stop it."""

    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batch_progress")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        # Elided: a long progress line must not widen the window (it sits in the status bar).
        self.label = ElidedLabel(parent=self)
        self.label.setObjectName("batch_progress_label")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("batch_progress_bar")
        self.bar.setFixedWidth(160)
        self.bar.setMaximumHeight(16)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("batch_cancel_button")
        self.cancel_button.setToolTip("Stop after the record in hand; everything saved stays")
        self.cancel_button.clicked.connect(self._on_cancel)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def start(self, text: str, total: int = 0) -> None:
        """Show the panel; `total` 0 shows a busy bar until the first report."""
        self.label.setText(text)
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel")
        self.show()

    def show_indexing(self, name: str, done: int, total: int) -> None:
        percent = 100 * done // total if total else 0
        self.bar.setRange(0, 100)
        self.bar.setValue(percent)
        self.label.setText(f"Opening {name}… {percent}%")

    def show_batch(self, progress: BatchProgress) -> None:
        self.bar.setRange(0, max(progress.total, 1))
        self.bar.setValue(progress.done)
        rate = progress.rate
        self.label.setText(
            f"Applying: {progress.done:,} of {progress.total:,} · "
            f"{rate:,.0f} records/s · {format_duration(progress.eta)} left"
        )
        self.label.setToolTip(
            f"{progress.saved:,} saved, {progress.skipped:,} skipped, "
            f"{format_duration(progress.elapsed)} so far"
        )

    def finish(self) -> None:
        self.hide()
        self.label.setToolTip("")

    def _on_cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("Stopping…")
        self.cancel_clicked.emit()


def batch_result_message(result: BatchResult, pending_left: int) -> str:
    """The status-bar line after Apply to all: what was saved and skipped, and what is left."""
    duplicates = f" ({result.duplicates:,} duplicates)" if result.duplicates else ""
    done = (
        f"{result.saved:,} saved, {result.skipped:,} skipped{duplicates} "
        f"in {format_duration(result.elapsed)}"
    )
    if result.cancelled:
        return f"Apply to all cancelled: {done}; {pending_left:,} records still pending."
    return f"Apply to all finished: {done}."


def show_batch_failure(parent: QWidget | None, message: str) -> None:
    QMessageBox.critical(
        parent,
        "Apply to all stopped",
        f"{message}\n\nEverything saved before this is in the corpus and its manifest; "
        "Apply to all again continues with the records still pending.",
    )
