"""News-dataset artefacts: label leaks in ISOT-style data.

True (Reuters) articles open with a `CITY (Reuters) - ` dateline; fake ones
end with image credits such as "Featured image via Getty Images". A
classifier trained on such data learns the artefacts, not the news, so
curators strip them. Both rules only remove: the rest of the text is left
byte for byte (the tests compare on the shared ISOT sample).
"""

from __future__ import annotations

import re

from gui.engine.rule import Param, ParamError, Reach, RegexTransform, Rule, Transform

CATEGORY = "News artefacts"

_SPACE = r"[^\S\n]"
# Up to eight place-name words, the first in capitals, with no parentheses:
# WASHINGTON, NEW YORK, SACRAMENTO, Calif., WASHINGTON/KHOBAR, Saudi Arabia.
_PLACE = rf"(?:[A-Z][A-Z.'’&/-]*,?(?:{_SPACE}+[^\s()]+){{0,7}}?{_SPACE}*)?"
# A parenthesised editor's note, one level of nesting: (Corrects ...), ((This ...)).
_NOTE = rf"\((?:[^()\n]|\([^()\n]*\))*\){_SPACE}*"
# A byline: By Name Name and Name Name (capitalised words only, bounded).
_BYLINE = rf"By(?:{_SPACE}+(?:[A-Z][\w.'’-]*|and)){{1,12}}{_SPACE}+"


def _check_agencies(value: str) -> None:
    if not [name for name in value.split(",") if name.strip()]:
        raise ParamError("must name at least one agency (comma-separated, e.g. Reuters, AP)")


def _dateline_pattern(agencies: str, every_line: bool, notes_and_bylines: bool) -> re.Pattern[str]:
    names = "|".join(re.escape(name.strip()) for name in agencies.split(",") if name.strip())
    prefix = rf"(?:{_NOTE})*(?:{_BYLINE})?" if notes_and_bylines else ""
    body = rf"{_SPACE}*{prefix}{_PLACE}\((?:{names})\){_SPACE}+[-–—]{_SPACE}*"
    return re.compile(("^" if every_line else r"\A") + body, re.MULTILINE)


def _build_dateline(agencies: str, every_line: bool, notes_and_bylines: bool) -> Transform:
    # Anchored by \A (the text's start) or ^ (every line's): each match is a dateline.
    return RegexTransform(_dateline_pattern(agencies, every_line, notes_and_bylines))


REMOVE_DATELINE = Rule(
    id="remove_dateline",
    label="Delete news datelines",
    description=(
        "Delete the agency dateline that opens a news text: “WASHINGTON (Reuters) - ”, "
        "“SACRAMENTO, Calif. (Reuters) - ”, “(Reuters) - ”."
    ),
    build=_build_dateline,
    params=(
        Param(
            "agencies",
            str,
            "Reuters",
            "Agency names in the parentheses, comma-separated (e.g. Reuters, AP, AFP).",
            check=_check_agencies,
            monospace=True,
        ),
        Param(
            "every_line",
            bool,
            False,
            "Also at the start of every line (one article per line files).",
        ),
        Param(
            "notes_and_bylines",
            bool,
            False,
            "Also delete editor's notes “(Corrects ...)” and a “By Name” byline before it.",
        ),
    ),
    # Every line: ^ is any line's start and no part of the pattern matches \n.
    # Otherwise \A is the whole text's start only, which a line cannot tell.
    reach=lambda agencies, every_line, notes_and_bylines: Reach.LINE if every_line else Reach.TEXT,
    category=CATEGORY,
    examples=(
        ("WASHINGTON (Reuters) - The U.S. said", "The U.S. said"),
        ("SACRAMENTO, Calif. (Reuters) - Hi", "Hi"),
        (" (Reuters) - Hi", "Hi"),
        ("He told Reuters (Reuters) - no", "He told Reuters (Reuters) - no"),
        ("Hi.\nLONDON (Reuters) - x", "Hi.\nLONDON (Reuters) - x"),
    ),
)

# What opens a credit: "Featured image via", "Photo by", "Image credit:", "Screengrab via".
_CREDIT_WORDS = (
    r"(?:(?:featured|header|top|feature)"
    + _SPACE
    + r"+)?(?:image|photo|picture|screen"
    + _SPACE
    + r"?(?:shot|grab)|video)s?"
)
_CREDIT_VERB = r"(?:via|by|credit|courtesy(?:" + _SPACE + r"+of)?)\b:?"


def _build_image_credits(max_length: int) -> Transform:
    # A credit starts a line, or a sentence (after . ! ? or a closing quote or
    # bracket), and runs to the end of its line: a trailing, short remark.
    pattern = re.compile(
        rf"(?:^|(?<=[.!?\"”’)\]])){_SPACE}*{_CREDIT_WORDS}{_SPACE}+{_CREDIT_VERB}"
        rf"[^\n]{{0,{max_length}}}$",
        re.IGNORECASE | re.MULTILINE,
    )
    return RegexTransform(pattern)


def _check_max_length(value: int) -> None:
    if not 1 <= value <= 1000:
        raise ParamError(f"must be between 1 and 1000, not {value}")


REMOVE_IMAGE_CREDITS = Rule(
    id="remove_image_credits",
    label="Delete image credits",
    description=(
        "Delete trailing image-credit remarks such as “Featured image via Getty Images” "
        "or “Photo by Chip Somodevilla/Getty Images”, to the end of their line."
    ),
    build=_build_image_credits,
    params=(
        Param(
            "max_length",
            int,
            200,
            "Longest credit text after “via”/“by”; a longer line is prose, not a credit.",
            check=_check_max_length,
        ),
    ),
    reach=Reach.LINE,  # ^ and $ are line ends (MULTILINE) and no part of it matches \n
    category=CATEGORY,
    examples=(
        ("He lied. Featured image via Getty Images", "He lied."),
        ("Text\nPhoto by Chip Somodevilla/Getty Images.\nMore", "Text\n\nMore"),
        ("The photo by the river was nice", "The photo by the river was nice"),
    ),
)

# This family's rules, in catalogue order: the registry collects them.
RULES = (
    REMOVE_DATELINE,
    REMOVE_IMAGE_CREDITS,
)
