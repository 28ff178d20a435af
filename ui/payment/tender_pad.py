"""The tender pad: how the guest pays (cash, WeChat Pay, Alipay, card, member card,
voucher, charge to account, comp), how much (number pad, Exact and the notes just above
what is still to pay), and who signs or which card or voucher it is."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.billing import TENDER_LABELS, TenderMethod
from app.domain.errors import N_
from app.domain.money import FEN_PER_YUAN, Fen, parse_yuan
from app.domain.tendering import QUICK_CASH_COUNT, quick_cash
from app.domain.text import NAME_MAX
from ui.session import UiSession
from ui.widgets import NumPad, TouchButton
from ui.widgets.touch import NORMAL_PX

METHOD_COLUMNS = 4
METHOD_PX = 56  # two lines of a long method name
AMOUNT_MAX_CHARS = 11  # 10000000.00: the largest single payment
REFERENCE_MAX = 40

EXACT = N_("Exact")
ADD = N_("Add")
REFERENCE_PROMPTS: dict[TenderMethod, str] = {
    TenderMethod.ACCOUNT: N_("Signer's name (required)"),
    TenderMethod.MEMBER: N_("Member card or phone number"),
    TenderMethod.VOUCHER: N_("Voucher number (optional)"),
}


def two_lines(text: str, longest: int = 8) -> str:
    """A long label on two lines, broken at the space nearest its middle ("Charge to
    account"), so that it fits a button without shrinking the text; Chinese is short."""
    if len(text) <= longest or " " not in text:
        return text
    middle = len(text) / 2
    cut = min((i for i, c in enumerate(text) if c == " "), key=lambda i: abs(i - middle))
    return f"{text[:cut]}\n{text[cut + 1 :]}"


def amount_text(fen: Fen) -> str:
    """An amount as typed on the pad: 8650 → "86.50", 10000 → "100"."""
    yuan, rest = divmod(fen, FEN_PER_YUAN)
    return f"{yuan}.{rest:02d}" if rest else str(yuan)


class TenderPad(QWidget):
    """Method buttons, the amount pad with quick amounts, and Add; ``add_requested`` when
    the cashier taps Add."""

    add_requested = Signal()

    def __init__(self, session: UiSession, parent=None) -> None:
        super().__init__(parent)
        self._session = session
        self._still_to_pay: Fen = 0
        self._method = TenderMethod.CASH

        self.methods: dict[TenderMethod, TouchButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        grid = QGridLayout()
        grid.setSpacing(6)
        for index, method in enumerate(TenderMethod):
            button = TouchButton()
            button.setObjectName("method")
            button.setCheckable(True)
            button.setMinimumHeight(METHOD_PX)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, m=method: self.choose(m))
            self._group.addButton(button)
            grid.addWidget(button, index // METHOD_COLUMNS, index % METHOD_COLUMNS)
            self.methods[method] = button

        self.numpad = NumPad(session.language, max_length=AMOUNT_MAX_CHARS, decimals=2)
        self.exact_button = TouchButton()
        self.exact_button.setObjectName("quick")
        self.exact_button.clicked.connect(self.fill_exact)
        self.quick_buttons: list[TouchButton] = []
        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.setSpacing(8)
        for _ in range(QUICK_CASH_COUNT):
            button = TouchButton()
            button.setObjectName("quick")
            button.clicked.connect(lambda _=False, b=button: self.fill_cash(b.property("fen")))
            notes_layout.addWidget(button, 1)
            self.quick_buttons.append(button)
        # a signer, card or voucher number takes the place of the notes (cash only)
        self.reference_caption = QLabel(objectName="caption")
        self.reference_caption.setWordWrap(True)
        self.reference_edit = QLineEdit()
        self.reference_edit.setMinimumHeight(NORMAL_PX)
        reference = QWidget()
        reference_layout = QVBoxLayout(reference)
        reference_layout.setContentsMargins(0, 0, 0, 0)
        reference_layout.addWidget(self.reference_caption)
        reference_layout.addWidget(self.reference_edit)
        reference_layout.addStretch(1)
        self._middle = QStackedWidget()
        self._middle.addWidget(notes)
        self._middle.addWidget(reference)
        self._notes_page, self._reference_page = notes, reference
        self.add_button = TouchButton(size="main")
        self.add_button.setObjectName("add")
        self.add_button.clicked.connect(lambda: self.add_requested.emit())
        for button in (self.exact_button, *self.quick_buttons, self.add_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        for button in self.quick_buttons:
            # a note not offered is hidden but keeps its place: the others stay put
            keep = button.sizePolicy()
            keep.setRetainSizeWhenHidden(True)
            button.setSizePolicy(keep)
        quick = QVBoxLayout()
        quick.setSpacing(8)
        quick.addWidget(self.exact_button, 1)
        quick.addWidget(self._middle, QUICK_CASH_COUNT)
        quick.addWidget(self.add_button, 1)

        entry = QHBoxLayout()
        entry.setSpacing(10)
        entry.addWidget(self.numpad, 3)
        entry.addLayout(quick, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(grid)
        layout.addLayout(entry, 1)
        self.choose(TenderMethod.CASH)

    # ------------------------------------------------------------------ choices

    @property
    def method(self) -> TenderMethod:
        return self._method

    def choose(self, method: TenderMethod) -> None:
        """The method the next payment is made with; asks for a signer or card when it needs one."""
        changed = method is not self._method
        self._method = method
        self.methods[method].setChecked(True)
        needs_reference = method in REFERENCE_PROMPTS
        self._middle.setCurrentWidget(self._reference_page if needs_reference else self._notes_page)
        self.reference_edit.setMaxLength(
            NAME_MAX if method is TenderMethod.ACCOUNT else REFERENCE_MAX
        )
        if changed:  # a name typed for this method stays when it is tapped again
            self.reference_edit.clear()
        self.retranslate()

    def fill_exact(self) -> None:
        """The amount still to pay, with the method already chosen (WeChat exact, card exact …)."""
        self.numpad.set_value(amount_text(self._still_to_pay) if self._still_to_pay else "")

    def fill_cash(self, fen: Fen) -> None:
        """A note the guest hands over: cash, that amount."""
        if self.method is not TenderMethod.CASH:
            self.choose(TenderMethod.CASH)
        self.numpad.set_value(amount_text(fen))

    def amount(self) -> Fen:
        """The typed amount in fen; raises the domain's error when there is none."""
        return parse_yuan(self.numpad.value())

    def reference(self) -> str:
        return self.reference_edit.text().strip() if self.method in REFERENCE_PROMPTS else ""

    def has_entry(self) -> bool:
        return bool(self.numpad.value())

    def clear_entry(self) -> None:
        self.numpad.clear()
        self.reference_edit.clear()

    def set_still_to_pay(self, fen: Fen) -> None:
        """Exact and the quick notes follow what is still to pay."""
        self._still_to_pay = fen
        self._show_quick()

    # ------------------------------------------------------------------ language

    def retranslate(self) -> None:
        tr = self._session.tr
        self.numpad.set_language(self._session.language)
        for method, button in self.methods.items():
            button.setText(two_lines(tr(TENDER_LABELS[method])))
        prompt = REFERENCE_PROMPTS.get(self.method)
        self.reference_caption.setText(tr(prompt) if prompt else "")
        self.add_button.setText(tr(ADD))
        self._show_quick()

    def _show_quick(self) -> None:
        lang = self._session.language
        due = self._still_to_pay
        self.exact_button.setText(
            f"{self._session.tr(EXACT)}\n{lang.money(due)}" if due else self._session.tr(EXACT)
        )
        self.exact_button.setEnabled(due > 0)
        amounts = quick_cash(due)
        for index, button in enumerate(self.quick_buttons):
            fen = amounts[index] if index < len(amounts) else 0
            button.setProperty("fen", fen)
            button.setText(lang.money(fen) if fen else "")
            button.setEnabled(bool(fen))
            button.setVisible(bool(fen))  # no empty boxes once the bill is covered

    def quick_amounts(self) -> list[Fen]:
        """The note amounts offered now, as their buttons hold them."""
        return [b.property("fen") for b in self.quick_buttons if b.isEnabled()]
