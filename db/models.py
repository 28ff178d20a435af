"""The venue store: SQLAlchemy 2 typed models. Order lines, tenders and tickets are rows of
their own with stable ids; a bill carries a version for optimistic concurrency."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# ---------------------------------------------------------------- venue


class Venue(Base):
    """The one venue of this install and its settings."""

    __tablename__ = "venue"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    tax_id: Mapped[str] = mapped_column(String(40), default="")
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    locale: Mapped[str] = mapped_column(String(10), default="zh_CN")
    service_charge_bp: Mapped[int] = mapped_column(Integer, default=0)
    rounding_mode: Mapped[str] = mapped_column(String(20), default="none")
    max_party_size: Mapped[int] = mapped_column(Integer, default=30)
    day_starts_at_minutes: Mapped[int] = mapped_column(Integer, default=300)  # 05:00
    receipt_footer_zh: Mapped[str] = mapped_column(String(200), default="")
    receipt_footer_en: Mapped[str] = mapped_column(String(200), default="")
    auto_lock_seconds: Mapped[int] = mapped_column(Integer, default=180, server_default="180")
    font_scale_percent: Mapped[int] = mapped_column(Integer, default=100, server_default="100")
    # over/short at a shift's close beyond this needs a manager and a note
    drawer_tolerance_fen: Mapped[int] = mapped_column(Integer, default=1000, server_default="1000")
    backup_keep: Mapped[int] = mapped_column(Integer, default=14, server_default="14")
    backup_folder: Mapped[str] = mapped_column(String(300), default="", server_default="")


def profile_for_room_kind(kind: str) -> str:
    """The service profile a room starts with: tea rooms follow the tea house, the hall
    and private rooms the restaurant."""
    return "tea_house" if kind == "tea" else "restaurant"


def _room_profile_default(context) -> str:
    return profile_for_room_kind(context.get_current_parameters().get("kind") or "hall")


class Room(Base):
    """An area of the floor plan (大厅, 包厢, 茶室): one tab, one seat fee per guest."""

    __tablename__ = "room"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="hall")  # hall, private, tea
    name_zh: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(60), default="")
    seat_fee_fen: Mapped[int] = mapped_column(Integer, default=0)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # the service steps its staff follow (resources/service_steps/<profile>.json)
    service_profile: Mapped[str] = mapped_column(
        String(20), default=_room_profile_default, server_default="restaurant"
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")

    tables: Mapped[list[DiningTable]] = relationship(
        back_populates="room", order_by="DiningTable.sort_order"
    )


class DiningTable(Base):
    """A table (or a private / tea room that is one table) with its place on the plan."""

    __tablename__ = "dining_table"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"), index=True)
    name: Mapped[str] = mapped_column(String(30))
    seats: Mapped[int] = mapped_column(Integer, default=4)
    shape: Mapped[str] = mapped_column(String(10), default="square")  # square, round, rect
    x: Mapped[int] = mapped_column(Integer, default=0)
    y: Mapped[int] = mapped_column(Integer, default=0)
    width: Mapped[int] = mapped_column(Integer, default=90)
    height: Mapped[int] = mapped_column(Integer, default=90)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    minimum_spend_fen: Mapped[int] = mapped_column(Integer, default=0)
    timed_block_minutes: Mapped[int] = mapped_column(Integer, default=0)
    timed_block_price_fen: Mapped[int] = mapped_column(Integer, default=0)
    timed_free_minutes: Mapped[int] = mapped_column(Integer, default=0)
    timed_cap_fen: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(20), default="free", index=True)
    state_since: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    room: Mapped[Room] = relationship(back_populates="tables")


class Station(Base):
    """A kitchen station that receives tickets: hot kitchen, cold kitchen, bar / tea bar."""

    __tablename__ = "station"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name_zh: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(60), default="")


class MenuCategory(Base):
    __tablename__ = "menu_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name_zh: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(60), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    items: Mapped[list[MenuItem]] = relationship(
        back_populates="category", order_by="MenuItem.sort_order"
    )


class ItemOptionGroup(Base):
    """Which option groups an item asks (宫保鸡丁 → 辣度, 加料)."""

    __tablename__ = "item_option_group"

    item_id: Mapped[int] = mapped_column(ForeignKey("menu_item.id"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("option_group.id"), primary_key=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class MenuItem(Base):
    __tablename__ = "menu_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("menu_category.id"), index=True)
    name_zh: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(80), default="")
    price_fen: Mapped[int] = mapped_column(Integer)
    unit_zh: Mapped[str] = mapped_column(String(10), default="份")
    unit_en: Mapped[str] = mapped_column(String(20), default="portion")
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    course: Mapped[str] = mapped_column(String(10), default="hot")
    sold_out: Mapped[bool] = mapped_column(Boolean, default=False)
    weighed: Mapped[bool] = mapped_column(Boolean, default=False)
    market_price: Mapped[bool] = mapped_column(Boolean, default=False)
    is_set_meal: Mapped[bool] = mapped_column(Boolean, default=False)
    pinyin_initials: Mapped[str] = mapped_column(String(30), default="", index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    category: Mapped[MenuCategory] = relationship(back_populates="items")
    station: Mapped[Station] = relationship()
    option_groups: Mapped[list[OptionGroup]] = relationship(
        secondary="item_option_group", order_by="ItemOptionGroup.sort_order", viewonly=True
    )
    components: Mapped[list[SetMealComponent]] = relationship(
        foreign_keys="SetMealComponent.set_item_id", order_by="SetMealComponent.id"
    )


class OptionGroup(Base):
    """A question asked when ordering (辣度, 做法, 加料) with its allowed number of choices."""

    __tablename__ = "option_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name_zh: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(60), default="")
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    min_choices: Mapped[int] = mapped_column(Integer, default=0)
    max_choices: Mapped[int] = mapped_column(Integer, default=1)

    options: Mapped[list[Option]] = relationship(
        back_populates="group", order_by="Option.sort_order"
    )


class Option(Base):
    __tablename__ = "option"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("option_group.id"), index=True)
    name_zh: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(60), default="")
    surcharge_fen: Mapped[int] = mapped_column(Integer, default=0)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    group: Mapped[OptionGroup] = relationship(back_populates="options")


class SetMealComponent(Base):
    """A dish inside a set meal 套餐; sent to its own station when the set is sent."""

    __tablename__ = "set_meal_component"

    id: Mapped[int] = mapped_column(primary_key=True)
    set_item_id: Mapped[int] = mapped_column(ForeignKey("menu_item.id"), index=True)
    component_item_id: Mapped[int] = mapped_column(ForeignKey("menu_item.id"))
    quantity: Mapped[int] = mapped_column(Integer, default=1)

    component: Mapped[MenuItem] = relationship(foreign_keys=[component_item_id])


class Staff(Base):
    """A waiter, cashier or manager; the PIN is kept only as a salted scrypt hash."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(10))  # waiter, cashier, manager
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Reservation(Base):
    __tablename__ = "reservation"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int | None] = mapped_column(ForeignKey("dining_table.id"), index=True)
    guest_name: Mapped[str] = mapped_column(String(60))
    guest_title: Mapped[str] = mapped_column(String(10), default="")  # 先生 / 女士
    phone: Mapped[str] = mapped_column(String(30), default="")
    party_size: Mapped[int] = mapped_column(Integer)
    arrive_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(12), default="booked")  # booked, seated, cancelled


# ---------------------------------------------------------------- service


class Bill(Base):
    """One party's bill (ticket). Merged bills point at the bill that settles them; a
    reopened paid bill stays as it was and a new revision is made."""

    __tablename__ = "bill"
    __table_args__ = (
        UniqueConstraint("business_day", "receipt_no", name="receipt_per_day"),
        Index("ix_bill_open", "status", "table_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("dining_table.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    guests: Mapped[int] = mapped_column(Integer)
    waiter_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    cashier_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reservation_id: Mapped[int | None] = mapped_column(ForeignKey("reservation.id"))
    opened_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    bill_requested_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    business_day: Mapped[date | None] = mapped_column(Date, index=True)
    receipt_no: Mapped[int | None] = mapped_column(Integer)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("bill.id"), index=True)
    split_from_id: Mapped[int | None] = mapped_column(ForeignKey("bill.id"), index=True)
    revision_of_id: Mapped[int | None] = mapped_column(ForeignKey("bill.id"))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    share_of_total: Mapped[bool] = mapped_column(Boolean, default=False)
    discount_kind: Mapped[str | None] = mapped_column(String(10))
    discount_value: Mapped[int] = mapped_column(Integer, default=0)
    discount_reason: Mapped[str] = mapped_column(String(200), default="")
    rounding_mode: Mapped[str | None] = mapped_column(String(20))  # None: the venue's rule
    custom_rounding_fen: Mapped[int] = mapped_column(Integer, default=0)
    room_fee_paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    room_fee_paused_at: Mapped[datetime | None] = mapped_column(DateTime)
    invoice_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    member_ref: Mapped[str] = mapped_column(String(40), default="")
    changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # frozen at settlement: the receipt's figures never change afterwards
    items_fen: Mapped[int] = mapped_column(Integer, default=0)
    options_fen: Mapped[int] = mapped_column(Integer, default=0)
    discount_fen: Mapped[int] = mapped_column(Integer, default=0)
    seat_fee_fen: Mapped[int] = mapped_column(Integer, default=0)
    room_fee_fen: Mapped[int] = mapped_column(Integer, default=0)
    minimum_topup_fen: Mapped[int] = mapped_column(Integer, default=0)
    service_charge_fen: Mapped[int] = mapped_column(Integer, default=0)
    rounding_fen: Mapped[int] = mapped_column(Integer, default=0)
    total_fen: Mapped[int] = mapped_column(Integer, default=0)
    change_fen: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # the cash drawer shift 交班 it was settled in (None: no shift was open on that terminal)
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shift.id"), index=True)

    table: Mapped[DiningTable] = relationship(foreign_keys=[table_id])
    waiter: Mapped[Staff | None] = relationship(foreign_keys=[waiter_id])
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="bill", order_by="OrderLine.id", foreign_keys="OrderLine.bill_id"
    )
    tenders: Mapped[list[TenderRow]] = relationship(back_populates="bill", order_by="TenderRow.id")

    __mapper_args__: ClassVar[dict] = {"version_id_col": version}


class OrderLine(Base):
    """One ordered dish with its options snapshot; a void adds a reversal line and keeps it."""

    __tablename__ = "order_line"
    __table_args__ = (CheckConstraint("quantity_milli <> 0", name="quantity_not_zero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bill.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("menu_item.id"), index=True)
    parent_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_line.id"), index=True)
    kind: Mapped[str] = mapped_column(
        String(10), default="item"
    )  # item, component, reversal, share
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("order_line.id"), index=True)
    name_zh: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    unit_zh: Mapped[str] = mapped_column(String(10), default="")
    unit_en: Mapped[str] = mapped_column(String(20), default="")
    station_id: Mapped[int | None] = mapped_column(ForeignKey("station.id"))
    course: Mapped[str] = mapped_column(String(10), default="hot")
    quantity_milli: Mapped[int] = mapped_column(Integer)
    unit_price_fen: Mapped[int] = mapped_column(Integer)
    surcharge_fen: Mapped[int] = mapped_column(Integer, default=0)
    price_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    discount_kind: Mapped[str | None] = mapped_column(String(10))
    discount_value: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(10), default="cart", index=True)
    held: Mapped[bool] = mapped_column(Boolean, default=False)
    waiter_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    fired_at: Mapped[datetime | None] = mapped_column(DateTime)
    served_at: Mapped[datetime | None] = mapped_column(DateTime)
    voided_at: Mapped[datetime | None] = mapped_column(DateTime)
    void_reason: Mapped[str] = mapped_column(String(200), default="")
    hurry_count: Mapped[int] = mapped_column(Integer, default=0)
    transferred_from_table_id: Mapped[int | None] = mapped_column(ForeignKey("dining_table.id"))
    merged_from_bill_id: Mapped[int | None] = mapped_column(ForeignKey("bill.id"))

    bill: Mapped[Bill] = relationship(back_populates="lines", foreign_keys=[bill_id])
    options: Mapped[list[OrderLineOption]] = relationship(
        back_populates="line", order_by="OrderLineOption.id"
    )
    parts: Mapped[list[OrderLine]] = relationship(
        foreign_keys=[parent_line_id], order_by="OrderLine.id"
    )  # the dishes of a set meal


class OrderLineOption(Base):
    __tablename__ = "order_line_option"

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"), index=True)
    option_id: Mapped[int | None] = mapped_column(ForeignKey("option.id"))
    group_name_zh: Mapped[str] = mapped_column(String(60), default="")
    group_name_en: Mapped[str] = mapped_column(String(60), default="")
    name_zh: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(60), default="")
    surcharge_fen: Mapped[int] = mapped_column(Integer, default=0)

    line: Mapped[OrderLine] = relationship(back_populates="options")


class TenderRow(Base):
    """One payment on a settled bill."""

    __tablename__ = "tender"
    __table_args__ = (CheckConstraint("amount_fen > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bill.id"), index=True)
    method: Mapped[str] = mapped_column(String(10))
    amount_fen: Mapped[int] = mapped_column(Integer)
    signer: Mapped[str] = mapped_column(String(60), default="")
    reference: Mapped[str] = mapped_column(String(60), default="")
    authorised_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    bill: Mapped[Bill] = relationship(back_populates="tenders")


class KitchenTicket(Base):
    """What one send (or hurry, void, transfer) tells one station; printed by the print queue."""

    __tablename__ = "kitchen_ticket"

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bill.id"), index=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("dining_table.id"))
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    kind: Mapped[str] = mapped_column(String(10))  # order, addon, hurry, void, transfer, fire
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    note: Mapped[str] = mapped_column(String(200), default="")

    lines: Mapped[list[KitchenTicketLine]] = relationship(order_by="KitchenTicketLine.id")


class KitchenTicketLine(Base):
    __tablename__ = "kitchen_ticket_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("kitchen_ticket.id"), index=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"), index=True)
    quantity_milli: Mapped[int] = mapped_column(Integer)
    held: Mapped[bool] = mapped_column(Boolean, default=False)


class ReceiptCounter(Base):
    """The last receipt number handed out on a business day (numbers have no gaps)."""

    __tablename__ = "receipt_counter"

    business_day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_no: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    """Every void, comp, discount, price override, reopen, drawer open and failed login."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    action: Mapped[str] = mapped_column(String(30), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    authorised_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    bill_id: Mapped[int | None] = mapped_column(ForeignKey("bill.id"))
    table_id: Mapped[int | None] = mapped_column(ForeignKey("dining_table.id"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


# ---------------------------------------------------------------- shifts 交班


class Shift(Base):
    """One cash drawer on one terminal, from the counted opening float to the counted close;
    the Z number is handed out at close, one after another across the venue, without gaps."""

    __tablename__ = "shift"
    __table_args__ = (
        UniqueConstraint("open_terminal"),
        UniqueConstraint("z_no"),
        CheckConstraint("status IN ('open', 'closed')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    terminal: Mapped[str] = mapped_column(String(60), index=True)
    # the terminal while the shift is open, None once closed: one open shift per terminal
    open_terminal: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(10), default="open")
    business_day: Mapped[date] = mapped_column(Date, index=True)  # the day it opened in
    opened_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    float_fen: Mapped[int] = mapped_column(Integer, default=0)
    float_counts: Mapped[str] = mapped_column(Text, default="{}")  # {denomination fen: count}
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    expected_fen: Mapped[int | None] = mapped_column(Integer)  # frozen at close
    counted_fen: Mapped[int | None] = mapped_column(Integer)
    counted_counts: Mapped[str] = mapped_column(Text, default="{}")
    over_short_fen: Mapped[int | None] = mapped_column(Integer)  # counted − expected
    note: Mapped[str] = mapped_column(String(200), default="")
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    approval_reason: Mapped[str] = mapped_column(String(200), default="")
    carried_over: Mapped[str] = mapped_column(Text, default="[]")  # open bill ids at close
    z_no: Mapped[int | None] = mapped_column(Integer)


class CashMovement(Base):
    """Cash put into (in) or taken out of (out) a shift's drawer, with its reason."""

    __tablename__ = "cash_movement"
    __table_args__ = (
        CheckConstraint("amount_fen > 0", name="amount_positive"),
        CheckConstraint("kind IN ('in', 'out')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id"), index=True)
    kind: Mapped[str] = mapped_column(String(4))
    amount_fen: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[datetime] = mapped_column(DateTime)


# ---------------------------------------------------------------- service coaching


OPEN_PROMPT = "done_at IS NULL AND skipped_at IS NULL AND expired_at IS NULL"


class ServicePrompt(Base):
    """One service step that came due for a table (a script line to say, a refill, a
    farewell): when it was due, who did it and when, how late, or why it was skipped."""

    __tablename__ = "service_prompt"
    __table_args__ = (
        UniqueConstraint("key"),
        # the few prompts still open, found without reading the whole record
        Index("ix_service_prompt_open", "due_at", sqlite_where=text(OPEN_PROMPT)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(160))  # table + step + subject: never twice
    table_id: Mapped[int | None] = mapped_column(ForeignKey("dining_table.id"), index=True)
    bill_id: Mapped[int | None] = mapped_column(ForeignKey("bill.id"), index=True)
    step_id: Mapped[str] = mapped_column(String(60))
    profile: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(10))
    stage: Mapped[str] = mapped_column(String(10))
    values_json: Mapped[str] = mapped_column(Text, default="{}")
    due_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    first_shown_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    late_seconds: Mapped[int | None] = mapped_column(Integer)
    snoozed_at: Mapped[datetime | None] = mapped_column(DateTime)
    snoozed_until: Mapped[datetime | None] = mapped_column(DateTime)
    snooze_reason: Mapped[str] = mapped_column(String(200), default="")
    snoozed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    skipped_at: Mapped[datetime | None] = mapped_column(DateTime)
    skip_reason: Mapped[str] = mapped_column(String(200), default="")
    skipped_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))  # the bill's waiter
    expired_at: Mapped[datetime | None] = mapped_column(DateTime)  # missed: its moment passed


class StepOverride(Base):
    """A manager's edit of one shipped service step, kept over the shipped default."""

    __tablename__ = "step_override"
    __table_args__ = (UniqueConstraint("profile", "step_id", name="override_per_step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile: Mapped[str] = mapped_column(String(20))
    step_id: Mapped[str] = mapped_column(String(60))
    data: Mapped[str] = mapped_column(Text, default="{}")  # the edited fields, as JSON
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class TableVisit(Base):
    """Staff at a party's table: written when they act on its bill (at most once a minute)
    or finish a service step there; also when the party moved table or changed its size."""

    __tablename__ = "table_visit"
    __table_args__ = (Index("ix_table_visit_bill", "bill_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bill.id"))
    table_id: Mapped[int | None] = mapped_column(ForeignKey("dining_table.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    from_table_id: Mapped[int | None] = mapped_column(ForeignKey("dining_table.id"))  # 转台
    guests: Mapped[int | None] = mapped_column(Integer)  # 加减位: the new number of guests


class Briefing(Base):
    """One staff member's pre-shift briefing (班前例会) of a business day: what was ticked."""

    __tablename__ = "briefing"
    __table_args__ = (UniqueConstraint("business_day", "staff_id", name="briefing_per_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    business_day: Mapped[date] = mapped_column(Date, index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    ticked: Mapped[str] = mapped_column(Text, default="[]")  # checklist item ids, as JSON
    done_at: Mapped[datetime | None] = mapped_column(DateTime)


# ---------------------------------------------------------------- printing


class PrintJob(Base):
    """One document to print (a kitchen ticket, a guest check or a receipt), queued in the
    same transaction as what it prints, so nothing is lost when a printer is down."""

    __tablename__ = "print_job"
    __table_args__ = (
        Index("ix_print_job_pending", "terminal", "status", "created_at"),
        Index("ix_print_job_history", "terminal", "id"),
        CheckConstraint("status IN ('queued', 'printed', 'failed')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("kitchen_ticket.id"), index=True)
    bill_id: Mapped[int | None] = mapped_column(ForeignKey("bill.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(40))  # route key: station:<id>, receipt
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    printed_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    reprint_of_id: Mapped[int | None] = mapped_column(ForeignKey("print_job.id"))
    terminal: Mapped[str] = mapped_column(String(60))  # the terminal whose printers print it
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shift.id"), index=True)  # 交班单


class PrinterRoute(Base):
    """Where one terminal prints one purpose: a folder of PDFs or a system printer."""

    __tablename__ = "printer_route"
    __table_args__ = (UniqueConstraint("terminal", "purpose", name="route_per_purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    terminal: Mapped[str] = mapped_column(String(60))
    purpose: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(300))  # pdf-folder:/path, system:<name>
    paper: Mapped[str] = mapped_column(String(4), default="80")  # 80, 58, a4
