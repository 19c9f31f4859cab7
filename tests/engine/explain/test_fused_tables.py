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
