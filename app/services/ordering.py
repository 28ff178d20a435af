"""Ordering: the cart 点菜, delete unsent 删菜, send 落单 with hold 叫起 / fire 即起, add-on
加菜, hurry 催菜, serve 划菜, void 退菜 and manager price overrides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload, selectinload

from app.domain.billing import DiscountKind, discount_setting
from app.domain.errors import N_, Amount, InvalidInput, NotAllowed, NotFound
from app.domain.money import MILLI, line_amount
from app.domain.text import NOTE_MAX, REASON_MAX, clean_text
from app.services.audit import record
from app.services.bills import (
    LineKind,
    LineStatus,
    get_line,
    open_bill,
    sync_table,
    touch,
)
from app.services.context import Changes, Context
from app.services.kitchen import TicketKind, ticket_for_lines
from app.services.staff import Approval, require_approval
from db.models import Bill, MenuItem, Option, OrderLine, OrderLineOption, SetMealComponent

MAX_PORTIONS = 99
MAX_WEIGHT_MILLI = 100 * MILLI  # 100 斤 of one fish is a typing slip
MAX_PRICE_FEN = 100_000_00  # ¥100,000 for one dish


@dataclass(frozen=True)
class Dish:
    """One dish as the waiter ordered it: weighed dishes (称重) need their weight in
    thousandths of the unit, market-price dishes (时价) the price of the day."""

    item_id: int
    quantity: int = 1
    weight_milli: int | None = None
    price_fen: int | None = None
    option_ids: Sequence[int] = ()
    note: str = ""


MAX_DISHES_AT_ONCE = 100


def add_to_cart(
    ctx: Context,
    *,
    bill_id: int,
    item_id: int,
    quantity: int = 1,
    weight_milli: int | None = None,
    price_fen: int | None = None,
    option_ids: Sequence[int] = (),
    note: str = "",
    waiter_id: int | None = None,
) -> Changes:
    """Put one dish in the bill's cart (点菜)."""
    dish = Dish(item_id, quantity, weight_milli, price_fen, tuple(option_ids), note)
    return order_dishes(ctx, bill_id=bill_id, dishes=[dish], waiter_id=waiter_id)


def order_dishes(
    ctx: Context, *, bill_id: int, dishes: Sequence[Dish], waiter_id: int | None = None
) -> Changes:
    """Put several dishes in the cart in one transaction (an order read back at the table,
    or a handheld's batch): all of them are kept, or none if one is refused."""
    now = ctx.now()
    if not dishes:
        raise InvalidInput(N_("Choose at least one dish."))
    if len(dishes) > MAX_DISHES_AT_ONCE:
        raise InvalidInput(N_("At most {maximum} dishes at a time."), maximum=MAX_DISHES_AT_ONCE)
    notes = [clean_text(dish.note, max_length=NOTE_MAX) for dish in dishes]
    with ctx.transaction() as session:
        bill = open_bill(session, bill_id)
        if bill.share_of_total:  # a share of an even split must keep adding up to the bill
            raise NotAllowed(N_("This is already a share of a split bill."))
        items = _menu_items(session, {dish.item_id for dish in dishes})
        options = _chosen_options(session, {o for dish in dishes for o in dish.option_ids})
        lines = [
            _dish_line(bill, items.get(dish.item_id), dish, note, options, now, waiter_id)
            for dish, note in zip(dishes, notes, strict=True)
        ]
        session.add_all(lines)
        bill.bill_requested_at = None
        touch(bill, now)
        session.flush()
        session.expire(bill, ["lines"])
        sync_table(session, bill.table, now)
        return Changes(
            tables=frozenset({bill.table_id}),
            bills=frozenset({bill.id}),
            lines=tuple(line.id for line in lines),
            bill_id=bill.id,
        )


def _menu_items(session, item_ids: set[int]) -> dict[int, MenuItem]:
    """The ordered items with their option groups and set-meal parts, in three queries."""
    rows = session.scalars(
        select(MenuItem)
        .where(MenuItem.id.in_(item_ids))
        .options(
            selectinload(MenuItem.option_groups),
            selectinload(MenuItem.components).joinedload(SetMealComponent.component),
        )
    ).all()
    return {item.id: item for item in rows}


def _chosen_options(session, option_ids: set[int]) -> dict[int, Option]:
    if not option_ids:
        return {}
    rows = session.scalars(
        select(Option).where(Option.id.in_(option_ids)).options(joinedload(Option.group))
    ).all()
    return {option.id: option for option in rows}


def _dish_line(
    bill: Bill,
    item: MenuItem | None,
    dish: Dish,
    note: str,
    options: dict[int, Option],
    now: datetime,
    waiter_id: int | None,
) -> OrderLine:
    """The cart line for one dish, with its options and set-meal parts attached."""
    if item is None or not item.active:
        raise NotFound(N_("That dish is not on the menu."))
    if item.sold_out:
        raise NotAllowed(N_("{dish} is sold out today."), dish=item.name_zh)
    quantity_milli = _quantity(item, dish.quantity, dish.weight_milli)
    unit_price = _price(item, dish.price_fen)
    if len(set(dish.option_ids)) != len(dish.option_ids):
        raise InvalidInput(N_("An option was chosen twice."))
    chosen = _options(item, [options.get(option_id) for option_id in dish.option_ids])
    line = OrderLine(
        bill_id=bill.id,
        item_id=item.id,
        kind=LineKind.ITEM,
        name_zh=item.name_zh,
        name_en=item.name_en,
        unit_zh=item.unit_zh,
        unit_en=item.unit_en,
        station_id=None if item.is_set_meal else item.station_id,
        course=item.course,
        quantity_milli=quantity_milli,
        unit_price_fen=unit_price,
        surcharge_fen=sum(option.surcharge_fen for option in chosen),
        price_overridden=item.market_price,
        note=note,
        status=LineStatus.CART,
        waiter_id=waiter_id,
        created_at=now,
    )
    line.options = [
        OrderLineOption(
            option_id=option.id,
            group_name_zh=option.group.name_zh,
            group_name_en=option.group.name_en,
            name_zh=option.name_zh,
            name_en=option.name_en,
            surcharge_fen=option.surcharge_fen,
        )
        for option in chosen
    ]
    line.parts = [
        OrderLine(
            bill_id=bill.id,
            item_id=component.component.id,
            kind=LineKind.COMPONENT,
            name_zh=component.component.name_zh,
            name_en=component.component.name_en,
            unit_zh=component.component.unit_zh,
            unit_en=component.component.unit_en,
            station_id=component.component.station_id,
            course=component.component.course,
            quantity_milli=component.quantity * quantity_milli,
            unit_price_fen=0,
            status=LineStatus.CART,
            waiter_id=waiter_id,
            created_at=now,
        )
        for component in item.components
    ]
    return line


def _quantity(item: MenuItem, quantity: int, weight_milli: int | None) -> int:
    if item.weighed:
        if weight_milli is None:
            raise InvalidInput(N_("Weigh {dish} and enter its weight."), dish=item.name_zh)
        if not 0 < weight_milli <= MAX_WEIGHT_MILLI:
            raise InvalidInput(N_("The weight must be more than 0 and at most 100."))
        return weight_milli
    if not isinstance(quantity, int) or quantity < 1:
        raise InvalidInput(N_("The quantity must be at least 1."))
    if quantity > MAX_PORTIONS:
        raise InvalidInput(N_("At most {maximum} of one dish at a time."), maximum=MAX_PORTIONS)
    return quantity * MILLI


def _price(item: MenuItem, price_fen: int | None) -> int:
    if not item.market_price:
        return item.price_fen
    if price_fen is None:
        raise InvalidInput(
            N_("{dish} is sold at market price: enter today's price."), dish=item.name_zh
        )
    if not 0 < price_fen <= MAX_PRICE_FEN:
        raise InvalidInput(N_("{amount} is not a possible price."), amount=Amount(price_fen))
    return price_fen


def _options(item: MenuItem, chosen: list[Option | None]) -> list[Option]:
    """The chosen options, checked against the item's groups and their min/max choices."""
    groups = {group.id: group for group in item.option_groups}
    for option in chosen:
        if option is None or option.group_id not in groups:
            raise InvalidInput(N_("That option does not belong to {dish}."), dish=item.name_zh)
    for group in groups.values():
        count = sum(1 for option in chosen if option.group_id == group.id)
        minimum = max(group.min_choices, 1 if group.required else 0)
        if count < minimum:
            raise InvalidInput(
                N_("Choose {group} for {dish}."), group=group.name_zh, dish=item.name_zh
            )
        if count > group.max_choices:
            raise InvalidInput(
                N_("Choose at most {maximum} for {group}."),
                maximum=group.max_choices,
                group=group.name_zh,
            )
    return [option for option in chosen if option is not None]


def _cart_line(session, line_id: int) -> tuple[OrderLine, Bill]:
    line = get_line(session, line_id)
    bill = open_bill(session, line.bill_id)
    if line.kind != LineKind.ITEM:
        raise InvalidInput(N_("Choose the dish itself, not a part of a set or a void."))
    if line.status != LineStatus.CART:
        raise NotAllowed(
            N_("{dish} was already sent to the kitchen; void it instead."), dish=line.name_zh
        )
    return line, bill


def set_quantity(ctx: Context, *, line_id: int, quantity: int) -> Changes:
    """Change how many of an unsent dish (± in the cart)."""
    now = ctx.now()
    with ctx.transaction() as session:
        line, bill = _cart_line(session, line_id)
        item = session.get(MenuItem, line.item_id) if line.item_id else None
        if item is not None and item.weighed:
            raise InvalidInput(N_("Weighed dishes are changed by entering the weight again."))
        new_milli = _quantity(item or MenuItem(weighed=False), quantity, None)
        old_milli = line.quantity_milli
        line.quantity_milli = new_milli
        for child in _children(session, line.id):
            child.quantity_milli = child.quantity_milli // old_milli * new_milli
        touch(bill, now)
        return Changes(
            tables=frozenset({bill.table_id}),
            bills=frozenset({bill.id}),
            lines=(line.id,),
            bill_id=bill.id,
        )


def set_note(ctx: Context, *, line_id: int, note: str) -> Changes:
    """Change the note of an unsent dish (少辣, 不要香菜 …)."""
    note = clean_text(note, max_length=NOTE_MAX)
    with ctx.transaction() as session:
        line, bill = _cart_line(session, line_id)
        line.note = note
        touch(bill, ctx.now())
        return Changes(bills=frozenset({bill.id}), lines=(line.id,), bill_id=bill.id)


def delete_unsent(ctx: Context, *, line_id: int) -> Changes:
    """Remove a dish that was never sent (删菜): no trace needed, the kitchen never saw it."""
    now = ctx.now()
    with ctx.transaction() as session:
        line, bill = _cart_line(session, line_id)
        ids = [line.id] + [child.id for child in _children(session, line.id)]
        session.execute(delete(OrderLineOption).where(OrderLineOption.line_id.in_(ids)))
        session.execute(delete(OrderLine).where(OrderLine.parent_line_id == line.id))
        session.delete(line)
        touch(bill, now)
        session.flush()
        session.expire(bill, ["lines"])
        sync_table(session, bill.table, now)
        return Changes(
            tables=frozenset({bill.table_id}),
            bills=frozenset({bill.id}),
            lines=tuple(ids),
            bill_id=bill.id,
        )


def _mirror_on_reversals(session, line: OrderLine) -> None:
    """A void's reversal gives back exactly what the voided part cost: when the dish's price
    or discount changes later, its reversals change with it."""
    for reversal in session.scalars(select(OrderLine).where(OrderLine.reverses_id == line.id)):
        reversal.unit_price_fen = line.unit_price_fen
        reversal.discount_kind = line.discount_kind
        reversal.discount_value = line.discount_value


def _children(session, line_id: int) -> list[OrderLine]:
    return list(session.scalars(select(OrderLine).where(OrderLine.parent_line_id == line_id)))


def send_to_kitchen(
    ctx: Context, *, bill_id: int, hold_line_ids: Sequence[int] = (), staff_id: int | None = None
) -> Changes:
    """Send the cart to the kitchen stations (落单); chosen lines go as held (叫起). The first
    send is the order, later ones are add-ons (加菜)."""
    now = ctx.now()
    with ctx.transaction() as session:
        bill = open_bill(session, bill_id)
        cart = [line for line in bill.lines if line.status == LineStatus.CART]
        if not cart:
            raise NotAllowed(N_("There is nothing new to send."))
        hold = set(hold_line_ids)
        if hold - {line.id for line in cart}:
            raise InvalidInput(N_("Only unsent dishes can be held."))
        already_sent = any(
            line.status != LineStatus.CART for line in bill.lines if line.kind != LineKind.SHARE
        )
        for line in cart:
            held = line.id in hold or (line.parent_line_id in hold)
            line.status = LineStatus.HELD if held else LineStatus.SENT
            line.held = held
            line.sent_at = now
        kind = TicketKind.ADDON if already_sent else TicketKind.ORDER
        tickets = ticket_for_lines(session, bill, cart, kind=kind, now=now, staff_id=staff_id)
        bill.bill_requested_at = None
        touch(bill, now)
        sync_table(session, bill.table, now)
        return Changes(
            tables=frozenset({bill.table_id}),
            bills=frozenset({bill.id}),
            lines=tuple(line.id for line in cart),
            tickets=tickets,
            bill_id=bill.id,
        )


def fire_held(
    ctx: Context, *, bill_id: int, line_ids: Sequence[int] = (), staff_id: int | None = None
) -> Changes:
    """Call held dishes (即起): all of the bill's held lines, or the chosen ones."""
    now = ctx.now()
    with ctx.transaction() as session:
        bill = open_bill(session, bill_id)
        held = [line for line in bill.lines if line.status == LineStatus.HELD]
        if line_ids:
            wanted = set(line_ids)
            held = [l for l in held if l.id in wanted or l.parent_line_id in wanted]  # noqa: E741
        if not held:
            raise NotAllowed(N_("There are no held dishes to call."))
        for line in held:
            line.status = LineStatus.SENT
            line.fired_at = now
        tickets = ticket_for_lines(
            session, bill, held, kind=TicketKind.FIRE, now=now, staff_id=staff_id
        )
        touch(bill, now)
        return Changes(
            tables=frozenset({bill.table_id}),
            bills=frozenset({bill.id}),
            lines=tuple(line.id for line in held),
            tickets=tickets,
            bill_id=bill.id,
        )


def hurry(ctx: Context, *, line_ids: Sequence[int], staff_id: int | None = None) -> Changes:
    """Ask the kitchen to hurry dishes that were sent but not served (催菜); counted."""
    now = ctx.now()
    with ctx.transaction() as session:
        lines = _sent_lines(session, line_ids)
        bill = open_bill(session, lines[0].bill_id)
        for line in lines:
            if line.status != LineStatus.SENT:
                raise NotAllowed(
                    N_("{dish} is not on its way: it cannot be hurried."), dish=line.name_zh
                )
            line.hurry_count += 1
        tickets = ticket_for_lines(
            session, bill, lines, kind=TicketKind.HURRY, now=now, staff_id=staff_id
        )
        touch(bill, now)
        return Changes(
            tables=frozenset({bill.table_id}),
            bills=frozenset({bill.id}),
            lines=tuple(line.id for line in lines),
            tickets=tickets,
            bill_id=bill.id,
        )


def _sent_lines(session, line_ids: Sequence[int]) -> list[OrderLine]:
    if not line_ids:
        raise InvalidInput(N_("Choose at least one dish."))
    lines = [get_line(session, line_id) for line_id in dict.fromkeys(line_ids)]
    expanded: list[OrderLine] = []
    for line in lines:
        children = _children(session, line.id)
        expanded.extend(children if children else [line])
    if len({line.bill_id for line in expanded}) != 1:
        raise InvalidInput(N_("Choose dishes from one bill at a time."))
    return expanded


def serve_line(ctx: Context, *, line_id: int) -> Changes:
    """Mark a dish served (划菜); the time is kept for lead-time figures."""
    now = ctx.now()
    with ctx.transaction() as session:
        line = get_line(session, line_id)
        bill = open_bill(session, line.bill_id)
        targets = _children(session, line.id) or [line]
        for target in targets:
            if target.status == LineStatus.HELD:
                raise NotAllowed(N_("{dish} is held: call it (即起) first."), dish=target.name_zh)
            if target.status == LineStatus.CART:
                raise NotAllowed(N_("{dish} has not been sent yet."), dish=target.name_zh)
            if target.status == LineStatus.VOIDED:
                raise NotAllowed(N_("{dish} was voided."), dish=target.name_zh)
        if all(target.status == LineStatus.SERVED for target in targets):
            raise NotAllowed(N_("{dish} is already served."), dish=line.name_zh)
        for target in targets + ([line] if targets[0] is not line else []):
            if target.status != LineStatus.SERVED:
                target.status = LineStatus.SERVED
                target.served_at = now
        if line.parent_line_id is not None:
            siblings = _children(session, line.parent_line_id)
            if all(s.status in (LineStatus.SERVED, LineStatus.VOIDED) for s in siblings):
                parent = get_line(session, line.parent_line_id)
                parent.status = LineStatus.SERVED
                parent.served_at = now
        touch(bill, now)
        session.flush()
        sync_table(session, bill.table, now)
        return Changes(
            tables=frozenset({bill.table_id}),
            bills=frozenset({bill.id}),
            lines=(line.id,),
            bill_id=bill.id,
        )


def void_line(
    ctx: Context,
    *,
    line_id: int,
    reason: str,
    approval: Approval | None,
    quantity_milli: int | None = None,
    staff_id: int | None = None,
) -> Changes:
    """Reverse a sent dish (退菜): a reason and a manager's approval are needed; a reversal
    line is added and the original is kept; the station gets a void ticket."""
    now = ctx.now()
    reason = clean_text(reason, max_length=REASON_MAX, required=True, what=N_("a reason"))
    with ctx.transaction() as session:
        manager = require_approval(session, approval)
        line = get_line(session, line_id)
        bill = open_bill(session, line.bill_id)
        if line.kind != LineKind.ITEM:
            raise InvalidInput(N_("Choose the dish itself, not a part of a set or a void."))
        if line.status == LineStatus.CART:
            raise NotAllowed(N_("{dish} was not sent yet: delete it instead."), dish=line.name_zh)
        if line.status == LineStatus.VOIDED:
            raise NotAllowed(N_("{dish} was already voided."), dish=line.name_zh)
        already = -sum(
            r.quantity_milli
            for r in session.scalars(select(OrderLine).where(OrderLine.reverses_id == line.id))
        )
        remaining = line.quantity_milli - already
        amount = remaining if quantity_milli is None else quantity_milli
        if not 0 < amount <= remaining:
            raise InvalidInput(N_("You can void at most what is left of this dish."))
        reversal = OrderLine(
            bill_id=bill.id,
            item_id=line.item_id,
            kind=LineKind.REVERSAL,
            reverses_id=line.id,
            merged_from_bill_id=line.merged_from_bill_id,  # goes back with it on unmerge
            name_zh=line.name_zh,
            name_en=line.name_en,
            unit_zh=line.unit_zh,
            unit_en=line.unit_en,
            station_id=line.station_id,
            course=line.course,
            quantity_milli=-amount,
            unit_price_fen=line.unit_price_fen,
            surcharge_fen=line.surcharge_fen,
            discount_kind=line.discount_kind,
            discount_value=line.discount_value,
            status=LineStatus.VOIDED,
            void_reason=reason,
            waiter_id=staff_id,
            created_at=now,
            voided_at=now,
        )
        session.add(reversal)
        fully = amount == remaining
        children = _children(session, line.id)
        if fully:
            line.status = LineStatus.VOIDED
            line.voided_at = now
            line.void_reason = reason
            for child in children:
                child.status = LineStatus.VOIDED
                child.voided_at = now
                child.void_reason = reason
        session.flush()
        kitchen_lines = children or [line]
        quantities = {
            k.id: (k.quantity_milli * amount // line.quantity_milli) for k in kitchen_lines
        }
        tickets = ticket_for_lines(
            session,
            bill,
            kitchen_lines,
            kind=TicketKind.VOID,
            now=now,
            staff_id=staff_id,
            note=reason,
            quantities=quantities,
        )
        record(
            session,
            now,
            "void",
            staff_id=staff_id,
            authorised_by_id=manager.id,
            bill_id=bill.id,
            table_id=bill.table_id,
            reason=reason,
            dish=line.name_zh,
            quantity_milli=amount,
            amount_fen=line_amount(line.unit_price_fen + line.surcharge_fen, amount),
        )
        touch(bill, now)
        session.expire(bill, ["lines"])
        sync_table(session, bill.table, now)
        return Changes(
            tables=frozenset({bill.table_id}),
            bills=frozenset({bill.id}),
            lines=(line.id, reversal.id),
            tickets=tickets,
            bill_id=bill.id,
        )


def override_price(
    ctx: Context,
    *,
    line_id: int,
    price_fen: int,
    reason: str,
    approval: Approval | None,
    staff_id: int | None = None,
) -> Changes:
    """Change an unsent or sent dish's unit price (manager; audited)."""
    now = ctx.now()
    reason = clean_text(reason, max_length=REASON_MAX, required=True, what=N_("a reason"))
    with ctx.transaction() as session:
        manager = require_approval(session, approval)
        line = get_line(session, line_id)
        bill = open_bill(session, line.bill_id)
        if line.kind != LineKind.ITEM or line.status == LineStatus.VOIDED:
            raise NotAllowed(N_("The price of this line cannot be changed."))
        if not 0 <= price_fen <= MAX_PRICE_FEN:
            raise InvalidInput(N_("{amount} is not a possible price."), amount=Amount(price_fen))
        old = line.unit_price_fen
        line.unit_price_fen = price_fen
        line.price_overridden = True
        _mirror_on_reversals(session, line)
        record(
            session,
            now,
            "price_override",
            staff_id=staff_id,
            authorised_by_id=manager.id,
            bill_id=bill.id,
            table_id=bill.table_id,
            reason=reason,
            dish=line.name_zh,
            old_fen=old,
            new_fen=price_fen,
        )
        touch(bill, now)
        return Changes(bills=frozenset({bill.id}), lines=(line.id,), bill_id=bill.id)


def discount_line(
    ctx: Context,
    *,
    line_id: int,
    kind: DiscountKind | None,
    value: int,
    reason: str,
    approval: Approval | None,
    staff_id: int | None = None,
) -> Changes:
    """Give one dish a discount (% in basis points or an amount in fen); None removes it."""
    now = ctx.now()
    reason = clean_text(
        reason, max_length=REASON_MAX, required=kind is not None, what=N_("a reason")
    )
    with ctx.transaction() as session:
        manager = require_approval(session, approval)
        line = get_line(session, line_id)
        bill = open_bill(session, line.bill_id)
        if line.kind != LineKind.ITEM or line.status == LineStatus.VOIDED:
            raise NotAllowed(N_("This line cannot be discounted."))
        line.discount_kind, line.discount_value = discount_setting(kind, value)
        _mirror_on_reversals(session, line)
        record(
            session,
            now,
            "discount",
            staff_id=staff_id,
            authorised_by_id=manager.id,
            bill_id=bill.id,
            table_id=bill.table_id,
            reason=reason,
            dish=line.name_zh,
            kind=str(kind),
            value=value,
        )
        touch(bill, now)
        return Changes(bills=frozenset({bill.id}), lines=(line.id,), bill_id=bill.id)
