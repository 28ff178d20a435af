"""Touch widgets shared by every screen: buttons, number and letter pads, confirmations,
the message strip, the reason picker."""

from ui.widgets.message_bar import MessageBar
from ui.widgets.reason_picker import ReasonPicker
from ui.widgets.touch import LetterPad, NumPad, TouchButton, confirm

__all__ = ["LetterPad", "MessageBar", "NumPad", "ReasonPicker", "TouchButton", "confirm"]
