"""The venue's settings as the screens and receipts need them."""

from __future__ import annotations

from dataclasses import dataclass

from app.services.bills import venue_of
from app.services.context import Context


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
        )
