"""Touch widgets shared by every screen: buttons, number and letter pads, confirmations."""

from ui.widgets.touch import LetterPad, NumPad, TouchButton, confirm

__all__ = ["LetterPad", "NumPad", "TouchButton", "confirm"]
