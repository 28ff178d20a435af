"""Load the demo venue (``db.demo_venue``) into an empty store: ``xiaoer init --demo``."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import demo_venue as data
from db.models import (
    DiningTable,
    ItemOptionGroup,
    MenuCategory,
    MenuItem,
    Option,
    OptionGroup,
    Room,
    SetMealComponent,
    Staff,
    Station,
    Venue,
)
from db.pinyin import pinyin_initials


def store_is_empty(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(Venue)) == 0


def install_demo(session: Session, hash_pin: Callable[[str], str]) -> None:
    """Insert the demo venue: rooms, tables, menu, options, set meals, staff."""
    session.add(Venue(**data.VENUE))
    stations = {}
    for code, name_zh, name_en in data.STATIONS:
        stations[code] = Station(code=code, name_zh=name_zh, name_en=name_en)
        session.add(stations[code])
    table_order = 0
    for room_order, room_data in enumerate(data.ROOMS):
        room = Room(
            code=room_data["code"],
            kind=room_data["kind"],
            name_zh=room_data["name_zh"],
            name_en=room_data["name_en"],
            seat_fee_fen=room_data["seat_fee_fen"],
            sort_order=room_order,
        )
        session.add(room)
        for table_data in room_data["tables"]:
            timed = table_data.get("timed") or {}
            table_order += 1
            room.tables.append(
                DiningTable(
                    name=table_data["name"],
                    seats=table_data["seats"],
                    shape=table_data["shape"],
                    x=table_data["x"],
                    y=table_data["y"],
                    width=table_data["width"],
                    height=table_data["height"],
                    sort_order=table_order,
                    minimum_spend_fen=table_data.get("minimum_spend_fen", 0),
                    timed_block_minutes=timed.get("block_minutes", 0),
                    timed_block_price_fen=timed.get("block_price_fen", 0),
                    timed_free_minutes=timed.get("free_minutes", 0),
                    timed_cap_fen=timed.get("cap_fen", 0),
                    state="free",
                )
            )
    categories = {}
    for order, (code, name_zh, name_en) in enumerate(data.CATEGORIES):
        categories[code] = MenuCategory(
            code=code, name_zh=name_zh, name_en=name_en, sort_order=order
        )
        session.add(categories[code])
    groups = {}
    for group_data in data.OPTION_GROUPS:
        group = OptionGroup(
            code=group_data["code"],
            name_zh=group_data["name_zh"],
            name_en=group_data["name_en"],
            required=group_data["required"],
            min_choices=group_data["min_choices"],
            max_choices=group_data["max_choices"],
        )
        for order, (name_zh, name_en, surcharge) in enumerate(group_data["options"]):
            group.options.append(
                Option(name_zh=name_zh, name_en=name_en, surcharge_fen=surcharge, sort_order=order)
            )
        groups[group.code] = group
        session.add(group)
    session.flush()
    items: dict[str, MenuItem] = {}
    for order, item_data in enumerate([*data.ITEMS, *data.SET_MEALS]):
        item = MenuItem(
            code=item_data["code"],
            category_id=categories[item_data["category"]].id,
            name_zh=item_data["name_zh"],
            name_en=item_data["name_en"],
            price_fen=item_data["price_fen"],
            unit_zh=item_data["unit_zh"],
            unit_en=item_data["unit_en"],
            station_id=stations[item_data["station"]].id,
            course=item_data["course"],
            sold_out=item_data.get("sold_out", False),
            weighed=item_data.get("weighed", False),
            market_price=item_data.get("market_price", False),
            is_set_meal="components" in item_data,
            pinyin_initials=pinyin_initials(item_data["name_zh"]),
            sort_order=order,
        )
        session.add(item)
        items[item.name_zh] = item
    session.flush()
    for item_data in [*data.ITEMS, *data.SET_MEALS]:
        item = items[item_data["name_zh"]]
        for order, group_code in enumerate(item_data.get("options", [])):
            session.add(
                ItemOptionGroup(item_id=item.id, group_id=groups[group_code].id, sort_order=order)
            )
        for name, quantity in item_data.get("components", []):
            session.add(
                SetMealComponent(
                    set_item_id=item.id, component_item_id=items[name].id, quantity=quantity
                )
            )
    for name, role, pin in data.STAFF:
        session.add(Staff(name=name, role=role, pin_hash=hash_pin(pin)))
    session.flush()
