"""Texts and settings that exercise every rule whose reach is narrower than the whole text.

A reach is proved by texts in which the rule has something to do: `FRAGMENTS`
holds what each rule looks for (the test beside this module checks that every
local setting finds work in them), `rule_text` strings them together.
"""

from __future__ import annotations

from hypothesis import strategies as st

from gui.engine import Profile, RuleStep, all_rules
from gui.engine.rule import Reach
from tests.engine.rules.catalogue_helpers import CONFIGURED
from tests.strategies import TRICKY, any_text

# Per reach, separators to split around: for SPACE every kind of whitespace
# (form feed, NEL, U+1680, U+2028, ideographic space...).
SEPARATORS = {
    Reach.CHARACTER: list("a\n .Σ_1<@#\u0301"),
    Reach.WORD: list("\n .-“\u00a0'@#<&,\u200d"),
    Reach.SPACE: list("\n \t\r\x0b\x0c\x1c\x85\u00a0\u1680\u2000\u2028\u2029\u3000"),
    Reach.LINE: ["\n"],
}

# What the rules look for: tags and entities, URLs, addresses, handles,
# hashtags, emoji sequences, numbers, combining marks and compositions,
# mojibake, line breaks of every kind, invisibles, datelines, credits, stop
# words, brackets, the configured finds.
# fmt: off
FRAGMENTS = [
    *"<>&;#@/.:,-+()[]'’\"",
    "<b>", "</p>", "<a href='x'>", "<!-- c -->", "<br/>", "<a\nb>", "&amp;", "&#39;", "&gt",
    "http://x.org/a", "https://w.org/M_(f))", "www.a.b", "www2.x.", "ftp://h",
    "a.b+c@d.org", "me@x.co.uk", "@jo", "@j_2", "#tag", "#1", "&#",
    "👍🏽", "🇫🇷", "👨\u200d👩\u200d👧", "❤\ufe0f", "1\ufe0f\u20e3", "\U000e0067",
    "1,000", "-3", "3.14", "−2", "٣", "²", "covid19",
    "e\u0301", "\u0301", "\u0323", "\u0345", "\u1100\u1161", "\u11a8", "ﬁ", "Å", "Ａ", "ß",
    "doesnâ€™t", "Ã©", "Ã ", "â€œ", "Ã\xa0", "Â ", "\x80", "\x93", "\ufffd", "ï»¿",
    "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\u00a0", "\u3000",
    "\u200b", "\ufeff", "\u00ad", "\x07", "\x1b[0m",
    "WASHINGTON (Reuters) - ", "(Corrects x) ", "By Jo Doe ", "Featured image via Getty",
    ". Photo by X", "\nScreengrab via ", "the", "The", "don't", "Don’t", "of",
    "exam-\nple", "\n\n", "\n \n", " ", "  ", "\t", "ab", "AB", "x", "aa", "a b", "X\u00a0",
    "[note]", "[a",
]
# fmt: on
fragment_text = st.lists(st.sampled_from(FRAGMENTS + TRICKY), max_size=30).map("".join)
rule_text = st.one_of(any_text, fragment_text)

# Further settings whose reach is narrower than TEXT, to prove it.
EXTRA_VARIANTS = {
    "find_replace": [
        {"find": "ab", "whole_word": True},
        {"find": "The", "ignore_case": True, "whole_word": True},
        {"find": "a b", "replace": "\n"},
        {"find": "x\u00a0", "ignore_case": True},
        {"find": "aa", "replace": "a"},
    ],
    "fix_mojibake": [
        {"unescape_html": "always", "uncurl_quotes": True, "fix_character_width": True},
        {"unescape_html": "never", "normalization": "NFKC"},
        {"unescape_html": "always", "normalization": "none"},
    ],
    "remove_dateline": [{"every_line": True, "agencies": "Reuters, AP"}],
    "remove_invisible": [{"zero_width": False}, {"controls": False}],
    "normalize_quotes_dashes": [{"quotes": False, "dashes": False}],
}


def variants(rule) -> list[dict]:
    """The rule's defaults, each option flipped, each choice, and configured settings."""
    found: list[dict] = [{}, *CONFIGURED.get(rule.id, [])]
    for param in rule.params:
        if param.kind is bool:
            found.append({param.name: not param.default})
        found.extend({param.name: choice} for choice in param.choices if choice != param.default)
    return found + EXTRA_VARIANTS.get(rule.id, [])


# Every setting above whose reach is at most LINE: the rule must split around
# its separators with it.
LOCAL_CASES = [
    (rule, params)
    for rule in all_rules()
    for params in variants(rule)
    if rule.reach_for(**params) <= Reach.LINE
]

# Local rules in the order a user would stack them, so the seam is carried
# through many steps.
LOCAL_MIX = Profile(
    "local mix",
    tuple(
        RuleStep(rule_id, params=params)
        for rule_id, params in [
            ("fix_mojibake", {"unescape_html": "never"}),
            ("normalize_unicode", {"form": "NFKC"}),
            ("remove_invisible", {}),
            ("remove_dateline", {"every_line": True, "notes_and_bylines": True}),
            ("remove_image_credits", {}),
            ("replace_urls", {}),
            ("replace_emails", {}),
            ("replace_emoji", {}),
            ("strip_accents", {}),
            ("lowercase", {}),
            ("remove_stopwords", {}),
            ("replace_numbers", {}),
            ("collapse_whitespace", {"keep_newlines": True}),
            ("trim", {"lines": True}),
        ]
    ),
)
