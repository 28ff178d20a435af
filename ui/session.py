"""What every screen shares while someone is logged in: the store, the language, who is
working, and one way to run an action so that its error is shown, never raised.

No business rules here: an action is a call into ``app.services``; this only routes its
outcome (the ``Changes`` to refresh, or the translated error to show).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from app.domain.errors import XiaoerError
from app.i18n import Language
from app.services.context import Changes, Context
from app.services.print_queue import this_terminal
from app.services.staff import StaffMember

T = TypeVar("T")


class UiSession(QObject):
    """The store, clock, current language and staff member for the screens.

    ``changed`` carries the ``Changes`` of every action that succeeded, so each screen
    refreshes what it shows; ``error`` carries a message already in the current language;
    ``info`` a short confirmation (e.g. "Sent to the kitchen"); ``language_changed`` the
    new ``Language`` when staff switch language.
    """

    changed = Signal(object)
    error = Signal(str)
    info = Signal(str)
    language_changed = Signal(object)
    staff_changed = Signal(object)
    style_changed = Signal()

    def __init__(
        self,
        ctx: Context,
        language: Language,
        staff: StaffMember | None = None,
        terminal: str | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.terminal = terminal or this_terminal()  # this counter PC: its drawer and printers
        self.language = language
        self.staff = staff
        self.font_scale = 1.0

    def now(self) -> datetime:
        return self.ctx.now()

    def tr(self, msgid: str) -> str:
        return self.language.gettext(msgid)

    @property
    def staff_id(self) -> int | None:
        return self.staff.id if self.staff else None

    def px(self, size: int) -> int:
        """A font size in pixels at the chosen font-size setting; every stylesheet's
        ``font-size`` goes through this and is rebuilt on ``style_changed``."""
        return round(size * self.font_scale)

    def set_font_scale(self, scale: float) -> None:
        self.font_scale = scale
        self.style_changed.emit()

    def set_language(self, language: Language) -> None:
        self.language = language
        self.language_changed.emit(language)

    def set_staff(self, staff: StaffMember | None) -> None:
        self.staff = staff
        self.staff_changed.emit(staff)

    def run(
        self,
        action: Callable[[], T],
        *,
        on_error: Callable[[str], None] | None = None,
    ) -> T | None:
        """Run one action (one transaction in ``app.services``).

        On success its result is returned and, when it is ``Changes``, ``changed`` is
        emitted (with any warnings shown as info). A ``XiaoerError`` becomes a message in
        the current language, given to ``on_error`` or emitted as ``error``; ``None`` is
        returned and nothing was changed.
        """
        try:
            result = action()
        except XiaoerError as mistake:
            text = self.language.error_text(mistake)
            (on_error or self.error.emit)(text)
            return None
        if isinstance(result, Changes):
            self.changed.emit(result)
            for warning in result.warnings:
                self.info.emit(self.language.gettext(warning))
        return result
