"""The Changes view: what each rule did to this text, drawn as a picture.

At the top, the text's size before and after the profile (characters,
tokens, distinct tokens) as pairs of bars; below, one block per rule in the
profile's order: its legend swatch, its label, a bar for its number of
changes (scaled to the busiest rule), and the strings it changed most, "what
it received -> what it made ×count". Clicking a string emits
`string_clicked(text)` so the window can find it in the raw pane.

Drawn with QPainter on one widget: the picture is a few bars and lines of
text, which QPainter does in a hundred lines with no dependency. QtCharts is
not in PySide6-Essentials (the Addons wheel is some 150 MB more) and
pyqtgraph would bring NumPy; neither draws text lists, which is most of this
view.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.app.widgets.rule_colors import rule_brush
from gui.workflow.changes import ChangeSummary

_PAD = 8.0
_BAR = 10.0
_SWATCH = 10.0
_FIGURES = (("Characters", "chars"), ("Tokens", "tokens"), ("Distinct tokens", "vocabulary"))


def _visible(text: str) -> str:
    """A changed string as one readable line: line ends and tabs shown, empty as ∅."""
    if not text:
        return "∅"
    return text.replace("\n", "⏎").replace("\t", "⇥").replace(" ", "·")


class ChangesView(QWidget):
    """Before/after figures and per-rule top changes, painted (see the module docstring)."""

    # The user clicked a changed string: its text as the rule received it.
    string_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changes_view")
        self.setAccessibleName("Changes by rule")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setMouseTracking(True)
        self._summary: ChangeSummary | None = None
        self._hits: list[tuple[QRectF, str]] = []
        self._stale = False

    def set_summary(self, summary: ChangeSummary | None) -> None:
        self._summary = summary
        self._stale = False
        self.updateGeometry()
        self.update()

    def set_stale(self) -> None:
        """The text or profile changed: the figures shown are being recomputed."""
        self._stale = True
        self.update()

    def summary(self) -> ChangeSummary | None:
        return self._summary

    # -- layout --------------------------------------------------------------------

    def _line(self) -> float:
        return QFontMetricsF(self.font()).height() + 2

    def sizeHint(self) -> QSize:
        return QSize(320, int(self._content_height()))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, int(self._content_height()))

    def _content_height(self) -> float:
        line = self._line()
        if self._summary is None:
            return 3 * line
        height = _PAD + line + len(_FIGURES) * (line + _BAR + 4) + line
        for rule in self._summary.rules:
            height += line + _BAR + 6 + len(rule.top) * line + 6
        return height + _PAD

    # -- painting --------------------------------------------------------------------

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        faint = palette.color(QPalette.ColorRole.PlaceholderText)
        track = palette.color(QPalette.ColorRole.Mid)
        track.setAlpha(70)
        accent = palette.color(QPalette.ColorRole.Highlight)
        metrics = QFontMetricsF(self.font())
        line = self._line()
        width = self.width() - 2 * _PAD
        self._hits = []
        if self._stale:
            painter.setOpacity(0.45)
        summary = self._summary
        y = _PAD
        if summary is None:
            painter.setPen(faint)
            painter.drawText(
                QRectF(_PAD, y, width, 2 * line),
                Qt.TextFlag.TextWordWrap,
                "What each rule changed appears here once the text is normalized.",
            )
            return
        painter.setPen(text)
        bold = self.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(_PAD, y, width, line), "Before → after")
        painter.setFont(self.font())
        y += line
        for title, name in _FIGURES:
            before = getattr(summary.before, name)
            after = getattr(summary.after, name)
            change = f"{before:,} → {after:,}"
            if before:
                change += f"  ({(after - before) / before:+.0%})"
            painter.setPen(text)
            painter.drawText(QRectF(_PAD, y, width, line), f"{title}: {change}")
            y += line
            scale = max(before, after, 1)
            painter.fillRect(QRectF(_PAD, y, width * before / scale, _BAR / 2), track)
            painter.fillRect(QRectF(_PAD, y + _BAR / 2, width * after / scale, _BAR / 2), accent)
            y += _BAR + 4
        y += line / 2
        busiest = max((rule.changes for rule in summary.rules), default=0) or 1
        for rule in summary.rules:
            painter.fillRect(
                QRectF(_PAD, y + (line - _SWATCH) / 2, _SWATCH, _SWATCH),
                rule_brush(rule.index, 255),
            )
            label = (
                f"{rule.label}: {rule.changes:,}"
                if rule.status == "changed"
                else (f"{rule.label}: {rule.status.replace('_', ' ')}")
            )
            painter.setPen(text if rule.status == "changed" else faint)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, width - _SWATCH - 6)
            painter.drawText(QRectF(_PAD + _SWATCH + 6, y, width, line), shown)
            y += line
            painter.fillRect(QRectF(_PAD, y, width, _BAR - 4), track)
            painter.fillRect(
                QRectF(_PAD, y, width * rule.changes / busiest, _BAR - 4),
                rule_brush(rule.index, 200),
            )
            y += _BAR + 2
            for change in rule.top:
                row = f"{_visible(change.before)} → {_visible(change.after)}  ×{change.count:,}"
                painter.setPen(text)
                shown = metrics.elidedText(row, Qt.TextElideMode.ElideRight, width - 12)
                rect = QRectF(_PAD + 12, y, metrics.horizontalAdvance(shown), line)
                painter.drawText(rect, shown)
                if change.before:
                    self._hits.append((rect, change.before))
                y += line
            y += 6
        painter.end()

    # -- mouse -----------------------------------------------------------------------

    def string_at(self, point) -> str | None:
        for rect, before in self._hits:
            if rect.contains(point):
                return before
        return None

    def mouseMoveEvent(self, event) -> None:
        found = self.string_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if found else Qt.CursorShape.ArrowCursor)
        self.setToolTip("Find it in the raw text" if found else "")

    def mousePressEvent(self, event) -> None:
        found = self.string_at(event.position())
        if found and event.button() == Qt.MouseButton.LeftButton:
            self.string_clicked.emit(found.rstrip("…"))
            return
        super().mousePressEvent(event)
