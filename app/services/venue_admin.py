"""The back office's venue: rooms and tables on the plan, staff and their PINs, and the
venue's settings (receipt header and footer, language, service charge, rounding, auto-lock,
drawer tolerance).

Each change is one transaction, checked before anything is written; a refusal is an error
the manager can read. Changes to the money rules (seat fees, minimum spends, timed prices,
service charge, rounding, drawer tolerance) and to staff (PINs, roles, lock-outs) leave an
audit entry saying who changed what, from what to what.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import (
    N_,
    Amount,
    InvalidInput,
    NotAllowed,
    NotFound,
    Phrase,
    XiaoerError,
)
from app.domain.money import RoundingMode, div_round_half_up
from app.domain.table_state import StateName, TableState
from app.domain.text import NAME_MAX, clean_text
from app.services.audit import record
from app.services.bills import derived_state, get_table, venue_of
from app.services.context import Changes, Context
from app.services.staff import Role, check_pin_format, hash_pin
from app.services.venue import AUTO_LOCK_RANGE
from db.models import DiningTable, Reservation, Room, Staff, profile_for_room_kind

# ---------------------------------------------------------------- limits

PLAN_WIDTH = 1000
PLAN_HEIGHT = 640
"""Every room's plan is 1000 × 640 plan units; the screens scale it."""
GRID = 10
"""Tables snap to this grid when placed, moved or resized."""
TABLE_GAP = GRID
"""The least room between two tables, so that the floor plan keeps them apart."""
NUDGE = 4 * GRID
"""A table dropped slightly onto another is moved up to this far to the nearest free place."""
SIZE_RANGE = (40, 600)
SEATS_RANGE = (1, 50)
ROOM_KINDS = ("hall", "private", "tea")
TABLE_SHAPES = ("square", "round", "rect")
TABLE_NAME_MAX = 30
ROOM_NAME_MAX = 60
MAX_SEAT_FEE_FEN = 1_000_00  # ¥1,000 a guest is a typing slip
MAX_AMOUNT_FEN = 1_000_000_00  # ¥1,000,000 for a minimum spend, a block of time or a cap
MAX_MINUTES = 24 * 60
MAX_SERVICE_CHARGE_BP = 3000  # 30 %
MAX_DRAWER_TOLERANCE_FEN = 10_000_00
LOCALES = ("zh_CN", "en")
CURRENCIES = ("CNY",)
VENUE_ROUNDING = tuple(mode for mode in RoundingMode if mode is not RoundingMode.CUSTOM)
"""The house rules for rounding; a custom amount is a manager's choice on one bill."""
ROLES = (Role.WAITER, Role.CASHIER, Role.MANAGER)


@dataclass(frozen=True)
class Added(Changes):
    """What adding a room, a table or a staff member changed, with the new one's id."""

    new_id: int = 0


# ---------------------------------------------------------------- plan geometry


@dataclass(frozen=True)
class Box:
    """A table's place on the plan, in plan units."""

    x: int
    y: int
    width: int
    height: int

    def overlaps(self, other: Box, gap: int = TABLE_GAP) -> bool:
        """True when the two are closer than ``gap`` on both axes (they touch or overlap)."""
        return (
            self.x < other.x + other.width + gap
            and other.x < self.x + self.width + gap
            and self.y < other.y + other.height + gap
            and other.y < self.y + self.height + gap
        )

    def inside_plan(self) -> bool:
        return (
            self.x >= 0
            and self.y >= 0
            and self.x + self.width <= PLAN_WIDTH
            and self.y + self.height <= PLAN_HEIGHT
        )


def snap(value: int) -> int:
    """The nearest grid line."""
    return div_round_half_up(value, GRID) * GRID


def snapped_inside(box: Box) -> Box:
    """The box on the grid and pushed back inside the plan (size kept)."""
    x = min(max(0, snap(box.x)), PLAN_WIDTH - box.width)
    y = min(max(0, snap(box.y)), PLAN_HEIGHT - box.height)
    return replace(box, x=x, y=y)


def clear_of(box: Box, others: Iterable[Box]) -> bool:
    return not any(box.overlaps(other) for other in others)


def nearest_free_place(box: Box, others: list[Box], reach: int = NUDGE) -> Box | None:
    """Where the box goes: where it is when that is free, else the nearest free grid place
    within ``reach`` plan units, else None."""
    wanted = snapped_inside(box)
    if clear_of(wanted, others):
        return wanted
    steps = reach // GRID
    candidates = [
        snapped_inside(replace(wanted, x=wanted.x + dx * GRID, y=wanted.y + dy * GRID))
        for dx in range(-steps, steps + 1)
        for dy in range(-steps, steps + 1)
    ]
    candidates.sort(key=lambda c: ((c.x - wanted.x) ** 2 + (c.y - wanted.y) ** 2, c.y, c.x))
    return next((c for c in candidates if clear_of(c, others)), None)


def first_free_place(width: int, height: int, others: list[Box]) -> Box | None:
    """The first free place for a new table, row by row from the top left."""
    for y in range(GRID * 2, PLAN_HEIGHT - height + 1, GRID):
        for x in range(GRID * 2, PLAN_WIDTH - width + 1, GRID):
            candidate = Box(x, y, width, height)
            if clear_of(candidate, others):
                return candidate
    return None


# ---------------------------------------------------------------- what the editors show


@dataclass(frozen=True)
class RoomSetup:
    """A room as the layout editor shows it."""

    room_id: int
    code: str
    kind: str
    name_zh: str
    name_en: str
    seat_fee_fen: int
    sort_order: int
    tables: int  # active tables


@dataclass(frozen=True)
class TableSetup:
    """A table as the layout editor shows it: its place, size, shape, seats and prices."""

    table_id: int
    room_id: int
    name: str
    seats: int
    shape: str
    x: int
    y: int
    width: int
    height: int
    minimum_spend_fen: int
    timed_block_minutes: int
    timed_block_price_fen: int
    timed_free_minutes: int
    timed_cap_fen: int
    state: TableState

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.width, self.height)

    @property
    def timed(self) -> bool:
        return self.timed_block_minutes > 0 and self.timed_block_price_fen > 0


def room_setups(ctx: Context) -> list[RoomSetup]:
    """Every room in tab order with its number of tables in use."""
    with ctx.reading() as session:
        counts = dict(
            session.execute(
                select(DiningTable.room_id, func.count())
                .where(DiningTable.active.is_(True))
                .group_by(DiningTable.room_id)
            ).all()
        )
        return [
            RoomSetup(
                r.id,
                r.code,
                r.kind,
                r.name_zh,
                r.name_en,
                r.seat_fee_fen,
                r.sort_order,
                counts.get(r.id, 0),
            )
            for r in session.scalars(select(Room).order_by(Room.sort_order, Room.id))
        ]


def table_setups(ctx: Context, *, room_id: int | None = None) -> list[TableSetup]:
    """The tables in use, of one room or all, in their order."""
    with ctx.reading() as session:
        query = select(DiningTable).where(DiningTable.active.is_(True))
        if room_id is not None:
            query = query.where(DiningTable.room_id == room_id)
        return [_table_setup(t) for t in session.scalars(query.order_by(DiningTable.sort_order))]


def _table_setup(t: DiningTable) -> TableSetup:
    return TableSetup(
        t.id,
        t.room_id,
        t.name,
        t.seats,
        t.shape,
        t.x,
        t.y,
        t.width,
        t.height,
        t.minimum_spend_fen,
        t.timed_block_minutes,
        t.timed_block_price_fen,
        t.timed_free_minutes,
        t.timed_cap_fen,
        TableState(t.state),
    )


# ---------------------------------------------------------------- checks


def _whole(value: int, low: int, high: int, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(message, low=low, high=high)
    return value


def _record_change(
    ctx: Context,
    session: Session,
    action: str,
    before: object,
    after: object,
    *,
    staff_id: int | None,
    **what: object,
) -> None:
    """An audit entry for a setting changed from ``before`` to ``after``; none when the
    value stays the same."""
    if before != after:
        record(session, ctx.now(), action, staff_id=staff_id, **what, before=before, after=after)


def _amount(value: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        raise InvalidInput(
            N_("{what} must be between {low} and {high}."),
            what=Phrase(what),
            low=Amount(0),
            high=Amount(high),
        )
    return value


def _minutes(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_MINUTES:
        raise InvalidInput(
            N_("{what} must be between 0 and {high} minutes."), what=Phrase(what), high=MAX_MINUTES
        )
    return value


def _room(session: Session, room_id: int) -> Room:
    room = session.get(Room, room_id)
    if room is None:
        raise NotFound(N_("That room does not exist."))
    return room


def _room_kind(kind: str) -> str:
    if kind not in ROOM_KINDS:
        raise InvalidInput(N_("A room is a hall, a private room or a tea room."))
    return kind


def _room_names(session: Session, name_zh: str, name_en: str, room_id: int | None) -> tuple:
    zh = clean_text(name_zh, max_length=ROOM_NAME_MAX, required=True, what=N_("the room's name"))
    en = clean_text(name_en, max_length=ROOM_NAME_MAX)
    taken = session.scalar(
        select(Room.id).where(func.lower(Room.name_zh) == zh.lower(), Room.id != (room_id or 0))
    )
    if taken is not None:
        raise InvalidInput(N_("There is already a room named {name}."), name=zh)
    return zh, en


def _floor_changed(session: Session) -> Changes:
    """A room's tab changed: every table's floor is read again."""
    ids = session.scalars(select(DiningTable.id).where(DiningTable.active.is_(True))).all()
    return Changes(tables=frozenset(ids))


def _table_name(session: Session, name: str, table_id: int | None) -> str:
    clean = clean_text(name, max_length=TABLE_NAME_MAX, required=True, what=N_("the table's name"))
    other = session.scalar(
        select(DiningTable).where(
            func.lower(DiningTable.name) == clean.lower(), DiningTable.id != (table_id or 0)
        )
    )
    if other is not None:
        if other.active:
            raise InvalidInput(N_("There is already a table named {name}."), name=clean)
        raise InvalidInput(
            N_("The name {name} belongs to a table taken out of use; choose another."),
            name=clean,
        )
    return clean


def _neighbours(session: Session, room_id: int, table_id: int | None) -> list[Box]:
    return [
        Box(t.x, t.y, t.width, t.height)
        for t in session.scalars(
            select(DiningTable).where(
                DiningTable.room_id == room_id,
                DiningTable.active.is_(True),
                DiningTable.id != (table_id or 0),
            )
        )
    ]


def _size(width: int, height: int) -> tuple[int, int]:
    low, high = SIZE_RANGE
    for value in (width, height):
        _whole(value, low, high, N_("A table is {low} to {high} plan units wide and deep."))
    if width > PLAN_WIDTH or height > PLAN_HEIGHT:
        raise InvalidInput(N_("The table does not fit on the plan."))
    return snap(width), snap(height)


def _require_free(session: Session, table: DiningTable) -> None:
    """A table may be taken out of use only when nobody is at it and nobody is expected."""
    if derived_state(session, table) is not None or table.state != TableState.FREE:
        raise NotAllowed(
            N_("Table {table} is {current}: it can be removed only when it is free."),
            table=table.name,
            current=StateName(TableState(table.state)),
        )
    booked = session.scalar(
        select(func.count())
        .select_from(Reservation)
        .where(Reservation.table_id == table.id, Reservation.status == "booked")
    )
    if booked:
        raise NotAllowed(
            N_("Table {table} has reservations booked. Move or cancel them first."),
            table=table.name,
        )


# ---------------------------------------------------------------- rooms


def add_room(
    ctx: Context,
    *,
    name_zh: str,
    name_en: str = "",
    kind: str = "hall",
    seat_fee_fen: int = 0,
    staff_id: int | None = None,
) -> Added:
    """A new room (a new tab of the floor plan), after the others."""
    kind = _room_kind(kind)
    _amount(seat_fee_fen, MAX_SEAT_FEE_FEN, N_("The seat fee"))
    with ctx.transaction() as session:
        zh, en = _room_names(session, name_zh, name_en, None)
        last = session.scalar(select(func.max(Room.sort_order))) or 0
        number = (session.scalar(select(func.max(Room.id))) or 0) + 1
        codes = set(session.scalars(select(Room.code)))
        while f"room{number}" in codes:
            number += 1
        room = Room(
            code=f"room{number}",
            kind=kind,
            name_zh=zh,
            name_en=en,
            seat_fee_fen=seat_fee_fen,
            sort_order=last + 1,
            service_profile=profile_for_room_kind(kind),
        )
        session.add(room)
        session.flush()
        if seat_fee_fen:
            record(
                session,
                ctx.now(),
                "seat_fee_changed",
                staff_id=staff_id,
                room=zh,
                before=0,
                after=seat_fee_fen,
            )
        changed = _floor_changed(session)
        return Added(tables=changed.tables, new_id=room.id)


def rename_room(ctx: Context, *, room_id: int, name_zh: str, name_en: str) -> Changes:
    """The room's Chinese and English names, as its tab shows them."""
    with ctx.transaction() as session:
        room = _room(session, room_id)
        room.name_zh, room.name_en = _room_names(session, name_zh, name_en, room_id)
        return _floor_changed(session)


def set_room_kind(ctx: Context, *, room_id: int, kind: str) -> Changes:
    """Hall, private room or tea room; a room that followed its kind's service steps
    follows the new kind's."""
    kind = _room_kind(kind)
    with ctx.transaction() as session:
        room = _room(session, room_id)
        if room.service_profile == profile_for_room_kind(room.kind):
            room.service_profile = profile_for_room_kind(kind)
        room.kind = kind
        return _floor_changed(session)


def set_seat_fee(
    ctx: Context, *, room_id: int, seat_fee_fen: int, staff_id: int | None = None
) -> Changes:
    """The seat fee per guest (茶位费/餐位费) of every table in the room."""
    _amount(seat_fee_fen, MAX_SEAT_FEE_FEN, N_("The seat fee"))
    with ctx.transaction() as session:
        room = _room(session, room_id)
        before, room.seat_fee_fen = room.seat_fee_fen, seat_fee_fen
        _record_change(
            ctx,
            session,
            "seat_fee_changed",
            before,
            seat_fee_fen,
            staff_id=staff_id,
            room=room.name_zh,
        )
        return _floor_changed(session)


def move_room(ctx: Context, *, room_id: int, offset: int) -> Changes:
    """Move the room's tab ``offset`` places left (negative) or right."""
    with ctx.transaction() as session:
        ordered = list(session.scalars(select(Room).order_by(Room.sort_order, Room.id)))
        room = _room(session, room_id)
        index = ordered.index(room)
        target = min(max(0, index + offset), len(ordered) - 1)
        ordered.insert(target, ordered.pop(index))
        for position, each in enumerate(ordered):
            each.sort_order = position
        return _floor_changed(session)


def deactivate_room(ctx: Context, *, room_id: int, staff_id: int | None = None) -> Changes:
    """Take all of a room's tables out of use; refused while any of them has guests, an
    open bill or a reservation."""
    with ctx.transaction() as session:
        room = _room(session, room_id)
        tables = [t for t in room.tables if t.active]
        if not tables:
            raise NotAllowed(N_("Room {room} has no tables in use."), room=room.name_zh)
        for table in tables:
            _require_free(session, table)
        for table in tables:
            table.active = False
        room.active = False  # its tab leaves the floor plan too
        record(
            session,
            ctx.now(),
            "room_deactivated",
            staff_id=staff_id,
            room=room.name_zh,
            tables=[t.name for t in tables],
        )
        changed = _floor_changed(session)
        return Changes(tables=changed.tables | {t.id for t in tables})


# ---------------------------------------------------------------- tables


def suggested_table_name(ctx: Context, *, room_id: int) -> str:
    """A free name for a new table: the room's last table's number plus one (A6 → A7)."""
    with ctx.reading() as session:
        return _suggested_name(session, _room(session, room_id))


def _suggested_name(session: Session, room: Room) -> str:
    taken = {name.lower() for name in session.scalars(select(DiningTable.name))}
    numbered = [t.name for t in room.tables if re.search(r"\d+$", t.name)]
    if numbered:
        digits = re.search(r"\d+$", numbered[-1])[0]
        prefix, number = numbered[-1][: -len(digits)], int(digits)
    else:
        prefix, number = room.name_zh, 0
    while True:
        number += 1
        candidate = f"{prefix}{number}"
        if candidate.lower() not in taken:
            return candidate


def add_table(
    ctx: Context,
    *,
    room_id: int,
    name: str = "",
    seats: int = 4,
    shape: str = "square",
    width: int = 90,
    height: int = 90,
) -> Added:
    """A new free table in the room, at the first free place of its plan; with no name
    given it takes the next number (A6 → A7)."""
    _seats(seats)
    _shape(shape)
    width, height = _size(width, height)
    now = ctx.now()
    with ctx.transaction() as session:
        room = _room(session, room_id)
        name = _table_name(session, name or _suggested_name(session, room), None)
        place = first_free_place(width, height, _neighbours(session, room_id, None))
        if place is None:
            raise NotAllowed(N_("There is no free place on the plan for another table."))
        last = session.scalar(select(func.max(DiningTable.sort_order))) or 0
        table = DiningTable(
            room_id=room.id,
            name=name,
            seats=seats,
            shape=shape,
            x=place.x,
            y=place.y,
            width=width,
            height=height,
            sort_order=last + 1,
            state=TableState.FREE,
            state_since=now,
            active=True,
        )
        session.add(table)
        session.flush()
        return Added(tables=frozenset({table.id}), new_id=table.id)


def rename_table(ctx: Context, *, table_id: int, name: str) -> Changes:
    """A new name for the table; no two tables share one."""
    with ctx.transaction() as session:
        table = get_table(session, table_id)
        table.name = _table_name(session, name, table_id)
        return Changes(tables=frozenset({table.id}))


def move_table(ctx: Context, *, table_id: int, x: int, y: int) -> Changes:
    """Put the table at ``x, y`` on its room's plan: snapped to the grid, kept inside the
    plan, nudged off a table it slightly overlaps, refused when it would sit on one."""
    with ctx.transaction() as session:
        table = get_table(session, table_id)
        wanted = Box(int(x), int(y), table.width, table.height)
        place = nearest_free_place(wanted, _neighbours(session, table.room_id, table.id))
        if place is None:
            raise NotAllowed(
                N_("Table {table} cannot go there: it would be on another table."),
                table=table.name,
            )
        table.x, table.y = place.x, place.y
        return Changes(tables=frozenset({table.id}))


def resize_table(ctx: Context, *, table_id: int, width: int, height: int) -> Changes:
    """The table's width and depth on the plan; it stays inside the plan and off others."""
    width, height = _size(width, height)
    with ctx.transaction() as session:
        table = get_table(session, table_id)
        box = snapped_inside(Box(table.x, table.y, width, height))
        if not clear_of(box, _neighbours(session, table.room_id, table.id)):
            raise NotAllowed(
                N_("Table {table} cannot grow there: it would reach another table."),
                table=table.name,
            )
        table.x, table.y, table.width, table.height = box.x, box.y, box.width, box.height
        return Changes(tables=frozenset({table.id}))


def _shape(shape: str) -> str:
    if shape not in TABLE_SHAPES:
        raise InvalidInput(N_("A table is square, round or rectangular."))
    return shape


def _seats(seats: int) -> int:
    low, high = SEATS_RANGE
    return _whole(seats, low, high, N_("A table has between {low} and {high} seats."))


def set_table_shape(ctx: Context, *, table_id: int, shape: str) -> Changes:
    _shape(shape)
    with ctx.transaction() as session:
        table = get_table(session, table_id)
        table.shape = shape
        return Changes(tables=frozenset({table.id}))


def set_table_seats(ctx: Context, *, table_id: int, seats: int) -> Changes:
    _seats(seats)
    with ctx.transaction() as session:
        table = get_table(session, table_id)
        table.seats = seats
        return Changes(tables=frozenset({table.id}))


def set_minimum_spend(
    ctx: Context, *, table_id: int, minimum_spend_fen: int, staff_id: int | None = None
) -> Changes:
    """The least a party at this table (a private room) pays for food (包厢最低消费)."""
    _amount(minimum_spend_fen, MAX_AMOUNT_FEN, N_("The minimum spend"))
    with ctx.transaction() as session:
        table = get_table(session, table_id)
        before, table.minimum_spend_fen = table.minimum_spend_fen, minimum_spend_fen
        _record_change(
            ctx,
            session,
            "minimum_spend_changed",
            before,
            minimum_spend_fen,
            staff_id=staff_id,
            table_id=table.id,
        )
        return Changes(tables=frozenset({table.id}))


def set_timed_pricing(
    ctx: Context,
    *,
    table_id: int,
    block_minutes: int,
    block_price_fen: int,
    free_minutes: int = 0,
    cap_fen: int = 0,
    staff_id: int | None = None,
) -> Changes:
    """A room charged by time: a price per started block of minutes after some free
    minutes, up to a cap (0: no cap). A block of 0 minutes or a price of 0 ends it."""
    _minutes(block_minutes, N_("A block of time"))
    _amount(block_price_fen, MAX_AMOUNT_FEN, N_("The price of a block"))
    _minutes(free_minutes, N_("The free time"))
    _amount(cap_fen, MAX_AMOUNT_FEN, N_("The cap"))
    if (block_minutes == 0) != (block_price_fen == 0):
        raise InvalidInput(N_("A timed price needs both the block's minutes and its price."))
    if cap_fen and cap_fen < block_price_fen:
        raise InvalidInput(N_("The cap cannot be less than the price of one block."))
    if block_minutes == 0:
        free_minutes = cap_fen = 0  # not timed
    with ctx.transaction() as session:
        table = get_table(session, table_id)
        before = _timed_of(table)
        table.timed_block_minutes = block_minutes
        table.timed_block_price_fen = block_price_fen
        table.timed_free_minutes = free_minutes
        table.timed_cap_fen = cap_fen
        after = _timed_of(table)
        _record_change(
            ctx,
            session,
            "timed_pricing_changed",
            before,
            after,
            staff_id=staff_id,
            table_id=table.id,
        )
        return Changes(tables=frozenset({table.id}))


def _timed_of(table: DiningTable) -> dict[str, int]:
    return {
        "block_minutes": table.timed_block_minutes,
        "block_price_fen": table.timed_block_price_fen,
        "free_minutes": table.timed_free_minutes,
        "cap_fen": table.timed_cap_fen,
    }


def deactivate_table(ctx: Context, *, table_id: int, staff_id: int | None = None) -> Changes:
    """Take a free table off the plan; its past bills keep it."""
    with ctx.transaction() as session:
        table = get_table(session, table_id)
        _require_free(session, table)
        table.active = False
        record(session, ctx.now(), "table_deactivated", staff_id=staff_id, table_id=table.id)
        return Changes(tables=frozenset({table.id}))


# ---------------------------------------------------------------- staff


@dataclass(frozen=True)
class StaffRecord:
    """A staff member as the staff editor lists them."""

    staff_id: int
    name: str
    role: Role
    active: bool
    failed_attempts: int
    locked_until: datetime | None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


def staff_records(ctx: Context) -> list[StaffRecord]:
    """Everyone, those still working first."""
    with ctx.reading() as session:
        rows = session.scalars(select(Staff).order_by(Staff.active.desc(), Staff.id))
        return [
            StaffRecord(s.id, s.name, Role(s.role), s.active, s.failed_attempts, s.locked_until)
            for s in rows
        ]


def _role(role: str) -> Role:
    if role not in ROLES:
        raise InvalidInput(N_("A staff member is a waiter, a cashier or a manager."))
    return Role(role)


def _member(session: Session, member_id: int) -> Staff:
    member = session.get(Staff, member_id)
    if member is None or not member.active:
        raise NotFound(N_("This staff member is not known or no longer active."))
    return member


def _other_managers(session: Session, member: Staff) -> int:
    return session.scalar(
        select(func.count())
        .select_from(Staff)
        .where(Staff.role == Role.MANAGER, Staff.active.is_(True), Staff.id != member.id)
    )


def add_staff(
    ctx: Context, *, name: str, role: str, pin: str, staff_id: int | None = None
) -> Added:
    """A new staff member who logs in with their name's tile and this PIN."""
    name = clean_text(name, max_length=NAME_MAX, required=True, what=N_("the staff member's name"))
    role = _role(role)
    check_pin_format(pin)
    pin_hash = hash_pin(pin)
    with ctx.transaction() as session:
        taken = session.scalar(select(Staff.id).where(Staff.name == name, Staff.active.is_(True)))
        if taken is not None:
            raise InvalidInput(N_("There is already a staff member named {name}."), name=name)
        member = Staff(name=name, role=role, pin_hash=pin_hash, failed_attempts=0, active=True)
        session.add(member)
        session.flush()
        record(session, ctx.now(), "staff_added", staff_id=staff_id, member=name, role=role)
        return Added(new_id=member.id)


def set_role(ctx: Context, *, member_id: int, role: str, staff_id: int | None = None) -> Changes:
    """Waiter, cashier or manager; the last manager stays a manager."""
    role = _role(role)
    with ctx.transaction() as session:
        member = _member(session, member_id)
        if member.role == Role.MANAGER and role != Role.MANAGER:
            _keep_a_manager(session, member)
        before, member.role = member.role, role
        _record_change(
            ctx, session, "staff_role_changed", before, role, staff_id=staff_id, member=member.name
        )
        return Changes()


def _keep_a_manager(session: Session, member: Staff) -> None:
    if not _other_managers(session, member):
        raise NotAllowed(
            N_("{name} is the last manager: make someone else a manager first."),
            name=member.name,
        )


def reset_pin(ctx: Context, *, member_id: int, pin: str, staff_id: int | None = None) -> Changes:
    """A new PIN for someone who forgot theirs; any lock-out ends with it."""
    check_pin_format(pin)
    pin_hash = hash_pin(pin)
    with ctx.transaction() as session:
        member = _member(session, member_id)
        member.pin_hash = pin_hash
        member.failed_attempts = 0
        member.locked_until = None
        record(session, ctx.now(), "pin_reset", staff_id=staff_id, member=member.name)
        return Changes()


def release_lock(ctx: Context, *, member_id: int, staff_id: int | None = None) -> Changes:
    """End a lock-out after too many wrong PINs, and forget the wrong tries."""
    with ctx.transaction() as session:
        member = _member(session, member_id)
        member.failed_attempts = 0
        member.locked_until = None
        record(session, ctx.now(), "lock_released", staff_id=staff_id, member=member.name)
        return Changes()


def deactivate_staff(ctx: Context, *, member_id: int, staff_id: int | None = None) -> Changes:
    """Someone who left: they can no longer log in; their bills keep their name."""
    with ctx.transaction() as session:
        member = _member(session, member_id)
        if member.id == staff_id:
            raise NotAllowed(N_("You cannot deactivate yourself."))
        if member.role == Role.MANAGER:
            _keep_a_manager(session, member)
        member.active = False
        record(session, ctx.now(), "staff_deactivated", staff_id=staff_id, member=member.name)
        return Changes()


# ---------------------------------------------------------------- venue settings


@dataclass(frozen=True)
class VenueDetails:
    """The settings page: the receipt's header (name, address, phone, tax id) and footer,
    the language, currency and the house rules for money and the screens."""

    name_zh: str
    name_en: str
    address: str
    phone: str
    tax_id: str
    locale: str
    currency: str
    service_charge_bp: int
    rounding_mode: str
    auto_lock_seconds: int
    drawer_tolerance_fen: int
    receipt_footer_zh: str
    receipt_footer_en: str


SETTING_FIELDS = tuple(f.name for f in fields(VenueDetails))
MONEY_RULES = ("service_charge_bp", "rounding_mode", "drawer_tolerance_fen")
PHONE = re.compile(r"[0-9+\-() ]*")
TAX_ID = re.compile(r"[0-9A-Z]*")


def venue_details(ctx: Context) -> VenueDetails:
    with ctx.reading() as session:
        v = venue_of(session)
        return VenueDetails(**{name: getattr(v, name) for name in SETTING_FIELDS})


def check_venue_details(details: VenueDetails) -> dict[str, XiaoerError]:
    """Every setting that cannot be kept, by field name, with why (empty: all good)."""
    problems: dict[str, XiaoerError] = {}
    for name, check in _CHECKS.items():
        try:
            check(getattr(details, name))
        except XiaoerError as problem:
            problems[name] = problem
    return problems


def _check_name_zh(value: str) -> None:
    clean_text(value, max_length=80, required=True, what=N_("the venue's name"))


def _check_text(limit: int):
    return lambda value: clean_text(value, max_length=limit)


def _check_phone(value: str) -> None:
    clean_text(value, max_length=40)
    if not PHONE.fullmatch(value.strip()):
        raise InvalidInput(N_("A phone number has only digits, spaces, +, - and brackets."))


def _check_tax_id(value: str) -> None:
    clean_text(value, max_length=20)
    if not TAX_ID.fullmatch(value.strip()):
        raise InvalidInput(N_("A tax id has only digits and capital letters, at most 20."))


def _check_locale(value: str) -> None:
    if value not in LOCALES:
        raise InvalidInput(N_("Choose Chinese or English."))


def _check_currency(value: str) -> None:
    if value not in CURRENCIES:
        raise InvalidInput(N_("Only Chinese yuan (CNY) is supported."))


def _check_service_charge(value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(N_("The service charge is a percentage."))
    if not 0 <= value <= MAX_SERVICE_CHARGE_BP:
        raise InvalidInput(
            N_("The service charge must be between 0 and {high}."),
            high=f"{MAX_SERVICE_CHARGE_BP // 100}%",
        )


def _check_rounding(value: str) -> None:
    if value not in VENUE_ROUNDING:
        raise InvalidInput(N_("Choose one of the rounding rules."))


def _check_auto_lock(value: int) -> None:
    low, high = AUTO_LOCK_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(
            N_("Auto-lock must be between {low} and {high} seconds."), low=low, high=high
        )


def _check_tolerance(value: int) -> None:
    _amount(value, MAX_DRAWER_TOLERANCE_FEN, N_("The drawer tolerance"))


_CHECKS = {
    "name_zh": _check_name_zh,
    "name_en": _check_text(80),
    "address": _check_text(200),
    "phone": _check_phone,
    "tax_id": _check_tax_id,
    "locale": _check_locale,
    "currency": _check_currency,
    "service_charge_bp": _check_service_charge,
    "rounding_mode": _check_rounding,
    "auto_lock_seconds": _check_auto_lock,
    "drawer_tolerance_fen": _check_tolerance,
    "receipt_footer_zh": _check_text(200),
    "receipt_footer_en": _check_text(200),
}


def save_venue_details(
    ctx: Context, details: VenueDetails, *, staff_id: int | None = None
) -> Changes:
    """Keep every setting at once, or none when one of them is wrong (the first shown)."""
    problems = check_venue_details(details)
    if problems:
        raise next(iter(problems.values()))
    cleaned = {
        name: value.strip() if isinstance(value, str) else value
        for name, value in ((name, getattr(details, name)) for name in SETTING_FIELDS)
    }
    with ctx.transaction() as session:
        venue = venue_of(session)
        before = {name: getattr(venue, name) for name in MONEY_RULES}
        for name, value in cleaned.items():
            setattr(venue, name, value)
        after = {name: cleaned[name] for name in MONEY_RULES}
        _record_change(ctx, session, "venue_rules_changed", before, after, staff_id=staff_id)
        return Changes()
