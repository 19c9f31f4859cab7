"""`textwash` as users run it: a subprocess, real files, stdin and stdout."""

import os
import subprocess
import sys

import pytest

from gui.engine import normalize
from tests.conftest import REPO


def run_cli(*args, stdin=b"", cwd=None):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "gui", *map(str, args)],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_seed_file_gives_001_exactly(seed_original, seed_normalized, tmp_path):
    source = tmp_path / "seed.txt"
    source.write_text(seed_original, encoding="utf-8", newline="")
    result = run_cli("clean", "--profile", "wordopt", source)
    assert result.returncode == 0, result.stderr
    assert result.stdout == seed_normalized.encode("utf-8")


def test_stdin_to_stdout():
    result = run_cli("clean", stdin=b"Hello, World! 2016")
    assert result.returncode == 0
    assert result.stdout == normalize("Hello, World! 2016").encode()


def test_several_files_to_stdout_one_per_line(tmp_path):
    for name, text in (("a.txt", "First ONE"), ("b.txt", "Second TWO")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli("clean", "-p", "clean", "a.txt", "b.txt", cwd=tmp_path)
    assert result.stdout == b"first one\nsecond two\n"


def test_out_folder_gets_one_file_per_input(tmp_path):
    (tmp_path / "a.txt").write_text("Alpha [x] 42", encoding="utf-8")
    (tmp_path / "b.md").write_text("Beta <i>b</i>", encoding="utf-8")
    out = tmp_path / "corpus" / "nested"
    result = run_cli("clean", "a.txt", "b.md", "--out", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert (out / "a.txt").read_bytes() == normalize("Alpha [x] 42").encode()
    assert (out / "b.txt").read_bytes() == normalize("Beta <i>b</i>").encode()
    again = run_cli("clean", "a.txt", "--out", out, cwd=tmp_path)
    assert again.returncode == 1 and b"exists already" in again.stderr
    assert run_cli("clean", "a.txt", "--out", out, "--overwrite", cwd=tmp_path).returncode == 0


def test_profile_file(tmp_path):
    profile = tmp_path / "mine.toml"
    profile.write_text('name = "mine"\n[[rules]]\nid = "lowercase"\n', encoding="utf-8")
    result = run_cli("clean", "--profile", profile, stdin=b"ABC def")
    assert result.stdout == b"abc def"


def test_bad_profile_is_one_line_and_status_2(tmp_path):
    profile = tmp_path / "bad.toml"
    profile.write_text('[[rules]]\nid = "sparkle"\n', encoding="utf-8")
    result = run_cli("clean", "--profile", profile, stdin=b"x")
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "bad.toml" in lines[0] and "rules[0].id" in lines[0]
    assert b"Traceback" not in result.stderr


def test_binary_input_fails_alone_and_others_still_run(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "good.txt").write_text("Still HERE", encoding="utf-8")
    result = run_cli("clean", "image.png", "missing.txt", "good.txt", cwd=tmp_path)
    assert result.returncode == 1
    errors = result.stderr.decode().strip().splitlines()
    assert len(errors) == 2
    assert "image.png" in errors[0] and "not a text file" in errors[0]
    assert "missing.txt" in errors[1]
    assert result.stdout == b"still here\n"


def test_presets_and_rules_listings():
    presets = run_cli("presets").stdout.decode().splitlines()
    assert presets[0].startswith("wordopt ")
    assert any(line.startswith("clean ") for line in presets)
    rules = run_cli("rules", "--markdown").stdout.decode()
    assert "| `remove_digit_words` |" in rules


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version(flag):
    result = run_cli(flag)
    assert result.returncode == 0 and b"textwash" in result.stdout
