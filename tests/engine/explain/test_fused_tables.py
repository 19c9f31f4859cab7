"""The fused explain's table, built a block at a time, as asked per character."""

import numpy as np

from gui.engine.explain import fused


def test_block_table_equals_the_per_character_table():
    table = fused._table()
    expected = np.zeros(len(table), np.uint32)
    for base in range(0, len(expected), 0x10000):
        fused._fill_each(expected[base : base + 0x10000], base)
    differ = np.flatnonzero(table != expected)
    assert not len(differ), [hex(code) for code in differ[:10]]


def test_digits_and_only_digits_have_the_digit_class():
    classes = fused._table() >> fused._CLASS_SHIFT
    digits = (classes & fused._DIGIT) != 0
    assert ((classes == fused._DIGIT_CLASS[0]) == digits).all()
