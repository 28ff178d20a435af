"""Shift & drawer, tapped as a cashier would: the denomination counter, opening with a
counted float, cash in and out on the pad, the X report, and closing with over/short
shown live, the manager overlay on a big shortage and the open bills carried over."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.i18n import Language
from app.services import ordering, seating, shifts
from app.services.staff import Role, StaffMember
from db.models import PrintJob
from ui.authorise import ManagerAuthorisation
from ui.backoffice.shift_screen import CASH_IN_REASONS, CASH_OUT_REASONS, CLOSE_NOTES, ShiftPanel
from ui.printing import PdfPreview
from ui.session import UiSession
from ui.widgets.denominations import DenominationCounter

# the offscreen platform says so when a window is shown; it is not a fault of the screen
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

TILL = "counter-1"
MANAGER_PIN = "9999"


@pytest.fixture
def cashier(ctx, demo) -> UiSession:
    """The cashier 陈静 logged in, screens in Chinese."""
    return UiSession(ctx, Language("zh_CN"), StaffMember(demo.cashier, "陈静", Role.CASHIER))


@pytest.fixture
def panel(qtbot, cashier) -> ShiftPanel:
    widget = ShiftPanel(cashier, terminal=TILL)
    qtbot.addWidget(widget)
    widget.resize(820, 688)  # the back office at 1024×768: tabs on the left, header above
    widget.show()
    return widget


def tap_count(counter: DenominationCounter, denomination: int, digits: str) -> None:
    """Tap a row's count and type it on the pad."""
    counter.rows[denomination].count_button.click()
    dialog = counter.pad_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.pad.keys["clear"].click()
    for digit in digits:
        dialog.pad.keys[digit].click()
    dialog.ok_button.click()


def count_exactly(counter: DenominationCounter, fen: int) -> None:
    """Count ``fen`` on the counter afresh, largest notes first, by typing each count."""
    counter.clear_button.click()
    for denomination in counter.rows:
        pieces, fen = divmod(fen, denomination)
        if pieces:
            tap_count(counter, denomination, str(pieces))
    assert fen == 0


def authorise(overlay: ManagerAuthorisation, reason: str) -> None:
    assert overlay is not None and overlay.isVisible()
    for digit in MANAGER_PIN:
        overlay.pin_pad.keys[digit].click()
    overlay.reason_buttons[reason].click()
    overlay.ok_button.click()


def test_the_counter_adds_up_every_note_and_coin_live(qtbot, cashier):
    counter = DenominationCounter(cashier)
    qtbot.addWidget(counter)
    counter.show()
    totals = []
    counter.changed.connect(totals.append)
    assert counter.total_label.text() == "¥0.00"
    assert not counter.rows[10000].minus.isEnabled()  # nothing to take away yet
    for _ in range(3):
        counter.rows[10000].plus.click()
    counter.rows[10000].minus.click()
    counter.rows[50].plus.click()
    tap_count(counter, 1000, "12")
    assert counter.counts() == {10000: 2, 5000: 0, 2000: 0, 1000: 12, 500: 0, 100: 0, 50: 1, 10: 0}
    assert counter.total_fen() == 32050
    assert counter.total_label.text() == "¥320.50"
    assert counter.rows[1000].count_button.text() == "12"
    assert counter.rows[1000].amount.text() == "¥120.00"
    assert totals[-1] == 32050 and len(totals) == 6

    counter.rows[10].count_button.click()  # typed, then cancelled: nothing changes
    counter.pad_dialog.pad.keys["7"].click()
    counter.pad_dialog.cancel_button.click()
    assert counter.rows[10].count == 0
    for row in counter.rows.values():  # every tap target fits a finger
        assert min(row.minus.minimumWidth(), row.minus.minimumHeight()) >= 48
        assert min(row.plus.minimumWidth(), row.plus.minimumHeight()) >= 48
        assert row.count_button.minimumHeight() >= 48
    counter.clear_button.click()
    assert counter.total_fen() == 0 and counter.total_label.text() == "¥0.00"


def test_open_move_cash_and_close_even_through_the_panel(qtbot, panel, ctx, demo):
    assert panel.pages.currentWidget() is panel.open_page
    assert TILL in panel.open_title.text()
    count_exactly(panel.float_counter, 30000)  # ¥300 float: 3 × ¥100
    panel.open_button.click()
    shift = shifts.current_shift(ctx, TILL)
    assert shift is not None and shift.float_fen == 30000 and shift.opened_by == "陈静"
    assert shift.float_counts[10000] == 3
    assert panel.pages.currentWidget() is panel.shift_page
    assert panel.expected_label.text() == "¥300.00"

    panel.cash_in_button.click()
    assert panel.pages.currentWidget() is panel.move_page
    assert panel.reason_buttons[CASH_IN_REASONS[0]].isVisible()
    assert not panel.reason_buttons[CASH_OUT_REASONS[0]].isVisible()
    for key in "50":
        panel.amount_pad.keys[key].click()
    panel.reason_buttons[CASH_IN_REASONS[0]].click()
    panel.move_ok_button.click()
    assert panel.pages.currentWidget() is panel.shift_page
    assert panel.expected_label.text() == "¥350.00"

    panel.cash_out_button.click()
    for key in "12.5":
        panel.amount_pad.keys[key].click()
    panel.move_ok_button.click()  # no reason yet: refused, shown in the panel
    assert panel.error_label.isVisible() and panel.pages.currentWidget() is panel.move_page
    panel.reason_edit.setText("买酱油")
    panel.reason_edit.textEdited.emit("买酱油")
    panel.move_ok_button.click()
    assert not panel.error_label.isVisible()
    assert panel.expected_label.text() == "¥337.50"
    assert panel.movements.rowCount() == 2
    assert panel.movements.item(1, 2).text() == "买酱油"
    assert panel.movements.item(1, 3).text() == "-¥12.50"

    panel.close_button.click()  # no bill is open: straight to the count
    assert panel.pages.currentWidget() is panel.count_page
    assert panel.expected_value.text() == "¥337.50"
    count_exactly(panel.close_counter, 33750)
    assert panel.counted_value.text() == "¥337.50"
    assert panel.over_short_value.text() == "无差额"
    panel.close_shift_button.click()
    assert panel.pages.currentWidget() is panel.closed_page
    assert panel.z_label.text() == "Z-0001"
    closed = shifts.shift_view(ctx, shift.shift_id)
    assert (closed.z_no, closed.over_short_fen, closed.counted_fen) == (1, 0, 33750)
    with ctx.reading() as session:
        job = session.scalars(select(PrintJob).where(PrintJob.shift_id == shift.shift_id)).one()
        assert job.kind == shifts.HANDOVER_SLIP and job.status == "queued"

    preview = panel.preview_slip()
    assert isinstance(preview, PdfPreview) and preview.page_count >= 1
    preview.close_button.click()
    panel.new_shift_button.click()
    assert panel.pages.currentWidget() is panel.open_page
    assert panel.float_counter.total_fen() == 0


def test_a_big_shortage_is_shown_live_and_needs_a_note_and_the_manager(qtbot, panel, ctx, demo):
    shift_id = shifts.open_shift(
        ctx, terminal=TILL, staff_id=demo.cashier, counted={10000: 3}
    ).shift_id
    panel.refresh()
    panel.close_button.click()
    count_exactly(panel.close_counter, 29500)  # ¥5 short: within the ¥10 limit
    assert panel.over_short_value.text() == "短款 ¥5.00"
    assert panel.over_short_value.property("beyond") is False
    count_exactly(panel.close_counter, 27000)  # ¥30 short: beyond it
    assert panel.over_short_value.text() == "短款 ¥30.00"
    assert panel.over_short_value.property("beyond") is True
    assert panel.limit_label.property("beyond") is True
    assert "¥10.00" in panel.limit_label.text()

    panel.close_shift_button.click()  # no note: refused, the shift stays open
    assert panel.error_label.isVisible()
    assert "¥30.00" in panel.error_label.text()
    assert shifts.current_shift(ctx, TILL) is not None
    panel.note_buttons[CLOSE_NOTES[0]].click()
    assert panel.note_edit.text() == "找错零钱"
    panel.close_shift_button.click()
    overlay = panel.authorisation
    assert isinstance(overlay, ManagerAuthorisation) and overlay.isVisible()
    assert shifts.current_shift(ctx, TILL) is not None  # nothing until the manager says so
    authorise(overlay, CLOSE_NOTES[1])
    closed = shifts.shift_view(ctx, shift_id)
    assert (closed.over_short_fen, closed.note, closed.approved_by) == (-3000, "找错零钱", "张经理")
    assert panel.pages.currentWidget() is panel.closed_page
    assert "-¥30.00" in panel.closed_facts.text()


def test_open_bills_at_close_are_listed_to_settle_or_carry_over(qtbot, panel, ctx, demo):
    bill_id = seating.seat_party(
        ctx, table_id=demo.table("A3"), guests=3, waiter_id=demo.waiter
    ).bill_id
    ordering.add_to_cart(ctx, bill_id=bill_id, item_id=demo.item("叉烧包"))
    shift_id = shifts.open_shift(ctx, terminal=TILL, staff_id=None, counted={}).shift_id
    panel.refresh()
    panel.close_button.click()
    assert panel.pages.currentWidget() is panel.bills_page
    assert panel.bills_table.rowCount() == 1
    assert panel.bills_table.item(0, 0).text() == "A3"
    assert panel.bills_table.item(0, 1).text() == "3"
    assert panel.bills_title.text() == "未结账单：1"
    with qtbot.waitSignal(panel.settle_requested) as settle:
        panel.go_settle_button.click()
    assert settle.args == [bill_id]

    panel.carry_over_button.click()
    assert panel.pages.currentWidget() is panel.count_page
    assert panel.carried_label.isVisible()
    assert panel.carried_label.text().endswith("1")
    panel.close_shift_button.click()
    assert shifts.shift_view(ctx, shift_id).carried_over == (bill_id,)
    assert panel.pages.currentWidget() is panel.closed_page


def test_cash_out_beyond_the_drawer_and_the_x_report(qtbot, panel, ctx, demo):
    shifts.open_shift(ctx, terminal=TILL, staff_id=None, counted={5000: 1})
    panel.refresh()
    panel.cash_out_button.click()
    for key in "60":
        panel.amount_pad.keys[key].click()
    panel.reason_buttons[CASH_OUT_REASONS[0]].click()
    panel.move_ok_button.click()
    assert panel.pages.currentWidget() is panel.move_page
    assert panel.error_label.text() == (
        Language("zh_CN")
        .gettext("Only {available} should be in the drawer: {amount} cannot be taken out.")
        .format(available="¥50.00", amount="¥60.00")
    )
    panel.move_cancel_button.click()
    assert panel.pages.currentWidget() is panel.shift_page
    assert not panel.error_label.isVisible()

    preview = panel.show_x_report()
    assert isinstance(preview, PdfPreview) and preview.isVisible() and preview.page_count >= 1
    preview.close_button.click()


def test_the_panel_speaks_the_language_chosen(qtbot, panel, cashier, ctx):
    cashier.set_language(Language("en"))
    assert panel.open_button.text() == "Open shift"
    assert panel.open_title.text() == "No shift is open on counter-1"
    assert panel.float_counter.total_caption.text() == "Total"
    cashier.set_language(Language("zh_CN"))
    assert panel.open_button.text() == "开班"


@pytest.mark.parametrize("code", ["zh_CN", "en"])
def test_every_page_fits_the_back_office_at_1024_by_768(qtbot, panel, cashier, ctx, code):
    """Beside the back office's tabs and below the 80 px header: 820 × 688 px at most."""
    cashier.set_language(Language(code))
    shifts.open_shift(ctx, terminal=TILL, staff_id=None, counted={10000: 50})
    panel.refresh()
    panel.close_button.click()
    panel.close_counter.set_counts({10000: 50, 100: 120, 10: 99})  # ¥5,129.90
    for page in (panel.open_page, panel.shift_page, panel.move_page, panel.count_page):
        hint = page.minimumSizeHint()
        assert hint.width() <= 820 - 24 and hint.height() <= 688 - 16, (page, hint)


def test_the_panel_follows_the_font_size_setting(qtbot, panel, cashier):
    cashier.set_font_scale(1.5)
    assert "font-size: 54px" in panel.float_counter.styleSheet()  # the total: 36 px × 1.5
    assert "font-size: 54px" in panel.styleSheet()  # the expected cash
    cashier.set_font_scale(1.0)
    assert "font-size: 36px" in panel.float_counter.styleSheet()
