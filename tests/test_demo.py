"""Structure facts on the bundled demo corpus: every format and encoding loads, and each document's kind,
number, title, first author, writing date, key points, sections and dateline come out as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from eastwatch import api

CORPUS = Path(__file__).resolve().parents[1] / "demo" / "corpus"

CASES = [  # file, kind, number, title, first author, date, key points, first sections, dateline
    ("2015-11-01_cjk-summit-resumes.txt", "news", None, "中日韩领导人会议时隔三年半在首尔重启", "赵立新",
     "2015-11-01", 0, [], "新华社首尔11月1日电（记者赵立新）"),
    ("2017-04-12_thaad-china-rok-relations.txt", "report", "三", "薩德部署後的中韓關係與區域變局", "邱雅婷",
     "2017-04-12", 3, ["薩德部署決策經過", "北京的反制措施"], None),
    ("2019-03-01_hanoi-summit-no-deal_big5.txt", "news", None, "川金河內會談破局 未簽署任何協議", "陳思妤",
     "2019-03-01", 0, [], "（中央社記者陳思妤河內1日專電）"),
    ("2019-09-16_japan-rok-export-controls-gsomia.pdf", "report", "四", "日韓出口管制爭端與軍事情報協定存廢",
     "許家豪", "2019-09-16", 3, ["爭端緣起", "白色名單與GSOMIA"], None),
    ("2020-11-15_rcep-signed_gb18030.txt", "news", None, "区域全面经济伙伴关系协定正式签署 全球最大自贸区诞生",
     "孙嘉明", "2020-11-15", 0, [], "新华社北京11月15日电（记者孙嘉明）"),
    ("2023-08-19_camp-david-summit.html", "news", None, "美日韓大衛營峰會 宣示三邊夥伴關係新時代", "張志豪",
     "2023-08-18", 0, [], "（中央社記者張志豪華盛頓18日專電）"),  # filed in Washington on the 18th
    ("2024-06-12_seoul-trilateral-summit.docx", "report", "六", "首爾中日韓峰會後的三邊合作前景", "吳佩珊",
     "2024-06-12", 3, ["前言", "峰會成果"], None),
]


@pytest.fixture(scope="module")
def kb():
    return api.knowledge()


@pytest.mark.parametrize("name, kind, number, title, author, date, key_points, sections, dateline", CASES)
def test_demo_structure(kb, name, kind, number, title, author, date, key_points, sections, dateline):
    st = api.extract(CORPUS / name, kb=kb).structure
    assert (st.kind, st.number, st.title, st.authors[0].name, st.date.value if st.date else None) == (
        kind, number, title, author, date)
    assert len(st.key_points) == key_points
    assert [s.heading for s in st.sections][: len(sections)] == sections
    assert (st.dateline.text if st.dateline else None) == dateline


def test_web_page_clutter_is_not_body(kb):
    doc = api.extract(CORPUS / "2023-08-19_camp-david-summit.html", kb=kb)
    body = "\n".join(doc.at(p) for p in doc.structure.paragraphs)
    for clutter in ("按Enter到主內容區", "分享", "延伸閱讀", "Facebook"):
        assert clutter not in body
    assert "大衛營" in body
