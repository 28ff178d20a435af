"""The bill side of the order screen: its lines grouped by course in the order they are
served, each with its options, note, quantity, amount and a coloured status tag.

A void's reversal is folded into its dish (the dish shows what was voided, struck through
when all of it was); the dishes of a set meal sit indented under it. Tap a line to select
it (tap again to let go); unsent lines have − / + for their quantity.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_
from app.domain.money import MILLI
from app.services.bills import LineKind, LineStatus
from app.services.queries import BillView, LineView
from ui.order.dish_dialogs import shown_note
from ui.order.look import (
    HOLD_MARK_COLOURS,
    HURRY_COLOURS,
    STATUS_COLOURS,
    STATUS_LABELS,
    short_unit,
    tag_style,
)
from ui.order.scrolling import touch_scroll
from ui.session import UiSession
from ui.widgets import TouchButton
from ui.widgets.flow import FlowLayout

# courses in the order a Chinese meal is served; a course not listed comes after these
COURSES: tuple[tuple[str, str], ...] = (
    ("cold", N_("Cold dishes")),
    ("premium", N_("Premium dishes")),
    ("hot", N_("Hot dishes")),
    ("soup", N_("Soups")),
    ("staple", N_("Rice, noodles & dim sum")),
    ("snack", N_("Tea snacks")),
    ("fruit", N_("Fruit")),
    ("drink", N_("Drinks & tea")),
    ("share", N_("Even shares")),
)
OTHER_COURSE = N_("Other dishes")
PART_INDENT = 36
TAG_GAP = 6


@dataclass(frozen=True)
class ShownLine:
    """A line as it is listed: a dish (its voids folded in), a set meal's dish, or a void
    whose dish is not on this bill."""

    line: LineView
    part: bool = False
    voided_milli: int = 0  # how much of the dish was voided (partly or in full)
    voided_fen: int = 0  # what those voids gave back (negative)

    @property
    def line_id(self) -> int:
        return self.line.line_id

    @property
    def remaining_milli(self) -> int:
        return self.line.quantity_milli - self.voided_milli

    @property
    def amount_fen(self) -> int:
        return self.line.amount_fen + self.voided_fen


def course_sections(view: BillView) -> list[tuple[str, list[ShownLine]]]:
    """The bill's lines by course in serving order, sets followed by their dishes."""
    ids = {line.line_id for line in view.lines}
    voided: dict[int, list[LineView]] = {}
    parts: dict[int, list[LineView]] = {}
    for line in view.lines:
        if line.kind == LineKind.REVERSAL and line.reverses_id in ids:
            voided.setdefault(line.reverses_id, []).append(line)
        elif line.kind == LineKind.COMPONENT and line.parent_line_id in ids:
            parts.setdefault(line.parent_line_id, []).append(line)
    by_course: dict[str, list[ShownLine]] = {}
    for line in view.lines:
        if line.reverses_id in ids or line.parent_line_id in ids:
            continue  # shown with their dish
        reversals = voided.get(line.line_id, [])
        shown = ShownLine(
            line,
            voided_milli=-sum(r.quantity_milli for r in reversals),
            voided_fen=sum(r.amount_fen for r in reversals),
        )
        group = by_course.setdefault(line.course, [])
        group.append(shown)
        group += [ShownLine(part, part=True) for part in parts.get(line.line_id, [])]
    order = [code for code, _ in COURSES]
    known = [course for course in order if course in by_course]
    others = sorted(course for course in by_course if course not in order)
    return [(course, by_course[course]) for course in known + others]


def course_label(course: str) -> str:
    """The msgid of a course heading."""
    return dict(COURSES).get(course, OTHER_COURSE)


class LineRow(QFrame):
    """One line: name and tags, options and note under it, quantity and amount at the right."""

    tapped = Signal(int)
    step = Signal(int, int)  # line id, −1 or +1

    def __init__(self, line_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line_id = line_id
        self.shown: ShownLine | None = None
        self.setProperty("selected", False)
        self.name_label = QLabel(objectName="lineName")
        self.name_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.name_label.setWordWrap(True)
        self.name_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_tag = QLabel()
        self.hold_tag = QLabel()
        self.hurry_tag = QLabel()
        for tag in (self.status_tag, self.hold_tag, self.hurry_tag):
            tag.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.detail_label = QLabel(objectName="lineDetail")
        self.detail_label.setWordWrap(True)
        self.minus_button = TouchButton("−")
        self.plus_button = TouchButton("+")
        for button, delta in ((self.minus_button, -1), (self.plus_button, 1)):
            button.setObjectName("stepper")
            button.setFixedSize(48, 48)
            button.clicked.connect(lambda _=False, d=delta: self.step.emit(self.line_id, d))
        self.quantity_label = QLabel(objectName="lineQuantity")
        self.quantity_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.amount_label = QLabel(objectName="lineAmount")
        self.amount_label.setTextFormat(Qt.TextFormat.RichText)
        self.amount_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for label in (self.quantity_label, self.amount_label):
            label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)

        self.detail_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # the tags sit under the name, the options and note after them when they fit there
        # (else on a line of their own): the name keeps the width of the row on a small
        # screen, in English or at a large font
        self._tags = QWidget()  # the tags wrap onto a second line when even they do not fit
        tags = FlowLayout(self._tags, TAG_GAP, one_line_hint=True)
        tags.setContentsMargins(0, 0, 0, 0)
        for tag in (self.status_tag, self.hold_tag, self.hurry_tag):
            tags.addWidget(tag)
        self._tags_row = QHBoxLayout()
        self._tags_row.setSpacing(TAG_GAP)
        self._tags_row.addWidget(self._tags, 0, Qt.AlignmentFlag.AlignTop)
        self._tags_row.addWidget(self.detail_label, 1)
        self._tags_row.addStretch(0)  # the line may grow past its tags when nothing follows
        self.detail_below = QLabel(objectName="lineDetail")  # the same words, when too long
        self.detail_below.setWordWrap(True)
        self.detail_below.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.detail_below.hide()
        self._detail_inline = True
        self._text = QVBoxLayout()
        self._text.setSpacing(2)
        self._text.addWidget(self.name_label)
        self._text.addLayout(self._tags_row)
        self._text.addWidget(self.detail_below)
        quantity = QHBoxLayout()
        quantity.setSpacing(4)
        quantity.addWidget(self.minus_button)
        quantity.addWidget(self.quantity_label)
        quantity.addWidget(self.plus_button)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(8, 4, 8, 4)
        self._row.setSpacing(8)
        self._row.addLayout(self._text, 1)
        self._row.addLayout(quantity)
        self._row.addWidget(self.amount_label)
        self.setMinimumHeight(56)

    @property
    def status(self) -> str:
        return self.shown.line.status if self.shown else ""

    @property
    def struck(self) -> bool:
        """Drawn struck through: the whole dish was voided."""
        return self.status == LineStatus.VOIDED

    def show_line(
        self,
        shown: ShownLine,
        session: UiSession,
        *,
        hold_marked: bool,
        steppable: bool,
        weighed: bool,
    ) -> None:
        """Fill the row from the line as it is now."""
        self.shown = shown
        line = shown.line
        language = session.language
        tr = session.tr
        self.setObjectName("partRow" if shown.part else "lineRow")
        self.name_label.setObjectName("partName" if shown.part else "lineName")
        self._row.setContentsMargins(8 + (PART_INDENT if shown.part else 0), 4, 8, 4)
        name = escape(language.pick(line.name_zh, line.name_en))
        self.name_label.setText(f"<s>{name}</s>" if self.struck else name)
        status_colours = STATUS_COLOURS.get(line.status, STATUS_COLOURS[LineStatus.CART])
        self.status_tag.setText(tr(STATUS_LABELS.get(line.status, line.status)))
        self.status_tag.setStyleSheet(tag_style(session.px, status_colours))
        self.status_tag.setVisible(line.kind != LineKind.SHARE)
        self.hold_tag.setText(tr("Hold on send"))
        self.hold_tag.setStyleSheet(tag_style(session.px, HOLD_MARK_COLOURS))
        self.hold_tag.setVisible(hold_marked)
        count = language.number(line.hurry_count)
        self.hurry_tag.setText(tr("Hurried ×{count}").format(count=count))
        self.hurry_tag.setStyleSheet(tag_style(session.px, HURRY_COLOURS))
        self.hurry_tag.setVisible(line.hurry_count > 0 and line.status == LineStatus.SENT)
        self.detail_label.setText(self._detail(shown, session))
        self.minus_button.setVisible(steppable)
        self.plus_button.setVisible(steppable)
        self.quantity_label.setText(
            self._quantity(shown, session, steppable=steppable, weighed=weighed)
        )
        if shown.part:
            self.amount_label.setText("")
        else:
            amount = escape(language.money(line.amount_fen if self.struck else shown.amount_fen))
            self.amount_label.setText(f"<s>{amount}</s>" if self.struck else amount)
        self.amount_label.setMinimumWidth(session.px(100))
        self.setMinimumHeight(max(56, session.px(18) + 34))
        self.style().unpolish(self)
        self.style().polish(self)
        self._place_detail()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_detail()

    def _place_detail(self) -> None:
        """Options and note after the tags when they fit on that line, under them when not."""
        text = self.detail_label.text()
        width = self.name_label.width()
        if width > 0 and text:
            self.detail_label.ensurePolished()
            metrics = self.detail_label.fontMetrics()
            longest = max(metrics.horizontalAdvance(part) for part in text.split("\n"))
            used = self._tags.sizeHint().width() + TAG_GAP
            self._detail_inline = used + longest <= width
        self.detail_below.setText(text)
        self.detail_label.setVisible(bool(text) and self._detail_inline)
        self.detail_below.setVisible(bool(text) and not self._detail_inline)

    @staticmethod
    def _quantity(shown: ShownLine, session: UiSession, *, steppable: bool, weighed: bool) -> str:
        line = shown.line
        language = session.language
        voided_in_full = line.status == LineStatus.VOIDED
        milli = line.quantity_milli if voided_in_full else shown.remaining_milli
        if steppable:
            return language.number(milli // MILLI)
        if weighed or milli % MILLI:
            return language.quantity(milli, short_unit(language.pick(line.unit_zh, line.unit_en)))
        return f"×{language.number(milli // MILLI)}"

    @staticmethod
    def _detail(shown: ShownLine, session: UiSession) -> str:
        line = shown.line
        language = session.language
        tr = session.tr
        parts = []
        for name_zh, name_en, surcharge in line.options:
            name = language.pick(name_zh, name_en)
            parts.append(f"{name} +{language.money(surcharge)}" if surcharge else name)
        text = " · ".join(parts)
        notes = []
        if line.note:
            notes.append(
                tr("{label}: {value}").format(
                    label=tr("Note"), value=shown_note(session, line.note)
                )
            )
        if shown.voided_milli and line.status != LineStatus.VOIDED:
            unit = language.pick(line.unit_zh, line.unit_en)
            voided = language.quantity(shown.voided_milli, unit)
            notes.append(tr("{quantity} voided").format(quantity=voided))
        if line.void_reason and line.status == LineStatus.VOIDED:
            notes.append(tr("{label}: {value}").format(label=tr("Reason"), value=line.void_reason))
        return "\n".join([p for p in [text, *notes] if p])

    def set_selected(self, selected: bool) -> None:
        if self.property("selected") != selected:
            self.setProperty("selected", selected)
            self.style().unpolish(self)
            self.style().polish(self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.tapped.emit(self.line_id)
        super().mouseReleaseEvent(event)


class BillLines(QWidget):
    """The bill's lines in a touch-scrollable list; ``selection_changed`` when a tap selects
    or lets go of a line, ``step`` (line id, ±1) for the quantity of an unsent dish."""

    selection_changed = Signal()
    step = Signal(int, int)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._view: BillView | None = None
        self._hold_marks: set[int] = set()
        self._weighed_names: set[str] = set()
        self._selected: list[int] = []
        self.rows: dict[int, LineRow] = {}
        self.headings: dict[str, QLabel] = {}
        self.empty_label = QLabel(objectName="emptyBill")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._list = QWidget()
        self._list.setObjectName("billList")
        self._column = QVBoxLayout(self._list)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self._list)
        touch_scroll(self.scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

    def set_weighed_dishes(self, names_zh: set[str]) -> None:
        """Dishes sold by weight: their quantity is the weight, never stepped ±."""
        self._weighed_names = names_zh

    def is_weighed(self, name_zh: str) -> bool:
        return name_zh in self._weighed_names

    # -- showing ----------------------------------------------------------------------------

    def show_bill(self, view: BillView, hold_marks: set[int]) -> None:
        """Show the bill as it is now; rows are kept and refilled, not rebuilt."""
        self._view = view
        self._hold_marks = hold_marks
        sections = course_sections(view)
        present = {shown.line_id for _, lines in sections for shown in lines}
        for line_id in [i for i in self.rows if i not in present]:
            gone = self.rows.pop(line_id)
            gone.hide()  # out of sight now, not when the event loop gets to deleting it
            gone.deleteLater()
        before = list(self._selected)
        self._selected = [i for i in self._selected if i in present]
        while self._column.count():
            self._column.takeAt(0)
        used_courses = set()
        open_bill = view.status == "open"
        for course, lines in sections:
            used_courses.add(course)
            heading = self.headings.get(course)
            if heading is None:
                heading = QLabel(objectName="courseHeading")
                self.headings[course] = heading
            heading.setText(self._session.tr(course_label(course)))
            self._column.addWidget(heading)
            heading.show()
            for shown in lines:
                row = self.rows.get(shown.line_id)
                if row is None:
                    row = LineRow(shown.line_id, self._list)
                    row.tapped.connect(self.tap)
                    row.step.connect(self.step)
                    self.rows[shown.line_id] = row
                row.show_line(
                    shown,
                    self._session,
                    hold_marked=shown.line_id in hold_marks,
                    steppable=open_bill and self._steppable(shown),
                    weighed=shown.line.name_zh in self._weighed_names,
                )
                row.set_selected(shown.line_id in self._selected)
                self._column.addWidget(row)
                row.show()
        for course in [c for c in self.headings if c not in used_courses]:
            gone = self.headings.pop(course)
            gone.hide()
            gone.deleteLater()
        self.empty_label.setText(self._session.tr("Nothing ordered yet. Tap a dish on the right."))
        self._column.addWidget(self.empty_label)
        self.empty_label.setVisible(not sections)
        self._column.addStretch(1)
        if before != self._selected:
            self.selection_changed.emit()

    def _steppable(self, shown: ShownLine) -> bool:
        line = shown.line
        return (
            not shown.part
            and line.kind == LineKind.ITEM
            and line.status == LineStatus.CART
            and line.name_zh not in self._weighed_names
        )

    def retranslate(self) -> None:
        if self._view is not None:
            self.show_bill(self._view, self._hold_marks)

    # -- selection --------------------------------------------------------------------------

    def tap(self, line_id: int) -> None:
        """A tap selects a line, a second tap lets it go; several can be selected."""
        if line_id not in self.rows:
            return
        if line_id in self._selected:
            self._selected.remove(line_id)
        else:
            self._selected.append(line_id)
        self.rows[line_id].set_selected(line_id in self._selected)
        self.selection_changed.emit()

    def clear_selection(self) -> None:
        if self._selected:
            for line_id in self._selected:
                self.rows[line_id].set_selected(False)
            self._selected = []
            self.selection_changed.emit()

    def selected_ids(self) -> list[int]:
        return list(self._selected)

    def selected_lines(self) -> list[ShownLine]:
        return [self.rows[i].shown for i in self._selected if self.rows[i].shown is not None]

    def row_for(self, name_zh: str) -> LineRow:
        """The first row of a dish by its Chinese name (tests and look-ups)."""
        for row in self.rows.values():
            if row.shown and row.shown.line.name_zh == name_zh:
                return row
        raise KeyError(name_zh)

    def shown_rows(self) -> list[LineRow]:
        """Rows in the order they are listed."""
        found = []
        for index in range(self._column.count()):
            widget = self._column.itemAt(index).widget()
            if isinstance(widget, LineRow):
                found.append(widget)
        return found
