"""The window's derived views: the Changes summary and the linked-view map, by size.

    python tests/benchmarks/views_summaries.py              # 0.1, 1 and 8 MB
    python tests/benchmarks/views_summaries.py --sizes 1 --repeat 5

The sample article repeated to each size, one article per line, through
`wordopt` and `news-leak-safe`. Times `summarize_changes` (per-rule top
changes, before/after figures) and `TextLinks` (build, then 1,000 output ->
raw lookups and 1,000 raw -> output lookups) against `explain()` itself, the
work the window already does for the same text: the ratio says what a view
adds. Both run off the UI thread in the window. Checked: every link maps
inside the texts, and the summary's totals equal the explanation's counts.
Exits 1 only if a check fails.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from gui.engine import Pipeline, load_preset  # noqa: E402
from gui.workflow.changes import summarize_changes  # noqa: E402
from gui.workflow.links import TextLinks  # noqa: E402


def _median(function, argument, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(argument)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1, 8])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    article = (REPO / "resources" / "sample.txt").read_text(encoding="utf-8").replace("\n", " ")
    failures = 0
    print(f"{'preset':<15}{'MB':>5}{'explain s':>11}{'changes s':>11}{'links s':>9}"
          f"{'lookups ms':>12}{'changes/explain':>17}{'links/explain':>15}")  # fmt: skip
    for preset in ("wordopt", "news-leak-safe"):
        pipeline = Pipeline(load_preset(preset))
        for size in args.sizes:
            text = "\n".join([article] * max(1, int(size * 1e6 / (len(article) + 1))))
            explain_s, explanation = _median(pipeline.explain, text, args.repeat)
            changes_s, summary = _median(summarize_changes, explanation, args.repeat)
            links_s, links = _median(TextLinks, explanation, args.repeat)
            rng = random.Random(1)
            out_len, raw_len = len(explanation.output), len(text)
            start = time.perf_counter()
            for _ in range(1000):
                position = rng.randrange(max(out_len, 1))
                raw = links.raw_span(position, position + 1)
                if not 0 <= raw[0] <= raw[1] <= raw_len:
                    failures += 1
                position = rng.randrange(raw_len)
                out = links.output_span(position, position + 1)
                if not 0 <= out[0] <= out[1] <= out_len:
                    failures += 1
            lookups_ms = (time.perf_counter() - start) * 1000
            counts = [rule.changes for rule in summary.rules]
            if counts != [report.changes for report in explanation.reports] or not links.valid:
                failures += 1
            print(f"{preset:<15}{len(text) / 1e6:>5.1f}{explain_s:>11.3f}{changes_s:>11.3f}"
                  f"{links_s:>9.3f}{lookups_ms:>12.1f}{changes_s / explain_s:>17.2f}"
                  f"{links_s / explain_s:>15.2f}")  # fmt: skip
    if failures:
        print(f"{failures} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
