"""Paying: pre-bill 预结单, bill discounts, rounding 抹零, the timed-room clock, settle 结账
with several tenders and reopen 反结账."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from sqlalchemy import select

from app.domain.billing import (
    DiscountKind,
    Tender,
    TenderMethod,
    discount_setting,
    settle_tenders,
)
from app.domain.errors import N_, NotAllowed
from app.domain.money import RoundingMode, rounding_adjustment
from app.domain.table_state import TableState, move
from app.domain.text import NAME_MAX, REASON_MAX, clean_text
from app.domain.timing import business_day
from app.services.audit import record
from app.services.bills import (
    BillStatus,
    LineKind,
    LineStatus,
    breakdown,
    freeze_figures,
    get_bill,
    merged_bills_into,
    open_bill,
    sync_table,
    touch,
    venue_of,
)
from app.services.context import Changes, Context
from app.services.print_queue import JobKind, queue_check
from app.services.staff import Approval, require_approval
from db.models import Bill, OrderLine, OrderLineOption, ReceiptCounter, Shift, TenderRow


def request_bill(ctx: Context, *, bill_id: int) -> Changes:
    """Print the guest check (预结单): the table shows bill requested. Warns when dishes
    are still on their way."""
    now = ctx.now()
    with ctx.transaction() as session:
        bill = open_bill(session, bill_id)
        _require_all_sent(bill)
        bill.bill_requested_at = now
        touch(bill, now)
        session.flush()
        sync_table(session, bill.table, now)
        queue_check(session, bill, JobKind.GUEST_CHECK, now)
        unserved = [
            line.name_zh
            for line in bill.lines
            if line.status in (LineStatus.SENT, LineStatus.HELD) and line.kind != LineKind.COMPONENT
        ]
        warnings = (N_("Some dishes are not served yet."),) if unserved else ()
        return Changes(
            tables=frozenset({bill.table_id}),
            bills=frozenset({bill.id}),
            bill_id=bill.id,
            warnings=warnings,
        )


def _require_all_sent(bill: Bill) -> None:
    if any(line.status == LineStatus.CART for line in bill.lines):
        raise NotAllowed(N_("Send or delete the unsent dishes first."))


def apply_bill_discount(
    ctx: Context,
    *,
    bill_id: int,
    kind: DiscountKind | None,
    value: int,
    reason: str,
    approval: Approval | None,
    staff_id: int | None = None,
) -> Changes:
    """A discount on the whole bill (% in basis points, or fen); None removes it. Manager."""
    now = ctx.now()
    reason = clean_text(
        reason, max_length=REASON_MAX, required=kind is not None, what=N_("a reason")
    )
    with ctx.transaction() as session:
        manager = require_approval(session, approval)
        bill = open_bill(session, bill_id)
        bill.discount_kind, bill.discount_value = discount_setting(kind, value)
        bill.discount_reason = reason
        record(
            session,
            now,
            "discount",
            staff_id=staff_id,
            authorised_by_id=manager.id,
            bill_id=bill.id,
            table_id=bill.table_id,
            reason=reason,
            kind=str(kind),
            value=value,
        )
        touch(bill, now)
        return Changes(bills=frozenset({bill.id}), bill_id=bill.id)


def set_rounding(
    ctx: Context,
    *,
    bill_id: int,
    mode: RoundingMode,
    custom_fen: int = 0,
    approval: Approval | None = None,
    staff_id: int | None = None,
) -> Changes:
    """Choose how this bill is rounded off (抹零); a custom amount needs a manager."""
    now = ctx.now()
    with ctx.transaction() as session:
        bill = open_bill(session, bill_id)
        mode = RoundingMode(mode)
        if mode is RoundingMode.CUSTOM:
            manager = require_approval(session, approval)
            record(
                session,
                now,
                "rounding",
                staff_id=staff_id,
                authorised_by_id=manager.id,
                bill_id=bill.id,
                custom_fen=custom_fen,
            )
        bill.rounding_mode = mode
        bill.custom_rounding_fen = custom_fen if mode is RoundingMode.CUSTOM else 0
        if mode is RoundingMode.CUSTOM:  # checked against the bill as it stands now
            rounding_adjustment(breakdown(session, bill, now).before_rounding, mode, custom_fen)
        touch(bill, now)
        return Changes(bills=frozenset({bill.id}), bill_id=bill.id)


def pause_room_fee(ctx: Context, *, bill_id: int) -> Changes:
    """Stop the timed-room clock (a break the guests are not charged for)."""
    now = ctx.now()
    with ctx.transaction() as session:
        bill = open_bill(session, bill_id)
        if bill.room_fee_paused_at is not None:
            raise NotAllowed(N_("The room clock is already paused."))
        bill.room_fee_paused_at = now
        touch(bill, now)
        return Changes(bills=frozenset({bill.id}), bill_id=bill.id)


def resume_room_fee(ctx: Context, *, bill_id: int) -> Changes:
    now = ctx.now()
    with ctx.transaction() as session:
        bill = open_bill(session, bill_id)
        if bill.room_fee_paused_at is None:
            raise NotAllowed(N_("The room clock is not paused."))
        bill.room_fee_paused_seconds += int((now - bill.room_fee_paused_at).total_seconds())
        bill.room_fee_paused_at = None
        touch(bill, now)
        return Changes(bills=frozenset({bill.id}), bill_id=bill.id)


def settle_bill(
    ctx: Context,
    *,
    bill_id: int,
    tenders: Sequence[Tender],
    cashier_id: int | None = None,
    approval: Approval | None = None,
    invoice_requested: bool = False,
    member_ref: str = "",
    expected_version: int | None = None,
    shift_id: int | None = None,
) -> Changes:
    """Settle a bill (结账) with one or more tenders in one transaction: the receipt gets
    the next number of the business day, the figures are frozen and the table goes to
    clearing once no bill is left open on it. ``shift_id`` is the open cash drawer shift
    (交班) of the terminal taking the money; its cash counts in that drawer."""
    now = ctx.now()
    tenders = [
        Tender(
            TenderMethod(t.method),
            t.amount,
            clean_text(t.signer, max_length=NAME_MAX),
            clean_text(t.reference, max_length=60),
        )
        for t in tenders
    ]
    member_ref = clean_text(member_ref, max_length=40)
    with ctx.transaction() as session:
        bill = get_bill(session, bill_id)
        if bill.status == BillStatus.PAID:
            raise NotAllowed(N_("This bill is already paid."))
        bill = open_bill(session, bill_id, expected_version)
        _require_all_sent(bill)
        if shift_id is not None:
            _require_open_shift(session, shift_id)
        manager = None
        if any(t.method is TenderMethod.COMP for t in tenders):
            manager = require_approval(session, approval)
        parts = breakdown(session, bill, now)
        settlement = settle_tenders(parts.total, list(tenders))
        venue = venue_of(session)
        minutes = venue.day_starts_at_minutes
        day = business_day(now, time(minutes // 60, minutes % 60))
        counter = session.scalars(
            select(ReceiptCounter).where(ReceiptCounter.business_day == day).with_for_update()
        ).first()
        if counter is None:
            counter = ReceiptCounter(business_day=day, last_no=0)
            session.add(counter)
        counter.last_no += 1
        for tender in tenders:
            session.add(
                TenderRow(
                    bill_id=bill.id,
                    method=tender.method,
                    amount_fen=tender.amount,
                    signer=tender.signer,
                    reference=tender.reference,
                    authorised_by_id=manager.id
                    if manager and tender.method is TenderMethod.COMP
                    else None,
                    created_at=now,
                )
            )
        freeze_figures(bill, parts)
        bill.change_fen = settlement.change
        bill.status = BillStatus.PAID
        bill.closed_at = now
        bill.business_day = day
        bill.receipt_no = counter.last_no
        bill.cashier_id = cashier_id
        bill.invoice_requested = invoice_requested
        bill.member_ref = member_ref
        bill.shift_id = shift_id
        touch(bill, now)
        merged = merged_bills_into(session, bill.id)
        for other in merged:
            other.closed_at = now
            other.business_day = day
            touch(other, now)
        if manager is not None:
            comp = sum(t.amount for t in tenders if t.method is TenderMethod.COMP)
            record(
                session,
                now,
                "comp",
                staff_id=cashier_id,
                authorised_by_id=manager.id,
                bill_id=bill.id,
                table_id=bill.table_id,
                amount_fen=comp,
            )
        session.flush()
        tables = {bill.table} | {other.table for other in merged}
        for table in tables:
            sync_table(session, table, now)
        queue_check(session, bill, JobKind.RECEIPT, now)
        return Changes(
            tables=frozenset(t.id for t in tables),
            bills=frozenset({bill.id} | {o.id for o in merged}),
            bill_id=bill.id,
            receipt_no=counter.last_no,
        )


def _require_open_shift(session, shift_id: int) -> None:
    shift = session.get(Shift, shift_id)
    if shift is None or shift.status != "open":
        raise NotAllowed(N_("That shift is closed: open a shift to take money."))


def reopen_bill(
    ctx: Context,
    *,
    bill_id: int,
    reason: str,
    approval: Approval | None,
    staff_id: int | None = None,
) -> Changes:
    """Reopen a paid bill (反结账): the paid bill and its receipt stay exactly as they were
    (marked superseded) and a new revision with the same lines is opened."""
    now = ctx.now()
    reason = clean_text(reason, max_length=REASON_MAX, required=True, what=N_("a reason"))
    with ctx.transaction() as session:
        manager = require_approval(session, approval)
        old = get_bill(session, bill_id)
        if old.status != BillStatus.PAID or old.share_of_total:
            raise NotAllowed(N_("Only a paid bill can be reopened."))
        table = old.table
        if table.state not in ("clearing", "free", "paid"):
            raise NotAllowed(
                N_("Table {table} is in use by another party; reopen the bill when it is free."),
                table=table.name,
            )
        new = Bill(
            table_id=old.table_id,
            status=BillStatus.OPEN,
            guests=old.guests,
            waiter_id=old.waiter_id,
            reservation_id=old.reservation_id,
            opened_at=old.opened_at,
            revision_of_id=old.id,
            revision=old.revision + 1,
            discount_kind=old.discount_kind,
            discount_value=old.discount_value,
            discount_reason=old.discount_reason,
            rounding_mode=old.rounding_mode,
            custom_rounding_fen=old.custom_rounding_fen,
            room_fee_paused_seconds=old.room_fee_paused_seconds,
            room_fee_paused_at=old.closed_at if _timed(table) else None,
            invoice_requested=old.invoice_requested,
            member_ref=old.member_ref,
            bill_requested_at=now,
            changed_at=now,
        )
        session.add(new)
        session.flush()
        _copy_lines(session, old, new)
        old.status = BillStatus.REOPENED
        record(
            session,
            now,
            "reopen",
            staff_id=staff_id,
            authorised_by_id=manager.id,
            bill_id=old.id,
            table_id=table.id,
            reason=reason,
            receipt_no=old.receipt_no,
            business_day=old.business_day,
            new_bill_id=new.id,
        )
        session.flush()
        session.expire(new, ["lines"])
        if table.state == TableState.FREE:  # cleared already: the party is back at it
            table.state = move(table.name, TableState.FREE, TableState.SEATED)
        sync_table(session, table, now)
        return Changes(
            tables=frozenset({table.id}), bills=frozenset({old.id, new.id}), bill_id=new.id
        )


def _timed(table) -> bool:
    return table.timed_block_price_fen > 0


def _copy_lines(session, old: Bill, new: Bill) -> None:
    """Copy every line (with options, set parts and void reversals) onto the new revision."""
    mapping: dict[int, int] = {}
    for line in sorted(old.lines, key=lambda l: l.id):  # noqa: E741
        copy = OrderLine(
            **{
                column: getattr(line, column)
                for column in OrderLine.__table__.columns.keys()  # noqa: SIM118
                if column not in ("id", "bill_id", "parent_line_id", "reverses_id")
            }
        )
        copy.bill_id = new.id
        copy.parent_line_id = mapping.get(line.parent_line_id) if line.parent_line_id else None
        copy.reverses_id = mapping.get(line.reverses_id) if line.reverses_id else None
        session.add(copy)
        session.flush()
        mapping[line.id] = copy.id
        for option in line.options:
            session.add(
                OrderLineOption(
                    **{
                        column: getattr(option, column)
                        for column in OrderLineOption.__table__.columns.keys()  # noqa: SIM118
                        if column not in ("id", "line_id")
                    },
                    line_id=copy.id,
                )
            )


def set_invoice_requested(ctx: Context, *, bill_id: int, requested: bool) -> Changes:
    with ctx.transaction() as session:
        bill = open_bill(session, bill_id)
        bill.invoice_requested = requested
        touch(bill, ctx.now())
        return Changes(bills=frozenset({bill.id}), bill_id=bill.id)
