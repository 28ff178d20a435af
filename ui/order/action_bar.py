"""The order screen's action bar: what to do with the chosen lines (send 落单, hold 叫起 /
fire 即起, hurry 催菜, serve 划菜, void 退菜, note) and with the whole bill (transfer 转台,
merge 并台, split 拆单, pre-bill 预结单, clear 清台, pay 结账).

One row when the screen is wide enough, two rows (lines above, bill below) otherwise.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from app.domain.errors import N_
from ui.widgets import TouchButton

LINE_ACTIONS = ("send", "hold", "hurry", "serve", "void", "note")
BILL_ACTIONS = ("transfer", "merge", "split", "prebill", "clear", "pay")

ACTION_LABELS: dict[str, str] = {
    "send": N_("Send"),
    "hold": N_("Hold"),
    "fire": N_("Fire"),
    "hurry": N_("Hurry"),
    "serve": N_("Serve"),
    "void": N_("Void"),
    "note": N_("Note"),
    "transfer": N_("Transfer"),
    "merge": N_("Merge"),
    "split": N_("Split bill"),
    "prebill": N_("Pre-bill"),
    "clear": N_("Clear table"),
    "pay": N_("Pay"),
}
ONE_ROW_BUTTON_PX = 128  # below this width per button the bar takes two rows


class ActionBar(QWidget):
    """Touch buttons of 64 px, laid out in one or two rows to fit the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionBar")
        self.buttons: dict[str, TouchButton] = {}
        for action in LINE_ACTIONS + BILL_ACTIONS:
            button = TouchButton(size="main")
            button.setObjectName(action if action in ("send", "pay") else "action")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.buttons[action] = button
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(8, 6, 8, 6)
        self._grid.setSpacing(6)
        self.rows = 0
        self.one_row_button_px = ONE_ROW_BUTTON_PX
        self._arrange(2)

    def _arrange(self, rows: int) -> None:
        if rows == self.rows:
            return
        self.rows = rows
        while self._grid.count():
            self._grid.takeAt(0)
        if rows == 1:
            for column, action in enumerate(LINE_ACTIONS + BILL_ACTIONS):
                self._grid.addWidget(self.buttons[action], 0, column)
            used = len(LINE_ACTIONS + BILL_ACTIONS)
        else:
            for row, actions in enumerate((LINE_ACTIONS, BILL_ACTIONS)):
                for column, action in enumerate(actions):
                    self._grid.addWidget(self.buttons[action], row, column)
            used = max(len(LINE_ACTIONS), len(BILL_ACTIONS))
        # a grid keeps the columns it once had: those now empty must not take any width
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < used else 0)

    def set_button_width(self, pixels: int) -> None:
        """The least width of a button in one row (larger with a larger font)."""
        self.one_row_button_px = pixels
        self._fit(self.width())

    def _fit(self, width: int) -> None:
        count = len(LINE_ACTIONS) + len(BILL_ACTIONS)
        self._arrange(1 if width >= count * self.one_row_button_px else 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())
