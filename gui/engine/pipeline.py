"""Run a profile on text: the output alone, or the output with its explanation.

`Pipeline(profile)` compiles each enabled step once; `run` is the hot path
(the CLI, batch runs, the live preview), `explain` adds per-rule counts and
spans mapped back to the original text (gui/engine/explain/). When every
enabled rule stays within a line (see `Reach`), a long text is explained
in blocks of whole lines, and `preview(text)` keeps a text's output and
explanation current edit by edit, re-running only the lines an edit touched.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cached_property, partial

from gui.engine.explain.explainer import (
    FirstMatch,
    Statuses,
    StepWork,
    collector_paused,
    explain_steps,
    first_match,
)
from gui.engine.explain.fused import WORDOPT_ORDER, wordopt_works
from gui.engine.explain.origin import OriginMap
from gui.engine.explain.report import Explanation, RuleReport
from gui.engine.fastpath import compile_profile, inert_steps, wordopt
from gui.engine.profile import Profile
from gui.engine.protect import Protection
from gui.engine.rule import Transform

# Texts longer than this are explained in blocks of whole lines, when the
# profile allows it: the transient objects of explain stay those of one block.
EXPLAIN_BLOCK_CHARS = 1 << 20


class Pipeline:
    """A profile compiled for running; it pickles as its profile.

    >>> from gui.engine import Pipeline, load_preset
    >>> Pipeline(load_preset("wordopt")).run("Covid19 hit U.S. [sic]")
    ' hit u s  '
    """

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._transforms: list[Transform | None] = [
            step.rule.transform(**step.params) if step.enabled else None for step in profile.steps
        ]
        # Only profiles with protect patterns pay for protection.
        self._protection = Protection(profile.protect) if profile.protect else None
        # A fused equivalent for common presets (see fastpath.py), else None.
        self._fast = compile_profile(profile)
        # Steps that cannot change anything where they stand: explain skips them.
        self.inert = inert_steps(profile)
        # Labels look rules up by id: once per profile, not once per explain.
        self._labels = [step.label for step in profile.steps]
        self._rule_ids = [step.rule_id for step in profile.steps]
        # Explain from the fast path's facts (explain/fused.py), where it has
        # them: the wordopt steps in their places (a fused profile may have
        # other steps switched off, and its inert steps off or missing).
        fused = self._fast is wordopt and tuple(self._rule_ids) == WORDOPT_ORDER
        self._fused_works = wordopt_works if fused else None
        self.statuses = Statuses(self._transforms, self._labels, lambda: self._blockers)

    @property
    def transforms(self) -> list[Transform | None]:
        return self._transforms

    def __reduce__(self) -> tuple[type[Pipeline], tuple[Profile]]:
        # Compiled rules hold closures and compiled patterns, which do not
        # pickle: a pickled pipeline is its profile, compiled again on loading
        # (in a worker process, from joblib.load). Same profile, same bytes.
        return (Pipeline, (self.profile,))

    def __repr__(self) -> str:
        return f"Pipeline({self.profile.name!r}, {len(self.profile.steps)} steps)"

    def run(self, text: str) -> str:
        if self._fast is not None:
            return self._fast(text)
        return self.run_generic(text)

    def run_generic(self, text: str) -> str:
        """Each enabled step in turn: the reference the fast path is checked against."""
        if self._protection is not None:
            return self._protection.run(self._transforms, text)
        for transform in self._transforms:
            if transform is not None:
                text = transform.apply(text)
        return text

    def __call__(self, text: str) -> str:
        return self.run(text)

    @cached_property
    def seam(self):
        """What a line feed becomes through this profile, or None if lines do not split.

        See gui/engine/explain/lines.py: a profile splits at line feeds when
        each enabled step splits around what the earlier steps made of one.
        """
        from gui.engine.explain.lines import find_seam

        return find_seam(self)

    def explain(self, text: str, *, edits: bool = False) -> Explanation:
        """The output and each step's report; `edits=True` keeps each step's edits too."""
        # Explain makes many small objects on a long text and frees none of
        # them until it returns: the cyclic garbage collector would only
        # rescan them, again and again as they accumulate. It creates no
        # cycles, so the collector pauses while it runs.
        with collector_paused():
            began = time.perf_counter()
            if not edits and len(text) > EXPLAIN_BLOCK_CHARS and self.seam is not None:
                from gui.engine.explain.lines import explain_in_blocks

                works, output = explain_in_blocks(self, text, EXPLAIN_BLOCK_CHARS)
                notes: tuple[str, ...] = ()
            elif self._protection is not None:
                guard = self._protection.guard(text)
                works, output = explain_steps(self._transforms, text, guard, edits, self.inert)
                notes = guard.notes
            elif edits:
                works, output = explain_steps(self._transforms, text, None, True, self.inert)
                notes = ()
            else:
                works, output = self.works(text)
                notes = ()
            return self.explanation(text, output, works, began, notes)

    def works(self, text: str) -> tuple[list[StepWork], str]:
        """Each step's work on `text` (no protection, no edits kept), and the output."""
        if self._fused_works is not None:
            fused = self._fused_works(text, len(self._transforms))
            if fused is not None:
                return fused
        return explain_steps(self._transforms, text, inert=self.inert)

    def explanation(
        self,
        text: str,
        output: str,
        works: list[StepWork],
        began: float,
        notes: tuple[str, ...] = (),
        first: Callable[[int], FirstMatch] | None = None,
    ) -> Explanation:
        """An `Explanation` of these works; `first(i)` gives step i's first raw match.

        By default that is a scan of `text` with step i's rule, made only if
        its status needs it (see `Statuses.all`).
        """
        if first is None:
            transforms = self._transforms

            def first(index: int) -> FirstMatch:
                transform = transforms[index]  # (asked of enabled steps only)
                return None if transform is None else first_match(transform, text)

        statuses = self.statuses.all(works, first)
        reports = RuleReport.made_all(self._rule_ids, self._labels, works, statuses)
        seconds = time.perf_counter() - began
        origin = partial(self.origin_map, text)
        return Explanation.made(text, output, reports, seconds, notes, origin)

    def origin_map(self, text: str) -> OriginMap:
        """Where each part of this profile's output on `text` came from in `text`."""
        guard = self._protection.guard(text) if self._protection is not None else None
        origin = OriginMap(len(text))
        explain_steps(self._transforms, text, guard, False, self.inert, origin=origin)
        return origin

    def preview(self, text: str):
        """A `LinePreview` of `text`: output and explanation kept current edit by edit."""
        from gui.engine.explain.lines import LinePreview

        return LinePreview(self, text)

    @cached_property
    def _blockers(self) -> dict[int, int]:
        """Steps whose rule examples never survive the steps before them.

        A rule's documented examples are texts it changes. If, after some
        prefix of the profile, none of them is changed any more, the rule is
        dead on every text; the step that ended it is given by index.
        """
        blockers: dict[int, int] = {}
        for index, transform in enumerate(self._transforms):
            rule = self.profile.steps[index].rule
            samples = [sample for sample, _ in rule.examples]
            if transform is None or not any(_changes(transform, s) for s in samples):
                continue
            for earlier in range(index):
                before = self._transforms[earlier]
                if before is None:
                    continue
                samples = [before.apply(sample) for sample in samples]
                if not any(_changes(transform, sample) for sample in samples):
                    blockers[index] = earlier
                    break
        return blockers


def _changes(transform: Transform, text: str) -> bool:
    return next(iter(transform.edits(text)), None) is not None
