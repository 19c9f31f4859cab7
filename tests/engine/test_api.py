"""The public Python API: cached pipelines, normalize_many, pickling, the origin map."""

from __future__ import annotations

import csv
import doctest
import importlib
import os
import pickle
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gui.engine import (
    Pipeline,
    Profile,
    ProfileError,
    all_rules,
    cached_pipeline,
    explain,
    load_preset,
    normalize,
    normalize_many,
    preset_names,
    save_profile,
)
from gui.engine.profile import RuleStep
from tests.conftest import SMALL_CSV
from tests.oracle import wordopt as seed_wordopt

SAMPLES = [
    "New York (Reuters) - 3 officials said on Monday.",
    "  <p>Visit https://example.com/x?y=1 now!</p>\n\n\nBy Jane Doe  ",
    "Don’t  worry: U.S. covid19 [sic] café №2 #tag @user 😀",
    "",
]


def _profile_file(path: Path, *rule_ids: str) -> Path:
    profile = Profile("mine", tuple(RuleStep(rule_id) for rule_id in rule_ids))
    save_profile(profile, path)
    return path


def test_the_package_doctests_hold():
    for name in (
        "gui.engine",
        "gui.engine.many",
        "gui.engine.pipeline",
        "gui.engine.explain.report",
    ):
        module = importlib.import_module(name)
        result = doctest.testmod(module, raise_on_error=False)
        assert result.attempted and not result.failed, name


def test_normalize_by_name_path_and_value_agree_with_a_compiled_pipeline(tmp_path):
    for name in preset_names():
        profile = load_preset(name)
        pipeline = Pipeline(profile)
        path = tmp_path / f"{name}.toml"
        save_profile(profile, path)
        for text in SAMPLES:
            expected = pipeline.run(text)
            assert normalize(text, name) == expected
            assert normalize(text, path) == expected
            assert normalize(text, str(path)) == expected
            assert normalize(text, profile) == expected
            assert explain(text, name).output == expected


def test_a_profile_is_compiled_once_per_content():
    assert cached_pipeline("wordopt") is cached_pipeline("wordopt")
    first, second = load_preset("clean"), load_preset("clean")
    assert first is not second
    assert cached_pipeline(first) is cached_pipeline(second)
    assert cached_pipeline(first.with_enabled(0, False)) is not cached_pipeline(first)


def test_an_edited_profile_file_is_picked_up(tmp_path):
    path = _profile_file(tmp_path / "mine.toml", "lowercase")
    assert normalize("Hello, World", path) == "hello, world"
    _profile_file(path, "lowercase", "remove_punctuation")
    assert normalize("Hello, World", path) == "hello world"
    # An edit that keeps the size: the modification time tells the versions apart.
    path.write_text('[[rules]]\nid = "find_replace"\nfind = "a"\n', encoding="utf-8")
    assert normalize("a-b", path) == "-b"
    before = path.stat()
    path.write_text('[[rules]]\nid = "find_replace"\nfind = "b"\n', encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert path.stat().st_size == before.st_size
    assert normalize("a-b", path) == "a-"


def test_a_replaced_or_deleted_profile_file_is_noticed(tmp_path):
    path = _profile_file(tmp_path / "mine.toml", "lowercase")
    assert normalize("ABC", path) == "abc"
    replacement = _profile_file(tmp_path / "other.toml", "remove_punctuation")
    os.replace(replacement, path)
    assert normalize("A.B", path) == "AB"
    path.unlink()
    with pytest.raises(ProfileError, match=r"mine\.toml: cannot read profile"):
        normalize("ABC", path)
    with pytest.raises(ProfileError, match="no preset or profile file"):
        normalize("ABC", "no-such-preset")


def test_every_preset_and_rule_pipeline_pickles_to_the_same_output():
    profiles = [load_preset(name) for name in preset_names()]
    profiles += [Profile(rule.id, (RuleStep(rule.id),)) for rule in all_rules()]
    profiles.append(
        Profile(
            "user rules",
            (
                RuleStep("regex_replace", params={"pattern": r"(\d+)", "replacement": r"<\1>"}),
                RuleStep("find_replace", params={"find": "Reuters", "replace": "R"}),
                RuleStep("remove_lines_matching", params={"pattern": "^By "}),
            ),
            protect=(r"U\.S\.",),
        )
    )
    for profile in profiles:
        pipeline = Pipeline(profile)
        restored = pickle.loads(pickle.dumps(pipeline))
        assert restored.profile == profile
        for text in SAMPLES:
            assert restored.run(text) == pipeline.run(text), profile.name
            assert restored.explain(text).output == pipeline.run(text), profile.name


def test_normalize_many_matches_normalize_in_order_whatever_jobs():
    with SMALL_CSV.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)] + SAMPLES
    expected = [normalize(text, "clean") for text in texts]
    assert normalize_many(texts, "clean") == expected
    assert normalize_many(iter(texts), "clean", jobs=1, chunksize=3) == expected
    assert normalize_many(texts, "clean", jobs=2, chunksize=4) == expected
    assert normalize_many([], "clean", jobs=2) == []


def test_normalize_many_names_a_bad_item_and_a_bad_profile():
    with pytest.raises(TypeError, match=r"texts\[2\]: expected str, not float"):
        normalize_many(["a", "b", float("nan")], jobs=2, chunksize=2)
    with pytest.raises(ProfileError, match="nope"):
        normalize_many(["a"], "nope")


@given(st.text())
def test_cached_wordopt_is_the_seed_function(text):
    assert normalize(text) == seed_wordopt(text)


def test_origin_maps_output_offsets_to_raw_spans():
    report = explain("Covid19 hit U.S. (Reuters)", "wordopt")
    assert report.output == " hit u s   reuters "
    # Copied characters map to themselves.
    assert report.origin(1, 4) == (8, 11)
    assert report.text[slice(*report.origin(1, 4))] == "hit"
    # A space put in for "." stands for that ".".
    assert report.text[slice(*report.origin(6))] == "."
    assert report.origin(0, len(report.output)) == (7, len(report.text))
    assert report.origin(len(report.output), len(report.output)) == (len(report.text),) * 2
    with pytest.raises(IndexError):
        report.origin(0, len(report.output) + 1)


def test_origin_of_an_inserted_token_is_what_it_replaced():
    profile = Profile("urls", (RuleStep("replace_urls", params={"replacement": "<URL>"}),))
    text = "see https://example.com/a, then"
    report = explain(text, profile)
    start = report.output.index("<URL>")
    for offset in range(start, start + 5):
        assert report.text[slice(*report.origin(offset))] == "https://example.com/a"


@given(st.text(max_size=200), st.sampled_from(["wordopt", "clean", "news-leak-safe"]))
def test_every_output_character_comes_from_itself_or_from_what_a_rule_replaced(text, name):
    report = explain(text, name)
    last = (0, 0)
    for offset, char in enumerate(report.output):
        start, end = report.origin(offset)
        assert 0 <= start <= end <= len(text)
        assert (start, end) >= last, "origins run in the order of the output"
        last = (start, end)
        if text[start:end] != char and start < end:
            assert report.rule_at(start) is not None, (offset, char, start, end)
