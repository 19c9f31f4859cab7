"""Stop-word lists and the catalogue presets."""

from __future__ import annotations

import pytest

from gui.engine import Pipeline, load_preset, normalize, preset_names
from gui.engine.registry import get_rule
from gui.engine.rule import ParamError
from gui.engine.rules.stopwords import english_stop_words
from gui.io.resources import resource_path


def test_english_list_ships_and_loads():
    words = english_stop_words()
    assert {"the", "of", "don't", "yourselves"} <= words
    assert resource_path("stopwords", "english.txt").read_text(encoding="utf-8").startswith("#")


def test_user_list_file(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("# my words\nfoo\nBar  # trailing comment\n\n", encoding="utf-8")
    rule = get_rule("remove_stopwords")
    assert rule("foo the bar baz", list_file=str(path)) == " the  baz"
    assert rule("Foo Bar bar", list_file=str(path), ignore_case=False) == "Foo  bar"


def test_missing_list_file_names_the_path(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(ParamError, match=f"stop-word list not found: {missing}"):
        get_rule("remove_stopwords").transform(list_file=str(missing))


def test_presets_exist():
    assert {"wordopt", "clean", "clean-text-like", "news-leak-safe"} <= set(preset_names())


def test_wordopt_preset_is_still_the_seed(seed_original, seed_normalized):
    assert normalize(seed_original, "wordopt") == seed_normalized


def test_clean_text_like_gives_clean_texts_readme_example():
    text = (
        ("A bunch of \\u2018new\\u2019 references, including [Moana].\n\n\n»Yóù àré     rïght <3!«")
        .replace("\\u2018", "\u2018")
        .replace("\\u2019", "\u2019")
    )
    expected = "a bunch of 'new' references, including [moana].\n\"you are right <3!\""
    assert normalize(text, "clean-text-like") == expected


def test_news_leak_safe_is_clean_plus_the_leak_rules(seed_original):
    clean = load_preset("clean")
    news = load_preset("news-leak-safe")
    assert [s.rule_id for s in news.steps[:2]] == ["remove_dateline", "remove_image_credits"]
    assert news.steps[2:] == clean.steps
    output = normalize(seed_original, "news-leak-safe")
    assert "reuters" not in output.split()[:5]
    assert Pipeline(news).explain(seed_original).reports[0].status == "changed"
