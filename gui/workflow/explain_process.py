"""What the window keeps of an explain, and a helper process that explains large texts.

The window needs little of `Pipeline.explain`: per rule its status, count of
changes, reason and notes (the rule panel), and the spans as compact arrays
(`gui.workflow.highlights.Highlights`, the raw pane). `ExplanationSummary` is that, and
nothing more: no `Edit` tuples. Both ways of explaining end in it, so the
window has one code path:

* normal texts are explained in a pool thread of the window process
  (`explain_summary`): no process overhead;
* texts above `PROCESS_TEXT_CHARS` are explained by `ExplainHelper`, a
  long-lived helper process, which normalizes them too (`run`: the output
  and token counts), so no thread of the window is busy in Python for long.
  Explain on ten megabytes makes single C calls (a `split` over the whole
  text) that hold the GIL for 100-200 ms, which would starve the UI thread,
  and builds some 150 MB of Python objects; in the helper neither touches
  the window. The profile goes over as its TOML dict, the text as a str;
  only the summary's fields come back, by name in a versioned message
  (`_pack`), with each rule's span arrays (unpickling an array is one C copy).

The helper starts on first need, with the `forkserver` start method (`spawn`
where it is missing; never `fork`: the window has Qt threads), serves one
request at a time (the window's run and explain workers take turns), keeps
the last text it was sent (explaining the text it just normalized costs no
second copy), and exits when asked (`close`), when killed (`kill`: a
stale job not worth finishing), or when the window process dies: it watches
a pipe whose only writing end the window holds, like the batch workers.
No Qt here.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import threading
import time
from array import array
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import gui.engine
from gui.engine import Explanation, Pipeline, Profile
from gui.engine.explain.report import ReportsMixin, SpansMixin, Status, StatusMixin
from gui.engine.profile import profile_from_dict
from gui.workflow import processes
from gui.workflow.highlights import Highlights, count_tokens, prepare_highlights
from gui.workflow.text_mirror import EditorOffsets

# Rules defined in the engine's own modules are registered in every helper.
_ENGINE_PREFIX = gui.engine.__name__ + "."
# Texts longer than this (in characters) are normalized and explained in the
# helper process. At 1 M characters an in-thread explain takes about 0.15 s,
# with GIL holds of some 20 ms; they grow with the text, and pass 100 ms by
# 10 M characters.
PROCESS_TEXT_CHARS = 1_000_000


def _no_spans() -> array:
    return array("q")


@dataclass(frozen=True)
class ReportSummary(StatusMixin, SpansMixin):
    """One step's share of the work, as the window shows it (a `RuleReport` without edits)."""

    index: int
    rule_id: str
    label: str
    status: Status
    changes: int = 0
    reason: str = ""
    seconds: float = 0.0
    notes: tuple[str, ...] = ()
    # The spans of the original text it removed or replaced, as two arrays.
    starts: array = field(default_factory=_no_spans, repr=False, compare=False)
    ends: array = field(default_factory=_no_spans, repr=False, compare=False)


@dataclass(frozen=True)
class ExplanationSummary(ReportsMixin):
    """An `Explanation` as the window keeps it: reports without their edits."""

    text: str
    output: str
    reports: tuple[ReportSummary, ...]
    seconds: float = 0.0
    notes: tuple[str, ...] = ()
    # Where it was computed: "thread" or "process" (for tests and benchmarks).
    where: str = "thread"


# -- the summary, packed for the pipe and unpacked ------------------------------------

# The helper's explain answer is a dict of named fields (never positional
# tuples), with this version in "version": a window and a helper from
# different versions refuse each other's answers in words, instead of
# reading fields in the wrong places. Bump it when a field changes meaning.
MESSAGE_VERSION = 2
_REPORT_FIELDS = ("index", "rule_id", "label", "status", "changes", "reason", "seconds", "notes")


class MessageError(ValueError):
    """An answer from the helper in a format this window does not read."""


def _pack(explanation: Explanation, highlights: Highlights) -> dict[str, Any]:
    """What the window needs of an explain, without the text and the output it has.

    Per rule its fields by name, and its spans as two `array("q")` (a pickle
    of an array is one C copy, not an object per span).
    """
    return {
        "version": MESSAGE_VERSION,
        "reports": [
            {
                "index": report.index,
                "rule_id": report.rule_id,
                "label": report.label,
                "status": str(report.status),
                "changes": report.changes,
                "reason": report.reason,
                "seconds": report.seconds,
                "notes": tuple(report.notes),
                "starts": starts,
                "ends": ends,
            }
            for report, starts, ends in zip(
                explanation.reports, highlights.starts, highlights.ends, strict=True
            )
        ],
        "seconds": explanation.seconds,
        "notes": tuple(explanation.notes),
        "astral": highlights.offsets.astral,
        "crlf": highlights.offsets.crlf,
    }


def _unpack(
    packed: dict[str, Any], text: str, output: str, where: str
) -> tuple[ExplanationSummary, Highlights]:
    version = packed.get("version") if isinstance(packed, dict) else None
    if version != MESSAGE_VERSION:
        raise MessageError(
            f"the explain helper answered in message format {version!r}; "
            f"this window reads format {MESSAGE_VERSION}"
        )
    reports = tuple(
        ReportSummary(
            **{name: fields[name] for name in _REPORT_FIELDS if name != "status"},
            status=Status(fields["status"]),
            starts=fields["starts"],
            ends=fields["ends"],
        )
        for fields in packed["reports"]
    )
    summary = ExplanationSummary(
        text, output, reports, packed["seconds"], tuple(packed["notes"]), where
    )
    highlights = Highlights(
        text,
        tuple(report.rule_id for report in reports),
        tuple(report.label for report in reports),
        tuple(report.starts for report in reports),
        tuple(report.ends for report in reports),
        EditorOffsets(len(text), packed["astral"], packed["crlf"]),
    )
    return summary, highlights


def summarize(
    explanation: Explanation, offsets: EditorOffsets | None = None
) -> tuple[ExplanationSummary, Highlights]:
    """The window's summary of an explanation, and the raw pane's highlight arrays.

    `offsets`: the text's editor offsets, if the caller keeps them (else found).
    """
    highlights = prepare_highlights(explanation, offsets)
    packed = _pack(explanation, highlights)
    return _unpack(packed, explanation.text, explanation.output, "thread")


def explain_summary(pipeline: Pipeline, text: str) -> tuple[ExplanationSummary, Highlights]:
    """Explain in this process (a pool thread): the path for normal texts."""
    return summarize(pipeline.explain(text))


# -- the helper process ---------------------------------------------------------------


class HelperFailed(Exception):
    """The explain failed in the helper (a rule raised): the message, in words."""


class HelperGone(Exception):
    """The helper process ended before answering (killed, crashed, or closed)."""


class ExplainHelper:
    """A long-lived process that explains texts, one at a time, for one window.

    `run` and `explain` block until the answer is in: call them from worker
    threads, never the UI thread (calls from two threads take turns). `kill`
    (any thread) ends the process at once; the call in progress raises
    `HelperGone` and the next one starts a fresh process.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._alive_writer: Connection | None = None
        self._call_lock = threading.Lock()
        self._busy_since: float | None = None
        self._busy_length = 0
        self._busy_kind = ""
        # The text the helper holds (the last one sent to this process).
        self._sent_text: str | None = None
        # Seconds per character of the last finished job of each kind (run, explain).
        self._rates: dict[str, float] = {}
        self.starts = 0  # processes started so far
        self.peak_rss_kb = 0  # the largest VmHWM a helper reported

    @property
    def pid(self) -> int | None:
        with self._lock:
            return None if self._process is None else self._process.pid

    @property
    def busy(self) -> bool:
        return self._busy_since is not None

    def expected_remaining(self) -> float | None:
        """Seconds the job in hand should still take (None when idle or never timed)."""
        with self._lock:
            if self._busy_since is None:
                return None
            rate = self._rates.get(self._busy_kind)
            if rate is None:
                return float("inf")
            expected = rate * self._busy_length
            return max(0.0, expected - (time.perf_counter() - self._busy_since))

    def run(self, profile: Profile, text: str) -> tuple[str, tuple[int, int]]:
        """Normalize `text` in the helper; blocks. The output and the token counts."""
        output, tokens = self._call("run", profile, text)
        return output, tuple(tokens)

    def explain(
        self, profile: Profile, text: str, output: str
    ) -> tuple[ExplanationSummary, Highlights]:
        """Explain `text` (whose output is `output`) in the helper; blocks."""
        return _unpack(self._call("explain", profile, text), text, output, "process")

    def _call(self, kind: str, profile: Profile, text: str) -> Any:
        """One request, one answer. HelperFailed if a rule raised, HelperGone if killed."""
        modules = sorted(
            {
                step.rule.build.__module__
                for step in profile.steps
                if not step.rule.build.__module__.startswith(_ENGINE_PREFIX)
            }
        )
        with self._call_lock:  # the run and explain workers take turns
            conn = self._ensure_started()
            began = time.perf_counter()
            with self._lock:
                self._busy_since, self._busy_length, self._busy_kind = began, len(text), kind
                # The helper keeps the last text it got: explaining the text it has
                # just normalized needs no second copy through the pipe.
                same = text is self._sent_text
                self._sent_text = text
            try:
                conn.send((kind, profile.to_dict(), modules, None if same else text))
                status, payload, peak_kb = conn.recv()
            except (EOFError, OSError) as error:
                self._forget(conn)
                why = error or type(error).__name__
                raise HelperGone(f"the explain helper ended: {why}") from None
            finally:
                with self._lock:
                    self._busy_since = None
            self.peak_rss_kb = max(self.peak_rss_kb, peak_kb)
            if status != "ok":
                raise HelperFailed(payload)
            if text:
                self._rates[kind] = (time.perf_counter() - began) / len(text)
            return payload

    def kill(self) -> None:
        """End the helper now, busy or not; the next `explain` starts another."""
        with self._lock:
            if self._process is not None:
                self._process.kill()

    def close(self, timeout: float = 5.0) -> None:
        """Ask the helper to exit and wait for it (call when no `explain` is running)."""
        with self._lock:
            process, conn, writer = self._process, self._conn, self._alive_writer
            self._process = self._conn = self._alive_writer = None
        if process is None:
            return
        with contextlib.suppress(OSError, ValueError):
            conn.send(None)
        process.join(timeout)
        if process.exitcode is None:
            process.kill()
            process.join(timeout)
        for end in (conn, writer):
            with contextlib.suppress(OSError):
                end.close()
        process.close()

    def _ensure_started(self) -> Connection:
        with self._lock:
            if self._process is not None and self._process.exitcode is None:
                return self._conn
        self._forget(self._conn)
        # The server preloads this module (and so the engine), not the caller's
        # __main__: each helper forked from it starts in a few milliseconds.
        context = processes.context(preload=[__name__])
        conn, child_conn = context.Pipe(duplex=True)
        alive_reader, alive_writer = context.Pipe(duplex=False)
        process = context.Process(
            target=_serve,
            args=(child_conn, alive_reader),
            name="textwash-explain",
            daemon=True,
        )
        process.start()
        # The helper has its own copies now: closing ours makes EOF mean "the other side left".
        child_conn.close()
        alive_reader.close()
        with self._lock:
            self._process, self._conn, self._alive_writer = process, conn, alive_writer
            self._sent_text = None
            self.starts += 1
        return conn

    def _forget(self, conn: Connection | None) -> None:
        """Drop a dead (or killed) helper: reap it and close our ends."""
        with self._lock:
            if conn is None or conn is not self._conn:
                return
            process, writer = self._process, self._alive_writer
            self._process = self._conn = self._alive_writer = None
        if process.exitcode is None:
            process.kill()
        process.join(5.0)
        for end in (conn, writer):
            with contextlib.suppress(OSError):
                end.close()
        with contextlib.suppress(ValueError):
            process.close()


def _serve(conn: Connection, parent_alive: Connection) -> None:
    """The helper's loop: (kind, profile dict, modules, text) in, (status, payload, peak) out.

    `kind` is "run" (the output and token counts) or "explain" (the packed
    summary); a text of None means the same text as the last request.
    """
    processes.child_started(parent_alive)  # Ctrl+C is the window's; exit with it
    pipeline: Pipeline | None = None
    profile_data: dict | None = None
    text = ""
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        kind, data, modules, sent = request
        if sent is not None:
            text = sent
        del sent
        try:
            # Rules registered outside the engine (plug-ins) are registered by importing them.
            for module in modules:
                importlib.import_module(module)
            if pipeline is None or data != profile_data:
                pipeline = Pipeline(profile_from_dict(data, "the window's profile"))
                profile_data = data
            if kind == "run":
                output = pipeline.run(text)
                packed = (output, (count_tokens(text), count_tokens(output)))
                del output
            else:
                explanation = pipeline.explain(text)
                packed = _pack(explanation, prepare_highlights(explanation))
                del explanation
            reply = ("ok", packed, _peak_rss_kb())
            del packed
        except Exception as error:  # a rule failing must not end the helper
            reply = ("error", f"{type(error).__name__}: {error}", _peak_rss_kb())
        try:
            conn.send(reply)
        except OSError:
            return
        del reply


def _peak_rss_kb() -> int:
    """This process's peak resident memory (VmHWM), in kilobytes; 0 where unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
