"""Touch-first building blocks, written once: large buttons, a number pad (guests, weights,
amounts, PINs), a letter pad (pinyin initials search) and a confirmation dialog.

Nothing here needs hover, right-click or a physical keyboard.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.i18n import Language

MAIN_PX = 64
"""Least height and width of a main action (log in, send, pay) and of pad keys."""
NORMAL_PX = 48
"""Least height and width of any other tap target."""

BACKSPACE = "⌫"
PIN_DOT = "●"

ButtonSize = Literal["main", "normal"]
Px = Callable[[int], int]
"""A font size in pixels at the chosen font-size setting (``UiSession.px``)."""


def _same(size: int) -> int:
    return size


def button_text(text: str) -> str:
    """Text for a Qt button: a lone "&" marks a shortcut letter, "&&" shows the character."""
    return text.replace("&", "&&")


class TouchButton(QPushButton):
    """A button big enough for a finger: 64 px for main actions, 48 px otherwise."""

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, size: ButtonSize = "normal"
    ) -> None:
        super().__init__(parent)
        least = MAIN_PX if size == "main" else NORMAL_PX
        self.setMinimumSize(least, least)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap must not steal keys from a pad
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(button_text(text))

    def plain_text(self) -> str:
        """The text as the user reads it, "&" unescaped."""
        return self.text().replace("&&", "&")


def _pad_key(text: str, size: ButtonSize = "main") -> TouchButton:
    key = TouchButton(text, size=size)
    key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return key


class NumPad(QWidget):
    """Digits 0–9, 00, ".", ⌫ and clear, with a display; emits ``changed`` with the value.

    ``max_length`` caps the characters typed, ``decimals`` allows a "." and that many digits
    after it (0: whole numbers only, the "." key is hidden). ``masked`` is PIN mode: the
    display shows ● for each digit and leading zeros are kept.
    """

    changed = Signal(str)

    def __init__(
        self,
        language: Language,
        parent: QWidget | None = None,
        *,
        max_length: int | None = None,
        decimals: int = 0,
        masked: bool = False,
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._max_length = max_length
        self._decimals = decimals
        self._masked = masked
        self._value = ""
        self.display = QLabel()
        self.display.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.display.setMinimumHeight(MAIN_PX)
        self.keys: dict[str, TouchButton] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for row, keys in enumerate((("7", "8", "9"), ("4", "5", "6"), ("1", "2", "3"))):
            for column, key in enumerate(keys):
                self._add_key(grid, key, row, column)
        self._add_key(grid, "00", 3, 0)
        # whole numbers and PINs have no ".": its place goes to a wider 0
        self._add_key(grid, "0", 3, 1, span=1 if decimals > 0 else 2)
        self._add_key(grid, ".", 3, 2)
        self.keys["."].setVisible(decimals > 0)
        self._add_key(grid, BACKSPACE, 4, 0)
        self._add_key(grid, "clear", 4, 1, span=2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.display)
        layout.addLayout(grid, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.restyle(_same)
        self.set_language(language)
        self._show()

    def restyle(self, px: Px) -> None:
        """Keys and display at the chosen font size (screens call this on
        ``session.style_changed``)."""
        self.setStyleSheet(f"QPushButton {{ font-size: {px(26)}px; }}")
        self.display.setStyleSheet(
            f"font-size: {px(30)}px; border: 1px solid #90a4ae; border-radius: 4px;"
            " background: white; padding: 0 12px;"
        )

    def _add_key(self, grid: QGridLayout, key: str, row: int, column: int, span: int = 1) -> None:
        button = _pad_key(key)
        button.clicked.connect(lambda: self.press(key))
        grid.addWidget(button, row, column, 1, span)
        self.keys[key] = button

    def set_language(self, language: Language) -> None:
        self._language = language
        self.keys["clear"].setText(language.gettext("Clear"))

    def value(self) -> str:
        return self._value

    def set_value(self, value: str) -> None:
        """Replace what is typed (``""`` clears); emits ``changed`` when it differs."""
        if value != self._value:
            self._value = value
            self._show()
            self.changed.emit(value)

    def clear(self) -> None:
        self.set_value("")

    def press(self, key: str) -> None:
        """A key as if tapped: a digit, "00", ".", ⌫ or "clear"."""
        if key == "clear":
            self.set_value("")
        elif key == BACKSPACE:
            self.set_value(self._value[:-1])
        elif key == ".":
            self._type_point()
        elif key.isdigit():
            value = self._value
            for digit in key:
                value = self._with_digit(value, digit)
            self.set_value(value)

    def _fits(self, value: str) -> bool:
        return self._max_length is None or len(value) <= self._max_length

    def _with_digit(self, value: str, digit: str) -> str:
        if "." in value and len(value.split(".")[1]) >= self._decimals:
            return value
        if not self._masked and value == "0":
            value = ""  # 0 then 5 is 5, not 05
        new = value + digit
        return new if self._fits(new) else value

    def _type_point(self) -> None:
        if self._decimals <= 0 or "." in self._value:
            return
        new = (self._value or "0") + "."
        if self._fits(new):
            self.set_value(new)

    def _show(self) -> None:
        self.display.setText(PIN_DOT * len(self._value) if self._masked else self._value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A keyboard, when there is one, types as the keys would."""
        text = event.text()
        if (text.isdigit() and text.isascii()) or text == ".":
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.press(BACKSPACE)
        elif event.key() == Qt.Key.Key_Escape:
            self.press("clear")
        else:
            super().keyPressEvent(event)


class LetterPad(QWidget):
    """Letters a–z in keyboard rows, ⌫ and clear, for searching dishes by pinyin initials
    (宫保鸡丁 → gbjd); emits ``changed`` with the letters typed."""

    changed = Signal(str)
    ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")

    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = ""
        self.keys: dict[str, TouchButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for number, letters in enumerate(self.ROWS):
            row = QHBoxLayout()
            row.setSpacing(4)
            for letter in letters:
                row.addWidget(self._key(letter))
            if number == len(self.ROWS) - 1:
                row.addWidget(self._key(BACKSPACE))
                row.addWidget(self._key("clear"), 2)
                self.keys["clear"].setMinimumWidth(2 * MAIN_PX)
            layout.addLayout(row)
        self.restyle(_same)
        self.set_language(language)

    def restyle(self, px: Px) -> None:
        """Keys at the chosen font size."""
        self.setStyleSheet(f"QPushButton {{ font-size: {px(22)}px; }}")

    def _key(self, key: str) -> TouchButton:
        button = _pad_key(key, "normal")
        button.clicked.connect(lambda: self.press(key))
        self.keys[key] = button
        return button

    def set_language(self, language: Language) -> None:
        self.keys["clear"].setText(language.gettext("Clear"))

    def value(self) -> str:
        return self._value

    def set_value(self, value: str) -> None:
        if value != self._value:
            self._value = value
            self.changed.emit(value)

    def clear(self) -> None:
        self.set_value("")

    def press(self, key: str) -> None:
        """A key as if tapped: a letter, ⌫ or "clear"."""
        if key == "clear":
            self.set_value("")
        elif key == BACKSPACE:
            self.set_value(self._value[:-1])
        elif len(key) == 1 and key.isascii() and key.isalpha():
            self.set_value(self._value + key.lower())


class ConfirmDialog(QDialog):
    """A yes/no question with large, translated buttons."""

    def __init__(
        self,
        parent: QWidget | None,
        language: Language,
        title: str,
        text: str,
        px: Px = _same,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        heading = QLabel(title, objectName="heading")
        heading.setWordWrap(True)
        message = QLabel(text, objectName="message")
        message.setWordWrap(True)
        self.yes_button = TouchButton(language.gettext("Yes"), size="main")
        self.no_button = TouchButton(language.gettext("No"), size="main")
        for button in (self.yes_button, self.no_button):
            button.setMinimumWidth(160)
        self.yes_button.clicked.connect(self.accept)
        self.no_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.no_button)
        buttons.addWidget(self.yes_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(message, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
        self.restyle(px)

    def restyle(self, px: Px) -> None:
        """Heading, message and buttons at the chosen font size."""
        self.setStyleSheet(
            f"QLabel#heading {{ font-size: {px(22)}px; font-weight: bold; }}"
            f" QLabel#message {{ font-size: {px(19)}px; }}"
            f" QPushButton {{ font-size: {px(20)}px; }}"
        )


def confirm(
    parent: QWidget | None, language: Language, title: str, text: str, px: Px = _same
) -> bool:
    """Ask a yes/no question with touch-sized buttons; True when the user taps Yes."""
    dialog = ConfirmDialog(parent, language, title, text, px)
    return dialog.exec() == QDialog.DialogCode.Accepted
