"""Analytic judgments, sentence by sentence: which clauses are the author's judgments, their ICD 203
likelihood and cue, whether they look ahead, and which states they are about. Genre sentences written for
these tests, in both scripts, read by the whole pipeline."""

from __future__ import annotations

import pytest

from eastwatch import api, pipeline
from eastwatch.model import Document, Judgment, Meta, RawDoc
from eastwatch.repair import repair

KB = api.knowledge()
WRITTEN = "2023-12-01"  # the writing date every case is read against


def extract_text(text: str, date: str = WRITTEN) -> Document:
    doc = repair(RawDoc(text, Meta(path="case.txt", format="txt", date=date), "x"))
    return pipeline.run(doc, KB)


def judgments(text: str) -> list[Judgment]:
    return extract_text(text).judgments


def only(text: str) -> Judgment:
    [judgment] = judgments(text)
    return judgment


def xfail(*row: object, reason: str) -> object:
    return pytest.param(*row, marks=pytest.mark.xfail(strict=True, reason=reason))


# ---------------------------------------------------------------------------------------------------------
# Hedges -> ICD 203 terms. The judgment is the sentence without its final stop; the cue is the hedge in it.
LIKELIHOOD = [  # text, likelihood, cue
    ("中日在東海的對峙未來勢必持續升高。", "almost certain", "勢必"),
    ("中日在东海的对峙未来势必持续升高。", "almost certain", "势必"),
    ("北韓必將持續強化核武與飛彈能力。", "almost certain", "必將"),
    ("朝鲜必将持续强化核武与导弹能力。", "almost certain", "必将"),
    ("美中科技競爭注定成為長期格局。", "almost certain", "注定"),
    ("日韓關係很可能在明年出現倒退。", "very likely", "很可能"),
    ("日韩关系很可能在明年出现倒退。", "very likely", "很可能"),
    ("北京極可能以經濟手段回應首爾的決定。", "very likely", "極可能"),
    ("北京极可能以经济手段回应首尔的决定。", "very likely", "极可能"),
    ("日本極有可能在明年再度增加防衛預算。", "very likely", "極有可能"),
    ("韓國十分可能跟進美國的出口管制。", "very likely", "十分可能"),
    ("中日韓峰會預料將於明年在首爾舉行。", "likely", "預料"),
    ("中日韩峰会预料将于明年在首尔举行。", "likely", "预料"),
    ("韓國未來應會持續向美日靠攏。", "likely", "應會"),
    ("韩国未来应会持续向美日靠拢。", "likely", "应会"),
    ("中國未來將持續拉攏韓國。", "likely", "將"),
    ("中国未来将持续拉拢韩国。", "likely", "将"),
    ("美中對抗恐將持續升高。", "likely", "恐將"),
    ("中日關係可望在明年回溫。", "likely", "可望"),
    ("這應是北京拉攏首爾的主要考量。", "likely", "應是"),
    ("韓國或許會調整對中政策。", "roughly even chance", "或許"),
    ("韩国或许会调整对华政策。", "roughly even chance", "或许"),
    ("北韓明年可能再度進行核試驗。", "roughly even chance", "可能"),
    ("中韓關係或將迎來轉機。", "roughly even chance", "或將"),
    ("中韩关系或将迎来转机。", "roughly even chance", "或将"),
    ("韓國未必會加入美國主導的晶片聯盟。", "roughly even chance", "未必"),
    ("中日關係短期內恐難改善。", "unlikely", "恐難"),
    ("中日关系短期内恐难改善。", "unlikely", "恐难"),
    ("三國領導人峰會難以如期舉辦。", "unlikely", "難以"),
    ("北韓不太可能放棄核武。", "unlikely", "不太可能"),
    ("朝鲜不太可能放弃核武。", "unlikely", "不太可能"),
    ("岸田政府很難在明年完成修憲。", "unlikely", "很難"),
    ("中國極不可能在短期內對台動武。", "very unlikely", "極不可能"),
    ("韓國不可能放棄美韓同盟。", "almost no chance", "不可能"),
    ("韩国不可能放弃韩美同盟。", "almost no chance", "不可能"),
    ("中韓關係的後續發展有待觀察。", "uncertain", "有待觀察"),
    ("中韩关系的后续发展有待观察。", "uncertain", "有待观察"),
    ("北韓核武問題的走向仍充滿變數。", "uncertain", "充滿變數"),
    ("美日韓合作能否延續仍難以確定。", "uncertain", "難以確定"),
]


@pytest.mark.parametrize("text, likelihood, cue", LIKELIHOOD)
def test_likelihood(text: str, likelihood: str, cue: str) -> None:
    j = only(text)
    assert (j.text, j.likelihood, j.cue) == (text.rstrip("。"), likelihood, cue)


# Negation and intensifiers move along the scale; the same proposition, graded.
GRADED = [  # text, likelihood, cue
    ("日本可能在明年修憲。", "roughly even chance", "可能"),
    ("日本很可能在明年修憲。", "very likely", "很可能"),
    ("日本极可能在明年修宪。", "very likely", "极可能"),
    ("日本不太可能在明年修憲。", "unlikely", "不太可能"),
    ("日本幾乎不可能在明年修憲。", "very unlikely", "幾乎不可能"),
    ("日本極不可能在明年修憲。", "very unlikely", "極不可能"),
    ("日本不可能在明年修宪。", "almost no chance", "不可能"),
    ("中國並非不可能在明年調整對日政策。", "roughly even chance", "並非不可能"),
    # a negated future marker is a low likelihood, not a high one
    ("日韓關係不會在短期內改善。", "unlikely", "不會"),
    ("日韩关系不会在短期内改善。", "unlikely", "不会"),
    ("北韓未來將不會放棄核武。", "unlikely", "將不會"),
    ("中韓關係短期內不太會有突破。", "unlikely", "不太會"),
    ("中國未來不一定會讓步。", "roughly even chance", "不一定"),
    ("中国未来不一定会让步。", "roughly even chance", "不一定"),
    ("中日韓峰會明年舉行的可能性不高。", "unlikely", "可能性不高"),
]


@pytest.mark.parametrize("text, likelihood, cue", GRADED)
def test_negation_and_intensifiers(text: str, likelihood: str, cue: str) -> None:
    j = only(text)
    assert (j.likelihood, j.cue) == (likelihood, cue)


# A forecast looks ahead; an assessment of the present does not.
FORECAST = [
    ("中日關係未來勢必持續緊張。", True),
    ("北韓明年可能再度進行核試驗。", True),
    ("北韩可能在年底前发射卫星。", True),
    ("中韓關係的後續發展有待觀察。", True),
    ("日本未來恐將面臨更大的安全壓力。", True),
    ("北京或許已察覺首爾的戰略調整。", False),
    ("北京或许已察觉首尔的战略调整。", False),
    ("韓國政府顯然已調整對中政策。", False),
    ("這應是北京拉攏首爾的主要考量。", False),
]


@pytest.mark.parametrize("text, forecast", FORECAST)
def test_forecast(text: str, forecast: bool) -> None:
    assert only(text).forecast is forecast


# The states a judgment is about: those named in it (中日 names two, 北京 stands for China).
SUBJECTS = [
    ("中日關係未來勢必持續緊張。", ("CHN", "JPN")),
    ("韓國未來應會持續向美日靠攏。", ("JPN", "KOR", "USA")),
    ("北京或許已察覺首爾的戰略調整。", ("CHN", "KOR")),
    ("朝鲜不太可能放弃核武。", ("PRK",)),
]


@pytest.mark.parametrize("text, subjects", SUBJECTS)
def test_subjects(text: str, subjects: tuple[str, ...]) -> None:
    assert only(text).subjects == subjects


# ---------------------------------------------------------------------------------------------------------
# Not judgments: weak cues alone in the body, reported speech, words that only look like cues.
NOT_JUDGMENTS = [
    # 將/會 are everyday future markers: in the body they need a word that looks ahead
    "中國將持續拉攏韓國。",
    "中国将持续拉拢韩国。",
    "北京會設法改善中韓關係。",
    # what someone said is theirs, not the author's
    "王毅表示，中日關係將持續改善。",
    "王毅表示，中日关系将持续改善。",
    "據日媒報導，中國將在明年派遣航艦前往西太平洋。",
    "据日媒报道，中国将在明年派遣航母前往西太平洋。",
    "日本防衛省指出，中國軍機將持續在東海活動。",
    # 將 as a preposition, 將 and 會 inside words
    "日本將釣魚台列為核心利益。",
    "日本将钓鱼岛列为核心利益。",
    "解放軍將領11月訪問東京。",
    "中日韓外長會議於11月26日舉行。",
    "中日韩外长会议于11月26日举行。",
    "美國國會通過對台法案。",
    "兩國同意降低衝突的可能性。",
    # narration without estimative language
    "尹錫悅政府上任後，韓日關係明顯改善。",
    # a weak cue in a conditional states a consequence of the scenario
    "若美中關係惡化，日韓將被迫選邊。",
    "如果美中关系恶化，日韩将被迫选边。",
]


@pytest.mark.parametrize("text", NOT_JUDGMENTS)
def test_not_a_judgment(text: str) -> None:
    assert judgments(text) == []


# Reported speech with a strong hedge right after the reporting clause is still the speaker's view.
REPORTED_STRONG = [
    ("韓國國防部長表示，北韓可能在年底前發射衛星。"),
    ("中國外交部強調，中日關係必將重回正軌。"),
    ("據報導，北韓勢必在年底前再度試射飛彈。"),
]


@pytest.mark.parametrize("text", REPORTED_STRONG)
def test_reported_strong_cue_is_not_a_judgment(text: str) -> None:
    assert judgments(text) == []


# The author's own judgment next to reported speech is kept, and only it.
MIXED = [  # text, the judgments' texts and likelihoods
    ("王毅表示中方願改善關係。然而中日關係短期內恐難改善。", [("然而中日關係短期內恐難改善", "unlikely")]),
    ("王毅表示中方愿改善关系。然而中日关系短期内恐难改善。", [("然而中日关系短期内恐难改善", "unlikely")]),
    # a strong cue in a conditional is a conditional forecast, and a judgment
    ("若美中關係惡化，日韓恐將被迫選邊。", [("若美中關係惡化，日韓恐將被迫選邊", "likely")]),
    # ； separates two judgments
    ("日本未來恐將面臨更大的安全壓力；韓國則可能在美中之間搖擺。",
     [("日本未來恐將面臨更大的安全壓力", "likely"), ("韓國則可能在美中之間搖擺", "roughly even chance")]),
    ("日本未来恐将面临更大的安全压力；韩国则可能在美中之间摇摆。",
     [("日本未来恐将面临更大的安全压力", "likely"), ("韩国则可能在美中之间摇摆", "roughly even chance")]),
]


@pytest.mark.parametrize("text, expected", MIXED)
def test_judgments_in_context(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(j.text, j.likelihood) for j in judgments(text)] == expected


# ---------------------------------------------------------------------------------------------------------
# Key points and conclusions: a weak cue counts there, not in the rest of the body.
REPORT = """三、近期中韓關係觀察
國立政治大學國際關係研究中心研究員王小明主稿

 中國將持續拉攏韓國，以削弱美日韓安全合作。

 日本將加強與菲律賓的防衛合作。

（一）前言
韓國總統尹錫悅上任以來，對中政策明顯轉向。北京會設法改善中韓關係。

（二）結語
整體而言，北京將持續拉攏首爾。
"""

REPORT_HANS = """三、近期中韩关系观察
国立政治大学国际关系研究中心研究员王小明主稿

 中国将持续拉拢韩国，以削弱美日韩安全合作。

 日本将加强与菲律宾的防卫合作。

（一）前言
韩国总统尹锡悦上任以来，对华政策明显转向。北京会设法改善中韩关系。

（二）结语
整体而言，北京将持续拉拢首尔。
"""

REPORT_JUDGMENTS = [  # document, (text, likelihood, forecast, key_point) of every judgment
    (REPORT, [("中國將持續拉攏韓國，以削弱美日韓安全合作。", "likely", True, True),
              ("日本將加強與菲律賓的防衛合作。", "likely", True, True),
              ("整體而言，北京將持續拉攏首爾", "likely", True, False)]),
    (REPORT_HANS, [("中国将持续拉拢韩国，以削弱美日韩安全合作。", "likely", True, True),
                   ("日本将加强与菲律宾的防卫合作。", "likely", True, True),
                   ("整体而言，北京将持续拉拢首尔", "likely", True, False)]),
]


@pytest.mark.parametrize("text, expected", REPORT_JUDGMENTS)
def test_key_points_and_conclusions(text: str, expected: list[tuple[str, str, bool, bool]]) -> None:
    doc = extract_text(text)
    assert [(j.text, j.likelihood, j.forecast, j.key_point) for j in doc.judgments] == expected


@pytest.mark.parametrize("text, likelihood", [
    ("北韓大概不會放棄核武。", "unlikely"),
    ("兩國談判恐不容易取得進展。", "unlikely"),
    ("美國政策不確定性上升，中方很可能加強與韓國合作。", "very likely"),  # 不確定性 is a noun here, not the cue
])
def test_more_cues(text, likelihood):
    [judgment] = extract_text(text).judgments
    assert judgment.likelihood == likelihood


def test_a_sentence_that_turns_holds_two_judgments():
    doc = extract_text("兩國關係雖可能改善，但台灣問題仍可能引發新的摩擦，而且要恢復互信恐怕仍需時日。")
    assert [(j.text, j.likelihood) for j in doc.judgments] == [
        ("兩國關係雖可能改善", "roughly even chance"),
        ("但台灣問題仍可能引發新的摩擦", "roughly even chance"),
        ("而且要恢復互信恐怕仍需時日", "likely"),
    ]
