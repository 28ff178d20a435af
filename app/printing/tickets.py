"""Kitchen tickets: what one station is told at one moment, readable at arm's length —
the kind of ticket and the table in large type, then each dish with its options and
notes; voids and hurries on a black bar so nobody misses them."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import N_
from app.i18n import Language
from app.printing.documents import KitchenTicketDocument, Paper, TicketKind, TicketLine
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

KIND_TITLES: dict[TicketKind, str] = {
    TicketKind.ORDER: N_("ORDER"),
    TicketKind.ADDON: N_("ADD-ON"),
    TicketKind.FIRE: N_("FIRE"),
    TicketKind.HURRY: N_("HURRY"),
    TicketKind.VOID: N_("VOID"),
    TicketKind.TRANSFER: N_("TRANSFER"),
}
LOUD_KINDS = frozenset({TicketKind.HURRY, TicketKind.VOID})

TABLE = N_("Table")
GUESTS = N_("Guests")
WAITER = N_("Waiter")
TIME = N_("Time")
HOLD = N_("HOLD")
NOTE = N_("Note")
REASON = N_("Reason")
MOVED_FROM = N_("Moved from")
REPRINT = N_("REPRINT")
ITEM_COUNT = N_("Items")
PAGE_OF = N_("Page {page} of {pages}")

NOTE_LABELS = {TicketKind.VOID: REASON, TicketKind.TRANSFER: MOVED_FROM}


@dataclass(frozen=True)
class _Sizes:
    station: float
    kind: float
    table: float
    info: float
    line: float
    detail: float


_SIZES = {
    Paper.ROLL_80: _Sizes(station=12, kind=24, table=30, info=10, line=16, detail=12),
    Paper.ROLL_58: _Sizes(station=11, kind=20, table=24, info=9, line=14, detail=11),
    Paper.A4: _Sizes(station=14, kind=28, table=36, info=12, line=18, detail=14),
}


def render_kitchen_ticket(doc: KitchenTicketDocument, paper: Paper = Paper.ROLL_80) -> bytes:
    """The kitchen ticket ``doc`` as PDF bytes."""
    lang = language(doc.language)
    sheet = SHEETS[paper]
    sizes = _SIZES[paper]
    flow = Flow(sheet.content_width)
    kind = lang.gettext(KIND_TITLES[doc.kind])
    number = _number(doc)
    _header(flow, doc, lang, sizes, kind, number)
    _lines(flow, doc, lang, sizes)
    _closing(flow, doc, lang, sizes)

    def page_numbers(canvas, page, page_no: int, pages: int) -> None:
        if not page.is_roll:
            text = lang.gettext(PAGE_OF).format(page=page_no, pages=pages)
            page_footer(canvas, page, f"{doc.station} {kind} {number}", text, sizes.detail)

    return render(
        flow,
        sheet,
        title=f"{doc.station} {kind} {number}",
        decorate=page_numbers,
        footer_height=line_height(sizes.detail) * 2,
    )


def _header(
    flow: Flow,
    doc: KitchenTicketDocument,
    lang: Language,
    sizes: _Sizes,
    kind: str,
    number: str,
) -> None:
    flow.pair(doc.station, number, sizes.station, bold=True)
    if doc.reprint_at is not None:
        mark = f"{lang.gettext(REPRINT)}  {lang.time(doc.reprint_at)}"
        flow.banner(mark, sizes.station, boxed=True)
    flow.banner(kind, sizes.kind, inverted=doc.kind in LOUD_KINDS, boxed=True)
    flow.space(2)
    flow.paragraph(lang.gettext(TABLE), sizes.info)
    flow.paragraph(doc.table, sizes.table, bold=True)
    flow.pair(
        labelled(lang, WAITER, doc.waiter),
        labelled(lang, GUESTS, lang.number(doc.guests)),
        sizes.info,
    )
    flow.pair(labelled(lang, TIME, lang.datetime(doc.created_at)), "", sizes.info, bold=True)
    if doc.note and doc.kind in NOTE_LABELS:  # why the kitchen gets this ticket: say it first
        label = NOTE_LABELS[doc.kind]
        flow.banner(labelled(lang, label, doc.note), sizes.detail, boxed=True, align=Align.LEFT)
    flow.rule(width=1.5, gap=3.0)


def _quantity(line: TicketLine, lang: Language) -> str:
    return lang.quantity(line.quantity_milli, line.unit)


def _lines(flow: Flow, doc: KitchenTicketDocument, lang: Language, sizes: _Sizes) -> None:
    """Each dish: the quantity in its own column, the name wrapped beside it, and below
    the name its options, its note and whether it waits to be called (叫起)."""
    quantities = [printable(_quantity(line, lang)) for line in doc.lines]
    widest = max((text_width(text, sizes.line) for text in quantities), default=0.0)
    qty_width = min(widest + sizes.line * 0.6, flow.width * 0.4)
    body = flow.column(qty_width, flow.width - qty_width)
    for index, (line, quantity) in enumerate(zip(doc.lines, quantities, strict=True)):
        if index:
            flow.rule(dash=True, gap=2.5)
        flow.columns(
            [quantity, line.name],
            [qty_width, flow.width - qty_width],
            [Align.LEFT, Align.LEFT],
            sizes.line,
            bold=True,
            pad=0.0,
        )
        if line.options:
            separator = "、" if lang.is_chinese else ", "
            body.paragraph("+ " + separator.join(line.options), sizes.detail)
        if line.note:
            body.paragraph(labelled(lang, NOTE, line.note), sizes.detail)
        if line.held:
            body.banner(lang.gettext(HOLD), sizes.detail, inverted=True, tag=True)


def _closing(flow: Flow, doc: KitchenTicketDocument, lang: Language, sizes: _Sizes) -> None:
    flow.rule(width=1.5, gap=3.0)
    if doc.note and doc.kind not in NOTE_LABELS:
        flow.paragraph(labelled(lang, NOTE, doc.note), sizes.detail, bold=True)
    count = lang.number(len(doc.lines))
    flow.pair(labelled(lang, ITEM_COUNT, count), f"{doc.table}  {_number(doc)}", sizes.info)
    if doc.reprint_at is not None:
        mark = f"{lang.gettext(REPRINT)}  {lang.datetime(doc.reprint_at)}"
        flow.paragraph(mark, sizes.info, bold=True, align=Align.CENTER)


def _number(doc: KitchenTicketDocument) -> str:
    return f"#{doc.ticket_id}"
