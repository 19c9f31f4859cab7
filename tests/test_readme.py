"""The README stays true: its rule table is the registry's, its commands are real."""

import gzip
import os
import re
import shutil
import subprocess
import sys

import pytest

from gui.cli.dispatch import rules_markdown
from tests.conftest import REPO, SMALL_CSV, SMALL_JSONL

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_rule_table_matches_the_registry():
    assert rules_markdown() in README, (
        "README rule table is stale: paste `textwash rules --markdown`"
    )


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```sh\n(python3 -m venv .*)\n```", README)
    assert len(commands) == 2, "the README gives two set-up commands"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_layout_tree_names_real_packages():
    tree = README.split("### How the code is laid out", 1)[1].split("```", 2)[1]
    packages = re.findall(r"^  ([a-z]+)/", tree, flags=re.MULTILINE)
    assert packages == ["io", "engine", "workflow", "cli", "app"]
    for name in packages:
        assert (REPO / "gui" / name / "__init__.py").is_file(), name
    assert sorted(p.name for p in (REPO / "gui").iterdir() if p.suffix == ".py") == [
        "__init__.py",
        "__main__.py",
    ]


def _python_blocks(containing: str) -> list[str]:
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    found = [block for block in blocks if containing in block]
    assert found, f"no README Python block with {containing!r}"
    return found


def _run_block(code: str, cwd) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_the_pandas_recipe_runs(tmp_path):
    pytest.importorskip("pandas", reason="pandas not installed (CI installs it)")
    shutil.copy(SMALL_CSV, tmp_path / "news.csv")
    (block,) = _python_blocks("import pandas")
    _run_block(block + "\nassert df['clean'].str.len().gt(0).all()\n", tmp_path)


def test_the_scikit_learn_recipe_runs(tmp_path):
    pytest.importorskip("sklearn", reason="scikit-learn not installed (pip install '.[sklearn]')")
    (block,) = _python_blocks("TextwashTransformer")
    _run_block(block, tmp_path)
    assert (tmp_path / "model.joblib").is_file()


def test_the_datatrove_recipe_runs(tmp_path):
    pytest.importorskip("datatrove", reason="datatrove not installed (pip install '.[datatrove]')")
    pytest.importorskip("orjson", reason="orjson not installed (part of the datatrove extra)")
    (tmp_path / "raw").mkdir()
    shutil.copy(SMALL_JSONL, tmp_path / "raw" / "part.jsonl")
    (block,) = _python_blocks("TextwashNormalizer")
    _run_block(block, tmp_path)
    written = b"".join(gzip.decompress(p.read_bytes()) for p in (tmp_path / "clean").iterdir())
    assert written.count(b"\n") == len(SMALL_JSONL.read_bytes().splitlines())
