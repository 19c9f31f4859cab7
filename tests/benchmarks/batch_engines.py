"""Batch engines: `--engine dask --workers 1/2` against the local `--jobs 1/2` (issue 11).

    python tests/benchmarks/batch_engines.py [--size-mb 100] [--format jsonl]

Builds a CSV of about `--size-mb` MB in a temporary folder by repeating the
shared ISOT sample (each copy's texts made distinct, so nothing is skipped
as a duplicate), then runs `textwash clean` on it four times, each in a fresh
subprocess into a new corpus: local `--jobs 1`, local `--jobs 2`, Dask
`--workers 1`, Dask `--workers 2` (a LocalCluster started by the command).
Prints, per run, the wall time (Dask: including starting the cluster), the
records/s the command reports (its run, without start-up), and the ratio to
`--jobs 1`; then checks that every run holds the same documents (id -> text)
and that `textwash verify` passes. Exits non-zero only when outputs differ.
Not a pytest module; nothing is written to the checkout.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO.parent / "shared" / "corpora" / "isot_true_sample.csv"


def build_csv(path: Path, size_mb: float) -> int:
    with open(SAMPLE, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    copies = max(1, round(size_mb * 1024 * 1024 / SAMPLE.stat().st_size))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for copy in range(copies):
            tag = " copy " + "".join(chr(ord("a") + int(d)) for d in str(copy))
            for row in rows:
                writer.writerow({**row, "title": row["title"] + tag, "text": row["text"] + tag})
    return copies * len(rows)


def documents(corpus: Path) -> dict[str, str]:
    if any(corpus.glob("*.parquet")):
        import pyarrow.parquet as pq

        texts: dict[str, str] = {}
        for shard in sorted(corpus.glob("corpus-*.parquet")):
            table = pq.read_table(shard, columns=["id", "text"]).to_pydict()
            texts.update(zip(table["id"], table["text"], strict=True))
        return texts
    texts = {}
    for shard in sorted(corpus.glob("corpus-*.jsonl")):
        with open(shard, "rb") as handle:
            for line in handle:
                record = json.loads(line)
                texts[record["id"]] = record["text"]
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=float, default=100, help="dataset size (default 100)")
    parser.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    options = parser.parse_args()
    if not SAMPLE.exists():
        print(f"shared sample not found: {SAMPLE}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="textwash-engines-") as tmp:
        data = Path(tmp) / "data.csv"
        records = build_csv(data, options.size_mb)
        size = data.stat().st_size / 1024 / 1024
        print(f"dataset: {records} records, {size:.1f} MB ({options.format} output)")
        runs = {
            "local --jobs 1": ["-j", "1"],
            "local --jobs 2": ["-j", "2"],
            "dask --workers 1": ["--engine", "dask", "--workers", "1"],
            "dask --workers 2": ["--engine", "dask", "--workers", "2"],
        }
        results = {}
        env = {**os.environ, "PYTHONPATH": str(REPO)}  # this checkout, not an installed copy
        for name, extra in runs.items():
            corpus = Path(tmp) / name.replace(" ", "_").replace("-", "")
            command = [sys.executable, "-m", "gui", "clean", str(data), "-o", str(corpus)]
            command += ["-q", "--format", options.format, *extra]
            began = time.perf_counter()
            run = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
            wall = time.perf_counter() - began
            if run.returncode != 0:
                print(f"{name}: failed: {run.stderr.strip()[-400:]}", file=sys.stderr)
                return 1
            reported = re.search(r"\((\d+) records/s\)", run.stdout)
            results[name] = (corpus, wall, int(reported.group(1)) if reported else 0)
        base = results["local --jobs 1"][1]
        print(f"{'run':<18} {'wall s':>8} {'records/s (wall)':>17} {'run rec/s':>10} {'vs -j1':>7}")
        for name, (_corpus, wall, reported) in results.items():
            print(
                f"{name:<18} {wall:8.1f} {records / wall:17.0f} {reported:10d} {base / wall:6.2f}x"
            )
        reference = documents(results["local --jobs 1"][0])
        same = True
        for name, (corpus, _wall, _rate) in results.items():
            texts = documents(corpus)
            verify = subprocess.run(
                [sys.executable, "-m", "gui", "verify", str(corpus)],
                cwd=REPO,
                env=env,
                capture_output=True,
                text=True,
            )
            ok = texts == reference and verify.returncode == 0
            same &= ok
            shards = len(list(corpus.glob("corpus-*")))
            print(f"{name}: {len(texts)} documents, {shards} shards, identical+verify: {ok}")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
