"""The ``xiaoer`` command: start the app, or run a back-office command on the store."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence

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
    store_option.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                              help="the store file")
    init = commands.add_parser("init", parents=[store_option],
                               help="create a venue in an empty store")
    init.add_argument("--demo", action="store_true", help="the demo venue 店小二茶楼酒家")
    simulate = commands.add_parser("simulate", parents=[store_option],
                                   help="play realistic business days")
    simulate.add_argument("--days", type=int, default=1)
    simulate.add_argument("--seed", type=int, default=1)
    bench = commands.add_parser("bench", help="measure core actions on a 3-year store")
    bench.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    bench.add_argument("--store", metavar="PATH", help="the 3-year store to build or reuse")
    bench.add_argument("--days", type=int, default=3 * 365, help="days of history")
    bench.add_argument("--repeat", type=int, default=60, help="timed runs per action")
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
    if args.command == "bench":
        from app.bench import run_bench

        return run_bench(
            json_path=args.json, store_path=args.store, days=args.days, repeat=args.repeat
        )
    ctx = _open_context(args)
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
    if args.smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if not setup.has_venue(ctx):
        setup.create_demo_venue(ctx)
    from ui.app import run_app

    return run_app(ctx, language=args.lang, smoke=args.smoke, started=started)


if __name__ == "__main__":
    raise SystemExit(main())
