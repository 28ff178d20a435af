"""Shifts 交班: one cash drawer on one terminal, from the opening float counted note by note
to the count at close.

While a shift is open the drawer should hold what the float, the cash in and out and the
cash taken for its bills add up to (``drawer_expected``); the X report shows that at any
time. Closing counts the drawer: the difference (over/short) beyond the venue's tolerance
needs a note and a manager; bills still open are listed and must be settled first or
carried over to a later shift; the shift gets the next Z number of the venue (no gaps) and
its handover slip 交班单 is queued for the counter printer — all in one transaction.

A bill counts in the shift it was settled in (``Bill.shift_id``). When a paid receipt is
reopened (反结账) and its new revision settled, the shift of the new revision gives back
what the earlier revision took, so every revision's money counts once, in the drawer that
saw it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.billing import TENDER_LABELS, TenderMethod
from app.domain.errors import (
    N_,
    Amount,
    AuthorisationError,
    InvalidInput,
    NotAllowed,
    NotFound,
)
from app.domain.money import Fen
from app.domain.text import NOTE_MAX, REASON_MAX, clean_text
from app.domain.timing import business_day
from app.i18n import Language
from app.printing.documents import (
    Paper,
    ShiftSummaryDocument,
    SummaryRow,
    SummaryTable,
    VenueHeader,
)
from app.services.audit import record
from app.services.bills import BillStatus, bill_parts, venue_of
from app.services.context import Changes, Context
from app.services.documents import venue_header
from app.services.print_queue import RECEIPT_PURPOSE, JobStatus, this_terminal
from app.services.staff import Approval, require_approval
from db.models import Bill, CashMovement, DiningTable, PrintJob, Shift, Staff, TenderRow

DENOMINATIONS: tuple[Fen, ...] = (10000, 5000, 2000, 1000, 500, 100, 50, 10)
"""The notes and coins counted in a drawer, largest first: ¥100 50 20 10 5 1 0.5 0.1."""

COUNT_MAX = 99_999  # pieces of one denomination: more is a slip of the finger
MOVEMENT_MAX: Fen = 10_000_000  # ¥100,000 in or out at once
TERMINAL_MAX = 60
HANDOVER_SLIP = "handover_slip"  # the print job kind of the 交班单 (JobKind.HANDOVER_SLIP)

X_REPORT_TITLE = N_("X report · {terminal}")
Z_REPORT_TITLE = N_("Handover slip Z-{number}")


class ShiftStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class MovementKind(StrEnum):
    IN = "in"  # 存入: change from the bank, a float top-up
    OUT = "out"  # 取出: a supplier paid in cash, takings to the safe


MOVEMENT_LABELS = {MovementKind.IN: N_("Cash in"), MovementKind.OUT: N_("Cash out")}


# ---------------------------------------------------------------- counting


def count_total(counted: Mapping[int, int]) -> Fen:
    """What a count by denomination adds up to, in fen."""
    return sum(denomination * count for denomination, count in counted.items())


def clean_count(counted: Mapping[int, int]) -> dict[Fen, int]:
    """A count by denomination, every denomination present (0 when not counted); refuses
    unknown denominations and impossible counts."""
    clean = dict.fromkeys(DENOMINATIONS, 0)
    for denomination, count in counted.items():
        if denomination not in clean:
            raise InvalidInput(
                N_("{amount} is not a note or coin the drawer holds."),
                amount=Amount(denomination),
            )
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= COUNT_MAX:
            raise InvalidInput(N_("A count is a whole number from 0 to {limit}."), limit=COUNT_MAX)
        clean[denomination] = count
    return clean


def _counts_json(counted: Mapping[int, int]) -> str:
    return json.dumps({str(d): c for d, c in counted.items()}, sort_keys=False)


def _counts_of(text: str) -> dict[Fen, int]:
    stored = json.loads(text or "{}")
    return {d: int(stored.get(str(d), 0)) for d in DENOMINATIONS}


# ---------------------------------------------------------------- what screens read


@dataclass(frozen=True)
class ShiftChanges(Changes):
    """``Changes`` of a shift action: which shift, and the Z number it got at close."""

    shift_id: int | None = None
    z_no: int | None = None
    print_job_id: int | None = None


@dataclass(frozen=True)
class MovementView:
    movement_id: int
    kind: MovementKind
    amount_fen: Fen
    reason: str
    staff: str
    at: datetime


@dataclass(frozen=True)
class ShiftView:
    """A shift as the drawer screen and the slip show it; closing figures are None while
    it is open."""

    shift_id: int
    terminal: str
    status: ShiftStatus
    business_day: date
    opened_at: datetime
    opened_by: str
    float_fen: Fen
    float_counts: dict[Fen, int]
    movements: tuple[MovementView, ...]
    closed_at: datetime | None = None
    closed_by: str = ""
    expected_fen: Fen | None = None
    counted_fen: Fen | None = None
    counted_counts: dict[Fen, int] | None = None
    over_short_fen: Fen | None = None  # counted − expected: over > 0, short < 0
    note: str = ""
    approved_by: str = ""
    approval_reason: str = ""
    carried_over: tuple[int, ...] = ()  # bills left open at close
    z_no: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status is ShiftStatus.OPEN


@dataclass(frozen=True)
class DrawerFigures:
    """How the cash in the drawer comes about: expected = float + cash in − cash out +
    cash taken − change given − cash given back for reopened receipts."""

    float_fen: Fen
    cash_taken_fen: Fen  # Σ cash tenders of the shift's bills
    change_fen: Fen
    given_back_fen: Fen  # the cash earlier revisions of reopened receipts took, net
    cash_in_fen: Fen
    cash_out_fen: Fen

    @property
    def cash_sales_fen(self) -> Fen:
        """The cash the shift's bills left in the drawer."""
        return self.cash_taken_fen - self.change_fen - self.given_back_fen

    @property
    def expected_fen(self) -> Fen:
        return self.float_fen + self.cash_in_fen - self.cash_out_fen + self.cash_sales_fen


@dataclass(frozen=True)
class ShiftReport:
    """The X report (at any time) or the Z figures (at close) of one shift."""

    shift: ShiftView
    drawer: DrawerFigures
    tenders: tuple[tuple[TenderMethod, Fen], ...]  # by method, net of reopened receipts
    bills: int  # receipts settled in the shift (latest revisions)
    guests: int
    receipts_fen: Fen  # Σ tenders − change, net of reopened receipts
    at: datetime


@dataclass(frozen=True)
class OpenBill:
    """A bill still open when a shift closes: it must be settled or carried over."""

    bill_id: int
    table: str
    guests: int
    waiter: str
    opened_at: datetime
    amount_fen: Fen  # what it would come to now


# ---------------------------------------------------------------- actions


def open_shift(
    ctx: Context, *, terminal: str, staff_id: int | None, counted: Mapping[int, int]
) -> ShiftChanges:
    """Open the drawer of ``terminal`` with the float counted by denomination; refused
    while a shift is open on that terminal."""
    now = ctx.now()
    terminal = _clean_terminal(terminal)
    counts = clean_count(counted)
    with ctx.transaction() as session:
        _require_staff(session, staff_id)
        if _open_shift_on(session, terminal) is not None:
            raise NotAllowed(
                N_("A shift is already open on {terminal}: close it before opening another."),
                terminal=terminal,
            )
        venue = venue_of(session)
        minutes = venue.day_starts_at_minutes
        shift = Shift(
            terminal=terminal,
            open_terminal=terminal,
            status=ShiftStatus.OPEN,
            business_day=business_day(now, time(minutes // 60, minutes % 60)),
            opened_at=now,
            opened_by_id=staff_id,
            float_fen=count_total(counts),
            float_counts=_counts_json(counts),
            counted_counts="{}",
            note="",
            approval_reason="",
            carried_over="[]",
        )
        session.add(shift)
        session.flush()
        record(
            session,
            now,
            "shift_open",
            staff_id=staff_id,
            shift_id=shift.id,
            terminal=terminal,
            float_fen=shift.float_fen,
        )
        return ShiftChanges(shift_id=shift.id)


def cash_in(
    ctx: Context, *, shift_id: int, amount_fen: Fen, reason: str, staff_id: int | None
) -> ShiftChanges:
    """Put cash into the open drawer (存入), with a reason."""
    return _move_cash(ctx, MovementKind.IN, shift_id, amount_fen, reason, staff_id)


def cash_out(
    ctx: Context, *, shift_id: int, amount_fen: Fen, reason: str, staff_id: int | None
) -> ShiftChanges:
    """Take cash out of the open drawer (取出), with a reason; never more than it holds."""
    return _move_cash(ctx, MovementKind.OUT, shift_id, amount_fen, reason, staff_id)


def _move_cash(
    ctx: Context,
    kind: MovementKind,
    shift_id: int,
    amount_fen: Fen,
    reason: str,
    staff_id: int | None,
) -> ShiftChanges:
    now = ctx.now()
    reason = clean_text(reason, max_length=REASON_MAX, required=True, what=N_("a reason"))
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int) or amount_fen <= 0:
        raise InvalidInput(N_("An amount of cash in or out must be more than zero."))
    if amount_fen > MOVEMENT_MAX:
        raise InvalidInput(N_("{amount} is too much to move at once."), amount=Amount(amount_fen))
    with ctx.transaction() as session:
        _require_staff(session, staff_id)
        shift = _open(session, shift_id)
        if kind is MovementKind.OUT:
            available = drawer_figures(session, shift).expected_fen
            if amount_fen > available:
                raise NotAllowed(
                    N_("Only {available} should be in the drawer: {amount} cannot be taken out."),
                    available=Amount(available),
                    amount=Amount(amount_fen),
                )
        session.add(
            CashMovement(
                shift_id=shift.id,
                kind=kind,
                amount_fen=amount_fen,
                reason=reason,
                staff_id=staff_id,
                at=now,
            )
        )
        record(
            session,
            now,
            f"cash_{kind}",
            staff_id=staff_id,
            reason=reason,
            shift_id=shift.id,
            amount_fen=amount_fen,
        )
        return ShiftChanges(shift_id=shift.id)


def close_shift(
    ctx: Context,
    *,
    shift_id: int,
    staff_id: int | None,
    counted: Mapping[int, int],
    note: str = "",
    approval: Approval | None = None,
    approval_reason: str = "",
    carry_over: bool = False,
) -> ShiftChanges:
    """Close the drawer with its count: expected vs counted and the over/short are kept;
    beyond the venue's tolerance a note and a manager's approval are needed. Bills still
    open are refused unless ``carry_over`` (they stay open for a later shift). The shift
    gets the venue's next Z number and its handover slip is queued for printing."""
    now = ctx.now()
    counts = clean_count(counted)
    note = clean_text(note, max_length=NOTE_MAX)
    approval_reason = clean_text(approval_reason, max_length=REASON_MAX)
    with ctx.transaction() as session:
        _require_staff(session, staff_id)
        shift = _open(session, shift_id)
        still_open = _open_bills(session, now)
        if still_open and not carry_over:
            raise NotAllowed(
                N_(
                    "Bills still open: {bills}. Settle them first or carry them over to the"
                    " next shift."
                ),
                bills=", ".join(f"{b.table} ({b.bill_id})" for b in still_open),
            )
        expected = drawer_figures(session, shift).expected_fen
        counted_fen = count_total(counts)
        over_short = counted_fen - expected
        tolerance = venue_of(session).drawer_tolerance_fen
        manager: Staff | None = None
        if abs(over_short) > tolerance:
            if not note:
                raise InvalidInput(
                    N_("The drawer is {difference} out, more than {limit}: write a note why."),
                    difference=Amount(over_short),
                    limit=Amount(tolerance),
                )
            if approval is None:
                raise AuthorisationError(
                    N_(
                        "The drawer is {difference} out, more than {limit}: a manager must approve."
                    ),
                    difference=Amount(over_short),
                    limit=Amount(tolerance),
                )
        if approval is not None:
            manager = require_approval(session, approval)
        z_no = (session.scalar(select(func.max(Shift.z_no))) or 0) + 1
        shift.status = ShiftStatus.CLOSED
        shift.open_terminal = None
        shift.closed_at = now
        shift.closed_by_id = staff_id
        shift.expected_fen = expected
        shift.counted_fen = counted_fen
        shift.counted_counts = _counts_json(counts)
        shift.over_short_fen = over_short
        shift.note = note
        shift.approved_by_id = manager.id if manager else None
        shift.approval_reason = approval_reason if manager else ""
        shift.carried_over = json.dumps([b.bill_id for b in still_open])
        shift.z_no = z_no
        record(
            session,
            now,
            "shift_close",
            staff_id=staff_id,
            authorised_by_id=manager.id if manager else None,
            reason=note,
            shift_id=shift.id,
            z_no=z_no,
            expected_fen=expected,
            counted_fen=counted_fen,
            over_short_fen=over_short,
            carried_over=[b.bill_id for b in still_open],
        )
        job = PrintJob(
            kind=HANDOVER_SLIP,
            shift_id=shift.id,
            purpose=RECEIPT_PURPOSE,
            status=JobStatus.QUEUED,
            attempts=0,
            created_at=now,
            last_error="",
            terminal=this_terminal(),
        )
        session.add(job)
        session.flush()
        return ShiftChanges(shift_id=shift.id, z_no=z_no, print_job_id=job.id)


# ---------------------------------------------------------------- reading


def current_shift(ctx: Context, terminal: str) -> ShiftView | None:
    """The shift open on ``terminal``, or None."""
    with ctx.reading() as session:
        shift = _open_shift_on(session, terminal.strip())
        return _view(session, shift) if shift is not None else None


def shift_view(ctx: Context, shift_id: int) -> ShiftView:
    with ctx.reading() as session:
        return _view(session, _get(session, shift_id))


def last_closed_shift(ctx: Context, terminal: str) -> ShiftView | None:
    """The shift closed last on ``terminal`` (its Z number and slip), or None."""
    with ctx.reading() as session:
        shift = session.scalars(
            select(Shift)
            .where(Shift.terminal == terminal.strip(), Shift.status == ShiftStatus.CLOSED)
            .order_by(Shift.closed_at.desc(), Shift.id.desc())
            .limit(1)
        ).first()
        return _view(session, shift) if shift is not None else None


def drawer_expected(ctx: Context, shift_id: int) -> Fen:
    """The cash the drawer should hold now (frozen at close for a closed shift)."""
    with ctx.reading() as session:
        shift = _get(session, shift_id)
        if shift.status == ShiftStatus.CLOSED and shift.expected_fen is not None:
            return shift.expected_fen
        return drawer_figures(session, shift).expected_fen


def drawer_tolerance(ctx: Context) -> Fen:
    """How far a count may be over or short before a manager must approve (venue setting)."""
    with ctx.reading() as session:
        return venue_of(session).drawer_tolerance_fen


def x_report(ctx: Context, shift_id: int) -> ShiftReport:
    """The shift's figures so far (X report): the drawer, tenders by method, bills."""
    with ctx.reading() as session:
        shift = _get(session, shift_id)
        return _report(session, shift, ctx.now())


def open_bills_at_close(ctx: Context, shift_id: int) -> list[OpenBill]:
    """The venue's bills still open, which closing ``shift_id`` must settle or carry over."""
    now = ctx.now()
    with ctx.reading() as session:
        _get(session, shift_id)
        return _open_bills(session, now)


def shift_document(
    ctx: Context, shift_id: int, *, language: Language, reprint_at: datetime | None = None
) -> ShiftSummaryDocument:
    """The X report of an open shift, or the handover slip 交班单 of a closed one."""
    with ctx.reading() as session:
        shift = _get(session, shift_id)
        report = _report(session, shift, ctx.now())
        header = venue_header(session, language)
        carried = _tables_of(session, report.shift.carried_over)
    return _document(report, header, carried, language, reprint_at)


def render_shift_document(
    ctx: Context, shift_id: int, *, language: Language, paper: Paper = Paper.ROLL_80
) -> bytes:
    """The X report or handover slip as PDF bytes, for a preview or the printer."""
    from app.printing.summary import render_shift_summary

    return render_shift_summary(shift_document(ctx, shift_id, language=language), paper)


# ---------------------------------------------------------------- inside a transaction


def drawer_figures(session: Session, shift: Shift) -> DrawerFigures:
    """The drawer's figures as the store holds them now."""
    moved = dict(
        session.execute(
            select(CashMovement.kind, func.sum(CashMovement.amount_fen))
            .where(CashMovement.shift_id == shift.id)
            .group_by(CashMovement.kind)
        ).all()
    )
    taken, change = _cash_of(session, Bill.shift_id == shift.id)
    earlier = _earlier_revisions(session, shift.id)
    back_taken, back_change = _cash_of(session, Bill.id.in_(earlier)) if earlier else (0, 0)
    return DrawerFigures(
        float_fen=shift.float_fen,
        cash_taken_fen=taken,
        change_fen=change,
        given_back_fen=back_taken - back_change,
        cash_in_fen=int(moved.get(MovementKind.IN, 0) or 0),
        cash_out_fen=int(moved.get(MovementKind.OUT, 0) or 0),
    )


def _cash_of(session: Session, which) -> tuple[Fen, Fen]:
    """Σ cash tenders and Σ change of the bills ``which`` selects."""
    taken = session.scalar(
        select(func.coalesce(func.sum(TenderRow.amount_fen), 0))
        .join(Bill, Bill.id == TenderRow.bill_id)
        .where(which, TenderRow.method == TenderMethod.CASH)
    )
    change = session.scalar(select(func.coalesce(func.sum(Bill.change_fen), 0)).where(which))
    return int(taken or 0), int(change or 0)


def _earlier_revisions(session: Session, shift_id: int) -> list[int]:
    """The reopened receipts whose new revision was settled in this shift."""
    return [
        bill_id
        for bill_id in session.scalars(
            select(Bill.revision_of_id).where(
                Bill.shift_id == shift_id, Bill.revision_of_id.is_not(None)
            )
        )
        if bill_id is not None
    ]


def _tenders_of(session: Session, which) -> dict[str, Fen]:
    return {
        method: int(amount)
        for method, amount in session.execute(
            select(TenderRow.method, func.sum(TenderRow.amount_fen))
            .join(Bill, Bill.id == TenderRow.bill_id)
            .where(which)
            .group_by(TenderRow.method)
        )
    }


def _report(session: Session, shift: Shift, now: datetime) -> ShiftReport:
    drawer = drawer_figures(session, shift)
    earlier = _earlier_revisions(session, shift.id)
    tenders = _tenders_of(session, Bill.shift_id == shift.id)
    given_back = _tenders_of(session, Bill.id.in_(earlier)) if earlier else {}
    net = {
        method: tenders.get(method, 0) - given_back.get(method, 0)
        for method in TenderMethod
        if tenders.get(method, 0) or given_back.get(method, 0)
    }
    paid = session.execute(
        select(func.count(Bill.id), func.coalesce(func.sum(Bill.guests), 0)).where(
            Bill.shift_id == shift.id, Bill.status == BillStatus.PAID
        )
    ).one()
    earlier_change = (
        session.scalar(select(func.sum(Bill.change_fen)).where(Bill.id.in_(earlier))) or 0
        if earlier
        else 0
    )
    receipts = sum(net.values()) - drawer.change_fen + earlier_change
    return ShiftReport(
        shift=_view(session, shift),
        drawer=drawer,
        tenders=tuple((TenderMethod(m), fen) for m, fen in net.items()),
        bills=int(paid[0]),
        guests=int(paid[1]),
        receipts_fen=int(receipts),
        at=now,
    )


def _open_bills(session: Session, now: datetime) -> list[OpenBill]:
    bills = session.scalars(
        select(Bill).where(Bill.status == BillStatus.OPEN).order_by(Bill.opened_at, Bill.id)
    ).all()
    return [
        OpenBill(
            bill_id=bill.id,
            table=bill.table.name,
            guests=bill.guests,
            waiter=bill.waiter.name if bill.waiter else "",
            opened_at=bill.opened_at,
            amount_fen=bill_parts(session, bill, now).total,
        )
        for bill in bills
    ]


def _view(session: Session, shift: Shift) -> ShiftView:
    names = _names(session)
    movements = session.scalars(
        select(CashMovement).where(CashMovement.shift_id == shift.id).order_by(CashMovement.id)
    ).all()
    closed = shift.status == ShiftStatus.CLOSED
    return ShiftView(
        shift_id=shift.id,
        terminal=shift.terminal,
        status=ShiftStatus(shift.status),
        business_day=shift.business_day,
        opened_at=shift.opened_at,
        opened_by=names.get(shift.opened_by_id, ""),
        float_fen=shift.float_fen,
        float_counts=_counts_of(shift.float_counts),
        movements=tuple(
            MovementView(
                m.id, MovementKind(m.kind), m.amount_fen, m.reason, names.get(m.staff_id, ""), m.at
            )
            for m in movements
        ),
        closed_at=shift.closed_at,
        closed_by=names.get(shift.closed_by_id, ""),
        expected_fen=shift.expected_fen,
        counted_fen=shift.counted_fen,
        counted_counts=_counts_of(shift.counted_counts) if closed else None,
        over_short_fen=shift.over_short_fen,
        note=shift.note,
        approved_by=names.get(shift.approved_by_id, ""),
        approval_reason=shift.approval_reason,
        carried_over=tuple(json.loads(shift.carried_over or "[]")),
        z_no=shift.z_no,
    )


def _tables_of(session: Session, bill_ids: tuple[int, ...]) -> tuple[tuple[int, str], ...]:
    """(bill id, table name) of the given bills, in that order."""
    if not bill_ids:
        return ()
    names = dict(
        session.execute(
            select(Bill.id, DiningTable.name)
            .join(DiningTable, DiningTable.id == Bill.table_id)
            .where(Bill.id.in_(bill_ids))
        ).all()
    )
    return tuple((bill_id, names.get(bill_id, "")) for bill_id in bill_ids)


def _names(session: Session) -> dict[int | None, str]:
    return dict(session.execute(select(Staff.id, Staff.name)).all())


def _get(session: Session, shift_id: int) -> Shift:
    shift = session.get(Shift, shift_id)
    if shift is None:
        raise NotFound(N_("That shift does not exist."))
    return shift


def _open(session: Session, shift_id: int) -> Shift:
    shift = _get(session, shift_id)
    if shift.status != ShiftStatus.OPEN:
        raise NotAllowed(N_("That shift is closed already."))
    return shift


def _open_shift_on(session: Session, terminal: str) -> Shift | None:
    return session.scalars(select(Shift).where(Shift.open_terminal == terminal)).first()


def _clean_terminal(terminal: str) -> str:
    name = (terminal or "").strip()
    if not name or len(name) > TERMINAL_MAX:
        raise InvalidInput(N_("A terminal name has 1 to {limit} characters."), limit=TERMINAL_MAX)
    return name


def _require_staff(session: Session, staff_id: int | None) -> None:
    if staff_id is None:
        return
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise NotFound(N_("This staff member is not known or no longer active."))


# ---------------------------------------------------------------- the printed slip


def _document(
    report: ShiftReport,
    header: VenueHeader,
    carried: tuple[tuple[int, str], ...],
    language: Language,
    reprint_at: datetime | None,
) -> ShiftSummaryDocument:
    """The X report (open shift) or the handover slip with its Z number (closed shift)."""
    _ = language.gettext
    money = language.money
    shift = report.shift
    drawer = report.drawer
    if shift.z_no is not None:
        title = _(Z_REPORT_TITLE).format(number=f"{shift.z_no:04d}")
    else:
        title = _(X_REPORT_TITLE).format(terminal=shift.terminal)
    end = shift.closed_at or report.at
    period = f"{language.datetime(shift.opened_at)} – {language.datetime(end)}"
    figures = [
        SummaryRow(_("Terminal"), shift.terminal),
        SummaryRow(_("Opened by"), shift.opened_by),
        SummaryRow(_("Opening float"), money(drawer.float_fen)),
        SummaryRow(_("Cash taken"), money(drawer.cash_taken_fen)),
        SummaryRow(_("Change given"), money(drawer.change_fen)),
    ]
    if drawer.given_back_fen:
        given_back = money(drawer.given_back_fen)
        figures.append(SummaryRow(_("Given back for reopened receipts"), given_back))
    expected = shift.expected_fen if shift.expected_fen is not None else drawer.expected_fen
    figures += [
        SummaryRow(_("Cash in"), money(drawer.cash_in_fen)),
        SummaryRow(_("Cash out"), money(drawer.cash_out_fen)),
        SummaryRow(_("Expected cash"), money(expected)),
    ]
    if shift.counted_fen is not None:
        figures += [
            SummaryRow(_("Counted cash"), money(shift.counted_fen)),
            SummaryRow(_("Over / short"), money(shift.over_short_fen or 0)),
            SummaryRow(_("Closed by"), shift.closed_by),
        ]
        if shift.approved_by:
            figures.append(SummaryRow(_("Approved by"), shift.approved_by))
    figures += [
        SummaryRow(_("Bills"), language.number(report.bills)),
        SummaryRow(_("Guests"), language.number(report.guests)),
        SummaryRow(_("Receipts"), money(report.receipts_fen)),
    ]
    if shift.note:
        figures.append(SummaryRow(_("Note"), shift.note))
    if reprint_at is not None:
        figures.append(SummaryRow(_("Reprint"), language.datetime(reprint_at)))
    tables = [
        SummaryTable(
            _("Tenders"),
            (_("Payment"), _("Amount")),
            tuple((_(TENDER_LABELS[m]), money(fen)) for m, fen in report.tenders),
        ),
        SummaryTable(
            _("Cash in and out"),
            (_("Time"), _("Reason"), _("Amount")),
            tuple(
                (
                    language.time(m.at),
                    f"{_(MOVEMENT_LABELS[m.kind])}: {m.reason}",
                    money(m.amount_fen if m.kind is MovementKind.IN else -m.amount_fen),
                )
                for m in shift.movements
            ),
        ),
    ]
    count = shift.counted_counts if shift.counted_counts is not None else shift.float_counts
    tables.append(
        SummaryTable(
            _("Drawer count") if shift.counted_counts is not None else _("Opening float"),
            (_("Note or coin"), _("Count"), _("Amount")),
            tuple((money(d), language.number(n), money(d * n)) for d, n in count.items() if n),
        )
    )
    if carried:
        tables.append(
            SummaryTable(
                _("Bills carried over"),
                (_("Table"), _("Bill")),
                tuple((table, language.number(bill_id)) for bill_id, table in carried),
            )
        )
    return ShiftSummaryDocument(
        language=language.code,
        venue=header,
        title=title,
        period=period,
        printed_at=reprint_at or report.at,
        figures=tuple(figures),
        tables=tuple(tables),
    )
