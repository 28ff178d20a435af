"""Manager authorisation (经理授权): an overlay asking for a manager's PIN and a reason.

It authorises one action only: the approval it hands over is used for that call and
forgotten. The PIN check and its lock-out live in ``app.services.staff``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_
from app.services import staff
from app.services.staff import Approval
from ui.session import UiSession
from ui.widgets import NumPad, ReasonPicker, TouchButton

VOID_REASONS = (
    N_("Guest changed their mind"),
    N_("Wrong dish ordered"),
    N_("Quality problem"),
    N_("Waited too long"),
    N_("Sold out in the kitchen"),
)
DISCOUNT_REASONS = (
    N_("Regular guest"),
    N_("Member offer"),
    N_("Service recovery"),
    N_("Manager's guest"),
)
COMP_REASONS = (
    N_("Manager's guest"),
    N_("Service recovery"),
    N_("Staff meal"),
)
PRICE_REASONS = (
    N_("Market price today"),
    N_("Wrong price on the menu"),
    N_("Agreed with the guest"),
)
REOPEN_REASONS = (
    N_("Wrong tender"),
    N_("Dish missing from the bill"),
    N_("Guest disputed the bill"),
)
ROUNDING_REASONS = (
    N_("Regular guest"),
    N_("Agreed with the guest"),
)

PIN_MAX_DIGITS = 8
WINDOW_SHARE = (0.6, 0.7)  # of the main window's width and height the overlay covers


def overlay_style(px: Callable[[int], int]) -> str:
    """The overlay at the chosen font size."""
    return f"""
QLabel#title {{ font-size: {px(24)}px; font-weight: bold; }}
QLabel#prompt {{ font-size: {px(18)}px; font-weight: bold; color: #37474f; }}
QLabel#error {{ font-size: {px(18)}px; font-weight: bold; color: #c62828; background: #ffebee;
               border: 2px solid #c62828; border-radius: 4px; padding: 6px; }}
QPushButton {{ font-size: {px(19)}px; }}
QPushButton#reason {{ background: #eceff1; border: 2px solid #90a4ae; border-radius: 6px;
                     padding: 4px 10px; }}
QPushButton#reason:checked {{ background: #1565c0; color: white; border-color: #0d47a1; }}
QPushButton#ok {{ font-weight: bold; background: #2e7d32; color: white; border-radius: 6px; }}
QLineEdit {{ font-size: {px(19)}px; min-height: 48px; }}
"""


class ManagerAuthorisation(QDialog):
    """PIN pad, reason buttons and a free-text reason; emits ``authorised`` once."""

    authorised = Signal(object, str)  # Approval, reason as typed or chosen (in the language)

    def __init__(
        self,
        session: UiSession,
        action_title: str,
        reasons: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        tr = session.tr
        self.setModal(True)
        self.setWindowTitle(tr("Manager authorisation"))
        self.approval: Approval | None = None
        title = QLabel(action_title)
        title.setObjectName("title")
        title.setWordWrap(True)
        pin_prompt = QLabel(tr("Manager PIN"))
        pin_prompt.setObjectName("prompt")
        self.pin_pad = NumPad(session.language, max_length=PIN_MAX_DIGITS, masked=True)
        self.setStyleSheet(overlay_style(session.px))
        self.pin_pad.restyle(session.px)
        reason_prompt = QLabel(tr("Reason"))
        reason_prompt.setObjectName("prompt")
        self.reason_picker = ReasonPicker(tr, reasons)  # one column: long reasons are not cut
        self.reason_buttons = self.reason_picker.buttons
        self.reason_edit = self.reason_picker.edit
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.ok_button = TouchButton(tr("Authorise"), size="main")
        self.ok_button.setObjectName("ok")
        self.ok_button.clicked.connect(self.authorise)
        self.cancel_button = TouchButton(tr("Cancel"), size="main")
        self.cancel_button.clicked.connect(self.reject)
        left = QVBoxLayout()
        left.addWidget(pin_prompt)
        left.addWidget(self.pin_pad, 1)
        right = QVBoxLayout()
        right.addWidget(reason_prompt)
        right.addWidget(self.reason_picker)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        for button in (self.ok_button, self.cancel_button):
            button.setMinimumWidth(180)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(body, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(720)

    def fit_to_window(self) -> None:
        """Large on a large screen: the keys grow with the window it covers."""
        parent = self.parentWidget()
        if parent is None:
            return
        area = parent.window().size()
        hint = self.sizeHint()
        width = max(hint.width(), self.minimumWidth(), round(area.width() * WINDOW_SHARE[0]))
        height = max(hint.height(), round(area.height() * WINDOW_SHARE[1]))
        self.resize(min(width, area.width()), min(height, area.height()))

    @property
    def reason(self) -> str:
        """The reason as tapped (in the language on screen) or typed."""
        return self.reason_picker.reason

    def choose_reason(self, msgid: str) -> None:
        self.reason_picker.choose(msgid)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def authorise(self) -> None:
        """Check the reason and the PIN; on success emit ``authorised`` and close."""
        if not self.reason:
            self.show_error(self._session.tr("Choose or type a reason."))
            return
        pin = self.pin_pad.value()
        if not pin:
            self.show_error(self._session.tr("Type the manager's PIN."))
            return
        approval = self._session.run(
            lambda: staff.approve_as_manager(self._session.ctx, pin=pin),
            on_error=self.show_error,
        )
        self.pin_pad.clear()
        if approval is None:
            return
        self.approval = approval
        self.error_label.hide()
        self.accept()
        self.authorised.emit(approval, self.reason)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.authorise()
        elif self.reason_edit.hasFocus():
            super().keyPressEvent(event)
        else:
            self.pin_pad.keyPressEvent(event)


def ask_manager(
    parent: QWidget | None,
    session: UiSession,
    action_title: str,
    reasons: Sequence[str],
    then: Callable[[Approval, str], None],
) -> ManagerAuthorisation:
    """Open the overlay without blocking; ``then(approval, reason)`` runs once authorised."""
    dialog = ManagerAuthorisation(session, action_title, reasons, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fit_to_window()
    dialog.authorised.connect(then)
    dialog.open()
    return dialog
