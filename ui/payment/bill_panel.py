"""The left half of the payment screen: the bill as the receipt will show it — who and
where, every part of the total that is not zero, the total in large type — and the
payments taken so far, each removed with one tap while the bill is open."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.billing import TENDER_LABELS, Breakdown, Tender, TenderMethod
from app.domain.errors import N_
from app.domain.tendering import receipt_number
from app.services.queries import BillView
from app.services.venue import VenueSettings
from ui.session import UiSession
from ui.widgets import TouchButton

LABELLED = N_("{label}: {value}")
TABLE = N_("Table")
GUESTS = N_("Guests")
WAITER = N_("Waiter")
OPENED = N_("Opened at")
PAID_AT = N_("Paid at")
RECEIPT_NO = N_("Receipt No.")
TOTAL = N_("Total")
PAYMENTS = N_("Payment")
NO_PAYMENTS = N_("No payment yet: choose a method, enter the amount, tap Add.")
TAP_TO_REMOVE = N_("Tap a payment to remove it.")
GUESTS_COUNT = N_("{guests} guests")

BILL_STATUS_LABELS = {
    "open": N_("Open"),
    "paid": N_("Paid"),
    "merged": N_("Merged"),
    "split": N_("Split"),
    "reopened": N_("Reopened"),
    "cancelled": N_("Cancelled"),
}

# (part of the Breakdown, label, shown as a detail of the row above, taken off the bill)
PARTS: tuple[tuple[str, str, bool, bool], ...] = (
    ("items", N_("Subtotal"), False, False),
    ("options", N_("incl. options"), True, False),
    ("line_discounts", N_("Dish discounts"), False, True),
    ("bill_discount", N_("Bill discount"), False, True),
    ("seat_fee", N_("Seat fee"), False, False),
    ("room_fee", N_("Room fee"), False, False),
    ("minimum_spend_topup", N_("Minimum spend top-up"), False, False),
    ("service_charge", N_("Service charge"), False, False),
    ("rounding", N_("Rounding"), False, False),
)
CLOSED_DISCOUNTS = N_("Discounts")  # a closed bill keeps its discounts as one figure


def part_amounts(parts: Breakdown) -> dict[str, int]:
    """Each part as it is written on the bill: discounts as negative amounts."""
    return {key: -getattr(parts, key) if off else getattr(parts, key) for key, *_, off in PARTS}


class BillPanel(QWidget):
    """Shows one bill; ``remove_requested(index)`` when a payment row is tapped."""

    remove_requested = Signal(int)

    def __init__(self, session: UiSession, venue: VenueSettings, parent=None) -> None:
        super().__init__(parent)
        self._session = session
        self._venue = venue
        self._view: BillView | None = None
        self._tenders: tuple[Tender, ...] = ()

        self.venue_label = QLabel(objectName="venue")
        self.venue_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.venue_label.setWordWrap(True)
        self.particulars = QLabel(objectName="particulars")
        self.particulars.setWordWrap(True)
        self.receipt_label = QLabel(objectName="receipt")
        self.receipt_label.setWordWrap(True)

        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for row, (key, _label, detail, _off) in enumerate(PARTS):
            name = QLabel(objectName="detail" if detail else "part")
            amount = QLabel(objectName="detail" if detail else "part")
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if detail:
                name.setIndent(24)
            grid.addWidget(name, row, 0)
            grid.addWidget(amount, row, 1)
            self.rows[key] = (name, amount)
        grid.setColumnStretch(0, 1)

        rule = QFrame(frameShape=QFrame.Shape.HLine)
        self.total_name = QLabel(objectName="totalName")
        self.total_amount = QLabel(objectName="totalAmount")
        self.total_amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        total_row = QGridLayout()
        total_row.addWidget(self.total_name, 0, 0)
        total_row.addWidget(self.total_amount, 0, 1)
        total_row.setColumnStretch(0, 1)

        self.payments_heading = QLabel(objectName="heading")
        self.payments_hint = QLabel(objectName="hint")
        self.payments_hint.setWordWrap(True)
        self.tender_rows: list[TouchButton] = []
        self._tender_box = QVBoxLayout()
        self._tender_box.setSpacing(6)

        body = QWidget(objectName="billBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 12, 4)
        layout.setSpacing(8)
        layout.addWidget(self.venue_label)
        layout.addWidget(self.particulars)
        layout.addWidget(self.receipt_label)
        layout.addLayout(grid)
        layout.addWidget(rule)
        layout.addLayout(total_row)
        layout.addSpacing(6)
        layout.addWidget(self.payments_heading)
        layout.addLayout(self._tender_box)
        layout.addWidget(self.payments_hint)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # ------------------------------------------------------------------ what is shown

    def show_bill(self, view: BillView, tenders: Sequence[Tender]) -> None:
        """The bill's figures and, while it is open, the payments entered on this screen;
        once closed, the payments and change the store keeps."""
        self._view = view
        self._tenders = tuple(tenders)
        self.retranslate()

    def shown_parts(self) -> dict[str, str]:
        """The rows a cashier reads: part → amount text, only those shown."""
        return {
            key: amount.text() for key, (_, amount) in self.rows.items() if not amount.isHidden()
        }

    def retranslate(self) -> None:
        view = self._view
        if view is None:
            return
        lang = self._session.language
        tr = self._session.tr
        self.venue_label.setText(lang.pick(self._venue.name_zh, self._venue.name_en))
        lines = (
            ((TABLE, view.table_name), (GUESTS, lang.number(view.guests))),
            ((WAITER, view.waiter), (OPENED, lang.time(view.opened_at))),
        )
        self.particulars.setText(
            "\n".join(
                "    ".join(tr(LABELLED).format(label=tr(k), value=v) for k, v in line if v)
                for line in lines
            )
        )
        self._show_receipt(view)
        self._show_parts(view)
        self.total_name.setText(tr(TOTAL))
        self.total_amount.setText(lang.money(view.breakdown.total))
        self.payments_heading.setText(tr(PAYMENTS))
        self._show_tenders(view)

    def _show_receipt(self, view: BillView) -> None:
        tr = self._session.tr
        lang = self._session.language
        if view.status == "open":
            self.receipt_label.hide()
            return
        facts = (
            [] if view.status == "paid" else [tr(BILL_STATUS_LABELS.get(view.status, view.status))]
        )
        number = receipt_number(view.business_day, view.receipt_no)
        if number:
            facts.append(tr(LABELLED).format(label=tr(RECEIPT_NO), value=number))
        if view.closed_at is not None:
            facts.append(
                tr(LABELLED).format(label=tr(PAID_AT), value=lang.datetime(view.closed_at))
            )
        self.receipt_label.setText("\n".join(facts))
        self.receipt_label.show()

    def _show_parts(self, view: BillView) -> None:
        tr = self._session.tr
        lang = self._session.language
        amounts = part_amounts(view.breakdown)
        for key, label, _detail, _off in PARTS:
            name, amount = self.rows[key]
            shown = key == "items" or amounts[key] != 0
            name.setVisible(shown)
            amount.setVisible(shown)
            closed = key == "line_discounts" and view.status != "open"
            text = tr(CLOSED_DISCOUNTS if closed else label)
            if key == "seat_fee" and view.guests:
                count = tr(GUESTS_COUNT).format(guests=lang.number(view.guests))
                text = f"{text} ({count})"
            name.setText(text)
            amount.setText(lang.money(amounts[key]))

    def _show_tenders(self, view: BillView) -> None:
        tr = self._session.tr
        lang = self._session.language
        for row in self.tender_rows:
            self._tender_box.removeWidget(row)
            row.hide()  # gone at once, not when the event loop gets to deleting it
            row.deleteLater()
        self.tender_rows = []
        is_open = view.status == "open"
        kept = [Tender(TenderMethod(m), a, s) for m, a, s in view.tenders]
        for index, tender in enumerate(self._tenders if is_open else kept):
            label = tr(TENDER_LABELS[tender.method])
            who = tender.signer or tender.reference
            if who:
                label = f"{label} · {who}"
            text = f"{label}    {lang.money(tender.amount)}"
            row = TouchButton(f"{text}    ✕" if is_open else text)
            row.setObjectName("tender")
            row.setEnabled(is_open)
            row.clicked.connect(lambda _=False, i=index: self.remove_requested.emit(i))
            self._tender_box.addWidget(row)
            self.tender_rows.append(row)
        if is_open:
            self.payments_hint.setText(tr(TAP_TO_REMOVE if self._tenders else NO_PAYMENTS))
        self.payments_hint.setVisible(is_open)
