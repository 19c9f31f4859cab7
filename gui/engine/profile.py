"""Profiles: an ordered list of rule steps, saved and loaded as TOML.

A profile is immutable; editing returns a new one, which makes undo in the
window a matter of keeping the old object. The TOML form:

    format = 1
    name = "my profile"
    description = "what it is for"

    protect = ["C\\+\\+", "U\\.S\\."]   # optional: patterns no rule may change

    [[rules]]
    id = "remove_urls"
    enabled = true          # optional, true by default
    replacement = "<URL>"   # the rule's parameters, by name

Every error names the file and the key that is wrong.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomli_w

from gui.engine.registry import all_rules, get_rule
from gui.engine.rule import ParamError, Rule
from gui.engine.userpattern import check_pattern
from gui.io.atomic import write_text_atomic
from gui.io.textio import PROFILE_LIMIT, read_limited

FORMAT_VERSION = 1
_TOP_LEVEL_KEYS = {"format", "name", "description", "protect", "rules"}
_STEP_KEYS = {"id", "enabled"}


class ProfileError(ValueError):
    """A profile file or value is malformed; the message says where and why."""


@dataclass(frozen=True)
class RuleStep:
    """One rule in a profile: which rule, whether it runs, its parameters."""

    rule_id: str
    enabled: bool = True
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def rule(self) -> Rule:
        return get_rule(self.rule_id)

    def full_params(self) -> dict[str, Any]:
        """The rule's defaults overlaid with this step's parameters."""
        return {**self.rule.defaults(), **self.params}

    @property
    def label(self) -> str:
        """How the step is named to a person: the rule's label, or "Regex: my rule".

        A user's own rule (`Rule.user_label`) is named by its `name`, or by
        its primary parameter (its pattern) while it has none.

        >>> RuleStep("regex_replace", params={"name": "times", "pattern": "[0-9]+pm"}).label
        'Regex: times'
        >>> RuleStep("find_replace", params={"find": "U.S."}).label
        'Find: U.S.'
        """
        rule = self.rule
        if not rule.user_label:
            return rule.label
        params = self.full_params()
        name = str(params["name"]).strip() or str(params.get(rule.primary_param, "")).strip()
        return f"{rule.user_label}: {name or '(unnamed)'}"


@dataclass(frozen=True)
class Profile:
    """An ordered list of rule steps with a name and a description."""

    name: str
    steps: tuple[RuleStep, ...] = ()
    description: str = ""
    # Regular expressions whose matches in the input no rule may change.
    protect: tuple[str, ...] = ()

    def with_enabled(self, index: int, enabled: bool) -> Profile:
        return self._with_step(index, replace(self.steps[index], enabled=enabled))

    def with_params(self, index: int, **params: Any) -> Profile:
        step = self.steps[index]
        checked = {name: _check_param(step.rule, name, value) for name, value in params.items()}
        return self._with_step(index, replace(step, params={**step.params, **checked}))

    def moved(self, source: int, destination: int) -> Profile:
        """The profile with the step at `source` moved to index `destination`."""
        steps = list(self.steps)
        steps.insert(destination, steps.pop(source))
        return replace(self, steps=tuple(steps))

    def with_step(self, step: RuleStep, index: int | None = None) -> Profile:
        steps = list(self.steps)
        steps.insert(len(steps) if index is None else index, step)
        return replace(self, steps=tuple(steps))

    def without_step(self, index: int) -> Profile:
        return replace(self, steps=self.steps[:index] + self.steps[index + 1 :])

    def renamed(self, name: str, description: str | None = None) -> Profile:
        return replace(
            self, name=name, description=self.description if description is None else description
        )

    def with_protect(self, patterns: tuple[str, ...] | list[str]) -> Profile:
        """The profile with these protect patterns; ParamError names a bad one."""
        for index, pattern in enumerate(patterns):
            try:
                check_pattern(pattern)
            except ParamError as error:
                raise ParamError(f"protect[{index}]: {error}") from None
        return replace(self, protect=tuple(patterns))

    def _with_step(self, index: int, step: RuleStep) -> Profile:
        return replace(self, steps=(*self.steps[:index], step, *self.steps[index + 1 :]))

    def to_dict(self) -> dict[str, Any]:
        """The TOML document as a dict (also what the corpus manifest records)."""
        rules = []
        for step in self.steps:
            entry: dict[str, Any] = {"id": step.rule_id, "enabled": step.enabled}
            entry.update(step.params)
            rules.append(entry)
        data: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "name": self.name,
            "description": self.description,
        }
        if self.protect:
            data["protect"] = list(self.protect)
        data["rules"] = rules
        return data

    def to_toml(self) -> str:
        return tomli_w.dumps(self.to_dict())


def _check_param(rule: Rule, name: str, value: Any) -> Any:
    param = rule.param_index.get(name)
    if param is None:
        known = ", ".join(rule.param_index) or "none"
        raise ParamError(f"unknown parameter for rule {rule.id!r} (its parameters: {known})")
    return param.validate(value)


def profile_from_dict(data: Mapping[str, Any], source: str, folder: Path | None = None) -> Profile:
    """Build a profile from parsed TOML; `source` names the file in errors.

    `folder` is where the profile file lives: relative file paths in it (a
    stop-word list) are taken from there, whatever the current folder, and
    kept as absolute paths so every process reads the same file.
    """
    unknown = set(data) - _TOP_LEVEL_KEYS
    if unknown:
        key = sorted(unknown)[0]
        expected = "expected format, name, description, protect, rules"
        raise ProfileError(f"{source}: {key}: unknown key ({expected})")
    version = data.get("format", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise ProfileError(f"{source}: format: version {version!r} is not supported (expected 1)")
    name = data.get("name", Path(source).stem)
    description = data.get("description", "")
    for key, value in (("name", name), ("description", description)):
        if not isinstance(value, str):
            raise ProfileError(f"{source}: {key}: must be a string")
    protect = _protect_patterns(data.get("protect", []), source)
    entries = data.get("rules")
    if not isinstance(entries, list) or not entries:
        raise ProfileError(f"{source}: rules: must be a non-empty list of [[rules]] tables")
    known_ids = {rule.id for rule in all_rules()}
    steps: list[RuleStep] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"{source}: rules[{index}]"
        if not isinstance(entry, Mapping):
            raise ProfileError(f"{where}: must be a table with an id")
        rule_id = entry.get("id")
        if not isinstance(rule_id, str):
            raise ProfileError(f"{where}.id: missing or not a string")
        if rule_id not in known_ids:
            hint = "`textwash rules` lists them"
            raise ProfileError(f"{where}.id: unknown rule {rule_id!r} ({hint})")
        rule = get_rule(rule_id)
        if rule_id in seen and not rule.repeatable:
            raise ProfileError(f"{where}.id: duplicate rule {rule_id!r} (it may appear only once)")
        seen.add(rule_id)
        enabled = entry.get("enabled", True)
        if not isinstance(enabled, bool):
            raise ProfileError(f"{where}.enabled: must be true or false")
        params = {}
        for key, value in entry.items():
            if key in _STEP_KEYS:
                continue
            try:
                params[key] = _check_param(rule, key, value)
                if folder is not None and rule.param_index[key].is_path and value:
                    params[key] = os.path.normpath(folder.absolute() / Path(value).expanduser())
            except ParamError as error:
                raise ProfileError(f"{where}.{key}: {error}") from None
        if enabled:
            _check_builds(rule, params, where)
        steps.append(RuleStep(rule_id, enabled, params))
    return Profile(name=name, steps=tuple(steps), description=description, protect=protect)


def _check_builds(rule: Rule, params: Mapping[str, Any], where: str) -> None:
    # Build the step once now, so what only building finds out (a stop-word list
    # that is missing, a pattern too large to compile) is a ProfileError naming
    # the profile file when it loads, not a traceback from the first record.
    try:
        rule.transform(**params)
    except ParamError as error:
        raise ProfileError(f"{where}: {error}") from None
    except (ValueError, OverflowError, RecursionError, MemoryError) as error:
        raise ProfileError(f"{where}: {rule.id}: cannot be built: {error}") from None


def _protect_patterns(value: Any, source: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ProfileError(f"{source}: protect: must be a list of regular expressions")
    for index, pattern in enumerate(value):
        if not isinstance(pattern, str):
            raise ProfileError(f"{source}: protect[{index}]: must be a string")
        try:
            check_pattern(pattern)
        except ParamError as error:
            raise ProfileError(f"{source}: protect[{index}]: {error}") from None
    return tuple(value)


def profile_from_toml(text: str, source: str, folder: Path | None = None) -> Profile:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:  # RecursionError: deep nesting
        raise ProfileError(f"{source}: not valid TOML: {error}") from None
    return profile_from_dict(data, source, folder)


def load_profile(path: str | Path) -> Profile:
    """Read a profile file; ProfileError (never a traceback) on any problem."""
    path = Path(path)
    try:
        raw = read_limited(path, PROFILE_LIMIT)  # issue 9: never /dev/zero into memory
    except OSError as error:
        raise ProfileError(f"{path}: cannot read profile: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: not a profile: the file is not UTF-8 text") from None
    return profile_from_toml(text, str(path), path.parent)


def save_profile(profile: Profile, path: str | Path) -> None:
    """Write the profile as TOML, atomically."""
    write_text_atomic(Path(path), profile.to_toml())
