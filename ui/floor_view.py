"""The floor plan: a tab per room, each table drawn at its place in its state colour with
its guests, waiter, time seated and amount so far."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.domain.table_state import STATE_LABELS, TableState
from app.i18n import Language
from app.services.queries import RoomTab, TableTile

PLAN_WIDTH = 1000
PLAN_HEIGHT = 640

STATE_COLOURS: dict[TableState, str] = {
    TableState.FREE: "#e8f5e9",
    TableState.RESERVED: "#e3f2fd",
    TableState.SEATED: "#fff8e1",
    TableState.ORDERED: "#ffe0b2",
    TableState.DINING: "#ffcc80",
    TableState.BILL_REQUESTED: "#f8bbd0",
    TableState.PAID: "#d1c4e9",
    TableState.CLEARING: "#cfd8dc",
}


class RoomPlan(QWidget):
    """One room's tables, scaled to fit the widget while keeping the plan's proportions."""

    def __init__(self, language: Language, now: Callable[[], datetime], parent=None) -> None:
        super().__init__(parent)
        self._language = language
        self._now = now
        self._tiles: list[TableTile] = []
        self.setMinimumSize(480, 320)

    def show_tiles(self, tiles: list[TableTile]) -> None:
        self._tiles = tiles
        self.update()

    def set_language(self, language: Language) -> None:
        self._language = language
        self.update()

    def tiles(self) -> list[TableTile]:
        return list(self._tiles)

    def tile_text(self, tile: TableTile) -> list[str]:
        """The lines written on a table, as the waiter reads them."""
        lang = self._language
        lines = [tile.name, lang.gettext(STATE_LABELS[tile.state])]
        party = []
        if tile.guests:
            party.append(lang.gettext("{guests} guests").format(guests=lang.number(tile.guests)))
        if tile.waiter:
            party.append(tile.waiter)
        if party:
            lines.append(" · ".join(party))
        progress = []
        if tile.seated_at:
            minutes = max(0, int((self._now() - tile.seated_at).total_seconds() // 60))
            progress.append(lang.gettext("{minutes} min").format(minutes=lang.number(minutes)))
        if tile.amount_fen:
            progress.append(lang.money(tile.amount_fen))
        if progress:
            lines.append(" · ".join(progress))
        if tile.merged_into_table:
            lines.append(lang.gettext("merged into {table}").format(table=tile.merged_into_table))
        return lines

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#fafafa"))
        scale = min(self.width() / PLAN_WIDTH, self.height() / PLAN_HEIGHT)
        for tile in self._tiles:
            rect = QRectF(tile.x * scale, tile.y * scale, tile.width * scale, tile.height * scale)
            painter.setPen(QPen(QColor("#546e7a"), 2))
            painter.setBrush(QColor(STATE_COLOURS[tile.state]))
            if tile.shape == "round":
                painter.drawEllipse(rect)
                inner = rect.adjusted(
                    rect.width() * 0.15,
                    rect.height() * 0.15,
                    -rect.width() * 0.15,
                    -rect.height() * 0.15,
                )
            else:
                painter.drawRoundedRect(rect, 8, 8)
                inner = rect.adjusted(4, 4, -4, -4)
            self._draw_fitted(painter, inner, self.tile_text(tile))
        painter.end()

    def _draw_fitted(self, painter: QPainter, rect: QRectF, lines: list[str]) -> None:
        """The name large, the rest smaller, both shrunk until every line fits the table."""
        name_font = QFont(self.font())
        name_font.setBold(True)
        body_font = QFont(self.font())
        size = 18.0
        while True:
            name_font.setPointSizeF(size * 1.2)
            body_font.setPointSizeF(size)
            name_h = QFontMetricsF(name_font).height()
            body_metrics = QFontMetricsF(body_font)
            height = name_h + body_metrics.height() * (len(lines) - 1)
            width = max(
                [QFontMetricsF(name_font).horizontalAdvance(lines[0])]
                + [body_metrics.horizontalAdvance(line) for line in lines[1:]]
            )
            if (height <= rect.height() and width <= rect.width()) or size <= 6:
                break
            size -= 0.5
        top = rect.center().y() - height / 2
        painter.setPen(QColor("#212121"))
        painter.setFont(name_font)
        painter.drawText(
            QRectF(rect.left(), top, rect.width(), name_h), Qt.AlignmentFlag.AlignCenter, lines[0]
        )
        painter.setFont(body_font)
        y = top + name_h
        for line in lines[1:]:
            painter.drawText(
                QRectF(rect.left() - 20, y, rect.width() + 40, body_metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                line,
            )
            y += body_metrics.height()


class FloorView(QWidget):
    """Tabs of rooms with a legend of the state colours."""

    def __init__(self, language: Language, now: Callable[[], datetime], parent=None) -> None:
        super().__init__(parent)
        self._language = language
        self._now = now
        self.tabs = QTabWidget()
        self.plans: dict[int, RoomPlan] = {}
        self._rooms: list[RoomTab] = []
        self.legend = QWidget()
        self._legend_labels: dict[TableState, QLabel] = {}
        legend_layout = QHBoxLayout(self.legend)
        for state, colour in STATE_COLOURS.items():
            label = QLabel()
            label.setStyleSheet(f"background:{colour}; border:1px solid #90a4ae; padding:6px 10px;")
            self._legend_labels[state] = label
            legend_layout.addWidget(label)
        legend_layout.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.legend)
        self._retranslate()

    def show_floor(self, rooms: list[RoomTab], tiles: list[TableTile]) -> None:
        if [r.room_id for r in rooms] != [r.room_id for r in self._rooms]:
            self.tabs.clear()
            self.plans.clear()
            for room in rooms:
                plan = RoomPlan(self._language, self._now)
                self.plans[room.room_id] = plan
                self.tabs.addTab(plan, "")
            self._rooms = rooms
        for room in rooms:
            self.plans[room.room_id].show_tiles([t for t in tiles if t.room_id == room.room_id])
        self._retranslate()

    def set_language(self, language: Language) -> None:
        self._language = language
        for plan in self.plans.values():
            plan.set_language(language)
        self._retranslate()

    def _retranslate(self) -> None:
        for index, room in enumerate(self._rooms):
            self.tabs.setTabText(index, self._language.pick(room.name_zh, room.name_en))
        for state, label in self._legend_labels.items():
            label.setText(self._language.gettext(STATE_LABELS[state]))
