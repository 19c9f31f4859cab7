"""Worst cases: inputs that make naive patterns quadratic, at 0.25, 0.5 and 1 MB.

    python tests/benchmarks/worst_cases.py            # all cases, 0.25/0.5/1 MB
    python tests/benchmarks/worst_cases.py --sizes 1 --repeat 1

Cases (sizes in characters, one character per byte except CJK):
  letters+digits  unspaced ASCII letters and digits (a base64 or hash dump)
  cjk+digits      CJK ideographs with a digit every 50 characters, no spaces
  [               `[` with no `]`
  <               `<` with no `>`
  one line        a single line of words, punctuation and numbers

For each, `run()` and `explain()` of the `wordopt` and `clean` presets are
timed (median of `--repeat`); targets: under 0.5 s at 1 MB, and linear growth
(the ratio of the 1 MB time to the 0.25 MB time near 4, not 16).

Outputs are checked: `run()` (fast path) against the generic step-by-step path
and against `explain().output` at every size, and wordopt against the seed
function verbatim on a 4,000-character prefix (the seed is quadratic on some of
these, so the full size would take minutes). Exits 1 only if an output is
wrong, never because the machine is slow.
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from oracle import wordopt as seed_wordopt  # noqa: E402

from gui.engine import Pipeline, load_preset  # noqa: E402

TARGET_SECONDS = 0.5
ORACLE_PREFIX = 4000


def letters_digits(size: int, rng: random.Random) -> str:
    return "".join(rng.choices(string.ascii_letters + string.digits, k=size))


def cjk_digits(size: int, rng: random.Random) -> str:
    chars = [chr(rng.randrange(0x4E00, 0x9FA0)) for _ in range(size)]
    for index in range(49, size, 50):
        chars[index] = rng.choice(string.digits)
    return "".join(chars)


def one_line(size: int, rng: random.Random) -> str:
    words = [
        "The",
        "officials",
        "said",
        "U.S.",
        "(Reuters)",
        "-",
        "“quoted”",
        "2016",
        "$430",
        "covid19",
        "café",
        "don’t",
        "snake_case",
        "[note]",
        "<b>",
        "well,",
        "Ελλάδα",
        "東京",
    ]
    pieces: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(words)
        pieces.append(word)
        length += len(word) + 1
    return " ".join(pieces)[:size]


CASES = {
    "letters+digits": letters_digits,
    "cjk+digits": cjk_digits,
    "[": lambda size, rng: "[" * size,
    "<": lambda size, rng: "<" * size,
    "one line": one_line,
}


def timed(function, text: str, repeat: int):
    times = []
    result = None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function(text)
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cases", nargs="+", default=list(CASES), choices=list(CASES))
    args = parser.parse_args(argv)
    pipelines = {name: Pipeline(load_preset(name)) for name in ("wordopt", "clean")}
    wrong = 0
    slow: list[str] = []
    sizes = sorted(args.sizes)
    header = "".join(f"{size:>9g} MB" for size in sizes)
    print(f"{'case':<16}{'preset':<9}{'call':<9}{header}   ratio {sizes[-1]:g}/{sizes[0]:g}")
    for case in args.cases:
        texts = {size: CASES[case](int(size * 1_000_000), random.Random(5)) for size in sizes}
        prefix = texts[sizes[0]][:ORACLE_PREFIX]
        if pipelines["wordopt"].run(prefix) != seed_wordopt(prefix):
            print(f"MISMATCH {case}: wordopt vs seed function on the prefix")
            wrong += 1
        for name, pipeline in pipelines.items():
            rows = {"run": [], "explain": []}
            for size in sizes:
                text = texts[size]
                seconds, output = timed(pipeline.run, text, args.repeat)
                rows["run"].append(seconds)
                if output != pipeline.run_generic(text):
                    print(f"MISMATCH {case} {size} MB: {name} fast vs generic")
                    wrong += 1
                seconds, explanation = timed(pipeline.explain, text, args.repeat)
                rows["explain"].append(seconds)
                if explanation.output != output:
                    print(f"MISMATCH {case} {size} MB: {name} explain vs run")
                    wrong += 1
            for call, times in rows.items():
                cells = "".join(f"{seconds * 1000:9.1f} ms" for seconds in times)
                ratio = times[-1] / times[0] if times[0] > 0 else float("nan")
                print(f"{case:<16}{name:<9}{call:<9}{cells}   {ratio:5.1f}")
                if times[-1] > TARGET_SECONDS:
                    slow.append(f"{case} {name} {call}: {times[-1]:.2f} s")
    growth = sizes[-1] / sizes[0]
    print(f"\nlinear growth means a ratio near {growth:g}; target under {TARGET_SECONDS} s each")
    print("over target: " + ("; ".join(slow) if slow else "none"))
    print("outputs: correct" if not wrong else f"outputs: {wrong} WRONG")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
