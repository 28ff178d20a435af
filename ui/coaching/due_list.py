"""The "due now" list beside the floor plan: every service step due across the floor, most
overdue first, each with its table, step, who does it and the line to say. Tapping a row
opens that table's bill; Done on a row records it at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.services import coaching
from app.services.coaching import PromptView
from ui.coaching import lines
from ui.coaching.later import mark_done
from ui.coaching.look import due_list_style
from ui.coaching.tap_row import TapRow
from ui.session import UiSession
from ui.widgets import TouchButton
from ui.widgets.elided import ElidedLabel

DONE_WIDTH = 76


def by_urgency(views: list[PromptView]) -> list[PromptView]:
    """Most overdue first, then by table, step and who does it."""
    return sorted(
        views,
        key=lambda v: (-v.overdue_minutes, v.table_name, v.step.order, v.step.id, v.step.role),
    )


class DueRow(TapRow):
    """One step due: "A1 · 5 min late", the step and who does it, its line; Done."""

    tapped = Signal(object)  # PromptView
    done_tapped = Signal(object)

    def __init__(self, view: PromptView, parent: QWidget | None = None) -> None:
        super().__init__("dueRow", parent)
        self.view = view
        self.table_label = QLabel(objectName="dueTable")
        self.when_label = QLabel(objectName="dueWhen")
        self.title_label = ElidedLabel(objectName="dueTitle")
        self.role_label = QLabel(objectName="dueRole")
        self.line_label = ElidedLabel(objectName="dueLine")
        self.done_button = TouchButton()
        self.done_button.setObjectName("done")
        self.done_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.done_button.clicked.connect(lambda: self.done_tapped.emit(self.view))
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 4, 6, 4)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(0)
        # table and step; how late and who; the line to say — Done beside them
        grid.addWidget(self.table_label, 0, 0)
        grid.addWidget(self.title_label, 0, 1)
        grid.addWidget(self.when_label, 1, 0, 1, 2)
        grid.addWidget(self.role_label, 1, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.line_label, 2, 0, 1, 2)
        grid.addWidget(self.done_button, 0, 2, 3, 1)
        grid.setColumnStretch(1, 1)

    def retranslate(self, session: UiSession) -> None:
        language = session.language
        view = self.view
        self.table_label.setText(view.table_name)
        self.when_label.setText(lines.when(view, language))
        late = "true" if view.overdue_minutes > 0 else "false"
        self.title_label.setText(lines.title(view, language))
        self.role_label.setText(lines.role_label(view.step.role, language))
        self.line_label.setText(lines.main_line(view, language))
        self.done_button.setText(session.tr("Done"))
        for widget in (self, self.when_label):
            widget.setProperty("late", late)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def tap(self) -> None:
        """As a finger on the row (not on Done): open the table's bill."""
        self.tapped.emit(self.view)


class DueList(QFrame):
    """``show_prompts(views)`` lists them by urgency; ``bill_opened(bill_id)`` when a row
    with a bill is tapped. ``rows`` by prompt id, in the order shown."""

    bill_opened = Signal(int)
    count_changed = Signal(int)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setObjectName("dueList")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.views: list[PromptView] = []
        self.rows: dict[int, DueRow] = {}
        self.heading = QLabel(objectName="dueHeading")
        # a waiter sees the tables they serve; "Everyone" shows the whole floor
        self.everyone_button = TouchButton()
        self.everyone_button.setCheckable(True)
        self.everyone_button.toggled.connect(self._refilter)
        self._all_views: list[PromptView] = []
        self.empty_label = QLabel(objectName="dueEmpty")
        self.empty_label.setWordWrap(True)
        self._box = QWidget()
        self._rows_layout = QVBoxLayout(self._box)
        self._rows_layout.setContentsMargins(0, 0, 4, 0)
        self._rows_layout.setSpacing(6)
        self._rows_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self._box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 4, 6)
        layout.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.everyone_button)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.scroll, 1)
        session.language_changed.connect(self._retranslate)
        session.style_changed.connect(self._restyle)
        self._restyle()
        self._retranslate()

    def show_prompts(self, views: list[PromptView]) -> None:
        """The steps due for the person logged in (a waiter: their tables; with
        "Everyone", the whole floor), most urgent first; rows are kept when their step is
        still due, so a finger on one does not lose it."""
        self._all_views = list(views)
        staff = self._session.staff
        if staff is not None and staff.role == "waiter":
            self.everyone_button.show()
        else:
            self.everyone_button.hide()
        if not self.everyone_button.isChecked() and staff is not None:
            views = [v for v in views if coaching.is_for(v, staff_id=staff.id, role=staff.role)]
        ordered = by_urgency(views)
        if [v.prompt_id for v in ordered] != [v.prompt_id for v in self.views]:
            for prompt_id in list(self.rows):
                if prompt_id not in {v.prompt_id for v in ordered}:
                    self.rows.pop(prompt_id).deleteLater()
            for index, view in enumerate(ordered):
                row = self.rows.get(view.prompt_id)
                if row is None:
                    row = DueRow(view)
                    row.tapped.connect(self._tapped)
                    row.done_tapped.connect(self._done)
                    row.done_button.setFixedWidth(self._session.px(DONE_WIDTH))
                    self.rows[view.prompt_id] = row
                self._rows_layout.insertWidget(index, row)
            self.rows = {v.prompt_id: self.rows[v.prompt_id] for v in ordered}
        for view in ordered:
            self.rows[view.prompt_id].view = view  # the minutes late move on
        self.views = ordered
        self._retranslate()
        self.count_changed.emit(len(ordered))

    def _refilter(self, *_: object) -> None:
        self.show_prompts(self._all_views)

    def _tapped(self, view: PromptView) -> None:
        if view.bill_id is not None:
            self.bill_opened.emit(view.bill_id)

    def _done(self, view: PromptView) -> None:
        mark_done(self._session, view)

    def _retranslate(self, *_: object) -> None:
        tr = self._session.tr
        language = self._session.language
        count = len(self.views)
        self.heading.setText(
            tr("Due now: {count}").format(count=language.number(count)) if count else tr("Due now")
        )
        self.empty_label.setText(tr("Nothing due"))
        self.everyone_button.setText(tr("Everyone"))
        self.empty_label.setVisible(not count)
        for row in self.rows.values():
            row.retranslate(self._session)

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(due_list_style(px))
        for row in self.rows.values():
            row.done_button.setFixedWidth(px(DONE_WIDTH))
