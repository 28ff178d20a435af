"""Printing in the background: the queue is worked on its own thread so a slow printer
never freezes the touchscreen; problems come back to the screen as warnings."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from app.i18n import Language
from app.services.print_queue import PrintSpooler
from ui.printing import error_text


class _QueueWorker(QObject):
    """Lives on the printing thread; works the queue when asked."""

    finished = Signal(list)  # problems, already in the staff's language

    def __init__(self, spooler: PrintSpooler, language: Language) -> None:
        super().__init__()
        self._spooler = spooler
        self.language = language

    @Slot()
    def work(self) -> None:
        try:
            summary = self._spooler.process_queued()
            problems = list(summary.warnings)
        except Exception as error:  # a store problem must not kill the printing thread
            problems = [error_text(self.language, error)]
        self.finished.emit(problems)


class BackgroundPrinting(QObject):
    """Every ``interval_ms`` the queue is worked on the printing thread, one round at a time."""

    problems = Signal(list)
    _work = Signal()

    def __init__(
        self, spooler: PrintSpooler, language: Language, interval_ms: int, parent=None
    ) -> None:
        super().__init__(parent)
        self._busy = False
        self._thread = QThread()
        self._thread.setObjectName("printing")
        self._worker = _QueueWorker(spooler, language)
        self._worker.moveToThread(self._thread)
        self._work.connect(self._worker.work)
        self._worker.finished.connect(self._done)
        self._thread.start()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.work_now)
        self._timer.start(interval_ms)

    def set_language(self, language: Language) -> None:
        self._worker.language = language

    def work_now(self) -> None:
        if not self._busy:
            self._busy = True
            self._work.emit()

    def _done(self, problems: list) -> None:
        self._busy = False
        if problems:
            self.problems.emit(problems)

    def stop(self) -> None:
        self._timer.stop()
        self._thread.quit()
        self._thread.wait(10_000)
