"""Engine throughput: the fused presets against the seed function, on real news text.

    python tests/benchmarks/engine_throughput.py              # quick: ~10 MB
    python tests/benchmarks/engine_throughput.py --size-mb 100 --rounds 5

Data: the `text` column of ../shared/corpora/isot_true_sample.csv (skipped with
a message if absent), run three ways: record by record (as a batch does), the
same records repeated to `--size-mb` MB (the same string objects, so the data
costs no memory), and all records joined into one long text (as the window
gets it). Sizes are UTF-8 bytes of input.

Contenders, timed in the same process, interleaved, `--rounds` rounds, median
reported: the seed function verbatim (tests/oracle.py), the `wordopt` preset
(its fused fast path), the `clean` preset (fused) and its generic step-by-step
path, and the floor, one `bytes.translate` pass over the same UTF-8 data.

Outputs are checked byte for byte (wordopt against the seed, clean fused
against clean generic) on every record and on the long text. The script exits
1 only if an output differs, never because the machine is slow.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from oracle import wordopt as seed_wordopt  # noqa: E402

from gui.engine import Pipeline, load_preset  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "isot_true_sample.csv"
TABLE = bytes(range(256))


def load_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle)]


def check(texts: list[str], wordopt: Pipeline, clean: Pipeline) -> int:
    """Byte-identity of every output; returns the number of mismatches."""
    wrong = 0
    for index, text in enumerate(texts):
        if wordopt.run(text) != seed_wordopt(text):
            print(f"MISMATCH wordopt vs seed on text {index}")
            wrong += 1
        if clean.run(text) != clean.run_generic(text):
            print(f"MISMATCH clean fused vs generic on text {index}")
            wrong += 1
    return wrong


def rounds_of(contenders: dict, rounds: int) -> dict[str, float]:
    """Median seconds of each contender, run interleaved (order rotated each round)."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_index in range(rounds):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            began = time.perf_counter()
            contenders[name]()
            times[name].append(time.perf_counter() - began)
    return {name: statistics.median(values) for name, values in times.items()}


def over(function, items):
    def run() -> None:
        for item in items:
            function(item)

    return run


def report(title: str, megabytes: float, medians: dict[str, float]) -> None:
    def rate(name: str) -> float:
        return megabytes / medians[name]

    floor = medians["floor"]
    print(f"\n{title}: {megabytes:.1f} MB")
    for name, seconds in medians.items():
        print(f"  {name:<16} {seconds * 1000:9.1f} ms  {rate(name):8.1f} MB/s")
    print(f"  wordopt fused / seed function:  {medians['seed'] / medians['wordopt']:6.1f}x")
    print(f"  clean fused / clean generic:    {medians['clean generic'] / medians['clean']:6.1f}x")
    print(f"  clean fused / seed function:    {medians['seed'] / medians['clean']:6.1f}x")
    print(
        f"  vs floor (one bytes.translate): wordopt {medians['wordopt'] / floor:5.1f}x the floor's "
        f"time, clean {medians['clean'] / floor:5.1f}x"
    )


def measure(title: str, texts: list[str], rounds: int, wordopt, clean) -> None:
    encoded = [text.encode("utf-8") for text in texts]
    megabytes = sum(map(len, encoded)) / 1e6
    contenders = {
        "seed": over(seed_wordopt, texts),
        "wordopt": over(wordopt.run, texts),
        "clean": over(clean.run, texts),
        "clean generic": over(clean.run_generic, texts),
        "floor": over(lambda data: data.translate(TABLE), encoded),
    }
    report(title, megabytes, rounds_of(contenders, rounds))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=float, default=10.0, help="repeated data size (MB)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds per figure")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"skipped: corpus not found at {CORPUS}")
        return 0
    texts = load_texts(CORPUS)
    wordopt = Pipeline(load_preset("wordopt"))
    clean = Pipeline(load_preset("clean"))
    if wordopt._fast is None or clean._fast is None:
        print("note: a preset is not on its fast path")
    sample_mb = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    print(f"ISOT sample: {len(texts)} texts, {sample_mb:.2f} MB; {args.rounds} rounds, medians")
    joined = "\n".join(texts)
    wrong = check(texts, wordopt, clean) + check([joined], wordopt, clean)
    print("outputs: byte-identical" if not wrong else f"outputs: {wrong} MISMATCHES")

    measure("records, one call each", texts, args.rounds, wordopt, clean)
    measure("one long text (all records joined)", [joined], args.rounds, wordopt, clean)
    repeat = max(1, round(args.size_mb / sample_mb))
    # The same string objects repeated: no extra memory, every call does full work.
    measure(f"records repeated x{repeat}", texts * repeat, max(3, args.rounds // 2), wordopt, clean)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
