"""Number and line rules."""

from __future__ import annotations

from gui.engine.registry import get_rule


def test_replace_numbers_token_and_delete():
    rule = get_rule("replace_numbers")
    assert rule("1,000,000 and 3.14 or -2 covid19") == "<NUMBER> and <NUMBER> or <NUMBER> covid19"
    assert rule("page 12.", replacement="") == "page ."


def test_remove_digits_can_mask():
    assert get_rule("remove_digits")("tel 555-1234", replacement="0") == "tel 000-0000"


def test_collapse_blank_lines_params():
    rule = get_rule("collapse_blank_lines")
    assert rule("a\n\n\n\nb", max_blank=0) == "a\nb"
    assert rule("a\n\n\n\nb", max_blank=2) == "a\n\n\nb"
    assert rule("\n \na\n\n\nb\n\n", max_blank=0, ends=True) == "a\nb"


def test_join_hyphenated_lines_can_join_capitals():
    rule = get_rule("join_hyphenated_lines")
    assert rule("New-\nYork", lowercase_only=False) == "NewYork"
    assert rule("1990-\n2000") == "1990-\n2000"


def test_remove_lines_matching():
    rule = get_rule("remove_lines_matching")
    text = "keep\n# comment\nkeep too\n#last"
    assert rule(text, pattern="^#") == "keep\nkeep too\n"
    assert rule("A\nb\na", pattern="a", ignore_case=True) == "b\n"
