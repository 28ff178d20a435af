"""Backups of the store: a copy taken with SQLite's online backup (safe while the app and
other terminals keep writing), one automatic copy per business day, the newest
``venue.backup_keep`` kept, and restoring a chosen copy after checking it.

Backups are single ``.sqlite3`` files named by the time they were taken
(``xiaoer-20261120-113000.sqlite3``) in ``<store folder>/backups`` unless the venue names
another folder. A restore keeps the current store aside first
(``<name>.before-restore-<time>.sqlite3`` next to it); the app must then be restarted.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from sqlalchemy.engine import make_url

from app.domain.errors import N_, InvalidInput, NotAllowed, NotFound
from app.domain.timing import business_day
from app.services.bills import venue_of
from app.services.context import Context
from db.engine import MIGRATIONS

PREFIX = "xiaoer-"
SUFFIX = ".sqlite3"
STAMP = "%Y%m%d-%H%M%S"
NAME = re.compile(rf"{PREFIX}(\d{{8}}-\d{{6}})(?:-\d+)?\.sqlite3")
DEFAULT_KEEP = 14
BUSY_SECONDS = 30.0
REQUIRED_TABLES = ("venue", "menu_item", "bill", "alembic_version")


@dataclass(frozen=True)
class BackupFile:
    """One backup in the folder, as the backups panel lists it."""

    path: Path
    taken_at: datetime
    size_bytes: int


@dataclass(frozen=True)
class BackupSettings:
    folder: Path
    keep: int


# -- where ---------------------------------------------------------------------------------------


def store_path(ctx: Context) -> Path:
    """The SQLite file the app works on (backups need a SQLite store)."""
    return sqlite_file(ctx.store.engine.url)


def sqlite_file(url) -> Path:
    """The file of a ``sqlite:///`` store URL; other stores cannot be backed up here."""
    url = make_url(url)
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        raise NotAllowed(N_("Backups are made of a SQLite store file only."))
    return Path(url.database)


def backup_settings(ctx: Context) -> BackupSettings:
    """The folder backups go to and how many are kept (the venue's settings)."""
    with ctx.reading() as session:
        venue = venue_of(session)
        folder = (getattr(venue, "backup_folder", "") or "").strip()
        keep = getattr(venue, "backup_keep", DEFAULT_KEEP) or DEFAULT_KEEP
    default = store_path(ctx).parent / "backups"
    return BackupSettings(Path(folder).expanduser() if folder else default, max(1, keep))


# -- taking a backup ---------------------------------------------------------------------------


def back_up_now(ctx: Context, folder: Path | str | None = None) -> Path:
    """Copy the store into ``folder`` (the venue's backup folder when None) as a file named
    by the time; the oldest backups beyond the venue's number are removed. Returns the file."""
    return _take(ctx, folder, ctx.now())


def _take(ctx: Context, folder: Path | str | None, now: datetime) -> Path:
    settings = backup_settings(ctx)
    target = Path(folder) if folder is not None else settings.folder
    return take_backup(store_path(ctx), target, settings.keep, now)


def take_backup(store: Path, folder: Path, keep: int, now: datetime) -> Path:
    """Copy ``store`` into ``folder`` named by ``now`` and keep the ``keep`` newest there.
    Needs no session: the back office runs it on a worker thread (a large store takes
    seconds)."""
    taken = copy_store(store, _backup_name(folder, now))
    rotate(folder, keep)
    return taken


def back_up_to(ctx: Context, target: Path | str) -> Path:
    """Copy the store into exactly this file (``xiaoer backup --out FILE``)."""
    target = Path(target)
    if target.resolve() == store_path(ctx).resolve():
        raise InvalidInput(N_("A backup cannot be written over the store itself."))
    copy_store(store_path(ctx), target)
    return target


def backup_if_due(ctx: Context, now: datetime | None = None) -> Path | None:
    """The automatic daily backup: taken when the venue's folder has none from this
    business day yet (call at start and every hour); None when one exists."""
    now = now or ctx.now()
    with ctx.reading() as session:
        starts = venue_of(session).day_starts_at_minutes
    starts_at = time(starts // 60, starts % 60)
    today = business_day(now, starts_at)
    folder = backup_settings(ctx).folder
    if any(business_day(b.taken_at, starts_at) == today for b in list_backups(folder)):
        return None
    return _take(ctx, None, now)


def copy_store(source: Path, target: Path) -> Path:
    """A consistent copy of a live SQLite store through the online backup API: it reads one
    snapshot while others go on writing (WAL), into a temporary file renamed when complete,
    so a half-written backup never looks like a backup."""
    if not source.exists():
        raise NotFound(N_("The store {file} does not exist."), file=str(source))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(source, timeout=BUSY_SECONDS)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)  # all pages in one step: one snapshot of the store
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise InvalidInput(
            N_("The backup could not be written: {reason}"), reason=str(error)
        ) from error
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InvalidInput(
            N_("The backup could not be written: {reason}"), reason=error.strerror or str(error)
        ) from error
    return target


def _backup_name(folder: Path, now: datetime) -> Path:
    name = f"{PREFIX}{now.strftime(STAMP)}"
    path, number = folder / f"{name}{SUFFIX}", 1
    while path.exists():  # two in one second
        number += 1
        path = folder / f"{name}-{number}{SUFFIX}"
    return path


# -- the folder ---------------------------------------------------------------------------------


def list_backups(folder: Path | str) -> list[BackupFile]:
    """The backups in a folder, newest first (files named as this module names them)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = NAME.fullmatch(path.name)
        if not match or not path.is_file():
            continue
        stamp = datetime.strptime(match.group(1), STAMP)
        found.append(BackupFile(path, stamp, path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def rotate(folder: Path | str, keep: int) -> list[Path]:
    """Remove all but the ``keep`` newest backups of the folder; returns those removed."""
    removed = []
    for old in list_backups(folder)[max(1, keep) :]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


# -- restoring ----------------------------------------------------------------------------------


def check_backup(backup: Path | str) -> None:
    """A backup can be restored when SQLite finds it intact and it is a Xiaoer store."""
    backup = Path(backup)
    if not backup.is_file():
        raise NotFound(N_("The backup {file} does not exist."), file=str(backup))
    try:
        connection = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchall()
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise InvalidInput(
            N_("{file} is not a Xiaoer backup (it is not a store file)."), file=backup.name
        ) from error
    if result != [("ok",)]:
        raise InvalidInput(
            N_("The backup {file} is damaged: SQLite's check failed."), file=backup.name
        )
    if not all(table in tables for table in REQUIRED_TABLES):
        raise InvalidInput(
            N_("{file} is not a Xiaoer backup (it is not a store file)."), file=backup.name
        )
    if revision is None or not _known_revision(revision):
        raise InvalidInput(
            N_("{file} was made by a newer Xiaoer: update Xiaoer before restoring it."),
            file=backup.name,
        )


def _known_revision(revision: str) -> bool:
    """Whether this app's migrations know the store version (older ones are upgraded)."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(MIGRATIONS))
    try:
        return scripts.get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False


def restore(store: Path | str, backup: Path | str, now: datetime | None = None) -> Path | None:
    """Put a checked backup in place of the store. The current store is first copied aside
    as ``<name>.before-restore-<time>.sqlite3`` (returned; None when there was no store yet);
    the store file is then overwritten through SQLite, so a terminal that has it open never
    reads half a file. The app must be restarted to use the restored store."""
    store, backup = Path(store), Path(backup)
    check_backup(backup)
    if store.exists() and store.resolve() == backup.resolve():
        raise InvalidInput(N_("This backup is the store itself."))
    aside = None
    if store.exists():
        stamp = (now or datetime.now()).strftime(STAMP)
        aside = store.with_name(f"{store.stem}.before-restore-{stamp}{SUFFIX}")
        copy_store(store, aside)
    store.parent.mkdir(parents=True, exist_ok=True)
    try:
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(store, timeout=BUSY_SECONDS)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.Error as error:
        raise InvalidInput(
            N_("The backup could not be restored: {reason}"), reason=str(error)
        ) from error
    return aside
