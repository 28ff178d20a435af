"""Service-step coaching (服务流程): the steps of the service standard as data, and the
trigger engine that decides which step is due at which table, with its script line.

Pure: no store, no clock of its own. The caller gathers what it knows about a table into
``TableFacts`` and asks ``due_prompts(profile, facts, now)``; every prompt carries a
``key`` that names its table, step and subject, so recording the same prompt twice is
harmless. ``fill`` puts the real dish, amount and form of address into a script line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from app.domain.errors import N_, InvalidInput, Phrase
from app.domain.table_state import OCCUPIED, TableState


class Stage(StrEnum):
    """When in the meal a step belongs: 餐前, 餐中, 收尾, or the shift (班前) with no table."""

    BEFORE = "before"
    DURING = "during"
    AFTER = "after"
    SHIFT = "shift"


class StepRole(StrEnum):
    """Who carries the step out."""

    WAITER = "waiter"
    CASHIER = "cashier"
    GREETER = "greeter"
    MANAGER = "manager"


STAGE_LABELS: dict[Stage, str] = {
    Stage.BEFORE: N_("Before the meal"),
    Stage.DURING: N_("During the meal"),
    Stage.AFTER: N_("After the meal"),
    Stage.SHIFT: N_("Before the shift"),
}

ROLE_LABELS: dict[StepRole, str] = {
    StepRole.WAITER: N_("Waiter"),
    StepRole.CASHIER: N_("Cashier"),
    StepRole.GREETER: N_("Greeter"),
    StepRole.MANAGER: N_("Manager"),
}

# -- trigger vocabulary ---------------------------------------------------------------------

KIND_STATE = "state"
KIND_EVENT = "event"
KIND_TIMER = "timer"
KIND_COURSE = "course"
KIND_SHIFT = "shift"
TRIGGER_KINDS = (KIND_STATE, KIND_EVENT, KIND_TIMER, KIND_COURSE, KIND_SHIFT)

DISH_SERVED = "dish_served"
CASH_TENDERED = "cash_tendered"
CARD_TENDERED = "card_tendered"
BILL_PRINTED = "bill_printed"
VOID = "void"
TRANSFER = "transfer"
GUESTS_CHANGED = "guests_changed"
EVENTS = (DISH_SERVED, CASH_TENDERED, CARD_TENDERED, BILL_PRINTED, VOID, TRANSFER, GUESTS_CHANGED)

TEA_REFILL = "tea_refill"
NO_VISIT = "no_visit"
HOT_DISH_WAITING = "hot_dish_waiting"
RESERVATION_ARRIVING = "reservation_arriving"
TIMERS = (TEA_REFILL, NO_VISIT, HOT_DISH_WAITING, RESERVATION_ARRIVING)

# the minutes field each timer uses, and its default when a file leaves it out
TIMER_MINUTES: dict[str, tuple[str, int]] = {
    TEA_REFILL: ("every_minutes", 12),  # 续水: 10–15 minutes, again at 15–20
    NO_VISIT: ("after_minutes", 15),
    HOT_DISH_WAITING: ("after_minutes", 20),
    RESERVATION_ARRIVING: ("before_minutes", 10),  # 客到前10分钟
}

ORDERED_BEFORE_HOT = "ordered_before_hot"
ALL_SERVED_OF = "all_served_of"
COURSE_RULES = (ORDERED_BEFORE_HOT, ALL_SERVED_OF)

# The order courses reach the table (service flowchart): drinks → cold → premium (鲍翅) →
# hot → soup → dim sum / staple → fruit. Snacks (tea house) and shared charges have no turn.
COURSE_ORDER = ("drink", "cold", "premium", "hot", "soup", "staple", "fruit")
COURSES = frozenset({*COURSE_ORDER, "snack", "share"})

# an order line's status in TableFacts.courses
CART, HELD, SENT, SERVED = "cart", "held", "sent", "served"

PLACEHOLDERS = ("title", "guest", "dish", "amount", "change", "n", "table", "minutes")

_TABLE_VALUES = frozenset({"title", "guest", "n", "table"})
_EVENT_VALUES: dict[str, frozenset[str]] = {
    DISH_SERVED: _TABLE_VALUES | {"dish"},
    VOID: _TABLE_VALUES | {"dish"},
    CASH_TENDERED: _TABLE_VALUES | {"amount", "change"},
    CARD_TENDERED: _TABLE_VALUES | {"amount"},
    BILL_PRINTED: _TABLE_VALUES | {"amount"},
    TRANSFER: _TABLE_VALUES,
    GUESTS_CHANGED: _TABLE_VALUES,
}
_TIMER_VALUES: dict[str, frozenset[str]] = {
    TEA_REFILL: _TABLE_VALUES | {"minutes"},
    NO_VISIT: _TABLE_VALUES | {"minutes"},
    HOT_DISH_WAITING: _TABLE_VALUES | {"dish", "minutes"},
    RESERVATION_ARRIVING: _TABLE_VALUES | {"minutes"},
}

TEXT_FIELDS: dict[str, str] = {
    "title_zh": N_("the Chinese title"),
    "title_en": N_("the English title"),
    "instruction_zh": N_("the Chinese instruction"),
    "instruction_en": N_("the English instruction"),
    "script_zh": N_("the Chinese script line"),
    "script_en": N_("the English script line"),
}

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_STEP_ID = re.compile(r"^[a-z0-9][a-z0-9_.]*$")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_TIME_KEY = "%Y%m%dT%H%M%S"


# -- steps ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trigger:
    """What makes a step due. ``course`` on an event trigger lists the course or menu
    category codes a dish must have ("hot", "staple,fruit", "drink,!tea"); on a course
    trigger it names one course. ``next_course`` narrows ``all_served_of`` to one course."""

    kind: str
    state: str = ""
    event: str = ""
    timer: str = ""
    course: str = ""
    when: str = ""
    every_minutes: int = 0
    after_minutes: int = 0
    before_minutes: int = 0
    next_course: str = ""

    def minutes(self) -> int:
        """The timer's own minutes (every / after / before), 0 for other kinds."""
        if self.kind != KIND_TIMER or self.timer not in TIMER_MINUTES:
            return 0
        return int(getattr(self, TIMER_MINUTES[self.timer][0]))

    def dish_filter(self) -> tuple[frozenset[str], frozenset[str]]:
        """The course/category codes a served dish must have, and those it must not."""
        terms = [t.strip() for t in self.course.split(",") if t.strip()]
        wanted = frozenset(t for t in terms if not t.startswith("!"))
        unwanted = frozenset(t[1:].strip() for t in terms if t.startswith("!"))
        return wanted, unwanted

    def matches_dish(self, values: Mapping[str, Any]) -> bool:
        """Whether a dish (its ``course`` and ``category`` values) passes the filter."""
        kinds = {str(values.get("course") or ""), str(values.get("category") or "")} - {""}
        wanted, unwanted = self.dish_filter()
        if wanted and not kinds & wanted:
            return False
        return not kinds & unwanted


@dataclass(frozen=True)
class Step:
    """One step of the service standard: what to do, what to say, and when."""

    id: str
    profile: str
    stage: Stage
    role: StepRole
    order: int
    title_zh: str
    title_en: str
    instruction_zh: str
    instruction_en: str
    script_zh: str
    script_en: str
    trigger: Trigger
    due_minutes: int = 0
    enabled: bool = True

    def placeholders(self) -> set[str]:
        """Every ``{name}`` used in the step's titles, instructions and script lines."""
        found: set[str] = set()
        for name in TEXT_FIELDS:
            found |= set(_PLACEHOLDER.findall(getattr(self, name)))
        return found

    def title(self, chinese: bool) -> str:
        return _pick(self.title_zh, self.title_en, chinese)

    def instruction(self, chinese: bool) -> str:
        return _pick(self.instruction_zh, self.instruction_en, chinese)

    def script(self, chinese: bool) -> str:
        """The line to say in the waiter's language ("" when the step has none)."""
        return _pick(self.script_zh, self.script_en, chinese)


def _pick(text_zh: str, text_en: str, chinese: bool) -> str:
    """The text in the wanted language, the other one when it is missing."""
    if chinese:
        return text_zh or text_en
    return text_en or text_zh


@dataclass(frozen=True)
class Profile:
    """A service standard for one kind of room: restaurant, tea house, hot pot, briefing."""

    code: str
    name_zh: str
    name_en: str
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def name(self, chinese: bool) -> str:
        return _pick(self.name_zh, self.name_en, chinese)


def checklist(profile: Profile) -> list[Step]:
    """The profile's enabled shift steps (no table) in order: the briefing's tick list."""
    return [s for s in profile.steps if s.enabled and s.trigger.kind == KIND_SHIFT]


# -- reading, writing and checking ----------------------------------------------------------

_STEP_FIELDS = (
    "id",
    "stage",
    "role",
    "order",
    "title_zh",
    "title_en",
    "instruction_zh",
    "instruction_en",
    "script_zh",
    "script_en",
    "trigger",
    "due_minutes",
    "enabled",
)
_TRIGGER_TEXT = ("kind", "state", "event", "timer", "course", "when", "next_course")
_TRIGGER_MINUTES = ("every_minutes", "after_minutes", "before_minutes")


def step_from_dict(data: Mapping[str, Any], profile: str) -> Step:
    """A step read from a data file or an edit, checked (raises ``InvalidInput``)."""
    if not isinstance(data, Mapping):
        raise InvalidInput(N_("A step must be a set of named fields."))
    step_id = data.get("id")
    if not isinstance(step_id, str) or not _STEP_ID.match(step_id):
        raise InvalidInput(
            N_("A step id must use small letters, digits, dots and underscores: {step}"),
            step=str(step_id if step_id is not None else ""),
        )
    for name in data:
        if name not in _STEP_FIELDS and name != "profile":
            raise InvalidInput(
                N_("Step {step} has an unknown field {field}."), step=step_id, field=name
            )

    def text(name: str) -> str:
        value = data.get(name, "")
        if not isinstance(value, str):
            raise _invalid(step_id, name)
        return value.strip()

    def whole(name: str, default: int) -> int:
        value = data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise _invalid(step_id, name)
        return value

    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise _invalid(step_id, "enabled")
    step = Step(
        id=step_id,
        profile=profile,
        stage=_enum(Stage, text("stage"), N_("Unknown stage {value} in step {step}."), step_id),
        role=_enum(StepRole, text("role"), N_("Unknown role {value} in step {step}."), step_id),
        order=whole("order", 0),
        title_zh=text("title_zh"),
        title_en=text("title_en"),
        instruction_zh=text("instruction_zh"),
        instruction_en=text("instruction_en"),
        script_zh=text("script_zh"),
        script_en=text("script_en"),
        trigger=_trigger_from_dict(data.get("trigger"), step_id),
        due_minutes=whole("due_minutes", 0),
        enabled=enabled,
    )
    validate_step(step)
    return step


def _invalid(step_id: str, name: str) -> InvalidInput:
    return InvalidInput(N_("Step {step} has an invalid {field}."), step=step_id, field=name)


def _enum(kind: type[StrEnum], value: str, message: str, step_id: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        raise InvalidInput(message, value=value, step=step_id) from None


def _trigger_from_dict(data: Any, step_id: str) -> Trigger:
    if not isinstance(data, Mapping):
        raise _invalid(step_id, "trigger")
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name in _TRIGGER_TEXT:
            if not isinstance(value, str):
                raise _invalid(step_id, f"trigger.{name}")
            values[name] = value.strip()
        elif name in _TRIGGER_MINUTES:
            if isinstance(value, bool) or not isinstance(value, int):
                raise _invalid(step_id, f"trigger.{name}")
            values[name] = value
        else:
            raise InvalidInput(
                N_("Step {step} has an unknown field {field}."),
                step=step_id,
                field=f"trigger.{name}",
            )
    if values.get("kind") == KIND_TIMER and values.get("timer") in TIMER_MINUTES:
        minutes_field, default = TIMER_MINUTES[values["timer"]]
        values.setdefault(minutes_field, default)
    return Trigger(kind=values.pop("kind", ""), **values)


def validate_step(step: Step) -> None:
    """Refuse a step the engine could not run or a waiter could not read."""
    if not (step.instruction_zh.strip() or step.instruction_en.strip()):
        raise InvalidInput(
            N_("Step {step} needs an instruction in Chinese or English."), step=step.id
        )
    if not (step.title_zh.strip() or step.title_en.strip()):
        raise InvalidInput(N_("Step {step} needs a title in Chinese or English."), step=step.id)
    if step.due_minutes < 0:
        raise InvalidInput(N_("A step cannot be due before its trigger."))
    _validate_trigger(step.trigger, step.id)
    available = _values_for(step.trigger)
    for name, label in TEXT_FIELDS.items():
        for placeholder in _PLACEHOLDER.findall(getattr(step, name)):
            if placeholder not in PLACEHOLDERS:
                raise InvalidInput(
                    N_("Unknown placeholder {name} in {field}."),
                    name="{" + placeholder + "}",
                    field=Phrase(label),
                )
            if placeholder not in available:
                raise InvalidInput(
                    N_("The placeholder {name} in {field} has no value when this step is due."),
                    name="{" + placeholder + "}",
                    field=Phrase(label),
                )


def _validate_trigger(trigger: Trigger, step_id: str) -> None:
    kind = trigger.kind
    if kind not in TRIGGER_KINDS:
        raise InvalidInput(N_("Unknown trigger {value} in step {step}."), value=kind, step=step_id)
    if kind == KIND_STATE and trigger.state not in {s.value for s in TableState}:
        raise InvalidInput(
            N_("Unknown table state {value} in step {step}."), value=trigger.state, step=step_id
        )
    if kind == KIND_EVENT:
        if trigger.event not in EVENTS:
            raise InvalidInput(
                N_("Unknown event {value} in step {step}."), value=trigger.event, step=step_id
            )
        wanted, unwanted = trigger.dish_filter()
        for code in wanted | unwanted:
            if not _CODE.match(code):
                raise InvalidInput(
                    N_("Unknown course {value} in step {step}."), value=code, step=step_id
                )
    if kind == KIND_TIMER:
        if trigger.timer not in TIMERS:
            raise InvalidInput(
                N_("Unknown timer {value} in step {step}."), value=trigger.timer, step=step_id
            )
        if trigger.minutes() < 1:
            raise InvalidInput(N_("A timer must be at least 1 minute."))
    if kind == KIND_COURSE:
        if trigger.when not in COURSE_RULES:
            raise InvalidInput(
                N_("Unknown course rule {value} in step {step}."), value=trigger.when, step=step_id
            )
        named = (trigger.course, trigger.next_course or trigger.course)
        wrong = [code for code in named if code not in COURSE_ORDER]
        if wrong:
            raise InvalidInput(
                N_("Unknown course {value} in step {step}."), value=wrong[0], step=step_id
            )


def _values_for(trigger: Trigger) -> frozenset[str]:
    """The placeholders a prompt of this trigger can fill."""
    if trigger.kind == KIND_EVENT:
        return _EVENT_VALUES.get(trigger.event, _TABLE_VALUES)
    if trigger.kind == KIND_TIMER:
        return _TIMER_VALUES.get(trigger.timer, _TABLE_VALUES)
    if trigger.kind == KIND_SHIFT:
        return frozenset()
    return _TABLE_VALUES


def step_to_dict(step: Step) -> dict[str, Any]:
    """The step as its data file writes it (``step_from_dict`` reads it back unchanged)."""
    trigger: dict[str, Any] = {"kind": step.trigger.kind}
    for name in (*_TRIGGER_TEXT[1:], *_TRIGGER_MINUTES):
        value = getattr(step.trigger, name)
        if value:
            trigger[name] = value
    return {
        "id": step.id,
        "stage": step.stage.value,
        "role": step.role.value,
        "order": step.order,
        "title_zh": step.title_zh,
        "title_en": step.title_en,
        "instruction_zh": step.instruction_zh,
        "instruction_en": step.instruction_en,
        "script_zh": step.script_zh,
        "script_en": step.script_en,
        "trigger": trigger,
        "due_minutes": step.due_minutes,
        "enabled": step.enabled,
    }


def edited_step(step: Step, fields: Mapping[str, Any]) -> Step:
    """The step with a manager's edits laid over it (``trigger`` may name only the fields
    that change, e.g. ``{"every_minutes": 10}``), checked. The id cannot change."""
    data = step_to_dict(step)
    for name, value in fields.items():
        if name == "trigger" and isinstance(value, Mapping):
            data["trigger"] = {**data["trigger"], **value}
        elif name == "id" and value != step.id:
            raise InvalidInput(N_("Step {step} has an invalid {field}."), step=step.id, field=name)
        else:
            data[name] = value
    return step_from_dict(data, step.profile)


def profile_from_dict(data: Mapping[str, Any]) -> Profile:
    """A whole profile from its data file, every step checked, ids unique, in order."""
    if not isinstance(data, Mapping):
        raise InvalidInput(N_("This is not a service steps file."))
    code = data.get("profile")
    if not isinstance(code, str) or not _CODE.match(code):
        raise InvalidInput(N_("This is not a service steps file."))
    steps_data = data.get("steps")
    if not isinstance(steps_data, list):
        raise InvalidInput(N_("This is not a service steps file."))
    steps = [step_from_dict(item, code) for item in steps_data]
    seen: set[str] = set()
    for step in steps:
        if step.id in seen:
            raise InvalidInput(
                N_("Step {step} appears twice in profile {profile}."), step=step.id, profile=code
            )
        seen.add(step.id)
    name_zh, name_en = data.get("name_zh", ""), data.get("name_en", "")
    if not isinstance(name_zh, str) or not isinstance(name_en, str):
        raise InvalidInput(N_("This is not a service steps file."))
    return Profile(
        code=code,
        name_zh=name_zh.strip() or code,
        name_en=name_en.strip() or code,
        steps=tuple(sorted(steps, key=lambda s: (s.order, s.id))),
    )


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    return {
        "profile": profile.code,
        "name_zh": profile.name_zh,
        "name_en": profile.name_en,
        "version": 1,
        "steps": [step_to_dict(step) for step in profile.steps],
    }


def profiles_to_json(profiles: Iterable[Profile]) -> str:
    """Every profile as one UTF-8 JSON text (the export file)."""
    payload = {"xiaoer_service_steps": 1, "profiles": [profile_to_dict(p) for p in profiles]}
    return json.dumps(payload, ensure_ascii=False, indent=1)


def profiles_from_json(text: str) -> dict[str, Profile]:
    """Profiles from an export file, one profile's data file, or a list of them; all
    checked before any is returned."""
    try:
        payload = json.loads(text)
    except (ValueError, TypeError):
        raise InvalidInput(N_("This is not a service steps file.")) from None
    if isinstance(payload, Mapping) and "profiles" in payload:
        payload = payload["profiles"]
    items = payload if isinstance(payload, list) else [payload]
    profiles: dict[str, Profile] = {}
    for item in items:
        profile = profile_from_dict(item)
        if profile.code in profiles:
            raise InvalidInput(N_("Profile {profile} appears twice."), profile=profile.code)
        profiles[profile.code] = profile
    return profiles


def load_shipped_profiles(folder: Path) -> dict[str, Profile]:
    """The profiles shipped in ``resources/service_steps/*.json``, keyed by profile code."""
    profiles: dict[str, Profile] = {}
    for path in sorted(Path(folder).glob("*.json")):
        for code, profile in profiles_from_json(path.read_text(encoding="utf-8")).items():
            if code in profiles:
                raise InvalidInput(N_("Profile {profile} appears twice."), profile=code)
            profiles[code] = profile
    return profiles


# -- what the engine is told about a table -------------------------------------------------


@dataclass(frozen=True)
class Event:
    """Something that happened on a bill: ``key`` names it once ("line:123", "tender:9");
    ``values`` hold what its line needs (dish_zh, dish_en, course, category, amount,
    change, table, n)."""

    kind: str
    at: datetime
    key: str
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TableFacts:
    """What the store knows about one table (and its bill) at the moment of asking."""

    table_id: int
    table_name: str
    bill_id: int | None
    state: str
    state_since: datetime | None
    seated_at: datetime | None
    guests: int
    guest_name: str = ""
    guest_title: str = ""  # 先生 / 女士, "" unknown
    last_visit_at: datetime | None = None
    first_drink_served_at: datetime | None = None
    events: tuple[Event, ...] = ()
    waiting_hot: tuple[tuple[int, str, str, datetime], ...] = ()  # line id, zh, en, sent at
    courses: tuple[tuple[str, str], ...] = ()  # (course, status) of every dish
    reservation_at: datetime | None = None
    reservation_guests: int = 0
    reservation_name: str = ""


@dataclass(frozen=True)
class DuePrompt:
    """A step that has fired for a table: due at ``due_at``; ``values`` fill its lines."""

    table_id: int | None
    bill_id: int | None
    step_id: str
    key: str
    due_at: datetime
    role: StepRole
    stage: Stage
    values: dict


# -- the engine -----------------------------------------------------------------------------


def due_prompts(profile: Profile, facts: TableFacts, now: datetime) -> list[DuePrompt]:
    """Every prompt of the profile's enabled steps whose trigger has fired by ``now`` at
    this table, earliest due first. ``due_at`` may still lie ahead (``due_minutes`` after
    the trigger); callers show those with ``due_at <= now``. The same facts give the same
    keys, so a store can insert the result again and again without doubles."""
    base = _table_values(facts)
    prompts: list[DuePrompt] = []
    for step in profile.steps:
        if not step.enabled:
            continue
        for key, fired_at, values in _fired(step, facts, now):
            prompts.append(
                DuePrompt(
                    table_id=facts.table_id,
                    bill_id=facts.bill_id,
                    step_id=step.id,
                    key=key,
                    due_at=fired_at + timedelta(minutes=step.due_minutes),
                    role=step.role,
                    stage=step.stage,
                    values={**base, **values},
                )
            )
    order = {step.id: step.order for step in profile.steps}
    prompts.sort(key=lambda p: (p.due_at, order[p.step_id], p.key))
    return prompts


def urgency(prompt: DuePrompt, now: datetime) -> int:
    """Whole minutes the prompt is overdue: 0 just due, negative while not yet due."""
    return int((now - prompt.due_at).total_seconds() // 60)


_Fired = tuple[str, datetime, dict]


def _fired(step: Step, facts: TableFacts, now: datetime) -> list[_Fired]:
    kind = step.trigger.kind
    if kind == KIND_STATE:
        return _state_fired(step, facts, now)
    if kind == KIND_EVENT:
        return _event_fired(step, facts, now)
    if kind == KIND_TIMER:
        return _TIMER_RULES[step.trigger.timer](step, facts, now)
    if kind == KIND_COURSE:
        return _course_fired(step, facts, now)
    return []  # shift steps belong to the briefing, not to a table


def _table_values(facts: TableFacts) -> dict[str, Any]:
    return {
        "table": facts.table_name,
        "n": facts.guests,
        "guest_name": facts.guest_name,
        "guest_title": facts.guest_title,
    }


def _subject(step: Step, facts: TableFacts) -> str:
    """The key of a once-per-party prompt: the bill, or the table and when it changed."""
    if facts.bill_id is not None:
        return f"{step.id}@bill:{facts.bill_id}"
    since = facts.state_since.strftime(_TIME_KEY) if facts.state_since else "-"
    return f"{step.id}@table:{facts.table_id}@{since}"


def _state_fired(step: Step, facts: TableFacts, now: datetime) -> list[_Fired]:
    if facts.state != step.trigger.state or facts.state_since is None:
        return []
    if facts.state_since > now:
        return []
    return [(_subject(step, facts), facts.state_since, {})]


def _event_fired(step: Step, facts: TableFacts, now: datetime) -> list[_Fired]:
    trigger = step.trigger
    events = sorted(
        (e for e in facts.events if e.kind == trigger.event and e.at <= now),
        key=lambda e: (e.at, e.key),
    )
    if trigger.event in (DISH_SERVED, VOID):
        events = [e for e in events if trigger.matches_dish(e.values)]
    if not events:
        return []
    if trigger.event == DISH_SERVED and "dish" not in step.placeholders():
        # a line that names no dish (「打扰一下，上一下冷菜」) is said once for the party
        first = events[0]
        return [(_subject(step, facts), first.at, dict(first.values))]
    return [(f"{step.id}@{e.key}", e.at, dict(e.values)) for e in events]


def _occupied(facts: TableFacts) -> bool:
    return facts.state in {s.value for s in OCCUPIED}


def _tea_refill(step: Step, facts: TableFacts, now: datetime) -> list[_Fired]:
    """续水 every N minutes after the first tea is served: only the latest round is due."""
    start = facts.first_drink_served_at
    if start is None or not _occupied(facts) or facts.bill_id is None:
        return []
    every = step.trigger.every_minutes
    rounds = int((now - start).total_seconds() // (every * 60))
    if rounds < 1:
        return []
    minutes = rounds * every
    key = f"{step.id}@bill:{facts.bill_id}#{rounds}"
    return [(key, start + timedelta(minutes=minutes), {"minutes": minutes, "round": rounds})]


def _no_visit(step: Step, facts: TableFacts, now: datetime) -> list[_Fired]:
    """巡台 when nobody has been to an occupied table for a while."""
    since = facts.last_visit_at or facts.seated_at or facts.state_since
    if since is None or not _occupied(facts):
        return []
    after = step.trigger.after_minutes
    fired_at = since + timedelta(minutes=after)
    if fired_at > now:
        return []
    subject = f"bill:{facts.bill_id}" if facts.bill_id is not None else f"table:{facts.table_id}"
    return [(f"{step.id}@{subject}@{since.strftime(_TIME_KEY)}", fired_at, {"minutes": after})]


def _hot_dish_waiting(step: Step, facts: TableFacts, now: datetime) -> list[_Fired]:
    """催菜: a dish sent to the kitchen long ago and still not on the table."""
    after = step.trigger.after_minutes
    fired = []
    for line_id, dish_zh, dish_en, sent_at in facts.waiting_hot:
        fired_at = sent_at + timedelta(minutes=after)
        if fired_at <= now:
            values = {"dish_zh": dish_zh, "dish_en": dish_en, "minutes": after, "line_id": line_id}
            fired.append((f"{step.id}@line:{line_id}", fired_at, values))
    return fired


def _reservation_arriving(step: Step, facts: TableFacts, now: datetime) -> list[_Fired]:
    """Set the table for a booked party a few minutes before they come."""
    arrive = facts.reservation_at
    if arrive is None:
        return []
    before = step.trigger.before_minutes
    fired_at = arrive - timedelta(minutes=before)
    if fired_at > now:
        return []
    values = {
        "minutes": before,
        "n": facts.reservation_guests or facts.guests,
        "guest_name": facts.reservation_name or facts.guest_name,
    }
    return [(f"{step.id}@table:{facts.table_id}@{arrive.strftime(_TIME_KEY)}", fired_at, values)]


_TIMER_RULES = {
    TEA_REFILL: _tea_refill,
    NO_VISIT: _no_visit,
    HOT_DISH_WAITING: _hot_dish_waiting,
    RESERVATION_ARRIVING: _reservation_arriving,
}


def _later(course: str) -> frozenset[str]:
    """The courses that come after ``course`` in the order dishes reach the table."""
    return frozenset(COURSE_ORDER[COURSE_ORDER.index(course) + 1 :])


def _course_fired(step: Step, facts: TableFacts, now: datetime) -> list[_Fired]:
    trigger = step.trigger
    if not _occupied(facts) or trigger.course not in COURSE_ORDER:
        return []
    dishes = [
        (course, status) for course, status in facts.courses if status in (CART, HELD, SENT, SERVED)
    ]
    later = _later(trigger.course)
    if trigger.when == ORDERED_BEFORE_HOT:
        # 先上冷菜? cold dishes and later ones in the cart, nothing later gone to the kitchen
        fired = (
            any(c == trigger.course and s == CART for c, s in dishes)
            and any(c in later and s == CART for c, s in dishes)
            and not any(c in later and s in (HELD, SENT, SERVED) for c, s in dishes)
        )
    elif trigger.when == ALL_SERVED_OF:
        # every dish of the course is on the table; the next one is waiting its turn
        own = [s for c, s in dishes if c == trigger.course]
        nexts = {trigger.next_course} if trigger.next_course else later
        fired = (
            bool(own)
            and all(s == SERVED for s in own)
            and any(c in nexts and s != SERVED for c, s in dishes)
        )
    else:
        fired = False
    return [(_subject(step, facts), _last_news(facts, now), {})] if fired else []


def _last_news(facts: TableFacts, now: datetime) -> datetime:
    """The latest thing known to have happened at the table (a visit, an event, a change
    of state): when a course rule is taken to have fired, the same on every call."""
    moments = [facts.state_since, facts.last_visit_at, *(e.at for e in facts.events)]
    known = [m for m in moments if m is not None and m <= now]
    return max(known, default=now)


# -- filling the lines ----------------------------------------------------------------------


class Formatter(Protocol):
    """Locale formats for the waiter's language (``app.i18n.Language`` is one)."""

    code: str

    def money(self, fen: int) -> str: ...

    def number(self, n: Any) -> str: ...


MISSING = "…"


def fill(text: str, values: Mapping[str, Any], fmt: Formatter, *, chinese: bool) -> str:
    """``text`` with its placeholders filled for the waiter's language: money and numbers
    through ``fmt``, the dish in its language, {title} as 王先生 / Mr Wang / 先生/女士."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        shown = _placeholder_value(name, values, fmt, chinese)
        return MISSING if shown is None else shown

    return _PLACEHOLDER.sub(one, text)


def _placeholder_value(
    name: str, values: Mapping[str, Any], fmt: Formatter, chinese: bool
) -> str | None:
    if name == "title":
        return form_of_address(values, chinese=chinese)
    if name == "guest":
        return guest_label(values, chinese=chinese)
    if name in ("dish", "table"):
        text_zh = str(values.get(f"{name}_zh") or values.get(name) or "")
        text_en = str(values.get(f"{name}_en") or "")
        return _pick(text_zh, text_en, chinese) or None
    value = values.get(name)
    if value is None or isinstance(value, bool):
        return None
    if name in ("amount", "change"):
        return fmt.money(int(value))
    return fmt.number(value)


_MALE = frozenset({"先生", "mr", "mr.", "sir"})
_FEMALE = frozenset({"女士", "小姐", "太太", "夫人", "ms", "ms.", "mrs", "mrs.", "miss", "madam"})
_TITLE_SUFFIXES = ("先生", "女士", "小姐", "太太", "夫人")

# common surnames and their pinyin, so an English line can say "Mr Wang"
_SURNAMES = """
: 欧阳:Ouyang 司马:Sima 诸葛:Zhuge 上官:Shangguan 东方:Dongfang 慕容:Murong 司徒:Situ
夏侯:Xiahou 皇甫:Huangfu 尉迟:Yuchi 公孙:Gongsun 令狐:Linghu 端木:Duanmu 长孙:Zhangsun
宇文:Yuwen 轩辕:Xuanyuan 南宫:Nangong 西门:Ximen 王:Wang 李:Li 张:Zhang 刘:Liu 陈:Chen 杨:Yang
黄:Huang 赵:Zhao 吴:Wu 周:Zhou 徐:Xu 孙:Sun 马:Ma 朱:Zhu 胡:Hu 郭:Guo 何:He 高:Gao 林:Lin
罗:Luo 郑:Zheng 梁:Liang 谢:Xie 宋:Song 唐:Tang 许:Xu 韩:Han 冯:Feng 邓:Deng 曹:Cao 彭:Peng
曾:Zeng 肖:Xiao 萧:Xiao 田:Tian 董:Dong 袁:Yuan 潘:Pan 于:Yu 蒋:Jiang 蔡:Cai 余:Yu 杜:Du
叶:Ye 程:Cheng 苏:Su 魏:Wei 吕:Lü 丁:Ding 任:Ren 沈:Shen 姚:Yao 卢:Lu 姜:Jiang 崔:Cui
钟:Zhong 谭:Tan 陆:Lu 汪:Wang 范:Fan 金:Jin 石:Shi 廖:Liao 贾:Jia 夏:Xia 韦:Wei 付:Fu 傅:Fu
方:Fang 白:Bai 邹:Zou 孟:Meng 熊:Xiong 秦:Qin 邱:Qiu 江:Jiang 尹:Yin 薛:Xue 闫:Yan 段:Duan
雷:Lei 侯:Hou 龙:Long 史:Shi 陶:Tao 黎:Li 贺:He 顾:Gu 毛:Mao 郝:Hao 龚:Gong 邵:Shao 万:Wan
钱:Qian 严:Yan 覃:Qin 武:Wu 戴:Dai 莫:Mo 孔:Kong 向:Xiang 汤:Tang 常:Chang 温:Wen 康:Kang
施:Shi 文:Wen 牛:Niu 樊:Fan 葛:Ge 邢:Xing 安:An 齐:Qi 易:Yi 乔:Qiao 伍:Wu 庞:Pang 颜:Yan 倪:Ni
庄:Zhuang 聂:Nie 章:Zhang 鲁:Lu 岳:Yue 翟:Zhai 殷:Yin 詹:Zhan 申:Shen 欧:Ou 耿:Geng 关:Guan
兰:Lan 焦:Jiao 俞:Yu 左:Zuo 柳:Liu 甘:Gan 祝:Zhu 包:Bao 宁:Ning 尚:Shang 符:Fu 舒:Shu 阮:Ruan
柯:Ke 纪:Ji 梅:Mei 童:Tong 凌:Ling 毕:Bi 单:Shan 季:Ji 裴:Pei 霍:Huo 涂:Tu 成:Cheng 苗:Miao
谷:Gu 盛:Sheng 曲:Qu 翁:Weng 冉:Ran 骆:Luo 蓝:Lan 路:Lu 游:You 辛:Xin 靳:Jin 管:Guan 柴:Chai
蒙:Meng 鲍:Bao 华:Hua 喻:Yu 祁:Qi 蒲:Pu 房:Fang 滕:Teng 屈:Qu 饶:Rao 解:Xie 牟:Mou 艾:Ai
尤:You 阳:Yang 时:Shi 穆:Mu 农:Nong 司:Si 卓:Zhuo 古:Gu 吉:Ji 缪:Miao 简:Jian 车:Che 项:Xiang
连:Lian 芦:Lu 麦:Mai 褚:Chu 娄:Lou 窦:Dou 戚:Qi 岑:Cen 景:Jing 党:Dang 宫:Gong 费:Fei 卜:Bu
冷:Leng 晏:Yan 席:Xi 卫:Wei 米:Mi 柏:Bai 宗:Zong 瞿:Qu 桂:Gui 全:Quan 佟:Tong 应:Ying 臧:Zang
闵:Min 苟:Gou 邬:Wu 边:Bian 卞:Bian 姬:Ji 师:Shi 和:He 仇:Qiu 栾:Luan 隋:Sui 商:Shang 刁:Diao
沙:Sha 荣:Rong 巫:Wu 寇:Kou 桑:Sang 郎:Lang 甄:Zhen 丛:Cong 仲:Zhong 虞:Yu 敖:Ao 巩:Gong
明:Ming 佘:She 池:Chi 查:Zha 麻:Ma 苑:Yuan 迟:Chi 邝:Kuang 朴:Piao 区:Ou
"""
SURNAME_PINYIN: dict[str, str] = dict(pair.split(":", 1) for pair in _SURNAMES.split())
_COMPOUND_SURNAMES = frozenset(name for name in SURNAME_PINYIN if len(name) == 2)


@dataclass(frozen=True)
class GuestName:
    """A guest's name taken apart: surname (Chinese or as typed), its pinyin, and sex."""

    name: str  # without a title
    surname: str
    surname_en: str
    male: bool | None  # None: unknown


def guest_name(values: Mapping[str, Any]) -> GuestName:
    """Read ``guest_name`` / ``guest_title`` (and an optional ``guest_surname_en``):
    "王" + "先生", "张先生", "欧阳娜娜" + "女士", "Smith" + "Ms"."""
    name = str(values.get("guest_name") or "").strip()
    title = str(values.get("guest_title") or "").strip()
    for suffix in _TITLE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name, title = name[: -len(suffix)].strip(), title or suffix
            break
    lowered = title.lower()
    male = True if lowered in _MALE else False if lowered in _FEMALE else None
    if name and _is_chinese(name[0]):
        surname = name[:2] if name[:2] in _COMPOUND_SURNAMES else name[:1]
        surname_en = str(values.get("guest_surname_en") or SURNAME_PINYIN.get(surname, ""))
    else:
        surname = surname_en = name
    return GuestName(name=name, surname=surname, surname_en=surname_en, male=male)


def form_of_address(values: Mapping[str, Any], *, chinese: bool) -> str:
    """{title}: 王先生 / 先生 / 先生/女士 in Chinese; Mr Wang / Sir / Sir/Madam in English."""
    guest = guest_name(values)
    if chinese:
        if guest.male is None:
            return "先生/女士"
        title = _chinese_title(values, guest.male)
        return f"{guest.surname}{title}" if guest.surname else title
    if guest.male is None:
        return "Sir/Madam"
    if guest.surname_en:
        return f"{'Mr' if guest.male else 'Ms'} {guest.surname_en}"
    return "Sir" if guest.male else "Madam"


def guest_label(values: Mapping[str, Any], *, chinese: bool) -> str:
    """{guest}: the booked name with its title (王先生, 张芳女士; Mr Wang), else 客人 / the
    guest."""
    guest = guest_name(values)
    if not guest.name:
        return "客人" if chinese else "the guest"
    if chinese:
        return guest.name + (_chinese_title(values, guest.male) if guest.male is not None else "")
    if guest.male is not None and guest.surname_en:
        return f"{'Mr' if guest.male else 'Ms'} {guest.surname_en}"
    return guest.name


def _chinese_title(values: Mapping[str, Any], male: bool) -> str:
    """The Chinese title as given (小姐 stays 小姐), else 先生 / 女士."""
    given = str(values.get("guest_title") or "").strip()
    if given in _TITLE_SUFFIXES:
        return given
    name = str(values.get("guest_name") or "").strip()
    for suffix in _TITLE_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return "先生" if male else "女士"


def _is_chinese(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF
