"""News-artefact rules on the shared ISOT sample (True.csv, first 1,008 rows)."""

from __future__ import annotations

import csv
import re

import pytest

from gui.engine.registry import get_rule

DATELINE_SHAPE = re.compile(r"\s*(?:\(.*\)\s*)?(?:By [^()]*)?[^()]*\(Reuters\)\s+[-–—]\s*")


@pytest.fixture
def isot_texts(isot_sample_path):
    with isot_sample_path.open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle)]


@pytest.mark.parametrize("params", [{}, {"notes_and_bylines": True}], ids=["default", "notes"])
def test_dateline_removed_from_95_percent_and_nothing_else(isot_texts, params):
    transform = get_rule("remove_dateline").transform(**params)
    changed = 0
    for text in isot_texts:
        output = transform.apply(text)
        if output == text:
            continue
        changed += 1
        removed = len(text) - len(output)
        # Only a prefix went, and it is a dateline; the rest is byte for byte the same.
        assert text[removed:] == output
        assert DATELINE_SHAPE.fullmatch(text[:removed]), text[:removed]
    assert changed / len(isot_texts) >= 0.95, f"{changed} of {len(isot_texts)}"


def test_dateline_counts_on_the_sample(isot_texts):
    default = get_rule("remove_dateline").transform()
    notes = get_rule("remove_dateline").transform(notes_and_bylines=True)
    assert sum(default.apply(t) != t for t in isot_texts) == 970
    assert sum(notes.apply(t) != t for t in isot_texts) == 982


def test_image_credits_remove_nothing_from_true_articles(isot_texts):
    transform = get_rule("remove_image_credits").transform()
    assert [t[:60] for t in isot_texts if transform.apply(t) != t] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sad! Featured image via Getty Images", "Sad!"),
        ("Sad. Featured Image via Chip Somodevilla/Getty Images ", "Sad."),
        ("Wow.Photo by Win McNamee/Getty Images", "Wow."),
        ("It is. Image credit: screenshot", "It is."),
        ("Ha. Screengrab via YouTube\nNext line", "Ha.\nNext line"),
        ("We took a photo by the lake.", "We took a photo by the lake."),
    ],
)
def test_image_credit_shapes(text, expected):
    assert get_rule("remove_image_credits")(text) == expected


def test_dateline_other_agencies_and_every_line():
    rule = get_rule("remove_dateline")
    assert rule("PARIS (AFP) — Hi", agencies="Reuters, AFP") == "Hi"
    text = "LONDON (Reuters) - a\nPARIS (Reuters) - b"
    assert rule(text, every_line=True) == "a\nb"
