"""Reservations: a table held for a party at a time (预订); seating links the reservation."""

from __future__ import annotations

from datetime import datetime

from app.domain.errors import N_, InvalidInput, NotAllowed, NotFound
from app.domain.table_state import TableState, move
from app.domain.text import NAME_MAX, NOTE_MAX, clean_text
from app.services.bills import get_table, venue_of
from app.services.context import Changes, Context
from db.models import Reservation


def reserve_table(
    ctx: Context,
    *,
    table_id: int,
    guest_name: str,
    party_size: int,
    arrive_at: datetime,
    phone: str = "",
    guest_title: str = "",
    note: str = "",
) -> Changes:
    """Hold a free table for a party; the floor shows it reserved until they arrive."""
    now = ctx.now()
    guest_name = clean_text(
        guest_name, max_length=NAME_MAX, required=True, what=N_("the guest's name")
    )
    phone = clean_text(phone, max_length=30)
    note = clean_text(note, max_length=NOTE_MAX)
    guest_title = clean_text(guest_title, max_length=10)
    with ctx.transaction() as session:
        table = get_table(session, table_id)
        if table.state != TableState.FREE:
            raise NotAllowed(N_("Table {table} is not free."), table=table.name)
        if not 1 <= party_size <= venue_of(session).max_party_size:
            raise InvalidInput(N_("A party needs at least one guest."))
        if arrive_at < now:
            raise InvalidInput(N_("A reservation must be for a time still to come."))
        reservation = Reservation(
            table_id=table.id,
            guest_name=guest_name,
            guest_title=guest_title,
            phone=phone,
            party_size=party_size,
            arrive_at=arrive_at,
            note=note,
            status="booked",
        )
        session.add(reservation)
        table.state = move(table.name, TableState.FREE, TableState.RESERVED)
        table.state_since = now
        session.flush()
        return Changes(tables=frozenset({table.id}))


def cancel_reservation(ctx: Context, *, reservation_id: int) -> Changes:
    """A party that cancels or does not come: the table is free again."""
    now = ctx.now()
    with ctx.transaction() as session:
        reservation = session.get(Reservation, reservation_id)
        if reservation is None or reservation.status != "booked":
            raise NotFound(N_("That reservation is not waiting to be seated."))
        reservation.status = "cancelled"
        changed = frozenset()
        if reservation.table_id is not None:
            table = get_table(session, reservation.table_id)
            if table.state == TableState.RESERVED:
                table.state = TableState.FREE
                table.state_since = now
            changed = frozenset({table.id})
        return Changes(tables=changed)
