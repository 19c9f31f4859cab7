"""Work around a reference-count bug of PySide6 6.12 on Python 3.11.

PySide6 6.12 returns `None` from every void method (and some `bool`s) without
taking a reference, which is only correct where those objects are immortal
(Python 3.12+). On 3.11 each call such as `widget.setText(...)` drops one
reference to `None`; after a few thousand the interpreter aborts with
"Fatal Python error: none_dealloc". The fix here does what 3.12 does: it gives
`None`, `True` and `False` a reference count no program can exhaust. It is
called explicitly (by `gui.app.main`, the window and the test setup), never at
import, and does nothing on Python 3.12 and later.
"""

from __future__ import annotations

import ctypes
import sys

_PINNED = 1 << 40
_done = False


def protect_singletons() -> None:
    """Make None/True/False effectively immortal on Python < 3.12 (idempotent)."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _PINNED
    _done = True
