"""The README stays true: its rule table is the registry's, its commands are real."""

import re

from gui.cli.dispatch import rules_markdown
from tests.conftest import REPO

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
