"""Kitchen tickets: what each station is told at a send, add-on, fire, hurry, void or
transfer, each queued for printing in the same transaction (``app.services.print_queue``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy.orm import Session

from app.services.print_queue import queue_kitchen_ticket
from db.models import Bill, KitchenTicket, KitchenTicketLine, OrderLine


class TicketKind:
    ORDER = "order"  # the first send of a bill
    ADDON = "addon"  # 加菜
    FIRE = "fire"  # 即起: held dishes called
    HURRY = "hurry"  # 催菜
    VOID = "void"  # 退菜
    TRANSFER = "transfer"  # 转台


def ticket_for_lines(
    session: Session,
    bill: Bill,
    lines: list[OrderLine],
    *,
    kind: str,
    now: datetime,
    staff_id: int | None = None,
    note: str = "",
    quantities: dict[int, int] | None = None,
) -> tuple[int, ...]:
    """One ticket per station for ``lines``, each with its print job; returns the new
    ticket ids."""
    by_station: dict[int, list[OrderLine]] = defaultdict(list)
    for line in lines:
        if line.station_id is not None:
            by_station[line.station_id].append(line)
    ids = []
    for station_id, station_lines in sorted(by_station.items()):
        ticket = KitchenTicket(
            bill_id=bill.id,
            table_id=bill.table_id,
            station_id=station_id,
            kind=kind,
            staff_id=staff_id,
            created_at=now,
            note=note,
        )
        session.add(ticket)
        session.flush()
        for line in station_lines:
            quantity = (quantities or {}).get(line.id, line.quantity_milli)
            session.add(
                KitchenTicketLine(
                    ticket_id=ticket.id,
                    line_id=line.id,
                    quantity_milli=quantity,
                    held=line.status == "held",
                )
            )
        queue_kitchen_ticket(session, ticket)
        ids.append(ticket.id)
    return tuple(ids)
