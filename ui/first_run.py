"""The first start on a counter PC whose store has no venue yet (首次使用): try the demo
venue, or set up the owner's own venue from three answers — its name, its language and the
manager's name and PIN.

Creating either is one action in ``app.services.setup``; this dialog only asks. The names
come filled in (我的餐厅, 经理) so that a touchscreen without a keyboard only needs the PIN
pad; both can be renamed later in the back office.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_
from app.domain.text import NAME_MAX
from app.i18n import LANGUAGES, Language
from app.services import setup
from app.services.context import Context
from ui.session import UiSession
from ui.widgets import NumPad, TouchButton
from ui.widgets.touch import MAIN_PX

PIN_MAX_DIGITS = 8
DEFAULT_VENUE_NAME = N_("My restaurant")
DEFAULT_MANAGER_NAME = N_("Manager")


def first_run_style(px) -> str:
    """The dialog's look at the chosen font size."""
    return f"""
QLabel#title {{ font-size: {px(28)}px; font-weight: bold; }}
QLabel#prompt {{ font-size: {px(20)}px; }}
QLabel#hint {{ font-size: {px(17)}px; color: #455a64; }}
QLabel#field {{ font-size: {px(18)}px; font-weight: bold; }}
QLabel#error {{ font-size: {px(19)}px; font-weight: bold; color: #c62828; background: #ffebee;
               border: 2px solid #c62828; border-radius: 4px; padding: 8px; }}
QLineEdit {{ font-size: {px(22)}px; padding: 4px 10px; border: 1px solid #90a4ae;
            border-radius: 4px; background: white; }}
QPushButton {{ font-size: {px(20)}px; }}
QPushButton#choice {{ font-size: {px(24)}px; font-weight: bold; background: #eceff1;
                     border: 2px solid #90a4ae; border-radius: 8px; padding: 12px; }}
QPushButton#language {{ font-size: {px(20)}px; background: #eceff1; border: 2px solid #b0bec5;
                       border-radius: 6px; padding: 0 16px; }}
QPushButton#language:checked {{ background: #1565c0; color: white; border-color: #0d47a1; }}
QPushButton#create {{ font-size: {px(24)}px; font-weight: bold; background: #2e7d32;
                     color: white; border-radius: 6px; }}
QPushButton#create:disabled {{ background: #a5d6a7; }}
"""


class FirstRunDialog(QDialog):
    """Welcome page with two large choices, then the new-venue form. Emits
    ``venue_created`` with the language chosen for the screens once the store has its
    venue, and closes."""

    venue_created = Signal(object)  # Language

    def __init__(self, ctx: Context, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.session = UiSession(ctx, language)
        self.title = QLabel(objectName="title")
        self.language_label = QLabel(objectName="field")
        self.language_buttons: dict[str, TouchButton] = {}
        group = QButtonGroup(self)
        for code in LANGUAGES:
            button = TouchButton(Language(code).display_name, size="main")
            button.setObjectName("language")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, code=code: self.choose_language(code))
            group.addButton(button)
            self.language_buttons[code] = button
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.language_label)
        for button in self.language_buttons.values():
            header.addWidget(button)

        self.pages = QStackedWidget()
        self.welcome_page = self._welcome_page()
        self.venue_page = self._venue_page()
        self.pages.addWidget(self.welcome_page)
        self.pages.addWidget(self.venue_page)
        self.error_label = QLabel(objectName="error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error_label)

        self.session.language_changed.connect(self._retranslate)
        self.session.style_changed.connect(self._restyle)
        self._restyle()
        self._retranslate()
        self.resize(1024, 768)

    # -- pages ------------------------------------------------------------------------------

    def _welcome_page(self) -> QWidget:
        page = QWidget()
        self.prompt = QLabel(objectName="prompt")
        self.prompt.setWordWrap(True)
        self.demo_button = TouchButton(size="main")
        self.demo_button.setObjectName("choice")
        self.demo_button.clicked.connect(self.choose_demo)
        self.demo_hint = QLabel(objectName="hint")
        self.new_button = TouchButton(size="main")
        self.new_button.setObjectName("choice")
        self.new_button.clicked.connect(self.show_venue_form)
        self.new_hint = QLabel(objectName="hint")
        choices = QGridLayout()
        choices.setHorizontalSpacing(32)
        choices.setVerticalSpacing(12)
        for column, (button, hint) in enumerate(
            ((self.demo_button, self.demo_hint), (self.new_button, self.new_hint))
        ):
            button.setMinimumHeight(3 * MAIN_PX)
            hint.setWordWrap(True)
            hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            choices.addWidget(button, 0, column)
            choices.addWidget(hint, 1, column)
            choices.setColumnStretch(column, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 24, 0, 0)
        layout.setSpacing(32)
        layout.addWidget(self.prompt)
        layout.addLayout(choices)
        layout.addStretch(1)
        return page

    def _venue_page(self) -> QWidget:
        page = QWidget()
        self.back_button = TouchButton(size="normal")
        self.back_button.setMinimumWidth(2 * MAIN_PX)
        self.back_button.clicked.connect(self.show_welcome)
        self.venue_name_label = QLabel(objectName="field")
        self.venue_name = QLineEdit()
        self.manager_name_label = QLabel(objectName="field")
        self.manager_name = QLineEdit()
        for field in (self.venue_name, self.manager_name):
            field.setMinimumHeight(MAIN_PX)
            field.setMaxLength(NAME_MAX)
            field.textEdited.connect(self._hide_error)
        self.names_hint = QLabel(objectName="hint")
        self.names_hint.setWordWrap(True)
        self.pin_label = QLabel(objectName="field")
        self.pin_pad = NumPad(self.session.language, max_length=PIN_MAX_DIGITS, masked=True)
        self.pin_pad.changed.connect(self._pin_typed)
        self.create_button = TouchButton(size="main")
        self.create_button.setObjectName("create")
        self.create_button.clicked.connect(self.create_venue)
        self.create_button.setEnabled(False)

        names = QVBoxLayout()
        names.setSpacing(8)
        names.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        names.addSpacing(8)
        names.addWidget(self.venue_name_label)
        names.addWidget(self.venue_name)
        names.addSpacing(12)
        names.addWidget(self.manager_name_label)
        names.addWidget(self.manager_name)
        names.addSpacing(12)
        names.addWidget(self.names_hint)
        names.addStretch(1)
        names.addWidget(self.create_button)
        pin = QVBoxLayout()
        pin.addWidget(self.pin_label)
        pin.addWidget(self.pin_pad, 1)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(32)
        layout.addLayout(names, 3)
        layout.addLayout(pin, 2)
        return page

    # -- what the owner taps ----------------------------------------------------------------

    @property
    def language(self) -> Language:
        return self.session.language

    def choose_language(self, code: str) -> None:
        """Screens and the new venue in this language; untouched default names follow."""
        old = self.session.language
        if code == old.code:
            return
        new = Language(code)
        for field, default in (
            (self.venue_name, DEFAULT_VENUE_NAME),
            (self.manager_name, DEFAULT_MANAGER_NAME),
        ):
            if field.text() == old.gettext(default):
                field.setText(new.gettext(default))
        self.session.set_language(new)

    def show_venue_form(self) -> None:
        self._hide_error()
        if not self.venue_name.text():
            self.venue_name.setText(self.session.tr(DEFAULT_VENUE_NAME))
        if not self.manager_name.text():
            self.manager_name.setText(self.session.tr(DEFAULT_MANAGER_NAME))
        self.pages.setCurrentWidget(self.venue_page)

    def show_welcome(self) -> None:
        self._hide_error()
        self.pages.setCurrentWidget(self.welcome_page)

    def choose_demo(self) -> None:
        """Fill the store with the demo venue and go to the log-in screen."""
        ctx = self.session.ctx

        def create() -> bool:
            setup.create_demo_venue(ctx)
            return True

        if self.session.run(create, on_error=self.show_error):
            self._done()

    def create_venue(self) -> None:
        """The owner's venue: one hall, the usual kitchen stations, its manager."""
        ctx = self.session.ctx
        name, manager = self.venue_name.text(), self.manager_name.text()
        code, pin = self.session.language.code, self.pin_pad.value()

        def create() -> bool:
            setup.create_new_venue(
                ctx, name=name, locale=code, manager_name=manager, manager_pin=pin
            )
            return True

        if self.session.run(create, on_error=self.show_error):
            self._done()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    # -- inside -----------------------------------------------------------------------------

    def _done(self) -> None:
        self.venue_created.emit(self.session.language)
        self.accept()

    def _hide_error(self, *_: object) -> None:
        self.error_label.hide()

    def _pin_typed(self, pin: str) -> None:
        self._hide_error()
        self.create_button.setEnabled(len(pin) >= 4)

    def _retranslate(self, *_: object) -> None:
        tr = self.session.tr
        self.setWindowTitle(tr("Welcome to Xiaoer"))
        self.title.setText(tr("Welcome to Xiaoer"))
        self.language_label.setText(tr("Language"))
        for code, button in self.language_buttons.items():
            button.setChecked(code == self.session.language.code)
        self.prompt.setText(tr("This computer has no venue yet. How would you like to start?"))
        self.demo_button.setText(tr("Try the demo venue"))
        self.demo_hint.setText(
            tr("Tables, a menu and staff to practise with. The manager's PIN is 9999.")
        )
        self.new_button.setText(tr("Set up my venue"))
        self.new_hint.setText(tr("Your venue's name and language, and the manager's PIN."))
        self.back_button.setText(tr("Back"))
        self.venue_name_label.setText(tr("Venue name"))
        self.manager_name_label.setText(tr("Manager's name"))
        self.names_hint.setText(
            tr("Tables, menu and staff are added in the back office after you log in.")
        )
        self.pin_label.setText(tr("Manager's PIN (4 to 8 digits)"))
        self.create_button.setText(tr("Create the venue"))
        self.pin_pad.set_language(self.session.language)

    def _restyle(self) -> None:
        self.setStyleSheet(first_run_style(self.session.px))
        self.pin_pad.restyle(self.session.px)


def ask_for_a_venue(ctx: Context, language: Language) -> Language | None:
    """Show the first-run dialog full screen until the store has a venue; the language the
    owner chose, or None when the dialog was closed without one."""
    dialog = FirstRunDialog(ctx, language)
    dialog.setWindowState(Qt.WindowState.WindowMaximized)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.language
