"""What the dining-flow actions share: finding a bill in a state that allows the action,
its breakdown from the venue's rules, and the table state that follows from its bills."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session, aliased, object_session
from sqlalchemy.orm.attributes import flag_modified

from app.domain.billing import (
    BillRules,
    Breakdown,
    Discount,
    DiscountKind,
    PricedLine,
    compute_bill,
)
from app.domain.errors import N_, NotAllowed, NotFound
from app.domain.money import RoundingMode
from app.domain.table_state import TableState, move, state_for_order
from app.domain.timing import TimedPricing, minutes_between
from db.models import Bill, DiningTable, OrderLine, TableVisit, Venue


class BillStatus(StrEnum):
    OPEN = "open"
    PAID = "paid"
    MERGED = "merged"  # its lines now sit on the bill it was merged into
    SPLIT = "split"  # replaced by even shares
    REOPENED = "reopened"  # a paid bill superseded by a new revision; kept as it was
    CANCELLED = "cancelled"  # the party left with nothing ordered


class LineStatus(StrEnum):
    CART = "cart"
    HELD = "held"  # sent, kitchen waits for the call (叫起)
    SENT = "sent"
    SERVED = "served"
    VOIDED = "voided"


class LineKind(StrEnum):
    ITEM = "item"
    COMPONENT = "component"  # a dish inside a set meal, priced in its parent
    REVERSAL = "reversal"  # the negative line a void adds
    SHARE = "share"  # an even share of a split bill


MAX_GUESTS_DEFAULT = 30


def venue_of(session: Session) -> Venue:
    venue = session.scalar(select(Venue).limit(1))
    if venue is None:
        raise NotFound(N_("The store has no venue yet. Run “xiaoer init” first."))
    return venue


def get_table(session: Session, table_id: int) -> DiningTable:
    table = session.get(DiningTable, table_id)
    if table is None or not table.active:
        raise NotFound(N_("That table does not exist."))
    return table


def get_bill(session: Session, bill_id: int) -> Bill:
    bill = session.get(Bill, bill_id)
    if bill is None:
        raise NotFound(N_("That bill does not exist."))
    return bill


def open_bill(session: Session, bill_id: int, expected_version: int | None = None) -> Bill:
    """A bill that can still be changed: open and not merged into another."""
    bill = get_bill(session, bill_id)
    if expected_version is not None and bill.version != expected_version:
        raise NotAllowed(N_("Another terminal changed this bill just now. Please open it again."))
    if bill.status == BillStatus.PAID:
        raise NotAllowed(N_("This bill is already paid."))
    if bill.status == BillStatus.MERGED:
        raise NotAllowed(N_("This bill was merged into another table's bill; change that one."))
    if bill.status != BillStatus.OPEN:
        raise NotAllowed(N_("This bill is closed."))
    return bill


def get_line(session: Session, line_id: int) -> OrderLine:
    line = session.get(OrderLine, line_id)
    if line is None:
        raise NotFound(N_("That order line does not exist."))
    return line


def touch(bill: Bill, now: datetime, staff_id: int | None = None) -> None:
    """Mark the bill changed: its version goes up, so other terminals see their view is old.
    Staff acting on a bill are at its table: the visit is kept for service coaching."""
    bill.changed_at = now
    flag_modified(bill, "changed_at")
    note_visit(bill, now, staff_id)


VISIT_EVERY = timedelta(minutes=1)


def note_visit(bill: Bill, now: datetime, staff_id: int | None = None) -> None:
    """Keep a visit to the party's table (``table_visit``): at most one a minute per bill,
    and always when the party just moved table (转台) or changed its size (加减位)."""
    session = object_session(bill)
    if session is None or bill.id is None:
        return
    noted: set[int] = session.info.setdefault("visited_bills", set())
    if bill.id in noted:
        return  # one visit per action
    state = inspect(bill)
    moved = state.attrs.table_id.history
    resized = state.attrs.guests.history
    from_table_id = moved.deleted[0] if moved.added and moved.deleted else None
    guests = bill.guests if resized.added and resized.deleted else None
    if from_table_id is None and guests is None:
        with session.no_autoflush:
            last = session.scalar(
                select(func.max(TableVisit.at)).where(TableVisit.bill_id == bill.id)
            )
        if last is not None and now - last < VISIT_EVERY:
            return
    noted.add(bill.id)
    session.add(
        TableVisit(
            bill_id=bill.id,
            table_id=bill.table_id,
            staff_id=staff_id,
            at=now,
            from_table_id=from_table_id,
            guests=guests,
        )
    )


def open_bills_on(session: Session, table_id: int) -> list[Bill]:
    return list(
        session.scalars(
            select(Bill)
            .where(Bill.table_id == table_id, Bill.status == BillStatus.OPEN)
            .order_by(Bill.id)
        )
    )


def merged_bills_into(session: Session, bill_id: int) -> list[Bill]:
    return list(
        session.scalars(
            select(Bill).where(Bill.merged_into_id == bill_id, Bill.status == BillStatus.MERGED)
        )
    )


def priced_line(line: OrderLine, charged: bool = True) -> PricedLine:
    discount = (
        Discount(DiscountKind(line.discount_kind), line.discount_value)
        if line.discount_kind
        else None
    )
    return PricedLine(
        line.quantity_milli, line.unit_price_fen, line.surcharge_fen, discount, charged
    )


def room_fee(session: Session, bill: Bill, now: datetime) -> int:
    """Timed-room fee for the bill's table and any table merged into it."""
    end = bill.room_fee_paused_at or bill.closed_at or now
    minutes = minutes_between(bill.opened_at, end, bill.room_fee_paused_seconds)
    tables = [bill.table] + [merged.table for merged in merged_bills_into(session, bill.id)]
    total = 0
    for table in tables:
        pricing = TimedPricing(
            table.timed_block_minutes,
            table.timed_block_price_fen,
            table.timed_free_minutes,
            table.timed_cap_fen,
        )
        total += pricing.fee(minutes)
    return total


def breakdown(session: Session, bill: Bill, now: datetime) -> Breakdown:
    """The bill's parts as they stand now, from its lines and the venue's rules."""
    # a dish voided in full and its reversals are not charged at all, so that voiding it in
    # several steps leaves no rounded fen or mirrored discount behind
    voided = {
        line.id
        for line in bill.lines
        if line.kind == LineKind.ITEM and line.status == LineStatus.VOIDED
    }
    lines = [
        priced_line(line, charged=line.id not in voided and line.reverses_id not in voided)
        for line in bill.lines
        if line.kind != LineKind.COMPONENT
    ]
    if bill.share_of_total:
        return compute_bill(lines, guests=bill.guests, rules=BillRules())
    venue = venue_of(session)
    mode = RoundingMode(bill.rounding_mode or venue.rounding_mode)
    split_off = bill.split_from_id is not None
    rules = BillRules(
        seat_fee_per_guest=bill.table.room.seat_fee_fen,
        minimum_spend=0 if split_off else _minimum_left(session, bill),
        service_charge_bp=venue.service_charge_bp,
        rounding=mode,
        custom_rounding=bill.custom_rounding_fen,
    )
    discount = (
        Discount(DiscountKind(bill.discount_kind), bill.discount_value)
        if bill.discount_kind
        else None
    )
    return compute_bill(
        lines,
        guests=bill.guests,
        rules=rules,
        room_fee=0 if split_off else room_fee(session, bill, now),
        bill_discount=discount,
    )


def _minimum_left(session: Session, bill: Bill) -> int:
    """A room's minimum spend stays with the party's first bill (拆单 does not double it);
    the dishes split off to other bills still count towards it."""
    minimum = bill.table.minimum_spend_fen
    if not minimum:
        return 0
    split_off = session.scalars(
        select(Bill).where(
            Bill.split_from_id == bill.id,
            Bill.share_of_total.is_(False),
            Bill.status.in_((BillStatus.OPEN, BillStatus.PAID)),
        )
    ).all()
    moved = sum(
        compute_bill(
            [priced_line(line) for line in other.lines if line.kind != LineKind.COMPONENT],
            guests=0,
            rules=BillRules(),
        ).items_net
        for other in split_off
    )
    return max(0, minimum - moved)


def derived_state(session: Session, table: DiningTable) -> TableState | None:
    """The state the table's open bills put it in, or None when it has none."""
    bills = open_bills_on(session, table.id)
    if not bills:
        # a party merged into another table's bill that is still open (并台); older merges
        # of this table were settled long ago and are skipped by the join
        primary = aliased(Bill)
        primary_table_id = session.scalar(
            select(primary.table_id)
            .join(Bill, Bill.merged_into_id == primary.id)
            .where(
                Bill.table_id == table.id,
                Bill.status == BillStatus.MERGED,
                primary.status == BillStatus.OPEN,
            )
            .limit(1)
        )
        if primary_table_id is not None:
            return derived_state(session, session.get(DiningTable, primary_table_id))
        return None
    if all(bill.bill_requested_at is not None for bill in bills):
        return TableState.BILL_REQUESTED
    lines = [line for bill in bills for line in bill.lines if line.kind != LineKind.REVERSAL]
    return state_for_order(
        any_line=bool(lines),
        any_served=any(line.status == LineStatus.SERVED for line in lines),
    )


def sync_table(session: Session, table: DiningTable, now: datetime) -> None:
    """Move the table to the state its bills call for; with no bill left after service
    it goes to clearing (清台)."""
    target = derived_state(session, table)
    if target is None:
        current = TableState(table.state)
        if current in (TableState.FREE, TableState.RESERVED, TableState.CLEARING):
            return
        target = TableState.CLEARING
    if target != table.state:
        table.state = move(table.name, TableState(table.state), target)
        table.state_since = now


def freeze_figures(bill: Bill, parts: Breakdown) -> None:
    """Keep a closing bill's figures as they were at that moment; they never change again."""
    bill.items_fen = parts.items
    bill.options_fen = parts.options
    bill.discount_fen = parts.discounts
    bill.seat_fee_fen = parts.seat_fee
    bill.room_fee_fen = parts.room_fee
    bill.minimum_topup_fen = parts.minimum_spend_topup
    bill.service_charge_fen = parts.service_charge
    bill.rounding_fen = parts.rounding
    bill.total_fen = parts.total


def bill_parts(session: Session, bill: Bill, now: datetime) -> Breakdown:
    """The parts as the bill shows them: live while it is open, frozen once it is closed."""
    if bill.status == BillStatus.OPEN:
        return breakdown(session, bill, now)
    return Breakdown(
        items=bill.items_fen,
        options=bill.options_fen,
        line_discounts=bill.discount_fen,
        bill_discount=0,
        seat_fee=bill.seat_fee_fen,
        room_fee=bill.room_fee_fen,
        minimum_spend_topup=bill.minimum_topup_fen,
        service_charge=bill.service_charge_fen,
        rounding=bill.rounding_fen,
        total=bill.total_fen,
    )
