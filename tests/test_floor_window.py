"""The simple floor window: rooms as tabs, tables with their states, language at runtime."""

from __future__ import annotations

from app.i18n import Language
from app.services import ordering, seating
from ui.main_window import MainWindow

VENUE = ("店小二茶楼酒家", "Xiaoer Tea House & Restaurant")


def test_floor_shows_rooms_and_table_states_in_chinese(qtbot, ctx, demo, clock):
    bill_id = seating.seat_party(
        ctx, table_id=demo.table("A1"), guests=3, waiter_id=demo.waiter
    ).bill_id
    ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item("西湖龙井"))
    clock.advance(minutes=25)
    window = MainWindow(ctx, Language("zh_CN"), VENUE)
    qtbot.addWidget(window)
    tabs = window.floor.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["大厅", "包厢", "茶室"]
    hall = window.floor.plans[next(iter(window.floor.plans))]
    a1 = next(t for t in hall.tiles() if t.name == "A1")
    text = hall.tile_text(a1)
    assert text[:2] == ["A1", "已点菜"]
    assert "3位 · 王芳" in text
    assert any("25分钟" in line and "¥" in line for line in text)
    assert sum(len(p.tiles()) for p in window.floor.plans.values()) == 22


def test_language_switches_without_restart(qtbot, ctx, demo):
    window = MainWindow(ctx, Language("zh_CN"), VENUE)
    qtbot.addWidget(window)
    window.language_button.click()
    assert window.floor.tabs.tabText(0) == "Hall"
    assert window.title.text() == "Xiaoer Tea House & Restaurant"
    hall = window.floor.plans[next(iter(window.floor.plans))]
    assert hall.tile_text(hall.tiles()[0])[1] == "free"
    window.language_button.click()
    assert window.floor.tabs.tabText(0) == "大厅"


def test_refresh_picks_up_changes_from_the_store(qtbot, ctx, demo):
    window = MainWindow(ctx, Language("en"), VENUE)
    qtbot.addWidget(window)
    seating.seat_party(ctx, table_id=demo.table("A2"), guests=2)
    window.refresh()
    hall = window.floor.plans[next(iter(window.floor.plans))]
    assert next(t for t in hall.tiles() if t.name == "A2").guests == 2


def test_header_buttons_read_as_words_in_both_languages(qtbot, ctx, demo):
    window = MainWindow(ctx, Language("en"), VENUE)
    qtbot.addWidget(window)
    assert window.bills_button.text().replace("&&", "&") == "Bills & printing"
    assert window.language_button.text() == "中文"
    window.language_button.click()
    assert window.language_button.text() == "English"
