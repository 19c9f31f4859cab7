"""The lowercasing tables list exactly the characters `str.lower` changes."""

from gui.engine.rules.support.casing import CAPITAL_SIGMA, _changing_runs, _lowered_by_str_lower


def test_the_block_scan_finds_every_character_str_lower_changes():
    one_by_one = [chr(cp) for cp in range(0x110000) if chr(cp).lower() != chr(cp)]
    assert list(_lowered_by_str_lower()) == one_by_one


def test_characters_that_grow_or_depend_on_context_are_special():
    _bmp_runs, _general, special = _changing_runs()
    assert {CAPITAL_SIGMA, "\u0130"} <= special  # Σ (final sigma) and İ (two characters)
    assert "A" not in special and "\u00c9" not in special
