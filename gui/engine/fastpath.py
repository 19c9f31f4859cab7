"""Fused fast paths for the common presets, byte-identical to the generic pipeline.

`Pipeline.run` applies each rule in turn: eight regex passes for `wordopt`,
each building a new string. The fused functions here give exactly the same
output in a few passes of C-speed `bytes` methods, relying on facts about the
step sequence (the tests check each one on every code point or by hypothesis):

- After `nonword_to_space` the text holds only `\\w` characters and spaces.
  So in the wordopt order URLs, HTML tags and newlines cannot match any more,
  punctuation only ever removes `_`, and a "word" of `\\w*\\d\\w*` is simply a
  run of non-spaces that holds a decimal digit.
- `str.lower` maps each character on its own, except capital sigma (final
  form ς or σ, by context). Without Σ, lowering, "non-word to space" and "`_`
  removed" fold into one `bytes.translate` over the UTF-8 text for ASCII,
  plus one replacement per distinct non-ASCII character that changes. UTF-8
  is self-synchronising, so replacing a whole character's bytes never
  matches inside another character.
- No character is both `\\w` and whitespace; no character lowers into `[`,
  `]`, `<`, `>`, a newline, `_` or a digit; lowering is idempotent.

`compile_profile(profile)` recognises a profile by its enabled steps (rule ids
in order, with their full parameters) and returns the fused function, or None
for anything else: other parameters, other orders, extra profile features.
Every path is linear in the length of the text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from gui.engine.profile import Profile, RuleStep
from gui.engine.rules.seed import URL_PATTERN
from gui.engine.rules.support.spans import html_tag_spans, lazy_pair_spans

FastFunction = Callable[[str], str]

_NONWORD = re.compile(r"\W")
_DIGIT = re.compile(r"\d")
_NONWORD_NOT_SPACE = re.compile(r"[^\w ]")
_DIGIT_TO_WORD_END = re.compile(r"\d[^ ]*")
_SPACE_RUN = re.compile(b"  +")
_SIGMA = "\u03a3"
_UTF8 = "utf-8"
_SURROGATES = "surrogatepass"  # lone surrogates are \W; keep them encodable

_ASCII_BYTES = bytes(range(128))
# Each distinct non-ASCII character that changes costs one str.replace pass;
# above this many, one regex pass on str (`_wordopt_str`) is cheaper.
_MAX_SPECIAL_CHARS = 64


def _ascii_table(underscore: int) -> bytes:
    """ASCII: lowercased, non-word to space, `_` to `underscore`; bytes >= 128 kept."""
    table = bytearray(range(256))
    for code in range(128):
        ch = chr(code)
        if _NONWORD.match(ch):
            table[code] = 0x20
        else:
            table[code] = ord(ch.lower())
    table[ord("_")] = underscore
    return bytes(table)


_WORDOPT_TABLE = _ascii_table(ord("_"))  # `_` is deleted by translate's delete argument
_CLEAN_TABLE = _ascii_table(0x20)  # clean replaces punctuation (`_`) with a space
_DIGIT_MARKS = bytes(0x30 if 0x30 <= code <= 0x39 else code for code in range(256))


# --- per-character plans for non-ASCII text ------------------------------------------


@lru_cache(maxsize=65536)
def _char_plan(ch: str, lower: bool) -> tuple[str, tuple[bytes, ...]]:
    """For a non-ASCII character: what it becomes, and the encodings of digits in that."""
    out = _NONWORD.sub(" ", ch.lower() if lower else ch)
    digits = tuple(
        d.encode(_UTF8, _SURROGATES) for d in set(out) if not d.isascii() and _DIGIT.match(d)
    )
    return out, digits


class _Plan:
    """How to finish the non-ASCII characters of a text after the ASCII translate."""

    __slots__ = ("marks", "replacements")

    def __init__(self) -> None:
        self.replacements: list[tuple[str, str]] = []
        self.marks: list[bytes] = []

    def apply(self, data: bytes) -> bytes:
        """Replace each changing character; str.replace runs at memchr speed."""
        if not self.replacements:
            return data
        text = data.decode(_UTF8, _SURROGATES)
        for ch, out in self.replacements:
            text = text.replace(ch, out)
        return text.encode(_UTF8, _SURROGATES)


def _plan(data: bytes, lower: bool) -> _Plan | None:
    """The plan for the non-ASCII characters of `data`, or None if the str path is better."""
    chars = set(data.translate(None, _ASCII_BYTES).decode(_UTF8, _SURROGATES))
    if lower and _SIGMA in chars:
        return None
    plan = _Plan()
    for ch in chars:
        out, digits = _char_plan(ch, lower)
        if out != ch:
            plan.replacements.append((ch, out))
        plan.marks.extend(digits)
    if len(plan.replacements) + len(plan.marks) > _MAX_SPECIAL_CHARS:
        return None
    return plan


# --- shared steps ------------------------------------------------------------------


def _drop_brackets(data: bytes) -> bytes:
    """Delete the seed's `\\[.*?\\]` spans (never across a newline)."""
    pieces = []
    position = 0
    for start, end in lazy_pair_spans(data, b"[", b"]", b"\n"):
        pieces.append(data[position:start])
        position = end
    if not pieces:
        return data
    pieces.append(data[position:])
    return b"".join(pieces)


def _drop_digit_words(data: bytes, marks: list[bytes]) -> bytes:
    """Delete every space-separated run holding a digit (ASCII, or one in `marks`)."""
    shadow = data.translate(_DIGIT_MARKS)
    for mark in marks:
        shadow = shadow.replace(mark, b"0" * len(mark))
    find_digit = shadow.find
    digit = find_digit(b"0")
    if digit < 0:
        return data
    find_space = data.find
    rfind_space = data.rfind
    pieces = []
    position = 0
    while digit >= 0:
        # `position` is 0 or sits on the space after the previous deleted word.
        start = rfind_space(b" ", position, digit) + 1
        end = find_space(b" ", digit)
        pieces.append(data[position:start])
        if end < 0:
            position = len(data)
            break
        position = end
        digit = find_digit(b"0", end)
    pieces.append(data[position:])
    return b"".join(pieces)


def _drop_digit_words_str(text: str) -> str:
    """`_drop_digit_words` for a str of `\\w` characters and spaces."""
    pieces = []
    position = 0
    rfind_space = text.rfind
    for match in _DIGIT_TO_WORD_END.finditer(text):
        start, end = match.span()
        pieces.append(text[position : rfind_space(" ", position, start) + 1])
        position = end
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def _encoded_and_plan(text: str) -> tuple[bytes, _Plan | None, bool]:
    """UTF-8 bytes of `text` (lowered if needed) and the plan; False if the str path is due."""
    data = text.encode(_UTF8, _SURROGATES)
    if text.isascii():
        return data, None, True
    plan = _plan(data, lower=True)
    if plan is not None:
        return data, plan, True
    # Capital sigma (context-dependent) or many special characters: lower first.
    data = text.lower().encode(_UTF8, _SURROGATES)
    plan = _plan(data, lower=False)
    return data, plan, plan is not None


# --- wordopt -----------------------------------------------------------------------


def wordopt(text: str) -> str:
    """The seed function (`wordopt` preset), fused."""
    data, plan, fast = _encoded_and_plan(text)
    if not fast:
        return _wordopt_str(text)
    if b"[" in data:
        data = _drop_brackets(data)
    data = data.translate(_WORDOPT_TABLE, b"_")
    if plan is not None:
        data = plan.apply(data)
    data = _drop_digit_words(data, plan.marks if plan is not None else [])
    return data.decode(_UTF8, _SURROGATES)


def _wordopt_str(text: str) -> str:
    """The same on str, for texts with many distinct special characters."""
    text = text.lower()
    if "[" in text:
        pieces = []
        position = 0
        for start, end in lazy_pair_spans(text, "[", "]", "\n"):
            pieces.append(text[position:start])
            position = end
        pieces.append(text[position:])
        text = "".join(pieces)
    text = _NONWORD_NOT_SPACE.sub(" ", text).replace("_", "")
    return _drop_digit_words_str(text)


# --- clean -------------------------------------------------------------------------


def clean(text: str) -> str:
    """The `clean` preset, fused."""
    text = _clean_markup(text)
    data, plan, fast = _encoded_and_plan(text)
    if not fast:
        return _clean_str(text)
    data = data.translate(_CLEAN_TABLE)
    if plan is not None:
        data = plan.apply(data)
    data = _drop_digit_words(data, plan.marks if plan is not None else [])
    return _collapse_spaces(data).decode(_UTF8, _SURROGATES)


def _collapse_spaces(data: bytes) -> bytes:
    """Runs of spaces to one, ends trimmed (the text has no other whitespace).

    One regex pass: faster than `split()` (an object per word) and than
    repeated `replace`, whose passes each cost a full scan.
    """
    return _SPACE_RUN.sub(b" ", data).strip(b" ")


def _clean_markup(text: str) -> str:
    """The first two steps: HTML tags, then URLs, each to one space."""
    if "<" in text:
        pieces = []
        position = 0
        for start, end in html_tag_spans(text):
            pieces.append(text[position:start])
            pieces.append(" ")
            position = end
        if pieces:
            pieces.append(text[position:])
            text = "".join(pieces)
    if "http" in text or "www." in text:
        text = URL_PATTERN.sub(" ", text)
    return text


def _clean_str(text: str) -> str:
    """The steps after the markup on str, for texts with many special characters."""
    text = _NONWORD_NOT_SPACE.sub(" ", text.lower()).replace("_", " ")
    return " ".join(_drop_digit_words_str(text).split())


# --- recognising profiles ----------------------------------------------------------

# After this step (with a replacement of word characters and spaces) the text
# holds only word characters and spaces.
_WORDS_AND_SPACES_FROM = "nonword_to_space"
# Rules that cannot match a text of only word characters and spaces: each
# match needs a `:` or `.` (a URL), a `<` (a tag) or a line feed.
_NO_MATCH_ON_WORDS_AND_SPACES = frozenset({"remove_urls", "remove_html_tags", "remove_newlines"})
# Rules that only delete, or put their replacement in place: with a
# replacement of word characters and spaces, the text stays words and spaces.
_KEEP_WORDS_AND_SPACES = _NO_MATCH_ON_WORDS_AND_SPACES | {
    "remove_punctuation",
    "remove_digit_words",
    "remove_brackets",
    _WORDS_AND_SPACES_FROM,
}
_WORD_OR_SPACE = re.compile(r"[\w ]*")

# The presets that have a fused function here; their steps come from the
# preset files (resources/presets/), so the two cannot drift apart.
_FUSED_PRESETS: tuple[tuple[str, FastFunction], ...] = (("wordopt", wordopt), ("clean", clean))

_PROFILE_FIELDS = {"name", "steps", "description"}
_STEP_FIELDS = {"rule_id", "enabled", "params"}


def inert_steps(profile: Profile) -> frozenset[int]:
    """Indices of enabled steps that cannot change anything where they stand.

    A rule that cannot match text of word characters and spaces, after a
    step that leaves only those (wordopt: URLs, HTML tags and newlines after
    "non-word characters to space"), changes nothing on any text.
    """
    inert: set[int] = set()
    words_and_spaces = False
    for index, step in enumerate(profile.steps):
        if not step.enabled:
            continue
        if words_and_spaces and step.rule_id in _NO_MATCH_ON_WORDS_AND_SPACES:
            inert.add(index)
            continue
        replacement = _replacement(step)
        keeps = replacement is not None and _WORD_OR_SPACE.fullmatch(replacement) is not None
        if step.rule_id == _WORDS_AND_SPACES_FROM and keeps:
            words_and_spaces = True
        elif not (keeps and step.rule_id in _KEEP_WORDS_AND_SPACES):
            words_and_spaces = False
    return frozenset(inert)


def _replacement(step: RuleStep) -> str | None:
    try:
        value = step.full_params().get("replacement")
    except KeyError:
        return None
    return value if isinstance(value, str) else None


@lru_cache(maxsize=1)
def _fused_specs() -> tuple[tuple[tuple[tuple[str, dict, bool], ...], FastFunction], ...]:
    """Per fused preset: its enabled steps as (rule id, full parameters, required).

    A step that is inert in the preset (see `inert_steps`) may be on or off
    without changing the output: not required.
    """
    from gui.engine.presets import load_preset

    specs = []
    for name, function in _FUSED_PRESETS:
        profile = load_preset(name)
        inert = inert_steps(profile)
        spec = tuple(
            (step.rule_id, dict(step.full_params()), index not in inert)
            for index, step in enumerate(profile.steps)
            if step.enabled
        )
        specs.append((spec, function))
    return tuple(specs)


def _plain(obj: Any, known: set[str]) -> bool:
    """True if every field beyond `known` is empty: no feature we do not fuse."""
    return all(
        field.name in known or not getattr(obj, field.name) for field in dataclasses.fields(obj)
    )


def _matches(steps: tuple[RuleStep, ...], spec) -> bool:
    enabled = [step for step in steps if step.enabled]
    position = 0
    for rule_id, params, required in spec:
        if position < len(enabled) and enabled[position].rule_id == rule_id:
            step = enabled[position]
            try:
                if step.full_params() != params:
                    return False
            except KeyError:
                return False
            position += 1
        elif required:
            return False
    return position == len(enabled)


def compile_profile(profile: Profile) -> FastFunction | None:
    """The fused function for this profile, or None if it has none."""
    if not _plain(profile, _PROFILE_FIELDS):
        return None
    if not all(_plain(step, _STEP_FIELDS) for step in profile.steps):
        return None
    for spec, function in _fused_specs():
        if _matches(profile.steps, spec):
            return function
    return None
