"""The main window as staff meet it: log in, lock with one tap or by idling, come back
where they were, font size for arm's length, Qt's own buttons in Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.i18n import Language
from app.services import seating, venue
from app.services.staff import Role, StaffMember
from ui.main_window import MainWindow
from ui.widgets.touch import NORMAL_PX

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

VENUE = ("店小二茶楼酒家", "Xiaoer Tea House & Restaurant")


def make_window(qtbot, ctx, **kwargs) -> MainWindow:
    window = MainWindow(ctx, Language(kwargs.pop("language", "zh_CN")), VENUE, **kwargs)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def log_in(window: MainWindow, staff_id: int, pin: str) -> None:
    window.login.tiles[staff_id].click()
    for digit in pin:
        window.login.pin_pad.keys[digit].click()
    window.login.login_button.click()


def test_starts_locked_and_a_pin_opens_the_floor_with_the_user_shown(qtbot, ctx, demo):
    window = make_window(qtbot, ctx)
    assert window.stack.currentWidget() is window.login
    assert not window.lock_button.isVisible()
    log_in(window, demo.waiter, "1111")
    assert window.stack.currentWidget() is window.floor_screen
    assert window.staff_label.text() == "王芳 · 服务员"
    assert window.lock_button.isVisible() and window.lock_button.text() == "锁屏"
    assert window.lock_button.height() >= NORMAL_PX


def test_wrong_pin_keeps_the_screen_locked(qtbot, ctx, demo):
    window = make_window(qtbot, ctx)
    log_in(window, demo.waiter, "1234")
    assert window.stack.currentWidget() is window.login
    assert window.session.staff is None
    assert "PIN" in window.login.error_label.text()


def test_one_tap_lock_and_the_same_waiter_returns_to_the_open_bill(qtbot, ctx, demo):
    bill_id = seating.seat_party(ctx, table_id=demo.table("A3"), guests=2).bill_id
    waiter = StaffMember(demo.waiter, "王芳", Role.WAITER)
    window = make_window(qtbot, ctx, staff=waiter)
    window.open_bill(bill_id)
    window.lock_button.click()
    assert window.stack.currentWidget() is window.login
    assert window.session.staff is None
    log_in(window, demo.waiter, "1111")
    assert window.stack.currentWidget() is window.order_screen


def test_someone_else_logging_in_after_a_lock_starts_on_the_floor(qtbot, ctx, demo):
    bill_id = seating.seat_party(ctx, table_id=demo.table("A3"), guests=2).bill_id
    window = make_window(qtbot, ctx, staff=StaffMember(demo.waiter, "王芳", Role.WAITER))
    window.open_bill(bill_id)
    window.lock()
    log_in(window, demo.cashier, "3333")
    assert window.stack.currentWidget() is window.floor_screen
    assert window.staff_label.text() == "陈静 · 收银员"


def test_idle_time_locks_the_screen_and_a_tap_postpones_it(qtbot, ctx, demo):
    venue.set_auto_lock(ctx, seconds=2)
    window = make_window(qtbot, ctx, staff=StaffMember(demo.waiter, "王芳", Role.WAITER))
    assert window.idle.timer.isActive() and window.idle.timer.interval() == 2000
    qtbot.wait(300)
    before = window.idle.timer.remainingTime()
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.floor_screen, press)
    assert window.idle.timer.remainingTime() > before  # the countdown started again
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login, timeout=6000)
    assert window.session.staff is None


def test_auto_lock_outside_its_range_is_refused(ctx):
    with pytest.raises(Exception, match="Auto-lock"):
        venue.set_auto_lock(ctx, seconds=-5)
    assert venue.venue_settings(ctx).auto_lock_seconds == 180


def test_font_size_grows_every_screen_and_is_kept_for_next_time(qtbot, ctx, demo):
    window = make_window(qtbot, ctx, staff=StaffMember(demo.waiter, "王芳", Role.WAITER))
    before = window.title.fontInfo().pixelSize()
    assert window.font_button.text() == "字号：标准"
    window.font_button.click()
    assert window.font_button.text() == "字号：大"
    assert window.title.fontInfo().pixelSize() > before
    assert venue.venue_settings(ctx).font_scale_percent == 115
    again = make_window(qtbot, ctx, staff=StaffMember(demo.waiter, "王芳", Role.WAITER))
    assert again.session.font_scale == pytest.approx(1.15)


def test_qt_own_buttons_follow_the_language(qtbot, ctx, demo):
    window = make_window(qtbot, ctx, staff=StaffMember(demo.waiter, "王芳", Role.WAITER))
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    window.language_button.click()
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(english)
    assert english.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    assert window.staff_label.text() == "王芳 · Waiter"
    assert window.lock_button.text() == "Lock"
    window.language_button.click()  # back to Chinese for the next tests
