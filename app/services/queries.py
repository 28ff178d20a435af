"""Read models for the screens: the floor snapshot, a bill with its breakdown, the menu."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from app.domain.billing import Breakdown
from app.domain.table_state import TableState
from app.services.bills import (
    BillStatus,
    LineKind,
    bill_parts,
    breakdown,
    get_bill,
    priced_line,
)
from app.services.context import Context
from db.models import Bill, DiningTable, MenuCategory, MenuItem, OrderLine, Room, Staff


@dataclass(frozen=True)
class TableTile:
    """What one table shows on the floor plan."""

    table_id: int
    room_id: int
    name: str
    seats: int
    shape: str
    x: int
    y: int
    width: int
    height: int
    state: TableState
    state_since: datetime | None
    guests: int
    waiter: str
    seated_at: datetime | None
    amount_fen: int  # dishes so far, after voids, before fees
    bill_ids: tuple[int, ...]
    unserved: int
    hurried: int
    oldest_unserved_sent_at: datetime | None
    merged_into_table: str = ""


@dataclass(frozen=True)
class RoomTab:
    room_id: int
    code: str
    kind: str
    name_zh: str
    name_en: str


def rooms(ctx: Context) -> list[RoomTab]:
    with ctx.reading() as session:
        return [
            RoomTab(r.id, r.code, r.kind, r.name_zh, r.name_en)
            for r in session.scalars(
                select(Room).where(Room.active.is_(True)).order_by(Room.sort_order, Room.id)
            )
        ]


# sum of per-line amounts rounded half away from zero, done in SQL over open bills
_gross = OrderLine.quantity_milli * (OrderLine.unit_price_fen + OrderLine.surcharge_fen)
_line_amount = case(
    (_gross >= 0, (_gross + 500) // 1000),
    else_=-((-_gross + 500) // 1000),
)


def floor_snapshot(ctx: Context) -> list[TableTile]:
    """Every table with its state, guests, waiter, time seated and amount so far: three
    indexed queries, whatever the size of the history."""
    with ctx.reading() as session:
        tables = session.scalars(
            select(DiningTable).where(DiningTable.active.is_(True)).order_by(DiningTable.sort_order)
        ).all()
        columns = select(
            Bill.id,
            Bill.table_id,
            Bill.guests,
            Bill.opened_at,
            Staff.name,
            Bill.status,
            Bill.merged_into_id,
        ).outerjoin(Staff, Staff.id == Bill.waiter_id)
        bills = session.execute(columns.where(Bill.status == BillStatus.OPEN)).all()
        open_ids = [b.id for b in bills]
        if open_ids:
            # only merges into a bill still open (a settled merge stays "merged" for good),
            # found through ix_bill_merged_into_id, not among every merged bill ever
            bills += [
                bill
                for bill in session.execute(columns.where(Bill.merged_into_id.in_(open_ids)))
                if bill.status == BillStatus.MERGED
            ]
        sums = {}
        if open_ids:
            sums = {
                row.bill_id: row
                for row in session.execute(
                    select(
                        OrderLine.bill_id,
                        func.sum(
                            case((OrderLine.kind != LineKind.COMPONENT, _line_amount), else_=0)
                        ).label("amount"),
                        func.sum(case((OrderLine.status.in_(("sent", "held")), 1), else_=0)).label(
                            "unserved"
                        ),
                        func.sum(
                            case(
                                ((OrderLine.status == "sent") & (OrderLine.hurry_count > 0), 1),
                                else_=0,
                            )
                        ).label("hurried"),
                        func.min(
                            case((OrderLine.status == "sent", OrderLine.sent_at), else_=None)
                        ).label("oldest"),
                    )
                    .where(OrderLine.bill_id.in_(open_ids))
                    .group_by(OrderLine.bill_id)
                )
            }
    by_table: dict[int, list] = {}
    for bill in bills:
        by_table.setdefault(bill.table_id, []).append(bill)
    names = {table.id: table.name for table in tables}
    table_of_bill = {bill.id: bill.table_id for bill in bills}
    tiles = []
    for table in tables:
        own = [b for b in by_table.get(table.id, []) if b.status == BillStatus.OPEN]
        merged = [b for b in by_table.get(table.id, []) if b.status == BillStatus.MERGED]
        agg = [sums[b.id] for b in own if b.id in sums]
        oldest = [a.oldest for a in agg if a.oldest is not None]
        tiles.append(
            TableTile(
                table_id=table.id,
                room_id=table.room_id,
                name=table.name,
                seats=table.seats,
                shape=table.shape,
                x=table.x,
                y=table.y,
                width=table.width,
                height=table.height,
                state=TableState(table.state),
                state_since=table.state_since,
                guests=sum(b.guests for b in own),
                waiter=own[0].name or "" if own else "",
                seated_at=min((b.opened_at for b in own), default=None),
                amount_fen=int(sum(a.amount or 0 for a in agg)),
                bill_ids=tuple(b.id for b in own),
                unserved=int(sum(a.unserved or 0 for a in agg)),
                hurried=int(sum(a.hurried or 0 for a in agg)),
                oldest_unserved_sent_at=min(oldest) if oldest else None,
                merged_into_table=names.get(table_of_bill.get(merged[0].merged_into_id), "")
                if merged
                else "",
            )
        )
    return tiles


@dataclass(frozen=True)
class LineView:
    line_id: int
    kind: str
    name_zh: str
    name_en: str
    unit_zh: str
    unit_en: str
    course: str
    quantity_milli: int
    unit_price_fen: int
    surcharge_fen: int
    amount_fen: int
    options: tuple[tuple[str, str, int], ...]  # name_zh, name_en, surcharge
    note: str
    status: str
    parent_line_id: int | None
    reverses_id: int | None
    station_id: int | None
    sent_at: datetime | None
    served_at: datetime | None
    hurry_count: int
    void_reason: str


@dataclass(frozen=True)
class BillView:
    bill_id: int
    version: int
    status: str
    table_id: int
    table_name: str
    guests: int
    waiter: str
    opened_at: datetime
    closed_at: datetime | None
    receipt_no: int | None
    business_day: object
    lines: tuple[LineView, ...]
    breakdown: Breakdown
    tenders: tuple[tuple[str, int, str], ...]  # method, amount, signer
    change_fen: int
    invoice_requested: bool
    revision: int
    share_of_total: bool
    rounding_mode: str | None = None  # None: the venue's rule
    custom_rounding_fen: int = 0


def bill_view(ctx: Context, bill_id: int) -> BillView:
    """A bill as the order and payment screens show it; figures frozen once closed."""
    now = ctx.now()
    with ctx.reading() as session:
        bill = get_bill(session, bill_id)
        lines = session.scalars(
            select(OrderLine)
            .where(OrderLine.bill_id == bill.id)
            .options(selectinload(OrderLine.options))
            .order_by(OrderLine.id)
        ).all()
        parts = bill_parts(session, bill, now)
        return BillView(
            bill_id=bill.id,
            version=bill.version,
            status=bill.status,
            table_id=bill.table_id,
            table_name=bill.table.name,
            guests=bill.guests,
            waiter=bill.waiter.name if bill.waiter else "",
            opened_at=bill.opened_at,
            closed_at=bill.closed_at,
            receipt_no=bill.receipt_no,
            business_day=bill.business_day,
            lines=tuple(
                LineView(
                    line_id=l.id,
                    kind=l.kind,
                    name_zh=l.name_zh,
                    name_en=l.name_en,
                    unit_zh=l.unit_zh,
                    unit_en=l.unit_en,
                    course=l.course,
                    quantity_milli=l.quantity_milli,
                    unit_price_fen=l.unit_price_fen,
                    surcharge_fen=l.surcharge_fen,
                    amount_fen=priced_line(l).gross if l.kind != LineKind.COMPONENT else 0,
                    options=tuple((o.name_zh, o.name_en, o.surcharge_fen) for o in l.options),
                    note=l.note,
                    status=l.status,
                    parent_line_id=l.parent_line_id,
                    reverses_id=l.reverses_id,
                    station_id=l.station_id,
                    sent_at=l.sent_at,
                    served_at=l.served_at,
                    hurry_count=l.hurry_count,
                    void_reason=l.void_reason,
                )
                for l in lines  # noqa: E741
            ),
            breakdown=parts,
            tenders=tuple((t.method, t.amount_fen, t.signer) for t in bill.tenders),
            change_fen=bill.change_fen,
            invoice_requested=bill.invoice_requested,
            revision=bill.revision,
            share_of_total=bill.share_of_total,
            rounding_mode=bill.rounding_mode,
            custom_rounding_fen=bill.custom_rounding_fen,
        )


@dataclass(frozen=True)
class MenuEntry:
    item_id: int
    code: str
    category_id: int
    name_zh: str
    name_en: str
    price_fen: int
    unit_zh: str
    unit_en: str
    sold_out: bool
    weighed: bool
    market_price: bool
    is_set_meal: bool
    pinyin_initials: str
    has_options: bool


def menu(ctx: Context) -> tuple[list[tuple[int, str, str]], list[MenuEntry]]:
    """Categories (id, zh, en) and active items in display order."""
    with ctx.reading() as session:
        categories = [
            (c.id, c.name_zh, c.name_en)
            for c in session.scalars(select(MenuCategory).order_by(MenuCategory.sort_order))
        ]
        items = session.scalars(
            select(MenuItem)
            .where(MenuItem.active.is_(True))
            .options(selectinload(MenuItem.option_groups))
            .order_by(MenuItem.sort_order)
        ).all()
        return categories, [
            MenuEntry(
                i.id,
                i.code,
                i.category_id,
                i.name_zh,
                i.name_en,
                i.price_fen,
                i.unit_zh,
                i.unit_en,
                i.sold_out,
                i.weighed,
                i.market_price,
                i.is_set_meal,
                i.pinyin_initials,
                bool(i.option_groups),
            )
            for i in items
        ]


def search_menu(entries: list[MenuEntry], typed: str) -> list[MenuEntry]:
    """Dishes whose pinyin initials or code start with the typed letters (gbjd → 宫保鸡丁),
    or whose name contains them."""
    key = typed.strip().lower()
    if not key:
        return list(entries)
    return [
        e
        for e in entries
        if e.pinyin_initials.startswith(key)
        or e.code.lower().startswith(key)
        or key in e.name_zh
        or key in e.name_en.lower()
    ]


@dataclass(frozen=True)
class RecentBill:
    """A bill in the history list: open ones first (live total), then the latest closed."""

    bill_id: int
    receipt_no: int | None
    table: str
    total_fen: int
    at: datetime
    status: str


def recent_bills(ctx: Context, *, limit: int = 50) -> list[RecentBill]:
    """Open bills with their total so far, then the latest paid or reopened bills."""
    now = ctx.now()
    with ctx.reading() as session:
        open_bills = session.scalars(
            select(Bill).where(Bill.status == BillStatus.OPEN).order_by(Bill.opened_at.desc())
        ).all()
        rows = [
            RecentBill(
                b.id, None, b.table.name, breakdown(session, b, now).total, b.opened_at, b.status
            )
            for b in open_bills
        ]
        closed = session.scalars(
            select(Bill)
            .where(Bill.status.in_((BillStatus.PAID, BillStatus.REOPENED)))
            .order_by(Bill.closed_at.desc())
            .limit(max(0, limit - len(rows)))
        ).all()
        rows += [
            RecentBill(
                b.id, b.receipt_no, b.table.name, b.total_fen, b.closed_at or b.opened_at, b.status
            )
            for b in closed
        ]
        return rows
