"""Printed documents as the guest, the kitchen and the manager read them: built by hand
(no store), rendered to PDF, and read back with poppler (pdftotext, pdffonts)."""

from __future__ import annotations

import re
import statistics
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from app.i18n import Language
from app.printing.checks import render_check
from app.printing.documents import (
    CheckDocument,
    CheckKind,
    CheckLine,
    KitchenTicketDocument,
    Paper,
    ShiftSummaryDocument,
    SummaryRow,
    SummaryTable,
    TenderLine,
    TicketKind,
    TicketLine,
    VenueHeader,
)
from app.printing.fonts import FONT_NAME, has_glyph, printable, wrap
from app.printing.layout import SHEETS
from app.printing.summary import render_shift_summary
from app.printing.tickets import render_kitchen_ticket

ZH = Language("zh_CN")
EN = Language("en")

VENUE = VenueHeader(
    name="店小二茶楼·望京店",
    address="北京市朝阳区望京西路甲12号 悠乐汇B座1层",
    phone="010-6471 8899",
    tax_id="91110105MA01XYZ12K",
    footer="谢谢惠顾，欢迎再来！",
)
LONG_NAME = "秘制手工慢炖十八味香料山城重庆老火锅底料配时令鲜蔬拼盘"  # 30 characters
OPENED = datetime(2026, 11, 20, 18, 2)
PAID = datetime(2026, 11, 20, 20, 11)

FEW_LINES = (
    CheckLine("宫保鸡丁", 2000, "份", 3800, 7600),
    CheckLine(
        "清蒸东星斑",
        1600,
        "斤",
        28800,
        46400,
        options=(("姜葱", 0), ("加辣", 200)),
        discount_fen=4640,
    ),
    CheckLine("铁观音", 1000, "壶", 6800, 6800, note="少放茶叶"),
    CheckLine("水煮鱼", 1000, "份", 8800, 0, voided=True),
    CheckLine("米饭", 4000, "碗", 200, 800),
)


def many_lines(count: int) -> tuple[CheckLine, ...]:
    """``count`` dishes, every third with the 30-character name."""
    return tuple(
        CheckLine(LONG_NAME if index % 3 == 0 else f"小炒黄牛肉{index}", 1000, "份", 4800, 4800)
        for index in range(count)
    )


def check(
    kind: CheckKind = CheckKind.RECEIPT,
    *,
    language: str = "zh_CN",
    lines: tuple[CheckLine, ...] = FEW_LINES,
    **changes,
) -> CheckDocument:
    items = sum(line.amount_fen for line in lines if not line.voided)
    discount = sum(line.discount_fen for line in lines if not line.voided)
    seat_fee = 4 * 300
    before = items - discount + seat_fee
    rounding = -(before % 100)
    total = before + rounding
    receipt = kind is CheckKind.RECEIPT
    doc = CheckDocument(
        kind=kind,
        language=language,
        venue=VENUE,
        bill_id=1234,
        table="A12",
        guests=4,
        waiter="王芳",
        cashier="李明",
        opened_at=OPENED,
        printed_at=PAID,
        lines=lines,
        items_fen=items,
        options_fen=320,
        discount_fen=discount,
        seat_fee_fen=seat_fee,
        room_fee_fen=0,
        minimum_topup_fen=0,
        service_charge_fen=0,
        rounding_fen=rounding,
        total_fen=total,
        receipt_no=12 if receipt else None,
        business_day=date(2026, 11, 20) if receipt else None,
        closed_at=PAID if receipt else None,
        tenders=(TenderLine("微信支付", total - 5000), TenderLine("现金", 10000))
        if receipt
        else (),
        change_fen=5000 if receipt else 0,
        invoice_requested=receipt,
        member="张三" if receipt else "",
    )
    return replace(doc, **changes)


def ticket(
    kind: TicketKind = TicketKind.ORDER, *, language: str = "zh_CN", **changes
) -> KitchenTicketDocument:
    doc = KitchenTicketDocument(
        ticket_id=1042,
        kind=kind,
        language=language,
        station="热菜",
        table="A12",
        guests=4,
        waiter="王芳",
        created_at=datetime(2026, 11, 20, 19, 7),
        lines=(
            TicketLine("宫保鸡丁", 2000, "份", options=("微辣", "少油"), note="不要花生"),
            TicketLine("清蒸东星斑", 1600, "斤", weighed=True, options=("姜葱",)),
            TicketLine(LONG_NAME, 1000, "份", held=True),
        ),
        note="客人不要了" if kind is TicketKind.VOID else "",
    )
    return replace(doc, **changes)


def summary(*, language: str = "zh_CN", rows: int = 8, **changes) -> ShiftSummaryDocument:
    doc = ShiftSummaryDocument(
        language=language,
        venue=VENUE,
        title="交班报表 Z-0012",
        period="2026/11/20 10:00 – 22:30",
        printed_at=datetime(2026, 11, 20, 22, 31),
        figures=(
            SummaryRow("营业额", "¥48,320.50"),
            SummaryRow("客人数", "214"),
            SummaryRow("人均消费", "¥225.80"),
        ),
        tables=(
            SummaryTable("支付方式", ("方式", "笔数", "金额"), (("微信支付", "31", "¥24,100.50"),)),
            SummaryTable(
                "热销菜品",
                ("菜品", "数量", "金额", "备注"),
                tuple(
                    (LONG_NAME, str(index), f"¥{index * 48:,}.00", "客人点评很好，回头客多")
                    for index in range(rows)
                ),
            ),
        ),
    )
    return replace(doc, **changes)


# -- reading a PDF back ----------------------------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def text_of(pdf: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def head(text: str, count: int = 4) -> list[str]:
    """The first ``count`` non-empty lines, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()][:count]


def squeezed(text: str) -> str:
    """The text without any whitespace: wrapped names read as one."""
    return re.sub(r"\s+", "", text)


def fonts_of(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>'
)


def pages_and_words(pdf: Path) -> list[tuple[float, float, list[tuple]]]:
    """Each page's width, height and words (xMin, yMin, xMax, yMax, text)."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for chunk in out.split("<page ")[1:]:
        width, height = map(float, _PAGE.match("<page " + chunk).groups())
        words = [
            (*map(float, match.groups()[:4]), match.group(5)) for match in _WORD.finditer(chunk)
        ]
        pages.append((width, height, words))
    return pages


# -- content ---------------------------------------------------------------------------------


def test_receipt_gives_back_dishes_totals_number_and_labels(tmp_path) -> None:
    doc = check()
    text = text_of(write(tmp_path, render_check(doc, Paper.ROLL_80)))
    for name in ("宫保鸡丁", "清蒸东星斑", "铁观音", "米饭"):
        assert name in text
    assert ZH.money(doc.total_fen) in text
    assert ZH.money(doc.items_fen) in text
    assert ZH.money(doc.change_fen) in text
    assert "20261120-0012" in text
    for label in ("结账单", "单号", "桌号", "人数", "服务员", "收银员", "小计", "合计", "找零"):
        assert label in text
    assert "1.6斤 × ¥288.00" in text
    assert "+ 加辣 (+¥2.00)" in text
    assert "折扣 -¥46.40" in text
    assert "需开发票" in text and "会员：张三" in text
    assert "谢谢惠顾" in text


def test_receipt_shows_each_part_of_the_bill_only_when_it_is_not_zero(tmp_path) -> None:
    doc = check(room_fee_fen=0, service_charge_fen=1500, minimum_topup_fen=0)
    text = text_of(write(tmp_path, render_check(doc, Paper.ROLL_58)))
    assert "服务费" in text and ZH.money(1500) in text
    assert "茶位费" in text and "抹零" in text
    assert "包厢费" not in text
    assert "最低消费补足" not in text


def test_english_receipt_has_english_labels_and_formats(tmp_path) -> None:
    doc = check(language="en")
    text = text_of(write(tmp_path, render_check(doc, Paper.ROLL_80)))
    for label in ("RECEIPT", "Receipt No.", "Table", "Subtotal", "TOTAL", "Change"):
        assert label in text
    assert EN.money(doc.total_fen) in text
    assert EN.datetime(PAID) in text
    assert "结账单" not in text and "合计" not in text


def test_guest_check_keeps_voided_lines_marked_and_the_receipt_drops_them(tmp_path) -> None:
    guest = text_of(write(tmp_path, render_check(check(CheckKind.GUEST_CHECK)), "check.pdf"))
    receipt = text_of(write(tmp_path, render_check(check(CheckKind.RECEIPT)), "receipt.pdf"))
    assert "预结单" in guest and "水煮鱼" in guest and "已退" in guest
    assert "应付金额" in guest
    assert "结账单" in receipt and "水煮鱼" not in receipt and "已退" not in receipt


def test_guest_check_a4_marks_voided_lines_too(tmp_path) -> None:
    text = text_of(write(tmp_path, render_check(check(CheckKind.GUEST_CHECK), Paper.A4)))
    assert "水煮鱼" in text and "已退" in text


@pytest.mark.parametrize("paper", list(Paper))
def test_reprint_is_marked_with_the_reprint_time(tmp_path, paper: Paper) -> None:
    reprinted = datetime(2026, 11, 21, 9, 45)
    text = text_of(write(tmp_path, render_check(check(reprint_at=reprinted), paper)))
    assert "重打" in text
    assert ZH.datetime(reprinted) in text
    first = text_of(write(tmp_path, render_check(check(), paper), "first.pdf"))
    assert "重打" not in first


def test_reprinted_kitchen_ticket_is_marked(tmp_path) -> None:
    doc = ticket(reprint_at=datetime(2026, 11, 20, 19, 30))
    text = text_of(write(tmp_path, render_kitchen_ticket(doc)))
    assert "重打" in text and "19:30" in text


@pytest.mark.parametrize(
    ("kind", "zh", "en"),
    [
        (TicketKind.ORDER, "落单", "ORDER"),
        (TicketKind.ADDON, "加菜", "ADD-ON"),
        (TicketKind.FIRE, "起菜", "FIRE"),
        (TicketKind.HURRY, "催菜", "HURRY"),
        (TicketKind.VOID, "退菜", "VOID"),
        (TicketKind.TRANSFER, "转台", "TRANSFER"),
    ],
)
def test_kitchen_ticket_header_says_what_kind_it_is(
    tmp_path, kind: TicketKind, zh: str, en: str
) -> None:
    chinese = text_of(write(tmp_path, render_kitchen_ticket(ticket(kind)), "zh.pdf"))
    english = text_of(write(tmp_path, render_kitchen_ticket(ticket(kind, language="en")), "en.pdf"))
    assert zh in head(chinese) and en in head(english)


def test_kitchen_ticket_lists_table_weights_options_notes_and_holds(tmp_path) -> None:
    text = text_of(write(tmp_path, render_kitchen_ticket(ticket())))
    assert "热菜" in text and "A12" in text and "#1042" in text
    assert "1.6斤" in text and "2份" in text
    assert "宫保鸡丁" in text and LONG_NAME in squeezed(text)
    assert "+ 微辣、少油" in text and "备注：不要花生" in text
    assert "叫起" in text
    assert "服务员：王芳" in text and "人数：4" in text


def test_void_and_transfer_tickets_say_why(tmp_path) -> None:
    void = text_of(write(tmp_path, render_kitchen_ticket(ticket(TicketKind.VOID)), "v.pdf"))
    moved = ticket(TicketKind.TRANSFER, note="B3")
    transfer = text_of(write(tmp_path, render_kitchen_ticket(moved), "t.pdf"))
    assert "原因：客人不要了" in void
    assert "转自：B3" in transfer


def test_english_ticket_shows_english_labels(tmp_path) -> None:
    text = text_of(write(tmp_path, render_kitchen_ticket(ticket(language="en"))))
    assert "Table" in text and "Waiter: 王芳" in text and "HOLD" in text
    assert "桌号" not in text


def test_shift_summary_shows_figures_tables_and_page_numbers(tmp_path) -> None:
    text = text_of(write(tmp_path, render_shift_summary(summary(rows=80))))
    assert "交班报表 Z-0012" in text and "统计期间" in text
    assert "营业额" in text and "¥48,320.50" in text
    assert "支付方式" in text and "¥24,100.50" in text
    assert "热销菜品（续）" in text  # the long table goes on under its title
    pages = len(pages_and_words(write(tmp_path, render_shift_summary(summary(rows=80)), "s")))
    assert pages > 1
    assert f"第{pages}页/共{pages}页" in squeezed(text)


def test_shift_summary_right_aligns_figures(tmp_path) -> None:
    pdf = write(tmp_path, render_shift_summary(summary(rows=5)))
    _, _, words = pages_and_words(pdf)[0]
    amounts = {f"¥{index * 48:,}.00" for index in range(5)}
    ends = [box[2] for box in words if box[4] in amounts]
    assert len(ends) == 5
    assert max(ends) - min(ends) < 0.5


def test_empty_summary_table_says_nothing_recorded(tmp_path) -> None:
    doc = summary(tables=(SummaryTable("退菜明细", ("菜品", "数量"), ()),))
    text = text_of(write(tmp_path, render_shift_summary(doc)))
    assert "退菜明细" in text and "暂无记录" in text


# -- fonts -----------------------------------------------------------------------------------


def test_the_font_draws_latin_digits_and_the_yuan_sign() -> None:
    for char in "AZaz09¥￥.,:-+×%#":
        assert has_glyph(char), char


def test_printable_replaces_what_the_font_lacks() -> None:
    assert printable("9:07\u202fPM") == "9:07 PM"
    assert printable("a\u00a0b") == "a b"
    assert printable("宫保鸡丁\u200b") == "宫保鸡丁"
    assert printable("辣😀") == "辣?"
    assert "\u202f" not in "".join(wrap("9:07\u202fPM " * 20, 9, 100))


@pytest.mark.parametrize(
    "render",
    [
        lambda: render_check(check(CheckKind.GUEST_CHECK), Paper.ROLL_80),
        lambda: render_check(check(), Paper.ROLL_58),
        lambda: render_check(check(language="en"), Paper.A4),
        lambda: render_kitchen_ticket(ticket(TicketKind.VOID)),
        lambda: render_kitchen_ticket(ticket(language="en"), Paper.ROLL_58),
        lambda: render_shift_summary(summary()),
    ],
    ids=["guest-check", "receipt-58", "receipt-a4-en", "ticket", "ticket-en", "summary"],
)
def test_only_the_embedded_cjk_subset_is_used(tmp_path, render) -> None:
    fonts = fonts_of(write(tmp_path, render()))
    assert fonts
    for row in fonts:
        name, emb, sub = row[0], row[-5], row[-4]
        assert re.fullmatch(rf"[A-Z]{{6}}\+{FONT_NAME}-\d+", name), row
        assert (emb, sub) == ("yes", "yes"), row


def test_narrow_no_break_space_never_reaches_the_pdf(tmp_path) -> None:
    doc = ticket(TicketKind.TRANSFER, note="B3 at 9:07\u202fPM", table="A12\u202f牡丹厅")
    text = text_of(write(tmp_path, render_kitchen_ticket(doc), "t.pdf"))
    assert "\u202f" not in text and "9:07 PM" in text
    english = check(language="en", venue=replace(VENUE, footer="Open until 10:30\u202fPM"))
    text = text_of(write(tmp_path, render_check(english), "r.pdf"))
    assert "\u202f" not in text and "10:30 PM" in text
    report = summary(language="en", period="9:00\u202fAM – 10:30\u202fPM")
    text = text_of(write(tmp_path, render_shift_summary(report), "s.pdf"))
    assert "\u202f" not in text and "9:00 AM" in text


# -- layout ----------------------------------------------------------------------------------


def assert_inside(pdf: Path, paper: Paper) -> None:
    sheet = SHEETS[paper]
    pages = pages_and_words(pdf)
    assert pages
    for width, height, words in pages:
        assert words
        for x_min, y_min, x_max, y_max, _ in words:
            assert x_min >= sheet.left - 1.0, (x_min, paper)
            assert x_max <= width - sheet.right + 1.0, (x_max, width, paper)
            assert y_min >= 0 and y_max <= height, (y_min, y_max, height)


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("kind", list(CheckKind))
def test_long_names_and_many_lines_stay_inside_the_paper(
    tmp_path, paper: Paper, kind: CheckKind
) -> None:
    doc = check(kind, lines=many_lines(60))
    pdf = write(tmp_path, render_check(doc, paper))
    assert_inside(pdf, paper)
    assert squeezed(text_of(pdf, "-raw")).count(LONG_NAME) == 20  # wrapped, not cut
    assert ZH.money(doc.total_fen) in text_of(pdf)


@pytest.mark.parametrize("paper", list(Paper))
def test_tickets_and_summaries_stay_inside_the_paper(tmp_path, paper: Paper) -> None:
    long_ticket = ticket(lines=ticket().lines * 20, table="A12 牡丹厅 " + LONG_NAME)
    assert_inside(write(tmp_path, render_kitchen_ticket(long_ticket, paper), "t.pdf"), paper)
    assert_inside(write(tmp_path, render_shift_summary(summary(rows=60), paper), "s.pdf"), paper)


@pytest.mark.parametrize("paper", [Paper.ROLL_80, Paper.ROLL_58])
def test_a_roll_grows_with_its_lines(tmp_path, paper: Paper) -> None:
    heights = []
    for count in (5, 30, 60):
        pdf = write(tmp_path, render_check(check(lines=many_lines(count)), paper), f"{count}.pdf")
        pages = pages_and_words(pdf)
        assert len(pages) == 1
        heights.append(pages[0][1])
    assert heights[0] < heights[1] < heights[2]
    assert SHEETS[paper].width == pytest.approx(pages[0][0])
    short = pages_and_words(write(tmp_path, render_kitchen_ticket(ticket(), paper), "a.pdf"))
    many = ticket(lines=ticket().lines * 10)
    long = pages_and_words(write(tmp_path, render_kitchen_ticket(many, paper), "b.pdf"))
    assert short[0][1] < long[0][1]


def test_a_roll_ends_just_below_its_last_line(tmp_path) -> None:
    pdf = write(tmp_path, render_check(check(lines=many_lines(40))))
    _, height, words = pages_and_words(pdf)[0]
    lowest = max(box[3] for box in words)
    assert height - lowest < 40  # the bottom margin to tear off, not a blank tail


def test_a4_runs_onto_numbered_pages_with_the_column_header_on_each(tmp_path) -> None:
    pdf = write(tmp_path, render_check(check(lines=many_lines(60)), Paper.A4))
    pages = text_of(pdf).split("\f")[:-1]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页/共{len(pages)}页" in squeezed(page)
        if "小炒黄牛肉" in page:
            assert "品名" in page and "金额" in page


def test_a_long_name_wraps_on_a_narrow_roll() -> None:
    lines = wrap(LONG_NAME, 8, SHEETS[Paper.ROLL_58].content_width)
    assert len(lines) >= 2 and "".join(lines) == LONG_NAME
    words = wrap("Braised pork belly with preserved mustard greens", 8, 60)
    assert all(" " not in (line[0], line[-1]) for line in words)
    assert " ".join(words) == "Braised pork belly with preserved mustard greens"


def test_documents_rendered_on_several_threads_come_out_whole() -> None:
    """A print worker and a preview may render at once: each PDF is the same as alone."""
    docs = [check(lines=many_lines(count)) for count in range(1, 81)]
    alone = [render_check(doc) for doc in docs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(render_check, docs))
    assert together == alone


# -- speed -----------------------------------------------------------------------------------


def median_ms(render, runs: int = 40) -> float:
    render()  # warm: font registered, catalog loaded
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def test_rendering_is_fast_enough_for_the_counter() -> None:
    receipt = check(lines=many_lines(12))
    figures = {
        f"receipt {paper.value}": median_ms(lambda paper=paper: render_check(receipt, paper))
        for paper in Paper
    }
    figures["ticket 80"] = median_ms(lambda: render_kitchen_ticket(ticket()))
    print("median render ms:", {name: round(ms, 2) for name, ms in figures.items()})
    for paper in Paper:
        assert figures[f"receipt {paper.value}"] < 60  # the target is 20 ms on the counter PC
    assert figures["ticket 80"] < 30  # the target is 10 ms
