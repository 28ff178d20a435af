"""The drawer counter: one row per note and coin (¥100 50 20 10 5 1 0.5 0.1) with − and +,
the count tappable to type it on a number pad, each row's amount and the total in large
type, all live."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import FEN_PER_YUAN
from app.services.shifts import COUNT_MAX, DENOMINATIONS
from ui.session import UiSession
from ui.widgets.touch import MAIN_PX, NORMAL_PX, NumPad, TouchButton

ROW_PX = 52  # a row: − and + at least 48 px, with a little air
ROW_MAX_PX = 80
COUNT_DIGITS = len(str(COUNT_MAX))


def denomination_label(fen: int) -> str:
    """A note or coin as cashiers name it: ¥100, ¥5, ¥0.5."""
    yuan, rest = divmod(fen, FEN_PER_YUAN)
    return f"¥{yuan}" if not rest else f"¥{fen / FEN_PER_YUAN:g}"


class DenominationRow:
    """The widgets of one note or coin: − count + and what they come to."""

    def __init__(self, denomination: int) -> None:
        self.denomination = denomination
        self.count = 0
        self.name = QLabel(denomination_label(denomination), objectName="denomination")
        self.minus = TouchButton("−")
        self.minus.setObjectName("step")
        self.count_button = TouchButton("0")
        self.count_button.setObjectName("count")
        self.count_button.setMinimumWidth(84)
        self.plus = TouchButton("+")
        self.plus.setObjectName("step")
        self.amount = QLabel(objectName="rowAmount")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for button in (self.minus, self.plus):
            button.setMinimumSize(ROW_PX + 4, NORMAL_PX)
        for button in (self.minus, self.count_button, self.plus):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
            button.setMaximumHeight(ROW_MAX_PX)


class CountPadDialog(QDialog):
    """A number pad for one denomination's count: OK sets it, Cancel leaves it."""

    def __init__(self, session: UiSession, denomination: int, count: int, parent=None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.denomination = denomination
        tr = session.tr
        self.setWindowTitle(tr("Count"))
        self.title = QLabel(
            tr("How many {denomination}?").format(denomination=denomination_label(denomination)),
            objectName="padTitle",
        )
        self.pad = NumPad(session.language, max_length=COUNT_DIGITS)
        self.pad.set_value(str(count) if count else "")
        self.pad.restyle(session.px)
        self.ok_button = TouchButton(tr("OK"), size="main")
        self.ok_button.setObjectName("ok")
        self.ok_button.clicked.connect(self.accept)
        self.cancel_button = TouchButton(tr("Cancel"), size="main")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.pad, 1)
        layout.addLayout(buttons)
        self.setStyleSheet(
            f"QLabel#padTitle {{ font-size: {session.px(22)}px; font-weight: bold; }}"
            f" QPushButton {{ font-size: {session.px(20)}px; }}"
            " QPushButton#ok { font-weight: bold; background: #2e7d32; color: white;"
            " border-radius: 6px; }"
        )
        self.resize(360, 480)

    def count(self) -> int:
        value = self.pad.value()
        return int(value) if value.isdecimal() else 0


class DenominationCounter(QWidget):
    """Count a drawer note by note. ``changed`` carries the new total in fen."""

    changed = Signal(int)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.pad_dialog: CountPadDialog | None = None
        self.rows: dict[int, DenominationRow] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        for index, denomination in enumerate(DENOMINATIONS):
            row = DenominationRow(denomination)
            row.minus.clicked.connect(lambda _=False, d=denomination: self.step(d, -1))
            row.plus.clicked.connect(lambda _=False, d=denomination: self.step(d, +1))
            row.count_button.clicked.connect(lambda _=False, d=denomination: self.ask_count(d))
            grid.addWidget(row.name, index, 0)
            grid.addWidget(row.minus, index, 1)
            grid.addWidget(row.count_button, index, 2)
            grid.addWidget(row.plus, index, 3)
            grid.addWidget(row.amount, index, 4)
            grid.setRowMinimumHeight(index, ROW_PX)
            self.rows[denomination] = row
        self.total_caption = QLabel(objectName="totalCaption")
        self.total_label = QLabel(objectName="total")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total_label.setMinimumHeight(MAIN_PX)
        self.clear_button = TouchButton()
        self.clear_button.clicked.connect(self.clear)
        # the total under the row amounts, so the eye runs down one column
        last = len(DENOMINATIONS)
        total = QHBoxLayout()
        total.addWidget(self.total_caption)
        total.addWidget(self.total_label, 1)
        grid.addWidget(self.clear_button, last, 0)
        grid.addLayout(total, last, 1, 1, 4)
        grid.setColumnMinimumWidth(4, 100)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addStretch(1)
        # as wide as it needs; on a tall screen the rows grow (up to ROW_MAX_PX) for fingers
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        session.language_changed.connect(self._retranslate)
        session.style_changed.connect(self._restyle)
        self._restyle()
        self._retranslate()

    # ------------------------------------------------------------------ the count

    def counts(self) -> dict[int, int]:
        """The count of every denomination (fen → pieces)."""
        return {d: row.count for d, row in self.rows.items()}

    def total_fen(self) -> int:
        return sum(d * row.count for d, row in self.rows.items())

    def set_count(self, denomination: int, count: int) -> None:
        row = self.rows[denomination]
        count = max(0, min(COUNT_MAX, count))
        if count != row.count:
            row.count = count
            self._show()
            self.changed.emit(self.total_fen())

    def set_counts(self, counted: dict[int, int]) -> None:
        """Show a count (missing denominations are 0)."""
        for denomination, row in self.rows.items():
            row.count = max(0, min(COUNT_MAX, counted.get(denomination, 0)))
        self._show()
        self.changed.emit(self.total_fen())

    def clear(self) -> None:
        self.set_counts({})

    def step(self, denomination: int, by: int) -> None:
        """− or + one piece."""
        self.set_count(denomination, self.rows[denomination].count + by)

    def ask_count(self, denomination: int) -> CountPadDialog:
        """Type the count of one denomination on a number pad."""
        dialog = CountPadDialog(
            self._session, denomination, self.rows[denomination].count, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_count(denomination, dialog.count()))
        dialog.finished.connect(self._pad_closed)
        self.pad_dialog = dialog
        dialog.open()
        return dialog

    def _pad_closed(self, *_: object) -> None:
        self.pad_dialog = None

    # ------------------------------------------------------------------ looks

    def _show(self) -> None:
        language = self._session.language
        for denomination, row in self.rows.items():
            row.count_button.setText(language.number(row.count))
            row.amount.setText(language.money(denomination * row.count))
            row.minus.setEnabled(row.count > 0)
        self.total_label.setText(language.money(self.total_fen()))

    def _retranslate(self, *_: object) -> None:
        tr = self._session.tr
        self.total_caption.setText(tr("Total"))
        self.clear_button.setText(tr("Clear"))
        self._show()

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(
            f"QLabel#denomination {{ font-size: {px(22)}px; font-weight: bold; }}"
            f" QLabel#rowAmount {{ font-size: {px(18)}px; color: #455a64; }}"
            f" QLabel#totalCaption {{ font-size: {px(22)}px; font-weight: bold; }}"
            f" QLabel#total {{ font-size: {px(36)}px; font-weight: bold; color: #1565c0; }}"
            f" QPushButton {{ font-size: {px(18)}px; }}"
            f" QPushButton#step {{ font-size: {px(26)}px; font-weight: bold;"
            " background: #eceff1; border: 2px solid #90a4ae; border-radius: 6px; }"
            f" QPushButton#count {{ font-size: {px(22)}px; font-weight: bold; background: white;"
            " border: 2px solid #1565c0; border-radius: 6px; }"
        )
