"""The arithmetic of the shift summary and the day report (营业日报): the parts of a sale that
add up to what the guest paid, an even split's shares given their part of every figure to
the fen, averages, and the checks a report must pass before anyone reads it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from app.domain.money import Fen, div_round_half_up


@dataclass(frozen=True)
class SaleParts:
    """What one sale (or a whole period) is made of, as the receipt shows it.

    ``items`` is the gross: dishes with their options, after voids, before discounts;
    ``options`` is the part of it from option surcharges. The total is the net sales plus
    the fees plus the rounding (negative for 抹零)."""

    items: Fen = 0
    options: Fen = 0
    line_discounts: Fen = 0
    bill_discounts: Fen = 0
    seat_fees: Fen = 0
    room_fees: Fen = 0
    minimum_topups: Fen = 0
    service_charge: Fen = 0
    rounding: Fen = 0

    @property
    def gross(self) -> Fen:
        return self.items

    @property
    def discounts(self) -> Fen:
        return self.line_discounts + self.bill_discounts

    @property
    def net_sales(self) -> Fen:
        return self.items - self.discounts

    @property
    def fees(self) -> Fen:
        """Seat fees, room fees, minimum-spend top-ups and the service charge."""
        return self.seat_fees + self.room_fees + self.minimum_topups + self.service_charge

    @property
    def total(self) -> Fen:
        return self.net_sales + self.fees + self.rounding

    def __add__(self, other: SaleParts) -> SaleParts:
        return SaleParts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


def add_parts(parts: Sequence[SaleParts]) -> SaleParts:
    total = SaleParts()
    for part in parts:
        total = total + part
    return total


def cumulative_split(amount: int, weights: Sequence[int]) -> list[int]:
    """``amount`` shared in proportion to ``weights`` (non-negative, not all zero): each part
    is the step of the rounded-down running share, so the parts add up to ``amount``
    exactly and any run of them is within one unit of its exact share."""
    whole = sum(weights)
    if whole <= 0:
        return [amount] + [0] * (len(weights) - 1) if weights else []
    parts = []
    running = 0
    before = 0
    for weight in weights:
        running += weight
        upto = amount * running // whole
        parts.append(upto - before)
        before = upto
    return parts


_SIGNED = (  # how each part enters the total; ``items`` balances and ``options`` is inside it
    ("line_discounts", -1),
    ("bill_discounts", -1),
    ("seat_fees", 1),
    ("room_fees", 1),
    ("minimum_topups", 1),
    ("service_charge", 1),
    ("rounding", 1),
)


def share_parts(whole: SaleParts, shares: Sequence[Fen]) -> list[SaleParts]:
    """An even split (AA 均分): each share bill's part of every figure of the split bill.

    Every share's parts add up to that share (so each share reconciles on its own), and the
    shares' parts add up to the split bill's parts, each to the fen. The dishes' gross
    takes what the rounding of the other parts leaves."""
    if sum(shares) != whole.total:
        raise ValueError("the shares do not add up to the bill")
    weights = [max(share, 0) for share in shares]
    split = {name: cumulative_split(getattr(whole, name), weights) for name, _ in _SIGNED}
    options = cumulative_split(whole.options, weights)
    result = []
    for index, share in enumerate(shares):
        values = {name: split[name][index] for name, _ in _SIGNED}
        others = sum(sign * values[name] for name, sign in _SIGNED)
        result.append(SaleParts(items=share - others, options=options[index], **values))
    return result


def average(amount: Fen, count: int) -> Fen | None:
    """``amount`` per one of ``count`` (rounded half up to the fen); None when none."""
    if count <= 0:
        return None
    return div_round_half_up(amount, count)


def ratio(numerator: int, denominator: int, places: int = 2) -> Decimal | None:
    """``numerator`` / ``denominator`` to ``places`` decimals (table turns); None when 0."""
    if denominator <= 0:
        return None
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(numerator) / Decimal(denominator)).quantize(exponent, ROUND_HALF_UP)


@dataclass(frozen=True)
class Check:
    """One rule a report must keep: two figures that must be equal, to the fen."""

    name: str  # an English message id, translated when shown
    left: int
    right: int
    money: bool = True  # fen; else a count (bills, guests, voids)

    @property
    def ok(self) -> bool:
        return self.left == self.right


@dataclass(frozen=True)
class Reconciliation:
    """Every check of a report; true when all of them hold."""

    checks: tuple[Check, ...]

    def __bool__(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def mismatches(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if not check.ok)
