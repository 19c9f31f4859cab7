"""The wordopt preset against the seed pair in ../shared/seeds/."""

from gui.engine import normalize


def test_original_article_gives_001_byte_for_byte(seed_original, seed_normalized):
    assert normalize(seed_original, "wordopt").encode() == seed_normalized.encode()


def test_tidied_article_gives_the_same_tokens(seed_raw, seed_normalized):
    output = normalize(seed_raw, "wordopt")
    assert output.split() == seed_normalized.split()
    # The tidied copy is exactly the three documented spaces short.
    assert len(seed_normalized) - len(output) == 3
