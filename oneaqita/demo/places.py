"""Geography of the demo: each public body's size, where it lies and its treatment districts,
and the invented partner firms.

Sizes are rounded 2020 census populations (thousands); centres are near each town hall.
District names follow the towns merged into each city (平成の大合併), which is how sewer
districts are still named in practice.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class BodyProfile:
    population_k: float
    latitude: float
    longitude: float
    district_stems: str  # public sewer districts (…処理区), main district first
    rural_stems: str = ""  # 農業集落排水 districts (…地区)

    @property
    def districts(self) -> tuple[str, ...]:
        return tuple(f"{stem}処理区" for stem in self.district_stems.split())

    @property
    def rural_districts(self) -> tuple[str, ...]:
        return tuple(f"{stem}地区" for stem in self.rural_stems.split())


P = BodyProfile
PROFILES: dict[str, BodyProfile] = {
    "052019": P(307.7, 39.7200, 140.1025, "八橋 臨海関連 河辺 雄和", "岩見三内 雄和戸賀沢"),
    "052027": P(51.7, 40.2120, 140.0270, "能代 二ツ井", "常盤"),
    "052035": P(86.0, 39.3115, 140.5530, "横手 十文字 増田 平鹿", "山内 大雄"),
    "052043": P(70.1, 40.2715, 140.5640, "大館 比内 田代", "十二所"),
    "052060": P(26.0, 39.8867, 139.8475, "男鹿 若美", "戸賀"),
    "052078": P(42.0, 39.1640, 140.4950, "湯沢 稲川 雄勝", "皆瀬"),
    "052094": P(29.0, 40.2155, 140.7885, "鹿角 尾去沢", "八幡平"),
    "052108": P(74.7, 39.3860, 140.0490, "本荘 矢島 岩城 由利", "鳥海 東由利"),
    "052116": P(32.0, 39.8500, 140.0570, "天王 昭和 飯田川"),
    "052124": P(78.7, 39.4530, 140.4755, "大曲 神岡 西仙北 協和", "太田 南外"),
    "052132": P(30.9, 40.2260, 140.3710, "鷹巣 合川 森吉", "阿仁"),
    "052141": P(23.5, 39.2855, 139.9650, "仁賀保 象潟 金浦"),
    "052159": P(24.5, 39.7000, 140.7310, "角館 田沢湖 西木"),
    "053031": P(4.9, 40.3310, 140.7340, "小坂"),
    "053279": P(2.0, 40.0640, 140.2960, "上小阿仁", "沖田面"),
    "053465": P(3.1, 40.3960, 140.2720, "藤里", "粕毛"),
    "053481": P(15.3, 40.1000, 140.1000, "琴丘 山本 八竜"),
    "053490": P(6.8, 40.3420, 140.0380, "八森 峰浜"),
    "053619": P(8.6, 39.9440, 140.1170, "五城目", "馬場目"),
    "053635": P(5.6, 39.9490, 140.0730, "八郎潟"),
    "053660": P(4.5, 39.9080, 140.0890, "井川"),
    "053686": P(3.0, 40.0010, 139.9490, "大潟"),
    "054348": P(18.7, 39.4040, 140.5550, "六郷 千畑", "仙南"),
    "054631": P(14.2, 39.2030, 140.4130, "羽後", "田代"),
    "054640": P(2.4, 39.1750, 140.6570, "東成瀬", "椿川"),
}

PREFECTURE_CODE = "050008"
# The prefecture's regional systems (流域下水道): trunk sewers, pump stations, plants.
PREFECTURE_DISTRICTS: tuple[tuple[str, float, float], ...] = (
    ("臨海処理区 (流域)", 39.7590, 140.0620),
    ("大曲処理区 (流域)", 39.4560, 140.4700),
    ("横手処理区 (流域)", 39.3000, 140.5450),
    ("鹿角処理区 (流域)", 40.2100, 140.7750),
    ("大館処理区 (流域)", 40.2800, 140.5500),
)

# Bodies that own a night-soil treatment plant (し尿処理施設) in the demo.
NIGHT_SOIL_OWNERS = ("052043", "052078")

# Bodies on a multi-year comprehensive contract (包括的民間委託): three fiscal years from the
# demo's first (demo/contracts.py).
MULTI_YEAR_CLIENTS = ("052019", "052035", "052108", "052124", "053481")

COMPANY = ("ONEAQITA", "株式会社ONE・AQITA", "かぶしきがいしゃわんあきた", "ONE AQITA Co., Ltd.")

# Invented partner firms: the "(架空)" in each name keeps them from being taken for real ones.
PARTNERS: tuple[tuple[str, str, str, str], ...] = (
    (
        "P001",
        "株式会社あきた管路メンテナンス(架空)",
        "かぶしきがいしゃあきたかんろめんてなんす",
        "Akita Kanro Maintenance Co., Ltd. (fictional)",
    ),
    (
        "P002",
        "秋北水環境テクノ株式会社(架空)",
        "しゅうほくみずかんきょうてくのかぶしきがいしゃ",
        "Shuhoku Mizukankyo Techno Co., Ltd. (fictional)",
    ),
    (
        "P003",
        "株式会社雄物川調査設計(架空)",
        "かぶしきがいしゃおものがわちょうさせっけい",
        "Omonogawa Survey & Design Co., Ltd. (fictional)",
    ),
)

# Where every demo coordinate must fall (a box around Akita Prefecture).
LAT_RANGE = (39.0, 40.5)
LON_RANGE = (139.6, 140.9)
