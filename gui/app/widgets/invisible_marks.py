"""Show invisible characters in a text editor: a view option, not a rule.

Qt draws spaces, tabs and line ends itself when asked
(`QTextOption.ShowTabsAndSpaces | ShowLineAndParagraphSeparators`). Zero-width
characters (U+200B ZERO WIDTH SPACE, joiners, BOM, bidi marks, soft hyphen),
control characters and unusual spaces (no-break, thin, ideographic) have no
glyph to draw, so this overlay paints a mark on each: a red flag and bar
where the character takes no room, a red box around a space that does. Hovering a mark
names the code point ("U+200B ZERO WIDTH SPACE").

The overlay sits on the editor's viewport and lets the mouse through (the
raw pane's large-text editor paints the same marks itself, `paint_marks`). Marks are
found once per edit (only while shown) and painted for the lines in view, so
a large text stays fluid. Nothing is attached or computed while hidden.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QPolygon, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from gui.io.textio import ASTRAL
from gui.workflow.text_mirror import stored_text

MARK_COLOR = "#d63c3c"
# Control characters other than tab and line breaks; format characters (Cf:
# zero-width, joiners, bidi, BOM, soft hyphen); spaces other than U+0020.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f"
    "\u2000-\u200f\u202a-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff9-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# Control characters have no Unicode name; the usual abbreviations say what they are.
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}
_FLAGS = QTextOption.Flag.ShowTabsAndSpaces | QTextOption.Flag.ShowLineAndParagraphSeparators


def describe(char: str) -> str:
    """ "U+200B ZERO WIDTH SPACE": the code point and its name."""
    code = ord(char)
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(code, "control character")
    return f"U+{code:04X} {name}"


class InvisibleMarks(QWidget):
    """An overlay on a plain-text editor that makes invisible characters visible."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor.viewport())
        self.setObjectName("invisible_marks")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self._editor = editor
        self._shown = False
        # Editor positions of the marked characters, sorted, and the characters.
        self._positions: list[int] = []
        self._chars: list[str] = []
        self._scan_timer = QTimer(self)
        self._scan_timer.setSingleShot(True)
        self._scan_timer.setInterval(50)
        self._scan_timer.timeout.connect(self._scan)
        self.hide()

    # -- switching --------------------------------------------------------------

    def set_shown(self, shown: bool) -> None:
        """Show or hide spaces, tabs, line ends and the marks."""
        if shown == self._shown:
            return
        self._shown = shown
        editor = self._editor
        document = editor.document()
        option = document.defaultTextOption()
        flags = option.flags()
        option.setFlags(flags | _FLAGS if shown else flags & ~_FLAGS)
        document.setDefaultTextOption(option)
        connections = (
            (document.contentsChanged, self._scan_timer.start),
            (editor.verticalScrollBar().valueChanged, self.update),
            (editor.horizontalScrollBar().valueChanged, self.update),
            (editor.updateRequest, self._on_update_request),
        )
        if shown:
            for signal, slot in connections:
                signal.connect(slot)
            editor.installEventFilter(self)
            editor.viewport().installEventFilter(self)
            self.setGeometry(editor.viewport().rect())
            self._scan()
            self.show()
            self.raise_()
        else:
            for signal, slot in connections:
                signal.disconnect(slot)
            editor.removeEventFilter(self)
            editor.viewport().removeEventFilter(self)
            self._scan_timer.stop()
            self._positions, self._chars = [], []
            self.hide()
        editor.viewport().update()

    def is_shown(self) -> bool:
        return self._shown

    def marks(self) -> list[tuple[int, str]]:
        """(editor position, description) of every marked character."""
        return [(p, describe(c)) for p, c in zip(self._positions, self._chars, strict=True)]

    def description_at(self, position: int) -> str | None:
        """What the marked character at an editor position is, if one is there."""
        index = bisect.bisect_left(self._positions, position)
        if index < len(self._positions) and self._positions[index] == position:
            return describe(self._chars[index])
        return None

    # -- finding ----------------------------------------------------------------

    def _scan(self) -> None:
        if not self._shown:
            return
        # toRawText keeps no-break spaces (toPlainText turns them into spaces);
        # its block separators take one position each, as in the document.
        # stored_text: the bidi controls the document holds as stand-ins (text_mirror).
        text = stored_text(self._editor.document().toRawText())
        # Characters beyond the BMP take two positions in the editor (UTF-16).
        astral = [match.start() for match in ASTRAL.finditer(text)]
        positions: list[int] = []
        chars: list[str] = []
        for match in INVISIBLE.finditer(text):
            start = match.start()
            positions.append(start + bisect.bisect_left(astral, start))
            chars.append(match.group())
        self._positions, self._chars = positions, chars
        self.update()

    # -- painting ---------------------------------------------------------------

    def _on_update_request(self, _rect: QRect, _dy: int) -> None:
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._editor.viewport() and kind == QEvent.Type.Resize:
            self.setGeometry(self._editor.viewport().rect())
        elif watched is self._editor and kind == QEvent.Type.ToolTip:
            point = event.pos() - self._editor.viewport().pos()
            text = self._description_under(point)
            if text:
                QToolTip.showText(event.globalPos(), text, self._editor)
                return True
        return False

    def _description_under(self, point: QPoint) -> str | None:
        for position in self._visible_positions():
            if self._mark_rect(position).adjusted(-3, 0, 3, 0).contains(point):
                return self.description_at(position)
        return None

    def _visible_positions(self) -> list[int]:
        if not self._positions:
            return []
        editor = self._editor
        first = editor.cursorForPosition(QPoint(0, 0)).position()
        corner = QPoint(editor.viewport().width(), editor.viewport().height())
        last = editor.cursorForPosition(corner).position() + 1
        low = bisect.bisect_left(self._positions, first)
        high = bisect.bisect_right(self._positions, last)
        return self._positions[low:high]

    def _mark_rect(self, position: int) -> QRect:
        editor = self._editor
        cursor = QTextCursor(editor.document())
        cursor.setPosition(position)
        here = editor.cursorRect(cursor)
        cursor.setPosition(position + 1)
        after = editor.cursorRect(cursor)
        width = after.left() - here.left() if after.top() == here.top() else 0
        return QRect(here.left(), here.top(), max(width, 0), here.height())

    def paintEvent(self, _event) -> None:
        positions = self._visible_positions()
        if not positions:
            return
        painter = QPainter(self)
        paint_marks(painter, [self._mark_rect(position) for position in positions])
        painter.end()


def paint_marks(painter: QPainter, rects: list[QRect]) -> None:
    """Mark invisible characters at these rectangles (the large-text editor's too)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(MARK_COLOR)
    fill = QColor(color)
    fill.setAlpha(45)
    for rect in rects:
        if rect.width() >= 4:
            # A space with a width: a box around it.
            painter.setPen(QPen(color, 1))
            painter.setBrush(fill)
            painter.drawRoundedRect(rect.adjusted(0, 1, -1, -1), 2, 2)
        else:
            # No width: a thin bar between its neighbours under a small flag,
            # so it does not look like the text cursor.
            x = rect.left()
            top, bottom = rect.top() + 1, rect.bottom() - 1
            painter.setPen(QPen(color, 1.5))
            painter.drawLine(x, top + 3, x, bottom)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPolygon(
                QPolygon([QPoint(x - 4, top), QPoint(x + 4, top), QPoint(x, top + 5)])
            )
    painter.restore()
