"""Printed documents filled from the store: the guest check 预结单 from an open bill's live
breakdown, the receipt 结账单 from a paid bill's frozen figures and tenders, and a kitchen
ticket from its own rows. The renderers in ``app.printing`` turn them into PDF."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain.billing import TENDER_LABELS, TenderMethod
from app.domain.errors import N_, NotAllowed, NotFound
from app.i18n import Language
from app.printing.documents import (
    CheckDocument,
    CheckKind,
    CheckLine,
    KitchenTicketDocument,
    TenderLine,
    TicketKind,
    TicketLine,
    VenueHeader,
)
from app.services.bills import (
    BillStatus,
    LineKind,
    LineStatus,
    bill_parts,
    get_bill,
    merged_bills_into,
    priced_line,
    venue_of,
)
from app.services.context import Context, local_now
from db.models import (
    Bill,
    DiningTable,
    KitchenTicket,
    KitchenTicketLine,
    MenuItem,
    OrderLine,
    Staff,
    Station,
)

SessionSource = Context | Session

RECEIPT_STATUSES = (BillStatus.PAID, BillStatus.REOPENED)  # a superseded receipt stays valid


@contextmanager
def _session(source: SessionSource) -> Iterator[tuple[Session, datetime]]:
    """A read session and the time to print: from a context, or the caller's own session."""
    if isinstance(source, Context):
        with source.reading() as session:
            yield session, source.now()
    else:
        yield source, local_now()


def venue_header(session: Session, language: Language) -> VenueHeader:
    venue = venue_of(session)
    return VenueHeader(
        name=language.pick(venue.name_zh, venue.name_en),
        address=venue.address,
        phone=venue.phone,
        tax_id=venue.tax_id,
        footer=language.pick(venue.receipt_footer_zh, venue.receipt_footer_en),
    )


def check_document(
    source: SessionSource,
    bill_id: int,
    *,
    kind: CheckKind,
    language: Language,
    reprint_at: datetime | None = None,
    now: datetime | None = None,
) -> CheckDocument:
    """The guest check of an open bill (its breakdown as it stands now), or the receipt of a
    paid bill (the figures frozen at settlement, to the fen, and its tenders)."""
    kind = CheckKind(kind)
    with _session(source) as (session, clock_now):
        now = now or clock_now
        bill = get_bill(session, bill_id)
        if kind is CheckKind.RECEIPT and bill.status not in RECEIPT_STATUSES:
            raise NotAllowed(N_("This bill is not paid yet: print its guest check instead."))
        if kind is CheckKind.GUEST_CHECK and bill.status != BillStatus.OPEN:
            raise NotAllowed(N_("Only an open bill has a guest check; print its receipt."))
        lines = session.scalars(
            select(OrderLine)
            .where(OrderLine.bill_id == bill.id)
            .options(selectinload(OrderLine.options))
            .order_by(OrderLine.id)
        ).all()
        printed = _check_lines(lines, language, show_voided=kind is CheckKind.GUEST_CHECK)
        merged = merged_bills_into(session, bill.id)
        table = " + ".join([bill.table.name, *(other.table.name for other in merged)])
        common = dict(
            kind=kind,
            language=language.code,
            venue=venue_header(session, language),
            bill_id=bill.id,
            table=table,
            guests=bill.guests,
            waiter=bill.waiter.name if bill.waiter else "",
            cashier=_staff_name(session, bill.cashier_id),
            opened_at=bill.opened_at,
            printed_at=now,
            lines=printed,
            invoice_requested=bill.invoice_requested,
            member=bill.member_ref,
            reprint_at=reprint_at,
            revision=bill.revision,
        )
        parts = bill_parts(session, bill, now)
        figures = dict(
            items_fen=parts.items,
            options_fen=parts.options,
            discount_fen=parts.discounts,
            seat_fee_fen=parts.seat_fee,
            room_fee_fen=parts.room_fee,
            minimum_topup_fen=parts.minimum_spend_topup,
            service_charge_fen=parts.service_charge,
            rounding_fen=parts.rounding,
            total_fen=parts.total,
        )
        if kind is CheckKind.GUEST_CHECK:
            return CheckDocument(**common, **figures)
        return CheckDocument(
            **common,
            **figures,
            receipt_no=bill.receipt_no,
            business_day=bill.business_day,
            closed_at=bill.closed_at,
            tenders=tuple(
                TenderLine(
                    method=language.gettext(TENDER_LABELS[TenderMethod(tender.method)]),
                    amount_fen=tender.amount_fen,
                    signer=tender.signer,
                )
                for tender in bill.tenders
            ),
            change_fen=bill.change_fen,
        )


def _check_lines(
    lines: list[OrderLine], language: Language, *, show_voided: bool
) -> tuple[CheckLine, ...]:
    """One printed line per dish with what it adds to the bill, its reversals folded in, so
    the lines add up to the bill's items and discounts exactly as ``breakdown`` counts them.
    A dish voided in full adds nothing; the check shows what was voided, the receipt not."""
    reversals: dict[int, list[OrderLine]] = {}
    for line in lines:
        if line.kind == LineKind.REVERSAL and line.reverses_id is not None:
            reversals.setdefault(line.reverses_id, []).append(line)
    printed: list[CheckLine] = []
    for line in lines:
        if line.kind in (LineKind.COMPONENT, LineKind.REVERSAL):
            continue
        reversed_lines = reversals.get(line.id, [])
        voided_milli = -sum(r.quantity_milli for r in reversed_lines)
        fully_voided = line.kind == LineKind.ITEM and line.status == LineStatus.VOIDED
        base = dict(
            name=language.pick(line.name_zh, line.name_en),
            unit=language.pick(line.unit_zh, line.unit_en),
            unit_price_fen=line.unit_price_fen,
            options=tuple(
                (language.pick(o.name_zh, o.name_en), o.surcharge_fen) for o in line.options
            ),
            note=line.note,
        )
        if not fully_voided:
            parts = [priced_line(line), *(priced_line(r) for r in reversed_lines)]
            printed.append(
                CheckLine(
                    **base,
                    quantity_milli=line.quantity_milli - voided_milli,
                    amount_fen=sum(p.gross for p in parts),
                    discount_fen=sum(p.line_discount for p in parts),
                )
            )
        if show_voided and (fully_voided or voided_milli):
            printed.append(
                CheckLine(
                    **base,
                    quantity_milli=line.quantity_milli if fully_voided else voided_milli,
                    amount_fen=0,
                    voided=True,
                )
            )
    return tuple(printed)


def _staff_name(session: Session, staff_id: int | None) -> str:
    if staff_id is None:
        return ""
    staff = session.get(Staff, staff_id)
    return staff.name if staff else ""


def kitchen_ticket_document(
    source: SessionSource,
    ticket_id: int,
    *,
    language: Language,
    reprint_at: datetime | None = None,
) -> KitchenTicketDocument:
    """What one ticket tells its station: the ticket's own quantities (an add-on only its
    new dishes, a void what was voided), options, notes, held dishes and weights."""
    with _session(source) as (session, _now):
        ticket = session.get(KitchenTicket, ticket_id)
        if ticket is None:
            raise NotFound(N_("That kitchen ticket does not exist."))
        bill = session.get(Bill, ticket.bill_id)
        station = session.get(Station, ticket.station_id)
        rows = session.execute(
            select(KitchenTicketLine, OrderLine, MenuItem.weighed)
            .join(OrderLine, OrderLine.id == KitchenTicketLine.line_id)
            .outerjoin(MenuItem, MenuItem.id == OrderLine.item_id)
            .where(KitchenTicketLine.ticket_id == ticket.id)
            .options(selectinload(OrderLine.options))
            .order_by(KitchenTicketLine.id)
        ).all()
        waiter = _staff_name(session, ticket.staff_id)
        if not waiter and bill is not None and bill.waiter is not None:
            waiter = bill.waiter.name
        table = session.get(DiningTable, ticket.table_id)
        return KitchenTicketDocument(
            ticket_id=ticket.id,
            kind=TicketKind(ticket.kind),
            language=language.code,
            station=language.pick(station.name_zh, station.name_en) if station else "",
            table=table.name if table else "",
            guests=bill.guests if bill is not None else 0,
            waiter=waiter,
            created_at=ticket.created_at,
            lines=tuple(
                TicketLine(
                    name=language.pick(line.name_zh, line.name_en),
                    quantity_milli=ticket_line.quantity_milli,
                    unit=language.pick(line.unit_zh, line.unit_en),
                    weighed=bool(weighed),
                    options=tuple(language.pick(o.name_zh, o.name_en) for o in line.options),
                    note=line.note,
                    held=ticket_line.held,
                )
                for ticket_line, line, weighed in rows
            ),
            note=ticket.note,
            reprint_at=reprint_at,
        )


def find_receipt(source: SessionSource, number: int, *, day: date | None = None) -> int:
    """The bill holding receipt ``number`` of business ``day`` (default: the latest day that
    has that number)."""
    with _session(source) as (session, _now):
        query = select(Bill.id).where(Bill.receipt_no == number, Bill.status.in_(RECEIPT_STATUSES))
        if day is not None:
            query = query.where(Bill.business_day == day)
        bill_id = session.scalar(query.order_by(Bill.business_day.desc()).limit(1))
    if bill_id is None:
        raise NotFound(N_("There is no receipt number {number}."), number=number)
    return bill_id


def kitchen_tickets_of(source: SessionSource, bill_id: int) -> list[tuple[int, str, str]]:
    """A bill's kitchen tickets in the order they were made: (ticket id, station code, kind)."""
    with _session(source) as (session, _now):
        get_bill(session, bill_id)
        rows = session.execute(
            select(KitchenTicket.id, Station.code, KitchenTicket.kind)
            .join(Station, Station.id == KitchenTicket.station_id)
            .where(KitchenTicket.bill_id == bill_id)
            .order_by(KitchenTicket.id)
        ).all()
        return [(row.id, row.code, row.kind) for row in rows]
