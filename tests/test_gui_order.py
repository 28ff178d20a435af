"""The order screen, tapped as a waiter would: dishes with options, weights and prices,
the pinyin search, send, hold and fire, hurry, serve, void with a manager, quantities,
notes, places, pre-bill, and a language switch in the middle of a bill."""

from __future__ import annotations

import sys
import types

import pytest
from PySide6.QtCore import QObject, Signal

from app.domain.billing import Tender, TenderMethod
from app.domain.table_state import TableState
from app.i18n import Language
from app.services import ordering, payment, queries, seating
from app.services.context import Changes
from tests.support import MANAGER_PIN
from ui.authorise import VOID_REASONS
from ui.order.dish_dialogs import NoteDialog, NumberDialog, OptionsDialog
from ui.order_screen import OrderScreen

# the offscreen platform says so when a window is shown; it is not a fault of the screen
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def bill_id(ctx, demo) -> int:
    changes = seating.seat_party(ctx, table_id=demo.table("A1"), guests=4, waiter_id=demo.waiter)
    return changes.bill_id


@pytest.fixture
def screen(qtbot, ui_session, bill_id) -> OrderScreen:
    shown = OrderScreen(ui_session)
    qtbot.addWidget(shown)
    shown.resize(1024, 688)
    shown.show()
    qtbot.waitExposed(shown)
    shown.show_bill(bill_id)
    return shown


def tap_dish(screen: OrderScreen, demo, name_zh: str) -> None:
    """Open the dish's category, then tap the dish, as a finger would."""
    item_id = demo.item(name_zh)
    entry = screen.menu_panel.entry(item_id)
    screen.menu_panel.category_buttons[entry.category_id].click()
    assert item_id in screen.menu_panel.visible_items()
    screen.menu_panel.item_buttons[item_id].click()


def order(ctx, demo, bill_id: int, name_zh: str, **dish) -> int:
    """A dish put in the cart directly (set-up, not what the test is about)."""
    changes = ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item(name_zh), **dish)
    return changes.lines[0]


def lines_by_name(ctx, bill_id: int) -> dict[str, queries.LineView]:
    view = queries.bill_view(ctx, bill_id)
    return {line.name_zh: line for line in view.lines if line.kind == "item"}


def type_manager_pin(dialog, pin: str) -> None:
    for digit in pin:
        dialog.pin_pad.keys[digit].click()


def test_required_spice_is_asked_and_ok_refused_until_chosen(screen, ctx, demo, bill_id):
    tap_dish(screen, demo, "宫保鸡丁")
    dialog = screen.dish_order.dialog
    assert isinstance(dialog, OptionsDialog)
    assert dialog.isVisible()
    extra = dialog.option_buttons[demo.option("extras", "加蛋")]
    assert extra.plain_text() == "加蛋\n+¥3.00"

    dialog.ok_button.click()
    assert "辣度" in dialog.error_text()
    assert dialog.isVisible()
    assert lines_by_name(ctx, bill_id) == {}

    dialog.choose(demo.option("spice", "微辣"))
    dialog.choose(demo.option("extras", "加蛋"))
    dialog.ok_button.click()
    assert not dialog.isVisible()

    line = lines_by_name(ctx, bill_id)["宫保鸡丁"]
    assert (line.status, line.amount_fen) == ("cart", 4200 + 300)
    assert [name for name, _, _ in line.options] == ["微辣", "加蛋"]
    row = screen.bill_lines.rows[line.line_id]
    assert row.detail_label.text() == "微辣 · 加蛋 +¥3.00"
    assert row.amount_label.text() == "¥45.00"
    assert row.status_tag.text() == screen._session.tr("In cart")
    assert screen.total_label.text().endswith("¥53.00")  # with the seat fee: 4 × ¥2.00


def test_one_answer_group_keeps_one_choice(screen, demo):
    tap_dish(screen, demo, "宫保鸡丁")
    dialog = screen.dish_order.dialog
    dialog.choose(demo.option("spice", "微辣"))
    dialog.choose(demo.option("spice", "特辣"))
    assert dialog.chosen_ids() == [demo.option("spice", "特辣")]


def test_weighed_fish_asks_its_weight_and_shows_it(screen, ctx, demo, bill_id):
    tap_dish(screen, demo, "鲈鱼")
    options = screen.dish_order.dialog
    options.choose(demo.option("fish_style", "清蒸"))
    options.ok_button.click()
    weight = screen.dish_order.dialog
    assert isinstance(weight, NumberDialog)
    assert "斤" in weight.prompt.text()
    assert not weight.ok_button.isEnabled()
    weight.type_in("1.6")
    weight.ok_button.click()

    line = lines_by_name(ctx, bill_id)["鲈鱼"]
    assert (line.quantity_milli, line.amount_fen) == (1600, 10880)
    row = screen.bill_lines.rows[line.line_id]
    assert row.quantity_label.text() == "1.6斤"
    assert row.amount_label.text() == "¥108.80"
    assert not row.plus_button.isVisibleTo(row)  # a weight is not stepped ±


def test_market_price_lobster_asks_weight_then_todays_price(screen, ctx, demo, bill_id):
    tap_dish(screen, demo, "澳洲龙虾")
    screen.dish_order.dialog.type_in("2.5")
    screen.dish_order.dialog.ok_button.click()
    price = screen.dish_order.dialog
    assert isinstance(price, NumberDialog)
    assert "澳洲龙虾" in price.title.text()
    price.type_in("588")
    price.ok_button.click()

    line = lines_by_name(ctx, bill_id)["澳洲龙虾"]
    assert (line.quantity_milli, line.unit_price_fen, line.amount_fen) == (2500, 58800, 147000)


def test_cancelling_a_question_orders_nothing(screen, ctx, demo, bill_id):
    tap_dish(screen, demo, "澳洲龙虾")
    screen.dish_order.dialog.cancel_button.click()
    assert screen.dish_order.dialog is None
    assert lines_by_name(ctx, bill_id) == {}


def test_sold_out_dish_is_disabled_and_marked(screen, ui_session, demo):
    button = screen.menu_panel.item_buttons[demo.item("糯米鸡")]
    assert not button.isEnabled()
    assert button.detail.text() == ui_session.tr("Sold out")
    assert screen.menu_panel.item_buttons[demo.item("叉烧包")].isEnabled()


def test_pinyin_initials_find_kung_pao_chicken(screen, demo):
    panel = screen.menu_panel
    panel.search_button.click()
    assert panel.letter_pad.isVisible()
    assert not panel.categories_box.isVisible()
    for letter in "gbjd":
        panel.letter_pad.keys[letter].click()
    assert panel.visible_items() == [demo.item("宫保鸡丁")]
    assert panel.item_buttons[demo.item("宫保鸡丁")].isVisible()
    assert not panel.item_buttons[demo.item("回锅肉")].isVisible()

    panel.type_letters("q")
    assert panel.visible_items() == []
    assert panel.no_match.isVisible()
    panel.close_search_button.click()
    assert panel.categories_box.isVisible()
    assert len(panel.visible_items()) > 1


def test_send_moves_the_cart_to_the_kitchen(screen, qtbot, ctx, demo, bill_id, ui_session):
    order(ctx, demo, bill_id, "夫妻肺片")
    order(ctx, demo, bill_id, "米饭", quantity=2)
    screen.reload()
    assert screen.send_button.isEnabled()
    with qtbot.waitSignal(ui_session.info):
        screen.send_button.click()
    assert {line.status for line in lines_by_name(ctx, bill_id).values()} == {"sent"}
    assert not screen.send_button.isEnabled()
    row = screen.bill_lines.row_for("米饭")
    assert row.status_tag.text() == ui_session.tr("Sent")
    assert not row.minus_button.isVisibleTo(row)


def test_serve_two_chosen_dishes(screen, ctx, demo, bill_id, ui_session):
    first = order(ctx, demo, bill_id, "夫妻肺片")
    second = order(ctx, demo, bill_id, "拍黄瓜", option_ids=[demo.option("spice", "不辣")])
    third = order(ctx, demo, bill_id, "米饭")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    screen.reload()
    assert not screen.serve_button.isEnabled()
    screen.bill_lines.tap(first)
    screen.bill_lines.tap(second)
    assert screen.selection_label.text() == ui_session.tr("{count} selected").format(count="2")
    screen.serve_button.click()

    statuses = {line.line_id: line.status for line in queries.bill_view(ctx, bill_id).lines}
    assert (statuses[first], statuses[second], statuses[third]) == ("served", "served", "sent")
    assert screen.bill_lines.rows[first].status_tag.text() == ui_session.tr("Served")
    assert screen.bill_lines.selected_ids() == []


def test_void_with_manager_pin_and_reason(screen, ctx, demo, bill_id, ui_session):
    line_id = order(ctx, demo, bill_id, "回锅肉", option_ids=[demo.option("spice", "微辣")])
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    screen.reload()
    screen.bill_lines.tap(line_id)
    assert screen.void_button.isEnabled()
    screen.void_button.click()
    overlay = screen.manager_dialog
    assert overlay.isVisible()
    type_manager_pin(overlay, MANAGER_PIN)
    overlay.reason_buttons[VOID_REASONS[0]].click()
    overlay.ok_button.click()

    line = lines_by_name(ctx, bill_id)["回锅肉"]
    assert line.status == "voided"
    assert line.void_reason == ui_session.tr(VOID_REASONS[0])
    row = screen.bill_lines.rows[line_id]
    assert row.struck
    assert row.name_label.text() == "<s>回锅肉</s>"
    assert "¥" in row.amount_label.text() and row.amount_label.text().startswith("<s>")
    assert all(r.kind != "reversal" for r in (s.line for s in _shown(screen)))


def _shown(screen: OrderScreen):
    return [row.shown for row in screen.bill_lines.shown_rows()]


def test_wrong_manager_pin_is_shown_in_the_overlay_and_voids_nothing(screen, ctx, demo, bill_id):
    line_id = order(ctx, demo, bill_id, "回锅肉", option_ids=[demo.option("spice", "微辣")])
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    screen.reload()
    screen.bill_lines.tap(line_id)
    screen.void_button.click()
    overlay = screen.manager_dialog
    type_manager_pin(overlay, "1234")
    overlay.reason_buttons[VOID_REASONS[1]].click()
    overlay.ok_button.click()

    assert overlay.isVisible()
    assert overlay.error_label.text() == "这不是经理的 PIN 码。"
    assert lines_by_name(ctx, bill_id)["回锅肉"].status == "sent"
    assert len(queries.bill_view(ctx, bill_id).lines) == 1


def test_void_part_of_a_dish_asks_how_many(screen, ctx, demo, bill_id, ui_session):
    line_id = order(ctx, demo, bill_id, "青岛啤酒", quantity=4)
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    screen.reload()
    screen.bill_lines.tap(line_id)
    screen.void_button.click()
    how_many = screen.dialog
    assert how_many.pad.value() == "4"
    how_many.pad.press("clear")
    how_many.type_in("1")
    how_many.ok_button.click()
    overlay = screen.manager_dialog
    type_manager_pin(overlay, MANAGER_PIN)
    overlay.reason_buttons[VOID_REASONS[0]].click()
    overlay.ok_button.click()

    view = queries.bill_view(ctx, bill_id)
    assert [(line.kind, line.quantity_milli) for line in view.lines] == [
        ("item", 4000),
        ("reversal", -1000),
    ]
    row = screen.bill_lines.rows[line_id]
    assert row.quantity_label.text() == "×3"
    assert row.amount_label.text() == "¥36.00"
    assert ui_session.tr("{quantity} voided").format(quantity="1瓶") in row.detail_label.text()


def test_quantity_plus_and_minus_on_a_cart_line(screen, ctx, demo, bill_id):
    line_id = order(ctx, demo, bill_id, "米饭")
    screen.reload()
    row = screen.bill_lines.rows[line_id]
    assert row.quantity_label.text() == "1"
    row.plus_button.click()
    row.plus_button.click()
    assert lines_by_name(ctx, bill_id)["米饭"].quantity_milli == 3000
    assert screen.bill_lines.rows[line_id].quantity_label.text() == "3"
    for _ in range(3):
        screen.bill_lines.rows[line_id].minus_button.click()
    assert lines_by_name(ctx, bill_id) == {}
    assert line_id not in screen.bill_lines.rows
    assert screen.bill_lines.empty_label.isVisibleTo(screen)


def test_hold_on_send_then_fire(screen, ctx, demo, bill_id, ui_session):
    soup = order(ctx, demo, bill_id, "酸萝卜老鸭汤")
    order(ctx, demo, bill_id, "夫妻肺片")
    screen.reload()
    assert not screen.hold_button.isEnabled()
    screen.bill_lines.tap(soup)
    assert screen.hold_button.text() == ui_session.tr("Hold")
    screen.hold_button.click()
    assert screen.bill_lines.rows[soup].hold_tag.isVisibleTo(screen.bill_lines.rows[soup])
    screen.send_button.click()
    statuses = {name: line.status for name, line in lines_by_name(ctx, bill_id).items()}
    assert statuses == {"酸萝卜老鸭汤": "held", "夫妻肺片": "sent"}

    assert screen.hold_button.text() == ui_session.tr("Fire")  # nothing chosen: all held
    screen.bill_lines.tap(soup)
    assert screen.hold_button.text() == ui_session.tr("Fire")
    screen.hold_button.click()
    assert lines_by_name(ctx, bill_id)["酸萝卜老鸭汤"].status == "sent"
    assert not screen.hold_button.isEnabled()


def test_hurry_counts_and_shows_a_tag(screen, ctx, demo, bill_id):
    line_id = order(ctx, demo, bill_id, "夫妻肺片")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    screen.reload()
    screen.bill_lines.tap(line_id)
    screen.hurry_button.click()
    screen.bill_lines.tap(line_id)
    screen.hurry_button.click()
    assert lines_by_name(ctx, bill_id)["夫妻肺片"].hurry_count == 2
    row = screen.bill_lines.rows[line_id]
    assert row.hurry_tag.isVisibleTo(row)
    assert "2" in row.hurry_tag.text()


def test_note_with_quick_notes_and_free_text(screen, ctx, demo, bill_id):
    line_id = order(ctx, demo, bill_id, "米饭")
    screen.reload()
    screen.bill_lines.tap(line_id)
    screen.note_button.click()
    dialog = screen.dialog
    assert isinstance(dialog, NoteDialog)
    dialog.quick_buttons["少辣"].click()
    dialog.quick_buttons["打包"].click()
    dialog.free_text.setText("多放醋")
    dialog.ok_button.click()
    assert lines_by_name(ctx, bill_id)["米饭"].note == "少辣，打包，多放醋"
    assert "少辣，打包，多放醋" in screen.bill_lines.rows[line_id].detail_label.text()


def test_set_meal_dishes_are_indented_under_the_set(screen, ctx, demo, bill_id):
    set_id = order(ctx, demo, bill_id, "双人商务套餐")
    screen.reload()
    rows = screen.bill_lines.shown_rows()
    names = [row.shown.line.name_zh for row in rows]
    start = names.index("双人商务套餐")
    assert names[start + 1 : start + 6] == [
        "宫保鸡丁",
        "麻婆豆腐",
        "清炒时蔬",
        "番茄蛋花汤",
        "米饭",
    ]
    assert all(row.shown.part for row in rows[start + 1 : start + 6])
    assert rows[start + 1].objectName() == "partRow"
    assert rows[start].shown.line_id == set_id


def test_courses_are_listed_in_serving_order(screen, ctx, demo, bill_id, ui_session):
    order(ctx, demo, bill_id, "青岛啤酒")
    order(ctx, demo, bill_id, "番茄蛋花汤")
    order(ctx, demo, bill_id, "回锅肉", option_ids=[demo.option("spice", "微辣")])
    order(ctx, demo, bill_id, "夫妻肺片")
    screen.reload()
    headings = [screen.bill_lines.headings[c].text() for c in ("cold", "hot", "soup", "drink")]
    assert headings == [
        ui_session.tr(m) for m in ("Cold dishes", "Hot dishes", "Soups", "Drinks & tea")
    ]
    names = [row.shown.line.name_zh for row in screen.bill_lines.shown_rows()]
    assert names == ["夫妻肺片", "回锅肉", "番茄蛋花汤", "青岛啤酒"]


def test_places_plus_and_numpad(screen, ctx, bill_id, ui_session):
    screen.more_button.click()
    assert queries.bill_view(ctx, bill_id).guests == 5
    assert screen.guests_button.text() == ui_session.tr("{guests} guests").format(guests="5")
    screen.guests_button.click()
    dialog = screen.dialog
    dialog.pad.press("clear")
    dialog.type_in("12")
    dialog.ok_button.click()
    assert queries.bill_view(ctx, bill_id).guests == 12


def test_pre_bill_puts_the_table_in_bill_requested(screen, ctx, demo, bill_id):
    order(ctx, demo, bill_id, "夫妻肺片")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    screen.reload()
    screen.prebill_button.click()
    tile = next(t for t in queries.floor_snapshot(ctx) if t.table_id == demo.table("A1"))
    assert tile.state == TableState.BILL_REQUESTED


def test_pre_bill_with_unsent_dishes_shows_why_not(screen, qtbot, ctx, demo, bill_id):
    order(ctx, demo, bill_id, "夫妻肺片")
    screen.reload()
    with qtbot.waitSignal(screen._session.error) as blocker:
        screen.prebill_button.click()
    assert blocker.args == ["请先将未落单的菜品落单或删除。"]


def test_pay_asks_for_the_payment_screen(screen, qtbot, bill_id):
    with qtbot.waitSignal(screen.pay_requested) as blocker:
        screen.pay_button.click()
    assert blocker.args == [bill_id]


def test_party_that_leaves_without_ordering_clears_the_table(screen, qtbot, ctx, demo):
    assert screen.clear_button.isEnabled()
    with qtbot.waitSignal(screen.back_to_floor):
        screen.clear_button.click()
    tile = next(t for t in queries.floor_snapshot(ctx) if t.table_id == demo.table("A1"))
    assert tile.state == TableState.FREE


def test_language_switch_changes_labels_and_names_not_the_bill(
    screen, ctx, demo, bill_id, ui_session
):
    line_id = order(ctx, demo, bill_id, "宫保鸡丁", option_ids=[demo.option("spice", "微辣")])
    screen.reload()
    before = queries.bill_view(ctx, bill_id)
    assert screen.bill_lines.rows[line_id].name_label.text() == "宫保鸡丁"

    ui_session.set_language(Language("en"))
    assert screen.send_button.text() == "Send"
    assert screen.back_button.text() == "Back to floor"
    row = screen.bill_lines.rows[line_id]
    assert row.name_label.text() == "Kung Pao chicken"
    assert row.detail_label.text() == "Mild"
    assert row.amount_label.text() == "CN¥42.00"
    assert screen.bill_lines.headings["hot"].text() == "Hot dishes"
    kung_pao = screen.menu_panel.item_buttons[demo.item("宫保鸡丁")]
    assert kung_pao.title.text() == "Kung Pao chicken"
    after = queries.bill_view(ctx, bill_id)
    assert (after.lines, after.breakdown, after.version) == (
        before.lines,
        before.breakdown,
        before.version,
    )


class _FakeMoveDialog(QObject):
    done = Signal(object)


def test_transfer_gets_the_chosen_dishes_and_reloads_when_done(
    screen, monkeypatch, ctx, demo, bill_id
):
    calls = []
    fake = types.ModuleType("ui.table_moves")

    def open_transfer(parent, session, bill, line_ids=None):
        calls.append((parent, bill, line_ids))
        return _FakeMoveDialog()

    fake.open_transfer = open_transfer
    monkeypatch.setitem(sys.modules, "ui.table_moves", fake)
    monkeypatch.setattr(sys.modules["ui"], "table_moves", fake, raising=False)
    line_id = order(ctx, demo, bill_id, "米饭")
    screen.reload()
    screen.bill_lines.tap(line_id)
    screen.transfer_button.click()
    assert calls == [(screen, bill_id, [line_id])]

    seating.change_guests(ctx, bill_id=bill_id, guests=7)  # changed behind the screen's back
    screen.move_dialog.done.emit(Changes(bills=frozenset({bill_id}), bill_id=bill_id))
    assert screen.guests_button.text() == screen._session.tr("{guests} guests").format(guests="7")
    assert screen.bill_lines.selected_ids() == []


def test_paid_bill_is_read_only_and_offers_clear_table(screen, qtbot, ctx, demo, bill_id):
    order(ctx, demo, bill_id, "夫妻肺片")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    total = queries.bill_view(ctx, bill_id).breakdown.total
    payment.settle_bill(ctx, bill_id=bill_id, tenders=[Tender(TenderMethod.CASH, total)])
    screen.show_bill(bill_id)
    assert screen.status_label.isVisible()
    assert screen.status_label.text() == "已结账"
    assert not screen.menu_panel.isEnabled()
    assert not any(
        button.isEnabled() for name, button in screen.action_bar.buttons.items() if name != "clear"
    )
    assert screen.clear_button.isEnabled()
    with qtbot.waitSignal(screen.back_to_floor):
        screen.clear_button.click()
    tile = next(t for t in queries.floor_snapshot(ctx) if t.table_id == demo.table("A1"))
    assert tile.state == TableState.FREE


def test_larger_font_setting_grows_the_dish_buttons(screen, ui_session, demo):
    button = screen.menu_panel.item_buttons[demo.item("宫保鸡丁")]
    before = button.height()
    ui_session.set_font_scale(1.3)
    assert button.height() > before
    assert "font-size: 23px" in screen.styleSheet()  # 18 px buttons × 1.3


def test_sold_out_mode_marks_a_dish_sold_out_in_one_tap_and_back(screen, ctx, demo, bill_id):
    item_id = demo.item("夫妻肺片")
    entry = screen.menu_panel.entry(item_id)
    screen.menu_panel.category_buttons[entry.category_id].click()
    screen.menu_panel.sold_out_button.click()
    assert screen.menu_panel.sold_out_button.text() == "✓ 估清中"
    screen.menu_panel.item_buttons[item_id].click()
    assert next(e for e in queries.menu(ctx)[1] if e.item_id == item_id).sold_out
    assert lines_by_name(ctx, bill_id) == {}  # marked, not ordered
    assert screen.menu_panel.item_buttons[item_id].isEnabled()  # to put it back on
    screen.menu_panel.sold_out_button.click()
    assert not screen.menu_panel.item_buttons[item_id].isEnabled()
    screen.menu_panel.sold_out_button.click()
    screen.menu_panel.item_buttons[item_id].click()
    assert not next(e for e in queries.menu(ctx)[1] if e.item_id == item_id).sold_out
