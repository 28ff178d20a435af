"""Reservations and the table state machine."""

from __future__ import annotations

from itertools import pairwise

import pytest

from app.domain.errors import NotAllowed
from app.domain.table_state import OCCUPIED, TableState, move, require_free
from app.i18n import Language
from app.services import queries, reservations, seating


def state(ctx, name):
    return next(t.state for t in queries.floor_snapshot(ctx) if t.name == name)


def test_a_reserved_table_is_seated_with_its_reservation(ctx, demo, clock):
    reservations.reserve_table(
        ctx,
        table_id=demo.table("C1"),
        guest_name="王",
        guest_title="先生",
        party_size=10,
        arrive_at=clock().replace(hour=18),
        phone="13800000000",
    )
    assert state(ctx, "C1") is TableState.RESERVED
    bill_id = seating.seat_party(ctx, table_id=demo.table("C1"), guests=9).bill_id
    from db.models import Bill, Reservation

    with ctx.reading() as session:
        bill = session.get(Bill, bill_id)
        assert session.get(Reservation, bill.reservation_id).status == "seated"
    assert state(ctx, "C1") is TableState.SEATED


def test_cancelling_a_reservation_frees_the_table(ctx, demo, clock):
    reservations.reserve_table(
        ctx,
        table_id=demo.table("B1"),
        guest_name="李",
        party_size=6,
        arrive_at=clock().replace(hour=19),
    )
    from sqlalchemy import select

    from db.models import Reservation

    with ctx.reading() as session:
        reservation_id = session.scalars(select(Reservation.id)).one()
    reservations.cancel_reservation(ctx, reservation_id=reservation_id)
    assert state(ctx, "B1") is TableState.FREE


def test_a_busy_table_cannot_be_reserved(ctx, demo, clock):
    seating.seat_party(ctx, table_id=demo.table("A1"), guests=2)
    with pytest.raises(NotAllowed):
        reservations.reserve_table(
            ctx,
            table_id=demo.table("A1"),
            guest_name="张",
            party_size=2,
            arrive_at=clock().replace(hour=20),
        )


def test_state_machine_refuses_illegal_moves_with_a_readable_message():
    with pytest.raises(NotAllowed) as caught:
        move("A1", TableState.FREE, TableState.PAID)
    assert Language("zh_CN").error_text(caught.value) == "桌台A1当前为“空闲”，不能转为“已结账”。"
    assert "free" in Language("en").error_text(caught.value)
    with pytest.raises(NotAllowed):
        move("A1", TableState.CLEARING, TableState.RESERVED)
    with pytest.raises(NotAllowed):
        require_free("A1", TableState.DINING)


@pytest.mark.parametrize("occupied", sorted(OCCUPIED))
def test_an_occupied_table_can_only_leave_service_by_payment_or_clearing(occupied):
    for target in (TableState.RESERVED,):
        with pytest.raises(NotAllowed):
            move("A1", occupied, target)
    assert move("A1", occupied, TableState.CLEARING) is TableState.CLEARING


def test_the_dining_cycle_is_allowed_in_order():
    cycle = [
        TableState.FREE,
        TableState.RESERVED,
        TableState.SEATED,
        TableState.ORDERED,
        TableState.DINING,
        TableState.BILL_REQUESTED,
        TableState.PAID,
        TableState.CLEARING,
        TableState.FREE,
    ]
    for current, target in pairwise(cycle):
        assert move("A1", current, target) is target
