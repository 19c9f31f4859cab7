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

Cancel is cooperative: `should_stop()` is checked after each record; the run
stops after the record in hand, everything saved so far is in the manifest,
and work already sent to workers is dropped (it is redone on resume).
Progress (`BatchProgress`) is reported after every record from the calling
thread; a window should forward it through a queued signal.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection

from gui.engine.pipeline import Pipeline
from gui.engine.profile import Profile, profile_from_toml
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
) -> BatchResult:
    """Normalize and save every pending record; see the module notes."""
    jobs = default_jobs() if not jobs or jobs < 1 else jobs
    started = time.perf_counter()
    already = review.counts().reviewed
    pending = list(review.pending_indices())  # ints only: 8 bytes a record
    total = len(pending)
    saved = skipped = duplicates = done = 0
    cancelled = False

    chunks = _chunks(review, pending, chunk_records)
    results = _in_process(chunks, profile) if jobs == 1 or total <= chunk_records else None
    pool: _Workers | None = None
    if results is None:
        pool = _Workers(min(jobs, -(-total // chunk_records)), profile)
        results = _in_workers(pool.executor, chunks, jobs * CHUNKS_PER_WORKER)
    try:
        for index, raw, normalized, problem in results:
            if problem is not None:
                status = review.skip(index, problem)
            else:
                status = review.save(index, raw, normalized, profile, on_duplicate=SKIP)
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


_Item = tuple[int, str, str | None]  # index, raw text, problem reading it
_Result = tuple[int, str, str, str | None]  # index, raw, normalized, problem


def _chunks(review: DatasetReview, pending: list[int], size: int) -> Iterator[list[_Item]]:
    dataset = review.dataset
    chunk: list[_Item] = []
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


def _in_process(chunks: Iterator[list[_Item]], profile: Profile) -> Iterator[_Result]:
    pipeline = Pipeline(profile)
    for chunk in chunks:
        for (index, raw, problem), (normalized, failure) in zip(
            chunk, _normalize_with(pipeline, chunk), strict=True
        ):
            yield index, raw, normalized, problem or failure


def _in_workers(
    pool: ProcessPoolExecutor, chunks: Iterator[list[_Item]], limit: int
) -> Iterator[_Result]:
    in_flight: deque[tuple[list[_Item], Future]] = deque()

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
            outcomes = future.result()
            fill()  # keep the workers busy while this process writes
            for (index, raw, problem), (normalized, failure) in zip(chunk, outcomes, strict=True):
                yield index, raw, normalized, problem or failure
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
    _worker_pipeline = Pipeline(profile_from_toml(profile_toml, f"profile {name!r}"))


def _normalize_chunk(chunk: list[_Item]) -> list[tuple[str, str | None]]:
    assert _worker_pipeline is not None
    return _normalize_with(_worker_pipeline, chunk)


def _normalize_with(pipeline: Pipeline, chunk: list[_Item]) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for _index, raw, problem in chunk:
        if problem is not None:
            out.append(("", None))
            continue
        try:
            out.append((pipeline.run(raw), None))
        except Exception as error:  # a rule bug must not lose the whole run
            out.append(("", f"normalization failed: {type(error).__name__}: {error}"))
    return out
