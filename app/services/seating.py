"""Tables and parties: seat 开台, places 加减位, transfer 转台, merge 并台, split 拆单,
clear 清台."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from app.domain.errors import N_, InvalidInput, NotAllowed
from app.domain.money import MILLI, split_evenly
from app.domain.table_state import TableState, require_free
from app.services.bills import (
    BillStatus,
    LineKind,
    LineStatus,
    breakdown,
    derived_state,
    freeze_figures,
    get_bill,
    get_line,
    get_table,
    merged_bills_into,
    open_bill,
    open_bills_on,
    sync_table,
    touch,
    venue_of,
)
from app.services.context import Changes, Context
from app.services.kitchen import ticket_for_lines
from db.models import Bill, DiningTable, OrderLine, Reservation, Staff

MAX_SPLIT_PARTS = 50


def _check_party_size(guests: int, maximum: int) -> None:
    if guests < 1:
        raise InvalidInput(N_("A party needs at least one guest."))
    if guests > maximum:
        raise InvalidInput(N_("At most {maximum} guests can be seated."), maximum=maximum)


def seat_party(
    ctx: Context,
    *,
    table_id: int,
    guests: int,
    waiter_id: int | None = None,
    reservation_id: int | None = None,
) -> Changes:
    """Seat a party at a free table (开台) and open its bill."""
    now = ctx.now()
    with ctx.transaction() as session:
        table = get_table(session, table_id)
        require_free(table.name, TableState(table.state))
        _check_party_size(guests, venue_of(session).max_party_size)
        if waiter_id is not None and session.get(Staff, waiter_id) is None:
            raise InvalidInput(N_("That waiter is not known."))
        if reservation_id is None and table.state == TableState.RESERVED:
            reservation_id = session.scalars(
                select(Reservation.id)
                .where(Reservation.table_id == table.id, Reservation.status == "booked")
                .order_by(Reservation.arrive_at)
            ).first()
        if reservation_id is not None:
            reservation = session.get(Reservation, reservation_id)
            if reservation is None or reservation.status != "booked":
                raise InvalidInput(N_("That reservation is not waiting to be seated."))
            reservation.status = "seated"
            reservation.table_id = table.id
        bill = Bill(
            table_id=table.id,
            status=BillStatus.OPEN,
            guests=guests,
            waiter_id=waiter_id,
            reservation_id=reservation_id,
            opened_at=now,
            changed_at=now,
        )
        session.add(bill)
        table.state = TableState.SEATED
        table.state_since = now
        session.flush()
        return Changes(tables=frozenset({table.id}), bills=frozenset({bill.id}), bill_id=bill.id)


def change_guests(ctx: Context, *, bill_id: int, guests: int) -> Changes:
    """Add or remove places (加减位); the seat fee follows."""
    with ctx.transaction() as session:
        bill = open_bill(session, bill_id)
        _check_party_size(guests, venue_of(session).max_party_size)
        bill.guests = guests
        touch(bill, ctx.now())
        return Changes(
            tables=frozenset({bill.table_id}), bills=frozenset({bill.id}), bill_id=bill.id
        )


def clear_table(ctx: Context, *, table_id: int) -> Changes:
    """Clear a table (清台) after the party left: back to free for the next guests. A party
    that leaves without ordering has its empty bill cancelled."""
    now = ctx.now()
    with ctx.transaction() as session:
        table = get_table(session, table_id)
        bills = open_bills_on(session, table.id)
        # a party merged into another table's open bill (并台) is still at the table too, and
        # an empty bill that other tables are merged into still settles for them
        merged_and_open = not bills and derived_state(session, table) is not None
        merged_into = any(merged_bills_into(session, bill.id) for bill in bills)
        if merged_and_open or merged_into or any(bill.lines for bill in bills):
            raise NotAllowed(
                N_("Table {table} still has an open bill. Settle it before clearing."),
                table=table.name,
            )
        for bill in bills:
            bill.status = BillStatus.CANCELLED
            bill.closed_at = now
            touch(bill, now)
        if TableState(table.state) in (TableState.FREE, TableState.RESERVED) and not bills:
            raise NotAllowed(N_("Table {table} is already free."), table=table.name)
        table.state = TableState.FREE
        table.state_since = now
        return Changes(tables=frozenset({table.id}), bills=frozenset(b.id for b in bills))


def transfer_bill(
    ctx: Context, *, bill_id: int, to_table_id: int, staff_id: int | None = None
) -> Changes:
    """Move a whole party and its bill to a free table (转台); the old table needs clearing."""
    now = ctx.now()
    with ctx.transaction() as session:
        bill = open_bill(session, bill_id)
        source = bill.table
        target = get_table(session, to_table_id)
        if target.id == source.id:
            raise InvalidInput(N_("Choose another table to move to."))
        require_free(target.name, TableState(target.state))
        bill.table_id = target.id
        bill.table = target
        target.state = TableState.SEATED
        target.state_since = now
        touch(bill, now)
        session.flush()
        tickets = ticket_for_lines(
            session,
            bill,
            _in_kitchen(bill.lines),
            kind="transfer",
            now=now,
            staff_id=staff_id,
            note=source.name,
        )
        sync_table(session, target, now)
        sync_table(session, source, now)
        return Changes(
            tables=frozenset({source.id, target.id}),
            bills=frozenset({bill.id}),
            tickets=tickets,
            bill_id=bill.id,
        )


def transfer_lines(
    ctx: Context, *, line_ids: list[int], to_table_id: int, staff_id: int | None = None
) -> Changes:
    """Move chosen dishes to the bill of another occupied table (转台 by lines)."""
    now = ctx.now()
    with ctx.transaction() as session:
        target_table = get_table(session, to_table_id)
        targets = open_bills_on(session, target_table.id)
        if not targets:
            raise NotAllowed(
                N_("Table {table} has no open bill to move dishes to. Seat it first."),
                table=target_table.name,
            )
        target = targets[0]
        lines = _lines_with_children(session, line_ids)
        sources = {line.bill_id for line in lines}
        if len(sources) != 1:
            raise InvalidInput(N_("Choose dishes from one bill at a time."))
        source = open_bill(session, sources.pop())
        if source.id == target.id:
            raise InvalidInput(N_("Choose another table to move to."))
        if source.share_of_total or target.share_of_total:
            raise NotAllowed(N_("This is already a share of a split bill."))
        for line in lines:
            line.transferred_from_table_id = source.table_id
            line.merged_from_bill_id = None  # moved by hand: no longer undone with a merge
            line.bill_id = target.id
        touch(source, now)
        touch(target, now)
        session.flush()
        session.expire(source, ["lines"])
        session.expire(target, ["lines"])
        tickets = ticket_for_lines(
            session,
            target,
            _in_kitchen(lines),
            kind="transfer",
            now=now,
            staff_id=staff_id,
            note=source.table.name,
        )
        sync_table(session, source.table, now)
        sync_table(session, target_table, now)
        return Changes(
            tables=frozenset({source.table_id, target_table.id}),
            bills=frozenset({source.id, target.id}),
            lines=tuple(line.id for line in lines),
            tickets=tickets,
        )


def merge_bills(ctx: Context, *, into_bill_id: int, bill_ids: list[int]) -> Changes:
    """Merge other tables' bills into one (并台) so they settle together; undo with
    ``unmerge_bill`` before payment."""
    now = ctx.now()
    with ctx.transaction() as session:
        primary = open_bill(session, into_bill_id)
        others = [open_bill(session, bill_id) for bill_id in dict.fromkeys(bill_ids)]
        if not others or any(other.id == primary.id for other in others):
            raise InvalidInput(N_("Choose the other tables to merge into this one."))
        if primary.share_of_total or any(other.share_of_total for other in others):
            raise NotAllowed(N_("This is already a share of a split bill."))
        tables = {primary.table_id} | {other.table_id for other in others}
        for other in others:
            # bills merged into ``other`` earlier now settle with the primary directly, and
            # their lines keep their origin, so each merge can still be undone on its own
            children = merged_bills_into(session, other.id)
            child_ids = {child.id for child in children}
            for line in list(other.lines):
                if line.merged_from_bill_id not in child_ids:
                    line.merged_from_bill_id = other.id
                line.bill_id = primary.id
            primary.guests += other.guests
            for child in children:
                child.merged_into_id = primary.id
                other.guests = max(1, other.guests - child.guests)
                tables.add(child.table_id)
                touch(child, now)
            other.status = BillStatus.MERGED
            other.merged_into_id = primary.id
            touch(other, now)
        touch(primary, now)
        session.flush()
        session.expire_all()
        for table_id in tables:
            sync_table(session, session.get(DiningTable, table_id), now)
        return Changes(
            tables=frozenset(tables),
            bills=frozenset({primary.id} | {o.id for o in others}),
            bill_id=primary.id,
        )


def unmerge_bill(ctx: Context, *, bill_id: int) -> Changes:
    """Undo a merge before payment: the bill gets its own lines and guests back."""
    now = ctx.now()
    with ctx.transaction() as session:
        bill = get_bill(session, bill_id)
        if bill.status != BillStatus.MERGED or bill.merged_into_id is None:
            raise NotAllowed(N_("This bill is not merged into another."))
        primary = get_bill(session, bill.merged_into_id)
        if primary.status != BillStatus.OPEN:
            raise NotAllowed(N_("The merged bill is already paid; it cannot be undone."))
        lines = session.scalars(
            select(OrderLine).where(
                OrderLine.bill_id == primary.id, OrderLine.merged_from_bill_id == bill.id
            )
        ).all()
        for line in lines:
            line.bill_id = bill.id
            line.merged_from_bill_id = None
        primary.guests = max(1, primary.guests - bill.guests)
        bill.status = BillStatus.OPEN
        bill.merged_into_id = None
        touch(bill, now)
        touch(primary, now)
        session.flush()
        session.expire_all()
        for table_id in {primary.table_id, bill.table_id}:
            sync_table(session, session.get(DiningTable, table_id), now)
        return Changes(
            tables=frozenset({primary.table_id, bill.table_id}),
            bills=frozenset({primary.id, bill.id}),
            bill_id=bill.id,
        )


def split_bill_by_lines(
    ctx: Context, *, bill_id: int, line_ids: list[int], guests: int = 1
) -> Changes:
    """Move chosen lines to a new bill on the same table (拆单), with some of the guests."""
    return split_bill_into(ctx, bill_id=bill_id, parts=[(line_ids, guests)])


def split_bill_into(
    ctx: Context, *, bill_id: int, parts: Sequence[tuple[Sequence[int], int]]
) -> Changes:
    """Split a bill into several new bills at once (拆单), each taking its chosen dishes
    and some of the guests: all are made, or none. ``Changes.bill_id`` is the last new bill."""
    now = ctx.now()
    with ctx.transaction() as session:
        bill = open_bill(session, bill_id)
        if not parts:
            raise InvalidInput(N_("Choose the dishes for the new bill."))
        moving = [_lines_with_children(session, list(line_ids)) for line_ids, _ in parts]
        every = [line for lines in moving for line in lines]
        if any(line.bill_id != bill.id for line in every) or len({line.id for line in every}) < len(
            every
        ):
            raise InvalidInput(N_("Choose dishes from this bill."))
        if any(not lines for lines in moving):
            raise InvalidInput(N_("Choose the dishes for the new bill."))
        if len({line.id for line in every}) >= len(bill.lines):
            raise InvalidInput(N_("Leave at least one dish on the original bill."))
        leaving = sum(guests for _, guests in parts)
        if any(guests < 0 for _, guests in parts) or leaving >= bill.guests:
            raise InvalidInput(
                N_("The new bill can take 0 to {maximum} of the guests."), maximum=bill.guests - 1
            )
        new_bills = []
        for lines, (_, guests) in zip(moving, parts, strict=True):
            new_bill = Bill(
                table_id=bill.table_id,
                status=BillStatus.OPEN,
                guests=guests,
                waiter_id=bill.waiter_id,
                opened_at=bill.opened_at,
                split_from_id=bill.id,
                changed_at=now,
            )
            session.add(new_bill)
            session.flush()
            for line in lines:
                line.bill_id = new_bill.id
                line.merged_from_bill_id = None  # moved by hand: no longer undone with a merge
            new_bills.append(new_bill.id)
        bill.guests -= leaving
        touch(bill, now)
        session.flush()
        session.expire(bill, ["lines"])
        sync_table(session, bill.table, now)
        return Changes(
            tables=frozenset({bill.table_id}),
            bills=frozenset({bill.id, *new_bills}),
            lines=tuple(line.id for line in every),
            bill_id=new_bills[-1],
        )


def split_bill_evenly(ctx: Context, *, bill_id: int, parts: int) -> Changes:
    """Split the total evenly (AA 均分): the bill is replaced by ``parts`` share bills whose
    amounts add up to its total to the fen; each is settled on its own."""
    now = ctx.now()
    with ctx.transaction() as session:
        bill = open_bill(session, bill_id)
        if not 2 <= parts <= MAX_SPLIT_PARTS:
            raise InvalidInput(N_("Split into 2 to {maximum} parts."), maximum=MAX_SPLIT_PARTS)
        if any(line.status == LineStatus.CART for line in bill.lines):
            raise NotAllowed(N_("Send or delete the unsent dishes first."))
        if bill.share_of_total:
            raise NotAllowed(N_("This is already a share of a split bill."))
        parts_breakdown = breakdown(session, bill, now)
        if parts_breakdown.total <= 0:
            raise NotAllowed(N_("There is nothing to split on this bill."))
        freeze_figures(bill, parts_breakdown)
        bill.status = BillStatus.SPLIT
        bill.closed_at = now
        touch(bill, now)
        shares = split_evenly(parts_breakdown.total, parts)
        new_ids = []
        for number, amount in enumerate(shares, start=1):
            share = Bill(
                table_id=bill.table_id,
                status=BillStatus.OPEN,
                guests=1,
                waiter_id=bill.waiter_id,
                opened_at=bill.opened_at,
                split_from_id=bill.id,
                share_of_total=True,
                changed_at=now,
            )
            session.add(share)
            session.flush()
            session.add(
                OrderLine(
                    bill_id=share.id,
                    kind=LineKind.SHARE,
                    name_zh=f"均分 {number}/{parts}（原单 {bill.id}）",
                    name_en=f"Share {number}/{parts} of bill {bill.id}",
                    quantity_milli=MILLI,
                    unit_price_fen=amount,
                    status=LineStatus.SERVED,
                    course="share",
                    created_at=now,
                )
            )
            new_ids.append(share.id)
        session.flush()
        # tables merged into the bill are settled through its shares now: they go to clearing
        tables = {bill.table} | {merged.table for merged in merged_bills_into(session, bill.id)}
        for table in tables:
            sync_table(session, table, now)
        return Changes(
            tables=frozenset(table.id for table in tables),
            bills=frozenset({bill.id, *new_ids}),
            bill_id=new_ids[0],
        )


def _lines_with_children(session, line_ids: list[int]) -> list[OrderLine]:
    """The chosen lines plus the dishes of chosen set meals and the reversals of voids."""
    if not line_ids:
        raise InvalidInput(N_("Choose at least one dish."))
    chosen = [get_line(session, line_id) for line_id in dict.fromkeys(line_ids)]
    ids = {line.id for line in chosen}
    extra = session.scalars(
        select(OrderLine).where(
            (OrderLine.parent_line_id.in_(ids)) | (OrderLine.reverses_id.in_(ids))
        )
    ).all()
    for line in chosen:
        if line.kind in (LineKind.COMPONENT, LineKind.REVERSAL):
            raise InvalidInput(N_("Choose the dish itself, not a part of a set or a void."))
    return chosen + [line for line in extra if line.id not in ids]


def _in_kitchen(lines: list[OrderLine]) -> list[OrderLine]:
    """Lines the kitchen is making now: sent or held, not yet served or voided."""
    return [
        line
        for line in lines
        if line.status in (LineStatus.SENT, LineStatus.HELD) and line.station_id is not None
    ]
