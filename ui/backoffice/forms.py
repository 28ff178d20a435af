"""The touch form parts the venue panels (settings, floor layout, staff) share: their look,
toggles and value fields, a dialog with a heading and an inline error, a finger-scrolled
side column, and the way a panel opens one dialog at a time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.order.scrolling import touch_scroll
from ui.session import UiSession
from ui.widgets import TouchButton
from ui.widgets.touch import ConfirmDialog

Px = Callable[[int], int]


def panel_style(px: Px) -> str:
    """The look shared by the venue panels and their dialogs, at the chosen font size."""
    return f"""
QLabel {{ font-size: {px(17)}px; }}
QLabel#heading {{ font-size: {px(22)}px; font-weight: bold; }}
QLabel#section {{ font-size: {px(19)}px; font-weight: bold; color: #37474f; }}
QLabel#hint {{ font-size: {px(16)}px; color: #546e7a; }}
QLabel#value {{ font-size: {px(20)}px; font-weight: bold; }}
QLabel[wrong="true"] {{ color: #c62828; font-weight: bold; }}
QLabel#error {{ font-size: {px(16)}px; font-weight: bold; color: #c62828; }}
QLabel#dialog_error {{ font-size: {px(17)}px; font-weight: bold; color: #c62828;
    background: #ffebee; border: 2px solid #c62828; border-radius: 4px; padding: 6px; }}
QLineEdit {{ font-size: {px(18)}px; min-height: 46px; padding: 0 8px; }}
QLineEdit[wrong="true"] {{ border: 2px solid #c62828; background: #fff5f5; }}
QPushButton {{ font-size: {px(18)}px; padding: 0 12px; }}
QPushButton#toggle {{ background: #eceff1; border: 2px solid #90a4ae; border-radius: 6px; }}
QPushButton#toggle:checked {{ background: #1565c0; color: white; border-color: #0d47a1; }}
QPushButton#field {{ font-size: {px(19)}px; text-align: left; background: white;
    border: 1px solid #90a4ae; border-radius: 4px; padding: 0 12px; }}
QPushButton#field[wrong="true"] {{ border: 2px solid #c62828; background: #fff5f5; }}
QPushButton#main {{ font-weight: bold; background: #2e7d32; color: white; border-radius: 6px; }}
QPushButton#main:disabled {{ background: #a5d6a7; }}
QPushButton#danger {{ color: #b71c1c; background: #ffebee; border: 2px solid #c62828;
    border-radius: 6px; }}
QPushButton#danger:disabled {{ color: #9e9e9e; background: #f5f5f5; border-color: #bdbdbd; }}
QPushButton#step {{ font-size: {px(24)}px; font-weight: bold; }}
QTabBar::tab {{ font-size: {px(18)}px; min-height: 48px; min-width: 100px; padding: 0 18px; }}
QTabBar::tab:selected {{ font-weight: bold; background: white; border-bottom: 3px solid #1565c0; }}
"""


def set_wrong(widget: QWidget, wrong: bool) -> None:
    """Mark a field red (or not) through its ``wrong`` property."""
    if widget.property("wrong") != wrong:
        widget.setProperty("wrong", wrong)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def toggle_button(text: str = "") -> TouchButton:
    button = TouchButton(text)
    button.setObjectName("toggle")
    button.setCheckable(True)
    return button


def field_button() -> TouchButton:
    """A value shown as a field; tapping it opens a number pad."""
    button = TouchButton()
    button.setObjectName("field")
    return button


def main_button(text: str = "") -> TouchButton:
    """The large green button that does what the screen or dialog is for."""
    button = TouchButton(text, size="main")
    button.setObjectName("main")
    return button


def button_row(
    *buttons: TouchButton, first: TouchButton | None = None, even: bool = False
) -> QHBoxLayout:
    """A dialog's bottom row: ``even`` shares the width; else ``first`` stands on the left
    and the others on the right."""
    row = QHBoxLayout()
    if even:
        for button in buttons:
            row.addWidget(button, 1)
        return row
    if first is not None:
        row.addWidget(first)
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def side_scroll(content: QWidget, scroll: QScrollArea | None = None) -> QScrollArea:
    """A frameless column that scrolls up and down with a finger (in ``scroll`` when it is
    a scroll area of a kind of its own)."""
    scroll = QScrollArea() if scroll is None else scroll
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    touch_scroll(scroll)
    return scroll


class FormDialog(QDialog):
    """A modal dialog in the panels' look: a ``heading``, an inline ``error_label`` and
    large buttons at the bottom."""

    def __init__(self, session: UiSession, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._session = session
        self.setModal(True)
        self.setWindowTitle(title)
        self.heading = QLabel(title, objectName="heading")
        self.heading.setWordWrap(True)
        self.error_label = QLabel(objectName="dialog_error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.setStyleSheet(panel_style(session.px))

    def lay_out(
        self,
        *parts: QWidget | QLayout,
        buttons: QLayout,
        width: int,
        grow: QWidget | QLayout | None = None,
    ) -> None:
        """Heading, ``parts`` (``grow`` takes the spare height), the error, the buttons."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        for part in parts:
            stretch = 1 if part is grow else 0
            if isinstance(part, QWidget):
                layout.addWidget(part, stretch)
            else:
                layout.addLayout(part, stretch)
        layout.addWidget(self.error_label)
        if grow is None:
            layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(width)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() else ""


def open_dialog(owner: QWidget, dialog: QDialog, attribute: str = "dialog") -> QDialog:
    """Open ``dialog`` over ``owner`` and keep it in ``owner.<attribute>`` while it is open
    (tests tap its parts there)."""

    def forget(_result: int) -> None:
        if getattr(owner, attribute) is dialog:
            setattr(owner, attribute, None)

    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(forget)
    setattr(owner, attribute, dialog)
    dialog.open()
    return dialog


def ask_to_confirm(
    owner: QWidget, session: UiSession, question: str, detail: str, then: Callable[[], None]
) -> ConfirmDialog:
    """Ask before something that cannot be undone from here (removing, deactivating)."""
    dialog = ConfirmDialog(owner, session.language, question, detail, session.px)
    dialog.accepted.connect(then)
    return open_dialog(owner, dialog)
