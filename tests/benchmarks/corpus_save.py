"""Save to Corpus on a big corpus: what the UI thread pays per save, before and after.

    python tests/benchmarks/corpus_save.py [--documents 40000] [--saves 5]

Builds a corpus folder with `--documents` small documents and their manifest
in a temporary folder, then times, on the UI thread of a QCoreApplication:

* before (the baseline, measured in the same run): save through a fresh
  `CorpusFolder`, then count the documents with another fresh one, as the
  window did after every save (`document_count()` re-reads the manifest and
  stats every file);
* after: `CorpusModel.set_path` (its read runs in a worker: the UI thread's
  part and the longest stall while it runs), then `CorpusModel.save`, whose
  count comes from the save result.

Prints medians and the ratio; exits 1 only if a count is wrong.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from stall_meter import StallMeter  # noqa: E402

from gui.app.models.corpus import CorpusModel  # noqa: E402
from gui.engine import load_preset, normalize  # noqa: E402
from gui.io.corpus import CorpusFolder, saved_entry  # noqa: E402
from gui.io.corpus.entries import Prepared  # noqa: E402

PROFILE = load_preset("wordopt")


def tag(number: int) -> str:
    """A word for a number (digits would be normalized away, making duplicates)."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not number:
            return letters


def build(folder: Path, documents: int) -> None:
    with open(folder / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        for number in range(documents):
            raw = f"Document {tag(number)}, a short text."
            name = f"document-{number}.txt"
            (folder / name).write_text(normalize(raw), encoding="utf-8")
            entry = saved_entry(name, Prepared.for_txt(raw, normalize(raw)), PROFILE, None, None)
            manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=40_000)
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args()
    app = QCoreApplication.instance() or QCoreApplication([])
    ok = True
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        began = time.perf_counter()
        build(folder, args.documents)
        print(f"{args.documents:,} documents built in {time.perf_counter() - began:.1f} s")

        before = []
        for n in range(args.saves):
            raw = f"Saved the old way, {tag(n)}."
            began = time.perf_counter()
            CorpusFolder(folder).save(raw, normalize(raw), profile=PROFILE)
            count = CorpusFolder(folder).document_count()
            before.append(time.perf_counter() - began)
        expected = args.documents + args.saves
        ok &= count == expected

        model = CorpusModel()
        meter = StallMeter()
        meter.start()
        began = time.perf_counter()
        model.set_path(folder)
        ui_part = time.perf_counter() - began
        while model.count != expected:
            app.processEvents()
        read = time.perf_counter() - began
        stall = meter.stop()
        after = []
        for n in range(args.saves):
            raw = f"Saved through the model, {tag(n)}."
            began = time.perf_counter()
            model.save(raw, normalize(raw), profile=PROFILE)
            after.append(time.perf_counter() - began)
        ok &= model.count == expected + args.saves
        model.shutdown()

    ms = 1000
    b, a = statistics.median(before), statistics.median(after)
    print(f"before: save + recount on the UI thread   median {b * ms:8.1f} ms per save")
    print(f"after:  CorpusModel.save on the UI thread median {a * ms:8.1f} ms per save")
    print(f"ratio before/after: {b / a:.0f}x")
    print(
        f"after: set_path {ui_part * ms:.1f} ms on the UI thread; manifest read and count "
        f"in a worker {read:.2f} s; longest UI stall meanwhile {stall * ms:.0f} ms"
    )
    print("counts:", "right" if ok else "WRONG")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
