"""Recognition and linking on a tiny made-up knowledge base, so KB edits never break these mechanism tests.

The lexicons (abbreviation contexts, name cues) are the shipped ones: they are the mechanism's settings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eastwatch import link, recognise
from eastwatch.kb import KB
from eastwatch.model import DocDate, Document, Entity, Meta, Occupancy, OffsetMap, Post

LEXICONS = Path(__file__).resolve().parents[1] / "src" / "eastwatch" / "kb" / "data" / "lexicons"


def _ent(id_: str, hant: list[str], hans: list[str] | None = None, en: str = "", country: str | None = None,
         aliases: tuple[str, ...] = ()) -> Entity:
    kind = {"state": "state", "person": "person", "place": "location", "org": "organization",
            "event": "event", "region": "region"}[id_.split("/")[0]]
    return Entity(id_, kind, {"zh-Hant": tuple(hant), "zh-Hans": tuple(hans or hant), "en": (en,) if en else ()},
                  country=country, aliases=aliases)


@pytest.fixture(scope="module")
def kb() -> KB:
    ents = [
        _ent("state/CHN", ["中國", "中國大陸", "北京"], ["中国", "中国大陆", "北京"], "China", "CHN", ("中共",)),
        _ent("state/JPN", ["日本", "東京"], ["日本", "东京"], "Japan", "JPN"),
        _ent("state/KOR", ["韓國", "南韓", "首爾"], ["韩国", "南韩", "首尔"], "South Korea", "KOR"),
        _ent("state/PRK", ["北韓", "朝鮮"], ["北韩", "朝鲜"], "North Korea", "PRK"),
        _ent("state/USA", ["美國"], ["美国"], "United States", "USA"),
        _ent("state/TWN", ["臺灣"], ["台湾"], "Taiwan", "TWN"),
        _ent("region/korean-peninsula", ["朝鮮半島"], ["朝鲜半岛"], "Korean Peninsula"),
        _ent("region/taiwan-strait", ["臺灣海峽"], ["台湾海峡"], "Taiwan Strait"),
        _ent("place/seoul", ["首爾"], ["首尔"], "Seoul", "KOR"),
        _ent("org/asean", ["東協"], ["东盟"], "ASEAN"),
        _ent("org/roc-army", ["台軍"], ["台军"], "ROC Armed Forces", "TWN"),
        _ent("event/korean-war", ["韓戰"], ["韩战"], "Korean War"),
        _ent("event/asean-summit", ["東協峰會"], ["东盟峰会"], "ASEAN Summit"),
        _ent("event/cjk-summit", ["中日韓峰會"], ["中日韩峰会"], "China-Japan-ROK summit"),
        _ent("person/jia", ["甲乙丙"], ["甲乙丙"], "Jia Yibing", "CHN"),
        _ent("person/abe", ["安倍晉三"], ["安倍晋三"], "Shinzo Abe", "JPN"),
        _ent("person/yoon", ["尹錫悅"], ["尹锡悦"], "Yoon Suk Yeol", "KOR"),
        _ent("person/han-kuo-yu", ["韓國瑜"], ["韩国瑜"], "Han Kuo-yu", "TWN"),
        _ent("person/kim-jong-un", ["金正恩"], ["金正恩"], "Kim Jong-un", "PRK"),
        _ent("person/kim-jong-il", ["金正日"], ["金正日"], "Kim Jong-il", "PRK"),
    ]
    posts = [
        Post("JPN/prime-minister", "JPN", {"zh-Hant": ("首相",)}, titles=("日相", "首相"), rank=2),
        Post("KOR/president", "KOR", {"zh-Hant": ("總統",)}, titles=("總統",), rank=1),
        Post("USA/president", "USA", {"zh-Hant": ("總統",)}, titles=("總統",), rank=1),
        Post("CHN/foreign-minister", "CHN", {"zh-Hant": ("外交部長",)}, titles=("外長",), rank=3),
        Post("KOR/foreign-minister", "KOR", {"zh-Hant": ("外交部長官",)}, titles=("外長",), rank=3),
    ]
    occs = [
        Occupancy("person/abe", "JPN/prime-minister", "2012-12-26", "2020-09-16"),
        Occupancy("person/yoon", "KOR/president", "2022-05-10", "2025-04-04"),
        Occupancy("person/jia", "CHN/foreign-minister", "2013-03-16", "2022-12-30"),
    ]
    lexicons = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in LEXICONS.glob("*.yaml")}
    return KB({e.id: e for e in ents}, {p.id: p for p in posts}, occs, lexicons)


def mentions(text: str, kb: KB, date: str | None = "2020-06-01") -> list[tuple[str, str | None]]:
    doc = Document("x", text, OffsetMap.identity(len(text)), Meta(path="x.txt", format="txt"))
    if date:
        doc.structure.date = DocDate(date, "metadata")
    doc.candidates = recognise.recognise_names(text, kb)
    link.run(doc, kb)
    for m in doc.mentions:
        assert text[m.span.start : m.span.end] == m.text
    return [(m.text, m.entity_id) for m in doc.mentions]


CASES = [
    # coordinated abbreviations
    ("中日韓三國合作", [("中", "state/CHN"), ("日", "state/JPN"), ("韓", "state/KOR")]),
    ("美日韓聯盟", [("美", "state/USA"), ("日", "state/JPN"), ("韓", "state/KOR")]),
    ("中、日、韓互動", [("中", "state/CHN"), ("日", "state/JPN"), ("韓", "state/KOR")]),
    ("中、日兩國總理", [("中", "state/CHN"), ("日", "state/JPN")]),
    ("自 2018 年中、日兩國", [("中", "state/CHN"), ("日", "state/JPN")]),
    ("中日韩三国外长", [("中", "state/CHN"), ("日", "state/JPN"), ("韩", "state/KOR")]),
    ("11月26日中日韓外長會議", [("中", "state/CHN"), ("日", "state/JPN"), ("韓", "state/KOR")]),
    ("25 日中日雙方", [("中", "state/CHN"), ("日", "state/JPN")]),
    # single abbreviations need a verb before or a noun after
    ("王毅出訪日、韓", [("日", "state/JPN"), ("韓", "state/KOR")]),
    ("對中強硬", [("中", "state/CHN")]),
    ("日方表示遺憾", [("日", "state/JPN")]),
    ("安倍晉三後來訪陸", [("安倍晉三", "person/abe"), ("陸", "state/CHN")]),
    # false friends
    ("研究中心指出", []),
    ("其中日本最為積極", [("日本", "state/JPN")]),
    ("美麗的海岸", []),
    ("中美洲國家", []),
    ("大陸棚與陸軍", []),
    ("韓國瑜表示", [("韓國瑜", "person/han-kuo-yu")]),
    ("韩国瑜表示", [("韩国瑜", "person/han-kuo-yu")]),
    ("金正恩與金正日", [("金正恩", "person/kim-jong-un"), ("金正日", "person/kim-jong-il")]),
    ("朝鮮半島局勢", [("朝鮮半島", "region/korean-peninsula")]),
    ("朝鮮宣布", [("朝鮮", "state/PRK")]),
    ("臺灣海峽", [("臺灣海峽", "region/taiwan-strait")]),
    ("台灣海峽", [("台灣海峽", "region/taiwan-strait")]),
    ("台灣表示", [("台灣", "state/TWN")]),
    ("今日天氣", []),
    # capitals: the state as actor, the city after a place cue
    ("北京表示反對", [("北京", "state/CHN")]),
    ("首爾回應", [("首爾", "state/KOR")]),
    ("前往首爾訪問", [("首爾", "place/seoul")]),
    # names inside names: the organisation of a summit, the states of a trilateral meeting
    ("東協峰會召開", [("東協峰會", "event/asean-summit"), ("東協", "org/asean")]),
    ("中日韓峰會", [("中日韓峰會", "event/cjk-summit"), ("中", "state/CHN"), ("日", "state/JPN"),
                  ("韓", "state/KOR")]),
    # a two-character name that starts with a state abbreviation, read as the abbreviation where the
    # character before makes it one
    ("中韓戰略合作", [("中", "state/CHN"), ("韓", "state/KOR")]),
    ("美國對台軍售", [("美國", "state/USA"), ("台", "state/TWN")]),
    ("韓戰爆發", [("韓戰", "event/korean-war")]),
    ("台軍演習", [("台軍", "org/roc-army")]),
    # Latin names, any case
    ("尹錫悅（YOON Suk-yeol）", [("尹錫悅", "person/yoon"), ("YOON Suk-yeol", "person/yoon")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_mentions(kb: KB, text: str, expected: list) -> None:
    assert mentions(text, kb) == expected


def test_family_name_after_full_name(kb: KB) -> None:
    text = "首相安倍晉三會見外賓。安倍隨後表示，尹錫悅就任後，尹政府立場轉變。"
    got = mentions(text, kb)
    assert ("安倍", "person/abe") in got
    assert ("尹", "person/yoon") in got


def test_one_character_family_name_needs_full_name_first(kb: KB) -> None:
    assert ("尹", "person/yoon") not in mentions("尹政府立場轉變。", kb)


def test_title_alone_names_the_holder_on_the_document_date(kb: KB) -> None:
    assert mentions("日相表示歡迎", kb, date="2019-05-01") == [("日相", "person/abe")]
    assert mentions("日相表示歡迎", kb, date="2021-05-01") == []  # no holder known then


def test_title_with_state_picks_that_states_post(kb: KB) -> None:
    assert mentions("韓國總統表示", kb, date="2023-01-10") == [("韓國", "state/KOR"), ("總統", "person/yoon")]


def test_title_before_known_name_adds_nothing(kb: KB) -> None:
    assert mentions("外長甲乙丙表示", kb) == [("甲乙丙", "person/jia")]


def test_unknown_person_after_title_is_kept_unlinked(kb: KB) -> None:
    doc_text = "外長林小明表示歡迎"
    assert mentions(doc_text, kb) == [("林小明", None)]


@pytest.mark.parametrize("text", ["總統大選將至", "外長會議舉行", "總統府發言人"])
def test_title_that_is_not_a_person(kb: KB, text: str) -> None:
    assert [m for m in mentions(text, kb) if m[1] is None or m[1].startswith("person/")] == []


def test_a_word_after_a_title_is_no_name(kb: KB) -> None:
    assert [m for m in mentions("向下任總統施壓，表示關切", kb) if m[1] is None] == []
