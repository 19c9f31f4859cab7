"""Which of the raw pane's two editors a text goes to (see `raw_editor`).

QPlainTextEdit lays out a whole line (block) at once, and again on every
keystroke in it. Its cost per key by line length (offscreen, a 640x760 pane,
median of 20 keys, then one repaint; two runs on a shared machine): 0.5-0.7 ms
+ 0.6-1.0 ms paint on a line of 1,000 characters, 1.2-2.1 + 1.8-3.0 on 5,000,
2.2-3.5 + 2.2-3.5 on 10,000, 4.1-6.6 + 2.5-4.0 on 20,000, 10-15 + 5-7 on
50,000, 20-29 + 7-11 on 100,000. By the text's size it costs
little (one article per line: 0.7 ms a key at 1,000,000 characters, 1.2 at
2,000,000, 2.5 at 4,000,000; the large-text editor 1.1, 2.1 and 2.7), but it
takes seconds and hundreds of megabytes to load ten megabytes. Above either
limit the text goes to the large-text editor.
"""

from __future__ import annotations

__all__ = ["EDITABLE_CHARS", "EDITABLE_LINE", "needs_large_view"]

EDITABLE_CHARS = 2_000_000
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
