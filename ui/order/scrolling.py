"""Lists that scroll under a finger: swipe on a touchscreen, and a bar wide enough to drag."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QScroller

SCROLLBAR_PX = 24


def touch_scroll(area: QScrollArea) -> None:
    """Swipe to scroll on a touchscreen, with a wide bar for a finger."""
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    area.verticalScrollBar().setStyleSheet(f"QScrollBar:vertical {{ width: {SCROLLBAR_PX}px; }}")
