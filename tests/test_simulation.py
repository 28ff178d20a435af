"""A simulated business day, played through the real services on the demo venue, leaves a
store that keeps every rule: money adds up, receipts are numbered without gaps, the floor
is free at closing, and the same seed gives the same day."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.services.context import Context
from app.services.simulation import SimulationReport, simulate_days
from db.engine import Store, sqlite_url
from db.models import (
    AuditEntry,
    Bill,
    DiningTable,
    KitchenTicketLine,
    OrderLine,
    ReceiptCounter,
    TenderRow,
)
from tests.support import Clock, Demo, copy_store


@dataclass
class Simulated:
    ctx: Context
    report: SimulationReport


@pytest.fixture(scope="module")
def simulated(demo_template: Path, tmp_path_factory) -> Iterator[Simulated]:
    """One simulated day on a copy of the demo store, shared by the checks below."""
    path = copy_store(demo_template, tmp_path_factory.mktemp("sim") / "venue.sqlite3")
    store = Store.open(sqlite_url(path))
    ctx = Context(store, clock=Clock())
    yield Simulated(ctx, simulate_days(ctx, days=1))
    store.close()


def _bills(ctx: Context, *statuses: str) -> list[Bill]:
    with ctx.reading() as session:
        return list(session.scalars(select(Bill).where(Bill.status.in_(statuses))))


def test_a_simulated_day_seats_and_settles_a_full_house(simulated: Simulated) -> None:
    report = simulated.report
    paid = _bills(simulated.ctx, "paid")
    assert report.days == 1
    assert 60 <= report.parties <= 120
    assert report.bills_settled > 40
    assert len(paid) > 40
    assert report.revenue_fen == sum(bill.total_fen for bill in paid) > 0
    assert report.voids and report.transfers and report.splits and report.merges
    assert "¥" in report.summary() and "Revenue" in report.summary()


def test_every_paid_bill_is_covered_by_its_tenders_to_the_fen(simulated: Simulated) -> None:
    with simulated.ctx.reading() as session:
        tendered = dict(
            session.execute(
                select(TenderRow.bill_id, func.sum(TenderRow.amount_fen)).group_by(
                    TenderRow.bill_id
                )
            ).all()
        )
    for bill in _bills(simulated.ctx, "paid", "reopened"):
        assert tendered.get(bill.id, 0) - bill.change_fen == bill.total_fen, bill.id


def test_the_frozen_figures_of_each_closed_bill_add_up(simulated: Simulated) -> None:
    closed = _bills(simulated.ctx, "paid", "reopened", "split")
    assert closed
    for bill in closed:
        parts = (
            bill.items_fen
            - bill.discount_fen
            + bill.seat_fee_fen
            + bill.room_fee_fen
            + bill.minimum_topup_fen
            + bill.service_charge_fen
            + bill.rounding_fen
        )
        assert parts == bill.total_fen, bill.id


def test_receipt_numbers_run_from_one_without_gaps_each_business_day(
    simulated: Simulated,
) -> None:
    numbers: dict[object, list[int]] = defaultdict(list)
    for bill in _bills(simulated.ctx, "paid", "reopened"):
        numbers[bill.business_day].append(bill.receipt_no)
    with simulated.ctx.reading() as session:
        counters = dict(
            session.execute(select(ReceiptCounter.business_day, ReceiptCounter.last_no)).all()
        )
    assert numbers
    for day, received in numbers.items():
        assert sorted(received) == list(range(1, len(received) + 1)), day
        assert counters[day] == len(received)


def test_the_day_ends_with_every_table_free_and_no_bill_open(simulated: Simulated) -> None:
    with simulated.ctx.reading() as session:
        states = set(session.scalars(select(DiningTable.state)))
    assert states == {"free"}
    assert _bills(simulated.ctx, "open") == []


def test_each_reopened_bill_has_its_next_revision(simulated: Simulated) -> None:
    reopened = _bills(simulated.ctx, "reopened")
    assert reopened, "the simulation reopens about one bill a day"
    with simulated.ctx.reading() as session:
        for old in reopened:
            new = session.scalars(select(Bill).where(Bill.revision_of_id == old.id)).one()
            assert new.revision == old.revision + 1
            assert new.status in ("paid", "reopened")


def test_every_dish_sent_to_a_station_is_on_a_kitchen_ticket(simulated: Simulated) -> None:
    with simulated.ctx.reading() as session:
        sent = set(
            session.scalars(
                select(OrderLine.id)
                .join(Bill, Bill.id == OrderLine.bill_id)
                .where(
                    OrderLine.sent_at.is_not(None),
                    OrderLine.station_id.is_not(None),
                    OrderLine.kind.in_(("item", "component")),
                    Bill.revision == 1,  # a reopened bill's copies were never sent again
                )
            )
        )
        ticketed = set(session.scalars(select(KitchenTicketLine.line_id)))
    assert sent
    assert sent <= ticketed


def test_manager_actions_carry_the_managers_authorisation(simulated: Simulated) -> None:
    manager = Demo(simulated.ctx).manager
    with simulated.ctx.reading() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action.in_(("void", "reopen", "discount")))
        ).all()
    assert entries
    assert {entry.authorised_by_id for entry in entries} == {manager}


def test_the_same_seed_plays_the_same_day(simulated: Simulated, ctx: Context, demo: Demo) -> None:
    again = simulate_days(ctx, days=1, seed=1)
    assert dataclasses.asdict(again) == dataclasses.asdict(simulated.report)
    with ctx.reading() as session:
        totals = sorted(session.scalars(select(Bill.total_fen).where(Bill.status == "paid")))
    assert totals == sorted(bill.total_fen for bill in _bills(simulated.ctx, "paid"))
    assert demo.table("A1")  # the same demo floor


def test_a_second_run_continues_on_the_next_day(ctx: Context) -> None:
    first = simulate_days(ctx, days=1, seed=3)
    second = simulate_days(ctx, days=1, seed=4)
    assert first.last_day is not None
    assert second.first_day == first.last_day + timedelta(days=1)


def test_the_simulate_command_plays_a_day(tmp_path: Path, capsys) -> None:
    assert main(["--db", str(tmp_path / "sim.sqlite3"), "simulate", "--days", "1"]) == 0
    assert "Bills settled" in capsys.readouterr().out
