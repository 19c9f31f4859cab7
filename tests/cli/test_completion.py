"""Shell completion scripts, run in the real shells (each skipped where not installed)."""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys

import pytest

from gui.engine import preset_names
from tests.conftest import REPO


@functools.cache
def script(shell: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "gui", "completion", shell],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def _shell(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed here")
    return path


def bash_complete(words: list[str], tmp_path) -> list[str]:
    """COMPREPLY for the command line `words` (the last one being completed)."""
    scripts = tmp_path.parent / "scripts"
    scripts.mkdir(exist_ok=True)
    (scripts / "completion.bash").write_text(script("bash"), encoding="utf-8")
    quoted = " ".join(f"'{word}'" for word in words)
    code = (
        f"source '{scripts / 'completion.bash'}'\n"
        f"COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}\n"
        '_textwash; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        [_shell("bash"), "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_bash_completes_commands_options_presets_and_files(tmp_path):
    (tmp_path / "mine.toml").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    assert bash_complete(["textwash", "cl"], tmp_path) == ["clean"]
    assert bash_complete(["textwash", "comp"], tmp_path) == ["completion"]
    assert bash_complete(["textwash", "clean", "--pro"], tmp_path) == ["--profile"]
    # Dataset options too: one clean command, two modes.
    assert bash_complete(["textwash", "clean", "--col"], tmp_path) == ["--column"]
    profiles = bash_complete(["textwash", "clean", "-p", ""], tmp_path)
    assert set(preset_names()) | {"mine.toml"} <= set(profiles)
    assert "notes.txt" not in profiles
    assert bash_complete(["textwash", "clean", "--format", "j"], tmp_path) == ["jsonl"]
    assert bash_complete(["textwash", "clean", "no"], tmp_path) == ["notes.txt"]
    assert bash_complete(["textwash", "completion", "z"], tmp_path) == ["zsh"]


def test_zsh_script_loads(tmp_path):
    zsh = _shell("zsh")
    (tmp_path / "completion.zsh").write_text(script("zsh"), encoding="utf-8")
    code = (
        "autoload -U compinit && compinit -u && source completion.zsh && print ${_comps[textwash]}"
    )
    result = subprocess.run(
        [zsh, "-f", "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "_textwash"


def test_fish_completes_commands_and_options(tmp_path):
    fish = _shell("fish")
    (tmp_path / "textwash.fish").write_text(script("fish"), encoding="utf-8")

    def complete(line: str) -> list[str]:
        code = f"source textwash.fish; complete -C '{line}'"
        result = subprocess.run(
            [fish, "--no-config", "-c", code],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return [line.split("\t")[0] for line in result.stdout.splitlines()]

    assert "clean" in complete("textwash cl")
    assert "--profile" in complete("textwash clean --pro")
    assert set(preset_names()) <= set(complete("textwash clean --profile "))
    assert complete("textwash completion z") == ["zsh"]
