"""Touch widgets shared by every screen: buttons, number and letter pads, confirmations,
the message strip."""

from ui.widgets.message_bar import MessageBar
from ui.widgets.touch import LetterPad, NumPad, TouchButton, confirm

__all__ = ["LetterPad", "MessageBar", "NumPad", "TouchButton", "confirm"]
