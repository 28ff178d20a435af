"""The coaching strip on the order screen: for the bill on screen, the stage of the meal,
the most urgent step due (title and what to do), the line to say in large type with the
real dish, amount and form of address, Done (one tap) and More (later or skip with a
reason). When nothing is due it shows the next step in grey, or "Nothing due"."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.services import coaching
from app.services.coaching import PromptView
from ui.coaching import lines
from ui.coaching.later import LaterDialog, mark_done
from ui.coaching.look import SCRIPT_PX, strip_style
from ui.session import UiSession
from ui.widgets import TouchButton
from ui.widgets.elided import ElidedLabel

BUTTON_WIDTH = 120
LOOK_AHEAD_MS = 150  # the next step is looked up once the tap's screen is painted


class CoachStrip(QFrame):
    """``set_bill(bill_id)`` chooses the bill; ``show_prompts(views)`` gives the steps due
    across the floor (the poller's list). ``current`` is the step shown (None when nothing
    is due), ``upcoming`` the next one shown in grey."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setObjectName("coachStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.bill_id: int | None = None
        self.current: PromptView | None = None
        self.upcoming: PromptView | None = None
        self.due: list[PromptView] = []  # this bill's, most urgent first
        self._all: list[PromptView] = []
        self.dialog: LaterDialog | None = None
        self._look_ahead = QTimer(self)
        self._look_ahead.setSingleShot(True)
        self._look_ahead.setInterval(LOOK_AHEAD_MS)
        self._look_ahead.timeout.connect(self.look_ahead)

        self.stage_label = QLabel(objectName="stage")
        self.title_label = QLabel(objectName="stepTitle")
        self.when_label = QLabel(objectName="stepWhen")
        self.instruction_label = ElidedLabel(objectName="stepInstruction")
        self.others_label = QLabel(objectName="stepWhen")
        self.script_label = QLabel(objectName="script")
        self.script_label.setWordWrap(True)
        self.script_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.done_button = TouchButton(size="main")
        self.done_button.setObjectName("done")
        self.done_button.clicked.connect(self.done)
        self.more_button = TouchButton(size="main")
        self.more_button.setObjectName("more")
        self.more_button.clicked.connect(self.more)
        for button in (self.done_button, self.more_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.stage_label)
        top.addWidget(self.title_label)
        top.addWidget(self.when_label)
        top.addWidget(self.instruction_label, 1)
        top.addWidget(self.others_label)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addLayout(top)
        text.addWidget(self.script_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 8, 4)
        layout.setSpacing(8)
        layout.addLayout(text, 1)
        layout.addWidget(self.done_button)
        layout.addWidget(self.more_button)

        session.language_changed.connect(self._show)
        session.style_changed.connect(self._restyle)
        self._restyle()
        self._show()

    # ------------------------------------------------------------------ what is shown

    def set_bill(self, bill_id: int | None) -> None:
        """The bill on the order screen (None: no bill)."""
        self.bill_id = bill_id
        self._pick()

    def show_prompts(self, views: list[PromptView]) -> None:
        """The steps due across the floor; this bill's most urgent one is shown."""
        self._all = list(views)
        self._pick()

    def _pick(self) -> None:
        bill_id = self.bill_id
        self.due = [v for v in self._all if bill_id is not None and v.bill_id == bill_id]
        self.current = self.due[0] if self.due else None
        if self.upcoming is not None and self.upcoming.bill_id != bill_id:
            self.upcoming = None
        if self.current is None and bill_id is not None:
            self._look_ahead.start()  # after the tap's screen is painted
        else:
            self.upcoming = None
        self._show()

    def look_ahead(self) -> PromptView | None:
        """The next step of the bill when nothing is due (asked only while on screen)."""
        bill_id = self.bill_id
        if self.current is not None or bill_id is None or not self.isVisible():
            return None
        ctx = self._session.ctx
        self.upcoming = self._session.run(lambda: coaching.upcoming_for_bill(ctx, bill_id))
        self._show()
        return self.upcoming

    def _show(self, *_: object) -> None:
        language = self._session.language
        tr = self._session.tr
        view = self.current or self.upcoming
        idle = self.current is None
        self.setProperty("idle", "true" if idle else "false")
        self.done_button.setText(tr("Done"))
        self.more_button.setText(tr("More"))
        self.done_button.setEnabled(not idle)
        self.more_button.setEnabled(not idle)
        if view is None:
            self.stage_label.hide()
            self.title_label.setText(tr("Nothing due"))
            self.when_label.setText("")
            self.instruction_label.setText("")
            self.others_label.setText("")
            self.script_label.setText("")
        else:
            self.stage_label.show()
            self.stage_label.setText(lines.stage_label(view.step.stage, language))
            title = lines.title(view, language)
            if idle:
                title = tr("Next: {step}").format(step=title)
            self.title_label.setText(title)
            self.when_label.setText(lines.when(view, language))
            self.when_label.setProperty("late", "true" if view.overdue_minutes > 0 else "false")
            said = lines.script(view, language)
            self.script_label.setText(said or lines.instruction(view, language))
            self.instruction_label.setText(lines.instruction(view, language) if said else "")
            others = len(self.due) - 1
            self.others_label.setText(
                tr("+{count} more due").format(count=language.number(others)) if others > 0 else ""
            )
        styled = (self, self.stage_label, self.title_label, self.when_label, self.script_label)
        for widget in styled:
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def script_text(self) -> str:
        return self.script_label.text()

    # ------------------------------------------------------------------ taps

    def done(self) -> None:
        """One tap: the step shown is done (the poller then shows the next)."""
        if self.current is not None:
            mark_done(self._session, self.current)

    def more(self) -> LaterDialog | None:
        """Later or skip, with a reason."""
        if self.current is None:
            return None
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = LaterDialog(self._session, self.current, self.window())
        self.dialog.open()
        return self.dialog

    # ------------------------------------------------------------------ looks

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(strip_style(px))
        for button in (self.done_button, self.more_button):
            button.setFixedSize(px(BUTTON_WIDTH), 64)
        # the line to say keeps its room, so the screen does not jump as steps come and go
        self.script_label.setMinimumHeight(round(px(SCRIPT_PX) * 1.4))
        self._show()

    def showEvent(self, event) -> None:
        """Coming into view: the next step is looked up if nothing is due."""
        super().showEvent(event)
        if self.current is None and self.upcoming is None:
            self._look_ahead.start()
