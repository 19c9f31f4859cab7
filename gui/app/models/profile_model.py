"""The profile being tuned, and its undo history.

`Profile` values are immutable, so an undo step keeps the profile before and
after an edit: undo puts the old object back. Every change goes through a
`QUndoCommand` on `undo_stack` (except renaming on save, which is not an
edit), and every change, done or undone, emits `profile_changed(profile)`.
Invalid edits change nothing and say why (`rule_params_rejected`,
`protect_checked`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from gui.engine import (
    DEFAULT_PRESET,
    Profile,
    RuleStep,
    get_rule,
    load_preset,
    load_profile,
    save_profile,
)
from gui.engine.userpattern import check_pattern


class _ProfileCommand(QUndoCommand):
    """Replace the model's profile; undo puts the previous one back."""

    def __init__(self, model: ProfileModel, before: Profile, after: Profile, what: str) -> None:
        super().__init__(what)
        self._model = model
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._model.apply(self._after)

    def undo(self) -> None:
        self._model.apply(self._before)


class _MergingCommand(_ProfileCommand):
    """A profile edit that absorbs the next one with the same merge key.

    Typing in a parameter field applies after each pause; consecutive edits of
    the same field (same key) become one undo step, and an edit that ends where
    it began drops out of the stack.
    """

    ID = 0x7E57

    def __init__(self, model, before, after, what: str, merge_key: str) -> None:
        super().__init__(model, before, after, what)
        self._merge_key = merge_key

    def id(self) -> int:
        return self.ID if self._merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _MergingCommand) or other._merge_key != self._merge_key:
            return False
        self._after = other._after
        self.setObsolete(self._after == self._before)
        return True


def _step_title(step: RuleStep) -> str:
    name = str(step.params.get("name", "")).strip()
    return f"“{name or step.rule.label}”"


class ProfileModel(QObject):
    """The current profile (rules, order, parameters, protections) with undo."""

    profile_changed = Signal(object)
    # A parameter edit was refused (nothing changed): step index, parameter, why.
    rule_params_rejected = Signal(int, str, str)
    # Protect patterns were checked: one message per pattern given, "" when it is fine.
    protect_checked = Signal(list)

    def __init__(self, profile: Profile | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._profile = profile if profile is not None else load_preset(DEFAULT_PRESET)
        self.undo_stack = QUndoStack(self)

    @property
    def profile(self) -> Profile:
        return self._profile

    def set_profile(self, profile: Profile, what: str = "Change profile") -> None:
        if profile == self._profile:
            return
        self.undo_stack.push(_ProfileCommand(self, self._profile, profile, what))

    def apply(self, profile: Profile) -> None:
        """Make `profile` current without an undo step (the undo commands use this)."""
        self._profile = profile
        self.profile_changed.emit(profile)

    def set_rule_enabled(self, index: int, enabled: bool) -> None:
        step = self._profile.steps[index]
        if step.enabled == enabled:
            return
        verb = "Enable" if enabled else "Disable"
        self.set_profile(self._profile.with_enabled(index, enabled), f"{verb} “{step.rule.label}”")

    def move_rule(self, source: int, destination: int) -> None:
        if source == destination:
            return
        label = self._profile.steps[source].rule.label
        self.set_profile(self._profile.moved(source, destination), f"Move “{label}”")

    def add_rule(self, rule_id: str, index: int | None = None, params: dict | None = None) -> int:
        """Insert a step (at the end by default); returns its index.

        ValueError if the rule may appear only once and already does, or if
        `params` are not valid for it.
        """
        rule = get_rule(rule_id)
        steps = self._profile.steps
        if not rule.repeatable and any(step.rule_id == rule_id for step in steps):
            raise ValueError(f"“{rule.label}” is already in the profile")
        index = len(steps) if index is None else max(0, min(index, len(steps)))
        profile = self._profile.with_step(RuleStep(rule_id), index)
        if params:
            profile = profile.with_params(index, **params)
        self.set_profile(profile, f"Add {_step_title(profile.steps[index])}")
        return index

    def remove_rule(self, index: int) -> None:
        step = self._profile.steps[index]
        self.set_profile(self._profile.without_step(index), f"Remove {_step_title(step)}")

    def set_rule_params(self, index: int, params: dict, merge_key: str = "") -> bool:
        """Change a step's parameters, undoably; False (and `rule_params_rejected`) if invalid.

        The new values must pass the parameter checks and the rule must build
        with them (a replacement must fit its pattern's groups), so an invalid
        value changes nothing. Edits with the same non-empty `merge_key` in a
        row become one undo step.
        """
        try:
            profile = self._profile.with_params(index, **params)
            step = profile.steps[index]
            step.rule.transform(**step.params)
        except (ValueError, OSError) as error:  # ParamError is a ValueError
            self.rule_params_rejected.emit(index, next(iter(params), ""), str(error))
            return False
        if profile != self._profile:
            what = f"Edit {_step_title(self._profile.steps[index])}"
            self.undo_stack.push(_MergingCommand(self, self._profile, profile, what, merge_key))
        return True

    def set_protect(self, patterns: list[str], merge_key: str = "") -> bool:
        """Set the protect patterns (empty ones are dropped); False if any is invalid.

        `protect_checked` carries one message per pattern; with any invalid
        pattern the profile keeps its previous protections.
        """
        errors = []
        for pattern in patterns:
            try:
                check_pattern(pattern)
            except ValueError as error:
                errors.append(str(error))
            else:
                errors.append("")
        self.protect_checked.emit(errors)
        if any(errors):
            return False
        profile = self._profile.with_protect(tuple(p for p in patterns if p))
        if profile != self._profile:
            what = "Edit protected spans"
            self.undo_stack.push(_MergingCommand(self, self._profile, profile, what, merge_key))
        return True

    def select_preset(self, name: str) -> None:
        """Switch to a built-in preset; ProfileError if there is none by that name."""
        self.set_profile(load_preset(name), f"Switch to preset “{name}”")

    def open_profile(self, path: str | Path) -> None:
        """Load a profile file; ProfileError (in words) if it is malformed."""
        profile = load_profile(path)
        self.set_profile(profile, f"Open profile “{profile.name}”")

    def save_profile(self, path: str | Path) -> None:
        """Write the current profile, named after the file, as TOML."""
        profile = self._profile.renamed(Path(path).stem)
        save_profile(profile, path)
        if profile != self._profile:
            # Renaming is not an edit worth an undo step.
            self.apply(profile)
