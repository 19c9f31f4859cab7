"""A bar chart of per-class shares for the top leaking terms, drawn with QPainter.

One row per term (best first), one bar per class: the share of that class's
documents containing the term. A leak shows as one long bar beside a short
one. Drawn by hand because QtCharts is not in PySide6-Essentials, the only Qt
the project depends on; a few rectangles and labels do not justify PySide6-Addons.
Clicking a row emits `term_clicked(term)`.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.app.models.leakage import LeakageModel

# Okabe-Ito hues: distinguishable for colour-blind readers, on light and dark themes.
CLASS_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")
ROWS = 12
MARGIN = 6


class LeakageChart(QWidget):
    """Per-class shares of the model's top terms, as horizontal bars."""

    term_clicked = Signal(str)

    def __init__(self, model: LeakageModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leakageChart")
        self.setAccessibleName("Per-class shares of the top leaking terms")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(False)
        self._model = model
        model.ranking_changed.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(360, 260)

    def terms(self) -> list[str]:
        """The terms drawn, top to bottom."""
        return [leak.term for leak in self._model.leaks[:ROWS]]

    def colour(self, index: int) -> QColor:
        return QColor(CLASS_COLOURS[index % len(CLASS_COLOURS)])

    def row_rect(self, row: int) -> QRectF:
        """Where row `row` is drawn (label and bars)."""
        height = self._row_height()
        return QRectF(0, self._legend_height() + row * height, self.width(), height)

    def _legend_height(self) -> float:
        return self.fontMetrics().height() + 2 * MARGIN

    def _row_height(self) -> float:
        rows = max(len(self.terms()), 1)
        return max((self.height() - self._legend_height()) / rows, 1.0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(palette.ColorRole.WindowText)
        metrics = self.fontMetrics()
        classes = self._model.classes
        terms = self.terms()
        if not terms:
            painter.setPen(text_colour)
            message = self._model.error or "No ranking yet."
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, message)
            return
        # Legend: a swatch and the class name for each class.
        x = float(MARGIN)
        for index, label in enumerate(classes):
            swatch = QRectF(x, MARGIN, metrics.height(), metrics.height())
            painter.fillRect(swatch, self.colour(index))
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(swatch.right() + 4, MARGIN, 200, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            x = swatch.right() + 4 + metrics.horizontalAdvance(label) + 2 * MARGIN
        label_width = min(max(metrics.horizontalAdvance(term) for term in terms) + MARGIN, 160)
        bar_left = label_width + MARGIN
        bar_width = max(self.width() - bar_left - MARGIN - metrics.horizontalAdvance("100%"), 10)
        for row, leak in enumerate(self._model.leaks[:ROWS]):
            rect = self.row_rect(row)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, rect.top(), label_width, rect.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(leak.term, Qt.TextElideMode.ElideRight, int(label_width)),
            )
            inner = rect.height() * 0.8
            bar_height = inner / max(len(classes), 1)
            top = rect.top() + (rect.height() - inner) / 2
            for index, label in enumerate(classes):
                share = leak.score.share.get(label, 0.0)
                bar = QRectF(bar_left, top + index * bar_height, bar_width * share, bar_height)
                painter.fillRect(bar, self.colour(index))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        y = event.position().y()
        for row, term in enumerate(self.terms()):
            if self.row_rect(row).contains(self.row_rect(row).left() + 1, y):
                self.term_clicked.emit(term)
                return
        super().mousePressEvent(event)
