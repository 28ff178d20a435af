"""A till that works the floor without end, to be killed (SIGKILL) at random moments.

Run as ``python -m tests.crash_worker DB_PATH SEED``. It opens the store as the app does and
cycles through every table of the demo venue: seat a party, order (dishes with required
options, a weighed fish, a set meal), send to the kitchen (sometimes holding dishes and calling
them later), serve, sometimes void, add on, ask for the bill, settle with one to three tenders
and clear the table. A table left half-way by an earlier run is taken up where it stands.

Each action prints ``BEGIN <action>`` just before it starts and ``DONE <action>`` once it is
committed (flushed at once), so the parent can wait for progress and tell whether a kill landed
inside an action. It never stops by itself, except after ``RUNAWAY_SECONDS`` as a guard.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.domain.billing import Tender, TenderMethod
from app.domain.errors import InvalidInput
from app.domain.table_state import TableState
from app.services import ordering, payment, queries, seating
from app.services.bills import BillStatus, LineKind, LineStatus
from app.services.context import Changes, Context
from app.services.staff import Approval, Role
from db.engine import Store, sqlite_url
from db.models import Bill, DiningTable, MenuItem, Staff

RUNAWAY_SECONDS = 600
NON_CASH = (
    TenderMethod.WECHAT,
    TenderMethod.ALIPAY,
    TenderMethod.CARD,
    TenderMethod.MEMBER,
    TenderMethod.VOUCHER,
    TenderMethod.ACCOUNT,
)
VOID_REASONS = ("客人退菜", "上错菜", "等太久")


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


@dataclass(frozen=True)
class Dish:
    item_id: int
    name: str
    option_ids: tuple[int, ...] = ()  # one choice for each required group, maybe an extra
    weighed: bool = False
    market_price: bool = False
    set_meal: bool = False


@dataclass(frozen=True)
class TableInfo:
    table_id: int
    name: str
    seats: int


class Worker:
    def __init__(self, ctx: Context, rng: random.Random) -> None:
        self.ctx = ctx
        self.rng = rng
        self.deadline = time.monotonic() + RUNAWAY_SECONDS
        with ctx.reading() as session:
            self.tables = [
                TableInfo(t.id, t.name, t.seats)
                for t in session.scalars(
                    select(DiningTable)
                    .where(DiningTable.active.is_(True))
                    .order_by(DiningTable.sort_order, DiningTable.id)
                )
            ]
            staff = session.scalars(select(Staff).where(Staff.active.is_(True))).all()
            manager = next(s for s in staff if s.role == Role.MANAGER)
            self.manager = (manager.id, manager.name)
            self.waiter_id = next(s.id for s in staff if s.role == Role.WAITER)
            self.cashier_id = next(s.id for s in staff if s.role == Role.CASHIER)
            items = session.scalars(
                select(MenuItem)
                .where(MenuItem.active.is_(True), MenuItem.sold_out.is_(False))
                .order_by(MenuItem.id)
            ).all()
            self.plain: list[Dish] = []
            self.with_options: list[Dish] = []
            self.fish: list[Dish] = []
            self.sets: list[Dish] = []
            for item in items:
                required = [g for g in item.option_groups if g.required or g.min_choices]
                chosen = tuple(g.options[0].id for g in required)
                dish = Dish(
                    item.id, item.name_zh, chosen, item.weighed, item.market_price, item.is_set_meal
                )
                if item.is_set_meal:
                    self.sets.append(dish)
                elif item.weighed:
                    self.fish.append(dish)
                elif required:
                    self.with_options.append(dish)
                elif not item.market_price:
                    self.plain.append(dish)
            # an optional group's choice on top, for dishes that offer one
            self.extras = {
                item.id: [
                    o.id
                    for g in item.option_groups
                    if not g.required and not g.min_choices
                    for o in g.options
                ]
                for item in items
            }
        if not (self.tables and self.plain and self.with_options and self.fish and self.sets):
            raise SystemExit("the store does not hold the demo venue")

    # ------------------------------------------------------------------ plumbing

    def act(self, label: str, action: Callable[[], Changes]) -> Changes:
        if time.monotonic() > self.deadline:
            say("RUNAWAY guard: stopping")
            raise SystemExit(3)
        say(f"BEGIN {label}")
        changes = action()
        say(f"DONE {label}")
        return changes

    def approval(self) -> Approval:
        return Approval(self.manager[0], self.manager[1], self.ctx.now())

    # ------------------------------------------------------------------ the floor

    def run(self) -> None:
        self.recover()
        position = self.start_position()
        while True:
            table = self.tables[position % len(self.tables)]
            position += 1
            self.serve_table(table)

    def start_position(self) -> int:
        """Carry on after the table of the newest bill, so restarts still cycle the floor."""
        with self.ctx.reading() as session:
            newest = session.scalars(select(Bill.table_id).order_by(Bill.id.desc())).first()
        ids = [t.table_id for t in self.tables]
        return ids.index(newest) + 1 if newest in ids else 0

    def recover(self) -> None:
        """Take up what an earlier (killed) run left: finish open bills, clear paid tables."""
        for table in self.tables:
            state, bills = self.table_state(table)
            if bills or state not in (TableState.FREE, TableState.RESERVED):
                self.serve_table(table)

    def table_state(self, table: TableInfo) -> tuple[str, list[int]]:
        with self.ctx.reading() as session:
            state = session.get(DiningTable, table.table_id).state
            bills = session.scalars(
                select(Bill.id)
                .where(Bill.table_id == table.table_id, Bill.status == BillStatus.OPEN)
                .order_by(Bill.id)
            ).all()
        return state, list(bills)

    def serve_table(self, table: TableInfo) -> None:
        state, bills = self.table_state(table)
        if not bills and state in (TableState.PAID, TableState.CLEARING):
            self.act(
                f"clear {table.name}",
                lambda: seating.clear_table(self.ctx, table_id=table.table_id),
            )
            state = TableState.FREE
        if bills:
            for bill_id in bills:  # reuse: a party is already sitting here
                self.dine(table, bill_id)
        else:
            guests = self.rng.randint(1, table.seats)
            changes = self.act(
                f"seat {table.name} guests={guests}",
                lambda: seating.seat_party(
                    self.ctx, table_id=table.table_id, guests=guests, waiter_id=self.waiter_id
                ),
            )
            self.dine(table, changes.bill_id)
        self.act(
            f"clear {table.name}", lambda: seating.clear_table(self.ctx, table_id=table.table_id)
        )

    def dine(self, table: TableInfo, bill_id: int) -> None:
        view = queries.bill_view(self.ctx, bill_id)
        if not view.lines:
            self.order(table, bill_id)
        self.finish_kitchen(table, bill_id)
        if self.rng.random() < 0.3:
            self.add_on(table, bill_id)
        self.act(
            f"request_bill {table.name} bill={bill_id}",
            lambda: payment.request_bill(self.ctx, bill_id=bill_id),
        )
        self.settle(table, bill_id)

    def order(self, table: TableInfo, bill_id: int) -> None:
        rng = self.rng
        dishes = [rng.choice(self.with_options)]
        dishes += rng.sample(self.plain, rng.randint(1, 3))
        if rng.random() < 0.8:
            dishes.append(rng.choice(self.fish))
        if rng.random() < 0.7:
            dishes.append(rng.choice(self.sets))
        if rng.random() < 0.5:
            dishes.append(rng.choice(self.with_options))
        rng.shuffle(dishes)
        added = [self.add(table, bill_id, dish) for dish in dishes]
        hold: list[int] = []
        if rng.random() < 0.4:
            hold = rng.sample(added, rng.randint(1, max(1, len(added) // 2)))
        self.act(
            f"send {table.name} bill={bill_id} hold={len(hold)}",
            lambda: ordering.send_to_kitchen(
                self.ctx, bill_id=bill_id, hold_line_ids=hold, staff_id=self.waiter_id
            ),
        )
        self.serve_some(table, bill_id)
        if hold:
            self.act(
                f"fire {table.name} bill={bill_id}",
                lambda: ordering.fire_held(self.ctx, bill_id=bill_id, staff_id=self.waiter_id),
            )
            self.serve_some(table, bill_id)
        if rng.random() < 0.35:
            self.void_one(table, bill_id)

    def add(self, table: TableInfo, bill_id: int, dish: Dish) -> int:
        rng = self.rng
        options = list(dish.option_ids)
        extras = self.extras.get(dish.item_id, [])
        if extras and rng.random() < 0.4:
            options.append(rng.choice(extras))
        weight = rng.randint(400, 3500) if dish.weighed else None
        price = rng.randint(80, 400) * 100 if dish.market_price else None
        quantity = 1 if dish.weighed or dish.set_meal else rng.randint(1, 3)
        changes = self.act(
            f"add {table.name} bill={bill_id} {dish.name} x{quantity} w={weight}",
            lambda: ordering.add_to_cart(
                self.ctx,
                bill_id=bill_id,
                item_id=dish.item_id,
                quantity=quantity,
                weight_milli=weight,
                price_fen=price,
                option_ids=options,
                waiter_id=self.waiter_id,
            ),
        )
        return changes.lines[0]

    def lines(self, bill_id: int) -> list[queries.LineView]:
        return [
            line
            for line in queries.bill_view(self.ctx, bill_id).lines
            if line.kind == LineKind.ITEM
        ]

    def serve_some(self, table: TableInfo, bill_id: int) -> None:
        ready = [line for line in self.lines(bill_id) if line.status == LineStatus.SENT]
        if not ready:
            return
        for line in self.rng.sample(ready, self.rng.randint(1, len(ready))):
            self.act(
                f"serve {table.name} line={line.line_id}",
                lambda line=line: ordering.serve_line(self.ctx, line_id=line.line_id),
            )

    def void_one(self, table: TableInfo, bill_id: int) -> None:
        candidates = [
            line
            for line in self.lines(bill_id)
            if line.status in (LineStatus.SENT, LineStatus.SERVED, LineStatus.HELD)
        ]
        if not candidates:
            return
        line = self.rng.choice(candidates)
        part = None  # the whole dish, or one portion of several
        several = line.quantity_milli >= 2000 and line.quantity_milli % 1000 == 0
        if several and self.rng.random() < 0.5:
            part = 1000
        reason = self.rng.choice(VOID_REASONS)
        self.act(
            f"void {table.name} line={line.line_id} part={part}",
            lambda: ordering.void_line(
                self.ctx,
                line_id=line.line_id,
                reason=reason,
                approval=self.approval(),
                quantity_milli=part,
                staff_id=self.waiter_id,
            ),
        )

    def finish_kitchen(self, table: TableInfo, bill_id: int) -> None:
        """Whatever an earlier run left in the cart or on hold goes to the kitchen now."""
        statuses = {line.status for line in self.lines(bill_id)}
        if LineStatus.CART in statuses:
            self.act(
                f"send {table.name} bill={bill_id} (resumed)",
                lambda: ordering.send_to_kitchen(
                    self.ctx, bill_id=bill_id, staff_id=self.waiter_id
                ),
            )
            statuses = {line.status for line in self.lines(bill_id)}
        if LineStatus.HELD in statuses:
            self.act(
                f"fire {table.name} bill={bill_id} (resumed)",
                lambda: ordering.fire_held(self.ctx, bill_id=bill_id, staff_id=self.waiter_id),
            )

    def add_on(self, table: TableInfo, bill_id: int) -> None:
        self.add(table, bill_id, self.rng.choice(self.plain + self.with_options))
        self.act(
            f"send {table.name} bill={bill_id} (add-on)",
            lambda: ordering.send_to_kitchen(self.ctx, bill_id=bill_id, staff_id=self.waiter_id),
        )
        self.serve_some(table, bill_id)

    def settle(self, table: TableInfo, bill_id: int) -> None:
        for attempt in range(3):
            view = queries.bill_view(self.ctx, bill_id)
            tenders = self.tenders(view.breakdown.total)
            label = ", ".join(f"{t.method}:{t.amount}" for t in tenders)
            try:
                self.act(
                    f"settle {table.name} bill={bill_id} total={view.breakdown.total} [{label}]",
                    lambda view=view, tenders=tenders: payment.settle_bill(
                        self.ctx,
                        bill_id=bill_id,
                        tenders=tenders,
                        cashier_id=self.cashier_id,
                        expected_version=view.version,
                    ),
                )
                return
            except InvalidInput:
                # the total moved between the look and the payment (a timed room's
                # clock ticked over): look again, as the cashier would
                if attempt == 2:
                    raise

    def tenders(self, total: int) -> list[Tender]:
        rng = self.rng
        if total <= 0:
            return []
        count = min(rng.randint(1, 3), total)
        cash_last = rng.random() < 0.6
        cuts = sorted(rng.sample(range(1, total), count - 1)) if count > 1 else []
        amounts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        tenders = []
        for index, amount in enumerate(amounts):
            last = index == len(amounts) - 1
            if last and cash_last:
                paid = -(-amount // 10_000) * 10_000  # a round number of 100 yuan notes
                if rng.random() < 0.5:
                    paid += 10_000
                tenders.append(Tender(TenderMethod.CASH, paid))
                continue
            method = rng.choice(NON_CASH)
            signer = "刘总" if method is TenderMethod.ACCOUNT else ""
            tenders.append(
                Tender(method, amount, signer=signer, reference=f"ref{rng.randrange(10**8)}")
            )
        return tenders


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m tests.crash_worker DB_PATH SEED", file=sys.stderr)
        return 2
    db_path, seed = Path(argv[0]), int(argv[1])
    store = Store.open(sqlite_url(db_path))
    ctx = Context(store)
    worker = Worker(ctx, random.Random(seed))
    say("READY")
    worker.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
