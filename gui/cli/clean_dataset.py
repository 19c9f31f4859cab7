"""Headless `textwash clean`: apply a profile to a whole dataset, into a corpus folder.

`gui/cli/dispatch.py` sends `textwash clean` here when its inputs are datasets
(`gui.io.datasets.is_dataset_path`: .csv, .tsv/.tab, .jsonl/.ndjson/.json, also
.gz/.zst compressed, .parquet, or a folder). Several datasets are one run.
Qt-free, like the engine.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import signal
import sys
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TextIO

from gui.engine.presets import DEFAULT_PRESET, resolve_profile
from gui.engine.profile import ProfileError
from gui.io.corpus import CorpusError, CorpusStore
from gui.io.datasets import Dataset, DatasetError, open_dataset
from gui.workflow.batch import BatchProgress, BatchResult, default_jobs, run_batch
from gui.workflow.distributed import EngineError
from gui.workflow.review import OUTPUT_FORMATS, TXT, DatasetReview

PARTITION_RECORDS = 1000  # gui.workflow.distributed.dask_engine's (not imported: Dask is slow)
LOCAL = "local"
DASK = "dask"
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_CANCELLED = 130
EXIT_TERMINATED = 143


def add_clean_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the options `run_dataset_clean` reads (see its docstring)."""
    parser.add_argument(
        "dataset",
        nargs="+",
        metavar="DATASET",
        help="a .csv/.tsv/.jsonl file (also .gz/.zst compressed), a .parquet file or a "
        "folder of .txt files; several, or a quoted glob ('data/*.csv.gz'), are one run",
    )
    parser.add_argument(
        "--column",
        "--field",
        dest="column",
        default=None,
        help="the CSV/TSV column or JSONL field that holds the text (default: text)",
    )
    parser.add_argument(
        "--out",
        "-o",
        required=True,
        metavar="CORPUS",
        help="the corpus folder (created if missing; manifest.jsonl inside)",
    )
    parser.add_argument(
        "--profile",
        "-p",
        default=DEFAULT_PRESET,
        help=f"a preset name or a profile .toml file (default: {DEFAULT_PRESET})",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=0,
        metavar="N",
        help=f"worker processes (default: all cores from 3 up, else 1; {default_jobs()} here)",
    )
    parser.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        default=TXT,
        help="txt: one file per record (default); jsonl: corpus-00000.jsonl, ... "
        "one {id, text} a line; parquet: corpus-00000.parquet, ... (pyarrow: "
        "pip install 'textwash[parquet]')",
    )
    parser.add_argument(
        "--allow-mixed-profiles",
        action="store_true",
        help="save with a profile other than the one the corpus was made with "
        "(recorded in corpus.toml beside the first)",
    )
    parser.add_argument(
        "--keep-timed-out",
        action="store_true",
        help="save records on which a rule ran out of time (their text depends on the "
        "machine's load; noted in the manifest) instead of skipping them",
    )
    parser.add_argument(
        "--engine",
        choices=(LOCAL, DASK),
        default=LOCAL,
        help="local: worker processes on this machine (default); dask: a Dask cluster "
        "(pip install 'textwash[dask]'), one shard per partition",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="with --engine dask: the scheduler of an existing cluster (tcp://host:8786)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="with --engine dask and no --scheduler: a local cluster of N worker "
        "processes (default: all cores)",
    )
    parser.add_argument(
        "--partition-records",
        type=int,
        default=PARTITION_RECORDS,
        metavar="N",
        help=f"with --engine dask: records per partition, and so per shard "
        f"(default: {PARTITION_RECORDS}; keep it the same to resume a run)",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="no progress, only errors and the summary"
    )


def run_dataset_clean(
    args: argparse.Namespace, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run `textwash clean` with parsed arguments; returns the exit status.

    Expected attributes of `args` (what `add_clean_arguments` registers):

    - `dataset` (list of str, or one str): datasets (.csv/.tsv/.jsonl, also
      .gz/.zst, .parquet, folders) or globs, done one after the other in one run;
    - `column` (str | None): the text column / JSONL field; None picks `text`
      (`--column`, alias `--field`);
    - `out` (str): the corpus folder, created if missing (`--out`, required);
    - `profile` (str): a preset name or a profile file path
      (`--profile`, default `wordopt`);
    - `jobs` (int | None): worker processes; 0 or None means `default_jobs()`
      (`--jobs`, default 0);
    - `format` (str): `txt` or `jsonl` (`--format`, default `txt`);
    - `quiet` (bool, optional): no progress output (`--quiet`/`-q`);
    - `allow_mixed_profiles`, `keep_timed_out` (bool, optional);
    - `engine` (`local` or `dask`), `scheduler` (str | None), `workers` (int | None):
      `--engine dask` normalizes on a Dask cluster (gui/workflow/distributed).

    Records already in the corpus manifest for this dataset are skipped, so
    running the same command again resumes. Progress goes to stderr: a bar
    redrawn in place on a terminal, a plain line every 10% otherwise. The
    summary goes to stdout. Ctrl+C stops cleanly after the record in hand.

    The corpus folder is locked for the run: a second writer is refused with
    the holder's pid, host, command and start time. A corpus made with another
    profile is refused unless `--allow-mixed-profiles`.

    Exit status: 0 done; 1 the dataset, profile or corpus folder cannot be
    used (message on stderr, nothing written) or the corpus became unwritable
    (disk full, folder removed); 130 interrupted with Ctrl+C, 143 stopped by
    SIGTERM (everything saved so far is durable; run again to resume).
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    datasets: list[Dataset] = []
    if getattr(args, "engine", LOCAL) != DASK and (
        getattr(args, "scheduler", None) or getattr(args, "workers", None)
    ):
        print("textwash clean: --scheduler and --workers are for --engine dask", file=err)
        return EXIT_ERROR
    try:
        profile = resolve_profile(args.profile)
        for path in expand_inputs(_inputs(args)):
            datasets.append(open_dataset(path, args.column))
    except (ProfileError, DatasetError) as error:
        print(f"textwash clean: {error}", file=err)
        for dataset in datasets:
            dataset.close()
        return EXIT_ERROR
    corpus_path = Path(args.out)
    try:
        store = CorpusStore(corpus_path)
        output = getattr(args, "format", TXT)
        reviews = [DatasetReview(dataset, store, output_format=output) for dataset in datasets]
        store.open_for_writing(command=_command_line())
    except CorpusError as error:
        print(f"textwash clean: {error}", file=err)
        for dataset in datasets:
            dataset.close()
        return EXIT_ERROR
    for note in [*store.manifest_problems, *store.notes]:
        print(f"textwash clean: {corpus_path}: {note}", file=err)

    stop = _Stop()
    reporter = None if getattr(args, "quiet", False) else ProgressReporter(err)
    restore = _catch_signals(stop)
    results: list[tuple[DatasetReview, BatchResult]] = []
    try:
        with _engine(args) as engine:
            for review in reviews:
                result = run_batch(
                    review,
                    profile,
                    jobs=getattr(args, "jobs", None) or None,
                    progress=reporter,
                    should_stop=stop.is_set,
                    allow_mixed_profiles=getattr(args, "allow_mixed_profiles", False),
                    keep_timed_out=getattr(args, "keep_timed_out", False),
                    engine=engine,
                )
                review.dataset.close()
                if reporter:
                    reporter.finish()
                results.append((review, result))
                if result.cancelled:
                    break
        store.close()
    except (CorpusError, DatasetError, EngineError) as error:
        if reporter:
            reporter.finish()
        print(f"textwash clean: {error}", file=err)
        return EXIT_ERROR
    except BrokenProcessPool:
        if reporter:
            reporter.finish()
        print(
            "textwash clean: a worker process died (killed?); everything saved so far is "
            "in the manifest; run the same command again to resume",
            file=err,
        )
        return EXIT_ERROR
    finally:
        restore()
        with contextlib.suppress(CorpusError):
            store.close()
        for dataset in datasets:
            dataset.close()
    for review, result in results:
        counts = review.counts()
        duplicates = f" ({result.duplicates} duplicates)" if result.duplicates else ""
        print(
            f"{review.dataset.path.name}: saved {result.saved}, skipped {result.skipped}"
            f"{duplicates} of {result.total} pending in {result.elapsed:.1f} s "
            f"({result.rate:.0f} records/s); {counts.reviewed} of {counts.total} done "
            f"in {corpus_path}",
            file=out,
        )
    if results and results[-1][1].cancelled:
        if stop.reason == "SIGTERM":
            print(
                "textwash clean: stopped by SIGTERM; everything saved so far is in the "
                "manifest; run the same command again to resume",
                file=err,
            )
            return EXIT_TERMINATED
        print("textwash clean: interrupted; run the same command again to resume", file=err)
        return EXIT_CANCELLED
    return EXIT_OK


def _inputs(args: argparse.Namespace) -> list[str]:
    value = args.dataset
    return [value] if isinstance(value, str | Path) else list(value)


def expand_inputs(names: list[str]) -> list[str]:
    """Globs expanded (sorted; quoted ones the shell left alone), duplicates dropped."""
    found: list[str] = []
    for name in names:
        matches = sorted(glob.glob(name)) if glob.has_magic(name) else [name]
        if not matches:
            raise DatasetError(f"{name}: no file matches")
        for match in matches:
            if match not in found:
                found.append(match)
    return found


def _engine(args: argparse.Namespace):
    """The Dask engine for `--engine dask`, else nothing (local worker processes)."""
    if getattr(args, "engine", LOCAL) != DASK:
        return contextlib.nullcontext(None)
    from gui.workflow.distributed.dask_engine import DaskEngine

    return DaskEngine(
        args.scheduler,
        getattr(args, "workers", None),
        partition_records=getattr(args, "partition_records", PARTITION_RECORDS),
    )


def _command_line() -> str:
    return " ".join(["textwash", *sys.argv[1:]])[:300]


class ProgressReporter:
    """Progress on stderr: a bar redrawn in place on a terminal, else a line every 10%."""

    WIDTH = 30
    REDRAW_SECONDS = 0.1

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self._last_draw = 0.0
        self._last_tenth = 0
        self._drawn = False

    def __call__(self, p: BatchProgress) -> None:
        if self.tty:
            now = time.monotonic()
            if p.done < p.total and now - self._last_draw < self.REDRAW_SECONDS:
                return
            self._last_draw = now
            filled = self.WIDTH * p.done // max(p.total, 1)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r[{bar}] {_line(p)}\x1b[K")
            self.stream.flush()
            self._drawn = True
            return
        tenth = 10 * p.done // max(p.total, 1)
        if tenth > self._last_tenth or p.done == p.total:
            self._last_tenth = tenth
            self.stream.write(f"clean: {_line(p)}\n")
            self.stream.flush()

    def finish(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False


def _line(p: BatchProgress) -> str:
    percent = 100 * p.done // max(p.total, 1)
    eta = p.eta
    left = f", {_clock(eta)} left" if eta is not None and p.done < p.total else ""
    return f"{p.done}/{p.total} ({percent}%) {p.rate:.0f} records/s{left}"


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class _Stop(threading.Event):
    reason = ""


def _catch_signals(stop: _Stop):
    """Ctrl+C or SIGTERM ask the run to stop cleanly; a second Ctrl+C interrupts at once."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def handler(signum, frame):
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.reason = "SIGTERM" if signum == signal.SIGTERM else "SIGINT"
        stop.set()

    for sig in previous:
        signal.signal(sig, handler)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="textwash clean",
        description="Normalize every pending record of a dataset (CSV, TSV, JSONL or a "
        "folder of .txt files) into a corpus folder; records already in its manifest are "
        "skipped, so an interrupted run resumes.",
    )
    add_clean_arguments(parser)
    return parser
