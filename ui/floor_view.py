"""The floor plan (桌台图): a tab per room, each table drawn at its place and in its shape, in
its state colour, with its guests, waiter, time seated and amount so far, and badges for
hurried dishes, dishes waiting too long and service steps that are due.

Tapping a table does what the waiter means: a free or reserved table is seated, an occupied
one opens its bill, a paid one offers "Clear table". The rules live in ``app.services``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.domain.errors import N_
from app.domain.table_state import STATE_LABELS, TableState
from app.i18n import Language
from app.services import queries, seating
from app.services.bills import BillStatus
from app.services.coaching import PromptView
from app.services.context import Changes
from app.services.queries import RoomTab, TableTile
from ui.coaching.due_list import DueList
from ui.coaching.look import toggle_style
from ui.seat_dialog import ChooseBillDialog, ClearTableSheet, SeatDialog
from ui.session import UiSession
from ui.widgets import TouchButton
from ui.widgets.flow import FlowLayout

PLAN_WIDTH = 1000
PLAN_HEIGHT = 640

STATE_COLOURS: dict[TableState, str] = {
    TableState.FREE: "#e8f5e9",
    TableState.RESERVED: "#b3e5fc",
    TableState.SEATED: "#fff59d",
    TableState.ORDERED: "#ffcc80",
    TableState.DINING: "#ffab91",
    TableState.BILL_REQUESTED: "#f48fb1",
    TableState.PAID: "#b39ddb",
    TableState.CLEARING: "#cfd8dc",
}
TABLE_EDGE = "#546e7a"
TEXT_COLOUR = "#212121"
PLAN_BACKGROUND = "#fafafa"

LONG_WAIT_MINUTES = 20
"""A dish sent this long ago and not yet served gets the amber clock badge."""
MINUTE_TICK_MS = 20_000
"""How often the time since seated is redrawn; the text changes once a minute."""
DUE_LIST_OPEN_FROM_PX = 1400
"""The "due now" list beside the plan starts open on a screen at least this wide (on a
smaller one its button in the tab row opens it)."""
DUE_LIST_WIDTH = (310, 440)

HURRIED = "hurried"
WAITING = "waiting"
DUE = "due"
BADGE_COLOURS: dict[str, tuple[str, str]] = {  # background, text
    HURRIED: ("#d32f2f", "#ffffff"),
    WAITING: ("#ffb300", "#212121"),
    DUE: ("#1565c0", "#ffffff"),
}
BADGE_LEGEND: dict[str, str] = {
    HURRIED: N_("Hurried dishes"),
    WAITING: N_("Waiting over {minutes} min"),
    DUE: N_("Service steps due"),
}

# how much larger than on the plan a table may be drawn, keeping its centre and a gap to
# its neighbours, so that its text can be read on a small screen
MAX_GROW = 1.5
GAP = 14  # plan units between grown tables
MARGIN = 22  # plan units around the tables, room for badges above the top row
NAME_RATIO = 1.35  # the table's name is this much larger than the lines under it
READABLE_PX = 16  # a layout of lines is used only when its text is at least this size…
SMALLEST_PX = 10  # …unless nothing fits, then the fewest lines down to this size
LARGEST_PX = 26  # no giant letters on a big private room
BADGE_PX = (13, 20)  # badge text grows with the table, within these sizes
REFERENCE_PX = 100  # text is measured once at this size and scaled


@dataclass(frozen=True)
class Badge:
    """A small coloured label on a table's top edge."""

    kind: str  # HURRIED, WAITING or DUE
    text: str
    short: str = ""  # the count alone, when the table is too small for the words


def grow_factor(tiles: list[TableTile]) -> float:
    """The largest scale (1 … MAX_GROW) at which every table, grown around its centre,
    still keeps ``GAP`` to every other table."""
    factor = MAX_GROW
    boxes = [(t.x + t.width / 2, t.y + t.height / 2, t.width / 2, t.height / 2) for t in tiles]
    for i, (cx, cy, hw, hh) in enumerate(boxes):
        for ox, oy, ow, oh in boxes[i + 1 :]:
            apart_x = (abs(cx - ox) - GAP) / (hw + ow)
            apart_y = (abs(cy - oy) - GAP) / (hh + oh)
            factor = min(factor, max(apart_x, apart_y))
            if factor <= 1:
                return 1.0
    return factor


class RoomPlan(QWidget):
    """One room's tables, scaled to fill the widget while keeping the plan's proportions;
    emits ``table_tapped`` with the table's id when a finger lifts on the table it touched."""

    table_tapped = Signal(int)

    def __init__(self, language: Language, now: Callable[[], datetime], parent=None) -> None:
        super().__init__(parent)
        self._language = language
        self._now = now
        self._tiles: list[TableTile] = []
        self._due: dict[int, int] = {}
        self._font_scale = 1.0
        self._grow = 1.0
        self._rects: dict[int, QRectF] = {}  # table id → where it is drawn, widget pixels
        self._geometry_key: tuple = ()
        self._pressed: int | None = None
        self._fonts: dict[tuple[int, bool], QFont] = {}
        self._advances: dict[tuple[str, bool], float] = {}
        self._heights: dict[bool, float] = {}
        self.setMinimumSize(480, 320)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # ------------------------------------------------------------------ what is shown

    def show_tiles(self, tiles: list[TableTile]) -> None:
        """Show these tables; nothing is redrawn when nothing changed."""
        if tiles == self._tiles:
            return
        self._tiles = list(tiles)
        geometry = tuple((t.table_id, t.x, t.y, t.width, t.height) for t in tiles)
        if geometry != self._geometry_key:
            self._geometry_key = geometry
            self._grow = grow_factor(self._tiles)
            self._rects = {}
        self.update()

    def set_due_steps(self, due: dict[int, int]) -> None:
        mine = {t.table_id: due[t.table_id] for t in self._tiles if due.get(t.table_id)}
        if mine != self._due:
            self._due = mine
            self.update()

    def set_language(self, language: Language) -> None:
        self._language = language
        self.update()

    def set_font_scale(self, scale: float) -> None:
        self._font_scale = scale
        self.update()

    def tiles(self) -> list[TableTile]:
        return list(self._tiles)

    def tile_text(self, tile: TableTile) -> list[str]:
        """The lines written on a table, as the waiter reads them (all of them; a small
        table shows the first that fit, see ``shown_text``)."""
        name, state, party, minutes, amount, extra = self._parts(tile)
        progress = " · ".join(p for p in (minutes, amount) if p)
        return [line for line in (name, state, party, progress, extra) if line]

    def shown_text(self, tile: TableTile) -> list[str]:
        """The lines actually drawn on the table at its present size."""
        rect = self.tile_rect(tile.table_id)
        return self._fit(self._text_box(tile, rect), self._layouts(tile))[0]

    def badges(self, tile: TableTile) -> list[Badge]:
        """Hurried dishes, the oldest dish waiting over 20 minutes, service steps due."""
        lang = self._language
        found = []
        if tile.hurried > 0:
            text = lang.gettext("Hurried {count}").format(count=lang.number(tile.hurried))
            found.append(Badge(HURRIED, text, lang.number(tile.hurried)))
        if tile.oldest_unserved_sent_at is not None:
            waited = self._minutes_since(tile.oldest_unserved_sent_at)
            if waited >= LONG_WAIT_MINUTES:
                text = lang.gettext("{minutes} min").format(minutes=lang.number(waited))
                found.append(Badge(WAITING, text, lang.number(waited)))
        if self._due.get(tile.table_id):
            count = lang.number(self._due[tile.table_id])
            found.append(Badge(DUE, lang.gettext("{count} due").format(count=count), count))
        return found

    def tile_rect(self, table_id: int) -> QRectF:
        """Where a table is drawn, in this widget's pixels (tests tap its centre)."""
        if not self._rects:
            self._layout_tiles()
        return QRectF(self._rects[table_id])

    def table_at(self, point: QPointF) -> int | None:
        """The table under a finger, by its shape: a round table's corners are not it."""
        if not self._rects:
            self._layout_tiles()
        for tile in reversed(self._tiles):
            rect = self._rects[tile.table_id]
            if not rect.contains(point):
                continue
            if tile.shape == "round":
                dx = (point.x() - rect.center().x()) / (rect.width() / 2)
                dy = (point.y() - rect.center().y()) / (rect.height() / 2)
                if dx * dx + dy * dy > 1:
                    continue
            return tile.table_id
        return None

    # ------------------------------------------------------------------ taps

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = self.table_at(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._pressed = self._pressed, None
        if pressed is not None and self.table_at(event.position()) == pressed:
            self.table_tapped.emit(pressed)
        event.accept()

    # ------------------------------------------------------------------ geometry

    def resizeEvent(self, event) -> None:
        self._rects = {}
        super().resizeEvent(event)

    def _layout_tiles(self) -> None:
        """Grow the tables around their centres, then fit the room to the widget."""
        grown = {}
        for t in self._tiles:
            w, h = t.width * self._grow, t.height * self._grow
            grown[t.table_id] = QRectF(t.x + t.width / 2 - w / 2, t.y + t.height / 2 - h / 2, w, h)
        if not grown:
            self._rects = {}
            return
        bounds = QRectF()
        for rect in grown.values():
            bounds = bounds.united(rect)
        bounds.adjust(-MARGIN, -MARGIN * 1.5, MARGIN, MARGIN)
        # a room with one or two tables is not blown up to the whole screen
        least_w, least_h = PLAN_WIDTH * 0.6, PLAN_HEIGHT * 0.6
        if bounds.width() < least_w:
            bounds.adjust(-(least_w - bounds.width()) / 2, 0, (least_w - bounds.width()) / 2, 0)
        if bounds.height() < least_h:
            extra = (least_h - bounds.height()) / 2
            bounds.adjust(0, -extra, 0, extra)
        scale = min(self.width() / bounds.width(), self.height() / bounds.height())
        left = (self.width() - bounds.width() * scale) / 2 - bounds.left() * scale
        top = (self.height() - bounds.height() * scale) / 2 - bounds.top() * scale
        self._rects = {
            table_id: QRectF(
                left + r.x() * scale, top + r.y() * scale, r.width() * scale, r.height() * scale
            )
            for table_id, r in grown.items()
        }

    # ------------------------------------------------------------------ text

    def _minutes_since(self, moment: datetime) -> int:
        return max(0, int((self._now() - moment).total_seconds() // 60))

    def _parts(self, tile: TableTile) -> tuple[str, str, str, str, str, str]:
        """name, state, guests · waiter, time seated, amount, and seats or merged-into."""
        lang = self._language
        state = lang.gettext(STATE_LABELS[tile.state])
        party = []
        if tile.guests:
            party.append(lang.gettext("{guests} guests").format(guests=lang.number(tile.guests)))
        if tile.waiter:
            party.append(tile.waiter)
        minutes = ""
        if tile.seated_at:
            minutes = lang.gettext("{minutes} min").format(
                minutes=lang.number(self._minutes_since(tile.seated_at))
            )
        amount = lang.money(tile.amount_fen) if tile.amount_fen else ""
        if tile.merged_into_table:
            extra = lang.gettext("merged into {table}").format(table=tile.merged_into_table)
        elif tile.state in (TableState.FREE, TableState.RESERVED):
            extra = lang.gettext("{seats} seats").format(seats=lang.number(tile.seats))
        else:
            extra = ""
        return tile.name, state, " · ".join(party), minutes, amount, extra

    def _layouts(self, tile: TableTile) -> list[list[tuple[str, ...]]]:
        """Ways to write a table, most complete first, in groups that tell the same: within
        a group the one written largest is used. When space is short the state goes first
        (its colour and the legend still tell it), then the time, then the waiter."""
        name, state, _, minutes, amount, extra = self._parts(tile)
        lang = self._language
        guests = (
            lang.gettext("{guests} guests").format(guests=lang.number(tile.guests))
            if tile.guests
            else ""
        )
        waiter = tile.waiter
        party = " · ".join(p for p in (guests, waiter) if p)
        progress = " · ".join(p for p in (minutes, amount) if p)
        groups = [
            [
                (name, state, party, progress, extra),
                (name, state, party, minutes, amount, extra),
                (name, state, guests, waiter, progress, extra),
                (name, state, guests, waiter, minutes, amount, extra),
            ],
            [
                (name, party, progress, extra),
                (name, guests, waiter, progress, extra),
                (name, party, minutes, amount, extra),
                (name, guests, waiter, minutes, amount, extra),
            ],
            [(name, party, amount, extra), (name, guests, waiter, amount, extra)],
            [(name, guests, amount, extra)],
            [(name, guests, waiter, extra), (name, party, extra)],  # an amount too wide
            [(name, guests, extra)],
            [(name, amount or extra or state)],
            [(name,)],
        ]
        seen: set[tuple[str, ...]] = set()
        layouts = []
        for group in groups:
            kept = []
            for candidate in group:
                lines = tuple(line for line in candidate if line)
                if lines not in seen:
                    seen.add(lines)
                    kept.append(lines)
            if kept:
                layouts.append(kept)
        return layouts

    def _font(self, px: int, bold: bool) -> QFont:
        key = (px, bold)
        font = self._fonts.get(key)
        if font is None:
            font = QFont(self.font())
            font.setPixelSize(max(1, px))
            font.setBold(bold)
            self._fonts[key] = font
        return font

    def _advance(self, text: str, bold: bool) -> float:
        """Width of ``text`` at the reference size; text widths grow with the font size."""
        key = (text, bold)
        width = self._advances.get(key)
        if width is None:
            if len(self._advances) > 5000:
                self._advances.clear()
            width = QFontMetricsF(self._font(REFERENCE_PX, bold)).horizontalAdvance(text)
            self._advances[key] = width
        return width

    def _line_height(self, bold: bool) -> float:
        if bold not in self._heights:
            self._heights[bold] = QFontMetricsF(self._font(REFERENCE_PX, bold)).height()
        return self._heights[bold]

    def _body_px(self, box: QRectF, lines: tuple[str, ...]) -> float:
        """The largest body size at which these lines fit the box (name NAME_RATIO larger)."""
        widest = max(
            [self._advance(lines[0], True) * NAME_RATIO]
            + [self._advance(line, False) for line in lines[1:]]
        )
        tall = self._line_height(True) * NAME_RATIO + self._line_height(False) * (len(lines) - 1)
        size = REFERENCE_PX * 0.95 * min(box.width() / max(widest, 1), box.height() / tall)
        return min(size, LARGEST_PX * self._font_scale)

    def _fit(self, box: QRectF, layouts: list[list[tuple[str, ...]]]) -> tuple[list[str], int]:
        """The most complete layout readable in the box, and its body size in pixels."""
        best = []
        for group in layouts:
            sized = [(self._body_px(box, lines), lines) for lines in group]
            best.append(max(sized, key=lambda pair: pair[0]))
        for least in (READABLE_PX * self._font_scale, SMALLEST_PX):
            for size, lines in best:
                if size >= least:
                    return list(lines), int(size)
        size, lines = best[-1]
        return list(lines), int(max(SMALLEST_PX / 2, size))

    @staticmethod
    def _text_box(tile: TableTile, rect: QRectF) -> QRectF:
        if tile.shape == "round":  # the widest box that stays inside the circle
            return rect.adjusted(
                rect.width() * 0.10,
                rect.height() * 0.21,
                -rect.width() * 0.10,
                -rect.height() * 0.21,
            )
        inset = max(3.0, min(rect.width(), rect.height()) * 0.06)
        return rect.adjusted(inset, inset, -inset, -inset)

    # ------------------------------------------------------------------ painting

    def paintEvent(self, _event) -> None:
        if not self._rects:
            self._layout_tiles()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(PLAN_BACKGROUND))
        edge = QPen(QColor(TABLE_EDGE), 2)
        text_pen = QPen(QColor(TEXT_COLOUR))
        for tile in self._tiles:
            rect = self._rects[tile.table_id]
            painter.setPen(edge)
            painter.setBrush(QColor(STATE_COLOURS[tile.state]))
            if tile.shape == "round":
                painter.drawEllipse(rect)
            else:
                painter.drawRoundedRect(rect, 8, 8)
            painter.setPen(text_pen)
            box = self._text_box(tile, rect)
            lines, body_px = self._fit(box, self._layouts(tile))
            self._draw_lines(painter, box, lines, body_px)
        for tile in self._tiles:
            badges = self.badges(tile)
            if badges:
                self._draw_badges(painter, self._rects[tile.table_id], badges)
        painter.end()

    def _draw_lines(self, painter: QPainter, box: QRectF, lines: list[str], body_px: int) -> None:
        name_px = int(body_px * NAME_RATIO)
        name_font, body_font = self._font(name_px, True), self._font(body_px, False)
        name_h = self._line_height(True) * name_px / REFERENCE_PX
        body_h = self._line_height(False) * body_px / REFERENCE_PX
        top = box.center().y() - (name_h + body_h * (len(lines) - 1)) / 2
        flags = Qt.AlignmentFlag.AlignCenter
        # a few pixels of slack each side: the measured widths are scaled, not exact
        painter.setFont(name_font)
        painter.drawText(QRectF(box.left() - 4, top, box.width() + 8, name_h), flags, lines[0])
        painter.setFont(body_font)
        y = top + name_h
        for line in lines[1:]:
            painter.drawText(QRectF(box.left() - 4, y, box.width() + 8, body_h), flags, line)
            y += body_h

    def _draw_badges(self, painter: QPainter, rect: QRectF, badges: list[Badge]) -> None:
        """Pills on the table's top edge, from its right corner leftwards."""
        least, most = BADGE_PX
        side = min(rect.width(), rect.height())
        px = int(min(most, max(least, side * 0.13)) * self._font_scale)
        if side < 70:  # a crowded plan: small badges, still there
            px = max(SMALLEST_PX, int(px * side / 70))
        font = self._font(px, True)
        metrics = QFontMetricsF(font)
        texts = [badge.text for badge in badges]
        wanted = self._badges_width(metrics, badges, texts)
        if wanted > rect.width():  # the colours and the clock say what the numbers count
            texts = [badge.short or badge.text for badge in badges]
            wanted = self._badges_width(metrics, badges, texts)
        if wanted > rect.width() and px > least:
            # narrower, so that they stay over their own table and off the next one's,
            # but no smaller than a badge may be (they may reach over a small neighbour)
            px = max(least, int(px * rect.width() / wanted))
            font = self._font(px, True)
            metrics = QFontMetricsF(font)
        height = metrics.height() + 6
        right = rect.right() - 2
        top = rect.top() - height / 2
        painter.setFont(font)
        for badge, text in reversed(list(zip(badges, texts, strict=True))):
            icon = height * 0.7 if badge.kind == WAITING else 0.0
            width = metrics.horizontalAdvance(text) + 14 + (icon + 4 if icon else 0)
            pill = QRectF(right - width, top, width, height)
            background, foreground = BADGE_COLOURS[badge.kind]
            painter.setPen(QPen(QColor("#ffffff"), 1.5))
            painter.setBrush(QColor(background))
            painter.drawRoundedRect(pill, height / 2, height / 2)
            painter.setPen(QColor(foreground))
            text_rect = pill.adjusted(7 + (icon + 4 if icon else 0), 0, -7, 0)
            if icon:
                self._draw_clock(
                    painter,
                    QRectF(pill.left() + 7, pill.top() + (height - icon) / 2, icon, icon),
                    QColor(foreground),
                )
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, text)
            right = pill.left() - 3

    @staticmethod
    def _badges_width(metrics: QFontMetricsF, badges: list[Badge], texts: list[str]) -> float:
        """How wide the pills are side by side, gaps included."""
        clock = (metrics.height() + 6) * 0.7 + 4  # the clock drawn before the minutes
        widths = [
            metrics.horizontalAdvance(text) + 14 + (clock if badge.kind == WAITING else 0)
            for badge, text in zip(badges, texts, strict=True)
        ]
        return sum(widths) + 3 * (len(widths) - 1)

    @staticmethod
    def _draw_clock(painter: QPainter, rect: QRectF, colour: QColor) -> None:
        painter.save()
        painter.setPen(QPen(colour, max(1.5, rect.width() / 9)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect)
        centre = rect.center()
        painter.drawLine(centre, QPointF(centre.x(), rect.top() + rect.height() * 0.22))
        painter.drawLine(centre, QPointF(rect.right() - rect.width() * 0.25, centre.y()))
        painter.restore()


class FloorView(QWidget):
    """Tabs of rooms over a legend of the state colours and badges; emits
    ``table_tapped`` for any room's table."""

    table_tapped = Signal(int)

    def __init__(self, language: Language, now: Callable[[], datetime], parent=None) -> None:
        super().__init__(parent)
        self._language = language
        self._now = now
        self._font_scale = 1.0
        self._due: dict[int, int] = {}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.plans: dict[int, RoomPlan] = {}
        self._rooms: list[RoomTab] = []
        self.legend = QWidget()
        self.legend_labels: dict[TableState, QLabel] = {}
        self.badge_labels: dict[str, QLabel] = {}
        legend_layout = FlowLayout(self.legend)
        legend_layout.setContentsMargins(0, 4, 0, 0)
        for state in STATE_COLOURS:
            label = QLabel()
            self.legend_labels[state] = label
            legend_layout.addWidget(label)
        legend_layout.addWidget(QWidget(minimumWidth=10))
        for kind in BADGE_LEGEND:
            label = QLabel()
            self.badge_labels[kind] = label
            legend_layout.addWidget(label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.legend)
        self._restyle()
        self._retranslate()

    def show_floor(self, rooms: list[RoomTab], tiles: list[TableTile]) -> None:
        """Rooms as tabs (kept when they did not change) and each room's tables."""
        if rooms != self._rooms:
            current = self.current_room()
            self.tabs.clear()
            for old in self.plans.values():
                old.deleteLater()
            self.plans.clear()
            for room in rooms:
                plan = RoomPlan(self._language, self._now)
                plan.set_font_scale(self._font_scale)
                plan.table_tapped.connect(self.table_tapped)
                self.plans[room.room_id] = plan
                self.tabs.addTab(plan, "")
            self._rooms = list(rooms)
            if current in self.plans:
                self.tabs.setCurrentWidget(self.plans[current])
            self._retranslate()
        by_room: dict[int, list[TableTile]] = {room_id: [] for room_id in self.plans}
        for tile in tiles:
            if tile.room_id in by_room:
                by_room[tile.room_id].append(tile)
        for room_id, plan in self.plans.items():
            plan.show_tiles(by_room[room_id])
            plan.set_due_steps(self._due)

    def current_room(self) -> int | None:
        plan = self.tabs.currentWidget()
        return next((room_id for room_id, p in self.plans.items() if p is plan), None)

    def plan_of(self, table_id: int) -> RoomPlan | None:
        for plan in self.plans.values():
            if any(tile.table_id == table_id for tile in plan.tiles()):
                return plan
        return None

    def set_due_steps(self, due: dict[int, int]) -> None:
        self._due = dict(due)
        for plan in self.plans.values():
            plan.set_due_steps(self._due)

    def set_language(self, language: Language) -> None:
        self._language = language
        for plan in self.plans.values():
            plan.set_language(language)
        self._retranslate()

    def set_font_scale(self, scale: float) -> None:
        self._font_scale = scale
        for plan in self.plans.values():
            plan.set_font_scale(scale)
        self._restyle()

    def tick(self) -> None:
        """Redraw the room on show, so the minutes since seated move on."""
        plan = self.tabs.currentWidget()
        if plan is not None:
            plan.update()

    def _restyle(self) -> None:
        px = lambda size: round(size * self._font_scale)  # noqa: E731
        self.tabs.setStyleSheet(
            f"QTabBar::tab {{ font-size: {px(19)}px; min-height: 48px; min-width: 110px;"
            f" padding: 0 22px; }}"
            " QTabBar::tab:selected { font-weight: bold; background: #ffffff;"
            " border-bottom: 3px solid #1565c0; }"
        )
        chip = f"font-size: {px(16)}px; border-radius: 4px; padding: 4px 8px;"
        for state, label in self.legend_labels.items():
            label.setStyleSheet(
                f"QLabel {{ {chip} background: {STATE_COLOURS[state]};"
                f" border: 1px solid {TABLE_EDGE}; color: {TEXT_COLOUR}; }}"
            )
        for kind, label in self.badge_labels.items():
            background, foreground = BADGE_COLOURS[kind]
            label.setStyleSheet(
                f"QLabel {{ {chip} font-weight: bold; background: {background};"
                f" color: {foreground}; border-radius: 12px; }}"
            )

    def _retranslate(self) -> None:
        lang = self._language
        for index, room in enumerate(self._rooms):
            self.tabs.setTabText(index, lang.pick(room.name_zh, room.name_en))
        for state, label in self.legend_labels.items():
            label.setText(lang.gettext(STATE_LABELS[state]))
        for kind, label in self.badge_labels.items():
            label.setText(
                lang.gettext(BADGE_LEGEND[kind]).format(minutes=lang.number(LONG_WAIT_MINUTES))
            )


class FloorScreen(QWidget):
    """The floor as waiters use it: tap a table to seat it, open its bill or clear it.
    Beside the plan, the service steps due across the floor (``due_list``), opened and
    closed with ``due_toggle`` in the row of room tabs.

    ``bill_opened(bill_id)`` asks the main window to show that bill on the order screen.
    ``dialog`` is the seat dialog, clear-table sheet or bill choice opened by the last tap.
    """

    bill_opened = Signal(int)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._tiles: dict[int, TableTile] = {}
        self._rooms: list[RoomTab] | None = None
        self._stale = True
        self.dialog: SeatDialog | ClearTableSheet | ChooseBillDialog | None = None
        self.floor = FloorView(session.language, session.now)
        self.floor.set_font_scale(session.font_scale)
        self.floor.table_tapped.connect(self.tap_table)
        self.due_list = DueList(session)
        self.due_list.bill_opened.connect(self.bill_opened)
        self.due_list.count_changed.connect(self._badge_due_steps)
        self.due_list.hide()
        self._due_list_chosen = False  # staff opened or closed it: their choice stays
        self.due_toggle = TouchButton()
        self.due_toggle.setCheckable(True)
        self.due_toggle.clicked.connect(self.show_due_list)
        corner = QWidget()  # its layout makes the corner as tall as the finger-sized button
        corner_row = QHBoxLayout(corner)
        corner_row.setContentsMargins(6, 0, 0, 2)
        corner_row.addWidget(self.due_toggle)
        self.floor.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.floor, 1)
        layout.addWidget(self.due_list)
        self._minute = QTimer(self)
        self._minute.timeout.connect(self.floor.tick)
        self._minute.start(MINUTE_TICK_MS)
        session.changed.connect(self._store_changed)
        session.language_changed.connect(self.floor.set_language)
        session.language_changed.connect(self._retranslate)
        session.style_changed.connect(self._restyle)
        self._restyle()
        self.refresh()

    # ------------------------------------------------------------------ what is shown

    def refresh(self) -> None:
        """Re-read the floor from the store (rooms, then tables) and redraw what changed."""
        ctx = self._session.ctx
        self._rooms = queries.rooms(ctx)
        tiles = queries.floor_snapshot(ctx)
        self._tiles = {tile.table_id: tile for tile in tiles}
        self.floor.show_floor(self._rooms, tiles)
        self._stale = False

    def set_due_steps(self, due: dict[int, int]) -> None:
        """Table id → number of service steps due there, drawn as a blue badge."""
        self.floor.set_due_steps(due)

    def show_prompts(self, views: list[PromptView]) -> None:
        """The service steps due across the floor: the list beside the plan, a badge with
        the count on each table, the count on the list's button."""
        self.due_list.show_prompts(views)  # badges follow what the list shows (see below)

    def _badge_due_steps(self, *_: object) -> None:
        """A badge with the count on each table of the steps the list shows (a waiter's
        own tables, or everyone's), so the plan and the list always agree."""
        counts: dict[int, int] = {}
        for view in self.due_list.views:
            if view.table_id is not None:
                counts[view.table_id] = counts.get(view.table_id, 0) + 1
        self.set_due_steps(counts)
        self._retranslate()

    def show_due_list(self, shown: bool) -> None:
        """Open or close the "due now" list (the plan takes the room back)."""
        self._due_list_chosen = True
        self._set_due_list(shown)

    def _set_due_list(self, shown: bool) -> None:
        self.due_toggle.setChecked(shown)
        self.due_list.setVisible(shown)
        self._size_due_list()

    def _size_due_list(self) -> None:
        least, most = DUE_LIST_WIDTH
        px = self._session.px
        self.due_list.setFixedWidth(min(max(px(least), round(self.width() * 0.25)), px(most)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._due_list_chosen:
            self._set_due_list(event.size().width() >= DUE_LIST_OPEN_FROM_PX)
        else:
            self._size_due_list()

    def _retranslate(self, *_: object) -> None:
        tr = self._session.tr
        count = len(self.due_list.views)
        self.due_toggle.setText(
            tr("Due now: {count}").format(count=self._session.language.number(count))
            if count
            else tr("Due now")
        )
        style = toggle_style(self._session.px, bool(count))
        if style != self.due_toggle.styleSheet():  # only when it turns blue or back
            self.due_toggle.setStyleSheet(style)

    def tile(self, table_id: int) -> TableTile | None:
        return self._tiles.get(table_id)

    def _store_changed(self, changes: Changes) -> None:
        """Read again once the tap that changed the store has shown its own effect (the
        screen it opens comes first); a hidden floor reads again when it is shown."""
        if changes.tables or changes.bills or changes.lines:
            self._stale = True
            QTimer.singleShot(0, self, self._refresh_if_shown)

    def _refresh_if_shown(self) -> None:
        if self._stale and self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def _restyle(self) -> None:
        self.floor.set_font_scale(self._session.font_scale)
        self._size_due_list()
        self._retranslate()

    # ------------------------------------------------------------------ taps

    def tap_table(self, table_id: int) -> None:
        """Free or reserved: seat it. Occupied: open its bill (or ask which of several).
        Paid or clearing: offer to clear it. A table merged into another opens that bill."""
        tile = self._tiles.get(table_id)
        if tile is None:
            return
        if tile.merged_into_table:
            target = next(
                (t for t in self._tiles.values() if t.name == tile.merged_into_table), None
            )
            if target is not None and target.bill_ids:
                self._open_one_of(target)
            return
        if tile.state in (TableState.FREE, TableState.RESERVED):
            dialog = SeatDialog(self._session, tile, self)
            dialog.seated.connect(self.bill_opened)
            dialog.refused.connect(self.refresh)
            self._show_dialog(dialog)
        elif tile.state in (TableState.PAID, TableState.CLEARING):
            sheet = ClearTableSheet(self._session, tile, self)
            sheet.clear_requested.connect(lambda: self._clear(sheet, tile))
            sheet.open_requested.connect(lambda: self._open_after_payment(sheet, tile))
            self._show_dialog(sheet)
        elif tile.bill_ids:
            self._open_one_of(tile)

    def _open_one_of(self, tile: TableTile) -> None:
        if len(tile.bill_ids) == 1:
            self.bill_opened.emit(tile.bill_ids[0])
            return
        chooser = ChooseBillDialog(self._session, tile, self)
        chooser.chosen.connect(self.bill_opened)
        self._show_dialog(chooser)

    def _clear(self, sheet: ClearTableSheet, tile: TableTile) -> None:
        ctx = self._session.ctx
        done = self._session.run(
            lambda: seating.clear_table(ctx, table_id=tile.table_id), on_error=sheet.show_error
        )
        if done is None:
            self.refresh()
            return
        sheet.accept()
        lang = self._session.language
        self._session.info.emit(
            lang.gettext("Table {table} is cleared and free.").format(table=tile.name)
        )

    def _open_after_payment(self, sheet: ClearTableSheet, tile: TableTile) -> None:
        """The table's bill still open, else the last bill paid there."""
        if tile.bill_ids:
            bill_id = tile.bill_ids[0]
        else:
            bill_id = next(
                (
                    bill.bill_id
                    for bill in queries.recent_bills(self._session.ctx, limit=200)
                    if bill.table == tile.name and bill.status == BillStatus.PAID
                ),
                None,
            )
        if bill_id is None:
            lang = self._session.language
            sheet.show_error(
                lang.gettext("No paid bill was found for table {table}.").format(table=tile.name)
            )
            return
        sheet.accept()
        self.bill_opened.emit(bill_id)

    def _show_dialog(self, dialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()
