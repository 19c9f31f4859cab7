"""Known leaking artefacts and the rule that takes each out.

A leaking term is often not a word of the text but a piece of an artefact
that comes with one source: Reuters datelines in true news, image credits in
fake news. For such terms the audit can name the rule that removes the
artefact, and say whether the profile runs it.

    >>> coverage("reuters", load_preset("wordopt")).advice     # doctest: +SKIP
    'news dateline: remove_dateline removes it (not run here)'

Terms match case-insensitively; a bigram matches when it is listed, or when
both of its words are. This list is the fallback: where the audit has
measured what a rule would remove (`probes`), the measurement decides.
Terms no rule takes out are the leaks no rule covers: the curator has to
look at them (topic words, or a source's habit that needs a rule of its own).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gui.engine.profile import Profile

# Coverage states.
NO_RULE = "no rule"  # no known artefact: no rule covers this term
MISSING = "missing"  # a rule would remove the artefact; the profile does not run it
MISSING_SETTING = "setting"  # the profile runs the rule, but not with the setting it needs
FIXABLE = "fixable"  # measured: adding the rule takes at least half the term's separation away
ON = "on"  # the profile runs the rule; a term that still leaks occurs outside the artefact


@dataclass(frozen=True)
class Artefact:
    """A source's artefact: the terms it leaves and the rule that removes it."""

    name: str
    example: str
    terms: frozenset[str]
    rule_id: str
    # What the rule's parameters must allow for it to catch the artefact.
    needs: Callable[[Mapping[str, Any], str], bool] | None = None
    needs_text: str = ""


def _agency_listed(params: Mapping[str, Any], term: str) -> bool:
    agencies = str(params.get("agencies", "Reuters"))
    return term.casefold() in {name.strip().casefold() for name in agencies.split(",")}


def _notes_on(params: Mapping[str, Any], term: str) -> bool:
    return bool(params.get("notes_and_bylines", False))


KNOWN_ARTEFACTS: tuple[Artefact, ...] = (
    Artefact(
        "news dateline",
        "WASHINGTON (Reuters) - ",
        frozenset({"reuters", "ap", "afp", "upi"}),
        "remove_dateline",
        _agency_listed,
        "with the agency in its `agencies` parameter",
    ),
    Artefact(
        "editor's note or byline before a dateline",
        "(Corrects headline) ... By Steve Holland",
        frozenset({"corrects", "refiles", "updates"}),
        "remove_dateline",
        _notes_on,
        "with `notes_and_bylines = true`",
    ),
    Artefact(
        "image credit",
        "Featured image via Getty Images",
        frozenset(
            {
                "featured",
                "image",
                "images",
                "via",
                "getty",
                "photo",
                "photos",
                "screengrab",
                "screenshot",
                "screen",
                "grab",
                "shot",
                "courtesy",
                "credit",
                "somodevilla",
            }
        ),
        "remove_image_credits",
    ),
    Artefact(
        "URL or embed",
        "https://t.co/xyz pic.twitter.com/abc",
        frozenset({"https", "http", "www", "com", "co", "pic", "html"}),
        "remove_urls",
    ),
)


@dataclass(frozen=True)
class MeasuredFix:
    """What adding an artefact rule would do to one term, as counted on the dataset."""

    setting: str  # the rule as a profile lists it
    leans: str  # the class the term points to
    removed: float  # share of the term's documents in that class that lose it
    after: float  # the term's score with the rule added


@dataclass(frozen=True)
class Coverage:
    """What the audit knows about one leaking term under one profile."""

    term: str
    state: str
    artefact: Artefact | None = None
    fix: MeasuredFix | None = None

    @property
    def rule_id(self) -> str | None:
        return self.artefact.rule_id if self.artefact else None

    @property
    def advice(self) -> str:
        """One line for a table or report."""
        artefact = self.artefact
        if artefact is None:
            return "no rule covers it"
        if self.state == FIXABLE and self.fix is not None:
            fix = self.fix
            return (
                f"{artefact.name}: {fix.setting} removes it from {fix.removed:.0%} of the "
                f"{fix.leans} documents that have it (score -> {fix.after:.3f})"
            )
        if self.state == ON:
            return f"{artefact.name}: {artefact.rule_id} is on (the term occurs outside it too)"
        if self.state == MISSING_SETTING:
            return (
                f"{artefact.name}: {artefact.rule_id} removes it {artefact.needs_text} "
                f"(not so set here)"
            )
        return f"{artefact.name}: {artefact.rule_id} removes it (not run here)"


def artefact_of_rule(rule_id: str) -> Artefact | None:
    """The first known artefact the rule removes."""
    return next((a for a in KNOWN_ARTEFACTS if a.rule_id == rule_id), None)


def artefact_for(term: str) -> Artefact | None:
    """The known artefact a term (or bigram) comes from, if any."""
    words = term.casefold().split(" ")
    for artefact in KNOWN_ARTEFACTS:
        if all(word in artefact.terms for word in words):
            return artefact
    return None


def coverage(term: str, profile: Profile | None) -> Coverage:
    """Whether `profile` runs the rule that removes the artefact `term` comes from."""
    artefact = artefact_for(term)
    if artefact is None:
        return Coverage(term, NO_RULE)
    state = MISSING
    for step in profile.steps if profile is not None else ():
        if step.enabled and step.rule_id == artefact.rule_id:
            if artefact.needs is None or artefact.needs(step.full_params(), term):
                return Coverage(term, ON, artefact)
            state = MISSING_SETTING
    return Coverage(term, state, artefact)
