"""The Qt binding must not leak references to None (PySide6 6.12.0 on Python 3.11 does).

That bug aborts the interpreter with "none_dealloc" after a few thousand
calls such as `label.setText(...)`; pyproject.toml excludes the release. This
test catches a binding that brings it back, in a subprocess so a crash is a
failure and not the end of the test run.
"""

import os
import subprocess
import sys

CHECK = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for _ in range(50_000):
    label.setText("x")
print(sys.getrefcount(None) - before)
"""


def test_void_calls_keep_none_alive():
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, f"the Qt binding crashed: {result.stderr[-400:]}"
    assert abs(int(result.stdout.strip())) < 100
