"""How the service went, per waiter, for the shift summary: the service steps that came due
and what became of them, and the pace of the meal from seating to the last visit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from statistics import mean, median

from sqlalchemy import case, func, select

from app.services.bills import LineKind
from app.services.context import Context
from db.models import Bill, OrderLine, ServicePrompt, Staff, TableVisit

LATE_AFTER_SECONDS = 60  # a step done within a minute of coming due is on time


@dataclass(frozen=True)
class WaiterServiceFigures:
    """One waiter's service in a period. Minutes are ``None`` when nothing was measured.

    - due / done / late / skipped: service steps that came due for the waiter's tables;
      late = done a minute or more after coming due
    - missed: due and never done nor skipped before their moment passed (the party paid
      and left, the table moved on); counted in ``due`` and not in ``done``
    - seat_to_order_minutes: mean time from seating (开台) to the first dish ordered
    - order_to_first_dish_minutes: mean time from the first send (落单) to the first dish
      served
    - dish_lead_minutes_median: median time from a dish sent (or called, 叫起) to served
    - longest_visit_gap_minutes: the longest time a party sat without staff at its table
    """

    staff_id: int
    name: str
    due: int
    done: int
    late: int
    skipped: int
    seat_to_order_minutes: float | None
    order_to_first_dish_minutes: float | None
    dish_lead_minutes_median: float | None
    longest_visit_gap_minutes: float | None
    missed: int = 0


WaiterFigures = WaiterServiceFigures


def _minutes(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 60


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def service_figures(ctx: Context, *, start: datetime, end: datetime) -> list[WaiterServiceFigures]:
    """Per waiter, for steps due and parties seated in ``[start, end)``; by waiter id."""
    now = ctx.now()
    with ctx.reading() as session:
        prompts = {
            row.staff_id: row
            for row in session.execute(
                select(
                    ServicePrompt.staff_id,
                    func.count().label("due"),
                    func.count(ServicePrompt.done_at).label("done"),
                    func.sum(
                        case(
                            (
                                (ServicePrompt.done_at.is_not(None))
                                & (ServicePrompt.late_seconds >= LATE_AFTER_SECONDS),
                                1,
                            ),
                            else_=0,
                        )
                    ).label("late"),
                    func.count(ServicePrompt.skipped_at).label("skipped"),
                    func.sum(
                        case(
                            (
                                (ServicePrompt.expired_at.is_not(None))
                                & ServicePrompt.done_at.is_(None)
                                & ServicePrompt.skipped_at.is_(None),
                                1,
                            ),
                            else_=0,
                        )
                    ).label("missed"),
                )
                .where(
                    ServicePrompt.due_at >= start,
                    ServicePrompt.due_at < end,
                    ServicePrompt.staff_id.is_not(None),
                )
                .group_by(ServicePrompt.staff_id)
            )
        }
        # the two "same party" conditions are checked here, not in SQL: there SQLite would
        # pick the split_from_id index and read every bill of the history (~50 ms on 3 years)
        bills = [
            bill
            for bill in session.execute(
                select(
                    Bill.id,
                    Bill.waiter_id,
                    Bill.opened_at,
                    Bill.closed_at,
                    Bill.split_from_id,
                    Bill.revision_of_id,
                ).where(
                    Bill.opened_at >= start,
                    Bill.opened_at < end,
                    Bill.waiter_id.is_not(None),
                )
            ).all()
            if bill.split_from_id is None  # a split-off bill is the same party
            and bill.revision_of_id is None  # so is a reopened bill's new revision
        ]
        bill_ids = [bill.id for bill in bills]
        lines = []
        visits = []
        if bill_ids:
            lines = session.execute(
                select(
                    OrderLine.bill_id,
                    OrderLine.kind,
                    OrderLine.station_id,
                    OrderLine.created_at,
                    OrderLine.sent_at,
                    OrderLine.fired_at,
                    OrderLine.served_at,
                ).where(
                    OrderLine.bill_id.in_(bill_ids),
                    OrderLine.kind.in_((LineKind.ITEM, LineKind.COMPONENT)),
                )
            ).all()
            visits = session.execute(
                select(TableVisit.bill_id, TableVisit.at).where(TableVisit.bill_id.in_(bill_ids))
            ).all()
        staff_ids = set(prompts) | {bill.waiter_id for bill in bills}
        names = dict(
            session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(staff_ids))).all()
        )
    lines_of: dict[int, list] = defaultdict(list)
    for line in lines:
        lines_of[line.bill_id].append(line)
    visits_of: dict[int, list[datetime]] = defaultdict(list)
    for visit in visits:
        visits_of[visit.bill_id].append(visit.at)
    to_order: dict[int, list[float]] = defaultdict(list)
    to_dish: dict[int, list[float]] = defaultdict(list)
    leads: dict[int, list[float]] = defaultdict(list)
    gaps: dict[int, float] = {}
    for bill in bills:
        waiter = bill.waiter_id
        own = lines_of.get(bill.id, [])
        ordered = [line.created_at for line in own if line.kind == LineKind.ITEM]
        if ordered:
            to_order[waiter].append(_minutes(bill.opened_at, min(ordered)))
        dishes = [line for line in own if line.station_id is not None]
        sent = [line.sent_at for line in dishes if line.sent_at is not None]
        served = [line.served_at for line in dishes if line.served_at is not None]
        if sent and served:
            to_dish[waiter].append(max(0.0, _minutes(min(sent), min(served))))
        for line in dishes:
            started = line.fired_at or line.sent_at
            if started is not None and line.served_at is not None:
                leads[waiter].append(max(0.0, _minutes(started, line.served_at)))
        last = bill.closed_at or min(now, end)
        moments = sorted(
            {bill.opened_at, last, *(at for at in visits_of.get(bill.id, []) if at <= last)}
        )
        if len(moments) > 1:
            gap = max(_minutes(a, b) for a, b in pairwise(moments))
            gaps[waiter] = max(gaps.get(waiter, 0.0), gap)
    result = []
    for staff_id in sorted(staff_ids):
        row = prompts.get(staff_id)
        result.append(
            WaiterServiceFigures(
                staff_id=staff_id,
                name=names.get(staff_id, ""),
                due=row.due if row else 0,
                done=row.done if row else 0,
                late=int(row.late or 0) if row else 0,
                skipped=row.skipped if row else 0,
                seat_to_order_minutes=_round(mean(to_order[staff_id]))
                if to_order.get(staff_id)
                else None,
                order_to_first_dish_minutes=_round(mean(to_dish[staff_id]))
                if to_dish.get(staff_id)
                else None,
                dish_lead_minutes_median=_round(median(leads[staff_id]))
                if leads.get(staff_id)
                else None,
                longest_visit_gap_minutes=_round(gaps.get(staff_id)),
                missed=int(row.missed or 0) if row else 0,
            )
        )
    return result
