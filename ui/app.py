"""Starting the GUI: one QApplication, the main window, and the smoke check."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.i18n import Language
from app.services.context import Context
from app.services.print_queue import PrintSpooler
from app.services.venue import venue_settings
from ui.main_window import MainWindow
from ui.printing import printer_factory

PRINT_QUEUE_MS = 3_000


def run_app(ctx: Context, *, language: str | None, smoke: bool, started: float) -> int:
    """Show the main window; with ``smoke``, print the start-up time and quit at once."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
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
    QTimer.singleShot(0, window.refresh)
    print_timer = QTimer(window)
    print_timer.timeout.connect(window.print_queued)
    print_timer.start(PRINT_QUEUE_MS)
    QTimer.singleShot(0, window.print_queued)
    return app.exec()
