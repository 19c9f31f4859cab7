"""`textwash audit` speed and memory: records per second, and peak memory flat in dataset size.

    python tests/benchmarks/audit_throughput.py [--copies 1 4 16]

Builds, in a temporary folder, the leakage tests' two-class dataset from the
shared ISOT true sample (`tests/workflow/leak_data.py`) repeated 1, 4 and 16
times, and runs `textwash audit` on each in a fresh subprocess: wordopt
alone, wordopt with --compare news-leak-safe, and wordopt with --bigrams.
Peak memory is that process's ru_maxrss (os.wait4). The audit keeps counts,
not documents, so the peak should stay about the same as the data grows (the
datasets reader's index grows by a few bytes a record). Exits non-zero only
when the output is wrong (`reuters` not ranked first).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO.parent / "shared" / "corpora" / "isot_true_sample.csv"
sys.path.insert(0, str(REPO))

from tests.workflow.leak_data import mixed_isot  # noqa: E402

RUNS = {
    "wordopt": [],
    "wordopt vs news-leak-safe": ["--compare", "news-leak-safe"],
    "wordopt --bigrams": ["--bigrams"],
}


def repeated(source: Path, out: Path, copies: int) -> int:
    with open(source, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "text", "label"])
        for _copy in range(copies):
            for row in rows:
                writer.writerow([row["title"], row["text"], row["label"]])
    return copies * len(rows)


def run_measured(args: list[str]) -> tuple[str, float, float]:
    began = time.perf_counter()
    process = subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if status:
        raise SystemExit(f"failed: {' '.join(args)}")
    return output, time.perf_counter() - began, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    if not SAMPLE.exists():
        print(f"skipped: shared sample not found: {SAMPLE}")
        return 0
    wrong = 0
    with tempfile.TemporaryDirectory() as folder:
        mixed = mixed_isot(SAMPLE, Path(folder) / "mixed.csv")
        print(f"{'run':<28} {'records':>8} {'MB':>6} {'s':>7} {'records/s':>10} {'peak MB':>8}")
        for copies in args.copies:
            path = Path(folder) / f"mixed_{copies}.csv"
            records = repeated(mixed, path, copies)
            size = path.stat().st_size / 1e6
            for name, extra in RUNS.items():
                command = [sys.executable, "-m", "gui", "audit", str(path), "--label", "label"]
                output, seconds, peak = run_measured([*command, "--json", *extra])
                first = json.loads(output)["tokens"][0]["token"]
                if first != "reuters":
                    print(f"WRONG: {name} x{copies} ranks {first!r} first")
                    wrong += 1
                print(
                    f"{name:<28} {records:>8} {size:>6.1f} {seconds:>7.2f} "
                    f"{records / seconds:>10.0f} {peak:>8.1f}"
                )
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
