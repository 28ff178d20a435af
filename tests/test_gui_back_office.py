"""The back office from the main window: who may open which panel, and the way back."""

from __future__ import annotations

import pytest

from app.i18n import Language
from app.services.staff import Role, StaffMember
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

VENUE = ("店小二茶楼酒家", "Xiaoer Tea House & Restaurant")


def make_window(qtbot, ctx, staff: StaffMember) -> MainWindow:
    window = MainWindow(ctx, Language("zh_CN"), VENUE, staff=staff)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_manager_opens_every_panel_and_goes_back_to_the_floor(qtbot, ctx, demo):
    window = make_window(qtbot, ctx, StaffMember(demo.manager, "张经理", Role.MANAGER))
    window.show_more()
    assert window.back_office_button.isVisible()
    assert window.back_office_button.text() == "后台管理"
    window.back_office_button.click()
    office = window.back_office
    assert window.stack.currentWidget() is office
    shown = [key for key, button in office.tab_buttons.items() if button.isVisible()]
    assert shown == ["shift", "reports", "menu", "layout", "staff", "settings", "steps", "backups"]
    for key in shown:
        office.tab_buttons[key].click()
        assert office.stack.currentWidget() is office.panels[key]
    assert office.tab_buttons["menu"].text() == "菜单"
    office.back_button.click()
    assert window.stack.currentWidget() is window.floor_screen


def test_a_cashier_counts_the_drawer_but_sees_no_manager_panels(qtbot, ctx, demo):
    window = make_window(qtbot, ctx, StaffMember(demo.cashier, "陈静", Role.CASHIER))
    assert window.show_back_office() is window.back_office
    shown = [key for key, b in window.back_office.tab_buttons.items() if b.isVisible()]
    assert shown == ["shift"]
    assert window.back_office.show_panel("staff") is None


def test_a_waiter_has_no_back_office(qtbot, ctx, demo):
    window = make_window(qtbot, ctx, StaffMember(demo.waiter, "王芳", Role.WAITER))
    window.show_more()
    assert not window.back_office_button.isVisible()
    assert window.show_back_office() is None
    assert window.stack.currentWidget() is window.floor_screen


def test_toasts_wait_while_the_back_office_is_open(qtbot, ctx, demo):
    from app.services import ordering, seating

    window = make_window(qtbot, ctx, StaffMember(demo.manager, "张经理", Role.MANAGER))
    if window.dialog is not None:
        window.dialog.close()
    bill = seating.seat_party(ctx, table_id=demo.table("听雨"), guests=2).bill_id
    line = ordering.add_to_cart(ctx, bill_id=bill, item_id=demo.item("铁观音")).lines[0]
    ordering.send_to_kitchen(ctx, bill_id=bill)
    ordering.serve_line(ctx, line_id=line)
    window.poller.poll()
    assert window.toasts.toasts and all(t.isVisible() for t in window.toasts.toasts)
    window.show_back_office()
    qtbot.waitUntil(lambda: not any(t.isVisible() for t in window.toasts.toasts), timeout=1000)
    window.back_office.back_button.click()
    qtbot.waitUntil(lambda: all(t.isVisible() for t in window.toasts.toasts), timeout=1000)
