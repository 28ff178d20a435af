"""A row of a coaching list that a finger taps as a whole (the briefing's checklist, the
step editor's steps, the due list)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class TapRow(QFrame):
    """Pressed and lifted on the row calls ``tap()``; its look follows its dynamic
    properties (``repolish()`` after changing them). ``name`` is its style sheet name."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pressed = False
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)

    def tap(self) -> None:
        """What a finger on the row does."""

    def repolish(self) -> None:
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = True
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pressed and self.rect().contains(event.position().toPoint()):
            self.tap()
        self._pressed = False
        event.accept()


def two_lines(title: QLabel, under: QLabel) -> QVBoxLayout:
    """A title with a wrapped line under it, close together."""
    for label in (title, under):
        label.setWordWrap(True)
    text = QVBoxLayout()
    text.setSpacing(0)
    text.addWidget(title)
    text.addWidget(under)
    return text
