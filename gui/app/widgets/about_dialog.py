"""Help > About: the version of Textwash and of what it runs on, and the licence."""

from __future__ import annotations

import platform
from html import escape
from importlib import metadata

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from gui import __version__

LICENCE = "MIT"
# The libraries whose versions change what the rules do.
_LIBRARIES = ("ftfy", "regex", "anyascii")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def versions() -> dict[str, str]:
    """What this copy runs on (shown in About, handy in bug reports)."""
    found = {
        "Textwash": __version__,
        "Python": platform.python_version(),
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
    }
    found.update({name: _version(name) for name in _LIBRARIES})
    return found


def about_html() -> str:
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td>&nbsp;{escape(version)}</td></tr>"
        for name, version in versions().items()
    )
    return (
        f"<h3>Textwash {escape(__version__)}</h3>"
        "<p>Normalize text by hand for NLP corpora: raw text beside its live normalized "
        "output. The same rules run headless with the <code>textwash</code> command and "
        "give the same bytes.</p>"
        f"<table>{rows}</table>"
        f"<p>Licence: {LICENCE}. Free to use, change and share; no warranty.</p>"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About Textwash", about_html())
