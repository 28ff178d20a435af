"""The shift summary / day report a manager reads every night: headline figures first,
then one table per topic (tenders, voids, top dishes, per waiter, per hour …)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.errors import N_
from app.i18n import Language
from app.printing.documents import Paper, ShiftSummaryDocument, SummaryRow, SummaryTable
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
    stack,
)

PERIOD = N_("Period")
PRINTED = N_("Printed at")
NOTHING_RECORDED = N_("Nothing recorded")
PAGE_OF = N_("Page {page} of {pages}")
CONTINUED = N_("{title} (continued)")

HEADER_SHADE = 0.82
ZEBRA_SHADE = 0.94

# A figure: an optional sign, currency, digits with separators, an optional % or unit
_NUMERIC = re.compile(r"^[\s+\-−(]*(CN)?[¥$€]?\s*[\d][\d.,:\s]*\s*%?\)?$")


@dataclass(frozen=True)
class _Sizes:
    venue: float
    title: float
    period: float
    figure: float
    heading: float
    cell: float
    small: float


_SIZES = {
    Paper.A4: _Sizes(venue=11, title=20, period=11, figure=11, heading=13, cell=9.5, small=8),
    Paper.ROLL_80: _Sizes(venue=10, title=15, period=9, figure=9, heading=11, cell=8, small=7),
    Paper.ROLL_58: _Sizes(venue=9, title=13, period=8, figure=8, heading=10, cell=7, small=6.5),
}


def render_shift_summary(doc: ShiftSummaryDocument, paper: Paper = Paper.A4) -> bytes:
    """The shift summary ``doc`` as PDF bytes."""
    lang = language(doc.language)
    sheet = SHEETS[paper]
    sizes = _SIZES[paper]
    flow = Flow(sheet.content_width)
    _header(flow, doc, lang, sizes)
    _figures(flow, doc.figures, sizes, per_row=2 if paper is Paper.A4 else 1)
    for table in doc.tables:
        _table(flow, table, lang, sizes)

    def page_numbers(canvas, page, page_no: int, pages: int) -> None:
        if not page.is_roll:
            text = lang.gettext(PAGE_OF).format(page=page_no, pages=pages)
            page_footer(canvas, page, f"{doc.venue.name} · {doc.title}", text, sizes.small)

    return render(
        flow,
        sheet,
        title=doc.title,
        decorate=page_numbers,
        footer_height=line_height(sizes.small) * 2,
    )


def _header(flow: Flow, doc: ShiftSummaryDocument, lang: Language, sizes: _Sizes) -> None:
    printed = labelled(lang, PRINTED, lang.datetime(doc.printed_at))
    if flow.width > 300:
        flow.pair(doc.venue.name, printed, sizes.venue)
    else:
        flow.paragraph(doc.venue.name, sizes.venue)
        flow.paragraph(printed, sizes.venue)
    flow.space(2)
    flow.paragraph(doc.title, sizes.title, bold=True)
    if doc.period:
        flow.paragraph(labelled(lang, PERIOD, doc.period), sizes.period)
    flow.rule(width=1.5, gap=4.0)


def _figures(flow: Flow, figures: Sequence[SummaryRow], sizes: _Sizes, per_row: int) -> None:
    """Headline figures as label / value pairs, ``per_row`` pairs side by side."""
    if not figures:
        return
    gutter = sizes.figure * 2 if per_row > 1 else 0.0
    pair_width = (flow.width - gutter * (per_row - 1)) / per_row
    for start in range(0, len(figures), per_row):
        row = figures[start : start + per_row]
        cells: list[str] = []
        widths: list[float] = []
        aligns: list[Align] = []
        bolds: list[bool] = []
        for index, figure in enumerate(row):
            value_width = min(text_width(printable(figure.value), sizes.figure) + 8, pair_width / 2)
            cells += [figure.label, figure.value]
            widths += [pair_width - value_width, value_width]
            aligns += [Align.LEFT, Align.RIGHT]
            bolds += [False, True]
            if index < per_row - 1:
                cells.append("")
                widths.append(gutter)
                aligns.append(Align.LEFT)
                bolds.append(False)
        shade = ZEBRA_SHADE if (start // per_row) % 2 == 0 else None
        flow.columns(cells, widths, aligns, sizes.figure, bold=bolds, shade=shade, pad=3.0)
    flow.space(sizes.figure)


def _is_number(text: str) -> bool:
    return bool(_NUMERIC.match(text))


def _column_widths(
    table: SummaryTable, numeric: Sequence[bool], size: float, available: float, pad: float
) -> list[float] | None:
    """Figures get what they need; text columns share the rest and wrap when they must."""
    count = len(table.columns)
    natural = [text_width(printable(title), size) + 2 * pad + 1 for title in table.columns]
    for row in table.rows:
        for index, cell in enumerate(row[:count]):
            natural[index] = max(natural[index], text_width(printable(cell), size) + 2 * pad + 1)
    text_columns = {index for index in range(count) if not numeric[index]} or set(range(count))
    spare = available - sum(natural)
    if spare >= 0:  # room to spare: widen the text columns
        text_total = sum(natural[index] for index in text_columns)
        return [
            width + (spare * width / text_total if index in text_columns else 0.0)
            for index, width in enumerate(natural)
        ]
    # Too wide: figures keep their width, short texts too; the longest texts share the
    # rest and wrap (like a browser's automatic table layout).
    widths = [0.0 if index in text_columns else natural[index] for index in range(count)]
    left = available - sum(widths)
    waiting = sorted(text_columns, key=lambda index: natural[index])
    while waiting:
        fair = left / len(waiting)
        index = waiting[0]
        if natural[index] > fair:
            break
        widths[index] = natural[index]
        left -= natural[index]
        waiting.pop(0)
    waiting_total = sum(natural[index] for index in waiting)
    for index in waiting:
        widths[index] = max(left * natural[index] / waiting_total, size * 4 + 2 * pad)
    if sum(widths) > available:  # not even the figures fit: no table at all
        return None
    return widths


def _cards(
    flow: Flow,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    lang: Language,
    sizes: _Sizes,
) -> None:
    """A table too wide for a roll: each row as its first cell over label / value pairs."""
    for index, row in enumerate(rows):
        if index:
            flow.rule(dash=True, gap=1.5)
        flow.paragraph(row[0], sizes.cell, bold=True)
        for title, cell in zip(columns[1:], row[1:], strict=True):
            if text_width(printable(cell), sizes.cell) < flow.width * 0.5:
                flow.pair(title, cell, sizes.cell, indent=sizes.cell)
            elif cell:
                flow.paragraph(labelled(lang, title, cell), sizes.cell, indent=sizes.cell)
    flow.rule(width=0.8, gap=1.5)


def _table(flow: Flow, table: SummaryTable, lang: Language, sizes: _Sizes) -> None:
    """A titled table: a shaded header row repeated on every page it runs onto, zebra
    rows, figures right-aligned."""
    flow.space(sizes.heading * 0.6)
    flow.paragraph(table.title, sizes.heading, bold=True, keep_with_next=True)
    flow.space(2, keep_with_next=True)
    count = len(table.columns)
    if not count:
        return
    rows = [tuple(row[:count]) + ("",) * (count - len(row)) for row in table.rows]
    numeric = [
        any(row[index] for row in rows)
        and all(_is_number(row[index]) for row in rows if row[index])
        for index in range(count)
    ]
    pad = 4.0
    widths = _column_widths(
        SummaryTable(table.title, table.columns, tuple(rows)),
        numeric,
        sizes.cell,
        flow.width,
        pad,
    )
    if widths is None:
        _cards(flow, table.columns, rows, lang, sizes)
        return
    aligns = [Align.RIGHT if is_number else Align.LEFT for is_number in numeric]
    header = flow.columns(
        table.columns, widths, aligns, sizes.cell, bold=True, shade=HEADER_SHADE, pad=pad
    )
    header.keep_with_next = True
    # on the next page the table goes on under its title, marked as continued
    aside = Flow(flow.width)
    aside.paragraph(
        lang.gettext(CONTINUED).format(title=table.title), sizes.heading * 0.85, bold=True
    )
    running = stack([*aside.blocks, header])
    if not rows:
        empty = flow.columns(
            [lang.gettext(NOTHING_RECORDED)] + [""] * (count - 1),
            widths,
            [Align.LEFT] * count,
            sizes.cell,
            pad=pad,
        )
        empty.repeat = running
    for index, row in enumerate(rows):
        shade = ZEBRA_SHADE if index % 2 else None
        block = flow.columns(row, widths, aligns, sizes.cell, shade=shade, pad=pad)
        block.repeat = running
    flow.rule(width=0.8, gap=1.5)
