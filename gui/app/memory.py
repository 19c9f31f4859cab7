"""How the window process uses the C allocator's memory for large texts (glibc only).

Every keystroke in a large text makes the text anew (a 10 MB text with a
curly quote is a 20 MB `str`) and its output. glibc gives blocks over its
mmap threshold a mapping of their own, unmapped when freed, so each new one
is fresh memory: 5,120 page faults, 12-16 ms per keystroke on 10 MB. Blocks
up to `HEAP_BLOCKS` come from the heap instead (`configure_allocator`), and a
freed one is reused by the next keystroke's text: the same key costs ~3 ms.
(glibc does this by itself, raising its threshold after each free, until a
fixed threshold is set: an earlier fixed 1 MB one, meant to give memory
back, made every large block fresh.)

What the heap keeps after a large text is gone is given back once the window
has been idle for a moment (`IdleTrim`, `release_free_memory`: glibc's
`malloc_trim`): memory
does not grow from one large text to the next. Elsewhere (macOS, Windows,
musl) both do nothing.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

# glibc's mallopt parameters.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
# Blocks up to this size come from the heap: a 10 MB text in UCS-4 is 40 MB.
HEAP_BLOCKS = 64 << 20
# Free memory at the heap's top kept for reuse (trimmed beyond that at once).
KEEP_FREE = 2 * HEAP_BLOCKS
# The window gives free memory back after this long without a new result.
IDLE_TRIM_MS = 2000


def _libc_function(name: str) -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):
        return None


def configure_allocator() -> bool:
    """Have large blocks come from the heap, reused when freed; True if glibc took it."""
    mallopt = _libc_function("mallopt")
    if mallopt is None:
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, HEAP_BLOCKS) and mallopt(_M_TRIM_THRESHOLD, KEEP_FREE))


def release_free_memory() -> bool:
    """Give the heap's free memory back to the system; True if glibc did (or could)."""
    trim = _libc_function("malloc_trim")
    if trim is None:
        return False
    trim(0)
    return True


class IdleTrim(QObject):
    """Calls `release_free_memory` once nothing has poked it for `delay_ms`.

    After `text_replaced` (a file or record loaded), the next poke trims at
    once: that first result of the new text is when the old one's blocks are
    all freed, and opening one large text after another must not add up.
    """

    def __init__(self, parent: QObject | None = None, delay_ms: int = IDLE_TRIM_MS) -> None:
        super().__init__(parent)
        self.trims = 0  # how many times memory was given back
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._trim)
        self._replaced = False

    def text_replaced(self, *_args: object) -> None:
        self._replaced = True

    def poke(self, *_args: object) -> None:
        """Work happened (a new result): wait for the next pause."""
        if self._replaced:
            self._replaced = False
            self._timer.stop()
            self._trim()
            return
        self._timer.start()

    def _trim(self) -> None:
        if release_free_memory():
            self.trims += 1
