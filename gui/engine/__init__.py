"""The Textwash engine: rules, profiles, pipeline and explain, free of Qt.

    >>> from gui.engine import normalize
    >>> normalize("New York (Reuters) - 3 officials", "wordopt")
    'new york  reuters     officials'

The window, the CLI and this API run the same code on the same profile files,
so they give the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from gui.engine.edits import Edit, apply_edits
from gui.engine.explain.report import Explanation, RuleReport
from gui.engine.pipeline import Pipeline
from gui.engine.presets import DEFAULT_PRESET, load_preset, preset_names, resolve_profile
from gui.engine.profile import Profile, ProfileError, RuleStep, load_profile, save_profile
from gui.engine.registry import all_rules, get_rule
from gui.engine.rule import Param, Rule

__all__ = [
    "DEFAULT_PRESET",
    "Edit",
    "Explanation",
    "Param",
    "Pipeline",
    "Profile",
    "ProfileError",
    "Rule",
    "RuleReport",
    "RuleStep",
    "all_rules",
    "apply_edits",
    "explain",
    "get_rule",
    "load_preset",
    "load_profile",
    "normalize",
    "preset_names",
    "resolve_profile",
    "save_profile",
]


def _pipeline(profile: Profile | str | Path) -> Pipeline:
    return Pipeline(profile if isinstance(profile, Profile) else resolve_profile(profile))


def normalize(text: str, profile: Profile | str | Path = DEFAULT_PRESET) -> str:
    """Normalize `text` with a profile, a preset name, or a profile file path."""
    return _pipeline(profile).run(text)


def explain(text: str, profile: Profile | str | Path = DEFAULT_PRESET) -> Explanation:
    """Normalize `text` and report what each rule changed."""
    return _pipeline(profile).explain(text)
