"""Test support: a clock the test moves by hand, and lookups into the demo venue by name."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from app.services.context import Context
from app.services.setup import create_demo_venue
from db.engine import Store, sqlite_url
from db.models import DiningTable, MenuItem, Option, OptionGroup, Staff


class Clock:
    """A wall clock that only moves when the test says so."""

    def __init__(self, start: datetime = datetime(2026, 11, 20, 11, 30)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def make_demo_template(path: Path) -> Path:
    """A migrated store holding the demo venue, built once and copied for each test."""
    store = Store.open(sqlite_url(path))
    create_demo_venue(Context(store))
    store.close()  # the last connection to close folds the WAL into the file
    if path.with_name(path.name + "-wal").exists():
        raise RuntimeError("the demo template still has a WAL file")
    return path


def copy_store(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    return target


@dataclass
class Demo:
    """Names to ids in the demo venue, so tests read like the floor: demo.table("A1")."""

    ctx: Context

    def table(self, name: str) -> int:
        with self.ctx.reading() as session:
            return session.scalars(select(DiningTable.id).where(DiningTable.name == name)).one()

    def item(self, name_zh: str) -> int:
        with self.ctx.reading() as session:
            return session.scalars(select(MenuItem.id).where(MenuItem.name_zh == name_zh)).one()

    def staff(self, name: str) -> int:
        with self.ctx.reading() as session:
            return session.scalars(select(Staff.id).where(Staff.name == name)).one()

    def option(self, group_code: str, name_zh: str) -> int:
        with self.ctx.reading() as session:
            return session.scalars(
                select(Option.id)
                .join(OptionGroup)
                .where(OptionGroup.code == group_code, Option.name_zh == name_zh)
            ).one()

    @property
    def waiter(self) -> int:
        return self.staff("王芳")

    @property
    def cashier(self) -> int:
        return self.staff("陈静")

    @property
    def manager(self) -> int:
        return self.staff("张经理")


MANAGER_PIN = "9999"
