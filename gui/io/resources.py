"""Locate the `resources/` folder from a checkout and from an installed wheel.

In a checkout it sits beside the `gui` package; the wheel ships it inside the
package as `gui/resources` (see pyproject.toml, force-include).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def resources_dir() -> Path:
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if (candidate / "presets").is_dir():
            return candidate
    raise FileNotFoundError(f"Textwash resources not found beside {_PACKAGE}")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
