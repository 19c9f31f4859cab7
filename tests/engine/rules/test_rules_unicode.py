"""Unicode rules against their references: ftfy, unicodedata, anyascii."""

from __future__ import annotations

import unicodedata

import ftfy
import pytest
from anyascii import anyascii
from hypothesis import given
from hypothesis import strategies as st

from gui.engine import Pipeline, Profile, RuleStep
from gui.engine.registry import get_rule

# Text rich in what the Unicode rules act on: accents, combining marks, Hangul, mojibake.
UNICODE_SOUP = st.text(
    alphabet=st.one_of(
        st.sampled_from("aeAE \n<&;é\u0301\u0308\u0327ﬁ²Å\u212bÃ©â€™\u1100\u1161\u11a8가ǅ"),
        st.characters(),
    )
)


@pytest.mark.parametrize("form", ["NFC", "NFKC", "NFD", "NFKD"])
@given(text=UNICODE_SOUP)
def test_normalize_unicode_is_unicodedata(form, text):
    transform = get_rule("normalize_unicode").transform(form=form)
    assert transform.apply(text) == unicodedata.normalize(form, text)


@given(text=UNICODE_SOUP)
def test_strip_accents_matches_whole_text_reference(text):
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    assert get_rule("strip_accents")(text) == unicodedata.normalize("NFC", kept)


@given(text=UNICODE_SOUP)
def test_transliterate_is_anyascii(text):
    assert get_rule("transliterate_ascii")(text) == anyascii(text)


def test_transliterate_can_keep_emoji():
    rule = get_rule("transliterate_ascii")
    assert rule("café 👍🏽", keep_emoji=True) == "cafe 👍🏽"


WEB_CONFIG = {"uncurl_quotes": False, "fix_character_width": False, "fix_line_breaks": False}


@given(text=UNICODE_SOUP)
def test_fix_mojibake_is_ftfy_fix_text_with_web_defaults(text):
    expected = ftfy.fix_text(text, ftfy.TextFixerConfig(**WEB_CONFIG))
    assert get_rule("fix_mojibake")(text) == expected


def test_fix_mojibake_web_defaults_leave_quotes_width_and_line_breaks():
    text = "“curly” ＬＯＵＤ a\r\nb"
    assert get_rule("fix_mojibake")(text) == text


def test_explain_reports_which_ftfy_fixes_ran():
    profile = Profile("t", (RuleStep("fix_mojibake"),))
    text = "doesnâ€™t\nÃ©tÃ© &amp; ok\nfine\nﬂour"
    report = Pipeline(profile).explain(text).reports[0]
    assert report.status == "changed"
    # One change per stretch ftfy changed, not one per line.
    assert report.changes == 5
    notes = "\n".join(report.notes)
    assert "sloppy-windows-1252 -> utf-8" in notes
    assert "latin-1 -> utf-8" in notes
    assert "unescape_html: 1 line" in notes
    assert "fix_latin_ligatures" in notes
    # The spans cover the mojibake, not whole lines.
    assert report.spans[0] == (5, 8)


def test_mojibake_spans_cover_the_changed_characters_not_the_sentence():
    # Regression: the curly quotes ftfy uncurls were one span over the whole quotation.
    text = "He said “before the summer”, three weeks later. doesnâ€™t"
    profile = Profile("t", (RuleStep("fix_mojibake", params={"uncurl_quotes": True}),))
    explanation = Pipeline(profile).explain(text)
    assert explanation.reports[0].spans == ((8, 9), (26, 27), (53, 56))
    assert explanation.output == get_rule("fix_mojibake")(text, uncurl_quotes=True)


@given(text=UNICODE_SOUP)
def test_fix_mojibake_edits_replay_to_its_output(text):
    from gui.engine.edits import apply_edits

    transform = get_rule("fix_mojibake").transform(uncurl_quotes=True)
    assert apply_edits(text, list(transform.edits(text))) == transform.apply(text)


def test_rules_without_notes_report_none():
    report = Pipeline(Profile("t", (RuleStep("lowercase"),))).explain("Abc").reports[0]
    assert report.notes == ()


def test_quotes_and_dashes_switches():
    rule = get_rule("normalize_quotes_dashes")
    assert rule("“a” – b", dashes=False) == '"a" – b'
    assert rule("“a” – b", quotes=False) == "“a” - b"
    assert rule("“a” – b", quotes=False, dashes=False) == "“a” – b"


def test_remove_invisible_keeps_tabs_and_line_breaks():
    rule = get_rule("remove_invisible")
    assert rule("a\u200d\tb\r\n\x00c\u202e") == "a\tb\r\nc"
    assert rule("a\u200bb\x01", zero_width=False) == "a\u200bb"
