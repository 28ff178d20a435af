"""A small layout engine shared by the renderers: content is laid out first into blocks
(measured, wrapped, positioned), then either stacked on one roll page exactly as tall as
they are, or paginated onto A4 sheets. Plain canvas drawing: fast enough to print a
receipt in a few milliseconds."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.domain.errors import N_
from app.i18n import DEFAULT_LANGUAGE, Language
from app.printing.documents import Paper
from app.printing.fonts import drawing_lock, fit, printable, register_font, text_width, wrap

ASCENT = 0.78  # of the font size: the font's ascender, from the top of the glyphs
LEADING = 1.32  # line height as a multiple of the font size (CJK needs air)
BOLD_STROKE = 0.03  # of the font size: the outline that makes the one weight look bold


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


# -- what a block draws, relative to its own top-left corner, y growing downwards -----------


@dataclass(frozen=True, slots=True)
class Text:
    x: float
    baseline: float
    text: str
    size: float
    bold: bool = False
    white: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.6
    dash: tuple[float, ...] = ()
    gray: float = 0.0


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: float | None = 0.0  # gray level; None for an outline only
    stroke: float = 0.0  # outline width; 0 for none


Op = Text | Line | Box


@dataclass
class Block:
    """Something that stays together on one page."""

    height: float
    ops: list[Op] = field(default_factory=list)
    keep_with_next: bool = False
    repeat: Block | None = None  # drawn first when this block starts a new page


# -- paper -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    width: float
    height: float | None  # None: a roll, as tall as its content
    left: float
    right: float
    top: float
    bottom: float

    @property
    def content_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def is_roll(self) -> bool:
        return self.height is None


SHEETS: dict[Paper, Sheet] = {
    # 80 mm rolls print 72 mm (576 dots), 58 mm rolls 48 mm (384 dots)
    Paper.ROLL_80: Sheet(80 * mm, None, 4 * mm, 4 * mm, 4 * mm, 8 * mm),
    Paper.ROLL_58: Sheet(58 * mm, None, 5 * mm, 5 * mm, 4 * mm, 8 * mm),
    Paper.A4: Sheet(A4[0], A4[1], 18 * mm, 18 * mm, 15 * mm, 20 * mm),
}


# -- building blocks -------------------------------------------------------------------------


def line_height(size: float) -> float:
    return size * LEADING


def _baseline(size: float) -> float:
    """From the top of a line to its baseline: half the leading above the glyphs."""
    return ((LEADING - 1) / 2 + ASCENT) * size


def _aligned_x(text: str, size: float, x: float, width: float, align: Align) -> float:
    if align is Align.LEFT:
        return x
    spare = width - text_width(text, size)
    return x + (spare if align is Align.RIGHT else spare / 2)


class Flow:
    """Content laid out top to bottom in a column ``width`` points wide."""

    def __init__(self, width: float, *, x: float = 0.0, blocks: list[Block] | None = None):
        self.width = width
        self.x = x
        self.blocks: list[Block] = [] if blocks is None else blocks

    def column(self, x: float, width: float) -> Flow:
        """A narrower column of this flow, ``x`` points in: what it lays out joins this
        flow's blocks."""
        return Flow(width, x=self.x + x, blocks=self.blocks)

    def add(self, block: Block) -> Block:
        if self.x:
            block.ops = [_shifted(op, self.x) for op in block.ops]
        self.blocks.append(block)
        return block

    def space(self, height: float, *, keep_with_next: bool = False) -> None:
        self.add(Block(height, keep_with_next=keep_with_next))

    def rule(self, *, dash: bool = False, width: float = 0.6, gap: float = 3.0) -> Block:
        pattern = (2.0, 2.0) if dash else ()
        return self.add(Block(2 * gap, [Line(0, gap, self.width, gap, width, pattern)]))

    def paragraph(
        self,
        text: str,
        size: float,
        *,
        align: Align = Align.LEFT,
        bold: bool = False,
        indent: float = 0.0,
        strike: bool = False,
        keep_with_next: bool = False,
    ) -> Block:
        """Wrapped text; each line of it aligned within the column (after ``indent``)."""
        block = Block(0.0, keep_with_next=keep_with_next)
        width = self.width - indent
        for line in wrap(text, size, width):
            block.ops.extend(
                _text_line(line, size, indent, block.height, width, align, bold, strike)
            )
            block.height += line_height(size)
        return self.add(block)

    def pair(
        self,
        left: str,
        right: str,
        size: float,
        *,
        bold: bool = False,
        indent: float = 0.0,
        right_size: float | None = None,
        right_bold: bool = False,
        strike: bool = False,
        keep_with_next: bool = False,
    ) -> Block:
        """A label wrapped on the left and a value on the right of its first line (or on
        a line of its own when the value needs most of the width); ``strike`` crosses out
        the label only."""
        right_size = right_size or size
        right = printable(right)
        right_width = text_width(right, right_size) if right else 0.0
        left_width = self.width - indent - right_width - size * 0.8
        stacked = bool(right) and left_width < self.width * 0.35
        if stacked:  # the value leaves no room beside it: it goes on a line of its own
            left_width = self.width - indent
        left_lines = wrap(left, size, left_width) if left else [""]
        tall = size if stacked else max(size, right_size)
        block = Block(0.0, keep_with_next=keep_with_next)
        y = 0.0
        for index, line in enumerate(left_lines):
            height = line_height(tall if index == 0 else size)
            base = y + _baseline(tall if index == 0 else size)
            if line:
                block.ops.append(Text(indent, base, line, size, bold))
                if strike:
                    block.ops.append(_strike(indent, base, line, size))
            y += height
        if right:
            if stacked:
                for line in wrap(right, right_size, self.width - indent):
                    x = self.width - text_width(line, right_size)
                    base = y + _baseline(right_size)
                    block.ops.append(Text(x, base, line, right_size, bold or right_bold))
                    y += line_height(right_size)
            else:
                x = self.width - text_width(right, right_size)
                base = _baseline(tall)
                block.ops.append(Text(x, base, right, right_size, bold or right_bold))
        block.height = y
        return self.add(block)

    def banner(
        self,
        text: str,
        size: float,
        *,
        inverted: bool = False,
        boxed: bool = False,
        pad: float = 3.0,
        align: Align = Align.CENTER,
        tag: bool = False,
    ) -> Block:
        """A loud heading: white on a black bar, or in a frame; a ``tag`` is only as wide
        as its text."""
        lines = wrap(text, size, self.width - 2 * pad)
        width = self.width
        if tag:
            width = max(text_width(line, size) for line in lines) + 2 * pad
        height = len(lines) * line_height(size) + 2 * pad
        block = Block(height + 4.0)
        top = 2.0
        if inverted:
            block.ops.append(Box(0, top, width, height, fill=0.0))
        elif boxed:
            block.ops.append(Box(0, top, width, height, fill=None, stroke=1.6))
        y = top + pad
        for line in lines:
            x = _aligned_x(line, size, pad, width - 2 * pad, align)
            block.ops.append(Text(x, y + _baseline(size), line, size, True, inverted))
            y += line_height(size)
        return self.add(block)

    def columns(
        self,
        cells: Sequence[str],
        widths: Sequence[float],
        aligns: Sequence[Align],
        size: float,
        *,
        bold: bool | Sequence[bool] = False,
        shade: float | None = None,
        pad: float = 2.0,
        strike: bool | Sequence[bool] = False,
    ) -> Block:
        """One table row: each cell wrapped in its column; ``shade`` fills the row;
        ``bold`` and ``strike`` for the whole row or cell by cell."""
        bolds = [bold] * len(cells) if isinstance(bold, bool) else list(bold)
        strikes = [strike] * len(cells) if isinstance(strike, bool) else list(strike)
        wrapped = [
            wrap(cell, size, width - 2 * pad) if cell else []
            for cell, width in zip(cells, widths, strict=True)
        ]
        rows = max((len(lines) for lines in wrapped), default=0) or 1
        height = rows * line_height(size) + pad
        block = Block(height)
        if shade is not None:
            block.ops.append(Box(0, 0, sum(widths), height, fill=shade))
        x = 0.0
        columns = zip(wrapped, widths, aligns, bolds, strikes, strict=True)
        for lines, width, align, cell_bold, cell_strike in columns:
            for index, line in enumerate(lines):
                base = pad / 2 + index * line_height(size) + _baseline(size)
                tx = _aligned_x(line, size, x + pad, width - 2 * pad, align)
                block.ops.append(Text(tx, base, line, size, cell_bold))
                if cell_strike:
                    block.ops.append(_strike(tx, base, line, size))
            x += width
        return self.add(block)


def _text_line(
    line: str,
    size: float,
    x: float,
    top: float,
    width: float,
    align: Align,
    bold: bool,
    strike: bool,
) -> list[Op]:
    tx = _aligned_x(line, size, x, width, align)
    base = top + _baseline(size)
    ops: list[Op] = [Text(tx, base, line, size, bold)]
    if strike:
        ops.append(_strike(tx, base, line, size))
    return ops


def stack(blocks: Sequence[Block]) -> Block:
    """Blocks joined top to bottom into one (a running header made of several)."""
    joined = Block(0.0)
    for block in blocks:
        joined.ops.extend(_lowered(op, joined.height) for op in block.ops)
        joined.height += block.height
    return joined


def _shifted(op: Op, dx: float) -> Op:
    if isinstance(op, Line):
        return replace(op, x1=op.x1 + dx, x2=op.x2 + dx)
    return replace(op, x=op.x + dx)


def _lowered(op: Op, dy: float) -> Op:
    if isinstance(op, Text):
        return replace(op, baseline=op.baseline + dy)
    if isinstance(op, Line):
        return replace(op, y1=op.y1 + dy, y2=op.y2 + dy)
    return replace(op, y=op.y + dy)


def _strike(x: float, baseline: float, text: str, size: float) -> Line:
    y = baseline - size * 0.32
    return Line(x, y, x + text_width(text, size), y, max(0.7, size * 0.07))


# -- pages -----------------------------------------------------------------------------------

PageDecorator = Callable[[Canvas, Sheet, int, int], None]


def paginate(blocks: Sequence[Block], usable: float) -> list[list[Block]]:
    """Blocks onto pages ``usable`` points tall: a block that does not fit starts a page
    (after its running header), and a heading never ends a page."""
    pages: list[list[Block]] = [[]]
    used = 0.0
    for index, block in enumerate(blocks):
        need = block.height
        following = index
        while blocks[following].keep_with_next and following + 1 < len(blocks):
            following += 1
            need += blocks[following].height
        if used + need > usable and pages[-1]:
            pages.append([])
            used = 0.0
            if block.repeat is not None:
                pages[-1].append(block.repeat)
                used += block.repeat.height
            if block.height == 0 or (not block.ops and not block.repeat):
                continue  # no blank space at the top of a page
        pages[-1].append(block)
        used += block.height
    return pages


def render(
    flow: Flow,
    sheet: Sheet,
    *,
    title: str,
    decorate: PageDecorator | None = None,
    footer_height: float = 0.0,
) -> bytes:
    """Draw the laid-out ``flow`` on a roll as tall as its content, or on as many sheets as
    it needs; ``decorate`` adds page furniture (page numbers) to each page."""
    font = register_font()
    if sheet.is_roll:
        content = sum(block.height for block in flow.blocks)
        page_height = sheet.top + content + sheet.bottom
        pages = [list(flow.blocks)]
    else:
        assert sheet.height is not None
        page_height = sheet.height
        pages = paginate(flow.blocks, page_height - sheet.top - sheet.bottom - footer_height)
    buffer = io.BytesIO()
    with drawing_lock:
        canvas = Canvas(
            buffer,
            pagesize=(sheet.width, page_height),
            invariant=1,
            pageCompression=1,
            initialFontName=font,
            initialFontSize=9,
        )
        canvas.setTitle(printable(title))
        canvas.setAuthor("Xiaoer 店小二")
        canvas.setCreator("Xiaoer 店小二")
        canvas.setLineCap(0)
        for number, blocks in enumerate(pages, start=1):
            y = page_height - sheet.top
            for block in blocks:
                draw_ops(canvas, block.ops, sheet.left, y)
                y -= block.height
            if decorate is not None:
                decorate(canvas, sheet, number, len(pages))
            canvas.showPage()
        canvas.save()
    return buffer.getvalue()


def page_footer(canvas: Canvas, sheet: Sheet, left: str, right: str, size: float) -> None:
    """Page furniture at the foot of a sheet: what the document is, and page n of m."""
    canvas.setFont(register_font(), size)
    canvas.setFillGray(0.35)
    y = sheet.bottom * 0.55
    right = printable(right)
    right_width = text_width(right, size)
    canvas.drawString(sheet.left, y, fit(left, size, sheet.content_width - right_width - 20))
    canvas.drawString(sheet.width - sheet.right - right_width, y, right)
    canvas.setFillGray(0)


def draw_ops(canvas: Canvas, ops: Sequence[Op], left: float, top: float) -> None:
    """Draw ops whose coordinates run down from (``left``, ``top``) on the page."""
    font = register_font()
    for op in ops:
        if isinstance(op, Text):
            gray = 1.0 if op.white else 0.0
            canvas.setFillGray(gray)
            canvas.setFont(font, op.size)
            if op.bold:
                canvas.setStrokeGray(gray)
                canvas.setLineWidth(op.size * BOLD_STROKE)
                canvas.drawString(left + op.x, top - op.baseline, op.text, mode=2)
            else:
                canvas.drawString(left + op.x, top - op.baseline, op.text)
        elif isinstance(op, Line):
            canvas.setStrokeGray(op.gray)
            canvas.setLineWidth(op.width)
            canvas.setDash(list(op.dash) if op.dash else [])
            canvas.line(left + op.x1, top - op.y1, left + op.x2, top - op.y2)
            if op.dash:
                canvas.setDash([])
        else:
            if op.fill is not None:
                canvas.setFillGray(op.fill)
            canvas.setStrokeGray(0)
            canvas.setLineWidth(op.stroke)
            canvas.rect(
                left + op.x,
                top - op.y - op.height,
                op.width,
                op.height,
                stroke=1 if op.stroke else 0,
                fill=0 if op.fill is None else 1,
            )
    canvas.setFillGray(0)


# -- language --------------------------------------------------------------------------------

LABELLED = N_("{label}: {value}")


@lru_cache(maxsize=8)
def language(code: str) -> Language:
    """The document's language, loaded once per process (loading reads the catalog)."""
    return Language(code or DEFAULT_LANGUAGE)


def labelled(lang: Language, label: str, value: str) -> str:
    """``Table: A12`` / ``桌号：A12`` — the label translated, the value as given."""
    return lang.gettext(LABELLED).format(label=lang.gettext(label), value=value)
