"""The manager's menu: what is saved is what the order screen reads (``queries.menu``), and
a menu spreadsheet is imported whole or not at all, wrong rows named by their line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.errors import InvalidInput, NotAllowed, XiaoerError
from app.i18n import Language
from app.services import dish_options, menu_admin, menu_csv, ordering, queries, seating
from app.services.menu_admin import GroupDraft, ItemDraft, OptionDraft
from app.services.menu_csv import MenuImportError
from db.models import AuditEntry, MenuCategory, OrderLineOption

ROOT = Path(__file__).resolve().parent.parent
HEADER = (
    "code,category_zh,category_en,name_zh,name_en,price,unit_zh,unit_en,station,course,"
    "weighed,market_price,sold_out,options,active"
)


def entry(ctx, code: str) -> queries.MenuEntry | None:
    return next((e for e in queries.menu(ctx)[1] if e.code == code), None)


def book_item(ctx, code: str) -> menu_admin.ItemView:
    return next(i for i in menu_admin.menu_book(ctx).items if i.draft.code == code)


def category_id(ctx, code: str) -> int:
    return next(c.category_id for c in menu_admin.menu_book(ctx).categories if c.code == code)


def station_id(ctx, code: str) -> int:
    return next(s.station_id for s in menu_admin.menu_book(ctx).stations if s.code == code)


def write_csv(path: Path, *rows: str, bom: bool = False) -> Path:
    text = "\n".join([HEADER, *rows]) + "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


# -- CSV ----------------------------------------------------------------------------------------


def test_exported_menu_imports_back_unchanged(ctx, tmp_path):
    before = queries.menu(ctx), menu_admin.menu_book(ctx)
    path = tmp_path / "menu.csv"

    count = menu_csv.export_csv(ctx, path)
    changes = menu_csv.import_csv(ctx, path)

    assert count == len(before[0][1]) == 138
    assert path.read_bytes().startswith(b"\xef\xbb\xbf" + HEADER.encode())
    assert (changes.added, changes.updated) == (0, 0)
    assert (queries.menu(ctx), menu_admin.menu_book(ctx)) == before
    assert menu_csv.export_text(ctx) == path.read_text(encoding="utf-8-sig")


def test_export_writes_each_offered_dish_with_its_settings(ctx, tmp_path, demo):
    menu_admin.deactivate_item(ctx, item_id=demo.item("鲜花饼"))
    lines = menu_csv.export_text(ctx).splitlines()

    assert lines[0] == HEADER
    kung_pao = "H01,热菜,Hot dishes,宫保鸡丁,Kung Pao chicken,42.00,份,plate,hot,hot,no,no,no,"
    assert kung_pao + "spice|extras,yes" in lines
    assert not any("鲜花饼" in line for line in lines)
    assert len(lines) == 1 + 137


def test_import_adds_and_updates_dishes_by_code_and_works_out_pinyin(ctx, tmp_path, demo):
    kung_pao = demo.item("宫保鸡丁")
    path = write_csv(
        tmp_path / "menu.csv",
        "H01,热菜,Hot dishes,宫保鸡丁,Kung Pao chicken,45.50,份,plate,hot,hot,no,no,yes,spice,yes",
        "Q01,特色菜,Specials,宫保鸡丁,House Kung Pao,52,份,,hot,hot,no,no,no,spice|extras,",
        "Q02,特色菜,Specials,清蒸石斑,Grouper,168.00,斤,jin,hot,hot,yes,yes,no,FISH_STYLE,yes",
        "",
        bom=True,
    )

    changes = menu_csv.import_csv(ctx, path)

    assert (changes.added, changes.updated) == (2, 1)
    h01 = entry(ctx, "H01")
    assert (h01.price_fen, h01.sold_out, h01.item_id) == (4550, True, kung_pao)
    assert [g.name_zh for g in dish_options.item_option_groups(ctx, h01.item_id)] == ["辣度"]
    q01, q02 = entry(ctx, "Q01"), entry(ctx, "Q02")
    assert (q01.pinyin_initials, q01.price_fen, q01.unit_zh, q01.unit_en) == (
        "gbjd",
        5200,
        "份",
        "",
    )
    assert (q02.pinyin_initials, q02.weighed, q02.market_price) == ("qzsb", True, True)
    assert [g.name_zh for g in dish_options.item_option_groups(ctx, q02.item_id)] == ["做法"]
    categories, entries = queries.menu(ctx)
    assert categories[-1][1:] == ("特色菜", "Specials")
    assert {e.code for e in queries.search_menu(entries, "gbjd")} == {"H01", "Q01"}


def test_a_wrong_row_is_reported_by_line_number_and_nothing_is_imported(ctx, tmp_path):
    before = queries.menu(ctx)
    path = write_csv(
        tmp_path / "menu.csv",
        "Q01,特色菜,Specials,春笋,Bamboo shoots,38,份,plate,hot,hot,no,no,no,,yes",  # line 2
        "H01,热菜,Hot dishes,宫保鸡丁,Kung Pao chicken,abc,份,plate,hot,hot,no,no,no,,yes",
        "Q02,特色菜,Specials,烤鸭,Roast duck,98,只,duck,grill,hot,no,no,no,,yes",
        "Q03,特色菜,Specials,,Nameless,18,份,plate,hot,hot,no,no,no,,yes",
        "H02,热菜,Hot dishes,回锅肉,Twice-cooked pork,50,份,plate,hot,hot,no,no,no,,yes",
    )

    with pytest.raises(MenuImportError) as refused:
        menu_csv.import_csv(ctx, path)

    assert refused.value.lines == [3, 4, 5]
    text = Language("en").error_text(refused.value).splitlines()
    assert text == [
        "Nothing was imported. Correct these rows and import again:",
        "Line 3: “abc” is not a price in yuan.",
        "Line 4: There is no kitchen station grill (use one of bar, cold, hot).",
        "Line 5: Enter the dish's Chinese name.",
    ]
    assert queries.menu(ctx) == before  # not even the good rows 2 and 6
    with ctx.reading() as session:
        assert (
            session.scalars(select(MenuCategory).where(MenuCategory.name_zh == "特色菜")).all()
            == []
        )


def test_every_reason_of_a_row_is_given_and_at_most_twenty_rows_are_listed(ctx, tmp_path):
    rows = [f"Q{n:02d},特色菜,,菜{n},,{n},份,,hot,lunch,maybe,no,no,nope,yes" for n in range(25)]
    path = write_csv(tmp_path / "menu.csv", *rows)

    with pytest.raises(MenuImportError) as refused:
        menu_csv.import_csv(ctx, path)

    assert refused.value.lines == list(range(2, 22))
    text = Language("en").error_text(refused.value).splitlines()
    assert text[1:4] == [
        "Line 2: There is no option group nope.",
        "Line 2: “maybe” in the column weighed must be yes or no.",
        "Line 2: There is no course lunch.",
    ]
    assert text[-1] == "… and 5 more wrong rows."


def test_the_same_code_twice_in_a_file_is_refused(ctx, tmp_path):
    path = write_csv(
        tmp_path / "menu.csv",
        "Q01,特色菜,,春笋,,38,份,,hot,hot,no,no,no,,yes",
        "Q01,特色菜,,冬笋,,39,份,,hot,hot,no,no,no,,yes",
    )
    with pytest.raises(MenuImportError) as refused:
        menu_csv.import_csv(ctx, path)
    assert refused.value.lines == [3]
    assert "Line 3: The code Q01 is already on line 2." in Language("en").error_text(refused.value)


def test_a_dish_inside_an_offered_set_meal_stays_on_the_menu(ctx, tmp_path):
    rows = {line.split(",")[3]: line for line in menu_csv.export_text(ctx).splitlines()}
    off = {name: rows[name].removesuffix(",yes") + ",no" for name in rows}
    rice_alone = write_csv(tmp_path / "rice.csv", rows["宫保鸡丁"], off["米饭"])

    with pytest.raises(MenuImportError) as refused:
        menu_csv.import_csv(ctx, rice_alone)

    assert refused.value.lines == [3]
    assert "Line 3: 米饭 is part of the set meal" in Language("en").error_text(refused.value)
    with_its_sets = write_csv(
        tmp_path / "sets.csv", off["双人商务套餐"], off["米饭"], off["四人家庭套餐"]
    )
    assert menu_csv.import_csv(ctx, with_its_sets).updated == 3
    assert {"米饭", "双人商务套餐"}.isdisjoint(e.name_zh for e in queries.menu(ctx)[1])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe" + "code".encode("utf-16-le"), "The file is not UTF-8 text."),
        (b"", "The file is empty"),
        ("code,name_zh\nH01,宫保鸡丁\n".encode(), "The header row lacks the columns category_zh"),
        (HEADER.encode() + b"\n", "The file is empty"),
    ],
)
def test_a_file_that_is_no_menu_is_refused_whole(ctx, data, message):
    with pytest.raises(InvalidInput) as refused:
        menu_csv.import_bytes(ctx, data)
    assert str(refused.value).startswith(message)


def test_the_documented_template_imports_into_the_demo_venue(ctx):
    changes = menu_csv.import_csv(ctx, ROOT / "docs" / "menu-template.csv")

    assert (changes.added, changes.updated) == (8, 0)
    fish = entry(ctx, "L08")
    assert (fish.weighed, fish.market_price, fish.unit_en) == (True, True, "jin (500 g)")
    assert entry(ctx, "D13").sold_out
    assert entry(ctx, "J02") is None  # imported, but not on the menu (active: no)
    assert entry(ctx, "J01").pinyin_initials == "csclr"
    with ctx.reading() as session:
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "menu_import")).one()
    assert '"added": 8' in audit.detail


# -- dishes -------------------------------------------------------------------------------------


def test_saving_a_dish_changes_what_the_order_screen_reads(ctx, demo):
    item = book_item(ctx, "H01")
    draft = replace(item.draft, name_zh="宫保虾仁", price_fen=5800, option_group_ids=())

    changes = menu_admin.update_item(ctx, item_id=item.item_id, draft=draft, staff_id=demo.manager)

    assert changes.menu and changes.item_id == item.item_id
    h01 = entry(ctx, "H01")
    assert (h01.name_zh, h01.price_fen, h01.pinyin_initials, h01.has_options) == (
        "宫保虾仁",
        5800,
        "gbxr",
        False,
    )
    with ctx.reading() as session:
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "menu_price")).one()
    assert (audit.staff_id, audit.detail) == (
        demo.manager,
        '{"item": "H01", "old_fen": 4200, "new_fen": 5800}',
    )


def test_a_new_dish_is_offered_at_once_and_can_be_taken_off_and_back(ctx, demo):
    hot = category_id(ctx, "hot")
    code = menu_admin.suggest_code(ctx, hot)
    draft = ItemDraft(
        code=code,
        name_zh="鱼香茄子",
        name_en="Fish-fragrant eggplant",
        category_id=hot,
        station_id=station_id(ctx, "hot"),
        price_fen=3200,
        option_group_ids=(book_item(ctx, "H01").draft.option_group_ids[0],),
    )

    added = menu_admin.add_item(ctx, draft)

    assert code == "H21"
    new = entry(ctx, "H21")
    assert (new.item_id, new.pinyin_initials, new.has_options) == (added.item_id, "yxqz", True)
    assert queries.menu(ctx)[1][-1] == new  # at the end of the menu
    menu_admin.deactivate_item(ctx, item_id=added.item_id)
    assert entry(ctx, "H21") is None
    assert not book_item(ctx, "H21").active
    menu_admin.reactivate_item(ctx, item_id=added.item_id)
    assert entry(ctx, "H21") == new


def test_sold_out_is_one_tap_and_the_order_screen_refuses_the_dish(ctx, demo):
    item_id = demo.item("宫保鸡丁")
    bill_id = seating.seat_party(ctx, table_id=demo.table("A1"), guests=2).bill_id

    menu_admin.set_sold_out(ctx, item_id=item_id, sold_out=True)

    assert entry(ctx, "H01").sold_out
    with pytest.raises(NotAllowed):
        ordering.add_to_cart(ctx, bill_id=bill_id, item_id=item_id, option_ids=[])
    menu_admin.set_sold_out(ctx, item_id=item_id, sold_out=False)
    assert not entry(ctx, "H01").sold_out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(code="H02"), "The code H02 is already used by 回锅肉."),
        (dict(code="H 1"), "The code H 1 must be 1 to 20 letters, digits, - or _."),
        (dict(name_zh="  "), "Enter the dish's Chinese name."),
        (dict(price_fen=-1), "-¥0.01 is not a possible price."),
        (dict(course="lunch"), "There is no course lunch."),
        (dict(unit_zh=""), "Enter the unit (份, 斤 …)."),
        (dict(station_id=999), "That kitchen station does not exist."),
        (dict(option_group_ids=(999,)), "That option group does not exist."),
    ],
)
def test_a_dish_that_cannot_be_saved_says_why_and_stays_as_it_was(ctx, change, message):
    item = book_item(ctx, "H01")
    with pytest.raises(XiaoerError) as refused:
        menu_admin.update_item(ctx, item_id=item.item_id, draft=replace(item.draft, **change))
    assert str(refused.value) == message
    assert book_item(ctx, "H01") == item


def test_set_meals_keep_their_dishes_consistent(ctx, demo):
    set_meal = book_item(ctx, "S01")
    rice = demo.item("米饭")
    with pytest.raises(NotAllowed, match="米饭 is part of the set meal 双人商务套餐"):
        menu_admin.deactivate_item(ctx, item_id=rice)
    with pytest.raises(InvalidInput, match="cannot be weighed"):
        menu_admin.update_item(
            ctx, item_id=set_meal.item_id, draft=replace(set_meal.draft, weighed=True)
        )
    with pytest.raises(InvalidInput, match="cannot contain itself"):
        menu_admin.update_item(
            ctx,
            item_id=set_meal.item_id,
            draft=replace(set_meal.draft, components=((set_meal.item_id, 1),)),
        )

    fewer = (*set_meal.draft.components[:-1], (rice, 3))
    menu_admin.update_item(
        ctx, item_id=set_meal.item_id, draft=replace(set_meal.draft, components=fewer)
    )

    assert book_item(ctx, "S01").draft.components == fewer
    assert entry(ctx, "S01").is_set_meal


# -- categories ---------------------------------------------------------------------------------


def test_categories_are_added_renamed_and_put_in_order(ctx):
    added = menu_admin.add_category(ctx, name_zh="特色菜", name_en="Specials")
    menu_admin.rename_category(
        ctx, category_id=added.category_id, name_zh="招牌菜", name_en="House specials"
    )
    menu_admin.move_category(ctx, category_id=added.category_id, step=-1)

    categories = queries.menu(ctx)[0]
    assert categories[-2] == (added.category_id, "招牌菜", "House specials")
    assert categories[-1][1] == "套餐"
    with pytest.raises(InvalidInput, match="There is already a category 热菜"):
        menu_admin.add_category(ctx, name_zh="热菜")
    order = [c[0] for c in categories]
    menu_admin.reorder_categories(ctx, category_ids=order[::-1])
    assert [c[0] for c in queries.menu(ctx)[0]] == order[::-1]
    with pytest.raises(InvalidInput):
        menu_admin.reorder_categories(ctx, category_ids=order[1:])


def test_taking_a_category_off_takes_its_dishes_off_the_order_screen(ctx):
    snacks = category_id(ctx, "snack")

    changes = menu_admin.deactivate_category(ctx, category_id=snacks)

    assert changes.updated == 9
    assert not [e for e in queries.menu(ctx)[1] if e.category_id == snacks]
    book = menu_admin.menu_book(ctx)
    assert next(c for c in book.categories if c.category_id == snacks).active_items == 0
    fruit = category_id(ctx, "fruit")
    with pytest.raises(NotAllowed, match="时令水果拼盘（大） is part of the set meal 八人宴席套餐"):
        menu_admin.deactivate_category(ctx, category_id=fruit)
    assert len([e for e in queries.menu(ctx)[1] if e.category_id == fruit]) == 7


# -- option groups ------------------------------------------------------------------------------


def test_option_groups_are_made_and_changed_and_old_bills_keep_their_choices(ctx, demo):
    group = menu_admin.add_option_group(
        ctx,
        GroupDraft(
            code="sauce",
            name_zh="酱料",
            name_en="Sauce",
            required=True,
            min_choices=1,
            max_choices=1,
            options=(OptionDraft("甜面酱", "Sweet bean", 0), OptionDraft("海鲜酱", "Hoisin", 200)),
        ),
    )
    item = book_item(ctx, "H01")
    menu_admin.update_item(
        ctx,
        item_id=item.item_id,
        draft=replace(item.draft, option_group_ids=(*item.draft.option_group_ids, group.group_id)),
    )
    asked = dish_options.item_option_groups(ctx, item.item_id)
    assert [g.name_zh for g in asked] == ["辣度", "加料", "酱料"]
    hoisin = asked[-1].choices[1]
    bill_id = seating.seat_party(ctx, table_id=demo.table("A1"), guests=2).bill_id
    ordering.add_to_cart(
        ctx,
        bill_id=bill_id,
        item_id=item.item_id,
        option_ids=[demo.option("spice", "微辣"), hoisin.option_id],
    )

    sweet = asked[-1].choices[0]
    menu_admin.update_option_group(
        ctx,
        group_id=group.group_id,
        draft=GroupDraft(
            code="sauce",
            name_zh="酱料",
            name_en="Sauce",
            required=True,
            min_choices=1,
            max_choices=1,
            options=(OptionDraft("甜面酱", "Sweet bean sauce", 100, sweet.option_id),),
        ),
    )

    choices = dish_options.item_option_groups(ctx, item.item_id)[-1].choices
    assert [(c.option_id, c.name_en, c.surcharge_fen) for c in choices] == [
        (sweet.option_id, "Sweet bean sauce", 100)
    ]
    with ctx.reading() as session:
        kept = session.scalars(
            select(OrderLineOption).where(OrderLineOption.name_zh == "海鲜酱")
        ).one()
    assert (kept.option_id, kept.surcharge_fen) == (None, 200)
    line = queries.bill_view(ctx, bill_id).lines[0]
    assert line.surcharge_fen == 200


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(code="spice"), "There is already an option group spice."),
        (dict(options=()), "An option group needs at least one choice."),
        (dict(max_choices=3), "The group has 2 choices: it cannot ask for more."),
        (dict(min_choices=2, max_choices=1), "The least choices must be 0 or more"),
        (
            dict(options=(OptionDraft("甜"), OptionDraft("甜"))),
            "Two choices of the group have the same name.",
        ),
    ],
)
def test_an_option_group_that_cannot_work_is_refused(ctx, change, message):
    draft = GroupDraft(
        code="sauce",
        name_zh="酱料",
        options=(OptionDraft("甜面酱"), OptionDraft("海鲜酱")),
    )
    with pytest.raises(InvalidInput) as refused:
        menu_admin.add_option_group(ctx, replace(draft, **change))
    assert str(refused.value).startswith(message)
