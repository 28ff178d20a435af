"""The log-in screen and the shared touch widgets, tapped as staff would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from app.i18n import Language
from ui.login import LoginScreen
from ui.widgets import LetterPad, NumPad, TouchButton, confirm
from ui.widgets.touch import BACKSPACE, ConfirmDialog

# the offscreen platform says so when a window is shown; it is not a fault of the screen
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def make_screen(qtbot, ctx, language: str = "zh_CN") -> LoginScreen:
    screen = LoginScreen(ctx, Language(language))
    qtbot.addWidget(screen)
    screen.resize(1024, 768)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def type_pin(screen: LoginScreen, pin: str) -> None:
    for digit in pin:
        screen.pin_pad.keys[digit].click()


def test_waiter_logs_in_with_tile_pin_pad_and_log_in_button(qtbot, ctx, demo):
    screen = make_screen(qtbot, ctx)
    assert screen.tiles[demo.waiter].text() == "王芳\n服务员"
    screen.tiles[demo.waiter].click()
    assert not screen.login_button.isEnabled()
    type_pin(screen, "1111")
    assert screen.pin_pad.display.text() == "●●●●"
    with qtbot.waitSignal(screen.logged_in, timeout=2000) as blocker:
        screen.login_button.click()
    member = blocker.args[0]
    assert (member.id, member.name) == (demo.waiter, "王芳")
    assert screen.pin_pad.value() == ""
    assert not screen.error_label.isVisible()


def test_wrong_pin_shows_tries_left_in_chinese_and_clears_the_pad(qtbot, ctx, demo):
    screen = make_screen(qtbot, ctx)
    screen.tiles[demo.waiter].click()
    type_pin(screen, "2222")
    with qtbot.assertNotEmitted(screen.logged_in):
        screen.login_button.click()
    assert screen.error_label.isVisible()
    assert screen.error_label.text() == "PIN 码错误，还可尝试 4 次。"
    assert screen.pin_pad.value() == ""
    assert screen.pin_pad.display.text() == ""


def test_five_wrong_pins_lock_the_staff_member_out(qtbot, ctx, demo, clock):
    screen = make_screen(qtbot, ctx)
    screen.tiles[demo.waiter].click()
    for _ in range(5):
        type_pin(screen, "2222")
        screen.login_button.click()
    assert screen.error_label.text() == "PIN 码错误，王芳已被锁定 60 秒。"
    clock.advance(seconds=20)
    type_pin(screen, "1111")
    with qtbot.assertNotEmitted(screen.logged_in):
        screen.login_button.click()
    assert "王芳" in screen.error_label.text()
    assert "41 秒后再试" in screen.error_label.text()


def test_language_switch_retranslates_tiles_buttons_and_the_shown_error(qtbot, ctx, demo):
    screen = make_screen(qtbot, ctx)
    screen.tiles[demo.waiter].click()
    type_pin(screen, "2222")
    screen.login_button.click()
    screen.set_language(Language("en"))
    assert screen.login_button.text() == "Log in"
    assert screen.tiles[demo.waiter].text() == "王芳\nWaiter"
    assert screen.tiles[demo.manager].text().endswith("Manager")
    assert screen.pin_pad.keys["clear"].text() == "Clear"
    assert screen.error_label.text() == "Wrong PIN. 4 tries left."


def test_every_button_is_finger_sized_and_pad_keys_are_large(qtbot, ctx, demo):
    screen = make_screen(qtbot, ctx)
    buttons = [b for b in screen.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) >= len(screen.tiles) + 13
    assert all(b.height() >= 48 and b.width() >= 48 for b in buttons)
    keys = [k for k in screen.pin_pad.keys.values() if k.isVisible()]
    assert all(k.height() >= 64 and k.width() >= 64 for k in keys)
    assert screen.login_button.height() >= 64


def test_pin_pad_keeps_leading_zeros_and_stops_at_eight_digits(qtbot, ctx, demo):
    screen = make_screen(qtbot, ctx)
    type_pin(screen, "0012345678")
    assert screen.pin_pad.value() == "00123456"
    assert screen.pin_pad.display.text() == "●" * 8
    assert not screen.pin_pad.keys["."].isVisible()


def test_numpad_decimals_backspace_and_clear(qtbot):
    pad = NumPad(Language("zh_CN"), decimals=1, max_length=5)
    qtbot.addWidget(pad)
    seen: list[str] = []
    pad.changed.connect(seen.append)
    for key in (".", "5", "5", ".", BACKSPACE, BACKSPACE, "0", "1", "6", "."):
        pad.press(key)
    # "." starts "0.", a second decimal and a second "." are refused; 0 then 1 is 1
    assert seen == ["0.", "0.5", "0.", "0", "1", "16", "16."]
    assert pad.value() == "16."
    pad.keys["00"].click()
    assert pad.value() == "16.0"
    pad.keys["clear"].click()
    assert pad.value() == ""
    pad.set_value("12")
    pad.keys["00"].click()
    assert pad.value() == "1200"


def test_numpad_for_whole_numbers_ignores_the_point(qtbot):
    pad = NumPad(Language("en"), max_length=2)
    qtbot.addWidget(pad)
    for key in ("0", "4", ".", "2", "7"):
        pad.press(key)
    assert pad.value() == "42"


def test_letter_pad_emits_typed_letters(qtbot):
    pad = LetterPad(Language("zh_CN"))
    qtbot.addWidget(pad)
    for letter in "gbjd":
        with qtbot.waitSignal(pad.changed, timeout=1000):
            pad.keys[letter].click()
    assert pad.value() == "gbjd"
    with qtbot.waitSignal(pad.changed, timeout=1000) as blocker:
        pad.keys[BACKSPACE].click()
    assert blocker.args == ["gbj"]
    pad.keys["clear"].click()
    assert pad.value() == ""
    assert pad.keys["clear"].text() == "清除"


def test_touch_button_sizes_and_ampersand():
    main, normal = TouchButton("Bills & printing", size="main"), TouchButton("OK")
    assert main.minimumHeight() == 64 and normal.minimumHeight() == 48
    assert main.text() == "Bills && printing"
    assert main.plain_text() == "Bills & printing"


def test_confirm_returns_the_answer_tapped(qtbot):
    seen: list[str] = []

    def tap(answer: str) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ConfirmDialog):
            seen.append(dialog.yes_button.text())
            getattr(dialog, f"{answer}_button").click()
        elif dialog is not None:
            dialog.reject()

    QTimer.singleShot(0, lambda: tap("yes"))
    assert confirm(None, Language("zh_CN"), "清台", "确定清台吗？") is True
    QTimer.singleShot(0, lambda: tap("no"))
    assert confirm(None, Language("zh_CN"), "清台", "确定清台吗？") is False
    assert seen == ["是", "是"]
