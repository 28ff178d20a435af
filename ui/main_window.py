"""The main window: a header (venue, who is working with a one-tap lock, the pre-shift
briefing, bills & printing, a "More" sheet with the font size, printers and — for managers
— the service steps, and the language) over the screens — log in, floor plan, order,
payment — and a message strip for errors and confirmations.

One poller of the service steps due feeds the coaching strip on the order screen, the due
list and badges on the floor, and the toasts at the bottom right. The briefing opens by
itself at someone's first log-in of the business day while their briefing is not done.

It only routes: which screen shows, who is logged in, when the screen locks.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_
from app.i18n import LANGUAGES, Language
from app.services import coaching, venue
from app.services.context import Context
from app.services.print_queue import PrinterFactory, PrintSpooler, PrintSummary
from app.services.staff import Role, StaffMember
from ui.backoffice.window import CASH_HANDLERS, BackOfficeScreen
from ui.coaching import BriefingScreen, CoachingPoller, PromptToasts, StepEditor
from ui.floor_view import FloorScreen
from ui.login import ROLE_LABELS, LoginScreen
from ui.order_screen import OrderScreen
from ui.payment_screen import PaymentScreen
from ui.printing import BillHistoryDialog, PrinterSettingsDialog, run_print_action
from ui.printing import printer_factory as qt_printer_factory
from ui.qt_translations import QtTranslations
from ui.session import UiSession
from ui.widgets import MessageBar, TouchButton
from ui.widgets.elided import ElidedLabel

REFRESH_MS = 5_000
FONT_SIZE_LABELS = {100: N_("Font: normal"), 115: N_("Font: large"), 130: N_("Font: larger")}

_TOUCH_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleWatch(QObject):
    """Restarts the lock countdown on every tap or key anywhere in the application."""

    def __init__(self, on_idle, parent: QObject) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(on_idle)
        self.seconds = 0

    def start(self, seconds: int) -> None:
        self.seconds = seconds
        if seconds > 0:
            self.timer.start(seconds * 1000)
        else:
            self.timer.stop()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _TOUCH_EVENTS and self.timer.isActive():
            self.timer.start(self.seconds * 1000)
        return False


class VenueTitle(ElidedLabel):
    """The venue's name in the header: it gives way to the buttons, ending in "…" when a
    long name (or a large font) leaves it too little room; ``text()`` stays whole."""

    def sizeHint(self) -> QSize:
        return QLabel.sizeHint(self)  # the whole name when there is room for it


class MoreSheet(QFrame):
    """The header's rarely used actions as a column of touch buttons under "More", drawn
    over the window (not a window of its own); a tap anywhere outside it closes it."""

    def __init__(self, parent: QWidget, buttons: list[QWidget]) -> None:
        super().__init__(parent)
        self.setObjectName("moreSheet")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._anchor: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        for button in buttons:
            layout.addWidget(button)
        self.hide()

    def open_under(self, anchor: QWidget) -> None:
        """Shown under ``anchor``, its right edge with the anchor's."""
        self._anchor = anchor
        self.adjustSize()
        corner = anchor.mapTo(self.parentWidget(), anchor.rect().bottomRight())
        self.move(max(0, corner.x() - self.width() + 1), corner.y() + 4)
        self.show()
        self.raise_()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def hideEvent(self, event) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget):
            inside = watched is self or self.isAncestorOf(watched)
            on_anchor = self._anchor is not None and (
                watched is self._anchor or self._anchor.isAncestorOf(watched)
            )
            if not inside and not on_anchor:
                self.hide()
        return False


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: Context,
        language: Language,
        venue_name: tuple[str, str],
        *,
        spooler: PrintSpooler | None = None,
        printer_factory: PrinterFactory = qt_printer_factory,
        staff: StaffMember | None = None,
    ) -> None:
        super().__init__()
        self._ctx = ctx
        self._venue_name = venue_name
        self._qt_translations = QtTranslations()
        settings = venue.venue_settings(ctx)
        self.session = UiSession(ctx, language)
        self.session.font_scale = settings.font_scale_percent / 100
        self.spooler = spooler or PrintSpooler(ctx, printer_factory, language=language)
        self._resume: tuple[int, QWidget] | None = None  # who locked, and where they were

        self.title = VenueTitle(objectName="venue")
        self.staff_label = QLabel(objectName="staff")
        self.lock_button = TouchButton()
        self.lock_button.clicked.connect(self.lock)
        self.briefing_button = TouchButton()
        self.briefing_button.clicked.connect(self.show_briefing)
        self.bills_button = TouchButton()
        self.bills_button.clicked.connect(self.show_bills)
        self.more_button = TouchButton()
        self.more_button.clicked.connect(self.show_more)
        self.language_button = TouchButton()
        self.language_button.clicked.connect(self.switch_language)
        self.lock_button.setObjectName("lock")
        self.header = QWidget(objectName="header")
        header = QHBoxLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(6)
        header.addWidget(self.title, 1)
        for widget in (
            self.staff_label,
            self.lock_button,
            self.briefing_button,
            self.bills_button,
            self.more_button,
            self.language_button,
        ):
            # the buttons keep their words; the venue's name gives way
            widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            header.addWidget(widget)
        # under "More": the font size, the printers, and the service steps for managers
        self.font_button = TouchButton()
        self.font_button.clicked.connect(self.next_font_size)
        self.printers_button = TouchButton()
        self.printers_button.clicked.connect(self.show_printers)
        self.steps_button = TouchButton()
        self.steps_button.clicked.connect(self.show_step_editor)
        self.back_office_button = TouchButton()
        self.back_office_button.clicked.connect(self.show_back_office)
        sheet = [self.back_office_button, self.font_button, self.printers_button, self.steps_button]
        self.more_sheet = MoreSheet(self, sheet)
        for button in (self.printers_button, self.steps_button, self.back_office_button):
            button.clicked.connect(self.more_sheet.hide)

        self.message_bar = MessageBar()
        self.session.error.connect(self.message_bar.show_error)
        self.session.info.connect(self.message_bar.show_info)

        self.login = LoginScreen(ctx, language)
        self.login.logged_in.connect(self.logged_in)
        self.floor_screen = FloorScreen(self.session)
        self.floor = self.floor_screen.floor
        self.order_screen = OrderScreen(self.session)
        self.payment_screen = PaymentScreen(self.session)
        self.back_office = BackOfficeScreen(self.session)
        self.back_office.back_to_floor.connect(self.show_floor)
        self.back_office.settle_requested.connect(self.open_payment)  # a bill open at close
        self.stack = QStackedWidget()
        for screen in (
            self.login,
            self.floor_screen,
            self.order_screen,
            self.payment_screen,
            self.back_office,
        ):
            self.stack.addWidget(screen)
        self.floor_screen.bill_opened.connect(self.open_bill)
        self.order_screen.back_to_floor.connect(self.show_floor)
        self.order_screen.bill_opened.connect(self.open_bill)
        self.order_screen.pay_requested.connect(self.open_payment)
        self.payment_screen.back_to_order.connect(self.open_bill)
        self.payment_screen.settled.connect(self._settled)
        self.stack.currentChanged.connect(self._screen_changed)
        self.floor_screen.due_toggle.clicked.connect(self._screen_changed)

        # service steps: one poller for the strip, the due list, the badges and the toasts
        self.poller = CoachingPoller(self.session)
        self.toasts = PromptToasts(self.session, self)
        self.poller.prompts.connect(self.order_screen.coach_strip.show_prompts)
        self.poller.prompts.connect(self.floor_screen.show_prompts)
        self.poller.prompts.connect(self.toasts.show_prompts)
        self.dialog: QWidget | None = None  # the briefing or step editor opened last
        self._briefings_offered: set[tuple] = set()  # (staff id, business day)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

        self.idle = IdleWatch(self.lock, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self._auto_lock_seconds = settings.auto_lock_seconds
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(REFRESH_MS)

        self.session.style_changed.connect(self._restyle)
        self._qt_translations.apply(language)
        self.floor_screen.refresh()
        self._restyle()
        self._retranslate()
        if staff is not None:
            self.logged_in(staff)
        else:
            self._show_login()

    @property
    def language(self) -> Language:
        return self.session.language

    # ------------------------------------------------------------------ who is working

    def logged_in(self, member: StaffMember) -> None:
        """The same person coming back after a lock returns to where they were."""
        self.session.set_staff(member)
        resume, self._resume = self._resume, None
        if resume and resume[0] == member.id and resume[1] is not self.login:
            self._reshow(resume[1])
        else:
            self.show_floor()
        # the manager may have changed the idle time in the settings since
        self._auto_lock_seconds = venue.venue_settings(self._ctx).auto_lock_seconds
        self.idle.start(self._auto_lock_seconds)
        self._retranslate()
        self.poller.start()
        self._offer_briefing(member)

    def _offer_briefing(self, member: StaffMember) -> None:
        """The briefing opens by itself at someone's first log-in of the business day,
        unless they have ticked it all already."""
        ctx = self._ctx
        day = self.session.run(lambda: coaching.today(ctx))
        if day is None or (member.id, day) in self._briefings_offered:
            return
        self._briefings_offered.add((member.id, day))
        view = self.session.run(lambda: coaching.briefing_for(ctx, day, staff_id=member.id))
        if view is not None and view.checklist and not view.done:
            self.show_briefing()

    def lock(self) -> None:
        """Lock now (one tap, or after the idle time): the log-in screen until a PIN."""
        if self.session.staff is None:
            return
        self._resume = (self.session.staff.id, self.stack.currentWidget())
        for dialog in self.findChildren(QWidget):
            if dialog.isWindow() and dialog is not self and dialog.isVisible():
                dialog.close()  # an open overlay must not stay usable behind the lock
        self.more_sheet.hide()
        self.poller.stop()
        self.toasts.clear()
        self.session.set_staff(None)
        self._show_login()

    def _show_login(self) -> None:
        self.idle.stop()
        self.login.reload_staff()
        self.stack.setCurrentWidget(self.login)
        self._retranslate()

    def _reshow(self, screen: QWidget) -> None:
        if screen is self.order_screen and getattr(self.order_screen, "bill_id", None):
            self.open_bill(self.order_screen.bill_id)
        elif screen is self.payment_screen and getattr(self.payment_screen, "bill_id", None):
            self.open_payment(self.payment_screen.bill_id)
        else:
            self.show_floor()

    # ------------------------------------------------------------------ screens

    def show_floor(self) -> None:
        self.floor_screen.refresh()
        self.stack.setCurrentWidget(self.floor_screen)

    def open_bill(self, bill_id: int) -> None:
        self.order_screen.show_bill(bill_id)
        self.stack.setCurrentWidget(self.order_screen)

    def open_payment(self, bill_id: int) -> None:
        self.payment_screen.show_bill(bill_id)
        self.stack.setCurrentWidget(self.payment_screen)

    def _settled(self, _bill_id: int) -> None:
        self.show_floor()

    def refresh(self) -> None:
        """What other terminals changed: the floor redraws; an open bill re-reads itself."""
        if self.stack.currentWidget() is self.floor_screen or self.session.staff is None:
            self.floor_screen.refresh()

    def _screen_changed(self, _index: int) -> None:
        QTimer.singleShot(0, self, self._place_toasts)

    def _place_toasts(self) -> None:
        """Toasts stay clear of the order screen's coaching strip and action bar, and of the
        floor's due list."""
        bottom, right = 8, 0
        current = self.stack.currentWidget()
        if current is self.order_screen:
            screen = self.order_screen
            bottom += screen.height() - screen.coach_strip.geometry().top()
        elif current is self.floor_screen and self.floor_screen.due_list.isVisible():
            right = self.floor_screen.due_list.width() + 8
        self.toasts.set_margins(bottom, right)
        self.toasts.set_shown(
            current in (self.floor_screen, self.order_screen, self.payment_screen)
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._place_toasts)

    # ------------------------------------------------------------------ header actions

    def print_queued(self) -> PrintSummary | None:
        """Print what is waiting for this terminal; failures show as a warning, never block."""
        return run_print_action(self, self.language, self.spooler.process_queued)

    def show_bills(self) -> BillHistoryDialog:
        dialog = BillHistoryDialog(self._ctx, self.spooler, self.language, self, px=self.session.px)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_printers(self) -> PrinterSettingsDialog:
        terminal = self.spooler.terminal
        dialog = PrinterSettingsDialog(
            self._ctx, self.language, terminal, parent=self, px=self.session.px
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_more(self) -> MoreSheet:
        """The font size, the printers and (for managers) the service steps; a second tap
        on More closes them."""
        if self.more_sheet.isVisible():
            self.more_sheet.hide()
        else:
            self._retranslate()
            self.more_sheet.open_under(self.more_button)
        return self.more_sheet

    def show_back_office(self) -> BackOfficeScreen | None:
        """Shift and drawer for cashiers and managers; menu, floor layout, staff, settings,
        reports, service steps and backups for managers."""
        member = self.session.staff
        if member is None or member.role not in CASH_HANDLERS:
            return None
        self.back_office.open_first()
        self.stack.setCurrentWidget(self.back_office)
        return self.back_office

    def show_briefing(self) -> BriefingScreen | None:
        """Today's reservations, 估清, zones and the checklist to tick."""
        if self.session.staff is None:
            return None
        dialog = BriefingScreen(self.session, self)
        self._open_dialog(dialog)
        return dialog

    def show_step_editor(self) -> StepEditor | None:
        """The service steps, for managers only."""
        member = self.session.staff
        if member is None or member.role != Role.MANAGER:
            return None
        dialog = StepEditor(self.session, self)
        self._open_dialog(dialog)
        return dialog

    def _open_dialog(self, dialog: BriefingScreen | StepEditor) -> None:
        """Over most of the window, without blocking the event loop; ``dialog`` holds it
        until it is gone."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _=None, gone=dialog: self._dialog_gone(gone))
        dialog.fit_to_window()
        self.dialog = dialog
        dialog.open()

    def _dialog_gone(self, gone: QWidget) -> None:
        if self.dialog is gone:
            self.dialog = None

    def switch_language(self) -> None:
        """Chinese ↔ English at once, without a restart; the bill on screen stays as it is."""
        codes = list(LANGUAGES)
        next_code = codes[(codes.index(self.language.code) + 1) % len(codes)]
        language = Language(next_code)
        self._qt_translations.apply(language)
        self.session.set_language(language)
        self.login.set_language(language)
        self._retranslate()

    def next_font_size(self) -> None:
        """Normal → large → larger → normal, for every screen, kept for next time."""
        sizes = list(venue.FONT_SCALES)
        current = round(self.session.font_scale * 100)
        following = sizes[(sizes.index(current) + 1) % len(sizes)] if current in sizes else 100
        if self.session.run(lambda: venue.set_font_scale(self._ctx, percent=following)):
            self.session.set_font_scale(following / 100)
            self._retranslate()

    def apply_qt_translations(self) -> bool:
        return self._qt_translations.apply(self.language)

    # ------------------------------------------------------------------ looks

    def _restyle(self) -> None:
        px = self.session.px
        self.login.restyle(px)
        self.message_bar.restyle(px)
        # every button not styled by its screen looks like the screens' own: flat, white,
        # a grey edge, darker while pressed (header, pad keys, Cancel in the dialogs)
        self.setStyleSheet(
            f"QWidget {{ font-size: {px(17)}px; }}"
            f" QLabel#venue {{ font-size: {px(22)}px; font-weight: bold; }}"
            f" QLabel#staff {{ font-size: {px(18)}px; padding: 0 8px; }}"
            f" QPushButton {{ font-size: {px(17)}px; padding: 0 12px; background: white;"
            " border: 2px solid #90a4ae; border-radius: 8px; color: #212121; }"
            " QPushButton:pressed { background: #cfd8dc; }"
            " QPushButton:disabled { color: #b0bec5; border-color: #cfd8dc; background: #f5f5f5; }"
            # the coloured main actions keep no grey edge
            " QPushButton#send, QPushButton#pay, QPushButton#finish, QPushButton#add,"
            " QPushButton#apply, QPushButton#login, QPushButton#main, QPushButton#ok,"
            " QPushButton#confirm { border: none; }"
            " QWidget#header QPushButton { padding: 0 14px; }"
            " QFrame#moreSheet { background: #eceff1; border: 2px solid #90a4ae;"
            " border-radius: 8px; }"
            " QWidget#header QPushButton#lock { background: #fff8e1; border-color: #ffb300;"
            " font-weight: bold; }"
        )

    def _retranslate(self) -> None:
        language = self.language
        name = language.pick(*self._venue_name)
        product = language.gettext("Xiaoer POS")
        self.setWindowTitle(f"{name} — {product}")
        self.title.setText(name)
        member = self.session.staff
        logged_in = member is not None
        # while locked only the font size and the language can be changed
        for widget in (
            self.staff_label,
            self.lock_button,
            self.briefing_button,
            self.bills_button,
            self.printers_button,
        ):
            widget.setVisible(logged_in)
        self.steps_button.setVisible(member is not None and member.role == Role.MANAGER)
        self.back_office_button.setVisible(member is not None and member.role in CASH_HANDLERS)
        if member is not None:
            role = language.gettext(ROLE_LABELS[member.role])
            self.staff_label.setText(f"{member.name} · {role}")
        self.lock_button.setText(language.gettext("Lock"))
        self.briefing_button.setText(language.gettext("Briefing"))
        percent = round(self.session.font_scale * 100)
        self.font_button.setText(language.gettext(FONT_SIZE_LABELS.get(percent, "Font: normal")))
        self.bills_button.setText(language.gettext("Bills & printing"))
        self.more_button.setText(language.gettext("More"))
        self.printers_button.setText(language.gettext("Printers"))
        self.steps_button.setText(language.gettext("Service steps"))
        self.back_office_button.setText(language.gettext("Back office"))
        self.more_sheet.adjustSize()
        other = Language(LANGUAGES[(LANGUAGES.index(language.code) + 1) % 2])
        self.language_button.setText(other.display_name)
