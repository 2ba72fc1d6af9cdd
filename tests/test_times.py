"""Time expressions: recognition, normalisation to ISO 8601, year inheritance, anchors, the writing date."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from eastwatch.model import DocDate, Document, Meta, OffsetMap, Span
from eastwatch.recognise import times
from eastwatch.recognise.times import find_times

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
W = "2020-12-14"  # the writing date most cases are read against

# One expression spanning the whole text: (text, written_on, value, kind).
WHOLE = [
    # explicit dates: Arabic, full-width and Chinese numerals, stray spaces
    ("2023 年 11 月 26 日", None, "2023-11-26", "date"),
    ("2023年11月26日", None, "2023-11-26", "date"),
    ("２０２３年", None, "2023", "date"),
    ("２０２３年１１月２６日", None, "2023-11-26", "date"),
    ("二〇二三年十一月", None, "2023-11", "date"),
    ("二〇二三年十一月二十六日", None, "2023-11-26", "date"),
    ("一九九七年七月一日", None, "1997-07-01", "date"),
    ("二○○八年", None, "2008", "date"),
    ("2023年 7月 19日", None, "2023-07-19", "date"),
    ("2022年 11月", None, "2022-11", "date"),
    ("2008 年", None, "2008", "date"),
    ("2019 年 6 月", None, "2019-06", "date"),
    ("2020年2月28、29日", None, "2020-02-28/2020-02-29", "date"),
    ("2020年 2月 28、29日", None, "2020-02-28/2020-02-29", "date"),
    ("2020年11月24至26日", None, "2020-11-24/2020-11-26", "date"),
    ("2020年11月3號", None, "2020-11-03", "date"),
    ("2020年11月3号", None, "2020-11-03", "date"),
    ("2020-08-15", None, "2020-08-15", "date"),
    ("2020/8/15", None, "2020-08-15", "date"),
    ("2020.08.15", None, "2020-08-15", "date"),
    # parts of a year or month
    ("2023 年年初", None, "2023-01", "date"),
    ("2023年年末", None, "2023-12", "date"),
    ("2021 年初", None, "2021-01", "date"),
    ("2020年底", None, "2020-12", "date"),
    ("2020年中", None, "2020-06/2020-07", "date"),
    ("2020年上半年", None, "2020-01/2020-06", "date"),
    ("2020年下半年", None, "2020-07/2020-12", "date"),
    ("2020年內", None, "2020", "date"),
    ("2020年第一季", None, "2020-01/2020-03", "date"),
    ("2020年三季度", None, "2020-07/2020-09", "date"),
    ("2020年度", None, "2020", "date"),
    ("2020年8月中旬", None, "2020-08-11/2020-08-20", "date"),
    ("2020年8月上旬", None, "2020-08-01/2020-08-10", "date"),
    ("2020年2月下旬", None, "2020-02-21/2020-02-29", "date"),
    # decades, centuries, ranges of years
    ("1990年代", None, "1990/1999", "date"),
    ("1990 年代", None, "1990/1999", "date"),
    ("90年代", None, "1990/1999", "date"),
    ("九〇年代", None, "1990/1999", "date"),
    ("八十年代", None, "1980/1989", "date"),
    ("二十世紀九十年代", None, "1990/1999", "date"),
    ("上世紀80年代", None, "1980/1989", "date"),
    ("21世紀", None, "2001/2100", "date"),
    ("二十一世纪", None, "2001/2100", "date"),
    ("2018至2020年", None, "2018/2020", "date"),
    ("2018-2020年", None, "2018/2020", "date"),
    ("2018到2020年", None, "2018/2020", "date"),
    ("2021-2025", None, "2021/2025", "date"),
    # Republic of China years
    ("民國112年", None, "2023", "date"),
    ("民國 112 年 3 月", None, "2023-03", "date"),
    ("民国一一二年", None, "2023", "date"),
    ("民國一百一十二年五月二十日", None, "2023-05-20", "date"),
    ("民國98年8月8日", None, "2009-08-08", "date"),
    # relative to the writing date, both scripts
    ("今年", W, "2020", "date"),
    ("去年", W, "2019", "date"),
    ("明年", W, "2021", "date"),
    ("前年", W, "2018", "date"),
    ("後年", W, "2022", "date"),
    ("后年", W, "2022", "date"),
    ("今年度", W, "2020", "date"),
    ("去年度", W, "2019", "date"),
    ("本月", W, "2020-12", "date"),
    ("本月內", W, "2020-12", "date"),
    ("本月内", W, "2020-12", "date"),
    ("上月", W, "2020-11", "date"),
    ("上個月", W, "2020-11", "date"),
    ("上个月", W, "2020-11", "date"),
    ("下個月", W, "2021-01", "date"),
    ("這個月", W, "2020-12", "date"),
    ("年內", W, "2020", "date"),
    ("年内", W, "2020", "date"),
    ("年初", W, "2020-01", "date"),
    ("年底", W, "2020-12", "date"),
    ("年末", W, "2020-12", "date"),
    ("上半年", W, "2020-01/2020-06", "date"),
    ("下半年", W, "2020-07/2020-12", "date"),
    ("上旬", W, "2020-12-01/2020-12-10", "date"),
    ("中旬", W, "2020-12-11/2020-12-20", "date"),
    ("下旬", W, "2020-12-21/2020-12-31", "date"),
    ("月底", W, "2020-12-21/2020-12-31", "date"),
    ("月初", W, "2020-12-01/2020-12-10", "date"),
    ("今年初", W, "2020-01", "date"),
    ("去年底", W, "2019-12", "date"),
    ("明年初", W, "2021-01", "date"),
    ("今年上半年", W, "2020-01/2020-06", "date"),
    ("去年下半年", W, "2019-07/2019-12", "date"),
    ("今年3月", W, "2020-03", "date"),
    ("去年12月25日", W, "2019-12-25", "date"),
    ("本月25日", W, "2020-12-25", "date"),
    ("上月底", W, "2020-11-21/2020-11-30", "date"),
    ("今天", W, "2020-12-14", "date"),
    ("今日", W, "2020-12-14", "date"),
    ("昨天", W, "2020-12-13", "date"),
    ("昨日", W, "2020-12-13", "date"),
    ("明天", W, "2020-12-15", "date"),
    ("前天", W, "2020-12-12", "date"),
    ("昨（13）日", W, "2020-12-13", "date"),
    ("今(14)日", W, "2020-12-14", "date"),
    ("上週", W, "2020-12-07/2020-12-13", "date"),
    ("上周", W, "2020-12-07/2020-12-13", "date"),
    ("本週", W, "2020-12-14/2020-12-20", "date"),
    ("下週", W, "2020-12-21/2020-12-27", "date"),
    ("日前", W, "2020-12-04/2020-12-14", "date"),
    ("近日", W, "2020-12-04/2020-12-14", "date"),
    ("同日", W, "2020-12-14", "date"),
    ("當天", W, "2020-12-14", "date"),
    ("当天", W, "2020-12-14", "date"),
    ("隔天", W, "2020-12-15", "date"),
    ("次年", W, "2021", "date"),
    ("一年前", W, "2019", "date"),
    ("三天後", W, "2020-12-17", "date"),
    ("两天后", W, "2020-12-16", "date"),
    ("兩個月前", W, "2020-10", "date"),
    ("3個月後", W, "2021-03", "date"),
    ("半年後", W, "2021-06", "date"),
    ("十天前", W, "2020-12-04", "date"),
    # weekdays (the writing date is a Monday): the last one, or the one of the week named
    ("週一", W, "2020-12-14", "date"),
    ("週日", W, "2020-12-13", "date"),
    ("星期三", W, "2020-12-09", "date"),
    ("礼拜六", W, "2020-12-12", "date"),
    ("上週三", W, "2020-12-09", "date"),
    ("下週一", W, "2020-12-21", "date"),
    ("週二（8日）", W, "2020-12-08", "date"),
    ("周五（11日）", W, "2020-12-11", "date"),
    ("週四（31日）", W, "2020-12-31", "date"),  # the 31st that is a Thursday: this month's
    # bare months and days: the writing date's year (and month)
    ("8月", W, "2020-08", "date"),
    ("8月底", W, "2020-08-21/2020-08-31", "date"),
    ("2 月份", W, "2020-02", "date"),
    ("11月 24、25 日", W, "2020-11-24/2020-11-25", "date"),
    ("11月24、25日", W, "2020-11-24/2020-11-25", "date"),
    ("十一月", W, "2020-11", "date"),
    ("3至5月", W, "2020-03/2020-05", "date"),
    ("3、4月", W, "2020-03/2020-04", "date"),
    ("5日", W, "2020-12-05", "date"),
    ("25至 27日", W, "2020-11-25/2020-11-27", "date"),  # after the 14th: last month's
    ("25-27日", W, "2020-11-25/2020-11-27", "date"),
    ("25到27日", W, "2020-11-25/2020-11-27", "date"),
    ("12月", "2021-01-05", "2020-12", "date"),  # a month well after the writing month is last year's
    ("1月", "2020-11-20", "2020-01", "date"),
    # durations
    ("4年 3個月", None, "P4Y3M", "duration"),
    ("4年3個月", None, "P4Y3M", "duration"),
    ("1年半", None, "P1Y6M", "duration"),
    ("一年半", None, "P1Y6M", "duration"),
    ("两年半", None, "P2Y6M", "duration"),
    ("300天", None, "P300D", "duration"),
    ("8 年", None, "P8Y", "duration"),
    ("8年", None, "P8Y", "duration"),
    ("三個月", None, "P3M", "duration"),
    ("三个月", None, "P3M", "duration"),
    ("半年", None, "P6M", "duration"),
    ("半個月", None, "P15D", "duration"),
    ("兩週", None, "P2W", "duration"),
    ("两周", None, "P2W", "duration"),
    ("十年", None, "P10Y", "duration"),
    ("1.5年", None, "P1Y6M", "duration"),
    ("十多年", None, "P10Y", "duration"),
    ("3個半月", None, "P3M15D", "duration"),
    ("數年", None, None, "duration"),
    ("幾個月", None, None, "duration"),
    # how often
    ("每年", None, "P1Y", "set"),
    ("每月", None, "P1M", "set"),
    ("每週", None, "P1W", "set"),
    ("每周", None, "P1W", "set"),
    ("每天", None, "P1D", "set"),
    ("每兩年", None, "P2Y", "set"),
    ("每两年", None, "P2Y", "set"),
    ("一年一度", None, "P1Y", "set"),
    # no calendar value: kept with None
    ("近期", W, None, "date"),
    ("過去", W, None, "date"),
    ("未來", W, None, "date"),
    ("当前", W, None, "date"),
    ("短期內", W, None, "date"),
    ("短期内", W, None, "date"),
]


@pytest.mark.parametrize("text, written_on, value, kind", WHOLE)
def test_whole_expression(text, written_on, value, kind):
    [timex] = find_times(text, written_on=written_on)
    assert (timex.span, timex.text, timex.value, timex.kind) == (Span(0, len(text)), text, value, kind)


# Expressions inside sentences: (sentence, written_on, [(text, value) of every expression with a value]).
IN_SENTENCES = [
    ("兩國在2010與 2018年兩度修約", None, [("2010", "2010"), ("2018年", "2018")]),
    ("兩國在2016、2019年兩度修約", None, [("2016", "2016"), ("2019年", "2019")]),
    ("2024大選年將是關鍵", None, [("2024", "2024")]),
    ("自 2016 年中、韓兩國恢復對話後", None, [("2016 年", "2016")]),
    ("2019年中國經濟放緩", None, [("2019年", "2019")]),
    ("2020年中共中央召開會議", None, [("2020年", "2020")]),
    ("2020年中，兩國恢復往來", None, [("2020年中", "2020-06/2020-07")]),
    ("8月中、日雙方再度會談", W, [("8月", "2020-08")]),
    ("今年初步達成協議", W, [("今年", "2020")]),
    ("2021年初步完成評估", None, [("2021年", "2021")]),
    ("政府在2020年內閣改組後調整政策", None, [("2020年", "2020")]),
    ("2020年底線仍未改變", None, [("2020年", "2020")]),
    ("兩國相隔 2年 5個月再度會面", None, [("2年 5個月", "P2Y5M")]),
    ("談判歷時 6年才完成", None, [("6年", "P6Y")]),
    ("北京昨（6）日宣布", "2020-12-07", [("昨（6）日", "2020-12-06")]),
    ("中方愿在明年上半年举行会谈", W, [("明年上半年", "2021-01/2021-06")]),
    ("上周两国外长通电话", W, [("上周", "2020-12-07/2020-12-13")]),
    ("双方同意在本月内启动合作", W, [("本月内", "2020-12")]),
    ("北韓兩天後再度試射", W, [("兩天後", "2020-12-16")]),
    ("這是2019年的事", None, [("2019年", "2019")]),
    ("會議預計年底前舉行", W, [("年底", "2020-12")]),
    ("該國計劃在2035年前完成", None, [("2035年", "2035")]),
    ("臺灣在112年公布國防報告", None, [("112年", "2023")]),
    ("資料更新日期：109-08-15，臺灣", None, [("109-08-15", "2020-08-15")]),
    ("台湾在112年公布报告，这是国家的决定", None, [("112年", "P112Y")]),  # Simplified: not an ROC year
    ("臺灣建黨100年來首見", None, [("100年", "P100Y")]),  # a span, not ROC year 100
    ("他表明年內將訪問", W, [("年內", "2020")]),
    ("發表聲明年底前完成", W, [("年底", "2020-12")]),
    ("同日，兩國宣布建交", W, [("同日", "2020-12-14")]),
]


@pytest.mark.parametrize("text, written_on, expected", IN_SENTENCES)
def test_in_sentence(text, written_on, expected):
    found = [(timex.text, timex.value) for timex in find_times(text, written_on=written_on) if timex.value]
    assert found == expected
    for timex in find_times(text, written_on=written_on):
        assert text[timex.span.start : timex.span.end] == timex.text


NOT_TIMES = ["萬里鏡1號", "天宫2号", "10千噸", "31萬人", "5倍", "45 週年", "建交50週年", "2+2", "G20",
             "第二階段", "5項共識", "4點原則", "5G",
             "3國", "非一日之寒", "百年大計", "七國集團峰會", "一中原則", "每日新聞報導", "今日美國報導",
             "不可同日而語", "年輕人", "三年級學生", "F-35戰機", "COVID-19疫情", "第三年", "兩岸關係", "一國兩制",
             "五眼聯盟", "四方會談", "1,200公里", "100千噸的核彈", "年初一拜年", "3位於首都的官員",
             # a relative word inside another word: 日本 + 月球, 成本 + 年增, 聲明 + 年底, 當 + 日本, 中日 + 前景
             "日本月球探測器", "日本年度預算", "成本年增", "當日本政府宣布", "同日方會談", "接近日本海", "中日前景",
             "訪日前夕", "不同日", "首次年度會議", "以上年度", "G7日本峰會", "5日元硬幣", "周恩來總理", "週刊報導"]


@pytest.mark.parametrize("text", NOT_TIMES)
def test_not_a_time(text):
    assert [timex.text for timex in find_times(text, written_on=W) if timex.value] == []


def _values(text: str, written_on: str | None) -> list[tuple[str, str | None]]:
    return [(timex.text, timex.value) for timex in find_times(text, written_on=written_on) if timex.value]


# Year inheritance as a careful reader: (text, written_on, expected (text, value) list).
NARRATIVES = [
    # a new paragraph returns to the present: the bare 8月 is the writing year's
    ("2018年，甲國與乙國簽署協定，5月生效，10月再修訂。\n8月，雙方恢復談判。", "2020-11-30",
     [("2018年", "2018"), ("5月", "2018-05"), ("10月", "2018-10"), ("8月", "2020-08")]),
    # a year that only names something does not set the year of what follows
    ("雙方重申2015年「三點共識」，並於11月5日舉行會談。", "2020-12-01",
     [("2015年", "2015"), ("11月5日", "2020-11-05")]),
    ("2017年發生的爭端延續多時，5月雙方再度會談。", "2020-12-01", [("2017年", "2017"), ("5月", "2020-05")]),
    # nor does a year ahead of the writing date
    ("兩國將在2022年舉辦紀念活動，並在12月舉行磋商。", "2020-11-25", [("2022年", "2022"), ("12月", "2020-12")]),
    # a year month explicit, then months of the same year
    ("甲國在2019年6月主辦峰會，並在10月訪問乙國。", W, [("2019年6月", "2019-06"), ("10月", "2019-10")]),
    # anaphoric words follow the narrative
    ("2019年，國會批准預算。隔年2月，法案生效；同月，總統簽署。", W,
     [("2019年", "2019"), ("隔年2月", "2020-02"), ("同月", "2020-02")]),
    ("2015年兩國簽署協定，同年8月生效。", W, [("2015年", "2015"), ("同年8月", "2015-08")]),
    # a bare day takes the month just before it in the same sentence
    ("今年以來，外長在4月通話，並在12日發表聲明。", "2020-06-30",
     [("今年", "2020"), ("4月", "2020-04"), ("12日", "2020-04-12")]),
    # deictic words count from the writing date when the paragraph's date is long past
    ("2018年雙方簽約，去年又擴大合作。", "2020-11-02", [("2018年", "2018"), ("去年", "2019")]),
    # an offset counts from the date its sentence is about
    ("該國在2023年9月修憲，一年前曾通過相關法律。", "2023-12-01", [("2023年9月", "2023-09"), ("一年前", "2022")]),
]


@pytest.mark.parametrize("text, written_on, expected", NARRATIVES)
def test_narrative(text, written_on, expected):
    assert _values(text, written_on) == expected


def test_bare_days_continue_the_last_dated_visit():
    text = ("特使於2020年6月8日抵達東京，9日會見首相。\n"
            "在3月疫情擴散之際，該國曾關閉邊境，經過多次談判，特使結束日本行程後，又在 10至 12日前往首爾。")
    assert _values(text, "2020-06-30") == [("2020年6月8日", "2020-06-08"), ("9日", "2020-06-09"),
                                           ("3月", "2020-03"), ("10至 12日", "2020-06-10/2020-06-12")]


def test_agreement_words_count_from_the_reported_event():
    text = ("部長在11月20日抵達首爾，成為自 3 月份首相訪問後最高級別訪客。"
            "雙方同意在本月內啟動熱線，並於明年舉行峰會。")
    found = {timex.text: timex for timex in find_times(text, written_on="2020-12-10")}
    assert found["3 月份"].value == "2020-03"
    assert (found["本月內"].value, found["本月內"].anchor_source) == ("2020-11", "context")
    assert found["明年"].value == "2021"


def test_anchor_and_source():
    found = {timex.text: timex for timex in find_times("2018年簽約，5月生效。去年擴大合作。", written_on="2020-11-02")}
    assert (found["2018年"].anchor, found["2018年"].anchor_source) == (None, None)
    assert (found["5月"].anchor, found["5月"].anchor_source) == ("2018", "context")
    assert (found["去年"].anchor, found["去年"].anchor_source) == ("2020-11-02", "document")


def _doc(text: str, date: DocDate | None = None, paragraphs: list[Span] | None = None) -> Document:
    doc = Document(id="t", text=text, offsets=OffsetMap.identity(len(text)), meta=Meta(path="t.txt", format="txt"))
    doc.structure.date = date
    doc.structure.paragraphs = paragraphs or []
    return doc


def test_run_infers_the_writing_date_from_the_latest_dated_statement():
    text = "2020年11月3日，甲國宣布制裁。12月1日，乙國回應。兩國將於2021年3月5日再談。今年雙方貿易下滑。"
    doc = _doc(text)
    times.run(doc)
    assert doc.structure.date == DocDate("2020-12-01", "latest-date", Span(text.index("12月1日"),
                                                                          text.index("12月1日") + 5))
    assert {timex.text: timex.value for timex in doc.times}["今年"] == "2020"


def test_deadlines_and_plans_do_not_date_the_document():
    text = "2020年10月5日兩國會談。雙方目標在2022年5月前完成談判，並將於2021年3月再談。"
    doc = _doc(text)
    times.run(doc)
    assert doc.structure.date.value == "2020-10-05"


def test_run_uses_the_dateline_date_and_paragraphs():
    text = "外交部今天表示。\n3月，兩國會談。"
    doc = _doc(text, DocDate("2021-05-04", "dateline"), [Span(0, 8), Span(9, len(text))])
    times.run(doc)
    assert [(t.text, t.value, t.anchor_source) for t in doc.times] == [
        ("今天", "2021-05-04", "dateline"), ("3月", "2021-03", "dateline")]
    assert doc.structure.date.source == "dateline"


def test_no_year_anywhere_leaves_values_unresolved():
    assert [(t.text, t.value) for t in find_times("外長於11月24日抵達，25日會見首相。")] == [
        ("11月24日", None), ("25日", None)]


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared (seeds and referee)")
@pytest.mark.shared
def test_seed_times_f1():
    sys.path.insert(0, str(SHARED / "eval"))
    import score  # the referee's own matching

    from eastwatch.repair import repair_text

    metric = score.PRF()
    for gold_path in sorted((SHARED / "eval" / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text, _ = repair_text((SHARED / "seeds" / gold["source"]).read_text(encoding="utf-8"))
        lines, pos = [], 0
        for line in text.split("\n"):
            lines.append(Span(pos, pos + len(line)))
            pos += len(line) + 1
        doc = _doc(text, None, lines)
        times.run(doc)
        got = score._interval(doc.structure.date.value)
        window = score._interval(gold["document"]["date_within"])
        assert window[0] <= got[0] <= window[1]
        system = {"times": [{"text": t.text, "value": t.value, "kind": t.kind} for t in doc.times]}
        score.score_times(gold, system, metric, [])
    assert metric.f1 >= 0.95


def test_planned_bare_day_after_the_last_date_rolls_to_the_next_month():
    text = "李克强10月31日抵达首尔。按照日程，朴槿惠与安倍晋三将于2日在青瓦台举行会谈。"
    assert [(t.text, t.value) for t in find_times(text, "2015-11-01")] == [("10月31日", "2015-10-31"),
                                                                          ("2日", "2015-11-02")]


@pytest.mark.parametrize("text, value", [
    ("2020年11月24日至25日", "2020-11-24/2020-11-25"),  # the day unit written each time
    ("11月24日、25日和26日", "2020-11-24/2020-11-26"),
])
def test_days_listed_with_their_unit_each_time(text, value):
    [timex] = find_times(text, "2020-12-01")
    assert (timex.text, timex.value) == (text, value)


def test_a_plan_told_as_past_keeps_its_year():
    # 原訂 (was scheduled for) looks back: a bare month before the writing month is this year's
    assert [t.value for t in find_times("習近平原訂4月訪問日本，因疫情延期。", "2020-12-01")] == ["2020-04"]


@pytest.mark.parametrize("text, written_on, values", [
    ("3月29日北韓發射飛彈。5日再度發射，7日又試射。", "2023-04-11", ["2023-03-29", "2023-04-05", "2023-04-07"]),
    ("3月29日北韓發射飛彈。5日再度發射。", "2023-03-30", ["2023-03-29", "2023-03-05"]),  # April 5th is not yet
    ("16日至17日訪問日本", "2023-03-20", ["2023-03-16/2023-03-17"]),
])
def test_bare_days_follow_the_story(text, written_on, values):
    assert [t.value for t in find_times(text, written_on)] == values


@pytest.mark.parametrize("text, value", [("睽違4年5個月後再度舉行", "P4Y5M"), ("时隔3年后重启", "P3Y")])
def test_a_gap_is_a_duration_not_a_date(text, value):
    assert [(t.value, t.kind) for t in find_times(text, "2024-05-27")] == [(value, "duration")]


@pytest.mark.parametrize("text, written_on, value", [
    ("即日起至10日在台灣周邊舉行演習", "2023-04-08", "2023-04-10"),  # until the coming 10th
    ("三國峰會當晚發表聯合宣言", "2024-05-28", "2024-05-28"),
])
def test_more_relative_days(text, written_on, value):
    assert [t.value for t in find_times(text, written_on)] == [value]


def test_a_year_the_narrative_has_reached_dates_what_follows():
    text = "2023年8月24日，日方啟動排海。\n進入2024年，兩國磋商持續。9月20日，雙方達成共識。"
    assert [t.value for t in find_times(text)][-2:] == ["2024", "2024-09-20"]
