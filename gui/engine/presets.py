"""Built-in presets (TOML files in `resources/presets/`) and profile lookup."""

from __future__ import annotations

from pathlib import Path

from gui.engine.profile import Profile, ProfileError, load_profile
from gui.io.resources import resource_path

DEFAULT_PRESET = "wordopt"


def preset_names() -> list[str]:
    """Built-in preset names, the default first, then alphabetical."""
    names = sorted(path.stem for path in resource_path("presets").glob("*.toml"))
    return sorted(names, key=lambda name: name != DEFAULT_PRESET)


def preset_path(name: str) -> Path:
    return resource_path("presets", f"{name}.toml")


def load_preset(name: str) -> Profile:
    if name not in preset_names():
        known = ", ".join(preset_names())
        raise ProfileError(f"no built-in preset named {name!r} (presets: {known})")
    return load_profile(preset_path(name))


def resolve_profile(name_or_path: str | Path) -> Profile:
    """A preset by name, or a profile file by path (anything with a / or .toml)."""
    text = str(name_or_path)
    if text in preset_names():
        return load_preset(text)
    path = Path(text)
    if path.suffix == ".toml" or path.exists() or "/" in text or "\\" in text:
        return load_profile(path)
    raise ProfileError(
        f"{text}: no preset or profile file by that name (presets: {', '.join(preset_names())})"
    )
