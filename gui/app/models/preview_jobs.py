"""The preview's jobs and timing constants: plain functions of their arguments, no Qt.

`Preview` (gui/app/models/preview.py) runs these in its lanes, or on the UI
thread for fast incremental edits; each returns what the preview hands on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from gui.engine import Pipeline, Profile
from gui.engine.explain.lines import LinePreview, OutputChange
from gui.workflow.explain_process import ExplainHelper, ExplanationSummary, summarize
from gui.workflow.highlights import Highlights, count_tokens
from gui.workflow.text_mirror import EditorOffsets, Splice

# Texts up to this size are normalized at once, with no wait for a pause in
# typing: a run costs far less than a frame, so waiting would only add latency.
INSTANT_TEXT = 300_000
DEBOUNCE_MS = 150
# Texts above this size wait a little longer: each run costs more.
LARGE_TEXT = 2_000_000
LARGE_DEBOUNCE_MS = 400
# A helper busy on a stale explain is killed (and restarted for the next one)
# when it should need longer than this to finish: a restart costs far less.
KILL_STALE_AFTER_S = 0.25


# Texts this long or longer take the incremental path, where the profile allows.
INCREMENTAL_CHARS = 50_000
# An edit on the incremental path runs on the UI thread when the last one took
# less than this: in a worker it would hold the GIL as long (the UI thread
# waits for it anyway) and its answer would queue behind the raw pane's paint.
INLINE_EDIT_S = 0.004
# ... and above `process_chars`, only if no line is longer than this.
LONGEST_INCREMENTAL_LINE = 200_000


def lines_shorter_than(text: str, limit: int) -> bool:
    """True if every line of `text` is shorter than about `limit` (rfind, a window at a time)."""
    position = 0
    while position + limit < len(text):
        newline = text.rfind("\n", position, position + limit)
        if newline < 0:
            return False
        position = newline + 1
    return True


def debounce_ms(length: int) -> int:
    """How long to wait after an edit to a text of `length` characters."""
    if length <= INSTANT_TEXT:
        return 0
    return DEBOUNCE_MS if length <= LARGE_TEXT else LARGE_DEBOUNCE_MS


@dataclass(frozen=True)
class Normalized:
    """One finished run: which request, its output, how long it took."""

    generation: int
    text: str
    output: str
    seconds: float
    # Whitespace-separated tokens of the text and of the output.
    tokens: tuple[int, int] = (0, 0)
    # On the incremental path: what changed in the previous output (else None),
    # and that previous output (the change applies to this very object).
    change: OutputChange | None = None
    change_base: str | None = None


class Incremental:
    """The incremental path's `LinePreview`: one user at a time (see `Preview._start_run`)."""

    def __init__(self) -> None:
        self.preview: LinePreview | None = None
        # Seconds the last edit took (None: none yet, or the preview was made anew).
        self.last_edit: float | None = None
        # The text object the preview was last given (an edit's `before` must be it).
        self.source: str | None = None
        # Editor offsets of `source` (astral characters, CRLFs), spliced per edit:
        # finding them in ten megabytes anew took 60 ms of GIL per keystroke.
        self.offsets: EditorOffsets | None = None


def edit_preview(
    state: Incremental, pipeline: Pipeline, text: str, splice: Splice | None = None
) -> tuple[str, float, tuple[int, int], OutputChange | None, str | None]:
    """An incremental run job: the new text as an edit of the last, spliced.

    `splice` is the document's last edit; it is used if it was made of the
    text the preview holds (else the edit is found by comparing the texts).
    """
    began = time.perf_counter()
    preview = state.preview
    change = base = None
    if preview is None or preview.pipeline is not pipeline:
        preview = state.preview = LinePreview(pipeline, text)
        state.last_edit = None
        state.offsets = None
    else:
        known = splice is not None and splice.before is state.source
        edit = (splice.start, splice.end, splice.text) if known and splice else None
        base = preview.output  # joined for the last answer already
        try:
            change = preview.update(text, edit)
        except Exception:
            state.preview = None  # half updated (a rule failed): the next run starts afresh
            raise
        state.last_edit = time.perf_counter() - began
        offsets = state.offsets
        state.offsets = None
        if edit is not None and offsets is not None:
            state.offsets = offsets.spliced(edit[0], edit[1], edit[2], text)
    state.source = text
    return preview.output, time.perf_counter() - began, preview.tokens(), change, base


def explain_preview(state: Incremental, text: str) -> tuple[ExplanationSummary, Highlights]:
    """An incremental explain job: the preview's spliced explanation, summarized."""
    preview = state.preview
    if preview is None or preview.text is not text:
        raise Superseded
    if state.offsets is None or state.source is not text:
        state.offsets = EditorOffsets.of(text)
    return summarize(preview.explanation(), state.offsets)


class Superseded(Exception):
    """The incremental preview moved on to a newer text: this answer is not wanted."""


def run_text(
    text: str, pipeline: Pipeline, helper: ExplainHelper | None
) -> tuple[str, float, tuple[int, int]]:
    """A run job: the output, its seconds and token counts (in the helper if given)."""
    began = time.perf_counter()
    if helper is not None:
        # This thread only waits on the pipe: the window keeps the GIL.
        output, tokens = helper.run(pipeline.profile, text)
        return output, time.perf_counter() - began, tokens
    output = pipeline.run(text)
    seconds = time.perf_counter() - began
    return output, seconds, (count_tokens(text), count_tokens(output))


def explain_in_helper(
    helper: ExplainHelper, profile: Profile, text: str, output: str
) -> tuple[ExplanationSummary, Highlights]:
    """An explain job for a large text: this thread only waits on the helper's pipe."""
    return helper.explain(profile, text, output)
