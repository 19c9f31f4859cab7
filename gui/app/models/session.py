"""The curation session: the raw text, the profile, and their normalized result.

Widgets talk to a `Session`, never to the engine. It holds the text a user is
working on and the profile they are tuning, keeps profile edits on a
`QUndoStack`, and normalizes off the UI thread once typing pauses:

    set_text / profile edit -> debounce timer -> run worker: Pipeline.run
        -> text_normalized(output)          (fast: the preview)
        -> explain worker: Pipeline.explain, then the highlight arrays
        -> text_explained(summary)          (slower: counts)
        -> highlights_ready(highlights)     (spans for the raw pane)

Explain results reach the window as an `ExplanationSummary` (per-rule status,
counts, reasons, notes, spans as arrays; no edit tuples), however they were
computed: in the explain worker thread for normal texts, or, for texts above
`process_chars`, by a helper process (`gui.workflow.explain_process`) that the explain
worker waits on, so that explain's long GIL holds and its memory stay out of
the window process. Such texts are normalized there too (the run worker
waits): a pool thread busy in Python for a quarter second slows every
paint of the UI thread, which must win the GIL back for each Python call.

Each request carries a generation number; results of a request that a newer
one has replaced are dropped, so the panes never show a stale answer. Runs
and explains have a worker each, so a keystroke's run never waits behind the
explain of the text before it. Small texts are normalized at once (a run
takes well under a millisecond); only large ones wait for typing to pause.
All per-span and per-token work happens in the workers: the UI thread only
receives finished results. Large files are read and decoded in a worker too.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from gui.engine import (
    Pipeline,
    Profile,
    RuleStep,
    get_rule,
    load_preset,
    load_profile,
    save_profile,
)
from gui.engine.userpattern import check_pattern
from gui.io.corpus import CorpusFolder, SavedDocument
from gui.io.textio import DecodedText, InputError, read_text_file
from gui.workflow.explain_process import (
    PROCESS_TEXT_CHARS,
    ExplainHelper,
    ExplanationSummary,
    HelperFailed,
    HelperGone,
    explain_summary,
)
from gui.workflow.highlights import Highlights, count_tokens

# Texts up to this size are normalized on the next turn of the event loop:
# a run costs far less than a frame, so waiting would only add latency.
INSTANT_TEXT = 300_000
DEBOUNCE_MS = 150
# Texts above this size wait a little longer: each run costs more.
LARGE_TEXT = 2_000_000
LARGE_DEBOUNCE_MS = 400
# Files above this size are read and decoded in a worker.
ASYNC_OPEN_BYTES = 1_000_000
# A helper busy on a stale explain is killed (and restarted for the next one)
# when it should need longer than this to finish: a restart costs far less.
KILL_STALE_AFTER_S = 0.25


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


class _ProfileCommand(QUndoCommand):
    """Replace the session's profile; undo puts the previous one back."""

    def __init__(self, session: Session, before: Profile, after: Profile, what: str) -> None:
        super().__init__(what)
        self._session = session
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._session._apply_profile(self._after)

    def undo(self) -> None:
        self._session._apply_profile(self._before)


class _MergingCommand(_ProfileCommand):
    """A profile edit that absorbs the next one with the same merge key.

    Typing in a parameter field applies after each pause; consecutive edits of
    the same field (same key) become one undo step, and an edit that ends where
    it began drops out of the stack.
    """

    ID = 0x7E57

    def __init__(self, session, before, after, what: str, merge_key: str) -> None:
        super().__init__(session, before, after, what)
        self._merge_key = merge_key

    def id(self) -> int:
        return self.ID if self._merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _MergingCommand) or other._merge_key != self._merge_key:
            return False
        self._after = other._after
        self.setObsolete(self._after == self._before)
        return True


def _step_title(step: RuleStep) -> str:
    name = str(step.params.get("name", "")).strip()
    return f"“{name or step.rule.label}”"


class _RunJob(QRunnable):
    """Normalize one text with one profile in a pool thread (or, large, in the helper)."""

    def __init__(
        self,
        session: Session,
        generation: int,
        text: str,
        pipeline: Pipeline,
        helper: ExplainHelper | None = None,
    ) -> None:
        super().__init__()
        self._session = session
        self._generation = generation
        self._text = text
        self._pipeline = pipeline
        self._helper = helper

    def run(self) -> None:  # runs in a pool thread
        session = self._session
        if not session._is_current(self._generation):
            return
        try:
            began = time.perf_counter()
            if self._helper is not None:
                # This thread only waits on the pipe: the window keeps the GIL.
                output, tokens = self._helper.run(self._pipeline.profile, self._text)
                seconds = time.perf_counter() - began
            else:
                output = self._pipeline.run(self._text)
                seconds = time.perf_counter() - began
                tokens = (count_tokens(self._text), count_tokens(output))
            session._run_finished.emit(
                Normalized(self._generation, self._text, output, seconds, tokens)
            )
        except HelperGone:
            return  # killed because its job went stale (or at shutdown)
        except HelperFailed as error:
            session._job_failed.emit(self._generation, str(error))
        except Exception as error:  # a rule failing must not take the window down
            session._job_failed.emit(self._generation, f"{type(error).__name__}: {error}")


class _ExplainJob(_RunJob):
    """Explain one text in a pool thread, and build the raw pane's highlight arrays."""

    def run(self) -> None:  # runs in a pool thread
        session = self._session
        if not session._is_current(self._generation):
            return
        try:
            # The engine pauses the cyclic collector during explain (see pipeline.py).
            summary, highlights = explain_summary(self._pipeline, self._text)
            if session._is_current(self._generation):
                session._explain_finished.emit(self._generation, summary, highlights)
        except Exception as error:  # a rule failing must not take the window down
            session._job_failed.emit(self._generation, f"{type(error).__name__}: {error}")


class _ProcessExplainJob(QRunnable):
    """Have the helper process explain a large text; this pool thread only waits."""

    def __init__(
        self,
        session: Session,
        generation: int,
        text: str,
        output: str,
        profile: Profile,
        helper: ExplainHelper,
    ) -> None:
        super().__init__()
        self._session = session
        self._generation = generation
        self._text = text
        self._output = output
        self._profile = profile
        self._helper = helper

    def run(self) -> None:  # runs in a pool thread, blocked on the pipe (GIL released)
        session = self._session
        if not session._is_current(self._generation):
            return
        try:
            summary, highlights = self._helper.explain(self._profile, self._text, self._output)
        except HelperGone:
            return  # killed because its job went stale (or at shutdown)
        except HelperFailed as error:
            session._job_failed.emit(self._generation, str(error))
        except Exception as error:  # the pipe or the process failed: say so, keep going
            session._job_failed.emit(self._generation, f"{type(error).__name__}: {error}")
        else:
            if session._is_current(self._generation):
                session._explain_finished.emit(self._generation, summary, highlights)


class _OpenJob(QRunnable):
    """Read and decode a (large) file in a pool thread."""

    def __init__(self, session: Session, serial: int, path: str) -> None:
        super().__init__()
        self._session = session
        self._serial = serial
        self._path = path

    def run(self) -> None:  # runs in a pool thread
        try:
            decoded = read_text_file(self._path)
        except InputError as error:
            self._session._open_failed.emit(self._serial, self._path, str(error))
        else:
            self._session._open_finished.emit(self._serial, self._path, decoded)


class Session(QObject):
    """The text, the profile and the latest results of one curation window."""

    # The raw text was replaced or edited (by a file, the sample, or typing).
    text_changed = Signal()
    # A new text was loaded (file, sample, clipboard): panes should show it.
    # (object, not str: a str signal would copy a 10 MB text twice through QString.)
    text_loaded = Signal(object)
    # The preview is up to date: the output for the current text and profile.
    text_normalized = Signal(object)
    # Per-rule reports for the current text (after text_normalized): an ExplanationSummary.
    text_explained = Signal(object)
    # The raw pane's highlight arrays (gui.workflow.highlights.Highlights), after text_explained.
    highlights_ready = Signal(object)
    profile_changed = Signal(object)
    # Unsaved edits appeared or were saved.
    modified_changed = Signal(bool)
    source_changed = Signal(str)
    normalization_failed = Signal(str)
    # A parameter edit was refused (nothing changed): step index, parameter, why.
    rule_params_rejected = Signal(int, str, str)
    # Protect patterns were checked: one message per pattern given, "" when it is fine.
    protect_checked = Signal(list)
    # A file read in the worker (large files) could not be opened: path, message.
    open_failed = Signal(str, str)
    # A file read in the worker is loaded (after text_loaded): path.
    file_opened = Signal(str)

    # Internal: worker threads report through these (queued to this thread).
    _run_finished = Signal(object)
    _explain_finished = Signal(int, object, object)
    _job_failed = Signal(int, str)
    _open_finished = Signal(int, str, object)
    _open_failed = Signal(int, str, str)

    def __init__(self, profile: Profile | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._profile = profile if profile is not None else load_preset("wordopt")
        self._source: str | None = None
        self._encoding = "utf-8"
        self._modified = False
        self._result: Normalized | None = None
        self._explanation: ExplanationSummary | None = None
        self._highlights: Highlights | None = None
        self._generation = 0
        self._open_serial = 0
        self._pipeline: Pipeline | None = None
        # Runs and explains may overlap in their two workers: one pipeline each.
        self._explain_pipeline: Pipeline | None = None
        self._lock = threading.Lock()
        # Texts longer than this are normalized and explained in a helper process,
        # started on first need (see gui.workflow.explain_process).
        self.process_chars = PROCESS_TEXT_CHARS
        self._helper: ExplainHelper | None = None
        self.undo_stack = QUndoStack(self)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._explain_pool = QThreadPool(self)
        self._explain_pool.setMaxThreadCount(1)
        self._open_pool = QThreadPool(self)
        self._open_pool.setMaxThreadCount(1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self._start_job)
        self._run_finished.connect(self._on_run_finished)
        self._explain_finished.connect(self._on_explain_finished)
        self._job_failed.connect(self._on_job_failed)
        self._open_finished.connect(self._on_open_finished)
        self._open_failed.connect(self._on_open_failed)

    # -- state -------------------------------------------------------------

    @property
    def text(self) -> str:
        return self._text

    @property
    def profile(self) -> Profile:
        return self._profile

    @property
    def source(self) -> str | None:
        """The file the text came from, if any."""
        return self._source

    @property
    def encoding(self) -> str:
        return self._encoding

    @property
    def modified(self) -> bool:
        return self._modified

    @property
    def output(self) -> str | None:
        """The output for the current text and profile, or None while it is computed."""
        result = self._result
        if result is None or not self._is_current(result.generation):
            return None
        return result.output

    @property
    def last_seconds(self) -> float | None:
        return None if self._result is None else self._result.seconds

    @property
    def explanation(self) -> ExplanationSummary | None:
        """What each rule did to the current text (an `Explanation` without its edits)."""
        return self._explanation

    @property
    def explain_helper(self) -> ExplainHelper | None:
        """The helper process's handle, once a large text needed it."""
        return self._helper

    @property
    def highlights(self) -> Highlights | None:
        """The raw pane's spans for the current explanation."""
        return self._highlights

    @property
    def token_counts(self) -> tuple[int, int] | None:
        """Whitespace-separated tokens of the text and of its output, once normalized."""
        return None if self._result is None else self._result.tokens

    @property
    def opening(self) -> bool:
        """A file is being read in the worker."""
        return self._open_pool.activeThreadCount() > 0

    @property
    def busy(self) -> bool:
        return self.output is None

    # -- text ----------------------------------------------------------------

    def set_text(self, text: str, *, modified: bool = True) -> None:
        """The user edited the text (typing, pasting): normalize after a pause."""
        if text == self._text:
            return
        self._text = text
        self._explanation = self._highlights = None
        self._set_modified(modified or self._modified)
        self.text_changed.emit()
        self.schedule()

    def load_text(
        self,
        text: str,
        source: str | None = None,
        encoding: str = "utf-8",
        *,
        modified: bool = False,
    ) -> None:
        """Start over on a new text: a file or the sample, or pasted text (`modified`)."""
        self._source = source
        self._encoding = encoding
        self.source_changed.emit(source or "")
        self._text = text
        self._explanation = self._highlights = None
        self._set_modified(modified)
        self.text_loaded.emit(text)
        self.text_changed.emit()
        self.schedule(immediately=True)

    def open_file(self, path: str | Path) -> None:
        """Read a text file; InputError (in words) if it is not text, text kept.

        A large file is read and decoded in a worker: this returns at once, and
        the text arrives later (text_loaded, then file_opened), or open_failed.
        """
        self._open_serial += 1
        try:
            large = os.stat(path).st_size > ASYNC_OPEN_BYTES
        except OSError:
            large = False  # read_text_file says why, in words
        if not large:
            decoded = read_text_file(path)
            self.load_text(decoded.text, source=str(path), encoding=decoded.encoding)
            return
        self._open_pool.start(_OpenJob(self, self._open_serial, str(path)))

    def _on_open_finished(self, serial: int, path: str, decoded: DecodedText) -> None:
        if serial == self._open_serial:
            self.load_text(decoded.text, source=path, encoding=decoded.encoding)
            self.file_opened.emit(path)

    def _on_open_failed(self, serial: int, path: str, message: str) -> None:
        if serial == self._open_serial:
            self.open_failed.emit(path, message)

    def mark_saved(self) -> None:
        """The text was saved by other means (a dataset record): no unsaved edits."""
        self._set_modified(False)

    def _set_modified(self, modified: bool) -> None:
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)

    # -- profile (undoable) -----------------------------------------------

    def set_profile(self, profile: Profile, what: str = "Change profile") -> None:
        if profile == self._profile:
            return
        self.undo_stack.push(_ProfileCommand(self, self._profile, profile, what))

    def set_rule_enabled(self, index: int, enabled: bool) -> None:
        step = self._profile.steps[index]
        if step.enabled == enabled:
            return
        verb = "Enable" if enabled else "Disable"
        self.set_profile(self._profile.with_enabled(index, enabled), f"{verb} “{step.rule.label}”")

    def move_rule(self, source: int, destination: int) -> None:
        if source == destination:
            return
        label = self._profile.steps[source].rule.label
        self.set_profile(self._profile.moved(source, destination), f"Move “{label}”")

    def add_rule(self, rule_id: str, index: int | None = None, params: dict | None = None) -> int:
        """Insert a step (at the end by default); returns its index.

        ValueError if the rule may appear only once and already does, or if
        `params` are not valid for it.
        """
        rule = get_rule(rule_id)
        steps = self._profile.steps
        if not rule.repeatable and any(step.rule_id == rule_id for step in steps):
            raise ValueError(f"“{rule.label}” is already in the profile")
        index = len(steps) if index is None else max(0, min(index, len(steps)))
        profile = self._profile.with_step(RuleStep(rule_id), index)
        if params:
            profile = profile.with_params(index, **params)
        self.set_profile(profile, f"Add {_step_title(profile.steps[index])}")
        return index

    def remove_rule(self, index: int) -> None:
        step = self._profile.steps[index]
        self.set_profile(self._profile.without_step(index), f"Remove {_step_title(step)}")

    def set_rule_params(self, index: int, params: dict, merge_key: str = "") -> bool:
        """Change a step's parameters, undoably; False (and `rule_params_rejected`) if invalid.

        The new values must pass the parameter checks and the rule must build
        with them (a replacement must fit its pattern's groups), so an invalid
        value changes nothing. Edits with the same non-empty `merge_key` in a
        row become one undo step.
        """
        try:
            profile = self._profile.with_params(index, **params)
            step = profile.steps[index]
            step.rule.transform(**step.params)
        except (ValueError, OSError) as error:  # ParamError is a ValueError
            self.rule_params_rejected.emit(index, next(iter(params), ""), str(error))
            return False
        if profile != self._profile:
            what = f"Edit {_step_title(self._profile.steps[index])}"
            self.undo_stack.push(_MergingCommand(self, self._profile, profile, what, merge_key))
        return True

    def set_protect(self, patterns: list[str], merge_key: str = "") -> bool:
        """Set the protect patterns (empty ones are dropped); False if any is invalid.

        `protect_checked` carries one message per pattern; with any invalid
        pattern the profile keeps its previous protections.
        """
        errors = []
        for pattern in patterns:
            try:
                check_pattern(pattern)
            except ValueError as error:
                errors.append(str(error))
            else:
                errors.append("")
        self.protect_checked.emit(errors)
        if any(errors):
            return False
        profile = self._profile.with_protect(tuple(p for p in patterns if p))
        if profile != self._profile:
            what = "Edit protected spans"
            self.undo_stack.push(_MergingCommand(self, self._profile, profile, what, merge_key))
        return True

    def select_preset(self, name: str) -> None:
        """Switch to a built-in preset; ProfileError if there is none by that name."""
        self.set_profile(load_preset(name), f"Switch to preset “{name}”")

    def open_profile(self, path: str | Path) -> None:
        """Load a profile file; ProfileError (in words) if it is malformed."""
        profile = load_profile(path)
        self.set_profile(profile, f"Open profile “{profile.name}”")

    def save_profile(self, path: str | Path) -> None:
        """Write the current profile, named after the file, as TOML."""
        profile = self._profile.renamed(Path(path).stem)
        save_profile(profile, path)
        if profile != self._profile:
            # Renaming is not an edit worth an undo step.
            self._apply_profile(profile)

    def _apply_profile(self, profile: Profile) -> None:
        self._profile = profile
        self._explanation = self._highlights = None
        self.profile_changed.emit(profile)
        self.schedule(immediately=True)

    # -- normalization -------------------------------------------------------

    def schedule(self, *, immediately: bool = False) -> None:
        """Ask for a fresh result: now, or once typing pauses."""
        with self._lock:
            self._generation += 1
        self._drop_stale_helper_job()
        self._debounce.start(0 if immediately else debounce_ms(len(self._text)))

    def normalize_now(self) -> str:
        """The output for the current text and profile, computed here if need be."""
        output = self.output
        if output is None:
            output = self._current_pipeline().run(self._text)
        return output

    def wait_for_pool(self, msecs: int = -1) -> bool:
        """Wait for the workers to finish (for shutdown and benchmarks)."""
        pools = (self._open_pool, self._pool, self._explain_pool)
        return all([pool.waitForDone(msecs) for pool in pools])

    def _is_current(self, generation: int) -> bool:
        with self._lock:
            return generation == self._generation

    def _current_pipeline(self) -> Pipeline:
        if self._pipeline is None or self._pipeline.profile is not self._profile:
            self._pipeline = Pipeline(self._profile)
        return self._pipeline

    def _start_job(self) -> None:
        with self._lock:
            generation = self._generation
        helper = self._helper_for(self._text)
        job = _RunJob(self, generation, self._text, self._current_pipeline(), helper)
        self._pool.start(job)

    def _helper_for(self, text: str) -> ExplainHelper | None:
        """The helper process for a text above `process_chars`, else None (stay in threads)."""
        if len(text) <= self.process_chars:
            return None
        if self._helper is None:
            self._helper = ExplainHelper()
        return self._helper

    def shutdown(self) -> None:
        """Drop pending work, wait for the workers, end the helper process.

        Call before the session goes (the window does, when it closes).
        """
        self._debounce.stop()
        with self._lock:
            self._generation += 1
        self._open_serial += 1
        if self._helper is not None and self._helper.busy:
            self._helper.kill()  # its answer would be dropped: do not wait for it
        self.wait_for_pool()
        if self._helper is not None:
            self._helper.close()

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

    def _on_run_finished(self, result: Normalized) -> None:
        if not self._is_current(result.generation):
            return
        self._result = result
        self.text_normalized.emit(result.output)
        if not self._is_current(result.generation):
            return
        helper = self._helper_for(result.text)
        if helper is not None:
            job = _ProcessExplainJob(
                self, result.generation, result.text, result.output, self._profile, helper
            )
        else:
            pipeline = self._explain_pipeline
            if pipeline is None or pipeline.profile is not self._profile:
                pipeline = self._explain_pipeline = Pipeline(self._profile)
            job = _ExplainJob(self, result.generation, result.text, pipeline)
        self._explain_pool.start(job)

    def _on_explain_finished(
        self, generation: int, explanation: ExplanationSummary, highlights: Highlights
    ) -> None:
        if not self._is_current(generation):
            return
        self._explanation = explanation
        self._highlights = highlights
        self.text_explained.emit(explanation)
        if self._highlights is highlights:
            self.highlights_ready.emit(highlights)

    def _on_job_failed(self, generation: int, message: str) -> None:
        if self._is_current(generation):
            self.normalization_failed.emit(f"Normalization failed: {message}")

    # -- corpus ------------------------------------------------------------

    def save_to_corpus(
        self, folder: CorpusFolder, *, allow_duplicate: bool = False
    ) -> SavedDocument:
        """Write the normalized text into the corpus; DuplicateDocument / CorpusError."""
        saved = folder.save(
            self._text,
            self.normalize_now(),
            profile=self._profile,
            source=self._source,
            allow_duplicate=allow_duplicate,
        )
        self._set_modified(False)
        return saved
