"""One poller of the service steps due across the floor: every 15 seconds, and a moment
after any action (once the screen the tap opened has shown itself), it asks the store and
hands the list to the strip, the due list, the floor badges and the toasts."""

from __future__ import annotations

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

    def __init__(
        self, session: UiSession, interval_ms: int = POLL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.latest: list[PromptView] = []
        self.after_change_ms = AFTER_CHANGE_MS
        self._soon = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
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
                self.poll()

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
