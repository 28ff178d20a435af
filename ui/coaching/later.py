"""Done with one tap; later (5, 10 or 15 minutes) or skip with a reason. The store records
who did what and when; a missing reason is refused there and the refusal shown here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_
from app.services import coaching
from app.services.coaching import PromptView
from ui.coaching import lines
from ui.coaching.look import dialog_style
from ui.session import UiSession
from ui.widgets import ReasonPicker, TouchButton

SNOOZE_MINUTES = (5, 10, 15)
SKIP = "skip"
LATER_REASONS = (
    N_("The guests are talking"),
    N_("Busy at another table"),
    N_("The guest declined"),
    N_("Another waiter did it"),
    N_("Not needed at this table"),
)


def mark_done(
    session: UiSession, view: PromptView, on_error: Callable[[str], None] | None = None
) -> bool:
    """One tap: the step is done, by whoever is logged in, now."""
    ctx = session.ctx
    changes = session.run(
        lambda: coaching.done_prompt(ctx, prompt_id=view.prompt_id, staff_id=session.staff_id),
        on_error=on_error,
    )
    return changes is not None


class LaterDialog(QDialog):
    """Later by 5 / 10 / 15 minutes, or skip — each with a reason (quick ones or typed).

    ``choose(minutes)`` / ``choose(SKIP)``, ``choose_reason(msgid)``, ``reason_edit`` and
    ``ok_button`` are there for tests as for fingers; ``finished_with(str)`` says what was
    recorded ("snoozed" or "skipped")."""

    def __init__(self, session: UiSession, view: PromptView, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._session = session
        self.view = view
        self.choice: int | str | None = None
        tr = session.tr
        language = session.language
        self.setModal(True)
        self.setWindowTitle(tr("Later or skip"))
        self.setStyleSheet(dialog_style(session.px))
        self.title = QLabel(lines.at_table(view, language), objectName="title")
        self.title.setWordWrap(True)
        self.line = QLabel(lines.main_line(view, language), objectName="script")
        self.line.setWordWrap(True)

        self.choice_buttons: dict[int | str, TouchButton] = {}
        choices = QHBoxLayout()
        choices.setSpacing(8)
        for minutes in SNOOZE_MINUTES:
            text = tr("Later: {minutes} min").format(minutes=language.number(minutes))
            self._add_choice(choices, minutes, text)
        self._add_choice(choices, SKIP, tr("Skip"))

        self.reason_picker = ReasonPicker(tr, LATER_REASONS, columns=2, button_name="choice")
        self.reason_buttons = self.reason_picker.buttons
        self.reason_edit = self.reason_picker.edit

        self.error_label = QLabel(objectName="error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.ok_button = TouchButton(tr("OK"), size="main")
        self.ok_button.setObjectName("ok")
        self.ok_button.clicked.connect(self.confirm)
        self.cancel_button = TouchButton(tr("Cancel"), size="main")
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.ok_button, self.cancel_button):
            button.setMinimumWidth(160)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)

        reason = QLabel(tr("Reason"), objectName="heading")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.line)
        layout.addLayout(choices)
        layout.addWidget(reason)
        layout.addWidget(self.reason_picker)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(640)
        self.reason_picker.chosen.connect(lambda _msgid: self.error_label.hide())

    def _add_choice(self, row: QHBoxLayout, key: int | str, text: str) -> None:
        button = TouchButton(text, size="main")
        button.setObjectName("choice")
        button.setCheckable(True)
        button.clicked.connect(lambda _=False, k=key: self.choose(k))
        row.addWidget(button, 1)
        self.choice_buttons[key] = button

    def choose(self, key: int | str) -> None:
        """Later by ``key`` minutes, or ``SKIP``."""
        self.choice = key
        for other, button in self.choice_buttons.items():
            button.setChecked(other == key)
        self.error_label.hide()

    @property
    def reason(self) -> str:
        """The reason as tapped (in the language on screen) or typed."""
        return self.reason_picker.reason

    def choose_reason(self, msgid: str) -> None:
        self.reason_picker.choose(msgid)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""

    def confirm(self) -> None:
        """Record later or skip with the reason; the store refuses a missing reason."""
        if self.choice is None:
            self.show_error(self._session.tr("Choose later or skip."))
            return
        ctx = self._session.ctx
        prompt_id = self.view.prompt_id
        staff_id = self._session.staff_id
        reason = self.reason
        choice = self.choice
        if choice == SKIP:
            action = lambda: coaching.skip_prompt(  # noqa: E731
                ctx, prompt_id=prompt_id, reason=reason, staff_id=staff_id
            )
        else:
            action = lambda: coaching.snooze_prompt(  # noqa: E731
                ctx, prompt_id=prompt_id, minutes=int(choice), reason=reason, staff_id=staff_id
            )
        if self._session.run(action, on_error=self.show_error) is not None:
            self.accept()
