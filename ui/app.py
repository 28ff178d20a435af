"""Starting the GUI: one QApplication, the main window, background printing, and the
smoke check."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.i18n import DEFAULT_LANGUAGE, RESOURCES_DIR, Language
from app.services.context import Context
from app.services.print_queue import PrintSpooler
from app.services.setup import has_venue
from app.services.venue import venue_settings
from ui.backup_worker import AutomaticBackups
from ui.first_run import ask_for_a_venue
from ui.main_window import MainWindow
from ui.print_worker import BackgroundPrinting
from ui.printing import printer_factory, show_print_problems

PRINT_QUEUE_MS = 3_000
APP_ICON = RESOURCES_DIR / "icons" / "xiaoer.png"


def run_app(ctx: Context, *, language: str | None, smoke: bool, started: float) -> int:
    """Show the main window; with ``smoke``, print the start-up time and quit at once. A
    store without a venue first asks for one (demo or new); closing that ends the app."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setDesktopFileName("xiaoer")  # the desktop entry's icon and name in the task bar
    if APP_ICON.exists():
        app.setWindowIcon(QIcon(str(APP_ICON)))
    if not has_venue(ctx):
        chosen = ask_for_a_venue(ctx, Language(language or DEFAULT_LANGUAGE))
        if chosen is None:
            return 0
        language = language or chosen.code
    settings = venue_settings(ctx)
    # documents print in the venue's language, whatever language the staff read on screen
    spooler = PrintSpooler(ctx, printer_factory, language=Language(settings.locale))
    window = MainWindow(
        ctx,
        Language(language or settings.locale),
        (settings.name_zh, settings.name_en),
        spooler=spooler,
    )
    window.resize(1280, 800)
    if smoke:
        window.show()
        app.processEvents()
        elapsed_ms = (time.perf_counter() - started) * 1000
        tables = sum(len(plan.tiles()) for plan in window.floor.plans.values())
        print(f"start-up {elapsed_ms:.0f} ms; {len(window.floor.plans)} rooms, {tables} tables")
        window.close()
        return 0
    window.showMaximized()
    printing = BackgroundPrinting(spooler, window.language, PRINT_QUEUE_MS, window)
    printing.problems.connect(
        lambda problems: show_print_problems(window, window.language, problems)
    )
    window.session.language_changed.connect(printing.set_language)
    app.aboutToQuit.connect(printing.stop)
    printing.work_now()
    daily_backup = AutomaticBackups(ctx, window.language, window)
    daily_backup.problem.connect(window.message_bar.show_error)
    window.session.language_changed.connect(
        lambda language: setattr(daily_backup, "language", language)
    )
    QTimer.singleShot(30_000, daily_backup.check_now)  # once service has started
    return app.exec()
