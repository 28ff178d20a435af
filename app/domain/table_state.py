"""The table state machine: free → (reserved) → seated → ordered → dining → bill requested
→ paid → clearing → free. Illegal moves are refused with a message a waiter can read."""

from __future__ import annotations

from enum import StrEnum

from app.domain.errors import N_, NotAllowed, Phrase


class TableState(StrEnum):
    FREE = "free"
    RESERVED = "reserved"
    SEATED = "seated"
    ORDERED = "ordered"
    DINING = "dining"
    BILL_REQUESTED = "bill_requested"
    PAID = "paid"
    CLEARING = "clearing"


STATE_LABELS: dict[TableState, str] = {
    TableState.FREE: N_("free"),
    TableState.RESERVED: N_("reserved"),
    TableState.SEATED: N_("seated"),
    TableState.ORDERED: N_("ordered"),
    TableState.DINING: N_("dining"),
    TableState.BILL_REQUESTED: N_("bill requested"),
    TableState.PAID: N_("paid"),
    TableState.CLEARING: N_("clearing"),
}

OCCUPIED = frozenset(
    {TableState.SEATED, TableState.ORDERED, TableState.DINING, TableState.BILL_REQUESTED}
)

_S = TableState
ALLOWED: dict[TableState, frozenset[TableState]] = {
    _S.FREE: frozenset({_S.RESERVED, _S.SEATED}),
    _S.RESERVED: frozenset({_S.FREE, _S.SEATED}),
    # while a party sits, the state follows its order; a party that leaves with nothing
    # ordered frees the table, one that paid leaves it for clearing
    _S.SEATED: OCCUPIED | {_S.FREE, _S.PAID, _S.CLEARING},
    _S.ORDERED: OCCUPIED | {_S.PAID, _S.CLEARING},
    _S.DINING: OCCUPIED | {_S.PAID, _S.CLEARING},
    _S.BILL_REQUESTED: OCCUPIED | {_S.PAID, _S.CLEARING},
    _S.PAID: frozenset({_S.CLEARING}) | OCCUPIED,  # reopened (反结账) goes back to service
    _S.CLEARING: frozenset({_S.FREE}) | OCCUPIED,
}


def move(table_name: str, current: TableState, target: TableState) -> TableState:
    """Return ``target`` if the table may go there from ``current``, else refuse."""
    if current == target:
        return target
    if target not in ALLOWED[current]:
        raise NotAllowed(
            N_("Table {table} is {current} and cannot become {target}."),
            table=table_name,
            current=StateName(current),
            target=StateName(target),
        )
    return target


def require_free(table_name: str, current: TableState) -> None:
    """Seating needs a free (or reserved) table."""
    if current not in (TableState.FREE, TableState.RESERVED):
        raise NotAllowed(
            N_("Table {table} is not free: it is {current}."),
            table=table_name,
            current=StateName(current),
        )


def StateName(state: TableState) -> Phrase:
    """A table state as a message value, translated by the UI like the message itself."""
    return Phrase(STATE_LABELS[TableState(state)])


def state_for_order(*, any_line: bool, any_served: bool) -> TableState:
    """Where an occupied table stands: just seated, order taken, or eating."""
    if any_served:
        return TableState.DINING
    return TableState.ORDERED if any_line else TableState.SEATED
