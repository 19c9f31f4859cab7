"""The rule catalogue: one module per family, each declaring its rules in `RULES`.

Rule modules only declare; `gui.engine.registry` collects `FAMILIES` in this
order, which is the catalogue order (the rule panel's, the README table's):
the seed first.
"""

from gui.engine.rules import (
    custom,
    lines,
    news,
    numbers,
    seed,
    stopwords,
    unicode,
    web,
    whitespace,
)

FAMILIES = (seed, whitespace, lines, web, unicode, numbers, news, stopwords, custom)
