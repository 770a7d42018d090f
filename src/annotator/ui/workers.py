"""Entity suggestions off the GUI thread: one worker thread owns spaCy and the loaded model.

The GUI submits plain-data jobs; the worker loads the pipeline on first use, runs it and posts
each article's result back through a queued signal. It never touches the project file or a
widget: the GUI thread stores the results, so the database has one writer.
"""

from __future__ import annotations

import weakref
from typing import ClassVar

import shiboken6
from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from annotator.app.suggestions import Suggester, SuggestionJob
from annotator.errors import UserError


class _Worker(QObject):
    loading = Signal(str)
    ready = Signal(int, object)  # project, SuggestionSet
    failed = Signal(int, object, str)  # project, tuple of article ids, message
    done = Signal(int)  # number of articles the job held

    def __init__(self) -> None:
        super().__init__()
        self._suggester: Suggester | None = None

    @Slot(object)
    def run(self, job: SuggestionJob) -> None:
        try:
            if self._suggester is None or self._suggester.model != job.model:
                self._suggester = Suggester(model=job.model)
                self.loading.emit(job.model or "")
                self._suggester.load()
            for result in self._suggester.run(job):
                self.ready.emit(job.project, result)
        except UserError as error:
            self._suggester = None
            self.failed.emit(job.project, tuple(a.id for a in job.articles), str(error))
        except Exception as error:  # report any failure and keep the worker alive
            self._suggester = None
            message = f"{type(error).__name__}: {error}"
            self.failed.emit(job.project, tuple(a.id for a in job.articles), message)
        finally:
            self.done.emit(len(job.articles))


class SuggestionService(QObject):
    """Lives on the GUI thread; queues jobs for the worker thread and reports how busy it is."""

    loading = Signal(str)  # model name being loaded
    ready = Signal(int, object)  # project, SuggestionSet
    failed = Signal(int, object, str)  # project, article ids, message
    busy_changed = Signal(int)  # articles waiting or in progress
    _submit = Signal(object)
    #: Every live service, so tests can check that none leaves its thread running.
    instances: ClassVar[weakref.WeakSet[SuggestionService]] = weakref.WeakSet()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pending = 0  # articles waiting or in progress
        self.jobs = 0  # jobs waiting or in progress, model warm-ups included
        # Parented, so Python's garbage collector never destroys it while it runs (Qt aborts
        # the process when a running QThread is destroyed).
        self._thread = QThread(self)
        self._thread.setObjectName("suggestions")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.loading.connect(self.loading)
        self._worker.ready.connect(self.ready)
        self._worker.failed.connect(self.failed)
        self._worker.done.connect(self._on_done)
        # Start once the event loop runs, i.e. after the window is shown: jobs submitted
        # before then wait in the queue, so loading spaCy never delays the first paint.
        self._closed = False
        QTimer.singleShot(0, self._start)
        SuggestionService.instances.add(self)

    def _start(self) -> None:
        if not self._closed:
            self._thread.start()

    @property
    def running(self) -> bool:
        return shiboken6.isValid(self._thread) and self._thread.isRunning()

    def submit(self, job: SuggestionJob) -> None:
        """Queue a job; a job with no articles just loads the model ahead of time."""
        self.pending += len(job.articles)
        self.jobs += 1
        self.busy_changed.emit(self.pending)
        self._submit.emit(job)

    def _on_done(self, count: int) -> None:
        self.pending -= count
        self.jobs -= 1
        self.busy_changed.emit(self.pending)

    @property
    def busy(self) -> bool:
        return self.jobs > 0

    def shutdown(self) -> None:
        """Stop the thread once the job in hand is finished; queued jobs are dropped."""
        self._closed = True
        self._thread.requestInterruption()
        self._thread.quit()
        self._thread.wait()
