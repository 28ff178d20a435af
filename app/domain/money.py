"""Money in integer fen: parsing, proportional shares and the rounding rules (抹零)."""

from __future__ import annotations

from enum import StrEnum

from app.domain.errors import N_, Amount, InvalidInput

Fen = int

FEN_PER_YUAN = 100
MILLI = 1000  # quantities are kept in thousandths: 1 portion = 1000, 1.6 斤 = 1600


def div_round_half_up(numerator: int, denominator: int) -> int:
    """Integer division rounded half away from zero; the one place amounts are rounded."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    sign = -1 if numerator < 0 else 1
    q, r = divmod(abs(numerator), denominator)
    if 2 * r >= denominator:
        q += 1
    return sign * q


def percent_of(amount: Fen, basis_points: int) -> Fen:
    """``basis_points`` of ``amount`` (1000 bp = 10 %), rounded half up to the fen."""
    return div_round_half_up(amount * basis_points, 10_000)


def line_amount(unit_price: Fen, quantity_milli: int) -> Fen:
    """Price of a quantity in thousandths (weighed items: 1.6 斤 = 1600)."""
    return div_round_half_up(unit_price * quantity_milli, MILLI)


def parse_yuan(text: str) -> Fen:
    """Parse a typed amount like ``"12.5"`` or ``"¥ 8"`` into fen; refuse anything else."""
    cleaned = text.strip().replace("¥", "").replace(",", "").replace(" ", "")
    if not cleaned:
        raise InvalidInput(N_("Please enter an amount."))
    sign = cleaned[0] if cleaned[0] in "+-" else ""  # one sign at most: "+-5" is a slip
    negative = sign == "-"
    digits = cleaned[len(sign) :]
    whole, _, frac = digits.partition(".")
    if not whole and not frac:
        raise InvalidInput(N_("“{text}” is not an amount."), text=text)
    # isdecimal, not isdigit: "²" is a digit that int() cannot read
    if not (whole or "0").isdecimal() or (frac and not frac.isdecimal()) or len(frac) > 2:
        raise InvalidInput(N_("“{text}” is not an amount."), text=text)
    fen = int(whole or "0") * FEN_PER_YUAN + int((frac + "00")[:2])
    return -fen if negative else fen


def split_evenly(total: Fen, parts: int) -> list[Fen]:
    """Share ``total`` among ``parts``; the first shares take the odd fen, so it always adds up."""
    if parts < 1:
        raise InvalidInput(N_("A bill can only be split into one or more parts."))
    base, remainder = divmod(total, parts)
    return [base + (1 if i < remainder else 0) for i in range(parts)]


class RoundingMode(StrEnum):
    """How the total is rounded off (抹零)."""

    NONE = "none"
    DOWN_JIAO = "down_jiao"  # drop the fen: 123.45 → 123.40
    NEAREST_JIAO = "nearest_jiao"
    DOWN_YUAN = "down_yuan"  # drop the jiao and fen: 123.45 → 123.00
    NEAREST_YUAN = "nearest_yuan"
    CUSTOM = "custom"  # a manager's amount


def rounding_adjustment(amount: Fen, mode: RoundingMode, custom: Fen = 0) -> Fen:
    """The (usually negative) adjustment that rounds ``amount`` by ``mode``."""
    if mode is RoundingMode.CUSTOM and custom > 0:  # even on a bill at zero for now
        raise InvalidInput(N_("A custom round-off can only reduce the bill."))
    if amount <= 0 or mode is RoundingMode.NONE:
        return 0
    if mode is RoundingMode.CUSTOM:
        if -custom > amount:
            raise InvalidInput(
                N_("The round-off {amount} is more than the bill."), amount=Amount(custom)
            )
        return custom
    unit = 10 if mode in (RoundingMode.DOWN_JIAO, RoundingMode.NEAREST_JIAO) else 100
    if mode in (RoundingMode.DOWN_JIAO, RoundingMode.DOWN_YUAN):
        return -(amount % unit)
    return div_round_half_up(amount, unit) * unit - amount
