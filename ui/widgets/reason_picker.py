"""Why something is done: quick reasons as toggle buttons, or one typed on the line under
them (the manager's authorisation, putting off a service step)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QVBoxLayout, QWidget

from app.domain.text import REASON_MAX
from ui.widgets.touch import TouchButton


class ReasonPicker(QWidget):
    """Quick reasons (msgids, shown translated) ``columns`` across, and a line to type
    another. ``reason`` is the tapped one in the language on screen or the typed text;
    ``chosen(msgid)`` fires when a quick reason is tapped. ``buttons[msgid]`` and ``edit``
    are there for fingers and tests."""

    chosen = Signal(str)

    def __init__(
        self,
        tr: Callable[[str], str],
        reasons: Sequence[str],
        *,
        columns: int = 1,
        button_name: str = "reason",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        self.reason = ""
        self.buttons: dict[str, TouchButton] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for index, msgid in enumerate(reasons):
            button = TouchButton(tr(msgid))
            button.setObjectName(button_name)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, m=msgid: self.choose(m))
            grid.addWidget(button, index // columns, index % columns)
            self.buttons[msgid] = button
        self.edit = QLineEdit()
        self.edit.setMaxLength(REASON_MAX)
        self.edit.setPlaceholderText(tr("Or type a reason"))
        self.edit.textEdited.connect(self._typed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(grid)
        layout.addWidget(self.edit)

    def choose(self, msgid: str) -> None:
        """A quick reason tapped: it alone is lit and the typed line cleared."""
        for key, button in self.buttons.items():
            button.setChecked(key == msgid)
        self.reason = self._tr(msgid)
        self.edit.clear()
        self.chosen.emit(msgid)

    def _typed(self, text: str) -> None:
        for button in self.buttons.values():
            button.setChecked(False)
        self.reason = text.strip()
