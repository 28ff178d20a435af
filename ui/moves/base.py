"""What the transfer, merge and split dialogs share: the frame (title, hint, inline error,
Cancel and Confirm), the dishes of a bill as tap-able rows, and the look."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.i18n import Language
from app.services import queries
from app.services.bills import LineKind
from app.services.context import Changes
from app.services.queries import BillView
from ui.session import UiSession
from ui.widgets import TouchButton

SCREEN_SHARE = 0.96
"""How much of the main window a move dialog covers."""


def dialog_style(px: Callable[[int], int]) -> str:
    return f"""
QLabel {{ font-size: {px(18)}px; }}
QLabel#title {{ font-size: {px(26)}px; font-weight: bold; }}
QLabel#route {{ font-size: {px(24)}px; font-weight: bold; color: #0d47a1; }}
QLabel#hint {{ font-size: {px(17)}px; color: #455a64; }}
QLabel#heading {{ font-size: {px(19)}px; font-weight: bold; }}
QLabel#figure {{ font-size: {px(22)}px; font-weight: bold; }}
QLabel#big {{ font-size: {px(30)}px; font-weight: bold; min-width: 64px; }}
QLabel#share {{ font-size: {px(20)}px; background: #f1f8e9; border: 1px solid #aed581;
               border-radius: 6px; padding: 6px 10px; }}
QLabel#error {{ font-size: {px(18)}px; font-weight: bold; color: #c62828; background: #ffebee;
               border: 2px solid #c62828; border-radius: 4px; padding: 8px; }}
QLabel#dish {{ font-size: {px(18)}px; }}
QLabel#dishAmount {{ font-size: {px(18)}px; font-weight: bold; }}
QPushButton {{ font-size: {px(19)}px; }}
QPushButton#mode, QPushButton#chip {{ background: #eceff1; border: 2px solid #90a4ae;
               border-radius: 6px; padding: 4px 16px; }}
QPushButton#mode:checked, QPushButton#chip:checked {{ background: #1565c0; color: white;
               border-color: #0d47a1; }}
QPushButton#step {{ font-size: {px(26)}px; font-weight: bold; background: #eceff1;
               border: 2px solid #90a4ae; border-radius: 6px; }}
QPushButton#step:disabled {{ color: #b0bec5; }}
QPushButton#confirm {{ font-size: {px(22)}px; font-weight: bold; background: #2e7d32;
               color: white; border-radius: 6px; padding: 0 24px; }}
QPushButton#confirm:disabled {{ background: #a5d6a7; }}
QPushButton#cancel {{ font-size: {px(22)}px; padding: 0 24px; }}
QPushButton#undo {{ background: #fff3e0; border: 2px solid #ef6c00; border-radius: 6px;
               padding: 4px 12px; }}
QPushButton#dishRow {{ background: white; border: 2px solid #cfd8dc; border-radius: 6px; }}
QPushButton#dishRow:checked {{ background: #e3f2fd; border: 4px solid #1565c0; }}
QScrollArea {{ border: none; }}
"""


@dataclass(frozen=True)
class Dish:
    """A dish of the bill as the move dialogs list it: what is left of it after voids."""

    line_id: int
    name_zh: str
    name_en: str
    options: tuple[tuple[str, str], ...]
    quantity_milli: int
    unit_zh: str
    unit_en: str
    amount_fen: int


def dishes_of(view: BillView) -> list[Dish]:
    """The bill's own dishes (no parts of set meals, no void reversals, no fully voided
    dishes), each with the quantity and amount left after its voids."""
    voided_milli: dict[int, int] = {}
    voided_fen: dict[int, int] = {}
    for line in view.lines:
        if line.kind == LineKind.REVERSAL and line.reverses_id is not None:
            voided_milli[line.reverses_id] = (
                voided_milli.get(line.reverses_id, 0) + line.quantity_milli
            )
            voided_fen[line.reverses_id] = voided_fen.get(line.reverses_id, 0) + line.amount_fen
    dishes = []
    for line in view.lines:
        if line.kind in (LineKind.COMPONENT, LineKind.REVERSAL) or line.parent_line_id:
            continue
        quantity = line.quantity_milli + voided_milli.get(line.line_id, 0)
        if quantity <= 0:
            continue
        dishes.append(
            Dish(
                line_id=line.line_id,
                name_zh=line.name_zh,
                name_en=line.name_en,
                options=tuple((zh, en) for zh, en, _ in line.options),
                quantity_milli=quantity,
                unit_zh=line.unit_zh,
                unit_en=line.unit_en,
                amount_fen=line.amount_fen + voided_fen.get(line.line_id, 0),
            )
        )
    return dishes


def dish_name(language: Language, dish: Dish) -> str:
    """宫保鸡丁（微辣）× 2 — name, options and how many, as the waiter reads it."""
    name = language.pick(dish.name_zh, dish.name_en)
    if dish.options:
        if language.is_chinese:
            name += "（" + "，".join(zh for zh, _ in dish.options) + "）"
        else:
            name += " (" + ", ".join(language.pick(zh, en) for zh, en in dish.options) + ")"
    if dish.quantity_milli % 1000:
        how_many = language.quantity(dish.quantity_milli, language.pick(dish.unit_zh, dish.unit_en))
    else:
        how_many = "×" + language.number(dish.quantity_milli // 1000)
    return f"{name}  {how_many}"


class DishRow(TouchButton):
    """A dish as a full-width row: name, options and quantity on the left (wrapping when
    long), the amount on the right. Tapping it moves or chooses it."""

    def __init__(self, dish: Dish, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setObjectName("dishRow")
        self.dish = dish
        self.name_label = QLabel(objectName="dish")
        self.name_label.setWordWrap(True)
        self.amount_label = QLabel(objectName="dishAmount")
        self.amount_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for label in (self.name_label, self.amount_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setStyleSheet("background: transparent; border: none;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.name_label, 1)
        layout.addWidget(self.amount_label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def retranslate(self, language: Language) -> None:
        self.name_label.setText(dish_name(language, self.dish))
        self.amount_label.setText(language.money(self.dish.amount_fen))
        self.updateGeometry()

    def sizeHint(self):
        hint = self.layout().sizeHint()
        hint.setHeight(max(hint.height(), 56))
        return hint

    def minimumSizeHint(self):
        return self.sizeHint()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(56, self.layout().totalHeightForWidth(width))


class DishList(QScrollArea):
    """A scrolling column of dish rows under a heading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._box = QWidget()
        self._layout = QVBoxLayout(self._box)
        self._layout.setContentsMargins(0, 0, 4, 0)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)
        self.setWidget(self._box)
        self.rows: dict[int, DishRow] = {}
        self.empty_label = QLabel(objectName="hint")
        self.empty_label.setWordWrap(True)
        self._layout.insertWidget(0, self.empty_label)

    def show_dishes(
        self,
        dishes: Iterable[Dish],
        language: Language,
        tapped: Callable[[int], None],
        *,
        checkable: bool = False,
        checked: Iterable[int] = (),
    ) -> None:
        """Replace the rows; ``tapped(line_id)`` runs when one is tapped."""
        for row in self.rows.values():
            self._layout.removeWidget(row)
            row.hide()  # gone at once, not when Qt gets round to deleting it
            row.deleteLater()
        self.rows = {}
        chosen = set(checked)
        for dish in dishes:
            row = DishRow(dish)
            row.setCheckable(checkable)
            row.setChecked(dish.line_id in chosen)
            row.clicked.connect(lambda _=False, line=dish.line_id: tapped(line))
            row.retranslate(language)
            self._layout.insertWidget(self._layout.count() - 1, row)
            self.rows[dish.line_id] = row
        self.empty_label.setVisible(not self.rows)

    def retranslate(self, language: Language, empty_text: str) -> None:
        self.empty_label.setText(empty_text)
        for row in self.rows.values():
            row.retranslate(language)


def step_button(text: str) -> TouchButton:
    button = TouchButton(text, size="main")
    button.setObjectName("step")
    return button


def merged_changes(bill_id: int, results: Iterable[Changes]) -> Changes:
    """Several actions' changes as one, for whoever listens to ``done``."""
    tables: set[int] = set()
    bills: set[int] = set()
    lines: list[int] = []
    tickets: list[int] = []
    warnings: list[str] = []
    for changes in results:
        tables |= changes.tables
        bills |= changes.bills
        lines += changes.lines
        tickets += changes.tickets
        warnings += changes.warnings
    return Changes(
        tables=frozenset(tables),
        bills=frozenset(bills),
        lines=tuple(lines),
        tickets=tuple(tickets),
        bill_id=bill_id,
        warnings=tuple(warnings),
    )


class MoveDialog(QDialog):
    """The frame of a transfer, merge or split: title, hint, the body the action fills,
    an inline error in the current language, Cancel and Confirm.

    ``done`` carries the ``Changes`` once the action succeeded; the dialog then closes.
    """

    done = Signal(object)

    def __init__(self, session: UiSession, bill_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.bill_id = bill_id
        self.setModal(True)
        self.view = queries.bill_view(session.ctx, bill_id)
        self.title = QLabel(objectName="title")
        self.title.setWordWrap(True)
        self.hint = QLabel(objectName="hint")
        self.hint.setWordWrap(True)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        self.error_label = QLabel(objectName="error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.cancel_button = TouchButton(size="main")
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = TouchButton(size="main")
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.clicked.connect(self.confirm)
        for button in (self.cancel_button, self.confirm_button):
            button.setMinimumWidth(180)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumSize(760, 560)
        session.language_changed.connect(self._language_switched)
        session.style_changed.connect(self._restyle)
        self._restyle()

    def gettext(self, msgid: str) -> str:
        """A message in the current language (a ``gettext`` call, so it is extracted)."""
        return self.session.language.gettext(msgid)

    @property
    def language(self) -> Language:
        return self.session.language

    def fit_to_window(self) -> None:
        """Cover most of the main window (the screen when there is none)."""
        parent = self.parentWidget()
        if parent is not None:
            area = parent.window().size()
        else:
            screen = self.screen()
            area = screen.availableGeometry().size()
        width = max(self.minimumWidth(), round(area.width() * SCREEN_SHARE))
        height = max(self.minimumHeight(), round(area.height() * SCREEN_SHARE))
        self.resize(min(width, 1400), min(height, 980))

    def show_error(self, text: str) -> None:
        """An error from the service, already in the current language, inside the dialog."""
        self.error_label.setText(text)
        self.error_label.show()

    def clear_error(self) -> None:
        self.error_label.hide()
        self.error_label.clear()

    def confirm(self) -> None:
        """Do the action; each dialog says what."""
        raise NotImplementedError

    def finish(self, changes: Changes) -> None:
        """The action succeeded: tell the screen, then close."""
        self.clear_error()
        self.done.emit(changes)
        self.accept()

    def run(self, action: Callable[[], Changes]) -> Changes | None:
        """One service call: its error shows in the dialog, never raised."""
        self.clear_error()
        return self.session.run(action, on_error=self.show_error)

    def _language_switched(self, _language: Language) -> None:
        self.clear_error()  # an error shown in the old language would now mislead
        self._retranslate()

    def _retranslate(self) -> None:
        self.cancel_button.setText(self.gettext("Cancel"))
        self.confirm_button.setText(self.gettext("Confirm"))

    def _restyle(self) -> None:
        self.setStyleSheet(dialog_style(self.session.px))
