"""Toasts for what just happened at a table — a dish served, cash received, a card paid,
the guest check printed, a dish voided, a party moved — each with the line to say and a
one-tap Done. They stack at the bottom right (at most three), never take the focus or
block a tap elsewhere; × puts one away for later (the step stays in the due list)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.domain.coaching import KIND_EVENT
from app.services import coaching
from app.services.coaching import PromptView
from ui.coaching import lines
from ui.coaching.later import mark_done
from ui.coaching.look import toast_style
from ui.session import UiSession
from ui.widgets import TouchButton

MAX_TOASTS = 3
RECENT = timedelta(minutes=10)  # an older event is in the due list, not a toast
SHOWN_MS = 60_000  # a toast not tapped goes away by itself (its step stays due)
GAP = 10
WIDTH = (380, 520)  # least and most width of a toast


def is_event(view: PromptView) -> bool:
    return view.step.trigger.kind == KIND_EVENT


class Toast(QFrame):
    """ "A1 · 上热菜", the line to say, Done and ×."""

    done_tapped = Signal(object)  # PromptView
    dismissed = Signal(object)

    def __init__(self, view: PromptView, parent: QWidget) -> None:
        super().__init__(parent)
        self.view = view
        self.setObjectName("toast")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.title_label = QLabel(objectName="toastTitle")
        self.title_label.setWordWrap(True)
        self.script_label = QLabel(objectName="toastScript")
        self.script_label.setWordWrap(True)
        self.done_button = TouchButton()
        self.done_button.setObjectName("done")
        self.done_button.clicked.connect(lambda: self.done_tapped.emit(self.view))
        self.dismiss_button = TouchButton("×")
        self.dismiss_button.setObjectName("dismiss")
        self.dismiss_button.clicked.connect(lambda: self.dismissed.emit(self.view))
        for button in (self.done_button, self.dismiss_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.dismissed.emit(self.view))
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        bottom.addWidget(self.script_label, 1)
        bottom.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 6, 10)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(bottom)

    def retranslate(self, session: UiSession) -> None:
        language = session.language
        self.title_label.setText(
            f"{lines.at_table(self.view, language)} · {lines.when(self.view, language)}"
        )
        self.script_label.setText(lines.main_line(self.view, language))
        self.done_button.setText(session.tr("Done"))


class PromptToasts(QObject):
    """Keeps up to three toasts on ``host`` (the main window): ``show_prompts(views)`` adds
    event prompts not yet shown and removes those no longer due. ``toasts`` newest first."""

    def __init__(self, session: UiSession, host: QWidget, *, shown_ms: int = SHOWN_MS) -> None:
        super().__init__(host)
        self._session = session
        self._host = host
        self._shown_ms = shown_ms
        self._seen: set[int] = set()
        self.toasts: list[Toast] = []
        self.bottom_margin = GAP
        self.right_margin = 0
        self.shown = True
        host.installEventFilter(self)
        session.language_changed.connect(self._retranslate)
        session.style_changed.connect(self._restyle)

    def show_prompts(self, views: list[PromptView]) -> None:
        due = {v.prompt_id: v for v in views}
        for toast in list(self.toasts):
            if toast.view.prompt_id not in due:
                self._remove(toast)  # done, skipped or passed elsewhere
            else:
                toast.view = due[toast.view.prompt_id]
        if self._session.staff is None:
            self.clear()
            return
        since = self._session.now() - RECENT
        staff = self._session.staff
        fresh = [
            v
            for v in views
            if is_event(v)
            and v.prompt_id not in self._seen
            and v.due_at >= since
            and coaching.is_for(v, staff_id=staff.id, role=staff.role)  # a waiter's own tables
        ]
        fresh.sort(key=lambda v: (v.due_at, v.prompt_id))
        for view in fresh:  # oldest first, so the newest ends on top of the stack
            self._seen.add(view.prompt_id)
            self._add(view)
        while len(self.toasts) > MAX_TOASTS:
            self._remove(self.toasts[-1])  # the oldest goes; its step stays in the list
        self._retranslate()

    def clear(self) -> None:
        """No toasts (the screen locks)."""
        for toast in list(self.toasts):
            self._remove(toast)

    def set_shown(self, shown: bool) -> None:
        """Toasts belong on the service screens; on others (the back office) they wait,
        and their steps stay in the due list."""
        if shown != self.shown:
            self.shown = shown
            self._place()

    def set_margins(self, bottom: int, right: int = 0) -> None:
        """Keep this much of the window's bottom and right clear (the order screen's strip
        and action bar, the floor's due list)."""
        if (bottom, right) != (self.bottom_margin, self.right_margin):
            self.bottom_margin, self.right_margin = bottom, right
            self._place()

    def texts(self) -> list[str]:
        """The lines the toasts show, newest first."""
        return [toast.script_label.text() for toast in self.toasts]

    # ------------------------------------------------------------------ inside

    def _add(self, view: PromptView) -> None:
        toast = Toast(view, self._host)
        toast.setStyleSheet(toast_style(self._session.px))
        toast.done_tapped.connect(self._done)
        toast.dismissed.connect(self._dismiss)
        toast.retranslate(self._session)
        self._size_buttons(toast)
        self.toasts.insert(0, toast)
        if self._shown_ms > 0:
            toast.timer.start(self._shown_ms)
        toast.setVisible(self.shown)
        toast.raise_()

    def _remove(self, toast: Toast) -> None:
        if toast in self.toasts:
            self.toasts.remove(toast)
        toast.hide()
        toast.deleteLater()
        self._place()

    def _toast_of(self, view: PromptView) -> Toast | None:
        return next((t for t in self.toasts if t.view.prompt_id == view.prompt_id), None)

    def _done(self, view: PromptView) -> None:
        if mark_done(self._session, view):
            toast = self._toast_of(view)
            if toast is not None:
                self._remove(toast)

    def _dismiss(self, view: PromptView) -> None:
        """× or time: the toast goes, the step stays due."""
        toast = self._toast_of(view)
        if toast is not None:
            self._remove(toast)

    def _place(self) -> None:
        host = self._host
        px = self._session.px
        room = host.width() - self.right_margin
        width = min(max(px(WIDTH[0]), round(host.width() * 0.36)), px(WIDTH[1]), room)
        bottom = host.height() - self.bottom_margin - GAP
        for toast in self.toasts:  # newest at the bottom, older ones above it
            height = toast.layout().totalHeightForWidth(width) if toast.layout() else 0
            height = max(height, toast.sizeHint().height(), toast.minimumSizeHint().height())
            toast.setGeometry(room - width - GAP, bottom - height, width, height)
            toast.setVisible(self.shown)
            toast.raise_()
            bottom -= height + GAP

    def _retranslate(self, *_: object) -> None:
        for toast in self.toasts:
            toast.retranslate(self._session)
        self._place()

    def _restyle(self) -> None:
        for toast in self.toasts:
            toast.setStyleSheet(toast_style(self._session.px))
            self._size_buttons(toast)
        self._place()

    def _size_buttons(self, toast: Toast) -> None:
        px = self._session.px
        toast.done_button.setFixedSize(px(96), 56)
        toast.dismiss_button.setFixedSize(48, 48)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # (asked once more while the window is being torn down: nothing to place then)
        host = getattr(self, "_host", None)
        if host is not None and watched is host and event.type() == QEvent.Type.Resize:
            self._place()
        return False
