"""Per-call API cost: `normalize(text, profile)` against a compiled `Pipeline.run`.

    python tests/benchmarks/api_per_call.py
    python tests/benchmarks/api_per_call.py --rounds 9 --presets wordopt clean

Data: the `text` column of ../shared/corpora/isot_true_sample.csv (1,008 Reuters
articles, about 2.5 KB each; skipped with a message if absent), one call per
text, as `df.text.apply(normalize)` makes them.

For each preset, four ways, timed in the same process, taking turns block by
block (32 texts), `--rounds` rounds, the fastest time of each block summed
(slower ones measure the neighbours on a shared machine): `Pipeline.run` on
a pipeline compiled beforehand (the baseline), `normalize(text, NAME)`,
`normalize(text, PATH)` with the preset's TOML file given as a path (one
`os.stat` a call), and `normalize(text, PROFILE)` with a `Profile` value; the
cache lookup alone (what a call adds, in fastest whole rounds). Also
`explain(text, NAME)` against `Pipeline.explain`, and `normalize_many` with
jobs=1 and jobs=2 on the texts repeated 8 times (the workers' start included;
a 2-core machine shared with other work gains little).

Target: every per-call `normalize` within 1.5x of `Pipeline.run`. Outputs are
checked equal on every text; the script exits 1 only if one differs, never
because the machine is slow.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from gui.engine import (  # noqa: E402
    Pipeline,
    cached_pipeline,
    explain,
    load_preset,
    normalize,
    normalize_many,
)
from gui.engine.presets import preset_path  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "isot_true_sample.csv"
TARGET = 1.5


def load_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle)]


def fastest(contenders: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):
        for name, run in contenders.items():
            began = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - began)
    return best


BLOCK = 32


def fastest_by_block(
    contenders: dict[str, Callable[[str], object]], texts: list[str], rounds: int
) -> dict[str, float]:
    """Per contender, the sum over blocks of texts of each block's fastest time.

    Contenders take turns block by block, so a burst of load on the shared
    machine hits one block of one contender, and the fastest of `rounds`
    drops it: far steadier than the fastest whole round.
    """
    blocks = [texts[i : i + BLOCK] for i in range(0, len(texts), BLOCK)]
    best = {label: [float("inf")] * len(blocks) for label in contenders}
    clock = time.perf_counter
    for _ in range(rounds):
        for index, block in enumerate(blocks):
            for label, call in contenders.items():
                began = clock()
                for text in block:
                    call(text)
                best[label][index] = min(best[label][index], clock() - began)
    return {label: sum(times) for label, times in best.items()}


def bench_preset(name: str, texts: list[str], rounds: int) -> tuple[int, bool]:
    profile = load_preset(name)
    pipeline = Pipeline(profile)
    path = str(preset_path(name))
    expected = [pipeline.run(text) for text in texts]
    wrong = 0
    for label, spec in (("name", name), ("path", path), ("Profile", profile)):
        if [normalize(text, spec) for text in texts] != expected:
            print(f"MISMATCH normalize(text, {label}) vs Pipeline.run, preset {name}")
            wrong += 1
    if normalize_many(texts, name, jobs=2) != expected:
        print(f"MISMATCH normalize_many(jobs=2), preset {name}")
        wrong += 1
    run = pipeline.run
    per_call: dict[str, Callable[[str], object]] = {
        "Pipeline.run": run,
        "normalize(text, name)": lambda text: normalize(text, name),
        "normalize(text, path)": lambda text: normalize(text, path),
        "normalize(text, Profile)": lambda text: normalize(text, profile),
    }
    times = fastest_by_block(per_call, texts, rounds)
    base = times["Pipeline.run"]
    count = len(texts)
    print(
        f"\n{name}: {count} texts, one call each "
        f"(per block of {BLOCK} texts the fastest of {rounds} rounds)"
    )
    met = True
    for label, seconds in times.items():
        ratio = seconds / base
        verdict = ""
        if label != "Pipeline.run":
            ok = ratio <= TARGET
            met &= ok
            verdict = f"  {'meets' if ok else 'MISSES'} <= {TARGET}x"
        print(f"  {label:<26} {seconds / count * 1e6:8.1f} µs/call  {ratio:5.2f}x{verdict}")
    lookups = 20_000
    spent = fastest(
        {
            label: (lambda spec=spec: [cached_pipeline(spec) for _ in range(lookups)])
            for label, spec in (("name", name), ("path", path), ("Profile", profile))
        },
        rounds,
    )
    overhead = ", ".join(
        f"{label} {seconds / lookups * 1e6:.2f}" for label, seconds in spent.items()
    )
    print(f"  {'cache lookup alone':<26} µs/call by {overhead}")
    few = texts[: max(1, count // 4)]
    explained = fastest(
        {
            "Pipeline.explain": lambda: [pipeline.explain(text) for text in few],
            "explain(text, name)": lambda: [explain(text, name) for text in few],
        },
        max(1, rounds // 2),
    )
    ratio = explained["explain(text, name)"] / explained["Pipeline.explain"]
    print(
        f"  {'explain(text, name)':<26} "
        f"{explained['explain(text, name)'] / len(few) * 1e6:8.1f} µs/call  {ratio:5.2f}x"
        " of Pipeline.explain"
    )
    big = texts * 8  # enough work for the workers' start to matter little
    many = fastest(
        {
            "normalize_many jobs=1": lambda: normalize_many(big, name, jobs=1),
            "normalize_many jobs=2": lambda: normalize_many(big, name, jobs=2),
        },
        max(1, rounds // 3),
    )
    one = many["normalize_many jobs=1"]
    for label, seconds in many.items():
        print(
            f"  {label:<26} {seconds / len(big) * 1e6:8.1f} µs/text  "
            f"{one / seconds:5.2f}x the speed of jobs=1 ({len(big)} texts, start included)"
        )
    return wrong, met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--presets", nargs="+", default=["wordopt", "clean", "news-leak-safe"])
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: corpus sample not found: {CORPUS} (read from ../shared/corpora/)")
        return 0
    texts = load_texts(CORPUS)
    wrong, met = 0, True
    for name in args.presets:
        bad, ok = bench_preset(name, texts, args.rounds)
        wrong += bad
        met &= ok
    print(f"\nper-call target <= {TARGET}x of Pipeline.run: {'met' if met else 'MISSED'}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
