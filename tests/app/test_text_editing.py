"""The large-text editor's undo history and word moves (no Qt)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gui.app.widgets.text_editing import (
    ERASING,
    OTHER,
    TYPING,
    Edit,
    EditHistory,
    word_end,
    word_start,
)


def _type(history: EditHistory, text: str, position: int, chars: str) -> str:
    for char in chars:
        edit = Edit(position, "", char, (position, position), (position + 1,) * 2, TYPING)
        history.record(edit)
        text = edit.apply(text)
        position += 1
    return text


def test_consecutive_typing_is_one_step_and_a_caret_move_starts_another():
    history = EditHistory()
    text = _type(history, "", 0, "abc")
    history.close_step()  # the caret moved (to where it was)
    text = _type(history, text, 3, "de")
    assert text == "abcde"
    text = history.undo().apply(text)
    assert text == "abc"
    text = history.undo().apply(text)
    assert text == "" and not history.can_undo()
    text = history.redo().apply(text)
    assert text == "abc" and history.can_redo()


def test_backspaces_merge_and_a_new_edit_clears_redo():
    history = EditHistory()
    text = "hello"
    for position in (4, 3, 2):  # three Backspaces from the end
        edit = Edit(position, text[position], "", (position + 1,) * 2, (position,) * 2, ERASING)
        history.record(edit)
        text = edit.apply(text)
    assert text == "he"
    undone = history.undo()
    assert undone.added == "llo" and undone.after == (5, 5)
    text = undone.apply(text)
    assert text == "hello"
    history.record(Edit(0, "", "X", (0, 0), (1, 1), OTHER))
    assert not history.can_redo()


def test_a_line_break_ends_the_typing_step():
    history = EditHistory()
    text = _type(history, "", 0, "ab")
    history.record(Edit(2, "", "\n", (2, 2), (3, 3), OTHER))
    text = _type(history, text + "\n", 3, "c")
    assert text == "ab\nc"
    for expected in ("ab\n", "ab", ""):
        text = history.undo().apply(text)
        assert text == expected


def test_word_moves():
    text = "one  two, three"
    assert word_end(text, 0) == 3
    assert word_end(text, 3) == 8  # over the spaces, then the word
    assert word_end(text, 8) == 9  # the comma is a run of its own
    assert word_start(text, len(text)) == 10
    assert word_start(text, 10) == 8
    assert word_start(text, 7) == 5  # inside a word: its start
    assert word_start(text, 0) == 0 and word_end(text, len(text)) == len(text)
    long = "x" * 10_000
    assert 0 < word_end(long, 0) <= 10_000  # bounded, and it moves
    assert 0 <= word_start(long, 10_000) < 10_000


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 3),
       st.text(max_size=3)), max_size=12))  # fmt: skip
def test_undoing_every_edit_gives_the_text_back_and_redoing_them_the_edited(text, edits):
    history = EditHistory()
    states = [text]
    for position, length, added in edits:
        position = min(position, len(text))
        removed = text[position : position + length]
        kind = TYPING if added and not removed else ERASING if removed and not added else OTHER
        edit = Edit(position, removed, added, (position,) * 2, (position + len(added),) * 2, kind)
        history.record(edit)
        text = edit.apply(text)
        states.append(text)
    final = text
    while history.can_undo():
        text = history.undo().apply(text)
    assert text == states[0]
    while history.can_redo():
        text = history.redo().apply(text)
    assert text == final
