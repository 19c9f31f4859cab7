"""Web and social-media rules: URLs, e-mail addresses, @handles, #hashtags, emoji, HTML.

Each rule deletes what it finds or puts a token of the user's choice in its
place (`replacement`, e.g. "<URL>"). Unlike the seed's `remove_urls`, these
match raw text anywhere in a profile: a URL at the end of a sentence keeps
its full stop, a tag in an attribute-laden line is found, and so on. Every
pattern starts matching only at a boundary, so the work stays linear.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import regex

from gui.engine.edits import Edit
from gui.engine.rule import EditsTransform, Param, Reach, RegexTransform, Rule, Transform

CATEGORY = "Web and social"

# A scheme URL or a www. address, up to whitespace, quotes or angle brackets.
URL_PATTERN = re.compile(
    r"\b(?P<prefix>[a-z][a-z0-9+.-]{1,15}://|www\d{0,3}\.)[^\s<>\"']+", re.IGNORECASE
)
# Characters a URL does not end with: they belong to the sentence around it.
_URL_TRAILING = ".,;:!?*'\")]}"
# Local part starts only where a run of local-part characters starts.
EMAIL_PATTERN = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HANDLE_PATTERN = re.compile(r"(?<![\w@./])@\w+")
# A hashtag has at least one letter (#1 is a number) and is not an entity (&#39;).
HASHTAG_PATTERN = re.compile(r"(?<![\w#&])#(?=\w*[^\W\d_])\w+")
_EMOJI_ATOM = r"(?:\p{Emoji_Presentation}\uFE0F?|\p{Extended_Pictographic}\uFE0F)"
_EMOJI_NEXT = r"\u200D\p{Extended_Pictographic}\uFE0F?\p{Emoji_Modifier}?"
EMOJI_PATTERN = regex.compile(
    rf"\p{{Regional_Indicator}}{{2}}|[#*0-9]\uFE0F?\u20E3"
    rf"|{_EMOJI_ATOM}\p{{Emoji_Modifier}}?[\U000E0020-\U000E007F]*(?:{_EMOJI_NEXT})*"
)
# A tag: < then a letter, /, ! or ? (so "a < b" is not a tag), up to the next >.
HTML_TAG_PATTERN = re.compile(r"<[A-Za-z/!?][^<>]*>")
# What html.unescape looks at (the standard library's own character-reference pattern).
ENTITY_PATTERN = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_TAG_OR_ENTITY = re.compile(f"(?P<tag>{HTML_TAG_PATTERN.pattern})|{ENTITY_PATTERN.pattern}")


def _replacement(token: str, what: str, default: str = "") -> Param:
    return Param(
        "replacement",
        str,
        default,
        f"Text put in place of {what}; empty deletes it (e.g. {token}).",
        monospace=True,
    )


def _url_end(url: str) -> int:
    """The length of `url` without trailing sentence punctuation (balanced ) kept)."""
    end = len(url)
    while end and url[end - 1] in _URL_TRAILING:
        if url[end - 1] == ")" and url.count("(", 0, end) >= url.count(")", 0, end):
            break
        end -= 1
    return end


def _build_urls(replacement: str) -> Transform:
    def edits(text: str) -> Iterator[Edit]:
        for match in URL_PATTERN.finditer(text):
            length = _url_end(match.group())
            # "http://" or "www." followed only by punctuation is not a URL.
            if length > len(match.group("prefix")):
                yield Edit(match.start(), match.start() + length, replacement)

    return EditsTransform(edits)


REPLACE_URLS = Rule(
    id="replace_urls",
    label="URLs",
    description=(
        "Delete or replace URLs (scheme:// or www.) anywhere, keeping the sentence "
        "punctuation after them."
    ),
    build=_build_urls,
    params=(_replacement("<URL>", "each URL"),),
    reach=Reach.SPACE,  # a URL holds no whitespace and \b sees whitespace as a text end
    category=CATEGORY,
    examples=(
        ("see https://x.org/a?b=1.", "see ."),
        ("(www.example.com)", "()"),
        ("wiki/Moana_(film) https://w.org/M_(film))", "wiki/Moana_(film) )"),
    ),
)

REPLACE_EMAILS = Rule(
    id="replace_emails",
    label="E-mail addresses",
    description="Delete or replace e-mail addresses such as jane.doe+news@example.co.uk.",
    build=lambda replacement: RegexTransform(EMAIL_PATTERN, replacement),
    params=(_replacement("<EMAIL>", "each address"),),
    reach=Reach.SPACE,  # no whitespace in an address; the lookbehind takes it as a start
    category=CATEGORY,
    examples=(("mail jane.doe+x@example.co.uk.", "mail ."), ("a @ b", "a @ b")),
)

REPLACE_HANDLES = Rule(
    id="replace_handles",
    label="@handles",
    description="Delete or replace social-media @handles (not the @ inside e-mail addresses).",
    build=lambda replacement: RegexTransform(HANDLE_PATTERN, replacement),
    params=(_replacement("<USER>", "each handle"),),
    reach=Reach.SPACE,  # no whitespace in a handle; the lookbehind takes it as a start
    category=CATEGORY,
    examples=(("@jack: hi @jill_2!", ": hi !"), ("me@example.com", "me@example.com")),
)

REPLACE_HASHTAGS = Rule(
    id="replace_hashtags",
    label="#hashtags",
    description="Delete or replace #hashtags with at least one letter (#1 is left alone).",
    build=lambda replacement: RegexTransform(HASHTAG_PATTERN, replacement),
    params=(_replacement("<HASHTAG>", "each hashtag"),),
    reach=Reach.SPACE,  # \w runs and lookarounds never see past whitespace
    category=CATEGORY,
    examples=(("so #blessed. #1", "so . #1"), ("it&#39;s", "it&#39;s")),
)


REPLACE_EMOJI = Rule(
    id="replace_emoji",
    label="Emoji",
    description=(
        "Delete or replace emoji, whole sequences at a time (skin tones, flags, "
        "family ZWJ sequences); text symbols such as © stay."
    ),
    build=lambda replacement: RegexTransform(EMOJI_PATTERN, replacement),
    params=(_replacement("<EMOJI>", "each emoji"),),
    reach=Reach.SPACE,  # a sequence (flag, ZWJ, modifier, keycap) holds no whitespace
    category=CATEGORY,
    examples=(
        ("ok 👍🏽!", "ok !"),
        ("🇫🇷 👨\u200d👩\u200d👧 ©", "  ©"),
        ("❤️ 1️⃣", " "),
    ),
)


def _build_html(replacement: str, unescape_entities: bool) -> Transform:
    if not unescape_entities:
        return RegexTransform(HTML_TAG_PATTERN, replacement)

    def edits(text: str) -> Iterator[Edit]:
        for match in _TAG_OR_ENTITY.finditer(text):
            if match.group("tag") is not None:
                yield Edit(match.start(), match.end(), replacement)
                continue
            character = html.unescape(match.group())
            if character != match.group():
                yield Edit(match.start(), match.end(), character)

    return EditsTransform(edits)


REPLACE_HTML = Rule(
    id="replace_html",
    label="HTML tags and entities",
    description=(
        "Delete or replace HTML tags (<p>, </a>, <!-- -->), never a lone <, and "
        "decode entities such as &amp; and &#39;."
    ),
    build=_build_html,
    params=(
        _replacement("<TAG>", "each tag", " "),
        Param("unescape_entities", bool, True, "Decode entities: &amp; -> &, &#39; -> '."),
    ),
    reach=Reach.TEXT,  # a tag's [^<>]* runs across line breaks (<a\nhref="x">)
    category=CATEGORY,
    examples=(
        ('<p class="x">Tom &amp; Jerry</p>', " Tom & Jerry "),
        ("a < b &gt; c", "a < b > c"),
        ("<br/>it&#39;s", " it's"),
    ),
)

# This family's rules, in catalogue order: the registry collects them.
RULES = (
    REPLACE_URLS,
    REPLACE_EMAILS,
    REPLACE_HANDLES,
    REPLACE_HASHTAGS,
    REPLACE_EMOJI,
    REPLACE_HTML,
)
