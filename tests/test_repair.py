"""repair: reflow of PDF-broken lines, width normalisation, and the offset map back to the raw text."""

from __future__ import annotations

from pathlib import Path

import pytest

from eastwatch.model import Meta, RawDoc, Span
from eastwatch.repair import repair, repair_text
from eastwatch.repair.width import display_width, narrow

FIXTURES = Path(__file__).parent / "fixtures" / "structure"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt")) if SHARED.exists() else []

# PDF-style text: the page width is set by the long lines, so each case has a few full-width lines.
FULL_1 = "甲國與乙國的外長在首都舉行會談，雙方同意恢復中斷多年的定期對話機"
FULL_2 = "制，並就區域安全議題交換意見，包括海上通道的航行自由與漁業的爭議"
FULL_3 = "處理方式，以及兩國在多邊場合的合作，會後雙方均表示會談氣氛良好。"

REFLOW_CASES = [  # raw text                                                  repaired paragraphs
    # one blank line between lines, a trailing space after a paragraph's last line (the seeds' extractor)
    (f"{FULL_1}\n\n{FULL_2}\n\n{FULL_3} \n\n \n\n（一）前言 \n\n{FULL_1}\n\n短句收尾。 \n",
     [FULL_1 + FULL_2 + FULL_3, "（一）前言", FULL_1 + "短句收尾。"]),
    # page break: no blank line, and the next page's line starts with a stray space
    (f"{FULL_1}\n\n{FULL_2}\n {FULL_3}\n\n結束。 \n", [FULL_1 + FULL_2 + FULL_3 + "結束。"]),
    # pdfplumber style: no blank lines, no trailing spaces; a short last line ends the paragraph
    (f"{FULL_1}\n{FULL_2}\n收尾的短句。\n{FULL_3}\n{FULL_1}\n",
     [FULL_1 + FULL_2 + "收尾的短句。", FULL_3 + FULL_1]),
    # a Latin phrase broken across lines joins with one space, kept from the raw trailing space
    (f"{FULL_1}\n\n{FULL_2}\n\n雙方在美國馬里蘭州的總統度假地大衛營（Camp \n\nDavid）舉行會談，甲乙兩國外長均出席。 \n",
     [FULL_1 + FULL_2 + "雙方在美國馬里蘭州的總統度假地大衛營（Camp David）舉行會談，甲乙兩國外長均出席。"]),
    # ... or with a space written in place of the line break when there was none
    (f"{FULL_1}\n{FULL_2}\n據報導，北韓官方的中央通信社（Korean Central News\nAgency）指出，甲乙兩國外長均出席。\n",
     [FULL_1 + FULL_2 + "據報導，北韓官方的中央通信社（Korean Central News Agency）指出，甲乙兩國外長均出席。"]),
    # hard-wrapped text with a blank line between paragraphs: more blank lines than usual end a paragraph
    (f"{FULL_1}\n{FULL_2}\n\n{FULL_3}\n{FULL_1}\n", [FULL_1 + FULL_2, FULL_3 + FULL_1]),
    # bullets and numbered items start new paragraphs even after a full line
    (f"{FULL_1}\n{FULL_2}\n{FULL_3}\n• 要點一\n{FULL_1}\n{FULL_2}。\n一、第一點\n",
     [FULL_1 + FULL_2 + FULL_3, "• 要點一", FULL_1 + FULL_2 + "。", "一、第一點"]),
    # page numbers and a repeated running head disappear; the first appearance of the head stays
    (f"系列報告\n{FULL_1}\n{FULL_2}\n12\n系列報告\n{FULL_3}\n",
     ["系列報告", FULL_1 + FULL_2 + FULL_3]),
]


@pytest.mark.parametrize(("raw", "paragraphs"), REFLOW_CASES)
def test_reflow(raw, paragraphs):
    text, _ = repair_text(raw)
    assert text.split("\n") == paragraphs


FLOWING_CASES = [  # one paragraph per line already: lines stay lines, only blank lines and edge spaces go
    ("標題一行\n\n第一段文字。\n\n第二段文字。\n", ["標題一行", "第一段文字。", "第二段文字。"]),
    ("  縮排的段落。  \r\n下一段。\r\n", ["縮排的段落。", "下一段。"]),
    ("甲乙  兩國\t會談。", ["甲乙 兩國 會談。"]),  # whitespace runs squeezed to one space
    ("\ufeff開頭有位元組順序記號。", ["開頭有位元組順序記號。"]),
    ("", [""]),
]


@pytest.mark.parametrize(("raw", "paragraphs"), FLOWING_CASES)
def test_flowing_text_kept(raw, paragraphs):
    text, _ = repair_text(raw)
    assert text.split("\n") == paragraphs


WIDTH_CASES = [  # raw                       repaired
    ("ＲＣＥＰ在２０２０年簽署", "RCEP在2020年簽署"),
    ("（一）「前言」，。", "（一）「前言」，。"),  # CJK punctuation stays full-width
    ("ｇ２０", "g20"),
]


@pytest.mark.parametrize(("raw", "repaired"), WIDTH_CASES)
def test_width(raw, repaired):
    assert narrow(raw) == repaired
    assert repair_text(raw)[0] == repaired


def test_display_width():
    assert (display_width("中文"), display_width("ab"), display_width("中a")) == (4, 2, 3)


def _round_trip(raw: str) -> None:
    """Every repaired character is its raw character (narrowed), or a space / newline standing for raw
    whitespace; offsets only grow; the map has one entry per character plus the end."""
    text, offsets = repair_text(raw)
    assert len(offsets) == len(text) + 1
    assert offsets.raw(len(text)) == len(raw)
    previous = -1
    for i, ch in enumerate(text):
        pos = offsets.raw(i)
        assert pos > previous
        previous = pos
        if ch in " \n":
            assert raw[pos].isspace(), (i, ch, raw[pos])
        else:
            assert narrow(raw[pos]) == ch, (i, ch, raw[pos])


@pytest.mark.parametrize("raw", [case[0] for case in REFLOW_CASES + FLOWING_CASES + WIDTH_CASES])
def test_offsets_round_trip_cases(raw):
    _round_trip(raw)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_offsets_round_trip_fixtures(path):
    _round_trip(path.read_text(encoding="utf-8"))


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared (the seeds)")
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_offsets_round_trip_seeds(path):
    _round_trip(path.read_text(encoding="utf-8"))


def test_no_space_between_cjk():
    """A space in the repaired broken text is never one repair wrote between two CJK characters."""
    raw = (FIXTURES / "report_broken_tw.txt").read_text(encoding="utf-8")
    text, offsets = repair_text(raw)
    for i, ch in enumerate(text):
        if ch == " ":
            assert raw[offsets.raw(i)] == " "  # a raw space, not a raw newline, except at Latin joins
    assert "Shangri-La Dialogue" in text


def test_raw_span_shows_the_original():
    raw = (FIXTURES / "report_broken_tw.txt").read_text(encoding="utf-8")
    doc = repair(RawDoc(raw, Meta(path="x.txt", format="txt"), "sha"))
    start = doc.text.index("前所未有")
    raw_span = doc.offsets.raw_span(Span(start, start + 4))
    assert raw[raw_span.start : raw_span.end] == "前\n\n所未有"  # the evidence spans the raw line break
    assert (doc.id, doc.raw, doc.meta.path) == ("sha", raw, "x.txt")


def test_headings_and_bullets_not_glued():
    raw = (FIXTURES / "report_broken_tw.txt").read_text(encoding="utf-8")
    paragraphs = repair_text(raw)[0].split("\n")
    assert paragraphs[:2] == ["三、東海情勢與日中海上聯絡機制", "國立北辰大學國際事務研究所副教授葉文淵主稿"]
    assert "（一）前言" in paragraphs and "（三）結語" in paragraphs
    assert paragraphs[3] == "美日同盟強化對東海的共同巡弋，北京恐以擴大海警執法作為回應。"
