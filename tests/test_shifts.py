"""Shifts 交班 and the cash drawer, through the services on a real SQLite file: the float
counted by denomination, cash in and out, the expected drawer to the fen, over/short and
the manager beyond the tolerance, open bills at close, Z numbers without gaps and the
handover slip in the print queue."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.domain.billing import Tender, TenderMethod
from app.domain.errors import AuthorisationError, InvalidInput, NotAllowed, NotFound
from app.i18n import Language
from app.printing.documents import Paper
from app.services import ordering, payment, print_queue, queries, seating, shifts
from app.services.print_queue import PrintSpooler, this_terminal
from app.services.shifts import DENOMINATIONS, MovementKind, ShiftStatus
from app.services.staff import approve_as_manager
from db.models import AuditEntry, Bill, PrintJob, Shift
from tests.support import MANAGER_PIN

TILL = "counter-1"
FLOAT = {10000: 2, 5000: 1, 2000: 2, 1000: 3, 500: 2, 100: 5, 50: 4, 10: 10}  # ¥338
FLOAT_FEN = 20000 + 5000 + 4000 + 3000 + 1000 + 500 + 200 + 100


def open_till(ctx, demo, counted=FLOAT, terminal=TILL) -> int:
    return shifts.open_shift(
        ctx, terminal=terminal, staff_id=demo.cashier, counted=counted
    ).shift_id


def count_of(fen: int) -> dict[int, int]:
    """A drawer count adding up to ``fen`` (largest notes first)."""
    counted = {}
    for denomination in DENOMINATIONS:
        counted[denomination], fen = divmod(fen, denomination)
    assert fen == 0, "a count ends in whole jiao"
    return counted


def seat_and_order(ctx, demo, table="A1", dishes=("叉烧包",), guests=2) -> int:
    bill_id = seating.seat_party(
        ctx, table_id=demo.table(table), guests=guests, waiter_id=demo.waiter
    ).bill_id
    for dish in dishes:
        ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item(dish))
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    return bill_id


def total_of(ctx, bill_id) -> int:
    return queries.bill_view(ctx, bill_id).breakdown.total


def settle(ctx, bill_id, *tenders: Tender, shift_id=None):
    return payment.settle_bill(
        ctx, bill_id=bill_id, tenders=list(tenders), shift_id=shift_id, cashier_id=None
    )


def audit(ctx, action):
    with ctx.reading() as session:
        return session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


# ---------------------------------------------------------------- opening


def test_a_shift_opens_with_the_float_counted_note_by_note(ctx, demo, clock):
    assert shifts.current_shift(ctx, TILL) is None
    shift_id = open_till(ctx, demo)
    shift = shifts.current_shift(ctx, TILL)
    assert shift is not None and shift.shift_id == shift_id
    assert shift.status is ShiftStatus.OPEN and shift.is_open
    assert (shift.terminal, shift.opened_by, shift.opened_at) == (TILL, "陈静", clock())
    assert shift.float_fen == FLOAT_FEN == 33800
    assert shift.float_counts == FLOAT
    assert shifts.drawer_expected(ctx, shift_id) == FLOAT_FEN
    assert shift.z_no is None and shift.counted_fen is None
    assert [json.loads(a.detail)["float_fen"] for a in audit(ctx, "shift_open")] == [FLOAT_FEN]


def test_a_second_shift_on_the_same_terminal_is_refused(ctx, demo):
    first = open_till(ctx, demo)
    with pytest.raises(NotAllowed) as refused:
        open_till(ctx, demo, counted={10000: 1})
    assert Language("en").error_text(refused.value) == (
        "A shift is already open on counter-1: close it before opening another."
    )
    assert Language("zh_CN").error_text(refused.value) != refused.value.message_id
    other = open_till(ctx, demo, terminal="counter-2")  # another terminal has its own drawer
    assert other != first
    assert shifts.current_shift(ctx, TILL).shift_id == first


def test_a_count_only_knows_the_drawer_s_notes_and_coins(ctx, demo):
    with pytest.raises(InvalidInput):
        open_till(ctx, demo, counted={200: 1})  # there is no ¥2 note
    with pytest.raises(InvalidInput):
        open_till(ctx, demo, counted={100: -1})
    with pytest.raises(InvalidInput):
        open_till(ctx, demo, counted={100: 1.5})
    with pytest.raises(InvalidInput):
        open_till(ctx, demo, terminal="  ")
    assert shifts.current_shift(ctx, TILL) is None


# ---------------------------------------------------------------- the drawer while open


def test_cash_sales_change_cash_in_and_out_make_the_expected_drawer_to_the_fen(ctx, demo):
    shift_id = open_till(ctx, demo)
    cash_bill = seat_and_order(ctx, demo, "A1", ("叉烧包", "马拉糕"))
    cash_total = total_of(ctx, cash_bill)
    settle(ctx, cash_bill, Tender(TenderMethod.CASH, 10000), shift_id=shift_id)
    mixed_bill = seat_and_order(ctx, demo, "A2", ("水晶虾饺",))
    mixed_total = total_of(ctx, mixed_bill)
    settle(
        ctx,
        mixed_bill,
        Tender(TenderMethod.WECHAT, 1000),
        Tender(TenderMethod.CASH, 5000),
        shift_id=shift_id,
    )
    elsewhere = seat_and_order(ctx, demo, "A3")  # settled with no shift: not this drawer
    settle(ctx, elsewhere, Tender(TenderMethod.CASH, total_of(ctx, elsewhere)))
    shifts.cash_in(ctx, shift_id=shift_id, amount_fen=5000, reason="零钱", staff_id=demo.cashier)
    shifts.cash_out(ctx, shift_id=shift_id, amount_fen=2350, reason="买菜", staff_id=demo.cashier)

    change = (10000 - cash_total) + (5000 - (mixed_total - 1000))
    expected = FLOAT_FEN + 5000 - 2350 + 10000 + 5000 - change
    assert expected == FLOAT_FEN + 5000 - 2350 + cash_total + mixed_total - 1000
    assert shifts.drawer_expected(ctx, shift_id) == expected
    with ctx.reading() as session:
        assert session.get(Bill, cash_bill).shift_id == shift_id
        assert session.get(Bill, elsewhere).shift_id is None

    report = shifts.x_report(ctx, shift_id)
    drawer = report.drawer
    assert (drawer.float_fen, drawer.cash_taken_fen, drawer.change_fen) == (
        FLOAT_FEN,
        15000,
        change,
    )
    assert (drawer.cash_in_fen, drawer.cash_out_fen, drawer.given_back_fen) == (5000, 2350, 0)
    assert drawer.expected_fen == expected
    assert dict(report.tenders) == {TenderMethod.CASH: 15000, TenderMethod.WECHAT: 1000}
    assert (report.bills, report.guests) == (2, 4)
    assert report.receipts_fen == cash_total + mixed_total
    moves = shifts.shift_view(ctx, shift_id).movements
    assert [(m.kind, m.amount_fen, m.reason, m.staff) for m in moves] == [
        (MovementKind.IN, 5000, "零钱", "陈静"),
        (MovementKind.OUT, 2350, "买菜", "陈静"),
    ]


def test_cash_out_cannot_take_more_than_the_drawer_holds(ctx, demo):
    shift_id = open_till(ctx, demo, counted={10000: 1})
    with pytest.raises(NotAllowed) as refused:
        shifts.cash_out(ctx, shift_id=shift_id, amount_fen=10001, reason="存银行", staff_id=None)
    assert Language("en").error_text(refused.value) == (
        "Only CN¥100.00 should be in the drawer: CN¥100.01 cannot be taken out."
    )
    shifts.cash_out(ctx, shift_id=shift_id, amount_fen=10000, reason="存银行", staff_id=None)
    assert shifts.drawer_expected(ctx, shift_id) == 0
    with pytest.raises(NotAllowed):
        shifts.cash_out(ctx, shift_id=shift_id, amount_fen=10, reason="存银行", staff_id=None)


def test_cash_in_and_out_need_a_reason_and_an_amount(ctx, demo):
    shift_id = open_till(ctx, demo)
    with pytest.raises(InvalidInput):
        shifts.cash_in(ctx, shift_id=shift_id, amount_fen=100, reason="  ", staff_id=None)
    with pytest.raises(InvalidInput):
        shifts.cash_in(ctx, shift_id=shift_id, amount_fen=0, reason="零钱", staff_id=None)
    with pytest.raises(InvalidInput):
        shifts.cash_out(ctx, shift_id=shift_id, amount_fen=-5, reason="零钱", staff_id=None)
    with pytest.raises(NotFound):
        shifts.cash_in(ctx, shift_id=999, amount_fen=100, reason="零钱", staff_id=None)
    assert shifts.shift_view(ctx, shift_id).movements == ()


# ---------------------------------------------------------------- closing


def test_closing_exactly_gives_over_short_zero_and_z_numbers_follow_without_gaps(ctx, demo, clock):
    first = open_till(ctx, demo)
    bill_id = seat_and_order(ctx, demo)
    settle(ctx, bill_id, Tender(TenderMethod.CASH, 5000), shift_id=first)
    expected = shifts.drawer_expected(ctx, first)
    clock.advance(hours=8)
    changes = shifts.close_shift(
        ctx, shift_id=first, staff_id=demo.cashier, counted=count_of(expected)
    )
    assert changes.z_no == 1
    closed = shifts.shift_view(ctx, first)
    assert closed.status is ShiftStatus.CLOSED and not closed.is_open
    assert (closed.expected_fen, closed.counted_fen, closed.over_short_fen) == (
        expected,
        expected,
        0,
    )
    assert (closed.z_no, closed.closed_by, closed.closed_at) == (1, "陈静", clock())
    assert closed.counted_counts == count_of(expected)
    assert shifts.current_shift(ctx, TILL) is None
    assert shifts.last_closed_shift(ctx, TILL).shift_id == first
    late = seat_and_order(ctx, demo, "A2")
    with pytest.raises(NotAllowed):  # a closed drawer takes no more money
        settle(ctx, late, Tender(TenderMethod.CASH, 9000), shift_id=first)
    settle(ctx, late, Tender(TenderMethod.CASH, 9000))
    with pytest.raises(NotAllowed):
        shifts.close_shift(ctx, shift_id=first, staff_id=None, counted={})

    # the next shift (another terminal between them) gets the next numbers, none skipped
    second = open_till(ctx, demo, counted={})
    third = open_till(ctx, demo, counted={}, terminal="bar")
    assert shifts.close_shift(ctx, shift_id=third, staff_id=None, counted={}).z_no == 2
    assert shifts.close_shift(ctx, shift_id=second, staff_id=None, counted={}).z_no == 3
    with ctx.reading() as session:
        assert session.scalars(select(Shift.z_no).order_by(Shift.z_no)).all() == [1, 2, 3]


def test_closing_queues_the_handover_slip_for_the_counter_printer(ctx, demo):
    shift_id = open_till(ctx, demo)
    changes = shifts.close_shift(ctx, shift_id=shift_id, staff_id=demo.cashier, counted=FLOAT)
    with ctx.reading() as session:
        job = session.get(PrintJob, changes.print_job_id)
        assert (job.kind, job.shift_id, job.purpose, job.status, job.bill_id) == (
            shifts.HANDOVER_SLIP,
            shift_id,
            "receipt",
            "queued",
            None,
        )
    document = shifts.shift_document(ctx, shift_id, language=Language("zh_CN"))
    assert document.title == "交班单 Z-0001"
    figures = {row.label: row.value for row in document.figures}
    assert figures["应有现金"] == "¥338.00"
    assert figures["实点现金"] == "¥338.00"
    assert figures["长短款"] == "¥0.00"
    pdf = shifts.render_shift_document(ctx, shift_id, language=Language("en"), paper=Paper.ROLL_80)
    assert pdf.startswith(b"%PDF")


def test_a_short_drawer_beyond_the_limit_needs_a_note_and_a_manager(ctx, demo):
    shift_id = open_till(ctx, demo)
    short = count_of(FLOAT_FEN - 3000)  # ¥30 short; the venue allows ¥10
    with pytest.raises(InvalidInput) as no_note:
        shifts.close_shift(ctx, shift_id=shift_id, staff_id=demo.cashier, counted=short)
    assert Language("en").error_text(no_note.value) == (
        "The drawer is -CN¥30.00 out, more than CN¥10.00: write a note why."
    )
    with pytest.raises(AuthorisationError):
        shifts.close_shift(
            ctx, shift_id=shift_id, staff_id=demo.cashier, counted=short, note="找错零钱"
        )
    assert shifts.current_shift(ctx, TILL).shift_id == shift_id  # still open, nothing kept

    approval = approve_as_manager(ctx, pin=MANAGER_PIN)
    changes = shifts.close_shift(
        ctx,
        shift_id=shift_id,
        staff_id=demo.cashier,
        counted=short,
        note="找错零钱",
        approval=approval,
        approval_reason="已核实",
    )
    closed = shifts.shift_view(ctx, shift_id)
    assert (closed.over_short_fen, closed.note, closed.approved_by, closed.approval_reason) == (
        -3000,
        "找错零钱",
        "张经理",
        "已核实",
    )
    assert changes.z_no == closed.z_no == 1
    [entry] = audit(ctx, "shift_close")
    assert (entry.authorised_by_id, entry.reason) == (demo.manager, "找错零钱")
    assert json.loads(entry.detail)["over_short_fen"] == -3000


def test_over_short_within_the_limit_closes_without_a_manager(ctx, demo):
    shift_id = open_till(ctx, demo)
    over = dict(FLOAT)
    over[500] += 2  # ¥10 over: exactly the limit
    shifts.close_shift(ctx, shift_id=shift_id, staff_id=demo.cashier, counted=over)
    closed = shifts.shift_view(ctx, shift_id)
    assert (closed.over_short_fen, closed.approved_by) == (1000, "")


def test_open_bills_at_close_must_be_carried_over_and_count_in_the_next_shift(ctx, demo):
    first = open_till(ctx, demo)
    late = seat_and_order(ctx, demo, "A5", ("马拉糕",))
    other = seat_and_order(ctx, demo, "B1", ("叉烧包",))
    listed = shifts.open_bills_at_close(ctx, first)
    assert [(b.bill_id, b.table, b.guests, b.waiter) for b in listed] == [
        (late, "A5", 2, "王芳"),
        (other, "B1", 2, "王芳"),
    ]
    assert listed[0].amount_fen == total_of(ctx, late)
    with pytest.raises(NotAllowed) as refused:
        shifts.close_shift(ctx, shift_id=first, staff_id=None, counted=FLOAT)
    text = Language("en").error_text(refused.value)
    assert text.startswith("Bills still open: A5") and "B1" in text
    assert shifts.current_shift(ctx, TILL).shift_id == first

    settle(ctx, other, Tender(TenderMethod.CASH, total_of(ctx, other)), shift_id=first)
    expected_first = shifts.drawer_expected(ctx, first)
    shifts.close_shift(
        ctx, shift_id=first, staff_id=None, counted=count_of(expected_first), carry_over=True
    )
    assert shifts.shift_view(ctx, first).carried_over == (late,)
    assert queries.bill_view(ctx, late).status == "open"

    second = open_till(ctx, demo, counted={})
    settle(ctx, late, Tender(TenderMethod.CASH, 5000), shift_id=second)
    assert shifts.drawer_expected(ctx, second) == total_of(ctx, late)
    assert shifts.drawer_expected(ctx, first) == expected_first  # frozen at close
    slip = shifts.shift_document(ctx, first, language=Language("en"))
    carried = next(t for t in slip.tables if t.title == "Bills carried over")
    assert carried.rows == (("A5", str(late)),)


def test_a_reopened_receipt_counts_once_in_the_drawer_that_settles_it_again(ctx, demo):
    first = open_till(ctx, demo)
    bill_id = seat_and_order(ctx, demo, "A1", ("水晶虾饺",))
    old_total = total_of(ctx, bill_id)
    settle(ctx, bill_id, Tender(TenderMethod.CASH, 10000), shift_id=first)
    shifts.close_shift(ctx, shift_id=first, staff_id=None, counted=count_of(FLOAT_FEN + old_total))
    second = open_till(ctx, demo, counted=FLOAT)
    revision = payment.reopen_bill(
        ctx, bill_id=bill_id, reason="Wrong tender", approval=approve_as_manager(ctx, pin="9999")
    ).bill_id
    new_total = total_of(ctx, revision)
    settle(ctx, revision, Tender(TenderMethod.WECHAT, new_total), shift_id=second)
    report = shifts.x_report(ctx, second)
    assert report.drawer.given_back_fen == old_total  # the cash went back to the guest
    assert report.drawer.expected_fen == FLOAT_FEN - old_total
    assert dict(report.tenders) == {TenderMethod.CASH: -10000, TenderMethod.WECHAT: new_total}
    assert report.receipts_fen == new_total - old_total
    assert shifts.shift_view(ctx, first).expected_fen == FLOAT_FEN + old_total


# ---------------------------------------------------------------- the drawer adds up


SALE = st.tuples(
    st.just("sale"),
    st.integers(min_value=1, max_value=3),  # 马拉糕 ordered
    st.integers(min_value=0, max_value=2000),  # wechat part, fen
    st.integers(min_value=0, max_value=30000),  # cash over what is due: change
)
MOVE = st.tuples(
    st.sampled_from(["in", "out"]),
    st.integers(min_value=1, max_value=50000),
    st.just(0),
    st.just(0),
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    float_count=st.dictionaries(st.sampled_from(DENOMINATIONS), st.integers(0, 20)),
    steps=st.lists(st.one_of(SALE, MOVE), max_size=6),
)
def test_the_expected_drawer_is_float_plus_in_minus_out_plus_cash_minus_change(
    ctx, demo, float_count, steps
):
    """For any sequence of cash sales with change, cash in and cash out:
    expected = float + Σ in − Σ out + Σ cash − Σ change, to the fen."""
    terminal = f"till-{len(steps)}-{sum(float_count.values())}-{id(steps)}"
    shift_id = open_till(ctx, demo, counted=float_count, terminal=terminal)
    float_fen = sum(d * n for d, n in float_count.items())
    cash = change = moved_in = moved_out = 0
    table = demo.table("A6")
    for kind, amount, wechat, extra in steps:
        if kind == "sale":
            bill_id = seat_and_order(ctx, demo, "A6", ("马拉糕",) * amount)
            total = total_of(ctx, bill_id)
            wechat = min(wechat, total - 1)
            paid = total - wechat + extra
            tenders = [Tender(TenderMethod.CASH, paid)]
            if wechat:
                tenders.insert(0, Tender(TenderMethod.WECHAT, wechat))
            settle(ctx, bill_id, *tenders, shift_id=shift_id)
            seating.clear_table(ctx, table_id=table)
            cash += paid
            change += extra
        elif kind == "in":
            shifts.cash_in(ctx, shift_id=shift_id, amount_fen=amount, reason="零钱", staff_id=None)
            moved_in += amount
        else:
            model = float_fen + moved_in - moved_out + cash - change
            if amount > model:
                with pytest.raises(NotAllowed):
                    shifts.cash_out(
                        ctx, shift_id=shift_id, amount_fen=amount, reason="取款", staff_id=None
                    )
            else:
                shifts.cash_out(
                    ctx, shift_id=shift_id, amount_fen=amount, reason="取款", staff_id=None
                )
                moved_out += amount
    expected = float_fen + moved_in - moved_out + cash - change
    assert shifts.drawer_expected(ctx, shift_id) == expected
    drawer = shifts.x_report(ctx, shift_id).drawer
    assert (drawer.cash_taken_fen, drawer.change_fen) == (cash, change)
    counted = count_of(expected - expected % 10)
    changes = shifts.close_shift(
        ctx,
        shift_id=shift_id,
        staff_id=None,
        counted=counted,
    )
    assert shifts.shift_view(ctx, changes.shift_id).over_short_fen == -(expected % 10)


def test_the_handover_slip_prints_on_the_counter_printer(ctx, demo, tmp_path):
    """Needs ``JobKind.HANDOVER_SLIP`` in the print queue (see the report of issue 6)."""
    print_queue.set_route(ctx, this_terminal(), "receipt", f"pdf-folder:{tmp_path}", "80")
    shift_id = open_till(ctx, demo)
    changes = shifts.close_shift(ctx, shift_id=shift_id, staff_id=demo.cashier, counted=FLOAT)
    summary = PrintSpooler(ctx, language=Language("zh_CN")).process_queued()
    assert summary.ok and summary.printed == (changes.print_job_id,)
    [slip] = tmp_path.glob(f"{changes.print_job_id}-*.pdf")
    assert slip.read_bytes().startswith(b"%PDF")
    again = PrintSpooler(ctx).reprint(changes.print_job_id)
    assert again.ok and len(list(tmp_path.glob("*.pdf"))) == 2
