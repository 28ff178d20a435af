"""The menu side of the order screen: a column of categories, a grid of large dish buttons
with their prices (sold-out dishes greyed and marked 估清), and a search by pinyin initials
with an on-screen letter pad (宫保鸡丁 → gbjd) whose results replace the grid."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services import queries
from app.services.queries import MenuEntry
from ui.order.look import short_unit
from ui.order.scrolling import SCROLLBAR_PX, touch_scroll
from ui.order.tile_button import TileButton
from ui.session import UiSession
from ui.widgets import LetterPad, TouchButton

DISH_MIN_WIDTH = 136
CATEGORY_WIDTH = 124
WIDE_PANEL = 900  # wider than this, the columns and dish buttons grow


class _GridArea(QScrollArea):
    """A scroll area that tells its owner when its width changes (to change columns)."""

    width_changed = Signal(int)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.width_changed.emit(self.viewport().width())


class MenuPanel(QWidget):
    """Tap a category, then a dish: ``dish_tapped`` carries its ``MenuEntry``."""

    dish_tapped = Signal(object)
    sold_out_tapped = Signal(object)  # 估清 mode: the dish whose sold-out mark is flipped

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._categories: list[tuple[int, str, str]] = []
        self._all_categories: list[tuple[int, str, str]] = []
        self._entries: list[MenuEntry] = []
        self._entry: dict[int, MenuEntry] = {}
        self._category_id: int | None = None
        self._searching = False
        self._columns = 0
        self._shown: list[int] = []
        self.category_buttons: dict[int, TileButton] = {}
        self.item_buttons: dict[int, TileButton] = {}

        # left: search, then the categories (scrolling when they do not fit)
        self.search_button = TouchButton()
        self.search_button.setObjectName("search")
        self.search_button.clicked.connect(self.open_search)
        # 估清 mode: while it is on, a tap on a dish marks it sold out (or back on)
        self.sold_out_button = TouchButton()
        self.sold_out_button.setObjectName("search")
        self.sold_out_button.setCheckable(True)
        self.sold_out_button.toggled.connect(self._sold_out_mode)
        self._category_list = QWidget()
        self._category_grid = QGridLayout(self._category_list)
        self._category_grid.setContentsMargins(0, 0, 0, 0)
        self._category_grid.setSpacing(6)
        self._category_grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._category_columns = 1
        category_area = QScrollArea()
        category_area.setWidgetResizable(True)
        category_area.setFrameShape(QScrollArea.Shape.NoFrame)
        category_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        category_area.setWidget(self._category_list)
        touch_scroll(category_area)
        self.categories_box = QWidget()
        categories_layout = QVBoxLayout(self.categories_box)
        categories_layout.setContentsMargins(0, 0, 0, 0)
        categories_layout.setSpacing(6)
        categories_layout.addWidget(self.search_button)
        categories_layout.addWidget(category_area, 1)
        categories_layout.addWidget(self.sold_out_button)

        # the search: what was typed, back to the categories, the letter pad
        self.search_typed = QLabel(objectName="searchTyped")
        self.close_search_button = TouchButton()
        self.close_search_button.setObjectName("search")
        self.close_search_button.clicked.connect(self.close_search)
        self.letter_pad = LetterPad(session.language)
        self.letter_pad.changed.connect(self._typed)
        self.setMinimumWidth(self.letter_pad.minimumSizeHint().width())  # the same searching
        self.search_box = QWidget()
        typed_row = QHBoxLayout()
        typed_row.addWidget(self.search_typed, 1)
        typed_row.addWidget(self.close_search_button)
        search_layout = QVBoxLayout(self.search_box)
        search_layout.setContentsMargins(0, 0, 0, 0)
        search_layout.setSpacing(6)
        search_layout.addLayout(typed_row)
        search_layout.addWidget(self.letter_pad)
        self.search_box.hide()

        # the dishes
        self.no_match = QLabel(objectName="searchEmpty")
        self.no_match.setWordWrap(True)
        self.no_match.hide()
        self._grid_box = QWidget()
        self._grid = QGridLayout(self._grid_box)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.grid_area = _GridArea()
        self.grid_area.setWidgetResizable(True)
        self.grid_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.grid_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid_area.setWidget(self._grid_box)
        self.grid_area.width_changed.connect(self._fit_columns)
        touch_scroll(self.grid_area)

        dishes = QVBoxLayout()
        dishes.setSpacing(8)
        dishes.addWidget(self.search_box)
        dishes.addWidget(self.no_match)
        dishes.addWidget(self.grid_area, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.categories_box)
        layout.addLayout(dishes, 1)

    # -- the menu ---------------------------------------------------------------------------

    def set_menu(self, categories: list[tuple[int, str, str]], entries: list[MenuEntry]) -> None:
        """Build the category and dish buttons once; the same buttons are shown per
        category. When only the dishes' details changed (估清, prices) they are refreshed."""
        same_items = [e.item_id for e in entries] == [e.item_id for e in self._entries]
        same_categories = [c[0] for c in categories] == [c[0] for c in self._all_categories]
        self._all_categories = categories
        if same_items and same_categories and self.item_buttons:
            self._refresh_entries(entries)
            return
        for button in [*self.category_buttons.values(), *self.item_buttons.values()]:
            button.hide()
            button.deleteLater()
        self.category_buttons.clear()
        self.item_buttons.clear()
        self._entries = entries
        self._entry = {entry.item_id: entry for entry in entries}
        used = {entry.category_id for entry in entries}
        self._categories = [c for c in categories if c[0] in used]
        for category_id, _, _ in self._categories:
            button = TileButton("category", "categoryName", "categoryDetail", self._category_list)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=category_id: self.show_category(c))
            self.category_buttons[category_id] = button
        self._place_categories()
        for entry in entries:
            price_name = "dishSoldOut" if entry.sold_out else "dishPrice"
            button = TileButton("dish", "dishName", price_name, self._grid_box)
            button.setEnabled(not entry.sold_out or self.sold_out_button.isChecked())
            button.clicked.connect(lambda _=False, i=entry.item_id: self._dish_clicked(i))
            button.hide()
            self.item_buttons[entry.item_id] = button
        self.retranslate()
        keep = self._category_id if self._category_id in self.category_buttons else None
        first = self._categories[0][0] if self._categories else None
        self.show_category(keep or first)

    def _refresh_entries(self, entries: list[MenuEntry]) -> None:
        self._entries = entries
        self._entry = {entry.item_id: entry for entry in entries}
        for entry in entries:
            button = self.item_buttons[entry.item_id]
            button.setEnabled(not entry.sold_out or self.sold_out_button.isChecked())
            name = "dishSoldOut" if entry.sold_out else "dishPrice"
            if button.detail.objectName() != name:
                button.detail.setObjectName(name)
                button.detail.style().unpolish(button.detail)
                button.detail.style().polish(button.detail)
        self.retranslate()

    def entry(self, item_id: int) -> MenuEntry | None:
        return self._entry.get(item_id)

    def _dish_clicked(self, item_id: int) -> None:
        entry = self._entry.get(item_id)  # as the menu is now, not as it was when built
        if entry is None:
            return
        if self.sold_out_button.isChecked():
            self.sold_out_tapped.emit(entry)
        else:
            self.dish_tapped.emit(entry)

    def _sold_out_mode(self, on: bool) -> None:
        """估清 mode lets sold-out dishes be tapped (to put them back on)."""
        for entry in self._entries:
            self.item_buttons[entry.item_id].setEnabled(on or not entry.sold_out)
        self._retranslate_search()

    def entries(self) -> list[MenuEntry]:
        return list(self._entries)

    # -- what is shown ----------------------------------------------------------------------

    def show_category(self, category_id: int | None) -> None:
        """The dishes of one category, in menu order; leaves the search."""
        self._category_id = category_id
        for cid, button in self.category_buttons.items():
            button.setChecked(cid == category_id)
        if self._searching:
            self._set_searching(False)
        else:
            self._show_items(self._category_items())

    def _category_items(self) -> list[int]:
        return [e.item_id for e in self._entries if e.category_id == self._category_id]

    def open_search(self) -> None:
        self._set_searching(True)

    def close_search(self) -> None:
        self._set_searching(False)

    @property
    def searching(self) -> bool:
        return self._searching

    def _set_searching(self, on: bool) -> None:
        """The letter pad takes the categories' place while searching."""
        self._searching = on
        self.search_box.setVisible(on)
        self.categories_box.setVisible(not on)
        self.letter_pad.clear()
        self._retranslate_search()
        if on:
            self._typed("")
        else:
            self.no_match.hide()
            self._show_items(self._category_items())

    def type_letters(self, letters: str) -> None:
        """Tap letters on the pad (tests and keyboards)."""
        for letter in letters:
            self.letter_pad.press(letter)

    def _typed(self, letters: str) -> None:
        self._retranslate_search()
        if not letters:
            self.no_match.hide()
            self._show_items([])
            return
        found = queries.search_menu(self._entries, letters)
        self.no_match.setVisible(not found)
        self.no_match.setText(self._session.tr("No dish matches “{typed}”.").format(typed=letters))
        self._show_items([e.item_id for e in found])

    def visible_items(self) -> list[int]:
        """The dishes on screen now, in grid order."""
        return list(self._shown)

    def _show_items(self, item_ids: list[int]) -> None:
        self._shown = item_ids
        self._place_items()

    def _place_items(self) -> None:
        shown = set(self._shown)
        while self._grid.count():
            self._grid.takeAt(0)
        columns = max(self._columns, 1)
        for index, item_id in enumerate(self._shown):
            self._grid.addWidget(self.item_buttons[item_id], index // columns, index % columns)
        for item_id, button in self.item_buttons.items():
            button.setVisible(item_id in shown)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        self.grid_area.verticalScrollBar().setValue(0)

    def _dish_width(self) -> int:
        wide = self.width() > WIDE_PANEL
        return self._session.px(DISH_MIN_WIDTH + (40 if wide else 0))

    def _fit_columns(self, width: int) -> None:
        columns = max(2, (width + 8) // (self._dish_width() + 8))
        if columns != self._columns:
            self._columns = columns
            self._place_items()

    def _place_categories(self) -> None:
        while self._category_grid.count():
            self._category_grid.takeAt(0)
        columns = self._category_columns
        for index, button in enumerate(self.category_buttons.values()):
            self._category_grid.addWidget(button, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A wide panel shows the categories in two columns, so they all fit."""
        super().resizeEvent(event)
        columns = 2 if event.size().width() > WIDE_PANEL else 1
        width = self._session.px(CATEGORY_WIDTH) * columns + 6 * (columns - 1) + SCROLLBAR_PX
        self.categories_box.setFixedWidth(width)
        if columns != self._category_columns:
            self._category_columns = columns
            self._place_categories()

    # -- language and size ------------------------------------------------------------------

    def retranslate(self) -> None:
        language = self._session.language
        for category_id, name_zh, name_en in self._categories:
            self.category_buttons[category_id].set_texts(language.pick(name_zh, name_en), "")
        for entry in self._entries:
            button = self.item_buttons[entry.item_id]
            button.set_texts(language.pick(entry.name_zh, entry.name_en), self._price_text(entry))
        self.letter_pad.set_language(language)
        self._retranslate_search()
        if self._searching and self.letter_pad.value():
            self._typed(self.letter_pad.value())
        self.restyle()

    def _retranslate_search(self) -> None:
        tr = self._session.tr
        self.search_button.setText(tr("Search"))
        on = self.sold_out_button.isChecked()
        # in 估清 mode the button stays pressed and says so with a tick
        self.sold_out_button.setText(tr("✓ Sold out") if on else tr("Sold out"))
        self.close_search_button.setText(tr("Categories"))
        typed = self.letter_pad.value()
        self.search_typed.setText(typed or tr("Type the pinyin initials, e.g. gbjd"))

    def _price_text(self, entry: MenuEntry) -> str:
        language = self._session.language
        tr = self._session.tr
        if entry.sold_out:
            return tr("Sold out")
        if entry.market_price:
            return tr("Market price")
        price = language.money(entry.price_fen)
        if entry.weighed:
            unit = short_unit(language.pick(entry.unit_zh, entry.unit_en))
            return tr("{price}/{unit}").format(price=price, unit=unit)
        return price

    def restyle(self) -> None:
        """Button heights follow the font size and the language: Chinese names take up to
        two lines, English ones up to three."""
        px = self._session.px
        self.letter_pad.restyle(px)
        lines = 2 if self._session.language.is_chinese else 3
        line = round(px(17) * 1.35)
        dish_height = line * lines + round(px(16) * 1.4) + 20
        for button in self.item_buttons.values():
            button.setFixedHeight(dish_height)
        category_lines = 1 if self._session.language.is_chinese else 2
        for button in self.category_buttons.values():
            button.setFixedHeight(max(56, line * category_lines + 20))
        self.search_button.setFixedHeight(max(56, line + 24))
        self.close_search_button.setFixedHeight(max(48, px(24) + 16))
        self.search_typed.setMinimumHeight(max(48, px(24) + 16))
        self._columns = 0
        self._fit_columns(self.grid_area.viewport().width())
