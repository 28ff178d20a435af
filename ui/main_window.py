"""The main window: the venue's name, a language switch, bills & printing and the floor plan."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from app.i18n import LANGUAGES, Language
from app.services import queries
from app.services.context import Context
from app.services.print_queue import PrinterFactory, PrintSpooler, PrintSummary
from ui.floor_view import FloorView
from ui.printing import BillHistoryDialog, PrinterSettingsDialog, run_print_action
from ui.printing import printer_factory as qt_printer_factory

REFRESH_MS = 5_000


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: Context,
        language: Language,
        venue_name: tuple[str, str],
        *,
        spooler: PrintSpooler | None = None,
        printer_factory: PrinterFactory = qt_printer_factory,
    ) -> None:
        super().__init__()
        self._ctx = ctx
        self._language = language
        self._venue_name = venue_name
        self.spooler = spooler or PrintSpooler(ctx, printer_factory, language=language)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.language_button = QPushButton()
        self.language_button.setMinimumSize(120, 64)
        self.language_button.clicked.connect(self.switch_language)
        self.bills_button = QPushButton()
        self.bills_button.setMinimumSize(120, 64)
        self.bills_button.clicked.connect(self.show_bills)
        self.printers_button = QPushButton()
        self.printers_button.setMinimumSize(120, 64)
        self.printers_button.clicked.connect(self.show_printers)
        self.floor = FloorView(language, ctx.now)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.bills_button)
        header.addWidget(self.printers_button)
        header.addWidget(self.language_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(header)
        layout.addWidget(self.floor, 1)
        self.setCentralWidget(body)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(REFRESH_MS)
        self._retranslate()
        self.refresh()

    @property
    def language(self) -> Language:
        return self._language

    def refresh(self) -> None:
        self.floor.show_floor(queries.rooms(self._ctx), queries.floor_snapshot(self._ctx))

    def print_queued(self) -> PrintSummary | None:
        """Print what is waiting for this terminal; failures show as a warning, never block."""
        return run_print_action(self, self._language, self.spooler.process_queued)

    def show_bills(self) -> BillHistoryDialog:
        dialog = BillHistoryDialog(self._ctx, self.spooler, self._language, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_printers(self) -> PrinterSettingsDialog:
        terminal = self.spooler.terminal
        dialog = PrinterSettingsDialog(self._ctx, self._language, terminal, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def switch_language(self) -> None:
        """Chinese ↔ English at once, without a restart."""
        codes = list(LANGUAGES)
        next_code = codes[(codes.index(self._language.code) + 1) % len(codes)]
        self._language = Language(next_code)
        self.floor.set_language(self._language)
        self._retranslate()

    def _retranslate(self) -> None:
        name = self._language.pick(*self._venue_name)
        product = self._language.gettext("Xiaoer POS")
        self.setWindowTitle(f"{name} — {product}")
        self.title.setText(name)
        # "&" on a Qt button marks a shortcut letter; "&&" shows the character itself
        self.bills_button.setText(self._language.gettext("Bills & printing").replace("&", "&&"))
        self.printers_button.setText(self._language.gettext("Printers"))
        other = Language(LANGUAGES[(LANGUAGES.index(self._language.code) + 1) % 2])
        self.language_button.setText(other.display_name)
