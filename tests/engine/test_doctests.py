"""The examples in the engine's docstrings are tests: every `>>>` line in gui/engine runs.

Only the engine: its examples are pure and quick, and a reader copies them
into their own code. They are found with the standard library's doctest
rather than pytest's `--doctest-modules`, which would import every helper
module under tests/ as well (`tests/app/broken_rule.py` registers a rule when
imported).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import gui.engine

MODULES = ["gui.engine"] + [
    module.name for module in pkgutil.walk_packages(gui.engine.__path__, "gui.engine.")
]
_FINDER = doctest.DocTestFinder(exclude_empty=True)
EXAMPLES = [
    test
    for name in MODULES
    for test in _FINDER.find(importlib.import_module(name))
    if test.examples
]


def test_the_engine_has_docstring_examples():
    assert "gui.engine" in {test.name for test in EXAMPLES}  # the facade's, at least


@pytest.mark.parametrize("test", EXAMPLES, ids=lambda test: test.name)
def test_docstring_example(test: doctest.DocTest):
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test, out=report.append)
    assert result.failed == 0, "".join(report)
