"""The rule catalogue: importing this package registers every rule.

Import order is catalogue order (the rule panel's order): the seed first.
"""

# isort: off
from gui.engine.rules import seed  # noqa: F401
from gui.engine.rules import whitespace, lines  # noqa: F401
from gui.engine.rules import unicode, web, numbers, news, stopwords  # noqa: F401
from gui.engine.rules import custom  # noqa: F401

# isort: on
