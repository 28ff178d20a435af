"""The log-in screen (登录): a tile for each staff member and a large PIN pad.

The PIN check, tries and lock-out live in ``app.services.staff``; this screen only asks and
shows the answer in the current language.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_, XiaoerError
from app.i18n import Language
from app.services import staff
from app.services.context import Context
from app.services.staff import Role, StaffMember
from ui.widgets import NumPad, TouchButton

PIN_MAX_DIGITS = 8
TILE_COLUMNS = 3

ROLE_LABELS: dict[Role, str] = {
    Role.WAITER: N_("Waiter"),
    Role.CASHIER: N_("Cashier"),
    Role.MANAGER: N_("Manager"),
}


def login_style(px: Callable[[int], int]) -> str:
    """The screen's look at the chosen font size."""
    return f"""
QLabel#title {{ font-size: {px(26)}px; font-weight: bold; }}
QLabel#prompt {{ font-size: {px(20)}px; }}
QLabel#error {{ font-size: {px(19)}px; font-weight: bold; color: #c62828; background: #ffebee;
               border: 2px solid #c62828; border-radius: 4px; padding: 8px; }}
QPushButton#tile {{ font-size: {px(20)}px; padding: 8px; background: #eceff1;
                   border: 2px solid #90a4ae; border-radius: 6px; }}
QPushButton#tile:checked {{ background: #1565c0; color: white; border-color: #0d47a1; }}
QPushButton#login {{ font-size: {px(24)}px; font-weight: bold; background: #2e7d32; color: white;
                    border-radius: 6px; }}
QPushButton#login:disabled {{ background: #a5d6a7; }}
"""


class LoginScreen(QWidget):
    """Tap your name, type your PIN, tap Log in; emits ``logged_in`` with the staff member."""

    logged_in = Signal(StaffMember)

    def __init__(self, ctx: Context, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._language = language
        self._error: XiaoerError | None = None
        self._staff: dict[int, StaffMember] = {}

        self.title = QLabel(objectName="title")
        self.tiles: dict[int, TouchButton] = {}
        self._tile_group = QButtonGroup(self)
        self._tile_group.setExclusive(True)
        self._tile_grid = QGridLayout()
        self._tile_grid.setSpacing(12)
        tile_box = QWidget()
        tile_layout = QVBoxLayout(tile_box)
        tile_layout.addLayout(self._tile_grid)
        tile_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(tile_box)

        self.prompt = QLabel(objectName="prompt")
        self.prompt.setWordWrap(True)
        self.pin_pad = NumPad(language, max_length=PIN_MAX_DIGITS, masked=True)
        self.pin_pad.setMinimumWidth(300)
        self.pin_pad.changed.connect(self._update_login_button)
        self.error_label = QLabel(objectName="error")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.login_button = TouchButton(size="main")
        self.login_button.setObjectName("login")
        self.login_button.clicked.connect(self.log_in)

        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(scroll, 1)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self.prompt)
        right.addWidget(self.pin_pad, 1)
        right.addWidget(self.error_label)
        right.addWidget(self.login_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(32)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

        self.restyle(lambda size: size)
        self.reload_staff()
        self.set_language(language)

    def restyle(self, px: Callable[[int], int]) -> None:
        """The screen and its PIN pad at the chosen font size."""
        self.setStyleSheet(login_style(px))
        self.pin_pad.restyle(px)

    @property
    def selected(self) -> StaffMember | None:
        checked = self._tile_group.checkedButton()
        if checked is None:
            return None
        return next(self._staff[i] for i, tile in self.tiles.items() if tile is checked)

    def reload_staff(self) -> None:
        """Tiles for the staff on the books now; the selection is kept if still there."""
        chosen = self.selected
        for tile in self.tiles.values():
            self._tile_group.removeButton(tile)
            tile.deleteLater()
        self.tiles.clear()
        self._staff = {member.id: member for member in staff.list_staff(self._ctx)}
        for index, member in enumerate(self._staff.values()):
            tile = TouchButton(size="main")
            tile.setObjectName("tile")
            tile.setCheckable(True)
            tile.setMinimumHeight(96)
            tile.clicked.connect(lambda _checked=False, i=member.id: self.select_staff(i))
            self._tile_group.addButton(tile)
            self._tile_grid.addWidget(tile, index // TILE_COLUMNS, index % TILE_COLUMNS)
            self.tiles[member.id] = tile
        if chosen and chosen.id in self.tiles:
            self.tiles[chosen.id].setChecked(True)
        self._retranslate_tiles()
        self._update_login_button()

    def select_staff(self, staff_id: int) -> None:
        """The staff member whose PIN is typed next; a new choice starts a fresh PIN."""
        self.tiles[staff_id].setChecked(True)
        self.pin_pad.clear()
        self._show_error(None)
        self._update_login_button()

    def log_in(self) -> None:
        """Check the PIN; a wrong one shows why (tries left, lock-out) and empties the pad."""
        member = self.selected
        if member is None:
            return
        pin = self.pin_pad.value()
        self.pin_pad.clear()
        try:
            who = staff.log_in(self._ctx, staff_id=member.id, pin=pin)
        except XiaoerError as error:
            self._show_error(error)
            return
        self._show_error(None)
        self._tile_group.setExclusive(False)
        self.tiles[member.id].setChecked(False)  # the next person starts by choosing a name
        self._tile_group.setExclusive(True)
        self._update_login_button()
        self.logged_in.emit(who)

    def error_text(self) -> str:
        return self.error_label.text() if self._error else ""

    def set_language(self, language: Language) -> None:
        self._language = language
        gettext = language.gettext
        self.title.setText(gettext("Who is working?"))
        self.prompt.setText(gettext("Tap your name, then enter your PIN."))
        self.login_button.setText(gettext("Log in"))
        self.pin_pad.set_language(language)
        self._retranslate_tiles()
        self._show_error(self._error)

    def _retranslate_tiles(self) -> None:
        for staff_id, tile in self.tiles.items():
            member = self._staff[staff_id]
            tile.setText(f"{member.name}\n{self._language.gettext(ROLE_LABELS[member.role])}")

    def _show_error(self, error: XiaoerError | None) -> None:
        self._error = error
        self.error_label.setText(self._language.error_text(error) if error else "")
        self.error_label.setVisible(error is not None)

    def _update_login_button(self, *_: object) -> None:
        self.login_button.setEnabled(self.selected is not None and len(self.pin_pad.value()) >= 4)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """With a keyboard attached, digits go to the pad and Enter logs in."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.login_button.isEnabled():
                self.log_in()
        else:
            self.pin_pad.keyPressEvent(event)
