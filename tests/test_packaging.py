"""The packaged app: what build.spec puts in the bundle, the .deb, the Windows installer
script, the first-run dialog, and a store from the first release opening in this one.

Fast checks only: the bundle itself is built and started by `.ci/run` (`make dist`,
packaging/check_bundle.py), not here.
"""

from __future__ import annotations

import ast
import shutil
import sqlite3
import subprocess
import tomllib
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from babel import localedata

from app.domain.billing import Tender, TenderMethod
from app.domain.table_state import TableState
from app.i18n import Language
from app.services import ordering, payment, seating, setup, shifts, staff
from app.services.context import Context
from app.services.ordering import Dish
from app.services.queries import bill_view, floor_snapshot, menu
from app.services.reports import day_report
from app.services.venue import venue_settings
from db.engine import Store, alembic_config, sqlite_url
from ui.first_run import FirstRunDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
PACKAGING = ROOT / "packaging"
FIXTURE = ROOT / "tests" / "fixtures" / "store-release1.sqlite3"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]

# -- build.spec -------------------------------------------------------------------------------

SPEC_NAMES = {
    "ROOT", "RESOURCES", "STAGE", "VERSION", "ICONS", "QT_PLUGINS_KEPT",
    "QT_TRANSLATIONS_KEPT", "BABEL_LOCALES_KEPT", "QT_UNUSED", "PILLOW_UNUSED",
}  # fmt: skip


def spec_namespace(stage: Path) -> dict:
    """build.spec's constants and helper functions, run without PyInstaller; compiled
    catalogs go to ``stage``."""
    tree = ast.parse(SPEC.read_text("utf-8"), filename=str(SPEC))
    body = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PyInstaller"):
            continue
        if isinstance(node, ast.Import | ast.ImportFrom | ast.FunctionDef) or (
            isinstance(node, ast.Assign)
            and all(isinstance(t, ast.Name) and t.id in SPEC_NAMES for t in node.targets)
        ):
            body.append(node)
    namespace: dict = {"SPECPATH": str(ROOT)}
    exec(compile(ast.Module(body, type_ignores=[]), str(SPEC), "exec"), namespace)
    namespace["STAGE"] = stage
    return namespace


@pytest.fixture(scope="module")
def spec(tmp_path_factory) -> dict:
    return spec_namespace(tmp_path_factory.mktemp("catalogs"))


def test_the_spec_compiles_the_catalogs_that_the_app_reads(spec):
    datas = spec["compile_catalogs"]()
    assert sorted(target for _, target in datas) == [
        "resources/locale/en/LC_MESSAGES",
        "resources/locale/zh_CN/LC_MESSAGES",
    ]
    chinese = Language("zh_CN", locale_dir=spec["STAGE"])
    assert chinese.gettext("Manager") == "经理"
    assert chinese.gettext("Clear") == "清除"


def test_the_spec_carries_every_migration_as_source_and_they_upgrade_a_store(spec, tmp_path):
    datas = spec["migrations"]()
    sources = {Path(source).relative_to(ROOT).as_posix(): target for source, target in datas}
    versions = sorted(p.name for p in (ROOT / "db" / "migrations" / "versions").glob("*.py"))
    assert sources["db/migrations/env.py"] == "db/migrations"
    assert sorted(Path(s).name for s, t in sources.items() if t == "db/migrations/versions") == (
        versions
    )
    assert not [s for s in sources if "__pycache__" in s]
    # laid out as in the bundle (_internal/db/migrations), Alembic upgrades a store from it
    bundle = tmp_path / "_internal"
    for source, target in datas:
        (bundle / target).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, bundle / target)
    url = sqlite_url(tmp_path / "frozen.sqlite3")
    config = alembic_config(url)
    config.set_main_option("script_location", str(bundle / "db" / "migrations"))
    from alembic import command

    command.upgrade(config, "head")
    assert schema_version(tmp_path / "frozen.sqlite3") == head_revision()


def test_the_spec_keeps_the_babel_locales_the_app_loads(spec, monkeypatch):
    loaded: set[str] = set()
    original = localedata.load

    def load(name, merge_inherited=True):
        loaded.add(name)
        return original(name, merge_inherited)

    monkeypatch.setattr(localedata, "_cache", {})
    monkeypatch.setattr(localedata, "load", load)
    for code in ("zh_CN", "en"):
        language = Language(code)
        language.money(123_45), language.percent(1250), language.display_name
        language.datetime(datetime(2026, 11, 22, 19, 30)), language.date(date(2026, 11, 22))
    assert loaded and loaded <= spec["BABEL_LOCALES_KEPT"]
    assert len(spec["BABEL_LOCALES_KEPT"]) <= 6  # not Babel's 700-odd locales


def test_the_spec_keeps_the_qt_plugins_and_catalogs_a_counter_pc_needs(spec):
    kept = spec["kept"]

    def keeps(path: str) -> bool:
        return kept((path, "/src/" + path, "BINARY"))

    plugins = "PySide6/Qt/plugins/"
    for wanted in (
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "platforms/qwindows.dll",
        "imageformats/libqsvg.so",
        "iconengines/libqsvgicon.so",
        "printsupport/libcupsprintersupport.so",
        "styles/qmodernwindowsstyle.dll",
        "platforminputcontexts/libibusplatforminputcontextplugin.so",
        "xcbglintegrations/libqxcb-glx-integration.so",
    ):
        assert keeps(plugins + wanted), wanted
    for unwanted in (
        "platforms/libqvnc.so",
        "platforms/libqeglfs.so",
        "platformthemes/libqgtk3.so",
        "platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "imageformats/libqtiff.so",
        "sqldrivers/libqsqlite.so",
        "multimedia/libffmpegmediaplugin.so",
        "qmltooling/libqmldbg_debugger.so",
    ):
        assert not keeps(plugins + unwanted), unwanted
    assert keeps("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert not keeps("PySide6/Qt/translations/qtbase_de.qm")
    assert not keeps("PySide6/Qt/translations/qtdeclarative_zh_CN.qm")
    assert keeps("babel/locale-data/zh_Hans_CN.dat")
    assert not keeps("babel/locale-data/fr.dat")
    assert keeps("resources/fonts/wqy-microhei.ttc")
    assert {"PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtQuick"} <= set(spec["QT_UNUSED"])
    # the Qt modules the app imports are never excluded
    used = {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPrintSupport", "QtCharts", "QtSvg"}
    assert not {f"PySide6.{name}" for name in used} & set(spec["QT_UNUSED"])


def test_the_spec_takes_every_panel_the_back_office_imports_by_name():
    from ui.backoffice.window import PANELS

    text = SPEC.read_text("utf-8")
    assert 'collect_submodules("ui")' in text and 'collect_submodules("app")' in text
    for panel in PANELS:
        assert panel.module.startswith("ui."), panel.module
    assert 'name="xiaoer"' in text and "BUNDLE(" in text and 'sys.platform == "darwin"' in text


# -- the .deb ---------------------------------------------------------------------------------


def qt_system_packages() -> list[str]:
    """The Debian packages `.ci/system-deps.sh` installs for Qt (poppler-utils is only for
    the tests)."""
    text = (ROOT / ".ci" / "system-deps.sh").read_text("utf-8")
    block = text.split("set --", 1)[1].split("\nfi", 1)[0]
    return [word for word in block.replace("\\", " ").split() if word != "poppler-utils"]


def control_fields(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line[0].isspace():
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def test_the_deb_depends_on_the_system_libraries_qt_needs():
    fields = control_fields((PACKAGING / "deb" / "control.in").read_text("utf-8"))
    assert fields["Package"] == "xiaoer"
    assert [p.strip() for p in fields["Depends"].split(",")] == qt_system_packages()
    assert {"Version", "Architecture", "Maintainer", "Description", "Installed-Size"} <= set(fields)


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb (Debian)")
def test_build_deb_lays_out_opt_usr_bin_the_desktop_entry_and_icon(tmp_path):
    bundle = tmp_path / "xiaoer"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "xiaoer").write_text("#!/bin/sh\necho xiaoer\n")
    (bundle / "xiaoer").chmod(0o755)
    (bundle / "_internal" / "base_library.zip").write_bytes(b"zip")
    result = subprocess.run(
        ["sh", str(PACKAGING / "build_deb.sh"), str(bundle), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "XIAOER_DEB_COMPRESSION": "gzip"},
    )
    assert result.returncode == 0, result.stderr
    deb = Path(result.stdout.strip())
    assert deb.name.startswith(f"xiaoer_{VERSION}_") and deb.suffix == ".deb"
    info = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True)
    fields = control_fields(info.stdout)
    assert fields["Version"] == VERSION
    assert fields["Depends"].split(", ") == qt_system_packages()
    assert int(fields["Installed-Size"]) > 0
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True)
    rows = {line.split()[5].removeprefix("."): line for line in listing.stdout.splitlines()}
    assert rows["/"].startswith("drwxr-xr-x root/root")
    assert rows["/opt/xiaoer/xiaoer"].startswith("-rwxr-xr-x root/root")
    assert "/opt/xiaoer/_internal/base_library.zip" in rows
    assert rows["/usr/bin/xiaoer"].endswith("/usr/bin/xiaoer -> /opt/xiaoer/xiaoer")
    for path in (
        "/usr/share/applications/xiaoer.desktop",
        "/usr/share/icons/hicolor/256x256/apps/xiaoer.png",
        "/usr/share/icons/hicolor/scalable/apps/xiaoer.svg",
        "/usr/share/doc/xiaoer/copyright",
    ):
        assert rows[path].startswith("-rw-r--r-- root/root"), path


def test_the_desktop_entry_starts_xiaoer_with_its_icon_in_both_languages():
    entry = dict(
        line.split("=", 1)
        for line in (PACKAGING / "xiaoer.desktop").read_text("utf-8").splitlines()
        if "=" in line
    )
    assert entry["Type"] == "Application" and entry["Exec"] == "xiaoer"
    assert entry["Icon"] == "xiaoer" and entry["Terminal"] == "false"
    assert entry["Name[zh_CN]"] == "店小二"
    icon = (ROOT / "resources" / "icons" / "xiaoer.png").read_bytes()
    assert icon[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(icon[16:20], "big") == 256  # width from the IHDR chunk


def test_postrm_leaves_the_users_store_alone():
    for script in ("postinst", "postrm"):
        text = (PACKAGING / "deb" / script).read_text("utf-8")
        assert text.startswith("#!/bin/sh")
        assert "rm " not in text and ".local/share" not in text.split("set -e", 1)[1]


# -- Windows installer ------------------------------------------------------------------------


def test_the_windows_installer_has_shortcuts_and_keeps_the_data_on_uninstall():
    iss = (ROOT / "installer" / "xiaoer.iss").read_text("utf-8-sig")
    assert f'#define AppVersion "{VERSION}"' in iss
    assert r'Source: "..\dist\xiaoer\*"' in iss and "recursesubdirs" in iss
    assert "{autoprograms}" in iss and "{autodesktop}" in iss
    uninstall_delete = iss.split("[UninstallDelete]", 1)[1].split("\n[", 1)[0]
    assert "{app}" in uninstall_delete
    assert "{localappdata}" not in uninstall_delete and "{userappdata}" not in uninstall_delete
    assert "ChineseSimplified" in iss


# -- first run --------------------------------------------------------------------------------


@pytest.fixture
def empty_ctx(tmp_path):
    store = Store.open(sqlite_url(tmp_path / "first.sqlite3"))
    yield Context(store)
    store.close()


def first_run(qtbot, ctx, code: str) -> FirstRunDialog:
    dialog = FirstRunDialog(ctx, Language(code))
    qtbot.addWidget(dialog)
    dialog.resize(1024, 768)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def type_pin(dialog: FirstRunDialog, pin: str) -> None:
    for digit in pin:
        dialog.pin_pad.keys[digit].click()


def test_first_run_offers_the_demo_venue_and_fills_the_store(qtbot, empty_ctx):
    dialog = first_run(qtbot, empty_ctx, "zh_CN")
    assert dialog.pages.currentWidget() is dialog.welcome_page
    assert dialog.language_label.text() == "语言"
    assert dialog.language_buttons["zh_CN"].isChecked()
    assert dialog.language_buttons["en"].text() == "English"
    assert dialog.demo_button.isVisible() and dialog.new_button.isVisible()
    with qtbot.waitSignal(dialog.venue_created, timeout=2000) as created:
        dialog.demo_button.click()
    assert created.args[0].code == "zh_CN"
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert setup.has_venue(empty_ctx)
    assert "张经理" in {member.name for member in staff.list_staff(empty_ctx)}
    assert len(floor_snapshot(empty_ctx)) == 22


def test_a_new_venue_gets_its_name_language_and_manager_pin(qtbot, empty_ctx):
    dialog = first_run(qtbot, empty_ctx, "en")
    assert dialog.title.text() == "Welcome to Xiaoer"
    dialog.new_button.click()
    assert dialog.pages.currentWidget() is dialog.venue_page
    assert (dialog.venue_name.text(), dialog.manager_name.text()) == ("My restaurant", "Manager")
    dialog.language_buttons["zh_CN"].click()  # the owner reads Chinese: the defaults follow
    assert dialog.manager_name.text() == "经理"
    assert dialog.back_button.text() == "返回"
    assert dialog.pin_pad.keys["clear"].text() == "清除"
    dialog.venue_name.setText("川味小馆")
    dialog.manager_name.setText("刘老板")
    type_pin(dialog, "246")
    assert not dialog.create_button.isEnabled()
    type_pin(dialog, "8")
    assert dialog.pin_pad.display.text() == "●●●●"
    with qtbot.waitSignal(dialog.venue_created, timeout=2000) as created:
        dialog.create_button.click()
    assert created.args[0].code == "zh_CN"
    settings = venue_settings(empty_ctx)
    assert (settings.name_zh, settings.locale) == ("川味小馆", "zh_CN")
    (manager,) = staff.list_staff(empty_ctx)
    assert (manager.name, manager.role) == ("刘老板", staff.Role.MANAGER)
    assert staff.log_in(empty_ctx, staff_id=manager.id, pin="2468").id == manager.id


def test_a_new_venue_without_a_name_is_refused_and_nothing_is_created(qtbot, empty_ctx):
    dialog = first_run(qtbot, empty_ctx, "en")
    dialog.new_button.click()
    dialog.venue_name.setText("   ")
    type_pin(dialog, "1234")
    with qtbot.assertNotEmitted(dialog.venue_created):
        dialog.create_button.click()
    assert dialog.error_label.isVisible()
    assert "venue's name" in dialog.error_label.text()
    assert not setup.has_venue(empty_ctx)
    assert dialog.isVisible()
    dialog.back_button.click()  # changed their mind: the demo after all
    assert dialog.pages.currentWidget() is dialog.welcome_page
    assert not dialog.error_label.isVisible()
    with qtbot.waitSignal(dialog.venue_created, timeout=2000):
        dialog.demo_button.click()
    assert setup.has_venue(empty_ctx)


def test_closing_the_first_run_dialog_starts_nothing(qtbot, empty_ctx, monkeypatch):
    import ui.app

    asked = []
    monkeypatch.setattr(ui.app, "ask_for_a_venue", lambda ctx, language: asked.append(language))
    assert ui.app.run_app(empty_ctx, language=None, smoke=False, started=0.0) == 0
    assert [language.code for language in asked] == ["zh_CN"]
    assert not setup.has_venue(empty_ctx)


# -- a store from the first release -----------------------------------------------------------

LATER = datetime(2026, 11, 22, 23, 30)  # after the fixture's last action (23:03)
BUSINESS_DAY = date(2026, 11, 22)


def schema_version(path: Path) -> str:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def store_figures(path: Path) -> dict[str, list]:
    """What the owner must never lose: bills, receipts, tenders, dishes, tables, staff."""
    queries = {
        "bills": "SELECT status, count(*), sum(total_fen), count(receipt_no) FROM bill"
        " GROUP BY status ORDER BY status",
        "receipts": "SELECT id, business_day, receipt_no, total_fen, status, closed_at"
        " FROM bill WHERE receipt_no IS NOT NULL ORDER BY id",
        "tenders": "SELECT bill_id, method, amount_fen FROM tender ORDER BY id",
        "lines": "SELECT bill_id, item_id, status, quantity_milli, unit_price_fen"
        " FROM order_line ORDER BY id",
        "tables": "SELECT name, state, state_since FROM dining_table ORDER BY id",
        "staff": "SELECT name, role, pin_hash FROM staff ORDER BY id",
    }
    with closing(sqlite3.connect(path)) as db:
        return {name: db.execute(sql).fetchall() for name, sql in queries.items()}


def test_a_store_from_the_first_release_opens_and_keeps_its_bills(tmp_path):
    path = tmp_path / "release1.sqlite3"
    shutil.copy(FIXTURE, path)
    assert FIXTURE.stat().st_size < 2 * 1024 * 1024
    assert schema_version(path) == "0002"  # made by 5e11cce, before screens and shifts
    before = store_figures(path)
    paid = dict((status, (n, total)) for status, n, total, _ in before["bills"])["paid"]
    assert paid[0] >= 60 and len(before["receipts"]) >= 60

    store = Store.open(sqlite_url(path))  # migrates to head, as every start does
    try:
        assert schema_version(path) == head_revision() != "0002"
        assert store_figures(path) == before
        ctx = Context(store, clock=lambda: LATER)
        tiles = {tile.name: tile for tile in floor_snapshot(ctx)}
        assert {name: tiles[name].state for name in ("A1", "A2", "A3", "A4", "A5")} == {
            "A1": TableState.SEATED,
            "A2": TableState.ORDERED,
            "A3": TableState.DINING,
            "A4": TableState.BILL_REQUESTED,
            "A5": TableState.CLEARING,
        }
        assert tiles["A3"].amount_fen == 2 * (4200 + 1800 + 8800)
        report = day_report(ctx, BUSINESS_DAY)
        assert report.reconciles, report.reconciles.mismatches
        receipts_today = [r for r in before["receipts"] if r[1] == str(BUSINESS_DAY)]
        paid_today = [r for r in receipts_today if r[4] == "paid"]  # not the reopened ones
        assert report.receipts == len(paid_today)
        assert report.receipts_total == sum(r[3] for r in paid_today)
        assert venue_settings(ctx).font_scale_percent == 100  # migration 0003's default

        # what later releases added works on the old store: a drawer shift (0005), a bill
        # settled into it, a new party seated, ordered, paid and its table cleared
        (cashier,) = [m.id for m in staff.list_staff(ctx) if m.name == "陈静"]
        shift_id = shifts.open_shift(
            ctx, terminal="counter-1", staff_id=cashier, counted={10000: 5}
        ).shift_id
        (a4_bill,) = tiles["A4"].bill_ids
        total = bill_view(ctx, a4_bill).breakdown.total
        settled = payment.settle_bill(
            ctx,
            bill_id=a4_bill,
            tenders=[Tender(TenderMethod.CASH, total)],
            cashier_id=cashier,
            shift_id=shift_id,
        )
        assert settled.receipt_no == max(r[2] for r in receipts_today) + 1
        bill = seating.seat_party(ctx, table_id=tiles["A6"].table_id, guests=2).bill_id
        items = {entry.name_zh: entry.item_id for entry in menu(ctx)[1]}
        ordering.order_dishes(ctx, bill_id=bill, dishes=[Dish(items["叉烧包"], quantity=2)])
        ordering.send_to_kitchen(ctx, bill_id=bill)
        view = bill_view(ctx, bill)
        payment.settle_bill(
            ctx,
            bill_id=bill,
            tenders=[Tender(TenderMethod.WECHAT, view.breakdown.total)],
            cashier_id=cashier,
            shift_id=shift_id,
        )
        seating.clear_table(ctx, table_id=tiles["A5"].table_id)
        states = {tile.name: tile.state for tile in floor_snapshot(ctx)}
        assert (states["A4"], states["A5"], states["A6"]) == (
            TableState.CLEARING,
            TableState.FREE,
            TableState.CLEARING,
        )
        assert shifts.drawer_expected(ctx, shift_id) == 5 * 10000 + total
        after = day_report(ctx, BUSINESS_DAY)
        assert after.reconciles, after.reconciles.mismatches
        assert after.receipts == report.receipts + 2
        assert after.receipts_total == report.receipts_total + total + view.breakdown.total
    finally:
        store.close()
