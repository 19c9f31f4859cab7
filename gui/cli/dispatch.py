"""The `textwash` command: open the window, or run profiles headless.

    textwash                            open the window
    textwash FILE...                    open the window with these (existing) files
    textwash clean [FILE|-]... [-p PROFILE] [-o PATH] [--overwrite]
    textwash clean DATASET... -o CORPUS [-p PROFILE] [--column NAME] [-j N] [--format F] [-q]
                 [--engine dask [--scheduler ADDRESS | --workers N]]
    textwash verify CORPUS              check a corpus folder against its manifest
    textwash audit DATASET --label COLUMN [-p PROFILE] [--compare P2] [--json] ...
    textwash presets                    list the built-in presets
    textwash rules [--markdown]         list every rule and its parameters
    textwash completion bash|zsh|fish   print a shell completion script
    textwash help [COMMAND]             this help, or a command's

Anything else is an error, never the window: an unknown command gets "did
you mean" (difflib), a missing file "not found". `clean` is in dataset mode
when its inputs are datasets as `gui.io.datasets` reads them (a folder, or a
file `is_dataset_path` names: .csv, .tsv/.tab, .jsonl/.ndjson/.json, those
compressed as .gz/.zst, .parquet), else in
text mode (gui/cli/clean_text.py); both modes spell their shared options the
same (-p, -o, -q). Which options take a value is read from the two parsers
themselves, so nothing here repeats them.

This module stays free of Qt: headless use never loads PySide6. Errors are one
line on stderr; exit status 0 on success, 1 when some input failed, 2 for a
usage or profile error.
"""

from __future__ import annotations

import argparse
import difflib
import glob
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from gui import __version__
from gui.cli.clean_text import EXIT_OK, EXIT_USAGE, PROG, STDIN, add_text_arguments
from gui.engine.presets import load_preset, preset_names
from gui.engine.registry import all_rules
from gui.io.datasets import is_dataset_path

COMMANDS = ("clean", "verify", "audit", "presets", "rules", "completion", "help")
SHELLS = ("bash", "zsh", "fish")
CLEAN_DESCRIPTION = (
    "Normalize FILEs (or stdin: - or no FILE) with a profile, to stdout, to -o FILE "
    "(one input) or to one file per input in -o DIR. Given a dataset instead (a .csv, "
    ".tsv/.tab or .jsonl/.ndjson/.json file, also .gz/.zst compressed, a .parquet file, or "
    "a folder of .txt files), every record is "
    "saved into the -o corpus folder with a manifest: see `textwash clean DATASET --help`."
)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if not args:
            return _open_window([])
        if args[0] == "clean":
            return _clean(args[1:])
        if args[0] == "audit":
            from gui.cli.audit import main as audit

            return audit(args[1:])
        if args[0] == "verify":
            from gui.cli.verify import main as verify

            return verify(args[1:])
        if args[0] in COMMANDS or args[0].startswith("-"):
            options = build_parser().parse_args(args)
            return options.handler(options)
        return _open_files(args)
    except BrokenPipeError:
        # `textwash clean big.txt | head` closes the pipe early: not an error.
        sys.stderr.close()
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """Every command and option: for --help, and for the completion scripts."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Normalize text for NLP corpora. Without a command, opens the window; "
        "`textwash FILE...` opens it with files.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    clean = commands.add_parser(
        "clean",
        help="normalize text files, stdin or a dataset with a profile",
        description=CLEAN_DESCRIPTION,
    )
    add_text_arguments(clean)
    clean.set_defaults(handler=_run_text)

    # Parsed by their own modules (routed in `main`); listed here for --help.
    commands.add_parser("verify", help="check every document of a corpus folder")
    commands.add_parser("audit", help="rank the words that give a dataset's label away")

    presets = commands.add_parser("presets", help="list the built-in presets")
    presets.add_argument("--names", action="store_true", help="only the names, one a line")
    presets.set_defaults(handler=_presets)

    rules = commands.add_parser("rules", help="list every rule with its parameters")
    rules.add_argument("--markdown", action="store_true", help="print a Markdown table")
    rules.set_defaults(handler=_rules)

    completion = commands.add_parser(
        "completion",
        help="print a shell completion script",
        description="Print the completion script for a shell. bash: "
        '`eval "$(textwash completion bash)"` in ~/.bashrc; zsh: '
        '`eval "$(textwash completion zsh)"` in ~/.zshrc (after compinit); fish: '
        "`textwash completion fish > ~/.config/fish/completions/textwash.fish`.",
    )
    completion.add_argument("shell", choices=SHELLS)
    completion.set_defaults(handler=_completion)

    help_ = commands.add_parser("help", help="show this help, or a command's")
    help_.add_argument("topic", nargs="?", choices=COMMANDS[:-1], metavar="COMMAND")
    help_.set_defaults(handler=_help)
    return parser


def dataset_parser() -> argparse.ArgumentParser:
    from gui.cli.clean_dataset import build_parser as build_dataset_parser

    return build_dataset_parser()


def text_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"{PROG} clean", description=CLEAN_DESCRIPTION)
    add_text_arguments(parser)
    return parser


# -- textwash clean: which mode ------------------------------------------------------


def is_dataset(path: str | Path) -> bool:
    """A folder, or a file (or glob) whose name `gui.io.datasets` reads as a dataset."""
    return is_dataset_path(path)


def _exists(name: str) -> bool:
    return Path(name).exists() or (glob.has_magic(name) and bool(glob.glob(name)))


def _clean(args: list[str]) -> int:
    datasets, texts = dataset_parser(), text_parser()
    inputs = _positionals(args, _option_arity(datasets) | _option_arity(texts))
    found = [name for name in inputs if name != STDIN and is_dataset(name)]
    if not found:
        misplaced = _only_in(args, datasets, texts)
        if misplaced:
            what = f"{inputs[0]} is a text file" if inputs else "stdin is text"
            return _usage(f"{misplaced}: only for a dataset (CSV, TSV, JSONL or a folder); {what}")
        options = texts.parse_args(args)
        return _run_text(options)
    others = [name for name in inputs if name not in found]
    if others:
        return _usage(f"cannot mix datasets ({found[0]}) and text files ({others[0]}) in one run")
    missing = [name for name in found if not _exists(name)]
    if missing:
        print(f"{PROG} clean: {missing[0]}: not found", file=sys.stderr)
        return 1
    misplaced = _only_in(args, texts, datasets)
    if misplaced:
        return _usage(
            f"{misplaced}: only for text files; {found[0]} is a dataset "
            "(its corpus folder is never overwritten: records already in it are skipped)"
        )
    from gui.cli.clean_dataset import run_dataset_clean

    return run_dataset_clean(datasets.parse_args(args))


def _option_arity(parser: argparse.ArgumentParser) -> dict[str, bool]:
    """Each option string of the parser, and whether it takes a value."""
    return {
        option: action.nargs != 0
        for action in parser._actions  # argparse has no public list of its actions
        for option in action.option_strings
    }


def _positionals(args: Sequence[str], arity: dict[str, bool]) -> list[str]:
    """The arguments that are not options or option values, as argparse would see them."""
    found: list[str] = []
    expects_value = False
    for index, arg in enumerate(args):
        if expects_value:
            expects_value = False
        elif arg == "--":
            found.extend(args[index + 1 :])
            break
        elif arg == STDIN or not arg.startswith("-"):
            found.append(arg)
        elif arg.startswith("--"):
            expects_value = "=" not in arg and arity.get(arg, False)
        else:  # -p NAME, -pNAME, -qp NAME
            expects_value = arity.get(arg[:2], False) and len(arg) == 2
    return found


def _only_in(args: Sequence[str], other: argparse.ArgumentParser, mode: argparse.ArgumentParser):
    """The first option in `args` that `other` knows and `mode` does not."""
    mine, theirs = _option_arity(mode), _option_arity(other)
    for arg in args:
        if arg == "--":
            return None
        name = arg.split("=", 1)[0] if arg.startswith("--") else arg[:2]
        if arg.startswith("-") and name in theirs and name not in mine:
            return name
    return None


def _run_text(options: argparse.Namespace) -> int:
    from gui.cli.clean_text import run_text_clean

    return run_text_clean(options)


# -- the window, and what is not a command --------------------------------------------


def _open_files(args: list[str]) -> int:
    """`textwash FILE...`: the window, if every argument is an existing file."""
    for position, arg in enumerate(args):
        path = Path(arg)
        if path.is_file():
            continue
        if path.is_dir():
            return _usage(
                f"{arg}: is a folder; the window opens files (a dataset folder: "
                f"`{PROG} clean {arg} -o CORPUS`, or File > Open Dataset Folder)"
            )
        if position == 0 and not _looks_like_a_path(arg):
            close = difflib.get_close_matches(arg, COMMANDS, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"commands: {', '.join(COMMANDS)}"
            return _usage(f"unknown command '{arg}' ({hint}; `{PROG} help` for more)")
        return _usage(f"{arg}: not found")
    return _open_window(args)


def _looks_like_a_path(arg: str) -> bool:
    return "/" in arg or "\\" in arg or "." in arg


def _open_window(files: Sequence[str]) -> int:
    try:
        from gui.app.launch import main as open_window
    except ImportError as error:
        return _usage(f"cannot open the window: {error}. Headless use: `{PROG} clean --help`.")
    return open_window(list(files))


def _usage(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return EXIT_USAGE


# -- the small commands ---------------------------------------------------------------


def _presets(options: argparse.Namespace) -> int:
    names = preset_names()
    if options.names:
        print("\n".join(names))
        return EXIT_OK
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


def _completion(options: argparse.Namespace) -> int:
    from gui.cli.completion import completion_script

    script = completion_script(options.shell, build_parser(), {"clean": dataset_parser()})
    print(script, end="")
    return EXIT_OK


def _help(options: argparse.Namespace) -> int:
    parser = build_parser()
    if options.topic in ("audit", "verify"):
        module = importlib.import_module(f"gui.cli.{options.topic}")
        module.build_parser().print_help()
        return EXIT_OK
    if options.topic is None:
        parser.print_help()
    else:
        parser.parse_args([options.topic, "--help"])  # prints that help and exits 0
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
