"""The questions a dish may need before it goes in the cart, each a touch dialog: its
options (辣度, 做法, 加料 with surcharges), its weight (称重), today's price (时价), and a
note for the kitchen (少辣, 不要香菜 …). Also the number dialog for guests and voids.

Every dialog opens with ``open()`` (never blocks), shows its mistakes inline and emits one
signal with the answer when OK is tapped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_
from app.domain.money import MILLI
from app.domain.text import NOTE_MAX
from app.services.dish_options import OptionGroupView
from ui.order.look import dialog_style
from ui.order.tile_button import TileButton
from ui.session import UiSession
from ui.widgets import NumPad, TouchButton

# (what the kitchen reads, the button in the current language)
QUICK_NOTES: tuple[tuple[str, str], ...] = (
    ("少辣", N_("Less spicy")),
    ("不要香菜", N_("No coriander")),
    ("少盐", N_("Less salt")),
    ("不要葱", N_("No scallions")),
    ("打包", N_("To take away")),
    ("加急", N_("Rush")),
)
NOTE_SEPARATOR = "，"
OPTION_COLUMNS = 3
WEIGHT_DECIMALS = 2
MAX_DIALOG_HEIGHT = 660  # fits a 1024×768 screen
NUMBER_DIALOG_WIDTH = 460


def note_parts(note: str) -> list[str]:
    """A stored note split into its parts (quick notes and typed text)."""
    text = note.replace(",", NOTE_SEPARATOR)
    return [part.strip() for part in text.split(NOTE_SEPARATOR) if part.strip()]


def quick_note_text(session: UiSession, kitchen_text: str, msgid: str) -> str:
    """A quick note's button: the kitchen's words in Chinese, translated otherwise."""
    return kitchen_text if session.language.is_chinese else session.tr(msgid)


def shown_note(session: UiSession, note: str) -> str:
    """A note as the user reads it: quick notes in the current language, typed text as is."""
    if session.language.is_chinese:
        return note
    names = dict(QUICK_NOTES)
    return ", ".join(session.tr(names[p]) if p in names else p for p in note_parts(note))


class _DishDialog(QDialog):
    """Title, body, an inline error and Cancel / OK buttons, touch sized."""

    def __init__(self, session: UiSession, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._session = session
        self.setModal(True)
        self.setWindowTitle(title)
        self.setStyleSheet(dialog_style(session.px))
        self.title = QLabel(title, objectName="title")
        self.title.setWordWrap(True)
        self.error_label = QLabel(objectName="error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.ok_button = TouchButton(session.tr("OK"), size="main")
        self.ok_button.setObjectName("ok")
        self.ok_button.clicked.connect(self.confirm)
        self.cancel_button = TouchButton(session.tr("Cancel"), size="main")
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.ok_button, self.cancel_button):
            button.setMinimumWidth(160)
        self.body = QVBoxLayout()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""

    def confirm(self) -> None:  # pragma: no cover - each dialog says what OK means
        raise NotImplementedError


class OptionsDialog(_DishDialog):
    """Each option group of a dish with a button per choice and its surcharge (+¥3.00);
    OK is refused, with the reason shown, until every required group is answered."""

    chosen = Signal(list)  # option ids

    def __init__(
        self,
        session: UiSession,
        dish_name: str,
        groups: Sequence[OptionGroupView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, dish_name, parent)
        self.groups = list(groups)
        self.option_buttons: dict[int, TileButton] = {}
        self.group_labels: dict[int, QLabel] = {}
        self._group_of: dict[int, OptionGroupView] = {}
        language = session.language
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        for group in self.groups:
            heading = QHBoxLayout()
            name = QLabel(language.pick(group.name_zh, group.name_en), objectName="groupName")
            rule = QLabel(self._rule(group), objectName="groupRule")
            heading.addWidget(name)
            heading.addWidget(rule)
            heading.addStretch(1)
            self.group_labels[group.group_id] = name
            column.addLayout(heading)
            grid = QGridLayout()
            grid.setSpacing(8)
            for index, choice in enumerate(group.choices):
                button = TileButton("choice", "choiceName", "choiceExtra")
                button.setCheckable(True)
                extra = f"+{language.money(choice.surcharge_fen)}" if choice.surcharge_fen else ""
                button.set_texts(language.pick(choice.name_zh, choice.name_en), extra)
                button.setFixedHeight(session.px(40) + (session.px(22) if extra else 0) + 12)
                button.clicked.connect(lambda _=False, o=choice.option_id: self.toggle(o))
                grid.addWidget(button, index // OPTION_COLUMNS, index % OPTION_COLUMNS)
                self.option_buttons[choice.option_id] = button
                self._group_of[choice.option_id] = group
            for col in range(OPTION_COLUMNS):
                grid.setColumnStretch(col, 1)
            column.addLayout(grid)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self.body.addWidget(scroll)
        self.setMinimumWidth(680)
        # the title, the buttons, room for a refusal, margins and spacing
        chrome = round(session.px(24) * 1.5) + 64 + session.px(18) * 3 + 70
        self.resize(760, min(MAX_DIALOG_HEIGHT, content.sizeHint().height() + chrome))

    def _rule(self, group: OptionGroupView) -> str:
        tr = self._session.tr
        if group.least and group.max_choices <= 1:
            return tr("required")
        if group.max_choices > 1:
            return tr("up to {count}").format(
                count=self._session.language.number(group.max_choices)
            )
        return tr("optional")

    def toggle(self, option_id: int) -> None:
        """Tap a choice: a one-answer group swaps its answer; a group that is full refuses."""
        button = self.option_buttons[option_id]
        group = self._group_of[option_id]
        wanted = button.isChecked()  # the tap already flipped it
        siblings = [c.option_id for c in group.choices if c.option_id != option_id]
        if wanted and group.max_choices <= 1:
            for other in siblings:
                self.option_buttons[other].setChecked(False)
        elif wanted and self._count(group) > group.max_choices:
            button.setChecked(False)
            name = self._session.language.pick(group.name_zh, group.name_en)
            self.show_error(
                self._session.tr("Choose at most {maximum} for {group}.").format(
                    maximum=self._session.language.number(group.max_choices), group=name
                )
            )
            return
        self.error_label.hide()

    def choose(self, option_id: int) -> None:
        """Tap a choice as a finger would (tests and keyboards)."""
        self.option_buttons[option_id].click()

    def _count(self, group: OptionGroupView) -> int:
        return sum(1 for c in group.choices if self.option_buttons[c.option_id].isChecked())

    def chosen_ids(self) -> list[int]:
        return [oid for oid, button in self.option_buttons.items() if button.isChecked()]

    def confirm(self) -> None:
        for group in self.groups:
            if self._count(group) < group.least:
                name = self._session.language.pick(group.name_zh, group.name_en)
                self.show_error(self._session.tr("Choose {group}.").format(group=name))
                return
        self.accept()
        self.chosen.emit(self.chosen_ids())


class NumberDialog(_DishDialog):
    """A prompt and a number pad; ``read`` turns what was typed into the answer (weight in
    thousandths, price in fen, guests) or raises a domain error shown in the dialog."""

    entered = Signal(object)

    def __init__(
        self,
        session: UiSession,
        title: str,
        prompt: str,
        read: Callable[[str], object],
        *,
        decimals: int = 0,
        max_length: int = 7,
        initial: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, title, parent)
        self._read = read
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.pad = NumPad(session.language, max_length=max_length, decimals=decimals)
        self.pad.restyle(session.px)
        self.pad.set_value(initial)
        self.pad.changed.connect(self._typed)
        self.body.addWidget(self.prompt)
        self.body.addWidget(self.pad, 1)
        self.setMinimumWidth(NUMBER_DIALOG_WIDTH)
        # a long title wraps: leave room for its second line and for a refusal
        self.resize(NUMBER_DIALOG_WIDTH, self.sizeHint().height() + session.px(24) * 2)
        self._typed(initial)

    def _typed(self, value: str) -> None:
        self.error_label.hide()
        self.ok_button.setEnabled(bool(value.strip(".")))

    def type_in(self, text: str) -> None:
        """Tap the keys for ``text`` (digits and ".")."""
        for key in text:
            self.pad.press(key)

    def confirm(self) -> None:
        value = self._session.run(lambda: self._read(self.pad.value()), on_error=self.show_error)
        if value is None:
            return
        self.accept()
        self.entered.emit(value)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.ok_button.isEnabled():
                self.confirm()
        else:
            self.pad.keyPressEvent(event)


def read_weight(text: str) -> int:
    """A typed weight as thousandths of its unit: "1.6" → 1600 (the service checks range)."""
    try:
        return int(Decimal(text or "0") * MILLI)
    except InvalidOperation:  # the pad types only digits and one "."
        return 0


def read_whole(text: str) -> int:
    return int(text or "0")


class NoteDialog(_DishDialog):
    """Quick notes to tap (少辣, 不要香菜, 打包 …) and free text; emits the note to keep."""

    note_chosen = Signal(str)

    def __init__(
        self, session: UiSession, title: str, note: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, title, parent)
        parts = note_parts(note)
        known = {zh for zh, _ in QUICK_NOTES}
        self.quick_buttons: dict[str, TouchButton] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for index, (zh, msgid) in enumerate(QUICK_NOTES):
            button = TouchButton(quick_note_text(session, zh, msgid), size="main")
            button.setObjectName("choice")
            button.setCheckable(True)
            button.setChecked(zh in parts)
            grid.addWidget(button, index // 3, index % 3)
            self.quick_buttons[zh] = button
        self.free_text = QLineEdit()
        self.free_text.setMaxLength(NOTE_MAX)
        self.free_text.setPlaceholderText(session.tr("Or type a note"))
        self.free_text.setText(NOTE_SEPARATOR.join(p for p in parts if p not in known))
        self.body.addWidget(QLabel(session.tr("Quick notes")))
        self.body.addLayout(grid)
        self.body.addWidget(self.free_text)
        self.body.addStretch(1)
        self.setMinimumWidth(620)

    def note(self) -> str:
        chosen = [zh for zh, button in self.quick_buttons.items() if button.isChecked()]
        typed = self.free_text.text().strip()
        return NOTE_SEPARATOR.join(chosen + ([typed] if typed else []))

    def confirm(self) -> None:
        self.accept()
        self.note_chosen.emit(self.note())
