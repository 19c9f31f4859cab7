"""Number rules: delete digits, replace whole numbers by a token.

(Deleting words that contain a digit is the seed rule `remove_digit_words`.)
`\\d` is Unicode-aware: Arabic-Indic and other decimal digits count, `²` does not.
"""

from __future__ import annotations

import re

from gui.engine.rule import Param, Reach, RegexTransform, Rule

CATEGORY = "Numbers"

DIGIT_PATTERN = re.compile(r"\d")
# A number standing on its own: optional sign, digits with , or . groups
# (1,000,000 and 3.14 are one number each). It may not start inside a word
# or right after a separator, nor end inside a word (covid19, 3rd stay).
NUMBER_PATTERN = re.compile(r"(?<![\w.,])(?:[-+−](?=\d))?\d+(?:[.,]\d+)*(?!\w)")


REMOVE_DIGITS = Rule(
    id="remove_digits",
    label="Delete digits",
    description="Delete every decimal digit (any script), or replace each with a character.",
    build=lambda replacement: RegexTransform(DIGIT_PATTERN, replacement),
    params=(
        Param(
            "replacement",
            str,
            "",
            "Text put in place of each digit; empty deletes it (0 masks digits).",
            monospace=True,
        ),
    ),
    reach=Reach.CHARACTER,  # one digit at a time
    category=CATEGORY,
    examples=(("covid19 in 2020", "covid in "), ("٣ apples", " apples"), ("x²", "x²")),
)

REPLACE_NUMBERS = Rule(
    id="replace_numbers",
    label="Numbers to a token",
    description=(
        "Replace each stand-alone number (-3, 1,000, 3.14) with a token; digits inside "
        "words (covid19, 3rd) stay."
    ),
    build=lambda replacement: RegexTransform(NUMBER_PATTERN, replacement),
    params=(
        Param(
            "replacement",
            str,
            "<NUMBER>",
            "Text put in place of each number; empty deletes it.",
            monospace=True,
        ),
    ),
    reach=Reach.SPACE,  # no whitespace in a number; its lookarounds take it as a text end
    category=CATEGORY,
    examples=(
        ("paid $1,200.50 for 3rd", "paid $<NUMBER> for 3rd"),
        ("-3 to 10-4.", "<NUMBER> to <NUMBER>-<NUMBER>."),
    ),
)

# This family's rules, in catalogue order: the registry collects them.
RULES = (
    REMOVE_DIGITS,
    REPLACE_NUMBERS,
)
