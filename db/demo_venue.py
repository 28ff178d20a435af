"""Demo venue data: 店小二茶楼酒家 (Xiaoer Tea House & Restaurant), Chengdu.

Pure data, standard library only. A loader elsewhere turns these constants into
database rows; nothing in here touches the database.

Conventions
-----------
* Money is integer fen (1 yuan = 100 fen); surcharges likewise.
* Floor-plan coordinates are in plan units on a 1000 x 640 canvas per area.
* ``weighed`` items are priced per 斤 (500 g); ``market_price`` items carry a
  suggested price that staff confirm at ordering time (时价).
* ``options`` on an item lists ``OPTION_GROUPS`` codes, in the order the
  ordering screen should ask them.
"""

from __future__ import annotations

from typing import Any

# ---------------------------------------------------------------------------
# Venue
# ---------------------------------------------------------------------------

VENUE: dict[str, Any] = dict(
    name_zh="店小二茶楼酒家",
    name_en="Xiaoer Tea House & Restaurant",
    address="四川省成都市锦江区下东大街88号2楼",
    phone="028-8666 1888",
    # Unified social credit code with valid GB 32100 / GB 11714 check characters.
    tax_id="91510100MA6CXE2L1E",
    receipt_footer_zh="谢谢惠顾，欢迎再次光临！茶楼营业时间 9:00–24:00",
    receipt_footer_en="Thank you for dining with us. Open daily 9:00-24:00. Please come again!",
    service_charge_bp=0,
    rounding_mode="down_jiao",
    max_party_size=30,
)

# ---------------------------------------------------------------------------
# Kitchen / bar stations: (code, name_zh, name_en)
# ---------------------------------------------------------------------------

STATIONS: list[tuple[str, str, str]] = [
    ("hot", "热菜厨房", "Hot kitchen"),
    ("cold", "冷菜间", "Cold kitchen"),
    ("bar", "吧台/茶水", "Bar / tea bar"),
]

# ---------------------------------------------------------------------------
# Floor plan: areas (tabs) and their tables.  Canvas is 1000 x 640 per area.
# ---------------------------------------------------------------------------


def _table(
    name: str,
    seats: int,
    shape: str,
    x: int,
    y: int,
    width: int,
    height: int,
    minimum_spend_fen: int = 0,
    timed: dict[str, int] | None = None,
) -> dict[str, Any]:
    return dict(
        name=name,
        seats=seats,
        shape=shape,
        x=x,
        y=y,
        width=width,
        height=height,
        minimum_spend_fen=minimum_spend_fen,
        timed=timed,
    )


def _hourly(price_fen: int, free_minutes: int, cap_fen: int) -> dict[str, int]:
    return dict(
        block_minutes=60, block_price_fen=price_fen, free_minutes=free_minutes, cap_fen=cap_fen
    )


# Hall: a row of six 4-seat squares along the windows, a row of four mid-size
# rounds, and two large banquet rounds at the back; 60-85 unit aisles between rows.
_HALL_TABLES = [
    _table("A1", 4, "square", 80, 50, 90, 90),
    _table("A2", 4, "square", 230, 50, 90, 90),
    _table("A3", 4, "square", 380, 50, 90, 90),
    _table("A4", 4, "square", 530, 50, 90, 90),
    _table("A5", 4, "square", 680, 50, 90, 90),
    _table("A6", 4, "square", 830, 50, 90, 90),
    _table("B1", 6, "round", 115, 210, 110, 110),
    _table("B2", 6, "round", 335, 210, 110, 110),
    _table("B3", 8, "round", 545, 200, 130, 130),
    _table("B4", 8, "round", 765, 200, 130, 130),
    _table("C1", 10, "round", 225, 425, 150, 150),
    _table("C2", 12, "round", 615, 415, 170, 170),
]

_KTV = dict(block_minutes=60, block_price_fen=8800, free_minutes=15, cap_fen=60000)

# Private rooms: each "table" is a whole room with a round banquet table inside;
# drawn as a rectangle sized to the room.
_PRIVATE_TABLES = [
    _table("牡丹厅", 16, "rect", 80, 60, 300, 220, minimum_spend_fen=200000),
    _table("芙蓉厅", 12, "rect", 580, 70, 280, 200, minimum_spend_fen=150000),
    _table("兰亭", 10, "rect", 100, 380, 260, 190, minimum_spend_fen=100000),
    # KTV-style room: billed by the hour on top of the minimum spend.
    _table("竹韵阁", 8, "rect", 600, 380, 240, 180, minimum_spend_fen=80000, timed=_KTV),
]

# Tea rooms: two rows of three, all billed by the hour with a daily cap.
_TEA_TABLES = [
    _table("听雨", 2, "rect", 110, 110, 160, 120, timed=_hourly(3000, 15, 12000)),
    _table("观云", 4, "rect", 400, 95, 200, 150, timed=_hourly(4000, 15, 16000)),
    _table("品茗", 4, "rect", 710, 95, 200, 150, timed=_hourly(4800, 15, 18000)),
    _table("松风", 6, "rect", 80, 380, 220, 160, timed=_hourly(5800, 10, 22000)),
    _table("竹里", 6, "rect", 390, 380, 220, 160, timed=_hourly(6800, 10, 26000)),
    _table("清心", 8, "rect", 680, 370, 260, 180, timed=_hourly(8000, 10, 30000)),
]

ROOMS: list[dict[str, Any]] = [
    dict(
        code="hall",
        kind="hall",
        name_zh="大厅",
        name_en="Hall",
        seat_fee_fen=200,
        tables=_HALL_TABLES,
    ),
    dict(
        code="private",
        kind="private",
        name_zh="包厢",
        name_en="Private rooms",
        seat_fee_fen=500,
        tables=_PRIVATE_TABLES,
    ),
    dict(
        code="tea",
        kind="tea",
        name_zh="茶室",
        name_en="Tea rooms",
        seat_fee_fen=1500,
        tables=_TEA_TABLES,
    ),
]

# ---------------------------------------------------------------------------
# Menu categories: (code, name_zh, name_en); list order = display order.
# ---------------------------------------------------------------------------

CATEGORIES: list[tuple[str, str, str]] = [
    ("tea", "茶饮", "Tea"),
    ("dimsum", "点心", "Dim sum"),
    ("snack", "茶点小食", "Tea snacks"),
    ("cold", "凉菜", "Cold dishes"),
    ("hot", "热菜", "Hot dishes"),
    ("live", "活鲜", "Live seafood"),
    ("soup", "汤羹", "Soups"),
    ("staple", "主食", "Rice & noodles"),
    ("broth", "火锅锅底", "Hot-pot broths"),
    ("hotpot", "火锅配菜", "Hot-pot ingredients"),
    ("fruit", "果盘", "Fruit platters"),
    ("drink", "酒水饮料", "Drinks"),
    ("set", "套餐", "Set meals"),
]

# ---------------------------------------------------------------------------
# Option (modifier) groups.  Each option: (name_zh, name_en, surcharge_fen).
# ---------------------------------------------------------------------------

OPTION_GROUPS: list[dict[str, Any]] = [
    dict(
        code="spice",
        name_zh="辣度",
        name_en="Spiciness",
        required=True,
        min_choices=1,
        max_choices=1,
        options=[
            ("不辣", "Not spicy", 0),
            ("微辣", "Mild", 0),
            ("中辣", "Medium", 0),
            ("特辣", "Extra hot", 0),
        ],
    ),
    dict(
        code="sweetness",
        name_zh="甜度",
        name_en="Sweetness",
        required=True,
        min_choices=1,
        max_choices=1,
        options=[
            ("正常糖", "Regular sugar", 0),
            ("少糖", "Less sugar", 0),
            ("半糖", "Half sugar", 0),
            ("无糖", "No sugar", 0),
        ],
    ),
    dict(
        code="temperature",
        name_zh="冰热",
        name_en="Temperature",
        required=True,
        min_choices=1,
        max_choices=1,
        options=[
            ("热", "Hot", 0),
            ("常温", "Room temperature", 0),
            ("正常冰", "Regular ice", 0),
            ("少冰", "Less ice", 0),
            ("去冰", "No ice", 0),
        ],
    ),
    dict(
        code="fish_style",
        name_zh="做法",
        name_en="Preparation",
        required=True,
        min_choices=1,
        max_choices=1,
        options=[
            ("清蒸", "Steamed", 0),
            ("红烧", "Braised in soy sauce", 0),
            ("豆瓣", "Braised in chili bean sauce", 0),
            ("椒盐", "Salt and pepper", 500),
            ("水煮", "Sichuan poached in chili oil", 800),
            ("酸菜", "With pickled mustard greens", 800),
        ],
    ),
    dict(
        code="extras",
        name_zh="加料",
        name_en="Extras",
        required=False,
        min_choices=0,
        max_choices=3,
        options=[
            ("加蛋", "Add an egg", 300),
            ("加肉", "Extra meat", 800),
            ("加面", "Extra noodles", 500),
            ("加青菜", "Extra greens", 300),
            ("加豆腐", "Extra tofu", 300),
        ],
    ),
    dict(
        code="broth",
        name_zh="锅底口味",
        name_en="Broth style",
        required=True,
        min_choices=1,
        max_choices=1,
        options=[
            ("红汤", "Spicy red broth", 0),
            ("清汤", "Clear broth", 0),
            ("鸳鸯", "Yin-yang (half and half)", 1000),
        ],
    ),
    dict(
        code="dip",
        name_zh="蘸碟",
        name_en="Dipping sauce",
        required=False,
        min_choices=0,
        max_choices=1,
        options=[
            ("原味碟", "Plain soy dip", 0),
            ("油碟", "Sesame oil and garlic dip", 0),
            ("干碟", "Dry chili dip", 0),
            ("麻酱碟", "Sesame paste dip", 0),
            ("海鲜碟", "Seafood soy dip", 0),
        ],
    ),
    dict(
        code="brew",
        name_zh="冲泡方式",
        name_en="Brewing",
        required=False,
        min_choices=0,
        max_choices=1,
        options=[
            ("盖碗", "Gaiwan", 0),
            ("紫砂壶", "Yixing clay pot", 0),
            ("玻璃壶", "Glass pot", 0),
            ("茶艺师冲泡", "Gongfu service by a tea master", 3000),
        ],
    ),
]

# ---------------------------------------------------------------------------
# Menu items
# ---------------------------------------------------------------------------

_JIN = ("斤", "jin (500 g)")


def _section(
    category: str,
    station: str,
    course: str,
    unit: tuple[str, str],
    rows: list[tuple[Any, ...]],
    options: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Expand compact rows into item dicts.

    Row: (code, name_zh, name_en, price_fen[, overrides]) where ``overrides``
    may set unit, course, station, options, weighed, market_price, sold_out.
    """
    items = []
    for code, name_zh, name_en, price_fen, *rest in rows:
        over: dict[str, Any] = dict(rest[0]) if rest else {}
        unit_zh, unit_en = over.pop("unit", unit)
        item = dict(
            code=code,
            category=category,
            name_zh=name_zh,
            name_en=name_en,
            price_fen=price_fen,
            unit_zh=unit_zh,
            unit_en=unit_en,
            station=over.pop("station", station),
            course=over.pop("course", course),
            weighed=over.pop("weighed", False),
            market_price=over.pop("market_price", False),
            sold_out=over.pop("sold_out", False),
            options=list(over.pop("options", options or [])),
        )
        if over:
            raise ValueError(f"unknown overrides for {code}: {sorted(over)}")
        items.append(item)
    return items


_SPICE = dict(options=["spice"])
_SPICE_EXTRAS = dict(options=["spice", "extras"])
_EXTRAS = dict(options=["extras"])
_ICED = dict(options=["temperature", "sweetness"])
_PREMIUM = dict(course="premium", unit=("位", "per person"))
_HALF_CHICKEN = dict(unit=("半只", "half chicken"))
_LIVE_MARKET = dict(weighed=True, market_price=True)
_POT = dict(unit=("锅", "pot"))

_TEA_ITEMS = _section(
    "tea",
    "bar",
    "drink",
    ("壶", "pot"),
    options=["brew"],
    rows=[
        ("T01", "西湖龙井", "West Lake Longjing", 12800),
        ("T02", "铁观音", "Tieguanyin oolong", 8800),
        ("T03", "大红袍", "Da Hong Pao rock oolong", 13800),
        ("T04", "熟普洱", "Ripe Pu'er", 9800),
        ("T05", "碧螺春", "Biluochun green tea", 9800),
        ("T06", "竹叶青", "Zhuyeqing green tea", 10800),
        ("T07", "蒙顶甘露", "Mengding Ganlu green tea", 11800),
        ("T08", "白毫银针", "Silver Needle white tea", 15800),
        ("T09", "正山小种", "Lapsang souchong", 8800),
        ("T10", "小青柑", "Pu'er in green mandarin peel", 9800),
        ("T11", "茉莉花茶", "Jasmine tea", 3800),
        ("T12", "菊花茶", "Chrysanthemum tea", 2800),
        ("T13", "盖碗三花", "Sanhua jasmine tea in a gaiwan", 1800, dict(unit=("碗", "bowl"))),
    ],
)

_DIMSUM_ITEMS = _section(
    "dimsum",
    "hot",
    "staple",
    ("笼", "steamer"),
    rows=[
        ("D01", "水晶虾饺", "Crystal shrimp dumplings (har gow)", 3200),
        ("D02", "鲜虾烧卖", "Pork and shrimp siu mai", 2800),
        ("D03", "叉烧包", "Barbecue pork buns", 1800),
        ("D04", "鲜虾肠粉", "Shrimp rice noodle rolls", 2600, dict(unit=("份", "plate"))),
        ("D05", "豉汁蒸凤爪", "Steamed chicken feet in black bean sauce", 2200),
        ("D06", "豉汁蒸排骨", "Steamed spare ribs in black bean sauce", 2400),
        ("D07", "流沙包", "Molten salted egg custard buns", 1800),
        ("D08", "马拉糕", "Steamed Malay sponge cake", 1600),
        ("D09", "糯米鸡", "Sticky rice with chicken in lotus leaf", 2200, dict(sold_out=True)),
        ("D10", "葡式蛋挞", "Portuguese egg tarts", 1600, dict(unit=("份", "plate"))),
        ("D11", "鲜竹卷", "Beancurd skin rolls", 2400),
        ("D12", "香煎萝卜糕", "Pan-fried turnip cake", 1800, dict(unit=("份", "plate"))),
    ],
)

_SNACK_ITEMS = _section(
    "snack",
    "bar",
    "snack",
    ("碟", "plate"),
    rows=[
        ("N01", "五香瓜子", "Five-spice sunflower seeds", 1200),
        ("N02", "琥珀核桃", "Honey-glazed walnuts", 2800),
        ("N03", "开心果", "Pistachios", 2800),
        ("N04", "九制话梅", "Preserved plums", 1500),
        ("N05", "麻辣牛肉干", "Spicy beef jerky", 3200),
        ("N06", "绿豆糕", "Mung bean cakes", 1800, dict(station="cold")),
        ("N07", "桂花糕", "Osmanthus cakes", 1800, dict(station="cold")),
        ("N08", "凤梨酥", "Pineapple cakes", 2200),
        ("N09", "鲜花饼", "Yunnan rose pastries", 2200),
    ],
)

_COLD_ITEMS = _section(
    "cold",
    "cold",
    "cold",
    ("份", "plate"),
    rows=[
        ("C01", "夫妻肺片", "Sliced beef and tripe in chili oil", 4200),
        ("C02", "口水鸡", "Mouth-watering chicken", 3800, _SPICE),
        ("C03", "蒜泥白肉", "Sliced pork with garlic sauce", 3200),
        ("C04", "拍黄瓜", "Smashed cucumber salad", 1600, _SPICE),
        ("C05", "皮蛋豆腐", "Century egg with silken tofu", 1800),
        ("C06", "凉拌木耳", "Wood ear mushroom salad", 1800),
        ("C07", "白切鸡", "Poached chicken with ginger-scallion sauce", 6800, _HALF_CHICKEN),
        ("C08", "卤水拼盘", "Marinated meat platter", 5800),
        ("C09", "川北凉粉", "Chuanbei mung bean jelly noodles", 1800, _SPICE),
        ("C10", "红油兔丁", "Diced rabbit in chili oil", 3800),
    ],
)

_HOT_ITEMS = _section(
    "hot",
    "hot",
    "hot",
    ("份", "plate"),
    rows=[
        ("H01", "宫保鸡丁", "Kung Pao chicken", 4200, _SPICE_EXTRAS),
        ("H02", "回锅肉", "Twice-cooked pork", 4800, _SPICE),
        ("H03", "麻婆豆腐", "Mapo tofu", 2600, _SPICE_EXTRAS),
        ("H04", "鱼香肉丝", "Fish-fragrant shredded pork", 3600, _SPICE),
        ("H05", "水煮鱼", "Sichuan poached fish in chili oil", 8800, _SPICE),
        ("H06", "糖醋里脊", "Sweet and sour pork tenderloin", 4600),
        ("H07", "干煸四季豆", "Dry-fried green beans", 2800, _SPICE),
        ("H08", "清炒时蔬", "Stir-fried seasonal greens", 2200),
        ("H09", "水煮牛肉", "Sichuan poached beef in chili oil", 6800, _SPICE),
        ("H10", "辣子鸡", "Chongqing chili chicken", 5800, _SPICE),
        ("H11", "蒜蓉西兰花", "Broccoli with garlic", 2600),
        ("H12", "东坡肘子", "Dongpo braised pork knuckle", 8800, dict(sold_out=True)),
        ("H13", "毛血旺", "Spicy blood curd and offal stew", 6800, _SPICE),
        ("H14", "蚂蚁上树", "Glass noodles with minced pork", 2600, _SPICE),
        ("H15", "番茄炒蛋", "Stir-fried tomato and egg", 2200),
        ("H16", "蚝油生菜", "Lettuce in oyster sauce", 2200),
        ("H17", "干锅花菜", "Dry-pot cauliflower", 3200, _SPICE),
        ("H18", "葱爆羊肉", "Stir-fried lamb with scallions", 5800),
        ("H19", "红烧鲍鱼", "Braised abalone", 8800, _PREMIUM),
        ("H20", "鲍汁扣辽参", "Sea cucumber in abalone sauce", 16800, _PREMIUM),
    ],
)

_LIVE_ITEMS = _section(
    "live",
    "hot",
    "hot",
    _JIN,
    options=["fish_style"],
    rows=[
        ("Y01", "鲈鱼", "Live sea bass", 6800, dict(weighed=True)),
        ("Y02", "桂鱼", "Live mandarin fish", 12800, dict(weighed=True)),
        ("Y03", "清江鱼", "Live Qingjiang catfish", 8800, dict(weighed=True)),
        ("Y04", "江团", "Live longsnout catfish", 16800, dict(weighed=True)),
        ("Y05", "石斑鱼", "Live grouper", 19800, _LIVE_MARKET),
        ("Y06", "基围虾", "Live greasyback shrimp", 12800, dict(weighed=True, options=[])),
        ("Y07", "澳洲龙虾", "Australian rock lobster", 58800, dict(**_LIVE_MARKET, options=[])),
    ],
)

_SOUP_ITEMS = _section(
    "soup",
    "hot",
    "soup",
    ("份", "tureen"),
    rows=[
        ("G01", "酸萝卜老鸭汤", "Old duck soup with pickled radish", 6800, _POT),
        ("G02", "西湖牛肉羹", "West Lake beef soup", 3800),
        ("G03", "番茄蛋花汤", "Tomato and egg drop soup", 2200),
        ("G04", "酸辣汤", "Hot and sour soup", 2600, _SPICE),
        ("G05", "菌菇汤", "Wild mushroom soup", 4800),
        ("G06", "冬瓜排骨汤", "Winter melon and pork rib soup", 4200),
        ("G07", "紫菜蛋花汤", "Seaweed and egg drop soup", 1800),
        ("G08", "佛跳墙", "Buddha jumps over the wall", 18800, _PREMIUM),
    ],
)

_STAPLE_ITEMS = _section(
    "staple",
    "hot",
    "staple",
    ("份", "portion"),
    rows=[
        ("Z01", "米饭", "Steamed rice", 300, dict(unit=("碗", "bowl"))),
        ("Z02", "扬州炒饭", "Yangzhou fried rice", 2800, _EXTRAS),
        ("Z03", "蛋炒饭", "Egg fried rice", 1800, _EXTRAS),
        (
            "Z04",
            "担担面",
            "Dan dan noodles",
            1800,
            dict(unit=("碗", "bowl"), options=["spice", "extras"]),
        ),
        ("Z05", "红油抄手", "Wontons in chili oil", 1800, dict(unit=("碗", "bowl"), **_SPICE)),
        ("Z06", "钟水饺", "Zhong dumplings in sweet chili soy", 1600),
        ("Z07", "干炒牛河", "Dry-fried beef ho fun", 3200, _EXTRAS),
        ("Z08", "葱油拌面", "Scallion oil noodles", 1600, dict(unit=("碗", "bowl"))),
        ("Z09", "皮蛋瘦肉粥", "Century egg and pork congee", 1800, dict(unit=("碗", "bowl"))),
        ("Z10", "红糖糍粑", "Brown sugar glutinous rice cakes", 2200),
    ],
)

_BROTH_ITEMS = _section(
    "broth",
    "hot",
    "hot",
    ("锅", "pot"),
    options=["broth"],
    rows=[
        ("P01", "招牌火锅锅底", "Signature hot-pot broth", 5800),
        ("P02", "牛骨汤锅底", "Beef bone broth", 5800),
        ("P03", "老鸡汤锅底", "Old hen broth", 6800),
        ("P04", "菌汤锅底", "Wild mushroom broth", 6800),
        ("P05", "猪肚鸡锅底", "Pork tripe and chicken broth", 9800),
        ("P06", "羊蝎子锅底", "Lamb spine broth", 8800),
    ],
)

_HOTPOT_ITEMS = _section(
    "hotpot",
    "cold",
    "hot",
    ("份", "portion"),
    rows=[
        ("X01", "鲜毛肚", "Fresh beef tripe", 4800),
        ("X02", "鲜鸭肠", "Fresh duck intestines", 3800),
        ("X03", "雪花肥牛", "Marbled beef slices", 5800),
        ("X04", "手切羊肉", "Hand-sliced lamb", 5200),
        ("X05", "虾滑", "Shrimp paste", 4200),
        ("X06", "黄喉", "Beef aorta", 3800),
        ("X07", "午餐肉", "Luncheon meat", 2200),
        ("X08", "鸭血", "Duck blood curd", 1800),
        ("X09", "冻豆腐", "Frozen tofu", 1200),
        ("X10", "鲜腐竹", "Fresh tofu skin", 1500),
        ("X11", "土豆片", "Potato slices", 1000),
        ("X12", "藕片", "Lotus root slices", 1200),
        ("X13", "金针菇", "Enoki mushrooms", 1200),
        ("X14", "宽粉", "Wide sweet potato noodles", 1200),
        ("X15", "时蔬拼盘", "Mixed vegetable platter", 2800),
        ("X16", "蘸料", "Dipping sauce", 500, dict(unit=("位", "per person"), options=["dip"])),
    ],
)

_FRUIT_ITEMS = _section(
    "fruit",
    "cold",
    "fruit",
    ("份", "platter"),
    rows=[
        ("F01", "时令水果拼盘（大）", "Seasonal fruit platter (large)", 6800),
        ("F02", "时令水果拼盘（小）", "Seasonal fruit platter (small)", 3800),
        ("F03", "冰镇西瓜", "Chilled watermelon", 2800),
        ("F04", "哈密瓜", "Hami melon", 3200),
        ("F05", "圣女果", "Cherry tomatoes", 2200),
        ("F06", "鲜切芒果", "Fresh-cut mango", 3800),
        ("F07", "车厘子", "Cherries", 6800),
    ],
)

_DRINK_ITEMS = _section(
    "drink",
    "bar",
    "drink",
    ("杯", "glass"),
    rows=[
        ("B01", "鲜榨橙汁", "Freshly squeezed orange juice", 2800, dict(options=["temperature"])),
        ("B02", "鲜榨玉米汁", "Fresh sweetcorn juice", 3800, dict(unit=("扎", "jug"), **_ICED)),
        ("B03", "柠檬茶", "Lemon tea", 1800, _ICED),
        ("B04", "港式奶茶", "Hong Kong-style milk tea", 1800, _ICED),
        ("B05", "酸梅汤", "Sour plum drink", 1200, _ICED),
        ("B06", "可口可乐", "Coca-Cola", 800, dict(unit=("罐", "can"))),
        ("B07", "雪碧", "Sprite", 800, dict(unit=("罐", "can"))),
        ("B08", "王老吉", "Wong Lo Kat herbal tea", 800, dict(unit=("罐", "can"))),
        ("B09", "椰汁", "Coconut milk drink", 1000, dict(unit=("罐", "can"))),
        ("B10", "矿泉水", "Mineral water", 500, dict(unit=("瓶", "bottle"))),
        ("B11", "青岛啤酒", "Tsingtao beer", 1200, dict(unit=("瓶", "bottle"))),
        ("B12", "雪花啤酒", "Snow beer", 1000, dict(unit=("瓶", "bottle"))),
        ("B13", "泸州老窖特曲", "Luzhou Laojiao Tequ baijiu", 38800, dict(unit=("瓶", "bottle"))),
        ("B14", "五粮液", "Wuliangye baijiu", 138000, dict(unit=("瓶", "bottle"))),
        ("B15", "长城干红", "Great Wall dry red wine", 16800, dict(unit=("瓶", "bottle"))),
    ],
)

ITEMS: list[dict[str, Any]] = [
    *_TEA_ITEMS,
    *_DIMSUM_ITEMS,
    *_SNACK_ITEMS,
    *_COLD_ITEMS,
    *_HOT_ITEMS,
    *_LIVE_ITEMS,
    *_SOUP_ITEMS,
    *_STAPLE_ITEMS,
    *_BROTH_ITEMS,
    *_HOTPOT_ITEMS,
    *_FRUIT_ITEMS,
    *_DRINK_ITEMS,
]

# ---------------------------------------------------------------------------
# Set meals: components are (ITEMS name_zh, quantity).  Price is below the sum.
# ---------------------------------------------------------------------------


def _set(
    code: str,
    name_zh: str,
    name_en: str,
    price_fen: int,
    components: list[tuple[str, int]],
    station: str = "hot",
    course: str = "hot",
) -> dict[str, Any]:
    return dict(
        code=code,
        category="set",
        name_zh=name_zh,
        name_en=name_en,
        price_fen=price_fen,
        unit_zh="套",
        unit_en="set",
        station=station,
        course=course,
        weighed=False,
        market_price=False,
        sold_out=False,
        options=[],
        components=components,
    )


SET_MEALS: list[dict[str, Any]] = [
    # 4200 + 2600 + 2200 + 2200 + 2 * 300 = 11800
    _set(
        "S01",
        "双人商务套餐",
        "Business set for two",
        9800,
        [("宫保鸡丁", 1), ("麻婆豆腐", 1), ("清炒时蔬", 1), ("番茄蛋花汤", 1), ("米饭", 2)],
    ),
    # 3800 + 3200 + 2800 + 1800 = 11600
    _set(
        "S02",
        "茶楼下午茶套餐",
        "Afternoon tea set",
        8800,
        [("茉莉花茶", 1), ("水晶虾饺", 1), ("鲜虾烧卖", 1), ("叉烧包", 1)],
        station="bar",
        course="drink",
    ),
    # 4800 + 8800 + 3600 + 2800 + 3200 + 6800 + 4 * 300 = 31200
    _set(
        "S03",
        "四人家庭套餐",
        "Family set for four",
        26800,
        [
            ("蒜泥白肉", 1),
            ("回锅肉", 1),
            ("水煮鱼", 1),
            ("鱼香肉丝", 1),
            ("干煸四季豆", 1),
            ("酸萝卜老鸭汤", 1),
            ("米饭", 4),
        ],
    ),
    # 5800 + 5800 + 4800 + 4200 + 1000 + 2800 + 2 * 500 = 25400
    _set(
        "S04",
        "双人火锅套餐",
        "Hot-pot set for two",
        19800,
        [
            ("招牌火锅锅底", 1),
            ("雪花肥牛", 1),
            ("鲜毛肚", 1),
            ("虾滑", 1),
            ("土豆片", 1),
            ("时蔬拼盘", 1),
            ("蘸料", 2),
        ],
    ),
    # 5800 + 3800 + 8 * 8800 + 8800 + 5800 + 5800 + 2600 + 4200 + 2800 + 6800 = 116800
    _set(
        "S05",
        "八人宴席套餐",
        "Banquet set for eight",
        98800,
        [
            ("卤水拼盘", 1),
            ("口水鸡", 1),
            ("红烧鲍鱼", 8),
            ("水煮鱼", 1),
            ("辣子鸡", 1),
            ("葱爆羊肉", 1),
            ("蒜蓉西兰花", 1),
            ("冬瓜排骨汤", 1),
            ("扬州炒饭", 1),
            ("时令水果拼盘（大）", 1),
        ],
    ),
]

# ---------------------------------------------------------------------------
# Staff and canned texts
# ---------------------------------------------------------------------------

STAFF: list[tuple[str, str, str]] = [  # name, role, pin
    ("王芳", "waiter", "1111"),
    ("李强", "waiter", "2222"),
    ("陈静", "cashier", "3333"),
    ("张经理", "manager", "9999"),
]

QUICK_NOTES: list[tuple[str, str]] = [
    ("少辣", "Less spicy"),
    ("不要香菜", "No coriander"),
    ("打包", "To take away"),
    ("不要葱", "No spring onion"),
    ("少盐", "Less salt"),
    ("先上", "Serve first"),
    ("走冰", "No ice"),
    ("加急", "Rush"),
]

VOID_REASONS: list[tuple[str, str]] = [
    ("客人退菜", "Guest returned it"),
    ("上错菜", "Wrong dish served"),
    ("菜品质量问题", "Quality problem"),
    ("等待时间过长", "Waited too long"),
    ("点错菜", "Ordered by mistake"),
    ("估清无法出品", "Sold out in the kitchen"),
]

DISCOUNT_REASONS: list[tuple[str, str]] = [
    ("会员折扣", "Member discount"),
    ("老客优惠", "Regular guest"),
    ("投诉补偿", "Complaint compensation"),
    ("店长招待", "Manager's treat"),
]
