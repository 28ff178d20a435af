"""A non-blocking message strip: errors in red, confirmations in blue; tap to dismiss.

Screens never pop up a blocking box for a mistake: the message appears here in the
current language, the screen stays usable, and it goes away by itself or with a tap.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from ui.widgets.touch import NORMAL_PX

ERROR_MS = 8_000
INFO_MS = 4_000

_STYLES = {
    "error": "background:#ffebee; color:#b71c1c; border:2px solid #c62828;",
    "info": "background:#e3f2fd; color:#0d47a1; border:2px solid #1565c0;",
}


class MessageBar(QLabel):
    """One message at a time; a new one replaces the old."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setMinimumHeight(NORMAL_PX)
        self.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.kind = ""
        self._font_px = 19
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    def show_error(self, text: str) -> None:
        self._show("error", text, ERROR_MS)

    def show_info(self, text: str) -> None:
        self._show("info", text, INFO_MS)

    def restyle(self, px) -> None:
        """The message at the chosen font size (``UiSession.px``)."""
        self._font_px = px(19)
        if self.kind:
            self._style()

    def _style(self) -> None:
        self.setStyleSheet(
            f"QLabel {{ {_STYLES[self.kind]} border-radius:4px; padding:8px 14px;"
            f" font-size:{self._font_px}px; font-weight:bold; }}"
        )

    def _show(self, kind: str, text: str, ms: int) -> None:
        self.kind = kind
        self.setText(text)
        self._style()
        self.show()
        self._timer.start(ms)

    def dismiss(self) -> None:
        self._timer.stop()
        self.kind = ""
        self.clear()
        self.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.dismiss()
        event.accept()
