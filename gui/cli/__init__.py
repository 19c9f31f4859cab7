"""The `textwash` command, free of Qt: `textwash clean` for text files and
datasets, `presets`, `rules`, `completion`, `help`; `textwash` alone or with
existing files opens the window.

`gui.cli:main` is the installed entry point.
"""

from gui.cli.dispatch import main

__all__ = ["main"]
