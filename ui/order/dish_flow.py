"""Ordering one tapped dish: ask what it needs — its options, its weight (称重), today's
price (时价) — one dialog after another, then hand over the finished dish."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.money import parse_yuan
from app.services.dish_options import OptionGroupView
from app.services.queries import MenuEntry
from ui.order.dish_dialogs import WEIGHT_DECIMALS, NumberDialog, OptionsDialog, read_weight
from ui.session import UiSession


@dataclass
class PendingDish:
    """What the waiter has told about the dish so far."""

    entry: MenuEntry
    option_ids: list[int] = field(default_factory=list)
    weight_milli: int | None = None
    price_fen: int | None = None


class DishOrder(QObject):
    """The questions for one dish; ``dialog`` is the one on screen, ``finished`` carries the
    ``PendingDish`` once every answer is in (nothing is emitted when Cancel is tapped)."""

    finished = Signal(object)

    def __init__(
        self,
        session: UiSession,
        entry: MenuEntry,
        load_groups: Callable[[int], list[OptionGroupView]],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._parent = parent
        self._load_groups = load_groups
        self.dish = PendingDish(entry)
        self.dialog: QDialog | None = None
        self._steps = [
            step
            for step, needed in (
                (self._ask_options, entry.has_options),
                (self._ask_weight, entry.weighed),
                (self._ask_price, entry.market_price),
            )
            if needed
        ]

    def start(self) -> None:
        self._next()

    def _next(self) -> None:
        if self._steps:
            self._steps.pop(0)()
        else:
            self.dialog = None
            self.finished.emit(self.dish)

    def _name(self) -> str:
        entry = self.dish.entry
        return self._session.language.pick(entry.name_zh, entry.name_en)

    def _unit(self) -> str:
        entry = self.dish.entry
        return self._session.language.pick(entry.unit_zh, entry.unit_en)

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.rejected.connect(self._cancelled)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _cancelled(self) -> None:
        self.dialog = None
        self._steps.clear()

    def _ask_options(self) -> None:
        groups = self._load_groups(self.dish.entry.item_id)
        if not groups:
            self._next()
            return
        dialog = OptionsDialog(self._session, self._name(), groups, self._parent)
        dialog.chosen.connect(self._options_chosen)
        self._show(dialog)

    def _options_chosen(self, option_ids: list[int]) -> None:
        self.dish.option_ids = option_ids
        self._next()

    def _ask_weight(self) -> None:
        tr = self._session.tr
        dialog = NumberDialog(
            self._session,
            tr("Weight of {dish}").format(dish=self._name()),
            tr("Weigh it and enter the weight in {unit}.").format(unit=self._unit()),
            read_weight,
            decimals=WEIGHT_DECIMALS,
            max_length=6,
            parent=self._parent,
        )
        dialog.entered.connect(self._weight_entered)
        self._show(dialog)

    def _weight_entered(self, weight_milli: int) -> None:
        self.dish.weight_milli = weight_milli
        self._next()

    def _ask_price(self) -> None:
        tr = self._session.tr
        dialog = NumberDialog(
            self._session,
            tr("Today's price of {dish}").format(dish=self._name()),
            tr("Enter today's price per {unit} in yuan.").format(unit=self._unit()),
            parse_yuan,
            decimals=2,
            max_length=9,
            parent=self._parent,
        )
        dialog.entered.connect(self._price_entered)
        self._show(dialog)

    def _price_entered(self, price_fen: int) -> None:
        self.dish.price_fen = price_fen
        self._next()
