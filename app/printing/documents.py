"""What a printed document says, as plain data: the renderers turn these into PDF bytes,
``app.services.documents`` fills them from the store. Amounts are fen; texts are already
in the venue's language choice (both names kept where a document shows both)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Paper(StrEnum):
    ROLL_80 = "80"  # 80 mm thermal roll, height grows with the content
    ROLL_58 = "58"
    A4 = "a4"


class CheckKind(StrEnum):
    GUEST_CHECK = "guest_check"  # 预结单, before payment
    RECEIPT = "receipt"  # 结账单, after payment


@dataclass(frozen=True)
class VenueHeader:
    name: str
    address: str
    phone: str
    tax_id: str
    footer: str


@dataclass(frozen=True)
class CheckLine:
    """One printed dish: quantity × unit price, its options, discount, and whether voided."""

    name: str
    quantity_milli: int
    unit: str
    unit_price_fen: int
    amount_fen: int  # what this line adds to the bill (0 for a voided line on the check)
    options: tuple[tuple[str, int], ...] = ()  # (name, surcharge fen)
    discount_fen: int = 0
    voided: bool = False
    note: str = ""


@dataclass(frozen=True)
class TenderLine:
    method: str  # already translated label, e.g. 微信支付
    amount_fen: int
    signer: str = ""


@dataclass(frozen=True)
class CheckDocument:
    """A guest check (预结单) or a receipt (结账单)."""

    kind: CheckKind
    language: str  # "zh_CN" or "en": labels and number formats
    venue: VenueHeader
    bill_id: int
    table: str
    guests: int
    waiter: str
    cashier: str
    opened_at: datetime
    printed_at: datetime
    lines: tuple[CheckLine, ...]
    items_fen: int
    options_fen: int
    discount_fen: int
    seat_fee_fen: int
    room_fee_fen: int
    minimum_topup_fen: int
    service_charge_fen: int
    rounding_fen: int
    total_fen: int
    receipt_no: int | None = None  # receipts only
    business_day: date | None = None
    closed_at: datetime | None = None
    tenders: tuple[TenderLine, ...] = ()
    change_fen: int = 0
    invoice_requested: bool = False
    member: str = ""
    reprint_at: datetime | None = None  # set on a reprint: marked 重打 / REPRINT
    revision: int = 1


class TicketKind(StrEnum):
    ORDER = "order"
    ADDON = "addon"  # 加菜
    FIRE = "fire"  # 起菜
    HURRY = "hurry"  # 催菜
    VOID = "void"  # 退菜
    TRANSFER = "transfer"  # 转台


@dataclass(frozen=True)
class TicketLine:
    name: str
    quantity_milli: int
    unit: str
    weighed: bool = False  # show the weight (斤两)
    options: tuple[str, ...] = ()
    note: str = ""
    held: bool = False  # 叫起: wait for the call


@dataclass(frozen=True)
class KitchenTicketDocument:
    """What one station is told at one moment."""

    ticket_id: int
    kind: TicketKind
    language: str
    station: str
    table: str
    guests: int
    waiter: str
    created_at: datetime
    lines: tuple[TicketLine, ...]
    note: str = ""  # void reason, or the table moved from
    reprint_at: datetime | None = None


@dataclass(frozen=True)
class SummaryRow:
    label: str
    value: str


@dataclass(frozen=True)
class SummaryTable:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ShiftSummaryDocument:
    """A shift summary / day report layout, filled by the shift issue."""

    language: str
    venue: VenueHeader
    title: str  # e.g. 交班报表 Z-0012 / 营业日报 2026-11-20
    period: str
    printed_at: datetime
    figures: tuple[SummaryRow, ...]  # headline figures
    tables: tuple[SummaryTable, ...] = field(default=())
