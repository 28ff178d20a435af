"""The menu editor of the back office (manager): categories down the left, the dishes of
the chosen one with their price and a 估清 toggle each, and the dish form (names, price on
a number pad, unit, station, course, weighed / market price, option groups) with Save and
Take off the menu. Import and export the whole menu as CSV; a file with mistakes is
refused as a whole and every wrong row is listed by its line number.

Every change is a call into ``app.services.menu_admin`` / ``menu_csv`` through the session,
so the order screen hears of it on ``session.changed``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_, InvalidInput
from app.domain.money import parse_yuan
from app.services import menu_admin, menu_csv
from app.services.menu_admin import ItemDraft, ItemView, MenuBook, MenuChanges
from ui.backoffice.forms import side_scroll
from ui.order.bill_lines import COURSES
from ui.order.look import short_unit
from ui.order.scrolling import SCROLLBAR_PX
from ui.order.tile_button import TileButton
from ui.session import UiSession
from ui.widgets import MessageBar, NumPad, TouchButton
from ui.widgets.flow import FlowLayout
from ui.widgets.touch import NORMAL_PX, ConfirmDialog

ROW_MIN_WIDTH = 300
CATEGORY_WIDTH = 210
PAD_WIDTH = 260
LABEL_WIDTH = 120
COURSE_LABELS = dict(COURSES)


def _style(px) -> str:
    return f"""
QLabel {{ font-size: {px(17)}px; }}
QPushButton {{ font-size: {px(17)}px; }}
QLineEdit, QComboBox {{ font-size: {px(18)}px; min-height: 44px; padding: 0 8px; }}
QComboBox QAbstractItemView {{ font-size: {px(18)}px; }}
QLabel#heading {{ font-size: {px(21)}px; font-weight: bold; }}
QLabel#fieldLabel {{ font-size: {px(16)}px; color: #455a64; }}
QLabel#empty {{ font-size: {px(17)}px; color: #607d8b; padding: 16px; }}
QLabel#problems {{ font-size: {px(16)}px; color: #b71c1c; background: #ffebee;
                   padding: 8px; }}
QLabel#setDishes {{ font-size: {px(16)}px; color: #37474f; }}
QLabel#formError {{ font-size: {px(17)}px; color: #b71c1c; font-weight: bold; }}
QPushButton#category {{ background: #eceff1; border: 2px solid #b0bec5; border-radius: 6px;
                        text-align: left; padding: 0 10px; }}
QPushButton#category:checked {{ background: #bbdefb; border: 3px solid #0d47a1; }}
QPushButton#category[empty="true"] {{ color: #90a4ae; }}
QPushButton#dish {{ background: white; border: 2px solid #b0bec5; border-radius: 6px; }}
QPushButton#dish[inactive="true"] {{ background: #eceff1; border-style: dashed; }}
QLabel#dishName {{ font-size: {px(17)}px; font-weight: bold; color: #263238; }}
QLabel#dishDetail {{ font-size: {px(16)}px; color: #37474f; }}
QPushButton#soldOut {{ background: #eceff1; border: 2px solid #b0bec5; border-radius: 6px;
                       font-size: {px(16)}px; }}
QPushButton#soldOut:checked {{ background: #c62828; color: white; border-color: #b71c1c;
                               font-weight: bold; }}
QPushButton#choice {{ background: #eceff1; border: 2px solid #b0bec5; border-radius: 6px;
                      padding: 0 12px; font-size: {px(16)}px; }}
QPushButton#choice:checked {{ background: #1565c0; color: white; border-color: #0d47a1; }}
QPushButton#main {{ background: #2e7d32; color: white; border-radius: 6px;
                    font-size: {px(19)}px; font-weight: bold; padding: 0 20px; }}
QPushButton#danger {{ background: #ffebee; color: #b71c1c; border: 2px solid #c62828;
                      border-radius: 6px; padding: 0 12px; }}
QPushButton#tool {{ background: #eceff1; border: 2px solid #90a4ae; border-radius: 6px;
                    padding: 0 14px; }}
"""


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class _Grid(QScrollArea):
    """A scrolling area that says when its width changes (to change the dish columns)."""

    width_changed = Signal(int)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.width_changed.emit(self.viewport().width())


def _scrolling(widget: QWidget) -> _Grid:
    return side_scroll(widget, _Grid())


class DishButton(TileButton):
    """A dish of the list: its name over its code and price, at a height the list sets."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("dish", "dishName", "dishDetail", parent)
        self.detail.setWordWrap(False)

    def hasHeightForWidth(self) -> bool:  # the wrapped name must not shrink the row
        return False


def _ids(views, attribute: str) -> list[int]:
    return [getattr(view, attribute) for view in views]


def _choice(text: str = "") -> TouchButton:
    button = TouchButton(text)
    button.setObjectName("choice")
    button.setCheckable(True)
    return button


# -- the category names dialog ---------------------------------------------------------------


class CategoryDialog(QDialog):
    """A new category, or new names for one: Chinese and English name, Save or Cancel."""

    def __init__(
        self, session: UiSession, parent: QWidget | None, category_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.category_id = category_id
        self.setModal(True)
        tr = session.tr
        self.setWindowTitle(tr("New category") if category_id is None else tr("Rename category"))
        self.heading = QLabel(self.windowTitle(), objectName="heading")
        self.name_zh_edit = QLineEdit()
        self.name_en_edit = QLineEdit()
        self.error_label = QLabel(objectName="formError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.cancel_button = TouchButton(tr("Cancel"), size="main")
        self.cancel_button.setObjectName("tool")
        self.save_button = TouchButton(tr("Save"), size="main")
        self.save_button.setObjectName("main")
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        fields = QGridLayout()
        fields.addWidget(QLabel(tr("Chinese name"), objectName="fieldLabel"), 0, 0)
        fields.addWidget(self.name_zh_edit, 0, 1)
        fields.addWidget(QLabel(tr("English name"), objectName="fieldLabel"), 1, 0)
        fields.addWidget(self.name_en_edit, 1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addLayout(fields)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)
        self.setStyleSheet(_style(session.px))

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def save(self) -> None:
        name_zh, name_en = self.name_zh_edit.text(), self.name_en_edit.text()
        ctx = self._session.ctx
        if self.category_id is None:
            done = self._session.run(
                lambda: menu_admin.add_category(ctx, name_zh=name_zh, name_en=name_en),
                on_error=self.show_error,
            )
        else:
            category_id = self.category_id
            done = self._session.run(
                lambda: menu_admin.rename_category(
                    ctx, category_id=category_id, name_zh=name_zh, name_en=name_en
                ),
                on_error=self.show_error,
            )
        if done is not None:
            self.accept()


# -- the dish form ---------------------------------------------------------------------------


class ItemForm(QWidget):
    """Everything about one dish. ``saved`` carries the ``MenuChanges`` of a save or of
    taking the dish off (or back onto) the menu; ``closed`` asks for the dish list again."""

    saved = Signal(object)
    closed = Signal()

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._book: MenuBook | None = None
        self.item: ItemView | None = None
        self._components: tuple[tuple[int, int], ...] = ()
        self._groups_in_order: list[int] = []

        self.back_button = TouchButton()
        self.back_button.setObjectName("tool")
        self.back_button.clicked.connect(self.closed)
        self.heading = QLabel(objectName="heading")
        self.heading.setWordWrap(True)
        self.code_edit = QLineEdit()
        self.name_zh_edit = QLineEdit()
        self.name_en_edit = QLineEdit()
        self.category_box = QComboBox()
        self.unit_zh_edit = QLineEdit()
        self.unit_en_edit = QLineEdit()
        self.unit_zh_edit.setMaximumWidth(120)
        self.station_buttons: dict[int, TouchButton] = {}
        self._stations = QButtonGroup(self)
        self._station_row = QHBoxLayout()
        self._station_row.addStretch(1)
        self.course_buttons: dict[str, TouchButton] = {}
        self._courses = QButtonGroup(self)
        course_box = QWidget()
        course_flow = FlowLayout(course_box)
        course_flow.setContentsMargins(0, 0, 0, 0)
        for course in menu_admin.MENU_COURSES:
            button = _choice()
            self._courses.addButton(button)
            course_flow.addWidget(button)
            self.course_buttons[course] = button
        self.weighed_button = _choice()
        self.market_button = _choice()
        self.sold_out_button = _choice()
        self.group_buttons: dict[int, TouchButton] = {}
        self._group_box = QWidget()
        self._group_flow = FlowLayout(self._group_box)
        self._group_flow.setContentsMargins(0, 0, 0, 0)
        self.set_dishes = QLabel(objectName="setDishes")
        self.set_dishes.setWordWrap(True)
        self.labels: dict[str, QLabel] = {}

        fields = QWidget()
        grid = QGridLayout(fields)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        units = QHBoxLayout()
        units.addWidget(self.unit_zh_edit)
        units.addWidget(self.unit_en_edit, 1)
        toggles = QHBoxLayout()
        for button in (self.weighed_button, self.market_button, self.sold_out_button):
            toggles.addWidget(button)
        toggles.addStretch(1)
        rows = (
            ("code", self.code_edit),
            ("name_zh", self.name_zh_edit),
            ("name_en", self.name_en_edit),
            ("category", self.category_box),
            ("unit", units),
            ("station", self._station_row),
            ("course", course_box),
            ("kind", toggles),
            ("groups", self._group_box),
            ("set", self.set_dishes),
        )
        for row, (key, field) in enumerate(rows):
            label = QLabel(objectName="fieldLabel")
            label.setWordWrap(True)
            label.setMaximumWidth(LABEL_WIDTH)
            label.setMinimumWidth(LABEL_WIDTH - 20)
            self.labels[key] = label
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            if isinstance(field, QWidget):
                grid.addWidget(field, row, 1)
            else:
                grid.addLayout(field, row, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(rows), 1)
        self.fields_area = _scrolling(fields)

        self.price_label = QLabel(objectName="heading")
        self.price_pad = NumPad(session.language, max_length=9, decimals=2)
        self.price_pad.setFixedWidth(PAD_WIDTH)
        self.error_label = QLabel(objectName="formError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.deactivate_button = TouchButton(size="main")
        self.deactivate_button.setObjectName("danger")
        self.deactivate_button.clicked.connect(self.take_off_or_back)
        self.save_button = TouchButton(size="main")
        self.save_button.setObjectName("main")
        self.save_button.clicked.connect(self.save)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.heading, 1)
        price = QVBoxLayout()
        price.addWidget(self.price_label)
        price.addWidget(self.price_pad)
        price.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.fields_area, 1)
        body.addLayout(price)
        bottom = QHBoxLayout()
        bottom.addWidget(self.deactivate_button)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(bottom)

    # -- filling ----------------------------------------------------------------------------

    def set_book(self, book: MenuBook) -> None:
        """The categories, stations and option groups to choose from; what is chosen in
        the form stays chosen."""
        old, self._book = self._book, book
        if old is None or _ids(old.categories, "category_id") != _ids(
            book.categories, "category_id"
        ):
            current = self.category_box.currentData()
            self.category_box.clear()
            for category in book.categories:
                self.category_box.addItem(category.name_zh, category.category_id)
            self.category_box.setCurrentIndex(max(self.category_box.findData(current), 0))
        if old is None or _ids(old.stations, "station_id") != _ids(book.stations, "station_id"):
            checked = [sid for sid, b in self.station_buttons.items() if b.isChecked()]
            self._clear(self.station_buttons)
            for station in book.stations:
                button = _choice()
                button.setChecked(station.station_id in checked)
                self._stations.addButton(button)
                self._station_row.insertWidget(len(self.station_buttons), button)
                button.show()
                self.station_buttons[station.station_id] = button
        if old is None or _ids(old.groups, "group_id") != _ids(book.groups, "group_id"):
            checked = [gid for gid, b in self.group_buttons.items() if b.isChecked()]
            self._clear(self.group_buttons)
            for group in book.groups:
                button = _choice()
                button.setChecked(group.group_id in checked)
                self._group_flow.addWidget(button)
                button.show()
                self.group_buttons[group.group_id] = button
        if self.item is not None:
            self.item = book.item(self.item.item_id) or self.item
        self._retranslate_choices()

    def _clear(self, buttons: dict[int, TouchButton]) -> None:
        for button in buttons.values():
            self._stations.removeButton(button)
            button.hide()
            button.deleteLater()
        buttons.clear()

    def edit(self, item: ItemView) -> None:
        """Show a dish to change."""
        self.item = item
        self._fill(item.draft)
        self._retranslate()

    def new(self, category_id: int | None, code: str) -> None:
        """An empty form for a new dish in a category, with a free code suggested."""
        self.item = None
        book = self._book
        station = book.stations[0].station_id if book and book.stations else 0
        self._fill(
            ItemDraft(
                code=code,
                name_zh="",
                category_id=category_id or 0,
                station_id=station,
                price_fen=0,
            )
        )
        self.price_pad.clear()
        self._retranslate()

    def _fill(self, draft: ItemDraft) -> None:
        self.error_label.hide()
        for edit, text in (
            (self.code_edit, draft.code),
            (self.name_zh_edit, draft.name_zh),
            (self.name_en_edit, draft.name_en),
            (self.unit_zh_edit, draft.unit_zh),
            (self.unit_en_edit, draft.unit_en),
        ):
            edit.setText(text)
            edit.setCursorPosition(0)
        index = self.category_box.findData(draft.category_id)
        self.category_box.setCurrentIndex(max(index, 0))
        for station_id, button in self.station_buttons.items():
            button.setChecked(station_id == draft.station_id)
        for course, button in self.course_buttons.items():
            button.setChecked(course == draft.course)
        self.weighed_button.setChecked(draft.weighed)
        self.market_button.setChecked(draft.market_price)
        self.sold_out_button.setChecked(draft.sold_out)
        for group_id, button in self.group_buttons.items():
            button.setChecked(group_id in draft.option_group_ids)
        self._groups_in_order = list(draft.option_group_ids)
        self._components = draft.components
        self.price_pad.set_value(
            f"{draft.price_fen // 100}.{draft.price_fen % 100:02d}" if draft.price_fen else ""
        )

    # -- what the form holds ----------------------------------------------------------------

    def draft(self) -> ItemDraft:
        """The dish as the form describes it (the price is read from the pad)."""
        stations = [sid for sid, b in self.station_buttons.items() if b.isChecked()]
        course = next((c for c, b in self.course_buttons.items() if b.isChecked()), "")
        checked = [gid for gid, b in self.group_buttons.items() if b.isChecked()]
        groups = [gid for gid in self._groups_in_order if gid in checked]
        groups += [gid for gid in checked if gid not in groups]
        return ItemDraft(
            code=self.code_edit.text(),
            name_zh=self.name_zh_edit.text(),
            name_en=self.name_en_edit.text(),
            category_id=self.category_box.currentData() or 0,
            station_id=stations[0] if stations else 0,
            price_fen=parse_yuan(self.price_pad.value()),
            unit_zh=self.unit_zh_edit.text(),
            unit_en=self.unit_en_edit.text(),
            course=course,
            weighed=self.weighed_button.isChecked(),
            market_price=self.market_button.isChecked(),
            sold_out=self.sold_out_button.isChecked(),
            option_group_ids=tuple(groups),
            components=self._components,
        )

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() else ""

    def save(self) -> None:
        """Add the dish, or save the changes to it."""
        session = self._session
        item = self.item

        def action() -> MenuChanges:
            if not self.price_pad.value():
                raise InvalidInput(N_("Enter the price on the number pad."))
            draft = self.draft()
            if item is None:
                return menu_admin.add_item(session.ctx, draft, staff_id=session.staff_id)
            return menu_admin.update_item(
                session.ctx, item_id=item.item_id, draft=draft, staff_id=session.staff_id
            )

        changes = session.run(action, on_error=self.show_error)
        if changes is not None:
            self.error_label.hide()
            self.saved.emit(changes)

    def take_off_or_back(self) -> None:
        """Take the dish off the menu, or offer a deactivated one again."""
        item = self.item
        if item is None:
            self.closed.emit()
            return
        ctx = self._session.ctx
        if item.active:
            changes = self._session.run(
                lambda: menu_admin.deactivate_item(ctx, item_id=item.item_id),
                on_error=self.show_error,
            )
        else:
            changes = self._session.run(
                lambda: menu_admin.reactivate_item(ctx, item_id=item.item_id),
                on_error=self.show_error,
            )
        if changes is not None:
            self.saved.emit(changes)

    # -- language ---------------------------------------------------------------------------

    def _retranslate(self) -> None:
        tr = self._session.tr
        language = self._session.language
        self.back_button.setText(tr("‹ Dishes"))
        if self.item is None:
            self.heading.setText(tr("New dish"))
        else:
            name = language.pick(self.item.draft.name_zh, self.item.draft.name_en)
            self.heading.setText(tr("Dish: {dish}").format(dish=name))
        texts = {
            "code": tr("Code"),
            "name_zh": tr("Chinese name"),
            "name_en": tr("English name"),
            "category": tr("Category"),
            "unit": tr("Unit (zh / en)"),
            "station": tr("Kitchen station"),
            "course": tr("Course"),
            "kind": tr("Sold as"),
            "groups": tr("Options asked"),
            "set": tr("Set meal dishes"),
        }
        for key, label in self.labels.items():
            label.setText(texts[key])
        self.price_label.setText(tr("Price (yuan)"))
        self.price_pad.set_language(language)
        self.save_button.setText(tr("Save"))
        if self.item is None:
            self.deactivate_button.setText(tr("Cancel"))
        elif self.item.active:
            self.deactivate_button.setText(tr("Take off the menu"))
        else:
            self.deactivate_button.setText(tr("Back on the menu"))
        self._retranslate_choices()

    def _retranslate_choices(self) -> None:
        tr = self._session.tr
        language = self._session.language
        for course, button in self.course_buttons.items():
            button.setText(tr(COURSE_LABELS.get(course, course)))
        self.weighed_button.setText(tr("Weighed"))
        self.market_button.setText(tr("Market price"))
        self.sold_out_button.setText(tr("Sold out"))
        book = self._book
        if book is None:
            return
        for category_index, category in enumerate(book.categories):
            self.category_box.setItemText(
                category_index, language.pick(category.name_zh, category.name_en)
            )
        for station in book.stations:
            self.station_buttons[station.station_id].setText(
                language.pick(station.name_zh, station.name_en)
            )
        for group in book.groups:
            self.group_buttons[group.group_id].setText(language.pick(group.name_zh, group.name_en))
        names = {item.item_id: item for item in book.items}
        dishes = []
        for component_id, quantity in self._components:
            component = names.get(component_id)
            if component is not None:
                name = language.pick(component.draft.name_zh, component.draft.name_en)
                dishes.append(f"{name} ×{quantity}")
        self.set_dishes.setText("、".join(dishes) if language.is_chinese else ", ".join(dishes))
        self.labels["set"].setVisible(bool(dishes))
        self.set_dishes.setVisible(bool(dishes))
        self.market_button.setEnabled(True)
        self.weighed_button.setEnabled(not self._components)

    def retranslate(self) -> None:
        self._retranslate()


# -- the panel -------------------------------------------------------------------------------


class MenuEditorPanel(QWidget):
    """Categories, their dishes (price, 估清 toggle), the dish form, CSV import and export."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.book: MenuBook = menu_admin.menu_book(session.ctx)
        self._category_id: int | None = None
        self._columns = 2
        self.category_buttons: dict[int, TouchButton] = {}
        self.dish_buttons: dict[int, DishButton] = {}
        self.sold_out_buttons: dict[int, TouchButton] = {}
        self.file_dialog: QFileDialog | None = None
        self.dialog: QDialog | None = None

        # the tools along the top and the messages under them
        self.new_dish_button = TouchButton()
        self.import_button = TouchButton()
        self.export_button = TouchButton()
        for button in (self.new_dish_button, self.import_button, self.export_button):
            button.setObjectName("tool")
        self.new_dish_button.clicked.connect(self.new_item)
        self.import_button.clicked.connect(self.choose_import_file)
        self.export_button.clicked.connect(self.choose_export_file)
        self.message = MessageBar()
        self.problems = QLabel(objectName="problems")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.problems_close = TouchButton()
        self.problems_close.setObjectName("tool")
        self.problems_close.clicked.connect(self.hide_problems)
        self.problems_area = _scrolling(self.problems)
        self.problems_area.setMaximumHeight(200)
        self.problems_box = QWidget()
        problems_row = QHBoxLayout(self.problems_box)
        problems_row.setContentsMargins(0, 0, 0, 0)
        problems_row.addWidget(self.problems_area, 1)
        problems_row.addWidget(self.problems_close, 0, Qt.AlignmentFlag.AlignTop)
        self.problems_box.hide()

        # left: the categories and what can be done to the chosen one
        self._category_list = QWidget()
        self._category_layout = QVBoxLayout(self._category_list)
        self._category_layout.setContentsMargins(0, 0, 0, 0)
        self._category_layout.setSpacing(6)
        self._category_layout.addStretch(1)
        self.category_area = _scrolling(self._category_list)
        self.up_button = TouchButton("▲")
        self.down_button = TouchButton("▼")
        self.rename_button = TouchButton()
        self.remove_category_button = TouchButton()
        self.new_category_button = TouchButton()
        for button in (
            self.up_button,
            self.down_button,
            self.rename_button,
            self.remove_category_button,
            self.new_category_button,
        ):
            button.setObjectName("tool")
        self.remove_category_button.setObjectName("danger")
        self.up_button.clicked.connect(lambda: self.move_category(-1))
        self.down_button.clicked.connect(lambda: self.move_category(+1))
        self.rename_button.clicked.connect(self.rename_category)
        self.remove_category_button.clicked.connect(self.ask_remove_category)
        self.new_category_button.clicked.connect(self.add_category)
        category_tools = QGridLayout()
        category_tools.setSpacing(6)
        category_tools.addWidget(self.up_button, 0, 0)
        category_tools.addWidget(self.down_button, 0, 1)
        category_tools.addWidget(self.rename_button, 1, 0)
        category_tools.addWidget(self.remove_category_button, 1, 1)
        category_tools.addWidget(self.new_category_button, 2, 0, 1, 2)
        self.categories_box = QWidget()
        self.categories_box.setFixedWidth(CATEGORY_WIDTH)
        categories = QVBoxLayout(self.categories_box)
        categories.setContentsMargins(0, 0, 0, 0)
        categories.addWidget(self.category_area, 1)
        categories.addLayout(category_tools)

        # right: the dishes of the category, or the form of one dish
        self._dish_grid_box = QWidget()
        self._dish_grid = QGridLayout(self._dish_grid_box)
        self._dish_grid.setContentsMargins(0, 0, 0, 0)
        self._dish_grid.setSpacing(8)
        self._dish_grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.dish_area = _scrolling(self._dish_grid_box)
        self.dish_area.width_changed.connect(self._fit_columns)
        self.empty_label = QLabel(objectName="empty")
        self.empty_label.setWordWrap(True)
        tools = QHBoxLayout()
        tools.addWidget(self.new_dish_button)
        tools.addStretch(1)
        tools.addWidget(self.import_button)
        tools.addWidget(self.export_button)
        dishes = QVBoxLayout()
        dishes.addWidget(self.empty_label)
        dishes.addWidget(self.dish_area, 1)
        body = QHBoxLayout()
        body.setSpacing(10)
        body.addWidget(self.categories_box)
        body.addLayout(dishes, 1)
        dishes_page = QWidget()
        page = QVBoxLayout(dishes_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(8)
        page.addLayout(tools)
        page.addWidget(self.problems_box)
        page.addLayout(body, 1)
        # the dish form takes the whole panel: on a 1024×768 screen its pad needs the height
        self.form = ItemForm(session)
        self.form.saved.connect(self._form_saved)
        self.form.closed.connect(self.show_dishes)
        self.pages = QStackedWidget()
        self.pages.addWidget(dishes_page)
        self.pages.addWidget(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)

        session.changed.connect(self._changed)
        session.language_changed.connect(self._retranslate)
        session.style_changed.connect(self._restyle)
        self._restyle()
        self.form.set_book(self.book)
        self._build_categories()
        first = self.book.categories[0].category_id if self.book.categories else None
        self.show_category(first)
        self._retranslate()

    # -- categories -------------------------------------------------------------------------

    def _build_categories(self) -> None:
        for button in self.category_buttons.values():
            self._category_layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.category_buttons.clear()
        for index, category in enumerate(self.book.categories):
            button = TouchButton()
            button.setObjectName("category")
            button.setCheckable(True)
            button.setProperty("empty", category.active_items == 0)
            button.clicked.connect(lambda _=False, c=category.category_id: self.show_category(c))
            self._category_layout.insertWidget(index, button)
            button.show()
            self.category_buttons[category.category_id] = button
        self._name_categories()

    def _name_categories(self) -> None:
        """Each category with its number of offered dishes; a long name puts the number on
        a second line rather than being cut."""
        language = self._session.language
        room = CATEGORY_WIDTH - SCROLLBAR_PX - 28
        line = round(self._session.px(17) * 1.35)
        for category in self.book.categories:
            button = self.category_buttons.get(category.category_id)
            if button is None:
                continue
            name = language.pick(category.name_zh, category.name_en)
            text = f"{name} ({language.number(category.active_items)})"
            if button.fontMetrics().horizontalAdvance(text) > room:
                text = f"{name}\n({language.number(category.active_items)})"
                button.setFixedHeight(max(NORMAL_PX, 2 * line + 12))
            else:
                button.setFixedHeight(max(NORMAL_PX, line + 20))
            button.setText(text)

    def show_category(self, category_id: int | None) -> None:
        """The dishes of one category, offered ones first, then those taken off the menu."""
        self._category_id = category_id
        for cid, button in self.category_buttons.items():
            button.setChecked(cid == category_id)
        self._build_dishes()
        self.show_dishes()

    def move_category(self, step: int) -> None:
        category_id = self._category_id
        if category_id is None:
            return
        self._session.run(
            lambda: menu_admin.move_category(self._session.ctx, category_id=category_id, step=step),
            on_error=self.message.show_error,
        )

    def add_category(self) -> None:
        self._open_category_dialog(None)

    def rename_category(self) -> None:
        if self._category_id is not None:
            self._open_category_dialog(self._category_id)

    def _open_category_dialog(self, category_id: int | None) -> None:
        dialog = CategoryDialog(self._session, self, category_id)
        category = next((c for c in self.book.categories if c.category_id == category_id), None)
        if category is not None:
            dialog.name_zh_edit.setText(category.name_zh)
            dialog.name_en_edit.setText(category.name_en)
        self.dialog = dialog
        dialog.open()

    def ask_remove_category(self) -> None:
        """Confirm, then take every dish of the chosen category off the menu."""
        category = next(
            (c for c in self.book.categories if c.category_id == self._category_id), None
        )
        if category is None:
            return
        tr = self._session.tr
        name = self._session.language.pick(category.name_zh, category.name_en)
        dialog = ConfirmDialog(
            self,
            self._session.language,
            tr("Take {category} off the menu?").format(category=name),
            tr("All its dishes leave the order screen. You can put them back one by one."),
            self._session.px,
        )
        category_id = category.category_id
        dialog.accepted.connect(
            lambda: self._session.run(
                lambda: menu_admin.deactivate_category(self._session.ctx, category_id=category_id),
                on_error=self.message.show_error,
            )
        )
        self.dialog = dialog
        dialog.open()

    # -- dishes -----------------------------------------------------------------------------

    def _items(self) -> list[ItemView]:
        items = self.book.items_in(self._category_id) if self._category_id is not None else []
        return [i for i in items if i.active] + [i for i in items if not i.active]

    def _build_dishes(self) -> None:
        for widget in [*self.dish_buttons.values(), *self.sold_out_buttons.values()]:
            self._dish_grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.dish_buttons.clear()
        self.sold_out_buttons.clear()
        for item in self._items():
            button = DishButton(self._dish_grid_box)
            button.setProperty("inactive", not item.active)
            button.clicked.connect(lambda _=False, i=item.item_id: self.edit_item(i))
            sold_out = TouchButton(parent=self._dish_grid_box)
            sold_out.setObjectName("soldOut")
            sold_out.setCheckable(True)
            sold_out.setChecked(item.draft.sold_out)
            sold_out.setEnabled(item.active)
            sold_out.setMinimumWidth(88)
            sold_out.clicked.connect(lambda checked, i=item.item_id: self.set_sold_out(i, checked))
            self.dish_buttons[item.item_id] = button
            self.sold_out_buttons[item.item_id] = sold_out
        self._place_dishes()
        self._name_dishes()
        self._size_dishes()

    def _size_dishes(self) -> None:
        """Rows follow the font size and the language: an English name may take two lines."""
        px = self._session.px
        line = round(px(17) * 1.35)
        lines = 1 if self._session.language.is_chinese else 2
        height = max(64, line * lines + round(px(16) * 1.4) + 20)
        for item_id, button in self.dish_buttons.items():
            button.setFixedHeight(height)
            self.sold_out_buttons[item_id].setFixedHeight(height)
        self._fit_list_height()

    def _place_dishes(self) -> None:
        for widget in [*self.dish_buttons.values(), *self.sold_out_buttons.values()]:
            self._dish_grid.removeWidget(widget)
        for column in range(self._dish_grid.columnCount()):
            self._dish_grid.setColumnStretch(column, 0)
        for index, item in enumerate(self._items()):
            row, column = divmod(index, self._columns)
            for offset, widget in enumerate(
                (self.dish_buttons[item.item_id], self.sold_out_buttons[item.item_id])
            ):
                self._dish_grid.addWidget(widget, row, 2 * column + offset)
                widget.show()  # now, not later: the list's height counts it
            self._dish_grid.setColumnStretch(2 * column, 1)
        self._fit_list_height()

    def _fit_list_height(self) -> None:
        """The list as tall as its rows, so that it scrolls instead of squeezing them."""
        self._dish_grid.activate()
        self._dish_grid_box.setMinimumHeight(self._dish_grid.minimumSize().height())

    def _fit_columns(self, width: int) -> None:
        columns = max(1, width // ROW_MIN_WIDTH)
        if columns != self._columns:
            self._columns = columns
            self._place_dishes()

    def _name_dishes(self) -> None:
        tr = self._session.tr
        language = self._session.language
        for item in self._items():
            draft = item.draft
            unit = short_unit(language.pick(draft.unit_zh, draft.unit_en))
            price = tr("{price}/{unit}").format(price=language.money(draft.price_fen), unit=unit)
            if draft.market_price:
                market = tr("Market price")
                price = f"{market} {price}"
            detail = f"{draft.code} · {price}"
            if not item.active:
                off = tr("Off the menu")
                detail = f"{detail} · {off}"
            self.dish_buttons[item.item_id].set_texts(
                language.pick(draft.name_zh, draft.name_en), detail
            )
            self.sold_out_buttons[item.item_id].setText(tr("Sold out"))
        if self._category_id is None:
            self.empty_label.setText(tr("Add a category to start the menu."))
        else:
            self.empty_label.setText(tr("No dishes in this category yet. Tap “New dish”."))
        self.empty_label.setVisible(not self.dish_buttons)

    def set_sold_out(self, item_id: int, sold_out: bool) -> None:
        """估清 in one tap (or back on sale)."""
        done = self._session.run(
            lambda: menu_admin.set_sold_out(self._session.ctx, item_id=item_id, sold_out=sold_out),
            on_error=self.message.show_error,
        )
        if done is None and item_id in self.sold_out_buttons:
            self.sold_out_buttons[item_id].setChecked(not sold_out)

    def edit_item(self, item_id: int) -> None:
        """Open the form of a dish."""
        item = self.book.item(item_id)
        if item is None:
            return
        self.form.edit(item)
        self._show_form()

    def new_item(self) -> None:
        """Open an empty form for a new dish in the chosen category."""
        ctx = self._session.ctx
        code = self._session.run(lambda: menu_admin.suggest_code(ctx, self._category_id)) or ""
        self.form.new(self._category_id, code)
        self._show_form()

    def _show_form(self) -> None:
        self.pages.setCurrentWidget(self.form)

    def show_dishes(self) -> None:
        self.pages.setCurrentIndex(0)

    def showing_form(self) -> bool:
        return self.pages.currentWidget() is self.form

    def _form_saved(self, changes: MenuChanges) -> None:
        item = self.book.item(changes.item_id) if changes.item_id else None
        if item is not None:
            name = self._session.language.pick(item.draft.name_zh, item.draft.name_en)
            self.message.show_info(self._session.tr("{dish} saved.").format(dish=name))
        if changes.category_id is not None and changes.category_id != self._category_id:
            self.show_category(changes.category_id)
        else:
            self.show_dishes()

    # -- CSV --------------------------------------------------------------------------------

    def choose_import_file(self) -> None:
        dialog = self._file_dialog(self._session.tr("Import the menu from a CSV file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.import_csv)
        dialog.open()

    def choose_export_file(self) -> None:
        dialog = self._file_dialog(self._session.tr("Export the menu to a CSV file"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.selectFile("menu.csv")
        dialog.fileSelected.connect(self.export_csv)
        dialog.open()

    def _file_dialog(self, title: str) -> QFileDialog:
        dialog = QFileDialog(self, title, str(Path.home()), "CSV (*.csv)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setStyleSheet(f"* {{ font-size: {self._session.px(17)}px; }}")
        dialog.resize(900, 600)
        self.file_dialog = dialog
        return dialog

    def import_csv(self, path: str | Path) -> MenuChanges | None:
        """Import a menu CSV: all of it, or nothing and the wrong rows listed by line."""
        self.hide_problems()
        session = self._session
        changes = session.run(
            lambda: menu_csv.import_csv(session.ctx, path, staff_id=session.staff_id),
            on_error=self._show_problems,
        )
        if changes is not None:
            self.message.show_info(
                session.tr("Menu imported: {added} new dishes, {updated} changed.").format(
                    added=session.language.number(changes.added),
                    updated=session.language.number(changes.updated),
                )
            )
        return changes

    def export_csv(self, path: str | Path) -> int | None:
        """Write every offered dish to a CSV file."""
        session = self._session
        count = session.run(
            lambda: menu_csv.export_csv(session.ctx, path), on_error=self.message.show_error
        )
        if count is not None:
            self.message.show_info(
                session.tr("{count} dishes exported to {file}.").format(
                    count=session.language.number(count), file=Path(path).name
                )
            )
        return count

    def _show_problems(self, text: str) -> None:
        self.problems.setText(text)
        self.problems_box.show()

    def hide_problems(self) -> None:
        self.problems.clear()
        self.problems_box.hide()

    def problems_text(self) -> str:
        return self.problems.text() if self.problems_box.isVisibleTo(self) else ""

    # -- refreshing -------------------------------------------------------------------------

    def _changed(self, changes: object) -> None:
        if isinstance(changes, MenuChanges):
            self.reload()

    def reload(self) -> None:
        """Read the menu again and show it, the chosen category and form kept."""
        book = self._session.run(lambda: menu_admin.menu_book(self._session.ctx))
        if book is None:
            return
        same_categories = [c.category_id for c in book.categories] == [
            c.category_id for c in self.book.categories
        ]
        self.book = book
        self.form.set_book(book)
        if same_categories:
            for category in book.categories:
                button = self.category_buttons[category.category_id]
                button.setProperty("empty", category.active_items == 0)
                _repolish(button)
            self._name_categories()
        else:
            self._build_categories()
        known = {c.category_id for c in book.categories}
        if self._category_id not in known:
            self._category_id = book.categories[0].category_id if book.categories else None
        for cid, button in self.category_buttons.items():
            button.setChecked(cid == self._category_id)
        self._build_dishes()

    def _retranslate(self, *_: object) -> None:
        tr = self._session.tr
        self.new_dish_button.setText(tr("+ New dish"))
        self.import_button.setText(tr("Import CSV"))
        self.export_button.setText(tr("Export CSV"))
        self.rename_button.setText(tr("Rename"))
        self.remove_category_button.setText(tr("Take off"))
        self.new_category_button.setText(tr("+ New category"))
        self.problems_close.setText(tr("Close"))
        self.hide_problems()  # an old list would stay in the old language
        self.message.dismiss()
        self.form.retranslate()
        self._name_categories()
        self._name_dishes()
        self._size_dishes()

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(_style(px))
        self.message.restyle(px)
        self.form.price_pad.restyle(px)
        self._size_dishes()
        self._name_categories()
