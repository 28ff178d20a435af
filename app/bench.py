"""``xiaoer bench``: how fast the core actions are on an empty store and on a store holding
three years of a busy venue (about 300 bills a day on 120 tables). The history is
bulk-written with SQLAlchemy Core in a few big transactions; the actions run through the
real services on a real ``Context`` (WAL, synchronous=FULL, the wall clock)."""

from __future__ import annotations

import json
import math
import random
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select

from app.domain.billing import (
    BillRules,
    Discount,
    DiscountKind,
    PricedLine,
    Tender,
    TenderMethod,
    compute_bill,
)
from app.domain.money import MILLI, RoundingMode, split_evenly
from app.domain.timing import TimedPricing, minutes_between
from app.services import ordering, payment, queries, seating
from app.services.context import Context
from app.services.setup import create_demo_venue
from app.services.staff import Role
from db.engine import Store, make_engine, sqlite_url
from db.models import (
    AuditEntry,
    Bill,
    DiningTable,
    MenuItem,
    OrderLine,
    Room,
    Staff,
)

BENCH_TABLES = 120
MARKER = "bench_history"  # the audit action written last: the history is complete
HISTORY_FORMAT = 1
WARMUP = 5
TARGET_MS = 10.0
TARGET_RATIO = 1.5
ACTIONS = (
    ("seat", "开台 seat"),
    ("order_10_lines", "点菜 order 10 lines (one order)"),
    ("add_to_cart", "  one more dish (add_to_cart)"),
    ("send", "落单 send"),
    ("serve", "划菜 serve one line"),
    ("settle_2_tenders", "结账 settle, 2 tenders"),
    ("clear", "清台 clear"),
    ("floor_snapshot", "floor_snapshot, 120 tables"),
)


def default_store_path() -> Path:
    """The 3-year store lives in the per-user cache: it can always be built again."""
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("xiaoer"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "bench-3y.sqlite3"


# ---------------------------------------------------------------- the bench venue


def install_bench_venue(ctx: Context) -> None:
    """The demo venue plus generated hall rooms, 120 tables in all; each generated room is a
    grid of tables on the 1000 × 640 plan that never overlap."""
    create_demo_venue(ctx)
    with ctx.transaction() as session:
        count = session.scalar(select(func.count()).select_from(DiningTable)) or 0
        order = session.scalar(select(func.max(DiningTable.sort_order))) or 0
        rooms = session.scalar(select(func.count()).select_from(Room)) or 0
        missing = BENCH_TABLES - count
        letters = "DEFGHJKLMN"
        for number in range(math.ceil(missing / 20)):
            room = Room(
                code=f"hall{number + 2}",
                kind="hall",
                name_zh=f"大厅{number + 2}区",
                name_en=f"Hall {number + 2}",
                seat_fee_fen=200,
                sort_order=rooms + number,
            )
            session.add(room)
            for place in range(min(20, missing - 20 * number)):
                row, column = divmod(place, 5)
                seats = (4, 4, 6, 8, 4)[column] if row < 3 else (10, 6, 4, 6, 12)[column]
                order += 1
                room.tables.append(
                    DiningTable(
                        name=f"{letters[number]}{place + 1:02d}",
                        seats=seats,
                        shape="round" if seats >= 6 else "square",
                        x=60 + column * 190,
                        y=40 + row * 150,
                        width=110,
                        height=110,
                        sort_order=order,
                        state="free",
                    )
                )


# ---------------------------------------------------------------- bulk history


@dataclass(frozen=True)
class _Group:
    required: bool
    options: tuple[tuple[int, str, str, str, str, int], ...]  # id, group zh/en, zh, en, fen


@dataclass(frozen=True)
class _Item:
    id: int
    category: str
    name_zh: str
    name_en: str
    unit_zh: str
    unit_en: str
    station_id: int
    course: str
    price: int
    weighed: bool
    market: bool
    groups: tuple[_Group, ...]
    components: tuple[tuple[_Item, int], ...] = ()


@dataclass(frozen=True)
class _Table:
    id: int
    kind: str
    seats: int
    seat_fee: int
    minimum_spend: int
    pricing: TimedPricing | None


CATEGORY_WEIGHTS: dict[str, dict[str, float]] = {
    "hall": {
        "cold": 1.5,
        "hot": 4,
        "soup": 0.8,
        "staple": 1.6,
        "drink": 1.5,
        "live": 0.3,
        "dimsum": 0.3,
        "fruit": 0.2,
        "hotpot": 0.3,
        "set": 0.12,
    },
    "private": {
        "cold": 2,
        "hot": 5,
        "live": 1,
        "soup": 1,
        "staple": 1,
        "fruit": 0.5,
        "drink": 2,
        "set": 0.1,
    },
    "tea": {"tea": 2, "snack": 3, "dimsum": 2, "fruit": 1, "drink": 0.5, "set": 0.2},
}
LINES_PER_BILL = {"hall": (5, 10), "private": (9, 14), "tea": (3, 7)}
VOID_REASONS = ("客人退菜", "上错菜", "菜品质量问题", "等待时间过长")
PORTIONS = (MILLI, MILLI, MILLI, MILLI, 2 * MILLI, 2 * MILLI, 3 * MILLI)


_B = {column.name: index for index, column in enumerate(Bill.__table__.columns)}
_L = {column.name: index for index, column in enumerate(OrderLine.__table__.columns)}


def _ts(moment: datetime) -> str:
    """A datetime as SQLAlchemy stores it in SQLite (whole seconds here)."""
    return moment.isoformat(" ") + ".000000"


class _Insert:
    """One table's compiled Core insert and the rows waiting for it."""

    def __init__(self, connection: Connection, table_name: str) -> None:
        table = AuditEntry.metadata.tables[table_name]
        self.columns = [column.name for column in table.columns]
        compiled = insert(table).compile(dialect=connection.dialect, column_keys=self.columns)
        if list(compiled.positiontup or ()) != self.columns:
            raise RuntimeError(f"unexpected parameter order for {table_name}")
        self.sql = compiled.string
        self.rows: list[Any] = []

    def flush(self, connection: Connection) -> int:
        count = len(self.rows)
        if self.rows:
            connection.exec_driver_sql(self.sql, [tuple(row) for row in self.rows])
            self.rows = []
        return count


@dataclass
class BuildInfo:
    path: str
    reused: bool
    days: int
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)
    size_bytes: int = 0


@dataclass
class _Venue:
    """The venue as the history writer needs it."""

    tables: list[_Table]
    choices: dict[str, tuple[list[_Item], list[float]]]
    waiters: list[int]
    cashier: int | None
    manager: int | None


def _load_venue(ctx: Context) -> _Venue:
    with ctx.reading() as session:
        tables = [
            _Table(
                t.id,
                t.room.kind,
                t.seats,
                t.room.seat_fee_fen,
                t.minimum_spend_fen,
                TimedPricing(
                    t.timed_block_minutes,
                    t.timed_block_price_fen,
                    t.timed_free_minutes,
                    t.timed_cap_fen,
                )
                if t.timed_block_price_fen
                else None,
            )
            for t in session.scalars(
                select(DiningTable)
                .where(DiningTable.active.is_(True))
                .order_by(DiningTable.sort_order)
            )
        ]
        items: dict[int, _Item] = {}
        for item in session.scalars(
            select(MenuItem)
            .where(MenuItem.active.is_(True), MenuItem.sold_out.is_(False))
            .order_by(MenuItem.sort_order)
        ):
            groups = tuple(
                _Group(
                    group.required,
                    tuple(
                        (o.id, group.name_zh, group.name_en, o.name_zh, o.name_en, o.surcharge_fen)
                        for o in group.options
                    ),
                )
                for group in item.option_groups
            )
            items[item.id] = _Item(
                item.id,
                item.category.code,
                item.name_zh,
                item.name_en,
                item.unit_zh,
                item.unit_en,
                item.station_id,
                item.course,
                item.price_fen,
                item.weighed,
                item.market_price,
                groups,
            )
        for item in session.scalars(select(MenuItem).where(MenuItem.is_set_meal.is_(True))):
            if item.id in items:
                parts = tuple(
                    (items[c.component_item_id], c.quantity)
                    for c in item.components
                    if c.component_item_id in items
                )
                items[item.id] = replace(items[item.id], components=parts)
        staff = session.execute(select(Staff.id, Staff.role).order_by(Staff.id)).all()
    choices: dict[str, tuple[list[_Item], list[float]]] = {}
    for kind, weights in CATEGORY_WEIGHTS.items():
        pool: list[_Item] = []
        cumulative: list[float] = []
        total = 0.0
        for category, weight in weights.items():
            members = [i for i in items.values() if i.category == category]
            for item in members:
                total += weight / len(members)
                pool.append(item)
                cumulative.append(total)
        choices[kind] = (pool, cumulative)
    return _Venue(
        tables=tables,
        choices=choices,
        waiters=[s.id for s in staff if s.role == Role.WAITER] or [staff[0].id],
        cashier=next((s.id for s in staff if s.role == Role.CASHIER), None),
        manager=next((s.id for s in staff if s.role == Role.MANAGER), None),
    )


class _History:
    """Writes ``days`` business days of paid bills ending yesterday, as the services would
    have left them: frozen figures from ``compute_bill``, receipt numbers 1..n per day,
    tenders that add up, kitchen tickets for every sent line, voids with their reversal
    and audit entry, a few merges, even splits, reopened bills and cancelled parties."""

    ORDER = (
        "bill",
        "order_line",
        "order_line_option",
        "tender",
        "kitchen_ticket",
        "kitchen_ticket_line",
        "audit_entry",
        "receipt_counter",
    )

    def __init__(self, connection: Connection, venue: _Venue, rng: random.Random) -> None:
        self.rng = rng
        self.venue = venue
        self.tables = venue.tables
        self.hall = [t for t in venue.tables if t.kind == "hall"]
        self.waiters, self.cashier, self.manager = venue.waiters, venue.cashier, venue.manager
        self.inserts = {name: _Insert(connection, name) for name in self.ORDER}
        self.next_id = {
            name: (connection.exec_driver_sql(f"SELECT max(id) FROM {name}").scalar() or 0) + 1
            for name in self.ORDER
            if name != "receipt_counter"
        }
        self.counts: dict[str, int] = defaultdict(int)

    # -- writing ------------------------------------------------------------------

    def take_id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def flush(self, connection: Connection) -> None:
        for name in self.ORDER:
            self.counts[name] += self.inserts[name].flush(connection)

    # -- one business day -------------------------------------------------------

    def day(self, business_day: date) -> None:
        """About 300 sittings: lunch and dinner at nearly every table, afternoon tea in
        the tea rooms and some hall tables, a late sitting at some."""
        rng = self.rng
        base = datetime.combine(business_day, datetime.min.time())
        sittings: list[tuple[datetime, int, _Table]] = []
        for table in self.tables:
            slots = (
                (0.95, 11 * 60, 12 * 60 + 30, 45, 90),
                (0.9 if table.kind == "tea" else 0.3, 14 * 60 + 10, 15 * 60 + 30, 45, 90),
                (0.95, 17 * 60 + 10, 19 * 60, 60, 120),
                (0.3, 21 * 60 + 10, 21 * 60 + 40, 45, 90),
            )
            for chance, earliest, latest, shortest, longest in slots:
                if rng.random() < chance:
                    opened = base + timedelta(
                        minutes=rng.randint(earliest, latest), seconds=rng.randint(0, 59)
                    )
                    sittings.append((opened, rng.randint(shortest, longest), table))
        sittings.sort(key=lambda s: (s[0], s[2].id))
        receipts: list[tuple[datetime, list[Any]]] = []
        for opened, minutes, table in sittings:
            self._sitting(business_day, opened, minutes, table, receipts)
        receipts.sort(key=lambda r: (r[0], r[1][0]))
        for number, (_closed, row) in enumerate(receipts, start=1):
            row[_B["receipt_no"]] = number
        self.inserts["receipt_counter"].rows.append((business_day.isoformat(), len(receipts)))

    def _guests(self, table: _Table) -> int:
        return max(
            1,
            min(table.seats + 1, round(self.rng.triangular(1, table.seats + 1, table.seats * 0.6))),
        )

    def _bill_row(
        self,
        bill_id: int,
        table: _Table,
        status: str,
        guests: int,
        waiter: int,
        opened: datetime,
        closed: datetime,
        day: date,
        **values: Any,
    ) -> list[Any]:
        """A bill row in column order; figures and links given by name."""
        row: list[Any] = [
            bill_id,
            table.id,
            status,
            guests,
            waiter,
            self.cashier,
            None,
            _ts(opened),
            _ts(closed - timedelta(minutes=3)),
            _ts(closed),
            day.isoformat(),
            None,
            None,
            None,
            None,
            1,
            0,
            None,
            0,
            "",
            None,
            0,
            0,
            None,
            0,
            "",
            _ts(closed),
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            1,
            None,  # shift_id: history has no cash drawer shifts
        ]
        for name, value in values.items():
            row[_B[name]] = value
        return row

    def _sitting(
        self,
        day: date,
        opened: datetime,
        minutes: int,
        table: _Table,
        receipts: list[tuple[datetime, list[Any]]],
    ) -> None:
        rng = self.rng
        closed = opened + timedelta(minutes=minutes)
        guests = self._guests(table)
        waiter = rng.choice(self.waiters)
        bill_id = self.take_id("bill")
        bills = self.inserts["bill"].rows
        fate = rng.random()
        if fate < 0.004:  # the party left before ordering
            closed = opened + timedelta(minutes=5)
            bills.append(
                self._bill_row(
                    bill_id,
                    table,
                    "cancelled",
                    guests,
                    waiter,
                    opened,
                    closed,
                    day,
                    bill_requested_at=None,
                    business_day=None,
                    cashier_id=None,
                )
            )
            return
        merged_from = None
        if fate < 0.012 and table.kind == "hall" and len(self.hall) > 1:
            merged_from = self.hall[(self.hall.index(table) + 1) % len(self.hall)]
        first_line = len(self.inserts["order_line"].rows)
        priced, line_ids, discount = self._lines(bill_id, table, guests, waiter, opened, closed)
        if merged_from is not None:
            other_id = self.take_id("bill")
            other_guests = rng.randint(2, 4)
            bills.append(
                self._bill_row(
                    bill_id, table, "paid", guests + other_guests, waiter, opened, closed, day
                )
            )
            bills.append(
                self._bill_row(
                    other_id,
                    merged_from,
                    "merged",
                    other_guests,
                    waiter,
                    opened,
                    closed,
                    day,
                    merged_into_id=bill_id,
                    bill_requested_at=None,
                    cashier_id=None,
                )
            )
            for line in self.inserts["order_line"].rows[-len(line_ids) // 2 :]:
                line[_L["merged_from_bill_id"]] = other_id
            guests += other_guests
        else:
            bills.append(
                self._bill_row(bill_id, table, "paid", guests, waiter, opened, closed, day)
            )
        row = bills[-2] if merged_from is not None else bills[-1]
        pricing = table.pricing
        room_fee = pricing.fee(minutes_between(opened, closed)) if pricing else 0
        rules = BillRules(
            seat_fee_per_guest=table.seat_fee,
            minimum_spend=table.minimum_spend,
            rounding=RoundingMode.DOWN_JIAO,
        )
        parts = compute_bill(
            priced, guests=guests, rules=rules, room_fee=room_fee, bill_discount=discount
        )
        self._freeze(row, parts)
        if discount is not None:
            row[_B["discount_kind"]] = discount.kind.value
            row[_B["discount_value"]] = discount.value
            row[_B["discount_reason"]] = "会员折扣"
            self._audit(
                closed,
                "discount",
                waiter,
                bill_id,
                table.id,
                "会员折扣",
                {"kind": discount.kind.value, "value": discount.value},
            )
        if fate > 0.985 and table.kind == "hall" and guests >= 2 and parts.total > 4:
            self._split_evenly(
                row, table, guests, waiter, opened, closed, day, parts.total, receipts
            )
            return
        self._pay(row, parts.total, closed, receipts)
        if 0.980 < fate <= 0.983 and merged_from is None:
            self._reopen(
                row,
                first_line,
                table,
                guests,
                waiter,
                opened,
                closed,
                day,
                priced,
                rules,
                room_fee,
                receipts,
            )

    def _freeze(self, row: list[Any], parts: Any) -> None:
        for name, value in (
            ("items_fen", parts.items),
            ("options_fen", parts.options),
            ("discount_fen", parts.discounts),
            ("seat_fee_fen", parts.seat_fee),
            ("room_fee_fen", parts.room_fee),
            ("minimum_topup_fen", parts.minimum_spend_topup),
            ("service_charge_fen", parts.service_charge),
            ("rounding_fen", parts.rounding),
            ("total_fen", parts.total),
            ("version", 3 + self.rng.randint(8, 20)),
        ):
            row[_B[name]] = value

    def _lines(
        self,
        bill_id: int,
        table: _Table,
        guests: int,
        waiter: int,
        opened: datetime,
        closed: datetime,
    ) -> tuple[list[PricedLine], list[int], Discount | None]:
        """The bill's dishes with options, sets, an add-on, maybe a void; kitchen tickets."""
        rng = self.rng
        rand = rng.random  # the hot loop: plain draws instead of randint's bookkeeping
        pool, cumulative = self.venue.choices[table.kind]
        low, high = LINES_PER_BILL[table.kind]
        dishes = rng.choices(pool, cum_weights=cumulative, k=low + int(rand() * (high - low + 1)))
        duration = (closed - opened).total_seconds()
        sent = opened + timedelta(seconds=120 + int(rand() * 300))
        addon_from = len(dishes) - 1 - int(rand() * 2) if rand() < 0.3 else len(dishes)
        addon_at = opened + timedelta(seconds=int(duration * 0.4))
        stamps = {
            False: (_ts(sent - timedelta(seconds=50)), _ts(sent)),
            True: (_ts(addon_at - timedelta(seconds=50)), _ts(addon_at)),
        }
        lines = self.inserts["order_line"].rows
        options = self.inserts["order_line_option"].rows
        priced: list[PricedLine] = []
        line_ids: list[int] = []
        tickets: dict[tuple[bool, int], list[tuple[int, int]]] = defaultdict(list)
        last_served = closed - timedelta(minutes=4)
        for index, item in enumerate(dishes):
            addon = index >= addon_from
            created_at, sent_at = stamps[addon]
            served = _ts(
                min(
                    last_served,
                    (addon_at if addon else sent) + timedelta(seconds=240 + int(rand() * 1260)),
                )
            )
            if item.weighed:
                quantity = (8 + int(rand() * 23)) * 100
            elif item.category == "staple" and item.price < 500:
                quantity = guests * MILLI
            else:
                quantity = PORTIONS[int(rand() * len(PORTIONS))]
            price = (
                item.price * (85 + int(rand() * 36)) // 10_000 * 100 if item.market else item.price
            )
            chosen = [
                group.options[int(rand() * len(group.options))]
                for group in item.groups
                if group.required or rand() < 0.25
            ]
            surcharge = sum(option[5] for option in chosen)
            line_id = self.take_id("order_line")
            station = None if item.components else item.station_id
            lines.append(
                [
                    line_id,
                    bill_id,
                    item.id,
                    None,
                    "item",
                    None,
                    item.name_zh,
                    item.name_en,
                    item.unit_zh,
                    item.unit_en,
                    station,
                    item.course,
                    quantity,
                    price,
                    surcharge,
                    int(item.market),
                    None,
                    0,
                    "",
                    "served",
                    0,
                    waiter,
                    created_at,
                    sent_at,
                    None,
                    served,
                    None,
                    "",
                    0,
                    None,
                    None,
                ]
            )
            for option in chosen:
                options.append((self.take_id("order_line_option"), line_id, *option))
            priced.append(PricedLine(quantity, price, surcharge))
            line_ids.append(line_id)
            if station is not None:
                tickets[(addon, station)].append((line_id, quantity))
            for component, count in item.components:
                part_id = self.take_id("order_line")
                lines.append(
                    [
                        part_id,
                        bill_id,
                        component.id,
                        line_id,
                        "component",
                        None,
                        component.name_zh,
                        component.name_en,
                        component.unit_zh,
                        component.unit_en,
                        component.station_id,
                        component.course,
                        count * quantity,
                        0,
                        0,
                        0,
                        None,
                        0,
                        "",
                        "served",
                        0,
                        waiter,
                        created_at,
                        sent_at,
                        None,
                        served,
                        None,
                        "",
                        0,
                        None,
                        None,
                    ]
                )
                tickets[(addon, component.station_id)].append((part_id, count * quantity))
        for (addon, station), ticket_lines in sorted(tickets.items()):
            self._ticket(
                bill_id,
                table.id,
                station,
                "addon" if addon else "order",
                waiter,
                addon_at if addon else sent,
                "",
                ticket_lines,
            )
        draw = rng.random()
        plain = [i for i, dish in enumerate(dishes) if not dish.components]
        if draw < 0.02 and plain:
            self._void(bill_id, table, waiter, priced, line_ids, plain, closed)
        elif draw < 0.06 and plain:
            index = rng.choice(plain)
            line = next(r for r in reversed(lines) if r[0] == line_ids[index])
            line[_L["hurry_count"]] = 1
            self._ticket(
                bill_id,
                table.id,
                line[_L["station_id"]],
                "hurry",
                waiter,
                sent + timedelta(minutes=15),
                "",
                [(line[0], line[_L["quantity_milli"]])],
            )
        discount = None
        if rng.random() < 0.03:
            discount = rng.choice(
                (Discount(DiscountKind.PERCENT, 1000), Discount(DiscountKind.AMOUNT, 2000))
            )
        return priced, line_ids, discount

    def _ticket(
        self,
        bill_id: int,
        table_id: int,
        station: int,
        kind: str,
        staff: int,
        at: datetime,
        note: str,
        ticket_lines: list[tuple[int, int]],
    ) -> None:
        ticket_id = self.take_id("kitchen_ticket")
        self.inserts["kitchen_ticket"].rows.append(
            (ticket_id, bill_id, table_id, station, kind, staff, _ts(at), note)
        )
        rows = self.inserts["kitchen_ticket_line"].rows
        for line_id, quantity in ticket_lines:
            rows.append((self.take_id("kitchen_ticket_line"), ticket_id, line_id, quantity, 0))

    def _void(
        self,
        bill_id: int,
        table: _Table,
        waiter: int,
        priced: list[PricedLine],
        line_ids: list[int],
        plain: list[int],
        closed: datetime,
    ) -> None:
        """退菜 of one dish: the original is marked voided and a reversal line added."""
        rng = self.rng
        index = rng.choice(plain)
        line = next(r for r in reversed(self.inserts["order_line"].rows) if r[0] == line_ids[index])
        at = closed - timedelta(minutes=rng.randint(10, 30))
        reason = rng.choice(VOID_REASONS)
        quantity, price = line[_L["quantity_milli"]], line[_L["unit_price_fen"]]
        station = line[_L["station_id"]]
        for name, value in (("status", "voided"), ("voided_at", _ts(at)), ("void_reason", reason)):
            line[_L[name]] = value
        reversal = list(line)
        for name, value in (
            ("id", self.take_id("order_line")),
            ("kind", "reversal"),
            ("reverses_id", line[0]),
            ("quantity_milli", -quantity),
            ("waiter_id", waiter),
            ("created_at", _ts(at)),
            ("sent_at", None),
            ("served_at", None),
        ):
            reversal[_L[name]] = value
        self.inserts["order_line"].rows.append(reversal)
        priced.append(PricedLine(-quantity, price, line[_L["surcharge_fen"]]))
        if station is not None:
            self._ticket(
                bill_id, table.id, station, "void", waiter, at, reason, [(line[0], quantity)]
            )
        self._audit(
            at,
            "void",
            waiter,
            bill_id,
            table.id,
            reason,
            {
                "dish": line[_L["name_zh"]],
                "quantity_milli": quantity,
                "amount_fen": price * quantity // MILLI,
            },
        )

    def _audit(
        self,
        at: datetime,
        action: str,
        staff: int | None,
        bill_id: int | None,
        table_id: int | None,
        reason: str,
        detail: dict[str, Any],
        authorised: bool = True,
    ) -> None:
        self.inserts["audit_entry"].rows.append(
            (
                self.take_id("audit_entry"),
                _ts(at),
                action,
                staff,
                self.manager if authorised else None,
                bill_id,
                table_id,
                reason,
                json.dumps(detail, ensure_ascii=False),
            )
        )

    def _tenders(self, total: int) -> tuple[list[tuple[str, int, str, str]], int]:
        """Payments for ``total``: (method, amount, signer, reference) and the change."""
        rng = self.rng
        if total <= 0:
            return [], 0
        draw = rng.random()
        if draw < 0.32:
            return [("wechat", total, "", "")], 0
        if draw < 0.54:
            return [("alipay", total, "", "")], 0
        if draw < 0.68:
            return [("card", total, "", "")], 0
        if draw < 0.84:
            paid = -(-total // 10_000) * 10_000
            return [("cash", paid, "", "")], paid - total
        if draw < 0.95 and total >= 200:
            part = max(100, min(total - 100, total * rng.randint(30, 70) // 10_000 * 100))
            rest = total - part
            paid = -(-rest // 5_000) * 5_000
            return [
                (rng.choice(("wechat", "alipay")), part, "", ""),
                ("cash", paid, "", ""),
            ], paid - rest
        if draw < 0.985:
            return [("member", total, "", f"M{rng.randint(1000, 9999)}")], 0
        if draw < 0.997:
            return [("account", total, rng.choice(("刘总", "王科长", "赵主任")), "")], 0
        return [("comp", total, "", "")], 0

    def _pay(
        self,
        row: list[Any],
        total: int,
        closed: datetime,
        receipts: list[tuple[datetime, list[Any]]],
    ) -> None:
        tenders, change = self._tenders(total)
        stamp = _ts(closed)
        for method, amount, signer, reference in tenders:
            authorised = self.manager if method == "comp" else None
            self.inserts["tender"].rows.append(
                (
                    self.take_id("tender"),
                    row[0],
                    method,
                    amount,
                    signer,
                    reference,
                    authorised,
                    stamp,
                )
            )
            if method == "comp":
                self._audit(
                    closed, "comp", self.cashier, row[0], row[1], "", {"amount_fen": amount}
                )
        row[_B["change_fen"]] = change
        receipts.append((closed, row))

    def _split_evenly(
        self,
        row: list[Any],
        table: _Table,
        guests: int,
        waiter: int,
        opened: datetime,
        closed: datetime,
        day: date,
        total: int,
        receipts: list[tuple[datetime, list[Any]]],
    ) -> None:
        """AA 均分: the bill is closed as split and each share paid on its own."""
        split_at = closed - timedelta(minutes=2)
        row[_B["status"]], row[_B["closed_at"]] = "split", _ts(split_at)
        row[_B["business_day"]] = None
        parts = min(guests, self.rng.randint(2, 4))
        for number, amount in enumerate(split_evenly(total, parts), start=1):
            share_id = self.take_id("bill")
            share_closed = closed + timedelta(seconds=40 * number)
            share = self._bill_row(
                share_id,
                table,
                "paid",
                1,
                waiter,
                opened,
                share_closed,
                day,
                split_from_id=row[0],
                share_of_total=1,
            )
            share[_B["items_fen"]] = share[_B["total_fen"]] = amount
            self.inserts["bill"].rows.append(share)
            self.inserts["order_line"].rows.append(
                [
                    self.take_id("order_line"),
                    share_id,
                    None,
                    None,
                    "share",
                    None,
                    f"均分 {number}/{parts}（原单 {row[0]}）",
                    f"Share {number}/{parts} of bill {row[0]}",
                    "",
                    "",
                    None,
                    "share",
                    MILLI,
                    amount,
                    0,
                    0,
                    None,
                    0,
                    "",
                    "served",
                    0,
                    None,
                    _ts(split_at),
                    None,
                    None,
                    None,
                    None,
                    "",
                    0,
                    None,
                    None,
                ]
            )
            self._pay(share, amount, share_closed, receipts)

    def _reopen(
        self,
        old: list[Any],
        first_line: int,
        table: _Table,
        guests: int,
        waiter: int,
        opened: datetime,
        closed: datetime,
        day: date,
        priced: list[PricedLine],
        rules: BillRules,
        room_fee: int,
        receipts: list[tuple[datetime, list[Any]]],
    ) -> None:
        """反结账: the paid bill stays as it was; a revision with the member discount that
        was forgotten is paid again."""
        old[_B["status"]] = "reopened"
        again = closed + timedelta(minutes=3)
        new_id = self.take_id("bill")
        discount = Discount(DiscountKind.PERCENT, 1200)
        new = self._bill_row(
            new_id,
            table,
            "paid",
            guests,
            waiter,
            opened,
            again,
            day,
            revision_of_id=old[0],
            revision=2,
            discount_kind="percent",
            discount_value=1200,
            discount_reason="漏打会员折扣",
        )
        parts = compute_bill(
            priced, guests=guests, rules=rules, room_fee=room_fee, bill_discount=discount
        )
        self._freeze(new, parts)
        self.inserts["bill"].rows.append(new)
        lines = self.inserts["order_line"].rows
        copies: dict[int, int] = {}
        parent, reverses = _L["parent_line_id"], _L["reverses_id"]
        for line in [r for r in lines[first_line:] if r[1] == old[0]]:
            copy = list(line)
            copy[0], copy[1] = self.take_id("order_line"), new_id
            copy[parent] = copies.get(line[parent]) if line[parent] else None
            copy[reverses] = copies.get(line[reverses]) if line[reverses] else None
            copies[line[0]] = copy[0]
            lines.append(copy)
        self._audit(
            closed + timedelta(minutes=1),
            "reopen",
            self.cashier,
            old[0],
            table.id,
            "漏打会员折扣",
            {"new_bill_id": new_id},
        )
        self._pay(new, parts.total, again, receipts)


def _store_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def history_marker(store: Store) -> dict[str, Any] | None:
    """The marker a finished build leaves, or None."""
    with store.read_sessions() as session:
        detail = session.scalar(
            select(AuditEntry.detail)
            .where(AuditEntry.action == MARKER)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        )
    return json.loads(detail) if detail else None


def build_history(
    path: Path, *, days: int, seed: int = 7, out: Callable[[str], None] = print
) -> BuildInfo:
    """Build the history store at ``path`` or reuse it when a finished build with the same
    number of days is there."""
    if path.exists():
        store = Store.open(sqlite_url(path))
        try:
            marker = history_marker(store)
        finally:
            store.close()
        if marker and marker.get("days") == days and marker.get("format") == HISTORY_FORMAT:
            out(f"reusing {path} ({days} days, built in {marker['seconds']:.1f} s)")
            return BuildInfo(
                str(path),
                True,
                days,
                marker["seconds"],
                marker["rows"],
                sum(p.stat().st_size for p in _store_files(path) if p.exists()),
            )
        for file in _store_files(path):
            file.unlink(missing_ok=True)
    out(f"building {days} days of history in {path} …")
    started = time.perf_counter()
    store = Store.open(sqlite_url(path))
    install_bench_venue(Context(store))
    venue = _load_venue(Context(store))
    store.close()
    engine = make_engine(sqlite_url(path))
    rng = random.Random(seed)
    yesterday = date.today() - timedelta(days=1)
    first = yesterday - timedelta(days=days - 1)
    try:
        with engine.connect() as connection:
            # the bulk connection only: nothing here is worth an fsync until the end
            raw = connection.connection.driver_connection
            raw.execute("PRAGMA synchronous=OFF")
            raw.execute("PRAGMA cache_size=-262144")
            with connection.begin():
                history = _History(connection, venue, rng)
            day = first
            while day <= yesterday:
                with connection.begin():
                    for _ in range(120):
                        if day > yesterday:
                            break
                        history.day(day)
                        day += timedelta(days=1)
                        if len(history.inserts["order_line"].rows) > 60_000:
                            history.flush(connection)
                    history.flush(connection)
                out(
                    f"  … {(day - first).days} days, {history.counts['bill']:,} bills, "
                    f"{time.perf_counter() - started:.0f} s"
                )
            seconds = time.perf_counter() - started
            rows = dict(history.counts)
            with connection.begin():
                connection.execute(
                    insert(AuditEntry).values(
                        at=datetime.now().replace(microsecond=0),
                        action=MARKER,
                        reason="bench history",
                        detail=json.dumps(
                            {
                                "days": days,
                                "format": HISTORY_FORMAT,
                                "seconds": round(seconds, 1),
                                "rows": rows,
                                "first_day": first.isoformat(),
                                "last_day": yesterday.isoformat(),
                            }
                        ),
                    )
                )
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in _store_files(path) if p.exists())
    out(
        f"built in {seconds:.1f} s: {rows.get('bill', 0):,} bills, "
        f"{rows.get('order_line', 0):,} lines, {size / 1e6:.0f} MB"
    )
    return BuildInfo(str(path), False, days, seconds, rows, size)


# ---------------------------------------------------------------- measuring


@dataclass(frozen=True)
class _Order:
    item_id: int
    quantity: int
    option_ids: tuple[int, ...]


class Floor:
    """What the timed runs need from a store: tables, ten dishes, staff."""

    def __init__(self, ctx: Context) -> None:
        with ctx.reading() as session:
            self.tables = list(
                session.scalars(
                    select(DiningTable.id)
                    .where(DiningTable.active.is_(True))
                    .order_by(DiningTable.sort_order)
                )
            )
            staff = session.execute(select(Staff.id, Staff.role).order_by(Staff.id)).all()
            self.waiter = next(s.id for s in staff if s.role == Role.WAITER)
            self.cashier = next(s.id for s in staff if s.role == Role.CASHIER)
            self.orders: list[_Order] = []
            codes = ("C01", "C02", "H01", "H03", "H08", "G03", "D01", "T02", "Z01", "B11")
            for code in codes:
                item = session.scalars(select(MenuItem).where(MenuItem.code == code)).one()
                options = tuple(
                    group.options[0].id for group in item.option_groups if group.required
                )
                quantity = {"Z01": 4, "B11": 3}.get(code, 1)
                self.orders.append(_Order(item.id, quantity, options))


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@contextmanager
def _timed(samples: list[float]) -> Iterator[None]:
    started = time.perf_counter()
    yield
    samples.append((time.perf_counter() - started) * 1000)


def occupy(ctx: Context, floor: Floor, tables: list[int]) -> None:
    """Guests at half the floor: bills with sent and served dishes for the snapshot."""
    for number, table_id in enumerate(tables):
        bill_id = seating.seat_party(
            ctx, table_id=table_id, guests=2 + number % 5, waiter_id=floor.waiter
        ).bill_id
        assert bill_id is not None
        lines = []
        for order in floor.orders[number % 4 : number % 4 + 4]:
            lines += ordering.add_to_cart(
                ctx,
                bill_id=bill_id,
                item_id=order.item_id,
                quantity=order.quantity,
                option_ids=order.option_ids,
            ).lines
        ordering.send_to_kitchen(ctx, bill_id=bill_id)
        if number % 2:
            ordering.serve_line(ctx, line_id=lines[0])


def free_every_table(ctx: Context) -> None:
    """Settle what is open and clear every table, so a reused store starts free."""
    with ctx.reading() as session:
        open_bills = list(session.scalars(select(Bill.id).where(Bill.status == "open")))
        busy = list(session.scalars(select(DiningTable.id).where(DiningTable.state != "free")))
    for bill_id in open_bills:
        view = queries.bill_view(ctx, bill_id)
        if any(line.status == "cart" for line in view.lines):
            ordering.send_to_kitchen(ctx, bill_id=bill_id)
        total = queries.bill_view(ctx, bill_id).breakdown.total
        tenders = [Tender(TenderMethod.WECHAT, total)] if total > 0 else []
        payment.settle_bill(ctx, bill_id=bill_id, tenders=tenders)
    with ctx.reading() as session:
        busy = list(session.scalars(select(DiningTable.id).where(DiningTable.state != "free")))
    for table_id in busy:
        seating.clear_table(ctx, table_id=table_id)


def measure(path: Path, *, repeat: int, warmup: int = WARMUP) -> dict[str, list[float]]:
    """Time each core action ``repeat`` times (after ``warmup`` untimed rounds) on a store
    opened as the app opens it, with half of its tables occupied."""
    store = Store.open(sqlite_url(path))
    ctx = Context(store)
    samples: dict[str, list[float]] = {key: [] for key, _label in ACTIONS}
    try:
        free_every_table(ctx)
        floor = Floor(ctx)
        occupied, free = floor.tables[::2], floor.tables[1::2]
        occupy(ctx, floor, occupied)
        for run in range(warmup + repeat):
            keep = run >= warmup
            timings: dict[str, list[float]] = {key: [] for key, _label in ACTIONS}
            table_id = free[run % len(free)]
            with _timed(timings["seat"]):
                bill_id = seating.seat_party(
                    ctx, table_id=table_id, guests=4, waiter_id=floor.waiter
                ).bill_id
            assert bill_id is not None
            lines: list[int] = []
            dishes = [
                ordering.Dish(order.item_id, order.quantity, option_ids=order.option_ids)
                for order in floor.orders
            ]
            with _timed(timings["order_10_lines"]):
                lines += ordering.order_dishes(
                    ctx, bill_id=bill_id, dishes=dishes, waiter_id=floor.waiter
                ).lines
            extra = floor.orders[run % len(floor.orders)]
            with _timed(timings["add_to_cart"]):
                lines += ordering.add_to_cart(
                    ctx,
                    bill_id=bill_id,
                    item_id=extra.item_id,
                    quantity=extra.quantity,
                    option_ids=extra.option_ids,
                    waiter_id=floor.waiter,
                ).lines
            with _timed(timings["send"]):
                ordering.send_to_kitchen(ctx, bill_id=bill_id, staff_id=floor.waiter)
            with _timed(timings["serve"]):
                ordering.serve_line(ctx, line_id=lines[0])
            total = queries.bill_view(ctx, bill_id).breakdown.total
            part = total // 2
            rest = total - part
            tenders = [
                Tender(TenderMethod.WECHAT, part),
                Tender(TenderMethod.CASH, -(-rest // 10_000) * 10_000),
            ]
            with _timed(timings["settle_2_tenders"]):
                payment.settle_bill(ctx, bill_id=bill_id, tenders=tenders, cashier_id=floor.cashier)
            with _timed(timings["clear"]):
                seating.clear_table(ctx, table_id=table_id)
            with _timed(timings["floor_snapshot"]):
                tiles = queries.floor_snapshot(ctx)
            assert len(tiles) == len(floor.tables)
            if keep:
                for key, values in timings.items():
                    samples[key] += values
        free_every_table(ctx)
    finally:
        store.close()
    return samples


# ---------------------------------------------------------------- report


def _figures(samples: list[float]) -> dict[str, Any]:
    return {
        "median_ms": round(statistics.median(samples), 3),
        "p95_ms": round(percentile(samples, 0.95), 3),
        "max_ms": round(max(samples), 3),
        "runs": len(samples),
        "samples_ms": [round(s, 3) for s in samples],
    }


def summarise(
    empty: dict[str, list[float]], full: dict[str, list[float]]
) -> dict[str, dict[str, Any]]:
    """Per action: both stores' figures, the ratio of medians and whether targets are met."""
    result = {}
    for key, label in ACTIONS:
        a, b = _figures(empty[key]), _figures(full[key])
        ratio = b["median_ms"] / a["median_ms"] if a["median_ms"] else float("inf")
        checks = {
            "p95_empty": a["p95_ms"] <= TARGET_MS,
            "p95_history": b["p95_ms"] <= TARGET_MS,
            "ratio": ratio <= TARGET_RATIO,
        }
        result[key] = {
            "label": label.strip(),
            "empty": a,
            "history": b,
            "ratio": round(ratio, 3),
            "checks": checks,
            "pass": all(checks.values()),
        }
    return result


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def format_table(result: dict[str, dict[str, Any]]) -> str:
    head = (
        f"{'action':<28} {'empty med':>9} {'p95':>7}   {'3y med':>7} {'p95':>7}  "
        f"{'3y/empty':>8}  target"
    )
    lines = [head, "-" * len(head)]
    for key, label in ACTIONS:
        row = result[key]
        a, b = row["empty"], row["history"]
        why = [name for name, ok in row["checks"].items() if not ok]
        verdict = "PASS" if row["pass"] else "MISS (" + ", ".join(why) + ")"
        lines.append(
            f"{_pad(label, 28)} {a['median_ms']:>9.2f} {a['p95_ms']:>7.2f}   "
            f"{b['median_ms']:>7.2f} {b['p95_ms']:>7.2f}  {row['ratio']:>8.2f}  {verdict}"
        )
    lines.append(
        f"targets: p95 ≤ {TARGET_MS:g} ms in both stores, 3y/empty median ratio ≤ "
        f"{TARGET_RATIO:g}; times in ms"
    )
    return "\n".join(lines)


def run_bench(
    *, json_path: str | None, store_path: str | None, days: int = 1095, repeat: int = 60
) -> int:
    """Build or reuse the history store, build an empty one, time the core actions on both,
    print the comparison (and write it as JSON). A measurement: it always returns 0."""
    out: Callable[[str], None] = lambda text: print(text, flush=True)  # noqa: E731
    path = Path(store_path) if store_path else default_store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    build = build_history(path, days=days, out=out)
    with tempfile.TemporaryDirectory(prefix="xiaoer-bench-") as folder:
        empty_path = Path(folder) / "empty.sqlite3"
        store = Store.open(sqlite_url(empty_path))
        install_bench_venue(Context(store))
        store.close()
        out(f"measuring the empty store ({repeat} runs) …")
        empty = measure(empty_path, repeat=repeat)
    out(f"measuring the {days}-day store ({repeat} runs) …")
    full = measure(path, repeat=repeat)
    result = summarise(empty, full)
    out("")
    out(format_table(result))
    out(
        f"history: {build.rows.get('bill', 0):,} bills, {build.rows.get('order_line', 0):,} "
        f"lines, {build.size_bytes / 1e6:.0f} MB, "
        f"{'reused, built' if build.reused else 'built'} in {build.seconds:.1f} s"
    )
    if json_path:
        document = {
            "build": {
                "path": build.path,
                "reused": build.reused,
                "days": build.days,
                "seconds": round(build.seconds, 1),
                "rows": build.rows,
                "size_bytes": build.size_bytes,
            },
            "repeat": repeat,
            "warmup": WARMUP,
            "targets": {"p95_ms": TARGET_MS, "ratio": TARGET_RATIO},
            "actions": result,
            "python": sys.version.split()[0],
        }
        Path(json_path).write_text(
            json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        out(f"figures written to {json_path}")
    return 0
