"""Creating a venue in an empty store: the demo venue, or a new one from three answers."""

from __future__ import annotations

from app.domain.errors import N_, InvalidInput, NotAllowed
from app.domain.text import NAME_MAX, clean_text
from app.services.context import Context
from app.services.staff import Role, hash_pin
from db.demo import install_demo, store_is_empty
from db.models import Room, Staff, Station, Venue


def has_venue(ctx: Context) -> bool:
    with ctx.reading() as session:
        return not store_is_empty(session)


def create_demo_venue(ctx: Context) -> None:
    """Fill an empty store with the demo venue (店小二茶楼酒家)."""
    with ctx.transaction() as session:
        if not store_is_empty(session):
            raise NotAllowed(N_("This store already has a venue."))
        install_demo(session, hash_pin)


def create_new_venue(
    ctx: Context, *, name: str, locale: str, manager_name: str, manager_pin: str
) -> None:
    """An empty venue with one hall, the three usual stations and its first manager."""
    name = clean_text(name, max_length=NAME_MAX, required=True, what=N_("the venue's name"))
    manager_name = clean_text(
        manager_name, max_length=NAME_MAX, required=True, what=N_("the manager's name")
    )
    if locale not in ("zh_CN", "en"):
        raise InvalidInput(N_("Choose Chinese or English."))
    with ctx.transaction() as session:
        if not store_is_empty(session):
            raise NotAllowed(N_("This store already has a venue."))
        session.add(Venue(name_zh=name, name_en=name, locale=locale))
        session.add(Room(code="hall", kind="hall", name_zh="大厅", name_en="Hall"))
        for code, zh, en in (
            ("hot", "热菜厨房", "Hot kitchen"),
            ("cold", "冷菜间", "Cold kitchen"),
            ("bar", "吧台/茶水", "Bar / tea bar"),
        ):
            session.add(Station(code=code, name_zh=zh, name_en=en))
        session.add(Staff(name=manager_name, role=Role.MANAGER, pin_hash=hash_pin(manager_pin)))
