"""One style per rule of the current profile, shared by highlights and the rule list.

A rule's style is given by its position in the profile, so every rule of the
profile shown has its own, user rules included (two regex rules are two
styles), and the rule list is the legend. The first seven positions take the
Okabe-Ito colours, chosen to stay distinct under the common colour-vision
deficiencies; beyond them the same hues come back striped, then
cross-hatched, so no two positions share a style. Highlight tints are
translucent, so the text under them stays legible on light and dark themes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap

# Okabe & Ito (2008), "Color Universal Design", without black (the text colour).
PALETTE = (
    "#e69f00",  # orange
    "#56b4e9",  # sky blue
    "#009e73",  # bluish green
    "#f0e442",  # yellow
    "#0072b2",  # blue
    "#d55e00",  # vermillion
    "#cc79a7",  # reddish purple
)
# Patterns beyond the palette: plain, diagonal stripes, cross-hatching, dots.
STYLES = ("solid", "stripes", "hatch", "dots")
HIGHLIGHT_ALPHA = 110
_TILE = 8


def style_name(position: int) -> str:
    """Which pattern a position gets ("solid" for the first len(PALETTE))."""
    return STYLES[(position // len(PALETTE)) % len(STYLES)]


def rule_color(position: int, alpha: int = 255) -> QColor:
    """The hue of the rule at `position` in the profile."""
    color = QColor(PALETTE[position % len(PALETTE)])
    color.setAlpha(alpha)
    return color


@cache
def _tile(position: int, alpha: int) -> QPixmap:
    """A repeating tile: a light tint of the hue with the position's pattern in full."""
    pixmap = QPixmap(_TILE, _TILE)
    pixmap.fill(rule_color(position, alpha // 2))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(rule_color(position, min(255, alpha * 2)), 1.6))
    style = style_name(position)
    if style in ("stripes", "hatch"):
        painter.drawLine(QPointF(-1, _TILE + 1), QPointF(_TILE + 1, -1))
        painter.drawLine(QPointF(-1, 1), QPointF(1, -1))
        painter.drawLine(QPointF(_TILE - 1, _TILE + 1), QPointF(_TILE + 1, _TILE - 1))
    if style == "hatch":
        painter.drawLine(QPointF(-1, -1), QPointF(_TILE + 1, _TILE + 1))
    if style == "dots":
        painter.setBrush(rule_color(position, min(255, alpha * 2)))
        painter.drawEllipse(QPointF(_TILE / 2, _TILE / 2), 1.4, 1.4)
    painter.end()
    return pixmap


def rule_brush(position: int, alpha: int = HIGHLIGHT_ALPHA) -> QBrush:
    """How the rule at `position` fills a span: a tint, or a patterned tile beyond the palette."""
    if style_name(position) == "solid":
        return QBrush(rule_color(position, alpha))
    return QBrush(_tile(position, alpha))


def highlight_brush(position: int) -> QBrush:
    return rule_brush(position, HIGHLIGHT_ALPHA)


def rule_swatch(position: int, size: int = 12) -> QIcon:
    """The legend square of a rule, as the rule list shows it."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.fillRect(pixmap.rect(), rule_brush(position, 255))
    painter.setPen(rule_color(position).darker(130))
    painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1))
    painter.end()
    return QIcon(pixmap)
