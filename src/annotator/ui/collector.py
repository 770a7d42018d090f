"""Collect cyclic garbage on the GUI thread only.

Python's collector runs in whichever thread happens to allocate when a threshold is crossed,
and the suggestion worker allocates a great deal while spaCy loads. If that collection frees
widgets from a closed window, Qt objects die on the wrong thread and the process aborts or
segfaults (seen here in tests). So automatic collection is switched off and a timer collects
on the GUI thread, generation by generation, as Anki does for the same reason.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        """Collect the generations whose allocation counts passed Python's own thresholds."""
        counts = gc.get_count()
        if counts[0] < self._thresholds[0]:
            return
        generation = (
            2 if counts[2] > self._thresholds[2] else 1 if counts[1] > self._thresholds[1] else 0
        )
        gc.collect(generation)
