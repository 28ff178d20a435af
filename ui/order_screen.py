"""The order screen (点菜): the bill's lines on the left, the menu on the right, the service
step due at the table with the line to say (the coaching strip), the action bar below —
send 落单, hold 叫起 / fire 即起, hurry 催菜, serve 划菜, void 退菜, notes, transfer 转台,
merge 并台, split 拆单, places 加减位, pre-bill 预结单, pay 结账, clear 清台.

Every rule lives in ``app.services``; this screen asks, calls one service per tap through
``session.run`` and shows the bill again (the services' ``Changes`` say when).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.domain.errors import N_, InvalidInput
from app.domain.money import MILLI
from app.services import menu_admin, ordering, payment, queries, seating
from app.services.bills import BillStatus, LineKind, LineStatus
from app.services.context import Changes
from app.services.dish_options import OptionGroupView, item_option_groups
from app.services.queries import BillView, LineView, MenuEntry
from app.services.staff import Approval
from ui.authorise import VOID_REASONS, ManagerAuthorisation, ask_manager
from ui.coaching.strip import CoachStrip
from ui.order.action_bar import ACTION_LABELS, ActionBar
from ui.order.bill_lines import BillLines, ShownLine
from ui.order.dish_dialogs import NoteDialog, NumberDialog, read_whole
from ui.order.dish_flow import DishOrder, PendingDish
from ui.order.look import screen_style
from ui.order.menu_panel import MenuPanel
from ui.session import UiSession
from ui.widgets import TouchButton

MENU_FRESH_SECONDS = 20.0
"""Showing a bill reads the menu (估清 from other terminals) when it is older than this."""

BILL_STATUS_LABELS: dict[str, str] = {
    BillStatus.PAID: N_("Paid"),
    BillStatus.MERGED: N_("Merged"),
    BillStatus.SPLIT: N_("Split"),
    BillStatus.REOPENED: N_("Reopened"),
    BillStatus.CANCELLED: N_("Cancelled"),
}
ON_THE_WAY = (LineStatus.SENT,)
VOIDABLE = (LineStatus.HELD, LineStatus.SENT, LineStatus.SERVED)
MAX_GUEST_DIGITS = 2
WIDE_SCREEN = 1400


class OrderScreen(QWidget):
    """One bill being ordered and served.

    ``show_bill(bill_id)`` shows a bill; ``back_to_floor`` when staff go back to the floor
    plan (or cleared the table); ``pay_requested(bill_id)`` when Pay is tapped;
    ``bill_opened(bill_id)`` when the screen moved on to another bill by itself (an even
    split replaced this bill by its shares).
    """

    back_to_floor = Signal()
    pay_requested = Signal(int)
    bill_opened = Signal(int)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.bill_id: int | None = None
        self._menu_read_at = float("-inf")
        self._stale = False
        self.view: BillView | None = None
        self._hold_marks: set[int] = set()
        self._option_groups: dict[int, list[OptionGroupView]] = {}
        self.dish_order: DishOrder | None = None
        self.dialog: QWidget | None = None  # the note, guests or void-quantity dialog open
        self.manager_dialog: ManagerAuthorisation | None = None
        self.move_dialog: QObject | None = None

        # top: which table, how many, who serves, how much so far
        self.back_button = TouchButton()
        self.back_button.clicked.connect(lambda: self.back_to_floor.emit())
        self.table_label = QLabel(objectName="tableName")
        self.fewer_button = TouchButton("−")
        self.more_button = TouchButton("+")
        self.fewer_button.clicked.connect(lambda: self.step_guests(-1))
        self.more_button.clicked.connect(lambda: self.step_guests(1))
        self.guests_button = TouchButton()
        self.guests_button.clicked.connect(self.ask_guests)
        self.waiter_label = QLabel()
        self.status_label = QLabel(objectName="billStatus")
        self.status_label.hide()
        self.total_label = QLabel(objectName="billTotal")
        top = QWidget(objectName="topBar")
        top.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(8, 6, 12, 6)
        top_row.setSpacing(10)
        top_row.addWidget(self.back_button)
        top_row.addWidget(self.table_label)
        top_row.addSpacing(8)
        top_row.addWidget(self.fewer_button)
        top_row.addWidget(self.guests_button)
        top_row.addWidget(self.more_button)
        top_row.addSpacing(8)
        top_row.addWidget(self.waiter_label)
        top_row.addStretch(1)
        top_row.addWidget(self.status_label)
        top_row.addWidget(self.total_label)

        # left: the bill's lines
        self.selection_label = QLabel()
        self.selection_label.setWordWrap(True)  # the button beside it keeps its words
        self.clear_selection_button = TouchButton()
        fixed = QSizePolicy.Policy.Fixed
        self.clear_selection_button.setSizePolicy(fixed, fixed)
        self.bill_lines = BillLines(session)
        self.bill_lines.selection_changed.connect(self._update_actions)
        self.bill_lines.step.connect(self.step_quantity)
        self.clear_selection_button.clicked.connect(self.bill_lines.clear_selection)
        header = QWidget(objectName="billHeader")
        header_row = QHBoxLayout(header)
        header_row.setContentsMargins(8, 0, 0, 0)
        header_row.addWidget(self.selection_label, 1)
        header_row.addWidget(self.clear_selection_button)
        bill_panel = QWidget()
        left = QVBoxLayout(bill_panel)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(4)
        left.addWidget(header)
        left.addWidget(self.bill_lines, 1)

        # right: the menu
        self.menu_panel = MenuPanel(session)
        self.menu_panel.dish_tapped.connect(self.order_dish)
        self.menu_panel.sold_out_tapped.connect(self.flip_sold_out)

        # above the actions: the service step due at this table and the line to say
        self.coach_strip = CoachStrip(session)

        # bottom: the actions
        self.action_bar = ActionBar()
        self.action_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        buttons = self.action_bar.buttons
        self.send_button = buttons["send"]
        self.hold_button = buttons["hold"]
        self.hurry_button = buttons["hurry"]
        self.serve_button = buttons["serve"]
        self.void_button = buttons["void"]
        self.note_button = buttons["note"]
        self.transfer_button = buttons["transfer"]
        self.merge_button = buttons["merge"]
        self.split_button = buttons["split"]
        self.prebill_button = buttons["prebill"]
        self.clear_button = buttons["clear"]
        self.pay_button = buttons["pay"]
        actions: dict[str, Callable[[], None]] = {
            "send": self.send,
            "hold": self.hold_or_fire,
            "hurry": self.hurry,
            "serve": self.serve,
            "void": self.void,
            "note": self.edit_note,
            "transfer": self.transfer,
            "merge": self.merge,
            "split": self.split,
            "prebill": self.pre_bill,
            "clear": self.clear_table,
            "pay": self.pay,
        }
        for action, slot in actions.items():
            buttons[action].clicked.connect(lambda _=False, s=slot: s())

        self._middle = QHBoxLayout()
        middle = self._middle
        middle.setContentsMargins(8, 8, 8, 0)
        middle.setSpacing(12)
        # the two sides share the width by their stretch, not by what their contents would like
        for side in (bill_panel, self.menu_panel):
            side.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        middle.addWidget(bill_panel, 1)
        middle.addWidget(self.menu_panel, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.coach_strip)
        layout.addWidget(self.action_bar)

        session.changed.connect(self._on_changed)
        session.language_changed.connect(self._retranslate)
        session.style_changed.connect(self._restyle)
        self.reload_menu()
        self._restyle()
        self._retranslate()

    # -- showing the bill -------------------------------------------------------------------

    def show_bill(self, bill_id: int) -> None:
        """Show a bill from the start: nothing selected, the menu's 估清 brought up to date."""
        if bill_id != self.bill_id:
            self.bill_lines.clear_selection()
            self._hold_marks.clear()
        self.bill_id = bill_id
        if time.monotonic() - self._menu_read_at > MENU_FRESH_SECONDS:
            self.reload_menu()
        self.reload()
        self.coach_strip.set_bill(bill_id)

    def showEvent(self, event) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Read the bill again and show it (a few milliseconds)."""
        if self.bill_id is None:
            return
        self._stale = False
        bill_id = self.bill_id
        view = self._session.run(lambda: queries.bill_view(self._session.ctx, bill_id))
        if view is None:
            return
        self.view = view
        cart = {line.line_id for line in view.lines if line.status == LineStatus.CART}
        self._hold_marks &= cart
        self.bill_lines.show_bill(view, self._hold_marks)
        self._show_top()
        self._update_actions()

    def reload_menu(self) -> None:
        """Read the menu again; buttons are rebuilt only when dishes came or went."""
        menu = self._session.run(lambda: queries.menu(self._session.ctx))
        if menu is None:
            return
        categories, entries = menu
        self._menu_read_at = time.monotonic()
        self.menu_panel.set_menu(categories, entries)
        self.bill_lines.set_weighed_dishes({e.name_zh for e in entries if e.weighed})
        self._option_groups.clear()

    def _on_changed(self, changes: Changes) -> None:
        if getattr(changes, "menu", False):  # 估清, prices or dishes changed: read it now
            self.reload_menu()
        if self.bill_id is not None and (
            self.bill_id in changes.bills or changes.bill_id == self.bill_id
        ):
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # read again when shown (e.g. just paid on the payment screen)

    def _show_top(self) -> None:
        view = self.view
        if view is None:
            return
        tr = self._session.tr
        language = self._session.language
        self.table_label.setText(view.table_name)
        self.guests_button.setText(
            tr("{guests} guests").format(guests=language.number(view.guests))
        )
        self.waiter_label.setText(
            tr("{label}: {value}").format(label=tr("Waiter"), value=view.waiter or "—")
        )
        status = BILL_STATUS_LABELS.get(view.status)
        self.status_label.setText(tr(status) if status else "")
        self.status_label.setVisible(status is not None)
        self.total_label.setText(
            tr("{label}: {value}").format(
                label=tr("Total"), value=language.money(view.breakdown.total)
            )
        )

    # -- what can be tapped -----------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.view is not None and self.view.status == BillStatus.OPEN

    def selected(self) -> list[ShownLine]:
        return self.bill_lines.selected_lines()

    def _items(self) -> list[LineView]:
        """The bill's dishes (not set-meal parts, voids or shares)."""
        return [line for line in self.view.lines if line.kind == LineKind.ITEM] if self.view else []

    def _hold_mode(self) -> str | None:
        """Hold when unsent dishes are chosen, fire for held ones (or all held when
        nothing is chosen), None when neither makes sense."""
        chosen = self.selected()
        if any(s.line.status == LineStatus.HELD for s in chosen):
            return "fire"
        if any(s.line.status == LineStatus.CART and not s.part for s in chosen):
            return "hold"
        if not chosen and any(line.status == LineStatus.HELD for line in self._items()):
            return "fire"
        return None

    def _single(self) -> ShownLine | None:
        chosen = self.selected()
        if len(chosen) == 1 and not chosen[0].part and chosen[0].line.kind == LineKind.ITEM:
            return chosen[0]
        return None

    def _update_actions(self) -> None:
        """Enable what makes sense for the bill and the chosen lines (the services still
        decide; their refusals are shown)."""
        tr = self._session.tr
        open_bill = self.is_open
        view = self.view
        chosen = self.selected()
        items = self._items()
        single = self._single()
        mode = self._hold_mode()
        on_the_way = any(s.line.status in ON_THE_WAY for s in chosen)
        share = bool(view and view.share_of_total)
        self.send_button.setEnabled(
            open_bill and any(line.status == LineStatus.CART for line in items)
        )
        hold_label = ACTION_LABELS[mode or "hold"]
        self.hold_button.setText(tr(hold_label))
        self.hold_button.setEnabled(open_bill and mode is not None)
        self.hurry_button.setEnabled(open_bill and on_the_way)
        self.serve_button.setEnabled(open_bill and on_the_way)
        self.void_button.setEnabled(
            open_bill and single is not None and single.line.status in VOIDABLE
        )
        self.note_button.setEnabled(
            open_bill and single is not None and single.line.status == LineStatus.CART
        )
        self.transfer_button.setEnabled(open_bill and not share)
        self.merge_button.setEnabled(open_bill and not share)
        self.split_button.setEnabled(open_bill and not share and bool(items))
        self.prebill_button.setEnabled(open_bill and bool(view and view.lines))
        self.pay_button.setEnabled(open_bill)
        self.clear_button.setEnabled(
            view is not None and (view.status == BillStatus.PAID or (open_bill and not view.lines))
        )
        for button in (self.fewer_button, self.more_button, self.guests_button):
            button.setEnabled(open_bill and not share)
        self.fewer_button.setEnabled(open_bill and not share and bool(view and view.guests > 1))
        self.menu_panel.setEnabled(open_bill and not share)
        count = len(chosen)
        self.selection_label.setText(
            tr("{count} selected").format(count=self._session.language.number(count))
            if count
            else tr("Tap a line to choose it")
        )
        self.clear_selection_button.setEnabled(bool(count))

    # -- ordering a dish --------------------------------------------------------------------

    def flip_sold_out(self, entry: MenuEntry) -> None:
        """估清 in one tap (in 估清 mode): the dish is marked sold out, or back on."""
        self._session.run(
            lambda: menu_admin.set_sold_out(
                self._session.ctx, item_id=entry.item_id, sold_out=not entry.sold_out
            )
        )

    def order_dish(self, entry: MenuEntry) -> None:
        """A dish was tapped: ask what it needs (options, weight, price), then add it."""
        if not self.is_open or entry.sold_out:
            return
        if self.dish_order is not None:
            self.dish_order.deleteLater()
        self.dish_order = DishOrder(self._session, entry, self._groups_of, self)
        self.dish_order.finished.connect(self._add_dish)
        self.dish_order.start()

    def _groups_of(self, item_id: int) -> list[OptionGroupView]:
        if item_id not in self._option_groups:
            self._option_groups[item_id] = item_option_groups(self._session.ctx, item_id)
        return self._option_groups[item_id]

    def _add_dish(self, dish: PendingDish) -> None:
        bill_id = self.bill_id
        if bill_id is None:
            return
        changes = self._session.run(
            lambda: ordering.add_to_cart(
                self._session.ctx,
                bill_id=bill_id,
                item_id=dish.entry.item_id,
                weight_milli=dish.weight_milli,
                price_fen=dish.price_fen,
                option_ids=dish.option_ids,
                waiter_id=self._session.staff_id,
            )
        )
        if changes and changes.lines and changes.lines[0] in self.bill_lines.rows:
            row = self.bill_lines.rows[changes.lines[0]]
            self.bill_lines.scroll.ensureWidgetVisible(row)

    def step_quantity(self, line_id: int, delta: int) -> None:
        """− / + on an unsent dish; − on the last one deletes it (删菜)."""
        row = self.bill_lines.rows.get(line_id)
        if row is None or row.shown is None:
            return
        ctx = self._session.ctx
        quantity = row.shown.line.quantity_milli // MILLI + delta
        if quantity <= 0:
            self._session.run(lambda: ordering.delete_unsent(ctx, line_id=line_id))
        else:
            self._session.run(
                lambda: ordering.set_quantity(ctx, line_id=line_id, quantity=quantity)
            )

    # -- line actions -----------------------------------------------------------------------

    def _done(self) -> None:
        """After an action on the chosen lines: nothing stays chosen."""
        self.bill_lines.clear_selection()

    def send(self) -> None:
        """落单: the cart goes to the kitchen; lines marked 叫起 go as held."""
        bill_id = self.bill_id
        hold = sorted(self._hold_marks)
        changes = self._session.run(
            lambda: ordering.send_to_kitchen(
                self._session.ctx,
                bill_id=bill_id,
                hold_line_ids=hold,
                staff_id=self._session.staff_id,
            )
        )
        if changes is not None:
            self._hold_marks.clear()
            self._session.info.emit(self._session.tr("Sent to the kitchen."))
            self._done()

    def hold_or_fire(self) -> None:
        """叫起 marks the chosen unsent dishes to be held when sent (tap again to unmark);
        即起 calls the chosen held dishes, or all held dishes when none is chosen."""
        mode = self._hold_mode()
        chosen = self.selected()
        if mode == "hold":
            cart = {s.line_id for s in chosen if s.line.status == LineStatus.CART and not s.part}
            if cart <= self._hold_marks:
                self._hold_marks -= cart
            else:
                self._hold_marks |= cart
            self._done()
            if self.view is not None:
                self.bill_lines.show_bill(self.view, self._hold_marks)
                self._update_actions()
        elif mode == "fire":
            held = [s.line_id for s in chosen if s.line.status == LineStatus.HELD]
            bill_id = self.bill_id
            changes = self._session.run(
                lambda: ordering.fire_held(
                    self._session.ctx,
                    bill_id=bill_id,
                    line_ids=held,
                    staff_id=self._session.staff_id,
                )
            )
            if changes is not None:
                self._done()

    def hurry(self) -> None:
        """催菜 for the chosen dishes on their way."""
        ids = [s.line_id for s in self.selected() if s.line.status in ON_THE_WAY]
        if not ids:
            return
        changes = self._session.run(
            lambda: ordering.hurry(self._session.ctx, line_ids=ids, staff_id=self._session.staff_id)
        )
        if changes is not None:
            self._done()

    def serve(self) -> None:
        """划菜: mark the chosen dishes served (a set meal with its dishes)."""
        chosen = self.selected()
        sets = {s.line_id for s in chosen if not s.part}
        ids = [
            s.line_id
            for s in chosen
            if s.line.status in ON_THE_WAY and not (s.part and s.line.parent_line_id in sets)
        ]
        for line_id in ids:
            changes = self._session.run(
                lambda line_id=line_id: ordering.serve_line(self._session.ctx, line_id=line_id)
            )
            if changes is None:
                break
        self._done()

    def void(self) -> None:
        """退菜: how many (when more than one is left), then a manager's PIN and a reason."""
        single = self._single()
        if single is None:
            return
        left = single.remaining_milli
        weighed = self.bill_lines.is_weighed(single.line.name_zh)
        if weighed or left % MILLI or left <= MILLI:
            self._ask_manager_to_void(single, None)
            return
        portions = left // MILLI

        def read(text: str) -> int:
            count = read_whole(text)
            if not 0 < count <= portions:
                raise InvalidInput(N_("You can void at most what is left of this dish."))
            return count

        tr = self._session.tr
        dialog = NumberDialog(
            self._session,
            tr("Void {dish}").format(dish=self._dish_name(single)),
            tr("How many to void? At most {count}.").format(
                count=self._session.language.number(portions)
            ),
            read,
            max_length=MAX_GUEST_DIGITS,
            initial=str(portions),
            parent=self,
        )
        dialog.entered.connect(lambda count: self._ask_manager_to_void(single, count * MILLI))
        self._open(dialog)

    def _ask_manager_to_void(self, shown: ShownLine, quantity_milli: int | None) -> None:
        line_id = shown.line_id
        language = self._session.language
        unit = language.pick(shown.line.unit_zh, shown.line.unit_en)
        amount = language.quantity(quantity_milli or shown.remaining_milli, unit)
        title = self._session.tr("Void {dish}").format(dish=f"{self._dish_name(shown)} {amount}")

        def authorised(approval: Approval, reason: str) -> None:
            changes = self._session.run(
                lambda: ordering.void_line(
                    self._session.ctx,
                    line_id=line_id,
                    reason=reason,
                    approval=approval,
                    quantity_milli=quantity_milli,
                    staff_id=self._session.staff_id,
                )
            )
            if changes is not None:
                self._done()

        self.manager_dialog = ask_manager(self, self._session, title, VOID_REASONS, authorised)

    def edit_note(self) -> None:
        """A note for the kitchen on an unsent dish: quick notes or typed text."""
        single = self._single()
        if single is None or single.line.status != LineStatus.CART:
            return
        line_id = single.line_id
        dialog = NoteDialog(
            self._session,
            self._session.tr("Note for {dish}").format(dish=self._dish_name(single)),
            single.line.note,
            self,
        )

        def keep(note: str) -> None:
            changes = self._session.run(
                lambda: ordering.set_note(self._session.ctx, line_id=line_id, note=note)
            )
            if changes is not None:
                self._done()

        dialog.note_chosen.connect(keep)
        self._open(dialog)

    def _dish_name(self, shown: ShownLine) -> str:
        return self._session.language.pick(shown.line.name_zh, shown.line.name_en)

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # -- bill actions -----------------------------------------------------------------------

    def step_guests(self, delta: int) -> None:
        """加减位 by one."""
        if self.view is not None:
            self._change_guests(self.view.guests + delta)

    def ask_guests(self) -> None:
        """加减位 on a number pad."""
        if self.view is None:
            return
        tr = self._session.tr
        dialog = NumberDialog(
            self._session,
            tr("Guests at {table}").format(table=self.view.table_name),
            tr("How many guests are at the table?"),
            read_whole,
            max_length=MAX_GUEST_DIGITS,
            initial=str(self.view.guests),
            parent=self,
        )
        dialog.entered.connect(self._change_guests)
        self._open(dialog)

    def _change_guests(self, guests: int) -> None:
        bill_id = self.bill_id
        self._session.run(
            lambda: seating.change_guests(self._session.ctx, bill_id=bill_id, guests=guests)
        )

    def _item_ids_chosen(self) -> list[int] | None:
        ids = [s.line_id for s in self.selected() if not s.part and s.line.kind == LineKind.ITEM]
        return ids or None

    def transfer(self) -> None:
        """转台: the whole bill, or the chosen dishes, to another table."""
        from ui import table_moves

        self._watch_move(
            table_moves.open_transfer(self, self._session, self.bill_id, self._item_ids_chosen())
        )

    def merge(self) -> None:
        """并台: other tables' bills into this one."""
        from ui import table_moves

        self._watch_move(table_moves.open_merge(self, self._session, self.bill_id))

    def split(self) -> None:
        """拆单: by dishes or evenly."""
        from ui import table_moves

        self._watch_move(table_moves.open_split(self, self._session, self.bill_id))

    def _watch_move(self, dialog: QObject) -> None:
        self.move_dialog = dialog
        dialog.done.connect(self._moved)

    def _moved(self, changes: object) -> None:
        """After a transfer, merge or split: the same bill again (it may sit at another
        table now); an even split replaced it, so its first share is shown."""
        self._done()
        self.reload()
        if (
            self.view is not None
            and self.view.status != BillStatus.OPEN
            and isinstance(changes, Changes)
            and changes.bill_id is not None
            and changes.bill_id != self.bill_id
        ):
            self.show_bill(changes.bill_id)
            self.bill_opened.emit(changes.bill_id)

    def pre_bill(self) -> None:
        """预结单: print the guest check; the table shows bill requested."""
        bill_id = self.bill_id
        changes = self._session.run(
            lambda: payment.request_bill(self._session.ctx, bill_id=bill_id)
        )
        if changes is not None and not changes.warnings:
            self._session.info.emit(self._session.tr("The guest check is printing."))

    def pay(self) -> None:
        if self.bill_id is not None:
            self.pay_requested.emit(self.bill_id)

    def clear_table(self) -> None:
        """清台 once the bill is paid (or the party left without ordering)."""
        if self.view is None:
            return
        table_id = self.view.table_id
        changes = self._session.run(
            lambda: seating.clear_table(self._session.ctx, table_id=table_id)
        )
        if changes is not None:
            self.back_to_floor.emit()

    # -- language and size ------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Half and half on a small screen; on a wide one the menu takes more."""
        super().resizeEvent(event)
        wide = event.size().width() >= WIDE_SCREEN
        self._middle.setStretch(0, 2 if wide else 1)
        self._middle.setStretch(1, 3 if wide else 1)

    def _retranslate(self, *_: object) -> None:
        tr = self._session.tr
        self.back_button.setText(tr("Back to floor"))
        self.clear_selection_button.setText(tr("Clear selection"))
        for action, button in self.action_bar.buttons.items():
            button.setText(tr(ACTION_LABELS[action]))
        self.menu_panel.retranslate()
        self.bill_lines.retranslate()
        self._show_top()
        self._update_actions()

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(screen_style(px))
        self.action_bar.set_button_width(px(128))
        self.menu_panel.restyle()
        self.bill_lines.retranslate()
