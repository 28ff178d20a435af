"""The ``xiaoer`` command: start the app, or run a back-office command on the store."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from app.domain.errors import XiaoerError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xiaoer", description="Xiaoer 店小二 point of service")
    parser.add_argument("--db", metavar="PATH", help="the store file (default: per-user data)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language of the screens")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start offscreen, open the first screen, print start-up ms, exit",
    )
    commands = parser.add_subparsers(dest="command")
    store_option = argparse.ArgumentParser(add_help=False)
    store_option.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="the store file"
    )
    init = commands.add_parser(
        "init", parents=[store_option], help="create a venue in an empty store"
    )
    init.add_argument("--demo", action="store_true", help="the demo venue 店小二茶楼酒家")
    simulate = commands.add_parser(
        "simulate", parents=[store_option], help="play realistic business days"
    )
    simulate.add_argument("--days", type=int, default=1)
    simulate.add_argument("--seed", type=int, default=1)
    language_option = argparse.ArgumentParser(add_help=False)
    language_option.add_argument(
        "--lang",
        choices=("zh_CN", "en"),
        default=argparse.SUPPRESS,
        help="language of the document (default: the venue's)",
    )
    receipt = commands.add_parser(
        "receipt",
        parents=[store_option, language_option],
        help="write the receipt of a settled bill as PDF",
    )
    receipt.add_argument(
        "number", type=int, metavar="NUMBER", help="the receipt number of the business day"
    )
    receipt.add_argument("--out", metavar="FILE.pdf", required=True)
    receipt.add_argument(
        "--width", choices=("80", "58", "a4"), default="80", help="paper: 80 or 58 mm roll, or A4"
    )
    receipt.add_argument(
        "--day",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the business day (default: the latest with that number)",
    )
    tickets = commands.add_parser(
        "tickets",
        parents=[store_option, language_option],
        help="write the kitchen tickets of a bill as PDFs",
    )
    tickets.add_argument("bill", type=int, metavar="BILL", help="the bill id")
    tickets.add_argument("--out", metavar="DIR", required=True)
    backup = commands.add_parser(
        "backup",
        parents=[store_option],
        help="copy the store safely, even while Xiaoer runs (default: the backups folder)",
    )
    backup.add_argument("--out", metavar="FILE", help="write the backup to this file")
    restore = commands.add_parser(
        "restore",
        parents=[store_option],
        help="replace the store with a backup (the current store is kept aside); restart Xiaoer",
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    report = commands.add_parser(
        "report",
        parents=[store_option, language_option],
        help="write the day report of a business day as PDF or CSV",
    )
    report.add_argument("period", choices=("day",), help="what to report: a business day")
    report.add_argument("date", metavar="YYYY-MM-DD", help="the business day")
    report.add_argument("--out", metavar="FILE.pdf|FILE.csv", required=True)
    bench = commands.add_parser("bench", help="measure core actions on a 3-year store")
    bench.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    bench.add_argument("--store", metavar="PATH", help="the 3-year store to build or reuse")
    bench.add_argument("--days", type=int, default=3 * 365, help="days of history")
    bench.add_argument("--repeat", type=int, default=60, help="timed runs per action")
    bench.add_argument(
        "--gui", action="store_true", help="time taps through the touchscreen instead"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = build_parser().parse_args(argv)
    try:
        return _run(args, started)
    except XiaoerError as error:
        print(f"xiaoer: {error}", file=sys.stderr)
        return 2


def _open_context(args):
    from app.services.context import Context
    from db.engine import Store, resolve_url

    return Context(Store.open(resolve_url(args.db)))


def _run(args, started: float) -> int:
    if args.command == "bench" and args.gui:
        from pathlib import Path

        from app.bench import build_history, default_store_path
        from ui.tap_timing import run_tap_timing

        path = Path(args.store) if args.store else default_store_path()
        build_history(path, days=args.days)
        return run_tap_timing(path, repeat=args.repeat, json_path=args.json)
    if args.command == "bench":
        from app.bench import run_bench

        return run_bench(
            json_path=args.json, store_path=args.store, days=args.days, repeat=args.repeat
        )
    if args.command == "restore":
        return _restore(args)
    ctx = _open_context(args)
    if args.command == "backup":
        return _backup(ctx, args)
    from app.services import setup

    if args.command == "init":
        if not args.demo:
            print(
                "xiaoer: use `xiaoer init --demo`, or start the app to create a new venue.",
                file=sys.stderr,
            )
            return 2
        setup.create_demo_venue(ctx)
        print(f"demo venue created in {ctx.store.engine.url.database}")
        return 0
    if args.command == "simulate":
        from app.services.simulation import simulate_days

        if not setup.has_venue(ctx):
            setup.create_demo_venue(ctx)
        report = simulate_days(ctx, days=args.days, seed=args.seed)
        print(report.summary())
        return 0
    if args.command == "receipt":
        return _write_receipt(ctx, args)
    if args.command == "tickets":
        return _write_tickets(ctx, args)
    if args.command == "report":
        return _write_report(ctx, args)
    if args.smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        if not setup.has_venue(ctx):
            setup.create_demo_venue(ctx)  # the smoke check never asks
    # otherwise a store without a venue opens the first-run dialog (demo or new venue)
    from ui.app import run_app

    return run_app(ctx, language=args.lang, smoke=args.smoke, started=started)


def _document_language(ctx, args):
    from app.i18n import Language
    from app.services.venue import venue_settings

    return Language(args.lang or venue_settings(ctx).locale)


def _write_receipt(ctx, args) -> int:
    """``xiaoer receipt NUMBER --out FILE.pdf``: the receipt as it was printed at settling."""
    from app.printing.checks import render_check
    from app.printing.documents import CheckKind, Paper
    from app.services.documents import check_document, find_receipt

    bill_id = find_receipt(ctx, args.number, day=args.day)
    language = _document_language(ctx, args)
    doc = check_document(ctx, bill_id, kind=CheckKind.RECEIPT, language=language)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(render_check(doc, Paper(args.width)))
    print(f"receipt {args.number} of {doc.business_day} (bill {bill_id}) → {out}")
    return 0


def _write_tickets(ctx, args) -> int:
    """``xiaoer tickets BILL --out DIR``: every kitchen ticket of a bill, one PDF each."""
    from app.printing.tickets import render_kitchen_ticket
    from app.services.documents import kitchen_ticket_document, kitchen_tickets_of

    language = _document_language(ctx, args)
    tickets = kitchen_tickets_of(ctx, args.bill)
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    for ticket_id, station, kind in tickets:
        doc = kitchen_ticket_document(ctx, ticket_id, language=language)
        (folder / f"{ticket_id}-{station}-{kind}.pdf").write_bytes(render_kitchen_ticket(doc))
    print(f"{len(tickets)} kitchen tickets of bill {args.bill} → {folder}")
    return 0


def _backup(ctx, args) -> int:
    """``xiaoer backup [--out FILE]``: an online copy of the store."""
    from app.services import backups

    target = backups.back_up_to(ctx, args.out) if args.out else backups.back_up_now(ctx)
    print(f"backup written to {target}")
    return 0


def _restore(args) -> int:
    """``xiaoer restore FILE``: no questions; the old store is kept aside (exit 2 when the
    file is not an intact backup)."""
    from app.services import backups
    from db.engine import resolve_url

    store = backups.sqlite_file(resolve_url(args.db))
    aside = backups.restore(store, Path(args.file))
    if aside is not None:
        print(f"the previous store was kept as {aside}")
    print(f"{args.file} restored into {store}; restart Xiaoer to use it")
    return 0


REPORT_FORMATS = (".pdf", ".csv")


def _write_report(ctx, args) -> int:
    """``xiaoer report day DATE --out FILE.pdf|FILE.csv``: the day report 营业日报."""
    from app.printing.summary import render_shift_summary
    from app.services.reports import day_report, summary_csv, summary_document

    try:
        day = date.fromisoformat(args.date)
    except ValueError:
        print(f"xiaoer: “{args.date}” is not a date; write it as YYYY-MM-DD.", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.suffix.lower() not in REPORT_FORMATS:
        print("xiaoer: the report is written as .pdf or .csv; choose one.", file=sys.stderr)
        return 2
    language = _document_language(ctx, args)
    summary = day_report(ctx, day)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".csv":
        out.write_bytes(summary_csv(summary, language).encode("utf-8"))
    else:
        out.write_bytes(render_shift_summary(summary_document(summary, language)))
    check = "reconciled" if summary.reconciles else "DOES NOT RECONCILE"
    print(f"day report {day}: {summary.bills} bills, {check} → {out}")
    return 0 if summary.reconciles else 1


if __name__ == "__main__":
    raise SystemExit(main())
