"""Script variants of names: curators write one script, texts come in both.

Traditional forms are converted to Simplified (OpenCC t2s) and back (s2tw for Taiwan usage, s2t for
OpenCC's standard forms, which mainland "traditional" texts use: 爲, 裏). 臺 and 台 are both current
in Taiwan (臺灣 official, 台灣 everyday), so every Traditional form gets its twin.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import opencc

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TAI = str.maketrans({"臺": "台", "台": "臺"})
_TO_TAI_FORMAL = str.maketrans({"台": "臺"})


@lru_cache(maxsize=4)
def _converter(config: str) -> opencc.OpenCC:
    """OpenCC loads its dictionaries on construction; build each converter once per process."""
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text) if _CJK.search(text) else text


def to_traditional(text: str) -> list[str]:
    if not _CJK.search(text):
        return [text]
    return unique([_converter("s2tw").convert(text), _converter("s2t").convert(text)])


def tai_twin(text: str) -> str | None:
    """臺灣 -> 台灣 and 台海 -> 臺海 (one swap of every 臺/台), or None when there is neither or the
    text is Simplified (台湾 has no Traditional twin 臺湾)."""
    if "臺" not in text and ("台" not in text or not _is_traditional(text)):
        return None
    return text.translate(_TAI)


def _is_traditional(text: str) -> bool:
    formal = text.translate(_TO_TAI_FORMAL)
    return formal == _converter("s2tw").convert(text).translate(_TO_TAI_FORMAL)


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def with_twins(forms: Iterable[str]) -> list[str]:
    out: list[str] = []
    for form in forms:
        out.append(form)
        if twin := tai_twin(form):
            out.append(twin)
    return unique(out)


def expand_names(names: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Given names first (the first stays preferred), then the other script's conversions."""
    hant, hans = names.get("zh-Hant", []), names.get("zh-Hans", [])
    out: dict[str, tuple[str, ...]] = {}
    all_hant = with_twins([*hant, *(form for name in hans for form in to_traditional(name))])
    all_hans = unique([*hans, *(to_simplified(name) for name in hant)])
    if all_hant:
        out["zh-Hant"] = tuple(all_hant)
    if all_hans:
        out["zh-Hans"] = tuple(all_hans)
    if names.get("en"):
        out["en"] = tuple(unique(names["en"]))
    return out


def expand_forms(forms: Iterable[str]) -> tuple[str, ...]:
    """Aliases, titles and metonyms in any script: each form, its other script, its 臺/台 twin."""
    out: list[str] = []
    for form in forms:
        out.append(form)
        if _CJK.search(form):
            out.append(to_simplified(form))
            out += to_traditional(form)
    return tuple(with_twins(out))
