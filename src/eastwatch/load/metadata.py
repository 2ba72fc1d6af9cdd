"""Cleaning of the metadata values files carry: placeholders that name no one are dropped."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

PLACEHOLDER_DATA = Path(__file__).with_name("metadata.yaml")


@cache
def _data() -> dict:
    return yaml.safe_load(PLACEHOLDER_DATA.read_text(encoding="utf-8"))


def placeholders() -> frozenset[str]:
    return frozenset(value.casefold() for value in _data()["placeholders"])


def clean_date(iso: str | None) -> str | None:
    """An ISO date from file metadata, or None when it is a tool's stand-in (2000-01-01, the epochs)."""
    return None if iso is None or iso in _data()["placeholder_dates"] else iso


def clean(value: object) -> str | None:
    """A metadata value as text, or None for a non-string, a blank or a placeholder ("Administrator")."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if value and value.casefold() not in placeholders() else None
