"""How the payment screen and its dialogs look, at the chosen font size."""

from __future__ import annotations

from collections.abc import Callable

GREEN = "#2e7d32"
BLUE = "#1565c0"
RED = "#c62828"


def payment_style(px: Callable[[int], int]) -> str:
    """The stylesheet; every font size goes through ``px`` (the font-size setting)."""
    return f"""
QWidget {{ font-size: {px(17)}px; }}
QLabel#venue {{ font-size: {px(18)}px; font-weight: bold; }}
QLabel#particulars, QLabel#hint {{ font-size: {px(16)}px; color: #455a64; }}
QLabel#receipt {{ font-size: {px(18)}px; font-weight: bold; color: {GREEN}; }}
QLabel#part {{ font-size: {px(19)}px; }}
QLabel#detail {{ font-size: {px(16)}px; color: #546e7a; }}
QLabel#totalName {{ font-size: {px(26)}px; font-weight: bold; }}
QLabel#totalAmount {{ font-size: {px(40)}px; font-weight: bold; }}
QLabel#heading {{ font-size: {px(19)}px; font-weight: bold; color: #37474f; }}
QLabel#caption {{ font-size: {px(18)}px; color: #37474f; }}
QLabel#bigDue {{ font-size: {px(40)}px; font-weight: bold; color: {RED}; }}
QLabel#bigDue[covered="true"] {{ color: {GREEN}; }}
QLabel#bigChange {{ font-size: {px(40)}px; font-weight: bold; color: {BLUE}; }}
QLabel#title {{ font-size: {px(24)}px; font-weight: bold; }}
QLabel#error {{ font-size: {px(18)}px; font-weight: bold; color: {RED}; background: #ffebee;
               border: 2px solid {RED}; border-radius: 4px; padding: 6px; }}
QLabel#paidBanner {{ font-size: {px(30)}px; font-weight: bold; color: {GREEN}; }}
QLabel#paidFact {{ font-size: {px(22)}px; }}
QFrame#box {{ background: #f5f7f8; border: 2px solid #cfd8dc; border-radius: 8px; }}
QPushButton {{ font-size: {px(18)}px; }}
QPushButton#method, QPushButton#choice {{ background: #eceff1; border: 2px solid #90a4ae;
               border-radius: 6px; padding: 2px 6px; }}
QPushButton#method {{ font-size: {px(17)}px; }}
QPushButton#method:checked, QPushButton#choice:checked {{ background: {BLUE}; color: white;
               border-color: #0d47a1; font-weight: bold; }}
QPushButton#quick {{ font-size: {px(20)}px; font-weight: bold; background: #fff8e1;
               border: 2px solid #ffb300; border-radius: 6px; }}
QPushButton#quick:disabled {{ background: #fafafa; border-color: #e0e0e0; }}
QPushButton#add {{ font-size: {px(22)}px; font-weight: bold; background: {BLUE}; color: white;
               border-radius: 6px; }}
QPushButton#tender {{ font-size: {px(19)}px; text-align: left; padding: 4px 12px;
               background: #e3f2fd; border: 2px solid #90caf9; border-radius: 6px; }}
QPushButton#tender:disabled {{ color: #263238; background: #f1f8e9; border-color: #c5e1a5; }}
QPushButton#finish {{ font-size: {px(26)}px; font-weight: bold; background: {GREEN};
               color: white; border-radius: 8px; }}
QPushButton#finish:disabled {{ background: #a5d6a7; }}
QPushButton#apply {{ font-size: {px(20)}px; font-weight: bold; background: {GREEN};
               color: white; border-radius: 6px; padding: 0 12px; }}
QPushButton#option {{ font-size: {px(16)}px; background: #eceff1; border: 2px solid #90a4ae;
               border-radius: 6px; padding: 2px 4px; }}
QPushButton#option:checked {{ background: #fff3e0; border-color: #ef6c00; font-weight: bold; }}
QLineEdit {{ font-size: {px(19)}px; min-height: 44px; padding: 0 8px; }}
"""
