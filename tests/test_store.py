"""The store file: pragmas, where it lives, and migrations that match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from db.engine import Store, alembic_config, make_engine, resolve_url, sqlite_url, upgrade
from db.models import Base


def test_upgrade_head_on_empty_file_matches_models(tmp_path):
    engine = make_engine(sqlite_url(tmp_path / "empty.sqlite3"))
    upgrade(engine)
    with engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []
    assert set(inspect(engine).get_table_names()) >= set(Base.metadata.tables)
    engine.dispose()


def test_upgrade_is_idempotent_on_start(tmp_path):
    url = sqlite_url(tmp_path / "twice.sqlite3")
    Store.open(url).close()
    store = Store.open(url)
    with store.engine.connect() as connection:
        version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert version == head
    store.close()


def test_sqlite_runs_with_wal_foreign_keys_full_sync_and_busy_timeout(store):
    with store.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
        assert pragma("PRAGMA busy_timeout").scalar() >= 5000


def test_store_location_from_flag_then_env(tmp_path, monkeypatch):
    monkeypatch.delenv("XIAOER_DB_URL", raising=False)
    monkeypatch.setenv("XIAOER_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_url(tmp_path / "flag.sqlite3").endswith("flag.sqlite3")
    assert resolve_url().endswith("env.sqlite3")
    monkeypatch.setenv("XIAOER_DB_URL", "sqlite:///" + str(tmp_path / "url.sqlite3"))
    assert resolve_url().endswith("url.sqlite3")


def test_default_store_is_in_the_per_user_data_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("XIAOER_DB_URL", raising=False)
    monkeypatch.delenv("XIAOER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = resolve_url()
    assert url.startswith("sqlite:///" + str(tmp_path / "data"))
    assert url.endswith("xiaoer.sqlite3")
