"""What the cashier reads while tenders go in: still to pay, change, the notes a guest is
likely to hand over. Pure: no Qt, no store. The money rules stay in
``app.domain.billing.settle_tenders``; this only asks it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.billing import MAX_TENDER, Tender, TenderMethod, settle_tenders
from app.domain.errors import InvalidInput
from app.domain.money import FEN_PER_YUAN, Fen

NOTE_STEPS: tuple[Fen, ...] = (20 * FEN_PER_YUAN, 50 * FEN_PER_YUAN, 100 * FEN_PER_YUAN)
"""A guest pays with ¥20, ¥50 and ¥100 notes: the amounts just above the bill they make."""
HUNDRED: Fen = 100 * FEN_PER_YUAN
QUICK_CASH_COUNT = 3


def quick_cash(remaining: Fen, count: int = QUICK_CASH_COUNT) -> list[Fen]:
    """The cash amounts a guest most likely hands over for ``remaining``, smallest first:
    the next ¥20, ¥50 and ¥100 above it, then one more ¥100 note (¥86.50 → ¥100, ¥200).
    Every one is more than ``remaining`` (the exact amount has its own button)."""
    if remaining <= 0:
        return []
    amounts = {-(-remaining // step) * step for step in NOTE_STEPS}
    amounts.add(-(-remaining // HUNDRED) * HUNDRED + HUNDRED)
    fitting = sorted(a for a in amounts if remaining < a <= MAX_TENDER)
    return fitting[:count]


@dataclass(frozen=True)
class Progress:
    """Where the payment stands: what is still to pay and the change to hand back."""

    still_to_pay: Fen
    change: Fen
    covered: bool


def progress(total: Fen, tenders: list[Tender]) -> Progress:
    """Still to pay and change as the settlement would make them: once the tenders cover
    the total, ``settle_tenders`` says the change; until then nothing is handed back."""
    try:
        settlement = settle_tenders(total, tenders)
    except InvalidInput:
        paid = sum(tender.amount for tender in tenders)
        return Progress(max(total - paid, 0), 0, False)
    return Progress(0, settlement.change, True)


def _not_enough_message_id() -> str:
    """The domain's own "not enough yet" message, asked of it rather than copied."""
    try:
        settle_tenders(2, [Tender(TenderMethod.CASH, 1)])
    except InvalidInput as short:
        return short.message_id
    raise AssertionError("settle_tenders accepted too little")  # pragma: no cover


NOT_ENOUGH = _not_enough_message_id()


def check_new_tender(total: Fen, tenders: list[Tender], new: Tender) -> None:
    """Raise the domain's error when ``new`` cannot be part of this payment (a card above
    what is still due, cash when nothing is due, no signer …); being short is fine while
    tenders are still going in."""
    try:
        settle_tenders(total, [*tenders, new])
    except InvalidInput as refused:
        if refused.message_id != NOT_ENOUGH:
            raise


def receipt_number(business_day: date | None, receipt_no: int | None) -> str:
    """The receipt number as printed and as the back office finds it: 20261120-0001."""
    if receipt_no is None:
        return ""
    if business_day is None:
        return f"{receipt_no:04d}"
    return f"{business_day:%Y%m%d}-{receipt_no:04d}"
