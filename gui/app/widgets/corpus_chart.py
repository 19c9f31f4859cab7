"""The open dataset's figures in the Changes view: a length histogram and the top tokens.

Two histograms on one scale, bar beside bar per length bin: documents by
tokens before the profile (the track colour) and after it (the accent), then
the corpus's most frequent tokens as bars with their counts. Painted with
QPainter like `ChangesView` above it, for the same reasons (see there).
Hidden while no dataset is open.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.workflow.corpus_figures import DatasetFigures

_PAD = 8.0
_CHART = 90.0
_BAR = 8.0


class CorpusChart(QWidget):
    """Length histogram (before/after) and top tokens of the open dataset, painted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("corpus_chart")
        self.setAccessibleName("Dataset lengths and top tokens")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._figures: DatasetFigures | None = None
        self._busy = False
        self._stale = False

    def figures(self) -> DatasetFigures | None:
        return self._figures

    def set_figures(self, figures: DatasetFigures | None) -> None:
        self._figures = figures
        self._busy = self._stale = False
        self._describe()
        self.updateGeometry()
        self.update()

    def set_busy(self) -> None:
        """The figures are being computed (again)."""
        self._busy = self._stale = True
        self.update()

    def is_stale(self) -> bool:
        return self._stale

    def _describe(self) -> None:
        figures = self._figures
        if figures is None:
            self.setAccessibleDescription("")
            return
        tokens = ", ".join(f"{token} {count}" for token, count in figures.top_tokens[:5])
        self.setAccessibleDescription(
            f"Lengths of {figures.measured} of {figures.records} records; top tokens: {tokens}"
        )

    # -- layout --------------------------------------------------------------------

    def _line(self) -> float:
        return QFontMetricsF(self.font()).height() + 2

    def _content_height(self) -> float:
        line = self._line()
        if self._figures is None:
            return 2 * line
        rows = len(self._figures.top_tokens)
        return _PAD + 2 * line + _CHART + 2 * line + line + rows * line + _PAD

    def sizeHint(self) -> QSize:
        return QSize(320, int(self._content_height()))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, int(self._content_height()))

    # -- painting --------------------------------------------------------------------

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        faint = palette.color(QPalette.ColorRole.PlaceholderText)
        track = palette.color(QPalette.ColorRole.Mid)
        accent = palette.color(QPalette.ColorRole.Highlight)
        metrics = QFontMetricsF(self.font())
        line = self._line()
        width = self.width() - 2 * _PAD
        bold = self.font()
        bold.setBold(True)
        figures = self._figures
        y = _PAD
        if self._stale:
            painter.setOpacity(0.45)
        if figures is None:
            painter.setPen(faint)
            painter.drawText(
                QRectF(_PAD, y, width, line),
                "Measuring the dataset…" if self._busy else "No dataset figures yet.",
            )
            painter.end()
            return
        painter.setPen(text)
        painter.setFont(bold)
        painter.drawText(QRectF(_PAD, y, width, line), "Dataset: tokens per document")
        painter.setFont(self.font())
        y += line
        sampled = (
            "" if figures.measured == figures.records else f" (a sample of {figures.records:,})"
        )
        x = self._legend_text(painter, _PAD, y, f"{figures.measured:,} records{sampled}:", faint)
        swatch = line * 0.6
        for name, colour in (("before", track), ("after", accent)):
            painter.fillRect(QRectF(x + 6, y + (line - swatch) / 2, swatch, swatch), colour)
            x = self._legend_text(painter, x + 10 + swatch, y, name, faint)
        y += line
        self._paint_histogram(painter, QRectF(_PAD, y, width, _CHART), track, accent)
        y += _CHART
        edges = figures.before.edges
        painter.setPen(faint)
        painter.drawText(QRectF(_PAD, y, width, line), Qt.AlignmentFlag.AlignLeft, "0")
        painter.drawText(
            QRectF(_PAD, y, width, line), Qt.AlignmentFlag.AlignRight, f"{edges[-1]:,} tokens"
        )
        y += 2 * line
        painter.setPen(text)
        painter.setFont(bold)
        where = (
            f"the {figures.top_from_saved:,} saved records"
            if figures.top_from_saved
            else "the records measured (none saved yet)"
        )
        painter.drawText(
            QRectF(_PAD, y, width, line),
            metrics.elidedText(f"Top tokens of {where}", Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(self.font())
        y += line
        busiest = max((count for _token, count in figures.top_tokens), default=1)
        label_width = width * 0.4
        for token, count in figures.top_tokens:
            painter.setPen(text)
            shown = metrics.elidedText(token, Qt.TextElideMode.ElideRight, label_width - 4)
            painter.drawText(QRectF(_PAD, y, label_width, line), shown)
            bar = (width - label_width) * 0.75 * count / busiest
            painter.fillRect(QRectF(_PAD + label_width, y + (line - _BAR) / 2, bar, _BAR), accent)
            painter.setPen(faint)
            painter.drawText(QRectF(_PAD + label_width + bar + 4, y, width, line), f"{count:,}")
            y += line
        painter.end()

    def _legend_text(self, painter: QPainter, x: float, y: float, text: str, colour) -> float:
        """Draw `text` at (x, y); where it ends."""
        painter.setPen(colour)
        width = QFontMetricsF(self.font()).horizontalAdvance(text)
        painter.drawText(QRectF(x, y, width + 2, self._line()), text)
        return x + width

    def _paint_histogram(self, painter: QPainter, area: QRectF, track, accent) -> None:
        for before, after in self.bar_rects():
            painter.fillRect(before, track)
            painter.fillRect(after, accent)
        painter.setPen(track)
        painter.drawLine(area.bottomLeft(), area.bottomRight())

    def bar_rects(self) -> list[tuple[QRectF, QRectF]]:
        """Where each bin's before and after bars are drawn (for tests and tooltips)."""
        figures = self._figures
        if figures is None:
            return []
        line = self._line()
        area = QRectF(_PAD, _PAD + 2 * line, self.width() - 2 * _PAD, _CHART)
        tallest = max([*figures.before.counts, *figures.after.counts, 1])
        slot = area.width() / len(figures.before.counts)
        bar = max(1.0, slot / 2 - 1)
        rects = []
        for index, (old, new) in enumerate(
            zip(figures.before.counts, figures.after.counts, strict=True)
        ):
            x = area.left() + index * slot
            pair = tuple(
                QRectF(x + offset, area.bottom() - area.height() * n / tallest, bar,
                       area.height() * n / tallest)
                for offset, n in ((0.0, old), (bar, new))
            )  # fmt: skip
            rects.append(pair)
        return rects
