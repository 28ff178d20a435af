"""Staff (员工): who works here, in what role, and whether they can log in. The manager adds
someone (name, role, a PIN typed twice on a masked pad), changes a role, resets a forgotten
PIN, releases a lock-out after too many wrong PINs, and deactivates someone who left. The
last manager always stays; PINs are kept only as hashes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.text import NAME_MAX
from app.services import venue_admin
from app.services.staff import Role
from app.services.venue_admin import ROLES, StaffRecord
from ui.backoffice.forms import (
    FormDialog,
    ask_to_confirm,
    button_row,
    main_button,
    open_dialog,
    panel_style,
    set_wrong,
    side_scroll,
    toggle_button,
)
from ui.login import ROLE_LABELS
from ui.session import UiSession
from ui.widgets import MessageBar, NumPad, TouchButton
from ui.widgets.touch import ConfirmDialog

PIN_MAX_DIGITS = 8


class PinTwice(QWidget):
    """A masked number pad that takes a new PIN twice: ``confirm()`` after the first asks
    for it again, after the second gives the PIN when both match (else starts over)."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._first = ""
        self.prompt = QLabel(objectName="section")
        self.prompt.setWordWrap(True)
        self.pad = NumPad(session.language, max_length=PIN_MAX_DIGITS, masked=True)
        self.pad.restyle(session.px)
        self.pad.setMinimumSize(280, 330)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.prompt)
        layout.addWidget(self.pad, 1)
        self.start_over()

    @property
    def second_time(self) -> bool:
        return bool(self._first)

    def type(self, pin: str) -> None:
        for digit in pin:
            self.pad.press(digit)

    def start_over(self) -> None:
        self._first = ""
        self.pad.clear()
        self.prompt.setText(self._session.tr("Type the new PIN (4 to 8 digits)"))

    def confirm(self, show_error: Callable[[str], None]) -> str | None:
        """The PIN once typed twice the same; None while waiting for the second time or
        when the two differ (``show_error`` says so)."""
        tr = self._session.tr
        typed = self.pad.value()
        if not typed:
            show_error(tr("Type the new PIN (4 to 8 digits)"))
            return None
        if not self._first:
            self._first = typed
            self.pad.clear()
            self.prompt.setText(tr("Type the same PIN again"))
            return None
        if typed != self._first:
            self.start_over()
            show_error(tr("The two PINs differ. Type the new PIN again."))
            return None
        return typed


class AddStaffDialog(FormDialog):
    """A new staff member: name, role and a PIN typed twice; ``added(staff_id)``."""

    added = Signal(int)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        tr = session.tr
        super().__init__(session, tr("Add a staff member"), parent)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(NAME_MAX)
        self.name_edit.setPlaceholderText(tr("Name"))
        self.role_buttons: dict[Role, TouchButton] = {}
        group = QButtonGroup(self)
        roles = QVBoxLayout()
        for role in ROLES:
            button = toggle_button(tr(ROLE_LABELS[role]))
            button.setChecked(role == Role.WAITER)
            group.addButton(button)
            roles.addWidget(button)
            self.role_buttons[role] = button
        self.pin = PinTwice(session)
        self.pin.pad.changed.connect(lambda _text: self._update_button())
        self.ok_button = main_button()
        self.ok_button.clicked.connect(self.add)
        self.cancel_button = TouchButton(tr("Cancel"), size="main")
        self.cancel_button.clicked.connect(self.reject)
        name_prompt = QLabel(tr("Name"), objectName="section")
        role_prompt = QLabel(tr("Role"), objectName="section")
        left = QVBoxLayout()
        left.addWidget(name_prompt)
        left.addWidget(self.name_edit)
        left.addWidget(role_prompt)
        left.addLayout(roles)
        left.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(20)
        body.addLayout(left, 1)
        body.addWidget(self.pin, 1)
        for button in (self.ok_button, self.cancel_button):
            button.setMinimumWidth(160)
        buttons = button_row(self.cancel_button, self.ok_button)
        self.lay_out(body, buttons=buttons, width=720, grow=body)
        self._update_button()

    @property
    def role(self) -> Role:
        return next(r for r, b in self.role_buttons.items() if b.isChecked())

    def _update_button(self) -> None:
        tr = self._session.tr
        self.ok_button.setText(tr("Add") if self.pin.second_time else tr("Next"))

    def add(self) -> None:
        """First tap: the PIN is asked again. Second: the member is added if both match."""
        self.error_label.hide()
        pin = self.pin.confirm(self.show_error)
        self._update_button()
        if pin is None:
            return
        ctx, name, role = self._session.ctx, self.name_edit.text(), self.role
        added = self._session.run(
            lambda: venue_admin.add_staff(
                ctx, name=name, role=role, pin=pin, staff_id=self._session.staff_id
            ),
            on_error=self.show_error,
        )
        if added is None:
            self.pin.start_over()
            self._update_button()
            return
        self.accept()
        self.added.emit(added.new_id)


class ResetPinDialog(FormDialog):
    """A new PIN for one staff member, typed twice."""

    def __init__(self, session: UiSession, member: StaffRecord, parent: QWidget | None) -> None:
        tr = session.tr
        super().__init__(session, tr("New PIN for {name}").format(name=member.name), parent)
        self._member = member
        self.pin = PinTwice(session)
        self.pin.pad.changed.connect(lambda _text: self._update_button())
        self.ok_button = main_button()
        self.ok_button.clicked.connect(self.save)
        self.cancel_button = TouchButton(tr("Cancel"), size="main")
        self.cancel_button.clicked.connect(self.reject)
        buttons = button_row(self.cancel_button, self.ok_button, even=True)
        self.lay_out(self.pin, buttons=buttons, width=400, grow=self.pin)
        self._update_button()

    def _update_button(self) -> None:
        tr = self._session.tr
        self.ok_button.setText(tr("Save") if self.pin.second_time else tr("Next"))

    def save(self) -> None:
        self.error_label.hide()
        pin = self.pin.confirm(self.show_error)
        self._update_button()
        if pin is None:
            return
        ctx, member_id = self._session.ctx, self._member.staff_id
        done = self._session.run(
            lambda: venue_admin.reset_pin(
                ctx, member_id=member_id, pin=pin, staff_id=self._session.staff_id
            ),
            on_error=self.show_error,
        )
        if done is None:
            self.pin.start_over()
            self._update_button()
            return
        self.accept()
        self._session.info.emit(
            self._session.tr("{name} has a new PIN.").format(name=self._member.name)
        )


class StaffEditorPanel(QWidget):
    """Everyone on the books, tap one to see and change them.

    ``rows[staff_id]`` are the list's buttons; ``role_buttons[role]``, ``reset_pin_button``,
    ``release_button`` and ``deactivate_button`` act on the chosen one; ``add_button`` opens
    ``AddStaffDialog``; ``dialog`` is the dialog open; errors show in ``message``.
    """

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._records: list[StaffRecord] = []
        self.selected: int | None = None
        self.dialog: QDialog | None = None
        self.rows: dict[int, TouchButton] = {}

        self.list_heading = QLabel(objectName="heading")
        self._row_group = QButtonGroup(self)
        self._list_box = QWidget()
        self._list = QVBoxLayout(self._list_box)
        self._list.setContentsMargins(0, 0, 6, 0)
        self._list.setSpacing(6)
        self._list.addStretch(1)
        self.scroll = side_scroll(self._list_box)
        self.add_button = main_button()
        self.add_button.clicked.connect(self.ask_new_member)

        self.name_label = QLabel(objectName="heading")
        self.name_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.role_prompt = QLabel(objectName="section")
        self.role_buttons: dict[Role, TouchButton] = {}
        roles = QHBoxLayout()
        group = QButtonGroup(self)
        for role in ROLES:
            button = toggle_button()
            button.clicked.connect(lambda _=False, r=role: self.set_role(r))
            group.addButton(button)
            roles.addWidget(button, 1)
            self.role_buttons[role] = button
        self.reset_pin_button = TouchButton(size="main")
        self.reset_pin_button.clicked.connect(self.ask_new_pin)
        self.release_button = TouchButton(size="main")
        self.release_button.clicked.connect(self.release_lock)
        self.deactivate_button = TouchButton(size="main")
        self.deactivate_button.setObjectName("danger")
        self.deactivate_button.clicked.connect(self.ask_deactivate)
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(8)
        details.addWidget(self.name_label)
        details.addWidget(self.status_label)
        details.addWidget(self.role_prompt)
        details.addLayout(roles)
        details.addSpacing(8)
        details.addWidget(self.reset_pin_button)
        details.addWidget(self.release_button)
        details.addStretch(1)
        details.addWidget(self.deactivate_button)
        self.message = MessageBar()

        left = QVBoxLayout()
        left.addWidget(self.list_heading)
        left.addWidget(self.scroll, 1)
        left.addWidget(self.add_button)
        body = QHBoxLayout()
        body.setSpacing(20)
        body.addLayout(left, 1)
        body.addWidget(self.details, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)

        session.changed.connect(lambda _changes: self.refresh())
        session.language_changed.connect(self._language_changed)
        session.style_changed.connect(self._restyle)
        self._restyle()
        self.refresh()
        self._retranslate()

    # ------------------------------------------------------------------ reading the store

    def refresh(self) -> None:
        """Read the staff again; the chosen one stays chosen."""
        self._records = venue_admin.staff_records(self._session.ctx)
        if self.selected not in {r.staff_id for r in self._records}:
            active = [r for r in self._records if r.active]
            self.selected = active[0].staff_id if active else None
        if [r.staff_id for r in self._records] != list(self.rows):
            for row in self.rows.values():
                self._row_group.removeButton(row)
                self._list.removeWidget(row)
                row.hide()
                row.deleteLater()
            self.rows = {}
            for index, record in enumerate(self._records):
                row = TouchButton(size="main")
                row.setObjectName("member")
                row.setCheckable(True)
                row.clicked.connect(lambda _=False, i=record.staff_id: self.select(i))
                self._row_group.addButton(row)
                self._list.insertWidget(index, row)
                self.rows[record.staff_id] = row
        self._show()

    def showEvent(self, event) -> None:
        self.refresh()  # a lock-out may have begun or ended meanwhile
        super().showEvent(event)

    def record(self, staff_id: int | None) -> StaffRecord | None:
        return next((r for r in self._records if r.staff_id == staff_id), None)

    # ------------------------------------------------------------------ what is shown

    def row_text(self, record: StaffRecord) -> str:
        tr = self._session.tr
        parts = [record.name, tr(ROLE_LABELS[record.role])]
        if not record.active:
            parts.append(tr("no longer active"))
        elif record.locked(self._session.now()):
            parts.append(tr("locked"))
        return " · ".join(parts)

    def _status(self, record: StaffRecord) -> str:
        tr, lang = self._session.tr, self._session.language
        if not record.active:
            return tr("No longer active: cannot log in.")
        if record.locked(self._session.now()):
            return tr("Locked after too many wrong PINs until {time}.").format(
                time=lang.time(record.locked_until, format="medium")
            )
        if record.failed_attempts:
            return tr("Can log in; {count} wrong PINs so far.").format(
                count=lang.number(record.failed_attempts)
            )
        return tr("Can log in.")

    def _show(self) -> None:
        tr = self._session.tr
        for record in self._records:
            row = self.rows[record.staff_id]
            row.setText(self.row_text(record))
            row.setChecked(record.staff_id == self.selected)
            if row.property("inactive") != (not record.active):
                row.setProperty("inactive", not record.active)
                row.style().unpolish(row)
                row.style().polish(row)
        record = self.record(self.selected)
        self.details.setVisible(record is not None)
        if record is None:
            return
        self.name_label.setText(record.name)
        self.status_label.setText(self._status(record))
        set_wrong(self.status_label, not record.active or record.locked(self._session.now()))
        for role, button in self.role_buttons.items():
            button.setChecked(role == record.role)
            button.setEnabled(record.active)
        self.reset_pin_button.setEnabled(record.active)
        self.release_button.setEnabled(
            record.active and (record.failed_attempts > 0 or record.locked_until is not None)
        )
        self.deactivate_button.setEnabled(
            record.active and record.staff_id != self._session.staff_id
        )
        self.role_prompt.setText(tr("Role"))

    def select(self, staff_id: int) -> None:
        self.selected = staff_id
        self.message.dismiss()
        self._show()

    # ------------------------------------------------------------------ actions

    def _run(self, action) -> object | None:
        return self._session.run(action, on_error=self.message.show_error)

    def set_role(self, role: Role) -> None:
        record = self.record(self.selected)
        if record is None or role == record.role:
            return
        ctx, staff_id = self._session.ctx, self._session.staff_id
        done = self._run(
            lambda: venue_admin.set_role(
                ctx, member_id=record.staff_id, role=role, staff_id=staff_id
            )
        )
        if done is None:
            self._show()  # the old role stays lit

    def release_lock(self) -> None:
        record = self.record(self.selected)
        if record is None:
            return
        ctx, staff_id = self._session.ctx, self._session.staff_id
        done = self._run(
            lambda: venue_admin.release_lock(ctx, member_id=record.staff_id, staff_id=staff_id)
        )
        if done is not None:
            self.message.show_info(
                self._session.tr("{name} can log in again.").format(name=record.name)
            )

    def ask_new_member(self) -> AddStaffDialog:
        dialog = AddStaffDialog(self._session, self)
        dialog.added.connect(self._added)
        return open_dialog(self, dialog)

    def _added(self, staff_id: int) -> None:
        self.refresh()
        self.select(staff_id)

    def ask_new_pin(self) -> ResetPinDialog | None:
        record = self.record(self.selected)
        if record is None:
            return None
        return open_dialog(self, ResetPinDialog(self._session, record, self))

    def ask_deactivate(self) -> ConfirmDialog | None:
        record = self.record(self.selected)
        if record is None:
            return None
        tr = self._session.tr
        return ask_to_confirm(
            self,
            self._session,
            tr("Deactivate {name}?").format(name=record.name),
            tr("They can no longer log in; their bills keep their name."),
            lambda: self.deactivate(record.staff_id),
        )

    def deactivate(self, staff_id: int) -> None:
        ctx, me = self._session.ctx, self._session.staff_id
        self._run(lambda: venue_admin.deactivate_staff(ctx, member_id=staff_id, staff_id=me))

    # ------------------------------------------------------------------ language, looks

    def _language_changed(self, _language) -> None:
        self.message.dismiss()
        self._retranslate()

    def _retranslate(self) -> None:
        tr = self._session.tr
        self.list_heading.setText(tr("Staff"))
        self.add_button.setText(tr("Add a staff member"))
        for role, button in self.role_buttons.items():
            button.setText(tr(ROLE_LABELS[role]))
        self.reset_pin_button.setText(tr("Reset PIN"))
        self.release_button.setText(tr("Release lock-out"))
        self.deactivate_button.setText(tr("Deactivate"))
        self._show()

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(
            panel_style(px)
            + f" QPushButton#member {{ font-size: {px(19)}px; text-align: left; padding: 0 14px;"
            " background: #eceff1; border: 2px solid #90a4ae; border-radius: 6px; }"
            " QPushButton#member:checked { background: #1565c0; color: white;"
            " border-color: #0d47a1; }"
            ' QPushButton#member[inactive="true"] { color: #78909c; background: #f5f5f5;'
            " border-style: dashed; }"
            ' QPushButton#member[inactive="true"]:checked { color: white; background: #78909c; }'
        )
        self.message.restyle(px)
