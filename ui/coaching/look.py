"""How the coaching widgets look, rebuilt at the chosen font size (every ``font-size`` goes
through ``px``). Blue is the colour of service steps, as on the floor plan's badges."""

from __future__ import annotations

from collections.abc import Callable

Px = Callable[[int], int]

STEP_BLUE = "#1565c0"
LATE_RED = "#c62828"
SCRIPT_PX = 24  # the line to say, large enough to read at arm's length
TOAST_SCRIPT_PX = 20


def strip_style(px: Px) -> str:
    return f"""
QFrame#coachStrip {{ background: #e3f2fd; border-top: 3px solid {STEP_BLUE}; }}
QFrame#coachStrip[idle="true"] {{ background: #f5f5f5; border-top: 3px solid #b0bec5; }}
QLabel#stage {{ font-size: {px(15)}px; font-weight: bold; color: white; background: {STEP_BLUE};
               border-radius: 4px; padding: 1px 8px; }}
QFrame#coachStrip[idle="true"] QLabel#stage {{ background: #90a4ae; }}
QLabel#stepTitle {{ font-size: {px(17)}px; font-weight: bold; color: #0d47a1; }}
QFrame#coachStrip[idle="true"] QLabel#stepTitle {{ color: #607d8b; }}
QLabel#stepInstruction {{ font-size: {px(16)}px; color: #37474f; }}
QLabel#stepWhen {{ font-size: {px(16)}px; font-weight: bold; color: {STEP_BLUE}; }}
QLabel#stepWhen[late="true"] {{ color: {LATE_RED}; }}
QFrame#coachStrip[idle="true"] QLabel#stepWhen {{ color: #78909c; }}
QLabel#script {{ font-size: {px(SCRIPT_PX)}px; font-weight: bold; color: #212121; }}
QFrame#coachStrip[idle="true"] QLabel#script {{ color: #90a4ae; font-weight: normal; }}
QPushButton {{ font-size: {px(18)}px; font-weight: bold; border-radius: 8px; padding: 0 10px; }}
QPushButton#done {{ background: {STEP_BLUE}; color: white; border: none; }}
QPushButton#done:disabled {{ background: #cfd8dc; color: #f5f5f5; }}
QPushButton#more {{ background: white; border: 2px solid #90a4ae; color: #212121; }}
QPushButton#more:disabled {{ color: #b0bec5; border-color: #cfd8dc; background: #f5f5f5; }}
"""


def due_list_style(px: Px) -> str:
    return f"""
QFrame#dueList {{ background: #fafafa; border-left: 2px solid #cfd8dc; }}
QLabel#dueHeading {{ font-size: {px(19)}px; font-weight: bold; color: #0d47a1; }}
QLabel#dueEmpty {{ font-size: {px(17)}px; color: #607d8b; padding: 12px 4px; }}
QFrame#dueRow {{ background: white; border: 1px solid #cfd8dc; border-left: 6px solid {STEP_BLUE};
                border-radius: 4px; }}
QFrame#dueRow[late="true"] {{ border-left: 6px solid {LATE_RED}; }}
QLabel#dueTable {{ font-size: {px(18)}px; font-weight: bold; color: #212121; }}
QLabel#dueTitle {{ font-size: {px(17)}px; font-weight: bold; color: #0d47a1; }}
QLabel#dueWhen {{ font-size: {px(16)}px; font-weight: bold; color: {STEP_BLUE}; }}
QLabel#dueWhen[late="true"] {{ color: {LATE_RED}; }}
QLabel#dueLine {{ font-size: {px(16)}px; color: #37474f; }}
QLabel#dueRole {{ font-size: {px(15)}px; color: #546e7a; }}
QPushButton#done {{ font-size: {px(17)}px; font-weight: bold; background: {STEP_BLUE};
                   color: white; border: none; border-radius: 8px; padding: 0 10px; }}
"""


def toggle_style(px: Px, due: bool) -> str:
    colours = (
        f"background: {STEP_BLUE}; color: white; border: none;"
        if due
        else ("background: white; color: #37474f; border: 2px solid #90a4ae;")
    )
    return (
        f"QPushButton {{ font-size: {px(17)}px; font-weight: bold; border-radius: 8px;"
        f" padding: 0 14px; {colours} }}"
    )


def toast_style(px: Px) -> str:
    return f"""
QFrame#toast {{ background: #fffde7; border: 2px solid {STEP_BLUE}; border-radius: 10px; }}
QLabel#toastTitle {{ font-size: {px(16)}px; font-weight: bold; color: #0d47a1; }}
QLabel#toastScript {{ font-size: {px(TOAST_SCRIPT_PX)}px; font-weight: bold; color: #212121; }}
QPushButton#done {{ font-size: {px(17)}px; font-weight: bold; background: {STEP_BLUE};
                   color: white; border: none; border-radius: 8px; padding: 0 12px; }}
QPushButton#dismiss {{ font-size: {px(22)}px; font-weight: bold; background: transparent;
                      color: #546e7a; border: none; }}
"""


def dialog_style(px: Px) -> str:
    """The later/skip question, the briefing and the step editor."""
    return f"""
QLabel {{ font-size: {px(17)}px; }}
QLabel#title {{ font-size: {px(24)}px; font-weight: bold; }}
QLabel#heading {{ font-size: {px(19)}px; font-weight: bold; color: #37474f; }}
QLabel#hint {{ font-size: {px(16)}px; color: #607d8b; }}
QLabel#script {{ font-size: {px(20)}px; font-weight: bold; color: #0d47a1; }}
QLabel#error {{ font-size: {px(18)}px; font-weight: bold; color: {LATE_RED}; background: #ffebee;
               border: 2px solid {LATE_RED}; border-radius: 4px; padding: 6px; }}
QLabel#info {{ font-size: {px(17)}px; font-weight: bold; color: #1b5e20; background: #e8f5e9;
              border: 2px solid #2e7d32; border-radius: 4px; padding: 6px; }}
QLabel#cell {{ font-size: {px(17)}px; }}
QLabel#soldOut {{ font-size: {px(16)}px; font-weight: bold; color: white; background: #757575;
                 border-radius: 4px; padding: 2px 8px; }}
QPushButton {{ font-size: {px(18)}px; background: white; border: 2px solid #90a4ae;
              border-radius: 8px; padding: 0 12px; color: #212121; }}
QPushButton:disabled {{ color: #b0bec5; border-color: #cfd8dc; background: #f5f5f5; }}
QPushButton#choice {{ background: #eceff1; }}
QPushButton#choice:checked {{ background: {STEP_BLUE}; color: white; border-color: #0d47a1; }}
QPushButton#ok {{ font-weight: bold; background: #2e7d32; color: white; border: none; }}
QPushButton#switch {{ font-weight: bold; min-width: {px(64)}px; }}
QPushButton#switch:checked {{ background: #2e7d32; color: white; border-color: #1b5e20; }}
QFrame#stepRow {{ background: white; border-bottom: 1px solid #cfd8dc; }}
QFrame#stepRow[selected="true"] {{ background: #fff3c4; border-left: 6px solid #f9a825; }}
QFrame#stepRow[enabled_step="false"] QLabel {{ color: #9e9e9e; }}
QLabel#stepTitle {{ font-size: {px(17)}px; font-weight: bold; }}
QLabel#stepMeta {{ font-size: {px(15)}px; color: #607d8b; }}
QFrame#tickRow {{ background: white; border: 1px solid #cfd8dc; border-radius: 6px; }}
QFrame#tickRow[ticked="true"] {{ background: #e8f5e9; border: 2px solid #2e7d32; }}
QLabel#tickMark {{ font-size: {px(26)}px; color: #2e7d32; }}
QLabel#tickTitle {{ font-size: {px(17)}px; font-weight: bold; }}
QLabel#tickText {{ font-size: {px(16)}px; color: #455a64; }}
QLineEdit, QPlainTextEdit {{ font-size: {px(18)}px; background: white; }}
QLineEdit {{ min-height: 48px; }}
"""
