"""How fast the touchscreen answers: each tap of a meal through the real main window, timed
from the tap until its effect is painted, on a store with years of history.

``xiaoer bench --gui`` runs it on the 3-year store of ``xiaoer bench`` (half of its 120
tables occupied, as there). A measurement, never a pass/fail gate: it prints median and
p95 per tap against the 50 ms target.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from app.bench import WARMUP, Floor, free_every_table, occupy, percentile
from app.i18n import Language
from app.services.context import Context
from app.services.staff import Role, StaffMember
from app.services.venue import venue_settings
from db.engine import Store, sqlite_url

TARGET_MS = 50.0

TAPS = (
    ("floor_redraw", "floor plan refresh + redraw (120 tables)"),
    ("tap_free_table", "tap a free table → seat dialog"),
    ("seat", "Seat → order screen with the bill"),
    ("tap_dish", "tap a dish → line in the cart"),
    ("send", "Send 落单 → lines sent"),
    ("select_line", "tap a line → selected"),
    ("serve", "Serve 划菜 → line served"),
    ("open_payment", "Pay → payment screen"),
    ("add_tender", "Exact + Add → remaining 0"),
    ("finish", "Finish → floor plan"),
    ("tap_paid_table", "tap a paid table → clear sheet"),
    ("clear", "Clear table → table free"),
)


def _painted(widget: QWidget) -> None:
    """Let queued events run and paint now, as the screen would before the next frame."""
    QApplication.processEvents()
    widget.repaint()


def _timed(samples: list[float], action: Callable[[], None], shown: QWidget) -> None:
    started = time.perf_counter()
    action()
    _painted(shown)
    samples.append((time.perf_counter() - started) * 1000)


def _one_meal(window: Any, table_id: int, dish: Any) -> dict[str, list[float]]:
    """Seat, order, send, serve, pay and clear one table, timing every tap."""
    timings: dict[str, list[float]] = {key: [] for key, _label in TAPS}
    floor, order, pay = window.floor_screen, window.order_screen, window.payment_screen
    _timed(timings["floor_redraw"], floor.refresh, window)
    _timed(timings["tap_free_table"], partial(floor.tap_table, table_id), window)
    seat = floor.dialog
    seat.guests_pad.press("4")
    _timed(timings["seat"], seat.seat_button.click, window)
    menu = order.menu_panel
    menu.category_buttons[menu.entry(dish.item_id).category_id].click()
    _painted(window)

    def tap_dish() -> None:
        menu.item_buttons[dish.item_id].click()
        dialog = order.dish_order.dialog
        if dialog is not None and dialog.isVisible():  # its options, then OK
            for option_id in dish.option_ids:
                dialog.choose(option_id)
            dialog.ok_button.click()

    def add_exact() -> None:
        pay.tender_pad.fill_exact()
        pay.tender_pad.add_button.click()

    _timed(timings["tap_dish"], tap_dish, window)
    _timed(timings["send"], order.send_button.click, window)
    line_id = next(iter(order.bill_lines.rows))
    _timed(timings["select_line"], partial(order.bill_lines.tap, line_id), window)
    _timed(timings["serve"], order.serve_button.click, window)
    _timed(timings["open_payment"], order.pay_button.click, window)
    _timed(timings["add_tender"], add_exact, window)
    _timed(timings["finish"], pay.finish_button.click, window)
    _timed(timings["tap_paid_table"], partial(floor.tap_table, table_id), window)
    _timed(timings["clear"], floor.dialog.clear_button.click, window)
    return timings


def measure_taps(
    path: Path, *, repeat: int, size: tuple[int, int] = (1024, 768), warmup: int = WARMUP
) -> dict[str, list[float]]:
    """Each tap ``repeat`` times after ``warmup`` untimed rounds, through ``MainWindow``."""
    from ui.main_window import MainWindow  # Qt widgets only once a QApplication exists

    app = QApplication.instance() or QApplication([])
    store = Store.open(sqlite_url(path))
    ctx = Context(store)
    samples: dict[str, list[float]] = {key: [] for key, _label in TAPS}
    try:
        free_every_table(ctx)
        floor = Floor(ctx)
        occupied, free = floor.tables[::2], floor.tables[1::2]
        occupy(ctx, floor, occupied)
        settings = venue_settings(ctx)
        waiter = StaffMember(floor.waiter, "bench", Role.WAITER)
        window = MainWindow(
            ctx, Language("zh_CN"), (settings.name_zh, settings.name_en), staff=waiter
        )
        window.idle.start(0)  # no lock in the middle of a measurement
        window.resize(*size)
        window.show()
        _painted(window)
        dish = floor.orders[0]  # a dish whose required options are chosen on its dialog
        for run in range(warmup + repeat):
            timings = _one_meal(window, free[run % len(free)], dish)
            if run >= warmup:
                for key, values in timings.items():
                    samples[key] += values
        window.close()
        free_every_table(ctx)
    finally:
        store.close()
    app.processEvents()
    return samples


def summarise_taps(samples: dict[str, list[float]]) -> dict[str, dict[str, Any]]:
    result = {}
    for key, label in TAPS:
        values = samples[key]
        p95 = percentile(values, 0.95)
        result[key] = {
            "label": label,
            "median_ms": round(statistics.median(values), 2),
            "p95_ms": round(p95, 2),
            "max_ms": round(max(values), 2),
            "runs": len(values),
            "pass": p95 <= TARGET_MS,
        }
    return result


def format_taps(result: dict[str, dict[str, Any]]) -> str:
    lines = [f"{'tap':<44} {'median':>8} {'p95':>8} {'max':>8}", "-" * 72]
    for row in result.values():
        verdict = "PASS" if row["pass"] else "MISS"
        lines.append(
            f"{row['label']:<44} {row['median_ms']:>8.2f} {row['p95_ms']:>8.2f} "
            f"{row['max_ms']:>8.2f}  {verdict}"
        )
    lines.append(f"target: p95 ≤ {TARGET_MS:g} ms from the tap until its effect is painted")
    return "\n".join(lines)


def run_tap_timing(path: Path, *, repeat: int, json_path: str | None) -> int:
    for size in ((1024, 768), (1920, 1080)):
        print(f"timing taps at {size[0]}×{size[1]} on {path} ({repeat} runs) …", flush=True)
        result = summarise_taps(measure_taps(path, repeat=repeat, size=size))
        print(format_taps(result), flush=True)
        if json_path:
            target = Path(json_path).with_suffix(f".{size[0]}x{size[1]}.json")
            target.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0
