"""Apply a profile to every pending record: the window's Apply to all, `textwash clean`.

    >>> review = DatasetReview(open_dataset("True.csv"), "corpus/")     # doctest: +SKIP
    >>> result = run_batch(review, profile, jobs=None, progress=print, should_stop=event.is_set)

Records are saved in dataset order through `DatasetReview.save` with
`on_duplicate="skip"`: a record whose normalized text is already in the corpus
is recorded as skipped, reason "duplicate of FILE", instead of stopping the
run (a batch has nobody to ask). A record that cannot be read (a binary file
in a folder) or that a rule fails on is recorded as skipped with the reason.

Parallel mode (`jobs` > 1, default all cores): worker processes only
normalize; this process reads the dataset, writes every file and manifest
line, in dataset order, so the corpus is byte-identical whatever `jobs` is.
Records are sent in small chunks with a bounded number in flight, so memory
stays flat whatever the dataset size. Workers are started with `forkserver`
(`spawn` where it is missing), which is safe from a thread of a Qt program.

The run holds the corpus's writer lock and commits in groups (see
`gui.io.corpus.store`); the last group is made durable at the end, on cancel
and on any error. A record on which a rule ran out of time is skipped with the
reason `rule "X" timed out` (its text would depend on the machine's load),
unless `keep_timed_out`, which saves it with `timed_out` in its manifest line.

Cancel is cooperative: `should_stop()` is checked after each record; the run
stops after the record in hand, everything saved so far is in the manifest,
and work already sent to workers is dropped (it is redone on resume).
Progress (`BatchProgress`) is reported after every record from the calling
thread; a window should forward it through a queued signal.
"""

from __future__ import annotations

import os
import re
import signal
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Protocol

from gui.engine.pipeline import Pipeline
from gui.engine.profile import Profile, profile_from_toml
from gui.engine.rule import RuleTimeoutWarning
from gui.io.datasets import RecordError
from gui.workflow import processes
from gui.workflow.review import SAVED, SKIP, DatasetReview

CHUNK_RECORDS = 16
CHUNKS_PER_WORKER = 3


@dataclass(frozen=True)
class BatchProgress:
    """After each record: `done` of `total` pending records handled in this run."""

    done: int
    total: int
    saved: int
    skipped: int
    elapsed: float
    key: str = ""

    @property
    def rate(self) -> float:
        """Records per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the rate so far; None before the first record."""
        if self.done == 0 or self.elapsed <= 0:
            return None
        return (self.total - self.done) / self.rate


@dataclass(frozen=True)
class BatchResult:
    total: int
    done: int
    saved: int
    skipped: int
    duplicates: int
    cancelled: bool
    elapsed: float
    already_done: int = 0

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0


class Engine(Protocol):
    """Where records are normalized (`gui.workflow.distributed.dask_engine`): results in order.

    `results` yields `(index, raw, normalized, problem, timed_out)` for every
    pending index, in the order given; the batch saves each as it comes.
    """

    def results(
        self, review: DatasetReview, pending: list[int], profile: Profile
    ) -> Iterator[Result]: ...


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def run_batch(
    review: DatasetReview,
    profile: Profile,
    *,
    jobs: int | None = None,
    progress: Callable[[BatchProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    chunk_records: int = CHUNK_RECORDS,
    command: str | None = None,
    allow_mixed_profiles: bool = False,
    keep_timed_out: bool = False,
    engine: Engine | None = None,
) -> BatchResult:
    """Normalize and save every pending record; see the module notes.

    `engine`: normalize elsewhere (a Dask cluster) instead of `jobs` local processes.

    Holds the corpus's writer lock for the run (CorpusLocked names another
    holder); `command` is what the lock file says the holder is running.
    """
    jobs = default_jobs() if not jobs or jobs < 1 else jobs
    started = time.perf_counter()
    corpus = review.corpus
    corpus.open_for_writing(command=command)  # one writer; group commit until close
    try:
        review.reload()  # what other writers finished before we got the lock
        return _run_locked(
            review,
            profile,
            jobs,
            progress,
            should_stop,
            chunk_records,
            started,
            {"allow_mixed_profiles": allow_mixed_profiles},
            keep_timed_out,
            engine,
        )
    finally:
        corpus.close()  # the last group is made durable here, on cancel too


def _run_locked(
    review: DatasetReview,
    profile: Profile,
    jobs: int,
    progress: Callable[[BatchProgress], None] | None,
    should_stop: Callable[[], bool] | None,
    chunk_records: int,
    started: float,
    options: dict,
    keep_timed_out: bool,
    engine: Engine | None,
) -> BatchResult:
    already = review.counts().reviewed
    pending = list(review.pending_indices())  # ints only: 8 bytes a record
    total = len(pending)
    saved = skipped = duplicates = done = 0
    cancelled = False
    chunks = _chunks(review, pending, chunk_records)
    local = jobs == 1 or total <= chunk_records
    results = _in_process(chunks, profile) if local and engine is None else None
    pool: _Workers | None = None
    if engine is not None:
        results = engine.results(review, pending, profile)
    elif results is None:
        pool = _Workers(min(jobs, -(-total // chunk_records)), profile)
        results = _in_workers(pool.executor, chunks, jobs * CHUNKS_PER_WORKER, profile)
    try:
        for index, raw, normalized, problem, timed_out in results:
            if problem is not None:
                status = review.skip(index, problem)
            elif timed_out and not keep_timed_out:
                status = review.skip(index, timed_out)
            else:
                details = {"timed_out": timed_out} if timed_out else {}
                replaced = raw.count("\ufffd")  # invalid input bytes decoded as U+FFFD
                if replaced:
                    details["replacement_chars"] = replaced
                status = review.save(
                    index, raw, normalized, profile, on_duplicate=SKIP, details=details, **options
                )
            done += 1
            if status.state == SAVED:
                saved += 1
            else:
                skipped += 1
                duplicates += status.reason.startswith("duplicate of ")
            if progress is not None:
                elapsed = time.perf_counter() - started
                key = review.dataset.key(index)
                progress(BatchProgress(done, total, saved, skipped, elapsed, key))
            if should_stop is not None and should_stop() and done < total:
                cancelled = True
                break
    finally:
        results.close()
        if pool is not None:
            pool.shutdown()
    return BatchResult(
        total=total,
        done=done,
        saved=saved,
        skipped=skipped,
        duplicates=duplicates,
        cancelled=cancelled,
        elapsed=time.perf_counter() - started,
        already_done=already,
    )


Item = tuple[int, str, str | None]  # index, raw text, problem reading it
Result = tuple[int, str, str, str | None, str]  # index, raw, normalized, problem, timed out
Outcome = tuple[str, str | None, str]  # normalized, problem, timed-out reason ("" if none)


def read_items(review: DatasetReview, indices: list[int]) -> list[Item]:
    """The raw text of each record (or why it cannot be read), to send to a worker."""
    dataset = review.dataset
    items: list[Item] = []
    for index in indices:
        try:
            items.append((index, dataset.text(index), None))
        except RecordError as error:
            items.append((index, "", str(error)))
    return items


def _chunks(review: DatasetReview, pending: list[int], size: int) -> Iterator[list[Item]]:
    dataset = review.dataset
    chunk: list[Item] = []
    for index in pending:
        try:
            chunk.append((index, dataset.text(index), None))
        except RecordError as error:
            chunk.append((index, "", str(error)))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_process(chunks: Iterator[list[Item]], profile: Profile) -> Iterator[Result]:
    pipeline = Pipeline(profile)
    for chunk in chunks:
        for (index, raw, problem), (normalized, failure, timed_out) in zip(
            chunk, normalize_items(pipeline, chunk), strict=True
        ):
            yield index, raw, normalized, problem or failure, timed_out


def _in_workers(
    pool: ProcessPoolExecutor, chunks: Iterator[list[Item]], limit: int, profile: Profile
) -> Iterator[Result]:
    """Results in dataset order from the workers; this process helps while they start.

    Starting the pool (forkserver, imports) takes about a second, which on a
    few thousand records is most of the gain: until the first worker result
    is in, this process normalizes the chunk at the head itself and drops the
    worker's copy (normalizing is pure, so both give the same text).
    """
    in_flight: deque[tuple[list[Item], Future]] = deque()
    local: Pipeline | None = Pipeline(profile)

    def fill() -> None:
        while len(in_flight) < limit:
            chunk = next(chunks, None)
            if chunk is None:
                return
            in_flight.append((chunk, pool.submit(_normalize_chunk, chunk)))

    fill()
    try:
        while in_flight:
            chunk, future = in_flight.popleft()
            if local is not None and not future.done():
                future.cancel()  # if it already runs, its result is simply not used
                outcomes = normalize_items(local, chunk)
            else:
                outcomes = future.result()
                local = None  # the workers are up: from now on they normalize
            fill()  # keep the workers busy while this process writes
            for (index, raw, problem), (normalized, failure, timed_out) in zip(
                chunk, outcomes, strict=True
            ):
                yield index, raw, normalized, problem or failure, timed_out
    finally:
        for _chunk, future in in_flight:
            future.cancel()


# -- worker processes --------------------------------------------------------------------

_worker_pipeline: Pipeline | None = None


class _Workers:
    """A process pool whose workers exit when this process dies, even by SIGKILL.

    Idle pool workers wait on their task queue forever; if the parent is
    killed they would linger. Each worker watches a pipe whose only writing
    end this process holds: the kernel closes it when this process ends, the
    worker reads EOF and exits.
    """

    def __init__(self, workers: int, profile: Profile) -> None:
        # Preload this module (and so the engine), not the caller's __main__.
        context = processes.context(preload=[__name__])
        self._alive_reader, self._alive_writer = context.Pipe(duplex=False)
        self.executor = ProcessPoolExecutor(
            max_workers=max(1, workers),
            mp_context=context,
            initializer=_init_worker,
            initargs=(profile.to_toml(), profile.name, self._alive_reader),
        )

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self._alive_writer.close()
        self._alive_reader.close()


def _init_worker(profile_toml: str, name: str, parent_alive: Connection) -> None:
    global _worker_pipeline
    processes.child_started(parent_alive)
    # SIGTERM (sent to the whole group, say) is the parent's to handle, like Ctrl+C.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _worker_pipeline = Pipeline(profile_from_toml(profile_toml, f"profile {name!r}"))


def _normalize_chunk(chunk: list[Item]) -> list[Outcome]:
    assert _worker_pipeline is not None
    return normalize_items(_worker_pipeline, chunk)


_QUOTED = re.compile(r"“([^”]*)”")


def normalize_items(pipeline: Pipeline, chunk: list[Item]) -> list[Outcome]:
    """Each item's normalized text, or why not (a rule failed or timed out); pure."""
    out: list[Outcome] = []
    for _index, raw, problem in chunk:
        if problem is not None:
            out.append(("", None, ""))
            continue
        try:
            # A rule out of time passes its input through: the text would depend on load.
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", RuleTimeoutWarning)
                normalized = pipeline.run(raw)
        except Exception as error:  # a rule bug must not lose the whole run
            out.append(("", f"normalization failed: {type(error).__name__}: {error}", ""))
            continue
        out.append((normalized, None, _timed_out(caught)))
    return out


def _timed_out(caught: list[warnings.WarningMessage]) -> str:
    for warning in caught:
        if issubclass(warning.category, RuleTimeoutWarning):
            found = _QUOTED.search(str(warning.message))
            return f'rule "{found.group(1) if found else "protect"}" timed out'
    return ""
