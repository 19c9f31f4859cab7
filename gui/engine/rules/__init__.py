"""The rule catalogue: importing this package registers every rule."""

from gui.engine.rules import seed, unicode, web, whitespace  # noqa: F401
