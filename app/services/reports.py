"""The shift summary and the day report 营业日报 a manager reads every night: what was sold,
what was taken off and why, how it was paid, by room, hour, dish and waiter, and proof that
it all adds up to the fen.

Each sale counts exactly once:

- a paid bill counts with the figures frozen on it at settlement (its receipt);
- a reopened bill (反结账) does not: its latest revision counts, when that is paid;
- an even split (AA 均分) counts its dishes from the split bill and its money from the share
  bills paid in the period, each share carrying its part of every figure to the fen;
- a bill merged into another (并台) carries nothing: the bill it merged into has its lines,
  guests and table.

The day report covers the paid bills of the business day (营业日, which can run past
midnight), whatever shift; the shift report the bills settled in that shift.
Output: a PDF through ``app.printing.summary`` and a CSV for spreadsheets.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.billing import TENDER_LABELS, TenderMethod
from app.domain.errors import N_, NotFound
from app.domain.money import MILLI, Fen, line_amount, split_evenly
from app.domain.summary import (
    Check,
    Reconciliation,
    SaleParts,
    add_parts,
    average,
    cumulative_split,
    ratio,
    share_parts,
)
from app.domain.timing import business_day as business_day_of
from app.i18n import Language
from app.printing.documents import ShiftSummaryDocument, SummaryRow, SummaryTable, VenueHeader
from app.services.bills import BillStatus, LineKind, LineStatus, priced_line
from app.services.context import Context
from app.services.service_figures import WaiterServiceFigures, service_figures
from app.services.shifts import DrawerFigures, ShiftStatus, drawer_figures
from db.models import (
    AuditEntry,
    Bill,
    DiningTable,
    MenuCategory,
    MenuItem,
    OrderLine,
    Room,
    Shift,
    Staff,
    TenderRow,
    Venue,
)

CHUNK = 5_000  # ids per IN (…) query: far below SQLite's limit on bound values
TOP_DISHES_PRINTED = 20


class ReportKind(StrEnum):
    DAY = "day"
    PERIOD = "period"
    SHIFT = "shift"


# ---------------------------------------------------------------- what a report holds


@dataclass(frozen=True)
class VenueInfo:
    name_zh: str
    name_en: str
    address: str = ""
    phone: str = ""
    tax_id: str = ""


@dataclass(frozen=True)
class TenderFigure:
    """One way of paying: how many payments and how much."""

    method: str  # a ``TenderMethod`` value
    count: int
    amount: Fen


@dataclass(frozen=True)
class RoomFigure:
    room_id: int
    name_zh: str
    name_en: str
    tables_used: int
    bills: int
    guests: int
    net_sales: Fen
    fees: Fen
    rounding: Fen
    receipts: Fen

    @property
    def turns(self) -> Decimal | None:
        """Bills per table used (翻台)."""
        return ratio(self.bills, self.tables_used)


@dataclass(frozen=True)
class HourFigure:
    """The sales closed in one hour of the clock (a bill counts at the hour it was paid)."""

    hour: int
    bills: int
    guests: int
    net_sales: Fen
    receipts: Fen


@dataclass(frozen=True)
class DishFigure:
    """One dish: how much was sold after voids, and its gross before discounts."""

    item_id: int | None
    name_zh: str
    name_en: str
    category_id: int | None
    unit_zh: str
    unit_en: str
    quantity_milli: int
    amount: Fen
    orders: int  # order lines


@dataclass(frozen=True)
class CategoryFigure:
    category_id: int | None
    name_zh: str
    name_en: str
    portions_milli: int  # portions; a weighed dish counts as one
    amount: Fen


@dataclass(frozen=True)
class WaiterFigure:
    """One waiter's tables: their sales, and how the service steps were kept."""

    staff_id: int | None
    name: str
    bills: int
    guests: int
    net_sales: Fen
    receipts: Fen
    voids: int
    void_amount: Fen
    service: WaiterServiceFigures | None

    @property
    def average_per_guest(self) -> Fen | None:
        return average(self.receipts, self.guests)


@dataclass(frozen=True)
class VoidFigure:
    """One 退菜: the dish, how much, why, who voided it and which manager authorised it."""

    at: datetime
    table: str
    receipt_no: int | None
    dish_zh: str
    dish_en: str
    unit_zh: str
    unit_en: str
    quantity_milli: int
    amount: Fen  # the dish's price with options for the voided quantity
    reason: str
    voided_by: str
    authorised_by: str


@dataclass(frozen=True)
class DiscountFigure:
    """A discount given: on one dish, or on the whole bill when ``dish_zh`` is empty."""

    at: datetime  # when the bill was paid
    table: str
    receipt_no: int | None
    dish_zh: str
    dish_en: str
    amount: Fen
    reason: str
    authorised_by: str


@dataclass(frozen=True)
class CompFigure:
    """A comp 免单 (all or part of a bill) and the manager who allowed it."""

    at: datetime
    table: str
    receipt_no: int | None
    amount: Fen
    reason: str
    authorised_by: str


@dataclass(frozen=True)
class ReopenFigure:
    """A paid receipt superseded by a reopen (反结账): not counted, its revision is."""

    at: datetime | None  # when it was reopened
    business_day: date | None
    receipt_no: int | None
    table: str
    total: Fen
    reason: str
    authorised_by: str


@dataclass(frozen=True)
class ShiftInfo:
    """The shift a shift report is about, with its cash drawer as ``app.services.shifts``
    counts it (a reopened receipt's cash stays in the drawer that took it)."""

    shift_id: int
    z_no: int | None
    terminal: str
    closed: bool
    opened_at: datetime
    closed_at: datetime | None
    opened_by: str
    closed_by: str
    drawer: DrawerFigures
    expected: Fen  # frozen at close
    counted: Fen | None
    over_short: Fen | None


@dataclass(frozen=True)
class SalesSummary:
    """Every figure of a day, a few days or a shift; ``reconciles`` checks they agree."""

    kind: ReportKind
    venue: VenueInfo
    first_day: date | None
    last_day: date | None
    start: datetime
    end: datetime
    made_at: datetime
    parts: SaleParts  # Σ of the sales: gross, discounts, fees, rounding
    receipts: int  # receipts counted (each share of an even split is one)
    receipts_total: Fen  # Σ of their totals (实收)
    bills: int  # sales: an even split counts once
    guests: int
    tables_used: int
    tenders: tuple[TenderFigure, ...]
    change: Fen
    comps: tuple[CompFigure, ...]
    voids: tuple[VoidFigure, ...]
    discounts_given: tuple[DiscountFigure, ...]
    reopened: tuple[ReopenFigure, ...]
    rooms: tuple[RoomFigure, ...]
    hours: tuple[HourFigure, ...]
    dishes: tuple[DishFigure, ...]  # by amount, highest first
    categories: tuple[CategoryFigure, ...]
    waiters: tuple[WaiterFigure, ...]
    invoices: int
    invoice_amount: Fen
    items_from_lines: Fen  # the gross counted again from the order lines
    shift: ShiftInfo | None = None

    # -- the headline figures ---------------------------------------------------------------

    @property
    def gross_sales(self) -> Fen:
        return self.parts.gross

    @property
    def net_sales(self) -> Fen:
        return self.parts.net_sales

    @property
    def discounts(self) -> Fen:
        return self.parts.discounts

    @property
    def fees(self) -> Fen:
        return self.parts.fees

    @property
    def tendered(self) -> Fen:
        return sum(tender.amount for tender in self.tenders)

    def tender_amount(self, method: TenderMethod | str) -> Fen:
        return sum(t.amount for t in self.tenders if t.method == method)

    @property
    def cash_net(self) -> Fen:
        """Cash kept: cash tendered less the change given back."""
        return self.tender_amount(TenderMethod.CASH) - self.change

    @property
    def comp_amount(self) -> Fen:
        return self.tender_amount(TenderMethod.COMP)

    @property
    def void_count(self) -> int:
        return len(self.voids)

    @property
    def void_amount(self) -> Fen:
        return sum(void.amount for void in self.voids)

    @property
    def average_per_guest(self) -> Fen | None:
        """What a guest paid on average (receipts ÷ guests, 人均)."""
        return average(self.receipts_total, self.guests)

    @property
    def average_per_bill(self) -> Fen | None:
        return average(self.receipts_total, self.bills)

    @property
    def table_turns(self) -> Decimal | None:
        """Bills per table used (翻台率)."""
        return ratio(self.bills, self.tables_used)

    # -- the proof ----------------------------------------------------------------------

    @property
    def reconciles(self) -> Reconciliation:
        """Every rule the figures keep, to the fen; ``bool()`` of it is true when all hold,
        ``.mismatches`` lists the ones that do not."""
        parts = self.parts

        def count(name: str, left: int, right: int) -> Check:
            return Check(name, left, right, money=False)

        return Reconciliation(
            (
                Check(CHECK_TENDERS, self.tendered - self.change, self.receipts_total),
                Check(CHECK_RECEIPTS, self.receipts_total, parts.total),
                Check(CHECK_LINES, self.items_from_lines, parts.gross),
                Check(CHECK_DISHES, sum(d.amount for d in self.dishes), parts.gross),
                Check(CHECK_CATEGORIES, sum(c.amount for c in self.categories), parts.gross),
                Check(
                    CHECK_DISCOUNTS, sum(d.amount for d in self.discounts_given), parts.discounts
                ),
                Check(CHECK_COMPS, sum(c.amount for c in self.comps), self.comp_amount),
                Check(CHECK_ROOMS, sum(r.receipts for r in self.rooms), self.receipts_total),
                Check(CHECK_ROOM_SALES, sum(r.net_sales for r in self.rooms), parts.net_sales),
                count(CHECK_ROOM_BILLS, sum(r.bills for r in self.rooms), self.bills),
                Check(CHECK_HOURS, sum(h.net_sales for h in self.hours), parts.net_sales),
                count(CHECK_HOUR_BILLS, sum(h.bills for h in self.hours), self.bills),
                Check(CHECK_WAITERS, sum(w.net_sales for w in self.waiters), parts.net_sales),
                count(CHECK_WAITER_GUESTS, sum(w.guests for w in self.waiters), self.guests),
                count(CHECK_WAITER_VOIDS, sum(w.voids for w in self.waiters), self.void_count),
            )
        )


CHECK_TENDERS = N_("Payments − change = receipts")
CHECK_RECEIPTS = N_("Receipts = net sales + fees + rounding")
CHECK_LINES = N_("Order lines = gross sales")
CHECK_DISHES = N_("Dishes = gross sales")
CHECK_CATEGORIES = N_("Categories = gross sales")
CHECK_DISCOUNTS = N_("Discounts listed = discounts")
CHECK_COMPS = N_("Comps listed = comp payments")
CHECK_ROOMS = N_("Rooms = receipts")
CHECK_ROOM_SALES = N_("Rooms = net sales")
CHECK_ROOM_BILLS = N_("Rooms = bills")
CHECK_HOURS = N_("Hours = net sales")
CHECK_HOUR_BILLS = N_("Hours = bills")
CHECK_WAITERS = N_("Waiters = net sales")
CHECK_WAITER_GUESTS = N_("Waiters = guests")
CHECK_WAITER_VOIDS = N_("Waiters = voids")


# ---------------------------------------------------------------- the public reports


def day_start(ctx: Context) -> time:
    """When the venue's business day starts (05:00 unless set otherwise)."""
    with ctx.reading() as session:
        minutes = session.scalar(select(Venue.day_starts_at_minutes).limit(1))
    minutes = 300 if minutes is None else minutes
    return time(minutes // 60, minutes % 60)


def current_business_day(ctx: Context) -> date:
    """The business day it is now (01:30 after a late night still counts to yesterday)."""
    return business_day_of(ctx.now(), day_start(ctx))


def day_report(ctx: Context, business_day: date) -> SalesSummary:
    """The day report 营业日报: every bill paid in ``business_day``, whatever shift."""
    return _business_days(ctx, business_day, business_day, ReportKind.DAY)


def period_report(ctx: Context, start: date, end: date) -> SalesSummary:
    """The business days ``start`` to ``end`` (both included) as one report."""
    if end < start:
        start, end = end, start
    return _business_days(ctx, start, end, ReportKind.PERIOD)


def shift_report(ctx: Context, shift_id: int) -> SalesSummary:
    """A shift's summary (X report while open, Z report once closed): the bills settled in
    it, and its cash drawer."""
    now = ctx.now()
    with ctx.reading() as session:
        shift = session.get(Shift, shift_id)
        if shift is None:
            raise NotFound(N_("That shift does not exist."))
        staff = _staff_names(session)
        drawer = drawer_figures(session, shift)
        closed = shift.status == ShiftStatus.CLOSED
        info = ShiftInfo(
            shift_id=shift.id,
            z_no=shift.z_no,
            terminal=shift.terminal,
            closed=closed,
            opened_at=shift.opened_at,
            closed_at=shift.closed_at,
            opened_by=staff.get(shift.opened_by_id, ""),
            closed_by=staff.get(shift.closed_by_id, ""),
            drawer=drawer,
            expected=shift.expected_fen
            if closed and shift.expected_fen is not None
            else drawer.expected_fen,
            counted=shift.counted_fen,
            over_short=shift.over_short_fen,
        )
        found = _load(session, Bill.shift_id == shift_id)
    end = info.closed_at or now
    waiters = service_figures(ctx, start=info.opened_at, end=end)
    summary = _summarise(found, ReportKind.SHIFT, None, None, info.opened_at, end, now, waiters)
    return replace(summary, shift=info)


@dataclass(frozen=True)
class ShiftChoice:
    """A shift to pick on the reports screen."""

    shift_id: int
    z_no: int | None
    terminal: str
    opened_at: datetime
    closed_at: datetime | None


def recent_shifts(ctx: Context, *, limit: int = 60) -> list[ShiftChoice]:
    """The latest shifts of every terminal, oldest first."""
    with ctx.reading() as session:
        rows = session.execute(
            select(Shift.id, Shift.z_no, Shift.terminal, Shift.opened_at, Shift.closed_at)
            .order_by(Shift.opened_at.desc(), Shift.id.desc())
            .limit(limit)
        ).all()
    return [ShiftChoice(*row) for row in reversed(rows)]


def _business_days(ctx: Context, first: date, last: date, kind: ReportKind) -> SalesSummary:
    now = ctx.now()
    starts = day_start(ctx)
    start = datetime.combine(first, starts)
    end = datetime.combine(last + timedelta(days=1), starts)
    with ctx.reading() as session:
        found = _load(session, Bill.business_day.between(first, last))
    waiters = service_figures(ctx, start=start, end=end)
    return _summarise(found, kind, first, last, start, end, now, waiters)


# ---------------------------------------------------------------- reading the store


_BILL_COLUMNS = (
    Bill.id,
    Bill.table_id,
    Bill.status,
    Bill.guests,
    Bill.waiter_id,
    Bill.opened_at,
    Bill.closed_at,
    Bill.business_day,
    Bill.receipt_no,
    Bill.merged_into_id,
    Bill.split_from_id,
    Bill.revision_of_id,
    Bill.share_of_total,
    Bill.discount_reason,
    Bill.invoice_requested,
    Bill.items_fen,
    Bill.options_fen,
    Bill.discount_fen,
    Bill.seat_fee_fen,
    Bill.room_fee_fen,
    Bill.minimum_topup_fen,
    Bill.service_charge_fen,
    Bill.rounding_fen,
    Bill.total_fen,
    Bill.change_fen,
)

_LINE_COLUMNS = (
    OrderLine.id,
    OrderLine.bill_id,
    OrderLine.item_id,
    OrderLine.kind,
    OrderLine.reverses_id,
    OrderLine.name_zh,
    OrderLine.name_en,
    OrderLine.unit_zh,
    OrderLine.unit_en,
    OrderLine.quantity_milli,
    OrderLine.unit_price_fen,
    OrderLine.surcharge_fen,
    OrderLine.discount_kind,
    OrderLine.discount_value,
    OrderLine.status,
    OrderLine.waiter_id,
    OrderLine.voided_at,
    OrderLine.void_reason,
)

AUDITED = ("void", "discount", "reopen")


@dataclass(frozen=True)
class _Found:
    """What a report reads: the paid bills of the period and everything they point at."""

    venue: VenueInfo
    paid: list[Any]  # bill rows counted (latest revisions, shares)
    reopened: list[Any]  # superseded receipts of the period
    originals: dict[int, Any]  # even-split bills by id
    share_ids: dict[int, list[int]]  # even-split bill → all its share bills, in order
    merged: list[Any]  # bills merged into a counted bill (or into an earlier revision)
    ancestors: dict[int, Any]  # earlier revisions of counted bills
    lines: dict[int, list[Any]]  # bill id → item and reversal lines
    tenders: dict[int, list[Any]]
    audits: list[Any]
    tables: dict[int, tuple[str, int]]  # id → (name, room id)
    rooms: dict[int, tuple[str, str, int]]  # id → (zh, en, sort order)
    items: dict[int, tuple[int, bool]]  # id → (category id, weighed)
    categories: dict[int, tuple[str, str, int]]
    staff: dict[int, str]


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted(set(ids))
    for index in range(0, len(ordered), CHUNK):
        yield ordered[index : index + CHUNK]


def _rows_where_in(session: Session, columns, column, ids: Iterable[int], *extra) -> list[Any]:
    rows: list[Any] = []
    for chunk in _chunks(ids):
        rows += session.execute(select(*columns).where(column.in_(chunk), *extra)).all()
    return rows


def _staff_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Staff.id, Staff.name)).all())


def _load(session: Session, which) -> _Found:
    """Read the bills chosen by ``which`` (a condition on ``bill``) and what they need."""
    venue_row = session.execute(
        select(Venue.name_zh, Venue.name_en, Venue.address, Venue.phone, Venue.tax_id).limit(1)
    ).first()
    if venue_row is None:
        raise NotFound(N_("The store has no venue yet. Run “xiaoer init” first."))
    # the status is checked here, not in SQL: SQLite would pick the index on status over
    # the one on the day and read every paid bill of three years
    chosen = session.execute(select(*_BILL_COLUMNS).where(which)).all()
    paid = [row for row in chosen if row.status == BillStatus.PAID]
    reopened = [row for row in chosen if row.status == BillStatus.REOPENED]
    original_ids = {row.split_from_id for row in paid if row.share_of_total}
    originals = {
        row.id: row for row in _rows_where_in(session, _BILL_COLUMNS, Bill.id, original_ids)
    }
    share_ids: dict[int, list[int]] = defaultdict(list)
    for share_id, original_id in _rows_where_in(
        session,
        (Bill.id, Bill.split_from_id),
        Bill.split_from_id,
        original_ids,
        Bill.share_of_total.is_(True),
    ):
        share_ids[original_id].append(share_id)
    for shares in share_ids.values():
        shares.sort()
    ancestors: dict[int, Any] = {}
    wanted = {row.revision_of_id for row in paid if row.revision_of_id}
    while wanted:
        found = _rows_where_in(session, _BILL_COLUMNS, Bill.id, wanted)
        ancestors.update((row.id, row) for row in found)
        wanted = {row.revision_of_id for row in found if row.revision_of_id} - set(ancestors)
    units = {row.id for row in paid if not row.share_of_total} | set(originals)
    merged = _rows_where_in(
        session,
        (Bill.id, Bill.table_id, Bill.merged_into_id),
        Bill.merged_into_id,
        units | set(ancestors),
        Bill.status == BillStatus.MERGED,
    )
    lines: dict[int, list[Any]] = defaultdict(list)
    for line in _rows_where_in(
        session,
        _LINE_COLUMNS,
        OrderLine.bill_id,
        units,
        OrderLine.kind.in_((LineKind.ITEM, LineKind.REVERSAL)),
    ):
        lines[line.bill_id].append(line)
    tenders: dict[int, list[Any]] = defaultdict(list)
    for tender in _rows_where_in(
        session,
        (
            TenderRow.id,
            TenderRow.bill_id,
            TenderRow.method,
            TenderRow.amount_fen,
            TenderRow.reference,
            TenderRow.authorised_by_id,
        ),
        TenderRow.bill_id,
        [row.id for row in paid],
    ):
        tenders[tender.bill_id].append(tender)
    audits = _audits(session, paid, originals, ancestors, reopened)
    return _Found(
        venue=VenueInfo(*venue_row),
        paid=paid,
        reopened=reopened,
        originals=originals,
        share_ids=dict(share_ids),
        merged=merged,
        ancestors=ancestors,
        lines=dict(lines),
        tenders=dict(tenders),
        audits=audits,
        tables={
            row.id: (row.name, row.room_id)
            for row in session.execute(
                select(DiningTable.id, DiningTable.name, DiningTable.room_id)
            )
        },
        rooms={
            row.id: (row.name_zh, row.name_en, row.sort_order)
            for row in session.execute(select(Room.id, Room.name_zh, Room.name_en, Room.sort_order))
        },
        items={
            row.id: (row.category_id, bool(row.weighed))
            for row in session.execute(select(MenuItem.id, MenuItem.category_id, MenuItem.weighed))
        },
        categories={
            row.id: (row.name_zh, row.name_en, row.sort_order)
            for row in session.execute(
                select(
                    MenuCategory.id,
                    MenuCategory.name_zh,
                    MenuCategory.name_en,
                    MenuCategory.sort_order,
                )
            )
        },
        staff=_staff_names(session),
    )


def _audits(session: Session, paid, originals, ancestors, reopened) -> list[Any]:
    """The voids and discounts of the period's bills (from the first seating to the last
    payment) and the reopens of its superseded receipts."""
    columns = (
        AuditEntry.at,
        AuditEntry.action,
        AuditEntry.staff_id,
        AuditEntry.authorised_by_id,
        AuditEntry.bill_id,
        AuditEntry.reason,
        AuditEntry.detail,
    )
    bills = [*paid, *originals.values(), *ancestors.values(), *reopened]
    if not bills:
        return []
    first = min(row.opened_at for row in bills)
    last = max(row.closed_at or row.opened_at for row in bills)
    found = session.execute(
        select(*columns).where(
            AuditEntry.at.between(first, last), AuditEntry.action.in_(AUDITED[:2])
        )
    ).all()
    if reopened:
        found += _rows_where_in(
            session,
            columns,
            AuditEntry.bill_id,
            [row.id for row in reopened],
            AuditEntry.action == "reopen",
        )
    return found


# ---------------------------------------------------------------- adding it up


@dataclass
class _Unit:
    """One sale: a paid bill, or an even split with its share bills."""

    bill: Any  # the bill with the lines (the split bill for an even split)
    pieces: list[tuple[Any, SaleParts]]  # (paid bill, its part of the sale) in the period
    fraction: tuple[int, int]  # the part of the sale in the period (numerator, denominator)
    priced: _Priced


@dataclass
class _Tally:
    bills: int = 0
    guests: int = 0
    net_sales: Fen = 0
    fees: Fen = 0
    rounding: Fen = 0
    receipts: Fen = 0
    voids: int = 0
    void_amount: Fen = 0
    tables: set[int] | None = None

    def add(self, parts: SaleParts, receipts: Fen) -> None:
        self.net_sales += parts.net_sales
        self.fees += parts.fees
        self.rounding += parts.rounding
        self.receipts += receipts


def _frozen_parts(bill, line_discounts: Fen) -> SaleParts:
    """A paid bill's figures as frozen at settlement; the bill discount is what is left of
    its discounts after the dishes' own."""
    return SaleParts(
        items=bill.items_fen,
        options=bill.options_fen,
        line_discounts=line_discounts,
        bill_discounts=bill.discount_fen - line_discounts,
        seat_fees=bill.seat_fee_fen,
        room_fees=bill.room_fee_fen,
        minimum_topups=bill.minimum_topup_fen,
        service_charge=bill.service_charge_fen,
        rounding=bill.rounding_fen,
    )


@dataclass(frozen=True)
class _Priced:
    """A bill's dishes priced as ``breakdown`` prices them: one entry per ordered dish with
    its reversals folded in, and the reversals themselves (the voids)."""

    dishes: list[tuple[Any, int, Fen, Fen]]  # (line, quantity left, gross, line discount)
    reversals: list[Any]

    @property
    def items(self) -> Fen:
        return sum(gross for _line, _quantity, gross, _discount in self.dishes)

    @property
    def line_discounts(self) -> Fen:
        return sum(discount for _line, _quantity, _gross, discount in self.dishes)


def _price(lines: Sequence[Any]) -> _Priced:
    voided = {
        line.id for line in lines if line.kind == LineKind.ITEM and line.status == LineStatus.VOIDED
    }
    reversals_of: dict[int, list[Any]] = defaultdict(list)
    reversals = []
    for line in lines:
        if line.kind == LineKind.REVERSAL:
            reversals.append(line)
            reversals_of[line.reverses_id].append(line)
    dishes = []
    for line in lines:
        if line.kind != LineKind.ITEM:
            continue
        own = [line, *reversals_of.get(line.id, ())]
        charged = line.id not in voided
        priced = [priced_line(part, charged=charged) for part in own]
        quantity = sum(part.quantity_milli for part in own) if charged else 0
        dishes.append(
            (
                line,
                quantity,
                sum(p.gross for p in priced if p.charged),
                sum(p.line_discount for p in priced if p.charged),
            )
        )
    # a reversal of a line on another bill (moved after the void) still counts here
    ids = {line.id for line in lines}
    orphans = [r for r in reversals if r.reverses_id not in ids]
    for reversal in orphans:
        priced = priced_line(reversal)
        dishes.append((reversal, reversal.quantity_milli, priced.gross, priced.line_discount))
    return _Priced(dishes, reversals)


def _units(found: _Found) -> list[_Unit]:
    """The period's sales: each paid bill, and each even split with its shares paid here."""
    units: list[_Unit] = []
    shares_here: dict[int, list[Any]] = defaultdict(list)
    for bill in found.paid:
        if bill.share_of_total:
            shares_here[bill.split_from_id].append(bill)
            continue
        priced = _price(found.lines.get(bill.id, []))
        parts = _frozen_parts(bill, priced.line_discounts)
        units.append(_Unit(bill, [(bill, parts)], (1, 1), priced))
    for original_id, shares in shares_here.items():
        original = found.originals[original_id]
        priced = _price(found.lines.get(original_id, []))
        whole = _frozen_parts(original, priced.line_discounts)
        every = found.share_ids[original_id]
        amounts = split_evenly(original.total_fen, len(every))
        split = dict(zip(every, share_parts(whole, amounts), strict=True))
        pieces = [(share, split[share.id]) for share in sorted(shares, key=lambda s: s.id)]
        here = sum(share.total_fen for share in shares)
        units.append(_Unit(original, pieces, (here, original.total_fen), priced))
    units.sort(key=lambda unit: (unit.pieces[0][0].closed_at, unit.bill.id))
    return units


class _Lineage:
    """Which sale an audit entry's bill belongs to: the bill itself, its earlier revisions,
    the bills merged into it and the bill it was split from."""

    def __init__(self, found: _Found, units: list[_Unit]) -> None:
        self.owner: dict[int, int] = {}
        for unit in units:
            bill = unit.bill
            self.owner.setdefault(bill.id, bill.id)
            earlier = bill.revision_of_id
            while earlier is not None and earlier in found.ancestors:
                self.owner.setdefault(earlier, bill.id)
                earlier = found.ancestors[earlier].revision_of_id
            if bill.split_from_id is not None:
                self.owner.setdefault(bill.split_from_id, bill.id)
        for merged in found.merged:
            owner = self.owner.get(merged.merged_into_id)
            if owner is not None:
                self.owner.setdefault(merged.id, owner)

    def of(self, bill_id: int | None) -> int | None:
        return self.owner.get(bill_id) if bill_id is not None else None


def _detail(entry) -> dict[str, Any]:
    try:
        value = json.loads(entry.detail or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class _Audits:
    """Who authorised what: the audit entries of voids (found by what they voided),
    discounts (by the sale they belong to) and reopens (by the superseded receipt)."""

    def __init__(self, entries: Sequence[Any], lineage: _Lineage) -> None:
        self.voids: dict[tuple, Any] = {}
        self.discounts: dict[int, list[tuple[Any, str | None]]] = defaultdict(list)
        self.reopens: dict[int, Any] = {}
        for entry in sorted(entries, key=lambda e: e.at):
            detail = _detail(entry)
            if entry.action == "void":
                dish, quantity = detail.get("dish"), detail.get("quantity_milli")
                self.voids[(entry.at, entry.reason, dish, quantity)] = entry
                self.voids.setdefault((entry.at, entry.reason), entry)
            elif entry.action == "discount":
                owner = lineage.of(entry.bill_id)
                if owner is not None:
                    self.discounts[owner].append((entry, detail.get("dish")))
            elif entry.action == "reopen":
                self.reopens[entry.bill_id] = entry

    def void_of(self, reversal) -> Any | None:
        quantity = -reversal.quantity_milli
        return self.voids.get(
            (reversal.voided_at, reversal.void_reason, reversal.name_zh, quantity)
        ) or self.voids.get((reversal.voided_at, reversal.void_reason))

    def discount_of(self, owner: int, dish: str | None, before: datetime) -> Any | None:
        """The latest discount on this dish of the sale (None: on the whole bill)."""
        chosen = None
        for entry, on_dish in self.discounts.get(owner, []):
            if on_dish == dish and entry.at <= before:
                chosen = entry
        return chosen


class _Adder:
    """Adds up the period's sales one at a time, into every figure of the report."""

    def __init__(self, found: _Found, units: list[_Unit]) -> None:
        self.found = found
        self.staff = found.staff
        self.lineage = _Lineage(found, units)
        self.audits = _Audits(found.audits, self.lineage)
        self.parts: list[SaleParts] = []
        self.receipts = self.receipts_total = self.bills = self.guests = 0
        self.change = self.invoices = self.invoice_amount = self.items_from_lines = 0
        self.tender_count: dict[str, int] = defaultdict(int)
        self.tender_amount: dict[str, int] = defaultdict(int)
        self.comps: list[CompFigure] = []
        self.voids: list[VoidFigure] = []
        self.discounts: list[DiscountFigure] = []
        self.rooms: dict[int, _Tally] = defaultdict(lambda: _Tally(tables=set()))
        self.hours: dict[int, _Tally] = defaultdict(_Tally)
        self.waiters: dict[int | None, _Tally] = defaultdict(_Tally)
        self.dish_totals: dict[tuple, list[int]] = {}
        self.dish_lines: dict[tuple, Any] = {}
        self.tables_used: set[int] = set()
        self.merged_tables: dict[int, set[int]] = defaultdict(set)
        for merged in found.merged:
            owner = self.lineage.of(merged.merged_into_id)
            if owner is not None:
                self.merged_tables[owner].add(merged.table_id)
        for unit in units:
            self.add(unit)

    def table_name(self, table_id: int | None) -> str:
        return self.found.tables.get(table_id, ("", 0))[0] if table_id is not None else ""

    def room_of(self, table_id: int) -> int:
        return self.found.tables.get(table_id, ("", 0))[1]

    def name(self, staff_id: int | None) -> str:
        return self.staff.get(staff_id, "") if staff_id is not None else ""

    # -- one sale -----------------------------------------------------------------------

    def add(self, unit: _Unit) -> None:
        bill = unit.bill
        whole = add_parts([parts for _paid, parts in unit.pieces])
        self.parts.append(whole)
        self.bills += 1
        self.guests += bill.guests
        tables = {bill.table_id} | self.merged_tables.get(bill.id, set())
        self.tables_used |= tables
        for table_id in tables:
            self.rooms[self.room_of(table_id)].tables.add(table_id)
        for tally in (self.rooms[self.room_of(bill.table_id)], self.waiters[bill.waiter_id]):
            tally.bills += 1
            tally.guests += bill.guests
        for index, (paid, parts) in enumerate(unit.pieces):
            self._add_receipt(unit, paid, parts, first=index == 0)
        self._add_dishes(unit, whole)
        self._add_voids(unit)
        self._add_discounts(unit, whole)

    def _add_receipt(self, unit: _Unit, paid, parts: SaleParts, *, first: bool) -> None:
        """One paid bill of the sale: its money by room, waiter and hour, its tenders."""
        bill = unit.bill
        self.receipts += 1
        self.receipts_total += paid.total_fen
        self.change += paid.change_fen
        if paid.invoice_requested:
            self.invoices += 1
            self.invoice_amount += paid.total_fen
        hour = self.hours[paid.closed_at.hour]
        for tally in (self.rooms[self.room_of(bill.table_id)], self.waiters[bill.waiter_id], hour):
            tally.add(parts, paid.total_fen)
        if first:  # a sale paid in shares counts once, at its first payment
            hour.bills += 1
            hour.guests += bill.guests
        for tender in self.found.tenders.get(paid.id, []):
            self.tender_count[tender.method] += 1
            self.tender_amount[tender.method] += tender.amount_fen
            if tender.method == TenderMethod.COMP:
                self.comps.append(
                    CompFigure(
                        at=paid.closed_at,
                        table=self.table_name(paid.table_id),
                        receipt_no=paid.receipt_no,
                        amount=tender.amount_fen,
                        reason=tender.reference,
                        authorised_by=self.name(tender.authorised_by_id),
                    )
                )

    def _add_dishes(self, unit: _Unit, whole: SaleParts) -> None:
        """Every dish of the sale, or the period's part of an even split's dishes."""
        dishes = unit.priced.dishes
        numerator, denominator = unit.fraction
        if numerator == denominator:
            amounts = [amount for _line, _quantity, amount, _discount in dishes]
            quantities = [quantity for _line, quantity, _amount, _discount in dishes]
        else:
            full = [amount for _line, _quantity, amount, _discount in dishes]
            amounts = _part_of(full, numerator, denominator, whole.items)
            quantities = [q * numerator // denominator for _line, q, _amount, _d in dishes]
        self.items_from_lines += sum(amounts)
        for (line, _q, _a, _d), amount, quantity in zip(dishes, amounts, quantities, strict=True):
            key = (line.item_id,) if line.item_id is not None else (None, line.name_zh)
            totals = self.dish_totals.setdefault(key, [0, 0, 0, 0])
            weighed = self.found.items.get(line.item_id, (None, False))[1]
            totals[0] += quantity
            totals[1] += amount
            totals[2] += 1 if line.kind == LineKind.ITEM and quantity > 0 else 0
            totals[3] += (MILLI if quantity > 0 else 0) if weighed else quantity  # portions
            self.dish_lines.setdefault(key, line)

    def _add_voids(self, unit: _Unit) -> None:
        bill, first_paid = unit.bill, unit.pieces[0][0]
        for reversal in unit.priced.reversals:
            quantity = -reversal.quantity_milli
            audit = self.audits.void_of(reversal)
            amount = line_amount(reversal.unit_price_fen + reversal.surcharge_fen, quantity)
            self.voids.append(
                VoidFigure(
                    at=reversal.voided_at or first_paid.closed_at,
                    table=self.table_name(bill.table_id),
                    receipt_no=first_paid.receipt_no,
                    dish_zh=reversal.name_zh,
                    dish_en=reversal.name_en,
                    unit_zh=reversal.unit_zh,
                    unit_en=reversal.unit_en,
                    quantity_milli=quantity,
                    amount=amount,
                    reason=reversal.void_reason,
                    voided_by=self.name(audit.staff_id if audit else reversal.waiter_id),
                    authorised_by=self.name(audit.authorised_by_id) if audit else "",
                )
            )
            waiter = self.waiters[bill.waiter_id]
            waiter.voids += 1
            waiter.void_amount += amount

    def _add_discounts(self, unit: _Unit, whole: SaleParts) -> None:
        """The dishes' discounts and the bill's, with the reason and the manager; the
        period's part of them for an even split paid over several periods."""
        bill, first_paid = unit.bill, unit.pieces[0][0]
        given = [(line, discount) for line, _q, _a, discount in unit.priced.dishes if discount]
        amounts = [discount for _line, discount in given]
        if unit.fraction[0] != unit.fraction[1]:
            amounts = cumulative_split(whole.line_discounts, amounts)
        paid_at = first_paid.closed_at
        entries = [
            (line.name_zh, line.name_en, amount)
            for (line, _d), amount in zip(given, amounts, strict=True)
        ]
        if whole.bill_discounts:
            entries.append(("", "", whole.bill_discounts))
        for dish_zh, dish_en, amount in entries:
            audit = self.audits.discount_of(bill.id, dish_zh or None, paid_at)
            reason = audit.reason if audit else ""
            if not dish_zh and bill.discount_reason:
                reason = bill.discount_reason
            self.discounts.append(
                DiscountFigure(
                    at=paid_at,
                    table=self.table_name(bill.table_id),
                    receipt_no=first_paid.receipt_no,
                    dish_zh=dish_zh,
                    dish_en=dish_en,
                    amount=amount,
                    reason=reason,
                    authorised_by=self.name(audit.authorised_by_id) if audit else "",
                )
            )

    # -- the figures --------------------------------------------------------------------

    def reopened(self) -> tuple[ReopenFigure, ...]:
        figures = []
        for bill in sorted(self.found.reopened, key=lambda b: (b.business_day, b.receipt_no or 0)):
            audit = self.audits.reopens.get(bill.id)
            figures.append(
                ReopenFigure(
                    at=audit.at if audit else None,
                    business_day=bill.business_day,
                    receipt_no=bill.receipt_no,
                    table=self.table_name(bill.table_id),
                    total=bill.total_fen,
                    reason=audit.reason if audit else "",
                    authorised_by=self.name(audit.authorised_by_id) if audit else "",
                )
            )
        return tuple(figures)

    def dishes(self) -> tuple[DishFigure, ...]:
        """Every dish sold, highest amount first (a dish voided in full is not sold)."""
        dishes = []
        for key, (quantity, amount, orders, _portions) in self.dish_totals.items():
            if not (quantity or amount):
                continue
            line = self.dish_lines[key]
            dishes.append(
                DishFigure(
                    item_id=line.item_id,
                    name_zh=line.name_zh,
                    name_en=line.name_en,
                    category_id=self.found.items.get(line.item_id, (None, False))[0],
                    unit_zh=line.unit_zh,
                    unit_en=line.unit_en,
                    quantity_milli=quantity,
                    amount=amount,
                    orders=orders,
                )
            )
        dishes.sort(key=lambda d: (-d.amount, -d.quantity_milli, d.name_zh))
        return tuple(dishes)

    def categories(self) -> tuple[CategoryFigure, ...]:
        totals: dict[int | None, list[int]] = {}
        for key, (_quantity, amount, _orders, portions) in self.dish_totals.items():
            category_id = self.found.items.get(self.dish_lines[key].item_id, (None, False))[0]
            entry = totals.setdefault(category_id, [0, 0])
            entry[0] += portions
            entry[1] += amount
        names = self.found.categories
        figures = [
            CategoryFigure(
                category_id=category_id,
                name_zh=names.get(category_id, ("", "", 0))[0],
                name_en=names.get(category_id, ("", "", 0))[1],
                portions_milli=portions,
                amount=amount,
            )
            for category_id, (portions, amount) in totals.items()
            if portions or amount
        ]
        return tuple(sorted(figures, key=lambda c: (-c.amount, c.name_zh)))

    def waiter_figures(self, service: list[WaiterServiceFigures]) -> tuple[WaiterFigure, ...]:
        """Each waiter with bills or service steps in the period, highest sales first."""
        by_id = {figures.staff_id: figures for figures in service}
        ids = list(self.waiters) + [staff_id for staff_id in by_id if staff_id not in self.waiters]
        figures = []
        for staff_id in ids:
            tally = self.waiters.get(staff_id) or _Tally()
            figures.append(
                WaiterFigure(
                    staff_id=staff_id,
                    name=self.name(staff_id),
                    bills=tally.bills,
                    guests=tally.guests,
                    net_sales=tally.net_sales,
                    receipts=tally.receipts,
                    voids=tally.voids,
                    void_amount=tally.void_amount,
                    service=by_id.get(staff_id),
                )
            )
        figures.sort(key=lambda w: (-w.net_sales, w.staff_id is None, w.staff_id or 0))
        return tuple(figures)

    def room_figures(self) -> tuple[RoomFigure, ...]:
        rooms = self.found.rooms
        figures = [
            RoomFigure(
                room_id=room_id,
                name_zh=rooms.get(room_id, ("", "", 0))[0],
                name_en=rooms.get(room_id, ("", "", 0))[1],
                tables_used=len(tally.tables or ()),
                bills=tally.bills,
                guests=tally.guests,
                net_sales=tally.net_sales,
                fees=tally.fees,
                rounding=tally.rounding,
                receipts=tally.receipts,
            )
            for room_id, tally in self.rooms.items()
            if tally.bills or tally.receipts
        ]
        return tuple(
            sorted(figures, key=lambda r: (rooms.get(r.room_id, ("", "", 0))[2], r.room_id))
        )

    def hour_figures(self, day_starts: int) -> tuple[HourFigure, ...]:
        """By the hour the bills were paid, in the order of the business day."""
        return tuple(
            HourFigure(hour, tally.bills, tally.guests, tally.net_sales, tally.receipts)
            for hour, tally in sorted(self.hours.items(), key=lambda kv: (kv[0] - day_starts) % 24)
        )

    def tenders(self) -> tuple[TenderFigure, ...]:
        return tuple(
            TenderFigure(method.value, self.tender_count[method], self.tender_amount[method])
            for method in TenderMethod
            if self.tender_count.get(method)
        )


def _summarise(
    found: _Found,
    kind: ReportKind,
    first_day: date | None,
    last_day: date | None,
    start: datetime,
    end: datetime,
    made_at: datetime,
    service: list[WaiterServiceFigures],
) -> SalesSummary:
    adder = _Adder(found, _units(found))
    return SalesSummary(
        kind=kind,
        venue=found.venue,
        first_day=first_day,
        last_day=last_day,
        start=start,
        end=end,
        made_at=made_at,
        parts=add_parts(adder.parts),
        receipts=adder.receipts,
        receipts_total=adder.receipts_total,
        bills=adder.bills,
        guests=adder.guests,
        tables_used=len(adder.tables_used),
        tenders=adder.tenders(),
        change=adder.change,
        comps=tuple(adder.comps),
        voids=tuple(sorted(adder.voids, key=lambda v: v.at)),
        discounts_given=tuple(adder.discounts),
        reopened=adder.reopened(),
        rooms=adder.room_figures(),
        hours=adder.hour_figures(start.hour),
        dishes=adder.dishes(),
        categories=adder.categories(),
        waiters=adder.waiter_figures(service),
        invoices=adder.invoices,
        invoice_amount=adder.invoice_amount,
        items_from_lines=adder.items_from_lines,
    )


def _part_of(amounts: list[Fen], numerator: int, denominator: int, gross: Fen) -> list[Fen]:
    """The period's part of each dish of an even split paid over several periods; the
    largest dish takes the odd fen so that the dishes add up to the period's gross."""
    parts = [amount * numerator // denominator for amount in amounts]
    if parts:
        largest = max(range(len(parts)), key=lambda index: amounts[index])
        parts[largest] += gross - sum(parts)
    return parts


# ---------------------------------------------------------------- the printed report

TITLE_DAY = N_("Day report {day}")
TITLE_PERIOD = N_("Report {first} – {last}")
TITLE_SHIFT_Z = N_("Shift report Z-{number}")
TITLE_SHIFT_X = N_("Shift report (X) {terminal}")
NO_WAITER = N_("No waiter")
BILL_DISCOUNT = N_("Whole-bill discount")
RECONCILED = N_("Reconciled to the fen")
NOT_RECONCILED = N_("Does not reconcile: {checks}")

L_GROSS = N_("Gross sales")
L_OPTIONS = N_("of which options")
L_LINE_DISCOUNTS = N_("Dish discounts")
L_BILL_DISCOUNTS = N_("Bill discounts")
L_NET = N_("Net sales")
L_SEAT = N_("Seat fees")
L_ROOM = N_("Room fees")
L_TOPUP = N_("Minimum-spend top-ups")
L_SERVICE = N_("Service charge")
L_ROUNDING = N_("Rounding")
L_RECEIPTS_TOTAL = N_("Receipts total")
L_TENDERED = N_("Payments")
L_CHANGE = N_("Change given")
L_CASH_NET = N_("Cash kept")
L_COMPS = N_("Comps")
L_VOIDS = N_("Voids")
L_VOID_AMOUNT = N_("Voided amount")
L_BILLS = N_("Bills")
L_RECEIPTS = N_("Receipts issued")
L_GUESTS = N_("Guests")
L_PER_GUEST = N_("Average per guest")
L_PER_BILL = N_("Average per bill")
L_TABLES_USED = N_("Tables used")
L_TURNS = N_("Table turns")
L_INVOICES = N_("Invoices requested")
L_INVOICE_AMOUNT = N_("Invoiced amount")
L_REOPENED = N_("Reopened receipts")
L_CHECK = N_("Check")

T_RECONCILIATION = N_("Reconciliation")
T_TENDERS = N_("Payments by method")
T_ROOMS = N_("By room")
T_HOURS = N_("By hour")
T_DISHES = N_("Top dishes")
T_ALL_DISHES = N_("Dishes")
T_CATEGORIES = N_("Categories")
T_WAITERS = N_("Waiters")
T_SERVICE = N_("Service steps by waiter (times in minutes)")
T_VOIDS = N_("Voids")
T_DISCOUNTS = N_("Discounts")
T_COMPS = N_("Comps")
T_REOPENED = N_("Reopened receipts")
T_DRAWER = N_("Cash drawer")
T_SUMMARY = N_("Summary")
T_ADJUSTMENTS = N_("Voids, discounts, comps and reopened receipts")

C_METHOD = N_("Method")
C_COUNT = N_("No. of payments")
C_AMOUNT = N_("Amount")
C_ROOM = N_("Room")
C_HOUR = N_("Hour")
C_DISH = N_("Dish")
C_CATEGORY = N_("Category")
C_QUANTITY = N_("Quantity")
C_PORTIONS = N_("Portions")
C_ORDERS = N_("Orders")
C_WAITER = N_("Waiter")
C_TIME = N_("Time")
C_TABLE = N_("Table")
C_RECEIPT = N_("Receipt")
C_REASON = N_("Reason")
C_VOIDED_BY = N_("Voided by")
C_AUTHORISED_BY = N_("Authorised by")
C_DAY = N_("Business day")
C_FEES = N_("Fees")
C_SHOULD_BE = N_("Should be")
C_FIGURE = N_("Figure")
C_VALUE = N_("Value")
C_DUE = N_("Due")
C_DONE = N_("Done")
C_LATE = N_("Late")
C_SKIPPED = N_("Skipped")
C_MISSED = N_("Missed")
C_SEAT_TO_ORDER = N_("Seat→order")
C_ORDER_TO_DISH = N_("Order→dish")
C_DISH_LEAD = N_("Dish lead")
C_VISIT_GAP = N_("Visit gap")
C_OK = N_("Agrees")
C_KIND = N_("Kind")
C_WHAT = N_("What")
C_BY = N_("By")
K_VOID = N_("Void")
K_DISCOUNT = N_("Discount")
K_COMP = N_("Comp")
K_REOPEN = N_("Reopened")
RECEIPT_NO = N_("Receipt No. {number}")
C_YES = N_("Yes")
C_NO = N_("No")

D_FLOAT = N_("Opening float")
D_CASH_IN = N_("Cash in")
D_CASH_OUT = N_("Cash out")
D_CASH = N_("Cash payments")
D_GIVEN_BACK = N_("Given back for reopened receipts")
D_EXPECTED = N_("Expected in the drawer")
D_COUNTED = N_("Counted")
D_OVER_SHORT = N_("Over / short")
D_OPENED = N_("Opened")
D_CLOSED = N_("Closed")
D_TERMINAL = N_("Terminal")


def report_title(summary: SalesSummary, language: Language) -> str:
    text = language.gettext
    if summary.kind is ReportKind.SHIFT and summary.shift is not None:
        if summary.shift.z_no is not None:
            return text(TITLE_SHIFT_Z).format(number=f"{summary.shift.z_no:04d}")
        return text(TITLE_SHIFT_X).format(terminal=summary.shift.terminal)
    if summary.kind is ReportKind.DAY and summary.first_day is not None:
        return text(TITLE_DAY).format(day=summary.first_day.isoformat())
    first = summary.first_day.isoformat() if summary.first_day else ""
    last = summary.last_day.isoformat() if summary.last_day else ""
    return text(TITLE_PERIOD).format(first=first, last=last)


def report_period(summary: SalesSummary, language: Language) -> str:
    return f"{language.datetime(summary.start)} – {language.datetime(summary.end)}"


def waiter_name(figure: WaiterFigure, language: Language) -> str:
    return figure.name or language.gettext(NO_WAITER)


def tender_label(method: str, language: Language) -> str:
    return language.gettext(TENDER_LABELS[TenderMethod(method)])


def hour_label(hour: int) -> str:
    return f"{hour:02d}:00"


def reconciliation_text(summary: SalesSummary, language: Language) -> str:
    """ "Reconciled to the fen", or which checks fail."""
    check = summary.reconciles
    if check:
        return language.gettext(RECONCILED)
    names = "; ".join(language.gettext(c.name) for c in check.mismatches)
    return language.gettext(NOT_RECONCILED).format(checks=names)


def headline(
    summary: SalesSummary, language: Language, formats: Formats | None = None
) -> list[tuple[str, str]]:
    """The headline figures as (label, value) in the report's order."""
    text = language.gettext
    f = formats or screen_formats(summary, language)
    money, number = f.money, f.number
    parts = summary.parts

    def maybe_money(value: Fen | None) -> str:
        return f.missing if value is None else money(value)

    turns = summary.table_turns
    return [
        (text(L_GROSS), money(parts.gross)),
        (text(L_OPTIONS), money(parts.options)),
        (text(L_LINE_DISCOUNTS), money(-parts.line_discounts)),
        (text(L_BILL_DISCOUNTS), money(-parts.bill_discounts)),
        (text(L_NET), money(parts.net_sales)),
        (text(L_SEAT), money(parts.seat_fees)),
        (text(L_ROOM), money(parts.room_fees)),
        (text(L_TOPUP), money(parts.minimum_topups)),
        (text(L_SERVICE), money(parts.service_charge)),
        (text(L_ROUNDING), money(parts.rounding)),
        (text(L_RECEIPTS_TOTAL), money(summary.receipts_total)),
        (text(L_TENDERED), money(summary.tendered)),
        (text(L_CHANGE), money(summary.change)),
        (text(L_CASH_NET), money(summary.cash_net)),
        (text(L_COMPS), money(summary.comp_amount)),
        (text(L_VOIDS), number(summary.void_count)),
        (text(L_VOID_AMOUNT), money(summary.void_amount)),
        (text(L_BILLS), number(summary.bills)),
        (text(L_RECEIPTS), number(summary.receipts)),
        (text(L_GUESTS), number(summary.guests)),
        (text(L_PER_GUEST), maybe_money(summary.average_per_guest)),
        (text(L_PER_BILL), maybe_money(summary.average_per_bill)),
        (text(L_TABLES_USED), number(summary.tables_used)),
        (text(L_TURNS), f.missing if turns is None else number(turns)),
        (text(L_INVOICES), number(summary.invoices)),
        (text(L_INVOICE_AMOUNT), money(summary.invoice_amount)),
        (text(L_REOPENED), number(len(summary.reopened))),
        (text(L_CHECK), reconciliation_text(summary, language)),
    ]


@dataclass(frozen=True)
class ReportTables:
    """Every table of a report, each already in words and figures of one language."""

    reconciliation: SummaryTable
    tenders: SummaryTable
    rooms: SummaryTable
    hours: SummaryTable
    dishes: SummaryTable
    categories: SummaryTable
    waiters: SummaryTable
    service: SummaryTable
    voids: SummaryTable
    discounts: SummaryTable
    comps: SummaryTable
    reopened: SummaryTable
    adjustments: SummaryTable  # voids, discounts, comps and reopens in one list (screen)
    drawer: SummaryTable | None

    def printed(self) -> tuple[SummaryTable, ...]:
        """The tables of the PDF and the CSV, in their order."""
        tables = (
            self.reconciliation,
            self.tenders,
            self.rooms,
            self.hours,
            self.dishes,
            self.categories,
            self.waiters,
            self.service,
            self.voids,
            self.discounts,
            self.comps,
            self.reopened,
        )
        return tables + ((self.drawer,) if self.drawer is not None else ())


@dataclass(frozen=True)
class Formats:
    """How a table shows amounts, numbers, quantities and times: for people (the screen
    and the PDF) or for a spreadsheet (plain numbers)."""

    money: Callable[[Fen], str]
    number: Callable[[int | Decimal], str]
    quantity: Callable[[int, str], str]
    when: Callable[[datetime], str]
    missing: str = "—"  # a figure that cannot be worked out (an average of nothing)


def screen_formats(summary: SalesSummary, language: Language) -> Formats:
    """Amounts as the locale writes them; times of day, or date and time over several days."""

    def when(moment: datetime) -> str:
        if summary.kind is ReportKind.PERIOD:
            return language.datetime(moment)
        return language.time(moment)

    return Formats(language.money, language.number, language.quantity, when)


def report_tables(
    summary: SalesSummary,
    language: Language,
    formats: Formats | None = None,
    *,
    all_dishes: bool = True,
) -> ReportTables:
    """Every table of the report in ``language`` (the PDF prints the top dishes only)."""
    text, pick = language.gettext, language.pick
    f = formats or screen_formats(summary, language)
    money, number, quantity, when = f.money, f.number, f.quantity, f.when

    def columns(*names: str) -> tuple[str, ...]:
        return tuple(text(name) for name in names)

    def receipt(no: int | None) -> str:
        return "" if no is None else str(no)

    def minutes(value: float | None) -> str:
        return "" if value is None else number(Decimal(str(value)))

    def maybe_money(value: Fen | None) -> str:
        return "" if value is None else money(value)

    reconciliation = SummaryTable(
        text(T_RECONCILIATION),
        columns(L_CHECK, C_VALUE, C_SHOULD_BE, C_OK),
        tuple(
            (
                text(c.name),
                money(c.left) if c.money else number(c.left),
                money(c.right) if c.money else number(c.right),
                text(C_YES if c.ok else C_NO),
            )
            for c in summary.reconciles.checks
        ),
    )
    tenders = SummaryTable(
        text(T_TENDERS),
        columns(C_METHOD, C_COUNT, C_AMOUNT),
        tuple(
            (tender_label(t.method, language), number(t.count), money(t.amount))
            for t in summary.tenders
        ),
    )
    rooms = SummaryTable(
        text(T_ROOMS),
        columns(
            C_ROOM,
            L_TABLES_USED,
            L_BILLS,
            L_GUESTS,
            L_TURNS,
            L_NET,
            C_FEES,
            L_ROUNDING,
            L_RECEIPTS_TOTAL,
        ),
        tuple(
            (
                pick(r.name_zh, r.name_en),
                number(r.tables_used),
                number(r.bills),
                number(r.guests),
                "" if r.turns is None else number(r.turns),
                money(r.net_sales),
                money(r.fees),
                money(r.rounding),
                money(r.receipts),
            )
            for r in summary.rooms
        ),
    )
    hours = SummaryTable(
        text(T_HOURS),
        columns(C_HOUR, L_BILLS, L_GUESTS, L_NET, L_RECEIPTS_TOTAL),
        tuple(
            (
                hour_label(h.hour),
                number(h.bills),
                number(h.guests),
                money(h.net_sales),
                money(h.receipts),
            )
            for h in summary.hours
        ),
    )
    category_names = {c.category_id: pick(c.name_zh, c.name_en) for c in summary.categories}
    shown = summary.dishes if all_dishes else summary.dishes[:TOP_DISHES_PRINTED]
    dishes = SummaryTable(
        text(T_ALL_DISHES if all_dishes else T_DISHES),
        columns(C_DISH, C_CATEGORY, C_QUANTITY, C_ORDERS, C_AMOUNT),
        tuple(
            (
                pick(d.name_zh, d.name_en),
                category_names.get(d.category_id, ""),
                quantity(d.quantity_milli, pick(d.unit_zh, d.unit_en)),
                number(d.orders),
                money(d.amount),
            )
            for d in shown
        ),
    )
    categories = SummaryTable(
        text(T_CATEGORIES),
        columns(C_CATEGORY, C_PORTIONS, C_AMOUNT),
        tuple(
            (pick(c.name_zh, c.name_en), quantity(c.portions_milli, ""), money(c.amount))
            for c in summary.categories
        ),
    )
    waiters = SummaryTable(
        text(T_WAITERS),
        columns(
            C_WAITER,
            L_BILLS,
            L_GUESTS,
            L_NET,
            L_RECEIPTS_TOTAL,
            L_PER_GUEST,
            L_VOIDS,
            L_VOID_AMOUNT,
        ),
        tuple(
            (
                waiter_name(w, language),
                number(w.bills),
                number(w.guests),
                money(w.net_sales),
                money(w.receipts),
                maybe_money(w.average_per_guest),
                number(w.voids),
                money(w.void_amount),
            )
            for w in summary.waiters
        ),
    )
    service = SummaryTable(
        text(T_SERVICE),
        columns(
            C_WAITER,
            C_DUE,
            C_DONE,
            C_LATE,
            C_SKIPPED,
            C_MISSED,
            C_SEAT_TO_ORDER,
            C_ORDER_TO_DISH,
            C_DISH_LEAD,
            C_VISIT_GAP,
        ),
        tuple(
            (
                waiter_name(w, language),
                number(w.service.due),
                number(w.service.done),
                number(w.service.late),
                number(w.service.skipped),
                number(w.service.missed),
                minutes(w.service.seat_to_order_minutes),
                minutes(w.service.order_to_first_dish_minutes),
                minutes(w.service.dish_lead_minutes_median),
                minutes(w.service.longest_visit_gap_minutes),
            )
            for w in summary.waiters
            if w.service is not None
        ),
    )
    voids = SummaryTable(
        text(T_VOIDS),
        columns(
            C_TIME,
            C_TABLE,
            C_DISH,
            C_QUANTITY,
            C_AMOUNT,
            C_REASON,
            C_VOIDED_BY,
            C_AUTHORISED_BY,
        ),
        tuple(
            (
                when(v.at),
                v.table,
                pick(v.dish_zh, v.dish_en),
                quantity(v.quantity_milli, pick(v.unit_zh, v.unit_en)),
                money(v.amount),
                v.reason,
                v.voided_by,
                v.authorised_by,
            )
            for v in summary.voids
        ),
    )

    def discounted(d: DiscountFigure) -> str:
        return pick(d.dish_zh, d.dish_en) if d.dish_zh else text(BILL_DISCOUNT)

    discounts = SummaryTable(
        text(T_DISCOUNTS),
        columns(C_TIME, C_TABLE, C_RECEIPT, C_DISH, C_AMOUNT, C_REASON, C_AUTHORISED_BY),
        tuple(
            (
                when(d.at),
                d.table,
                receipt(d.receipt_no),
                discounted(d),
                money(d.amount),
                d.reason,
                d.authorised_by,
            )
            for d in summary.discounts_given
        ),
    )
    comps = SummaryTable(
        text(T_COMPS),
        columns(C_TIME, C_TABLE, C_RECEIPT, C_AMOUNT, C_REASON, C_AUTHORISED_BY),
        tuple(
            (when(c.at), c.table, receipt(c.receipt_no), money(c.amount), c.reason, c.authorised_by)
            for c in summary.comps
        ),
    )
    reopened = SummaryTable(
        text(T_REOPENED),
        columns(C_DAY, C_RECEIPT, C_TABLE, C_AMOUNT, C_TIME, C_REASON, C_AUTHORISED_BY),
        tuple(
            (
                r.business_day.isoformat() if r.business_day else "",
                receipt(r.receipt_no),
                r.table,
                money(r.total),
                when(r.at) if r.at else "",
                r.reason,
                r.authorised_by,
            )
            for r in summary.reopened
        ),
    )
    adjustments = SummaryTable(
        text(T_ADJUSTMENTS),
        columns(C_KIND, C_TIME, C_TABLE, C_WHAT, C_AMOUNT, C_REASON, C_BY, C_AUTHORISED_BY),
        tuple(
            [
                (
                    text(K_VOID),
                    when(v.at),
                    v.table,
                    f"{pick(v.dish_zh, v.dish_en)} × "
                    f"{quantity(v.quantity_milli, pick(v.unit_zh, v.unit_en))}",
                    money(v.amount),
                    v.reason,
                    v.voided_by,
                    v.authorised_by,
                )
                for v in summary.voids
            ]
            + [
                (
                    text(K_DISCOUNT),
                    when(d.at),
                    d.table,
                    discounted(d),
                    money(d.amount),
                    d.reason,
                    "",
                    d.authorised_by,
                )
                for d in summary.discounts_given
            ]
            + [
                (
                    text(K_COMP),
                    when(c.at),
                    c.table,
                    "",
                    money(c.amount),
                    c.reason,
                    "",
                    c.authorised_by,
                )
                for c in summary.comps
            ]
            + [
                (
                    text(K_REOPEN),
                    when(r.at) if r.at else "",
                    r.table,
                    text(RECEIPT_NO).format(number=receipt(r.receipt_no)),
                    money(r.total),
                    r.reason,
                    "",
                    r.authorised_by,
                )
                for r in summary.reopened
            ]
        ),
    )
    drawer = (
        _drawer_table(summary.shift, language, money, when) if summary.shift is not None else None
    )
    return ReportTables(
        reconciliation=reconciliation,
        tenders=tenders,
        rooms=rooms,
        hours=hours,
        dishes=dishes,
        categories=categories,
        waiters=waiters,
        service=service,
        voids=voids,
        discounts=discounts,
        comps=comps,
        reopened=reopened,
        adjustments=adjustments,
        drawer=drawer,
    )


def _drawer_table(
    shift: ShiftInfo,
    language: Language,
    money: Callable[[Fen], str],
    when: Callable[[datetime], str],
) -> SummaryTable:
    text = language.gettext
    drawer = shift.drawer
    rows = [
        (text(D_TERMINAL), shift.terminal),
        (text(D_OPENED), f"{when(shift.opened_at)} {shift.opened_by}".strip()),
    ]
    if shift.closed_at is not None:
        rows.append((text(D_CLOSED), f"{when(shift.closed_at)} {shift.closed_by}".strip()))
    rows += [
        (text(D_FLOAT), money(drawer.float_fen)),
        (text(D_CASH_IN), money(drawer.cash_in_fen)),
        (text(D_CASH_OUT), money(-drawer.cash_out_fen)),
        (text(D_CASH), money(drawer.cash_taken_fen)),
        (text(L_CHANGE), money(-drawer.change_fen)),
        (text(D_GIVEN_BACK), money(-drawer.given_back_fen)),
        (text(D_EXPECTED), money(shift.expected)),
    ]
    if shift.counted is not None:
        rows.append((text(D_COUNTED), money(shift.counted)))
    if shift.over_short is not None:
        rows.append((text(D_OVER_SHORT), money(shift.over_short)))
    return SummaryTable(text(T_DRAWER), (text(C_FIGURE), text(C_VALUE)), tuple(rows))


def summary_document(summary: SalesSummary, language: Language) -> ShiftSummaryDocument:
    """The report as ``app.printing.summary.render_shift_summary`` prints it."""
    venue = summary.venue
    tables = report_tables(summary, language, all_dishes=False)
    return ShiftSummaryDocument(
        language=language.code,
        venue=VenueHeader(
            name=language.pick(venue.name_zh, venue.name_en),
            address=venue.address,
            phone=venue.phone,
            tax_id=venue.tax_id,
            footer="",
        ),
        title=report_title(summary, language),
        period=report_period(summary, language),
        printed_at=summary.made_at,
        figures=tuple(SummaryRow(label, value) for label, value in headline(summary, language)),
        tables=tables.printed(),
    )


# ---------------------------------------------------------------- the spreadsheet

CSV_BOM = "\ufeff"


def _yuan(fen: Fen) -> str:
    """An amount for a spreadsheet: plain yuan with two decimals (−12.30), no symbol."""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def _plain_number(value: int | Decimal) -> str:
    return str(value)


def _plain_quantity(milli: int, unit: str) -> str:
    value = Decimal(milli) / MILLI
    text = format(value.normalize(), "f") if value else "0"
    return f"{text} {unit}".strip() if unit else text


def summary_csv(summary: SalesSummary, language: Language) -> str:
    """The report for Excel: UTF-8 with a BOM, one block per section (its title, a header
    row, the rows, a blank line); amounts in plain yuan so a spreadsheet can add them up.
    Every figure of the report is in it, every dish too."""
    text = language.gettext
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([report_title(summary, language)])
    writer.writerow(
        [
            language.pick(summary.venue.name_zh, summary.venue.name_en),
            summary.start.isoformat(sep=" ", timespec="minutes"),
            summary.end.isoformat(sep=" ", timespec="minutes"),
        ]
    )
    writer.writerow([])
    writer.writerow([text(T_SUMMARY)])
    writer.writerow([text(C_FIGURE), text(C_VALUE)])

    def when(moment: datetime) -> str:
        return moment.isoformat(sep=" ", timespec="minutes")

    plain = Formats(_yuan, _plain_number, _plain_quantity, when, missing="")
    for label, value in headline(summary, language, plain):
        writer.writerow([label, value])
    writer.writerow([])
    for table in report_tables(summary, language, plain).printed():
        writer.writerow([table.title])
        writer.writerow(table.columns)
        writer.writerows(table.rows)
        writer.writerow([])
    return CSV_BOM + buffer.getvalue()
