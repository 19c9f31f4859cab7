"""The `textwash` command: open the window, or run profiles headless.

    textwash [FILE ...]                 open the window (with these files)
    textwash clean [FILE ...] [--profile NAME|PATH] [--out DIR] [--overwrite]
    textwash clean DATASET --out CORPUS [--column NAME] [--jobs N] [--format txt|jsonl]
    textwash presets                    list the built-in presets
    textwash rules [--markdown]         list every rule and its parameters

This module stays free of Qt: headless use never loads PySide6. Errors are one
line on stderr; exit status 0 on success, 1 when some input failed, 2 for a
usage or profile error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from gui import __version__
from gui.engine.pipeline import Pipeline
from gui.engine.presets import DEFAULT_PRESET, load_preset, preset_names, resolve_profile
from gui.engine.profile import ProfileError
from gui.engine.registry import all_rules
from gui.io.atomic import write_text_atomic
from gui.io.textio import InputError, decode_text, read_text_file

PROG = "textwash"
SUBCOMMANDS = ("clean", "presets", "rules")
EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["verify"]:  # issue 9: check a corpus folder
        from gui.cli.verify import main as verify

        return verify(args[1:])
    if not args or args[0] not in (*SUBCOMMANDS, "-h", "--help", "--version"):
        return _open_window(args)
    if args[0] == "clean" and _is_dataset_run(args[1:]):
        return _clean_dataset(args[1:])
    parser = _parser()
    options = parser.parse_args(args)
    try:
        return options.handler(options)
    except BrokenPipeError:
        # `textwash clean big.txt | head` closes the pipe early: not an error.
        sys.stderr.close()
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Normalize text for NLP corpora. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    clean = commands.add_parser(
        "clean",
        help="normalize files or stdin with a profile",
        description="Normalize FILEs (or stdin) with a profile. Output goes to stdout, "
        "or to one file per input in --out DIR. With several inputs on stdout, each "
        "document is followed by a newline. Given one dataset instead (a .csv, .tsv or "
        ".jsonl file, or a folder of .txt files), every record is saved into the --out "
        "corpus folder with a manifest: see `textwash clean DATASET --help`.",
    )
    clean.add_argument("files", nargs="*", metavar="FILE", help="text files (default: stdin)")
    clean.add_argument(
        "--profile",
        "-p",
        default=DEFAULT_PRESET,
        metavar="NAME|PATH",
        help=f"a built-in preset or a profile .toml file (default: {DEFAULT_PRESET})",
    )
    clean.add_argument("--out", "-o", type=Path, metavar="DIR", help="write one file per input")
    clean.add_argument(
        "--overwrite", action="store_true", help="replace existing files in --out DIR"
    )
    clean.set_defaults(handler=_clean)

    presets = commands.add_parser("presets", help="list the built-in presets")
    presets.set_defaults(handler=_presets)

    rules = commands.add_parser("rules", help="list every rule with its parameters")
    rules.add_argument("--markdown", action="store_true", help="print a Markdown table")
    rules.set_defaults(handler=_rules)
    return parser


# Options only the dataset mode has, and options that take a value in either mode.
_DATASET_FLAGS = {"--column", "--field", "--jobs", "--format", "--quiet", "-q"}
_VALUE_FLAGS = {"--profile", "-p", "--out", "-o", "--column", "--field", "--jobs", "--format"}
_DATASET_SUFFIXES = {".csv", ".tsv", ".jsonl"}


def _is_dataset_run(args: Sequence[str]) -> bool:
    """`clean` on one CSV/TSV/JSONL file or folder, or with dataset-only options."""
    if any(arg.split("=")[0] in _DATASET_FLAGS for arg in args):
        return True
    positionals, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUE_FLAGS:
            skip = True
        elif not arg.startswith("-"):
            positionals.append(Path(arg))
    return len(positionals) == 1 and (
        positionals[0].is_dir() or positionals[0].suffix.lower() in _DATASET_SUFFIXES
    )


def _clean_dataset(args: Sequence[str]) -> int:
    from gui.cli.clean_dataset import build_parser, run_dataset_clean

    return run_dataset_clean(build_parser().parse_args(args))


def _error(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def _clean(options: argparse.Namespace) -> int:
    try:
        pipeline = Pipeline(resolve_profile(options.profile))
    except ProfileError as error:
        _error(str(error))
        return EXIT_USAGE
    if options.out is not None:
        try:
            options.out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            _error(f"{options.out}: cannot create output folder: {error.strerror or error}")
            return EXIT_USAGE
    status = EXIT_OK
    written: set[str] = set()
    several = len(options.files) > 1
    for name, text in _inputs(options.files):
        if text is None:
            status = EXIT_INPUT_FAILED
            continue
        output = pipeline.run(text)
        if options.out is None:
            sys.stdout.buffer.write(output.encode("utf-8") + (b"\n" if several else b""))
            sys.stdout.buffer.flush()
        elif not _write_output(options, name, output, written):
            status = EXIT_INPUT_FAILED
    return status


def _inputs(files: Sequence[str]):
    """(name, text) for each input; text is None when it could not be read."""
    if not files:
        try:
            yield "stdin", decode_text(sys.stdin.buffer.read(), "<stdin>").text
        except InputError as error:
            _error(str(error))
            yield "stdin", None
        return
    for file in files:
        try:
            yield file, read_text_file(file).text
        except InputError as error:
            _error(str(error))
            yield file, None


def _write_output(options: argparse.Namespace, name: str, output: str, written: set[str]) -> bool:
    target = options.out / f"{Path(name).stem}.txt"
    if target.name in written:
        _error(f"{name}: not written: another input already wrote {target}")
        return False
    try:
        write_text_atomic(target, output, overwrite=options.overwrite)
    except FileExistsError:
        _error(f"{target}: exists already (use --overwrite to replace it)")
        return False
    except OSError as error:
        _error(f"{target}: cannot write: {error.strerror or error}")
        return False
    written.add(target.name)
    return True


def _presets(options: argparse.Namespace) -> int:
    names = preset_names()
    width = max(map(len, names))
    for name in names:
        profile = load_preset(name)
        enabled = sum(step.enabled for step in profile.steps)
        print(f"{name:<{width}}  {profile.description}  [{enabled} rules]")
    return EXIT_OK


def _rules(options: argparse.Namespace) -> int:
    if options.markdown:
        print(rules_markdown())
        return EXIT_OK
    for rule in all_rules():
        print(f"{rule.id}: {rule.description}")
        for param in rule.params:
            print(f"    {param.name} = {param.default!r}  {param.description}")
    return EXIT_OK


def rules_markdown() -> str:
    """The rule catalogue as a Markdown table (the README embeds it)."""
    lines = ["| id | what it does | parameters (default) |", "| --- | --- | --- |"]
    for rule in all_rules():
        params = "; ".join(
            f"`{p.name}` ({_markdown_value(p.default)}): {p.description}" for p in rule.params
        )
        description = rule.description.replace("|", "\\|")
        lines.append(f"| `{rule.id}` | {description} | {params or '—'} |")
    return "\n".join(lines)


def _markdown_value(value: object) -> str:
    text = repr(value).replace("|", "\\|")
    return f"`{text}`" if text.strip("'\"") else "empty"


def _open_window(files: Sequence[str]) -> int:
    try:
        from gui.app.launch import main as open_window
    except ImportError as error:
        _error(f"cannot open the window: {error}. Headless use: `{PROG} clean --help`.")
        return EXIT_USAGE
    return open_window(list(files))
