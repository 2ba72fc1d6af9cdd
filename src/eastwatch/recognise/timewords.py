"""The time lexicon (kb/data/lexicons/times.yaml) in both scripts, loaded once per process.

The recogniser takes no KB (`find_times(text)` is a pure function), so it reads its own bundled file; the
words are written in Traditional script and their Simplified forms are generated here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from eastwatch.kb.lexicon import both_scripts, chars_both_scripts
from eastwatch.kb.variants import to_simplified

LEXICON_PATH = Path(__file__).resolve().parents[1] / "kb" / "data" / "lexicons" / "times.yaml"


@dataclass(frozen=True, slots=True)
class RelWord:
    unit: str  # year, month, week, day
    offset: int
    mode: str  # deictic, anaphoric


@dataclass(frozen=True, slots=True)
class Part:
    """A part of a year (months first..last) or of a month (days first..last; last 0 = the month's end)."""

    first: int
    last: int
    bare: bool  # may stand without a year or month before it (年底前) ; 年中 and 月中 may not


@dataclass(frozen=True)
class TimeLexicon:
    relative: dict[str, RelWord]
    relative_blockers: tuple[str, ...]
    day_word_blockers: str
    left_blockers: dict[str, str]  # first character of a word -> characters that may not precede it
    recent_words: tuple[str, ...]
    recent_days: int
    year_parts: dict[str, Part]
    month_parts: dict[str, Part]
    follower_parts: tuple[str, ...]
    part_followers: str
    part_blockers: dict[str, tuple[str, ...]]
    offset_before: tuple[str, ...]
    offset_after: tuple[str, ...]
    not_after_number: tuple[str, ...]
    year_nouns: tuple[str, ...]
    sets: dict[str, str]
    set_blockers: tuple[str, ...]
    vague: tuple[str, ...]
    future_cues: tuple[str, ...]
    since_cues: tuple[str, ...]
    since_ends: tuple[str, ...]
    roc_markers: tuple[str, ...]
    future_re: re.Pattern[str]  # the word lists above as one regex each: a search per cue, not one per word
    since_re: re.Pattern[str]
    since_end_re: re.Pattern[str]
    traditional_chars: str
    simplified_chars: str

    def part(self, unit: str, word: str) -> Part | None:
        return (self.year_parts if unit == "year" else self.month_parts).get(word)


def _words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))


def _both_keys(table: dict[str, Any]) -> dict[str, Any]:
    out = dict(table)
    for key, value in table.items():
        out.setdefault(to_simplified(key), value)
    return out


def _parts(raw: dict[str, dict[str, Any]], key: str) -> dict[str, Part]:
    out = {}
    for word, spec in raw.items():
        first, last = spec[key]
        out[word] = Part(int(first), 0 if last == "end" else int(last), bool(spec.get("bare", True)))
    return _both_keys(out)


def build(data: dict[str, Any]) -> TimeLexicon:
    relative = {word: RelWord(spec["unit"], int(spec["offset"]), spec["mode"])
                for word, spec in data["relative"].items()}
    future, since, since_ends = (both_scripts(data[key]) for key in ("future_cues", "since_cues", "since_ends"))
    return TimeLexicon(
        relative=_both_keys(relative),
        relative_blockers=both_scripts(data["relative_blockers"]),
        day_word_blockers=chars_both_scripts(data["day_word_blockers"]),
        left_blockers=_both_keys({k: chars_both_scripts(v) for k, v in data["left_blockers"].items()}),
        recent_words=both_scripts(data["recent_days"]["words"]),
        recent_days=int(data["recent_days"]["days"]),
        year_parts=_parts(data["year_parts"], "months"),
        month_parts=_parts(data["month_parts"], "days"),
        follower_parts=tuple(data["follower_parts"]),
        part_followers=chars_both_scripts(data["part_followers"]),
        part_blockers=_both_keys({k: both_scripts(v) for k, v in data["part_blockers"].items()}),
        offset_before=both_scripts(data["offset_before"]),
        offset_after=both_scripts(data["offset_after"]),
        not_after_number=both_scripts(data["not_after_number"]),
        year_nouns=both_scripts(data["year_nouns"]),
        sets=_both_keys(data["sets"]),
        set_blockers=both_scripts(data["set_blockers"]),
        vague=both_scripts(data["vague"]),
        future_cues=future,
        since_cues=since,
        since_ends=since_ends,
        roc_markers=tuple(data["roc_markers"]),
        future_re=_words_re(future),
        since_re=_words_re(since),
        since_end_re=_words_re(since_ends),
        traditional_chars=data["traditional_chars"],
        simplified_chars=data["simplified_chars"],
    )


@lru_cache(maxsize=1)
def lexicon() -> TimeLexicon:
    """The bundled lexicon, parsed once per process."""
    with LEXICON_PATH.open(encoding="utf-8") as fh:
        return build(yaml.safe_load(fh))


def is_simplified(text: str, lex: TimeLexicon) -> bool:
    """More Simplified-only than Traditional-only characters among a fixed set of frequent ones."""
    trad = sum(text.count(ch) for ch in lex.traditional_chars)
    simp = sum(text.count(ch) for ch in lex.simplified_chars)
    return simp > trad


def is_roc_text(text: str, lex: TimeLexicon) -> bool:
    """A Taiwanese text: ROC years (112年, 109-08-15) are read as such only here."""
    if "民國" in text or "民国" in text:
        return True
    return any(marker in text for marker in lex.roc_markers) and not is_simplified(text, lex)
