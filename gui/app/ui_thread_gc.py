"""The window process collects cyclic garbage on the UI thread only.

CPython runs its cyclic collector in whichever thread happens to allocate
past a threshold, and it frees whatever garbage exists then, made by any
thread. In the window that is often a worker (the leakage audit, a preview
lane) freeing Qt objects the UI thread made (text cursors, layouts, formats)
while the UI thread uses the same documents and fonts: CI saw the process
die with a segmentation fault inside such a collection. So the window turns
the automatic collector off and runs it from a timer on the UI thread, by
the same generational thresholds CPython uses (calibre's GarbageCollector
does the same, for the same reason). Reference counting still frees
everything that is not in a cycle at once, in any thread.

    collector = collect_garbage_on_ui_thread(app)   # launch.configure does this
    collector.settle()                                # launch.main, once the window is built
    collector.stop()                                  # the automatic collector again

`settle` moves what startup built (modules, classes, the window's widgets:
57,000 objects) out of the collector's sight (`gc.freeze`): a full
collection took 34-46 ms of the UI thread with them, 0.1 ms without.

Only code that calls `gc.collect()` itself collects elsewhere; nothing in the
package does. `gui.engine.explain.explainer.collector_paused` leaves the
collector off when it was off.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

# How often the UI thread looks at the allocation counts. CPython's own
# gen-0 threshold (700 allocations) passes many times a second under load;
# a collection of the young generations costs microseconds, so a short tick
# keeps garbage from piling up without costing the UI anything measurable.
CHECK_MS = 200
_OBJECT_NAME = "textwash-ui-thread-gc"


class UiThreadCollector(QObject):
    """Runs `gc.collect(generation)` on the UI thread when CPython would have.

    `collections` counts the collections it ran, per generation.
    """

    def __init__(self, parent: QObject, check_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self.setObjectName(_OBJECT_NAME)
        self.collections = [0, 0, 0]
        self._was_enabled = gc.isenabled()
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)
        gc.disable()
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds."""
        threshold = gc.get_threshold()
        count = gc.get_count()
        if count[0] <= threshold[0]:
            return
        # Like CPython: an older generation is collected once enough younger
        # collections have passed (the count of generation n+1 is the number
        # of generation-n collections since its own last collection).
        generation = 0
        if count[1] > threshold[1]:
            generation = 2 if count[2] > threshold[2] else 1
        gc.collect(generation)
        self.collections[generation] += 1

    def settle(self) -> None:
        """Collect once, then never scan what is alive now again (`gc.freeze`).

        For what lives as long as the process (imports, the main window): were
        any of it to become garbage in a cycle later, it would stay.
        """
        gc.collect()
        gc.freeze()

    def stop(self) -> None:
        """Stop collecting here, after a last full collection; the automatic collector
        is back as it was."""
        if self._stopped:
            return
        self._stopped = True
        self._timer.stop()
        gc.collect()  # what the UI thread left, freed here rather than by a worker
        if self._was_enabled:
            gc.enable()
        self.setParent(None)
        self.deleteLater()


def collect_garbage_on_ui_thread(app: QCoreApplication) -> UiThreadCollector:
    """The application's collector: made on the first call, the same one after that."""
    existing = app.findChild(UiThreadCollector, _OBJECT_NAME)
    if existing is not None:
        return existing
    return UiThreadCollector(app)
