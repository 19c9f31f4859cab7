"""The leakage audit without the CLI: scoring with known answers, reading labels, coverage."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from gui.engine.presets import load_preset
from gui.engine.profile import Profile, RuleStep
from gui.io.datasets import DatasetError
from gui.workflow.audit import (
    ClassCounts,
    audit,
    coverage,
    open_labelled,
    profile_sha256,
    rank_terms,
    score_term,
    terms,
)
from gui.workflow.audit.artefacts import FIXABLE, MISSING, MISSING_SETTING, NO_RULE, ON
from gui.workflow.audit.probes import probes_for
from gui.workflow.audit.report import html_report, markdown_report, write_report
from tests.workflow.leak_data import mixed_isot


def _audit(source, profiles, **options):
    """`audit` on `open_labelled(*source)`, its files closed afterwards."""
    with open_labelled(*source) as data:
        return audit(data, profiles, **options)


def _counts(docs: list[tuple[str, str]], bigrams: bool = False) -> ClassCounts:
    counts = ClassCounts(bigrams)
    for label, text in docs:
        counts.add(label, text)
    return counts


# Four documents a class. `leak` is in every `a` and no `b` document: a perfect leak.
# `the` is everywhere and `half` in half of each class: both tell nothing.
FIXTURE = [
    ("a", "leak the half one"),
    ("a", "leak the half two"),
    ("a", "leak the three"),
    ("a", "leak the four"),
    ("b", "the half five"),
    ("b", "the half six"),
    ("b", "the seven"),
    ("b", "the eight"),
]


def test_a_perfect_leak_scores_one_and_points_to_its_class():
    score = score_term(_counts(FIXTURE), "leak")
    assert score.score == 1.0
    assert score.leans == "a"
    assert score.share == {"a": 1.0, "b": 0.0}
    assert score.count == {"a": 4, "b": 0}


@pytest.mark.parametrize("term", ["the", "half", "missing"])
def test_a_term_equally_common_in_every_class_scores_one_half(term):
    assert score_term(_counts(FIXTURE), term).score == 0.5


def test_ranking_is_best_first_with_ties_by_documents_then_term():
    ranked = rank_terms(_counts(FIXTURE), top=4)
    assert ranked[0].term == "leak"
    # one..eight are each in one document: 0.625; `eight` before `five` alphabetically.
    assert [s.term for s in ranked[1:]] == ["eight", "five", "four"]
    assert ranked[1].score == pytest.approx((0.25 + 1.0) / 2)


def test_more_than_two_classes_is_one_against_the_rest():
    docs = [("a", "x"), ("a", "x"), ("b", "y"), ("b", "x"), ("c", "z"), ("c", "z")]
    counts = _counts(docs)
    x = score_term(counts, "x")
    # x -> a: recall 1, 1 of 4 others have it, specificity 0.75: (1 + 0.75) / 2.
    assert (x.leans, x.score) == ("a", pytest.approx(0.875))
    assert score_term(counts, "z").score == 1.0
    assert rank_terms(counts, 1)[0].term == "z"


def test_one_class_is_not_enough():
    with pytest.raises(ValueError, match="fewer than two classes"):
        rank_terms(_counts([("a", "x"), ("a", "y")]))


def test_terms_are_distinct_words_and_optional_bigrams():
    assert terms("the cat the hat") == {"the", "cat", "hat"}
    assert terms("new york new york", bigrams=True) == {"new", "york", "new york", "york new"}
    assert terms("café 東京 x²") == {"café", "東京", "x²"}


def test_a_document_counts_once_however_often_the_term_repeats():
    counts = _counts([("a", "x x x"), ("b", "y")])
    assert counts.frequency("x") == {"a": 1}


def _write_csv(path: Path, rows: list[tuple[str, str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(rows)
    return path


def _rows() -> list[tuple[str, str]]:
    return [(text, label) for label, text in FIXTURE]


def test_csv_jsonl_and_folder_give_the_same_counts(tmp_path):
    csv_path = _write_csv(tmp_path / "d.csv", _rows())
    jsonl = tmp_path / "d.jsonl"
    # Numeric labels, as many exported datasets have them.
    jsonl.write_text(
        "".join(
            json.dumps({"text": t, "label": 1 if label == "a" else 0}) + "\n"
            for t, label in _rows()
        ),
        encoding="utf-8",
    )
    folder = tmp_path / "folder"
    for number, (text, label) in enumerate(_rows()):
        (folder / label).mkdir(parents=True, exist_ok=True)
        (folder / label / f"{number}.txt").write_text(text, encoding="utf-8")
    results = [
        _audit((csv_path, "label"), [None]),
        _audit((jsonl, "label"), [None]),
        _audit((folder, None), [None]),
    ]
    assert results[0].classes == {"a": 4, "b": 4}
    assert results[1].classes == {"0": 4, "1": 4}
    assert results[2].classes == {"a": 4, "b": 4}
    for result in results:
        assert result.audits[0].leaks(1)[0].term == "leak"
        assert result.audits[0].leaks(1)[0].score.score == 1.0


def test_records_without_a_label_are_left_out_and_counted(tmp_path):
    path = _write_csv(tmp_path / "d.csv", [*_rows(), ("leak unlabelled", ""), ("x", "  ")])
    result = _audit((path, "label"), [None])
    assert (result.records, result.unlabelled) == (8, 2)
    assert result.audits[0].score("leak").count == {"a": 4, "b": 0}


@pytest.mark.parametrize(
    ("make", "label", "message"),
    [
        (lambda p: _write_csv(p / "d.csv", _rows()), "class", "no column named 'class'"),
        (lambda p: _write_csv(p / "d.csv", _rows()), "text", "also the text column"),
        (lambda p: _write_csv(p / "d.csv", _rows()), None, "name the label column"),
        (lambda p: p / "absent.csv", "label", "no such file"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(tmp_path, make, label, message):
    path = make(tmp_path)
    with pytest.raises(DatasetError, match=message) as error:
        open_labelled(path, label)
    assert str(path) in str(error.value)
    assert "\n" not in str(error.value)


def test_jsonl_without_the_label_field_names_the_file(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"text": "x", "y": 1}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match=r"d\.jsonl: no field named 'label'"):
        open_labelled(path, "label")


def test_a_file_outside_a_class_subfolder_names_the_file(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "1.txt").write_text("x", encoding="utf-8")
    (tmp_path / "loose.txt").write_text("y", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"loose\.txt: not in a class subfolder"):
        _audit((tmp_path, None), [None])


def test_coverage_names_the_rule_and_whether_the_profile_runs_it():
    wordopt, safe = load_preset("wordopt"), load_preset("news-leak-safe")
    assert coverage("reuters", wordopt).state == MISSING
    assert coverage("reuters", wordopt).rule_id == "remove_dateline"
    assert coverage("Reuters", safe).state == ON
    assert coverage("getty images", safe).rule_id == "remove_image_credits"
    assert coverage("washington", safe).state == NO_RULE
    # AP datelines need AP among the rule's agencies.
    dateline = Profile("p", (RuleStep("remove_dateline"),))
    assert coverage("ap", dateline).state == MISSING_SETTING
    assert "agencies" in coverage("ap", dateline).advice
    listed = Profile("p", (RuleStep("remove_dateline", params={"agencies": "Reuters, AP"}),))
    assert coverage("ap", listed).state == ON
    off = Profile("p", (RuleStep("remove_dateline", enabled=False),))
    assert coverage("reuters", off).state == MISSING


def test_probes_measure_which_rule_takes_a_leak_out(tmp_path):
    """City names in datelines have no list: the dateline probe finds them."""
    rows = []
    for number in range(6):
        rows.append((f"WASHINGTON (Reuters) - The senate met. Hawaii {number % 2}", "true"))
        credit = " Featured image via Getty Images" if number % 2 else ""
        rows.append((f"The senate met in Washington.{credit}", "fake"))
    path = _write_csv(tmp_path / "d.csv", [(t, label) for t, label in rows])
    result = _audit((path, "label"), [load_preset("wordopt")])
    leaks = {leak.term: leak for leak in result.audits[0].leaks(30)}
    reuters = leaks["reuters"].coverage
    assert (reuters.state, reuters.rule_id) == (FIXABLE, "remove_dateline")
    assert (reuters.fix.removed, reuters.fix.after) == (1.0, 0.5)
    assert "notes_and_bylines = true" in reuters.advice
    # `washington` is in every document; the datelines hold it in no class's only copy.
    assert leaks["washington"].score.score == 0.5
    assert leaks["washington"].coverage.state == NO_RULE
    getty = leaks["getty"].coverage
    assert (getty.state, getty.rule_id) == (FIXABLE, "remove_image_credits")
    # `hawaii` leans true (in true documents only) and no rule removes it.
    assert leaks["hawaii"].coverage.state == NO_RULE
    # ... nor `in`, which only the fake texts have ("met in Washington").
    assert {leak.term for leak in result.audits[0].uncovered(30)} == {"hawaii", "in"}


def test_a_profile_that_runs_the_rule_is_not_probed_for_it():
    profile = load_preset("news-leak-safe")
    ids = [probe.step.rule_id for probe in probes_for(profile)]
    assert ids == []
    assert [p.step.rule_id for p in probes_for(load_preset("wordopt"))] == [
        "remove_dateline",
        "remove_image_credits",
    ]


def test_profile_hash_is_the_sha256_of_its_toml():
    import hashlib

    profile = load_preset("wordopt")
    assert profile_sha256(profile) == hashlib.sha256(profile.to_toml().encode()).hexdigest()
    assert profile_sha256(profile) != profile_sha256(load_preset("news-leak-safe"))


@pytest.fixture
def mixed(tmp_path, isot_sample_path) -> Path:
    return mixed_isot(isot_sample_path, tmp_path / "mixed.csv")


def test_on_isot_wordopt_ranks_reuters_first_and_news_leak_safe_removes_it(mixed):
    """The issue's acceptance test: the shared ISOT true sample with fake-style records."""
    profiles = [load_preset("wordopt"), load_preset("news-leak-safe")]
    result = _audit((mixed, "label"), profiles)
    before, after = result.audits
    first = before.leaks(10)[0]
    assert first.term == "reuters"
    assert first.score.leans == "true"
    assert first.coverage.rule_id == "remove_dateline"
    assert "reuters" not in [leak.term for leak in after.leaks(10)]
    assert "reuters" in [fix.before.term for fix in result.fixed(10)]


def test_reports_have_the_profile_its_hash_and_both_rankings(mixed, tmp_path):
    profiles = [load_preset("wordopt"), load_preset("news-leak-safe")]
    result = _audit((mixed, "label"), profiles)
    sha = profile_sha256(profiles[1])
    md = markdown_report(result, top=5)
    assert "**news-leak-safe**" in md and sha in md
    assert "## Top leaks before: wordopt" in md and "## Top leaks after: news-leak-safe" in md
    assert "| 1 | `reuters` |" in md
    page = html_report(result, top=5)
    assert page.startswith("<!DOCTYPE html>") and sha in page
    assert "<td><code>reuters</code></td>" in page
    write_report(result, tmp_path / "r.html", top=5)
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == page
    with pytest.raises(ValueError, match=r"r\.txt: a report is \.md or \.html"):
        write_report(result, tmp_path / "r.txt")


def test_memory_holds_counts_not_documents(tmp_path):
    """Ten times the records with the same vocabulary: the counts hold as many entries."""
    small = _write_csv(tmp_path / "small.csv", _rows())
    big = _write_csv(tmp_path / "big.csv", _rows() * 10)
    sizes = []
    for path in (small, big):
        counts = _audit((path, "label"), [None]).audits[0].counts
        sizes.append(sum(len(counts.counter(label)) for label in counts.classes))
    assert sizes[0] == sizes[1]
