"""judgments: the authors' analytic judgments and forecasts, with ICD 203 likelihood.

A unit is a key point, or a body sentence (split again at ；). It is a judgment when it carries estimative
language; a weak cue alone (將, 會: everyday future markers; 意味, 顯示: narration as often as assessment)
counts only in a key point, in a concluding section, or beside a word that looks ahead, and not as the
consequence in a conditional. Reported speech is left out, so each judgment is the author's own. A body
sentence that develops a key point is kept: it is the evidence for it, often with a finer judgment.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from eastwatch.judgments.hedges import find_cues, has_future, is_conditional, is_reported
from eastwatch.model import Document, Judgment, Span

if TYPE_CHECKING:
    from eastwatch.kb import KB

CONCLUSION_HEADINGS = re.compile(r"結語|結論|總結|小結|展望|评估|評估|結语|结语|结论|总结|小结")
UNIT_SPLIT = re.compile(r"[；;]")
CLAUSE_BREAK = re.compile(r"[，,：:]")
# A reporting verb that ends its clause speaks the next one: X表示，… / 據報導，… / X強調：…
REPORTING_END = re.compile(r"(?:表示|指出|強調|强调|稱|称|說|说|認為|认为|報導|报道|透露|宣稱|宣称|聲稱|声称)"
                           r"[道說说]?$")
TRIM = " \u3000\t\n，。；"
# A comma before one of these turns the sentence to a new point (but, however, meanwhile, as for).
TURN = re.compile(r"，(?=但|然而|不過|不过|只是|惟|同時|同时|此外|另一方面|至於|至于|而且)")


def run(doc: Document, kb: KB) -> None:
    st = doc.structure
    key_spans = [kp.span for kp in st.key_points]
    conclusions = [s.body for s in st.sections if CONCLUSION_HEADINGS.search(s.heading)]
    starts = [m.span.start for m in doc.mentions]
    out = [j for kp in st.key_points if (j := _judge(doc, kb, kp.span, True, True, starts))]
    for sent in st.sentences or _fallback_sentences(doc):
        if any(k.overlaps(sent) for k in key_spans):
            continue
        for unit in _split_turns(doc.text, _units(doc.text, sent), kb):
            concluding = any(c.contains(unit) for c in conclusions)
            j = _judge(doc, kb, unit, False, concluding, starts)
            if j:
                out.append(j)
    doc.judgments = out


def _judge(doc: Document, kb: KB, span: Span, key_point: bool, concluding: bool, starts: list[int]) -> Judgment | None:
    """The judgment `span` holds, if any; `starts` are the mentions' starts (mentions are sorted by start)."""
    text = doc.at(span)
    cues = find_cues(text, kb)
    if not cues:
        return None
    said = _clause_before(text, cues[0].start, previous=cues[0].weak or _frames_next(text, cues[0].start))
    if not key_point and is_reported(said, kb):
        return None
    strong = [c for c in cues if not c.weak]
    if not strong and not key_point and is_conditional(text, kb):
        return None
    if not strong and not (key_point or concluding or _other_future(text, cues, kb)):
        return None
    cue = cues[0]
    forecast = any(c.future for c in cues) or has_future(text, kb)
    inside = doc.mentions[bisect_left(starts, span.start) : bisect_left(starts, span.end)]
    subjects = tuple(sorted({m.country for m in inside if m.span.end <= span.end and m.country and m.type == "state"}))
    return Judgment(span, text, cue.likelihood, forecast, cue=cue.text, subjects=subjects, key_point=key_point)


def _frames_next(text: str, pos: int) -> bool:
    """The clause before `pos` ends in a reporting verb (X表示，… / 據報導，…): it frames this one."""
    breaks = [m for m in CLAUSE_BREAK.finditer(text, 0, pos)]
    return bool(breaks) and REPORTING_END.search(text, 0, breaks[-1].start()) is not None


def _clause_before(text: str, pos: int, previous: bool) -> str:
    """The cue's clause up to `pos`, with the clause before it when `previous`: reported speech governs
    the clause right after it (中方表示，兩國關係將…), not a whole long sentence."""
    breaks = [0] + [m.end() for m in CLAUSE_BREAK.finditer(text, 0, pos)]
    return text[breaks[-2] if previous and len(breaks) > 1 else breaks[-1] : pos]


def _other_future(text: str, cues: list, kb: KB) -> bool:
    """A look-ahead word besides the cues themselves (未來, 明年, 前景)."""
    rest = text
    for c in reversed(cues):
        rest = rest[: c.start] + " " * (c.end - c.start) + rest[c.end :]
    return has_future(rest, kb)


def _units(text: str, sent: Span) -> list[Span]:
    out, start = [], sent.start
    for m in UNIT_SPLIT.finditer(text, sent.start, sent.end):
        out.append(Span(start, m.start()))
        start = m.end()
    out.append(Span(start, sent.end))
    return [s for s in (_trim(text, s) for s in out) if s.end > s.start]


def _split_turns(text: str, units: list[Span], kb: KB) -> list[Span]:
    """A unit that turns (…仍可能引發摩擦，但…恐怕仍需時日) holds two judgments when each side has its own
    cue: it is split at the turn. Additive turns (更甚者, 甚至) continue one judgment and are not split."""
    out = []
    for unit in units:
        parts, start = [], unit.start
        for m in TURN.finditer(text, unit.start, unit.end):
            left, right = Span(start, m.start()), Span(m.start() + 1, unit.end)
            if find_cues(text[left.start : left.end], kb) and find_cues(text[right.start : right.end], kb):
                parts.append(left)
                start = right.start
        parts.append(Span(start, unit.end))
        out += [s for s in (_trim(text, p) for p in parts) if s.end > s.start]
    return out


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return Span(start, end)


def _fallback_sentences(doc: Document) -> list[Span]:
    """Sentences when no structure was found: split at sentence-final punctuation and line ends."""
    return [Span(m.start(), m.end()) for m in re.finditer(r"[^。！？\n]+[。！？]?", doc.text)]
