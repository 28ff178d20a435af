"""The pre-shift briefing (班前例会): today's reservations (time, guest, how many, which
table), the dishes sold out today (估清), who looks after which room, and the checklist
— appearance (仪容仪表) and the opening work (工作准备) — that each person ticks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.coaching import Step, guest_label
from app.services import coaching
from app.services.coaching import BriefingView
from ui.coaching.look import dialog_style
from ui.coaching.tap_row import TapRow, two_lines
from ui.session import UiSession
from ui.widgets import TouchButton
from ui.widgets.flow import FlowLayout

TICKED = "✓"
WINDOW_SHARE = (0.94, 0.94)


class TickRow(TapRow):
    """One checklist item: a big tick box, its title and what to check; a tap ticks it."""

    def __init__(self, step: Step, on_tap: Callable[[str], None], parent=None) -> None:
        super().__init__("tickRow", parent)
        self.step = step
        self.ticked = False
        self._on_tap = on_tap
        self.setMinimumHeight(56)
        self.mark = QLabel(objectName="tickMark")
        self.mark.setFixedWidth(36)
        self.mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label = QLabel(objectName="tickTitle")
        self.text_label = QLabel(objectName="tickText")
        text = two_lines(self.title_label, self.text_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.mark)
        layout.addLayout(text, 1)

    def show_step(self, chinese: bool, ticked: bool) -> None:
        self.ticked = ticked
        self.title_label.setText(self.step.title(chinese))
        self.text_label.setText(self.step.instruction(chinese))
        self.mark.setText(TICKED if ticked else "☐")
        self.setProperty("ticked", "true" if ticked else "false")
        self.repolish()

    def tap(self) -> None:
        self._on_tap(self.step.id)


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


class BriefingScreen(QDialog):
    """Opened with ``open()``; ``tick(item_id)`` as a finger on an item; ``view`` is the
    briefing as last read. ``tick_rows`` by item id, ``close_button``."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.view: BriefingView | None = None
        self.setModal(True)
        self.title = QLabel(objectName="title")
        self.progress_label = QLabel(objectName="heading")
        self.error_label = QLabel(objectName="error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.reservations_heading = QLabel(objectName="heading")
        self.reservations_grid = QGridLayout()
        self.reservations_grid.setHorizontalSpacing(16)
        self.reservations_grid.setVerticalSpacing(4)
        self.sold_out_heading = QLabel(objectName="heading")
        self.sold_out_box = QWidget()
        self.sold_out_flow = FlowLayout(self.sold_out_box)
        self.zones_heading = QLabel(objectName="heading")
        self.zones_grid = QGridLayout()
        self.zones_grid.setHorizontalSpacing(16)
        self.zones_grid.setVerticalSpacing(4)
        facts = QWidget()
        left = QVBoxLayout(facts)
        left.setContentsMargins(0, 0, 8, 0)
        left.setSpacing(8)
        left.addWidget(self.reservations_heading)
        left.addLayout(self.reservations_grid)
        left.addSpacing(8)
        left.addWidget(self.sold_out_heading)
        left.addWidget(self.sold_out_box)
        left.addSpacing(8)
        left.addWidget(self.zones_heading)
        left.addLayout(self.zones_grid)
        left.addStretch(1)

        self.checklist_heading = QLabel(objectName="heading")
        self.tick_rows: dict[str, TickRow] = {}
        ticks = QWidget()
        self._ticks_layout = QVBoxLayout(ticks)
        self._ticks_layout.setContentsMargins(0, 0, 8, 0)
        self._ticks_layout.setSpacing(6)
        self._ticks_layout.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.checklist_heading)
        right.addWidget(_scrolled(ticks), 1)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(_scrolled(facts), 1)
        body.addLayout(right, 1)

        self.close_button = TouchButton(size="main")
        self.close_button.setObjectName("ok")
        self.close_button.setMinimumWidth(180)
        self.close_button.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.progress_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error_label, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

        session.language_changed.connect(self._show)
        self.setStyleSheet(dialog_style(session.px))
        self.reload()

    # ------------------------------------------------------------------ reading

    def reload(self) -> None:
        """Read the day's briefing again, as the person logged in ticked it."""
        ctx = self._session.ctx
        staff_id = self._session.staff_id
        view = self._session.run(
            lambda: coaching.briefing_for(ctx, staff_id=staff_id), on_error=self.show_error
        )
        if view is not None:
            self.view = view
            self._show()

    def fit_to_window(self) -> None:
        """Most of the window it covers: a lot to read at a glance."""
        parent = self.parentWidget()
        if parent is None:
            self.resize(1000, 700)
            return
        area = parent.window().size()
        self.resize(round(area.width() * WINDOW_SHARE[0]), round(area.height() * WINDOW_SHARE[1]))

    # ------------------------------------------------------------------ ticking

    def tick(self, item_id: str) -> None:
        """Tick an item, or untick it when it was ticked."""
        view = self.view
        staff_id = self._session.staff_id
        if view is None or staff_id is None:
            return
        ctx = self._session.ctx
        ticked = item_id not in view.ticked
        done = self._session.run(
            lambda: coaching.tick_briefing(ctx, staff_id=staff_id, item_id=item_id, ticked=ticked),
            on_error=self.show_error,
        )
        if done is not None:
            self.error_label.hide()
            self.reload()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    # ------------------------------------------------------------------ showing

    def _show(self, *_: object) -> None:
        view = self.view
        if view is None:
            return
        tr = self._session.tr
        language = self._session.language
        chinese = language.is_chinese
        self.setWindowTitle(tr("Pre-shift briefing"))
        self.title.setText(
            tr("Pre-shift briefing · {day}").format(day=language.date(view.day, "long"))
        )
        self.close_button.setText(tr("Close"))
        ticked = len(view.ticked & {step.id for step in view.checklist})
        self.progress_label.setText(
            tr("Briefing done")
            if view.done
            else tr("{ticked} of {count} ticked").format(
                ticked=language.number(ticked), count=language.number(len(view.checklist))
            )
        )

        count = language.number(len(view.reservations))
        self.reservations_heading.setText(tr("Today's reservations: {count}").format(count=count))
        _empty(self.reservations_grid)
        if not view.reservations:
            self.reservations_grid.addWidget(_cell(tr("No reservations today")), 0, 0)
        for row, booking in enumerate(view.reservations):
            values = {"guest_name": booking.guest_name, "guest_title": booking.guest_title}
            cells = (
                language.time(booking.arrive_at),
                guest_label(values, chinese=chinese),
                tr("{guests} guests").format(guests=language.number(booking.party_size)),
                booking.table_name or "—",
            )
            for column, text in enumerate(cells):
                self.reservations_grid.addWidget(_cell(text), row, column)
        self.reservations_grid.setColumnStretch(3, 1)

        self.sold_out_heading.setText(
            tr("Sold out today: {count}").format(count=language.number(len(view.sold_out)))
        )
        _empty(self.sold_out_flow)
        if not view.sold_out:
            self.sold_out_flow.addWidget(_cell(tr("Nothing is sold out")))
        for _item_id, name_zh, name_en in view.sold_out:
            chip = QLabel(language.pick(name_zh, name_en), objectName="soldOut")
            self.sold_out_flow.addWidget(chip)

        self.zones_heading.setText(tr("Zones"))
        _empty(self.zones_grid)
        for row, zone in enumerate(view.zones):
            names = (
                "、".join(name for _id, name in zone.waiters)
                if chinese
                else ", ".join(name for _id, name in zone.waiters)
            )
            self.zones_grid.addWidget(_cell(language.pick(zone.name_zh, zone.name_en)), row, 0)
            waiters = _cell(names or "—")
            waiters.setWordWrap(True)
            self.zones_grid.addWidget(waiters, row, 1)
        self.zones_grid.setColumnStretch(1, 1)

        self.checklist_heading.setText(tr("Checklist"))
        for index, step in enumerate(view.checklist):
            row = self.tick_rows.get(step.id)
            if row is None:
                row = TickRow(step, self.tick)
                self.tick_rows[step.id] = row
                self._ticks_layout.insertWidget(index, row)
            row.step = step
            row.show_step(chinese, step.id in view.ticked)


def _cell(text: str) -> QLabel:
    return QLabel(text, objectName="cell")


def _empty(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
