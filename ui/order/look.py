"""How the order screen looks: status colours and the stylesheets, rebuilt at the chosen
font size (every ``font-size`` goes through ``px``)."""

from __future__ import annotations

from collections.abc import Callable

from app.domain.errors import N_
from app.services.bills import LineStatus

Px = Callable[[int], int]

STATUS_LABELS: dict[str, str] = {
    LineStatus.CART: N_("In cart"),
    LineStatus.HELD: N_("Held"),
    LineStatus.SENT: N_("Sent"),
    LineStatus.SERVED: N_("Served"),
    LineStatus.VOIDED: N_("Voided"),
}

# (background, text) of each status tag: grey cart, amber held, blue sent, green served,
# red voided — readable on white and told apart by their words too
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    LineStatus.CART: ("#eceff1", "#37474f"),
    LineStatus.HELD: ("#ffe0b2", "#e65100"),
    LineStatus.SENT: ("#bbdefb", "#0d47a1"),
    LineStatus.SERVED: ("#c8e6c9", "#1b5e20"),
    LineStatus.VOIDED: ("#ffcdd2", "#b71c1c"),
}
HOLD_MARK_COLOURS = ("#fff3e0", "#e65100")
HURRY_COLOURS = ("#fce4ec", "#ad1457")


def short_unit(unit: str) -> str:
    """A unit without its explanation, where room is short: "jin (500 g)" → "jin"; the
    weight dialog still says it in full."""
    return unit.split(" (", 1)[0] if unit.endswith(")") else unit


def tag_style(px: Px, colours: tuple[str, str]) -> str:
    background, text = colours
    return (
        f"background: {background}; color: {text}; font-size: {px(15)}px; font-weight: bold;"
        " border-radius: 4px; padding: 2px 6px;"
    )


def screen_style(px: Px) -> str:
    """The order screen and its panels."""
    return f"""
QLabel {{ font-size: {px(17)}px; }}
QPushButton {{ font-size: {px(17)}px; }}
QWidget#topBar {{ background: #37474f; }}
QWidget#topBar QLabel {{ color: white; font-size: {px(19)}px; }}
QWidget#topBar QLabel#tableName {{ font-size: {px(24)}px; font-weight: bold; }}
QWidget#topBar QLabel#billTotal {{ font-size: {px(24)}px; font-weight: bold; color: #ffe082; }}
QWidget#topBar QLabel#billStatus {{ background: #ffcdd2; color: #b71c1c; border-radius: 4px;
                     padding: 2px 8px; font-weight: bold; }}
QWidget#topBar QPushButton {{ background: #eceff1; border-radius: 6px; padding: 0 12px;
                              font-size: {px(18)}px; }}
QLabel#courseHeading {{ font-size: {px(17)}px; font-weight: bold; color: #455a64;
                        background: #eceff1; padding: 4px 8px; }}
QLabel#emptyBill {{ font-size: {px(18)}px; color: #607d8b; padding: 24px; }}
QFrame#lineRow {{ background: white; border-bottom: 1px solid #cfd8dc; }}
QFrame#lineRow[selected="true"] {{ background: #fff3c4; border-left: 6px solid #f9a825; }}
QFrame#partRow {{ background: #fafafa; border-bottom: 1px solid #eceff1; }}
QFrame#partRow[selected="true"] {{ background: #fff3c4; border-left: 6px solid #f9a825; }}
QLabel#lineName {{ font-size: {px(18)}px; font-weight: bold; }}
QLabel#partName {{ font-size: {px(17)}px; color: #37474f; }}
QLabel#lineDetail {{ font-size: {px(16)}px; color: #546e7a; }}
QLabel#lineQuantity {{ font-size: {px(18)}px; min-width: {px(32)}px; }}
QLabel#lineAmount {{ font-size: {px(18)}px; font-weight: bold; }}
QPushButton#stepper {{ font-size: {px(22)}px; font-weight: bold; background: #eceff1;
                       border: 1px solid #90a4ae; border-radius: 6px; }}
QWidget#billHeader QLabel {{ font-size: {px(16)}px; color: #455a64; }}
QPushButton#category {{ background: #eceff1; border: 2px solid #b0bec5; border-radius: 6px; }}
QPushButton#category:checked {{ background: #bbdefb; border: 3px solid #0d47a1; }}
QLabel#categoryName {{ font-size: {px(17)}px; font-weight: bold; color: #263238; }}
QPushButton#search {{ background: #fff8e1; border: 2px solid #ffb300; border-radius: 6px;
                      font-size: {px(17)}px; font-weight: bold; padding: 0 12px; }}
QLabel#searchTyped {{ font-size: {px(24)}px; font-weight: bold; background: white;
                      border: 1px solid #90a4ae; border-radius: 4px; padding: 0 10px; }}
QLabel#searchEmpty {{ font-size: {px(18)}px; color: #607d8b; padding: 16px; }}
QPushButton#dish {{ background: #fffdf7; border: 2px solid #d7ccc8; border-radius: 8px; }}
QPushButton#dish:disabled {{ background: #eeeeee; border-color: #e0e0e0; }}
QLabel#dishName {{ font-size: {px(17)}px; font-weight: bold; color: #3e2723; }}
QLabel#dishPrice {{ font-size: {px(16)}px; color: #bf360c; }}
QLabel#dishSoldOut {{ font-size: {px(16)}px; font-weight: bold; color: white;
                      background: #9e9e9e; border-radius: 4px; padding: 0 6px; }}
QWidget#actionBar {{ background: #eceff1; }}
QPushButton#action {{ font-size: {px(18)}px; font-weight: bold; background: white;
                      border: 2px solid #90a4ae; border-radius: 8px; padding: 0 4px; }}
QPushButton#action:disabled {{ color: #b0bec5; border-color: #cfd8dc; background: #f5f5f5; }}
QPushButton#send {{ font-size: {px(19)}px; font-weight: bold; background: #1565c0;
                    color: white; border-radius: 8px; }}
QPushButton#pay {{ font-size: {px(19)}px; font-weight: bold; background: #2e7d32;
                   color: white; border-radius: 8px; }}
QPushButton#send:disabled, QPushButton#pay:disabled {{ background: #cfd8dc; color: #f5f5f5; }}
"""


def dialog_style(px: Px) -> str:
    """The dialogs a dish may open: options, weight, price, note, guests."""
    return f"""
QLabel {{ font-size: {px(18)}px; }}
QLabel#title {{ font-size: {px(24)}px; font-weight: bold; }}
QLabel#groupName {{ font-size: {px(19)}px; font-weight: bold; color: #37474f; }}
QLabel#groupRule {{ font-size: {px(16)}px; color: #78909c; }}
QLabel#error {{ font-size: {px(18)}px; font-weight: bold; color: #c62828; background: #ffebee;
               border: 2px solid #c62828; border-radius: 4px; padding: 6px; }}
QPushButton {{ font-size: {px(19)}px; }}
QPushButton#choice {{ background: #eceff1; border: 2px solid #90a4ae; border-radius: 6px; }}
QPushButton#choice:checked {{ background: #bbdefb; border: 3px solid #0d47a1; }}
QLabel#choiceName {{ font-size: {px(18)}px; }}
QLabel#choiceExtra {{ font-size: {px(16)}px; color: #bf360c; }}
QPushButton#ok {{ font-weight: bold; background: #2e7d32; color: white; border-radius: 6px; }}
QPushButton#ok:disabled {{ background: #a5d6a7; }}
QLineEdit {{ font-size: {px(19)}px; min-height: 48px; }}
"""
