"""Free text typed by staff (notes, reasons, names): trimmed, bounded, printable."""

from __future__ import annotations

import unicodedata

from app.domain.errors import N_, InvalidInput, Phrase

NOTE_MAX = 200
REASON_MAX = 200
NAME_MAX = 60


def clean_text(value: str, *, max_length: int, required: bool = False, what: str = "") -> str:
    """Return ``value`` trimmed; refuse control characters, over-long or missing text."""
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(N_("Please enter {what}."), what=Phrase(what or N_("a text")))
    if len(text) > max_length:
        raise InvalidInput(
            N_("That text is too long: at most {limit} characters."), limit=max_length
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in text):
        raise InvalidInput(N_("That text contains characters that cannot be printed."))
    return text
