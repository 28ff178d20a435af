"""The service-step engine (服务流程): the shipped steps, when each one fires at a table, and
the script line it puts in the waiter's mouth with the real dish, amount and address."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.domain.coaching import (
    DuePrompt,
    Event,
    Profile,
    Stage,
    Step,
    StepRole,
    TableFacts,
    Trigger,
    checklist,
    due_prompts,
    edited_step,
    fill,
    form_of_address,
    guest_label,
    load_shipped_profiles,
    profile_from_dict,
    profiles_from_json,
    profiles_to_json,
    step_from_dict,
    step_to_dict,
    urgency,
    validate_step,
)
from app.domain.errors import InvalidInput
from app.i18n import RESOURCES_DIR, Language

STEPS_DIR = RESOURCES_DIR / "service_steps"
PROFILES = load_shipped_profiles(STEPS_DIR)
RESTAURANT = PROFILES["restaurant"]
TEA = PROFILES["tea_house"]
HOT_POT = PROFILES["hot_pot"]
BRIEFING = PROFILES["briefing"]

T0 = datetime(2024, 5, 1, 18, 0)  # the party sits down


def at(minutes: float) -> datetime:
    """The fake clock: minutes after the party sat down."""
    return T0 + timedelta(minutes=minutes)


class FakeFormat:
    """A formatter that shows plainly what went through it."""

    def __init__(self, code: str = "zh_CN") -> None:
        self.code = code

    def money(self, fen: int) -> str:
        return f"<{fen // 100}.{fen % 100:02d}>"

    def number(self, n) -> str:
        return f"#{n}"


ZH_FMT, EN_FMT = FakeFormat("zh_CN"), FakeFormat("en")


def table(**overrides) -> TableFacts:
    facts = TableFacts(
        table_id=1,
        table_name="A1",
        bill_id=7,
        state="dining",
        state_since=T0,
        seated_at=T0,
        guests=4,
    )
    return replace(facts, **overrides)


def served(
    line_id: int, dish_zh: str, dish_en: str, course: str, category: str = "", minutes: float = 5
) -> Event:
    values = {
        "dish_zh": dish_zh,
        "dish_en": dish_en,
        "course": course,
        "category": category or course,
    }
    return Event("dish_served", at(minutes), f"line:{line_id}", values)


def fired(profile: Profile, facts: TableFacts, now: datetime) -> dict[str, DuePrompt]:
    """The prompts by key (and checked to be unique)."""
    prompts = due_prompts(profile, facts, now)
    keys = [p.key for p in prompts]
    assert len(keys) == len(set(keys)), keys
    return {p.key: p for p in prompts}


def step_ids(profile: Profile, facts: TableFacts, now: datetime) -> set[str]:
    return {p.step_id for p in due_prompts(profile, facts, now)}


def line(profile: Profile, prompt: DuePrompt, *, chinese: bool = True, fmt=None) -> str:
    step = profile.step(prompt.step_id)
    assert step is not None
    fmt = fmt or (ZH_FMT if chinese else EN_FMT)
    return fill(step.script(chinese), prompt.values, fmt, chinese=chinese)


def instruction(profile: Profile, prompt: DuePrompt, *, chinese: bool = True) -> str:
    step = profile.step(prompt.step_id)
    fmt = ZH_FMT if chinese else EN_FMT
    return fill(step.instruction(chinese), prompt.values, fmt, chinese=chinese)


# -- the shipped files ------------------------------------------------------------------------


def test_every_shipped_file_loads_and_names_its_profile() -> None:
    files = sorted(p.stem for p in STEPS_DIR.glob("*.json"))
    assert files == ["briefing", "hot_pot", "restaurant", "tea_house"]
    assert set(PROFILES) == set(files)
    for code, profile in PROFILES.items():
        assert profile.code == code
        assert profile.steps
        for step in profile.steps:
            validate_step(step)
            assert step.profile == code
            assert step.instruction_zh and step.instruction_en, step.id
            assert step.title_zh and step.title_en, step.id
            assert bool(step.script_zh) == bool(step.script_en), step.id


def test_step_ids_are_unique_across_every_profile() -> None:
    ids = [step.id for profile in PROFILES.values() for step in profile.steps]
    assert len(ids) == len(set(ids))


def test_every_step_survives_a_round_trip_through_its_dict() -> None:
    for profile in PROFILES.values():
        for step in profile.steps:
            again = step_from_dict(json.loads(json.dumps(step_to_dict(step))), profile.code)
            assert again == step
    assert profiles_from_json(profiles_to_json(PROFILES.values())) == PROFILES


def test_the_files_on_disk_are_exactly_what_the_loader_writes_back() -> None:
    for code, profile in PROFILES.items():
        raw = json.loads((STEPS_DIR / f"{code}.json").read_text(encoding="utf-8"))
        assert [s["id"] for s in raw["steps"]] == [s.id for s in profile.steps]
        assert profile_from_dict(raw) == profile


def _titles(profile: Profile) -> set[str]:
    """A step's digest title is its whole Chinese title or the part before "："."""
    return {step.title_zh.split("：")[0] for step in profile.steps}


def _all_text_zh(profile: Profile) -> str:
    return "\n".join(s.script_zh + "\n" + s.instruction_zh for s in profile.steps)


RESTAURANT_SECTIONS = {
    Stage.BEFORE: ["加减位", "撤席巾/筷套", "上椒圈"],
    Stage.DURING: [
        "点酒水",
        "点菜",
        "核对菜单",
        "先上冷菜?",
        "上酒水",
        "撤茶水",
        "上冷菜",
        "上鲍翅",
        "上热菜",
        "上汤",
        "上点心/水果",
        "换烟缸/骨碟",
        "巡台",
        "结账",
    ],
    Stage.AFTER: ["送客", "清台", "收台", "重新铺台"],
}


def test_the_restaurant_has_every_step_of_a1_to_a3_in_its_stage() -> None:
    for stage, titles in RESTAURANT_SECTIONS.items():
        in_stage = {s.title_zh.split("：")[0] for s in RESTAURANT.steps if s.stage == stage}
        assert set(titles) <= in_stage, set(titles) - in_stage


RESTAURANT_LINES = [
    "{title}，帮你们加/减个位",
    "{title}，帮你铺一下席巾",
    "{title}，筷套撤一下",
    "{title}，这是椒圈调味使用，请慢用！",
    "{title}，请问你们喝些什么酒水？我们这里有：红酒/白酒/果汁饮料",
    "{title}，现在可以为你点菜吗？",
    "{title}，冷菜先帮你上来好吗？",
    "这是你点的{dish}，帮你打开好吗？",
    "{title}，帮你加下红酒",
    "{title}，撤一下茶盅",
    "打扰一下，上一下冷菜",
    "这是{dish}，请慢用",
    "这是{dish}，帮您分一下好吗？",
    "这是{dish}，请慢用，分一下好吗？",
    "{title}，换一下烟缸/骨碟",
    "这个菜帮您分一下/撤掉/换小碟好吗？",
    "这是您的账单，请您过目",
    "收您{amount}，找您{change}",
    "麻烦您签个字，这是您的存根",
    "{title}，请带好自己的随身物品",
    "谢谢光临，请慢走",
    "{title}，把空的碟子和餐具收掉了",
]


def test_every_restaurant_line_of_the_flowchart_is_said() -> None:
    text = _all_text_zh(RESTAURANT)
    assert [s for s in RESTAURANT_LINES if s not in text] == []


TEA_STEPS = [
    "工作准备",
    "站位",
    "迎宾",
    "接待",
    "吧台出茶",
    "展示干茶",
    "发茶/冲泡",
    "巡台",
    "买单",
    "送客",
    "恢复台面",
]
TEA_LINES = [
    "{title}，欢迎光临！",
    "小二，看座，{n}位客官到！",
    "祝各位在此度过一段愉快的时光",
    "「您好」「请」「打扰一下」「很乐意为您效劳」",
    "共消费{amount}",
    "收您{amount}，找您{change}，请您点清收好",
    "请带好随身物品！",
]


def test_the_tea_house_has_its_eleven_steps_and_their_lines() -> None:
    assert set(TEA_STEPS) <= _titles(TEA)
    numbered = {s.id.split(".")[0] for s in TEA.steps} - {"b"}
    assert numbered == {f"b{n}" for n in range(1, 12)}
    text = _all_text_zh(TEA)
    assert [s for s in TEA_LINES if s not in text] == []
    refill = TEA.step("b8.refill")
    assert refill.trigger == Trigger(kind="timer", timer="tea_refill", every_minutes=12)


def test_the_hot_pot_has_section_e_and_shares_the_restaurant_service() -> None:
    ids = {s.id for s in HOT_POT.steps}
    assert {
        "e.check_equipment",
        "e.table_setting",
        "e.know_bookings",
        "e.reserved_setup",
        "e.broth_first",
        "e.dip_style",
        "e.recommend",
        "e.separate_tickets",
        "e.show_bottle",
        "e.pour_order",
    } <= ids
    assert HOT_POT.step("e.reserved_setup").trigger.before_minutes == 10
    text = _all_text_zh(HOT_POT)
    for words in ("锅底", "鸳鸯", "原味碟", "油碟", "分开", "斤两", "先斟红酒", "八分满", "凉菜"):
        assert words in text
    shared = [s for s in HOT_POT.steps if s.id.startswith("hp.")]
    assert {s.id.split(".")[1] for s in shared} >= {
        "serve_hot",
        "pay_cash",
        "pay_card",
        "bill_present",
        "belongings",
        "farewell",
        "reset",
    }
    for step in shared:
        twin = next(s for s in RESTAURANT.steps if s.id.split(".")[1] == step.id.split(".")[1])
        assert replace(step, id=twin.id, profile=twin.profile, order=twin.order) == twin


def test_the_briefing_lists_the_meeting_the_appearance_checklist_and_the_opening_tasks() -> None:
    titles = _titles(BRIEFING)
    assert {
        "班前例会",
        "考勤",
        "仪容仪表",
        "介绍预定",
        "估清",
        "新的规章制度",
        "案例分析",
        "工作总结",
        "分配工作任务",
        "工作准备",
    } <= titles
    appearance = {s.title_zh for s in BRIEFING.steps if s.title_zh.startswith("仪容仪表：")}
    assert appearance == {
        "仪容仪表：头发",
        "仪容仪表：面部",
        "仪容仪表：手部",
        "仪容仪表：着装",
        "仪容仪表：首饰",
    }
    opening = {s.id for s in BRIEFING.steps if s.id.startswith("open.")}
    assert {"open.cups", "open.bar", "open.table_items", "open.games"} <= opening
    assert all(s.stage == Stage.SHIFT for s in BRIEFING.steps)
    assert checklist(BRIEFING) == list(BRIEFING.steps)


def test_shift_steps_never_come_due_at_a_table() -> None:
    facts = table(state="seated")
    assert due_prompts(BRIEFING, facts, at(600)) == []
    assert "b1.prepare" not in step_ids(TEA, table(state="seated"), at(600))
    assert [s.id for s in checklist(TEA)] == ["b1.prepare", "b2.stand", "b3.check_bookings"]


# -- restaurant -------------------------------------------------------------------------------


def test_seating_a_party_brings_the_welcome_steps_in_their_order() -> None:
    prompts = due_prompts(RESTAURANT, table(state="seated"), at(0.5))
    assert [(p.step_id, p.due_at) for p in prompts] == [
        ("a1.napkin", at(0)),
        ("a1.sleeves", at(0)),
        ("a1.chili_rings", at(1)),
        ("a2.drinks", at(1)),
        ("a2.take_order", at(3)),
    ]
    drinks = prompts[3]
    assert drinks.key == "a2.drinks@bill:7"
    assert drinks.role == StepRole.WAITER and drinks.stage == Stage.DURING
    assert line(RESTAURANT, drinks).startswith("先生/女士，请问你们喝些什么酒水？")
    assert urgency(drinks, at(0.5)) == -1  # due in half a minute: not yet
    assert urgency(drinks, at(1)) == 0
    assert urgency(drinks, at(4)) == 3


def test_a_state_step_only_fires_while_the_table_is_in_that_state() -> None:
    assert "a2.take_order" not in step_ids(RESTAURANT, table(state="ordered"), at(10))
    assert "a2.read_back" in step_ids(RESTAURANT, table(state="ordered"), at(10))
    assert step_ids(RESTAURANT, table(state="seated", state_since=at(5)), at(4)) == set()


def test_a_served_hot_dish_is_announced_by_name_in_both_languages() -> None:
    facts = table(
        events=(
            served(123, "宫保鸡丁", "Kung Pao chicken", "hot"),
            served(124, "回锅肉", "Twice-cooked pork", "hot", minutes=6),
        )
    )
    prompts = fired(RESTAURANT, facts, at(7))
    first = prompts["a2.serve_hot@line:123"]
    assert first.due_at == at(5)
    assert line(RESTAURANT, first) == "这是宫保鸡丁，请慢用"
    assert line(RESTAURANT, first, chinese=False) == "Here is Kung Pao chicken. Please enjoy."
    assert line(RESTAURANT, prompts["a2.serve_hot@line:124"]) == "这是回锅肉，请慢用"
    assert "这是宫保鸡丁，帮您分一下好吗？" in instruction(RESTAURANT, first)


def test_a_dish_is_announced_only_by_the_step_of_its_course() -> None:
    facts = table(
        events=(
            served(1, "夫妻肺片", "Sliced beef and tripe", "cold"),
            served(2, "拍黄瓜", "Smashed cucumber", "cold"),
            served(3, "番茄蛋花汤", "Tomato and egg drop soup", "soup"),
            served(4, "水晶虾饺", "Crystal shrimp dumplings", "staple", "dimsum"),
            served(5, "冰镇西瓜", "Chilled watermelon", "fruit"),
            served(6, "青岛啤酒", "Tsingtao beer", "drink"),
            served(7, "西湖龙井", "West Lake Longjing", "drink", "tea"),
        )
    )
    prompts = fired(RESTAURANT, facts, at(30))
    by_step: dict[str, list[str]] = {}
    for prompt in prompts.values():
        if RESTAURANT.step(prompt.step_id).trigger.event == "dish_served":
            by_step.setdefault(prompt.step_id, []).append(prompt.values["dish_zh"])
    assert by_step == {
        "a2.serve_cold": ["夫妻肺片"],  # 「打扰一下，上一下冷菜」 once, not per dish
        "a2.serve_soup": ["番茄蛋花汤"],
        "a2.serve_dessert": ["水晶虾饺", "冰镇西瓜"],
        "a2.serve_drinks": ["青岛啤酒"],  # tea is no bottle to open
        "a2.remove_tea": ["青岛啤酒"],
    }
    assert prompts["a2.serve_cold@bill:7"].due_at == at(5)
    soup = prompts["a2.serve_soup@line:3"]
    assert line(RESTAURANT, soup) == "这是番茄蛋花汤，请慢用，分一下好吗？"
    assert line(RESTAURANT, prompts["a2.serve_drinks@line:6"], chinese=False) == (
        "Here is the Tsingtao beer you ordered. Shall I open it for you?"
    )
    assert prompts["a2.remove_tea@bill:7"].due_at == at(6)


def test_cash_tendered_says_the_amount_received_and_the_change() -> None:
    cash = Event("cash_tendered", at(60), "tender:31", {"amount": 20000, "change": 1350})
    prompt = fired(RESTAURANT, table(state="bill_requested", events=(cash,)), at(60))[
        "a2.pay_cash@tender:31"
    ]
    assert line(RESTAURANT, prompt) == "收您<200.00>，找您<13.50>"
    assert line(RESTAURANT, prompt, chinese=False) == "Received <200.00>; your change is <13.50>."


def test_the_bill_and_the_card_each_have_their_line() -> None:
    events = (
        Event("bill_printed", at(55), "check:1", {"amount": 8650}),
        Event("card_tendered", at(58), "tender:32", {"amount": 8650}),
    )
    prompts = fired(RESTAURANT, table(state="bill_requested", events=events), at(58))
    assert line(RESTAURANT, prompts["a2.bill_present@check:1"]) == "这是您的账单，请您过目"
    assert "共<86.50>" in instruction(RESTAURANT, prompts["a2.bill_present@check:1"])
    assert line(RESTAURANT, prompts["a2.pay_card@tender:32"]) == "麻烦您签个字，这是您的存根"
    assert prompts["a3.clear_plates@bill:7"].due_at == at(1)


def test_a_void_a_transfer_and_a_new_head_count_are_told_to_the_waiter() -> None:
    events = (
        Event(
            "void",
            at(20),
            "line:55",
            {"dish_zh": "水煮鱼", "dish_en": "Poached fish", "course": "hot"},
        ),
        Event("transfer", at(25), "transfer:3", {"table": "B2"}),
        Event("guests_changed", at(26), "guests:1", {"n": 6}),
    )
    prompts = fired(RESTAURANT, table(table_name="B2", events=events), at(26))
    assert instruction(RESTAURANT, prompts["a2.void@line:55"]).startswith("水煮鱼已退")
    assert instruction(RESTAURANT, prompts["a2.void@line:55"], chinese=False).startswith(
        "Poached fish was cancelled"
    )
    assert instruction(RESTAURANT, prompts["a2.transfer@transfer:3"]).startswith("客人已转到B2")
    add = prompts["a1.add_place@guests:1"]
    assert line(RESTAURANT, add) == "先生/女士，帮你们加/减个位"
    assert "现在#6位" in instruction(RESTAURANT, add)


def test_an_event_still_ahead_of_the_clock_has_not_happened() -> None:
    cash = Event("cash_tendered", at(60), "tender:31", {"amount": 100, "change": 0})
    assert "a2.pay_cash" not in step_ids(RESTAURANT, table(events=(cash,)), at(59))


def test_a_table_nobody_visited_for_15_minutes_is_due_a_visit() -> None:
    facts = table(last_visit_at=at(10))
    assert "a2.round" not in step_ids(RESTAURANT, facts, at(24.9))
    prompt = fired(RESTAURANT, facts, at(25))["a2.round@bill:7@20240501T181000"]
    assert prompt.due_at == at(25)
    assert line(RESTAURANT, prompt) == "这个菜帮您分一下/撤掉/换小碟好吗？"
    assert instruction(RESTAURANT, prompt).startswith("已有#15分钟没人到过这桌")
    visited_again = replace(facts, last_visit_at=at(26))
    assert "a2.round" not in step_ids(RESTAURANT, visited_again, at(40))
    assert "a2.round@bill:7@20240501T182600" in fired(RESTAURANT, visited_again, at(41))
    # with no visit recorded the clock runs from the seating; a free table is never due
    assert "a2.round" in step_ids(RESTAURANT, table(), at(15))
    assert "a2.round" not in step_ids(RESTAURANT, table(state="clearing"), at(90))


def test_a_hot_dish_waiting_20_minutes_suggests_chasing_it_up() -> None:
    facts = table(
        waiting_hot=(
            (88, "水煮鱼", "Sichuan poached fish", at(10)),
            (89, "回锅肉", "Twice-cooked pork", at(12)),
        )
    )
    assert "a2.rush_hot" not in step_ids(RESTAURANT, facts, at(29))
    prompts = fired(RESTAURANT, facts, at(30))
    rush = prompts["a2.rush_hot@line:88"]
    assert "a2.rush_hot@line:89" not in prompts
    assert rush.due_at == at(30)
    assert instruction(RESTAURANT, rush).startswith("水煮鱼下单已超过#20分钟")
    assert instruction(RESTAURANT, rush, chinese=False).startswith("Sichuan poached fish was sent")
    assert "a2.rush_hot@line:89" in fired(RESTAURANT, facts, at(32))


COLD_AND_HOT_IN_CART = (("cold", "cart"), ("cold", "cart"), ("hot", "cart"), ("staple", "cart"))


def test_cold_dishes_in_the_cart_before_the_hot_ones_ask_to_serve_them_first() -> None:
    facts = table(state="ordered", courses=COLD_AND_HOT_IN_CART)
    prompt = fired(RESTAURANT, facts, at(4))["a2.cold_first@bill:7"]
    assert prompt.due_at == at(0)  # the last news of the table: the order began
    assert fired(RESTAURANT, replace(facts, last_visit_at=at(3)), at(4))[
        "a2.cold_first@bill:7"
    ].due_at == at(3)
    assert line(RESTAURANT, prompt) == "先生/女士，冷菜先帮你上来好吗？"
    assert line(RESTAURANT, prompt, chinese=False) == (
        "Sir/Madam, shall I bring the cold dishes first?"
    )


@pytest.mark.parametrize(
    "courses",
    [
        (("cold", "cart"),),  # cold dishes only: nothing to hold back
        (("hot", "cart"),),
        (("cold", "cart"), ("hot", "sent")),  # the hot dishes already went to the kitchen
        (("cold", "cart"), ("hot", "held")),  # already held back (叫起)
        (("cold", "sent"), ("hot", "cart")),  # the question was settled
    ],
)
def test_no_cold_first_question_when_there_is_nothing_to_decide(courses) -> None:
    facts = table(state="ordered", courses=courses)
    assert "a2.cold_first" not in step_ids(RESTAURANT, facts, at(4))


def test_when_the_cold_dishes_are_all_served_the_premium_course_comes_next() -> None:
    waiting = table(
        courses=(("cold", "served"), ("cold", "served"), ("premium", "sent"), ("hot", "sent"))
    )
    assert "a2.serve_premium" in step_ids(RESTAURANT, waiting, at(20))
    one_cold_left = replace(
        waiting, courses=(("cold", "served"), ("cold", "sent"), ("premium", "sent"))
    )
    assert "a2.serve_premium" not in step_ids(RESTAURANT, one_cold_left, at(20))
    no_premium = replace(waiting, courses=(("cold", "served"), ("hot", "sent")))
    assert "a2.serve_premium" not in step_ids(RESTAURANT, no_premium, at(20))


def test_when_the_hot_dishes_are_all_served_the_plates_are_changed_before_the_next() -> None:
    facts = table(courses=(("hot", "served"), ("hot", "served"), ("soup", "sent")))
    prompt = fired(RESTAURANT, facts, at(40))["a2.change_plates@bill:7"]
    assert line(RESTAURANT, prompt) == "先生/女士，换一下烟缸/骨碟"
    finished = replace(facts, courses=(("hot", "served"), ("soup", "served")))
    assert "a2.change_plates" not in step_ids(RESTAURANT, finished, at(40))


def test_after_paying_the_guests_are_seen_off_and_the_table_reset() -> None:
    facts = table(state="clearing", state_since=at(70), guest_name="王", guest_title="先生")
    prompts = due_prompts(RESTAURANT, facts, at(70))
    assert [(p.step_id, p.due_at) for p in prompts] == [
        ("a3.belongings", at(70)),
        ("a3.farewell", at(71)),
        ("a3.collect", at(73)),
        ("a3.reset", at(75)),
    ]
    assert line(RESTAURANT, prompts[0]) == "王先生，请带好自己的随身物品"
    assert line(RESTAURANT, prompts[0], chinese=False) == (
        "Mr Wang, please remember to take your belongings."
    )
    assert line(RESTAURANT, prompts[1]) == "谢谢光临，请慢走"


def test_a_table_with_no_bill_keys_its_prompts_by_when_it_changed() -> None:
    facts = table(state="clearing", state_since=at(70), bill_id=None)
    keys = set(fired(RESTAURANT, facts, at(80)))
    assert "a3.reset@table:1@20240501T191000" in keys


def test_a_disabled_step_stays_quiet() -> None:
    steps = tuple(replace(s, enabled=False) if s.id == "a2.drinks" else s for s in RESTAURANT.steps)
    quiet = replace(RESTAURANT, steps=steps)
    assert "a2.drinks" not in step_ids(quiet, table(state="seated"), at(5))
    assert "a2.drinks" in step_ids(RESTAURANT, table(state="seated"), at(5))


def test_the_same_facts_give_the_same_keys_later_on() -> None:
    facts = table(
        state="ordered",
        courses=COLD_AND_HOT_IN_CART,
        last_visit_at=at(1),
        events=(
            served(1, "宫保鸡丁", "Kung Pao chicken", "hot"),
            Event("void", at(6), "line:2", {"dish_zh": "米饭", "dish_en": "Rice"}),
        ),
        waiting_hot=((3, "水煮鱼", "Poached fish", at(2)),),
    )
    first = fired(RESTAURANT, facts, at(30))
    later = fired(RESTAURANT, facts, at(31))
    assert set(first) == set(later)
    assert {k: p.due_at for k, p in first.items()} == {
        k: p.due_at for k, p in later.items() if k in first
    }
    assert len(first) == 6


# -- tea house --------------------------------------------------------------------------------


def test_the_greeter_welcomes_a_known_guest_by_surname() -> None:
    facts = table(state="seated", guests=3, guest_name="王", guest_title="先生")
    prompts = fired(TEA, facts, at(0))
    assert line(TEA, prompts["b3.greet@bill:7"]) == "王先生，欢迎光临！"
    assert line(TEA, prompts["b3.greet@bill:7"], chinese=False) == "Welcome, Mr Wang!"
    assert line(TEA, prompts["b3.announce@bill:7"]) == "小二，看座，#3位客官到！"
    assert prompts["b3.greet@bill:7"].role == StepRole.GREETER
    assert "b4.towel" in step_ids(TEA, facts, at(1))


def test_each_pot_of_tea_is_shown_and_brewed() -> None:
    facts = table(
        events=(
            served(1, "铁观音", "Tieguanyin oolong", "drink", "tea"),
            served(2, "五香瓜子", "Five-spice sunflower seeds", "snack"),
        )
    )
    prompts = fired(TEA, facts, at(6))
    assert set(prompts) == {"b6.show_tea@line:1", "b7.brew@line:1"}
    assert instruction(TEA, prompts["b7.brew@line:1"]).startswith("为客人冲泡铁观音")


def test_tea_refill_comes_every_12_minutes_after_the_first_tea() -> None:
    facts = table(first_drink_served_at=at(5))
    assert "b8.refill" not in step_ids(TEA, facts, at(16.9))
    first = fired(TEA, facts, at(17))["b8.refill@bill:7#1"]
    assert first.due_at == at(17)
    assert line(TEA, first) == "先生/女士，打扰一下"
    assert instruction(TEA, first) == "茶已上桌#12分钟：为客人续水。"
    second = fired(TEA, facts, at(29))
    assert "b8.refill@bill:7#2" in second and "b8.refill@bill:7#1" not in second
    assert second["b8.refill@bill:7#2"].due_at == at(29)
    assert "b8.refill" not in step_ids(TEA, table(), at(60))  # no tea served yet
    assert "b8.refill" not in step_ids(TEA, replace(facts, state="clearing"), at(60))


def test_the_restaurant_has_no_tea_refill_rhythm() -> None:
    assert "b8.refill" not in step_ids(RESTAURANT, table(first_drink_served_at=at(5)), at(40))
    assert all(s.trigger.timer != "tea_refill" for s in RESTAURANT.steps)


def test_the_tea_house_visits_sings_the_bill_and_resets_the_table() -> None:
    assert "b8.round" in step_ids(TEA, table(last_visit_at=at(30)), at(45))
    events = (
        Event("bill_printed", at(90), "check:4", {"amount": 18650}),
        Event("cash_tendered", at(92), "tender:9", {"amount": 20000, "change": 1350}),
        Event("void", at(50), "line:8", {"dish_zh": "开心果", "dish_en": "Pistachios"}),
        Event("transfer", at(60), "transfer:2", {"table": "茶2"}),
    )
    prompts = fired(TEA, table(state="bill_requested", events=events), at(92))
    assert line(TEA, prompts["b9.total@check:4"]) == "共消费<186.50>"
    assert line(TEA, prompts["b9.cash@tender:9"]) == "收您<200.00>，找您<13.50>，请您点清收好"
    assert instruction(TEA, prompts["b.void@line:8"]).startswith("开心果已退")
    assert instruction(TEA, prompts["b.transfer@transfer:2"]).startswith("客人已换到茶2")
    after = fired(TEA, table(state="clearing", state_since=at(93)), at(95))
    assert set(after) == {"b10.farewell@bill:7", "b11.reset@bill:7"}
    assert line(TEA, after["b10.farewell@bill:7"]) == "请带好随身物品！"


@pytest.mark.parametrize(
    ("code", "zh", "en"),
    [
        ("zh_CN", "收您¥200.00，找您¥13.50，请您点清收好", None),
        ("en", None, "Received CN¥200.00; your change is CN¥13.50. Please count it."),
    ],
)
def test_the_change_line_in_the_real_locale_formats(code, zh, en) -> None:
    language = Language(code)
    cash = Event("cash_tendered", at(92), "tender:9", {"amount": 20000, "change": 1350})
    prompt = fired(TEA, table(events=(cash,)), at(92))["b9.cash@tender:9"]
    shown = line(TEA, prompt, chinese=language.is_chinese, fmt=language)
    assert shown == (zh or en)


# -- hot pot ----------------------------------------------------------------------------------


def test_a_reserved_party_has_its_table_set_10_minutes_before_arrival() -> None:
    facts = table(
        state="reserved",
        bill_id=None,
        state_since=at(-120),
        seated_at=None,
        guests=0,
        guest_title="先生",
        reservation_at=at(60),
        reservation_guests=6,
        reservation_name="王",
    )
    assert step_ids(HOT_POT, facts, at(49.9)) == set()
    prompts = fired(HOT_POT, facts, at(50))
    prompt = prompts["e.reserved_setup@table:1@20240501T190000"]
    assert prompt.due_at == at(50)
    assert instruction(HOT_POT, prompt) == (
        "王先生一行#6位还有#10分钟到：上齐订餐客人的凉菜、锅底、原味碟。"
    )
    assert instruction(HOT_POT, prompt, chinese=False).startswith(
        "Mr Wang's party of #6 arrives in #10 minutes"
    )
    assert set(fired(HOT_POT, facts, at(55))) == set(prompts)


def test_hot_pot_asks_the_broth_first_then_the_dip() -> None:
    prompts = due_prompts(HOT_POT, table(state="seated"), at(5))
    ids = [p.step_id for p in prompts]
    assert ids.index("e.broth_first") < ids.index("e.dip_style") < ids.index("e.recommend")
    broth = next(p for p in prompts if p.step_id == "e.broth_first")
    assert line(HOT_POT, broth) == "先生/女士，请问吃红汤锅或是鸳鸯锅？"
    assert "e.separate_tickets" in step_ids(HOT_POT, table(state="ordered"), at(5))


def test_hot_pot_drinks_are_shown_then_poured_in_order() -> None:
    facts = table(
        events=(
            served(1, "长城干红", "Great Wall dry red", "drink"),
            served(2, "雪碧", "Sprite", "drink", minutes=6),
        )
    )
    prompts = fired(HOT_POT, facts, at(8))
    assert {"e.show_bottle@line:1", "e.show_bottle@line:2", "e.pour_order@bill:7"} <= set(prompts)
    assert prompts["e.pour_order@bill:7"].due_at == at(6)
    assert line(HOT_POT, prompts["e.show_bottle@line:1"]) == "这是你点的长城干红，帮你打开好吗？"


def test_hot_pot_shares_the_restaurant_serve_chase_and_pay_steps() -> None:
    events = (
        served(1, "雪花肥牛", "Marbled beef slices", "hot", "hotpot"),
        Event("cash_tendered", at(80), "tender:5", {"amount": 30000, "change": 2000}),
    )
    facts = table(events=events, waiting_hot=((2, "鲜毛肚", "Fresh beef tripe", at(10)),))
    prompts = fired(HOT_POT, facts, at(80))
    assert line(HOT_POT, prompts["hp.serve_hot@line:1"]) == "这是雪花肥牛，请慢用"
    assert line(HOT_POT, prompts["hp.pay_cash@tender:5"]) == "收您<300.00>，找您<20.00>"
    assert "hp.rush_hot@line:2" in prompts
    assert "hp.round@bill:7@20240501T180000" in prompts
    after = step_ids(HOT_POT, table(state="clearing", state_since=at(81)), at(90))
    assert after == {"hp.belongings", "hp.farewell", "hp.collect", "hp.reset"}


# -- addressing the guest ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "zh", "en"),
    [
        ("王", "先生", "王先生", "Mr Wang"),
        ("张先生", "", "张先生", "Mr Zhang"),
        ("欧阳娜娜", "女士", "欧阳女士", "Ms Ouyang"),
        ("李", "小姐", "李小姐", "Ms Li"),
        ("", "女士", "女士", "Madam"),
        ("", "先生", "先生", "Sir"),
        ("", "", "先生/女士", "Sir/Madam"),
        ("王芳", "", "先生/女士", "Sir/Madam"),
        ("Smith", "Ms", "Smith女士", "Ms Smith"),
        ("禤", "先生", "禤先生", "Sir"),  # a surname without known pinyin
    ],
)
def test_title_uses_the_surname_and_title_when_known(name, title, zh, en) -> None:
    values = {"guest_name": name, "guest_title": title}
    assert form_of_address(values, chinese=True) == zh
    assert form_of_address(values, chinese=False) == en
    assert fill("{title}，您好", values, ZH_FMT, chinese=True) == f"{zh}，您好"


def test_the_store_may_give_the_pinyin_of_a_rare_surname() -> None:
    values = {"guest_name": "禤", "guest_title": "先生", "guest_surname_en": "Xuan"}
    assert form_of_address(values, chinese=False) == "Mr Xuan"


def test_guest_is_the_booked_name_with_its_title() -> None:
    assert guest_label({"guest_name": "王", "guest_title": "先生"}, chinese=True) == "王先生"
    assert guest_label({"guest_name": "张芳", "guest_title": "女士"}, chinese=False) == "Ms Zhang"
    assert guest_label({"guest_name": "张先生"}, chinese=True) == "张先生"
    assert guest_label({}, chinese=True) == "客人"
    assert guest_label({}, chinese=False) == "the guest"


def test_fill_leaves_unknown_names_and_shows_missing_values() -> None:
    assert fill("收您{amount}{x}", {}, ZH_FMT, chinese=True) == "收您…{x}"
    assert fill("{dish}", {"dish_zh": "米饭"}, EN_FMT, chinese=False) == "米饭"  # no English name
    assert fill("{table}/{n}", {"table": "A1", "n": 4}, ZH_FMT, chinese=True) == "A1/#4"


# -- validation -------------------------------------------------------------------------------


def base_step(**changes) -> dict:
    data = {
        "id": "x.test",
        "stage": "during",
        "role": "waiter",
        "order": 10,
        "title_zh": "测试",
        "title_en": "Test",
        "instruction_zh": "做",
        "instruction_en": "Do",
        "script_zh": "{title}，您好",
        "script_en": "Hello, {title}",
        "trigger": {"kind": "state", "state": "seated"},
        "due_minutes": 0,
        "enabled": True,
    }
    data.update(changes)
    return data


def refused(data: dict) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        step_from_dict(data, "restaurant")
    return caught.value


def test_a_well_formed_step_is_read_with_its_defaults() -> None:
    step = step_from_dict(base_step(trigger={"kind": "timer", "timer": "tea_refill"}), "tea_house")
    assert step.trigger.every_minutes == 12
    assert (
        step_from_dict(
            base_step(trigger={"kind": "timer", "timer": "no_visit"}), "x"
        ).trigger.after_minutes
        == 15
    )
    assert isinstance(step, Step) and step.profile == "tea_house"


def test_an_unknown_placeholder_is_refused_with_its_name_and_field() -> None:
    error = refused(base_step(script_zh="{title}，{price}"))
    assert error.message_id == "Unknown placeholder {name} in {field}."
    assert error.params["name"] == "{price}"
    assert str(error) == "Unknown placeholder {price} in the Chinese script line."
    assert str(refused(base_step(instruction_en="Do {it}"))) == (
        "Unknown placeholder {it} in the English instruction."
    )


def test_a_placeholder_the_trigger_cannot_fill_is_refused() -> None:
    error = refused(base_step(script_zh="这是{dish}"))
    assert error.message_id == (
        "The placeholder {name} in {field} has no value when this step is due."
    )
    ok = base_step(script_zh="这是{dish}", trigger={"kind": "event", "event": "dish_served"})
    assert step_from_dict(ok, "x").placeholders() == {"dish", "title"}


@pytest.mark.parametrize(
    "trigger",
    [
        {"kind": "timer", "timer": "tea_refill", "every_minutes": 0},
        {"kind": "timer", "timer": "no_visit", "after_minutes": 0},
        {"kind": "timer", "timer": "hot_dish_waiting", "after_minutes": -5},
        {"kind": "timer", "timer": "reservation_arriving", "before_minutes": 0},
    ],
)
def test_a_timer_under_one_minute_is_refused(trigger) -> None:
    error = refused(base_step(trigger=trigger))
    assert error.message_id == "A timer must be at least 1 minute."


@pytest.mark.parametrize(
    ("trigger", "message"),
    [
        ({"kind": "weather"}, "Unknown trigger weather in step x.test."),
        ({"kind": "state", "state": "eating"}, "Unknown table state eating in step x.test."),
        ({"kind": "event", "event": "dish_dropped"}, "Unknown event dish_dropped in step x.test."),
        ({"kind": "timer", "timer": "sunset"}, "Unknown timer sunset in step x.test."),
        (
            {"kind": "course", "course": "cold", "when": "sometimes"},
            "Unknown course rule sometimes in step x.test.",
        ),
        (
            {"kind": "course", "course": "dessert", "when": "all_served_of"},
            "Unknown course dessert in step x.test.",
        ),
        (
            {"kind": "course", "course": "cold", "when": "all_served_of", "next_course": "x"},
            "Unknown course x in step x.test.",
        ),
        (
            {"kind": "event", "event": "dish_served", "course": "Hot Dish"},
            "Unknown course Hot Dish in step x.test.",
        ),
        (
            {"kind": "state", "state": "seated", "colour": "red"},
            "Step x.test has an unknown field trigger.colour.",
        ),
        (
            {"kind": "timer", "timer": "no_visit", "after_minutes": "15"},
            "Step x.test has an invalid trigger.after_minutes.",
        ),
    ],
)
def test_an_unknown_trigger_is_refused(trigger, message) -> None:
    assert str(refused(base_step(trigger=trigger))) == message


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"instruction_zh": "", "instruction_en": "  "},
            "Step x.test needs an instruction in Chinese or English.",
        ),
        ({"title_zh": "", "title_en": ""}, "Step x.test needs a title in Chinese or English."),
        ({"stage": "dessert"}, "Unknown stage dessert in step x.test."),
        ({"role": "chef"}, "Unknown role chef in step x.test."),
        ({"due_minutes": -1}, "A step cannot be due before its trigger."),
        ({"due_minutes": "5"}, "Step x.test has an invalid due_minutes."),
        ({"enabled": "yes"}, "Step x.test has an invalid enabled."),
        ({"script_zh": 5}, "Step x.test has an invalid script_zh."),
        ({"colour": "red"}, "Step x.test has an unknown field colour."),
        (
            {"id": "X Test"},
            "A step id must use small letters, digits, dots and underscores: X Test",
        ),
        ({"trigger": "seated"}, "Step x.test has an invalid trigger."),
    ],
)
def test_a_malformed_step_is_refused(changes, message) -> None:
    assert str(refused(base_step(**changes))) == message


def test_an_instruction_in_one_language_is_enough() -> None:
    step = step_from_dict(base_step(instruction_zh=""), "x")
    assert step.instruction(True) == "Do"  # the Chinese screen falls back to English


def test_a_profile_refuses_a_step_twice_and_a_file_that_is_not_steps() -> None:
    data = {"profile": "x", "name_zh": "X", "name_en": "X", "steps": [base_step(), base_step()]}
    with pytest.raises(InvalidInput) as caught:
        profile_from_dict(data)
    assert str(caught.value) == "Step x.test appears twice in profile x."
    for text in ("not json", "[1, 2]", '{"profile": "x"}', '{"steps": []}'):
        with pytest.raises(InvalidInput) as caught:
            profiles_from_json(text)
        assert str(caught.value) == "This is not a service steps file."
    twice = json.dumps([{"profile": "x", "steps": []}, {"profile": "x", "steps": []}])
    with pytest.raises(InvalidInput, match="Profile x appears twice"):
        profiles_from_json(twice)


def test_a_manager_edit_is_laid_over_the_step_and_checked() -> None:
    refill = TEA.step("b8.refill")
    edited = edited_step(refill, {"trigger": {"every_minutes": 10}, "script_zh": "{title}，续水"})
    assert edited.trigger == replace(refill.trigger, every_minutes=10)
    assert edited.script_zh == "{title}，续水" and edited.id == refill.id
    with pytest.raises(InvalidInput, match="at least 1 minute"):
        edited_step(refill, {"trigger": {"every_minutes": 0}})
    with pytest.raises(InvalidInput, match="Unknown placeholder"):
        edited_step(refill, {"script_en": "{waiter} here"})
    with pytest.raises(InvalidInput):
        edited_step(refill, {"id": "b8.other"})
    assert edited_step(refill, {"enabled": False}).enabled is False


def test_loading_a_folder_refuses_the_same_profile_twice(tmp_path: Path) -> None:
    text = (STEPS_DIR / "tea_house.json").read_text(encoding="utf-8")
    (tmp_path / "a.json").write_text(text, encoding="utf-8")
    assert set(load_shipped_profiles(tmp_path)) == {"tea_house"}
    (tmp_path / "b.json").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput, match="Profile tea_house appears twice"):
        load_shipped_profiles(tmp_path)


def test_validate_step_checks_a_step_built_in_code() -> None:
    step = RESTAURANT.step("a2.round")
    with pytest.raises(InvalidInput, match="at least 1 minute"):
        validate_step(replace(step, trigger=replace(step.trigger, after_minutes=0)))
    with pytest.raises(InvalidInput, match="Unknown trigger"):
        validate_step(replace(step, trigger=Trigger(kind="")))
