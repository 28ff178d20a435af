"""Check the PyInstaller folder the way a counter PC will use it (CI runs this after
`make dist`): its size, that every module and library it needs is inside, and the frozen
app itself — first start on an empty user folder, a second start in English, a store from
the first release upgraded without losing a bill, a receipt and a day report written.

    .venv/bin/python packaging/check_bundle.py [dist/xiaoer]

Prints one line per check and the measurements; exits 1 at the first failure.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_MB = 180
FIXTURE = ROOT / "tests" / "fixtures" / "store-release1.sqlite3"
FIXTURE_DAY = "2026-11-22"
OPTIONAL_LIBRARIES = re.compile(r"libwayland-(cursor|egl|client)")  # only on a Wayland desktop


class CheckFailed(Exception):
    pass


PASSED: list[str] = []


def check(condition: bool, what: str, detail: str = "") -> None:
    if not condition:
        raise CheckFailed(f"{what}{': ' + detail if detail else ''}")
    PASSED.append(what)
    print(f"  ok  {what}")


def folder_mb(folder: Path) -> float:
    """What `du -sk` says, in MB."""
    out = subprocess.run(["du", "-sk", str(folder)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0]) / 1024


def bundled_modules(exe: Path) -> set[str]:
    viewer = Path(sys.executable).with_name("pyi-archive_viewer")
    out = subprocess.run(
        [str(viewer), "-r", "-b", str(exe)], capture_output=True, text=True, check=True
    )
    return {line.strip() for line in out.stdout.splitlines() if line.startswith(" ")}


def source_modules() -> set[str]:
    """Every module of app/, db/ and ui/ (migrations are read from disk by Alembic)."""
    found = set()
    for package in ("app", "db", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def missing_libraries(internal: Path) -> set[str]:
    """Shared libraries a bundled library links to that neither the bundle nor the system
    has."""
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    missing = set()
    for path in internal.rglob("*.so*"):
        if not path.is_file() or path.is_symlink():
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in out.stdout.splitlines():
            if "not found" in line:
                name = line.split()[0]
                if not OPTIONAL_LIBRARIES.match(name):
                    missing.add(f"{name} (for {path.relative_to(internal)})")
    return missing


def run(exe: Path, *args: str, env: dict[str, str]) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    result = subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=180)
    return result, time.perf_counter() - started


def store_figures(path: Path) -> tuple:
    with closing(sqlite3.connect(path)) as db:
        return (
            db.execute(
                "SELECT status, count(*), sum(total_fen) FROM bill GROUP BY status"
            ).fetchall(),
            db.execute("SELECT count(*), sum(amount_fen) FROM tender").fetchall(),
            db.execute("SELECT name, state FROM dining_table ORDER BY id").fetchall(),
        )


def schema_version(path: Path) -> str:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    sys.path.insert(0, str(ROOT))
    from db.engine import alembic_config

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def startup_ms(result: subprocess.CompletedProcess) -> int:
    match = re.search(r"start-up (\d+) ms", result.stdout)
    return int(match.group(1)) if match else -1


def main(bundle: Path) -> int:
    exe = bundle / "xiaoer"
    internal = bundle / "_internal"
    print(f"checking {bundle}")
    try:
        check(exe.is_file() and os.access(exe, os.X_OK), "the executable is there")
        size = folder_mb(bundle)
        check(size < MAX_MB, f"the folder is {size:.0f} MB (under {MAX_MB} MB)")
        missing = source_modules() - bundled_modules(exe)
        check(not missing, "every app, db and ui module is bundled", ", ".join(sorted(missing)))
        versions = sorted(p.name for p in (ROOT / "db/migrations/versions").glob("*.py"))
        bundled = sorted(p.name for p in (internal / "db/migrations/versions").glob("*.py"))
        check(bundled == versions, f"the {len(versions)} migrations are bundled as source")
        for relative in (
            "resources/fonts/wqy-microhei.ttc",
            "resources/fonts/wqy-microhei.LICENSE.txt",
            "resources/locale/zh_CN/LC_MESSAGES/xiaoer.mo",
            "resources/service_steps/restaurant.json",
            "resources/icons/xiaoer.png",
            "PySide6/Qt/translations/qtbase_zh_CN.qm",
        ):
            check((internal / relative).is_file(), f"{relative} is bundled")
        translations = sorted(p.name for p in (internal / "PySide6/Qt/translations").iterdir())
        check(translations == ["qtbase_zh_CN.qm"], "no other Qt catalogs", str(translations))
        check(not list(internal.rglob("*WebEngine*")), "no WebEngine")
        check(not list(internal.rglob("libQt6Qml*")), "no QML")
        missing_libs = missing_libraries(internal)
        check(not missing_libs, "every linked library is found", ", ".join(sorted(missing_libs)))

        with tempfile.TemporaryDirectory(prefix="xiaoer-frozen-") as folder:
            home = Path(folder)
            env = {
                "PATH": "/usr/bin:/bin",
                "HOME": str(home),
                "XDG_DATA_HOME": str(home / "data"),
                "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_RUNTIME_DIR": str(home),
                "QT_QPA_PLATFORM": "offscreen",
                "LANG": "C.UTF-8",
            }
            first, first_s = run(exe, "--smoke", env=env)
            check(first.returncode == 0, "first start --smoke exits 0", first.stderr[-2000:])
            check("22 tables" in first.stdout, "the first start shows the demo floor", first.stdout)
            store = home / "data" / "xiaoer" / "xiaoer.sqlite3"
            check(store.is_file(), f"the store is made in the user's data folder ({store})")
            second, second_s = run(exe, "--smoke", "--lang", "en", env=env)
            check(second.returncode == 0, "second start --smoke --lang en exits 0", second.stderr)

            old = home / "release1.sqlite3"
            shutil.copy(FIXTURE, old)
            before = store_figures(old)
            upgraded, upgraded_s = run(exe, "--db", str(old), "--smoke", env=env)
            check(upgraded.returncode == 0, "a first-release store starts", upgraded.stderr)
            head = head_revision()
            check(schema_version(old) == head, f"it is upgraded to migration {head}")
            check(store_figures(old) == before, "its bills, tenders and tables are unchanged")
            pdf = home / "receipt.pdf"
            receipt, _ = run(exe, "--db", str(old), "receipt", "1", "--out", str(pdf), env=env)
            check(receipt.returncode == 0, "a receipt is written", receipt.stderr)
            check(pdf.read_bytes()[:5] == b"%PDF-", "the receipt is a PDF")
            csv = home / "day.csv"
            args = ("report", "day", FIXTURE_DAY, "--out", str(csv))
            report, _ = run(exe, "--db", str(old), *args, env=env)
            check(
                report.returncode == 0, "the day report reconciles", report.stdout + report.stderr
            )
    except CheckFailed as failure:
        print(f"FAILED {failure}")
        print(f"bundle: {len(PASSED)} passed, 1 failed")
        return 1
    print(
        f"bundle: {size:.0f} MB; frozen start-up: first {startup_ms(first)} ms "
        f"({first_s:.1f} s with the demo venue made), again {startup_ms(second)} ms "
        f"({second_s:.1f} s), first-release store {startup_ms(upgraded)} ms ({upgraded_s:.1f} s)"
    )
    print(f"bundle: {len(PASSED)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "xiaoer"))
