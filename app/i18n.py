"""The user's language: catalog look-ups and locale formatting of money, numbers and times.

English source strings are the message ids. No Qt here: the UI builds one ``Language`` at
start-up (and a new one when staff switch language) and passes it to what needs it.
"""

from __future__ import annotations

import io
import sys
from datetime import date as Date
from datetime import datetime as DateTime
from datetime import time as Time
from decimal import Decimal
from gettext import NullTranslations
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent
from babel.support import Translations

from app.domain.errors import Amount, Phrase, XiaoerError

DOMAIN = "xiaoer"
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
MONEY_CACHE_SIZE = 20_000


def _resources_dir() -> Path:
    """``resources/`` next to the packages, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


RESOURCES_DIR = _resources_dir()
LOCALE_DIR = RESOURCES_DIR / "locale"

_NARROW_NBSP = "\u202f"


def _plain_spaces(text: str) -> str:
    """CLDR puts U+202F before AM/PM; fonts and receipt printers often lack it."""
    return text.replace(_NARROW_NBSP, " ")


def load_translations(code: str, locale_dir: Path = LOCALE_DIR) -> NullTranslations:
    """The compiled catalog for ``code``; in a source checkout whose ``.mo`` is missing or
    older than its ``.po``, the ``.po`` compiled in memory; else no translations."""
    messages = locale_dir / code / "LC_MESSAGES"
    mo, po = messages / f"{DOMAIN}.mo", messages / f"{DOMAIN}.po"
    if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
        with po.open("rb") as source:
            catalog = read_po(source, locale=code, domain=DOMAIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)  # leaves out fuzzy and untranslated entries, like compile
        buffer.seek(0)
        return Translations(buffer, domain=DOMAIN)
    return Translations.load(str(locale_dir), [code], DOMAIN)


class Language:
    """One display language: translated text and locale formats (zh_CN: ¥1,234.50, 21:07)."""

    def __init__(self, code: str = DEFAULT_LANGUAGE, *, locale_dir: Path = LOCALE_DIR) -> None:
        self.code = code.replace("-", "_")  # the catalog folder: zh_CN, en
        self.locale = Locale.parse(self.code)
        self._translations = load_translations(self.code, locale_dir)
        self._money_shown: dict[int, str] = {}

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    @property
    def is_chinese(self) -> bool:
        return self.locale.language == "zh"

    @property
    def display_name(self) -> str:
        """The language's own name, for a language switch (中文, English)."""
        if self.is_chinese:
            return "中文"
        return self.locale.get_display_name(self.locale) or self.code

    # -- text -------------------------------------------------------------------------------

    def gettext(self, msgid: str) -> str:
        return self._translations.gettext(msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translations.ngettext(singular, plural, n)

    def pick(self, text_zh: str, text_en: str) -> str:
        """Choose between a record's Chinese and English text (dish names, units); Chinese
        when English is wanted but missing."""
        if self.is_chinese or not text_en:
            return text_zh
        return text_en

    def error_text(self, error: XiaoerError) -> str:
        """A domain error as the user should read it, in this language."""
        return error.render(self.gettext, self._value)

    def _value(self, value: Any) -> str:
        if isinstance(value, Amount):
            return self.money(value)
        if isinstance(value, Phrase):
            return self.gettext(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return self.number(value)
        return str(value)

    # -- numbers ----------------------------------------------------------------------------

    def money(self, fen: int) -> str:
        """An amount in fen as the locale writes yuan: ``¥123.45`` (zh_CN), ``CN¥123.45`` (en)."""
        shown = self._money_shown.get(fen)
        if shown is None:  # Babel takes ~40 µs an amount; a menu shows a hundred and more
            if len(self._money_shown) >= MONEY_CACHE_SIZE:
                self._money_shown.clear()
            amount = Decimal(fen) / 100
            shown = _plain_spaces(format_currency(amount, "CNY", locale=self.locale))
            self._money_shown[fen] = shown
        return shown

    def number(self, value: int | Decimal) -> str:
        return _plain_spaces(format_decimal(value, locale=self.locale))

    def quantity(self, quantity_milli: int, unit: str = "") -> str:
        """A quantity kept in thousandths with its unit: 1600, 斤 → ``1.6斤``; jin → ``1.6 jin``."""
        number = self.number(Decimal(quantity_milli) / 1000)  # up to 3 places, no trailing 0s
        if not unit:
            return number
        separator = "" if _is_cjk(unit[0]) else " "
        return f"{number}{separator}{unit}"

    def percent(self, basis_points: int) -> str:
        """Basis points as a percentage: 1250 → ``12.5%``."""
        value = Decimal(basis_points) / 10_000
        text = format_percent(value, locale=self.locale, decimal_quantization=False)
        return _plain_spaces(text)

    # -- dates and times --------------------------------------------------------------------

    def date(self, value: Date, format: str = "medium") -> str:
        return _plain_spaces(format_date(value, format=format, locale=self.locale))

    def time(self, value: Time | DateTime, format: str = "short") -> str:
        return _plain_spaces(format_time(_local(value), format=format, locale=self.locale))

    def datetime(self, value: DateTime, format: str = "short") -> str:
        return _plain_spaces(format_datetime(_local(value), format=format, locale=self.locale))


def _local(value: Any) -> Any:
    """Aware datetimes are shown in the machine's time zone; naive ones as they are."""
    if isinstance(value, DateTime) and value.tzinfo is not None:
        return value.astimezone()
    return value


def _is_cjk(char: str) -> bool:
    """Chinese units sit right after the number (1.6斤); others take a space (1.6 jin)."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, kana, CJK symbols, unified ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x3FFFF  # extension ideographs
    )
