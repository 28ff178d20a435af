"""What a prompt says on screen, in the waiter's language: its title, what to do, the line
to say with the real dish, amount and form of address, and how late it is."""

from __future__ import annotations

from app.domain.coaching import ROLE_LABELS, STAGE_LABELS, Stage, StepRole, fill
from app.domain.errors import N_
from app.i18n import Language
from app.services.coaching import PromptView


def _filled(text: str, view: PromptView, language: Language) -> str:
    return fill(text, view.values, language, chinese=language.is_chinese)


def title(view: PromptView, language: Language) -> str:
    return _filled(view.step.title(language.is_chinese), view, language)


def instruction(view: PromptView, language: Language) -> str:
    return _filled(view.step.instruction(language.is_chinese), view, language)


def script(view: PromptView, language: Language) -> str:
    """The line to say, "" when the step has none (a void, a transfer, 催菜)."""
    return _filled(view.step.script(language.is_chinese), view, language)


def main_line(view: PromptView, language: Language) -> str:
    """The line to say, or what to do when there is nothing to say."""
    return script(view, language) or instruction(view, language)


def stage_label(stage: Stage, language: Language) -> str:
    return language.gettext(STAGE_LABELS[stage])


def role_label(role: StepRole, language: Language) -> str:
    return language.gettext(ROLE_LABELS[role])


DUE_NOW = N_("due now")
LATE = N_("{minutes} min late")
IN = N_("in {minutes} min")


def when(view: PromptView, language: Language) -> str:
    """ "due now", "5 min late", or "in 7 min" for a step still to come."""
    minutes = view.overdue_minutes
    if minutes == 0:
        return language.gettext(DUE_NOW)
    text = LATE if minutes > 0 else IN
    return language.gettext(text).format(minutes=language.number(abs(minutes)))


def at_table(view: PromptView, language: Language) -> str:
    """ "A1 · 上热菜"."""
    return (
        f"{view.table_name} · {title(view, language)}" if view.table_name else title(view, language)
    )
