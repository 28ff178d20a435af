"""The menu editor and the backups panel, tapped as a manager would: what is saved there is
what the order screen reads, a wrong menu file is listed by line, a restore asks first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.i18n import Language
from app.services import queries
from app.services.staff import Role, StaffMember
from ui.backoffice.backups_panel import BackupsPanel
from ui.backoffice.menu_editor import MenuEditorPanel
from ui.widgets.touch import BACKSPACE

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def manager_session(ui_session, demo):
    ui_session.set_staff(StaffMember(demo.manager, "张经理", Role.MANAGER))
    return ui_session


def open_panel(qtbot, panel):
    qtbot.addWidget(panel)
    panel.resize(830, 688)  # 1024×768 less the header and the back office's tabs
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def menu_entry(ctx, code: str) -> queries.MenuEntry | None:
    return next((e for e in queries.menu(ctx)[1] if e.code == code), None)


def category_button(panel: MenuEditorPanel, code: str):
    category = next(c for c in panel.book.categories if c.code == code)
    return panel.category_buttons[category.category_id]


def type_price(panel: MenuEditorPanel, text: str) -> None:
    panel.form.price_pad.keys["clear"].click()
    for key in text:
        panel.form.price_pad.keys[key].click()


def test_changing_a_price_in_the_form_changes_the_order_screen_menu(
    qtbot, manager_session, ctx, demo
):
    panel = open_panel(qtbot, MenuEditorPanel(manager_session))
    category_button(panel, "hot").click()
    kung_pao = demo.item("宫保鸡丁")
    assert panel.dish_buttons[kung_pao].plain_text() == "宫保鸡丁\nH01 · ¥42.00/份"

    panel.dish_buttons[kung_pao].click()
    assert panel.showing_form()
    assert panel.form.price_pad.value() == "42.00"
    assert panel.form.code_edit.text() == "H01"
    type_price(panel, "48.55")
    panel.form.price_pad.keys[BACKSPACE].click()
    panel.form.price_pad.keys["0"].click()
    with qtbot.waitSignal(manager_session.changed):
        panel.form.save_button.click()

    assert menu_entry(ctx, "H01").price_fen == 4850
    assert not panel.showing_form()
    assert panel.dish_buttons[kung_pao].plain_text() == "宫保鸡丁\nH01 · ¥48.50/份"
    assert "宫保鸡丁" in panel.message.text()


def test_a_mistake_in_the_form_is_shown_in_the_form_and_nothing_is_saved(
    qtbot, manager_session, ctx, demo
):
    panel = open_panel(qtbot, MenuEditorPanel(manager_session))
    category_button(panel, "hot").click()
    panel.dish_buttons[demo.item("宫保鸡丁")].click()
    panel.form.name_zh_edit.clear()
    panel.form.save_button.click()

    assert panel.showing_form()
    assert panel.form.error_text() == manager_session.tr("Enter the dish's Chinese name.")
    assert menu_entry(ctx, "H01").name_zh == "宫保鸡丁"


def test_a_new_dish_from_the_form_is_on_the_menu_with_its_pinyin(qtbot, manager_session, ctx):
    panel = open_panel(qtbot, MenuEditorPanel(manager_session))
    category_button(panel, "hot").click()
    panel.new_dish_button.click()
    assert panel.form.code_edit.text() == "H21"
    panel.form.name_zh_edit.insert("鱼香茄子")  # as the input method commits it
    qtbot.keyClicks(panel.form.name_en_edit, "Fish-fragrant eggplant")
    type_price(panel, "32")
    spice = next(g for g in panel.book.groups if g.code == "spice")
    panel.form.group_buttons[spice.group_id].click()
    panel.form.course_buttons["hot"].click()
    panel.form.save_button.click()

    new = menu_entry(ctx, "H21")
    assert (new.name_zh, new.price_fen, new.pinyin_initials, new.has_options) == (
        "鱼香茄子",
        3200,
        "yxqz",
        True,
    )
    assert panel.dish_buttons[new.item_id].plain_text().startswith("鱼香茄子\nH21")


def test_sold_out_is_one_tap_in_the_dish_list(qtbot, manager_session, ctx, demo):
    panel = open_panel(qtbot, MenuEditorPanel(manager_session))
    category_button(panel, "hot").click()
    toggle = panel.sold_out_buttons[demo.item("宫保鸡丁")]
    assert toggle.text() == "估清" and not toggle.isChecked()

    toggle.click()

    assert menu_entry(ctx, "H01").sold_out
    assert panel.sold_out_buttons[demo.item("宫保鸡丁")].isChecked()
    panel.sold_out_buttons[demo.item("宫保鸡丁")].click()
    assert not menu_entry(ctx, "H01").sold_out


def test_taking_a_dish_off_the_menu(qtbot, manager_session, ctx, demo):
    panel = open_panel(qtbot, MenuEditorPanel(manager_session))
    category_button(panel, "snack").click()
    seeds = demo.item("五香瓜子")
    panel.dish_buttons[seeds].click()
    panel.form.deactivate_button.click()

    assert menu_entry(ctx, "N01") is None
    assert not panel.sold_out_buttons[seeds].isEnabled()
    assert category_button(panel, "snack").text() == "茶点小食 (8)"


def test_import_errors_are_listed_by_line_and_nothing_is_imported(
    qtbot, manager_session, ctx, tmp_path
):
    panel = open_panel(qtbot, MenuEditorPanel(manager_session))
    manager_session.set_language(Language("en"))
    path = tmp_path / "menu.csv"
    path.write_text(
        "code,category_zh,name_zh,price,station\n"
        "Q01,特色菜,春笋,38,hot\n"
        "H01,热菜,宫保鸡丁,abc,hot\n"
        "Q02,特色菜,烤鸭,98,grill\n",
        encoding="utf-8",
    )
    before = queries.menu(ctx)

    assert panel.import_csv(path) is None

    assert panel.problems_text().splitlines() == [
        "Nothing was imported. Correct these rows and import again:",
        "Line 3: “abc” is not a price in yuan.",
        "Line 4: There is no kitchen station grill (use one of bar, cold, hot).",
    ]
    assert queries.menu(ctx) == before
    panel.problems_close.click()
    assert panel.problems_text() == ""


def test_export_then_import_through_the_panel(qtbot, manager_session, ctx, tmp_path):
    panel = open_panel(qtbot, MenuEditorPanel(manager_session))
    path = tmp_path / "menu.csv"

    assert panel.export_csv(path) == 138
    assert path.read_text(encoding="utf-8-sig").count("\n") == 139
    changes = panel.import_csv(path)

    assert (changes.added, changes.updated) == (0, 0)
    assert panel.problems_text() == ""
    assert panel.message.kind == "info"


def test_the_file_dialogs_are_touch_dialogs_of_qt(qtbot, manager_session):
    panel = open_panel(qtbot, MenuEditorPanel(manager_session))
    panel.import_button.click()
    dialog = panel.file_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.testOption(dialog.Option.DontUseNativeDialog)
    dialog.reject()
    panel.export_button.click()
    assert panel.file_dialog.acceptMode() == panel.file_dialog.AcceptMode.AcceptSave
    panel.file_dialog.reject()


def test_categories_are_added_and_renamed_from_the_panel(qtbot, manager_session, ctx):
    panel = open_panel(qtbot, MenuEditorPanel(manager_session))
    panel.new_category_button.click()
    dialog = panel.dialog
    dialog.save_button.click()
    assert dialog.isVisible()  # no name yet: it says so and stays open
    assert dialog.error_label.text() == manager_session.tr("Enter the category's Chinese name.")
    dialog.name_zh_edit.insert("特色菜")
    dialog.save_button.click()

    assert not dialog.isVisible()
    assert panel.book.categories[-1].name_zh == "特色菜"
    new = panel.category_buttons[panel.book.categories[-1].category_id]
    new.click()
    assert panel.empty_label.isVisible()
    panel.up_button.click()
    assert [c.name_zh for c in panel.book.categories[-2:]] == ["特色菜", "套餐"]


def test_the_panel_follows_the_language(qtbot, manager_session, demo):
    panel = open_panel(qtbot, MenuEditorPanel(manager_session))
    category_button(panel, "hot").click()

    manager_session.set_language(Language("en"))

    assert category_button(panel, "hot").text() == "Hot dishes (20)"
    assert panel.dish_buttons[demo.item("宫保鸡丁")].plain_text() == (
        "Kung Pao chicken\nH01 · CN¥42.00/plate"
    )
    assert panel.sold_out_buttons[demo.item("宫保鸡丁")].text() == "Sold out"
    assert panel.export_button.text() == "Export CSV"


# -- backups ------------------------------------------------------------------------------------


def test_back_up_now_lists_the_backup(qtbot, manager_session, db_path):
    panel = open_panel(qtbot, BackupsPanel(manager_session))
    assert panel.empty_label.isVisible()

    with qtbot.waitSignal(panel.backed_up) as taken:
        panel.back_up_button.click()
        assert panel.busy and not panel.back_up_button.isEnabled()  # copying on a worker

    assert panel.backup_files() == [db_path.parent / "backups" / "xiaoer-20261120-113000.sqlite3"]
    assert taken.args == panel.backup_files()
    assert panel.back_up_button.isEnabled() and not panel.busy_label.isVisible()
    when, size, _restore = panel.rows[panel.backup_files()[0]]
    assert when.text() == "2026年11月20日 11:30:00"
    assert size.text().endswith("MB")
    assert not panel.empty_label.isVisible()


def test_restore_asks_first_then_says_to_restart(qtbot, manager_session, ctx, db_path):
    panel = open_panel(qtbot, BackupsPanel(manager_session))
    with qtbot.waitSignal(panel.backed_up):
        panel.back_up_button.click()
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE menu_item SET price_fen = 9900 WHERE code = 'H01'")
    connection.commit()
    connection.close()
    backup = panel.backup_files()[0]

    panel.rows[backup][2].click()
    dialog = panel.confirm_dialog
    assert dialog.isVisible()
    dialog.no_button.click()
    assert menu_entry(ctx, "H01").price_fen == 9900
    assert not panel.restart_label.isVisible()

    panel.rows[backup][2].click()
    with qtbot.waitSignal(panel.restored) as restored:
        panel.confirm_dialog.yes_button.click()

    assert restored.args == [db_path]
    assert menu_entry(ctx, "H01").price_fen == 4200
    assert panel.restart_label.isVisible()
    assert manager_session.tr("Restart Xiaoer to use the restored store.") in (
        panel.restart_label.text()
    )
    assert len(list(Path(db_path).parent.glob("venue.before-restore-*.sqlite3"))) == 1


def test_a_bad_backup_file_is_refused_in_the_panel(qtbot, manager_session, tmp_path, db_path):
    panel = open_panel(qtbot, BackupsPanel(manager_session))
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a store", encoding="utf-8")
    before = db_path.read_bytes()

    panel.ask_restore(bad)
    panel.confirm_dialog.yes_button.click()
    qtbot.waitUntil(lambda: not panel.busy)

    assert panel.message.kind == "error"
    assert "bad.sqlite3" in panel.message.text()
    assert not panel.restart_label.isVisible()
    assert db_path.read_bytes() == before
