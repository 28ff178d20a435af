"""Shift & drawer 交班: open the drawer with a counted float, put cash in or take it out with
a reason, look at the X report, and close: the bills still open (carry over or go settle),
the count note by note with expected, counted and over/short live, a note and a manager
beyond the limit, then the Z number and the handover slip 交班单 queued for printing.

Business rules live in ``app.services.shifts``; this panel only shows and asks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_
from app.domain.money import parse_yuan
from app.domain.text import NOTE_MAX, REASON_MAX
from app.printing.documents import Paper
from app.services import shifts
from app.services.print_queue import this_terminal
from app.services.shifts import (
    MOVEMENT_LABELS,
    DrawerFigures,
    MovementKind,
    OpenBill,
    ShiftView,
)
from ui.authorise import ManagerAuthorisation, ask_manager
from ui.printing import PdfPreview
from ui.session import UiSession
from ui.widgets import NumPad, TouchButton
from ui.widgets.denominations import DenominationCounter

GREEN = "#2e7d32"
BLUE = "#1565c0"
RED = "#c62828"
AMOUNT_MAX_CHARS = 9  # 100000.00
ROW_PX = 48

CASH_IN_REASONS = (
    N_("Change from the bank"),
    N_("Float top-up"),
)
CASH_OUT_REASONS = (
    N_("Paid a supplier"),
    N_("Takings to the safe"),
    N_("Petty cash purchase"),
)
CLOSE_NOTES = (
    N_("Wrong change given"),
    N_("Counting mistake"),
    N_("Cash out not recorded"),
)


def shift_style(px: Callable[[int], int]) -> str:
    """The panel at the chosen font size."""
    return f"""
QWidget {{ font-size: {px(17)}px; }}
QLabel#title {{ font-size: {px(24)}px; font-weight: bold; }}
QLabel#hint, QLabel#facts {{ font-size: {px(17)}px; color: #455a64; }}
QLabel#caption {{ font-size: {px(19)}px; font-weight: bold; color: #37474f; }}
QLabel#big {{ font-size: {px(36)}px; font-weight: bold; color: {BLUE}; }}
QLabel#figure {{ font-size: {px(26)}px; font-weight: bold; }}
QLabel#overShort {{ font-size: {px(26)}px; font-weight: bold; color: {GREEN}; }}
QLabel#overShort[beyond="true"] {{ color: {RED}; }}
QLabel#limit {{ font-size: {px(16)}px; color: #455a64; }}
QLabel#limit[beyond="true"] {{ color: {RED}; font-weight: bold; }}
QLabel#zNumber {{ font-size: {px(48)}px; font-weight: bold; color: {GREEN}; }}
QLabel#error {{ font-size: {px(18)}px; font-weight: bold; color: {RED}; background: #ffebee;
               border: 2px solid {RED}; border-radius: 4px; padding: 6px; }}
QPushButton {{ font-size: {px(18)}px; }}
QPushButton#reason {{ background: #eceff1; border: 2px solid #90a4ae; border-radius: 6px;
               padding: 2px 8px; }}
QPushButton#reason:checked {{ background: {BLUE}; color: white; border-color: #0d47a1; }}
QPushButton#go {{ font-size: {px(22)}px; font-weight: bold; background: {GREEN}; color: white;
               border-radius: 8px; padding: 0 16px; }}
QPushButton#go:disabled {{ background: #a5d6a7; }}
QPushButton#action {{ font-size: {px(20)}px; background: #e3f2fd; border: 2px solid #90caf9;
               border-radius: 6px; padding: 0 12px; }}
QLineEdit {{ font-size: {px(19)}px; min-height: 44px; padding: 0 8px; }}
QTableWidget {{ font-size: {px(17)}px; }}
QHeaderView::section {{ font-size: {px(16)}px; font-weight: bold; padding: 4px; }}
"""


def _label(name: str, wrap: bool = False) -> QLabel:
    label = QLabel(objectName=name)
    label.setWordWrap(wrap)
    return label


def _titled_page(
    title: QLabel, left: QWidget | QLayout, right: QLayout, *, left_stretch: int = 0
) -> QWidget:
    """A page with its title above and two sides under it (the right one grows)."""
    body = QHBoxLayout()
    if isinstance(left, QWidget):
        body.addWidget(left, left_stretch)
    else:
        body.addLayout(left, left_stretch)
    body.addSpacing(16)
    body.addLayout(right, 1)
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(title)
    layout.addLayout(body, 1)
    return page


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(ROW_PX)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return table


def _cell(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _repolish(widget: QWidget, **properties: object) -> None:
    for name, value in properties.items():
        widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class ShiftPanel(QWidget):
    """The drawer of this terminal: open it, move cash, read the X report, close it.

    ``settle_requested(bill_id)`` when "Go settle" is tapped on a bill still open at close:
    the main window opens that bill's payment screen.
    """

    settle_requested = Signal(int)

    def __init__(
        self, session: UiSession, parent: QWidget | None = None, *, terminal: str | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.terminal = terminal or this_terminal()
        self.shift: ShiftView | None = None
        self.drawer: DrawerFigures | None = None
        self.expected_fen = 0
        self.tolerance_fen = 0
        self.movement_kind = MovementKind.IN
        self.movement_reason = ""
        self.carry_over = False
        self.open_bills: list[OpenBill] = []
        self.closed_shift_id: int | None = None
        self.preview: PdfPreview | None = None
        self.authorisation: ManagerAuthorisation | None = None

        self.pages = QStackedWidget()
        self.open_page = self._build_open_page()
        self.shift_page = self._build_shift_page()
        self.move_page = self._build_move_page()
        self.bills_page = self._build_bills_page()
        self.count_page = self._build_count_page()
        self.closed_page = self._build_closed_page()
        for page in (
            self.open_page,
            self.shift_page,
            self.move_page,
            self.bills_page,
            self.count_page,
            self.closed_page,
        ):
            self.pages.addWidget(page)
        self.error_label = _label("error", wrap=True)
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error_label)

        session.changed.connect(self.refresh)
        session.language_changed.connect(self._retranslate)
        session.style_changed.connect(self._restyle)
        self._restyle()
        self._retranslate()
        self.refresh()

    # ------------------------------------------------------------------ building

    def _build_open_page(self) -> QWidget:
        self.open_title = _label("title", wrap=True)
        self.open_hint = _label("hint", wrap=True)
        self.float_counter = DenominationCounter(self._session)
        self.open_button = TouchButton(size="main")
        self.open_button.setObjectName("go")
        self.open_button.clicked.connect(self.open_shift)
        side = QVBoxLayout()
        side.addWidget(self.open_hint)
        side.addStretch(1)
        side.addWidget(self.open_button)
        return _titled_page(self.open_title, self.float_counter, side)

    def _build_shift_page(self) -> QWidget:
        page = QWidget()
        self.shift_title = _label("title", wrap=True)
        self.shift_facts = _label("facts", wrap=True)
        self.expected_caption = _label("caption")
        self.expected_label = _label("big")
        self.drawer_facts = _label("facts", wrap=True)
        self.movements_caption = _label("caption")
        self.movements = _table(4)
        self.movements.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.cash_in_button = TouchButton(size="main")
        self.cash_out_button = TouchButton(size="main")
        self.x_report_button = TouchButton(size="main")
        self.close_button = TouchButton(size="main")
        for button in (self.cash_in_button, self.cash_out_button, self.x_report_button):
            button.setObjectName("action")
        self.close_button.setObjectName("go")
        self.cash_in_button.clicked.connect(lambda: self.start_movement(MovementKind.IN))
        self.cash_out_button.clicked.connect(lambda: self.start_movement(MovementKind.OUT))
        self.x_report_button.clicked.connect(self.show_x_report)
        self.close_button.clicked.connect(self.start_close)
        left = QVBoxLayout()
        left.addWidget(self.shift_title)
        left.addWidget(self.shift_facts)
        left.addSpacing(8)
        left.addWidget(self.expected_caption)
        left.addWidget(self.expected_label)
        left.addWidget(self.drawer_facts)
        left.addSpacing(8)
        left.addWidget(self.movements_caption)
        left.addWidget(self.movements, 1)
        right = QVBoxLayout()
        right.addWidget(self.cash_in_button)
        right.addWidget(self.cash_out_button)
        right.addWidget(self.x_report_button)
        right.addStretch(1)
        right.addWidget(self.close_button)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addSpacing(16)
        layout.addLayout(right, 1)
        return page

    def _build_move_page(self) -> QWidget:
        self.move_title = _label("title")
        self.amount_caption = _label("caption")
        self.amount_pad = NumPad(self._session.language, max_length=AMOUNT_MAX_CHARS, decimals=2)
        self.reason_caption = _label("caption")
        self.reason_buttons: dict[str, TouchButton] = {}
        self.reason_grid = QVBoxLayout()
        self.reason_grid.setSpacing(8)
        for msgid in (*CASH_IN_REASONS, *CASH_OUT_REASONS):
            button = TouchButton()
            button.setObjectName("reason")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, m=msgid: self.choose_reason(m))
            self.reason_grid.addWidget(button)
            self.reason_buttons[msgid] = button
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(REASON_MAX)
        self.reason_edit.textEdited.connect(self._typed_reason)
        self.move_cancel_button = TouchButton(size="main")
        self.move_cancel_button.clicked.connect(self.show_current)
        self.move_ok_button = TouchButton(size="main")
        self.move_ok_button.setObjectName("go")
        self.move_ok_button.clicked.connect(self.save_movement)
        left = QVBoxLayout()
        left.addWidget(self.amount_caption)
        left.addWidget(self.amount_pad, 1)
        right = QVBoxLayout()
        right.addWidget(self.reason_caption)
        right.addLayout(self.reason_grid)
        right.addWidget(self.reason_edit)
        right.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.move_cancel_button)
        buttons.addWidget(self.move_ok_button)
        right.addLayout(buttons)
        return _titled_page(self.move_title, left, right, left_stretch=1)

    def _build_bills_page(self) -> QWidget:
        page = QWidget()
        self.bills_title = _label("title")
        self.bills_hint = _label("hint", wrap=True)
        self.bills_table = _table(5)
        self.bills_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.bills_back_button = TouchButton(size="main")
        self.bills_back_button.clicked.connect(self.show_current)
        self.go_settle_button = TouchButton(size="main")
        self.go_settle_button.setObjectName("action")
        self.go_settle_button.clicked.connect(self.go_settle)
        self.carry_over_button = TouchButton(size="main")
        self.carry_over_button.setObjectName("go")
        self.carry_over_button.clicked.connect(self.carry_over_bills)
        buttons = QHBoxLayout()
        buttons.addWidget(self.bills_back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.go_settle_button)
        buttons.addWidget(self.carry_over_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bills_title)
        layout.addWidget(self.bills_hint)
        layout.addWidget(self.bills_table, 1)
        layout.addLayout(buttons)
        return page

    def _build_count_page(self) -> QWidget:
        self.count_title = _label("title")
        self.close_counter = DenominationCounter(self._session)
        self.close_counter.changed.connect(self._show_over_short)
        self.expected_name = _label("caption")
        self.expected_value = _label("figure")
        self.counted_name = _label("caption")
        self.counted_value = _label("figure")
        self.over_short_name = _label("caption")
        self.over_short_value = _label("overShort")
        figures = QVBoxLayout()  # each figure's name above it: narrow enough for 1024 px
        figures.setSpacing(0)
        for name, value in (
            (self.expected_name, self.expected_value),
            (self.counted_name, self.counted_value),
            (self.over_short_name, self.over_short_value),
        ):
            figures.addWidget(name)
            figures.addWidget(value)
        self.limit_label = _label("limit", wrap=True)
        self.carried_label = _label("hint", wrap=True)
        self.note_caption = _label("caption")
        self.note_buttons: dict[str, TouchButton] = {}
        notes = QVBoxLayout()
        notes.setSpacing(6)
        for msgid in CLOSE_NOTES:
            button = TouchButton()
            button.setObjectName("reason")
            button.clicked.connect(lambda _=False, m=msgid: self.note_edit.setText(self._tr(m)))
            notes.addWidget(button)
            self.note_buttons[msgid] = button
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(NOTE_MAX)
        self.count_back_button = TouchButton(size="main")
        self.count_back_button.clicked.connect(self.show_current)
        self.close_shift_button = TouchButton(size="main")
        self.close_shift_button.setObjectName("go")
        self.close_shift_button.clicked.connect(self.close_shift)
        right = QVBoxLayout()
        right.addLayout(figures)
        right.addWidget(self.limit_label)
        right.addWidget(self.carried_label)
        right.addSpacing(4)
        right.addWidget(self.note_caption)
        right.addLayout(notes)
        right.addWidget(self.note_edit)
        right.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_back_button)
        buttons.addWidget(self.close_shift_button, 1)
        right.addLayout(buttons)
        return _titled_page(self.count_title, self.close_counter, right)

    def _build_closed_page(self) -> QWidget:
        page = QWidget()
        self.closed_title = _label("title")
        self.z_label = _label("zNumber")
        self.closed_facts = _label("facts", wrap=True)
        self.slip_label = _label("hint", wrap=True)
        self.preview_button = TouchButton(size="main")
        self.preview_button.setObjectName("action")
        self.preview_button.clicked.connect(self.preview_slip)
        self.new_shift_button = TouchButton(size="main")
        self.new_shift_button.setObjectName("go")
        self.new_shift_button.clicked.connect(self.show_open_page)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_shift_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.closed_title)
        layout.addWidget(self.z_label)
        layout.addWidget(self.closed_facts)
        layout.addWidget(self.slip_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    # ------------------------------------------------------------------ reading

    def _tr(self, msgid: str) -> str:
        return self._session.tr(msgid)

    def refresh(self, *_: object) -> None:
        """Read this terminal's shift again and redraw what the current page shows."""
        ctx = self._session.ctx
        shift = self._session.run(lambda: shifts.current_shift(ctx, self.terminal))
        self.shift = shift
        page = self.pages.currentWidget()
        if shift is None:
            if page is not self.closed_page:
                self.pages.setCurrentWidget(self.open_page)
            self._show_open_page_texts()
            return
        report = self._session.run(lambda: shifts.x_report(ctx, shift.shift_id))
        if report is not None:
            self.drawer = report.drawer
            self.expected_fen = report.drawer.expected_fen
        if page in (self.open_page, self.closed_page):
            self.pages.setCurrentWidget(self.shift_page)
        elif page is self.bills_page:
            self._load_open_bills()
            if not self.open_bills:
                self._show_count_page()
        self._show_shift()
        self._show_over_short()

    def show_current(self) -> None:
        """Back to the open shift (or to opening one)."""
        self.show_error("")
        self.pages.setCurrentWidget(self.shift_page if self.shift else self.open_page)
        self.refresh()

    def show_open_page(self) -> None:
        self.show_error("")
        self.closed_shift_id = None
        self.float_counter.clear()
        self.pages.setCurrentWidget(self.open_page)
        self.refresh()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    # ------------------------------------------------------------------ opening

    def open_shift(self) -> None:
        """Open the drawer with the float on the counter."""
        ctx, session = self._session.ctx, self._session
        counted = self.float_counter.counts()
        changes = session.run(
            lambda: shifts.open_shift(
                ctx, terminal=self.terminal, staff_id=session.staff_id, counted=counted
            ),
            on_error=self.show_error,
        )
        if changes is None:
            return
        self.show_error("")
        self.pages.setCurrentWidget(self.shift_page)
        self.refresh()

    # ------------------------------------------------------------------ cash in and out

    def start_movement(self, kind: MovementKind) -> None:
        """The amount pad and the reasons for cash in (存入) or cash out (取出)."""
        self.show_error("")
        self.movement_kind = MovementKind(kind)
        self.movement_reason = ""
        self.amount_pad.clear()
        self.reason_edit.clear()
        wanted = CASH_IN_REASONS if kind is MovementKind.IN else CASH_OUT_REASONS
        for msgid, button in self.reason_buttons.items():
            button.setChecked(False)
            button.setVisible(msgid in wanted)
        self._retranslate_movement()
        self.pages.setCurrentWidget(self.move_page)

    def choose_reason(self, msgid: str) -> None:
        for key, button in self.reason_buttons.items():
            button.setChecked(key == msgid)
        self.movement_reason = self._tr(msgid)
        self.reason_edit.clear()

    def _typed_reason(self, text: str) -> None:
        for button in self.reason_buttons.values():
            button.setChecked(False)
        self.movement_reason = text.strip()

    def save_movement(self) -> None:
        if self.shift is None:
            return
        ctx, session = self._session.ctx, self._session
        shift_id, kind, reason = self.shift.shift_id, self.movement_kind, self.movement_reason
        text = self.amount_pad.value()
        action = shifts.cash_in if kind is MovementKind.IN else shifts.cash_out
        changes = session.run(
            lambda: action(
                ctx,
                shift_id=shift_id,
                amount_fen=parse_yuan(text),
                reason=reason,
                staff_id=session.staff_id,
            ),
            on_error=self.show_error,
        )
        if changes is not None:
            self.show_current()

    # ------------------------------------------------------------------ X report

    def show_x_report(self) -> PdfPreview | None:
        """The X report of the open shift, as it would print."""
        if self.shift is None:
            return None
        return self._preview(self.shift.shift_id, self._tr("X report"))

    def _preview(self, shift_id: int, title: str) -> PdfPreview | None:
        session = self._session
        pdf = session.run(
            lambda: shifts.render_shift_document(
                session.ctx, shift_id, language=session.language, paper=Paper.ROLL_80
            ),
            on_error=self.show_error,
        )
        if pdf is None:
            return None
        self.preview = PdfPreview(pdf, title, session.language, parent=self, px=session.px)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.finished.connect(self._preview_closed)
        self.preview.open()
        return self.preview

    def _preview_closed(self, *_: object) -> None:
        self.preview = None

    # ------------------------------------------------------------------ closing

    def start_close(self) -> None:
        """Close: first the bills still open, then the count."""
        if self.shift is None:
            return
        self.show_error("")
        self.carry_over = False
        self.close_counter.clear()
        self.note_edit.clear()
        self._load_open_bills()
        if self.open_bills:
            self.pages.setCurrentWidget(self.bills_page)
        else:
            self._show_count_page()

    def _load_open_bills(self) -> None:
        if self.shift is None:
            return
        ctx, shift_id = self._session.ctx, self.shift.shift_id
        bills = self._session.run(lambda: shifts.open_bills_at_close(ctx, shift_id))
        self.open_bills = bills or []
        language = self._session.language
        table = self.bills_table
        table.setRowCount(len(self.open_bills))
        for row, bill in enumerate(self.open_bills):
            table.setItem(row, 0, _cell(bill.table))
            table.setItem(row, 1, _cell(language.number(bill.guests), right=True))
            table.setItem(row, 2, _cell(bill.waiter))
            table.setItem(row, 3, _cell(language.time(bill.opened_at)))
            table.setItem(row, 4, _cell(language.money(bill.amount_fen), right=True))
        if self.open_bills and not table.selectedItems():
            table.selectRow(0)
        self.bills_title.setText(
            self._tr("Bills still open: {count}").format(
                count=language.number(len(self.open_bills))
            )
        )

    def go_settle(self) -> None:
        """Ask the main window to open the chosen bill for payment."""
        rows = self.bills_table.selectionModel().selectedRows()
        row = rows[0].row() if rows else 0
        if 0 <= row < len(self.open_bills):
            self.settle_requested.emit(self.open_bills[row].bill_id)

    def carry_over_bills(self) -> None:
        """The open bills stay open and are settled in a later shift."""
        self.carry_over = True
        self._show_count_page()

    def _show_count_page(self) -> None:
        self.tolerance_fen = (
            self._session.run(lambda: shifts.drawer_tolerance(self._session.ctx)) or 0
        )
        self.pages.setCurrentWidget(self.count_page)
        self._show_carried()
        self._show_over_short()

    def over_short_fen(self) -> int:
        return self.close_counter.total_fen() - self.expected_fen

    def beyond_limit(self) -> bool:
        return abs(self.over_short_fen()) > self.tolerance_fen

    def close_shift(self) -> None:
        """Close with the count; beyond the limit a manager approves first."""
        if self.shift is None:
            return
        if self.beyond_limit() and self.note_edit.text().strip():
            language = self._session.language
            title = self._tr("The drawer is {difference} out: manager approval").format(
                difference=language.money(self.over_short_fen())
            )
            self.authorisation = ask_manager(
                self, self._session, title, CLOSE_NOTES, self._close_with
            )
            return
        self._close_with(None, "")

    def _close_with(self, approval, reason: str) -> None:
        if self.shift is None:
            return
        ctx, session = self._session.ctx, self._session
        shift_id = self.shift.shift_id
        counted = self.close_counter.counts()
        note = self.note_edit.text()
        carry_over = self.carry_over
        changes = session.run(
            lambda: shifts.close_shift(
                ctx,
                shift_id=shift_id,
                staff_id=session.staff_id,
                counted=counted,
                note=note,
                approval=approval,
                approval_reason=reason,
                carry_over=carry_over,
            ),
            on_error=self.show_error,
        )
        if changes is None:
            return
        self.show_error("")
        self.closed_shift_id = shift_id
        self._show_closed()
        self.pages.setCurrentWidget(self.closed_page)
        self.refresh()

    def preview_slip(self) -> PdfPreview | None:
        """The handover slip of the shift just closed, as it prints."""
        if self.closed_shift_id is None:
            return None
        return self._preview(self.closed_shift_id, self._tr("Handover slip"))

    # ------------------------------------------------------------------ showing

    def _show_open_page_texts(self) -> None:
        self.open_title.setText(
            self._tr("No shift is open on {terminal}").format(terminal=self.terminal)
        )

    def _show_shift(self) -> None:
        shift = self.shift
        if shift is None:
            return
        language = self._session.language
        self.shift_title.setText(
            self._tr("Shift open on {terminal}").format(terminal=shift.terminal)
        )
        self.shift_facts.setText(
            self._tr("Opened {time} by {name} · float {amount}").format(
                time=language.datetime(shift.opened_at),
                name=shift.opened_by or "—",
                amount=language.money(shift.float_fen),
            )
        )
        self.expected_label.setText(language.money(self.expected_fen))
        drawer = self.drawer
        if drawer is not None:
            self.drawer_facts.setText(
                self._tr(
                    "Float {float} + cash sales {sales} + cash in {cash_in} − cash out {cash_out}"
                ).format(
                    float=language.money(drawer.float_fen),
                    sales=language.money(drawer.cash_sales_fen),
                    cash_in=language.money(drawer.cash_in_fen),
                    cash_out=language.money(drawer.cash_out_fen),
                )
            )
        table = self.movements
        table.setRowCount(len(shift.movements))
        for row, move in enumerate(shift.movements):
            signed = move.amount_fen if move.kind is MovementKind.IN else -move.amount_fen
            table.setItem(row, 0, _cell(language.time(move.at)))
            table.setItem(row, 1, _cell(self._tr(MOVEMENT_LABELS[move.kind])))
            table.setItem(row, 2, _cell(move.reason))
            table.setItem(row, 3, _cell(language.money(signed), right=True))

    def _show_over_short(self, *_: object) -> None:
        language = self._session.language
        difference = self.over_short_fen()
        self.expected_value.setText(language.money(self.expected_fen))
        self.counted_value.setText(language.money(self.close_counter.total_fen()))
        if difference > 0:
            text = self._tr("Over {amount}").format(amount=language.money(difference))
        elif difference < 0:
            text = self._tr("Short {amount}").format(amount=language.money(-difference))
        else:
            text = self._tr("Even")
        self.over_short_value.setText(text)
        beyond = self.beyond_limit()
        self.limit_label.setText(
            self._tr("Beyond {limit} a note and a manager are needed.").format(
                limit=language.money(self.tolerance_fen)
            )
        )
        _repolish(self.over_short_value, beyond=beyond)
        _repolish(self.limit_label, beyond=beyond)

    def _show_carried(self) -> None:
        count = len(self.open_bills) if self.carry_over else 0
        self.carried_label.setVisible(count > 0)
        self.carried_label.setText(
            self._tr("Open bills carried over to the next shift: {count}").format(
                count=self._session.language.number(count)
            )
        )

    def _show_closed(self) -> None:
        if self.closed_shift_id is None:
            return
        session = self._session
        shift_id = self.closed_shift_id
        view = session.run(lambda: shifts.shift_view(session.ctx, shift_id))
        if view is None:
            return
        language = session.language
        self.z_label.setText(f"Z-{view.z_no:04d}")
        self.closed_facts.setText(
            self._tr("Expected {expected} · counted {counted} · over/short {difference}").format(
                expected=language.money(view.expected_fen or 0),
                counted=language.money(view.counted_fen or 0),
                difference=language.money(view.over_short_fen or 0),
            )
        )

    def _retranslate_movement(self) -> None:
        tr = self._tr
        self.move_title.setText(tr(MOVEMENT_LABELS[self.movement_kind]))
        for msgid, button in self.reason_buttons.items():
            button.setText(tr(msgid))

    def _retranslate(self, *_: object) -> None:
        tr = self._tr
        language = self._session.language
        self.amount_pad.set_language(language)
        self.open_hint.setText(tr("Count the opening float note by note, then open the shift."))
        self.open_button.setText(tr("Open shift"))
        self.expected_caption.setText(tr("Expected cash in the drawer"))
        self.movements_caption.setText(tr("Cash in and out"))
        self.movements.setHorizontalHeaderLabels(
            [tr("Time"), tr("Cash in / out"), tr("Reason"), tr("Amount")]
        )
        self.cash_in_button.setText(tr("Cash in"))
        self.cash_out_button.setText(tr("Cash out"))
        self.x_report_button.setText(tr("X report"))
        self.close_button.setText(tr("Close shift"))
        self.amount_caption.setText(tr("Amount"))
        self.reason_caption.setText(tr("Reason"))
        self.reason_edit.setPlaceholderText(tr("Or type a reason"))
        self.move_cancel_button.setText(tr("Cancel"))
        self.move_ok_button.setText(tr("Save"))
        self.bills_hint.setText(
            tr(
                "Settle them first, or carry them over: they stay open and are paid in the"
                " next shift."
            )
        )
        self.bills_table.setHorizontalHeaderLabels(
            [tr("Table"), tr("Guests"), tr("Waiter"), tr("Seated at"), tr("Amount")]
        )
        self.bills_back_button.setText(tr("Back"))
        self.go_settle_button.setText(tr("Go settle"))
        self.carry_over_button.setText(tr("Carry over"))
        self.count_title.setText(tr("Count the drawer"))
        self.expected_name.setText(tr("Expected"))
        self.counted_name.setText(tr("Counted"))
        self.over_short_name.setText(tr("Over / short"))
        self.note_caption.setText(tr("Note"))
        for msgid, button in self.note_buttons.items():
            button.setText(tr(msgid))
        self.note_edit.setPlaceholderText(tr("Or type a note"))
        self.count_back_button.setText(tr("Back"))
        self.close_shift_button.setText(tr("Close shift"))
        self.closed_title.setText(tr("Shift closed"))
        self.slip_label.setText(tr("The handover slip is queued for the counter printer."))
        self.preview_button.setText(tr("Preview slip"))
        self.new_shift_button.setText(tr("Open a new shift"))
        self._retranslate_movement()
        self._show_open_page_texts()
        self._show_shift()
        self._show_over_short()
        self._show_carried()
        if self.open_bills:
            self._load_open_bills()
        self._show_closed()

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(shift_style(px))
        self.amount_pad.restyle(px)
