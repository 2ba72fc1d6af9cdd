"""Quantities: a number (Arabic, full-width or Chinese, with 萬/億 magnitudes) and its unit (人, 美元, 噸, %).

31萬人 -> 310000 人; 3752億美元 -> 375200000000 美元; 10千噸 -> 10000 噸; 71% -> 71 %; 一百萬 -> 1000000 (no
unit). Not quantities: a bare number without a unit or magnitude (a year, a page), ordinals (第二階段),
codes (G20, 5G, 2+2), and counting words for abstractions (5項共識, 4點原則: units.yaml leaves them out).
Times (300天, 8年) are the time recogniser's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from eastwatch.kb.lexicon import both_scripts
from eastwatch.kb.variants import to_simplified
from eastwatch.model import Document, Quantity, Span
from eastwatch.recognise.numerals import ARABIC_NUMBER, to_number

UNITS_PATH = Path(__file__).resolve().parents[1] / "kb" / "data" / "lexicons" / "units.yaml"
S = r"\s{0,4}"
MAGNITUDES = "十百千萬万億亿兆"
BIG_MAGNITUDES = "萬万億亿兆"
# A Chinese number this small without a magnitude (一人, 一名) is an article more often than a count.
MIN_CHINESE_COUNT = 2
# A Chinese number starts with a digit or 十: 百姓, 千萬 (by all means) are words, not numbers.
_IDIOM_NUMERALS = "一二三四五六七八九十百千萬万兩两"
_CHINESE = "[〇○零一二三四五六七八九十兩两][〇○零一二三四五六七八九十百千兩两]*"


@dataclass(frozen=True)
class Units:
    pattern: re.Pattern[str]
    canonical: dict[str, str]  # surface form -> canonical unit
    approximate: tuple[str, ...]


@lru_cache(maxsize=1)
def units() -> Units:
    with UNITS_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    canonical: dict[str, str] = {}
    for unit, forms in data["units"].items():
        for form in both_scripts(forms):
            canonical.setdefault(form, unit)
    blockers = {form: chars + to_simplified(chars) for key, chars in data["unit_blockers"].items()
                for form in both_scripts([key])}
    alts = [re.escape(form) + (f"(?![{re.escape(blockers[form])}])" if form in blockers else "")
            for form in sorted(canonical, key=lambda f: (-len(f), f))]
    approx = both_scripts(data["approximate"])
    approx_re = "(?:" + "|".join(map(re.escape, approx)) + ")?"
    qualifiers = "|".join(map(re.escape, both_scripts(data["qualifiers"])))
    pattern = (
        r"(?<![0-9０-９.．A-Za-zＡ-Ｚａ-ｚ+＋第])"
        rf"(?:百分之(?P<pct>{ARABIC_NUMBER}|{_CHINESE})"
        rf"|(?P<num>(?:{ARABIC_NUMBER}|{_CHINESE})(?:{S}{approx_re}[{MAGNITUDES}]+)?){approx_re}"
        rf"(?:{S}(?P<unit>{'|'.join(alts)}))?)"
        rf"(?:{S}(?:{qualifiers}))?"
        r"(?![0-9０-９A-Za-zＡ-Ｚａ-ｚ+＋])"
    )
    return Units(re.compile(pattern), canonical, approx)


def _value(text: str, approx: tuple[str, ...]) -> float | None:
    for word in approx:
        text = text.replace(word, "")
    return to_number(text)


def _keep(number: str, unit: str | None, value: float, next_char: str) -> bool:
    """A unit, or a magnitude of its own (5萬, 一百萬); small Chinese numbers only with a unit, and not in a
    four-character idiom that pairs numbers (三位一體, 一人一票)."""
    chinese = not re.match(r"[0-9０-９]", number)
    if chinese and value < MIN_CHINESE_COUNT and not any(m in number for m in MAGNITUDES):
        return False
    if chinese and next_char and next_char in _IDIOM_NUMERALS:
        return False
    return bool(unit) or any(m in number for m in BIG_MAGNITUDES)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, left to right; offsets into `text`."""
    table = units()
    out = []
    for match in table.pattern.finditer(text):
        if match.group("pct"):
            value = to_number(match.group("pct"))
            if value is not None:
                out.append(Quantity(Span(match.start(), match.end()), match.group(), value, "%"))
            continue
        number, unit = match.group("num"), match.group("unit")
        value = _value(number, table.approximate)
        if value is None or not _keep(number, unit, value, text[match.end() : match.end() + 1]):
            continue
        out.append(Quantity(Span(match.start(), match.end()), match.group(), value,
                            table.canonical.get(unit) if unit else None))
    return out


def run(doc: Document) -> None:
    """Fill `doc.quantities`, leaving out anything that overlaps a time expression already found."""
    spans = sorted(timex.span for timex in doc.times)
    starts = [span.start for span in spans]
    doc.quantities = [q for q in find_quantities(doc.text) if not _overlaps_any(q.span, spans, starts)]


def _overlaps_any(span: Span, spans: list[Span], starts: list[int]) -> bool:
    """Whether `span` overlaps one of `spans` (sorted; they do not overlap each other)."""
    index = bisect_right(starts, span.start) - 1
    return any(0 <= i < len(spans) and spans[i].overlaps(span) for i in (index, index + 1))
