"""The automatic daily backup runs off the screen's thread and once per business day."""

from __future__ import annotations

from app.i18n import Language
from app.services import backups
from ui.backup_worker import AutomaticBackups


def test_the_daily_backup_is_taken_in_the_background_once_a_day(qtbot, ctx, db_path):
    worker = AutomaticBackups(ctx, Language("zh_CN"))
    folder = backups.backup_settings(ctx).folder
    worker.check_now()
    qtbot.waitUntil(lambda: not worker._running, timeout=10_000)
    assert len(backups.list_backups(folder)) == 1
    with qtbot.assertNotEmitted(worker.problem):
        worker.check_now()
        qtbot.waitUntil(lambda: not worker._running, timeout=10_000)
    assert len(backups.list_backups(folder)) == 1  # the same business day: no second copy
