"""Printing in the GUI: the operating system's printers through QPrinter, a print preview
drawn with QtPdf onto white, the bills and their print jobs (preview, reprint, retry), and
where this terminal prints. What to print and when stays in ``app.services.print_queue``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from platformdirs import user_documents_dir
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_, XiaoerError
from app.i18n import Language
from app.printing.checks import render_check
from app.printing.documents import CheckKind, Paper
from app.services import print_queue, queries
from app.services.context import Context
from app.services.documents import check_document
from app.services.print_queue import (
    KIND_LABELS,
    PDF_FOLDER,
    SYSTEM_PRINTER,
    JobKind,
    JobStatus,
    JobView,
    Printer,
    PrinterError,
    PrintSpooler,
    PrintSummary,
    default_printer_factory,
    parse_target,
)

TOUCH = 64  # px: the smallest button a finger hits at once
ROW = 52  # px: a list row
MAX_RENDER_DPI = 300  # enough for thermal and office printers; keeps page images small
MAX_PREVIEW_SCALE = 3.0  # an 80 mm roll zoomed to a wide screen would be giant type

JOB_STATUS_LABELS = {
    JobStatus.QUEUED: N_("Queued"),
    JobStatus.PRINTED: N_("Printed"),
    JobStatus.FAILED: N_("Failed"),
}
BILL_STATUS_LABELS = {
    "open": N_("Open"),
    "paid": N_("Paid"),
    "merged": N_("Merged"),
    "split": N_("Split"),
    "reopened": N_("Reopened"),
    "cancelled": N_("Cancelled"),
}
PAPER_LABELS = {Paper.ROLL_80: N_("80 mm roll"), Paper.ROLL_58: N_("58 mm roll"), Paper.A4: "A4"}
CHECK_KINDS = (JobKind.RECEIPT, JobKind.GUEST_CHECK)

Px = Callable[[int], int]


def _same(size: int) -> int:
    return size


def printing_style(px: Px = _same) -> str:
    """The dialogs' look at the chosen font size (``UiSession.px``)."""
    return f"""
QWidget {{ font-size: {px(16)}px; }}
QLabel#heading {{ font-size: {px(18)}px; font-weight: bold; }}
QHeaderView::section {{ font-size: {px(16)}px; font-weight: bold; padding: 6px; }}
QPushButton {{ min-height: {TOUCH}px; min-width: 120px; font-size: {px(17)}px; padding: 0 16px; }}
QComboBox, QLineEdit {{ min-height: 48px; font-size: {px(16)}px; }}
QTableWidget {{ font-size: {px(16)}px; }}
QScrollBar:vertical {{ width: 24px; }}
"""


# ---------------------------------------------------------------- PDF pages


class PdfPages:
    """A PDF held in memory for QtPdf; the buffer lives as long as the document needs it."""

    def __init__(self, pdf: bytes) -> None:
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            reason = self.document.error().name.replace("_", "")
            raise PrinterError(N_("The document cannot be read ({reason})."), reason=reason)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def point_size(self, page: int) -> QSizeF:
        return self.document.pagePointSize(page)

    def render_on_white(self, page: int, size: QSize) -> QImage:
        """The page at ``size`` pixels on white paper: QtPdf leaves the paper transparent."""
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.drawImage(0, 0, self.document.render(page, size))
        painter.end()
        return image


# ---------------------------------------------------------------- system printers


class SystemPrinter:
    """A printer of the operating system (QPrinterInfo) printing each PDF page as an image at
    the printer's resolution, one sheet per page, page size taken from the PDF (rolls too).
    ``output_file`` prints into a PDF file instead, for checking the output."""

    def __init__(self, name: str, paper: Paper, *, output_file: str | None = None) -> None:
        self.name = name
        self.paper = Paper(paper)
        self.output_file = output_file

    def _printer(self) -> QPrinter:
        if self.output_file:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(self.output_file)
            return printer
        info = QPrinterInfo.printerInfo(self.name)
        if info.isNull():
            raise PrinterError(N_("The printer “{printer}” is not installed."), printer=self.name)
        return QPrinter(info, QPrinter.PrinterMode.HighResolution)

    def print_pdf(self, pdf: bytes, *, job_name: str) -> None:
        pages = PdfPages(pdf)
        if pages.page_count == 0:
            raise PrinterError(N_("The document has no pages."))
        printer = self._printer()
        printer.setDocName(job_name)
        printer.setFullPage(True)
        self._set_page(printer, pages.point_size(0))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrinterError(
                N_("The printer “{printer}” cannot start printing."), printer=self.name
            )
        try:
            for page in range(pages.page_count):
                if page:
                    self._set_page(printer, pages.point_size(page))
                    if not printer.newPage():
                        raise PrinterError(
                            N_("The printer “{printer}” stopped printing."), printer=self.name
                        )
                self._draw(painter, printer, pages, page)
        finally:
            painter.end()
        if printer.printerState() == QPrinter.PrinterState.Error:
            raise PrinterError(N_("The printer “{printer}” reported an error."), printer=self.name)

    @staticmethod
    def _set_page(printer: QPrinter, points: QSizeF) -> None:
        size = QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)
        printer.setPageLayout(
            QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        )

    @staticmethod
    def _draw(painter: QPainter, printer: QPrinter, pages: PdfPages, page: int) -> None:
        points = pages.point_size(page)
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        pixels = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        image = pages.render_on_white(page, pixels)
        target = QRectF(0, 0, printer.width(), printer.height())
        scale = min(target.width() / pixels.width(), target.height() / pixels.height())
        painter.drawImage(QRectF(0, 0, pixels.width() * scale, pixels.height() * scale), image)


def printer_factory(target: str, paper: Paper) -> Printer:
    """The app's printers: ``system:NAME`` through QPrinter, ``pdf-folder:`` as the app does."""
    kind, where = parse_target(target)
    if kind == SYSTEM_PRINTER:
        return SystemPrinter(where, paper)
    return default_printer_factory(target, paper)


# ---------------------------------------------------------------- warnings


def error_text(language: Language, error: Exception) -> str:
    """An error as staff read it: translated when it is ours, its plain message otherwise."""
    if isinstance(error, XiaoerError):
        return language.error_text(error)
    return str(error) or type(error).__name__


def show_print_problems(parent: QWidget, language: Language, problems: list[str]) -> None:
    """One non-blocking warning box per window, its text replaced by the latest problems."""
    if not problems:
        return
    box = parent.findChild(QMessageBox, "printWarning")
    if box is None:
        box = QMessageBox(parent)
        box.setObjectName("printWarning")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setStyleSheet(f"QPushButton {{ min-height: {TOUCH}px; min-width: 120px; }}")
    box.setWindowTitle(language.gettext("Printing problem"))
    box.button(QMessageBox.StandardButton.Ok).setText(language.gettext("Close"))
    box.setText(
        language.gettext(
            "Not everything was printed. Service goes on; retry or reprint from “Bills & printing”."
        )
    )
    box.setInformativeText("\n".join(problems))
    box.show()
    box.raise_()


def run_print_action(
    parent: QWidget, language: Language, action: Callable[[], PrintSummary]
) -> PrintSummary | None:
    """Run a print action; whatever went wrong is shown as a warning, never raised."""
    try:
        summary = action()
    except Exception as error:  # a vanished job or bill, a store problem: say it, go on
        show_print_problems(parent, language, [error_text(language, error)])
        return None
    show_print_problems(parent, language, list(summary.warnings))
    return summary


def _button(text: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setMinimumSize(120, TOUCH)
    return button


# ---------------------------------------------------------------- preview


class PdfPreview(QDialog):
    """Any PDF page by page on white, zoomed to the width of the window, with Print and Close."""

    def __init__(
        self,
        pdf: bytes,
        title: str,
        language: Language,
        *,
        on_print: Callable[[], PrintSummary] | None = None,
        parent: QWidget | None = None,
        px: Px = _same,
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._on_print = on_print
        self._pages = PdfPages(pdf)
        self._rendered_width = 0
        self.setStyleSheet(printing_style(px))
        self.setWindowTitle(title)
        self.title = QLabel(title)
        self.title.setStyleSheet(f"font-size: {px(20)}px; font-weight: bold;")
        count = self._pages.page_count
        self.count_label = QLabel(
            language.gettext("Pages: {count}").format(count=language.number(count))
        )
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setStyleSheet("QScrollArea { background: #9e9e9e; }")
        sheet = QWidget()
        sheet.setStyleSheet("background: #9e9e9e;")
        pages_layout = QVBoxLayout(sheet)
        pages_layout.setSpacing(12)
        self.page_labels: list[QLabel] = []
        for _ in range(count):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            pages_layout.addWidget(label)
            self.page_labels.append(label)
        pages_layout.addStretch(1)
        self.scroll.setWidget(sheet)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.print_button = _button(language.gettext("Print"))
        self.print_button.clicked.connect(self.print_document)
        self.print_button.setVisible(on_print is not None)
        self.close_button = _button(language.gettext("Close"))
        self.close_button.clicked.connect(self.reject)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self.resize(900, 700)

    @property
    def page_count(self) -> int:
        return self._pages.page_count

    def page_image(self, page: int) -> QImage:
        return self.page_labels[page].pixmap().toImage()

    def render_pages(self) -> None:
        """Zoom to width: each page as wide as the scroll area (up to a sensible scale)."""
        width = self.scroll.viewport().width() - 24
        if width <= 0 or width == self._rendered_width:
            return
        self._rendered_width = width
        ratio = self.devicePixelRatioF()
        for page, label in enumerate(self.page_labels):
            points = self._pages.point_size(page)
            scale = min(width / points.width(), MAX_PREVIEW_SCALE)
            size = QSize(round(points.width() * scale), round(points.height() * scale))
            image = self._pages.render_on_white(page, size * ratio)
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.render_pages()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.render_pages()

    def print_document(self) -> None:
        if self._on_print is None:
            return
        summary = run_print_action(self, self._language, self._on_print)
        if summary is not None and summary.ok:
            self.status.setText(self._language.gettext("Sent to the printer."))
        else:
            self.status.setText(self._language.gettext("Not printed: see the warning."))


# ---------------------------------------------------------------- bills and print jobs


@dataclass(frozen=True)
class BillRow:
    bill_id: int
    receipt_no: int | None
    table: str
    total_fen: int
    at: datetime
    status: str


class BillHistoryDialog(QDialog):
    """Recent bills of this terminal and each bill's print jobs: preview, reprint, retry."""

    BILLS_SHOWN = 40

    def __init__(
        self,
        ctx: Context,
        spooler: PrintSpooler,
        language: Language,
        parent: QWidget | None = None,
        *,
        px: Px = _same,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._spooler = spooler
        self._language = language
        self._px = px
        self.bill_rows: list[BillRow] = []
        self.job_rows: list[JobView] = []
        self.preview_dialog: PdfPreview | None = None
        _ = language.gettext
        self.setStyleSheet(printing_style(px))
        self.setWindowTitle(_("Bills & printing"))
        self.bills = self._table([_("Receipt No."), _("Table"), _("Total"), _("Time"), _("Status")])
        self.jobs = self._table([_("Document"), _("Time"), _("Print status"), _("Reason")])
        self.jobs.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.jobs.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.bills.itemSelectionChanged.connect(self._show_jobs)
        self.jobs.itemSelectionChanged.connect(self._update_buttons)
        self.preview_button = _button(_("Preview"))
        self.preview_button.clicked.connect(self.preview)
        self.reprint_button = _button(_("Reprint"))
        self.reprint_button.clicked.connect(self.reprint)
        self.retry_button = _button(_("Retry failed job"))
        self.retry_button.clicked.connect(self.retry)
        self.close_button = _button(_("Close"))
        self.close_button.clicked.connect(self.accept)
        self.status = QLabel()
        self.status.setWordWrap(True)
        bills_title = QLabel(_("Recent bills"))
        jobs_title = QLabel(_("Print jobs of the bill"))
        for title in (bills_title, jobs_title):
            title.setObjectName("heading")
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.reprint_button, self.retry_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(bills_title)
        layout.addWidget(self.bills, 3)
        layout.addWidget(jobs_title)
        layout.addWidget(self.jobs, 2)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(1000, 720)
        self.refresh()

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setMinimumSectionSize(ROW)
        table.verticalHeader().setDefaultSectionSize(ROW)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        return table

    # -- reading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the bills, keeping the selected bill and job where they still exist."""
        bill = self.selected_bill()
        job = self.selected_job()
        self.bill_rows = self._recent_bills()
        lang = self._language
        self.bills.blockSignals(True)
        self.bills.setRowCount(len(self.bill_rows))
        for row, entry in enumerate(self.bill_rows):
            number = lang.number(entry.receipt_no) if entry.receipt_no is not None else "—"
            status = BILL_STATUS_LABELS.get(entry.status)
            cells = [
                number,
                entry.table,
                lang.money(entry.total_fen),
                self._when(entry.at),
                lang.gettext(status) if status else entry.status,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.bills.setItem(row, column, item)
        self.bills.blockSignals(False)
        ids = [entry.bill_id for entry in self.bill_rows]
        if bill is not None and bill.bill_id in ids:
            self.bills.selectRow(ids.index(bill.bill_id))
        elif ids:
            self.bills.selectRow(0)
        self._show_jobs()
        if job is not None:
            self.select_job(job.job_id)

    def _recent_bills(self) -> list[BillRow]:
        """Open bills, then the latest paid ones, newest first."""
        return [
            BillRow(
                bill_id=bill.bill_id,
                receipt_no=bill.receipt_no,
                table=bill.table,
                total_fen=bill.total_fen,
                at=bill.at,
                status=str(bill.status),
            )
            for bill in queries.recent_bills(self._ctx, limit=self.BILLS_SHOWN)
        ]

    def _when(self, moment: datetime) -> str:
        if moment.date() == self._ctx.now().date():
            return self._language.time(moment)
        return self._language.datetime(moment)

    def _show_jobs(self) -> None:
        bill = self.selected_bill()
        self.job_rows = self._spooler.history(bill.bill_id) if bill is not None else []
        labels = dict(print_queue.purposes(self._ctx, self._language)) if self.job_rows else {}
        lang = self._language
        self.jobs.blockSignals(True)
        self.jobs.clearSelection()
        self.jobs.setRowCount(len(self.job_rows))
        for row, job in enumerate(self.job_rows):
            cells = [
                self.job_title(job, labels),
                self._when(job.printed_at or job.created_at),
                lang.gettext(JOB_STATUS_LABELS[job.status]),
                job.last_error if job.status == JobStatus.FAILED else "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2 and job.status == JobStatus.FAILED:
                    item.setForeground(QColor("#c62828"))
                self.jobs.setItem(row, column, item)
        self.jobs.blockSignals(False)
        self._update_buttons()

    def job_title(self, job: JobView, labels: dict[str, str]) -> str:
        kind = self._language.gettext(KIND_LABELS[job.kind])
        title = f"{kind} {self._language.number(job.job_id)} · {labels.get(job.purpose, '')}"
        if job.reprint_of_id is not None:
            title += f" · {self._language.gettext('Reprint')}"
        return title

    def selected_bill(self) -> BillRow | None:
        rows = self.bills.selectionModel().selectedRows() if self.bills.selectionModel() else []
        return self.bill_rows[rows[0].row()] if rows else None

    def selected_job(self) -> JobView | None:
        rows = self.jobs.selectionModel().selectedRows() if self.jobs.selectionModel() else []
        return self.job_rows[rows[0].row()] if rows else None

    def select_bill(self, bill_id: int) -> None:
        ids = [entry.bill_id for entry in self.bill_rows]
        self.bills.selectRow(ids.index(bill_id))

    def select_job(self, job_id: int) -> None:
        ids = [job.job_id for job in self.job_rows]
        if job_id in ids:
            self.jobs.selectRow(ids.index(job_id))

    def _update_buttons(self) -> None:
        bill, job = self.selected_bill(), self.selected_job()
        self.preview_button.setEnabled(bill is not None)
        self.reprint_button.setEnabled(bill is not None)
        self.retry_button.setEnabled(job is not None and job.status == JobStatus.FAILED)

    # -- actions --------------------------------------------------------------------------

    def preview(self) -> PdfPreview | None:
        """The selected job's document, else the bill's latest guest check or receipt."""
        bill, job = self.selected_bill(), self.selected_job()
        if bill is None:
            return None
        lang = self._language
        if job is None:
            job = next((j for j in self.job_rows if j.kind in CHECK_KINDS), None)
        try:
            if job is not None:
                pdf = self._spooler.render(job.job_id)
                labels = dict(print_queue.purposes(self._ctx, lang))
                title = self.job_title(job, labels)
                on_print = partial(self._spooler.reprint, job.job_id)
            else:
                pdf, title = self._bill_check(bill)
                on_print = partial(self._spooler.reprint, bill_id=bill.bill_id)
            preview = PdfPreview(pdf, title, lang, on_print=on_print, parent=self, px=self._px)
        except Exception as error:
            show_print_problems(self, lang, [error_text(lang, error)])
            return None
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.finished.connect(self._preview_closed)
        self.preview_dialog = preview
        preview.open()
        return preview

    def _preview_closed(self, _result: int) -> None:
        self.refresh()

    def _bill_check(self, bill: BillRow) -> tuple[bytes, str]:
        """A bill never printed here: its receipt when paid, else its guest check."""
        lang = self._language
        try:
            document = check_document(
                self._ctx, bill.bill_id, kind=CheckKind.RECEIPT, language=self._spooler.language
            )
            kind = JobKind.RECEIPT
        except XiaoerError:
            document = check_document(
                self._ctx,
                bill.bill_id,
                kind=CheckKind.GUEST_CHECK,
                language=self._spooler.language,
            )
            kind = JobKind.GUEST_CHECK
        return render_check(document), f"{lang.gettext(KIND_LABELS[kind])} · {bill.table}"

    def reprint(self) -> PrintSummary | None:
        """A new job marked 重打 / REPRINT: of the selected job, else of the bill's check."""
        bill, job = self.selected_bill(), self.selected_job()
        if bill is None:
            return None
        if job is not None:
            action = partial(self._spooler.reprint, job.job_id)
        else:
            action = partial(self._spooler.reprint, bill_id=bill.bill_id)
        summary = run_print_action(self, self._language, action)
        self._after(summary)
        return summary

    def retry(self) -> PrintSummary | None:
        job = self.selected_job()
        if job is None or job.status != JobStatus.FAILED:
            return None
        action = partial(self._spooler.retry, job.job_id)
        summary = run_print_action(self, self._language, action)
        self._after(summary)
        return summary

    def _after(self, summary: PrintSummary | None) -> None:
        self.refresh()
        if summary is not None and summary.ok:
            self.status.setText(self._language.gettext("Sent to the printer."))
        else:
            self.status.setText(self._language.gettext("Not printed: see the warning."))
        if summary is not None and summary.job_id is not None:
            self.select_job(summary.job_id)


# ---------------------------------------------------------------- printer routes


@dataclass
class RouteRow:
    """One thing this terminal prints (a station or the receipts) and where it goes."""

    purpose: str
    label: QLabel
    printer: QComboBox
    folder: QLineEdit
    paper: QComboBox

    def target(self) -> str:
        choice = self.printer.currentData()
        if choice == PDF_FOLDER:
            return f"{PDF_FOLDER}{self.folder.text().strip()}"
        return choice or ""


def default_pdf_folder(purpose: str) -> Path:
    """Where "save PDF to a folder" writes unless staff type another folder."""
    return Path(user_documents_dir()) / "Xiaoer" / purpose.replace(":", "-")


class PrinterSettingsDialog(QDialog):
    """Where this terminal prints each station's tickets and the receipts, on what paper."""

    def __init__(
        self,
        ctx: Context,
        language: Language,
        terminal: str | None = None,
        *,
        printer_names: list[str] | None = None,
        parent: QWidget | None = None,
        px: Px = _same,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._language = language
        self.terminal = terminal or print_queue.this_terminal()
        names = QPrinterInfo.availablePrinterNames() if printer_names is None else printer_names
        _ = language.gettext
        self.setStyleSheet(printing_style(px))
        self.setWindowTitle(_("Printers"))
        heading = QLabel(_("Printers of this terminal: {terminal}").format(terminal=self.terminal))
        heading.setObjectName("heading")
        hint = QLabel(
            _("Choose a printer for each kitchen station and for the receipts, or save PDFs.")
        )
        hint.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        for column, text in enumerate([_("Prints"), _("Printer"), _("Folder"), _("Paper")]):
            label = QLabel(text)
            label.setStyleSheet("font-weight: bold;")
            grid.addWidget(label, 0, column)
        existing = {route.purpose: route for route in print_queue.routes(ctx, self.terminal)}
        self.rows: list[RouteRow] = []
        for index, (purpose, label_text) in enumerate(print_queue.purposes(ctx, language), 1):
            row = self._row(purpose, label_text, names, existing.get(purpose))
            grid.addWidget(row.label, index, 0)
            grid.addWidget(row.printer, index, 1)
            grid.addWidget(row.folder, index, 2)
            grid.addWidget(row.paper, index, 3)
            self.rows.append(row)
        grid.setColumnStretch(2, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #c62828;")
        self.save_button = _button(_("Save"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = _button(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(1000, 600)

    def _row(
        self,
        purpose: str,
        label_text: str,
        names: list[str],
        route: print_queue.Route | None,
    ) -> RouteRow:
        _ = self._language.gettext
        printer = QComboBox()
        printer.addItem(_("Not set"), "")
        printer.addItem(_("Save PDF to a folder"), PDF_FOLDER)
        for name in names:
            printer.addItem(name, f"{SYSTEM_PRINTER}{name}")
        folder = QLineEdit(str(default_pdf_folder(purpose)))
        paper = QComboBox()
        for value, text in PAPER_LABELS.items():
            paper.addItem(_(text), value.value)
        if route is not None:
            kind, where = parse_target(route.target)
            if kind == PDF_FOLDER:
                printer.setCurrentIndex(1)
                folder.setText(where)
            else:
                index = printer.findData(route.target)
                if index < 0:  # a printer no longer installed: keep it visible
                    printer.addItem(_("{printer} (not found)").format(printer=where), route.target)
                    index = printer.count() - 1
                printer.setCurrentIndex(index)
            paper.setCurrentIndex(max(0, paper.findData(route.paper.value)))
        label = QLabel(label_text)
        label.setMinimumWidth(150)
        printer.setMinimumWidth(260)
        row = RouteRow(purpose, label, printer, folder, paper)
        printer.currentIndexChanged.connect(partial(self._enable_folder, row))
        self._enable_folder(row)
        return row

    @staticmethod
    def _enable_folder(row: RouteRow, _index: int = 0) -> None:
        row.folder.setEnabled(row.printer.currentData() == PDF_FOLDER)

    def save(self) -> bool:
        """Store every row's route (or forget it when "Not set"); stay open on a problem."""
        try:
            for row in self.rows:
                target = row.target()
                if target:
                    print_queue.set_route(
                        self._ctx, self.terminal, row.purpose, target, row.paper.currentData()
                    )
                else:
                    print_queue.clear_route(self._ctx, self.terminal, row.purpose)
        except XiaoerError as error:
            self.status.setText(f"{row.label.text()}: {self._language.error_text(error)}")
            return False
        self.accept()
        return True
