"""One poller of the service steps due across the floor: every 15 seconds, and a moment
after any action (once the screen the tap opened has shown itself), it asks the store and
hands the list to the strip, the due list, the floor badges and the toasts."""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from app.services import coaching
from app.services.coaching import PromptView
from ui.session import UiSession

POLL_MS = 15_000
AFTER_CHANGE_MS = 150
"""An action's prompts are asked for this long after it: the tap's own screen is painted
first (asking takes some 25 ms with 60 tables occupied on a store with 3 years of
history), several changes of one tap make one poll, and a toast still comes well within
a second."""


class CoachingPoller(QObject):
    """Asks ``coaching.due_now`` on a timer and after ``session.changed``; emits
    ``prompts(list[PromptView])``, most overdue first. ``latest`` holds the last list."""

    prompts = Signal(list)
    _found = Signal(object)  # from the asking thread: the list, or None when it failed

    def __init__(
        self, session: UiSession, interval_ms: int = POLL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.latest: list[PromptView] = []
        self.after_change_ms = AFTER_CHANGE_MS
        self._soon = False
        self._asking = False
        self._again = False
        self._found.connect(self._deliver)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll_in_background)
        session.changed.connect(self.poll_soon)

    @property
    def running(self) -> bool:
        return self.timer.isActive()

    def start(self) -> None:
        """Poll now and then every interval (someone logged in)."""
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        """No more polling (the screen is locked); the last list is forgotten."""
        self.timer.stop()
        self._soon = False
        if self.latest:
            self.latest = []
            self.prompts.emit([])

    def poll_soon(self, *_: object) -> None:
        """Poll a moment after an action: several changes of one tap make one poll."""
        if not self.running or self._soon:
            return
        self._soon = True
        QTimer.singleShot(self.after_change_ms, self, self._poll_deferred)

    def _poll_deferred(self) -> None:
        if self._soon:
            self._soon = False
            if self.running:
                self.poll_in_background()

    def poll_in_background(self) -> None:
        """Ask the store on a thread of its own, so a tap is never kept waiting by the
        asking; the list arrives on ``prompts`` when it is ready. One question at a time:
        a poll asked meanwhile runs once the current one is answered."""
        if self._asking:
            self._again = True
            return
        self._asking = True
        ctx = self._session.ctx

        def ask() -> None:
            try:
                found = coaching.due_now(ctx)
            except Exception:  # a store closed under it, a busy store: the next poll will do
                found = None
            with contextlib.suppress(RuntimeError):  # the window has gone meanwhile
                self._found.emit(found)

        threading.Thread(target=ask, name="coaching-poll", daemon=True).start()

    def _deliver(self, found: list[PromptView] | None) -> None:
        self._asking = False
        if found is not None and self.running:
            self.latest = list(found)
            self.prompts.emit(self.latest)
        if self._again:
            self._again = False
            if self.running:
                self.poll_in_background()

    def poll(self) -> list[PromptView]:
        """Ask the store now; the new list is emitted (also when it did not change, so the
        minutes late move on)."""
        ctx = self._session.ctx
        found = self._session.run(lambda: coaching.due_now(ctx))
        if found is None:
            return self.latest
        self.latest = list(found)
        self.prompts.emit(self.latest)
        return self.latest
