"""The back office's layout, staff and settings panels, tapped and dragged as a manager
would: what they change is what the floor plan, the log-in and the next bill show."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.i18n import Language
from app.services import ordering, queries, seating, staff, venue_admin
from app.services.staff import Role, StaffMember
from ui.backoffice.layout_editor import LayoutEditorPanel, TimedPricingDialog
from ui.backoffice.settings_editor import NumberDialog, SettingsPanel
from ui.backoffice.staff_editor import AddStaffDialog, ResetPinDialog, StaffEditorPanel
from ui.floor_view import FloorScreen
from ui.printing import PrinterSettingsDialog
from ui.session import UiSession
from ui.widgets.touch import ConfirmDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

PANEL_SIZE = (810, 688)  # 1024 × 768 less the header and the back office's tab column


@pytest.fixture
def manager(ctx, demo) -> UiSession:
    return UiSession(ctx, Language("zh_CN"), StaffMember(demo.manager, "张经理", Role.MANAGER))


def shown(qtbot, widget, size=PANEL_SIZE):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tile(ctx, name):
    return next((t for t in queries.floor_snapshot(ctx) if t.name == name), None)


def tap(widget, point: QPoint) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def drag(widget, start: QPoint, end: QPoint) -> None:
    """A finger pressed, moved in steps and lifted."""
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(widget, start + (end - start) * step / 5)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def centre(panel: LayoutEditorPanel, table_id: int) -> QPoint:
    return panel.plan.table_rect(table_id).center().toPoint()


def new_bill(ctx, demo, table="A1", guests=2):
    bill_id = seating.seat_party(
        ctx, table_id=demo.table(table), guests=guests, waiter_id=demo.waiter
    ).bill_id
    ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item("西湖龙井"))  # ¥128.00
    return queries.bill_view(ctx, bill_id).breakdown


# ---------------------------------------------------------------- the layout editor


def test_dragging_a_table_moves_it_in_the_store_and_on_the_floor_plan(qtbot, manager, demo):
    floor = shown(qtbot, FloorScreen(manager), (1024, 688))
    panel = shown(qtbot, LayoutEditorPanel(manager))
    a1 = demo.table("A1")  # 80, 50, 90 × 90
    end = panel.plan.point_of(897, 543).toPoint()  # its centre to the free corner
    drag(panel.plan, centre(panel, a1), end)
    moved = tile(manager.ctx, "A1")
    assert (moved.x, moved.y) == (850, 500)  # snapped to the grid
    qtbot.waitUntil(lambda: (floor.tile(a1).x, floor.tile(a1).y) == (850, 500), timeout=2000)
    drawn = panel.plan.table_rect(a1)
    assert drawn.contains(panel.plan.point_of(895, 545))
    assert panel.selected == a1 and panel.forms.currentWidget() is panel.table_form


def test_a_table_dropped_on_another_goes_back_and_says_why(qtbot, manager, demo):
    panel = shown(qtbot, LayoutEditorPanel(manager))
    a1, a2 = demo.table("A1"), demo.table("A2")
    drag(panel.plan, centre(panel, a1), centre(panel, a2))
    assert (tile(manager.ctx, "A1").x, tile(manager.ctx, "A1").y) == (80, 50)
    assert panel.message.kind == "error" and "A1" in panel.message.text()
    assert panel.plan.ghost is None


def test_a_tap_chooses_the_table_and_a_rename_shows_on_the_floor(qtbot, manager, demo):
    panel = shown(qtbot, LayoutEditorPanel(manager))
    a2 = demo.table("A2")
    tap(panel.plan, centre(panel, a2))
    assert panel.forms.currentWidget() is panel.table_form
    form = panel.table_form
    assert form.name_edit.text() == "A2" and "A2" in form.heading.text()
    form.name_edit.setText("窗边2")
    form.rename_button.click()
    assert tile(manager.ctx, "窗边2").table_id == a2
    assert "窗边2" in form.heading.text()
    form.name_edit.setText("A3")  # taken
    form.rename_button.click()
    assert panel.message.kind == "error" and "A3" in panel.message.text()
    assert tile(manager.ctx, "窗边2").table_id == a2 and form.name_edit.text() == "窗边2"
    tap(panel.plan, panel.plan.point_of(500, 620).toPoint())  # beside the tables
    assert panel.forms.currentWidget() is panel.room_form


def test_add_table_puts_a_new_table_on_the_floor_and_chooses_it(qtbot, manager, demo):
    panel = shown(qtbot, LayoutEditorPanel(manager))
    panel.add_table_button.click()
    new = tile(manager.ctx, "C3")
    assert new is not None and new.room_id == panel.room_id
    assert panel.selected == new.table_id
    assert panel.table_form.name_edit.text() == "C3"
    assert new.table_id in {t.table_id for t in panel.plan.tables()}


def test_steppers_and_shape_change_the_table(qtbot, manager, demo):
    panel = shown(qtbot, LayoutEditorPanel(manager))
    a1 = demo.table("A1")
    panel.select_table(a1)
    form = panel.table_form
    form.seats_plus.click()
    form.shape_buttons["round"].click()
    form.width_plus.click()
    form.height_minus.click()
    changed = tile(manager.ctx, "A1")
    assert (changed.seats, changed.shape, changed.width, changed.height) == (5, "round", 100, 80)
    assert form.shape_buttons["round"].isChecked()
    assert "5" in form.seats_value.text()


def test_a_busy_table_cannot_be_removed_a_free_one_can(qtbot, manager, demo):
    seating.seat_party(manager.ctx, table_id=demo.table("A1"), guests=2)
    panel = shown(qtbot, LayoutEditorPanel(manager))
    panel.select_table(demo.table("A1"))
    panel.table_form.remove_button.click()
    assert isinstance(panel.dialog, ConfirmDialog)
    panel.dialog.yes_button.click()
    assert panel.message.kind == "error" and "A1" in panel.message.text()
    assert tile(manager.ctx, "A1") is not None
    panel.select_table(demo.table("A2"))
    panel.table_form.remove_button.click()
    panel.dialog.yes_button.click()
    assert tile(manager.ctx, "A2") is None
    assert panel.selected is None and panel.forms.currentWidget() is panel.room_form
    assert demo.table("A2") not in {t.table_id for t in panel.plan.tables()}


def test_minimum_spend_and_timed_price_are_typed_on_pads(qtbot, manager, demo):
    panel = shown(qtbot, LayoutEditorPanel(manager))
    room = demo.table("兰亭")
    panel.show_room(tile(manager.ctx, "兰亭").room_id)
    panel.select_table(room)
    panel.table_form.minimum_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, NumberDialog)
    dialog.type("1800")
    dialog.ok_button.click()
    setup = next(t for t in venue_admin.table_setups(manager.ctx) if t.table_id == room)
    assert setup.minimum_spend_fen == 180000
    assert manager.language.money(180000) in panel.table_form.minimum_button.text()

    panel.table_form.timed_button.click()
    timed = panel.dialog
    assert isinstance(timed, TimedPricingDialog)
    timed.type("30")
    timed.field_buttons["block_price_fen"].click()
    timed.type("25")
    timed.field_buttons["cap_fen"].click()
    timed.type("10")  # less than one block
    timed.save_button.click()
    assert timed.error_label.isVisible()
    setup = next(t for t in venue_admin.table_setups(manager.ctx) if t.table_id == room)
    assert not setup.timed
    timed.field_buttons["cap_fen"].click()
    timed.type("100")
    timed.save_button.click()
    setup = next(t for t in venue_admin.table_setups(manager.ctx) if t.table_id == room)
    assert (setup.timed_block_minutes, setup.timed_block_price_fen, setup.timed_cap_fen) == (
        30,
        2500,
        10000,
    )
    assert manager.language.money(2500) in panel.table_form.timed_button.text()


def test_a_rooms_seat_fee_on_the_pad_is_on_the_next_bill(qtbot, manager, demo):
    panel = shown(qtbot, LayoutEditorPanel(manager))
    panel.room_form.seat_fee_button.click()
    panel.dialog.type("5")
    panel.dialog.ok_button.click()
    assert panel.dialog is None
    assert new_bill(manager.ctx, demo, "A1", guests=2).seat_fee == 1000
    assert manager.language.money(500) in panel.room_form.seat_fee_button.text()


def test_a_new_room_is_a_new_tab_and_a_taken_name_is_refused(qtbot, manager, demo):
    panel = shown(qtbot, LayoutEditorPanel(manager))
    panel.add_room_button.click()
    dialog = panel.dialog
    dialog.name_zh_edit.setText("大厅")
    dialog.add_button.click()
    assert dialog.error_label.isVisible() and "大厅" in dialog.error_label.text()
    dialog.name_zh_edit.setText("露台")
    dialog.name_en_edit.setText("Terrace")
    dialog.kind_buttons["tea"].click()
    dialog.add_button.click()
    assert panel.room_tabs.count() == 4
    assert panel.room_tabs.tabText(panel.room_tabs.currentIndex()) == "露台"
    assert panel.room_form.kind_buttons["tea"].isChecked()
    panel.add_table_button.click()
    assert tile(manager.ctx, "露台1").room_id == panel.room_id


def test_rooms_are_renamed_and_reordered_from_their_form(qtbot, manager, demo):
    panel = shown(qtbot, LayoutEditorPanel(manager))
    panel.room_form.name_en_edit.setText("Main hall")
    panel.room_form.rename_button.click()
    panel.room_form.right_button.click()
    assert [r.name_en for r in queries.rooms(manager.ctx)][:2] == ["Private rooms", "Main hall"]
    assert panel.room_tabs.tabText(1) == "大厅" and panel.room_tabs.currentIndex() == 1


def test_a_name_being_typed_survives_another_change_to_the_table(qtbot, manager, demo):
    panel = shown(qtbot, LayoutEditorPanel(manager))
    panel.select_table(demo.table("A1"))
    form = panel.table_form
    QTest.keyClicks(form.name_edit, "X")
    form.seats_plus.click()
    assert form.name_edit.text() == "A1X" and tile(manager.ctx, "A1").seats == 5
    panel.select_table(demo.table("A2"))
    assert form.name_edit.text() == "A2"


def test_a_room_is_closed_only_when_all_its_tables_are_free(qtbot, manager, demo):
    seating.seat_party(manager.ctx, table_id=demo.table("听雨"), guests=2)
    panel = shown(qtbot, LayoutEditorPanel(manager))
    panel.show_room(tile(manager.ctx, "听雨").room_id)
    panel.room_form.close_button.click()
    panel.dialog.yes_button.click()
    assert panel.message.kind == "error" and "听雨" in panel.message.text()
    assert tile(manager.ctx, "观云") is not None
    private = tile(manager.ctx, "兰亭").room_id
    panel.show_room(private)
    panel.room_form.close_button.click()
    panel.dialog.yes_button.click()
    assert not [t for t in queries.floor_snapshot(manager.ctx) if t.room_id == private]
    assert not panel.plan.tables() and not panel.room_form.close_button.isEnabled()


def test_the_layout_editor_speaks_english_after_a_switch(qtbot, manager, demo):
    panel = shown(qtbot, LayoutEditorPanel(manager))
    manager.set_language(Language("en"))
    assert panel.add_table_button.text() == "Add table"
    assert panel.room_tabs.tabText(0) == "Hall"


# ---------------------------------------------------------------- staff


def test_a_member_added_with_a_pin_typed_twice_can_log_in(qtbot, manager, demo):
    panel = shown(qtbot, StaffEditorPanel(manager))
    panel.add_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, AddStaffDialog)
    dialog.name_edit.setText("赵敏")
    dialog.role_buttons[Role.CASHIER].click()
    dialog.pin.type("2468")
    dialog.ok_button.click()
    assert dialog.pin.pad.display.text() == ""  # asked again
    dialog.pin.type("2469")
    dialog.ok_button.click()
    assert dialog.error_text()  # the two differ: start over
    assert not any(r.name == "赵敏" for r in venue_admin.staff_records(manager.ctx))
    dialog.pin.type("2468")
    dialog.ok_button.click()
    dialog.pin.type("2468")
    dialog.ok_button.click()
    (added,) = [r for r in venue_admin.staff_records(manager.ctx) if r.name == "赵敏"]
    assert staff.log_in(manager.ctx, staff_id=added.staff_id, pin="2468").role == Role.CASHIER
    assert panel.selected == added.staff_id and "赵敏" in panel.rows[added.staff_id].text()


def test_a_reset_pin_lets_the_waiter_in_with_the_new_one(qtbot, manager, demo):
    panel = shown(qtbot, StaffEditorPanel(manager))
    panel.rows[demo.waiter].click()
    panel.reset_pin_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, ResetPinDialog)
    for _ in range(2):
        dialog.pin.type("8642")
        dialog.ok_button.click()
    assert panel.dialog is None
    assert staff.log_in(manager.ctx, staff_id=demo.waiter, pin="8642").id == demo.waiter


def test_a_lock_out_after_five_wrong_pins_is_released(qtbot, manager, demo):
    for _ in range(5):
        with pytest.raises(staff.AuthorisationError):
            staff.log_in(manager.ctx, staff_id=demo.waiter, pin="0000")
    panel = shown(qtbot, StaffEditorPanel(manager))
    panel.rows[demo.waiter].click()
    assert panel.release_button.isEnabled()
    assert panel.row_text(panel.record(demo.waiter)).endswith(manager.tr("locked"))
    panel.release_button.click()
    assert not panel.release_button.isEnabled()
    assert staff.log_in(manager.ctx, staff_id=demo.waiter, pin="1111").id == demo.waiter


def test_the_last_manager_keeps_the_role_and_cannot_deactivate_themself(qtbot, manager, demo):
    panel = shown(qtbot, StaffEditorPanel(manager))
    panel.rows[demo.manager].click()
    assert not panel.deactivate_button.isEnabled()  # that is me
    panel.role_buttons[Role.CASHIER].click()
    assert panel.message.kind == "error" and "张经理" in panel.message.text()
    assert panel.role_buttons[Role.MANAGER].isChecked()
    panel.rows[demo.cashier].click()
    panel.deactivate_button.click()
    panel.dialog.yes_button.click()
    assert demo.cashier not in {m.id for m in staff.list_staff(manager.ctx)}
    assert not panel.deactivate_button.isEnabled() and not panel.reset_pin_button.isEnabled()


# ---------------------------------------------------------------- settings


def test_a_ten_percent_service_charge_saved_is_on_the_next_bill(qtbot, manager, demo):
    panel = shown(qtbot, SettingsPanel(manager))
    panel.service_charge_button.click()
    panel.dialog.type("10")
    panel.dialog.ok_button.click()
    assert panel.service_charge_button.text() == manager.language.percent(1000)
    assert new_bill(manager.ctx, demo).service_charge == 0  # not kept before Save
    panel.save_button.click()
    assert panel.message.kind == "info"
    assert new_bill(manager.ctx, demo, "A2").service_charge == 1280


def test_a_rounding_rule_chosen_applies_to_new_bills(qtbot, manager, demo):
    venue_admin.set_seat_fee(manager.ctx, room_id=tile(manager.ctx, "A1").room_id, seat_fee_fen=123)
    panel = shown(qtbot, SettingsPanel(manager))
    panel.rounding_buttons["down_yuan"].click()
    panel.save_button.click()
    parts = new_bill(manager.ctx, demo)
    assert (parts.rounding, parts.total) == (-46, 13000)


def test_wrong_settings_are_refused_inline_and_nothing_is_kept(qtbot, manager, demo):
    before = venue_admin.venue_details(manager.ctx)
    panel = shown(qtbot, SettingsPanel(manager))
    panel.text_edits["name_zh"].setText(" ")
    panel.text_edits["phone"].setText("call me")
    panel.service_charge_button.click()
    panel.dialog.type("50")
    panel.dialog.ok_button.click()
    panel.auto_lock_button.click()
    panel.dialog.type("99999")
    panel.dialog.ok_button.click()
    panel.save_button.click()
    for field in ("name_zh", "phone", "service_charge_bp", "auto_lock_seconds"):
        assert panel.error_text(field), field
    assert not panel.error_text("address")
    assert panel.text_edits["phone"].property("wrong") is True
    assert panel.message.kind == "error"
    assert venue_admin.venue_details(manager.ctx) == before
    panel.undo_button.click()
    assert panel.text_edits["name_zh"].text() == before.name_zh
    assert not panel.error_text("name_zh")


def test_a_pad_refuses_what_is_not_a_number(qtbot, manager):
    panel = shown(qtbot, SettingsPanel(manager))
    panel.service_charge_button.click()
    dialog = panel.dialog
    dialog.type("12.345")  # two decimals at most: the pad keeps 12.34
    dialog.ok_button.click()
    assert panel.service_charge_button.text() == manager.language.percent(1234)
    panel.tolerance_button.click()
    panel.dialog.ok_button.click()  # nothing typed
    assert panel.dialog.error_text()


def test_printers_open_from_the_settings(qtbot, manager):
    panel = shown(qtbot, SettingsPanel(manager))
    panel.printers_button.click()
    assert isinstance(panel.printers_dialog, PrinterSettingsDialog)
    assert panel.printers_dialog.isVisible()
    panel.printers_dialog.reject()


def test_the_staff_and_settings_panels_speak_english_after_a_switch(qtbot, manager, demo):
    people = shown(qtbot, StaffEditorPanel(manager))
    settings = shown(qtbot, SettingsPanel(manager))
    manager.set_language(Language("en"))
    assert people.rows[demo.waiter].text() == "王芳 · Waiter"
    assert people.reset_pin_button.text() == "Reset PIN"
    assert settings.save_button.text() == "Save"
    assert settings.rounding_buttons["down_jiao"].text() == "Down to 0.1 yuan"


@pytest.mark.parametrize("panel_class", [LayoutEditorPanel, StaffEditorPanel, SettingsPanel])
def test_each_panel_fits_beside_the_back_office_tabs_on_a_small_screen(qtbot, manager, panel_class):
    panel = shown(qtbot, panel_class(manager))
    hint = panel.minimumSizeHint()
    assert hint.width() <= PANEL_SIZE[0] and hint.height() <= PANEL_SIZE[1]
