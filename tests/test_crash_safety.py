"""Crash safety: a till killed with SIGKILL at random moments leaves a consistent store.

``tests/crash_worker.py`` seats, orders, sends, serves, voids, settles and clears in a loop;
this test kills it ``XIAOER_CRASH_KILLS`` times (50 by default) after a random number of
actions or a random short time, and after each kill opens the store afresh, as the app would
on its next start, and checks every invariant in ``check_store_invariants``. Each bill must be
either untouched or fully settled with consistent tenders, nothing orphaned or doubled, the
receipt numbers of each business day gap-free, and every table in the state its bills call for.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import time as day_time
from pathlib import Path

from sqlalchemy import select

from app.domain.table_state import OCCUPIED, TableState
from app.domain.timing import business_day
from app.services.bills import BillStatus, LineKind, breakdown
from db.engine import Store, sqlite_url
from db.models import (
    Bill,
    DiningTable,
    KitchenTicket,
    KitchenTicketLine,
    OrderLine,
    ReceiptCounter,
    TenderRow,
    Venue,
)

ROOT = Path(__file__).resolve().parent.parent
KILLS = int(os.environ.get("XIAOER_CRASH_KILLS", "50"))
SEED = int(os.environ.get("XIAOER_CRASH_SEED", "20261120"))
WAIT_LIMIT_S = 30.0  # a worker that shows no progress for this long is stuck
SETTLED = (BillStatus.PAID, BillStatus.REOPENED)  # a reopened bill keeps its receipt as paid


# ---------------------------------------------------------------------------- invariants


def check_store_invariants(db_path: Path | str) -> list[str]:
    """Open the store as the app would on start and list every broken invariant (empty: ok)."""
    store = Store.open(sqlite_url(Path(db_path)))
    try:
        problems: list[str] = []
        with store.engine.connect() as connection:
            integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                problems.append(f"integrity_check: {integrity}")
            foreign = list(connection.exec_driver_sql("PRAGMA foreign_key_check"))
            if foreign:
                problems.append(f"foreign_key_check: {foreign}")
            problems += _orphans_and_doubles(connection)
        with store.read_sessions() as session:
            problems += _bills_and_tenders(session)
            problems += _receipt_numbers(session)
            problems += _kitchen_follows_lines(session)
            problems += _tables_follow_bills(session)
        return problems
    finally:
        store.close()


# each query lists the offending rows; the message says what they break
_ROW_CHECKS: tuple[tuple[str, str], ...] = (
    (
        "order_line whose bill is missing",
        "SELECT l.id FROM order_line l LEFT JOIN bill b ON b.id = l.bill_id WHERE b.id IS NULL",
    ),
    (
        "kitchen_ticket_line whose order_line is missing",
        "SELECT k.id FROM kitchen_ticket_line k LEFT JOIN order_line l ON l.id = k.line_id "
        "WHERE l.id IS NULL",
    ),
    (
        "kitchen_ticket_line whose ticket is missing",
        "SELECT k.id FROM kitchen_ticket_line k LEFT JOIN kitchen_ticket t ON t.id = k.ticket_id "
        "WHERE t.id IS NULL",
    ),
    (
        "kitchen_ticket without lines",
        "SELECT t.id FROM kitchen_ticket t WHERE NOT EXISTS "
        "(SELECT 1 FROM kitchen_ticket_line k WHERE k.ticket_id = t.id)",
    ),
    (
        "kitchen_ticket whose bill is missing",
        "SELECT t.id FROM kitchen_ticket t LEFT JOIN bill b ON b.id = t.bill_id WHERE b.id IS NULL",
    ),
    (
        "order_line_option whose line is missing",
        "SELECT o.id FROM order_line_option o LEFT JOIN order_line l ON l.id = o.line_id "
        "WHERE l.id IS NULL",
    ),
    (
        "component line whose set-meal line is missing or on another bill",
        "SELECT c.id FROM order_line c LEFT JOIN order_line p ON p.id = c.parent_line_id "
        "WHERE c.kind = 'component' AND (p.id IS NULL OR p.bill_id <> c.bill_id)",
    ),
    (
        "reversal line whose original is missing or on another bill",
        "SELECT r.id FROM order_line r LEFT JOIN order_line o ON o.id = r.reverses_id "
        "WHERE r.kind = 'reversal' AND (o.id IS NULL OR o.bill_id <> r.bill_id)",
    ),
    (
        "reversal lines that take back more than the original",
        "SELECT o.id FROM order_line o JOIN order_line r ON r.reverses_id = o.id "
        "GROUP BY o.id HAVING -SUM(r.quantity_milli) > o.quantity_milli",
    ),
    (
        "tender whose bill is missing",
        "SELECT t.id FROM tender t LEFT JOIN bill b ON b.id = t.bill_id WHERE b.id IS NULL",
    ),
    (
        "the same order_line twice on one kitchen ticket",
        "SELECT ticket_id || '/' || line_id FROM kitchen_ticket_line "
        "GROUP BY ticket_id, line_id HAVING COUNT(*) > 1",
    ),
    (
        "order_line sent in more than one order/add-on ticket",
        "SELECT k.line_id FROM kitchen_ticket_line k JOIN kitchen_ticket t ON t.id = k.ticket_id "
        "WHERE t.kind IN ('order', 'addon') GROUP BY k.line_id HAVING COUNT(*) > 1",
    ),
    (
        "bill with more than one 'order' ticket per station (a second first send)",
        "SELECT bill_id || '/' || station_id FROM kitchen_ticket WHERE kind = 'order' "
        "GROUP BY bill_id, station_id HAVING COUNT(*) > 1",
    ),
    (
        "audit 'void' entries do not match the reversal lines one to one",
        "SELECT 1 WHERE (SELECT COUNT(*) FROM audit_entry WHERE action = 'void') <> "
        "(SELECT COUNT(*) FROM order_line r JOIN bill b ON b.id = r.bill_id "
        "WHERE r.kind = 'reversal' AND b.revision = 1)",
    ),  # a revision copies its reversals
)


def _orphans_and_doubles(connection) -> list[str]:
    problems = []
    for message, query in _ROW_CHECKS:
        rows = [row[0] for row in connection.exec_driver_sql(query)]
        if rows:
            problems.append(f"{message}: {rows[:20]}{' …' if len(rows) > 20 else ''}")
    return problems


def _bills_and_tenders(session) -> list[str]:
    problems = []
    venue = session.scalars(select(Venue)).one()
    day_start = day_time(venue.day_starts_at_minutes // 60, venue.day_starts_at_minutes % 60)
    tenders: dict[int, list[TenderRow]] = defaultdict(list)
    for tender in session.scalars(select(TenderRow)):
        tenders[tender.bill_id].append(tender)
    for bill in session.scalars(select(Bill).order_by(Bill.id)):
        own = tenders.get(bill.id, [])
        where = f"bill {bill.id} ({bill.status})"
        if bill.status not in SETTLED:
            if own:
                problems.append(f"{where} has tenders {[t.id for t in own]} but is not paid")
            if bill.receipt_no is not None:
                problems.append(f"{where} has receipt no. {bill.receipt_no} but is not paid")
            if bill.status == BillStatus.OPEN and (bill.closed_at or bill.business_day):
                problems.append(f"{where} is open but has a closing time or business day")
            continue
        if bill.receipt_no is None or bill.business_day is None or bill.closed_at is None:
            problems.append(f"{where} lacks its receipt no., business day or closing time")
            continue
        expected_day = business_day(bill.closed_at, day_start)
        if bill.business_day != expected_day:
            problems.append(
                f"{where} is on business day {bill.business_day}, "
                f"closed at {bill.closed_at} (day {expected_day})"
            )
        paid = sum(t.amount_fen for t in own)
        if paid - bill.change_fen != bill.total_fen:
            problems.append(
                f"{where}: tenders {paid} − change {bill.change_fen} ≠ total {bill.total_fen}"
            )
        if bill.change_fen < 0 or (bill.change_fen and not any(t.method == "cash" for t in own)):
            problems.append(f"{where}: change {bill.change_fen} without cash to give it from")
        frozen = (
            bill.items_fen
            - bill.discount_fen
            + bill.seat_fee_fen
            + bill.room_fee_fen
            + bill.minimum_topup_fen
            + bill.service_charge_fen
            + bill.rounding_fen
        )
        if frozen != bill.total_fen:
            problems.append(f"{where}: frozen parts add up to {frozen}, total is {bill.total_fen}")
        parts = breakdown(session, bill, bill.closed_at)
        recomputed = (
            parts.items,
            parts.options,
            parts.discounts,
            parts.seat_fee,
            parts.room_fee,
            parts.minimum_spend_topup,
            parts.service_charge,
            parts.rounding,
            parts.total,
        )
        stored = (
            bill.items_fen,
            bill.options_fen,
            bill.discount_fen,
            bill.seat_fee_fen,
            bill.room_fee_fen,
            bill.minimum_topup_fen,
            bill.service_charge_fen,
            bill.rounding_fen,
            bill.total_fen,
        )
        if recomputed != stored and bill.status == BillStatus.PAID:
            problems.append(
                f"{where}: frozen figures {stored} ≠ recomputed from its lines {recomputed}"
            )
        cart = [line.id for line in bill.lines if line.status == "cart"]
        if cart:
            problems.append(f"{where} was settled with unsent lines {cart}")
    return problems


def _receipt_numbers(session) -> list[str]:
    problems = []
    numbers: dict[object, list[int]] = defaultdict(list)
    for day, number in session.execute(
        select(Bill.business_day, Bill.receipt_no).where(Bill.receipt_no.is_not(None))
    ):
        numbers[day].append(number)
    counters = {c.business_day: c.last_no for c in session.scalars(select(ReceiptCounter))}
    for day in sorted(set(numbers) | set(counters), key=str):
        issued = sorted(numbers.get(day, []))
        doubled = sorted(n for n, count in Counter(issued).items() if count > 1)
        if doubled:
            problems.append(f"business day {day}: receipt numbers issued twice {doubled}")
        if issued != list(range(1, len(issued) + 1)):
            missing = sorted(set(range(1, max(issued, default=0) + 1)) - set(issued))
            problems.append(
                f"business day {day}: receipt numbers not 1..{len(issued)} (missing {missing[:20]})"
            )
        if counters.get(day) != len(issued):
            problems.append(
                f"business day {day}: receipt counter at {counters.get(day)}, "
                f"{len(issued)} receipts issued"
            )
    return problems


def _kitchen_follows_lines(session) -> list[str]:
    """Every dish the kitchen was sent is on exactly one order/add-on ticket, held as it was
    sent; every call of held dishes and every void reached the station once."""
    problems = []
    by_line: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for kind, line_id, held in session.execute(
        select(KitchenTicket.kind, KitchenTicketLine.line_id, KitchenTicketLine.held).join(
            KitchenTicket, KitchenTicket.id == KitchenTicketLine.ticket_id
        )
    ):
        by_line[line_id].append((kind, held))
    lines = session.scalars(
        select(OrderLine).join(Bill, Bill.id == OrderLine.bill_id).where(Bill.revision == 1)
    ).all()  # revisions copy sent lines
    reversals: dict[int, int] = Counter(
        line.reverses_id for line in lines if line.kind == LineKind.REVERSAL
    )
    children: dict[int, list[OrderLine]] = defaultdict(list)
    for line in lines:
        if line.parent_line_id is not None:
            children[line.parent_line_id].append(line)
    for line in lines:
        if line.kind not in (LineKind.ITEM, LineKind.COMPONENT) or line.station_id is None:
            continue
        tickets = by_line.get(line.id, [])
        sends = [held for kind, held in tickets if kind in ("order", "addon")]
        if line.sent_at is None:
            if line.status != "cart" or sends:
                problems.append(
                    f"line {line.id} ({line.status}) was never sent but has "
                    f"{len(sends)} send ticket(s)"
                )
            continue
        if len(sends) != 1:
            problems.append(
                f"line {line.id} ({line.status}) is on {len(sends)} order/add-on "
                "tickets instead of one"
            )
        elif sends[0] != line.held:
            problems.append(f"line {line.id}: sent as held={sends[0]}, line says {line.held}")
        fires = sum(1 for kind, _held in tickets if kind == "fire")
        if fires != (1 if line.fired_at is not None else 0):
            problems.append(f"line {line.id}: {fires} fire tickets, fired_at {line.fired_at}")
    for line in lines:
        if line.kind != LineKind.ITEM:
            continue
        targets = [c for c in children.get(line.id, []) if c.station_id is not None]
        if not children.get(line.id):
            targets = [line] if line.station_id is not None else []
        for target in targets:
            voids = sum(1 for kind, _held in by_line.get(target.id, []) if kind == "void")
            if voids != reversals.get(line.id, 0):
                problems.append(
                    f"line {target.id}: {voids} void tickets for "
                    f"{reversals.get(line.id, 0)} reversals of line {line.id}"
                )
    return problems


def _tables_follow_bills(session) -> list[str]:
    problems = []
    open_on: dict[int, list[int]] = defaultdict(list)
    merged_on: dict[int, list[int]] = defaultdict(list)
    status = dict(session.execute(select(Bill.id, Bill.status)).all())
    for bill_id, table_id, bill_status, into in session.execute(
        select(Bill.id, Bill.table_id, Bill.status, Bill.merged_into_id).where(
            Bill.status.in_((BillStatus.OPEN, BillStatus.MERGED))
        )
    ):
        if bill_status == BillStatus.OPEN:
            open_on[table_id].append(bill_id)
        elif status.get(into) == BillStatus.OPEN:
            merged_on[table_id].append(bill_id)
    for table in session.scalars(select(DiningTable).order_by(DiningTable.id)):
        state = TableState(table.state)
        bills = open_on.get(table.id, [])
        if bills and state not in OCCUPIED:
            problems.append(f"table {table.name} is {state} with open bills {bills}")
        if state in (TableState.FREE, TableState.RESERVED) and (bills or merged_on[table.id]):
            problems.append(f"table {table.name} is {state} but bills {bills} are open on it")
        if state in OCCUPIED and not bills and not merged_on.get(table.id):
            problems.append(f"table {table.name} is {state} with no open bill")
    return problems


def count_paid(db_path: Path | str) -> int:
    store = Store.open(sqlite_url(Path(db_path)), migrate=False)
    try:
        with store.read_sessions() as session:
            return len(session.scalars(select(Bill.id).where(Bill.status == "paid")).all())
    finally:
        store.close()


# ---------------------------------------------------------------------------- the worker


@dataclass
class WorkerRun:
    """One worker process and the lines it has printed so far."""

    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)
    done: int = 0  # actions committed (DONE lines)
    ended: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    @classmethod
    def start(cls, db_path: Path, seed: int, stderr) -> WorkerRun:
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_worker", str(db_path), str(seed)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
        )
        run = cls(process)
        threading.Thread(target=run._read, daemon=True).start()
        return run

    def _read(self) -> None:
        for line in self.process.stdout:
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                self.done += line.startswith("DONE ")
                self.changed.notify_all()
        with self.changed:
            self.ended = True
            self.changed.notify_all()

    def wait_for_actions(self, count: int, timeout: float) -> bool:
        """Until ``count`` actions are committed; False if the worker ended or stalled."""
        with self.changed:
            self.changed.wait_for(lambda: self.ended or self.done >= count, timeout)
            return self.done >= count and not self.ended

    def wait_for_begin(self, kind: str, timeout: float) -> bool:
        """Until the worker starts an action of ``kind`` (seat, send, settle …)."""
        seen = len(self.lines)

        def started() -> bool:
            return self.ended or any(
                line.startswith(f"BEGIN {kind} ") for line in self.lines[seen:]
            )

        with self.changed:
            return self.changed.wait_for(started, timeout) and not self.ended

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=WAIT_LIMIT_S)
        with self.changed:
            self.changed.wait_for(lambda: self.ended, WAIT_LIMIT_S)
        self.process.stdout.close()

    def mid_action(self) -> bool:
        """Killed between an action's BEGIN and its DONE: inside the service call."""
        return bool(self.lines) and self.lines[-1].startswith("BEGIN ")


# ---------------------------------------------------------------------------- the test

# kinds of action a kill is aimed into now and then (settling and sending above all)
AIMED_ACTIONS = (
    "settle",
    "settle",
    "send",
    "send",
    "void",
    "fire",
    "add",
    "clear",
    "seat",
    "serve",
    "request_bill",
)


def _wait_for_a_random_moment(run: WorkerRun, rng: random.Random, modes: Counter[str]) -> bool:
    """Let the worker run until a random moment; False if it stopped by itself."""
    roll = rng.random()
    if roll < 0.2:  # a random short time from the start: may land in start-up too
        modes["time"] += 1
        time.sleep(rng.uniform(0.05, 1.0))
        return run.process.poll() is None
    progressed = run.wait_for_actions(rng.randint(1, 30), WAIT_LIMIT_S)
    if roll < 0.5:  # then into the next action of a chosen kind
        kind = rng.choice(AIMED_ACTIONS)
        modes[f"into {kind}"] += 1
        progressed = progressed and run.wait_for_begin(kind, WAIT_LIMIT_S)
    else:
        modes["actions"] += 1
    time.sleep(rng.uniform(0, 0.008))  # somewhere inside (or just after) the next action
    return progressed and run.process.poll() is None


def test_sigkill_at_random_moments_leaves_a_consistent_store(db_path, tmp_path) -> None:
    rng = random.Random(SEED)
    kills = mid_action = actions = 0
    modes: Counter[str] = Counter()
    paid_counts = [count_paid(db_path)]
    interrupted: list[str] = []
    started = time.monotonic()
    for iteration in range(KILLS):
        stderr_path = tmp_path / f"worker-{iteration}.err"
        with stderr_path.open("w", encoding="utf-8") as stderr:
            run = WorkerRun.start(db_path, rng.randrange(2**31), stderr)
            try:
                alive = _wait_for_a_random_moment(run, rng, modes)
                assert alive, (
                    f"worker {iteration} stopped by itself (exit {run.process.poll()}):\n"
                    + "\n".join(run.lines[-10:])
                    + "\n"
                    + stderr_path.read_text("utf-8")
                )
                run.kill()
            finally:
                if run.process.poll() is None:
                    run.process.kill()
                    run.process.wait()
        assert run.process.returncode == -signal.SIGKILL, stderr_path.read_text("utf-8")
        kills += 1
        actions += run.done
        if run.mid_action():
            mid_action += 1
            interrupted.append(run.lines[-1].removeprefix("BEGIN ").split(" ")[0])
        problems = check_store_invariants(db_path)
        assert not problems, f"after kill {kills} (last lines: {run.lines[-3:]}):\n" + "\n".join(
            problems
        )
        paid_counts.append(count_paid(db_path))
        assert paid_counts[-1] >= paid_counts[-2], "a paid bill disappeared after a kill"
    elapsed = time.monotonic() - started
    print(
        f"\n{kills} kills in {elapsed:.1f} s (moments chosen by {dict(modes)}), "
        f"{actions} actions committed, {mid_action} kills inside an action "
        f"{dict(Counter(interrupted))}, paid bills {paid_counts[0]} → {paid_counts[-1]}"
    )
    assert kills >= KILLS
    assert paid_counts[-1] - paid_counts[0] >= max(1, KILLS // 10), paid_counts
    assert mid_action > 0, "no kill landed inside an action"
