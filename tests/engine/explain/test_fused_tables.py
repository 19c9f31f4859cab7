"""The fused explain's character classes, built a block at a time, as asked per character."""

import numpy as np

from gui.engine.explain import fused


def test_block_classes_equal_the_per_character_classes():
    table = fused._classes()
    expected = np.zeros(len(table), np.uint8)
    for base in range(0, len(expected), 0x10000):
        fused._classify_each(expected[base : base + 0x10000], base)
    expected[fused._SIGMA] |= fused._SIGMA_BIT
    differ = np.flatnonzero(table != expected)
    assert not len(differ), [hex(code) for code in differ[:10]]
