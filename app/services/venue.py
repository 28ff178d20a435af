"""The venue's settings as the screens and receipts need them."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import N_, InvalidInput
from app.services.bills import venue_of
from app.services.context import Changes, Context

FONT_SCALES = (100, 115, 130)
"""The font-size setting: normal, large, larger (percent of the base size)."""
AUTO_LOCK_RANGE = (0, 3600)
"""Seconds of idle time before the screen locks; 0 never locks."""


@dataclass(frozen=True)
class VenueSettings:
    name_zh: str
    name_en: str
    address: str
    phone: str
    tax_id: str
    currency: str
    locale: str
    service_charge_bp: int
    rounding_mode: str
    max_party_size: int
    auto_lock_seconds: int
    font_scale_percent: int


def venue_settings(ctx: Context) -> VenueSettings:
    with ctx.reading() as session:
        v = venue_of(session)
        return VenueSettings(
            v.name_zh,
            v.name_en,
            v.address,
            v.phone,
            v.tax_id,
            v.currency,
            v.locale,
            v.service_charge_bp,
            v.rounding_mode,
            v.max_party_size,
            v.auto_lock_seconds,
            v.font_scale_percent,
        )


def set_font_scale(ctx: Context, *, percent: int) -> Changes:
    """The font size every screen uses, one of ``FONT_SCALES``."""
    if percent not in FONT_SCALES:
        raise InvalidInput(
            N_("Font size must be one of {sizes}."),
            sizes=", ".join(f"{size}%" for size in FONT_SCALES),
        )
    with ctx.transaction() as session:
        venue_of(session).font_scale_percent = percent
    return Changes()


def set_auto_lock(ctx: Context, *, seconds: int) -> Changes:
    """Lock the screen after this many idle seconds (0: never)."""
    low, high = AUTO_LOCK_RANGE
    if not low <= seconds <= high:
        raise InvalidInput(
            N_("Auto-lock must be between {low} and {high} seconds."), low=low, high=high
        )
    with ctx.transaction() as session:
        venue_of(session).auto_lock_seconds = seconds
    return Changes()
