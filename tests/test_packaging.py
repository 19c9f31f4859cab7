"""The wheel carries the resources (presets load from an installed copy) and full metadata."""

import email
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    if shutil.which("hatchling") is None and not _has_hatchling():
        pytest.skip("hatchling is not installed (pip install -e '.[test]' brings it)")
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(dist)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    (built,) = dist.glob("textwash-*.whl")
    return built


@pytest.mark.slow
def test_wheel_finds_its_presets_outside_the_checkout(wheel, tmp_path):
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


@pytest.mark.slow
def test_wheel_has_licence_types_marker_and_full_metadata(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [name for name in names if name.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(metadata_name))
        licence = archive.read(metadata_name.replace("METADATA", "licenses/LICENSE"))
    assert licence.startswith(b"MIT License")
    assert (REPO / "LICENSE").read_bytes() == licence
    assert "gui/py.typed" in names
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Author-email"] and metadata["Keywords"]
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL"))
    assert {"Homepage", "Repository", "Issues", "Documentation"} <= set(urls)
    classifiers = metadata.get_all("Classifier")
    assert "Typing :: Typed" in classifiers
    assert "Programming Language :: Python :: 3.11" in classifiers
    extras = metadata.get_all("Provides-Extra")
    assert {"test", "sklearn", "datatrove"} <= set(extras)


def _has_hatchling() -> bool:
    try:
        import hatchling  # noqa: F401
    except ImportError:
        return False
    return True
