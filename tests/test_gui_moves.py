"""Transfer 转台, merge 并台 and split 拆单 dialogs, tapped as a waiter would, checked against
what the store holds afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from app.domain.money import split_evenly
from app.domain.table_state import TableState
from app.i18n import Language
from app.services import ordering, queries, seating
from app.services.staff import approve_as_manager
from tests.support import MANAGER_PIN
from ui import table_moves
from ui.widgets.touch import NORMAL_PX

# the offscreen platform says so when a window is shown; it is not a fault of the screen
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def host(qtbot):
    """The main window the dialogs open over, full screen at 1024×768."""
    window = QWidget()
    window.resize(1024, 768)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def seat(ctx, demo, table: str, guests: int = 2) -> int:
    return seating.seat_party(
        ctx, table_id=demo.table(table), guests=guests, waiter_id=demo.waiter
    ).bill_id


def order(ctx, demo, bill_id: int, name: str, **kw) -> int:
    if name == "宫保鸡丁":
        kw.setdefault("option_ids", [demo.option("spice", "微辣")])
    return ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item(name), **kw).lines[0]


def sent_bill(ctx, demo, table: str, dishes: list[str], guests: int = 4) -> tuple[int, list[int]]:
    """A party at ``table`` whose dishes went to the kitchen."""
    bill_id = seat(ctx, demo, table, guests)
    lines = [order(ctx, demo, bill_id, name) for name in dishes]
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    return bill_id, lines


def tile(ctx, name: str):
    return next(t for t in queries.floor_snapshot(ctx) if t.name == name)


def line_ids(ctx, bill_id: int) -> set[int]:
    return {line.line_id for line in queries.bill_view(ctx, bill_id).lines}


# -- transfer ---------------------------------------------------------------------------------


def test_whole_bill_moves_to_the_free_table_tapped_on_the_mini_plan(
    qtbot, host, ctx, demo, ui_session
):
    bill_id, _ = sent_bill(ctx, demo, "A3", ["宫保鸡丁", "西湖龙井"])
    dialog = table_moves.open_transfer(host, ui_session, bill_id)
    qtbot.waitExposed(dialog)
    a5 = dialog.picker.buttons[demo.table("A5")]
    assert dialog.whole_button.isChecked()
    assert dialog.route.text() == "A3 → ?"
    assert not dialog.confirm_button.isEnabled()
    assert a5.text() == "A5\n空闲"
    a5.click()
    assert dialog.picker.selected() == [demo.table("A5")]
    assert a5.text().startswith("✓ A5")
    assert dialog.route.text() == "A3 → A5"
    with qtbot.waitSignal(dialog.done, timeout=1000) as blocker:
        dialog.confirm_button.click()
    assert blocker.args[0].bill_id == bill_id
    assert not dialog.isVisible()
    assert queries.bill_view(ctx, bill_id).table_name == "A5"
    assert tile(ctx, "A5").bill_ids == (bill_id,)
    assert tile(ctx, "A5").state is TableState.ORDERED
    assert tile(ctx, "A3").state is TableState.CLEARING


def test_busy_tables_cannot_take_a_whole_bill_and_cancel_changes_nothing(
    qtbot, host, ctx, demo, ui_session
):
    bill_id, _ = sent_bill(ctx, demo, "A3", ["西湖龙井"])
    seat(ctx, demo, "A1")
    dialog = table_moves.open_transfer(host, ui_session, bill_id)
    qtbot.waitExposed(dialog)
    buttons = dialog.picker.buttons
    assert not buttons[demo.table("A1")].isEnabled()  # seated by another party
    assert not buttons[demo.table("A3")].isEnabled()  # where the bill already is
    assert buttons[demo.table("A5")].isEnabled()
    assert buttons[demo.table("B2")].isEnabled()
    dialog.picker.choose(demo.table("A1"))
    assert dialog.picker.selected() == []
    assert not dialog.confirm_button.isEnabled()
    assert [dialog.picker.tabs.tabText(i) for i in range(3)] == ["大厅", "包厢", "茶室"]
    hall = [b for b in buttons.values() if b.isVisible()]
    assert len(hall) == 12
    assert all(min(b.width(), b.height()) >= NORMAL_PX for b in hall)
    assert dialog.cancel_button.text() == "取消"
    with qtbot.assertNotEmitted(dialog.done):
        dialog.cancel_button.click()
    assert not dialog.isVisible()
    assert tile(ctx, "A3").bill_ids == (bill_id,)


def test_two_dishes_move_to_the_bill_of_another_occupied_table(qtbot, host, ctx, demo, ui_session):
    bill_id, (tea, chicken, dumplings) = sent_bill(
        ctx, demo, "A3", ["西湖龙井", "宫保鸡丁", "水晶虾饺"]
    )
    a5_bill, a5_lines = sent_bill(ctx, demo, "A5", ["铁观音"], guests=2)
    dialog = table_moves.open_transfer(host, ui_session, bill_id)
    qtbot.waitExposed(dialog)
    dialog.lines_button.click()
    buttons = dialog.picker.buttons
    assert buttons[demo.table("A5")].isEnabled()
    assert not buttons[demo.table("A4")].isEnabled()  # free: no bill to take the dishes
    assert list(dialog.dish_list.rows) == [tea, chicken, dumplings]
    assert dialog.dish_list.rows[chicken].name_label.text() == "宫保鸡丁（微辣）  ×1"
    assert dialog.dish_list.rows[chicken].amount_label.text() == "¥42.00"
    dialog.dish_list.rows[tea].click()
    dialog.dish_list.rows[chicken].click()
    assert dialog.chosen_lines == [tea, chicken]
    assert dialog.dish_list.rows[tea].isChecked()
    buttons[demo.table("A5")].click()
    with qtbot.waitSignal(dialog.done, timeout=1000):
        dialog.confirm_button.click()
    assert line_ids(ctx, a5_bill) == {*a5_lines, tea, chicken}
    assert line_ids(ctx, bill_id) == {dumplings}


def test_dishes_chosen_on_the_order_screen_arrive_chosen(qtbot, host, ctx, demo, ui_session):
    bill_id, (tea, chicken) = sent_bill(ctx, demo, "A3", ["西湖龙井", "宫保鸡丁"])
    dialog = table_moves.open_transfer(host, ui_session, bill_id, [chicken])
    qtbot.waitExposed(dialog)
    assert dialog.lines_button.isChecked()
    assert dialog.dish_list.isVisible()
    assert dialog.dish_list.rows[chicken].isChecked()
    assert not dialog.dish_list.rows[tea].isChecked()


def test_a_table_seated_meanwhile_shows_the_reason_and_nothing_moves(
    qtbot, host, ctx, demo, ui_session
):
    bill_id, _ = sent_bill(ctx, demo, "A3", ["西湖龙井"])
    dialog = table_moves.open_transfer(host, ui_session, bill_id)
    qtbot.waitExposed(dialog)
    dialog.picker.buttons[demo.table("A5")].click()
    other = seat(ctx, demo, "A5")  # another terminal seats A5 first
    with qtbot.assertNotEmitted(dialog.done):
        dialog.confirm_button.click()
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "桌台A5不是空闲状态：当前为“已开台”。"
    assert tile(ctx, "A3").bill_ids == (bill_id,)
    assert tile(ctx, "A5").bill_ids == (other,)
    # the plan now shows A5 as it is: taken, and no longer chosen
    assert not dialog.picker.buttons[demo.table("A5")].isEnabled()
    assert dialog.picker.selected() == []
    assert not dialog.confirm_button.isEnabled()


# -- merge ------------------------------------------------------------------------------------


def test_merge_a1_into_a2_and_undo_it(qtbot, host, ctx, demo, ui_session):
    a1, a1_lines = sent_bill(ctx, demo, "A1", ["西湖龙井"], guests=2)
    a2, a2_lines = sent_bill(ctx, demo, "A2", ["宫保鸡丁"], guests=3)
    dialog = table_moves.open_merge(host, ui_session, a2)
    qtbot.waitExposed(dialog)
    buttons = dialog.picker.buttons
    assert buttons[demo.table("A1")].isEnabled()
    assert not buttons[demo.table("A2")].isEnabled()
    assert not buttons[demo.table("A5")].isEnabled()
    assert not dialog.confirm_button.isEnabled()
    buttons[demo.table("A1")].click()
    assert dialog.joining_label.text() == "A1 · 2位 · ¥128.00"
    with qtbot.waitSignal(dialog.done, timeout=1000) as blocker:
        dialog.confirm_button.click()
    assert blocker.args[0].bill_id == a2
    merged = queries.bill_view(ctx, a2)
    assert line_ids(ctx, a2) == {*a1_lines, *a2_lines}
    assert merged.guests == 5
    assert tile(ctx, "A1").merged_into_table == "A2"

    again = table_moves.open_merge(host, ui_session, a2)
    qtbot.waitExposed(again)
    assert list(again.undo_buttons) == [a1]
    assert again.undo_buttons[a1].text().endswith("A1 · 2位")
    with qtbot.waitSignal(again.done, timeout=1000):
        again.undo_buttons[a1].click()
    assert line_ids(ctx, a1) == set(a1_lines)
    assert queries.bill_view(ctx, a2).guests == 3
    assert tile(ctx, "A1").bill_ids == (a1,)


# -- split ------------------------------------------------------------------------------------


def test_split_two_dishes_into_a_new_bill(qtbot, host, ctx, demo, ui_session):
    bill_id, (tea, chicken, dumplings) = sent_bill(
        ctx, demo, "A3", ["西湖龙井", "宫保鸡丁", "水晶虾饺"], guests=4
    )
    total = queries.bill_view(ctx, bill_id).breakdown.total
    dialog = table_moves.open_split(host, ui_session, bill_id)
    qtbot.waitExposed(dialog)
    assert dialog.dishes_button.isChecked()
    assert list(dialog.original_list.rows) == [tea, chicken, dumplings]
    assert not dialog.confirm_button.isEnabled()
    dialog.original_list.rows[tea].click()
    dialog.original_list.rows[dumplings].click()
    assert list(dialog.original_list.rows) == [chicken]
    assert list(dialog.new_list.rows) == [tea, dumplings]
    assert dialog.chips[0].text().endswith("\n¥160.00")
    dialog.new_list.rows[dumplings].click()  # tapped again: back to the original bill
    assert list(dialog.original_list.rows) == [chicken, dumplings]
    dialog.original_list.rows[dumplings].click()
    assert dialog.guests_label.text() == "1"
    assert dialog.confirm_button.isEnabled()
    with qtbot.waitSignal(dialog.done, timeout=1000):
        dialog.confirm_button.click()
    bills = tile(ctx, "A3").bill_ids
    assert len(bills) == 2 and bills[0] == bill_id
    old, new = (queries.bill_view(ctx, b) for b in bills)
    assert (old.status, new.status) == ("open", "open")
    assert line_ids(ctx, new.bill_id) == {tea, dumplings}
    assert (old.guests, new.guests) == (3, 1)
    assert old.breakdown.total + new.breakdown.total == total


def test_every_dish_cannot_leave_the_original_bill(qtbot, host, ctx, demo, ui_session):
    bill_id, (tea, chicken) = sent_bill(ctx, demo, "A3", ["西湖龙井", "宫保鸡丁"])
    dialog = table_moves.open_split(host, ui_session, bill_id)
    qtbot.waitExposed(dialog)
    dialog.original_list.rows[tea].click()
    dialog.original_list.rows[chicken].click()
    assert not dialog.confirm_button.isEnabled()
    assert dialog.hint.text() == "原账单上至少要保留一道菜。"


def test_split_evenly_into_three_shares_that_add_up_to_the_fen(qtbot, host, ctx, demo, ui_session):
    bill_id, _ = sent_bill(ctx, demo, "A3", ["西湖龙井", "宫保鸡丁", "鲜虾烧卖"], guests=4)
    ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item("叉烧包"))
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    total = queries.bill_view(ctx, bill_id).breakdown.total
    assert total % 3  # the shares cannot all be equal: the odd fen must go somewhere
    dialog = table_moves.open_split(host, ui_session, bill_id)
    qtbot.waitExposed(dialog)
    dialog.evenly_button.click()
    assert dialog.parts_label.text() == "4"  # the guests, to begin with
    dialog.fewer_parts_button.click()
    assert dialog.parts_label.text() == "3"
    assert dialog.quick_parts[3].isChecked()
    preview = split_evenly(total, 3)
    shown = [label.text() for label in dialog.share_labels if label.isVisible()]
    assert [text.split("\n")[1] for text in shown] == [
        ui_session.language.money(f) for f in preview
    ]
    with qtbot.waitSignal(dialog.done, timeout=1000):
        dialog.confirm_button.click()
    shares = [queries.bill_view(ctx, b).breakdown.total for b in tile(ctx, "A3").bill_ids]
    assert shares == preview
    assert sum(shares) == total
    assert queries.bill_view(ctx, bill_id).status == "split"


def test_an_even_split_of_unsent_dishes_is_refused_in_the_dialog(
    qtbot, host, ctx, demo, ui_session
):
    bill_id = seat(ctx, demo, "A3", 2)
    order(ctx, demo, bill_id, "西湖龙井")
    dialog = table_moves.open_split(host, ui_session, bill_id)
    qtbot.waitExposed(dialog)
    dialog.evenly_button.click()
    dialog.confirm_button.click()
    assert dialog.error_label.text() == "请先将未落单的菜品落单或删除。"
    assert tile(ctx, "A3").bill_ids == (bill_id,)


# -- language ---------------------------------------------------------------------------------


def test_labels_follow_a_switch_to_english(qtbot, host, ctx, demo, ui_session):
    bill_id, _ = sent_bill(ctx, demo, "A3", ["宫保鸡丁"])
    transfer = table_moves.open_transfer(host, ui_session, bill_id)
    qtbot.waitExposed(transfer)
    ui_session.set_language(Language("en"))
    assert transfer.title.text() == "Transfer table A3"
    assert (transfer.whole_button.text(), transfer.lines_button.text()) == (
        "Whole bill",
        "Some dishes",
    )
    assert (transfer.cancel_button.text(), transfer.confirm_button.text()) == ("Cancel", "Confirm")
    assert transfer.picker.tabs.tabText(0) == "Hall"
    assert transfer.picker.buttons[demo.table("A5")].text() == "A5\nfree"
    transfer.lines_button.click()
    row = next(iter(transfer.dish_list.rows.values()))
    assert row.name_label.text() == "Kung Pao chicken (Mild)  ×1"
    assert row.amount_label.text() == "CN¥42.00"
    transfer.reject()

    split = table_moves.open_split(host, ui_session, bill_id)
    qtbot.waitExposed(split)
    assert split.title.text() == "Split the bill of A3"
    assert (split.dishes_button.text(), split.evenly_button.text()) == ("By dishes", "Evenly")
    assert split.chips[0].text() == "Bill 2\nCN¥0.00"
    assert split.new_bill_button.text() == "+ New bill"
    split.evenly_button.click()
    assert split.share_labels[0].text().startswith("Share 1\nCN¥")
    split.reject()

    merge = table_moves.open_merge(host, ui_session, bill_id)
    qtbot.waitExposed(merge)
    assert merge.title.text() == "Merge tables into A3"
    assert merge.joining_label.text() == "No table chosen yet."


def test_dishes_split_into_two_new_bills_with_their_guests(qtbot, host, ctx, demo, ui_session):
    bill_id, (tea, chicken, dumplings) = sent_bill(
        ctx, demo, "A3", ["西湖龙井", "宫保鸡丁", "水晶虾饺"], guests=2
    )
    dialog = table_moves.open_split(host, ui_session, bill_id)
    qtbot.waitExposed(dialog)
    dialog.original_list.rows[tea].click()
    assert dialog.guests_label.text() == "1"
    assert not dialog.more_guests_button.isEnabled()  # one guest stays with the bill
    dialog.new_bill_button.click()
    assert dialog.chips[1].isChecked()
    assert dialog.guests_label.text() == "0"
    dialog.original_list.rows[dumplings].click()
    dialog.chips[0].click()
    dialog.fewer_guests_button.click()
    assert dialog.guests_label.text() == "0"
    dialog.chips[1].click()
    dialog.more_guests_button.click()
    assert dialog.guests_label.text() == "1"
    with qtbot.waitSignal(dialog.done, timeout=1000) as blocker:
        dialog.confirm_button.click()
    bills = tile(ctx, "A3").bill_ids
    assert len(bills) == 3 and set(blocker.args[0].bills) == set(bills)
    assert [line_ids(ctx, b) for b in bills] == [{chicken}, {tea}, {dumplings}]
    assert [queries.bill_view(ctx, b).guests for b in bills] == [1, 0, 1]


def test_voids_show_what_is_left_and_move_with_their_dish(qtbot, host, ctx, demo, ui_session):
    bill_id = seat(ctx, demo, "A3", guests=2)
    chicken = order(ctx, demo, bill_id, "宫保鸡丁", quantity=2)
    tea = order(ctx, demo, bill_id, "西湖龙井")
    buns = order(ctx, demo, bill_id, "叉烧包")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    for line, quantity in ((chicken, 1000), (tea, None)):
        approval = approve_as_manager(ctx, pin=MANAGER_PIN)
        ordering.void_line(
            ctx, line_id=line, reason="上错菜", approval=approval, quantity_milli=quantity
        )
    total = queries.bill_view(ctx, bill_id).breakdown.total
    dialog = table_moves.open_split(host, ui_session, bill_id)
    qtbot.waitExposed(dialog)
    assert list(dialog.original_list.rows) == [chicken, buns]  # the voided tea is gone
    row = dialog.original_list.rows[chicken]
    assert (row.name_label.text(), row.amount_label.text()) == ("宫保鸡丁（微辣）  ×1", "¥42.00")
    row.click()
    with qtbot.waitSignal(dialog.done, timeout=1000):
        dialog.confirm_button.click()
    old, new = (queries.bill_view(ctx, b) for b in tile(ctx, "A3").bill_ids)
    assert new.breakdown.items == 4200
    assert old.breakdown.total + new.breakdown.total == total
