"""Bill arithmetic in integer fen: one pure function from lines and venue rules to every
part of the total, so the pre-bill, the receipt and the settlement always agree."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import N_, Amount, InvalidInput, Phrase
from app.domain.money import Fen, RoundingMode, line_amount, percent_of, rounding_adjustment


class DiscountKind(StrEnum):
    PERCENT = "percent"  # value in basis points off: 1000 = 10 % off (九折)
    AMOUNT = "amount"  # value in fen off


@dataclass(frozen=True)
class Discount:
    kind: DiscountKind
    value: int

    def off(self, amount: Fen) -> Fen:
        """How much this discount takes off ``amount`` (never more than all of it)."""
        if amount < 0:  # a void's reversal gives back what the discount took off the dish
            return -self.off(-amount)
        if self.kind is DiscountKind.PERCENT:
            if not 0 <= self.value <= 10_000:
                raise InvalidInput(N_("A discount must be between 0 and 100 %."))
            return min(amount, percent_of(amount, self.value))
        if self.value < 0:
            raise InvalidInput(N_("A discount cannot be negative."))
        return min(amount, self.value)


def discount_setting(
    kind: DiscountKind | str | None, value: int
) -> tuple[DiscountKind | None, int]:
    """A discount as staff set it, checked (0–100 %, not negative); ``None`` removes it."""
    if kind is None:
        return None, 0
    discount = Discount(DiscountKind(kind), value)
    discount.off(0)  # refuses an impossible value
    return discount.kind, value


@dataclass(frozen=True)
class PricedLine:
    """One charged line: quantity in thousandths × (unit price + option surcharges)."""

    quantity_milli: int
    unit_price: Fen
    surcharge: Fen = 0
    discount: Discount | None = None
    charged: bool = True  # False for voided lines and their reversals

    @property
    def gross(self) -> Fen:
        return line_amount(self.unit_price + self.surcharge, self.quantity_milli)

    @property
    def line_discount(self) -> Fen:
        return self.discount.off(self.gross) if self.discount else 0


@dataclass(frozen=True)
class BillRules:
    """The venue's and the room's rules that turn lines into a total."""

    seat_fee_per_guest: Fen = 0
    minimum_spend: Fen = 0
    service_charge_bp: int = 0  # on the items after discounts plus any minimum-spend top-up
    rounding: RoundingMode = RoundingMode.NONE
    custom_rounding: Fen = 0


@dataclass(frozen=True)
class Breakdown:
    """Every part of a bill, each shown on the pre-bill and the receipt."""

    items: Fen  # Σ lines gross, options included
    options: Fen  # the part of ``items`` that comes from option surcharges
    line_discounts: Fen
    bill_discount: Fen
    seat_fee: Fen
    room_fee: Fen
    minimum_spend_topup: Fen
    service_charge: Fen
    rounding: Fen
    total: Fen

    @property
    def discounts(self) -> Fen:
        return self.line_discounts + self.bill_discount

    @property
    def items_net(self) -> Fen:
        return self.items - self.discounts

    @property
    def before_rounding(self) -> Fen:
        return self.total - self.rounding


def compute_bill(
    lines: list[PricedLine],
    *,
    guests: int,
    rules: BillRules,
    room_fee: Fen = 0,
    bill_discount: Discount | None = None,
) -> Breakdown:
    """Total = items − discounts + seat fee + room fee + minimum-spend top-up + service
    charge + rounding; each part an integer number of fen."""
    charged = [line for line in lines if line.charged]
    items = sum(line.gross for line in charged)
    options = sum(line_amount(line.surcharge, line.quantity_milli) for line in charged)
    line_discounts = sum(line.line_discount for line in charged)
    after_line = items - line_discounts
    bill_off = bill_discount.off(after_line) if bill_discount else 0
    items_net = after_line - bill_off
    seat_fee = rules.seat_fee_per_guest * guests
    topup = max(0, rules.minimum_spend - items_net) if rules.minimum_spend else 0
    service = percent_of(items_net + topup, rules.service_charge_bp)
    before = items_net + seat_fee + room_fee + topup + service
    # a manager's round-off never takes more than is left: dishes voided or moved after it
    # was set must not make the bill unpayable (it was checked against the bill when set)
    custom = max(rules.custom_rounding, -max(before, 0))
    rounding = rounding_adjustment(before, rules.rounding, custom)
    total = before + rounding
    return Breakdown(
        items=items,
        options=options,
        line_discounts=line_discounts,
        bill_discount=bill_off,
        seat_fee=seat_fee,
        room_fee=room_fee,
        minimum_spend_topup=topup,
        service_charge=service,
        rounding=rounding,
        total=total,
    )


class TenderMethod(StrEnum):
    CASH = "cash"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    CARD = "card"
    MEMBER = "member"  # member stored value
    VOUCHER = "voucher"
    ACCOUNT = "account"  # 签单: charge to account, needs a signer
    COMP = "comp"  # 免单: needs a manager


TENDER_LABELS: dict[TenderMethod, str] = {
    TenderMethod.CASH: N_("Cash"),
    TenderMethod.WECHAT: N_("WeChat Pay"),
    TenderMethod.ALIPAY: N_("Alipay"),
    TenderMethod.CARD: N_("Bank card"),
    TenderMethod.MEMBER: N_("Member card"),
    TenderMethod.VOUCHER: N_("Voucher"),
    TenderMethod.ACCOUNT: N_("Charge to account"),
    TenderMethod.COMP: N_("Comp"),
}


@dataclass(frozen=True)
class Tender:
    method: TenderMethod
    amount: Fen
    signer: str = ""
    reference: str = ""


@dataclass(frozen=True)
class Settlement:
    """What the tenders come to: Σ tenders − change = total, to the fen."""

    tendered: Fen
    change: Fen


MAX_TENDER = 10_000_000_00  # ¥10 million: anything above is a typing slip


def settle_tenders(total: Fen, tenders: list[Tender]) -> Settlement:
    """Check tenders against the total; only cash may exceed what is due and gets change."""
    if not tenders and total > 0:
        raise InvalidInput(N_("Add a payment before settling."))
    remaining = total
    cash = 0
    for tender in tenders:
        if tender.amount <= 0:
            raise InvalidInput(N_("A payment must be more than zero."))
        if tender.amount > MAX_TENDER:
            raise InvalidInput(
                N_("{amount} is too large for one payment."), amount=Amount(tender.amount)
            )
        if tender.method is TenderMethod.CASH:
            cash += tender.amount
            continue
        if tender.method is TenderMethod.ACCOUNT and not tender.signer.strip():
            raise InvalidInput(N_("Charging to an account needs the signer's name."))
        if tender.amount > remaining:
            raise InvalidInput(
                N_("{method} cannot pay {amount}: only {due} is still due."),
                method=Phrase(TENDER_LABELS[tender.method]),
                amount=Amount(tender.amount),
                due=Amount(max(remaining, 0)),
            )
        remaining -= tender.amount
    if cash < remaining:
        raise InvalidInput(
            N_("Not enough: {due} is due, {short} is still missing."),
            due=Amount(total),
            short=Amount(remaining - cash),
        )
    change = cash - remaining if cash else 0
    if cash and change >= cash:
        raise InvalidInput(N_("The cash is not needed: the bill is already covered."))
    return Settlement(tendered=sum(t.amount for t in tenders), change=change)
