"""The record list: every record of the open dataset with its review status.

A `QListView` over `RecordListModel`, a lazy model backed by the dataset's
index: a row shows the record's title (or first words) from memory, and its
status (pending, saved, skipped) as a coloured mark; the tooltip names the
record's key, the saved file or the skip reason. No record text is read to
fill the list, so a dataset of 50,000 records shows at once.

The view reports the record the user moves to (`record_chosen`); the window
decides whether to leave the current one (unsaved edits) and then calls
`set_current_record`, or puts the selection back.

`set_filter` narrows the rows shown to titles containing a text and to some
statuses, through `RecordFilter` (a sort-filter proxy); rows reported and
taken are always the dataset's record numbers.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from gui.io.corpus import SAVED, SKIPPED
from gui.workflow.review import PENDING, DatasetReview

# A role with the status name, for tests and automation.
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1

_COLOURS = {SAVED: "#2e9d5b", SKIPPED: "#d08a1e", PENDING: "#8a8f98"}
_MARK_SIZE = 12


def _status_icon(state: str, device_ratio: float) -> QIcon:
    """A small round mark: a filled green dot (saved), an amber bar (skipped), a ring."""
    size = _MARK_SIZE
    pixmap = QPixmap(round(size * device_ratio), round(size * device_ratio))
    pixmap.setDevicePixelRatio(device_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(_COLOURS[state])
    rect = QRectF(1.5, 1.5, size - 3, size - 3)
    if state == SAVED:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(rect)
        pen = QPen(QColor("white"), 1.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        centre = rect.center()
        tick = [QPointF(-2.6, 0.2), QPointF(-0.7, 2.0), QPointF(2.6, -1.8)]
        painter.drawPolyline([centre + point for point in tick])
    elif state == SKIPPED:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(rect)
        pen = QPen(QColor("white"), 1.8)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        centre = rect.center()
        painter.drawLine(centre.x() - 2.5, centre.y(), centre.x() + 2.5, centre.y())
    else:
        painter.setPen(QPen(colour, 1.3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect.adjusted(0.5, 0.5, -0.5, -0.5))
    painter.end()
    return QIcon(pixmap)


class RecordListModel(QAbstractListModel):
    """Rows of a `DatasetReview`: title, status mark, status tooltip. Read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._review: DatasetReview | None = None
        self._rows = 0  # views ask for it once a row while laying out: keep it cheap
        self._icons: dict[str, QIcon] = {}

    def set_review(self, review: DatasetReview | None) -> None:
        self.beginResetModel()
        self._review = review
        self._rows = 0 if review is None else len(review.dataset)
        self.endResetModel()

    def review(self) -> DatasetReview | None:
        return self._review

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        review = self._review
        if review is None or not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            dataset = review.dataset
            return dataset.title(row) or f"record {dataset.key(row)}"
        if role == STATUS_ROLE:
            return review.status(row).state
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(review.status(row).state)
        if role == Qt.ItemDataRole.ToolTipRole:
            dataset = review.dataset
            title = dataset.title(row)
            lines = [f"Record {dataset.key(row)}", str(review.status(row)).capitalize()]
            if title:
                lines.insert(0, f"<b>{_escape(title)}</b>")
            return "<br>".join(_escape(line) if i else line for i, line in enumerate(lines))
        if role == Qt.ItemDataRole.ForegroundRole and review.status(row).state == SKIPPED:
            return QPalette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def refresh(self, row: int | None = None) -> None:
        """Statuses changed: one row, or all of them (the view repaints only what it shows)."""
        if self._review is None or not self.rowCount():
            return
        first = 0 if row is None else row
        last = self.rowCount() - 1 if row is None else row
        roles = [
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            STATUS_ROLE,
        ]
        self.dataChanged.emit(self.index(first), self.index(last), roles)

    def _icon(self, state: str) -> QIcon:
        icon = self._icons.get(state)
        if icon is None:
            screen = QGuiApplication.primaryScreen()
            ratio = screen.devicePixelRatio() if screen is not None else 1.0
            icon = self._icons[state] = _status_icon(state, ratio)
        return icon


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class RecordFilter(QSortFilterProxyModel):
    """The rows whose title contains a text (any case) and whose status is one of some."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._states: frozenset[str] | None = None

    def set_filter(self, text: str = "", states: frozenset[str] | None = None) -> None:
        self.beginFilterChange()
        self._needle = text.casefold().strip()
        self._states = states
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def index(
        self,
        row: int,
        column: int = 0,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        """As the list model's `index(row)`: a column is optional (there is one)."""
        return super().index(row, column, parent)

    def is_filtering(self) -> bool:
        return bool(self._needle) or self._states is not None

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.is_filtering():
            return True
        source = self.sourceModel()
        index = source.index(row, 0, parent)
        if self._states is not None and source.data(index, STATUS_ROLE) not in self._states:
            return False
        if self._needle:
            title = source.data(index, Qt.ItemDataRole.DisplayRole) or ""
            return self._needle in title.casefold()
        return True


class RecordList(QListView):
    """The records of the open dataset; moving through it asks for another record."""

    # The user moved to this record (click, arrow keys); the window decides.
    record_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("record_list")
        self.setAccessibleName("Records")
        self.records = RecordListModel(self)
        self.filter = RecordFilter(self)
        self.filter.setSourceModel(self.records)
        self.setModel(self.filter)
        self.setUniformItemSizes(True)
        # Lay out tens of thousands of rows a batch at a time, between events.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(2000)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setIconSize(QSize(_MARK_SIZE, _MARK_SIZE))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._quiet = False
        self._choosing = False
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def set_review(self, review: DatasetReview | None) -> None:
        self._quiet = True
        try:
            self.records.set_review(review)
        finally:
            self._quiet = False

    def set_current_record(self, row: int | None) -> None:
        """Select `row` (None: no selection) without reporting it as a user's choice."""
        if self._choosing:
            # Called back from `record_chosen` (the user's move was refused): the
            # view applies the click's selection after this, so apply it again then.
            QTimer.singleShot(0, lambda: self._apply_current(row))
        self._apply_current(row)

    def _apply_current(self, row: int | None) -> None:
        self._quiet = True
        try:
            index = QModelIndex()
            if row is not None and row >= 0:
                index = self.filter.mapFromSource(self.records.index(row))
            if not index.isValid():  # none, or filtered out
                self.selectionModel().clear()
                self.setCurrentIndex(QModelIndex())
            else:
                self.setCurrentIndex(index)
                self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._quiet = False

    def current_record(self) -> int | None:
        index = self.filter.mapToSource(self.currentIndex())
        return index.row() if index.isValid() else None

    def set_filter(self, text: str = "", states: frozenset[str] | None = None) -> None:
        """Show only records whose title contains `text` and whose status is in `states`."""
        current = self.current_record()
        self.filter.set_filter(text, states)
        self.set_current_record(current)

    def shown_records(self) -> list[int]:
        """The record numbers the list shows now, in order (for tests and automation)."""
        return [
            self.filter.mapToSource(self.filter.index(row, 0)).row()
            for row in range(self.filter.rowCount())
        ]

    def refresh(self, row: int | None = None) -> None:
        self.records.refresh(row)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet and current.isValid():
            self._choosing = True
            try:
                self.record_chosen.emit(self.filter.mapToSource(current).row())
            finally:
                self._choosing = False
