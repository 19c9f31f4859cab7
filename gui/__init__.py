"""Textwash: normalize text by hand for NLP corpora.

The package splits in two: `gui.engine` is the Qt-free rule engine (rules,
profiles, pipeline, explain, text and corpus I/O) that the window, the CLI and
users' own Python code all share; everything else is the Qt front end.
"""

__version__ = "0.1.0"
