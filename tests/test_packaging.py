"""The wheel carries the resources: presets load from an installed copy."""

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_wheel_finds_its_presets_outside_the_checkout(tmp_path):
    if shutil.which("hatchling") is None and not _has_hatchling():
        pytest.skip("hatchling is not installed (pip install -e '.[test]' brings it)")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "dist")],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("textwash-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    assert (site / "gui" / "resources" / "presets" / "wordopt.toml").is_file()
    code = (
        "import gui, gui.engine as e; "
        "print(gui.__file__); print(e.normalize('A [b] C1', 'wordopt')); "
        "print(','.join(e.preset_names()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
    )
    location, output, presets = result.stdout.splitlines()
    assert location.startswith(str(site))
    assert output == "a  "
    assert "wordopt" in presets.split(",")


def _has_hatchling() -> bool:
    try:
        import hatchling  # noqa: F401
    except ImportError:
        return False
    return True
