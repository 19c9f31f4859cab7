"""Apply a profile to every pending record: the window's Apply to all, `textwash clean`.

    >>> review = DatasetReview(open_dataset("True.csv"), "corpus/")     # doctest: +SKIP
    >>> result = run_batch(review, profile, jobs=None, progress=print, should_stop=event.is_set)

Records are saved in dataset order through `DatasetReview.save` with
`on_duplicate="skip"`: a record whose normalized text is already in the corpus
is recorded as skipped, reason "duplicate of FILE", instead of stopping the
run (a batch has nobody to ask). A record that cannot be read (a binary file
in a folder) or that a rule fails on is recorded as skipped with the reason.

Parallel mode (`jobs` > 1; default `default_jobs()`): worker processes read,
normalize, hash, name and write each document into a temporary file
(`batch_prepare`); this process decides duplicates and names, links each
file to its name and writes the manifest, in dataset order, so the corpus is
byte-identical whatever `jobs` is. Record indices are sent in chunks with a
bounded number in flight, so memory stays flat whatever the dataset size.
Workers are started with `forkserver` (`spawn` where it is missing), which
is safe from a thread of a Qt program.

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

import contextlib
import os
import pickle
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Protocol

from gui.engine.profile import Profile, profile_from_toml
from gui.io.corpus.files import create_temp
from gui.io.datasets import Dataset
from gui.workflow import processes
from gui.workflow.batch_prepare import Outcome, Preparer, discard_temps, with_temps
from gui.workflow.batch_records import Result, as_outcomes
from gui.workflow.review import SAVED, SKIP, TXT, DatasetReview

CHUNK_RECORDS = 64  # fewer, larger tasks: each submit wakes the pool's manager thread
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


def cores() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def default_jobs() -> int:
    """All the cores, from three up; one process (and its writing thread) on one or two.

    Measured on a 2-core machine (tests/benchmarks/batch_throughput.py):
    two workers plus the writing process oversubscribe the cores, and
    starting the pool costs about a second of CPU, so `--jobs 2` was no
    faster than `--jobs 1` for txt and slower for JSONL; the default must not
    be the slower one.
    """
    available = cores()
    return available if available >= 3 else 1


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
    folder = review.corpus.path
    chunks = (pending[at : at + chunk_records] for at in range(0, total, chunk_records))
    local = Preparer(profile, review.dataset, review.output_format)
    pool: _Workers | None = None
    # Only .txt documents are written ahead into temporary files (by workers).
    temps = folder if review.output_format == TXT else None
    results: Generator[Outcome, None, None]
    if engine is not None:
        results = as_outcomes(review, engine.results(review, pending, profile))
    elif jobs == 1 or total <= chunk_records:
        results = _in_process(chunks, local, temps)
    else:
        pool = _Workers(min(jobs, -(-total // chunk_records)), profile, review)
        results = _in_workers(pool, chunks, jobs * CHUNKS_PER_WORKER, local, folder)
    try:
        for index, prepared, stem, problem, timed_out, replaced in results:
            if prepared is None or (timed_out and not keep_timed_out):
                if prepared is not None:
                    discard_temps(folder, [(index, prepared, stem, None, "", 0)])
                status = review.skip(index, problem or timed_out)
            else:
                details: dict = {"timed_out": timed_out} if timed_out else {}
                if replaced:  # invalid input bytes decoded as U+FFFD
                    details["replacement_chars"] = replaced
                status = review.save_prepared(
                    index, prepared, profile, stem, on_duplicate=SKIP, details=details, **options
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
        results.close()  # removes the temporary files of what was not saved
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


def _in_process(
    chunks: Iterator[list[int]], preparer: Preparer, folder: Path | None
) -> Generator[Outcome]:
    """Outcomes in order; with `folder`, a thread writes each chunk's temporary files.

    Creating a file is kernel time without the GIL: while the thread writes
    chunk k's documents, this thread prepares chunk k+1 and saves chunk k-1.
    """
    if folder is None:
        for chunk in chunks:
            yield from preparer.prepare(chunk)
        return
    outcomes: list[Outcome] = []
    given = 0
    in_flight: deque[Future] = deque()
    with ThreadPoolExecutor(1, thread_name_prefix="textwash-documents") as writer:
        try:
            for chunk in chunks:
                in_flight.append(writer.submit(with_temps, folder, preparer.prepare(chunk)))
                if len(in_flight) < 2:
                    continue
                outcomes, given = in_flight.popleft().result(), 0
                for given, outcome in enumerate(outcomes, 1):  # noqa: B007 (read in finally)
                    yield outcome
            while in_flight:
                outcomes, given = in_flight.popleft().result(), 0
                for given, outcome in enumerate(outcomes, 1):  # noqa: B007
                    yield outcome
        finally:
            discard_temps(folder, outcomes[given:])
            for future in in_flight:
                discard_temps(folder, future.result())


def _in_workers(
    pool: _Workers,
    chunks: Iterator[list[int]],
    limit: int,
    local: Preparer,
    folder: Path,
) -> Generator[Outcome]:
    """Outcomes in dataset order from the workers; this process helps while they start.

    Starting the pool (forkserver, imports) takes about a second, which on a
    few thousand records is most of the gain: until the first worker result
    is in, this process prepares the chunk at the head itself and drops the
    worker's copy (preparing is pure, so both give the same text; the copy's
    temporary files are removed when it finishes).
    """
    in_flight: deque[Future] = deque()
    helping = True

    def fill() -> None:
        while len(in_flight) < limit:
            chunk = next(chunks, None)
            if chunk is None:
                return
            in_flight.append(pool.submit(chunk))
            in_flight[-1].chunk = chunk  # type: ignore[attr-defined]

    def drop(future: Future) -> None:
        if not future.cancel():  # already running: remove its files when it is done
            future.add_done_callback(lambda done: _discard_result(folder, done))

    fill()
    outcomes: list[Outcome] = []
    given = 0
    try:
        while in_flight:
            future = in_flight.popleft()
            if helping and not future.done():
                drop(future)
                outcomes = local.prepare(future.chunk)  # type: ignore[attr-defined]
            else:
                outcomes = future.result()
                helping = False  # the workers are up: from now on they prepare
            given = 0
            fill()  # keep the workers busy while this process writes
            for outcome in outcomes:
                given += 1
                yield outcome
            outcomes = []
    finally:
        discard_temps(folder, outcomes[given:])  # the rest of the chunk in hand
        for future in in_flight:
            drop(future)


def _discard_result(folder: Path, future: Future) -> None:
    if not future.cancelled() and future.exception() is None:
        discard_temps(folder, future.result())


# -- worker processes --------------------------------------------------------------------

_worker: Preparer | None = None


class _Workers:
    """A process pool whose workers exit when this process dies, even by SIGKILL.

    Idle pool workers wait on their task queue forever; if the parent is
    killed they would linger. Each worker watches a pipe whose only writing
    end this process holds: the kernel closes it when this process ends, the
    worker reads EOF and exits. Each worker gets the profile, the dataset
    (its index; it opens the file itself) and the corpus folder for its
    temporary files.

    The dataset's index goes through a temporary file, not the start-up
    arguments: those are written into a pipe while the worker starts, and
    anything over the pipe's 64 KB blocks this process until the worker is
    up (about 0.2 s a worker on a busy machine) instead of preparing records.
    """

    def __init__(self, workers: int, profile: Profile, review: DatasetReview) -> None:
        # Preload this module (and so the engine), not the caller's __main__.
        context = processes.context(preload=[__name__])
        self._alive_reader, self._alive_writer = context.Pipe(duplex=False)
        setup = (review.dataset, review.output_format, str(review.corpus.path))
        # In the corpus folder, named as its temporary files: one a kill leaves is removed
        # when the corpus is next opened.
        fd, path = create_temp(review.corpus.path, "batch-setup")
        self._setup = str(path)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(setup, handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.executor = ProcessPoolExecutor(
            max_workers=max(1, workers),
            mp_context=context,
            initializer=_init_worker,
            initargs=(profile.to_toml(), profile.name, self._alive_reader, self._setup),
        )

    def submit(self, chunk: list[int]) -> Future:
        """A worker prepares `chunk`; BrokenProcessPool if the one it starts cannot."""
        try:
            return self.executor.submit(_prepare_chunk, chunk)
        except (EOFError, ConnectionError) as error:  # the fork server went mid-start
            raise BrokenProcessPool(f"a worker process could not start: {error!r}") from error

    def shutdown(self) -> None:
        try:
            self.executor.shutdown(wait=True, cancel_futures=True)
        finally:
            self._alive_writer.close()
            self._alive_reader.close()
            with contextlib.suppress(OSError):
                os.unlink(self._setup)


def _init_worker(profile_toml: str, name: str, parent_alive: Connection, setup_file: str) -> None:
    global _worker
    # SIGTERM (sent to the whole group, say) is the parent's to handle, like Ctrl+C.
    processes.child_started(parent_alive, ignore=(signal.SIGINT, signal.SIGTERM))
    with open(setup_file, "rb") as handle:
        setup: tuple[Dataset, str, str] = pickle.load(handle)  # written by our parent
    dataset, output_format, folder = setup
    profile = profile_from_toml(profile_toml, f"profile {name!r}")
    _worker = Preparer(profile, dataset, output_format, Path(folder))


def _prepare_chunk(chunk: list[int]) -> list[Outcome]:
    assert _worker is not None
    return _worker.prepare(chunk)
