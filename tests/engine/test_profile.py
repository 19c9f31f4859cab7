"""Profiles: TOML round trips, editing, and errors that name the file and key."""

from pathlib import Path

import pytest

from gui.engine import (
    Pipeline,
    Profile,
    ProfileError,
    RuleStep,
    load_preset,
    load_profile,
    preset_names,
    resolve_profile,
    save_profile,
)


def test_round_trip_keeps_order_flags_and_params(tmp_path):
    profile = (
        load_preset("wordopt")
        .with_enabled(1, False)
        .with_params(3, replacement="<URL>")
        .moved(3, 0)
        .renamed("mine", "for tests")
    )
    path = tmp_path / "mine.toml"
    save_profile(profile, path)
    assert load_profile(path) == profile
    assert 'replacement = "<URL>"' in path.read_text(encoding="utf-8")


def test_profiles_are_immutable_values():
    wordopt = load_preset("wordopt")
    edited = wordopt.with_enabled(0, False)
    assert wordopt.steps[0].enabled and not edited.steps[0].enabled


def test_builtin_presets_load_and_run():
    assert preset_names()[0] == "wordopt"
    assert {"wordopt", "clean"} <= set(preset_names())
    for name in preset_names():
        profile = load_preset(name)
        assert profile.description
        Pipeline(profile).run("Hello, World! <b>x</b> https://x.org 2016")


def test_clean_preset_collapses_and_trims():
    text = "  <p>Visit https://example.org/a?b=1 NOW</p>,  in 2016: so-called “news”  \n"
    assert Pipeline(load_preset("clean")).run(text) == "visit now in so called news"


def test_resolve_profile_by_name_and_by_path(tmp_path):
    path = tmp_path / "p.toml"
    save_profile(Profile("p", (RuleStep("lowercase"),)), path)
    assert resolve_profile("clean").name == "clean"
    assert resolve_profile(str(path)).name == "p"
    with pytest.raises(ProfileError, match="no preset or profile file"):
        resolve_profile("nonesuch")


BAD_PROFILES = {
    "not TOML": ("rules = [", "not valid TOML"),
    "unknown rule": ('[[rules]]\nid = "lowercase"\n[[rules]]\nid = "sparkle"\n', "rules[1].id"),
    "wrong parameter type": (
        '[[rules]]\nid = "remove_urls"\nreplacement = 3\n',
        "rules[0].replacement: must be a string, not int",
    ),
    "unknown parameter": ('[[rules]]\nid = "lowercase"\ncolour = "red"\n', "rules[0].colour"),
    "duplicate rule": (
        '[[rules]]\nid = "lowercase"\n[[rules]]\nid = "lowercase"\n',
        "rules[1].id: duplicate rule 'lowercase'",
    ),
    "enabled not a bool": ('[[rules]]\nid = "lowercase"\nenabled = "yes"\n', "rules[0].enabled"),
    "no rules": ('name = "x"\n', "rules: must be a non-empty list"),
    "unknown top-level key": ('colour = 1\n[[rules]]\nid = "lowercase"\n', "colour: unknown key"),
    "future format": ('format = 9\n[[rules]]\nid = "lowercase"\n', "format: version 9"),
    "rule without id": ("[[rules]]\nenabled = true\n", "rules[0].id: missing"),
}


@pytest.mark.parametrize("case", BAD_PROFILES)
def test_malformed_profile_names_file_and_key(tmp_path, case):
    content, expected = BAD_PROFILES[case]
    path = tmp_path / "broken.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert str(path) in message and expected in message


def test_unreadable_profiles(tmp_path):
    with pytest.raises(ProfileError, match="cannot read profile"):
        load_profile(tmp_path / "missing.toml")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ProfileError, match="not UTF-8"):
        load_profile(binary)


def test_with_params_checks_types():
    with pytest.raises(ValueError, match="must be a string"):
        load_preset("wordopt").with_params(3, replacement=5)


def test_presets_are_found_from_the_resources_folder():
    from gui.io.resources import resources_dir

    assert (resources_dir() / "presets" / "wordopt.toml").is_file()
    assert Path(resources_dir()).name == "resources"


def test_a_word_list_beside_the_profile_is_found_from_anywhere(tmp_path, monkeypatch):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "words.txt").write_text("# my list\nreuters\nsaid\n", encoding="utf-8")
    (folder / "mine.toml").write_text(
        '[[rules]]\nid = "remove_stopwords"\nlist_file = "words.txt"\n', encoding="utf-8"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    profile = load_profile(folder / "mine.toml")
    assert profile.steps[0].params["list_file"] == str(folder / "words.txt")
    assert Pipeline(profile).run("Reuters said so") == "  so"
