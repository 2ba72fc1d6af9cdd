"""Every ISO 3166-1 state as a knowledge-base record, from pycountry and its Chinese translations.

Names: zh-Hant from the zh_TW catalogue, zh-Hans from zh_CN, English common name; the zh_HK forms,
official names and parenthesised parts become aliases. The records have the same shape as the YAML
ones, so states-extra.yaml (and users' files) can add the forms real texts use (南韓, 中共, 華府).
"""

from __future__ import annotations

import copy
import gettext
import re
from functools import lru_cache
from typing import Any

import pycountry

SOURCE = "ISO 3166-1 (pycountry) with its zh_TW, zh_CN and zh_HK translations"
_LOCALES = {"zh-Hant": "zh_TW", "zh-Hans": "zh_CN", "alias": "zh_HK"}
_PARENS = re.compile(r"\s*[(（]([^)）]*)[)）]\s*")


def state_records() -> list[dict[str, Any]]:
    """Fresh copies (the loader merges curated forms into them)."""
    return copy.deepcopy(list(_records()))


@lru_cache(maxsize=1)
def _records() -> tuple[dict[str, Any], ...]:
    catalogues = {key: _catalogue(locale) for key, locale in _LOCALES.items()}
    return tuple(_record(country, catalogues) for country in pycountry.countries)


def _catalogue(locale: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)


def _record(country: Any, catalogues: dict[str, gettext.NullTranslations]) -> dict[str, Any]:
    english = _split(getattr(country, "common_name", None) or country.name)
    official = getattr(country, "official_name", None)
    sources = [country.name, *([official] if official else [])]
    names: dict[str, list[str]] = {}
    aliases: list[str] = []
    for key, catalogue in catalogues.items():
        forms = [form for source in sources for form in _split(_translate(catalogue, source))]
        if key == "alias":
            aliases += forms
        elif forms:
            names[key], aliases = forms[:1], aliases + forms[1:]
    # "Korea, Republic of" is how ISO sorts names, not how anyone writes them.
    aliases += [name for name in (country.name, official) if name and "," not in name and name not in english]
    names["en"] = english
    record: dict[str, Any] = {"id": f"state/{country.alpha_3}", "names": names, "country": country.alpha_3}
    record["aliases"] = [alias for alias in dict.fromkeys(aliases) if alias not in _all(names)]
    record["source"] = SOURCE
    return record


def _translate(catalogue: gettext.NullTranslations, text: str) -> str | None:
    translated = catalogue.gettext(text)
    return translated if translated != text else None


def _split(text: str | None) -> list[str]:
    """'教廷 (梵蒂岡城市國)' -> ['教廷', '梵蒂岡城市國', '教廷 (梵蒂岡城市國)']."""
    if not text:
        return []
    inner = _PARENS.findall(text)
    outer = _PARENS.sub("", text).strip()
    return [outer, *inner, text] if inner else [text]


def _all(names: dict[str, list[str]]) -> set[str]:
    return {name for forms in names.values() for name in forms}
