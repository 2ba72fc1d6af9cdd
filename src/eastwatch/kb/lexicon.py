"""Helpers for lexicon files: curators write Traditional script, texts come in both."""

from __future__ import annotations

import re
from collections.abc import Iterable

from eastwatch.kb.variants import to_simplified


def both_scripts(words: Iterable[str] | None) -> tuple[str, ...]:
    """Each word and its Simplified form, longest first (so prefix checks try the longest word first)."""
    forms = {form for word in words or () for form in (word, to_simplified(word))}
    return tuple(sorted(forms, key=lambda w: (-len(w), w)))


def chars_both_scripts(chars: str) -> str:
    """A string of single characters plus their Simplified forms."""
    return "".join(dict.fromkeys(chars + to_simplified(chars)))


def any_of(words: Iterable[str]) -> re.Pattern[str]:
    """One regex for a word list (longest first), so a check is one search, not one `in` per word; a
    pattern that never matches for an empty list."""
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)")
