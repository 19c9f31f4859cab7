"""`textwash verify CORPUS`: check a corpus folder against its manifest; non-zero on a problem.

Prints one line per problem, orphan and temporary file, then a summary.
Exit status: 0 all good; 1 problems found or the folder is not a corpus.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from gui.io.corpus import CorpusError
from gui.io.corpus.verify import verify_corpus


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="textwash verify",
        description="Check every manifest entry of a corpus folder against its bytes "
        "(sha256, offsets, files present); list orphans, torn lines and temporary files.",
    )
    parser.add_argument("corpus", help="the corpus folder")
    return parser


def main(argv: Sequence[str], *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = build_parser().parse_args(list(argv))
    try:
        report = verify_corpus(args.corpus)
    except CorpusError as error:
        print(f"textwash verify: {error}", file=err)
        return 1
    for problem in report.problems:
        print(f"{args.corpus}: {problem}", file=out)
    for name in report.orphans:
        print(f"{args.corpus}: {name}: not in the manifest (orphan)", file=out)
    for name in report.temporary:
        print(f"{args.corpus}: {name}: temporary file left by an interrupted write", file=out)
    found = len(report.problems) + len(report.orphans) + len(report.temporary)
    verdict = "ok" if report.ok else f"{found} problem(s)"
    print(f"{args.corpus}: {report.checked} documents checked, {verdict}", file=out)
    return 0 if report.ok else 1
