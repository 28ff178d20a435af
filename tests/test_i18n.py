"""Language: catalog look-ups and locale formats, as staff and guests read them."""

from __future__ import annotations

import shutil
from datetime import date, datetime, time
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app.domain.errors import N_, Amount, InvalidInput, NotAllowed, Phrase
from app.domain.money import parse_yuan
from app.domain.table_state import TableState, move
from app.i18n import LOCALE_DIR, Language

ZH = Language("zh_CN")
EN = Language("en")


def test_chinese_is_the_default_language() -> None:
    assert Language().code == "zh_CN"
    assert Language().gettext("Cash") == "现金"


def test_locale_dir_is_the_resources_folder_of_the_checkout() -> None:
    assert (LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "xiaoer.po").is_file()


@pytest.mark.parametrize(
    ("fen", "zh", "en"),
    [
        (123_450, "¥1,234.50", "CN¥1,234.50"),
        (12_345, "¥123.45", "CN¥123.45"),
        (0, "¥0.00", "CN¥0.00"),
        (-5, "-¥0.05", "-CN¥0.05"),
        (100_000_000, "¥1,000,000.00", "CN¥1,000,000.00"),
    ],
)
def test_money_is_written_in_yuan_for_the_locale(fen: int, zh: str, en: str) -> None:
    assert ZH.money(fen) == zh
    assert EN.money(fen) == en


@pytest.mark.parametrize(
    ("milli", "unit_zh", "zh", "unit_en", "en"),
    [
        (1600, "斤", "1.6斤", "jin", "1.6 jin"),
        (1000, "份", "1份", "portion", "1 portion"),
        (250, "斤", "0.25斤", "jin", "0.25 jin"),
        (1_234_567, "克", "1,234.567克", "g", "1,234.567 g"),
        (2000, "", "2", "", "2"),
    ],
)
def test_quantity_drops_trailing_zeros_and_spaces_latin_units(
    milli: int, unit_zh: str, zh: str, unit_en: str, en: str
) -> None:
    assert ZH.quantity(milli, unit_zh) == zh
    assert EN.quantity(milli, unit_en) == en


def test_percent_from_basis_points_keeps_a_half_percent() -> None:
    assert ZH.percent(1000) == "10%"
    assert EN.percent(1250) == "12.5%"


def test_numbers_group_thousands() -> None:
    assert ZH.number(1200) == "1,200"


def test_dates_and_times_follow_the_locale() -> None:
    moment = datetime(2024, 3, 5, 21, 7, 9)
    assert ZH.time(moment) == "21:07"
    assert EN.time(moment) == "9:07 PM"
    assert ZH.date(date(2024, 3, 5)) == "2024年3月5日"
    assert EN.date(date(2024, 3, 5)) == "Mar 5, 2024"
    assert ZH.datetime(moment) == "2024/3/5 21:07"


@pytest.mark.parametrize("language", [ZH, EN], ids=["zh_CN", "en"])
@pytest.mark.parametrize("fmt", ["short", "medium", "long"])
def test_times_never_contain_a_narrow_no_break_space(language: Language, fmt: str) -> None:
    moment = datetime(2024, 3, 5, 21, 7, 9)
    outputs = [language.time(moment, fmt), language.time(time(9, 5), fmt)]
    outputs.append(language.datetime(moment, fmt))
    assert all("\u202f" not in text for text in outputs)


def test_not_allowed_from_the_table_state_machine_reads_in_each_language() -> None:
    with pytest.raises(NotAllowed) as caught:
        move("A1", TableState.FREE, TableState.PAID)
    error = caught.value
    assert ZH.error_text(error) == "桌台A1当前为“空闲”，不能转为“已结账”。"
    assert EN.error_text(error) == "Table A1 is free and cannot become paid."


def test_invalid_input_from_parsing_an_amount_reads_in_each_language() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_yuan("12.345")
    assert ZH.error_text(caught.value) == "“12.345”不是有效的金额。"
    assert EN.error_text(caught.value) == "“12.345” is not an amount."


def test_error_values_are_formatted_money_phrases_and_numbers() -> None:
    error = InvalidInput(
        N_("{method} cannot pay {amount}: only {due} is still due."),
        method=Phrase(N_("WeChat Pay")),
        amount=Amount(200_000),
        due=Amount(10_000),
    )
    assert ZH.error_text(error) == "微信支付不能支付¥2,000.00：只剩¥100.00未付。"
    assert EN.error_text(error) == "WeChat Pay cannot pay CN¥2,000.00: only CN¥100.00 is still due."
    too_long = InvalidInput(N_("That text is too long: at most {limit} characters."), limit=1200)
    assert "1,200" in ZH.error_text(too_long)
    assert "1,200" in EN.error_text(too_long)


def test_english_falls_back_to_the_message_id() -> None:
    assert EN.gettext("Cash") == "Cash"
    assert ZH.gettext("A message nobody wrote") == "A message nobody wrote"
    assert EN.ngettext("{n} guest", "{n} guests", 2) == "{n} guests"


def test_pick_chooses_the_record_text_for_the_language() -> None:
    assert ZH.pick("宫保鸡丁", "Kung Pao Chicken") == "宫保鸡丁"
    assert EN.pick("宫保鸡丁", "Kung Pao Chicken") == "Kung Pao Chicken"
    assert EN.pick("宫保鸡丁", "") == "宫保鸡丁"


def _copy_po(tmp_path: Path) -> Path:
    target = tmp_path / "zh_CN" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "xiaoer.po", target / "xiaoer.po")
    return target


def test_a_source_checkout_translates_from_the_po_before_compiling(tmp_path: Path) -> None:
    _copy_po(tmp_path)
    assert Language("zh_CN", locale_dir=tmp_path).gettext("Cash") == "现金"


def test_the_compiled_catalog_is_used_when_up_to_date(tmp_path: Path) -> None:
    messages = _copy_po(tmp_path)
    with (messages / "xiaoer.po").open("rb") as po:
        catalog = read_po(po, locale="zh_CN")
    catalog.get("Cash").string = "现金（已编译）"
    with (messages / "xiaoer.mo").open("wb") as mo:
        write_mo(mo, catalog)
    assert Language("zh_CN", locale_dir=tmp_path).gettext("Cash") == "现金（已编译）"


def test_a_missing_catalog_shows_the_english_message_ids(tmp_path: Path) -> None:
    assert Language("zh_CN", locale_dir=tmp_path).gettext("Cash") == "Cash"
