"""Batch throughput and memory: figures for issues 4 and 9.

    python tests/benchmarks/batch_throughput.py [--copies 40] [--skip-big-run] [--repeat 3]

Measures, each in a fresh subprocess (peak memory is that process's
ru_maxrss, from os.wait4):

0. issue 9: the naive script a user would write instead (csv + the seed
   function from tests/oracle.py + one file per row, no fsync) and
   `textwash clean` for txt and JSONL with --jobs 1 and --jobs 2, in the same
   run: records/s, the ratio to the naive script, and fsyncs per record
   (counted by the store); the median of `--repeat` runs each, since the
   machine is shared;
1. `textwash clean` on the shared ISOT sample with --jobs 1 and with all
   cores: wall time and records per second, output checked against the
   pipeline and between the two runs;
2. a >= 100 MB CSV built in a temporary folder by repeating the sample (each
   copy's texts made distinct, so nothing is skipped as a duplicate): time
   and peak memory to open it (index) and show the first record;
3. `textwash clean` on that CSV: records per second and peak memory.

Prints figures; exits non-zero only when the output is wrong. Not a pytest
module (the file name does not start with `test_`); nothing is written to
the checkout.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO.parent / "shared" / "corpora" / "isot_true_sample.csv"
sys.path.insert(0, str(REPO))

from gui.engine.pipeline import Pipeline  # noqa: E402
from gui.engine.presets import load_preset  # noqa: E402
from gui.io.corpus import sha256_text  # noqa: E402
from gui.workflow.batch import cores as all_cores  # noqa: E402

OPEN_SCRIPT = """
import json, sys, time
began = time.perf_counter()
from gui.io.datasets import open_dataset
dataset = open_dataset(sys.argv[1])
indexed = time.perf_counter()
first = dataset.info(0), dataset.text(0)
shown = time.perf_counter()
print(json.dumps({"records": len(dataset), "index_s": indexed - began,
                  "first_record_s": shown - began}))
"""


NAIVE_SCRIPT = """
import csv, sys
from pathlib import Path
from tests.oracle import wordopt
out = Path(sys.argv[2])
out.mkdir()
with open(sys.argv[1], newline="", encoding="utf-8") as handle:
    for n, row in enumerate(csv.DictReader(handle)):
        (out / f"{n}.txt").write_text(wordopt(row["text"]), encoding="utf-8")
"""

COUNTED_CLEAN = """
import sys
import gui.io.corpus.files as files
from gui.cli.dispatch import main
code = main(sys.argv[1:])
print(f"FSYNCS {files.FSYNC_CALLS}", file=sys.stderr)
sys.exit(code)
"""


def throughput(work: Path, repeat: int, copies: int) -> None:
    """Issue 9's table: naive script vs textwash clean, txt/JSONL, --jobs 1/2."""
    dataset = work / "throughput.csv"
    records = build_big_csv(dataset, copies)

    def best(make_args) -> tuple[float, int]:
        walls, fsyncs = [], 0
        for attempt in range(repeat):
            out = work / f"t-{attempt}-{len(walls)}-{os.getpid()}-{time.monotonic_ns()}"
            result, wall, _peak = run_measured(make_args(out))
            if result.returncode != 0:
                raise SystemExit(f"failed ({result.returncode}): {result.stderr}")
            if "clean" in make_args(out) and f"{records} of {records} done" not in result.stdout:
                raise SystemExit(f"clean did not do every record: {result.stdout}")
            walls.append(wall)
            for line in result.stderr.splitlines():
                if line.startswith("FSYNCS "):
                    fsyncs = int(line.split()[1])
            shutil.rmtree(out, ignore_errors=True)
        return statistics.median(walls), fsyncs

    naive, _ = best(lambda out: [sys.executable, "-c", NAIVE_SCRIPT, str(dataset), str(out)])
    naive_rate = records / naive
    print(
        f"issue 9: {records} records (the sample x{copies}), median of {repeat}, "
        "process start included"
    )
    print(
        f"  naive script (csv + seed function + one file per row, no fsync): "
        f"{naive_rate:.0f} records/s"
    )
    for output in ("txt", "jsonl"):
        for jobs in (1, 2):
            wall, fsyncs = best(
                lambda out, o=output, j=jobs: [
                    sys.executable,
                    "-c",
                    COUNTED_CLEAN,
                    "clean",
                    str(dataset),
                    "--out",
                    str(out),
                    "--format",
                    o,
                    "--jobs",
                    str(j),
                    "--quiet",
                ]
            )
            rate = records / wall
            print(
                f"  textwash clean --format {output} --jobs {jobs}: {rate:.0f} records/s, "
                f"{rate / naive_rate:.2f}x naive, {fsyncs / records:.3f} fsyncs/record"
            )


def run_measured(args: list[str]) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run a command; (result, wall seconds, peak resident MB of that process)."""
    began = time.perf_counter()
    process = subprocess.Popen(
        args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    out = process.stdout.read()
    err = process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    return subprocess.CompletedProcess(args, code, out, err), wall, usage.ru_maxrss / 1024


def clean(dataset: Path, corpus: Path, jobs: int) -> tuple[float, float, str]:
    command = [sys.executable, "-m", "gui", "clean", str(dataset), "--out", str(corpus)]
    result, wall, peak = run_measured([*command, "--jobs", str(jobs), "--quiet"])
    if result.returncode != 0:
        raise SystemExit(f"clean failed ({result.returncode}): {result.stderr}")
    return wall, peak, result.stdout.strip()


def check_corpus(corpus: Path, texts: list[str], pipeline: Pipeline) -> list[str]:
    """Problems: every record saved or skipped as a duplicate, files = pipeline output."""
    problems = []
    entries = [json.loads(line) for line in (corpus / "manifest.jsonl").open(encoding="utf-8")]
    if sorted(int(e["record"]) for e in entries) != list(range(1, len(texts) + 1)):
        problems.append(f"{corpus}: manifest records do not cover the dataset exactly once")
    seen = set()
    for entry in entries:
        expected = pipeline.run(texts[int(entry["record"]) - 1])
        if entry["status"] == "saved":
            actual = (corpus / entry["file"]).read_text(encoding="utf-8")
            if actual != expected:
                problems.append(f"{entry['file']}: not the pipeline's output")
            seen.add(sha256_text(actual))
        elif not entry["reason"].startswith("duplicate of") or sha256_text(expected) not in seen:
            problems.append(f"record {entry['record']}: skipped wrongly ({entry['reason']})")
    if len(list(corpus.glob("*.txt"))) != sum(e["status"] == "saved" for e in entries):
        problems.append(f"{corpus}: files and manifest disagree")
    return problems


def build_big_csv(path: Path, copies: int) -> int:
    with open(SAMPLE, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for copy in range(copies):
            tag = " copy " + "".join(chr(ord("a") + int(d)) for d in str(copy))
            for row in rows:
                writer.writerow({**row, "title": row["title"] + tag, "text": row["text"] + tag})
    return copies * len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=40, help="sample copies in the big CSV")
    parser.add_argument("--skip-big-run", action="store_true", help="only index the big CSV")
    parser.add_argument("--repeat", type=int, default=3, help="runs per issue 9 figure")
    parser.add_argument(
        "--throughput-copies", type=int, default=4, help="sample copies for issue 9's table"
    )
    parser.add_argument("--only-throughput", action="store_true", help="only issue 9's table")
    options = parser.parse_args()
    if not SAMPLE.exists():
        print(f"skipped: {SAMPLE} not found")
        return 0
    pipeline = Pipeline(load_preset("wordopt"))
    with open(SAMPLE, newline="", encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    cores = all_cores()
    problems: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="textwash-bench-"))
    try:
        print(f"ISOT sample: {len(texts)} records, {SAMPLE.stat().st_size / 1e6:.1f} MB")
        throughput(work, options.repeat, options.throughput_copies)
        if options.only_throughput:
            return 0
        corpora = {}
        for jobs in sorted({1, cores}):
            corpus = work / f"isot-jobs{jobs}"
            wall, peak, summary = clean(SAMPLE, corpus, jobs)
            print(
                f"  clean --jobs {jobs}: {wall:.2f} s wall, {len(texts) / wall:.0f} records/s "
                f"(process start included), peak {peak:.0f} MB\n    {summary}"
            )
            problems += check_corpus(corpus, texts, pipeline)
            corpora[jobs] = corpus
        if len(corpora) == 2:
            one, many = corpora.values()
            names = sorted(p.name for p in one.glob("*.txt"))
            if names != sorted(p.name for p in many.glob("*.txt")) or any(
                (one / n).read_bytes() != (many / n).read_bytes() for n in names
            ):
                problems.append("--jobs 1 and --jobs N gave different files")

        big = work / "big.csv"
        records = build_big_csv(big, options.copies)
        size = big.stat().st_size / 1e6
        print(f"big CSV: {records} records, {size:.0f} MB (the sample repeated {options.copies}x)")
        result, wall, peak = run_measured([sys.executable, "-c", OPEN_SCRIPT, str(big)])
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        figures = json.loads(result.stdout)
        if figures["records"] != records:
            problems.append(f"big CSV: opened {figures['records']} records, expected {records}")
        print(
            f"  open (index): {figures['index_s']:.2f} s; first record shown after "
            f"{figures['first_record_s']:.2f} s (imports included); peak {peak:.0f} MB"
        )
        if not options.skip_big_run:
            corpus = work / "big-corpus"
            wall, peak, summary = clean(big, corpus, cores)
            print(
                f"  clean --jobs {cores}: {wall:.1f} s, {records / wall:.0f} records/s, "
                f"peak {peak:.0f} MB (parent process)\n    {summary}"
            )
            saved = sum(1 for _ in corpus.glob("*.txt"))
            manifest_mb = (corpus / "manifest.jsonl").stat().st_size / 1e6
            print(f"    {saved} files, manifest {manifest_mb:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for problem in problems:
        print(f"WRONG: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
