"""Service-step coaching on screen, tapped as staff would through the main window on a real
store: the line to say after serving 宫保鸡丁 (in Chinese, then in English), the amount
received and the change after a cash settle, a tea refill that comes due after 12 minutes
and goes when done, later and skip with a reason, the briefing at the first log-in of the
day, and the managers' step editor with its checks, its files and its effect."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.domain.billing import TenderMethod
from app.domain.coaching import fill
from app.i18n import Language
from app.services import coaching, ordering, queries, reservations, seating
from app.services.staff import Role, StaffMember
from db.models import ServicePrompt, StepOverride
from ui.coaching import BriefingScreen, StepEditor
from ui.coaching.later import SKIP, LaterDialog
from ui.coaching.step_editor import ROOMS
from ui.floor_view import DUE
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

VENUE = ("店小二茶楼酒家", "Xiaoer Tea House & Restaurant")
ZH = Language("zh_CN")


# ---------------------------------------------------------------- fingers


def make_window(qtbot, ctx, demo, *, role: Role = Role.WAITER, size=(1024, 768)) -> MainWindow:
    """The counter screen with 王芳 (or the manager) logged in; the day's briefing, which
    opens by itself at the first log-in, is closed."""
    member = (
        StaffMember(demo.manager, "张经理", Role.MANAGER)
        if role == Role.MANAGER
        else StaffMember(demo.waiter, "王芳", Role.WAITER)
    )
    window = MainWindow(ctx, Language("zh_CN"), VENUE, staff=member)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    if isinstance(window.dialog, BriefingScreen) and window.dialog.isVisible():
        window.dialog.close_button.click()
    return window


def seat_and_send(ctx, demo, table: str, *dishes: tuple[str, tuple]) -> tuple[int, list[int]]:
    bill = seating.seat_party(ctx, table_id=demo.table(table), guests=2, waiter_id=demo.waiter)
    lines = []
    for name, options in dishes:
        option_ids = [demo.option(group, choice) for group, choice in options]
        changes = ordering.add_to_cart(
            ctx, bill_id=bill.bill_id, item_id=demo.item(name), option_ids=option_ids
        )
        lines.append(changes.lines[0])
    ordering.send_to_kitchen(ctx, bill_id=bill.bill_id)
    return bill.bill_id, lines


def prompt_row(ctx, prompt_id: int) -> ServicePrompt:
    with ctx.reading() as session:
        return session.get(ServicePrompt, prompt_id)


def overrides(ctx) -> int:
    with ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(StepOverride))


# ---------------------------------------------------------------- the line to say


def test_serving_kung_pao_chicken_shows_its_line_then_in_english(qtbot, ctx, clock, demo):
    bill, [chicken] = seat_and_send(ctx, demo, "A2", ("宫保鸡丁", (("spice", "微辣"),)))
    clock.advance(minutes=8)
    window = make_window(qtbot, ctx, demo)
    window.open_bill(bill)
    screen = window.order_screen
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    focused = QApplication.focusWidget()

    screen.bill_lines.tap(chicken)
    screen.serve_button.click()

    # within a second, without taking the focus: a toast with the dish's own line
    qtbot.waitUntil(lambda: "这是宫保鸡丁，请慢用" in window.toasts.texts(), timeout=1000)
    [toast] = [t for t in window.toasts.toasts if t.view.step.id == "a2.serve_hot"]
    assert toast.isVisible() and toast.title_label.text().startswith("A2 · 上热菜")
    assert QApplication.focusWidget() is focused
    assert toast.geometry().bottom() < screen.mapTo(window, screen.coach_strip.pos()).y()
    # the strip shows the most overdue step of the table; Done takes them one by one
    strip = screen.coach_strip
    assert strip.current is not None and strip.current.bill_id == bill
    assert strip.script_label.fontInfo().pixelSize() >= 22  # large, to read at arm's length
    seen = []
    while strip.current is not None and strip.current.step.id != "a2.serve_hot":
        seen.append(strip.current.prompt_id)
        strip.done_button.click()
        qtbot.waitUntil(lambda d=seen[-1]: strip.current is None or strip.current.prompt_id != d)
        assert len(seen) < 10
    assert strip.script_text() == "这是宫保鸡丁，请慢用"
    assert strip.title_label.text() == "上热菜"
    assert all(prompt_row(ctx, prompt_id).done_by == demo.waiter for prompt_id in seen)

    window.language_button.click()

    assert strip.script_text() == "Here is Kung Pao chicken. Please enjoy."
    assert strip.stage_label.text() == "During the meal"
    assert "Here is Kung Pao chicken. Please enjoy." in window.toasts.texts()
    window.language_button.click()  # back to Chinese
    # one tap on the toast: done, and it goes
    toast = next(t for t in window.toasts.toasts if t.view.step.id == "a2.serve_hot")
    prompt_id = toast.view.prompt_id
    toast.done_button.click()
    assert prompt_row(ctx, prompt_id).done_at == clock.now
    assert all(t.view.prompt_id != prompt_id for t in window.toasts.toasts)
    qtbot.waitUntil(lambda: strip.current is None or strip.current.prompt_id != prompt_id)


def test_a_cash_settle_shows_the_amount_received_and_the_change(qtbot, ctx, clock, demo):
    bill, [chicken] = seat_and_send(ctx, demo, "A4", ("宫保鸡丁", (("spice", "不辣"),)))
    ordering.serve_line(ctx, line_id=chicken)
    clock.advance(minutes=30)
    window = make_window(qtbot, ctx, demo)
    window.open_bill(bill)
    window.order_screen.pay_button.click()
    pay = window.payment_screen
    total = queries.bill_view(ctx, bill).breakdown.total
    pay.tender_pad.methods[TenderMethod.CASH].click()
    for digit in "200":
        pay.tender_pad.numpad.keys[digit].click()
    pay.tender_pad.add_button.click()
    with qtbot.waitSignal(pay.settled, timeout=3000):
        pay.finish_button.click()

    said = f"收您{ZH.money(20000)}，找您{ZH.money(20000 - total)}"
    assert said == f"收您¥200.00，找您¥{(20000 - total) / 100:.2f}"
    qtbot.waitUntil(lambda: said in window.toasts.texts(), timeout=1000)
    # on the floor's due list too, with its table
    rows = window.floor_screen.due_list.rows.values()
    [row] = [r for r in rows if r.view.step.id == "a2.pay_cash"]
    assert row.table_label.text() == "A4" and row.line_label.text() == said


def test_a_tea_refill_comes_due_after_12_minutes_and_goes_when_done(qtbot, ctx, clock, demo):
    bill, [tea] = seat_and_send(ctx, demo, "听雨", ("铁观音", ()))
    ordering.serve_line(ctx, line_id=tea)
    window = make_window(qtbot, ctx, demo, size=(1920, 1080))
    floor = window.floor_screen
    assert floor.due_list.isVisible()  # a wide screen has room for the list
    plan = next(p for p in floor.floor.plans.values() if any(t.name == "听雨" for t in p.tiles()))
    tile = next(t for t in plan.tiles() if t.name == "听雨")

    def refills():
        return [r for r in floor.due_list.rows.values() if r.view.step.id == "b8.refill"]

    clock.advance(minutes=11)
    window.poller.poll()
    assert refills() == []
    clock.advance(minutes=1)
    window.poller.poll()
    [row] = refills()
    assert row.table_label.text() == "听雨" and row.when_label.text() != ""
    assert row.line_label.text() == "先生/女士，打扰一下"
    due_here = len([v for v in window.poller.latest if v.table_id == tile.table_id])
    [badge] = [b for b in plan.badges(tile) if b.kind == DUE]
    assert badge.short == str(due_here)
    # the list goes by urgency: the most overdue first
    late = [r.view.overdue_minutes for r in floor.due_list.rows.values()]
    assert late == sorted(late, reverse=True)

    row.done_button.click()

    qtbot.waitUntil(lambda: refills() == [], timeout=1000)
    assert prompt_row(ctx, row.view.prompt_id).done_by == demo.waiter
    badges = [b for b in plan.badges(tile) if b.kind == DUE]
    assert not badges or badges[0].short == str(due_here - 1)
    # a tap on a row opens the table's bill
    other = next(iter(floor.due_list.rows.values()))
    other.tap()
    assert window.stack.currentWidget() is window.order_screen
    assert window.order_screen.bill_id == bill


def test_later_or_skip_asks_a_reason_and_keeps_it(qtbot, ctx, clock, demo):
    bill = seating.seat_party(ctx, table_id=demo.table("A1"), guests=3, waiter_id=demo.waiter)
    clock.advance(minutes=2)
    window = make_window(qtbot, ctx, demo)
    window.open_bill(bill.bill_id)
    strip = window.order_screen.coach_strip
    first = strip.current
    assert first is not None and strip.more_button.isEnabled()

    dialog = strip.more()
    assert isinstance(dialog, LaterDialog) and dialog.isVisible()
    dialog.choose(SKIP)
    dialog.ok_button.click()
    assert dialog.error_text() == "请输入原因。"
    assert dialog.isVisible() and prompt_row(ctx, first.prompt_id).skipped_at is None
    dialog.choose_reason("The guest declined")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    row = prompt_row(ctx, first.prompt_id)
    assert row.skipped_by == demo.waiter and row.skip_reason == dialog.reason != ""
    qtbot.waitUntil(lambda: strip.current is not None and strip.current != first)

    second = strip.current
    dialog = strip.more()
    dialog.choose(10)
    dialog.reason_edit.setText("客人在打电话")
    dialog.reason_edit.textEdited.emit("客人在打电话")
    dialog.ok_button.click()
    row = prompt_row(ctx, second.prompt_id)
    assert row.snoozed_until == clock.now + timedelta(minutes=10)
    assert row.snooze_reason == "客人在打电话"


def test_with_nothing_due_the_strip_shows_the_next_step_in_grey(qtbot, ctx, clock, demo):
    bill = seating.seat_party(ctx, table_id=demo.table("A1"), guests=3, waiter_id=demo.waiter)
    window = make_window(qtbot, ctx, demo)
    window.open_bill(bill.bill_id)
    strip = window.order_screen.coach_strip
    for _ in range(5):
        if strip.current is None:
            break
        done = strip.current.prompt_id
        strip.done_button.click()
        qtbot.waitUntil(lambda d=done: strip.current is None or strip.current.prompt_id != d)
    qtbot.waitUntil(lambda: strip.upcoming is not None, timeout=1000)
    assert strip.current is None
    assert strip.upcoming.step.id in ("a1.chili_rings", "a2.drinks")
    assert strip.upcoming.step.title_zh in strip.title_label.text()
    assert strip.property("idle") == "true"
    assert not strip.done_button.isEnabled() and not strip.more_button.isEnabled()
    coming = strip.upcoming.step.id
    clock.advance(minutes=1)
    window.poller.poll()
    assert strip.current is not None and strip.current.step.id == coming
    assert strip.done_button.isEnabled() and strip.property("idle") == "false"


# ---------------------------------------------------------------- briefing


def test_the_briefing_opens_at_the_first_log_in_and_keeps_its_ticks(qtbot, ctx, clock, demo):
    reservations.reserve_table(
        ctx,
        table_id=demo.table("牡丹厅"),
        guest_name="赵",
        guest_title="先生",
        party_size=12,
        arrive_at=clock.now.replace(hour=18, minute=0),
    )
    window = MainWindow(ctx, Language("zh_CN"), VENUE)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    window.login.tiles[demo.waiter].click()
    for digit in "1111":
        window.login.pin_pad.keys[digit].click()
    window.login.login_button.click()

    briefing = window.dialog
    assert isinstance(briefing, BriefingScreen) and briefing.isVisible()
    assert window.stack.currentWidget() is window.floor_screen
    texts = [w.text() for w in briefing.findChildren(type(briefing.title)) if w.isVisible()]
    assert {"18:00", "赵先生", "12位", "牡丹厅"} <= set(texts)
    assert {"糯米鸡", "东坡肘子"} <= set(texts)
    assert any("王芳" in text for text in texts)  # the zones
    row = briefing.tick_rows["f.appearance"]
    assert row.title_label.text() == "仪容仪表"
    row.tap()
    assert row.ticked and row.mark.text() == "✓"
    assert coaching.briefing_for(ctx, staff_id=demo.waiter).ticked == {"f.appearance"}
    row.tap()
    assert coaching.briefing_for(ctx, staff_id=demo.waiter).ticked == frozenset()
    briefing.close_button.click()
    assert not briefing.isVisible()

    # locked and back: it does not open again the same day; the header button opens it
    window.lock_button.click()
    window.login.tiles[demo.waiter].click()
    for digit in "1111":
        window.login.pin_pad.keys[digit].click()
    window.login.login_button.click()
    assert window.dialog is None or not window.dialog.isVisible()
    window.briefing_button.click()
    assert isinstance(window.dialog, BriefingScreen) and window.dialog.isVisible()


# ---------------------------------------------------------------- the managers' editor


def open_editor(qtbot, ctx, demo) -> tuple[MainWindow, StepEditor]:
    window = make_window(qtbot, ctx, demo, role=Role.MANAGER)
    window.more_button.click()
    assert window.steps_button.isVisible()
    window.steps_button.click()
    editor = window.dialog
    assert isinstance(editor, StepEditor) and editor.isVisible()
    return window, editor


def test_only_managers_see_the_service_steps_and_the_header_fits_in_english(qtbot, ctx, demo):
    window = make_window(qtbot, ctx, demo)
    window.more_button.click()
    assert window.more_sheet.isVisible() and window.font_button.isVisible()
    assert not window.steps_button.isVisible()
    assert window.show_step_editor() is None
    window.more_sheet.hide()
    window, _editor = open_editor(qtbot, ctx, demo)
    window.dialog.close()
    window.language_button.click()
    buttons = (
        window.lock_button,
        window.briefing_button,
        window.bills_button,
        window.more_button,
        window.language_button,
    )
    # every button keeps its words; the venue's name gives way
    qtbot.waitUntil(lambda: all(b.width() >= b.sizeHint().width() for b in buttons))
    assert [b.text() for b in buttons] == ["Lock", "Briefing", "Bills && printing", "More", "中文"]
    assert all(b.isVisible() for b in buttons)
    assert window.header.width() <= 1024
    window.language_button.click()


def test_the_editor_refuses_bad_edits_inline_and_a_good_one_changes_the_next_prompt(
    qtbot, ctx, clock, demo
):
    _window, editor = open_editor(qtbot, ctx, demo)
    editor.profile_buttons["restaurant"].click()
    editor.step_rows["a2.serve_hot"].tap()
    assert editor.script_zh_edit.text() == "这是{dish}，请慢用"
    editor.script_zh_edit.setText("这是{菜名}，请慢用")
    editor.save_button.click()
    assert "{菜名}" in editor.error_text() and "中文话术" in editor.error_text()
    assert overrides(ctx) == 0

    editor.profile_buttons["tea_house"].click()
    editor.step_rows["b8.refill"].tap()
    assert editor.timer_field.isVisible() and editor.timer_field.value() == 12
    editor.timer_field.set_value(0)
    editor.save_button.click()
    assert editor.error_text() == "计时至少为1分钟。"
    assert overrides(ctx) == 0
    assert coaching.load_profiles(ctx)["tea_house"].step("b8.refill").trigger.every_minutes == 12

    editor.profile_buttons["restaurant"].click()
    editor.step_rows["a2.serve_hot"].tap()
    editor.script_zh_edit.setText("这是{dish}，请趁热吃")
    editor.save_button.click()
    assert editor.error_text() == ""
    assert overrides(ctx) == 1

    _bill, [chicken] = seat_and_send(ctx, demo, "A3", ("宫保鸡丁", (("spice", "微辣"),)))
    ordering.serve_line(ctx, line_id=chicken)
    [view] = [v for v in coaching.due_now(ctx) if v.step.id == "a2.serve_hot"]
    assert fill(view.step.script_zh, view.values, ZH, chinese=True) == "这是宫保鸡丁，请趁热吃"

    editor.reset_button.click()
    assert editor.script_zh_edit.text() == "这是{dish}，请慢用" and overrides(ctx) == 0


def test_export_and_import_through_the_editor(qtbot, ctx, tmp_path, demo):
    _window, editor = open_editor(qtbot, ctx, demo)
    editor.profile_buttons["restaurant"].click()
    napkin = editor.step_rows["a1.napkin"]
    assert napkin.switch.isChecked()
    napkin.switch.click()
    assert not coaching.load_profiles(ctx)["restaurant"].step("a1.napkin").enabled
    assert not editor.step_rows["a1.napkin"].switch.isChecked()
    editor.profile_buttons["tea_house"].click()
    editor.step_rows["b8.refill"].tap()
    editor.timer_field.set_value(15)
    editor.save_button.click()
    before = coaching.load_profiles(ctx)

    path = tmp_path / "steps.json"
    assert editor.export_to(path)
    assert {p["profile"] for p in json.loads(path.read_text("utf-8"))["profiles"]} == set(before)
    editor.reset_button.click()  # the refill back to 12 minutes
    editor.profile_buttons["restaurant"].click()
    editor.step_rows["a1.napkin"].switch.click()
    assert overrides(ctx) == 0

    assert editor.import_from(path)
    assert coaching.load_profiles(ctx) == before
    assert not editor.step_rows["a1.napkin"].switch.isChecked()

    bad = tmp_path / "bad.json"
    document = json.loads(path.read_text("utf-8"))
    tea = next(p for p in document["profiles"] if p["profile"] == "tea_house")
    next(s for s in tea["steps"] if s["id"] == "b9.cash")["script_zh"] = "收您{money}"
    bad.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    assert not editor.import_from(bad)
    assert "b9.cash" in editor.error_text()
    assert not editor.import_from(tmp_path / "missing.json")
    assert editor.error_text() != ""
    assert coaching.load_profiles(ctx) == before


def test_a_room_can_follow_another_profile(qtbot, ctx, demo):
    _window, editor = open_editor(qtbot, ctx, demo)
    editor.profile_buttons[ROOMS].click()
    hall = next(room for room in editor.rooms if room.code == "hall")
    assert editor.room_buttons[hall.room_id]["restaurant"].isChecked()
    editor.room_buttons[hall.room_id]["hot_pot"].click()
    assert coaching.room_profiles(ctx)[hall.room_id] == "hot_pot"
    assert editor.room_buttons[hall.room_id]["hot_pot"].isChecked()
    assert not editor.room_buttons[hall.room_id]["restaurant"].isChecked()


def test_a_waiter_sees_the_steps_of_their_own_tables_and_everyone_on_request(
    qtbot, ctx, clock, demo
):
    mine, [tea] = seat_and_send(ctx, demo, "听雨", ("铁观音", ()))
    theirs = seating.seat_party(
        ctx, table_id=demo.table("A4"), guests=3, waiter_id=demo.staff("李强")
    ).bill_id
    other_line = ordering.add_to_cart(ctx, bill_id=theirs, item_id=demo.item("夫妻肺片")).lines[0]
    ordering.send_to_kitchen(ctx, bill_id=theirs)
    window = make_window(qtbot, ctx, demo, size=(1920, 1080))
    ordering.serve_line(ctx, line_id=tea)
    ordering.serve_line(ctx, line_id=other_line)
    clock.advance(minutes=1)
    window.poller.poll()
    due = window.floor_screen.due_list
    tables = {row.view.table_name for row in due.rows.values()}
    assert "听雨" in tables and "A4" not in tables  # 李强's table is his to look after
    assert not any(toast.view.bill_id == theirs for toast in window.toasts.toasts)
    assert any(toast.view.bill_id == mine for toast in window.toasts.toasts)
    assert due.everyone_button.isVisible() and due.everyone_button.text() == "全部"
    due.everyone_button.click()
    assert "A4" in {row.view.table_name for row in due.rows.values()}
    assert coaching.is_for(due.views[0], staff_id=demo.manager, role=Role.MANAGER)
