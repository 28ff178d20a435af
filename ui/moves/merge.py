"""Merge 并台: other occupied tables' bills join this one and are settled together; a merge
can be undone here before payment."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.services import seating
from app.services.bills import merged_bills_into
from app.services.context import Context
from app.services.queries import TableTile
from ui.moves.base import MoveDialog, dishes_of
from ui.session import UiSession
from ui.table_picker import TablePicker
from ui.widgets import TouchButton


@dataclass(frozen=True)
class MergedParty:
    """A bill merged into this one: whose table it was and how many guests it brought."""

    bill_id: int
    table: str
    guests: int


def merged_parties(ctx: Context, bill_id: int) -> list[MergedParty]:
    """The bills merged into ``bill_id`` that can still be taken out again."""
    with ctx.reading() as session:
        return [
            MergedParty(bill.id, bill.table.name, bill.guests)
            for bill in sorted(merged_bills_into(session, bill_id), key=lambda b: b.id)
        ]


class MergeDialog(MoveDialog):
    """Tap the tables whose bills join this one, then Confirm; or undo an earlier merge."""

    def __init__(self, session: UiSession, bill_id: int, parent: QWidget | None = None) -> None:
        super().__init__(session, bill_id, parent)
        self.picker = TablePicker(session, multi=True, allowed=self._can_join)
        here = self.picker.tiles.get(self.view.table_id)
        if here is not None:
            self.picker.show_room(here.room_id)
        self.picker.selection_changed.connect(lambda _tables: self._update())

        self.joining_heading = QLabel(objectName="heading")
        self.joining_label = QLabel()
        self.joining_label.setWordWrap(True)
        self.together_label = QLabel(objectName="figure")
        self.together_label.setWordWrap(True)
        self.undo_heading = QLabel(objectName="heading")
        self.undo_buttons: dict[int, TouchButton] = {}
        self.parties = merged_parties(session.ctx, bill_id)
        side = QWidget()
        side.setMinimumWidth(260)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(8)
        side_layout.addWidget(self.joining_heading)
        side_layout.addWidget(self.joining_label)
        side_layout.addWidget(self.together_label)
        side_layout.addStretch(1)
        side_layout.addWidget(self.undo_heading)
        for party in self.parties:
            button = TouchButton(size="main")
            button.setObjectName("undo")
            button.clicked.connect(lambda _=False, b=party.bill_id: self.undo(b))
            side_layout.addWidget(button)
            self.undo_buttons[party.bill_id] = button
        self.undo_heading.setVisible(bool(self.parties))

        middle = QHBoxLayout()
        middle.setSpacing(16)
        middle.addWidget(self.picker, 3)
        middle.addWidget(side, 1)
        self.body.addLayout(middle, 1)
        self._retranslate()

    def _can_join(self, tile: TableTile) -> bool:
        return any(bill != self.bill_id for bill in tile.bill_ids)

    def bills_to_merge(self) -> list[int]:
        """The open bills of the tapped tables (a table split into several brings them all)."""
        return [
            bill
            for table in self.picker.selected()
            for bill in self.picker.tiles[table].bill_ids
            if bill != self.bill_id
        ]

    def confirm(self) -> None:
        bills = self.bills_to_merge()
        if not bills:
            return
        ctx = self.session.ctx
        changes = self.run(
            lambda: seating.merge_bills(ctx, into_bill_id=self.bill_id, bill_ids=bills)
        )
        if changes is not None:
            self.finish(changes)
        else:
            self.picker.refresh()
            self._update()

    def undo(self, merged_bill_id: int) -> None:
        """Take a merged table's bill out again, with its dishes and guests."""
        ctx = self.session.ctx
        changes = self.run(lambda: seating.unmerge_bill(ctx, bill_id=merged_bill_id))
        if changes is not None:
            self.finish(changes)

    def _update(self) -> None:
        lang = self.language
        chosen = [self.picker.tiles[table] for table in self.picker.selected()]
        guests_text = self.gettext("{guests} guests")
        rows = [
            f"{tile.name} · {guests_text.format(guests=lang.number(tile.guests))}"
            f" · {lang.money(tile.amount_fen)}"
            for tile in chosen
        ]
        self.joining_label.setText(
            "\n".join(rows) if rows else self.gettext("No table chosen yet.")
        )
        guests = self.view.guests + sum(tile.guests for tile in chosen)
        amount = sum(dish.amount_fen for dish in dishes_of(self.view)) + sum(
            tile.amount_fen for tile in chosen
        )
        self.together_label.setText(
            self.gettext("Together: {guests} guests, {amount}").format(
                guests=lang.number(guests), amount=lang.money(amount)
            )
        )
        self.together_label.setVisible(bool(chosen))
        self.confirm_button.setEnabled(bool(chosen))

    def _retranslate(self) -> None:
        super()._retranslate()
        table = self.view.table_name
        self.setWindowTitle(self.gettext("Merge tables"))
        self.title.setText(self.gettext("Merge tables into {table}").format(table=table))
        self.hint.setText(
            self.gettext("Tap the occupied tables whose bills join this one; they pay together.")
        )
        self.joining_heading.setText(self.gettext("Joining this bill"))
        self.undo_heading.setText(self.gettext("Merged into this bill"))
        lang = self.language
        guests_text = self.gettext("{guests} guests")
        undo = self.gettext("Undo merge")
        for party in self.parties:
            party_text = guests_text.format(guests=lang.number(party.guests))
            self.undo_buttons[party.bill_id].setText(f"{undo}\n{party.table} · {party_text}")
        self._update()
