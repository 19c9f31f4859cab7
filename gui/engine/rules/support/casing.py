"""Lowercasing with exact per-character edits.

`str.lower` is what the seed runs; explain needs the same result as edits.
Two things make that more than `ch.lower()` per character: some characters
grow (`İ` lowers to two), and `Σ` lowers to `ς` or `σ` depending on its
neighbours (the final-sigma rule). The neighbour tests below ask `str.lower`
itself, so they match CPython's own Unicode tables exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import numpy as np

from gui.engine.edits import Edit, EditColumns, split_columns
from gui.io.textio import ASTRAL

CAPITAL_SIGMA = "\u03a3"


@cache
def _changing_runs() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """Patterns for the characters `str.lower` changes.

    The first finds runs of changing BMP characters: one class of BMP
    characters compiles to a bitmap, so the scan runs at C speed. Capital
    sigma (context) and characters that lower to several (`İ`) are in it too,
    and listed in the third item to be split out of their runs. The second
    pattern is the general one (a run of one-to-one characters, or one other
    changing character), slower, for texts with characters beyond the BMP.
    """
    simple: list[str] = []
    special: list[str] = []
    for ch in _lowered_by_str_lower():
        lowered = ch.lower()
        (simple if len(lowered) == 1 and ch != CAPITAL_SIGMA else special).append(ch)
    bmp = [ch for ch in simple + special if ord(ch) < 0x10000]
    general = re.compile(f"({_char_class(simple)}+)|{_char_class(special)}")
    return re.compile(_char_class(bmp) + "+"), general, frozenset(special)


def _lowered_by_str_lower() -> Iterator[str]:
    """Every character that `ch.lower()` changes, in code point order.

    Asked a block of 4,096 code points at a time (one `str.lower` call and one
    array compare per block): asking each of the 1.1 million code points in
    turn took 0.2-0.6 s, on the UI thread, the first time a text was lowered.
    Within a block only capital sigma lowers by context, and it changes
    either way; a block whose characters lower to several is asked per character.
    """
    codes = np.arange(0x110000, dtype=np.uint32)
    for base in range(0, len(codes), _BLOCK):
        block = codes[base : base + _BLOCK]
        chars = block.tobytes().decode("utf-32-le", "surrogatepass")
        lowered = chars.lower()
        if lowered == chars:
            continue
        if len(lowered) == len(chars):
            lowered_codes = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), np.uint32)
            yield from (chars[i] for i in np.flatnonzero(block != lowered_codes).tolist())
        else:
            yield from (ch for ch in chars if ch.lower() != ch)


_BLOCK = 4096


def _char_class(chars: list[str]) -> str:
    return "[" + "".join(re.escape(ch) for ch in chars) + "]"


@cache
def _stops_as_cased(ch: str) -> bool:
    """True if `ch`, met while looking for a cased neighbour, counts as cased."""
    return (ch + CAPITAL_SIGMA).lower().endswith("\u03c2")


@cache
def _is_case_ignorable(ch: str) -> bool:
    """True if the final-sigma scan skips over `ch`."""
    return ("A" + ch + CAPITAL_SIGMA).lower().endswith("\u03c2") and not _stops_as_cased(ch)


def _final_sigma(text: str, index: int) -> bool:
    """Whether the Σ at `index` lowers to the final form ς (CPython's rule)."""
    before = index - 1
    while before >= 0 and _is_case_ignorable(text[before]):
        before -= 1
    if before < 0 or not _stops_as_cased(text[before]):
        return False
    after = index + 1
    while after < len(text) and _is_case_ignorable(text[after]):
        after += 1
    return after == len(text) or not _stops_as_cased(text[after])


def lowercase_edit_columns(text: str) -> EditColumns | None:
    """`lowercase_edits` as columns, with the output, when no character needs
    splitting out (`İ`, `Σ`, beyond the BMP); else None."""
    if _special_pattern().search(text):
        return None
    columns = split_columns(
        _changing_runs()[0], text, lambda _starts, _ends, runs: list(map(str.lower, runs))
    )
    return columns


@cache
def _special_pattern() -> re.Pattern[str]:
    """A character to split out of its run, or any beyond the BMP: one scan."""
    return re.compile(_char_class(sorted(_changing_runs()[2]))[:-1] + "\U00010000-\U0010ffff]")


def lowercase_edits(text: str) -> Iterator[Edit]:
    """The edits of `text.lower()`: one per run of characters lowered one to one
    (`USA` is one edit), one per character that lowers to several or by context."""
    bmp_runs, general, special = _changing_runs()
    if ASTRAL.search(text):
        for match in general.finditer(text):
            if match.lastindex:
                yield Edit(match.start(), match.end(), match.group().lower())
            else:
                yield _special_edit(text, match.start())
        return
    for match in bmp_runs.finditer(text):
        run = match.group()
        start = match.start()
        if special.isdisjoint(run):
            yield Edit(start, match.end(), run.lower())
            continue
        # Split the run around its special characters.
        piece = start
        for index, ch in enumerate(run, start):
            if ch in special:
                if piece < index:
                    yield Edit(piece, index, text[piece:index].lower())
                yield _special_edit(text, index)
                piece = index + 1
        if piece < match.end():
            yield Edit(piece, match.end(), text[piece : match.end()].lower())


def _special_edit(text: str, index: int) -> Edit:
    ch = text[index]
    if ch != CAPITAL_SIGMA:
        return Edit(index, index + 1, ch.lower())
    return Edit(index, index + 1, "\u03c2" if _final_sigma(text, index) else "\u03c3")
