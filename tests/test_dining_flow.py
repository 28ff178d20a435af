"""Every operation of the dining flow, through the services on a real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.domain.billing import DiscountKind, Tender, TenderMethod
from app.domain.errors import NotAllowed, XiaoerError
from app.domain.money import RoundingMode
from app.domain.table_state import TableState
from app.services import ordering, payment, queries, seating
from app.services.staff import approve_as_manager
from db.models import AuditEntry, Bill, KitchenTicket, KitchenTicketLine, OrderLine
from tests.support import MANAGER_PIN


def tile(ctx, name):
    return next(t for t in queries.floor_snapshot(ctx) if t.name == name)


def seat(ctx, demo, table="A1", guests=2):
    return seating.seat_party(
        ctx, table_id=demo.table(table), guests=guests, waiter_id=demo.waiter
    ).bill_id


def order(ctx, demo, bill_id, name, **kw):
    return ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item(name), **kw).lines[0]


def spicy(demo):
    return [demo.option("spice", "微辣")]


def tickets(ctx, bill_id):
    with ctx.reading() as session:
        rows = session.scalars(
            select(KitchenTicket).where(KitchenTicket.bill_id == bill_id).order_by(KitchenTicket.id)
        ).all()
        return [
            (t.kind, t.station_id, [(tl.line_id, tl.quantity_milli, tl.held) for tl in t.lines])
            for t in rows
        ]


def audit(ctx, action):
    with ctx.reading() as session:
        return session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def pay_exact(ctx, bill_id, method=TenderMethod.WECHAT):
    total = queries.bill_view(ctx, bill_id).breakdown.total
    return payment.settle_bill(ctx, bill_id=bill_id, tenders=[Tender(method, total)])


def test_seating_opens_a_bill_and_shows_the_party_on_the_floor(ctx, demo, clock):
    bill_id = seat(ctx, demo, "A1", guests=3)
    clock.advance(minutes=12)
    a1 = tile(ctx, "A1")
    assert a1.state is TableState.SEATED
    assert (a1.guests, a1.waiter, a1.bill_ids) == (3, "王芳", (bill_id,))
    assert (clock() - a1.seated_at).total_seconds() == 12 * 60


def test_places_change_the_seat_fee(ctx, demo):
    bill_id = seat(ctx, demo, "A1", guests=2)
    assert queries.bill_view(ctx, bill_id).breakdown.seat_fee == 2 * 200
    seating.change_guests(ctx, bill_id=bill_id, guests=5)
    assert queries.bill_view(ctx, bill_id).breakdown.seat_fee == 5 * 200


def test_cart_lines_can_be_changed_and_deleted_freely_before_sending(ctx, demo):
    bill_id = seat(ctx, demo)
    line = order(ctx, demo, bill_id, "宫保鸡丁", option_ids=spicy(demo), note="少辣")
    ordering.set_quantity(ctx, line_id=line, quantity=3)
    view = queries.bill_view(ctx, bill_id)
    assert [(ln.name_zh, ln.quantity_milli, ln.note, ln.status) for ln in view.lines] == [
        ("宫保鸡丁", 3000, "少辣", "cart")
    ]
    assert view.lines[0].options[0][0] == "微辣"
    ordering.delete_unsent(ctx, line_id=line)
    assert queries.bill_view(ctx, bill_id).lines == ()
    assert tile(ctx, "A1").state is TableState.SEATED
    assert tickets(ctx, bill_id) == []


def test_options_with_surcharges_are_priced_into_the_line(ctx, demo):
    bill_id = seat(ctx, demo)
    egg = demo.option("extras", "加蛋")
    order(ctx, demo, bill_id, "宫保鸡丁", quantity=2, option_ids=[*spicy(demo), egg])
    view = queries.bill_view(ctx, bill_id)
    kung_pao = view.lines[0]
    assert kung_pao.surcharge_fen == 300
    assert kung_pao.amount_fen == 2 * (kung_pao.unit_price_fen + 300)
    assert view.breakdown.options == 600


def test_send_groups_lines_by_station_and_marks_held_lines(ctx, demo):
    bill_id = seat(ctx, demo)
    hot = order(ctx, demo, bill_id, "宫保鸡丁", option_ids=spicy(demo))
    tea = order(ctx, demo, bill_id, "西湖龙井")
    changes = ordering.send_to_kitchen(ctx, bill_id=bill_id, hold_line_ids=[hot])
    sent = tickets(ctx, bill_id)
    assert len(changes.tickets) == 2 == len(sent)
    assert {kind for kind, _, _ in sent} == {"order"}
    lines = {line_id: held for _, _, rows in sent for line_id, _, held in rows}
    assert lines == {hot: True, tea: False}
    statuses = {ln.line_id: ln.status for ln in queries.bill_view(ctx, bill_id).lines}
    assert statuses == {hot: "held", tea: "sent"}
    assert tile(ctx, "A1").state is TableState.ORDERED


def test_fire_calls_held_dishes_with_a_fire_ticket(ctx, demo):
    bill_id = seat(ctx, demo)
    hot = order(ctx, demo, bill_id, "宫保鸡丁", option_ids=spicy(demo))
    ordering.send_to_kitchen(ctx, bill_id=bill_id, hold_line_ids=[hot])
    ordering.fire_held(ctx, bill_id=bill_id)
    assert tickets(ctx, bill_id)[-1][0] == "fire"
    assert queries.bill_view(ctx, bill_id).lines[0].status == "sent"


def test_add_on_after_the_first_send_is_marked_add_on_and_sends_only_new_lines(ctx, demo):
    bill_id = seat(ctx, demo)
    first = order(ctx, demo, bill_id, "西湖龙井")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    second = (
        order(ctx, demo, bill_id, "铁观音")
        if _has(ctx, demo, "铁观音")
        else order(ctx, demo, bill_id, "西湖龙井")
    )
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    kinds = [(kind, [row[0] for row in rows]) for kind, _, rows in tickets(ctx, bill_id)]
    assert kinds == [("order", [first]), ("addon", [second])]


def _has(ctx, demo, name):
    try:
        demo.item(name)
        return True
    except Exception:
        return False


def test_hurry_counts_and_tells_the_station(ctx, demo):
    bill_id = seat(ctx, demo)
    line = order(ctx, demo, bill_id, "宫保鸡丁", option_ids=spicy(demo))
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    ordering.hurry(ctx, line_ids=[line])
    ordering.hurry(ctx, line_ids=[line])
    assert queries.bill_view(ctx, bill_id).lines[0].hurry_count == 2
    assert [k for k, _, _ in tickets(ctx, bill_id)] == ["order", "hurry", "hurry"]
    assert tile(ctx, "A1").hurried == 1


def test_serving_keeps_the_time_and_the_table_is_dining(ctx, demo, clock):
    bill_id = seat(ctx, demo)
    line = order(ctx, demo, bill_id, "西湖龙井")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    clock.advance(minutes=7)
    ordering.serve_line(ctx, line_id=line)
    served = queries.bill_view(ctx, bill_id).lines[0]
    assert (served.status, served.served_at) == ("served", clock())
    assert tile(ctx, "A1").state is TableState.DINING


def test_set_meal_sends_each_dish_to_its_own_station(ctx, demo):
    bill_id = seat(ctx, demo)
    set_line = order(ctx, demo, bill_id, "双人商务套餐")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    view = queries.bill_view(ctx, bill_id)
    parts = [ln for ln in view.lines if ln.parent_line_id == set_line]
    assert {p.name_zh for p in parts} >= {"宫保鸡丁", "麻婆豆腐", "米饭"}
    ticketed = {row[0] for _, _, rows in tickets(ctx, bill_id) for row in rows}
    assert ticketed == {p.line_id for p in parts}
    assert view.breakdown.items == view.lines[0].unit_price_fen  # parts are in the set price
    for part in parts[:-1]:
        ordering.serve_line(ctx, line_id=part.line_id)
    assert queries.bill_view(ctx, bill_id).lines[0].status == "sent"  # the set is not all there
    ordering.serve_line(ctx, line_id=parts[-1].line_id)
    assert {ln.status for ln in queries.bill_view(ctx, bill_id).lines} == {"served"}


def test_weighed_fish_is_priced_by_weight_and_market_price_by_the_day(ctx, demo):
    bill_id = seat(ctx, demo)
    with ctx.reading() as session:
        from db.models import MenuItem

        fish = session.scalars(
            select(MenuItem).where(MenuItem.weighed.is_(True), MenuItem.market_price.is_(False))
        ).first()
        market = session.scalars(select(MenuItem).where(MenuItem.market_price.is_(True))).first()
        fish_groups = [g.id for g in fish.option_groups if g.required]
        fish_options = [g.options[0].id for g in fish.option_groups if g.required]
        market_options = [g.options[0].id for g in market.option_groups if g.required]
        market_weighed = market.weighed
    assert fish_groups  # 做法 is asked
    line = ordering.add_to_cart(
        ctx, bill_id=bill_id, item_id=fish.id, weight_milli=1600, option_ids=fish_options
    ).lines[0]
    priced = next(ln for ln in queries.bill_view(ctx, bill_id).lines if ln.line_id == line)
    assert priced.quantity_milli == 1600
    assert priced.amount_fen == (fish.price_fen + priced.surcharge_fen) * 16 // 10
    kwargs = {"weight_milli": 2000} if market_weighed else {}
    ordering.add_to_cart(
        ctx,
        bill_id=bill_id,
        item_id=market.id,
        price_fen=38800,
        option_ids=market_options,
        **kwargs,
    )
    assert queries.bill_view(ctx, bill_id).lines[-1].unit_price_fen == 38800


def test_void_after_send_needs_reason_and_manager_and_keeps_the_original(ctx, demo):
    bill_id = seat(ctx, demo)
    line = order(ctx, demo, bill_id, "宫保鸡丁", quantity=2, option_ids=spicy(demo))
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    before = queries.bill_view(ctx, bill_id).breakdown.items
    approval = approve_as_manager(ctx, pin=MANAGER_PIN)
    ordering.void_line(
        ctx,
        line_id=line,
        reason="上错菜",
        approval=approval,
        quantity_milli=1000,
        staff_id=demo.waiter,
    )
    view = queries.bill_view(ctx, bill_id)
    original, reversal = view.lines
    assert (original.line_id, original.quantity_milli, original.status) == (line, 2000, "sent")
    assert (reversal.reverses_id, reversal.quantity_milli, reversal.void_reason) == (
        line,
        -1000,
        "上错菜",
    )
    assert view.breakdown.items == before // 2
    assert tickets(ctx, bill_id)[-1][0] == "void"
    entry = audit(ctx, "void")[-1]
    assert (entry.authorised_by_id, entry.staff_id, entry.reason) == (
        demo.manager,
        demo.waiter,
        "上错菜",
    )
    ordering.void_line(ctx, line_id=line, reason="上错菜", approval=approval)
    assert queries.bill_view(ctx, bill_id).lines[0].status == "voided"
    assert queries.bill_view(ctx, bill_id).breakdown.items == 0


def test_transfer_whole_bill_moves_the_party_and_tells_the_kitchen(ctx, demo):
    bill_id = seat(ctx, demo, "A1", guests=4)
    order(ctx, demo, bill_id, "宫保鸡丁", option_ids=spicy(demo))
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    seating.transfer_bill(ctx, bill_id=bill_id, to_table_id=demo.table("A2"))
    assert tile(ctx, "A2").bill_ids == (bill_id,)
    assert tile(ctx, "A2").state is TableState.ORDERED
    assert tile(ctx, "A1").state is TableState.CLEARING
    assert tickets(ctx, bill_id)[-1][0] == "transfer"


def test_transfer_chosen_lines_to_another_occupied_table(ctx, demo):
    a1 = seat(ctx, demo, "A1")
    a2 = seat(ctx, demo, "A2")
    tea = order(ctx, demo, a1, "西湖龙井")
    keep = order(ctx, demo, a1, "宫保鸡丁", option_ids=spicy(demo))
    seating.transfer_lines(ctx, line_ids=[tea], to_table_id=demo.table("A2"))
    assert [ln.line_id for ln in queries.bill_view(ctx, a1).lines] == [keep]
    assert [ln.line_id for ln in queries.bill_view(ctx, a2).lines] == [tea]


def test_merge_settles_tables_as_one_bill_and_can_be_undone(ctx, demo):
    a1 = seat(ctx, demo, "A1", guests=2)
    a2 = seat(ctx, demo, "A2", guests=3)
    l1 = order(ctx, demo, a1, "西湖龙井")
    l2 = order(ctx, demo, a2, "宫保鸡丁", option_ids=spicy(demo))
    seating.merge_bills(ctx, into_bill_id=a1, bill_ids=[a2])
    merged = queries.bill_view(ctx, a1)
    assert {ln.line_id for ln in merged.lines} == {l1, l2}
    assert merged.guests == 5
    assert tile(ctx, "A2").merged_into_table == "A1"
    seating.unmerge_bill(ctx, bill_id=a2)
    assert [ln.line_id for ln in queries.bill_view(ctx, a2).lines] == [l2]
    assert queries.bill_view(ctx, a1).guests == 2
    seating.merge_bills(ctx, into_bill_id=a1, bill_ids=[a2])
    ordering.send_to_kitchen(ctx, bill_id=a1)
    pay_exact(ctx, a1)
    assert {tile(ctx, "A1").state, tile(ctx, "A2").state} == {TableState.CLEARING}
    with pytest.raises(NotAllowed):
        seating.unmerge_bill(ctx, bill_id=a2)


def test_split_by_lines_moves_dishes_and_guests_to_a_new_bill(ctx, demo):
    bill_id = seat(ctx, demo, guests=4)
    tea = order(ctx, demo, bill_id, "西湖龙井")
    order(ctx, demo, bill_id, "宫保鸡丁", option_ids=spicy(demo))
    before = queries.bill_view(ctx, bill_id).breakdown.items
    new_id = seating.split_bill_by_lines(ctx, bill_id=bill_id, line_ids=[tea], guests=1).bill_id
    old, new = queries.bill_view(ctx, bill_id), queries.bill_view(ctx, new_id)
    assert [ln.line_id for ln in new.lines] == [tea]
    assert (old.guests, new.guests) == (3, 1)
    assert old.breakdown.items + new.breakdown.items == before
    assert tile(ctx, "A1").bill_ids == (bill_id, new_id)


def test_even_split_shares_add_up_to_the_total_and_settle_one_by_one(ctx, demo):
    bill_id = seat(ctx, demo, guests=3)
    order(ctx, demo, bill_id, "西湖龙井")
    order(ctx, demo, bill_id, "宫保鸡丁", option_ids=spicy(demo))
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    payment.set_rounding(ctx, bill_id=bill_id, mode=RoundingMode.NONE)
    total = queries.bill_view(ctx, bill_id).breakdown.total
    seating.split_bill_evenly(ctx, bill_id=bill_id, parts=3)
    share_ids = tile(ctx, "A1").bill_ids
    shares = [queries.bill_view(ctx, i).breakdown.total for i in share_ids]
    assert len(shares) == 3 and sum(shares) == total and max(shares) - min(shares) <= 1
    for share_id in share_ids[:-1]:
        pay_exact(ctx, share_id)
        assert tile(ctx, "A1").state is not TableState.CLEARING
    pay_exact(ctx, share_ids[-1])
    assert tile(ctx, "A1").state is TableState.CLEARING


def test_pre_bill_requests_the_bill_and_warns_about_unserved_dishes(ctx, demo):
    bill_id = seat(ctx, demo)
    order(ctx, demo, bill_id, "西湖龙井")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    changes = payment.request_bill(ctx, bill_id=bill_id)
    assert changes.warnings == ("Some dishes are not served yet.",)
    assert tile(ctx, "A1").state is TableState.BILL_REQUESTED
    order(ctx, demo, bill_id, "西湖龙井")  # an add-on takes the table back to service
    assert tile(ctx, "A1").state is TableState.ORDERED


def test_settle_with_several_tenders_gives_change_and_a_receipt_number(ctx, demo, clock):
    bill_id = seat(ctx, demo, guests=2)
    order(ctx, demo, bill_id, "西湖龙井")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    total = queries.bill_view(ctx, bill_id).breakdown.total
    changes = payment.settle_bill(
        ctx,
        bill_id=bill_id,
        cashier_id=demo.cashier,
        invoice_requested=True,
        tenders=[Tender(TenderMethod.ALIPAY, 5000), Tender(TenderMethod.CASH, 20000)],
    )
    view = queries.bill_view(ctx, bill_id)
    assert changes.receipt_no == view.receipt_no == 1
    assert view.business_day == date(2026, 11, 20)
    assert view.change_fen == 5000 + 20000 - total
    assert view.invoice_requested
    assert tile(ctx, "A1").state is TableState.CLEARING


def test_charge_to_account_needs_a_signer_and_comp_a_manager(ctx, demo):
    bill_id = seat(ctx, demo)
    order(ctx, demo, bill_id, "西湖龙井")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    total = queries.bill_view(ctx, bill_id).breakdown.total
    approval = approve_as_manager(ctx, pin=MANAGER_PIN)
    payment.settle_bill(
        ctx,
        bill_id=bill_id,
        approval=approval,
        tenders=[
            Tender(TenderMethod.ACCOUNT, total - 1000, signer="刘总"),
            Tender(TenderMethod.COMP, 1000),
        ],
    )
    assert queries.bill_view(ctx, bill_id).tenders == (
        ("account", total - 1000, "刘总"),
        ("comp", 1000, ""),
    )
    assert audit(ctx, "comp")[-1].authorised_by_id == demo.manager


def test_discounts_and_rounding_show_in_the_breakdown_and_are_audited(ctx, demo):
    bill_id = seat(ctx, demo, guests=2)
    order(ctx, demo, bill_id, "西湖龙井")
    line = order(ctx, demo, bill_id, "宫保鸡丁", option_ids=spicy(demo))
    approval = approve_as_manager(ctx, pin=MANAGER_PIN)
    ordering.discount_line(
        ctx, line_id=line, kind=DiscountKind.AMOUNT, value=500, reason="老客优惠", approval=approval
    )
    payment.apply_bill_discount(
        ctx,
        bill_id=bill_id,
        kind=DiscountKind.PERCENT,
        value=1000,
        reason="会员折扣",
        approval=approval,
    )
    payment.set_rounding(ctx, bill_id=bill_id, mode=RoundingMode.DOWN_YUAN)
    parts = queries.bill_view(ctx, bill_id).breakdown
    assert parts.line_discounts == 500
    assert parts.bill_discount == (parts.items - 500) // 10
    assert parts.total % 100 == 0 and -100 < parts.rounding <= 0
    assert (parts.items - parts.discounts + parts.seat_fee + parts.rounding) == parts.total
    assert [e.reason for e in audit(ctx, "discount")] == ["老客优惠", "会员折扣"]


def test_private_room_minimum_spend_and_timed_room_fee(ctx, demo, clock):
    with ctx.reading() as session:
        from db.models import DiningTable

        room = session.scalars(
            select(DiningTable).where(
                DiningTable.minimum_spend_fen > 0, DiningTable.timed_block_price_fen == 0
            )
        ).first()
        tea_room = session.scalars(
            select(DiningTable).where(
                DiningTable.timed_block_price_fen > 0, DiningTable.minimum_spend_fen == 0
            )
        ).first()
    bill_id = seating.seat_party(ctx, table_id=room.id, guests=6).bill_id
    order(ctx, demo, bill_id, "西湖龙井")
    parts = queries.bill_view(ctx, bill_id).breakdown
    assert parts.items + parts.minimum_spend_topup == room.minimum_spend_fen
    tea_bill = seating.seat_party(ctx, table_id=tea_room.id, guests=2).bill_id
    clock.advance(minutes=tea_room.timed_free_minutes + 61)
    assert queries.bill_view(ctx, tea_bill).breakdown.room_fee == min(
        2 * tea_room.timed_block_price_fen, tea_room.timed_cap_fen or 10**9
    )
    payment.pause_room_fee(ctx, bill_id=tea_bill)
    clock.advance(hours=3)
    payment.resume_room_fee(ctx, bill_id=tea_bill)
    assert queries.bill_view(ctx, tea_bill).breakdown.room_fee == min(
        2 * tea_room.timed_block_price_fen, tea_room.timed_cap_fen or 10**9
    )


def test_reopen_keeps_the_paid_bill_and_opens_a_new_revision(ctx, demo):
    bill_id = seat(ctx, demo)
    order(ctx, demo, bill_id, "西湖龙井")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    pay_exact(ctx, bill_id)
    paid = queries.bill_view(ctx, bill_id)
    approval = approve_as_manager(ctx, pin=MANAGER_PIN)
    new_id = payment.reopen_bill(
        ctx, bill_id=bill_id, reason="客人要求改开发票", approval=approval
    ).bill_id
    old = queries.bill_view(ctx, bill_id)
    assert (old.status, old.receipt_no, old.breakdown.total, old.tenders) == (
        "reopened",
        paid.receipt_no,
        paid.breakdown.total,
        paid.tenders,
    )
    new = queries.bill_view(ctx, new_id)
    assert (new.status, new.revision) == ("open", 2)
    assert [ln.name_zh for ln in new.lines] == [ln.name_zh for ln in paid.lines]
    assert tile(ctx, "A1").state is TableState.BILL_REQUESTED
    assert audit(ctx, "reopen")[-1].reason == "客人要求改开发票"
    second = pay_exact(ctx, new_id)
    assert second.receipt_no == paid.receipt_no + 1


def test_clear_table_frees_it_and_a_party_that_ordered_nothing_can_leave(ctx, demo):
    bill_id = seat(ctx, demo)
    order(ctx, demo, bill_id, "西湖龙井")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    pay_exact(ctx, bill_id)
    seating.clear_table(ctx, table_id=demo.table("A1"))
    assert tile(ctx, "A1").state is TableState.FREE
    empty = seat(ctx, demo, "A1")
    seating.clear_table(ctx, table_id=demo.table("A1"))
    assert tile(ctx, "A1").state is TableState.FREE
    assert queries.bill_view(ctx, empty).status == "cancelled"


def test_receipt_numbers_run_per_business_day_across_midnight(ctx, demo, clock):
    numbers = []
    for hour_step in (0, 8, 5, 4):  # 11:30, 19:30, 00:30 (same day), 04:30 → 05:00 new day
        clock.advance(hours=hour_step)
        bill_id = seat(ctx, demo, "A3")
        order(ctx, demo, bill_id, "西湖龙井")
        ordering.send_to_kitchen(ctx, bill_id=bill_id)
        numbers.append(
            (queries.bill_view(ctx, bill_id).opened_at.hour, pay_exact(ctx, bill_id).receipt_no)
        )
        seating.clear_table(ctx, table_id=demo.table("A3"))
    clock.advance(hours=1)
    bill_id = seat(ctx, demo, "A3")
    order(ctx, demo, bill_id, "西湖龙井")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    pay_exact(ctx, bill_id)
    with ctx.reading() as session:
        rows = session.execute(
            select(Bill.business_day, Bill.receipt_no)
            .where(Bill.status == "paid")
            .order_by(Bill.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        (date(2026, 11, 20), 1),
        (date(2026, 11, 20), 2),
        (date(2026, 11, 20), 3),
        (date(2026, 11, 20), 4),
        (date(2026, 11, 21), 1),
    ]


def test_kitchen_ticket_lines_reference_real_lines(ctx, demo):
    bill_id = seat(ctx, demo)
    order(ctx, demo, bill_id, "双人商务套餐")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    with ctx.reading() as session:
        orphans = session.scalar(
            select(func.count())
            .select_from(KitchenTicketLine)
            .outerjoin(OrderLine, OrderLine.id == KitchenTicketLine.line_id)
            .where(OrderLine.id.is_(None))
        )
    assert orphans == 0


def test_an_order_of_several_dishes_is_kept_whole_or_not_at_all(ctx, demo):
    bill_id = seat(ctx, demo)
    dishes = [
        ordering.Dish(demo.item("西湖龙井")),
        ordering.Dish(demo.item("宫保鸡丁"), quantity=2, option_ids=spicy(demo)),
    ]
    changes = ordering.order_dishes(ctx, bill_id=bill_id, dishes=dishes)
    assert [ln.line_id for ln in queries.bill_view(ctx, bill_id).lines] == list(changes.lines)
    with pytest.raises(XiaoerError):
        ordering.order_dishes(
            ctx,
            bill_id=bill_id,
            dishes=[ordering.Dish(demo.item("西湖龙井")), ordering.Dish(demo.item("宫保鸡丁"))],
        )
    assert len(queries.bill_view(ctx, bill_id).lines) == 2


def test_splitting_a_private_room_bill_does_not_charge_its_room_twice(ctx, demo, clock):
    with ctx.reading() as session:
        from db.models import DiningTable

        room = session.scalars(
            select(DiningTable).where(
                DiningTable.minimum_spend_fen > 0, DiningTable.timed_block_price_fen > 0
            )
        ).first()
    bill_id = seating.seat_party(ctx, table_id=room.id, guests=4).bill_id
    tea = order(ctx, demo, bill_id, "西湖龙井")
    order(ctx, demo, bill_id, "宫保鸡丁", option_ids=spicy(demo))
    clock.advance(hours=2)
    before = queries.bill_view(ctx, bill_id).breakdown
    new_id = seating.split_bill_by_lines(ctx, bill_id=bill_id, line_ids=[tea], guests=1).bill_id
    first, second = (queries.bill_view(ctx, i).breakdown for i in (bill_id, new_id))
    assert first.room_fee == before.room_fee and second.room_fee == 0
    assert second.minimum_spend_topup == 0
    assert first.minimum_spend_topup == before.minimum_spend_topup
    assert first.total + second.total == before.total


def test_recent_bills_lists_open_bills_then_the_latest_paid(ctx, demo, clock):
    paid = seat(ctx, demo, "A1")
    order(ctx, demo, paid, "西湖龙井")
    ordering.send_to_kitchen(ctx, bill_id=paid)
    pay_exact(ctx, paid)
    clock.advance(minutes=5)
    still_open = seat(ctx, demo, "A2")
    order(ctx, demo, still_open, "西湖龙井")
    rows = queries.recent_bills(ctx, limit=10)
    assert [(r.bill_id, r.status, r.receipt_no) for r in rows] == [
        (still_open, "open", None),
        (paid, "paid", 1),
    ]
    assert rows[0].total_fen == queries.bill_view(ctx, still_open).breakdown.total


def test_the_floor_shows_the_amount_so_far_to_the_fen(ctx, demo):
    bill_id = seat(ctx, demo, "A2")
    for _ in range(2):
        ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item("西湖龙井"))
    ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item("基围虾"), weight_milli=1_633)
    view = queries.bill_view(ctx, bill_id)
    assert tile(ctx, "A2").amount_fen == sum(line.amount_fen for line in view.lines)
    assert tile(ctx, "A2").amount_fen % 1 == 0 and isinstance(tile(ctx, "A2").amount_fen, int)


def test_a_split_into_several_bills_makes_all_of_them_or_none(ctx, demo):
    bill_id = seat(ctx, demo, "B1", guests=6)
    lines = [
        ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item(name)).lines[0]
        for name in ("夫妻肺片", "蒜泥白肉", "米饭", "皮蛋豆腐")
    ]
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    other_bill = seat(ctx, demo, "A2")
    stranger = ordering.add_to_cart(ctx, bill_id=other_bill, item_id=demo.item("米饭")).lines[0]
    with pytest.raises(XiaoerError):
        seating.split_bill_into(
            ctx, bill_id=bill_id, parts=[([lines[0]], 2), ([lines[1], stranger], 2)]
        )
    assert tile(ctx, "B1").bill_ids == (bill_id,)
    assert queries.bill_view(ctx, bill_id).guests == 6
    changes = seating.split_bill_into(
        ctx, bill_id=bill_id, parts=[([lines[0]], 2), ([lines[1], lines[2]], 2)]
    )
    assert len(tile(ctx, "B1").bill_ids) == 3 and changes.bill_id in tile(ctx, "B1").bill_ids
    totals = [queries.bill_view(ctx, b).breakdown.items for b in tile(ctx, "B1").bill_ids]
    assert sum(totals) == 4200 + 3200 + 300 + 1800
    assert queries.bill_view(ctx, bill_id).guests == 2
