"""The option groups a dish asks when it is ordered (辣度, 做法, 加料), with their choices.

A read model for the order screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.services.context import Context
from db.models import MenuItem, OptionGroup


@dataclass(frozen=True)
class OptionChoice:
    """One choice of a group, with what it adds to the dish's price."""

    option_id: int
    name_zh: str
    name_en: str
    surcharge_fen: int


@dataclass(frozen=True)
class OptionGroupView:
    """A question asked for a dish and how many answers it takes."""

    group_id: int
    name_zh: str
    name_en: str
    required: bool
    min_choices: int
    max_choices: int
    choices: tuple[OptionChoice, ...]

    @property
    def least(self) -> int:
        """How many choices must be made: a required group needs at least one."""
        return max(self.min_choices, 1 if self.required else 0)


def item_option_groups(ctx: Context, item_id: int) -> list[OptionGroupView]:
    """The groups of one dish in the order they are asked, each with its choices."""
    with ctx.reading() as session:
        item = session.scalars(
            select(MenuItem)
            .where(MenuItem.id == item_id)
            .options(selectinload(MenuItem.option_groups).selectinload(OptionGroup.options))
        ).one_or_none()
        if item is None:
            return []
        return [
            OptionGroupView(
                group_id=group.id,
                name_zh=group.name_zh,
                name_en=group.name_en,
                required=group.required,
                min_choices=group.min_choices,
                max_choices=group.max_choices,
                choices=tuple(
                    OptionChoice(o.id, o.name_zh, o.name_en, o.surcharge_fen) for o in group.options
                ),
            )
            for group in item.option_groups
        ]
