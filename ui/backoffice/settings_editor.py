"""Settings (设置): what the receipt's header and footer say (the venue's name, address, phone
and tax id), the language the tills start in, the currency, and the house rules: service
charge, rounding (抹零), auto-lock and the cash drawer's tolerance. Printers open from here.

Names and addresses are typed; numbers and amounts are tapped on a number pad; rules are
toggles. Save keeps everything at once, or shows under each wrong field why, and keeps
nothing. The number dialog here is used by the other venue panels too; their shared touch
fields live in `ui.backoffice.forms`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_, InvalidInput, XiaoerError
from app.domain.money import parse_yuan
from app.services import venue_admin
from app.services.venue_admin import VENUE_ROUNDING, VenueDetails
from ui.backoffice.forms import (
    FormDialog,
    button_row,
    field_button,
    main_button,
    open_dialog,
    panel_style,
    set_wrong,
    side_scroll,
    toggle_button,
)
from ui.payment.options import ROUNDING_LABELS
from ui.printing import PrinterSettingsDialog
from ui.session import UiSession
from ui.widgets import MessageBar, NumPad, TouchButton
from ui.widgets.flow import FlowLayout

LABEL_PX = 130
"""Least width of a field's label column, so the fields line up."""
ONE_COLUMN_BELOW = 700
"""Narrower than this (at the normal font size) the two columns stack."""


def yuan_text(fen: int) -> str:
    """Fen as typed on a pad: 1250 → "12.5", 1200 → "12"."""
    whole, part = divmod(fen, 100)
    return f"{whole}" if not part else f"{whole}.{part:02d}".rstrip("0")


def percent_to_bp(text: str) -> int:
    """A percentage typed on a pad ("12.5") in basis points (1250)."""
    try:
        value = Decimal(text.strip() or "x")
    except InvalidOperation:
        raise InvalidInput(N_("Type a number.")) from None
    basis_points = value * 100
    if basis_points != basis_points.to_integral_value():
        raise InvalidInput(N_("Type a number."))
    return int(basis_points)


def whole_number(text: str) -> int:
    if not text.strip().isdigit():
        raise InvalidInput(N_("Type a number."))
    return int(text)


def fen_from(text: str) -> int:
    return parse_yuan(text)


class NumberDialog(FormDialog):
    """One value typed on a number pad: the question, the value now, the pad, an inline
    error and OK / Cancel. ``apply(text)`` keeps the value and returns True to close, or
    shows why not with ``show_error`` and returns False."""

    def __init__(
        self,
        session: UiSession,
        title: str,
        current: str,
        apply: Callable[[str], bool],
        parent: QWidget | None = None,
        *,
        decimals: int = 0,
        max_length: int = 9,
        masked: bool = False,
    ) -> None:
        super().__init__(session, title, parent)
        self._apply = apply
        tr = session.tr
        self.title_label = self.heading
        self.current_label = QLabel(objectName="hint")
        self.current_label.setText(tr("Now: {value}").format(value=current) if current else "")
        self.current_label.setVisible(bool(current))
        self.pad = NumPad(session.language, max_length=max_length, decimals=decimals, masked=masked)
        self.pad.setMinimumSize(300, 340)
        self.ok_button = main_button(tr("OK"))
        self.ok_button.clicked.connect(self.confirm)
        self.cancel_button = TouchButton(tr("Cancel"), size="main")
        self.cancel_button.clicked.connect(self.reject)
        buttons = button_row(self.cancel_button, self.ok_button, even=True)
        self.lay_out(self.current_label, self.pad, buttons=buttons, width=380, grow=self.pad)
        self.pad.restyle(session.px)

    def type(self, text: str) -> None:
        """Tap the keys for ``text`` (tests, and a keyboard when there is one)."""
        for key in text:
            self.pad.press(key)

    def confirm(self) -> None:
        text = self.pad.value()
        if not text:
            self.show_error(self._session.tr("Type a number."))
            return
        if self._apply(text):
            self.accept()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
        elif event.key() == Qt.Key.Key_Escape:
            super().keyPressEvent(event)
        else:
            self.pad.keyPressEvent(event)


def parse_or_show(
    session: UiSession, dialog: NumberDialog, parse: Callable[[str], int], text: str
) -> int | None:
    """The typed value as a number, or None with the reason shown in the dialog."""
    try:
        return parse(text)
    except XiaoerError as problem:
        dialog.show_error(session.language.error_text(problem))
        return None


# ---------------------------------------------------------------- the settings panel

TEXT_FIELDS: tuple[tuple[str, str, int], ...] = (  # field, label msgid, max length
    ("name_zh", N_("Name (Chinese)"), 80),
    ("name_en", N_("Name (English)"), 80),
    ("address", N_("Address"), 200),
    ("phone", N_("Phone"), 40),
    ("tax_id", N_("Tax id"), 20),
    ("receipt_footer_zh", N_("Footer (Chinese)"), 200),
    ("receipt_footer_en", N_("Footer (English)"), 200),
)
LANGUAGES = (("zh_CN", "中文"), ("en", "English"))
CURRENCY_LABELS = {"CNY": N_("Yuan (CNY ¥)")}


class SettingsPanel(QWidget):
    """The venue's settings as touch fields, saved together with Save.

    ``text_edits[field]`` are the typed fields, ``language_buttons[code]``,
    ``currency_buttons[code]`` and ``rounding_buttons[mode]`` the toggles,
    ``service_charge_button``, ``auto_lock_button`` and ``tolerance_button`` open a number
    pad (``dialog`` is the one open); ``error_labels[field]`` show what is wrong.
    """

    saved = Signal()

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._details: VenueDetails = venue_admin.venue_details(session.ctx)
        self._pending: VenueDetails = self._details
        self.dialog: QDialog | None = None
        self.printers_dialog: PrinterSettingsDialog | None = None

        self.header_section = QLabel(objectName="section")
        self.rules_section = QLabel(objectName="section")
        self.rounding_section = QLabel(objectName="section")
        self.field_labels: dict[str, QLabel] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.text_edits: dict[str, QLineEdit] = {}

        header = QGridLayout()
        header.setHorizontalSpacing(10)
        header.setVerticalSpacing(4)
        header.setColumnStretch(1, 1)
        for row, (field, _label, limit) in enumerate(TEXT_FIELDS):
            edit = QLineEdit()
            edit.setMaxLength(limit)
            edit.textEdited.connect(lambda _text, f=field: self._clear_error(f))
            self.text_edits[field] = edit
            self._add_row(header, row, field, edit)

        self.language_buttons: dict[str, TouchButton] = {}
        languages = self._toggles(self.language_buttons, [code for code, _ in LANGUAGES], "locale")
        self.currency_buttons: dict[str, TouchButton] = {}
        currencies = self._toggles(self.currency_buttons, list(CURRENCY_LABELS), "currency")
        self.service_charge_button = field_button()
        self.service_charge_button.clicked.connect(self.ask_service_charge)
        self.auto_lock_button = field_button()
        self.auto_lock_button.clicked.connect(self.ask_auto_lock)
        self.tolerance_button = field_button()
        self.tolerance_button.clicked.connect(self.ask_tolerance)
        rules = QGridLayout()
        self._grids = (header, rules)
        rules.setHorizontalSpacing(10)
        rules.setVerticalSpacing(4)
        rules.setColumnStretch(1, 1)
        for row, (field, widget) in enumerate(
            (
                ("locale", languages),
                ("currency", currencies),
                ("service_charge_bp", self.service_charge_button),
                ("auto_lock_seconds", self.auto_lock_button),
                ("drawer_tolerance_fen", self.tolerance_button),
            )
        ):
            self._add_row(rules, row, field, widget)

        self.rounding_buttons: dict[str, TouchButton] = {}
        rounding_box = QWidget()
        rounding_flow = FlowLayout(rounding_box, spacing=8)
        rounding_flow.setContentsMargins(0, 0, 0, 0)
        rounding_group = QButtonGroup(self)
        for mode in VENUE_ROUNDING:
            button = toggle_button()
            button.setMinimumWidth(120)
            button.clicked.connect(lambda _=False, m=mode: self.choose("rounding_mode", m))
            rounding_group.addButton(button)
            rounding_flow.addWidget(button)
            self.rounding_buttons[mode] = button
        self.error_labels["rounding_mode"] = self._error_label()

        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.setSpacing(24)
        left = QVBoxLayout()
        left.addWidget(self.header_section)
        left.addLayout(header)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.rules_section)
        right.addLayout(rules)
        right.addWidget(self.rounding_section)
        right.addWidget(rounding_box)
        right.addWidget(self.error_labels["rounding_mode"])
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 8, 0)
        body.addLayout(columns)
        body.addStretch(1)
        self.scroll = side_scroll(content)

        self.message = MessageBar()
        self.printers_button = TouchButton(size="main")
        self.printers_button.clicked.connect(self.open_printers)
        self.undo_button = TouchButton(size="main")
        self.undo_button.clicked.connect(self.undo)
        self.save_button = main_button()
        self.save_button.setMinimumWidth(180)
        self.save_button.clicked.connect(self.save)
        bar = QHBoxLayout()
        bar.addWidget(self.printers_button)
        bar.addStretch(1)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(bar)

        session.language_changed.connect(self._retranslate)
        session.style_changed.connect(self._restyle)
        self._restyle()
        self._retranslate()
        self._show(self._details)

    # ------------------------------------------------------------------ building

    def _error_label(self) -> QLabel:
        label = QLabel(objectName="error")
        label.setWordWrap(True)
        label.hide()
        return label

    def _add_row(self, grid: QGridLayout, row: int, field: str, widget) -> None:
        label = QLabel()
        label.setWordWrap(True)
        self.field_labels[field] = label
        self.error_labels[field] = self._error_label()
        grid.addWidget(label, row * 2, 0, Qt.AlignmentFlag.AlignVCenter)
        if isinstance(widget, QWidget):
            grid.addWidget(widget, row * 2, 1)
        else:
            grid.addLayout(widget, row * 2, 1)
        grid.addWidget(self.error_labels[field], row * 2 + 1, 1)

    def _toggles(self, into: dict[str, TouchButton], values: list[str], field: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        group = QButtonGroup(self)
        for value in values:
            button = toggle_button()
            button.clicked.connect(lambda _=False, v=value: self.choose(field, v))
            group.addButton(button)
            row.addWidget(button, 1)
            into[value] = button
        return row

    # ------------------------------------------------------------------ what is shown

    def details(self) -> VenueDetails:
        """The settings as they stand on screen, typed fields included."""
        typed = {field: edit.text() for field, edit in self.text_edits.items()}
        return replace(self._pending, **typed)

    def _show(self, details: VenueDetails) -> None:
        self._pending = details
        for field, edit in self.text_edits.items():
            if edit.text() != getattr(details, field):
                edit.setText(getattr(details, field))
                edit.setCursorPosition(0)  # the start of a long address, not its end
        for code, button in self.language_buttons.items():
            button.setChecked(code == details.locale)
        for code, button in self.currency_buttons.items():
            button.setChecked(code == details.currency)
        for mode, button in self.rounding_buttons.items():
            button.setChecked(mode == details.rounding_mode)
        self._show_numbers()

    def _show_numbers(self) -> None:
        lang, details = self._session.language, self._pending
        self.service_charge_button.setText(lang.percent(details.service_charge_bp))
        seconds = details.auto_lock_seconds
        self.auto_lock_button.setText(
            self._session.tr("{seconds} s").format(seconds=lang.number(seconds))
            if seconds
            else self._session.tr("Never")
        )
        self.tolerance_button.setText(lang.money(details.drawer_tolerance_fen))

    def choose(self, field: str, value) -> None:
        """A toggle tapped (language, currency, rounding rule): kept on Save."""
        self._pending = replace(self.details(), **{field: value})
        self._clear_error(field)
        self._show(self._pending)

    def _clear_error(self, field: str) -> None:
        label = self.error_labels.get(field)
        if label is not None:
            label.hide()
        widget = self._field_widget(field)
        if widget is not None:
            set_wrong(widget, False)

    def _field_widget(self, field: str) -> QWidget | None:
        if field in self.text_edits:
            return self.text_edits[field]
        return {
            "service_charge_bp": self.service_charge_button,
            "auto_lock_seconds": self.auto_lock_button,
            "drawer_tolerance_fen": self.tolerance_button,
        }.get(field)

    def error_text(self, field: str) -> str:
        label = self.error_labels[field]
        return label.text() if not label.isHidden() else ""

    # ------------------------------------------------------------------ numbers on a pad

    def _ask(self, field: str, title: str, current: str, parse, **pad) -> NumberDialog:
        def apply(text: str) -> bool:
            value = parse_or_show(self._session, dialog, parse, text)
            if value is None:
                return False
            self.choose(field, value)
            return True

        dialog = NumberDialog(self._session, title, current, apply, self, **pad)
        return open_dialog(self, dialog)

    def ask_service_charge(self) -> NumberDialog:
        return self._ask(
            "service_charge_bp",
            self._session.tr("Service charge in percent"),
            self.service_charge_button.text(),
            percent_to_bp,
            decimals=2,
            max_length=6,
        )

    def ask_auto_lock(self) -> NumberDialog:
        return self._ask(
            "auto_lock_seconds",
            self._session.tr("Lock the screen after how many idle seconds? (0: never)"),
            self.auto_lock_button.text(),
            whole_number,
            max_length=5,
        )

    def ask_tolerance(self) -> NumberDialog:
        return self._ask(
            "drawer_tolerance_fen",
            self._session.tr("Drawer over or short allowed without a manager"),
            self.tolerance_button.text(),
            fen_from,
            decimals=2,
            max_length=8,
        )

    # ------------------------------------------------------------------ actions

    def save(self) -> bool:
        """Keep every setting, or show under each wrong one why and keep nothing."""
        details = self.details()
        problems = venue_admin.check_venue_details(details)
        for field in self.error_labels:
            self._clear_error(field)
        if problems:
            for field, problem in problems.items():
                label = self.error_labels[field]
                label.setText(self._session.language.error_text(problem))
                label.show()
                widget = self._field_widget(field)
                if widget is not None:
                    set_wrong(widget, True)
            first = self._field_widget(next(iter(problems))) or self.error_labels["rounding_mode"]
            self.scroll.ensureWidgetVisible(first)
            self.message.show_error(self._session.tr("Nothing was saved: check the fields in red."))
            return False
        ctx, staff_id = self._session.ctx, self._session.staff_id
        done = self._session.run(
            lambda: venue_admin.save_venue_details(ctx, details, staff_id=staff_id),
            on_error=self.message.show_error,
        )
        if done is None:
            return False
        self._details = venue_admin.venue_details(ctx)
        self._show(self._details)
        self.message.show_info(self._session.tr("Settings saved."))
        self.saved.emit()
        return True

    def undo(self) -> None:
        """Back to the settings as they are kept."""
        self._details = venue_admin.venue_details(self._session.ctx)
        for field in self.error_labels:
            self._clear_error(field)
        self.message.dismiss()
        self._show(self._details)

    def open_printers(self) -> PrinterSettingsDialog:
        """The printers of this terminal (kitchen stations and receipts)."""
        dialog = PrinterSettingsDialog(
            self._session.ctx, self._session.language, parent=self, px=self._session.px
        )
        return open_dialog(self, dialog, "printers_dialog")

    # ------------------------------------------------------------------ language, looks

    def _retranslate(self, *_: object) -> None:
        tr = self._session.tr
        self.header_section.setText(tr("Receipt header and footer"))
        self.rules_section.setText(tr("House rules"))
        self.rounding_section.setText(tr("Rounding rule"))
        for field, label_id, _limit in TEXT_FIELDS:
            self.field_labels[field].setText(tr(label_id))
        self.field_labels["locale"].setText(tr("Language"))
        self.field_labels["currency"].setText(tr("Currency"))
        self.field_labels["service_charge_bp"].setText(tr("Service charge"))
        self.field_labels["auto_lock_seconds"].setText(tr("Auto-lock"))
        self.field_labels["drawer_tolerance_fen"].setText(tr("Drawer tolerance"))
        for code, name in LANGUAGES:
            self.language_buttons[code].setText(name)
        for code, label_id in CURRENCY_LABELS.items():
            self.currency_buttons[code].setText(tr(label_id))
        for mode, button in self.rounding_buttons.items():
            button.setText(tr(ROUNDING_LABELS[mode]))
        self.printers_button.setText(tr("Printers"))
        self.undo_button.setText(tr("Undo changes"))
        self.save_button.setText(tr("Save"))
        for field in self.error_labels:  # an old message would stay in the old language
            self._clear_error(field)
        self._show_numbers()

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(panel_style(px))
        self.message.restyle(px)
        for grid in self._grids:
            grid.setColumnMinimumWidth(0, px(LABEL_PX))
        self._arrange()

    def _arrange(self) -> None:
        """Two columns side by side when they fit, else one under the other."""
        narrow = self.width() < self._session.px(ONE_COLUMN_BELOW)
        self.columns.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )

    def resizeEvent(self, event) -> None:
        self._arrange()
        super().resizeEvent(event)
