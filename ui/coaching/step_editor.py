"""The managers' editor of the service steps (服务步骤): which steps each room follows, each
step on or off, its instruction and line in Chinese and English, how soon it is due and
its timer. Edits are checked by the store (an unknown placeholder, a timer under a minute
are refused and the reason shown here, nothing kept); a step can go back to as shipped;
every step can be exported to a file and imported from one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import coaching as engine
from app.domain.coaching import Profile, Step
from app.domain.errors import N_
from app.domain.table_state import STATE_LABELS, TableState
from app.services import coaching, queries
from app.services.queries import RoomTab
from ui.coaching import lines
from ui.coaching.look import dialog_style
from ui.coaching.tap_row import TapRow, two_lines
from ui.order.dish_dialogs import NumberDialog, read_whole
from ui.session import UiSession
from ui.widgets import TouchButton

ROOMS = "rooms"
PROFILE_ORDER = ("restaurant", "tea_house", "hot_pot", coaching.BRIEFING)
MINUTES_DIGITS = 3
WINDOW_SHARE = 0.96
FILE_FILTER = N_("Service steps (*.json)")

EVENT_LABELS: dict[str, str] = {
    engine.DISH_SERVED: N_("When a dish is served"),
    engine.CASH_TENDERED: N_("When cash is received"),
    engine.CARD_TENDERED: N_("When a card is paid"),
    engine.BILL_PRINTED: N_("When the guest check is printed"),
    engine.VOID: N_("When a dish is voided"),
    engine.TRANSFER: N_("When the party moves table"),
    engine.GUESTS_CHANGED: N_("When the number of guests changes"),
}
TIMER_LABELS: dict[str, str] = {
    engine.TEA_REFILL: N_("Tea refill every {minutes} min"),
    engine.NO_VISIT: N_("When nobody has been to the table for {minutes} min"),
    engine.HOT_DISH_WAITING: N_("When a hot dish has waited {minutes} min"),
    engine.RESERVATION_ARRIVING: N_("{minutes} min before a booked party arrives"),
}
COURSE_LABELS: dict[str, str] = {
    engine.ORDERED_BEFORE_HOT: N_("When cold and hot dishes are ordered together"),
    engine.ALL_SERVED_OF: N_("When every dish of a course is served"),
}
TIMER_FIELD_LABELS: dict[str, str] = {
    "every_minutes": N_("Every"),
    "after_minutes": N_("After"),
    "before_minutes": N_("Before"),
}
TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("instruction_zh", N_("Instruction (Chinese)")),
    ("instruction_en", N_("Instruction (English)")),
    ("script_zh", N_("Line to say (Chinese)")),
    ("script_en", N_("Line to say (English)")),
)


def trigger_text(step: Step, session: UiSession) -> str:
    """When the step comes due, in words."""
    tr = session.tr
    trigger = step.trigger
    if trigger.kind == engine.KIND_STATE:
        state = tr(STATE_LABELS[TableState(trigger.state)])
        return tr("When the table is {state}").format(state=state)
    if trigger.kind == engine.KIND_EVENT:
        return tr(EVENT_LABELS.get(trigger.event, trigger.event))
    if trigger.kind == engine.KIND_TIMER:
        minutes = session.language.number(trigger.minutes())
        return tr(TIMER_LABELS.get(trigger.timer, trigger.timer)).format(minutes=minutes)
    if trigger.kind == engine.KIND_COURSE:
        return tr(COURSE_LABELS.get(trigger.when, trigger.when))
    return tr("Pre-shift checklist")


def timer_field(step: Step) -> str | None:
    """The trigger's own minutes field (every / after / before), None for other kinds."""
    if step.trigger.kind != engine.KIND_TIMER or step.trigger.timer not in engine.TIMER_MINUTES:
        return None
    return engine.TIMER_MINUTES[step.trigger.timer][0]


class MinutesField(TouchButton):
    """ "Due after: 1 min" — a tap opens a number pad. ``set_value`` as a finger would."""

    changed = Signal(int)

    def __init__(self, session: UiSession, label: str = "") -> None:
        super().__init__()
        self._session = session
        self.label = label
        self._value = 0
        self.dialog: NumberDialog | None = None
        self.clicked.connect(self.ask)

    def value(self) -> int:
        return self._value

    def set_value(self, minutes: int) -> None:
        self._value = minutes
        self.retranslate()
        self.changed.emit(minutes)

    def retranslate(self) -> None:
        tr = self._session.tr
        minutes = tr("{minutes} min").format(minutes=self._session.language.number(self._value))
        self.setText(tr("{label}: {value}").format(label=tr(self.label), value=minutes))

    def ask(self) -> NumberDialog:
        tr = self._session.tr
        self.dialog = NumberDialog(
            self._session,
            tr(self.label),
            tr("How many minutes?"),
            read_whole,
            max_length=MINUTES_DIGITS,
            initial=str(self._value),
            parent=self.window(),
        )
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.entered.connect(self.set_value)
        self.dialog.open()
        return self.dialog


class StepRow(TapRow):
    """A step in the list: On/Off, its title, when and for whom; a tap selects it."""

    tapped = Signal(str)
    switched = Signal(str, bool)

    def __init__(self, step: Step, parent: QWidget | None = None) -> None:
        super().__init__("stepRow", parent)
        self.step = step
        self.switch = TouchButton()
        self.switch.setObjectName("switch")
        self.switch.setCheckable(True)
        self.switch.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.switch.clicked.connect(lambda on: self.switched.emit(self.step.id, on))
        self.title_label = QLabel(objectName="stepTitle")
        self.meta_label = QLabel(objectName="stepMeta")
        text = two_lines(self.title_label, self.meta_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.switch)
        layout.addLayout(text, 1)

    def show_step(self, step: Step, session: UiSession, selected: bool) -> None:
        self.step = step
        language = session.language
        self.switch.setChecked(step.enabled)
        self.switch.setText(session.tr("On") if step.enabled else session.tr("Off"))
        self.title_label.setText(step.title(language.is_chinese))
        self.meta_label.setText(
            f"{lines.stage_label(step.stage, language)} · {lines.role_label(step.role, language)}"
            f" · {trigger_text(step, session)}"
        )
        self.setProperty("selected", "true" if selected else "false")
        self.setProperty("enabled_step", "true" if step.enabled else "false")
        self.repolish()

    def tap(self) -> None:
        self.tapped.emit(self.step.id)


class StepEditor(QDialog):
    """Opened with ``open()`` by a manager. Its parts are attributes for tests and fingers:
    ``profile_buttons`` (``ROOMS`` and each profile), ``room_buttons[room_id][profile]``,
    ``step_rows``, the text edits, ``due_field``, ``timer_field``, ``save_button``,
    ``reset_button``, ``export_button``, ``import_button``, ``close_button``;
    ``export_to(path)`` and ``import_from(path)`` do what the file dialogs lead to."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.profiles: dict[str, Profile] = {}
        self.rooms: list[RoomTab] = []
        self.room_profiles: dict[int, str] = {}
        self.page = ""
        self.step: Step | None = None
        self.file_dialog: QFileDialog | None = None
        self.setModal(True)
        self.setStyleSheet(dialog_style(session.px))

        # top: the title and a button per page: rooms, then each profile's steps
        self.title = QLabel(objectName="title")
        self.profile_buttons: dict[str, TouchButton] = {}
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.title, 1)
        for code in (ROOMS, *PROFILE_ORDER):
            button = TouchButton()
            button.setObjectName("choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=code: self.select_profile(c))
            top.addWidget(button)
            self.profile_buttons[code] = button

        # the rooms page: each room and the profile it follows
        self.room_buttons: dict[int, dict[str, TouchButton]] = {}
        self.room_labels: dict[int, QLabel] = {}
        rooms_page = QWidget()
        self._rooms_grid = QGridLayout(rooms_page)
        self._rooms_grid.setSpacing(10)
        self.rooms_hint = QLabel(objectName="hint")
        self.rooms_hint.setWordWrap(True)

        # the steps page: the list on the left, the chosen step on the right
        self.step_rows: dict[str, StepRow] = {}
        list_box = QWidget()
        self._list_layout = QVBoxLayout(list_box)
        self._list_layout.setContentsMargins(0, 0, 4, 0)
        self._list_layout.setSpacing(0)
        self._list_layout.addStretch(1)
        self.step_list = QScrollArea()
        self.step_list.setWidgetResizable(True)
        self.step_list.setFrameShape(QFrame.Shape.StyledPanel)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.step_list.setWidget(list_box)

        self.step_title = QLabel(objectName="heading")
        self.step_title.setWordWrap(True)
        self.step_meta = QLabel(objectName="hint")
        self.step_meta.setWordWrap(True)
        self.edits: dict[str, QPlainTextEdit | QLineEdit] = {}
        self.field_labels: dict[str, QLabel] = {}
        form = QGridLayout()
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(6)
        for row, (name, _label) in enumerate(TEXT_FIELDS):
            if name.startswith("instruction"):
                edit: QPlainTextEdit | QLineEdit = QPlainTextEdit()
                edit.setTabChangesFocus(True)
            else:
                edit = QLineEdit()
            label = QLabel()
            label.setWordWrap(True)
            self.field_labels[name] = label
            self.edits[name] = edit
            form.addWidget(label, row, 0)
            form.addWidget(edit, row, 1)
        form.setColumnStretch(1, 1)
        self.instruction_zh_edit = self.edits["instruction_zh"]
        self.instruction_en_edit = self.edits["instruction_en"]
        self.script_zh_edit = self.edits["script_zh"]
        self.script_en_edit = self.edits["script_en"]
        self.placeholder_hint = QLabel(objectName="hint")
        self.placeholder_hint.setWordWrap(True)
        self.due_field = MinutesField(session, N_("Due after"))
        self.timer_field = MinutesField(session, N_("Every"))
        minutes = QHBoxLayout()
        minutes.addWidget(self.due_field, 1)
        minutes.addWidget(self.timer_field, 1)
        self.error_label = QLabel(objectName="error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.info_label = QLabel(objectName="info")
        self.info_label.setWordWrap(True)
        self.info_label.hide()
        self.reset_button = TouchButton(size="main")
        self.reset_button.clicked.connect(self.reset)
        self.save_button = TouchButton(size="main")
        self.save_button.setObjectName("ok")
        self.save_button.clicked.connect(self.save)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.reset_button)
        actions.addWidget(self.save_button)
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(6)
        details.addWidget(self.step_title)
        details.addWidget(self.step_meta)
        details.addLayout(form)
        details.addWidget(self.placeholder_hint)
        details.addLayout(minutes)
        details.addStretch(1)
        details.addLayout(actions)
        steps_page = QWidget()
        steps = QHBoxLayout(steps_page)
        steps.setContentsMargins(0, 0, 0, 0)
        steps.setSpacing(12)
        steps.addWidget(self.step_list, 4)
        steps.addWidget(self.details, 6)

        self.pages = QStackedWidget()
        rooms_holder = QWidget()
        rooms_layout = QVBoxLayout(rooms_holder)
        rooms_layout.setContentsMargins(0, 0, 0, 0)
        rooms_layout.addWidget(self.rooms_hint)
        rooms_layout.addWidget(rooms_page)
        rooms_layout.addStretch(1)
        self.rooms_page = rooms_holder
        self.steps_page = steps_page
        self.pages.addWidget(rooms_holder)
        self.pages.addWidget(steps_page)

        # bottom: files, and closing
        self.export_button = TouchButton(size="main")
        self.export_button.clicked.connect(self.open_export)
        self.import_button = TouchButton(size="main")
        self.import_button.clicked.connect(self.open_import)
        self.close_button = TouchButton(size="main")
        self.close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.import_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        for button in (
            self.export_button,
            self.import_button,
            self.close_button,
            self.reset_button,
            self.save_button,
        ):
            button.setMinimumWidth(150)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.info_label)
        layout.addLayout(bottom)

        session.language_changed.connect(self._retranslate)
        self.reload()
        self.select_profile(PROFILE_ORDER[0])

    # ------------------------------------------------------------------ reading

    def reload(self) -> None:
        """Read the steps in effect and the rooms' profiles again."""
        ctx = self._session.ctx
        profiles = self._session.run(lambda: coaching.load_profiles(ctx), on_error=self.show_error)
        if profiles is not None:
            self.profiles = profiles
        self.rooms = queries.rooms(ctx)
        self.room_profiles = coaching.room_profiles(ctx)
        if self.step is not None:
            profile = self.profiles.get(self.step.profile)
            self.step = profile.step(self.step.id) if profile else None
        self._retranslate()

    def fit_to_window(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            self.resize(1000, 720)
            return
        area = parent.window().size()
        self.resize(round(area.width() * WINDOW_SHARE), round(area.height() * WINDOW_SHARE))

    # ------------------------------------------------------------------ choosing

    def select_profile(self, code: str) -> None:
        """``ROOMS``: which profile each room follows; a profile: its steps."""
        self.page = code
        for other, button in self.profile_buttons.items():
            button.setChecked(other == code)
        self.pages.setCurrentWidget(self.rooms_page if code == ROOMS else self.steps_page)
        if code != ROOMS:
            profile = self.profiles.get(code)
            steps = profile.steps if profile else ()
            if self.step is None or self.step.profile != code:
                self.step = steps[0] if steps else None
            self._fill_form()
        self._clear_messages()
        self._retranslate()
        if code != ROOMS and self.step is not None and self.step.id in self.step_rows:
            self.step_list.ensureWidgetVisible(self.step_rows[self.step.id])

    def select_step(self, step_id: str) -> None:
        profile = self.profiles.get(self.page)
        step = profile.step(step_id) if profile else None
        if step is None:
            return
        self.step = step
        self._clear_messages()
        self._fill_form()
        self._show_steps()

    # ------------------------------------------------------------------ changing

    def edited_fields(self) -> dict:
        """What the form changes of the step in effect."""
        step = self.step
        if step is None:
            return {}
        fields: dict = {}
        for name, _label in TEXT_FIELDS:
            edit = self.edits[name]
            text = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            if text.strip() != getattr(step, name):
                fields[name] = text.strip()
        if step.trigger.kind != engine.KIND_SHIFT and self.due_field.value() != step.due_minutes:
            fields["due_minutes"] = self.due_field.value()
        own = timer_field(step)
        if own is not None and self.timer_field.value() != getattr(step.trigger, own):
            fields["trigger"] = {own: self.timer_field.value()}
        return fields

    def save(self) -> bool:
        """Keep the edit over the shipped step; a refusal is shown and nothing is kept."""
        step = self.step
        if step is None:
            return False
        fields = self.edited_fields()
        if not fields:
            self._show_info(self._session.tr("Nothing changed."))
            return False
        ctx = self._session.ctx
        staff_id = self._session.staff_id
        done = self._session.run(
            lambda: coaching.update_step(
                ctx, profile=step.profile, step_id=step.id, fields=fields, staff_id=staff_id
            ),
            on_error=self.show_error,
        )
        if done is None:
            return False
        self.reload()
        self._fill_form()
        self._show_info(self._session.tr("Saved."))
        return True

    def reset(self) -> bool:
        """Back to the step as shipped."""
        step = self.step
        if step is None:
            return False
        ctx = self._session.ctx
        done = self._session.run(
            lambda: coaching.reset_step(ctx, profile=step.profile, step_id=step.id),
            on_error=self.show_error,
        )
        if done is None:
            return False
        self.reload()
        self._fill_form()
        self._show_info(self._session.tr("Back to the step as shipped."))
        return True

    def set_enabled(self, step_id: str, on: bool) -> bool:
        """Switch a step on or off."""
        profile = self.page
        ctx = self._session.ctx
        staff_id = self._session.staff_id
        done = self._session.run(
            lambda: coaching.update_step(
                ctx, profile=profile, step_id=step_id, fields={"enabled": on}, staff_id=staff_id
            ),
            on_error=self.show_error,
        )
        self.reload()
        return done is not None

    def set_room_profile(self, room_id: int, code: str) -> bool:
        ctx = self._session.ctx
        done = self._session.run(
            lambda: coaching.set_room_profile(ctx, room_id=room_id, profile=code),
            on_error=self.show_error,
        )
        self.reload()
        return done is not None

    # ------------------------------------------------------------------ files

    def open_export(self) -> QFileDialog:
        dialog = self._file_dialog(self._session.tr("Export service steps"), save=True)
        dialog.fileSelected.connect(self.export_to)
        dialog.open()
        return dialog

    def open_import(self) -> QFileDialog:
        dialog = self._file_dialog(self._session.tr("Import service steps"), save=False)
        dialog.fileSelected.connect(self.import_from)
        dialog.open()
        return dialog

    def _file_dialog(self, title: str, *, save: bool) -> QFileDialog:
        if self.file_dialog is not None:
            self.file_dialog.deleteLater()
        dialog = QFileDialog(self, title, str(Path.home()), self._session.tr(FILE_FILTER))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("json")
            dialog.selectFile("service-steps.json")
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.file_dialog = dialog
        return dialog

    def export_to(self, path: str | Path) -> bool:
        """Every step in effect, written to ``path`` (UTF-8 JSON)."""
        ctx = self._session.ctx
        text = self._session.run(lambda: coaching.export_steps(ctx), on_error=self.show_error)
        if text is None:
            return False
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as problem:
            self.show_error(
                self._session.tr("Could not write the file: {error}").format(
                    error=problem.strerror or problem
                )
            )
            return False
        self._show_info(self._session.tr("Exported to {path}.").format(path=path))
        return True

    def import_from(self, path: str | Path) -> bool:
        """The steps of the file at ``path`` take effect; one bad step refuses the whole
        file with its id in the message, and nothing changes."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as problem:
            reason = problem.strerror if isinstance(problem, OSError) else problem.reason
            self.show_error(
                self._session.tr("Could not read the file: {error}").format(error=reason)
            )
            return False
        ctx = self._session.ctx
        staff_id = self._session.staff_id
        done = self._session.run(
            lambda: coaching.import_steps(ctx, text, staff_id=staff_id), on_error=self.show_error
        )
        if done is None:
            return False
        self.reload()
        self._fill_form()
        self._show_info(self._session.tr("Imported from {path}.").format(path=path))
        return True

    # ------------------------------------------------------------------ messages

    def show_error(self, text: str) -> None:
        self.info_label.hide()
        self.error_label.setText(text)
        self.error_label.show()

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""

    def _show_info(self, text: str) -> None:
        self.error_label.hide()
        self.info_label.setText(text)
        self.info_label.show()

    def _clear_messages(self) -> None:
        self.error_label.hide()
        self.info_label.hide()

    # ------------------------------------------------------------------ showing

    def _fill_form(self) -> None:
        step = self.step
        self.details.setEnabled(step is not None)
        if step is None:
            return
        for name, _label in TEXT_FIELDS:
            edit = self.edits[name]
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(getattr(step, name))
            else:
                edit.setText(getattr(step, name))
        shift = step.trigger.kind == engine.KIND_SHIFT
        self.due_field.setVisible(not shift)
        self.due_field.set_value(step.due_minutes)
        own = timer_field(step)
        self.timer_field.setVisible(own is not None)
        if own is not None:
            self.timer_field.label = TIMER_FIELD_LABELS[own]
            self.timer_field.set_value(getattr(step.trigger, own))
        self._show_form_texts()

    def _show_form_texts(self) -> None:
        step = self.step
        if step is None:
            return
        language = self._session.language
        tr = self._session.tr
        self.step_title.setText(step.title(language.is_chinese))
        self.step_meta.setText(
            f"{lines.stage_label(step.stage, language)} · {lines.role_label(step.role, language)}"
            f" · {trigger_text(step, self._session)}"
        )
        names = " ".join("{" + name + "}" for name in engine.PLACEHOLDERS)
        self.placeholder_hint.setText(tr("Placeholders you can use: {names}").format(names=names))

    def _show_steps(self) -> None:
        profile = self.profiles.get(self.page) if self.page != ROOMS else None
        steps = profile.steps if profile else ()
        wanted = [step.id for step in steps]
        if list(self.step_rows) != wanted:
            for row in self.step_rows.values():
                row.hide()
                row.deleteLater()
            self.step_rows = {}
            for index, step in enumerate(steps):
                row = StepRow(step)
                row.tapped.connect(self.select_step)
                row.switched.connect(self.set_enabled)
                row.switch.setMinimumWidth(self._session.px(72))
                self._list_layout.insertWidget(index, row)
                self.step_rows[step.id] = row
        chosen = self.step.id if self.step is not None else None
        for step in steps:
            self.step_rows[step.id].show_step(step, self._session, step.id == chosen)

    def _show_rooms(self) -> None:
        language = self._session.language
        codes = [code for code in PROFILE_ORDER if code != coaching.BRIEFING]
        if set(self.room_buttons) != {room.room_id for room in self.rooms}:
            while self._rooms_grid.count():
                widget = self._rooms_grid.takeAt(0).widget()
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
            self.room_buttons = {}
            self.room_labels = {}
            for row, room in enumerate(self.rooms):
                label = QLabel(objectName="heading")
                self._rooms_grid.addWidget(label, row, 0)
                self.room_labels[room.room_id] = label
                buttons = {}
                for column, code in enumerate(codes, start=1):
                    button = TouchButton(size="main")
                    button.setObjectName("choice")
                    button.setCheckable(True)
                    button.clicked.connect(
                        lambda _=False, r=room.room_id, c=code: self.set_room_profile(r, c)
                    )
                    self._rooms_grid.addWidget(button, row, column)
                    buttons[code] = button
                self.room_buttons[room.room_id] = buttons
            self._rooms_grid.setColumnStretch(0, 1)
        for room in self.rooms:
            self.room_labels[room.room_id].setText(language.pick(room.name_zh, room.name_en))
            chosen = self.room_profiles.get(room.room_id)
            for code, button in self.room_buttons[room.room_id].items():
                profile = self.profiles.get(code)
                button.setText(profile.name(language.is_chinese) if profile else code)
                button.setChecked(code == chosen)

    def _retranslate(self, *_: object) -> None:
        tr = self._session.tr
        language = self._session.language
        self.setWindowTitle(tr("Service steps"))
        self.title.setText(tr("Service steps"))
        for code, button in self.profile_buttons.items():
            profile = self.profiles.get(code)
            if code == ROOMS:
                button.setText(tr("Rooms"))
            else:
                button.setText(profile.name(language.is_chinese) if profile else code)
        self.rooms_hint.setText(tr("Choose the service steps each room follows."))
        for name, label in TEXT_FIELDS:
            self.field_labels[name].setText(tr(label))
        self.due_field.retranslate()
        self.timer_field.retranslate()
        self.reset_button.setText(tr("Back to shipped"))
        self.save_button.setText(tr("Save"))
        self.export_button.setText(tr("Export…"))
        self.import_button.setText(tr("Import…"))
        self.close_button.setText(tr("Close"))
        self._show_form_texts()
        self._show_steps()
        self._show_rooms()
