"""Backups: a copy taken while another terminal keeps writing is intact, a restore brings the
data back and keeps the store it replaced, one automatic copy per business day, the newest
N kept, and the ``xiaoer backup`` / ``xiaoer restore`` commands."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from app import cli
from app.domain.errors import InvalidInput, NotFound
from app.services import backups, menu_admin, queries
from app.services.bills import venue_of


def price_of(ctx, code: str) -> int:
    return next(e.price_fen for e in queries.menu(ctx)[1] if e.code == code)


def set_price(ctx, code: str, price_fen: int) -> None:
    item = next(i for i in menu_admin.menu_book(ctx).items if i.draft.code == code)
    menu_admin.update_item(
        ctx, item_id=item.item_id, draft=replace(item.draft, price_fen=price_fen)
    )


def integrity(path: Path) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()


def count_rows(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


def test_a_backup_taken_while_another_terminal_writes_is_intact(ctx, db_path):
    started, stop, written = threading.Event(), threading.Event(), []

    def other_terminal() -> None:
        connection = sqlite3.connect(db_path, timeout=10, isolation_level=None)
        while not stop.is_set():
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "INSERT INTO audit_entry (at, action, reason, detail)"
                " VALUES ('2026-11-20 11:30:00', 'test_write', '', '')"
            )
            connection.execute("COMMIT")
            written.append(1)
            if len(written) == 20:
                started.set()
        connection.close()

    writer = threading.Thread(target=other_terminal)
    writer.start()
    try:
        assert started.wait(10)
        during = len(written)
        taken = backups.back_up_now(ctx)
        after = len(written)
    finally:
        stop.set()
        writer.join()

    assert integrity(taken) == [("ok",)]
    assert during <= count_rows(taken, "audit_entry") <= after + 1
    assert count_rows(db_path, "audit_entry") == len(written)
    assert taken.parent == db_path.parent / "backups"
    assert taken.name == "xiaoer-20261120-113000.sqlite3"  # the clock of the test
    assert not list(taken.parent.glob("*.partial"))
    backups.check_backup(taken)


def test_restore_brings_the_data_back_and_keeps_the_replaced_store_aside(ctx, db_path):
    taken = backups.back_up_now(ctx)
    set_price(ctx, "H01", 9900)
    assert price_of(ctx, "H01") == 9900

    aside = backups.restore(db_path, taken, datetime(2026, 11, 20, 12, 0))

    assert aside == db_path.with_name("venue.before-restore-20261120-120000.sqlite3")
    assert price_of(ctx, "H01") == 4200  # even a terminal that had the store open reads it
    connection = sqlite3.connect(aside)
    try:
        kept = connection.execute("SELECT price_fen FROM menu_item WHERE code = 'H01'").fetchone()
    finally:
        connection.close()
    assert kept == (9900,)
    assert integrity(db_path) == [("ok",)]


def test_only_an_intact_xiaoer_backup_is_restored(ctx, db_path, tmp_path):
    not_a_store = tmp_path / "menu.csv"
    not_a_store.write_text("code,name\n", encoding="utf-8")
    damaged = backups.back_up_now(ctx)
    damaged.write_bytes(damaged.read_bytes()[:8192])
    other = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE notes (text)")
    connection.close()
    before = db_path.read_bytes()

    for bad in (not_a_store, damaged, other):
        with pytest.raises(InvalidInput):
            backups.restore(db_path, bad)
    with pytest.raises(NotFound):
        backups.restore(db_path, tmp_path / "missing.sqlite3")

    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.before-restore-*"))


def test_a_backup_from_a_newer_xiaoer_is_refused(ctx, db_path):
    taken = backups.back_up_now(ctx)
    connection = sqlite3.connect(taken)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.commit()
    connection.close()
    with pytest.raises(InvalidInput, match="made by a newer Xiaoer"):
        backups.restore(db_path, taken)


def test_the_newest_backups_are_kept(ctx, clock):
    with ctx.transaction() as session:
        venue_of(session).backup_keep = 3
    taken = []
    for _ in range(5):
        taken.append(backups.back_up_now(ctx))
        clock.advance(minutes=1)

    kept = backups.list_backups(taken[0].parent)

    assert [b.path for b in kept] == taken[:1:-1]
    assert [b.taken_at.minute for b in kept] == [34, 33, 32]
    assert all(b.size_bytes > 0 for b in kept)


def test_two_backups_in_one_second_both_stay(ctx):
    first, second = backups.back_up_now(ctx), backups.back_up_now(ctx)
    assert first != second
    assert second.name == "xiaoer-20261120-113000-2.sqlite3"
    assert len(backups.list_backups(first.parent)) == 2


def test_one_automatic_backup_per_business_day(ctx, clock):
    first = backups.backup_if_due(ctx)
    assert first is not None
    assert backups.backup_if_due(ctx, clock.advance(hours=1)) is None
    assert backups.backup_if_due(ctx, datetime(2026, 11, 21, 4, 30)) is None  # still the 20th
    second = backups.backup_if_due(ctx, datetime(2026, 11, 21, 5, 30))
    assert second is not None and second.name == "xiaoer-20261121-053000.sqlite3"
    assert len(backups.list_backups(first.parent)) == 2


def test_the_venue_can_send_backups_elsewhere(ctx, tmp_path):
    with ctx.transaction() as session:
        venue_of(session).backup_folder = str(tmp_path / "usb")

    taken = backups.back_up_now(ctx)

    assert taken.parent == tmp_path / "usb"
    assert backups.backup_settings(ctx).folder == tmp_path / "usb"


def test_backup_and_restore_commands(ctx, db_path, tmp_path, capsys):
    out = tmp_path / "copy.sqlite3"

    assert cli.main(["backup", "--db", str(db_path), "--out", str(out)]) == 0
    assert integrity(out) == [("ok",)]
    assert cli.main(["backup", "--db", str(db_path)]) == 0
    assert len(backups.list_backups(db_path.parent / "backups")) == 1
    set_price(ctx, "H01", 9900)

    assert cli.main(["restore", "--db", str(db_path), str(out)]) == 0
    printed = capsys.readouterr().out
    assert "the previous store was kept as" in printed and "restart Xiaoer" in printed
    assert price_of(ctx, "H01") == 4200
    assert len(list(db_path.parent.glob("venue.before-restore-*.sqlite3"))) == 1

    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a store", encoding="utf-8")
    assert cli.main(["restore", "--db", str(db_path), str(bad)]) == 2
    assert "is not a Xiaoer backup" in capsys.readouterr().err
    assert cli.main(["restore", "--db", str(db_path), str(tmp_path / "missing.sqlite3")]) == 2
