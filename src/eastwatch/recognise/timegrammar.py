"""The surface grammar of Chinese time expressions, as regular expressions built from the lexicon.

Each form (a full date, a bare month, a relative word, a duration ...) is one pattern with named groups.
The scanner is one compiled alternation of every form with the names stripped, so the text is read once;
the form that matched is then read again with its own pattern to pull out the fields. At one position the
first form in FORM_ORDER that matches wins, so longer and more specific forms come first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eastwatch.recognise.numerals import YEAR_DIGIT
from eastwatch.recognise.timewords import TimeLexicon, lexicon

# Spaces PDF extraction leaves inside dates ("2023 年 11 月"), and a line break or two from the layout.
S = r"\s{0,4}"
_NO_DIGIT_BEFORE = r"(?<![0-9０-９.．A-Za-zＡ-Ｚａ-ｚ])"
_NO_DIGIT_AFTER = r"(?![0-9０-９])"
_NO_CN_BEFORE = r"(?<![〇○零一二三四五六七八九十百千萬万億亿兩两廿卅第每])"

Y4 = _NO_DIGIT_BEFORE + r"[12１２][0-9０-９]{3}" + _NO_DIGIT_AFTER
YC4 = _NO_CN_BEFORE + YEAR_DIGIT + "{4}"
ROC3 = _NO_DIGIT_BEFORE + r"[1１][0-9０-９]{2}" + _NO_DIGIT_AFTER  # ROC 100-199 = 2011-2110
ROC2 = _NO_DIGIT_BEFORE + r"[3-9３-９][0-9０-９]" + _NO_DIGIT_AFTER  # ROC 30-99, only with a month after
MONTH = (_NO_DIGIT_BEFORE + r"(?:[1１][0-2０-２]|[0０]?[1-9１-９])" + _NO_DIGIT_AFTER
         + r"|" + _NO_CN_BEFORE + r"(?:十[一二]?|[一二三四五六七八九])")
DAY_A = _NO_DIGIT_BEFORE + r"(?:[3３][01０１]|[12１２][0-9０-９]|[0０]?[1-9１-９])" + _NO_DIGIT_AFTER
_CN_1_9 = "[一二三四五六七八九]"
DAY_C = rf"(?:三十一?|卅一?|二十{_CN_1_9}?|廿{_CN_1_9}?|十{_CN_1_9}?|{_CN_1_9})"
DAY_SEP = r"(?:、|及|和|與|与|至|到|[-－~～〜—–])"
DAY_UNIT = r"[日號号]"
WEEK = r"(?:週|周|星期|禮拜|礼拜)"
RANGE_SEP = r"(?:至|到|[-－~～〜—–])"
YEAR_LIST_SEP = r"(?:以及|或是|與|与|和|及|跟|或|、)"
BEFORE = r"(?:以前|之前|前)"
AFTER = r"(?:以後|以后|之後|之后|過後|过后|後|后)"
# Counts for durations: Arabic (up to 3 digits: 4 are a year), Chinese (not 百年, 千年: centuries, not
# counts), or vague (數年, 幾個月, 十多年: value None or the round number).
NUM_A = _NO_DIGIT_BEFORE + r"[0-9０-９]{1,3}(?:[.．][0-9０-９]+)?" + _NO_DIGIT_AFTER
NUM_C_BARE = r"(?![百千])[〇○零一二三四五六七八九十百兩两]{1,4}"
NUM_C = _NO_CN_BEFORE + NUM_C_BARE
NUM_V = r"(?:[數数幾几]" + S + r"十?|[一二三四五六七八九]?十[幾几])"
APPROX = r"(?:多|餘|余|來|来)?"


def _alt(words: tuple[str, ...] | list[str]) -> str:
    """An alternation of literal words, longest first (the regex engine takes the first that fits)."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


def _words(words: list[str] | tuple[str, ...], lex: TimeLexicon) -> str:
    """Lexicon words, longest first, each guarded on the left (本年 not in 日本年度) and, for words ending in
    日, on the right (當日 not in 當日本政府)."""
    alts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        left = lex.left_blockers.get(word[0])
        guard = f"(?<![{re.escape(left)}])" if left else ""
        right = f"(?![{re.escape(lex.day_word_blockers)}])" if word.endswith("日") else ""
        alts.append(guard + re.escape(word) + right)
    return "(?:" + "|".join(alts) + ")"


def _not_followed(words: tuple[str, ...]) -> str:
    return "(?!" + _alt(words) + ")" if words else ""


def _parts(lex: TimeLexicon, unit: str, bare: bool) -> str:
    """Part words of a year or month with their guards: 中 needs a clause end after it, 初 not 初步."""
    table = lex.year_parts if unit == "year" else lex.month_parts
    followers = "[" + re.escape(lex.part_followers) + "]"
    alts = []
    for word in sorted(table, key=lambda w: (-len(w), w)):
        if bare and not table[word].bare:
            continue
        if word in lex.follower_parts:
            alts.append(re.escape(word) + f"(?={followers}|$)")
        else:
            alts.append(re.escape(word) + _not_followed(lex.part_blockers.get(word, ())))
    return "(?:" + "|".join(alts) + ")"


def _rel(lex: TimeLexicon, unit: str) -> str:
    return _words([w for w, rel in lex.relative.items() if rel.unit == unit], lex)


def _year(roc: bool) -> str:
    """A year before 年: Arabic, Chinese digit by digit, 民國 N, and in ROC texts a bare ROC year (112年)."""
    # a bare ROC year is never a span of years (建黨100年來: a hundred years, not ROC 100)
    span_after = rf"(?!{S}年{S}(?:以來|以来|來|来|之久|多|半))"
    roc_years = rf"|(?P<r3>{ROC3}){span_after}|(?P<r2>{ROC2})(?={S}年{S}(?:{MONTH}){S}月)" if roc else ""
    return (rf"(?:(?P<y4>{Y4})|(?P<yc>{YC4})|民[國国]{S}(?P<roc>[0-9０-９]{{1,3}}|[一二三四五六七八九十百]{{1,5}})"
            rf"{roc_years})")


def _duration(lex: TimeLexicon) -> str:
    """4年 3個月, 1年半, 三個多月, 兩週, 300天, 半年 (a count, or 數/幾 for a vague one)."""
    count = rf"(?:{NUM_A}|{NUM_C}|{NUM_V})"
    lead = rf"(?P<n>{count}){S}(?P<approx>{APPROX}){S}{_not_followed(lex.not_after_number)}"
    return (
        rf"(?:{lead}(?:(?P<uy>年)(?:{S}(?P<hy>半))?(?:{S}[又零]?{S}(?P<n2>{count}){S}{APPROX}{S}[個个]{S}月)?"
        rf"|(?P<um>[個个]){S}(?P<hm>半)?{S}(?:多{S})?月(?:{S}(?P<hm2>半))?"
        rf"|(?P<uw>(?:[個个]{S})?(?:週|周|星期|禮拜|礼拜))(?![年刊報报])|(?P<ud>天))"
        rf"(?:{S}[又零]?{S}(?P<n3>{count}){S}天)?"
        rf"|(?P<half>半){S}(?:(?P<hy2>年)|[個个]{S}月))"
    )


def _calendar_forms(lex: TimeLexicon, roc: bool, month_tail: str) -> dict[str, str]:
    """Forms written with numbers: dates, years, decades, ranges."""
    decade = r"(?:[12１２][0-9０-９]{2}[0０]|[1-9１-９][0０]|[〇○一二三四五六七八九][〇○十])"
    century = r"(?P<cent>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})"
    ypart = _parts(lex, "year", False)
    return {
        "iso": rf"(?P<y>{rf'{Y4}|{ROC3}' if roc else Y4})(?P<sep>[-/．.])(?P<m>[01０１]?[0-9０-９])(?P=sep)"
               rf"(?P<d>[0-3０-３]?[0-9０-９]){_NO_DIGIT_AFTER}",
        "yrange": rf"(?P<y>{Y4}){S}{RANGE_SEP}{S}(?P<y2>{Y4})(?:{S}年(?!{S}代))?",
        "ylist": rf"(?P<y>{Y4})(?={S}{YEAR_LIST_SEP}{S}{Y4}{S}年)",
        "decade": rf"(?:{century}{S}世[紀纪]{S})?(?P<dec>{decade}){S}年代",
        "century": rf"(?:{century}|(?P<last>上{S}[個个]?)){S}世[紀纪](?:{S}(?P<dec>{decade}){S}年代)?",
        "date": rf"{_year(roc)}{S}{_not_followed(lex.not_after_number)}年(?:{S}(?P<fy>度))?"
                rf"(?:{S}(?:年{S})?(?P<ypart>{ypart})|{S}{month_tail})?",
        "ynoun": rf"(?P<y>{Y4})(?={S}{_alt(lex.year_nouns)})",
        "pday": rf"(?P<word>[昨今明]){S}[（(]{S}(?P<d>{DAY_A}){S}[）)]{S}{DAY_UNIT}",
        # 週二, 上週三, 星期日（5日）: a weekday, with the day of the month in brackets in news copy
        "weekday": rf"(?P<week>[上下本這这]{S}[個个]?{S})?{WEEK}(?P<wd>[一二三四五六日天])(?![年刊報报])"
                   rf"(?:{S}[（(]{S}(?P<d>{DAY_A}){S}{DAY_UNIT}?{S}[）)])?",
    }


def _word_forms(lex: TimeLexicon, month_tail: str, days: str) -> dict[str, str]:
    """Forms led by a word: relative words and their combinations, sets, parts, vague words."""
    ypart, mpart = _parts(lex, "year", False), _parts(lex, "month", False)
    return {
        "rel": rf"(?:(?P<ry>{_rel(lex, 'year')}){_not_followed(lex.relative_blockers)}"
               rf"(?:{S}(?:年{S})?(?P<ypart>{ypart})|{S}{month_tail})?"
               rf"|(?P<rm>{_rel(lex, 'month')})(?:{S}(?P<d1>{days}){S}{DAY_UNIT}|{S}(?P<mpart2>{mpart}))?"
               rf"|(?P<rw>{_rel(lex, 'week')})"
               rf"|(?P<rd>{_rel(lex, 'day')})(?![日天晚晨早]){_not_followed(lex.relative_blockers)})",
        "set": rf"(?:{_alt(tuple(lex.sets))}|每{S}(?P<n>{NUM_A}|{NUM_C_BARE}){S}[個个]?{S}"
               rf"(?P<u>年|季|月|週|周|星期|天|日)){_not_followed(lex.set_blockers)}",
        "part": rf"(?<![0-9０-９〇○零一二三四五六七八九十百兩两幾几數数多餘余])"
                rf"(?:年(?P<ypart>{_parts(lex, 'year', True)})|(?P<ypart2>[上下]半年)"
                rf"|月(?P<mpart>{_parts(lex, 'month', True)})|(?P<mpart2>[上中下]旬))",
        "recent": r"(?<![0-9０-９〇○零一二三四五六七八九十])" + _words(lex.recent_words, lex),
        "vague": _words(lex.vague, lex),
    }


def _forms(lex: TimeLexicon, roc: bool) -> dict[str, str]:
    # 24、25日 and 24日至25日: a list or range of days after a month, the unit written once or each time
    days = rf"(?:{DAY_A}(?:{S}{DAY_UNIT}?{S}{DAY_SEP}{S}{DAY_A})*|{DAY_C}(?:{S}{DAY_UNIT}?{S}{DAY_SEP}{S}{DAY_C})*)"
    mpart = _parts(lex, "month", False)
    month_tail = (rf"(?P<m>{MONTH}){S}{_not_followed(lex.not_after_number)}月(?:{S}份)?"
                  rf"(?:{S}(?P<days>{days}){S}{DAY_UNIT}(?![元圓圆幣币]))?(?:{S}(?P<mpart>{mpart}))?")
    duration = _duration(lex)
    return {
        **_calendar_forms(lex, roc, month_tail),
        **_word_forms(lex, month_tail, days),
        "mrange": rf"(?P<m>{MONTH}){S}{DAY_SEP}{S}(?P<m2>{MONTH}){S}月(?:{S}份)?",
        "month": month_tail,
        # a bare 號 day right after a Chinese character is a name's number (萬里鏡1號, 天宮2號), not a date
        "day": rf"(?<![第每])(?P<days>{DAY_A}(?:{S}日?{S}{DAY_SEP}{S}{DAY_A})*){S}"
               rf"(?:日|(?<![\u3400-\u9fff][0-9０-９])(?<![\u3400-\u9fff][0-9０-９]{{2}})[號号])(?![元圓圆幣币])",
        # 三天後 is a date; 睽違/歷經 4年5個月後 is how long a gap lasted (the duration alone matches)
        "offset": rf"(?<!睽違)(?<!睽违)(?<!歷經)(?<!历经)(?<!相隔)(?<!時隔)(?<!时隔)(?<!經過)(?<!经过)"
                  rf"(?P<dur>{duration}){S}(?P<dir>{AFTER}|{BEFORE})",
        "duration": duration,
    }


FORM_ORDER = ("iso", "yrange", "ylist", "decade", "century", "date", "ynoun", "pday", "weekday", "rel", "set", "mrange",
              "month", "day", "part", "recent", "vague", "offset", "duration")


@dataclass(frozen=True)
class Grammar:
    scanner: re.Pattern[str]  # every form, names stripped; lastgroup says which form matched
    forms: dict[str, re.Pattern[str]]  # each form with its named groups


_GROUP_NAME = re.compile(r"\(\?P<\w+>")
_BACKREF = re.compile(r"\(\?P=\w+\)")


def _strip(pattern: str) -> str:
    # the only back-reference (iso's separator) becomes a plain separator class in the scanner
    return _BACKREF.sub("[-/．.]", _GROUP_NAME.sub("(?:", pattern))


# Characters a form can start with, whatever follows: digits, Chinese numerals, 民 (民國), 半 (半年), 數/幾 (數年),
# 每 (每年), 昨/今/明 (昨（6）日). Other forms start with a word of the lexicon or a part word (年底, 月初, 上半年,
# 中旬, 上世紀); for them the first two characters are checked, since 中, 日, 年, 上 start countless other words.
FIRST_CHARS = "0123456789０１２３４５６７８９〇○Ｏ零一二三四五六七八九十百兩两廿卅民半數数幾几每昨今明"
PART_STARTS = ("年初", "年底", "年末", "年尾", "年內", "年内", "月初", "月底", "月末", "月內", "月内", "上半", "下半",
               "上旬", "中旬", "下旬", "上世", "上個", "上个", "星期", "禮拜", "礼拜",
               *(f"{pre}{week}" for pre in "上下本這这" for week in "週周星禮礼"),
               *(f"{week}{day}" for week in "週周" for day in "一二三四五六日天"))


def _prefilter(lex: TimeLexicon) -> str:
    """A lookahead every time expression passes: one character class, then two-character starts."""
    words = [*lex.relative, *lex.sets, *lex.vague, *lex.recent_words, *PART_STARTS]
    seconds: dict[str, set[str]] = {}
    for word in words:
        if word[0] not in FIRST_CHARS:
            seconds.setdefault(word[0], set()).add(word[1] if len(word) > 1 else "")
    pairs = []
    for first, chars in sorted(seconds.items()):
        second = "" if "" in chars else "[" + re.escape("".join(sorted(chars))) + "]"
        pairs.append(re.escape(first) + second)
    return f"(?=[{re.escape(FIRST_CHARS)}]|" + "|".join(pairs) + ")"


@lru_cache(maxsize=2)
def grammar(roc: bool) -> Grammar:
    """The compiled grammar; `roc` adds Republic of China years (112年, 109-08-15) for Taiwanese texts."""
    lex = lexicon()
    forms = _forms(lex, roc)
    alternation = "|".join(f"(?P<{name}>{_strip(forms[name])})" for name in FORM_ORDER)
    # The lookahead rejects most positions with a character test instead of trying every form there
    # (2.8 -> 19 MB/s on the seed text).
    scanner = f"{_prefilter(lex)}(?:{alternation})"
    return Grammar(re.compile(scanner), {name: re.compile(forms[name]) for name in FORM_ORDER})
