"""Web and social rules: tokens, any position in a profile, punctuation kept."""

from __future__ import annotations

import pytest

from gui.engine import Pipeline, Profile, RuleStep
from gui.engine.registry import get_rule


@pytest.mark.parametrize(
    ("rule_id", "token", "text", "expected"),
    [
        ("replace_urls", "<URL>", "Go to https://a.org/x?y=1, now.", "Go to <URL>, now."),
        ("replace_urls", "<URL>", 'href="http://a.org/">x', 'href="<URL>">x'),
        ("replace_urls", "<URL>", "WWW.EXAMPLE.COM/A!", "<URL>!"),
        ("replace_urls", "<URL>", "just http:// here", "just http:// here"),
        ("replace_emails", "<EMAIL>", "Mail a.b@c.io, or x@y.", "Mail <EMAIL>, or x@y."),
        ("replace_handles", "<USER>", "@a, @b_c and e@f.com", "<USER>, <USER> and e@f.com"),
        ("replace_hashtags", "<TAG>", "#MAGA! #2020 #x2", "<TAG>! #2020 <TAG>"),
        ("replace_emoji", "<E>", "hi 😀😀 👩🏾‍💻", "hi <E><E> <E>"),
        ("replace_html", "", "<p>a&nbsp;b</p>", "a\u00a0b"),
    ],
)
def test_token_replacement(rule_id, token, text, expected):
    assert get_rule(rule_id)(text, replacement=token) == expected


def test_html_entities_can_stay():
    assert get_rule("replace_html")("<b>&amp;</b>", unescape_entities=False) == " &amp; "


def test_web_rules_work_before_punctuation_removal():
    tokens = (
        ("replace_urls", " URL "),
        ("replace_emails", " EMAIL "),
        ("replace_handles", " USER "),
        ("replace_hashtags", " TAG "),
    )
    steps = (
        *(RuleStep(rule_id, params={"replacement": token}) for rule_id, token in tokens),
        RuleStep("remove_punctuation"),
        RuleStep("collapse_whitespace"),
        RuleStep("trim"),
    )
    text = "@bob: see https://x.org/a_b. Mail me@x.org #news!"
    assert Pipeline(Profile("t", steps)).run(text) == "USER see URL Mail EMAIL TAG"


def test_seed_url_rule_is_unchanged():
    # The seed keeps its own semantics: it eats the trailing full stop.
    assert get_rule("remove_urls")("see https://x.org.") == "see "
