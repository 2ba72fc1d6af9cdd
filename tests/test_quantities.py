"""Quantities: numbers in every script with their magnitude and unit; codes, ordinals and times are not."""

from __future__ import annotations

import pytest

from eastwatch.model import Document, Meta, OffsetMap, Quantity, Span
from eastwatch.recognise import quantities, times
from eastwatch.recognise.quantities import find_quantities

# (text, quantity text, value, unit)
CASES = [
    ("造成 31萬人死傷", "31萬人", 310000, "人"),
    ("逆差高達3752億美元", "3752億美元", 375200000000, "美元"),
    ("支持度 71%高峰", "71%", 71, "%"),
    ("支持度 71％", "71％", 71, "%"),
    ("10千噸級的核彈", "10千噸", 10000, "噸"),
    ("威力為 20 千噸的核彈頭", "20 千噸", 20000, "噸"),
    ("100千噸的攻擊", "100千噸", 100000, "噸"),
    ("約為 5 萬人", "5 萬人", 50000, "人"),
    ("約為 5萬人", "5萬人", 50000, "人"),
    ("約 11萬多人", "11萬多人", 110000, "人"),
    ("20餘萬人參與", "20餘萬人", 200000, "人"),
    ("造成 192萬人以上死傷", "192萬人以上", 1920000, "人"),
    ("造成 192萬\n人以上死傷", "192萬\n人以上", 1920000, "人"),
    ("調高 5倍防衛費用", "5倍", 5, "倍"),
    ("預算達三千億元", "三千億元", 300000000000, "元"),
    ("超過一百萬", "一百萬", 1000000, None),
    ("兩艘航艦進入海域", "兩艘", 2, "艘"),
    ("两艘航母进入海域", "两艘", 2, "艘"),
    ("31万人受伤", "31万人", 310000, "人"),
    ("逆差达3752亿美元", "3752亿美元", 375200000000, "美元"),
    ("10千吨级", "10千吨", 10000, "噸"),
    ("人口14億", "14億", 1400000000, None),
    ("射程1,200公里", "1,200公里", 1200, "公里"),
    ("２０萬人集會", "２０萬人", 200000, "人"),
    ("成長百分之七十一", "百分之七十一", 71, "%"),
    ("成長3.5%", "3.5%", 3.5, "%"),
    ("上升2個百分點", "2個百分點", 2, "百分點"),
    ("發射2枚飛彈", "2枚", 2, "枚"),
    ("出動 36架次戰機", "36架次", 36, "架"),
    ("援助50億日圓", "50億日圓", 5000000000, "日圓"),
    ("罰款300萬元新臺幣", "300萬元新臺幣", 3000000, "新臺幣"),
]


@pytest.mark.parametrize("text, quantity, value, unit", CASES)
def test_quantity(text, quantity, value, unit):
    [found] = find_quantities(text)
    start = text.index(quantity)
    assert found == Quantity(Span(start, start + len(quantity)), quantity, value, unit)


NOT_QUANTITIES = ["外交安全 2+2對話", "G20 峰會", "5G 網路", "5項共識", "4點原則", "中日韓 3國", "第二階段談判",
                  "45 週年", "2023年", "百姓生活", "千萬不要", "一人一票", "2020元旦", "第3位", "統一大業", "三位一體"]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_a_quantity(text):
    assert find_quantities(text) == []


def test_run_leaves_times_to_the_time_recogniser():
    text = "2020年共有300天發現船隻，共31萬人受影響，一百年來首見。"
    doc = Document(id="t", text=text, offsets=OffsetMap.identity(len(text)), meta=Meta(path="t", format="txt"))
    times.run(doc)
    quantities.run(doc)
    assert [(q.text, q.value, q.unit) for q in doc.quantities] == [("31萬人", 310000, "人")]
