"""The print queue on a real store: jobs queued with what they print, printed once into a
folder of real PDFs (read back with pdftotext), failures that never block service, retry,
reprint, routing per station, and the back-office CLI."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.domain.billing import Tender, TenderMethod
from app.i18n import Language
from app.printing.checks import render_check
from app.printing.documents import CheckKind, Paper
from app.services import ordering, payment, print_queue, queries, seating
from app.services.documents import check_document, kitchen_ticket_document
from app.services.kitchen import ticket_for_lines
from app.services.print_queue import (
    JobStatus,
    PdfFolderPrinter,
    PrinterError,
    PrintSpooler,
    station_purpose,
)
from app.services.simulation import simulate_days
from app.services.staff import approve_as_manager
from db.models import Bill, KitchenTicket, PrintJob, Station
from tests.support import MANAGER_PIN

TERMINAL = "counter-1"
ZH = Language("zh_CN")


@pytest.fixture(autouse=True)
def terminal(monkeypatch):
    monkeypatch.setenv("XIAOER_TERMINAL", TERMINAL)


def pdf_text(source: bytes | Path, tmp_path: Path | None = None) -> str:
    """What a reader gets back from a PDF (pdftotext keeps the layout of the lines)."""
    if isinstance(source, bytes):
        assert tmp_path is not None
        path = tmp_path / "read.pdf"
        path.write_bytes(source)
        source = path
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(source), "-"],
        capture_output=True,
        check=True,
        timeout=30,
    )
    return result.stdout.decode("utf-8")


def station_id(ctx, code: str) -> int:
    with ctx.reading() as session:
        return session.scalars(select(Station.id).where(Station.code == code)).one()


def route_everything(ctx, folder: Path, *, skip: tuple[str, ...] = ()) -> None:
    """Each station into its own sub-folder, receipts and checks into ``receipt``."""
    for code in ("hot", "cold", "bar"):
        if code not in skip:
            target = f"pdf-folder:{folder / code}"
            purpose = station_purpose(station_id(ctx, code))
            print_queue.set_route(ctx, TERMINAL, purpose, target, "80")
    if "receipt" not in skip:
        print_queue.set_route(ctx, TERMINAL, "receipt", f"pdf-folder:{folder / 'receipt'}", "80")


def pdfs(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pdf"))


def seat(ctx, demo, table="A1", guests=2) -> int:
    return seating.seat_party(
        ctx, table_id=demo.table(table), guests=guests, waiter_id=demo.waiter
    ).bill_id


def order(ctx, demo, bill_id, name, **kw) -> int:
    return ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item(name), **kw).lines[0]


def kung_pao(ctx, demo, bill_id) -> int:
    return order(ctx, demo, bill_id, "宫保鸡丁", option_ids=[demo.option("spice", "微辣")])


def jobs(ctx, **where) -> list[PrintJob]:
    with ctx.reading() as session:
        query = select(PrintJob).order_by(PrintJob.id)
        for name, value in where.items():
            query = query.where(getattr(PrintJob, name) == value)
        return list(session.scalars(query))


def pay_exact(ctx, bill_id, method=TenderMethod.WECHAT):
    total = queries.bill_view(ctx, bill_id).breakdown.total
    return payment.settle_bill(ctx, bill_id=bill_id, tenders=[Tender(method, total)])


class SwitchablePrinter:
    """A printer that can be unplugged: it refuses every job while ``down``."""

    def __init__(self, folder: Path) -> None:
        self.inner = PdfFolderPrinter(folder)
        self.down = False
        self.printed: list[str] = []

    def print_pdf(self, pdf: bytes, *, job_name: str) -> None:
        if self.down:
            raise PrinterError("The printer is offline.")
        self.inner.print_pdf(pdf, job_name=job_name)
        self.printed.append(job_name)


class BrokenPrinter:
    def print_pdf(self, pdf: bytes, *, job_name: str) -> None:
        raise OSError("paper jam")


@pytest.fixture
def out(tmp_path) -> Path:
    return tmp_path / "out"


@pytest.fixture
def spooler(ctx, out) -> PrintSpooler:
    route_everything(ctx, out)
    return PrintSpooler(ctx, print_queue.default_printer_factory, TERMINAL, ZH)


# ---------------------------------------------------------------- queueing and routing


def test_sending_queues_one_job_per_station_ticket_in_the_same_transaction(ctx, demo):
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    order(ctx, demo, bill_id, "西湖龙井")
    order(ctx, demo, bill_id, "拍黄瓜", option_ids=[demo.option("spice", "不辣")])
    tickets = ordering.send_to_kitchen(ctx, bill_id=bill_id).tickets
    queued = jobs(ctx, bill_id=bill_id)
    assert len(tickets) == 3
    assert [job.ticket_id for job in queued] == list(tickets)
    assert {job.kind for job in queued} == {"kitchen_ticket"}
    assert {job.status for job in queued} == {"queued"}
    assert {job.terminal for job in queued} == {TERMINAL}
    with ctx.reading() as session:
        stations = {t.id: t.station_id for t in session.scalars(select(KitchenTicket))}
    assert [job.purpose for job in queued] == [station_purpose(stations[t]) for t in tickets]


def test_a_ticket_and_its_print_job_are_kept_or_lost_together(ctx, demo):
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    with pytest.raises(RuntimeError), ctx.transaction() as session:
        bill = session.get(Bill, bill_id)
        ticket_for_lines(session, bill, list(bill.lines), kind="order", now=ctx.now())
        session.flush()
        assert len(session.scalars(select(PrintJob)).all()) == 1
        raise RuntimeError("power cut")
    assert jobs(ctx) == []


def test_dishes_and_drinks_print_at_their_own_stations(ctx, demo, spooler, out, tmp_path):
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    order(ctx, demo, bill_id, "西湖龙井", option_ids=[demo.option("brew", "盖碗")])
    ordering.send_to_kitchen(ctx, bill_id=bill_id)

    summary = spooler.process_queued()

    assert summary.ok and len(summary.printed) == 2
    hot, bar = pdfs(out / "hot"), pdfs(out / "bar")
    assert len(hot) == 1 and len(bar) == 1 and not pdfs(out / "cold")
    hot_text, bar_text = pdf_text(hot[0]), pdf_text(bar[0])
    assert "宫保鸡丁" in hot_text and "微辣" in hot_text and "西湖龙井" not in hot_text
    assert "西湖龙井" in bar_text and "盖碗" in bar_text and "宫保鸡丁" not in bar_text
    assert "热菜厨房" in hot_text and "吧台/茶水" in bar_text
    assert "A1" in hot_text
    assert {job.status for job in jobs(ctx)} == {"printed"}


def test_a_file_is_named_after_its_job_and_written_whole(ctx, demo, spooler, out):
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    spooler.process_queued()
    (job,) = jobs(ctx)
    assert [p.name for p in (out / "hot").iterdir()] == [f"{job.id}-kitchen_ticket.pdf"]
    assert (out / "hot" / f"{job.id}-kitchen_ticket.pdf").read_bytes().startswith(b"%PDF")


def test_an_add_on_prints_only_the_new_dishes_marked_add_on(ctx, demo, spooler, out):
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    spooler.process_queued()
    first = pdfs(out / "hot")

    order(ctx, demo, bill_id, "清炒时蔬", note="少油")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    summary = spooler.process_queued()

    assert len(summary.printed) == 1
    (added,) = [path for path in pdfs(out / "hot") if path not in first]
    text = pdf_text(added)
    assert "清炒时蔬" in text and "少油" in text
    assert "宫保鸡丁" not in text
    assert "加菜" in text
    assert "加菜" not in pdf_text(first[0])


def test_weighed_fish_shows_its_weight_on_the_ticket(ctx, demo, spooler, out):
    bill_id = seat(ctx, demo)
    order(
        ctx,
        demo,
        bill_id,
        "鲈鱼",
        weight_milli=1600,
        option_ids=[demo.option("fish_style", "清蒸")],
    )
    (ticket_id,) = ordering.send_to_kitchen(ctx, bill_id=bill_id).tickets
    doc = kitchen_ticket_document(ctx, ticket_id, language=ZH)
    (line,) = doc.lines
    assert (line.name, line.quantity_milli, line.unit, line.weighed) == ("鲈鱼", 1600, "斤", True)
    spooler.process_queued()
    text = pdf_text(pdfs(out / "hot")[0])
    assert "鲈鱼" in text and "1.6斤" in text and "清蒸" in text


def test_held_dishes_are_marked_on_the_ticket_and_called_later(ctx, demo, spooler):
    bill_id = seat(ctx, demo)
    fish = order(ctx, demo, bill_id, "清炒时蔬")
    (ticket_id,) = ordering.send_to_kitchen(ctx, bill_id=bill_id, hold_line_ids=[fish]).tickets
    assert [line.held for line in kitchen_ticket_document(ctx, ticket_id, language=ZH).lines] == [
        True
    ]
    (fire_id,) = ordering.fire_held(ctx, bill_id=bill_id).tickets
    fired = kitchen_ticket_document(ctx, fire_id, language=ZH)
    assert fired.kind == "fire" and [line.held for line in fired.lines] == [False]


# ---------------------------------------------------------------- failures and retries


def test_retry_after_the_printer_comes_back_prints_the_job_once(ctx, demo, out):
    route_everything(ctx, out)
    printer = SwitchablePrinter(out / "kitchen")
    spooler = PrintSpooler(ctx, lambda target, paper: printer, TERMINAL, ZH)
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    ordering.send_to_kitchen(ctx, bill_id=bill_id)

    printer.down = True
    failed = spooler.process_queued()
    (job,) = jobs(ctx)
    assert failed.printed == () and [o.job_id for o in failed.failed] == [job.id]
    assert job.status == "failed" and job.attempts == 1
    assert job.last_error == "The printer is offline."
    assert failed.warnings and "The printer is offline." in failed.warnings[0]
    assert not pdfs(out)

    assert spooler.process_queued().printed == ()  # failed jobs wait for a retry

    printer.down = False
    assert spooler.retry(job.id).printed == (job.id,)
    assert spooler.process_queued().printed == ()
    assert spooler.retry(job.id).printed == ()  # a second tap prints nothing twice
    assert spooler.retry_failed().printed == ()
    assert printer.printed == [f"{job.id}-kitchen_ticket"]
    assert len(pdfs(out)) == 1
    (job,) = jobs(ctx)
    assert (job.status, job.attempts, job.last_error) == ("printed", 2, "")
    assert job.printed_at == ctx.now()


def test_a_failing_printer_never_blocks_sending_or_settling(ctx, demo, out):
    route_everything(ctx, out)
    spooler = PrintSpooler(ctx, lambda target, paper: BrokenPrinter(), TERMINAL, ZH)
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    order(ctx, demo, bill_id, "西湖龙井")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    sent = spooler.process_queued()
    payment.request_bill(ctx, bill_id=bill_id)
    checked = spooler.process_queued()
    receipt_no = pay_exact(ctx, bill_id).receipt_no
    paid = spooler.process_queued()

    assert queries.bill_view(ctx, bill_id).status == "paid" and receipt_no == 1
    assert len(sent.failed) == 2 and len(checked.failed) == 1 and len(paid.failed) == 1
    assert all("paper jam" in warning for warning in sent.warnings + paid.warnings)
    assert [(job.kind, job.status) for job in jobs(ctx)] == [
        ("kitchen_ticket", "failed"),
        ("kitchen_ticket", "failed"),
        ("guest_check", "failed"),
        ("receipt", "failed"),
    ]
    assert all(job.last_error == "OSError: paper jam" for job in jobs(ctx))
    assert not pdfs(out)


def test_a_printer_that_cannot_even_be_opened_fails_its_jobs(ctx, demo, out):
    route_everything(ctx, out)

    def no_printers(target, paper):
        raise PrinterError("No such printer.")

    spooler = PrintSpooler(ctx, no_printers, TERMINAL, ZH)
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    summary = spooler.process_queued()
    assert [o.error for o in summary.failed] == ["No such printer."]


def test_a_missing_route_fails_the_job_with_a_readable_message(ctx, demo, out):
    route_everything(ctx, out, skip=("hot",))
    spooler = PrintSpooler(ctx, print_queue.default_printer_factory, TERMINAL, ZH)
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    order(ctx, demo, bill_id, "西湖龙井")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)

    summary = spooler.process_queued()

    assert len(summary.printed) == 1 and len(pdfs(out / "bar")) == 1
    (failed,) = summary.failed
    assert "热菜厨房" in failed.error
    assert "热菜厨房" in summary.warnings[0]
    (job,) = jobs(ctx, status="failed")
    assert job.last_error == failed.error and job.attempts == 0
    english = PrintSpooler(ctx, print_queue.default_printer_factory, TERMINAL, Language("en"))
    print_queue.set_route(ctx, TERMINAL, "receipt", "pdf-folder:/nonexistent/never", "80")
    print_queue.clear_route(ctx, TERMINAL, "receipt")
    payment.request_bill(ctx, bill_id=bill_id)
    (check,) = english.process_queued().failed
    assert check.error == "No printer is set for Receipts and guest checks."


def test_an_unwritable_folder_is_a_printer_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(PrinterError) as error:
        PdfFolderPrinter(blocker / "sub").print_pdf(b"%PDF-1.4", job_name="1-receipt")
    assert "Cannot save the PDF in" in str(error.value)
    printer = PdfFolderPrinter(tmp_path / "ok")
    printer.print_pdf(b"%PDF-1.4", job_name="../7-receipt")
    assert [p.name for p in (tmp_path / "ok").iterdir()] == ["7-receipt.pdf"]


def test_old_queued_jobs_print_only_when_asked(ctx, demo, spooler, out, clock):
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    clock.advance(hours=3)
    assert spooler.process_queued().printed == ()
    (job,) = jobs(ctx)
    assert job.status == "queued"
    assert spooler.retry(job.id).printed == (job.id,)
    assert len(pdfs(out)) == 1


def test_other_terminals_jobs_are_left_to_them(ctx, demo, out, monkeypatch):
    route_everything(ctx, out)
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    monkeypatch.setenv("XIAOER_TERMINAL", "tablet-2")
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    counter = PrintSpooler(ctx, print_queue.default_printer_factory, TERMINAL, ZH)
    assert counter.process_queued().printed == ()
    assert [job.terminal for job in jobs(ctx)] == ["tablet-2"]


# ---------------------------------------------------------------- reprints and history


def test_reprint_makes_a_new_job_marked_reprint(ctx, demo, spooler, out, clock):
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    receipt_no = pay_exact(ctx, bill_id).receipt_no
    spooler.process_queued()
    (original,) = jobs(ctx, kind="receipt")
    first = pdf_text(out / "receipt" / f"{original.id}-receipt.pdf")
    assert "重打" not in first

    clock.advance(minutes=20)
    summary = spooler.reprint(original.id)

    again = jobs(ctx, id=summary.job_id)[0]
    assert again.id != original.id and again.reprint_of_id == original.id
    assert summary.printed == (again.id,)
    text = pdf_text(out / "receipt" / f"{again.id}-receipt.pdf")
    assert "重打" in text and f"{receipt_no:04d}" in text
    assert ZH.money(queries.bill_view(ctx, bill_id).breakdown.total) in text

    by_bill = spooler.reprint(bill_id=bill_id)
    assert jobs(ctx, id=by_bill.job_id)[0].reprint_of_id == original.id
    (ticket_job,) = jobs(ctx, kind="kitchen_ticket")
    ticket_again = spooler.reprint(ticket_job.id)
    assert "重打" in pdf_text(out / "hot" / f"{ticket_again.job_id}-kitchen_ticket.pdf")

    history = spooler.history(bill_id)
    assert [view.job_id for view in history] == sorted(
        (job.id for job in jobs(ctx, bill_id=bill_id)), reverse=True
    )
    assert {view.status for view in history} == {JobStatus.PRINTED}
    assert history[-1].ticket_kind == "order" and history[-1].kind == "kitchen_ticket"
    receipts = [view for view in history if view.kind == "receipt"]
    assert {view.receipt_no for view in receipts} == {receipt_no}
    assert [view.reprint_of_id for view in receipts].count(None) == 1
    assert "结账单" in receipts[0].label or "Receipt" in receipts[0].label


def test_history_without_a_bill_lists_this_terminals_failed_jobs(ctx, demo, out):
    route_everything(ctx, out, skip=("hot",))
    spooler = PrintSpooler(ctx, print_queue.default_printer_factory, TERMINAL, ZH)
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    spooler.process_queued()
    (view,) = spooler.history(status=JobStatus.FAILED)
    assert view.status is JobStatus.FAILED and "热菜厨房" in view.last_error


# ---------------------------------------------------------------- documents


def test_guest_check_shows_voided_dishes_and_the_receipt_leaves_them_out(ctx, demo, tmp_path):
    bill_id = seat(ctx, demo)
    chicken = kung_pao(ctx, demo, bill_id)
    greens = order(ctx, demo, bill_id, "清炒时蔬", quantity=3)
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    approval = approve_as_manager(ctx, pin=MANAGER_PIN)
    ordering.void_line(ctx, line_id=chicken, reason="客人不要了", approval=approval)
    ordering.void_line(ctx, line_id=greens, reason="上错了", approval=approval, quantity_milli=1000)
    check = check_document(ctx, bill_id, kind=CheckKind.GUEST_CHECK, language=ZH)
    assert [(ln.name, ln.quantity_milli, ln.voided, ln.amount_fen) for ln in check.lines] == [
        ("宫保鸡丁", 1000, True, 0),
        ("清炒时蔬", 2000, False, 4400),
        ("清炒时蔬", 1000, True, 0),
    ]
    parts = queries.bill_view(ctx, bill_id).breakdown
    assert (check.items_fen, check.total_fen) == (parts.items, parts.total)
    assert sum(line.amount_fen for line in check.lines) == check.items_fen
    text = pdf_text(render_check(check, Paper.ROLL_80), tmp_path)
    assert "宫保鸡丁" in text and ZH.money(parts.total) in text

    pay_exact(ctx, bill_id)
    receipt = check_document(ctx, bill_id, kind=CheckKind.RECEIPT, language=ZH)
    assert [(ln.name, ln.quantity_milli, ln.voided) for ln in receipt.lines] == [
        ("清炒时蔬", 2000, False)
    ]
    assert "宫保鸡丁" not in pdf_text(render_check(receipt, Paper.ROLL_58), tmp_path)


def test_receipt_tenders_are_translated_and_the_venue_heads_it(ctx, demo):
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    ordering.send_to_kitchen(ctx, bill_id=bill_id)
    total = queries.bill_view(ctx, bill_id).breakdown.total
    payment.settle_bill(
        ctx,
        bill_id=bill_id,
        tenders=[Tender(TenderMethod.CARD, 1000), Tender(TenderMethod.CASH, total)],
    )
    english = check_document(ctx, bill_id, kind=CheckKind.RECEIPT, language=Language("en"))
    assert [(t.method, t.amount_fen) for t in english.tenders] == [
        ("Bank card", 1000),
        ("Cash", total),
    ]
    assert english.change_fen == 1000
    assert english.venue.name == "Xiaoer Tea House & Restaurant"
    assert english.lines[0].name == "Kung Pao chicken"
    chinese = check_document(ctx, bill_id, kind=CheckKind.RECEIPT, language=ZH)
    assert chinese.venue.name == "店小二茶楼酒家" and chinese.venue.footer.startswith("谢谢惠顾")
    assert chinese.tenders[1].method == ZH.gettext("Cash")


def test_printed_receipt_totals_equal_the_stored_totals_for_a_simulated_day(ctx, tmp_path):
    simulate_days(ctx, days=1)
    with ctx.reading() as session:
        bills = session.scalars(
            select(Bill).where(Bill.receipt_no.is_not(None)).order_by(Bill.id)
        ).all()
    assert len(bills) > 20
    for bill in bills:
        doc = check_document(ctx, bill.id, kind=CheckKind.RECEIPT, language=ZH)
        assert doc.total_fen == bill.total_fen and doc.receipt_no == bill.receipt_no
        assert sum(line.amount_fen for line in doc.lines) == bill.items_fen, bill.id
        assert sum(line.discount_fen for line in doc.lines) <= bill.discount_fen
        assert sum(t.amount_fen for t in doc.tenders) - doc.change_fen == bill.total_fen
        text = pdf_text(render_check(doc, Paper.ROLL_80), tmp_path)
        assert ZH.money(bill.total_fen) in text, bill.id
        assert f"{bill.business_day:%Y%m%d}-{bill.receipt_no:04d}" in text, bill.id


# ---------------------------------------------------------------- the CLI


def test_cli_writes_a_receipt_and_a_bills_kitchen_tickets(ctx, demo, db_path, tmp_path, capsys):
    bill_id = seat(ctx, demo)
    kung_pao(ctx, demo, bill_id)
    order(ctx, demo, bill_id, "西湖龙井")
    tickets = ordering.send_to_kitchen(ctx, bill_id=bill_id).tickets
    receipt_no = pay_exact(ctx, bill_id).receipt_no
    total = queries.bill_view(ctx, bill_id).breakdown.total

    out = tmp_path / "r.pdf"
    assert main(["receipt", str(receipt_no), "--db", str(db_path), "--out", str(out)]) == 0
    text = pdf_text(out)
    assert "宫保鸡丁" in text and ZH.money(total) in text and f"{receipt_no:04d}" in text
    wide = tmp_path / "a4.pdf"
    args = ["--db", str(db_path), "receipt", str(receipt_no), "--out", str(wide)]
    assert main([*args, "--width", "a4", "--day", "2026-11-20", "--lang", "en"]) == 0
    assert "Kung Pao chicken" in pdf_text(wide)

    folder = tmp_path / "tickets"
    assert main(["--db", str(db_path), "tickets", str(bill_id), "--out", str(folder)]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"{tickets[0]}-hot-order.pdf", f"{tickets[1]}-bar-order.pdf"])
    assert "西湖龙井" in pdf_text(folder / f"{tickets[1]}-bar-order.pdf")
    capsys.readouterr()

    assert main(["--db", str(db_path), "receipt", "99", "--out", str(out)]) == 2
    assert "no receipt number 99" in capsys.readouterr().err
    elsewhen = ["--day", "2020-01-01", "--out", str(out)]
    assert main(["--db", str(db_path), "receipt", "1", *elsewhen]) == 2
    assert main(["--db", str(db_path), "tickets", "424242", "--out", str(folder)]) == 2
    assert "bill does not exist" in capsys.readouterr().err
