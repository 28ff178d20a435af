"""The back office screen: a tab per panel, shown to the roles that may use it.

Cashiers and managers count the drawer (交班); everything else is for managers. Each panel
is a widget taking the ``UiSession``; this screen only hosts them and builds each one the
first time its tab is opened, so the back office opens at once.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.domain.errors import N_
from app.services.staff import Role
from ui.session import UiSession
from ui.widgets import TouchButton


@dataclass(frozen=True)
class Panel:
    key: str
    label: str  # msgid
    module: str
    widget: str
    roles: frozenset[Role]


MANAGERS = frozenset({Role.MANAGER})
CASH_HANDLERS = frozenset({Role.CASHIER, Role.MANAGER})

PANELS = (
    Panel("shift", N_("Shift & drawer"), "ui.backoffice.shift_screen", "ShiftPanel", CASH_HANDLERS),
    Panel("reports", N_("Reports"), "ui.backoffice.reports_screen", "ReportsPanel", MANAGERS),
    Panel("menu", N_("Menu"), "ui.backoffice.menu_editor", "MenuEditorPanel", MANAGERS),
    Panel(
        "layout", N_("Floor layout"), "ui.backoffice.layout_editor", "LayoutEditorPanel", MANAGERS
    ),
    Panel("staff", N_("Staff"), "ui.backoffice.staff_editor", "StaffEditorPanel", MANAGERS),
    Panel("settings", N_("Settings"), "ui.backoffice.settings_editor", "SettingsPanel", MANAGERS),
    Panel("steps", N_("Service steps"), "ui.coaching.step_editor", "StepEditor", MANAGERS),
    Panel("backups", N_("Backups"), "ui.backoffice.backups_panel", "BackupsPanel", MANAGERS),
)


class BackOfficeScreen(QWidget):
    """Tabs down the left (large touch buttons), the chosen panel on the right."""

    back_to_floor = Signal()
    settle_requested = Signal(int)  # the shift panel's "Go settle" for a bill still open

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.back_button = TouchButton(size="main")
        self.back_button.clicked.connect(self.back_to_floor)
        self.title = QLabel(objectName="title")
        self.tab_buttons: dict[str, TouchButton] = {}
        self.panels: dict[str, QWidget] = {}
        self.stack = QStackedWidget()
        self._empty = QLabel()
        self.stack.addWidget(self._empty)
        side = QVBoxLayout()
        side.addWidget(self.back_button)
        for panel in PANELS:
            button = TouchButton(size="main")
            button.setCheckable(True)
            button.setObjectName("tab")
            button.clicked.connect(lambda _=False, key=panel.key: self.show_panel(key))
            self.tab_buttons[panel.key] = button
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout(self)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(side)
        body.addWidget(self.stack, 1)
        session.language_changed.connect(self._retranslate)
        session.staff_changed.connect(self._show_allowed)
        session.style_changed.connect(self._restyle)
        self._restyle()
        self._retranslate()
        self._show_allowed()

    def allowed(self, panel: Panel) -> bool:
        staff = self._session.staff
        return staff is not None and staff.role in panel.roles

    def show_panel(self, key: str) -> QWidget | None:
        """The panel for ``key``, built the first time; None when this staff member may
        not use it."""
        panel = next(p for p in PANELS if p.key == key)
        if not self.allowed(panel):
            return None
        widget = self.panels.get(key)
        if widget is None:
            module = importlib.import_module(panel.module)
            widget = getattr(module, panel.widget)(self._session)
            if hasattr(widget, "settle_requested"):
                widget.settle_requested.connect(self.settle_requested)
            self.panels[key] = widget
            self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        for other, button in self.tab_buttons.items():
            button.setChecked(other == key)
        return widget

    def open_first(self) -> None:
        """Open the first panel this staff member may use."""
        first = next((p for p in PANELS if self.allowed(p)), None)
        if first is not None:
            self.show_panel(first.key)

    def _show_allowed(self, *_: object) -> None:
        for panel in PANELS:
            self.tab_buttons[panel.key].setVisible(self.allowed(panel))
        current = self.stack.currentWidget()
        key = next((k for k, w in self.panels.items() if w is current), None)
        if key is None or not self.allowed(next(p for p in PANELS if p.key == key)):
            self.stack.setCurrentWidget(self._empty)

    def _retranslate(self, *_: object) -> None:
        tr = self._session.tr
        self.back_button.setText(tr("‹ Floor plan"))
        for panel in PANELS:
            self.tab_buttons[panel.key].setText(tr(panel.label))

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(
            f"QPushButton#tab {{ font-size: {px(18)}px; text-align: left; padding: 0 16px;"
            " background: #eceff1; border: 2px solid #b0bec5; border-radius: 6px; }"
            " QPushButton#tab:checked { background: #1565c0; color: white;"
            " border-color: #0d47a1; }"
            f" QPushButton {{ font-size: {px(18)}px; }}"
        )
        for button in self.tab_buttons.values():
            button.setMinimumWidth(px(190))
