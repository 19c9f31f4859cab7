"""The window's allocator policy: large texts reuse freed heap blocks, then give them back.

Each check runs in a fresh interpreter (the policy is process-wide) and reads
the kernel's own counters: page faults (`ru_minflt`) and resident memory.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a glibc policy: nothing to check elsewhere"
)

_FAULTS = """
import resource, sys
from gui.app.memory import configure_allocator
if sys.argv[1] == "configured" and not configure_allocator():
    print("not glibc"); raise SystemExit
text = "\\u2019" + "a" * 10_000_000  # 20 MB as UCS-2, as a 10 MB text with a curly quote
faults = []
for _ in range(8):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    text = "".join((text, "x"))  # one keystroke's new text
    faults.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
print(sorted(faults)[len(faults) // 2])
"""

_TRIM = """
from gui.app.memory import configure_allocator, release_free_memory
configure_allocator()
def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20
texts = ["\\u2019" + str(n) * 20_000_000 for n in range(6)]  # 240 MB of texts
del texts
kept = resident_mb()
release_free_memory()
print(kept, resident_mb())
"""


def _run(code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_keystrokes_new_text_reuses_freed_memory():
    answer = _run(_FAULTS, "configured")
    if answer == "not glibc":
        pytest.skip("the C library has no mallopt")
    # 20 MB of fresh pages would be 5,120 faults; reused heap blocks need none.
    assert int(answer) < 100


def test_freed_texts_go_back_to_the_system_when_trimmed():
    kept, trimmed = map(float, _run(_TRIM).split())
    # The heap kept up to KEEP_FREE (128 MB) of the freed 240 MB for reuse; the trim returns it.
    assert kept > 80 and trimmed < kept / 2


def test_the_window_gives_memory_back_once_results_pause(qtbot, window):
    from gui.app.memory import IdleTrim

    trim = IdleTrim(window, delay_ms=10)
    window.preview.text_explained.connect(trim.poke)
    window.document.set_text("An EDITED text, 3 words.")
    qtbot.waitUntil(lambda: trim.trims == 1, timeout=5000)


def test_a_loaded_text_trims_as_soon_as_it_is_explained(qtbot, window):
    from gui.app.memory import IdleTrim

    trim = IdleTrim(window, delay_ms=60_000)  # never, by the timer, within this test
    window.preview.text_explained.connect(trim.poke)
    window.document.text_loaded.connect(trim.text_replaced)
    with qtbot.waitSignal(window.preview.text_explained, timeout=5000):
        window.document.load_text("A NEW text, 2 words.")
    assert trim.trims == 1
