"""Normalize many texts at once, in this process or in a pool of worker processes.

    >>> from gui.engine import normalize_many
    >>> normalize_many(["Covid19 hit", "U.S. [sic]"], "wordopt")
    [' hit', 'u s  ']

`jobs=1` (the default) runs here, through the cached pipeline. With more jobs
the texts go to worker processes in chunks, a bounded number in flight, and
come back in order: the output is the same list whatever `jobs` is. Workers
start with `forkserver` (`spawn` where it is missing), which is safe from a
program with threads (a notebook, a window) and does not re-run the caller's
script; each compiles the profile once. Starting workers costs a fraction of
a second, so a few texts are normalized here whatever `jobs` says.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from gui.engine.cache import ProfileSpec, cached_pipeline
from gui.engine.pipeline import Pipeline
from gui.engine.presets import DEFAULT_PRESET

CHUNK_TEXTS = 64
CHUNKS_PER_WORKER = 3


def normalize_many(
    texts: Iterable[str],
    profile: ProfileSpec = DEFAULT_PRESET,
    *,
    jobs: int | None = 1,
    chunksize: int = CHUNK_TEXTS,
) -> list[str]:
    """Each text normalized with the profile, in order.

    `jobs`: worker processes; 1 runs in this process, 0 or None uses every
    core. `chunksize`: texts sent to a worker at a time. Raises `TypeError`
    naming the position of an item that is not a `str` (a missing value in a
    pandas column is a float: `fillna("")` first), `ProfileError` for a bad
    profile, before any work is done.
    """
    pipeline = cached_pipeline(profile)
    jobs = available_cores() if not jobs or jobs < 1 else jobs
    chunks = _chunks(texts, max(1, chunksize))
    first = next(chunks, None)
    if first is None:
        return []
    second = next(chunks, None) if jobs > 1 else None
    if second is None:
        out = _run_chunk(pipeline, first)
        for chunk in chunks:
            out.extend(_run_chunk(pipeline, chunk))
        return out
    return _in_workers(pipeline, jobs, _prepend((first, second), chunks))


def available_cores() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _chunks(texts: Iterable[str], size: int) -> Iterator[tuple[int, list[str]]]:
    """(position of the first text, texts) chunks, each text checked to be a str."""
    iterator = iter(texts)
    position = 0
    while chunk := list(islice(iterator, size)):
        for offset, text in enumerate(chunk):
            if not isinstance(text, str):
                where = position + offset
                raise TypeError(f"texts[{where}]: expected str, not {type(text).__name__}")
        yield position, chunk
        position += len(chunk)


def _prepend(first: tuple, rest: Iterator) -> Iterator:
    yield from first
    yield from rest


def _run_chunk(pipeline: Pipeline, chunk: tuple[int, list[str]]) -> list[str]:
    run = pipeline.run
    return [run(text) for text in chunk[1]]


def _in_workers(
    pipeline: Pipeline, jobs: int, chunks: Iterator[tuple[int, list[str]]]
) -> list[str]:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        # Preload the engine, not the caller's __main__ (a script without a main guard).
        context.set_forkserver_preload(["gui.engine.many"])
    executor = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(pipeline,)
    )
    in_flight: deque[Future[list[str]]] = deque()
    out: list[str] = []
    try:
        for chunk in chunks:
            in_flight.append(executor.submit(_work, chunk[1]))
            if len(in_flight) >= jobs * CHUNKS_PER_WORKER:
                out.extend(in_flight.popleft().result())
        while in_flight:
            out.extend(in_flight.popleft().result())
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return out


_worker_pipeline: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    # The pipeline arrives as its profile and is compiled here (Pipeline.__reduce__).
    global _worker_pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the caller's to handle
    _worker_pipeline = pipeline


def _work(texts: list[str]) -> list[str]:
    assert _worker_pipeline is not None, "worker used before its initializer ran"
    run = _worker_pipeline.run
    return [run(text) for text in texts]
