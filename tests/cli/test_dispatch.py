"""`textwash` does what it says: commands, modes, options and errors, as subprocesses."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib

import pytest

from gui.engine import normalize
from tests.cli.test_cli import run_cli
from tests.conftest import REPO, SMALL_CSV, SMALL_JSONL

README = (REPO / "README.md").read_text(encoding="utf-8")


def _err(result: subprocess.CompletedProcess) -> str:
    return result.stderr.decode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["clena", "file.txt"], "unknown command 'clena' (did you mean 'clean'?"),
        (["rule"], "unknown command 'rule' (did you mean 'rules'?"),
        (["frobnicate", "x"], "unknown command 'frobnicate' (commands: clean, verify, audit,"),
        (["missing.txt"], "missing.txt: not found"),
    ],
)
def test_what_is_not_a_command_or_a_file_is_an_error_not_the_window(args, message):
    result = run_cli(*args)
    assert result.returncode == 2
    lines = _err(result).splitlines()
    assert len(lines) == 1 and lines[0].startswith("textwash: ") and message in lines[0]
    assert "Qt" not in lines[0] and "plugin" not in lines[0]


def test_a_missing_file_among_existing_ones_and_a_folder_are_errors(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    result = run_cli("a.txt", "b.txt", cwd=tmp_path)
    assert result.returncode == 2 and "b.txt: not found" in _err(result)
    result = run_cli(tmp_path)
    assert result.returncode == 2 and "is a folder" in _err(result)


def test_only_the_window_arguments_reach_the_window():
    """In-process: an error never imports Qt."""
    code = (
        "import sys\n"
        "from gui.cli import main\n"
        "codes = [main(['clena', 'x.txt']), main(['nope.csv']), main(['help'])]\n"
        "print(codes, 'PySide6' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.splitlines()[-1] == "[2, 2, 0] False"


def test_help_lists_commands_and_help_command_shows_a_commands_help():
    result = run_cli("help")
    assert result.returncode == 0
    for command in ("clean", "presets", "rules", "completion", "help"):
        assert command in result.stdout.decode()
    clean = run_cli("help", "clean")
    assert clean.returncode == 0 and b"--overwrite" in clean.stdout


def _datasets(tmp_path):
    """One small dataset per suffix the README's dataset table lists, plus a folder."""
    suffixes = set(
        re.findall(r"`(\.[a-z]+)`", README.split("### Datasets Textwash opens")[1].split("\n#")[0])
    )
    suffixes.add(".json")  # detect_kind reads it as JSONL too
    assert {".csv", ".tsv", ".tab", ".jsonl", ".ndjson"} <= suffixes
    made = {}
    for suffix in sorted(suffixes - {".txt"}):
        path = tmp_path / f"data{suffix}"
        if suffix == ".csv":
            shutil.copy(SMALL_CSV, path)
        elif suffix in {".tsv", ".tab"}:
            path.write_text("title\ttext\nOne\tFirst TEXT 1\nTwo\tSecond (x)\n", "utf-8")
        else:
            shutil.copy(SMALL_JSONL, path)
        made[suffix] = path
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text("Folder TEXT", encoding="utf-8")
    made["folder"] = folder
    return made


def test_every_dataset_suffix_the_readme_lists_runs_in_dataset_mode(tmp_path):
    for suffix, path in _datasets(tmp_path).items():
        corpus = tmp_path / f"corpus-{suffix.strip('.')}"
        # No dataset-only option: the input alone decides the mode.
        result = run_cli("clean", path, "-o", corpus)
        assert result.returncode == 0, (suffix, _err(result))
        entries = (corpus / "manifest.jsonl").read_text("utf-8").splitlines()
        assert entries and all(json.loads(e)["status"] == "saved" for e in entries), suffix


def test_quiet_on_a_text_file_is_text_mode(tmp_path):
    (tmp_path / "file.txt").write_text("Hello, WORLD 2016", encoding="utf-8")
    result = run_cli("clean", "-q", "file.txt", cwd=tmp_path)
    assert result.returncode == 0, _err(result)
    assert result.stdout == normalize("Hello, WORLD 2016").encode()


def test_the_real_error_comes_first(tmp_path):
    result = run_cli("clean", "missing.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert _err(result).strip() == "textwash clean: missing.csv: not found"
    result = run_cli("clean", "-q", "missing.txt", cwd=tmp_path)
    assert result.returncode == 1 and "missing.txt" in _err(result)
    assert "required" not in _err(result)
    result = run_cli("clean", SMALL_CSV, cwd=tmp_path)  # a dataset needs its corpus folder
    assert result.returncode == 2 and "--out" in _err(result)


def test_options_of_the_other_mode_are_named(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    result = run_cli("clean", "a.txt", "--column", "body", cwd=tmp_path)
    assert result.returncode == 2
    assert "--column: only for a dataset" in _err(result) and "a.txt" in _err(result)
    result = run_cli("clean", SMALL_CSV, "-o", tmp_path / "c", "--overwrite")
    assert result.returncode == 2 and "--overwrite: only for text files" in _err(result)
    result = run_cli("clean", SMALL_CSV, "a.txt", "-o", "c", cwd=tmp_path)
    assert result.returncode == 2 and "cannot mix datasets" in _err(result)


def test_the_same_short_options_in_both_modes(tmp_path):
    (tmp_path / "a.txt").write_text("Alpha, BETA <b>x</b>", encoding="utf-8")
    corpus = tmp_path / "corpus"
    result = run_cli("clean", SMALL_CSV, "-p", "clean", "-o", corpus, "-q", "-j", "1")
    assert result.returncode == 0 and _err(result) == ""
    lines = (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    marker = tomllib.loads((corpus / "corpus.toml").read_text(encoding="utf-8"))
    names = {p["sha256"]: p["profile"]["name"] for p in marker["profiles"]}
    assert {names[json.loads(line)["profile_sha256"]] for line in lines} == {"clean"}
    result = run_cli("clean", "a.txt", "-p", "clean", "-o", "out.txt", "-q", cwd=tmp_path)
    assert result.returncode == 0, _err(result)
    assert (tmp_path / "out.txt").read_text("utf-8") == normalize("Alpha, BETA <b>x</b>", "clean")


def test_dash_reads_stdin_and_o_file_writes_that_file(tmp_path):
    result = run_cli("clean", "-", stdin=b"Hello, World!")
    assert result.returncode == 0 and result.stdout == normalize("Hello, World!").encode()
    result = run_cli("clean", "-", "-o", "out.txt", stdin=b"Hello, World!", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == b""
    assert (tmp_path / "out.txt").is_file()
    assert (tmp_path / "out.txt").read_text("utf-8") == normalize("Hello, World!")
    again = run_cli("clean", "-", "-o", "out.txt", stdin=b"Other", cwd=tmp_path)
    assert again.returncode == 1 and "exists already" in _err(again)
    forced = run_cli("clean", "-", "-o", "out.txt", "--overwrite", stdin=b"Other", cwd=tmp_path)
    assert forced.returncode == 0 and (tmp_path / "out.txt").read_text("utf-8") == "other"
    nested = run_cli("clean", "-", "-o", "sub/dir/out.txt", stdin=b"A", cwd=tmp_path)
    assert nested.returncode == 0 and (tmp_path / "sub/dir/out.txt").read_text("utf-8") == "a"
    twice = run_cli("clean", "-", "-", stdin=b"A")
    assert twice.returncode == 2 and "only once" in _err(twice)


def test_one_input_with_an_existing_folder_or_a_name_without_suffix_is_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text("A b", encoding="utf-8")
    (tmp_path / "existing").mkdir()
    for out in ("existing", "new-folder", "slash/"):
        result = run_cli("clean", "a.txt", "-o", out, cwd=tmp_path)
        assert result.returncode == 0, _err(result)
        assert (tmp_path / out / "a.txt").read_text("utf-8") == "a b"
