"""The `textwash` command, free of Qt: `textwash clean` for text files and
datasets, `presets`, `rules`; `textwash` alone or with files opens the window.

`gui.cli:main` is the installed entry point.
"""

from gui.cli.dispatch import main

__all__ = ["main"]
