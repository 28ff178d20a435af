"""The ``xiaoer`` command: init, the smoke start and store selection."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from app.cli import main
from app.services.context import Context
from db.engine import Store, sqlite_url
from db.models import DiningTable, MenuItem

ROOT = Path(__file__).resolve().parent.parent


def test_init_demo_creates_the_demo_venue(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    assert main(["--db", str(path), "init", "--demo"]) == 0
    ctx = Context(Store.open(sqlite_url(path)))
    with ctx.reading() as session:
        assert session.scalar(select(func.count()).select_from(DiningTable)) == 22
        assert session.scalar(select(func.count()).select_from(MenuItem)) >= 80
    ctx.store.close()
    assert main(["--db", str(path), "init", "--demo"]) == 2  # not twice
    assert "already has a venue" in capsys.readouterr().err


def test_smoke_starts_offscreen_prints_startup_ms_and_exits_0(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", str(tmp_path / "s.sqlite3"), "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert "start-up" in result.stdout and " ms" in result.stdout
    assert "22 tables" in result.stdout


def test_xiaoer_db_env_chooses_the_store(tmp_path, monkeypatch):
    monkeypatch.delenv("XIAOER_DB_URL", raising=False)
    monkeypatch.setenv("XIAOER_DB", str(tmp_path / "env.sqlite3"))
    assert main(["init", "--demo"]) == 0
    assert (tmp_path / "env.sqlite3").exists()
