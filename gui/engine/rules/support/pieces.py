"""Helpers for rules whose edits come from rewriting independent pieces.

Several rules (Unicode normalization, transliteration, ftfy) rewrite the text
piece by piece, where each piece is rewritten independently of the others.
Their edits are the pieces that changed, trimmed to the part that differs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from gui.engine.edits import Edit

# A run of non-ASCII characters with the ASCII character before it, if any.
# Unicode normalization never composes, decomposes or reorders across an
# ASCII character that follows another character: no canonical composition
# has an ASCII second half and every ASCII character is a stable starter. So
# normalizing each such piece alone gives the same result as normalizing the
# whole text.
NON_ASCII_PIECE = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")


def trimmed_edit(start: int, old: str, new: str) -> Edit | None:
    """The edit turning `old` (at `start`) into `new`, minus common ends; None if equal."""
    if old == new:
        return None
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return Edit(start + head, start + len(old) - tail, new[head : len(new) - tail])


def piece_edits(
    text: str, pattern: re.Pattern[str], rewrite: Callable[[str], str]
) -> Iterator[Edit]:
    """Edits from rewriting every match of `pattern` with `rewrite`, independently."""
    for match in pattern.finditer(text):
        edit = trimmed_edit(match.start(), match.group(), rewrite(match.group()))
        if edit is not None:
            yield edit
