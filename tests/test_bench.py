"""The bench machinery at a tiny scale: a few days of bulk history that keeps the store's
rules, both stores measured, every figure in the JSON."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from sqlalchemy import func, select

from app.bench import ACTIONS, BENCH_TABLES, build_history, run_bench
from db.engine import Store, sqlite_url
from db.models import Bill, DiningTable, OrderLine, ReceiptCounter, TenderRow


def test_bench_measures_every_action_on_both_stores(tmp_path: Path, capsys) -> None:
    store_path = tmp_path / "bench-3d.sqlite3"
    json_path = tmp_path / "bench.json"

    assert run_bench(json_path=str(json_path), store_path=str(store_path), days=3, repeat=3) == 0

    printed = capsys.readouterr().out
    document = json.loads(json_path.read_text(encoding="utf-8"))
    assert document["build"]["days"] == 3 and not document["build"]["reused"]
    assert document["build"]["size_bytes"] > 0
    for key, label in ACTIONS:
        row = document["actions"][key]
        for store in ("empty", "history"):
            figures = row[store]
            assert figures["runs"] == 3
            assert 0 < figures["median_ms"] <= figures["p95_ms"] <= figures["max_ms"]
        assert row["ratio"] > 0
        assert label.strip() in printed
    assert "PASS" in printed or "MISS" in printed

    _check_history(store_path, days=3)

    again = build_history(store_path, days=3, out=lambda _text: None)
    assert again.reused


def _check_history(path: Path, *, days: int) -> None:
    store = Store.open(sqlite_url(path))
    try:
        with store.read_sessions() as session:
            assert session.scalar(select(func.count()).select_from(DiningTable)) == BENCH_TABLES
            tables = session.execute(
                select(
                    DiningTable.room_id,
                    DiningTable.x,
                    DiningTable.y,
                    DiningTable.width,
                    DiningTable.height,
                )
            ).all()
            _assert_no_overlap(tables)
            numbers: dict[object, list[int]] = defaultdict(list)
            for day, number in session.execute(
                select(Bill.business_day, Bill.receipt_no).where(Bill.receipt_no.is_not(None))
            ):
                numbers[day].append(number)
            counters = dict(
                session.execute(select(ReceiptCounter.business_day, ReceiptCounter.last_no)).all()
            )
            # the bench's own timed bills are today's; the history is the days before
            history = {day: got for day, got in numbers.items() if day in counters}
            assert len(history) >= days
            for day, got in history.items():
                assert sorted(got) == list(range(1, len(got) + 1)), day
                assert counters[day] == len(got)
            per_day = [len(got) for day, got in sorted(history.items())][:days]
            assert all(270 <= count <= 340 for count in per_day), per_day
            lines = session.scalar(select(func.count()).select_from(OrderLine))
            bills = session.scalar(select(func.count()).select_from(Bill))
            assert 6 <= lines / bills <= 10
            paid = session.execute(
                select(
                    Bill.id,
                    Bill.total_fen,
                    Bill.change_fen,
                    Bill.items_fen,
                    Bill.discount_fen,
                    Bill.seat_fee_fen,
                    Bill.room_fee_fen,
                    Bill.minimum_topup_fen,
                    Bill.service_charge_fen,
                    Bill.rounding_fen,
                ).where(Bill.status == "paid")
            ).all()
            tendered = dict(
                session.execute(
                    select(TenderRow.bill_id, func.sum(TenderRow.amount_fen)).group_by(
                        TenderRow.bill_id
                    )
                ).all()
            )
            for bill in paid:
                assert tendered.get(bill.id, 0) - bill.change_fen == bill.total_fen
                assert (
                    bill.items_fen
                    - bill.discount_fen
                    + bill.seat_fee_fen
                    + bill.room_fee_fen
                    + bill.minimum_topup_fen
                    + bill.service_charge_fen
                    + bill.rounding_fen
                ) == bill.total_fen
            assert (
                session.scalar(select(func.count()).select_from(Bill).where(Bill.status == "open"))
                == 0
            )
    finally:
        store.close()


def _assert_no_overlap(tables) -> None:
    by_room = defaultdict(list)
    for room_id, x, y, width, height in tables:
        by_room[room_id].append((x, y, x + width, y + height))
    for boxes in by_room.values():
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
