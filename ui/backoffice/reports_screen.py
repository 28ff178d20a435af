"""Reports 营业报表 in the back office (manager): a business day or one shift at a glance.

Across the top, Day or Shift and ◀ ▶ to step through them (Today goes back to the day it
is now, or the latest shift). Below, the headline figures in large type and whether they
reconcile to the fen; then one section at a time: a bar chart by hour, the top dishes and
the categories as charts, and tables of payments, rooms, waiters (with how the service steps
were kept) and every void, discount, comp and reopened receipt with its reason and the
manager who allowed it. At the bottom: preview the PDF, print it, or save it as CSV.

The figures come from ``app.services.reports``; this screen only shows them.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from pathlib import Path

from platformdirs import user_documents_dir
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScroller,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_
from app.i18n import RESOURCES_DIR
from app.printing.documents import Paper, SummaryTable
from app.printing.summary import render_shift_summary
from app.services import print_queue, reports
from app.services.print_queue import (
    RECEIPT_PURPOSE,
    SYSTEM_PRINTER,
    PrinterError,
    PrinterFactory,
    PrintSummary,
)
from app.services.reports import ReportKind, SalesSummary, ShiftChoice
from ui.printing import PdfPreview, printer_factory, run_print_action
from ui.session import UiSession
from ui.widgets import MessageBar, TouchButton

DAY = N_("Day")
SHIFT = N_("Shift")
TODAY = N_("Today")
LATEST_SHIFT = N_("Latest")
PREVIEW = N_("Preview PDF")
PRINT = N_("Print")
SAVE_CSV = N_("Save CSV")
NO_SHIFTS = N_("No shift has been opened yet.")
SHIFT_OPEN = N_("open")
SAVED = N_("Saved {file}")
NOT_SAVED = N_("Could not save {file}: {reason}")
NO_PRINTER = N_("No printer is set for receipts on this terminal, and there is no system printer.")
PRINTED = N_("The report was sent to the printer.")
SAVE_TITLE = N_("Save the report as CSV")
CSV_FILES = N_("CSV files (*.csv)")
NOTHING_SOLD = N_("Nothing was sold in this period.")
CHART_HOURS = N_("Net sales by hour")
CHART_DISHES = N_("Top dishes")
CHART_CATEGORIES = N_("Categories")
OTHER = N_("Other")
DISCOUNTS = N_("Discounts")
VOIDS_TILE = N_("{count} · {amount}")

SECTIONS = (
    ("hours", N_("By hour")),
    ("dishes", N_("Dishes")),
    ("tenders", N_("Payments")),
    ("rooms", N_("Rooms")),
    ("waiters", N_("Waiters")),
    ("adjustments", N_("Voids & discounts")),
)
TILES = (
    ("net", reports.L_NET),
    ("receipts", reports.L_RECEIPTS_TOTAL),
    ("bills", reports.L_BILLS),
    ("guests", reports.L_GUESTS),
    ("per_guest", reports.L_PER_GUEST),
    ("turns", reports.L_TURNS),
    ("discounts", DISCOUNTS),
    ("voids", reports.L_VOIDS),
)
TOP_DISHES_CHARTED = 10
ROOM_ROUNDING_COLUMN = 7  # left out on screen so a room's figures fit 1024 px
CATEGORY_SLICES = 6
BAR_COLOUR = "#1565c0"
PIE_COLOURS = ("#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#c62828", "#00838f", "#9e9e9e")


@cache
def chart_family() -> str:
    """A font family that writes Chinese, for the charts (which do not take the
    stylesheet): the system's, or the WenQuanYi font shipped in resources/fonts."""
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    for preferred in ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei"):
        if preferred in chinese:
            return preferred
    if chinese:
        return chinese[0]
    font_id = QFontDatabase.addApplicationFont(str(RESOURCES_DIR / "fonts" / "wqy-microhei.ttc"))
    loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return loaded[0] if loaded else QFont().family()


def chart_font(pixels: int, *, bold: bool = False) -> QFont:
    font = QFont(chart_family())
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _is_figure(text: str) -> bool:
    """Right-align amounts, counts and times in a table."""
    stripped = text.replace("CN", "").lstrip("¥-−+ ")
    return bool(stripped) and stripped[0].isdigit()


def _header(title: str) -> str:
    """A long column title over two lines ("Receipts total" → "Receipts" / "total"), so
    the figures, not the titles, set the width of a column."""
    words = title.split(" ")
    if len(title) <= 8 or len(words) < 2:
        return title
    middle = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(title) / 2))
    return " ".join(words[:middle]) + "\n" + " ".join(words[middle:])


class ReportsPanel(QWidget):
    """The reports of a business day or a shift, on screen, as PDF, printed and as CSV.

    ``show_day(day)``, ``show_shift(shift_id)`` choose what is shown; ``summary`` holds its
    figures; ``save_csv(path)`` and ``save_pdf(path)`` write the files the buttons write."""

    def __init__(
        self,
        session: UiSession,
        parent: QWidget | None = None,
        *,
        printers: PrinterFactory = printer_factory,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._printers = printers
        self.mode = ReportKind.DAY
        self.day: date = reports.current_business_day(session.ctx)
        self.shifts: list[ShiftChoice] = []
        self.shift_id: int | None = None
        self.summary: SalesSummary | None = None
        self.preview: PdfPreview | None = None
        self.file_dialog: QFileDialog | None = None
        self._stale = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(self._build_top())
        layout.addLayout(self._build_tiles())
        self.check_label = QLabel(objectName="check")
        self.check_label.setWordWrap(True)
        layout.addWidget(self.check_label)
        layout.addLayout(self._build_section_buttons())
        self.sections = QStackedWidget()
        self._pages = self._build_pages()
        for page in self._pages.values():
            self.sections.addWidget(page)
        layout.addWidget(self.sections, 1)
        layout.addLayout(self._build_actions())

        session.language_changed.connect(self._retranslate)
        session.style_changed.connect(self._restyle)
        session.changed.connect(self._store_changed)
        self.show_section("hours")
        self._restyle()
        self._retranslate()
        self.refresh()

    def _build_top(self) -> QHBoxLayout:
        """Day / Shift, ◀ the title and period ▶, Today."""
        self.day_button = self._mode_button(ReportKind.DAY)
        self.shift_button = self._mode_button(ReportKind.SHIFT)
        self.previous_button = TouchButton("◀", size="main")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = TouchButton("▶", size="main")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button = TouchButton(size="main")
        self.today_button.clicked.connect(self.go_to_today)
        self.title_label = QLabel(objectName="title")
        self.period_label = QLabel(objectName="period")
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.title_label)
        heading.addWidget(self.period_label)
        top = QHBoxLayout()
        top.addWidget(self.day_button)
        top.addWidget(self.shift_button)
        top.addSpacing(8)
        top.addWidget(self.previous_button)
        top.addLayout(heading, 1)
        top.addWidget(self.next_button)
        top.addWidget(self.today_button)
        return top

    def _build_tiles(self) -> QGridLayout:
        """The headline figures, four to a row, each with its caption."""
        self.tiles: dict[str, tuple[QLabel, QLabel]] = {}
        tiles = QGridLayout()
        tiles.setSpacing(6)
        for index, (key, _label) in enumerate(TILES):
            frame = QFrame(objectName="tile")
            caption = QLabel(objectName="caption")
            value = QLabel(objectName="figure")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            inside = QVBoxLayout(frame)
            inside.setContentsMargins(8, 2, 8, 2)
            inside.setSpacing(0)
            inside.addWidget(caption)
            inside.addWidget(value)
            tiles.addWidget(frame, index // 4, index % 4)
            self.tiles[key] = (caption, value)
        return tiles

    def _build_section_buttons(self) -> QHBoxLayout:
        self.section_buttons: dict[str, TouchButton] = {}
        sections = QHBoxLayout()
        sections.setSpacing(4)
        for key, _label in SECTIONS:
            button = TouchButton()
            button.setObjectName("section")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=key: self.show_section(k))
            self.section_buttons[key] = button
            sections.addWidget(button)
        return sections

    def _build_pages(self) -> dict[str, QWidget]:
        """One page per section: the charts and the tables."""
        self.hour_chart = self._chart_view()
        self.dish_chart = self._chart_view()
        self.category_chart = self._chart_view()
        dishes = QWidget()
        dish_row = QHBoxLayout(dishes)
        dish_row.setContentsMargins(0, 0, 0, 0)
        dish_row.addWidget(self.dish_chart, 1)
        dish_row.addWidget(self.category_chart, 1)
        self.tender_table = self._table()
        self.room_table = self._table()
        self.waiter_table = self._table()
        self.service_table = self._table()
        waiters = QWidget()
        waiter_column = QVBoxLayout(waiters)
        waiter_column.setContentsMargins(0, 0, 0, 0)
        self.service_caption = QLabel(objectName="caption")
        waiter_column.addWidget(self.waiter_table, 1)
        waiter_column.addWidget(self.service_caption)
        waiter_column.addWidget(self.service_table, 1)
        self.adjustment_table = self._table()
        return {
            "hours": self.hour_chart,
            "dishes": dishes,
            "tenders": self.tender_table,
            "rooms": self.room_table,
            "waiters": waiters,
            "adjustments": self.adjustment_table,
        }

    def _build_actions(self) -> QHBoxLayout:
        """The message strip, then Preview PDF, Print and Save CSV."""
        self.message = MessageBar()
        self.preview_button = TouchButton(size="main")
        self.preview_button.clicked.connect(self.open_preview)
        self.print_button = TouchButton(size="main")
        self.print_button.clicked.connect(self.print_report)
        self.csv_button = TouchButton(size="main")
        self.csv_button.clicked.connect(self.choose_csv_file)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.csv_button)
        return actions

    # -- what is shown ------------------------------------------------------------------

    def show_day(self, day: date) -> None:
        """The day report 营业日报 of ``day``."""
        self.mode = ReportKind.DAY
        self.day = day
        self.refresh()

    def show_shift(self, shift_id: int | None) -> None:
        """The summary of one shift (the latest when None)."""
        self.mode = ReportKind.SHIFT
        self.shifts = self._session.run(lambda: reports.recent_shifts(self._session.ctx)) or []
        ids = [choice.shift_id for choice in self.shifts]
        if shift_id is None or shift_id not in ids:
            shift_id = ids[-1] if ids else None
        self.shift_id = shift_id
        self.refresh()

    def step(self, direction: int) -> None:
        """◀ ▶: the day before or after, or the shift before or after."""
        if self.mode is ReportKind.DAY:
            self.show_day(self.day + timedelta(days=direction))
            return
        ids = [choice.shift_id for choice in self.shifts]
        if self.shift_id in ids:
            index = min(max(ids.index(self.shift_id) + direction, 0), len(ids) - 1)
            self.show_shift(ids[index])

    def go_to_today(self) -> None:
        if self.mode is ReportKind.DAY:
            self.show_day(reports.current_business_day(self._session.ctx))
        else:
            self.show_shift(None)

    def refresh(self) -> None:
        """Read the figures again and show them."""
        ctx = self._session.ctx
        self._stale = False
        if self.mode is ReportKind.DAY:
            day = self.day
            self.summary = self._session.run(lambda: reports.day_report(ctx, day))
        elif self.shift_id is not None:
            shift_id = self.shift_id
            self.summary = self._session.run(lambda: reports.shift_report(ctx, shift_id))
        else:
            self.summary = None
        self._show_summary()

    def show_section(self, key: str) -> None:
        self.sections.setCurrentWidget(self._pages[key])
        for other, button in self.section_buttons.items():
            button.setChecked(other == key)

    def _store_changed(self, _changes: object) -> None:
        """A bill was settled somewhere: today's figures are read again when next seen."""
        if not self.isVisible():
            self._stale = True
            return
        if self.mode is ReportKind.DAY and self.day != reports.current_business_day(
            self._session.ctx
        ):
            return
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # -- the files ----------------------------------------------------------------------

    def pdf(self, paper: Paper = Paper.A4) -> bytes:
        """The report as PDF, in the current language."""
        if self.summary is None:
            raise PrinterError(N_("There is no report to print."))
        document = reports.summary_document(self.summary, self._session.language)
        return render_shift_summary(document, paper)

    def save_pdf(self, path: str | Path) -> Path:
        target = Path(path)
        target.write_bytes(self.pdf())
        return target

    def save_csv(self, path: str | Path) -> Path | None:
        """Write the report as CSV (UTF-8 with BOM, for Excel); says where, or why not."""
        if self.summary is None:
            return None
        target = Path(path)
        if target.suffix.lower() != ".csv":
            target = target.with_name(target.name + ".csv")
        text = reports.summary_csv(self.summary, self._session.language)
        try:
            target.write_bytes(text.encode("utf-8"))
        except OSError as error:
            self.message.show_error(
                self._session.tr(NOT_SAVED).format(
                    file=str(target), reason=error.strerror or str(error)
                )
            )
            return None
        self.message.show_info(self._session.tr(SAVED).format(file=target.name))
        return target

    def choose_csv_file(self) -> None:
        """Ask where to save the CSV (a touch-friendly, non-native file dialog)."""
        if self.summary is None:
            return
        dialog = QFileDialog(self, self._session.tr(SAVE_TITLE))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter(self._session.tr(CSV_FILES))
        dialog.setDefaultSuffix("csv")
        dialog.setDirectory(user_documents_dir())
        dialog.selectFile(self.file_name("csv"))
        dialog.setStyleSheet(
            f"QWidget {{ font-size: {self._session.px(16)}px; }}"
            " QPushButton { min-height: 48px; min-width: 120px; }"
            " QLineEdit, QComboBox { min-height: 48px; }"
        )
        dialog.resize(900, 600)
        dialog.fileSelected.connect(self.save_csv)
        self.file_dialog = dialog
        dialog.open()

    def file_name(self, suffix: str) -> str:
        summary = self.summary
        if summary is not None and summary.shift is not None:
            return f"shift-{summary.shift.z_no or summary.shift.shift_id}.{suffix}"
        return f"day-report-{self.day.isoformat()}.{suffix}"

    def open_preview(self) -> None:
        """The PDF page by page, with Print."""
        if self.summary is None:
            return
        try:
            pdf = self.pdf()
        except PrinterError as error:
            self.message.show_error(self._session.language.error_text(error))
            return
        title = reports.report_title(self.summary, self._session.language)
        self.preview = PdfPreview(
            pdf,
            title,
            self._session.language,
            on_print=self._print,
            parent=self,
            px=self._session.px,
        )
        self.preview.open()

    def print_report(self) -> None:
        """Print on this terminal's receipt printer (its paper), or the system's default
        printer; a problem is shown, never raised."""
        if self.summary is None:
            return
        summary = run_print_action(self, self._session.language, self._print)
        if summary is not None and summary.ok:
            self.message.show_info(self._session.tr(PRINTED))

    def _print(self) -> PrintSummary:
        terminal = print_queue.this_terminal()
        route = next(
            (
                r
                for r in print_queue.routes(self._session.ctx, terminal)
                if r.purpose == RECEIPT_PURPOSE
            ),
            None,
        )
        if route is not None:
            target, paper = route.target, Paper(route.paper)
        else:
            default = QPrinterInfo.defaultPrinterName()
            if not default:
                raise PrinterError(NO_PRINTER)
            target, paper = f"{SYSTEM_PRINTER}{default}", Paper.A4
        printer = self._printers(target, paper)
        printer.print_pdf(self.pdf(paper), job_name=self.file_name("pdf").removesuffix(".pdf"))
        return PrintSummary()

    # -- showing the figures ------------------------------------------------------------

    def _show_summary(self) -> None:
        language = self._session.language
        summary = self.summary
        self._show_heading()
        for button in (self.preview_button, self.print_button, self.csv_button):
            button.setEnabled(summary is not None)
        if summary is None:
            for _caption, value in self.tiles.values():
                value.setText("—")
            self.check_label.setText("")
            for view in (self.hour_chart, self.dish_chart, self.category_chart):
                self._set_chart(view, QChart())
            for table in self._tables():
                table.setRowCount(0)
            return
        money, number = language.money, language.number
        turns = summary.table_turns
        values = {
            "net": money(summary.net_sales),
            "receipts": money(summary.receipts_total),
            "bills": number(summary.bills),
            "guests": number(summary.guests),
            "per_guest": "—"
            if summary.average_per_guest is None
            else money(summary.average_per_guest),
            "turns": "—" if turns is None else number(turns),
            "discounts": money(-summary.discounts),
            "voids": self._session.tr(VOIDS_TILE).format(
                count=number(summary.void_count), amount=money(summary.void_amount)
            ),
        }
        for key, (_caption, value) in self.tiles.items():
            value.setText(values[key])
        reconciles = bool(summary.reconciles)
        text = reports.reconciliation_text(summary, language)
        if not summary.bills:
            text = f"{self._session.tr(NOTHING_SOLD)}  {text}"
        self.check_label.setText(("✓ " if reconciles else "✗ ") + text)
        self.check_label.setProperty("ok", reconciles)
        self.check_label.style().unpolish(self.check_label)
        self.check_label.style().polish(self.check_label)
        tables = reports.report_tables(summary, language)
        self._fill(self.tender_table, tables.tenders)
        self._fill(self.room_table, tables.rooms, hidden=ROOM_ROUNDING_COLUMN)
        self._fill(self.waiter_table, tables.waiters)
        self._fill(self.service_table, tables.service)
        self._fill(self.adjustment_table, tables.adjustments, stretch=3)
        self._draw_hours(summary)
        self._draw_dishes(summary)
        self._draw_categories(summary)

    def _show_heading(self) -> None:
        language = self._session.language
        summary = self.summary
        if self.mode is ReportKind.SHIFT and self.shift_id is None:
            self.title_label.setText(self._session.tr(NO_SHIFTS))
            self.period_label.setText("")
        elif summary is not None:
            self.title_label.setText(reports.report_title(summary, language))
            period = reports.report_period(summary, language)
            if summary.shift is not None and not summary.shift.closed:
                period = f"{period} ({self._session.tr(SHIFT_OPEN)})"
            self.period_label.setText(period)
        ids = [choice.shift_id for choice in self.shifts]
        in_shifts = self.mode is ReportKind.SHIFT
        self.previous_button.setEnabled(
            not in_shifts or (self.shift_id in ids and ids.index(self.shift_id) > 0)
        )
        self.next_button.setEnabled(
            not in_shifts or (self.shift_id in ids and ids.index(self.shift_id) < len(ids) - 1)
        )
        self.day_button.setChecked(not in_shifts)
        self.shift_button.setChecked(in_shifts)
        self.today_button.setText(self._session.tr(LATEST_SHIFT if in_shifts else TODAY))

    def _tables(self) -> tuple[QTableWidget, ...]:
        return (
            self.tender_table,
            self.room_table,
            self.waiter_table,
            self.service_table,
            self.adjustment_table,
        )

    def _fill(
        self, widget: QTableWidget, table: SummaryTable, stretch: int = 0, hidden: int | None = None
    ) -> None:
        """Show ``table``; column ``stretch`` takes the room left (its long texts end in …),
        column ``hidden`` is left out (it is in the PDF and the CSV)."""
        widget.clear()
        widget.setColumnCount(len(table.columns))
        widget.setHorizontalHeaderLabels([_header(title) for title in table.columns])
        widget.setRowCount(len(table.rows))
        for row, cells in enumerate(table.rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                figure = column and _is_figure(text)
                align = Qt.AlignmentFlag.AlignRight if figure else Qt.AlignmentFlag.AlignLeft
                item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
                widget.setItem(row, column, item)
        header = widget.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        for column in range(len(table.columns)):
            widget.setColumnHidden(column, column == hidden)
        widget.setCurrentCell(-1, -1)

    # -- charts -------------------------------------------------------------------------

    def _chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.setTitleFont(chart_font(self._session.px(16), bold=True))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setVisible(False)
        return chart

    def _axis_font(self) -> QFont:
        return chart_font(self._session.px(13))

    def _yuan_axis(self, top_fen: int) -> QValueAxis:
        """Whole yuan from 0 to a round number above ``top_fen``; an empty day still gets
        distinct labels (0 to 10) rather than 0, 0, 1, 1."""
        amounts = QValueAxis()
        amounts.setLabelFormat("%.0f")
        amounts.setLabelsFont(self._axis_font())
        amounts.setRange(0, max(top_fen / 100, 10))
        amounts.setTickCount(4)
        amounts.applyNiceNumbers()
        return amounts

    def _draw_hours(self, summary: SalesSummary) -> None:
        chart = self._chart(self._session.tr(CHART_HOURS))
        bars = QBarSet(self._session.tr(reports.L_NET))
        bars.setColor(QColor(BAR_COLOUR))
        for hour in summary.hours:
            bars.append(hour.net_sales / 100)
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        hours = QBarCategoryAxis()
        hours.append([reports.hour_label(hour.hour) for hour in summary.hours] or [""])
        hours.setLabelsFont(self._axis_font())
        amounts = self._yuan_axis(max((h.net_sales for h in summary.hours), default=0))
        chart.addAxis(hours, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(hours)
        series.attachAxis(amounts)
        self._set_chart(self.hour_chart, chart)

    def _draw_dishes(self, summary: SalesSummary) -> None:
        pick = self._session.language.pick
        top = list(summary.dishes[:TOP_DISHES_CHARTED])[::-1]  # the best on top
        chart = self._chart(self._session.tr(CHART_DISHES))
        bars = QBarSet(self._session.tr(reports.C_AMOUNT))
        bars.setColor(QColor(BAR_COLOUR))
        for dish in top:
            bars.append(dish.amount / 100)
        series = QHorizontalBarSeries()
        series.append(bars)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([pick(dish.name_zh, dish.name_en) for dish in top] or [""])
        names.setLabelsFont(self._axis_font())
        amounts = self._yuan_axis(max((d.amount for d in top), default=0))
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(amounts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(amounts)
        self._set_chart(self.dish_chart, chart)

    def _draw_categories(self, summary: SalesSummary) -> None:
        language = self._session.language
        chart = self._chart(self._session.tr(CHART_CATEGORIES))
        series = QPieSeries()
        categories = [c for c in summary.categories if c.amount > 0]
        shown = categories[: CATEGORY_SLICES - 1]
        rest = sum(c.amount for c in categories[CATEGORY_SLICES - 1 :])
        slices = [(language.pick(c.name_zh, c.name_en), c.amount) for c in shown]
        if rest:
            slices.append((self._session.tr(OTHER), rest))
        total = sum(amount for _name, amount in slices)
        for index, (name, amount) in enumerate(slices):
            whole_percent = round(amount * 100 / total) * 100 if total else 0
            piece = series.append(f"{name} {language.percent(whole_percent)}", amount / 100)
            piece.setColor(QColor(PIE_COLOURS[index % len(PIE_COLOURS)]))
        series.setPieSize(0.85)
        legend = chart.legend()
        legend.setVisible(bool(slices))
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        legend.setFont(self._axis_font())
        chart.addSeries(series)
        self._set_chart(self.category_chart, chart)

    @staticmethod
    def _set_chart(view: QChartView, chart: QChart) -> None:
        old = view.chart()
        view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()

    # -- building blocks ----------------------------------------------------------------

    def _mode_button(self, mode: ReportKind) -> TouchButton:
        button = TouchButton(size="main")
        button.setObjectName("mode")
        button.setCheckable(True)
        if mode is ReportKind.DAY:
            button.clicked.connect(lambda: self.show_day(self.day))
        else:
            button.clicked.connect(lambda: self.show_shift(self.shift_id))
        return button

    @staticmethod
    def _chart_view() -> QChartView:
        view = QChartView()
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(160)
        return view

    @staticmethod
    def _table() -> QTableWidget:
        table = QTableWidget()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        QScroller.grabGesture(table.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        return table

    # -- language and size --------------------------------------------------------------

    def _retranslate(self, *_: object) -> None:
        tr = self._session.tr
        self.day_button.setText(tr(DAY))
        self.shift_button.setText(tr(SHIFT))
        self.preview_button.setText(tr(PREVIEW))
        self.print_button.setText(tr(PRINT))
        self.csv_button.setText(tr(SAVE_CSV))
        for key, label in SECTIONS:
            self.section_buttons[key].setText(tr(label))
        for key, label in TILES:
            self.tiles[key][0].setText(tr(label))
        self.service_caption.setText(tr(reports.T_SERVICE))
        self._show_summary()

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(
            f"QWidget {{ font-size: {px(16)}px; }}"
            f" QLabel#title {{ font-size: {px(22)}px; font-weight: bold; }}"
            f" QLabel#period {{ font-size: {px(15)}px; color: #455a64; }}"
            " QFrame#tile { background: #f5f7fa; border: 1px solid #cfd8dc; border-radius: 6px; }"
            f" QLabel#caption {{ font-size: {px(14)}px; color: #455a64; }}"
            f" QLabel#figure {{ font-size: {px(22)}px; font-weight: bold; color: #263238; }}"
            f" QLabel#check {{ font-size: {px(16)}px; font-weight: bold; color: #2e7d32; }}"
            ' QLabel#check[ok="false"] { color: #c62828; }'
            f" QPushButton {{ font-size: {px(17)}px; padding: 0 14px; }}"
            " QPushButton#mode:checked, QPushButton#section:checked"
            " { background: #1565c0; color: white; border: 2px solid #0d47a1; }"
            " QPushButton#mode, QPushButton#section"
            " { background: #eceff1; border: 2px solid #b0bec5; border-radius: 6px; }"
            f" QHeaderView::section {{ font-size: {px(15)}px; font-weight: bold; padding: 4px; }}"
            f" QTableWidget {{ font-size: {px(16)}px; }}"
            " QScrollBar:vertical { width: 24px; } QScrollBar:horizontal { height: 24px; }"
        )
        self.message.restyle(px)
        for table in self._tables():
            table.verticalHeader().setDefaultSectionSize(px(16) + 24)
        if self.summary is not None:
            self._draw_hours(self.summary)
            self._draw_dishes(self.summary)
            self._draw_categories(self.summary)
