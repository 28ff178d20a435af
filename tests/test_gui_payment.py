"""The payment screen, tapped as a cashier would: tenders, change, round-off, discount,
comp, and what the store holds afterwards."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.billing import MAX_TENDER, TenderMethod
from app.domain.money import RoundingMode
from app.domain.table_state import TableState
from app.domain.tendering import quick_cash
from app.i18n import Language
from app.services import ordering, payment, queries, seating
from ui.authorise import COMP_REASONS, DISCOUNT_REASONS, ROUNDING_REASONS
from ui.payment.bill_panel import part_amounts
from ui.payment.tender_pad import amount_text, two_lines
from ui.payment_screen import PaymentScreen

# the offscreen platform says so when a window is shown; it is not a fault of the screen
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

MANAGER_PIN = "9999"


# -- the bill, made through the services as the floor would ---------------------------------


def seat(ctx, demo, table: str = "A1", guests: int = 2) -> int:
    return seating.seat_party(
        ctx, table_id=demo.table(table), guests=guests, waiter_id=demo.waiter
    ).bill_id


def order(ctx, demo, bill_id: int, name: str, **kw) -> None:
    ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item(name), **kw)


def sent_bill(ctx, demo, table: str = "A1", guests: int = 2) -> int:
    """A hall table with tea and Kung Pao chicken, sent to the kitchen."""
    bill_id = seat(ctx, demo, table, guests)
    order(ctx, demo, bill_id, "西湖龙井")
    order(ctx, demo, bill_id, "宫保鸡丁", option_ids=[demo.option("spice", "微辣")])
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    return bill_id


def fish_bill(ctx, demo) -> int:
    """1.37 斤 of sea bass at ¥68 and two seats: ¥97.16 before any round-off."""
    bill_id = seat(ctx, demo, "A2", 2)
    order(
        ctx,
        demo,
        bill_id,
        "鲈鱼",
        weight_milli=1370,
        option_ids=[demo.option("fish_style", "清蒸")],
    )
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    return bill_id


def total(ctx, bill_id: int) -> int:
    return queries.bill_view(ctx, bill_id).breakdown.total


def tile(ctx, name: str):
    return next(t for t in queries.floor_snapshot(ctx) if t.name == name)


# -- the screen ------------------------------------------------------------------------------


def make_screen(qtbot, ui_session, bill_id: int) -> PaymentScreen:
    screen = PaymentScreen(ui_session)
    qtbot.addWidget(screen)
    screen.resize(1024, 688)
    screen.show_bill(bill_id)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def type_amount(screen: PaymentScreen, text: str) -> None:
    for key in text:
        screen.tender_pad.numpad.keys[key].click()


def add(screen: PaymentScreen, method: TenderMethod, text: str) -> None:
    screen.tender_pad.methods[method].click()
    type_amount(screen, text)
    screen.tender_pad.add_button.click()


def authorise(overlay, reason: str) -> None:
    """The manager types the PIN on the overlay's pad, taps a reason and Authorise."""
    assert overlay is not None and overlay.isVisible()
    for digit in MANAGER_PIN:
        overlay.pin_pad.keys[digit].click()
    overlay.reason_buttons[reason].click()
    overlay.ok_button.click()


def money(ui_session, fen: int) -> str:
    return ui_session.language.money(fen)


# -- tests -----------------------------------------------------------------------------------


def test_the_breakdown_shows_every_part_of_a_tea_room_bill_as_the_store_has_it(
    qtbot, ctx, demo, clock, ui_session
):
    bill_id = seat(ctx, demo, "观云", guests=3)
    order(ctx, demo, bill_id, "西湖龙井")
    egg = demo.option("extras", "加蛋")
    order(ctx, demo, bill_id, "宫保鸡丁", option_ids=[demo.option("spice", "微辣"), egg])
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    clock.advance(minutes=95)
    screen = make_screen(qtbot, ui_session, bill_id)
    parts = queries.bill_view(ctx, bill_id).breakdown
    assert parts.seat_fee == 3 * 1500 and parts.room_fee > 0 and parts.options == 300
    expected = {
        key: money(ui_session, fen)
        for key, fen in part_amounts(parts).items()
        if fen or key == "items"
    }
    assert screen.bill_panel.shown_parts() == expected
    assert {"seat_fee", "room_fee", "options"} <= expected.keys()
    assert "service_charge" not in expected  # nothing to show: no row
    assert screen.bill_panel.rows["seat_fee"][0].text() == "茶位费 (3位)"
    assert screen.bill_panel.total_amount.text() == money(ui_session, parts.total)
    assert screen.still_to_pay_label.text() == money(ui_session, parts.total)
    assert "观云" in screen.bill_panel.particulars.text()


def test_wechat_part_and_cash_rest_give_change_and_finish_puts_the_table_to_clearing(
    qtbot, ctx, demo, ui_session
):
    bill_id = sent_bill(ctx, demo)
    due = total(ctx, bill_id)
    screen = make_screen(qtbot, ui_session, bill_id)
    add(screen, TenderMethod.WECHAT, "50")
    rest = due - 5000
    assert screen.still_to_pay_label.text() == money(ui_session, rest)
    assert screen.change_label.text() == money(ui_session, 0)
    note = screen.tender_pad.quick_amounts()[-1]
    assert note > rest
    screen.tender_pad.quick_buttons[len(screen.tender_pad.quick_amounts()) - 1].click()
    assert screen.tender_pad.method is TenderMethod.CASH
    screen.tender_pad.add_button.click()
    assert screen.still_to_pay_label.text() == money(ui_session, 0)
    assert screen.change_label.text() == money(ui_session, note - rest)
    assert [row.plain_text().split()[0] for row in screen.bill_panel.tender_rows] == [
        "微信支付",
        "现金",
    ]
    with (
        qtbot.waitSignal(screen.settled, timeout=2000) as settled,
        qtbot.waitSignal(ui_session.info, timeout=2000) as info,
    ):
        screen.finish_button.click()
    assert settled.args == [bill_id]
    view = queries.bill_view(ctx, bill_id)
    assert view.status == "paid"
    assert view.tenders == (("wechat", 5000, ""), ("cash", note, ""))
    assert view.change_fen == note - rest
    assert "20261120-0001" in info.args[0] and money(ui_session, note - rest) in info.args[0]
    assert tile(ctx, "A1").state is TableState.CLEARING
    # the screen now shows the paid bill, read-only
    assert screen.right.currentWidget() is not screen.tender_pad.parentWidget()
    assert not screen.finish_button.isVisible()
    assert all(not row.isEnabled() for row in screen.bill_panel.tender_rows)
    assert "20261120-0001" in screen.bill_panel.receipt_label.text()


def test_tendering_too_little_shows_the_services_message_and_saves_nothing(
    qtbot, ctx, demo, ui_session
):
    bill_id = sent_bill(ctx, demo)
    due = total(ctx, bill_id)
    screen = make_screen(qtbot, ui_session, bill_id)
    add(screen, TenderMethod.CASH, "10")
    with qtbot.assertNotEmitted(screen.settled):
        screen.finish_button.click()
    short = money(ui_session, due - 1000)
    assert screen.error_text() == f"金额不足：应收{money(ui_session, due)}，还差{short}。"
    view = queries.bill_view(ctx, bill_id)
    assert (view.status, view.tenders) == ("open", ())
    assert len(screen.tenders) == 1  # what was entered stays for the cashier to finish


def test_a_card_above_what_is_still_due_is_refused_with_the_domains_message(
    qtbot, ctx, demo, ui_session
):
    bill_id = sent_bill(ctx, demo)
    due = total(ctx, bill_id)
    screen = make_screen(qtbot, ui_session, bill_id)
    add(screen, TenderMethod.CARD, amount_text(due + 100))
    assert screen.tenders == []
    assert screen.error_text() == (
        f"银行卡不能支付{money(ui_session, due + 100)}：只剩{money(ui_session, due)}未付。"
    )
    assert screen.still_to_pay_label.text() == money(ui_session, due)
    screen.tender_pad.exact_button.click()  # the card pays exactly what is due instead
    screen.tender_pad.add_button.click()
    assert screen.error_text() == ""
    assert screen.still_to_pay_label.text() == money(ui_session, 0)


def test_cash_when_nothing_is_due_is_refused(qtbot, ctx, demo, ui_session):
    bill_id = sent_bill(ctx, demo)
    screen = make_screen(qtbot, ui_session, bill_id)
    add(screen, TenderMethod.ALIPAY, amount_text(total(ctx, bill_id)))
    add(screen, TenderMethod.CASH, "100")
    assert screen.error_text() == "无需再收现金：账单已付清。"
    assert len(screen.tenders) == 1


def test_exact_and_quick_cash_buttons_follow_what_is_still_to_pay(qtbot, ctx, demo, ui_session):
    bill_id = sent_bill(ctx, demo)
    due = total(ctx, bill_id)
    screen = make_screen(qtbot, ui_session, bill_id)
    pad = screen.tender_pad
    assert pad.quick_amounts() == quick_cash(due)
    assert [b.text() for b in pad.quick_buttons[: len(quick_cash(due))]] == [
        money(ui_session, fen) for fen in quick_cash(due)
    ]
    assert money(ui_session, due) in pad.exact_button.text()
    add(screen, TenderMethod.WECHAT, "100")
    assert pad.quick_amounts() == quick_cash(due - 10000)
    pad.exact_button.click()
    assert pad.numpad.value() == amount_text(due - 10000)
    assert pad.method is TenderMethod.WECHAT  # Exact keeps the method chosen


def test_quick_cash_for_a_few_amounts_a_cashier_knows():
    assert quick_cash(8650) == [10000, 20000]
    assert quick_cash(1200) == [2000, 5000, 10000]
    assert quick_cash(13000) == [14000, 15000, 20000]
    assert quick_cash(10000) == [20000]
    assert quick_cash(0) == []


@given(st.integers(min_value=1, max_value=MAX_TENDER))
def test_quick_cash_is_always_above_what_is_due_ascending_and_distinct(remaining):
    amounts = quick_cash(remaining)
    assert all(remaining < fen <= MAX_TENDER for fen in amounts)
    assert amounts == sorted(set(amounts))
    assert len(amounts) <= 3
    assert all(fen % 2000 == 0 or fen % 5000 == 0 for fen in amounts)  # made of notes
    if remaining <= MAX_TENDER - 20000:
        assert amounts  # there is always a note to offer


def test_long_english_labels_are_broken_at_the_middle_space():
    assert two_lines("Charge to account") == "Charge to\naccount"
    assert two_lines("WeChat Pay") == "WeChat\nPay"
    assert two_lines("Voucher") == "Voucher"
    assert two_lines("微信支付") == "微信支付"


def test_tapping_a_payment_removes_it(qtbot, ctx, demo, ui_session):
    bill_id = sent_bill(ctx, demo)
    due = total(ctx, bill_id)
    screen = make_screen(qtbot, ui_session, bill_id)
    add(screen, TenderMethod.WECHAT, "30")
    add(screen, TenderMethod.ALIPAY, "20")
    assert screen.still_to_pay_label.text() == money(ui_session, due - 5000)
    screen.bill_panel.tender_rows[0].click()
    assert [t.method for t in screen.tenders] == [TenderMethod.ALIPAY]
    assert screen.still_to_pay_label.text() == money(ui_session, due - 2000)


def test_rounding_choice_changes_the_total_shown_and_stored(qtbot, ctx, demo, ui_session):
    bill_id = fish_bill(ctx, demo)
    before = queries.bill_view(ctx, bill_id).breakdown.before_rounding
    assert before == 9716
    screen = make_screen(qtbot, ui_session, bill_id)
    assert screen.bill_panel.total_amount.text() == money(ui_session, 9710)  # house rule
    assert ui_session.tr("Down to 0.1 yuan") in screen.rounding_button.plain_text()
    screen.rounding_button.click()
    dialog = screen.dialog
    assert money(ui_session, 9700) in dialog.mode_buttons[RoundingMode.DOWN_YUAN].text()
    dialog.mode_buttons[RoundingMode.DOWN_YUAN].click()
    parts = queries.bill_view(ctx, bill_id).breakdown
    assert (parts.total, parts.rounding) == (9700, -16)
    assert screen.bill_panel.total_amount.text() == money(ui_session, 9700)
    assert screen.bill_panel.shown_parts()["rounding"] == money(ui_session, -16)
    assert screen.still_to_pay_label.text() == money(ui_session, 9700)
    assert screen.current_rounding() == (RoundingMode.DOWN_YUAN, 0)
    screen.rounding_button.click()
    screen.dialog.mode_buttons[RoundingMode.NONE].click()
    assert total(ctx, bill_id) == 9716
    assert "rounding" not in screen.bill_panel.shown_parts()


def test_a_custom_round_off_needs_the_manager(qtbot, ctx, demo, ui_session):
    bill_id = fish_bill(ctx, demo)
    screen = make_screen(qtbot, ui_session, bill_id)
    screen.rounding_button.click()
    dialog = screen.dialog
    for key in "7.16":
        dialog.custom_pad.keys[key].click()
    dialog.custom_button.click()
    assert total(ctx, bill_id) == 9710  # nothing yet: the manager has not authorised
    authorise(dialog.authorisation, ROUNDING_REASONS[0])
    assert total(ctx, bill_id) == 9000
    assert screen.bill_panel.total_amount.text() == money(ui_session, 9000)
    assert money(ui_session, -716) in screen.rounding_button.plain_text()


def test_a_bill_discount_through_the_manager_overlay_changes_the_total(
    qtbot, ctx, demo, ui_session
):
    bill_id = sent_bill(ctx, demo)
    before = queries.bill_view(ctx, bill_id).breakdown
    screen = make_screen(qtbot, ui_session, bill_id)
    screen.discount_button.click()
    dialog = screen.dialog
    dialog.preset_buttons[1000].click()  # 九折
    assert dialog.pad.value() == "10"
    dialog.apply_button.click()
    assert queries.bill_view(ctx, bill_id).breakdown.bill_discount == 0
    authorise(dialog.authorisation, DISCOUNT_REASONS[0])
    parts = queries.bill_view(ctx, bill_id).breakdown
    assert parts.bill_discount == before.items // 10
    assert parts.total < before.total
    assert screen.bill_panel.total_amount.text() == money(ui_session, parts.total)
    assert screen.bill_panel.shown_parts()["bill_discount"] == money(
        ui_session, -parts.bill_discount
    )
    assert money(ui_session, -parts.bill_discount) in screen.discount_button.plain_text()
    assert not dialog.isVisible()


def test_a_comp_needs_the_manager_and_settles_with_the_approval(qtbot, ctx, demo, ui_session):
    bill_id = sent_bill(ctx, demo)
    due = total(ctx, bill_id)
    screen = make_screen(qtbot, ui_session, bill_id)
    add(screen, TenderMethod.COMP, amount_text(due))
    assert screen.tenders == []  # not before the manager says so
    screen.authorisation.cancel_button.click()
    assert screen.tenders == []
    with qtbot.assertNotEmitted(screen.settled):
        screen.finish_button.click()  # the amount is still on the pad: the manager again
    assert queries.bill_view(ctx, bill_id).status == "open"
    authorise(screen.authorisation, COMP_REASONS[0])
    assert [(t.method, t.amount) for t in screen.tenders] == [(TenderMethod.COMP, due)]
    assert "免单" in screen.bill_panel.tender_rows[0].plain_text()
    assert queries.bill_view(ctx, bill_id).status == "open"
    with qtbot.waitSignal(screen.settled, timeout=2000):
        screen.finish_button.click()
    view = queries.bill_view(ctx, bill_id)
    assert (view.status, view.tenders) == ("paid", (("comp", due, ""),))


def test_charge_to_account_asks_for_the_signer(qtbot, ctx, demo, ui_session):
    bill_id = sent_bill(ctx, demo)
    due = total(ctx, bill_id)
    screen = make_screen(qtbot, ui_session, bill_id)
    add(screen, TenderMethod.ACCOUNT, amount_text(due))
    assert screen.error_text() == "签单须填写签单人姓名。"
    assert screen.tender_pad.reference_edit.isVisible()
    screen.tender_pad.reference_edit.setText("刘总")
    screen.tender_pad.methods[TenderMethod.ACCOUNT].click()  # tapped again: the name stays
    assert screen.tender_pad.reference_edit.text() == "刘总"
    screen.tender_pad.add_button.click()
    assert "刘总" in screen.bill_panel.tender_rows[0].plain_text()
    with qtbot.waitSignal(screen.settled, timeout=2000):
        screen.finish_button.click()
    assert queries.bill_view(ctx, bill_id).tenders == (("account", due, "刘总"),)


def test_finish_takes_the_amount_still_on_the_pad(qtbot, ctx, demo, ui_session):
    bill_id = sent_bill(ctx, demo)
    due = total(ctx, bill_id)
    screen = make_screen(qtbot, ui_session, bill_id)
    screen.tender_pad.methods[TenderMethod.ALIPAY].click()
    screen.tender_pad.exact_button.click()
    with qtbot.waitSignal(screen.settled, timeout=2000):
        screen.finish_button.click()
    assert queries.bill_view(ctx, bill_id).tenders == (("alipay", due, ""),)


def test_invoice_request_is_kept_on_the_bill(qtbot, ctx, demo, ui_session):
    bill_id = sent_bill(ctx, demo)
    screen = make_screen(qtbot, ui_session, bill_id)
    screen.invoice_button.click()
    assert queries.bill_view(ctx, bill_id).invoice_requested
    assert screen.invoice_button.isChecked()
    add(screen, TenderMethod.WECHAT, amount_text(total(ctx, bill_id)))
    screen.finish_button.click()
    view = queries.bill_view(ctx, bill_id)
    assert view.status == "paid" and view.invoice_requested


def test_a_bill_changed_on_another_terminal_is_shown_again_before_it_is_paid(
    qtbot, ctx, demo, ui_session
):
    bill_id = sent_bill(ctx, demo)
    due = total(ctx, bill_id)
    screen = make_screen(qtbot, ui_session, bill_id)
    add(screen, TenderMethod.CASH, "500")
    order(ctx, demo, bill_id, "铁观音")  # another terminal, straight to the store
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    with qtbot.assertNotEmitted(screen.settled):
        screen.finish_button.click()
    assert screen.error_text() == "另一台终端刚刚修改了这张账单，请重新打开。"
    new_due = total(ctx, bill_id)
    assert new_due == due + 8800
    assert screen.bill_panel.total_amount.text() == money(ui_session, new_due)
    assert screen.change_label.text() == money(ui_session, 50000 - new_due)
    with qtbot.waitSignal(screen.settled, timeout=2000):
        screen.finish_button.click()
    assert queries.bill_view(ctx, bill_id).change_fen == 50000 - new_due


def test_english_labels_and_amounts_after_switching_while_the_tenders_stay(
    qtbot, ctx, demo, ui_session
):
    bill_id = sent_bill(ctx, demo)
    due = total(ctx, bill_id)
    screen = make_screen(qtbot, ui_session, bill_id)
    add(screen, TenderMethod.WECHAT, "50")
    ui_session.set_language(Language("en"))
    assert screen.tender_pad.methods[TenderMethod.WECHAT].plain_text() == "WeChat\nPay"
    assert screen.tender_pad.methods[TenderMethod.ACCOUNT].plain_text() == "Charge to\naccount"
    assert screen.finish_button.plain_text() == "Finish payment"
    assert screen.still_to_pay_label.text() == money(ui_session, due - 5000)
    assert screen.still_to_pay_label.text().startswith("CN¥")
    assert screen.bill_panel.total_amount.text() == Language("en").money(due)
    assert screen.bill_panel.rows["items"][0].text() == "Subtotal"
    row = screen.bill_panel.tender_rows[0].plain_text()
    assert "WeChat Pay" in row and "CN¥50.00" in row
    assert [(t.method, t.amount) for t in screen.tenders] == [(TenderMethod.WECHAT, 5000)]
    assert queries.bill_view(ctx, bill_id).tenders == ()  # nothing paid by switching


def test_a_paid_bill_is_shown_read_only_with_its_receipt_and_change(qtbot, ctx, demo, ui_session):
    from app.domain.billing import Tender

    bill_id = sent_bill(ctx, demo)
    due = total(ctx, bill_id)
    payment.settle_bill(ctx, bill_id=bill_id, tenders=[Tender(TenderMethod.CASH, due + 1350)])
    screen = make_screen(qtbot, ui_session, bill_id)
    assert not screen.is_open
    assert not screen.finish_button.isVisible()
    assert not screen.rounding_button.isVisible()
    assert screen.change_label.text() == money(ui_session, 1350)
    assert "20261120-0001" in screen.paid_facts.text()
    assert [row.isEnabled() for row in screen.bill_panel.tender_rows] == [False]
    screen.bill_panel.tender_rows[0].click()  # disabled: nothing happens
    screen.remove_tender(0)
    assert queries.bill_view(ctx, bill_id).tenders == (("cash", due + 1350, ""),)
    assert screen.open_rounding() is None and screen.open_discount() is None


def test_back_goes_to_the_order_of_the_same_bill(qtbot, ctx, demo, ui_session):
    bill_id = sent_bill(ctx, demo)
    screen = make_screen(qtbot, ui_session, bill_id)
    with qtbot.waitSignal(screen.back_to_order, timeout=1000) as back:
        screen.back_button.click()
    assert back.args == [bill_id]


def test_another_bill_starts_with_no_payments(qtbot, ctx, demo, ui_session):
    first = sent_bill(ctx, demo, "A1")
    second = sent_bill(ctx, demo, "A3")
    screen = make_screen(qtbot, ui_session, first)
    add(screen, TenderMethod.WECHAT, "10")
    screen.show_bill(first)
    assert len(screen.tenders) == 1  # back to the same bill: still there
    screen.show_bill(second)
    assert screen.tenders == []
    assert screen.bill_panel.tender_rows == []
