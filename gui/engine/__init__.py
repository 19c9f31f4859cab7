"""The Textwash engine: rules, profiles, pipeline and explain, free of Qt.

    >>> from gui.engine import normalize
    >>> normalize("New York (Reuters) - 3 officials", "wordopt")
    'new york  reuters     officials'

The window, the CLI and this API run the same code on the same profile files,
so they give the same bytes. `normalize` and `explain` compile each profile
once and keep it (`cache.py`): calling them per text costs about what a
compiled `Pipeline.run` does.
"""

from __future__ import annotations

from gui.engine.cache import ProfileSpec, cached_pipeline, clear_cache
from gui.engine.edits import Edit, apply_edits
from gui.engine.explain.report import Explanation, RuleReport
from gui.engine.many import normalize_many
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
    "ProfileSpec",
    "Rule",
    "RuleReport",
    "RuleStep",
    "all_rules",
    "apply_edits",
    "cached_pipeline",
    "clear_cache",
    "explain",
    "get_rule",
    "load_preset",
    "load_profile",
    "normalize",
    "normalize_many",
    "preset_names",
    "resolve_profile",
    "save_profile",
]


def normalize(text: str, profile: ProfileSpec = DEFAULT_PRESET) -> str:
    """Normalize `text` with a preset name, a profile file path or a `Profile`."""
    return cached_pipeline(profile).run(text)


def explain(text: str, profile: ProfileSpec = DEFAULT_PRESET) -> Explanation:
    """Normalize `text` and report what each rule changed (and `origin` of the output)."""
    return cached_pipeline(profile).explain(text)
