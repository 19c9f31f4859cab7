"""`textwash clean` on text files or stdin: normalized text to stdout, a file or a folder.

    textwash clean a.txt                  stdout, exactly, no newline added
    textwash clean a.txt b.md             stdout, each document followed by a newline
    textwash clean a.txt -o clean.txt     that file
    textwash clean *.txt -o out/          one .txt file per input in out/
    cat a.txt | textwash clean -          stdin (also when no file is given)

With one input, `--out PATH` is a file, unless PATH is an existing folder,
ends with a slash or has no suffix (then it is a folder, as with several
inputs). Existing files are replaced only with `--overwrite`. An input that
cannot be read gets a one-line error and the others are still done (exit 1).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from gui.engine.cache import cached_pipeline
from gui.engine.presets import DEFAULT_PRESET
from gui.engine.profile import ProfileError
from gui.io.atomic import write_text_atomic
from gui.io.textio import InputError, decode_text, read_text_file

PROG = "textwash"
STDIN = "-"
EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2


def add_text_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `textwash clean` on text files (see the module notes)."""
    parser.add_argument(
        "files", nargs="*", metavar="FILE", help="text files; - or none reads stdin"
    )
    parser.add_argument(
        "-p",
        "--profile",
        default=DEFAULT_PRESET,
        metavar="NAME|PATH",
        help=f"a built-in preset or a profile .toml file (default: {DEFAULT_PRESET})",
    )
    parser.add_argument(
        "-o",
        "--out",
        type=Path,
        metavar="PATH",
        help="a file (one input) or a folder: one .txt file per input (default: stdout)",
    )
    parser.add_argument("--overwrite", action="store_true", help="replace existing output files")
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress output (as for a dataset; text files print none)",
    )


def run_text_clean(options: argparse.Namespace) -> int:
    try:
        pipeline = cached_pipeline(options.profile)
    except ProfileError as error:
        _error(str(error))
        return EXIT_USAGE
    inputs = list(options.files) or [STDIN]
    if inputs.count(STDIN) > 1:
        _error("- (stdin) can be read only once")
        return EXIT_USAGE
    target_file = _single_output_file(options.out, inputs)
    if target_file is not None:
        try:
            target_file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            _error(f"{target_file.parent}: cannot create folder: {error.strerror or error}")
            return EXIT_USAGE
    elif options.out is not None:
        if options.out.exists() and not options.out.is_dir():
            _error(f"{options.out}: is a file; several inputs need a folder for --out")
            return EXIT_USAGE
        try:
            options.out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            _error(f"{options.out}: cannot create output folder: {error.strerror or error}")
            return EXIT_USAGE
    status = EXIT_OK
    written: set[str] = set()
    several = len(inputs) > 1
    for name, text in _read_inputs(inputs):
        if text is None:
            status = EXIT_INPUT_FAILED
            continue
        output = pipeline.run(text)
        if options.out is None:
            sys.stdout.buffer.write(output.encode("utf-8") + (b"\n" if several else b""))
            sys.stdout.buffer.flush()
            continue
        target = target_file or options.out / f"{Path(name).stem}.txt"
        if not _write_output(target, name, output, written, options.overwrite):
            status = EXIT_INPUT_FAILED
    return status


def _single_output_file(out: Path | None, inputs: Sequence[str]) -> Path | None:
    """`--out` as the one output file, or None when it is a folder (or not given)."""
    if out is None or len(inputs) != 1 or out.is_dir():
        return None
    if str(out).endswith(("/", os.sep)) or not out.suffix:
        return None
    return out


def _read_inputs(inputs: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """(name, text) for each input; text is None when it could not be read."""
    for name in inputs:
        try:
            if name == STDIN:
                yield "stdin", decode_text(sys.stdin.buffer.read(), "<stdin>").text
            else:
                yield name, read_text_file(name).text
        except InputError as error:
            _error(str(error))
            yield name, None


def _write_output(target: Path, name: str, output: str, written: set[str], overwrite: bool) -> bool:
    if str(target) in written:
        _error(f"{name}: not written: another input already wrote {target}")
        return False
    try:
        write_text_atomic(target, output, overwrite=overwrite)
    except FileExistsError:
        _error(f"{target}: exists already (use --overwrite to replace it)")
        return False
    except OSError as error:
        _error(f"{target}: cannot write: {error.strerror or error}")
        return False
    written.add(str(target))
    return True


def _error(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)
