"""The automatic daily backup, taken off the touchscreen's thread: a copy of a large store
takes seconds. Checked at start and every hour; a failure is shown, service goes on."""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.errors import XiaoerError
from app.i18n import Language
from app.services import backups
from app.services.context import Context

CHECK_MS = 60 * 60 * 1000


class AutomaticBackups(QObject):
    """``backups.backup_if_due`` on a thread of its own, at most one at a time."""

    problem = Signal(str)  # in the language given at the time of the failure
    _finished = Signal(object)

    def __init__(self, ctx: Context, language: Language, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.language = language
        self._running = False
        self._finished.connect(self._done)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check_now)
        self.timer.start(CHECK_MS)

    def check_now(self) -> None:
        if self._running:
            return
        self._running = True
        ctx, language = self._ctx, self.language

        def back_up() -> None:
            try:
                backups.backup_if_due(ctx)
                outcome = None
            except XiaoerError as mistake:
                outcome = language.error_text(mistake)
            except Exception as error:  # a full disk, a missing folder: say it, go on
                outcome = str(error) or type(error).__name__
            with contextlib.suppress(RuntimeError):  # the app has quit meanwhile
                self._finished.emit(outcome)

        threading.Thread(target=back_up, name="daily-backup", daemon=True).start()

    def _done(self, problem: str | None) -> None:
        self._running = False
        if problem:
            self.problem.emit(problem)
