"""Measured, not guessed: what running an artefact rule first would take out of the output.

For each known artefact rule the profile does not run, every record is also
normalized with the artefact removed first (only where the rule finds one),
and the terms that disappear from the output are counted per class. Then for
any term the audit can say how its score would change with the rule added,
and attribute a leak to the rule that removes it: a city name in Reuters
datelines (`washington`) is found this way without a list of cities.

    >>> probe = Probe(PROBE_STEPS[0])            # the news dateline rule
    >>> probe.add("true", raw, found, run)       # found: terms(run(raw))

Costs one more normalization of each record an artefact rule matches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from gui.engine.profile import Profile, RuleStep
from gui.workflow.audit.counting import terms

# The artefact rules probed, with the settings that catch the most of their artefact.
PROBE_STEPS: tuple[RuleStep, ...] = (
    RuleStep("remove_dateline", params={"notes_and_bylines": True}),
    RuleStep("remove_image_credits"),
    RuleStep("remove_urls"),
)


class Probe:
    """Per class: in how many documents each term exists only because of the artefact."""

    def __init__(self, step: RuleStep, bigrams: bool = False) -> None:
        self.step = step
        self.bigrams = bigrams
        self._remove = step.rule.transform(**step.params).apply
        self.lost: dict[str, Counter[str]] = {}

    @property
    def setting(self) -> str:
        """The rule as a profile would list it: `remove_dateline (notes_and_bylines = true)`."""
        if not self.step.params:
            return self.step.rule_id
        values = ", ".join(f"{name} = {_toml(value)}" for name, value in self.step.params.items())
        return f"{self.step.rule_id} ({values})"

    def add(self, label: str, raw: str, found: set[str], run: Callable[[str], str]) -> None:
        """Count the terms of `found` (the output's terms) that removing the artefact drops."""
        stripped = self._remove(raw)
        if stripped == raw:
            return
        lost = found - terms(run(stripped), self.bigrams)
        if lost:
            counter = self.lost.get(label)
            if counter is None:
                counter = self.lost[label] = Counter()
            counter.update(lost)

    def lost_in(self, term: str) -> dict[str, int]:
        """Per class, the documents that would no longer contain `term`."""
        return {label: counter[term] for label, counter in self.lost.items() if counter[term]}


def probes_for(profile: Profile | None, bigrams: bool = False) -> list[Probe]:
    """A probe for each artefact rule that `profile` does not run."""
    running = {s.rule_id for s in profile.steps if s.enabled} if profile is not None else set()
    return [Probe(step, bigrams) for step in PROBE_STEPS if step.rule_id not in running]


def _toml(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else repr(value)
