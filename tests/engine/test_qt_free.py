"""The Qt-free layers must never load Qt (checked in a clean interpreter).

import-linter states the same rule statically (pyproject.toml); this imports
every module of those layers for real, lazy imports included.
"""

import subprocess
import sys

from tests.conftest import REPO


def test_qt_free_layers_import_without_pyside6():
    code = (
        "import importlib, pkgutil, sys\n"
        "import gui.io, gui.engine, gui.workflow, gui.cli\n"
        "for package in (gui.io, gui.engine, gui.workflow, gui.cli):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "from gui.engine import normalize, all_rules\n"
        "normalize('Hello', 'wordopt'); all_rules()\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
