"""Service-step coaching in the store: which steps each room follows, the managers' edits
over the shipped steps, the prompts that came due for each table (and who did them, how
late, or why they were skipped), and the pre-shift briefing.

The rules of when a step is due live in ``app.domain.coaching`` (the engine); this module
gathers what the engine needs to know about each occupied table from the store, runs it,
and keeps its prompts."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, text, update

from app.domain import coaching as engine
from app.domain.coaching import DuePrompt, Event, Profile, Step, TableFacts
from app.domain.errors import N_, InvalidInput, NotAllowed, NotFound, XiaoerError
from app.domain.table_state import OCCUPIED, TableState
from app.domain.text import REASON_MAX, clean_text
from app.domain.timing import business_day
from app.i18n import RESOURCES_DIR
from app.services.bills import BillStatus, LineKind, LineStatus, breakdown, note_visit, venue_of
from app.services.context import Changes, Context
from app.services.service_figures import WaiterFigures as WaiterFigures
from app.services.service_figures import WaiterServiceFigures as WaiterServiceFigures
from app.services.service_figures import service_figures as service_figures
from db.models import (
    OPEN_PROMPT,
    Bill,
    Briefing,
    DiningTable,
    MenuCategory,
    MenuItem,
    OrderLine,
    Reservation,
    Room,
    ServicePrompt,
    Staff,
    StepOverride,
    TableVisit,
    TenderRow,
    profile_for_room_kind,
)

BRIEFING = "briefing"  # the profile holding the pre-shift briefing and opening checklist
SERVICE_STEPS_DIR = RESOURCES_DIR / "service_steps"
RESERVATION_LOOKAHEAD = timedelta(minutes=15)
RESERVATION_LATE = timedelta(minutes=30)  # a booked party this late still gets its prompt
HOT_COURSES = frozenset({"hot", "premium", "soup", "staple"})  # 催菜 after a while
DRINK_COURSE = "drink"  # tea and drinks: the refill rhythm starts at the first one served
SNOOZE_MAX_MINUTES = 120


# ---------------------------------------------------------------- profiles and edits

_shipped: dict[tuple, dict[str, Profile]] = {}


def shipped_profiles(folder: Path = SERVICE_STEPS_DIR) -> dict[str, Profile]:
    """The profiles shipped in ``resources/service_steps``, read again when a file changes."""
    files = sorted(Path(folder).glob("*.json"))
    signature = (str(folder), *((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files))
    profiles = _shipped.get(signature)
    if profiles is None:
        profiles = engine.load_shipped_profiles(Path(folder))
        _shipped.clear()
        _shipped[signature] = profiles
    return profiles


def load_profiles(ctx: Context) -> dict[str, Profile]:
    """Every profile as in effect: the shipped steps with the managers' edits over them."""
    with ctx.reading() as session:
        overrides = session.execute(
            select(
                StepOverride.profile, StepOverride.step_id, StepOverride.data, StepOverride.enabled
            )
        ).all()
    return _with_overrides(shipped_profiles(), overrides)


def _with_overrides(shipped: dict[str, Profile], overrides: Iterable[Any]) -> dict[str, Profile]:
    edits: dict[str, dict[str, tuple[dict, bool]]] = defaultdict(dict)
    for row in overrides:
        edits[row.profile][row.step_id] = (json.loads(row.data or "{}"), bool(row.enabled))
    profiles = {}
    for code, profile in shipped.items():
        if code not in edits:
            profiles[code] = profile
            continue
        steps = []
        for step in profile.steps:
            edit = edits[code].get(step.id)
            try:
                steps.append(step if edit is None else _edited(step, *edit))
            except XiaoerError:
                steps.append(step)  # an edit the shipped step no longer takes: the default
        steps.sort(key=lambda s: (s.order, s.id))
        profiles[code] = replace(profile, steps=tuple(steps))
    return profiles


def _edited(step: Step, fields: dict, enabled: bool) -> Step:
    """The shipped step with the edited fields laid over it, checked by the engine."""
    return engine.edited_step(step, {**fields, "enabled": enabled})


def _diff(default: Step, edited: Step) -> dict:
    """The fields of ``edited`` that differ from the shipped step (``enabled`` apart)."""
    before = engine.step_to_dict(default)
    after = engine.step_to_dict(edited)
    changed: dict[str, Any] = {}
    for name, value in after.items():
        if name in ("id", "enabled"):
            continue
        if name == "trigger":
            old = before["trigger"]
            trigger = {k: v for k, v in value.items() if old.get(k) != v}
            trigger.update({k: _EMPTY.get(k, "") for k in old if k not in value})
            if trigger:
                changed["trigger"] = trigger
        elif before.get(name) != value:
            changed[name] = value
    return changed


_EMPTY = {"every_minutes": 0, "after_minutes": 0, "before_minutes": 0}


def _shipped_step(profile: str, step_id: str) -> Step:
    shipped = shipped_profiles()
    if profile not in shipped:
        raise NotFound(N_("That service profile does not exist."))
    step = shipped[profile].step(step_id)
    if step is None:
        raise NotFound(N_("That service step does not exist."))
    return step


EDITABLE = frozenset(
    {
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
    }
)


def update_step(
    ctx: Context, *, profile: str, step_id: str, fields: dict, staff_id: int | None = None
) -> Changes:
    """Change a step (its lines, instruction, timers, on/off) over the shipped default.
    ``fields`` names only what changes; ``trigger`` may name only its changed fields, e.g.
    ``{"every_minutes": 10}``. The engine checks the result first: an unknown placeholder
    or a timer under a minute is refused with its message, and nothing is stored."""
    unknown = sorted(set(fields) - EDITABLE)
    if unknown:
        raise InvalidInput(
            N_("Step {step} has an unknown field {field}."), step=step_id, field=unknown[0]
        )
    default = _shipped_step(profile, step_id)
    now = ctx.now()
    with ctx.transaction() as session:
        row = session.scalars(
            select(StepOverride).where(
                StepOverride.profile == profile, StepOverride.step_id == step_id
            )
        ).first()
        current = default
        if row is not None:
            try:
                current = _edited(default, json.loads(row.data or "{}"), row.enabled)
            except XiaoerError:
                current = default  # an old edit the shipped step no longer takes
        edited = engine.edited_step(current, fields)
        _keep_override(session, row, default, edited, now, staff_id)
    return Changes()


def _keep_override(
    session,
    row: StepOverride | None,
    default: Step,
    edited: Step,
    now: datetime,
    staff_id: int | None,
) -> StepOverride | None:
    """Store what differs from the shipped step; nothing left to keep removes the row."""
    changed = _diff(default, edited)
    if not changed and edited.enabled == default.enabled:
        if row is not None:
            session.delete(row)
        return None
    if row is None:
        row = StepOverride(profile=default.profile, step_id=default.id)
        session.add(row)
    row.data = json.dumps(changed, ensure_ascii=False, sort_keys=True)
    row.enabled = edited.enabled
    row.changed_at = now
    row.changed_by = staff_id
    return row


def reset_step(ctx: Context, *, profile: str, step_id: str) -> Changes:
    """Back to the shipped step: the manager's edit is dropped."""
    _shipped_step(profile, step_id)
    with ctx.transaction() as session:
        session.execute(
            delete(StepOverride).where(
                StepOverride.profile == profile, StepOverride.step_id == step_id
            )
        )
    return Changes()


def export_steps(ctx: Context) -> str:
    """Every profile as in effect, as the text of a JSON file (UTF-8)."""
    return engine.profiles_to_json(load_profiles(ctx).values()) + "\n"


class StepProblem(InvalidInput):
    """A bad step in an imported file: the engine's message with the step's id in front."""

    def __init__(self, step_id: str, problem: XiaoerError) -> None:
        self.problem = problem
        super().__init__(N_("Step {step}: {problem}"), step=step_id)

    def render(self, translate, format_value) -> str:
        problem = self.problem.render(translate, format_value)
        return translate(self.message_id).format(step=self.params["step"], problem=problem)


def _not_a_steps_file() -> InvalidInput:
    return InvalidInput(N_("This is not a service steps file."))


def import_steps(ctx: Context, text: str, *, staff_id: int | None = None) -> Changes:
    """Take the steps of an exported file (or of one profile's data file) as the ones in
    effect. Every step is checked first: one bad step refuses the whole file, with its id
    in the message, and nothing changes. Steps the file leaves out stay as they are."""
    try:
        document = json.loads(text)
    except (ValueError, TypeError) as exc:
        raise _not_a_steps_file() from exc
    if isinstance(document, dict) and "profiles" in document:
        document = document["profiles"]
    items = document if isinstance(document, list) else [document]
    shipped = shipped_profiles()
    wanted: dict[tuple[str, str], tuple[Step, Step]] = {}  # (shipped default, as in the file)
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("steps"), list):
            raise _not_a_steps_file()
        code = item.get("profile")
        if not isinstance(code, str) or code not in shipped:
            raise InvalidInput(
                N_("The file names a service profile this app does not have: {profile}."),
                profile=str(code),
            )
        for data in item["steps"]:
            step_id = data.get("id") if isinstance(data, dict) else None
            if not isinstance(step_id, str) or shipped[code].step(step_id) is None:
                problem = NotFound(N_("That service step does not exist."))
                raise StepProblem(str(step_id if step_id is not None else "?"), problem)
            default = shipped[code].step(step_id)
            fields = {k: v for k, v in data.items() if k not in ("id", "profile")}
            try:
                edited = engine.edited_step(default, fields)
            except XiaoerError as problem:
                if "step" in problem.params:
                    raise  # the engine's message names the step already
                raise StepProblem(step_id, problem) from problem
            wanted[(code, step_id)] = (default, edited)
    now = ctx.now()
    with ctx.transaction() as session:
        rows = {(row.profile, row.step_id): row for row in session.scalars(select(StepOverride))}
        for place, (default, edited) in wanted.items():
            _keep_override(session, rows.get(place), default, edited, now, staff_id)
    return Changes()


# ---------------------------------------------------------------- rooms


def room_profiles(ctx: Context) -> dict[int, str]:
    """The profile each room follows, by room id."""
    with ctx.reading() as session:
        rows = session.execute(select(Room.id, Room.kind, Room.service_profile)).all()
    known = shipped_profiles()
    return {row.id: _profile_of(row.service_profile, row.kind, known) for row in rows}


def _profile_of(chosen: str | None, kind: str, known: dict[str, Profile]) -> str:
    if chosen and chosen in known and chosen != BRIEFING:
        return chosen
    return profile_for_room_kind(kind)


def set_room_profile(ctx: Context, *, room_id: int, profile: str) -> Changes:
    """Choose the steps a room follows (tea rooms: the tea house; the hall: the restaurant)."""
    if profile == BRIEFING or profile not in shipped_profiles():
        raise NotFound(N_("That service profile does not exist."))
    with ctx.transaction() as session:
        room = session.get(Room, room_id)
        if room is None:
            raise NotFound(N_("That room does not exist."))
        room.service_profile = profile
        tables = session.scalars(select(DiningTable.id).where(DiningTable.room_id == room_id))
        return Changes(tables=frozenset(tables))


# ---------------------------------------------------------------- prompts due now


@dataclass(frozen=True)
class PromptView:
    """A step due at a table now: what to do and say (``step``, filled from ``values``)."""

    prompt_id: int
    table_id: int | None
    table_name: str
    bill_id: int | None
    step: Step
    due_at: datetime
    values: dict
    overdue_minutes: int
    waiter_id: int | None


@dataclass
class _Table:
    id: int
    name: str
    state: str
    since: datetime | None
    profile: str


@dataclass
class _Facts:
    """What is known of one table while gathering, before it becomes ``TableFacts``."""

    table: _Table
    bills: list[Any]  # bill rows: open bills, or the bill just paid
    waiter_id: int | None
    events: list[Event]
    guest_name: str = ""
    guest_title: str = ""
    last_visit_at: datetime | None = None
    first_drink_at: datetime | None = None
    waiting_hot: list[tuple[int, str, str, datetime]] | None = None
    courses: list[tuple[str, str]] | None = None
    reservation: Any = None


def due_now(ctx: Context) -> list[PromptView]:
    """The steps due across the floor now, most overdue first. New ones are recorded (each
    once: its key is unique) in one short transaction; done, skipped and snoozed ones are
    left out, and so are those whose moment has passed (the table moved on)."""
    now = ctx.now()
    profiles = load_profiles(ctx)
    with ctx.reading() as session:
        gathered = _gather(session, now, profiles)
        existing = _existing_prompts(session, gathered, now)
        _add_checks(session, gathered, existing, profiles)
        still_open = session.execute(_OPEN_PROMPTS).all()
    fired: list[tuple[DuePrompt, _Facts]] = []
    for facts in gathered:
        profile = profiles.get(facts.table.profile)
        if profile is None:
            continue
        for prompt in engine.due_prompts(profile, _table_facts(facts), now):
            if prompt.due_at <= now:
                fired.append((prompt, facts))
    new = [(prompt, facts) for prompt, facts in fired if prompt.key not in existing]
    steps = {(code, step.id): step for code, p in profiles.items() for step in p.steps}
    visited = _rounds_made(gathered, existing, steps)
    passed = _passed(still_open, {prompt.key for prompt, _ in fired}, visited, now)
    if new or visited or passed:
        existing.update(_record(ctx, new, visited, now, passed))
    views = []
    for prompt, facts in fired:
        row = existing.get(prompt.key)
        if row is None or row.done_at is not None or row.skipped_at is not None:
            continue
        if row.expired_at is not None:
            continue
        if row.snoozed_until is not None and row.snoozed_until > now:
            continue
        step = steps.get((facts.table.profile, prompt.step_id))
        if step is None or not step.enabled:
            continue
        shown_from = max(row.due_at, row.snoozed_until or row.due_at)
        views.append(
            PromptView(
                prompt_id=row.id,
                table_id=facts.table.id,
                table_name=facts.table.name,
                bill_id=row.bill_id,
                step=step,
                due_at=row.due_at,
                values=json.loads(row.values_json or "{}"),
                overdue_minutes=max(0, int((now - shown_from).total_seconds() // 60)),
                waiter_id=row.staff_id,
            )
        )
    views.sort(key=lambda view: (-view.overdue_minutes, view.due_at, view.prompt_id))
    return views


UPCOMING_HORIZON_MINUTES = 60


def upcoming_for_bill(
    ctx: Context, bill_id: int, *, horizon_minutes: int = UPCOMING_HORIZON_MINUTES
) -> PromptView | None:
    """The next step that will come due for a party if nothing else happens (点菜 in two
    minutes, the next refill, the round when nobody has been by), within the horizon; None
    when nothing will. Nothing is recorded: ``prompt_id`` is 0 and ``overdue_minutes`` is
    minus the whole minutes until it is due."""
    now = ctx.now()
    profiles = load_profiles(ctx)
    with ctx.reading() as session:
        gathered = _gather(session, now, profiles)
        facts = next((f for f in gathered if any(b.id == bill_id for b in f.bills)), None)
        if facts is None:
            return None
        known = set(
            session.scalars(select(ServicePrompt.key).where(ServicePrompt.bill_id == bill_id))
        )
    profile = profiles.get(facts.table.profile)
    if profile is None:
        return None
    table = _table_facts(facts)
    known |= {p.key for p in engine.due_prompts(profile, table, now) if p.due_at <= now}
    soonest: DuePrompt | None = None
    for minutes in range(horizon_minutes + 1):
        at = now + timedelta(minutes=minutes)
        for prompt in engine.due_prompts(profile, table, at):
            if prompt.key in known or prompt.due_at <= now or prompt.bill_id != bill_id:
                continue
            if soonest is None or prompt.due_at < soonest.due_at:
                soonest = prompt
        # a prompt not fired by ``at`` fires later, and is due no earlier than it fires
        if soonest is not None and soonest.due_at <= at:
            break
    if soonest is None:
        return None
    step = profile.step(soonest.step_id)
    if step is None:
        return None
    seconds = (soonest.due_at - now).total_seconds()
    return PromptView(
        prompt_id=0,
        table_id=facts.table.id,
        table_name=facts.table.name,
        bill_id=bill_id,
        step=step,
        due_at=soonest.due_at,
        values=soonest.values,
        overdue_minutes=-math.ceil(seconds / 60),
        waiter_id=facts.waiter_id,
    )


def _rounds_made(gathered: list[_Facts], existing: dict, steps: dict) -> list[tuple[Any, datetime]]:
    """Open 巡台 prompts (no visit for a while) whose table has been visited since they came
    due: staff acting on the bill were there, so the round counts as done then."""
    still_open: dict[int, list] = defaultdict(list)
    for row in existing.values():
        if row.bill_id is not None and row.done_at is None and row.skipped_at is None:
            still_open[row.bill_id].append(row)
    made = []
    for facts in gathered:
        visit = facts.last_visit_at
        if visit is None:
            continue
        for row in (row for bill in facts.bills for row in still_open.get(bill.id, ())):
            step = steps.get((facts.table.profile, row.step_id))
            if (
                step is not None
                and step.trigger.kind == engine.KIND_TIMER
                and step.trigger.timer == engine.NO_VISIT
                and visit > row.due_at
            ):
                made.append((row, visit))
    return made


def _passed(still_open: list, fired: set[str], visited: list, now: datetime) -> list[int]:
    """Open prompts whose moment has passed: their bill was paid and the table cleared,
    cancelled or merged, the table moved past the state that called for them, a newer
    round came, the dish they chased was served. Read in the same look at the store as
    what fired, so a prompt another terminal recorded a moment later is not among them."""
    made = {row.id for row, _ in visited}
    return [
        row.id
        for row in still_open
        if row.key not in fired and row.id not in made and row.due_at <= now
    ]


def _record(
    ctx: Context,
    new: list[tuple[DuePrompt, _Facts]],
    visited: list[tuple[Any, datetime]],
    now: datetime,
    passed: list[int],
) -> dict:
    """Insert the prompts that came due, close the rounds made and mark the prompts whose
    moment passed as missed, in one transaction; a key another terminal recorded a moment
    ago is kept as it is."""
    keys = [prompt.key for prompt, _ in new] + [row.key for row, _ in visited]
    with ctx.transaction() as session:
        if passed:
            session.execute(
                update(ServicePrompt)
                .where(ServicePrompt.id.in_(list(passed)), text(OPEN_PROMPT))
                .values(expired_at=now)
            )
        for row, visit in visited:
            session.execute(
                update(ServicePrompt)
                .where(
                    ServicePrompt.id == row.id,
                    ServicePrompt.done_at.is_(None),
                    ServicePrompt.skipped_at.is_(None),
                )
                .values(
                    done_at=visit,
                    late_seconds=max(0, int((visit - row.due_at).total_seconds())),
                    snoozed_until=None,
                )
            )
        taken = set(session.scalars(select(ServicePrompt.key).where(ServicePrompt.key.in_(keys))))
        rows = []
        for prompt, facts in new:
            if prompt.key in taken:
                continue
            taken.add(prompt.key)
            rows.append(
                dict(
                    key=prompt.key,
                    table_id=prompt.table_id if prompt.table_id is not None else facts.table.id,
                    bill_id=prompt.bill_id,
                    step_id=prompt.step_id,
                    profile=facts.table.profile,
                    role=str(prompt.role),
                    stage=str(prompt.stage),
                    values_json=json.dumps(prompt.values, ensure_ascii=False, default=str),
                    due_at=prompt.due_at,
                    first_shown_at=now,
                    snooze_reason="",
                    skip_reason="",
                    staff_id=facts.waiter_id,
                )
            )
        if rows:
            session.execute(insert(ServicePrompt), rows)
        return {
            row.key: row
            for row in session.execute(_PROMPT_COLUMNS.where(ServicePrompt.key.in_(keys)))
        }


_PROMPT_COLUMNS = select(
    ServicePrompt.id,
    ServicePrompt.key,
    ServicePrompt.step_id,
    ServicePrompt.bill_id,
    ServicePrompt.due_at,
    ServicePrompt.done_at,
    ServicePrompt.skipped_at,
    ServicePrompt.snoozed_until,
    ServicePrompt.values_json,
    ServicePrompt.staff_id,
    ServicePrompt.expired_at,
)
# every prompt still open across the floor (a partial index keeps this quick)
_OPEN_PROMPTS = select(ServicePrompt.id, ServicePrompt.key, ServicePrompt.due_at).where(
    text(OPEN_PROMPT)
)


def _existing_prompts(session, gathered: list[_Facts], now: datetime) -> dict:
    """The prompts already recorded for the bills and reserved tables gathered, by key."""
    bill_ids = [bill.id for facts in gathered for bill in facts.bills]
    table_ids = [facts.table.id for facts in gathered if not facts.bills]
    found = {}
    if bill_ids:
        for row in session.execute(_PROMPT_COLUMNS.where(ServicePrompt.bill_id.in_(bill_ids))):
            found[row.key] = row
    if table_ids:
        rows = session.execute(
            _PROMPT_COLUMNS.where(
                ServicePrompt.table_id.in_(table_ids),
                ServicePrompt.bill_id.is_(None),
                ServicePrompt.due_at >= now - timedelta(days=1),
            )
        )
        for row in rows:
            found[row.key] = row
    return found


def _gather(session, now: datetime, profiles: dict[str, Profile]) -> list[_Facts]:
    """What the engine needs to know of every table with guests (and of tables whose booked
    party arrives soon), in a handful of indexed queries over open bills only."""
    tables = {
        row.id: _Table(
            row.id,
            row.name,
            row.state,
            row.state_since,
            _profile_of(row.service_profile, row.kind, profiles),
        )
        for row in session.execute(
            select(
                DiningTable.id,
                DiningTable.name,
                DiningTable.state,
                DiningTable.state_since,
                Room.kind,
                Room.service_profile,
            )
            .join(Room, Room.id == DiningTable.room_id)
            .where(DiningTable.active.is_(True), DiningTable.state != TableState.FREE)
        )
    }
    bill_columns = select(
        Bill.id,
        Bill.table_id,
        Bill.guests,
        Bill.waiter_id,
        Bill.reservation_id,
        Bill.opened_at,
        Bill.closed_at,
        Bill.bill_requested_at,
        Bill.changed_at,
        Bill.change_fen,
        Bill.status,
    )
    open_bills = session.execute(bill_columns.where(Bill.status == BillStatus.OPEN)).all()
    after = [
        t
        for t in tables.values()
        if t.state in (TableState.PAID, TableState.CLEARING) and t.since is not None
    ]
    paid_bills = []
    if after:
        paid_bills = [
            row
            for row in session.execute(
                bill_columns.where(
                    Bill.closed_at >= min(t.since for t in after) - timedelta(seconds=1),
                    Bill.status == BillStatus.PAID,
                    Bill.table_id.in_([t.id for t in after]),
                )
            )
        ]
    by_table: dict[int, list] = defaultdict(list)
    for bill in open_bills:
        if bill.table_id in tables and tables[bill.table_id].state in OCCUPIED:
            by_table[bill.table_id].append(bill)
    for bill in sorted(paid_bills, key=lambda b: b.closed_at, reverse=True):
        table = tables[bill.table_id]
        if not by_table.get(table.id) and bill.closed_at >= table.since - timedelta(seconds=1):
            by_table[table.id] = [bill]  # the party that just paid
    gathered = {
        table_id: _Facts(tables[table_id], bills, bills[0].waiter_id, [])
        for table_id, bills in by_table.items()
    }
    open_ids = [b.id for bills in by_table.values() for b in bills if b.status == BillStatus.OPEN]
    paid_ids = [b.id for bills in by_table.values() for b in bills if b.status == BillStatus.PAID]
    facts_of_bill = {b.id: gathered[t] for t, bills in by_table.items() for b in bills}
    _add_lines(session, open_ids, facts_of_bill)
    _add_visits(session, [*open_ids, *paid_ids], facts_of_bill)
    _add_tenders(session, paid_ids, facts_of_bill)
    _add_guests(session, gathered.values())
    for facts in _arriving(session, now, tables, by_table, profiles):
        gathered[facts.table.id] = facts
    return list(gathered.values())


def _add_lines(session, bill_ids: list[int], facts_of_bill: dict[int, _Facts]) -> None:
    """Dishes served (one event each), voids, the first tea or drink served, hot dishes
    still on their way, and every dish's course and status."""
    if not bill_ids:
        return
    rows = session.execute(
        select(
            OrderLine.id,
            OrderLine.bill_id,
            OrderLine.kind,
            OrderLine.name_zh,
            OrderLine.name_en,
            OrderLine.course,
            OrderLine.status,
            OrderLine.station_id,
            OrderLine.created_at,
            OrderLine.sent_at,
            OrderLine.fired_at,
            OrderLine.served_at,
            MenuCategory.code.label("category"),
        )
        .outerjoin(MenuItem, MenuItem.id == OrderLine.item_id)
        .outerjoin(MenuCategory, MenuCategory.id == MenuItem.category_id)
        .where(OrderLine.bill_id.in_(bill_ids))
    ).all()
    for line in rows:
        facts = facts_of_bill[line.bill_id]
        if facts.courses is None:
            facts.courses, facts.waiting_hot = [], []
        if line.kind == LineKind.REVERSAL:
            facts.events.append(
                Event(
                    "void",
                    line.created_at,
                    f"line:{line.id}",
                    {
                        "dish_zh": line.name_zh,
                        "dish_en": line.name_en,
                        "course": line.course,
                        "category": line.category or "",
                    },
                )
            )
            continue
        if line.station_id is None or line.kind not in (LineKind.ITEM, LineKind.COMPONENT):
            continue  # a set meal's own line: its dishes count one by one
        if line.status == LineStatus.VOIDED:
            continue
        facts.courses.append((line.course, line.status))
        if line.status == LineStatus.SERVED and line.served_at is not None:
            facts.events.append(
                Event(
                    "dish_served",
                    line.served_at,
                    f"line:{line.id}",
                    {
                        "dish_zh": line.name_zh,
                        "dish_en": line.name_en,
                        "course": line.course,
                        "category": line.category or "",
                    },
                )
            )
            if line.course == DRINK_COURSE and (
                facts.first_drink_at is None or line.served_at < facts.first_drink_at
            ):
                facts.first_drink_at = line.served_at
        elif line.status == LineStatus.SENT and line.course in HOT_COURSES:
            cooking_since = line.fired_at or line.sent_at  # a held dish waits from its call
            if cooking_since is not None:
                facts.waiting_hot.append((line.id, line.name_zh, line.name_en, cooking_since))


def _add_visits(session, bill_ids: list[int], facts_of_bill: dict[int, _Facts]) -> None:
    """The last visit to each party's table, and the moves (转台) and new party sizes (加减位)
    kept with the visits."""
    if not bill_ids:
        return
    for facts in facts_of_bill.values():
        touched = [b.changed_at or b.opened_at for b in facts.bills]
        facts.last_visit_at = max(touched, default=None)
    for bill_id, at in session.execute(
        select(TableVisit.bill_id, func.max(TableVisit.at))
        .where(TableVisit.bill_id.in_(bill_ids))
        .group_by(TableVisit.bill_id)
    ):
        facts = facts_of_bill[bill_id]
        if facts.last_visit_at is None or at > facts.last_visit_at:
            facts.last_visit_at = at
    rows = session.execute(
        select(
            TableVisit.id,
            TableVisit.bill_id,
            TableVisit.at,
            TableVisit.table_id,
            TableVisit.from_table_id,
            TableVisit.guests,
        ).where(
            TableVisit.bill_id.in_(bill_ids),
            or_(TableVisit.from_table_id.is_not(None), TableVisit.guests.is_not(None)),
        )
    ).all()
    names = _table_names(session, {r.from_table_id for r in rows} | {r.table_id for r in rows})
    for row in rows:
        facts = facts_of_bill[row.bill_id]
        if row.from_table_id is not None:
            facts.events.append(
                Event(
                    "transfer",
                    row.at,
                    f"visit:{row.id}",
                    {
                        "table": names.get(row.table_id, facts.table.name),
                        "from_table": names.get(row.from_table_id, ""),
                    },
                )
            )
        if row.guests is not None:
            facts.events.append(
                Event("guests_changed", row.at, f"visit:{row.id}", {"n": row.guests})
            )


def _table_names(session, ids: set[int | None]) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(
        session.execute(
            select(DiningTable.id, DiningTable.name).where(DiningTable.id.in_(ids))
        ).all()
    )


def _add_tenders(session, bill_ids: list[int], facts_of_bill: dict[int, _Facts]) -> None:
    """Cash received and change given (唱收唱付), and card payments to sign for."""
    if not bill_ids:
        return
    rows = session.execute(
        select(TenderRow.bill_id, TenderRow.method, TenderRow.amount_fen, TenderRow.created_at)
        .where(TenderRow.bill_id.in_(bill_ids), TenderRow.method.in_(("cash", "card")))
        .order_by(TenderRow.id)
    ).all()
    bills = {b.id: b for facts in facts_of_bill.values() for b in facts.bills}
    totals: dict[tuple[int, str], list] = {}
    for row in rows:
        entry = totals.setdefault((row.bill_id, row.method), [0, row.created_at])
        entry[0] += row.amount_fen
    for (bill_id, method), (amount, at) in totals.items():
        facts = facts_of_bill[bill_id]
        if method == "cash":
            values = {"amount": amount, "change": bills[bill_id].change_fen}
            facts.events.append(Event("cash_tendered", at, f"bill:{bill_id}:cash", values))
        else:
            facts.events.append(
                Event("card_tendered", at, f"bill:{bill_id}:card", {"amount": amount})
            )


def _add_checks(session, gathered: list[_Facts], existing: dict, profiles) -> None:
    """The guest check printed (预结单) with the total it showed. The total is worked out
    only while its prompt is still to be recorded."""
    for facts in gathered:
        profile = profiles.get(facts.table.profile)
        steps = [
            step.id
            for step in (profile.steps if profile else ())
            if step.enabled
            and step.trigger.kind == engine.KIND_EVENT
            and step.trigger.event == engine.BILL_PRINTED
        ]
        if not steps:
            continue
        for row in facts.bills:
            if row.status != BillStatus.OPEN or row.bill_requested_at is None:
                continue
            stamp = row.bill_requested_at.strftime("%Y%m%dT%H%M%S")
            key = f"bill:{row.id}:check:{stamp}"
            values: dict[str, Any] = {"amount": None}
            if not all(f"{step_id}@{key}" in existing for step_id in steps):
                bill = session.get(Bill, row.id)
                values["amount"] = breakdown(session, bill, row.bill_requested_at).total
            facts.events.append(Event(engine.BILL_PRINTED, row.bill_requested_at, key, values))


def _add_guests(session, gathered: Iterable[_Facts]) -> None:
    """The guest's name and title (王先生) from the reservation the party came with."""
    wanted = {
        b.reservation_id: facts
        for facts in gathered
        for b in facts.bills
        if b.reservation_id is not None
    }
    if not wanted:
        return
    rows = session.execute(
        select(Reservation.id, Reservation.guest_name, Reservation.guest_title).where(
            Reservation.id.in_(list(wanted))
        )
    )
    for row in rows:
        wanted[row.id].guest_name = row.guest_name
        wanted[row.id].guest_title = row.guest_title


def _arriving(
    session, now: datetime, tables: dict[int, _Table], by_table, profiles: dict[str, Profile]
) -> list[_Facts]:
    """Free or reserved tables whose booked party arrives within the next quarter hour."""
    rows = session.execute(
        select(
            Reservation.id,
            Reservation.table_id,
            Reservation.guest_name,
            Reservation.guest_title,
            Reservation.party_size,
            Reservation.arrive_at,
        )
        .where(
            Reservation.status == "booked",
            Reservation.arrive_at.between(now - RESERVATION_LATE, now + RESERVATION_LOOKAHEAD),
            Reservation.table_id.is_not(None),
        )
        .order_by(Reservation.arrive_at)
    ).all()
    found: dict[int, _Facts] = {}
    missing = {row.table_id for row in rows if row.table_id not in tables}
    if missing:
        for row in session.execute(
            select(
                DiningTable.id,
                DiningTable.name,
                DiningTable.state,
                DiningTable.state_since,
                Room.kind,
                Room.service_profile,
            )
            .join(Room, Room.id == DiningTable.room_id)
            .where(DiningTable.id.in_(missing))
        ):
            tables[row.id] = _Table(
                row.id,
                row.name,
                row.state,
                row.state_since,
                _profile_of(row.service_profile, row.kind, profiles),
            )
    for row in rows:
        table = tables.get(row.table_id)
        if table is None or by_table.get(table.id) or table.id in found:
            continue
        if table.state not in (TableState.FREE, TableState.RESERVED):
            continue
        found[table.id] = _Facts(table, [], None, [], reservation=row)
    return list(found.values())


def _table_facts(facts: _Facts) -> TableFacts:
    bills = facts.bills
    reservation = facts.reservation
    return TableFacts(
        table_id=facts.table.id,
        table_name=facts.table.name,
        bill_id=bills[0].id if bills else None,
        state=facts.table.state,
        state_since=facts.table.since,
        seated_at=min((b.opened_at for b in bills), default=None),
        guests=sum(b.guests for b in bills),
        guest_name=facts.guest_name,
        guest_title=facts.guest_title,
        last_visit_at=facts.last_visit_at,
        first_drink_served_at=facts.first_drink_at,
        events=tuple(sorted(facts.events, key=lambda e: (e.at, e.key))),
        waiting_hot=tuple(facts.waiting_hot or ()),
        courses=tuple(facts.courses or ()),
        reservation_at=reservation.arrive_at if reservation is not None else None,
        reservation_guests=reservation.party_size if reservation is not None else 0,
        reservation_name=(reservation.guest_name + reservation.guest_title)
        if reservation is not None
        else "",
    )


# ---------------------------------------------------------------- done, snooze, skip


def _open_prompt(session, prompt_id: int) -> ServicePrompt:
    prompt = session.get(ServicePrompt, prompt_id)
    if prompt is None:
        raise NotFound(N_("That service step is no longer there."))
    if prompt.skipped_at is not None:
        raise NotAllowed(N_("That service step was skipped."))
    return prompt


def _changes(prompt: ServicePrompt) -> Changes:
    return Changes(
        tables=frozenset({prompt.table_id}) if prompt.table_id is not None else frozenset(),
        bills=frozenset({prompt.bill_id}) if prompt.bill_id is not None else frozenset(),
        bill_id=prompt.bill_id,
    )


def done_prompt(ctx: Context, *, prompt_id: int, staff_id: int | None) -> Changes:
    """The step was done (one tap): who and when, how late, and a visit to the table.
    A second tap on a step already done changes nothing."""
    now = ctx.now()
    with ctx.transaction() as session:
        prompt = _open_prompt(session, prompt_id)
        if prompt.done_at is not None:
            return _changes(prompt)
        prompt.done_at = now
        prompt.done_by = staff_id
        prompt.late_seconds = max(0, int((now - prompt.due_at).total_seconds()))
        prompt.snoozed_until = None
        prompt.expired_at = None  # shown a moment ago and done after all: not missed
        if prompt.bill_id is not None:
            bill = session.get(Bill, prompt.bill_id)
            if bill is not None:
                note_visit(bill, now, staff_id)
        return _changes(prompt)


def snooze_prompt(
    ctx: Context, *, prompt_id: int, minutes: int, reason: str, staff_id: int | None
) -> Changes:
    """Later: the step comes back after ``minutes``; the reason is kept."""
    reason = clean_text(reason, max_length=REASON_MAX, required=True, what=N_("a reason"))
    if not 1 <= minutes <= SNOOZE_MAX_MINUTES:
        raise InvalidInput(N_("Put it off by 1 to {maximum} minutes."), maximum=SNOOZE_MAX_MINUTES)
    now = ctx.now()
    with ctx.transaction() as session:
        prompt = _open_prompt(session, prompt_id)
        if prompt.done_at is not None:
            raise NotAllowed(N_("That service step is already done."))
        if prompt.expired_at is not None:
            raise NotAllowed(N_("The moment for that service step has passed."))
        prompt.snoozed_at = now
        prompt.snoozed_until = now + timedelta(minutes=minutes)
        prompt.snooze_reason = reason
        prompt.snoozed_by = staff_id
        return _changes(prompt)


def skip_prompt(ctx: Context, *, prompt_id: int, reason: str, staff_id: int | None) -> Changes:
    """Not done this time, with the reason (the guest declined, another waiter did it)."""
    reason = clean_text(reason, max_length=REASON_MAX, required=True, what=N_("a reason"))
    now = ctx.now()
    with ctx.transaction() as session:
        prompt = _open_prompt(session, prompt_id)
        if prompt.done_at is not None:
            raise NotAllowed(N_("That service step is already done."))
        prompt.skipped_at = now
        prompt.skip_reason = reason
        prompt.skipped_by = staff_id
        return _changes(prompt)


# ---------------------------------------------------------------- pre-shift briefing


@dataclass(frozen=True)
class BriefingReservation:
    reservation_id: int
    arrive_at: datetime
    guest_name: str
    guest_title: str
    party_size: int
    table_name: str
    note: str
    status: str  # booked, seated


@dataclass(frozen=True)
class BriefingZone:
    """A room and the waiters who look after it today."""

    room_id: int
    name_zh: str
    name_en: str
    waiters: tuple[tuple[int, str], ...]  # staff id, name


@dataclass(frozen=True)
class BriefingView:
    """The pre-shift briefing (班前例会): today's reservations, sold-out dishes (估清), who
    looks after which room, and the checklist (仪容仪表, 工作准备) with what is ticked."""

    day: date
    reservations: tuple[BriefingReservation, ...]
    sold_out: tuple[tuple[int, str, str], ...]  # item id, name_zh, name_en
    zones: tuple[BriefingZone, ...]
    checklist: tuple[Step, ...]
    ticked: frozenset[str]
    done_at: datetime | None

    @property
    def done(self) -> bool:
        return self.done_at is not None


def _day_bounds(session, day: date) -> tuple[datetime, datetime]:
    minutes = venue_of(session).day_starts_at_minutes
    start = datetime.combine(day, time(minutes // 60, minutes % 60))
    return start, start + timedelta(days=1)


def today(ctx: Context) -> date:
    """The business day now (a night past midnight still counts to the day before)."""
    with ctx.reading() as session:
        minutes = venue_of(session).day_starts_at_minutes
    return business_day(ctx.now(), time(minutes // 60, minutes % 60))


def briefing_checklist(ctx: Context) -> tuple[Step, ...]:
    """The items to tick at the briefing: appearance (仪容仪表), opening work (工作准备) …"""
    profile = load_profiles(ctx).get(BRIEFING)
    return tuple(engine.checklist(profile)) if profile is not None else ()


def briefing_for(
    ctx: Context, day: date | None = None, *, staff_id: int | None = None
) -> BriefingView:
    """The briefing of a business day (today by default) as ``staff_id`` ticked it."""
    day = day or today(ctx)
    checklist = briefing_checklist(ctx)
    with ctx.reading() as session:
        start, end = _day_bounds(session, day)
        reservations = tuple(
            BriefingReservation(
                row.id,
                row.arrive_at,
                row.guest_name,
                row.guest_title,
                row.party_size,
                row.name or "",
                row.note,
                row.status,
            )
            for row in session.execute(
                select(
                    Reservation.id,
                    Reservation.arrive_at,
                    Reservation.guest_name,
                    Reservation.guest_title,
                    Reservation.party_size,
                    Reservation.note,
                    Reservation.status,
                    DiningTable.name,
                )
                .outerjoin(DiningTable, DiningTable.id == Reservation.table_id)
                .where(
                    Reservation.arrive_at >= start,
                    Reservation.arrive_at < end,
                    Reservation.status.in_(("booked", "seated")),
                )
                .order_by(Reservation.arrive_at, Reservation.id)
            )
        )
        sold_out = tuple(
            (row.id, row.name_zh, row.name_en)
            for row in session.execute(
                select(MenuItem.id, MenuItem.name_zh, MenuItem.name_en)
                .where(MenuItem.sold_out.is_(True), MenuItem.active.is_(True))
                .order_by(MenuItem.sort_order, MenuItem.id)
            )
        )
        zones = _zones(session, start, end)
        ticked, done_at = frozenset(), None
        if staff_id is not None:
            row = session.scalars(
                select(Briefing).where(Briefing.business_day == day, Briefing.staff_id == staff_id)
            ).first()
            if row is not None:
                ticked, done_at = frozenset(json.loads(row.ticked or "[]")), row.done_at
    return BriefingView(day, reservations, sold_out, zones, checklist, ticked, done_at)


def _zones(session, start: datetime, end: datetime) -> tuple[BriefingZone, ...]:
    """Each room with the waiters who served there this business day, or every waiter when
    nobody has yet."""
    waiters = session.execute(
        select(Staff.id, Staff.name)
        .where(Staff.role == "waiter", Staff.active.is_(True))
        .order_by(Staff.id)
    ).all()
    served: dict[int, dict[int, str]] = defaultdict(dict)
    for row in session.execute(
        select(DiningTable.room_id, Staff.id, Staff.name)
        .select_from(Bill)
        .join(DiningTable, DiningTable.id == Bill.table_id)
        .join(Staff, Staff.id == Bill.waiter_id)
        .where(Bill.opened_at >= start, Bill.opened_at < end)
        .distinct()
    ):
        served[row.room_id][row.id] = row.name
    everyone = tuple((row.id, row.name) for row in waiters)
    return tuple(
        BriefingZone(
            room.id,
            room.name_zh,
            room.name_en,
            tuple(sorted(served[room.id].items())) if served.get(room.id) else everyone,
        )
        for room in session.execute(
            select(Room.id, Room.name_zh, Room.name_en).order_by(Room.sort_order, Room.id)
        )
    )


def tick_briefing(
    ctx: Context, *, staff_id: int, item_id: str, ticked: bool, day: date | None = None
) -> Changes:
    """Tick (or untick) one checklist item of the day's briefing; when every item is ticked
    the briefing is done."""
    items = {step.id for step in briefing_checklist(ctx)}
    if item_id not in items:
        raise NotFound(N_("That checklist item does not exist."))
    day = day or today(ctx)
    now = ctx.now()
    with ctx.transaction() as session:
        if session.get(Staff, staff_id) is None:
            raise NotFound(N_("That staff member does not exist."))
        row = session.scalars(
            select(Briefing).where(Briefing.business_day == day, Briefing.staff_id == staff_id)
        ).first()
        if row is None:
            row = Briefing(business_day=day, staff_id=staff_id, ticked="[]")
            session.add(row)
        marks = set(json.loads(row.ticked or "[]"))
        if ticked:
            marks.add(item_id)
        else:
            marks.discard(item_id)
        row.ticked = json.dumps(sorted(marks), ensure_ascii=False)
        if items <= marks:
            row.done_at = row.done_at or now
        else:
            row.done_at = None
    return Changes()


def is_for(view: PromptView, *, staff_id: int | None, role: str | None) -> bool:
    """Whether a prompt is this staff member's to act on: a waiter gets the steps of the
    tables they serve (and of tables nobody serves yet); cashiers and managers, who stand
    at the counter and look after the whole floor, get every step."""
    if role != "waiter" or staff_id is None:
        return True
    return view.waiter_id in (staff_id, None)
