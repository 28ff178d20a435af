"""Properties of the money rules (pure domain, no store): shares, round-off, the bill's
parts, tenders, timed rooms, typed amounts and the business day."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from app.domain.billing import (
    MAX_TENDER,
    BillRules,
    Discount,
    DiscountKind,
    PricedLine,
    Tender,
    TenderMethod,
    compute_bill,
    settle_tenders,
)
from app.domain.errors import InvalidInput
from app.domain.money import (
    FEN_PER_YUAN,
    RoundingMode,
    line_amount,
    parse_yuan,
    rounding_adjustment,
    split_evenly,
)
from app.domain.timing import TimedPricing, business_day

MONEY = settings(max_examples=300, deadline=None)

fen = st.integers(min_value=0, max_value=10_000_000_00)

# ---------------------------------------------------------------------------- split_evenly


@MONEY
@given(
    total=st.integers(min_value=-10_000_000, max_value=10_000_000),
    parts=st.integers(min_value=1, max_value=60),
)
def test_split_evenly_adds_up_and_is_fair(total: int, parts: int) -> None:
    shares = split_evenly(total, parts)
    assert len(shares) == parts
    assert all(type(share) is int for share in shares)
    assert sum(shares) == total
    assert max(shares) - min(shares) <= 1
    assert shares == sorted(shares, reverse=True)  # the odd fen go to the first shares
    assert split_evenly(total, parts) == shares  # deterministic


@given(total=fen, parts=st.integers(max_value=0))
def test_split_evenly_refuses_fewer_than_one_part(total: int, parts: int) -> None:
    with pytest.raises(InvalidInput):
        split_evenly(total, parts)


# ---------------------------------------------------------------------------- rounding

UNIT = {
    RoundingMode.DOWN_JIAO: 10,
    RoundingMode.NEAREST_JIAO: 10,
    RoundingMode.DOWN_YUAN: 100,
    RoundingMode.NEAREST_YUAN: 100,
}
AUTOMATIC_MODES = [mode for mode in RoundingMode if mode is not RoundingMode.CUSTOM]


@MONEY
@given(
    amount=st.integers(min_value=-1_000_000, max_value=10_000_000_00),
    mode=st.sampled_from(AUTOMATIC_MODES),
)
@example(amount=5, mode=RoundingMode.NEAREST_JIAO)
@example(amount=50, mode=RoundingMode.NEAREST_YUAN)
@example(amount=49, mode=RoundingMode.NEAREST_YUAN)
@example(amount=12345, mode=RoundingMode.DOWN_YUAN)
def test_rounding_modes(amount: int, mode: RoundingMode) -> None:
    adjustment = rounding_adjustment(amount, mode)
    assert type(adjustment) is int
    result = amount + adjustment
    if amount <= 0 or mode is RoundingMode.NONE:
        assert adjustment == 0
        return
    unit = UNIT[mode]
    assert result % unit == 0
    assert result >= 0  # never makes a positive amount negative
    if mode in (RoundingMode.DOWN_JIAO, RoundingMode.DOWN_YUAN):
        assert -unit < adjustment <= 0  # down never increases, and drops less than a unit
    else:
        assert abs(adjustment) <= unit // 2  # nearest: within half a unit
        assert 2 * abs(adjustment) < unit or adjustment > 0  # a half rounds up


@MONEY
@given(amount=st.integers(min_value=1, max_value=10_000_000_00), data=st.data())
def test_custom_rounding_is_a_reduction_within_the_bill(amount: int, data) -> None:
    custom = data.draw(st.integers(min_value=-amount, max_value=0))
    adjustment = rounding_adjustment(amount, RoundingMode.CUSTOM, custom)
    assert adjustment == custom
    assert 0 <= amount + adjustment <= amount


@MONEY
@given(
    amount=st.integers(min_value=1, max_value=10_000_000_00),
    excess=st.integers(min_value=1, max_value=1_000_000),
)
def test_custom_rounding_refuses_more_than_the_bill(amount: int, excess: int) -> None:
    with pytest.raises(InvalidInput):
        rounding_adjustment(amount, RoundingMode.CUSTOM, -(amount + excess))


@MONEY
@given(
    amount=st.integers(min_value=-1_000, max_value=10_000_000_00),
    custom=st.integers(min_value=1, max_value=1_000_000),
)
@example(amount=0, custom=100)  # a bill at zero for now must not take a round-off up
def test_custom_rounding_refuses_an_increase(amount: int, custom: int) -> None:
    with pytest.raises(InvalidInput):
        rounding_adjustment(amount, RoundingMode.CUSTOM, custom)


# ---------------------------------------------------------------------------- compute_bill

discounts = st.one_of(
    st.none(),
    st.builds(Discount, st.just(DiscountKind.PERCENT), st.integers(0, 10_000)),
    st.builds(Discount, st.just(DiscountKind.AMOUNT), st.integers(0, 200_000)),
)
quantities = st.one_of(
    st.integers(1, 20).map(lambda portions: portions * 1000),  # portions
    st.integers(1, 100_000),  # weighed: 1600 = 1.6 斤
    st.sampled_from([1600, 2350, 999, 1001, 500]),
)
priced_lines = st.builds(
    PricedLine,
    quantity_milli=quantities,
    unit_price=st.integers(0, 1_000_000),
    surcharge=st.sampled_from([0, 0, 300, 500, 800, 1000, 3000]) | st.integers(0, 5000),
    discount=discounts,
)


@st.composite
def bill_lines(draw) -> tuple[list[PricedLine], list[tuple[PricedLine, PricedLine]]]:
    """Random lines, some of them voided (wholly or partly) by a reversal that copies the
    original's price, options and discount, as ``void_line`` does."""
    lines = draw(st.lists(priced_lines, max_size=12))
    pairs = []
    for line in list(lines):
        if draw(st.booleans()):
            voided = draw(st.integers(1, line.quantity_milli))
            reversal = PricedLine(-voided, line.unit_price, line.surcharge, line.discount)
            lines.append(reversal)
            pairs.append((line, reversal))
    order = draw(st.permutations(range(len(lines))))
    return [lines[i] for i in order], pairs


@st.composite
def bill_rules(draw) -> BillRules:
    mode = draw(st.sampled_from(AUTOMATIC_MODES))
    return BillRules(
        seat_fee_per_guest=draw(st.sampled_from([0, 200, 500, 1500]) | st.integers(0, 3000)),
        minimum_spend=draw(st.sampled_from([0, 80_000, 200_000]) | st.integers(0, 500_000)),
        service_charge_bp=draw(st.sampled_from([0, 1000, 1500]) | st.integers(0, 3000)),
        rounding=mode,
    )


def check_breakdown(parts, *, rules: BillRules, lines: list[PricedLine]) -> None:
    values = [
        parts.items,
        parts.options,
        parts.line_discounts,
        parts.bill_discount,
        parts.seat_fee,
        parts.room_fee,
        parts.minimum_spend_topup,
        parts.service_charge,
        parts.rounding,
        parts.total,
    ]
    assert all(type(value) is int for value in values), values
    assert (
        parts.items
        - parts.line_discounts
        - parts.bill_discount
        + parts.seat_fee
        + parts.room_fee
        + parts.minimum_spend_topup
        + parts.service_charge
        + parts.rounding
        == parts.total
    )
    for line in lines:
        gross, off = line.gross, line.line_discount
        # a discount takes off at most the line, and a reversal gives back its own share
        assert abs(off) <= abs(gross)
        assert off == 0 or (off > 0) == (gross > 0)
    after_line = parts.items - parts.line_discounts
    assert 0 <= parts.bill_discount <= max(after_line, 0)
    assert parts.minimum_spend_topup >= 0
    if rules.minimum_spend:
        assert parts.items_net + parts.minimum_spend_topup >= rules.minimum_spend
    assert parts.total >= 0
    charged = [line for line in lines if line.charged]
    assert parts.options == sum(line_amount(x.surcharge, x.quantity_milli) for x in charged)


@MONEY
@given(
    drawn=bill_lines(),
    guests=st.integers(1, 30),
    rules=bill_rules(),
    room_fee=st.sampled_from([0, 8800, 60_000]) | st.integers(0, 100_000),
    bill_discount=discounts,
)
def test_bill_parts_add_up_to_the_total(drawn, guests, rules, room_fee, bill_discount) -> None:
    lines, _pairs = drawn
    parts = compute_bill(
        lines, guests=guests, rules=rules, room_fee=room_fee, bill_discount=bill_discount
    )
    check_breakdown(parts, rules=rules, lines=lines)
    assert parts.seat_fee == rules.seat_fee_per_guest * guests
    assert parts.room_fee == room_fee
    assert parts.items == sum(line.gross for line in lines)


@MONEY
@given(drawn=bill_lines(), guests=st.integers(1, 30), rules=bill_rules(), data=st.data())
def test_bill_with_a_custom_round_off(drawn, guests, rules, data) -> None:
    lines, _pairs = drawn
    plain = compute_bill(
        lines,
        guests=guests,
        rules=BillRules(
            seat_fee_per_guest=rules.seat_fee_per_guest,
            minimum_spend=rules.minimum_spend,
            service_charge_bp=rules.service_charge_bp,
        ),
    )
    assume(plain.total > 0)
    # within the bill, or more than it (the bill shrank after the manager set it)
    custom = data.draw(st.integers(-plain.total, 0) | st.integers(-10 * plain.total, 0))
    custom_rules = BillRules(
        seat_fee_per_guest=rules.seat_fee_per_guest,
        minimum_spend=rules.minimum_spend,
        service_charge_bp=rules.service_charge_bp,
        rounding=RoundingMode.CUSTOM,
        custom_rounding=custom,
    )
    parts = compute_bill(lines, guests=guests, rules=custom_rules)
    check_breakdown(parts, rules=custom_rules, lines=lines)
    # a round-off never takes more than the bill: at most all of it
    assert parts.rounding == max(custom, -plain.total)
    assert parts.total == max(plain.total + custom, 0)


@MONEY
@given(drawn=bill_lines(), guests=st.integers(1, 30), custom=st.integers(1, 100_000))
def test_bill_refuses_a_round_off_that_adds_to_it(drawn, guests, custom) -> None:
    lines, _pairs = drawn
    rules = BillRules(seat_fee_per_guest=200, rounding=RoundingMode.CUSTOM, custom_rounding=custom)
    with pytest.raises(InvalidInput):
        compute_bill(lines, guests=guests, rules=rules)


@MONEY
@given(
    line=priced_lines,
    others=st.lists(priced_lines, max_size=5),
    rules=bill_rules(),
    guests=st.integers(1, 12),
    bill_discount=discounts,
)
@example(
    line=PricedLine(1000, 1000, 0, Discount(DiscountKind.PERCENT, 1000)),
    others=[],
    rules=BillRules(),
    guests=1,
    bill_discount=None,
)
def test_a_voided_line_and_its_reversal_cancel_out(
    line, others, rules, guests, bill_discount
) -> None:
    reversal = PricedLine(-line.quantity_milli, line.unit_price, line.surcharge, line.discount)
    assert line.gross + reversal.gross == 0
    assert line.line_discount + reversal.line_discount == 0
    assert (line.gross - line.line_discount) + (reversal.gross - reversal.line_discount) == 0
    alone = compute_bill(others, guests=guests, rules=rules, bill_discount=bill_discount)
    with_void = compute_bill(
        [line, *others, reversal], guests=guests, rules=rules, bill_discount=bill_discount
    )
    assert with_void == alone
    # the same pair, marked as not charged, also leaves the bill as it was
    uncharged = [
        PricedLine(
            line.quantity_milli, line.unit_price, line.surcharge, line.discount, charged=False
        ),
        PricedLine(
            reversal.quantity_milli, line.unit_price, line.surcharge, line.discount, charged=False
        ),
    ]
    assert (
        compute_bill([*others, *uncharged], guests=guests, rules=rules, bill_discount=bill_discount)
        == alone
    )


@MONEY
@given(drawn=bill_lines())
def test_a_partial_void_leaves_between_nothing_and_the_whole_line(drawn) -> None:
    _lines, pairs = drawn
    for original, reversal in pairs:
        net = original.gross - original.line_discount
        left = net + reversal.gross - reversal.line_discount
        assert 0 <= left <= net


@MONEY
@given(unit_price=st.integers(0, 10_000_000), quantity=st.integers(-1_000_000, 1_000_000))
def test_line_amount_is_symmetric_for_reversals(unit_price: int, quantity: int) -> None:
    assert line_amount(unit_price, -quantity) == -line_amount(unit_price, quantity)


# ---------------------------------------------------------------------------- tenders

NON_CASH = [method for method in TenderMethod if method is not TenderMethod.CASH]


@st.composite
def accepted_tenders(draw) -> tuple[int, list[Tender]]:
    """A total and tenders a cashier could take for it: non-cash parts within what is due,
    cash (with change) for the rest."""
    total = draw(st.integers(0, 2_000_000))
    tenders: list[Tender] = []
    remaining = total
    for _ in range(draw(st.integers(0, 4))):
        if remaining == 0:
            break
        amount = draw(st.integers(1, remaining))
        method = draw(st.sampled_from(NON_CASH))
        account = method is TenderMethod.ACCOUNT
        signer = draw(st.sampled_from(["李总", "Mr Wang"])) if account else ""
        tenders.append(Tender(method, amount, signer=signer))
        remaining -= amount
    if remaining:
        extra = draw(st.integers(0, remaining * 3 + 10_000))
        # the cash may be split into several notes, but not one is superfluous
        cash = remaining + extra
        notes = draw(st.integers(1, 3))
        for part in split_evenly(cash, notes):
            if part:
                tenders.append(Tender(TenderMethod.CASH, part))
    order = draw(st.permutations(range(len(tenders))))
    return total, [tenders[i] for i in order]


@MONEY
@given(drawn=accepted_tenders())
def test_accepted_tenders_come_to_the_total(drawn) -> None:
    total, tenders = drawn
    settlement = settle_tenders(total, tenders)
    cash = sum(t.amount for t in tenders if t.method is TenderMethod.CASH)
    assert settlement.tendered == sum(t.amount for t in tenders)
    assert settlement.tendered - settlement.change == total
    assert settlement.change >= 0
    if settlement.change:
        assert cash and settlement.change < cash
    non_cash = sum(t.amount for t in tenders if t.method is not TenderMethod.CASH)
    assert non_cash <= total


@MONEY
@given(total=st.integers(1, 2_000_000), data=st.data())
def test_tendering_less_than_due_is_refused(total: int, data) -> None:
    short = data.draw(st.integers(1, total))
    method = data.draw(st.sampled_from(list(TenderMethod)))
    tenders = [Tender(method, total - short, signer="李总")] if total - short else []
    with pytest.raises(InvalidInput):
        settle_tenders(total, tenders)


@MONEY
@given(
    total=st.integers(0, 2_000_000),
    over=st.integers(1, 100_000),
    method=st.sampled_from(NON_CASH),
    paid_first=st.integers(0, 2_000_000),
)
def test_non_cash_above_what_is_due_is_refused(total, over, method, paid_first) -> None:
    first = min(paid_first, total)
    tenders = [Tender(TenderMethod.WECHAT, first)] if first else []
    tenders.append(Tender(method, total - first + over, signer="李总"))
    with pytest.raises(InvalidInput):
        settle_tenders(total, tenders)


@MONEY
@given(total=st.integers(1, 2_000_000), signer=st.sampled_from(["", " ", "\u3000", "\t"]))
def test_charge_to_account_needs_a_signer(total: int, signer: str) -> None:
    with pytest.raises(InvalidInput):
        settle_tenders(total, [Tender(TenderMethod.ACCOUNT, total, signer=signer)])


@MONEY
@given(
    total=st.integers(0, 2_000_000),
    amount=st.integers(max_value=0),
    method=st.sampled_from(list(TenderMethod)),
)
def test_zero_or_negative_tenders_are_refused(total: int, amount: int, method) -> None:
    with pytest.raises(InvalidInput):
        settle_tenders(total, [Tender(method, amount, signer="李总")])
    with pytest.raises(InvalidInput):
        settle_tenders(total, [Tender(TenderMethod.CASH, total + 1), Tender(method, amount)])


@given(method=st.sampled_from(list(TenderMethod)))
def test_a_typing_slip_is_refused(method) -> None:
    with pytest.raises(InvalidInput):
        settle_tenders(MAX_TENDER + 1, [Tender(method, MAX_TENDER + 1, signer="李总")])


@MONEY
@given(total=st.integers(0, 2_000_000), extra=st.integers(1, 100_000))
def test_cash_that_is_not_needed_is_refused(total: int, extra: int) -> None:
    tenders = [Tender(TenderMethod.CARD, total)] if total else []
    with pytest.raises(InvalidInput):
        settle_tenders(total, [*tenders, Tender(TenderMethod.CASH, extra)])


# ---------------------------------------------------------------------------- timed rooms

pricings = st.builds(
    TimedPricing,
    block_minutes=st.sampled_from([15, 30, 60]) | st.integers(1, 240),
    block_price=st.integers(1, 20_000),
    free_minutes=st.sampled_from([0, 10, 15]) | st.integers(0, 120),
    cap=st.sampled_from([0, 0]) | st.integers(1, 100_000),
)


@MONEY
@given(pricing=pricings, a=st.integers(0, 2000), b=st.integers(0, 2000))
def test_timed_fee_grows_with_time_and_stops_at_the_cap(pricing, a, b) -> None:
    early, late = sorted((a, b))
    assert 0 <= pricing.fee(early) <= pricing.fee(late)
    if pricing.cap:
        assert pricing.fee(late) <= pricing.cap


@MONEY
@given(pricing=pricings, minutes=st.integers(0, 2000))
def test_timed_fee_charges_each_started_block_after_the_free_minutes(pricing, minutes) -> None:
    fee = pricing.fee(minutes)
    if minutes <= pricing.free_minutes:
        assert fee == 0
        return
    chargeable = minutes - pricing.free_minutes
    blocks = (chargeable + pricing.block_minutes - 1) // pricing.block_minutes
    expected = blocks * pricing.block_price
    assert fee == (min(expected, pricing.cap) if pricing.cap else expected)
    # one minute into a block costs as much as the whole block
    block_end = pricing.free_minutes + blocks * pricing.block_minutes
    assert pricing.fee(block_end) == fee


@given(minutes=st.integers(0, 2000), price=st.integers(-100, 0), block=st.integers(-10, 60))
def test_timed_fee_is_zero_without_a_price(minutes: int, price: int, block: int) -> None:
    assert TimedPricing(block, price).fee(minutes) == 0


# ---------------------------------------------------------------------------- parse_yuan


def as_typed(amount: int) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount) // FEN_PER_YUAN}.{abs(amount) % FEN_PER_YUAN:02d}"


def with_grouping(amount: int) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount) // FEN_PER_YUAN:,}.{abs(amount) % FEN_PER_YUAN:02d}"


@MONEY
@given(amount=st.integers(-10_000_000_00, 10_000_000_00))
def test_parse_yuan_reads_back_what_is_shown(amount: int) -> None:
    assert parse_yuan(as_typed(amount)) == amount
    assert parse_yuan(with_grouping(amount)) == amount
    assert parse_yuan(f"  {as_typed(amount)}  ") == amount
    if amount >= 0:
        yuan, jiao_fen = divmod(amount, FEN_PER_YUAN)
        assert parse_yuan(f"¥ {yuan}") == yuan * FEN_PER_YUAN
        if jiao_fen % 10 == 0:
            assert parse_yuan(f"{yuan}.{jiao_fen // 10}") == amount


def test_parse_yuan_reads_the_chinese_money_format() -> None:
    from app.i18n import Language

    zh = Language("zh_CN")
    for amount in (0, 5, 50, 1234, 123456, 10_000_000_00, -5, -123456):
        assert parse_yuan(zh.money(amount)) == amount


AMOUNT_GRAMMAR = re.compile(r"([+-]?)(\d*)(?:\.(\d{0,2}))?")  # \d: any decimal digit (１２)


def reference_parse(text: str) -> int | None:
    """The amounts a cashier types: one optional sign, decimal digits (full-width ones from a
    Chinese input method too), up to two decimals (¥, spaces and thousands commas are
    ignored); None for anything else."""
    cleaned = text.strip().replace("¥", "").replace(",", "").replace(" ", "")
    match = AMOUNT_GRAMMAR.fullmatch(cleaned)
    if not match or not (match.group(2) or match.group(3)):
        return None
    sign, whole, frac = match.group(1), match.group(2), match.group(3) or ""
    value = int(whole or "0") * FEN_PER_YUAN + int((frac + "00")[:2])
    return -value if sign == "-" else value


typed_text = st.one_of(
    st.text(max_size=12),
    st.text(alphabet="0123456789.,-+¥ ", max_size=12),
    st.text(alphabet="0123456789.²³¹١٢٣¼", max_size=6),
)


@MONEY
@given(text=typed_text)
@example(text="²")
@example(text="--5")
@example(text="+-5")
@example(text="1.2.3")
@example(text="abc")
@example(text="1.234")
@example(text=".")
def test_parse_yuan_refuses_garbage(text: str) -> None:
    expected = reference_parse(text)
    if expected is None:
        with pytest.raises(InvalidInput):
            parse_yuan(text)
    else:
        assert parse_yuan(text) == expected


# ---------------------------------------------------------------------------- business day


def test_half_past_one_belongs_to_the_day_before() -> None:
    assert business_day(datetime(2026, 11, 21, 1, 30), time(5, 0)) == date(2026, 11, 20)
    assert business_day(datetime(2026, 11, 21, 4, 59, 59)) == date(2026, 11, 20)
    assert business_day(datetime(2026, 11, 21, 5, 0)) == date(2026, 11, 21)
    assert business_day(datetime(2027, 1, 1, 1, 30)) == date(2026, 12, 31)


@MONEY
@given(
    moment=st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2100, 1, 1)),
    starts=st.times(max_value=time(12, 0)).map(lambda t: t.replace(second=0, microsecond=0)),
)
def test_business_day_starts_at_the_configured_hour(moment: datetime, starts: time) -> None:
    expected = moment.date() if moment.time() >= starts else moment.date() - timedelta(days=1)
    assert business_day(moment, starts) == expected
