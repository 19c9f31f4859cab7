"""Labelled datasets for the leakage-audit tests, made from real text.

`mixed_isot` writes the shared ISOT true sample as a two-class dataset: the
first half stays `true` (Reuters articles with their `CITY (Reuters) - `
dateline); the second half becomes `fake`-style records the way ISOT's fake
class looks: no dateline, and an image credit line on some of them. So the
classes differ by source artefacts, the leak a curator has to remove.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

# The test's own dateline pattern, independent of the rule under test.
_DATELINE = re.compile(r"\A[^()\n]{0,80}\(Reuters\) - ")
CREDITS = (
    "Featured image via Getty Images",
    "Photo by Chip Somodevilla/Getty Images",
    "Featured image via screengrab",
)


def fake_style(text: str, number: int) -> str:
    """A true article made to look like an ISOT fake one: dateline out, credit in."""
    body = _DATELINE.sub("", text).rstrip()
    if number % 5 < 2:  # two in five carry a credit
        body += f" {CREDITS[number % len(CREDITS)]}"
    return body


def mixed_isot(sample: Path, out: Path) -> Path:
    """Write `out` (CSV: title,text,label) from the ISOT true sample."""
    with open(sample, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    half = len(rows) // 2
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "text", "label"])
        for number, row in enumerate(rows):
            if number < half:
                writer.writerow([row["title"], row["text"], "true"])
            else:
                writer.writerow([row["title"], fake_style(row["text"], number), "fake"])
    return out
