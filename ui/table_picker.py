"""A mini floor plan to pick tables (转台 / 并台 targets): a tab per room, each table a large
button at its place on the plan, in its state colour, with its name, state and guests.

Tables the action cannot use are greyed out and cannot be tapped; the chosen ones get a
thick blue border and a tick.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.domain.table_state import STATE_LABELS
from app.services import queries
from app.services.queries import RoomTab, TableTile
from ui.floor_view import STATE_COLOURS
from ui.session import UiSession
from ui.widgets import TouchButton
from ui.widgets.touch import NORMAL_PX

TICK = "✓"
PLAN_MARGIN = 8
"""Space kept free around the plan, in pixels."""
LARGEST_TEXT = 22
SMALLEST_TEXT = 15
GROWTH = 1.4
"""Tables on the mini plan may be drawn up to this much larger than on the floor plan, to
give fingers and text more room where the plan has space between tables."""
"""Text on a table shrinks from LARGEST_TEXT to SMALLEST_TEXT px before lines are dropped."""

Allowed = Callable[[TableTile], bool]


def _anything(_tile: TableTile) -> bool:
    return True


class TableButton(TouchButton):
    """One table on the mini plan: name, state and guests, in the state colour."""

    def __init__(self, session: UiSession, tile: TableTile, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._session = session
        self.tile = tile
        self.chosen = False
        self._shown: list[str] = []

    def show_tile(self, tile: TableTile, *, chosen: bool, enabled: bool) -> None:
        self.tile = tile
        self.chosen = chosen
        self.setEnabled(enabled)
        self._refit()

    def lines(self) -> list[str]:
        """What the table says, most important first: name, state, guests."""
        lang = self._session.language
        name = f"{TICK} {self.tile.name}" if self.chosen else self.tile.name
        lines = [name, lang.gettext(STATE_LABELS[self.tile.state])]
        if self.tile.guests:
            lines.append(
                lang.gettext("{guests} guests").format(guests=lang.number(self.tile.guests))
            )
        elif self.tile.merged_into_table:
            lines.append(f"→ {self.tile.merged_into_table}")
        return lines

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit()

    def _refit(self) -> None:
        """The largest text that fits the table; the guests, then the state, make way
        when even the smallest does not (the colour still tells the state)."""
        lines = self.lines()
        border = 12 if self.chosen else 6
        width = self.width() - 2 * border - 4
        height = self.height() - 2 * border
        if self.tile.shape == "round":  # the text sits in the square inside the circle
            width = round(self.width() * 0.72) - 4
            height = round(self.height() * 0.72)
        bold = self.chosen
        sizes = range(self._session.px(LARGEST_TEXT), self._session.px(SMALLEST_TEXT) - 1, -1)
        size = self._session.px(SMALLEST_TEXT)
        shown = lines[:1]
        for candidate in lines, lines[:2], lines[:1]:
            fitting = next((s for s in sizes if _fits(candidate, s, width, height, bold)), None)
            if fitting is not None:
                size, shown = fitting, candidate
                break
        if not _fits(shown, size, width, height, bold):
            font = _font(size, bold)
            shown = [QFontMetrics(font).elidedText(shown[0], Qt.TextElideMode.ElideRight, width)]
        self._shown = shown
        self.setText("\n".join(shown))
        self._style(size)

    def _style(self, size: int) -> None:
        tile = self.tile
        radius = min(self.width(), self.height()) // 2 if tile.shape == "round" else 8
        if self.chosen:
            border = "5px solid #0d47a1"
        elif self.isEnabled():
            border = "2px solid #546e7a"
        else:
            border = "2px dashed #b0bec5"
        colour = STATE_COLOURS[tile.state]
        text = "#212121" if self.isEnabled() else "#90a4ae"
        weight = "bold" if self.chosen else "normal"
        self.setStyleSheet(
            f"QPushButton {{ background: {colour}; color: {text}; border: {border};"
            f" border-radius: {radius}px; font-size: {size}px; font-weight: {weight};"
            " padding: 2px; }"
        )


def _font(size: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(size)
    font.setBold(bold)
    return font


def _fits(lines: list[str], size: int, width: int, height: int, bold: bool) -> bool:
    metrics = QFontMetrics(_font(size, bold))
    return (
        max(metrics.horizontalAdvance(line) for line in lines) <= width
        and metrics.lineSpacing() * len(lines) <= height
    )


class RoomBoard(QWidget):
    """One room of the mini plan: its tables placed and scaled to fill the board."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[int, TableButton] = {}
        self.setMinimumSize(360, 220)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.place()

    def place(self) -> None:
        """Scale the room's plan to the board, keeping its proportions. Tables grow about
        their centres as far as their neighbours allow (up to GROWTH), and never get
        smaller than a finger (48 px)."""
        tiles = [button.tile for button in self.buttons.values()]
        if not tiles:
            return
        grow = _room_to_grow(tiles)
        rects = {
            tile.table_id: (
                tile.x + tile.width / 2,
                tile.y + tile.height / 2,
                tile.width * grow,
                tile.height * grow,
            )
            for tile in tiles
        }
        left = min(cx - w / 2 for cx, _, w, _ in rects.values())
        top = min(cy - h / 2 for _, cy, _, h in rects.values())
        right = max(cx + w / 2 for cx, _, w, _ in rects.values())
        bottom = max(cy + h / 2 for _, cy, _, h in rects.values())
        room_width, room_height = max(1.0, right - left), max(1.0, bottom - top)
        scale = min(
            (self.width() - 2 * PLAN_MARGIN) / room_width,
            (self.height() - 2 * PLAN_MARGIN) / room_height,
        )
        offset_x = (self.width() - room_width * scale) / 2
        offset_y = (self.height() - room_height * scale) / 2
        for table_id, button in self.buttons.items():
            centre_x, centre_y, plan_width, plan_height = rects[table_id]
            width = max(NORMAL_PX, round(plan_width * scale))
            height = max(NORMAL_PX, round(plan_height * scale))
            x = offset_x + (centre_x - left) * scale - width / 2
            y = offset_y + (centre_y - top) * scale - height / 2
            button.setGeometry(round(x), round(y), width, height)


def _room_to_grow(tiles: list[TableTile]) -> float:
    """How much every table can grow about its centre before two of them would touch
    (keeping a tenth of the gap), at most GROWTH."""
    grow = GROWTH
    for index, one in enumerate(tiles):
        for other in tiles[index + 1 :]:
            dx = abs((one.x + one.width / 2) - (other.x + other.width / 2))
            dy = abs((one.y + one.height / 2) - (other.y + other.height / 2))
            half_w = (one.width + other.width) / 2 or 1
            half_h = (one.height + other.height) / 2 or 1
            grow = min(grow, 0.9 * max(dx / half_w, dy / half_h))
    return max(1.0, grow)


class TablePicker(QWidget):
    """Tap tables on a mini floor plan. ``multi``: each tap adds or removes a table;
    otherwise a tap chooses that one table. Only tables ``allowed`` says yes to can be
    tapped. ``selection_changed`` carries the chosen table ids."""

    selection_changed = Signal(list)

    def __init__(
        self,
        session: UiSession,
        *,
        multi: bool = False,
        allowed: Allowed | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._multi = multi
        self._allowed: Allowed = allowed or _anything
        self._rooms: list[RoomTab] = []
        self._selected: list[int] = []
        self.tiles: dict[int, TableTile] = {}
        self.boards: dict[int, RoomBoard] = {}
        self.buttons: dict[int, TableButton] = {}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setExpanding(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        session.language_changed.connect(self._retranslate)
        session.style_changed.connect(self._restyle)
        self._restyle()
        self.refresh()

    # -- what the dialogs ask -----------------------------------------------------------------

    def selected(self) -> list[int]:
        """The chosen table ids, in the order they were tapped."""
        return list(self._selected)

    def is_allowed(self, table_id: int) -> bool:
        tile = self.tiles.get(table_id)
        return tile is not None and bool(self._allowed(tile))

    def choose(self, table_id: int) -> None:
        """As if the table were tapped: choose it (or, with ``multi``, add or remove it).
        A table that cannot be used is ignored."""
        if not self.is_allowed(table_id):
            return
        if not self._multi:
            chosen = [table_id]
        elif table_id in self._selected:
            chosen = [t for t in self._selected if t != table_id]
        else:
            chosen = [*self._selected, table_id]
        self.show_room(self.tiles[table_id].room_id)
        self._set_selection(chosen)

    def clear_selection(self) -> None:
        self._set_selection([])

    def set_allowed(self, allowed: Allowed) -> None:
        """Change which tables can be tapped; chosen tables that no longer can be are let go."""
        self._allowed = allowed
        self._redraw()
        self._set_selection([t for t in self._selected if self.is_allowed(t)])

    def show_room(self, room_id: int) -> None:
        board = self.boards.get(room_id)
        if board is not None:
            self.tabs.setCurrentWidget(board)

    def refresh(self) -> None:
        """Read the floor again: states, guests and which tables can be tapped now."""
        rooms = queries.rooms(self._session.ctx)
        tiles = queries.floor_snapshot(self._session.ctx)
        if [r.room_id for r in rooms] != [r.room_id for r in self._rooms]:
            self._build_boards(rooms)
        self.tiles = {tile.table_id: tile for tile in tiles}
        for tile in tiles:
            board = self.boards.get(tile.room_id)
            if board is None:
                continue
            button = self.buttons.get(tile.table_id)
            if button is None:
                button = TableButton(self._session, tile, board)
                button.clicked.connect(lambda _=False, t=tile.table_id: self.choose(t))
                board.buttons[tile.table_id] = button
                self.buttons[tile.table_id] = button
            button.tile = tile
        for table_id in [t for t in self.buttons if t not in self.tiles]:
            button = self.buttons.pop(table_id)
            for board in self.boards.values():
                board.buttons.pop(table_id, None)
            button.deleteLater()
        for board in self.boards.values():
            board.place()
        self._redraw()
        self._set_selection([t for t in self._selected if self.is_allowed(t)])
        self._retranslate()

    # -- drawing ------------------------------------------------------------------------------

    def _build_boards(self, rooms: list[RoomTab]) -> None:
        self.tabs.clear()
        for board in self.boards.values():
            board.deleteLater()
        self.boards = {room.room_id: RoomBoard() for room in rooms}
        self.buttons = {}
        for room in rooms:
            self.tabs.addTab(self.boards[room.room_id], "")
        self._rooms = rooms

    def _set_selection(self, chosen: list[int]) -> None:
        changed = chosen != self._selected
        self._selected = chosen
        self._redraw()
        if changed:
            self.selection_changed.emit(self.selected())

    def _redraw(self) -> None:
        for table_id, button in self.buttons.items():
            tile = self.tiles[table_id]
            button.show_tile(
                tile, chosen=table_id in self._selected, enabled=bool(self._allowed(tile))
            )

    def _retranslate(self, *_args: object) -> None:
        lang = self._session.language
        for index, room in enumerate(self._rooms):
            self.tabs.setTabText(index, lang.pick(room.name_zh, room.name_en))
        self._redraw()

    def _restyle(self) -> None:
        px = self._session.px
        self.tabs.setStyleSheet(
            f"QTabBar::tab {{ font-size: {px(18)}px; min-height: {NORMAL_PX}px;"
            " min-width: 96px; padding: 0 18px; margin-right: 6px; background: #eceff1;"
            " border: 1px solid #cfd8dc; border-bottom: 4px solid #cfd8dc; }"
            " QTabBar::tab:selected { background: white; color: #0d47a1;"
            " border-bottom: 4px solid #1565c0; }"
        )
        self._redraw()
