"""The exact text behind the raw pane, kept in step with the editor's edits.

Qt's document is not a faithful store of a Python string: it folds `\\r\\n`,
a lone `\\r` and U+2029 into one block break, and `toPlainText()` turns
no-break spaces into plain spaces and U+2028 into `\\n`. Reading the editor
back after each keystroke would silently rewrite those characters in the text
the rules see, so the window would disagree with the CLI on the same file.

Instead the window keeps the text it loaded and splices in each change the
document reports (`contentsChange(position, removed, added)`): only what the
user typed or pasted comes from Qt. Qt counts positions in UTF-16 units, so a
character beyond U+FFFF takes two, and `\\r\\n` takes one; `EditorOffsets`
maps between those positions and Python offsets. No Qt here.

Bidi controls (U+202E RIGHT-TO-LEFT OVERRIDE and the other embeddings,
overrides, isolates and marks) would make Qt reorder the raw pane, whatever
the paragraph's direction: "abc" + U+202E + "def" shows as "abcfed", so the
pane would not show the text in the order the rules see it. The document holds
a stand-in for each instead (`shown_text`: one noncharacter U+FDE0... per
control, one position each, so positions do not move; Unicode keeps
noncharacters for exactly such internal use), and what is read back from the
document turns them into the controls again (`stored_text`). The mirror keeps
the controls themselves, and the invisible-character marks name them.
"""

from __future__ import annotations

import bisect
import re
from array import array
from typing import NamedTuple

import numpy as np

from gui.io.textio import ASTRAL

_CR_OF_CRLF = re.compile("\r(?=\n)")
PARAGRAPH_SEPARATOR = "\u2029"
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Noncharacters from U+FDE0: Qt's document itself uses U+FDD0 and U+FDD1 (frame marks).
_STAND_INS = "".join(chr(0xFDE0 + index) for index in range(len(BIDI_CONTROLS)))
_TO_SHOWN = str.maketrans(BIDI_CONTROLS, _STAND_INS)
_TO_STORED = str.maketrans(_STAND_INS, BIDI_CONTROLS)
_HAS_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def shown_text(text: str) -> str:
    """`text` as the raw pane's document holds it: bidi controls as their stand-ins."""
    return text.translate(_TO_SHOWN) if _HAS_BIDI.search(text) else text


def stored_text(shown: str) -> str:
    """Text read from the document back as stored: stand-ins as their bidi controls."""
    return shown if shown.isascii() else shown.translate(_TO_STORED)


def _offsets(pattern: re.Pattern[str], text: str) -> array:
    return array("q", (match.start() for match in pattern.finditer(text)))


class EditorOffsets:
    """Python offsets of a text <-> positions in a Qt document holding it."""

    def __init__(self, length: int, astral: array, crlf: array) -> None:
        self.length = length
        # Offsets of characters beyond U+FFFF (two positions each) and of the `\r`
        # of each `\r\n` (no position of its own). Most texts have neither.
        self.astral = astral
        self.crlf = crlf

    @classmethod
    def of(cls, text: str) -> EditorOffsets:
        return cls(
            len(text),
            _offsets(ASTRAL, text) if not text.isascii() else array("q"),
            _offsets(_CR_OF_CRLF, text) if "\r" in text else array("q"),
        )

    def spliced(self, start: int, end: int, new: str, text: str) -> EditorOffsets:
        """The offsets of `text`, which is this text with [start, end) replaced by `new`.

        Only the entries past the edit move, and only `new` and the characters
        beside it are searched: a keystroke costs the same on a megabyte as on
        a line (searching the whole text took 8 ms per key on a megabyte).
        """
        delta = len(new) - (end - start)
        astral = _spliced(self.astral, start, end, delta)
        if not new.isascii():
            astral[bisect.bisect_left(astral, start) : bisect.bisect_left(astral, start)] = array(
                "q", (start + match.start() for match in ASTRAL.finditer(new))
            )
        # A `\r` just before the edit may gain or lose its `\n`; one at the end of
        # `new` may pair with the `\n` after it.
        low = max(start - 1, 0)
        crlf = _spliced(self.crlf, low, end, delta)
        window_end = start + len(new) + 1
        if "\r" in text[low:window_end]:
            found = array(
                "q", (low + m.start() for m in _CR_OF_CRLF.finditer(text[low:window_end]))
            )
            at = bisect.bisect_left(crlf, low)
            crlf[at:at] = found
        return EditorOffsets(len(text), astral, crlf)

    @property
    def mapped(self) -> bool:
        return bool(self.astral) or bool(self.crlf)

    def position(self, offset: int) -> int:
        """The editor position of Python offset `offset`."""
        if not self.mapped:
            return offset
        return (
            offset + bisect.bisect_left(self.astral, offset) - bisect.bisect_left(self.crlf, offset)
        )

    def offset(self, position: int) -> int:
        """The Python offset of the character at editor position `position`.

        A position inside a character beyond U+FFFF maps to that character; a
        `\\r\\n` break is one position and maps to its `\\r`.
        """
        if not self.mapped:
            return min(position, self.length)
        found = bisect.bisect_right(range(self.length + 1), position, key=self.position) - 1
        if found > 0 and self.position(found - 1) == self.position(found):
            found -= 1  # the `\n` of a `\r\n`: the break starts at its `\r`
        return max(found, 0)


_SHIFT_IN_PYTHON = 256


def _spliced(entries: array, start: int, end: int, delta: int) -> array:
    """`entries` without those in [start, end), the ones from `end` on moved by `delta`."""
    if not entries:
        return array("q")
    low, high = bisect.bisect_left(entries, start), bisect.bisect_left(entries, end)
    kept = entries[:low]
    if len(entries) - high < _SHIFT_IN_PYTHON:
        kept.extend(entry + delta for entry in entries[high:])
    else:  # a text with many CRLFs or emoji: one array add, not a Python loop
        tail = np.frombuffer(entries, np.int64, offset=high * entries.itemsize) + delta
        kept.frombytes(tail.tobytes())
    return kept


class Splice(NamedTuple):
    """`before` with [start, end) replaced by `text`: how an edit made the new text."""

    before: str
    start: int
    end: int
    text: str


class TextMirror:
    """A Python string that follows a Qt document's edits exactly."""

    def __init__(self, text: str = "") -> None:
        self.reset(text)

    def reset(self, text: str) -> None:
        self.text = text
        self._offsets: EditorOffsets | None = None
        # Enter types the text's own line end: a file with `\r\n` ends keeps them.
        # (Two counts: a `replace` would copy ten megabytes, 30 ms on the UI thread.)
        crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
        self.newline = "\r\n" if crlf else "\n"

    @property
    def offsets(self) -> EditorOffsets:
        if self._offsets is None:
            self._offsets = EditorOffsets.of(self.text)
        return self._offsets

    def splice(self, position: int, removed: int, inserted: str) -> Splice | None:
        """Apply a document change: `removed` positions at `position` became `inserted`.

        `inserted` is the document's own text for the new range (block breaks as
        U+2029, which become the text's line end: what a user types with Enter).
        Returns the edit in Python offsets, or None if the text is unchanged or
        changed beyond the edit (lone `\r`s before it rewritten, see below).
        """
        offsets = self.offsets
        end_position = min(position + removed, offsets.position(offsets.length))
        start = offsets.offset(position)
        end = offsets.offset(end_position) if end_position > position else start
        if inserted == _as_document(self.text[start:end]):
            # A change that left the characters as they were (Qt reports some
            # format-only or undo-merged changes this way): keep the exact text.
            return None
        new = inserted.replace(PARAGRAPH_SEPARATOR, self.newline)
        before, after = self.text[:start], self.text[end:]
        run = 0
        if (new or after).startswith("\n"):
            # Lone `\r`s (each a break of its own) must not pair with the `\n` now
            # beside them into one `\r\n` break: Qt shows every break, so keep them
            # all, as `\n` (a run of them, or the last would pair with the one before).
            run = len(before) - len(before.rstrip("\r"))
            if run:
                before = before[:-run] + "\n" * run
        previous, self.text = self.text, before + new + after
        if run:  # `\r`s before the edit rewritten: rare, so simply counted again
            self._offsets = None
            return None
        self._offsets = offsets.spliced(start, end, new, self.text)
        return Splice(previous, start, end, new)


def _as_document(text: str) -> str:
    """`text` as a Qt document stores it: every line break one U+2029."""
    return re.sub("\r\n|[\r\n]", PARAGRAPH_SEPARATOR, text)
