"""structure: titles, authors, key points, sections, paragraphs, sentences, datelines and the writing date."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eastwatch.kb import KB
from eastwatch.model import DocDate, Meta, RawDoc, Span
from eastwatch.repair import repair
from eastwatch.structure import build, run
from eastwatch.structure.authors import parse_author_line
from eastwatch.structure.cues import check, is_clutter, load_cues
from eastwatch.structure.docdate import find_date_line, parse_date, writing_date
from eastwatch.structure.headings import heading_text, number_value, parse_marker
from eastwatch.structure.news import find_dateline
from eastwatch.structure.sentences import split_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "structure"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CUES = load_cues()


def _doc(name: str, meta_date: str | None = None):
    path = FIXTURES / name
    raw = RawDoc(path.read_text(encoding="utf-8"), Meta(path=str(path), format="txt", date=meta_date), "sha")
    doc = repair(raw)
    run(doc, KB())
    return doc


# ---- whole fixtures ---------------------------------------------------------------------------------

FIXTURE_FACTS = {
    "report_broken_tw.txt": {
        "kind": "report", "number": "三", "title": "東海情勢與日中海上聯絡機制",
        "authors": [("葉文淵", "國立北辰大學國際事務研究所", "副教授", "主稿")],
        "key_points": ["日中雙方雖重啟海空聯絡機制熱線，但東海中間線附近的油氣田開發爭議仍未化解，"
                       "短期內衝突風險難以排除。",
                       "美日同盟強化對東海的共同巡弋，北京恐以擴大海警執法作為回應。"],
        "sections": [("（一）", "前言", 1), ("（二）", "海上摩擦的現況", 1), ("（三）", "結語", 1)],
        "in_body": ["香格里拉對話（Shangri-La Dialogue）期間", "建立護欄。", "二、雙方應落實既有的聯絡機制"],
        "not_in_body": ["主稿", "（一）前言", "東海情勢與日中海上聯絡機制"],
        "paragraphs": 5, "sentences": 10,
    },
    "report_broken_cn.txt": {
        "kind": "report", "number": "三", "title": "朝鲜半岛局势与中韩关系",
        "authors": [("王海平", "上海东亚研究中心", "研究员", "作者")],
        "key_points": ["朝鲜持续试射中程弹道导弹，半岛紧张态势短期内难以缓和，中韩两国在对朝政策上的分歧可能扩大。",
                       "韩国新政府加强与美日的安全合作，中韩关系面临建交以来的新考验。"],
        "sections": [("一、", "半岛局势的演变", 1), ("（一）", "朝鲜的军事动向", 2), ("（二）", "美韩同盟的调整", 2),
                     ("二、", "中韩关系的前景", 1)],
        "in_body": ["将与美方共同提升联合演习的规模。", "延伸威慑承诺。"],
        "not_in_body": ["东亚战略观察", "■", "作者"],
        "paragraphs": 5, "sentences": 8,
    },
    "report_flowing_tw.txt": {
        "kind": "report", "number": "四", "title": "美中競爭下的日本印太戰略",
        "authors": [("趙明哲", "淡江大學國際事務與戰略研究所", "助理教授", "撰稿"),
                    ("孫若庭", "淡江大學國際事務與戰略研究所", "博士候選人", "撰稿")],
        "key_points": [],
        "sections": [("壹、", "前言", 1), ("貳、", "日本的戰略調整", 1), ("參、", "結論", 1)],
        "in_body": ["一、加強與美國的同盟關係，並擴大在南海的聯合演訓。"],  # a numbered sentence, not a heading
        "not_in_body": ["中華民國112年5月", "合撰"],
        "paragraphs": 4, "sentences": 4,
        "date": DocDate("2023-05", "text", None),
    },
    "news_cna_tw.txt": {
        "kind": "news", "number": None, "title": "日韓防長會談 同意恢復軍事交流",
        "headline": "日韓防長會談 同意恢復軍事交流", "dateline": "（中央社記者周子涵東京22日專電）",
        "byline": "記者周子涵",
        "authors": [("周子涵", "中央社", "記者", "記者")],
        "key_points": [], "sections": [],
        "in_body": ["日本防衛大臣與南韓國防部長今天在東京舉行會談"],
        "not_in_body": ["按Enter到主內容區", "分享", "Facebook", "（圖／路透社）", "延伸閱讀", "編輯", "中央社記者"],
        "paragraphs": 3, "sentences": 5,
    },
    "news_xinhua_cn.txt": {
        "kind": "news", "number": None, "title": "中日韩经贸部长会议在首尔举行",
        "headline": "中日韩经贸部长会议在首尔举行", "dateline": "新华社首尔3月5日电（记者李明远、张晓华）",
        "byline": "记者李明远、张晓华",
        "authors": [("李明远", "新华社", "記者", "記者"), ("张晓华", "新华社", "記者", "記者")],
        "key_points": [], "sections": [],
        "in_body": ["中日韩三国经贸部长5日在首尔举行会议"],
        "not_in_body": ["新华社", "（完）"],
        "paragraphs": 2, "sentences": 2,
    },
}


@pytest.mark.parametrize("name", sorted(FIXTURE_FACTS))
def test_fixture_structure(name):
    facts = FIXTURE_FACTS[name]
    doc = _doc(name)
    st = doc.structure
    assert (st.kind, st.number, st.title) == (facts["kind"], facts["number"], facts["title"])
    assert [(a.name, a.affiliation, a.position, a.role) for a in st.authors] == facts["authors"]
    assert [kp.text for kp in st.key_points] == facts["key_points"]
    assert [(s.number, s.heading, s.level) for s in st.sections] == facts["sections"]
    for key in ("headline", "dateline", "byline"):
        item = getattr(st, key)
        assert (item.text if item else None) == facts.get(key)
        if item:
            assert doc.at(item.span) == item.text
    body = [doc.at(p) for p in st.paragraphs]
    for snippet in facts["in_body"]:
        assert any(snippet in p for p in body), snippet
    for snippet in facts["not_in_body"]:
        assert not any(snippet in p for p in body), snippet
    assert (len(st.paragraphs), len(st.sentences)) == (facts["paragraphs"], facts["sentences"])
    want = facts.get("date")
    assert (st.date.value, st.date.source) == (want.value, want.source) if want else st.date is None


@pytest.mark.parametrize("name", sorted(FIXTURE_FACTS))
def test_spans_are_evidence(name):
    """Every span points at its own text: key points, authors, title; sentences lie inside paragraphs,
    section bodies start after their heading and hold their paragraphs."""
    doc = _doc(name)
    st = doc.structure
    if st.title_span:
        assert doc.at(st.title_span) == st.title
    for kp in st.key_points:
        assert doc.at(kp.span) == kp.text
    for author in st.authors:
        assert author.name in doc.at(author.span)
    for sentence in st.sentences:
        assert any(p.contains(sentence) for p in st.paragraphs)
        assert not doc.at(sentence)[0].isspace()
    for section in st.sections:
        assert doc.at(section.span).endswith(section.heading)
        assert section.body.start > section.span.end
        assert all(section.body.contains(p) for p in section.paragraphs)


def test_section_bodies_nest():
    st = _doc("report_broken_cn.txt").structure
    outer, inner_1, inner_2, last = st.sections
    assert outer.body.contains(inner_1.span) and outer.body.contains(inner_2.span)
    assert not outer.body.overlaps(last.span)
    assert len(outer.paragraphs) == 2 and len(inner_1.paragraphs) == 1


# ---- headings ---------------------------------------------------------------------------------------

HEADING_CASES = [  # line                          number as written   numeral  value  heading
    ("（一）中日關係：復甦中存在挑戰", "（一）", "一", 1, "中日關係：復甦中存在挑戰"),
    ("(十二)結語", "(十二)", "十二", 12, "結語"),
    ("二十三、附錄", "二十三、", "二十三", 23, "附錄"),
    ("肆、政策建議", "肆、", "肆", 4, "政策建議"),
    ("第三章　區域安全", "第三章", "三", 3, "區域安全"),
    ("第2節 研究方法", "第2節", "2", 2, "研究方法"),
    ("1. 背景說明", "1.", "1", 1, "背景說明"),
    ("2、美方立場", "2、", "2", 2, "美方立場"),
    ("(3) 小結", "(3)", "3", 3, "小結"),
    ("1.2 次節標題", "1.2", "1.2", 2, "次節標題"),
]


@pytest.mark.parametrize(("line", "written", "numeral", "value", "heading"), HEADING_CASES)
def test_heading(line, written, numeral, value, heading):
    marker = parse_marker(line)
    assert (marker.written, marker.numeral, marker.value) == (written, numeral, value)
    assert heading_text(line, marker) == heading


NOT_HEADINGS = [
    "一、加強雙邊合作，並持續推動對話。",  # a numbered sentence in a list
    "（二）雙方同意；並將擴大交流",
    "1.5億美元的援助",  # a number, not a heading number
    "2023年雙方恢復對話",
    "三、" + "很長的標題" * 10,  # longer than a heading
    "二、雙方的立場，",  # goes on
]


@pytest.mark.parametrize("line", NOT_HEADINGS)
def test_not_a_heading(line):
    marker = parse_marker(line)
    assert marker is None or heading_text(line, marker) is None


@pytest.mark.parametrize(("numeral", "value"), [("一", 1), ("十", 10), ("十五", 15), ("四十", 40), ("九十九", 99),
                                                ("一百零五", 105), ("貳", 2), ("拾參", 13), ("7", 7)])
def test_number_value(numeral, value):
    assert number_value(numeral) == value


# ---- author lines -----------------------------------------------------------------------------------

AUTHOR_CASES = [  # line → [(name, affiliation, position, role)]
    ("國立北辰大學國際事務研究所教授林海生主稿", [("林海生", "國立北辰大學國際事務研究所", "教授", "主稿")]),
    ("東寧大學國政所助理教授方志遠主稿", [("方志遠", "東寧大學國政所", "助理教授", "主稿")]),
    ("海東智庫資深分析師何美玲撰稿", [("何美玲", "海東智庫", "資深分析師", "撰稿")]),
    ("作者：陳國華（南方大學政治學系副教授）", [("陳國華", "南方大學政治學系", "副教授", "作者")]),
    ("文／李文傑", [("李文傑", None, None, "作者")]),
    ("张立新、王晓明 合撰", [("张立新", None, None, "撰稿"), ("王晓明", None, None, "撰稿")]),
    ("甲大學教授王一新與乙研究院研究員李二仁合撰",
     [("王一新", "甲大學", "教授", "撰稿"), ("李二仁", "乙研究院", "研究員", "撰稿")]),
    ("北辰大學政治學系教授兼系主任吳永安執筆", [("吳永安", "北辰大學政治學系", "教授兼系主任", "執筆")]),
    ("東亞研究中心副研究員周佳穎、研究助理鄭宇軒主稿",
     [("周佳穎", "東亞研究中心", "副研究員", "主稿"), ("鄭宇軒", "東亞研究中心", "研究助理", "主稿")]),
    ("國際事務與戰略研究所博士候選人許書豪", [("許書豪", "國際事務與戰略研究所", "博士候選人", None)]),
]


@pytest.mark.parametrize(("line", "authors"), AUTHOR_CASES)
def test_author_line(line, authors):
    found = parse_author_line(line, 10, CUES)
    assert [(a.name, a.affiliation, a.position, a.role) for a in found] == authors
    for a in found:
        assert a.name in line[a.span.start - 10 : a.span.end - 10]


NOT_AUTHOR_LINES = [
    "中日關係",  # a short title: a bare "name" needs a role word
    "美日同盟強化對東海的共同巡弋，北京恐以擴大海警執法作為回應。",
    "國防安全研究院副研究員",  # no name
    "影響相當顯著",
    "本次會談由雙方外長主持並發表聯合聲明稿",
]


@pytest.mark.parametrize("line", NOT_AUTHOR_LINES)
def test_not_an_author_line(line):
    assert parse_author_line(line, 0, CUES) == []


# ---- datelines --------------------------------------------------------------------------------------

DATELINE_CASES = [  # line start → dateline text, byline text, reporters, (year, month, day)
    ("（中央社記者王小明台北22日電）本文", "（中央社記者王小明台北22日電）", "記者王小明", ["王小明"],
     (None, None, 22)),
    ("中央社台北22日電 本文", "中央社台北22日電", None, [], (None, None, 22)),
    ("新華社北京3月5日電（記者李大同）本文", "新華社北京3月5日電（記者李大同）", "記者李大同", ["李大同"],
     (None, 3, 5)),
    ("新华社首尔2023年11月26日电 本文", "新华社首尔2023年11月26日电", None, [], (2023, 11, 26)),
    ("韩联社首尔3月5日电 本文", "韩联社首尔3月5日电", None, [], (None, 3, 5)),
    ("【本報訊】本文", "【本報訊】", None, [], (None, None, None)),
    ("〔記者張一凡／台北報導〕本文", "〔記者張一凡／台北報導〕", "記者張一凡", ["張一凡"], (None, None, None)),
    ("(記者林美華、黃志成／綜合報導)本文", "(記者林美華、黃志成／綜合報導)", "記者林美華、黃志成", ["林美華", "黃志成"],
     (None, None, None)),
    ("（中央社記者陳思妤嘉義1日電）本文", "（中央社記者陳思妤嘉義1日電）", "記者陳思妤", ["陳思妤"], (None, None, 1)),
    ("SEOUL, March 5 (Yonhap) -- text", "SEOUL, March 5 (Yonhap) --", None, [], (None, 3, 5)),
]


@pytest.mark.parametrize(("line", "dateline", "byline", "reporters", "ymd"), DATELINE_CASES)
def test_dateline(line, dateline, byline, reporters, ymd):
    index, found = find_dateline(line, [Span(0, len(line))], CUES)
    assert index == 0
    assert line[found.span.start : found.span.end] == dateline
    assert (line[found.byline.start : found.byline.end] if found.byline else None) == byline
    assert [line[s.start : s.end] for s in found.reporters] == reporters
    assert (found.year, found.month, found.day) == ymd
    assert line[found.body_start :].startswith(("本文", "text"))


@pytest.mark.parametrize("line", ["中央社報導指出，雙方22日會面。", "據新華社報導，會議將於5日舉行。",
                                  "記者會上，外長表示。"])
def test_not_a_dateline(line):
    assert find_dateline(line, [Span(0, len(line))], CUES) is None


# ---- sentences --------------------------------------------------------------------------------------

SENTENCE_CASES = [
    ("甲國表示：「雙方會合作。也會對話！」乙國則拒絕。", ["甲國表示：「雙方會合作。也會對話！」", "乙國則拒絕。"]),
    ("會談結束了嗎？是的；雙方將再會面。", ["會談結束了嗎？", "是的；", "雙方將再會面。"]),
    ("他說「好」。然後離開", ["他說「好」。", "然後離開"]),
    ("雙方發表聲明（全文見附件。）後續再議。", ["雙方發表聲明（全文見附件。）", "後續再議。"]),
    ("  前有空白。 後有空白。  ", ["前有空白。", "後有空白。"]),
    ("「未閉合的引號。仍然切開。", ["「未閉合的引號。", "仍然切開。"]),
    ("Is it? Yes! 好。", ["Is it?", "Yes!", "好。"]),
]


@pytest.mark.parametrize(("text", "sentences"), SENTENCE_CASES)
def test_sentences(text, sentences):
    assert [text[s.start : s.end] for s in split_sentences(text, Span(0, len(text)))] == sentences


# ---- writing date -----------------------------------------------------------------------------------

DATE_CASES = [  # text → ISO
    ("2020年12月", "2020-12"),
    ("民國109年12月", "2020-12"),
    ("中華民國112年5月3日", "2023-05-03"),
    ("109年12月", "2020-12"),  # a three-digit year is an ROC year
    ("發布日期：2023-05-02", "2023-05-02"),
    ("更新時間：2023/05/02 10:30", "2023-05-02"),
    ("二〇二〇年十二月", "2020-12"),
    ("2023年2月30日", None),  # no such day
    ("會談在即", None),
]


@pytest.mark.parametrize(("text", "value"), DATE_CASES)
def test_parse_date(text, value):
    assert parse_date(text) == value


def _dateline_of(line: str):
    return find_dateline(line, [Span(0, len(line))], CUES)[1]


WRITING_DATE_CASES = [  # meta date, dateline line, → value, source
    ("2023-05-22T09:00:00+08:00", None, "2023-05-22", "metadata"),
    ("2023-05-22", "（中央社記者王小明台北22日電）", "2023-05-22", "metadata"),  # both agree
    ("2023-05-23", "（中央社記者王小明華盛頓22日專電）", "2023-05-22", "dateline"),  # filed abroad a day before
    ("2023-06-01", "（中央社記者王小明紐約31日電）", "2023-05-31", "dateline"),  # across the month's end
    ("2023-05", "中央社台北22日電", "2023-05-22", "dateline"),
    (None, "新华社北京2023年3月5日电", "2023-03-05", "dateline"),
    (None, "中央社台北22日電", None, None),  # a day alone: the times stage decides later
]


@pytest.mark.parametrize(("meta_date", "line", "value", "source"), WRITING_DATE_CASES)
def test_writing_date(meta_date, line, value, source):
    dateline = _dateline_of(line) if line else None
    found = writing_date(line or "", Meta(path="x", format="txt", date=meta_date), dateline, None)
    assert (found.value if found else None, found.source if found else None) == (value, source)


DATE_LINE_CASES = [  # lines → the date line's text, or None
    (["標題", "發布日期：2023-05-02 瀏覽次數：120", "本文。"], "發布日期：2023-05-02"),
    (["標題", "2020年12月", "本文。"], "2020年12月"),
    (["標題", "本文。", "民國109年12月"], "民國109年12月"),  # a closing date line
    (["標題", "會談時間：2023年5月2日，雙方外長出席。"], None),  # a sentence holding a date
    (["標題", "雙方預計在2023年5月舉行下一輪會談"], None),
]


@pytest.mark.parametrize(("lines", "found"), DATE_LINE_CASES)
def test_date_line(lines, found):
    text = "\n".join(lines)
    spans, pos = [], 0
    for line in lines:
        spans.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    span = find_date_line(text, spans)
    assert (text[span.start : span.end] if span else None) == found


def test_no_key_points_without_author_or_chapter_number():
    text = "東亞情勢\n這是一段簡短的引言。\n（一）背景\n本文。\n（二）分析\n本文。"
    st = build(text, Meta(path="x", format="txt"), CUES)
    assert (st.kind, st.key_points, len(st.sections)) == ("report", [], 2)
    assert "這是一段簡短的引言。" in [text[p.start : p.end] for p in st.paragraphs]


@pytest.mark.parametrize(("path", "value", "source"), [
    ("archive/2015-11-01_summit.txt", "2015-11-01", "filename"),
    ("20191231-report.pdf", "2019-12-31", "filename"),
    ("000_2adbb5eb20201231.txt", None, None),  # digits inside a hash are no date
    ("2019-13-01_bad.txt", None, None),
])
def test_date_from_filename(path, value, source):
    found = writing_date("", Meta(path=path, format="txt"), None, None)
    assert (found.value if found else None, found.source if found else None) == (value, source)


def test_dateline_day_completed_from_filename():
    dateline = _dateline_of("新华社首尔1日电")
    found = writing_date("", Meta(path="2015-11-01_summit.txt", format="txt"), dateline, None)
    assert (found.value, found.source) == ("2015-11-01", "dateline")


def test_news_date_from_meta_and_dateline():
    st = _doc("news_cna_tw.txt", meta_date="2023-05-23").structure
    assert (st.date.value, st.date.source) == ("2023-05-22", "dateline")


def test_date_line_is_evidence():
    doc = _doc("report_flowing_tw.txt")
    assert doc.at(doc.structure.date.evidence) == "中華民國112年5月"


# ---- clutter and the cue file -----------------------------------------------------------------------

CLUTTER = ["按Enter到主內容區", "分享", "Facebook Twitter LINE", "（圖／路透社）", "延伸閱讀",
           "▲兩國外長會後握手。（圖／取自外交部網站）", "責任編輯：張三", "（編輯：林大同）1120522",
           "圖片來源：美聯社", "Copyright © 2024 東海新聞網", "（完）"]
NOT_CLUTTER = ["分享情報是雙方合作的基礎。", "圖們江流域開發計畫", "延伸閱讀的資料顯示雙方立場不同。"]


@pytest.mark.parametrize("line", CLUTTER)
def test_clutter(line):
    assert is_clutter(line, CUES)


@pytest.mark.parametrize("line", NOT_CLUTTER)
def test_not_clutter(line):
    assert not is_clutter(line, CUES)


def test_cue_file_checked():
    problems = check({"positions": ["教授"], "typo": [], "clutter_patterns": ["(unclosed"]}, "cues.yaml")
    assert "cues.yaml: typo: unknown key" in problems
    assert any(p.startswith("cues.yaml: clutter_patterns[0]: bad regex") for p in problems)
    assert "cues.yaml: agencies: expected a list of non-empty strings" in problems


def test_headline_below_a_section_label():
    text = "國際\n日韓外長通電話 同意加強合作\n中央社東京5日電 日本外相今天與南韓外長通電話。"
    st = build(text, Meta(path="x", format="txt"), CUES)
    assert (st.kind, st.headline.text) == ("news", "日韓外長通電話 同意加強合作")
    assert st.title == st.headline.text
    assert [text[p.start : p.end] for p in st.paragraphs] == ["日本外相今天與南韓外長通電話。"]


def test_author_line_is_not_a_title():
    text = "作者：王海平\n（一）背景\n本文。\n（二）分析\n本文。"
    st = build(text, Meta(path="x", format="txt", title="檔案標題"), CUES)
    assert (st.title, [a.name for a in st.authors]) == ("檔案標題", ["王海平"])


def test_empty_and_clutter_only_documents():
    st = build("分享\nFacebook\n", Meta(path="x", format="html", title="頁面標題"), CUES)
    assert (st.kind, st.title, st.paragraphs, st.sentences) == ("other", "頁面標題", [], [])
    assert build("", Meta(path="x", format="txt"), CUES).paragraphs == []


# ---- the seeds, against the referee's gold ----------------------------------------------------------

def _norm(text: str | None) -> str:
    return re.sub(r"\s", "", text or "")


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared (the seeds and their gold)")
@pytest.mark.parametrize("gold_path", sorted((SHARED / "eval" / "gold").glob("*.json")), ids=lambda p: p.stem)
def test_seed_document_fields(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["document"]
    seed = SHARED / "seeds" / f"{gold_path.stem}.txt"
    raw = RawDoc(seed.read_text(encoding="utf-8"), Meta(path=str(seed), format="txt"), "sha")
    doc = repair(raw)
    run(doc, KB())
    st = doc.structure
    assert (st.kind, st.number, st.title) == ("report", gold["number"], gold["title"])
    first = st.authors[0]
    assert {k: getattr(first, k) for k in gold["authors"][0]} == gold["authors"][0]
    assert [_norm(kp.text) for kp in st.key_points] == [_norm(k) for k in gold["key_points"]]
    assert [s.heading for s in st.sections] == gold["sections"]
    assert all(s.level == 1 for s in st.sections)


def test_unnumbered_labelled_sections_and_a_bar_author_line():
    text = ("兩岸情勢的新變化\n黃小明｜國家安全研究中心助理研究員\n新聞重點\n北京近日宣布新措施，引發關注。\n"
            "安全意涵\n一、此舉可能影響區域穩定。\n")
    st = build(text, Meta(path="x.txt", format="txt"), load_cues())
    assert [(a.name, a.affiliation, a.position) for a in st.authors] == [("黃小明", "國家安全研究中心", "助理研究員")]
    assert [s.heading for s in st.sections][:2] == ["新聞重點", "安全意涵"]
