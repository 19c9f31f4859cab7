"""The eight rules of the seed function (`wordopt`), one rule per step.

Each rule alone gives exactly what its seed step gives (`re.sub` with the
seed's pattern), on any text; the tests hold them to that with hypothesis.
Patterns the seed wrote in a quadratic form run here in a linear one with the
same matches. Every rule takes a `replacement`, empty by default as in the
seed, so a profile can leave a token instead of deleting.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator

from gui.engine.edits import Edit, EditColumns, apply_edit_columns
from gui.engine.rule import (
    CharClassTransform,
    EditsTransform,
    Param,
    Reach,
    RegexTransform,
    Rule,
    Transform,
)
from gui.engine.rules.support.casing import lowercase_edit_columns, lowercase_edits
from gui.engine.rules.support.spans import bracket_spans, html_tag_spans

SEED_CATEGORY = "Seed (wordopt)"

# The seed's own patterns, for reference. Only the last differs here: `\b` in
# front finds the same words without retrying inside each long word.
URL_PATTERN = re.compile(r"https?://\S+|www\.\S+")
NON_WORD_PATTERN = re.compile(r"\W")
PUNCTUATION_PATTERN = re.compile(f"[{re.escape(string.punctuation)}]")
NEWLINE_PATTERN = re.compile("\n")
DIGIT_WORD_PATTERN = re.compile(r"\b\w*\d\w*")


def _replacement(default: str = "", what: str = "each match") -> Param:
    return Param(
        "replacement",
        str,
        default,
        f"Text put in place of {what}; empty deletes it.",
        monospace=True,
    )


class _Lowercase:
    def apply(self, text: str) -> str:
        return text.lower()

    def edits(self, text: str) -> Iterator[Edit]:
        return lowercase_edits(text)

    def edit_columns(self, text: str) -> EditColumns | None:
        return lowercase_edit_columns(text)


def _span_transform(
    finder: Callable[[str], Iterator[tuple[int, int]]], replacement: str
) -> Transform:
    def edits(text: str) -> Iterator[Edit]:
        for start, end in finder(text):
            yield Edit(start, end, replacement)

    return EditsTransform(edits)


def _char_class_rule_builder(char_class: str) -> Callable[..., Transform]:
    def build(replacement: str) -> Transform:
        return CharClassTransform(char_class, replacement)

    return build


_DIGITS = re.compile(r"\d")
_WORD_CHARS = re.compile(r"\w*")


class _DigitWordTransform(RegexTransform):
    r"""`\b\w*\d\w*`: each maximal run of word characters holding a digit.

    The regex tries a match at every word start, slow on long texts with
    few digits. `edit_columns` (explain) instead jumps from digit to digit
    and widens each to its word, unless digit words are dense, where the
    regex is faster.
    """

    def edit_columns(self, text: str) -> EditColumns | None:
        search, word_end = _DIGITS.search, _WORD_CHARS.match
        backwards = None
        starts: list[int] = []
        ends: list[int] = []
        position = 0
        while (digit := search(text, position)) is not None:
            if len(starts) > 64 + digit.start() // 48:
                return super().edit_columns(text)  # dense: one regex pass is faster
            at = digit.start()
            if backwards is None:
                backwards = text[::-1]
            # The word's start: where word characters end, reading backwards.
            before, after = word_end(backwards, len(text) - at), word_end(text, at)
            assert before is not None and after is not None  # \w* matches everywhere
            starts.append(len(text) - before.end())
            position = after.end()
            ends.append(position)
        if not starts:
            return EditColumns([], [], [], text)
        replacements = [self.replacement] * len(starts)
        return EditColumns(
            starts, ends, replacements, apply_edit_columns(text, starts, ends, replacements)
        )


def _regex_rule_builder(
    pattern: re.Pattern[str], starts: tuple[str, ...] = ()
) -> Callable[..., Transform]:
    def build(replacement: str) -> Transform:
        return RegexTransform(pattern, replacement, starts)

    return build


LOWERCASE = Rule(
    id="lowercase",
    label="Lowercase",
    description="Lowercase every letter (Unicode-aware, as str.lower).",
    build=lambda: _Lowercase(),
    reach=Reach.SPACE,  # final sigma looks at neighbouring letters, never past whitespace
    category=SEED_CATEGORY,
    examples=(("New York", "new york"), ("ΟΔΟΣ", "οδος"), ("İ", "i\u0307")),
)

REMOVE_BRACKETS = Rule(
    id="remove_brackets",
    label="Delete [bracketed] spans",
    description="Delete [...] spans, shortest first, never across a line break.",
    build=lambda replacement: _span_transform(bracket_spans, replacement),
    params=(_replacement(what="each [...] span"),),
    reach=Reach.LINE,  # never across a line break
    category=SEED_CATEGORY,
    examples=(("a [note] b", "a  b"), ("[a\nb]", "[a\nb]"), ("[x] [y", " [y")),
)

NONWORD_TO_SPACE = Rule(
    id="nonword_to_space",
    label="Non-word characters to space",
    description="Replace every non-word character (Unicode \\W) with one space each.",
    build=_char_class_rule_builder(NON_WORD_PATTERN.pattern),
    params=(_replacement(" ", "each non-word character"),),
    reach=Reach.CHARACTER,  # each character on its own
    category=SEED_CATEGORY,
    examples=(("so-called", "so called"), ("(Reuters) -", " Reuters   "), ("café_1", "café_1")),
)

REMOVE_URLS = Rule(
    id="remove_urls",
    label="Delete URLs",
    description="Delete http(s):// and www. addresses up to the next whitespace.",
    build=_regex_rule_builder(URL_PATTERN, starts=("http", "www.")),
    params=(_replacement(what="each URL"),),
    reach=Reach.SPACE,  # a URL ends at whitespace
    category=SEED_CATEGORY,
    examples=(
        ("see https://x.org/a now", "see  now"),
        ("www.example.com.", ""),
    ),
)

REMOVE_HTML_TAGS = Rule(
    id="remove_html_tags",
    label="Delete HTML tags",
    description="Delete <...> tags (shortest, within one line) and any > right after.",
    build=lambda replacement: _span_transform(html_tag_spans, replacement),
    params=(_replacement(what="each tag"),),
    reach=Reach.LINE,  # a tag stays on one line
    category=SEED_CATEGORY,
    examples=(("<b>bold</b>", "bold"), ("a < b", "a < b"), ("<i>>x", "x")),
)

REMOVE_PUNCTUATION = Rule(
    id="remove_punctuation",
    label="Delete punctuation",
    description="Delete every ASCII punctuation character (string.punctuation).",
    build=_char_class_rule_builder(PUNCTUATION_PATTERN.pattern),
    params=(_replacement(what="each punctuation character"),),
    reach=Reach.CHARACTER,  # each character on its own
    category=SEED_CATEGORY,
    examples=(("U.S.", "US"), ("so-called_word", "socalledword"), ("“quoted”", "“quoted”")),
)

REMOVE_NEWLINES = Rule(
    id="remove_newlines",
    label="Delete newlines",
    description="Delete every line feed (\\n); other whitespace stays.",
    build=_char_class_rule_builder(NEWLINE_PATTERN.pattern),
    params=(_replacement(what="each newline"),),
    reach=Reach.CHARACTER,  # each character on its own
    category=SEED_CATEGORY,
    examples=(("one\ntwo", "onetwo"), ("a\r\nb", "a\rb")),
)

REMOVE_DIGIT_WORDS = Rule(
    id="remove_digit_words",
    label="Delete words with digits",
    description="Delete every word (run of \\w) containing a digit, such as 2016 or covid19.",
    build=lambda replacement: _DigitWordTransform(DIGIT_WORD_PATTERN, replacement),
    params=(_replacement(what="each word"),),
    reach=Reach.WORD,  # a word ends at a non-word character
    category=SEED_CATEGORY,
    examples=(("in 2016 covid19 x", "in   x"), ("$430 million", "$ million"), ("x²", "x²")),
)

# This family's rules, in catalogue order: the registry collects them.
RULES = (
    LOWERCASE,
    REMOVE_BRACKETS,
    NONWORD_TO_SPACE,
    REMOVE_URLS,
    REMOVE_HTML_TAGS,
    REMOVE_PUNCTUATION,
    REMOVE_NEWLINES,
    REMOVE_DIGIT_WORDS,
)
