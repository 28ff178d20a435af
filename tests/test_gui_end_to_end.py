"""A whole meal at the counter touchscreen, tapped as a waiter and a cashier would, through
the main window on a real SQLite file: log in, seat A3 for four, order six dishes (one
with a required option, one weighed fish), send, serve two, void one with the manager,
move to A5, pre-bill, pay by WeChat and cash with change, clear the table.

Also the mistakes staff make: a wrong PIN, tendering too little, seating a busy table,
and switching language in the middle of a bill."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.domain.billing import TenderMethod
from app.domain.table_state import TableState
from app.i18n import Language
from app.services import queries, seating
from app.services.staff import Role, StaffMember
from tests.support import MANAGER_PIN
from ui.authorise import VOID_REASONS
from ui.main_window import MainWindow
from ui.order.dish_dialogs import NumberDialog, OptionsDialog
from ui.seat_dialog import ClearTableSheet, SeatDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

VENUE = ("店小二茶楼酒家", "Xiaoer Tea House & Restaurant")


# ---------------------------------------------------------------- fingers


def make_window(qtbot, ctx, staff: StaffMember | None = None) -> MainWindow:
    window = MainWindow(ctx, Language("zh_CN"), VENUE, staff=staff)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def press_digits(pad, digits: str) -> None:
    for digit in digits:
        pad.keys[digit].click()


def log_in(window: MainWindow, staff_id: int, pin: str) -> None:
    window.login.tiles[staff_id].click()
    press_digits(window.login.pin_pad, pin)
    window.login.login_button.click()


def tap_table(qtbot, window: MainWindow, name: str) -> None:
    """A finger on the middle of the table, on its room's tab of the floor plan."""
    floor = window.floor_screen.floor
    for plan in floor.plans.values():
        tile = next((t for t in plan.tiles() if t.name == name), None)
        if tile is not None:
            floor.tabs.setCurrentWidget(plan)
            qtbot.waitUntil(plan.isVisible)
            centre = plan.tile_rect(tile.table_id).center().toPoint()
            QTest.mouseClick(
                plan, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
            )
            return
    raise LookupError(name)


def tap_dish(window: MainWindow, demo, name_zh: str) -> None:
    menu = window.order_screen.menu_panel
    item_id = demo.item(name_zh)
    menu.category_buttons[menu.entry(item_id).category_id].click()
    menu.item_buttons[item_id].click()


def answer_options(window: MainWindow, *option_ids: int) -> None:
    dialog = window.order_screen.dish_order.dialog
    assert isinstance(dialog, OptionsDialog) and dialog.isVisible()
    for option_id in option_ids:
        dialog.choose(option_id)
    dialog.ok_button.click()


def line_id(ctx, bill_id: int, name_zh: str) -> int:
    view = queries.bill_view(ctx, bill_id)
    return next(line.line_id for line in view.lines if line.name_zh == name_zh)


def store_tile(ctx, name: str):
    return next(t for t in queries.floor_snapshot(ctx) if t.name == name)


# ---------------------------------------------------------------- the meal


def test_a_whole_meal_from_log_in_to_a_clear_table(qtbot, ctx, demo):
    window = make_window(qtbot, ctx)

    # 王芳 logs in
    log_in(window, demo.waiter, "1111")
    assert window.stack.currentWidget() is window.floor_screen
    assert window.staff_label.text() == "王芳 · 服务员"

    # seats table A3 with 4 guests
    tap_table(qtbot, window, "A3")
    seat = window.floor_screen.dialog
    assert isinstance(seat, SeatDialog) and seat.isVisible()
    press_digits(seat.guests_pad, "4")
    seat.seat_button.click()
    assert window.stack.currentWidget() is window.order_screen
    bill_id = window.order_screen.bill_id
    assert store_tile(ctx, "A3").guests == 4

    # six dishes: one with a required option, one weighed live fish
    tap_dish(window, demo, "宫保鸡丁")
    answer_options(window, demo.option("spice", "微辣"))
    tap_dish(window, demo, "鲈鱼")
    answer_options(window, demo.option("fish_style", "清蒸"))
    weight = window.order_screen.dish_order.dialog
    assert isinstance(weight, NumberDialog)
    weight.type_in("1.6")
    weight.ok_button.click()
    for dish in ("夫妻肺片", "蒜泥白肉", "米饭"):
        tap_dish(window, demo, dish)
    tap_dish(window, demo, "西湖龙井")
    answer_options(window)  # how to brew it is asked, and may be left to the tea master
    view = queries.bill_view(ctx, bill_id)
    assert sorted(line.name_zh for line in view.lines) == sorted(
        ["宫保鸡丁", "鲈鱼", "夫妻肺片", "蒜泥白肉", "米饭", "西湖龙井"]
    )
    assert {line.status for line in view.lines} == {"cart"}
    fish = window.order_screen.bill_lines.rows[line_id(ctx, bill_id, "鲈鱼")]
    assert fish.quantity_label.text() == "1.6斤"

    # 落单
    window.order_screen.send_button.click()
    assert {line.status for line in queries.bill_view(ctx, bill_id).lines} == {"sent"}

    # serve two
    lines = window.order_screen.bill_lines
    lines.tap(line_id(ctx, bill_id, "夫妻肺片"))
    lines.tap(line_id(ctx, bill_id, "西湖龙井"))
    window.order_screen.serve_button.click()
    served = {
        line.name_zh for line in queries.bill_view(ctx, bill_id).lines if line.status == "served"
    }
    assert served == {"夫妻肺片", "西湖龙井"}

    # void one: the manager's PIN and a reason
    lines.tap(line_id(ctx, bill_id, "蒜泥白肉"))
    window.order_screen.void_button.click()
    overlay = window.order_screen.manager_dialog
    assert overlay.isVisible()
    press_digits(overlay.pin_pad, MANAGER_PIN)
    overlay.reason_buttons[VOID_REASONS[1]].click()
    overlay.ok_button.click()
    voided = [line for line in queries.bill_view(ctx, bill_id).lines if line.name_zh == "蒜泥白肉"]
    assert voided[0].status == "voided" and voided[0].void_reason == "点错菜"

    # the party moves to A5
    window.order_screen.transfer_button.click()
    transfer = window.order_screen.move_dialog
    assert transfer.isVisible()
    transfer.picker.buttons[demo.table("A5")].click()
    transfer.confirm_button.click()
    assert queries.bill_view(ctx, bill_id).table_name == "A5"
    assert window.order_screen.bill_id == bill_id

    # 预结单: the guest check is asked for
    window.order_screen.prebill_button.click()
    assert store_tile(ctx, "A5").state is TableState.BILL_REQUESTED

    # pay: part by WeChat, the rest in cash with change
    window.order_screen.pay_button.click()
    assert window.stack.currentWidget() is window.payment_screen
    pay = window.payment_screen
    total = queries.bill_view(ctx, bill_id).breakdown.total
    # 宫保鸡丁 42 + 鲈鱼 1.6斤 × 68 + 夫妻肺片 42 + 米饭 3 + 龙井 128, 蒜泥白肉 voided,
    # seat fee 4 × ¥2, rounded down to the jiao
    assert total == 4200 + 10880 + 4200 + 300 + 12800 + 800
    pay.tender_pad.methods[TenderMethod.WECHAT].click()
    press_digits(pay.tender_pad.numpad, "100")
    pay.tender_pad.add_button.click()
    assert pay.still_to_pay_label.text() == "¥231.80"
    pay.tender_pad.methods[TenderMethod.CASH].click()
    press_digits(pay.tender_pad.numpad, "300")
    pay.tender_pad.add_button.click()
    assert pay.change_label.text() == "¥68.20"
    with qtbot.waitSignal(pay.settled, timeout=3000):
        pay.finish_button.click()
    assert window.stack.currentWidget() is window.floor_screen
    assert "68.20" in window.message_bar.text()
    assert store_tile(ctx, "A5").state is TableState.CLEARING

    # 清台
    tap_table(qtbot, window, "A5")
    sheet = window.floor_screen.dialog
    assert isinstance(sheet, ClearTableSheet)
    sheet.clear_button.click()

    assert store_tile(ctx, "A5").state is TableState.FREE
    assert store_tile(ctx, "A3").state is TableState.CLEARING  # the table they left
    paid = queries.bill_view(ctx, bill_id)
    assert paid.status == "paid" and paid.table_name == "A5"
    assert paid.breakdown.total == total == 33180
    assert sorted(paid.tenders) == sorted([("wechat", 10000, ""), ("cash", 30000, "")])
    assert paid.change_fen == 6820
    assert paid.receipt_no == 1


# ---------------------------------------------------------------- mistakes


def test_a_wrong_pin_is_refused_with_tries_left(qtbot, ctx, demo):
    window = make_window(qtbot, ctx)
    log_in(window, demo.waiter, "1112")
    assert window.stack.currentWidget() is window.login
    assert window.login.error_label.text() == "PIN 码错误，还可尝试 4 次。"


def test_tendering_too_little_is_refused_and_the_bill_stays_open(qtbot, ctx, demo):
    bill_id = seating.seat_party(ctx, table_id=demo.table("A2"), guests=2).bill_id
    window = make_window(qtbot, ctx, StaffMember(demo.cashier, "陈静", Role.CASHIER))
    window.open_bill(bill_id)
    tap_dish(window, demo, "西湖龙井")
    answer_options(window)
    window.order_screen.send_button.click()
    window.order_screen.pay_button.click()
    pay = window.payment_screen
    pay.tender_pad.methods[TenderMethod.CASH].click()
    press_digits(pay.tender_pad.numpad, "50")
    pay.tender_pad.add_button.click()
    with qtbot.assertNotEmitted(pay.settled):
        pay.finish_button.click()
    assert "不足" in pay.error_text()
    assert window.stack.currentWidget() is window.payment_screen
    assert queries.bill_view(ctx, bill_id).status == "open"


def test_seating_a_table_someone_else_just_seated_changes_nothing(qtbot, ctx, demo):
    window = make_window(qtbot, ctx, StaffMember(demo.waiter, "王芳", Role.WAITER))
    tap_table(qtbot, window, "A3")
    seat = window.floor_screen.dialog
    press_digits(seat.guests_pad, "4")
    other = seating.seat_party(ctx, table_id=demo.table("A3"), guests=2).bill_id  # terminal 2
    seat.seat_button.click()
    assert "A3" in seat.error_label.text() and seat.error_label.isVisible()
    assert store_tile(ctx, "A3").bill_ids == (other,)
    assert store_tile(ctx, "A3").guests == 2
    assert window.stack.currentWidget() is window.floor_screen


def test_switching_language_mid_bill_changes_labels_and_amounts_not_the_bill(qtbot, ctx, demo):
    bill_id = seating.seat_party(ctx, table_id=demo.table("A1"), guests=2).bill_id
    window = make_window(qtbot, ctx, StaffMember(demo.waiter, "王芳", Role.WAITER))
    window.open_bill(bill_id)
    tap_dish(window, demo, "夫妻肺片")
    before = queries.bill_view(ctx, bill_id)
    row = window.order_screen.bill_lines.rows[line_id(ctx, bill_id, "夫妻肺片")]
    assert row.name_label.text() == "夫妻肺片"
    assert window.order_screen.send_button.text() == "落单"
    assert "¥42.00" in row.amount_label.text()

    window.language_button.click()

    row = window.order_screen.bill_lines.rows[line_id(ctx, bill_id, "夫妻肺片")]
    assert row.name_label.text() == "Sliced beef and tripe in chili oil"
    assert window.order_screen.send_button.text() == "Send"
    assert "CN¥42.00" in row.amount_label.text()
    assert window.staff_label.text() == "王芳 · Waiter"
    after = queries.bill_view(ctx, bill_id)
    assert (after.version, after.lines, after.breakdown) == (
        before.version,
        before.lines,
        before.breakdown,
    )
    window.order_screen.pay_button.click()
    assert window.payment_screen.finish_button.text() != ""
    assert "CN¥" in window.payment_screen.still_to_pay_label.text()
