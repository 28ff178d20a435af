"""Transfer 转台, merge 并台 and split 拆单, as the order screen opens them.

Each function opens its dialog without blocking (modal over ``parent``) and returns it.
The dialog emits ``done(Changes)`` once the action succeeded and then closes; Cancel
closes it with nothing changed. Errors from the services show inside the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ui.moves.base import MoveDialog
from ui.moves.merge import MergeDialog
from ui.moves.split import SplitDialog
from ui.moves.transfer import TransferDialog
from ui.session import UiSession

__all__ = [
    "MergeDialog",
    "SplitDialog",
    "TransferDialog",
    "open_merge",
    "open_split",
    "open_transfer",
]


def _open(dialog: MoveDialog) -> None:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fit_to_window()
    dialog.open()


def open_transfer(
    parent: QWidget | None, session: UiSession, bill_id: int, line_ids: list[int] | None = None
) -> TransferDialog:
    """Move the whole bill to a free table, or ``line_ids`` (or dishes tapped in the dialog)
    to the bill of an occupied table."""
    dialog = TransferDialog(session, bill_id, line_ids, parent)
    _open(dialog)
    return dialog


def open_merge(parent: QWidget | None, session: UiSession, bill_id: int) -> MergeDialog:
    """Merge other occupied tables' bills into this one, or undo an earlier merge."""
    dialog = MergeDialog(session, bill_id, parent)
    _open(dialog)
    return dialog


def open_split(parent: QWidget | None, session: UiSession, bill_id: int) -> SplitDialog:
    """Split this bill by dishes into new bills on the same table, or evenly into shares."""
    dialog = SplitDialog(session, bill_id, parent)
    _open(dialog)
    return dialog
