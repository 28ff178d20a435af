"""Transfer 转台: the whole bill and its party to a free table, or chosen dishes to the
bill of another occupied table, picked on the mini floor plan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.table_state import TableState
from app.services import seating
from app.services.queries import TableTile
from ui.moves.base import DishList, MoveDialog, dishes_of
from ui.session import UiSession
from ui.table_picker import TablePicker
from ui.widgets import TouchButton

FREE_STATES = (TableState.FREE, TableState.RESERVED)


class TransferDialog(MoveDialog):
    """From → to: tap a table on the mini plan, then Confirm.

    "Whole bill" moves the bill and its guests to a free table; "Some dishes" moves the
    tapped dishes to the open bill of an occupied table.
    """

    def __init__(
        self,
        session: UiSession,
        bill_id: int,
        line_ids: list[int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, bill_id, parent)
        self.source_table_id = self.view.table_id
        self.dishes = dishes_of(self.view)
        known = {dish.line_id for dish in self.dishes}
        self.chosen_lines: list[int] = [line for line in line_ids or [] if line in known]
        self.whole_bill = not line_ids

        self.whole_button = TouchButton(size="main")
        self.lines_button = TouchButton(size="main")
        modes = QButtonGroup(self)
        for button in (self.whole_button, self.lines_button):
            button.setObjectName("mode")
            button.setCheckable(True)
            modes.addButton(button)
        self.whole_button.clicked.connect(lambda: self.set_whole_bill(True))
        self.lines_button.clicked.connect(lambda: self.set_whole_bill(False))
        self.route = QLabel(objectName="route")
        self.route.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.whole_button)
        top.addWidget(self.lines_button)
        top.addStretch(1)
        top.addWidget(self.route)

        self.dish_heading = QLabel(objectName="heading")
        self.dish_heading.setWordWrap(True)
        self.dish_list = DishList()
        self.dish_panel = QWidget()
        dish_layout = QVBoxLayout(self.dish_panel)
        dish_layout.setContentsMargins(0, 0, 0, 0)
        dish_layout.addWidget(self.dish_heading)
        dish_layout.addWidget(self.dish_list, 1)

        self.picker = TablePicker(session, multi=False, allowed=self._can_take)
        here = self.picker.tiles.get(self.source_table_id)
        if here is not None:
            self.picker.show_room(here.room_id)
        self.picker.selection_changed.connect(lambda _tables: self._update())
        middle = QHBoxLayout()
        middle.setSpacing(16)
        middle.addWidget(self.dish_panel, 2)
        middle.addWidget(self.picker, 3)
        self.body.addLayout(top)
        self.body.addLayout(middle, 1)
        self._show_dishes()
        self.set_whole_bill(self.whole_bill)

    # -- what the waiter taps -----------------------------------------------------------------

    def set_whole_bill(self, whole: bool) -> None:
        """Move the whole bill (to a free table) or some dishes (to an occupied one)."""
        self.whole_bill = whole
        self.whole_button.setChecked(whole)
        self.lines_button.setChecked(not whole)
        self.dish_panel.setVisible(not whole)
        self.clear_error()
        self.picker.set_allowed(self._can_take)
        self._retranslate()

    def toggle_line(self, line_id: int) -> None:
        """A dish tapped: chosen to move, or tapped again to keep it here."""
        if line_id in self.chosen_lines:
            self.chosen_lines.remove(line_id)
        else:
            self.chosen_lines.append(line_id)
        self.dish_list.rows[line_id].setChecked(line_id in self.chosen_lines)
        self._update()

    def target(self) -> int | None:
        chosen = self.picker.selected()
        return chosen[0] if chosen else None

    def confirm(self) -> None:
        target = self.target()
        if target is None:
            return
        ctx, staff_id = self.session.ctx, self.session.staff_id
        if self.whole_bill:
            changes = self.run(
                lambda: seating.transfer_bill(
                    ctx, bill_id=self.bill_id, to_table_id=target, staff_id=staff_id
                )
            )
        else:
            lines = list(self.chosen_lines)
            changes = self.run(
                lambda: seating.transfer_lines(
                    ctx, line_ids=lines, to_table_id=target, staff_id=staff_id
                )
            )
        if changes is not None:
            self.finish(changes)
        else:
            # the floor may have moved on (another terminal seated the table): show it as it is
            self.picker.refresh()
            self._update()

    # -- showing ------------------------------------------------------------------------------

    def _can_take(self, tile: TableTile) -> bool:
        if tile.table_id == self.source_table_id:
            return False
        if self.whole_bill:
            return tile.state in FREE_STATES
        return bool(tile.bill_ids)

    def _show_dishes(self) -> None:
        self.dish_list.show_dishes(
            self.dishes, self.language, self.toggle_line, checkable=True, checked=self.chosen_lines
        )

    def _update(self) -> None:
        target = self.target()
        tile = self.picker.tiles.get(target) if target is not None else None
        self.route.setText(f"{self.view.table_name} → {tile.name if tile else '?'}")
        ready = target is not None and (self.whole_bill or bool(self.chosen_lines))
        self.confirm_button.setEnabled(ready)
        self.dish_heading.setText(
            self.gettext("Dishes to move: {count}").format(
                count=self.language.number(len(self.chosen_lines))
            )
        )

    def _retranslate(self) -> None:
        super()._retranslate()
        table = self.view.table_name
        self.setWindowTitle(self.gettext("Transfer table"))
        self.title.setText(self.gettext("Transfer table {table}").format(table=table))
        self.whole_button.setText(self.gettext("Whole bill"))
        self.lines_button.setText(self.gettext("Some dishes"))
        if self.whole_bill:
            self.hint.setText(
                self.gettext("Tap a free table: the whole bill and its guests move there.")
            )
        else:
            self.hint.setText(
                self.gettext(
                    "Tap the dishes to move, then the occupied table whose bill takes them."
                )
            )
        self.dish_list.retranslate(self.language, self.gettext("There are no dishes on this bill."))
        self._update()
