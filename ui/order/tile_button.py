"""A large button with a wrapped name over a second line (a dish and its price, an option
and its surcharge): plain buttons cut long names, these wrap them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui.widgets import TouchButton


class TileButton(TouchButton):
    """``title`` wraps over as many lines as it needs; ``detail`` sits under it."""

    def __init__(
        self,
        object_name: str,
        title_name: str,
        detail_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent=parent)
        self.setObjectName(object_name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title = QLabel(objectName=title_name)
        self.detail = QLabel(objectName=detail_name)
        for label in (self.title, self.detail):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setStyleSheet("background: transparent;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.detail, 0, Qt.AlignmentFlag.AlignHCenter)

    def set_texts(self, title: str, detail: str) -> None:
        self.title.setText(title)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))

    def plain_text(self) -> str:
        """What the button says, as the user reads it."""
        parts = [self.title.text()]
        if self.detail.isVisibleTo(self) and self.detail.text():
            parts.append(self.detail.text())
        return "\n".join(parts)
