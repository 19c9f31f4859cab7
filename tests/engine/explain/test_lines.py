"""Line-by-line explain and the incremental preview give exactly what a whole run gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gui.engine import Pipeline, Profile, RuleStep, all_rules, load_preset, preset_names
from gui.engine.explain.lines import LinePreview, explain_in_blocks, text_edit
from gui.engine.explain.report import DEAD, IDLE, Status
from gui.engine.rule import NO_EDITS, Reach
from tests.engine.explain.rule_texts import FRAGMENTS, LOCAL_CASES, LOCAL_MIX, SEPARATORS, rule_text
from tests.oracle import wordopt as seed_wordopt
from tests.strategies import TRICKY

PROFILES = [load_preset(name) for name in preset_names()] + [
    Profile(rule.id, (RuleStep(rule.id),)) for rule in all_rules()
]
# Settings that make a whole-text rule local, and local rules mixed.
PROFILES += [
    Profile(f"{rule.id} {params}", (RuleStep(rule.id, params=params),))
    for rule, params in LOCAL_CASES
    if params and rule.reach_for() > Reach.LINE
]
PROFILES.append(LOCAL_MIX)
# Texts of a few lines, edits that add and remove line feeds.
lines_text = st.lists(rule_text, max_size=5).map("\n".join)
edit_text = st.one_of(
    st.text(alphabet=st.sampled_from([*TRICKY, "\n", "\n"]), max_size=12),
    st.lists(st.sampled_from([*FRAGMENTS, "\n"]), max_size=3).map("".join),
)


def _shifted(edits, offset):
    return [(start + offset, end + offset, replacement) for start, end, replacement in edits]


@pytest.mark.parametrize(
    ("rule", "params"), LOCAL_CASES, ids=[f"{rule.id}-{params}" for rule, params in LOCAL_CASES]
)
# Many settings: 100 examples each, in CI too (they passed 1,500 each locally, two seeds).
@settings(max_examples=100, deadline=None)
@given(x=rule_text, y=rule_text, data=st.data())
def test_a_rule_splits_around_its_separators(rule, params, x, y, data):
    transform = rule.transform(**params)
    reach = rule.reach_for(**params)
    separator = data.draw(st.sampled_from(SEPARATORS[reach]))
    own = getattr(transform, "separates", None)
    if own is not None and not own(separator):
        return
    whole = list(transform.edits(x + separator + y))
    parts = [
        *transform.edits(x),
        *_shifted(transform.edits(separator), len(x)),
        *_shifted(transform.edits(y), len(x) + len(separator)),
    ]
    assert [tuple(edit) for edit in whole] == [tuple(edit) for edit in parts]
    assert transform.apply(x + separator + y) == "".join(map(transform.apply, (x, separator, y)))


def test_every_local_rule_has_its_texts():
    """Each local setting finds something to do in the texts drawn above (or is a no-op)."""
    idle = [
        f"{rule.id} {params}"
        for rule, params in LOCAL_CASES
        if rule.transform(**params) is not NO_EDITS
        and not any(next(iter(rule.transform(**params).edits(piece)), None) for piece in FRAGMENTS)
    ]
    assert idle == []


def _same(spliced, whole):
    assert spliced.output == whole.output
    for ours, theirs in zip(spliced.reports, whole.reports, strict=True):
        assert (ours.rule_id, ours.status, ours.changes, ours.reason) == (
            theirs.rule_id,
            theirs.status,
            theirs.changes,
            theirs.reason,
        )
        assert ours.spans == theirs.spans


@pytest.mark.parametrize("profile", PROFILES, ids=lambda profile: profile.name)
@settings(max_examples=40, deadline=None)
@given(text=lines_text, data=st.data())
def test_incremental_preview_equals_a_full_run(profile, text, data):
    pipeline = Pipeline(profile)
    # Tiny blocks, so edits cross, merge and split them.
    preview = LinePreview(pipeline, text, block_chars=8)
    _same(preview.explanation(), pipeline.explain(text))
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(preview.text)))
        end = data.draw(st.integers(start, min(len(preview.text), start + 10)))
        replacement = data.draw(edit_text)
        before = preview.output
        change = preview.edit(start, end, replacement)
        assert before[: change.start] + change.text + before[change.end :] == preview.output
        assert preview.output == pipeline.run(preview.text)
        if profile.name == "wordopt":
            assert preview.output == seed_wordopt(preview.text)
        if data.draw(st.booleans()):
            _same(preview.explanation(), pipeline.explain(preview.text))
    _same(preview.explanation(), pipeline.explain(preview.text))


@settings(max_examples=60, deadline=None)
@given(text=lines_text)
def test_explain_in_blocks_equals_explain(text):
    pipeline = Pipeline(load_preset("wordopt"))
    works, output = explain_in_blocks(pipeline, text, 4)
    whole = pipeline.explain(text)
    assert output == whole.output
    for work, report in zip(works, whole.reports, strict=True):
        assert work.changes == report.changes
        assert list(zip(work.starts.tolist(), work.ends.tolist(), strict=True)) == list(
            report.spans
        )


def test_wordopt_splits_at_line_feeds_and_clean_does_not():
    assert Pipeline(load_preset("wordopt")).seam.piece == " "
    # clean collapses whitespace across lines and trims the whole text.
    clean = Pipeline(load_preset("clean"))
    assert clean.seam is None
    # And no seam could be right. A line that cleans to nothing (a blank
    # line, "123", "<br>") takes the line feed with it: no fixed piece joins
    # the lines' outputs.
    assert clean.run("a\n\nb") == "a b" != " ".join(map(clean.run, ["a", "", "b"]))
    # Even where the output agrees, the steps' work does not: the period's
    # space and the line feed's are one run for collapse on the whole text,
    # a trailing space for trim on the line alone.
    whole, line = clean.explain("Hi.\nYes"), clean.explain("Hi.")
    assert whole.output == " ".join([line.output, clean.run("Yes")])
    assert [(r.changes, r.spans) for r in whole.reports[-2:]] == [(1, ((2, 4),)), (0, ())]
    assert [(r.changes, r.spans) for r in line.reports[-2:]] == [(0, ()), (1, ((2, 3),))]
    # Every rule in this mix declares a reach of at most a line: a line feed stays one.
    assert Pipeline(LOCAL_MIX).seam.piece == "\n"


def test_a_whole_text_profile_falls_back_to_full_runs():
    pipeline = Pipeline(load_preset("clean"))
    preview = pipeline.preview("a  b\n\n c")
    assert not preview.splits
    preview.edit(0, 1, "X  ")
    assert preview.output == pipeline.run("X    b\n\n c")
    _same(preview.explanation(), pipeline.explain(preview.text))


def test_an_edit_reruns_only_its_blocks():
    pipeline = Pipeline(load_preset("wordopt"))
    text = "\n".join(f"Line {n} of the TEXT." for n in range(2000))
    preview = pipeline.preview(text)
    assert preview.blocks > 1
    change = preview.edit(10, 10, "New ")
    assert len(change.text) < 2 * preview.block_chars
    assert preview.output == seed_wordopt(preview.text)


def test_empty_text_has_no_dead_rules():
    explanation = Pipeline(load_preset("wordopt")).explain("")
    assert [report.status for report in explanation.reports] == [IDLE] * 8
    assert explanation.dead_rules == []
    # Where non-word to space did change something, the order kills them.
    statuses = {
        r.rule_id: r.status for r in Pipeline(load_preset("wordopt")).explain("a b.").reports
    }
    assert statuses["remove_urls"] == DEAD


def test_statuses_are_a_str_enum_equal_to_their_names():
    report = Pipeline(load_preset("wordopt")).explain("").reports[0]
    assert isinstance(report.status, Status) and isinstance(report.status, str)
    assert report.status == "idle" and f"{report.status}" == "idle"


@given(old=lines_text, new=lines_text)
def test_text_edit_finds_one_edit_between_two_texts(old, new):
    start, end, replacement = text_edit(old, new)
    assert old[:start] + replacement + old[end:] == new
    assert 0 <= start <= end <= len(old)


@settings(max_examples=30, deadline=None)
@given(text=lines_text, new=lines_text)
def test_update_and_tokens_follow_the_text(text, new):
    pipeline = Pipeline(load_preset("wordopt"))
    preview = LinePreview(pipeline, text, block_chars=8)
    preview.tokens()
    preview.update(new)
    assert preview.text == new and preview.output == pipeline.run(new)
    assert preview.tokens() == (len(new.split()), len(preview.output.split()))
