"""The live preview: the document's text normalized and explained with the current profile.

Every edit of the text or the profile asks for a fresh result:

    text_edited / text_loaded / profile_changed -> at once (debounced for large texts)
        -> run lane: Pipeline.run       -> text_normalized(output)    (fast: the preview)
        -> explain lane: explain_summary -> text_explained(summary)   (slower: counts)
                                         -> highlights_ready(spans)   (the raw pane)

Explain results are an `ExplanationSummary` (per-rule status, counts,
reasons, notes, spans as arrays; no edit tuples), however they were computed:
in the explain lane's thread for normal texts, or, for texts above
`process_chars`, by a helper process (`gui.workflow.explain_process`) that the
lane's thread waits on, so that explain's long GIL holds and its memory stay
out of the window process. Such texts are normalized there too (the run lane
waits): a thread busy in Python for a quarter second slows every paint of the
UI thread, which must win the GIL back for each Python call.

Jobs are plain functions run through `gui.app.concurrency`; their outcomes
come back on the UI thread, where each request's generation number is
checked: a result of a request that a newer one has replaced is dropped, so
the panes never show a stale answer, and a job still queued when a newer
request comes is cancelled. Runs and explains have a lane each, so a
keystroke's run never waits behind the explain of the text before it. Small
texts are normalized at once (a run takes well under a millisecond); only
large ones wait for typing to pause. A helper busy on a stale job that would
still take long is killed and restarted for the next one.

Texts of `INCREMENTAL_CHARS` or more under a profile that splits at line
feeds (wordopt; see gui/engine/explain/lines.py) take the incremental path
instead: a `LinePreview` takes each new text as one edit of the last (the
document's `last_splice`, as the raw pane reported it, else found by
comparing the texts), re-runs and re-explains only the blocks of lines it
touched, and splices them in. Its cost is that of the touched lines, whatever
the text's length, so no debounce and no helper process are needed. An edit
runs on the UI thread itself while edits take under `INLINE_EDIT_S` and no
lane job holds the preview: in a worker it would hold the GIL just as long,
and its answer would wait behind the raw pane's paint; so the output pane is
painted in the same frame as the keystroke. Otherwise, and for the first run,
the run lane's jobs own the preview, one at a time. Its explain job runs in
the run lane too (it touches the same object).

Every explain job starts on the turn of the event loop after the output was
delivered (`_explain_soon`), once the panes have painted it: started at once,
it would take the GIL from that paint.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from gui.app.concurrency import Lane
from gui.app.models.document import Document
from gui.app.models.preview_jobs import (
    INCREMENTAL_CHARS,
    INLINE_EDIT_S,
    KILL_STALE_AFTER_S,
    LONGEST_INCREMENTAL_LINE,
    Incremental,
    Normalized,
    Superseded,
    debounce_ms,
    edit_preview,
    explain_in_helper,
    explain_preview,
    lines_shorter_than,
    run_text,
)
from gui.app.models.profile_model import ProfileModel
from gui.engine import Pipeline
from gui.engine.explain.lines import OutputChange
from gui.workflow.explain_process import (
    PROCESS_TEXT_CHARS,
    ExplainHelper,
    ExplanationSummary,
    HelperFailed,
    HelperGone,
    explain_summary,
)
from gui.workflow.highlights import Highlights


class Preview(QObject):
    """The latest output and explanation of a document's text under a profile."""

    # The preview is up to date: the output for the current text and profile.
    text_normalized = Signal(object)
    # Per-rule reports for the current text (after text_normalized): an ExplanationSummary.
    text_explained = Signal(object)
    # The raw pane's highlight arrays (gui.workflow.highlights.Highlights), after text_explained.
    highlights_ready = Signal(object)
    normalization_failed = Signal(str)

    def __init__(
        self, document: Document, profiles: ProfileModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._profiles = profiles
        self._result: Normalized | None = None
        self._explanation: ExplanationSummary | None = None
        self._highlights: Highlights | None = None
        self._generation = 0
        self._closed = False
        self._pipeline: Pipeline | None = None
        # Runs and explains may overlap in their two lanes: one pipeline each.
        self._explain_pipeline: Pipeline | None = None
        # Texts longer than this are normalized and explained in a helper process,
        # started on first need (see gui.workflow.explain_process).
        self.process_chars = PROCESS_TEXT_CHARS
        # The user's own debounce (Preferences) in ms; 0: by the text's size.
        self.debounce_override_ms = 0
        self._helper: ExplainHelper | None = None
        self._runs = Lane("run", self)
        self._explains = Lane("explain", self)
        self.incremental_chars = INCREMENTAL_CHARS
        # (text, whether its lines are short): see `_lines_are_short`.
        self._short_lines: tuple[str, bool] | None = None
        self._incremental = Incremental()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self._start_run)
        self._explain_soon = QTimer(self)
        self._explain_soon.setSingleShot(True)
        self._explain_soon.setInterval(0)
        self._explain_soon.timeout.connect(self._start_explain)
        document.text_edited.connect(self.schedule)
        document.text_loaded.connect(self._start_over)
        profiles.profile_changed.connect(self._start_over)

    # -- state ---------------------------------------------------------------

    @property
    def output(self) -> str | None:
        """The output for the current text and profile, or None while it is computed."""
        result = self._result
        if result is None or result.generation != self._generation:
            return None
        return result.output

    @property
    def busy(self) -> bool:
        return self.output is None

    @property
    def last_seconds(self) -> float | None:
        return None if self._result is None else self._result.seconds

    @property
    def token_counts(self) -> tuple[int, int] | None:
        """Whitespace-separated tokens of the text and of its output, once normalized."""
        return None if self._result is None else self._result.tokens

    @property
    def explanation(self) -> ExplanationSummary | None:
        """What each rule did to the current text (an `Explanation` without its edits)."""
        return self._explanation

    @property
    def highlights(self) -> Highlights | None:
        """The raw pane's spans for the current explanation."""
        return self._highlights

    @property
    def explain_helper(self) -> ExplainHelper | None:
        """The helper process's handle, once a large text needed it."""
        return self._helper

    # -- requests ------------------------------------------------------------

    def schedule(self, *, immediately: bool = False) -> None:
        """Ask for a fresh result: now, or once typing pauses."""
        self._generation += 1
        self._explanation = self._highlights = None
        self._runs.cancel_pending()
        self._explains.cancel_pending()
        self._drop_stale_helper_job()
        if not self._closed:
            length = len(self._document.text)
            if immediately or self._takes_incremental_path(length):
                wait = 0
            else:
                wait = self.debounce_override_ms or debounce_ms(length)
            if wait:
                self._debounce.start(wait)
            else:
                # Submitted now, not on a 0 ms timer: the event loop would first
                # paint the raw pane (and whatever else is queued), ~6 ms a key.
                self._debounce.stop()
                self._start_run()

    def _start_over(self, *_args) -> None:
        """A new text or profile: normalize at once."""
        self.schedule(immediately=True)

    def normalize_now(self) -> str:
        """The output for the current text and profile, computed here if need be."""
        output = self.output
        if output is None:
            output = self._current_pipeline().run(self._document.text)
        return output

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the lanes' jobs (for shutdown, tests and benchmarks); False on timeout.

        Their outcomes are delivered on the next turn of the event loop.
        """
        return self._runs.wait(timeout) and self._explains.wait(timeout)

    def shutdown(self) -> None:
        """Drop pending work, wait for the jobs, end the helper process.

        Call before the preview goes (the window does, when it closes).
        """
        self._closed = True
        self._debounce.stop()
        self._explain_soon.stop()
        self._generation += 1
        if self._helper is not None and self._helper.busy:
            self._helper.kill()  # its answer would be dropped: do not wait for it
        self._runs.shutdown()
        self._explains.shutdown()
        if self._helper is not None:
            self._helper.close()

    # -- jobs ----------------------------------------------------------------

    def _current_pipeline(self) -> Pipeline:
        profile = self._profiles.profile
        if self._pipeline is None or self._pipeline.profile is not profile:
            self._pipeline = Pipeline(profile)
        return self._pipeline

    def _helper_for(self, text: str) -> ExplainHelper | None:
        """The helper process for a text above `process_chars`, else None (stay in threads)."""
        if len(text) <= self.process_chars:
            return None
        if self._helper is None:
            self._helper = ExplainHelper()
        return self._helper

    def _takes_incremental_path(self, length: int) -> bool:
        if length < self.incremental_chars or self._current_pipeline().seam is None:
            return False
        # Above `process_chars`, a line too long to re-run in a blink (a
        # one-line 10 MB text) would hold the GIL in this process for long:
        # such texts stay with the helper process.
        return length <= self.process_chars or self._lines_are_short()

    def _lines_are_short(self) -> bool:
        """Whether the document's lines are all under LONGEST_INCREMENTAL_LINE (kept per text).

        After a known splice of a text whose lines were short, only the line
        the splice touched is measured: a whole 10 MB text costs milliseconds
        a key to search, and each keystroke asks more than once.
        """
        text, known = self._document.text, self._short_lines
        if known is not None and known[0] is text:
            return known[1]
        splice = self._document.last_splice
        if known is not None and known[1] and splice is not None and splice.before is known[0]:
            start = text.rfind("\n", 0, splice.start) + 1
            end = text.find("\n", splice.start + len(splice.text))
            short = (len(text) if end < 0 else end) - start < LONGEST_INCREMENTAL_LINE
        else:
            short = lines_shorter_than(text, LONGEST_INCREMENTAL_LINE)
        self._short_lines = (text, short)
        return short

    @property
    def last_change(self) -> OutputChange | None:
        """What the last output changed of the one before, on the incremental path."""
        return None if self._result is None else self._result.change

    @property
    def output_change(self) -> tuple[str, OutputChange] | None:
        """(the output before, what changed of it) for the current output, if known."""
        result = self._result
        if result is None or result.change is None or result.change_base is None:
            return None
        return result.change_base, result.change

    @property
    def incremental(self) -> bool:
        """True if the current text takes the incremental path (see the module docstring)."""
        return self._takes_incremental_path(len(self._document.text))

    def _start_run(self) -> None:
        if self._closed:
            return
        generation, text = self._generation, self._document.text
        if self._takes_incremental_path(len(text)):
            state, pipeline = self._incremental, self._current_pipeline()
            inline = state.last_edit is not None and state.last_edit < INLINE_EDIT_S
            splice = self._document.last_splice
            if inline and self._runs.idle and state.preview.pipeline is pipeline:
                # No lane job holds the LinePreview now: this thread may edit it.
                try:
                    answer = edit_preview(state, pipeline, text, splice)
                except Exception as error:  # a rule failing: said as a lane job's would be
                    self._on_job_failed(generation, error)
                    return
                self._on_run_finished(Normalized(generation, text, *answer))
                return
            watcher = self._runs.submit(edit_preview, state, pipeline, text, splice)
            watcher.result_ready.connect(
                lambda answer: self._on_run_finished(Normalized(generation, text, *answer))
            )
            watcher.exception_ready.connect(lambda error: self._on_job_failed(generation, error))
            return
        helper = self._helper_for(text)
        watcher = self._runs.submit(run_text, text, self._current_pipeline(), helper)
        watcher.result_ready.connect(
            lambda answer: self._on_run_finished(Normalized(generation, text, *answer))
        )
        watcher.exception_ready.connect(lambda error: self._on_job_failed(generation, error))

    def _on_run_finished(self, result: Normalized) -> None:
        if result.generation != self._generation:
            return
        self._result = result
        self.text_normalized.emit(result.output)
        # The explain starts on the next turn of the event loop, once the panes
        # have painted the output: a job started now would take the GIL from
        # that paint (the UI thread waits out the 5 ms switch interval).
        self._explain_soon.start()

    def _start_explain(self) -> None:
        result = self._result
        if result is None or result.generation != self._generation or self._closed:
            return  # a newer request replaced it (or a slot of text_normalized asked for one)
        generation, text = result.generation, result.text
        profile = self._profiles.profile
        helper = self._helper_for(text)
        if self._takes_incremental_path(len(text)):
            watcher = self._runs.submit(explain_preview, self._incremental, text)
        elif helper is not None:
            watcher = self._explains.submit(explain_in_helper, helper, profile, text, result.output)
        else:
            pipeline = self._explain_pipeline
            if pipeline is None or pipeline.profile is not profile:
                pipeline = self._explain_pipeline = Pipeline(profile)
            # The engine pauses the cyclic collector during explain (see pipeline.py).
            watcher = self._explains.submit(explain_summary, pipeline, text)
        watcher.result_ready.connect(lambda answer: self._on_explained(generation, *answer))
        watcher.exception_ready.connect(lambda error: self._on_job_failed(generation, error))

    def _on_explained(
        self, generation: int, explanation: ExplanationSummary, highlights: Highlights
    ) -> None:
        if generation != self._generation:
            return
        self._explanation = explanation
        self._highlights = highlights
        self.text_explained.emit(explanation)
        if self._highlights is highlights:
            self.highlights_ready.emit(highlights)

    def _on_job_failed(self, generation: int, error: BaseException) -> None:
        if isinstance(error, HelperGone | Superseded):
            return  # killed because its job went stale (or at shutdown)
        if generation != self._generation:
            return
        if isinstance(error, HelperFailed):
            message = str(error)
        else:  # a rule failing, or the pipe or the process: say so, keep going
            message = f"{type(error).__name__}: {error}"
        self.normalization_failed.emit(f"Normalization failed: {message}")

    def _drop_stale_helper_job(self) -> None:
        """Kill the helper if it is busy on a job that would still take long (now stale).

        Its answer would be dropped anyway; a fresh helper starts in milliseconds
        (forked from the preloaded server), while a stale 10 MB explain holds a
        core for a second. A job about to finish is let finish and dropped.
        """
        helper = self._helper
        if helper is None:
            return
        remaining = helper.expected_remaining()
        if remaining is not None and remaining > KILL_STALE_AFTER_S:
            helper.kill()
