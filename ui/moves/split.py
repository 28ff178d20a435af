"""Split 拆单: tap dishes into new bills on the same table, or split the total evenly
(AA 均分) into shares that are paid one by one."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import split_evenly
from app.services import queries, seating
from app.services.seating import MAX_SPLIT_PARTS
from ui.moves.base import Dish, DishList, MoveDialog, dishes_of, step_button
from ui.session import UiSession
from ui.widgets import TouchButton

MAX_NEW_BILLS = 8
CHIP_COLUMNS = 3
SHARE_COLUMNS = 4
QUICK_PARTS = (2, 3, 4, 5, 6, 8, 10)


@dataclass
class NewBill:
    """A bill being made: the dishes tapped into it and the guests who go with it."""

    line_ids: list[int] = field(default_factory=list)
    guests: int = 0


class SplitDialog(MoveDialog):
    """Two ways to split, chosen at the top.

    By dishes: the bill's dishes on the left; tap one to move it to the chosen new bill on
    the right ("Bill 2", "Bill 3", + New bill), tap it there to bring it back.
    Evenly: − / + the number of shares (the guests to start with); each share's amount is
    shown before Confirm.
    """

    def __init__(self, session: UiSession, bill_id: int, parent: QWidget | None = None) -> None:
        super().__init__(session, bill_id, parent)
        self.by_dishes = True
        self.dishes: list[Dish] = dishes_of(self.view)
        self.new_bills: list[NewBill] = []
        self.current = -1  # index of the new bill that takes tapped dishes
        self.parts = min(MAX_SPLIT_PARTS, max(2, self.view.guests))

        self.dishes_button = TouchButton(size="main")
        self.evenly_button = TouchButton(size="main")
        modes = QButtonGroup(self)
        for button in (self.dishes_button, self.evenly_button):
            button.setObjectName("mode")
            button.setCheckable(True)
            modes.addButton(button)
        self.dishes_button.clicked.connect(lambda: self.set_by_dishes(True))
        self.evenly_button.clicked.connect(lambda: self.set_by_dishes(False))
        top = QHBoxLayout()
        top.addWidget(self.dishes_button)
        top.addWidget(self.evenly_button)
        top.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_dishes_page())
        self.pages.addWidget(self._build_even_page())
        self.body.addLayout(top)
        self.body.addWidget(self.pages, 1)
        self.add_new_bill()
        self.set_by_dishes(True)

    # -- by dishes ----------------------------------------------------------------------------

    def _build_dishes_page(self) -> QWidget:
        self.original_heading = QLabel(objectName="heading")
        self.original_heading.setWordWrap(True)
        self.original_list = DishList()
        left = QVBoxLayout()
        left.addWidget(self.original_heading)
        left.addWidget(self.original_list, 1)

        self.chip_grid = QGridLayout()
        self.chip_grid.setSpacing(8)
        self.chips: list[TouchButton] = []
        self.chip_group = QButtonGroup(self)
        self.new_bill_button = TouchButton(size="main")
        self.new_bill_button.setObjectName("chip")
        self.new_bill_button.clicked.connect(self.add_new_bill)
        self.guests_title = QLabel()
        self.fewer_guests_button = step_button("−")
        self.more_guests_button = step_button("+")
        self.guests_label = QLabel(objectName="big")
        self.guests_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fewer_guests_button.clicked.connect(lambda: self.change_guests(-1))
        self.more_guests_button.clicked.connect(lambda: self.change_guests(+1))
        guests_row = QHBoxLayout()
        guests_row.addWidget(self.guests_title)
        guests_row.addStretch(1)
        guests_row.addWidget(self.fewer_guests_button)
        guests_row.addWidget(self.guests_label)
        guests_row.addWidget(self.more_guests_button)
        self.new_list = DishList()
        right = QVBoxLayout()
        right.addLayout(self.chip_grid)
        right.addLayout(guests_row)
        right.addWidget(self.new_list, 1)

        page = QWidget()
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        return page

    def add_new_bill(self) -> None:
        """Another new bill ("Bill 3" …), chosen to take the next dishes tapped."""
        if len(self.new_bills) >= MAX_NEW_BILLS:
            return
        spare = self.view.guests - 1 - sum(bill.guests for bill in self.new_bills)
        self.new_bills.append(NewBill(guests=1 if spare >= 1 else 0))
        chip = TouchButton(size="main")
        chip.setObjectName("chip")
        chip.setCheckable(True)
        index = len(self.chips)
        chip.clicked.connect(lambda _=False, i=index: self.choose_new_bill(i))
        self.chip_group.addButton(chip)
        self.chips.append(chip)
        self._lay_out_chips()
        self.choose_new_bill(index)

    def choose_new_bill(self, index: int) -> None:
        """The new bill that tapped dishes go to, shown on the right."""
        self.current = index
        self.chips[index].setChecked(True)
        self._show_split()

    def move_to_new_bill(self, line_id: int) -> None:
        """A dish tapped on the left goes to the chosen new bill."""
        if self.current < 0:
            self.add_new_bill()
        self.new_bills[self.current].line_ids.append(line_id)
        self._show_split()

    def move_back(self, line_id: int) -> None:
        """A dish tapped on the right goes back to the original bill."""
        for bill in self.new_bills:
            if line_id in bill.line_ids:
                bill.line_ids.remove(line_id)
        self._show_split()

    def change_guests(self, step: int) -> None:
        """− / + the guests who go with the chosen new bill (its seat fee follows)."""
        if self.current < 0:
            return
        bill = self.new_bills[self.current]
        bill.guests = max(0, min(self._most_guests(self.current), bill.guests + step))
        self._show_split()

    def _most_guests(self, index: int) -> int:
        """At least one guest stays with the original bill."""
        others = sum(b.guests for i, b in enumerate(self.new_bills) if i != index)
        return max(0, self.view.guests - 1 - others)

    def _moved(self) -> set[int]:
        return {line for bill in self.new_bills for line in bill.line_ids}

    def _lay_out_chips(self) -> None:
        cells = [*self.chips]
        if len(self.new_bills) < MAX_NEW_BILLS:
            cells.append(self.new_bill_button)
        self.new_bill_button.setVisible(len(self.new_bills) < MAX_NEW_BILLS)
        for index, widget in enumerate(cells):
            self.chip_grid.addWidget(widget, index // CHIP_COLUMNS, index % CHIP_COLUMNS)

    def _show_split(self) -> None:
        lang = self.language
        moved = self._moved()
        staying = [dish for dish in self.dishes if dish.line_id not in moved]
        self.original_list.show_dishes(staying, lang, self.move_to_new_bill)
        self.original_heading.setText(
            f"{self._bill_name(1)} · {lang.money(sum(d.amount_fen for d in staying))}"
        )
        by_id = {dish.line_id: dish for dish in self.dishes}
        for index, (chip, bill) in enumerate(zip(self.chips, self.new_bills, strict=True)):
            amount = sum(by_id[line].amount_fen for line in bill.line_ids)
            chip.setText(f"{self._bill_name(index + 2)}\n{lang.money(amount)}")
        current = self.new_bills[self.current] if self.current >= 0 else None
        self.new_list.show_dishes(
            [by_id[line] for line in current.line_ids] if current else [], lang, self.move_back
        )
        self.new_list.retranslate(lang, self.gettext("Tap dishes on the left to move them here."))
        for widget in (self.guests_title, self.guests_label):
            widget.setVisible(current is not None)
        self.fewer_guests_button.setVisible(current is not None)
        self.more_guests_button.setVisible(current is not None)
        if current is not None:
            self.guests_label.setText(lang.number(current.guests))
            self.fewer_guests_button.setEnabled(current.guests > 0)
            self.more_guests_button.setEnabled(current.guests < self._most_guests(self.current))
        self._update_confirm()

    def _bill_name(self, number: int) -> str:
        return self.gettext("Bill {number}").format(number=self.language.number(number))

    def _split_by_dishes(self) -> None:
        """Every new bill in one action: all are made, or none (the reason is shown)."""
        ctx = self.session.ctx
        planned = [bill for bill in self.new_bills if bill.line_ids]
        parts = [(list(bill.line_ids), bill.guests) for bill in planned]
        changes = self.run(lambda: seating.split_bill_into(ctx, bill_id=self.bill_id, parts=parts))
        if changes is None:
            self._reload(planned)
            return
        self.finish(changes)

    def _reload(self, still_to_do: list[NewBill]) -> None:
        """Read the bill again; the new bills not made yet stay as they were tapped."""
        error = self.error_label.text()
        self.view = queries.bill_view(self.session.ctx, self.bill_id)
        self.dishes = dishes_of(self.view)
        known = {dish.line_id for dish in self.dishes}
        for chip in self.chips:
            self.chip_group.removeButton(chip)
            chip.deleteLater()
        self.chips, self.new_bills, self.current = [], [], -1
        for old in still_to_do:
            self.add_new_bill()
            self.new_bills[-1].line_ids = [line for line in old.line_ids if line in known]
            self.new_bills[-1].guests = min(old.guests, self._most_guests(len(self.new_bills) - 1))
        if not self.new_bills:
            self.add_new_bill()
        self._retranslate()
        self.show_error(error)

    # -- evenly -------------------------------------------------------------------------------

    def _build_even_page(self) -> QWidget:
        self.total_label = QLabel(objectName="figure")
        self.parts_title = QLabel()
        self.fewer_parts_button = step_button("−")
        self.more_parts_button = step_button("+")
        self.parts_label = QLabel(objectName="big")
        self.parts_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fewer_parts_button.clicked.connect(lambda: self.set_parts(self.parts - 1))
        self.more_parts_button.clicked.connect(lambda: self.set_parts(self.parts + 1))
        parts_row = QHBoxLayout()
        parts_row.addWidget(self.total_label)
        parts_row.addStretch(1)
        parts_row.addWidget(self.parts_title)
        parts_row.addWidget(self.fewer_parts_button)
        parts_row.addWidget(self.parts_label)
        parts_row.addWidget(self.more_parts_button)
        quick_row = QHBoxLayout()
        self.quick_parts: dict[int, TouchButton] = {}
        for parts in QUICK_PARTS:
            button = TouchButton(size="main")
            button.setObjectName("chip")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, n=parts: self.set_parts(n))
            quick_row.addWidget(button)
            self.quick_parts[parts] = button
        quick_row.addStretch(1)
        self.share_grid = QGridLayout()
        self.share_grid.setSpacing(8)
        self.share_labels: list[QLabel] = []
        shares = QWidget()
        shares_layout = QVBoxLayout(shares)
        shares_layout.setContentsMargins(0, 0, 0, 0)
        shares_layout.addLayout(self.share_grid)
        shares_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(shares)
        self.even_note = QLabel(objectName="hint")
        self.even_note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(parts_row)
        layout.addLayout(quick_row)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.even_note)
        return page

    def set_parts(self, parts: int) -> None:
        """How many equal shares: 2 to 50."""
        self.parts = max(2, min(MAX_SPLIT_PARTS, parts))
        self._show_shares()

    def shares(self) -> list[int]:
        """Each share's amount in fen, as the service will make them: the first shares take
        the odd fen, so they add up to the total exactly."""
        return split_evenly(max(0, self.view.breakdown.total), self.parts)

    def _show_shares(self) -> None:
        lang = self.language
        self.total_label.setText(
            self.gettext("Total {amount}").format(amount=lang.money(self.view.breakdown.total))
        )
        self.parts_label.setText(lang.number(self.parts))
        for parts, button in self.quick_parts.items():
            button.setText(lang.number(parts))
            button.setChecked(parts == self.parts)
        self.fewer_parts_button.setEnabled(self.parts > 2)
        self.more_parts_button.setEnabled(self.parts < MAX_SPLIT_PARTS)
        amounts = self.shares()
        while len(self.share_labels) < len(amounts):
            label = QLabel(objectName="share")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            index = len(self.share_labels)
            self.share_grid.addWidget(label, index // SHARE_COLUMNS, index % SHARE_COLUMNS)
            self.share_labels.append(label)
        for index, label in enumerate(self.share_labels):
            label.setVisible(index < len(amounts))
            if index < len(amounts):
                share = self.gettext("Share {number}").format(number=lang.number(index + 1))
                label.setText(f"{share}\n{lang.money(amounts[index])}")
        self._update_confirm()

    def _split_evenly(self) -> None:
        ctx, parts = self.session.ctx, self.parts
        changes = self.run(
            lambda: seating.split_bill_evenly(ctx, bill_id=self.bill_id, parts=parts)
        )
        if changes is not None:
            self.finish(changes)

    # -- both ---------------------------------------------------------------------------------

    def set_by_dishes(self, by_dishes: bool) -> None:
        self.by_dishes = by_dishes
        self.dishes_button.setChecked(by_dishes)
        self.evenly_button.setChecked(not by_dishes)
        self.pages.setCurrentIndex(0 if by_dishes else 1)
        self.clear_error()
        self._retranslate()

    def confirm(self) -> None:
        if self.by_dishes:
            self._split_by_dishes()
        else:
            self._split_evenly()

    def _update_confirm(self) -> None:
        if not self.by_dishes:
            self.confirm_button.setEnabled(True)
            return
        moved = self._moved()
        something_moved = bool(moved)
        something_stays = any(dish.line_id not in moved for dish in self.dishes)
        self.confirm_button.setEnabled(something_moved and something_stays)
        if something_moved and not something_stays:
            self.hint.setText(self.gettext("Leave at least one dish on the original bill."))
        else:
            self.hint.setText(
                self.gettext(
                    "Tap a dish to move it to the chosen new bill; tap it there to bring it back."
                )
            )

    def _retranslate(self) -> None:
        super()._retranslate()
        table = self.view.table_name
        self.setWindowTitle(self.gettext("Split the bill"))
        self.title.setText(self.gettext("Split the bill of {table}").format(table=table))
        self.dishes_button.setText(self.gettext("By dishes"))
        self.evenly_button.setText(self.gettext("Evenly"))
        self.new_bill_button.setText(self.gettext("+ New bill"))
        self.guests_title.setText(self.gettext("Guests"))
        self.parts_title.setText(self.gettext("Shares"))
        self.even_note.setText(self.gettext("Each share is a bill of its own, paid on its own."))
        if self.by_dishes:
            self._show_split()
        else:
            self.hint.setText(self.gettext("The total is split into equal shares, to the fen."))
            self._show_shares()
