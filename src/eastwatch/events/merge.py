"""One event per real event: mentions of the same event (same type, same states, compatible dates) merge
into one event that carries all their spans and the most precise date."""

from __future__ import annotations

from dataclasses import replace

from eastwatch.dates import iso_bounds
from eastwatch.model import Event


def same_event(a: Event, b: Event, ignore_date: bool = False) -> bool:
    if a.type != b.type or set(a.source_countries + a.target_countries) != set(b.source_countries + b.target_countries):
        return False
    if (a.negated, a.planned, a.hypothetical) != (b.negated, b.planned, b.hypothetical):
        return False  # a planned visit is not the visit that happened
    if ignore_date or a.date is None or b.date is None:
        return True
    (a0, a1), (b0, b1) = iso_bounds(a.date), iso_bounds(b.date)
    return bool(a0 and a1 and b0 and b1 and a0 <= b1 and b0 <= a1)


def merge_into(events: list[Event], new: Event, back_reference: bool = False) -> None:
    """Add `new` to `events`, or fold it into the latest event it repeats."""
    for i in range(len(events) - 1, -1, -1):
        old = events[i]
        if same_event(old, new, ignore_date=back_reference):
            events[i] = _combine(old, new)
            return
    events.append(new)


def _combine(old: Event, new: Event) -> Event:
    date, source = old.date, old.date_source
    if new.date and (date is None or _width(new.date) < _width(date)):
        date, source = new.date, new.date_source
    mentions = tuple(sorted(set(old.mentions) | set(new.mentions) | {new.trigger}))
    return replace(old, date=date, date_source=source, mentions=mentions, location=old.location or new.location,
                   actors=tuple(dict.fromkeys(old.actors + new.actors)),
                   recipients=tuple(dict.fromkeys(old.recipients + new.recipients)))


def _width(value: str) -> int:
    first, last = iso_bounds(value)
    return (last - first).days if first and last else 10**6
