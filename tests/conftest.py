"""Fixtures: every test gets its own real SQLite file holding the demo venue."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.services.context import Context
from db.engine import Store, sqlite_url
from tests.support import Clock, Demo, copy_store, make_demo_template


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    return make_demo_template(tmp_path_factory.mktemp("template") / "demo.sqlite3")


@pytest.fixture
def db_path(tmp_path, demo_template) -> Path:
    return copy_store(demo_template, tmp_path / "venue.sqlite3")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(db_path):
    opened = Store.open(sqlite_url(db_path))
    yield opened
    opened.close()


@pytest.fixture
def ctx(store, clock) -> Context:
    return Context(store, clock=clock)


@pytest.fixture
def demo(ctx) -> Demo:
    return Demo(ctx)


@pytest.fixture
def ui_session(ctx, demo):
    """What the screens share, in Chinese, with the waiter 王芳 logged in."""
    from app.i18n import Language
    from app.services.staff import Role, StaffMember
    from ui.session import UiSession

    return UiSession(ctx, Language("zh_CN"), StaffMember(demo.waiter, "王芳", Role.WAITER))
