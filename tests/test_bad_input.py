"""Every user mistake gets a clear, translated message and changes nothing in the store."""

from __future__ import annotations

import hashlib
import threading

import pytest
from sqlalchemy import text

from app.domain.billing import Tender, TenderMethod
from app.domain.errors import XiaoerError
from app.i18n import Language
from app.services import ordering, payment, queries, seating
from app.services.staff import Approval, approve_as_manager
from tests.support import MANAGER_PIN

TABLES = (
    "bill",
    "order_line",
    "order_line_option",
    "tender",
    "kitchen_ticket",
    "kitchen_ticket_line",
    "dining_table",
    "receipt_counter",
    "reservation",
)


def fingerprint(store) -> str:
    """A hash of every row that a dining action can touch."""
    digest = hashlib.sha256()
    with store.engine.connect() as connection:
        for table in TABLES:
            for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1")):
                digest.update(repr(tuple(row)).encode())
        connection.rollback()
    return digest.hexdigest()


@pytest.fixture
def refused(store):
    """Assert that an action raises a readable error in both languages and changes nothing."""

    def check(action, *args, **kwargs) -> XiaoerError:
        before = fingerprint(store)
        with pytest.raises(XiaoerError) as caught:
            action(*args, **kwargs)
        assert fingerprint(store) == before
        chinese = Language("zh_CN").error_text(caught.value)
        english = Language("en").error_text(caught.value)
        assert chinese and english and chinese != english, caught.value.message_id
        assert "{" not in chinese and "{" not in english
        return caught.value

    return check


@pytest.fixture
def seated(ctx, demo):
    return seating.seat_party(
        ctx, table_id=demo.table("A1"), guests=2, waiter_id=demo.waiter
    ).bill_id


@pytest.fixture
def sent(ctx, demo, seated):
    line = ordering.add_to_cart(ctx, bill_id=seated, item_id=demo.item("西湖龙井")).lines[0]
    ordering.send_to_kitchen(ctx, bill_id=seated)
    return line


def approval(ctx):
    return approve_as_manager(ctx, pin=MANAGER_PIN)


@pytest.mark.parametrize("quantity", [0, -1, 100, 10**9])
def test_quantity_zero_negative_or_absurd_is_refused(ctx, demo, seated, refused, quantity):
    refused(
        ordering.add_to_cart, ctx, bill_id=seated, item_id=demo.item("西湖龙井"), quantity=quantity
    )


def test_unknown_item_is_refused(ctx, seated, refused):
    refused(ordering.add_to_cart, ctx, bill_id=seated, item_id=999_999)


def test_sold_out_item_is_refused(ctx, demo, seated, refused):
    error = refused(ordering.add_to_cart, ctx, bill_id=seated, item_id=demo.item("糯米鸡"))
    assert "糯米鸡" in Language("zh_CN").error_text(error)


def test_missing_required_option_is_refused(ctx, demo, seated, refused):
    refused(ordering.add_to_cart, ctx, bill_id=seated, item_id=demo.item("宫保鸡丁"))


def test_too_many_choices_or_foreign_option_is_refused(ctx, demo, seated, refused):
    two_spices = [demo.option("spice", "微辣"), demo.option("spice", "特辣")]
    refused(
        ordering.add_to_cart,
        ctx,
        bill_id=seated,
        item_id=demo.item("宫保鸡丁"),
        option_ids=two_spices,
    )
    refused(
        ordering.add_to_cart,
        ctx,
        bill_id=seated,
        item_id=demo.item("西湖龙井"),
        option_ids=[demo.option("spice", "微辣")],
    )


def test_seating_a_table_that_is_not_free_is_refused(ctx, demo, seated, refused):
    error = refused(seating.seat_party, ctx, table_id=demo.table("A1"), guests=2)
    chinese = Language("zh_CN").error_text(error)
    assert "A1" in chinese and "已开台" in chinese
    assert Language("en").error_text(error) == "Table A1 is not free: it is seated."


@pytest.mark.parametrize("guests", [0, -3, 31])
def test_party_size_zero_or_above_the_maximum_is_refused(ctx, demo, refused, guests):
    refused(seating.seat_party, ctx, table_id=demo.table("A2"), guests=guests)


def test_tendering_less_than_due_is_refused(ctx, seated, sent, refused):
    total = queries.bill_view(ctx, seated).breakdown.total
    refused(
        payment.settle_bill, ctx, bill_id=seated, tenders=[Tender(TenderMethod.CASH, total - 1)]
    )


def test_card_above_the_amount_due_is_refused(ctx, seated, sent, refused):
    total = queries.bill_view(ctx, seated).breakdown.total
    refused(
        payment.settle_bill, ctx, bill_id=seated, tenders=[Tender(TenderMethod.CARD, total + 100)]
    )


def test_paying_a_closed_bill_again_is_refused(ctx, seated, sent, refused):
    total = queries.bill_view(ctx, seated).breakdown.total
    payment.settle_bill(ctx, bill_id=seated, tenders=[Tender(TenderMethod.CASH, total)])
    refused(payment.settle_bill, ctx, bill_id=seated, tenders=[Tender(TenderMethod.CASH, total)])


def test_void_without_reason_is_refused(ctx, sent, refused):
    refused(ordering.void_line, ctx, line_id=sent, reason="  ", approval=approval(ctx))


def test_void_without_manager_approval_is_refused(ctx, sent, refused):
    refused(ordering.void_line, ctx, line_id=sent, reason="客人退菜", approval=None)


def test_void_with_a_wrong_manager_pin_is_refused(ctx, demo, sent, store):
    with pytest.raises(XiaoerError):
        approve_as_manager(ctx, pin="0000")
    before = fingerprint(store)
    with pytest.raises(XiaoerError):
        approve_as_manager(ctx, pin="1111", manager_id=demo.waiter)  # a waiter's real PIN
    assert fingerprint(store) == before


def test_approval_claimed_for_a_waiter_is_refused(ctx, demo, sent, refused, clock):
    fake = Approval(demo.waiter, "王芳", clock())
    refused(ordering.void_line, ctx, line_id=sent, reason="客人退菜", approval=fake)


@pytest.mark.parametrize("note", ["x" * 201, "少辣\x00", "bell\x07", "\u202e反向"])
def test_over_long_or_control_character_text_is_refused(ctx, demo, seated, refused, note):
    refused(ordering.add_to_cart, ctx, bill_id=seated, item_id=demo.item("西湖龙井"), note=note)


def test_deleting_a_sent_line_is_refused(ctx, sent, refused):
    refused(ordering.delete_unsent, ctx, line_id=sent)


def test_settling_with_unsent_dishes_is_refused(ctx, demo, seated, refused):
    ordering.add_to_cart(ctx, bill_id=seated, item_id=demo.item("西湖龙井"))
    refused(payment.settle_bill, ctx, bill_id=seated, tenders=[Tender(TenderMethod.CASH, 10**6)])


def test_weighed_item_without_weight_and_market_item_without_price_are_refused(
    ctx, demo, seated, refused
):
    from sqlalchemy import select

    from db.models import MenuItem

    with ctx.reading() as session:
        fish = session.scalars(select(MenuItem).where(MenuItem.weighed.is_(True))).first()
        market = session.scalars(select(MenuItem).where(MenuItem.market_price.is_(True))).first()
        options = [g.options[0].id for g in fish.option_groups if g.required]
    refused(ordering.add_to_cart, ctx, bill_id=seated, item_id=fish.id, option_ids=options)
    refused(
        ordering.add_to_cart,
        ctx,
        bill_id=seated,
        item_id=fish.id,
        option_ids=options,
        weight_milli=10**7,
        price_fen=1000,
    )
    refused(ordering.add_to_cart, ctx, bill_id=seated, item_id=market.id, weight_milli=1000)


def test_stale_version_from_another_terminal_is_refused(ctx, demo, seated, sent, refused):
    version = queries.bill_view(ctx, seated).version
    ordering.add_to_cart(ctx, bill_id=seated, item_id=demo.item("西湖龙井"))
    ordering.send_to_kitchen(ctx, bill_id=seated)
    total = queries.bill_view(ctx, seated).breakdown.total
    refused(
        payment.settle_bill,
        ctx,
        bill_id=seated,
        expected_version=version,
        tenders=[Tender(TenderMethod.CASH, total)],
    )


def test_two_terminals_settling_the_same_bill_exactly_one_wins(ctx, seated, sent, store):
    from app.services.context import Context
    from db.engine import Store

    total = queries.bill_view(ctx, seated).breakdown.total
    version = queries.bill_view(ctx, seated).version
    url = store.engine.url.render_as_string(hide_password=False)
    terminals = [Context(Store.open(url, migrate=False), clock=ctx.clock) for _ in range(2)]
    start = threading.Barrier(2)
    results: list[object] = []

    def settle(terminal, method):
        start.wait()
        try:
            results.append(
                payment.settle_bill(
                    terminal,
                    bill_id=seated,
                    expected_version=version,
                    tenders=[Tender(method, total)],
                ).receipt_no
            )
        except XiaoerError as error:
            results.append(error)

    threads = [
        threading.Thread(target=settle, args=(t, m))
        for t, m in zip(terminals, (TenderMethod.CASH, TenderMethod.WECHAT), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wins = [r for r in results if isinstance(r, int)]
    losses = [r for r in results if isinstance(r, XiaoerError)]
    assert wins == [1] and len(losses) == 1
    assert Language("zh_CN").error_text(losses[0])
    view = queries.bill_view(ctx, seated)
    assert len(view.tenders) == 1 and view.receipt_no == 1
    for terminal in terminals:
        terminal.store.close()


def test_custom_round_off_above_the_bill_or_upwards_is_refused(ctx, seated, sent, refused):
    from app.domain.money import RoundingMode

    total = queries.bill_view(ctx, seated).breakdown.before_rounding
    for custom in (-(total + 1), 100):
        refused(
            payment.set_rounding,
            ctx,
            bill_id=seated,
            mode=RoundingMode.CUSTOM,
            custom_fen=custom,
            approval=approval(ctx),
        )


def test_a_round_off_set_before_a_void_never_takes_more_than_is_left(ctx, seated, sent):
    from app.domain.money import RoundingMode

    total = queries.bill_view(ctx, seated).breakdown.before_rounding
    payment.set_rounding(
        ctx,
        bill_id=seated,
        mode=RoundingMode.CUSTOM,
        custom_fen=-(total - 100),
        approval=approval(ctx),
    )
    ordering.void_line(ctx, line_id=sent, reason="客人退菜", approval=approval(ctx))
    parts = queries.bill_view(ctx, seated).breakdown
    assert parts.total == 0 and parts.rounding == -parts.before_rounding
