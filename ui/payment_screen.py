"""The payment screen (结账): the bill as the guest pays it on the left, the tender pad on
the right, what is still to pay and the change in large type, and one green Finish.

The cashier picks how the guest pays, types or taps the amount (Exact, ¥100, ¥200 …),
taps Add — as often as the guest splits it — and Finish. Round-off (抹零), a discount on
the whole bill (manager) and the invoice request are one tap away. Settling, the receipt
number and its print job belong to ``app.services.payment``; this screen shows and asks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.domain.billing import Tender, TenderMethod
from app.domain.errors import N_, InvalidInput
from app.domain.money import RoundingMode
from app.domain.tendering import Progress, check_new_tender, progress, receipt_number
from app.services import payment, queries, shifts, venue
from app.services.context import Changes
from app.services.queries import BillView
from app.services.staff import Approval
from ui.authorise import COMP_REASONS, ManagerAuthorisation, ask_manager
from ui.payment.bill_panel import BillPanel
from ui.payment.options import ROUNDING_LABELS, DiscountDialog, RoundingDialog
from ui.payment.style import payment_style
from ui.payment.tender_pad import REFERENCE_MAX, TenderPad
from ui.session import UiSession
from ui.widgets import TouchButton

BACK = N_("‹ Back to the order")
STILL_TO_PAY = N_("Still to pay")
CHANGE = N_("Change")
FINISH = N_("Finish payment")
ROUND_OFF = N_("Rounding")
DISCOUNT = N_("Discount")
NOTHING = "—"
INVOICE = N_("Invoice")
INVOICE_WANTED = N_("✓ Requested")
PAID_BANNER = N_("Paid")
RECEIPT_FACT = N_("Receipt No. {number}")
CHANGE_FACT = N_("Change: {amount}")
NO_CHANGE = N_("No change")
INVOICE_FACT = N_("Invoice requested")
NOT_OPEN_BANNER = N_("This bill can no longer be paid here.")
SETTLED_INFO = N_("Receipt No. {number} — change {change}")
COMP_TITLE = N_("Comp {amount}")

ChoiceDialog = RoundingDialog | DiscountDialog


def _figures(*rows: tuple[QLabel, QLabel]) -> QFrame:
    """A framed box of large figures, each with its caption on the left."""
    box = QFrame(objectName="box")
    grid = QGridLayout(box)
    grid.setContentsMargins(14, 4, 14, 4)
    grid.setVerticalSpacing(0)
    for row, (caption, figure) in enumerate(rows):
        figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(caption, row, 0)
        grid.addWidget(figure, row, 1)
    grid.setColumnStretch(1, 1)
    return box


class PaymentScreen(QWidget):
    """Settle one bill. ``show_bill(bill_id)`` fills it; ``settled(bill_id)`` once the store
    has it paid; ``back_to_order(bill_id)`` when the cashier goes back to the dishes."""

    back_to_order = Signal(int)
    settled = Signal(int)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._venue = venue.venue_settings(session.ctx)
        self.bill_id: int | None = None
        self.view: BillView | None = None
        self.tenders: list[Tender] = []
        self._comp_approval: Approval | None = None
        self._pending_comp: Tender | None = None  # waiting for the manager
        self.dialog: ChoiceDialog | None = None  # round-off or discount, the last one opened
        self.authorisation: ManagerAuthorisation | None = None  # the manager overlay for a comp

        # left: the bill, what is still to pay, the choices before settling
        self.back_button = TouchButton()
        self.back_button.clicked.connect(self._go_back)
        self.bill_panel = BillPanel(session, self._venue)
        self.bill_panel.remove_requested.connect(self.remove_tender)
        self.still_caption = QLabel(objectName="caption")
        self.still_to_pay_label = QLabel(objectName="bigDue")
        self.change_caption = QLabel(objectName="caption")
        self.change_label = QLabel(objectName="bigChange")
        figures = _figures(
            (self.still_caption, self.still_to_pay_label), (self.change_caption, self.change_label)
        )
        self.error_label = QLabel(objectName="error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.rounding_button = TouchButton()
        self.rounding_button.setObjectName("option")
        self.rounding_button.clicked.connect(self.open_rounding)
        self.discount_button = TouchButton()
        self.discount_button.setObjectName("option")
        self.discount_button.clicked.connect(self.open_discount)
        self.invoice_button = TouchButton()
        self.invoice_button.setObjectName("option")
        self.invoice_button.setCheckable(True)
        self.invoice_button.clicked.connect(self.set_invoice)
        for button in (self.rounding_button, self.discount_button, self.invoice_button):
            button.setMinimumHeight(64)
        choices = QHBoxLayout()
        choices.setSpacing(8)
        choices.addWidget(self.rounding_button, 3)
        choices.addWidget(self.discount_button, 2)
        choices.addWidget(self.invoice_button, 2)
        left = QVBoxLayout()
        left.setSpacing(8)
        back_row = QHBoxLayout()
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        left.addLayout(back_row)
        left.addWidget(self.bill_panel, 1)
        left.addWidget(figures)
        left.addWidget(self.error_label)
        left.addLayout(choices)

        # right: the tender pad and Finish, or what was paid
        self.tender_pad = TenderPad(session)
        self.tender_pad.add_requested.connect(self.add_tender)
        self.finish_button = TouchButton(size="main")
        self.finish_button.setObjectName("finish")
        self.finish_button.setMinimumHeight(64)
        self.finish_button.clicked.connect(self.finish)
        entry = QWidget()
        entry_layout = QVBoxLayout(entry)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        entry_layout.setSpacing(10)
        entry_layout.addWidget(self.tender_pad, 1)
        entry_layout.addWidget(self.finish_button)
        self.paid_banner = QLabel(objectName="paidBanner")
        self.paid_facts = QLabel(objectName="paidFact")
        for label in (self.paid_banner, self.paid_facts):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        paid = QWidget()
        paid_layout = QVBoxLayout(paid)
        paid_layout.addStretch(1)
        paid_layout.addWidget(self.paid_banner)
        paid_layout.addWidget(self.paid_facts)
        paid_layout.addStretch(2)
        self.right = QStackedWidget()
        self.right.addWidget(entry)
        self.right.addWidget(paid)
        self._entry_page, self._paid_page = entry, paid

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the main window keeps the margin
        layout.setSpacing(16)
        layout.addLayout(left, 5)
        layout.addWidget(self.right, 6)

        session.changed.connect(self._store_changed)
        session.language_changed.connect(self._retranslate)
        session.style_changed.connect(self._restyle)
        self._restyle()
        self._retranslate()

    # ------------------------------------------------------------------ the bill

    def show_bill(self, bill_id: int) -> None:
        """Show this bill to be paid (or, once paid, what was paid). Payments already
        entered for the same bill stay; another bill starts with none."""
        if bill_id != self.bill_id:
            self.view = None
            self.tenders = []
            self._comp_approval = None
            self._pending_comp = None
            self.tender_pad.clear_entry()
            self.tender_pad.choose(TenderMethod.CASH)
        self.bill_id = bill_id
        self._show_error("")
        self.reload()

    def reload(self) -> None:
        """Read the bill again from the store and redraw; keeps the payments entered."""
        if self.bill_id is None:
            return
        bill_id = self.bill_id
        view = self._session.run(lambda: queries.bill_view(self._session.ctx, bill_id))
        if view is None:
            return
        self.view = view
        if not self.is_open:
            self.tenders = []
            self._comp_approval = None
        self._redraw()

    @property
    def is_open(self) -> bool:
        return self.view is not None and self.view.status == "open"

    def progress(self) -> Progress:
        return progress(self.view.breakdown.total if self.view else 0, self.tenders)

    def _store_changed(self, changes: object) -> None:
        if (
            self.bill_id is not None
            and isinstance(changes, Changes)
            and (self.bill_id in changes.bills or changes.bill_id == self.bill_id)
        ):
            self.reload()

    # ------------------------------------------------------------------ tenders

    def add_tender(self) -> bool:
        """Add what is on the pad with the chosen method; the domain refuses a card above
        what is still due, cash when nothing is due, an account without a signer. A comp
        asks for a manager first. True when the payment was added (or is being authorised)."""
        if not self.is_open:
            return False
        pad = self.tender_pad
        method = pad.method
        reference = pad.reference()
        try:
            amount = pad.amount()
            tender = Tender(
                method,
                amount,
                signer=reference if method is TenderMethod.ACCOUNT else "",
                reference="" if method is TenderMethod.ACCOUNT else reference,
            )
            check_new_tender(self.view.breakdown.total, self.tenders, tender)
        except InvalidInput as mistake:
            self._show_error(self._session.language.error_text(mistake))
            return False
        if method is TenderMethod.COMP and self._comp_approval is None:
            lang = self._session.language
            title = self._session.tr(COMP_TITLE).format(amount=lang.money(amount))
            self._pending_comp = tender
            # a bound method, not a lambda holding the screen: the overlay is deleted later
            self.authorisation = ask_manager(
                self, self._session, title, COMP_REASONS, self._comp_authorised
            )
            self.authorisation.rejected.connect(self._comp_refused)
            return True
        self._take(tender)
        return True

    def _comp_authorised(self, approval: Approval, reason: str) -> None:
        """The manager said yes: the comp goes in with the reason as its reference."""
        tender, self._pending_comp = self._pending_comp, None
        if tender is None or not self.is_open:
            return
        self._comp_approval = approval
        self._take(Tender(tender.method, tender.amount, reference=reason[:REFERENCE_MAX]))

    def _comp_refused(self) -> None:
        """No manager, no comp: the amount stays on the pad for another method."""
        self._pending_comp = None

    def _take(self, tender: Tender) -> None:
        self.tenders.append(tender)
        self.tender_pad.clear_entry()
        self._show_error("")
        self._redraw()

    def remove_tender(self, index: int) -> None:
        """One tap on a payment row takes it off again (the guest changed their mind)."""
        if not self.is_open or not 0 <= index < len(self.tenders):
            return
        del self.tenders[index]
        if not any(t.method is TenderMethod.COMP for t in self.tenders):
            self._comp_approval = None
        self._show_error("")
        self._redraw()

    # ------------------------------------------------------------------ finish

    def finish(self) -> None:
        """Settle with the payments entered (and the amount still on the pad). On success
        the table goes to clearing, the receipt is queued and ``settled`` is emitted; a
        refusal shows the service's message and nothing is saved."""
        if not self.is_open or self.bill_id is None:
            return
        if self.tender_pad.has_entry() and not self.add_tender():
            return
        if self._pending_comp is not None:
            return  # the manager overlay for the comp is open: Finish again once authorised
        session = self._session
        bill_id, view, tenders = self.bill_id, self.view, list(self.tenders)
        member_ref = next((t.reference for t in tenders if t.method is TenderMethod.MEMBER), "")
        drawer = shifts.current_shift(session.ctx, session.terminal)  # the money goes in it
        changes = session.run(
            lambda: payment.settle_bill(
                session.ctx,
                bill_id=bill_id,
                shift_id=drawer.shift_id if drawer else None,
                tenders=tenders,
                cashier_id=session.staff_id,
                approval=self._comp_approval,
                invoice_requested=self.invoice_button.isChecked(),
                member_ref=member_ref,
                expected_version=view.version,
            ),
            on_error=self._finish_refused,
        )
        if changes is None:
            return
        self._show_error("")
        if self.view is None or self.view.status == "open":
            self.reload()  # the session did not route the change here
        paid = self.view
        number = receipt_number(paid.business_day, changes.receipt_no)
        if paid.change_fen:
            change = session.language.money(paid.change_fen)
            session.info.emit(session.tr(SETTLED_INFO).format(number=number, change=change))
        else:
            session.info.emit(session.tr(RECEIPT_FACT).format(number=number))
        self.settled.emit(bill_id)

    def _finish_refused(self, text: str) -> None:
        self.reload()  # another terminal may have changed the bill: show it as it is now
        self._show_error(text)

    # ------------------------------------------------------------------ choices

    def current_rounding(self) -> tuple[RoundingMode, int]:
        """The bill's round-off rule (and a custom amount): chosen here, kept by the store,
        or the house rule."""
        view = self.view
        house_rule = RoundingMode(self._venue.rounding_mode), 0
        if view is None:
            return house_rule
        stored = view.rounding_mode
        return (RoundingMode(stored), view.custom_rounding_fen) if stored else house_rule

    def open_rounding(self) -> RoundingDialog | None:
        if not self.is_open:
            return None
        mode, _ = self.current_rounding()
        dialog = RoundingDialog(
            self._session, self.view, mode, RoundingMode(self._venue.rounding_mode), self
        )
        dialog.chosen.connect(self._rounding_set)
        return self._open(dialog)

    def _rounding_set(self, _mode: RoundingMode) -> None:
        """The store's change has already reloaded the bill with its new rule."""
        self._redraw()

    def open_discount(self) -> DiscountDialog | None:
        if not self.is_open:
            return None
        return self._open(DiscountDialog(self._session, self.view, self))

    def _open(self, dialog: ChoiceDialog) -> ChoiceDialog:
        """Open a choice dialog without blocking; the one before it goes away now (a
        dialog must not be let go of inside its own ``finished``)."""
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()
        return dialog

    def set_invoice(self) -> None:
        """The guest wants an invoice (发票): kept on the bill and printed on the receipt."""
        wanted = self.invoice_button.isChecked()
        bill_id = self.bill_id
        done = self._session.run(
            lambda: payment.set_invoice_requested(
                self._session.ctx, bill_id=bill_id, requested=wanted
            ),
            on_error=self._show_error,
        )
        if done is None:
            self.invoice_button.setChecked(not wanted)
        if self.view is not None:
            self._show_choices(self.view)

    def _go_back(self) -> None:
        if self.bill_id is not None:
            self.back_to_order.emit(self.bill_id)

    # ------------------------------------------------------------------ drawing

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def _redraw(self) -> None:
        view = self.view
        if view is None:
            return
        lang = self._session.language
        self.bill_panel.show_bill(view, self.tenders)
        if self.is_open:
            now = self.progress()
            still, change, covered = now.still_to_pay, now.change, now.covered
        else:
            still, change, covered = 0, view.change_fen, True
            self._show_error("")
        self.still_to_pay_label.setText(lang.money(still))
        self.still_to_pay_label.setProperty("covered", "true" if covered else "false")
        self.still_to_pay_label.style().unpolish(self.still_to_pay_label)
        self.still_to_pay_label.style().polish(self.still_to_pay_label)
        self.change_label.setText(lang.money(change))
        self.tender_pad.set_still_to_pay(still)
        self.right.setCurrentWidget(self._entry_page if self.is_open else self._paid_page)
        for button in (self.rounding_button, self.discount_button, self.invoice_button):
            button.setVisible(self.is_open)  # a closed bill never changes
        self.invoice_button.setChecked(view.invoice_requested)
        self._show_choices(view)
        self._show_paid(view)

    def _show_choices(self, view: BillView) -> None:
        """Each choice button says what is chosen now, on a second line."""
        tr = self._session.tr
        lang = self._session.language
        mode, custom = self.current_rounding()
        rule = lang.money(custom) if mode is RoundingMode.CUSTOM else tr(ROUNDING_LABELS[mode])
        self.rounding_button.setText(f"{tr(ROUND_OFF)}\n{rule}")
        off = view.breakdown.bill_discount
        self.discount_button.setText(f"{tr(DISCOUNT)}\n{lang.money(-off) if off else NOTHING}")
        wanted = self.invoice_button.isChecked()
        self.invoice_button.setText(f"{tr(INVOICE)}\n{tr(INVOICE_WANTED) if wanted else NOTHING}")

    def _show_paid(self, view: BillView) -> None:
        tr = self._session.tr
        lang = self._session.language
        if view.status == "paid":
            self.paid_banner.setText(tr(PAID_BANNER))
            facts = [
                tr(RECEIPT_FACT).format(number=receipt_number(view.business_day, view.receipt_no))
            ]
            facts.append(
                tr(CHANGE_FACT).format(amount=lang.money(view.change_fen))
                if view.change_fen
                else tr(NO_CHANGE)
            )
            if view.invoice_requested:
                facts.append(tr(INVOICE_FACT))
            self.paid_facts.setText("\n".join(facts))
        else:
            self.paid_banner.setText(tr(NOT_OPEN_BANNER))
            self.paid_facts.setText("")

    def _retranslate(self, *_: object) -> None:
        tr = self._session.tr
        self.back_button.setText(tr(BACK))
        self.still_caption.setText(tr(STILL_TO_PAY))
        self.change_caption.setText(tr(CHANGE))
        self.finish_button.setText(tr(FINISH))
        self.tender_pad.retranslate()
        if self.view is None:
            self.rounding_button.setText(tr(ROUND_OFF))
            self.discount_button.setText(tr(DISCOUNT))
            self.still_to_pay_label.setText(self._session.language.money(0))
            self.change_label.setText(self._session.language.money(0))
        self._redraw()

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(payment_style(px))
        self.tender_pad.numpad.restyle(px)
