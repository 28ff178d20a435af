"""The manager's menu: categories, dishes, option groups and set meals, and 估清 (sold out)
in one tap. Each action is one transaction, checked first, with a message the manager can
read; pinyin initials (宫保鸡丁 → gbjd) are worked out whenever a dish is saved.

What is saved here is what ``queries.menu`` gives the order screen: a deactivated dish
leaves the order screen (its past bills keep their own copy of its name and price), and a
category is shown there while it has active dishes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, selectinload

from app.domain.coaching import COURSE_ORDER
from app.domain.errors import N_, Amount, InvalidInput, NotAllowed, NotFound, XiaoerError
from app.services.audit import record
from app.services.context import Changes, Context
from db.models import (
    ItemOptionGroup,
    MenuCategory,
    MenuItem,
    Option,
    OptionGroup,
    OrderLineOption,
    SetMealComponent,
    Station,
)
from db.pinyin import pinyin_initials

MENU_COURSES = (*COURSE_ORDER, "snack")
"""The courses a dish can be served in, in the order a meal reaches the table."""
MAX_PRICE_FEN = 100_000_00  # ¥100,000 for one dish, as the order screen allows
MAX_SET_QUANTITY = 99
CODE_LENGTH = 20
NAME_ZH_LENGTH = 60
NAME_EN_LENGTH = 80
UNIT_ZH_LENGTH = 10
UNIT_EN_LENGTH = 20
GROUP_NAME_LENGTH = 60
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class MenuChanges(Changes):
    """What a menu action changed: the order screen reads the menu again (``menu``); the
    editor selects what was just made (``item_id``, ``category_id``, ``group_id``)."""

    menu: bool = True
    item_id: int | None = None
    category_id: int | None = None
    group_id: int | None = None
    added: int = 0
    updated: int = 0


# -- what the editor shows ---------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryView:
    category_id: int
    code: str
    name_zh: str
    name_en: str
    active_items: int


@dataclass(frozen=True)
class StationView:
    station_id: int
    code: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class OptionView:
    option_id: int
    name_zh: str
    name_en: str
    surcharge_fen: int


@dataclass(frozen=True)
class GroupView:
    group_id: int
    code: str
    name_zh: str
    name_en: str
    required: bool
    min_choices: int
    max_choices: int
    options: tuple[OptionView, ...]


@dataclass(frozen=True)
class ItemDraft:
    """A dish as the item form (or a CSV row) describes it. ``components`` are
    (item id, quantity) of the dishes in a set meal 套餐; none: an ordinary dish."""

    code: str
    name_zh: str
    category_id: int
    station_id: int
    price_fen: int
    name_en: str = ""
    unit_zh: str = "份"
    unit_en: str = "portion"
    course: str = "hot"
    weighed: bool = False
    market_price: bool = False
    sold_out: bool = False
    option_group_ids: tuple[int, ...] = ()
    components: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class ItemView:
    """A dish in the editor: everything the form shows, and whether it is still offered."""

    item_id: int
    active: bool
    pinyin_initials: str
    draft: ItemDraft

    @property
    def is_set_meal(self) -> bool:
        return bool(self.draft.components)


@dataclass(frozen=True)
class MenuBook:
    """The whole menu for the editor, deactivated dishes included, in display order."""

    categories: tuple[CategoryView, ...]
    items: tuple[ItemView, ...]
    stations: tuple[StationView, ...]
    groups: tuple[GroupView, ...]
    courses: tuple[str, ...] = field(default=MENU_COURSES)

    def items_in(self, category_id: int) -> list[ItemView]:
        return [item for item in self.items if item.draft.category_id == category_id]

    def item(self, item_id: int) -> ItemView | None:
        return next((item for item in self.items if item.item_id == item_id), None)


def menu_book(ctx: Context) -> MenuBook:
    """Categories, every dish (active ones and deactivated ones), stations and option groups."""
    with ctx.reading() as session:
        categories = session.scalars(
            select(MenuCategory).order_by(MenuCategory.sort_order, MenuCategory.id)
        ).all()
        items = session.scalars(
            select(MenuItem)
            .options(
                selectinload(MenuItem.option_groups),
                selectinload(MenuItem.components),
            )
            .order_by(MenuItem.sort_order, MenuItem.id)
        ).all()
        active = {}
        for item in items:
            if item.active:
                active[item.category_id] = active.get(item.category_id, 0) + 1
        stations = session.scalars(select(Station).order_by(Station.id)).all()
        groups = session.scalars(
            select(OptionGroup).options(selectinload(OptionGroup.options)).order_by(OptionGroup.id)
        ).all()
        return MenuBook(
            categories=tuple(
                CategoryView(c.id, c.code, c.name_zh, c.name_en, active.get(c.id, 0))
                for c in categories
            ),
            items=tuple(item_view(item) for item in items),
            stations=tuple(StationView(s.id, s.code, s.name_zh, s.name_en) for s in stations),
            groups=tuple(_group_view(group) for group in groups),
        )


def item_view(item: MenuItem) -> ItemView:
    """A dish as the editor shows it (its option groups and set-meal dishes loaded)."""
    return ItemView(
        item.id,
        item.active,
        item.pinyin_initials,
        ItemDraft(
            code=item.code,
            name_zh=item.name_zh,
            name_en=item.name_en,
            category_id=item.category_id,
            station_id=item.station_id,
            price_fen=item.price_fen,
            unit_zh=item.unit_zh,
            unit_en=item.unit_en,
            course=item.course,
            weighed=item.weighed,
            market_price=item.market_price,
            sold_out=item.sold_out,
            option_group_ids=tuple(group.id for group in item.option_groups),
            components=tuple((c.component_item_id, c.quantity) for c in item.components),
        ),
    )


def _group_view(group: OptionGroup) -> GroupView:
    return GroupView(
        group.id,
        group.code,
        group.name_zh,
        group.name_en,
        group.required,
        group.min_choices,
        group.max_choices,
        tuple(OptionView(o.id, o.name_zh, o.name_en, o.surcharge_fen) for o in group.options),
    )


def suggest_code(ctx: Context, category_id: int | None) -> str:
    """A free code for a new dish: the letters its category's dishes use and the next number
    (H01 … H16 → H17); ``M`` and a number when the category has none yet."""
    with ctx.reading() as session:
        taken = set(session.scalars(select(MenuItem.code)))
        codes = (
            session.scalars(select(MenuItem.code).where(MenuItem.category_id == category_id)).all()
            if category_id is not None
            else []
        )
    prefixes: dict[str, list[int]] = {}
    for code in codes:
        match = re.fullmatch(r"([A-Za-z]*)(\d+)", code)
        if match:
            prefixes.setdefault(match.group(1), []).append(int(match.group(2)))
    prefix, numbers = max(prefixes.items(), key=lambda p: len(p[1]), default=("M", [0]))
    width = max((len(c) - len(prefix) for c in codes if c.startswith(prefix)), default=2)
    number = max(numbers) + 1
    while f"{prefix}{number:0{width}d}" in taken:
        number += 1
    return f"{prefix}{number:0{width}d}"


# -- categories ---------------------------------------------------------------------------------


def add_category(ctx: Context, *, name_zh: str, name_en: str = "") -> MenuChanges:
    """A new category at the end of the list; its code is made from the pinyin initials."""
    name_zh, name_en = category_names(name_zh, name_en)
    with ctx.transaction() as session:
        _check_category_name_free(session, name_zh, None)
        category = new_category(session, name_zh, name_en)
        session.flush()
        return MenuChanges(category_id=category.id)


def new_category(session: Session, name_zh: str, name_en: str) -> MenuCategory:
    """Add a category after the others (also used by the CSV import)."""
    taken = set(session.scalars(select(MenuCategory.code)))
    base = (pinyin_initials(name_zh) or "cat")[: CODE_LENGTH - 3]
    code, number = base, 1
    while code in taken:
        number += 1
        code = f"{base}{number}"
    last = session.scalar(select(func.max(MenuCategory.sort_order)))
    category = MenuCategory(code=code, name_zh=name_zh, name_en=name_en, sort_order=(last or 0) + 1)
    session.add(category)
    return category


def rename_category(ctx: Context, *, category_id: int, name_zh: str, name_en: str) -> MenuChanges:
    name_zh, name_en = category_names(name_zh, name_en)
    with ctx.transaction() as session:
        category = _category(session, category_id)
        _check_category_name_free(session, name_zh, category_id)
        category.name_zh, category.name_en = name_zh, name_en
        return MenuChanges(category_id=category_id)


def reorder_categories(ctx: Context, *, category_ids: Sequence[int]) -> MenuChanges:
    """Put every category in the given order (the order screen shows them so)."""
    with ctx.transaction() as session:
        categories = {c.id: c for c in session.scalars(select(MenuCategory))}
        if sorted(category_ids) != sorted(categories):
            raise InvalidInput(N_("List every category once to change their order."))
        _put_in_order(categories, category_ids)
        return MenuChanges()


def move_category(ctx: Context, *, category_id: int, step: int) -> MenuChanges:
    """One place up (step −1) or down (+1); nothing moves past either end."""
    with ctx.transaction() as session:
        ordered = session.scalars(
            select(MenuCategory).order_by(MenuCategory.sort_order, MenuCategory.id)
        ).all()
        order = [category.id for category in ordered]
        if category_id not in order:
            raise NotFound(N_("That category does not exist."))
        at = order.index(category_id)
        order.insert(min(max(at + step, 0), len(order) - 1), order.pop(at))
        _put_in_order({category.id: category for category in ordered}, order)
        return MenuChanges(category_id=category_id)


def _put_in_order(categories: dict[int, MenuCategory], order: Sequence[int]) -> None:
    for position, category_id in enumerate(order):
        categories[category_id].sort_order = position


def deactivate_category(ctx: Context, *, category_id: int) -> MenuChanges:
    """Take a whole category off the menu: all its dishes are deactivated, so the order
    screen no longer shows it. Adding or reactivating a dish brings it back."""
    with ctx.transaction() as session:
        _category(session, category_id)
        items = session.scalars(
            select(MenuItem).where(MenuItem.category_id == category_id, MenuItem.active.is_(True))
        ).all()
        leaving = {item.id for item in items}
        for item in items:
            _check_not_in_a_set(session, item, leaving)
            item.active = False
        return MenuChanges(category_id=category_id, updated=len(items))


def category_names(name_zh: str, name_en: str) -> tuple[str, str]:
    """A category's names, trimmed and checked (a Chinese name, neither too long)."""
    name_zh, name_en = name_zh.strip(), name_en.strip()
    if not name_zh:
        raise InvalidInput(N_("Enter the category's Chinese name."))
    for name in (name_zh, name_en):
        if len(name) > GROUP_NAME_LENGTH:
            raise InvalidInput(
                N_("The name {name} is longer than {most} characters."),
                name=name,
                most=GROUP_NAME_LENGTH,
            )
    return name_zh, name_en


def _check_category_name_free(session: Session, name_zh: str, category_id: int | None) -> None:
    other = session.scalars(
        select(MenuCategory).where(
            MenuCategory.name_zh == name_zh, MenuCategory.id != (category_id or 0)
        )
    ).first()
    if other is not None:
        raise InvalidInput(N_("There is already a category {name}."), name=name_zh)


def _category(session: Session, category_id: int) -> MenuCategory:
    category = session.get(MenuCategory, category_id)
    if category is None:
        raise NotFound(N_("That category does not exist."))
    return category


# -- dishes -------------------------------------------------------------------------------------


def add_item(ctx: Context, draft: ItemDraft, *, staff_id: int | None = None) -> MenuChanges:
    """A new dish at the end of the menu, offered at once."""
    with ctx.transaction() as session:
        _raise_first(item_problems(session, draft, item_id=None))
        last = session.scalar(select(func.max(MenuItem.sort_order)))
        item = MenuItem(sort_order=(last or 0) + 1, active=True)
        fill_item(item, draft)
        session.add(item)
        session.flush()
        attach(session, item, draft)
        record(session, ctx.now(), "menu_item_added", staff_id=staff_id, item=item.code)
        return MenuChanges(item_id=item.id, category_id=item.category_id, added=1)


def update_item(
    ctx: Context, *, item_id: int, draft: ItemDraft, staff_id: int | None = None
) -> MenuChanges:
    """Save the item form over a dish; a new price is written in the audit log."""
    with ctx.transaction() as session:
        item = _item(session, item_id)
        _raise_first(item_problems(session, draft, item_id=item_id))
        old_price = item.price_fen
        fill_item(item, draft)
        attach(session, item, draft)
        if old_price != item.price_fen:
            record(
                session,
                ctx.now(),
                "menu_price",
                staff_id=staff_id,
                item=item.code,
                old_fen=old_price,
                new_fen=item.price_fen,
            )
        return MenuChanges(item_id=item.id, category_id=item.category_id, updated=1)


def deactivate_item(ctx: Context, *, item_id: int) -> MenuChanges:
    """Take a dish off the menu; a dish still inside an offered set meal stays."""
    with ctx.transaction() as session:
        item = _item(session, item_id)
        _check_not_in_a_set(session, item, {item.id})
        item.active = False
        return MenuChanges(item_id=item.id, category_id=item.category_id, updated=1)


def reactivate_item(ctx: Context, *, item_id: int) -> MenuChanges:
    """Offer a deactivated dish again (its category comes back with it)."""
    with ctx.transaction() as session:
        item = _item(session, item_id)
        for component in item.components:
            if not component.component.active:
                raise NotAllowed(
                    N_("{dish} is not on the menu: offer it first, then the set meal."),
                    dish=component.component.name_zh,
                )
        item.active = True
        return MenuChanges(item_id=item.id, category_id=item.category_id, updated=1)


def set_sold_out(ctx: Context, *, item_id: int, sold_out: bool) -> MenuChanges:
    """估清 in one tap: a sold-out dish can no longer be ordered until it is back."""
    with ctx.transaction() as session:
        item = _item(session, item_id)
        item.sold_out = sold_out
        return MenuChanges(item_id=item.id, category_id=item.category_id, updated=1)


def item_problems(session: Session, draft: ItemDraft, *, item_id: int | None) -> list[XiaoerError]:
    """Everything wrong with a dish as described, in form order (empty: it can be saved)."""
    problems: list[XiaoerError] = []
    code = draft.code.strip()
    if not code:
        problems.append(InvalidInput(N_("Enter the dish's code.")))
    elif len(code) > CODE_LENGTH or not CODE_PATTERN.fullmatch(code):
        problems.append(
            InvalidInput(
                N_("The code {code} must be 1 to {most} letters, digits, - or _."),
                code=code,
                most=CODE_LENGTH,
            )
        )
    else:
        other = session.scalars(select(MenuItem).where(MenuItem.code == code)).first()
        if other is not None and other.id != item_id:
            problems.append(
                InvalidInput(
                    N_("The code {code} is already used by {dish}."), code=code, dish=other.name_zh
                )
            )
    problems += _text_problems(
        draft.name_zh,
        draft.name_en,
        NAME_ZH_LENGTH,
        NAME_EN_LENGTH,
        N_("Enter the dish's Chinese name."),
    )
    if not 0 <= draft.price_fen <= MAX_PRICE_FEN:
        problems.append(
            InvalidInput(N_("{amount} is not a possible price."), amount=Amount(draft.price_fen))
        )
    problems += _text_problems(
        draft.unit_zh,
        draft.unit_en,
        UNIT_ZH_LENGTH,
        UNIT_EN_LENGTH,
        N_("Enter the unit (份, 斤 …)."),
    )
    if session.get(MenuCategory, draft.category_id) is None:
        problems.append(NotFound(N_("That category does not exist.")))
    if session.get(Station, draft.station_id) is None:
        problems.append(NotFound(N_("That kitchen station does not exist.")))
    if draft.course not in MENU_COURSES:
        problems.append(InvalidInput(N_("There is no course {course}."), course=draft.course))
    groups = set(session.scalars(select(OptionGroup.id)))
    if any(group_id not in groups for group_id in draft.option_group_ids):
        problems.append(NotFound(N_("That option group does not exist.")))
    elif len(set(draft.option_group_ids)) != len(draft.option_group_ids):
        problems.append(InvalidInput(N_("An option group is attached twice.")))
    problems += _set_problems(session, draft, item_id)
    return problems


def _text_problems(zh: str, en: str, zh_most: int, en_most: int, missing: str) -> list[XiaoerError]:
    problems: list[XiaoerError] = []
    if not zh.strip():
        problems.append(InvalidInput(missing))
    for text, most in ((zh, zh_most), (en, en_most)):
        if len(text.strip()) > most:
            problems.append(
                InvalidInput(
                    N_("The name {name} is longer than {most} characters."),
                    name=text.strip(),
                    most=most,
                )
            )
    return problems


def _set_problems(session: Session, draft: ItemDraft, item_id: int | None) -> list[XiaoerError]:
    if not draft.components:
        return []
    problems: list[XiaoerError] = []
    if draft.weighed:
        problems.append(InvalidInput(N_("A set meal cannot be weighed.")))
    seen: set[int] = set()
    for component_id, quantity in draft.components:
        component = session.get(MenuItem, component_id)
        if component is None or not component.active:
            problems.append(NotFound(N_("That dish is not on the menu.")))
        elif component_id == item_id:
            problems.append(InvalidInput(N_("A set meal cannot contain itself.")))
        elif component.is_set_meal:
            problems.append(
                InvalidInput(
                    N_("A set meal cannot contain another set meal ({dish})."),
                    dish=component.name_zh,
                )
            )
        elif component.weighed or component.market_price:
            problems.append(
                InvalidInput(
                    N_("{dish} is weighed or at market price: it cannot be part of a set meal."),
                    dish=component.name_zh,
                )
            )
        elif component_id in seen:
            problems.append(
                InvalidInput(N_("{dish} is in the set meal twice."), dish=component.name_zh)
            )
        elif not 1 <= quantity <= MAX_SET_QUANTITY:
            problems.append(
                InvalidInput(
                    N_("{dish} must be 1 to {most} in a set meal."),
                    dish=component.name_zh,
                    most=MAX_SET_QUANTITY,
                )
            )
        seen.add(component_id)
    return problems


def _raise_first(problems: list[XiaoerError]) -> None:
    if problems:
        raise problems[0]


def fill_item(item: MenuItem, draft: ItemDraft) -> None:
    """Copy a checked draft onto the dish; the pinyin initials follow its Chinese name."""
    item.code = draft.code.strip()
    item.name_zh = draft.name_zh.strip()
    item.name_en = draft.name_en.strip()
    item.category_id = draft.category_id
    item.station_id = draft.station_id
    item.price_fen = draft.price_fen
    item.unit_zh = draft.unit_zh.strip()
    item.unit_en = draft.unit_en.strip()
    item.course = draft.course
    item.weighed = draft.weighed
    item.market_price = draft.market_price
    item.sold_out = draft.sold_out
    item.pinyin_initials = pinyin_initials(item.name_zh)[:30]
    item.is_set_meal = bool(draft.components)


def attach(session: Session, item: MenuItem, draft: ItemDraft) -> None:
    """The option groups the dish asks, in order, and the dishes of a set meal; rows are
    rewritten only when they differ."""
    groups = session.execute(
        select(ItemOptionGroup.group_id)
        .where(ItemOptionGroup.item_id == item.id)
        .order_by(ItemOptionGroup.sort_order)
    ).scalars()
    if tuple(groups) != draft.option_group_ids:
        session.execute(delete(ItemOptionGroup).where(ItemOptionGroup.item_id == item.id))
        for order, group_id in enumerate(draft.option_group_ids):
            session.add(ItemOptionGroup(item_id=item.id, group_id=group_id, sort_order=order))
    components = session.execute(
        select(SetMealComponent.component_item_id, SetMealComponent.quantity)
        .where(SetMealComponent.set_item_id == item.id)
        .order_by(SetMealComponent.id)
    ).all()
    if tuple(tuple(row) for row in components) != draft.components:
        session.execute(delete(SetMealComponent).where(SetMealComponent.set_item_id == item.id))
        for component_id, quantity in draft.components:
            session.add(
                SetMealComponent(
                    set_item_id=item.id, component_item_id=component_id, quantity=quantity
                )
            )
    session.flush()
    session.expire(item, ["option_groups", "components"])


def _check_not_in_a_set(session: Session, item: MenuItem, leaving: Iterable[int]) -> None:
    """A dish inside an offered set meal (that is not leaving too) cannot be taken off."""
    leaving = set(leaving)
    sets = session.scalars(
        select(MenuItem)
        .join(SetMealComponent, SetMealComponent.set_item_id == MenuItem.id)
        .where(SetMealComponent.component_item_id == item.id, MenuItem.active.is_(True))
    ).all()
    for set_meal in sets:
        if set_meal.id not in leaving:
            raise NotAllowed(
                N_("{dish} is part of the set meal {set}: change the set meal first."),
                dish=item.name_zh,
                set=set_meal.name_zh,
            )


def _item(session: Session, item_id: int) -> MenuItem:
    item = session.get(MenuItem, item_id)
    if item is None:
        raise NotFound(N_("That dish is not on the menu."))
    return item


# -- option groups ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionDraft:
    """One choice of a group; ``option_id`` names the choice it replaces (None: a new one)."""

    name_zh: str
    name_en: str = ""
    surcharge_fen: int = 0
    option_id: int | None = None


@dataclass(frozen=True)
class GroupDraft:
    """An option group (辣度, 做法, 加料) and its choices, in the order they are shown."""

    code: str
    name_zh: str
    name_en: str = ""
    required: bool = False
    min_choices: int = 0
    max_choices: int = 1
    options: tuple[OptionDraft, ...] = ()


def add_option_group(ctx: Context, draft: GroupDraft) -> MenuChanges:
    with ctx.transaction() as session:
        _check_group(session, draft, None)
        group = OptionGroup(code=draft.code.strip())
        session.add(group)
        _fill_group(session, group, draft)
        session.flush()
        return MenuChanges(group_id=group.id, added=1)


def update_option_group(ctx: Context, *, group_id: int, draft: GroupDraft) -> MenuChanges:
    """Save a group and its choices. A choice left out is removed; bills that had it keep
    their own copy of its name and surcharge."""
    with ctx.transaction() as session:
        group = session.get(OptionGroup, group_id)
        if group is None:
            raise NotFound(N_("That option group does not exist."))
        _check_group(session, draft, group_id)
        group.code = draft.code.strip()
        _fill_group(session, group, draft)
        return MenuChanges(group_id=group.id, updated=1)


def _check_group(session: Session, draft: GroupDraft, group_id: int | None) -> None:
    code = draft.code.strip()
    if not code or len(code) > CODE_LENGTH or not CODE_PATTERN.fullmatch(code):
        raise InvalidInput(
            N_("The code {code} must be 1 to {most} letters, digits, - or _."),
            code=code,
            most=CODE_LENGTH,
        )
    other = session.scalars(select(OptionGroup).where(OptionGroup.code == code)).first()
    if other is not None and other.id != group_id:
        raise InvalidInput(N_("There is already an option group {code}."), code=code)
    _raise_first(
        _text_problems(
            draft.name_zh,
            draft.name_en,
            GROUP_NAME_LENGTH,
            GROUP_NAME_LENGTH,
            N_("Enter the option group's Chinese name."),
        )
    )
    if not draft.options:
        raise InvalidInput(N_("An option group needs at least one choice."))
    names = [option.name_zh.strip() for option in draft.options]
    if len(set(names)) != len(names):
        raise InvalidInput(N_("Two choices of the group have the same name."))
    for option in draft.options:
        _raise_first(
            _text_problems(
                option.name_zh,
                option.name_en,
                GROUP_NAME_LENGTH,
                GROUP_NAME_LENGTH,
                N_("Enter the choice's Chinese name."),
            )
        )
        if not 0 <= option.surcharge_fen <= MAX_PRICE_FEN:
            raise InvalidInput(
                N_("{amount} is not a possible price."), amount=Amount(option.surcharge_fen)
            )
        if option.option_id is not None:
            known = session.get(Option, option.option_id)
            if known is None or known.group_id != group_id:
                raise NotFound(N_("That choice does not belong to this option group."))
    least = max(draft.min_choices, 1 if draft.required else 0)
    if not 0 <= draft.min_choices <= draft.max_choices or draft.max_choices < 1:
        raise InvalidInput(N_("The least choices must be 0 or more and at most the most choices."))
    if least > len(draft.options) or draft.max_choices > len(draft.options):
        raise InvalidInput(
            N_("The group has {count} choices: it cannot ask for more."), count=len(draft.options)
        )


def _fill_group(session: Session, group: OptionGroup, draft: GroupDraft) -> None:
    group.name_zh = draft.name_zh.strip()
    group.name_en = draft.name_en.strip()
    group.required = draft.required
    group.min_choices = draft.min_choices
    group.max_choices = draft.max_choices
    kept = {option.option_id for option in draft.options if option.option_id is not None}
    if group.id is not None:
        for option in list(group.options):
            if option.id not in kept:
                session.execute(
                    update(OrderLineOption)
                    .where(OrderLineOption.option_id == option.id)
                    .values(option_id=None)
                )
                group.options.remove(option)
                session.delete(option)
    for order, choice in enumerate(draft.options):
        option = session.get(Option, choice.option_id) if choice.option_id else None
        if option is None:
            option = Option()
            group.options.append(option)
        option.name_zh = choice.name_zh.strip()
        option.name_en = choice.name_en.strip()
        option.surcharge_fen = choice.surcharge_fen
        option.sort_order = order
