"""The print queue: every kitchen ticket, guest check and receipt becomes a ``PrintJob`` row
in the same transaction as what it prints, and a spooler prints the queued jobs of its
terminal through that terminal's routes. A printer that fails or is missing never blocks
service: the job is marked failed with a readable reason and can be retried or reprinted.

Delivery is at least once, never silently lost: a job is marked printed in its own short
transaction right after the printer took it, and a printed job is never sent again by
``process_queued`` or ``retry``. Only a crash between those two steps can print a job twice
(the ticket number printed on it shows the kitchen it is the same one); marking it first
would instead lose the ticket in that crash, and a lost order is worse than a duplicate.

No Qt here: system printers are made by the UI through the ``PrinterFactory`` it hands in.
"""

from __future__ import annotations

import os
import re
import socket
import tempfile
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.domain.errors import N_, InvalidInput, NotAllowed, NotFound, XiaoerError
from app.i18n import Language
from app.printing.documents import CheckKind, Paper
from app.services.bills import BillStatus, get_bill
from app.services.context import Context
from app.services.documents import RECEIPT_STATUSES, check_document, kitchen_ticket_document
from db.models import Bill, KitchenTicket, PrinterRoute, PrintJob, Station


class JobKind(StrEnum):
    KITCHEN_TICKET = "kitchen_ticket"
    GUEST_CHECK = "guest_check"  # 预结单
    RECEIPT = "receipt"  # 结账单
    HANDOVER_SLIP = "handover_slip"  # 交班单 of a closed shift (PrintJob.shift_id)


class JobStatus(StrEnum):
    QUEUED = "queued"
    PRINTED = "printed"
    FAILED = "failed"


RECEIPT_PURPOSE = "receipt"  # the counter printer: guest checks and receipts
STATION_PURPOSE = "station:"  # + the station id: that station's kitchen printer
PDF_FOLDER = "pdf-folder:"
SYSTEM_PRINTER = "system:"

ERROR_MAX = 500
TERMINAL_MAX = 60
TARGET_MAX = 300
# Older queued jobs (a terminal that was off, a store filled by ``xiaoer simulate``) are not
# printed on their own: a two-hour-old order is no use to the kitchen. ``retry`` prints them.
STALE_AFTER = timedelta(hours=2)

KIND_LABELS = {
    JobKind.KITCHEN_TICKET: N_("Kitchen ticket"),
    JobKind.GUEST_CHECK: N_("Guest check"),
    JobKind.RECEIPT: N_("Receipt"),
    JobKind.HANDOVER_SLIP: N_("Handover slip"),
}


def this_terminal() -> str:
    """This counter PC's name for its routes and jobs: ``XIAOER_TERMINAL``, else the host name."""
    name = os.environ.get("XIAOER_TERMINAL", "").strip() or socket.gethostname() or "terminal"
    return name[:TERMINAL_MAX]


def station_purpose(station_id: int) -> str:
    return f"{STATION_PURPOSE}{station_id}"


# ---------------------------------------------------------------- printers


class PrinterError(XiaoerError):
    """A printer refused a job or cannot be reached; the message is shown to the staff."""


class Printer(Protocol):
    def print_pdf(self, pdf: bytes, *, job_name: str) -> None:
        """Print one document; raise ``PrinterError`` when it could not be printed."""


PrinterFactory = Callable[[str, Paper], Printer]  # (route target, paper) -> printer


class PdfFolderPrinter:
    """ "Save PDF to a folder": each job becomes ``<folder>/<job id>-<kind>.pdf``, written to
    a temporary file first and renamed, so a half-written PDF never appears."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def print_pdf(self, pdf: bytes, *, job_name: str) -> None:
        name = re.sub(r"[^\w.-]+", "_", job_name).strip("._") or "job"
        temporary = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=self.folder)
            with os.fdopen(handle, "wb") as file:
                file.write(pdf)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.folder / f"{name}.pdf")
        except OSError as error:
            if temporary is not None and os.path.exists(temporary):
                os.unlink(temporary)
            raise PrinterError(
                N_("Cannot save the PDF in {folder}: {reason}"),
                folder=str(self.folder),
                reason=error.strerror or str(error),
            ) from error


def parse_target(target: str) -> tuple[str, str]:
    """``pdf-folder:/path`` or ``system:<printer name>`` → (kind, where)."""
    for kind in (PDF_FOLDER, SYSTEM_PRINTER):
        if target.startswith(kind) and target[len(kind) :].strip():
            return kind, target[len(kind) :].strip()
    raise InvalidInput(N_("A printer is “pdf-folder:FOLDER” or “system:PRINTER NAME”."))


def default_printer_factory(target: str, paper: Paper) -> Printer:
    """PDF folders only; the UI's factory adds the system printers (QPrinter)."""
    kind, where = parse_target(target)
    if kind == PDF_FOLDER:
        return PdfFolderPrinter(where)
    raise PrinterError(N_("The printer “{printer}” can only be used from the app."), printer=where)


# ---------------------------------------------------------------- queueing


def queue_kitchen_ticket(session: Session, ticket: KitchenTicket) -> PrintJob:
    """Queue a ticket for its station's printer, inside the transaction that made it."""
    job = PrintJob(
        kind=JobKind.KITCHEN_TICKET,
        ticket_id=ticket.id,
        bill_id=ticket.bill_id,
        purpose=station_purpose(ticket.station_id),
        status=JobStatus.QUEUED,
        attempts=0,
        created_at=ticket.created_at,
        last_error="",
        terminal=this_terminal(),
    )
    session.add(job)
    return job


def queue_check(session: Session, bill: Bill, kind: JobKind, now: datetime) -> PrintJob:
    """Queue a guest check or receipt for the counter printer, inside the action's transaction."""
    job = PrintJob(
        kind=JobKind(kind),
        bill_id=bill.id,
        purpose=RECEIPT_PURPOSE,
        status=JobStatus.QUEUED,
        attempts=0,
        created_at=now,
        last_error="",
        terminal=this_terminal(),
    )
    session.add(job)
    return job


# ---------------------------------------------------------------- routes


@dataclass(frozen=True)
class Route:
    terminal: str
    purpose: str
    target: str
    paper: Paper


def _check_terminal(terminal: str) -> str:
    name = (terminal or "").strip()
    if not name or len(name) > TERMINAL_MAX:
        raise InvalidInput(N_("A terminal name has 1 to {limit} characters."), limit=TERMINAL_MAX)
    return name


def _check_purpose(session: Session, purpose: str) -> str:
    if purpose == RECEIPT_PURPOSE:
        return purpose
    station_id = purpose.removeprefix(STATION_PURPOSE)
    if purpose.startswith(STATION_PURPOSE) and station_id.isdecimal():
        if session.get(Station, int(station_id)) is None:
            raise NotFound(N_("That kitchen station does not exist."))
        return purpose
    raise InvalidInput(N_("Unknown printer purpose “{purpose}”."), purpose=purpose)


def set_route(ctx: Context, terminal: str, purpose: str, target: str, paper: Paper | str) -> Route:
    """Where ``terminal`` prints ``purpose`` (a station or the receipts), on what paper."""
    terminal = _check_terminal(terminal)
    target = target.strip()
    parse_target(target)
    if len(target) > TARGET_MAX:
        raise InvalidInput(
            N_("That text is too long: at most {limit} characters."), limit=TARGET_MAX
        )
    try:
        paper = Paper(paper)
    except ValueError:
        raise InvalidInput(N_("The paper is 80, 58 or a4.")) from None
    with ctx.transaction() as session:
        purpose = _check_purpose(session, purpose)
        route = session.scalars(
            select(PrinterRoute).where(
                PrinterRoute.terminal == terminal, PrinterRoute.purpose == purpose
            )
        ).first()
        if route is None:
            route = PrinterRoute(terminal=terminal, purpose=purpose)
            session.add(route)
        route.target = target
        route.paper = paper.value
        return Route(terminal, purpose, target, paper)


def clear_route(ctx: Context, terminal: str, purpose: str) -> None:
    """Forget where ``terminal`` prints ``purpose``; its jobs then fail until one is set."""
    with ctx.transaction() as session:
        route = session.scalars(
            select(PrinterRoute).where(
                PrinterRoute.terminal == terminal, PrinterRoute.purpose == purpose
            )
        ).first()
        if route is not None:
            session.delete(route)


def routes(ctx: Context, terminal: str) -> list[Route]:
    with ctx.reading() as session:
        return [
            Route(r.terminal, r.purpose, r.target, Paper(r.paper))
            for r in session.scalars(
                select(PrinterRoute)
                .where(PrinterRoute.terminal == terminal)
                .order_by(PrinterRoute.purpose)
            )
        ]


def purpose_label(session: Session, purpose: str, language: Language) -> str:
    """What a route key means to the staff: 热菜厨房, or receipts and guest checks."""
    if purpose == RECEIPT_PURPOSE:
        return language.gettext(N_("Receipts and guest checks"))
    station_id = purpose.removeprefix(STATION_PURPOSE)
    if purpose.startswith(STATION_PURPOSE) and station_id.isdecimal():
        station = session.get(Station, int(station_id))
        if station is not None:
            return language.pick(station.name_zh, station.name_en)
    return purpose


def purposes(ctx: Context, language: Language) -> list[tuple[str, str]]:
    """Everything a terminal can route, (key, label): the receipts, then each station."""
    with ctx.reading() as session:
        keys = [RECEIPT_PURPOSE] + [
            station_purpose(station_id)
            for station_id in session.scalars(select(Station.id).order_by(Station.id))
        ]
        return [(key, purpose_label(session, key, language)) for key in keys]


# ---------------------------------------------------------------- the spooler


@dataclass(frozen=True)
class JobOutcome:
    """What happened to one job in one run."""

    job_id: int
    kind: JobKind
    label: str  # e.g. "Kitchen ticket 12 · 热菜厨房"
    printed: bool
    error: str = ""


@dataclass(frozen=True)
class PrintSummary:
    """What a spooler run printed and what failed, with reasons the UI can show as is."""

    outcomes: tuple[JobOutcome, ...] = ()
    job_id: int | None = None  # the job a retry or reprint was about
    warnings: tuple[str, ...] = field(default=())  # one line per failed job or queue problem

    @property
    def printed(self) -> tuple[int, ...]:
        return tuple(o.job_id for o in self.outcomes if o.printed)

    @property
    def failed(self) -> tuple[JobOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.printed)

    @property
    def ok(self) -> bool:
        return not self.warnings


@dataclass(frozen=True)
class JobView:
    """One line of the print history (reprint list)."""

    job_id: int
    kind: JobKind
    status: JobStatus
    label: str
    purpose: str
    terminal: str
    attempts: int
    created_at: datetime
    printed_at: datetime | None
    last_error: str
    reprint_of_id: int | None
    ticket_id: int | None
    ticket_kind: str  # order, addon, hurry, void, transfer, fire; "" for checks
    bill_id: int | None
    receipt_no: int | None


class PrintSpooler:
    """Prints the queued jobs of one terminal through its routes; never raises from
    ``process_queued``, so a printer can never block sending or settling."""

    def __init__(
        self,
        ctx: Context,
        printer_factory: PrinterFactory = default_printer_factory,
        terminal: str | None = None,
        language: Language | None = None,
        *,
        stale_after: timedelta = STALE_AFTER,
    ) -> None:
        self.ctx = ctx
        self.printer_factory = printer_factory
        self.terminal = terminal or this_terminal()
        self.language = language or Language()
        self.stale_after = stale_after
        self._lock = threading.Lock()  # one run at a time: a job is never sent twice at once

    # -- actions --------------------------------------------------------------------------

    def process_queued(self) -> PrintSummary:
        """Print every queued job of this terminal in id order; failures are recorded on the
        jobs and returned, never raised."""
        with self._lock:
            return self._run()

    def retry(self, job_id: int) -> PrintSummary:
        """Queue a failed job again on this terminal and print it with the rest of the queue;
        a printed job is left alone (a second tap prints nothing twice)."""
        with self._lock:
            with self.ctx.transaction() as session:
                job = self._job(session, job_id)
                if job.status == JobStatus.FAILED:
                    job.status = JobStatus.QUEUED
                    job.terminal = self.terminal
            return self._run(include=(job_id,), job_id=job_id)

    def retry_failed(self) -> PrintSummary:
        """Queue every failed job of this terminal again and print them, oldest first."""
        with self._lock:
            with self.ctx.transaction() as session:
                ids = list(
                    session.scalars(
                        select(PrintJob.id).where(
                            PrintJob.terminal == self.terminal,
                            PrintJob.status == JobStatus.FAILED,
                        )
                    )
                )
                session.execute(
                    update(PrintJob)
                    .where(PrintJob.id.in_(ids), PrintJob.status == JobStatus.FAILED)
                    .values(status=JobStatus.QUEUED)
                )
            return self._run(include=ids)

    def reprint(self, job_id: int | None = None, *, bill_id: int | None = None) -> PrintSummary:
        """Print a document again as a new job marked 重打 / REPRINT: a job from the history,
        or a bill's receipt (its guest check while it is open)."""
        if (job_id is None) == (bill_id is None):
            raise ValueError("reprint takes a job id or a bill id")
        now = self.ctx.now()
        with self._lock:
            with self.ctx.transaction() as session:
                if job_id is not None:
                    original = self._job(session, job_id)
                    job = PrintJob(
                        kind=original.kind,
                        ticket_id=original.ticket_id,
                        bill_id=original.bill_id,
                        shift_id=original.shift_id,
                        purpose=original.purpose,
                        reprint_of_id=original.reprint_of_id or original.id,
                    )
                else:
                    job = self._bill_reprint(session, bill_id)
                job.status = JobStatus.QUEUED
                job.attempts = 0
                job.created_at = now
                job.last_error = ""
                job.terminal = self.terminal
                session.add(job)
                session.flush()
                new_id = job.id
            return self._run(include=(new_id,), job_id=new_id)

    def render(self, job_id: int) -> bytes:
        """The PDF a job prints, for a print preview; on its route's paper (80 mm without)."""
        with self.ctx.reading() as session:
            job = self._job(session, job_id)
            route = self._routes(session).get(job.purpose)
            paper = Paper(route.paper) if route else Paper.ROLL_80
            return self._render(job, paper)

    def history(
        self, bill_id: int | None = None, *, limit: int = 50, status: JobStatus | None = None
    ) -> list[JobView]:
        """Newest first: a bill's jobs from any terminal, or this terminal's recent jobs."""
        with self.ctx.reading() as session:
            query = select(PrintJob, KitchenTicket.kind, Bill.receipt_no)
            query = query.outerjoin(KitchenTicket, KitchenTicket.id == PrintJob.ticket_id)
            query = query.outerjoin(Bill, Bill.id == PrintJob.bill_id)
            if bill_id is not None:
                query = query.where(PrintJob.bill_id == bill_id)
            else:
                query = query.where(PrintJob.terminal == self.terminal)
            if status is not None:
                query = query.where(PrintJob.status == status)
            rows = session.execute(query.order_by(PrintJob.id.desc()).limit(limit)).all()
            labels: dict[str, str] = {}
            views = []
            for job, ticket_kind, receipt_no in rows:
                if job.purpose not in labels:
                    labels[job.purpose] = purpose_label(session, job.purpose, self.language)
                views.append(
                    JobView(
                        job_id=job.id,
                        kind=JobKind(job.kind),
                        status=JobStatus(job.status),
                        label=self._label(job, labels[job.purpose]),
                        purpose=job.purpose,
                        terminal=job.terminal,
                        attempts=job.attempts,
                        created_at=job.created_at,
                        printed_at=job.printed_at,
                        last_error=job.last_error,
                        reprint_of_id=job.reprint_of_id,
                        ticket_id=job.ticket_id,
                        ticket_kind=ticket_kind or "",
                        bill_id=job.bill_id,
                        receipt_no=receipt_no,
                    )
                )
            return views

    # -- the run --------------------------------------------------------------------------

    def _run(self, include: Collection[int] = (), job_id: int | None = None) -> PrintSummary:
        try:
            with self.ctx.reading() as session:
                queued = select(PrintJob.id).where(
                    PrintJob.terminal == self.terminal, PrintJob.status == JobStatus.QUEUED
                )
                cutoff = self.ctx.now() - self.stale_after
                ids = set(session.scalars(queued.where(PrintJob.created_at >= cutoff)))
                if include:
                    ids |= set(session.scalars(queued.where(PrintJob.id.in_(list(include)))))
        except Exception as error:  # the store cannot be read: say so, print nothing
            return PrintSummary(job_id=job_id, warnings=(self._reason(error),))
        outcomes: list[JobOutcome] = []
        problems: list[str] = []
        printers: dict[tuple[str, Paper], Printer] = {}
        broken: dict[str, str] = {}  # target → why: later jobs for it fail without waiting
        for queued_id in sorted(ids):
            try:
                outcome = self._print_one(queued_id, printers, broken)
            except Exception as error:  # the job could not even be read or marked
                problems.append(self._reason(error))
                continue
            if outcome is not None:
                outcomes.append(outcome)
        not_printed = self.language.gettext(N_("{document} was not printed: {reason}"))
        unrecorded = self.language.gettext(
            N_("{document} was printed but not recorded, so it may print again: {reason}")
        )
        warnings = [
            (unrecorded if o.printed else not_printed).format(document=o.label, reason=o.error)
            for o in outcomes
            if o.error
        ]
        return PrintSummary(tuple(outcomes), job_id, tuple(warnings + problems))

    def _print_one(
        self,
        job_id: int,
        printers: dict[tuple[str, Paper], Printer],
        broken: dict[str, str],
    ) -> JobOutcome | None:
        with self.ctx.reading() as session:  # closed before printing: printers can be slow
            job = session.get(PrintJob, job_id)
            if job is None or job.status != JobStatus.QUEUED:
                return None  # printed or failed meanwhile: never send it twice
            route = self._routes(session).get(job.purpose)
            purpose = purpose_label(session, job.purpose, self.language)
        kind = JobKind(job.kind)
        label = self._label(job, purpose)
        error = ""
        attempted = False
        if route is None:
            error = self.language.gettext(N_("No printer is set for {purpose}.")).format(
                purpose=purpose
            )
        elif route.target in broken:
            error = broken[route.target]
        else:
            attempted = True
            paper = Paper(route.paper)
            try:
                pdf = self._render(job, paper)
            except Exception as failure:
                error = self._reason(failure)
            else:
                try:
                    key = (route.target, paper)
                    if key not in printers:
                        printers[key] = self.printer_factory(route.target, paper)
                    printers[key].print_pdf(pdf, job_name=f"{job.id}-{job.kind}")
                except Exception as failure:
                    error = self._reason(failure)
                    broken[route.target] = error
        if error:
            self._mark_failed(job_id, error, attempted)
            return JobOutcome(job_id, kind, label, printed=False, error=error)
        try:
            self._mark_printed(job_id)
        except Exception as failure:  # stays queued: it prints again rather than never
            return JobOutcome(job_id, kind, label, printed=True, error=self._reason(failure))
        return JobOutcome(job_id, kind, label, printed=True)

    def _render(self, job: PrintJob, paper: Paper) -> bytes:
        from app.printing.checks import render_check
        from app.printing.tickets import render_kitchen_ticket

        reprint_at = job.created_at if job.reprint_of_id is not None else None
        if job.kind == JobKind.KITCHEN_TICKET:
            if job.ticket_id is None:
                raise NotFound(N_("That kitchen ticket does not exist."))
            ticket = kitchen_ticket_document(
                self.ctx, job.ticket_id, language=self.language, reprint_at=reprint_at
            )
            return render_kitchen_ticket(ticket, paper)
        if job.kind == JobKind.HANDOVER_SLIP:
            from app.printing.summary import render_shift_summary
            from app.services.shifts import shift_document

            if job.shift_id is None:
                raise NotFound(N_("That shift does not exist."))
            slip = shift_document(
                self.ctx, job.shift_id, language=self.language, reprint_at=reprint_at
            )
            return render_shift_summary(slip, paper)
        if job.bill_id is None:
            raise NotFound(N_("That bill does not exist."))
        check = check_document(
            self.ctx,
            job.bill_id,
            kind=CheckKind(job.kind),
            language=self.language,
            reprint_at=reprint_at,
        )
        return render_check(check, paper)

    def _mark_printed(self, job_id: int) -> None:
        now = self.ctx.now()
        with self.ctx.transaction() as session:
            session.execute(
                update(PrintJob)
                .where(PrintJob.id == job_id, PrintJob.status == JobStatus.QUEUED)
                .values(
                    status=JobStatus.PRINTED,
                    printed_at=now,
                    attempts=PrintJob.attempts + 1,
                    last_error="",
                )
            )

    def _mark_failed(self, job_id: int, error: str, attempted: bool) -> None:
        with self.ctx.transaction() as session:
            session.execute(
                update(PrintJob)
                .where(PrintJob.id == job_id, PrintJob.status == JobStatus.QUEUED)
                .values(
                    status=JobStatus.FAILED,
                    attempts=PrintJob.attempts + (1 if attempted else 0),
                    last_error=error[:ERROR_MAX],
                )
            )

    # -- helpers --------------------------------------------------------------------------

    def _routes(self, session: Session) -> dict[str, PrinterRoute]:
        return {
            route.purpose: route
            for route in session.scalars(
                select(PrinterRoute).where(PrinterRoute.terminal == self.terminal)
            )
        }

    @staticmethod
    def _job(session: Session, job_id: int) -> PrintJob:
        job = session.get(PrintJob, job_id)
        if job is None:
            raise NotFound(N_("That print job does not exist."))
        return job

    def _bill_reprint(self, session: Session, bill_id: int) -> PrintJob:
        bill = get_bill(session, bill_id)
        if bill.status in RECEIPT_STATUSES:
            kind = JobKind.RECEIPT
        elif bill.status == BillStatus.OPEN:
            kind = JobKind.GUEST_CHECK
        else:
            raise NotAllowed(N_("This bill has no guest check or receipt to print."))
        original = session.scalar(
            select(PrintJob.id)
            .where(
                PrintJob.bill_id == bill.id,
                PrintJob.kind == kind,
                PrintJob.reprint_of_id.is_(None),
            )
            .order_by(PrintJob.id.desc())
            .limit(1)
        )
        # never printed before (a bill older than the queue): this is its first print
        return PrintJob(kind=kind, bill_id=bill.id, purpose=RECEIPT_PURPOSE, reprint_of_id=original)

    def _label(self, job: PrintJob, purpose: str) -> str:
        kind = self.language.gettext(KIND_LABELS[JobKind(job.kind)])
        return f"{kind} {job.id} · {purpose}"

    def _reason(self, error: BaseException) -> str:
        if isinstance(error, XiaoerError):
            text = self.language.error_text(error)
        else:
            text = f"{type(error).__name__}: {error}"
        return text[:ERROR_MAX]
