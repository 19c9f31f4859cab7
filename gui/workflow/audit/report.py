"""The audit as a document a curator attaches to a dataset card: Markdown or HTML.

    >>> write_report(result, "leakage.md")          # or "leakage.html"

The report names the dataset, the label and its classes, the profile the
data is released with (the last audited one) and its sha256, then the top
leaks before and after it: before is the first profile (or the raw text),
after the last one. Terms that are a leak after the profile and that no rule
covers are listed apart: they are what the curator still has to look at.
Both formats come from the same sections, so they say the same thing.
"""

from __future__ import annotations

import html
from pathlib import Path

from gui import __version__
from gui.io.atomic import write_text_atomic
from gui.workflow.audit.run import LEAK_SCORE, AuditResult, Leak

Table = tuple[list[str], list[list[str]]]
Section = tuple[str, list[str], list[Table]]  # heading, paragraphs, tables

MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}


def write_report(result: AuditResult, path: str | Path, top: int = 20) -> None:
    """Write the report, Markdown or HTML by the file's suffix; ValueError for another."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        text = markdown_report(result, top)
    elif suffix in HTML_SUFFIXES:
        text = html_report(result, top)
    else:
        raise ValueError(f"{path}: a report is .md or .html, not {suffix or 'no suffix'}")
    write_text_atomic(path, text, overwrite=True)


def sections(result: AuditResult, top: int = 20) -> list[Section]:
    before, after = result.audits[0], result.audits[-1]
    classes = ", ".join(f"`{label}` {count}" for label, count in result.classes.items())
    left_out = []
    if result.unlabelled:
        left_out.append(f"{result.unlabelled} without a label")
    if result.unreadable:
        left_out.append(f"{result.unreadable} unreadable")
    summary = [
        f"Dataset: `{Path(result.path).name}`, {result.records} records audited"
        + (f" ({', '.join(left_out)} left out)" if left_out else "")
        + f"; label `{result.label}`: {classes}.",
        f"Profile: **{after.name}**, sha256 `{after.sha256}`.",
        f"Terms: {'words and word pairs' if result.bigrams else 'words'} of the normalized "
        f"text. Score: the balanced accuracy of the one-term rule “term present -> class” "
        f"(best class, one against the rest); 0.5 tells nothing, 1.0 gives the label away. "
        f"A leak scores {LEAK_SCORE} or more.",
        f"Made by Textwash {__version__} (`textwash audit`).",
    ]
    found: list[Section] = [("Label-leakage audit", summary, [])]
    if len(result.audits) > 1:
        found.append((f"Top leaks before: {before.name}", [], [_leak_table(before.leaks(top))]))
    found.append((f"Top leaks after: {after.name}", [], [_leak_table(after.leaks(top))]))
    fixes = result.fixed(top)
    if fixes:
        rows = [
            [
                f"`{fix.before.term}`",
                f"{fix.before.score.score:.3f}",
                f"{fix.after.score:.3f}",
                fix.before.coverage.rule_id or "—",
            ]
            for fix in fixes
        ]
        found.append(("Fixed by the profile", [], [(["term", "before", "after", "rule"], rows)]))
    remaining = after.uncovered(top)
    words = ", ".join(f"`{leak.term}` ({leak.score.score:.3f})" for leak in remaining)
    found.append(
        (
            "Leaks no rule covers",
            [words or "None among the top terms."],
            [],
        )
    )
    return found


def _leak_table(leaks: list[Leak]) -> Table:
    classes = list(leaks[0].score.share) if leaks else []
    header = ["#", "term", "score", "points to", *(f"share {c}" for c in classes), "rule"]
    rows = [
        [
            str(rank),
            f"`{leak.term}`",
            f"{leak.score.score:.3f}",
            leak.score.leans,
            *(f"{leak.score.share[c]:.1%}" for c in classes),
            leak.coverage.advice,
        ]
        for rank, leak in enumerate(leaks, start=1)
    ]
    return header, rows


def markdown_report(result: AuditResult, top: int = 20) -> str:
    lines: list[str] = []
    for level, (heading, paragraphs, tables) in enumerate(sections(result, top)):
        lines += [f"{'#' if level == 0 else '##'} {heading}", ""]
        for paragraph in paragraphs:
            lines += [paragraph, ""]
        for header, rows in tables:
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "|".join(" --- " for _ in header) + "|")
            lines += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in rows]
            lines.append("")
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def html_report(result: AuditResult, top: int = 20) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Label-leakage audit</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}"
        "td:nth-child(3){text-align:right}</style>",
        "</head><body>",
    ]
    for level, (heading, paragraphs, tables) in enumerate(sections(result, top)):
        tag = "h1" if level == 0 else "h2"
        parts.append(f"<{tag}>{_inline(heading)}</{tag}>")
        parts += [f"<p>{_inline(paragraph)}</p>" for paragraph in paragraphs]
        for header, rows in tables:
            parts.append("<table><thead><tr>")
            parts += [f"<th>{_inline(cell)}</th>" for cell in header]
            parts.append("</tr></thead><tbody>")
            for row in rows:
                cells = "".join(f"<td>{_inline(cell)}</td>" for cell in row)
                parts.append(f"<tr>{cells}</tr>")
            parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _inline(text: str) -> str:
    """Escape, then turn the sections' `code` and **bold** marks into tags."""
    out, code = [], False
    for index, piece in enumerate(html.escape(text, quote=False).split("`")):
        if index:
            code = not code
        if code:
            out.append(f"<code>{piece}</code>")
        else:
            bold = piece.split("**")
            out.append("".join(f"<b>{p}</b>" if i % 2 else p for i, p in enumerate(bold)))
    return "".join(out)
