"""One audit: count a labelled dataset under one or more profiles, in one pass.

    >>> data = open_labelled("news.csv", label="label")
    >>> result = audit(data, [load_preset("wordopt"), load_preset("news-leak-safe")])
    >>> result.audits[0].leaks(10)[0].term                     # doctest: +SKIP
    'reuters'

Every record is read once and normalized with each profile (`None` stands for
the raw text, no rules), and only per-class document frequencies are kept.
A term whose score is at least `LEAK_SCORE` is called a leak.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from gui.engine.pipeline import Pipeline
from gui.engine.profile import Profile
from gui.workflow.audit.artefacts import (
    FIXABLE,
    MISSING,
    NO_RULE,
    ON,
    Coverage,
    MeasuredFix,
    artefact_of_rule,
    coverage,
)
from gui.workflow.audit.counting import ClassCounts, terms
from gui.workflow.audit.probes import Probe, probes_for
from gui.workflow.audit.scoring import TermScore, rank_terms, score_term, score_without
from gui.workflow.audit.source import LabelledDataset, Progress

# A one-term rule this good (balanced accuracy) is a shortcut a classifier will take.
LEAK_SCORE = 0.75
# A term this good is worth reporting as fixed when a profile halves its separation.
FIXED_FROM = 0.6
RAW_NAME = "raw text (no rules)"


def profile_sha256(profile: Profile | None) -> str:
    """The sha256 of the profile as Textwash saves it (`Profile.to_toml()`), hex."""
    text = profile.to_toml() if profile is not None else ""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Leak:
    """A ranked term with what the audit knows about its artefact."""

    score: TermScore
    coverage: Coverage

    @property
    def term(self) -> str:
        return self.score.term

    @property
    def is_leak(self) -> bool:
        return self.score.score >= LEAK_SCORE


@dataclass
class ProfileAudit:
    """The counts of a dataset under one profile (None: the raw text)."""

    profile: Profile | None
    counts: ClassCounts
    probes: list[Probe] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.profile.name if self.profile is not None else RAW_NAME

    @property
    def sha256(self) -> str:
        return profile_sha256(self.profile)

    def leaks(self, top: int = 20) -> list[Leak]:
        """The `top` terms that separate the classes most, best first."""
        return [Leak(score, self.coverage(score)) for score in rank_terms(self.counts, top)]

    def coverage(self, score: TermScore) -> Coverage:
        """The rule that takes the term out: measured by the probes where they ran."""
        listed = coverage(score.term, self.profile)
        if listed.state == ON:
            return listed
        best: tuple[float, Probe, TermScore] | None = None
        for probe in self.probes:
            after = score_without(self.counts, score.term, probe.lost_in(score.term))
            if best is None or after.score < best[0]:
                best = (after.score, probe, after)
        if best is not None and halved(score.score, best[0]):
            _after, probe, after = best
            lost = probe.lost_in(score.term).get(score.leans, 0)
            inside = score.count.get(score.leans, 0)
            fix = MeasuredFix(
                probe.setting, score.leans, lost / inside if inside else 0.0, after.score
            )
            return Coverage(score.term, FIXABLE, artefact_of_rule(probe.step.rule_id), fix)
        probed = {probe.step.rule_id for probe in self.probes}
        if listed.state == MISSING and listed.rule_id in probed:
            return Coverage(score.term, NO_RULE)  # measured: the rule would not take it out
        return listed

    def score(self, term: str) -> TermScore:
        """The term's score here; a term this profile never outputs is looked up
        casefolded (raw `Reuters` is `reuters` after a lowercasing profile)."""
        if not self.counts.frequency(term) and self.counts.frequency(term.casefold()):
            term = term.casefold()
        return score_term(self.counts, term)

    def uncovered(self, top: int = 20) -> list[Leak]:
        """Leaks among the top terms that no known rule removes."""
        return [leak for leak in self.leaks(top) if leak.is_leak and leak.coverage.state == NO_RULE]


@dataclass(frozen=True)
class Fix:
    """A leak of the first profile and its score under the second."""

    before: Leak
    after: TermScore


@dataclass
class AuditResult:
    """The audits of one dataset, one per profile, and what was left out."""

    path: str
    label: str
    audits: list[ProfileAudit]
    records: int = 0
    unlabelled: int = 0
    unreadable: int = 0
    first_problem: str = ""
    elapsed: float = 0.0
    bigrams: bool = False
    cancelled: bool = False
    every: int = 1  # 1: every record was read; n: every n-th (a sample)
    total: int = 0  # records in the dataset

    @property
    def classes(self) -> dict[str, int]:
        counts = self.audits[0].counts
        return {label: counts.documents[label] for label in counts.classes}

    def fixed(self, top: int = 20) -> list[Fix]:
        """The first profile's top terms (score `FIXED_FROM` or more) whose separation
        the last profile at least halves."""
        if len(self.audits) < 2:
            return []
        before, after = self.audits[0], self.audits[-1]
        fixes = [
            Fix(leak, after.score(leak.term))
            for leak in before.leaks(top)
            if leak.score.score >= FIXED_FROM
        ]
        return [fix for fix in fixes if halved(fix.before.score.score, fix.after.score)]


def halved(before: float, after: float) -> bool:
    """A change takes at least half of a term's separation (its score above 0.5) away."""
    return before > 0.5 and after - 0.5 <= (before - 0.5) / 2


def _unchanged(text: str) -> str:
    return text


def audit(
    data: LabelledDataset,
    profiles: Sequence[Profile | None],
    *,
    bigrams: bool = False,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    every: int = 1,
) -> AuditResult:
    """Read every record (or every `every`-th) once and count its terms under each profile."""
    started = time.monotonic()
    runs = [(Pipeline(p).run if p is not None else None) for p in profiles]
    audits = [ProfileAudit(p, ClassCounts(bigrams), probes_for(p, bigrams)) for p in profiles]
    records = 0
    for _index, label, raw in data.records(progress, should_stop, every):
        records += 1
        for run, profile_audit in zip(runs, audits, strict=True):
            found = terms(run(raw) if run is not None else raw, bigrams)
            profile_audit.counts.add_terms(label, found)
            for probe in profile_audit.probes:
                probe.add(label, raw, found, run or _unchanged)
    return AuditResult(
        path=str(data.path),
        label=data.label,
        audits=audits,
        records=records,
        unlabelled=data.unlabelled,
        unreadable=data.unreadable,
        first_problem=data.first_problem,
        elapsed=time.monotonic() - started,
        bigrams=bigrams,
        cancelled=bool(should_stop and should_stop()),
        every=every,
        total=len(data),
    )
