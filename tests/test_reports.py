"""The day report and shift summary: a crafted business day played through the real services
with every figure worked out by hand, the reconciliation on simulated days, the PDF (read
back with pdftotext), the CSV and the ``xiaoer report`` command."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.cli import main
from app.domain.billing import DiscountKind, Tender, TenderMethod
from app.domain.money import RoundingMode, split_evenly
from app.domain.summary import SaleParts, cumulative_split, share_parts
from app.i18n import Language
from app.printing.summary import render_shift_summary
from app.services import ordering, payment, reports, seating, shifts
from app.services.context import Context
from app.services.service_figures import service_figures
from app.services.simulation import simulate_days
from app.services.staff import Approval
from db.engine import Store, sqlite_url
from db.models import Venue
from tests.support import Clock, Demo, copy_store

DAY = date(2026, 11, 20)
NEXT_DAY = date(2026, 11, 21)


def at(hour: int, minute: int, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


@dataclass
class Floor:
    """The floor staff of the crafted day: they act at the times the test sets."""

    ctx: Context
    clock: Clock
    demo: Demo

    def now(self, moment: datetime) -> None:
        self.clock.now = moment

    def approval(self) -> Approval:
        return Approval(self.demo.manager, "张经理", self.clock())

    def seat(self, table: str, guests: int, waiter: int) -> int:
        return seating.seat_party(
            self.ctx, table_id=self.demo.table(table), guests=guests, waiter_id=waiter
        ).bill_id

    def order(self, bill_id: int, name: str, **kw) -> int:
        return ordering.add_to_cart(
            self.ctx, bill_id=bill_id, item_id=self.demo.item(name), **kw
        ).lines[0]

    def spicy(self, bill_id: int, name: str, **kw) -> int:
        return self.order(bill_id, name, option_ids=[self.demo.option("spice", "微辣")], **kw)

    def send(self, bill_id: int) -> None:
        ordering.send_to_kitchen(self.ctx, bill_id=bill_id)

    def serve(self, *line_ids: int) -> None:
        for line_id in line_ids:
            ordering.serve_line(self.ctx, line_id=line_id)

    def settle(self, bill_id: int, *tenders: Tender, **kw) -> int:
        return payment.settle_bill(
            self.ctx, bill_id=bill_id, tenders=list(tenders), cashier_id=self.demo.cashier, **kw
        ).receipt_no


def cash(yuan: float) -> Tender:
    return Tender(TenderMethod.CASH, round(yuan * 100))


def paid_by(method: TenderMethod, fen: int, **kw) -> Tender:
    return Tender(method, fen, **kw)


def set_service_charge(ctx: Context, basis_points: int) -> None:
    """The venue's service charge (set in the back office; here straight in the store)."""
    with ctx.transaction() as session:
        session.scalars(select(Venue)).one().service_charge_bp = basis_points


def play_crafted_day(ctx: Context, clock: Clock, demo: Demo) -> dict[str, int]:
    """The crafted day of 2026-11-20 (its answers are worked out in the tests below):

    1. A1, 王芳, 2 guests: 宫保鸡丁 with 加蛋 (¥42 + ¥3), 2 × 米饭 (¥3), 回锅肉 (¥48) voided
       after serving (上错菜); ¥5 off the 宫保鸡丁 (老客优惠); seats 2 × ¥2 → ¥50.00, cash ¥100.
    2. A2, 李强, 4 guests: 水煮鱼 ¥88, 4 × 青岛啤酒 ¥12, 4 × 米饭 → ¥148; 12 % off the bill
       (会员折扣) → −¥17.76; seats ¥8 → ¥138.24, round down to the jiao → ¥138.20; split
       evenly in 3: ¥46.07 WeChat, ¥46.07 Alipay, ¥46.06 with ¥50 cash (change ¥3.94).
    3. A3 (2 guests, 麻婆豆腐 ¥26) and A4 (3 guests, 鱼香肉丝 ¥36, 3 × 可乐 ¥8), 王芳, merged
       into A3: ¥86 + seats ¥10 = ¥96 by card.
    4. A5, 李强, 2 guests: 番茄炒蛋 ¥22, 2 × 米饭, seats ¥4 → ¥32 cash; reopened (收错付款方式)
       and paid again ¥32 by WeChat.
    5. Tea room 听雨, 王芳, 2 guests: 铁观音 ¥88, 绿豆糕 ¥18, seats 2 × ¥15, 100 minutes (15
       free, ¥30 a started hour → ¥60) → ¥196: ¥50 comp (店长招待) + ¥146 Alipay, invoice.
    6. Private room 兰亭 (minimum ¥1,000), 李强, 6 guests, while the venue charges 10 %
       service: 白切鸡 ¥68, 红烧鲍鱼 ¥88, 1.5 斤 鲈鱼 ¥68/斤 → ¥258, top-up ¥742, seats
       6 × ¥5, service 10 % of ¥1,000 → ¥1,130, the manager takes ¥30 off → ¥1,100: ¥500
       charged to 刘总's account + ¥700 cash (change ¥100).
    7. B1, 王芳, 3 guests at 23:50, 扬州炒饭 ¥28 + seats ¥6 = ¥34 WeChat at 00:40: still
       the business day of the 20th.
    Not in the day: a party that left without ordering (B2), and A6 on the 21st (¥5 cash).
    """
    floor = Floor(ctx, clock, demo)
    wang, li = demo.waiter, demo.staff("李强")
    ids: dict[str, int] = {}

    floor.now(at(11, 30))
    a1 = floor.seat("A1", 2, wang)
    floor.now(at(11, 32))
    kung_pao = floor.order(
        a1,
        "宫保鸡丁",
        option_ids=[demo.option("spice", "微辣"), demo.option("extras", "加蛋")],
    )
    rice = floor.order(a1, "米饭", quantity=2)
    pork = floor.spicy(a1, "回锅肉")
    floor.send(a1)
    floor.now(at(11, 40))
    floor.serve(kung_pao, rice, pork)
    floor.now(at(11, 45))
    ordering.void_line(ctx, line_id=pork, reason="上错菜", approval=floor.approval(), staff_id=wang)
    floor.now(at(11, 50))
    ordering.discount_line(
        ctx,
        line_id=kung_pao,
        kind=DiscountKind.AMOUNT,
        value=500,
        reason="老客优惠",
        approval=floor.approval(),
    )
    floor.now(at(12, 10))
    ids["a1"] = floor.settle(a1, cash(100))

    floor.now(at(12, 15))
    a2 = floor.seat("A2", 4, li)
    floor.now(at(12, 17))
    fish = floor.spicy(a2, "水煮鱼")
    beer = floor.order(a2, "青岛啤酒", quantity=4)
    rice2 = floor.order(a2, "米饭", quantity=4)
    floor.send(a2)
    floor.now(at(12, 30))
    floor.serve(fish, beer, rice2)
    floor.now(at(12, 50))
    payment.apply_bill_discount(
        ctx,
        bill_id=a2,
        kind=DiscountKind.PERCENT,
        value=1200,
        reason="会员折扣",
        approval=floor.approval(),
    )
    floor.now(at(12, 55))
    shares = sorted(seating.split_bill_evenly(ctx, bill_id=a2, parts=3).bills - {a2})
    floor.now(at(13, 0))
    floor.settle(shares[0], paid_by(TenderMethod.WECHAT, 4607))
    floor.now(at(13, 1))
    floor.settle(shares[1], paid_by(TenderMethod.ALIPAY, 4607))
    floor.now(at(13, 2))
    floor.settle(shares[2], cash(50))

    floor.now(at(13, 5))
    a3 = floor.seat("A3", 2, wang)
    floor.now(at(13, 6))
    a4 = floor.seat("A4", 3, wang)
    floor.now(at(13, 8))
    tofu = floor.spicy(a3, "麻婆豆腐")
    floor.send(a3)
    shredded = floor.spicy(a4, "鱼香肉丝")
    cola = floor.order(a4, "可口可乐", quantity=3)
    floor.send(a4)
    floor.now(at(13, 20))
    seating.merge_bills(ctx, into_bill_id=a3, bill_ids=[a4])
    floor.now(at(13, 25))
    floor.serve(tofu, shredded, cola)
    floor.now(at(13, 50))
    floor.settle(a3, paid_by(TenderMethod.CARD, 9600))

    floor.now(at(14, 0))
    a5 = floor.seat("A5", 2, li)
    floor.now(at(14, 2))
    eggs = floor.order(a5, "番茄炒蛋")
    rice5 = floor.order(a5, "米饭", quantity=2)
    floor.send(a5)
    floor.now(at(14, 10))
    floor.serve(eggs, rice5)
    floor.now(at(14, 30))
    ids["reopened"] = floor.settle(a5, cash(32))
    floor.now(at(14, 35))
    revision = payment.reopen_bill(
        ctx, bill_id=a5, reason="收错付款方式", approval=floor.approval()
    ).bill_id
    floor.now(at(14, 40))
    floor.settle(revision, paid_by(TenderMethod.WECHAT, 3200))

    floor.now(at(15, 0))
    tea = floor.seat("听雨", 2, wang)
    floor.now(at(15, 2))
    pot = floor.order(tea, "铁观音")
    cake = floor.order(tea, "绿豆糕")
    floor.send(tea)
    floor.now(at(15, 10))
    floor.serve(pot, cake)
    floor.now(at(16, 40))
    ids["tea"] = floor.settle(
        tea,
        paid_by(TenderMethod.COMP, 5000, reference="店长招待"),
        paid_by(TenderMethod.ALIPAY, 14600),
        approval=floor.approval(),
        invoice_requested=True,
    )

    floor.now(at(17, 0))
    set_service_charge(ctx, 1000)
    room = floor.seat("兰亭", 6, li)
    floor.now(at(17, 5))
    chicken = floor.order(room, "白切鸡")
    pork_knuckle = floor.order(room, "红烧鲍鱼")
    bass = floor.order(
        room, "鲈鱼", weight_milli=1500, option_ids=[demo.option("fish_style", "清蒸")]
    )
    floor.send(room)
    floor.now(at(17, 30))
    floor.serve(chicken, pork_knuckle, bass)
    floor.now(at(18, 30))
    payment.set_rounding(
        ctx, bill_id=room, mode=RoundingMode.CUSTOM, custom_fen=-3000, approval=floor.approval()
    )
    floor.now(at(18, 45))
    floor.settle(room, paid_by(TenderMethod.ACCOUNT, 50000, signer="刘总"), cash(700))
    set_service_charge(ctx, 0)

    floor.now(at(19, 0))
    left = floor.seat("B2", 2, wang)
    floor.now(at(19, 5))
    seating.clear_table(ctx, table_id=demo.table("B2"))
    assert left

    floor.now(at(23, 50))
    late = floor.seat("B1", 3, wang)
    floor.now(at(23, 55))
    rice_dish = floor.order(late, "扬州炒饭")
    floor.send(late)
    floor.now(at(0, 10, NEXT_DAY))
    floor.serve(rice_dish)
    floor.now(at(0, 40, NEXT_DAY))
    ids["late"] = floor.settle(late, paid_by(TenderMethod.WECHAT, 3400))

    floor.now(at(11, 0, NEXT_DAY))
    next_day = floor.seat("A6", 1, li)
    one_rice = floor.order(next_day, "米饭")
    floor.send(next_day)
    floor.serve(one_rice)
    floor.now(at(11, 30, NEXT_DAY))
    floor.settle(next_day, cash(5))
    return ids


def make_crafted_store(template: Path, folder: Path) -> Path:
    """A copy of the demo store after the crafted day."""
    path = copy_store(template, folder / "venue.sqlite3")
    store = Store.open(sqlite_url(path))
    clock = Clock()
    ctx = Context(store, clock=clock)
    ids = play_crafted_day(ctx, clock, Demo(ctx))
    store.close()
    assert ids == {"a1": 1, "reopened": 6, "tea": 8, "late": 10}
    return path


def open_crafted_store(crafted: Path, folder: Path) -> Context:
    """A copy of the crafted store, the clock at 11:30 the morning after."""
    store = Store.open(sqlite_url(copy_store(crafted, folder / "crafted.sqlite3")))
    return Context(store, clock=Clock(at(11, 30, NEXT_DAY)))


@pytest.fixture(scope="module")
def crafted_store(demo_template: Path, tmp_path_factory) -> Path:
    """The crafted day, played once for the module."""
    return make_crafted_store(demo_template, tmp_path_factory.mktemp("crafted"))


@pytest.fixture
def crafted_ctx(crafted_store: Path, tmp_path: Path):
    ctx = open_crafted_store(crafted_store, tmp_path)
    yield ctx
    ctx.store.close()


@pytest.fixture
def crafted(crafted_ctx) -> reports.SalesSummary:
    return reports.day_report(crafted_ctx, DAY)


# ---------------------------------------------------------------- the crafted day


def test_the_crafted_day_adds_up_to_every_hand_worked_figure(crafted) -> None:
    s = crafted
    assert s.parts == SaleParts(
        items=70500,  # 51 + 148 + 86 + 28 + 106 + 258 + 28, voids already out
        options=300,  # 加蛋
        line_discounts=500,
        bill_discounts=1776,
        seat_fees=9200,  # 4 + 8 + 10 + 4 + 30 + 30 + 6
        room_fees=6000,
        minimum_topups=74200,
        service_charge=10000,  # 10 % of the private room's ¥258 + ¥742 top-up
        rounding=-3004,  # −¥0.04 to the jiao, −¥30 by the manager
    )
    assert s.gross_sales == 70500
    assert s.discounts == 2276
    assert s.net_sales == 68224
    assert s.fees == 99400
    assert s.receipts_total == 164620
    assert s.parts.total == 164620
    assert s.bills == 7  # the even split counts once, the reopened bill once
    assert s.receipts == 9  # each share is a receipt
    assert s.guests == 24
    assert s.average_per_guest == 6859  # ¥1,646.20 / 24 = ¥68.591…
    assert s.average_per_bill == 23517  # ¥1,646.20 / 7 = ¥235.171…
    assert s.tables_used == 8  # A1–A5 (A4 merged), B1, 听雨, 兰亭
    assert s.table_turns == Decimal("0.88")
    assert s.invoices == 1 and s.invoice_amount == 19600
    assert s.reconciles, s.reconciles.mismatches


def test_tenders_change_and_comps_of_the_crafted_day(crafted) -> None:
    s = crafted
    tenders = {t.method: (t.count, t.amount) for t in s.tenders}
    assert tenders == {
        "cash": (3, 85000),  # ¥100 + ¥50 + ¥700; the reopened receipt's ¥32 is not counted
        "wechat": (3, 11207),  # ¥46.07 + ¥32 + ¥34
        "alipay": (2, 19207),  # ¥46.07 + ¥146
        "card": (1, 9600),
        "comp": (1, 5000),
        "account": (1, 50000),
    }
    assert s.tendered == 180014
    assert s.change == 15394  # ¥50 + ¥3.94 + ¥100
    assert s.tendered - s.change == s.receipts_total
    assert s.cash_net == 69606
    assert s.comp_amount == 5000
    (comp,) = s.comps
    assert (comp.table, comp.receipt_no, comp.amount, comp.reason, comp.authorised_by) == (
        "听雨",
        8,
        5000,
        "店长招待",
        "张经理",
    )


def test_voids_discounts_and_the_reopened_receipt_say_why_and_who(crafted) -> None:
    s = crafted
    (void,) = s.voids
    assert (void.table, void.dish_zh, void.quantity_milli, void.amount) == (
        "A1",
        "回锅肉",
        1000,
        4800,
    )
    assert (void.reason, void.voided_by, void.authorised_by) == ("上错菜", "王芳", "张经理")
    assert void.at == at(11, 45) and void.receipt_no == 1
    assert s.void_count == 1 and s.void_amount == 4800
    given = {(d.table, d.dish_zh, d.amount, d.reason, d.authorised_by) for d in s.discounts_given}
    assert given == {
        ("A1", "宫保鸡丁", 500, "老客优惠", "张经理"),
        ("A2", "", 1776, "会员折扣", "张经理"),
    }
    (reopened,) = s.reopened
    assert (reopened.receipt_no, reopened.table, reopened.total) == (6, "A5", 3200)
    assert (reopened.reason, reopened.authorised_by, reopened.at) == (
        "收错付款方式",
        "张经理",
        at(14, 35),
    )


def test_rooms_and_hours_of_the_crafted_day(crafted) -> None:
    s = crafted
    rooms = {r.name_zh: r for r in s.rooms}
    assert [r.name_zh for r in s.rooms] == ["大厅", "包厢", "茶室"]
    hall, private, tea = rooms["大厅"], rooms["包厢"], rooms["茶室"]
    assert (hall.tables_used, hall.bills, hall.guests) == (6, 5, 16)
    assert (hall.net_sales, hall.fees, hall.rounding, hall.receipts) == (31824, 3200, -4, 35020)
    assert hall.turns == Decimal("0.83")
    assert (private.tables_used, private.bills, private.guests) == (1, 1, 6)
    assert (private.net_sales, private.fees, private.rounding, private.receipts) == (
        25800,
        87200,  # seats ¥30 + top-up ¥742 + service ¥100
        -3000,
        110000,
    )
    assert (tea.tables_used, tea.bills, tea.guests, tea.net_sales, tea.fees, tea.receipts) == (
        1,
        1,
        2,
        10600,
        9000,  # seats ¥30 + room ¥60
        19600,
    )
    hours = [(h.hour, h.bills, h.guests, h.net_sales, h.receipts) for h in s.hours]
    assert hours == [
        (12, 1, 2, 4600, 5000),
        (13, 2, 9, 21624, 23420),  # the three shares and the merged tables
        (14, 1, 2, 2800, 3200),  # the reopened receipt's revision
        (16, 1, 2, 10600, 19600),
        (18, 1, 6, 25800, 110000),
        (0, 1, 3, 2800, 3400),  # past midnight, still the business day
    ]


def test_dishes_and_categories_of_the_crafted_day(crafted) -> None:
    s = crafted
    dishes = {d.name_zh: (d.quantity_milli, d.amount, d.orders) for d in s.dishes}
    assert dishes == {
        "鲈鱼": (1500, 10200, 1),
        "水煮鱼": (1000, 8800, 1),
        "红烧鲍鱼": (1000, 8800, 1),
        "铁观音": (1000, 8800, 1),
        "白切鸡": (1000, 6800, 1),
        "青岛啤酒": (4000, 4800, 1),
        "宫保鸡丁": (1000, 4500, 1),  # with 加蛋, before its discount
        "鱼香肉丝": (1000, 3600, 1),
        "扬州炒饭": (1000, 2800, 1),
        "麻婆豆腐": (1000, 2600, 1),
        "可口可乐": (3000, 2400, 1),
        "米饭": (8000, 2400, 3),
        "番茄炒蛋": (1000, 2200, 1),
        "绿豆糕": (1000, 1800, 1),
    }  # 回锅肉 was voided: not sold
    assert s.dishes[0].name_zh == "鲈鱼" and s.dishes[0].unit_zh == "斤"
    categories = {c.name_zh: (c.portions_milli, c.amount) for c in s.categories}
    assert categories == {
        "热菜": (6000, 30500),
        "活鲜": (1000, 10200),  # a weighed fish counts as one
        "茶饮": (1000, 8800),
        "酒水饮料": (7000, 7200),
        "凉菜": (1000, 6800),
        "主食": (9000, 5200),
        "茶点小食": (1000, 1800),
    }
    assert [c.name_zh for c in s.categories][:2] == ["热菜", "活鲜"]


def test_waiters_of_the_crafted_day_with_their_service_figures(crafted_ctx, crafted) -> None:
    ctx, demo = crafted_ctx, Demo(crafted_ctx)
    s = crafted
    waiters = {w.name: w for w in s.waiters}
    wang, li = waiters["王芳"], waiters["李强"]
    assert (wang.bills, wang.guests, wang.net_sales, wang.receipts) == (4, 12, 26600, 37600)
    assert (wang.voids, wang.void_amount) == (1, 4800)
    assert (li.bills, li.guests, li.net_sales, li.receipts) == (3, 12, 41624, 127020)
    assert (li.voids, li.void_amount) == (0, 0)
    assert [w.name for w in s.waiters][:2] == ["李强", "王芳"]  # highest sales first
    assert wang.average_per_guest == 3133  # ¥376 / 12
    coaching = {f.staff_id: f for f in service_figures(ctx, start=at(5, 0), end=at(5, 0, NEXT_DAY))}
    assert wang.service == coaching[demo.waiter]
    assert wang.service.seat_to_order_minutes is not None
    assert li.service == coaching[demo.staff("李强")]


def test_the_next_business_day_holds_only_its_own_bill(crafted_ctx, crafted) -> None:
    ctx = crafted_ctx
    s = reports.day_report(ctx, NEXT_DAY)
    assert (s.bills, s.receipts, s.receipts_total, s.guests) == (1, 1, 500, 1)
    assert [(t.method, t.amount) for t in s.tenders] == [("cash", 500)]
    assert s.reconciles
    both = reports.period_report(ctx, DAY, NEXT_DAY)
    assert both.receipts_total == crafted.receipts_total + 500
    assert both.bills == crafted.bills + 1
    assert both.reconciles


def test_an_empty_day_reports_zero_and_still_reconciles(ctx) -> None:
    s = reports.day_report(ctx, date(2026, 1, 1))
    assert (s.bills, s.receipts_total, s.guests, s.tables_used) == (0, 0, 0, 0)
    assert s.average_per_guest is None and s.table_turns is None
    assert s.reconciles
    pdf = render_shift_summary(reports.summary_document(s, Language("en")))
    assert pdf.startswith(b"%PDF")


# ---------------------------------------------------------------- an even split over two days


def test_an_even_split_paid_over_two_business_days_counts_each_share_in_its_day(
    ctx, clock, demo
) -> None:
    floor = Floor(ctx, clock, demo)
    floor.now(at(21, 0))
    bill = floor.seat("A1", 3, demo.waiter)
    fish = floor.spicy(bill, "水煮鱼")
    cola = floor.order(bill, "可口可乐")
    floor.send(bill)
    floor.serve(fish, cola)
    payment.apply_bill_discount(
        ctx,
        bill_id=bill,
        kind=DiscountKind.PERCENT,
        value=1000,
        reason="会员折扣",
        approval=floor.approval(),
    )  # ¥96 − ¥9.60 + seats ¥6 = ¥92.40
    shares = sorted(seating.split_bill_evenly(ctx, bill_id=bill, parts=3).bills - {bill})
    floor.now(at(21, 30))
    floor.settle(shares[0], paid_by(TenderMethod.WECHAT, 3080))
    floor.settle(shares[1], paid_by(TenderMethod.WECHAT, 3080))
    floor.now(at(6, 0, NEXT_DAY))  # the last guest came back the next morning
    floor.settle(shares[2], paid_by(TenderMethod.CARD, 3080))
    first, second = reports.day_report(ctx, DAY), reports.day_report(ctx, NEXT_DAY)
    assert first.reconciles, first.reconciles.mismatches
    assert second.reconciles, second.reconciles.mismatches
    assert (first.receipts_total, second.receipts_total) == (6160, 3080)
    together = first.parts + second.parts
    assert together == SaleParts(
        items=9600, line_discounts=0, bill_discounts=960, seat_fees=600, rounding=0
    )
    assert first.gross_sales + second.gross_sales == 9600
    assert sum(d.amount for d in first.dishes + second.dishes) == 9600
    whole = reports.period_report(ctx, DAY, NEXT_DAY)
    assert whole.parts == together and whole.bills == 1 and whole.receipts == 3


# ---------------------------------------------------------------- the arithmetic


@given(
    st.builds(
        SaleParts,
        items=st.integers(0, 10**7),
        options=st.integers(0, 10**5),
        line_discounts=st.integers(0, 10**5),
        bill_discounts=st.integers(0, 10**5),
        seat_fees=st.integers(0, 10**5),
        room_fees=st.integers(0, 10**5),
        minimum_topups=st.integers(0, 10**5),
        service_charge=st.integers(0, 10**5),
        rounding=st.integers(-99, 0),
    ).filter(lambda p: p.total > 0),
    st.integers(2, 50),
)
def test_even_split_shares_carry_every_figure_to_the_fen(whole: SaleParts, count: int) -> None:
    amounts = split_evenly(whole.total, count)
    parts = share_parts(whole, amounts)
    assert [part.total for part in parts] == amounts
    assert sum(parts, SaleParts()) == whole


@given(st.integers(-(10**6), 10**6), st.lists(st.integers(0, 10**4), min_size=1, max_size=30))
def test_a_cumulative_split_adds_up_and_stays_near_each_share(amount, weights) -> None:
    parts = cumulative_split(amount, weights)
    assert sum(parts) == amount and len(parts) == len(weights)
    if sum(weights):
        for part, weight in zip(parts, weights, strict=True):
            assert abs(part - amount * weight / sum(weights)) < 1 + 1e-9


# ---------------------------------------------------------------- simulated days


@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(1, 10_000))
def test_simulated_days_always_reconcile(demo_template, tmp_path_factory, seed) -> None:
    path = copy_store(demo_template, tmp_path_factory.mktemp("sim") / "venue.sqlite3")
    store = Store.open(sqlite_url(path))
    try:
        ctx = Context(store, clock=Clock())
        report = simulate_days(ctx, days=1, seed=seed)
        summary = reports.day_report(ctx, report.first_day)
        assert summary.reconciles, summary.reconciles.mismatches
        assert summary.receipts_total == report.revenue_fen
        assert summary.guests > 0 and summary.bills > 0
        assert {t.method: t.amount for t in summary.tenders}.get("cash", 0) - summary.change == (
            report.tenders_fen.get("cash", 0)
        )
    finally:
        store.close()


# ---------------------------------------------------------------- shifts


def test_a_shift_report_holds_the_bills_settled_in_that_shift(ctx, clock, demo) -> None:
    floor = Floor(ctx, clock, demo)
    floor.now(at(11, 0))
    shift_id = shifts.open_shift(
        ctx, terminal="counter-1", staff_id=demo.cashier, counted={10000: 5}
    ).shift_id
    bill = floor.seat("A1", 2, demo.waiter)
    dish = floor.spicy(bill, "回锅肉")
    floor.send(bill)
    floor.serve(dish)
    floor.now(at(12, 0))
    floor.settle(bill, cash(100), shift_id=shift_id)  # ¥48 + ¥4: change ¥48
    other = floor.seat("A2", 1, demo.waiter)
    rice = floor.order(other, "米饭")
    floor.send(other)
    floor.serve(rice)
    floor.settle(other, paid_by(TenderMethod.WECHAT, 500))  # no shift on this terminal
    s = reports.shift_report(ctx, shift_id)
    assert (s.bills, s.receipts_total, s.change) == (1, 5200, 4800)
    assert s.reconciles
    assert s.shift is not None and s.shift.terminal == "counter-1"
    assert s.shift.drawer.float_fen == 50000
    assert s.shift.expected == 50000 + 5200
    day = reports.day_report(ctx, DAY)
    assert day.receipts_total == 5700  # the day report has both, whatever shift
    title = reports.report_title(s, Language("en"))
    assert "counter-1" in title


# ---------------------------------------------------------------- the PDF and the CSV


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")


@needs_pdftotext
def test_the_pdf_reads_in_chinese_with_the_figures(crafted, tmp_path) -> None:
    pdf = render_shift_summary(reports.summary_document(crafted, Language("zh_CN")))
    text = pdf_text(pdf, tmp_path)
    assert "店小二茶楼酒家" in text
    assert "2026-11-20" in text
    assert "¥1,646.20" in text  # receipts
    assert "¥682.24" in text  # net sales
    assert "回锅肉" in text and "上错菜" in text and "张经理" in text
    assert "鲈鱼" in text and "听雨" in text and "收错付款方式" in text
    assert b"/FontFile2" in pdf or b"/FontFile" in pdf  # the CJK font travels with it


@needs_pdftotext
def test_the_pdf_reads_in_english(crafted, tmp_path) -> None:
    text = pdf_text(
        render_shift_summary(reports.summary_document(crafted, Language("en"))), tmp_path
    )
    assert "Day report 2026-11-20" in text
    assert "CN¥1,646.20" in text
    assert crafted.dishes[0].name_en in text  # the top dish, 鲈鱼, by its English name
    assert "Reconciled to the fen" in text


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_csv_has_a_bom_every_section_and_every_dish(crafted) -> None:
    text = reports.summary_csv(crafted, Language("en"))
    assert text.startswith("\ufeff")
    rows = read_csv(text)
    summary = {row[0]: row[1] for row in rows if len(row) == 2}
    assert summary["Net sales"] == "682.24"
    assert summary["Receipts total"] == "1646.20"
    assert summary["Rounding"] == "-30.04"
    assert summary["Guests"] == "24"
    assert summary["Table turns"] == "0.88"
    titles = {row[0] for row in rows if len(row) == 1}
    for section in (
        "Summary",
        "Reconciliation",
        "Payments by method",
        "By room",
        "By hour",
        "Dishes",
        "Categories",
        "Waiters",
        "Voids",
        "Discounts",
        "Comps",
        "Reopened receipts",
    ):
        assert section in titles, section
    flat = "\n".join(",".join(row) for row in rows)
    for dish in crafted.dishes:
        assert dish.name_en in flat or dish.name_zh in flat
    assert ",48.00,上错菜,王芳,张经理" in flat


def test_the_csv_in_chinese_is_utf8_for_excel(crafted) -> None:
    text = reports.summary_csv(crafted, Language("zh_CN"))
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    assert "回锅肉" in data.decode("utf-8-sig")


# ---------------------------------------------------------------- xiaoer report


def test_xiaoer_report_day_writes_pdf_and_csv(crafted_store, tmp_path, capsys):
    db_path = copy_store(crafted_store, tmp_path / "venue.sqlite3")
    out = tmp_path / "day.csv"
    assert (
        main(
            ["--db", str(db_path), "report", "day", "2026-11-20", "--out", str(out), "--lang", "en"]
        )
        == 0
    )
    assert "reconciled" in capsys.readouterr().out
    rows = read_csv(out.read_bytes().decode("utf-8"))
    assert ["Receipts total", "1646.20"] in rows
    pdf = tmp_path / "day.pdf"
    assert main(["--db", str(db_path), "report", "day", "2026-11-20", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_xiaoer_report_refuses_a_bad_date_or_extension(db_path, tmp_path, capsys):
    assert (
        main(
            ["--db", str(db_path), "report", "day", "2026-11-31", "--out", str(tmp_path / "x.pdf")]
        )
        == 2
    )
    assert "not a date" in capsys.readouterr().err
    assert (
        main(
            ["--db", str(db_path), "report", "day", "2026-11-20", "--out", str(tmp_path / "x.xlsx")]
        )
        == 2
    )
    assert ".pdf or .csv" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
