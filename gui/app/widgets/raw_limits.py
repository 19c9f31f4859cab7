"""Which of the raw pane's two editors a text goes to (see `raw_editor`).

QPlainTextEdit lays out a whole line (block) at once, and again on every
keystroke in it. Its cost per key by line length (offscreen, a 640x760 pane,
median of 20 keys, then one repaint): 0.7 ms + 1.0 ms paint on a line of
1,000 characters, 2.1 + 3.0 on 5,000, 3.5 + 3.5 on 10,000, 6.6 + 4.0 on
20,000, 15 + 7 on 50,000, 29 + 11 on 100,000. And by the text's size (one
article per line): 1.5 ms at 100,000 characters, 8.3 at 500,000, 12 at
1,000,000, 15 at 2,000,000. The large-text editor's is 2-3 ms at any size.
Above either limit the text goes to the large-text editor.
"""

from __future__ import annotations

__all__ = ["EDITABLE_CHARS", "EDITABLE_LINE", "needs_large_view"]

EDITABLE_CHARS = 1_000_000
EDITABLE_LINE = 10_000


def needs_large_view(text: str) -> bool:
    """Whether a text is too large, or has a line too long, for QPlainTextEdit."""
    if len(text) > EDITABLE_CHARS:
        return True
    if len(text) <= EDITABLE_LINE:
        return False
    position = 0
    while True:
        newline = text.find("\n", position, position + EDITABLE_LINE + 1)
        if newline == -1:
            return len(text) - position > EDITABLE_LINE
        position = newline + 1
