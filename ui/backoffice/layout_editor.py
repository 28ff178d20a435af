"""The floor layout editor (桌台布局): a tab per room and the room's plan, where the manager
drags tables with a finger to where they stand, taps one to change its name, seats, shape,
size, minimum spend and timed price, adds tables and rooms, and takes them out of use.

Every change is saved at once, one transaction each (a drag when the finger lifts): the
floor plan shows it straight away. Tables snap to a 10-unit grid, stay inside the plan and
never overlap; a table dropped slightly onto another is nudged off it, one dropped right on
it goes back where it was.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_
from app.domain.table_state import STATE_LABELS, TableState
from app.i18n import Language
from app.services import venue_admin
from app.services.context import Changes
from app.services.venue_admin import (
    GRID,
    PLAN_HEIGHT,
    PLAN_WIDTH,
    ROOM_KINDS,
    TABLE_SHAPES,
    Box,
    RoomSetup,
    TableSetup,
    nearest_free_place,
    snapped_inside,
)
from ui.backoffice.forms import (
    FormDialog,
    ask_to_confirm,
    button_row,
    field_button,
    main_button,
    open_dialog,
    panel_style,
    side_scroll,
    toggle_button,
)
from ui.backoffice.settings_editor import NumberDialog, fen_from, parse_or_show, whole_number
from ui.floor_view import STATE_COLOURS
from ui.session import UiSession
from ui.widgets import MessageBar, NumPad, TouchButton
from ui.widgets.flow import FlowLayout
from ui.widgets.touch import ConfirmDialog

ROOM_KIND_LABELS = {
    "hall": N_("Hall"),
    "private": N_("Private room"),
    "tea": N_("Tea room"),
}
SHAPE_LABELS = {
    "square": N_("Square"),
    "round": N_("Round"),
    "rect": N_("Oblong"),
}
SIZE_STEP = GRID
SIDE_PX = 280
"""Least width of the form beside the plan at the normal font size."""
SIDE_SHARE = 0.25
"""Of a wide panel the form takes this share."""
SMALLEST_PX = 11
"""Seats are written under a table's name only at this size or larger."""
FINGER_PX = 48
"""A table drawn smaller than this still takes a finger this wide."""

PLAN_PAPER = "#ffffff"
PLAN_AROUND = "#cfd8dc"
GRID_MINOR = "#eef2f4"
GRID_MAJOR = "#dde3e7"
TABLE_EDGE = "#546e7a"
SELECTED_EDGE = "#1565c0"
REFUSED_EDGE = "#c62828"
TEXT_COLOUR = "#212121"


# ---------------------------------------------------------------- the plan


class PlanCanvas(QWidget):
    """One room's plan (1000 × 640 plan units, scaled to fit) with its tables.

    A finger pressed on a table and moved drags it: the table follows on the grid, red when
    it would land on another; lifting emits ``table_dropped(table_id, x, y)`` in plan units.
    A tap on a table emits ``table_tapped``, a tap beside the tables ``background_tapped``.
    """

    table_tapped = Signal(int)
    table_dropped = Signal(int, int, int)
    background_tapped = Signal()

    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._tables: list[TableSetup] = []
        self._selected: int | None = None
        self._pressed: int | None = None
        self._press_at = QPointF()
        self._grab = QPointF()  # where in the table the finger holds it, plan units
        self._dragging = False
        self.ghost: Box | None = None  # where the dragged table would go
        self._font_scale = 1.0
        self.setMinimumSize(320, 205)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # ------------------------------------------------------------------ what is shown

    def show_tables(self, tables: list[TableSetup], selected: int | None) -> None:
        self._tables = list(tables)
        self._selected = selected
        if self._pressed is not None and all(t.table_id != self._pressed for t in tables):
            self._cancel_drag()
        self.update()

    def tables(self) -> list[TableSetup]:
        return list(self._tables)

    def set_language(self, language: Language) -> None:
        self._language = language
        self.update()

    def set_font_scale(self, scale: float) -> None:
        self._font_scale = scale
        self.update()

    # ------------------------------------------------------------------ geometry

    def scale(self) -> float:
        return min(self.width() / PLAN_WIDTH, self.height() / PLAN_HEIGHT)

    def plan_rect(self) -> QRectF:
        """Where the whole plan is drawn, in widget pixels."""
        s = self.scale()
        width, height = PLAN_WIDTH * s, PLAN_HEIGHT * s
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def to_plan(self, point: QPointF) -> QPointF:
        origin, s = self.plan_rect().topLeft(), self.scale()
        return QPointF((point.x() - origin.x()) / s, (point.y() - origin.y()) / s)

    def to_widget(self, box: Box) -> QRectF:
        origin, s = self.plan_rect().topLeft(), self.scale()
        return QRectF(origin.x() + box.x * s, origin.y() + box.y * s, box.width * s, box.height * s)

    def table_rect(self, table_id: int) -> QRectF:
        """Where a table is drawn (tests press its centre)."""
        table = next(t for t in self._tables if t.table_id == table_id)
        return self.to_widget(table.box)

    def point_of(self, x: float, y: float) -> QPointF:
        """The widget pixel of a plan point (tests drag to it)."""
        origin, s = self.plan_rect().topLeft(), self.scale()
        return QPointF(origin.x() + x * s, origin.y() + y * s)

    def table_at(self, point: QPointF) -> int | None:
        """The table under a finger: the top one, small tables taking a finger's width."""
        for table in reversed(self._tables):
            rect = self.to_widget(table.box)
            grow_x = max(0.0, (FINGER_PX - rect.width()) / 2)
            grow_y = max(0.0, (FINGER_PX - rect.height()) / 2)
            if rect.adjusted(-grow_x, -grow_y, grow_x, grow_y).contains(point):
                return table.table_id
        return None

    def _others(self, table_id: int) -> list[Box]:
        return [t.box for t in self._tables if t.table_id != table_id]

    # ------------------------------------------------------------------ the finger

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = self.table_at(event.position())
        self._press_at = event.position()
        self._dragging = False
        self.ghost = None
        if self._pressed is not None:
            table = next(t for t in self._tables if t.table_id == self._pressed)
            at = self.to_plan(event.position())
            self._grab = QPointF(at.x() - table.x, at.y() - table.y)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pressed is None:
            return
        moved = (event.position() - self._press_at).manhattanLength()
        if not self._dragging and moved < QApplication.startDragDistance():
            return
        self._dragging = True
        table = next(t for t in self._tables if t.table_id == self._pressed)
        at = self.to_plan(event.position())
        self.ghost = snapped_inside(
            Box(
                round(at.x() - self._grab.x()),
                round(at.y() - self._grab.y()),
                table.width,
                table.height,
            )
        )
        self.update()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, dragging, ghost = self._pressed, self._dragging, self.ghost
        self._cancel_drag()
        if pressed is not None and dragging and ghost is not None:
            table = next(t for t in self._tables if t.table_id == pressed)
            if (ghost.x, ghost.y) != (table.x, table.y):
                self.table_dropped.emit(pressed, ghost.x, ghost.y)
        elif pressed is not None and self.table_at(event.position()) == pressed:
            self.table_tapped.emit(pressed)
        elif pressed is None and self.table_at(event.position()) is None:
            self.background_tapped.emit()
        event.accept()

    def _cancel_drag(self) -> None:
        self._pressed = None
        self._dragging = False
        self.ghost = None
        self.update()

    # ------------------------------------------------------------------ painting

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(PLAN_AROUND))
        paper = self.plan_rect()
        painter.fillRect(paper, QColor(PLAN_PAPER))
        self._draw_grid(painter, paper)
        dragged = self._pressed if self._dragging else None
        for table in self._tables:
            faded = table.table_id == dragged
            self._draw_table(painter, table, table.box, faded=faded)
        if dragged is not None and self.ghost is not None:
            table = next(t for t in self._tables if t.table_id == dragged)
            landing = nearest_free_place(self.ghost, self._others(dragged))
            if landing is not None and landing != self.ghost:
                painter.setPen(QPen(QColor(SELECTED_EDGE), 2, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                if table.shape == "round":
                    painter.drawEllipse(self.to_widget(landing))
                else:
                    painter.drawRoundedRect(self.to_widget(landing), 6, 6)
            self._draw_table(painter, table, self.ghost, refused=landing is None)
        painter.setPen(QPen(QColor(TABLE_EDGE), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(paper)
        painter.end()

    def _draw_grid(self, painter: QPainter, paper: QRectF) -> None:
        s = self.scale()
        for step, colour in ((50, GRID_MINOR), (100, GRID_MAJOR)):
            painter.setPen(QPen(QColor(colour), 1))
            for x in range(step, PLAN_WIDTH, step):
                painter.drawLine(
                    QPointF(paper.left() + x * s, paper.top()),
                    QPointF(paper.left() + x * s, paper.bottom()),
                )
            for y in range(step, PLAN_HEIGHT, step):
                painter.drawLine(
                    QPointF(paper.left(), paper.top() + y * s),
                    QPointF(paper.right(), paper.top() + y * s),
                )

    def _draw_table(
        self,
        painter: QPainter,
        table: TableSetup,
        box: Box,
        *,
        faded: bool = False,
        refused: bool = False,
    ) -> None:
        rect = self.to_widget(box)
        fill = QColor(STATE_COLOURS[TableState(table.state)])
        if faded:
            fill.setAlpha(90)
        selected = table.table_id == self._selected
        if refused:
            edge = QPen(QColor(REFUSED_EDGE), 4)
        elif selected:
            edge = QPen(QColor(SELECTED_EDGE), 4)
        else:
            edge = QPen(QColor(TABLE_EDGE), 2)
        if faded:
            edge = QPen(QColor(TABLE_EDGE), 1, Qt.PenStyle.DashLine)
        painter.setPen(edge)
        painter.setBrush(fill)
        if table.shape == "round":
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 6, 6)
        if faded:
            return
        self._draw_text(painter, table, rect)

    def _draw_text(self, painter: QPainter, table: TableSetup, rect: QRectF) -> None:
        lang = self._language
        seats = lang.gettext("{seats} seats").format(seats=lang.number(table.seats))
        side = min(rect.width(), rect.height())
        name_px = max(9, min(round(22 * self._font_scale), round(side * 0.3)))
        font = QFont(self.font())
        font.setPixelSize(name_px)
        font.setBold(True)
        painter.setPen(QColor(TEXT_COLOUR))
        painter.setFont(font)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        text_box = rect.adjusted(2, 2, -2, -2)
        small_px = round(name_px * 0.75)
        if rect.height() >= name_px * 3 and small_px >= SMALLEST_PX:
            name_box = QRectF(
                text_box.left(), rect.center().y() - name_px * 1.2, text_box.width(), name_px * 1.3
            )
            painter.drawText(name_box, flags, table.name)
            small = QFont(font)
            small.setBold(False)
            small.setPixelSize(small_px)
            painter.setFont(small)
            seats_box = QRectF(
                text_box.left(), rect.center().y() + name_px * 0.1, text_box.width(), name_px * 1.1
            )
            painter.drawText(seats_box, flags, seats)
        else:
            painter.drawText(text_box, flags, table.name)


# ---------------------------------------------------------------- the forms


def show_name(edit: QLineEdit, name: str, fresh: bool) -> None:
    """Show the stored name, unless the manager is typing a new one for the same room or
    table (another change saved meanwhile must not wipe it)."""
    if fresh or not edit.isModified():
        edit.setText(name)


def _stepper(value_label: QLabel) -> tuple[TouchButton, TouchButton, QHBoxLayout]:
    minus, plus = TouchButton("−"), TouchButton("+")
    for button in (minus, plus):
        button.setObjectName("step")
        button.setMinimumWidth(64)
    value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    value_label.setObjectName("value")
    row = QHBoxLayout()
    row.setSpacing(6)
    row.addWidget(minus)
    row.addWidget(value_label, 1)
    row.addWidget(plus)
    return minus, plus, row


def _language_tag(text: str) -> QLabel:
    tag = QLabel(text, objectName="hint")
    tag.setMinimumWidth(34)
    return tag


class RoomForm(QWidget):
    """The chosen room: its names, kind, seat fee per guest, its tab's place, closing it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(objectName="heading")
        self.heading.setWordWrap(True)
        self.name_zh_edit = QLineEdit()
        self.name_zh_edit.setMaxLength(venue_admin.ROOM_NAME_MAX)
        self.name_en_edit = QLineEdit()
        self.name_en_edit.setMaxLength(venue_admin.ROOM_NAME_MAX)
        self.rename_button = TouchButton()
        self.kind_label = QLabel(objectName="hint")
        self.kind_buttons: dict[str, TouchButton] = {}
        kinds = QWidget()
        kind_flow = FlowLayout(kinds, spacing=6)
        group = QButtonGroup(self)
        for kind in ROOM_KINDS:
            button = toggle_button()
            group.addButton(button)
            kind_flow.addWidget(button)
            self.kind_buttons[kind] = button
        self.seat_fee_button = field_button()
        self.left_button = TouchButton()
        self.right_button = TouchButton()
        self.close_button = TouchButton()
        self.close_button.setObjectName("danger")
        self.hint = QLabel(objectName="hint")
        self.hint.setWordWrap(True)

        zh = QHBoxLayout()
        zh.addWidget(_language_tag("中"))
        zh.addWidget(self.name_zh_edit, 1)
        en = QHBoxLayout()
        en.addWidget(_language_tag("EN"))
        en.addWidget(self.name_en_edit, 1)
        order = QHBoxLayout()
        order.addWidget(self.left_button, 1)
        order.addWidget(self.right_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addLayout(zh)
        layout.addLayout(en)
        layout.addWidget(self.rename_button)
        layout.addWidget(self.kind_label)
        layout.addWidget(kinds)
        layout.addWidget(self.seat_fee_button)
        layout.addLayout(order)
        layout.addWidget(self.close_button)
        layout.addWidget(self.hint)
        layout.addStretch(1)


class TableForm(QWidget):
    """The chosen table: name, seats, shape, width and depth, minimum spend, timed price,
    removing it; Done goes back to the room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(objectName="heading")
        self.heading.setWordWrap(True)
        self.state_label = QLabel(objectName="hint")
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(venue_admin.TABLE_NAME_MAX)
        self.rename_button = TouchButton()
        self.seats_value = QLabel()
        self.seats_minus, self.seats_plus, seats = _stepper(self.seats_value)
        self.shape_buttons: dict[str, TouchButton] = {}
        shapes = QHBoxLayout()
        shapes.setSpacing(6)
        group = QButtonGroup(self)
        for shape in TABLE_SHAPES:
            button = toggle_button()
            button.setMinimumWidth(60)
            group.addButton(button)
            shapes.addWidget(button, 1)
            self.shape_buttons[shape] = button
        self.width_value = QLabel()
        self.width_minus, self.width_plus, width = _stepper(self.width_value)
        self.height_value = QLabel()
        self.height_minus, self.height_plus, height = _stepper(self.height_value)
        self.minimum_button = field_button()
        self.timed_button = field_button()
        self.remove_button = TouchButton()
        self.remove_button.setObjectName("danger")
        self.done_button = TouchButton()

        name = QHBoxLayout()
        name.addWidget(self.name_edit, 1)
        name.addWidget(self.rename_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.remove_button, 3)
        bottom.addWidget(self.done_button, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        title = QHBoxLayout()
        title.addWidget(self.heading, 1)
        title.addWidget(self.state_label)
        layout.addLayout(title)
        layout.addLayout(name)
        layout.addLayout(seats)
        layout.addLayout(shapes)
        layout.addLayout(width)
        layout.addLayout(height)
        layout.addWidget(self.minimum_button)
        layout.addWidget(self.timed_button)
        layout.addLayout(bottom)
        layout.addStretch(1)


# ---------------------------------------------------------------- dialogs


class AddRoomDialog(FormDialog):
    """A new room: its Chinese and English names and its kind; ``added(room_id)``."""

    added = Signal(int)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        tr = session.tr
        super().__init__(session, tr("Add a room"), parent)
        self.name_zh_edit = QLineEdit()
        self.name_zh_edit.setPlaceholderText(tr("Chinese name"))
        self.name_zh_edit.setMaxLength(venue_admin.ROOM_NAME_MAX)
        self.name_en_edit = QLineEdit()
        self.name_en_edit.setPlaceholderText(tr("English name"))
        self.name_en_edit.setMaxLength(venue_admin.ROOM_NAME_MAX)
        self.kind_buttons: dict[str, TouchButton] = {}
        kinds = QHBoxLayout()
        group = QButtonGroup(self)
        for kind in ROOM_KINDS:
            button = toggle_button(tr(ROOM_KIND_LABELS[kind]))
            button.setChecked(kind == "hall")
            group.addButton(button)
            kinds.addWidget(button, 1)
            self.kind_buttons[kind] = button
        self.add_button = main_button(tr("Add"))
        self.add_button.clicked.connect(self.add)
        self.cancel_button = TouchButton(tr("Cancel"), size="main")
        self.cancel_button.clicked.connect(self.reject)
        buttons = button_row(self.cancel_button, self.add_button)
        grid = QGridLayout()
        grid.addWidget(_language_tag("中"), 0, 0)
        grid.addWidget(self.name_zh_edit, 0, 1)
        grid.addWidget(_language_tag("EN"), 1, 0)
        grid.addWidget(self.name_en_edit, 1, 1)
        self.lay_out(grid, kinds, buttons=buttons, width=520)

    @property
    def kind(self) -> str:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def add(self) -> None:
        ctx = self._session.ctx
        zh, en, kind = self.name_zh_edit.text(), self.name_en_edit.text(), self.kind
        added = self._session.run(
            lambda: venue_admin.add_room(
                ctx, name_zh=zh, name_en=en, kind=kind, staff_id=self._session.staff_id
            ),
            on_error=self.show_error,
        )
        if added is not None:
            self.accept()
            self.added.emit(added.new_id)


TIMED_FIELDS = (  # field, label msgid, kind
    ("block_minutes", N_("Block of time"), "minutes"),
    ("block_price_fen", N_("Price per block"), "money"),
    ("free_minutes", N_("Free minutes"), "minutes"),
    ("cap_fen", N_("Cap (0: no cap)"), "money"),
)


class TimedPricingDialog(FormDialog):
    """A table charged by time (计时): block of minutes, its price, free minutes and a cap.
    Tap a field, type on the pad; Save keeps all four, "Not timed" ends timed pricing."""

    def __init__(self, session: UiSession, table: TableSetup, parent: QWidget | None) -> None:
        tr = session.tr
        super().__init__(session, tr("Timed price of {table}").format(table=table.name), parent)
        self._table = table
        self.values = {
            "block_minutes": table.timed_block_minutes,
            "block_price_fen": table.timed_block_price_fen,
            "free_minutes": table.timed_free_minutes,
            "cap_fen": table.timed_cap_fen,
        }
        self.field_buttons: dict[str, TouchButton] = {}
        fields = QVBoxLayout()
        group = QButtonGroup(self)
        for field, _label, _kind in TIMED_FIELDS:
            button = toggle_button()
            button.setMinimumHeight(64)
            button.clicked.connect(lambda _=False, f=field: self.choose(f))
            group.addButton(button)
            fields.addWidget(button)
            self.field_buttons[field] = button
        fields.addStretch(1)
        self.minutes_pad = NumPad(session.language, max_length=4)
        self.money_pad = NumPad(session.language, max_length=9, decimals=2)
        self.pads = QStackedWidget()
        for pad in (self.minutes_pad, self.money_pad):
            pad.restyle(session.px)
            pad.changed.connect(self._typed)
            self.pads.addWidget(pad)
        self.pads.setMinimumSize(300, 360)
        self.save_button = main_button(tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.untimed_button = TouchButton(tr("Not timed"), size="main")
        self.untimed_button.clicked.connect(self.not_timed)
        self.cancel_button = TouchButton(tr("Cancel"), size="main")
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.untimed_button, self.cancel_button, self.save_button):
            button.setMinimumWidth(140)
        buttons = button_row(self.cancel_button, self.save_button, first=self.untimed_button)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(fields, 1)
        body.addWidget(self.pads, 1)
        self.lay_out(body, buttons=buttons, width=720, grow=body)
        self._field = ""
        self._switching = False
        self.choose("block_minutes")

    def choose(self, field: str) -> None:
        """Type into this field next."""
        self._field = field
        self.field_buttons[field].setChecked(True)
        kind = next(k for f, _l, k in TIMED_FIELDS if f == field)
        pad = self.money_pad if kind == "money" else self.minutes_pad
        self._switching = True
        pad.clear()
        self._switching = False
        self.pads.setCurrentWidget(pad)
        self._show_values()

    def _typed(self, text: str) -> None:
        if self._switching:
            return
        kind = next(k for f, _l, k in TIMED_FIELDS if f == self._field)
        parse = fen_from if kind == "money" else whole_number
        value = parse_or_show(self._session, self, parse, text) if text else 0
        if value is not None:
            self.values[self._field] = value
            self.error_label.hide()
        self._show_values()

    def type(self, text: str) -> None:
        pad = self.pads.currentWidget()
        for key in text:
            pad.press(key)

    def _show_values(self) -> None:
        lang, tr = self._session.language, self._session.tr
        for field, label, kind in TIMED_FIELDS:
            value = self.values[field]
            shown = (
                lang.money(value)
                if kind == "money"
                else tr("{minutes} min").format(minutes=lang.number(value))
            )
            self.field_buttons[field].setText(
                tr("{label}: {value}").format(label=tr(label), value=shown)
            )

    def not_timed(self) -> None:
        self.values = dict.fromkeys(self.values, 0)
        self.save()

    def save(self) -> None:
        ctx, table_id, values = self._session.ctx, self._table.table_id, dict(self.values)
        done = self._session.run(
            lambda: venue_admin.set_timed_pricing(
                ctx, table_id=table_id, staff_id=self._session.staff_id, **values
            ),
            on_error=self.show_error,
        )
        if done is not None:
            self.accept()


# ---------------------------------------------------------------- the panel


class LayoutEditorPanel(QWidget):
    """Rooms as tabs, the chosen room's plan, and beside it the room's form or, once a table
    is tapped, the table's. Parts tests tap: ``room_tabs``, ``plan``, ``add_room_button``,
    ``add_table_button``, ``room_form``, ``table_form``, ``message``, ``dialog``."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rooms: list[RoomSetup] = []
        self._tables: list[TableSetup] = []
        self.room_id: int | None = None
        self.selected: int | None = None
        self.dialog: QDialog | None = None
        self._form_for: tuple[str, int] | None = None  # the room or table the form shows

        self.room_tabs = QTabBar()
        self.room_tabs.setExpanding(False)
        self.room_tabs.setDrawBase(False)
        self.room_tabs.currentChanged.connect(self._tab_chosen)
        self.add_room_button = TouchButton()
        self.add_room_button.clicked.connect(self.ask_new_room)
        self.plan = PlanCanvas(session.language)
        self.plan.set_font_scale(session.font_scale)
        self.plan.table_tapped.connect(self.select_table)
        self.plan.table_dropped.connect(self.move_table)
        self.plan.background_tapped.connect(self.select_room_form)
        self.hint = QLabel(objectName="hint")
        self.hint.setWordWrap(True)
        self.add_table_button = main_button()
        self.add_table_button.clicked.connect(self.add_table)
        self.message = MessageBar()

        self.room_form = RoomForm()
        self.table_form = TableForm()
        self.forms = QStackedWidget()
        self.forms.addWidget(self.room_form)
        self.forms.addWidget(self.table_form)
        self.side = side_scroll(self.forms)
        self._connect_forms()

        top = QHBoxLayout()
        top.addWidget(self.room_tabs, 1)
        top.addWidget(self.add_room_button)
        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(self.plan, 1)
        under = QHBoxLayout()
        under.addWidget(self.hint, 1)
        under.addWidget(self.add_table_button)
        left.addLayout(under)
        body = QHBoxLayout()
        body.setSpacing(12)
        body.addLayout(left, 1)
        body.addWidget(self.side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)

        session.changed.connect(self._store_changed)
        session.language_changed.connect(self._language_changed)
        session.style_changed.connect(self._restyle)
        self._restyle()
        self.refresh()
        self._retranslate()

    def _connect_forms(self) -> None:
        room, table = self.room_form, self.table_form
        room.rename_button.clicked.connect(self.rename_room)
        for kind, button in room.kind_buttons.items():
            button.clicked.connect(lambda _=False, k=kind: self.set_room_kind(k))
        room.seat_fee_button.clicked.connect(self.ask_seat_fee)
        room.left_button.clicked.connect(lambda: self.move_room(-1))
        room.right_button.clicked.connect(lambda: self.move_room(1))
        room.close_button.clicked.connect(self.ask_close_room)
        table.rename_button.clicked.connect(self.rename_table)
        table.seats_minus.clicked.connect(lambda: self.change_seats(-1))
        table.seats_plus.clicked.connect(lambda: self.change_seats(1))
        for shape, button in table.shape_buttons.items():
            button.clicked.connect(lambda _=False, s=shape: self.set_shape(s))
        table.width_minus.clicked.connect(lambda: self.resize_by(-SIZE_STEP, 0))
        table.width_plus.clicked.connect(lambda: self.resize_by(SIZE_STEP, 0))
        table.height_minus.clicked.connect(lambda: self.resize_by(0, -SIZE_STEP))
        table.height_plus.clicked.connect(lambda: self.resize_by(0, SIZE_STEP))
        table.minimum_button.clicked.connect(self.ask_minimum_spend)
        table.timed_button.clicked.connect(self.ask_timed_pricing)
        table.remove_button.clicked.connect(self.ask_remove_table)
        table.done_button.clicked.connect(self.select_room_form)

    # ------------------------------------------------------------------ reading the store

    def refresh(self) -> None:
        """Read the rooms and tables again and show the chosen room."""
        ctx = self._session.ctx
        rooms = venue_admin.room_setups(ctx)
        self._tables = venue_admin.table_setups(ctx)
        if [r.room_id for r in rooms] != [r.room_id for r in self._rooms]:
            self._rooms = rooms
            self.room_tabs.blockSignals(True)
            while self.room_tabs.count():
                self.room_tabs.removeTab(0)
            for _room in rooms:
                self.room_tabs.addTab("")
            self.room_tabs.blockSignals(False)
        self._rooms = rooms
        if self.room_id not in {r.room_id for r in rooms}:
            self.room_id = rooms[0].room_id if rooms else None
        index = next((i for i, r in enumerate(rooms) if r.room_id == self.room_id), -1)
        self.room_tabs.blockSignals(True)
        self.room_tabs.setCurrentIndex(index)
        self.room_tabs.blockSignals(False)
        if self.selected is not None and self.table(self.selected) is None:
            self.selected = None
        self._show()

    def _store_changed(self, changes: Changes) -> None:
        self.refresh()

    def room(self) -> RoomSetup | None:
        return next((r for r in self._rooms if r.room_id == self.room_id), None)

    def table(self, table_id: int | None) -> TableSetup | None:
        return next((t for t in self._tables if t.table_id == table_id), None)

    def room_tables(self) -> list[TableSetup]:
        return [t for t in self._tables if t.room_id == self.room_id]

    # ------------------------------------------------------------------ what is shown

    def _show(self) -> None:
        lang = self._session.language
        for index, room in enumerate(self._rooms):
            self.room_tabs.setTabText(index, lang.pick(room.name_zh, room.name_en))
        self.plan.show_tables(self.room_tables(), self.selected)
        self.add_table_button.setEnabled(self.room_id is not None)
        table = self.table(self.selected)
        if table is not None:
            self._show_table(table)
            self.forms.setCurrentWidget(self.table_form)
        else:
            self._show_room()
            self.forms.setCurrentWidget(self.room_form)

    def _show_room(self) -> None:
        tr, lang, form = self._session.tr, self._session.language, self.room_form
        room = self.room()
        form.setEnabled(room is not None)
        if room is None:
            form.heading.setText(tr("No rooms yet: add one."))
            return
        form.heading.setText(tr("Room {room}").format(room=lang.pick(room.name_zh, room.name_en)))
        fresh = self._form_for != ("room", room.room_id)
        self._form_for = ("room", room.room_id)
        show_name(form.name_zh_edit, room.name_zh, fresh)
        show_name(form.name_en_edit, room.name_en, fresh)
        for kind, button in form.kind_buttons.items():
            button.setChecked(kind == room.kind)
        form.seat_fee_button.setText(
            tr("Seat fee per guest: {amount}").format(amount=lang.money(room.seat_fee_fen))
        )
        position = next(i for i, r in enumerate(self._rooms) if r.room_id == room.room_id)
        form.left_button.setEnabled(position > 0)
        form.right_button.setEnabled(position < len(self._rooms) - 1)
        form.close_button.setEnabled(room.tables > 0)

    def _show_table(self, table: TableSetup) -> None:
        tr, lang, form = self._session.tr, self._session.language, self.table_form
        form.heading.setText(tr("Table {table}").format(table=table.name))
        form.state_label.setText(tr(STATE_LABELS[TableState(table.state)]))
        fresh = self._form_for != ("table", table.table_id)
        self._form_for = ("table", table.table_id)
        show_name(form.name_edit, table.name, fresh)
        form.seats_value.setText(tr("{seats} seats").format(seats=lang.number(table.seats)))
        for shape, button in form.shape_buttons.items():
            button.setChecked(shape == table.shape)
        form.width_value.setText(tr("Width {size}").format(size=lang.number(table.width)))
        form.height_value.setText(tr("Depth {size}").format(size=lang.number(table.height)))
        form.minimum_button.setText(
            tr("Minimum spend: {amount}").format(amount=lang.money(table.minimum_spend_fen))
            if table.minimum_spend_fen
            else tr("Minimum spend: none")
        )
        form.timed_button.setText(self._timed_text(table))

    def _timed_text(self, table: TableSetup) -> str:
        tr, lang = self._session.tr, self._session.language
        if not table.timed:
            return tr("Timed price: none")
        return tr("Timed price: {price} per {minutes} min").format(
            price=lang.money(table.timed_block_price_fen),
            minutes=lang.number(table.timed_block_minutes),
        )

    # ------------------------------------------------------------------ choosing

    def _tab_chosen(self, index: int) -> None:
        if 0 <= index < len(self._rooms):
            self.show_room(self._rooms[index].room_id)

    def show_room(self, room_id: int) -> None:
        """Show this room's plan and form."""
        self.room_id = room_id
        self.selected = None
        self.refresh()

    def select_table(self, table_id: int) -> None:
        """Tapped on the plan: its form shows beside it."""
        self.selected = table_id
        self._show()

    def select_room_form(self) -> None:
        self.selected = None
        self._show()

    # ------------------------------------------------------------------ actions

    def _run(self, action: Callable[[], Changes], on_error=None) -> Changes | None:
        return self._session.run(action, on_error=on_error or self.message.show_error)

    def move_table(self, table_id: int, x: int, y: int) -> None:
        """A table dropped on the plan: saved where it landed (snapped, maybe nudged)."""
        ctx = self._session.ctx
        self.selected = table_id
        if self._run(lambda: venue_admin.move_table(ctx, table_id=table_id, x=x, y=y)) is None:
            self.refresh()  # back where it was

    def add_table(self) -> None:
        """A new table on the room's first free place, chosen for editing."""
        if self.room_id is None:
            return
        ctx, room_id = self._session.ctx, self.room_id
        added = self._run(lambda: venue_admin.add_table(ctx, room_id=room_id))
        if added is not None:
            self.select_table(added.new_id)
            self._session.info.emit(
                self._session.tr("Table {table} added.").format(table=self.table(added.new_id).name)
            )

    def rename_table(self) -> None:
        table = self.table(self.selected)
        if table is None:
            return
        ctx, name = self._session.ctx, self.table_form.name_edit.text()
        self.table_form.name_edit.setModified(False)  # the stored name shows once kept
        done = self._run(lambda: venue_admin.rename_table(ctx, table_id=table.table_id, name=name))
        if done is None:
            self.table_form.name_edit.setText(table.name)

    def change_seats(self, step: int) -> None:
        table = self.table(self.selected)
        if table is not None:
            ctx, seats = self._session.ctx, table.seats + step
            self._run(
                lambda: venue_admin.set_table_seats(ctx, table_id=table.table_id, seats=seats)
            )

    def set_shape(self, shape: str) -> None:
        table = self.table(self.selected)
        if table is not None and shape != table.shape:
            ctx = self._session.ctx
            self._run(
                lambda: venue_admin.set_table_shape(ctx, table_id=table.table_id, shape=shape)
            )

    def resize_by(self, width: int, height: int) -> None:
        table = self.table(self.selected)
        if table is None:
            return
        ctx, new_w, new_h = self._session.ctx, table.width + width, table.height + height
        if (
            self._run(
                lambda: venue_admin.resize_table(
                    ctx, table_id=table.table_id, width=new_w, height=new_h
                )
            )
            is None
        ):
            self._show()

    def _ask_amount(
        self, title: str, now_fen: int, save: Callable[[int], Changes], **pad
    ) -> NumberDialog:
        """An amount typed on a pad, kept by ``save(fen)``; the dialog shows what is wrong."""

        def apply(text: str) -> bool:
            fen = parse_or_show(self._session, dialog, fen_from, text)
            return fen is not None and self._run(lambda: save(fen), dialog.show_error) is not None

        money = self._session.language.money(now_fen)
        dialog = NumberDialog(self._session, title, money, apply, self, decimals=2, **pad)
        return open_dialog(self, dialog)

    def ask_minimum_spend(self) -> NumberDialog | None:
        table = self.table(self.selected)
        if table is None:
            return None
        ctx, staff_id = self._session.ctx, self._session.staff_id
        return self._ask_amount(
            self._session.tr("Minimum spend of {table} (0: none)").format(table=table.name),
            table.minimum_spend_fen,
            lambda fen: venue_admin.set_minimum_spend(
                ctx, table_id=table.table_id, minimum_spend_fen=fen, staff_id=staff_id
            ),
        )

    def ask_timed_pricing(self) -> TimedPricingDialog | None:
        table = self.table(self.selected)
        if table is None:
            return None
        return open_dialog(self, TimedPricingDialog(self._session, table, self))

    def ask_remove_table(self) -> ConfirmDialog | None:
        table = self.table(self.selected)
        if table is None:
            return None
        tr = self._session.tr
        return ask_to_confirm(
            self,
            self._session,
            tr("Remove table {table}?").format(table=table.name),
            tr("It leaves the floor plan; its past bills keep it."),
            lambda: self.remove_table(table.table_id),
        )

    def remove_table(self, table_id: int) -> None:
        ctx, staff_id = self._session.ctx, self._session.staff_id
        done = self._run(
            lambda: venue_admin.deactivate_table(ctx, table_id=table_id, staff_id=staff_id)
        )
        if done is not None:
            self.selected = None
            self.refresh()

    # ------------------------------------------------------------------ rooms

    def ask_new_room(self) -> AddRoomDialog:
        dialog = AddRoomDialog(self._session, self)
        dialog.added.connect(self.show_room)
        return open_dialog(self, dialog)

    def rename_room(self) -> None:
        room = self.room()
        if room is None:
            return
        ctx = self._session.ctx
        zh, en = self.room_form.name_zh_edit.text(), self.room_form.name_en_edit.text()
        self.room_form.name_zh_edit.setModified(False)
        self.room_form.name_en_edit.setModified(False)
        if (
            self._run(
                lambda: venue_admin.rename_room(ctx, room_id=room.room_id, name_zh=zh, name_en=en)
            )
            is None
        ):
            self._show()

    def set_room_kind(self, kind: str) -> None:
        room = self.room()
        if room is not None and kind != room.kind:
            ctx = self._session.ctx
            self._run(lambda: venue_admin.set_room_kind(ctx, room_id=room.room_id, kind=kind))

    def ask_seat_fee(self) -> NumberDialog | None:
        room = self.room()
        if room is None:
            return None
        ctx, staff_id = self._session.ctx, self._session.staff_id
        name = self._session.language.pick(room.name_zh, room.name_en)
        return self._ask_amount(
            self._session.tr("Seat fee per guest in {room}").format(room=name),
            room.seat_fee_fen,
            lambda fen: venue_admin.set_seat_fee(
                ctx, room_id=room.room_id, seat_fee_fen=fen, staff_id=staff_id
            ),
            max_length=7,
        )

    def move_room(self, offset: int) -> None:
        room = self.room()
        if room is not None:
            ctx = self._session.ctx
            self._run(lambda: venue_admin.move_room(ctx, room_id=room.room_id, offset=offset))

    def ask_close_room(self) -> ConfirmDialog | None:
        room = self.room()
        if room is None:
            return None
        tr, lang = self._session.tr, self._session.language
        name = lang.pick(room.name_zh, room.name_en)
        return ask_to_confirm(
            self,
            self._session,
            tr("Close room {room}?").format(room=name),
            tr("All its tables leave the floor plan; their past bills keep them."),
            lambda: self.close_room(room.room_id),
        )

    def close_room(self, room_id: int) -> None:
        ctx, staff_id = self._session.ctx, self._session.staff_id
        self._run(lambda: venue_admin.deactivate_room(ctx, room_id=room_id, staff_id=staff_id))

    # ------------------------------------------------------------------ language, looks

    def _language_changed(self, language: Language) -> None:
        self.plan.set_language(language)
        self.message.dismiss()
        self._retranslate()

    def _retranslate(self) -> None:
        tr = self._session.tr
        self.add_room_button.setText(tr("Add room"))
        self.add_table_button.setText(tr("Add table"))
        self.hint.setText(tr("Drag a table to move it; tap it to change it."))
        room, table = self.room_form, self.table_form
        room.rename_button.setText(tr("Save names"))
        room.kind_label.setText(tr("Kind of room"))
        for kind, button in room.kind_buttons.items():
            button.setText(tr(ROOM_KIND_LABELS[kind]))
        room.left_button.setText(tr("◀ Tab left"))
        room.right_button.setText(tr("Tab right ▶"))
        room.close_button.setText(tr("Close this room"))
        room.hint.setText(tr("Tap a table on the plan to change it."))
        table.rename_button.setText(tr("Rename"))
        for shape, button in table.shape_buttons.items():
            button.setText(tr(SHAPE_LABELS[shape]))
        table.remove_button.setText(tr("Remove table"))
        table.done_button.setText(tr("Done"))
        self._show()

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(panel_style(px))
        self.message.restyle(px)
        self.plan.set_font_scale(self._session.font_scale)
        self._fit_side()

    def _fit_side(self) -> None:
        self.side.setFixedWidth(max(self._session.px(SIDE_PX), round(self.width() * SIDE_SHARE)))

    def resizeEvent(self, event) -> None:
        self._fit_side()
        super().resizeEvent(event)
