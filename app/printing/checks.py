"""The guest check (预结单) and the receipt (结账单): what the guest owes or paid, line by
line and part by part, on an 80 mm or 58 mm roll or on A4."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import N_
from app.domain.tendering import receipt_number
from app.i18n import Language
from app.printing.documents import CheckDocument, CheckKind, CheckLine, Paper
from app.printing.fonts import printable, text_width
from app.printing.layout import (
    SHEETS,
    Align,
    Flow,
    labelled,
    language,
    line_height,
    page_footer,
    render,
)

GUEST_CHECK = N_("GUEST CHECK")
RECEIPT = N_("RECEIPT")
REPRINT = N_("REPRINT")
NOT_A_RECEIPT = N_("For checking only. This is not a receipt.")
TEL = N_("Tel.")
TAX_ID = N_("Tax ID")
RECEIPT_NO = N_("Receipt No.")
BILL_NO = N_("Bill No.")
REVISION = N_("Revision")
BUSINESS_DAY = N_("Business day")
TABLE = N_("Table")
GUESTS = N_("Guests")
WAITER = N_("Waiter")
CASHIER = N_("Cashier")
OPENED = N_("Opened at")
PAID = N_("Paid at")
PRINTED = N_("Printed at")
ITEM = N_("Item")
QTY = N_("Qty")
PRICE = N_("Price")
AMOUNT = N_("Amount")
VOIDED = N_("VOIDED")
LINE_DISCOUNT = N_("Discount")
NOTE = N_("Note")
SUBTOTAL = N_("Subtotal")
INCL_OPTIONS = N_("incl. options")
DISCOUNTS = N_("Discounts")
SEAT_FEE = N_("Seat fee")
ROOM_FEE = N_("Room fee")
MINIMUM_TOPUP = N_("Minimum spend top-up")
SERVICE_CHARGE = N_("Service charge")
ROUNDING = N_("Rounding")
TOTAL = N_("TOTAL")
AMOUNT_DUE = N_("AMOUNT DUE")
PAYMENT = N_("Payment")
SIGNED_BY = N_("Signed by")
CHANGE = N_("Change")
INVOICE_REQUESTED = N_("Invoice requested")
MEMBER = N_("Member")
ITEM_COUNT = N_("Items")
PAGE_OF = N_("Page {page} of {pages}")


@dataclass(frozen=True)
class _Sizes:
    body: float
    small: float
    venue: float
    title: float
    total_label: float
    total: float


_SIZES = {
    Paper.ROLL_80: _Sizes(body=9, small=8, venue=14, title=15, total_label=13, total=16),
    Paper.ROLL_58: _Sizes(body=8, small=7, venue=12, title=13, total_label=11, total=13),
    Paper.A4: _Sizes(body=10, small=8.5, venue=18, title=16, total_label=14, total=18),
}


def render_check(doc: CheckDocument, paper: Paper = Paper.ROLL_80) -> bytes:
    """The guest check or receipt ``doc`` as PDF bytes."""
    lang = language(doc.language)
    sheet = SHEETS[paper]
    sizes = _SIZES[paper]
    flow = Flow(sheet.content_width)
    title = lang.gettext(GUEST_CHECK if doc.kind is CheckKind.GUEST_CHECK else RECEIPT)
    _header(flow, doc, lang, sizes, title)
    _particulars(flow, doc, lang, sizes, paper)
    if paper is Paper.A4:
        _lines_table(flow, doc, lang, sizes)
    else:
        _lines_roll(flow, doc, lang, sizes)
    # on A4 the sums sit in the right half, under the amounts
    sums = flow.column(flow.width * 0.45, flow.width * 0.55) if paper is Paper.A4 else flow
    _totals(sums, doc, lang, sizes, paper)
    _payment(sums, doc, lang, sizes)
    _footer(flow, doc, lang, sizes)
    number = _number(doc)

    def page_numbers(canvas, page, page_no: int, pages: int) -> None:
        if not page.is_roll:
            text = lang.gettext(PAGE_OF).format(page=page_no, pages=pages)
            page_footer(canvas, page, f"{title} {number}", text, sizes.small)

    return render(
        flow,
        sheet,
        title=f"{title} {number}",
        decorate=page_numbers,
        footer_height=line_height(sizes.small) * 2,
    )


def _number(doc: CheckDocument) -> str:
    """The receipt number as the back office finds it: business day and the day's number."""
    if doc.receipt_no is None:
        return f"#{doc.bill_id}"
    return receipt_number(doc.business_day, doc.receipt_no)


def _header(flow: Flow, doc: CheckDocument, lang: Language, sizes: _Sizes, title: str) -> None:
    venue = doc.venue
    flow.paragraph(venue.name, sizes.venue, align=Align.CENTER, bold=True)
    if venue.address:
        flow.paragraph(venue.address, sizes.small, align=Align.CENTER)
    if venue.phone:
        flow.paragraph(labelled(lang, TEL, venue.phone), sizes.small, align=Align.CENTER)
    if venue.tax_id:
        flow.paragraph(labelled(lang, TAX_ID, venue.tax_id), sizes.small, align=Align.CENTER)
    flow.space(4)
    if doc.reprint_at is not None:
        mark = f"{lang.gettext(REPRINT)}  {lang.datetime(doc.reprint_at)}"
        flow.banner(mark, sizes.title - 2, inverted=True)
    flow.banner(title, sizes.title, boxed=doc.kind is CheckKind.RECEIPT)


def _particulars(
    flow: Flow, doc: CheckDocument, lang: Language, sizes: _Sizes, paper: Paper
) -> None:
    """Who, where and when, as label: value pairs, two to a row where there is room."""
    pairs: list[tuple[str, str]] = []
    if doc.kind is CheckKind.RECEIPT and doc.receipt_no is not None:
        pairs.append((RECEIPT_NO, _number(doc)))
        if doc.business_day is not None:
            pairs.append((BUSINESS_DAY, lang.date(doc.business_day)))
    else:
        pairs.append((BILL_NO, str(doc.bill_id)))
    if doc.revision > 1:
        pairs.append((REVISION, lang.number(doc.revision)))
    pairs += [
        (TABLE, doc.table),
        (GUESTS, lang.number(doc.guests)),
        (WAITER, doc.waiter),
        (CASHIER, doc.cashier),
        (OPENED, lang.datetime(doc.opened_at)),
    ]
    if doc.kind is CheckKind.RECEIPT:
        pairs.append((PAID, lang.datetime(doc.closed_at or doc.printed_at)))
    else:
        pairs.append((PRINTED, lang.datetime(doc.printed_at)))
    texts = [labelled(lang, label, value) for label, value in pairs if value]
    flow.rule(dash=True)
    per_row = 3 if paper is Paper.A4 else 2
    width = flow.width / per_row
    row: list[str] = []

    def flush() -> None:
        if row:
            cells = row + [""] * (per_row - len(row))
            flow.columns(cells, [width] * per_row, [Align.LEFT] * per_row, sizes.body, pad=0.0)
            row.clear()

    for text in texts:
        if text_width(printable(text), sizes.body) > width - sizes.body:
            flush()  # too long to share a row: it gets one of its own
            flow.paragraph(text, sizes.body)
            continue
        row.append(text)
        if len(row) == per_row:
            flush()
    flush()


def _quantity_price(line: CheckLine, lang: Language) -> str:
    return f"{lang.quantity(line.quantity_milli, line.unit)} × {lang.money(line.unit_price_fen)}"


def _option_text(name: str, surcharge: int, lang: Language) -> str:
    if surcharge:
        sign = "+" if surcharge > 0 else ""
        return f"+ {name} ({sign}{lang.money(surcharge)})"
    return f"+ {name}"


def _shown_lines(doc: CheckDocument) -> tuple[CheckLine, ...]:
    """Voided lines stay on the guest check, struck; the receipt lists what was paid for."""
    if doc.kind is CheckKind.RECEIPT:
        return tuple(line for line in doc.lines if not line.voided)
    return doc.lines


def _lines_roll(flow: Flow, doc: CheckDocument, lang: Language, sizes: _Sizes) -> None:
    """Rolls: the dish name on its own line (wrapped), then quantity × unit price and the
    line's amount as the document gives it; options, discount and note below, so that the
    amounts column adds up to the subtotal and the discounts are summed under it."""
    flow.rule(dash=True)
    flow.pair(lang.gettext(ITEM), lang.gettext(AMOUNT), sizes.small)
    flow.rule(width=0.4, gap=1.5)
    indent = sizes.body * 1.2
    voided = lang.gettext(VOIDED)
    for line in _shown_lines(doc):
        flow.paragraph(line.name, sizes.body, bold=True, strike=line.voided)
        amount = voided if line.voided else lang.money(line.amount_fen)
        flow.pair(
            _quantity_price(line, lang),
            amount,
            sizes.body,
            indent=indent,
            strike=line.voided,
            right_bold=line.voided,
        )
        for text in _details(line, lang):
            flow.paragraph(text, sizes.small, indent=indent)
        flow.space(1.5)


def _details(line: CheckLine, lang: Language) -> list[str]:
    """What is printed under a dish: its options, its discount and its note."""
    texts = [_option_text(name, surcharge, lang) for name, surcharge in line.options]
    if line.discount_fen:
        texts.append(f"{lang.gettext(LINE_DISCOUNT)} -{lang.money(line.discount_fen)}")
    if line.note:
        texts.append(labelled(lang, NOTE, line.note))
    return texts


def _lines_table(flow: Flow, doc: CheckDocument, lang: Language, sizes: _Sizes) -> None:
    """A4: item, quantity, unit price, amount in columns; the header repeats on each page."""
    numbers = sizes.body * 8.5
    widths = [flow.width - 3 * numbers, numbers, numbers, numbers]
    aligns = [Align.LEFT, Align.RIGHT, Align.RIGHT, Align.RIGHT]
    detail_widths = [sizes.body * 1.5, widths[0] - sizes.body * 1.5, *widths[1:]]
    detail_aligns = [Align.LEFT, *aligns]
    flow.space(6)
    header = flow.columns(
        [lang.gettext(ITEM), lang.gettext(QTY), lang.gettext(PRICE), lang.gettext(AMOUNT)],
        widths,
        aligns,
        sizes.body,
        bold=True,
        shade=0.85,
        pad=4.0,
    )
    voided = lang.gettext(VOIDED)
    for index, line in enumerate(_shown_lines(doc)):
        shade = 0.95 if index % 2 else None
        cells = [
            line.name,
            lang.quantity(line.quantity_milli, line.unit),
            lang.money(line.unit_price_fen),
            lang.money(line.amount_fen),
        ]
        if line.voided:
            cells[3] = voided
        row = flow.columns(
            cells,
            widths,
            aligns,
            sizes.body,
            shade=shade,
            pad=4.0,
            bold=(False, False, False, line.voided),
            strike=(line.voided, line.voided, line.voided, False),
        )
        row.repeat = header
        for text in _details(line, lang):
            detail = flow.columns(
                ["", text, "", "", ""],
                detail_widths,
                detail_aligns,
                sizes.small,
                shade=shade,
                pad=4.0,
            )
            detail.repeat = header
    flow.rule(width=0.8, gap=2.0)


def _totals(flow: Flow, doc: CheckDocument, lang: Language, sizes: _Sizes, paper: Paper) -> None:
    """Every part of the bill; each line only when it is not zero, subtotal always."""
    first = len(flow.blocks)
    if paper is Paper.A4:
        flow.space(3)
    else:
        flow.rule(dash=True)
    count = sum(1 for line in doc.lines if not line.voided)
    parts: list[tuple[str, int, bool]] = [(SUBTOTAL, doc.items_fen, False)]
    parts += [
        (INCL_OPTIONS, doc.options_fen, True),
        (DISCOUNTS, -doc.discount_fen, False),
        (SEAT_FEE, doc.seat_fee_fen, False),
        (ROOM_FEE, doc.room_fee_fen, False),
        (MINIMUM_TOPUP, doc.minimum_topup_fen, False),
        (SERVICE_CHARGE, doc.service_charge_fen, False),
        (ROUNDING, doc.rounding_fen, False),
    ]
    flow.pair(labelled(lang, ITEM_COUNT, lang.number(count)), "", sizes.small)
    for index, (label, fen, detail) in enumerate(parts):
        if fen == 0 and index > 0:
            continue
        size = sizes.small if detail else sizes.body
        flow.pair(lang.gettext(label), lang.money(fen), size, indent=size if detail else 0)
    flow.rule(width=1.2, gap=2.5)
    total = AMOUNT_DUE if doc.kind is CheckKind.GUEST_CHECK else TOTAL
    flow.pair(
        lang.gettext(total),
        lang.money(doc.total_fen),
        sizes.total_label,
        bold=True,
        right_size=sizes.total,
    )
    for block in flow.blocks[first:]:  # the sums are not split over two pages
        block.keep_with_next = True
    flow.rule(width=1.2, gap=2.5)


def _payment(flow: Flow, doc: CheckDocument, lang: Language, sizes: _Sizes) -> None:
    if not (doc.tenders or doc.change_fen or doc.invoice_requested or doc.member):
        return
    if doc.tenders:
        flow.paragraph(lang.gettext(PAYMENT), sizes.small)
    for tender in doc.tenders:
        flow.pair(tender.method, lang.money(tender.amount_fen), sizes.body)
        if tender.signer:
            signed = labelled(lang, SIGNED_BY, tender.signer)
            flow.paragraph(signed, sizes.small, indent=sizes.body)
    if doc.change_fen:
        flow.pair(lang.gettext(CHANGE), lang.money(doc.change_fen), sizes.body, bold=True)
    if doc.member:
        flow.paragraph(labelled(lang, MEMBER, doc.member), sizes.body)
    if doc.invoice_requested:
        flow.paragraph(lang.gettext(INVOICE_REQUESTED), sizes.body, bold=True)
    flow.rule(dash=True)


def _footer(flow: Flow, doc: CheckDocument, lang: Language, sizes: _Sizes) -> None:
    flow.space(2)
    if doc.kind is CheckKind.GUEST_CHECK:
        flow.paragraph(lang.gettext(NOT_A_RECEIPT), sizes.small, align=Align.CENTER)
    if doc.venue.footer:
        flow.paragraph(doc.venue.footer, sizes.body, align=Align.CENTER)
    if doc.reprint_at is not None:
        mark = f"{lang.gettext(REPRINT)}  {lang.datetime(doc.reprint_at)}"
        flow.paragraph(mark, sizes.small, align=Align.CENTER, bold=True)
