"""Service coaching in the store: prompts come due for real tables as the meal goes on,
are recorded once with who did them and how late, and managers' step edits are checked,
kept over the shipped steps, exported and imported."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.domain.billing import Tender, TenderMethod
from app.domain.coaching import fill
from app.domain.errors import InvalidInput, NotAllowed, NotFound
from app.i18n import Language
from app.services import coaching, ordering, payment, reservations, seating
from app.services.context import Context
from app.services.queries import bill_view
from app.services.service_figures import service_figures
from app.services.setup import create_new_venue
from app.services.staff import approve_as_manager
from db.engine import Store, sqlite_url
from db.models import Room, ServicePrompt, StepOverride, TableVisit
from tests.support import MANAGER_PIN

ZH = Language("zh_CN")
EN = Language("en")


def seat(ctx, demo, table: str = "A1", guests: int = 3) -> int:
    changes = seating.seat_party(
        ctx, table_id=demo.table(table), guests=guests, waiter_id=demo.waiter
    )
    return changes.bill_id


def order(ctx, demo, bill_id: int, dish: str, *options: tuple[str, str]) -> int:
    option_ids = [demo.option(group, name) for group, name in options]
    return ordering.add_to_cart(
        ctx, bill_id=bill_id, item_id=demo.item(dish), option_ids=option_ids
    ).lines[0]


def due(ctx, step_id: str | None = None, table_id: int | None = None):
    return [
        view
        for view in coaching.due_now(ctx)
        if (step_id is None or view.step.id == step_id)
        and (table_id is None or view.table_id == table_id)
    ]


def said(view, language: Language) -> str:
    """The script line as the waiter sees it in ``language``."""
    return fill(
        view.step.script(language.is_chinese),
        view.values,
        language,
        chinese=language.is_chinese,
    )


def prompt_row(ctx, prompt_id: int) -> ServicePrompt:
    with ctx.reading() as session:
        return session.get(ServicePrompt, prompt_id)


def prompt_count(ctx) -> int:
    with ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(ServicePrompt))


# ---------------------------------------------------------------- prompts coming due


def test_a_seated_table_is_asked_for_drinks_after_its_due_minutes(ctx, clock, demo):
    seat(ctx, demo, "A1")
    drinks = coaching.load_profiles(ctx)["restaurant"].step("a2.drinks")
    assert drinks.trigger.state == "seated" and drinks.due_minutes >= 1
    clock.advance(minutes=drinks.due_minutes - 1, seconds=59)
    assert due(ctx, "a2.drinks") == []
    clock.advance(seconds=1)
    [view] = due(ctx, "a2.drinks")
    assert view.table_name == "A1" and view.waiter_id == demo.waiter
    assert view.step.title_zh == "点酒水"
    assert said(view, ZH).startswith("先生/女士，请问你们喝些什么酒水？")
    assert view.overdue_minutes == 0
    clock.advance(minutes=4)
    [view] = due(ctx, "a2.drinks")
    assert view.overdue_minutes == 4


def test_serving_kung_pao_chicken_prompts_its_own_line_in_chinese_and_english(ctx, clock, demo):
    bill = seat(ctx, demo, "A2")
    line = order(ctx, demo, bill, "宫保鸡丁", ("spice", "微辣"))
    ordering.send_to_kitchen(ctx, bill_id=bill)
    clock.advance(minutes=8)
    assert due(ctx, "a2.serve_hot") == []
    ordering.serve_line(ctx, line_id=line)
    [view] = due(ctx, "a2.serve_hot")
    assert said(view, ZH) == "这是宫保鸡丁，请慢用"
    english = said(view, EN)
    assert "Kung Pao chicken" in english and "宫保鸡丁" not in english
    assert view.bill_id == bill and view.step.title_zh == "上热菜"


def test_a_guest_booked_by_name_is_addressed_by_surname(ctx, clock, demo):
    reservations.reserve_table(
        ctx,
        table_id=demo.table("A3"),
        guest_name="王建国",
        guest_title="先生",
        party_size=2,
        arrive_at=clock.now + timedelta(minutes=30),
    )
    clock.advance(minutes=30)
    seat(ctx, demo, "A3", guests=2)
    clock.advance(minutes=2)
    [view] = due(ctx, "a2.drinks")
    assert said(view, ZH).startswith("王先生，")
    assert said(view, EN).startswith("Mr Wang")


def test_a_cash_settlement_prompts_the_amount_received_and_the_change(ctx, clock, demo):
    bill = seat(ctx, demo, "A4", guests=2)
    line = order(ctx, demo, bill, "宫保鸡丁", ("spice", "不辣"))
    ordering.send_to_kitchen(ctx, bill_id=bill)
    ordering.serve_line(ctx, line_id=line)
    clock.advance(minutes=40)
    payment.request_bill(ctx, bill_id=bill)
    [check] = due(ctx, "a2.bill_present")
    total = bill_view(ctx, bill).breakdown.total
    assert check.values["amount"] == total
    payment.settle_bill(
        ctx, bill_id=bill, tenders=[Tender(TenderMethod.CASH, 10000)], cashier_id=demo.cashier
    )
    [view] = due(ctx, "a2.pay_cash")
    assert view.values["amount"] == 10000 and view.values["change"] == 10000 - total
    assert said(view, ZH) == f"收您{ZH.money(10000)}，找您{ZH.money(10000 - total)}"
    assert ZH.money(10000) == "¥100.00"
    assert EN.money(10000 - total) in said(view, EN)
    # the party is leaving: the farewell is due, the check is no longer shown
    assert due(ctx, "a3.belongings") and not due(ctx, "a2.bill_present")
    seating.clear_table(ctx, table_id=demo.table("A4"))
    assert due(ctx, table_id=demo.table("A4")) == []


def test_a_card_payment_asks_for_the_signature(ctx, clock, demo):
    bill = seat(ctx, demo, "A5", guests=1)
    line = order(ctx, demo, bill, "宫保鸡丁", ("spice", "不辣"))
    ordering.send_to_kitchen(ctx, bill_id=bill)
    ordering.serve_line(ctx, line_id=line)
    payment.request_bill(ctx, bill_id=bill)
    total = bill_view(ctx, bill).breakdown.total
    payment.settle_bill(ctx, bill_id=bill, tenders=[Tender(TenderMethod.CARD, total)])
    [view] = due(ctx, "a2.pay_card")
    assert view.values["amount"] == total
    assert due(ctx, "a2.pay_cash") == []


def test_tea_refill_comes_every_twelve_minutes_in_a_tea_room(ctx, clock, demo):
    bill = seat(ctx, demo, "听雨", guests=2)
    tea = order(ctx, demo, bill, "铁观音")
    ordering.send_to_kitchen(ctx, bill_id=bill)
    clock.advance(minutes=3)
    ordering.serve_line(ctx, line_id=tea)
    clock.advance(minutes=11)
    assert due(ctx, "b8.refill") == []
    clock.advance(minutes=1)
    [refill] = due(ctx, "b8.refill")
    assert refill.table_name == "听雨" and refill.values["minutes"] == 12
    coaching.done_prompt(ctx, prompt_id=refill.prompt_id, staff_id=demo.waiter)
    assert due(ctx, "b8.refill") == []
    clock.advance(minutes=11)
    assert due(ctx, "b8.refill") == []
    clock.advance(minutes=1)
    [again] = due(ctx, "b8.refill")
    assert again.prompt_id != refill.prompt_id and again.values["minutes"] == 24
    # the hall follows the restaurant: no refill rhythm there
    hall_bill = seat(ctx, demo, "A6")
    drink = order(ctx, demo, hall_bill, "铁观音")
    ordering.send_to_kitchen(ctx, bill_id=hall_bill)
    ordering.serve_line(ctx, line_id=drink)
    clock.advance(minutes=13)
    assert due(ctx, "b8.refill", table_id=demo.table("A6")) == []


def test_due_now_twice_records_each_prompt_once(ctx, clock, demo):
    seat(ctx, demo, "A1")
    seat(ctx, demo, "听雨")
    clock.advance(minutes=5)
    first = coaching.due_now(ctx)
    count = prompt_count(ctx)
    assert first and count >= len(first)
    second = coaching.due_now(ctx)
    assert [v.prompt_id for v in second] == [v.prompt_id for v in first]
    assert prompt_count(ctx) == count
    with ctx.reading() as session:
        keys = session.scalars(select(ServicePrompt.key)).all()
    assert len(keys) == len(set(keys))
    # most overdue first
    overdue = [view.overdue_minutes for view in second]
    assert overdue == sorted(overdue, reverse=True)


def test_done_late_snooze_and_skip_are_recorded_with_who_and_when(ctx, clock, demo):
    seat(ctx, demo, "A1")
    clock.advance(minutes=1)
    drinks = due(ctx, "a2.drinks")[0]
    napkin = due(ctx, "a1.napkin")[0]
    sleeves = due(ctx, "a1.sleeves")[0]
    clock.advance(minutes=3)
    coaching.done_prompt(ctx, prompt_id=drinks.prompt_id, staff_id=demo.waiter)
    row = prompt_row(ctx, drinks.prompt_id)
    assert row.done_at == clock.now and row.done_by == demo.waiter
    assert row.late_seconds == int((clock.now - drinks.due_at).total_seconds()) == 180
    # a second tap changes nothing
    clock.advance(minutes=1)
    coaching.done_prompt(ctx, prompt_id=drinks.prompt_id, staff_id=demo.manager)
    assert prompt_row(ctx, drinks.prompt_id).done_by == demo.waiter

    with pytest.raises(InvalidInput) as refused:
        coaching.skip_prompt(ctx, prompt_id=napkin.prompt_id, reason="  ", staff_id=demo.waiter)
    assert refused.value.message_id == "Please enter {what}."
    assert ZH.error_text(refused.value) == "请输入原因。"
    with pytest.raises(InvalidInput):
        coaching.snooze_prompt(
            ctx, prompt_id=napkin.prompt_id, minutes=5, reason="", staff_id=demo.waiter
        )
    assert prompt_row(ctx, napkin.prompt_id).skipped_at is None

    coaching.skip_prompt(ctx, prompt_id=napkin.prompt_id, reason="客人不需要", staff_id=demo.waiter)
    row = prompt_row(ctx, napkin.prompt_id)
    assert (row.skipped_at, row.skip_reason, row.skipped_by) == (
        clock.now,
        "客人不需要",
        demo.waiter,
    )
    assert due(ctx, "a1.napkin") == []

    coaching.snooze_prompt(
        ctx, prompt_id=sleeves.prompt_id, minutes=5, reason="客人在打电话", staff_id=demo.waiter
    )
    row = prompt_row(ctx, sleeves.prompt_id)
    assert row.snoozed_by == demo.waiter and row.snooze_reason == "客人在打电话"
    assert row.snoozed_until == clock.now + timedelta(minutes=5)
    clock.advance(minutes=4)
    assert due(ctx, "a1.sleeves") == []
    clock.advance(minutes=1)
    [back] = due(ctx, "a1.sleeves")
    assert back.prompt_id == sleeves.prompt_id and back.overdue_minutes == 0
    assert back.due_at == sleeves.due_at


def test_done_prompt_counts_as_a_visit_and_puts_off_the_round(ctx, clock, demo):
    bill = seat(ctx, demo, "B3")
    clock.advance(minutes=14)
    assert due(ctx, "a2.round") == []
    drinks = due(ctx, "a2.drinks")[0]
    coaching.done_prompt(ctx, prompt_id=drinks.prompt_id, staff_id=demo.waiter)
    with ctx.reading() as session:
        visits = session.execute(
            select(TableVisit.staff_id, TableVisit.at).where(TableVisit.bill_id == bill)
        ).all()
    assert (demo.waiter, clock.now) in visits
    clock.advance(minutes=14)
    assert due(ctx, "a2.round") == []
    clock.advance(minutes=1)
    [round_] = due(ctx, "a2.round")
    # staff acting on the bill were at the table: the round counts as made then
    clock.advance(minutes=2)
    order(ctx, demo, bill, "米饭")
    assert due(ctx, "a2.round") == []
    row = prompt_row(ctx, round_.prompt_id)
    assert row.done_at == clock.now and row.late_seconds == 120


def test_staff_acting_on_a_bill_leave_at_most_one_visit_a_minute(ctx, clock, demo):
    bill = seat(ctx, demo, "B1")
    order(ctx, demo, bill, "宫保鸡丁", ("spice", "微辣"))
    clock.advance(seconds=20)
    order(ctx, demo, bill, "米饭")
    clock.advance(seconds=50)
    ordering.send_to_kitchen(ctx, bill_id=bill)
    with ctx.reading() as session:
        visits = session.scalars(
            select(TableVisit.at).where(TableVisit.bill_id == bill).order_by(TableVisit.id)
        ).all()
    assert visits == [clock.now - timedelta(seconds=70), clock.now]


def test_a_transfer_and_a_new_party_size_prompt_at_the_new_table(ctx, clock, demo):
    bill = seat(ctx, demo, "A1", guests=2)
    seating.transfer_bill(ctx, bill_id=bill, to_table_id=demo.table("B4"))
    [moved] = due(ctx, "a2.transfer")
    assert moved.table_name == "B4" and moved.values["table"] == "B4"
    assert moved.values["from_table"] == "A1"
    clock.advance(seconds=10)
    seating.change_guests(ctx, bill_id=bill, guests=4)
    [places] = due(ctx, "a1.add_place")
    assert places.values["n"] == 4
    assert said(places, ZH) == "先生/女士，帮你们加/减个位"


def test_a_void_prompts_with_the_dish(ctx, clock, demo):
    bill = seat(ctx, demo, "A2")
    line = order(ctx, demo, bill, "宫保鸡丁", ("spice", "微辣"))
    ordering.send_to_kitchen(ctx, bill_id=bill)
    approval = approve_as_manager(ctx, pin=MANAGER_PIN)
    ordering.void_line(ctx, line_id=line, reason="客人退菜", approval=approval)
    [void] = due(ctx, "a2.void")
    assert void.values["dish_zh"] == "宫保鸡丁"


def test_a_hot_dish_waiting_twenty_minutes_suggests_hurrying_it(ctx, clock, demo):
    bill = seat(ctx, demo, "A3")
    order(ctx, demo, bill, "宫保鸡丁", ("spice", "微辣"))
    order(ctx, demo, bill, "拍黄瓜", ("spice", "不辣"))
    ordering.send_to_kitchen(ctx, bill_id=bill)
    clock.advance(minutes=19)
    assert due(ctx, "a2.rush_hot") == []
    clock.advance(minutes=1)
    [rush] = due(ctx, "a2.rush_hot")
    assert rush.values["dish_zh"] == "宫保鸡丁"  # the cold dish is not a hot one


def test_cold_dishes_ordered_with_hot_ones_ask_to_serve_the_cold_first(ctx, clock, demo):
    bill = seat(ctx, demo, "B2")
    order(ctx, demo, bill, "拍黄瓜", ("spice", "不辣"))
    assert due(ctx, "a2.cold_first") == []
    order(ctx, demo, bill, "宫保鸡丁", ("spice", "微辣"))
    [ask] = due(ctx, "a2.cold_first")
    assert said(ask, ZH) == "先生/女士，冷菜先帮你上来好吗？"
    ordering.send_to_kitchen(ctx, bill_id=bill)
    assert due(ctx, "a2.cold_first") == []


def test_a_booked_party_has_its_table_set_ten_minutes_before_in_a_hot_pot_room(ctx, clock, demo):
    hall = _room_id(ctx, "hall")
    coaching.set_room_profile(ctx, room_id=hall, profile="hot_pot")
    reservations.reserve_table(
        ctx,
        table_id=demo.table("A5"),
        guest_name="李女士",
        party_size=6,
        arrive_at=clock.now + timedelta(minutes=25),
    )
    clock.advance(minutes=14)
    assert due(ctx, "e.reserved_setup") == []
    clock.advance(minutes=1)
    [setup] = due(ctx, "e.reserved_setup")
    assert setup.table_name == "A5" and setup.bill_id is None and setup.values["n"] == 6


# ---------------------------------------------------------------- rooms and edits


def _room_id(ctx, code: str) -> int:
    with ctx.reading() as session:
        return session.scalars(select(Room.id).where(Room.code == code)).one()


def test_tea_rooms_follow_the_tea_house_and_the_hall_the_restaurant(ctx, tmp_path):
    profiles = coaching.room_profiles(ctx)
    assert profiles[_room_id(ctx, "hall")] == "restaurant"
    assert profiles[_room_id(ctx, "private")] == "restaurant"
    assert profiles[_room_id(ctx, "tea")] == "tea_house"
    changes = coaching.set_room_profile(ctx, room_id=_room_id(ctx, "private"), profile="hot_pot")
    assert changes.tables
    assert coaching.room_profiles(ctx)[_room_id(ctx, "private")] == "hot_pot"
    with pytest.raises(NotFound):
        coaching.set_room_profile(ctx, room_id=_room_id(ctx, "hall"), profile="briefing")
    # a new venue's hall gets the restaurant's steps too
    store = Store.open(sqlite_url(tmp_path / "new.sqlite3"))
    try:
        fresh = Context(store)
        create_new_venue(
            fresh, name="小馆", locale="zh_CN", manager_name="老板", manager_pin="2468"
        )
        assert list(coaching.room_profiles(fresh).values()) == ["restaurant"]
    finally:
        store.close()


def test_an_edit_with_an_unknown_placeholder_or_a_short_timer_is_refused(ctx):
    with pytest.raises(InvalidInput) as unknown:
        coaching.update_step(
            ctx,
            profile="restaurant",
            step_id="a2.serve_hot",
            fields={"script_zh": "这是{菜名}，请慢用"},
        )
    assert unknown.value.message_id == "Unknown placeholder {name} in {field}."
    assert "{菜名}" in ZH.error_text(unknown.value)
    with pytest.raises(InvalidInput) as short:
        coaching.update_step(
            ctx, profile="tea_house", step_id="b8.refill", fields={"trigger": {"every_minutes": 0}}
        )
    assert short.value.message_id == "A timer must be at least 1 minute."
    with pytest.raises(InvalidInput):
        coaching.update_step(
            ctx, profile="tea_house", step_id="b8.refill", fields={"due_minutes": -1}
        )
    with pytest.raises(NotFound):
        coaching.update_step(
            ctx, profile="restaurant", step_id="a9.nothing", fields={"script_zh": "x"}
        )
    with ctx.reading() as session:
        assert session.scalar(select(func.count()).select_from(StepOverride)) == 0
    assert coaching.load_profiles(ctx)["tea_house"].step("b8.refill").trigger.every_minutes == 12


def test_an_edit_changes_the_next_prompt_and_a_reset_brings_the_default_back(ctx, clock, demo):
    coaching.update_step(
        ctx,
        profile="restaurant",
        step_id="a2.serve_hot",
        fields={"script_zh": "这是{dish}，请趁热吃", "due_minutes": 1},
        staff_id=demo.manager,
    )
    step = coaching.load_profiles(ctx)["restaurant"].step("a2.serve_hot")
    assert step.script_zh == "这是{dish}，请趁热吃" and step.due_minutes == 1
    assert step.script_en  # the other fields stay as shipped
    bill = seat(ctx, demo, "A1")
    first = order(ctx, demo, bill, "宫保鸡丁", ("spice", "微辣"))
    second = order(ctx, demo, bill, "糖醋里脊")
    ordering.send_to_kitchen(ctx, bill_id=bill)
    ordering.serve_line(ctx, line_id=first)
    assert due(ctx, "a2.serve_hot") == []  # due a minute after serving now
    clock.advance(minutes=1)
    [view] = due(ctx, "a2.serve_hot")
    assert said(view, ZH) == "这是宫保鸡丁，请趁热吃"
    coaching.update_step(
        ctx,
        profile="tea_house",
        step_id="b8.refill",
        fields={"trigger": {"every_minutes": 10}, "enabled": False},
    )
    refill = coaching.load_profiles(ctx)["tea_house"].step("b8.refill")
    assert refill.trigger.every_minutes == 10 and not refill.enabled

    coaching.reset_step(ctx, profile="restaurant", step_id="a2.serve_hot")
    ordering.serve_line(ctx, line_id=second)
    [view] = [v for v in due(ctx, "a2.serve_hot") if v.values["dish_zh"] == "糖醋里脊"]
    assert said(view, ZH) == "这是糖醋里脊，请慢用"


def test_switching_a_step_off_stops_its_prompts(ctx, clock, demo):
    coaching.update_step(ctx, profile="restaurant", step_id="a2.drinks", fields={"enabled": False})
    seat(ctx, demo, "A1")
    clock.advance(minutes=5)
    assert due(ctx, "a2.drinks") == []
    coaching.update_step(ctx, profile="restaurant", step_id="a2.drinks", fields={"enabled": True})
    with ctx.reading() as session:  # back as shipped: nothing left to keep
        assert session.scalar(select(func.count()).select_from(StepOverride)) == 0
    assert len(due(ctx, "a2.drinks")) == 1


def test_export_and_import_round_trip(ctx):
    coaching.update_step(
        ctx,
        profile="tea_house",
        step_id="b8.refill",
        fields={"trigger": {"every_minutes": 15}, "script_en": "Some more water?"},
    )
    coaching.update_step(ctx, profile="restaurant", step_id="a1.napkin", fields={"enabled": False})
    before = coaching.load_profiles(ctx)
    text = coaching.export_steps(ctx)
    exported = json.loads(text)
    assert {p["profile"] for p in exported["profiles"]} == set(before)
    coaching.reset_step(ctx, profile="tea_house", step_id="b8.refill")
    coaching.reset_step(ctx, profile="restaurant", step_id="a1.napkin")
    assert coaching.load_profiles(ctx) != before
    coaching.import_steps(ctx, text)
    assert coaching.load_profiles(ctx) == before
    with ctx.reading() as session:  # only the edits are kept, not every step
        assert session.scalar(select(func.count()).select_from(StepOverride)) == 2
    assert coaching.export_steps(ctx) == text


def test_a_bad_file_is_refused_whole_with_the_bad_steps_id(ctx):
    coaching.update_step(ctx, profile="restaurant", step_id="a2.drinks", fields={"due_minutes": 2})
    before = coaching.export_steps(ctx)
    document = json.loads(before)
    tea = next(p for p in document["profiles"] if p["profile"] == "tea_house")
    restaurant = next(p for p in document["profiles"] if p["profile"] == "restaurant")
    next(s for s in restaurant["steps"] if s["id"] == "a2.drinks")["due_minutes"] = 7
    next(s for s in tea["steps"] if s["id"] == "b9.cash")["script_zh"] = "收您{money}"
    with pytest.raises(InvalidInput) as refused:
        coaching.import_steps(ctx, json.dumps(document, ensure_ascii=False))
    assert "b9.cash" in ZH.error_text(refused.value)
    assert "{money}" in EN.error_text(refused.value)
    assert coaching.export_steps(ctx) == before

    next(s for s in tea["steps"] if s["id"] == "b9.cash")["script_zh"] = "收您{amount}"
    next(s for s in tea["steps"] if s["id"] == "b8.refill")["trigger"]["every_minutes"] = 0
    with pytest.raises(InvalidInput) as short:
        coaching.import_steps(ctx, json.dumps(document, ensure_ascii=False))
    assert short.value.message_id == "Step {step}: {problem}"
    assert "b8.refill" in EN.error_text(short.value)
    for bad in (
        "not json {",
        "[1, 2]",
        json.dumps({"profiles": [{"profile": "nope", "steps": []}]}),
    ):
        with pytest.raises(InvalidInput):
            coaching.import_steps(ctx, bad)
    unknown = {"profile": "restaurant", "steps": [{"id": "a9.unknown", "script_zh": "x"}]}
    with pytest.raises(InvalidInput) as missing:
        coaching.import_steps(ctx, json.dumps(unknown))
    assert "a9.unknown" in EN.error_text(missing.value)
    assert coaching.export_steps(ctx) == before


# ---------------------------------------------------------------- briefing


def test_the_briefing_shows_todays_bookings_sold_out_dishes_zones_and_its_ticks(ctx, clock, demo):
    reservations.reserve_table(
        ctx,
        table_id=demo.table("牡丹厅"),
        guest_name="赵总",
        party_size=12,
        arrive_at=clock.now.replace(hour=18, minute=0),
    )
    reservations.reserve_table(
        ctx,
        table_id=demo.table("B4"),
        guest_name="明天的客人",
        party_size=2,
        arrive_at=clock.now + timedelta(days=1),
    )
    view = coaching.briefing_for(ctx, staff_id=demo.waiter)
    assert view.day == date(2026, 11, 20)
    assert [(r.guest_name, r.table_name, r.party_size) for r in view.reservations] == [
        ("赵总", "牡丹厅", 12)
    ]
    assert {name for _, name, _ in view.sold_out} >= {"糯米鸡", "东坡肘子"}
    assert {zone.name_zh for zone in view.zones} == {"大厅", "包厢", "茶室"}
    assert all((demo.waiter, "王芳") in zone.waiters for zone in view.zones)
    ids = [step.id for step in view.checklist]
    assert "f.appearance" in ids and "open.cups" in ids
    assert view.ticked == frozenset() and not view.done

    seat(ctx, demo, "听雨")  # 王芳 served in the tea rooms today: that is her zone
    zones = {z.name_zh: z for z in coaching.briefing_for(ctx).zones}
    assert zones["茶室"].waiters == ((demo.waiter, "王芳"),)

    coaching.tick_briefing(ctx, staff_id=demo.waiter, item_id="f.appearance", ticked=True)
    assert coaching.briefing_for(ctx, staff_id=demo.waiter).ticked == {"f.appearance"}
    assert coaching.briefing_for(ctx, staff_id=demo.cashier).ticked == frozenset()
    for item in ids:
        coaching.tick_briefing(ctx, staff_id=demo.waiter, item_id=item, ticked=True)
    done = coaching.briefing_for(ctx, staff_id=demo.waiter)
    assert done.done and done.done_at == clock.now
    coaching.tick_briefing(ctx, staff_id=demo.waiter, item_id="f.hair", ticked=False)
    assert not coaching.briefing_for(ctx, staff_id=demo.waiter).done
    with pytest.raises(NotFound):
        coaching.tick_briefing(ctx, staff_id=demo.waiter, item_id="f.nothing", ticked=True)


# ---------------------------------------------------------------- service figures


def test_service_figures_of_a_crafted_day(ctx, clock, demo):
    """王芳: A1 seated 11:30, ordered 11:35, sent 11:36, dishes served 11:46 and 11:56,
    paid 12:30 (the longest time nobody came: 34 minutes). 李强: 听雨 seated 11:30, tea
    ordered 11:32, sent 11:33, served 11:37, paid 12:00."""
    li = demo.staff("李强")
    start = clock.now
    bill = seat(ctx, demo, "A1")
    clock.advance(minutes=5)
    hot = order(ctx, demo, bill, "宫保鸡丁", ("spice", "微辣"))
    rice = order(ctx, demo, bill, "米饭")
    clock.advance(minutes=1)
    ordering.send_to_kitchen(ctx, bill_id=bill)
    clock.advance(minutes=10)
    ordering.serve_line(ctx, line_id=hot)
    clock.advance(minutes=10)
    ordering.serve_line(ctx, line_id=rice)
    clock.now = start + timedelta(minutes=60)
    payment.request_bill(ctx, bill_id=bill)
    total = bill_view(ctx, bill).breakdown.total
    payment.settle_bill(ctx, bill_id=bill, tenders=[Tender(TenderMethod.WECHAT, total)])

    clock.now = start
    tea_bill = seating.seat_party(ctx, table_id=demo.table("听雨"), guests=2, waiter_id=li).bill_id
    clock.advance(minutes=2)
    tea = order(ctx, demo, tea_bill, "铁观音")
    clock.advance(minutes=1)
    ordering.send_to_kitchen(ctx, bill_id=tea_bill)
    clock.advance(minutes=4)
    ordering.serve_line(ctx, line_id=tea)
    clock.now = start + timedelta(minutes=30)
    payment.settle_bill(ctx, bill_id=tea_bill, tenders=[Tender(TenderMethod.CASH, 99999)])

    # prompts: 王芳 had four due (one done on time, one done 5 minutes late, one skipped,
    # one never done); 李强 two, both done on time; one outside the day is not counted
    with ctx.transaction() as session:

        def prompt(key, staff, due_at, done=None, skipped=False):
            session.add(
                ServicePrompt(
                    key=key,
                    table_id=None,
                    bill_id=None,
                    step_id="x",
                    profile="restaurant",
                    role="waiter",
                    stage="during",
                    values_json="{}",
                    due_at=due_at,
                    done_at=done,
                    done_by=staff if done else None,
                    late_seconds=int((done - due_at).total_seconds()) if done else None,
                    skipped_at=due_at if skipped else None,
                    skip_reason="客人不需要" if skipped else "",
                    staff_id=staff,
                )
            )

        at = start + timedelta(minutes=10)
        prompt("w1", demo.waiter, at, done=at + timedelta(seconds=30))
        prompt("w2", demo.waiter, at, done=at + timedelta(minutes=5))
        prompt("w3", demo.waiter, at, skipped=True)
        prompt("w4", demo.waiter, at)
        prompt("l1", li, at, done=at)
        prompt("l2", li, at, done=at + timedelta(seconds=59))
        prompt("old", li, start - timedelta(days=1), done=start)

    clock.now = start + timedelta(hours=10)
    day_start = datetime(2026, 11, 20, 5, 0)
    figures = {
        f.staff_id: f
        for f in service_figures(ctx, start=day_start, end=day_start + timedelta(days=1))
    }
    wang, li_qiang = figures[demo.waiter], figures[li]
    assert (wang.name, wang.due, wang.done, wang.late, wang.skipped) == ("王芳", 4, 2, 1, 1)
    assert wang.seat_to_order_minutes == 5.0
    assert wang.order_to_first_dish_minutes == 10.0
    assert wang.dish_lead_minutes_median == 15.0  # 10 and 20 minutes
    assert wang.longest_visit_gap_minutes == 34.0  # 11:56 → 12:30
    assert (li_qiang.due, li_qiang.done, li_qiang.late, li_qiang.skipped) == (2, 2, 0, 0)
    assert li_qiang.seat_to_order_minutes == 2.0
    assert li_qiang.order_to_first_dish_minutes == 4.0
    assert li_qiang.dish_lead_minutes_median == 4.0
    assert li_qiang.longest_visit_gap_minutes == 23.0  # served 11:37 → paid 12:00
    assert (
        service_figures(ctx, start=day_start + timedelta(days=1), end=day_start + timedelta(days=2))
        == []
    )


def test_upgrading_an_older_store_gives_its_tea_rooms_the_tea_house(tmp_path):
    from alembic import command
    from sqlalchemy import text

    from db.engine import alembic_config, make_engine, upgrade

    url = sqlite_url(tmp_path / "old.sqlite3")
    engine = make_engine(url)
    config = alembic_config(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        for code, kind in (("hall", "hall"), ("vip", "private"), ("tea", "tea")):
            connection.execute(
                text(
                    "INSERT INTO room (code, kind, name_zh, name_en, seat_fee_fen, sort_order)"
                    " VALUES (:code, :kind, :code, :code, 0, 0)"
                ),
                {"code": code, "kind": kind},
            )
    upgrade(engine)
    with engine.connect() as connection:
        rows = dict(connection.execute(text("SELECT code, service_profile FROM room")).all())
    engine.dispose()
    assert rows == {"hall": "restaurant", "vip": "restaurant", "tea": "tea_house"}


# ---------------------------------------------------------------- moments that pass


def test_a_prompt_whose_moment_passed_is_marked_missed_and_counted_as_not_done(ctx, clock, demo):
    bill = seat(ctx, demo, "A1")
    clock.advance(minutes=1)
    drinks = due(ctx, "a2.drinks")[0]
    napkin = due(ctx, "a1.napkin")[0]
    coaching.done_prompt(ctx, prompt_id=napkin.prompt_id, staff_id=demo.waiter)
    # the order is in: asking for drinks is past, and nobody tapped it
    line = order(ctx, demo, bill, "宫保鸡丁", ("spice", "微辣"))
    ordering.send_to_kitchen(ctx, bill_id=bill)
    clock.advance(seconds=30)
    assert due(ctx, "a2.drinks") == []
    row = prompt_row(ctx, drinks.prompt_id)
    assert row.expired_at == clock.now and row.done_at is None
    assert prompt_row(ctx, napkin.prompt_id).expired_at is None  # done stays done
    with pytest.raises(NotAllowed):
        coaching.snooze_prompt(
            ctx, prompt_id=drinks.prompt_id, minutes=5, reason="忙", staff_id=demo.waiter
        )
    # a dish served and not acknowledged before the party paid and the table was cleared
    ordering.serve_line(ctx, line_id=line)
    [served] = due(ctx, "a2.serve_hot")
    total = bill_view(ctx, bill).breakdown.total
    payment.settle_bill(ctx, bill_id=bill, tenders=[Tender(TenderMethod.WECHAT, total)])
    assert due(ctx, "a2.serve_hot") == []
    [farewell] = due(ctx, "a3.belongings")
    seating.clear_table(ctx, table_id=demo.table("A1"))
    assert due(ctx) == []
    assert prompt_row(ctx, served.prompt_id).expired_at is not None
    assert prompt_row(ctx, farewell.prompt_id).expired_at == clock.now
    # staff who did it after all, on a screen not yet refreshed, still get it counted
    coaching.done_prompt(ctx, prompt_id=farewell.prompt_id, staff_id=demo.waiter)
    row = prompt_row(ctx, farewell.prompt_id)
    assert row.done_at == clock.now and row.expired_at is None
    day = datetime(2026, 11, 20, 5, 0)
    [wang] = service_figures(ctx, start=day, end=day + timedelta(days=1))
    assert wang.done == 2 and wang.missed == wang.due - 2 >= 2
    with ctx.reading() as session:
        still_open = session.scalar(
            select(func.count())
            .select_from(ServicePrompt)
            .where(
                ServicePrompt.done_at.is_(None),
                ServicePrompt.skipped_at.is_(None),
                ServicePrompt.expired_at.is_(None),
            )
        )
    assert still_open == 0


def test_only_the_latest_refill_round_stays_open(ctx, clock, demo):
    bill = seat(ctx, demo, "听雨", guests=2)
    tea = order(ctx, demo, bill, "铁观音")
    ordering.send_to_kitchen(ctx, bill_id=bill)
    ordering.serve_line(ctx, line_id=tea)
    clock.advance(minutes=12)
    [first] = due(ctx, "b8.refill")
    clock.advance(minutes=12)
    [second] = due(ctx, "b8.refill")
    assert second.prompt_id != first.prompt_id
    assert prompt_row(ctx, first.prompt_id).expired_at == clock.now


def test_the_next_step_of_a_party_is_known_before_it_is_due(ctx, clock, demo):
    bill = seat(ctx, demo, "听雨", guests=2)
    coming = coaching.upcoming_for_bill(ctx, bill)
    assert coming.step.id == "b4.towel" and coming.prompt_id == 0
    assert coming.due_at == clock.now + timedelta(minutes=1) and coming.overdue_minutes == -1
    assert coming.table_name == "听雨" and coming.waiter_id == demo.waiter
    tea = order(ctx, demo, bill, "铁观音")
    ordering.send_to_kitchen(ctx, bill_id=bill)
    clock.advance(minutes=3)
    ordering.serve_line(ctx, line_id=tea)
    coming = coaching.upcoming_for_bill(ctx, bill)
    assert coming.step.id == "b8.refill" and coming.overdue_minutes == -12
    clock.advance(minutes=5, seconds=30)
    before = prompt_count(ctx)
    coming = coaching.upcoming_for_bill(ctx, bill)
    assert coming.step.id == "b8.refill" and coming.overdue_minutes == -7  # 6½ min, rounded up
    assert prompt_count(ctx) == before  # nothing recorded by looking ahead
    assert coaching.upcoming_for_bill(ctx, bill, horizon_minutes=5) is None
    assert coaching.upcoming_for_bill(ctx, 999_999) is None
