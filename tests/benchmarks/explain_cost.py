"""Explain's cost against run, its memory, and keystrokes on the incremental preview.

    python tests/benchmarks/explain_cost.py                  # ~2 min
    python tests/benchmarks/explain_cost.py --memory-mb 50 --rounds 7 --keys 40

Data: the `text` column of ../shared/corpora/isot_true_sample.csv (skipped
with a message if absent). Three figures, each against its target:

1. `explain()` / `run()` for wordopt (and clean, for reference) on the ISOT
   texts: record by record and all records joined (one article per line).
   Interleaved rounds, medians. Target: at most 3x.
2. Memory of `explain()` on `--memory-mb` MB of ISOT articles, one per line,
   in a fresh subprocess: the peak resident memory while explaining, less
   the resident memory with the text (and its output) already built, per
   input byte (UTF-8). Target: at most 10 bytes per input byte.
3. Keystrokes on `Pipeline.preview(text)` (a `LinePreview`) against a full
   `run()` and `explain()` of the new text, on a 100 KB single line, 1 MB of
   articles one per line and 10 MB of them: a letter typed in the middle of
   the text, `--keys` times; medians of *output* (the edit, its output
   change) and *explained* (the edit, then its explanation). Target: output
   and explanation under 16 ms on 100 KB and 1 MB, under 30 ms on 10 MB.

Every spliced output and explanation is checked against the full run and
explain of the same text; the script exits 1 only if one differs, never
because the machine is slow.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from gui.engine import Pipeline, load_preset  # noqa: E402
from tests.benchmarks.engine_throughput import rounds_of  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "isot_true_sample.csv"


def load_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle)]


def over(function, items):
    return lambda: [function(item) for item in items]


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "NOT met"


def explain_ratio(texts: list[str], rounds: int) -> None:
    joined = "\n".join(texts)
    print(f"\n1. explain() / run(), {rounds} interleaved rounds, medians (target <= 3x)")
    for preset in ("wordopt", "clean"):
        pipeline = Pipeline(load_preset(preset))
        pipeline.explain(texts[0])  # tables built once per process
        for title, items in (
            ("records, one call each", texts),
            ("all joined, 1 per line", [joined]),
        ):
            times = rounds_of(
                {"run": over(pipeline.run, items), "explain": over(pipeline.explain, items)}, rounds
            )
            ratio = times["explain"] / times["run"]
            target = f"{verdict(ratio, 3.0)}" if preset == "wordopt" else "reference"
            print(
                f"  {preset:<8} {title:<24} run {times['run'] * 1000:7.1f} ms  "
                f"explain {times['explain'] * 1000:7.1f} ms  {ratio:5.2f}x  {target}"
            )


_MEMORY_CHILD = r"""
import csv, resource, sys
sys.path.insert(0, sys.argv[1])
from gui.engine import Pipeline, load_preset
def rss_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
texts = [row["text"] for row in csv.DictReader(open(sys.argv[2], encoding="utf-8", newline=""))]
joined = "\n".join(texts)
repeat = max(1, round(float(sys.argv[3]) * 1e6 / len(joined.encode("utf-8"))))
text = "\n".join([joined] * repeat)
size = len(text.encode("utf-8"))
pipeline = Pipeline(load_preset(sys.argv[4]))
pipeline.explain(texts[0])
output = pipeline.run(text)
before = rss_kb()
with open("/proc/self/clear_refs", "w") as refs:
    refs.write("5")  # reset the peak (VmHWM) to the current resident size
explanation = pipeline.explain(text)
assert explanation.output == output
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
spans = sum(len(report.starts) for report in explanation.reports)
print(size, (peak - before) * 1024, spans)
"""


def memory(megabytes: float) -> None:
    print(
        f"\n2. explain() memory on {megabytes:g} MB of ISOT, one article per line "
        "(target <= 10 B/B)"
    )
    for preset in ("wordopt",):
        result = subprocess.run(
            [sys.executable, "-c", _MEMORY_CHILD, str(REPO), str(CORPUS), str(megabytes), preset],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            print(f"  {preset}: the measuring process failed:\n{result.stderr}")
            continue
        size, extra, spans = map(int, result.stdout.split())
        per_byte = extra / size
        print(
            f"  {preset:<8} {size / 1e6:6.1f} MB in, peak {extra / 1e6:7.1f} MB over the text "
            f"and output: {per_byte:5.2f} B per input byte ({spans:,} spans)  "
            f"{verdict(per_byte, 10.0)}"
        )


def keystrokes(texts: list[str], keys: int) -> int:
    print(f"\n3. a key typed mid-text, {keys} keys, medians (wordopt; targets 16 / 16 / 30 ms)")
    pipeline = Pipeline(load_preset("wordopt"))
    article = max(texts, key=len)
    one_line = (article.replace("\n", " ") + " ") * (100_000 // len(article) + 1)
    lines = "\n".join(texts)
    cases = (
        ("100 KB, one line", one_line[:100_000], 16.0),
        (
            "1 MB, one article per line",
            (lines + "\n") * (1_000_000 // len(lines)) + lines[: 1_000_000 % len(lines)],
            16.0,
        ),
        ("10 MB, one article per line", "\n".join([lines] * 4), 30.0),
    )
    wrong = 0
    for title, text, target in cases:
        preview = pipeline.preview(text)
        preview.explanation()
        output_times, explained_times, full_run, full_explain = [], [], [], []
        for key in range(keys):
            position = len(preview.text) // 2 + key
            letter = "x" if key % 2 == 0 else " "
            began = time.perf_counter()
            preview.edit(position, position, letter)
            middle = time.perf_counter()
            explanation = preview.explanation()
            ended = time.perf_counter()
            output_times.append(middle - began)
            explained_times.append(ended - began)
            if key < 3 or key == keys - 1:
                began = time.perf_counter()
                expected = pipeline.run(preview.text)
                full_run.append(time.perf_counter() - began)
                began = time.perf_counter()
                whole = pipeline.explain(preview.text)
                full_explain.append(time.perf_counter() - began)
                same = expected == preview.output and all(
                    (a.changes, a.status, a.spans) == (b.changes, b.status, b.spans)
                    for a, b in zip(explanation.reports, whole.reports, strict=True)
                )
                if not same:
                    print(f"  MISMATCH on {title} after key {key}")
                    wrong += 1
        output_ms = statistics.median(output_times) * 1000
        explained_ms = statistics.median(explained_times) * 1000
        run_ms = statistics.median(full_run) * 1000
        explain_ms = statistics.median(full_explain) * 1000
        print(
            f"  {title:<28} output {output_ms:6.2f} ms (full run {run_ms:7.1f} ms, "
            f"{run_ms / output_ms:5.0f}x less)  explained {explained_ms:6.2f} ms "
            f"(full explain {explain_ms:7.1f} ms)  blocks {preview.blocks}  "
            f"output {verdict(output_ms, target)}, explained {verdict(explained_ms, target)}"
        )
    return wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (figure 1)")
    parser.add_argument("--memory-mb", type=float, default=50.0, help="text size for figure 2")
    parser.add_argument("--keys", type=int, default=30, help="keys per text (figure 3)")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"skipped: corpus not found at {CORPUS}")
        return 0
    texts = load_texts(CORPUS)
    sample_mb = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    print(f"ISOT sample: {len(texts)} texts, {sample_mb:.2f} MB")
    explain_ratio(texts, args.rounds)
    memory(args.memory_mb)
    wrong = keystrokes(texts, args.keys)
    print("\nspliced outputs and explanations: identical to full runs" if not wrong else "")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
