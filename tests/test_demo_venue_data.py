"""Sanity checks for the demo venue data in ``db.demo_venue``."""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations

import pytest

from db import demo_venue as dv

CANVAS_W = 1000
CANVAS_H = 640
MIN_AISLE = 20  # plan units between any two tables in the same area

COURSES = {"drink", "cold", "premium", "hot", "soup", "staple", "snack", "fruit"}
SHAPES = {"square", "round", "rect"}
TIMED_KEYS = {"block_minutes", "block_price_fen", "free_minutes", "cap_fen"}
TABLE_KEYS = {
    "name",
    "seats",
    "shape",
    "x",
    "y",
    "width",
    "height",
    "minimum_spend_fen",
    "timed",
}
ITEM_KEYS = {
    "code",
    "category",
    "name_zh",
    "name_en",
    "price_fen",
    "unit_zh",
    "unit_en",
    "station",
    "course",
    "weighed",
    "market_price",
    "sold_out",
    "options",
}
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

# category -> (allowed courses, allowed stations)
CATEGORY_RULES = {
    "tea": ({"drink"}, {"bar"}),
    "drink": ({"drink"}, {"bar"}),
    "dimsum": ({"staple"}, {"hot"}),
    "staple": ({"staple"}, {"hot"}),
    "cold": ({"cold"}, {"cold"}),
    "fruit": ({"fruit"}, {"cold"}),
    "snack": ({"snack"}, {"bar", "cold"}),
    "soup": ({"soup", "premium"}, {"hot"}),
    "hot": ({"hot", "premium"}, {"hot"}),
    "live": ({"hot"}, {"hot"}),
    "broth": ({"hot"}, {"hot"}),
    "hotpot": ({"hot"}, {"cold"}),
}


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _rooms() -> dict[str, dict]:
    return {room["code"]: room for room in dv.ROOMS}


def _all_tables():
    for room in dv.ROOMS:
        for table in room["tables"]:
            yield room, table


def _items_by_name() -> dict[str, dict]:
    return {item["name_zh"]: item for item in dv.ITEMS}


def _all_sellables() -> list[dict]:
    return [*dv.ITEMS, *dv.SET_MEALS]


def _english_texts():
    yield "VENUE.name_en", dv.VENUE["name_en"]
    yield "VENUE.receipt_footer_en", dv.VENUE["receipt_footer_en"]
    for code, _zh, en in dv.STATIONS:
        yield f"station {code}", en
    for room in dv.ROOMS:
        yield f"room {room['code']}", room["name_en"]
    for code, _zh, en in dv.CATEGORIES:
        yield f"category {code}", en
    for group in dv.OPTION_GROUPS:
        yield f"group {group['code']}", group["name_en"]
        for _zh, en, _fee in group["options"]:
            yield f"option in {group['code']}", en
    for item in _all_sellables():
        yield f"item {item['code']}", item["name_en"]
        yield f"unit of {item['code']}", item["unit_en"]
    for table_name in ("QUICK_NOTES", "VOID_REASONS", "DISCOUNT_REASONS"):
        for _zh, en in getattr(dv, table_name):
            yield table_name, en


# ---------------------------------------------------------------------------
# Venue and stations
# ---------------------------------------------------------------------------


def test_venue_basics():
    venue = dv.VENUE
    assert venue["name_zh"] == "店小二茶楼酒家"
    assert venue["name_en"] == "Xiaoer Tea House & Restaurant"
    assert CJK.search(venue["address"])
    assert venue["phone"]
    assert venue["receipt_footer_zh"] and venue["receipt_footer_en"]
    assert venue["service_charge_bp"] == 0
    assert venue["rounding_mode"] == "down_jiao"
    assert _is_int(venue["max_party_size"]) and venue["max_party_size"] == 30


def test_tax_id_is_a_well_formed_uscc():
    tax_id = dv.VENUE["tax_id"]
    assert len(tax_id) == 18
    assert tax_id.startswith("91510100")
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    assert all(c in charset for c in tax_id)
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(charset.index(c) * w for c, w in zip(tax_id[:17], weights, strict=True))
    assert tax_id[17] == charset[(31 - total % 31) % 31]


def test_stations():
    codes = [code for code, _zh, _en in dv.STATIONS]
    assert codes == ["hot", "cold", "bar"]


# ---------------------------------------------------------------------------
# Floor plan
# ---------------------------------------------------------------------------


def test_room_codes_and_seat_fees():
    rooms = _rooms()
    assert list(rooms) == ["hall", "private", "tea"]
    for code, room in rooms.items():
        assert room["kind"] == code
        assert _is_int(room["seat_fee_fen"]) and room["seat_fee_fen"] > 0
    assert rooms["hall"]["seat_fee_fen"] < rooms["private"]["seat_fee_fen"]
    assert rooms["private"]["seat_fee_fen"] < rooms["tea"]["seat_fee_fen"]


def test_table_fields_are_well_formed():
    for room, table in _all_tables():
        where = f"{room['code']}/{table['name']}"
        assert set(table) == TABLE_KEYS, where
        assert table["name"], where
        assert table["shape"] in SHAPES, where
        for key in ("seats", "x", "y", "width", "height", "minimum_spend_fen"):
            assert _is_int(table[key]), (where, key)
        assert 1 <= table["seats"] <= dv.VENUE["max_party_size"], where
        assert table["minimum_spend_fen"] >= 0, where
        if table["shape"] in {"square", "round"}:
            assert table["width"] == table["height"], where
        timed = table["timed"]
        if timed is not None:
            assert set(timed) == TIMED_KEYS, where
            assert all(_is_int(v) and v >= 0 for v in timed.values()), where
            assert timed["block_minutes"] > 0 and timed["block_price_fen"] > 0, where
            assert timed["free_minutes"] < timed["block_minutes"], where
            assert timed["cap_fen"] >= timed["block_price_fen"], where


def test_table_names_unique_within_area():
    for room in dv.ROOMS:
        names = [t["name"] for t in room["tables"]]
        assert len(names) == len(set(names)), room["code"]


def test_tables_inside_canvas():
    for room, table in _all_tables():
        where = f"{room['code']}/{table['name']}"
        assert table["x"] >= 0 and table["y"] >= 0, where
        assert table["width"] > 0 and table["height"] > 0, where
        assert table["x"] + table["width"] <= CANVAS_W, where
        assert table["y"] + table["height"] <= CANVAS_H, where


def test_tables_do_not_overlap_and_leave_aisles():
    for room in dv.ROOMS:
        for a, b in combinations(room["tables"], 2):
            separated = (
                a["x"] + a["width"] + MIN_AISLE <= b["x"]
                or b["x"] + b["width"] + MIN_AISLE <= a["x"]
                or a["y"] + a["height"] + MIN_AISLE <= b["y"]
                or b["y"] + b["height"] + MIN_AISLE <= a["y"]
            )
            assert separated, f"{room['code']}: {a['name']} overlaps {b['name']}"


def test_hall_tables():
    tables = _rooms()["hall"]["tables"]
    assert len(tables) == 12
    assert all(re.fullmatch(r"[A-Z]\d{1,2}", t["name"]) for t in tables)
    assert all(t["minimum_spend_fen"] == 0 and t["timed"] is None for t in tables)
    for t in tables:
        if t["seats"] == 4:
            assert t["shape"] == "square"
            assert 80 <= t["width"] <= 100
        else:
            assert t["shape"] == "round"
    round_sizes = {t["seats"] for t in tables if t["shape"] == "round"}
    assert {6, 8, 10, 12} <= round_sizes
    assert any(t["seats"] == 4 and t["shape"] == "square" for t in tables)
    # rounds grow with the number of seats
    by_seats = sorted((t["seats"], t["width"]) for t in tables if t["shape"] == "round")
    widths = [w for _s, w in by_seats]
    assert widths == sorted(widths)


def test_private_rooms():
    tables = _rooms()["private"]["tables"]
    assert len(tables) == 4
    for t in tables:
        assert 8 <= t["seats"] <= 16, t["name"]
        assert t["minimum_spend_fen"] >= 50000, t["name"]
        assert t["width"] >= 200 and t["height"] >= 150, t["name"]
    timed = [t for t in tables if t["timed"] is not None]
    assert len(timed) == 1


def test_tea_rooms():
    tables = _rooms()["tea"]["tables"]
    assert len(tables) == 6
    for t in tables:
        assert 2 <= t["seats"] <= 8, t["name"]
        assert t["minimum_spend_fen"] == 0, t["name"]
        timed = t["timed"]
        assert timed is not None, t["name"]
        assert timed["block_minutes"] == 60
        assert 3000 <= timed["block_price_fen"] <= 8000
        assert 10 <= timed["free_minutes"] <= 15
        assert timed["cap_fen"] >= 3 * timed["block_price_fen"]


# ---------------------------------------------------------------------------
# Categories and option groups
# ---------------------------------------------------------------------------


def test_categories():
    codes = [code for code, _zh, _en in dv.CATEGORIES]
    assert len(codes) >= 11
    assert len(codes) == len(set(codes))
    assert codes[-1] == "set"
    assert set(CATEGORY_RULES) | {"set"} == set(codes)
    names_zh = [zh for _code, zh, _en in dv.CATEGORIES]
    assert len(names_zh) == len(set(names_zh))


def test_every_category_has_at_least_five_items():
    counts = Counter(item["category"] for item in _all_sellables())
    for code, _zh, _en in dv.CATEGORIES:
        assert counts[code] >= 5, code


def test_option_groups():
    codes = [g["code"] for g in dv.OPTION_GROUPS]
    assert len(codes) == len(set(codes))
    expected = {"spice", "sweetness", "temperature", "fish_style", "extras", "broth", "dip"}
    assert expected <= set(codes)
    for group in dv.OPTION_GROUPS:
        code = group["code"]
        assert group["name_zh"] and group["name_en"], code
        assert 0 <= group["min_choices"] <= group["max_choices"] <= len(group["options"]), code
        assert group["required"] == (group["min_choices"] >= 1), code
        zh_names = [zh for zh, _en, _fee in group["options"]]
        assert len(zh_names) == len(set(zh_names)), code
        for _zh, _en, fee in group["options"]:
            assert _is_int(fee) and fee >= 0, code


def test_specific_option_groups():
    groups = {g["code"]: g for g in dv.OPTION_GROUPS}

    def fees(code: str) -> dict[str, int]:
        return {zh: fee for zh, _en, fee in groups[code]["options"]}

    spice = groups["spice"]
    assert (spice["required"], spice["min_choices"], spice["max_choices"]) == (True, 1, 1)
    assert list(fees("spice")) == ["不辣", "微辣", "中辣", "特辣"]
    assert {"正常糖", "少糖", "半糖", "无糖"} <= set(fees("sweetness"))
    assert {"热", "常温", "少冰", "去冰"} <= set(fees("temperature"))
    for code in ("sweetness", "temperature", "fish_style", "broth"):
        g = groups[code]
        assert (g["required"], g["min_choices"], g["max_choices"]) == (True, 1, 1), code
    assert {"清蒸", "红烧", "水煮", "酸菜"} <= set(fees("fish_style"))
    assert fees("fish_style")["酸菜"] == 800
    extras = groups["extras"]
    assert (extras["required"], extras["min_choices"], extras["max_choices"]) == (False, 0, 3)
    assert fees("extras")["加蛋"] == 300
    assert fees("extras")["加肉"] == 800
    assert fees("extras")["加面"] == 500
    assert fees("broth") == {"红汤": 0, "清汤": 0, "鸳鸯": 1000}
    dip = groups["dip"]
    assert (dip["required"], dip["min_choices"], dip["max_choices"]) == (False, 0, 1)


# ---------------------------------------------------------------------------
# Items
# ---------------------------------------------------------------------------


def test_item_count_and_fields():
    assert len(dv.ITEMS) >= 90
    for item in dv.ITEMS:
        assert set(item) == ITEM_KEYS, item["code"]
    for item in dv.SET_MEALS:
        assert set(item) == ITEM_KEYS | {"components"}, item["code"]


def test_codes_and_names_unique():
    sellables = _all_sellables()
    for key in ("code", "name_zh", "name_en"):
        values = [item[key] for item in sellables]
        dupes = [v for v, n in Counter(values).items() if n > 1]
        assert not dupes, (key, dupes)


def test_codes_are_category_letter_plus_number():
    prefixes: dict[str, set[str]] = {}
    for item in _all_sellables():
        assert re.fullmatch(r"[A-Z]\d{2}", item["code"]), item["code"]
        prefixes.setdefault(item["category"], set()).add(item["code"][0])
    assert all(len(p) == 1 for p in prefixes.values()), prefixes
    letters = [next(iter(p)) for p in prefixes.values()]
    assert len(letters) == len(set(letters)), prefixes


def test_references_exist():
    categories = {code for code, _zh, _en in dv.CATEGORIES}
    stations = {code for code, _zh, _en in dv.STATIONS}
    groups = {g["code"] for g in dv.OPTION_GROUPS}
    for item in _all_sellables():
        code = item["code"]
        assert item["category"] in categories, code
        assert item["station"] in stations, code
        assert item["course"] in COURSES, code
        assert isinstance(item["options"], list), code
        assert set(item["options"]) <= groups, code
        assert len(item["options"]) == len(set(item["options"])), code


def test_category_course_and_station_rules():
    for item in dv.ITEMS:
        courses, stations = CATEGORY_RULES[item["category"]]
        assert item["course"] in courses, item["code"]
        assert item["station"] in stations, item["code"]
    assert sum(item["course"] == "premium" for item in dv.ITEMS) >= 2
    for item in dv.ITEMS:
        if item["category"] == "broth":
            assert "broth" in item["options"], item["code"]


def test_prices_are_positive_integer_fen():
    for item in _all_sellables():
        assert _is_int(item["price_fen"]) and item["price_fen"] > 0, item["code"]
        # menu prices are whole jiao at least
        assert item["price_fen"] % 10 == 0, item["code"]
        assert item["unit_zh"] and item["unit_en"], item["code"]
        for flag in ("weighed", "market_price", "sold_out"):
            assert isinstance(item[flag], bool), (item["code"], flag)


def test_weighed_items():
    weighed = [item for item in dv.ITEMS if item["weighed"]]
    assert len(weighed) >= 3
    for item in weighed:
        assert item["unit_zh"] == "斤", item["code"]
        assert item["unit_en"] == "jin (500 g)", item["code"]
    live_fish = [
        item for item in weighed if item["category"] == "live" and "fish_style" in item["options"]
    ]
    assert len(live_fish) >= 3


def test_market_price_and_sold_out():
    assert sum(item["market_price"] for item in dv.ITEMS) >= 2
    assert sum(item["sold_out"] for item in _all_sellables()) == 2


def test_iced_drinks_ask_temperature_and_sweetness():
    with_sweetness = [item for item in dv.ITEMS if "sweetness" in item["options"]]
    assert with_sweetness
    for item in with_sweetness:
        assert "temperature" in item["options"], item["code"]
        assert item["category"] == "drink", item["code"]


def test_signature_dishes_present():
    names = set(_items_by_name())
    for name in (
        "宫保鸡丁",
        "回锅肉",
        "麻婆豆腐",
        "鱼香肉丝",
        "水煮鱼",
        "糖醋里脊",
        "干煸四季豆",
        "清炒时蔬",
        "西湖龙井",
        "铁观音",
        "大红袍",
        "碧螺春",
        "茉莉花茶",
        "菊花茶",
        "米饭",
    ):
        assert name in names, name
    for fragment in ("虾饺", "烧卖", "叉烧包", "肠粉", "凤爪", "普洱"):
        assert any(fragment in n for n in names), fragment
    kung_pao = _items_by_name()["宫保鸡丁"]
    assert kung_pao["name_en"] == "Kung Pao chicken"
    assert kung_pao["options"] == ["spice", "extras"]


def test_kung_pao_pinyin_initials():
    pypinyin = pytest.importorskip("pypinyin")
    initials = pypinyin.lazy_pinyin("宫保鸡丁", style=pypinyin.Style.FIRST_LETTER)
    assert "".join(initials) == "gbjd"


# ---------------------------------------------------------------------------
# Set meals
# ---------------------------------------------------------------------------


def test_set_meals():
    by_name = _items_by_name()
    assert len(dv.SET_MEALS) >= 3
    for meal in dv.SET_MEALS:
        code = meal["code"]
        assert meal["category"] == "set", code
        assert meal["unit_zh"] == "套" and meal["unit_en"] == "set", code
        assert not meal["weighed"] and not meal["market_price"], code
        assert meal["components"], code
        total = 0
        for name, qty in meal["components"]:
            assert name in by_name, (code, name)
            assert _is_int(qty) and qty > 0, (code, name)
            component = by_name[name]
            assert not component["weighed"] and not component["market_price"], (code, name)
            assert not component["sold_out"], (code, name)
            total += component["price_fen"] * qty
        assert meal["price_fen"] < total, code


def test_afternoon_tea_set():
    by_name = _items_by_name()
    tea_sets = []
    for meal in dv.SET_MEALS:
        cats = Counter(by_name[name]["category"] for name, _qty in meal["components"])
        if cats == Counter({"tea": 1, "dimsum": 3}):
            tea_sets.append(meal["code"])
    assert tea_sets


# ---------------------------------------------------------------------------
# Staff and canned texts
# ---------------------------------------------------------------------------


def test_staff():
    roles = {role for _name, role, _pin in dv.STAFF}
    assert {"waiter", "cashier", "manager"} <= roles
    pins = [pin for _name, _role, pin in dv.STAFF]
    assert all(re.fullmatch(r"\d{4}", pin) for pin in pins)
    assert len(pins) == len(set(pins))
    names = [name for name, _role, _pin in dv.STAFF]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("table_name", ["QUICK_NOTES", "VOID_REASONS", "DISCOUNT_REASONS"])
def test_canned_texts(table_name):
    rows = getattr(dv, table_name)
    assert len(rows) >= 4
    zh = [z for z, _e in rows]
    assert all(zh) and len(zh) == len(set(zh))


def test_english_names_are_plain_ascii():
    for where, text in _english_texts():
        assert isinstance(text, str) and text.strip(), where
        assert text == text.strip(), where
        assert not CJK.search(text), (where, text)
        assert text.isascii() and text.isprintable(), (where, text)


def test_chinese_names_are_chinese():
    for item in _all_sellables():
        assert CJK.search(item["name_zh"]), item["code"]
        assert CJK.search(item["unit_zh"]), item["code"]
    for _code, zh, _en in dv.CATEGORIES:
        assert CJK.search(zh)
