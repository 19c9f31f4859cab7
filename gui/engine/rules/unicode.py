"""Unicode rules: mojibake repair, normalization forms, accents, ASCII, quotes, invisibles.

`fix_mojibake` runs ftfy with the settings web-corpus pipelines use (no quote
uncurling, no character-width or line-break changes) and reports which of
ftfy's fixes ran through explain's notes; its edits are the characters that
differ in each line it rewrote (not the whole line). The others are character-level
rewrites whose edits cover exactly the characters they change.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Literal

import ftfy
import regex
from anyascii import anyascii

from gui.engine.edits import Edit
from gui.engine.rule import (
    NO_EDITS,
    EditsTransform,
    Param,
    Reach,
    RegexTransform,
    Rule,
    StepResult,
    Transform,
)
from gui.engine.rules.support.pieces import NON_ASCII_PIECE, piece_edits, trimmed_edit
from gui.engine.rules.web import EMOJI_PATTERN

CATEGORY = "Unicode"

FORMS = ("NFC", "NFKC", "NFD", "NFKD")
_Form = Literal["NFC", "NFKC", "NFD", "NFKD"]
# A form's name as a profile gives it (checked against FORMS) to the form itself.
_FORM_NAMED: dict[str, _Form] = {"NFC": "NFC", "NFKC": "NFKC", "NFD": "NFD", "NFKD": "NFKD"}


# -- ftfy ---------------------------------------------------------------------


def _describe(explanation: list[tuple[str, str]]) -> list[str]:
    """ftfy's explanation steps as short phrases: fix names, encode/decode pairs."""
    phrases: list[str] = []
    pending = ""
    for action, parameter in explanation:
        if action == "encode":
            pending = f"re-decode mojibake ({parameter}"
        elif action == "decode" and pending:
            phrases.append(f"{pending} -> {parameter})")
            pending = ""
        elif action == "apply":
            phrases.append(parameter)
        else:
            phrases.append(f"{action} {parameter}")
    if pending:
        phrases.append(pending + ")")
    return phrases


# Above this many differing characters a line's change is reported as one
# span: matching them character by character costs quadratic time.
_FINE_DIFF_LIMIT = 4096


def _fine_edits(start: int, old: str, new: str) -> list[Edit]:
    """The edits turning `old` into `new`, one per changed stretch (not one per line).

    ftfy rewrites a whole line; what it changed is usually a few characters
    here and there ("â€™" -> "’", two quotes of a sentence). Diffing the line's
    differing middle finds them, so the highlight covers what changed.
    """
    edit = trimmed_edit(start, old, new)
    if edit is None:
        return []
    middle_old = old[edit.start - start : edit.end - start]
    if len(middle_old) > _FINE_DIFF_LIMIT or len(edit.replacement) > _FINE_DIFF_LIMIT:
        return [edit]
    matcher = SequenceMatcher(None, middle_old, edit.replacement, autojunk=False)
    return [
        Edit(edit.start + i1, edit.start + i2, edit.replacement[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


class _FixMojibake:
    """ftfy's `fix_text`, segment by segment as ftfy itself splits the text."""

    def __init__(self, config: ftfy.TextFixerConfig) -> None:
        self.config = config

    def _segments(self, text: str, explain: bool) -> Iterator[tuple[int, str, str, list]]:
        # The loop of ftfy.fix_text, kept in step with it (the tests compare):
        # lines, cut at max_decode_length; "auto" HTML unescaping switches off
        # for the rest of the text once a segment contains "<".
        config = self.config._replace(explain=explain)
        position = 0
        while position < len(text):
            textbreak = text.find("\n", position) + 1
            if textbreak == 0:
                textbreak = len(text)
            if textbreak - position > config.max_decode_length:
                textbreak = position + config.max_decode_length
            segment = text[position:textbreak]
            if config.unescape_html == "auto" and "<" in segment:
                config = config._replace(unescape_html=False)
            fixed, explanation = ftfy.fix_and_explain(segment, config)
            yield position, segment, fixed, explanation or []
            position = textbreak

    def apply(self, text: str) -> str:
        return "".join(fixed for _, _, fixed, _ in self._segments(text, explain=False))

    def edits(self, text: str) -> Iterator[Edit]:
        for start, segment, fixed, _ in self._segments(text, explain=False):
            yield from _fine_edits(start, segment, fixed)

    def explained_edits(self, text: str) -> StepResult:
        edits: list[Edit] = []
        fixes: Counter[str] = Counter()
        for start, segment, fixed, explanation in self._segments(text, explain=True):
            changed = _fine_edits(start, segment, fixed)
            if changed:
                edits.extend(changed)
                fixes.update(dict.fromkeys(_describe(explanation), 1))
        notes = tuple(
            f"{fix}: {count} line{'s' if count > 1 else ''}" for fix, count in fixes.items()
        )
        return StepResult(tuple(edits), notes)


_UNESCAPE_HTML: dict[str, str | bool] = {"auto": "auto", "always": True, "never": False}


def _mojibake_reach(
    normalization: str,
    uncurl_quotes: bool,
    fix_character_width: bool,
    fix_line_breaks: bool,
    unescape_html: str,
) -> Reach:
    # ftfy fixes each line on its own (a segment ends after its line feed,
    # which no fix looks at), except that "auto" HTML unescaping switches off
    # for the rest of the text at the first "<", and fixing line breaks joins
    # a "\r" with the line feed after it.
    return Reach.TEXT if unescape_html == "auto" or fix_line_breaks else Reach.LINE


def _build_fix_mojibake(
    normalization: str,
    uncurl_quotes: bool,
    fix_character_width: bool,
    fix_line_breaks: bool,
    unescape_html: str,
) -> Transform:
    config = ftfy.TextFixerConfig(
        normalization=_FORM_NAMED.get(normalization),  # "none": None
        uncurl_quotes=uncurl_quotes,
        fix_character_width=fix_character_width,
        fix_line_breaks=fix_line_breaks,
        unescape_html=_UNESCAPE_HTML[unescape_html],
        explain=False,
    )
    return _FixMojibake(config)


FIX_MOJIBAKE = Rule(
    id="fix_mojibake",
    label="Repair mojibake (ftfy)",
    description=(
        "Repair text decoded with the wrong encoding (doesnâ€™t -> doesn’t) and other "
        "Unicode glitches with ftfy; explain lists which fixes ran."
    ),
    build=_build_fix_mojibake,
    reach=_mojibake_reach,
    params=(
        Param(
            "normalization",
            str,
            "NFC",
            "Unicode normalization ftfy applies after fixing; none to skip.",
            choices=(*FORMS, "none"),
        ),
        Param("uncurl_quotes", bool, False, "Also turn curly quotes into straight ones."),
        Param("fix_character_width", bool, False, "Also turn full-width letters into ASCII."),
        Param("fix_line_breaks", bool, False, "Also turn \\r\\n and \\r into \\n."),
        Param(
            "unescape_html",
            str,
            "auto",
            "Decode HTML entities such as &amp;: auto skips text that contains tags.",
            choices=("auto", "always", "never"),
        ),
    ),
    category=CATEGORY,
    examples=(
        ("doesnâ€™t", "doesn’t"),
        ("Ã©tÃ©\nfine", "été\nfine"),
        ("“quoted”", "“quoted”"),
        ("caf\u00e9 &amp; ﬂour", "café & flour"),
    ),
)


# -- normalization forms, accents, ASCII --------------------------------------


def _normalize_edits(text: str, name: str) -> Iterator[Edit]:
    form = _FORM_NAMED[name]
    if unicodedata.is_normalized(form, text):
        return iter(())
    return piece_edits(text, NON_ASCII_PIECE, lambda piece: unicodedata.normalize(form, piece))


NORMALIZE_UNICODE = Rule(
    id="normalize_unicode",
    label="Unicode normalization form",
    description=(
        "Bring the text to one Unicode normalization form: NFC composes é from e + ´; "
        "NFKC also folds compatibility forms (ﬁ -> fi, ² -> 2)."
    ),
    build=lambda form: EditsTransform(lambda text: _normalize_edits(text, form)),
    params=(Param("form", str, "NFC", "The normalization form.", choices=FORMS),),
    # A line feed is a starter that nothing composes with or reorders across.
    reach=Reach.LINE,
    category=CATEGORY,
    examples=(("cafe\u0301", "caf\u00e9"), ("Ａ１", "Ａ１"), ("x", "x")),
)


def _strip_accents(piece: str) -> str:
    decomposed = unicodedata.normalize("NFD", piece)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", kept)


STRIP_ACCENTS = Rule(
    id="strip_accents",
    label="Strip accents",
    description=(
        "Remove diacritics (combining marks) from letters: café -> cafe, Ångström -> "
        "Angstrom; other characters are kept."
    ),
    build=lambda: EditsTransform(lambda text: piece_edits(text, NON_ASCII_PIECE, _strip_accents)),
    # As normalization: a mark after a line feed decomposes and goes on its own.
    reach=Reach.LINE,
    category=CATEGORY,
    examples=(("café Ångström", "cafe Angstrom"), ("cafe\u0301", "cafe"), ("東京", "東京")),
)

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


_EMOJI_SPLIT = regex.compile(f"({EMOJI_PATTERN.pattern})")


def _transliterate_keeping_emoji(run: str) -> str:
    pieces = _EMOJI_SPLIT.split(run)
    return "".join(anyascii(piece) if i % 2 == 0 else piece for i, piece in enumerate(pieces))


def _build_transliterate(keep_emoji: bool) -> Transform:
    rewrite = _transliterate_keeping_emoji if keep_emoji else anyascii
    return EditsTransform(lambda text: piece_edits(text, _NON_ASCII_RUN, rewrite))


TRANSLITERATE_ASCII = Rule(
    id="transliterate_ascii",
    label="Transliterate to ASCII",
    description=(
        "Replace every non-ASCII character with its closest ASCII spelling (anyascii, "
        'ISC licence): café -> cafe, Москва -> Moskva, “ -> ".'
    ),
    build=_build_transliterate,
    params=(Param("keep_emoji", bool, False, "Leave emoji as they are (as clean-text does)."),),
    # Each run of non-ASCII characters is rewritten alone; a line feed is ASCII.
    reach=Reach.LINE,
    category=CATEGORY,
    examples=(
        ("café", "cafe"),
        ("Москва", "Moskva"),
        ("“hi” – ok", '"hi" - ok'),
        ("😀", ":grinning:"),
    ),
)


# -- quotes and dashes ----------------------------------------------------------

SINGLE_QUOTES = "‘’‚‛′‹›"
DOUBLE_QUOTES = "“”„‟″«»〝〞〟＂"
DASHES = "‐‑‒–—―−"


def _build_quotes_dashes(quotes: bool, dashes: bool) -> Transform:
    table: dict[str, str] = {}
    if quotes:
        table.update(dict.fromkeys(SINGLE_QUOTES, "'"))
        table.update(dict.fromkeys(DOUBLE_QUOTES, '"'))
    if dashes:
        table.update(dict.fromkeys(DASHES, "-"))
    if not table:
        return NO_EDITS
    pattern = re.compile("[" + re.escape("".join(table)) + "]")

    def edits(text: str) -> Iterator[Edit]:
        for match in pattern.finditer(text):
            yield Edit(match.start(), match.end(), table[match.group()])

    return EditsTransform(edits)


NORMALIZE_QUOTES_DASHES = Rule(
    id="normalize_quotes_dashes",
    label="Straight quotes and dashes",
    description=(
        "Replace curly and angle quotes with ' and \", and en, em and minus dashes with "
        "a hyphen-minus."
    ),
    build=_build_quotes_dashes,
    params=(
        Param("quotes", bool, True, "Straighten quotes (‘ ’ “ ” « » ...)."),
        Param("dashes", bool, True, "Turn dashes (– — − ...) into -."),
    ),
    reach=Reach.CHARACTER,  # one character at a time
    category=CATEGORY,
    examples=(("“It’s” – «yes»", '"It\'s" - "yes"'), ("10−3", "10-3")),
)


# -- invisible characters -------------------------------------------------------

ZERO_WIDTH = (
    "\u00ad"  # soft hyphen
    "\u180e"  # Mongolian vowel separator
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner; LRM, RLM
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # bidi isolates
    "\ufeff"  # byte-order mark / zero-width no-break space
)
# C0 and C1 controls except tab, line feed and carriage return.
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"


def _build_invisible(zero_width: bool, controls: bool) -> Transform:
    chars = (ZERO_WIDTH if zero_width else "") + (CONTROLS if controls else "")
    if not chars:
        return NO_EDITS
    return RegexTransform(re.compile(f"[{chars}]+"))


REMOVE_INVISIBLE = Rule(
    id="remove_invisible",
    label="Delete invisible characters",
    description=(
        "Delete zero-width and bidi formatting characters (ZWSP, ZWJ, BOM, soft hyphen) "
        "and control characters other than tab and line breaks."
    ),
    build=_build_invisible,
    params=(
        Param("zero_width", bool, True, "Delete zero-width and bidi formatting characters."),
        Param("controls", bool, True, "Delete control characters (keeps \\t, \\n, \\r)."),
    ),
    # A run never holds a line feed; it may hold other whitespace (\x0c, NEL).
    reach=Reach.LINE,
    category=CATEGORY,
    examples=(("zero\u200bwidth\ufeff", "zerowidth"), ("bell\x07 tab\tok", "bell tab\tok")),
)

# This family's rules, in catalogue order: the registry collects them.
RULES = (
    FIX_MOJIBAKE,
    NORMALIZE_UNICODE,
    STRIP_ACCENTS,
    TRANSLITERATE_ASCII,
    NORMALIZE_QUOTES_DASHES,
    REMOVE_INVISIBLE,
)
