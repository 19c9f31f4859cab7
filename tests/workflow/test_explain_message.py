"""The helper's explain answer: named fields, a version, span arrays."""

from __future__ import annotations

import pickle
from array import array

import pytest

from gui.engine import Pipeline, load_preset
from gui.workflow import explain_process
from gui.workflow.explain_process import MESSAGE_VERSION, MessageError, summarize
from gui.workflow.highlights import prepare_highlights

TEXT = "Paid $430 in 2016 [note] (see <b>x</b>)\nSecond LINE 3rd"


def test_the_answer_names_its_fields_and_sends_arrays():
    explanation = Pipeline(load_preset("wordopt")).explain(TEXT)
    packed = explain_process._pack(explanation, prepare_highlights(explanation))
    assert packed["version"] == MESSAGE_VERSION
    report = packed["reports"][-1]
    assert report["rule_id"] == "remove_digit_words" and report["changes"] == 3
    assert isinstance(report["starts"], array) and report["starts"].typecode == "q"
    # Through a pickle (as through the pipe) and back: what the thread path gives.
    summary, highlights = explain_process._unpack(
        pickle.loads(pickle.dumps(packed)), TEXT, explanation.output, "process"
    )
    expected, _ = summarize(explanation)
    for ours, theirs in zip(summary.reports, expected.reports, strict=True):
        assert (ours.rule_id, ours.status, ours.changes, ours.spans) == (
            theirs.rule_id,
            theirs.status,
            theirs.changes,
            theirs.spans,
        )
    assert summary.rule_at(TEXT.index("2016")).rule_id == "remove_digit_words"
    assert highlights.spans() == prepare_highlights(explanation).spans()


def test_an_answer_in_another_format_is_refused_in_words():
    explanation = Pipeline(load_preset("wordopt")).explain(TEXT)
    packed = explain_process._pack(explanation, prepare_highlights(explanation))
    packed["version"] = MESSAGE_VERSION + 1
    with pytest.raises(MessageError, match="message format"):
        explain_process._unpack(packed, TEXT, explanation.output, "process")
