"""Opening the store: where it lives, the SQLite pragmas, and upgrading it on start."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 10_000


def default_db_path() -> Path:
    """The store in the per-user data directory (created on first use)."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("xiaoer", "Xiaoer"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "xiaoer.sqlite3"


def resolve_url(db_path: str | os.PathLike[str] | None = None) -> str:
    """``--db PATH`` first, then ``XIAOER_DB_URL`` (any SQLAlchemy URL), ``XIAOER_DB``, default."""
    if db_path:
        return sqlite_url(Path(db_path))
    if url := os.environ.get("XIAOER_DB_URL"):
        return url
    if path := os.environ.get("XIAOER_DB"):
        return sqlite_url(Path(path))
    return sqlite_url(default_db_path())


def sqlite_url(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def make_engine(url: str) -> Engine:
    """An engine with the store's settings. For SQLite: WAL, foreign keys, synchronous=FULL,
    a busy timeout, and every write transaction started with BEGIN IMMEDIATE so that two
    terminals never interleave inside one action."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        if connection.get_execution_options().get("read_only"):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the store's schema to the newest migration (runs on every start)."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Store:
    """The opened store: an engine and the sessions units of work are made from."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        self.read_sessions = sessionmaker(
            engine.execution_options(read_only=True), expire_on_commit=False
        )

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        engine = make_engine(url)
        if migrate:
            upgrade(engine)
        return cls(engine)

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()
