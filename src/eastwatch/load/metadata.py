"""Cleaning of the metadata values files carry: placeholders that name no one are dropped."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

PLACEHOLDER_DATA = Path(__file__).with_name("metadata.yaml")


@cache
def placeholders() -> frozenset[str]:
    data = yaml.safe_load(PLACEHOLDER_DATA.read_text(encoding="utf-8"))
    return frozenset(value.casefold() for value in data["placeholders"])


def clean(value: object) -> str | None:
    """A metadata value as text, or None for a non-string, a blank or a placeholder ("Administrator")."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if value and value.casefold() not in placeholders() else None
