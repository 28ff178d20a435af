"""The reports screen, tapped as a manager would: step through the days, read the headline
figures and the charts, open each table, switch language and font size, preview, print and
save the report; and the figures follow a bill settled meanwhile."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QHorizontalBarSeries, QPieSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.domain.billing import Tender, TenderMethod
from app.i18n import Language
from app.services import ordering, payment, print_queue, seating, shifts
from app.services.staff import Role, StaffMember
from tests.support import Demo
from tests.test_reports import DAY, NEXT_DAY, make_crafted_store, open_crafted_store
from ui.backoffice.reports_screen import (
    LATEST_SHIFT,
    NO_PRINTER,
    NO_SHIFTS,
    ReportsPanel,
    chart_family,
)
from ui.session import UiSession

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(scope="module")
def crafted_store(demo_template, tmp_path_factory):
    return make_crafted_store(demo_template, tmp_path_factory.mktemp("crafted"))


@pytest.fixture
def crafted_ctx(crafted_store, tmp_path):
    ctx = open_crafted_store(crafted_store, tmp_path)
    yield ctx
    ctx.store.close()


@pytest.fixture
def demo(crafted_ctx) -> Demo:
    return Demo(crafted_ctx)


@pytest.fixture
def manager_session(crafted_ctx, demo) -> UiSession:
    """The manager 张经理 in Chinese, the morning after the crafted day (11:30 on the 21st)."""
    return UiSession(
        crafted_ctx, Language("zh_CN"), StaffMember(demo.manager, "张经理", Role.MANAGER)
    )


@pytest.fixture
def panel(qtbot, manager_session) -> ReportsPanel:
    widget = ReportsPanel(manager_session)
    qtbot.addWidget(widget)
    widget.resize(824, 688)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tile(panel: ReportsPanel, key: str) -> str:
    return panel.tiles[key][1].text()


def cells(table) -> list[list[str]]:
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_it_opens_on_today_and_steps_back_to_the_crafted_day(qtbot, panel) -> None:
    assert panel.day == NEXT_DAY
    assert tile(panel, "bills") == "1" and tile(panel, "receipts") == "¥5.00"
    click(qtbot, panel.previous_button)
    assert panel.day == DAY
    assert "2026-11-20" in panel.title_label.text()
    assert tile(panel, "net") == "¥682.24"
    assert tile(panel, "receipts") == "¥1,646.20"
    assert tile(panel, "bills") == "7" and tile(panel, "guests") == "24"
    assert tile(panel, "per_guest") == "¥68.59"
    assert tile(panel, "turns") == "0.88"
    assert tile(panel, "discounts") == "-¥22.76"
    assert tile(panel, "voids") == "1 · ¥48.00"
    assert panel.check_label.text().startswith("✓")
    click(qtbot, panel.previous_button)
    assert panel.day == date(2026, 11, 19) and tile(panel, "bills") == "0"
    click(qtbot, panel.today_button)
    assert panel.day == NEXT_DAY


def test_each_section_shows_its_table_or_chart(qtbot, panel) -> None:
    click(qtbot, panel.previous_button)
    click(qtbot, panel.section_buttons["tenders"])
    assert panel.sections.currentWidget() is panel.tender_table
    assert panel.section_buttons["tenders"].isChecked()
    assert cells(panel.tender_table)[0] == ["现金", "3", "¥850.00"]
    assert len(cells(panel.tender_table)) == 6
    click(qtbot, panel.section_buttons["rooms"])
    hall = cells(panel.room_table)[0]
    assert hall[:5] == ["大厅", "6", "5", "16", "0.83"] and hall[-1] == "¥350.20"
    click(qtbot, panel.section_buttons["waiters"])
    waiters = {row[0]: row for row in cells(panel.waiter_table)}
    assert waiters["王芳"][1:4] == ["4", "12", "¥266.00"]
    assert waiters["李强"][3] == "¥416.24"
    assert panel.service_table.rowCount() == 2
    click(qtbot, panel.section_buttons["adjustments"])
    rows = cells(panel.adjustment_table)
    assert len(rows) == 5  # a void, two discounts, a comp, a reopened receipt
    void = rows[0]
    assert "回锅肉" in void[3] and void[4] == "¥48.00"
    assert void[5:] == ["上错菜", "王芳", "张经理"]
    assert any(row[5] == "收错付款方式" and row[7] == "张经理" for row in rows)
    assert any(row[4] == "¥50.00" and row[5] == "店长招待" for row in rows)


def test_the_charts_draw_the_hours_the_dishes_and_the_categories(qtbot, panel) -> None:
    click(qtbot, panel.previous_button)
    hours = panel.hour_chart.chart()
    (series,) = hours.series()
    assert isinstance(series, QBarSeries)
    values = [series.barSets()[0].at(i) for i in range(series.barSets()[0].count())]
    assert values == [46.0, 216.24, 28.0, 106.0, 258.0, 28.0]
    axis = next(a for a in hours.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories() == ["12:00", "13:00", "14:00", "16:00", "18:00", "00:00"]
    click(qtbot, panel.section_buttons["dishes"])
    dishes = panel.dish_chart.chart()
    (bars,) = dishes.series()
    assert isinstance(bars, QHorizontalBarSeries)
    names = next(a for a in dishes.axes() if isinstance(a, QBarCategoryAxis)).categories()
    assert names[-1] == "鲈鱼" and len(names) == 10  # the best dish on top
    (pie,) = panel.category_chart.chart().series()
    assert isinstance(pie, QPieSeries)
    labels = [piece.label() for piece in pie.slices()]
    assert len(labels) == 6  # five categories and the rest together
    assert labels[0].startswith("热菜 43")
    # the charts write Chinese with a font that has it
    family = chart_family()
    assert family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert hours.titleFont().family() == family


def test_a_language_switch_and_a_larger_font_redraw_everything(qtbot, panel, manager_session):
    click(qtbot, panel.previous_button)
    manager_session.set_language(Language("en"))
    assert panel.csv_button.text() == "Save CSV"
    assert panel.section_buttons["adjustments"].plain_text() == "Voids & discounts"
    assert tile(panel, "net") == "CN¥682.24"
    assert panel.tiles["guests"][0].text() == "Guests"
    assert panel.title_label.text() == "Day report 2026-11-20"
    assert cells(panel.tender_table)[0][0] == "Cash"
    manager_session.set_font_scale(1.5)
    assert "font-size: 33px" in panel.styleSheet()  # the 22 px figures
    assert panel.hour_chart.chart().titleFont().pixelSize() == 24


def test_save_csv_and_pdf_write_the_report(qtbot, panel, tmp_path) -> None:
    click(qtbot, panel.previous_button)
    written = panel.save_csv(tmp_path / "day")
    assert written == tmp_path / "day.csv"
    data = written.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "682.24" in data.decode("utf-8-sig")
    assert panel.message.isVisible() and "day.csv" in panel.message.text()
    pdf = panel.save_pdf(tmp_path / "day.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "¥1,646.20" in text and "回锅肉" in text


def test_the_save_button_asks_where_with_a_touch_file_dialog(qtbot, panel, tmp_path) -> None:
    click(qtbot, panel.previous_button)
    click(qtbot, panel.csv_button)
    dialog = panel.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    target = tmp_path / "chosen.csv"
    dialog.setDirectory(str(tmp_path))
    dialog.selectFile(str(target))
    dialog.accept()
    qtbot.waitUntil(target.exists)
    assert "1646.20" in target.read_text(encoding="utf-8-sig")


def test_preview_shows_the_pdf_with_print(qtbot, panel) -> None:
    click(qtbot, panel.previous_button)
    click(qtbot, panel.preview_button)
    preview = panel.preview
    assert preview is not None and preview.isVisible()
    assert preview.page_count >= 2
    assert preview.print_button.isVisible()
    assert "2026-11-20" in preview.title.text()
    preview.close()


def test_print_goes_to_this_terminals_receipt_printer(qtbot, panel, crafted_ctx, tmp_path):
    ctx = crafted_ctx
    folder = tmp_path / "printed"
    print_queue.set_route(ctx, print_queue.this_terminal(), "receipt", f"pdf-folder:{folder}", "a4")
    click(qtbot, panel.previous_button)
    click(qtbot, panel.print_button)
    printed = list(folder.glob("*.pdf"))
    assert len(printed) == 1 and printed[0].read_bytes().startswith(b"%PDF")
    assert panel.message.isVisible()


@pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support raise\(\)",  # the warning box comes to the front
)
def test_printing_with_no_printer_at_all_says_so(qtbot, panel, manager_session, monkeypatch):
    monkeypatch.setattr(
        "ui.backoffice.reports_screen.QPrinterInfo.defaultPrinterName", staticmethod(lambda: "")
    )
    click(qtbot, panel.print_button)
    box = panel.findChild(QMessageBox, "printWarning")
    assert box is not None and box.isVisible()
    assert manager_session.tr(NO_PRINTER) in box.informativeText()
    box.close()


def test_a_bill_settled_meanwhile_shows_at_once(qtbot, panel, manager_session, demo) -> None:
    ctx = manager_session.ctx
    bill = seating.seat_party(ctx, table_id=demo.table("C1"), guests=2, waiter_id=demo.waiter)
    line = ordering.add_to_cart(ctx, bill_id=bill.bill_id, item_id=demo.item("米饭")).lines[0]
    ordering.send_to_kitchen(ctx, bill_id=bill.bill_id)
    ordering.serve_line(ctx, line_id=line)
    manager_session.run(
        lambda: payment.settle_bill(
            ctx, bill_id=bill.bill_id, tenders=[Tender(TenderMethod.WECHAT, 700)]
        )
    )
    assert tile(panel, "bills") == "2" and tile(panel, "receipts") == "¥12.00"


def test_the_shift_view_steps_through_the_shifts(qtbot, panel, manager_session, demo):
    ctx = manager_session.ctx
    shift = shifts.open_shift(ctx, terminal="前台", staff_id=demo.cashier, counted={10000: 2})
    bill = seating.seat_party(ctx, table_id=demo.table("C2"), guests=1, waiter_id=demo.waiter)
    line = ordering.add_to_cart(ctx, bill_id=bill.bill_id, item_id=demo.item("米饭")).lines[0]
    ordering.send_to_kitchen(ctx, bill_id=bill.bill_id)
    ordering.serve_line(ctx, line_id=line)
    payment.settle_bill(
        ctx,
        bill_id=bill.bill_id,
        tenders=[Tender(TenderMethod.CASH, 1000)],
        shift_id=shift.shift_id,
    )
    click(qtbot, panel.shift_button)
    assert panel.shift_button.isChecked() and not panel.day_button.isChecked()
    assert panel.shift_id == shift.shift_id
    assert "前台" in panel.title_label.text()
    assert tile(panel, "bills") == "1" and tile(panel, "receipts") == "¥5.00"
    assert not panel.previous_button.isEnabled() and not panel.next_button.isEnabled()
    assert panel.today_button.text() == manager_session.tr(LATEST_SHIFT)
    click(qtbot, panel.day_button)
    assert panel.day_button.isChecked() and tile(panel, "bills") == "2"


def test_with_no_shift_yet_the_shift_view_says_so(qtbot, panel, manager_session) -> None:
    click(qtbot, panel.shift_button)
    assert panel.summary is None
    assert panel.title_label.text() == manager_session.tr(NO_SHIFTS)
    assert not panel.preview_button.isEnabled() and not panel.csv_button.isEnabled()
