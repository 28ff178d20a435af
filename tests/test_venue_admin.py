"""The back office's rooms, tables, staff and settings, through the services on a real store:
what a manager changes is what the floor plan, the log-in and the next bill show."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from app.domain.errors import AuthorisationError, InvalidInput, NotAllowed, XiaoerError
from app.domain.money import RoundingMode
from app.services import ordering, queries, reservations, seating, staff, venue_admin
from app.services.staff import Role
from app.services.venue_admin import Box, nearest_free_place
from db.models import AuditEntry, DiningTable, Room, Staff
from tests.support import MANAGER_PIN


def tile(ctx, name):
    return next((t for t in queries.floor_snapshot(ctx) if t.name == name), None)


def audit(ctx, action):
    with ctx.reading() as session:
        return session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def room_id(ctx, code):
    with ctx.reading() as session:
        return session.scalars(select(Room.id).where(Room.code == code)).one()


def new_bill(ctx, demo, table="A1", guests=2):
    bill_id = seating.seat_party(
        ctx, table_id=demo.table(table), guests=guests, waiter_id=demo.waiter
    ).bill_id
    ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item("西湖龙井"))  # ¥128.00
    return queries.bill_view(ctx, bill_id).breakdown


# ---------------------------------------------------------------- tables


def test_a_new_table_takes_the_next_name_and_a_free_place_on_the_floor(ctx, demo):
    hall = room_id(ctx, "hall")
    added = venue_admin.add_table(ctx, room_id=hall)
    new = tile(ctx, "C3")  # the hall's last numbered table is C2
    assert new is not None and new.table_id == added.new_id and new.room_id == hall
    assert (new.seats, new.shape, new.width, new.height) == (4, "square", 90, 90)
    others = [Box(t.x, t.y, t.width, t.height) for t in queries.floor_snapshot(ctx)
              if t.room_id == hall and t.table_id != new.table_id]  # fmt: skip
    assert not any(Box(new.x, new.y, 90, 90).overlaps(o) for o in others)
    assert new.x % 10 == 0 and new.y % 10 == 0


def test_renamed_table_shows_on_the_floor_and_a_taken_name_is_refused(ctx, demo):
    a1 = demo.table("A1")
    venue_admin.rename_table(ctx, table_id=a1, name="  窗边1 ")
    assert tile(ctx, "窗边1").table_id == a1
    with pytest.raises(InvalidInput) as refused:
        venue_admin.rename_table(ctx, table_id=a1, name="a2")
    assert refused.value.message_id == "There is already a table named {name}."
    with pytest.raises(InvalidInput):
        venue_admin.add_table(ctx, room_id=room_id(ctx, "hall"), name="B1")
    assert tile(ctx, "窗边1").table_id == a1 and tile(ctx, "a2") is None


def test_moving_a_table_snaps_it_to_the_grid_and_keeps_it_inside_the_plan(ctx, demo):
    a1 = demo.table("A1")
    venue_admin.move_table(ctx, table_id=a1, x=44, y=596)
    moved = tile(ctx, "A1")
    assert (moved.x, moved.y) == (40, 550)  # 640 − 90 deep
    venue_admin.move_table(ctx, table_id=a1, x=-30, y=-5)
    assert (tile(ctx, "A1").x, tile(ctx, "A1").y) == (0, 0)


def test_a_table_dropped_slightly_onto_another_is_nudged_and_right_onto_it_refused(ctx, demo):
    a1, a2 = demo.table("A1"), demo.table("A2")  # A2 at 230, 50, 90 wide
    venue_admin.move_table(ctx, table_id=a1, x=150, y=50)  # 10 units onto A2's gap
    moved = tile(ctx, "A1")
    assert (moved.x, moved.y) == (130, 50)
    with pytest.raises(NotAllowed):
        venue_admin.move_table(ctx, table_id=a1, x=230, y=50)
    assert (tile(ctx, "A1").x, tile(ctx, "A1").y) == (130, 50)
    assert tile(ctx, "A2").table_id == a2


def test_nearest_free_place_keeps_a_gap_and_gives_up_beyond_its_reach():
    others = [Box(100, 100, 100, 100)]
    assert nearest_free_place(Box(300, 300, 50, 50), others) == Box(300, 300, 50, 50)
    assert nearest_free_place(Box(195, 100, 50, 50), others) == Box(210, 100, 50, 50)
    assert nearest_free_place(Box(120, 120, 50, 50), others) is None


def test_resizing_stays_on_the_plan_and_off_the_neighbours(ctx, demo):
    a6 = demo.table("A6")  # 830, 50, at the right wall
    venue_admin.resize_table(ctx, table_id=a6, width=200, height=100)
    grown = tile(ctx, "A6")
    assert (grown.x, grown.width, grown.height) == (800, 200, 100)  # pushed back inside
    with pytest.raises(NotAllowed):
        venue_admin.resize_table(ctx, table_id=demo.table("A1"), width=200, height=90)
    with pytest.raises(InvalidInput):
        venue_admin.resize_table(ctx, table_id=a6, width=20, height=90)
    assert tile(ctx, "A1").width == 90


def test_shape_and_seats_show_on_the_floor(ctx, demo):
    a1 = demo.table("A1")
    venue_admin.set_table_shape(ctx, table_id=a1, shape="round")
    venue_admin.set_table_seats(ctx, table_id=a1, seats=6)
    assert (tile(ctx, "A1").shape, tile(ctx, "A1").seats) == ("round", 6)
    with pytest.raises(InvalidInput):
        venue_admin.set_table_shape(ctx, table_id=a1, shape="star")
    with pytest.raises(InvalidInput):
        venue_admin.set_table_seats(ctx, table_id=a1, seats=0)


def test_a_busy_table_cannot_be_removed_a_free_one_leaves_the_floor(ctx, demo, clock):
    seating.seat_party(ctx, table_id=demo.table("A1"), guests=2, waiter_id=demo.waiter)
    with pytest.raises(NotAllowed) as refused:
        venue_admin.deactivate_table(ctx, table_id=demo.table("A1"))
    assert "free" in refused.value.message_id
    assert tile(ctx, "A1") is not None
    venue_admin.deactivate_table(ctx, table_id=demo.table("A2"), staff_id=demo.manager)
    assert tile(ctx, "A2") is None
    assert len(audit(ctx, "table_deactivated")) == 1
    # the name stays with the old table's history
    with pytest.raises(InvalidInput):
        venue_admin.add_table(ctx, room_id=room_id(ctx, "hall"), name="A2")


def test_a_table_with_a_booking_cannot_be_removed(ctx, demo, clock):
    reservations.reserve_table(
        ctx,
        table_id=demo.table("A3"),
        guest_name="刘",
        party_size=2,
        arrive_at=clock.now.replace(hour=18),
    )
    with pytest.raises(NotAllowed):
        venue_admin.deactivate_table(ctx, table_id=demo.table("A3"))


def test_minimum_spend_is_topped_up_on_the_next_bill_and_audited(ctx, demo):
    venue_admin.set_minimum_spend(
        ctx, table_id=demo.table("B1"), minimum_spend_fen=50000, staff_id=demo.manager
    )
    parts = new_bill(ctx, demo, "B1")
    assert parts.minimum_spend_topup == 50000 - 12800
    (entry,) = audit(ctx, "minimum_spend_changed")
    assert entry.staff_id == demo.manager and '"after": 50000' in entry.detail


def test_timed_pricing_needs_minutes_and_price_and_a_cap_above_one_block(ctx, demo, clock):
    b1 = demo.table("B1")
    with pytest.raises(InvalidInput):
        venue_admin.set_timed_pricing(ctx, table_id=b1, block_minutes=60, block_price_fen=0)
    with pytest.raises(InvalidInput):
        venue_admin.set_timed_pricing(
            ctx, table_id=b1, block_minutes=60, block_price_fen=3000, cap_fen=1000
        )
    venue_admin.set_timed_pricing(
        ctx, table_id=b1, block_minutes=30, block_price_fen=2000, free_minutes=10, cap_fen=5000
    )
    bill_id = seating.seat_party(ctx, table_id=b1, guests=2).bill_id
    clock.advance(minutes=41)  # 31 chargeable minutes: two started blocks
    assert queries.bill_view(ctx, bill_id).breakdown.room_fee == 4000
    (setup,) = [t for t in venue_admin.table_setups(ctx) if t.table_id == b1]
    assert setup.timed and setup.timed_cap_fen == 5000
    assert len(audit(ctx, "timed_pricing_changed")) == 1


# ---------------------------------------------------------------- rooms


def test_a_new_room_is_a_new_tab_and_its_tables_show_there(ctx, demo):
    added = venue_admin.add_room(ctx, name_zh="露台", name_en="Terrace", kind="hall")
    rooms = queries.rooms(ctx)
    assert rooms[-1].room_id == added.new_id and rooms[-1].name_en == "Terrace"
    table = venue_admin.add_table(ctx, room_id=added.new_id, name="T1", shape="round")
    assert tile(ctx, "T1").room_id == added.new_id
    assert table.tables == {table.new_id}
    with pytest.raises(InvalidInput):
        venue_admin.add_room(ctx, name_zh="大厅")
    with pytest.raises(InvalidInput):
        venue_admin.add_room(ctx, name_zh="阳台", kind="garden")


def test_rooms_are_renamed_reordered_and_change_kind(ctx, demo):
    tea = room_id(ctx, "tea")
    venue_admin.rename_room(ctx, room_id=tea, name_zh="品茶室", name_en="Tea lounge")
    venue_admin.move_room(ctx, room_id=tea, offset=-5)
    assert [r.name_zh for r in queries.rooms(ctx)] == ["品茶室", "大厅", "包厢"]
    venue_admin.set_room_kind(ctx, room_id=room_id(ctx, "hall"), kind="tea")
    with ctx.reading() as session:
        hall = session.get(Room, room_id(ctx, "hall"))
        assert (hall.kind, hall.service_profile) == ("tea", "tea_house")


def test_a_rooms_seat_fee_changes_the_next_bills_seat_fee(ctx, demo):
    venue_admin.set_seat_fee(
        ctx, room_id=room_id(ctx, "hall"), seat_fee_fen=500, staff_id=demo.manager
    )
    assert new_bill(ctx, demo, "A1", guests=3).seat_fee == 1500
    (entry,) = audit(ctx, "seat_fee_changed")
    assert '"before": 200' in entry.detail and '"after": 500' in entry.detail
    with pytest.raises(InvalidInput):
        venue_admin.set_seat_fee(ctx, room_id=room_id(ctx, "hall"), seat_fee_fen=-1)


def test_a_room_with_guests_cannot_be_closed_an_empty_one_leaves_the_floor(ctx, demo):
    seating.seat_party(ctx, table_id=demo.table("听雨"), guests=2)
    with pytest.raises(NotAllowed):
        venue_admin.deactivate_room(ctx, room_id=room_id(ctx, "tea"))
    assert tile(ctx, "观云") is not None
    private = room_id(ctx, "private")
    venue_admin.deactivate_room(ctx, room_id=private)
    assert not [t for t in queries.floor_snapshot(ctx) if t.room_id == private]
    assert private not in [room.room_id for room in queries.rooms(ctx)]  # no empty tab left


# ---------------------------------------------------------------- staff


def test_a_new_staff_member_logs_in_with_the_pin(ctx, demo):
    added = venue_admin.add_staff(
        ctx, name=" 赵敏 ", role="cashier", pin="4321", staff_id=demo.manager
    )
    member = staff.log_in(ctx, staff_id=added.new_id, pin="4321")
    assert (member.name, member.role) == ("赵敏", Role.CASHIER)
    with ctx.reading() as session:
        assert "4321" not in session.get(Staff, added.new_id).pin_hash
    for bad in ("12", "12a4", "123456789"):
        with pytest.raises(InvalidInput):
            venue_admin.add_staff(ctx, name="钱多", role="waiter", pin=bad)
    with pytest.raises(InvalidInput):
        venue_admin.add_staff(ctx, name="赵敏", role="waiter", pin="1234")
    with pytest.raises(InvalidInput):
        venue_admin.add_staff(ctx, name="孙", role="chef", pin="1234")


def test_a_reset_pin_replaces_the_old_one(ctx, demo):
    venue_admin.reset_pin(ctx, member_id=demo.waiter, pin="5678", staff_id=demo.manager)
    with pytest.raises(AuthorisationError):
        staff.log_in(ctx, staff_id=demo.waiter, pin="1111")
    assert staff.log_in(ctx, staff_id=demo.waiter, pin="5678").id == demo.waiter
    assert len(audit(ctx, "pin_reset")) == 1


def test_a_lock_out_after_five_wrong_pins_is_released(ctx, demo):
    for _ in range(5):
        with pytest.raises(AuthorisationError):
            staff.log_in(ctx, staff_id=demo.waiter, pin="0000")
    (record,) = [r for r in venue_admin.staff_records(ctx) if r.staff_id == demo.waiter]
    assert record.locked(ctx.now())
    with pytest.raises(AuthorisationError, match="locked"):
        staff.log_in(ctx, staff_id=demo.waiter, pin="1111")
    venue_admin.release_lock(ctx, member_id=demo.waiter, staff_id=demo.manager)
    assert staff.log_in(ctx, staff_id=demo.waiter, pin="1111").id == demo.waiter


def test_the_last_manager_stays_a_manager(ctx, demo):
    with pytest.raises(NotAllowed):
        venue_admin.deactivate_staff(ctx, member_id=demo.manager)
    with pytest.raises(NotAllowed):
        venue_admin.set_role(ctx, member_id=demo.manager, role="cashier")
    venue_admin.set_role(ctx, member_id=demo.cashier, role="manager", staff_id=demo.manager)
    with pytest.raises(NotAllowed):  # not oneself
        venue_admin.deactivate_staff(ctx, member_id=demo.manager, staff_id=demo.manager)
    venue_admin.deactivate_staff(ctx, member_id=demo.manager, staff_id=demo.cashier)
    with pytest.raises(XiaoerError):
        staff.log_in(ctx, staff_id=demo.manager, pin=MANAGER_PIN)
    assert staff.approve_as_manager(ctx, pin="3333").manager_id == demo.cashier
    assert demo.manager not in {m.id for m in staff.list_staff(ctx)}


# ---------------------------------------------------------------- settings


def test_a_service_charge_of_ten_percent_is_on_the_next_bill(ctx, demo):
    details = venue_admin.venue_details(ctx)
    venue_admin.save_venue_details(
        ctx, replace(details, service_charge_bp=1000), staff_id=demo.manager
    )
    assert new_bill(ctx, demo).service_charge == 1280
    (entry,) = audit(ctx, "venue_rules_changed")
    assert '"service_charge_bp": 1000' in entry.detail


def test_the_rounding_rule_applies_to_new_bills(ctx, demo):
    venue_admin.set_seat_fee(ctx, room_id=room_id(ctx, "hall"), seat_fee_fen=123)
    assert new_bill(ctx, demo, "A1").rounding == -6  # ¥130.46 down to ¥130.40
    details = venue_admin.venue_details(ctx)
    venue_admin.save_venue_details(ctx, replace(details, rounding_mode=RoundingMode.DOWN_YUAN))
    parts = new_bill(ctx, demo, "A2")
    assert (parts.rounding, parts.total) == (-46, 13000)


def test_wrong_settings_are_all_named_and_nothing_is_kept(ctx, demo):
    details = venue_admin.venue_details(ctx)
    wrong = replace(
        details,
        name_zh="  ",
        phone="028-8666 abc",
        tax_id="91510100ma6cxe2l1e",
        currency="USD",
        service_charge_bp=5000,
        rounding_mode=RoundingMode.CUSTOM,
        auto_lock_seconds=99999,
        drawer_tolerance_fen=-1,
    )
    problems = venue_admin.check_venue_details(wrong)
    assert set(problems) == {
        "name_zh", "phone", "tax_id", "currency", "service_charge_bp", "rounding_mode",
        "auto_lock_seconds", "drawer_tolerance_fen",
    }  # fmt: skip
    with pytest.raises(InvalidInput):
        venue_admin.save_venue_details(ctx, wrong)
    assert venue_admin.venue_details(ctx) == details
    assert not audit(ctx, "venue_rules_changed")


def test_venue_details_are_kept_trimmed(ctx, demo):
    details = venue_admin.venue_details(ctx)
    changed = replace(
        details, name_en=" Xiaoer ", address="成都市武侯区1号", auto_lock_seconds=0,
        locale="en", drawer_tolerance_fen=500, receipt_footer_zh="欢迎再来",
    )  # fmt: skip
    venue_admin.save_venue_details(ctx, changed)
    assert venue_admin.venue_details(ctx) == replace(changed, name_en="Xiaoer")
    with ctx.reading() as session:
        assert session.scalar(select(DiningTable.id).limit(1)) is not None
