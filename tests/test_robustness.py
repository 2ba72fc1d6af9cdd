"""Odd input never breaks the pipeline: random mixtures of the genre's hardest pieces (impossible dates,
unbalanced brackets, headings and bylines out of place, names and cues without context) must extract, and
every span must point at its own text."""

from __future__ import annotations

import random

import pytest

from eastwatch import api, pipeline
from eastwatch.model import Meta, RawDoc
from eastwatch.present.contract import to_contract
from eastwatch.repair import repair

WORDS = """
2月30日 13月 民國0年 0年 99999年 一九九九年十三月 2023年2月29日 31日至1日 12月32日 去年13月 本月0日 上旬
年底前 二〇二〇 第0號 ( （ ） 「 」 ， 。 中日韓 美日 訪日 會談 簽署 將 可能 有待觀察 王毅 安倍 尹錫悅 北韓
日本 韓國 中國 外長 總統 首相 與 在 於 向 就 雙方 三國 兩國 峰會 制裁 發射 Camp KCNA RCEP 1 25 、 至 - ／
記者 電 主稿 教授 （一） 一、 壹、 1. 第一章 • … % 億美元 萬人 中共中央 （中央社記者 台北22日電）
"""
PIECES = [*WORDS.split(), "\n\n", " ", "\u3000", "Camp David"]
CASES = 400


@pytest.fixture(scope="module")
def kb():
    return api.knowledge()


@pytest.mark.parametrize("seed", range(4))
def test_random_mixtures_extract_and_spans_hold(kb, seed):
    rng = random.Random(seed)
    for _ in range(CASES // 4):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60)))
        date = rng.choice([None, "2020", "2020-02", "2020-02-29", "1999-12-31"])
        doc = pipeline.run(repair(RawDoc(text, Meta(path="case.txt", format="txt", date=date), "x")), kb)
        data = to_contract(doc, kb)
        for row in [*data["times"], *(m for e in data["entities"] for m in e["mentions"])]:
            assert doc.text[row["start"] : row["end"]] == row["text"]
