"""`textwash audit`: which words give a labelled dataset's label away, after a profile.

    textwash audit DATASET --label COLUMN [--profile P] [--compare P2] [--top N]
                   [--bigrams] [--json] [--report FILE.md|FILE.html] [--column TEXT]

Prints the top terms by separation score (see `gui.workflow.audit.scoring`)
with each class's share of documents containing them, the rule that removes
a known artefact, and the leaks no rule covers. `--compare P2` audits a
second profile in the same pass and shows both rankings side by side with
what the change fixed. Progress goes to stderr on a terminal. Errors are one
line naming the file; exit status 0, 1 for a dataset, profile or report
problem, 2 for a usage error, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from gui.cli.clean_dataset import ProgressReporter
from gui.engine.presets import DEFAULT_PRESET, resolve_profile
from gui.engine.profile import ProfileError
from gui.io.datasets import DatasetError
from gui.workflow.audit.artefacts import FIXABLE, MISSING, MISSING_SETTING, NO_RULE, ON
from gui.workflow.audit.report import HTML_SUFFIXES, MARKDOWN_SUFFIXES, write_report
from gui.workflow.audit.run import LEAK_SCORE, AuditResult, Leak, ProfileAudit, audit
from gui.workflow.audit.source import open_labelled
from gui.workflow.batch import BatchProgress

PROG = "textwash audit"
EXIT_OK, EXIT_ERROR, EXIT_CANCELLED = 0, 1, 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Rank the words that give a labelled dataset's label away after a "
        "profile: per class the share of documents containing each word, a separation "
        "score (balanced accuracy of 'word present -> class', best class one against the "
        "rest: 0.5 tells nothing, 1.0 is a perfect leak), and the rule that removes a "
        "known artefact such as a news dateline.",
    )
    parser.add_argument("dataset", help="a .csv/.tsv file, a .jsonl file, or a folder")
    parser.add_argument(
        "--label",
        help="the column or JSONL field holding the class (a folder's classes are its subfolders)",
    )
    parser.add_argument(
        "--column",
        "--field",
        dest="column",
        help="the column or JSONL field holding the text (default: text)",
    )
    parser.add_argument(
        "--profile",
        "-p",
        default=DEFAULT_PRESET,
        metavar="NAME|PATH",
        help=f"a built-in preset or a profile .toml file (default: {DEFAULT_PRESET})",
    )
    parser.add_argument(
        "--compare", metavar="NAME|PATH", help="a second profile, shown side by side"
    )
    parser.add_argument("--top", type=_positive, default=20, metavar="N", help="default: 20")
    parser.add_argument("--bigrams", action="store_true", help="rank word pairs too")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="also write a report for a dataset card (.md or .html): the profile, its "
        "hash, the top leaks before it (the raw text, or --profile with --compare) and "
        "after it",
    )
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: Sequence[str], *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run `textwash audit` with its arguments (without the word `audit`)."""
    options = build_parser().parse_args(list(argv))
    out, err = stdout or sys.stdout, stderr or sys.stderr
    report = options.report
    if report is not None and report.suffix.lower() not in MARKDOWN_SUFFIXES | HTML_SUFFIXES:
        return _fail(err, f"{report}: a report is .md or .html")
    try:
        profiles = [resolve_profile(options.profile)]
        if options.compare:
            profiles.append(resolve_profile(options.compare))
        elif report is not None:
            profiles.insert(0, None)  # the report's "before": the raw text
        data = open_labelled(options.dataset, options.label, options.column)
    except (ProfileError, DatasetError) as error:
        return _fail(err, str(error))
    reporter = ProgressReporter(err) if err.isatty() else None
    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        if reporter is not None:
            reporter(BatchProgress(done, total, done, 0, time.monotonic() - started))

    try:
        result = audit(data, profiles, bigrams=options.bigrams, progress=progress)
        if not result.records:
            raise DatasetError(f"{data.path}: no labelled records")
        if len(result.classes) < 2:
            found = ", ".join(map(repr, result.classes))
            raise DatasetError(f"{data.path}: the label has one class only ({found})")
    except DatasetError as error:
        return _fail(err, str(error), reporter)
    except KeyboardInterrupt:
        return _fail(err, "interrupted", reporter, EXIT_CANCELLED)
    finally:
        data.close()
    if reporter is not None:
        reporter.finish()
    if result.first_problem:
        print(f"{PROG}: left out {result.unreadable} unreadable: {result.first_problem}", file=err)
    shown = result.audits if options.compare else result.audits[-1:]
    out.write(
        _json(result, shown, options.top) if options.json else _table(result, shown, options.top)
    )
    if report is not None:
        try:
            write_report(result, report, options.top)
        except OSError as error:
            return _fail(err, f"{report}: cannot write the report: {error.strerror or error}")
        print(f"{PROG}: report written to {report}", file=err)
    return EXIT_OK


def _fail(err: TextIO, message: str, reporter=None, status: int = EXIT_ERROR) -> int:
    if reporter is not None:
        reporter.finish()
    print(f"{PROG}: {message}", file=err)
    return status


# -- the table -------------------------------------------------------------------------


def _table(result: AuditResult, shown: list[ProfileAudit], top: int) -> str:
    classes = list(result.classes)
    lines = [_header(result)]
    rankings = [audit_.leaks(top) for audit_ in shown]
    if len(shown) == 1:
        lines.append(f"profile {shown[0].name} (sha256 {shown[0].sha256[:12]})")
        lines += _single(rankings[0], classes)
    else:
        lines += _side_by_side(shown, rankings, classes)
        fixes = result.fixed(top)
        if fixes:
            lines.append("")
            lines.append(f"fixed by {shown[1].name} (separation at least halved):")
            rows = [
                [
                    fix.before.term,
                    f"{fix.before.score.score:.3f}",
                    f"{fix.after.score:.3f}",
                    fix.before.coverage.rule_id or "-",
                ]
                for fix in fixes
            ]
            lines += ["  " + line for line in _align(["term", "score", "after", "rule"], rows)]
    final = shown[-1]
    missing = [
        leak
        for leak in rankings[-1]
        if leak.is_leak and leak.coverage.state in (FIXABLE, MISSING, MISSING_SETTING)
    ]
    if missing:
        lines.append("")
        lines.append(f"leaks a rule would remove, not run by {final.name}:")
        lines += [f"  {leak.term}: {leak.coverage.advice}" for leak in missing]
    uncovered = [leak for leak in rankings[-1] if leak.is_leak and _state(leak, NO_RULE)]
    lines.append("")
    if uncovered:
        words = ", ".join(f"{leak.term} ({leak.score.score:.3f})" for leak in uncovered)
        lines.append(f"leaks no rule covers (score >= {LEAK_SCORE}) after {final.name}: {words}")
    else:
        lines.append(f"no leak among the top {top} that no rule covers after {final.name}")
    return "\n".join(lines) + "\n"


def _state(leak: Leak, state: str) -> bool:
    return leak.coverage.state == state


def _header(result: AuditResult) -> str:
    classes = ", ".join(f"{label} {count}" for label, count in result.classes.items())
    left = []
    if result.unlabelled:
        left.append(f"{result.unlabelled} without a label")
    if result.unreadable:
        left.append(f"{result.unreadable} unreadable")
    extra = f" ({', '.join(left)} left out)" if left else ""
    return (
        f"{Path(result.path).name}: {result.records} records{extra}; label "
        f"{result.label!r}: {classes}; {result.elapsed:.1f} s"
    )


def _single(leaks: list[Leak], classes: list[str]) -> list[str]:
    header = ["#", "term", "score", "points to", *classes, "docs", "rule"]
    rows = [
        [
            str(rank),
            leak.term,
            f"{leak.score.score:.3f}",
            leak.score.leans,
            *(f"{leak.score.share[c]:.1%}" for c in classes),
            str(leak.score.documents),
            leak.coverage.rule_id or "-",
        ]
        for rank, leak in enumerate(leaks, start=1)
    ]
    return _align(header, rows)


def _side_by_side(shown: list[ProfileAudit], rankings: list[list[Leak]], classes) -> list[str]:
    header = ["#"]
    for audit_ in shown:
        header += [audit_.name, "score", *classes, "|"]
    header.pop()
    rows = []
    for rank in range(max(map(len, rankings))):
        row = [str(rank + 1)]
        for leaks in rankings:
            if rank < len(leaks):
                leak = leaks[rank]
                row += [leak.term, f"{leak.score.score:.3f}"]
                row += [f"{leak.score.share[c]:.1%}" for c in classes]
            else:
                row += [""] * (2 + len(classes))
            row.append("|")
        row.pop()
        rows.append(row)
    hashes = ", ".join(f"{a.name} sha256 {a.sha256[:12]}" for a in shown)
    return [f"profiles {hashes}", *_align(header, rows)]


def _align(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    numeric = {i for i, name in enumerate(header) if name in {"#", "score", "after", "docs"}}
    return [
        "  ".join(
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in [header, *rows]
    ]


# -- JSON ------------------------------------------------------------------------------


def _json(result: AuditResult, shown: list[ProfileAudit], top: int) -> str:
    def ranking(audit_: ProfileAudit) -> dict:
        leaks = audit_.leaks(top)
        return {
            "profile": audit_.name,
            "profile_sha256": audit_.sha256,
            "tokens": [_token(leak) for leak in leaks],
            "uncovered": [
                leak.term for leak in leaks if leak.is_leak and not leak.coverage.rule_id
            ],
        }

    data = {
        "dataset": result.path,
        "label": result.label,
        "records": result.records,
        "unlabelled": result.unlabelled,
        "unreadable": result.unreadable,
        "classes": result.classes,
        "bigrams": result.bigrams,
        "leak_score": LEAK_SCORE,
        **ranking(shown[0]),
    }
    if len(shown) > 1:
        data["compare"] = ranking(shown[1])
        data["fixed"] = [
            {
                "token": fix.before.term,
                "before": fix.before.score.score,
                "after": fix.after.score,
                "rule": fix.before.coverage.rule_id,
            }
            for fix in result.fixed(top)
        ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _token(leak: Leak) -> dict:
    artefact = leak.coverage.artefact
    return {
        "token": leak.term,
        "score": round(leak.score.score, 6),
        "class": leak.score.leans,
        "share": {label: round(share, 6) for label, share in leak.score.share.items()},
        "count": leak.score.count,
        "artefact": artefact.name if artefact else None,
        "rule": artefact.rule_id if artefact else None,
        "rule_in_profile": _state(leak, ON) if artefact else None,
    }
