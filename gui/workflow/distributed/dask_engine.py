"""`textwash clean --engine dask`: workers of a Dask cluster normalize, this process writes.

    >>> with DaskEngine(workers=2) as engine:                   # doctest: +SKIP
    ...     run_batch(review, profile, engine=engine)

The dataset is cut into partitions of `partition_records` records by
position (partition k holds records k*N ... k*N+N-1), whatever the number of
workers, so a run on 1 or 20 workers makes the same partitions. This process
reads each partition's raw texts and submits it with the compiled `Pipeline`
(scattered to every worker once; it pickles); a worker returns the
normalized texts. Results are saved in dataset order through the same
`DatasetReview.save` as the local run (duplicates, empty texts, timed-out
rules: the same rules), so the documents and the manifest are the same as a
local run's, and each partition ends its shard (`CorpusStore.end_shard`):
one JSONL or Parquet shard per partition. Only this process writes the
corpus, so the workers need no access to it (nor to the dataset: texts are
sent to them).

Resume: the manifest records each record as it is saved; a rerun submits
only partitions that still have pending records, so completed partitions
are skipped, and a partition interrupted midway continues with what is left.
A bounded number of partitions is in flight (`IN_FLIGHT_PER_WORKER` per
worker), so memory stays flat whatever the dataset size.

`scheduler` connects to an existing cluster (`tcp://host:8786`); without
one a `LocalCluster` of `workers` processes (one thread each) is started for
the run and shut down after. Needs `pip install 'textwash[dask]'`.
"""

from __future__ import annotations

import itertools
import pickle
from collections import deque
from collections.abc import Iterator
from typing import Any

from gui.engine.pipeline import Pipeline
from gui.engine.profile import Profile
from gui.workflow.batch import default_jobs
from gui.workflow.batch_records import Item, Normalized, Result, normalize_items, read_items
from gui.workflow.distributed import EngineError
from gui.workflow.review import DatasetReview

PARTITION_RECORDS = 1000
IN_FLIGHT_PER_WORKER = 2
MISSING = "--engine dask needs Dask: pip install 'textwash[dask]'"


def normalize_partition(pipeline: Pipeline, items: bytes) -> list[Normalized]:
    """Run on a worker: the normalized text of each item (pure: the same on any worker).

    `items` arrive pickled: Dask walks a task's arguments looking for other
    tasks, which for a list of 1,000 tuples costs more than normalizing them.
    """
    return normalize_items(pipeline, pickle.loads(items))


def partitions(pending: list[int], size: int) -> Iterator[list[int]]:
    """Pending indices grouped by the fixed partition they fall in (k*size ... k*size+size-1)."""
    for _number, group in itertools.groupby(pending, key=lambda index: index // size):
        yield list(group)


class DaskEngine:
    """A Dask client for one `textwash clean` run; a context manager (it starts and stops)."""

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int | None = None,
        *,
        partition_records: int = PARTITION_RECORDS,
        processes: bool = True,
    ) -> None:
        self.scheduler = scheduler
        self.workers = workers or default_jobs()
        self.partition_records = partition_records
        self.processes = processes
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> DaskEngine:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise EngineError(MISSING) from None
        try:
            if self.scheduler:
                self._client = Client(self.scheduler, timeout="10s")
            else:
                self._cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=self.processes,
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)
        except (OSError, TimeoutError) as error:
            self.__exit__()
            where = self.scheduler or "a local cluster"
            raise EngineError(f"cannot connect to the Dask scheduler at {where}: {error}") from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    @property
    def worker_count(self) -> int:
        info = self._client.scheduler_info() if self._client is not None else {}
        return max(1, len(info.get("workers", {})))

    def results(
        self, review: DatasetReview, pending: list[int], profile: Profile
    ) -> Iterator[Result]:
        """Results in dataset order; each partition's last record ends its shard."""
        client = self._client
        assert client is not None, "use DaskEngine as a context manager"
        pipeline = client.scatter(Pipeline(profile), broadcast=True, hash=False)
        parts = partitions(pending, self.partition_records)
        limit = IN_FLIGHT_PER_WORKER * self.worker_count
        in_flight: deque[tuple[list[Item], Any]] = deque()

        def fill() -> None:
            while len(in_flight) < limit:
                indices = next(parts, None)
                if indices is None:
                    return
                items = read_items(review, indices)
                packed = pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
                future = client.submit(normalize_partition, pipeline, packed, pure=False)
                in_flight.append((items, future))

        fill()
        try:
            while in_flight:
                items, future = in_flight.popleft()
                outcomes = future.result()
                fill()  # keep the workers busy while this process writes
                for (index, raw, problem), (normalized, failure, timed_out) in zip(
                    items, outcomes, strict=True
                ):
                    yield index, raw, normalized, problem or failure, timed_out
                review.corpus.end_shard()  # one shard per partition
        finally:
            for _items, future in in_flight:
                future.cancel()
