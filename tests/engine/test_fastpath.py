"""The fused fast paths give exactly what the generic pipeline and the seed give."""

from __future__ import annotations

import csv
import dataclasses
import re
import string

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gui.engine import Pipeline, Profile, RuleStep, fastpath, load_preset
from tests.oracle import wordopt as seed_wordopt

WORDOPT = Pipeline(load_preset("wordopt"))
CLEAN = Pipeline(load_preset("clean"))

# Characters that exercise every branch: brackets and newlines, `_`, digits of
# other scripts (BMP and not), numerics that are not \d, case oddities (final
# sigma, dotted I, Kelvin sign), non-ASCII spaces and punctuation, surrogates.
SPECIAL = (
    "[]<>\n\r\t _-.:/\\()'\"" + "aZ09" + "٣߀४𝟘𝟗" + "²½Ⅻ" + "ΣσςΑİIıKé"
    "東京、。「」" + "\u00a0\u2028\u3000\u200b\u0301\u0307" + "’“”—…" + "\ud800\udfff" + "😀"
)
TOKENS = ("http://x.org/a", "https://A.b", "www.x.y", "<b>", "</i>>", "[note]", "[", "]", "2016")

texts = st.lists(
    st.one_of(
        st.text(alphabet=SPECIAL, max_size=12),
        st.text(alphabet=st.characters(codec=None), max_size=8),
        st.sampled_from(TOKENS),
    ),
    max_size=12,
).map("".join)


@given(texts)
@example("New York (Reuters) - 3 officials said_2 [x] a_1 b")
@example("[a\nb] [c] [d")
@example("ΣΑΣ ΟΔΟΣ. Σ")
@example("İstanbul K 𝟘x ٣abc x² ½")
@example("a\ud800b 1\udfff")
def test_wordopt_fast_path_equals_seed_and_generic(text):
    expected = seed_wordopt(text)
    assert fastpath.wordopt(text) == expected
    assert WORDOPT.run_generic(text) == expected
    assert fastpath._wordopt_str(text) == expected


@given(texts)
@example("<b>Hello</b>   World_2 http://x.org/a, www.y.z!  ")
@example("  ΣΑΣ  ")
@example("a_b 1_c")
def test_clean_fast_path_equals_generic(text):
    expected = CLEAN.run_generic(text)
    assert fastpath.clean(text) == expected
    assert fastpath._clean_str(fastpath._clean_markup(text)) == expected


def _many_specials() -> str:
    # More distinct changing characters than the per-character plan takes.
    letters = "".join(chr(cp) for cp in range(0x391, 0x3A9) if chr(cp) != "\u03a2")
    cyrillic = "".join(chr(cp) for cp in range(0x410, 0x430))
    arrows = "".join(chr(cp) for cp in range(0x2190, 0x2200))
    return f"{letters} {cyrillic}, «x1» {arrows}x{letters.lower()}_ [drop] ٣ a"


def test_paths_taken():
    """The examples below reach each branch: plain ASCII, a per-character plan,
    lowering first (capital sigma), and the str path (many special characters)."""
    data, plan, fast = fastpath._encoded_and_plan("Plain ASCII 1")
    assert fast and plan is None
    data, plan, fast = fastpath._encoded_and_plan("“Quoted” É ٣")
    assert fast and plan is not None and plan.marks
    data, plan, fast = fastpath._encoded_and_plan("ΟΔΟΣ “x”")
    assert fast and data == "οδος “x”".encode()
    assert not fastpath._encoded_and_plan(_many_specials())[2]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "_",
        "a_1 b",
        "x" * 1000 + "1",
        "[" * 500 + "]",
        "<" * 300,
        "東京" * 30 + "5" + "東京",
        _many_specials(),
        "Ab" * 40 + "Σ",
    ],
)
def test_targeted_examples(text):
    assert fastpath.wordopt(text) == seed_wordopt(text)
    assert fastpath.clean(text) == CLEAN.run_generic(text)


def test_seed_pair(seed_original, seed_normalized):
    assert WORDOPT.run(seed_original) == seed_normalized


def test_isot_sample(isot_sample_path):
    with isot_sample_path.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][:150]
    for text in texts:
        assert WORDOPT.run(text) == seed_wordopt(text)
        assert CLEAN.run(text) == CLEAN.run_generic(text)


# --- recognising profiles ------------------------------------------------------------


def test_presets_use_the_fast_path():
    assert WORDOPT._fast is fastpath.wordopt
    assert CLEAN._fast is fastpath.clean


def test_dead_steps_may_be_off():
    profile = load_preset("wordopt")
    for index, step in enumerate(profile.steps):
        if step.rule_id in {"remove_urls", "remove_html_tags", "remove_newlines"}:
            profile = profile.with_enabled(index, False)
    assert fastpath.compile_profile(profile) is fastpath.wordopt


@pytest.mark.parametrize("index", range(8))
def test_other_profiles_fall_back(index):
    wordopt = load_preset("wordopt")
    step = wordopt.steps[index]
    if step.rule_id in {"remove_urls", "remove_html_tags", "remove_newlines"}:
        # Dead steps: off is still the seed; a replacement changes nothing either,
        # but it is not a signature we fuse.
        changed = wordopt.with_params(index, replacement="X")
        assert fastpath.compile_profile(changed) is None
        return
    assert fastpath.compile_profile(wordopt.with_enabled(index, False)) is None
    assert fastpath.compile_profile(wordopt.moved(index, (index + 1) % 8)) is None
    if step.rule.params:
        assert fastpath.compile_profile(wordopt.with_params(index, replacement="#")) is None


def test_extra_step_falls_back():
    profile = load_preset("clean").with_step(RuleStep("lowercase"), 0)
    assert fastpath.compile_profile(profile) is None


def test_unknown_profile_features_fall_back():
    """A profile or step carrying a feature the fused functions do not know (say,
    protected spans) must take the generic path."""

    @dataclasses.dataclass(frozen=True)
    class ProtectedProfile(Profile):
        protections: tuple[str, ...] = ()

    @dataclasses.dataclass(frozen=True)
    class FlaggedStep(RuleStep):
        only_lines_matching: str = ""

    base = load_preset("wordopt")
    plain = ProtectedProfile(base.name, base.steps, base.description)
    assert fastpath.compile_profile(plain) is fastpath.wordopt
    protected = ProtectedProfile(base.name, base.steps, base.description, (r"\d+",))
    assert fastpath.compile_profile(protected) is None
    steps = (FlaggedStep("lowercase", only_lines_matching="x"), *base.steps[1:])
    assert fastpath.compile_profile(Profile(base.name, steps)) is None


# --- the Unicode facts the fused functions rely on ------------------------------------


@pytest.mark.slow
def test_unicode_facts():
    word, space, digit = re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d")
    specials = set("[]<>\n_" + string.digits)
    for cp in range(0x110000):
        ch = chr(cp)
        lowered = ch.lower()
        assert not (word.match(ch) and space.match(ch)), hex(cp)
        assert lowered.lower() == lowered, hex(cp)
        if ch not in specials:
            assert not specials & set(lowered), hex(cp)
        if cp < 128:
            assert lowered.isascii() and len(lowered) == 1
    punctuation_words = [ch for ch in string.punctuation if word.match(ch)]
    assert punctuation_words == ["_"]
    assert not any(digit.match(ch) for ch in "²½Ⅻ")


def test_the_fused_profiles_come_from_the_preset_files():
    for name, function in fastpath._FUSED_PRESETS:
        profile = load_preset(name)
        (spec,) = [spec for spec, fused in fastpath._fused_specs() if fused is function]
        assert [rule_id for rule_id, _, _ in spec] == [
            step.rule_id for step in profile.steps if step.enabled
        ]
        assert fastpath.compile_profile(profile) is function


def test_inert_steps_are_derived_and_may_be_switched_off():
    profile = load_preset("wordopt")
    inert = fastpath.inert_steps(profile)
    assert {profile.steps[i].rule_id for i in inert} == {
        "remove_urls",
        "remove_html_tags",
        "remove_newlines",
    }
    for index in inert:
        assert fastpath.compile_profile(profile.with_enabled(index, False)) is fastpath.wordopt
    # Moved before non-word to space, URLs are not inert, and the profile is not fused.
    moved = profile.moved(3, 0)
    assert 0 not in fastpath.inert_steps(moved)
    assert fastpath.compile_profile(moved) is None
