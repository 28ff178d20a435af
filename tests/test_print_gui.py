"""Printing in the GUI on a real store and real PDFs: the preview on white paper, the bill
history with reprint and retry, printer routes saved per terminal, QPrinter output."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from reportlab.pdfgen import canvas
from sqlalchemy import select

from app.domain.billing import Tender, TenderMethod
from app.i18n import Language
from app.printing.checks import render_check
from app.printing.documents import CheckKind, Paper
from app.services import ordering, payment, print_queue, queries, seating
from app.services.documents import check_document
from app.services.print_queue import JobKind, JobStatus, PrinterError, PrintSpooler
from db.models import Station
from ui.main_window import MainWindow
from ui.printing import (
    BillHistoryDialog,
    PdfPreview,
    PrinterSettingsDialog,
    SystemPrinter,
    printer_factory,
)

# the offscreen platform says these when a dialog is shown or raised; real platforms do not
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)

TERMINAL = "counter-1"
ZH = Language("zh_CN")
VENUE = ("店小二茶楼酒家", "Xiaoer Tea House & Restaurant")


@pytest.fixture(autouse=True)
def terminal(monkeypatch):
    monkeypatch.setenv("XIAOER_TERMINAL", TERMINAL)


@pytest.fixture
def spooler(ctx) -> PrintSpooler:
    return PrintSpooler(ctx, printer_factory, TERMINAL, ZH)


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        timeout=30,
    )
    return result.stdout.decode("utf-8")


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, timeout=30)
    line = next(x for x in info.stdout.decode().splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def pages_pdf(count: int) -> bytes:
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    for page in range(count):
        sheet.drawString(200, 400, f"page {page + 1}")
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def station_purpose(ctx, code: str) -> str:
    with ctx.reading() as session:
        station_id = session.scalars(select(Station.id).where(Station.code == code)).one()
    return print_queue.station_purpose(station_id)


def route_all_to(ctx, folder: Path) -> None:
    for purpose, _label in print_queue.purposes(ctx, ZH):
        target = f"pdf-folder:{folder / purpose.replace(':', '-')}"
        print_queue.set_route(ctx, TERMINAL, purpose, target, "80")


def settled_bill(ctx, demo) -> tuple[int, int]:
    """A bill for two at A1, sent and paid by WeChat: (bill id, receipt number)."""
    bill_id = seating.seat_party(
        ctx, table_id=demo.table("A1"), guests=2, waiter_id=demo.waiter
    ).bill_id
    ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item("西湖龙井"))
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    total = queries.bill_view(ctx, bill_id).breakdown.total
    paid = payment.settle_bill(ctx, bill_id=bill_id, tenders=[Tender(TenderMethod.WECHAT, total)])
    return bill_id, paid.receipt_no


def receipt_jobs(spooler, bill_id):
    return [job for job in spooler.history(bill_id) if job.kind == JobKind.RECEIPT]


def test_preview_shows_every_page_on_white_paper(qtbot):
    preview = PdfPreview(pages_pdf(3), "Three pages", ZH)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    assert preview.page_count == 3
    assert len(preview.page_labels) == 3
    assert preview.windowTitle() == "Three pages"
    assert "3" in preview.count_label.text()
    for page in range(3):
        image = preview.page_image(page)
        assert not image.isNull()
        assert image.pixelColor(1, 1).name() == "#ffffff"  # paper, not transparent black
    assert not preview.print_button.isVisible()  # nothing to print to
    assert preview.close_button.height() >= 64


def test_preview_of_a_receipt_zooms_to_the_width_and_prints(qtbot, ctx, demo, spooler, tmp_path):
    route_all_to(ctx, tmp_path)
    bill_id, _number = settled_bill(ctx, demo)
    assert spooler.process_queued().ok
    receipts = tmp_path / "receipt"
    assert len(list(receipts.glob("*.pdf"))) == 1
    receipt = check_document(ctx, bill_id, kind=CheckKind.RECEIPT, language=ZH)
    printed = []
    preview = PdfPreview(
        render_check(receipt, Paper.ROLL_80),
        "结账单",
        ZH,
        on_print=lambda: printed.append(1) or spooler.reprint(bill_id=bill_id),
    )
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    image = preview.page_image(0)
    assert image.width() > 227  # an 80 mm roll is 227 pt: zoomed in, not shown tiny
    assert image.pixelColor(image.width() - 2, image.height() - 2).name() == "#ffffff"
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert printed == [1]
    assert preview.status.text() == "已发送到打印机。"
    assert len(list(receipts.glob("*.pdf"))) == 2  # the reprint, printed at once


def test_history_lists_a_settled_bill_and_reprints_it_marked_reprint(
    qtbot, ctx, demo, spooler, tmp_path
):
    route_all_to(ctx, tmp_path)
    bill_id, receipt_no = settled_bill(ctx, demo)
    assert spooler.process_queued().ok
    dialog = BillHistoryDialog(ctx, spooler, ZH)
    qtbot.addWidget(dialog)
    row = [entry.bill_id for entry in dialog.bill_rows].index(bill_id)
    cells = [dialog.bills.item(row, column).text() for column in range(5)]
    total = queries.bill_view(ctx, bill_id).breakdown.total
    assert cells[0] == str(receipt_no)
    assert cells[1] == "A1"
    assert cells[2] == ZH.money(total)
    assert cells[4] == "已结账"
    assert dialog.bills.rowHeight(row) >= 48
    dialog.select_bill(bill_id)
    dialog.jobs.clearSelection()
    qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
    reprints = [job for job in receipt_jobs(spooler, bill_id) if job.reprint_of_id is not None]
    assert len(reprints) == 1
    assert reprints[0].status == JobStatus.PRINTED
    path = tmp_path / "receipt" / f"{reprints[0].job_id}-receipt.pdf"
    text = pdf_text(path)
    assert "重打" in text
    assert str(receipt_no) in text
    assert dialog.selected_job().job_id == reprints[0].job_id
    assert "重打" in dialog.jobs.item(dialog.jobs.currentRow(), 0).text()


def test_history_preview_opens_the_bills_receipt(qtbot, ctx, demo, spooler, tmp_path):
    route_all_to(ctx, tmp_path)
    bill_id, _number = settled_bill(ctx, demo)
    spooler.process_queued()
    dialog = BillHistoryDialog(ctx, spooler, Language("en"))
    qtbot.addWidget(dialog)
    dialog.select_bill(bill_id)
    preview = dialog.preview()
    assert preview is not None
    qtbot.waitExposed(preview)
    assert preview.page_count == 1
    assert preview.windowTitle().startswith("Receipt")
    preview.close()


def test_retry_prints_a_failed_job_once(qtbot, ctx, demo, spooler, tmp_path):
    route_all_to(ctx, tmp_path)
    print_queue.set_route(ctx, TERMINAL, "receipt", "system:No Such Printer", "80")
    bill_id, _number = settled_bill(ctx, demo)
    spooler.process_queued()
    (failed,) = receipt_jobs(spooler, bill_id)
    assert failed.status == JobStatus.FAILED
    dialog = BillHistoryDialog(ctx, spooler, ZH)
    qtbot.addWidget(dialog)
    dialog.select_bill(bill_id)
    dialog.select_job(failed.job_id)
    row = dialog.jobs.currentRow()
    assert dialog.jobs.item(row, 2).text() == "失败"
    assert "No Such Printer" in dialog.jobs.item(row, 3).text()
    assert dialog.retry_button.isEnabled()
    folder = tmp_path / "fixed"
    print_queue.set_route(ctx, TERMINAL, "receipt", f"pdf-folder:{folder}", "80")
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    (job,) = receipt_jobs(spooler, bill_id)
    assert job.status == JobStatus.PRINTED
    assert not dialog.retry_button.isEnabled()  # printed: nothing left to retry
    assert dialog.retry() is None
    spooler.retry(failed.job_id)
    assert [p.name for p in folder.glob("*.pdf")] == [f"{failed.job_id}-receipt.pdf"]


def test_a_failed_print_shows_a_warning_without_blocking(qtbot, ctx, demo, spooler):
    settled_bill(ctx, demo)  # no routes at all: the kitchen tickets and receipt cannot print
    window = MainWindow(ctx, ZH, VENUE, spooler=spooler)
    qtbot.addWidget(window)
    summary = window.print_queued()
    assert summary is not None and not summary.ok
    box = window.findChild(QMessageBox, "printWarning")
    assert box.isVisible()
    assert box.windowModality() == Qt.WindowModality.NonModal
    assert "未给" in box.informativeText()
    assert "Traceback" not in box.informativeText()
    assert window.bills_button.text() == "账单与打印"
    box.close()


def test_printer_settings_save_a_folder_route_and_read_it_back(qtbot, ctx, tmp_path):
    hot = station_purpose(ctx, "hot")
    dialog = PrinterSettingsDialog(ctx, ZH, TERMINAL, printer_names=["Counter Epson"])
    qtbot.addWidget(dialog)
    rows = {row.purpose: row for row in dialog.rows}
    assert set(rows) == {purpose for purpose, _label in print_queue.purposes(ctx, ZH)}
    row = rows[hot]
    assert row.printer.currentData() == ""  # not set yet
    assert not row.folder.isEnabled()
    row.printer.setCurrentIndex(row.printer.findData("pdf-folder:"))
    assert row.folder.isEnabled()
    row.folder.setText(str(tmp_path / "hot"))
    row.paper.setCurrentIndex(row.paper.findData("58"))
    receipt = rows["receipt"]
    receipt.printer.setCurrentIndex(receipt.printer.findData("system:Counter Epson"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = {route.purpose: route for route in print_queue.routes(ctx, TERMINAL)}
    assert saved[hot].target == f"pdf-folder:{tmp_path / 'hot'}"
    assert saved[hot].paper == Paper.ROLL_58
    assert saved["receipt"].target == "system:Counter Epson"
    assert len(saved) == 2
    again = PrinterSettingsDialog(ctx, ZH, TERMINAL, printer_names=[])
    qtbot.addWidget(again)
    rows = {row.purpose: row for row in again.rows}
    assert rows[hot].folder.text() == str(tmp_path / "hot")
    assert rows[hot].paper.currentData() == "58"
    assert rows["receipt"].printer.currentText() == "Counter Epson（未找到）"


def test_an_empty_folder_is_refused_with_a_readable_message(qtbot, ctx):
    dialog = PrinterSettingsDialog(ctx, ZH, TERMINAL, printer_names=[])
    qtbot.addWidget(dialog)
    row = dialog.rows[0]
    row.printer.setCurrentIndex(row.printer.findData("pdf-folder:"))
    row.folder.setText("  ")
    assert not dialog.save()
    assert "pdf-folder" in dialog.status.text()
    assert print_queue.routes(ctx, TERMINAL) == []


def test_system_printer_prints_every_page_through_qprinter(qtbot, tmp_path):
    out = tmp_path / "qprinter.pdf"
    SystemPrinter("test", Paper.A4, output_file=str(out)).print_pdf(pages_pdf(2), job_name="t")
    assert pdf_pages(out) == 2


def test_a_missing_system_printer_is_a_printer_error():
    with pytest.raises(PrinterError, match="No Such Printer"):
        printer_factory("system:No Such Printer", Paper.ROLL_80).print_pdf(
            pages_pdf(1), job_name="t"
        )
