"""The cashier's choices before settling: how the bill is rounded off (抹零) and a
discount on the whole bill (manager). Each shows what the bill becomes before it is
chosen; the rules and checks stay in ``app.services.payment`` and ``app.domain``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.billing import Discount, DiscountKind
from app.domain.errors import N_, InvalidInput
from app.domain.money import RoundingMode, parse_yuan, rounding_adjustment
from app.services import payment
from app.services.queries import BillView
from app.services.staff import Approval
from ui.authorise import (
    DISCOUNT_REASONS,
    ROUNDING_REASONS,
    ManagerAuthorisation,
    ask_manager,
)
from ui.payment.style import payment_style
from ui.session import UiSession
from ui.widgets import NumPad, TouchButton

ROUNDING_LABELS: dict[RoundingMode, str] = {
    RoundingMode.NONE: N_("No round-off"),
    RoundingMode.DOWN_JIAO: N_("Down to 0.1 yuan"),
    RoundingMode.NEAREST_JIAO: N_("Nearest 0.1 yuan"),
    RoundingMode.DOWN_YUAN: N_("Down to 1 yuan"),
    RoundingMode.NEAREST_YUAN: N_("Nearest 1 yuan"),
    RoundingMode.CUSTOM: N_("Custom round-off"),
}
HOUSE_RULE = N_("house rule")
ROUND_OFF_TITLE = N_("Round off the bill")
BEFORE_ROUND_OFF = N_("Total before round-off: {amount}")
CUSTOM_PROMPT = N_("Or take off an amount of your own (manager):")
CUSTOM_BUTTON = N_("Take this amount off")
CUSTOM_TITLE = N_("Round off {amount}")
CANCEL = N_("Cancel")

DISCOUNT_TITLE = N_("Discount on the whole bill")
PERCENT_OFF = N_("Percent off")
AMOUNT_OFF = N_("Amount off")
APPLY = N_("Apply (manager)")
REMOVE_DISCOUNT = N_("Remove the discount")
DISCOUNT_NOW = N_("Discount now: {amount}")
DISCOUNT_PREVIEW = N_("Takes {amount} off the dishes.")
TYPE_DISCOUNT = N_("Type the percent or the amount off.")
DISCOUNT_PRESETS: tuple[tuple[int, str], ...] = (
    (500, N_("5 percent off")),
    (1000, N_("10 percent off")),
    (1200, N_("12 percent off")),
    (1500, N_("15 percent off")),
    (2000, N_("20 percent off")),
)
CHOICES = (
    RoundingMode.NONE,
    RoundingMode.DOWN_JIAO,
    RoundingMode.NEAREST_JIAO,
    RoundingMode.DOWN_YUAN,
    RoundingMode.NEAREST_YUAN,
)


def _error_label() -> QLabel:
    label = QLabel(objectName="error")
    label.setWordWrap(True)
    label.hide()
    return label


def _styled_pad(session: UiSession) -> NumPad:
    pad = NumPad(session.language, max_length=10, decimals=2)
    pad.restyle(session.px)
    return pad


class RoundingDialog(QDialog):
    """One button per round-off rule showing the total it makes; a custom amount needs a
    manager. ``chosen(mode)`` once the store has it."""

    chosen = Signal(object)

    def __init__(
        self,
        session: UiSession,
        view: BillView,
        current: RoundingMode,
        house_rule: RoundingMode,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._view = view
        self.authorisation: ManagerAuthorisation | None = None
        self._custom_fen = 0
        tr = session.tr
        lang = session.language
        self.setModal(True)
        self.setWindowTitle(tr(ROUND_OFF_TITLE))
        self.setStyleSheet(payment_style(session.px))
        before = view.breakdown.before_rounding
        title = QLabel(tr(ROUND_OFF_TITLE), objectName="title")
        prompt = QLabel(
            tr(BEFORE_ROUND_OFF).format(amount=lang.money(before)), objectName="caption"
        )
        self.mode_buttons: dict[RoundingMode, TouchButton] = {}
        group = QButtonGroup(self)
        modes = QVBoxLayout()
        modes.setSpacing(8)
        for mode in CHOICES:
            label = tr(ROUNDING_LABELS[mode])
            if mode is house_rule:
                label = f"{label} ({tr(HOUSE_RULE)})"
            total = before + rounding_adjustment(before, mode)
            button = TouchButton(f"{label}\n{lang.money(total)}")
            button.setObjectName("choice")
            button.setCheckable(True)
            button.setChecked(mode is current)
            button.setMinimumHeight(64)
            button.clicked.connect(lambda _=False, m=mode: self.choose(m))
            group.addButton(button)
            modes.addWidget(button)
            self.mode_buttons[mode] = button
        modes.addStretch(1)
        custom_prompt = QLabel(tr(CUSTOM_PROMPT), objectName="caption")
        custom_prompt.setWordWrap(True)
        self.custom_pad = _styled_pad(session)
        self.custom_button = TouchButton(tr(CUSTOM_BUTTON), size="main")
        self.custom_button.setObjectName("choice")
        self.custom_button.setCheckable(True)
        self.custom_button.setChecked(current is RoundingMode.CUSTOM)
        self.custom_button.clicked.connect(self.ask_custom)
        custom = QVBoxLayout()
        custom.addWidget(custom_prompt)
        custom.addWidget(self.custom_pad, 1)
        custom.addWidget(self.custom_button)
        self.error_label = _error_label()
        self.cancel_button = TouchButton(tr(CANCEL), size="main")
        self.cancel_button.clicked.connect(self.reject)
        modes.addWidget(self.error_label)
        modes.addWidget(self.cancel_button)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(modes, 1)
        body.addLayout(custom, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(prompt)
        layout.addLayout(body, 1)
        self.setMinimumSize(780, 660)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.custom_button.setChecked(False)

    def choose(self, mode: RoundingMode) -> None:
        """A rule of the house's list: no manager needed."""
        self._set(mode, 0, None)

    def ask_custom(self) -> None:
        """Check the amount, then the manager's PIN and reason, then round off by it."""
        self.custom_button.setChecked(False)
        try:
            fen = parse_yuan(self.custom_pad.value())
            rounding_adjustment(self._view.breakdown.before_rounding, RoundingMode.CUSTOM, -fen)
        except InvalidInput as mistake:
            self.show_error(self._session.language.error_text(mistake))
            return
        title = self._session.tr(CUSTOM_TITLE).format(amount=self._session.language.money(-fen))
        self._custom_fen = -fen
        # a bound method, not a lambda holding this dialog: the overlay is deleted later
        self.authorisation = ask_manager(
            self, self._session, title, ROUNDING_REASONS, self._custom_authorised
        )

    def _custom_authorised(self, approval: Approval, _reason: str) -> None:
        self._set(RoundingMode.CUSTOM, self._custom_fen, approval)

    def _set(self, mode: RoundingMode, custom_fen: int, approval: Approval | None) -> None:
        session = self._session
        done = session.run(
            lambda: payment.set_rounding(
                session.ctx,
                bill_id=self._view.bill_id,
                mode=mode,
                custom_fen=custom_fen,
                approval=approval,
                staff_id=session.staff_id,
            ),
            on_error=self.show_error,
        )
        if done is not None:
            self.accept()
            self.chosen.emit(mode)


class DiscountDialog(QDialog):
    """Percent or amount off the whole bill, with the usual 折 as one tap; a manager
    authorises it (PIN and reason). ``applied`` once the store has it."""

    applied = Signal()

    def __init__(self, session: UiSession, view: BillView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._view = view
        self.authorisation: ManagerAuthorisation | None = None
        self._pending: tuple[DiscountKind | None, int] = (None, 0)
        tr = session.tr
        lang = session.language
        self.setModal(True)
        self.setWindowTitle(tr(DISCOUNT_TITLE))
        self.setStyleSheet(payment_style(session.px))
        title = QLabel(tr(DISCOUNT_TITLE), objectName="title")
        current = view.breakdown.bill_discount
        self.current_label = QLabel(
            tr(DISCOUNT_NOW).format(amount=lang.money(-current)), objectName="caption"
        )
        self.current_label.setVisible(current > 0)
        self.percent_button = TouchButton(tr(PERCENT_OFF))
        self.amount_button = TouchButton(tr(AMOUNT_OFF))
        kinds = QButtonGroup(self)
        kind_row = QHBoxLayout()
        for button in (self.percent_button, self.amount_button):
            button.setObjectName("choice")
            button.setCheckable(True)
            button.clicked.connect(self._preview)
            kinds.addButton(button)
            kind_row.addWidget(button)
        self.percent_button.setChecked(True)
        self.preset_buttons: dict[int, TouchButton] = {}
        presets = QGridLayout()
        presets.setSpacing(8)
        for index, (bp, label) in enumerate(DISCOUNT_PRESETS):
            button = TouchButton(tr(label))
            button.setObjectName("option")
            button.clicked.connect(lambda _=False, v=bp: self.choose_percent(v))
            presets.addWidget(button, index // 2, index % 2)
            self.preset_buttons[bp] = button
        self.preview_label = QLabel(objectName="caption")
        self.preview_label.setWordWrap(True)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(self.current_label)
        left.addLayout(kind_row)
        left.addLayout(presets)
        left.addWidget(self.preview_label)
        left.addStretch(1)
        self.pad = _styled_pad(session)
        self.pad.changed.connect(self._preview)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(left, 1)
        body.addWidget(self.pad, 1)
        self.error_label = _error_label()
        self.remove_button = TouchButton(tr(REMOVE_DISCOUNT), size="main")
        self.remove_button.setVisible(current > 0)
        self.remove_button.clicked.connect(self.ask_remove)
        self.cancel_button = TouchButton(tr(CANCEL), size="main")
        self.cancel_button.clicked.connect(self.reject)
        self.apply_button = TouchButton(tr(APPLY), size="main")
        self.apply_button.setObjectName("apply")
        self.apply_button.clicked.connect(self.ask_apply)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        for button in (self.cancel_button, self.apply_button):
            button.setMinimumWidth(180)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(body, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumSize(780, 600)
        self._preview()

    @property
    def kind(self) -> DiscountKind:
        return DiscountKind.PERCENT if self.percent_button.isChecked() else DiscountKind.AMOUNT

    def choose_percent(self, basis_points: int) -> None:
        """One of the usual 折: 九折 is 10 % off."""
        self.percent_button.setChecked(True)
        whole, hundredths = divmod(basis_points, 100)
        self.pad.set_value(f"{whole}.{hundredths:02d}".rstrip("0") if hundredths else str(whole))
        self._preview()

    def value(self) -> int:
        """Basis points for a percent, fen for an amount; raises when nothing fits."""
        text = self.pad.value()
        if self.kind is DiscountKind.AMOUNT:
            return parse_yuan(text)
        try:
            return int(Decimal(text) * 100)
        except InvalidOperation:
            raise InvalidInput(TYPE_DISCOUNT) from None

    def _discount(self) -> Discount:
        return Discount(self.kind, self.value())

    def _preview(self, *_: object) -> None:
        lang = self._session.language
        parts = self._view.breakdown
        if not self.pad.value():
            self.preview_label.setText(self._session.tr(TYPE_DISCOUNT))
            return
        try:
            off = self._discount().off(parts.items - parts.line_discounts)
        except InvalidInput as mistake:
            self.preview_label.setText(lang.error_text(mistake))
            return
        self.preview_label.setText(
            self._session.tr(DISCOUNT_PREVIEW).format(amount=lang.money(off))
        )

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def ask_apply(self) -> None:
        try:
            discount = self._discount()
            discount.off(0)  # 0–100 %, not negative: the domain's check, before the PIN
        except InvalidInput as mistake:
            self.show_error(self._session.language.error_text(mistake))
            return
        self._ask(discount.kind, discount.value)

    def ask_remove(self) -> None:
        self._ask(None, 0)

    def _ask(self, kind: DiscountKind | None, value: int) -> None:
        self._pending = (kind, value)
        # a bound method, not a lambda holding this dialog: the overlay is deleted later
        self.authorisation = ask_manager(
            self, self._session, self._session.tr(DISCOUNT_TITLE), DISCOUNT_REASONS, self._apply
        )

    def _apply(self, approval: Approval, reason: str) -> None:
        """The manager said yes: the discount (or its removal) goes to the store."""
        kind, value = self._pending
        session = self._session
        done = session.run(
            lambda: payment.apply_bill_discount(
                session.ctx,
                bill_id=self._view.bill_id,
                kind=kind,
                value=value,
                reason=reason,
                approval=approval,
                staff_id=session.staff_id,
            ),
            on_error=self.show_error,
        )
        if done is not None:
            self.accept()
            self.applied.emit()
