"""Simulated business days (模拟营业): lunch, afternoon tea and dinner played through the real
use cases with a clock that the simulation moves, so the store fills with history that
obeys every rule the services enforce (demo data, load and soak testing)."""

from __future__ import annotations

import heapq
import random
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from app.domain.billing import DiscountKind, Tender, TenderMethod
from app.domain.money import MILLI
from app.services import ordering, payment, seating
from app.services.bills import BillStatus, LineKind, LineStatus
from app.services.context import Context
from app.services.queries import bill_view
from app.services.staff import Approval, Role
from db.models import (
    Bill,
    DiningTable,
    ItemOptionGroup,
    MenuCategory,
    MenuItem,
    Option,
    OptionGroup,
    OrderLine,
    Room,
    Staff,
    TenderRow,
)

VOID_REASONS = ("客人退菜", "上错菜", "菜品质量问题", "等待时间过长", "点错菜", "估清无法出品")
DISCOUNT_REASONS = ("会员折扣", "老客优惠", "投诉补偿", "店长招待")
REOPEN_REASONS = ("收错付款方式", "客人补开发票", "漏打会员折扣")
NOTES = ("少辣", "不要香菜", "不要葱", "少盐", "先上", "走冰", "打包")
SIGNERS = ("刘总", "王科长", "赵主任", "孙经理")

# minutes from sending to the pass, by menu category
LEAD_MINUTES: dict[str, tuple[int, int]] = {
    "tea": (2, 6),
    "drink": (1, 5),
    "snack": (2, 6),
    "fruit": (4, 10),
    "cold": (3, 9),
    "dimsum": (6, 15),
    "soup": (10, 25),
    "staple": (8, 20),
    "hot": (8, 25),
    "live": (15, 30),
    "broth": (5, 12),
    "hotpot": (4, 10),
    "set": (10, 20),
}


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def yuan(fen: int) -> str:
    """¥x.xx for the report."""
    sign = "-" if fen < 0 else ""
    return f"{sign}¥{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


@dataclass
class SimulationReport:
    """What the simulated days came to."""

    days: int = 0
    first_day: date | None = None
    last_day: date | None = None
    parties: int = 0
    walked_away: int = 0  # no table within 20 minutes
    left_without_ordering: int = 0
    bills_settled: int = 0  # settle_bill calls, shares and re-settlements included
    guests: int = 0
    revenue_fen: int = 0  # Σ totals of the paid bills of these days
    lines_ordered: int = 0
    deleted_unsent: int = 0
    held: int = 0
    hurries: int = 0
    voids: int = 0
    transfers: int = 0  # whole bills moved to another table
    line_transfers: int = 0
    splits: int = 0  # by lines
    even_splits: int = 0
    merges: int = 0
    unmerges: int = 0
    guest_changes: int = 0
    discounts: int = 0
    reopens: int = 0
    comps: int = 0
    tenders_fen: dict[str, int] = field(default_factory=dict)  # cash net of change

    def summary(self) -> str:
        """A readable account of the run, Chinese and English labels."""
        days = f"{self.first_day} … {self.last_day}" if self.first_day else "-"
        rows = [
            ("营业日 Business days", f"{self.days}  ({days})"),
            (
                "来客组数 Parties",
                f"{self.parties}  (未等到座位 walked away {self.walked_away}, "
                f"未点菜离开 left without ordering {self.left_without_ordering})",
            ),
            ("来客人数 Guests", str(self.guests)),
            ("结账单数 Bills settled", str(self.bills_settled)),
            ("营业额 Revenue", yuan(self.revenue_fen)),
            ("人均 Per guest", yuan(self.revenue_fen // self.guests) if self.guests else "-"),
            (
                "点菜行 Lines ordered",
                f"{self.lines_ordered}  (删菜 deleted unsent "
                f"{self.deleted_unsent}, 叫起 held {self.held})",
            ),
            ("催菜 Hurries", str(self.hurries)),
            ("退菜 Voids", str(self.voids)),
            ("转台 Transfers", f"{self.transfers}  (按菜 by lines {self.line_transfers})"),
            ("拆单 Splits", f"{self.splits}  (均分 evenly {self.even_splits})"),
            ("并台 Merges", f"{self.merges}  (撤销 undone {self.unmerges})"),
            ("加减位 Guest changes", str(self.guest_changes)),
            ("折扣 Discounts", str(self.discounts)),
            ("反结账 Reopened", str(self.reopens)),
            ("免单 Comps", str(self.comps)),
        ]
        lines = ["模拟营业 Simulation"]
        lines += [f"  {_pad(label, 26)}  {value}" for label, value in rows]
        if self.tenders_fen:
            lines.append("  付款方式 Tenders")
            for method, amount in sorted(self.tenders_fen.items(), key=lambda kv: -kv[1]):
                lines.append(f"    {method.ljust(8)} {yuan(amount):>16}")
        return "\n".join(lines)


@dataclass(frozen=True)
class _Group:
    required: bool
    min_choices: int
    max_choices: int
    option_ids: tuple[int, ...]


@dataclass(frozen=True)
class _Dish:
    item_id: int
    code: str
    category: str
    price_fen: int
    weighed: bool
    market_price: bool
    groups: tuple[_Group, ...]


@dataclass(frozen=True)
class _Table:
    table_id: int
    kind: str  # the room's kind: hall, private, tea
    seats: int


@dataclass
class _Party:
    number: int
    kind: str
    meal: str  # lunch, tea, dinner
    guests: int
    waiter_id: int | None
    tables: list[int]
    bill_id: int = 0  # the party's first bill (the primary one when merged)
    dining: timedelta = timedelta(minutes=60)
    grouped: bool = False  # seated over two tables, merged later
    simple: bool = True  # one table, one bill: transfers and reopen allowed
    asked: bool = False  # the bill was asked for
    reopened: bool = False


class _Simulation:
    """A discrete-event run: events wait in a heap ordered by time and run in turn, each
    calling one or a few use cases with the clock set to its time."""

    def __init__(self, ctx: Context, rng: random.Random, report: SimulationReport) -> None:
        self.now = ctx.now().replace(microsecond=0)
        self.ctx = Context(ctx.store, clock=self.clock)
        self.rng = rng
        self.report = report
        self.queue: list[tuple[datetime, int, Callable[[], None]]] = []
        self.seq = 0
        self.occupied: set[int] = set()
        self.active: dict[int, _Party] = {}
        self.party_count = 0
        self.reopens_today = 0
        self._load()

    def clock(self) -> datetime:
        return self.now

    # ------------------------------------------------------------ venue, menu, staff

    def _load(self) -> None:
        with self.ctx.reading() as session:
            self.tables = [
                _Table(table.id, kind, table.seats)
                for table, kind in session.execute(
                    select(DiningTable, Room.kind)
                    .join(Room)
                    .where(DiningTable.active.is_(True))
                    .order_by(DiningTable.sort_order)
                )
            ]
            groups: dict[int, _Group] = {}
            for group in session.scalars(select(OptionGroup)):
                options = session.scalars(
                    select(Option.id).where(Option.group_id == group.id).order_by(Option.id)
                ).all()
                groups[group.id] = _Group(
                    group.required, group.min_choices, group.max_choices, tuple(options)
                )
            item_groups: dict[int, list[_Group]] = {}
            for link in session.scalars(
                select(ItemOptionGroup).order_by(
                    ItemOptionGroup.item_id, ItemOptionGroup.sort_order
                )
            ):
                item_groups.setdefault(link.item_id, []).append(groups[link.group_id])
            self.menu: dict[str, list[_Dish]] = {}
            self.by_code: dict[str, _Dish] = {}
            for item, category in session.execute(
                select(MenuItem, MenuCategory.code)
                .join(MenuCategory)
                .where(MenuItem.active.is_(True), MenuItem.sold_out.is_(False))
                .order_by(MenuItem.sort_order, MenuItem.id)
            ):
                dish = _Dish(
                    item.id,
                    item.code,
                    category,
                    item.price_fen,
                    item.weighed,
                    item.market_price,
                    tuple(item_groups.get(item.id, ())),
                )
                self.menu.setdefault(category, []).append(dish)
                self.by_code[item.code] = dish
            staff = session.execute(
                select(Staff.id, Staff.name, Staff.role)
                .where(Staff.active.is_(True))
                .order_by(Staff.id)
            ).all()
        self.waiters = [s.id for s in staff if s.role == Role.WAITER] or [s.id for s in staff]
        cashiers = [s.id for s in staff if s.role == Role.CASHIER]
        self.cashier = cashiers[0] if cashiers else None
        managers = [(s.id, s.name) for s in staff if s.role == Role.MANAGER]
        self.manager = managers[0] if managers else None

    def approval(self) -> Approval | None:
        """The manager on duty approves at the counter."""
        if self.manager is None:
            return None
        return Approval(self.manager[0], self.manager[1], self.now)

    # ------------------------------------------------------------ the event loop

    def at(self, when: datetime, action: Callable[[], None]) -> None:
        when = max(when.replace(microsecond=0), self.now)
        self.seq += 1
        heapq.heappush(self.queue, (when, self.seq, action))

    def after(self, minutes: float, action: Callable[[], None]) -> None:
        self.at(self.now + timedelta(seconds=round(minutes * 60)), action)

    def run_day(self, day: date) -> None:
        self.now = datetime.combine(day, time(10, 30))
        self.reopens_today = 0
        self._plan_arrivals(day)
        while self.queue:
            when, _seq, action = heapq.heappop(self.queue)
            self.now = max(self.now, when)
            action()
        self._check_day_closed(day)

    def _check_day_closed(self, day: date) -> None:
        with self.ctx.reading() as session:
            busy = session.scalars(
                select(DiningTable.name).where(
                    DiningTable.active.is_(True), DiningTable.state != "free"
                )
            ).all()
            open_bills = session.scalar(
                select(func.count()).select_from(Bill).where(Bill.status == BillStatus.OPEN)
            )
        if busy or open_bills or self.occupied:
            raise RuntimeError(
                f"simulation left {day} unfinished: tables {list(busy)}, open bills {open_bills}"
            )

    # ------------------------------------------------------------ arrivals and seating

    def _kinds(self) -> Counter[str]:
        return Counter(table.kind for table in self.tables)

    def _plan_arrivals(self, day: date) -> None:
        """Arrivals scaled to the floor: two turns and more at the hall tables for lunch and
        dinner, the private rooms mostly at dinner, the tea rooms all afternoon."""
        kinds, rng = self._kinds(), self.rng
        hall, private, tea = kinds["hall"], kinds["private"], kinds["tea"]
        services = [
            ("hall", "lunch", time(11, 0), time(13, 40), hall * rng.uniform(2.1, 2.7)),
            ("private", "lunch", time(11, 30), time(12, 45), private * rng.uniform(0.3, 0.8)),
            ("tea", "tea", time(12, 30), time(17, 30), tea * rng.uniform(2.0, 2.8)),
            ("hall", "dinner", time(17, 0), time(20, 45), hall * rng.uniform(2.1, 2.8)),
            ("private", "dinner", time(17, 45), time(19, 15), private * rng.uniform(0.6, 1)),
            ("tea", "tea", time(19, 0), time(20, 45), tea * rng.uniform(0.4, 0.9)),
        ]
        for kind, meal, start, end, expected in services:
            count = int(expected + rng.random())
            first = datetime.combine(day, start)
            span = (datetime.combine(day, end) - first).total_seconds()
            for _ in range(count):
                # a peak early in each service over a steady trickle
                offset = (
                    rng.triangular(0, span, span * 0.3)
                    if rng.random() < 0.6
                    else rng.uniform(0, span)
                )
                guests = self._party_size(kind)
                self.at(
                    first + timedelta(seconds=int(offset)),
                    lambda k=kind, m=meal, g=guests: self._arrive(k, m, g, tries=0),
                )

    def _party_size(self, kind: str) -> int:
        if kind == "private":
            return self.rng.randint(6, 14)
        if kind == "tea":
            return self.rng.choices([1, 2, 3, 4, 5, 6], [4, 30, 22, 26, 10, 8])[0]
        return self.rng.choices(
            [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14], [5, 28, 18, 24, 8, 7, 3, 3, 2, 1, 1]
        )[0]

    def _free_tables(self, kind: str) -> list[_Table]:
        return [t for t in self.tables if t.kind == kind and t.table_id not in self.occupied]

    def _table_for(self, kind: str, guests: int) -> _Table | None:
        fitting = [t for t in self._free_tables(kind) if t.seats >= guests]
        if not fitting:
            return None
        smallest = min(t.seats for t in fitting)
        return self.rng.choice([t for t in fitting if t.seats == smallest])

    def _arrive(self, kind: str, meal: str, guests: int, tries: int) -> None:
        table = self._table_for(kind, guests)
        pair = None
        if kind == "hall" and guests >= 6 and self.rng.random() < (0.6 if table is None else 0.1):
            pair = self._two_tables(guests)
        if table is None and pair is None:
            if tries < 4:
                self.after(5, lambda: self._arrive(kind, meal, guests, tries + 1))
            else:
                self.report.walked_away += 1
            return
        self.party_count += 1
        self.report.parties += 1
        party = _Party(self.party_count, kind, meal, guests, self.rng.choice(self.waiters), [])
        low, high, usual = {"lunch": (45, 80, 55), "dinner": (60, 120, 80), "tea": (60, 120, 90)}[
            meal
        ]
        if kind == "private":
            low, high, usual = 90, 120, 105
        party.dining = timedelta(minutes=round(self.rng.triangular(low, high, usual)))
        if pair is not None:
            self._seat_group(party, pair)
            return
        assert table is not None
        party.tables = [table.table_id]
        party.bill_id = self._seat(table.table_id, guests, party.waiter_id)
        self.active[party.number] = party
        self.report.guests += guests
        if self.rng.random() < 0.015:
            self.report.left_without_ordering += 1
            self.after(self.rng.randint(3, 10), lambda: self._leave_unordered(party))
            return
        self.after(self.rng.uniform(2, 7), lambda: self._order(party, party.bill_id, first=True))
        self._plan_meal(party)

    def _two_tables(self, guests: int) -> tuple[_Table, _Table] | None:
        free = sorted(self._free_tables("hall"), key=lambda t: t.seats)
        for i, first in enumerate(free):
            for second in free[i + 1 :]:
                if first.seats + second.seats >= guests:
                    return first, second
        return None

    def _seat(self, table_id: int, guests: int, waiter_id: int | None) -> int:
        changes = seating.seat_party(
            self.ctx, table_id=table_id, guests=guests, waiter_id=waiter_id
        )
        self.occupied.add(table_id)
        assert changes.bill_id is not None
        return changes.bill_id

    def _seat_group(self, party: _Party, pair: tuple[_Table, _Table]) -> None:
        """A big party over two tables (并台 later): each table orders, one bill at the end."""
        first, second = pair
        share = max(1, min(first.seats, party.guests * first.seats // (first.seats + second.seats)))
        share = min(share, party.guests - 1)
        party.tables = [first.table_id, second.table_id]
        party.grouped = True
        party.simple = False
        party.bill_id = self._seat(first.table_id, share, party.waiter_id)
        other_bill = self._seat(second.table_id, party.guests - share, party.waiter_id)
        self.active[party.number] = party
        self.report.guests += party.guests
        self.after(
            self.rng.uniform(2, 6),
            lambda: self._order(party, party.bill_id, first=True, guests=share),
        )
        self.after(
            self.rng.uniform(3, 8),
            lambda: self._order(party, other_bill, first=True, guests=party.guests - share),
        )
        self.after(self.rng.uniform(15, 30), lambda: self._merge(party, other_bill))
        self._plan_meal(party)

    def _leave_unordered(self, party: _Party) -> None:
        for table_id in party.tables:
            seating.clear_table(self.ctx, table_id=table_id)
            self.occupied.discard(table_id)
        del self.active[party.number]

    # ------------------------------------------------------------ during the meal

    def _plan_meal(self, party: _Party) -> None:
        dining = party.dining.total_seconds() / 60
        rng = self.rng
        if rng.random() < 0.35:
            self.after(dining * rng.uniform(0.3, 0.6), lambda: self._add_on(party))
        if party.kind != "private" and rng.random() < 0.05:
            self.after(dining * rng.uniform(0.1, 0.3), lambda: self._change_guests(party))
        if rng.random() < 0.06:
            self.after(dining * rng.uniform(0.35, 0.75), lambda: self._void(party))
        if party.kind == "hall" and not party.grouped:
            if rng.random() < 0.03:
                self.after(rng.uniform(8, 20), lambda: self._transfer(party))
            if rng.random() < 0.03:
                self.after(dining * rng.uniform(0.4, 0.6), lambda: self._transfer_lines(party))
        self.after(dining, lambda: self._ask_for_bill(party))

    def _dishes(self, party: _Party, first: bool, guests: int) -> list[tuple[_Dish, int]]:
        """What a party orders, by room and meal; quantities in portions."""
        rng = self.rng
        picks: list[tuple[_Dish, int]] = []

        def some(category: str, count: int, quantity: int = 1) -> None:
            dishes = self.menu.get(category, [])
            for dish in rng.sample(dishes, min(count, len(dishes))):
                picks.append((dish, quantity))

        def one(code: str, quantity: int) -> bool:
            dish = self.by_code.get(code)
            if dish is not None:
                picks.append((dish, quantity))
            return dish is not None

        if not first:
            if party.kind == "tea":
                some(rng.choice(["snack", "dimsum", "fruit", "tea"]), rng.randint(1, 2))
            else:
                some(rng.choice(["hot", "hot", "drink", "staple", "cold"]), rng.randint(1, 3))
            return picks
        if party.kind == "tea":
            some("tea", 1 if guests <= 3 else 2)
            if rng.random() < 0.15:
                one("S02", max(1, guests // 2))
            some("snack", rng.randint(1, 3))
            some("dimsum", rng.randint(0, 3), rng.randint(1, 2))
            if rng.random() < 0.4:
                some("fruit", 1)
            return picks
        if party.kind == "private":
            if rng.random() < 0.15 and one("S05", 1):
                some("drink", 2, rng.randint(1, 3))
                return picks
            some("cold", rng.randint(3, 4))
            some("hot", rng.randint(5, 8))
            some("live", rng.randint(1, 2))
            some("soup", 1)
            some("staple", rng.randint(1, 2))
            some("fruit", 1)
            some("drink", rng.randint(1, 3), rng.randint(1, 4))
            return picks
        if party.meal == "lunch" and rng.random() < 0.12:
            if guests >= 4:
                one("S03", max(1, guests // 4))
            else:
                one("S01", max(1, guests // 2))
            some("drink", rng.randint(0, 2))
            return picks
        if party.meal == "dinner" and rng.random() < 0.12:
            some("broth", 1)
            some("hotpot", min(12, guests + rng.randint(2, 4)))
            one("B11", max(2, guests))
            return picks
        some("cold", rng.randint(0, 2))
        some("hot", max(1, guests - rng.randint(0, 1)))
        if party.meal == "dinner" and rng.random() < 0.3:
            some("live", 1)
        if rng.random() < 0.45:
            some("soup", 1)
        if not one("Z01", guests) or rng.random() < 0.3:
            some("staple", 1)
        if party.meal == "dinner" and rng.random() < 0.5:
            one("B11", rng.randint(2, 2 + guests))
        else:
            some("drink", rng.randint(0, 2))
        return picks

    def _options(self, dish: _Dish) -> list[int]:
        """Required choices always answered; optional ones now and then."""
        chosen: list[int] = []
        for group in dish.groups:
            minimum = max(group.min_choices, 1 if group.required else 0)
            count = minimum
            if count < group.max_choices and self.rng.random() < 0.2:
                count = self.rng.randint(max(count, 1), min(group.max_choices, 2))
            chosen += self.rng.sample(group.option_ids, min(count, len(group.option_ids)))
        return chosen

    def _add(self, party: _Party, bill_id: int, dish: _Dish, quantity: int) -> int:
        weight = self.rng.randint(8, 30) * 100 if dish.weighed else None
        price = None
        if dish.market_price:
            price = max(100, int(round(dish.price_fen * self.rng.uniform(0.85, 1.2), -2)))
        note = self.rng.choice(NOTES) if self.rng.random() < 0.08 else ""
        changes = ordering.add_to_cart(
            self.ctx,
            bill_id=bill_id,
            item_id=dish.item_id,
            quantity=min(quantity, 99),
            weight_milli=weight,
            price_fen=price,
            option_ids=self._options(dish),
            note=note,
            waiter_id=party.waiter_id,
        )
        self.report.lines_ordered += 1
        return changes.lines[0]

    def _order(
        self, party: _Party, bill_id: int, *, first: bool, guests: int | None = None
    ) -> None:
        """Take the order (点菜), now and then fix the cart, then send it (落单)."""
        if not self._is_open(bill_id):
            return  # merged meanwhile: the other table orders on the merged bill
        picks = self._dishes(party, first, guests or party.guests)
        if not picks:
            return
        added = [(self._add(party, bill_id, dish, quantity), dish) for dish, quantity in picks]
        rng = self.rng
        if rng.random() < 0.06 and self.menu.get("drink"):
            mistake = self._add(party, bill_id, rng.choice(self.menu["drink"]), 1)
            ordering.delete_unsent(self.ctx, line_id=mistake)
            self.report.deleted_unsent += 1
        portions = [(line, dish) for line, dish in added if not dish.weighed]
        if portions and rng.random() < 0.05:
            line, _dish = rng.choice(portions)
            ordering.set_quantity(self.ctx, line_id=line, quantity=2)
        hold: list[int] = []
        if first and party.kind != "tea" and rng.random() < 0.3:
            hold = [line for line, dish in added if dish.category in ("staple", "soup")]
        ordering.send_to_kitchen(
            self.ctx, bill_id=bill_id, hold_line_ids=hold, staff_id=party.waiter_id
        )
        self.report.held += len(hold)
        for line, dish in added:
            if line in hold:
                continue
            self._plan_serving(line, dish.category)
        if hold:
            fire_at = party.dining.total_seconds() / 60 * rng.uniform(0.35, 0.5)
            self.after(max(10.0, fire_at - 5), lambda: self._fire(hold))

    def _plan_serving(self, line_id: int, category: str) -> None:
        low, high = LEAD_MINUTES.get(category, (5, 20))
        lead = self.rng.uniform(low, high)
        if lead > 18 and self.rng.random() < 0.25:
            self.after(15, lambda: self._hurry(line_id))
        self.after(lead, lambda: self._serve(line_id))

    def _fire(self, hold: Sequence[int]) -> None:
        """Call the held dishes (即起) on whichever open bill they now sit."""
        states = self._line_states(hold)
        waiting = [
            line
            for line, (status, bill_status, _bill) in states.items()
            if status == LineStatus.HELD and bill_status == BillStatus.OPEN
        ]
        if not waiting:
            return
        bill = states[waiting[0]][2]
        ordering.fire_held(self.ctx, bill_id=bill, line_ids=waiting)
        for line in waiting:
            self.after(self.rng.uniform(5, 14), lambda line=line: self._serve(line))

    def _line_states(self, line_ids: Sequence[int]) -> dict[int, tuple[str, str, int]]:
        with self.ctx.reading() as session:
            rows = session.execute(
                select(OrderLine.id, OrderLine.status, Bill.status, Bill.id)
                .join(Bill, Bill.id == OrderLine.bill_id)
                .where(OrderLine.id.in_(line_ids))
            ).all()
        return {row[0]: (row[1], row[2], row[3]) for row in rows}

    def _serve(self, line_id: int) -> None:
        """划菜, unless the dish was voided, served or paid for meanwhile."""
        status, bill_status, _bill = self._line_states([line_id])[line_id]
        if status == LineStatus.SENT and bill_status == BillStatus.OPEN:
            ordering.serve_line(self.ctx, line_id=line_id)

    def _hurry(self, line_id: int) -> None:
        status, bill_status, _bill = self._line_states([line_id])[line_id]
        if status == LineStatus.SENT and bill_status == BillStatus.OPEN:
            ordering.hurry(self.ctx, line_ids=[line_id])
            self.report.hurries += 1

    def _is_open(self, bill_id: int) -> bool:
        with self.ctx.reading() as session:
            return session.scalar(select(Bill.status).where(Bill.id == bill_id)) == BillStatus.OPEN

    def _open_bills(self, party: _Party) -> list[int]:
        with self.ctx.reading() as session:
            return list(
                session.scalars(
                    select(Bill.id)
                    .where(Bill.table_id.in_(party.tables), Bill.status == BillStatus.OPEN)
                    .order_by(Bill.id)
                )
            )

    def _item_lines(self, bill_ids: Sequence[int]) -> list[tuple[int, str, int]]:
        """(line id, status, quantity) of the dishes themselves on these bills."""
        with self.ctx.reading() as session:
            return [
                (row.id, row.status, row.quantity_milli)
                for row in session.execute(
                    select(OrderLine.id, OrderLine.status, OrderLine.quantity_milli)
                    .where(OrderLine.bill_id.in_(bill_ids), OrderLine.kind == LineKind.ITEM)
                    .order_by(OrderLine.id)
                )
            ]

    def _add_on(self, party: _Party) -> None:
        """加菜: more dishes, sent as an add-on ticket."""
        if party.asked:
            return
        bills = self._open_bills(party)
        if bills:
            self._order(party, bills[0], first=False)

    def _change_guests(self, party: _Party) -> None:
        """加减位: a friend joins, or someone leaves early."""
        if party.asked or not party.simple:
            return
        delta = 1 if party.guests == 1 or self.rng.random() < 0.7 else -1
        seating.change_guests(self.ctx, bill_id=party.bill_id, guests=party.guests + delta)
        party.guests += delta
        self.report.guests += max(delta, 0)
        self.report.guest_changes += 1

    def _void(self, party: _Party) -> None:
        """退菜 with a reason and the manager's approval; part of a dish now and then."""
        approval = self.approval()
        if party.asked or approval is None:
            return
        lines = [
            line
            for line in self._item_lines(self._open_bills(party))
            if line[1] in (LineStatus.SENT, LineStatus.SERVED)
        ]
        if not lines:
            return
        line_id, _status, quantity = self.rng.choice(lines)
        part = (
            MILLI
            if quantity > MILLI and quantity % MILLI == 0 and self.rng.random() < 0.5
            else None
        )
        ordering.void_line(
            self.ctx,
            line_id=line_id,
            reason=self.rng.choice(VOID_REASONS),
            approval=approval,
            quantity_milli=part,
            staff_id=party.waiter_id,
        )
        self.report.voids += 1

    def _transfer(self, party: _Party) -> None:
        """转台: the party moves to another free table (a window seat, a quieter corner)."""
        if party.asked or not party.simple:
            return
        source = party.tables[0]
        choices = [t for t in self._free_tables(party.kind) if t.seats >= party.guests]
        if not choices:
            return
        target = self.rng.choice(choices)
        seating.transfer_bill(
            self.ctx, bill_id=party.bill_id, to_table_id=target.table_id, staff_id=party.waiter_id
        )
        self.occupied.add(target.table_id)
        party.tables = [target.table_id]
        self.report.transfers += 1
        self.after(self.rng.uniform(2, 6), lambda: self._clear([source]))

    def _transfer_lines(self, party: _Party) -> None:
        """转台 by dishes: one dish goes to friends at another table, on their bill."""
        if party.asked or not party.simple:
            return
        others = [
            p
            for p in self.active.values()
            if p is not party
            and p.kind == "hall"
            and p.simple
            and not p.asked
            and p.bill_id
            and self._is_open(p.bill_id)
        ]
        lines = [
            line
            for line in self._item_lines([party.bill_id])
            if line[1] in (LineStatus.SENT, LineStatus.SERVED)
        ]
        if not others or len(lines) < 3:
            return
        other = self.rng.choice(others)
        line_id = self.rng.choice(lines)[0]
        seating.transfer_lines(
            self.ctx, line_ids=[line_id], to_table_id=other.tables[0], staff_id=party.waiter_id
        )
        self.report.line_transfers += 1
        self.report.transfers += 1

    def _merge(self, party: _Party, other_bill: int) -> None:
        """并台: the two tables of a big party will settle as one; undone now and then."""
        if party.asked:
            return
        seating.merge_bills(self.ctx, into_bill_id=party.bill_id, bill_ids=[other_bill])
        self.report.merges += 1
        if self.rng.random() < 0.3:
            dining = party.dining.total_seconds() / 60
            self.after(
                dining * self.rng.uniform(0.4, 0.6), lambda: self._unmerge(party, other_bill)
            )

    def _unmerge(self, party: _Party, other_bill: int) -> None:
        if party.asked:
            return
        seating.unmerge_bill(self.ctx, bill_id=other_bill)
        self.report.unmerges += 1

    # ------------------------------------------------------------ paying and leaving

    def _finish_kitchen(self, bills: Sequence[int]) -> None:
        """Before the check: held dishes are called and whatever is out is crossed off."""
        for bill_id in bills:
            lines = self._item_lines([bill_id])
            if any(status == LineStatus.HELD for _line, status, _q in lines):
                ordering.fire_held(self.ctx, bill_id=bill_id)
                lines = self._item_lines([bill_id])
            for line_id, status, _quantity in lines:
                if status == LineStatus.SENT:
                    ordering.serve_line(self.ctx, line_id=line_id)

    def _ask_for_bill(self, party: _Party) -> None:
        """买单: split or discount if asked, then the guest check (预结单) for each bill."""
        party.asked = True
        bills = self._open_bills(party)
        self._finish_kitchen(bills)
        rng = self.rng
        approval = self.approval()
        if approval is not None and rng.random() < 0.06:
            kind = rng.choice([DiscountKind.PERCENT, DiscountKind.AMOUNT])
            value = (
                rng.choice([500, 800, 1000, 1200])
                if kind is DiscountKind.PERCENT
                else rng.choice([1000, 2000, 5000])
            )
            payment.apply_bill_discount(
                self.ctx,
                bill_id=bills[0],
                kind=kind,
                value=value,
                reason=rng.choice(DISCOUNT_REASONS),
                approval=approval,
                staff_id=party.waiter_id,
            )
            self.report.discounts += 1
        # splitting a private or tea room's bill would charge its room fee / minimum spend on
        # each part, so parties split only in the hall
        if party.kind == "hall" and party.simple and len(bills) == 1 and party.guests >= 2:
            draw = rng.random()
            lines = [
                line
                for line in self._item_lines(bills)
                if line[1] in (LineStatus.SENT, LineStatus.SERVED)
            ]
            if draw < 0.06:
                parts = rng.randint(2, min(party.guests, 4))
                seating.split_bill_evenly(self.ctx, bill_id=bills[0], parts=parts)
                self.report.even_splits += 1
                self.report.splits += 1
                party.simple = False
            elif draw < 0.11 and len(lines) >= 3:
                chosen = [line[0] for line in rng.sample(lines, rng.randint(1, len(lines) // 2))]
                seating.split_bill_by_lines(
                    self.ctx, bill_id=bills[0], line_ids=chosen, guests=rng.randint(0, 1)
                )
                self.report.splits += 1
                party.simple = False
            bills = self._open_bills(party)
        for bill_id in bills:
            payment.request_bill(self.ctx, bill_id=bill_id)
        self.after(rng.uniform(2, 6), lambda: self._settle(party))

    def _tenders(self, total: int) -> tuple[list[Tender], bool]:
        """How a guest pays ``total``; the flag says a manager must approve (免单)."""
        rng = self.rng
        if total <= 0:
            return [], False
        draw = rng.random()
        if draw < 0.30:
            return [Tender(TenderMethod.WECHAT, total)], False
        if draw < 0.50:
            return [Tender(TenderMethod.ALIPAY, total)], False
        if draw < 0.63:
            return [Tender(TenderMethod.CARD, total)], False
        if draw < 0.80:
            return [self._cash(total)], False
        if draw < 0.93 and total >= 200:
            part = max(1, min(total - 1, int(round(total * rng.uniform(0.3, 0.7), -2)) or 100))
            if rng.random() < 0.3 and total > 5000:
                first, part = Tender(TenderMethod.VOUCHER, 5000, reference="代金券"), 5000
            else:
                first = Tender(rng.choice([TenderMethod.WECHAT, TenderMethod.ALIPAY]), part)
            rest = total - part
            second = self._cash(rest) if rng.random() < 0.6 else Tender(TenderMethod.CARD, rest)
            return [first, second], False
        if draw < 0.97:
            return [
                Tender(TenderMethod.MEMBER, total, reference=f"M{rng.randint(1000, 9999)}")
            ], False
        if draw < 0.993 or self.manager is None:
            return [Tender(TenderMethod.ACCOUNT, total, signer=rng.choice(SIGNERS))], False
        return [Tender(TenderMethod.COMP, total)], True

    def _cash(self, amount: int) -> Tender:
        """Cash handed over: the exact sum, or rounded up to a note (change is given)."""
        unit = self.rng.choice([1, 1000, 5000, 10_000, 10_000])
        return Tender(TenderMethod.CASH, -(-amount // unit) * unit)

    def _settle(self, party: _Party) -> None:
        """结账 each of the party's bills; now and then a paid bill is reopened (反结账)."""
        settled = []
        for bill_id in self._open_bills(party):
            total = bill_view(self.ctx, bill_id).breakdown.total
            tenders, comp = self._tenders(total)
            payment.settle_bill(
                self.ctx,
                bill_id=bill_id,
                tenders=tenders,
                cashier_id=self.cashier,
                approval=self.approval() if comp else None,
                invoice_requested=self.rng.random() < 0.08,
            )
            settled.append(bill_id)
            self.report.bills_settled += 1
            self.report.comps += int(comp)
        reopen = (
            party.simple
            and not party.reopened
            and len(settled) == 1
            and self.manager is not None
            and (
                self.rng.random() < 0.01
                or (self.reopens_today == 0 and self.now.time() >= time(20, 0))
            )
        )
        if reopen:
            party.reopened = True
            self.after(self.rng.uniform(1, 3), lambda: self._reopen(party, settled[0]))
            return
        self.after(self.rng.uniform(3, 8), lambda: self._leave(party))

    def _reopen(self, party: _Party, bill_id: int) -> None:
        approval = self.approval()
        reason = self.rng.choice(REOPEN_REASONS)
        changes = payment.reopen_bill(
            self.ctx, bill_id=bill_id, reason=reason, approval=approval, staff_id=self.cashier
        )
        self.report.reopens += 1
        self.reopens_today += 1
        if reason == "漏打会员折扣" and changes.bill_id is not None:
            payment.apply_bill_discount(
                self.ctx,
                bill_id=changes.bill_id,
                kind=DiscountKind.PERCENT,
                value=1200,
                reason="会员折扣",
                approval=approval,
            )
            self.report.discounts += 1
        self.after(self.rng.uniform(1, 3), lambda: self._settle(party))

    def _leave(self, party: _Party) -> None:
        self._clear(party.tables)
        del self.active[party.number]

    def _clear(self, tables: Sequence[int]) -> None:
        """清台 after the reset checklist."""
        for table_id in tables:
            seating.clear_table(self.ctx, table_id=table_id)
            self.occupied.discard(table_id)


def default_start(ctx: Context) -> date:
    """The day after the latest bill in the store, so repeated runs continue the history."""
    with ctx.reading() as session:
        latest = session.scalar(select(func.max(Bill.opened_at)))
    return latest.date() + timedelta(days=1) if latest else ctx.now().date()


def simulate_days(
    ctx: Context, *, days: int, seed: int = 1, start: date | None = None
) -> SimulationReport:
    """Play ``days`` business days through the real use cases; every table is free at the
    end of each day. The same store and seed give the same figures."""
    if days < 1:
        raise ValueError("days must be at least 1")
    first = start or default_start(ctx)
    report = SimulationReport(days=days, first_day=first, last_day=first + timedelta(days=days - 1))
    simulation = _Simulation(ctx, random.Random(seed), report)
    for offset in range(days):
        simulation.run_day(first + timedelta(days=offset))
    _add_takings(ctx, report)
    return report


def _add_takings(ctx: Context, report: SimulationReport) -> None:
    """Revenue and tender mix of the paid bills of the simulated days, from the store."""
    assert report.first_day is not None and report.last_day is not None
    in_days = (
        Bill.status == BillStatus.PAID,
        Bill.business_day.between(report.first_day, report.last_day),
    )
    with ctx.reading() as session:
        report.revenue_fen = (
            session.scalar(select(func.coalesce(func.sum(Bill.total_fen), 0)).where(*in_days)) or 0
        )
        change = (
            session.scalar(select(func.coalesce(func.sum(Bill.change_fen), 0)).where(*in_days)) or 0
        )
        for method, amount in session.execute(
            select(TenderRow.method, func.sum(TenderRow.amount_fen))
            .join(Bill, Bill.id == TenderRow.bill_id)
            .where(*in_days)
            .group_by(TenderRow.method)
        ).all():
            report.tenders_fen[method] = int(amount) - (change if method == "cash" else 0)
