"""The engine and the CLI must never load Qt (checked in a clean interpreter)."""

import subprocess
import sys

from tests.conftest import REPO


def test_engine_and_cli_import_without_pyside6():
    code = (
        "import sys, gui.engine, gui.cli\n"
        "from gui.engine import normalize, all_rules\n"
        "normalize('Hello', 'wordopt'); all_rules()\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
