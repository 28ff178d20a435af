"""The menu as a spreadsheet: export every offered dish to CSV, import a CSV back.

The file is UTF-8 (a byte-order mark is written for Excel/WPS and accepted on import),
comma separated, one dish per row after a header row; ``docs/menu-template.csv`` is the
template. Columns, in any order (their names are the header, as written here):

==============  ==========================================================================
code            the dish's code, unique (H01). Rows are matched to dishes by code: a known
                code updates that dish, a new code adds one.
category_zh     the category's Chinese name; a category not on the menu yet is added.
category_en     its English name (optional; updates the category when given).
name_zh         the dish's Chinese name (required); its pinyin initials are worked out.
name_en         its English name (optional).
price           yuan with up to 2 decimals (42, 42.5, 42.00); for a weighed dish the price
                of one unit (斤), for a market-price dish the suggested price.
unit_zh         the Chinese unit (份, 斤, 壶 …; empty: 份).
unit_en         the English unit (empty: portion).
station         the kitchen station's code that receives the ticket (hot, cold, bar).
course          when it is served: drink, cold, premium, hot, soup, staple, fruit, snack
                (empty: hot).
weighed         yes/no (称重, priced per unit of weight; empty: no).
market_price    yes/no (时价, price typed when ordered; empty: no).
sold_out        yes/no (估清 today; empty: no).
options         option group codes asked when ordering, separated by | (spice|extras).
active          yes/no: no takes the dish off the menu (empty: yes).
==============  ==========================================================================

yes/no also accepts 是/否, y/n, true/false, 1/0. Set meals keep their dishes (edit those in
the menu editor). An import is all or nothing: every row is checked first, and when any row
is wrong nothing is imported; each wrong row is reported by its line number in the file
(the header is line 1) with the reason, up to ``MAX_REPORTED`` rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.domain.errors import N_, InvalidInput, NotAllowed, NotFound, XiaoerError
from app.domain.money import parse_yuan
from app.services import menu_admin
from app.services.audit import record
from app.services.context import Context
from app.services.menu_admin import ItemDraft, MenuChanges
from db.models import MenuCategory, MenuItem, OptionGroup, SetMealComponent, Station

COLUMNS = (
    "code",
    "category_zh",
    "category_en",
    "name_zh",
    "name_en",
    "price",
    "unit_zh",
    "unit_en",
    "station",
    "course",
    "weighed",
    "market_price",
    "sold_out",
    "options",
    "active",
)
REQUIRED = ("code", "category_zh", "name_zh", "price", "station")
MAX_REPORTED = 20
MAX_BYTES = 5_000_000
YES = frozenset({"yes", "y", "true", "1", "是", "x", "✓"})
NO = frozenset({"no", "n", "false", "0", "否", ""})


class MenuImportError(InvalidInput):
    """The file was not imported; ``problems`` are (line number, reason) of each wrong row.
    Shown as a heading and one line per problem, in the user's language."""

    def __init__(self, problems: list[tuple[int, XiaoerError]], rows: int) -> None:
        self.problems = problems
        self.rows = rows
        super().__init__(N_("Nothing was imported. Correct these rows and import again:"))

    @property
    def lines(self) -> list[int]:
        return sorted({line for line, _ in self.problems})

    def render(self, translate: Callable[[str], str], format_value: Callable[[Any], str]) -> str:
        heading = super().render(translate, format_value)
        if not hasattr(self, "problems"):
            return heading
        text = [heading]
        for line, reason in self.problems:
            text.append(
                translate(N_("Line {line}: {reason}")).format(
                    line=line, reason=reason.render(translate, format_value)
                )
            )
        more = self.rows - len({line for line, _ in self.problems})
        if more > 0:
            text.append(translate(N_("… and {count} more wrong rows.")).format(count=more))
        return "\n".join(text)


# -- export -------------------------------------------------------------------------------------


def export_csv(ctx: Context, path: Path | str) -> int:
    """Write every offered dish, in menu order, to ``path``; returns how many."""
    text = export_text(ctx)
    try:
        Path(path).write_text(text, encoding="utf-8-sig", newline="")
    except OSError as error:
        raise InvalidInput(N_("The file {file} cannot be written."), file=str(path)) from error
    return text.count("\n") - 1


def export_text(ctx: Context) -> str:
    """The CSV of every offered dish (active), by category and menu order."""
    with ctx.reading() as session:
        items = session.scalars(
            select(MenuItem)
            .join(MenuCategory)
            .where(MenuItem.active.is_(True))
            .options(selectinload(MenuItem.option_groups), selectinload(MenuItem.station))
            .order_by(MenuCategory.sort_order, MenuCategory.id, MenuItem.sort_order, MenuItem.id)
        ).all()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for item in items:
            writer.writerow(
                [
                    item.code,
                    item.category.name_zh,
                    item.category.name_en,
                    item.name_zh,
                    item.name_en,
                    f"{item.price_fen // 100}.{item.price_fen % 100:02d}",
                    item.unit_zh,
                    item.unit_en,
                    item.station.code,
                    item.course,
                    _yes_no(item.weighed),
                    _yes_no(item.market_price),
                    _yes_no(item.sold_out),
                    "|".join(group.code for group in item.option_groups),
                    _yes_no(item.active),
                ]
            )
    return out.getvalue()


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


# -- import -------------------------------------------------------------------------------------


def import_csv(ctx: Context, path: Path | str, *, staff_id: int | None = None) -> MenuChanges:
    """Read a menu CSV from ``path`` and import it all, or nothing (``MenuImportError``)."""
    file = Path(path)
    try:
        if file.stat().st_size > MAX_BYTES:
            raise InvalidInput(N_("The file is too large for a menu."))
        data = file.read_bytes()
    except FileNotFoundError as missing:
        raise NotFound(N_("The file {file} does not exist."), file=str(file)) from missing
    except OSError as error:
        raise InvalidInput(N_("The file {file} cannot be read."), file=str(file)) from error
    return import_bytes(ctx, data, staff_id=staff_id)


def import_bytes(ctx: Context, data: bytes, *, staff_id: int | None = None) -> MenuChanges:
    """Import a menu CSV's bytes: every row checked first, then all saved in one transaction."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            N_("The file is not UTF-8 text. Save it from the spreadsheet as “CSV UTF-8”.")
        ) from error
    rows = _read_rows(text)
    with ctx.transaction() as session:
        importer = _Importer(session)
        for line, row in rows:
            importer.check(line, row)
        importer.check_set_meals()
        if importer.problems:
            raise MenuImportError(importer.reported(), importer.wrong_rows)
        changes = importer.save()
        record(
            session,
            ctx.now(),
            "menu_import",
            staff_id=staff_id,
            added=changes.added,
            updated=changes.updated,
        )
        return changes


def _read_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    """(line number where the row starts, column → cell) of each non-empty row."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput(
            N_("The file is empty: it needs the header row and the dishes.")
        ) from None
    except csv.Error as error:
        raise InvalidInput(N_("Line {line}: this is not a CSV row."), line=1) from error
    names = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise InvalidInput(
            N_("The header row lacks the columns {columns} (see the menu template)."),
            columns=", ".join(missing),
        )
    rows: list[tuple[int, dict[str, str]]] = []
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise InvalidInput(N_("Line {line}: this is not a CSV row."), line=line) from error
        if any(cell.strip() for cell in cells):
            row = {
                name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(names)
            }
            rows.append((line, row))
        line = reader.line_num + 1
    if not rows:
        raise InvalidInput(N_("The file is empty: it needs the header row and the dishes."))
    return rows


@dataclass
class _Row:
    line: int
    draft: ItemDraft
    item: MenuItem | None
    category_zh: str
    category_en: str
    active: bool


class _Importer:
    """Checks every row against the store as it is in this transaction, then saves them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.problems: list[tuple[int, XiaoerError]] = []
        self.wrong_lines: set[int] = set()
        self.rows: list[_Row] = []
        self.codes: dict[str, int] = {}
        self.items = {
            item.code: item
            for item in session.scalars(select(MenuItem).options(selectinload(MenuItem.components)))
        }
        self.categories = {c.name_zh: c for c in session.scalars(select(MenuCategory))}
        self.stations = {s.code.lower(): s for s in session.scalars(select(Station))}
        self.groups = {g.code.lower(): g for g in session.scalars(select(OptionGroup))}

    @property
    def wrong_rows(self) -> int:
        return len(self.wrong_lines)

    def reported(self) -> list[tuple[int, XiaoerError]]:
        shown = sorted(self.wrong_lines)[:MAX_REPORTED]
        in_order = sorted(self.problems, key=lambda problem: problem[0])
        return [(line, problem) for line, problem in in_order if line in shown]

    def _wrong(self, line: int, problem: XiaoerError) -> None:
        self.problems.append((line, problem))
        self.wrong_lines.add(line)

    def check(self, line: int, row: dict[str, str]) -> None:
        before = len(self.problems)
        code = row.get("code", "")
        if code in self.codes:
            self._wrong(
                line,
                InvalidInput(
                    N_("The code {code} is already on line {other}."),
                    code=code,
                    other=str(self.codes[code]),
                ),
            )
        elif code:
            self.codes[code] = line
        item = self.items.get(code)
        price = self._price(line, row.get("price", ""))
        station = self._station(line, row.get("station", ""))
        groups = self._groups(line, row.get("options", ""))
        flags = {
            name: self._flag(line, name, row.get(name, ""), default=name == "active")
            for name in ("weighed", "market_price", "sold_out", "active")
        }
        category_zh = row.get("category_zh", "")
        category = self.categories.get(category_zh)
        if not category_zh:
            self._wrong(line, InvalidInput(N_("The category is missing.")))
        elif category is None:
            try:  # a new category: the same rules as in the editor
                menu_admin.category_names(category_zh, row.get("category_en", ""))
            except XiaoerError as problem:
                self._wrong(line, problem)
        draft = ItemDraft(
            code=code,
            name_zh=row.get("name_zh", ""),
            name_en=row.get("name_en", ""),
            category_id=category.id if category else 0,
            station_id=station.id if station else 0,
            price_fen=price if price is not None else 0,
            unit_zh=row.get("unit_zh", "") or "份",
            unit_en=row.get("unit_en", "") or ("portion" if not row.get("unit_zh") else ""),
            course=(row.get("course", "") or "hot").lower(),
            weighed=bool(flags["weighed"]),
            market_price=bool(flags["market_price"]),
            sold_out=bool(flags["sold_out"]),
            option_group_ids=tuple(group.id for group in groups),
            components=(
                tuple((c.component_item_id, c.quantity) for c in item.components) if item else ()
            ),
        )
        for problem in menu_admin.item_problems(
            self.session, draft, item_id=item.id if item else None
        ):
            if not self._already_told(problem, price, station):
                self._wrong(line, problem)
        if len(self.problems) == before:
            self.rows.append(
                _Row(
                    line,
                    draft,
                    item,
                    category_zh,
                    row.get("category_en", ""),
                    flags["active"] is not False,
                )
            )

    def check_set_meals(self) -> None:
        """A dish the file takes off the menu must not stay inside an offered set meal."""
        offered = {item.id: item.active for item in self.items.values()}
        offered.update({row.item.id: row.active for row in self.rows if row.item is not None})
        for row in self.rows:
            if row.item is None or row.active or not row.item.active:
                continue
            sets = self.session.scalars(
                select(MenuItem)
                .join(SetMealComponent, SetMealComponent.set_item_id == MenuItem.id)
                .where(SetMealComponent.component_item_id == row.item.id)
            ).all()
            for set_meal in sets:
                if offered.get(set_meal.id):
                    self._wrong(
                        row.line,
                        NotAllowed(
                            N_("{dish} is part of the set meal {set}: change the set meal first."),
                            dish=row.item.name_zh,
                            set=set_meal.name_zh,
                        ),
                    )
                    break

    def _already_told(self, problem: XiaoerError, price: int | None, station) -> bool:
        """The form's checks repeat what the row's own cells already reported."""
        told = {
            N_("That kitchen station does not exist."): station is None,
            N_("{amount} is not a possible price."): price is None,
            N_("That category does not exist."): True,  # a new category is added on saving
        }
        return told.get(problem.message_id, False)

    def _price(self, line: int, text: str) -> int | None:
        if not text:
            self._wrong(line, InvalidInput(N_("The price is missing.")))
            return None
        try:
            fen = parse_yuan(text)
        except XiaoerError:
            self._wrong(line, InvalidInput(N_("“{text}” is not a price in yuan."), text=text))
            return None
        if fen < 0:
            self._wrong(line, InvalidInput(N_("“{text}” is not a price in yuan."), text=text))
            return None
        return fen

    def _station(self, line: int, code: str) -> Station | None:
        station = self.stations.get(code.lower())
        if station is None:
            if code:
                self._wrong(
                    line,
                    NotFound(
                        N_("There is no kitchen station {station} (use one of {known})."),
                        station=code,
                        known=", ".join(sorted(self.stations)),
                    ),
                )
            else:
                self._wrong(line, InvalidInput(N_("The kitchen station is missing.")))
        return station

    def _groups(self, line: int, text: str) -> list[OptionGroup]:
        groups = []
        for code in (part.strip() for part in text.split("|")):
            if not code:
                continue
            group = self.groups.get(code.lower())
            if group is None:
                self._wrong(line, NotFound(N_("There is no option group {group}."), group=code))
            elif group not in groups:
                groups.append(group)
        return groups

    def _flag(self, line: int, column: str, text: str, *, default: bool) -> bool | None:
        value = text.strip().lower()
        if not value:
            return default
        if value in YES:
            return True
        if value in NO:
            return False
        self._wrong(
            line,
            InvalidInput(
                N_("“{text}” in the column {column} must be yes or no."), text=text, column=column
            ),
        )
        return None

    def save(self) -> MenuChanges:
        """Write every checked row: new categories first, then each dish by its code."""
        added = updated = 0
        last = self.session.scalar(select(func.max(MenuItem.sort_order))) or 0
        for row in self.rows:
            category = self.categories.get(row.category_zh)
            if category is None:
                category = menu_admin.new_category(self.session, row.category_zh, row.category_en)
                self.session.flush()
                self.categories[row.category_zh] = category
            elif row.category_en and row.category_en != category.name_en:
                category.name_en = row.category_en
            draft = replace(row.draft, category_id=category.id)
            item = row.item
            if item is None:
                last += 1
                item = MenuItem(sort_order=last)
                self.session.add(item)
                added += 1
            elif menu_admin.item_view(item).draft != draft or item.active != row.active:
                updated += 1
            menu_admin.fill_item(item, draft)
            item.active = row.active
            self.session.flush()
            menu_admin.attach(self.session, item, draft)
        return MenuChanges(added=added, updated=updated)
