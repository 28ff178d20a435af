"""Pinyin initials for finding a dish by typing (宫保鸡丁 → gbjd)."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def pinyin_initials(name: str) -> str:
    """Lower-case initials of the Chinese characters; letters and digits are kept as typed."""
    initials = []
    for syllable in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default"):
        initials.extend(ch.lower() for ch in syllable if ch.isascii() and ch.isalnum())
    return "".join(initials)
