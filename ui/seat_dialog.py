"""What a tap on a table opens: seat a party (开台: how many guests, which waiter), clear a
table after payment (清台), or choose one of a table's bills after a split (拆单).

Each is a modal, touch-sized dialog opened with ``open()``; the actions are calls into
``app.services`` through the session, and their errors show inside the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from app.domain.table_state import STATE_LABELS, TableState
from app.services import queries, seating, staff
from app.services.queries import TableTile
from app.services.staff import Role
from ui.session import UiSession
from ui.widgets import NumPad, TouchButton

GUEST_DIGITS = 2
QUICK_GUESTS = range(1, 9)
WAITER_COLUMNS = 2


class TableDialog(QDialog):
    """A modal dialog about one table: a heading, an inline error, large buttons; it
    re-translates and re-styles itself while open."""

    def __init__(self, session: UiSession, tile: TableTile, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._session = session
        self.tile = tile
        self.setModal(True)
        self.title_label = QLabel(objectName="title")
        self.title_label.setWordWrap(True)
        self.error_label = QLabel(objectName="error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.cancel_button = TouchButton(size="main")
        self.cancel_button.setMinimumWidth(160)
        self.cancel_button.clicked.connect(self.reject)
        session.language_changed.connect(self._language_changed)
        session.style_changed.connect(self._restyle)

    def _frame(self, body: QLayout, *, min_width: int) -> None:
        """Title, the dialog's own ``body``, the inline error and Cancel at the right."""
        cancel = QHBoxLayout()
        cancel.addStretch(1)
        cancel.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(16)
        layout.addWidget(self.title_label)
        layout.addLayout(body)
        layout.addWidget(self.error_label)
        layout.addLayout(cancel)
        self.setMinimumWidth(min_width)

    def show_error(self, text: str) -> None:
        """An error in the current language, under the question; nothing was changed."""
        self.error_label.setText(text)
        self.error_label.show()

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() else ""

    def _language_changed(self, _language) -> None:
        self.error_label.hide()  # an old message would stay in the old language
        self._retranslate()

    def _retranslate(self) -> None:
        raise NotImplementedError

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(
            f"QLabel {{ font-size: {px(18)}px; }}"
            f" QLabel#title {{ font-size: {px(26)}px; font-weight: bold; }}"
            f" QLabel#prompt {{ font-size: {px(19)}px; font-weight: bold; color: #37474f; }}"
            f" QLabel#note {{ font-size: {px(17)}px; color: #0d47a1; background: #e3f2fd;"
            f" border-radius: 4px; padding: 6px 10px; }}"
            f" QLabel#error {{ font-size: {px(18)}px; font-weight: bold; color: #c62828;"
            f" background: #ffebee; border: 2px solid #c62828; border-radius: 4px;"
            f" padding: 8px; }}"
            f" QPushButton {{ font-size: {px(20)}px; padding: 0 14px; }}"
            " QPushButton#choice { background: #eceff1; border: 2px solid #90a4ae;"
            " border-radius: 6px; }"
            " QPushButton#choice:checked, QPushButton#quick:checked { background: #1565c0;"
            " color: white; border-color: #0d47a1; }"
            f" QPushButton#quick {{ font-size: {px(26)}px; font-weight: bold;"
            " background: #fff8e1; border: 2px solid #ffb300; border-radius: 6px; }"
            f" QPushButton#main {{ font-size: {px(22)}px; font-weight: bold; background: #2e7d32;"
            " color: white; border-radius: 6px; }"
            " QPushButton#main:disabled { background: #a5d6a7; }"
        )


class SeatDialog(TableDialog):
    """开台: a number pad (with 1–8 at one tap) for the guests, the waiter as buttons,
    Seat and Cancel. Emits ``seated(bill_id)`` and closes once the party is seated;
    ``refused(message)`` when the store said no (e.g. another terminal seated it)."""

    seated = Signal(int)
    refused = Signal(str)

    def __init__(self, session: UiSession, tile: TableTile, parent: QWidget | None = None) -> None:
        super().__init__(session, tile, parent)
        self.guests_prompt = QLabel(objectName="prompt")
        self.guests_pad = NumPad(session.language, max_length=GUEST_DIGITS)
        self.guests_pad.setMinimumWidth(280)
        self.guests_pad.changed.connect(self._guests_typed)
        self.quick_buttons: dict[int, TouchButton] = {}
        quick = QGridLayout()
        quick.setSpacing(8)
        for index, number in enumerate(QUICK_GUESTS):
            button = TouchButton(size="main")
            button.setMinimumWidth(80)
            button.setObjectName("quick")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, n=number: self.set_guests(n))
            quick.addWidget(button, index // 2, index % 2)
            self.quick_buttons[number] = button

        self.waiter_prompt = QLabel(objectName="prompt")
        self.waiter_buttons: dict[int, TouchButton] = {}
        self._waiter_group = QButtonGroup(self)
        self._waiter_group.setExclusive(True)
        waiters = [m for m in staff.list_staff(session.ctx) if m.role == Role.WAITER]
        picker = QGridLayout()
        picker.setSpacing(8)
        for index, member in enumerate(waiters):
            button = TouchButton(member.name, size="main")
            button.setObjectName("choice")
            button.setCheckable(True)
            self._waiter_group.addButton(button)
            picker.addWidget(button, index // WAITER_COLUMNS, index % WAITER_COLUMNS)
            self.waiter_buttons[member.id] = button
        me = session.staff
        default = me.id if me is not None and me.id in self.waiter_buttons else None
        if default is None and waiters:
            default = waiters[0].id
        if default is not None:
            self.waiter_buttons[default].setChecked(True)

        self.reservation_note = QLabel(objectName="note")
        self.reservation_note.setWordWrap(True)
        self.reservation_note.setVisible(tile.state == TableState.RESERVED)
        self.seat_button = TouchButton(size="main")
        self.seat_button.setObjectName("main")
        self.seat_button.setMinimumWidth(200)
        self.seat_button.clicked.connect(self.seat)

        guests = QHBoxLayout()
        guests.setSpacing(12)
        guests.addLayout(quick)
        guests.addWidget(self.guests_pad, 1)
        left = QVBoxLayout()
        left.addWidget(self.guests_prompt)
        left.addLayout(guests, 1)
        right = QVBoxLayout()
        right.addWidget(self.waiter_prompt)
        right.addLayout(picker)
        right.addStretch(1)
        right.addWidget(self.reservation_note)
        body = QHBoxLayout()
        body.setSpacing(24)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.seat_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addLayout(body, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(800)
        self._restyle()
        self._retranslate()
        self._guests_typed(self.guests_pad.value())

    def _restyle(self) -> None:
        super()._restyle()
        self.guests_pad.restyle(self._session.px)

    @property
    def waiter_id(self) -> int | None:
        return next((i for i, b in self.waiter_buttons.items() if b.isChecked()), None)

    def choose_waiter(self, staff_id: int) -> None:
        self.waiter_buttons[staff_id].setChecked(True)

    def set_guests(self, guests: int) -> None:
        self.guests_pad.set_value(str(guests))

    def seat(self) -> None:
        """Seat the party; on success emit ``seated`` and close, else show why."""
        typed = self.guests_pad.value()
        if not typed:
            return
        ctx, guests, waiter_id = self._session.ctx, int(typed), self.waiter_id
        changes = self._session.run(
            lambda: seating.seat_party(
                ctx, table_id=self.tile.table_id, guests=guests, waiter_id=waiter_id
            ),
            on_error=self._refused,
        )
        if changes is None:
            return
        self.error_label.hide()
        self.accept()
        self.seated.emit(changes.bill_id)

    def _refused(self, text: str) -> None:
        self.show_error(text)
        self.refused.emit(text)

    def _guests_typed(self, value: str) -> None:
        self.seat_button.setEnabled(bool(value))
        for number, button in self.quick_buttons.items():
            button.setChecked(value == str(number))
        if self.error_label.isVisible():
            self.error_label.hide()

    def _retranslate(self) -> None:
        lang = self._session.language
        gettext = lang.gettext
        title = gettext("Seat table {table}").format(table=self.tile.name)
        self.setWindowTitle(title)
        self.title_label.setText(title)
        self.guests_prompt.setText(gettext("How many guests?"))
        self.waiter_prompt.setText(gettext("Waiter"))
        self.reservation_note.setText(
            gettext("This table is reserved: seating it takes up the reservation.")
        )
        self.seat_button.setText(gettext("Seat"))
        self.cancel_button.setText(gettext("Cancel"))
        self.guests_pad.set_language(lang)
        for number, button in self.quick_buttons.items():
            button.setText(lang.number(number))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """With a keyboard attached, digits type the guests and Enter seats."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.seat_button.isEnabled():
                self.seat()
        elif event.key() == Qt.Key.Key_Escape:
            super().keyPressEvent(event)
        else:
            self.guests_pad.keyPressEvent(event)


class ClearTableSheet(TableDialog):
    """After payment (清台): "Clear table" at one tap, or "Open bill" to see what was paid.

    The screen that opened it does the work on ``clear_requested`` / ``open_requested``
    and closes it, or shows the error here."""

    clear_requested = Signal()
    open_requested = Signal()

    def __init__(self, session: UiSession, tile: TableTile, parent: QWidget | None = None) -> None:
        super().__init__(session, tile, parent)
        self.clear_button = TouchButton(size="main")
        self.clear_button.setObjectName("main")
        self.clear_button.setMinimumHeight(88)
        self.clear_button.clicked.connect(self.clear_requested)
        self.open_button = TouchButton(size="main")
        self.open_button.setMinimumHeight(88)
        self.open_button.clicked.connect(self.open_requested)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        actions.addWidget(self.clear_button, 1)
        actions.addWidget(self.open_button, 1)
        self._frame(actions, min_width=560)
        self._restyle()
        self._retranslate()

    def _retranslate(self) -> None:
        gettext = self._session.language.gettext
        state = gettext(STATE_LABELS[self.tile.state])
        title = f"{self.tile.name} · {state}"
        self.setWindowTitle(title)
        self.title_label.setText(title)
        self.clear_button.setText(gettext("Clear table"))
        self.open_button.setText(gettext("Open bill"))
        self.cancel_button.setText(gettext("Cancel"))


class ChooseBillDialog(TableDialog):
    """A table with several open bills (after a split): one large button per bill with
    its amount so far; emits ``chosen(bill_id)`` and closes."""

    chosen = Signal(int)

    def __init__(self, session: UiSession, tile: TableTile, parent: QWidget | None = None) -> None:
        super().__init__(session, tile, parent)
        self._views = {}
        for bill_id in tile.bill_ids:
            view = session.run(
                lambda b=bill_id: queries.bill_view(session.ctx, b), on_error=self.show_error
            )
            if view is not None:
                self._views[bill_id] = view
        self.bill_buttons: dict[int, TouchButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for index, bill_id in enumerate(self._views):
            button = TouchButton(size="main")
            button.setMinimumHeight(80)
            button.clicked.connect(lambda _=False, b=bill_id: self.choose(b))
            grid.addWidget(button, index // 2, index % 2)
            self.bill_buttons[bill_id] = button
        self._frame(grid, min_width=620)
        self._restyle()
        self._retranslate()

    def choose(self, bill_id: int) -> None:
        self.accept()
        self.chosen.emit(bill_id)

    def _retranslate(self) -> None:
        lang = self._session.language
        gettext = lang.gettext
        title = gettext("Table {table}: which bill?").format(table=self.tile.name)
        self.setWindowTitle(title)
        self.title_label.setText(title)
        for bill_id, button in self.bill_buttons.items():
            view = self._views[bill_id]
            number = lang.gettext("Bill {number}").format(number=bill_id)
            guests = lang.gettext("{guests} guests").format(guests=lang.number(view.guests))
            button.setText(f"{number}\n{lang.money(view.breakdown.total)} · {guests}")
        self.cancel_button.setText(gettext("Cancel"))
